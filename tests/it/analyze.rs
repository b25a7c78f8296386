//! `kunren analyze` through the real binary: sharded and merged equals unsharded byte for byte,
//! the JSON's shape, the errors, and `kunren lint --deep` finding what only runs can show.

use std::path::Path;

use crate::helpers::{kunren, text};

const COIN: &str = "tests/fixtures/analysis.ron";

fn ok(args: &[&str]) -> Vec<u8> {
    let out = kunren(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    out.stdout
}

fn slices(dir: &Path, base: &[&str], n: u64) -> Vec<String> {
    (1..=n)
        .map(|k| {
            let file = dir.join(format!("part-{k}.json")).display().to_string();
            let shard = format!("{k}/{n}");
            let mut args = base.to_vec();
            args.extend(["--shard", &shard, "-o", &file]);
            ok(&args);
            file
        })
        .collect()
}

#[test]
fn shards_merged_print_exactly_what_the_unsharded_run_prints() {
    let dir = tempfile::tempdir().unwrap();
    let base = ["analyze", COIN, "--seeds", "3..=13", "--threads", "2"];
    // Three slices written in reverse order of the seeds do not matter; nor does one empty slice.
    let mut parts = slices(dir.path(), &base, 3);
    parts.reverse();
    for (flag, name) in [(None, ""), (Some("--json"), "")]
        .into_iter()
        .chain([(None, "a.html"), (None, "a.md")])
    {
        let mut whole: Vec<&str> = base.to_vec();
        let mut merged: Vec<&str> = vec!["analyze", "merge"];
        merged.extend(parts.iter().map(String::as_str));
        whole.extend(flag);
        merged.extend(flag);
        if name.is_empty() {
            assert_eq!(text(&ok(&whole)), text(&ok(&merged)), "{flag:?}");
        } else {
            let (w, m) = (dir.path().join(format!("w-{name}")), dir.path().join(name));
            let (w, m) = (w.display().to_string(), m.display().to_string());
            ok(&[whole.as_slice(), &["-o", &w]].concat());
            ok(&[merged.as_slice(), &["-o", &m]].concat());
            let (w, m) = (std::fs::read(&w).unwrap(), std::fs::read(&m).unwrap());
            assert!(!w.is_empty());
            assert_eq!(w, m, "{name}");
            if name.ends_with(".html") {
                let page = text(&w);
                let options = roxmltree::ParsingOptions {
                    allow_dtd: true,
                    ..Default::default()
                };
                let doc = roxmltree::Document::parse_with_options(&page, options)
                    .unwrap_or_else(|e| panic!("not well-formed: {e}"));
                let bars = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
                assert_eq!(bars, 12, "one histogram of 12 bins for the one service");
            }
        }
    }
    // More slices than seeds leaves some empty; the merge is still exact.
    let many = slices(&dir.path().join("."), &["analyze", COIN, "--runs", "2"], 4);
    let mut merged = vec!["analyze", "merge"];
    merged.extend(many.iter().map(String::as_str));
    assert_eq!(ok(&merged), ok(&["analyze", COIN, "--runs", "2"]));
}

#[test]
fn the_json_has_every_section_for_every_set() {
    let out = ok(&[
        "analyze",
        "nagoya-port-ransomware",
        "--runs",
        "2",
        "--decisions",
        "historical",
        "passive",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["scenario"], "nagoya-port-ransomware");
    assert_eq!(v["seeds"], serde_json::json!({"first": 1, "last": 2}));
    let sets = v["sets"].as_array().unwrap();
    assert_eq!(
        sets.iter().map(|s| s["name"].clone()).collect::<Vec<_>>(),
        ["historical", "passive"]
    );
    for s in sets {
        assert_eq!(s["runs"], 2);
        for key in [
            "objectives",
            "services",
            "measures",
            "stages",
            "detections",
            "injects",
            "actions",
            "conditional_injects_never_fired",
            "actions_never_taken",
            "objectives_never_met",
            "objectives_always_met",
            "decisive",
        ] {
            assert!(s[key].is_array(), "{key}");
        }
        let o = &s["objectives"][0];
        assert!(o["met"]["rate"].is_f64() && o["ratings"].as_array().unwrap().len() == 5);
        let svc = &s["services"][0];
        for k in ["p5", "median", "p95"] {
            assert!(svc["outage_hours"][k].is_f64(), "{svc}");
            assert!(svc["lost_service_hours"][k].is_f64(), "{svc}");
        }
    }
    // The historical response meets every objective of the flagship; the passive one does not.
    assert_eq!(sets[0]["objectives_never_met"], serde_json::json!([]));
    assert!(
        !sets[1]["objectives_never_met"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn every_run_record_goes_to_the_jsonl_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("runs.jsonl").display().to_string();
    ok(&["analyze", COIN, "--runs", "3", "--jsonl", &file]);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["set"], "none");
    assert_eq!(lines[2]["run"]["seed"], 3);
}

#[test]
fn bad_arguments_say_what_to_write() {
    let out = kunren(&["analyze", COIN, "--seeds", "9..3"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("write A..B (B left out) or A..=B"));
    let out = kunren(&["analyze", COIN, "--shard", "4/3"]);
    assert!(text(&out.stderr).contains("write K/N with 1 <= K <= N"));
    let out = kunren(&["analyze", COIN, "-o", "x.pdf"]);
    assert!(text(&out.stderr).contains("FILE.html, FILE.md, FILE.json or FILE.txt"));
    let dir = tempfile::tempdir().unwrap();
    let parts = slices(dir.path(), &["analyze", COIN, "--runs", "4"], 2);
    let out = kunren(&["analyze", "merge", &parts[1]]);
    assert!(
        text(&out.stderr).contains("slice 1/2 is missing"),
        "{}",
        text(&out.stderr)
    );
    let out = kunren(&["analyze", "merge", &parts[0], &parts[0], &parts[1]]);
    assert!(text(&out.stderr).contains("slice 1/2 is given twice"));
}

#[test]
fn lint_deep_finds_the_objective_no_run_meets_at_its_line() {
    let out = kunren(&["lint", COIN]);
    let plain = text(&out.stderr);
    assert!(!plain.contains("deep-"), "{plain}");
    let out = kunren(&["lint", "--deep", "--deep-runs", "20", COIN]);
    assert!(!out.status.success());
    let deep = text(&out.stderr);
    assert!(
        deep.contains(
            "objective \"contain\" was met in none of 20 runs (none) [deep-objective-never-met]"
        ),
        "{deep}"
    );
    // The id of the objective "contain" is on line 86, column 17.
    let at = deep.find("deep-objective-never-met").unwrap();
    assert!(
        deep[at..].contains("tests/fixtures/analysis.ron:86:17"),
        "{deep}"
    );
    assert!(deep.contains("inject \"isolated\" went out in none of 20 runs"));
    assert!(deep.contains("action \"isolate\" was completed in none of 20 runs"));
    assert!(deep.contains("[deep-objective-always-met]"));
}
