//! A sync tool's version landing in the middle of a save: after the
//! check that the file on disk is still the one this program read, and
//! before the save's final rename (the store's fault seam runs the sync
//! tool there, `Faults::on_final_step`). The final step keeps the version
//! it replaced (Linux: `RENAME_EXCHANGE`; macOS and iOS: `RENAME_SWAP`;
//! Windows: `ReplaceFileW` with a backup name), so it is in hand:
//! someone else's is kept as a conflict copy and merged like any other.
//! A save with no race, or to a file that is not there, leaves nothing
//! more than a plain rename would.

// Most of the module is the race, closed only where the final step keeps
// what it replaces: elsewhere (the BSDs…) its helpers rest.
#![cfg_attr(
    not(any(target_os = "linux", target_vendor = "apple", windows)),
    allow(unused)
)]

use crate::common;
use crate::shared::{
    commitment, member_with_year, on_disk, reopen, until, with_one_more, with_role,
};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sophandau::model::{Meeting, Role};
use sophandau::store::{self, Files, Session};
use sophandau::workspace::Action;
use uuid::Uuid;

const YEAR: i16 = 2026;

/// A member's program on a shared folder, watching it, with one
/// commitment saved: the session, the member, and the notebook's path.
fn member_on_shared_folder(root: &Path) -> (Session, Uuid, PathBuf) {
    let (dir, shared) = (root.join("m"), root.join("chung"));
    fs::create_dir_all(&shared).unwrap();
    let (mut m, me) = member_with_year(&dir, "Đặng Thị Hoa", YEAR);
    add(&mut m, me, "Học tập chuyên đề năm");
    m.share(Some(shared.clone())).unwrap();
    let m = reopen(m);
    let files = Files {
        shared: Some(shared),
        ..Files::new(&dir)
    };
    let path = files.notebook_path(me);
    assert!(path.is_file());
    (m, me, path)
}

fn add(s: &mut Session, me: Uuid, text: &str) {
    s.apply(Action::AddCommitment {
        member: me,
        year: YEAR,
        commitment: commitment(text),
    })
    .unwrap();
}

fn has(s: &Session, me: Uuid, text: &str) -> bool {
    s.workspace.notebook(me).unwrap().years[&YEAR]
        .commitments
        .iter()
        .any(|c| c.content == text)
}

/// The commitments of the notebook file as it is on disk now.
fn texts_on_disk(path: &Path) -> Vec<String> {
    on_disk(path).years[&YEAR]
        .commitments
        .iter()
        .map(|c| c.content.to_string())
        .collect()
}

/// The names in the notebook's folder.
fn names_beside(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `act` once, at the final step of the next save of `path`;
/// the flag says whether it ran.
fn once_at_final_step(
    s: &Session,
    path: &Path,
    act: impl Fn(&Path) + Send + Sync + 'static,
) -> Arc<AtomicBool> {
    let path = path.to_path_buf();
    let done = Arc::new(AtomicBool::new(false));
    let ran = done.clone();
    s.store.files().faults.on_final_step(move |target| {
        if target == path && !done.swap(true, Ordering::SeqCst) {
            act(target);
        }
    });
    ran
}

/// The hole this closes: the other machine's version is renamed in after
/// the check and before this program's rename. Without the exchange it
/// is overwritten unseen (and is not among the backups either, which
/// were taken before it landed).
#[cfg(any(target_os = "linux", target_vendor = "apple", windows))]
#[test]
fn a_version_landing_just_before_the_rename_is_merged_not_lost() {
    let root = tempfile::tempdir().unwrap();
    let (mut m, me, path) = member_on_shared_folder(root.path());
    let theirs = "Việc ghi ở máy khác";
    let landed = once_at_final_step(&m, &path, move |target| {
        let other = with_one_more(target, YEAR, theirs);
        store::write_atomic(target, other.as_bytes()).unwrap();
    });
    let ours = "Việc ghi ở máy này";
    add(&mut m, me, ours);
    m.store.flush().unwrap();
    m.store.files().faults.clear_final_step();
    assert!(landed.load(Ordering::SeqCst), "the sync tool ran");

    let told = until(&mut m, |m| has(m, me, theirs));
    assert!(
        told.iter()
            .any(|p| matches!(p, store::Problem::ConflictCopy { .. })),
        "the user is told, as of any conflict copy: {told:?}"
    );
    assert!(has(&m, me, ours), "this machine's edit is kept too");
    m.store.flush().unwrap();
    let _ = m.refresh();
    m.store.flush().unwrap();
    let texts = texts_on_disk(&path);
    assert!(texts.iter().any(|t| t == theirs), "{texts:?}");
    assert!(texts.iter().any(|t| t == ours), "{texts:?}");
    assert_eq!(
        names_beside(&path),
        [format!("{me}.ron")],
        "the conflict copy is retired once merged"
    );
    drop(m);
    let m = common::open(&root.path().join("m"));
    assert!(has(&m, me, theirs) && has(&m, me, ours));
}

/// The everyday save: nothing landed meanwhile, so the version replaced
/// is removed, as a plain rename would have; no conflict copy, no
/// temporary file, one backup more.
#[test]
fn a_save_with_no_race_leaves_no_extra_file() {
    let root = tempfile::tempdir().unwrap();
    let (mut m, me, path) = member_on_shared_folder(root.path());
    let backups = m.store.files().backup_dir_of(&path);
    let before = fs::read_dir(&backups).map_or(0, |d| d.count());
    add(&mut m, me, "Giúp đỡ hộ nghèo");
    m.store.flush().unwrap();
    assert_eq!(names_beside(&path), [format!("{me}.ron")]);
    assert!(m.store.files().stray_temps().is_empty());
    assert!(m.store.files().conflict_copies().is_empty());
    assert_eq!(fs::read_dir(&backups).unwrap().count(), before + 1);
    assert!(texts_on_disk(&path).iter().any(|t| t == "Giúp đỡ hộ nghèo"));
}

/// A file that is gone at the final step (a sync tool removed it) is
/// simply written: the exchange has nothing to swap with, and the save
/// falls back to a rename; nothing more is left beside it.
#[test]
fn a_save_to_a_file_gone_meanwhile_falls_back_to_a_rename() {
    let root = tempfile::tempdir().unwrap();
    let (mut m, me, path) = member_on_shared_folder(root.path());
    let removed = once_at_final_step(&m, &path, |target| fs::remove_file(target).unwrap());
    add(&mut m, me, "Tham gia dọn vệ sinh ấp");
    m.store.flush().unwrap();
    m.store.files().faults.clear_final_step();
    assert!(removed.load(Ordering::SeqCst), "the file was removed");
    let texts = texts_on_disk(&path);
    assert!(texts.iter().any(|t| t == "Tham gia dọn vệ sinh ấp"));
    assert_eq!(names_beside(&path), [format!("{me}.ron")]);
    assert!(m.store.files().stray_temps().is_empty());
}

/// A notebook file that appears where there was none, between the check
/// and the first save's rename (the member's other machine saved first):
/// the exchange hands it over, and it is merged as a conflict copy.
#[cfg(any(target_os = "linux", target_vendor = "apple", windows))]
#[test]
fn a_file_appearing_before_the_first_save_is_merged_not_lost() {
    let root = tempfile::tempdir().unwrap();
    let mut m = common::open(root.path());
    m.store.watch(|| {});
    let me = Uuid::new_v4();
    let path = m.store.files().notebook_path(me);
    let mut theirs = common::sample_notebook(7);
    theirs.id = me;
    let their_text = theirs.years.values().next().unwrap().commitments[0]
        .content
        .clone();
    let their_bytes = store::notebook_to_ron(&theirs);
    let landed = once_at_final_step(&m, &path, move |target| {
        store::write_atomic(target, their_bytes.as_bytes()).unwrap();
    });
    m.apply(Action::CreateNotebook {
        id: me,
        profile: theirs.profile.clone(),
    })
    .unwrap();
    m.store.flush().unwrap();
    m.store.files().faults.clear_final_step();
    assert!(landed.load(Ordering::SeqCst));
    until(&mut m, |m| {
        m.workspace
            .notebook(me)
            .unwrap()
            .years
            .values()
            .any(|book| book.commitments.iter().any(|c| c.content == their_text))
    });
    m.store.flush().unwrap();
    assert!(m.store.files().conflict_copies().is_empty());
}

/// The cell's meetings have no conflict copy: a version that landed
/// during the save goes to the file's backups, as a version of it
/// written elsewhere always does (`refresh`), never lost.
#[cfg(any(target_os = "linux", target_vendor = "apple", windows))]
#[test]
fn a_meetings_version_landing_during_a_save_goes_to_the_backups() {
    let root = tempfile::tempdir().unwrap();
    let mut c = common::open(root.path());
    with_role(&mut c, Role::Secretary, None);
    let meeting = |place: &str| Meeting {
        place: place.to_owned(),
        ..Meeting::default()
    };
    let set = |c: &mut Session, place: &str| {
        c.apply(Action::SetMeeting {
            year: YEAR,
            meeting: meeting(place),
        })
        .unwrap();
        c.store.flush().unwrap();
    };
    set(&mut c, "Hội trường ấp");
    let path = c.store.files().meetings_path();
    let theirs = store::meetings_to_ron(&BTreeMap::from([(YEAR, meeting("Nhà văn hóa"))]));
    let bytes = theirs.clone();
    let landed = once_at_final_step(&c, &path, move |target| {
        store::write_atomic(target, bytes.as_bytes()).unwrap();
    });
    set(&mut c, "Trụ sở xã");
    assert!(landed.load(Ordering::SeqCst));
    assert!(fs::read_to_string(&path).unwrap().contains("Trụ sở xã"));
    let backups = c.store.files().backup_dir_of(&path);
    let kept = fs::read_dir(&backups)
        .unwrap()
        .any(|b| fs::read_to_string(b.unwrap().path()).unwrap() == theirs);
    assert!(kept, "the version that landed is among the backups");
    assert_eq!(names_beside(&path).len(), 1, "{:?}", names_beside(&path));
}
