//! The journal of one console session: an append-only file of lines, each `CCCCCCCC JSON\n`, where
//! `CCCCCCCC` is the CRC-32 (hex) of the JSON that follows it. The first line is the [`Header`];
//! every later line is one [`Entry`]. A line is only trusted whole: a write cut off by a crash
//! (no end of line), a flipped byte (checksum) or anything unreadable ends the valid prefix, and
//! [`read`] says which line and what is wrong.
//!
//! [`Journal`] appends. [`Journal::commit`] writes a line and `sync_data`s the file before it
//! returns; [`Journal::append`] only writes (the caller syncs with [`Journal::sync`] before it
//! shows the effect).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::command::Command;

/// The version of the line format, in every header.
pub const FORMAT: u32 = 1;

/// What a session was started on, written once as the first line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    /// The kunren version that started the session.
    pub kunren: String,
    /// The scenario's `meta.id`.
    pub scenario: String,
    pub source: Source,
    /// SHA-256 (hex) of the scenario text the session began with.
    pub sha256: String,
    pub seed: u64,
    /// Wall-clock start, RFC 3339, UTC.
    pub started: String,
    /// The seat asked for on the command line, if any ("white" or a team id).
    pub seat: Option<String>,
    /// The scenario's last tick, so a listing can say how far a session got without loading it.
    pub end_tick: u32,
    /// Set when the session is a what-if cut from another session's replay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch: Option<Branch>,
}

/// Where a branch was cut: the session it came from and the tick (the last simulated; `None`:
/// before the first step) up to which it holds that session's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    pub parent: String,
    pub tick: Option<u32>,
}

/// Where the scenario text came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Source {
    /// A scenario built into kunren, by id.
    Builtin(String),
    /// A scenario file, by absolute path.
    File(PathBuf),
}

/// One line after the header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Entry {
    /// An engine command, given when the simulation stood at `tick` (`None`: before the first
    /// step); it takes effect at the next tick.
    Command {
        tick: Option<u32>,
        command: Command,
        /// The seat that gave it ("white" or a team id). Journals written before seats held
        /// authority have none; they resume as they always did.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seat: Option<String>,
    },
    /// The clock advanced; the simulation has now simulated tick `to`.
    Step {
        to: u32,
    },
    /// Clock controls and seats, for the record; they do not change the simulation.
    Pause,
    Resume,
    Pace {
        pace: u32,
    },
    Seat {
        seat: String,
    },
    /// The session was reopened by `kunren resume` (wall clock, RFC 3339, UTC).
    Reopened {
        at: String,
        kunren: String,
    },
    /// The console was left normally.
    Left {
        at: String,
    },
}

/// Why a line cannot be trusted.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Problem {
    #[error("the last write was cut off (the line has no end)")]
    Torn,
    #[error("checksum mismatch (the line says {stored:08x}, its content gives {computed:08x})")]
    Checksum { stored: u32, computed: u32 },
    #[error("not a journal line: {0}")]
    Malformed(String),
    #[error("{0}")]
    Inconsistent(String),
}

/// Where the valid prefix of a journal ends, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Damage {
    /// The first line that cannot be used (1-based).
    pub line: usize,
    pub problem: Problem,
    /// Bytes of the valid prefix: the file is cut back to this.
    pub keep_bytes: u64,
    /// Lines (whole or partial) from the damaged one to the end of the file.
    pub dropped_lines: usize,
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)?;
        if self.dropped_lines > 1 {
            write!(
                f,
                " ({} lines from there on are dropped)",
                self.dropped_lines
            )?;
        }
        Ok(())
    }
}

/// An entry and where it sits in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub entry: Entry,
    /// 1-based line number.
    pub line: usize,
    /// Byte offset just past this line's end of line.
    pub end: u64,
}

/// A journal as read back: its header, the entries of the valid prefix, and the damage, if any.
#[derive(Clone, Debug)]
pub struct Contents {
    pub header: Header,
    pub entries: Vec<Located>,
    pub damage: Option<Damage>,
    /// Bytes of the header line.
    pub header_end: u64,
}

impl Contents {
    /// Cuts the valid prefix at an entry (which becomes the damaged line).
    pub fn cut_at(&mut self, index: usize, problem: Problem, total_lines: usize) {
        let line = self.entries[index].line;
        let keep_bytes = match index {
            0 => self.header_end,
            i => self.entries[i - 1].end,
        };
        self.entries.truncate(index);
        self.damage = Some(Damage {
            line,
            problem,
            keep_bytes,
            dropped_lines: total_lines + 1 - line,
        });
    }

    /// Lines in the file as read, including any damaged tail.
    pub fn total_lines(&self) -> usize {
        match &self.damage {
            Some(d) => d.line - 1 + d.dropped_lines,
            None => self.entries.len() + 1,
        }
    }

    /// The last tick the valid prefix reached, `None` before the first step.
    pub fn last_tick(&self) -> Option<u32> {
        self.entries.iter().rev().find_map(|l| match l.entry {
            Entry::Step { to } => Some(to),
            _ => None,
        })
    }
}

/// A journal file that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{} is not a kunren session journal: line 1: {problem}", path.display())]
    NoHeader { path: PathBuf, problem: Problem },
}

/// Encodes one line: checksum, space, JSON, end of line.
fn encode(line: &impl Serialize) -> io::Result<Vec<u8>> {
    let json = serde_json::to_vec(line).map_err(io::Error::other)?;
    let mut out = format!("{:08x} ", crc32fast::hash(&json)).into_bytes();
    out.extend_from_slice(&json);
    out.push(b'\n');
    Ok(out)
}

/// Decodes one line (without its end of line).
fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let malformed = |what: &str| Problem::Malformed(what.to_string());
    if bytes.len() < 10 || bytes[8] != b' ' {
        return Err(malformed("no checksum prefix"));
    }
    // Exactly as written: lower-case hex, so that no flipped bit (case included) reads the same.
    let lower_hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    if !bytes[..8].iter().all(lower_hex) {
        return Err(malformed("the checksum is not 8 lower-case hex digits"));
    }
    let stored = std::str::from_utf8(&bytes[..8])
        .ok()
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .ok_or_else(|| malformed("the checksum is not 8 lower-case hex digits"))?;
    let json = &bytes[9..];
    let computed = crc32fast::hash(json);
    if stored != computed {
        return Err(Problem::Checksum { stored, computed });
    }
    serde_json::from_slice(json).map_err(|e| Problem::Malformed(e.to_string()))
}

/// Reads a journal: the header, then every entry up to the first line that cannot be trusted.
pub fn read(path: &Path) -> Result<Contents, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&bytes).map_err(|problem| ReadError::NoHeader {
        path: path.to_path_buf(),
        problem,
    })
}

/// [`read`] over bytes in memory; fails only when the header itself is unusable.
pub fn parse(bytes: &[u8]) -> Result<Contents, Problem> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        match bytes[start..].iter().position(|b| *b == b'\n') {
            Some(n) => {
                lines.push((start, start + n, true));
                start += n + 1;
            }
            None => {
                lines.push((start, bytes.len(), false));
                start = bytes.len();
            }
        }
    }
    let total = lines.len();
    let whole = |(s, e, whole): (usize, usize, bool)| {
        if whole {
            Ok(&bytes[s..e])
        } else {
            Err(Problem::Torn)
        }
    };
    let Some(&first) = lines.first() else {
        return Err(Problem::Malformed("the file is empty".into()));
    };
    let header: Header = decode(whole(first)?)?;
    let header_end = (first.1 + 1) as u64;
    let mut contents = Contents {
        header,
        entries: Vec::new(),
        damage: None,
        header_end,
    };
    for (i, &span) in lines.iter().enumerate().skip(1) {
        let problem = match whole(span).and_then(decode::<Entry>) {
            Ok(entry) => {
                contents.entries.push(Located {
                    entry,
                    line: i + 1,
                    end: (span.1 + 1) as u64,
                });
                continue;
            }
            Err(p) => p,
        };
        contents.damage = Some(Damage {
            line: i + 1,
            problem,
            keep_bytes: span.0 as u64,
            dropped_lines: total - i,
        });
        break;
    }
    Ok(contents)
}

/// An open journal, locked against a second writer, appending at its end.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
    unsynced: bool,
}

/// Opening a journal failed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{} is open in another kunren console (close it there first)", path.display())]
    Busy { path: PathBuf },
}

impl Journal {
    /// Creates `dir/<name>.jsonl` (with `-2`, `-3`... if taken), writes the header and syncs the
    /// file and the directory. Returns the journal and the session's name.
    pub fn create(dir: &Path, name: &str, header: &Header) -> Result<(Journal, String), OpenError> {
        let io_err = |source| OpenError::Io {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io_err)?;
        let mut n = 1;
        let (file, name, path) = loop {
            let candidate = if n == 1 {
                name.to_string()
            } else {
                format!("{name}-{n}")
            };
            let path = dir.join(format!("{candidate}.jsonl"));
            match OpenOptions::new().append(true).create_new(true).open(&path) {
                Ok(f) => break (f, candidate, path),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(source) => return Err(OpenError::Io { path, source }),
            }
        };
        let mut journal = Journal::locked(file, path)?;
        journal.write(header)?;
        journal.sync()?;
        sync_dir(dir).map_err(io_err)?;
        Ok((journal, name))
    }

    /// Opens an existing journal to continue it, first cutting it back to `keep_bytes` (the end
    /// of its valid prefix) and syncing; the uncut file is copied to `<name>.jsonl.damaged` first.
    pub fn reopen(path: &Path, keep_bytes: u64) -> Result<Journal, OpenError> {
        let io_err = |source| OpenError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = OpenOptions::new().append(true).open(path).map_err(io_err)?;
        let journal = Journal::locked(file, path.to_path_buf())?;
        let len = journal.file.metadata().map_err(io_err)?.len();
        if len != keep_bytes {
            // Nothing is destroyed: the whole file as it was is kept beside it first.
            let aside = path.with_extension("jsonl.damaged");
            std::fs::copy(path, &aside).map_err(io_err)?;
            File::open(&aside)
                .and_then(|f| f.sync_all())
                .map_err(io_err)?;
            journal.file.set_len(keep_bytes).map_err(io_err)?;
            journal.file.sync_all().map_err(io_err)?;
        }
        Ok(journal)
    }

    fn locked(file: File, path: PathBuf) -> Result<Journal, OpenError> {
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(OpenError::Busy { path }),
            Err(TryLockError::Error(source)) => return Err(OpenError::Io { path, source }),
        }
        Ok(Journal {
            file,
            path,
            unsynced: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes an entry; it is on disk once [`Journal::sync`] returns.
    pub fn append(&mut self, entry: &Entry) -> Result<(), OpenError> {
        self.write(entry)
    }

    /// Writes an entry and syncs: it is on disk when this returns.
    pub fn commit(&mut self, entry: &Entry) -> Result<(), OpenError> {
        self.append(entry)?;
        self.sync()
    }

    /// Makes every entry written so far durable (`sync_data`); free when nothing is pending.
    pub fn sync(&mut self) -> Result<(), OpenError> {
        if self.unsynced {
            self.file.sync_data().map_err(|source| OpenError::Io {
                path: self.path.clone(),
                source,
            })?;
            self.unsynced = false;
        }
        Ok(())
    }

    fn write(&mut self, line: &impl Serialize) -> Result<(), OpenError> {
        let bytes = encode(line).and_then(|b| {
            self.unsynced = true;
            self.file.write_all(&b)
        });
        bytes.map_err(|source| OpenError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

/// Whether another process holds a journal open (its lock).
pub fn is_open_elsewhere(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    matches!(file.try_lock_shared(), Err(TryLockError::WouldBlock))
}

/// Makes a new directory entry durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            format: FORMAT,
            kunren: "0.1.0".into(),
            scenario: "s".into(),
            source: Source::Builtin("s".into()),
            sha256: "00".into(),
            seed: 1,
            started: "2026-01-01T00:00:00Z".into(),
            seat: None,
            end_tick: 10,
            branch: None,
        }
    }

    fn file(entries: &[Entry]) -> Vec<u8> {
        let mut out = encode(&header()).unwrap();
        for e in entries {
            out.extend(encode(e).unwrap());
        }
        out
    }

    #[test]
    fn lines_carry_a_checksum_of_their_json() {
        let line = encode(&Entry::Step { to: 3 }).unwrap();
        let text = String::from_utf8(line).unwrap();
        assert_eq!(&text[8..], " {\"Step\":{\"to\":3}}\n");
        let crc = crc32fast::hash(br#"{"Step":{"to":3}}"#);
        assert_eq!(&text[..8], format!("{crc:08x}"));
    }

    #[test]
    fn a_whole_file_reads_back() {
        let entries = [
            Entry::Pause,
            Entry::Step { to: 0 },
            Entry::Pace { pace: 60 },
        ];
        let c = parse(&file(&entries)).unwrap();
        assert_eq!(c.header, header());
        let got: Vec<Entry> = c.entries.into_iter().map(|l| l.entry).collect();
        assert_eq!(got, entries);
        assert_eq!(c.damage, None);
    }

    #[test]
    fn a_cut_or_flipped_line_ends_the_valid_prefix() {
        let entries = [Entry::Step { to: 0 }, Entry::Step { to: 1 }];
        let whole = file(&entries);
        let prefix = file(&entries[..1]).len();
        let cut = parse(&whole[..whole.len() - 3]).unwrap();
        let d = cut.damage.unwrap();
        assert_eq!(
            (d.line, d.problem, d.keep_bytes),
            (3, Problem::Torn, prefix as u64)
        );

        let mut flipped = whole.clone();
        flipped[prefix + 12] ^= 0x01;
        let d = parse(&flipped).unwrap().damage.unwrap();
        assert_eq!(d.line, 3);
        assert!(
            matches!(d.problem, Problem::Checksum { .. }),
            "{:?}",
            d.problem
        );
    }

    #[test]
    fn a_file_without_a_header_is_refused() {
        assert!(parse(b"").is_err());
        assert!(parse(&encode(&Entry::Pause).unwrap()).is_err());
        assert!(parse(b"garbage\n").is_err());
    }
}
