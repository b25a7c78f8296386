//! Intelligence a team holds, with its marking (TLP 2.0, classification) and source; reading an
//! item, and sharing it through the team's sharing action.

use crate::lang::Lang;
use crate::tui::words::say;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Binding, Chrome, Draw, Key, Screen, blank};
use crate::scenario::model::{ActionId, Effect, TeamId, Tlp};
use crate::session::live::Live;
use crate::tui::app::{Console, Dialog, Purpose, Seat};
use crate::tui::widgets::{Cell, Table, framed};

pub struct Intel;

pub static KEYS: &[Binding] = &[
    Binding::reads(&[Key::Enter], "read", "read", read),
    Binding::gives(&[Key::Letter('s')], "share", "share the item", share),
];

impl Screen for Intel {
    fn name(&self) -> &'static str {
        "Intel"
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn rows(&self, console: &Console, live: &Live) -> usize {
        let Seat::Team(t) = console.seat else {
            return 0;
        };
        live.sim().knowledge(t).held_intel().len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        let Seat::Team(t) = console.seat else {
            return blank(console);
        };
        Box::new(IntelView {
            rows: intel_rows_in(live, t, console.lang),
            cursor: console.cursor,
        })
    }
}

pub struct IntelView {
    pub rows: Vec<IntelRow>,
    pub cursor: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IntelRow {
    pub title: String,
    pub marking: String,
    pub tlp: Tlp,
    pub source: String,
}

/// What the team holds, in scenario order, as the core tells it.
pub fn intel_rows(live: &Live, team: TeamId) -> Vec<IntelRow> {
    intel_rows_in(live, team, Lang::En)
}

/// The same, in `lang`.
pub fn intel_rows_in(live: &Live, team: TeamId, lang: Lang) -> Vec<IntelRow> {
    live.sim()
        .knowledge(team)
        .in_lang(lang)
        .intel()
        .into_iter()
        .map(|i| IntelRow {
            title: i.title,
            marking: i.marking,
            tlp: i.tlp,
            source: i.source,
        })
        .collect()
}

impl Draw for IntelView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let inner = framed(&c.titled("Intelligence we hold", KEYS), t, area, buf);
        if self.rows.is_empty() {
            Line::styled(say(c.lang, "We hold no intelligence yet."), t.dim()).render(inner, buf);
            return;
        }
        let rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::new(r.marking.clone(), t.alert()),
                    Cell::raw(r.title.clone()),
                    Cell::raw(format!("{} {}", say(c.lang, "from"), r.source)),
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

fn read(console: &mut Console, live: &mut Live) {
    let Seat::Team(team) = console.seat else {
        return;
    };
    if let Some(item) = live.sim().knowledge(team).held_intel().get(console.cursor) {
        let i = &live.scenario().intel[item.index()];
        console.dialog = Some(Dialog::Detail {
            title: i.title.clone(),
            body: i.content.clone(),
        });
    }
}

/// Asks with whom to share the item under the cursor, through the team's sharing action.
fn share(console: &mut Console, live: &mut Live) {
    let Seat::Team(team) = console.seat else {
        return;
    };
    let Some(&intel) = live.sim().knowledge(team).held_intel().get(console.cursor) else {
        return;
    };
    let share = live
        .scenario()
        .actions
        .iter()
        .position(|a| a.teams.contains(&team) && a.effects.contains(&Effect::ShareIntel));
    let Some(action) = share else {
        console.status = say(
            console.lang,
            "Your team has no action that shares intelligence",
        )
        .into();
        return;
    };
    let options = console.other_teams(live);
    console.dialog = Some(Dialog::Pick {
        purpose: Purpose::ShareWith {
            action: ActionId(action as u32),
            intel,
        },
        title: say(console.lang, "Share with").into(),
        options,
        cursor: 0,
    });
}
