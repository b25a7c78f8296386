//! The Commands phase: every queued [`Command`], in the order it was given, goes to a function
//! of the domain that owns it. Actions and authorisations to `sim::actions`, the facilitator's
//! inject edits to `sim::injects`, messages and notes to `sim::log`, rulings to the domain they
//! overrule (assets, actions) or, for a roll of the dice, to [`roll`] here. Applying commands one
//! by one in queue order is what keeps a replayed journal exact.

use super::CommandQueue;
use super::actions::{Operations, Outcome, PlanFeedback, Request};
use super::injects::{self, InjectBook};
use super::law;
use super::log::{self, About, ControlDeed, EventKind, Ruled};
use crate::command::{Command, Ruling};

/// The Commands phase.
pub fn apply_commands(
    w: &mut Operations,
    queue: &mut CommandQueue,
    book: &mut InjectBook,
    feedback: &mut PlanFeedback,
) {
    let now = w.clock.now();
    for queued in std::mem::take(&mut queue.0) {
        let outcome = match queued.command {
            Command::Act {
                team,
                action,
                target,
                to,
                intel,
            } => {
                let req = Request {
                    team,
                    action,
                    target,
                    to,
                    intel,
                };
                w.request(req, queued.plan.is_none())
            }
            Command::Authorise {
                team,
                action,
                requester,
                grant,
            } => w.authorise(team, action, requester, grant, queued.plan.is_none()),
            Command::FireInject { inject } => {
                injects::fire(book, inject, w.scenario, now, w.log);
                Outcome::Accepted
            }
            Command::SkipInject { inject } => {
                injects::withdraw(book, inject, w.scenario, now, w.log);
                Outcome::Accepted
            }
            Command::DelayInject { inject, ticks } => {
                injects::hold_back(book, inject, ticks, w.scenario, now, w.log);
                Outcome::Accepted
            }
            Command::EditInject { inject, text } => {
                injects::rewrite(book, inject, text, w.scenario, now, w.log);
                Outcome::Accepted
            }
            Command::Message { from, to, text } => {
                log::message(w.log, w.scenario, now, from, &to, text);
                Outcome::Accepted
            }
            Command::Adjudicate { ruling, reason } => {
                adjudicate(w, &ruling, &reason);
                Outcome::Accepted
            }
            Command::SetLevel { level, reason } => {
                let by = law::LevelBy::Facilitator(reason);
                law::set_level(w.scenario, w.facts, w.log, now, level, by);
                Outcome::Accepted
            }
            Command::Note {
                text,
                objective,
                capability,
            } => {
                log::note(w.log, w.scenario, now, &text, objective, capability);
                Outcome::Accepted
            }
        };
        if let Some(plan) = queued.plan {
            feedback.0.push((plan, outcome));
        }
    }
    w.retry_pending();
    w.under_way.settle();
}

/// A facilitator's ruling goes to the domain it overrules; the log records what was ruled and
/// why, or that a ruling on an action no longer under way was not applied.
fn adjudicate(w: &mut Operations, ruling: &Ruling, reason: &str) {
    let now = w.clock.now();
    let ruled = match ruling {
        Ruling::RestoreAsset(a) => {
            if let Some((mut status, _)) = w.assets.get_mut(*a) {
                status.restore_by_ruling();
            }
            Ruled::Restored(*a)
        }
        Ruling::FailAsset(a) => {
            if let Some((mut status, _)) = w.assets.get_mut(*a) {
                status.fail_by_ruling();
            }
            Ruled::Failed(*a)
        }
        Ruling::CompleteAction(seq) => match w.complete_now(*seq) {
            Some(ruled) => ruled,
            None => return not_applied(w, *seq, reason),
        },
        Ruling::CancelAction(seq) => match w.call_off(*seq) {
            Some(ruled) => ruled,
            None => return not_applied(w, *seq, reason),
        },
        Ruling::Roll { chance, what } => roll(&mut w.rng.0, *chance, what),
    };
    let about = About::Control(ControlDeed::Ruling {
        ruling: ruled,
        reason: reason.to_string(),
    });
    w.log
        .record(w.scenario, now, EventKind::Adjudication, about, &[]);
}

fn not_applied(w: &mut Operations, seq: u32, reason: &str) {
    let about = About::Control(ControlDeed::NotApplied {
        seq,
        reason: reason.to_string(),
    });
    w.log.record(
        w.scenario,
        w.clock.now(),
        EventKind::Adjudication,
        about,
        &[],
    );
}

/// A roll of the dice for an outcome the scenario does not model: one draw at `chance` (held to
/// 0..=1), told as "roll for WHAT at P%: succeeds" or "fails".
pub fn roll(rng: &mut impl rand::Rng, chance: f64, what: &str) -> Ruled {
    let p = chance.clamp(0.0, 1.0);
    let hit = rand::RngExt::random_bool(rng, p);
    Ruled::Roll {
        what: what.to_string(),
        percent: format!("{:.0}", p * 100.0),
        hit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn a_roll_is_certain_at_the_ends_and_held_to_them() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let said = |r: Ruled| match r {
            Ruled::Roll { what, percent, hit } => format!("{what} {percent} {hit}"),
            other => panic!("not a roll: {other:?}"),
        };
        assert_eq!(said(roll(&mut rng, 1.0, "the patch")), "the patch 100 true");
        assert_eq!(said(roll(&mut rng, 0.0, "x")), "x 0 false");
        assert_eq!(said(roll(&mut rng, 7.0, "x")), "x 100 true");
        assert_eq!(said(roll(&mut rng, -1.0, "x")), "x 0 false");
    }

    #[test]
    fn a_roll_draws_from_the_one_source_of_chance() {
        let draws = |seed| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            (0..32)
                .map(|_| roll(&mut rng, 0.5, "x"))
                .collect::<Vec<_>>()
        };
        assert_eq!(draws(5), draws(5));
        assert_ne!(draws(5), draws(6));
    }
}
