//! The `kunren` binary as a user meets it: exit codes, what it prints, and that bad input gets
//! a clear message rather than a panic.

use crate::helpers::{kunren, kunren_with_data, text};

#[test]
fn validate_accepts_every_shipped_file() {
    let out = kunren(&[
        "validate",
        "scenarios/nagoya-port-ransomware.ron",
        "scenarios/nagoya-port-ransomware.historical.decisions.ron",
        "scenarios/nagoya-port-ransomware.prepared.decisions.ron",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.matches(": ok (").count(), 3, "{stdout}");
    assert!(stdout.contains("3 done beforehand"), "{stdout}");
}

#[test]
fn validate_names_file_line_column_problem_and_fix() {
    let out = kunren(&["validate", "tests/broken/unknown_asset_ref.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("tests/broken/unknown_asset_ref.ron:29:26"),
        "{stderr}"
    );
    assert!(
        stderr.contains(r#"unknown asset "nuts_db" in asset "tos""#),
        "{stderr}"
    );
    assert!(stderr.contains(r#"did you mean "nuts-db"?"#), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn validate_reports_every_file_and_fails_if_any_is_bad() {
    let out = kunren(&[
        "validate",
        "tests/broken/dependency_cycle.ron",
        "tests/fixtures/minimal.ron",
        "no-such-file.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(
        stdout.contains("tests/fixtures/minimal.ron: ok"),
        "{stdout}"
    );
    assert!(stderr.contains("cycle"), "{stderr}");
    assert!(stderr.contains("no-such-file.ron"), "{stderr}");
}

#[test]
fn run_prints_a_timeline_results_and_a_hash() {
    let out = kunren(&[
        "run",
        "nagoya-port-ransomware",
        "--decisions",
        "historical",
        "--seed",
        "3",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for section in [
        "TIMELINE",
        "OBJECTIVES",
        "SERVICES",
        "MEASURES",
        "FINAL STATE",
        "state hash ",
    ] {
        assert!(stdout.contains(section), "missing {section}");
    }
    assert!(
        stdout.contains("Encrypt every NUTS server: succeeded"),
        "{stdout}"
    );
}

#[test]
fn run_json_is_valid_and_repeatable() {
    let args = [
        "run",
        "scenarios/nagoya-port-ransomware.ron",
        "--decisions",
        "scenarios/nagoya-port-ransomware.prepared.decisions.ron",
        "--seed",
        "9",
        "--json",
    ];
    let a = kunren(&args);
    let b = kunren(&args);
    assert!(a.status.success(), "{}", text(&a.stderr));
    assert_eq!(a.stdout, b.stdout, "same inputs, byte-identical output");
    let json: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(json["scenario"], "nagoya-port-ransomware");
    assert_eq!(json["seed"], 9);
    assert_eq!(json["state_hash"].as_str().unwrap().len(), 16);
}

#[test]
fn the_console_without_a_terminal_says_what_to_do_instead() {
    for args in [
        &[][..],
        &["play"][..],
        &["play", "nagoya-port-ransomware", "--seed", "3"][..],
    ] {
        let out = kunren(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("the console needs a terminal"), "{stderr}");
        assert!(stderr.contains("kunren run"), "{stderr}");
    }
}

#[test]
fn bad_names_and_flags_get_a_clear_error() {
    let out = kunren(&["run", "no-such-scenario"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no built-in scenario of that name"),
        "{}",
        text(&out.stderr)
    );

    let out = kunren(&[
        "run",
        "nagoya-port-ransomware",
        "--decisions",
        "no-such-set",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("built-in sets: historical, prepared"),
        "{}",
        text(&out.stderr)
    );

    let out = kunren(&["run", "nagoya-port-ransomware", "--sample", "6 hours"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--sample"),
        "{}",
        text(&out.stderr)
    );

    let out = kunren(&[
        "run",
        "--decisions",
        "scenarios/nagoya-port-ransomware.historical.decisions.ron",
        "tests/fixtures/minimal.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not \"port-mini\""),
        "{}",
        text(&out.stderr)
    );

    let out = kunren(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
}

#[test]
fn report_writes_markdown_and_html_and_refuses_bad_input() {
    let dir = std::env::temp_dir().join(format!("kunren-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("aar.html");
    let out = kunren(&[
        "report",
        "nagoya-port-ransomware",
        "--decisions",
        "historical",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<svg") && page.contains("Improvement plan"),
        "an HTML report with charts"
    );
    let out = kunren(&["report", "nagoya-port-ransomware", "--seed", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("| Issue |") || text(&out.stdout).contains("Improvement plan"),
        "Markdown on stdout"
    );
    let out = kunren(&[
        "report",
        "nagoya-port-ransomware",
        "--ratings",
        "no-such-ratings.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no-such-ratings.ron"),
        "{}",
        text(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_played_session_can_be_reported_by_name() {
    let dir = std::env::temp_dir().join(format!("kunren-report-session-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("script.ron");
    std::fs::write(
        &script,
        r#"[Line("note Gate staff reported queues at 07:00"), Until(200)]"#,
    )
    .unwrap();
    let sessions = dir.join("sessions");
    let out = kunren(&[
        "play",
        "nagoya-port-ransomware",
        "--script",
        script.to_str().unwrap(),
        "--session-dir",
        sessions.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let journal = std::fs::read_dir(&sessions)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let name = journal.file_stem().unwrap().to_str().unwrap().to_string();
    let out = kunren(&["report", &name, "--session-dir", sessions.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(
        md.contains("Gate staff reported queues at 07:00"),
        "the facilitator's note is in the report:\n{md}"
    );
    assert!(md.contains(&format!("session {name}")), "{md}");
    let out = kunren(&["report", journal.to_str().unwrap(), "--format", "html"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("<svg"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every kind of error a command can stop with, word for word (standard error whole, with its
/// hints): the messages the typed `cli::Error` prints, pinned so that a refactoring cannot
/// change one unseen. Paths under the throwaway directories are shown as DIR and DATA.
#[test]
fn every_error_reads_as_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "bad.ratings.ron",
        r#"Ratings(objectives: {"a": (rating: Q)})"#,
    );
    write(
        "unknown.ratings.ron",
        r#"Ratings(objectives: {"nope": (rating: S)})"#,
    );
    write("exists.ron", "");
    write(
        "orphan.decisions.ron",
        r#"Decisions(scenario: "nowhere", decisions: [])"#,
    );
    let cases: Vec<Vec<String>> = [
        "run nope",
        "run nagoya-port-ransomware --decisions nope",
        "run tests/fixtures/minimal.ron --decisions nope",
        "run nagoya-port-ransomware --sample bogus",
        "report nagoya-port-ransomware --timeline bogus",
        "report nagoya-port-ransomware --ratings DIR/bad.ratings.ron",
        "report nagoya-port-ransomware --ratings DIR/unknown.ratings.ron",
        "report nagoya-port-ransomware --ratings DIR/missing.ratings.ron",
        "report iot-botnet -o DIR/no/such/dir/r.md",
        "validate DIR/orphan.decisions.ron DIR/missing.ron",
        "new x --from nope",
        "new -o DIR/exists.ron x",
        "new bad!name",
        "msel export iot-botnet -o DIR/exists.ron",
        "lint nope scenarios/iot-botnet.passive.decisions.ron",
        "explain nope",
        "play",
        "play nagoya-port-ransomware --seat nope --script DIR/none.ron",
        "resume",
        "replay nope",
        "compare a b",
    ]
    .iter()
    .map(|c| c.split(' ').map(|a| a.replace("DIR", d)).collect())
    .collect();
    let mut pinned = String::new();
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = kunren_with_data(&args, data.path());
        let stderr = text(&out.stderr)
            .replace(d, "DIR")
            .replace(data.path().to_str().unwrap(), "DATA");
        pinned.push_str(&format!(
            "$ kunren {}\nexit {:?}\nstdout: {}\n{stderr}\n",
            args.join(" ").replace(d, "DIR"),
            out.status.code(),
            text(&out.stdout).replace(d, "DIR").trim_end()
        ));
    }
    insta::assert_snapshot!(pinned);
}

/// A reader that goes away before the output is written (`kunren run | head -1`, `| grep -q`)
/// ends the command quietly and successfully; before, printing panicked with a backtrace.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [
        &["run", "osaka-hospital-ransomware"][..],
        &["run", "multinational-drill", "--json"],
        &["explain", "multinational-drill"],
    ] {
        let mut child = crate::helpers::kunren_command()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the run has printed anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = text(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?}\n{err}", out.status);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
