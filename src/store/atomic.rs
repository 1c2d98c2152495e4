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
/// Returns the version the rename replaced, under the temporary file's
/// name, where the system can hand it over (see `put_in_place`); it is
/// removed when dropped, as a plain rename would have removed it.
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

/// Swaps the new file with the target (`renameat2` with RENAME_EXCHANGE):
/// one atomic step, after which the temporary name holds exactly the
/// version replaced, whoever wrote it and whenever, so that a version a
/// sync tool renamed in after the caller's check is not lost unseen.
/// With no target, the file is renamed there only if none appeared
/// meanwhile (RENAME_NOREPLACE). A file system that can do neither (some
/// network ones) gets the plain rename of other systems.
#[cfg(target_os = "linux")]
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

/// Whether `renameat2` failed for want of support for its flags (the
/// file system's or the kernel's), not for the files.
#[cfg(target_os = "linux")]
fn unsupported(e: rustix::io::Errno) -> bool {
    use rustix::io::Errno;
    [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&e)
}

/// Renames `from` to `to` only if nothing is there (else an error of kind
/// `AlreadyExists`). Where the system cannot refuse in the same step, the
/// name is checked just before.
pub(super) fn rename_new(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
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

/// Elsewhere a plain rename: a version renamed in by a sync tool after
/// the caller's check is replaced unseen (it is among the backups only
/// if it landed before they were taken). Windows could close that hole
/// with `ReplaceFileW` given a backup file name, which keeps the
/// replaced file under that name; macOS with `renamex_np` and
/// `RENAME_SWAP`. Neither is used yet.
#[cfg(not(target_os = "linux"))]
fn put_in_place(tmp: TempPath, target: &Path) -> io::Result<Option<TempPath>> {
    tmp.persist(target).map_err(|e| e.error)?;
    Ok(None)
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

    /// On Linux the final step hands over exactly the version it
    /// replaced; with no target there is nothing to hand over.
    #[cfg(target_os = "linux")]
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
