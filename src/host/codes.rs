//! Seat codes: the password that lets a person take a seat over SSH. One random code per seat
//! (the white cell included), re-issuable (the old one stops working at once), and kept beside
//! the session's journal so that players rejoin with the same code after `kunren host --resume`.
//!
//! The file holds the codes in clear, readable only by the facilitator (mode 0600 on Unix): the
//! host must be able to print them again after a restart, and a code opens one seat of one
//! session and nothing else. A hash would keep the file from showing them, but then a resumed
//! host could not tell the facilitator the codes it accepts.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Letters and digits that cannot be mistaken for one another when read aloud or off a
/// projector (no 0/o, 1/l/i): 31 symbols, almost 5 bits each.
const ALPHABET: &[u8; 31] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Symbols per code: 12 symbols of 31 are about 59 bits. With the host's limits (a few attempts per connection,
/// a fixed delay after each failure, a cap per address) guessing one is out of reach.
pub const LENGTH: usize = 12;

/// The codes of a session's seats, by seat id ("white" or a team id).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Codes {
    seats: BTreeMap<String, String>,
}

impl Codes {
    /// A fresh random code for every seat.
    pub fn issue(seats: &[String]) -> std::io::Result<Codes> {
        let mut codes = Codes::default();
        for seat in seats {
            codes.reissue(seat)?;
        }
        Ok(codes)
    }

    /// Gives `seat` a new random code; the old one no longer opens it. Returns the new code.
    pub fn reissue(&mut self, seat: &str) -> std::io::Result<String> {
        let code = random_code()?;
        self.seats.insert(seat.to_string(), code.clone());
        Ok(code)
    }

    pub fn get(&self, seat: &str) -> Option<&str> {
        self.seats.get(seat).map(String::as_str)
    }

    /// Every seat with its code, in seat-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.seats.iter().map(|(s, c)| (s.as_str(), c.as_str()))
    }

    /// Whether `code` opens `seat`. Compares in time independent of where the texts differ, and
    /// ignores case, spaces and dashes (people type codes as they read them).
    pub fn opens(&self, seat: &str, code: &str) -> bool {
        let Some(expected) = self.seats.get(seat) else {
            // Spend the same work on an unknown seat, so timing tells nothing about seat names.
            let _ = constant_time_eq(ALPHABET, &normalise(code));
            return false;
        };
        constant_time_eq(&normalise(expected), &normalise(code))
    }

    /// Where a session's codes are kept: beside its journal, `<name>.codes`.
    pub fn path_beside(journal: &Path) -> PathBuf {
        journal.with_extension("codes")
    }

    /// Writes the codes (replacing the file whole, so a crash leaves the old or the new one).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let tmp = path.with_extension("codes.tmp");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    }

    pub fn load(path: &Path) -> std::io::Result<Codes> {
        let text = std::fs::read_to_string(path)?;
        serde_json::from_str(&text).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{}: {e}", path.display()),
            )
        })
    }
}

/// "ab3k-9xmp-q7tz" → "ab3k9xmpq7tz".
fn normalise(code: &str) -> Vec<u8> {
    code.bytes()
        .filter(|b| !matches!(b, b'-' | b' ' | b'\t'))
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

/// Twelve random symbols from the OS's generator, shown in groups of four.
fn random_code() -> std::io::Result<String> {
    let mut symbols = Vec::with_capacity(LENGTH);
    while symbols.len() < LENGTH {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
        // Five bits give 0..=31; 31 has no symbol and is drawn again, so every symbol is as likely.
        symbols.extend(
            bytes
                .iter()
                .map(|b| usize::from(b & 31))
                .filter(|i| *i < ALPHABET.len())
                .map(|i| ALPHABET[i]),
        );
    }
    let mut code = String::with_capacity(LENGTH + LENGTH / 4);
    for (i, b) in symbols[..LENGTH].iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(*b as char);
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seats() -> Vec<String> {
        vec!["white".into(), "nhta".into(), "mlit".into()]
    }

    #[test]
    fn every_seat_gets_a_distinct_code_of_full_length() {
        let codes = Codes::issue(&seats()).unwrap();
        let all: std::collections::BTreeSet<&str> = codes.iter().map(|(_, c)| c).collect();
        assert_eq!(all.len(), 3);
        for (_, c) in codes.iter() {
            assert_eq!(normalise(c).len(), LENGTH);
            assert!(normalise(c).iter().all(|b| ALPHABET.contains(b)));
        }
    }

    #[test]
    fn a_code_opens_only_its_own_seat() {
        let codes = Codes::issue(&seats()).unwrap();
        let nhta = codes.get("nhta").unwrap().to_string();
        assert!(codes.opens("nhta", &nhta));
        assert!(codes.opens("nhta", &nhta.to_uppercase().replace('-', " ")));
        assert!(!codes.opens("mlit", &nhta));
        assert!(!codes.opens("nobody", &nhta));
        assert!(!codes.opens("nhta", ""));
        assert!(!codes.opens("nhta", &nhta[..nhta.len() - 1]));
    }

    #[test]
    fn reissuing_revokes_the_old_code() {
        let mut codes = Codes::issue(&seats()).unwrap();
        let old = codes.get("white").unwrap().to_string();
        let new = codes.reissue("white").unwrap();
        assert_ne!(old, new);
        assert!(!codes.opens("white", &old));
        assert!(codes.opens("white", &new));
    }

    #[test]
    fn codes_survive_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = Codes::path_beside(&dir.path().join("s-1.jsonl"));
        assert_eq!(path.file_name().unwrap(), "s-1.codes");
        let codes = Codes::issue(&seats()).unwrap();
        codes.save(&path).unwrap();
        assert_eq!(Codes::load(&path).unwrap(), codes);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "codes must not be readable by others");
        }
    }
}
