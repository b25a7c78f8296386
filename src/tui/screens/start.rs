//! The start screen: the scenario (title, summary, teams, objectives) and the seats to take.
//! It has no tab; the console shows it until a seat is taken.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Chrome, Draw};
use crate::lang::Lang;
use crate::scenario::model::{ObjectiveId, PlayedBy, TeamId, TeamKind, TextKey};
use crate::session::live::Live;
use crate::tui::app::Console;
use crate::tui::widgets::{block, framed, list};
use crate::tui::words::say;

pub struct StartView {
    pub title: String,
    pub summary: String,
    pub teams: Vec<String>,
    pub objectives: Vec<String>,
    pub seats: Vec<String>,
    pub lang: Lang,
    pub cursor: usize,
}

pub fn view(console: &Console, live: &Live, cursor: usize) -> StartView {
    let s = &live.scenario();
    let lang = console.lang;
    let text = |key| s.text(key, lang).to_string();
    StartView {
        title: text(TextKey::Title),
        summary: text(TextKey::Summary),
        teams: s
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let name = text(TextKey::TeamName(TeamId(i as u32)));
                let (kind, by) = (kind(t.kind), played(t.played_by));
                format!("{name} ({}, {})", say(lang, kind), say(lang, by))
            })
            .collect(),
        objectives: s
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let name = text(TextKey::ObjectiveName(ObjectiveId(i as u32)));
                format!("{}: {name}", text(TextKey::TeamName(o.team)))
            })
            .collect(),
        seats: console
            .seats(live)
            .into_iter()
            .map(|seat| seat.name_in(s, lang))
            .collect(),
        lang,
        cursor,
    }
}

/// The words the start screen draws besides the scenario's texts (each has its Japanese in
/// `tui::words`; a test checks).
pub const WORDS: &[&str] = &[
    "Operator",
    "Agency",
    "Adversary",
    "White cell",
    "People",
    "Simulation",
    "Teams",
    "Objectives",
    "Scenario",
    "Take a seat (↑↓ Enter)",
];

fn kind(k: TeamKind) -> &'static str {
    match k {
        TeamKind::Operator => "Operator",
        TeamKind::Agency => "Agency",
        TeamKind::Adversary => "Adversary",
        TeamKind::WhiteCell => "White cell",
    }
}

fn played(p: PlayedBy) -> &'static str {
    match p {
        PlayedBy::People => "People",
        PlayedBy::Simulation => "Simulation",
    }
}

impl Draw for StartView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(area);
        let mut text = vec![Line::styled(self.title.clone(), t.title()), Line::raw("")];
        text.push(Line::raw(self.summary.clone()));
        text.push(Line::raw(""));
        let say = |w| say(self.lang, w);
        text.push(Line::styled(say("Teams"), t.title()));
        text.extend(self.teams.iter().map(|x| Line::raw(format!("  {x}"))));
        text.push(Line::raw(""));
        text.push(Line::styled(say("Objectives"), t.title()));
        text.extend(self.objectives.iter().map(|x| Line::raw(format!("  {x}"))));
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(block(say("Scenario"), t))
            .render(left, buf);
        let inner = framed(say("Take a seat (↑↓ Enter)"), t, right, buf);
        list(
            self.seats
                .iter()
                .map(|s| Line::raw(format!(" {s}")))
                .collect(),
            Some(self.cursor),
            t,
            inner,
            buf,
        );
    }
}
