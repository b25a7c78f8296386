//! Scenarios built into the binary, so `kunren` works from a bare install: the flagship, the
//! multinational drill, the other shipped scenarios, and the decision sets written for each; and what
//! a name on a command line stands for (a file, or else one of these).

use std::path::Path;

use crate::scenario::{self, Decisions, LoadError, Scenario};

/// A scenario shipped inside the binary, with its decision sets.
pub struct Builtin {
    pub id: &'static str,
    /// Where the file lives in the source tree (named in diagnostics).
    pub path: &'static str,
    pub source: &'static str,
    /// Decision sets by name ("historical", "prepared", "passive", "good-practice").
    pub decisions: &'static [(&'static str, &'static str, &'static str)],
}

/// The flagship: the scenario the project is calibrated on (Port of Nagoya, July 2023).
pub const FLAGSHIP: &str = "nagoya-port-ransomware";

/// What `kunren` opens with no arguments: the multi-party drill, which seats every kind of
/// team.
pub const DEFAULT: &str = "multinational-drill";

pub const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "nagoya-port-ransomware",
        path: "scenarios/nagoya-port-ransomware.ron",
        source: include_str!("../scenarios/nagoya-port-ransomware.ron"),
        decisions: &[
            (
                "historical",
                "scenarios/nagoya-port-ransomware.historical.decisions.ron",
                include_str!("../scenarios/nagoya-port-ransomware.historical.decisions.ron"),
            ),
            (
                "prepared",
                "scenarios/nagoya-port-ransomware.prepared.decisions.ron",
                include_str!("../scenarios/nagoya-port-ransomware.prepared.decisions.ron"),
            ),
            (
                "passive",
                "scenarios/nagoya-port-ransomware.passive.decisions.ron",
                include_str!("../scenarios/nagoya-port-ransomware.passive.decisions.ron"),
            ),
        ],
    },
    Builtin {
        id: "pension-data-breach",
        path: "scenarios/pension-data-breach.ron",
        source: include_str!("../scenarios/pension-data-breach.ron"),
        decisions: &[
            (
                "historical",
                "scenarios/pension-data-breach.historical.decisions.ron",
                include_str!("../scenarios/pension-data-breach.historical.decisions.ron"),
            ),
            (
                "passive",
                "scenarios/pension-data-breach.passive.decisions.ron",
                include_str!("../scenarios/pension-data-breach.passive.decisions.ron"),
            ),
            (
                "good-practice",
                "scenarios/pension-data-breach.good-practice.decisions.ron",
                include_str!("../scenarios/pension-data-breach.good-practice.decisions.ron"),
            ),
        ],
    },
    Builtin {
        id: "sme-supply-chain",
        path: "scenarios/sme-supply-chain.ron",
        source: include_str!("../scenarios/sme-supply-chain.ron"),
        decisions: &[
            (
                "passive",
                "scenarios/sme-supply-chain.passive.decisions.ron",
                include_str!("../scenarios/sme-supply-chain.passive.decisions.ron"),
            ),
            (
                "good-practice",
                "scenarios/sme-supply-chain.good-practice.decisions.ron",
                include_str!("../scenarios/sme-supply-chain.good-practice.decisions.ron"),
            ),
        ],
    },
    Builtin {
        id: "iot-botnet",
        path: "scenarios/iot-botnet.ron",
        source: include_str!("../scenarios/iot-botnet.ron"),
        decisions: &[
            (
                "passive",
                "scenarios/iot-botnet.passive.decisions.ron",
                include_str!("../scenarios/iot-botnet.passive.decisions.ron"),
            ),
            (
                "good-practice",
                "scenarios/iot-botnet.good-practice.decisions.ron",
                include_str!("../scenarios/iot-botnet.good-practice.decisions.ron"),
            ),
        ],
    },
    Builtin {
        id: "water-prepositioning",
        path: "scenarios/water-prepositioning.ron",
        source: include_str!("../scenarios/water-prepositioning.ron"),
        decisions: &[
            (
                "passive",
                "scenarios/water-prepositioning.passive.decisions.ron",
                include_str!("../scenarios/water-prepositioning.passive.decisions.ron"),
            ),
            (
                "good-practice",
                "scenarios/water-prepositioning.good-practice.decisions.ron",
                include_str!("../scenarios/water-prepositioning.good-practice.decisions.ron"),
            ),
        ],
    },
    Builtin {
        id: "multinational-drill",
        path: "scenarios/multinational-drill.ron",
        source: include_str!("../scenarios/multinational-drill.ron"),
        decisions: &[
            (
                "passive",
                "scenarios/multinational-drill.passive.decisions.ron",
                include_str!("../scenarios/multinational-drill.passive.decisions.ron"),
            ),
            (
                "good-practice",
                "scenarios/multinational-drill.good-practice.decisions.ron",
                include_str!("../scenarios/multinational-drill.good-practice.decisions.ron"),
            ),
        ],
    },
    Builtin {
        id: "osaka-hospital-ransomware",
        path: "scenarios/osaka-hospital-ransomware.ron",
        source: include_str!("../scenarios/osaka-hospital-ransomware.ron"),
        decisions: &[
            (
                "historical",
                "scenarios/osaka-hospital-ransomware.historical.decisions.ron",
                include_str!("../scenarios/osaka-hospital-ransomware.historical.decisions.ron"),
            ),
            (
                "prepared",
                "scenarios/osaka-hospital-ransomware.prepared.decisions.ron",
                include_str!("../scenarios/osaka-hospital-ransomware.prepared.decisions.ron"),
            ),
            (
                "passive",
                "scenarios/osaka-hospital-ransomware.passive.decisions.ron",
                include_str!("../scenarios/osaka-hospital-ransomware.passive.decisions.ron"),
            ),
        ],
    },
];

pub fn builtin(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

impl Builtin {
    pub fn decision_set(&self, name: &str) -> Option<(&'static str, &'static str)> {
        self.decisions
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, path, src)| (*path, *src))
    }
}

/// The ids of every built-in scenario, comma-separated (for messages).
pub fn ids() -> String {
    let known: Vec<&str> = BUILTINS.iter().map(|b| b.id).collect();
    known.join(", ")
}

/// A name given on a command line that is neither a file nor built in, or a file that does not
/// load.
#[derive(Debug, thiserror::Error)]
pub enum NameError {
    #[error(
        "no scenario file \"{name}\" and no built-in scenario of that name (built in: {})",
        ids()
    )]
    NoScenario { name: String },
    #[error("no decisions file \"{name}\"{}", sets_hint(sets))]
    NoDecisions {
        name: String,
        /// The built-in decision sets of the scenario, if it is built in.
        sets: Vec<&'static str>,
    },
    #[error(transparent)]
    Load(#[from] LoadError),
}

fn sets_hint(sets: &[&str]) -> String {
    if sets.is_empty() {
        String::new()
    } else {
        format!(" (built-in sets: {})", sets.join(", "))
    }
}

/// The scenario a command line names: the file of that name, or else the built-in scenario
/// with that id (and which one it is).
pub fn load(name: &str) -> Result<(Scenario, Option<&'static Builtin>), NameError> {
    let path = Path::new(name);
    if path.exists() {
        return Ok((scenario::load(path)?, None));
    }
    let b = builtin(name).ok_or_else(|| NameError::NoScenario { name: name.into() })?;
    let s = scenario::parse(b.source, b.path).map_err(LoadError::Invalid)?;
    Ok((s, Some(b)))
}

/// The text of the scenario a command line names (a file, or else a built-in scenario), with
/// the name to show in diagnostics.
pub fn source(name: &str) -> Result<(String, String), NameError> {
    let path = Path::new(name);
    if !path.exists() {
        return match builtin(name) {
            Some(b) => Ok((b.source.to_string(), b.path.to_string())),
            None => Err(NameError::NoScenario { name: name.into() }),
        };
    }
    std::fs::read_to_string(path)
        .map(|text| (text, name.to_string()))
        .map_err(|source| {
            NameError::Load(LoadError::Io {
                path: path.to_path_buf(),
                source,
            })
        })
}

/// The decisions a command line names for `scenario`: the file of that name; or else one of the
/// decision sets of the built-in scenario `builtin`; or else, for a scenario loaded from the file
/// `beside`, the set of that name next to it, `<scenario-id>.<name>.decisions.ron` (the
/// documented naming) or `<file stem>.<name>.decisions.ron`.
pub fn load_decisions(
    name: &str,
    scenario: &Scenario,
    builtin: Option<&Builtin>,
    beside: Option<&Path>,
) -> Result<Decisions, NameError> {
    let path = Path::new(name);
    if path.exists() {
        return Ok(scenario::load_decisions(path, scenario)?);
    }
    if let Some((file, source)) = builtin.and_then(|b| b.decision_set(name)) {
        return Ok(scenario::parse_decisions(source, file, scenario).map_err(LoadError::Invalid)?);
    }
    let sibling = beside.and_then(|file| sibling_set(file, &scenario.meta.id, name));
    if let Some(sibling) = sibling {
        return Ok(scenario::load_decisions(&sibling, scenario)?);
    }
    Err(NameError::NoDecisions {
        name: name.into(),
        sets: builtin
            .map(|b| b.decisions.iter().map(|(n, _, _)| *n).collect())
            .unwrap_or_default(),
    })
}

/// The decision set `name` beside the scenario file `file`, if one exists there.
fn sibling_set(file: &Path, id: &str, name: &str) -> Option<std::path::PathBuf> {
    let dir = file.parent().unwrap_or(Path::new(""));
    let stem = file.file_stem().and_then(|s| s.to_str());
    [Some(id), stem]
        .into_iter()
        .flatten()
        .map(|base| dir.join(format!("{base}.{name}.decisions.ron")))
        .find(|p| p.is_file())
}
