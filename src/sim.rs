//! The simulation: a bevy_ecs World holding one validated scenario, and the Schedule that
//! advances it one tick at a time through phases named once, in [`Phase`].
//!
//! One module per domain owns its components, its state, its rules and its phase of the tick;
//! [`state::State`] holds every domain's state of a run in one resource, and `sim::tick` runs
//! the phases in order in one system. [`Simulation`] is the facade the CLI, the console and
//! tests drive: queue commands, step, read the world.

pub mod actions;
pub mod adversary;
pub mod assets;
pub mod clock;
pub mod decide;
pub mod detection;
pub mod dispatch;
pub mod facts;
pub mod hours;
pub mod injects;
pub mod intel;
pub mod knowledge;
pub mod law;
pub mod log;
pub mod measures;
pub mod objectives;
pub mod state;
mod tick;

use std::sync::Arc;

use bevy_ecs::prelude::*;
use bevy_ecs::schedule::SingleThreadedExecutor;
use bevy_ecs::system::RunSystemOnce;
use rand_chacha::ChaCha8Rng;

use crate::command::Command;
use crate::scenario::model::{AssetId, Decisions, Measure, Scenario};
pub use state::State;

/// The phases of one tick, in the order they run. The order is the model: decisions are made
/// on what was known at the end of the last tick, then take effect, then the adversary moves,
/// defenders may notice, outages cascade, measures are taken, injects go out, and objectives are
/// judged on the result. `sim::tick` runs them, in this order, in one system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Advance the tick and the named exercise phase.
    Clock,
    /// Simulation-played teams and scripted decisions turn into commands.
    Decide,
    /// Queued commands take effect: actions start, authorisations, facilitator rulings.
    Commands,
    /// Actions under way finish and apply their effects.
    Actions,
    /// Adversary campaigns attempt their stages.
    Adversary,
    /// Defenders may notice attempts and hidden footholds.
    Detection,
    /// Asset states propagate along dependencies.
    Cascade,
    /// Measures are taken.
    Measures,
    /// Injects whose time or condition has come go out.
    Injects,
    /// Objectives are judged.
    Objectives,
}

/// The scenario being played, shared read-only by every system.
#[derive(Clone)]
pub struct ScenarioRes {
    pub scenario: Arc<Scenario>,
    /// Every measure, in the order `Facts::measures` holds them.
    pub measure_list: Vec<Measure>,
}

impl std::ops::Deref for ScenarioRes {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.scenario
    }
}

/// The one source of chance. Its state is part of the simulation's state.
#[derive(Clone)]
pub struct SimRng(pub ChaCha8Rng);

/// A command waiting for the next tick, with the plan that issued it, if any.
#[derive(Clone, Debug)]
pub struct Queued {
    pub command: Command,
    /// The doctrine or script rule it came from, told how it fared.
    pub plan: Option<u32>,
}

/// Commands waiting for the next tick's Commands phase, in the order they were given.
#[derive(Default)]
pub struct CommandQueue(pub Vec<Queued>);

/// Builds the tick schedule: the phases, in order, in the one system of `sim::tick`.
pub fn schedule() -> Schedule {
    let mut schedule = Schedule::default();
    schedule.set_executor(SingleThreadedExecutor::new());
    tick::register(&mut schedule);
    schedule
}

/// A running exercise.
pub struct Simulation {
    pub world: World,
    schedule: Schedule,
}

impl Simulation {
    /// Spawns a scenario into a fresh World, seeded.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        let mut world = World::new();
        state::populate(&mut world, scenario, seed);
        Simulation {
            world,
            schedule: schedule(),
        }
    }

    /// Starts again from the beginning of `scenario` with `seed`, as [`Simulation::new`] would,
    /// but in this simulation's World and with its schedule, already built and initialised:
    /// a run over many seeds (`kunren analyze`) builds the schedule once per thread, not once
    /// per run. The last run's entities are despawned and its [`State`] is put in anew, so
    /// nothing of it remains; a test in `tests/it/scenarios.rs` checks that restarted runs hash
    /// the same as fresh ones.
    pub fn restart(&mut self, scenario: Arc<Scenario>, seed: u64) {
        let last: Vec<Entity> = self
            .world
            .query_filtered::<Entity, Or<(With<assets::AssetRef>, With<adversary::CampaignState>)>>(
            )
            .iter(&self.world)
            .collect();
        for entity in last {
            self.world.despawn(entity);
        }
        state::populate(&mut self.world, scenario, seed);
    }

    /// Adds scripted decisions; they act like doctrine for the teams they name. Their
    /// preparation (`prior`) is put in place at once, so call this before the first step.
    pub fn script(&mut self, decisions: &Decisions) {
        let prior: Vec<actions::Request> = decisions
            .prior
            .iter()
            .map(|(team, r)| actions::Request {
                team: *team,
                action: r.action,
                target: r.target,
                to: r.to,
                intel: r.intel,
            })
            .collect();
        if !prior.is_empty() {
            // The system's parameters are all resources this World was built with.
            let _ = self.world.run_system_once_with(actions::prepare, prior);
        }
        decide::script(&mut self.world, decisions);
    }

    /// Every domain's state of this run.
    pub fn state(&self) -> &State {
        self.world.resource::<State>()
    }

    pub fn scenario(&self) -> &Scenario {
        &self.state().scenario.scenario
    }

    /// Queues a command for the next tick.
    /// Why `command` cannot apply as things stand (the commands queued ahead of it included),
    /// judged before it is journaled: an authorisation by a team with no say in the action, or
    /// out of its chain's order. `None` when it may be given.
    pub fn refuses(&self, command: &Command) -> Option<law::Objection> {
        let queued: Vec<&Command> = self.state().queue.0.iter().map(|q| &q.command).collect();
        law::refuses(self.scenario(), &self.state().actions, &queued, command)
    }

    pub fn submit(&mut self, command: Command) {
        self.world.resource_mut::<State>().queue.0.push(Queued {
            command,
            plan: None,
        });
    }

    /// The tick last simulated, or `None` before the first step.
    pub fn tick(&self) -> Option<u32> {
        self.state().clock.current()
    }

    pub fn is_finished(&self) -> bool {
        self.state().clock.finished()
    }

    /// Simulates one tick; does nothing once the exercise has ended.
    pub fn step(&mut self) {
        if !self.is_finished() {
            self.run_tick();
        }
    }

    /// Simulates every remaining tick.
    pub fn run_to_end(&mut self) {
        while !self.is_finished() {
            self.run_tick();
        }
    }

    /// Changes an asset's status between ticks (a test, a tool), as the phases do through
    /// `assets::Statuses`: the Cascade and Detection take it in at the next tick. A status
    /// changed through `world` directly would be missed (debug builds stop on it). `None` for
    /// an asset the scenario does not have.
    pub fn edit_status<R>(
        &mut self,
        asset: AssetId,
        edit: impl FnOnce(&mut assets::AssetStatus) -> R,
    ) -> Option<R> {
        let entity = *self.state().asset_index.0.get(asset.index())?;
        let mut status = self.world.get_mut::<assets::AssetStatus>(entity)?;
        let done = edit(&mut status);
        self.world.resource_mut::<State>().touched.touch(asset);
        Some(done)
    }

    /// Runs the tick's systems once (the caller has checked the exercise is not over).
    fn run_tick(&mut self) {
        // The debug builds' check of the touched list reads bevy's change ticks, so the
        // systems' own ticks are kept clear of wrapping with the World's; `Schedule::run` does
        // that only for schedules kept in the World.
        if let Some(check) = self.world.check_change_ticks() {
            self.schedule.check_change_ticks(check);
        }
        self.schedule.run(&mut self.world);
    }

    pub fn log(&self) -> &log::EventLog {
        &self.state().log
    }

    pub fn facts(&self) -> &facts::Facts {
        &self.state().facts
    }

    /// An asset's state as the white cell sees it, hidden intruders included: its condition
    /// with the cascade's level. `None` for an asset the scenario does not have.
    pub fn shown(&self, asset: AssetId) -> Option<knowledge::Shown> {
        let level = self.facts().assets.get(asset.index())?.level;
        let entity = *self.state().asset_index.0.get(asset.index())?;
        let status = self.world.get::<assets::AssetStatus>(entity)?;
        Some(knowledge::Shown::truth(status, level))
    }

    /// The crisis level, in truth (the white cell's); `None` in a scenario without levels. A
    /// team's is asked of its knowledge (`Knowledge::level`).
    pub fn level(&self) -> Option<crate::scenario::model::LevelId> {
        let level = self.facts().level;
        (!self.scenario().levels.is_empty()).then_some(crate::scenario::model::LevelId(level))
    }

    /// The actions under way, in the order they started.
    pub fn under_way(&self) -> &[actions::InFlight] {
        self.state().under_way.flights()
    }
}
