//! What a run holds besides its entities, as one resource.
//!
//! Each domain owns its types (the clock's [`SimClock`], the cascade's [`Levels`], the
//! objectives' [`ObjectiveBook`] …) and the rules over them; [`State`] only keeps them side by
//! side. One resource, and not one per domain, because in bevy 0.20 a resource is found through
//! its entity: fetching one costs about 75 instructions, and the tick fetched 23 of them, a
//! quarter of a tick on a small network (measured with callgrind; docs/performance.md). Readers
//! outside the tick go through [`Simulation`](super::Simulation)'s accessors or
//! `world.resource::<State>()`.

use std::sync::Arc;

use bevy_ecs::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::actions::{self, ActionBook, PlanFeedback, UnderWay};
use super::adversary::{self, CampaignIndex};
use super::assets::{self, AssetIndex, Dependencies, Levels, Touched};
use super::clock::{self, SimClock};
use super::decide::{self, Plans};
use super::detection::{self, Hidden};
use super::facts::Facts;
use super::injects::{self, InjectBook};
use super::intel::{self, IntelState};
use super::knowledge::{self, KnownAnchors};
use super::log::EventLog;
use super::measures::{self, MeasureHistory, Tallies, Weights};
use super::objectives::{self, ObjectiveBook};
use super::{CommandQueue, ScenarioRes, SimRng};
use crate::scenario::model::Scenario;

/// Every domain's state of one run, in one resource.
#[derive(Resource)]
pub struct State {
    pub scenario: ScenarioRes,
    pub rng: SimRng,
    pub queue: CommandQueue,
    pub log: EventLog,
    pub facts: Facts,
    pub clock: SimClock,
    pub asset_index: AssetIndex,
    pub touched: Touched,
    pub levels: Levels,
    pub dependencies: Dependencies,
    pub hidden: Hidden,
    pub campaign_index: CampaignIndex,
    pub actions: ActionBook,
    pub feedback: PlanFeedback,
    pub under_way: UnderWay,
    pub intel: IntelState,
    pub injects: InjectBook,
    pub objectives: ObjectiveBook,
    pub anchors: KnownAnchors,
    pub weights: Weights,
    pub tallies: Tallies,
    pub history: MeasureHistory,
    pub plans: Plans,
}

/// Puts a scenario's initial state, seeded, into a World with no assets or campaigns in it:
/// the domains' entities, and their [`State`].
pub fn populate(world: &mut World, scenario: Arc<Scenario>, seed: u64) {
    let mut facts = Facts::new(&scenario);
    let mut log = EventLog::default();
    let (asset_index, dependencies, levels) = assets::spawn(world, &scenario);
    let campaign_index = adversary::spawn(world, &scenario, &asset_index, &mut facts, &mut log);
    let intel = intel::start(&scenario, &mut facts);
    let (weights, tallies, history) = measures::start(&scenario);
    world.insert_resource(State {
        rng: SimRng(ChaCha8Rng::seed_from_u64(seed)),
        queue: CommandQueue::default(),
        log,
        facts,
        clock: clock::start(&scenario),
        asset_index,
        touched: Touched::default(),
        levels,
        dependencies,
        hidden: detection::start(),
        campaign_index,
        actions: actions::start(&scenario),
        feedback: PlanFeedback::default(),
        under_way: UnderWay::default(),
        intel,
        injects: injects::start(&scenario),
        objectives: objectives::start(&scenario),
        anchors: knowledge::start(&scenario),
        weights,
        tallies,
        history,
        plans: decide::start(&scenario),
        scenario: ScenarioRes {
            measure_list: scenario.all_measures(),
            scenario,
        },
    });
}
