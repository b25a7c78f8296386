//! The console's side of the clock: stepping, running to the next inject or phase, pausing and
//! the pace, all through [`Live`] as the console's seat (the clock is the white cell's alone),
//! real time passing, and what the status line says of it.

use std::time::Duration;

use super::{Console, Live, Mode, PACES, Seat};
use crate::command::Refusal;
use crate::lang::Lang;
use crate::tui::said::Said;
use crate::tui::words::say;

impl Console {
    /// A clock control went through, or the status line says why not. Returns whether it did.
    pub(super) fn clock_done(&mut self, live: &Live, done: Result<(), Refusal>) -> bool {
        match done {
            Ok(()) => {
                self.after_steps(live);
                true
            }
            Err(refusal) => {
                self.status = refusal.say(live.scenario(), self.lang);
                false
            }
        }
    }

    /// After the clock moved: the outcome of a roll this console queued, the end of the
    /// exercise, or a journal that failed.
    pub(super) fn after_steps(&mut self, live: &Live) {
        if let Some(outcome) = self.roll_outcome(live) {
            self.status = outcome;
            self.roll = None;
        }
        self.watch_journal(live);
        if live.is_finished() && !live.is_replay() && !self.quit {
            if self.seat == Seat::WhiteCell {
                // ENDEX: the facilitator's console turns to the hot wash, once.
                if !self.endex_seen
                    && let Some(tab) = self.screens().iter().position(|s| s.name() == "Hot wash")
                {
                    self.set_tab(tab);
                }
                self.status = say(self.lang, ENDEX_WHITE_CELL).into();
            } else {
                self.status = say(self.lang, ENDEX_TEAM).into();
            }
            self.endex_seen = true;
        }
    }

    /// Notices what the clock did while another hand ran it (a hosted session's clock task):
    /// the end of the exercise, once.
    pub fn catch_up(&mut self, live: &Live) {
        if live.is_finished() && !self.endex_seen && self.mode == Mode::Console {
            self.after_steps(live);
        }
    }

    /// Real time passes: the live clock steps at its pace, unless this console holds it (its
    /// start screen or a dialog is open: in the hot seat, the room is busy at this terminal; or
    /// the terminal is too small to show it). Held, the clock keeps its state, paused or
    /// running, and goes on as it was once released.
    pub fn advance(&mut self, live: &mut Live, real: Duration) {
        let holding = self.dialog.is_some() || self.mode != Mode::Console || self.too_small();
        if holding {
            live.hold();
            return;
        }
        let was_finished = live.is_finished();
        if live.is_replay() {
            let was_paused = live.clock().paused;
            live.advance(real);
            if !was_paused && live.clock().paused && live.tick() >= self.replay_reached(live) {
                self.status = say(self.lang, END_OF_RECORDING).into();
            }
            return;
        }
        if live.advance(real) > 0 && (!was_finished || live.journal_error().is_some()) {
            self.after_steps(live);
        }
    }

    pub(super) fn step(&mut self, live: &mut Live) {
        let done = live.step_n(self.seat, 1);
        if done.is_ok() {
            self.status = say(self.lang, "Stepped one tick").into();
        }
        self.clock_done(live, done);
    }

    pub(super) fn run_to_next_inject(&mut self, live: &mut Live) {
        let done = live.run_to_next_inject(self.seat);
        self.clock_done(live, done);
    }

    /// Runs to the next phase, or stops early (a detection, a missed objective, a marked
    /// inject); the status line says why it stopped.
    pub(super) fn run_to_next_phase(&mut self, live: &mut Live) {
        match live.run_to_next_phase(self.seat, &self.marked) {
            Ok(stop) => {
                self.status = stop.describe_in(live.scenario(), self.lang);
                self.after_steps(live);
            }
            Err(refusal) => self.status = refusal.say(live.scenario(), self.lang),
        }
    }

    pub fn set_paused(&mut self, live: &mut Live, paused: bool) -> bool {
        let done = live.set_paused(self.seat, paused);
        self.clock_done(live, done)
    }

    pub fn set_pace(&mut self, live: &mut Live, pace: u32) -> bool {
        let done = live.set_pace(self.seat, pace);
        self.clock_done(live, done)
    }

    pub fn step_n(&mut self, live: &mut Live, n: u32) -> bool {
        let done = live.step_n(self.seat, n);
        self.clock_done(live, done)
    }

    pub(super) fn change_pace(&mut self, live: &mut Live, faster: bool) {
        let i = PACES
            .iter()
            .position(|p| *p >= live.clock().pace)
            .unwrap_or(2);
        let j = if faster {
            (i + 1).min(PACES.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        if self.set_pace(live, PACES[j]) {
            let pace = pace_label_in(live.clock().pace, self.lang);
            self.status = Said::Pace { pace: &pace }.say(self.lang);
        }
    }
}

pub fn pace_label(pace: u32) -> String {
    pace_label_in(pace, Lang::En)
}

/// The pace in `lang`: "1 h per minute", "1分あたり1時間".
pub fn pace_label_in(pace: u32, lang: Lang) -> String {
    match (pace.is_multiple_of(60), lang) {
        (true, Lang::En) => format!("{} h per minute", pace / 60),
        (false, Lang::En) => format!("{pace} min per minute"),
        (true, Lang::Ja) => format!("1分あたり{}時間", pace / 60),
        (false, Lang::Ja) => format!("1分あたり{pace}分"),
    }
}

/// What the white cell's status line says at ENDEX.
pub const ENDEX_WHITE_CELL: &str = "ENDEX. Hot wash: s strength, i area for improvement, p players, f feedback form; Evaluate: r rates; w writes the report; q quits";
/// What a team's says.
pub const ENDEX_TEAM: &str = "ENDEX: the exercise has ended. q to quit.";
/// What a replay's says when it has played to the end of the recording.
pub const END_OF_RECORDING: &str = "End of the recording. , steps back; b branches from here.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paces_read_naturally() {
        assert_eq!(pace_label(60), "1 h per minute");
        assert_eq!(pace_label(30), "30 min per minute");
        assert_eq!(pace_label_in(60, Lang::Ja), "1分あたり1時間");
        assert_eq!(pace_label_in(30, Lang::Ja), "1分あたり30分");
    }
}
