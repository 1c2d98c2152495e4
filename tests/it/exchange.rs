//! Exchange files between a member's machine and the secretary's: the
//! round trip, record-by-record merging with conflicts kept, and every bad
//! file refused with the workspace left byte-identical.

use crate::cli::{run, text};
use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{open, sample_notebook};
use jiff::Timestamp;
use sophandau::exchange::{self, Kind, RecordKey, Refusal};
use sophandau::model::{CellDecision, CellPart, Level, Notebook, Period, Remark, Role, Settings};
use sophandau::store::Session;
use sophandau::workspace::{Action, ActionError};
use uuid::Uuid;

/// A workspace for `role`, holding `notebooks` as the program would.
fn workspace(dir: &Path, role: Role, owner: Option<&Notebook>, notebooks: &[&Notebook]) -> Session {
    for nb in notebooks {
        common::put_notebook(dir, nb);
    }
    let mut s = open(dir);
    let settings = Settings {
        role,
        owner: owner.map(|n| n.id),
        ..s.workspace.settings().clone()
    };
    s.apply(Action::ChangeSettings { settings }).unwrap();
    s
}

/// Every file of a folder with its bytes (the lock files left out).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().map(Result::unwrap) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if !p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".lock")
            {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn own_part(nb: &Notebook) -> Notebook {
    nb.own_part()
}

fn import(s: &mut Session, bytes: &[u8], name: &str) -> Result<exchange::ImportPlan, ActionError> {
    let ex = exchange::read(bytes).map_err(|r| {
        ActionError::Refused(sophandau::workspace::Reason::new(
            r.to_message(Path::new(name)),
        ))
    })?;
    let plan = exchange::plan_import(s.workspace.data(), s.workspace.settings().role, &ex, name)
        .map_err(|r| {
            ActionError::Refused(sophandau::workspace::Reason::new(
                r.to_message(Path::new(name)),
            ))
        })?;
    s.apply(Action::Import {
        exchange: Box::new(ex),
        file: name.to_owned(),
    })?;
    s.store.flush().unwrap();
    Ok(plan)
}

fn remark(year: i16, text: &str) -> Remark {
    Remark {
        id: Uuid::new_v4(),
        period: Period::Quarter(4),
        commitment: None,
        author: "Lê Thanh Tâm".into(),
        date: jiff::civil::date(year, 12, 20),
        text: text.into(),
        revision: 0,
    }
}

#[test]
fn a_notebook_goes_to_the_cell_and_the_review_comes_back() {
    let mut a = own_part(&sample_notebook(31));
    a.profile.full_name = "Nguyễn Văn An".to_owned();
    let year = *a.years.keys().next_back().unwrap();
    let (member_dir, cell_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut member = workspace(member_dir.path(), Role::Member, Some(&a), &[&a]);
    let mut cell = workspace(cell_dir.path(), Role::Secretary, None, &[]);

    // The member hands the notebook in; the secretary takes it, new.
    let file = exchange::write_members(
        &[member.workspace.notebook(a.id).unwrap()],
        Timestamp::now(),
    );
    let plan = import(&mut cell, &file, "an.sophandau").unwrap();
    assert!(plan.members[0].new_member);
    assert_eq!(plan.total().conflicts, 0);
    assert!(
        cell.workspace.notebook(a.id) == Some(&a),
        "the member's part arrives whole"
    );
    // The same file a second time changes nothing.
    let again = exchange::read(&file).unwrap();
    let plan = exchange::plan_import(
        cell.workspace.data(),
        Role::Secretary,
        &again,
        "an.sophandau",
    )
    .unwrap();
    assert!(plan.changes_nothing(), "{plan:?}");

    // The secretary remarks, proposes and signs, and returns the review.
    let r = remark(year, "Đồng chí hoàn thành tốt các cam kết, cần phát huy.");
    cell.apply(Action::AddRemark {
        member: a.id,
        year,
        remark: r.clone(),
    })
    .unwrap();
    let decision = CellDecision {
        proposed_level: Some(Level::Good),
        secretary: "Lê Thanh Tâm".to_owned(),
        signed_on: Some(jiff::civil::date(year, 12, 28)),
        ..CellDecision::default()
    };
    cell.apply(Action::SetCellDecision {
        member: a.id,
        year,
        decision,
    })
    .unwrap();
    let review = exchange::write_cell(
        &[cell.workspace.data().cell_part(a.id)],
        &[year],
        Timestamp::now(),
    );

    // The member takes it: the remarks arrive, nothing of the member's own
    // changes, and the notebook file is not even rewritten.
    member.store.flush().unwrap();
    let files = member.store.files().clone();
    let own_before = fs::read(files.notebook_path(a.id)).unwrap();
    let plan = import(&mut member, &review, "nhan-xet.sophandau").unwrap();
    assert_eq!(plan.total().new, 2, "a remark and the decision");
    let book = &member.workspace.notebook(a.id).unwrap().years[&year];
    assert_eq!(book.cell_review.remarks[0].text, r.text);
    assert_eq!(book.cell_review.decision.proposed_level, Some(Level::Good));
    assert_eq!(fs::read(files.notebook_path(a.id)).unwrap(), own_before);
    assert!(
        fs::read_to_string(files.cell_path(a.id))
            .unwrap()
            .contains("cần phát huy")
    );
    assert!(own_part(member.workspace.notebook(a.id).unwrap()) == a);

    // Undo takes the whole import back in one step.
    assert!(member.workspace.undo());
    assert!(
        member.workspace.notebook(a.id).unwrap().years[&year]
            .cell_review
            .is_empty()
    );
}

#[test]
fn the_secretary_removes_a_remark_and_the_member_sees_it_gone() {
    let a = own_part(&sample_notebook(32));
    let year = *a.years.keys().next().unwrap();
    let (member_dir, cell_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut member = workspace(member_dir.path(), Role::Member, Some(&a), &[&a]);
    let mut cell = workspace(cell_dir.path(), Role::Secretary, None, &[&a]);
    let (r1, r2) = (
        remark(year, "Nhận xét thứ nhất."),
        remark(year, "Nhận xét thứ hai."),
    );
    for r in [&r1, &r2] {
        cell.apply(Action::AddRemark {
            member: a.id,
            year,
            remark: r.clone(),
        })
        .unwrap();
    }
    let back = |cell: &Session| {
        exchange::write_cell(
            &[cell.workspace.data().cell_part(a.id)],
            &[year],
            Timestamp::now(),
        )
    };
    import(&mut member, &back(&cell), "1.sophandau").unwrap();
    cell.apply(Action::RemoveRemark {
        member: a.id,
        year,
        id: r1.id,
    })
    .unwrap();
    let plan = import(&mut member, &back(&cell), "2.sophandau").unwrap();
    assert_eq!(plan.total().removed, 1);
    let remarks = &member.workspace.notebook(a.id).unwrap().years[&year]
        .cell_review
        .remarks;
    assert_eq!(
        remarks.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
        ["Nhận xét thứ hai."]
    );
    // A review of another year leaves this year's remarks alone.
    let other = exchange::write_cell(
        &[CellPart {
            member: a.id,
            years: BTreeMap::new(),
        }],
        &[year - 1],
        Timestamp::now(),
    );
    let plan = import(&mut member, &other, "3.sophandau");
    assert!(plan.is_ok());
    assert_eq!(
        member.workspace.notebook(a.id).unwrap().years[&year]
            .cell_review
            .remarks
            .len(),
        1
    );
}

/// A notebook changed in every kind of record, each with its revision
/// raised once, and `tag` written into its texts.
fn changed(base: &Notebook, tag: &str) -> Notebook {
    let mut n = base.clone();
    n.profile.workplace = format!("Nơi làm việc {tag}");
    n.profile.revision += 1;
    let book = n.years.values_mut().next().unwrap();
    book.registration.date = Some(jiff::civil::date(
        book.commitments[0].deadline.map_or(2020, |d| d.year()),
        1,
        if tag == "A" { 10 } else { 11 },
    ));
    book.registration.revision += 1;
    book.commitments[0].content = format!("Cam kết sửa ở máy {tag}").into();
    book.commitments[0].revision += 1;
    book.progress[0].result = format!("Kết quả sửa ở máy {tag}").into();
    book.progress[0].revision += 1;
    book.entries[0].text = format!("Ghi chép sửa ở máy {tag}").into();
    book.entries[0].revision += 1;
    let review = book.self_review.as_mut().unwrap();
    review.written_on = None;
    review.set_text("I.1", format!("Tự kiểm điểm ở máy {tag}"));
    review.revision += 1;
    n
}

#[test]
fn a_record_changed_on_two_machines_is_kept_in_both_versions() {
    let base = own_part(&sample_notebook(33));
    let dir = tempfile::tempdir().unwrap();
    let mut cell = workspace(dir.path(), Role::Secretary, None, &[]);
    import(
        &mut cell,
        &exchange::write_members(&[&base], Timestamp::now()),
        "0.sophandau",
    )
    .unwrap();
    let (a, b) = (changed(&base, "A"), changed(&base, "B"));
    let plan = import(
        &mut cell,
        &exchange::write_members(&[&a], Timestamp::now()),
        "a.sophandau",
    )
    .unwrap();
    assert_eq!(plan.total().updated, 6, "{plan:?}");
    let plan = import(
        &mut cell,
        &exchange::write_members(&[&b], Timestamp::now()),
        "b.sophandau",
    )
    .unwrap();
    // Profile, year header, commitment, progress, entry, self-review.
    assert_eq!(plan.total().conflicts, 6, "{plan:?}");
    assert!(
        cell.workspace.notebook(a.id) == Some(&a),
        "machine A's version stays in use"
    );
    let received = &cell.workspace.data().received[&Role::Secretary][&a.id];
    let keys: Vec<RecordKey> = received.conflicts.iter().map(|c| c.key).collect();
    assert!(
        matches!(
            keys[..],
            [
                RecordKey::Profile,
                RecordKey::Year(_),
                RecordKey::Commitment(..),
                RecordKey::Progress(..),
                RecordKey::Entry(..),
                RecordKey::SelfReview(_)
            ]
        ),
        "{keys:?}"
    );
    assert!(received.conflicts.iter().all(|c| c.file == "b.sophandau"));
    // Kept on disk, with B's texts, until settled.
    drop(cell);
    let mut cell = open(dir.path());
    let saved = fs::read_to_string(cell.store.files().received_path(Role::Secretary)).unwrap();
    assert!(saved.contains("Cam kết sửa ở máy B"), "{saved}");
    assert_eq!(
        cell.workspace.data().received[&Role::Secretary][&a.id]
            .conflicts
            .len(),
        6
    );

    // Settling: B's profile taken, A's commitment kept; each goes from the
    // list, and the other four wait.
    let settle = |key, take_theirs| Action::SettleConflict {
        side: Role::Secretary,
        member: a.id,
        key,
        take_theirs,
    };
    cell.apply(settle(RecordKey::Profile, true)).unwrap();
    cell.apply(settle(keys[2], false)).unwrap();
    let nb = cell.workspace.notebook(a.id).unwrap();
    assert_eq!(nb.profile, b.profile);
    let first = |n: &Notebook| n.years.values().next().unwrap().commitments[0].clone();
    assert_eq!(first(nb), first(&a));
    let waiting = &cell.workspace.data().received[&Role::Secretary][&a.id].conflicts;
    assert_eq!(waiting.len(), 4);
    assert_eq!(
        cell.apply(settle(RecordKey::Profile, true)),
        Err(ActionError::UnknownConflict)
    );
    // Importing B again brings back only what still differs.
    let b_file = exchange::write_members(&[&b], Timestamp::now());
    let plan = import(&mut cell, &b_file, "b.sophandau").unwrap();
    assert_eq!(plan.total().conflicts, 4, "{plan:?}");
}

#[test]
fn the_cells_records_changed_twice_are_conflicts_on_the_members_side() {
    let a = own_part(&sample_notebook(34));
    let year = *a.years.keys().next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut member = workspace(dir.path(), Role::Member, Some(&a), &[&a]);
    let r = Remark {
        revision: 1,
        ..remark(year, "Bản đầu.")
    };
    let d = CellDecision {
        proposed_level: Some(Level::Good),
        revision: 1,
        ..CellDecision::default()
    };
    let part = |text: &str, level: Level, rev: u32| CellPart {
        member: a.id,
        years: BTreeMap::from([(
            year,
            sophandau::model::CellReview {
                remarks: vec![Remark {
                    text: text.into(),
                    revision: rev,
                    ..r.clone()
                }],
                decision: CellDecision {
                    proposed_level: Some(level),
                    revision: rev,
                    ..d.clone()
                },
            },
        )]),
    };
    let file = |p: CellPart| exchange::write_cell(&[p], &[year], Timestamp::now());
    import(&mut member, &file(part("Bản đầu.", Level::Good, 1)), "0").unwrap();
    import(
        &mut member,
        &file(part("Bản máy bí thư.", Level::Excellent, 2)),
        "1",
    )
    .unwrap();
    let plan = import(
        &mut member,
        &file(part("Bản máy phó bí thư.", Level::Completed, 2)),
        "2",
    )
    .unwrap();
    assert_eq!(plan.total().conflicts, 2, "the remark and the decision");
    let book = &member.workspace.notebook(a.id).unwrap().years[&year];
    assert_eq!(book.cell_review.remarks[0].text, "Bản máy bí thư.");
}

/// Writes `bytes` as a file and asks the command line to import it into
/// `dir`; returns what it printed, after checking the folder is unchanged.
fn refused_by_cli(dir: &Path, bytes: &[u8], name: &str) -> String {
    let path = dir.parent().unwrap().join(name);
    fs::write(&path, bytes).unwrap();
    let before = snapshot(dir);
    let out = run(&[
        "--data-dir",
        dir.to_str().unwrap(),
        "import",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(snapshot(dir), before, "the workspace is byte-identical");
    text(&out)
}

#[test]
fn every_bad_file_is_refused_with_the_reason_and_nothing_changes() {
    let holder = tempfile::tempdir().unwrap();
    let dir = holder.path().join("ws");
    let a = own_part(&sample_notebook(35));
    let b = own_part(&sample_notebook(36));
    drop(workspace(&dir, Role::Secretary, None, &[&b]));
    let good = exchange::write_members(&[&a], Timestamp::now());
    let body_at = good.windows(7).position(|w| w == b"\n// ---").unwrap() + 30;

    let truncated = &good[..good.len() - 40];
    assert!(matches!(
        exchange::read(truncated),
        Err(Refusal::Truncated { .. })
    ));
    assert!(refused_by_cli(&dir, truncated, "cut.sophandau").contains("bị cắt cụt"));

    let mut flipped = good.clone();
    let at = body_at + 200;
    flipped[at] = if flipped[at] == b'a' { b'b' } else { b'a' };
    assert_eq!(exchange::read(&flipped), Err(Refusal::Checksum));
    assert!(refused_by_cli(&dir, &flipped, "sua.sophandau").contains("không khớp mã kiểm tra"));

    let newer = String::from_utf8(good.clone())
        .unwrap()
        .replacen("version: 1,", "version: 2,", 1);
    assert_eq!(
        exchange::read(newer.as_bytes()),
        Err(Refusal::TooNew { version: 2 })
    );
    assert!(refused_by_cli(&dir, newer.as_bytes(), "moi.sophandau").contains("phiên bản mới hơn"));

    // A header that claims a body of 1 GB.
    let liar = {
        let text = String::from_utf8(good.clone()).unwrap();
        let at = text.find("body_bytes: ").unwrap();
        let end = at + text[at..].find(',').unwrap();
        format!("{}body_bytes: 1073741824{}", &text[..at], &text[end..])
    };
    assert!(matches!(
        exchange::read(liar.as_bytes()),
        Err(Refusal::TooBig { megabytes: 1024 })
    ));
    assert!(refused_by_cli(&dir, liar.as_bytes(), "noi-doi.sophandau").contains("quá lớn"));

    let not_ours = b"PK\x03\x04 a zip file, or anything else".to_vec();
    assert_eq!(exchange::read(&not_ours), Err(Refusal::NotExchange));
    assert!(refused_by_cli(&dir, &not_ours, "khac.sophandau").contains("không phải tệp trao đổi"));

    // A secretary takes no review of the cell; a member takes no notebook.
    let review = exchange::write_cell(
        &[CellPart {
            member: b.id,
            years: BTreeMap::new(),
        }],
        &[2020],
        Timestamp::now(),
    );
    assert!(refused_by_cli(&dir, &review, "nx.sophandau").contains("máy của bí thư chỉ nhận sổ"));

    // A notebook under another member's id.
    let mut impostor = a.clone();
    impostor.id = b.id;
    let impostor = exchange::write_members(&[&impostor], Timestamp::now());
    assert!(
        refused_by_cli(&dir, &impostor, "trung-ma.sophandau").contains("trên máy mã đó là sổ của")
    );

    // A 100 MB file is refused before it is read.
    let big = holder.path().join("lon.sophandau");
    fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    assert_eq!(
        exchange::read_file(&big),
        Err(Refusal::TooBig { megabytes: 100 })
    );
    let before = snapshot(&dir);
    let out = run(&[
        "--data-dir",
        dir.to_str().unwrap(),
        "import",
        big.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("quá lớn (100 MB"), "{}", text(&out));
    assert_eq!(snapshot(&dir), before);

    // The good file is taken.
    let path = holder.path().join("tot.sophandau");
    fs::write(&path, &good).unwrap();
    let out = run(&[
        "--data-dir",
        dir.to_str().unwrap(),
        "import",
        "--dry-run",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("(đảng viên mới trên máy)"),
        "{}",
        text(&out)
    );
    assert_eq!(snapshot(&dir), before, "a dry run changes nothing");
    let out = run(&[
        "--data-dir",
        dir.to_str().unwrap(),
        "import",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(open(&dir).workspace.notebook(a.id).is_some());
}

#[test]
fn a_review_for_members_not_here_is_refused_or_left_out() {
    let a = own_part(&sample_notebook(37));
    let year = *a.years.keys().next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut member = workspace(dir.path(), Role::Member, Some(&a), &[&a]);
    let stranger = Uuid::new_v4();
    let only_stranger = exchange::write_cell(
        &[CellPart {
            member: stranger,
            years: BTreeMap::new(),
        }],
        &[year],
        Timestamp::now(),
    );
    let ex = exchange::read(&only_stranger).unwrap();
    assert_eq!(
        exchange::plan_import(member.workspace.data(), Role::Member, &ex, "x"),
        Err(Refusal::NotForHere)
    );
    let mut mine = CellPart {
        member: a.id,
        years: BTreeMap::new(),
    };
    mine.years.insert(
        year,
        sophandau::model::CellReview {
            remarks: vec![Remark {
                revision: 1,
                ..remark(year, "Tốt.")
            }],
            ..Default::default()
        },
    );
    let both = exchange::write_cell(
        &[
            mine,
            CellPart {
                member: stranger,
                years: BTreeMap::new(),
            },
        ],
        &[year],
        Timestamp::now(),
    );
    let plan = import(&mut member, &both, "ca-chi-bo.sophandau").unwrap();
    assert_eq!(plan.skipped, [exchange::Skipped::NotHere(stranger)]);
    assert!(
        plan.summary(sophandau::model::Language::Vietnamese)
            .iter()
            .any(|l| l.contains("không có sổ trên máy này"))
    );
    assert_eq!(plan.kind, Kind::CellReview);
}

#[test]
fn the_command_line_writes_both_kinds_and_takes_them() {
    let holder = tempfile::tempdir().unwrap();
    let (mdir, cdir) = (holder.path().join("member"), holder.path().join("cell"));
    let mut a = own_part(&sample_notebook(38));
    a.profile.full_name = "Trần Thị Bình".to_owned();
    let year = *a.years.keys().next().unwrap();
    drop(workspace(&mdir, Role::Member, Some(&a), &[&a]));
    drop(workspace(&cdir, Role::Secretary, None, &[]));
    let (m, c) = (mdir.to_str().unwrap(), cdir.to_str().unwrap());
    let handed = holder.path().join("binh.sophandau");
    let out = run(&[
        "--data-dir",
        m,
        "exchange",
        "--out",
        handed.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&["--data-dir", c, "import", handed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let mut cell = open(&cdir);
    cell.apply(Action::AddRemark {
        member: a.id,
        year,
        remark: remark(year, "Cần chủ động hơn."),
    })
    .unwrap();
    drop(cell);
    let back = holder.path().join("tra");
    fs::create_dir(&back).unwrap();
    let out = run(&[
        "--data-dir",
        c,
        "exchange",
        "--cell-review",
        "--member",
        "tran thi binh",
        "--year",
        &year.to_string(),
        "--out",
        back.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let file = fs::read_dir(&back).unwrap().next().unwrap().unwrap().path();
    assert!(
        file.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("Trần Thị Bình nhận xét"),
        "{file:?}"
    );
    let out = run(&["--data-dir", m, "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let member = open(&mdir);
    assert_eq!(
        member.workspace.notebook(a.id).unwrap().years[&year]
            .cell_review
            .remarks[0]
            .text,
        "Cần chủ động hơn."
    );
}

#[test]
fn members_are_found_by_id_by_name_or_by_the_start_of_their_name_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path());
    let hanh = common::create_member(&mut s, "Đặng Hữu Hạnh");
    let thanh = common::create_member(&mut s, "Lê Văn Thanh");
    common::create_member(&mut s, "Phạm Thị Hà");
    let data = s.workspace.data();
    assert_eq!(data.find_member(&hanh.to_string()), Ok(hanh));
    assert_eq!(data.find_member(&thanh.to_string()[..8]), Ok(thanh));
    assert_eq!(data.find_member("DANG HUU HANH"), Ok(hanh));
    assert_eq!(data.find_member("hạnh"), Ok(hanh), "not Thanh");
    assert_eq!(data.find_member("le th"), Ok(thanh));
    let mut both = data.find_member("h").unwrap_err();
    both.sort();
    assert_eq!(both, ["Phạm Thị Hà", "Đặng Hữu Hạnh"]);
    assert_eq!(data.find_member("Nguyễn"), Err(Vec::new()));
}
