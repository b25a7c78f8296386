//! The facilitators' notes, newest first, and writing one (about an objective, or general).

use super::{Binding, Draw, Key, Screen};
use crate::session::live::Live;
use crate::sim::log::{Event, EventKind};
use crate::tui::app::{Console, Dialog, Purpose};
use crate::tui::widgets::{EventList, EventRow};

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
                time: clock.label(e.tick),
                text: e.text.clone(),
            })
            .collect();
        Box::new(EventList {
            rows,
            cursor: console.cursor,
            empty: "No notes yet: n writes one.",
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

fn new_note(console: &mut Console, live: &mut Live) {
    let mut options = vec![("(general)".to_string(), u32::MAX)];
    options.extend(
        live.scenario()
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (o.name.clone(), i as u32)),
    );
    console.dialog = Some(Dialog::Pick {
        purpose: Purpose::NoteAbout,
        title: "Note about".into(),
        options,
        cursor: 0,
    });
}
