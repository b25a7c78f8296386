//! The start screen: the scenario (title, summary, teams, objectives) and the seats to take.
//! It has no tab; the console shows it until a seat is taken.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Chrome, Draw};
use crate::session::live::Live;
use crate::tui::app::Console;
use crate::tui::widgets::{block, framed, list};

pub struct StartView {
    pub title: String,
    pub summary: String,
    pub teams: Vec<String>,
    pub objectives: Vec<String>,
    pub seats: Vec<String>,
    pub cursor: usize,
}

pub fn view(console: &Console, live: &Live, cursor: usize) -> StartView {
    let s = &live.scenario();
    StartView {
        title: s.meta.title.clone(),
        summary: s.meta.summary.clone(),
        teams: s
            .teams
            .iter()
            .map(|t| format!("{} ({:?}, {:?})", t.name, t.kind, t.played_by))
            .collect(),
        objectives: s
            .objectives
            .iter()
            .map(|o| format!("{}: {}", s.team(o.team).name, o.name))
            .collect(),
        seats: console
            .seats(live)
            .into_iter()
            .map(|seat| seat.name(s))
            .collect(),
        cursor,
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
        text.push(Line::styled("Teams", t.title()));
        text.extend(self.teams.iter().map(|x| Line::raw(format!("  {x}"))));
        text.push(Line::raw(""));
        text.push(Line::styled("Objectives", t.title()));
        text.extend(self.objectives.iter().map(|x| Line::raw(format!("  {x}"))));
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(block("Scenario", t))
            .render(left, buf);
        let inner = framed("Take a seat (↑↓ Enter)", t, right, buf);
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
