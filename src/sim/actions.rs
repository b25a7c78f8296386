//! Defender and government actions: whether a team may start one now (permission,
//! preconditions, staff, target, intelligence marking, authorisation by another team), the
//! actions under way, and what each does when it completes. `sim::dispatch` hands it the
//! commands it owns: starting an action, an authorisation, a ruling on an action under way.

mod effects;

use crate::sim::log::{About, Deed, Ruled};
use std::collections::BTreeSet;

use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;
use serde::Serialize;

use super::adversary::{CampaignIndex, CampaignState};
use super::assets::{AssetIndex, AssetsAndPostures, Statuses};
use super::clock::SimClock;
use super::facts::{Facts, holds};
use super::hours;
use super::intel::{IntelState, may_share};
use super::law::{self, Notice};
use super::log::{EventKind, EventLog};
use super::measures::Tallies;
use super::state::State;
use super::{ScenarioRes, SimRng};
use crate::scenario::model::{Action, ActionId, AssetId, Effect, IntelId, Scenario, TeamId};
use effects::EffectCtx;

/// An action under way.
#[derive(Clone, Debug, Serialize)]
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
        reason: Why,
        retry: bool,
    },
}

#[derive(Debug, Default, Serialize)]
pub struct ActionBook {
    next_seq: u32,
    /// Staff occupied, by team.
    pub busy: Vec<u32>,
    /// Authorisations given: (action, requester or any, authorising team).
    pub grants: BTreeSet<(ActionId, Option<TeamId>, TeamId)>,
    /// Requests waiting for authorisation, oldest first.
    pub pending: Vec<Request>,
    /// Notices owed after the fact (format 2's emergency procedure), in the order owed. Left
    /// out of the state hash when empty, so scenarios without any hash as they always did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

impl ActionBook {
    pub fn granted(&self, action: ActionId, requester: TeamId, by: TeamId) -> bool {
        self.grants.contains(&(action, Some(requester), by))
            || self.grants.contains(&(action, None, by))
    }

    /// Of `teams`, those that hold every authorisation action `id` needs (none, when it needs
    /// none: nothing is granted then).
    pub fn fully_granted(&self, id: ActionId, action: &Action, teams: &[TeamId]) -> Vec<TeamId> {
        if action.authorised_by.is_empty() {
            return Vec::new();
        }
        teams
            .iter()
            .copied()
            .filter(|t| {
                action
                    .authorised_by
                    .iter()
                    .all(|by| self.granted(id, *t, *by))
            })
            .collect()
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
#[derive(Debug, Default)]
pub struct PlanFeedback(pub Vec<(u32, Outcome)>);

/// What the start rule needs to know about the world.
pub struct Situation<'a> {
    pub scenario: &'a Scenario,
    pub facts: &'a Facts,
    pub intel: &'a IntelState,
    pub book: &'a ActionBook,
    /// Whether the same team already has this action under way.
    pub under_way: bool,
    /// The assets whose owner knows an intruder holds them; read only under the rule
    /// `evict_before_restore` (empty when the rule is off).
    pub known_held: &'a [AssetId],
}

/// Under the rule `evict_before_restore`: why a restore of `target` must wait, if it must. It
/// must while the target is encrypted and its owner knows the intruder still holds another of
/// its assets (`known_held`) that is not encrypted itself (an encrypted one's own restore evicts
/// the intruder there): the restored system would be handed back.
pub fn eviction_refusal(
    scenario: &Scenario,
    target: AssetId,
    facts: &Facts,
    known_held: &[AssetId],
) -> Option<Why> {
    let asset = scenario.asset(target);
    let encrypted = |a: AssetId| facts.assets.get(a.index()).is_some_and(|f| f.encrypted);
    let held: Vec<AssetId> = known_held
        .iter()
        .copied()
        .filter(|a| *a != target && scenario.asset(*a).owner == asset.owner && !encrypted(*a))
        .collect();
    if !encrypted(target) || held.is_empty() {
        return None;
    }
    Some(Why::EvictFirst {
        asset: target,
        held,
    })
}

/// Decides whether a request may start now.
pub fn judge(req: &Request, s: &Situation, rng: &mut impl rand::Rng) -> Verdict {
    let action = s.scenario.action(req.action);
    let team = s.scenario.team(req.team);
    let id = req.action;
    let refuse = |reason: Why| Verdict::Refuse {
        reason,
        retry: false,
    };
    if !action.teams.contains(&req.team) {
        return refuse(Why::NotTheirs {
            team: req.team,
            action: id,
        });
    }
    if !action.repeatable && (s.under_way || s.facts.done.contains_key(&(req.team, req.action))) {
        return refuse(Why::OnlyOnce(id));
    }
    match (&action.targets, req.target) {
        (Some(allowed), Some(t)) if allowed.contains(&t) => {
            if action.not_own(req.team, s.scenario.asset(t)) {
                return refuse(Why::OwnAssetsOnly {
                    action: id,
                    team: req.team,
                    asset: t,
                });
            }
        }
        (Some(_), Some(t)) => {
            return refuse(Why::NotAimedAt {
                action: id,
                asset: t,
            });
        }
        (Some(_), None) => return refuse(Why::NeedsTarget(id)),
        (None, Some(_)) => return refuse(Why::TakesNoTarget(id)),
        (None, None) => {}
    }
    // Possible once the intruder is out, without changing the request.
    if s.scenario.rules.evict_before_restore
        && action.effects.contains(&Effect::Restore)
        && let Some(t) = req.target
        && let Some(reason) = eviction_refusal(s.scenario, t, s.facts, s.known_held)
    {
        return Verdict::Refuse {
            reason,
            retry: true,
        };
    }
    if action.needs_team() {
        let Some(to) = req.to else {
            return refuse(Why::NeedsRecipient(id));
        };
        if !action.may_address(to) {
            return refuse(Why::GoesTo {
                action: id,
                to: action.to.clone(),
                not: to,
            });
        }
    }
    if action.needs_intel() {
        let Some(item) = req.intel else {
            return refuse(Why::NeedsIntel(id));
        };
        if let Some(reason) = intel_refusal(req, item, s) {
            return reason;
        }
    }
    if let Some(cond) = &action.requires
        && !holds(cond, s.facts, &s.scenario.all_measures(), rng)
    {
        return Verdict::Refuse {
            reason: Why::NotYet(id),
            retry: true,
        };
    }
    let busy = s.book.busy.get(req.team.index()).copied().unwrap_or(0);
    if busy + action.cost > team.staff {
        return Verdict::Refuse {
            reason: Why::Staff {
                busy,
                staff: team.staff,
                action: id,
                cost: action.cost,
            },
            retry: true,
        };
    }
    let missing = law::missing(
        action,
        req.action,
        s.book,
        req.team,
        s.facts,
        &s.scenario.all_measures(),
        rng,
    );
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
            reason: Why::NotHeld {
                team: req.team,
                item,
            },
            retry: true,
        });
    }
    let refuse = |reason: Why| {
        Some(Verdict::Refuse {
            reason,
            retry: false,
        })
    };
    for effect in &action.effects {
        match effect {
            Effect::Declassify { .. } if info.source != req.team => {
                return refuse(Why::OriginatorOnly {
                    what: Originator::Declassify,
                    item,
                });
            }
            Effect::Tearline if info.source != req.team => {
                return refuse(Why::OriginatorOnly {
                    what: Originator::Tearline,
                    item,
                });
            }
            Effect::Tearline if s.scenario.tearline(item).is_none() => {
                return refuse(Why::NoTearline(item));
            }
            Effect::GrantNeedToKnow if info.source != req.team => {
                return refuse(Why::OriginatorOnly {
                    what: Originator::NeedToKnow,
                    item,
                });
            }
            Effect::ShareIntel => {
                let to = req.to?;
                if let Err(why) = may_share(
                    info,
                    state,
                    req.team,
                    to,
                    s.scenario.team(to).clearance,
                    &s.scenario.team(to).nation,
                ) {
                    return Some(Verdict::Refuse {
                        reason: Why::CannotShare { item, why },
                        retry: false,
                    });
                }
            }
            Effect::Declassify { .. }
            | Effect::Tearline
            | Effect::GrantNeedToKnow
            | Effect::Isolate
            | Effect::Reconnect
            | Effect::Restore
            | Effect::Patch
            | Effect::EnableMfa
            | Effect::Backups { .. }
            | Effect::Hunt { .. }
            | Effect::Monitor { .. }
            | Effect::Segment { .. }
            | Effect::Report
            | Effect::RequestAssistance
            | Effect::PublicStatement { .. }
            | Effect::Takedown { .. }
            | Effect::ActiveDefense { .. }
            | Effect::PayRansom { .. }
            | Effect::RefuseRansom { .. }
            | Effect::Decryptor { .. }
            | Effect::Adjust { .. } => {}
        }
    }
    None
}

pub fn start(scenario: &Scenario) -> ActionBook {
    ActionBook {
        busy: vec![0; scenario.teams.len()],
        ..Default::default()
    }
}

/// The actions under way, in the order they started (by `seq`).
///
/// Actions started or ended during a phase take their place here when the phase is over
/// ([`UnderWay::settle`]): within one phase, a request sees the actions under way as they were
/// when the phase began, so the outcome of a command never depends on the one before it in the
/// same tick except through what both change in the world.
#[derive(Debug, Default)]
pub struct UnderWay {
    flights: Vec<InFlight>,
    starting: Vec<InFlight>,
    ending: Vec<u32>,
}

impl UnderWay {
    /// The actions under way, in the order they started.
    pub fn flights(&self) -> &[InFlight] {
        &self.flights
    }

    /// Ends the actions called off or completed in the phase that is over and adds those it
    /// started.
    pub(super) fn settle(&mut self) {
        if !self.ending.is_empty() {
            let ending = std::mem::take(&mut self.ending);
            self.flights.retain(|f| !ending.contains(&f.seq));
        }
        // Sequence numbers only grow, so the list stays in the order the actions started.
        self.flights.append(&mut self.starting);
    }
}

/// The parts of the world commands and completions change; `sim::dispatch` reaches the other
/// domains' parts (assets, the log, chance) through it as well. Built by the tick's systems
/// (`sim::tick`) from the resources they fetch once per tick.
pub struct Operations<'a, 'w, 's> {
    pub(super) scenario: &'a ScenarioRes,
    pub(super) clock: &'a SimClock,
    pub(super) book: &'a mut ActionBook,
    pub(super) facts: &'a mut Facts,
    pub(super) log: &'a mut EventLog,
    pub(super) intel: &'a mut IntelState,
    pub(super) tallies: &'a mut Tallies,
    pub(super) rng: &'a mut SimRng,
    pub(super) asset_index: &'a AssetIndex,
    pub(super) campaign_index: &'a CampaignIndex,
    pub(super) assets: Statuses<'a, 'w, 's>,
    pub(super) campaigns: &'a mut Query<'w, 's, &'static mut CampaignState>,
    pub(super) under_way: &'a mut UnderWay,
}

/// The parameters [`prepare`] builds its [`Operations`] from.
#[derive(SystemParam)]
pub struct Preparation<'w, 's> {
    state: ResMut<'w, State>,
    assets: AssetsAndPostures<'w, 's>,
    campaigns: Query<'w, 's, &'static mut CampaignState>,
}

/// Puts preparation done before the exercise in place: each prior decision's effects apply at
/// once, taking no time or staff (a grant by an authorising team is recorded in advance). Run
/// once, before the first tick.
pub fn prepare(In(prior): In<Vec<Request>>, mut p: Preparation) {
    let s = &mut *p.state;
    let mut w = Operations {
        scenario: &s.scenario,
        clock: &s.clock,
        book: &mut s.actions,
        facts: &mut s.facts,
        log: &mut s.log,
        intel: &mut s.intel,
        tallies: &mut s.tallies,
        rng: &mut s.rng,
        asset_index: &s.asset_index,
        campaign_index: &s.campaign_index,
        assets: Statuses::new(&s.asset_index, &mut p.assets, &mut s.touched),
        campaigns: &mut p.campaigns,
        under_way: &mut s.under_way,
    };
    for (seq, req) in prior.into_iter().enumerate() {
        let action = w.scenario.action(req.action);
        if action.authorised_by.contains(&req.team) && !action.teams.contains(&req.team) {
            w.authorise(req.team, req.action, req.to, true, false);
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
        w.complete(&flight, true);
    }
    w.under_way.settle();
}

/// The Actions phase: the actions under way that are due complete, in the order they started.
pub fn complete_actions(w: &mut Operations) {
    let now = w.clock.now();
    let due: Vec<InFlight> = w
        .under_way
        .flights
        .iter()
        .filter(|f| f.ends <= now)
        .cloned()
        .collect();
    for flight in due {
        w.under_way.ending.push(flight.seq);
        w.finish(&flight);
    }
    w.under_way.settle();
}

impl Operations<'_, '_, '_> {
    fn situation_under_way(&self, req: &Request) -> bool {
        self.under_way
            .flights
            .iter()
            .any(|f| f.team == req.team && f.action == req.action)
    }

    /// The assets whose owner knows an intruder holds them, when the rule
    /// `evict_before_restore` may refuse `req` (else none: nothing reads them).
    fn known_held(&self, req: &Request) -> Vec<AssetId> {
        let restores = self
            .scenario
            .action(req.action)
            .effects
            .contains(&Effect::Restore);
        if !(self.scenario.rules.evict_before_restore && restores) {
            return Vec::new();
        }
        self.asset_index
            .0
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                self.assets
                    .get(AssetId(*i as u32))
                    .is_some_and(|(s, _)| s.compromises.iter().any(|c| c.known_to_owner))
            })
            .map(|(i, _)| AssetId(i as u32))
            .collect()
    }

    /// Judges a request and starts, parks or refuses it; tells the team when refused if `loud`.
    pub(super) fn request(&mut self, req: Request, loud: bool) -> Outcome {
        let now = self.clock.now();
        let under_way = self.situation_under_way(&req);
        let known_held = self.known_held(&req);
        let verdict = {
            let situation = Situation {
                scenario: self.scenario,
                facts: self.facts,
                intel: self.intel,
                book: self.book,
                under_way,
                known_held: &known_held,
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
                let seq = self.log.push(now, EventKind::ActionRequested, text, &told);
                let about = About::Requested {
                    team: req.team,
                    action: req.action,
                    from,
                };
                self.log.about(seq, about);
                if !self.book.pending.contains(&req) {
                    self.book.pending.push(req);
                }
                Outcome::Accepted
            }
            Verdict::Refuse { reason, retry } => {
                if loud || !retry {
                    let words = reason.words(self.scenario, Lang::En);
                    let text = format!("{team_name} could not start \"{}\": {words}", action.name);
                    let seq = self
                        .log
                        .push(now, EventKind::ActionRefused, text, &[req.team]);
                    let about = About::Refused {
                        team: req.team,
                        action: req.action,
                        why: reason,
                    };
                    self.log.about(seq, about);
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
        let owed = law::owed(action, req.action, self.book, req.team, now);
        let seq = self.book.next_seq;
        self.book.next_seq += 1;
        self.book.busy[req.team.index()] += action.cost;
        // Outside its working hours (format 2) the team's staff are called in first.
        let team = self.scenario.team(req.team);
        let duty = hours::duty(
            self.scenario,
            team,
            now,
            self.facts,
            &self.scenario.measure_list,
        );
        let call_out = hours::call_out(team, duty);
        let ends = now + call_out + action.duration_ticks;
        let off_hours = if call_out > 0 {
            format!(
                " (off hours: staff called in, at work from {})",
                self.scenario.clock.label(now + call_out)
            )
        } else {
            String::new()
        };
        let text = format!(
            "{} started \"{}\"{}{off_hours}",
            team.name,
            action.name,
            particulars(self.scenario, req.target, req.to, req.intel)
        );
        let entry = self
            .log
            .push(now, EventKind::ActionStarted, text, &[req.team]);
        let deed = Deed {
            team: req.team,
            action: req.action,
            target: req.target,
            to: req.to,
            intel: req.intel,
        };
        let at_work = (call_out > 0).then_some(now + call_out);
        self.log.about(entry, About::Started(deed, at_work));
        for n in &owed {
            let about = About::NoticeOwed(n.clone());
            self.log.record(
                self.scenario,
                now,
                EventKind::Authorisation,
                about,
                &[req.team],
            );
        }
        self.book.notices.extend(owed);
        self.under_way.starting.push(InFlight {
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

    pub(super) fn authorise(
        &mut self,
        team: TeamId,
        action: ActionId,
        requester: Option<TeamId>,
        grant: bool,
        loud: bool,
    ) -> Outcome {
        let now = self.clock.now();
        let a = self.scenario.action(action);
        let name = self.scenario.team(team).name.clone();
        if let Some(objection) = law::authority_refusal(self.scenario, team, action) {
            let text = objection.words(self.scenario, Lang::En);
            let seq = self.log.push(now, EventKind::ActionRefused, text, &[team]);
            let about = About::Objected {
                objection,
                framed: false,
            };
            self.log.about(seq, about);
            return Outcome::Dropped;
        }
        // A step of a chain waits for the steps before it; a plan's line waits with it.
        if grant
            && let Some(objection) =
                law::out_of_order(self.scenario, action, self.book, team, requester)
        {
            if loud {
                let text = format!(
                    "{name} could not authorise \"{}\": {}",
                    a.name,
                    objection.words(self.scenario, Lang::En)
                );
                let seq = self.log.push(now, EventKind::ActionRefused, text, &[team]);
                let about = About::Objected {
                    objection,
                    framed: true,
                };
                self.log.about(seq, about);
            }
            return Outcome::Retry;
        }
        let whom = requester
            .map(|r| format!(" for {}", self.scenario.team(r).name))
            .unwrap_or_default();
        let mut told = vec![team];
        told.extend(requester);
        // Every step of a chain hears of the others: the next one knows it may now act.
        told.extend(a.steps.iter().map(|s| s.by));
        told.sort();
        told.dedup();
        if grant {
            self.book.grants.insert((action, requester, team));
            let teams = requester.map_or_else(|| a.teams.clone(), |r| vec![r]);
            for t in self.book.fully_granted(action, a, &teams) {
                self.facts.granted.entry((t, action)).or_insert(now);
            }
            let text = format!("{name} authorises \"{}\"{whom}", a.name);
            let seq = self.log.push(now, EventKind::Authorisation, text, &told);
            let about = About::Authorised {
                by: team,
                action,
                requester,
                grant,
            };
            self.log.about(seq, about);
        } else {
            self.book
                .pending
                .retain(|r| !(r.action == action && requester.is_none_or(|q| q == r.team)));
            let text = format!("{name} refuses to authorise \"{}\"{whom}", a.name);
            let seq = self.log.push(now, EventKind::Authorisation, text, &told);
            let about = About::Authorised {
                by: team,
                action,
                requester,
                grant,
            };
            self.log.about(seq, about);
        }
        Outcome::Accepted
    }

    /// Starts parked requests whose authorisations have all arrived.
    pub(super) fn retry_pending(&mut self) {
        let pending = std::mem::take(&mut self.book.pending);
        let measures = self.scenario.all_measures();
        for req in pending {
            let action = self.scenario.action(req.action);
            let all_granted = law::missing(
                action,
                req.action,
                self.book,
                req.team,
                self.facts,
                &measures,
                &mut self.rng.0,
            )
            .is_empty();
            if !all_granted {
                self.book.pending.push(req);
                continue;
            }
            if self.request(req.clone(), false) == Outcome::Retry {
                self.book.pending.push(req);
            }
        }
    }

    /// A facilitator's ruling: the action under way numbered `seq` completes in this tick's
    /// Actions phase, like any action that is due. `None` when no such action is under way.
    pub(super) fn complete_now(&mut self, seq: u32) -> Option<Ruled> {
        let now = self.clock.now();
        let flight = self.under_way.flights.iter_mut().find(|f| f.seq == seq)?;
        flight.ends = now;
        Some(Ruled::CompletesNow {
            team: flight.team,
            action: flight.action,
        })
    }

    /// A facilitator's ruling: the action under way numbered `seq` is called off and its staff
    /// are free again; its team is told. `None` when no such action is under way.
    pub(super) fn call_off(&mut self, seq: u32) -> Option<Ruled> {
        let now = self.clock.now();
        let flight = self.under_way.flights.iter().find(|f| f.seq == seq)?;
        let (team, action) = (flight.team, self.scenario.action(flight.action));
        self.under_way.ending.push(seq);
        self.book.busy[team.index()] -= action.cost;
        let about = About::CalledOff(flight.action);
        self.log
            .record(self.scenario, now, EventKind::ActionRefused, about, &[team]);
        Some(Ruled::CalledOff {
            team,
            action: flight.action,
        })
    }

    /// An action under way completes: its staff are free again and its effects apply.
    fn finish(&mut self, flight: &InFlight) {
        let cost = self.scenario.action(flight.action).cost;
        self.book.busy[flight.team.index()] -= cost;
        self.complete(flight, false);
    }

    /// Records an action as done by its team and applies its effects.
    fn complete(&mut self, flight: &InFlight, already: bool) {
        let now = self.clock.now();
        let action = self.scenario.scenario.clone();
        let action = action.action(flight.action);
        self.facts
            .done
            .entry((flight.team, flight.action))
            .or_insert(now);
        if let Some(asset) = flight.target {
            self.facts
                .done_on
                .entry((flight.team, flight.action, asset))
                .or_insert(now);
        }
        // Whom it reached: its named recipients (format 2), or the one team it was sent to.
        let reached: Vec<TeamId> = if action.recipients.is_empty() {
            flight.to.into_iter().collect()
        } else {
            action.recipients.clone()
        };
        for r in &reached {
            self.facts
                .received
                .entry((*r, flight.team, flight.action))
                .or_insert(now);
        }
        let mut told = vec![flight.team];
        told.extend(&reached);
        let deed = Deed {
            team: flight.team,
            action: flight.action,
            target: flight.target,
            to: flight.to,
            intel: flight.intel,
        };
        let about = if already {
            About::AlreadyDone(deed)
        } else {
            About::Completed(deed)
        };
        self.log
            .record(self.scenario, now, EventKind::ActionCompleted, about, &told);
        if !self.book.notices.is_empty() {
            let given = law::give_notices(self.book, flight.team, flight.action, now);
            for (notice, told) in given {
                let about = About::NoticeGiven(notice);
                self.log
                    .record(self.scenario, now, EventKind::Law, about, &told);
            }
        }
        // An action with named recipients reaches each of them in turn, in the order named.
        let each: Vec<InFlight> = if action.recipients.is_empty() {
            vec![flight.clone()]
        } else {
            action
                .recipients
                .iter()
                .map(|r| InFlight {
                    to: Some(*r),
                    ..flight.clone()
                })
                .collect()
        };
        for one in &each {
            let mut ctx = EffectCtx {
                scenario: &self.scenario.scenario,
                now,
                flight: one,
                facts: self.facts,
                log: self.log,
                intel: self.intel,
                tallies: self.tallies,
                rng: &mut self.rng.0,
                campaign_index: self.campaign_index,
                assets: self.assets.reborrow(),
                campaigns: self.campaigns,
            };
            for effect in &action.effects {
                effects::apply(effect, &mut ctx);
            }
        }
    }
}

/// What an action was taken on, for and with, as its log lines say it: " on ASSET", " to TEAM"
/// and " (item: TITLE)", each only when the action has one. Every line that names an action
/// taken names these, so a reader (and the report) can tell two shares or two reports apart.
pub fn particulars(
    scenario: &Scenario,
    target: Option<AssetId>,
    to: Option<TeamId>,
    intel: Option<IntelId>,
) -> String {
    let mut out = String::new();
    if let Some(a) = target {
        out.push_str(&format!(" on {}", scenario.asset(a).name));
    }
    if let Some(t) = to {
        out.push_str(&format!(" to {}", scenario.team(t).name));
    }
    if let Some(i) = intel {
        out.push_str(&format!(" (item: {})", scenario.intel[i.index()].title));
    }
    out
}

#[cfg(test)]
mod tests;
pub mod why;

use crate::lang::Lang;
pub use why::{Originator, Why};
