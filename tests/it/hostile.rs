//! Hostile and careless input (issue #10): nothing escapes the sessions directory, no date,
//! length, number or depth makes kunren panic or run away, and every refusal is located.

use std::path::Path;
use std::process::{Command as Process, Output};

use kunren::scenario;

const MINIMAL: &str = include_str!("../fixtures/minimal.ron");

fn kunren(args: &[&str], dir: &Path) -> Output {
    Process::new(env!("CARGO_BIN_EXE_kunren"))
        .args(args)
        .current_dir(dir)
        .env("KUNREN_DATA_DIR", dir.join("data"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn line_of(source: &str, needle: &str) -> usize {
    let at = source
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in source"));
    1 + source[..at].matches('\n').count()
}

/// The one problem of a variant of the minimal scenario: its line and message.
fn refused(source: &str) -> (usize, String) {
    let err = scenario::parse(source, "variant.ron").expect_err("refused");
    let d = err.items.first().unwrap_or_else(|| panic!("no diagnostic"));
    assert!(d.line >= 1 && d.column >= 1);
    (d.line, d.message.clone())
}

#[test]
fn a_scenario_id_that_is_not_a_slug_is_refused_at_meta_id() {
    let long = "a".repeat(65);
    for bad in [
        "../../../escaped",
        "/tmp/abs",
        "a/b",
        ".hidden",
        "",
        long.as_str(),
        "x\u{1b}[2J",
    ] {
        let source = MINIMAL.replace("id: \"port-mini\"", &format!("id: {bad:?}"));
        let (line, message) = refused(&source);
        assert_eq!(line, 5, "{bad:?}: {message}");
        assert!(message.contains("cannot name a session file"), "{message}");
    }
    let ok = MINIMAL.replace("id: \"port-mini\"", &format!("id: \"{}\"", "a".repeat(64)));
    scenario::parse(&ok, "ok.ron").unwrap();
}

#[test]
fn a_hostile_scenario_id_never_writes_outside_the_sessions_directory() {
    let dir = tempfile::tempdir().unwrap();
    let source = MINIMAL.replace("id: \"port-mini\"", "id: \"../../../escaped\"");
    std::fs::write(dir.path().join("s.ron"), source).unwrap();
    std::fs::write(dir.path().join("script.ron"), "[Step(1)]").unwrap();
    let out = kunren(&["play", "s.ron", "--script", "script.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("meta"), "{}", text(&out.stderr));
    let mut everything = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            everything.push(p);
        }
    }
    assert!(
        !everything
            .iter()
            .any(|p| p.to_string_lossy().contains("escaped")),
        "{everything:?}"
    );
}

#[test]
fn session_names_resolve_inside_the_sessions_directory() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    // A journal beside the sessions directory, reachable by `../`.
    std::fs::write(dir.path().join("outside.jsonl"), "").unwrap();
    for name in ["../outside", "..", "/etc/passwd", "x/../../outside"] {
        let err = kunren::session::locate(&sessions, Some(name))
            .err()
            .unwrap_or_else(|| panic!("{name} resolved"));
        assert!(
            err.to_string().contains("not a session name"),
            "{name}: {err}"
        );
    }
    // `../outside.jsonl` is a path (from the working directory), never a name inside `sessions`.
    let err = kunren::session::locate(&sessions, Some("../outside.jsonl"));
    assert!(err.is_err(), "{err:?}");
    // A path to a journal file, given as such, is still accepted.
    std::fs::write(sessions.join("good.jsonl"), "").unwrap();
    assert_eq!(
        kunren::session::locate(&sessions, Some("good")).unwrap(),
        sessions.join("good.jsonl")
    );
    let explicit = dir.path().join("outside.jsonl");
    assert_eq!(
        kunren::session::locate(&sessions, Some(explicit.to_str().unwrap())).unwrap(),
        explicit
    );
}

#[test]
fn a_start_date_near_year_9999_is_refused_at_validation() {
    for start in ["9999-12-31T00:00:00+09:00", "9999-12-30T23:00:00Z"] {
        let source = MINIMAL.replace("2023-07-04T06:00:00+09:00", start);
        let (line, message) = refused(&source);
        assert_eq!(line, line_of(MINIMAL, "start:"), "{message}");
        assert!(message.contains("after the year 9999"), "{message}");
    }
    // One that ends in time still runs, and labels past the end never panic.
    let source = MINIMAL.replace("2023-07-04T06:00:00+09:00", "9999-12-25T00:00:00Z");
    let s = scenario::parse(&source, "late.ron").unwrap();
    assert!(
        s.clock
            .label(s.clock.end_tick * 3)
            .starts_with("Fri 31 Dec")
    );
}

#[test]
fn an_exercise_of_more_ticks_than_the_limit_is_refused() {
    let source = MINIMAL.replace("length: \"2d\"", "length: \"2982616d\"");
    let (line, message) = refused(&source);
    assert_eq!(line, line_of(MINIMAL, "length:"));
    assert!(
        message.contains("more than the limit of 100000"),
        "{message}"
    );
    let source = MINIMAL
        .replace("length: \"2d\"", "length: \"3650d\"")
        .replace("tick: \"15m\"", "tick: \"1m\"");
    assert!(refused(&source).1.contains("ticks"));
}

#[test]
fn non_finite_numbers_are_refused_where_they_stand() {
    for bad in ["inf", "-inf", "NaN", "1e999"] {
        let source = MINIMAL.replace("loss_per_hour: 5000000.0", &format!("loss_per_hour: {bad}"));
        let (line, message) = refused(&source);
        assert_eq!(line, line_of(MINIMAL, "loss_per_hour"), "{bad}: {message}");
        assert!(message.contains("not a finite number"), "{bad}: {message}");
    }
}

#[test]
fn a_byte_order_mark_is_accepted_before_a_scenario_and_a_decisions_file() {
    let with_bom = format!("\u{feff}{MINIMAL}");
    let s = scenario::parse(&with_bom, "bom.ron").expect("a BOM is accepted");
    let decisions = "\u{feff}Decisions(scenario: \"port-mini\", decisions: [])";
    scenario::parse_decisions(decisions, "bom.decisions.ron", &s).expect("here too");
    // Positions of problems still point at the right place.
    let broken = with_bom.replace("staff: 3", "staff: 3, wings: 2");
    let err = scenario::parse(&broken, "bom.ron").unwrap_err();
    assert_eq!(err.items[0].line, line_of(MINIMAL, "staff: 3"));
    // A merge keeps the mark and merges after it.
    let merged = kunren::msel::merge(&with_bom, "bom.ron", &[]).expect("merged");
    assert!(merged.text.starts_with('\u{feff}'));
}

/// The minimal scenario with a chain of `n` more assets, each depending on the next.
fn chain(n: usize) -> String {
    let mut assets = String::from("    assets: [\n");
    for i in 0..n {
        let next = if i + 1 < n {
            format!(", depends_on: [\"c{}\"]", i + 1)
        } else {
            String::new()
        };
        assets += &format!("        (id: \"c{i}\", name: \"C{i}\", owner: \"port\"{next}),\n");
    }
    MINIMAL.replacen("    assets: [\n", &assets, 1)
}

#[test]
fn a_dependency_chain_deeper_than_the_limit_is_refused_and_one_within_it_explains_linearly() {
    let (line, message) = refused(&chain(scenario::MAX_DEPTH + 1));
    assert!(message.contains("limit on dependency depth"), "{message}");
    assert_eq!(
        line,
        line_of(&chain(scenario::MAX_DEPTH + 1), "(id: \"c0\"")
    );

    let size = |n: usize| {
        let s = scenario::parse(&chain(n), "chain.ron").unwrap();
        kunren::authoring::explain::explain(&s).len()
    };
    let (half, full) = (size(scenario::MAX_DEPTH / 2), size(scenario::MAX_DEPTH));
    // Twice the chain, about twice the text (not four times, as with growing indentation).
    assert!(full < half * 5 / 2, "{half} -> {full}");
}

#[test]
fn explain_walks_a_40000_deep_chain_without_recursion() {
    // Past validation's limits (built by hand), the walk itself still neither overflows the
    // stack nor grows with the square of the depth.
    let mut s = scenario::parse(MINIMAL, "minimal.ron").unwrap();
    let template = s.assets[0].clone();
    let first = s.assets.len();
    for i in 0..40_000u32 {
        let mut a = template.clone();
        a.id = format!("c{i}");
        a.depends_on = if i + 1 < 40_000 {
            vec![scenario::AssetId(first as u32 + i + 1)]
        } else {
            vec![]
        };
        a.uses = vec![];
        s.assets.push(a);
    }
    let text = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || kunren::authoring::explain::explain(&s))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert!(text.len() < 40_000 * 200, "{} bytes", text.len());
    assert!(text.contains("c39999"));
}

#[test]
fn the_command_line_refuses_a_40000_asset_chain_clearly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chain.ron"), chain(40_000)).unwrap();
    let out = kunren(&["explain", "chain.ron"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("more than the limit of 10000"), "{err}");
    assert!(err.contains("chain.ron:"), "{err}");
}

fn flagship() -> std::sync::Arc<scenario::Scenario> {
    let b = kunren::library::builtin("nagoya-port-ransomware").unwrap();
    std::sync::Arc::new(scenario::parse(b.source, b.path).unwrap())
}

#[test]
fn a_delay_longer_than_the_exercise_is_refused_before_it_is_journaled() {
    let dir = tempfile::tempdir().unwrap();
    let s = flagship();
    let inject = s.injects[0].id.clone();
    let b = kunren::library::builtin("nagoya-port-ransomware").unwrap();
    let text_ = kunren::session::ScenarioText::builtin(b);
    let (journal, _) = kunren::session::start(dir.path(), &s, &text_, 1, None).unwrap();
    let path = journal.path().to_path_buf();
    let mut app = kunren::tui::App::new(s.clone(), 1);
    app.keep_journal(journal);
    app.open_at(kunren::tui::app::Seat::WhiteCell);
    let said = kunren::tui::command_line::run(
        &mut app.console,
        &mut app.live,
        &format!("delay {inject} 2982616d"),
    );
    assert!(said.contains("longer than the whole exercise"), "{said}");
    assert!(app.live.submitted().is_empty());
    app.live
        .step_n(kunren::tui::app::Seat::WhiteCell, 3)
        .unwrap();
    app.sync_journal();
    let c = kunren::session::journal::read(&path).unwrap();
    assert!(
        !c.entries
            .iter()
            .any(|l| matches!(l.entry, kunren::session::Entry::Command { .. })),
        "nothing was journaled"
    );
    // A sane delay still goes through.
    let said = kunren::tui::command_line::run(
        &mut app.console,
        &mut app.live,
        &format!("delay {inject} 2h"),
    );
    assert!(
        said.starts_with("Queued for the next tick: delay \"") && said.contains("\" by 2h"),
        "{said}"
    );
    assert_eq!(app.live.submitted().len(), 1);
}

#[test]
fn a_journal_holding_an_impossible_delay_resumes_with_it_reported_as_damage() {
    let dir = tempfile::tempdir().unwrap();
    let s = flagship();
    let b = kunren::library::builtin("nagoya-port-ransomware").unwrap();
    let text_ = kunren::session::ScenarioText::builtin(b);
    let (mut journal, _) = kunren::session::start(dir.path(), &s, &text_, 1, None).unwrap();
    use kunren::session::Entry;
    journal.commit(&Entry::Step { to: 0 }).unwrap();
    // What today's code wrote for `delay odd-logins 2982616d` at 15-minute ticks.
    journal
        .commit(&Entry::Command {
            tick: Some(0),
            seat: None,
            command: kunren::command::Command::DelayInject {
                inject: scenario::InjectId(0),
                ticks: 286_331_136,
            },
        })
        .unwrap();
    journal.commit(&Entry::Step { to: 1 }).unwrap();
    let path = journal.path().to_path_buf();
    drop(journal);
    let resuming = (0..250)
        .find_map(|_| {
            kunren::session::resume(&path).ok().or_else(|| {
                std::thread::sleep(std::time::Duration::from_millis(20));
                None
            })
        })
        .expect("resumes");
    let d = resuming
        .restored
        .damage
        .clone()
        .expect("reported as damage");
    assert_eq!(d.line, 3);
    assert!(
        d.to_string().contains("longer than the whole exercise"),
        "{d}"
    );
    assert_eq!(resuming.restored.sim.tick(), Some(0));
    let (restored, reopened) = resuming.reopen().unwrap();
    assert!(reopened.damaged_copy.is_some());
    drop((restored, reopened));
    // And again: the session can always be reopened.
    // (A forked child of another test may hold the lock for an instant.)
    let again = (0..250)
        .find_map(|_| {
            kunren::session::resume(&path).ok().or_else(|| {
                std::thread::sleep(std::time::Duration::from_millis(20));
                None
            })
        })
        .expect("resumes again");
    assert_eq!(again.restored.damage, None);
}

#[test]
fn a_script_step_of_u32_max_after_the_end_returns() {
    let s = std::sync::Arc::new(scenario::parse(MINIMAL, "minimal.ron").unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut app = kunren::tui::App::new(s, 1);
        let actions = [
            kunren::tui::script::Action::Step(400),
            kunren::tui::script::Action::Step(u32::MAX),
        ];
        kunren::tui::script::run(&mut app, &actions, std::time::Duration::ZERO);
        let _ = tx.send(app.live.is_finished());
    });
    let finished = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the script returns");
    assert!(finished);
}

#[test]
fn escape_sequences_and_nul_in_scenario_text_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "Ransomware\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{0}\\u{202e}";
    let source = MINIMAL
        .replace(
            "title: \"Ransomware at a container terminal\"",
            &format!("title: \"{evil}\""),
        )
        .replace(
            "name: \"Terminal database\"",
            "name: \"DB\\u{1b}[31mred\\u{0}\"",
        );
    std::fs::write(dir.path().join("evil.ron"), &source).unwrap();
    // The same text with a problem on a line holding an escape, for the diagnostics.
    let broken = source.replace(
        "(id: \"nuts-db\", name: \"DB\\u{1b}[31mred\\u{0}\"",
        "(id: \"nuts-db\", name: \"DB\u{1b}[31mred\u{0}\", wings: 2",
    );
    assert_ne!(broken, source);
    std::fs::write(dir.path().join("broken.ron"), &broken).unwrap();
    for args in [
        &["explain", "evil.ron"][..],
        &["run", "evil.ron"],
        &["report", "evil.ron"],
        &["validate", "broken.ron"],
        &["explain", "broken.ron"],
        &["lint", "evil.ron"],
    ] {
        let out = kunren(args, dir.path());
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !bytes.iter().any(|b| *b == 0x1b || *b == 0 || *b == 0x07),
                "{args:?} {stream}: {}",
                text(bytes)
            );
            assert!(!text(bytes).contains('\u{202e}'), "{args:?} {stream}");
        }
        assert!(
            !out.stdout.is_empty() || !out.stderr.is_empty(),
            "{args:?} said nothing"
        );
    }
    let out = kunren(&["validate", "broken.ron"], dir.path());
    assert!(
        text(&out.stderr).contains("DB?[31mred?"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_byte_order_mark_is_accepted_before_a_ratings_file_and_a_script() {
    let ratings = "\u{feff}Ratings(strengths: [\"clear roles\"])";
    let r = kunren::report::Ratings::parse(ratings, "r.ron").expect("a BOM is accepted");
    assert_eq!(r.strengths, ["clear roles"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("script.ron");
    std::fs::write(&path, "\u{feff}[Step(2)]").unwrap();
    let s = scenario::parse(MINIMAL, "minimal.ron").unwrap();
    let actions = kunren::tui::script::load(&path, &s).expect("here too");
    assert_eq!(actions.len(), 1);
}
