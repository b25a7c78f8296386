//! The evaluators' screen: every exercise objective with its team, core capability, standing,
//! automatic rating and the facilitator's; the evidence of the one selected; rating it, writing
//! an observation against it, analysing observations and writing the report from the console.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Binding, Chrome, Draw, Key, Screen};
use crate::lang::Lang;
use crate::report::{self, Rating};
use crate::session::live::Live;
use crate::tui::app::Console;
use crate::tui::said::Said;
use crate::tui::widgets::{Cell, Table, framed};
use crate::tui::words::say;

pub struct Evaluate;

/// The table's column headers.
pub const HEADER: [&str; 7] = [
    "Team",
    "Objective",
    "Capability",
    "Status",
    "Auto",
    "Rated",
    "Obs",
];

pub static KEYS: &[Binding] = &[
    Binding::gives(&[Key::Letter('r')], "rate", "rate the objective", |c, l| {
        c.rate(l, c.cursor)
    }),
    Binding::gives(
        &[Key::Letter('o')],
        "observe",
        "write an observation against the objective",
        |c, l| c.observe(l, c.cursor),
    ),
    Binding::gives(
        &[Key::Letter('a')],
        "analyse",
        "analyse an observation (analysis, root cause)",
        |c, l| c.analyse(l),
    ),
    Binding::gives(
        &[Key::Letter('w')],
        "write report",
        "write the after-action report",
        |c, _| c.write_report_dialog(),
    ),
];

impl Screen for Evaluate {
    fn name(&self) -> &'static str {
        "Evaluate"
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn rows(&self, _: &Console, live: &Live) -> usize {
        live.scenario().objectives.len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        Box::new(evaluate_view(live, console.cursor, console.lang))
    }
}

/// One objective as the evaluator sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalRow {
    pub team: String,
    pub name: String,
    pub capability: String,
    pub status: String,
    pub automatic: Rating,
    /// The facilitator's rating, if given.
    pub rating: Option<Rating>,
    pub comment: Option<String>,
    pub evidence: String,
    /// Observations written against it.
    pub observations: usize,
}

pub struct EvaluateView {
    pub rows: Vec<EvalRow>,
    pub cursor: usize,
    /// "12 observations (3 analysed) · 2 feedback forms · hot wash: 4 items".
    pub summary: String,
}

/// The objectives with their ratings, read off the report the session would write now in
/// `lang` (its objectives, standings and evidence in that language).
pub fn evaluate_view(live: &Live, cursor: usize, lang: Lang) -> EvaluateView {
    let input = report::ReportInput {
        ratings: live.evaluation().clone(),
        lang,
        ..report::ReportInput::default()
    };
    let aar = report::build(live.sim(), &input);
    let rows = aar
        .objectives
        .iter()
        .map(|a| EvalRow {
            team: a.team_name.clone(),
            name: a.name.clone(),
            capability: a.capability.clone().unwrap_or_default(),
            status: a.status.word(lang).to_string(),
            automatic: a.automatic,
            rating: a.by_facilitator.then_some(a.rating),
            comment: a.comment.clone(),
            evidence: a.evidence.clone(),
            observations: aar
                .notes
                .iter()
                .find(|g| g.objective == a.id)
                .map_or(0, |g| g.notes.len()),
        })
        .collect();
    let e = live.evaluation();
    let observations =
        aar.notes.iter().map(|g| g.notes.len()).sum::<usize>() + aar.general_notes.len();
    let hot_wash: usize = e
        .hot_wash
        .values()
        .map(|h| h.strengths.len() + h.improvements.len())
        .sum();
    let summary = Said::EvaluationCounts {
        observations,
        analysed: e.analyses.len(),
        forms: e.feedback.len(),
        items: hot_wash,
        named: e.players.len(),
    }
    .say(lang);
    EvaluateView {
        rows,
        cursor,
        summary,
    }
}

impl Draw for EvaluateView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let [table, detail] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(7)]).areas(area);
        let inner = framed(&c.titled("Evaluate", KEYS), t, table, buf);
        // Columns as wide as their content; the row under the cursor shows in full.
        let header = HEADER
            .map(|h| Cell::new(say(c.lang, h), t.header()))
            .to_vec();
        let mut rows = vec![header];
        rows.extend(self.rows.iter().map(|r| {
            let rated = r.rating.map_or("-".to_string(), |x| x.code().to_string());
            let style = if r.rating.is_some() {
                t.title()
            } else {
                t.dim()
            };
            vec![
                Cell::raw(r.team.clone()),
                Cell::raw(r.name.clone()),
                Cell::raw(r.capability.clone()),
                Cell::raw(r.status.clone()),
                Cell::raw(r.automatic.code()),
                Cell::new(rated, style),
                Cell::raw(r.observations.to_string()),
            ]
        }));
        // The header is row 0: the cursor's row is one further down.
        Table {
            rows: &rows,
            cursor: Some(self.cursor + 1),
            wrap_all: false,
        }
        .render(t, inner, buf);

        let inner = framed(&self.summary, t, detail, buf);
        let text = match self.rows.get(self.cursor) {
            Some(r) => {
                let mut lines = vec![Line::from(vec![
                    Span::styled(format!("{} ({})", r.name, r.team), t.title()),
                    Span::raw(if r.capability.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", r.capability)
                    }),
                ])];
                let rated = match r.rating {
                    Some(x) => Said::Rated {
                        code: x.code(),
                        comment: r.comment.as_deref(),
                    },
                    None => Said::AutomaticRating {
                        code: r.automatic.code(),
                    },
                }
                .say(c.lang);
                lines.push(Line::raw(format!("{rated}{}", r.evidence)));
                lines
            }
            None => vec![Line::styled(
                say(c.lang, "This scenario has no objectives."),
                t.dim(),
            )],
        };
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}
