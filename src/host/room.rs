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
