//! Sessions that lose nothing: the journal reads back what was written, a torn or corrupted tail
//! is found and the valid prefix kept, a changed scenario is refused, and a console killed at a
//! random moment resumes to exactly the state an uninterrupted run reaches.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kunren::command::{Command, Ruling};
use kunren::scenario::Scenario;
use kunren::scenario::model::{ActionId, AssetId, InjectId, ObjectiveId, TeamId};
use kunren::session::{self, Entry, Header, Journal, Problem, Source};
use kunren::sim::Simulation;
use kunren::summary::state_hash;
use kunren::tui::script::Action;

use crate::helpers::{flagship, kunren_with_data, text};

const FLAGSHIP: &str = "nagoya-port-ransomware";

fn header() -> Header {
    Header {
        format: session::journal::FORMAT,
        kunren: "test".into(),
        scenario: "s".into(),
        source: Source::Builtin("s".into()),
        sha256: "0".into(),
        seed: 7,
        started: "2026-01-01T00:00:00Z".into(),
        seat: Some("white".into()),
        end_tick: 100,
        branch: None,
    }
}

fn sample_entries() -> Vec<Entry> {
    vec![
        Entry::Seat {
            seat: "white".into(),
        },
        Entry::Command {
            tick: None,
            command: Command::Note {
                text: "ünïcode, \"quotes\"\nand a newline".into(),
                objective: Some(ObjectiveId(1)),
                capability: None,
            },
            seat: Some("white".into()),
        },
        Entry::Step { to: 0 },
        Entry::Pace { pace: 120 },
        Entry::Resume,
        Entry::Command {
            tick: Some(0),
            command: Command::Adjudicate {
                ruling: Ruling::Roll {
                    chance: 0.3,
                    what: "the vendor answers".into(),
                },
                reason: "asked".into(),
            },
            seat: None,
        },
        Entry::Step { to: 1 },
        Entry::Pause,
    ]
}

/// Writes a journal with the sample entries; returns its path.
fn write_sample(dir: &Path) -> PathBuf {
    let (mut journal, name) = Journal::create(dir, "sample", &header()).unwrap();
    assert_eq!(name, "sample");
    for e in sample_entries() {
        journal.commit(&e).unwrap();
    }
    journal.path().to_path_buf()
}

#[test]
fn a_journal_reads_back_exactly_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let read = session::journal::read(&path).unwrap();
    assert_eq!(read.header, header());
    let entries: Vec<Entry> = read.entries.iter().map(|l| l.entry.clone()).collect();
    assert_eq!(entries, sample_entries());
    assert_eq!(read.damage, None);
    assert_eq!(
        read.entries.last().unwrap().end,
        std::fs::metadata(&path).unwrap().len()
    );
    // A second session of the same name gets a counter, never the first one's file.
    let (second, name) = Journal::create(dir.path(), "sample", &header()).unwrap();
    assert_eq!(name, "sample-2");
    assert_ne!(second.path(), path);
}

#[test]
fn a_journal_open_in_one_console_cannot_be_opened_in_another() {
    let dir = tempfile::tempdir().unwrap();
    let (journal, _) = Journal::create(dir.path(), "busy", &header()).unwrap();
    let len = std::fs::metadata(journal.path()).unwrap().len();
    let err = Journal::reopen(journal.path(), len).unwrap_err();
    assert!(
        err.to_string().contains("open in another kunren console"),
        "{err}"
    );
    assert!(session::journal::is_open_elsewhere(journal.path()));
    let path = journal.path().to_path_buf();
    drop(journal);
    assert!(!session::journal::is_open_elsewhere(&path));
    Journal::reopen(&path, len).unwrap();
}

#[test]
fn a_cut_at_any_byte_of_the_last_line_is_detected_and_the_prefix_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let whole = std::fs::read(&path).unwrap();
    let entries = sample_entries();
    let last_start = whole[..whole.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    let lines = entries.len() + 1;
    for cut in last_start + 1..whole.len() {
        let c = session::journal::parse(&whole[..cut]).unwrap();
        let d = c.damage.expect("a torn line is found");
        assert_eq!(d.line, lines, "cut at {cut}");
        assert_eq!(d.problem, Problem::Torn, "cut at {cut}");
        assert_eq!(d.keep_bytes, last_start as u64);
        assert_eq!(c.entries.len(), entries.len() - 1);
    }
    // Cut exactly at a line's end, the journal is whole (one entry shorter).
    let c = session::journal::parse(&whole[..last_start]).unwrap();
    assert_eq!((c.damage, c.entries.len()), (None, entries.len() - 1));

    // Reopening cuts the file back to its valid prefix.
    std::fs::write(&path, &whole[..whole.len() - 5]).unwrap();
    let c = session::journal::read(&path).unwrap();
    let keep = c.damage.unwrap().keep_bytes;
    drop(Journal::reopen(&path, keep).unwrap());
    assert_eq!(std::fs::read(&path).unwrap(), &whole[..last_start]);
}

#[test]
fn a_flipped_byte_anywhere_in_a_line_is_detected_and_the_lines_before_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path());
    let whole = std::fs::read(&path).unwrap();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            whole
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    // The fourth line (the third entry), every byte of it, end of line included.
    let (from, to) = (starts[3], starts[4]);
    for at in from..to {
        for bit in [0x01, 0x20, 0x80] {
            let mut bytes = whole.clone();
            bytes[at] ^= bit;
            let c = session::journal::parse(&bytes).unwrap();
            let d = c
                .damage
                .unwrap_or_else(|| panic!("byte {at} ^ {bit:#x} went unnoticed"));
            assert_eq!(d.line, 4, "byte {at}");
            assert_eq!(d.keep_bytes, from as u64);
            assert_eq!(c.entries.len(), 2);
            assert!(
                matches!(d.problem, Problem::Checksum { .. } | Problem::Malformed(_)),
                "{:?}",
                d.problem
            );
        }
    }
    // A damaged header leaves nothing to resume, and says so.
    let mut bytes = whole.clone();
    bytes[20] ^= 0x01;
    let err = std::fs::write(&path, &bytes)
        .map(|_| session::journal::read(&path).unwrap_err())
        .unwrap();
    assert!(
        err.to_string()
            .contains("not a kunren session journal: line 1"),
        "{err}"
    );
}

#[test]
fn a_changed_scenario_file_is_refused_with_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    let scn = data.path().join("port.ron");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.ron"),
    )
    .unwrap();
    std::fs::write(&scn, &original).unwrap();
    let script = data.path().join("script.ron");
    std::fs::write(&script, "[Step(5)]").unwrap();
    let out = kunren_with_data(
        &[
            "play",
            scn.to_str().unwrap(),
            "--script",
            script.to_str().unwrap(),
        ],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    std::fs::write(&scn, original.replace("Intrusion", "Intrusion (edited)")).unwrap();
    let out = kunren_with_data(
        &["resume", "--script", script.to_str().unwrap()],
        data.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    for needed in [
        "cannot be resumed",
        scn.to_str().unwrap(),
        "has changed since the session began",
        "Restore the original file",
        "kunren play",
    ] {
        assert!(stderr.contains(needed), "{needed:?} missing from: {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");

    // Restored, the file is accepted again.
    std::fs::write(&scn, &original).unwrap();
    let out = kunren_with_data(
        &["resume", "--script", script.to_str().unwrap()],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("tick 9 of"),
        "{}",
        text(&out.stdout)
    );
}

/// A small deterministic generator, so the test needs no RNG crate of its own.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// A facilitator's afternoon: steps of one tick, and now and then a command of any kind.
fn random_script(s: &Scenario, seed: u64, ticks: u32) -> Vec<Action> {
    let mut r = Lcg(seed);
    let mut out = Vec::new();
    for t in 0..ticks {
        while r.below(4) == 0 {
            let command = match r.below(7) {
                0 => Command::Note {
                    text: format!("observation {t}"),
                    objective: (r.below(2) == 0)
                        .then(|| ObjectiveId(r.below(s.objectives.len()) as u32)),
                    capability: None,
                },
                1 => Command::FireInject {
                    inject: InjectId(r.below(s.injects.len()) as u32),
                },
                2 => Command::DelayInject {
                    inject: InjectId(r.below(s.injects.len()) as u32),
                    ticks: 1 + r.below(8) as u32,
                },
                3 => Command::Adjudicate {
                    ruling: Ruling::Roll {
                        chance: r.below(101) as f64 / 100.0,
                        what: "the press calls".into(),
                    },
                    reason: "unmodelled".into(),
                },
                4 => Command::Adjudicate {
                    ruling: if r.below(2) == 0 {
                        Ruling::FailAsset(AssetId(r.below(s.assets.len()) as u32))
                    } else {
                        Ruling::RestoreAsset(AssetId(r.below(s.assets.len()) as u32))
                    },
                    reason: "facilitator".into(),
                },
                5 => Command::Act {
                    team: TeamId(r.below(s.teams.len()) as u32),
                    action: ActionId(r.below(s.actions.len()) as u32),
                    target: Some(AssetId(r.below(s.assets.len()) as u32)),
                    to: None,
                    intel: None,
                },
                _ => Command::Message {
                    from: TeamId(r.below(s.teams.len()) as u32),
                    to: vec![TeamId(r.below(s.teams.len()) as u32)],
                    text: "status?".into(),
                },
            };
            out.push(Action::Command(command));
        }
        out.push(Action::Step(1));
    }
    out
}

/// Plays a script (only `Command` and `Step(1)`) on a bare simulation until it has simulated
/// `tick` and given `commands` commands; returns the simulation and where in the script it is.
fn play_until(
    s: &Arc<Scenario>,
    seed: u64,
    script: &[Action],
    tick: Option<u32>,
    commands: usize,
) -> (Simulation, usize) {
    let mut sim = Simulation::new(s.clone(), seed);
    let mut given = 0;
    for (i, action) in script.iter().enumerate() {
        if sim.tick() == tick && given == commands {
            return (sim, i);
        }
        match action {
            Action::Command(c) => {
                sim.submit(c.clone());
                given += 1;
            }
            Action::Step(_) => sim.step(),
            other => unreachable!("{other:?}"),
        }
    }
    assert_eq!(
        (sim.tick(), given),
        (tick, commands),
        "the journal went past the script"
    );
    (sim, script.len())
}

fn run_all(sim: &mut Simulation, actions: &[Action]) {
    for action in actions {
        match action {
            Action::Command(c) => sim.submit(c.clone()),
            Action::Step(_) => sim.step(),
            other => unreachable!("{other:?}"),
        }
    }
}

fn wait_for_journal(dir: &Path) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(p) = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        {
            return p;
        }
        assert!(
            Instant::now() < deadline,
            "no journal appeared in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_session_killed_at_random_moments_resumes_to_the_uninterrupted_state() {
    let s = flagship();
    let seed = 11;
    let ticks = 240;
    let script = random_script(&s, 2026, ticks);
    let commands = script
        .iter()
        .filter(|a| matches!(a, Action::Command(_)))
        .count();
    assert!(commands > 40, "the script gives commands ({commands})");
    let mut uninterrupted = Simulation::new(s.clone(), seed);
    run_all(&mut uninterrupted, &script);
    let final_hash = state_hash(&uninterrupted);

    let mut when = Lcg(99);
    let mut mid_session = 0;
    for round in 0..4 {
        let data = tempfile::tempdir().unwrap();
        let file = data.path().join("script.ron");
        std::fs::write(&file, ron::to_string(&script).unwrap()).unwrap();
        let mut child = crate::helpers::kunren_command()
            .args([
                "play",
                FLAGSHIP,
                "--seed",
                "11",
                "--step-delay-ms",
                "2",
                "--script",
            ])
            .arg(&file)
            .env("KUNREN_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let journal = wait_for_journal(&data.path().join("sessions"));
        std::thread::sleep(Duration::from_millis(when.below(400) as u64));
        let finished_first = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL on Unix: no destructor, no flush, nothing runs.
        child.wait().unwrap();

        let restored = session::restore(&journal).unwrap();
        let at = restored.sim.tick();
        if at.is_some_and(|t| t > 0 && t < ticks - 1) {
            mid_session += 1;
        }
        let (reference, resume_from) = play_until(&s, seed, &script, at, restored.submitted.len());
        assert_eq!(
            state_hash(&restored.sim),
            state_hash(&reference),
            "round {round}: resumed at tick {at:?} with {} commands",
            restored.submitted.len()
        );

        // The commands queued at the kill are back too: both play on to the same end.
        let mut continued = restored.sim;
        run_all(&mut continued, &script[resume_from..]);
        assert_eq!(state_hash(&continued), final_hash, "round {round}");

        // And the real binary resumes the same journal, continues it to the end, and the journal
        // then replays to the uninterrupted end.
        let rest = data.path().join("rest.ron");
        std::fs::write(
            &rest,
            ron::to_string(&script[resume_from..].to_vec()).unwrap(),
        )
        .unwrap();
        let listing = kunren_with_data(&["sessions"], data.path());
        let state = if finished_first {
            "left"
        } else {
            "interrupted"
        };
        assert!(
            text(&listing.stdout).contains(state),
            "{}",
            text(&listing.stdout)
        );
        let out = kunren_with_data(&["resume", "--script", rest.to_str().unwrap()], data.path());
        assert!(out.status.success(), "{}", text(&out.stderr));
        let again = session::restore(&journal).unwrap();
        assert_eq!(again.damage, None);
        assert_eq!(
            state_hash(&again.sim),
            final_hash,
            "round {round}: resumed through the CLI"
        );
        assert_eq!(again.submitted.len(), commands);
    }
    assert!(
        mid_session >= 2,
        "most kills should land mid-session ({mid_session} of 4 did)"
    );
}

#[test]
fn sessions_lists_name_scenario_start_length_and_state() {
    let data = tempfile::tempdir().unwrap();
    let out = kunren_with_data(&["sessions"], data.path());
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("No sessions in"),
        "{}",
        text(&out.stdout)
    );

    let script = data.path().join("script.ron");
    std::fs::write(&script, "[Line(\"pace 120\"), Step(12)]").unwrap();
    let play = |extra: &[&str]| {
        let mut args = vec!["play", FLAGSHIP, "--script", script.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = kunren_with_data(&args, data.path());
        assert!(out.status.success(), "{}", text(&out.stderr));
    };
    play(&[]);
    play(&["--seat", "white"]);
    let dir = data.path().join("sessions");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2);
    // Damage the second one's tail.
    let bytes = std::fs::read(&names[1]).unwrap();
    std::fs::write(&names[1], &bytes[..bytes.len() - 3]).unwrap();

    let out = kunren_with_data(&["sessions"], data.path());
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: Vec<&str> = stdout.lines().filter(|l| l.starts_with(FLAGSHIP)).collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    assert!(
        stdout.contains("NAME") && stdout.contains("STARTED (UTC)"),
        "{stdout}"
    );
    let left = rows.iter().find(|r| r.ends_with("left")).expect(&stdout);
    assert!(left.contains("11/576"), "{left}");
    let damaged = rows
        .iter()
        .find(|r| r.contains("damaged tail"))
        .expect(&stdout);
    assert!(damaged.contains("the last write was cut off"), "{damaged}");

    // Resuming the damaged one says what was wrong, keeps the prefix and cuts the file back.
    let name = names[1].file_stem().unwrap().to_str().unwrap();
    let empty = data.path().join("empty.ron");
    std::fs::write(&empty, "[]").unwrap();
    let out = kunren_with_data(
        &["resume", name, "--script", empty.to_str().unwrap()],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("damaged at line"), "{stderr}");
    assert!(stderr.contains("the file is cut back"), "{stderr}");
    assert!(session::journal::read(&names[1]).unwrap().damage.is_none());
    let aside = names[1].with_extension("jsonl.damaged");
    assert_eq!(
        std::fs::read(aside).unwrap(),
        &bytes[..bytes.len() - 3],
        "the uncut file is kept"
    );

    let out = kunren_with_data(&["resume", "no-such-session"], data.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("kunren sessions"),
        "{}",
        text(&out.stderr)
    );
}

/// A journal that cannot be written stops the console: the command is not given, nothing more
/// is played, and the app says why.
#[cfg(target_os = "linux")]
#[test]
fn a_journal_that_cannot_be_written_stops_the_console() {
    let mut app = kunren::tui::App::new(flagship(), 1);
    app.keep_journal(Journal::reopen(Path::new("/dev/full"), 0).unwrap());
    app.open_at(kunren::tui::app::Seat::WhiteCell);
    app.submit(Command::Note {
        text: "lost?".into(),
        objective: None,
        capability: None,
    });
    assert!(app.console.quit, "the console stops");
    assert!(app.live.submitted().is_empty(), "the command was not given");
    assert!(app.live.journal_error().is_some());
    assert!(
        app.console.status.contains("JOURNAL CANNOT BE WRITTEN"),
        "{}",
        app.console.status
    );
    app.step_n(5);
    assert_eq!(app.live.sim().tick(), None, "no tick is played unrecorded");
}

/// The commands of a journal, with the seat each line names.
fn journaled_commands(path: &Path) -> Vec<(Command, Option<String>)> {
    session::journal::read(path)
        .unwrap()
        .entries
        .into_iter()
        .filter_map(|l| match l.entry {
            Entry::Command { command, seat, .. } => Some((command, seat)),
            _ => None,
        })
        .collect()
}

/// A journal written by kunren before commands carried their seat (tests/fixtures, made by the
/// console of commit 705a2af with a script) restores exactly as written, and continues with
/// seats on the new lines only.
#[test]
fn a_journal_written_before_seats_resumes_as_it_was() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("before-seats.jsonl");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-before-seats.jsonl");
    // The fixture's entries are kept byte for byte as the old console wrote them. Its header
    // names the hash of the built-in scenario of that day; the scenario has changed since (rule
    // fixes), so the header is re-stamped with today's hash: the lines under test are the entries.
    let old = std::fs::read_to_string(&fixture).unwrap();
    let (first, entries) = old.split_once('\n').unwrap();
    let mut header: Header = serde_json::from_str(&first[9..]).unwrap();
    header.sha256 =
        session::ScenarioText::builtin(kunren::library::builtin(FLAGSHIP).unwrap()).sha256();
    let json = serde_json::to_string(&header).unwrap();
    let restamped = format!("{:08x} {json}\n{entries}", crc32fast::hash(json.as_bytes()));
    std::fs::write(&path, restamped).unwrap();
    assert!(!entries.contains("\"seat\":\"white\"}}}"));
    assert_eq!(entries.matches("{\"Command\"").count(), 4);

    let restored = session::restore(&path).unwrap();
    assert_eq!(restored.damage, None);
    assert_eq!(restored.sim.tick(), Some(12));
    assert_eq!(restored.submitted.len(), 4);
    // The same commands at the same ticks into a fresh simulation: the same state.
    let mut sim = Simulation::new(flagship(), 7);
    for (tick, command) in &restored.submitted {
        while sim.tick() != *tick {
            sim.step();
        }
        sim.submit(command.clone());
    }
    while sim.tick() != Some(12) {
        sim.step();
    }
    assert_eq!(state_hash(&sim), state_hash(&restored.sim));
    assert!(
        journaled_commands(&path)
            .iter()
            .all(|(_, seat)| seat.is_none())
    );

    let script = data.path().join("more.ron");
    std::fs::write(
        &script,
        r#"[Command(Note(text: "after the upgrade", objective: None)), Step(2)]"#,
    )
    .unwrap();
    let out = kunren_with_data(
        &[
            "resume",
            "before-seats",
            "--script",
            script.to_str().unwrap(),
        ],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let commands = journaled_commands(&path);
    assert_eq!(commands.len(), 5);
    assert_eq!(
        commands[4].1.as_deref(),
        Some("white"),
        "new lines carry the seat"
    );
    let again = session::restore(&path).unwrap();
    assert_eq!(again.damage, None);
    assert_eq!(again.sim.tick(), Some(14));
}

/// From a console held to the MLIT seat, facilitator commands, the clock, another team's
/// commands and switching seats are refused with a reason and never journaled; the team's own
/// message goes through, journaled with its seat.
#[test]
fn a_team_seat_gives_only_its_own_commands_and_the_journal_shows_it() {
    let data = tempfile::tempdir().unwrap();
    let script = data.path().join("mlit.ron");
    std::fs::write(
        &script,
        r#"[
            Line("fail nuts-db the ministry takes the port down"),
            Line("skip gates-fail"),
            Line("restore nuts-db"),
            Line("note a ministry note"),
            Line("roll 50 the press calls"),
            Line("pace 960"),
            Line("resume"),
            Line("step 3"),
            Step(2),
            Until(10),
            Command(Message(from: (0), to: [(4)], text: "forged: from the operator")),
            Command(FireInject(inject: (0))),
            Command(Message(from: (4), to: [(0)], text: "MLIT asks for a status report")),
            Line("seat white"),
            Command(Adjudicate(ruling: FailAsset((3)), reason: "after trying to switch")),
        ]"#,
    )
    .unwrap();
    let out = kunren_with_data(
        &[
            "play",
            FLAGSHIP,
            "--seat",
            "mlit",
            "--script",
            script.to_str().unwrap(),
        ],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = wait_for_journal(&data.path().join("sessions"));
    let read = session::journal::read(&path).unwrap();
    assert_eq!(read.header.seat.as_deref(), Some("mlit"));
    let commands = journaled_commands(&path);
    assert_eq!(
        commands,
        vec![(
            Command::Message {
                from: TeamId(4),
                to: vec![TeamId(0)],
                text: "MLIT asks for a status report".into()
            },
            Some("mlit".into())
        )]
    );
    let clock = read.entries.iter().any(|l| {
        matches!(
            l.entry,
            Entry::Step { .. } | Entry::Pace { .. } | Entry::Resume | Entry::Pause
        )
    });
    assert!(!clock, "no team seat ran the clock");
    let seats: Vec<_> = read
        .entries
        .iter()
        .filter_map(|l| match &l.entry {
            Entry::Seat { seat } => Some(seat.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(seats, vec!["mlit".to_string()], "the seat never switched");
}

/// A session started on a team seat is still held to it when resumed: the script's facilitator
/// line and seat switch are refused again, and nothing new but the team's own letter is written.
#[test]
fn a_session_started_on_a_team_seat_resumes_held_to_it() {
    let data = tempfile::tempdir().unwrap();
    let first = data.path().join("first.ron");
    std::fs::write(
        &first,
        r#"[Command(Message(from: (4), to: [(0)], text: "first"))]"#,
    )
    .unwrap();
    let out = kunren_with_data(
        &[
            "play",
            FLAGSHIP,
            "--seat",
            "mlit",
            "--script",
            first.to_str().unwrap(),
        ],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = wait_for_journal(&data.path().join("sessions"));
    let name = path.file_stem().unwrap().to_str().unwrap().to_string();
    let again = data.path().join("again.ron");
    std::fs::write(
        &again,
        r#"[
            Line("seat white"),
            Line("fail nuts-db from the ministry"),
            Line("step 2"),
            Command(Message(from: (4), to: [(0)], text: "second")),
        ]"#,
    )
    .unwrap();
    let out = kunren_with_data(
        &["resume", &name, "--script", again.to_str().unwrap()],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let commands = journaled_commands(&path);
    let texts: Vec<_> = commands
        .iter()
        .map(|(c, seat)| match c {
            Command::Message { text, .. } => (text.clone(), seat.clone()),
            other => panic!("only the ministry's letters: {other:?}"),
        })
        .collect();
    assert_eq!(
        texts,
        vec![
            ("first".to_string(), Some("mlit".to_string())),
            ("second".to_string(), Some("mlit".to_string()))
        ]
    );
    let read = session::journal::read(&path).unwrap();
    assert_eq!(read.last_tick(), None, "the clock never ran");
}
