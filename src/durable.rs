//! Writing files so that a crash, a full disk or a kill never leaves one half written: every
//! file kunren writes (the session journal aside, which appends) goes through here. The bytes go
//! into a temporary file beside the target, are synced, and the temporary file is renamed over
//! the target (or, for a file that must not exist yet, linked to it, which never replaces
//! anything); then the directory is synced. Readers see the old file or the new one, never a mix.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces (or creates) `path` with `bytes`, atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (file, temp) = temp_beside(path)?;
    let done = fill(file, bytes).and_then(|()| std::fs::rename(&temp, path));
    if done.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    done?;
    sync_dir(parent(path))
}

/// Creates `path` with `bytes`, atomically, failing with `AlreadyExists` (and changing nothing)
/// if it exists.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (file, temp) = temp_beside(path)?;
    let done = fill(file, bytes).and_then(|()| link_new(&temp, path));
    let _ = std::fs::remove_file(&temp);
    done?;
    sync_dir(parent(path))
}

/// A new, empty temporary file in `path`'s directory (a hidden name derived from `path`'s),
/// opened for writing, and its path.
pub fn temp_beside(path: &Path) -> io::Result<(File, PathBuf)> {
    let dir = parent(path);
    let stem = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    for n in 0..10_000u32 {
        let temp = dir.join(format!(".{stem}.{pid}-{n}.tmp"));
        match OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => return Ok((file, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "no free temporary name beside {}",
        path.display()
    )))
}

/// Gives the file at `from` the name `to` as well, unless `to` exists (`AlreadyExists`). Where
/// the file system has no hard links, falls back to a copy into a new file.
pub fn link_new(from: &Path, to: &Path) -> io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let bytes = std::fs::read(from)?;
            let mut file = OpenOptions::new().write(true).create_new(true).open(to)?;
            file.write_all(&bytes)?;
            file.sync_all()
        }
    }
}

/// Makes the entries of a directory (a new or renamed file) durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn fill(mut file: File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn create_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        create_new(&path, b"first").unwrap();
        let err = create_new(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
