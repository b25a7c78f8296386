//! Scenarios built into the binary, so `kunren` works from a bare install: the flagship, the
//! multinational drill, and the decision sets shipped beside each.

/// A scenario shipped inside the binary, with its decision sets.
pub struct Builtin {
    pub id: &'static str,
    /// Where the file lives in the source tree (named in diagnostics).
    pub path: &'static str,
    pub source: &'static str,
    /// Decision sets by name ("historical", "prepared", "good-practice").
    pub decisions: &'static [(&'static str, &'static str, &'static str)],
}

pub const FLAGSHIP: &str = "nagoya-port-ransomware";

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
