//! Durable, atomic file writes: a reader (or a crash) sees the old file or
//! the new one, never a mix and never a half.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::TempPath;

use super::faults::{Faults, Step};

/// Prefix of the temporary files a write makes beside its target; files
/// named so are never data and are cleaned up on open.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Writes `bytes` to `path` through a temporary file in the same folder:
/// write, `sync_all`, rename over the target, then sync the folder so the
/// rename itself survives a power cut.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, &Faults::default())?;
    sync_dir_with(parent(path), &Faults::default())
}

/// The first part of `write_atomic`, up to and including the rename; the
/// caller syncs the folder. On an error before the rename the target is
/// untouched and the temporary file is gone (it is removed on drop).
/// Returns the version the rename replaced, under a temporary name,
/// where the system can hand it over (see `put_in_place`: Linux, macOS
/// and iOS, Windows); it is removed when dropped, as a plain rename
/// would have removed it.
pub(super) fn replace(path: &Path, bytes: &[u8], faults: &Faults) -> io::Result<Option<TempPath>> {
    let dir = parent(path);
    faults.check(Step::Create)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".part")
        .tempfile_in(dir)?;
    if let Err(e) = faults.check(Step::Write) {
        // As a full disk does: part of the bytes, then the error.
        tmp.write_all(&bytes[..bytes.len() / 2])?;
        return Err(e);
    }
    tmp.write_all(bytes)?;
    faults.check(Step::Sync)?;
    tmp.as_file().sync_all()?;
    faults.check(Step::Rename)?;
    faults.at_final_step(path);
    put_in_place(tmp.into_temp_path(), path)
}

/// The final step on Linux and Apple systems: swaps the new file with the
/// target, in one atomic step (`renameat2` with RENAME_EXCHANGE on Linux,
/// `renameatx_np` with RENAME_SWAP on macOS and iOS, both through
/// rustix's `renameat_with`). After it the temporary name holds exactly
/// the version replaced, whoever wrote it and whenever, so that a version
/// a sync tool renamed in after the caller's check is not lost unseen.
/// With no target, the file is renamed there only if none appeared
/// meanwhile (RENAME_NOREPLACE, RENAME_EXCL). A file system that can do
/// neither (some network ones; on Apple systems a volume without
/// VOL_CAP_INT_RENAME_SWAP) gets a plain rename, which can lose that
/// version. Run and tested on Linux; on Apple systems only compiled
/// (`cargo check --target x86_64-apple-darwin`), never run.
#[cfg(any(target_os = "linux", target_vendor = "apple"))]
fn put_in_place(tmp: TempPath, target: &Path) -> io::Result<Option<TempPath>> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    // A target that comes and goes between the two calls three times
    // running is left to the plain rename.
    for _ in 0..3 {
        match renameat_with(CWD, &*tmp, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(Some(tmp)),
            Err(e) if unsupported(e) => break,
            Err(e) if e != Errno::NOENT => return Err(e.into()),
            Err(_) => {}
        }
        match renameat_with(CWD, &*tmp, CWD, target, RenameFlags::NOREPLACE) {
            Ok(()) => {
                // Nothing is left under the temporary name to remove.
                tmp.keep().map_err(|e| e.error)?;
                return Ok(None);
            }
            Err(e) if unsupported(e) => break,
            Err(e) if e != Errno::EXIST => return Err(e.into()),
            Err(_) => {}
        }
    }
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(None)
}

/// Whether the rename failed for want of support for its flags (the file
/// system's or the kernel's), not for the files. ENOTSUP and EOPNOTSUPP
/// are one number on Linux, two on Apple systems (which answer ENOTSUP
/// for a flag the volume lacks).
#[cfg(any(target_os = "linux", target_vendor = "apple"))]
fn unsupported(e: rustix::io::Errno) -> bool {
    use rustix::io::Errno;
    [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP, Errno::OPNOTSUPP].contains(&e)
}

/// The final step on Windows: `ReplaceFileW` given a backup name (a
/// fresh temporary one), which keeps the version replaced under that
/// name; it is handed back as a swap's is. Unlike a swap it is two
/// renames inside, so it can stop halfway; `settle` meets each way it
/// can fail so that no version is lost. Besides, it keeps what a sync
/// tool may store with the file (its alternate data streams, access
/// list, creation time). With no target (ERROR_FILE_NOT_FOUND) the file
/// is moved there only if none appeared meanwhile. A file system without
/// it (a WSL path, some network shares) gets the same two renames done
/// here, each refusing to replace anything. Run under Wine 8 (whose
/// ReplaceFileW is those two renames too), never on a real Windows.
#[cfg(windows)]
fn put_in_place(tmp: TempPath, target: &Path) -> io::Result<Option<TempPath>> {
    use windows_sys::Win32::Foundation::ERROR_FILE_NOT_FOUND;
    let tmp = not_marked_temporary(tmp)?;
    // As on Linux, a target that comes and goes three times running is
    // left to the plain rename.
    for _ in 0..3 {
        let old = fresh_name(parent(target))?;
        let e = match win::replace_file(target, &tmp, &old) {
            Ok(()) => return Ok(Some(moved_away(tmp, old))),
            Err(e) => e,
        };
        if present(&old) {
            return settle(tmp, old, target, e);
        }
        if win::unsupported(&e) {
            match rename_new(target, &old) {
                Ok(()) => return settle(tmp, old, target, e),
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                Err(_) => {}
            }
        } else if e.raw_os_error() != Some(ERROR_FILE_NOT_FOUND as i32) {
            // Nothing moved (ERROR_UNABLE_TO_REMOVE_REPLACED, a sharing
            // violation…): the save fails and is tried again later.
            return Err(e);
        }
        match rename_new(&tmp, target) {
            Ok(()) => return Ok(moved_away(tmp, None)),
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            Err(_) => {}
        }
    }
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(None)
}

/// tempfile marks its files "temporary" on Windows (kept in memory
/// rather than written out); `keep` clears the mark, and the path is
/// watched again so that it is still removed on an error.
#[cfg(windows)]
fn not_marked_temporary(tmp: TempPath) -> io::Result<TempPath> {
    let path = tmp.keep().map_err(|e| e.error)?;
    TempPath::try_from_path(&path).inspect_err(|_| {
        let _ = fs::remove_file(&path);
    })
}

/// Ends the watch on a temporary name whose file was moved away (its
/// name is free: nothing is to be removed), returning `then`.
#[cfg(any(windows, test))]
fn moved_away<T>(mut tmp: TempPath, then: T) -> T {
    tmp.disable_cleanup(true);
    then
}

/// A temporary name in `dir` that no file has, for the version a
/// replacement moves off its target; removed on drop if a file is there.
#[cfg(any(windows, test))]
fn fresh_name(dir: &Path) -> io::Result<TempPath> {
    let named = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".part")
        .make_in(dir, |path| {
            if present(path) {
                Err(io::ErrorKind::AlreadyExists.into())
            } else {
                Ok(())
            }
        })?;
    Ok(named.into_temp_path())
}

/// Whether something may be at `path`: a name that cannot be looked at
/// counts as taken, so that nothing it may hold is dropped.
#[cfg(any(windows, test))]
fn present(path: &Path) -> bool {
    !matches!(fs::symlink_metadata(path), Err(e) if e.kind() == io::ErrorKind::NotFound)
}

/// Ends a replacement that failed with `e` (ReplaceFileW's, or the first
/// of the two renames done by hand), keeping every version. Where `old`
/// holds nothing, nothing moved (ERROR_UNABLE_TO_REMOVE_REPLACED,
/// ERROR_UNABLE_TO_MOVE_REPLACEMENT with a backup name, any other): the
/// target is as it was, the new file is removed, and the save is tried
/// again later. Where `old` holds the version moved off the target and
/// the new file is gone from its temporary name, it is in place after
/// all. Else (ERROR_UNABLE_TO_MOVE_REPLACEMENT_2) the new file is moved
/// in if the target's name is still free; if not, the old version is
/// put back if it can be, or else left as a temporary file, as a crash
/// right after a swap leaves it (the next open keeps a member's file
/// among its backups).
#[cfg(any(windows, test))]
fn settle(
    tmp: TempPath,
    old: TempPath,
    target: &Path,
    e: io::Error,
) -> io::Result<Option<TempPath>> {
    if !present(&old) {
        return Err(e);
    }
    if !present(&tmp) {
        return Ok(Some(moved_away(tmp, old)));
    }
    match rename_new(&tmp, target) {
        Ok(()) => Ok(Some(moved_away(tmp, old))),
        Err(e) => {
            let _ = rename_new(&old, target);
            moved_away(old, Err(e))
        }
    }
}

/// Renames `from` to `to` only if nothing is there (else an error of kind
/// `AlreadyExists`): `MoveFileExW` without MOVEFILE_REPLACE_EXISTING,
/// which refuses in the same step (std's `fs::rename` replaces).
#[cfg(windows)]
pub(super) fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    win::move_new(from, to)
}

/// Renames `from` to `to` only if nothing is there (else an error of kind
/// `AlreadyExists`). Where the system cannot refuse in the same step
/// (RENAME_NOREPLACE, RENAME_EXCL), the name is checked just before.
#[cfg(not(windows))]
pub(super) fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Err(e) if unsupported(e) => {}
            done => return done.map_err(io::Error::from),
        }
    }
    if fs::symlink_metadata(to).is_ok() {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    fs::rename(from, to)
}

/// Other systems (the BSDs…): a plain rename. A version renamed in by a
/// sync tool after the caller's check is replaced unseen (it is among
/// the backups only if it landed before they were taken).
#[cfg(not(any(target_os = "linux", target_vendor = "apple", windows)))]
fn put_in_place(tmp: TempPath, target: &Path) -> io::Result<Option<TempPath>> {
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(None)
}

/// The two Windows calls the final step needs that std does not offer.
/// Names are passed as they are (no `\\?\` prefix), as tempfile and std
/// pass them for a path this short.
#[cfg(windows)]
mod win {
    use std::io;
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;
    use std::ptr;

    use windows_sys::Win32::Foundation::{
        ERROR_INVALID_FUNCTION, ERROR_INVALID_PARAMETER, ERROR_NOT_SUPPORTED,
    };
    use windows_sys::Win32::Storage::FileSystem::{
        MOVEFILE_WRITE_THROUGH, MoveFileExW, REPLACEFILE_IGNORE_MERGE_ERRORS, ReplaceFileW,
    };
    use windows_sys::core::BOOL;

    /// `path` as a NUL-terminated UTF-16 string.
    fn wide(path: &Path) -> io::Result<Vec<u16>> {
        let mut wide: Vec<u16> = path.as_os_str().encode_wide().collect();
        if wide.contains(&0) {
            return Err(io::ErrorKind::InvalidInput.into());
        }
        wide.push(0);
        Ok(wide)
    }

    fn done(ok: BOOL) -> io::Result<()> {
        if ok != 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    /// Puts `new` in `target`'s place, keeping the file replaced as `old`
    /// (a name no file has). The replaced file's access list and streams
    /// are carried over where they can be; failing to is no reason to
    /// fail the save (REPLACEFILE_IGNORE_MERGE_ERRORS).
    pub(super) fn replace_file(target: &Path, new: &Path, old: &Path) -> io::Result<()> {
        let (target, new, old) = (wide(target)?, wide(new)?, wide(old)?);
        // SAFETY: the three names are NUL-terminated UTF-16 buffers that
        // live until the call returns and are only read by it; the two
        // reserved pointers are null, as the function requires.
        done(unsafe {
            ReplaceFileW(
                target.as_ptr(),
                new.as_ptr(),
                old.as_ptr(),
                REPLACEFILE_IGNORE_MERGE_ERRORS,
                ptr::null(),
                ptr::null(),
            )
        })
    }

    /// Moves `from` to `to` only if nothing is there: ERROR_ALREADY_EXISTS
    /// (kind `AlreadyExists`) else. MOVEFILE_WRITE_THROUGH: the call
    /// returns once the move is on the disk.
    pub(super) fn move_new(from: &Path, to: &Path) -> io::Result<()> {
        let (from, to) = (wide(from)?, wide(to)?);
        // SAFETY: both names are NUL-terminated UTF-16 buffers that live
        // until the call returns and are only read by it.
        done(unsafe { MoveFileExW(from.as_ptr(), to.as_ptr(), MOVEFILE_WRITE_THROUGH) })
    }

    /// Whether ReplaceFileW failed for want of support by the file system
    /// (a WSL path answers ERROR_NOT_SUPPORTED), not for the files.
    pub(super) fn unsupported(e: &io::Error) -> bool {
        [
            ERROR_INVALID_FUNCTION,
            ERROR_NOT_SUPPORTED,
            ERROR_INVALID_PARAMETER,
        ]
        .iter()
        .any(|&code| e.raw_os_error() == Some(code as i32))
    }
}

/// `sync_dir`, failing where a test asks it to.
pub(super) fn sync_dir_with(dir: &Path, faults: &Faults) -> io::Result<()> {
    faults.check(Step::SyncDir)?;
    sync_dir(dir)
}

/// The folder a path is in ("." for a bare file name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes the folder's entries (new names, renames) durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Windows cannot open a folder as a plain file; NTFS journals renames
/// itself, so there is nothing more to do there.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Creates `dir` and any missing parents; on Unix each folder made is
/// the user's alone (0700), as every file the program writes is 0600
/// (tempfile's default). A folder already there is left as it is.
/// Windows has no mode bits: a new folder takes the access list of its
/// parent (the user's profile), so nothing more is needed there.
pub fn create_private_dirs(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Narrows a file the program copied (a copy keeps its source's mode,
/// which a file of an older version may have had wider) to the user
/// alone (0600) on Unix. Windows: the folder's access list applies.
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The temporary files left in `dir` by writes that were cut short.
pub fn stray_temps(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            found.push(entry.path());
        }
    }
    Ok(found)
}

/// Removes temporary files left in `dir` by a write that was cut short.
/// Only call this while holding the workspace lock.
pub fn remove_stray_temps(dir: &Path) -> io::Result<usize> {
    let found = stray_temps(dir)?;
    for path in &found {
        fs::remove_file(path)?;
    }
    Ok(found.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Where the final step can keep what it replaces (Linux, macOS and
    /// iOS, Windows) it hands over exactly that version; with no target
    /// there is nothing to hand over.
    #[cfg(any(target_os = "linux", target_vendor = "apple", windows))]
    #[test]
    fn replace_hands_over_the_version_it_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        let faults = Faults::default();
        assert!(replace(&path, b"one", &faults).unwrap().is_none());
        let old = replace(&path, b"two", &faults).unwrap().unwrap();
        assert_eq!(fs::read(&old).unwrap(), b"one");
        assert_eq!(fs::read(&path).unwrap(), b"two");
        drop(old);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A version renamed in at the last moment (after the caller's check,
    /// before the final step) is the one handed over, over a file or
    /// where there was none.
    #[cfg(any(target_os = "linux", target_vendor = "apple", windows))]
    #[test]
    fn replace_hands_over_a_version_landing_at_the_final_step() {
        let dir = tempfile::tempdir().unwrap();
        for before in [Some(&b"one"[..]), None] {
            let path = dir.path().join("a.ron");
            if let Some(bytes) = before {
                write_atomic(&path, bytes).unwrap();
            }
            let faults = Faults::default();
            faults.on_final_step(|target| write_atomic(target, b"theirs").unwrap());
            let old = replace(&path, b"ours", &faults).unwrap().unwrap();
            assert_eq!(fs::read(&old).unwrap(), b"theirs");
            assert_eq!(fs::read(&path).unwrap(), b"ours");
            drop(old);
            fs::remove_file(&path).unwrap();
            assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        }
    }

    /// The files `settle` is given: the target (if any), the new file
    /// under its temporary name (if any) and the version moved off the
    /// target under a fresh name (if any).
    fn halfway(
        dir: &Path,
        target: Option<&[u8]>,
        new: Option<&[u8]>,
        old: Option<&[u8]>,
    ) -> (PathBuf, TempPath, TempPath) {
        let path = dir.join("a.ron");
        let tmp = fresh_name(dir).unwrap();
        let moved = fresh_name(dir).unwrap();
        for (at, bytes) in [(&*path, target), (&*tmp, new), (&*moved, old)] {
            if let Some(bytes) = bytes {
                fs::write(at, bytes).unwrap();
            }
        }
        (path, tmp, moved)
    }

    fn names_in(dir: &Path) -> usize {
        fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn fresh_names_are_free_distinct_and_in_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (
            fresh_name(dir.path()).unwrap(),
            fresh_name(dir.path()).unwrap(),
        );
        assert_ne!(*a, *b);
        for name in [&a, &b] {
            assert!(!present(name));
            assert_eq!(name.parent(), Some(dir.path()));
            let file = name.file_name().unwrap().to_string_lossy().into_owned();
            assert!(file.starts_with(TEMP_PREFIX), "{file}");
        }
        assert!(present(dir.path()));
    }

    /// Nothing moved (ReplaceFileW's ERROR_UNABLE_TO_REMOVE_REPLACED and
    /// the like): the error is returned, the target is as it was and the
    /// new file is removed.
    #[test]
    fn settle_with_nothing_moved_fails_and_leaves_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let (path, tmp, old) = halfway(dir.path(), Some(b"one"), Some(b"two"), None);
        let e = settle(tmp, old, &path, io::ErrorKind::PermissionDenied.into()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(names_in(dir.path()), 1);
    }

    /// The error came after the new file went in: the version moved off
    /// is handed over as on success.
    #[test]
    fn settle_after_the_new_file_went_in_hands_over_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let (path, tmp, old) = halfway(dir.path(), Some(b"two"), None, Some(b"one"));
        let old = settle(tmp, old, &path, io::ErrorKind::Other.into()).unwrap();
        assert_eq!(fs::read(old.unwrap()).unwrap(), b"one");
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names_in(dir.path()), 1);
    }

    /// ERROR_UNABLE_TO_MOVE_REPLACEMENT_2: the old version moved off, the
    /// new one still under its temporary name, the target's name free.
    /// The new file is moved in and the old one handed over.
    #[test]
    fn settle_halfway_moves_the_new_file_in() {
        let dir = tempfile::tempdir().unwrap();
        let (path, tmp, old) = halfway(dir.path(), None, Some(b"two"), Some(b"one"));
        let old = settle(tmp, old, &path, io::ErrorKind::Other.into()).unwrap();
        assert_eq!(fs::read(old.unwrap()).unwrap(), b"one");
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(names_in(dir.path()), 1);
    }

    /// As above, but a version landed in the free name meanwhile: it is
    /// not replaced, the save fails (to be tried again from memory), and
    /// the old version is left as a temporary file, not removed.
    #[test]
    fn settle_halfway_with_a_version_landed_keeps_both() {
        let dir = tempfile::tempdir().unwrap();
        let (path, tmp, old) = halfway(dir.path(), Some(b"theirs"), Some(b"two"), Some(b"one"));
        let left = old.to_path_buf();
        let e = settle(tmp, old, &path, io::ErrorKind::Other.into()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"theirs");
        assert_eq!(fs::read(&left).unwrap(), b"one");
        assert_eq!(stray_temps(dir.path()).unwrap(), [left]);
        assert_eq!(names_in(dir.path()), 2);
    }

    #[test]
    fn rename_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a, b"a").unwrap();
        fs::write(&b, b"b").unwrap();
        let refused = rename_new(&a, &b).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&b).unwrap(), b"b");
        fs::remove_file(&b).unwrap();
        rename_new(&a, &b).unwrap();
        assert_eq!(fs::read(&b).unwrap(), b"a");
    }

    #[test]
    fn stray_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".tmp-abc.part"), b"half").unwrap();
        fs::write(dir.path().join("keep.ron"), b"x").unwrap();
        assert_eq!(remove_stray_temps(dir.path()).unwrap(), 1);
        assert!(dir.path().join("keep.ron").exists());
    }
}
