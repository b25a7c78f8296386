//! Fuzzing on the stable toolchain: structure-aware property tests over every kind of file
//! kunren reads (scenarios, decisions files, MSEL sheets, ratings files, scripts, session
//! journals) and raw bytes. Each case asserts no panic, bounded work (a time budget), and for a
//! refusal, an error that says where: file, line and column (a sheet: row and column; a journal:
//! its line).
//!
//! CI runs a few thousand cases in total; `KUNREN_FUZZ_CASES=N` runs N per property instead.
//! An input that ever failed is kept under `tests/fuzz-regressions/<kind>/` and replayed by
//! `regressions_are_replayed` (the kind is the directory: scenario, decisions, sheet, ratings,
//! script, journal). A case that kills the process (memory exhausted, a stack overflow) gives
//! proptest no chance to print it: `KUNREN_FUZZ_DUMP=FILE` writes each scenario case to FILE
//! before it is checked, so the last one is there afterwards (run under `ulimit -v` to make a
//! runaway allocation fail fast).

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use kunren::report::{Ratings, RatingsError};
use kunren::scenario::{self, Diagnostics, Scenario};
use kunren::session::{self, Entry};
use kunren::{headless, library, msel};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Work one case may take (debug build, a busy machine): far above any honest case, far below
/// a hang.
const BUDGET: Duration = Duration::from_secs(20);

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("KUNREN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default_cases);
    ProptestConfig {
        cases,
        // Failures are kept as files under tests/fuzz-regressions, replayed below.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn within_budget<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    prop_assert!(took < BUDGET, "{what} took {took:?}");
    Ok(out)
}

// ---------------------------------------------------------------- inputs

struct Base {
    scenarios: Vec<(String, String)>,
    decisions: Vec<(String, String, Arc<Scenario>)>,
    sheets: Vec<(String, String)>,
    flagship: Arc<Scenario>,
    minimal: Arc<Scenario>,
    journal: Vec<u8>,
}

const MINIMAL: &str = include_str!("../fixtures/minimal.ron");
const ENGINE: &str = include_str!("../fixtures/engine.ron");
const FLAGSHIP: &str = "nagoya-port-ransomware";

const RATINGS: &str = r#"Ratings(
    date: Some("2025-11-20"),
    players: { "nhta": "Port IT desk (4 people)" },
    objectives: {
        "report-police": (rating: M, comment: Some("Called late.")),
    },
    strengths: ["Roles were clear in the first hour."],
    areas_for_improvement: ["The vendor's number was out of date."],
    improvement_plan: [
        (objective: Some("report-police"), issue: "Late report", action: "Call tree", owner: "NHTA", due: Some("2026-01-31")),
        (issue: "Vendor contacts out of date", action: "Review quarterly", owner: "NHTA IT"),
    ],
)"#;

const SCRIPT: &str = r#"[
    Line("pace 120"),
    Step(3),
    Command(Note(text: "the room is ready", objective: None)),
    Line("delay odd-logins 2h"),
    Line("fire odd-logins"),
    Until(40),
    Line("note hello"),
    Step(5),
]"#;

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut scenarios = vec![
            ("minimal.ron".to_string(), MINIMAL.to_string()),
            ("engine.ron".to_string(), ENGINE.to_string()),
        ];
        let mut decisions = Vec::new();
        let mut sheets = Vec::new();
        for b in library::BUILTINS {
            scenarios.push((b.path.to_string(), b.source.to_string()));
            let s = Arc::new(scenario::parse(b.source, b.path).expect("shipped scenarios load"));
            sheets.push((
                format!("{}.csv", b.id),
                msel::export(b.source, b.path).expect("exports"),
            ));
            for (_, path, source) in b.decisions {
                decisions.push((path.to_string(), source.to_string(), s.clone()));
            }
        }
        let flagship = library::builtin(FLAGSHIP).unwrap();
        let flagship_s = Arc::new(scenario::parse(flagship.source, flagship.path).unwrap());
        Base {
            scenarios,
            decisions,
            sheets,
            minimal: Arc::new(scenario::parse(MINIMAL, "minimal.ron").unwrap()),
            journal: flagship_journal(&flagship_s),
            flagship: flagship_s,
        }
    })
}

/// A flagship session's journal as the console writes it: steps, notes, a roll, a delay.
fn flagship_journal(s: &Arc<Scenario>) -> Vec<u8> {
    use kunren::command::{Command, Ruling};
    let dir = tempfile::tempdir().unwrap();
    let b = library::builtin(FLAGSHIP).unwrap();
    let text = session::ScenarioText::builtin(b);
    let (mut j, _) = session::start(dir.path(), s, &text, 5, Some("white")).unwrap();
    j.commit(&Entry::Seat {
        seat: "white".into(),
    })
    .unwrap();
    for to in 0..12u32 {
        let command = match to % 3 {
            0 => Command::Note {
                text: format!("note {to}"),
                objective: None,
                capability: None,
            },
            1 => Command::Adjudicate {
                ruling: Ruling::Roll {
                    chance: 0.5,
                    what: "the vendor answers".into(),
                },
                reason: "asked".into(),
            },
            _ => Command::DelayInject {
                inject: kunren::scenario::InjectId(0),
                ticks: 4,
            },
        };
        j.commit(&Entry::Command {
            tick: to.checked_sub(1),
            seat: None,
            command,
        })
        .unwrap();
        j.commit(&Entry::Step { to }).unwrap();
        if to == 6 {
            j.commit(&Entry::Pace { pace: 120 }).unwrap();
        }
    }
    std::fs::read(j.path()).unwrap()
}

// ---------------------------------------------------------------- mutations

/// Text an author (or an attacker) might put anywhere: numbers out of range, durations out of
/// range, path tricks, control characters, a byte-order mark, deep nesting.
const HOSTILE: &[&str] = &[
    "inf",
    "-inf",
    "NaN",
    "1e999",
    "-1",
    "4294967296",
    "18446744073709551616",
    "0",
    "\"2982616d\"",
    "\"0m\"",
    "\"9999-12-31T23:59:59Z\"",
    "\"../../../escaped\"",
    "\"/tmp/abs\"",
    "\"\u{1b}[2J\"",
    "\u{0}",
    "\u{feff}",
    "\"\"",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "All([All([All([All([All([All([All([All([Always])])])])])])])])",
    "Some(",
    ")",
    ",",
    "\n",
];

/// One edit; positions are fractions (of 10,000) of the text, so one strategy fits every base.
#[derive(Clone, Debug)]
enum Mutation {
    Delete(u32, u32),
    Duplicate(u32, u32),
    Insert(u32, String),
    Hostile(u32, usize),
    ReplaceToken(u32, usize),
    DeleteLine(u32),
    DuplicateLine(u32),
    SwapLines(u32, u32),
    FlipBit(u32, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0..10_000u32;
    prop_oneof![
        (at.clone(), 1..60u32).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (at.clone(), 1..60u32).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (at.clone(), "[ -~\n\u{1b}\u{0}é名]{0,10}").prop_map(|(a, s)| Mutation::Insert(a, s)),
        (at.clone(), 0..HOSTILE.len()).prop_map(|(a, h)| Mutation::Hostile(a, h)),
        (at.clone(), 0..HOSTILE.len()).prop_map(|(a, h)| Mutation::ReplaceToken(a, h)),
        at.clone().prop_map(Mutation::DeleteLine),
        at.clone().prop_map(Mutation::DuplicateLine),
        (at.clone(), at.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (at, 0..8u8).prop_map(|(a, b)| Mutation::FlipBit(a, b)),
    ]
}

fn pos(len: usize, frac: u32) -> usize {
    len * frac as usize / 10_000
}

/// Applies edits to bytes (text bases are edited as bytes too: a cut may split a character, as
/// a bad editor or a flipped bit would).
fn mutate(bytes: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for m in ms {
        let len = b.len();
        match m {
            Mutation::Delete(a, n) => {
                let a = pos(len, *a);
                let end = (a + *n as usize).min(len);
                b.drain(a..end);
            }
            Mutation::Duplicate(a, n) => {
                let a = pos(len, *a);
                let end = (a + *n as usize).min(len);
                let piece = b[a..end].to_vec();
                b.splice(end..end, piece);
            }
            Mutation::Insert(a, s) => {
                let a = pos(len, *a);
                b.splice(a..a, s.bytes());
            }
            Mutation::Hostile(a, h) => {
                let a = pos(len, *a);
                b.splice(a..a, HOSTILE[*h].bytes());
            }
            Mutation::ReplaceToken(a, h) => {
                // The token (a run of letters, digits, quotes and dots) at the position.
                let a = pos(len, *a).min(len.saturating_sub(1));
                let token = |c: &u8| c.is_ascii_alphanumeric() || b"\"._-:+".contains(c);
                let start = b[..a].iter().rposition(|c| !token(c)).map_or(0, |i| i + 1);
                let end = b[a..].iter().position(|c| !token(c)).map_or(len, |i| a + i);
                if start <= end {
                    b.splice(start..end, HOSTILE[*h].bytes());
                }
            }
            Mutation::DeleteLine(a) | Mutation::DuplicateLine(a) => {
                let lines = split_lines(&b);
                if lines.is_empty() {
                    continue;
                }
                let i = pos(lines.len(), *a).min(lines.len() - 1);
                let (s, e) = lines[i];
                if matches!(m, Mutation::DeleteLine(_)) {
                    b.drain(s..e);
                } else {
                    let line = b[s..e].to_vec();
                    b.splice(e..e, line);
                }
            }
            Mutation::SwapLines(x, y) => {
                let lines = split_lines(&b);
                if lines.len() < 2 {
                    continue;
                }
                let (i, j) = (
                    pos(lines.len(), *x).min(lines.len() - 1),
                    pos(lines.len(), *y).min(lines.len() - 1),
                );
                let (i, j) = (i.min(j), i.max(j));
                if i == j {
                    continue;
                }
                let (li, lj) = (lines[i], lines[j]);
                let mut out = b[..li.0].to_vec();
                out.extend_from_slice(&b[lj.0..lj.1]);
                out.extend_from_slice(&b[li.1..lj.0]);
                out.extend_from_slice(&b[li.0..li.1]);
                out.extend_from_slice(&b[lj.1..]);
                b = out;
            }
            Mutation::FlipBit(a, bit) => {
                if len > 0 {
                    let a = pos(len, *a).min(len - 1);
                    b[a] ^= 1 << bit;
                }
            }
        }
    }
    b
}

/// Each line's byte range, its end of line included.
fn split_lines(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in b.iter().enumerate() {
        if *c == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---------------------------------------------------------------- checks, one per kind

/// Every diagnostic names the file and a line and column inside the text.
fn located(text: &str, file: &str, errors: &Diagnostics) -> Result<(), TestCaseError> {
    prop_assert!(!errors.items.is_empty(), "an error without a problem");
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &errors.items {
        prop_assert_eq!(&d.file, file);
        prop_assert!(
            d.line >= 1 && d.line <= lines.len(),
            "line {} of {}: {}",
            d.line,
            lines.len(),
            d.message
        );
        let width = lines[d.line - 1].chars().count();
        prop_assert!(
            d.column >= 1 && d.column <= width + 1,
            "column {} of {} on line {}: {}",
            d.column,
            width,
            d.line,
            d.message
        );
        prop_assert!(!d.message.is_empty());
    }
    let _ = errors.to_string();
    Ok(())
}

fn check_scenario(file: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let source = text(bytes);
    if let Ok(p) = std::env::var("KUNREN_FUZZ_DUMP") {
        std::fs::write(p, &source).unwrap();
    }
    let parsed = within_budget("validating", || scenario::parse(&source, file))?;
    match parsed {
        Err(errors) => {
            // Positions count from after a byte-order mark.
            let shown = source.strip_prefix('\u{feff}').unwrap_or(&source);
            located(shown, file, &errors)
        }
        Ok(s) => {
            let s = Arc::new(s);
            within_budget("running and explaining", || {
                let sim = headless::run(&s, None, 1);
                let _ = kunren::summary::summarise(&sim, 1, None, 4).to_text();
                let _ = kunren::authoring::explain::explain(&s);
                let _ = kunren::authoring::lint::lint(&source, file);
            })
        }
    }
}

fn check_decisions(file: &str, bytes: &[u8], s: &Arc<Scenario>) -> Result<(), TestCaseError> {
    let source = text(bytes);
    let parsed = within_budget("validating", || scenario::parse_decisions(&source, file, s))?;
    match parsed {
        Err(errors) => {
            let shown = source.strip_prefix('\u{feff}').unwrap_or(&source);
            located(shown, file, &errors)
        }
        Ok(d) => within_budget("running", || {
            let _ = headless::run(s, Some(&d), 2);
        }),
    }
}

fn check_sheet(file: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let imported = within_budget("importing", || msel::import(bytes, file))?;
    match imported {
        Err(errors) => {
            prop_assert!(!errors.0.is_empty());
            for e in &errors.0 {
                prop_assert_eq!(&e.file, file);
                prop_assert!(e.row >= 1 && !e.message.is_empty(), "{}", e);
            }
            Ok(())
        }
        Ok(injects) => {
            let b = library::builtin(FLAGSHIP).unwrap();
            let merged = within_budget("merging", || msel::merge(b.source, b.path, &injects))?;
            if let Err(msel::MergeError::Invalid(d) | msel::MergeError::Scenario(d)) = merged {
                prop_assert!(!d.items.is_empty());
            }
            Ok(())
        }
    }
}

fn check_ratings(file: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let source = text(bytes);
    match within_budget("reading", || Ratings::parse(&source, file))? {
        Err(e) => {
            let said = e.to_string();
            prop_assert!(said.starts_with(file), "{said}");
            if let RatingsError::Syntax { line, column, .. } = e {
                prop_assert!(line >= 1 && column >= 1, "{said}");
            }
            Ok(())
        }
        Ok(r) => {
            if let Err(e) = r.check(&base().flagship, file) {
                prop_assert!(e.to_string().starts_with(file));
            }
            Ok(())
        }
    }
}

fn check_script(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("script.ron");
    std::fs::write(&path, bytes).unwrap();
    let s = base().minimal.clone();
    match within_budget("loading", || kunren::tui::script::load(&path, &s))? {
        Err(e) => {
            let said = e.to_string();
            prop_assert!(said.contains("script.ron"), "{said}");
            Ok(())
        }
        Ok(actions) => within_budget("playing", || {
            let mut app = kunren::tui::App::new(s, 3);
            app.open_at(kunren::tui::app::Seat::WhiteCell);
            kunren::tui::script::run(&mut app, &actions, Duration::ZERO);
        }),
    }
}

fn check_journal(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzzed.jsonl");
    std::fs::write(&path, bytes).unwrap();
    // Read-only first (replay, report), then a resume that cuts and continues.
    let restored = within_budget("restoring", || session::restore(&path))?;
    if let Ok(r) = &restored
        && let Some(d) = &r.damage
    {
        let lines = split_lines(bytes).len().max(1);
        prop_assert!(d.line >= 2 && d.line <= lines + 1, "{d} of {lines} lines");
    }
    if let Ok(resuming) = within_budget("resuming", || session::resume(&path))? {
        let (_, mut reopened) = resuming.reopen().expect("a temporary file can be cut");
        reopened.journal.commit(&Entry::Pause).unwrap();
        drop(reopened);
        // Whatever was cut, the journal now reads whole.
        let again = session::journal::read(&path).unwrap();
        prop_assert!(again.damage.is_none(), "{:?}", again.damage);
    }
    Ok(())
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn mutated_scenarios(which in 0..7usize, ms in prop::collection::vec(mutation(), 1..4)) {
        let base = base();
        // The small fixtures most of the time (cheap); the shipped scenarios too.
        let (file, source) = &base.scenarios[which % base.scenarios.len()];
        check_scenario(file, &mutate(source.as_bytes(), &ms))?;
    }
}

proptest! {
    #![proptest_config(config(250))]

    #[test]
    fn mutated_decisions(which in 0..64usize, ms in prop::collection::vec(mutation(), 1..4)) {
        let base = base();
        let (file, source, s) = &base.decisions[which % base.decisions.len()];
        check_decisions(file, &mutate(source.as_bytes(), &ms), s)?;
    }

    #[test]
    fn mutated_sheets(which in 0..8usize, ms in prop::collection::vec(mutation(), 1..4)) {
        let base = base();
        let (file, sheet) = &base.sheets[which % base.sheets.len()];
        check_sheet(file, &mutate(sheet.as_bytes(), &ms))?;
    }

    #[test]
    fn mutated_ratings(ms in prop::collection::vec(mutation(), 1..4)) {
        check_ratings("ratings.ron", &mutate(RATINGS.as_bytes(), &ms))?;
    }

    #[test]
    fn mutated_scripts(ms in prop::collection::vec(mutation(), 1..4)) {
        let script = SCRIPT.replace("odd-logins", &base().minimal.injects[0].id);
        check_script(&mutate(script.as_bytes(), &ms))?;
    }

    #[test]
    fn mutated_journals(ms in prop::collection::vec(mutation(), 1..4)) {
        check_journal(&mutate(&base().journal, &ms))?;
    }
}

proptest! {
    #![proptest_config(config(1200))]

    #[test]
    fn raw_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300), kind in 0..6usize) {
        let base = base();
        match kind {
            0 => check_scenario("raw.ron", &bytes)?,
            1 => check_decisions("raw.ron", &bytes, &base.flagship)?,
            2 => check_sheet("raw.csv", &bytes)?,
            3 => check_ratings("raw.ron", &bytes)?,
            4 => check_script(&bytes)?,
            _ => check_journal(&bytes)?,
        }
    }
}

/// Every input that ever failed, replayed through the check of its kind.
#[test]
fn regressions_are_replayed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut replayed = 0;
    for kind in std::fs::read_dir(&root).unwrap() {
        let kind = kind.unwrap().path();
        if !kind.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&kind).unwrap() {
            let case = case.unwrap().path();
            let bytes = std::fs::read(&case).unwrap();
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            let base = base();
            let result = match kind.file_name().unwrap().to_str().unwrap() {
                "scenario" => check_scenario(&name, &bytes),
                "decisions" => check_decisions(&name, &bytes, &base.flagship),
                "sheet" => check_sheet(&name, &bytes),
                "ratings" => check_ratings(&name, &bytes),
                "script" => check_script(&bytes),
                "journal" => check_journal(&bytes),
                other => panic!("unknown kind of regression: {other}"),
            };
            if let Err(e) = result {
                panic!("{}: {e}", case.display());
            }
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression files under {}", root.display());
}
