//! The journal of one console session: an append-only file of lines. The first line is the
//! [`Header`], `CCCCCCCC JSON\n`, where `CCCCCCCC` is the CRC-32 (hex) of the JSON that follows it;
//! every later line is one [`Entry`], `CCCCCCCC N JSON\n`, where `N` is the line's sequence number
//! (line 2 carries 1, line 3 carries 2...) and the checksum covers `N JSON`. A line is only trusted
//! whole: a write cut off by a crash (no end of line), a flipped byte (checksum), a line repeated
//! or missing (sequence) or anything unreadable ends the valid prefix, and [`read`] says which line
//! and what is wrong. Journals of format 1 (before sequence numbers) are read and continued as
//! they were written.
//!
//! [`Journal`] appends. [`Journal::commit`] writes a line and `sync_data`s the file before it
//! returns; [`Journal::append`] only writes (the caller syncs with [`Journal::sync`] before it
//! shows the effect). A journal is created whole (its header written and synced under a temporary
//! name, then linked into place), is never followed through a symbolic link, is locked before it
//! is read for resuming, and a damaged tail is cut only after the whole file was copied aside to a
//! new numbered `.damaged` file (never overwriting an earlier one).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::command::Command;

/// The version of the line format, in every header: 2 numbers every entry line; 1 (still read and
/// continued) did not.
pub const FORMAT: u32 = 2;

/// Whether entry lines of a journal in this format carry sequence numbers.
fn numbered(format: u32) -> bool {
    format >= 2
}

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
    /// An evaluator's entry (a rating, players, a hot wash item, an analysis, a feedback form),
    /// given by the white cell when the simulation stood at `tick`. It does not change the
    /// simulation; it may come after the end (the hot wash follows ENDEX).
    Evaluate {
        tick: Option<u32>,
        seat: String,
        edit: crate::report::Edit,
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
    /// Someone joined (`joined`) or left a hosted session, for the record: the seat ("white" or
    /// a team id), where from, the wall clock (RFC 3339, UTC) and the tick the session stood at.
    /// It does not change the simulation; replay passes over it.
    Presence {
        seat: String,
        addr: String,
        joined: bool,
        at: String,
        tick: Option<u32>,
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
    #[error(
        "the line carries sequence number {found} where {expected} was due: a line was repeated or removed"
    )]
    Sequence { expected: u64, found: u64 },
    #[error(
        "the journal is of format {0}, newer than this kunren reads ({FORMAT}); use a newer kunren"
    )]
    Newer(u32),
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
    #[error(
        "{} is empty: its session was stopped before its first line was written, so nothing was \
         recorded and there is nothing to resume. Remove the file and start anew with `kunren play`.",
        path.display()
    )]
    Empty { path: PathBuf },
    #[error("{} is not a kunren session journal: line 1: {problem}", path.display())]
    NoHeader { path: PathBuf, problem: Problem },
}

/// Encodes one line: checksum, space, then (for a numbered entry) the sequence number and a
/// space, then JSON and end of line. The checksum covers everything after its space.
fn encode(line: &impl Serialize, seq: Option<u64>) -> io::Result<Vec<u8>> {
    let mut body = seq.map_or_else(Vec::new, |n| format!("{n} ").into_bytes());
    serde_json::to_writer(&mut body, line).map_err(io::Error::other)?;
    let mut out = format!("{:08x} ", crc32fast::hash(&body)).into_bytes();
    out.extend_from_slice(&body);
    out.push(b'\n');
    Ok(out)
}

/// Decodes one line (without its end of line); `seq` is the sequence number the line must carry
/// (`None`: an unnumbered line, the header or a format 1 entry).
fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], seq: Option<u64>) -> Result<T, Problem> {
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
    let body = &bytes[9..];
    let computed = crc32fast::hash(body);
    if stored != computed {
        return Err(Problem::Checksum { stored, computed });
    }
    let json = match seq {
        None => body,
        Some(expected) => {
            let digits = body.iter().take_while(|b| b.is_ascii_digit()).count();
            let found = std::str::from_utf8(&body[..digits])
                .ok()
                .and_then(|d| d.parse::<u64>().ok())
                .filter(|_| body.get(digits) == Some(&b' '))
                .ok_or_else(|| malformed("no sequence number"))?;
            if found != expected {
                return Err(Problem::Sequence { expected, found });
            }
            &body[digits + 1..]
        }
    };
    serde_json::from_slice(json).map_err(|e| Problem::Malformed(e.to_string()))
}

/// Reads a journal: the header, then every entry up to the first line that cannot be trusted.
/// It only reads (a listing, a replay, a report); resuming reads through [`Journal::open`], under
/// the lock.
pub fn read(path: &Path) -> Result<Contents, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_file(path, &bytes)
}

/// [`parse`] with the file's name in the error, and an empty file explained.
pub fn parse_file(path: &Path, bytes: &[u8]) -> Result<Contents, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            path: path.to_path_buf(),
        });
    }
    parse(bytes).map_err(|problem| ReadError::NoHeader {
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
    let header: Header = decode(whole(first)?, None)?;
    if header.format > FORMAT {
        return Err(Problem::Newer(header.format));
    }
    let numbered = numbered(header.format);
    let header_end = (first.1 + 1) as u64;
    let mut contents = Contents {
        header,
        entries: Vec::new(),
        damage: None,
        header_end,
    };
    for (i, &span) in lines.iter().enumerate().skip(1) {
        let seq = numbered.then_some(i as u64);
        let problem = match whole(span).and_then(|b| decode::<Entry>(b, seq)) {
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
    /// The sequence number of the next line, `None` for a format 1 journal (unnumbered).
    next: Option<u64>,
}

/// Opening a journal failed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{} is open in another kunren console (close it there first)", path.display())]
    Busy { path: PathBuf },
    #[error(
        "{} is a symbolic link; kunren does not follow links to journals (a link could make it cut \
         another file). Resume the file it points to by its own path, or copy it into the sessions \
         directory.",
        path.display()
    )]
    Symlink { path: PathBuf },
    #[error(
        "{} cannot be opened for writing ({source}); nothing was changed. Make it writable (for \
         example `chmod u+w`) to resume it, or read it without writing with `kunren replay` or \
         `kunren report`.",
        path.display()
    )]
    ReadOnly { path: PathBuf, source: io::Error },
    #[error("{} is not a regular file, so it cannot be a session journal", path.display())]
    NotAFile { path: PathBuf },
    #[error(transparent)]
    Read(#[from] ReadError),
}

impl Journal {
    /// Creates `dir/<name>.jsonl` (with `-2`, `-3`... if taken), with its header written and
    /// synced before the name appears: the header goes into a temporary file, which is locked
    /// and then linked to the first free name (a link never replaces a file). A crash leaves
    /// either no journal or a journal with its header, never an empty one. The header's
    /// `format` says whether its entries are numbered. Returns the journal and the session's name.
    pub fn create(dir: &Path, name: &str, header: &Header) -> Result<(Journal, String), OpenError> {
        let io_err = |source| OpenError::Io {
            path: dir.to_path_buf(),
            source,
        };
        // The name becomes a file name in `dir`, and nothing else (a scenario's id is a slug;
        // this holds for any other caller too).
        let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        if name.len() > 200
            || !name.starts_with(|c: char| c.is_ascii_alphanumeric())
            || !name.chars().all(safe)
        {
            return Err(io_err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{name:?} cannot name a session journal (letters, digits, '-', '_', '.')"),
            )));
        }
        std::fs::create_dir_all(dir).map_err(io_err)?;
        let (file, temp) =
            crate::durable::temp_beside(&dir.join(format!("{name}.jsonl"))).map_err(io_err)?;
        let mut journal = Journal::locked(file, temp.clone(), None)?;
        let written = journal
            .write(header)
            .and_then(|()| journal.sync())
            .and_then(|()| {
                let mut n = 1;
                loop {
                    let candidate = if n == 1 {
                        name.to_string()
                    } else {
                        format!("{name}-{n}")
                    };
                    let path = dir.join(format!("{candidate}.jsonl"));
                    match crate::durable::link_new(&temp, &path) {
                        Ok(()) => break Ok((candidate, path)),
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                        Err(source) => break Err(OpenError::Io { path, source }),
                    }
                }
            });
        let _ = std::fs::remove_file(&temp);
        let (name, path) = written?;
        sync_dir(dir).map_err(io_err)?;
        journal.path = path;
        journal.next = numbered(header.format).then_some(1);
        Ok((journal, name))
    }

    /// Opens an existing journal to continue it, locked, then reads it through the lock: what
    /// it returns is what no other kunren can change until this journal is dropped. Refuses a
    /// symbolic link, a journal open elsewhere and a file it cannot write, before reading.
    /// Nothing is cut yet: see [`Journal::cut`].
    pub fn open(path: &Path) -> Result<(Journal, Contents), OpenError> {
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return Err(OpenError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        let (mut journal, bytes) = Journal::open_bytes(path)?;
        let contents = parse_file(path, &bytes)?;
        let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64;
        journal.next = numbered(contents.header.format).then_some(lines);
        Ok((journal, contents))
    }

    /// Cuts the journal back to the first `keep` lines (the header included) ending at byte
    /// `keep_bytes`, when it is longer: the whole file as it was is first copied to a new
    /// numbered `<name>.jsonl.damaged` (`.damaged.2`, `.damaged.3`... when taken; an earlier copy
    /// is never overwritten) and synced. Returns the copy, if one was made.
    pub fn cut(&mut self, keep_bytes: u64, keep_lines: u64) -> Result<Option<PathBuf>, OpenError> {
        let path = self.path.clone();
        let io_err = |source| OpenError::Io {
            path: path.clone(),
            source,
        };
        let meta = self.file.metadata().map_err(io_err)?;
        let mut aside = None;
        if meta.is_file() && meta.len() != keep_bytes {
            let mut bytes = Vec::new();
            (&self.file).seek(SeekFrom::Start(0)).map_err(io_err)?;
            (&self.file).read_to_end(&mut bytes).map_err(io_err)?;
            // Nothing is destroyed: the whole file as it was is kept beside it first.
            aside = Some(keep_aside(&path, &bytes).map_err(io_err)?);
            self.file.set_len(keep_bytes).map_err(io_err)?;
            self.file.sync_all().map_err(io_err)?;
        }
        if self.next.is_some() {
            self.next = Some(keep_lines);
        }
        Ok(aside)
    }

    /// Opens an existing journal to continue it (locked, see [`Journal::open`]), cutting it back
    /// to `keep_bytes` (the end of its valid prefix) as [`Journal::cut`] does.
    pub fn reopen(path: &Path, keep_bytes: u64) -> Result<Journal, OpenError> {
        let (mut journal, bytes) = Journal::open_bytes(path)?;
        let keep = usize::try_from(keep_bytes).map_or(bytes.len(), |k| k.min(bytes.len()));
        let format = parse(&bytes).map_or(FORMAT, |c| c.header.format);
        journal.next = numbered(format).then_some(0);
        let lines = bytes[..keep].iter().filter(|b| **b == b'\n').count() as u64;
        journal.cut(keep_bytes, lines)?;
        Ok(journal)
    }

    fn open_bytes(path: &Path) -> Result<(Journal, Vec<u8>), OpenError> {
        let io_err = |source| OpenError::Io {
            path: path.to_path_buf(),
            source,
        };
        let linked = std::fs::symlink_metadata(path).map_err(io_err)?;
        if linked.file_type().is_symlink() {
            return Err(OpenError::Symlink {
                path: path.to_path_buf(),
            });
        }
        // A file marked read-only is left as it is, even for a user the system would let write.
        if linked.permissions().readonly() {
            return Err(OpenError::ReadOnly {
                path: path.to_path_buf(),
                source: io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only"),
            });
        }
        let file = match OpenOptions::new().read(true).append(true).open(path) {
            Ok(f) => f,
            Err(source)
                if matches!(
                    source.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                return Err(OpenError::ReadOnly {
                    path: path.to_path_buf(),
                    source,
                });
            }
            Err(source) => return Err(io_err(source)),
        };
        // The name may have been swapped for a link between the look and the open.
        if !same_file(&linked, &file.metadata().map_err(io_err)?) {
            return Err(OpenError::Symlink {
                path: path.to_path_buf(),
            });
        }
        let journal = Journal::locked(file, path.to_path_buf(), None)?;
        // Only a regular file is read (a device such as /dev/full is written, never read).
        let mut bytes = Vec::new();
        if linked.is_file() {
            (&journal.file).read_to_end(&mut bytes).map_err(io_err)?;
        }
        Ok((journal, bytes))
    }

    fn locked(file: File, path: PathBuf, next: Option<u64>) -> Result<Journal, OpenError> {
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(OpenError::Busy { path }),
            Err(TryLockError::Error(source)) => return Err(OpenError::Io { path, source }),
        }
        Ok(Journal {
            file,
            path,
            unsynced: false,
            next,
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
        let bytes = encode(line, self.next).and_then(|b| {
            self.unsynced = true;
            self.file.write_all(&b)
        });
        bytes.map_err(|source| OpenError::Io {
            path: self.path.clone(),
            source,
        })?;
        if let Some(n) = &mut self.next {
            *n += 1;
        }
        Ok(())
    }
}

/// Copies a journal's bytes to the first free `<name>.jsonl.damaged`, `.damaged.2`...
fn keep_aside(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let first = path.with_extension("jsonl.damaged");
    for n in 1..=10_000u32 {
        let aside = match n {
            1 => first.clone(),
            n => path.with_extension(format!("jsonl.damaged.{n}")),
        };
        match crate::durable::create_new(&aside, bytes) {
            Ok(()) => return Ok(aside),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "10,000 damaged copies of {} already exist; move some away",
        path.display()
    )))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    true
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
    crate::durable::sync_dir(dir)
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
        let mut out = encode(&header(), None).unwrap();
        for (i, e) in entries.iter().enumerate() {
            out.extend(encode(e, Some(i as u64 + 1)).unwrap());
        }
        out
    }

    /// The lines of a file, each with its end of line.
    fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
        bytes
            .split_inclusive(|b| *b == b'\n')
            .map(<[u8]>::to_vec)
            .collect()
    }

    #[test]
    fn lines_carry_a_checksum_of_their_json() {
        let line = encode(&Entry::Step { to: 3 }, Some(7)).unwrap();
        let text = String::from_utf8(line).unwrap();
        assert_eq!(&text[8..], " 7 {\"Step\":{\"to\":3}}\n");
        let crc = crc32fast::hash(br#"7 {"Step":{"to":3}}"#);
        assert_eq!(&text[..8], format!("{crc:08x}"));
    }

    #[test]
    fn a_repeated_or_removed_line_is_damage_at_that_line() {
        let entries = [
            Entry::Step { to: 0 },
            Entry::Step { to: 1 },
            Entry::Step { to: 2 },
        ];
        let whole = lines(&file(&entries));
        let prefix = (whole[0].len() + whole[1].len()) as u64;

        let mut repeated = whole.clone();
        repeated.insert(2, whole[1].clone());
        let c = parse(&repeated.concat()).unwrap();
        let d = c.damage.unwrap();
        assert_eq!((d.line, d.keep_bytes), (3, prefix));
        assert_eq!(
            d.problem,
            Problem::Sequence {
                expected: 2,
                found: 1
            }
        );
        assert_eq!(c.entries.len(), 1);

        let mut removed = whole.clone();
        removed.remove(2);
        let d = parse(&removed.concat()).unwrap().damage.unwrap();
        assert_eq!((d.line, d.keep_bytes), (3, prefix));
        assert_eq!(
            d.problem,
            Problem::Sequence {
                expected: 2,
                found: 3
            }
        );
        assert!(d.to_string().contains("repeated or removed"), "{d}");
    }

    #[test]
    fn a_format_1_journal_without_numbers_still_reads() {
        let old = Header {
            format: 1,
            ..header()
        };
        let mut bytes = encode(&old, None).unwrap();
        bytes.extend(encode(&Entry::Step { to: 0 }, None).unwrap());
        bytes.extend(encode(&Entry::Pause, None).unwrap());
        let c = parse(&bytes).unwrap();
        assert_eq!(c.damage, None);
        assert_eq!(c.entries.len(), 2);
        // A numbered line in an unnumbered journal is not trusted, and the other way round.
        let mut mixed = encode(&old, None).unwrap();
        mixed.extend(encode(&Entry::Step { to: 0 }, Some(1)).unwrap());
        assert!(parse(&mixed).unwrap().damage.is_some());
        let mut mixed = encode(&header(), None).unwrap();
        mixed.extend(encode(&Entry::Step { to: 0 }, None).unwrap());
        assert!(parse(&mixed).unwrap().damage.is_some());
    }

    #[test]
    fn a_journal_from_a_newer_kunren_is_refused() {
        let newer = Header {
            format: FORMAT + 1,
            ..header()
        };
        let bytes = encode(&newer, None).unwrap();
        assert_eq!(parse(&bytes).unwrap_err(), Problem::Newer(FORMAT + 1));
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
        assert!(parse(&encode(&Entry::Pause, None).unwrap()).is_err());
        assert!(parse(b"garbage\n").is_err());
    }
}
