//! Console sessions: `play` starts one, `sessions` lists them, `resume` reopens one, `replay`
//! scrubs a recorded one read-only (and branches a what-if), `compare` sets two side by side.

use crate::lang::Lang;
use crate::printable::printable;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::{Error, print_out};
use crate::library;
use crate::scenario::LoadError;
use crate::session::{self, Reading, ScenarioText};
use crate::tui::app::Seat;
use crate::tui::{self, App, script};

// `kunren play`
#[derive(Args)]
pub struct Play {
    /// A scenario file, or the id of a built-in scenario.
    #[arg(default_value = library::DEFAULT)]
    pub scenario: String,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Open on this seat instead of the start screen: "white" or the id of a team played by people.
    #[arg(long)]
    pub seat: Option<String>,
    #[command(flatten)]
    pub session: SessionArgs,
}

/// What `kunren` with no command plays.
impl Default for Play {
    fn default() -> Play {
        Play {
            scenario: library::DEFAULT.to_string(),
            seed: 1,
            seat: None,
            session: SessionArgs::default(),
        }
    }
}

/// Where sessions are kept, and the scripted (no terminal) way to drive the console.
#[derive(Args, Default)]
pub struct SessionArgs {
    /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
    #[arg(long, value_name = "DIR")]
    pub session_dir: Option<PathBuf>,
    /// Drive the console from a script (a RON list of Command(..), Step(N), Until(TICK), Line("..."))
    /// instead of a terminal; the session is journaled exactly as a live one.
    #[arg(long, value_name = "SCRIPT.ron")]
    pub script: Option<PathBuf>,
    /// With --script: wait this long after every tick (for tests that interrupt a session).
    #[arg(long, value_name = "MS", default_value_t = 0, hide = true)]
    pub step_delay_ms: u64,
    /// The console's language: en (English, the default) or ja (Japanese): its own words and
    /// the scenario's texts where it gives them in Japanese.
    #[arg(long, default_value = "en")]
    pub lang: Lang,
}

impl Play {
    pub fn run(self) -> Result<(), Error> {
        let text = ScenarioText::named(&self.scenario)?;
        let scn = Arc::new(text.parse().map_err(LoadError::Invalid)?);
        let mut app = App::new(scn.clone(), self.seed);
        let seat = self
            .seat
            .as_deref()
            .map(|id| find_seat(&app, id))
            .transpose()?;
        let args = &self.session;
        let script = args
            .script
            .as_deref()
            .map(|p| script::load(p, &scn))
            .transpose()?;
        if script.is_none() {
            tui::ensure_terminal().map_err(Error::Terminal)?;
        }
        let dir = session::sessions_dir(args.session_dir.as_deref())?;
        let seat_id = seat.map(|s| s.id(&scn));
        let (journal, session) = session::start(&dir, &scn, &text, self.seed, seat_id.as_deref())?;
        app.keep_journal(journal);
        match seat {
            // A console started on a seat is held to it: switching is for the shared console.
            Some(seat) => app.lock_to(seat),
            None if script.is_some() => app.open_at(Seat::WhiteCell),
            None => {}
        }
        drive(app, &session, script.as_deref(), args)
    }
}

// `kunren sessions`
#[derive(Args)]
pub struct Sessions {
    /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
    #[arg(long, value_name = "DIR")]
    pub session_dir: Option<PathBuf>,
}

impl Sessions {
    /// Lists the sessions kept, oldest first.
    pub fn run(self) -> Result<(), Error> {
        let dir = session::sessions_dir(self.session_dir.as_deref())?;
        let all = session::list(&dir)?;
        print_out(&printable(&session::table(&dir, &all)))?;
        Ok(())
    }
}

// `kunren resume`
#[derive(Args)]
pub struct Resume {
    /// A session name (see `kunren sessions`) or a journal file [default: the most recently written].
    pub session: Option<String>,
    #[command(flatten)]
    pub session_args: SessionArgs,
}

impl Resume {
    /// Reopens a session: replays its journal, reports a damaged tail, refuses a changed scenario.
    pub fn run(self) -> Result<(), Error> {
        let args = &self.session_args;
        let dir = session::sessions_dir(args.session_dir.as_deref())?;
        let path = session::locate(&dir, self.session.as_deref())?;
        // The journal is locked before it is read: a second resume of the same session is
        // refused here, before it reads or cuts anything.
        let resuming = session::resume(&path)?;
        let script = args
            .script
            .as_deref()
            .map(|p| script::load(p, &resuming.restored.scenario))
            .transpose()?;
        if script.is_none() {
            tui::ensure_terminal().map_err(Error::Terminal)?;
        }
        let (restored, reopened) = resuming.reopen()?;
        let at = restored.sim.tick();
        if let Some(warning) = restored.resumed_warning(reopened.damaged_copy.as_deref()) {
            eprintln!("{warning}");
        }
        let journal = reopened.journal;
        let session::Restored {
            name: session,
            header,
            scenario,
            sim,
            submitted,
            pace,
            seat,
            evaluation,
            ..
        } = restored;
        let replayed = submitted.len();
        let mut app = App::resumed(scenario, header.seed, sim, submitted);
        app.live.restore_evaluation(evaluation);
        app.keep_journal(journal);
        if let Some(pace) = pace {
            app.live.resume_pace(pace);
        }
        // A session started on a seat (`--seat`) stays held to it; a shared one reopens where it
        // was.
        let held = header
            .seat
            .as_deref()
            .and_then(|id| find_seat(&app, id).ok());
        let seat = seat.and_then(|id| find_seat(&app, &id).ok());
        match (held, seat) {
            (Some(held), _) => app.lock_to(held),
            (None, Some(seat)) => app.open_at(seat),
            (None, None) if script.is_some() => app.open_at(Seat::WhiteCell),
            (None, None) => {}
        }
        app.console.status = crate::tui::said::Said::Resumed {
            session: &session,
            at,
            replayed,
        }
        .say(args.lang);
        drive(app, &session, script.as_deref(), args)
    }
}

// `kunren replay`
#[derive(Args)]
pub struct Replay {
    /// A session name (see `kunren sessions`) or a journal file [default: the most recently written].
    pub session: Option<String>,
    /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
    #[arg(long, value_name = "DIR")]
    pub session_dir: Option<PathBuf>,
}

impl Replay {
    /// Opens a session read-only on a terminal; a branch taken there continues as a live session.
    pub fn run(self) -> Result<(), Error> {
        let dir = session::sessions_dir(self.session_dir.as_deref())?;
        let path = session::locate(&dir, self.session.as_deref())?;
        let restored = session::restore(&path)?;
        if let Some(warning) = restored.damage_warning(Reading::Replay) {
            eprintln!("{warning}");
        }
        tui::ensure_terminal().map_err(|_| Error::ReplayNeedsTerminal(restored.name.clone()))?;
        let recording = session::Recording::from_restored(&restored);
        let app = App::replay(recording, dir);
        let app = tui::run(app).map_err(Error::Terminal)?;
        match app.branched().map(str::to_string) {
            Some(branch) => finish(app, &branch),
            None => {
                println!("Left the replay of {}; nothing was written.", restored.name);
                Ok(())
            }
        }
    }
}

// `kunren compare`
#[derive(Args)]
pub struct Compare {
    /// A session name (see `kunren sessions`) or a journal file.
    pub a: String,
    /// Another session, usually a branch of the first.
    pub b: String,
    /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
    #[arg(long, value_name = "DIR")]
    pub session_dir: Option<PathBuf>,
}

impl Compare {
    /// Two sessions' outcomes side by side.
    pub fn run(self) -> Result<(), Error> {
        let dir = session::sessions_dir(self.session_dir.as_deref())?;
        let restore = |name: &str| -> Result<session::Restored, Error> {
            let restored = session::restore(&session::locate(&dir, Some(name))?)?;
            if let Some(warning) = restored.damage_warning(Reading::Compare) {
                eprintln!("{warning}");
            }
            Ok(restored)
        };
        let (a, b) = (restore(&self.a)?, restore(&self.b)?);
        if a.header.scenario != b.header.scenario || a.header.sha256 != b.header.sha256 {
            return Err(Error::DifferentScenarios {
                a: a.name,
                a_scenario: a.header.scenario,
                b: b.name,
                b_scenario: b.header.scenario,
            });
        }
        print_out(&printable(&session::compare::side_by_side(&a, &b)))?;
        Ok(())
    }
}

/// Runs the console (or the script) on a journaled app, then records leaving and reports.
fn drive(
    mut app: App,
    session: &str,
    script: Option<&[script::Action]>,
    args: &SessionArgs,
) -> Result<(), Error> {
    app.console.lang = args.lang;
    match script {
        Some(actions) => {
            let pause = std::time::Duration::from_millis(args.step_delay_ms);
            script::run(&mut app, actions, pause);
        }
        None => app = tui::run(app).map_err(Error::Terminal)?,
    }
    finish(app, session)
}

/// Records leaving a journaled console and says where the session is and what next.
fn finish(mut app: App, session: &str) -> Result<(), Error> {
    let live = &mut app.live;
    let path = live
        .journal()
        .map(|j| j.path().display().to_string())
        .unwrap_or_default();
    if live.journal_error().is_none() {
        live.leave();
    }
    let tick = live.tick();
    if let Some(why) = live.journal_error() {
        return Err(Error::JournalNotWritten {
            path,
            why: why.to_string(),
            tick,
            session: session.to_string(),
        });
    }
    let tick = tick.unwrap_or(0);
    let clock = &live.scenario().clock;
    let next = if live.is_finished() {
        format!(
            "`kunren report {session} --format html -o {session}.html` writes the after-action report."
        )
    } else {
        format!(
            "`kunren resume {session}` continues it; `kunren report {session}` reports it so far."
        )
    };
    println!(
        "Left the console at {} (tick {tick} of {}), {} command(s) given.\nSession {session} is saved in {path}. {next}",
        clock.label(tick),
        clock.end_tick,
        live.submitted().len()
    );
    Ok(())
}

/// The seat with this id ("white" or a team's id), or the seats there are.
fn find_seat(app: &App, id: &str) -> Result<Seat, Error> {
    let scenario = app.live.scenario();
    let seats = tui::app::seats(scenario);
    if let Some(seat) = seats.iter().find(|s| s.id(scenario) == id) {
        return Ok(*seat);
    }
    Err(Error::NoSeat {
        id: id.to_string(),
        seats: seats.iter().map(|s| s.id(scenario)).collect(),
    })
}
