//! Scenarios built into the binary, so `kunren` works from a bare install: the flagship, the
//! multinational drill, the other shipped scenarios, and the decision sets written for each.

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
