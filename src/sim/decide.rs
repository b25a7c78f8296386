//! Decisions the simulation makes for teams: the doctrine of teams played by the simulation and
//! the lines of a decisions file. Each rule waits for its condition, then its delay, then issues
//! one command, retrying on later ticks while the action is not yet possible.

use super::State;
use bevy_ecs::prelude::*;

use super::actions::{ActionBook, Outcome, PlanFeedback, Request};
use super::clock::SimClock;
use super::facts::{Facts, holds};
use super::{CommandQueue, Queued, ScenarioRes, SimRng};
use crate::command::Command;
use crate::scenario::model::{Decisions, PlayedBy, Rule, Scenario, TeamId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanState {
    /// Waiting for its condition.
    Watching,
    /// Condition held at this tick; acting once the delay has passed.
    Armed(u32),
    /// Its command is out, awaiting the outcome.
    Issued(u32),
    Done,
}

#[derive(Clone, Debug)]
pub struct Plan {
    pub team: TeamId,
    pub rule: Rule,
    pub state: PlanState,
}

#[derive(Debug, Default)]
pub struct Plans(pub Vec<Plan>);

/// The command a rule issues for a team: an authorising team "taking" an action it must
/// authorise grants it (to the rule's `to` team, or to anyone), or refuses it when the rule says
/// `refuse`.
pub fn command_for(scenario: &Scenario, team: TeamId, rule: &Rule) -> Command {
    let action = scenario.action(rule.action);
    if action.authorised_by.contains(&team) && !action.teams.contains(&team) {
        Command::Authorise {
            team,
            action: rule.action,
            requester: rule.to,
            grant: !rule.refuse,
        }
    } else {
        Command::Act {
            team,
            action: rule.action,
            target: rule.target,
            to: rule.to,
            intel: rule.intel,
        }
    }
}

/// Whether a refusal by a rule has something to answer: a request for its action, from its `to`
/// team (or any), waiting for authorisation. A refusal waits for one; any other rule never does.
pub fn has_answer(rule: &Rule, pending: &[Request]) -> bool {
    !rule.refuse
        || pending
            .iter()
            .any(|r| r.action == rule.action && rule.to.is_none_or(|t| t == r.team))
}

/// Next state of a plan this tick, given whether its condition holds and how its last command fared.
pub fn advance(
    state: &PlanState,
    now: u32,
    condition_holds: bool,
    outcome: Option<Outcome>,
) -> PlanState {
    match (state, outcome) {
        (PlanState::Issued(_), Some(Outcome::Accepted | Outcome::Dropped)) => PlanState::Done,
        (PlanState::Issued(armed), Some(Outcome::Retry)) => PlanState::Armed(*armed),
        (PlanState::Watching, _) if condition_holds => PlanState::Armed(now),
        (s, _) => s.clone(),
    }
}

pub fn start(scenario: &Scenario) -> Plans {
    let plans = scenario
        .teams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.played_by == PlayedBy::Simulation)
        .flat_map(|(i, t)| {
            t.doctrine.iter().map(move |r| Plan {
                team: TeamId(i as u32),
                rule: r.clone(),
                state: PlanState::Watching,
            })
        })
        .collect();
    Plans(plans)
}

/// Adds a decisions file's lines as plans.
pub fn script(world: &mut World, decisions: &Decisions) {
    let plans = &mut world.resource_mut::<State>().into_inner().plans;
    for (team, rule) in &decisions.decisions {
        plans.0.push(Plan {
            team: *team,
            rule: rule.clone(),
            state: PlanState::Watching,
        });
    }
}

#[allow(clippy::too_many_arguments)]
pub fn follow_plans(
    scenario: &ScenarioRes,
    clock: &SimClock,
    facts: &Facts,
    book: &ActionBook,
    plans: &mut Plans,
    feedback: &mut PlanFeedback,
    queue: &mut CommandQueue,
    rng: &mut SimRng,
) {
    let now = clock.now();
    // How each plan's last command fared (the last word on it, if several).
    let outcome_of = |i: usize| {
        feedback
            .0
            .iter()
            .rev()
            .find(|(plan, _)| *plan as usize == i)
            .map(|(_, outcome)| *outcome)
    };
    for (i, plan) in plans.0.iter_mut().enumerate() {
        if plan.state == PlanState::Done {
            continue;
        }
        let watching = plan.state == PlanState::Watching;
        let cond = watching && holds(&plan.rule.when, facts, &scenario.measure_list, &mut rng.0);
        plan.state = advance(&plan.state, now, cond, outcome_of(i));
        if let PlanState::Armed(at) = plan.state
            && now >= at + plan.rule.delay_ticks
            && has_answer(&plan.rule, &book.pending)
        {
            let command = command_for(scenario, plan.team, &plan.rule);
            queue.0.push(Queued {
                command,
                plan: Some(i as u32),
            });
            plan.state = PlanState::Issued(at);
        }
    }
    feedback.0.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_waits_for_a_request_to_refuse() {
        use crate::scenario::model::{ActionId, Condition};
        let (act, other) = (ActionId(2), ActionId(3));
        let (sdf, police) = (TeamId(1), TeamId(2));
        let rule = |refuse, to| Rule {
            when: Condition::Always,
            delay_ticks: 0,
            action: act,
            target: None,
            to,
            intel: None,
            refuse,
        };
        let request = |team, action| Request {
            team,
            action,
            target: None,
            to: None,
            intel: None,
        };
        assert!(
            has_answer(&rule(false, None), &[]),
            "a grant needs no request"
        );
        assert!(!has_answer(&rule(true, None), &[]));
        assert!(!has_answer(&rule(true, None), &[request(sdf, other)]));
        assert!(has_answer(&rule(true, None), &[request(sdf, act)]));
        assert!(!has_answer(&rule(true, Some(police)), &[request(sdf, act)]));
        assert!(has_answer(&rule(true, Some(sdf)), &[request(sdf, act)]));
    }

    #[test]
    fn plans_arm_on_their_condition_and_finish_once_accepted() {
        let s = advance(&PlanState::Watching, 5, false, None);
        assert_eq!(s, PlanState::Watching);
        let s = advance(&s, 6, true, None);
        assert_eq!(s, PlanState::Armed(6));
        assert_eq!(
            advance(&PlanState::Issued(6), 9, false, Some(Outcome::Retry)),
            PlanState::Armed(6)
        );
        assert_eq!(
            advance(&PlanState::Issued(6), 9, false, Some(Outcome::Accepted)),
            PlanState::Done
        );
        assert_eq!(
            advance(&PlanState::Issued(6), 9, false, Some(Outcome::Dropped)),
            PlanState::Done
        );
        assert_eq!(
            advance(&PlanState::Issued(6), 9, false, None),
            PlanState::Issued(6)
        );
    }
}
