//! The console's state and its update function: what seat and screen are shown, what is
//! selected, which dialog is open, and how fast the clock runs. Intents come in (from keys, or
//! from tests); engine commands go out through one door, [`App::submit`]. Time comes in through
//! [`App::advance`], so the simulation runs on its own timer and never on key presses.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::KeyEvent;

mod compose;
mod replay;

pub use replay::Replay;

use super::keys::{self, Intent};
use super::view;
use crate::command::Command;
use crate::scenario::model::{
    ActionId, AssetId, InjectId, IntelId, ObjectiveId, PlayedBy, Scenario, TeamId,
};
use crate::session::{Entry, Journal};
use crate::sim::Simulation;
use crate::sim::log::EventKind;

/// Who is looking: the facilitator (white cell) sees ground truth; a team sees what it knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seat {
    WhiteCell,
    Team(TeamId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Board,
    Msel,
    Objectives,
    Map,
    Charts,
    Timeline,
    Notes,
    Inbox,
    Assets,
    Actions,
    Intel,
}

impl Tab {
    pub fn title(self) -> &'static str {
        match self {
            Tab::Board => "Board",
            Tab::Msel => "MSEL",
            Tab::Objectives => "Objectives",
            Tab::Map => "Map",
            Tab::Charts => "Charts",
            Tab::Timeline => "Timeline",
            Tab::Notes => "Notes",
            Tab::Inbox => "Inbox",
            Tab::Assets => "Our assets",
            Tab::Actions => "Actions",
            Tab::Intel => "Intel",
        }
    }
}

const FACILITATOR_TABS: &[Tab] = &[
    Tab::Board,
    Tab::Msel,
    Tab::Objectives,
    Tab::Map,
    Tab::Charts,
    Tab::Timeline,
    Tab::Notes,
];
const TEAM_TABS: &[Tab] = &[
    Tab::Inbox,
    Tab::Assets,
    Tab::Actions,
    Tab::Intel,
    Tab::Objectives,
];

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
    NoteAbout,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Start { cursor: usize },
    Console,
}

pub struct App {
    pub sim: Simulation,
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    pub mode: Mode,
    pub seat: Seat,
    pub tab: usize,
    pub cursor: usize,
    pub dialog: Option<Dialog>,
    pub command_line: Option<String>,
    pub clock: ClockControl,
    pub status: String,
    pub projector: bool,
    pub color: bool,
    /// Inbox entries (event sequence numbers) each team has opened.
    pub read: std::collections::BTreeSet<(TeamId, u32)>,
    /// Every command the console gave the engine, with the tick it was given at.
    pub submitted: Vec<(Option<u32>, Command)>,
    pub quit: bool,
    /// The session's journal, when the console keeps one: every command and step is written here
    /// before the console shows its effect.
    pub journal: Option<Journal>,
    /// Why the journal could not be written; once set, the console gives no more commands and
    /// stops.
    pub journal_error: Option<String>,
    /// Set when the console shows a recorded session read-only (`kunren replay`).
    pub replay: Option<Replay>,
    /// The session a branch started from this replay, once one has.
    pub branched: Option<String>,
}

impl App {
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        App::resumed(
            scenario.clone(),
            seed,
            Simulation::new(scenario, seed),
            Vec::new(),
        )
    }

    /// A console over a simulation already under way (rebuilt from a journal), with the
    /// commands that brought it there.
    pub fn resumed(
        scenario: Arc<Scenario>,
        seed: u64,
        sim: Simulation,
        submitted: Vec<(Option<u32>, Command)>,
    ) -> Self {
        App {
            sim,
            scenario,
            seed,
            mode: Mode::Start { cursor: 0 },
            seat: Seat::WhiteCell,
            tab: 0,
            cursor: 0,
            dialog: None,
            command_line: None,
            clock: ClockControl::default(),
            status: String::new(),
            projector: false,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            read: Default::default(),
            submitted,
            quit: false,
            journal: None,
            journal_error: None,
            replay: None,
            branched: None,
        }
    }

    /// From now on, every command and step is written to `journal` first.
    pub fn keep_journal(&mut self, journal: Journal) {
        self.journal = Some(journal);
    }

    /// Writes an entry to the journal (and syncs it, if `durable`). Returns whether the console
    /// may go on; if the journal cannot be written, the console says so and stops.
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
                self.journal_failed(format!("{e} (while writing {entry:?})"));
                false
            }
        }
    }

    /// Makes every journal entry written so far durable. The console calls this before it
    /// draws, so nothing is shown that is not on disk.
    pub fn sync_journal(&mut self) -> bool {
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

    fn journal_failed(&mut self, why: String) {
        self.status = format!("THE SESSION JOURNAL CANNOT BE WRITTEN: {why}. The console stops.");
        self.journal_error = Some(why);
        self.clock.paused = true;
        self.quit = true;
    }

    /// Records that the console was left normally.
    pub fn leave(&mut self) -> bool {
        self.record(
            Entry::Left {
                at: crate::session::now_utc(),
            },
            true,
        )
    }

    pub fn set_paused(&mut self, paused: bool) {
        if paused != self.clock.paused {
            self.clock.paused = paused;
            self.record(if paused { Entry::Pause } else { Entry::Resume }, false);
        }
    }

    pub fn set_pace(&mut self, pace: u32) {
        if pace != self.clock.pace {
            self.clock.pace = pace;
            self.record(Entry::Pace { pace }, false);
        }
    }

    /// How a seat is named on the command line and in the journal: "white" or the team's id.
    pub fn seat_id(&self, seat: Seat) -> String {
        match seat {
            Seat::WhiteCell => "white".into(),
            Seat::Team(t) => self.scenario.team(t).id.clone(),
        }
    }

    /// The seats a person can take: the white cell, then every team played by people.
    pub fn seats(&self) -> Vec<Seat> {
        let people = self.scenario.teams.iter().enumerate().filter(|(_, t)| {
            t.played_by == PlayedBy::People && t.kind != crate::scenario::model::TeamKind::WhiteCell
        });
        std::iter::once(Seat::WhiteCell)
            .chain(people.map(|(i, _)| Seat::Team(TeamId(i as u32))))
            .collect()
    }

    pub fn seat_name(&self, seat: Seat) -> String {
        match seat {
            Seat::WhiteCell => "White cell (facilitator)".into(),
            Seat::Team(t) => self.scenario.team(t).name.clone(),
        }
    }

    pub fn tabs(&self) -> &'static [Tab] {
        match self.seat {
            Seat::WhiteCell => FACILITATOR_TABS,
            Seat::Team(_) => TEAM_TABS,
        }
    }

    pub fn current_tab(&self) -> Tab {
        let tabs = self.tabs();
        tabs[self.tab.min(tabs.len() - 1)]
    }

    /// The one door to the engine: every command the console gives goes through here.
    /// With a journal, the command is on disk (written and synced) before the engine sees it;
    /// if it cannot be written, it is not given, and the console stops.
    /// A replay refuses every command: it changes nothing and writes nothing.
    pub fn submit(&mut self, command: Command) {
        if self.is_replay() {
            self.status = replay::READ_ONLY.into();
            return;
        }
        // A command that cannot apply is refused here, before it is journaled.
        if let Err(why) = command.check(&self.scenario) {
            self.status = format!("Refused: {why}");
            return;
        }
        let tick = self.sim.tick();
        let entry = Entry::Command {
            tick,
            command: command.clone(),
        };
        if !self.record(entry, true) {
            return;
        }
        self.submitted.push((tick, command.clone()));
        self.sim.submit(command);
        if self.clock.paused {
            self.status =
                "Queued: takes effect at the next tick (Space to resume, . to step)".into();
        }
    }

    /// Real time passes: the clock steps the simulation at its pace, unless paused, a dialog is
    /// open, or the exercise has ended.
    pub fn advance(&mut self, real: Duration) {
        if self.is_replay() {
            self.advance_replay(real);
            return;
        }
        let holding = self.clock.paused || self.dialog.is_some() || self.mode != Mode::Console;
        if holding || self.sim.is_finished() {
            self.clock.carry = Duration::ZERO;
            return;
        }
        self.clock.carry += real;
        let per_tick = self.real_time_per_tick();
        while self.clock.carry >= per_tick && !self.sim.is_finished() && !self.quit {
            self.clock.carry -= per_tick;
            self.step();
        }
    }

    /// Real time one tick takes at the current pace.
    pub fn real_time_per_tick(&self) -> Duration {
        let tick_minutes = f64::from(self.scenario.clock.tick.0.max(1));
        Duration::from_secs_f64(tick_minutes * 60.0 / f64::from(self.clock.pace.max(1)))
    }

    /// Simulates one tick and writes the step to the journal (synced before the next frame).
    fn step(&mut self) {
        if self.journal_error.is_some() || self.sim.is_finished() {
            return;
        }
        self.sim.step();
        if let Some(to) = self.sim.tick() {
            self.record(Entry::Step { to }, false);
        }
        if self.sim.is_finished() {
            self.clock.paused = true;
            self.status = match self.journal.as_ref().and_then(|j| j.path().file_stem()) {
                Some(name) => format!(
                    "The exercise has ended. After-action report: kunren report {} (q to quit)",
                    name.to_string_lossy()
                ),
                None => "The exercise has ended. q to quit.".into(),
            };
        }
    }

    /// Steps until something is delivered to anyone (or the end).
    fn run_to_next_inject(&mut self) {
        let before = self.delivered_count();
        while !self.sim.is_finished() && !self.quit && self.delivered_count() == before {
            self.step();
        }
    }

    fn delivered_count(&self) -> usize {
        self.sim
            .log()
            .events()
            .iter()
            .filter(|e| e.kind == EventKind::InjectDelivered)
            .count()
    }

    fn run_to_next_phase(&mut self) {
        let before = self.sim.facts().phase;
        while !self.sim.is_finished() && !self.quit && self.sim.facts().phase == before {
            self.step();
        }
    }

    /// A key press, as the terminal reports it.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if self.command_line.is_some() {
            if let Some(e) = keys::edit(key) {
                self.edit_command_line(e);
            }
            return;
        }
        if matches!(self.dialog, Some(Dialog::Input { .. })) {
            if let Some(e) = keys::edit(key) {
                self.edit_input(e);
            }
            return;
        }
        if let Some(intent) = keys::intent(key) {
            self.handle(intent);
        }
    }

    /// An intent, from a key or from a test.
    pub fn handle(&mut self, intent: Intent) {
        if intent == Intent::ForceQuit {
            self.quit = true;
            return;
        }
        if self.dialog.is_some() {
            self.handle_dialog(intent);
            return;
        }
        match self.mode {
            Mode::Start { cursor } => self.handle_start(intent, cursor),
            Mode::Console => self.handle_console(intent),
        }
    }

    fn handle_start(&mut self, intent: Intent, cursor: usize) {
        let seats = self.seats();
        match intent {
            Intent::Up => {
                self.mode = Mode::Start {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Intent::Down => {
                self.mode = Mode::Start {
                    cursor: (cursor + 1).min(seats.len() - 1),
                }
            }
            Intent::Select => {
                self.take_seat(seats[cursor.min(seats.len() - 1)]);
                self.mode = Mode::Console;
                self.status = "Paused. Space starts the clock; ? shows every key.".into();
            }
            Intent::Quit => self.quit = true,
            Intent::Help => self.dialog = Some(Dialog::Help),
            _ => {}
        }
    }

    /// Skips the start screen and opens the console on a seat.
    pub fn open_at(&mut self, seat: Seat) {
        self.take_seat(seat);
        self.mode = Mode::Console;
    }

    pub fn take_seat(&mut self, seat: Seat) {
        self.seat = seat;
        self.tab = 0;
        self.cursor = 0;
        self.status = format!("Seat: {}", self.seat_name(seat));
        let seat_id = self.seat_id(seat);
        self.record(Entry::Seat { seat: seat_id }, false);
    }

    fn handle_console(&mut self, intent: Intent) {
        if self.handle_replay(intent) {
            return;
        }
        let tabs = self.tabs().len();
        match intent {
            Intent::Quit => {
                if self.sim.is_finished() {
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
            Intent::Down => self.cursor = (self.cursor + 1).min(self.row_count().saturating_sub(1)),
            Intent::PageUp => self.cursor = self.cursor.saturating_sub(10),
            Intent::PageDown => {
                self.cursor = (self.cursor + 10).min(self.row_count().saturating_sub(1))
            }
            Intent::TogglePause => {
                self.set_paused(!self.clock.paused || self.sim.is_finished());
                self.status = if self.clock.paused {
                    "Paused".into()
                } else {
                    format!("Running at {}", pace_label(self.clock.pace))
                };
            }
            Intent::Step => {
                self.step();
                self.status = "Stepped one tick".into();
            }
            Intent::Faster | Intent::Slower => self.change_pace(intent == Intent::Faster),
            Intent::NextInject => self.run_to_next_inject(),
            Intent::NextPhase => self.run_to_next_phase(),
            Intent::CommandLine => self.command_line = Some(String::new()),
            Intent::SwitchSeat => self.pick_seat(),
            Intent::Projector => self.projector = !self.projector,
            Intent::Select => self.select(),
            Intent::Key(c) => self.letter(c),
            _ => {}
        }
    }

    fn set_tab(&mut self, tab: usize) {
        self.tab = tab;
        self.cursor = 0;
    }

    fn change_pace(&mut self, faster: bool) {
        let i = PACES
            .iter()
            .position(|p| *p >= self.clock.pace)
            .unwrap_or(2);
        let j = if faster {
            (i + 1).min(PACES.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        self.set_pace(PACES[j]);
        self.status = format!("Pace: {}", pace_label(self.clock.pace));
    }

    fn pick_seat(&mut self) {
        let options = self
            .seats()
            .iter()
            .enumerate()
            .map(|(i, s)| (self.seat_name(*s), i as u32))
            .collect();
        self.dialog = Some(Dialog::Pick {
            purpose: Purpose::Seat,
            title: "Take a seat".into(),
            options,
            cursor: 0,
        });
    }

    /// Rows on the current screen, for moving the cursor.
    pub fn row_count(&self) -> usize {
        view::row_count(self)
    }

    fn select(&mut self) {
        match self.current_tab() {
            Tab::Msel => self.fire_selected(),
            Tab::Inbox => self.open_inbox_item(),
            Tab::Actions => self.begin_action(),
            Tab::Intel => self.read_intel(),
            _ => {}
        }
    }

    fn letter(&mut self, c: char) {
        match (self.current_tab(), c) {
            (Tab::Msel, 'f') => self.fire_selected(),
            (Tab::Msel, 'x') => {
                if let Some(inject) = view::msel_inject(self, self.cursor) {
                    self.submit(Command::SkipInject { inject });
                }
            }
            (Tab::Msel, 'd') => {
                if let Some(inject) = view::msel_inject(self, self.cursor) {
                    let ticks = self.scenario.clock.ticks(crate::simtime::Minutes(60));
                    self.submit(Command::DelayInject { inject, ticks });
                }
            }
            (Tab::Msel, 'e') => {
                if let Some(inject) = view::msel_inject(self, self.cursor) {
                    let text = view::inject_text(self, inject);
                    self.input(Purpose::EditInject(inject), "New text of the inject", text);
                }
            }
            (Tab::Board, 'r' | 'F') => {
                if let Some(asset) = view::board_asset(self, self.cursor) {
                    let restore = c == 'r';
                    let verb = if restore { "restore" } else { "fail" };
                    let prompt = format!("Reason to {verb} {}", self.scenario.asset(asset).name);
                    self.input(
                        Purpose::RuleAsset { asset, restore },
                        &prompt,
                        String::new(),
                    );
                }
            }
            (Tab::Board, 'a' | 'c') => {
                let options = view::flights(self);
                if options.is_empty() {
                    self.status = "No action is under way".into();
                } else {
                    let title = if c == 'a' {
                        "Complete which action now?"
                    } else {
                        "Call off which action?"
                    };
                    self.dialog = Some(Dialog::Pick {
                        purpose: Purpose::PickFlight { complete: c == 'a' },
                        title: title.into(),
                        options,
                        cursor: 0,
                    });
                }
            }
            (Tab::Board, 'o') => self.input(
                Purpose::Roll,
                "Roll: chance in % then what, e.g. 30 the vendor answers",
                String::new(),
            ),
            (Tab::Notes, 'n') => {
                let mut options = vec![("(general)".to_string(), u32::MAX)];
                options.extend(
                    self.scenario
                        .objectives
                        .iter()
                        .enumerate()
                        .map(|(i, o)| (o.name.clone(), i as u32)),
                );
                self.dialog = Some(Dialog::Pick {
                    purpose: Purpose::NoteAbout,
                    title: "Note about".into(),
                    options,
                    cursor: 0,
                });
            }
            (Tab::Intel, 's') => self.share_selected(),
            (_, 'm') if matches!(self.seat, Seat::Team(_)) => {
                let options = self.other_teams();
                self.dialog = Some(Dialog::Pick {
                    purpose: Purpose::MessageTo,
                    title: "Write to".into(),
                    options,
                    cursor: 0,
                });
            }
            _ => {}
        }
    }

    pub fn step_n(&mut self, n: u32) {
        for _ in 0..n {
            if self.sim.is_finished() || self.quit {
                break;
            }
            self.step();
        }
    }
}

/// What a replay says to anything that would change the exercise.
pub fn replay_read_only() -> &'static str {
    replay::READ_ONLY
}

/// "30 the vendor answers" → (0.3, "the vendor answers").
pub fn parse_roll(text: &str) -> Option<(f64, String)> {
    let (pct, what) = text.trim().split_once(' ')?;
    let pct: f64 = pct.trim_end_matches('%').parse().ok()?;
    (0.0..=100.0)
        .contains(&pct)
        .then(|| (pct / 100.0, what.trim().to_string()))
}

pub fn pace_label(pace: u32) -> String {
    if pace.is_multiple_of(60) {
        format!("{} h per minute", pace / 60)
    } else {
        format!("{pace} min per minute")
    }
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

    #[test]
    fn paces_read_naturally() {
        assert_eq!(pace_label(60), "1 h per minute");
        assert_eq!(pace_label(30), "30 min per minute");
    }
}
