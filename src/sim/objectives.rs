//! Objectives: each team's measurable goals, judged every tick as pending, met, missed, or not
//! applicable (a deadline counted from an event that never happened), and closed at the end.

use serde::Serialize;

use super::clock::SimClock;
use super::facts::{Facts, holds};
use super::log::{About, EventKind, EventLog};
use super::{ScenarioRes, SimRng};
use crate::lang::Lang;
use crate::scenario::model::{AssetId, Deadline, ObjectiveId, Scenario, TeamId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ObjectiveStatus {
    /// Not met yet; `anchor` is when the event a `Within` deadline counts from happened.
    Pending {
        anchor: Option<u32>,
    },
    Met(u32),
    Missed(u32),
    /// The event its deadline counts from never happened.
    NotApplicable,
}

/// Where an objective stands when its run is read (a report, a summary): the four words the
/// JSON has always given, typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Outcome {
    #[serde(rename = "met")]
    Met,
    #[serde(rename = "missed")]
    Missed,
    #[serde(rename = "not applicable")]
    NotApplicable,
    #[serde(rename = "pending")]
    Pending,
}

impl Outcome {
    pub fn of(status: ObjectiveStatus) -> Self {
        match status {
            ObjectiveStatus::Met(_) => Outcome::Met,
            ObjectiveStatus::Missed(_) => Outcome::Missed,
            ObjectiveStatus::NotApplicable => Outcome::NotApplicable,
            ObjectiveStatus::Pending { .. } => Outcome::Pending,
        }
    }

    /// Its word in `lang`.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Outcome::Met => lang.pick("met", "達成"),
            Outcome::Missed => lang.pick("missed", "未達"),
            Outcome::NotApplicable => lang.pick("not applicable", "対象外"),
            Outcome::Pending => lang.pick("pending", "未完了"),
        }
    }
}

impl std::fmt::Display for Outcome {
    /// Its English word, as the JSON writes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.word(Lang::En))
    }
}

impl ObjectiveStatus {
    /// The tick by which it must be met, if that is known yet.
    pub fn due_by(self, deadline: Option<&Deadline>) -> Option<u32> {
        match (self, deadline) {
            (ObjectiveStatus::Pending { .. }, Some(Deadline::By(t))) => Some(*t),
            (ObjectiveStatus::Pending { anchor: Some(a) }, Some(Deadline::Within(d, _))) => {
                Some(a + d)
            }
            (ObjectiveStatus::Pending { .. }, Some(Deadline::Maintain(until))) => *until,
            _ => None,
        }
    }
}

#[derive(Debug, Default, Serialize)]
pub struct ObjectiveBook {
    pub status: Vec<ObjectiveStatus>,
    /// When the event each objective's `Within` deadline counts from first held, kept after the
    /// objective is settled so the report can rate it against its real window (an asset state
    /// holds only for a while and cannot be read back afterwards). Left out of the state hash:
    /// while the objective is pending the same tick is hashed as `Pending::anchor`, and once it
    /// is settled the anchor no longer changes anything in the run.
    #[serde(skip)]
    pub anchors: Vec<Option<u32>>,
    /// The objective's team's assets an intruder still held when it was met (ground truth):
    /// the report does not rate a recovery P that left the intruder inside. Left out of the
    /// state hash, like the anchors: it records, it decides nothing in the run.
    #[serde(skip)]
    pub intruder_inside: Vec<Vec<AssetId>>,
}

/// One tick's judgement of a pending objective. `anchor_now` tells whether the event a `Within`
/// deadline counts from holds now; `last` whether this is the exercise's final tick.
pub fn judge(
    status: ObjectiveStatus,
    deadline: Option<&Deadline>,
    goal_holds: bool,
    anchor_now: bool,
    now: u32,
    last: bool,
) -> ObjectiveStatus {
    let ObjectiveStatus::Pending { anchor } = status else {
        return status;
    };
    if let Some(Deadline::Maintain(until)) = deadline {
        return maintain(goal_holds, *until, now, last);
    }
    let anchor = anchor.or(anchor_now.then_some(now));
    // The last tick on which meeting it still counts: "within 24h" of an event at 06:45 may be
    // met at 06:45 the next day, not a tick later.
    let due = match (deadline, anchor) {
        (Some(Deadline::By(t)), _) => Some(*t),
        (Some(Deadline::Within(d, _)), Some(a)) => Some(a.saturating_add(*d)),
        (Some(Deadline::Within(..)), None) | (Some(Deadline::Maintain(_)), _) | (None, _) => None,
    };
    if let Some(due) = due
        && now > due
    {
        // Missed when the deadline passed, whether the goal holds late or not at all.
        return ObjectiveStatus::Missed(due);
    }
    // A deadline counted from an event makes the objective live only once the event happens:
    // "restore within 3 days of the failure" is not met by the service working before it.
    let live = !matches!(deadline, Some(Deadline::Within(..))) || anchor.is_some();
    if goal_holds && live {
        return ObjectiveStatus::Met(now);
    }
    match (last, deadline, anchor) {
        (true, Some(Deadline::Within(..)), None) => ObjectiveStatus::NotApplicable,
        (true, _, _) => ObjectiveStatus::Missed(now),
        (false, _, _) => ObjectiveStatus::Pending { anchor },
    }
}

/// One tick's judgement of a pending objective to maintain: missed the first tick its goal does
/// not hold; met once it has held through `until` (through the last tick when `None`).
pub fn maintain(goal_holds: bool, until: Option<u32>, now: u32, last: bool) -> ObjectiveStatus {
    if !goal_holds {
        return ObjectiveStatus::Missed(now);
    }
    if until.map_or(last, |u| now >= u) {
        ObjectiveStatus::Met(now)
    } else {
        ObjectiveStatus::Pending { anchor: None }
    }
}

pub fn start(scenario: &Scenario) -> ObjectiveBook {
    ObjectiveBook {
        status: vec![ObjectiveStatus::Pending { anchor: None }; scenario.objectives.len()],
        anchors: vec![None; scenario.objectives.len()],
        intruder_inside: vec![Vec::new(); scenario.objectives.len()],
    }
}

pub fn judge_objectives(
    scenario: &ScenarioRes,
    clock: &SimClock,
    facts: &Facts,
    book: &mut ObjectiveBook,
    log: &mut EventLog,
    rng: &mut SimRng,
) {
    let now = clock.now();
    let last = clock.is_last();
    for (i, objective) in scenario.objectives.iter().enumerate() {
        let before = book.status[i];
        if !matches!(before, ObjectiveStatus::Pending { .. }) {
            continue;
        }
        let goal = holds(&objective.goal, facts, &scenario.measure_list, &mut rng.0);
        let anchor_now = match &objective.deadline {
            Some(Deadline::Within(_, event)) => {
                holds(event, facts, &scenario.measure_list, &mut rng.0)
            }
            Some(Deadline::By(_)) | Some(Deadline::Maintain(_)) | None => false,
        };
        let after = judge(
            before,
            objective.deadline.as_ref(),
            goal,
            anchor_now,
            now,
            last,
        );
        book.status[i] = after;
        if anchor_now && book.anchors[i].is_none() {
            book.anchors[i] = Some(now);
        }
        let team = [objective.team];
        match after {
            ObjectiveStatus::Met(_) => {
                book.intruder_inside[i] = facts
                    .assets
                    .iter()
                    .enumerate()
                    .filter(|(a, f)| f.compromised && scenario.assets[*a].owner == objective.team)
                    .map(|(a, _)| AssetId(a as u32))
                    .collect();
                let seq = log.push(
                    now,
                    EventKind::ObjectiveMet,
                    format!("Objective met: {}", objective.name),
                    &team,
                );
                log.about(seq, About::ObjectiveMet(ObjectiveId(i as u32)));
            }
            ObjectiveStatus::Missed(due) => {
                // Found the tick after its deadline: the line says when the deadline was.
                let when = if due < now {
                    format!(" (deadline {})", scenario.clock.label(due))
                } else {
                    String::new()
                };
                let seq = log.push(
                    now,
                    EventKind::ObjectiveMissed,
                    format!("Objective missed: {}{when}", objective.name),
                    &team,
                );
                let id = ObjectiveId(i as u32);
                log.about(seq, About::ObjectiveMissed(id, (due < now).then_some(due)));
            }
            _ => {}
        }
    }
    if last {
        let everyone: Vec<TeamId> = (0..scenario.teams.len() as u32).map(TeamId).collect();
        let seq = log.push(now, EventKind::ExerciseEnded, "Exercise ends", &everyone);
        log.about(seq, About::Ended);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::Condition;
    use ObjectiveStatus::*;

    const PENDING: ObjectiveStatus = Pending { anchor: None };

    #[test]
    fn an_objective_to_maintain_fails_the_moment_it_is_breached() {
        let until = Deadline::Maintain(Some(8));
        assert_eq!(judge(PENDING, Some(&until), true, false, 3, false), PENDING);
        assert_eq!(
            judge(PENDING, Some(&until), false, false, 4, false),
            Missed(4),
            "breached at tick 4"
        );
        assert_eq!(judge(PENDING, Some(&until), true, false, 8, false), Met(8));
        assert_eq!(
            judge(Missed(4), Some(&until), true, false, 9, false),
            Missed(4)
        );
        let throughout = Deadline::Maintain(None);
        assert_eq!(
            judge(PENDING, Some(&throughout), true, false, 50, false),
            PENDING
        );
        assert_eq!(
            judge(PENDING, Some(&throughout), true, false, 96, true),
            Met(96)
        );
        assert_eq!(
            judge(PENDING, Some(&throughout), false, false, 0, false),
            Missed(0)
        );
    }

    #[test]
    fn absolute_deadlines_are_met_in_time_or_missed_after() {
        let by = Deadline::By(10);
        assert_eq!(judge(PENDING, Some(&by), true, false, 10, false), Met(10));
        assert_eq!(judge(PENDING, Some(&by), false, false, 10, false), PENDING);
        assert_eq!(
            judge(PENDING, Some(&by), false, false, 11, false),
            Missed(10),
            "missed when the deadline passed, not a tick later"
        );
        assert_eq!(
            judge(PENDING, Some(&by), true, false, 12, false),
            Missed(10),
            "late is missed"
        );
    }

    #[test]
    fn an_outcome_keeps_the_json_word_and_reads_in_either_language() {
        let all = [
            (Met(3), "met", "達成"),
            (Missed(3), "missed", "未達"),
            (NotApplicable, "not applicable", "対象外"),
            (PENDING, "pending", "未完了"),
        ];
        for (status, en, ja) in all {
            let o = Outcome::of(status);
            assert_eq!(serde_json::to_string(&o).unwrap(), format!("\"{en}\""));
            assert_eq!((o.to_string().as_str(), o.word(Lang::Ja)), (en, ja));
        }
        assert_eq!(format!("{:<6}|", Outcome::Met), "met   |", "pads as a word");
    }

    #[test]
    fn relative_deadlines_count_from_their_event() {
        let within = Deadline::Within(4, Condition::Always);
        let s = judge(PENDING, Some(&within), false, true, 6, false);
        assert_eq!(s, Pending { anchor: Some(6) });
        assert_eq!(s.due_by(Some(&within)), Some(10));
        assert_eq!(judge(s, Some(&within), false, false, 10, false), s);
        assert_eq!(judge(s, Some(&within), false, false, 11, false), Missed(10));
        assert_eq!(judge(s, Some(&within), true, false, 10, false), Met(10));
        assert_eq!(
            judge(s, Some(&within), true, false, 11, false),
            Missed(10),
            "a goal first holding a tick after the window is late"
        );
        assert_eq!(judge(s, Some(&within), true, false, 9, false), Met(9));
        assert_eq!(
            judge(PENDING, Some(&within), false, false, 20, true),
            NotApplicable
        );
        assert_eq!(
            judge(PENDING, Some(&within), true, false, 2, false),
            PENDING,
            "not live before its event"
        );
        assert_eq!(
            judge(PENDING, Some(&within), true, true, 2, false),
            Met(2),
            "met the tick its event happens"
        );
    }

    #[test]
    fn open_objectives_are_missed_at_the_end_and_settled_ones_stay() {
        assert_eq!(judge(PENDING, None, false, false, 30, true), Missed(30));
        assert_eq!(judge(PENDING, None, true, false, 30, true), Met(30));
        assert_eq!(judge(Met(3), None, false, false, 30, true), Met(3));
    }
}
