//! Detection: each tick, owners may notice adversary attempts under way on their assets and
//! intruders already hidden there. Monitoring, intelligence about the campaign or technique, and
//! a hunt under way on the asset all raise the chance.

use bevy_ecs::prelude::*;
use rand::RngExt;

use super::actions::InFlight;
use super::adversary::{CampaignIndex, CampaignState, StageState};
use super::assets::{AssetIndex, AssetRef, AssetStatus, LivePosture};
use super::clock::SimClock;
use super::facts::Facts;
use super::intel::{IntelState, detection_multiplier};
use super::log::{EventKind, EventLog};
use super::{Phase, ScenarioRes, SimRng};
use crate::scenario::model::{AssetId, Effect, StageRef};

/// How much a hunt under way on an asset multiplies the chance of noticing an intruder there.
pub const HUNT_MULTIPLIER: f64 = 3.0;

/// Chance per tick that an owner notices activity: the base rate, scaled by monitoring
/// (half the base with none, one and a half with full coverage), intelligence and hunting.
pub fn detection_chance(base: f64, monitoring: f64, intel_multiplier: f64, hunting: bool) -> f64 {
    let hunt = if hunting { HUNT_MULTIPLIER } else { 1.0 };
    (base * (0.5 + monitoring) * intel_multiplier * hunt).clamp(0.0, 1.0)
}

pub fn register(schedule: &mut Schedule) {
    schedule.add_systems(notice_intrusions.in_set(Phase::Detection));
}

#[allow(clippy::too_many_arguments)]
fn notice_intrusions(
    scenario: Res<ScenarioRes>,
    clock: Res<SimClock>,
    intel: Res<IntelState>,
    campaign_index: Res<CampaignIndex>,
    asset_index: Res<AssetIndex>,
    campaigns: Query<&CampaignState>,
    hunts: Query<&InFlight>,
    mut assets: Query<(Entity, &AssetRef, &mut AssetStatus, &LivePosture)>,
    mut facts: ResMut<Facts>,
    mut log: ResMut<EventLog>,
    mut rng: ResMut<SimRng>,
) {
    let now = clock.now();
    let mut hunted: Vec<AssetId> = hunts
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
            let Ok((_, _, _, posture)) = assets.get(asset_index.get(*target)) else {
                continue;
            };
            let boost = detection_multiplier(&scenario, &intel, owner, state.id, &stage.technique);
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
                log.push(now, EventKind::Detection, text, &[owner]);
            }
        }
    }

    // Hidden intruders, in asset order: found in one pass over storage, then sorted, so the
    // draws come in the same order however the World stores them.
    let mut hidden: Vec<(AssetId, Entity)> = assets
        .iter()
        .filter(|(_, _, status, _)| status.compromises.iter().any(|c| !c.known_to_owner))
        .map(|(entity, asset_ref, _, _)| (asset_ref.0, entity))
        .collect();
    hidden.sort_unstable_by_key(|(id, _)| *id);
    for (_, entity) in hidden {
        let Ok((_, asset_ref, mut status, posture)) = assets.get_mut(entity) else {
            continue;
        };
        let asset = scenario.asset(asset_ref.0);
        let monitoring = posture.0.monitoring;
        for c in status.compromises.iter_mut().filter(|c| !c.known_to_owner) {
            let stage = &scenario.campaigns[c.campaign.index()].stages[c.stage as usize];
            let boost =
                detection_multiplier(&scenario, &intel, asset.owner, c.campaign, &stage.technique);
            let p = detection_chance(c.detection, monitoring, boost, is_hunted(asset_ref.0));
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
                log.push(now, EventKind::Detection, text, &[asset.owner]);
            }
        }
    }
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
