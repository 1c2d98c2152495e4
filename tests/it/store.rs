//! The workspace on disk: round trips, backups, recovery from damaged files,
//! versions, the lock, and saving in the background.

use crate::common;

use std::fs;

use common::{create_member, open, put_notebook, sample_notebook};
use sophandau::model::{Profile, Settings};
use sophandau::store::{self, Problem, notebook_to_ron};
use sophandau::workspace::{Action, ActionError, MAX_TEXT_CHARS};

#[test]
fn full_notebook_round_trips_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(3);
    put_notebook(dir.path(), &notebook);
    let path = store::Files::new(dir.path()).notebook_path(notebook.id);
    let first = fs::read(&path).unwrap();

    let session = open(dir.path());
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    let loaded = session.workspace.notebook(notebook.id).unwrap();
    assert_eq!(loaded, &notebook);
    session.store.files().save_notebook(loaded).unwrap();
    assert_eq!(fs::read(&path).unwrap(), first);
    assert_eq!(notebook_to_ron(loaded).as_bytes(), &first[..]);
}

#[test]
fn saved_file_is_readable_vietnamese() {
    let notebook = sample_notebook(4);
    let text = notebook_to_ron(&notebook);
    assert!(text.contains(&notebook.profile.full_name));
    assert!(text.contains("schema_version: 3"));
    assert!(!text.contains("\\u{"), "no escaped letters");
}

#[test]
fn changes_are_saved_in_the_background_and_on_drop() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    let id = create_member(&mut session, "Trần Thị Mai");
    session.store.flush().unwrap();
    let path = session.store.files().notebook_path(id);
    assert!(fs::read_to_string(&path).unwrap().contains("Trần Thị Mai"));
    assert_eq!(session.store.status().pending, 0);

    let mut profile = session.workspace.notebook(id).unwrap().profile.clone();
    profile.workplace = "UBND xã Long Thuận".to_owned();
    session
        .apply(Action::SetProfile {
            member: id,
            profile,
        })
        .unwrap();
    drop(session);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("UBND xã Long Thuận")
    );
}

#[test]
fn decomposed_input_is_stored_composed() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Ha\u{323}nh";
    let id = create_member(&mut session, nfd);
    assert_eq!(
        session.workspace.notebook(id).unwrap().profile.full_name,
        "Nguyễn Thị Hạnh"
    );
    session.store.flush().unwrap();
    let text = fs::read_to_string(session.store.files().notebook_path(id)).unwrap();
    assert!(text.contains("Nguyễn Thị Hạnh"));
    assert!(!text.contains(nfd));
}

#[test]
fn backups_rotate_to_the_last_saves() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    // Only the count: every save is minutes old here.
    let settings = Settings {
        backups: sophandau::model::BackupPolicy {
            keep_last: 5,
            keep_all_minutes: 0,
            keep_hourly_hours: 0,
            keep_daily_days: 0,
        },
        ..Settings::default()
    };
    session.workspace.set_settings(settings).unwrap();
    let id = create_member(&mut session, "Lê Văn Nam");
    session.store.flush().unwrap();
    for n in 0..9 {
        let mut profile = session.workspace.notebook(id).unwrap().profile.clone();
        profile.mass_post = format!("lần {n}");
        session
            .apply(Action::SetProfile {
                member: id,
                profile,
            })
            .unwrap();
        session.store.flush().unwrap();
    }
    let backups = dir.path().join("backups").join(id.to_string());
    // Five recent saves; the newest of today is among them.
    assert_eq!(fs::read_dir(&backups).unwrap().count(), 5);
    let newest = store_backups(&backups).pop().unwrap();
    assert!(fs::read_to_string(newest).unwrap().contains("lần 7"));
}

fn store_backups(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Saves a member twice (so a backup of the first version exists) next to a
/// second, healthy member; returns their ids and the first version's profile.
fn two_members_with_backup(dir: &std::path::Path) -> (uuid::Uuid, uuid::Uuid, Profile) {
    let mut session = open(dir);
    let damaged = create_member(&mut session, "Phạm Văn Hùng");
    let healthy = create_member(&mut session, "Võ Thị Lan");
    session.store.flush().unwrap();
    let first = session.workspace.notebook(damaged).unwrap().profile.clone();
    let mut later = first.clone();
    later.workplace = "Trường THCS Lê Lợi".to_owned();
    session
        .apply(Action::SetProfile {
            member: damaged,
            profile: later,
        })
        .unwrap();
    session.store.flush().unwrap();
    (damaged, healthy, first)
}

#[test]
fn damaged_files_are_moved_aside_and_the_backup_is_loaded() {
    type Damage = fn(&[u8]) -> Vec<u8>;
    let damages: [(&str, Damage); 4] = [
        ("garbage", |_| {
            b"(schema_version: 1, notebook: ( id: !!!".to_vec()
        }),
        ("truncated", |b| b[..b.len() / 2].to_vec()),
        ("empty", |_| Vec::new()),
        ("nul-filled", |b| vec![0; b.len()]),
    ];
    for (name, damage) in damages {
        let dir = tempfile::tempdir().unwrap();
        let (damaged, healthy, first) = two_members_with_backup(dir.path());
        let files = store::Files::new(dir.path());
        let path = files.notebook_path(damaged);
        let healthy_bytes = fs::read(files.notebook_path(healthy)).unwrap();
        let bad = damage(&fs::read(&path).unwrap());
        fs::write(&path, &bad).unwrap();

        let session = open(dir.path());
        let [
            Problem::Recovered {
                file,
                moved_to: Some(aside),
                backup,
                ..
            },
        ] = &session.problems[..]
        else {
            panic!("{name}: expected one recovery, got {:?}", session.problems);
        };
        assert_eq!(file, &path, "{name}");
        assert_eq!(
            fs::read(aside).unwrap(),
            bad,
            "{name}: the bad file is kept as it was"
        );
        assert!(backup.starts_with(dir.path().join("backups")), "{name}");
        assert_eq!(
            session.workspace.notebook(damaged).unwrap().profile,
            first,
            "{name}"
        );
        assert_eq!(
            fs::read(files.notebook_path(healthy)).unwrap(),
            healthy_bytes,
            "{name}"
        );
        let message = session.problems[0].to_string();
        assert!(
            message.contains("bị hỏng") && message.contains("bản sao lưu"),
            "{message}"
        );
        let aside = aside.clone();
        drop(session);

        // The restored file now opens; the file set aside stays reported
        // until it is settled.
        let again = open(dir.path());
        assert_eq!(
            again.problems,
            [Problem::SetAside {
                file: aside.clone(),
                of: path.clone(),
                in_use: true
            }],
            "{name}"
        );
        assert_eq!(again.workspace.notebooks().count(), 2);
        drop(again);
        store::remove_set_aside(dir.path(), &aside).unwrap();
        assert_eq!(open(dir.path()).problems, [], "{name}");
    }
}

#[test]
fn damaged_file_without_backup_is_kept_and_others_load() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(5);
    put_notebook(dir.path(), &notebook);
    put_notebook(dir.path(), &sample_notebook(6));
    let path = store::Files::new(dir.path()).notebook_path(notebook.id);
    fs::write(&path, "not ron at all").unwrap();

    let session = open(dir.path());
    assert!(matches!(
        &session.problems[..],
        [Problem::Lost {
            moved_to: Some(_),
            ..
        }]
    ));
    assert_eq!(session.workspace.notebooks().count(), 1);
    assert!(
        session.problems[0]
            .to_string()
            .contains("Không có bản sao lưu")
    );
}

#[test]
fn check_reports_damage_without_touching_anything() {
    let dir = tempfile::tempdir().unwrap();
    let (damaged, _, _) = two_members_with_backup(dir.path());
    let path = store::Files::new(dir.path()).notebook_path(damaged);
    fs::write(&path, "").unwrap();
    let (workspace, problems) = store::inspect(dir.path()).unwrap();
    assert!(problems.iter().any(Problem::is_damage));
    assert_eq!(
        workspace.notebooks().count(),
        2,
        "the backup is what would open"
    );
    assert_eq!(fs::read(&path).unwrap(), b"", "check changes nothing");
}

#[test]
fn second_open_of_a_workspace_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = open(dir.path());
    let id = create_member(&mut first, "Đặng Văn Sơn");
    first.store.flush().unwrap();

    let mut second = open(dir.path());
    assert!(second.store.is_read_only());
    assert!(matches!(second.problems[0], Problem::Locked { .. }));
    let why = second.workspace.read_only().expect("read-only").to_string();
    assert!(why.contains("chương trình khác"), "{why}");
    assert!(why.contains("tiến trình"), "says who holds it: {why}");
    let in_english = second.workspace.read_only().unwrap();
    let in_english = in_english.get(sophandau::model::Language::English);
    assert!(
        in_english.contains("open in another program"),
        "{in_english}"
    );
    let refused = second.apply(Action::RemoveNotebook { member: id });
    assert!(matches!(refused, Err(ActionError::ReadOnly(_))));
    assert_eq!(second.workspace.notebooks().count(), 1);
    drop(second);
    drop(first);

    let third = open(dir.path());
    assert!(!third.store.is_read_only());
}

#[test]
fn newer_file_opens_read_only_and_is_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(7);
    put_notebook(dir.path(), &notebook);
    let path = store::Files::new(dir.path()).notebook_path(notebook.id);
    let newer = fs::read_to_string(&path)
        .unwrap()
        .replace("schema_version: 3", "schema_version: 4");
    fs::write(&path, &newer).unwrap();

    let mut session = open(dir.path());
    assert!(matches!(
        session.problems[..],
        [Problem::Newer { version: 4, .. }]
    ));
    assert!(session.problems[0].to_string().contains("chỉ xem được"));
    assert_eq!(session.workspace.notebook(notebook.id), Some(&notebook));
    let refused = session.apply(Action::RemoveNotebook {
        member: notebook.id,
    });
    assert!(matches!(refused, Err(ActionError::ReadOnly(_))));
    drop(session);
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn unreadable_newer_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    put_notebook(dir.path(), &sample_notebook(8));
    let other = sample_notebook(9);
    let path = store::Files::new(dir.path()).notebook_path(other.id);
    let text = "(schema_version: 4, notebook: (a_future_shape: [1, 2, 3]))";
    fs::write(&path, text).unwrap();
    let session = open(dir.path());
    assert!(matches!(
        session.problems[..],
        [Problem::TooNew { version: 4, .. }]
    ));
    assert!(
        session.problems[0]
            .to_string()
            .contains("cập nhật chương trình")
    );
    assert_eq!(session.workspace.notebooks().count(), 1);
    drop(session);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_file_under_another_members_name_is_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let notebook = sample_notebook(10);
    let files = store::Files::new(dir.path());
    files.create_dirs().unwrap();
    let wrong = files
        .notebooks_dir()
        .join(format!("{}.ron", uuid::Uuid::new_v4()));
    fs::write(&wrong, notebook_to_ron(&notebook)).unwrap();
    let session = open(dir.path());
    assert!(matches!(session.problems[..], [Problem::Misnamed { .. }]));
    assert_eq!(session.workspace.notebooks().count(), 0);
    assert!(wrong.exists());
}

#[test]
fn huge_text_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    let id = create_member(&mut session, "Ngô Văn Trí");
    let mut profile = session.workspace.notebook(id).unwrap().profile.clone();
    profile.workplace = "ấ".repeat(MAX_TEXT_CHARS + 1);
    let err = session
        .apply(Action::SetProfile {
            member: id,
            profile,
        })
        .unwrap_err();
    assert!(matches!(err, ActionError::TextTooLong(_)));
    assert!(err.to_string().contains("quá dài"));
    assert_eq!(
        session.workspace.notebook(id).unwrap().profile.workplace,
        ""
    );
}

#[test]
fn stray_temp_files_are_cleaned_and_never_read() {
    let dir = tempfile::tempdir().unwrap();
    put_notebook(dir.path(), &sample_notebook(11));
    let notebooks = dir.path().join("notebooks");
    let stray = notebooks.join(format!("{}abc.part", store::TEMP_PREFIX));
    fs::write(&stray, "(schema_version: 1, notebook: (id: \"half").unwrap();
    let session = open(dir.path());
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    assert_eq!(session.workspace.notebooks().count(), 1);
    assert!(!stray.exists());
}

#[test]
fn removed_member_goes_to_backups_not_to_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    let id = create_member(&mut session, "Hồ Thị Nga");
    session.store.flush().unwrap();
    session
        .apply(Action::RemoveNotebook { member: id })
        .unwrap();
    session.store.flush().unwrap();
    let path = session.store.files().notebook_path(id);
    assert!(!path.exists());
    let kept = store_backups(&dir.path().join("backups").join(id.to_string()));
    assert!(
        fs::read_to_string(kept.last().unwrap())
            .unwrap()
            .contains("Hồ Thị Nga")
    );
}

/// A version 1 file: the five free texts of the self-review go to the
/// sections of the 2020 form (Mẫu 02-HD KĐ.ĐG), word for word, and the
/// old file is kept among the backups.
#[test]
fn v1_self_review_migrates_to_the_form_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let files = store::Files::new(dir.path());
    files.create_dirs().unwrap();
    let fixture = include_str!("../fixtures/v1-notebook.ron");
    let id: uuid::Uuid = "a1000000-0000-4000-8000-000000000001".parse().unwrap();
    fs::write(files.notebook_path(id), fixture).unwrap();

    let session = open(dir.path());
    assert!(matches!(
        session.problems[..],
        [Problem::Migrated { from: 1, .. }]
    ));
    let notebook = session.workspace.notebook(id).unwrap();
    let book = &notebook.years[&2020];
    let r = book.self_review.as_ref().unwrap();
    assert_eq!(r.form, "02-HD KĐ.ĐG");
    assert_eq!(
        r.text("strengths"),
        "Luôn giữ vững lập trường tư tưởng chính trị; hoàn thành tốt các cam kết đã đăng ký."
    );
    assert_eq!(
        r.text("commitments"),
        "Hoàn thành phần lớn cam kết; việc tuyên truyền ở tổ dân cư còn dở dang."
    );
    assert_eq!(
        r.text("shortcomings"),
        "Có lúc còn ngại va chạm; việc tuyên truyền trong tổ dân cư chưa đều do dịch bệnh.\n\nNguyên nhân: Chủ quan, chưa sắp xếp thời gian hợp lý."
    );
    assert_eq!(
        r.text("remedies"),
        "Năm 2021 lập kế hoạch cụ thể từng quý và báo cáo chi bộ."
    );
    assert_eq!(r.proposed_level, Some(sophandau::model::Level::Good));
    assert_eq!(r.written_on, Some(jiff::civil::date(2020, 12, 15)));
    assert_eq!(r.answers.len(), 4, "nothing else invented");
    // Every other record is as it was.
    assert_eq!(book.commitments.len(), 7);
    assert_eq!(book.cell_review.remarks.len(), 2);
    assert_eq!(notebook.profile.full_name, "Nguyễn Văn Bình");
    // The section the form asks for is filled from the old text.
    let form =
        sophandau::themes::self_review_form(2020, &sophandau::model::Profile::default(), Some(r))
            .unwrap();
    assert!(form.section("strengths").is_some() && form.section("remedies").is_some());
    session.store.flush().unwrap();
    let rewritten = fs::read_to_string(files.notebook_path(id)).unwrap();
    assert!(rewritten.contains("schema_version: 3"));
    assert!(!rewritten.contains("commitments_kept"));
    let kept = store_backups(&dir.path().join("backups").join(id.to_string()));
    assert_eq!(
        fs::read_to_string(&kept[0]).unwrap(),
        fixture,
        "the v1 file is kept"
    );
}

#[test]
fn v0_file_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let files = store::Files::new(dir.path());
    files.create_dirs().unwrap();
    let fixture = include_str!("../fixtures/v0-notebook.ron");
    let id: uuid::Uuid = "0f8c3a52-7d1e-4b8a-9c61-2b5e4f7a9d10".parse().unwrap();
    fs::write(files.notebook_path(id), fixture).unwrap();

    let session = open(dir.path());
    assert!(matches!(
        session.problems[..],
        [Problem::Migrated { from: 0, .. }]
    ));
    let notebook = session.workspace.notebook(id).unwrap();
    assert_eq!(notebook.profile.full_name, "Huỳnh Thị Yến");
    assert_eq!(notebook.profile.cell, "Chi bộ Trạm Y tế xã Long Thuận");
    let book = &notebook.years[&2020];
    assert_eq!(book.theme_id, "2020");
    use sophandau::model::{Area, EntryKind};
    let areas: Vec<Area> = book.commitments.iter().map(|c| c.area).collect();
    assert_eq!(
        areas,
        [
            Area::PoliticalIdeology,
            Area::PoliticalIdeology,
            Area::Discipline,
            Area::Other
        ]
    );
    assert_eq!(book.commitments[1].order, 1);
    assert_eq!(
        book.commitments[0].deadline,
        Some(jiff::civil::date(2020, 6, 30))
    );
    assert_eq!(book.entries[0].kind, EntryKind::CellMeeting);
    assert_eq!(book.entries[0].date, jiff::civil::date(2020, 4, 10));
    session.store.flush().unwrap();
    let rewritten = fs::read_to_string(files.notebook_path(id)).unwrap();
    assert!(rewritten.contains("schema_version: 3"));
    let kept = store_backups(&dir.path().join("backups").join(id.to_string()));
    assert_eq!(
        fs::read_to_string(&kept[0]).unwrap(),
        fixture,
        "the v0 file is kept"
    );
}

#[test]
fn awkward_text_survives_the_file_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut notebook = sample_notebook(12);
    let awkward = [
        "Dòng một\nDòng hai\r\nDòng ba\n",
        "Trích \"Di chúc\" của Bác: \\ không phải đường dẫn",
        "r#\"giống chuỗi thô\"#, ## và \"#",
        "\tthụt lề bằng tab\t",
        "ký tự điều khiển \u{1}\u{7f} và \u{feff}",
        "",
        "👍 biểu tượng",
    ];
    let book = notebook.years.values_mut().next().unwrap();
    for (entry, text) in book.entries.iter_mut().zip(awkward) {
        entry.text = text.into();
        entry.title = text.into();
    }
    put_notebook(dir.path(), &notebook);
    let session = open(dir.path());
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    assert!(session.workspace.notebook(notebook.id) == Some(&notebook));
}

#[test]
fn load_problems_read_in_both_languages() {
    use sophandau::model::Language;
    let p = Problem::Unreadable {
        file: "notebooks/a.ron".into(),
        error: std::io::Error::from(std::io::ErrorKind::PermissionDenied).into(),
    };
    assert!(
        p.message(Language::Vietnamese)
            .starts_with("Không đọc được tệp")
    );
    assert_eq!(p.to_string(), p.message(Language::Vietnamese));
    assert!(
        p.message(Language::English)
            .starts_with("Cannot read the file notebooks/a.ron: there is no permission")
    );
    // The system's own words come last, as a technical detail.
    assert!(
        p.message(Language::English)
            .ends_with("Technical detail: permission denied"),
        "{}",
        p.message(Language::English)
    );
}
