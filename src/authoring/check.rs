//! Checking files together, as `kunren validate` does: each file is a scenario or a decisions
//! file (told apart by its top-level value), and a decisions file is checked against the
//! scenario it names, found among the files given or else built in.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::library;
use crate::scenario::{self, Diagnostics, LoadError, Scenario};

/// What checking one file found.
pub struct Checked {
    pub path: PathBuf,
    pub outcome: Outcome,
}

pub enum Outcome {
    /// A valid scenario, with its size.
    Scenario {
        teams: usize,
        assets: usize,
        injects: usize,
    },
    /// A valid decisions file for `scenario`.
    Decisions {
        decisions: usize,
        prior: usize,
        scenario: String,
    },
    /// The file could not be read.
    Unreadable(LoadError),
    /// The file does not validate (a decisions file naming a scenario neither given nor built
    /// in among them).
    Invalid(Diagnostics),
}

impl Checked {
    pub fn is_ok(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Scenario { .. } | Outcome::Decisions { .. }
        )
    }
}

/// The line a valid file gets, or the error of a decisions file without its scenario.
impl fmt::Display for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.outcome {
            Outcome::Scenario {
                teams,
                assets,
                injects,
            } => write!(
                f,
                "{path}: ok ({teams} teams, {assets} assets, {injects} injects)"
            ),
            Outcome::Decisions {
                decisions,
                prior,
                scenario,
            } => write!(
                f,
                "{path}: ok ({decisions} decisions, {prior} done beforehand, for {scenario})"
            ),
            Outcome::Unreadable(e) => write!(f, "{e}"),
            Outcome::Invalid(d) => write!(f, "{d}"),
        }
    }
}

/// Checks every file: first the scenarios (and unreadable files) in the order given, then the
/// decisions files, each against its scenario. Every file gets one result, in that order.
pub fn files(paths: &[PathBuf]) -> Vec<Checked> {
    let mut checked = Vec::new();
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut decisions = Vec::new();
    for path in paths {
        let source = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(source) => {
                let e = LoadError::Io {
                    path: path.clone(),
                    source,
                };
                checked.push(result(path, Outcome::Unreadable(e)));
                continue;
            }
        };
        if scenario::is_decisions(&source) {
            decisions.push((path, source));
            continue;
        }
        let outcome = match scenario::parse(&source, &path.display().to_string()) {
            Ok(s) => {
                let outcome = Outcome::Scenario {
                    teams: s.teams.len(),
                    assets: s.assets.len(),
                    injects: s.injects.len(),
                };
                scenarios.push(s);
                outcome
            }
            Err(d) => Outcome::Invalid(d),
        };
        checked.push(result(path, outcome));
    }
    for (path, source) in decisions {
        checked.push(result(path, decisions_file(path, &source, &scenarios)));
    }
    checked
}

fn result(path: &Path, outcome: Outcome) -> Checked {
    Checked {
        path: path.to_path_buf(),
        outcome,
    }
}

/// A decisions file checked against the scenario it names: one of `given`, or else built in.
fn decisions_file(path: &Path, source: &str, given: &[Scenario]) -> Outcome {
    let wanted = scenario::decisions_scenario(source);
    let owned;
    let scn = match given.iter().find(|s| Some(&s.meta.id) == wanted.as_ref()) {
        Some(s) => s,
        None => {
            let builtin = wanted.as_deref().and_then(library::builtin);
            match builtin.map(|b| scenario::parse(b.source, b.path)) {
                Some(Ok(s)) => {
                    owned = s;
                    &owned
                }
                _ => {
                    let known: Vec<String> = given
                        .iter()
                        .map(|s| s.meta.id.clone())
                        .chain(library::BUILTINS.iter().map(|b| b.id.to_string()))
                        .collect();
                    let file = path.display().to_string();
                    return Outcome::Invalid(scenario::decisions_for_unknown(
                        source, &file, &known,
                    ));
                }
            }
        }
    };
    match scenario::parse_decisions(source, &path.display().to_string(), scn) {
        Ok(d) => Outcome::Decisions {
            decisions: d.decisions.len(),
            prior: d.prior.len(),
            scenario: scn.meta.id.clone(),
        },
        Err(d) => Outcome::Invalid(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.ron");

    #[test]
    fn scenarios_come_first_then_each_decisions_file_against_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let id = scenario::parse(MINIMAL, "m.ron").unwrap().meta.id;
        let flagship = library::builtin(library::FLAGSHIP).unwrap();
        let paths = [
            file(
                "own.decisions.ron",
                &format!("Decisions(scenario: \"{id}\", decisions: [])"),
            ),
            file("m.ron", MINIMAL),
            file(
                "built-in.decisions.ron",
                flagship.decision_set("historical").unwrap().1,
            ),
            file(
                "orphan.decisions.ron",
                "Decisions(scenario: \"nowhere\", decisions: [])",
            ),
            file(
                "misspelt.decisions.ron",
                "Decisions(\n  scenario: \"nagoya-port-ransomwre\",\n  decisions: [],\n)",
            ),
            dir.path().join("missing.ron"),
            file("bad.ron", "Scenario("),
        ];
        let checked = files(&paths);
        let names: Vec<String> = checked
            .iter()
            .map(|c| c.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "m.ron",
                "missing.ron",
                "bad.ron",
                "own.decisions.ron",
                "built-in.decisions.ron",
                "orphan.decisions.ron",
                "misspelt.decisions.ron"
            ]
        );
        let ok: Vec<bool> = checked.iter().map(Checked::is_ok).collect();
        assert_eq!(ok, [true, false, false, true, true, false, false]);
        assert!(
            matches!(&checked[3].outcome, Outcome::Decisions { scenario, .. } if *scenario == id)
        );
        assert!(
            matches!(&checked[4].outcome, Outcome::Decisions { scenario, decisions, .. } if scenario == library::FLAGSHIP && *decisions > 0)
        );
        let Outcome::Invalid(orphan) = &checked[5].outcome else {
            panic!("the orphan is invalid")
        };
        let orphan = orphan.to_string();
        assert!(
            orphan.contains("orphan.decisions.ron:1:21: error: these decisions are for scenario \"nowhere\", which is neither given nor built in"),
            "{orphan}"
        );
        assert!(
            orphan.contains("known scenarios: \"port-mini\""),
            "{orphan}"
        );
        let Outcome::Invalid(misspelt) = &checked[6].outcome else {
            panic!("the misspelt one is invalid")
        };
        let d = &misspelt.items[0];
        assert_eq!((d.line, d.column), (2, 13));
        assert_eq!(
            d.hint.as_deref(),
            Some("did you mean \"nagoya-port-ransomware\"?")
        );
        assert!(matches!(checked[1].outcome, Outcome::Unreadable(_)));
        assert!(matches!(checked[2].outcome, Outcome::Invalid(_)));
    }
}
