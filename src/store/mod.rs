//! The workspace on disk (DESIGN.md, "On disk"): one folder holding
//! `workspace.ron`, `notebooks/<uuid>.ron`, `backups/` and `.lock`.
//!
//! Opening locks the folder (or falls back to read-only), loads every file
//! with migration and recovery, and starts the background saver. The store
//! never decides what the data should be; it only keeps it safe.

mod atomic;
mod backup;
mod demo;
mod files;
mod format;
mod lock;
mod saver;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use atomic::{TEMP_PREFIX, write_atomic};
pub use demo::open_demo;
pub use files::{BACKUPS_DIR, Files, LoadFailure, NOTEBOOKS_DIR, SETTINGS_FILE};
pub use format::{
    DecodeError, Decoded, SCHEMA_VERSION, decode_notebook, decode_settings, notebook_to_ron,
    settings_to_ron,
};
pub use saver::SaveStatus;

use crate::i18n::{Message, T, Value};
use crate::model::{Language, MemberId};
use crate::workspace::{Action, ActionError, Reason, StepId, Workspace, WorkspaceData};
pub use lock::LockHolder;
use lock::{LockOutcome, WorkspaceLock};
use saver::{Job, Saver};

/// The platform's data folder for the program, e.g.
/// `~/.local/share/sophandau` or `%APPDATA%\SoPhanDau\data`.
pub fn default_root() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "", "SoPhanDau").map(|d| d.data_dir().to_path_buf())
}

/// Something found while loading that the user should hear about.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A file was damaged; a backup was (or, in a check, can be) used.
    Recovered {
        file: PathBuf,
        error: String,
        moved_to: Option<PathBuf>,
        backup: PathBuf,
    },
    /// A file was damaged and no backup could be read.
    Lost {
        file: PathBuf,
        error: String,
        moved_to: Option<PathBuf>,
    },
    /// A file could not be read at all (permissions, disk error).
    Unreadable { file: PathBuf, error: String },
    /// A newer program wrote the file in a shape this one cannot read.
    TooNew { file: PathBuf, version: u32 },
    /// A newer program wrote the file; it is shown but not changed.
    Newer { file: PathBuf, version: u32 },
    /// An older file was brought up to date; it is rewritten on next save.
    Migrated { file: PathBuf, from: u32 },
    /// The name of the file does not match the notebook inside.
    Misnamed { file: PathBuf, id: MemberId },
    /// Another program has the workspace open; it opened read-only.
    Locked { holder: LockHolder },
}

impl Problem {
    /// Whether the problem means a file is damaged or unusable (for `check`).
    pub fn is_damage(&self) -> bool {
        matches!(
            self,
            Problem::Recovered { .. }
                | Problem::Lost { .. }
                | Problem::Unreadable { .. }
                | Problem::TooNew { .. }
                | Problem::Misnamed { .. }
        )
    }
}

impl Problem {
    /// The problem as the reason why notebooks cannot be changed.
    pub fn reason(&self) -> Reason {
        Reason::new(self.to_message())
    }

    /// What happened and what was done, in the interface's language.
    pub fn message(&self, language: Language) -> String {
        self.to_message().show(language)
    }

    /// What happened and what was done, as a table sentence.
    pub fn to_message(&self) -> Message {
        let file_and = |key: T, file: &Path| Message::new(key).with(file);
        match self {
            Problem::Recovered {
                file,
                error,
                moved_to,
                backup,
            } => {
                let tail = match moved_to {
                    Some(aside) => Message::new(T::ProblemRecoveredMoved)
                        .with(aside.as_path())
                        .with(backup.as_path()),
                    None => Message::new(T::ProblemRecoveredLater).with(backup.as_path()),
                };
                file_and(T::ProblemRecovered, file)
                    .with(error.as_str())
                    .with(tail)
            }
            Problem::Lost {
                file,
                error,
                moved_to,
            } => match moved_to {
                Some(aside) => file_and(T::ProblemLostKept, file)
                    .with(error.as_str())
                    .with(aside.as_path()),
                None => file_and(T::ProblemLost, file).with(error.as_str()),
            },
            Problem::Unreadable { file, error } => {
                file_and(T::ProblemUnreadable, file).with(error.as_str())
            }
            Problem::TooNew { file, version } => {
                file_and(T::ProblemTooNew, file).with(Value::plain(version))
            }
            Problem::Newer { file, version } => {
                file_and(T::ProblemNewer, file).with(Value::plain(version))
            }
            Problem::Migrated { file, from } => {
                file_and(T::ProblemMigrated, file).with(Value::plain(from))
            }
            Problem::Misnamed { file, id } => {
                file_and(T::ProblemMisnamed, file).with(Value::plain(id))
            }
            Problem::Locked { holder } => Message::new(T::ProblemLocked).with(holder.to_message()),
        }
    }
}

/// The Vietnamese message, as the command line prints it.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::Vietnamese))
    }
}

/// Why a workspace could not be opened at all.
#[derive(Debug)]
pub struct OpenError {
    pub root: PathBuf,
    pub error: io::Error,
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Không mở được thư mục dữ liệu {}: {}",
            self.root.display(),
            self.error
        )
    }
}

impl std::error::Error for OpenError {}

/// An open workspace: the data, the store that keeps it, and what was found
/// while loading.
pub struct Session {
    pub workspace: Workspace,
    pub store: Store,
    pub problems: Vec<Problem>,
}

impl Session {
    /// Applies an action and hands the changed files to the saver.
    pub fn apply(&mut self, action: Action) -> Result<StepId, ActionError> {
        self.apply_joining(action, None)
    }

    /// `Workspace::apply_joining`, then hands the changed files to the saver.
    pub fn apply_joining(
        &mut self,
        action: Action,
        join: Option<StepId>,
    ) -> Result<StepId, ActionError> {
        let result = self.workspace.apply_joining(action, join);
        self.store.sync(&mut self.workspace);
        result
    }

    pub fn undo(&mut self) -> bool {
        let done = self.workspace.undo();
        self.store.sync(&mut self.workspace);
        done
    }

    pub fn redo(&mut self) -> bool {
        let done = self.workspace.redo();
        self.store.sync(&mut self.workspace);
        done
    }
}

/// Keeps a workspace folder: holds its lock and runs the saver.
pub struct Store {
    files: Files,
    saver: Option<Saver>,
    _lock: Option<WorkspaceLock>,
}

impl Store {
    pub fn root(&self) -> &Path {
        &self.files.root
    }

    pub fn files(&self) -> &Files {
        &self.files
    }

    pub fn is_read_only(&self) -> bool {
        self.saver.is_none()
    }

    /// Hands every changed notebook (and the settings) to the saver.
    pub fn sync(&self, workspace: &mut Workspace) {
        let Some(saver) = &self.saver else { return };
        for id in workspace.take_dirty() {
            saver.send(Job::Notebook(id, workspace.notebook_arc(id)));
        }
        if workspace.take_settings_dirty() {
            saver.send(Job::Settings(workspace.settings().clone()));
        }
    }

    /// Writes everything pending now and waits until it is on disk.
    pub fn flush(&self) -> Result<(), String> {
        match &self.saver {
            Some(saver) => saver.flush(),
            None => Ok(()),
        }
    }

    pub fn status(&self) -> SaveStatus {
        self.saver.as_ref().map(Saver::status).unwrap_or_default()
    }

    /// Asks to be told after each write (e.g. to repaint the window).
    pub fn set_waker(&self, waker: impl Fn() + Send + 'static) {
        if let Some(saver) = &self.saver {
            saver.set_waker(waker);
        }
    }
}

/// Opens (creating if needed) the workspace in `root` for work: takes the
/// lock or falls back to read-only, repairs what it can, starts the saver.
pub fn open(root: &Path) -> Result<Session, OpenError> {
    let open_err = |error| OpenError {
        root: root.to_path_buf(),
        error,
    };
    let files = Files::new(root);
    files.create_dirs().map_err(open_err)?;
    let (lock, holder) = match lock::acquire(root).map_err(open_err)? {
        LockOutcome::Acquired(lock) => (Some(lock), None),
        LockOutcome::HeldBy(who) => (None, Some(who)),
    };
    let writable = lock.is_some();
    if writable {
        files.remove_stray_temps().map_err(open_err)?;
    }
    let mut loaded = load_all(&files, writable).map_err(open_err)?;
    if let Some(holder) = holder {
        loaded.workspace.set_read_only(
            Problem::Locked {
                holder: holder.clone(),
            }
            .reason(),
        );
        loaded.problems.insert(0, Problem::Locked { holder });
    }
    let mut files = files;
    files.policy = loaded.workspace.settings().backups;
    let saver = writable.then(|| Saver::start(files.clone()));
    let store = Store {
        files,
        saver,
        _lock: lock,
    };
    let mut workspace = loaded.workspace;
    store.sync(&mut workspace);
    Ok(Session {
        workspace,
        store,
        problems: loaded.problems,
    })
}

/// What `check` finds: the data as it would open, and every problem, with
/// nothing on disk changed and no lock taken.
pub fn inspect(root: &Path) -> Result<(Workspace, Vec<Problem>), OpenError> {
    let files = Files::new(root);
    if !files.notebooks_dir().is_dir() {
        return Err(OpenError {
            root: root.to_path_buf(),
            error: io::Error::new(io::ErrorKind::NotFound, "chưa có sổ nào ở đây"),
        });
    }
    load_all(&files, false)
        .map(|l| (l.workspace, l.problems))
        .map_err(|error| OpenError {
            root: root.to_path_buf(),
            error,
        })
}

struct LoadedAll {
    workspace: Workspace,
    problems: Vec<Problem>,
}

fn load_all(files: &Files, repair: bool) -> io::Result<LoadedAll> {
    let mut problems = Vec::new();
    let mut data = WorkspaceData::default();
    let mut read_only = None;
    let mut dirty_settings = false;
    let settings_path = files.settings_path();
    match files.load_settings(repair) {
        Ok(None) => dirty_settings = repair,
        Ok(Some(loaded)) => {
            if let Some(r) = loaded.recovered {
                problems.push(recovered(&settings_path, r));
            }
            if let Decoded::Newer { version, .. } = &loaded.value {
                let p = Problem::Newer {
                    file: settings_path.clone(),
                    version: *version,
                };
                read_only = Some(p.reason());
                problems.push(p);
            }
            data.settings = loaded.value.into_value();
        }
        Err(failure) => {
            // A lost settings file was moved aside: start from the defaults.
            // Any other failure leaves the file as it is, so nothing may write.
            let p = failed(&settings_path, failure);
            match p {
                Problem::Lost { .. } => dirty_settings = repair,
                _ => read_only = Some(p.reason()),
            }
            problems.push(p);
        }
    }

    let mut frozen = Vec::new();
    let mut migrated = Vec::new();
    for (path, result) in load_notebooks(files, files.notebook_files()?, repair) {
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(failure) => {
                problems.push(failed(&path, failure));
                continue;
            }
        };
        if let Some(r) = loaded.recovered {
            problems.push(recovered(&path, r));
        }
        let (notebook, newer, from) = match loaded.value {
            Decoded::Current(n) => (n, None, None),
            Decoded::Migrated { value, from } => (value, None, Some(from)),
            Decoded::Newer { value, version } => (value, Some(version), None),
        };
        if path != files.notebook_path(notebook.id) {
            problems.push(Problem::Misnamed {
                file: path,
                id: notebook.id,
            });
            continue;
        }
        if let Some(version) = newer {
            let p = Problem::Newer {
                file: path.clone(),
                version,
            };
            frozen.push((notebook.id, p.reason()));
            problems.push(p);
        }
        if let Some(from) = from {
            problems.push(Problem::Migrated { file: path, from });
            migrated.push(notebook.id);
        }
        data.notebooks.insert(notebook.id, Arc::new(notebook));
    }

    let mut workspace = Workspace::new(data);
    for (id, why) in frozen {
        workspace.freeze(id, why);
    }
    if repair {
        for id in migrated {
            workspace.mark_dirty(id);
        }
        if dirty_settings {
            workspace.mark_settings_dirty();
        }
    }
    if let Some(why) = read_only {
        workspace.set_read_only(why);
    }
    Ok(LoadedAll {
        workspace,
        problems,
    })
}

/// Reads and decodes notebook files on all cores; results keep file order.
fn load_notebooks(
    files: &Files,
    paths: Vec<PathBuf>,
    repair: bool,
) -> Vec<(
    PathBuf,
    Result<files::Loaded<crate::model::Notebook>, LoadFailure>,
)> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| (p.clone(), files.load_notebook(p, repair)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a loader thread does not panic"))
            .collect()
    })
}

fn recovered(file: &Path, r: files::Recovery) -> Problem {
    Problem::Recovered {
        file: file.to_path_buf(),
        error: r.error,
        moved_to: r.moved_to,
        backup: r.backup,
    }
}

fn failed(file: &Path, failure: LoadFailure) -> Problem {
    let file = file.to_path_buf();
    match failure {
        LoadFailure::Lost { error, moved_to } => Problem::Lost {
            file,
            error,
            moved_to,
        },
        LoadFailure::TooNew(version) => Problem::TooNew { file, version },
        LoadFailure::Io(error) => Problem::Unreadable { file, error },
    }
}
