//! Saving when the disk says no: each step of a save made to fail through
//! the store's fault seam (a full disk, a refused permission, a failing
//! fsync or rename), a folder made read-only, and, as root, a real full
//! and a real read-only file system. Each time the user is told in plain
//! Vietnamese, keeps typing, loses nothing already on disk, and the
//! saver writes everything by itself once the fault clears.

use crate::common;

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{create_member, open};
use sophandau::store::{self, Fault, Session, Step, TEMP_PREFIX};
use sophandau::workspace::Action;
use uuid::Uuid;

/// The retry interval while a test waits for saving to resume.
const QUICK_RETRY: Duration = Duration::from_millis(20);

fn set_workplace(session: &mut Session, id: Uuid, text: &str) {
    let mut profile = session.workspace.notebook(id).unwrap().profile.clone();
    profile.workplace = text.to_owned();
    session
        .apply(Action::SetProfile {
            member: id,
            profile,
        })
        .expect("an edit is accepted while the disk fails");
}

/// Every file under `dir`, folders walked.
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            out.extend(all_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Waits (bounded, as a guard against a hang, not a timing check) until
/// the saver has nothing pending and no error.
fn wait_until_saved(session: &Session) {
    let give_up = Instant::now() + Duration::from_secs(60);
    loop {
        let status = session.store.status();
        if status.pending == 0 && status.error.is_none() {
            return;
        }
        assert!(Instant::now() < give_up, "saving never resumed: {status:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A workspace with one member whose notebook is saved, and its bytes.
fn saved_member(dir: &Path) -> (Session, Uuid, Vec<u8>) {
    let mut session = open(dir);
    let id = create_member(&mut session, "Trần Thị Mai");
    set_workplace(&mut session, id, "UBND xã Long Thuận");
    session.store.flush().unwrap();
    session.store.files().faults.set_retry(Some(QUICK_RETRY));
    let good = fs::read(session.store.files().notebook_path(id)).unwrap();
    (session, id, good)
}

/// The whole story of one fault: `fail` makes the disk refuse, `mend`
/// puts it right; `words` is what the user must read. `kept_as_was` says
/// whether the notebook file must still hold its last good bytes (not
/// when the fault comes after the new file is in place).
fn survives(
    dir: &Path,
    fail: impl FnOnce(&Session),
    mend: impl FnOnce(&Session),
    words: &str,
    kept_as_was: bool,
) {
    let (mut session, id, good) = saved_member(dir);
    let path = session.store.files().notebook_path(id);
    fail(&session);

    set_workplace(&mut session, id, "gõ khi ổ đĩa hỏng");
    let error = session.store.flush().expect_err("the write fails");
    assert!(error.starts_with(words), "{error}");
    let status = session.store.status();
    let said = status.error.as_ref().expect("the status line tells");
    assert_eq!(said.to_string(), error);
    // The English window says it in English, with the system's words.
    let english = said.message(sophandau::model::Language::English);
    assert!(
        english.ends_with(&format!("({})", said.detail)),
        "{english}"
    );
    assert!(!english.starts_with(words), "{english}");
    assert!(status.pending > 0, "the failed file waits: {status:?}");

    // The user keeps typing; every edit is accepted and kept in memory.
    for n in 0..20 {
        set_workplace(&mut session, id, &format!("gõ tiếp lần {n}"));
    }
    let member = Uuid::new_v4();
    session
        .apply(Action::CreateNotebook {
            id: member,
            profile: sophandau::model::Profile {
                full_name: "Lê Văn Tâm".to_owned(),
                ..Default::default()
            },
        })
        .unwrap();
    assert!(session.store.flush().is_err(), "still failing");
    let notebook = session.workspace.notebook(id).unwrap();
    assert_eq!(notebook.profile.workplace, "gõ tiếp lần 19");

    // Nothing on disk is damaged or lost, and no temporary file is left.
    let now = fs::read(&path).unwrap();
    if kept_as_was {
        assert_eq!(now, good, "the last good file is untouched");
    }
    store::read_notebook(&now).expect("the file on disk still reads");
    for file in all_files(dir) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with(TEMP_PREFIX), "left behind: {file:?}");
    }

    // Saving resumes by itself once the fault clears.
    mend(&session);
    wait_until_saved(&session);
    drop(session);
    let again = open(dir);
    assert_eq!(again.problems, [], "nothing to recover");
    let notebook = again.workspace.notebook(id).unwrap();
    assert_eq!(notebook.profile.workplace, "gõ tiếp lần 19");
    assert_eq!(
        again.workspace.notebook(member).unwrap().profile.full_name,
        "Lê Văn Tâm"
    );
}

/// `survives` with a fault set through the seam.
fn injected(step: Step, kind: ErrorKind, words: &str) {
    let dir = tempfile::tempdir().unwrap();
    let fault = Fault { step, kind };
    survives(
        dir.path(),
        |s| s.store.files().faults.set(Some(fault)),
        |s| s.store.files().faults.set(None),
        words,
        step != Step::SyncDir,
    );
}

#[test]
fn a_full_disk_while_creating_the_file() {
    injected(Step::Create, ErrorKind::StorageFull, "ổ đĩa đã đầy");
}

#[test]
fn a_full_disk_halfway_through_writing() {
    injected(Step::Write, ErrorKind::StorageFull, "ổ đĩa đã đầy");
}

#[test]
fn a_refused_permission_while_creating_the_file() {
    injected(
        Step::Create,
        ErrorKind::PermissionDenied,
        "không có quyền ghi hoặc đọc",
    );
}

#[test]
fn a_failing_backup() {
    injected(Step::Backup, ErrorKind::StorageFull, "ổ đĩa đã đầy");
}

#[test]
fn a_failing_fsync() {
    injected(Step::Sync, ErrorKind::Other, "hệ điều hành báo lỗi");
}

#[test]
fn a_failing_rename() {
    injected(
        Step::Rename,
        ErrorKind::ResourceBusy,
        "hệ điều hành báo lỗi",
    );
}

/// The new file is in place but the folder's fsync fails: the retry must
/// not take the program's own file for one changed by someone else.
#[test]
fn a_failing_folder_sync_after_the_rename() {
    injected(Step::SyncDir, ErrorKind::Other, "hệ điều hành báo lỗi");
}

/// A notebooks folder whose permissions forbid writing. Root writes
/// anyway, so there the test says so and checks nothing (the real
/// read-only file system below covers root).
#[cfg(unix)]
#[test]
fn a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let notebooks = store::Files::new(dir.path()).notebooks_dir();
    let mode = |m: u32| {
        let notebooks = notebooks.clone();
        move |_: &Session| fs::set_permissions(&notebooks, fs::Permissions::from_mode(m)).unwrap()
    };
    let probe = tempfile::tempdir().unwrap();
    fs::set_permissions(probe.path(), fs::Permissions::from_mode(0o500)).unwrap();
    if fs::write(probe.path().join("x"), "x").is_ok() {
        eprintln!("a_read_only_folder: running as root, permissions are not enforced; skipped");
        return;
    }
    survives(
        dir.path(),
        mode(0o500),
        mode(0o700),
        "không có quyền ghi hoặc đọc",
        true,
    );
}

/// A small tmpfs mounted for one test at a given folder; unmounted on
/// drop, so also when an assertion fails (a busy mount is detached).
#[cfg(target_os = "linux")]
struct Tmpfs(PathBuf);

#[cfg(target_os = "linux")]
impl Tmpfs {
    /// Mounts it, or says on one line why the test is skipped (not root,
    /// no `mount` command, mounting refused) and gives `None`.
    fn mount(test: &str, size: &str, at: &Path) -> Option<Tmpfs> {
        fs::create_dir_all(at).unwrap();
        let tried = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output();
        let why = match tried {
            Ok(out) if out.status.success() => return Some(Tmpfs(at.to_path_buf())),
            Ok(out) => String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned(),
            Err(e) => format!("no mount command: {e}"),
        };
        // Straight to the standard error, past the test harness's capture.
        let line = format!("{test}: skipped, a tmpfs cannot be mounted here ({why})\n");
        let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
        None
    }
}

#[cfg(target_os = "linux")]
fn mount(args: &[&str], at: &Path) {
    let ok = std::process::Command::new("mount")
        .args(args)
        .arg(at)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mount {args:?} {at:?} failed");
}

#[cfg(target_os = "linux")]
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let umount = |lazy: bool| {
            std::process::Command::new("umount")
                .args(lazy.then_some("--lazy"))
                .arg(&self.0)
                .status()
                .is_ok_and(|s| s.success())
        };
        if !umount(false) && !umount(true) {
            eprintln!("could not unmount the test's tmpfs at {:?}", self.0);
        }
    }
}

/// A real full file system: a 2 MB tmpfs filled to the last byte by
/// another file, then the filler removed. Skipped where a tmpfs cannot be
/// mounted (it needs root).
#[cfg(target_os = "linux")]
#[test]
fn a_real_full_disk() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let Some(_disk) = Tmpfs::mount("a_real_full_disk", "2m", dir.path()) else {
        return;
    };
    let root = dir.path().join("ws");
    let filler = dir.path().join("filler");
    let fill = |_: &Session| {
        let mut f = fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    };
    let empty = |_: &Session| fs::remove_file(&filler).unwrap();
    survives(&root, fill, empty, "ổ đĩa đã đầy", true);
}

/// A real read-only file system: a tmpfs holding the notebooks folder
/// remounted read-only, then read-write again (the workspace's own
/// folder stays writable: a file system with the lock file open for
/// writing cannot be remounted read-only). Skipped as above.
#[cfg(target_os = "linux")]
#[test]
fn a_real_read_only_disk() {
    let dir = tempfile::tempdir().unwrap();
    let notebooks = store::Files::new(dir.path()).notebooks_dir();
    let Some(_disk) = Tmpfs::mount("a_real_read_only_disk", "8m", &notebooks) else {
        return;
    };
    let (ro, rw) = (notebooks.clone(), notebooks.clone());
    survives(
        dir.path(),
        move |_| mount(&["-o", "remount,ro"], &ro),
        move |_| mount(&["-o", "remount,rw"], &rw),
        "ổ đĩa chỉ cho đọc",
        true,
    );
}
