//! The bytes an SSH client sends, as key events of the console's input type (crossterm's
//! `KeyEvent`, which `tui::keys` turns into intents). termina parses the stream, because
//! crossterm's own parser only reads the local terminal. Garbage is dropped, never a panic; a
//! lone Esc is held until more bytes come or [`Decoder::flush`] says none will.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use termina::event::{Event, KeyCode as TKey, KeyEventKind, Modifiers};

/// Bytes fed to the parser at a time. Long runs with no complete key in them are dropped, so a
/// client sending garbage costs a bounded amount of work and memory.
const CHUNK: usize = 64;

/// How long a lone Esc waits for the rest of an escape sequence.
pub const ESC_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(40);

#[derive(Debug, Default)]
pub struct Decoder {
    parser: termina::Parser,
    /// Bytes fed since the last complete event.
    pending: usize,
}

impl Decoder {
    /// Feeds bytes; returns the keys they complete.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<KeyEvent> {
        let mut keys = Vec::new();
        for chunk in bytes.chunks(CHUNK) {
            self.parser.parse(chunk, true);
            self.pending += chunk.len();
            let before = keys.len();
            self.drain(&mut keys);
            if keys.len() > before {
                self.pending = 0;
            } else if self.pending > CHUNK {
                // Nothing sensible in a whole chunk: drop what is held.
                keys.extend(self.flush());
            }
        }
        keys
    }

    /// Whether bytes are held waiting for the rest of a sequence (a lone Esc, say).
    pub fn holding(&self) -> bool {
        self.pending > 0
    }

    /// No more bytes are coming soon: what is held is read as it stands (a lone Esc is Esc),
    /// and whatever still makes no key is dropped (termina keeps an unfinished sequence, which
    /// would swallow the next keys; a fresh parser forgets it).
    pub fn flush(&mut self) -> Vec<KeyEvent> {
        let mut keys = Vec::new();
        self.parser.parse(&[], false);
        self.drain(&mut keys);
        self.parser = termina::Parser::default();
        self.pending = 0;
        keys
    }

    fn drain(&mut self, keys: &mut Vec<KeyEvent>) {
        while let Some(event) = self.parser.pop() {
            if let Event::Key(k) = event
                && k.kind != KeyEventKind::Release
                && let Some(key) = convert(k.code, k.modifiers)
            {
                keys.push(key);
            }
        }
    }
}

fn convert(code: TKey, mods: Modifiers) -> Option<KeyEvent> {
    let code = match code {
        TKey::Char(c) => KeyCode::Char(c),
        TKey::Enter => KeyCode::Enter,
        TKey::Backspace => KeyCode::Backspace,
        TKey::Tab => KeyCode::Tab,
        TKey::BackTab => KeyCode::BackTab,
        TKey::Escape => KeyCode::Esc,
        TKey::Left => KeyCode::Left,
        TKey::Right => KeyCode::Right,
        TKey::Up => KeyCode::Up,
        TKey::Down => KeyCode::Down,
        TKey::Home => KeyCode::Home,
        TKey::End => KeyCode::End,
        TKey::PageUp => KeyCode::PageUp,
        TKey::PageDown => KeyCode::PageDown,
        TKey::Insert => KeyCode::Insert,
        TKey::Delete => KeyCode::Delete,
        TKey::Function(n) => KeyCode::F(n),
        _ => return None,
    };
    let mut m = KeyModifiers::NONE;
    if mods.contains(Modifiers::SHIFT) {
        m |= KeyModifiers::SHIFT;
    }
    if mods.contains(Modifiers::CONTROL) {
        m |= KeyModifiers::CONTROL;
    }
    if mods.contains(Modifiers::ALT) {
        m |= KeyModifiers::ALT;
    }
    Some(KeyEvent::new(code, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(keys: &[KeyEvent]) -> Vec<KeyCode> {
        keys.iter().map(|k| k.code).collect()
    }

    #[test]
    fn letters_arrows_and_control_keys_are_read() {
        let mut d = Decoder::default();
        let keys = d.feed(b"q\x1b[A\x1b[B\r\t\x03");
        assert_eq!(
            codes(&keys),
            vec![
                KeyCode::Char('q'),
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Enter,
                KeyCode::Tab,
                KeyCode::Char('c'),
            ]
        );
        assert!(keys[5].modifiers.contains(KeyModifiers::CONTROL));
    }

    #[test]
    fn a_sequence_split_across_packets_is_one_key() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b[").is_empty());
        assert!(d.holding());
        assert_eq!(codes(&d.feed(b"C")), vec![KeyCode::Right]);
    }

    #[test]
    fn a_lone_escape_is_escape_once_flushed() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b").is_empty());
        assert_eq!(codes(&d.flush()), vec![KeyCode::Esc]);
        assert!(!d.holding());
    }

    #[test]
    fn an_unfinished_sequence_does_not_swallow_the_next_keys() {
        for junk in [
            &[0xE2u8][..],
            b"\x1b[",
            b"\x1bP",
            b"\x1b]",
            b"\x1b[<",
            &[0xF0, 0x9F],
        ] {
            let mut d = Decoder::default();
            let _ = d.feed(junk);
            let _ = d.flush();
            assert_eq!(
                codes(&d.feed(b"j")),
                vec![KeyCode::Char('j')],
                "after {junk:?}"
            );
        }
    }

    #[test]
    fn garbage_is_dropped_and_reading_goes_on() {
        let mut d = Decoder::default();
        let mut junk: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
        junk.extend_from_slice(b"\x1b[");
        junk.extend(std::iter::repeat_n(b'9', 50_000));
        let _ = d.feed(&junk);
        let _ = d.flush();
        assert_eq!(codes(&d.feed(b"j")), vec![KeyCode::Char('j')]);
    }
}
