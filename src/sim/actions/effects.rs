//! What each action effect does to the world when its action completes.

use crate::sim::log::{About, Change, RansomDeed};
use bevy_ecs::prelude::*;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::InFlight;
use crate::scenario::model::{
    AssetId, CampaignId, Classification, Effect, Measure, Scenario, StageRef,
};
use crate::sim::adversary::{CampaignIndex, CampaignState};
use crate::sim::assets::{
    AssetStatus, LivePosture, Statuses, clean_backup, restore_path, sooner_restore,
};
use crate::sim::facts::{Facts, Halt};
use crate::sim::intel::{self, IntelState};
use crate::sim::log::{EventKind, EventLog};
use crate::sim::measures::Tallies;

/// Trust lost when an operator is known to have paid a ransom.
pub const RANSOM_TRUST_COST: f64 = 5.0;

pub struct EffectCtx<'a, 'w, 's> {
    pub scenario: &'a Scenario,
    pub now: u32,
    pub flight: &'a InFlight,
    pub facts: &'a mut Facts,
    pub log: &'a mut EventLog,
    pub intel: &'a mut IntelState,
    pub tallies: &'a mut Tallies,
    pub rng: &'a mut ChaCha8Rng,
    pub campaign_index: &'a CampaignIndex,
    pub assets: Statuses<'a, 'w, 's>,
    pub campaigns: &'a mut Query<'w, 's, &'static mut CampaignState>,
}

pub fn apply(effect: &Effect, cx: &mut EffectCtx) {
    let team = cx.flight.team;
    let team_name = cx.scenario.team(team).name.clone();
    match effect {
        Effect::Isolate => with_asset(cx, |s, _| s.isolated = true, Change::Isolated),
        Effect::Reconnect => with_asset(cx, |s, _| s.isolated = false, Change::Reconnected),
        Effect::Patch => with_asset(cx, |_, p| p.0.patching = 1.0, Change::Patched),
        Effect::EnableMfa => with_asset(cx, |_, p| p.0.mfa = true, Change::Mfa),
        Effect::Backups {
            depth_days,
            offline,
        } => {
            let backups = crate::scenario::model::Backups {
                depth_days: *depth_days,
                offline: *offline,
            };
            let what = Change::BackedUp { offline: *offline };
            with_asset(cx, |_, p| p.0.backups = backups, what)
        }
        Effect::Monitor { level } => {
            let level = *level;
            with_asset(
                cx,
                |_, p| p.0.monitoring = p.0.monitoring.max(level),
                Change::Monitored,
            )
        }
        Effect::Segment { level } => {
            let level = *level;
            with_asset(
                cx,
                |_, p| p.0.segmentation = p.0.segmentation.max(level),
                Change::Segmented,
            )
        }
        Effect::Restore => restore(cx),
        Effect::Hunt { thoroughness } => hunt(cx, *thoroughness),
        Effect::ShareIntel => {
            if let (Some(item), Some(to)) = (cx.flight.intel, cx.flight.to) {
                cx.intel.give(item, to, cx.facts);
                let tlp = cx.intel.items[item.index()].tlp;
                let about = About::Shared {
                    team,
                    item,
                    tlp,
                    to,
                };
                let seq = cx.log.record(
                    cx.scenario,
                    cx.now,
                    EventKind::IntelReceived,
                    about,
                    &[team, to],
                );
                cx.log.by(seq, team);
            }
        }
        Effect::Declassify { tlp } => {
            if let Some(item) = cx.flight.intel {
                let state = &mut cx.intel.items[item.index()];
                state.classification = Classification::Unclassified;
                // What is released now is unclassified: its TLP governs from here.
                state.rel_to.clear();
                if let Some(t) = tlp {
                    state.tlp = *t;
                }
                let holders: Vec<_> = state.holders.iter().copied().collect();
                let about = About::Declassified {
                    item,
                    tlp: state.tlp,
                };
                cx.log.record(
                    cx.scenario,
                    cx.now,
                    EventKind::IntelDeclassified,
                    about,
                    &holders,
                );
            }
        }
        Effect::Tearline => {
            if let Some(item) = cx.flight.intel
                && let Some((tearline, got)) =
                    intel::release_tearline(cx.scenario, cx.intel, item, cx.facts)
            {
                let state = &cx.intel.items[tearline.index()];
                let marking =
                    intel::marking(cx.scenario, &cx.scenario.intel[tearline.index()], state);
                let about = About::Tearline {
                    team,
                    item,
                    tearline,
                    marking,
                };
                let mut told = got;
                told.push(team);
                cx.log.record(
                    cx.scenario,
                    cx.now,
                    EventKind::IntelDeclassified,
                    about,
                    &told,
                );
            }
        }
        Effect::GrantNeedToKnow => {
            if let (Some(item), Some(to)) = (cx.flight.intel, cx.flight.to)
                && intel::grant_need_to_know(cx.intel, item, to)
            {
                let about = About::NeedToKnow { team, to, item };
                cx.log.record(
                    cx.scenario,
                    cx.now,
                    EventKind::IntelReceived,
                    about,
                    &[team, to],
                );
            }
        }
        Effect::Report | Effect::RequestAssistance => {
            if let Some(to) = cx.flight.to {
                cx.facts.confided.entry((to, team)).or_insert(cx.now);
                tell_everything(cx, to);
                let verb = if matches!(effect, Effect::Report) {
                    "reported the incident to"
                } else {
                    "asked for help from"
                };
                let text = format!("{team_name} {verb} {}", cx.scenario.team(to).name);
                let seq = cx.log.push(cx.now, EventKind::Reported, text, &[team, to]);
                let report = matches!(effect, Effect::Report);
                cx.log.about(seq, About::Reported { team, to, report });
            }
        }
        Effect::PublicStatement { trust } => {
            cx.tallies.adjust(Measure::PublicTrust, *trust);
            let everyone: Vec<_> = (0..cx.scenario.teams.len() as u32)
                .map(crate::scenario::model::TeamId)
                .collect();
            let text = format!("{team_name} made a public statement");
            let seq = cx
                .log
                .push(cx.now, EventKind::ActionCompleted, text, &everyone);
            cx.log.about(seq, About::Statement(team));
        }
        Effect::Takedown {
            campaign,
            chance,
            decryptor,
        } => disrupt_campaign(cx, *campaign, *chance, true, *decryptor),
        Effect::ActiveDefense { campaign, chance } => {
            disrupt_campaign(cx, *campaign, *chance, false, false)
        }
        Effect::Decryptor { campaign } => {
            let c = &cx.scenario.campaigns[campaign.index()];
            if let Ok(mut state) = cx.campaigns.get_mut(cx.campaign_index.0[campaign.index()])
                && state.decryptor.is_none()
            {
                state.decryptor = Some(cx.now);
            }
            let text = format!(
                "{team_name} obtained a decryptor for the encryption of {}",
                c.name
            );
            let seq = cx
                .log
                .push(cx.now, EventKind::ActionCompleted, text, &[team]);
            let (campaign, what) = (*campaign, RansomDeed::Decryptor);
            cx.log.about(
                seq,
                About::Ransom {
                    team,
                    campaign,
                    what,
                },
            );
        }
        Effect::PayRansom { campaign } => {
            let c = &cx.scenario.campaigns[campaign.index()];
            if let Ok(mut state) = cx.campaigns.get_mut(cx.campaign_index.0[campaign.index()]) {
                state.ransom_paid = true;
            }
            cx.tallies
                .adjust(Measure::EconomicLoss, c.ransom.unwrap_or(0.0));
            cx.tallies.adjust(Measure::PublicTrust, -RANSOM_TRUST_COST);
            let text = format!(
                "{team_name} paid the ransom demanded by {}; a decryptor is handed over",
                c.name
            );
            let seq = cx
                .log
                .push(cx.now, EventKind::ActionCompleted, text, &[team, c.team]);
            let (campaign, what) = (*campaign, RansomDeed::Paid);
            cx.log.about(
                seq,
                About::Ransom {
                    team,
                    campaign,
                    what,
                },
            );
        }
        Effect::RefuseRansom { campaign } => {
            let c = &cx.scenario.campaigns[campaign.index()];
            let text = format!("{team_name} refused the ransom demanded by {}", c.name);
            let seq = cx
                .log
                .push(cx.now, EventKind::ActionCompleted, text, &[team, c.team]);
            let (campaign, what) = (*campaign, RansomDeed::Refused);
            cx.log.about(
                seq,
                About::Ransom {
                    team,
                    campaign,
                    what,
                },
            );
        }
        Effect::Adjust { measure, by } => cx.tallies.adjust(*measure, *by),
    }
}

fn target(cx: &EffectCtx) -> Option<AssetId> {
    cx.flight.target
}

fn with_asset(
    cx: &mut EffectCtx,
    f: impl FnOnce(&mut AssetStatus, &mut LivePosture),
    change: Change,
) {
    let Some(asset) = target(cx) else {
        return;
    };
    if let Some((mut status, mut posture)) = cx.assets.get_mut(asset) {
        f(&mut status, &mut posture);
    }
    let about = About::Changed { asset, change };
    let told = [cx.flight.team];
    cx.log
        .record(cx.scenario, cx.now, EventKind::AssetChanged, about, &told);
}

/// How long, in minutes, the intruder has been in the owner's estate, across campaigns (access
/// held at the start counts from before it).
fn intrusion_age(cx: &EffectCtx, owner: crate::scenario::model::TeamId) -> Option<u32> {
    cx.campaign_index
        .0
        .iter()
        .filter_map(|e| cx.campaigns.get(*e).ok())
        .filter_map(|c| {
            let t = *c.first_intrusion.get(&owner)?;
            let inside = cx.scenario.clock.elapsed(cx.now - t.min(cx.now)).0;
            let before = c.held_before.get(&owner).copied().unwrap_or(0);
            Some(inside.saturating_add(before))
        })
        .max()
}

/// For an encrypted asset, whether a decryptor of a campaign on it is at hand: `Some(true)` when
/// its ransom was paid, `Some(false)` when one was obtained otherwise.
fn decryptor_for(cx: &EffectCtx, status: &AssetStatus) -> Option<bool> {
    if !status.encrypted {
        return None;
    }
    let states = status.compromises.iter().filter_map(|c| {
        cx.campaigns
            .get(cx.campaign_index.0[c.campaign.index()])
            .ok()
    });
    let (mut paid, mut obtained) = (false, false);
    for s in states {
        paid |= s.ransom_paid;
        obtained |= s.decryptor.is_some();
    }
    (paid || obtained).then_some(paid)
}

fn restore(cx: &mut EffectCtx) {
    let Some(asset_id) = target(cx) else {
        return;
    };
    let asset = cx.scenario.asset(asset_id);
    let intrusion_age = intrusion_age(cx, asset.owner);
    let Some((status, posture)) = cx.assets.get(asset_id) else {
        return;
    };
    let path = restore_path(
        decryptor_for(cx, status),
        clean_backup(&posture.0, status.backups_lost, intrusion_age),
    );
    let ticks = if path.is_fast() {
        asset.restore_ticks
    } else {
        asset.rebuild_ticks
    }
    .max(1);
    let under_way = status.restoring_until;
    let ready = cx.now + ticks;
    // Format 1 files run as they always did: a new restore replaces the one under way.
    let keeps = if cx.scenario.format >= 2 {
        sooner_restore(under_way, ready)
    } else {
        None
    };
    if keeps.is_none()
        && let Some((mut status, _)) = cx.assets.get_mut(asset_id)
    {
        status.restoring_until = Some(ready);
    }
    let told: Vec<_> = std::iter::once(cx.flight.team)
        .chain(asset.audience())
        .collect();
    let about = match keeps {
        Some(ready) => About::RestoreKept {
            asset: asset_id,
            ready,
        },
        None => About::Restoring {
            asset: asset_id,
            path,
            ready,
        },
    };
    cx.log
        .record(cx.scenario, cx.now, EventKind::AssetChanged, about, &told);
}

fn hunt(cx: &mut EffectCtx, thoroughness: f64) {
    let Some(asset_id) = target(cx) else {
        return;
    };
    let asset = cx.scenario.asset(asset_id);
    let Some((mut status, _)) = cx.assets.get_mut(asset_id) else {
        return;
    };
    let mut found = Vec::new();
    for c in status.compromises.iter_mut() {
        if !c.known_to_owner && cx.rng.random_bool(thoroughness.clamp(0.0, 1.0)) {
            c.known_to_owner = true;
            found.push(StageRef {
                campaign: c.campaign,
                stage: c.stage,
            });
        }
    }
    let evicted = status
        .compromises
        .iter()
        .filter(|c| c.known_to_owner)
        .count();
    status.compromises.retain(|c| !c.known_to_owner);
    // The acting team, the owner and those who run the asset for it.
    let mut told = vec![cx.flight.team];
    for t in asset.audience() {
        if !told.contains(&t) {
            told.push(t);
        }
    }
    for stage in &found {
        for t in &told {
            cx.facts.learn(*t, *stage);
        }
    }
    let text = if evicted == 0 {
        format!("Hunt on {} found no intruder", asset.name)
    } else {
        format!(
            "Hunt on {} found and removed {evicted} intruder foothold(s)",
            asset.name
        )
    };
    let seq = cx.log.push(cx.now, EventKind::Detection, text, &told);
    let evicted = evicted as u32;
    cx.log.about(
        seq,
        About::Hunted {
            asset: asset_id,
            evicted,
        },
    );
}

/// Passes everything `cx.flight.team` knows of the incident to `to`.
fn tell_everything(cx: &mut EffectCtx, to: crate::scenario::model::TeamId) {
    let from = cx.flight.team;
    let known: Vec<StageRef> = cx
        .facts
        .detected
        .keys()
        .filter(|(t, _)| *t == from)
        .map(|(_, s)| *s)
        .collect();
    for s in known {
        cx.facts.learn(to, s);
    }
    let seqs: Vec<u32> = cx
        .log
        .known_by(from)
        .filter(|e| matches!(e.kind, EventKind::Detection | EventKind::Impact))
        .map(|e| e.seq)
        .collect();
    for seq in seqs {
        cx.log.tell(seq, to);
    }
}

fn disrupt_campaign(
    cx: &mut EffectCtx,
    campaign: CampaignId,
    chance: f64,
    takedown: bool,
    seizes_keys: bool,
) {
    let c = &cx.scenario.campaigns[campaign.index()];
    let success = cx.rng.random_bool(chance.clamp(0.0, 1.0));
    let team = cx.flight.team;
    let about = About::Disruption {
        campaign,
        takedown,
        success,
        keys: success && seizes_keys,
    };
    if success {
        if let Ok(mut state) = cx.campaigns.get_mut(cx.campaign_index.0[campaign.index()]) {
            if state.halted.is_none() {
                state.halted = Some(cx.now);
            }
            if seizes_keys && state.decryptor.is_none() {
                state.decryptor = Some(cx.now);
            }
        }
        cx.facts.halted.entry(campaign).or_insert(Halt {
            tick: cx.now,
            by: team,
            announced: takedown,
        });
        let told = [team, c.team];
        cx.log
            .record(cx.scenario, cx.now, EventKind::CampaignHalted, about, &told);
    } else {
        cx.log.record(
            cx.scenario,
            cx.now,
            EventKind::ActionCompleted,
            about,
            &[team],
        );
    }
}
