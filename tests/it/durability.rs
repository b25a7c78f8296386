//! Nothing lost (issue #10): damaged copies are numbered and never overwritten, resume locks the
//! journal before it reads it, a duplicated or deleted line is damage, an empty, read-only or
//! linked journal is explained and left alone, and files kunren writes are replaced atomically.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

use kunren::command::Command;
use kunren::session::{self, Entry, Header, OpenError, Problem, SessionError, Source};

const FLAGSHIP: &str = "nagoya-port-ransomware";

fn kunren(args: &[&str], data: &Path) -> Output {
    Process::new(env!("CARGO_BIN_EXE_kunren"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("KUNREN_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A flagship session journal in `dir` with a note and `steps` steps, as the console writes it.
fn flagship_session(dir: &Path, steps: u32) -> PathBuf {
    let b = kunren::library::builtin(FLAGSHIP).unwrap();
    let scenario = kunren::scenario::parse(b.source, b.path).unwrap();
    let text = session::ScenarioText::builtin(b);
    let (mut journal, _) = session::start(dir, &scenario, &text, 3, Some("white")).unwrap();
    for to in 0..steps {
        journal
            .commit(&Entry::Command {
                tick: to.checked_sub(1),
                seat: None,
                command: Command::Note {
                    text: format!("note {to}"),
                    objective: None,
                    capability: None,
                },
            })
            .unwrap();
        journal.commit(&Entry::Step { to }).unwrap();
    }
    journal.path().to_path_buf()
}

fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

fn flip(path: &Path, line: usize) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let at = line_starts(&bytes)[line - 1] + 12;
    bytes[at] ^= 0x01;
    std::fs::write(path, &bytes).unwrap();
    bytes
}

/// `session::resume`, waiting out a lock held for an instant by a child process another test
/// forks (a forked child shares the open file, and so its lock, until it execs).
fn resume(path: &Path) -> session::Resuming {
    let start = std::time::Instant::now();
    loop {
        match session::resume(path) {
            Err(SessionError::Open(OpenError::Busy { .. }))
                if start.elapsed() < std::time::Duration::from_secs(5) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.unwrap_or_else(|e| panic!("{e}")),
        }
    }
}

fn resume_and_continue(path: &Path) -> Option<PathBuf> {
    let (_, reopened) = resume(path).reopen().unwrap();
    reopened.damaged_copy
}

#[test]
fn a_second_resume_of_a_damaged_journal_keeps_the_first_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = flagship_session(dir.path(), 20);
    let first = flip(&path, 10);
    let copy1 = resume_and_continue(&path).expect("the damaged file was kept");
    assert_eq!(std::fs::read(&copy1).unwrap(), first);
    assert_eq!(copy1, path.with_extension("jsonl.damaged"));

    let second = flip(&path, 5);
    let copy2 = resume_and_continue(&path).expect("kept again");
    assert_ne!(copy1, copy2);
    assert_eq!(copy2, path.with_extension("jsonl.damaged.2"));
    assert_eq!(
        std::fs::read(&copy1).unwrap(),
        first,
        "the first copy is untouched"
    );
    assert_eq!(std::fs::read(&copy2).unwrap(), second);
    // What was cut is still all there: the 20 notes are in the first copy.
    let kept = session::journal::parse(&first).unwrap();
    assert!(kept.damage.is_some());
    assert_eq!(text(&first).matches("\"note ").count(), 20);
}

#[test]
fn resume_locks_the_journal_before_it_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = flagship_session(dir.path(), 3);
    let held = resume(&path);
    // A second resume started while the first holds it is refused before it reads anything.
    match session::resume(&path) {
        Err(SessionError::Open(OpenError::Busy { .. })) => {}
        Err(e) => panic!("wrong refusal: {e}"),
        Ok(_) => panic!("a second resume got the journal"),
    }
    let (_, mut reopened) = held.reopen().unwrap();
    reopened
        .journal
        .commit(&Entry::Command {
            tick: Some(2),
            seat: None,
            command: Command::Note {
                text: "given by the first".into(),
                objective: None,
                capability: None,
            },
        })
        .unwrap();
    assert!(session::resume(&path).is_err(), "still held");
    drop(reopened);
    let again = resume(&path);
    assert_eq!(again.restored.damage, None);
    assert_eq!(again.restored.submitted.len(), 4, "nothing dropped");
}

#[test]
fn two_resumes_started_together_never_drop_commands() {
    let data = tempfile::tempdir().unwrap();
    let sessions = data.path().join("sessions");
    let path = flagship_session(&sessions, 2);
    let script = data.path().join("script.ron");
    std::fs::write(
        &script,
        "[Line(\"note one\"), Line(\"note two\"), Step(3), Line(\"note three\")]",
    )
    .unwrap();
    let name = path.file_stem().unwrap().to_str().unwrap().to_string();
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (data, name, script) = (
                data.path().to_path_buf(),
                name.clone(),
                script.to_str().unwrap().to_string(),
            );
            std::thread::spawn(move || {
                kunren(
                    &[
                        "resume",
                        &name,
                        "--script",
                        &script,
                        "--step-delay-ms",
                        "30",
                    ],
                    &data,
                )
            })
        })
        .collect();
    let outs: Vec<Output> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = outs.iter().filter(|o| o.status.success()).count();
    for o in outs.iter().filter(|o| !o.status.success()) {
        assert!(
            text(&o.stderr).contains("open in another kunren console"),
            "{}",
            text(&o.stderr)
        );
    }
    assert!(ok >= 1);
    let c = session::journal::read(&path).unwrap();
    assert_eq!(c.damage, None);
    let notes = c
        .entries
        .iter()
        .filter(|l| matches!(l.entry, Entry::Command { .. }))
        .count();
    // Two notes from the start, three from each resume that ran: none dropped.
    assert_eq!(notes, 2 + 3 * ok, "{:#?}", c.entries);
    assert!(!path.with_extension("jsonl.damaged").exists());
}

#[test]
fn a_duplicated_or_deleted_line_is_reported_as_damage_on_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = flagship_session(dir.path(), 6);
    let bytes = std::fs::read(&path).unwrap();
    let starts = line_starts(&bytes);
    let line5 = &bytes[starts[4]..starts[5]];
    let mut duplicated = bytes[..starts[5]].to_vec();
    duplicated.extend_from_slice(line5);
    duplicated.extend_from_slice(&bytes[starts[5]..]);
    std::fs::write(&path, &duplicated).unwrap();
    let r = session::restore(&path).unwrap();
    let d = r.damage.expect("the repeated line is found");
    assert_eq!(d.line, 6);
    assert!(matches!(d.problem, Problem::Sequence { .. }), "{d}");

    let mut deleted = bytes[..starts[4]].to_vec();
    deleted.extend_from_slice(&bytes[starts[5]..]);
    std::fs::write(&path, &deleted).unwrap();
    let d = session::restore(&path).unwrap().damage.unwrap();
    assert_eq!(d.line, 5);
    assert!(matches!(d.problem, Problem::Sequence { .. }), "{d}");
}

#[test]
fn a_format_1_journal_still_resumes_and_continues_unnumbered() {
    let dir = tempfile::tempdir().unwrap();
    let b = kunren::library::builtin(FLAGSHIP).unwrap();
    let text_ = session::ScenarioText::builtin(b);
    let header = Header {
        format: 1,
        kunren: "0.1.0".into(),
        scenario: FLAGSHIP.into(),
        source: Source::Builtin(FLAGSHIP.into()),
        sha256: text_.sha256(),
        seed: 1,
        started: "2026-01-01T00:00:00Z".into(),
        seat: None,
        end_tick: 576,
        branch: None,
    };
    // Written as kunren wrote format 1: `CRC JSON` on every line.
    let line = |json: String| format!("{:08x} {json}\n", crc32fast::hash(json.as_bytes()));
    let mut file = line(serde_json::to_string(&header).unwrap());
    file += &line(serde_json::to_string(&Entry::Step { to: 0 }).unwrap());
    file += &line(serde_json::to_string(&Entry::Step { to: 1 }).unwrap());
    let path = dir.path().join("old.jsonl");
    std::fs::write(&path, &file).unwrap();
    let (restored, mut reopened) = resume(&path).reopen().unwrap();
    assert_eq!(restored.sim.tick(), Some(1));
    assert_eq!(restored.damage, None);
    reopened.journal.commit(&Entry::Step { to: 2 }).unwrap();
    drop(reopened);
    let c = session::journal::read(&path).unwrap();
    assert_eq!(c.damage, None);
    assert_eq!(c.last_tick(), Some(2));
    assert_eq!(c.header.format, 1);
}

#[test]
fn a_new_journal_is_never_empty_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = flagship_session(dir.path(), 0);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let c = session::journal::read(&path).unwrap();
    assert_eq!(c.header.format, session::journal::FORMAT);
}

#[test]
fn an_empty_journal_is_explained_and_listed() {
    let data = tempfile::tempdir().unwrap();
    let sessions = data.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("killed.jsonl"), b"").unwrap();
    let out = kunren(&["resume", "killed"], data.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("stopped before its first line was written") && err.contains("kunren play"),
        "{err}"
    );
    let out = kunren(&["sessions"], data.path());
    assert!(
        text(&out.stdout).contains("empty: stopped before"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_read_only_journal_is_left_alone_and_told_so() {
    let data = tempfile::tempdir().unwrap();
    let sessions = data.path().join("sessions");
    let path = flagship_session(&sessions, 4);
    let damaged = flip(&path, 6);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let name = path.file_stem().unwrap().to_str().unwrap();
    let empty = data.path().join("empty.ron");
    std::fs::write(&empty, "[]").unwrap();
    let out = kunren(
        &["resume", name, "--script", empty.to_str().unwrap()],
        data.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("cannot be opened for writing"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(
        !err.contains("cut back") && !err.contains(".damaged"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), damaged);
    assert!(!path.with_extension("jsonl.damaged").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_journal_is_not_followed() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = data.path().join("elsewhere");
    let target = flagship_session(&elsewhere, 4);
    let damaged = flip(&target, 6);
    let sessions = data.path().join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    let link = sessions.join("linked.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let empty = data.path().join("empty.ron");
    std::fs::write(&empty, "[]").unwrap();
    let out = kunren(
        &["resume", "linked", "--script", empty.to_str().unwrap()],
        data.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(
        std::fs::read(&target).unwrap(),
        damaged,
        "the target is not cut"
    );
    assert!(std::fs::read_dir(&elsewhere).unwrap().count() == 1);
}

/// `msel import --into` on a disk that takes no more bytes (a file size limit stands in for a full
/// disk): the scenario is left whole and the message says the write failed.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_merge_write_leaves_the_scenario_whole_and_says_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = include_str!("../../scenarios/iot-botnet.ron");
    std::fs::write(dir.path().join("s.ron"), scenario).unwrap();
    let export = Process::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["msel", "export", "s.ron", "-o", "m.csv"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", text(&export.stderr));
    let sheet = std::fs::read_to_string(dir.path().join("m.csv")).unwrap();
    let changed = sheet + "zz,2h,isp,isp,Phone,A new call,Hello,,,,\n";
    std::fs::write(dir.path().join("m.csv"), changed).unwrap();
    assert!(scenario.len() > 4096);
    // 4 KiB at most per file, and the signal for exceeding it ignored: writes fail with EFBIG.
    let out = Process::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 4; exec \"$0\" msel import m.csv --into s.ron",
            env!("CARGO_BIN_EXE_kunren"),
        ])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot write") && err.contains("s.ron"),
        "{err}"
    );
    assert!(!err.contains("cannot read"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("s.ron")).unwrap(),
        scenario
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "no temporary file is left: {left:?}");
}

#[test]
fn a_journal_name_that_is_not_a_plain_file_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("sessions");
    let header = Header {
        format: session::journal::FORMAT,
        kunren: "test".into(),
        scenario: "s".into(),
        source: Source::Builtin("s".into()),
        sha256: "0".into(),
        seed: 1,
        started: "2026-01-01T00:00:00Z".into(),
        seat: None,
        end_tick: 10,
        branch: None,
    };
    for bad in ["../escaped", "/tmp/abs", ".hidden", ""] {
        assert!(
            session::Journal::create(&inner, bad, &header).is_err(),
            "{bad}"
        );
    }
    assert!(!dir.path().join("escaped.jsonl").exists());
    let (_, name) = session::Journal::create(&inner, "ok-name_1.2", &header).unwrap();
    assert_eq!(name, "ok-name_1.2");
}
