//! The command line's side of encryption at rest: the passphrase of an
//! encrypted folder (from `--passphrase-file` or `SOPHANDAU_PASSPHRASE`,
//! never an argument, which other users of the machine could see), and
//! `sophandau encryption on|off|change`.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use sophandau::i18n::{Message, T};
use sophandau::model::Language;
use sophandau::store;

const CLI: Language = Language::Vietnamese;

/// The environment variable a passphrase may come from.
pub const PASSPHRASE_VAR: &str = "SOPHANDAU_PASSPHRASE";

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Switch {
    On,
    Off,
    Change,
}

/// The first line of a passphrase file, without its line ending.
fn read_passphrase_file(path: &Path) -> Result<String, String> {
    let text = std::fs::read(path).map_err(|e| {
        Message::new(T::CryptPassphraseFile)
            .with(path)
            .with(T::io_reason(e.kind()))
            .detail(e.to_string())
            .show(CLI)
    })?;
    let text = String::from_utf8_lossy(&text);
    let line = text.lines().next().unwrap_or_default();
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// The passphrase in the file, if one is named (an exchange file's).
pub fn from_file(file: Option<&Path>) -> Result<Option<String>, String> {
    file.map(read_passphrase_file).transpose()
}

/// The passphrase given, from the file if one is named, else from the
/// environment; `None` when neither gives one.
pub fn given(file: Option<&Path>) -> Result<Option<String>, String> {
    if let Some(file) = file {
        return read_passphrase_file(file).map(Some);
    }
    Ok(std::env::var(PASSPHRASE_VAR).ok())
}

/// Unlocks an encrypted folder before a command reads it. With `needed`
/// false (the window, which asks for the passphrase itself) a missing
/// passphrase is no error.
pub fn unlock(root: &Path, file: Option<&Path>, needed: bool) -> Result<(), String> {
    if !store::is_encrypted(root) || store::is_unlocked(root) {
        return Ok(());
    }
    match given(file)? {
        Some(passphrase) => store::unlock(root, &passphrase).map_err(|e| e.message(CLI)),
        None if needed => Err(T::CryptNoPassphrase.get(CLI).to_owned()),
        None => Ok(()),
    }
}

/// `sophandau encryption on|off|change`.
pub fn run(
    root: &Path,
    switch: Switch,
    file: Option<&Path>,
    new_file: Option<PathBuf>,
) -> Result<String, String> {
    let passphrase = given(file)?.ok_or_else(|| T::CryptNoPassphrase.get(CLI).to_owned())?;
    let said = |e: store::CryptError| e.message(CLI);
    if !matches!(switch, Switch::On) {
        store::unlock(root, &passphrase).map_err(said)?;
    }
    let new = match (switch, new_file) {
        (Switch::Change, Some(path)) => Some(read_passphrase_file(&path)?),
        (Switch::Change, None) => return Err(T::CryptNewPassphraseNeeded.get(CLI).to_owned()),
        _ => None,
    };
    let mut session = store::open(root).map_err(|e| e.message(CLI))?;
    match switch {
        Switch::On => session
            .encrypt(&passphrase)
            .map(|n| T::CryptTurnedOn.fill(CLI, &[&n]))
            .map_err(said),
        Switch::Off => session
            .decrypt(&passphrase)
            .map(|n| T::CryptTurnedOff.fill(CLI, &[&n]))
            .map_err(said),
        Switch::Change => session
            .change_passphrase(&passphrase, new.as_deref().unwrap_or_default())
            .map(|()| T::CryptChanged.get(CLI).to_owned())
            .map_err(said),
    }
}
