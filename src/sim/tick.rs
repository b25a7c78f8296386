//! One tick, as one bevy system that runs the phases of [`Phase`] in their order.
//!
//! Each domain's phase is a plain function over the state and queries it reads and writes
//! (`clock::advance_clock`, `adversary::advance_campaigns`, …). The system here fetches the
//! run's [`State`] (one resource holding every domain's) and the queries once a tick, and
//! hands each phase the fields it needs. In bevy 0.20 a resource is found through its entity,
//! about 75 instructions a fetch: a system per phase made 85 fetches a tick, and one system
//! over 23 resources still spent a quarter of a small tick on them.
//!
//! The Cascade and Detection take in only the assets changed since each last ran: every
//! change to an asset's status is made through `assets::Statuses`, which marks the asset in
//! `assets::Touched`, and each phase takes its own list. Debug builds check what each phase
//! keeps against every asset's status, so a change made some other way stops the run.

use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemParam;

use super::actions::{self, Operations};
use super::adversary::{self, CampaignState};
use super::assets::{self, AssetStatus, AssetsAndPostures, Statuses};
use super::clock;
use super::decide;
use super::detection;
use super::dispatch;
use super::injects;
use super::knowledge;
use super::law;
use super::measures;
use super::objectives;
use super::state::State;

type AssetsForCascade<'w, 's> = Query<'w, 's, &'static mut AssetStatus>;

/// What the phases read and write, fetched once a tick: the run's [`State`] and the queries.
#[derive(SystemParam)]
pub struct Tick<'w, 's> {
    state: ResMut<'w, State>,
    campaigns: Query<'w, 's, &'static mut CampaignState>,
    /// The assets: as commands, actions, campaigns and Detection change them; as Detection
    /// and the Cascade take in the touched ones; as the Cascade ends their timers; as the
    /// objectives' anchors read them.
    assets: AssetQueries<'w, 's>,
}

/// The tick's one system.
pub fn register(schedule: &mut Schedule) {
    schedule.add_systems(tick);
}

/// Every phase of the tick, in order.
fn tick(mut p: Tick) {
    let s = &mut *p.state;
    clock_to_detection(s, &mut p.campaigns, &mut p.assets);
    cascade_to_objectives(s, &mut p.assets);
}

/// The tick's queries of the assets, one at a time.
type AssetQueries<'w, 's> = ParamSet<
    'w,
    's,
    (
        AssetsAndPostures<'w, 's>,
        detection::AllAssets<'w, 's>,
        AssetsForCascade<'w, 's>,
        Query<'w, 's, &'static AssetStatus>,
        assets::AllAssets<'w, 's>,
    ),
>;

/// Phases Clock, Decide, Commands, Actions, Adversary and Detection.
fn clock_to_detection(
    p: &mut State,
    campaigns: &mut Query<'_, '_, &'static mut CampaignState>,
    asset_queries: &mut AssetQueries,
) {
    clock::advance_clock(&mut p.clock, &mut p.facts, &mut p.log, &p.scenario);
    decide::follow_plans(
        &p.scenario,
        &p.clock,
        &p.facts,
        &p.actions,
        &mut p.plans,
        &mut p.feedback,
        &mut p.queue,
        &mut p.rng,
    );
    {
        // The two queries, borrowed for this block alone, so that Operations holds them under
        // one pair of lifetimes.
        let mut query = asset_queries.p0();
        let mut assets = Statuses::new(&p.asset_index, &mut query, &mut p.touched);
        let mut campaigns = campaigns.reborrow();
        let mut w = Operations {
            scenario: &p.scenario,
            clock: &p.clock,
            book: &mut p.actions,
            facts: &mut p.facts,
            log: &mut p.log,
            intel: &mut p.intel,
            tallies: &mut p.tallies,
            rng: &mut p.rng,
            asset_index: &p.asset_index,
            campaign_index: &p.campaign_index,
            assets: assets.reborrow(),
            campaigns: &mut campaigns,
            under_way: &mut p.under_way,
        };
        dispatch::apply_commands(&mut w, &mut p.queue, &mut p.injects, &mut p.feedback);
        actions::complete_actions(&mut w);
        law::watch_notices(w.scenario, w.clock, w.book, w.facts, w.log);
        adversary::advance_campaigns(
            &p.scenario,
            &p.clock,
            &p.campaign_index,
            &mut campaigns,
            &mut assets,
            &mut p.facts,
            &mut p.log,
            &mut p.tallies,
            &mut p.rng,
        );
    }
    {
        let all = asset_queries.p1();
        detection::take_in_changes(&mut p.hidden, &p.asset_index, &all, &mut p.touched);
    }
    let mut query = asset_queries.p0();
    detection::notice_intrusions(
        &p.scenario,
        &p.clock,
        &p.intel,
        &p.campaign_index,
        &*campaigns,
        &p.under_way,
        &mut Statuses::new(&p.asset_index, &mut query, &mut p.touched),
        &mut p.hidden,
        &mut p.facts,
        &mut p.log,
        &mut p.rng,
    );
}

/// Phases Cascade, Measures, Injects and Objectives.
fn cascade_to_objectives(p: &mut State, asset_queries: &mut AssetQueries) {
    {
        let all = asset_queries.p4();
        assets::take_in_changes(
            &p.dependencies,
            &mut p.levels,
            &mut p.facts,
            &p.asset_index,
            &all,
            &mut p.touched,
        );
    }
    let levels_moved = assets::propagate_outages(
        &p.scenario,
        &p.clock,
        &p.dependencies,
        &p.asset_index,
        &mut p.levels,
        &mut p.facts,
        &mut p.log,
        &mut asset_queries.p2(),
        &mut p.touched,
    );
    measures::take_measures(
        &p.scenario,
        &p.clock,
        levels_moved,
        &mut p.weights,
        &mut p.tallies,
        &mut p.history,
        &mut p.facts,
    );
    injects::deliver_injects(
        &p.scenario,
        &p.clock,
        &mut p.injects,
        &mut p.facts,
        &mut p.intel,
        &mut p.tallies,
        &mut p.log,
        &mut p.rng,
    );
    objectives::judge_objectives(
        &p.scenario,
        &p.clock,
        &p.facts,
        &mut p.objectives,
        &mut p.log,
        &mut p.rng,
    );
    knowledge::learn_anchors(
        &p.scenario,
        &p.facts,
        &p.objectives,
        &p.rng,
        &p.asset_index,
        &asset_queries.p3(),
        &mut p.anchors,
    );
}
