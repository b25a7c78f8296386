//! Text on its way to a terminal: scenario files are written by anyone, and a title, a message
//! or an id holding an escape sequence (`ESC [2J`, a hyperlink, a title change), a NUL byte or a
//! right-to-left override would act on the terminal or hide what is shown. [`printable`] is the
//! one function every piece of scenario text passes through at the edge, where it is printed or
//! drawn in a diagnostic: it replaces each control character but the line feed, carriage return
//! and tab, and each invisible bidirectional or format control, with a visible stand-in of the
//! same length in bytes, so byte offsets into the text (diagnostic spans) stay valid.

use std::borrow::Cow;

/// `text` with every character that could act on a terminal replaced: C0 controls (NUL and ESC
/// included) and DEL by `?`, C1 controls by `¿`, bidirectional and other invisible format
/// controls by `�`. Text without any is returned as it is.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !unsafe_char(c) => c,
                c if c.len_utf8() == 1 => '?',
                c if c.len_utf8() == 2 => '¿',
                _ => '\u{fffd}',
            })
            .collect(),
    )
}

fn unsafe_char(c: char) -> bool {
    match c {
        '\n' | '\r' | '\t' => false,
        c if c.is_control() => true,
        // Bidirectional embeddings, overrides and isolates; zero-width and other format marks
        // that can reorder or hide text; the byte-order mark inside text.
        '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_nul_and_bidi_controls_are_replaced_byte_for_byte() {
        let hostile = "a\u{1b}[2Jb\0c\u{9b}d\u{202e}e\u{7f}\tf\r\ng";
        let safe = printable(hostile);
        assert_eq!(safe, "a?[2Jb?c¿d\u{fffd}e?\tf\r\ng");
        assert_eq!(safe.len(), hostile.len());
        assert!(
            !safe
                .chars()
                .any(|c| c.is_control() && !"\t\r\n".contains(c))
        );
    }

    #[test]
    fn ordinary_text_is_untouched_and_not_copied() {
        let text = "名古屋港 — «ransomware» ✓\n";
        assert!(matches!(printable(text), Cow::Borrowed(t) if t == text));
    }
}
