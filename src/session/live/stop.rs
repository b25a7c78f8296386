//! Where a run to the next phase (`}`) stops, and why: the rule, over plain data. It stops
//! early at what the facilitator would want to look at: a detection, a missed objective, or an
//! inject the facilitator marked going out; otherwise at the new phase, or the end.

use std::collections::BTreeSet;

use crate::lang::Lang;
use crate::scenario::model::{InjectId, PhaseId, Scenario, TextKey};
use crate::sim::log::{Event, EventKind};

/// Why a run to the next phase stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// A team noticed something: the log's line for it.
    Detection(String),
    /// An objective was missed: the log's line for it.
    Missed(String),
    /// An inject the facilitator marked went out.
    Marked(InjectId),
    /// The next phase began (or, `None`, the phases ran out and the exercise ended).
    Phase(Option<PhaseId>),
    /// The exercise ended, or the clock could not go on.
    End,
}

impl Stop {
    /// What the status line says of it.
    pub fn describe(&self, s: &Scenario) -> String {
        self.describe_in(s, Lang::En)
    }

    /// The same in `lang`, the scenario's names in it (a detection's or a missed objective's
    /// line is the log's, as it wrote it).
    pub fn describe_in(&self, s: &Scenario, lang: Lang) -> String {
        if lang == Lang::Ja {
            return match self {
                Stop::Detection(text) => format!("途中で停止（検知）: {text}"),
                Stop::Missed(text) => format!("途中で停止（目標未達）: {text}"),
                Stop::Marked(i) => format!(
                    "途中で停止（印を付けた状況付与の発出）: {}",
                    s.text(TextKey::InjectSubject(*i), lang)
                ),
                Stop::Phase(Some(p)) => {
                    format!("フェーズ開始: {}", s.text(TextKey::PhaseName(*p), lang))
                }
                Stop::Phase(None) | Stop::End => "終了まで進めた".into(),
            };
        }
        match self {
            Stop::Detection(text) => format!("Stopped early, a detection: {text}"),
            Stop::Missed(text) => format!("Stopped early, an objective missed: {text}"),
            Stop::Marked(i) => format!(
                "Stopped early, a marked inject went out: {}",
                s.injects[i.index()].subject
            ),
            Stop::Phase(Some(p)) => format!("Phase begins: {}", s.phases[p.index()].name),
            Stop::Phase(None) | Stop::End => "Ran to the end".into(),
        }
    }
}

/// After one tick of a run to the next phase: whether to stop, and why. `news` is what that tick
/// logged, `delivered` the injects that went out in it, `marked` the facilitator's marks, and
/// `phase` the phase now if it is not the one the run started in. A detection comes first, then
/// a missed objective, then a marked inject, then the phase.
pub fn stop_after(
    news: &[Event],
    delivered: impl IntoIterator<Item = InjectId>,
    marked: &BTreeSet<InjectId>,
    phase: Option<Option<PhaseId>>,
) -> Option<Stop> {
    let first = |kind: EventKind| news.iter().find(|e| e.kind == kind).map(|e| e.text.clone());
    if let Some(text) = first(EventKind::Detection) {
        return Some(Stop::Detection(text));
    }
    if let Some(text) = first(EventKind::ObjectiveMissed) {
        return Some(Stop::Missed(text));
    }
    if let Some(i) = delivered.into_iter().find(|i| marked.contains(i)) {
        return Some(Stop::Marked(i));
    }
    phase.map(Stop::Phase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, text: &str) -> Event {
        Event {
            seq: 0,
            tick: 3,
            kind,
            text: text.into(),
            detail: None,
            known_to: Vec::new(),
            by: None,
            about: None,
        }
    }

    #[test]
    fn a_run_stops_at_a_detection_a_miss_a_marked_inject_or_the_phase() {
        let none = BTreeSet::new();
        let marked: BTreeSet<InjectId> = [InjectId(2)].into();
        let quiet = [event(EventKind::AssetChanged, "Gate A is down")];
        assert_eq!(stop_after(&quiet, [], &none, None), None);
        assert_eq!(stop_after(&quiet, [InjectId(1)], &marked, None), None);
        assert_eq!(
            stop_after(&quiet, [InjectId(1), InjectId(2)], &marked, None),
            Some(Stop::Marked(InjectId(2)))
        );
        assert_eq!(
            stop_after(&quiet, [InjectId(2)], &none, None),
            None,
            "an unmarked inject does not stop it"
        );
        let found = [
            event(EventKind::ObjectiveMissed, "Objective missed: report"),
            event(EventKind::Detection, "Intruder found on the VPN"),
        ];
        assert_eq!(
            stop_after(&found, [InjectId(2)], &marked, Some(Some(PhaseId(1)))),
            Some(Stop::Detection("Intruder found on the VPN".into()))
        );
        assert_eq!(
            stop_after(&found[..1], [InjectId(2)], &marked, None),
            Some(Stop::Missed("Objective missed: report".into()))
        );
        assert_eq!(
            stop_after(&quiet, [], &none, Some(Some(PhaseId(1)))),
            Some(Stop::Phase(Some(PhaseId(1))))
        );
    }
}
