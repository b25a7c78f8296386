//! Objectives: every objective with its true standing for the white cell; a team's own, as the
//! team knows them (from [`crate::sim::knowledge`]), for a team seat.

use crate::scenario::model::{ObjectiveId, TextKey};
use crate::tui::words::say;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Chrome, Draw, Screen};
use crate::scenario::model::TeamId;
use crate::session::live::Live;
use crate::sim::knowledge::Standing;
use crate::sim::objectives::ObjectiveStatus;
use crate::tui::app::{Console, Seat};
use crate::tui::widgets::{Cell, Table, framed};

pub struct Objectives;

impl Screen for Objectives {
    fn name(&self) -> &'static str {
        "Objectives"
    }

    fn rows(&self, console: &Console, live: &Live) -> usize {
        objective_rows(console, live).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        Box::new(ObjectivesView {
            rows: objective_rows(console, live),
            cursor: console.cursor,
        })
    }
}

pub struct ObjectivesView {
    pub rows: Vec<ObjectiveRow>,
    pub cursor: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveRow {
    pub team: String,
    pub name: String,
    pub status: String,
    /// Met, missed, at risk, pending: for colour.
    pub grade: Grade,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
    Met,
    Missed,
    AtRisk,
    Pending,
    NotApplicable,
}

/// Every objective with its true standing for the white cell; a team's own, as the team knows
/// them, otherwise.
pub fn objective_rows(app: &Console, live: &Live) -> Vec<ObjectiveRow> {
    let s = &live.scenario();
    let now = live.sim().tick().unwrap_or(0);
    let row = |team: TeamId, name: &str, standing: Standing| ObjectiveRow {
        team: s.text(TextKey::TeamName(team), app.lang).to_string(),
        name: name.to_string(),
        status: standing.describe_lang(s, now, app.seat.zone(s), app.lang),
        grade: match standing {
            Standing::Met(_) => Grade::Met,
            Standing::Missed(_) => Grade::Missed,
            Standing::NotApplicable => Grade::NotApplicable,
            Standing::Due(_) if standing.at_risk(s, now) => Grade::AtRisk,
            Standing::Due(_) | Standing::Pending => Grade::Pending,
        },
    };
    if let Seat::Team(t) = app.seat {
        return live
            .sim()
            .knowledge(t)
            .in_lang(app.lang)
            .objectives()
            .into_iter()
            .map(|o| row(t, &o.name, o.standing))
            .collect();
    }
    let book = &live.sim().state().objectives;
    s.objectives
        .iter()
        .zip(&book.status)
        .enumerate()
        .map(|(i, (o, st))| {
            let standing = match *st {
                ObjectiveStatus::Met(t) => Standing::Met(t),
                ObjectiveStatus::Missed(t) => Standing::Missed(t),
                ObjectiveStatus::NotApplicable => Standing::NotApplicable,
                ObjectiveStatus::Pending { .. } => st
                    .due_by(o.deadline.as_ref())
                    .map_or(Standing::Pending, Standing::Due),
            };
            let name = s.text(TextKey::ObjectiveName(ObjectiveId(i as u32)), app.lang);
            row(o.team, name, standing)
        })
        .collect()
}

impl Draw for ObjectivesView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let inner = framed(say(c.lang, "Objectives"), t, area, buf);
        let rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let mark = match r.grade {
                    Grade::Met => "✔",
                    Grade::Missed => "✖",
                    Grade::AtRisk => "⚠",
                    Grade::Pending => "·",
                    Grade::NotApplicable => "–",
                };
                vec![
                    Cell::new(mark, t.grade(r.grade)),
                    Cell::raw(r.team.clone()),
                    Cell::raw(r.name.clone()),
                    Cell::new(r.status.clone(), t.grade(r.grade)),
                ]
            })
            .collect();
        Table {
            rows: &rows,
            cursor: Some(self.cursor),
            wrap_all: false,
        }
        .render(t, inner, buf);
    }
}
