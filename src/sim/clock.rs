//! The exercise clock: which tick it is, which named phase (move) the exercise is in, and when
//! it ends.

use super::ScenarioRes;
use super::facts::Facts;
use super::log::{EventKind, EventLog};
use crate::scenario::model::{PhaseId, Scenario, TeamId};

#[derive(Debug, Clone)]
pub struct SimClock {
    tick: Option<u32>,
    pub end_tick: u32,
}

impl SimClock {
    /// The tick last simulated, `None` before the first.
    pub fn current(&self) -> Option<u32> {
        self.tick
    }

    /// The tick being simulated now (0 before the first step).
    pub fn now(&self) -> u32 {
        self.tick.unwrap_or(0)
    }

    pub fn finished(&self) -> bool {
        self.tick.is_some_and(|t| t >= self.end_tick)
    }

    /// Whether the tick being simulated is the last one.
    pub fn is_last(&self) -> bool {
        self.now() >= self.end_tick
    }
}

/// The named phase in force at a tick: the last one that has begun.
pub fn phase_at(scenario: &Scenario, tick: u32) -> Option<PhaseId> {
    scenario
        .phases
        .iter()
        .rposition(|p| p.tick <= tick)
        .map(|i| PhaseId(i as u32))
}

pub fn start(scenario: &Scenario) -> SimClock {
    SimClock {
        tick: None,
        end_tick: scenario.clock.end_tick,
    }
}

pub fn advance_clock(
    clock: &mut SimClock,
    facts: &mut Facts,
    log: &mut EventLog,
    scenario: &ScenarioRes,
) {
    let tick = clock.tick.map_or(0, |t| t + 1);
    clock.tick = Some(tick);
    facts.tick = tick;
    let everyone = || -> Vec<TeamId> { (0..scenario.teams.len() as u32).map(TeamId).collect() };
    if tick == 0 {
        let text = format!("Exercise begins: {}", scenario.meta.title);
        let seq = log.push(tick, EventKind::ExerciseStarted, text, &everyone());
        log.about(seq, super::log::About::Began);
    }
    let phase = phase_at(scenario, tick);
    if phase != facts.phase {
        facts.phase = phase;
        if let Some(id) = phase {
            let p = &scenario.phases[id.index()];
            let seq = log.push(
                tick,
                EventKind::PhaseBegan,
                format!("Phase begins: {}", p.name),
                &everyone(),
            );
            log.about(seq, super::log::About::Phase(id));
        }
    }
}
