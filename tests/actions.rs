//! Every action kind: it changes what it says, undo restores the exact model
//! before it, and redo the exact model after it.

mod common;

use std::sync::Arc;

use jiff::civil::date;
use sophandau::model::{
    Area, CellDecision, Commitment, Entry, EntryKind, Level, Period, Profile, ProgressRecord,
    Remark, SelfReview, Status,
};
use sophandau::workspace::{Action, ActionError, Field, Workspace, WorkspaceData};
use uuid::Uuid;

fn workspace_with_sample() -> (Workspace, Uuid) {
    let notebook = common::sample_notebook(21);
    let id = notebook.id;
    let mut data = WorkspaceData::default();
    data.notebooks.insert(id, Arc::new(notebook));
    (Workspace::new(data), id)
}

fn commitment(content: &str, area: Area) -> Commitment {
    Commitment {
        id: Uuid::new_v4(),
        area,
        content: content.to_owned(),
        measures: "Lập kế hoạch từng tháng".to_owned(),
        product: "Báo cáo kết quả".to_owned(),
        deadline: Some(date(2020, 9, 30)),
        order: 0,
        revision: 0,
    }
}

/// Applies the action, then checks undo and redo restore exact snapshots.
fn check_undo_redo(ws: &mut Workspace, action: Action) {
    let label = format!("{action:?}");
    let before = ws.data().clone();
    ws.apply(action).unwrap_or_else(|e| panic!("{label}: {e}"));
    let after = ws.data().clone();
    // Plain asserts: a whole workspace in a failure message is unreadable.
    assert!(before != after, "{label} changed nothing");
    assert!(ws.undo());
    assert!(ws.data() == &before, "undo of {label}");
    assert!(ws.redo());
    assert!(ws.data() == &after, "redo of {label}");
}

#[test]
fn every_action_kind_undoes_and_redoes_exactly() {
    let (mut ws, member) = workspace_with_sample();
    let year = 2020;
    let book = ws.notebook(member).unwrap().years[&year].clone();
    let existing = book.commitments[0].clone();
    let entry = book.entries[0].clone();
    let remark = book.cell_review.remarks.first().cloned();
    let new_c = commitment(
        "Tuyên truyền về khối đại đoàn kết toàn dân tộc",
        Area::PoliticalIdeology,
    );
    let new_entry = Entry {
        id: Uuid::new_v4(),
        date: date(2020, 5, 19),
        kind: EntryKind::Study,
        title: "Học tập chuyên đề năm 2020".to_owned(),
        text: "Ghi lại ý chính.".to_owned(),
        commitments: vec![existing.id],
        revision: 0,
    };
    let new_remark = Remark {
        id: Uuid::new_v4(),
        period: Period::Quarter(2),
        commitment: Some(existing.id),
        author: "Nguyễn Văn Bình".to_owned(),
        date: date(2020, 6, 30),
        text: "Cần bổ sung minh chứng.".to_owned(),
        revision: 0,
    };
    let other = Uuid::new_v4();
    let mut actions = vec![
        Action::CreateNotebook {
            id: other,
            profile: Profile {
                full_name: "Lý Thị Vy".to_owned(),
                ..Profile::default()
            },
        },
        Action::RemoveNotebook { member: other },
        Action::SetProfile {
            member,
            profile: Profile {
                full_name: "Dương Văn Lộc".to_owned(),
                workplace: "UBND xã".to_owned(),
                ..Profile::default()
            },
        },
        Action::StartYear {
            member,
            year: 2027,
            theme_id: "2027".to_owned(),
        },
        Action::SetYearTheme {
            member,
            year,
            theme_id: "2019".to_owned(),
        },
        Action::SetRegistrationDate {
            member,
            year,
            date: Some(date(2020, 1, 3)),
        },
        Action::AddCommitment {
            member,
            year,
            commitment: new_c.clone(),
        },
        Action::EditCommitment {
            member,
            year,
            commitment: Commitment {
                content: "Nội dung đã sửa".to_owned(),
                area: Area::Duties,
                ..existing.clone()
            },
        },
        Action::MoveCommitment {
            member,
            year,
            id: existing.id,
            position: 0,
        },
        Action::SetProgress {
            member,
            year,
            record: ProgressRecord {
                commitment: existing.id,
                period: Period::Quarter(3),
                status: Status::Done,
                result: "Hoàn thành.".to_owned(),
                evidence: "Biên bản".to_owned(),
                written_on: date(2020, 9, 30),
                revision: 0,
            },
        },
        Action::AddEntry {
            member,
            year,
            entry: new_entry.clone(),
        },
        Action::EditEntry {
            member,
            year,
            entry: Entry {
                title: "Tiêu đề mới".to_owned(),
                date: date(2020, 12, 1),
                ..entry.clone()
            },
        },
        Action::RemoveEntry {
            member,
            year,
            id: entry.id,
        },
        Action::SetSelfReview {
            member,
            year,
            review: SelfReview {
                strengths: "Ưu điểm".to_owned(),
                proposed_level: Some(Level::Excellent),
                written_on: Some(date(2021, 1, 4)),
                ..SelfReview::default()
            },
        },
        Action::AddRemark {
            member,
            year,
            remark: new_remark.clone(),
        },
        Action::EditRemark {
            member,
            year,
            remark: Remark {
                text: "Đã sửa nhận xét.".to_owned(),
                ..new_remark.clone()
            },
        },
        Action::RemoveRemark {
            member,
            year,
            id: new_remark.id,
        },
        Action::SetCellDecision {
            member,
            year,
            decision: CellDecision {
                final_level: Some(Level::Good),
                score: None,
                secretary: "Nguyễn Văn Bình".to_owned(),
                signed_on: Some(date(2020, 12, 28)),
                revision: 0,
            },
        },
        Action::ClearProgress {
            member,
            year,
            commitment: existing.id,
            period: Period::Quarter(3),
        },
        Action::RemoveCommitment {
            member,
            year,
            id: existing.id,
        },
        Action::RemoveYear { member, year: 2021 },
    ];
    if let Some(r) = remark {
        actions.push(Action::RemoveRemark {
            member,
            year,
            id: r.id,
        });
    }
    for action in actions {
        check_undo_redo(&mut ws, action);
    }
    // Everything undoes back to the start, in order.
    while ws.undo() {}
    assert!(ws.notebook(member).unwrap().years[&year] == book);
}

#[test]
fn revisions_count_edits_and_positions_follow_order() {
    let (mut ws, member) = workspace_with_sample();
    let c = commitment(
        "Đi đầu trong phong trào xây dựng nông thôn mới",
        Area::WorkingStyle,
    );
    ws.apply(Action::AddCommitment {
        member,
        year: 2020,
        commitment: c.clone(),
    })
    .unwrap();
    let stored = ws.notebook(member).unwrap().years[&2020]
        .commitment(c.id)
        .unwrap()
        .clone();
    assert_eq!(stored.revision, 1);
    ws.apply(Action::EditCommitment {
        member,
        year: 2020,
        commitment: Commitment {
            product: "Tuyến đường liên ấp".to_owned(),
            ..stored.clone()
        },
    })
    .unwrap();
    let book = &ws.notebook(member).unwrap().years[&2020];
    assert_eq!(book.commitment(c.id).unwrap().revision, 2);
    let area: Vec<_> = book
        .commitments
        .iter()
        .filter(|x| x.area == Area::WorkingStyle)
        .collect();
    assert_eq!(
        area.last().unwrap().id,
        c.id,
        "added at the end of its area"
    );

    ws.apply(Action::MoveCommitment {
        member,
        year: 2020,
        id: c.id,
        position: 0,
    })
    .unwrap();
    let book = &ws.notebook(member).unwrap().years[&2020];
    let first = book
        .commitments
        .iter()
        .find(|x| x.area == Area::WorkingStyle)
        .unwrap();
    assert_eq!(first.id, c.id);
}

#[test]
fn bad_actions_are_refused_with_reasons_and_change_nothing() {
    let (mut ws, member) = workspace_with_sample();
    let before = ws.data().clone();
    let existing = ws.notebook(member).unwrap().years[&2020].commitments[0].clone();
    let cases: Vec<(Action, ActionError, &str)> = vec![
        (
            Action::RemoveNotebook {
                member: Uuid::new_v4(),
            },
            ActionError::UnknownMember,
            "Không tìm thấy sổ",
        ),
        (
            Action::AddCommitment {
                member,
                year: 2020,
                commitment: commitment("   ", Area::Duties),
            },
            ActionError::EmptyText(Field::CommitmentContent),
            "Chưa nhập nội dung cam kết",
        ),
        (
            Action::AddCommitment {
                member,
                year: 2020,
                commitment: Commitment {
                    deadline: Some(date(2021, 3, 1)),
                    ..commitment("Đọc báo", Area::Duties)
                },
            },
            ActionError::DateOutsideYear {
                field: Field::Deadline,
                year: 2020,
            },
            "Thời hạn phải nằm trong năm 2020",
        ),
        (
            Action::AddCommitment {
                member,
                year: 2031,
                commitment: commitment("Đọc báo", Area::Duties),
            },
            ActionError::UnknownYear(2031),
            "Chưa mở sổ năm 2031",
        ),
        (
            Action::AddCommitment {
                member,
                year: 2020,
                commitment: existing.clone(),
            },
            ActionError::DuplicateId,
            "trùng",
        ),
        (
            Action::EditCommitment {
                member,
                year: 2020,
                commitment: commitment("Đọc báo", Area::Duties),
            },
            ActionError::UnknownCommitment,
            "Không tìm thấy cam kết",
        ),
        (
            Action::SetProgress {
                member,
                year: 2020,
                record: ProgressRecord {
                    commitment: existing.id,
                    period: Period::Month(13),
                    status: Status::Done,
                    result: String::new(),
                    evidence: String::new(),
                    written_on: date(2020, 1, 1),
                    revision: 0,
                },
            },
            ActionError::InvalidPeriod,
            "Kỳ theo dõi",
        ),
        (
            Action::StartYear {
                member,
                year: 2020,
                theme_id: "2020".to_owned(),
            },
            ActionError::YearExists(2020),
            "đã có",
        ),
        (
            Action::CreateNotebook {
                id: Uuid::new_v4(),
                profile: Profile::default(),
            },
            ActionError::EmptyText(Field::FullName),
            "Chưa nhập họ và tên",
        ),
    ];
    for (action, expected, words) in cases {
        let err = ws.apply(action).unwrap_err();
        assert_eq!(err, expected);
        assert!(err.to_string().contains(words), "{err}");
    }
    assert_eq!(ws.data(), &before);
    assert!(!ws.is_dirty());
    assert!(!ws.can_undo());
}

#[test]
fn actions_mark_their_member_dirty_and_count_changes() {
    let (mut ws, member) = workspace_with_sample();
    assert_eq!(ws.change_count(member), 0);
    ws.apply(Action::SetRegistrationDate {
        member,
        year: 2020,
        date: None,
    })
    .unwrap();
    assert_eq!(ws.take_dirty().into_iter().collect::<Vec<_>>(), [member]);
    assert_eq!(ws.change_count(member), 1);
    ws.undo();
    assert_eq!(ws.change_count(member), 2);
    assert!(ws.take_dirty().contains(&member));
}

#[test]
fn every_text_field_is_stored_as_nfc() {
    let (mut ws, member) = workspace_with_sample();
    let nfd = "Tha\u{300}nh phô\u{301} Tây Ninh";
    let nfc = "Thành phố Tây Ninh";
    let c = Commitment {
        measures: nfd.to_owned(),
        product: nfd.to_owned(),
        ..commitment(nfd, Area::Other)
    };
    ws.apply(Action::AddCommitment {
        member,
        year: 2020,
        commitment: c.clone(),
    })
    .unwrap();
    let stored = ws.notebook(member).unwrap().years[&2020]
        .commitment(c.id)
        .unwrap();
    assert_eq!(
        (&*stored.content, &*stored.measures, &*stored.product),
        (nfc, nfc, nfc)
    );
    let e = Entry {
        id: Uuid::new_v4(),
        date: date(2020, 2, 2),
        kind: EntryKind::Other,
        title: nfd.to_owned(),
        text: nfd.to_owned(),
        commitments: vec![],
        revision: 0,
    };
    ws.apply(Action::AddEntry {
        member,
        year: 2020,
        entry: e.clone(),
    })
    .unwrap();
    let stored = ws.notebook(member).unwrap().years[&2020]
        .entry(e.id)
        .unwrap();
    assert_eq!((&*stored.title, &*stored.text), (nfc, nfc));
}

#[test]
fn typing_in_one_field_joins_one_undo_step() {
    let (mut ws, member) = workspace_with_sample();
    let before = ws.data().clone();
    let mut review = SelfReview::default();
    let mut step = None;
    for word in ["Luôn", " giữ", " vững", " lập trường"] {
        review.strengths.push_str(word);
        let action = Action::SetSelfReview {
            member,
            year: 2021,
            review: review.clone(),
        };
        step = Some(ws.apply_joining(action, step).unwrap());
    }
    assert_eq!(
        ws.notebook(member).unwrap().years[&2021]
            .self_review
            .as_ref()
            .unwrap()
            .strengths,
        "Luôn giữ vững lập trường"
    );
    assert!(ws.undo());
    assert!(
        ws.data() == &before,
        "one undo takes back the whole stretch"
    );

    // A step that is no longer the last one is never joined.
    let (mut ws, member) = workspace_with_sample();
    let first = ws
        .apply(Action::SetRegistrationDate {
            member,
            year: 2020,
            date: None,
        })
        .unwrap();
    ws.apply(Action::SetYearTheme {
        member,
        year: 2020,
        theme_id: "2019".to_owned(),
    })
    .unwrap();
    ws.apply_joining(
        Action::SetRegistrationDate {
            member,
            year: 2020,
            date: Some(date(2020, 2, 2)),
        },
        Some(first),
    )
    .unwrap();
    assert!(ws.undo());
    assert_eq!(
        ws.notebook(member).unwrap().years[&2020].registration.date,
        None
    );
    assert_eq!(ws.notebook(member).unwrap().years[&2020].theme_id, "2019");
}

#[test]
fn refusals_read_in_both_languages() {
    use sophandau::model::Language;
    let e = ActionError::EmptyText(Field::FullName);
    assert_eq!(e.message(Language::Vietnamese), "Chưa nhập họ và tên.");
    assert_eq!(e.to_string(), "Chưa nhập họ và tên.");
    assert_eq!(
        e.message(Language::English),
        "Please fill in the full name."
    );
    let e = ActionError::DateOutsideYear {
        field: Field::Deadline,
        year: 2020,
    };
    assert_eq!(
        e.message(Language::English),
        "The deadline must fall in 2020."
    );
}
