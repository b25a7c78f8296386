//! The host's SSH key: made once, kept in the data directory, so players' SSH clients recognise
//! the host from one exercise to the next (a new key at every start would make every client warn
//! that the host changed, and teach people to ignore the warning).

use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{HashAlg, PrivateKey};

/// The key's file name in the data directory.
pub const FILE: &str = "host_ed25519_key";

/// Where the host key lives: beside the sessions directory (`$KUNREN_DATA_DIR/host_ed25519_key`).
pub fn path_for(sessions_dir: &Path) -> PathBuf {
    sessions_dir.parent().unwrap_or(sessions_dir).join(FILE)
}

/// Reads the key at `path`, or makes one (Ed25519, from the OS's random generator) and writes
/// it there, readable only by its owner. Returns the key and whether it was just made.
pub fn load_or_create(path: &Path) -> std::io::Result<(PrivateKey, bool)> {
    if path.exists() {
        let key = PrivateKey::read_openssh_file(path).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the host key {} cannot be read ({e}); move it away and a new one will be made \
                     (players' SSH clients will then warn that the host key changed)",
                    path.display()
                ),
            )
        })?;
        return Ok((key, false));
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| std::io::Error::other(e.to_string()))?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.sync_all()?;
    Ok((key, true))
}

/// The fingerprint as OpenSSH shows it when it first meets a host: `SHA256:` and base64.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_and_then_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_for(&dir.path().join("sessions"));
        assert_eq!(path, dir.path().join(FILE));
        let (first, made) = load_or_create(&path).unwrap();
        assert!(made);
        let (again, made) = load_or_create(&path).unwrap();
        assert!(!made);
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(fingerprint(&first).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0);
        }
    }

    #[test]
    fn a_damaged_key_is_an_error_that_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::fs::write(&path, "not a key").unwrap();
        let err = load_or_create(&path).unwrap_err().to_string();
        assert!(err.contains("move it away"), "{err}");
    }
}
