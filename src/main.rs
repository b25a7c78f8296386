//! The `kunren` command line: parses arguments, loads scenarios, drives the core, and prints one
//! report of anything that went wrong. No simulation logic lives here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use kunren::authoring;
use kunren::library::{self, Builtin};
use kunren::msel::{self, MergeError, SheetErrors};
use kunren::report;
use kunren::scenario::{self, Decisions, Diagnostics, LoadError, Scenario};
use kunren::session::{self, ScenarioText, SessionError};
use kunren::sim::Simulation;
use kunren::simtime::Minutes;
use kunren::summary;
use kunren::tui::app::Seat;

#[derive(Parser)]
#[command(name = "kunren", version, about = "A tabletop cyber-exercise simulator", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Open the exercise console on a scenario (the multinational drill when none is given).
    Play {
        /// A scenario file, or the id of a built-in scenario.
        #[arg(default_value = library::DEFAULT)]
        scenario: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Open on this seat instead of the start screen: "white" or the id of a team played by people.
        #[arg(long)]
        seat: Option<String>,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// Host a live session that every team joins from its own terminal with plain `ssh`
    /// (user name: the seat; password: the seat's code, printed at start).
    Host {
        /// A scenario file, or the id of a built-in scenario.
        #[arg(default_value = library::DEFAULT, conflicts_with = "resume")]
        scenario: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to accept connections; anything but loopback must be asked for.
        #[arg(long, value_name = "ADDR:PORT", default_value = kunren::host::DEFAULT_LISTEN)]
        listen: std::net::SocketAddr,
        /// No console in this terminal: print one `seat <id> <code>` line per seat, then log
        /// joins and leaves until stopped (Ctrl-C).
        #[arg(long)]
        headless: bool,
        /// Host a session again after a crash or a stop, rebuilt from its journal; the seats
        /// keep their codes.
        #[arg(long, value_name = "SESSION")]
        resume: Option<String>,
        /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
        #[arg(long, value_name = "DIR")]
        session_dir: Option<PathBuf>,
    },
    /// List the console sessions kept on this machine (every `play` keeps a journal).
    Sessions {
        /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
        #[arg(long, value_name = "DIR")]
        session_dir: Option<PathBuf>,
    },
    /// Reopen a session where it stopped (after a crash, a kill or leaving the console), rebuilt
    /// exactly by replaying its journal.
    Resume {
        /// A session name (see `kunren sessions`) or a journal file [default: the most recently written].
        session: Option<String>,
        #[command(flatten)]
        session_args: SessionArgs,
    },
    /// Open a recorded session read-only, with a timeline scrubber; `b` there branches a
    /// what-if: a new, live session from that tick.
    Replay {
        /// A session name (see `kunren sessions`) or a journal file [default: the most recently written].
        session: Option<String>,
        /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
        #[arg(long, value_name = "DIR")]
        session_dir: Option<PathBuf>,
    },
    /// Print two sessions' outcomes side by side: objectives, measures at the end, service
    /// outage hours, and the first tick where their commands differ.
    Compare {
        /// A session name (see `kunren sessions`) or a journal file.
        a: String,
        /// Another session, usually a branch of the first.
        b: String,
        /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
        #[arg(long, value_name = "DIR")]
        session_dir: Option<PathBuf>,
    },
    /// Check scenario and decisions files and report every problem found.
    Validate {
        /// Scenario files and decisions files (a decisions file is checked against the scenario it names).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run a scenario to the end without a screen and print its timeline and results.
    Run {
        /// A scenario file, or the id of a built-in scenario.
        #[arg(default_value = library::DEFAULT)]
        scenario: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A decisions file, or the name of a built-in decision set ("historical", "prepared").
        #[arg(long)]
        decisions: Option<String>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// How often measures are sampled in the summary.
        #[arg(long, default_value = "6h")]
        sample: String,
    },
    /// Run a scenario to the end without a screen and write its after-action report and
    /// improvement plan (Markdown or a self-contained HTML page).
    Report {
        /// A session (its name from `kunren sessions`, or a journal file), reported where it
        /// stands; or a scenario file or built-in id, run headlessly to its end.
        scenario: String,
        /// A decisions file, or the name of a built-in decision set ("historical", "prepared").
        #[arg(long)]
        decisions: Option<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The facilitator's ratings file (RON): ratings, comments, strengths, plan rows.
        #[arg(long)]
        ratings: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Only these kinds in the timeline, comma-separated: inject, action, impact, detection,
        /// objective, adjudication [default: all].
        #[arg(long, value_delimiter = ',')]
        timeline: Vec<String>,
        /// Write the report here instead of to standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the user's data directory].
        #[arg(long)]
        session_dir: Option<PathBuf>,
    },
    /// List the scenarios built into this binary.
    Scenarios,
    /// Write a commented starting scenario that validates and runs.
    New {
        /// The new scenario's id (letters, digits, '-' and '_'); also its file name.
        name: String,
        /// Where to write it [default: NAME.ron]; an existing file is never overwritten.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Start from a built-in scenario instead of the small template.
        #[arg(long)]
        from: Option<String>,
    },
    /// Warn about design problems in valid scenarios (unreachable injects, undetectable stages...).
    Lint {
        /// Scenario files or ids of built-in scenarios.
        #[arg(required = true)]
        scenarios: Vec<String>,
    },
    /// Print a readable summary of a scenario: clock, teams, dependencies, the adversary's path,
    /// injects and objectives.
    Explain {
        /// A scenario file, or the id of a built-in scenario.
        scenario: String,
    },
    /// Move a scenario's injects (its MSEL) to and from a spreadsheet (CSV).
    Msel {
        #[command(subcommand)]
        command: MselCmd,
    },
}

#[derive(Subcommand)]
enum MselCmd {
    /// Write a scenario's injects as a CSV sheet, one row per inject.
    Export {
        /// A scenario file, or the id of a built-in scenario.
        scenario: String,
        /// Where to write the sheet [default: standard output]; an existing file is never overwritten.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Read a CSV sheet of injects: merge it into a scenario file, or write its injects as RON.
    Import {
        /// The CSV sheet.
        sheet: PathBuf,
        /// Merge into this scenario file: injects with the sheet's numbers are replaced, new ones
        /// appended, the rest of the file kept as written. Nothing is written unless the result
        /// validates.
        #[arg(long, conflicts_with = "output")]
        into: Option<PathBuf>,
        /// Write the `injects: [...]` field to this file for pasting [default: standard output];
        /// an existing file is never overwritten.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Md,
    Html,
}

/// Where sessions are kept, and the scripted (no terminal) way to drive the console.
#[derive(clap::Args, Default)]
struct SessionArgs {
    /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
    #[arg(long, value_name = "DIR")]
    session_dir: Option<PathBuf>,
    /// Drive the console from a script (a RON list of Command(..), Step(N), Until(TICK), Line("..."))
    /// instead of a terminal; the session is journaled exactly as a live one.
    #[arg(long, value_name = "SCRIPT.ron")]
    script: Option<PathBuf>,
    /// With --script: wait this long after every tick (for tests that interrupt a session).
    #[arg(long, value_name = "MS", default_value_t = 0, hide = true)]
    step_delay_ms: u64,
}

/// Everything that can stop a command, reported once by `main`.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    Usage(String),
    /// Lint found warnings (already printed).
    #[error("{0}")]
    Findings(String),
    #[error(transparent)]
    Sheet(#[from] SheetErrors),
    /// A merge whose result does not validate: its diagnostics, and the file left untouched.
    #[error("{0}")]
    Refused(Diagnostics, PathBuf),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Script(#[from] kunren::tui::script::ScriptError),
    #[error(transparent)]
    Host(#[from] kunren::host::HostError),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => play(library::DEFAULT, 1, None, &SessionArgs::default()),
        Some(Cmd::Play {
            scenario,
            seed,
            seat,
            session,
        }) => play(&scenario, seed, seat.as_deref(), &session),
        Some(Cmd::Host {
            scenario,
            seed,
            listen,
            headless,
            resume,
            session_dir,
        }) => host(
            &scenario,
            seed,
            listen,
            headless,
            resume.as_deref(),
            session_dir.as_deref(),
        ),
        Some(Cmd::Sessions { session_dir }) => sessions(session_dir.as_deref()),
        Some(Cmd::Resume {
            session,
            session_args,
        }) => resume(session.as_deref(), &session_args),
        Some(Cmd::Replay {
            session,
            session_dir,
        }) => replay(session.as_deref(), session_dir.as_deref()),
        Some(Cmd::Compare { a, b, session_dir }) => compare(&a, &b, session_dir.as_deref()),
        Some(Cmd::Validate { files }) => validate(&files),
        Some(Cmd::Run {
            scenario,
            seed,
            decisions,
            json,
            sample,
        }) => run(&scenario, seed, decisions.as_deref(), json, &sample),
        Some(Cmd::Report {
            scenario,
            decisions,
            seed,
            ratings,
            format,
            timeline,
            output,
            session_dir,
        }) => after_action(
            session_dir.as_deref(),
            &scenario,
            decisions.as_deref(),
            seed,
            ratings.as_deref(),
            format,
            &timeline,
            output.as_deref(),
        ),
        Some(Cmd::Scenarios) => {
            for b in library::BUILTINS {
                let sets: Vec<&str> = b.decisions.iter().map(|(n, _, _)| *n).collect();
                println!("{:<28} decision sets: {}", b.id, sets.join(", "));
            }
            Ok(())
        }
        Some(Cmd::New { name, output, from }) => new(&name, output, from.as_deref()),
        Some(Cmd::Lint { scenarios }) => lint(&scenarios),
        Some(Cmd::Explain { scenario }) => load_scenario(&scenario).map(|(s, _)| {
            print!("{}", authoring::explain::explain(&s));
        }),
        Some(Cmd::Msel {
            command: MselCmd::Export { scenario, output },
        }) => msel_export(&scenario, output.as_deref()),
        Some(Cmd::Msel {
            command:
                MselCmd::Import {
                    sheet,
                    into,
                    output,
                },
        }) => msel_import(&sheet, into.as_deref(), output.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(e);
            ExitCode::FAILURE
        }
    }
}

fn report(e: CliError) {
    match e {
        CliError::Load(LoadError::Invalid(diags)) => report_diagnostics(diags),
        CliError::Findings(summary) => eprintln!("{summary}"),
        CliError::Sheet(errors) => {
            for e in &errors.0 {
                eprintln!("error: {e}");
            }
            let n = errors.0.len();
            eprintln!(
                "{n} problem{} in the sheet; nothing was written",
                if n == 1 { "" } else { "s" }
            );
        }
        CliError::Refused(diags, path) => {
            report_diagnostics(diags);
            eprintln!(
                "the merged scenario does not validate; {} was not changed",
                path.display()
            );
        }
        CliError::Session(SessionError::Invalid {
            session,
            diagnostics,
        }) => {
            eprintln!(
                "error: session {session} cannot be resumed: its scenario does not validate in this kunren:"
            );
            report_diagnostics(diagnostics);
        }
        other => eprintln!("error: {other}"),
    }
}

fn report_diagnostics(diags: Diagnostics) {
    let handler = miette::GraphicalReportHandler::new();
    let mut out = String::new();
    match handler.render_report(&mut out, &diags.report()) {
        Ok(()) => eprint!("{out}"),
        Err(_) => eprint!("{diags}"),
    }
}

/// Loads a scenario from a file, or from the built-ins when no such file exists.
fn load_scenario(name: &str) -> Result<(Scenario, Option<&'static Builtin>), CliError> {
    let path = Path::new(name);
    if !path.exists()
        && let Some(b) = library::builtin(name)
    {
        let s = scenario::parse(b.source, b.path).map_err(LoadError::Invalid)?;
        return Ok((s, Some(b)));
    }
    if !path.exists() {
        return Err(no_such_scenario(name));
    }
    Ok((scenario::load(path)?, None))
}

/// The text of a scenario file, or of a built-in scenario when no such file exists, with the
/// name to show in diagnostics.
fn scenario_source(name: &str) -> Result<(String, String), CliError> {
    let path = Path::new(name);
    if !path.exists() {
        return match library::builtin(name) {
            Some(b) => Ok((b.source.to_string(), b.path.to_string())),
            None => Err(no_such_scenario(name)),
        };
    }
    std::fs::read_to_string(path)
        .map(|text| (text, name.to_string()))
        .map_err(|source| {
            CliError::Load(LoadError::Io {
                path: path.to_path_buf(),
                source,
            })
        })
}

fn no_such_scenario(name: &str) -> CliError {
    let known: Vec<&str> = library::BUILTINS.iter().map(|b| b.id).collect();
    CliError::Usage(format!(
        "no scenario file \"{name}\" and no built-in scenario of that name (built in: {})",
        known.join(", ")
    ))
}

/// Writes a starting scenario, refusing to overwrite anything.
fn new(name: &str, output: Option<PathBuf>, from: Option<&str>) -> Result<(), CliError> {
    let text = match from {
        None => authoring::template::scenario(name),
        Some(id) => {
            let Some(b) = library::builtin(id) else {
                let known: Vec<&str> = library::BUILTINS.iter().map(|b| b.id).collect();
                return Err(CliError::Usage(format!(
                    "--from: no built-in scenario \"{id}\" (built in: {})",
                    known.join(", ")
                )));
            };
            authoring::template::copy_of(b.source, b.id, name)
        }
    }
    .map_err(|e| CliError::Usage(e.to_string()))?;
    let path = output.unwrap_or_else(|| PathBuf::from(format!("{name}.ron")));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let written = file.and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    match written {
        Ok(()) => {
            println!(
                "wrote {}; next: kunren validate {0}, kunren explain {0}, kunren lint {0}",
                path.display()
            );
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(CliError::Usage(format!(
            "{} already exists; choose another name or pass -o NEW_FILE (nothing was written)",
            path.display()
        ))),
        Err(source) => Err(CliError::Load(LoadError::Io { path, source })),
    }
}

/// Writes a new file, refusing to overwrite one, or prints to standard output without a path.
fn write_new(path: Option<&Path>, text: &str) -> Result<(), CliError> {
    let Some(path) = path else {
        print!("{text}");
        return Ok(());
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match file.and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes())) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(CliError::Usage(format!(
            "{} already exists; remove it or pass -o NEW_FILE (nothing was written)",
            path.display()
        ))),
        Err(source) => Err(CliError::Load(LoadError::Io {
            path: path.to_path_buf(),
            source,
        })),
    }
}

fn msel_export(name: &str, output: Option<&Path>) -> Result<(), CliError> {
    let (source, file) = scenario_source(name)?;
    let sheet = msel::export(&source, &file).map_err(LoadError::Invalid)?;
    write_new(output, &sheet)?;
    if let Some(path) = output {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn msel_import(sheet: &Path, into: Option<&Path>, output: Option<&Path>) -> Result<(), CliError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CliError::Load(LoadError::Io { path, source })
    };
    let bytes = std::fs::read(sheet).map_err(io(sheet))?;
    let injects = msel::import(&bytes, &sheet.display().to_string())?;
    let Some(into) = into else {
        return write_new(output, &msel::merge::injects_field(&injects));
    };
    let source = std::fs::read_to_string(into).map_err(io(into))?;
    let merged = match msel::merge(&source, &into.display().to_string(), &injects) {
        Ok(m) => m,
        Err(MergeError::Scenario(d)) => return Err(CliError::Load(LoadError::Invalid(d))),
        Err(MergeError::Invalid(d)) => return Err(CliError::Refused(d, into.to_path_buf())),
    };
    if merged.text != source {
        std::fs::write(into, &merged.text).map_err(io(into))?;
    }
    println!(
        "{}: {} replaced, {} added, {} unchanged",
        into.display(),
        merged.replaced.len(),
        merged.added.len(),
        merged.unchanged
    );
    Ok(())
}

/// Lints every scenario; an invalid one gets its validation report instead.
fn lint(names: &[String]) -> Result<(), CliError> {
    let (mut warnings, mut invalid, mut files) = (0, 0, 0);
    for name in names {
        let (source, file) = match scenario_source(name) {
            Ok(s) => s,
            Err(e) => {
                report(e);
                invalid += 1;
                continue;
            }
        };
        if is_decisions_file(&source) {
            // Lint judges exercise design; a decisions file is checked by `kunren validate`.
            println!("{file}: a decisions file, not linted (`kunren validate` checks it)");
            continue;
        }
        files += 1;
        match authoring::lint::lint(&source, &file) {
            Err(diags) => {
                report_diagnostics(diags);
                invalid += 1;
            }
            Ok(found) if found.is_empty() => println!("{}", found.summary()),
            Ok(found) => {
                warnings += found.len();
                let handler = miette::GraphicalReportHandler::new();
                let mut out = String::new();
                match handler.render_report(&mut out, &found.report()) {
                    Ok(()) => eprint!("{out}"),
                    Err(_) => eprintln!("{found}"),
                }
            }
        }
    }
    if warnings == 0 && invalid == 0 {
        return Ok(());
    }
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut summary = format!(
        "lint: {} in {}",
        plural(warnings, "warning"),
        plural(files, "file")
    );
    if invalid > 0 {
        summary.push_str(&format!(", {} not valid", plural(invalid, "scenario")));
    }
    Err(CliError::Findings(summary))
}

fn load_decisions(
    name: &str,
    scn: &Scenario,
    builtin: Option<&Builtin>,
) -> Result<Decisions, CliError> {
    let path = Path::new(name);
    if !path.exists()
        && let Some((file, source)) = builtin.and_then(|b| b.decision_set(name))
    {
        return Ok(scenario::parse_decisions(source, file, scn).map_err(LoadError::Invalid)?);
    }
    if !path.exists() {
        let sets: Vec<&str> = builtin
            .map(|b| b.decisions.iter().map(|(n, _, _)| *n).collect())
            .unwrap_or_default();
        let hint = if sets.is_empty() {
            String::new()
        } else {
            format!(" (built-in sets: {})", sets.join(", "))
        };
        return Err(CliError::Usage(format!(
            "no decisions file \"{name}\"{hint}"
        )));
    }
    Ok(scenario::load_decisions(path, scn)?)
}

/// The text of a scenario file, or of a built-in scenario when no such file exists, as a
/// session records it.
fn scenario_text(name: &str) -> Result<ScenarioText, CliError> {
    let path = Path::new(name);
    if !path.exists() {
        return library::builtin(name)
            .map(ScenarioText::builtin)
            .ok_or_else(|| no_such_scenario(name));
    }
    ScenarioText::file(path).map_err(|source| {
        CliError::Load(LoadError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

fn find_seat(app: &kunren::tui::App, id: &str) -> Result<Seat, CliError> {
    let scenario = app.live.scenario();
    let seats = kunren::tui::app::seats(scenario);
    if let Some(seat) = seats.iter().find(|s| s.id(scenario) == id) {
        return Ok(*seat);
    }
    let ids: Vec<String> = seats.iter().map(|s| s.id(scenario)).collect();
    Err(CliError::Usage(format!(
        "no seat \"{id}\" in this scenario; seats: {}",
        ids.join(", ")
    )))
}

fn play(name: &str, seed: u64, seat: Option<&str>, args: &SessionArgs) -> Result<(), CliError> {
    let text = scenario_text(name)?;
    let scn = Arc::new(text.parse().map_err(LoadError::Invalid)?);
    let mut app = kunren::tui::App::new(scn.clone(), seed);
    let seat = seat.map(|id| find_seat(&app, id)).transpose()?;
    let script = args
        .script
        .as_deref()
        .map(|p| kunren::tui::script::load(p, &scn))
        .transpose()?;
    if script.is_none() {
        kunren::tui::ensure_terminal().map_err(|e| CliError::Usage(e.to_string()))?;
    }
    let dir = session::sessions_dir(args.session_dir.as_deref())?;
    let seat_id = seat.map(|s| s.id(&scn));
    let (journal, session) = session::start(&dir, &scn, &text, seed, seat_id.as_deref())?;
    app.live.keep_journal(journal);
    match seat {
        // A console started on a seat is held to it: switching is for the shared console.
        Some(seat) => app.lock_to(seat),
        None if script.is_some() => app.open_at(Seat::WhiteCell),
        None => {}
    }
    drive(app, &session, script.as_deref(), args)
}

/// Hosts a new or resumed session for players joining over SSH.
fn host(
    name: &str,
    seed: u64,
    listen: std::net::SocketAddr,
    headless: bool,
    resume: Option<&str>,
    session_dir: Option<&Path>,
) -> Result<(), CliError> {
    use kunren::host::{Host, local, wait_for_signal};
    if !headless {
        kunren::tui::ensure_terminal().map_err(|e| {
            CliError::Usage(format!("{e}; or host without one: kunren host --headless"))
        })?;
    }
    let dir = session::sessions_dir(session_dir)?;
    let (live, path, session) = match resume {
        None => {
            let text = scenario_text(name)?;
            let scn = Arc::new(text.parse().map_err(LoadError::Invalid)?);
            let mut live = kunren::session::live::Live::new(scn.clone(), seed);
            let (journal, session) = session::start(&dir, &scn, &text, seed, None)?;
            let path = journal.path().to_path_buf();
            live.keep_journal(journal);
            (live, path, session)
        }
        Some(name) => {
            let path = session::locate(&dir, Some(name))?;
            let restored = session::restore(&path)?;
            if let Some(d) = &restored.damage {
                eprintln!(
                    "warning: session {}: the journal is damaged at {d}; keeping the valid prefix ({} command(s)).",
                    restored.name,
                    restored.submitted.len()
                );
            }
            let journal = session::reopen(&restored)?;
            let session::Restored {
                name: session,
                header,
                scenario,
                sim,
                submitted,
                pace,
                ..
            } = restored;
            let mut live =
                kunren::session::live::Live::resumed(scenario, header.seed, sim, submitted);
            live.keep_journal(journal);
            if let Some(pace) = pace {
                live.resume_pace(pace);
            }
            (live, path, session)
        }
    };
    let host = Host::new(live, &path, &dir, headless)?;
    let listener = Host::bind(listen)?;
    let addr = listener.local_addr().map_err(kunren::host::HostError::Io)?;
    print!("{}", host.listing(addr, headless));
    if headless {
        println!("session {session}");
    } else {
        println!("\nsession {session}; press Enter to open the white cell's console.");
        let _ = std::io::stdin().read_line(&mut String::new());
    }
    std::io::Write::flush(&mut std::io::stdout()).map_err(kunren::host::HostError::Io)?;
    if headless {
        host.serve(listener, wait_for_signal)?;
    } else {
        host.serve(listener, local::run)?;
    }
    eprintln!("session {session} stopped; resume it with: kunren host --resume {session}");
    Ok(())
}

/// Reopens a session: replays its journal, reports a damaged tail, refuses a changed scenario.
fn resume(name: Option<&str>, args: &SessionArgs) -> Result<(), CliError> {
    let dir = session::sessions_dir(args.session_dir.as_deref())?;
    let path = session::locate(&dir, name)?;
    let restored = session::restore(&path)?;
    let script = args
        .script
        .as_deref()
        .map(|p| kunren::tui::script::load(p, &restored.scenario))
        .transpose()?;
    if script.is_none() {
        kunren::tui::ensure_terminal().map_err(|e| CliError::Usage(e.to_string()))?;
    }
    let tick = restored.sim.tick();
    let at = tick.map_or("the start".to_string(), |t| format!("tick {t}"));
    if let Some(d) = &restored.damage {
        eprintln!(
            "warning: session {}: the journal {} is damaged at {d}.\n  Keeping the valid prefix before it ({} command(s), up to {at}); the file is cut back to those {} bytes\n  (the file as it was is kept as {}.damaged).",
            restored.name,
            restored.path.display(),
            restored.submitted.len(),
            restored.keep_bytes,
            restored.path.display(),
        );
    }
    let journal = session::reopen(&restored)?;
    let session::Restored {
        name: session,
        header,
        scenario,
        sim,
        submitted,
        pace,
        seat,
        ..
    } = restored;
    let replayed = submitted.len();
    let mut app = kunren::tui::App::resumed(scenario, header.seed, sim, submitted);
    app.live.keep_journal(journal);
    if let Some(pace) = pace {
        app.live.resume_pace(pace);
    }
    // A session started on a seat (`--seat`) stays held to it; a shared one reopens where it was.
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
    app.console.status = format!(
        "Resumed session {session} at {at}: {replayed} command(s) replayed. Paused; Space resumes."
    );
    drive(app, &session, script.as_deref(), args)
}

/// Runs the console (or the script) on a journaled app, then records leaving and reports.
fn drive(
    mut app: kunren::tui::App,
    session: &str,
    script: Option<&[kunren::tui::script::Action]>,
    args: &SessionArgs,
) -> Result<(), CliError> {
    match script {
        Some(actions) => {
            let pause = std::time::Duration::from_millis(args.step_delay_ms);
            kunren::tui::script::run(&mut app, actions, pause);
        }
        None => app = kunren::tui::run(app).map_err(|e| CliError::Usage(e.to_string()))?,
    }
    finish(app, session)
}

/// Records leaving a journaled console and says where the session is and what next.
fn finish(mut app: kunren::tui::App, session: &str) -> Result<(), CliError> {
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
        return Err(CliError::Usage(format!(
            "the session journal {path} could not be written: {why}.\n  The console stopped so that nothing is played unrecorded; the command or step being written was not kept. Everything before it is on disk (up to tick {}). Once the disk is fixed, `kunren resume {session}` continues from there.",
            tick.map_or("(none)".into(), |t| t.to_string())
        )));
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

/// Opens a session read-only on a terminal; a branch taken there continues as a live session.
fn replay(name: Option<&str>, dir: Option<&Path>) -> Result<(), CliError> {
    let dir = session::sessions_dir(dir)?;
    let path = session::locate(&dir, name)?;
    let restored = session::restore(&path)?;
    if let Some(d) = &restored.damage {
        eprintln!(
            "warning: session {}: the journal is damaged at {d}; replaying its valid prefix",
            restored.name
        );
    }
    kunren::tui::ensure_terminal().map_err(|_| {
        CliError::Usage(format!(
            "replay needs a terminal; without one, `kunren report {0}` reports session {0} and `kunren compare {0} OTHER` compares it",
            restored.name
        ))
    })?;
    let recording = session::Recording::from_restored(&restored);
    let app = kunren::tui::App::replay(recording, dir);
    let app = kunren::tui::run(app).map_err(|e| CliError::Usage(e.to_string()))?;
    match app.branched().map(str::to_string) {
        Some(branch) => finish(app, &branch),
        None => {
            println!("Left the replay of {}; nothing was written.", restored.name);
            Ok(())
        }
    }
}

/// Two sessions' outcomes side by side.
fn compare(a: &str, b: &str, dir: Option<&Path>) -> Result<(), CliError> {
    let dir = session::sessions_dir(dir)?;
    let restore = |name: &str| -> Result<session::Restored, CliError> {
        let restored = session::restore(&session::locate(&dir, Some(name))?)?;
        if let Some(d) = &restored.damage {
            eprintln!(
                "warning: session {}: the journal is damaged at {d}; comparing its valid prefix",
                restored.name
            );
        }
        Ok(restored)
    };
    let (a, b) = (restore(a)?, restore(b)?);
    if a.header.scenario != b.header.scenario || a.header.sha256 != b.header.sha256 {
        return Err(CliError::Usage(format!(
            "sessions {} ({}) and {} ({}) were played on different scenarios (or versions of one); compare two sessions of the same scenario, such as a session and its branch",
            a.name, a.header.scenario, b.name, b.header.scenario
        )));
    }
    print!("{}", kunren::session::compare::side_by_side(&a, &b));
    Ok(())
}

/// Lists the sessions kept, oldest first.
fn sessions(dir: Option<&Path>) -> Result<(), CliError> {
    let dir = session::sessions_dir(dir)?;
    let all = session::list(&dir)?;
    if all.is_empty() {
        println!(
            "No sessions in {}. `kunren play` starts one.",
            dir.display()
        );
        return Ok(());
    }
    println!(
        "Sessions in {} (the last is what `kunren resume` opens):",
        dir.display()
    );
    let width = all.iter().map(|l| l.name.len()).max().unwrap_or(4).max(4);
    println!(
        "{:<width$}  {:<26}  {:<20}  {:>11}  STATE",
        "NAME", "SCENARIO", "STARTED (UTC)", "TICKS"
    );
    for l in &all {
        let (scenario, started, length) = match &l.header {
            Some(h) => (
                h.scenario.clone(),
                h.started.get(..19).unwrap_or(&h.started).replace('T', " "),
                format!(
                    "{}/{}",
                    l.reached.map_or("-".to_string(), |t| t.to_string()),
                    h.end_tick
                ),
            ),
            None => ("?".into(), "?".into(), "?".into()),
        };
        let branch = l.header.as_ref().and_then(|h| h.branch.as_ref());
        let branch = branch.map_or(String::new(), |b| {
            format!(
                "  (branch of {} at tick {})",
                b.parent,
                b.tick.map_or("-".into(), |t| t.to_string())
            )
        });
        println!(
            "{:<width$}  {scenario:<26}  {started:<20}  {length:>11}  {}{branch}",
            l.name, l.state
        );
    }
    Ok(())
}

fn run(
    name: &str,
    seed: u64,
    decisions: Option<&str>,
    json: bool,
    sample: &str,
) -> Result<(), CliError> {
    let (scn, builtin) = load_scenario(name)?;
    let sample = Minutes::parse(sample).map_err(|e| CliError::Usage(format!("--sample: {e}")))?;
    let script = decisions
        .map(|d| load_decisions(d, &scn, builtin))
        .transpose()?;
    let every = scn.clock.ticks(sample).max(1);
    let mut sim = Simulation::new(Arc::new(scn), seed);
    if let Some(s) = &script {
        sim.script(s);
    }
    sim.run_to_end();
    let summary = summary::summarise(&sim, seed, decisions.map(str::to_string), every);
    if json {
        let text =
            serde_json::to_string_pretty(&summary).map_err(|e| CliError::Usage(e.to_string()))?;
        println!("{text}");
    } else {
        print!("{}", summary.to_text());
    }
    Ok(())
}

/// Runs a scenario headlessly to its end and writes its after-action report.
#[allow(clippy::too_many_arguments)]
fn after_action(
    session_dir: Option<&Path>,
    name: &str,
    decisions: Option<&str>,
    seed: u64,
    ratings: Option<&Path>,
    format: Format,
    timeline: &[String],
    output: Option<&Path>,
) -> Result<(), CliError> {
    // A session first: the exercise as it was played, from its journal.
    if let Some(path) = find_session(session_dir, name)? {
        let restored = session::restore(&path)?;
        if let Some(d) = &restored.damage {
            eprintln!(
                "warning: session {}: the journal is damaged at {d}; reporting its valid prefix",
                restored.name
            );
        }
        let ratings = load_ratings(ratings, &restored.scenario)?;
        let timeline = timeline_kinds(timeline)?;
        let input = report::ReportInput {
            ratings,
            seed: Some(restored.header.seed),
            decisions: Some(format!("session {}", restored.name)),
            run_date: Some(time::OffsetDateTime::now_utc().date().to_string()),
            timeline,
        };
        return write_report(&report::build(&restored.sim, &input), format, output);
    }
    let (scn, builtin) = load_scenario(name)?;
    let script = decisions
        .map(|d| load_decisions(d, &scn, builtin))
        .transpose()?;
    let ratings = load_ratings(ratings, &scn)?;
    let timeline = timeline_kinds(timeline)?;
    let mut sim = Simulation::new(Arc::new(scn), seed);
    if let Some(s) = &script {
        sim.script(s);
    }
    sim.run_to_end();
    let input = report::ReportInput {
        ratings,
        seed: Some(seed),
        decisions: decisions.map(str::to_string),
        run_date: Some(time::OffsetDateTime::now_utc().date().to_string()),
        timeline,
    };
    write_report(&report::build(&sim, &input), format, output)
}

/// The journal of a session named `name` (or at that path), if there is one.
fn find_session(dir: Option<&Path>, name: &str) -> Result<Option<PathBuf>, CliError> {
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "jsonl") && path.is_file() {
        return Ok(Some(path.to_path_buf()));
    }
    if path.exists() || library::builtin(name).is_some() {
        return Ok(None);
    }
    let dir = session::sessions_dir(dir)?;
    let candidate = dir.join(format!("{name}.jsonl"));
    Ok(candidate.is_file().then_some(candidate))
}

fn load_ratings(ratings: Option<&Path>, scn: &Scenario) -> Result<report::Ratings, CliError> {
    Ok(match ratings {
        None => report::Ratings::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            let file = path.display().to_string();
            let r =
                report::Ratings::parse(&text, &file).map_err(|e| CliError::Usage(e.to_string()))?;
            r.check(scn, &file)
                .map_err(|e| CliError::Usage(e.to_string()))?;
            r
        }
    })
}

fn timeline_kinds(timeline: &[String]) -> Result<Vec<report::KeyKind>, CliError> {
    timeline
        .iter()
        .map(|k| {
            report::KeyKind::parse(k).ok_or_else(|| {
                let kinds: Vec<&str> = report::KeyKind::ALL.iter().map(|k| k.name()).collect();
                CliError::Usage(format!(
                    "--timeline: no kind \"{k}\" (kinds: {})",
                    kinds.join(", ")
                ))
            })
        })
        .collect()
}

fn write_report(
    aar: &report::AfterAction,
    format: Format,
    output: Option<&Path>,
) -> Result<(), CliError> {
    let text = match format {
        Format::Md => aar.to_markdown(),
        Format::Html => aar.to_html(),
    };
    match output {
        None => print!("{text}"),
        Some(path) => std::fs::write(path, text)
            .map_err(|e| CliError::Usage(format!("cannot write {}: {e}", path.display())))?,
    }
    Ok(())
}

/// Validates every file; reports all problems of all files; fails if any file has one.
fn validate(files: &[PathBuf]) -> Result<(), CliError> {
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut decision_files = Vec::new();
    let mut failed = false;
    for path in files {
        let source = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(source) => {
                report(CliError::Load(LoadError::Io {
                    path: path.clone(),
                    source,
                }));
                failed = true;
                continue;
            }
        };
        if is_decisions_file(&source) {
            decision_files.push((path, source));
            continue;
        }
        match scenario::parse(&source, &path.display().to_string()) {
            Ok(s) => {
                println!(
                    "{}: ok ({} teams, {} assets, {} injects)",
                    path.display(),
                    s.teams.len(),
                    s.assets.len(),
                    s.injects.len()
                );
                scenarios.push(s);
            }
            Err(d) => {
                report_diagnostics(d);
                failed = true;
            }
        }
    }
    for (path, source) in decision_files {
        let wanted = decisions_scenario_id(&source);
        let builtin = wanted.as_deref().and_then(library::builtin);
        let owned;
        let scn = match scenarios
            .iter()
            .find(|s| Some(&s.meta.id) == wanted.as_ref())
        {
            Some(s) => s,
            None => match builtin.map(|b| scenario::parse(b.source, b.path)) {
                Some(Ok(s)) => {
                    owned = s;
                    &owned
                }
                _ => {
                    let id = wanted.unwrap_or_default();
                    eprintln!(
                        "{}: error: decisions for scenario \"{id}\", which is neither given nor built in\n  = hint: name the scenario file too: kunren validate SCENARIO {}",
                        path.display(),
                        path.display()
                    );
                    failed = true;
                    continue;
                }
            },
        };
        match scenario::parse_decisions(&source, &path.display().to_string(), scn) {
            Ok(d) => println!(
                "{}: ok ({} decisions, {} done beforehand, for {})",
                path.display(),
                d.decisions.len(),
                d.prior.len(),
                scn.meta.id
            ),
            Err(d) => {
                report_diagnostics(d);
                failed = true;
            }
        }
    }
    if failed {
        Err(CliError::Usage("validation failed".into()))
    } else {
        Ok(())
    }
}

/// Whether a file's top-level value is a `Decisions(...)` struct.
fn is_decisions_file(source: &str) -> bool {
    let mut rest = source;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("#![") {
            rest = r.split_once(']').map_or("", |(_, r)| r);
        } else {
            return rest.starts_with("Decisions");
        }
    }
}

fn decisions_scenario_id(source: &str) -> Option<String> {
    ron::from_str::<scenario::raw::Decisions>(source)
        .ok()
        .map(|d| d.scenario)
}
