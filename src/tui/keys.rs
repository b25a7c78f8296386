//! Keys become intents here, and nowhere else. An intent is what the user means ("next tab",
//! "pause"); a letter is looked up in the current screen's bindings
//! ([`super::screens::Binding`]), where it is declared once. Nothing past this module sees a
//! key code. Also the help: the console's own keys, then the screens' keys of the seat.

use crate::tui::words::say;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Console, Live, Seat};
pub use super::intent::{Edit, Intent};
use super::screens;

/// A key press at the edge: text keys while the console is typing (the command line, an input
/// dialog), an intent otherwise. Past this, nothing sees a key code.
pub fn press(console: &mut Console, live: &mut Live, key: KeyEvent) {
    if console.is_typing() {
        if let Some(e) = edit(key) {
            console.edit(live, e);
        }
    } else if let Some(intent) = intent(key) {
        console.handle(live, intent);
    }
}

impl App {
    /// A key press, as the terminal reports it.
    pub fn handle_key(&mut self, key: KeyEvent) {
        press(&mut self.console, &mut self.live, key);
    }
}

/// Reads a key in normal navigation.
pub fn intent(key: KeyEvent) -> Option<Intent> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Intent::ForceQuit,
        KeyCode::Char('q') => Intent::Quit,
        KeyCode::Char('?') | KeyCode::F(1) => Intent::Help,
        KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Intent::NextTab,
        KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Intent::PrevTab,
        KeyCode::Char(c @ '1'..='9') => Intent::Tab(c as usize - '1' as usize),
        KeyCode::Up | KeyCode::Char('k') => Intent::Up,
        KeyCode::Down | KeyCode::Char('j') => Intent::Down,
        KeyCode::PageUp => Intent::PageUp,
        KeyCode::PageDown => Intent::PageDown,
        KeyCode::Enter => Intent::Select,
        KeyCode::Esc => Intent::Back,
        KeyCode::Char(' ') => Intent::TogglePause,
        KeyCode::Char('.') => Intent::Step,
        KeyCode::Char('+') | KeyCode::Char('=') => Intent::Faster,
        KeyCode::Char('-') => Intent::Slower,
        KeyCode::Char(']') => Intent::NextInject,
        KeyCode::Char('}') => Intent::NextPhase,
        KeyCode::Char(',') => Intent::StepBack,
        KeyCode::Char('[') => Intent::PrevInject,
        KeyCode::Char('{') => Intent::PrevPhase,
        KeyCode::Char(':') => Intent::CommandLine,
        KeyCode::Char('S') => Intent::SwitchSeat,
        KeyCode::Char('P') => Intent::Projector,
        KeyCode::Char(c) if c.is_ascii_alphabetic() => Intent::Letter(c),
        _ => return None,
    })
}

/// Reads a key while text is being typed.
pub fn edit(key: KeyEvent) -> Option<Edit> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Edit::Cancel,
        KeyCode::Char(c) => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Enter => Edit::Submit,
        KeyCode::Esc => Edit::Cancel,
        KeyCode::Tab => Edit::Choose,
        _ => return None,
    })
}

/// Who has a key of the console's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    Everyone,
    /// The clock is the white cell's alone.
    WhiteCell,
    /// Switching seats is for a console not held to its seat.
    HotSeat,
}

/// The console's own keys, for the help screen: (keys, what they do, who has them). The
/// screens' keys follow them, from [`super::screens::help`].
pub const HELP: &[(&str, &str, Holder)] = &[
    ("?  F1", "this help", Holder::Everyone),
    ("q", "quit (asks first)", Holder::Everyone),
    ("Ctrl-C", "quit at once", Holder::Everyone),
    (
        "Tab  →  l / Shift-Tab  ←  h",
        "next / previous screen",
        Holder::Everyone,
    ),
    ("1-9", "go to screen", Holder::Everyone),
    ("↑ ↓  k j  PgUp PgDn", "move", Holder::Everyone),
    ("Enter", "open, choose, confirm", Holder::Everyone),
    ("Esc", "back, cancel", Holder::Everyone),
    ("Space", "pause / resume the clock", Holder::WhiteCell),
    (".", "step one tick", Holder::WhiteCell),
    ("+ / -", "faster / slower pace", Holder::WhiteCell),
    ("]", "run to the next inject", Holder::WhiteCell),
    ("}", "run to the next phase", Holder::WhiteCell),
    (":", "command line (type 'help')", Holder::Everyone),
    ("S", "switch seat (hot seat)", Holder::HotSeat),
    ("P", "projector mode (high contrast)", Holder::Everyone),
];

/// The help for this console: the replay's keys in a replay; otherwise the console's keys this
/// seat has, then the keys of this seat's screens.
pub fn help(console: &Console, replay: bool) -> Vec<(String, String)> {
    if replay {
        return REPLAY_HELP
            .iter()
            .map(|(k, what)| (k.to_string(), say(console.lang, what).to_string()))
            .collect();
    }
    let has = |who: Holder| match who {
        Holder::Everyone => true,
        Holder::WhiteCell => console.seat == Seat::WhiteCell,
        Holder::HotSeat => !console.locked,
    };
    HELP.iter()
        .filter(|(_, _, who)| has(*who))
        .map(|(k, what, _)| (k.to_string(), say(console.lang, what).to_string()))
        .chain(screens::help(console.seat, console.lang))
        .collect()
}

/// Every key of a read-only replay, for its help screen.
pub const REPLAY_HELP: &[(&str, &str)] = &[
    ("?  F1", "this help"),
    ("q", "leave the replay"),
    (".  ,", "one tick forward / back"),
    ("]  [", "next / previous tick with an event"),
    ("}  {", "next / previous tick a command was given"),
    ("Space", "play / pause at the pace"),
    ("+ / -", "faster / slower pace"),
    (
        ":T  :tick T",
        "go to tick T (also :start :end :step N :back N)",
    ),
    (
        "b  :branch",
        "start a new live session from this tick (what-if)",
    ),
    ("Tab  →  l / Shift-Tab  ←  h", "next / previous screen"),
    ("1-9", "go to screen"),
    ("↑ ↓  k j  PgUp PgDn", "move"),
    ("Enter", "read (inbox, intel)"),
    ("S", "switch seat: see what a team saw"),
    ("P", "projector mode (high contrast)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn vim_keys_and_arrows_mean_the_same() {
        assert_eq!(intent(key(KeyCode::Char('j'))), intent(key(KeyCode::Down)));
        assert_eq!(intent(key(KeyCode::Char('k'))), intent(key(KeyCode::Up)));
        assert_eq!(intent(key(KeyCode::Char('l'))), intent(key(KeyCode::Tab)));
        assert_eq!(
            intent(key(KeyCode::Char('h'))),
            intent(key(KeyCode::BackTab))
        );
    }

    #[test]
    fn ctrl_c_quits_in_any_mode() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(intent(ctrl_c), Some(Intent::ForceQuit));
        assert_eq!(edit(ctrl_c), Some(Edit::Cancel));
        assert_eq!(intent(key(KeyCode::Char('c'))), Some(Intent::Letter('c')));
    }

    #[test]
    fn digits_pick_screens_from_one() {
        assert_eq!(intent(key(KeyCode::Char('1'))), Some(Intent::Tab(0)));
        assert_eq!(intent(key(KeyCode::Char('9'))), Some(Intent::Tab(8)));
    }
}
