//! Saving when the disk says no: each step of a save made to fail through
//! the store's fault seam (a full disk, a refused permission, a failing
//! fsync or rename), a folder made read-only (as root, in a child that
//! gives up root first), and, as root, a real full and a real read-only
//! file system. Each time the user is told in plain
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
/// anyway, so as root on Linux the test binary re-runs this test as a
/// child that drops to the unprivileged uid and gid 65534 ("nobody")
/// first, in a folder given to that user (see `as_nobody`); as root on
/// another Unix it says so and checks nothing.
#[cfg(unix)]
#[test]
fn a_read_only_folder() {
    #[cfg(target_os = "linux")]
    if let Ok(root) = std::env::var(as_nobody::ROOT) {
        return as_nobody::child(Path::new(&root));
    }
    let dir = tempfile::tempdir().unwrap();
    let probe = tempfile::tempdir().unwrap();
    if refused_in_read_only(probe.path()) {
        read_only_folder(dir.path());
    } else {
        as_root(dir.path());
    }
}

/// The read-only story where permissions do not bind the caller (root).
#[cfg(target_os = "linux")]
fn as_root(dir: &Path) {
    as_nobody::parent(dir);
}

#[cfg(all(unix, not(target_os = "linux")))]
fn as_root(_: &Path) {
    eprintln!("a_read_only_folder: running as root, permissions are not enforced; skipped");
}

/// Whether writing into `dir` made read-only (0500) is refused, as it is
/// for every user but root. `dir` is left read-only.
#[cfg(unix)]
fn refused_in_read_only(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
    fs::write(dir.join("x"), "x").is_err()
}

/// `survives` with the notebooks folder of `dir` made read-only.
#[cfg(unix)]
fn read_only_folder(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let notebooks = store::Files::new(dir).notebooks_dir();
    let mode = |m: u32| {
        let notebooks = notebooks.clone();
        move |_: &Session| fs::set_permissions(&notebooks, fs::Permissions::from_mode(m)).unwrap()
    };
    survives(
        dir,
        mode(0o500),
        mode(0o700),
        "không có quyền ghi hoặc đọc",
        true,
    );
}

/// `a_read_only_folder` as root: the test binary runs that one test again
/// with `ROOT` set to a folder owned by uid 65534; the child gives up
/// root for that uid (and its groups) before anything else, checks that
/// a read-only folder now refuses it, and runs the story in `ROOT/ws`.
/// The parent then reads the notebook the child's saver wrote once the
/// folder was writable again.
#[cfg(target_os = "linux")]
mod as_nobody {
    use super::*;

    /// The folder the child works in, when set.
    pub const ROOT: &str = "SOPHANDAU_TEST_AS_NOBODY_DIR";
    /// The overflow uid and gid, "nobody" on Linux: no file of ours.
    const NOBODY: u32 = 65534;

    pub fn parent(root: &Path) {
        std::os::unix::fs::chown(root, Some(NOBODY), Some(NOBODY)).unwrap();
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "faults::a_read_only_folder"])
            .args(["--test-threads", "1", "--nocapture"])
            .env(ROOT, root)
            .output()
            .expect("the child starts");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "the child as uid {NOBODY}: {said}");
        // The child ran the story (a wrong test name would run nothing).
        let ws = open(&root.join("ws"));
        let mut names: Vec<_> = ws
            .workspace
            .notebooks()
            .map(|n| (n.profile.full_name.as_str(), n.profile.workplace.as_str()))
            .collect();
        names.sort_unstable();
        assert_eq!(
            names,
            [("Lê Văn Tâm", ""), ("Trần Thị Mai", "gõ tiếp lần 19")],
            "{said}"
        );
    }

    pub fn child(root: &Path) {
        // SAFETY: plain system calls with no pointer but a null list of
        // zero groups; setgid and setuid apply to every thread (glibc and
        // musl both broadcast them), and the test runs before the store
        // starts any thread of its own.
        let dropped = unsafe {
            libc::setgroups(0, std::ptr::null()) == 0
                && libc::setgid(NOBODY) == 0
                && libc::setuid(NOBODY) == 0
        };
        assert!(
            dropped,
            "cannot give up root for uid {NOBODY}: {}",
            std::io::Error::last_os_error()
        );
        // SAFETY: plain queries.
        assert_eq!(
            unsafe { (libc::geteuid(), libc::getegid()) },
            (NOBODY, NOBODY)
        );
        let probe = root.join("probe");
        fs::create_dir(&probe).expect("uid 65534 owns the folder");
        assert!(
            refused_in_read_only(&probe),
            "uid {NOBODY} still writes into a read-only folder"
        );
        read_only_folder(&root.join("ws"));
    }
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
