//! Detection: each tick, owners may notice adversary attempts under way on their assets and
//! intruders already hidden there. Monitoring, intelligence about the campaign or technique, and
//! a hunt under way on the asset all raise the chance.

use crate::sim::log::About;
use bevy_ecs::prelude::*;
use rand::RngExt;

use super::actions::UnderWay;
use super::adversary::{CampaignIndex, CampaignState, StageState};
use super::assets::{AssetIndex, AssetRef, AssetStatus, Statuses, Touched};
use super::clock::SimClock;
use super::facts::Facts;
use super::intel::{IntelState, detection_multiplier};
use super::log::{EventKind, EventLog};
use super::{ScenarioRes, SimRng};
use crate::scenario::model::{AssetId, Effect, StageRef};

/// How much a hunt under way on an asset multiplies the chance of noticing an intruder there.
pub const HUNT_MULTIPLIER: f64 = 3.0;

/// Chance per tick that an owner notices activity: the base rate, scaled by monitoring
/// (half the base with none, one and a half with full coverage), intelligence and hunting.
pub fn detection_chance(base: f64, monitoring: f64, intel_multiplier: f64, hunting: bool) -> f64 {
    let hunt = if hunting { HUNT_MULTIPLIER } else { 1.0 };
    (base * (0.5 + monitoring) * intel_multiplier * hunt).clamp(0.0, 1.0)
}

/// The assets with an intruder their owner has not found, ascending, kept from tick to tick.
#[derive(Debug)]
pub struct Hidden {
    assets: Vec<(AssetId, Entity)>,
    /// The first pass looks at every asset; later ones only at those whose status changed.
    full: bool,
}

impl Hidden {
    fn update(&mut self, id: AssetId, entity: Entity, hidden: bool) {
        match self.assets.binary_search_by_key(&id, |(a, _)| *a) {
            Ok(at) if !hidden => {
                self.assets.remove(at);
            }
            Err(at) if hidden => self.assets.insert(at, (id, entity)),
            Ok(_) | Err(_) => {}
        }
    }
}

pub fn start() -> Hidden {
    Hidden {
        assets: Vec::new(),
        full: true,
    }
}

#[allow(clippy::too_many_arguments)]
pub fn notice_intrusions(
    scenario: &ScenarioRes,
    clock: &SimClock,
    intel: &IntelState,
    campaign_index: &CampaignIndex,
    campaigns: &Query<&mut CampaignState>,
    under_way: &UnderWay,
    assets: &mut Statuses,
    hidden: &mut Hidden,
    facts: &mut Facts,
    log: &mut EventLog,
    rng: &mut SimRng,
) {
    let now = clock.now();
    let mut hunted: Vec<AssetId> = under_way
        .flights()
        .iter()
        .filter(|f| {
            scenario
                .action(f.action)
                .effects
                .iter()
                .any(|e| matches!(e, Effect::Hunt { .. }))
        })
        .filter_map(|f| f.target)
        .collect();
    hunted.sort_unstable();
    let is_hunted = |a: AssetId| hunted.binary_search(&a).is_ok();

    // Attempts under way, in campaign and stage order.
    for &entity in &campaign_index.0 {
        let Ok(state) = campaigns.get(entity) else {
            continue;
        };
        for (s, stage_state) in state.stages.iter().enumerate() {
            let StageState::Attempting { target, .. } = stage_state else {
                continue;
            };
            let stage = &scenario.campaigns[state.id.index()].stages[s];
            let owner = scenario.asset(*target).owner;
            let Some((_, posture)) = assets.get(*target) else {
                continue;
            };
            let boost = detection_multiplier(scenario, intel, owner, state.id, &stage.technique);
            let p = detection_chance(
                stage.detection,
                posture.0.monitoring,
                boost,
                is_hunted(*target),
            );
            let sref = StageRef {
                campaign: state.id,
                stage: s as u32,
            };
            if rng.0.random_bool(p) && facts.learn(owner, sref) {
                let text = format!(
                    "Suspicious activity on {}: {} ({})",
                    scenario.asset(*target).name,
                    stage.technique_name,
                    stage.technique
                );
                let seq = log.push(now, EventKind::Detection, text, &[owner]);
                let about = About::Suspicious {
                    asset: *target,
                    stage: sref,
                };
                log.about(seq, about);
            }
        }
    }

    // Hidden intruders, in asset order: the list kept from the last tick, brought up to date
    // by `take_in_changes` just before, so the draws come in the same order however the World
    // stores them.
    let mut k = 0;
    while k < hidden.assets.len() {
        let (id, _) = hidden.assets[k];
        let Some((mut status, posture)) = assets.get_mut(id) else {
            k += 1;
            continue;
        };
        let asset = scenario.asset(id);
        let monitoring = posture.0.monitoring;
        for c in status.compromises.iter_mut().filter(|c| !c.known_to_owner) {
            let stage = &scenario.campaigns[c.campaign.index()].stages[c.stage as usize];
            let boost =
                detection_multiplier(scenario, intel, asset.owner, c.campaign, &stage.technique);
            let p = detection_chance(c.detection, monitoring, boost, is_hunted(id));
            if rng.0.random_bool(p) {
                c.known_to_owner = true;
                facts.learn(
                    asset.owner,
                    StageRef {
                        campaign: c.campaign,
                        stage: c.stage,
                    },
                );
                let text = format!(
                    "Intruder found on {}: traces of {} ({})",
                    asset.name, stage.technique_name, stage.technique
                );
                let seq = log.push(now, EventKind::Detection, text, &[asset.owner]);
                let stage = StageRef {
                    campaign: c.campaign,
                    stage: c.stage,
                };
                log.about(seq, About::Intruder { asset: id, stage });
            }
        }
        if has_hidden(&status) {
            k += 1;
        } else {
            hidden.assets.remove(k);
        }
    }
}

/// Every asset, as Detection reads it when it first runs.
pub type AllAssets<'w, 's> = Query<'w, 's, (Entity, &'static AssetRef, &'static AssetStatus)>;

/// Brings the list of hidden intruders up to date with the assets whose status changed since
/// Detection last ran (those `Touched` lists; every asset the first time). Run at the start of
/// the Detection phase, before [`notice_intrusions`]. Debug builds then check the list against
/// every asset, so a status changed without `Statuses::get_mut` stops the run there.
pub fn take_in_changes(
    hidden: &mut Hidden,
    index: &AssetIndex,
    all: &AllAssets,
    touched: &mut Touched,
) {
    if hidden.full {
        for (entity, asset_ref, status) in all {
            hidden.update(asset_ref.0, entity, has_hidden(status));
        }
        hidden.full = false;
        touched.detection.take();
        return;
    }
    let list = touched.detection.take();
    for &i in &list {
        if let Some(&entity) = index.0.get(i as usize)
            && let Ok((entity, asset_ref, status)) = all.get(entity)
        {
            hidden.update(asset_ref.0, entity, has_hidden(status));
        }
    }
    touched.detection.give_back(list);
    if cfg!(debug_assertions) {
        let mut fresh: Vec<AssetId> = all
            .iter()
            .filter(|(_, _, s)| has_hidden(s))
            .map(|(_, a, _)| a.0)
            .collect();
        fresh.sort_unstable();
        let kept: Vec<AssetId> = hidden.assets.iter().map(|(a, _)| *a).collect();
        assert_eq!(kept, fresh, "a status changed without Statuses::get_mut");
    }
}

fn has_hidden(status: &AssetStatus) -> bool {
    status.compromises.iter().any(|c| !c.known_to_owner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monitoring_intel_and_hunting_raise_the_chance() {
        let base = detection_chance(0.1, 0.0, 1.0, false);
        assert!((base - 0.05).abs() < 1e-12);
        assert!(detection_chance(0.1, 1.0, 1.0, false) > base);
        assert!((detection_chance(0.1, 0.0, 2.0, false) - 0.1).abs() < 1e-12);
        assert!((detection_chance(0.1, 0.0, 1.0, true) - 0.15).abs() < 1e-12);
        assert_eq!(
            detection_chance(0.9, 1.0, 3.0, true),
            1.0,
            "never above certainty"
        );
        assert_eq!(detection_chance(0.0, 1.0, 3.0, true), 0.0);
    }
}
