//! The facilitators' notes, newest first, and writing one: the text at once, about an
//! objective (Tab) or general.

use super::{Binding, Draw, Key, Screen};
use crate::session::live::Live;
use crate::sim::log::{Event, EventKind};
use crate::tui::app::Console;
use crate::tui::widgets::{EventList, EventRow};
use crate::tui::words::say;

pub struct Notes;

pub static KEYS: &[Binding] = &[Binding::gives(
    &[Key::Letter('n')],
    "new note",
    "new note",
    new_note,
)];

impl Screen for Notes {
    fn name(&self) -> &'static str {
        "Notes"
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn rows(&self, _: &Console, live: &Live) -> usize {
        notes(live).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        let clock = &live.scenario().clock;
        let rows = notes(live)
            .into_iter()
            .map(|e| EventRow {
                unread: false,
                time: clock.label_lang(e.tick, console.lang),
                text: live.sim().read(e, console.lang).0,
            })
            .collect();
        Box::new(EventList {
            rows,
            cursor: console.cursor,
            empty: say(console.lang, "No notes yet: n writes one."),
        })
    }
}

/// The notes, newest first.
pub fn notes(live: &Live) -> Vec<&Event> {
    live.sim()
        .log()
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::Note)
        .rev()
        .collect()
}

/// Opens the note's text at once; Tab in it chooses an objective.
fn new_note(console: &mut Console, live: &mut Live) {
    console.write_note(live);
}
