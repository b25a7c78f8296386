//! A team's inbox: what the team was told, newest first, unread items marked; reading one in
//! full marks it read.

use super::{Binding, Draw, Key, Screen, blank};
use crate::scenario::model::TeamId;
use crate::session::live::Live;
use crate::sim::log::Event;
use crate::tui::app::{Console, Dialog, Seat};
use crate::tui::view;
use crate::tui::widgets::{EventList, EventRow};
use crate::tui::words::say;

pub struct Inbox;

pub static KEYS: &[Binding] = &[Binding::reads(&[Key::Enter], "read", "read", read)];

impl Screen for Inbox {
    fn name(&self) -> &'static str {
        "Inbox"
    }

    fn keys(&self) -> &'static [Binding] {
        KEYS
    }

    fn rows(&self, console: &Console, live: &Live) -> usize {
        let Seat::Team(t) = console.seat else {
            return 0;
        };
        inbox(live, t).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        let Seat::Team(t) = console.seat else {
            return blank(console);
        };
        let clock = &live.scenario().clock;
        let zone = console.seat.zone(live.scenario());
        let knows = live.sim().knowledge(t).in_lang(console.lang);
        let rows = inbox(live, t)
            .into_iter()
            .map(|e| EventRow {
                unread: view::is_unread(live, t, e),
                time: clock.label_for(e.tick, zone, console.lang),
                text: knows.read(e).0,
            })
            .collect();
        Box::new(EventList {
            rows,
            cursor: console.cursor,
            empty: say(console.lang, "Nothing in the inbox yet."),
        })
    }
}

/// What a team was told, newest first.
pub fn inbox(live: &Live, team: TeamId) -> Vec<&Event> {
    let mut v: Vec<&Event> = live.sim().knowledge(team).events().collect();
    v.reverse();
    v
}

/// Opens the item under the cursor in full, and marks it read.
fn read(console: &mut Console, live: &mut Live) {
    let Seat::Team(team) = console.seat else {
        return;
    };
    let Some(event) = inbox(live, team).into_iter().nth(console.cursor) else {
        return;
    };
    let seq = event.seq;
    let (text, detail) = live.sim().knowledge(team).in_lang(console.lang).read(event);
    let body = detail.unwrap_or_else(|| text.clone());
    let title = format!(
        "{}  {text}",
        live.scenario().clock.label_for(
            event.tick,
            Seat::Team(team).zone(live.scenario()),
            console.lang
        ),
    );
    live.mark_read(team, seq);
    console.dialog = Some(Dialog::Detail { title, body });
}
