//! The timeline: every event for the white cell, with the room's joins and leaves merged in
//! where they happened; what the team knows for a team seat; newest first.

use super::{Draw, Screen};
use crate::lang::Lang;
use crate::session::live::{Live, Presence};
use crate::sim::log::{Event, EventKind};
use crate::tui::app::{Console, Seat};
use crate::tui::widgets::{EventList, EventRow};
use crate::tui::words::say;

pub struct Timeline;

impl Screen for Timeline {
    fn name(&self) -> &'static str {
        "Timeline"
    }

    fn rows(&self, console: &Console, live: &Live) -> usize {
        timeline_rows(console, live).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        let clock = &live.scenario().clock;
        let rows = timeline_rows(console, live)
            .into_iter()
            .map(|row| match row {
                TimelineRow::Event(e) => EventRow {
                    unread: false,
                    time: clock.label_lang(e.tick, console.lang),
                    text: live.sim().read(e, console.lang).0,
                },
                TimelineRow::Room(p) => EventRow {
                    unread: false,
                    time: clock.label_lang(p.tick.unwrap_or(0), console.lang),
                    text: presence_text(p, console.lang),
                },
            })
            .collect();
        Box::new(EventList {
            rows,
            cursor: console.cursor,
            empty: say(console.lang, "Nothing has happened yet."),
        })
    }
}

/// Every event for the white cell; what the team knows for a team seat; newest first.
pub fn timeline<'a>(app: &Console, live: &'a Live) -> Vec<&'a Event> {
    let mut v: Vec<&Event> = match app.seat {
        Seat::WhiteCell => live
            .sim()
            .log()
            .events()
            .iter()
            .filter(|e| e.kind != EventKind::StageBegan)
            .collect(),
        Seat::Team(t) => live.sim().knowledge(t).events().collect(),
    };
    v.reverse();
    v
}

/// One line of the timeline: an event, or someone joining or leaving the room.
pub enum TimelineRow<'a> {
    Event(&'a Event),
    Room(&'a Presence),
}

/// The timeline, newest first. The white cell's has the room's joins and leaves merged in where
/// they happened among the events; a team's has events it knows and nothing of the room.
pub fn timeline_rows<'a>(app: &Console, live: &'a Live) -> Vec<TimelineRow<'a>> {
    let Seat::WhiteCell = app.seat else {
        return timeline(app, live)
            .into_iter()
            .map(TimelineRow::Event)
            .collect();
    };
    let mut room = live.presences().iter().peekable();
    let mut rows = Vec::new();
    for (i, e) in live.sim().log().events().iter().enumerate() {
        while let Some(p) = room.next_if(|p| p.after_events <= i) {
            rows.push(TimelineRow::Room(p));
        }
        if e.kind != EventKind::StageBegan {
            rows.push(TimelineRow::Event(e));
        }
    }
    rows.extend(room.map(TimelineRow::Room));
    rows.reverse();
    rows
}

/// How the timeline says someone joined or left, in `lang`: marked as the room's, with the
/// seat's id (the login name, as on the roster), the address and the wall clock (UTC).
pub fn presence_text(p: &Presence, lang: Lang) -> String {
    let time = p.at.get(11..19).unwrap_or(&p.at);
    let (seat, addr) = (&p.seat, &p.addr);
    match (lang, p.joined) {
        (Lang::En, true) => format!("[room] {seat} joined from {addr} at {time} UTC"),
        (Lang::En, false) => format!("[room] {seat} left, from {addr} at {time} UTC"),
        (Lang::Ja, true) => format!("[会場] {seat}が{addr}から参加（UTC {time}）"),
        (Lang::Ja, false) => format!("[会場] {seat}が退出（{addr}から、UTC {time}）"),
    }
}
