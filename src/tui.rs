//! The terminal console: a facilitator's view of ground truth and a view for every team,
//! drawn with ratatui over crossterm. The console drives the core only through
//! [`crate::command::Command`]s and reads it only to draw.
//!
//! - [`intent`]: what a person means (intents, and text being typed).
//! - [`keys`]: terminal keys become intents, once, at the edge.
//! - [`app`]: the console's state and update function; intents in, commands out, time in.
//! - [`screens`]: one module per screen (view model, drawing, key legend, keys) and the
//!   registry of a seat's screens.
//! - [`view`]: view models several screens share (a team's only from what it knows).
//! - [`widgets`]: drawing pieces several screens share.
//! - [`words`], [`said`]: the console's own words and sentences, in English and Japanese.
//! - [`frame`]: one frame's chrome around the screen, and its drawing.
//! - [`command_line`]: the `:` command line.
//! - [`script`]: the same app driven by a script instead of a terminal (tests, rehearsals).

pub mod app;
pub mod command_line;
pub mod frame;
pub mod intent;
pub mod keys;
pub mod said;
pub mod screens;
pub mod script;
pub mod theme;
pub mod view;
pub mod widgets;
pub mod words;

use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};

pub use app::App;

/// How long the loop waits for a key before drawing again; the clock is checked as often.
const FRAME: Duration = Duration::from_millis(50);

/// Runs the console until the user quits. The terminal is restored on return, on error and on
/// panic (ratatui's hook).
pub fn run(mut app: App) -> io::Result<App> {
    ensure_terminal()?;
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result.map(|()| app)
}

/// Fails unless both standard input and output are a terminal.
pub fn ensure_terminal() -> io::Result<()> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(io::Error::other(
            "the console needs a terminal; for a run without one use `kunren run SCENARIO`",
        ));
    }
    Ok(())
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> io::Result<()> {
    let mut last = Instant::now();
    while !app.console.quit {
        // Nothing is drawn that is not on disk.
        if !app.sync_journal() {
            break;
        }
        let size = terminal.size()?;
        app.console.resize(size.width, size.height);
        let view = frame::View::build(&app.console, &app.live);
        terminal.draw(|f| f.render_widget(&view, f.area()))?;
        // Wait for input at most one frame, so the clock keeps its pace while nobody types.
        if event::poll(FRAME)? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(key),
                Event::Resize(..) => terminal.autoresize()?,
                _ => {}
            }
        }
        let now = Instant::now();
        app.advance(now - last);
        last = now;
    }
    Ok(())
}
