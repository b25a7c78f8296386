//! The `kunren` command line: the arguments of every command (clap) and what each does, on top
//! of the library. `main.rs` only parses, calls [`Cli::run`] and prints one [`report`] of an
//! error.
//!
//! One module per command group, each command with its own `#[derive(Args)]` struct and a
//! `run` method. Adding a command is one file under `cli/` and one registration: a variant of
//! [`Cmd`] (its doc comment is the command's help) and its arm in [`Cmd::run`].

mod analyze;
mod authoring;
mod error;
mod evaluation;
mod host;
mod msel;
mod runs;
mod sessions;
mod view;

use std::path::Path;

use clap::{Parser, Subcommand};

pub use error::{Error, report, report_diagnostics};

#[derive(Parser)]
#[command(name = "kunren", version, about = "A tabletop cyber-exercise simulator", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// Without a command: the console's language, en (English, the default) or ja (Japanese).
    #[arg(long)]
    pub lang: Option<crate::lang::Lang>,
}

impl Cli {
    /// Runs the command given, or opens the console on the default scenario without one.
    pub fn run(self) -> Result<(), Error> {
        let mut play = sessions::Play::default();
        if let Some(lang) = self.lang {
            play.session.lang = lang;
        }
        self.command.unwrap_or(Cmd::Play(play)).run()
    }
}

#[derive(Subcommand)]
pub enum Cmd {
    /// Open the exercise console on a scenario (the multinational drill when none is given).
    Play(sessions::Play),
    /// Host a live session that every team joins from its own terminal with plain `ssh`
    /// (user name: the seat; password: the seat's code, printed at start).
    Host(host::HostCmd),
    /// List the console sessions kept on this machine (every `play` keeps a journal).
    Sessions(sessions::Sessions),
    /// Reopen a session where it stopped (after a crash, a kill or leaving the console), rebuilt
    /// exactly by replaying its journal.
    Resume(sessions::Resume),
    /// Open a recorded session read-only, with a timeline scrubber; `b` there branches a
    /// what-if: a new, live session from that tick.
    Replay(sessions::Replay),
    /// Print two sessions' outcomes side by side: objectives, measures at the end, service
    /// outage hours, and the first tick where their commands differ.
    Compare(sessions::Compare),
    /// Check scenario and decisions files and report every problem found.
    Validate(runs::Validate),
    /// Run a scenario to the end without a screen and print its timeline and results.
    Run(runs::Run),
    /// Run a scenario to the end without a screen and write its after-action report and
    /// improvement plan (Markdown or a self-contained HTML page).
    Report(runs::Report),
    /// Write the Exercise Evaluation Guides of a scenario for evaluators: one per objective, with
    /// its core capability, critical tasks, what to watch for and fields for observations.
    Eeg(evaluation::Eeg),
    /// Write the participant feedback form of a scenario, to print and hand out at ENDEX
    /// (answers are entered on the console's Hot wash screen with f).
    FeedbackForm(evaluation::FeedbackForm),
    /// List the scenarios built into this binary.
    Scenarios(authoring::Scenarios),
    /// Write a commented starting scenario that validates and runs.
    New(authoring::New),
    /// Warn about design problems in valid scenarios (unreachable injects, undetectable stages...).
    Lint(authoring::Lint),
    /// Print a readable summary of a scenario: clock, teams, dependencies, the adversary's path,
    /// injects and objectives.
    Explain(authoring::Explain),
    /// Move a scenario's injects (its MSEL) to and from a spreadsheet (CSV).
    Msel(msel::Msel),
    /// Print what a team's console would show at a moment: inbox, assets as known, actions
    /// available and why not, intel, objectives and deadlines (for a team's briefing).
    View(view::View),
    /// Run a scenario over many seeds under each decision set, in parallel, and print what the
    /// runs say together (met rates, outage spreads, what never happens, what decides the
    /// outcome); `--shard K/N` and `analyze merge` spread it over machines.
    Analyze(analyze::Analyze),
}

impl Cmd {
    pub fn run(self) -> Result<(), Error> {
        match self {
            Cmd::Play(c) => c.run(),
            Cmd::Host(c) => c.run(),
            Cmd::Sessions(c) => c.run(),
            Cmd::Resume(c) => c.run(),
            Cmd::Replay(c) => c.run(),
            Cmd::Compare(c) => c.run(),
            Cmd::Validate(c) => c.run(),
            Cmd::Run(c) => c.run(),
            Cmd::Report(c) => c.run(),
            Cmd::Eeg(c) => c.run(),
            Cmd::FeedbackForm(c) => c.run(),
            Cmd::Scenarios(c) => c.run(),
            Cmd::New(c) => c.run(),
            Cmd::Lint(c) => c.run(),
            Cmd::Explain(c) => c.run(),
            Cmd::Msel(c) => c.run(),
            Cmd::View(c) => c.run(),
            Cmd::Analyze(c) => c.run(),
        }
    }
}

/// Prints `text` on standard output. A reader that has gone away (`kunren run | head`) ends the
/// output quietly, as other command-line tools do, rather than with a panic; any other failure
/// to write is reported.
pub(crate) fn print_out(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(source) if source.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "standard output".into(),
            source,
        }),
        _ => Ok(()),
    }
}

/// Writes `text` to a new file at `path`, or to standard output without a path.
fn write_new(path: Option<&Path>, text: &str) -> Result<(), Error> {
    match path {
        None => {
            // Data (a sheet, RON) piped on is kept byte for byte; on a terminal it is made
            // printable.
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                print_out(&crate::printable::printable(text))
            } else {
                print_out(text)
            }
        }
        Some(path) => write_new_file(path, text),
    }
}

/// Writes `text` to a new file at `path`; an existing file is never overwritten.
fn write_new_file(path: &Path, text: &str) -> Result<(), Error> {
    // Atomically: a new file appears whole or not at all.
    crate::durable::create_new(path, text.as_bytes()).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => Error::FileExists(path.to_path_buf()),
        _ => Error::Write {
            path: path.to_path_buf(),
            source,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn a_new_file_never_overwrites_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write_new_file(&path, "first").unwrap();
        let err = write_new_file(&path, "second").unwrap_err();
        assert!(
            matches!(&err, Error::FileExists(p) if *p == path),
            "{err:?}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        let err = write_new_file(&dir.path().join("no/such/dir"), "x").unwrap_err();
        assert!(err.to_string().starts_with("cannot write "), "{err}");
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_command_plays_the_default_scenario() {
        let cli = Cli::try_parse_from(["kunren"]).unwrap();
        assert!(cli.command.is_none());
        let play = sessions::Play::default();
        assert_eq!(
            (play.scenario.as_str(), play.seed, play.seat),
            (crate::library::DEFAULT, 1, None)
        );
    }
}
