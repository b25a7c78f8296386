//! Defender and government actions: whether a team may start one now (permission,
//! preconditions, staff, target, intelligence marking, authorisation by another team), the
//! actions under way, and what each does when it completes. Also where every queued
//! [`Command`] takes effect.

mod effects;

use std::collections::BTreeSet;

use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;
use serde::Serialize;

use super::adversary::{CampaignIndex, CampaignState};
use super::assets::{AssetIndex, AssetStatus, LivePosture};
use super::clock::SimClock;
use super::facts::{Facts, holds};
use super::injects::{InjectBook, InjectStatus, held_until};
use super::intel::{IntelState, may_share};
use super::log::{EventKind, EventLog};
use super::measures::Tallies;
use super::{CommandQueue, Phase, ScenarioRes, SimRng};
use crate::command::{Command, Ruling};
use crate::scenario::model::{ActionId, AssetId, Effect, IntelId, Scenario, TeamId};
use effects::EffectCtx;

/// An action under way.
#[derive(Component, Clone, Debug, Serialize)]
pub struct InFlight {
    pub seq: u32,
    pub team: TeamId,
    pub action: ActionId,
    pub target: Option<AssetId>,
    pub to: Option<TeamId>,
    pub intel: Option<IntelId>,
    pub started: u32,
    pub ends: u32,
}

/// A team's request to start an action.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Request {
    pub team: TeamId,
    pub action: ActionId,
    pub target: Option<AssetId>,
    pub to: Option<TeamId>,
    pub intel: Option<IntelId>,
}

/// What became of a request.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Start,
    /// Waiting for these teams to authorise it.
    Await(Vec<TeamId>),
    /// Refused; `retry` when it may succeed later without anyone changing the request
    /// (a precondition not yet met, staff busy).
    Refuse {
        reason: String,
        retry: bool,
    },
}

#[derive(Resource, Debug, Default, Serialize)]
pub struct ActionBook {
    next_seq: u32,
    /// Staff occupied, by team.
    pub busy: Vec<u32>,
    /// Authorisations given: (action, requester or any, authorising team).
    pub grants: BTreeSet<(ActionId, Option<TeamId>, TeamId)>,
    /// Requests waiting for authorisation, oldest first.
    pub pending: Vec<Request>,
}

impl ActionBook {
    pub fn granted(&self, action: ActionId, requester: TeamId, by: TeamId) -> bool {
        self.grants.contains(&(action, Some(requester), by))
            || self.grants.contains(&(action, None, by))
    }
}

/// Where a plan's command ended up, reported back to the plan that issued it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    Retry,
    Dropped,
}

/// Outcomes of commands issued by plans this tick, read by the Decide phase next tick.
#[derive(Resource, Debug, Default)]
pub struct PlanFeedback(pub Vec<(u32, Outcome)>);

/// What the start rule needs to know about the world.
pub struct Situation<'a> {
    pub scenario: &'a Scenario,
    pub facts: &'a Facts,
    pub intel: &'a IntelState,
    pub book: &'a ActionBook,
    /// Whether the same team already has this action under way.
    pub under_way: bool,
}

/// Decides whether a request may start now.
pub fn judge(req: &Request, s: &Situation, rng: &mut impl rand::Rng) -> Verdict {
    let action = s.scenario.action(req.action);
    let team = s.scenario.team(req.team);
    let refuse = |reason: String| Verdict::Refuse {
        reason,
        retry: false,
    };
    if !action.teams.contains(&req.team) {
        return refuse(format!("{} cannot take \"{}\"", team.name, action.name));
    }
    if !action.repeatable && (s.under_way || s.facts.done.contains_key(&(req.team, req.action))) {
        return refuse(format!("\"{}\" can be taken only once", action.name));
    }
    match (&action.targets, req.target) {
        (Some(allowed), Some(t)) if allowed.contains(&t) => {}
        (Some(_), Some(t)) => {
            return refuse(format!(
                "\"{}\" cannot be aimed at {}",
                action.name,
                s.scenario.asset(t).name
            ));
        }
        (Some(_), None) => return refuse(format!("\"{}\" needs a target asset", action.name)),
        (None, Some(_)) => return refuse(format!("\"{}\" takes no target asset", action.name)),
        (None, None) => {}
    }
    if action.needs_team() {
        let Some(to) = req.to else {
            return refuse(format!("\"{}\" needs a recipient team", action.name));
        };
        if !action.may_address(to) {
            let names: Vec<&str> = action
                .to
                .iter()
                .map(|t| s.scenario.team(*t).name.as_str())
                .collect();
            return refuse(format!(
                "\"{}\" goes to {}, not to {}",
                action.name,
                names.join(" or "),
                s.scenario.team(to).name
            ));
        }
    }
    if action.needs_intel() {
        let Some(item) = req.intel else {
            return refuse(format!("\"{}\" needs an intelligence item", action.name));
        };
        if let Some(reason) = intel_refusal(req, item, s) {
            return reason;
        }
    }
    if let Some(cond) = &action.requires
        && !holds(cond, s.facts, &s.scenario.all_measures(), rng)
    {
        return Verdict::Refuse {
            reason: format!("\"{}\" is not possible yet", action.name),
            retry: true,
        };
    }
    let busy = s.book.busy.get(req.team.index()).copied().unwrap_or(0);
    if busy + action.cost > team.staff {
        return Verdict::Refuse {
            reason: format!(
                "not enough staff: {} of {} busy, \"{}\" needs {}",
                busy, team.staff, action.name, action.cost
            ),
            retry: true,
        };
    }
    let missing: Vec<TeamId> = action
        .authorised_by
        .iter()
        .copied()
        .filter(|by| !s.book.granted(req.action, req.team, *by))
        .collect();
    if missing.is_empty() {
        Verdict::Start
    } else {
        Verdict::Await(missing)
    }
}

fn intel_refusal(req: &Request, item: IntelId, s: &Situation) -> Option<Verdict> {
    let action = s.scenario.action(req.action);
    let info = &s.scenario.intel[item.index()];
    let state = &s.intel.items[item.index()];
    if !state.holders.contains(&req.team) {
        // It may still arrive (shared, or with an inject).
        return Some(Verdict::Refuse {
            reason: format!(
                "{} does not hold \"{}\"",
                s.scenario.team(req.team).name,
                info.title
            ),
            retry: true,
        });
    }
    let refuse = |reason: String| {
        Some(Verdict::Refuse {
            reason,
            retry: false,
        })
    };
    for effect in &action.effects {
        match effect {
            Effect::Declassify { .. } if info.source != req.team => {
                return refuse(format!(
                    "only the originator may declassify \"{}\"",
                    info.title
                ));
            }
            Effect::ShareIntel => {
                let to = req.to?;
                if let Err(why) =
                    may_share(info, state, req.team, to, s.scenario.team(to).clearance)
                {
                    return Some(Verdict::Refuse {
                        reason: format!("cannot share \"{}\": {why}", info.title),
                        retry: false,
                    });
                }
            }
            _ => {}
        }
    }
    None
}

pub fn spawn(world: &mut World, scenario: &Scenario) {
    world.insert_resource(ActionBook {
        busy: vec![0; scenario.teams.len()],
        ..Default::default()
    });
    world.insert_resource(PlanFeedback::default());
}

pub fn register(schedule: &mut Schedule) {
    schedule.add_systems(apply_commands.in_set(Phase::Commands));
    schedule.add_systems(complete_actions.in_set(Phase::Actions));
}

/// The parts of the world commands and completions change.
#[derive(SystemParam)]
pub struct Operations<'w, 's> {
    scenario: Res<'w, ScenarioRes>,
    clock: Res<'w, SimClock>,
    book: ResMut<'w, ActionBook>,
    facts: ResMut<'w, Facts>,
    log: ResMut<'w, EventLog>,
    intel: ResMut<'w, IntelState>,
    tallies: ResMut<'w, Tallies>,
    rng: ResMut<'w, SimRng>,
    asset_index: Res<'w, AssetIndex>,
    campaign_index: Res<'w, CampaignIndex>,
    assets: Query<'w, 's, (&'static mut AssetStatus, &'static mut LivePosture)>,
    campaigns: Query<'w, 's, &'static mut CampaignState>,
    in_flight: Query<'w, 's, (Entity, &'static mut InFlight)>,
    commands: Commands<'w, 's>,
}

fn apply_commands(
    mut w: Operations,
    mut queue: ResMut<CommandQueue>,
    mut injects: ResMut<InjectBook>,
    mut feedback: ResMut<PlanFeedback>,
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
            } => w.authorise(team, action, requester, grant),
            Command::FireInject { inject } => {
                if let Some(s) = injects.status.get_mut(inject.index())
                    && matches!(s, InjectStatus::Waiting)
                {
                    *s = InjectStatus::Forced;
                }
                Outcome::Accepted
            }
            Command::SkipInject { inject } => {
                if let Some(s) = injects.status.get_mut(inject.index())
                    && matches!(s, InjectStatus::Waiting | InjectStatus::Forced)
                {
                    *s = InjectStatus::Skipped(now);
                    let text = format!(
                        "Inject \"{}\" withdrawn",
                        w.scenario.injects[inject.index()].subject
                    );
                    w.log.push(now, EventKind::InjectSkipped, text, &[]);
                }
                Outcome::Accepted
            }
            Command::DelayInject { inject, ticks } => {
                if let Some(nb) = injects.not_before.get_mut(inject.index()) {
                    let s = &w.scenario.injects[inject.index()];
                    *nb = held_until(s, now, *nb, ticks);
                    let text = format!(
                        "Inject \"{}\" held back until {}",
                        s.subject,
                        w.scenario.clock.label(*nb)
                    );
                    w.log.push(now, EventKind::InjectSkipped, text, &[]);
                }
                Outcome::Accepted
            }
            Command::EditInject { inject, text } => {
                if let Some(e) = injects.edited.get_mut(inject.index()) {
                    *e = Some(text);
                    let s = &w.scenario.injects[inject.index()];
                    w.log.push(
                        now,
                        EventKind::Note,
                        format!("Inject \"{}\" rewritten", s.subject),
                        &[],
                    );
                }
                Outcome::Accepted
            }
            Command::Message { from, to, text } => {
                let names: Vec<&str> = to
                    .iter()
                    .map(|t| w.scenario.team(*t).name.as_str())
                    .collect();
                let line = format!(
                    "Message from {} to {}",
                    w.scenario.team(from).name,
                    names.join(", ")
                );
                let mut told = to.clone();
                told.push(from);
                w.log
                    .push_detailed(now, EventKind::Message, line, Some(text), &told);
                Outcome::Accepted
            }
            Command::Adjudicate { ruling, reason } => {
                w.adjudicate(&ruling, &reason);
                Outcome::Accepted
            }
            Command::Note { text, objective } => {
                let about = objective
                    .map(|o| format!(" [{}]", w.scenario.objectives[o.index()].id))
                    .unwrap_or_default();
                w.log
                    .push(now, EventKind::Note, format!("Note{about}: {text}"), &[]);
                Outcome::Accepted
            }
        };
        if let Some(plan) = queued.plan {
            feedback.0.push((plan, outcome));
        }
    }
    w.retry_pending();
}

/// Puts preparation done before the exercise in place: each prior decision's effects apply at
/// once, taking no time or staff (a grant by an authorising team is recorded in advance). Run
/// once, before the first tick.
pub fn prepare(In(prior): In<Vec<Request>>, mut w: Operations) {
    for (seq, req) in prior.into_iter().enumerate() {
        let action = w.scenario.action(req.action);
        if action.authorised_by.contains(&req.team) && !action.teams.contains(&req.team) {
            w.authorise(req.team, req.action, req.to, true);
            continue;
        }
        let flight = InFlight {
            seq: seq as u32,
            team: req.team,
            action: req.action,
            target: req.target,
            to: req.to,
            intel: req.intel,
            started: 0,
            ends: 0,
        };
        w.complete(&flight, "had already done");
    }
}

fn complete_actions(mut w: Operations) {
    let now = w.clock.now();
    let mut due: Vec<(Entity, InFlight)> = w
        .in_flight
        .iter()
        .filter(|(_, f)| f.ends <= now)
        .map(|(e, f)| (e, f.clone()))
        .collect();
    due.sort_by_key(|(_, f)| f.seq);
    for (entity, flight) in due {
        w.commands.entity(entity).despawn();
        w.finish(&flight);
    }
}

impl Operations<'_, '_> {
    fn situation_under_way(&self, req: &Request) -> bool {
        self.in_flight
            .iter()
            .any(|(_, f)| f.team == req.team && f.action == req.action)
    }

    /// Judges a request and starts, parks or refuses it; tells the team when refused if `loud`.
    fn request(&mut self, req: Request, loud: bool) -> Outcome {
        let now = self.clock.now();
        let under_way = self.situation_under_way(&req);
        let verdict = {
            let situation = Situation {
                scenario: &self.scenario,
                facts: &self.facts,
                intel: &self.intel,
                book: &self.book,
                under_way,
            };
            judge(&req, &situation, &mut self.rng.0)
        };
        let action = self.scenario.action(req.action).clone();
        let team_name = self.scenario.team(req.team).name.clone();
        match verdict {
            Verdict::Start => {
                self.start(req);
                Outcome::Accepted
            }
            Verdict::Await(from) => {
                let names: Vec<&str> = from
                    .iter()
                    .map(|t| self.scenario.team(*t).name.as_str())
                    .collect();
                let text = format!(
                    "{team_name} asks {} to authorise \"{}\"",
                    names.join(" and "),
                    action.name
                );
                let mut told = from.clone();
                told.push(req.team);
                self.log.push(now, EventKind::ActionRequested, text, &told);
                if !self.book.pending.contains(&req) {
                    self.book.pending.push(req);
                }
                Outcome::Accepted
            }
            Verdict::Refuse { reason, retry } => {
                if loud || !retry {
                    let text = format!("{team_name} could not start \"{}\": {reason}", action.name);
                    self.log
                        .push(now, EventKind::ActionRefused, text, &[req.team]);
                }
                if retry {
                    Outcome::Retry
                } else {
                    Outcome::Dropped
                }
            }
        }
    }

    fn start(&mut self, req: Request) {
        let now = self.clock.now();
        let action = self.scenario.action(req.action);
        let seq = self.book.next_seq;
        self.book.next_seq += 1;
        self.book.busy[req.team.index()] += action.cost;
        let ends = now + action.duration_ticks;
        let on = req
            .target
            .map(|t| format!(" on {}", self.scenario.asset(t).name))
            .unwrap_or_default();
        let text = format!(
            "{} started \"{}\"{on}",
            self.scenario.team(req.team).name,
            action.name
        );
        self.log
            .push(now, EventKind::ActionStarted, text, &[req.team]);
        self.commands.spawn(InFlight {
            seq,
            team: req.team,
            action: req.action,
            target: req.target,
            to: req.to,
            intel: req.intel,
            started: now,
            ends,
        });
    }

    fn authorise(
        &mut self,
        team: TeamId,
        action: ActionId,
        requester: Option<TeamId>,
        grant: bool,
    ) -> Outcome {
        let now = self.clock.now();
        let a = self.scenario.action(action);
        let name = self.scenario.team(team).name.clone();
        if !a.authorised_by.contains(&team) {
            let text = format!("{name} has no authority over \"{}\"", a.name);
            self.log.push(now, EventKind::ActionRefused, text, &[team]);
            return Outcome::Dropped;
        }
        let whom = requester
            .map(|r| format!(" for {}", self.scenario.team(r).name))
            .unwrap_or_default();
        let mut told = vec![team];
        told.extend(requester);
        if grant {
            self.book.grants.insert((action, requester, team));
            let text = format!("{name} authorises \"{}\"{whom}", a.name);
            self.log.push(now, EventKind::Authorisation, text, &told);
        } else {
            self.book
                .pending
                .retain(|r| !(r.action == action && requester.is_none_or(|q| q == r.team)));
            let text = format!("{name} refuses to authorise \"{}\"{whom}", a.name);
            self.log.push(now, EventKind::Authorisation, text, &told);
        }
        Outcome::Accepted
    }

    /// Starts parked requests whose authorisations have all arrived.
    fn retry_pending(&mut self) {
        let pending = std::mem::take(&mut self.book.pending);
        for req in pending {
            let action = self.scenario.action(req.action);
            let all_granted = action
                .authorised_by
                .iter()
                .all(|by| self.book.granted(req.action, req.team, *by));
            if !all_granted {
                self.book.pending.push(req);
                continue;
            }
            if self.request(req.clone(), false) == Outcome::Retry {
                self.book.pending.push(req);
            }
        }
    }

    fn adjudicate(&mut self, ruling: &Ruling, reason: &str) {
        let now = self.clock.now();
        let text = match ruling {
            Ruling::RestoreAsset(a) | Ruling::FailAsset(a) => {
                let restore = matches!(ruling, Ruling::RestoreAsset(_));
                if let Ok((mut status, _)) = self.assets.get_mut(self.asset_index.get(*a)) {
                    if restore {
                        let level = status.level;
                        *status = AssetStatus {
                            level,
                            ..AssetStatus::default()
                        };
                    } else {
                        status.failed = true;
                    }
                }
                let verb = if restore { "restored" } else { "failed" };
                format!("{} {verb}", self.scenario.asset(*a).name)
            }
            Ruling::CompleteAction(seq) | Ruling::CancelAction(seq) => {
                let Some((entity, mut flight)) =
                    self.in_flight.iter_mut().find(|(_, f)| f.seq == *seq)
                else {
                    let text = format!(
                        "Facilitator ruling not applied: no action #{seq} under way ({reason})"
                    );
                    self.log.push(now, EventKind::Adjudication, text, &[]);
                    return;
                };
                let name = self.scenario.action(flight.action).name.clone();
                let team = flight.team;
                if matches!(ruling, Ruling::CompleteAction(_)) {
                    // It completes in this tick's Actions phase, like any action that is due.
                    flight.ends = now;
                    format!(
                        "\"{name}\" by {} completes now",
                        self.scenario.team(team).name
                    )
                } else {
                    let cost = self.scenario.action(flight.action).cost;
                    self.commands.entity(entity).despawn();
                    self.book.busy[team.index()] -= cost;
                    let text = format!("\"{name}\" was called off by the facilitator");
                    self.log.push(now, EventKind::ActionRefused, text, &[team]);
                    format!("\"{name}\" by {} called off", self.scenario.team(team).name)
                }
            }
            Ruling::Roll { chance, what } => {
                let p = chance.clamp(0.0, 1.0);
                let hit = rand::RngExt::random_bool(&mut self.rng.0, p);
                let result = if hit { "succeeds" } else { "fails" };
                format!("roll for {what} at {:.0}%: {result}", p * 100.0)
            }
        };
        self.log.push(
            now,
            EventKind::Adjudication,
            format!("Facilitator ruling: {text} ({reason})"),
            &[],
        );
    }

    /// An action under way completes: its staff are free again and its effects apply.
    fn finish(&mut self, flight: &InFlight) {
        let cost = self.scenario.action(flight.action).cost;
        self.book.busy[flight.team.index()] -= cost;
        self.complete(flight, "completed");
    }

    /// Records an action as done by its team and applies its effects.
    fn complete(&mut self, flight: &InFlight, verb: &str) {
        let now = self.clock.now();
        let action = self.scenario.scenario.clone();
        let action = action.action(flight.action);
        self.facts
            .done
            .entry((flight.team, flight.action))
            .or_insert(now);
        let mut told = vec![flight.team];
        told.extend(flight.to);
        let text = format!(
            "{} {verb} \"{}\"",
            self.scenario.team(flight.team).name,
            action.name
        );
        self.log.push(now, EventKind::ActionCompleted, text, &told);
        let mut ctx = EffectCtx {
            scenario: &self.scenario.scenario,
            now,
            flight,
            facts: &mut self.facts,
            log: &mut self.log,
            intel: &mut self.intel,
            tallies: &mut self.tallies,
            rng: &mut self.rng.0,
            asset_index: &self.asset_index,
            campaign_index: &self.campaign_index,
            assets: &mut self.assets,
            campaigns: &mut self.campaigns,
        };
        for effect in &action.effects {
            effects::apply(effect, &mut ctx);
        }
    }
}
