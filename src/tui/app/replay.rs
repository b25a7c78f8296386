//! The console on a recorded session, read-only, with a timeline scrubber: a tick forward or
//! back, to the next or previous event or command, to a typed tick, or played at a pace. Moving
//! rebuilds the state from the journal's commands (forward one tick is one more step). Nothing is
//! written and no command is given, until a branch starts a new, live session from where it
//! stands.

use std::path::PathBuf;
use std::time::Duration;

use super::{App, Mode, Seat, Tab};
use crate::session::{self, Recording};
use crate::tui::keys::Intent;

/// What the status line says when a key or line would change the exercise.
pub const READ_ONLY: &str =
    "read-only replay: b (or :branch) starts a new session here to play it differently";

/// A recorded session opened read-only.
pub struct Replay {
    pub recording: Recording,
    /// Where a branch's journal is written.
    pub dir: PathBuf,
}

impl Replay {
    /// The scrubber's keys, shown in the footer.
    pub const KEYS: &str =
        ". , tick · ] [ event · } { command · Space play · :T go to tick · b branch · q quit";
}

impl App {
    /// A read-only console on a recording, standing at its first tick, on the white cell.
    pub fn replay(recording: Recording, dir: PathBuf) -> App {
        let start = recording.clamp(Some(0));
        let sim = recording.at(start);
        let mut app = App::resumed(
            recording.scenario.clone(),
            recording.header.seed,
            sim,
            Vec::new(),
        );
        app.submitted = recording.before(start).cloned().collect();
        app.replay = Some(Replay { recording, dir });
        app.open_at(Seat::WhiteCell);
        app.status = format!(
            "Replay of {}: read-only. {}",
            app.replay_name(),
            Replay::KEYS
        );
        app
    }

    pub fn is_replay(&self) -> bool {
        self.replay.is_some()
    }

    fn replay_name(&self) -> String {
        self.replay
            .as_ref()
            .map_or_else(String::new, |r| r.recording.name.clone())
    }

    /// Moves the replay to `at` (clamped to what was recorded): forward by stepping, back by
    /// rebuilding from the start.
    pub fn scrub_to(&mut self, at: Option<u32>) {
        let Some(replay) = self.replay.as_ref() else {
            return;
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
        let given: Vec<String> = rec
            .given_at(self.sim.tick())
            .map(|c| c.describe(&rec.scenario))
            .collect();
        self.status = if given.is_empty() {
            String::new()
        } else {
            format!(
                "Given at this tick (in effect from the next): {}",
                given.join(" · ")
            )
        };
    }

    /// Scrubber keys, and the read-only refusal; `false` if the intent is not the replay's.
    pub(super) fn handle_replay(&mut self, intent: Intent) -> bool {
        let Some(replay) = self.replay.as_ref() else {
            return false;
        };
        let rec = &replay.recording;
        let at = self.sim.tick();
        let team = match self.seat {
            Seat::WhiteCell => None,
            Seat::Team(t) => Some(t),
        };
        let to = match intent {
            Intent::Step => Some(at.map_or(Some(0), |t| Some(t + 1))),
            Intent::StepBack => Some(at.and_then(|t| t.checked_sub(1))),
            Intent::NextInject => Some(rec.next_event(at, team).or(rec.reached)),
            Intent::PrevInject => Some(rec.previous_event(at, team)),
            Intent::NextPhase => Some(rec.next_command(at).unwrap_or(rec.reached)),
            Intent::PrevPhase => Some(rec.previous_command(at).unwrap_or(None)),
            Intent::Quit => {
                self.quit = true;
                return true;
            }
            Intent::TogglePause => {
                let playing = self.clock.paused && at < rec.reached;
                self.clock.paused = !playing;
                self.status = if playing {
                    format!("Playing at {}", super::pace_label(self.clock.pace))
                } else {
                    "Paused".into()
                };
                return true;
            }
            Intent::Key('b') => {
                self.branch_here();
                return true;
            }
            Intent::Key(_) => {
                self.status = READ_ONLY.into();
                return true;
            }
            Intent::Select if !matches!(self.current_tab(), Tab::Inbox | Tab::Intel) => {
                self.status = READ_ONLY.into();
                return true;
            }
            _ => return false,
        };
        if let Some(to) = to {
            self.scrub_to(to);
        }
        true
    }

    /// Plays the replay on at the clock's pace, and pauses at the end of the recording.
    pub(super) fn advance_replay(&mut self, real: Duration) {
        let Some(reached) = self.replay.as_ref().map(|r| r.recording.reached) else {
            return;
        };
        if self.clock.paused || self.dialog.is_some() || self.mode != Mode::Console {
            self.clock.carry = Duration::ZERO;
            return;
        }
        self.clock.carry += real;
        let per_tick = self.real_time_per_tick();
        let mut to = self.sim.tick();
        while self.clock.carry >= per_tick && to < reached {
            self.clock.carry -= per_tick;
            to = to.map_or(Some(0), |t| Some(t + 1));
        }
        if to != self.sim.tick() {
            self.scrub_to(to);
        }
        if self.sim.tick() >= reached {
            self.clock.paused = true;
            self.clock.carry = Duration::ZERO;
            self.status = "End of the recording. , steps back; b branches from here.".into();
        }
    }

    /// Starts a new session holding the recording's history up to where the replay stands, and
    /// turns this console into its live console.
    pub fn branch_here(&mut self) {
        let Some(replay) = self.replay.as_ref() else {
            return;
        };
        let at = self.sim.tick();
        match session::branch(&replay.dir, &replay.recording, at) {
            Ok((journal, name)) => {
                let parent = replay.recording.name.clone();
                self.submitted = replay.recording.before(at).cloned().collect();
                self.replay = None;
                self.keep_journal(journal);
                let seat = self.seat_id(self.seat);
                self.record(crate::session::Entry::Seat { seat }, false);
                self.clock.paused = true;
                self.status = format!(
                    "Branch {name} of {parent} at tick {}: live, paused. Space starts the clock.",
                    at.map_or("(start)".into(), |t| t.to_string())
                );
                self.branched = Some(name);
            }
            Err(e) => self.status = format!("Cannot start a branch: {e}"),
        }
    }
}
