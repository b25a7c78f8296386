//! The console's state and its update function: what seat and screen are shown, what is
//! selected, which dialog is open, and how fast the clock runs. Intents come in (from keys, or
//! from tests); engine commands go out through one door, [`App::submit`]. Time comes in through
//! [`App::advance`], so the simulation runs on its own timer and never on key presses.

use crate::lang::Lang;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

pub(crate) mod clock;
pub(crate) mod compose;
pub(crate) mod evaluate;
mod replay;
pub(crate) mod seats;

pub use clock::{pace_label, pace_label_in};
pub use compose::{NO, YES};
pub use evaluate::{Step, default_report_path, format_named};
pub use replay::{BRANCH, Replay};

use super::intent::{Edit, Intent};
use super::said::Said;
use super::screens::{self, Key, Screen};
use super::words::say;
use crate::command::Command;
pub use crate::command::Seat;
use crate::scenario::model::{
    ActionId, AssetId, InjectId, IntelId, ObjectiveId, PlayedBy, Scenario, TeamId,
};
pub use crate::session::live::Live;
pub use crate::session::live::{ClockControl, PACES};
use crate::sim::Simulation;

/// The seats a person can take in a scenario: the white cell, then every team played by people.
pub fn seats(scenario: &Scenario) -> Vec<Seat> {
    let people = scenario.teams.iter().enumerate().filter(|(_, t)| {
        t.played_by == PlayedBy::People && t.kind != crate::scenario::model::TeamKind::WhiteCell
    });
    std::iter::once(Seat::WhiteCell)
        .chain(people.map(|(i, _)| Seat::Team(TeamId(i as u32))))
        .collect()
}

/// What a choice or a typed text is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Seat,
    /// Building a team action: the parts chosen so far.
    Act {
        action: ActionId,
        target: Option<AssetId>,
        to: Option<TeamId>,
        intel: Option<IntelId>,
    },
    ConfirmAct {
        action: ActionId,
        target: Option<AssetId>,
        to: Option<TeamId>,
        intel: Option<IntelId>,
    },
    ShareWith {
        action: ActionId,
        intel: IntelId,
    },
    MessageTo,
    MessageText {
        to: TeamId,
    },
    /// What a note is about: the text typed so far waits in the picker.
    NoteAbout {
        text: String,
    },
    NoteText {
        objective: Option<ObjectiveId>,
    },
    EditInject(InjectId),
    RuleAsset {
        asset: AssetId,
        restore: bool,
    },
    PickFlight {
        complete: bool,
    },
    RuleFlight {
        seq: u32,
        complete: bool,
    },
    Roll,
    /// An evaluator's dialog (see [`evaluate`]).
    Evaluate(Step),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    Help,
    ConfirmQuit,
    /// Read a longer text.
    Detail {
        title: String,
        body: String,
    },
    /// Choose one of several options; each option carries the id it stands for.
    Pick {
        purpose: Purpose,
        title: String,
        options: Vec<(String, u32)>,
        cursor: usize,
    },
    /// Type a line of text.
    Input {
        purpose: Purpose,
        prompt: String,
        text: String,
    },
    /// Confirm a prepared action.
    Confirm {
        purpose: Purpose,
        question: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Start { cursor: usize },
    Console,
}

/// One person's console on a live session: the seat, screen, selection, dialog, command line and
/// status line. It reads a [`Live`] to draw and hands it commands; several consoles may share one
/// `Live` (the hot seat today, one per SSH connection).
pub struct Console {
    pub mode: Mode,
    pub seat: Seat,
    /// The language this console reads in: its own words and the scenario's texts. Never
    /// journaled: it changes nothing in the exercise.
    pub lang: Lang,
    /// Set when the console is held to its seat (`kunren play --seat T`, a seat over SSH): the
    /// seat picker, `S` and `:seat` are refused. Without it (the hot seat), switching seats is
    /// how the room takes turns, the white cell being one of the seats on purpose.
    pub locked: bool,
    pub tab: usize,
    pub cursor: usize,
    pub dialog: Option<Dialog>,
    pub command_line: Option<String>,
    pub status: String,
    pub projector: bool,
    pub color: bool,
    pub quit: bool,
    /// The console has seen the exercise end (and turned to the hot wash).
    pub endex_seen: bool,
    /// A roll of the dice this console queued, until the status line has told its outcome.
    pub roll: Option<PendingRoll>,
    /// Injects the facilitator marked on the MSEL: a run to the next phase stops when one goes
    /// out. The console's, not the exercise's: nothing is journaled.
    pub marked: BTreeSet<InjectId>,
    /// The terminal's size as last drawn, if known: too small a terminal holds the clock.
    pub size: Option<(u16, u16)>,
}

/// A roll queued from a console: where the log stood when it was given, what it is for, and what
/// the status line said then (a newer status supersedes it).
#[derive(Clone, Debug, PartialEq)]
pub struct PendingRoll {
    pub from: usize,
    pub what: String,
    pub said: String,
}

/// The hot-seat console: one terminal, one live session it owns, and the console of whoever sits
/// at it.
pub struct App {
    pub live: Live,
    pub console: Console,
}

impl App {
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        App::on(Live::new(scenario, seed))
    }

    /// A console over a simulation already under way (rebuilt from a journal), with the
    /// commands that brought it there.
    pub fn resumed(
        scenario: Arc<Scenario>,
        seed: u64,
        sim: Simulation,
        submitted: Vec<(Option<u32>, Command)>,
    ) -> Self {
        App::on(Live::resumed(scenario, seed, sim, submitted))
    }

    /// The hot-seat console on a live session, at the start screen.
    pub fn on(live: Live) -> Self {
        App {
            live,
            console: Console::new(),
        }
    }

    /// An intent, from a key or from a test.
    pub fn handle(&mut self, intent: Intent) {
        self.console.handle(&mut self.live, intent);
    }

    /// Real time passes (see [`Console::advance`]).
    pub fn advance(&mut self, real: Duration) {
        self.console.advance(&mut self.live, real);
    }

    /// Skips the start screen and opens the console on a seat.
    pub fn open_at(&mut self, seat: Seat) {
        self.console.open_at(&mut self.live, seat);
    }

    /// Opens the console held to one seat: no switching (`kunren play --seat T`).
    pub fn lock_to(&mut self, seat: Seat) {
        self.console.lock_to(&mut self.live, seat);
    }

    /// Makes every journal entry durable; stops the console if it cannot.
    pub fn sync_journal(&mut self) -> bool {
        let ok = self.live.sync();
        self.console.watch_journal(&self.live);
        ok
    }

    /// Records that the console was left normally.
    pub fn leave(&mut self) -> bool {
        self.live.leave()
    }

    /// From now on, every command and step is written to `journal` first.
    pub fn keep_journal(&mut self, journal: crate::session::Journal) {
        self.live.keep_journal(journal);
    }

    /// Gives a command as the console's seat (see [`Console::submit`]).
    pub fn submit(&mut self, command: Command) -> bool {
        self.console.submit(&mut self.live, command)
    }

    /// Steps the clock as the console's seat (see [`Console::step_n`]).
    pub fn step_n(&mut self, n: u32) -> bool {
        self.console.step_n(&mut self.live, n)
    }

    pub fn is_replay(&self) -> bool {
        self.live.is_replay()
    }
}

impl Default for Console {
    fn default() -> Self {
        Console::new()
    }
}

impl Console {
    pub fn new() -> Self {
        Console {
            mode: Mode::Start { cursor: 0 },
            seat: Seat::WhiteCell,
            lang: Lang::En,
            locked: false,
            tab: 0,
            cursor: 0,
            dialog: None,
            command_line: None,
            status: String::new(),
            projector: false,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            quit: false,
            endex_seen: false,
            roll: None,
            marked: BTreeSet::new(),
            size: None,
        }
    }

    /// The terminal is now `cols` x `rows`. Below [`super::frame::MIN_SIZE`] nothing but a
    /// message is drawn, and the clock holds until it is larger again.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.size = Some((cols, rows));
    }

    /// Whether the terminal is too small to show the console.
    pub fn too_small(&self) -> bool {
        let (w, h) = super::frame::MIN_SIZE;
        self.size.is_some_and(|(cols, rows)| cols < w || rows < h)
    }

    /// Once the live session cannot write its journal, the console says so and stops.
    pub fn watch_journal(&mut self, live: &Live) {
        if let Some(why) = live.journal_error()
            && !self.quit
        {
            self.status = Said::JournalBroken { why }.say(self.lang);
            self.quit = true;
        }
    }

    /// This seat's screens, in tab order (from the registry, [`screens::of`]).
    pub fn screens(&self) -> &'static [&'static dyn Screen] {
        screens::of(self.seat)
    }

    /// The screen shown now.
    pub fn screen(&self) -> &'static dyn Screen {
        let screens = self.screens();
        screens[self.tab.min(screens.len() - 1)]
    }

    /// Hands a command to the live session as this console's seat; says on the status line, at
    /// once, what became of it: queued until the next tick, and what it was (a roll's outcome
    /// follows once that tick has drawn it). Returns whether it was given.
    pub fn submit(&mut self, live: &mut Live, command: Command) -> bool {
        let what = command.describe_in(live.scenario(), self.lang);
        let roll = match &command {
            Command::Adjudicate {
                ruling: crate::command::Ruling::Roll { what, .. },
                ..
            } => Some(what.clone()),
            _ => None,
        };
        let from = live.sim().log().events().len();
        match live.give(self.seat, command) {
            Ok(()) => {
                self.status = Said::Queued {
                    what: &what,
                    paused: live.clock().paused,
                }
                .say(self.lang);
                self.roll = roll.map(|what| PendingRoll {
                    from,
                    what,
                    said: self.status.clone(),
                });
                true
            }
            Err(refusal) => {
                self.status = refusal.say(live.scenario(), self.lang);
                self.watch_journal(live);
                false
            }
        }
    }

    /// What the status line says: the status, or, while it still stands, the outcome of the
    /// roll this console queued once the tick that drew it has run (a console over SSH does not
    /// run the clock itself, so this is read off the log at each frame).
    pub fn status_line(&self, live: &Live) -> String {
        match &self.roll {
            Some(roll) if roll.said == self.status => self
                .roll_outcome(live)
                .unwrap_or_else(|| self.status.clone()),
            _ => self.status.clone(),
        }
    }

    /// The outcome of the roll this console queued, once the log has it: "Dice: roll for the
    /// vendor answers at 30%: fails (facilitator's roll)".
    pub(crate) fn roll_outcome(&self, live: &Live) -> Option<String> {
        let roll = self.roll.as_ref()?;
        let told = format!("roll for {} at", roll.what);
        let new = live.sim().log().events().get(roll.from..)?;
        let e = new.iter().find(|e| {
            e.kind == crate::sim::log::EventKind::Adjudication && e.text.contains(&told)
        })?;
        // The log's line as this seat reads it: in English without its prefix, as it always was.
        let text = match self.lang {
            Lang::En => e
                .text
                .strip_prefix("Facilitator ruling: ")
                .unwrap_or(&e.text)
                .to_string(),
            Lang::Ja => live.sim().read(e, self.lang).0,
        };
        Some(Said::Dice { outcome: &text }.say(self.lang))
    }

    /// Whether keys now type text (the command line, an input dialog) rather than mean intents.
    pub fn is_typing(&self) -> bool {
        self.command_line.is_some() || matches!(self.dialog, Some(Dialog::Input { .. }))
    }

    /// Text typed into the command line or an input dialog.
    pub fn edit(&mut self, live: &mut Live, e: Edit) {
        if self.command_line.is_some() {
            self.edit_command_line(live, e);
        } else if matches!(self.dialog, Some(Dialog::Input { .. })) {
            self.edit_input(live, e);
        }
    }

    /// An intent, from a key or from a test.
    pub fn handle(&mut self, live: &mut Live, intent: Intent) {
        if intent == Intent::ForceQuit {
            self.quit = true;
            return;
        }
        if self.dialog.is_some() {
            self.handle_dialog(live, intent);
            return;
        }
        match self.mode {
            Mode::Start { cursor } => self.handle_start(live, intent, cursor),
            Mode::Console => self.handle_console(live, intent),
        }
    }

    fn handle_console(&mut self, live: &mut Live, intent: Intent) {
        if self.handle_replay(live, intent) {
            return;
        }
        let tabs = self.screens().len();
        match intent {
            Intent::Quit => {
                if live.sim().is_finished() {
                    self.quit = true;
                } else {
                    self.dialog = Some(Dialog::ConfirmQuit);
                }
            }
            Intent::Help => self.dialog = Some(Dialog::Help),
            Intent::NextTab => self.set_tab((self.tab + 1) % tabs),
            Intent::PrevTab => self.set_tab((self.tab + tabs - 1) % tabs),
            Intent::Tab(i) if i < tabs => self.set_tab(i),
            Intent::Up => self.cursor = self.cursor.saturating_sub(1),
            Intent::Down => {
                self.cursor = (self.cursor + 1).min(self.row_count(live).saturating_sub(1))
            }
            Intent::PageUp => self.cursor = self.cursor.saturating_sub(10),
            Intent::PageDown => {
                self.cursor = (self.cursor + 10).min(self.row_count(live).saturating_sub(1))
            }
            Intent::TogglePause => {
                let pause = !live.clock().paused || live.sim().is_finished();
                if self.set_paused(live, pause) {
                    self.status = if live.clock().paused {
                        say(self.lang, "Paused").into()
                    } else {
                        let pace = pace_label_in(live.clock().pace, self.lang);
                        Said::Running { pace: &pace }.say(self.lang)
                    };
                }
            }
            Intent::Step => self.step(live),
            Intent::Faster | Intent::Slower => self.change_pace(live, intent == Intent::Faster),
            Intent::NextInject => self.run_to_next_inject(live),
            Intent::NextPhase => self.run_to_next_phase(live),
            Intent::CommandLine => self.command_line = Some(String::new()),
            Intent::SwitchSeat => self.pick_seat(live),
            Intent::Projector => self.projector = !self.projector,
            Intent::Select => self.press(live, Key::Enter),
            Intent::Letter(c) => self.press(live, Key::Letter(c)),
            _ => {}
        }
    }

    fn set_tab(&mut self, tab: usize) {
        self.tab = tab;
        self.cursor = 0;
    }

    /// Rows on the current screen, for moving the cursor.
    pub fn row_count(&self, live: &Live) -> usize {
        self.screen().rows(self, live)
    }

    /// A screen's key: what the current screen (or the seat, on every screen) binds it to.
    fn press(&mut self, live: &mut Live, key: Key) {
        if let Some(binding) = screens::binding(self, key) {
            (binding.run)(self, live);
        }
    }
}

/// What a replay says to anything that would change the exercise.
pub fn replay_read_only(s: &crate::scenario::model::Scenario, lang: crate::lang::Lang) -> String {
    replay::read_only(s, lang)
}

/// "30 the vendor answers" → (0.3, "the vendor answers").
pub fn parse_roll(text: &str) -> Option<(f64, String)> {
    let (pct, what) = text.trim().split_once(' ')?;
    let pct: f64 = pct.trim_end_matches('%').parse().ok()?;
    (0.0..=100.0)
        .contains(&pct)
        .then(|| (pct / 100.0, what.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolls_read_a_percentage_and_a_description() {
        assert_eq!(
            parse_roll("30 the vendor answers"),
            Some((0.3, "the vendor answers".into()))
        );
        assert_eq!(
            parse_roll("75% press picks it up"),
            Some((0.75, "press picks it up".into()))
        );
        assert_eq!(parse_roll("130 impossible"), None);
        assert_eq!(parse_roll("thirty x"), None);
        assert_eq!(parse_roll("30"), None);
    }

    /// A console is driven without a terminal: intents and typed text, as a network host
    /// would give them after parsing its own bytes. Two consoles share one live session.
    #[test]
    fn consoles_share_a_live_session_through_intents_and_edits() {
        let b = crate::library::builtin(crate::library::FLAGSHIP).unwrap();
        let s = Arc::new(crate::scenario::parse(b.source, b.path).unwrap());
        let mut live = Live::new(s.clone(), 1);
        let (mut white, mut team) = (Console::new(), Console::new());
        white.handle(&mut live, Intent::Select);
        team.lock_to(&mut live, Seat::Team(s.team_index("mlit").unwrap()));
        let type_line = |c: &mut Console, live: &mut Live, line: &str| {
            c.handle(live, Intent::CommandLine);
            assert!(c.is_typing());
            for ch in line.chars() {
                c.edit(live, Edit::Insert(ch));
            }
            c.edit(live, Edit::Submit);
            assert!(!c.is_typing());
        };
        type_line(&mut white, &mut live, "step 3");
        assert_eq!(live.tick(), Some(2));
        type_line(&mut team, &mut live, "step 3");
        assert_eq!(live.tick(), Some(2), "{}", team.status);
        assert!(
            team.status.contains("white cell's alone"),
            "{}",
            team.status
        );
        assert_eq!(
            white.seat,
            Seat::WhiteCell,
            "each console keeps its own seat"
        );
    }
}
