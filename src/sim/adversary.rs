//! Adversary campaigns: each a graph of ATT&CK-tagged stages that the simulation plays out
//! against the targets' posture. A stage waits for the stages before it, attempts its first
//! reachable target for a drawn dwell time, then succeeds or fails against the posture's
//! counters; success applies its effect (a hidden foothold, encryption, theft, disruption).

use std::collections::BTreeMap;

use bevy_ecs::prelude::*;
use rand::RngExt;
use serde::Serialize;

use super::assets::{AssetIndex, AssetStatus, Compromise, Statuses};
use super::clock::SimClock;
use super::facts::{Facts, holds};
use super::log::{About, Attack, EventKind, EventLog, Hit, Setback};
use super::measures::Tallies;
use super::{ScenarioRes, SimRng};
use crate::scenario::model::{
    AssetId, Campaign, CampaignId, Control, Posture, Scenario, Stage, StageEffect, StageRef, TeamId,
};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum StageState {
    /// Not under way; `attempts` made so far.
    Waiting {
        attempts: u32,
    },
    Attempting {
        target: AssetId,
        ends: u32,
        attempt: u32,
    },
    Succeeded(u32),
    Failed(u32),
}

impl StageState {
    /// The state in a word or two, the same wherever a stage is shown.
    pub fn label(&self) -> &'static str {
        match self {
            StageState::Waiting { attempts: 0 } => "not reached",
            StageState::Waiting { .. } => "retrying",
            StageState::Attempting { .. } => "under way",
            StageState::Succeeded(_) => "succeeded",
            StageState::Failed(_) => "failed",
        }
    }

    /// The state with its particulars, the one wording of the console, `kunren run` and the
    /// report: "not reached", "retrying (2 failed)", "under way on vpn until Mon 03 Jul 02:15",
    /// "succeeded Mon 03 Jul 02:15", "failed Tue 04 Jul 09:00".
    pub fn describe(&self, scenario: &Scenario) -> String {
        self.describe_in(scenario, crate::lang::Lang::En)
    }

    /// The same in `lang`: "未到達", "再試行中（2回失敗）", "実施中（対象: vpn、7月3日(月) 02:15まで）".
    pub fn describe_in(&self, scenario: &Scenario, lang: crate::lang::Lang) -> String {
        if lang == crate::lang::Lang::Ja {
            let at = |t: &u32| scenario.clock.label_lang(*t, lang);
            return match self {
                StageState::Waiting { attempts: 0 } => "未到達".into(),
                StageState::Waiting { attempts } => format!("再試行中（{attempts}回失敗）"),
                StageState::Attempting { target, ends, .. } => format!(
                    "実施中（対象: {}、{}まで）",
                    scenario.asset(*target).id,
                    at(ends)
                ),
                StageState::Succeeded(t) => format!("成功 {}", at(t)),
                StageState::Failed(t) => format!("失敗 {}", at(t)),
            };
        }
        let label = self.label();
        match self {
            StageState::Waiting { attempts: 0 } => label.to_string(),
            StageState::Waiting { attempts } => format!("{label} ({attempts} failed)"),
            StageState::Attempting { target, ends, .. } => format!(
                "{label} on {} until {}",
                scenario.asset(*target).id,
                scenario.clock.label(*ends)
            ),
            StageState::Succeeded(t) | StageState::Failed(t) => {
                format!("{label} {}", scenario.clock.label(*t))
            }
        }
    }
}

#[derive(Component, Clone, Debug, Serialize)]
pub struct CampaignState {
    pub id: CampaignId,
    pub started: Option<u32>,
    /// Stopped by a takedown or an active-defence operation.
    pub halted: Option<u32>,
    pub stages: Vec<StageState>,
    /// When the campaign first got into each team's estate (drives backup cleanliness).
    pub first_intrusion: BTreeMap<TeamId, u32>,
    /// For access held at the start: how long before the start the intruder got into each
    /// team's estate, in minutes (added to its age since `first_intrusion`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub held_before: BTreeMap<TeamId, u32>,
    pub ransom_paid: bool,
    /// When a decryptor for its encryption came to hand other than by paying (obtained, or
    /// seized in a takedown): its victims' encrypted assets are decrypted, not rebuilt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decryptor: Option<u32>,
    /// Every asset any stage aims at: the only places a foothold can be.
    #[serde(skip)]
    pub reach: Vec<AssetId>,
    /// Exfiltration as a rate (format 2), by stage: what each drain has taken so far, and
    /// whether it flowed last tick.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub drains: BTreeMap<u32, Drained>,
}

/// A drain's progress: records taken, and whether they were leaving at the last tick.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Drained {
    pub taken: f64,
    pub flowing: bool,
}

/// Records a drain takes this tick: its rate for one tick, never past its cap.
pub fn drain_step(per_tick: f64, up_to: Option<u64>, taken: f64) -> f64 {
    let room = up_to.map_or(f64::INFINITY, |cap| (cap as f64 - taken).max(0.0));
    per_tick.min(room)
}

/// Campaign entities by [`CampaignId`].
#[derive(Debug, Default)]
pub struct CampaignIndex(pub Vec<Entity>);

/// Chance that an attempt succeeds against a target with this posture.
pub fn success_chance(stage: &Stage, posture: &Posture) -> f64 {
    let mut p = stage.chance;
    for control in &stage.countered_by {
        p *= match control {
            Control::Patching => 1.0 - 0.9 * posture.patching,
            Control::Mfa if posture.mfa => 0.15,
            Control::Mfa => 1.0,
            Control::Segmentation => 1.0 - 0.7 * posture.segmentation,
            Control::Monitoring => 1.0 - 0.5 * posture.monitoring,
        };
    }
    p.clamp(0.0, 1.0)
}

/// Whether a stage needs the campaign to hold a foothold: past the way in, or when it is
/// worked from given assets (`from`).
pub fn needs_foothold(stage: &Stage) -> bool {
    !stage.after.is_empty() || stage.from.is_some()
}

/// Whether a waiting stage may begin: its predecessors succeeded and, when it needs one, the
/// campaign still holds the foothold it is worked from (`has_foothold`: on one of its `from`
/// assets, or without `from` anywhere).
pub fn prerequisites_met(stage: &Stage, states: &[StageState], has_foothold: bool) -> bool {
    let after_done = stage
        .after
        .iter()
        .all(|a| matches!(states.get(*a as usize), Some(StageState::Succeeded(_))));
    after_done && (!needs_foothold(stage) || has_foothold)
}

/// The targets a stage can reach now: those not cut off by isolation.
pub fn reachable(stage: &Stage, isolated: impl Fn(AssetId) -> bool) -> Vec<AssetId> {
    stage
        .targets
        .iter()
        .copied()
        .filter(|a| !isolated(*a))
        .collect()
}

/// Defence evasion on one asset: its monitoring falls by `monitoring` (never below none), and
/// each foothold of `campaign` there is noticed with the share `detection` less chance.
pub fn evade(
    posture: &mut Posture,
    compromises: &mut [Compromise],
    campaign: CampaignId,
    monitoring: f64,
    detection: f64,
) {
    posture.monitoring = (posture.monitoring - monitoring).max(0.0);
    for c in compromises.iter_mut().filter(|c| c.campaign == campaign) {
        c.detection *= 1.0 - detection.clamp(0.0, 1.0);
    }
}

/// Effects the owner cannot fail to notice.
pub fn is_overt(effect: &StageEffect) -> bool {
    !effect.is_covert()
}

/// Spawns each campaign's entity, with the access it holds at the start (its stages done, its
/// footholds in the assets, its lines in the log); returns where each is.
pub fn spawn(
    world: &mut World,
    scenario: &Scenario,
    index: &AssetIndex,
    facts: &mut Facts,
    log: &mut EventLog,
) -> CampaignIndex {
    let mut entities = Vec::with_capacity(scenario.campaigns.len());
    for (i, c) in scenario.campaigns.iter().enumerate() {
        let (state, footholds) = opening(CampaignId(i as u32), c, scenario);
        for (s, stage_state) in state.stages.iter().enumerate() {
            if let StageState::Succeeded(t) = stage_state {
                let sref = StageRef {
                    campaign: state.id,
                    stage: s as u32,
                };
                facts.stages.insert(sref, *t);
            }
        }
        for (asset, compromise) in footholds {
            let entity = index.get(asset);
            if let Some(mut status) = world.get_mut::<AssetStatus>(entity) {
                status.add_compromise(compromise);
            }
        }
        for h in &c.held_at_start {
            let about = About::Attack(Attack::HeldAtStart {
                stage: StageRef {
                    campaign: state.id,
                    stage: h.stage,
                },
                assets: h.assets.len() as u32,
            });
            log.record(scenario, 0, EventKind::StageSucceeded, about, &[c.team]);
        }
        entities.push(world.spawn(state).id());
    }
    CampaignIndex(entities)
}

/// The state a campaign begins the exercise in, and the footholds it holds then: every stage
/// waiting, except those held at the start and the stages they come after, which succeeded at
/// tick 0; each held asset compromised by its stage, unknown to its owner, with the intrusion
/// dated back by the holding's `since`.
pub fn opening(
    id: CampaignId,
    c: &Campaign,
    scenario: &Scenario,
) -> (CampaignState, Vec<(AssetId, Compromise)>) {
    let mut state = initial_state(id, c);
    for (s, held) in c.succeeded_at_start().into_iter().enumerate() {
        if held {
            state.stages[s] = StageState::Succeeded(0);
        }
    }
    let mut footholds = Vec::new();
    for h in &c.held_at_start {
        let stage = &c.stages[h.stage as usize];
        for &asset in &h.assets {
            let owner = scenario.asset(asset).owner;
            state.first_intrusion.insert(owner, 0);
            let before = state.held_before.entry(owner).or_insert(0);
            *before = (*before).max(h.since_minutes);
            footholds.push((
                asset,
                Compromise {
                    campaign: id,
                    stage: h.stage,
                    since: 0,
                    detection: stage.detection,
                    known_to_owner: false,
                },
            ));
        }
    }
    (state, footholds)
}

fn initial_state(id: CampaignId, c: &Campaign) -> CampaignState {
    let mut reach: Vec<AssetId> = c
        .stages
        .iter()
        .flat_map(|s| s.targets.iter().copied())
        .collect();
    reach.sort_unstable();
    reach.dedup();
    CampaignState {
        id,
        started: None,
        halted: None,
        stages: vec![StageState::Waiting { attempts: 0 }; c.stages.len()],
        first_intrusion: BTreeMap::new(),
        held_before: BTreeMap::new(),
        ransom_paid: false,
        decryptor: None,
        reach,
        drains: BTreeMap::new(),
    }
}

/// Everything a campaign's turn touches besides its own state.
struct Turn<'a, 'w, 's> {
    scenario: &'a Scenario,
    measures: &'a [crate::scenario::model::Measure],
    now: u32,
    assets: Statuses<'a, 'w, 's>,
    facts: &'a mut Facts,
    log: &'a mut EventLog,
    tallies: &'a mut Tallies,
    rng: &'a mut rand_chacha::ChaCha8Rng,
}

#[allow(clippy::too_many_arguments)]
pub fn advance_campaigns(
    scenario: &ScenarioRes,
    clock: &SimClock,
    campaign_index: &CampaignIndex,
    campaigns: &mut Query<&mut CampaignState>,
    assets: &mut Statuses,
    facts: &mut Facts,
    log: &mut EventLog,
    tallies: &mut Tallies,
    rng: &mut SimRng,
) {
    let mut turn = Turn {
        scenario: &scenario.scenario,
        measures: &scenario.measure_list,
        now: clock.now(),
        assets: assets.reborrow(),
        facts: &mut *facts,
        log: &mut *log,
        tallies: &mut *tallies,
        rng: &mut rng.0,
    };
    for &entity in &campaign_index.0 {
        if let Ok(mut state) = campaigns.get_mut(entity) {
            turn.play(&mut state);
        }
    }
}

impl Turn<'_, '_, '_> {
    /// Logs one of the attacker's lines, worded from what it records, for `told`.
    fn tell(&mut self, kind: EventKind, about: About, told: &[TeamId]) {
        self.log.record(self.scenario, self.now, kind, about, told);
    }

    fn play(&mut self, state: &mut CampaignState) {
        let campaign = &self.scenario.campaigns[state.id.index()];
        if state.halted.is_some() {
            return;
        }
        if state.started.is_none() {
            let go = campaign
                .starts
                .as_ref()
                .is_none_or(|c| holds(c, self.facts, self.measures, self.rng));
            if !go {
                return;
            }
            state.started = Some(self.now);
            let about = About::Attack(Attack::Started(state.id));
            self.tell(EventKind::CampaignStarted, about, &[campaign.team]);
        }
        for s in 0..campaign.stages.len() {
            self.play_stage(state, campaign, s);
        }
        for s in 0..campaign.stages.len() {
            self.drain(state, campaign, s);
        }
    }

    fn holds_any(&self, state: &CampaignState, assets: &[AssetId]) -> bool {
        assets.iter().any(|a| {
            self.assets
                .get(*a)
                .is_some_and(|(status, _)| status.foothold_of(state.id))
        })
    }

    /// Whether the campaign holds the foothold a stage is worked from: on one of its `from`
    /// assets, or, without `from`, anywhere in its reach.
    fn has_footing(&self, state: &CampaignState, stage: &Stage) -> bool {
        match &stage.from {
            Some(from) => self.holds_any(state, from),
            None => self.holds_any(state, &state.reach),
        }
    }

    /// A drain (exfiltration as a rate) takes its tick's records while the intruder holds the
    /// target, the foothold the stage is worked from and its `when`, until its cap is reached.
    fn drain(&mut self, state: &mut CampaignState, campaign: &Campaign, s: usize) {
        let stage = &campaign.stages[s];
        let StageEffect::Drain {
            per_tick, up_to, ..
        } = stage.effect
        else {
            return;
        };
        if !matches!(state.stages[s], StageState::Succeeded(_)) {
            return;
        }
        let mut was = state.drains.get(&(s as u32)).cloned().unwrap_or_default();
        if up_to.is_some_and(|cap| was.taken >= cap as f64) {
            return;
        }
        let sref = StageRef {
            campaign: state.id,
            stage: s as u32,
        };
        let why_not = if !self.holds_any(state, &stage.targets) {
            Some(Setback::NoLongerHolds)
        } else if needs_foothold(stage) && !self.has_footing(state, stage) {
            Some(Setback::LostFooting(sref))
        } else if let Some(cond) = &stage.when
            && !holds(cond, self.facts, self.measures, self.rng)
        {
            Some(Setback::WayOutClosed)
        } else {
            None
        };
        let started = state.drains.contains_key(&(s as u32));
        let told = [campaign.team];
        match why_not {
            Some(why) if was.flowing => {
                let about = About::Attack(Attack::DrainStopped {
                    stage: sref,
                    records: crate::number::whole(was.taken.floor()),
                    why,
                });
                self.tell(EventKind::StageFailed, about, &told);
            }
            None if started && !was.flowing => {
                let about = About::Attack(Attack::DrainResumes(sref));
                self.tell(EventKind::StageBegan, about, &told);
            }
            Some(_) | None => {}
        }
        was.flowing = why_not.is_none();
        if was.flowing {
            let take = drain_step(per_tick, up_to, was.taken);
            was.taken += take;
            self.tallies.records_exposed += take;
            self.tallies.records_this_tick += take;
            if up_to.is_some_and(|cap| was.taken >= cap as f64) {
                let about = About::Attack(Attack::DrainDone {
                    stage: sref,
                    records: crate::number::whole(was.taken.floor()),
                });
                self.tell(EventKind::StageSucceeded, about, &told);
            }
        }
        state.drains.insert(s as u32, was);
    }

    fn is_isolated(&self, a: AssetId) -> bool {
        self.assets.get(a).is_some_and(|(s, _)| s.isolated)
    }

    fn play_stage(&mut self, state: &mut CampaignState, campaign: &Campaign, s: usize) {
        let stage = &campaign.stages[s];
        let sref = StageRef {
            campaign: state.id,
            stage: s as u32,
        };
        match state.stages[s].clone() {
            StageState::Waiting { attempts } => {
                if !prerequisites_met(stage, &state.stages, self.has_footing(state, stage)) {
                    return;
                }
                if let Some(cond) = &stage.when
                    && !holds(cond, self.facts, self.measures, self.rng)
                {
                    return;
                }
                let Some(&target) = reachable(stage, |a| self.is_isolated(a)).first() else {
                    return;
                };
                let (lo, hi) = stage.dwell_ticks;
                let dwell = self.rng.random_range(lo..=hi.max(lo));
                state.stages[s] = StageState::Attempting {
                    target,
                    ends: self.now + dwell,
                    attempt: attempts + 1,
                };
                let about = About::Attack(Attack::Attempting {
                    stage: sref,
                    target,
                });
                self.tell(EventKind::StageBegan, about, &[campaign.team]);
            }
            StageState::Attempting {
                target,
                ends,
                attempt,
            } => {
                if self.is_isolated(target) {
                    let why = Setback::Isolated(target);
                    self.fail_attempt(state, campaign, s, attempt, why);
                } else if needs_foothold(stage) && !self.has_footing(state, stage) {
                    let why = Setback::LostFooting(sref);
                    self.fail_attempt(state, campaign, s, attempt, why);
                } else if self.now >= ends {
                    let posture = self
                        .assets
                        .get(target)
                        .map(|(_, p)| p.0.clone())
                        .unwrap_or_default();
                    if self.rng.random_bool(success_chance(stage, &posture)) {
                        state.stages[s] = StageState::Succeeded(self.now);
                        self.facts.stages.entry(sref).or_insert(self.now);
                        let about = About::Attack(Attack::Succeeded(sref));
                        self.tell(EventKind::StageSucceeded, about, &[campaign.team]);
                        self.apply_effect(state, campaign, sref);
                    } else {
                        self.fail_attempt(state, campaign, s, attempt, Setback::DefencesHeld);
                    }
                }
            }
            StageState::Succeeded(_) | StageState::Failed(_) => {}
        }
    }

    fn fail_attempt(
        &mut self,
        state: &mut CampaignState,
        campaign: &Campaign,
        s: usize,
        attempt: u32,
        why: Setback,
    ) {
        let stage = &campaign.stages[s];
        let abandoned = attempt >= stage.attempts;
        state.stages[s] = if abandoned {
            StageState::Failed(self.now)
        } else {
            StageState::Waiting { attempts: attempt }
        };
        let about = About::Attack(Attack::Failed {
            stage: StageRef {
                campaign: state.id,
                stage: s as u32,
            },
            attempt,
            abandoned,
            why,
        });
        self.tell(EventKind::StageFailed, about, &[campaign.team]);
    }

    fn apply_effect(&mut self, state: &mut CampaignState, campaign: &Campaign, sref: StageRef) {
        let stage = &campaign.stages[sref.stage as usize];
        let targets = reachable(stage, |a| self.is_isolated(a));
        if let StageEffect::Exfiltrate { records } = stage.effect {
            self.tallies.records_exposed += records as f64;
            self.tallies.records_this_tick += records as f64;
        }
        for target in targets {
            let asset = self.scenario.asset(target);
            let owner = asset.owner;
            // A flood knocks a service over from outside; every other effect means the
            // intruder is inside the target.
            let inside = !matches!(stage.effect, StageEffect::Disrupt { .. });
            if inside {
                state.first_intrusion.entry(owner).or_insert(self.now);
            }
            let overt = is_overt(&stage.effect);
            let currency = self.scenario.measures.currency.clone();
            let Some((mut status, mut posture)) = self.assets.get_mut(target) else {
                continue;
            };
            let offline = posture.0.backups.offline;
            if inside {
                status.add_compromise(Compromise {
                    campaign: state.id,
                    stage: sref.stage,
                    since: self.now,
                    detection: stage.detection,
                    known_to_owner: false,
                });
            }
            let impact = match &stage.effect {
                StageEffect::Encrypt => {
                    status.encrypted = true;
                    if !offline && self.rng.random_bool(0.5) {
                        status.backups_lost = true;
                    }
                    Some(match campaign.ransom {
                        Some(r) => format!(
                            "{} encrypted; a ransom note demands {} {}",
                            asset.name,
                            crate::number::whole(r),
                            currency
                        ),
                        None => format!("{} encrypted", asset.name),
                    })
                }
                StageEffect::Disrupt { ticks } => {
                    status.disrupted_until = Some(ticks.map_or(u32::MAX, |t| self.now + t));
                    Some(format!("{} disrupted", asset.name))
                }
                StageEffect::Wipe => {
                    status.wiped = true;
                    status.backups_lost |= !offline;
                    Some(format!("{} wiped", asset.name))
                }
                StageEffect::Evade {
                    monitoring,
                    detection,
                } => {
                    evade(
                        &mut posture.0,
                        &mut status.compromises,
                        state.id,
                        *monitoring,
                        *detection,
                    );
                    None
                }
                StageEffect::Foothold
                | StageEffect::CredentialTheft
                | StageEffect::LateralMovement
                | StageEffect::Exfiltrate { .. }
                | StageEffect::Drain { .. } => None,
            };
            if overt {
                for c in status
                    .compromises
                    .iter_mut()
                    .filter(|c| c.campaign == state.id)
                {
                    c.known_to_owner = true;
                }
                self.facts.learn(owner, sref);
                let text = impact.unwrap_or_default();
                let seq = self
                    .log
                    .push(self.now, EventKind::Impact, text, &[owner, campaign.team]);
                let effect = match &stage.effect {
                    StageEffect::Encrypt => Some(Hit::Encrypted),
                    StageEffect::Disrupt { .. } => Some(Hit::Disrupted),
                    StageEffect::Wipe => Some(Hit::Wiped),
                    StageEffect::Evade { .. }
                    | StageEffect::Foothold
                    | StageEffect::CredentialTheft
                    | StageEffect::LateralMovement
                    | StageEffect::Exfiltrate { .. }
                    | StageEffect::Drain { .. } => None,
                };
                let about = About::Impact {
                    asset: target,
                    campaign: state.id,
                    effect,
                };
                self.log.about(seq, about);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_state_has_one_wording() {
        let Ok(s) = crate::scenario::parse(
            include_str!("../../tests/fixtures/minimal.ron"),
            "minimal.ron",
        ) else {
            panic!("the minimal fixture loads");
        };
        let at = |t| s.clock.label(t);
        let cases = [
            (
                StageState::Waiting { attempts: 0 },
                "not reached".to_string(),
            ),
            (
                StageState::Waiting { attempts: 2 },
                "retrying (2 failed)".to_string(),
            ),
            (
                StageState::Attempting {
                    target: AssetId(0),
                    ends: 9,
                    attempt: 1,
                },
                format!("under way on vpn until {}", at(9)),
            ),
            (StageState::Succeeded(4), format!("succeeded {}", at(4))),
            (StageState::Failed(5), format!("failed {}", at(5))),
        ];
        for (state, words) in cases {
            assert_eq!(state.describe(&s), words);
            assert!(words.starts_with(state.label()), "{words}");
        }
        // In Japanese, the dates are Japanese dates too.
        let ja = |t| s.clock.label_lang(t, crate::lang::Lang::Ja);
        let under_way = StageState::Attempting {
            target: AssetId(0),
            ends: 9,
            attempt: 1,
        };
        assert_eq!(
            under_way.describe_in(&s, crate::lang::Lang::Ja),
            format!("実施中（対象: vpn、{}まで）", ja(9))
        );
        assert_eq!(
            StageState::Succeeded(4).describe_in(&s, crate::lang::Lang::Ja),
            format!("成功 {}", ja(4))
        );
        assert!(ja(4).contains('月'), "{}", ja(4));
    }

    #[test]
    fn a_campaign_opens_with_the_access_it_holds_and_the_stages_before_it() {
        let text = include_str!("../../tests/fixtures/minimal.ron")
            .replacen("Scenario(\n", "Scenario(\n    format: 2,\n", 1)
            .replacen(
                "            stages: [\n",
                "            held_at_start: [(stage: \"lateral\", assets: Asset(\"nuts-db\"), since: \"2d\")],\n            stages: [\n                (id: \"lateral\", technique: \"T1021\", target: Asset(\"nuts-db\"), after: [\"access\"], effect: LateralMovement),\n",
                1,
            );
        let s = match crate::scenario::parse(&text, "held.ron") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let c = &s.campaigns[0];
        assert_eq!(c.succeeded_at_start(), vec![true, true, false]);
        let (state, footholds) = opening(CampaignId(0), c, &s);
        assert_eq!(
            state.stages,
            vec![
                StageState::Succeeded(0),
                StageState::Succeeded(0),
                StageState::Waiting { attempts: 0 }
            ],
            "the way in it came through has succeeded too"
        );
        let db = AssetId(1);
        assert_eq!(footholds.len(), 1, "only the held asset is compromised");
        assert_eq!(footholds[0].0, db);
        assert_eq!(
            (footholds[0].1.stage, footholds[0].1.known_to_owner),
            (0, false)
        );
        let port = s.asset(db).owner;
        assert_eq!(state.first_intrusion.get(&port), Some(&0));
        assert_eq!(state.held_before.get(&port), Some(&(2 * 24 * 60)));
    }

    fn stage(chance: f64, countered_by: Vec<Control>) -> Stage {
        Stage {
            id: "s".into(),
            name: String::new(),
            technique: "T1133".into(),
            technique_name: "External Remote Services".into(),
            targets: vec![AssetId(0), AssetId(1)],
            after: vec![],
            when: None,
            from: None,
            chance,
            countered_by,
            dwell_ticks: (1, 2),
            detection: 0.1,
            attempts: 2,
            effect: StageEffect::Foothold,
        }
    }

    #[test]
    fn each_control_lowers_the_chance_by_its_strength() {
        let base = Posture {
            patching: 0.0,
            mfa: false,
            monitoring: 0.0,
            segmentation: 0.0,
            ..Posture::default()
        };
        let all = vec![
            Control::Patching,
            Control::Mfa,
            Control::Segmentation,
            Control::Monitoring,
        ];
        assert_eq!(success_chance(&stage(0.8, all.clone()), &base), 0.8);
        let patched = Posture {
            patching: 1.0,
            ..base.clone()
        };
        assert!(
            (success_chance(&stage(0.8, vec![Control::Patching]), &patched) - 0.08).abs() < 1e-9
        );
        let mfa = Posture {
            mfa: true,
            ..base.clone()
        };
        assert!((success_chance(&stage(0.8, vec![Control::Mfa]), &mfa) - 0.12).abs() < 1e-9);
        assert_eq!(
            success_chance(&stage(0.8, vec![]), &mfa),
            0.8,
            "uncountered stages ignore posture"
        );
        let hardened = Posture {
            patching: 1.0,
            mfa: true,
            monitoring: 1.0,
            segmentation: 1.0,
            ..base
        };
        assert!(success_chance(&stage(0.8, all), &hardened) < 0.01);
    }

    #[test]
    fn later_stages_need_their_predecessors_and_a_live_foothold() {
        let mut later = stage(0.5, vec![]);
        later.after = vec![0];
        let done = [
            StageState::Succeeded(3),
            StageState::Waiting { attempts: 0 },
        ];
        let not_done = [
            StageState::Attempting {
                target: AssetId(0),
                ends: 9,
                attempt: 1,
            },
            StageState::Waiting { attempts: 0 },
        ];
        assert!(prerequisites_met(&later, &done, true));
        assert!(
            !prerequisites_met(&later, &done, false),
            "evicted campaigns stall"
        );
        assert!(!prerequisites_met(&later, &not_done, true));
        assert!(
            prerequisites_met(&stage(0.5, vec![]), &not_done, false),
            "the way in needs nothing"
        );
    }

    #[test]
    fn a_stage_worked_from_given_assets_needs_a_foothold_there_even_as_the_way_in() {
        let mut way_in = stage(0.5, vec![]);
        assert!(!needs_foothold(&way_in));
        way_in.from = Some(vec![AssetId(1)]);
        assert!(
            needs_foothold(&way_in),
            "a path of its own needs its foothold"
        );
        let none = [StageState::Waiting { attempts: 0 }];
        assert!(!prerequisites_met(&way_in, &none, false));
        assert!(prerequisites_met(&way_in, &none, true));
    }

    #[test]
    fn a_drain_takes_its_rate_a_tick_and_never_more_than_its_cap() {
        assert_eq!(drain_step(35_000.0, None, 1.0e9), 35_000.0, "no cap");
        assert_eq!(drain_step(35_000.0, Some(1_250_000), 0.0), 35_000.0);
        assert_eq!(
            drain_step(35_000.0, Some(1_250_000), 1_225_000.0),
            25_000.0,
            "the last records within reach"
        );
        assert_eq!(drain_step(35_000.0, Some(1_250_000), 1_250_000.0), 0.0);
    }

    #[test]
    fn evasion_lowers_monitoring_and_the_campaigns_own_traces() {
        let mut posture = Posture {
            monitoring: 0.5,
            ..Posture::default()
        };
        let foothold = |campaign| Compromise {
            campaign: CampaignId(campaign),
            stage: 0,
            since: 1,
            detection: 0.1,
            known_to_owner: false,
        };
        let mut here = vec![foothold(0), foothold(1)];
        evade(&mut posture, &mut here, CampaignId(0), 0.3, 0.5);
        assert!((posture.monitoring - 0.2).abs() < 1e-12);
        assert!((here[0].detection - 0.05).abs() < 1e-12);
        assert_eq!(here[1].detection, 0.1, "another campaign's traces stay");
        evade(&mut posture, &mut here, CampaignId(0), 0.3, 1.0);
        assert_eq!(posture.monitoring, 0.0, "never below none");
        assert_eq!(here[0].detection, 0.0, "every trace removed");
    }

    #[test]
    fn isolated_targets_are_out_of_reach() {
        let s = stage(0.5, vec![]);
        assert_eq!(reachable(&s, |a| a == AssetId(0)), vec![AssetId(1)]);
        assert!(reachable(&s, |_| true).is_empty());
    }
}
