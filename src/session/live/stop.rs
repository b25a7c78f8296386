//! Where a run to the next phase (`}`) stops, and why: the rule, over plain data. It stops
//! early at what the facilitator would want to look at: a detection, a missed objective, or an
//! inject the facilitator marked going out; otherwise at the new phase, or the end.

use std::collections::BTreeSet;

use crate::lang::Lang;
use crate::scenario::model::{InjectId, PhaseId, Scenario, TextKey};
use crate::sim::log::{About, Event, EventKind, lines};

/// Why a run to the next phase stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    /// A team noticed something: the log's entry for it.
    Detection(Logged),
    /// An objective was missed: the log's entry for it.
    Missed(Logged),
    /// An inject the facilitator marked went out.
    Marked(InjectId),
    /// The next phase began (or, `None`, the phases ran out and the exercise ended).
    Phase(Option<PhaseId>),
    /// The exercise ended, or the clock could not go on.
    End,
}

/// A log entry a run stopped at: its line as the log wrote it (English), and what it records,
/// to read it in another language.
#[derive(Clone, Debug, PartialEq)]
pub struct Logged {
    pub text: String,
    pub about: Option<About>,
}

impl Logged {
    fn of(e: &Event) -> Self {
        Logged {
            text: e.text.clone(),
            about: e.about.clone(),
        }
    }

    /// Its line in `lang`: the log's own in English, rebuilt from its typed form in Japanese.
    pub fn line(&self, s: &Scenario, lang: Lang) -> String {
        match (&self.about, lang) {
            (Some(about), Lang::Ja) => lines::line(s, about, lang).unwrap_or(self.text.clone()),
            (_, Lang::Ja | Lang::En) => self.text.clone(),
        }
    }
}

impl Stop {
    /// What the status line says of it.
    pub fn describe(&self, s: &Scenario) -> String {
        self.describe_in(s, Lang::En)
    }

    /// The same in `lang`, the scenario's names and the log's line in it.
    pub fn describe_in(&self, s: &Scenario, lang: Lang) -> String {
        if lang == Lang::Ja {
            return match self {
                Stop::Detection(e) => format!("途中で停止（検知）: {}", e.line(s, lang)),
                Stop::Missed(e) => format!("途中で停止（目標未達）: {}", e.line(s, lang)),
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
            Stop::Detection(e) => format!("Stopped early, a detection: {}", e.text),
            Stop::Missed(e) => format!("Stopped early, an objective missed: {}", e.text),
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
    let first = |kind: EventKind| news.iter().find(|e| e.kind == kind).map(Logged::of);
    if let Some(e) = first(EventKind::Detection) {
        return Some(Stop::Detection(e));
    }
    if let Some(e) = first(EventKind::ObjectiveMissed) {
        return Some(Stop::Missed(e));
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
            Some(Stop::Detection(Logged {
                text: "Intruder found on the VPN".into(),
                about: None
            }))
        );
        assert_eq!(
            stop_after(&found[..1], [InjectId(2)], &marked, None),
            Some(Stop::Missed(Logged {
                text: "Objective missed: report".into(),
                about: None
            }))
        );
        assert_eq!(
            stop_after(&quiet, [], &none, Some(Some(PhaseId(1)))),
            Some(Stop::Phase(Some(PhaseId(1))))
        );
    }
}
