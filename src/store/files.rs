//! The workspace folder's layout, and reading and writing its files one by
//! one: each save keeps a backup, each damaged file is moved aside and its
//! newest good backup brought back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use tempfile::TempPath;

use super::atomic::{self, write_atomic};
use super::backup;
use super::crypt::{Crypt, Key, Unseal};
use super::damage::Damage;
use super::faults::{Faults, Step};
use super::format::{self, DecodeError, Decoded};
use super::stamps::{Seen, Stamps};
use super::validate::{self, Checked, Repair};
use crate::i18n::T;
use std::collections::BTreeMap;

use crate::exchange::Received;
use crate::model::{BackupPolicy, CellPart, Meeting, MemberId, Notebook, Role, Settings, Year};

pub const SETTINGS_FILE: &str = "workspace.ron";
pub const NOTEBOOKS_DIR: &str = "notebooks";
/// The cell's files: its part for each member and its own records.
pub const CELL_DIR: &str = "cell";
/// The cell's meetings, inside `CELL_DIR`.
pub const MEETINGS_FILE: &str = "meetings.ron";
/// What each side received by exchange file: `member.ron`, `cell.ron`.
pub const EXCHANGE_DIR: &str = "exchange";
pub const BACKUPS_DIR: &str = "backups";
/// Marks the name of a damaged file moved aside: `x.ron.corrupt-<time>`.
pub const ASIDE_MARK: &str = ".corrupt-";
/// Notebook files bigger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Where things live in one workspace folder, and the backup policy.
#[derive(Clone, Debug)]
pub struct Files {
    pub root: PathBuf,
    pub policy: BackupPolicy,
    /// The folder shared with other machines (a sync tool's, or a network
    /// share) that holds `notebooks/` and `cell/` instead of `root`.
    pub shared: Option<PathBuf>,
    /// What was last read and written here, for `guard`.
    pub stamps: Stamps,
    /// Refuse to write over a file changed underneath (an open store);
    /// a folder being set up writes freely.
    pub guard: bool,
    /// Write steps made to fail, for tests; none in the program. Shared
    /// by the clones (the saver's too), so an open store can be failed.
    #[doc(hidden)]
    pub faults: Faults,
    /// The key files are encrypted with, when encryption is on and
    /// unlocked (see `crypt`); shared by the clones.
    pub crypt: Crypt,
}

/// A file read from disk, possibly after recovery.
pub struct Loaded<T> {
    pub value: Decoded<T>,
    /// What was put right on load; written back on the next save.
    pub repairs: Vec<Repair>,
    /// Set when the file was damaged and a backup was used instead.
    pub recovered: Option<Recovery>,
}

/// What was done (or, when not repairing, what would be done) about a
/// damaged file.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    pub error: Damage,
    pub moved_to: Option<PathBuf>,
    pub backup: PathBuf,
}

/// Why a file could not be loaded at all.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadFailure {
    /// Damaged and no backup could be read; `moved_to` says where it went.
    Lost {
        error: Damage,
        moved_to: Option<PathBuf>,
    },
    TooNew(u32),
    /// Encrypted, and no key unlocked here opens it (encryption is off
    /// here, or the file came from another workspace): never set aside.
    Encrypted,
    /// A folder, a pipe or a device under a file's name: never opened,
    /// since reading a pipe would wait forever.
    NotAFile,
    Io(IoFailure),
}

/// An I/O error kept for telling: its kind, which the table words
/// (`T::io_reason`), and the system's own text, shown as a technical
/// detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IoFailure {
    pub kind: io::ErrorKind,
    pub detail: String,
}

impl IoFailure {
    pub fn reason(&self) -> T {
        T::io_reason(self.kind)
    }
}

impl From<io::Error> for IoFailure {
    fn from(e: io::Error) -> IoFailure {
        IoFailure {
            kind: e.kind(),
            detail: e.to_string(),
        }
    }
}

impl Files {
    /// The files of the folder at `root`, with the key unlocked for it in
    /// this run, if any.
    pub fn new(root: impl Into<PathBuf>) -> Files {
        let root = root.into();
        Files {
            crypt: Crypt::of(&root),
            root,
            policy: BackupPolicy::default(),
            shared: None,
            stamps: Stamps::default(),
            guard: false,
            faults: Faults::default(),
        }
    }

    /// The unlocked key, when encryption is on.
    pub fn key(&self) -> Option<Key> {
        self.crypt.key()
    }

    /// The plain bytes of a file as read from disk (decrypted if need be).
    pub fn plain<'a>(&self, raw: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, Unseal> {
        self.crypt.plain(raw)
    }

    /// The bytes to put on disk for `path`: encrypted when encryption is
    /// on, except `workspace.ron`, which stays plain.
    fn sealed<'a>(&self, path: &Path, bytes: &'a [u8]) -> io::Result<std::borrow::Cow<'a, [u8]>> {
        match self.crypt.key() {
            Some(key) if path != self.settings_path() => Ok(key.seal(bytes)?.into()),
            _ => Ok(bytes.into()),
        }
    }

    pub fn settings_path(&self) -> PathBuf {
        self.root.join(SETTINGS_FILE)
    }

    /// Where the members' and the cell's files live: the shared folder
    /// when there is one, else the workspace folder.
    fn data_root(&self) -> &Path {
        self.shared.as_deref().unwrap_or(&self.root)
    }

    pub fn notebooks_dir(&self) -> PathBuf {
        self.data_root().join(NOTEBOOKS_DIR)
    }

    pub fn notebook_path(&self, id: MemberId) -> PathBuf {
        self.notebooks_dir().join(format!("{id}.ron"))
    }

    pub fn cell_dir(&self) -> PathBuf {
        self.data_root().join(CELL_DIR)
    }

    /// The cell's part for a member.
    pub fn cell_path(&self, id: MemberId) -> PathBuf {
        self.cell_dir().join(format!("{id}.ron"))
    }

    pub fn meetings_path(&self) -> PathBuf {
        self.cell_dir().join(MEETINGS_FILE)
    }

    pub fn exchange_dir(&self) -> PathBuf {
        self.root.join(EXCHANGE_DIR)
    }

    /// What one side received by exchange file; each side writes its own.
    pub fn received_path(&self, side: Role) -> PathBuf {
        self.exchange_dir().join(match side {
            Role::Member => "member.ron",
            Role::Secretary => "cell.ron",
        })
    }

    /// Where a file's earlier versions go: `backups/<id>` for a notebook,
    /// `backups/cell-<id>` for the cell's files, so the two never mix.
    pub fn backup_dir_of(&self, file: &Path) -> PathBuf {
        let mut name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file.parent() == Some(self.cell_dir().as_path()) {
            name.insert_str(0, "cell-");
        } else if file.parent() == Some(self.exchange_dir().as_path()) {
            name.insert_str(0, "exchange-");
        }
        self.root.join(BACKUPS_DIR).join(name)
    }

    /// Creates the folders of a new workspace.
    pub fn create_dirs(&self) -> io::Result<()> {
        for dir in [
            self.notebooks_dir(),
            self.cell_dir(),
            self.exchange_dir(),
            self.root.join(BACKUPS_DIR),
        ] {
            atomic::create_private_dirs(&dir).map_err(naming(&dir))?;
        }
        Ok(())
    }

    /// Clears what interrupted writes left behind. Only under the lock.
    /// A whole notebook or cell file left so is kept among its member's
    /// backups: it may be the version a save had just swapped out (maybe
    /// another machine's) when the program stopped. The rest is removed.
    pub fn remove_stray_temps(&self) -> io::Result<()> {
        for dir in [self.notebooks_dir(), self.cell_dir()] {
            for temp in atomic::stray_temps(&dir).map_err(naming(&dir))? {
                if let Some(own) = self.whole_member_file(&temp) {
                    let backups = self.backup_dir_of(&own);
                    backup::retire(&temp, &backups).map_err(naming(&backups))?;
                }
            }
        }
        for dir in self.temp_dirs() {
            atomic::remove_stray_temps(&dir).map_err(naming(&dir))?;
        }
        Ok(())
    }

    /// The file a leftover temporary file is a whole version of: a
    /// notebook or cell file that reads without a flaw, named by the
    /// member it holds; `None` for anything else (a torn write).
    fn whole_member_file(&self, temp: &Path) -> Option<PathBuf> {
        let raw = read_limited(temp).ok()?;
        let bytes = self.plain(&raw).ok()?;
        if temp.parent()? == self.notebooks_dir() {
            let read = validate::read_notebook(&bytes).ok()?;
            Some(self.notebook_path(read.value.into_value().id))
        } else {
            let read = validate::read_cell(&bytes).ok()?;
            Some(self.cell_path(read.value.into_value().member))
        }
    }

    /// What interrupted writes left behind (`check` reports them; the
    /// next open removes them). A folder that cannot be read is skipped.
    pub fn stray_temps(&self) -> Vec<PathBuf> {
        self.temp_dirs()
            .iter()
            .flat_map(|dir| atomic::stray_temps(dir).unwrap_or_default())
            .collect()
    }

    /// The folders writes make temporary files in.
    fn temp_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![
            self.root.clone(),
            self.notebooks_dir(),
            self.cell_dir(),
            self.exchange_dir(),
        ];
        if let Ok(backups) = fs::read_dir(self.root.join(BACKUPS_DIR)) {
            dirs.extend(backups.filter_map(Result::ok).map(|d| d.path()));
        }
        dirs
    }

    /// The notebook files in the folder, in name order; a sync tool's
    /// conflict copies left out (see `conflict_copies`).
    pub fn notebook_files(&self) -> io::Result<Vec<PathBuf>> {
        let mut files = ron_files(&self.notebooks_dir())?;
        files.retain(|p| conflict_copy_of(p).is_none());
        Ok(files)
    }

    /// The conflict copies a sync tool left beside notebook and cell
    /// files, each with whether it is a cell file.
    pub fn conflict_copies(&self) -> Vec<(PathBuf, bool)> {
        let mut out = Vec::new();
        for (dir, cell) in [(self.notebooks_dir(), false), (self.cell_dir(), true)] {
            for path in ron_files(&dir).unwrap_or_default() {
                if conflict_copy_of(&path).is_some() {
                    out.push((path, cell));
                }
            }
        }
        out
    }

    /// Moves a conflict copy whose records are merged into the backups.
    pub fn retire_copy(&self, path: &Path) -> io::Result<()> {
        self.retire(path)
    }

    /// The cell's files for members (not its meetings), in name order; none
    /// when the folder is missing (a workspace from before it existed).
    pub fn cell_files(&self) -> io::Result<Vec<PathBuf>> {
        let dir = self.cell_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut files = ron_files(&dir)?;
        files.retain(|p| {
            p.file_name().is_none_or(|n| n != MEETINGS_FILE) && conflict_copy_of(p).is_none()
        });
        Ok(files)
    }

    /// The damaged files moved aside earlier and not yet settled, each with
    /// the file it was, in name order.
    pub fn set_aside(&self) -> Vec<(PathBuf, PathBuf)> {
        let mut found = Vec::new();
        for dir in [
            self.root.clone(),
            self.notebooks_dir(),
            self.cell_dir(),
            self.exchange_dir(),
        ] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some((original, _)) = name.split_once(ASIDE_MARK) {
                    found.push((entry.path(), dir.join(original)));
                }
            }
        }
        found.sort();
        found
    }

    /// Writes the member's own part of a notebook (never the cell's).
    pub fn save_notebook(&self, notebook: &Notebook) -> io::Result<()> {
        self.save_notebook_text(notebook.id, &format::notebook_to_ron(notebook))
    }

    /// Writes both parts of a joined notebook, each to its own file: for
    /// a folder being made (a demo cell), never for a workspace in use.
    pub fn save_both(&self, notebook: &Notebook) -> io::Result<()> {
        self.save_notebook(notebook)?;
        self.save_cell(&notebook.cell_part())
    }

    /// Saves a notebook already rendered to RON (see `format::Renderer`).
    pub fn save_notebook_text(&self, id: MemberId, text: &str) -> io::Result<()> {
        self.save_with_backup(&self.notebook_path(id), text.as_bytes())
    }

    /// Writes the cell's part for a member; with nothing in it, retires
    /// the file if there is one (an empty file is never made).
    pub fn save_cell(&self, part: &CellPart) -> io::Result<()> {
        let path = self.cell_path(part.member);
        if part.years.is_empty() {
            return self.retire(&path);
        }
        self.save_with_backup(&path, format::cell_to_ron(part).as_bytes())
    }

    /// Writes the cell's meetings, or retires the file when none is left.
    pub fn save_meetings(&self, meetings: &BTreeMap<Year, Meeting>) -> io::Result<()> {
        let path = self.meetings_path();
        if meetings.is_empty() {
            return self.retire(&path);
        }
        self.save_with_backup(&path, format::meetings_to_ron(meetings).as_bytes())
    }

    /// Writes what one side received, or retires the file when empty.
    pub fn save_received(
        &self,
        side: Role,
        received: &BTreeMap<MemberId, Received>,
    ) -> io::Result<()> {
        let path = self.received_path(side);
        if received.is_empty() {
            return self.retire(&path);
        }
        self.save_with_backup(&path, format::received_to_ron(received).as_bytes())
    }

    pub fn save_settings(&self, settings: &Settings) -> io::Result<()> {
        let path = self.settings_path();
        self.save_with_backup(&path, format::settings_to_ron(settings).as_bytes())
    }

    /// Moves a removed member's file into the backups, so nothing is lost.
    pub fn retire_notebook(&self, id: MemberId) -> io::Result<()> {
        self.retire(&self.notebook_path(id))
    }

    /// Moves a file into its backups, if it exists.
    fn retire(&self, path: &Path) -> io::Result<()> {
        if !path.exists() {
            return Ok(());
        }
        self.stamps.forget(path);
        self.faults.check(Step::Rename).map_err(naming(path))?;
        backup::retire(path, &self.backup_dir_of(path)).map_err(naming(path))?;
        let dir = atomic::parent(path);
        atomic::sync_dir(dir).map_err(naming(dir))
    }

    /// Writes `bytes` as `path`, keeping the version it replaces among the
    /// backups. An error names the file.
    pub(super) fn save_with_backup(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let seen = (self.guard)
            .then(|| self.stamps.check_before_write(path))
            .transpose()?;
        let backups = self.backup_dir_of(path);
        // The backup's folder is not synced: after a power cut the worst
        // case is one missing backup, never a missing or torn notebook.
        self.faults.check(Step::Backup).map_err(naming(&backups))?;
        // Encrypted before the temporary file is made: no plain text of
        // an encrypted workspace ever reaches the disk.
        let bytes = self.sealed(path, bytes).map_err(naming(path))?;
        let kept = backup::keep(path, &backups).map_err(naming(&backups))?;
        let replaced = atomic::replace(path, &bytes, &self.faults).map_err(naming(path))?;
        // Recorded as soon as the new file is in place: if syncing the
        // folder fails below, the retry must not take this program's own
        // file for one changed underneath.
        self.stamps.record(path, &bytes);
        if let (Some(replaced), Some(seen)) = (replaced, seen) {
            self.keep_replaced(path, replaced, seen)?;
        }
        let dir = atomic::parent(path);
        atomic::sync_dir_with(dir, &self.faults).map_err(naming(dir))?;
        if kept.is_some() {
            backup::prune(&backups, self.policy, Timestamp::now()).map_err(naming(&backups))?;
        }
        Ok(())
    }

    /// Keeps the version a save just replaced when it is not the one
    /// checked before the save: someone else's (a sync tool's, another
    /// machine's) landed in between. A member's notebook or cell file
    /// becomes a conflict copy, merged record by record like a sync
    /// tool's own; another file (the meetings) goes to its backups, as a
    /// version written elsewhere always does. The one checked is dropped.
    fn keep_replaced(&self, path: &Path, replaced: TempPath, seen: Seen) -> io::Result<()> {
        if seen.matches(&replaced) {
            return Ok(());
        }
        let replaced = replaced.keep().map_err(|e| e.error)?;
        let Some(names) = self.copy_names(path) else {
            let backups = self.backup_dir_of(path);
            return backup::retire(&replaced, &backups).map_err(naming(&backups));
        };
        for copy in names {
            match atomic::rename_new(&replaced, &copy) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                done => return done.map_err(naming(&copy)),
            }
        }
        Err(naming(path)(io::ErrorKind::AlreadyExists.into()))
    }

    /// Names for a conflict copy of `path`, ones `conflict_copy_of` knows
    /// (`<id>.replaced-20261128-101010-00.ron`, …); `None` for a file that
    /// is not a member's notebook or cell file.
    fn copy_names(&self, path: &Path) -> Option<impl Iterator<Item = PathBuf>> {
        let dir = path.parent()?.to_path_buf();
        let stem = path.file_stem()?.to_str()?.to_owned();
        let ours = dir == self.notebooks_dir() || dir == self.cell_dir();
        if !ours || MemberId::parse_str(&stem).is_err() {
            return None;
        }
        let now = Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
        Some((0..1000).map(move |n| dir.join(format!("{stem}.replaced-{now}-{n:02}.ron"))))
    }

    pub fn load_notebook(
        &self,
        path: &Path,
        repair: bool,
    ) -> Result<Loaded<Notebook>, LoadFailure> {
        self.load(path, repair, validate::read_notebook)
    }

    pub fn load_cell(&self, path: &Path, repair: bool) -> Result<Loaded<CellPart>, LoadFailure> {
        self.load(path, repair, validate::read_cell)
    }

    /// The cell's meetings; `None` when there is no file yet.
    pub fn load_meetings(
        &self,
        repair: bool,
    ) -> Result<Option<Loaded<BTreeMap<Year, Meeting>>>, LoadFailure> {
        let path = self.meetings_path();
        if !path.exists() {
            return Ok(None);
        }
        self.load(&path, repair, validate::read_meetings).map(Some)
    }

    /// What one side received; `None` when there is no file yet.
    pub fn load_received(
        &self,
        side: Role,
        repair: bool,
    ) -> Result<Option<Loaded<BTreeMap<MemberId, Received>>>, LoadFailure> {
        let path = self.received_path(side);
        if !path.exists() {
            return Ok(None);
        }
        self.load(&path, repair, validate::read_received).map(Some)
    }

    pub fn load_settings(&self, repair: bool) -> Result<Option<Loaded<Settings>>, LoadFailure> {
        let path = self.settings_path();
        if !path.exists() {
            return Ok(None);
        }
        self.load(&path, repair, validate::read_settings).map(Some)
    }

    /// Reads, decodes and checks a file. A damaged file is moved aside (when
    /// `repair`) and the newest backup that passes takes its place.
    fn load<T>(
        &self,
        path: &Path,
        repair: bool,
        read: fn(&[u8]) -> Result<Checked<T>, DecodeError>,
    ) -> Result<Loaded<T>, LoadFailure> {
        // One buffer a thread, used again file after file: a fresh one
        // for each costs the allocator more than reading does.
        thread_local!(static BUFFER: std::cell::RefCell<Vec<u8>> = const {
            std::cell::RefCell::new(Vec::new())
        });
        let first = BUFFER.with_borrow_mut(|bytes| match read_limited_into(path, bytes) {
            Ok(()) => match self.plain(bytes).map(|plain| read(&plain)) {
                Err(Unseal::NoKey) => Ok(Err(LoadFailure::Encrypted)),
                Err(Unseal::Damaged(detail)) => Err(Damage::Sealed { detail }),
                Ok(Ok(Checked { value, repairs })) => {
                    self.stamps.record(path, bytes);
                    Ok(Ok(Loaded {
                        value,
                        repairs,
                        recovered: None,
                    }))
                }
                Ok(Err(DecodeError::TooNew(v))) => Ok(Err(LoadFailure::TooNew(v))),
                Ok(Err(DecodeError::Damaged(why))) => Err(why),
            },
            Err(ReadError::TooBig(megabytes)) => Err(Damage::TooBig { megabytes }),
            Err(ReadError::NotAFile) => Ok(Err(LoadFailure::NotAFile)),
            Err(ReadError::Io(e)) => Ok(Err(LoadFailure::Io(e.into()))),
        });
        let error = match first {
            Ok(done) => return done,
            Err(why) => why,
        };
        let moved_to = if repair {
            let aside = aside_name(path, Timestamp::now());
            fs::rename(path, &aside).map_err(|e| LoadFailure::Io(e.into()))?;
            Some(aside)
        } else {
            None
        };
        let good = backup::list(&self.backup_dir_of(path))
            .unwrap_or_default()
            .into_iter()
            .find_map(|b| {
                let bytes = read_limited(&b).ok()?;
                let checked = read(&self.plain(&bytes).ok()?).ok()?;
                Some((b, bytes, checked))
            });
        let Some((backup, bytes, checked)) = good else {
            return Err(LoadFailure::Lost { error, moved_to });
        };
        if repair {
            write_atomic(path, &bytes).map_err(|e| LoadFailure::Io(e.into()))?;
            self.stamps.record(path, &bytes);
        }
        Ok(Loaded {
            value: checked.value,
            repairs: checked.repairs,
            recovered: Some(Recovery {
                error,
                moved_to,
                backup,
            }),
        })
    }
}

/// How much of a notebook file is read for its member's name: a profile
/// as this program writes it fits in the first, a long one in the second.
const HEADER_BYTES: u64 = 16 * 1024;
const HEADER_FIRST_BYTES: u64 = 4 * 1024;

/// The member's id and profile from the start of a notebook file (see
/// `format::decode_header`), decrypted with `key` when it is encrypted;
/// `None` when they cannot be had that way.
pub fn read_header(path: &Path, key: Option<&Key>) -> Option<(MemberId, crate::model::Profile)> {
    use std::io::Read as _;
    // Looked at before it is opened: opening a pipe would wait for a writer.
    if !fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut file = fs::File::open(path).ok()?;
    let mut bytes = Vec::with_capacity(HEADER_FIRST_BYTES as usize);
    (&mut file)
        .take(HEADER_FIRST_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    if bytes.starts_with(super::crypt::MAGIC) {
        let sealed = io::Cursor::new(bytes).chain(file);
        return format::decode_header(&key?.open_start(sealed, HEADER_BYTES)?);
    }
    if let Some(found) = format::decode_header(&bytes) {
        return Some(found);
    }
    let more = HEADER_BYTES - HEADER_FIRST_BYTES;
    let before = bytes.len();
    file.take(more).read_to_end(&mut bytes).ok()?;
    (bytes.len() > before).then(|| format::decode_header(&bytes))?
}

/// The member's id, profile and years from a notebook file as this
/// program writes it, without decoding the years: each begins a line
/// `\t\t\t<year>: (` right after the map opens or the year before closes.
/// `None` when the file does not read so; it must then be read whole.
pub fn read_listing(
    path: &Path,
    crypt: &Crypt,
) -> Option<(MemberId, crate::model::Profile, Vec<Year>)> {
    let raw = read_limited(path).ok()?;
    let bytes = crypt.plain(&raw).ok()?;
    let text = simdutf8::basic::from_utf8(&bytes).ok()?;
    let (id, profile) = format::decode_header(text.as_bytes())?;
    let start = text.find("\n\t\tyears: {")?;
    let mut years = Vec::new();
    for (at, _) in text[start..].match_indices("\n\t\t\t") {
        let at = start + at;
        let line = &text.as_bytes()[at + 4..];
        let key = line.get(..4).filter(|k| k.iter().all(u8::is_ascii_digit));
        let opens = text[..at].ends_with("years: {") || text[..at].ends_with("\t\t\t),");
        if let Some(key) = key.filter(|_| opens && line[4..].starts_with(b": (")) {
            years.push(std::str::from_utf8(key).ok()?.parse().ok()?);
        }
    }
    Some((id, profile, years))
}

/// The member whose file a sync tool's conflict copy is: a name that
/// begins with a member's id and goes on, as Syncthing
/// (`<id>.sync-conflict-20261128-101010-ABCDEF7.ron`), Nextcloud and
/// Dropbox (`<id> (conflicted copy 2026-11-28 101010).ron`) and OneDrive
/// (`<id>-PC-CUA-AN.ron`) name them.
pub fn conflict_copy_of(path: &Path) -> Option<MemberId> {
    let stem = path.file_stem()?.to_str()?;
    let id = stem.get(..36)?;
    let rest = &stem[36..];
    if rest.is_empty() {
        return None;
    }
    MemberId::parse_str(id).ok()
}

/// The `.ron` files of a folder, in name order.
pub(super) fn ron_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(naming(dir))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    Ok(files)
}

/// Why the bytes of a file could not be had.
pub(super) enum ReadError {
    /// Not a regular file (a folder, a pipe, a device).
    NotAFile,
    /// Bigger than `MAX_FILE_BYTES`; the size in MB.
    TooBig(u64),
    Io(io::Error),
}

/// Reads a regular file of reasonable size. Anything else is refused
/// before it is opened: opening a named pipe would wait for a writer.
pub(super) fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    read_limited_into(path, &mut bytes)?;
    Ok(bytes)
}

/// `read_limited` into a buffer kept for the next file; when the file is
/// much smaller than the buffer, the buffer shrinks to it.
fn read_limited_into(path: &Path, bytes: &mut Vec<u8>) -> Result<(), ReadError> {
    use std::io::Read as _;
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooBig(meta.len() / (1024 * 1024)));
    }
    bytes.clear();
    if bytes.capacity() > 4 * meta.len() as usize + 64 * 1024 {
        bytes.shrink_to(meta.len() as usize);
    }
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    // A file that grew since: read no more than the limit allows.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooBig(bytes.len() as u64 / (1024 * 1024)));
    }
    Ok(())
}

/// Adds the path to an I/O error, whose own text names none ("Permission
/// denied").
pub(super) fn naming(path: &Path) -> impl FnOnce(io::Error) -> io::Error + '_ {
    move |e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// `x.ron` → `x.ron.corrupt-20261127-185500`: kept beside, never read as data.
fn aside_name(path: &Path, now: Timestamp) -> PathBuf {
    let stamp = now.strftime("%Y%m%d-%H%M%S").to_string();
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!("{ASIDE_MARK}{stamp}"));
    let mut aside = path.with_file_name(&name);
    let mut n = 1;
    while aside.exists() {
        aside = path.with_file_name(format!("{}-{n}", name.to_string_lossy()));
        n += 1;
    }
    aside
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A notebook file whose workplace is `workplace`.
    fn written(dir: &Path, workplace: String) -> (PathBuf, MemberId) {
        let mut nb = crate::demo::generate(crate::demo::DemoSpec {
            members: 1,
            years: 1,
            first_year: 2020,
            seed: 3,
        })
        .notebooks
        .remove(0);
        nb.profile.workplace = workplace;
        let path = dir.join(format!("{}.ron", nb.id));
        fs::write(&path, format::notebook_to_ron(&nb)).unwrap();
        (path, nb.id)
    }

    #[test]
    fn a_name_is_read_from_the_first_bytes_and_a_long_profile_from_more() {
        let dir = tempfile::tempdir().unwrap();
        let (short, id) = written(dir.path(), "Ấp Thạnh Trung".into());
        assert_eq!(read_header(&short, None).map(|(at, _)| at), Some(id));
        // Past the first 4 KB, within 16 KB: read in a second step.
        let long = "Trường THCS Lê Lợi, ".repeat(400);
        let (path, id) = written(dir.path(), long.clone());
        let (at, profile) = read_header(&path, None).unwrap();
        assert_eq!((at, profile.workplace), (id, long));
        // Past 16 KB: not named this way (the whole file is read later).
        let (path, _) = written(dir.path(), "Ấp ".repeat(5000));
        assert_eq!(read_header(&path, None), None);
        assert_eq!(read_header(dir.path(), None), None);
    }

    /// A pipe is never opened: opening one would wait for a writer.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_in_place_of_a_notebook_is_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join(format!("{}.ron", uuid::Uuid::new_v4()));
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .unwrap();
        assert_eq!(read_header(&fifo, None), None);
    }
}
