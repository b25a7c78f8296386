//! The live session: the one owner of a running exercise. It holds the [`Simulation`], the
//! session's [`Journal`], the clock (paused, pace, real time carried), what each team has read,
//! and every command given. Every seat's command goes through [`Live::give`], in order: checked
//! (ids, the seat's authority, the exercise still running), journaled with the seat that gave it,
//! then queued. A refused command is not journaled and comes back as a [`Refusal`] a person can
//! read. The clock is run through `Live` too, by the white cell alone.
//!
//! Any number of viewers (the hot-seat console, one console per SSH connection, a script) read a
//! `&Live` to draw and hand it commands; none of them owns the exercise. A `Live` may also stand
//! on a [`Recording`] read-only (a replay): it moves along the timeline and refuses every command
//! until a branch turns it into a live session again.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

mod stop;

pub use stop::{Stop, stop_after};

use super::journal::{Entry, Journal};
use super::{Recording, now_utc};
use crate::command::{Command, Refusal, Seat};
use crate::report::{Edit, Ratings};
use crate::scenario::Scenario;
use crate::scenario::model::{InjectId, TeamId};
use crate::sim::Simulation;
use crate::sim::log::EventKind;

/// How fast simulated time passes.
#[derive(Clone, Debug)]
pub struct ClockControl {
    pub paused: bool,
    /// Simulated minutes per real minute.
    pub pace: u32,
    carry: Duration,
}

/// Paces offered by + and -: simulated minutes per real minute.
pub const PACES: [u32; 8] = [15, 30, 60, 120, 240, 480, 960, 1920];

impl Default for ClockControl {
    fn default() -> Self {
        ClockControl {
            paused: true,
            pace: 60,
            carry: Duration::ZERO,
        }
    }
}

/// Someone joined or left a hosted session: the facilitator's timeline shows it among the events,
/// no team's does. It is journaled for the record and changes nothing in the simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct Presence {
    /// The seat's id ("white" or a team id).
    pub seat: String,
    /// Where the connection came from.
    pub addr: String,
    /// Joined, or left.
    pub joined: bool,
    /// The wall clock, RFC 3339, UTC.
    pub at: String,
    /// The tick the session stood at.
    pub tick: Option<u32>,
    /// How many events the simulation's log held then: where it falls among them.
    pub after_events: usize,
}

/// Joins and leaves kept in memory for the timeline (the journal keeps them all).
pub const PRESENCE_KEPT: usize = 1000;

/// A recorded session opened read-only, and where a branch of it is written.
pub struct Replay {
    pub recording: Recording,
    pub dir: PathBuf,
}

/// The one authoritative session every viewer reads and gives commands to.
pub struct Live {
    sim: Simulation,
    scenario: Arc<Scenario>,
    seed: u64,
    clock: ClockControl,
    /// Inbox entries (event sequence numbers) each team has opened.
    read: BTreeSet<(TeamId, u32)>,
    /// Every command given, with the tick it was given at.
    submitted: Vec<(Option<u32>, Command)>,
    journal: Option<Journal>,
    journal_error: Option<String>,
    replay: Option<Replay>,
    /// The session a branch of this replay started, once one has.
    branched: Option<String>,
    /// Joins and leaves of a hosted session, oldest first.
    presence: Vec<Presence>,
    /// What the evaluators entered, folded (ratings, players, hot wash, analyses, feedback).
    evaluation: Ratings,
}

impl Live {
    /// A new exercise at its start, paused, with no journal.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Live {
        let sim = Simulation::new(scenario.clone(), seed);
        Live::resumed(scenario, seed, sim, Vec::new())
    }

    /// An exercise already under way (rebuilt from a journal), with the commands that brought
    /// it there.
    pub fn resumed(
        scenario: Arc<Scenario>,
        seed: u64,
        sim: Simulation,
        submitted: Vec<(Option<u32>, Command)>,
    ) -> Live {
        Live {
            sim,
            scenario,
            seed,
            clock: ClockControl::default(),
            read: BTreeSet::new(),
            submitted,
            journal: None,
            journal_error: None,
            replay: None,
            branched: None,
            presence: Vec::new(),
            evaluation: Ratings::default(),
        }
    }

    /// A read-only session on a recording, standing at its first tick.
    pub fn replay(recording: Recording, dir: PathBuf) -> Live {
        let start = recording.clamp(Some(0));
        let sim = recording.at(start);
        let mut live = Live::resumed(
            recording.scenario.clone(),
            recording.header.seed,
            sim,
            recording.before(start).cloned().collect(),
        );
        live.replay = Some(Replay { recording, dir });
        live
    }

    /// The pace a resumed session had (already in its journal, so not written again).
    pub fn resume_pace(&mut self, pace: u32) {
        self.clock.pace = pace.max(1);
    }

    /// From now on, every command and step is written to `journal` first.
    pub fn keep_journal(&mut self, journal: Journal) {
        self.journal = Some(journal);
    }

    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn tick(&self) -> Option<u32> {
        self.sim.tick()
    }

    pub fn is_finished(&self) -> bool {
        self.sim.is_finished()
    }

    pub fn clock(&self) -> &ClockControl {
        &self.clock
    }

    /// Every command given so far, with the tick it was given at.
    pub fn submitted(&self) -> &[(Option<u32>, Command)] {
        &self.submitted
    }

    pub fn journal(&self) -> Option<&Journal> {
        self.journal.as_ref()
    }

    /// Why the journal could not be written; once set, nothing more is given or played.
    pub fn journal_error(&self) -> Option<&str> {
        self.journal_error.as_deref()
    }

    /// The session's name (its journal's file stem), when it keeps a journal.
    pub fn session_name(&self) -> Option<String> {
        self.journal
            .as_ref()
            .and_then(|j| j.path().file_stem())
            .map(|n| n.to_string_lossy().into_owned())
    }

    pub fn is_replay(&self) -> bool {
        self.replay.is_some()
    }

    pub fn replaying(&self) -> Option<&Replay> {
        self.replay.as_ref()
    }

    /// The session a branch of this replay started, once one has.
    pub fn branched(&self) -> Option<&str> {
        self.branched.as_deref()
    }

    /// Whether `team` has opened the inbox entry `seq`.
    pub fn has_read(&self, team: TeamId, seq: u32) -> bool {
        self.read.contains(&(team, seq))
    }

    /// A team opened an inbox entry; every viewer on that seat sees it read.
    pub fn mark_read(&mut self, team: TeamId, seq: u32) {
        self.read.insert((team, seq));
    }

    /// Writes an entry (and syncs it, if `durable`). Returns whether the session may go on; if the
    /// journal cannot be written, nothing more is given or played.
    fn record(&mut self, entry: Entry, durable: bool) -> bool {
        if self.journal_error.is_some() {
            return false;
        }
        let Some(journal) = self.journal.as_mut() else {
            return true;
        };
        let written = if durable {
            journal.commit(&entry)
        } else {
            journal.append(&entry)
        };
        match written {
            Ok(()) => true,
            Err(e) => {
                self.journal_failed(e.to_string());
                false
            }
        }
    }

    fn journal_failed(&mut self, why: String) {
        self.journal_error = Some(why);
        self.clock.paused = true;
    }

    /// Makes every entry written so far durable. Front ends call this before they draw, so
    /// nothing is shown that is not on disk.
    pub fn sync(&mut self) -> bool {
        if self.journal_error.is_some() {
            return false;
        }
        let Some(journal) = self.journal.as_mut() else {
            return true;
        };
        match journal.sync() {
            Ok(()) => true,
            Err(e) => {
                self.journal_failed(e.to_string());
                false
            }
        }
    }

    /// What the evaluators have entered so far.
    pub fn evaluation(&self) -> &Ratings {
        &self.evaluation
    }

    /// The evaluation a resumed session had (already in its journal, so not written again).
    pub fn restore_evaluation(&mut self, evaluation: Ratings) {
        self.evaluation = evaluation;
    }

    /// The door for evaluators' entries: the white cell's alone, checked against the scenario,
    /// journaled and synced, then applied. Unlike a command it is taken after the end too (the
    /// hot wash and the ratings follow ENDEX). A refused entry is not journaled.
    pub fn evaluate(&mut self, seat: Seat, edit: Edit) -> Result<(), Refusal> {
        if self.is_replay() {
            return Err(Refusal::ReadOnly);
        }
        if let Some(why) = &self.journal_error {
            return Err(Refusal::Journal(why.clone()));
        }
        if seat != Seat::WhiteCell {
            return Err(Refusal::WhiteCellOnly {
                seat,
                what: "the evaluation",
            });
        }
        let observations = crate::report::observations(self.sim.log().events()).count();
        edit.check(&self.scenario, observations)
            .map_err(Refusal::Invalid)?;
        let entry = Entry::Evaluate {
            tick: self.sim.tick(),
            seat: seat.id(&self.scenario),
            edit: edit.clone(),
        };
        if !self.record(entry, true) {
            return Err(Refusal::Journal(
                self.journal_error.clone().unwrap_or_default(),
            ));
        }
        self.evaluation.apply(edit);
        Ok(())
    }

    /// The one door to the engine. The command is checked (its ids, the seat's authority, the
    /// exercise still running), then written to the journal with the seat and synced, then
    /// queued: it takes effect at the next tick. A refused command is not journaled.
    pub fn give(&mut self, seat: Seat, command: Command) -> Result<(), Refusal> {
        if self.is_replay() {
            return Err(Refusal::ReadOnly);
        }
        if let Some(why) = &self.journal_error {
            return Err(Refusal::Journal(why.clone()));
        }
        command.check(&self.scenario).map_err(Refusal::Check)?;
        seat.may_give(&command)?;
        if self.sim.is_finished() {
            return Err(Refusal::Ended);
        }
        if let Some(why) = self.sim.refuses(&command) {
            return Err(Refusal::Law(why));
        }
        let tick = self.sim.tick();
        let entry = Entry::Command {
            tick,
            command: command.clone(),
            seat: Some(seat.id(&self.scenario)),
        };
        if !self.record(entry, true) {
            return Err(Refusal::Journal(
                self.journal_error.clone().unwrap_or_default(),
            ));
        }
        self.submitted.push((tick, command.clone()));
        self.sim.submit(command);
        Ok(())
    }

    /// A clock control from `seat`: the white cell's alone (in a replay, moving along the
    /// recording changes nothing, so any seat may).
    fn may_run_clock(&self, seat: Seat) -> Result<(), Refusal> {
        if self.is_replay() {
            return Ok(());
        }
        seat.may_run_clock()
    }

    pub fn set_paused(&mut self, seat: Seat, paused: bool) -> Result<(), Refusal> {
        self.may_run_clock(seat)?;
        if self.is_replay() {
            self.clock.paused = paused;
        } else if paused != self.clock.paused {
            self.clock.paused = paused;
            self.record(if paused { Entry::Pause } else { Entry::Resume }, false);
        }
        Ok(())
    }

    pub fn set_pace(&mut self, seat: Seat, pace: u32) -> Result<(), Refusal> {
        self.may_run_clock(seat)?;
        let pace = pace.max(1);
        if pace != self.clock.pace {
            self.clock.pace = pace;
            if !self.is_replay() {
                self.record(Entry::Pace { pace }, false);
            }
        }
        Ok(())
    }

    /// Simulates up to `n` ticks at once (the end stops it), for `seat`.
    pub fn step_n(&mut self, seat: Seat, n: u32) -> Result<(), Refusal> {
        self.may_run_clock(seat)?;
        for _ in 0..n {
            if self.sim.is_finished() || self.journal_error.is_some() {
                break;
            }
            self.step();
        }
        Ok(())
    }

    /// Steps until something is delivered to anyone (or the end).
    pub fn run_to_next_inject(&mut self, seat: Seat) -> Result<(), Refusal> {
        self.may_run_clock(seat)?;
        let before = self.delivered_count();
        while !self.sim.is_finished()
            && self.journal_error.is_none()
            && self.delivered_count() == before
        {
            self.step();
        }
        Ok(())
    }

    /// Steps until a new named phase (move) begins, or earlier at what the facilitator should
    /// see ([`stop_after`]: a detection, a missed objective, an inject in `marked` going out),
    /// or the end; says why it stopped.
    pub fn run_to_next_phase(
        &mut self,
        seat: Seat,
        marked: &BTreeSet<InjectId>,
    ) -> Result<Stop, Refusal> {
        self.may_run_clock(seat)?;
        let before = self.sim.facts().phase;
        while !self.sim.is_finished() && self.journal_error.is_none() {
            let from = self.sim.log().events().len();
            self.step();
            let facts = self.sim.facts();
            let now = facts.tick;
            let delivered = facts
                .delivered
                .iter()
                .filter(|(_, t)| **t == now)
                .map(|(i, _)| *i);
            let phase = (facts.phase != before).then_some(facts.phase);
            let news = &self.sim.log().events()[from..];
            if let Some(stop) = stop_after(news, delivered, marked, phase) {
                return Ok(stop);
            }
        }
        Ok(Stop::End)
    }

    fn delivered_count(&self) -> usize {
        self.sim
            .log()
            .events()
            .iter()
            .filter(|e| e.kind == EventKind::InjectDelivered)
            .count()
    }

    /// Simulates one tick and writes the step (synced before the next frame). At the end the
    /// clock pauses.
    fn step(&mut self) {
        if self.journal_error.is_some() || self.sim.is_finished() || self.is_replay() {
            return;
        }
        self.sim.step();
        if let Some(to) = self.sim.tick() {
            self.record(Entry::Step { to }, false);
        }
        if self.sim.is_finished() {
            self.clock.paused = true;
        }
    }

    /// Real time one tick takes at the current pace.
    pub fn real_time_per_tick(&self) -> Duration {
        let tick_minutes = f64::from(self.scenario.clock.tick.0.max(1));
        Duration::from_secs_f64(tick_minutes * 60.0 / f64::from(self.clock.pace.max(1)))
    }

    /// Real time passes: the clock steps the simulation at its pace unless paused or ended (in a
    /// replay, plays the recording on). Returns the ticks simulated.
    pub fn advance(&mut self, real: Duration) -> u32 {
        if self.is_replay() {
            return self.advance_replay(real);
        }
        if self.clock.paused || self.sim.is_finished() {
            self.clock.carry = Duration::ZERO;
            return 0;
        }
        self.clock.carry += real;
        let per_tick = self.real_time_per_tick();
        let mut steps = 0;
        while self.clock.carry >= per_tick
            && !self.sim.is_finished()
            && self.journal_error.is_none()
        {
            self.clock.carry -= per_tick;
            self.step();
            steps += 1;
        }
        steps
    }

    /// Time passes without moving the clock (a viewer holds it, e.g. while a dialog is open in
    /// the hot-seat console): nothing carries over.
    pub fn hold(&mut self) {
        self.clock.carry = Duration::ZERO;
    }

    /// Records, for the record, which seat a console took.
    pub fn record_seat(&mut self, seat: Seat) {
        let seat = seat.id(&self.scenario);
        if !self.is_replay() {
            self.record(Entry::Seat { seat }, false);
        }
    }

    /// Records that the session was left normally.
    pub fn leave(&mut self) -> bool {
        self.record(Entry::Left { at: now_utc() }, true)
    }

    /// Someone joined (`joined`) or left the session on `seat` from `addr`: kept for the
    /// facilitator's timeline and journaled for the record (replay passes over it; the
    /// simulation and its state hash do not change). A replay keeps no such record.
    pub fn presence(&mut self, seat: Seat, addr: &str, joined: bool) {
        if self.is_replay() {
            return;
        }
        let p = Presence {
            seat: seat.id(&self.scenario),
            addr: addr.to_string(),
            joined,
            at: now_utc(),
            tick: self.sim.tick(),
            after_events: self.sim.log().events().len(),
        };
        self.record(
            Entry::Presence {
                seat: p.seat.clone(),
                addr: p.addr.clone(),
                joined,
                at: p.at.clone(),
                tick: p.tick,
            },
            false,
        );
        if self.presence.len() >= PRESENCE_KEPT {
            self.presence.remove(0);
        }
        self.presence.push(p);
    }

    /// Takes back the joins and leaves of a resumed session's journal, so the facilitator's
    /// timeline still shows them (each placed after the events of the tick it was recorded at).
    pub fn restore_presences<'a>(&mut self, entries: impl IntoIterator<Item = &'a Entry>) {
        let events = self.sim.log().events();
        for entry in entries {
            if let Entry::Presence {
                seat,
                addr,
                joined,
                at,
                tick,
            } = entry
            {
                let after_events = tick.map_or(0, |t| events.partition_point(|e| e.tick <= t));
                if self.presence.len() >= PRESENCE_KEPT {
                    self.presence.remove(0);
                }
                self.presence.push(Presence {
                    seat: seat.clone(),
                    addr: addr.clone(),
                    joined: *joined,
                    at: at.clone(),
                    tick: *tick,
                    after_events,
                });
            }
        }
    }

    /// Joins and leaves so far, oldest first (the white cell's to see, never a team's).
    pub fn presences(&self) -> &[Presence] {
        &self.presence
    }

    /// Moves a replay to `at` (clamped to what was recorded): forward by stepping, back by
    /// rebuilding from the start. Returns the commands given at the tick it now stands at that
    /// `seat` knows of (a team: only its own).
    pub fn scrub_to(&mut self, at: Option<u32>, seat: Seat) -> Vec<String> {
        let Some(replay) = self.replay.as_ref() else {
            return Vec::new();
        };
        let rec = &replay.recording;
        let at = rec.clamp(at);
        if at < self.sim.tick() {
            self.sim = rec.at(at);
        }
        while self.sim.tick() < at {
            let before = self.sim.tick();
            if rec.step_forward(&mut self.sim) == before {
                break;
            }
        }
        self.submitted = rec.before(self.sim.tick()).cloned().collect();
        let team = match seat {
            Seat::WhiteCell => None,
            Seat::Team(t) => Some(t),
        };
        rec.given_at(self.sim.tick(), team)
            .map(|c| c.describe(&rec.scenario))
            .collect()
    }

    /// Plays a replay on at the clock's pace, and pauses at the end of the recording.
    fn advance_replay(&mut self, real: Duration) -> u32 {
        let Some(reached) = self.replay.as_ref().map(|r| r.recording.reached) else {
            return 0;
        };
        if self.clock.paused {
            self.clock.carry = Duration::ZERO;
            return 0;
        }
        self.clock.carry += real;
        let per_tick = self.real_time_per_tick();
        let from = self.sim.tick();
        let mut to = from;
        while self.clock.carry >= per_tick && to < reached {
            self.clock.carry -= per_tick;
            to = to.map_or(Some(0), |t| Some(t + 1));
        }
        if to != from {
            // Playing on says nothing of what was given; the console asks as its seat.
            self.scrub_to(to, Seat::WhiteCell);
        }
        if self.sim.tick() >= reached {
            self.clock.paused = true;
            self.clock.carry = Duration::ZERO;
        }
        let ticks = |t: Option<u32>| t.map_or(0, |t| t + 1);
        ticks(self.sim.tick()).saturating_sub(ticks(from))
    }

    /// Starts a new session holding the recording's history up to where the replay stands, and
    /// turns this replay into that session, live and paused. Returns the new session's name.
    pub fn branch_here(&mut self, seat: Seat) -> Result<String, super::SessionError> {
        let Some(replay) = self.replay.as_ref() else {
            return Ok(self.session_name().unwrap_or_default());
        };
        let at = self.sim.tick();
        let (journal, name) = super::branch(&replay.dir, &replay.recording, at)?;
        self.submitted = replay.recording.before(at).cloned().collect();
        self.replay = None;
        self.keep_journal(journal);
        self.record_seat(seat);
        self.clock.paused = true;
        self.branched = Some(name.clone());
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Authority, Ruling};
    use crate::scenario::model::{ActionId, AssetId, InjectId, ObjectiveId};

    fn flagship() -> Arc<Scenario> {
        let b = crate::library::builtin("nagoya-port-ransomware").expect("built in");
        Arc::new(crate::scenario::parse(b.source, b.path).expect("validates"))
    }

    /// One command of every kind, each belonging to `team` where it is a team's.
    fn every_command(team: TeamId, other: TeamId) -> Vec<Command> {
        vec![
            Command::Act {
                team,
                action: ActionId(0),
                target: None,
                to: None,
                intel: None,
            },
            Command::Authorise {
                team,
                action: ActionId(0),
                requester: Some(other),
                grant: true,
            },
            Command::Message {
                from: team,
                to: vec![other],
                text: "hello".into(),
            },
            Command::FireInject {
                inject: InjectId(0),
            },
            Command::SkipInject {
                inject: InjectId(0),
            },
            Command::DelayInject {
                inject: InjectId(0),
                ticks: 2,
            },
            Command::EditInject {
                inject: InjectId(0),
                text: "new".into(),
            },
            Command::Adjudicate {
                ruling: Ruling::FailAsset(AssetId(0)),
                reason: "r".into(),
            },
            Command::Adjudicate {
                ruling: Ruling::RestoreAsset(AssetId(0)),
                reason: "r".into(),
            },
            Command::Adjudicate {
                ruling: Ruling::CompleteAction(1),
                reason: "r".into(),
            },
            Command::Adjudicate {
                ruling: Ruling::CancelAction(1),
                reason: "r".into(),
            },
            Command::Adjudicate {
                ruling: Ruling::Roll {
                    chance: 0.5,
                    what: "w".into(),
                },
                reason: "r".into(),
            },
            Command::Note {
                text: "n".into(),
                objective: Some(ObjectiveId(0)),
                capability: None,
            },
        ]
    }

    /// Every command x white cell / its own team / another team: the white cell may give all;
    /// a team only its own team's; and what is refused is neither journaled nor queued. The
    /// flagship has no action its first team authorises, so that grant cannot apply: it is
    /// refused from every seat, before the journal (`sim::law::refuses`).
    #[test]
    fn a_seat_gives_only_what_it_has_authority_for() {
        let s = flagship();
        let (a, b) = (TeamId(0), TeamId(1));
        for command in every_command(a, b) {
            let teams = matches!(command.authority(), Authority::Team(_));
            let applies = !matches!(command, Command::Authorise { .. });
            for (seat, allowed) in [
                (Seat::WhiteCell, applies),
                (Seat::Team(a), teams && applies),
                (Seat::Team(b), false),
            ] {
                let dir = tempfile::tempdir().unwrap();
                let mut live = Live::new(s.clone(), 1);
                let text = super::super::ScenarioText::builtin(
                    crate::library::builtin("nagoya-port-ransomware").unwrap(),
                );
                let (journal, _) = super::super::start(dir.path(), &s, &text, 1, None).unwrap();
                let path = journal.path().to_path_buf();
                live.keep_journal(journal);
                let given = live.give(seat, command.clone());
                assert_eq!(
                    given.is_ok(),
                    allowed,
                    "{} from {seat:?}: {given:?}",
                    command.kind()
                );
                let journaled: Vec<_> = super::super::journal::read(&path)
                    .unwrap()
                    .entries
                    .into_iter()
                    .filter_map(|l| match l.entry {
                        Entry::Command { command, seat, .. } => Some((command, seat)),
                        _ => None,
                    })
                    .collect();
                if allowed {
                    assert_eq!(journaled, vec![(command.clone(), Some(seat.id(&s)))]);
                    assert_eq!(live.submitted().len(), 1);
                } else {
                    assert!(journaled.is_empty(), "a refused command is not journaled");
                    assert!(live.submitted().is_empty(), "nor queued");
                    let why = given.unwrap_err().say(&s, crate::lang::Lang::En);
                    assert!(why.starts_with("refused:"), "{why}");
                    if applies {
                        assert!(why.contains(&seat.name(&s)), "names the seat: {why}");
                    } else if seat != Seat::Team(b) {
                        assert!(why.contains("has no authority over"), "{why}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_clock_is_the_white_cells_alone() {
        let s = flagship();
        let mut live = Live::new(s.clone(), 1);
        let team = Seat::Team(TeamId(0));
        let why = live
            .set_paused(team, false)
            .unwrap_err()
            .say(&s, crate::lang::Lang::En);
        assert!(why.contains("the clock"), "{why}");
        assert!(live.clock().paused);
        assert!(live.step_n(team, 3).is_err());
        assert!(live.run_to_next_inject(team).is_err());
        assert!(live.run_to_next_phase(team, &BTreeSet::new()).is_err());
        assert!(live.set_pace(team, 960).is_err());
        assert_eq!(live.tick(), None, "no team seat moved the clock");
        assert_eq!(live.clock().pace, 60);
        live.step_n(Seat::WhiteCell, 3).unwrap();
        assert_eq!(live.tick(), Some(2));
        live.set_paused(Seat::WhiteCell, false).unwrap();
        live.set_pace(Seat::WhiteCell, 960).unwrap();
        let per_tick = live.real_time_per_tick();
        assert_eq!(live.advance(per_tick * 2), 2);
        assert_eq!(live.tick(), Some(4));
    }

    #[test]
    fn invalid_ended_and_replayed_sessions_refuse_with_a_reason() {
        let s = flagship();
        let mut live = Live::new(s.clone(), 1);
        let bad = Command::FireInject {
            inject: InjectId(9999),
        };
        assert!(matches!(
            live.give(Seat::WhiteCell, bad),
            Err(Refusal::Check(_))
        ));
        live.step_n(Seat::WhiteCell, u32::MAX).unwrap();
        assert!(live.is_finished());
        let note = Command::Note {
            text: "late".into(),
            objective: None,
            capability: None,
        };
        assert_eq!(live.give(Seat::WhiteCell, note), Err(Refusal::Ended));
        assert!(live.submitted().is_empty());
    }

    /// Joins and leaves are journaled for the record; the journal resumes to the same state, and a
    /// session left normally still lists as left when connections drop after it.
    #[test]
    fn a_journal_with_joins_and_leaves_resumes_to_the_same_state() {
        let s = flagship();
        let dir = tempfile::tempdir().unwrap();
        let text = super::super::ScenarioText::builtin(
            crate::library::builtin("nagoya-port-ransomware").unwrap(),
        );
        let (journal, _) = super::super::start(dir.path(), &s, &text, 7, None).unwrap();
        let path = journal.path().to_path_buf();
        let mut live = Live::new(s.clone(), 7);
        live.keep_journal(journal);
        let nhta = Seat::Team(s.team_index("nhta").unwrap());
        live.presence(nhta, "127.0.0.1:4000", true);
        live.step_n(Seat::WhiteCell, 20).unwrap();
        live.presence(Seat::WhiteCell, "127.0.0.1:4001", true);
        live.give(
            Seat::WhiteCell,
            Command::Note {
                text: "n".into(),
                objective: None,
                capability: None,
            },
        )
        .unwrap();
        live.step_n(Seat::WhiteCell, 20).unwrap();
        live.presence(nhta, "127.0.0.1:4000", false);
        assert!(live.leave());
        live.presence(Seat::WhiteCell, "127.0.0.1:4001", false);
        assert!(live.sync());

        let room: Vec<_> = live
            .presences()
            .iter()
            .map(|p| (p.seat.as_str(), p.joined, p.tick))
            .collect();
        assert_eq!(
            room,
            vec![
                ("nhta", true, None),
                ("white", true, Some(19)),
                ("nhta", false, Some(39)),
                ("white", false, Some(39)),
            ]
        );
        let journaled = super::super::journal::read(&path)
            .unwrap()
            .entries
            .into_iter()
            .filter(|l| matches!(l.entry, Entry::Presence { .. }))
            .count();
        assert_eq!(journaled, 4, "every join and leave is in the journal");

        let restored = super::super::restore(&path).unwrap();
        assert!(restored.damage.is_none(), "{:?}", restored.damage);
        assert_eq!(restored.sim.tick(), Some(39));
        assert_eq!(
            crate::summary::state_hash(&restored.sim),
            crate::summary::state_hash(live.sim())
        );
        let read = super::super::journal::read(&path).unwrap();
        let mut resumed = Live::resumed(s.clone(), 7, restored.sim, restored.submitted);
        resumed.restore_presences(read.entries.iter().map(|l| &l.entry));
        assert_eq!(
            resumed.presences(),
            live.presences(),
            "a resumed host's timeline keeps the joins and leaves where they were"
        );
        drop(live);
        let listed = super::super::list(dir.path()).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].state, super::super::State::Left);
    }
}
