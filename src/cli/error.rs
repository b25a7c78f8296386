//! Everything that can stop a command, and the one report of it that `main` prints.

use crate::printable::printable;
use std::path::PathBuf;

use crate::authoring::template::BadName;
use crate::library::{self, NameError};
use crate::msel::SheetErrors;
use crate::report::{KeyKind, RatingsError};
use crate::scenario::{Diagnostics, LoadError};
use crate::session::SessionError;
use crate::simtime::TimeError;
use crate::tui::script::ScriptError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file that cannot be read, or a scenario or decisions file that does not validate.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A name that is neither a file nor built in.
    #[error(transparent)]
    Name(NameError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Script(#[from] ScriptError),
    #[error(transparent)]
    Sheet(#[from] SheetErrors),
    /// A merge whose result does not validate: its diagnostics, and the file left untouched.
    #[error("the merged scenario does not validate; {} was not changed", .1.display())]
    Refused(Diagnostics, PathBuf),
    /// The same, every problem lying in the sheet's injects: at the sheet's rows and columns.
    #[error("{errors}\nthe merged scenario does not validate; {} was not changed", .1.display(), errors = .0)]
    RefusedSheet(SheetErrors, PathBuf),
    /// A ratings file with a syntax error (at its line and column) or naming what is not there.
    #[error(transparent)]
    Ratings(#[from] RatingsError),
    #[error("--sample: {0}")]
    Sample(TimeError),
    #[error("--timeline: no kind \"{0}\" (kinds: {kinds})", kinds = timeline_kinds())]
    TimelineKind(String),
    #[error("--from: no built-in scenario \"{0}\" (built in: {ids})", ids = library::ids())]
    NoBuiltin(String),
    #[error(transparent)]
    BadName(#[from] BadName),
    #[error(
        "{} already exists; choose another name or pass -o NEW_FILE (nothing was written)",
        .0.display()
    )]
    ScenarioExists(PathBuf),
    #[error("{} already exists; remove it or pass -o NEW_FILE (nothing was written)", .0.display())]
    FileExists(PathBuf),
    #[error("--format pdf writes a file: add -o FILE.pdf (nothing was written)")]
    PdfNeedsOutput,
    #[error(transparent)]
    Pdf(#[from] crate::report::PdfError),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// No terminal for the console, or the terminal failed under it.
    #[error(transparent)]
    Terminal(std::io::Error),
    #[error(
        "replay needs a terminal; without one, `kunren report {0}` reports session {0} and `kunren compare {0} OTHER` compares it"
    )]
    ReplayNeedsTerminal(String),
    #[error("no seat \"{id}\" in this scenario; seats: {}", seats.join(", "))]
    NoSeat { id: String, seats: Vec<String> },
    #[error(
        "sessions {a} ({a_scenario}) and {b} ({b_scenario}) were played on different scenarios (or versions of one); compare two sessions of the same scenario, such as a session and its branch"
    )]
    DifferentScenarios {
        a: String,
        a_scenario: String,
        b: String,
        b_scenario: String,
    },
    #[error(
        "the session journal {path} could not be written: {why}.\n  The console stopped so that nothing is played unrecorded; the command or step being written was not kept. Everything before it is on disk (up to tick {}). Once the disk is fixed, `kunren resume {session}` continues from there.",
        tick.map_or("(none)".into(), |t| t.to_string())
    )]
    JournalNotWritten {
        path: String,
        why: String,
        tick: Option<u32>,
        session: String,
    },
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// `kunren host`: an address that cannot be listened on, a host key or codes file that
    /// cannot be read or written, a journal that failed while hosting.
    #[error(transparent)]
    Host(#[from] crate::host::HostError),
    /// `kunren view`: a seat that is not a team's, or a moment that is not in the exercise.
    #[error(transparent)]
    Briefing(#[from] crate::briefing::BriefingError),
    /// Some file did not validate (each was reported as it was checked).
    #[error("validation failed")]
    ValidationFailed,
    /// Lint found warnings or invalid scenarios (each was reported as it was linted).
    #[error("lint: {} in {}{}", plural(*warnings, "warning"), plural(*files, "file"), not_valid(*invalid))]
    Findings {
        warnings: usize,
        files: usize,
        invalid: usize,
    },
    #[error(
        "--seeds: \"{0}\" is not a range of seeds; write A..B (B left out) or A..=B, e.g. 1..=1000"
    )]
    Seeds(String),
    #[error("--shard: \"{0}\" is not a slice; write K/N with 1 <= K <= N, e.g. 3/8")]
    Shard(String),
    #[error(transparent)]
    Merge(#[from] crate::analysis::shard::MergeError),
    #[error("-o {}: write an analysis to FILE.html, FILE.md, FILE.json or FILE.txt", .0.display())]
    OutputKind(PathBuf),
}

/// A scenario's loading error is reported as it is: its diagnostics, with their spans.
impl From<NameError> for Error {
    fn from(e: NameError) -> Error {
        match e {
            NameError::Load(e) => Error::Load(e),
            e => Error::Name(e),
        }
    }
}

fn timeline_kinds() -> String {
    let kinds: Vec<&str> = KeyKind::ALL.iter().map(|k| k.name()).collect();
    kinds.join(", ")
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn not_valid(invalid: usize) -> String {
    if invalid == 0 {
        String::new()
    } else {
        format!(", {} not valid", plural(invalid, "scenario"))
    }
}

/// Prints one report of an error on standard error: diagnostics drawn with their source lines,
/// everything else as `error: ...`.
pub fn report(e: &Error) {
    match e {
        Error::Load(LoadError::Invalid(diags)) => report_diagnostics(diags),
        Error::Findings { .. } => eprintln!("{}", printable(&e.to_string())),
        Error::Sheet(errors) => {
            for e in &errors.0 {
                eprintln!("error: {}", printable(&e.to_string()));
            }
            let n = errors.0.len();
            eprintln!(
                "{n} problem{} in the sheet; nothing was written",
                if n == 1 { "" } else { "s" }
            );
        }
        Error::Refused(diags, _) => {
            report_diagnostics(diags);
            eprintln!("{}", printable(&e.to_string()));
        }
        Error::RefusedSheet(errors, into) => {
            for e in &errors.0 {
                eprintln!("error: {e}");
            }
            eprintln!(
                "the merged scenario does not validate; {} was not changed",
                into.display()
            );
        }
        Error::Session(SessionError::Invalid {
            session,
            diagnostics,
        }) => {
            eprintln!(
                "error: session {session} cannot be resumed: its scenario does not validate in this kunren:"
            );
            report_diagnostics(diagnostics);
        }
        other => eprintln!("error: {}", printable(&other.to_string())),
    }
}

/// Diagnostics drawn by miette: file, line and column, the source line, what and how to fix.
pub fn report_diagnostics(diags: &Diagnostics) {
    let handler = miette::GraphicalReportHandler::new();
    let mut out = String::new();
    match handler.render_report(&mut out, &diags.report()) {
        Ok(()) => eprint!("{out}"),
        Err(_) => eprint!("{}", printable(&diags.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_findings_count_in_words() {
        let e = Error::Findings {
            warnings: 1,
            files: 2,
            invalid: 0,
        };
        assert_eq!(e.to_string(), "lint: 1 warning in 2 files");
        let e = Error::Findings {
            warnings: 0,
            files: 1,
            invalid: 1,
        };
        assert_eq!(
            e.to_string(),
            "lint: 0 warnings in 1 file, 1 scenario not valid"
        );
    }

    #[test]
    fn a_scenario_that_does_not_load_stays_a_load_error() {
        let e = Error::from(library::NameError::NoScenario { name: "x".into() });
        assert!(matches!(e, Error::Name(_)));
        let io = std::io::Error::from(std::io::ErrorKind::NotFound);
        let e = Error::from(NameError::Load(LoadError::Io {
            path: "x".into(),
            source: io,
        }));
        assert!(matches!(e, Error::Load(LoadError::Io { .. })));
    }

    #[test]
    fn ratings_errors_keep_their_place() {
        let err =
            crate::report::Ratings::parse("Ratings(objectives: {\"a\": (rating: Q)})", "r.ron")
                .unwrap_err();
        let e = Error::from(err);
        let Error::Ratings(RatingsError::Syntax { line, column, .. }) = &e else {
            panic!("{e:?}");
        };
        assert_eq!(*line, 1);
        assert!(*column > 1);
        assert!(e.to_string().starts_with("r.ron:1:"), "{e}");
    }
}
