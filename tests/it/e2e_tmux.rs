//! The real binary in a real terminal: tmux runs `kunren play`, keys go in with send-keys, the
//! screen comes back with capture-pane. `.ci/run` installs tmux and sets CI; elsewhere, without
//! tmux, each test prints "SKIPPED: tmux not installed" and returns (with CI set, it fails).

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    session: String,
}

impl Tmux {
    /// Runs kunren with `args` in a new session; a wrapper prints its exit status when it ends.
    fn start(name: &str, args: &[&str], width: u16, height: u16) -> Tmux {
        let session = format!("kunren-e2e-{name}-{}", std::process::id());
        let bin = env!("CARGO_BIN_EXE_kunren");
        // Sessions go to a throwaway directory, never the user's own; set in the command itself
        // because tmux does not pass the client's environment to the program it starts.
        let data = std::env::temp_dir().join(&session);
        let command = format!(
            "KUNREN_DATA_DIR={} NO_COLOR=1 {bin} {}; echo exit=$?; sleep 60",
            data.display(),
            args.join(" ")
        );
        let ok = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .arg(&command)
            .status()
            .expect("tmux runs")
            .success();
        assert!(ok, "tmux could not start the console");
        Tmux { session }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            tmux(&["send-keys", "-t", &self.session, k]);
            sleep(Duration::from_millis(120));
        }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`, or fails with what it shows.
    fn wait_for(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "never showed {text:?}; the screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

fn tmux(args: &[&str]) {
    let _ = Command::new("tmux").args(args).status();
}

/// Whether tmux is here. Without it a test returns early and says so on the terminal (libtest
/// has no runtime skip); under CI (`CI` set and not "false") a missing tmux fails the test.
fn have_tmux() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(!ci, "tmux is missing: .ci/run should have installed it");
        skipped("tmux not installed");
    }
    found
}

/// Says that a test did not do its job, past libtest's capture of `eprintln!` (which would hide
/// the line of a passing test).
fn skipped(why: &str) {
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}: {test} did not run");
}

#[test]
fn the_console_plays_a_few_moves_and_quits_cleanly() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start("moves", &["play", "nagoya-port-ransomware"], 110, 32);
    t.wait_for("Take a seat");
    // The white cell: run to the first inject, look at the MSEL, open the help, quit.
    t.keys(&["Enter"]);
    t.wait_for("1 Board");
    t.keys(&["]"]);
    t.wait_for("07:30");
    t.keys(&[":step 10", "Enter"]);
    t.wait_for("Mon 03 Jul 10:00");
    t.keys(&["2"]);
    let msel = t.wait_for("MSEL");
    assert!(msel.contains("sent Mon 03 Jul 10:00"), "{msel}");
    t.keys(&["?"]);
    t.wait_for("Keys (any key closes)");
    t.keys(&["Escape"]);
    // Hot seat: take the operator's seat and look at its inbox.
    t.keys(&["S", "Down", "Enter"]);
    let inbox = t.wait_for("1 Inbox");
    assert!(
        inbox.contains("Advisory"),
        "the operator was sent the advisory:\n{inbox}"
    );
    assert!(
        !inbox.contains("LockBit 3.0 intrusion"),
        "no ground truth in a team seat:\n{inbox}"
    );
    // A resize never crashes.
    tmux(&["resize-window", "-t", &t.session, "-x", "70", "-y", "20"]);
    t.wait_for("kunren needs at least 80x24");
    tmux(&["resize-window", "-t", &t.session, "-x", "110", "-y", "32"]);
    t.wait_for("1 Inbox");
    // q asks first while the exercise runs; y confirms.
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    let after = t.wait_for("exit=0");
    assert!(
        after.contains("Left the console at"),
        "the terminal is back to normal text:\n{after}"
    );
}

#[test]
fn ctrl_c_quits_at_once_and_restores_the_terminal() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start(
        "ctrl-c",
        &["play", "nagoya-port-ransomware", "--seat", "white"],
        100,
        30,
    );
    t.wait_for("1 Board");
    t.keys(&["C-c"]);
    let after = t.wait_for("exit=0");
    assert!(after.contains("Left the console at"), "{after}");
    assert!(
        !after.contains("1 Board"),
        "the alternate screen is gone:\n{after}"
    );
}

#[test]
fn a_session_is_replayed_read_only_and_branched_in_a_real_terminal() {
    if !have_tmux() {
        return;
    }
    // The session to replay, played by a script into the directory the tmux session will use.
    let name = "replay";
    let data = std::env::temp_dir().join(format!("kunren-e2e-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&data).unwrap();
    let script = data.join("script.ron");
    std::fs::write(
        &script,
        r#"[Command(Note(text: "the room is ready", objective: None)), Until(60)]"#,
    )
    .unwrap();
    let played = crate::helpers::kunren_command()
        .args(["play", "nagoya-port-ransomware", "--script"])
        .arg(&script)
        .env("KUNREN_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(
        played.status.success(),
        "{}",
        String::from_utf8_lossy(&played.stderr)
    );

    let t = Tmux::start(name, &["replay"], 120, 32);
    t.wait_for("REPLAY  tick 0 of 576 (recorded up to 60)");
    t.keys(&[":40", "Enter"]);
    t.wait_for("REPLAY  tick 40 of");
    t.keys(&[","]);
    t.wait_for("REPLAY  tick 39 of");
    t.keys(&["f"]);
    t.wait_for("read-only replay");
    t.keys(&["b"]);
    t.wait_for("-branch-39 of");
    t.keys(&["q"]);
    t.wait_for("Quit?");
    t.keys(&["y"]);
    let after = t.wait_for("exit=0");
    assert!(after.contains("-branch-39 is saved"), "{after}");
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn an_exercise_runs_to_endex_is_rated_and_hot_washed_and_reported_from_the_console() {
    if !have_tmux() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("aar.html");
    let t = Tmux::start(
        "endex",
        &["play", "nagoya-port-ransomware", "--seat", "white"],
        120,
        32,
    );
    t.wait_for("1 Board");
    // To the end: the console turns to the hot wash by itself.
    t.keys(&[":step 1000", "Enter"]);
    let hot_wash = t.wait_for("ENDEX. Hot wash");
    assert!(hot_wash.contains("Said at the hot wash"), "{hot_wash}");
    // A strength for the operator (the first team), typed in the dialog.
    t.keys(&["s"]);
    t.wait_for("Strength of");
    t.keys(&["Gate plan held under pressure", "Enter"]);
    t.wait_for("• Gate plan held under pressure");
    // A rating on the Evaluate screen: the first objective, S, with a comment.
    t.keys(&["8"]);
    t.wait_for("Evaluate (r rate");
    t.keys(&["r"]);
    t.wait_for("P (performed without challenges)");
    t.keys(&["Down", "Enter"]);
    t.wait_for("comment (Enter for none)");
    t.keys(&["called late but complete", "Enter"]);
    t.wait_for("Rated S: called late but complete.");
    // The report, written without leaving the console.
    t.keys(&[&format!(":report html {}", report.display()), "Enter"]);
    t.wait_for("Wrote the after-action report");
    let page = std::fs::read_to_string(&report).unwrap();
    assert!(page.contains("Gate plan held under pressure"), "{page}");
    assert!(page.contains("called late but complete"), "{page}");
    // The exercise has ended: q quits at once.
    t.keys(&["q"]);
    t.wait_for("exit=0");
}

/// In a real terminal with the clock running: a command is acknowledged at once on the status
/// line, and a window too small holds the clock (and says so) until it is large enough again.
#[test]
fn a_running_console_acknowledges_commands_and_holds_for_a_small_window() {
    if !have_tmux() {
        return;
    }
    let t = Tmux::start(
        "running",
        &["play", "nagoya-port-ransomware", "--seat", "white"],
        120,
        32,
    );
    t.wait_for("1 Board");
    t.keys(&["2", "Space"]);
    t.wait_for("h per minute");
    t.keys(&["f"]);
    t.wait_for("Queued for the next tick: fire \"Advisory: VPN appliances used as a way in\"");
    tmux(&["resize-window", "-t", &t.session, "-x", "70", "-y", "20"]);
    t.wait_for("The clock is paused");
    tmux(&["resize-window", "-t", &t.session, "-x", "120", "-y", "32"]);
    let back = t.wait_for("1 Board");
    assert!(back.contains("h per minute"), "runs on as it was:\n{back}");
    t.keys(&["C-c"]);
    t.wait_for("exit=0");
}
