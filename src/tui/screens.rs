//! The console's screens, one module each: its view model (plain data read off a [`Live`], a
//! team's only through [`crate::sim::knowledge`]), its drawing, its key legend and its keys.
//! The registry below ([`WHITE_CELL`], [`TEAM`], [`TEAM_KEYS`]) is the one place a screen is
//! registered: the tab bar, the titles' legends, the help dialog and the dispatch of a letter
//! are all read off it.

pub mod actions;
pub mod assets;
pub mod board;
pub mod charts;
pub mod evaluate;
pub mod hot_wash;
pub mod inbox;
pub mod intel;
pub mod map;
pub mod msel;
pub mod notes;
pub mod objectives;
pub mod start;
pub mod timeline;

use crate::lang::Lang;
use crate::tui::words::say;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::{Console, Dialog, Purpose, Seat};
use super::theme::Theme;
use super::widgets::EventList;
use crate::session::live::Live;

/// The facilitator's screens, in tab order.
pub static WHITE_CELL: &[&dyn Screen] = &[
    &board::Board,
    &msel::Msel,
    &objectives::Objectives,
    &map::Map,
    &charts::Charts,
    &timeline::Timeline,
    &notes::Notes,
    &evaluate::Evaluate,
    &hot_wash::HotWash,
];

/// A team's screens, in tab order.
pub static TEAM: &[&dyn Screen] = &[
    &inbox::Inbox,
    &assets::Assets,
    &actions::Actions,
    &intel::Intel,
    &objectives::Objectives,
];

/// Keys a team seat has on every one of its screens.
pub static TEAM_KEYS: &[Binding] = &[Binding::gives(
    &[Key::Letter('m')],
    "message a team",
    "write to another team",
    message_a_team,
)];

/// One screen of the console.
pub trait Screen: Sync {
    /// Its name on the tab bar and in the help.
    fn name(&self) -> &'static str;
    /// The keys it answers, each written once, with its legend.
    fn keys(&self) -> &'static [Binding] {
        &[]
    }
    /// Rows the cursor moves over.
    fn rows(&self, console: &Console, live: &Live) -> usize;
    /// What it shows now, as plain data that draws itself.
    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send>;
}

/// A screen's view model, drawn. Drawing reads the model and nothing else.
pub trait Draw {
    fn draw(&self, chrome: &Chrome, area: Rect, buf: &mut Buffer);
}

/// What every screen's drawing needs from the frame around it.
#[derive(Clone, Copy, Debug)]
pub struct Chrome {
    pub theme: Theme,
    /// The language of the console's own words.
    pub lang: Lang,
    /// A replay: titles do not offer the keys that would give a command.
    pub read_only: bool,
}

impl Chrome {
    /// A title with the legend of the keys it offers: "MSEL (Enter/f fire · x skip)". A
    /// read-only replay leaves out the keys that would give a command.
    pub fn titled<'a>(&self, title: &str, keys: impl IntoIterator<Item = &'a Binding>) -> String {
        let legend: Vec<String> = keys
            .into_iter()
            .filter(|b| !(self.read_only && b.gives))
            .map(|b| format!("{} {}", b.keys_text(), say(self.lang, b.label)))
            .collect();
        let title = say(self.lang, title);
        if legend.is_empty() {
            title.to_string()
        } else {
            format!("{title} ({})", legend.join(" · "))
        }
    }
}

/// A key a screen can bind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Enter,
    Letter(char),
}

impl Key {
    pub fn text(self) -> String {
        match self {
            Key::Enter => "Enter".into(),
            Key::Letter(c) => c.to_string(),
        }
    }
}

/// A key (or keys) of a screen, what its legend says, what the help says, and what it does.
pub struct Binding {
    pub keys: &'static [Key],
    /// The legend in the screen's title.
    pub label: &'static str,
    /// The line in the help dialog.
    pub help: &'static str,
    /// Whether it gives a command (a replay refuses it and its title leaves it out).
    pub gives: bool,
    pub run: fn(&mut Console, &mut Live),
}

impl Binding {
    /// A key that gives a command.
    pub const fn gives(
        keys: &'static [Key],
        label: &'static str,
        help: &'static str,
        run: fn(&mut Console, &mut Live),
    ) -> Binding {
        Binding {
            keys,
            label,
            help,
            gives: true,
            run,
        }
    }

    /// A key that only reads (a replay offers it too).
    pub const fn reads(
        keys: &'static [Key],
        label: &'static str,
        help: &'static str,
        run: fn(&mut Console, &mut Live),
    ) -> Binding {
        Binding {
            keys,
            label,
            help,
            gives: false,
            run,
        }
    }

    /// "Enter/f".
    pub fn keys_text(&self) -> String {
        let keys: Vec<String> = self.keys.iter().map(|k| k.text()).collect();
        keys.join("/")
    }
}

/// The screens of a seat, in tab order.
pub fn of(seat: Seat) -> &'static [&'static dyn Screen] {
    match seat {
        Seat::WhiteCell => WHITE_CELL,
        Seat::Team(_) => TEAM,
    }
}

/// The keys a seat has on every screen.
pub fn seat_keys(seat: Seat) -> &'static [Binding] {
    match seat {
        Seat::WhiteCell => &[],
        Seat::Team(_) => TEAM_KEYS,
    }
}

/// What `key` does on the console's current screen: the screen's own binding, else the seat's.
pub fn binding(console: &Console, key: Key) -> Option<&'static Binding> {
    console
        .screen()
        .keys()
        .iter()
        .chain(seat_keys(console.seat))
        .find(|b| b.keys.contains(&key))
}

/// The help's lines for a seat's screen keys: one per screen that has keys, then the seat's.
pub fn help(seat: Seat, lang: Lang) -> Vec<(String, String)> {
    let line = |name: &str, keys: &[Binding]| {
        let letters: Vec<String> = keys.iter().map(Binding::keys_text).collect();
        let what: Vec<&str> = keys.iter().map(|b| say(lang, b.help)).collect();
        let name = say(lang, name);
        (
            format!("{name}: {}", letters.join(" ")),
            what.join(lang.pick(", ", "、")),
        )
    };
    let mut lines: Vec<(String, String)> = of(seat)
        .iter()
        .filter(|s| !s.keys().is_empty())
        .map(|s| line(s.name(), s.keys()))
        .collect();
    if !seat_keys(seat).is_empty() {
        lines.push(line("any screen", seat_keys(seat)));
    }
    lines
}

/// What a screen shows on a seat it is not registered for (never reached through the registry).
fn blank(console: &Console) -> Box<dyn Draw + Send> {
    Box::new(EventList {
        rows: Vec::new(),
        cursor: console.cursor,
        empty: "",
    })
}

fn message_a_team(console: &mut Console, live: &mut Live) {
    let options = console.other_teams(live);
    console.dialog = Some(Dialog::Pick {
        purpose: Purpose::MessageTo,
        title: say(console.lang, "Write to").into(),
        options,
        cursor: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every letter a seat has, on each of its screens: the screen's own and the seat's.
    fn letters(screen: &dyn Screen, seat: Seat) -> Vec<char> {
        screen
            .keys()
            .iter()
            .chain(seat_keys(seat))
            .flat_map(|b| b.keys)
            .filter_map(|k| match k {
                Key::Letter(c) => Some(*c),
                Key::Enter => None,
            })
            .collect()
    }

    #[test]
    fn each_screen_binds_distinct_keys_that_no_global_key_takes() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        for seat in [
            Seat::WhiteCell,
            Seat::Team(crate::scenario::model::TeamId(0)),
        ] {
            for screen in of(seat) {
                let mut keys: Vec<Key> = screen
                    .keys()
                    .iter()
                    .chain(seat_keys(seat))
                    .flat_map(|b| b.keys.iter().copied())
                    .collect();
                let all = keys.len();
                keys.sort_by_key(|k| k.text());
                keys.dedup();
                assert_eq!(keys.len(), all, "a key bound twice on {}", screen.name());
                for c in letters(*screen, seat) {
                    assert_ne!(
                        c,
                        crate::tui::app::BRANCH,
                        "{} binds the replay's branch key",
                        screen.name()
                    );
                    let read = crate::tui::keys::intent(KeyEvent::new(
                        KeyCode::Char(c),
                        KeyModifiers::NONE,
                    ));
                    assert_eq!(
                        read,
                        Some(crate::tui::intent::Intent::Letter(c)),
                        "{} binds {c:?}, which the console reads as a global key",
                        screen.name()
                    );
                }
            }
        }
    }

    #[test]
    fn screen_names_are_distinct_within_a_seat() {
        for screens in [WHITE_CELL, TEAM] {
            let mut names: Vec<&str> = screens.iter().map(|s| s.name()).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), screens.len());
        }
    }

    #[test]
    fn a_team_seats_help_has_the_team_keys_and_none_of_the_white_cells() {
        let team = help(Seat::Team(crate::scenario::model::TeamId(0)), Lang::En);
        let white = help(Seat::WhiteCell, Lang::En);
        assert!(
            team.iter()
                .any(|(k, what)| k.ends_with(": m") && what == "write to another team"),
            "{team:?}"
        );
        for (keys, _) in &team {
            let (name, _) = keys.split_once(':').unwrap();
            assert!(
                name == "any screen" || TEAM.iter().any(|s| s.name() == name),
                "{keys}"
            );
        }
        for screen in WHITE_CELL.iter().filter(|s| !s.keys().is_empty()) {
            let name = format!("{}:", screen.name());
            assert!(white.iter().any(|(k, _)| k.starts_with(&name)));
            assert!(!team.iter().any(|(k, _)| k.starts_with(&name)), "{team:?}");
        }
        assert!(!white.iter().any(|(k, _)| k.contains(": m")), "{white:?}");
    }

    #[test]
    fn a_legend_leaves_out_commands_in_a_replay() {
        let theme = Theme {
            color: false,
            projector: false,
        };
        let live = Chrome {
            theme,
            lang: Lang::En,
            read_only: false,
        };
        let replay = Chrome {
            theme,
            lang: Lang::En,
            read_only: true,
        };
        let keys = intel::KEYS;
        assert_eq!(
            live.titled("Intel", keys),
            "Intel (Enter read · s share)".to_string()
        );
        assert_eq!(replay.titled("Intel", keys), "Intel (Enter read)");
        // Marking an inject reads: a replay offers it too.
        assert_eq!(replay.titled("MSEL", msel::KEYS), "MSEL (m mark)");
    }
}
