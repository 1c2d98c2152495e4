//! Every action kind: it changes what it says, undo restores the exact model
//! before it, and redo the exact model after it.

use crate::common;

use std::sync::Arc;

use jiff::civil::date;
use sophandau::i18n::{Message, T};
use sophandau::model::{
    Absence, Answer, Area, CellDecision, Commitment, Entry, EntryKind, Guest, Language, Level,
    Meeting, Period, Profile, ProgressRecord, Remark, Role, SelfReview, Settings, Status, TextSize,
    Theme, ThemeChoice,
};
use sophandau::workspace::{
    Action, ActionError, Field, FileKey, MAX_TEXT_CHARS, Reason, StepId, Workspace, WorkspaceData,
};
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
        content: content.into(),
        measures: "Lập kế hoạch từng tháng".into(),
        product: "Báo cáo kết quả".into(),
        deadline: Some(date(2020, 9, 30)),
        order: 0,
        revision: 0,
    }
}

/// Applies an action in the role that owns its record, then puts the role
/// back: for the tests of what an action checks, not of who may do it
/// (`each_part_is_refused_to_the_other_role` tests that).
fn as_owner(ws: &mut Workspace, action: Action) -> Result<StepId, ActionError> {
    let old = ws.settings().clone();
    let Some(role) = action.owner().filter(|r| *r != old.role) else {
        return ws.apply(action);
    };
    ws.set_settings(Settings {
        role,
        ..old.clone()
    })
    .unwrap();
    let result = ws.apply(action);
    ws.set_settings(old).unwrap();
    ws.take_dirty().remove(&FileKey::Settings);
    result
}

/// Applies the action, then checks undo and redo restore exact snapshots.
fn check_undo_redo(ws: &mut Workspace, action: Action) {
    let label = format!("{action:?}");
    let before = ws.data().clone();
    as_owner(ws, action).unwrap_or_else(|e| panic!("{label}: {e}"));
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
        title: "Học tập chuyên đề năm 2020".into(),
        text: "Ghi lại ý chính.".into(),
        commitments: vec![existing.id],
        revision: 0,
    };
    let new_remark = Remark {
        id: Uuid::new_v4(),
        period: Period::Quarter(2),
        commitment: Some(existing.id),
        author: "Nguyễn Văn Bình".into(),
        date: date(2020, 6, 30),
        text: "Cần bổ sung minh chứng.".into(),
        revision: 0,
    };
    let other = Uuid::new_v4();
    let mut actions = vec![
        Action::ChangeSettings {
            settings: Settings {
                cell_name: "Chi bộ 3".to_owned(),
                language: Language::English,
                ..Settings::default()
            },
        },
        Action::SaveUserTheme {
            theme: user_theme("2020-riêng", (2020, 2020), "Chuyên đề riêng"),
            use_for: Some((member, year)),
        },
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
                content: "Nội dung đã sửa".into(),
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
                result: "Hoàn thành.".into(),
                evidence: "Biên bản".into(),
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
                title: "Tiêu đề mới".into(),
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
                answers: [(
                    "strengths".to_owned(),
                    Answer {
                        text: "Ưu điểm".into(),
                        rating: None,
                    },
                )]
                .into(),
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
                text: "Đã sửa nhận xét.".into(),
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
                proposed_level: Some(Level::Good),
                decision_number: "125-QĐ/ĐU".to_owned(),
                decided_on: Some(date(2021, 1, 15)),
                revision: 0,
                ..CellDecision::default()
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
    assert_eq!(ws.settings(), &Settings::default());
}

#[test]
fn revisions_count_edits_and_positions_follow_order() {
    let (mut ws, member) = workspace_with_sample();
    let c = commitment(
        "Đi đầu trong phong trào xây dựng nông thôn mới",
        Area::WorkingStyle,
    );
    as_owner(
        &mut ws,
        Action::AddCommitment {
            member,
            year: 2020,
            commitment: c.clone(),
        },
    )
    .unwrap();
    let stored = ws.notebook(member).unwrap().years[&2020]
        .commitment(c.id)
        .unwrap()
        .clone();
    assert_eq!(stored.revision, 1);
    as_owner(
        &mut ws,
        Action::EditCommitment {
            member,
            year: 2020,
            commitment: Commitment {
                product: "Tuyến đường liên ấp".into(),
                ..stored.clone()
            },
        },
    )
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

    as_owner(
        &mut ws,
        Action::MoveCommitment {
            member,
            year: 2020,
            id: c.id,
            position: 0,
        },
    )
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
                    result: Default::default(),
                    evidence: Default::default(),
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
        let err = as_owner(&mut ws, action).unwrap_err();
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
    as_owner(
        &mut ws,
        Action::SetRegistrationDate {
            member,
            year: 2020,
            date: None,
        },
    )
    .unwrap();
    assert_eq!(
        ws.take_dirty().into_iter().collect::<Vec<_>>(),
        [FileKey::Notebook(member)]
    );
    assert_eq!(ws.change_count(member), 1);
    ws.undo();
    assert_eq!(ws.change_count(member), 2);
    assert!(ws.take_dirty().contains(&FileKey::Notebook(member)));
}

#[test]
fn every_text_field_is_stored_as_nfc() {
    let (mut ws, member) = workspace_with_sample();
    let nfd = "Tha\u{300}nh phô\u{301} Tây Ninh";
    let nfc = "Thành phố Tây Ninh";
    let c = Commitment {
        measures: nfd.into(),
        product: nfd.into(),
        ..commitment(nfd, Area::Other)
    };
    as_owner(
        &mut ws,
        Action::AddCommitment {
            member,
            year: 2020,
            commitment: c.clone(),
        },
    )
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
        title: nfd.into(),
        text: nfd.into(),
        commitments: vec![],
        revision: 0,
    };
    as_owner(
        &mut ws,
        Action::AddEntry {
            member,
            year: 2020,
            entry: e.clone(),
        },
    )
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
        let answer = review.answer_mut("strengths");
        answer.text = format!("{}{word}", answer.text).into();
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
            .text("strengths"),
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
    as_owner(
        &mut ws,
        Action::SetYearTheme {
            member,
            year: 2020,
            theme_id: "2019".to_owned(),
        },
    )
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

fn user_theme(id: &str, years: (i16, i16), title: &str) -> Theme {
    Theme {
        id: id.to_owned(),
        years,
        title: title.to_owned(),
        documents: vec!["Hướng dẫn số 01-HD/BTGTW".to_owned()],
        outline: vec!["Ý thứ nhất".to_owned(), "Ý thứ hai".to_owned()],
    }
}

#[test]
fn a_settings_change_is_saved_and_undone_exactly() {
    let (mut ws, member) = workspace_with_sample();
    let old = ws.settings().clone();
    let new = Settings {
        role: Role::Secretary,
        cell_name: "Chi bộ Ấp Thạnh Trung".to_owned(),
        owner: Some(member),
        language: Language::English,
        text_size: TextSize::Larger,
        theme: ThemeChoice::Dark,
        user_themes: vec![user_theme("2030", (2030, 2030), "Chuyên đề của chi bộ")],
        export_folder: Some("/tmp/xuất".to_owned()),
        export_format: Some("pdf".to_owned()),
        ..old.clone()
    };
    as_owner(
        &mut ws,
        Action::ChangeSettings {
            settings: new.clone(),
        },
    )
    .unwrap();
    assert_eq!(ws.settings(), &new);
    assert_eq!(
        ws.take_dirty().into_iter().collect::<Vec<_>>(),
        [FileKey::Settings],
        "the saver is asked to write it, and no notebook is touched"
    );
    assert_eq!(ws.change_count(member), 0);

    assert!(ws.undo());
    assert_eq!(
        ws.settings(),
        &old,
        "undo restores the old settings exactly"
    );
    assert!(
        ws.take_dirty().contains(&FileKey::Settings),
        "and the restored ones are saved"
    );
    assert!(ws.redo());
    assert_eq!(ws.settings(), &new);

    // Asking for what is already there makes no step.
    as_owner(
        &mut ws,
        Action::ChangeSettings {
            settings: new.clone(),
        },
    )
    .unwrap();
    assert!(ws.undo());
    assert_eq!(ws.settings(), &old);
    assert!(!ws.can_undo(), "the unchanged settings added no step");
}

#[test]
fn saving_a_user_theme_and_tying_the_year_is_one_undo_step() {
    let (mut ws, member) = workspace_with_sample();
    let before = ws.data().clone();
    let theme = user_theme("2020-chi-bo", (2020, 2020), "Chuyên đề riêng");
    as_owner(
        &mut ws,
        Action::SaveUserTheme {
            theme: theme.clone(),
            use_for: Some((member, 2020)),
        },
    )
    .unwrap();
    assert_eq!(ws.settings().user_themes, std::slice::from_ref(&theme));
    assert_eq!(
        ws.notebook(member).unwrap().years[&2020].theme_id,
        "2020-chi-bo"
    );
    let dirty = ws.take_dirty();
    assert!(dirty.contains(&FileKey::Settings));
    assert!(dirty.contains(&FileKey::Notebook(member)));

    assert!(ws.undo());
    assert!(ws.data() == &before, "one undo takes back theme and year");
    assert!(!ws.can_undo());
    assert!(ws.redo());
    assert_eq!(ws.settings().user_themes, std::slice::from_ref(&theme));

    // Saving it again corrects it in place: no second theme with its id.
    let corrected = Theme {
        title: "Chuyên đề riêng, đã sửa".to_owned(),
        ..theme
    };
    as_owner(
        &mut ws,
        Action::SaveUserTheme {
            theme: corrected.clone(),
            use_for: Some((member, 2020)),
        },
    )
    .unwrap();
    assert_eq!(ws.settings().user_themes, [corrected]);
}

#[test]
fn settings_and_themes_are_checked() {
    let (mut ws, member) = workspace_with_sample();
    let before = ws.data().clone();
    let with = |change: &dyn Fn(&mut Settings)| {
        let mut s = Settings::default();
        change(&mut s);
        Action::ChangeSettings { settings: s }
    };
    let theme = |t: Theme| Action::SaveUserTheme {
        theme: t,
        use_for: None,
    };
    let good = user_theme("2031", (2031, 2031), "Chuyên đề");
    let cases: Vec<(Action, ActionError)> = vec![
        (
            with(&|s| s.cell_name = "Chi bộ\0".to_owned()),
            ActionError::NulInText(Field::CellName),
        ),
        (
            with(&|s| s.cell_name = "x".repeat(MAX_TEXT_CHARS + 1)),
            ActionError::TextTooLong(Field::CellName),
        ),
        (
            with(&|s| s.owner = Some(Uuid::new_v4())),
            ActionError::UnknownMember,
        ),
        (
            with(&|s| s.export_folder = Some("/tmp/a\0b".to_owned())),
            ActionError::NulInText(Field::ExportFolder),
        ),
        (
            with(&|s| s.user_themes = vec![good.clone(), good.clone()]),
            ActionError::DuplicateId,
        ),
        (
            with(&|s| {
                s.user_themes = vec![Theme {
                    id: " ".into(),
                    ..good.clone()
                }]
            }),
            ActionError::EmptyText(Field::ThemeId),
        ),
        (
            theme(Theme {
                title: String::new(),
                ..good.clone()
            }),
            ActionError::EmptyText(Field::ThemeTitle),
        ),
        (
            theme(Theme {
                years: (2032, 2031),
                ..good.clone()
            }),
            ActionError::ThemeYears,
        ),
        (
            theme(Theme {
                years: (2031, 10000),
                ..good.clone()
            }),
            ActionError::ThemeYears,
        ),
        (
            theme(Theme {
                outline: vec!["a\0".into()],
                ..good.clone()
            }),
            ActionError::NulInText(Field::ThemeOutline),
        ),
        (
            theme(Theme {
                documents: vec!["\0".into()],
                ..good.clone()
            }),
            ActionError::NulInText(Field::ThemeDocuments),
        ),
        (
            Action::SaveUserTheme {
                theme: good.clone(),
                use_for: Some((member, 2031)),
            },
            ActionError::UnknownYear(2031),
        ),
        (
            Action::SaveUserTheme {
                theme: good.clone(),
                use_for: Some((member, 10000)),
            },
            ActionError::YearOutOfRange(10000),
        ),
    ];
    for (action, expected) in cases {
        let label = format!("{expected:?}");
        assert_eq!(as_owner(&mut ws, action).unwrap_err(), expected, "{label}");
    }
    assert!(ws.data() == &before, "a refused change changes nothing");
    assert!(!ws.is_dirty());

    // A value already there does not block an unrelated change.
    let mut data = ws.data().clone();
    data.settings.cell_name = "Chi bộ\0 cũ".to_owned();
    let mut ws = Workspace::new(data);
    let mut s = ws.settings().clone();
    s.language = Language::English;
    as_owner(&mut ws, Action::ChangeSettings { settings: s }).unwrap();
}

#[test]
fn settings_respect_read_only_and_frozen_notebooks() {
    let (mut ws, member) = workspace_with_sample();
    let theme = user_theme("2030", (2030, 2030), "Chuyên đề");
    ws.freeze(member, Reason::new(Message::new(T::IoReadOnly)));
    // The settings are not the frozen member's: they still change.
    as_owner(
        &mut ws,
        Action::SaveUserTheme {
            theme: theme.clone(),
            use_for: None,
        },
    )
    .unwrap();
    let refused = as_owner(
        &mut ws,
        Action::SaveUserTheme {
            theme: theme.clone(),
            use_for: Some((member, 2020)),
        },
    );
    assert!(matches!(refused, Err(ActionError::ReadOnly(_))));

    let (mut ws, _) = workspace_with_sample();
    ws.set_read_only(Reason::new(Message::new(T::ProblemLocked).with("host 42")));
    let refused = ws
        .apply(Action::ChangeSettings {
            settings: Settings {
                language: Language::English,
                ..Settings::default()
            },
        })
        .unwrap_err();
    assert_eq!(
        refused.message(Language::English),
        "Cannot change it: The notebooks are open in another program (host 42). \
         This time they can be read but not changed; close the other program and open this one again.",
        "the reason comes in the window's language"
    );
    assert!(!ws.is_dirty());
}

#[test]
fn typing_a_cell_name_joins_one_undo_step() {
    let (mut ws, _) = workspace_with_sample();
    let before = ws.settings().clone();
    let mut step = None;
    for name in ["Chi", "Chi bộ", "Chi bộ 3"] {
        let mut s = ws.settings().clone();
        s.cell_name = name.to_owned();
        step = Some(
            ws.apply_joining(Action::ChangeSettings { settings: s }, step)
                .unwrap(),
        );
    }
    assert_eq!(ws.settings().cell_name, "Chi bộ 3");
    assert!(ws.undo());
    assert_eq!(ws.settings(), &before);
    assert!(!ws.can_undo());
}

/// Every text an action carries, with a NUL inside, is refused naming the
/// field, in both languages.
#[test]
fn nul_bytes_in_any_text_are_refused() {
    let (mut ws, member) = workspace_with_sample();
    let before = ws.data().clone();
    let book = ws.notebook(member).unwrap().years[&2020].clone();
    let c = book.commitments[0].clone();
    let nul = "có\0NUL".to_owned();
    let year = 2020;
    let profile = |change: &dyn Fn(&mut Profile)| {
        let mut p = Profile {
            full_name: "Lý Thị Vy".to_owned(),
            ..Profile::default()
        };
        change(&mut p);
        Action::SetProfile { member, profile: p }
    };
    let commitment = |change: &dyn Fn(&mut Commitment)| {
        let mut commitment = c.clone();
        change(&mut commitment);
        Action::EditCommitment {
            member,
            year,
            commitment,
        }
    };
    let progress = |change: &dyn Fn(&mut ProgressRecord)| {
        let mut record = ProgressRecord {
            commitment: c.id,
            period: Period::Month(3),
            status: Status::Done,
            result: Default::default(),
            evidence: Default::default(),
            written_on: date(2020, 3, 31),
            revision: 0,
        };
        change(&mut record);
        Action::SetProgress {
            member,
            year,
            record,
        }
    };
    let entry = |change: &dyn Fn(&mut Entry)| {
        let mut entry = Entry {
            id: Uuid::new_v4(),
            date: date(2020, 4, 1),
            kind: EntryKind::Study,
            title: "Tiêu đề".into(),
            text: Default::default(),
            commitments: vec![],
            revision: 0,
        };
        change(&mut entry);
        Action::AddEntry {
            member,
            year,
            entry,
        }
    };
    let review = |change: &dyn Fn(&mut SelfReview)| {
        let mut review = SelfReview::default();
        change(&mut review);
        Action::SetSelfReview {
            member,
            year,
            review,
        }
    };
    let remark = |change: &dyn Fn(&mut Remark)| {
        let mut remark = Remark {
            id: Uuid::new_v4(),
            period: Period::Quarter(1),
            commitment: None,
            author: "Bí thư".into(),
            date: date(2020, 3, 31),
            text: "Tốt".into(),
            revision: 0,
        };
        change(&mut remark);
        Action::AddRemark {
            member,
            year,
            remark,
        }
    };
    let n = || nul.clone();
    let cases: Vec<(Action, Field)> = vec![
        (
            Action::CreateNotebook {
                id: Uuid::new_v4(),
                profile: Profile {
                    full_name: n(),
                    ..Profile::default()
                },
            },
            Field::FullName,
        ),
        (profile(&|p| p.party_post = n()), Field::PartyPost),
        (profile(&|p| p.government_post = n()), Field::GovernmentPost),
        (profile(&|p| p.mass_post = n()), Field::MassPost),
        (profile(&|p| p.workplace = n()), Field::Workplace),
        (profile(&|p| p.cell = n()), Field::Cell),
        (profile(&|p| p.card_number = Some(n())), Field::CardNumber),
        (
            Action::StartYear {
                member,
                year: 2030,
                theme_id: n(),
            },
            Field::ThemeId,
        ),
        (
            Action::SetYearTheme {
                member,
                year,
                theme_id: n(),
            },
            Field::ThemeId,
        ),
        (
            commitment(&|c| c.content = n().into()),
            Field::CommitmentContent,
        ),
        (commitment(&|c| c.measures = n().into()), Field::Measures),
        (commitment(&|c| c.product = n().into()), Field::Product),
        (progress(&|r| r.result = n().into()), Field::Result),
        (progress(&|r| r.evidence = n().into()), Field::Evidence),
        (entry(&|e| e.title = n().into()), Field::EntryTitle),
        (entry(&|e| e.text = n().into()), Field::EntryText),
        (
            review(&|r| r.answer_mut("strengths").text = n().into()),
            Field::Strengths,
        ),
        (
            review(&|r| r.answer_mut("shortcomings").text = n().into()),
            Field::Shortcomings,
        ),
        (
            review(&|r| r.answer_mut("fixes").text = n().into()),
            Field::SelfReviewText,
        ),
        (
            review(&|r| r.answer_mut("remedies").text = n().into()),
            Field::Remedies,
        ),
        (
            review(&|r| r.answer_mut("commitments").text = n().into()),
            Field::CommitmentsKept,
        ),
        (remark(&|r| r.text = n().into()), Field::RemarkText),
        (remark(&|r| r.author = n().into()), Field::RemarkAuthor),
        (
            Action::SetCellDecision {
                member,
                year,
                decision: CellDecision {
                    secretary: n(),
                    ..CellDecision::default()
                },
            },
            Field::SecretaryName,
        ),
    ];
    for (action, field) in cases {
        let err = as_owner(&mut ws, action).unwrap_err();
        assert_eq!(err, ActionError::NulInText(field));
        for language in [Language::Vietnamese, Language::English] {
            let message = err.message(language);
            assert!(message.contains(T::field(field).get(language)), "{message}");
            assert!(message.contains("NUL"), "{message}");
        }
    }
    assert!(ws.data() == &before);
}

/// A notebook with a year far outside the range, as a hand-edited file
/// could hold: every action on it is refused, none panics.
#[test]
fn years_out_of_range_are_refused_by_every_year_bearing_action() {
    let (ws, member) = workspace_with_sample();
    let mut data = ws.data().clone();
    let book = data.notebooks[&member].years[&2020].clone();
    let c = book.commitments[0].clone();
    for year in [10000, 1929, 2201, i16::MAX, i16::MIN, -1, 0] {
        let nb = std::sync::Arc::make_mut(data.notebooks.get_mut(&member).unwrap());
        nb.years.insert(year, book.clone());
        let mut ws = Workspace::new(data.clone());
        let before = ws.data().clone();
        for action in year_bearing_actions(member, year, &c) {
            let label = format!("{action:?}");
            let err = as_owner(&mut ws, action).unwrap_err();
            assert_eq!(err, ActionError::YearOutOfRange(year), "{label}");
        }
        assert!(ws.data() == &before);
    }
}

/// One action of each kind that names a year.
fn year_bearing_actions(member: Uuid, year: i16, c: &Commitment) -> Vec<Action> {
    let jan = date(2020, 1, 2);
    let entry = Entry {
        id: Uuid::new_v4(),
        date: jan,
        kind: EntryKind::Study,
        title: "Ghi chép".into(),
        text: Default::default(),
        commitments: vec![],
        revision: 0,
    };
    let remark = Remark {
        id: Uuid::new_v4(),
        period: Period::Year,
        commitment: None,
        author: Default::default(),
        date: jan,
        text: "Nhận xét".into(),
        revision: 0,
    };
    let record = ProgressRecord {
        commitment: c.id,
        period: Period::Month(1),
        status: Status::Done,
        result: Default::default(),
        evidence: Default::default(),
        written_on: jan,
        revision: 0,
    };
    let theme_id = "2020".to_owned();
    vec![
        Action::StartYear {
            member,
            year,
            theme_id: theme_id.clone(),
        },
        Action::RemoveYear { member, year },
        Action::SetYearTheme {
            member,
            year,
            theme_id,
        },
        Action::SetRegistrationDate {
            member,
            year,
            date: Some(jan),
        },
        Action::AddCommitment {
            member,
            year,
            commitment: commitment("Đọc báo", Area::Duties),
        },
        Action::EditCommitment {
            member,
            year,
            commitment: c.clone(),
        },
        Action::RemoveCommitment {
            member,
            year,
            id: c.id,
        },
        Action::MoveCommitment {
            member,
            year,
            id: c.id,
            position: 0,
        },
        Action::SetProgress {
            member,
            year,
            record,
        },
        Action::ClearProgress {
            member,
            year,
            commitment: c.id,
            period: Period::Month(1),
        },
        Action::AddEntry {
            member,
            year,
            entry: entry.clone(),
        },
        Action::EditEntry {
            member,
            year,
            entry: entry.clone(),
        },
        Action::RemoveEntry {
            member,
            year,
            id: entry.id,
        },
        Action::SetSelfReview {
            member,
            year,
            review: SelfReview::default(),
        },
        Action::AddRemark {
            member,
            year,
            remark: remark.clone(),
        },
        Action::EditRemark {
            member,
            year,
            remark: remark.clone(),
        },
        Action::RemoveRemark {
            member,
            year,
            id: remark.id,
        },
        Action::SetCellDecision {
            member,
            year,
            decision: CellDecision::default(),
        },
        Action::SaveUserTheme {
            theme: user_theme("x", (2020, 2020), "Chuyên đề"),
            use_for: Some((member, year)),
        },
    ]
}

#[test]
fn periods_out_of_range_are_refused() {
    let (mut ws, member) = workspace_with_sample();
    let before = ws.data().clone();
    let c = ws.notebook(member).unwrap().years[&2020].commitments[0].clone();
    let bad = [
        Period::Quarter(0),
        Period::Quarter(5),
        Period::Quarter(200),
        Period::Month(0),
        Period::Month(13),
        Period::Half(0),
        Period::Half(3),
    ];
    for period in bad {
        let set = Action::SetProgress {
            member,
            year: 2020,
            record: ProgressRecord {
                commitment: c.id,
                period,
                status: Status::Done,
                result: Default::default(),
                evidence: Default::default(),
                written_on: date(2020, 6, 30),
                revision: 0,
            },
        };
        let clear = Action::ClearProgress {
            member,
            year: 2020,
            commitment: c.id,
            period,
        };
        let remark = Action::AddRemark {
            member,
            year: 2020,
            remark: Remark {
                id: Uuid::new_v4(),
                period,
                commitment: None,
                author: Default::default(),
                date: date(2020, 6, 30),
                text: "Nhận xét".into(),
                revision: 0,
            },
        };
        for action in [set, clear, remark] {
            let label = format!("{action:?}");
            assert_eq!(
                as_owner(&mut ws, action),
                Err(ActionError::InvalidPeriod),
                "{label}"
            );
        }
    }
    assert!(ws.data() == &before);
    assert!(!ws.can_undo());
}

#[test]
fn dates_outside_their_year_are_refused() {
    let (mut ws, member) = workspace_with_sample();
    let c = ws.notebook(member).unwrap().years[&2020].commitments[0].clone();
    let record = |written_on| Action::SetProgress {
        member,
        year: 2020,
        record: ProgressRecord {
            commitment: c.id,
            period: Period::Month(12),
            status: Status::Done,
            result: Default::default(),
            evidence: Default::default(),
            written_on,
            revision: 0,
        },
    };
    let remark = |on| Action::AddRemark {
        member,
        year: 2020,
        remark: Remark {
            id: Uuid::new_v4(),
            period: Period::Year,
            commitment: None,
            author: Default::default(),
            date: on,
            text: "Nhận xét".into(),
            revision: 0,
        },
    };
    assert_eq!(
        as_owner(&mut ws, record(date(2019, 12, 31))),
        Err(ActionError::DateBeforeYear {
            field: Field::ProgressDate,
            year: 2020
        })
    );
    assert_eq!(
        as_owner(&mut ws, remark(date(2022, 1, 5))),
        Err(ActionError::DateOutsideYear {
            field: Field::RemarkDate,
            year: 2020
        })
    );
    assert_eq!(
        as_owner(&mut ws, remark(date(2019, 12, 5))),
        Err(ActionError::DateOutsideYear {
            field: Field::RemarkDate,
            year: 2020
        })
    );
    // Records may be written late: a notebook caught up in a later year,
    // remarks on the last quarter in the January after.
    as_owner(&mut ws, record(date(2024, 5, 1))).unwrap();
    as_owner(&mut ws, remark(date(2021, 1, 10))).unwrap();
    let e = ActionError::DateBeforeYear {
        field: Field::ProgressDate,
        year: 2020,
    };
    assert_eq!(
        e.message(Language::Vietnamese),
        "Ngày ghi kết quả không được trước năm 2020."
    );
    assert_eq!(
        e.message(Language::English),
        "The date of the result cannot be before 2020."
    );
}

#[test]
fn new_refusals_read_in_both_languages() {
    let e = ActionError::NulInText(Field::CellName);
    assert_eq!(
        e.message(Language::Vietnamese),
        "Có ký tự NUL (mã 0) trong tên chi bộ; hãy xóa ký tự đó."
    );
    assert_eq!(
        e.message(Language::English),
        "There is a NUL character (code 0) in the cell's name; please remove it."
    );
    let e = ActionError::YearOutOfRange(10000);
    assert!(e.message(Language::English).contains("1930 to 2200"));
    assert!(e.to_string().contains("từ 1930 đến 2200"));
    assert!(ActionError::ThemeYears.to_string().contains("chuyên đề"));
    assert!(
        ActionError::ThemeYears
            .message(Language::English)
            .contains("theme")
    );
}

/// The secretary writes only the cell's part and a member only their own
/// (DESIGN.md, "Ownership"): each action of the other side is refused in
/// `Workspace::apply`, with a message in both languages, and nothing moves.
#[test]
fn each_part_is_refused_to_the_other_role() {
    let (mut ws, member) = workspace_with_sample();
    let year = 2020;
    let c = ws.notebook(member).unwrap().years[&year].commitments[0].clone();
    let mut actions = year_bearing_actions(member, year, &c);
    actions.push(Action::SetProfile {
        member,
        profile: ws.notebook(member).unwrap().profile.clone(),
    });
    actions.push(Action::SetMeeting {
        year,
        meeting: sample_meeting(),
    });
    actions.push(Action::RemoveMeeting { year });
    let (mut member_owned, mut cell_owned) = (0, 0);
    for role in [Role::Member, Role::Secretary] {
        let settings = Settings {
            role,
            ..ws.settings().clone()
        };
        ws.apply(Action::ChangeSettings { settings }).unwrap();
        let before = ws.data().clone();
        for action in actions
            .iter()
            .filter(|a| a.owner().is_some_and(|o| o != role))
        {
            match role {
                Role::Member => cell_owned += 1,
                Role::Secretary => member_owned += 1,
            }
            let label = format!("{action:?}");
            let err = ws.apply(action.clone()).unwrap_err();
            assert_eq!(err, ActionError::NotYourPart(role), "{label}");
            let vi = err.message(Language::Vietnamese);
            let en = err.message(Language::English);
            let side = if role == Role::Member {
                "chi bộ"
            } else {
                "đảng viên"
            };
            assert!(vi.contains(side), "{vi}");
            assert!(
                en.starts_with(if role == Role::Member {
                    "A member"
                } else {
                    "The cell secretary"
                }),
                "{en}"
            );
        }
        assert!(
            ws.data() == &before,
            "a refusal changed the data in {role:?}"
        );
    }
    // Profile, years, commitments, progress, entries, self-review, theme.
    assert!(member_owned >= 15, "{member_owned}");
    // Add, edit and remove a remark; the decision; the meeting.
    assert_eq!(cell_owned, 6);
    // The owner's own action passes the role check.
    let review = Action::SetCellDecision {
        member,
        year,
        decision: CellDecision {
            proposed_level: Some(Level::Good),
            secretary: "Nguyễn Văn Bình".to_owned(),
            signed_on: Some(date(2020, 12, 28)),
            ..CellDecision::default()
        },
    };
    ws.apply(review).unwrap();
    assert!(
        ws.notebook(member).unwrap().years[&year]
            .cell_review
            .decision
            .is_signed()
    );
}

fn sample_meeting() -> Meeting {
    Meeting {
        date: Some(date(2020, 12, 18)),
        starts_at: "14 giờ 00".to_owned(),
        ends_at: "16 giờ 30".to_owned(),
        place: "Hội trường văn phòng ấp Tân Định".to_owned(),
        chair: "Nguyễn Văn Bình".to_owned(),
        minute_taker: "Lê Thị Hoa".to_owned(),
        members_total: Some(12),
        absent: vec![Absence {
            member: None,
            name: "Trần Văn Cường".to_owned(),
            reason: "Ốm".to_owned(),
        }],
        guests: vec![Guest {
            name: "Phạm Minh Đức".to_owned(),
            post: "Đảng ủy viên, phụ trách chi bộ".to_owned(),
        }],
        proceedings: "Đồng chí Bí thư thông qua báo cáo kiểm điểm của chi ủy.".to_owned(),
        conclusion: "Chi bộ thống nhất đề xuất mức xếp loại như biên bản.".to_owned(),
        revision: 0,
    }
}

#[test]
fn the_meeting_is_the_cells_own_record_undone_and_checked() {
    let (mut ws, member) = workspace_with_sample();
    let secretary = Settings {
        role: Role::Secretary,
        ..ws.settings().clone()
    };
    ws.apply(Action::ChangeSettings {
        settings: secretary,
    })
    .unwrap();
    ws.take_dirty();
    let before = ws.data().clone();
    ws.apply(Action::SetMeeting {
        year: 2020,
        meeting: sample_meeting(),
    })
    .unwrap();
    let saved = ws.meeting(2020).unwrap();
    assert_eq!(saved.revision, 1);
    assert_eq!(saved.present(12), 11);
    assert_eq!(
        ws.take_dirty().into_iter().collect::<Vec<_>>(),
        [FileKey::Meetings],
        "only the cell's own file is written"
    );
    assert_eq!(ws.change_count(member), 0);
    assert!(ws.undo());
    assert!(ws.data() == &before);
    assert!(ws.redo());
    // A meeting dated two years on, or an absence with no name, is refused.
    let mut late = sample_meeting();
    late.date = Some(date(2022, 1, 5));
    assert!(matches!(
        ws.apply(Action::SetMeeting {
            year: 2020,
            meeting: late
        }),
        Err(ActionError::DateOutsideYear { .. })
    ));
    let mut nameless = sample_meeting();
    nameless.absent[0].name = " ".to_owned();
    assert_eq!(
        ws.apply(Action::SetMeeting {
            year: 2020,
            meeting: nameless
        }),
        Err(ActionError::EmptyText(Field::AbsentName))
    );
    ws.apply(Action::RemoveMeeting { year: 2020 }).unwrap();
    assert_eq!(
        ws.apply(Action::RemoveMeeting { year: 2020 }),
        Err(ActionError::UnknownMeeting(2020))
    );
}

#[test]
fn the_cells_decision_keeps_votes_comments_and_assessment() {
    let (mut ws, member) = workspace_with_sample();
    let secretary = Settings {
        role: Role::Secretary,
        ..ws.settings().clone()
    };
    ws.apply(Action::ChangeSettings {
        settings: secretary,
    })
    .unwrap();
    ws.take_dirty();
    let mut decision = CellDecision {
        proposed_level: Some(Level::Good),
        comments: "Đồng chí gương mẫu, cần mạnh dạn phê bình hơn.".to_owned(),
        votes: [
            (Level::Good, 10),
            (Level::Excellent, 1),
            (Level::Completed, 0),
        ]
        .into(),
        assessment: [
            ("I.1".to_owned(), "Tư tưởng chính trị vững vàng.".to_owned()),
            ("I.2".to_owned(), "  ".to_owned()),
        ]
        .into(),
        ..CellDecision::default()
    };
    ws.apply(Action::SetCellDecision {
        member,
        year: 2020,
        decision: decision.clone(),
    })
    .unwrap();
    let kept = &ws.notebook(member).unwrap().years[&2020]
        .cell_review
        .decision;
    assert_eq!(
        kept.votes,
        [(Level::Excellent, 1), (Level::Good, 10)].into()
    );
    assert_eq!(kept.assessment.len(), 1, "an empty assessment is left out");
    assert_eq!(
        ws.take_dirty().into_iter().collect::<Vec<_>>(),
        [FileKey::Cell(member)],
        "the cell's part, not the member's notebook"
    );
    decision.votes.insert(Level::Good, 10_001);
    assert_eq!(
        ws.apply(Action::SetCellDecision {
            member,
            year: 2020,
            decision
        }),
        Err(ActionError::TooManyVotes)
    );
}
