//! The room: one live session shared by every connection. It owns the core's
//! [`Live`] (simulation, journal, clock) behind one lock, and hands each connection a
//! [`Viewer`]: one person's [`Console`] (seat, screen, cursor, dialog, command line). Every key
//! and every clock step is applied here, in one order, through `Live`, which checks the seat's
//! authority and journals a command before it takes effect. What changed is announced on a
//! `watch` channel that keeps only the latest generation, so a slow client skips frames and never
//! holds anyone up.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crossterm::event::KeyEvent;
use tokio::sync::watch;

use crate::command::Seat;
use crate::session::live::Live;
use crate::tui::app::{Console, Dialog};
use crate::tui::frame::View;

/// What one person at one terminal is looking at.
pub struct Viewer {
    /// The seat the person logged in as.
    pub login: Seat,
    pub console: Console,
    /// The facilitator's roster, when open: (cursor, status line), drawn in the console's
    /// language.
    pub roster: Option<(usize, super::roster_view::Status)>,
}

impl Viewer {
    pub fn seat(&self) -> Seat {
        self.console.seat
    }

    /// Whether the person is typing text (a key is a letter, not a command).
    pub fn typing(&self) -> bool {
        self.console.command_line.is_some()
            || matches!(self.console.dialog, Some(Dialog::Input { .. }))
    }

    pub fn quit(&self) -> bool {
        self.console.quit
    }
}

pub struct Room {
    live: Mutex<Live>,
    generation: watch::Sender<u64>,
}

impl Room {
    pub fn new(live: Live) -> Room {
        Room {
            live: Mutex::new(live),
            generation: watch::Sender::new(0),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Live> {
        // A panic while the lock was held leaves the session as it was at the panic; the journal
        // already holds everything given, so carry on rather than take every seat down.
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A receiver that wakes when anything anyone sees may have changed.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }

    fn changed(&self) {
        self.generation.send_modify(|g| *g = g.wrapping_add(1));
    }

    /// A console for someone who logged in as `seat`: a team seat is held to its seat (no
    /// picker, no `S`, no `:seat`); the white cell may look through a team's eyes, as at the hot
    /// seat.
    pub fn join(&self, seat: Seat, status: String) -> Viewer {
        let mut console = Console::new();
        let mut live = self.lock();
        match seat {
            Seat::WhiteCell => console.open_at(&mut live, seat),
            Seat::Team(_) => console.lock_to(&mut live, seat),
        }
        drop(live);
        console.status = status;
        Viewer {
            login: seat,
            console,
            roster: None,
        }
    }

    /// Lets `viewer`'s console notice what the clock did since it last looked (see
    /// [`Console::catch_up`]).
    pub fn catch_up(&self, viewer: &mut Viewer) {
        viewer.console.catch_up(&self.lock());
    }

    /// The frame `viewer` sees now. Only reads.
    pub fn view(&self, viewer: &Viewer) -> View {
        View::build(&viewer.console, &self.lock())
    }

    /// A key from `viewer`'s terminal, given as the viewer's seat: the core refuses what the
    /// seat may not do (a team's facilitator command, the clock), with the reason on its status
    /// line.
    pub fn key(&self, viewer: &mut Viewer, key: KeyEvent) {
        let mut live = self.lock();
        crate::tui::keys::press(&mut viewer.console, &mut live, key);
        live.sync();
        viewer.console.watch_journal(&live);
        drop(live);
        self.changed();
    }

    /// Real time passes: the clock steps the simulation at its pace (if the white cell has it
    /// running), every step on disk before anyone sees it. Returns false once the journal can
    /// no longer be written (the host must stop).
    pub fn advance(&self, real: Duration) -> bool {
        let mut live = self.lock();
        let moved = live.advance(real) > 0;
        let ok = live.sync();
        drop(live);
        if moved || !ok {
            self.changed();
        }
        ok
    }

    /// Why the journal failed, if it did.
    pub fn journal_error(&self) -> Option<String> {
        self.lock().journal_error().map(str::to_string)
    }

    /// Works on the live session directly (the end of the host, tests); everyone redraws.
    pub fn with_live<R>(&self, f: impl FnOnce(&mut Live) -> R) -> R {
        let r = f(&mut self.lock());
        self.changed();
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn room() -> Room {
        let b = crate::library::builtin("nagoya-port-ransomware").unwrap();
        let s = std::sync::Arc::new(crate::scenario::parse(b.source, b.path).unwrap());
        Room::new(Live::new(s, 1))
    }

    fn press(room: &Room, viewer: &mut Viewer, keys: &str) {
        for c in keys.chars() {
            let code = match c {
                '\r' => KeyCode::Enter,
                c => KeyCode::Char(c),
            };
            room.key(viewer, KeyEvent::new(code, KeyModifiers::NONE));
        }
    }

    fn seat(room: &Room, id: &str) -> Seat {
        room.with_live(|live| Seat::parse(id, live.scenario()).unwrap())
    }

    #[test]
    fn a_team_seat_neither_runs_the_clock_nor_leaves_its_seat() {
        let room = room();
        let nhta = seat(&room, "nhta");
        let mut v = room.join(nhta, String::new());
        press(&room, &mut v, " .]}S");
        assert!(room.with_live(|live| live.clock().paused && live.tick().is_none()));
        press(&room, &mut v, ":seat white\r");
        assert_eq!(v.seat(), nhta);
        let mut w = room.join(Seat::WhiteCell, String::new());
        press(&room, &mut w, ".");
        assert_eq!(room.with_live(|live| live.tick()), Some(0));
    }

    #[test]
    fn each_viewer_keeps_its_own_screen_and_dialog() {
        let room = room();
        let nhta = seat(&room, "nhta");
        let mut a = room.join(nhta, String::new());
        let mut b = room.join(nhta, String::new());
        press(&room, &mut a, "2");
        press(&room, &mut b, "m");
        assert_eq!((a.console.tab, b.console.tab), (1, 0));
        assert!(a.console.dialog.is_none() && b.console.dialog.is_some());
        // A dialog open at one terminal does not hold the clock for the room.
        let mut w = room.join(Seat::WhiteCell, String::new());
        press(&room, &mut w, "+++++ ");
        assert!(room.advance(Duration::from_secs(5)));
        assert!(room.with_live(|live| live.tick().is_some()));
    }

    #[test]
    fn the_generation_moves_when_anything_may_have_changed() {
        let room = room();
        let rx = room.subscribe();
        let before = *rx.borrow();
        let mut w = room.join(Seat::WhiteCell, String::new());
        press(&room, &mut w, ".");
        assert_ne!(*rx.borrow(), before);
        let now = *rx.borrow();
        assert!(room.advance(Duration::from_secs(1)));
        assert_eq!(*rx.borrow(), now, "a paused clock changes nothing");
    }

    #[test]
    fn the_end_reached_by_the_clock_task_turns_the_white_cell_to_the_hot_wash() {
        let room = room();
        let nhta = seat(&room, "nhta");
        let mut w = room.join(Seat::WhiteCell, String::new());
        let mut t = room.join(nhta, String::new());
        // The clock task runs the exercise to its end; no console pressed a key.
        room.with_live(|live| live.step_n(Seat::WhiteCell, u32::MAX).unwrap());
        room.catch_up(&mut w);
        room.catch_up(&mut t);
        assert_eq!(w.console.screen().name(), "Hot wash");
        assert!(w.console.status.starts_with("ENDEX. Hot wash"));
        assert!(
            t.console
                .status
                .starts_with("ENDEX: the exercise has ended")
        );
        // Once: looking away from the hot wash is not undone at the next frame.
        press(&room, &mut w, "1");
        room.catch_up(&mut w);
        assert_eq!(w.console.tab, 0);
    }
}
