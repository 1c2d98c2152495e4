//! The workspace on disk (DESIGN.md, "On disk"): one folder holding
//! `workspace.ron`, `notebooks/<uuid>.ron`, `backups/` and `.lock`.
//!
//! Opening locks the folder (or falls back to read-only), loads every file
//! with migration and recovery, and starts the background saver. The store
//! never decides what the data should be; it only keeps it safe.

mod atomic;
mod background;
mod backup;
pub mod crypt;
mod damage;
mod demo;
mod fast;
mod faults;
mod files;
mod format;
mod lock;
mod refresh;
mod saver;
mod sealing;
mod settle;
mod stamps;
pub mod validate;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use atomic::{TEMP_PREFIX, create_private_dirs, write_atomic};
pub use crypt::{CryptError, is_encrypted, is_unlocked, unlock};
pub use damage::Damage;
pub use demo::open_demo;
#[doc(hidden)]
pub use faults::{Fault, Faults, Step};
pub use files::{
    ASIDE_MARK, BACKUPS_DIR, Files, IoFailure, LoadFailure, NOTEBOOKS_DIR, SETTINGS_FILE,
};
pub use format::{
    DecodeError, Decoded, SCHEMA_VERSION, decode_notebook, decode_settings, notebook_to_ron,
    received_to_ron, settings_to_ron,
};
#[doc(hidden)]
pub use format::{cell_to_ron, decode_header, fast_reader_agrees, meetings_to_ron};
pub use saver::{SaveError, SaveStatus};
pub use settle::{SetAside, SettleError, remove_set_aside, restore, set_aside};
pub use stamps::ChangedUnderneath;
pub use validate::{Checked, Flaw, Part, Repair, read_cell, read_notebook, read_settings};

use crate::i18n::{Message, T, Value};
use crate::model::{CellPart, Language, MemberId, Notebook, Role, Settings};
use crate::workspace::{Action, ActionError, FileKey, Reason, StepId, Workspace, WorkspaceData};
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
        error: Damage,
        moved_to: Option<PathBuf>,
        backup: PathBuf,
    },
    /// A file was damaged and no backup could be read.
    Lost {
        file: PathBuf,
        error: Damage,
        moved_to: Option<PathBuf>,
    },
    /// A damaged file moved aside earlier (`file`, once `of`) is still
    /// there: it stays reported until someone restores or removes it.
    /// `in_use` says whether `of` opened anyway (from a backup).
    SetAside {
        file: PathBuf,
        of: PathBuf,
        in_use: bool,
    },
    /// A folder, a pipe or a device sits under a data file's name; it is
    /// never opened.
    NotAFile { file: PathBuf },
    /// Small faults were put right on load without losing anything; the
    /// file is written back in the right shape on the next save.
    Repaired { file: PathBuf, repairs: Vec<Repair> },
    /// A file could not be read at all (permissions, disk error).
    Unreadable { file: PathBuf, error: IoFailure },
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
    /// A sync tool's conflict copy (the same file written on two machines
    /// while apart) was merged record by record: `taken` records came
    /// from it, `differ` are kept in both versions to settle. The copy
    /// goes to the backups once the merge is saved.
    ConflictCopy {
        file: PathBuf,
        taken: usize,
        differ: usize,
    },
    /// A sync tool's conflict copy that cannot be read; it is left as it is.
    ConflictCopyDamaged { file: PathBuf, error: Damage },
    /// An encrypted file no key here opens: left as it is, never set
    /// aside or overwritten.
    Encrypted { file: PathBuf },
}

impl Problem {
    /// Whether the problem means a file is damaged or unusable (for `check`).
    pub fn is_damage(&self) -> bool {
        matches!(
            self,
            Problem::Recovered { .. }
                | Problem::Lost { .. }
                | Problem::SetAside { .. }
                | Problem::NotAFile { .. }
                | Problem::Unreadable { .. }
                | Problem::TooNew { .. }
                | Problem::Misnamed { .. }
                | Problem::ConflictCopyDamaged { .. }
                | Problem::Encrypted { .. }
        )
    }

    /// The notebook file whose member this problem leaves out of the
    /// loaded data, if any.
    pub fn left_out(&self) -> Option<&Path> {
        let file = match self {
            Problem::Lost { file, .. }
            | Problem::NotAFile { file }
            | Problem::Unreadable { file, .. }
            | Problem::TooNew { file, .. }
            | Problem::Misnamed { file, .. }
            | Problem::Encrypted { file } => file,
            Problem::SetAside {
                of, in_use: false, ..
            } => of,
            _ => return None,
        };
        let in_notebooks = file
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|d| d == NOTEBOOKS_DIR);
        in_notebooks.then_some(file.as_path())
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
                    .with(error.to_message())
                    .with(tail)
            }
            Problem::Lost {
                file,
                error,
                moved_to,
            } => match moved_to {
                Some(aside) => file_and(T::ProblemLostKept, file)
                    .with(error.to_message())
                    .with(aside.as_path()),
                None => file_and(T::ProblemLost, file).with(error.to_message()),
            },
            Problem::SetAside { file, of, in_use } => {
                let state = match in_use {
                    true => T::ProblemSetAsideInUse,
                    false => T::ProblemSetAsideClosed,
                };
                file_and(T::ProblemSetAside, file).with(Message::new(state).with(of.as_path()))
            }
            Problem::NotAFile { file } => file_and(T::ProblemNotAFile, file),
            Problem::Repaired { file, repairs } => file_and(T::ProblemRepaired, file).with(
                Message::list(repairs.iter().map(Repair::to_message))
                    .unwrap_or_else(|| T::NoneWord.into()),
            ),
            Problem::Unreadable { file, error } => file_and(T::ProblemUnreadable, file)
                .with(error.reason())
                .detail(error.detail.as_str()),
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
            Problem::ConflictCopy {
                file,
                taken,
                differ,
            } => file_and(T::ProblemConflictCopy, file)
                .with(Value::plain(taken))
                .with(Value::plain(differ)),
            Problem::ConflictCopyDamaged { file, error } => {
                file_and(T::ProblemConflictCopyDamaged, file).with(error.to_message())
            }
            Problem::Encrypted { file } => file_and(T::ProblemEncrypted, file),
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

/// The reason of an `OpenError` that this program found itself (a folder
/// that is a file, one with no notebooks), in the table's words.
#[derive(Debug)]
struct Said(T);

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.get(Language::Vietnamese))
    }
}

impl std::error::Error for Said {}

impl OpenError {
    fn said(root: &Path, kind: io::ErrorKind, why: T) -> OpenError {
        OpenError {
            root: root.to_path_buf(),
            error: io::Error::new(kind, Said(why)),
        }
    }

    /// "Could not open the data folder X: <reason>", the system's own
    /// words, if any, last as a technical detail.
    pub fn to_message(&self) -> Message {
        let head = Message::new(T::OpenFailed).with(self.root.as_path());
        match self.error.get_ref().and_then(|e| e.downcast_ref::<Said>()) {
            Some(Said(why)) => head.with(*why),
            None => head
                .with(T::io_reason(self.error.kind()))
                .detail(self.error.to_string()),
        }
    }

    pub fn message(&self, language: Language) -> String {
        self.to_message().show(language)
    }
}

/// In Vietnamese, as the command line prints it.
impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_message().fmt(f)
    }
}

impl std::error::Error for OpenError {}

/// An open workspace: the data, the store that keeps it, and what was found
/// while loading.
pub struct Session {
    pub workspace: Workspace,
    pub store: Store,
    pub problems: Vec<Problem>,
    /// The notebooks still being read, when the session opened with
    /// `open_in_background`.
    loading: Option<background::Background>,
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
    /// Notices files changed by others, once `watch` is called.
    watch: Option<refresh::Watch>,
    /// On a shared folder, the member whose files alone this member's
    /// program reads.
    own: Option<MemberId>,
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
        for file in workspace.take_dirty() {
            let data = workspace.data();
            saver.send(match file {
                FileKey::Notebook(id) => Job::Notebook(id, workspace.notebook_arc(id)),
                FileKey::Cell(id) => Job::Cell(data.cell_part(id)),
                FileKey::Meetings => Job::Meetings(data.meetings.clone()),
                FileKey::Received(side) => {
                    Job::Received(side, data.received.get(&side).cloned().unwrap_or_default())
                }
                FileKey::Settings => Job::Settings(data.settings.clone()),
            });
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
    open_with(root, false)
}

/// Opens like `open`, but reads the members' notebooks in the background
/// (see `background`): the session starts with the settings and the
/// members' names, and `Session::refresh` takes the notebooks in as they
/// come. Sync tools' conflict copies in the folder are merged on opening,
/// which needs every notebook: then it reads them all first, as `open`.
pub fn open_in_background(root: &Path) -> Result<Session, OpenError> {
    open_with(root, true)
}

fn open_with(root: &Path, background: bool) -> Result<Session, OpenError> {
    let open_err = |error| OpenError {
        root: root.to_path_buf(),
        error,
    };
    not_a_folder(root)?;
    let files = Files::new(root);
    locked_away(&files)?;
    files.create_dirs().map_err(open_err)?;
    let (lock, holder) = match lock::acquire(root).map_err(open_err)? {
        LockOutcome::Acquired(lock) => (Some(lock), None),
        LockOutcome::HeldBy(who) => (None, Some(who)),
    };
    let writable = lock.is_some();
    if writable {
        files.remove_stray_temps().map_err(open_err)?;
        // A switch to encryption cut short is finished here.
        sealing::converge(&files).map_err(open_err)?;
    }
    let mut files = files;
    files.guard = writable;
    let (mut loaded, loading) = if background && files.conflict_copies().is_empty() {
        let (data, l, own) = load_start(&mut files, writable).map_err(open_err)?;
        let members = member_files(&files, own).map_err(open_err)?;
        let names = background::names(&files, &members);
        let (mut workspace, problems) = l.into_workspace(data, writable);
        workspace.expect(names);
        let loaded = LoadedAll {
            workspace,
            problems,
            copies: Vec::new(),
        };
        let started = background::Background::start(&files, members, writable);
        (loaded, Some(started))
    } else {
        (load_all(&mut files, writable).map_err(open_err)?, None)
    };
    if let Some(holder) = holder {
        loaded.workspace.set_read_only(
            Problem::Locked {
                holder: holder.clone(),
            }
            .reason(),
        );
        loaded.problems.insert(0, Problem::Locked { holder });
    }
    files.policy = loaded.workspace.settings().backups;
    let saver = writable.then(|| Saver::start(files.clone()));
    let own = own_member(&files, loaded.workspace.settings());
    let store = Store {
        files,
        saver,
        _lock: lock,
        watch: None,
        own,
    };
    let mut workspace = loaded.workspace;
    store.sync(&mut workspace);
    // A conflict copy goes only once what it brought is on disk.
    if !loaded.copies.is_empty() && store.flush().is_ok() {
        for copy in &loaded.copies {
            let _ = store.files.retire_copy(copy);
        }
    }
    Ok(Session {
        workspace,
        store,
        problems: loaded.problems,
        loading,
    })
}

/// On a shared folder, a member's program reads only the member's own
/// notebook and the cell's part for it.
fn own_member(files: &Files, settings: &Settings) -> Option<MemberId> {
    match (&files.shared, settings.role, settings.owner) {
        (Some(_), Role::Member, Some(owner)) => Some(owner),
        _ => None,
    }
}

impl Store {
    /// Writes what is pending, then lets go of the folder (the saver and
    /// the lock), so that it can be opened again (after its shared folder
    /// changed). The store is read-only afterwards.
    pub fn release(&mut self) -> Result<(), String> {
        let flushed = self.flush();
        self.watch = None;
        self.saver = None;
        self._lock = None;
        flushed
    }
}

impl Session {
    /// Starts (or, with `None`, stops) keeping the members' and the cell's
    /// files in a shared folder: the files here are copied there when it
    /// has none of that name (a file already there is never replaced), and
    /// the setting is saved. The folder must then be opened again
    /// (`Store::release`, `open`). Returns how many files were copied.
    pub fn share(&mut self, folder: Option<PathBuf>) -> Result<usize, String> {
        if folder.is_some() && crypt::is_encrypted(&self.store.files.root) {
            return Err(CryptError::SharedFolder.message(self.workspace.settings().language));
        }
        self.store.flush()?;
        let mut target = self.store.files.clone();
        target.shared = folder.clone();
        let mut copied = 0;
        if folder.is_some() {
            target.create_dirs().map_err(|e| e.to_string())?;
            let from = [
                self.store.files.notebooks_dir(),
                self.store.files.cell_dir(),
            ];
            let to = [target.notebooks_dir(), target.cell_dir()];
            for (from, to) in from.iter().zip(&to) {
                for file in files::ron_files(from).unwrap_or_default() {
                    let Some(name) = file.file_name() else {
                        continue;
                    };
                    let there = to.join(name);
                    if from != to && !there.exists() {
                        std::fs::copy(&file, &there).map_err(|e| e.to_string())?;
                        atomic::make_private(&there).map_err(|e| e.to_string())?;
                        copied += 1;
                    }
                }
            }
        }
        let settings = Settings {
            shared_folder: folder.map(|f| f.display().to_string()),
            ..self.workspace.settings().clone()
        };
        self.apply(Action::ChangeSettings { settings })
            .map_err(|e| e.message(Language::Vietnamese))?;
        self.store.flush()?;
        Ok(copied)
    }
}

/// Refuses an encrypted folder whose key this run has not unlocked.
fn locked_away(files: &Files) -> Result<(), OpenError> {
    if files.key().is_none() && crypt::is_encrypted(&files.root) {
        return Err(OpenError::said(
            &files.root,
            io::ErrorKind::PermissionDenied,
            T::OpenEncrypted,
        ));
    }
    Ok(())
}

/// Refuses a data folder that is a file, in plain words.
fn not_a_folder(root: &Path) -> Result<(), OpenError> {
    if root.exists() && !root.is_dir() {
        return Err(OpenError::said(
            root,
            io::ErrorKind::NotADirectory,
            T::OpenNotAFolder,
        ));
    }
    Ok(())
}

/// The files of a workspace that a command reads without the lock and
/// without changing anything: refused in plain words when the folder is
/// missing, a file, holds no notebooks, or is encrypted and locked.
fn read_only_files(root: &Path) -> Result<Files, OpenError> {
    let files = Files::new(root);
    let missing = |why| OpenError::said(root, io::ErrorKind::NotFound, why);
    not_a_folder(root)?;
    locked_away(&files)?;
    if !root.exists() {
        return Err(missing(T::OpenNoFolder));
    }
    if !files.notebooks_dir().is_dir() {
        return Err(missing(T::OpenNoNotebooks));
    }
    Ok(files)
}

/// What `check` finds: the data as it would open, and every problem, with
/// nothing on disk changed and no lock taken.
pub fn inspect(root: &Path) -> Result<(Workspace, Vec<Problem>), OpenError> {
    let mut files = read_only_files(root)?;
    load_all(&mut files, false)
        .map(|l| (l.workspace, l.problems))
        .map_err(|error| OpenError {
            root: root.to_path_buf(),
            error,
        })
}

/// The temporary files that writes cut short left in the workspace at
/// `root` (its shared folder, as `settings` name it, included): `check`
/// reports them, and the next open (with the lock) removes them.
pub fn stray_temps(root: &Path, settings: &Settings) -> Vec<PathBuf> {
    let mut files = Files::new(root);
    files.shared = settings.shared_folder.as_ref().map(PathBuf::from);
    files.stray_temps()
}

/// A workspace read for one member: the data, the member, the problems.
pub type OneMember = (Workspace, MemberId, Vec<Problem>);

/// Like `inspect`, but reads the notebook of one member only (with the
/// cell's part for it): the member a user named on the command line (see
/// `WorkspaceData::find_member`), found by the name of the file or the
/// profile at its start. When no member fits that way and a file's start
/// does not name its member, every file is read, as `inspect` does.
/// `Err` holds the names that fit when none or more than one does.
pub fn inspect_member(
    root: &Path,
    wanted: &str,
) -> Result<Result<OneMember, Vec<String>>, OpenError> {
    let mut files = read_only_files(root)?;
    let open_err = |error| OpenError {
        root: root.to_path_buf(),
        error,
    };
    let (mut data, mut l, own) = load_start(&mut files, false).map_err(open_err)?;
    let members = member_files(&files, own).map_err(open_err)?;
    let mut named = WorkspaceData::default();
    let mut unnamed = false;
    for member in &members {
        let Some(id) = member.member() else { continue };
        let key = files.key();
        let header = |path: &Path| files::read_header(path, key.as_ref());
        let profile = match member.notebook.as_deref().and_then(header) {
            Some((at, profile)) if at == id => profile,
            _ => {
                unnamed = true;
                Default::default()
            }
        };
        named
            .notebooks
            .insert(id, Arc::new(Notebook::new(id, profile)));
    }
    let found = match named.find_member(wanted) {
        Err(_) if unnamed => {
            let (workspace, problems) = inspect(root)?;
            return Ok(workspace
                .data()
                .find_member(wanted)
                .map(|id| (workspace, id, problems)));
        }
        found => found,
    };
    let id = match found {
        Ok(id) => id,
        Err(names) => return Ok(Err(names)),
    };
    let files = &files;
    for member in members.iter().filter(|m| m.member() == Some(id)) {
        take_member(files, member.read(files, false), &mut data, &mut l);
    }
    data.left_out = left_out(&l.problems);
    let (workspace, problems) = l.into_workspace(data, false);
    Ok(Ok((workspace, id, problems)))
}

/// A member as `list` shows it: from the start of the notebook file and
/// the years it holds.
pub struct Listed {
    pub id: MemberId,
    pub profile: crate::model::Profile,
    pub years: Vec<crate::model::Year>,
}

/// The members of the workspace, read from the start of each notebook
/// file and the years it lists, without decoding the rest. A file whose
/// start does not read so is read whole (and reported when damaged), as
/// `inspect` reads it; so is every file when the folder holds sync tools'
/// conflict copies, which change what a notebook holds.
pub fn list_members(root: &Path) -> Result<(Vec<Listed>, Vec<Problem>), OpenError> {
    let mut files = read_only_files(root)?;
    let open_err = |error| OpenError {
        root: root.to_path_buf(),
        error,
    };
    let whole = |workspace: &Workspace| -> Vec<Listed> {
        workspace
            .notebooks()
            .map(|n| Listed {
                id: n.id,
                profile: n.profile.clone(),
                years: n.years.keys().copied().collect(),
            })
            .collect()
    };
    if !files.conflict_copies().is_empty() {
        let (workspace, problems) = inspect(root)?;
        return Ok((whole(&workspace), problems));
    }
    let (_, mut l, own) = load_start(&mut files, false).map_err(open_err)?;
    let mut listed = Vec::new();
    let mut data = WorkspaceData::default();
    for member in member_files(&files, own).map_err(open_err)? {
        let Some(path) = member.notebook.clone() else {
            continue;
        };
        let id = member.member();
        match files::read_listing(&path, &files.crypt).filter(|(at, _, _)| Some(*at) == id) {
            Some((id, profile, years)) => listed.push(Listed { id, profile, years }),
            None => {
                let read = MemberFiles {
                    notebook: Some(path),
                    cell: None,
                };
                take_member(&files, read.read(&files, false), &mut data, &mut l);
            }
        }
    }
    let (workspace, mut problems) = l.into_workspace(data, false);
    listed.extend(whole(&workspace));
    note_set_aside(&files, workspace.data(), &[], &mut problems);
    Ok((listed, problems))
}

struct LoadedAll {
    workspace: Workspace,
    problems: Vec<Problem>,
    /// Conflict copies merged in memory, to retire once saved.
    copies: Vec<PathBuf>,
}

/// What loading decided beyond the data: notebooks that must not be
/// written, files to write back, and whether nothing may be written.
#[derive(Default)]
struct Loading {
    problems: Vec<Problem>,
    frozen: Vec<(MemberId, Reason)>,
    /// Files that must not be written (newer, unreadable), and why.
    frozen_files: Vec<(FileKey, Reason)>,
    dirty: Vec<FileKey>,
    read_only: Option<Reason>,
}

fn load_all(files: &mut Files, repair: bool) -> io::Result<LoadedAll> {
    let (mut data, mut l, own) = load_start(files, repair)?;
    let files = &*files;
    for read in load_each(member_files(files, own)?, |m| m.read(files, repair)) {
        take_member(files, read, &mut data, &mut l);
    }
    let copies = merge_copies(files, &mut data, &mut l, own);
    note_set_aside(files, &data, &[], &mut l.problems);
    data.left_out = left_out(&l.problems);
    let (workspace, problems) = l.into_workspace(data, repair);
    Ok(LoadedAll {
        workspace,
        problems,
        copies,
    })
}

/// What is read before the members' files: the settings (which say where
/// the rest lives), the cell's meetings and what each side received.
/// Returns the member whose files alone are read, on a shared folder.
fn load_start(
    files: &mut Files,
    repair: bool,
) -> io::Result<(WorkspaceData, Loading, Option<MemberId>)> {
    let mut data = WorkspaceData::default();
    let mut l = Loading::default();
    if let Some(settings) = load_settings(files, repair, &mut l) {
        data.settings = settings;
    }
    files.shared = data.settings.shared_folder.as_ref().map(PathBuf::from);
    if files.shared.is_some() && repair {
        files.create_dirs()?;
    }
    let meetings = files.meetings_path();
    if let Some(meetings) = load_one(
        &meetings,
        FileKey::Meetings,
        files.load_meetings(repair),
        &mut l,
    ) {
        data.meetings = meetings;
    }
    for side in [Role::Member, Role::Secretary] {
        let path = files.received_path(side);
        let loaded = files.load_received(side, repair);
        if let Some(received) = load_one(&path, FileKey::Received(side), loaded, &mut l) {
            data.received.insert(side, received);
        }
    }
    // A member's program on a shared folder reads only the member's own
    // notebook and the cell's part for it.
    let own = own_member(files, &data.settings);
    Ok((data, l, own))
}

/// One member's files: the notebook and the cell's part for it, either of
/// which may be missing. They are read together, so that the two join as
/// soon as they arrive.
#[derive(Debug, Default)]
struct MemberFiles {
    notebook: Option<PathBuf>,
    cell: Option<PathBuf>,
}

/// One member's files read and checked, not yet taken in.
struct MemberRead {
    notebook: Option<(PathBuf, Result<files::Loaded<Notebook>, LoadFailure>)>,
    cell: Option<(PathBuf, Result<files::Loaded<CellPart>, LoadFailure>)>,
}

impl MemberFiles {
    /// The member the files are named after.
    fn member(&self) -> Option<MemberId> {
        let path = self.notebook.as_ref().or(self.cell.as_ref())?;
        path.file_stem()?.to_str()?.parse().ok()
    }

    fn read(&self, files: &Files, repair: bool) -> MemberRead {
        MemberRead {
            notebook: self.notebook.as_ref().map(|p| {
                let loaded = files.load_notebook(p, repair);
                (p.clone(), loaded)
            }),
            cell: self.cell.as_ref().map(|p| {
                let loaded = files.load_cell(p, repair);
                (p.clone(), loaded)
            }),
        }
    }
}

/// The members' files to read, a notebook and a cell file of one name
/// together, in name order.
fn member_files(files: &Files, own: Option<MemberId>) -> io::Result<Vec<MemberFiles>> {
    let mine = |path: &PathBuf| match own {
        Some(owner) => path.file_stem().and_then(|s| s.to_str()) == Some(&owner.to_string()),
        None => true,
    };
    let mut by_name: std::collections::BTreeMap<std::ffi::OsString, MemberFiles> =
        Default::default();
    for path in files.notebook_files()?.into_iter().filter(mine) {
        let name = path.file_stem().unwrap_or_default().to_os_string();
        by_name.entry(name).or_default().notebook = Some(path);
    }
    for path in files.cell_files()?.into_iter().filter(mine) {
        let name = path.file_stem().unwrap_or_default().to_os_string();
        by_name.entry(name).or_default().cell = Some(path);
    }
    Ok(by_name.into_values().collect())
}

/// Takes one member's files in: the notebook, then the cell's part joined
/// to it (or kept apart when the notebook is not there).
fn take_member(files: &Files, read: MemberRead, data: &mut WorkspaceData, l: &mut Loading) {
    if let Some((path, result)) = read.notebook {
        match result {
            Ok(loaded) => {
                if let Some(notebook) = take_notebook(files, path, loaded, l) {
                    data.notebooks.insert(notebook.id, Arc::new(notebook));
                }
            }
            Err(failure) => l.problems.push(failed(&path, failure)),
        }
    }
    if let Some((path, result)) = read.cell {
        match result {
            Ok(loaded) => {
                if let Some(part) = take_cell_part(files, path, loaded, l) {
                    join_cell_part(data, part, l);
                }
            }
            Err(failure) => l.problems.push(failed(&path, failure)),
        }
    }
}

impl Loading {
    /// The workspace of the data read, with what loading decided.
    fn into_workspace(self, data: WorkspaceData, repair: bool) -> (Workspace, Vec<Problem>) {
        let mut workspace = Workspace::new(data);
        self.apply(&mut workspace, repair);
        (workspace, self.problems)
    }

    /// Freezes, marks for writing and closes what loading decided.
    fn apply(&self, workspace: &mut Workspace, repair: bool) {
        for (id, why) in &self.frozen {
            workspace.freeze(*id, why.clone());
        }
        for (file, why) in &self.frozen_files {
            workspace.freeze_file(*file, why.clone());
        }
        if repair {
            for file in &self.dirty {
                workspace.mark_dirty(*file);
            }
        }
        if let Some(why) = &self.read_only {
            workspace.set_read_only(why.clone());
        }
    }
}

/// Reads `workspace.ron`; `None` when it is missing or lost (the defaults
/// then apply).
fn load_settings(files: &Files, repair: bool, l: &mut Loading) -> Option<Settings> {
    let path = files.settings_path();
    match files.load_settings(repair) {
        Ok(None) => {
            l.dirty.push(FileKey::Settings);
            None
        }
        Ok(Some(loaded)) => {
            if let Some(r) = loaded.recovered {
                l.problems.push(recovered(&path, r));
            }
            if !loaded.repairs.is_empty() {
                l.dirty.push(FileKey::Settings);
                l.problems.push(Problem::Repaired {
                    file: path.clone(),
                    repairs: loaded.repairs,
                });
            }
            if let Decoded::Newer { version, .. } = &loaded.value {
                let p = Problem::Newer {
                    file: path.clone(),
                    version: *version,
                };
                l.read_only = Some(p.reason());
                l.problems.push(p);
            }
            Some(loaded.value.into_value())
        }
        Err(failure) => {
            // A lost settings file was moved aside: start from the defaults.
            // Any other failure leaves the file as it is, so nothing may write.
            let p = failed(&path, failure);
            match p {
                Problem::Lost { .. } => l.dirty.push(FileKey::Settings),
                _ => l.read_only = Some(p.reason()),
            }
            l.problems.push(p);
            None
        }
    }
}

/// Takes a loaded notebook in, noting what was found; `None` when it sits
/// under another member's name.
fn take_notebook(
    files: &Files,
    path: PathBuf,
    loaded: files::Loaded<Notebook>,
    l: &mut Loading,
) -> Option<Notebook> {
    if let Some(r) = loaded.recovered {
        l.problems.push(recovered(&path, r));
    }
    let (notebook, newer, from) = match loaded.value {
        Decoded::Current(n) => (n, None, None),
        Decoded::Migrated { value, from } => (value, None, Some(from)),
        Decoded::Newer { value, version } => (value, Some(version), None),
    };
    if path != files.notebook_path(notebook.id) {
        l.problems.push(Problem::Misnamed {
            file: path,
            id: notebook.id,
        });
        return None;
    }
    let key = FileKey::Notebook(notebook.id);
    if let Some(why) = note_repairs_and_newer(l, &path, key, loaded.repairs, newer) {
        l.frozen.push((notebook.id, why));
    }
    if let Some(from) = from {
        l.problems.push(Problem::Migrated { file: path, from });
        l.dirty.push(FileKey::Notebook(notebook.id));
        // A file from before version 3 held the cell's part too: it moves
        // to the cell's own file (which, when there is one, wins below).
        if notebook.years.values().any(|b| !b.cell_review.is_empty()) {
            l.dirty.push(FileKey::Cell(notebook.id));
        }
    }
    Some(notebook)
}

/// Takes a loaded cell file in, noting what was found; `None` when it sits
/// under another member's name.
fn take_cell_part(
    files: &Files,
    path: PathBuf,
    loaded: files::Loaded<CellPart>,
    l: &mut Loading,
) -> Option<CellPart> {
    if let Some(r) = loaded.recovered {
        l.problems.push(recovered(&path, r));
    }
    let (part, newer) = match loaded.value {
        Decoded::Current(p) | Decoded::Migrated { value: p, .. } => (p, None),
        Decoded::Newer { value, version } => (value, Some(version)),
    };
    if path != files.cell_path(part.member) {
        l.problems.push(Problem::Misnamed {
            file: path,
            id: part.member,
        });
        return None;
    }
    let key = FileKey::Cell(part.member);
    if let Some(why) = note_repairs_and_newer(l, &path, key, loaded.repairs, newer) {
        l.frozen_files.push((key, why));
    }
    Some(part)
}

/// Notes what loading a member's file put right (the file is written
/// again, unless a newer program wrote it) and whether a newer program
/// wrote it; returns then why the file must not change.
fn note_repairs_and_newer(
    l: &mut Loading,
    path: &Path,
    key: FileKey,
    repairs: Vec<Repair>,
    newer: Option<u32>,
) -> Option<Reason> {
    if !repairs.is_empty() {
        if newer.is_none() {
            l.dirty.push(key);
        }
        l.problems.push(Problem::Repaired {
            file: path.to_path_buf(),
            repairs,
        });
    }
    let p = Problem::Newer {
        file: path.to_path_buf(),
        version: newer?,
    };
    let why = p.reason();
    l.problems.push(p);
    Some(why)
}

/// Joins the cell's file to the member's notebook. The cell's file wins
/// over a cell's part found in an old notebook, year by year; when the two
/// differ, the cell's file is written again with both.
fn join_cell_part(data: &mut WorkspaceData, part: CellPart, l: &mut Loading) {
    let member = part.member;
    let from_notebook = data.cell_part(member);
    let mut joined = part.clone();
    for (year, review) in from_notebook.years {
        joined.years.entry(year).or_insert(review);
    }
    if joined != part {
        l.dirty.push(FileKey::Cell(member));
    }
    data.join_cell_part(joined);
}

/// Takes in one of the cell's or the exchange's files read whole (the
/// meetings, what a side received); `None` when it is missing or lost. A
/// lost file was moved aside, so a new one may be written; any other
/// failure, or a newer file, leaves it as it is and nothing may write it.
fn load_one<T>(
    path: &Path,
    key: FileKey,
    result: Result<Option<files::Loaded<T>>, LoadFailure>,
    l: &mut Loading,
) -> Option<T> {
    match result {
        Ok(None) => None,
        Ok(Some(loaded)) => {
            if let Some(r) = loaded.recovered {
                l.problems.push(recovered(path, r));
            }
            if !loaded.repairs.is_empty() {
                l.dirty.push(key);
                l.problems.push(Problem::Repaired {
                    file: path.to_path_buf(),
                    repairs: loaded.repairs,
                });
            }
            if let Decoded::Newer { version, .. } = &loaded.value {
                let p = Problem::Newer {
                    file: path.to_path_buf(),
                    version: *version,
                };
                l.frozen_files.push((key, p.reason()));
                l.problems.push(p);
            }
            Some(loaded.value.into_value())
        }
        Err(failure) => {
            let p = failed(path, failure);
            if !matches!(p, Problem::Lost { .. }) {
                l.frozen_files.push((key, p.reason()));
            }
            l.problems.push(p);
            None
        }
    }
}

/// Merges each conflict copy a sync tool left (see `files::conflict_copy_of`)
/// into the loaded data; returns the copies merged.
fn merge_copies(
    files: &Files,
    data: &mut WorkspaceData,
    l: &mut Loading,
    own: Option<MemberId>,
) -> Vec<PathBuf> {
    let mut merged = Vec::new();
    for (path, cell) in files.conflict_copies() {
        if own.is_some_and(|o| files::conflict_copy_of(&path) != Some(o)) {
            continue;
        }
        let copy = match read_copy(files, &path, cell) {
            Ok(copy) => copy,
            Err(error) => {
                l.problems
                    .push(Problem::ConflictCopyDamaged { file: path, error });
                continue;
            }
        };
        let name = path.display().to_string();
        let when = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .unwrap_or_else(jiff::Timestamp::now);
        let role = data.settings.role;
        let (edits, count) = crate::exchange::merge_copy(data, role, &copy, &name, when);
        for edit in edits {
            l.dirty.push(edit.file());
            edit.apply(data);
        }
        l.problems.push(Problem::ConflictCopy {
            file: path.clone(),
            taken: count.new + count.updated,
            differ: count.conflicts,
        });
        merged.push(path);
    }
    merged
}

/// Reads and checks a conflict copy, as its original would be read.
fn read_copy(files: &Files, path: &Path, cell: bool) -> Result<crate::exchange::CopyOf, Damage> {
    use crate::exchange::CopyOf;
    let raw = match files::read_limited(path) {
        Ok(bytes) => bytes,
        Err(files::ReadError::TooBig(megabytes)) => return Err(Damage::TooBig { megabytes }),
        Err(_) => return Err(Damage::NotText),
    };
    let bytes = files.plain(&raw).map_err(|e| Damage::Sealed {
        detail: format!("{e:?}"),
    })?;
    let damaged = |e: DecodeError| match e {
        DecodeError::Damaged(why) => why,
        DecodeError::TooNew(v) => Damage::Syntax {
            line: 1,
            col: 1,
            detail: format!("schema_version {v}"),
        },
    };
    Ok(if cell {
        CopyOf::Cell(read_cell(&bytes).map_err(damaged)?.value.into_value())
    } else {
        CopyOf::Notebook(Box::new(
            read_notebook(&bytes).map_err(damaged)?.value.into_value(),
        ))
    })
}

/// Reports the damaged files set aside earlier (not those set aside just
/// now, already reported), until someone settles them.
fn note_set_aside(
    files: &Files,
    data: &WorkspaceData,
    earlier: &[Problem],
    problems: &mut Vec<Problem>,
) {
    let just_now: Vec<PathBuf> = earlier
        .iter()
        .chain(problems.iter())
        .filter_map(|p| match p {
            Problem::Recovered { moved_to, .. } | Problem::Lost { moved_to, .. } => {
                moved_to.clone()
            }
            _ => None,
        })
        .collect();
    for (file, of) in files.set_aside() {
        if just_now.contains(&file) {
            continue;
        }
        let own_file = |dir: PathBuf| of.parent() == Some(dir.as_path());
        let in_use = if of == files.settings_path()
            || own_file(files.cell_dir())
            || own_file(files.exchange_dir())
        {
            of.is_file()
        } else {
            data.notebooks
                .keys()
                .any(|id| files.notebook_path(*id) == of)
        };
        problems.push(Problem::SetAside { file, of, in_use });
    }
}

/// The notebook files whose members are missing from the loaded data.
fn left_out(problems: &[Problem]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = problems
        .iter()
        .filter_map(Problem::left_out)
        .map(Path::to_path_buf)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Reads each member's files, on all cores; results keep the order.
/// Equal texts across one core's notebooks are kept once.
fn load_each(
    members: Vec<MemberFiles>,
    read: impl Fn(&MemberFiles) -> MemberRead + Sync,
) -> Vec<MemberRead> {
    on_every_core(&members, |part| {
        crate::model::interning(|| part.iter().map(&read).collect())
    })
}

/// `work` done on `items` cut into one part per core, the parts' results
/// joined in order. A part that panics panics here.
pub(super) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let work = &work;
                scope.spawn(move || work(part))
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
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
        LoadFailure::NotAFile => Problem::NotAFile { file },
        LoadFailure::Encrypted => Problem::Encrypted { file },
        LoadFailure::Io(error) => Problem::Unreadable { file, error },
    }
}
