//! The cell's part lives in files of its own (DESIGN.md, "On disk"): the
//! member writes `notebooks/<id>.ron`, the cell writes `cell/<id>.ron` and
//! `cell/meetings.ron`, and no file ever has two writers. Old notebooks
//! that held the cell's part move it out with nothing lost.

use crate::common;

use std::fs;
use std::path::Path;

use common::{open, put_notebook, sample_notebook};
use jiff::civil::date;
use sophandau::model::{Level, Meeting, Remark, Role, Settings};
use sophandau::store::{self, Files, Problem};
use sophandau::workspace::Action;
use uuid::Uuid;

/// The member of the `v2-notebook.ron` fixture.
const MEMBER: Uuid = Uuid::from_u128(0x6f1c2a9e_4b7d_4e21_9c3a_1d2e3f4a5b6c);

fn as_role(session: &mut store::Session, role: Role) {
    let settings = Settings {
        role,
        ..session.workspace.settings().clone()
    };
    session.apply(Action::ChangeSettings { settings }).unwrap();
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn a_version_2_notebook_moves_the_cells_part_to_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let old =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-notebook.ron"))
            .unwrap();
    fs::write(files.notebook_path(MEMBER), &old).unwrap();

    let session = open(dir.path());
    assert!(
        matches!(session.problems[..], [Problem::Migrated { from: 2, .. }]),
        "{:?}",
        session.problems
    );
    let before = session.workspace.data().clone();
    let review = &before.notebooks[&MEMBER].years[&2024].cell_review;
    assert_eq!(review.remarks[0].text, "Cần cố gắng hơn");
    assert_eq!(review.decision.final_level, Some(Level::Good));
    session.store.flush().unwrap();
    drop(session);

    let notebook = read(&files.notebook_path(MEMBER));
    assert!(notebook.contains("schema_version: 3"), "{notebook}");
    assert!(!notebook.contains("cell_review"), "{notebook}");
    assert!(!notebook.contains("Cần cố gắng hơn"), "{notebook}");
    let cell = read(&files.cell_path(MEMBER));
    assert!(cell.contains("Cần cố gắng hơn"), "{cell}");
    assert!(cell.contains("final_level: Some(Good)"), "{cell}");
    assert!(cell.contains("secretary: \"Trần Văn Bình\""), "{cell}");
    // The old file is kept among the backups.
    let backups = store::Files::new(dir.path()).backup_dir_of(&files.notebook_path(MEMBER));
    let kept: Vec<_> = fs::read_dir(backups).unwrap().collect();
    assert_eq!(kept.len(), 1);

    let again = open(dir.path());
    assert_eq!(again.problems, []);
    assert!(
        again.workspace.data().notebooks == before.notebooks,
        "nothing lost on the way"
    );
}

#[test]
fn each_side_writes_only_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(21);
    let member = notebook.id;
    let year = *notebook.years.keys().next().unwrap();
    put_notebook(dir.path(), &notebook);
    let files = Files::new(dir.path());
    let (nb_path, cell_path) = (files.notebook_path(member), files.cell_path(member));
    let nb_before = fs::read(&nb_path).unwrap();

    // The secretary's remark goes to the cell's file alone.
    let mut session = open(dir.path());
    as_role(&mut session, Role::Secretary);
    session
        .apply(Action::AddRemark {
            member,
            year,
            remark: Remark {
                id: Uuid::new_v4(),
                period: sophandau::model::Period::Quarter(2),
                commitment: None,
                author: "Lê Thanh Tâm".into(),
                date: date(year, 7, 2),
                text: "Đồng chí cần ghi minh chứng đầy đủ hơn.".into(),
                revision: 0,
            },
        })
        .unwrap();
    session.store.flush().unwrap();
    assert_eq!(
        fs::read(&nb_path).unwrap(),
        nb_before,
        "the notebook is untouched"
    );
    assert!(read(&cell_path).contains("ghi minh chứng đầy đủ hơn"));
    let cell_before = fs::read(&cell_path).unwrap();

    // The member's edit goes to the notebook alone.
    as_role(&mut session, Role::Member);
    session
        .apply(Action::SetRegistrationDate {
            member,
            year,
            date: Some(date(year, 1, 20)),
        })
        .unwrap();
    session.store.flush().unwrap();
    assert_ne!(fs::read(&nb_path).unwrap(), nb_before);
    assert_eq!(
        fs::read(&cell_path).unwrap(),
        cell_before,
        "the cell's file is untouched"
    );
}

#[test]
fn a_member_without_any_word_of_the_cell_has_no_cell_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    let member = common::create_member(&mut session, "Nguyễn Thị Lan");
    session.store.flush().unwrap();
    assert!(session.store.files().notebook_path(member).is_file());
    assert!(!session.store.files().cell_path(member).exists());
}

#[test]
fn the_cells_part_of_a_removed_year_or_an_absent_notebook_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(22);
    let member = notebook.id;
    let year = *notebook.years.keys().next().unwrap();
    assert!(!notebook.years[&year].cell_review.is_empty());
    put_notebook(dir.path(), &notebook);
    let files = Files::new(dir.path());
    let cell_before = fs::read(files.cell_path(member)).unwrap();

    // The member removes the year: the cell's file stays as it was, and
    // undo joins the cell's part back.
    let mut session = open(dir.path());
    let data = session.workspace.data().clone();
    session.apply(Action::RemoveYear { member, year }).unwrap();
    session.store.flush().unwrap();
    assert_eq!(fs::read(files.cell_path(member)).unwrap(), cell_before);
    assert!(session.workspace.undo());
    assert!(
        session.workspace.data() == &data,
        "undo restores both parts"
    );
    drop(session);

    // A cell's file whose notebook is not here is loaded, kept, and
    // written back whole when the cell changes something else.
    fs::remove_file(files.notebook_path(member)).unwrap();
    let mut session = open(dir.path());
    assert_eq!(session.problems, []);
    assert!(session.workspace.notebook(member).is_none());
    assert!(session.workspace.data().unjoined.contains_key(&member));
    as_role(&mut session, Role::Secretary);
    session
        .apply(Action::SetMeeting {
            year,
            meeting: Meeting {
                place: "Nhà văn hóa ấp".to_owned(),
                ..Meeting::default()
            },
        })
        .unwrap();
    session.store.flush().unwrap();
    assert_eq!(fs::read(files.cell_path(member)).unwrap(), cell_before);
    drop(session);

    // When the notebook comes back, the two are joined again.
    put_notebook(dir.path(), &notebook.own_part());
    fs::write(files.cell_path(member), &cell_before).unwrap();
    let session = open(dir.path());
    assert!(session.workspace.notebook(member) == Some(&notebook));
    assert!(session.workspace.data().unjoined.is_empty());
    assert_eq!(
        session.workspace.meeting(year).unwrap().place,
        "Nhà văn hóa ấp"
    );
}

#[test]
fn the_meetings_are_saved_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    as_role(&mut session, Role::Secretary);
    let meeting = Meeting {
        date: Some(date(2024, 12, 20)),
        place: "Hội trường ấp Tân Định".to_owned(),
        chair: "Nguyễn Văn Bình".to_owned(),
        minute_taker: "Lê Thị Hoa".to_owned(),
        members_total: Some(14),
        ..Meeting::default()
    };
    session
        .apply(Action::SetMeeting {
            year: 2024,
            meeting: meeting.clone(),
        })
        .unwrap();
    session.store.flush().unwrap();
    let path = session.store.files().meetings_path();
    assert!(read(&path).contains("Hội trường ấp Tân Định"));
    drop(session);

    let mut session = open(dir.path());
    assert_eq!(session.problems, []);
    let saved = session.workspace.meeting(2024).unwrap();
    assert_eq!((saved.revision, &saved.place), (1, &meeting.place));
    session.apply(Action::RemoveMeeting { year: 2024 }).unwrap();
    session.store.flush().unwrap();
    assert!(
        !path.exists(),
        "no meeting left: the file is retired to the backups"
    );
}

#[test]
fn a_damaged_cell_file_is_restored_from_its_backup_and_a_newer_one_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(23);
    let member = notebook.id;
    put_notebook(dir.path(), &notebook);
    put_notebook(dir.path(), &notebook);
    let files = Files::new(dir.path());
    let path = files.cell_path(member);
    let good = fs::read(&path).unwrap();
    fs::write(&path, &good[..good.len() / 2]).unwrap();

    let session = open(dir.path());
    assert!(
        matches!(session.problems[..], [Problem::Recovered { .. }]),
        "{:?}",
        session.problems
    );
    assert!(session.workspace.notebook(member) == Some(&notebook));
    drop(session);
    assert_eq!(fs::read(&path).unwrap(), good);

    // A cell's file from a newer program is shown, and the cell's part of
    // that member cannot change; the member's own part still can.
    let newer = String::from_utf8(good)
        .unwrap()
        .replace("schema_version: 3", "schema_version: 4");
    fs::write(&path, &newer).unwrap();
    let mut session = open(dir.path());
    // The damaged copy set aside earlier is still reported beside it.
    assert!(
        matches!(
            session.problems[..],
            [
                Problem::Newer { version: 4, .. },
                Problem::SetAside { in_use: true, .. }
            ]
        ),
        "{:?}",
        session.problems
    );
    let year = *notebook.years.keys().next().unwrap();
    as_role(&mut session, Role::Secretary);
    let refused = session.apply(Action::RemoveRemark {
        member,
        year,
        id: notebook.years[&year].cell_review.remarks[0].id,
    });
    assert!(refused.is_err());
    drop(session);
    assert_eq!(read(&path), newer, "never rewritten");
}

#[test]
fn a_backup_of_the_cells_file_restores_to_the_cells_file() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(24);
    let member = notebook.id;
    put_notebook(dir.path(), &notebook);
    put_notebook(dir.path(), &notebook);
    let files = Files::new(dir.path());
    let path = files.cell_path(member);
    let backups = files.backup_dir_of(&path);
    assert!(backups.ends_with(format!("cell-{member}")), "{backups:?}");
    let backup = fs::read_dir(&backups)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    fs::write(&path, "(schema_version: 3, member: \"x\"").unwrap();

    let restored = store::restore(dir.path(), &backup).unwrap();
    assert_eq!(restored, path);
    let session = open(dir.path());
    assert_eq!(session.problems, []);
    assert!(session.workspace.notebook(member) == Some(&notebook));

    // Another member's cell file is not taken for this one.
    let other = sample_notebook(25);
    put_notebook(dir.path(), &other);
    drop(session);
    let theirs = files.cell_path(other.id);
    let backup_of_mine = backups.join("20990101-000000-000-00.ron");
    fs::copy(&theirs, &backup_of_mine).unwrap();
    assert!(matches!(
        store::restore(dir.path(), &backup_of_mine),
        Err(store::SettleError::OtherNotebook { .. })
    ));
}

#[test]
fn a_sync_tools_conflict_copy_is_merged_record_by_record_then_retired() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(26).own_part();
    put_notebook(dir.path(), &notebook);
    let files = Files::new(dir.path());
    // The same notebook written on another machine: one commitment newer
    // there, one changed to the same revision in both places.
    let mut other = notebook.clone();
    let book = other.years.values_mut().next().unwrap();
    book.commitments[0].content = "Sửa ở máy ở nhà".into();
    book.commitments[0].revision += 1;
    book.commitments[1].content = "Sửa cùng lúc ở máy ở nhà".into();
    let mut here = notebook.clone();
    let mine = here.years.values_mut().next().unwrap();
    mine.commitments[1].content = "Sửa cùng lúc ở máy cơ quan".into();
    put_notebook(dir.path(), &here);
    let copy = files.notebooks_dir().join(format!(
        "{}.sync-conflict-20261128-101010-ABCDEF7.ron",
        notebook.id
    ));
    fs::write(&copy, store::notebook_to_ron(&other)).unwrap();

    let session = open(dir.path());
    assert!(
        matches!(
            session.problems[..],
            [Problem::ConflictCopy {
                taken: 1,
                differ: 1,
                ..
            }]
        ),
        "{:?}",
        session.problems
    );
    let book = session
        .workspace
        .notebook(notebook.id)
        .unwrap()
        .years
        .values()
        .next()
        .unwrap();
    assert_eq!(book.commitments[0].content, "Sửa ở máy ở nhà");
    assert_eq!(book.commitments[1].content, "Sửa cùng lúc ở máy cơ quan");
    let waiting = &session.workspace.data().received[&Role::Member][&notebook.id].conflicts;
    assert_eq!(waiting.len(), 1);
    assert!(!copy.exists(), "the copy goes once the merge is saved");
    drop(session);
    let again = open(dir.path());
    assert_eq!(again.problems, []);
    assert_eq!(
        again.workspace.data().received[&Role::Member][&notebook.id]
            .conflicts
            .len(),
        1,
        "the difference waits on disk to be settled"
    );
}
