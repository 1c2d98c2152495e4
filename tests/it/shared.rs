//! A cell on a shared folder (what Syncthing, Nextcloud or OneDrive keep
//! in step between machines): a member's program and the secretary's
//! each keep their own workspace and write only their own files in the
//! shared folder; each takes in what the other changed; a file replaced
//! underneath by a sync tool, even while there are changes to it here,
//! and a sync tool's conflict copy, are merged; nothing is lost and nothing
//! overwritten.

use crate::common;

use std::fs;
use std::time::{Duration, Instant};

use common::open;
use jiff::civil::date;
use sophandau::model::{Area, Commitment, Period, Remark, Role, Settings};
use sophandau::store::{self, Files, Problem, Session};
use sophandau::workspace::Action;
use uuid::Uuid;

pub(crate) fn with_role(s: &mut Session, role: Role, owner: Option<Uuid>) {
    let settings = Settings {
        role,
        owner,
        ..s.workspace.settings().clone()
    };
    s.apply(Action::ChangeSettings { settings }).unwrap();
}

/// Opens a workspace again after its shared folder was set.
pub(crate) fn reopen(mut s: Session) -> Session {
    let root = s.store.root().to_path_buf();
    s.store.release().unwrap();
    drop(s);
    let mut s = open(&root);
    s.store.watch(|| {});
    s
}

/// Waits (at most a few seconds) until `done` holds, taking in what the
/// watcher noticed; returns what the session told.
pub(crate) fn until(s: &mut Session, done: impl Fn(&Session) -> bool) -> Vec<Problem> {
    let start = Instant::now();
    let mut told = Vec::new();
    while !done(s) {
        assert!(start.elapsed() < Duration::from_secs(10), "nothing came");
        std::thread::sleep(Duration::from_millis(20));
        told.extend(s.refresh());
    }
    told
}

/// A member's own program at `dir`, with the member's book of `year`
/// started (theme 2020).
pub(crate) fn member_with_year(dir: &std::path::Path, name: &str, year: i16) -> (Session, Uuid) {
    let mut m = open(dir);
    let me = common::create_member(&mut m, name);
    with_role(&mut m, Role::Member, Some(me));
    m.apply(Action::StartYear {
        member: me,
        year,
        theme_id: "2020".to_owned(),
    })
    .unwrap();
    (m, me)
}

pub(crate) fn commitment(content: &str) -> Commitment {
    Commitment {
        id: Uuid::new_v4(),
        area: Area::Duties,
        content: content.into(),
        measures: Default::default(),
        product: Default::default(),
        deadline: None,
        order: 0,
        revision: 0,
    }
}

#[test]
fn a_member_and_the_secretary_work_on_one_shared_folder() {
    let root = tempfile::tempdir().unwrap();
    let (mdir, cdir, shared) = (
        root.path().join("m"),
        root.path().join("c"),
        root.path().join("chung"),
    );
    fs::create_dir_all(&shared).unwrap();
    let year = 2026;

    // The member starts a notebook, then moves it to the shared folder.
    let (mut m, me) = member_with_year(&mdir, "Nguyễn Thị Lan", year);
    m.apply(Action::AddCommitment {
        member: me,
        year,
        commitment: commitment("Học tập chuyên đề năm"),
    })
    .unwrap();
    assert_eq!(m.share(Some(shared.clone())).unwrap(), 1);
    let mut m = reopen(m);
    let files = Files {
        shared: Some(shared.clone()),
        ..Files::new(&mdir)
    };
    let nb_path = files.notebook_path(me);
    assert!(nb_path.is_file());

    // The secretary's program on the same shared folder reads it.
    let mut c = open(&cdir);
    with_role(&mut c, Role::Secretary, None);
    c.share(Some(shared.clone())).unwrap();
    let mut c = reopen(c);
    assert!(c.workspace.notebook(me).is_some(), "{:?}", c.problems);

    // The member adds a commitment: the secretary sees it come in.
    m.apply(Action::AddCommitment {
        member: me,
        year,
        commitment: commitment("Giúp đỡ hộ nghèo"),
    })
    .unwrap();
    m.store.flush().unwrap();
    until(&mut c, |c| {
        c.workspace.notebook(me).unwrap().years[&year]
            .commitments
            .len()
            == 2
    });

    // The secretary remarks: the member sees it come in; the secretary
    // never wrote the member's notebook.
    let nb_bytes = fs::read(&nb_path).unwrap();
    let remark = Remark {
        id: Uuid::new_v4(),
        period: Period::Quarter(1),
        commitment: None,
        author: "Lê Thanh Tâm".into(),
        date: date(year, 4, 2),
        text: "Đồng chí cần ghi kết quả hằng tháng.".into(),
        revision: 0,
    };
    c.apply(Action::AddRemark {
        member: me,
        year,
        remark,
    })
    .unwrap();
    c.store.flush().unwrap();
    until(&mut m, |m| {
        !m.workspace.notebook(me).unwrap().years[&year]
            .cell_review
            .remarks
            .is_empty()
    });
    assert_eq!(fs::read(&nb_path).unwrap(), nb_bytes);

    // The member's notebook, written on another machine, lands while this
    // machine has a change of its own not yet written: both are kept.
    let mut other = (**m.workspace.data().notebooks.get(&me).unwrap()).clone();
    other.years.get_mut(&year).unwrap().commitments[0].content =
        "Học tập chuyên đề (sửa ở nhà)".into();
    other.years.get_mut(&year).unwrap().commitments[0].revision += 1;
    m.apply(Action::AddCommitment {
        member: me,
        year,
        commitment: commitment("Tham gia dọn vệ sinh ấp"),
    })
    .unwrap();
    store::write_atomic(&nb_path, store::notebook_to_ron(&other).as_bytes()).unwrap();
    m.store.flush().unwrap();
    let told = until(&mut m, |m| {
        let b = &m.workspace.notebook(me).unwrap().years[&year];
        b.commitments
            .iter()
            .any(|c| c.content.contains("sửa ở nhà"))
    });
    assert!(
        told.iter()
            .any(|p| matches!(p, Problem::ConflictCopy { .. })),
        "{told:?}"
    );
    m.store.flush().unwrap();
    let _ = m.refresh();
    m.store.flush().unwrap();
    let on_disk = fs::read_to_string(&nb_path).unwrap();
    assert!(
        on_disk.contains("sửa ở nhà"),
        "the other machine's change kept"
    );
    assert!(
        on_disk.contains("Tham gia dọn vệ sinh ấp"),
        "this machine's change kept"
    );

    // A sync tool's conflict copy of the notebook is merged and retired.
    let mut copy = other.clone();
    copy.years
        .get_mut(&year)
        .unwrap()
        .commitments
        .push(Commitment {
            order: 5,
            ..commitment("Viết bài cho bản tin chi bộ")
        });
    copy.years
        .get_mut(&year)
        .unwrap()
        .commitments
        .sort_by_key(Commitment::sort_key);
    let copy_path =
        nb_path.with_file_name(format!("{me}.sync-conflict-20261128-101010-ABCDEF7.ron"));
    fs::write(&copy_path, store::notebook_to_ron(&copy)).unwrap();
    until(&mut m, |m| {
        m.workspace.notebook(me).unwrap().years[&year]
            .commitments
            .iter()
            .any(|c| c.content.contains("bản tin"))
    });
    assert!(!copy_path.exists(), "the copy is retired once merged");

    // Everything is on disk: both programs open it whole again.
    m.store.flush().unwrap();
    c.store.flush().unwrap();
    drop((m, c));
    let m = open(&mdir);
    let book = &m.workspace.notebook(me).unwrap().years[&year];
    let texts: Vec<&str> = book
        .commitments
        .iter()
        .map(|c| c.content.as_str())
        .collect();
    for t in [
        "sửa ở nhà",
        "Giúp đỡ hộ nghèo",
        "Tham gia dọn vệ sinh ấp",
        "bản tin",
    ] {
        assert!(
            texts.iter().any(|c| c.contains(t)),
            "{t} missing from {texts:?}"
        );
    }
    assert_eq!(book.cell_review.remarks.len(), 1);
    let c = open(&cdir);
    assert_eq!(
        c.workspace.notebook(me).unwrap().years[&year]
            .cell_review
            .remarks
            .len(),
        1
    );
}

#[test]
fn a_members_program_reads_only_the_members_own_files_there() {
    let root = tempfile::tempdir().unwrap();
    let (mdir, shared) = (root.path().join("m"), root.path().join("chung"));
    // Another member's notebook is already in the shared folder.
    let stranger = common::sample_notebook(41);
    let mut files = Files::new(&mdir);
    files.shared = Some(shared.clone());
    files.create_dirs().unwrap();
    files.save_both(&stranger).unwrap();
    let mut m = open(&mdir);
    let me = common::create_member(&mut m, "Phạm Văn Hòa");
    with_role(&mut m, Role::Member, Some(me));
    m.share(Some(shared.clone())).unwrap();
    let m = reopen(m);
    assert!(m.workspace.notebook(me).is_some());
    assert!(
        m.workspace.notebook(stranger.id).is_none(),
        "another member's notebook is not read"
    );
}

#[test]
fn the_command_line_starts_and_stops_sharing() {
    let root = tempfile::tempdir().unwrap();
    let (dir, shared) = (root.path().join("ws"), root.path().join("chung"));
    let mut s = open(&dir);
    let me = common::create_member(&mut s, "Võ Thị Mai");
    s.store.flush().unwrap();
    drop(s);
    let d = dir.to_str().unwrap();
    let run = |args: &[&str]| crate::cli::run(&[&["--data-dir", d], args].concat());
    let out = run(&["share", shared.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "the folder must exist first");
    fs::create_dir_all(&shared).unwrap();
    let out = run(&["share", shared.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("đã chép 1 tệp"), "{said}");
    assert!(shared.join("notebooks").join(format!("{me}.ron")).is_file());
    assert!(open(&dir).workspace.notebook(me).is_some());
    let out = run(&["share", "--stop"]);
    assert!(out.status.success());
    assert!(open(&dir).workspace.settings().shared_folder.is_none());
}

/// The member's notebook as it is on disk now, read as any program would.
pub(crate) fn on_disk(path: &std::path::Path) -> sophandau::model::Notebook {
    let bytes = fs::read(path).unwrap();
    store::read_notebook(&bytes).unwrap().value.into_value()
}

/// `on_disk` with one more commitment, as another program would write it.
pub(crate) fn with_one_more(path: &std::path::Path, year: i16, content: &str) -> String {
    let mut other = on_disk(path);
    let book = other.years.get_mut(&year).unwrap();
    book.commitments.push(Commitment {
        order: book.commitments.len() as u32,
        ..commitment(content)
    });
    book.commitments.sort_by_key(Commitment::sort_key);
    store::notebook_to_ron(&other)
}

/// A long run in a seeded random order on one shared folder: the member's
/// program adds commitments, the secretary's adds remarks, another
/// machine of the member's rewrites the notebook underneath, and a sync
/// tool leaves conflict copies of it. At the end every commitment and
/// every remark anyone wrote is there, in both programs and on disk.
#[test]
fn a_long_random_run_on_one_shared_folder_loses_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (mdir, cdir, shared) = (
        root.path().join("m"),
        root.path().join("c"),
        root.path().join("chung"),
    );
    fs::create_dir_all(&shared).unwrap();
    let year = 2026;
    let (mut m, me) = member_with_year(&mdir, "Phạm Văn Hùng", year);
    m.share(Some(shared.clone())).unwrap();
    let mut m = reopen(m);
    let mut c = open(&cdir);
    with_role(&mut c, Role::Secretary, None);
    c.share(Some(shared.clone())).unwrap();
    let mut c = reopen(c);
    let nb_path = Files {
        shared: Some(shared.clone()),
        ..Files::new(&mdir)
    }
    .notebook_path(me);
    until(&mut c, |c| c.workspace.notebook(me).is_some());

    let mut seed = 0x5EED_CAFE_u64;
    let mut pick = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let (mut written, mut remarks) = (Vec::new(), Vec::new());
    for step in 0..80 {
        match pick(7) {
            0..=2 => {
                let text = format!("Việc của máy này số {step}");
                m.apply(Action::AddCommitment {
                    member: me,
                    year,
                    commitment: commitment(&text),
                })
                .unwrap();
                written.push(text);
            }
            3 => {
                let text = format!("Nhận xét số {step}");
                c.apply(Action::AddRemark {
                    member: me,
                    year,
                    remark: Remark {
                        id: Uuid::new_v4(),
                        period: Period::Quarter(1),
                        commitment: None,
                        author: "Lê Thanh Tâm".into(),
                        date: date(year, 4, 2),
                        text: text.clone().into(),
                        revision: 0,
                    },
                })
                .unwrap();
                remarks.push(text);
            }
            4 => {
                // Another machine's version replaces the file. (The program
                // here is between writes, as a sync tool's rename can only
                // land between them; its unsaved changes stay unsaved.)
                m.store.flush().unwrap();
                let text = format!("Việc sửa ở máy khác số {step}");
                let other = with_one_more(&nb_path, year, &text);
                store::write_atomic(&nb_path, other.as_bytes()).unwrap();
                written.push(text);
            }
            5 => {
                m.store.flush().unwrap();
                let text = format!("Việc trong bản sao xung đột số {step}");
                let copy = nb_path.with_file_name(format!(
                    "{me}.sync-conflict-20261128-10{step:04}-ABCDEF7.ron"
                ));
                fs::write(&copy, with_one_more(&nb_path, year, &text)).unwrap();
                written.push(text);
            }
            _ => {
                if pick(2) == 0 {
                    m.store.flush().unwrap();
                }
                c.store.flush().unwrap();
            }
        }
        let _ = m.refresh();
        let _ = c.refresh();
    }
    // Everything settles: each program has all of it.
    let has_all = |s: &Session| {
        let book = &s.workspace.notebook(me).unwrap().years[&year];
        written
            .iter()
            .all(|t| book.commitments.iter().any(|c| &c.content == t))
            && remarks
                .iter()
                .all(|t| book.cell_review.remarks.iter().any(|r| &r.text == t))
    };
    c.store.flush().unwrap();
    until(&mut m, |m| {
        let _ = m.store.flush();
        has_all(m)
    });
    m.store.flush().unwrap();
    until(&mut c, |c| has_all(c));
    let copies = fs::read_dir(nb_path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().contains("sync-conflict")
        })
        .count();
    assert_eq!(copies, 0, "every conflict copy merged and retired");
    // And on disk: both programs open it whole again.
    drop((m, c));
    assert!(has_all(&open(&mdir)));
    assert!(has_all(&open(&cdir)));
    assert!(written.len() > 30 && remarks.len() > 5, "{written:?}");
}
