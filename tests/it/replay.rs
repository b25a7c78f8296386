//! Replay and what-if: a recorded session opened read-only and scrubbed along its timeline, a
//! branch cut from it, and two sessions compared.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kunren::command::{Command, Ruling};
use kunren::library::{self, FLAGSHIP};
use kunren::scenario::model::{AssetId, InjectId};
use kunren::session::{self, Recording, ScenarioText};
use kunren::summary::state_hash;
use kunren::tui::App;
use kunren::tui::app::Seat;
use kunren::tui::frame::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::helpers::kunren_with_data;

/// The last tick the recorded session reaches.
const REACHED: u32 = 80;

/// Commands the recorded session gives, by the tick it stands at.
fn given(tick: Option<u32>) -> Vec<Command> {
    let note = |text: &str| Command::Note {
        text: text.into(),
        objective: None,
        capability: None,
    };
    match tick {
        None => vec![note("the room is ready")],
        Some(10) => vec![Command::FireInject {
            inject: InjectId(0),
        }],
        Some(20) => vec![
            Command::Adjudicate {
                ruling: Ruling::FailAsset(AssetId(0)),
                reason: "the switch is down".into(),
            },
            note("asked the port"),
        ],
        Some(55) => vec![note("the press calls")],
        _ => Vec::new(),
    }
}

/// Plays a journaled session through the console's own doors, as a room would, and returns
/// its journal and the state hash the room saw after each tick (before that tick's commands).
fn record(dir: &Path) -> (PathBuf, BTreeMap<u32, String>) {
    let text = ScenarioText::builtin(library::builtin(FLAGSHIP).unwrap());
    let scn = Arc::new(text.parse().unwrap());
    let mut app = App::new(scn.clone(), 1);
    let (journal, _) = session::start(dir, &scn, &text, 1, Some("white")).unwrap();
    let path = journal.path().to_path_buf();
    app.keep_journal(journal);
    app.open_at(Seat::WhiteCell);
    let mut seen = BTreeMap::new();
    for c in given(None) {
        app.submit(c);
    }
    for t in 0..=REACHED {
        app.step_n(1);
        assert_eq!(app.live.sim().tick(), Some(t));
        seen.insert(t, state_hash(app.live.sim()));
        for c in given(Some(t)) {
            app.submit(c);
        }
    }
    assert!(app.sync_journal());
    assert!(app.leave());
    (path, seen)
}

fn recording(path: &Path) -> Recording {
    Recording::from_restored(&session::restore(path).unwrap())
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    all
}

#[test]
fn a_replay_is_read_only_and_never_writes_its_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = record(dir.path());
    let before = std::fs::read(&path).unwrap();
    let listing = files(dir.path());

    let mut app = App::replay(recording(&path), dir.path().to_path_buf());
    press(&mut app, ":30\n");
    let hash = state_hash(app.live.sim());
    let submitted = app.live.submitted().len();

    app.submit(Command::Note {
        text: "sneaked in".into(),
        objective: None,
        capability: None,
    });
    assert!(
        app.console.status.contains("read-only replay"),
        "{}",
        app.console.status
    );
    // Every key and line that would give a command, on every facilitator screen and a team's.
    for tab in "1234567".chars() {
        press(&mut app, &tab.to_string());
        press(&mut app, "\nfxdernFaco");
        press(&mut app, "\x1b");
    }
    press(&mut app, ":note hello\n");
    assert!(
        app.console.status.contains("read-only replay"),
        "{}",
        app.console.status
    );
    press(&mut app, ":fire 1\n:restore x y\n");
    press(&mut app, "S");
    press(&mut app, "j\n");
    assert!(matches!(app.console.seat, Seat::Team(_)));
    for tab in "12345".chars() {
        press(&mut app, &tab.to_string());
        press(&mut app, "\nsm\n\n");
        press(&mut app, "\x1b\x1b");
    }
    assert_eq!(app.live.sim().tick(), Some(30));
    assert_eq!(
        state_hash(app.live.sim()),
        hash,
        "nothing reached the engine"
    );
    assert_eq!(app.live.submitted().len(), submitted);
    assert!(app.branched().is_none() && app.live.journal().is_none());

    // Scrub about and leave: the journal is byte for byte what it was, and nothing else written.
    press(&mut app, "]]]},,,,{[ ");
    app.advance(std::time::Duration::from_secs(600));
    press(&mut app, "q");
    assert!(app.console.quit);
    drop(app);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(files(dir.path()), listing);
}

#[test]
fn scrubbing_back_and_forth_lands_on_the_state_the_room_saw() {
    let dir = tempfile::tempdir().unwrap();
    let (path, seen) = record(dir.path());
    let rec = recording(&path);
    assert_eq!(rec.reached, Some(REACHED));
    let mut app = App::replay(rec.clone(), dir.path().to_path_buf());
    let check = |app: &App| {
        let t = app.live.sim().tick().expect("on a tick");
        assert_eq!(state_hash(app.live.sim()), seen[&t], "at tick {t}");
        assert_eq!(state_hash(app.live.sim()), state_hash(&rec.at(Some(t))));
    };
    check(&app);
    assert_eq!(app.live.sim().tick(), Some(0));
    for (keys, tick) in [
        ("....", 4),
        (",", 3),
        ("}", 10),
        ("}", 20),
        (".", 21),
        ("{", 20),
        ("{", 10),
        (":tick 60\n", 60),
        (",,,,,", 55),
        (":back 15\n", 40),
        (":step 7\n", 47),
        (":end\n", REACHED),
        (".", REACHED),
        (":900\n", REACHED),
        (":12\n", 12),
    ] {
        press(&mut app, keys);
        assert_eq!(app.live.sim().tick(), Some(tick), "after {keys:?}");
        check(&app);
    }
    // Events: forward to the next logged tick, back to the one before.
    let next = rec.next_event(Some(12), None).unwrap();
    press(&mut app, "]");
    assert_eq!(app.live.sim().tick(), Some(next));
    check(&app);
    press(&mut app, "[");
    assert!(app.live.sim().tick() < Some(next));
    // Back past the first tick is the start, and forward from there is tick 0 again.
    press(&mut app, ":0\n,");
    assert_eq!(app.live.sim().tick(), None);
    press(&mut app, ".");
    check(&app);
    // Played at a pace, it stops at the end of the recording.
    press(&mut app, " ");
    app.advance(std::time::Duration::from_secs(3600 * 24));
    assert_eq!(app.live.sim().tick(), Some(REACHED));
    assert!(app.live.clock().paused);
    check(&app);
}

#[test]
fn a_branch_replays_to_its_parent_at_the_branch_tick_then_goes_its_own_way() {
    let dir = tempfile::tempdir().unwrap();
    let (path, seen) = record(dir.path());
    let rec = recording(&path);
    let mut app = App::replay(rec.clone(), dir.path().to_path_buf());
    press(&mut app, ":20\nb");
    let branch = app
        .branched()
        .map(str::to_string)
        .expect("a branch was started");
    assert!(!app.is_replay());
    assert!(app.live.journal().is_some());
    let branch_path = dir.path().join(format!("{branch}.jsonl"));

    // Its journal alone rebuilds the parent's state at tick 20, before the commands given then.
    let restored = session::restore(&branch_path).unwrap();
    assert_eq!(restored.sim.tick(), Some(20));
    assert_eq!(state_hash(&restored.sim), seen[&20]);
    let mark = restored.header.branch.clone().unwrap();
    assert_eq!(
        (mark.parent.as_str(), mark.tick),
        (rec.name.as_str(), Some(20))
    );

    // Played differently from there: restore the switch instead of failing it.
    app.submit(Command::Adjudicate {
        ruling: Ruling::RestoreAsset(AssetId(0)),
        reason: "the port isolated it in time".into(),
    });
    app.step_n(30);
    assert_eq!(app.live.sim().tick(), Some(50));
    assert_ne!(state_hash(app.live.sim()), seen[&50]);
    let live = state_hash(app.live.sim());
    assert!(app.sync_journal() && app.leave());
    drop(app);
    let resumed = session::restore(&branch_path).unwrap();
    assert_eq!(state_hash(&resumed.sim), live);

    // The list names the parent.
    let out = kunren_with_data(
        &["sessions", "--session-dir", dir.path().to_str().unwrap()],
        dir.path(),
    );
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(
        listing.contains(&format!("branch of {} at tick 20", rec.name)),
        "{listing}"
    );

    // Compare names both, lists every objective, and says where the commands part.
    let out = kunren_with_data(
        &[
            "compare",
            &rec.name,
            &branch,
            "--session-dir",
            dir.path().to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&rec.name) && text.contains(&branch), "{text}");
    for o in &rec.scenario.objectives {
        assert!(text.contains(&o.name), "{} missing from\n{text}", o.name);
    }
    assert!(text.contains("they first differ at tick 20"), "{text}");
    assert!(text.contains("Service outage (hours)"), "{text}");
    assert!(
        text.contains("outages"),
        "the number of outages is compared:\n{text}"
    );
}

#[test]
fn replay_names_a_session_it_cannot_find_and_needs_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = kunren_with_data(&["replay", "no-such-session"], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-session"));
    let (path, _) = record(&dir.path().join("sessions"));
    let out = kunren_with_data(&["replay", path.to_str().unwrap()], dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("terminal") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn compare_refuses_an_unknown_session() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = record(dir.path());
    let out = kunren_with_data(
        &["compare", path.to_str().unwrap(), "no-such-session"],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-session"));
}

#[test]
fn the_replay_header_shows_where_the_scrubber_stands() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = record(dir.path());
    let mut rec = recording(&path);
    // The name carries the start time; pin it for the picture.
    rec.name = "nagoya-port-ransomware-20260703-090000".into();
    let mut app = App::replay(rec, dir.path().to_path_buf());
    app.console.color = true;
    press(&mut app, ":20\n");
    assert!(
        app.console.status.starts_with("Given at this tick"),
        "{}",
        app.console.status
    );
    press(&mut app, ".");
    let mut terminal = Terminal::new(TestBackend::new(120, 32)).unwrap();
    let view = View::build(&app.console, &app.live);
    terminal.draw(|f| f.render_widget(&view, f.area())).unwrap();
    let buf = terminal.backend().buffer();
    let screen: Vec<String> = (0..32)
        .map(|y| {
            (0..120)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    assert!(screen[0].contains("REPLAY  tick 21 of"), "{}", screen[0]);
    assert!(screen[31].contains(". , tick"), "{}", screen[31]);
    insta::assert_snapshot!(screen.join("\n"));
}

#[test]
fn a_team_seat_jumps_between_the_events_its_team_knows_of() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = record(dir.path());
    let rec = recording(&path);
    let mut app = App::replay(rec.clone(), dir.path().to_path_buf());
    press(&mut app, "Sj\n");
    let Seat::Team(team) = app.console.seat else {
        panic!("a team seat")
    };
    let known: Vec<u32> = rec
        .events
        .iter()
        .filter(|(_, k)| k.contains(&team))
        .map(|(t, _)| *t)
        .filter(|t| *t > 0)
        .collect();
    assert!(
        !known.is_empty(),
        "the team learns something by tick {REACHED}"
    );
    let mut landed = Vec::new();
    for _ in 0..known.len() {
        press(&mut app, "]");
        landed.push(app.live.sim().tick().unwrap());
    }
    let mut expected = known.clone();
    expected.dedup();
    expected.resize(known.len(), REACHED);
    assert_eq!(landed, expected);
    // The help screen in a replay lists the scrubber's keys.
    press(&mut app, "?");
    let mut terminal = Terminal::new(TestBackend::new(120, 32)).unwrap();
    let view = View::build(&app.console, &app.live);
    terminal.draw(|f| f.render_widget(&view, f.area())).unwrap();
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(text.contains("one tick forward / back"), "{text}");
}

/// In a replay, a team seat's command jumps stop only at its own commands, and the status line
/// names only those; the white cell sees every command.
#[test]
fn a_team_seat_in_a_replay_stops_only_at_its_own_commands() {
    let dir = tempfile::tempdir().unwrap();
    let text = ScenarioText::builtin(library::builtin(FLAGSHIP).unwrap());
    let scn = Arc::new(text.parse().unwrap());
    let nhta = scn.team_index("nhta").unwrap();
    let mlit = scn.team_index("mlit").unwrap();
    let mut app = App::new(scn.clone(), 1);
    let (journal, _) = session::start(dir.path(), &scn, &text, 1, None).unwrap();
    let path = journal.path().to_path_buf();
    app.keep_journal(journal);
    app.open_at(Seat::WhiteCell);
    app.step_n(5);
    assert!(app.submit(Command::Note {
        text: "white at 4".into(),
        objective: None,
        capability: None,
    }));
    app.step_n(5);
    app.console.take_seat(&mut app.live, Seat::Team(nhta));
    assert!(app.submit(Command::Message {
        from: nhta,
        to: vec![mlit],
        text: "the operator writes at 9".into(),
    }));
    app.console.take_seat(&mut app.live, Seat::WhiteCell);
    app.step_n(3);
    assert!(app.submit(Command::Adjudicate {
        ruling: Ruling::FailAsset(AssetId(0)),
        reason: "white fails it at 12".into(),
    }));
    app.step_n(8);
    assert_eq!(app.live.tick(), Some(20));
    assert!(app.sync_journal() && app.leave());

    let rec = recording(&path);
    let mut white = App::replay(rec.clone(), dir.path().to_path_buf());
    let mut stops = Vec::new();
    for _ in 0..3 {
        press(&mut white, "}");
        stops.push(white.live.tick());
    }
    assert_eq!(stops, vec![Some(4), Some(9), Some(12)]);

    let mut team = App::replay(rec, dir.path().to_path_buf());
    team.console.take_seat(&mut team.live, Seat::Team(nhta));
    let mut stops = Vec::new();
    for _ in 0..2 {
        press(&mut team, "}");
        stops.push(team.live.tick());
    }
    assert_eq!(stops, vec![Some(9), Some(20)], "only the operator's own");
    assert!(
        team.console.status.is_empty(),
        "nothing given at the end: {}",
        team.console.status
    );
    press(&mut team, "{");
    assert_eq!(team.live.tick(), Some(9));
    assert!(
        team.console.status.contains("writes"),
        "{}",
        team.console.status
    );
    press(&mut team, ":12\n");
    assert_eq!(team.live.tick(), Some(12));
    assert!(
        !team.console.status.contains("fail") && !team.console.status.contains("Given"),
        "the white cell's ruling is not the team's to see: {}",
        team.console.status
    );
    press(&mut white, ":12\n");
    assert!(
        white.console.status.contains("fail"),
        "{}",
        white.console.status
    );
}
