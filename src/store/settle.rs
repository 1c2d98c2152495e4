//! Settling a damaged file that was set aside (`x.ron.corrupt-<time>`):
//! it stays reported on every load until the user restores a file in its
//! place or removes it on purpose. Both take the workspace's lock, so no
//! open window writes over what is restored.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::Store;
use super::backup;
use super::damage::Damage;
use super::files::IoFailure;
use super::files::{BACKUPS_DIR, Files, ReadError, read_limited};
use super::format::DecodeError;
use super::lock::{self, LockHolder, LockOutcome};
use super::validate::{read_cell, read_meetings, read_notebook, read_settings};
use crate::i18n::{Message, T, Value};
use crate::model::Language;

/// Why a file could not be settled.
#[derive(Debug, PartialEq)]
pub enum SettleError {
    /// Another program has the workspace open.
    Locked(LockHolder),
    /// The file is neither a set-aside file nor a backup of this folder.
    NotSetAside(PathBuf),
    /// The file to restore is damaged itself.
    Damaged { file: PathBuf, why: Damage },
    /// The file to restore belongs to another member's notebook.
    OtherNotebook { file: PathBuf, target: PathBuf },
    /// The file to restore was written by a newer program.
    TooNew { file: PathBuf, version: u32 },
    /// Reading, writing or removing `file` failed.
    Io { file: PathBuf, error: IoFailure },
}

impl SettleError {
    pub fn message(&self, language: Language) -> String {
        self.to_message().show(language)
    }

    pub fn to_message(&self) -> Message {
        let file_and = |key: T, file: &Path| Message::new(key).with(file);
        match self {
            SettleError::Locked(holder) => Message::new(T::SettleLocked).with(holder.to_message()),
            SettleError::NotSetAside(file) => file_and(T::SettleNotSetAside, file),
            SettleError::Damaged { file, why } => {
                file_and(T::SettleDamaged, file).with(why.to_message())
            }
            SettleError::OtherNotebook { file, target } => {
                file_and(T::SettleOtherNotebook, file).with(target.as_path())
            }
            SettleError::TooNew { file, version } => {
                file_and(T::SettleTooNew, file).with(Value::plain(version))
            }
            SettleError::Io { file, error } => file_and(T::SettleIo, file)
                .with(error.reason())
                .detail(error.detail.as_str()),
        }
    }
}

/// The Vietnamese message, as the command line prints it.
impl fmt::Display for SettleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::Vietnamese))
    }
}

impl std::error::Error for SettleError {}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> SettleError + '_ {
    move |e| SettleError::Io {
        file: path.to_path_buf(),
        error: e.into(),
    }
}

/// Holds the workspace's lock for the length of a settling.
fn locked(root: &Path) -> Result<lock::WorkspaceLock, SettleError> {
    match lock::acquire(root).map_err(io_error(root))? {
        LockOutcome::Acquired(lock) => Ok(lock),
        LockOutcome::HeldBy(who) => Err(SettleError::Locked(who)),
    }
}

/// Whether two paths name one file; a bare name matches by name.
fn same(given: &Path, found: &Path) -> bool {
    if given.components().count() == 1 && found.file_name() == Some(given.as_os_str()) {
        return true;
    }
    matches!((given.canonicalize(), found.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// The set-aside file `given` names, with the file it was.
fn find_set_aside(files: &Files, given: &Path) -> Option<(PathBuf, PathBuf)> {
    files.set_aside().into_iter().find(|(f, _)| same(given, f))
}

/// A damaged file set aside, the file it was, and the backups of that file
/// that would restore cleanly, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    pub file: PathBuf,
    pub of: PathBuf,
    pub backups: Vec<PathBuf>,
}

/// How many good backups `set_aside` offers per file.
const OFFERED_BACKUPS: usize = 3;

/// The damaged files set aside in the workspace at `root`; reads only.
pub fn set_aside(root: &Path) -> Vec<SetAside> {
    let files = Files::new(root);
    files
        .set_aside()
        .into_iter()
        .map(|(file, of)| {
            let backups = backup::list(&files.backup_dir_of(&of))
                .unwrap_or_default()
                .into_iter()
                .filter(|b| {
                    read_limited(b).is_ok_and(|raw| {
                        files
                            .plain(&raw)
                            .is_ok_and(|bytes| check_restorable(&files, b, &of, &bytes).is_ok())
                    })
                })
                .take(OFFERED_BACKUPS)
                .collect();
            SetAside { file, of, backups }
        })
        .collect()
}

/// Deletes a damaged file set aside earlier, on the user's word.
pub fn remove_set_aside(root: &Path, file: &Path) -> Result<PathBuf, SettleError> {
    let files = Files::new(root);
    let _lock = locked(root)?;
    remove_found(&files, file)
}

impl Store {
    /// Deletes a damaged file set aside earlier, on the user's word, from
    /// the program that holds the workspace open (and so its lock); a
    /// read-only window cannot.
    pub fn remove_set_aside(&self, file: &Path) -> Result<PathBuf, SettleError> {
        if self.is_read_only() {
            return Err(SettleError::Locked(LockHolder::default()));
        }
        remove_found(self.files(), file)
    }
}

fn remove_found(files: &Files, file: &Path) -> Result<PathBuf, SettleError> {
    let (aside, _) =
        find_set_aside(files, file).ok_or_else(|| SettleError::NotSetAside(file.to_path_buf()))?;
    fs::remove_file(&aside).map_err(io_error(&aside))?;
    Ok(aside)
}

/// Puts `from` (a set-aside file, mended by hand, or a backup of this
/// folder) back in place of the file it was; the version it replaces is
/// kept among the backups, and a restored set-aside file is removed.
/// Returns the file restored.
pub fn restore(root: &Path, from: &Path) -> Result<PathBuf, SettleError> {
    let files = Files::new(root);
    let _lock = locked(root)?;
    let aside = find_set_aside(&files, from);
    let (source, target) = match &aside {
        Some((file, of)) => (file.clone(), of.clone()),
        None => backup_target(&files, from)?,
    };
    let bytes = read_limited(&source).map_err(|e| match e {
        ReadError::Io(e) => io_error(&source)(e),
        ReadError::NotAFile | ReadError::TooBig(_) => SettleError::NotSetAside(source.clone()),
    })?;
    // Decrypted here, and encrypted again by the save if encryption is on.
    let bytes = files
        .plain(&bytes)
        .map_err(|e| SettleError::Damaged {
            file: source.clone(),
            why: super::Damage::Sealed {
                detail: format!("{e:?}"),
            },
        })?
        .into_owned();
    check_restorable(&files, &source, &target, &bytes)?;
    files
        .save_with_backup(&target, &bytes)
        .map_err(io_error(&target))?;
    if aside.is_some() {
        fs::remove_file(&source).map_err(io_error(&source))?;
    }
    Ok(target)
}

/// The file a backup `from` belongs in: `backups/<name>/…` restores
/// `notebooks/<name>.ron`, or `workspace.ron` for `backups/workspace/`.
fn backup_target(files: &Files, from: &Path) -> Result<(PathBuf, PathBuf), SettleError> {
    let refused = || SettleError::NotSetAside(from.to_path_buf());
    let from = from.canonicalize().map_err(|_| refused())?;
    let backups = files
        .root
        .join(BACKUPS_DIR)
        .canonicalize()
        .map_err(|_| refused())?;
    let dir = from.parent().filter(|d| d.parent() == Some(&backups));
    let name = dir
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(refused)?;
    let settings = files.settings_path();
    let target = if settings.file_stem().is_some_and(|s| *s == *name) {
        settings
    } else if let Some(cell) = name.strip_prefix("cell-") {
        files.cell_dir().join(format!("{cell}.ron"))
    } else {
        files.notebooks_dir().join(format!("{name}.ron"))
    };
    Ok((from, target))
}

/// Refuses a file that is damaged, too new, or another member's.
fn check_restorable(
    files: &Files,
    source: &Path,
    target: &Path,
    bytes: &[u8],
) -> Result<(), SettleError> {
    let refuse = |e: DecodeError| match e {
        DecodeError::Damaged(why) => SettleError::Damaged {
            file: source.to_path_buf(),
            why,
        },
        DecodeError::TooNew(version) => SettleError::TooNew {
            file: source.to_path_buf(),
            version,
        },
    };
    if target == files.settings_path() {
        read_settings(bytes).map_err(refuse)?;
        return Ok(());
    }
    if target == files.meetings_path() {
        read_meetings(bytes).map_err(refuse)?;
        return Ok(());
    }
    let belongs = if target.parent() == Some(&files.cell_dir()) {
        let part = read_cell(bytes).map_err(refuse)?.value.into_value();
        files.cell_path(part.member)
    } else {
        let notebook = read_notebook(bytes).map_err(refuse)?.value.into_value();
        files.notebook_path(notebook.id)
    };
    if belongs != target {
        return Err(SettleError::OtherNotebook {
            file: source.to_path_buf(),
            target: target.to_path_buf(),
        });
    }
    Ok(())
}
