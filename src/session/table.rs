//! The table of sessions `kunren sessions` prints: name, scenario, start, how far each got, and
//! its state (with the session it branched from).

use std::fmt::Write;
use std::path::Path;

use super::Listed;

/// The whole listing of `dir`, or what to do when it holds no session.
pub fn table(dir: &Path, all: &[Listed]) -> String {
    let mut out = String::new();
    if all.is_empty() {
        let _ = writeln!(
            out,
            "No sessions in {}. `kunren play` starts one.",
            dir.display()
        );
        return out;
    }
    let _ = writeln!(
        out,
        "Sessions in {} (the last is what `kunren resume` opens):",
        dir.display()
    );
    let width = all.iter().map(|l| l.name.len()).max().unwrap_or(4).max(4);
    let _ = writeln!(
        out,
        "{:<width$}  {:<26}  {:<20}  {:>11}  STATE",
        "NAME", "SCENARIO", "STARTED (UTC)", "TICKS"
    );
    for l in all {
        let (scenario, started, length) = match &l.header {
            Some(h) => (
                h.scenario.clone(),
                h.started.get(..19).unwrap_or(&h.started).replace('T', " "),
                format!(
                    "{}/{}",
                    l.reached.map_or("-".to_string(), |t| t.to_string()),
                    h.end_tick
                ),
            ),
            None => ("?".into(), "?".into(), "?".into()),
        };
        let branch = l.header.as_ref().and_then(|h| h.branch.as_ref());
        let branch = branch.map_or(String::new(), |b| {
            format!(
                "  (branch of {} at tick {})",
                b.parent,
                b.tick.map_or("-".into(), |t| t.to_string())
            )
        });
        let _ = writeln!(
            out,
            "{:<width$}  {scenario:<26}  {started:<20}  {length:>11}  {}{branch}",
            l.name, l.state
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Branch, Header, State};
    use std::path::PathBuf;
    use std::time::SystemTime;

    fn listed(name: &str, header: Option<Header>, reached: Option<u32>, state: State) -> Listed {
        Listed {
            name: name.into(),
            path: PathBuf::from(format!("{name}.jsonl")),
            header,
            reached,
            state,
            modified: SystemTime::UNIX_EPOCH,
        }
    }

    fn header(branch: Option<Branch>) -> Header {
        Header {
            format: 1,
            kunren: "0.1.0".into(),
            scenario: "nagoya-port-ransomware".into(),
            source: crate::session::Source::Builtin("nagoya-port-ransomware".into()),
            sha256: "0".repeat(64),
            seed: 1,
            started: "2026-07-03T09:00:00Z".into(),
            seat: None,
            end_tick: 576,
            branch,
        }
    }

    #[test]
    fn an_empty_directory_says_how_to_start() {
        assert_eq!(
            table(Path::new("/s"), &[]),
            "No sessions in /s. `kunren play` starts one.\n"
        );
    }

    #[test]
    fn rows_align_under_the_longest_name_and_name_their_parent() {
        let branch = Branch {
            parent: "a".into(),
            tick: Some(40),
        };
        let all = [
            listed("a", Some(header(None)), Some(80), State::Left),
            listed(
                "a-what-if",
                Some(header(Some(branch))),
                None,
                State::Interrupted,
            ),
            listed("junk", None, None, State::Unreadable("no header".into())),
        ];
        let text = table(Path::new("/s"), &all);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "Sessions in /s (the last is what `kunren resume` opens):",
                "NAME       SCENARIO                    STARTED (UTC)               TICKS  STATE",
                "a          nagoya-port-ransomware      2026-07-03 09:00:00        80/576  left",
                "a-what-if  nagoya-port-ransomware      2026-07-03 09:00:00         -/576  interrupted  (branch of a at tick 40)",
                "junk       ?                           ?                               ?  unreadable (no header)",
            ]
        );
    }
}
