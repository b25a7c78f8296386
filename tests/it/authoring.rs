//! The authoring tools end to end: `new` writes a scenario that loads and plays to the end,
//! `explain` reads a scenario back (snapshot), and the three commands behave at the command line.

use std::sync::Arc;

use kunren::authoring::{explain, lint, template};
use kunren::scenario;

use crate::helpers::{kunren_in, manifest_dir, simulate, text};

#[test]
fn a_new_scenario_loads_lints_clean_and_plays_to_the_end() {
    let source = template::scenario("river-works").expect("a good name");
    let s = scenario::parse(&source, "river-works.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.meta.id, "river-works");
    assert!(s.meta.title.main().starts_with("river-works"));
    assert!(lint::all(&s).is_empty(), "{:?}", lint::all(&s));
    let s = Arc::new(s);
    for seed in 1..=5 {
        assert!(simulate(&s, None, seed).is_finished());
    }
}

#[test]
fn explain_the_minimal_fixture() {
    let source = include_str!("../fixtures/minimal.ron");
    let s = scenario::parse(source, "tests/fixtures/minimal.ron").unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!(explain::explain(&s));
}

#[test]
fn explain_reads_the_flagship() {
    let b = kunren::library::builtin(kunren::library::FLAGSHIP).expect("built in");
    let s = scenario::parse(b.source, b.path).unwrap_or_else(|e| panic!("{e}"));
    let out = explain::explain(&s);
    assert!(
        out.contains("5. encrypt T1486 Data Encrypted for Impact"),
        "{out}"
    );
    assert!(out.contains("└─ needs gate-tcb"), "{out}");
    assert!(out.contains("mlit-briefs-nco (mlit)"), "{out}");
}

#[test]
fn explain_draws_alternatives_and_a_reserve_around_a_cycle_once() {
    let b = kunren::library::builtin("water-prepositioning").expect("built in");
    let s = scenario::parse(b.source, b.path).unwrap_or_else(|e| panic!("{e}"));
    let out = explain::explain(&s);
    assert!(out.contains("├─ any of grid-feed ("), "{out}");
    assert!(out.contains("└─ any of generators ("), "{out}");
    assert!(out.contains("└─ reserve 12h pumps (see above)"), "{out}");
    assert_eq!(
        out.matches("pumps (Pumping-station control").count(),
        1,
        "the pumps are drawn once, though a reserve leads back to them: {out}"
    );
}

#[test]
fn new_writes_once_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("kunren-new-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let _ = std::fs::remove_file(dir.join("dam.ron"));
    let out = kunren_in(&["new", "dam"], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.join("dam.ron")).expect("written");
    let again = kunren_in(&["new", "dam"], &dir);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("dam.ron already exists"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("dam.ron")).ok(),
        Some(written)
    );
    let ok = kunren_in(&["validate", "dam.ron"], &dir);
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let clean = kunren_in(&["lint", "dam.ron"], &dir);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stderr));
    let copy = kunren_in(
        &["new", "my-port", "--from", "nagoya-port-ransomware"],
        &dir,
    );
    assert!(copy.status.success(), "{}", text(&copy.stderr));
    let copied = std::fs::read_to_string(dir.join("my-port.ron")).unwrap_or_default();
    let s = scenario::parse(&copied, "my-port.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.meta.id, "my-port");
    let bad = kunren_in(&["new", "no good"], &dir);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("cannot name a scenario"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lint_warns_with_place_and_fails_and_defers_to_validation() {
    let out = kunren_in(&["lint", "tests/fixtures/minimal.ron"], manifest_dir());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("tests/fixtures/minimal.ron:78:17"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no inject exercises objective \"o1\""),
        "{stderr}"
    );
    assert!(stderr.contains("lint: 1 warning in 1 file"), "{stderr}");
    let invalid = kunren_in(
        &["lint", "tests/broken/unknown_asset_ref.ron"],
        manifest_dir(),
    );
    assert_eq!(invalid.status.code(), Some(1));
    assert!(text(&invalid.stderr).contains("unknown asset \"nuts_db\""));
    let missing = kunren_in(&["lint", "no-such-scenario"], manifest_dir());
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("no scenario file \"no-such-scenario\""));
}

#[test]
fn explain_accepts_built_in_ids() {
    let out = kunren_in(&["explain", "nagoya-port-ransomware"], manifest_dir());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Port of Nagoya"));
}

/// Every shipped scenario passes its own design rules: each objective can be met and is cued by an
/// inject, every stage can be noticed, every people-played team has decisions in every phase.
#[test]
fn every_shipped_scenario_lints_clean() {
    for b in kunren::library::BUILTINS {
        let found = kunren::authoring::lint::lint(b.source, b.path)
            .unwrap_or_else(|d| panic!("{}: {d}", b.path));
        assert!(found.is_empty(), "{}:\n{found}", b.path);
    }
}
