//! The room: one live session shared by every connection. It owns the simulation and the
//! journal (through the console's `App`), and hands out, per connection, a [`Viewer`]: what one
//! person looks at (seat, screen, cursor, dialog, command line). Everything that changes the
//! session is applied here, in one order, under one lock, journaled before it takes effect; what
//! changed is announced on a `watch` channel that keeps only the latest generation, so a slow
//! client skips frames and never holds anyone up.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crossterm::event::KeyEvent;
use tokio::sync::watch;

use crate::tui::App;
use crate::tui::app::{Dialog, Mode, Seat};
use crate::tui::frame::View;
use crate::tui::keys::{self, Intent};

/// What one person at one terminal is looking at.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// The seat the person logged in as; a team seat never changes.
    pub login: Seat,
    seat: Seat,
    tab: usize,
    cursor: usize,
    dialog: Option<Dialog>,
    command_line: Option<String>,
    status: String,
    projector: bool,
    /// The person asked to leave.
    pub quit: bool,
    /// The facilitator's roster, when open: (cursor, status line).
    pub roster: Option<(usize, String)>,
}

impl Viewer {
    pub fn at(seat: Seat, status: String) -> Viewer {
        Viewer {
            login: seat,
            seat,
            tab: 0,
            cursor: 0,
            dialog: None,
            command_line: None,
            status,
            projector: false,
            quit: false,
            roster: None,
        }
    }

    /// Whether the person is typing text (a key is a letter, not a command).
    pub fn typing(&self) -> bool {
        self.command_line.is_some() || matches!(self.dialog, Some(Dialog::Input { .. }))
    }

    pub fn seat(&self) -> Seat {
        self.seat
    }

    /// Puts this viewer's console state into the app, or takes it back out (swapping twice
    /// restores both).
    fn swap(&mut self, app: &mut App) {
        std::mem::swap(&mut self.seat, &mut app.seat);
        std::mem::swap(&mut self.tab, &mut app.tab);
        std::mem::swap(&mut self.cursor, &mut app.cursor);
        std::mem::swap(&mut self.dialog, &mut app.dialog);
        std::mem::swap(&mut self.command_line, &mut app.command_line);
        std::mem::swap(&mut self.status, &mut app.status);
        std::mem::swap(&mut self.projector, &mut app.projector);
        std::mem::swap(&mut self.quit, &mut app.quit);
    }
}

/// Intents that run the exercise's clock: the white cell's alone.
fn runs_the_clock(intent: Intent) -> bool {
    matches!(
        intent,
        Intent::TogglePause
            | Intent::Step
            | Intent::Faster
            | Intent::Slower
            | Intent::NextInject
            | Intent::NextPhase
            | Intent::SwitchSeat
    )
}

pub struct Room {
    app: Mutex<App>,
    generation: watch::Sender<u64>,
}

impl Room {
    /// A room around a journaled app. The app's own console state is the clock's: no dialog,
    /// so real time moves the simulation whenever the white cell has it running.
    pub fn new(mut app: App) -> Room {
        app.mode = Mode::Console;
        app.dialog = None;
        app.command_line = None;
        app.seat = Seat::WhiteCell;
        Room {
            app: Mutex::new(app),
            generation: watch::Sender::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, App> {
        // A panic while the lock was held leaves the app as it was at the panic; the journal
        // already holds everything given, so carry on rather than take every seat down.
        self.app.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A receiver that wakes when anything anyone sees may have changed.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }

    fn changed(&self) {
        self.generation.send_modify(|g| *g = g.wrapping_add(1));
    }

    /// Runs `f` on the app as `viewer` sees it.
    fn as_viewer<R>(&self, viewer: &mut Viewer, f: impl FnOnce(&mut App) -> R) -> R {
        let mut app = self.lock();
        viewer.swap(&mut app);
        let r = f(&mut app);
        viewer.swap(&mut app);
        r
    }

    /// The frame `viewer` sees now. Only reads.
    pub fn view(&self, viewer: &mut Viewer) -> View {
        self.as_viewer(viewer, |app| View::build(app))
    }

    /// A key from `viewer`'s terminal. A team seat stays on its seat and does not run the clock.
    pub fn key(&self, viewer: &mut Viewer, key: KeyEvent) {
        let login = viewer.login;
        let ok = self.as_viewer(viewer, |app| {
            let typing =
                app.command_line.is_some() || matches!(app.dialog, Some(Dialog::Input { .. }));
            if let (Seat::Team(_), false) = (login, typing)
                && let Some(intent) = keys::intent(key)
                && runs_the_clock(intent)
            {
                app.status = "Only the white cell runs the clock and changes seats.".into();
                return true;
            }
            app.handle_key(key);
            if login != Seat::WhiteCell && app.seat != login {
                app.seat = login;
                app.tab = 0;
                app.cursor = 0;
                app.status = "This connection is on its team's seat and stays there.".into();
            }
            app.sync_journal()
        });
        if !ok {
            viewer.quit = true;
        }
        self.changed();
    }

    /// Real time passes: the clock steps the simulation at its pace (if the white cell has it
    /// running), every step on disk before anyone sees it. Returns false once the journal can
    /// no longer be written (the host must stop).
    pub fn advance(&self, real: Duration) -> bool {
        let mut app = self.lock();
        let before = app.sim.tick();
        app.advance(real);
        let ok = app.sync_journal();
        let moved = app.sim.tick() != before;
        drop(app);
        if moved || !ok {
            self.changed();
        }
        ok
    }

    /// Why the journal failed, if it did.
    pub fn journal_error(&self) -> Option<String> {
        self.lock().journal_error.clone()
    }

    /// Reads the app (tests, the roster, the end of the host).
    pub fn with_app<R>(&self, f: impl FnOnce(&mut App) -> R) -> R {
        let r = f(&mut self.lock());
        self.changed();
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::TeamId;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn room() -> Room {
        let b = crate::library::builtin("nagoya-port-ransomware").unwrap();
        let s = std::sync::Arc::new(crate::scenario::parse(b.source, b.path).unwrap());
        Room::new(App::new(s, 1))
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

    fn team(room: &Room, id: &str) -> Seat {
        room.with_app(|app| {
            app.seats()
                .into_iter()
                .find(|s| app.seat_id(*s) == id)
                .unwrap()
        })
    }

    #[test]
    fn a_team_seat_neither_runs_the_clock_nor_leaves_its_seat() {
        let room = room();
        let nhta = team(&room, "nhta");
        assert!(matches!(nhta, Seat::Team(TeamId(_))));
        let mut v = Viewer::at(nhta, String::new());
        press(&room, &mut v, " .]}S");
        assert!(room.with_app(|app| app.clock.paused && app.sim.tick().is_none()));
        press(&room, &mut v, ":seat white\r");
        assert_eq!(v.seat(), nhta);
        let mut w = Viewer::at(Seat::WhiteCell, String::new());
        press(&room, &mut w, ".");
        assert_eq!(room.with_app(|app| app.sim.tick()), Some(0));
    }

    #[test]
    fn each_viewer_keeps_its_own_screen_and_dialog() {
        let room = room();
        let mut a = Viewer::at(team(&room, "nhta"), String::new());
        let mut b = Viewer::at(team(&room, "nhta"), String::new());
        press(&room, &mut a, "2");
        press(&room, &mut b, "m");
        assert_eq!((a.tab, b.tab), (1, 0));
        assert!(a.dialog.is_none() && b.dialog.is_some());
        // The app's own state (the clock's) has no dialog, so time still passes.
        assert!(room.with_app(|app| app.dialog.is_none()));
    }

    #[test]
    fn the_generation_moves_when_anything_may_have_changed() {
        let room = room();
        let rx = room.subscribe();
        let before = *rx.borrow();
        let mut w = Viewer::at(Seat::WhiteCell, String::new());
        press(&room, &mut w, ".");
        assert_ne!(*rx.borrow(), before);
        let now = *rx.borrow();
        assert!(room.advance(Duration::from_secs(1)));
        assert_eq!(*rx.borrow(), now, "a paused clock changes nothing");
    }
}
