//! The console driven by a script instead of a terminal: each action goes through the same
//! [`App`] methods the keys and the `:` command line use, so a scripted session is journaled
//! exactly as a live one. Used by tests (the kill test among them) and for rehearsing a session.
//!
//! A script is a RON list, for example:
//!
//! ```ron
//! [
//!     Line("pace 120"),
//!     Command(Note(text: "the room is ready", objective: None)),
//!     Step(3),
//!     Command(FireInject(inject: (2))),
//!     Until(40),
//! ]
//! ```

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::App;
use crate::command::Command;
use crate::scenario::Scenario;

/// One thing a facilitator does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// An engine command, given now (it takes effect at the next tick).
    Command(Command),
    /// The clock advances this many ticks (as `.` or `:step N`).
    Step(u32),
    /// The clock advances until this tick has been simulated (or the end).
    Until(u32),
    /// A line of the `:` command line (pause, resume, pace, seat, fire, note...).
    Line(String),
}

/// A script that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    #[error("cannot read script {}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("script {}:{position}: {message}\n  = hint: a script is a RON list of Command(..), Step(N), Until(TICK) and Line(\"..\")", path.display())]
    Syntax {
        path: std::path::PathBuf,
        position: String,
        message: String,
    },
    #[error("script {}: action {} (counting from 1): {why}", path.display(), index + 1)]
    Command {
        path: std::path::PathBuf,
        index: usize,
        why: String,
    },
}

/// Reads a script and checks every command against the scenario.
pub fn load(path: &Path, scenario: &Scenario) -> Result<Vec<Action>, ScriptError> {
    let text = std::fs::read_to_string(path).map_err(|source| ScriptError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let actions: Vec<Action> = ron::from_str(text).map_err(|e| ScriptError::Syntax {
        path: path.to_path_buf(),
        position: e.span.start.to_string(),
        message: e.code.to_string(),
    })?;
    for (index, action) in actions.iter().enumerate() {
        if let Action::Command(c) = action {
            c.check(scenario).map_err(|why| ScriptError::Command {
                path: path.to_path_buf(),
                index,
                why: why.to_string(),
            })?;
        }
    }
    Ok(actions)
}

/// Plays a script on the console, as its seat (commands and clock steps a seat may not give are
/// refused and not journaled, as from the keys), syncing the journal after every action as the console does
/// before every frame, and waiting `pause` after every tick. Stops early if the app quits (a
/// journal that cannot be written).
pub fn run(app: &mut App, actions: &[Action], pause: Duration) {
    let tick_then_wait = |app: &mut App| {
        app.console.step_n(&mut app.live, 1);
        app.sync_journal();
        if !pause.is_zero() {
            std::thread::sleep(pause);
        }
    };
    for action in actions {
        if app.console.quit {
            return;
        }
        match action {
            Action::Command(c) => {
                app.console.submit(&mut app.live, c.clone());
            }
            Action::Step(n) => {
                // Steps past the end (or after the app quits) are none: stop counting there.
                for _ in 0..*n {
                    if app.live.is_finished() || app.console.quit {
                        break;
                    }
                    let before = app.live.tick();
                    tick_then_wait(app);
                    if app.live.tick() == before {
                        // The seat may not run the clock: the refusal is on the status line.
                        break;
                    }
                }
            }
            Action::Until(t) => {
                while app.live.tick().is_none_or(|now| now < *t)
                    && !app.live.is_finished()
                    && !app.console.quit
                {
                    let before = app.live.tick();
                    tick_then_wait(app);
                    if app.live.tick() == before {
                        // The seat may not run the clock: the refusal is on the status line.
                        break;
                    }
                }
            }
            Action::Line(line) => {
                app.console.status =
                    super::command_line::run(&mut app.console, &mut app.live, line);
            }
        }
        app.sync_journal();
    }
}
