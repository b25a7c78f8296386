//! The console on a recorded session, read-only, with a timeline scrubber: a tick forward or
//! back, to the next or previous event or command, to a typed tick, or played at a pace. The
//! [`Live`] session stands on the recording and moves along it; this is the console's side:
//! keys, the status line, and turning into a branch's live console.

use super::{Console, Live, Seat};
use crate::command::Refusal;
use crate::session::Recording;
use crate::tui::intent::Intent;
use crate::tui::said::Said;
use crate::tui::screens::{self, Key};
use crate::tui::words::say;

/// The letter that starts a branch from where the replay stands.
pub const BRANCH: char = 'b';

/// The scrubber's keys, shown in the footer.
pub struct Replay;

impl Replay {
    pub const KEYS: &str =
        ". , tick · ] [ event · } { command · Space play · :T go to tick · b branch · q quit";
}

impl super::App {
    /// A read-only console on a recording, standing at its first tick, on the white cell.
    pub fn replay(recording: Recording, dir: std::path::PathBuf) -> super::App {
        let name = recording.name.clone();
        let mut app = super::App::on(Live::replay(recording, dir));
        app.open_at(Seat::WhiteCell);
        app.console.status = Said::ReplayOf {
            name: &name,
            keys: say(app.console.lang, Replay::KEYS),
        }
        .say(app.console.lang);
        app
    }

    /// The session a branch of this replay started, once one has.
    pub fn branched(&self) -> Option<&str> {
        self.live.branched()
    }
}

impl Console {
    pub(super) fn replay_reached(&self, live: &Live) -> Option<u32> {
        live.replaying().and_then(|r| r.recording.reached)
    }

    /// Moves the replay to `at`; the status line says what was given there.
    pub fn scrub_to(&mut self, live: &mut Live, at: Option<u32>) {
        let given = live.scrub_to(at, self.seat);
        self.status = if given.is_empty() {
            String::new()
        } else {
            Said::GivenHere {
                given: &given.join(" · "),
            }
            .say(self.lang)
        };
    }

    /// Scrubber keys, and the read-only refusal; `false` if the intent is not the replay's.
    pub(super) fn handle_replay(&mut self, live: &mut Live, intent: Intent) -> bool {
        let Some(replay) = live.replaying() else {
            return false;
        };
        let rec = &replay.recording;
        let at = live.tick();
        let team = match self.seat {
            Seat::WhiteCell => None,
            Seat::Team(t) => Some(t),
        };
        let to = match intent {
            Intent::Step => Some(at.map_or(Some(0), |t| Some(t + 1))),
            Intent::StepBack => Some(at.and_then(|t| t.checked_sub(1))),
            Intent::NextInject => Some(rec.next_event(at, team).or(rec.reached)),
            Intent::PrevInject => Some(rec.previous_event(at, team)),
            Intent::NextPhase => Some(rec.next_command(at, team).unwrap_or(rec.reached)),
            Intent::PrevPhase => Some(rec.previous_command(at, team).unwrap_or(None)),
            Intent::Quit => {
                self.quit = true;
                return true;
            }
            Intent::TogglePause => {
                let playing = live.clock().paused && at < rec.reached;
                let _ = live.set_paused(self.seat, !playing);
                self.status = if playing {
                    let pace = super::pace_label_in(live.clock().pace, self.lang);
                    Said::Playing { pace: &pace }.say(self.lang)
                } else {
                    say(self.lang, "Paused").into()
                };
                return true;
            }
            Intent::Letter(BRANCH) => {
                self.branch_here(live);
                return true;
            }
            Intent::Letter(c) => return self.read_only_key(live, Key::Letter(c)),
            Intent::Select => return self.read_only_key(live, Key::Enter),
            _ => return false,
        };
        if let Some(to) = to {
            self.scrub_to(live, to);
        }
        true
    }

    /// A screen's key in a replay: one that only reads (Enter to read an item) goes on to the
    /// screen (`false`); one that would give a command, or none, is refused.
    fn read_only_key(&mut self, live: &Live, key: Key) -> bool {
        match screens::binding(self, key) {
            Some(b) if !b.gives => false,
            _ => {
                self.status = read_only(live.scenario(), self.lang);
                true
            }
        }
    }

    /// Starts a new session holding the recording's history up to where the replay stands, and
    /// turns this console into its live console.
    pub fn branch_here(&mut self, live: &mut Live) {
        let Some(parent) = live.replaying().map(|r| r.recording.name.clone()) else {
            return;
        };
        let at = live.tick();
        match live.branch_here(self.seat) {
            Ok(name) => {
                self.status = Said::Branched {
                    name: &name,
                    parent: &parent,
                    at,
                }
                .say(self.lang);
            }
            Err(e) => {
                self.status = Said::NoBranch {
                    why: &e.to_string(),
                }
                .say(self.lang)
            }
        }
    }
}

/// A refusal of the replay, as the status line says it.
pub fn read_only(s: &crate::scenario::model::Scenario, lang: crate::lang::Lang) -> String {
    Refusal::ReadOnly.say(s, lang)
}
