//! Turning a workspace's encryption on and off, and changing its
//! passphrase (see `crypt`). Each file is rewritten on its own, atomically,
//! so a switch cut short leaves every file whole, some plain and some
//! encrypted; the folder then opens (plain and encrypted files both read
//! while the key is unlocked) and converges: with the key file there, the
//! plain files left are encrypted on opening.
//!
//! Turning on: key file, then every file encrypted. Turning off: every file
//! decrypted (after checking each can be), then the key file removed.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::atomic::{self, TEMP_PREFIX};
use super::crypt::{self, CryptError, Key, is_sealed};
use super::files::{BACKUPS_DIR, Files, MAX_FILE_BYTES, SETTINGS_FILE};
use super::{Session, files};

/// The files encryption covers: everything under `notebooks/`, `cell/`,
/// `exchange/` and `backups/` (conflict copies and set-aside files too),
/// but not the backups of `workspace.ron`, which stays plain.
fn covered(files: &Files) -> Vec<PathBuf> {
    let mut dirs = vec![
        files.notebooks_dir(),
        files.cell_dir(),
        files.exchange_dir(),
    ];
    let settings_backups = files.backup_dir_of(&files.settings_path());
    if let Ok(entries) = fs::read_dir(files.root.join(BACKUPS_DIR)) {
        dirs.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir() && *p != settings_backups),
        );
    }
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            if regular && !name.starts_with(TEMP_PREFIX) && name != SETTINGS_FILE {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// Whether the file on disk begins as an age file.
fn starts_sealed(path: &Path) -> io::Result<bool> {
    let mut head = Vec::with_capacity(crypt::MAGIC.len());
    fs::File::open(path)?
        .take(crypt::MAGIC.len() as u64)
        .read_to_end(&mut head)?;
    Ok(is_sealed(&head))
}

fn read_whole(path: &Path) -> io::Result<Vec<u8>> {
    files::read_limited(path).map_err(|e| match e {
        files::ReadError::Io(e) => e,
        files::ReadError::TooBig(_) => io::Error::other(format!(
            "{}: bigger than {} MB",
            path.display(),
            MAX_FILE_BYTES / (1024 * 1024)
        )),
        files::ReadError::NotAFile => io::Error::other(format!("{}: not a file", path.display())),
    })
}

/// Replaces a file with `bytes`; the stamp follows when the program
/// knows the file (one it read or wrote), so its next save is not taken
/// for a write over someone else's change.
fn rewrite(files: &Files, path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic::write_atomic(path, bytes).map_err(files::naming(path))?;
    if files.stamps.knows(path) {
        files.stamps.record(path, bytes);
    }
    Ok(())
}

/// Encrypts every covered file still plain; returns how many. Nothing to
/// do without an unlocked key. Only under the workspace lock.
pub(super) fn converge(files: &Files) -> io::Result<usize> {
    let Some(key) = files.crypt.key() else {
        return Ok(0);
    };
    let mut done = 0;
    for path in covered(files) {
        if starts_sealed(&path).map_err(files::naming(&path))? {
            continue;
        }
        let plain = read_whole(&path)?;
        rewrite(files, &path, &key.seal(&plain)?)?;
        done += 1;
    }
    Ok(done)
}

/// Decrypts every covered file, after checking that each one can be;
/// returns how many. One that cannot stops it before anything changes.
fn decrypt_all(files: &Files, key: &Key) -> Result<usize, CryptError> {
    let mut sealed = Vec::new();
    for path in covered(files) {
        if starts_sealed(&path).map_err(files::naming(&path))? {
            key.open(&read_whole(&path)?)
                .map_err(|why| CryptError::Unopenable {
                    file: path.clone(),
                    why: format!("{why:?}"),
                })?;
            sealed.push(path);
        }
    }
    for path in &sealed {
        let plain = key
            .open(&read_whole(path)?)
            .map_err(|why| CryptError::Unopenable {
                file: path.clone(),
                why: format!("{why:?}"),
            })?;
        rewrite(files, path, &plain)?;
    }
    Ok(sealed.len())
}

impl Session {
    /// Everything saved and read in, and the folder this program's own.
    fn ready_to_switch(&mut self) -> Result<(), CryptError> {
        if self.store.is_read_only() {
            return Err(CryptError::ReadOnly);
        }
        self.wait_loaded();
        self.store
            .flush()
            .map_err(|e| CryptError::Io(io::Error::other(e)))
    }

    /// Turns encryption on with a new identity wrapped with `passphrase`,
    /// and encrypts every file; returns how many files were encrypted.
    /// Refused while the files live in a shared folder.
    pub fn encrypt(&mut self, passphrase: &str) -> Result<usize, CryptError> {
        let root = self.store.files.root.clone();
        if crypt::is_encrypted(&root) {
            return Err(CryptError::AlreadyEncrypted);
        }
        let shared = self.workspace.settings().shared_folder.is_some();
        if shared || self.store.files.shared.is_some() {
            return Err(CryptError::SharedFolder);
        }
        if passphrase.is_empty() {
            return Err(CryptError::EmptyPassphrase);
        }
        self.ready_to_switch()?;
        let key = crypt::new_key();
        crypt::write_key(&root, &key, passphrase)?;
        self.store.files.crypt.set(Some(key.clone()));
        crypt::remember(&root, Some(key));
        Ok(converge(&self.store.files)?)
    }

    /// Turns encryption off: checks the passphrase, decrypts every file,
    /// then removes the key file. A wrong passphrase changes nothing.
    pub fn decrypt(&mut self, passphrase: &str) -> Result<usize, CryptError> {
        let root = self.store.files.root.clone();
        let key = crypt::read_key(&root, passphrase)?;
        self.ready_to_switch()?;
        self.store.files.crypt.set(Some(key.clone()));
        let done = decrypt_all(&self.store.files, &key)?;
        self.store.files.crypt.set(None);
        let path = crypt::key_path(&root);
        fs::remove_file(&path).map_err(files::naming(&path))?;
        atomic::sync_dir(&root).map_err(files::naming(&root))?;
        crypt::forget(&root);
        Ok(done)
    }

    /// Re-wraps the identity with a new passphrase; no other file changes.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<(), CryptError> {
        let root = self.store.files.root.clone();
        let key = crypt::read_key(&root, old)?;
        if self.store.is_read_only() {
            return Err(CryptError::ReadOnly);
        }
        crypt::write_key(&root, &key, new)
    }

    /// Whether this workspace's files are encrypted.
    pub fn is_encrypted(&self) -> bool {
        crypt::is_encrypted(&self.store.files.root)
    }
}
