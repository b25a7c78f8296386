//! Injects: the master scenario events list. Each inject goes out at its time or when its
//! condition first holds (or when the facilitator fires it), reaches its recipients' inboxes,
//! and may carry an intelligence item or move public trust.

use serde::Serialize;

use super::clock::SimClock;
use super::facts::{Facts, holds};
use super::intel::IntelState;
use super::law;
use super::log::{About, ControlDeed, EventKind, EventLog};
use super::measures::Tallies;
use super::{ScenarioRes, SimRng};
use crate::scenario::model::{Inject, InjectId, Measure, Scenario, Trigger};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum InjectStatus {
    Waiting,
    /// The facilitator fired it; it goes out this tick.
    Forced,
    Delivered(u32),
    Skipped(u32),
}

#[derive(Debug, Default, Serialize)]
pub struct InjectBook {
    pub status: Vec<InjectStatus>,
    /// Held back by the facilitator until this tick.
    pub not_before: Vec<u32>,
    /// The facilitator's rewrite of the message, if any.
    pub edited: Vec<Option<String>>,
}

impl InjectBook {
    /// The message as it will go out (or went out).
    pub fn text<'a>(&'a self, inject: InjectId, scenario: &'a Scenario) -> &'a str {
        self.edited
            .get(inject.index())
            .and_then(|e| e.as_deref())
            .unwrap_or(&scenario.injects[inject.index()].text)
    }
}

/// Whether a waiting inject is due now.
pub fn due(
    inject: &Inject,
    status: &InjectStatus,
    now: u32,
    condition_holds: impl FnOnce() -> bool,
) -> bool {
    match status {
        InjectStatus::Forced => true,
        InjectStatus::Waiting => match &inject.trigger {
            Trigger::At(t) => now >= *t,
            Trigger::When(_) => condition_holds(),
        },
        InjectStatus::Delivered(_) | InjectStatus::Skipped(_) => false,
    }
}

/// When an inject stands on the MSEL's time line: the tick it went out (or, withdrawn, the tick
/// it was due, else the tick it was withdrawn), the tick it goes out (its time, or the end of a
/// hold; now, when fired), or `None` for one waiting on a condition, which has no time yet.
pub fn when(inject: &Inject, status: &InjectStatus, now: u32, not_before: u32) -> Option<u32> {
    match (status, &inject.trigger) {
        (InjectStatus::Delivered(t), _) => Some(*t),
        (InjectStatus::Skipped(_), Trigger::At(t)) => Some(*t),
        (InjectStatus::Skipped(t), Trigger::When(_)) => Some(*t),
        (InjectStatus::Forced, _) => Some(now),
        (InjectStatus::Waiting, Trigger::At(t)) => Some((*t).max(not_before)),
        (InjectStatus::Waiting, Trigger::When(_)) if not_before > now => Some(not_before),
        (InjectStatus::Waiting, Trigger::When(_)) => None,
    }
}

/// The injects in time order (by [`when`]; those waiting on a condition last; ties in scenario
/// order), as indices into `scenario.injects`.
pub fn in_time_order(scenario: &Scenario, book: &InjectBook, now: u32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scenario.injects.len()).collect();
    order.sort_by_key(|&i| {
        let at = when(
            &scenario.injects[i],
            &book.status[i],
            now,
            book.not_before[i],
        );
        (at.is_none(), at, i)
    });
    order
}

/// Until when an inject is held back when the facilitator delays it by `ticks` at `now`: from
/// when it would otherwise go out (its time, or now for one on a condition, or the end of an
/// earlier hold, whichever is latest), so a delay always moves it later than it was due.
pub fn held_until(inject: &Inject, now: u32, not_before: u32, ticks: u32) -> u32 {
    let scheduled = match inject.trigger {
        Trigger::At(t) => t,
        Trigger::When(_) => now,
    };
    now.max(scheduled).max(not_before).saturating_add(ticks)
}

/// The facilitator fires an inject: a waiting one goes out in this tick's Injects phase, whatever
/// its trigger and any hold. One already out or withdrawn is left as it is.
/// The control log (white cell only) records that it was fired by hand.
pub fn fire(
    book: &mut InjectBook,
    inject: InjectId,
    scenario: &Scenario,
    now: u32,
    log: &mut EventLog,
) {
    if let Some(s) = book.status.get_mut(inject.index())
        && matches!(s, InjectStatus::Waiting)
    {
        *s = InjectStatus::Forced;
        let about = About::Control(ControlDeed::Fired(inject));
        log.record(scenario, now, EventKind::Control, about, &[]);
    }
}

/// The facilitator withdraws an inject that has not gone out (fired ones included); the log
/// records it for the white cell.
pub fn withdraw(
    book: &mut InjectBook,
    inject: InjectId,
    scenario: &Scenario,
    now: u32,
    log: &mut EventLog,
) {
    if let Some(s) = book.status.get_mut(inject.index())
        && matches!(s, InjectStatus::Waiting | InjectStatus::Forced)
    {
        *s = InjectStatus::Skipped(now);
        let about = About::Control(ControlDeed::Withdrawn(inject));
        log.record(scenario, now, EventKind::InjectSkipped, about, &[]);
    }
}

/// The facilitator holds an inject back by `ticks`, counted from when it would otherwise go out
/// ([`held_until`]).
pub fn hold_back(
    book: &mut InjectBook,
    inject: InjectId,
    ticks: u32,
    scenario: &Scenario,
    now: u32,
    log: &mut EventLog,
) {
    if let Some(nb) = book.not_before.get_mut(inject.index()) {
        let s = &scenario.injects[inject.index()];
        *nb = held_until(s, now, *nb, ticks);
        let about = About::Control(ControlDeed::HeldBack(inject, *nb));
        log.record(scenario, now, EventKind::Control, about, &[]);
    }
}

/// The facilitator rewrites an inject's message; it goes out (or stands in the record) as written.
pub fn rewrite(
    book: &mut InjectBook,
    inject: InjectId,
    text: String,
    scenario: &Scenario,
    now: u32,
    log: &mut EventLog,
) {
    if let Some(e) = book.edited.get_mut(inject.index()) {
        *e = Some(text);
        let about = About::Control(ControlDeed::Rewritten(inject));
        log.record(scenario, now, EventKind::Control, about, &[]);
    }
}

pub fn start(scenario: &Scenario) -> InjectBook {
    let n = scenario.injects.len();
    InjectBook {
        status: vec![InjectStatus::Waiting; n],
        not_before: vec![0; n],
        edited: vec![None; n],
    }
}

#[allow(clippy::too_many_arguments)]
pub fn deliver_injects(
    scenario: &ScenarioRes,
    clock: &SimClock,
    book: &mut InjectBook,
    facts: &mut Facts,
    intel: &mut IntelState,
    tallies: &mut Tallies,
    log: &mut EventLog,
    rng: &mut SimRng,
) {
    let now = clock.now();
    for (i, inject) in scenario.injects.iter().enumerate() {
        let status = &book.status[i];
        let held = book.not_before[i] > now && *status != InjectStatus::Forced;
        let is_due = !held
            && due(inject, status, now, || match &inject.trigger {
                Trigger::When(c) => holds(c, facts, &scenario.measure_list, &mut rng.0),
                Trigger::At(_) => false,
            });
        if !is_due {
            continue;
        }
        book.status[i] = InjectStatus::Delivered(now);
        facts.delivered.insert(InjectId(i as u32), now);
        let text = format!(
            "[{:?}] from {}: {}",
            inject.channel, inject.from, inject.subject
        );
        let body = book.text(InjectId(i as u32), scenario).to_string();
        let detail = (!body.is_empty()).then_some(body);
        let seq = log.push_detailed(now, EventKind::InjectDelivered, text, detail, &inject.to);
        log.about(seq, super::log::About::Inject(InjectId(i as u32)));
        if inject.trust != 0.0 {
            tallies.adjust(Measure::PublicTrust, inject.trust);
        }
        if let Some(level) = inject.level {
            let by = law::LevelBy::Inject(InjectId(i as u32));
            law::set_level(scenario, facts, log, now, level, by);
        }
        if let Some(item) = inject.intel {
            let classification = intel.items[item.index()].classification;
            for &to in &inject.to {
                if scenario.team(to).clearance >= classification {
                    intel.give(item, to, &mut *facts);
                } else {
                    let about = About::Control(ControlDeed::Withheld {
                        item,
                        team: to,
                        classification,
                    });
                    log.record(scenario, now, EventKind::IntelReceived, about, &[]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::{Channel, Condition};

    fn inject(trigger: Trigger) -> Inject {
        Inject {
            id: "i".into(),
            trigger,
            from: "x".into(),
            from_team: None,
            to: vec![],
            channel: Channel::Email,
            subject: "s".into(),
            text: String::new(),
            expects: None,
            objective: None,
            intel: None,
            trust: 0.0,
            level: None,
        }
    }

    #[test]
    fn timed_injects_go_out_from_their_tick_and_only_once() {
        let i = inject(Trigger::At(4));
        assert!(!due(&i, &InjectStatus::Waiting, 3, || true));
        assert!(due(&i, &InjectStatus::Waiting, 4, || false));
        assert!(!due(&i, &InjectStatus::Delivered(4), 5, || true));
        assert!(!due(&i, &InjectStatus::Skipped(2), 5, || true));
    }

    #[test]
    fn an_inject_stands_in_time_where_it_went_out_or_is_due() {
        let timed = inject(Trigger::At(8));
        let on_condition = inject(Trigger::When(Condition::Always));
        assert_eq!(when(&timed, &InjectStatus::Waiting, 2, 0), Some(8));
        assert_eq!(
            when(&timed, &InjectStatus::Waiting, 2, 12),
            Some(12),
            "held"
        );
        assert_eq!(when(&timed, &InjectStatus::Delivered(9), 20, 0), Some(9));
        assert_eq!(when(&timed, &InjectStatus::Skipped(3), 20, 0), Some(8));
        assert_eq!(
            when(&on_condition, &InjectStatus::Delivered(5), 20, 0),
            Some(5)
        );
        assert_eq!(
            when(&on_condition, &InjectStatus::Skipped(6), 20, 0),
            Some(6)
        );
        assert_eq!(when(&on_condition, &InjectStatus::Forced, 20, 0), Some(20));
        assert_eq!(when(&on_condition, &InjectStatus::Waiting, 20, 0), None);
        assert_eq!(
            when(&on_condition, &InjectStatus::Waiting, 20, 24),
            Some(24)
        );
    }

    const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.ron");

    fn minimal() -> (Scenario, InjectBook) {
        let Ok(s) = crate::scenario::parse(MINIMAL, "minimal.ron") else {
            panic!("the minimal fixture loads");
        };
        (
            s,
            InjectBook {
                status: vec![InjectStatus::Waiting],
                not_before: vec![0],
                edited: vec![None],
            },
        )
    }

    #[test]
    fn firing_forces_only_a_waiting_inject_and_enters_the_control_log() {
        let (s, mut book) = minimal();
        let mut log = EventLog::default();
        fire(&mut book, InjectId(0), &s, 0, &mut log);
        assert_eq!(book.status[0], InjectStatus::Forced);
        assert_eq!(log.events().len(), 1);
        assert_eq!(log.events()[0].kind, EventKind::Control);
        assert!(
            log.events()[0].known_to.is_empty(),
            "the white cell's alone"
        );
        book.status[0] = InjectStatus::Delivered(3);
        fire(&mut book, InjectId(0), &s, 0, &mut log);
        assert_eq!(book.status[0], InjectStatus::Delivered(3));
        fire(&mut book, InjectId(7), &s, 0, &mut log);
        assert_eq!(book.status.len(), 1, "an unknown inject changes nothing");
        assert_eq!(log.events().len(), 1, "only the first firing is logged");
    }

    #[test]
    fn withdrawing_skips_a_waiting_or_fired_inject_and_tells_the_white_cell() {
        let (s, mut book) = minimal();
        let mut log = EventLog::default();
        book.status[0] = InjectStatus::Forced;
        withdraw(&mut book, InjectId(0), &s, 5, &mut log);
        assert_eq!(book.status[0], InjectStatus::Skipped(5));
        let e = &log.events()[0];
        assert_eq!(
            (e.tick, e.kind, e.text.as_str()),
            (
                5,
                EventKind::InjectSkipped,
                "Inject \"Gate queue growing\" withdrawn"
            )
        );
        assert!(e.known_to.is_empty());
        book.status[0] = InjectStatus::Delivered(6);
        withdraw(&mut book, InjectId(0), &s, 7, &mut log);
        assert_eq!(book.status[0], InjectStatus::Delivered(6), "out is out");
        assert_eq!(log.events().len(), 1);
    }

    #[test]
    fn holding_back_counts_from_its_slot_and_says_until_when() {
        let (s, mut book) = minimal();
        let mut log = EventLog::default();
        // The inject is timed for 2h (tick 8): held at tick 4 by 8 ticks, it goes at tick 16.
        hold_back(&mut book, InjectId(0), 8, &s, 4, &mut log);
        assert_eq!(book.not_before[0], 16);
        assert_eq!(
            log.events()[0].text,
            format!(
                "Inject \"Gate queue growing\" held back until {}",
                s.clock.label(16)
            )
        );
        hold_back(&mut book, InjectId(3), 8, &s, 4, &mut log);
        assert_eq!(log.events().len(), 1, "an unknown inject changes nothing");
    }

    #[test]
    fn a_rewrite_replaces_the_message_that_goes_out() {
        let (s, mut book) = minimal();
        let mut log = EventLog::default();
        assert!(
            book.text(InjectId(0), &s)
                .starts_with("Trucks are backing up")
        );
        rewrite(
            &mut book,
            InjectId(0),
            "Gates closed.".into(),
            &s,
            2,
            &mut log,
        );
        assert_eq!(book.text(InjectId(0), &s), "Gates closed.");
        assert_eq!(log.events()[0].kind, EventKind::Control);
        assert_eq!(
            log.events()[0].text,
            "Inject \"Gate queue growing\" rewritten"
        );
    }

    #[test]
    fn conditional_injects_wait_for_their_condition_unless_forced() {
        let i = inject(Trigger::When(Condition::Always));
        assert!(!due(&i, &InjectStatus::Waiting, 0, || false));
        assert!(due(&i, &InjectStatus::Waiting, 0, || true));
        assert!(due(&i, &InjectStatus::Forced, 0, || false));
    }

    #[test]
    fn a_delay_holds_an_inject_past_its_own_time() {
        let timed = inject(Trigger::At(20));
        // Not yet due: an hour (4 ticks) from its slot, not from now.
        assert_eq!(held_until(&timed, 2, 0, 4), 24);
        // Already due (or overdue): from now.
        assert_eq!(held_until(&timed, 30, 0, 4), 34);
        // Held again: on top of the earlier hold.
        assert_eq!(held_until(&timed, 3, 24, 4), 28);
        let on_condition = inject(Trigger::When(Condition::Always));
        assert_eq!(held_until(&on_condition, 7, 0, 4), 11);
        assert_eq!(held_until(&timed, 0, 0, u32::MAX), u32::MAX);
    }
}
