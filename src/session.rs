//! Sessions: every console session keeps a [`journal`] (the scenario it was started on, then
//! every command and every step of the clock), so that a crash loses nothing. This module owns
//! where journals live, their names, listing them, and rebuilding a session from one: the
//! scenario is checked against the hash the session began with, then the journal is replayed into
//! a fresh [`Simulation`] with the same seed.

pub mod compare;
pub mod journal;
pub mod live;
pub mod recording;
pub mod table;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::command::{Command, Seat};
use crate::library;
use crate::report::Ratings;
use crate::scenario::{self, Diagnostics, Scenario};
use crate::sim::Simulation;
pub use journal::{
    Branch, Contents, Damage, Entry, Header, Journal, OpenError, Problem, ReadError, Source,
};
pub use live::{ClockControl, Live, PACES};
pub use recording::{Recording, branch, divergence};
pub use table::table;

/// Overrides where sessions are kept: `$KUNREN_DATA_DIR/sessions/`.
pub const DATA_DIR_ENV: &str = "KUNREN_DATA_DIR";

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(
        "no per-user data directory is known here; set {DATA_DIR_ENV} or pass --session-dir DIR"
    )]
    NoDataDir,
    #[error("session journal {0}")]
    Open(#[from] OpenError),
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("cannot list sessions in {}: {source}", dir.display())]
    List {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("no sessions in {} to resume; start one with `kunren play`", dir.display())]
    NoSessions { dir: PathBuf },
    #[error(
        "\"{name}\" is not a session name (names have no '/' and are listed by `kunren sessions`), \
         nor a path to a journal file ending in .jsonl"
    )]
    NotAName { name: String },
    #[error("no session \"{name}\" in {}; `kunren sessions` lists them", dir.display())]
    NoSuchSession { name: String, dir: PathBuf },
    #[error(
        "session {session} cannot be resumed: its scenario file {} has changed since the session began \
         (SHA-256 was {was}, is now {now}). Replaying the journal against a different scenario would not \
         rebuild the same exercise, so nothing was replayed. Restore the original file (for example from \
         version control) and run `kunren resume {session}` again, or start a new session on the changed \
         scenario with `kunren play {}`.",
        path.display(),
        path.display()
    )]
    ScenarioChanged {
        session: String,
        path: PathBuf,
        was: String,
        now: String,
    },
    #[error(
        "session {session} cannot be resumed: its scenario file {} cannot be read ({source}). Put the \
         file back where it was, or start a new session with `kunren play`.",
        path.display()
    )]
    ScenarioMissing {
        session: String,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "session {session} cannot be resumed: it was started on the built-in scenario \"{id}\" of kunren \
         {kunren}, and this kunren ({}) carries {what}. Resume it with kunren {kunren}, or start a new \
         session with `kunren play {id}`.",
        env!("CARGO_PKG_VERSION")
    )]
    BuiltinChanged {
        session: String,
        id: String,
        kunren: String,
        what: &'static str,
    },
    #[error("session {session}: its scenario no longer validates")]
    Invalid {
        session: String,
        diagnostics: Diagnostics,
    },
}

/// The directory sessions are kept in: `explicit`, else `$KUNREN_DATA_DIR/sessions`, else the
/// per-user data directory (XDG on Linux: `~/.local/share/kunren/sessions`).
pub fn sessions_dir(explicit: Option<&Path>) -> Result<PathBuf, SessionError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("sessions"));
    }
    directories::ProjectDirs::from("", "", "kunren")
        .map(|d| d.data_dir().join("sessions"))
        .ok_or(SessionError::NoDataDir)
}

/// A scenario's text and where it came from: what a session is started on and checked against.
#[derive(Clone, Debug)]
pub struct ScenarioText {
    pub source: Source,
    pub text: String,
}

impl ScenarioText {
    pub fn file(path: &Path) -> std::io::Result<ScenarioText> {
        let text = std::fs::read_to_string(path)?;
        let path = std::path::absolute(path)?;
        Ok(ScenarioText {
            source: Source::File(path),
            text,
        })
    }

    /// The scenario a command line names: the file of that name, or else a built-in scenario.
    pub fn named(name: &str) -> Result<ScenarioText, library::NameError> {
        let path = Path::new(name);
        if !path.exists() {
            return library::builtin(name)
                .map(ScenarioText::builtin)
                .ok_or_else(|| library::NameError::NoScenario { name: name.into() });
        }
        ScenarioText::file(path).map_err(|source| {
            library::NameError::Load(scenario::LoadError::Io {
                path: path.to_path_buf(),
                source,
            })
        })
    }

    pub fn builtin(b: &library::Builtin) -> ScenarioText {
        ScenarioText {
            source: Source::Builtin(b.id.to_string()),
            text: b.source.to_string(),
        }
    }

    /// The name diagnostics show.
    pub fn file_name(&self) -> String {
        match &self.source {
            Source::File(p) => p.display().to_string(),
            Source::Builtin(id) => library::builtin(id).map_or(id.clone(), |b| b.path.to_string()),
        }
    }

    pub fn sha256(&self) -> String {
        hex(&Sha256::digest(self.text.as_bytes()))
    }

    pub fn parse(&self) -> Result<Scenario, Diagnostics> {
        scenario::parse(&self.text, &self.file_name())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Now, RFC 3339, UTC.
pub fn now_utc() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

/// Starts a session: creates `<scenario-id>-<YYYYmmdd-HHMMSS>.jsonl` (UTC) in `dir` and writes
/// its header. Returns the open journal and the session's name.
pub fn start(
    dir: &Path,
    scenario: &Scenario,
    text: &ScenarioText,
    seed: u64,
    seat: Option<&str>,
) -> Result<(Journal, String), SessionError> {
    let now = time::OffsetDateTime::now_utc();
    let name = format!(
        "{}-{:04}{:02}{:02}-{:02}{:02}{:02}",
        scenario.meta.id,
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let header = Header {
        format: journal::FORMAT,
        kunren: env!("CARGO_PKG_VERSION").to_string(),
        scenario: scenario.meta.id.clone(),
        source: text.source.clone(),
        sha256: text.sha256(),
        seed,
        started: now_utc(),
        seat: seat.map(str::to_string),
        end_tick: scenario.clock.end_tick,
        branch: None,
    };
    Ok(Journal::create(dir, &name, &header)?)
}

/// How a session stands.
#[derive(Clone, Debug, PartialEq)]
pub enum State {
    /// Open in a console right now (its journal is locked).
    Running,
    /// Stopped without leaving the console (a crash, a kill, a power cut): resume it.
    Interrupted,
    /// The console was left before the end: resume it.
    Left,
    /// The exercise reached its last tick.
    Ended,
    /// The journal's tail is damaged; resuming keeps the valid prefix.
    Damaged(Damage),
    /// Not a journal kunren can read.
    Unreadable(String),
}

impl std::fmt::Display for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            State::Running => f.write_str("running"),
            State::Interrupted => f.write_str("interrupted"),
            State::Left => f.write_str("left"),
            State::Ended => f.write_str("ended"),
            State::Damaged(d) => write!(f, "damaged tail ({d})"),
            State::Unreadable(why) => write!(f, "unreadable ({why})"),
        }
    }
}

/// A session as listed.
#[derive(Clone, Debug)]
pub struct Listed {
    pub name: String,
    pub path: PathBuf,
    pub header: Option<Header>,
    /// The last tick simulated, `None` before the first step.
    pub reached: Option<u32>,
    pub state: State,
    pub modified: SystemTime,
}

/// Every session in `dir`, least recently written first (so the last is what `resume` picks).
pub fn list(dir: &Path) -> Result<Vec<Listed>, SessionError> {
    let read = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(SessionError::List {
                dir: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut out = Vec::new();
    for item in read.flatten() {
        let path = item.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".jsonl"))
        else {
            continue;
        };
        let modified = item
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(SystemTime::UNIX_EPOCH);
        let (header, reached, state) = match journal::read(&path) {
            Err(ReadError::Empty { .. }) => (
                None,
                None,
                State::Unreadable(
                    "empty: stopped before its first line was written; nothing to resume".into(),
                ),
            ),
            Err(e) => (None, None, State::Unreadable(e.to_string())),
            Ok(c) => {
                let reached = c.last_tick();
                let ended = reached.is_some_and(|t| t >= c.header.end_tick);
                // Connections that drop after the facilitator left still say so; they do not
                // make a session that was left normally look interrupted.
                let left = matches!(
                    c.entries.iter().rev().find(|l| !matches!(l.entry, Entry::Presence { .. })),
                    Some(l) if matches!(l.entry, Entry::Left { .. })
                );
                let state = if journal::is_open_elsewhere(&path) {
                    State::Running
                } else if let Some(d) = c.damage {
                    State::Damaged(d)
                } else if ended {
                    State::Ended
                } else if left {
                    State::Left
                } else {
                    State::Interrupted
                };
                (Some(c.header), reached, state)
            }
        };
        out.push(Listed {
            name: name.to_string(),
            path,
            header,
            reached,
            state,
            modified,
        });
    }
    out.sort_by(|a, b| {
        a.modified
            .cmp(&b.modified)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

/// The journal of a session: by name in `dir`, by path, or the most recently written.
pub fn locate(dir: &Path, name: Option<&str>) -> Result<PathBuf, SessionError> {
    let Some(name) = name else {
        return list(dir)?
            .pop()
            .map(|l| l.path)
            .ok_or_else(|| SessionError::NoSessions {
                dir: dir.to_path_buf(),
            });
    };
    let stem = name.strip_suffix(".jsonl").unwrap_or(name);
    let plain = !stem.is_empty()
        && stem != "."
        && stem != ".."
        && !stem.contains(['/', '\\'])
        && !stem.chars().any(char::is_control);
    if plain {
        // A name: resolved inside the sessions directory, and nowhere else.
        let in_dir = dir.join(format!("{stem}.jsonl"));
        if in_dir.is_file() {
            return Ok(in_dir);
        }
    } else {
        // A path, given as such: to a journal file.
        let as_path = Path::new(name);
        if !name.ends_with(".jsonl") {
            return Err(SessionError::NotAName {
                name: name.to_string(),
            });
        }
        if as_path.is_file() {
            return Ok(as_path.to_path_buf());
        }
    }
    Err(SessionError::NoSuchSession {
        name: name.to_string(),
        dir: dir.to_path_buf(),
    })
}

/// The journal of a session named `name` (or at that path), if `name` is one rather than a
/// scenario file or a built-in scenario's id: how a command taking either tells them apart.
pub fn find_named(dir: Option<&Path>, name: &str) -> Result<Option<PathBuf>, SessionError> {
    let path = Path::new(name);
    if path.extension().is_some_and(|e| e == "jsonl") && path.is_file() {
        return Ok(Some(path.to_path_buf()));
    }
    if path.exists() || library::builtin(name).is_some() {
        return Ok(None);
    }
    let candidate = sessions_dir(dir)?.join(format!("{name}.jsonl"));
    Ok(candidate.is_file().then_some(candidate))
}

/// What a restored session is read for, which its damage warning names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    Replay,
    Compare,
    Report,
}

/// A session rebuilt from its journal, not yet reopened for writing.
pub struct Restored {
    pub name: String,
    pub path: PathBuf,
    pub header: Header,
    pub scenario: Arc<Scenario>,
    pub sim: Simulation,
    /// What the evaluators entered (ratings, players, hot wash, analyses, feedback).
    pub evaluation: Ratings,
    /// Every command replayed, with the tick it was given at.
    pub submitted: Vec<(Option<u32>, Command)>,
    /// Where the valid prefix ended, if the journal's tail was damaged.
    pub damage: Option<Damage>,
    /// Bytes of the valid prefix.
    pub keep_bytes: u64,
    /// Lines of the valid prefix, the header included.
    pub keep_lines: u64,
    /// The last pace and seat recorded.
    pub pace: Option<u32>,
    pub seat: Option<String>,
}

impl Restored {
    /// The warning for a journal whose tail is damaged, if it is: where, and what is used
    /// instead (the valid prefix).
    pub fn damage_warning(&self, reading: Reading) -> Option<String> {
        let d = self.damage.as_ref()?;
        let name = &self.name;
        let doing = match reading {
            Reading::Replay => "replaying",
            Reading::Compare => "comparing",
            Reading::Report => "reporting",
        };
        Some(format!(
            "warning: session {name}: the journal is damaged at {d}; {doing} its valid prefix"
        ))
    }

    /// The warning for a resumed journal whose tail was damaged, once it has been cut back:
    /// where, what is kept, and the copy the whole file was kept in (see [`Resuming::reopen`]).
    pub fn resumed_warning(&self, damaged_copy: Option<&Path>) -> Option<String> {
        let d = self.damage.as_ref()?;
        let name = &self.name;
        let at = self
            .sim
            .tick()
            .map_or("the start".to_string(), |t| format!("tick {t}"));
        let path = self.path.display();
        let kept = damaged_copy.map_or_else(
            || "the file already ended there; nothing was cut".to_string(),
            |copy| {
                format!(
                    "the file is cut back to those {} bytes\n  (the file as it was is kept as {})",
                    self.keep_bytes,
                    copy.display()
                )
            },
        );
        Some(format!(
            "warning: session {name}: the journal {path} is damaged at {d}.\n  Keeping the valid prefix before it ({} command(s), up to {at}); {kept}.",
            self.submitted.len(),
        ))
    }
}

/// Reads a journal, checks the scenario it names is the one it began with, and replays it into
/// a new simulation. Reads only, without the lock (a replay, a report, a comparison): a session
/// is continued through [`resume`], which locks the journal before it reads it.
pub fn restore(path: &Path) -> Result<Restored, SessionError> {
    let contents = journal::read(path)?;
    rebuild(path, contents)
}

/// A session being resumed: its journal locked (no other kunren can open it, and it was read
/// under the lock), rebuilt, not yet cut back or written to.
pub struct Resuming {
    pub restored: Restored,
    journal: Journal,
}

/// A resumed session's journal, continued, and where its damaged tail was kept, if it had one.
pub struct Reopened {
    pub journal: Journal,
    pub damaged_copy: Option<PathBuf>,
}

/// Locks a session's journal, reads it through the lock and rebuilds the session. A journal
/// open in another console, a symbolic link and a read-only file are refused before anything
/// is read or written. Continue with [`Resuming::reopen`].
pub fn resume(path: &Path) -> Result<Resuming, SessionError> {
    let (journal, contents) = Journal::open(path)?;
    let restored = rebuild(path, contents)?;
    Ok(Resuming { restored, journal })
}

impl Resuming {
    /// Cuts the journal back to its valid prefix (the damaged file kept aside first, see
    /// [`Journal::cut`]) and records the reopening.
    pub fn reopen(self) -> Result<(Restored, Reopened), SessionError> {
        let Resuming {
            restored,
            mut journal,
        } = self;
        let damaged_copy = journal.cut(restored.keep_bytes, restored.keep_lines)?;
        journal.commit(&Entry::Reopened {
            at: now_utc(),
            kunren: env!("CARGO_PKG_VERSION").to_string(),
        })?;
        Ok((
            restored,
            Reopened {
                journal,
                damaged_copy,
            },
        ))
    }
}

fn rebuild(path: &Path, mut contents: Contents) -> Result<Restored, SessionError> {
    let name = path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let text = recall(&name, &contents.header)?;
    let scenario = text.parse().map_err(|diagnostics| SessionError::Invalid {
        session: name.clone(),
        diagnostics,
    })?;
    let scenario = Arc::new(scenario);
    let replayed = replay(scenario.clone(), &mut contents);
    let keep_bytes = match (&contents.damage, contents.entries.last()) {
        (Some(d), _) => d.keep_bytes,
        (None, Some(l)) => l.end,
        (None, None) => contents.header_end,
    };
    Ok(Restored {
        name,
        path: path.to_path_buf(),
        header: contents.header,
        scenario,
        sim: replayed.sim,
        evaluation: replayed.evaluation,
        submitted: replayed.submitted,
        damage: contents.damage,
        keep_bytes,
        keep_lines: contents.entries.len() as u64 + 1,
        pace: replayed.pace,
        seat: replayed.seat,
    })
}

/// Opens a restored session's journal to continue it: cuts it back to its valid prefix, and
/// records the reopening. The journal is read again under the lock first, so prefer
/// [`resume`], which holds the lock from before the first read.
pub fn reopen(restored: &Restored) -> Result<Journal, SessionError> {
    let mut journal = Journal::reopen(&restored.path, restored.keep_bytes)?;
    journal.commit(&Entry::Reopened {
        at: now_utc(),
        kunren: env!("CARGO_PKG_VERSION").to_string(),
    })?;
    Ok(journal)
}

/// The scenario text a session began with, refused if it is not byte for byte the same.
fn recall(session: &str, header: &Header) -> Result<ScenarioText, SessionError> {
    let text = match &header.source {
        Source::File(path) => {
            ScenarioText::file(path).map_err(|source| SessionError::ScenarioMissing {
                session: session.to_string(),
                path: path.clone(),
                source,
            })?
        }
        Source::Builtin(id) => {
            let changed = |what| SessionError::BuiltinChanged {
                session: session.to_string(),
                id: id.clone(),
                kunren: header.kunren.clone(),
                what,
            };
            let b = library::builtin(id).ok_or_else(|| changed("no such scenario"))?;
            let text = ScenarioText::builtin(b);
            if text.sha256() != header.sha256 {
                return Err(changed("a different version of it"));
            }
            text
        }
    };
    let now = text.sha256();
    if now != header.sha256 {
        let Source::File(path) = &header.source else {
            unreachable!("built-in scenarios were checked above")
        };
        return Err(SessionError::ScenarioChanged {
            session: session.to_string(),
            path: path.clone(),
            was: header.sha256.clone(),
            now,
        });
    }
    Ok(text)
}

/// A journal replayed.
pub struct Replayed {
    pub sim: Simulation,
    /// What the evaluators entered.
    pub evaluation: Ratings,
    pub submitted: Vec<(Option<u32>, Command)>,
    pub pace: Option<u32>,
    pub seat: Option<String>,
}

/// Replays a journal's entries into a new simulation with the session's seed: each command at
/// the tick it was given, each step to the tick it reached. An entry that does not fit (a
/// command naming something the scenario lacks, a step backwards or past the end) ends the
/// valid prefix there, as damage.
pub fn replay(scenario: Arc<Scenario>, contents: &mut Contents) -> Replayed {
    let mut sim = Simulation::new(scenario.clone(), contents.header.seed);
    let (mut submitted, mut pace, mut seat) = (Vec::new(), None, contents.header.seat.clone());
    let mut evaluation = Ratings::default();
    let total = contents.total_lines();
    let mut cut = None;
    for (i, located) in contents.entries.iter().enumerate() {
        let wrong = match &located.entry {
            Entry::Command {
                tick,
                command,
                seat: given_by,
            } => {
                let authority = given_by.as_deref().map(|id| {
                    Seat::parse(id, &scenario)
                        .ok_or_else(|| {
                            format!("a command given from seat \"{id}\", which this scenario lacks")
                        })
                        .and_then(|seat| {
                            seat.may_give(command).map_err(|r| {
                                format!(
                                    "a command its seat had no authority to give ({})",
                                    r.say(&scenario, crate::lang::Lang::En)
                                )
                            })
                        })
                });
                if *tick != sim.tick() {
                    Some(format!(
                        "a command given at tick {} while the session stood at tick {}",
                        show(*tick),
                        show(sim.tick())
                    ))
                } else if let Err(e) = command.check(&scenario) {
                    Some(format!("a command this scenario cannot take: {e}"))
                } else if let Some(Err(why)) = authority {
                    Some(why)
                } else {
                    sim.submit(command.clone());
                    submitted.push((*tick, command.clone()));
                    None
                }
            }
            Entry::Step { to } => {
                while sim.tick().is_none_or(|t| t < *to) && !sim.is_finished() {
                    sim.step();
                }
                (sim.tick() != Some(*to)).then(|| {
                    format!(
                        "a step to tick {to}, but the session stood at tick {} (the scenario ends at {})",
                        show(sim.tick()),
                        scenario.clock.end_tick
                    )
                })
            }
            Entry::Evaluate {
                seat: given_by,
                edit,
                ..
            } => {
                let observations = crate::report::observations(sim.log().events()).count();
                match Seat::parse(given_by, &scenario) {
                    Some(Seat::WhiteCell) => match edit.check(&scenario, observations) {
                        Ok(()) => {
                            evaluation.apply(edit.clone());
                            None
                        }
                        Err(why) => Some(format!("an evaluation this scenario cannot take: {why}")),
                    },
                    _ => Some(format!(
                        "an evaluation given from seat \"{given_by}\", which is not the white cell"
                    )),
                }
            }
            Entry::Pace { pace: p } => {
                pace = Some(*p);
                None
            }
            Entry::Seat { seat: s } => {
                seat = Some(s.clone());
                None
            }
            Entry::Pause
            | Entry::Resume
            | Entry::Reopened { .. }
            | Entry::Left { .. }
            | Entry::Presence { .. } => None,
        };
        if let Some(why) = wrong {
            cut = Some((i, why));
            break;
        }
    }
    if let Some((i, why)) = cut {
        contents.cut_at(i, Problem::Inconsistent(why), total);
    }
    Replayed {
        sim,
        evaluation,
        submitted,
        pace,
        seat,
    }
}

fn show(tick: Option<u32>) -> String {
    tick.map_or("(before the first)".into(), |t| t.to_string())
}
