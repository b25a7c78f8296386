//! The hot wash: at ENDEX (or whenever the facilitator opens it), team by team, who played it
//! and what the room named as strengths and areas for improvement; and the participants'
//! feedback forms. The console opens it when the exercise ends.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Binding, Chrome, Draw, Key, Screen};
use crate::lang::Lang;
use crate::report::Side;
use crate::report::words;
use crate::session::live::Live;
use crate::tui::app::Console;
use crate::tui::app::evaluate::{teams, teams_in};
use crate::tui::said::Said;
use crate::tui::widgets::{framed, list};
use crate::tui::words::say;

pub struct HotWash;

pub static KEYS: &[Binding] = &[
    Binding::gives(
        &[Key::Letter('s')],
        "strength",
        "add a strength of the team",
        |c, l| with_team(c, l, Side::Strength),
    ),
    Binding::gives(
        &[Key::Letter('i')],
        "improve",
        "add an area for improvement of the team",
        |c, l| with_team(c, l, Side::Improvement),
    ),
    Binding::gives(
        &[Key::Letter('p')],
        "players",
        "name who played the team",
        |c, l| {
            if let Some((_, team)) = teams(l).get(c.cursor) {
                c.players_of(l, *team);
            }
        },
    ),
    Binding::gives(
        &[Key::Letter('f')],
        "feedback form",
        "enter a participant's feedback form",
        |c, l| c.feedback_form(l),
    ),
    Binding::gives(
        &[Key::Letter('w')],
        "write report",
        "write the after-action report",
        |c, _| c.write_report_dialog(),
    ),
];

fn with_team(console: &mut Console, live: &mut Live, side: Side) {
    if let Some((_, team)) = teams(live).get(console.cursor) {
        console.hot_wash_item(live, *team, side);
    }
}

impl Screen for HotWash {
    fn name(&self) -> &'static str {
        "Hot wash"
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn rows(&self, _: &Console, live: &Live) -> usize {
        teams(live).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        Box::new(hot_wash_view(live, console.cursor, console.lang))
    }
}

/// One team at the hot wash.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamRow {
    pub name: String,
    pub players: Option<String>,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
}

pub struct HotWashView {
    pub rows: Vec<TeamRow>,
    pub cursor: usize,
    /// Feedback forms entered so far.
    pub forms: usize,
}

/// The hot wash as it stands, the teams named in `lang`.
pub fn hot_wash_view(live: &Live, cursor: usize, lang: Lang) -> HotWashView {
    let s = live.scenario();
    let e = live.evaluation();
    let rows = teams_in(live, lang)
        .into_iter()
        .map(|(name, i)| {
            let id = &s.teams[i as usize].id;
            let said = e.hot_wash.get(id);
            TeamRow {
                name,
                players: e.players.get(id).cloned(),
                strengths: said.map(|h| h.strengths.clone()).unwrap_or_default(),
                improvements: said.map(|h| h.improvements.clone()).unwrap_or_default(),
            }
        })
        .collect();
    HotWashView {
        rows,
        cursor,
        forms: e.feedback.len(),
    }
}

impl Draw for HotWashView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let [teams, said] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
        let inner = framed(&c.titled("Hot wash", KEYS), t, teams, buf);
        let lines = self
            .rows
            .iter()
            .map(|r| {
                // The counts first, so that a long name cut at the edge never hides them.
                Line::from(vec![
                    Span::styled(
                        format!("+{} −{} ", r.strengths.len(), r.improvements.len()),
                        t.dim(),
                    ),
                    Span::raw(r.name.clone()),
                ])
            })
            .collect();
        list(lines, Some(self.cursor), t, inner, buf);

        let say = |w: &'static str| -> &'static str { say(c.lang, w) };
        let title = Said::SaidAtHotWash { forms: self.forms }.say(c.lang);
        let inner = framed(&title, t, said, buf);
        let Some(r) = self.rows.get(self.cursor) else {
            Line::styled(say("No team to hear from."), t.dim()).render(inner, buf);
            return;
        };
        let names = r
            .players
            .as_deref()
            .unwrap_or(say("(not recorded: p names them)"));
        let mut lines = vec![
            Line::styled(r.name.clone(), t.title()),
            Line::raw(Said::PlayedBy { names }.say(c.lang)),
            Line::raw(""),
            Line::styled(words::say(c.lang, "Strengths"), t.header()),
        ];
        let items = |list: &[String], none: &'static str| -> Vec<Line<'static>> {
            if list.is_empty() {
                vec![Line::styled(none, t.dim())]
            } else {
                list.iter().map(|x| Line::raw(format!("• {x}"))).collect()
            }
        };
        lines.extend(items(&r.strengths, say("None yet: s adds one.")));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            words::say(c.lang, "Areas for improvement"),
            t.header(),
        ));
        lines.extend(items(&r.improvements, say("None yet: i adds one.")));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
