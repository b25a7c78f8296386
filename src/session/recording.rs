//! A recorded session as a timeline to move along: the state at any tick is the journal's
//! commands replayed into a fresh [`Simulation`] up to that tick (the engine is deterministic, so
//! this is exactly what the room saw). Also where a branch (a what-if) is cut from a recording,
//! and where two sessions' command histories part.
//!
//! A position is the tick last simulated (`None`: before the first step), seen as the room saw it
//! right after that step: commands given while the session stood at that tick are not yet in it.

use std::path::Path;
use std::sync::Arc;

use super::journal::{Branch, Entry, Header, Journal};
use super::{Restored, SessionError, now_utc};
use crate::command::{Authority, Command};
use crate::scenario::Scenario;
use crate::scenario::model::TeamId;
use crate::sim::Simulation;

/// What a session recorded: its scenario, seed and commands, and how far it got.
#[derive(Clone)]
pub struct Recording {
    pub name: String,
    pub header: Header,
    pub scenario: Arc<Scenario>,
    /// Every command, with the tick the session stood at when it was given.
    pub commands: Vec<(Option<u32>, Command)>,
    /// The last tick the session simulated.
    pub reached: Option<u32>,
    /// Every logged event's tick and the teams that know of it, in order.
    pub events: Vec<(u32, Vec<TeamId>)>,
}

impl Recording {
    /// Reads what a restored session recorded (its valid prefix).
    pub fn from_restored(restored: &Restored) -> Recording {
        let events = restored
            .sim
            .log()
            .events()
            .iter()
            .map(|e| (e.tick, e.known_to.clone()))
            .collect();
        Recording {
            name: restored.name.clone(),
            header: restored.header.clone(),
            scenario: restored.scenario.clone(),
            commands: restored.submitted.clone(),
            reached: restored.sim.tick(),
            events,
        }
    }

    /// The state the session stood at after simulating `at` (clamped to what was recorded),
    /// before the commands given at that tick.
    pub fn at(&self, at: Option<u32>) -> Simulation {
        let at = self.clamp(at);
        let mut sim = Simulation::new(self.scenario.clone(), self.header.seed);
        for (tick, command) in self.before(at) {
            while sim.tick() < *tick && !sim.is_finished() {
                sim.step();
            }
            sim.submit(command.clone());
        }
        while sim.tick() < at && !sim.is_finished() {
            sim.step();
        }
        sim
    }

    /// Moves `sim`, standing at `from`, one tick forward as the session did: the commands given
    /// at `from` are submitted, then one step. Returns the new position; stays put at the end
    /// of the recording.
    pub fn step_forward(&self, sim: &mut Simulation) -> Option<u32> {
        let from = sim.tick();
        if from >= self.reached || sim.is_finished() {
            return from;
        }
        for (_, command) in self.commands.iter().filter(|(t, _)| *t == from) {
            sim.submit(command.clone());
        }
        sim.step();
        sim.tick()
    }

    /// Commands given strictly before `at`: the ones a state at `at` contains.
    pub fn before(&self, at: Option<u32>) -> impl Iterator<Item = &(Option<u32>, Command)> {
        self.commands.iter().filter(move |(t, _)| *t < at)
    }

    /// Commands given while the session stood at `at`, that `team` knows of (the white cell,
    /// `None`, knows of all; a team of the ones it gave).
    pub fn given_at(
        &self,
        at: Option<u32>,
        team: Option<TeamId>,
    ) -> impl Iterator<Item = &Command> {
        self.commands
            .iter()
            .filter(move |(t, c)| *t == at && known_to(c, team))
            .map(|(_, c)| c)
    }

    pub fn clamp(&self, at: Option<u32>) -> Option<u32> {
        at.min(self.reached)
    }

    /// Ticks at which something was logged that `team` knows of (the white cell, `None`, knows
    /// everything), ascending.
    fn event_ticks(&self, team: Option<TeamId>) -> impl DoubleEndedIterator<Item = u32> + '_ {
        self.events
            .iter()
            .filter(move |(_, known)| team.is_none_or(|t| known.contains(&t)))
            .map(|(tick, _)| *tick)
    }

    /// The next tick after `at` at which something `team` knows of was logged.
    pub fn next_event(&self, at: Option<u32>, team: Option<TeamId>) -> Option<u32> {
        self.event_ticks(team)
            .find(|t| Some(*t) > at && Some(*t) <= self.reached)
    }

    pub fn previous_event(&self, at: Option<u32>, team: Option<TeamId>) -> Option<u32> {
        self.event_ticks(team).rev().find(|t| Some(*t) < at)
    }

    /// The next tick after `at` at which a command `team` knows of was given.
    pub fn next_command(&self, at: Option<u32>, team: Option<TeamId>) -> Option<Option<u32>> {
        self.commands
            .iter()
            .filter(|(_, c)| known_to(c, team))
            .map(|(t, _)| *t)
            .find(|t| *t > at)
    }

    pub fn previous_command(&self, at: Option<u32>, team: Option<TeamId>) -> Option<Option<u32>> {
        self.commands
            .iter()
            .rev()
            .filter(|(_, c)| known_to(c, team))
            .map(|(t, _)| *t)
            .find(|t| *t < at)
    }
}

/// Whether `team` knows a command was given: the white cell (`None`) knows every command; a
/// team only its own (what others did reaches it, if at all, as logged events).
fn known_to(command: &Command, team: Option<TeamId>) -> bool {
    match (team, command.authority()) {
        (None, _) => true,
        (Some(t), Authority::Team(own)) => t == own,
        (Some(_), Authority::WhiteCell) => false,
    }
}

/// Starts a new session in `dir` whose journal holds `parent`'s history up to `at` (its steps,
/// and the commands given before `at`), marked as a branch of it. Returns the open journal and
/// the new session's name.
pub fn branch(
    dir: &Path,
    parent: &Recording,
    at: Option<u32>,
) -> Result<(Journal, String), SessionError> {
    let at = parent.clamp(at);
    let header = Header {
        format: super::journal::FORMAT,
        started: now_utc(),
        kunren: env!("CARGO_PKG_VERSION").to_string(),
        branch: Some(Branch {
            parent: parent.name.clone(),
            tick: at,
        }),
        ..parent.header.clone()
    };
    let root = parent.name.split("-branch").next().unwrap_or(&parent.name);
    let name = format!(
        "{root}-branch-{}",
        at.map_or("start".to_string(), |t| t.to_string())
    );
    let (mut journal, name) = Journal::create(dir, &name, &header)?;
    for (tick, command) in parent.before(at) {
        if let Some(t) = tick {
            journal.append(&Entry::Step { to: *t })?;
        }
        journal.append(&Entry::Command {
            tick: *tick,
            command: command.clone(),
            seat: None,
        })?;
    }
    if let Some(t) = at {
        journal.append(&Entry::Step { to: t })?;
    }
    journal.sync()?;
    Ok((journal, name))
}

/// The first tick at which two command histories differ: the tick of the first command one has
/// and the other has not (or has otherwise). `None` if they are the same.
pub fn divergence(
    a: &[(Option<u32>, Command)],
    b: &[(Option<u32>, Command)],
) -> Option<Option<u32>> {
    let mut i = 0;
    loop {
        match (a.get(i), b.get(i)) {
            (None, None) => return None,
            (Some(x), Some(y)) if x == y => i += 1,
            (Some((t, _)), None) | (None, Some((t, _))) => return Some(*t),
            (Some((ta, _)), Some((tb, _))) => return Some((*ta).min(*tb)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> Command {
        Command::Note {
            text: text.into(),
            objective: None,
            capability: None,
        }
    }

    #[test]
    fn histories_part_at_the_first_command_that_differs() {
        let a = vec![
            (None, note("a")),
            (Some(3), note("b")),
            (Some(9), note("c")),
        ];
        let mut b = a.clone();
        assert_eq!(divergence(&a, &b), None);
        b[2] = (Some(5), note("x"));
        assert_eq!(divergence(&a, &b), Some(Some(5)));
        b.truncate(2);
        assert_eq!(divergence(&a, &b), Some(Some(9)));
        assert_eq!(divergence(&[], &a), Some(None));
    }
}
