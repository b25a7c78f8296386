//! The two languages a seat may read an exercise in: English and Japanese. A seat's language
//! chooses which of a scenario's texts it is shown (`Scenario::text`) and which of the console's
//! and the report's own words; it never reaches the simulation, the journal or the state hash.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language a seat reads in. English unless the seat asks for Japanese.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The code a scenario and a command line write it as: "en", "ja".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language's name in English, for messages: "Japanese".
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "Japanese",
        }
    }

    /// `en` in English, `ja` in Japanese: the one way a fixed word is given in both.
    pub fn pick<T>(self, en: T, ja: T) -> T {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is neither "en" nor "ja".
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown language \"{0}\": kunren speaks en (English) and ja (Japanese)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Lang::En),
            "ja" | "jp" | "japanese" | "日本語" => Ok(Lang::Ja),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

/// Columns a text takes on a terminal: two for a double-width (CJK) character.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` followed by spaces up to `cols` columns, counted in display width (a table in a
/// plain-text listing stays aligned with Japanese in it).
pub fn pad(text: &str, cols: usize) -> String {
    let n = cols.saturating_sub(width(text));
    format!("{text}{}", " ".repeat(n))
}

/// Spaces up to `cols` columns, then `text`: right-aligned by display width.
pub fn pad_left(text: &str, cols: usize) -> String {
    let n = cols.saturating_sub(width(text));
    format!("{}{text}", " ".repeat(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for l in Lang::ALL {
            assert_eq!(l.code().parse::<Lang>(), Ok(l));
        }
        assert_eq!("JA".parse::<Lang>(), Ok(Lang::Ja));
        assert!(
            "fr".parse::<Lang>()
                .unwrap_err()
                .to_string()
                .contains("en (English)")
        );
        assert_eq!(Lang::default(), Lang::En);
    }

    #[test]
    fn padding_counts_display_columns() {
        assert_eq!(width("港湾"), 4);
        assert_eq!(pad("港湾", 6), "港湾  ");
        assert_eq!(pad("gate", 6), "gate  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }
}
