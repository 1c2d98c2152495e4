//! Every file is checked on load: hand-broken notebooks (`tests/fixtures/
//! load-*.ron`) are set aside and their backup restored, small faults are
//! repaired and reported, odd files are never opened, and a file set aside
//! stays reported until someone settles it.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{open, sample_notebook};
use sophandau::model::{Period, Status, YEARS};
use sophandau::store::{
    self, Damage, Files, Flaw, Part, Problem, Repair, SettleError, notebook_to_ron,
};
use sophandau::workspace::MAX_TEXT_CHARS;
use uuid::Uuid;

/// The member of every `load-*` fixture.
const MEMBER: Uuid = Uuid::from_u128(0x6f1c2a9e_4b7d_4e21_9c3a_1d2e3f4a5b6c);

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A workspace holding the good fixture, saved twice so that a backup of
/// it exists; returns the notebook's path.
fn with_good_backup(dir: &Path) -> PathBuf {
    let files = Files::new(dir);
    files.create_dirs().unwrap();
    let good = String::from_utf8(fixture("load-good.ron")).unwrap();
    files.save_notebook_text(MEMBER, &good).unwrap();
    files.save_notebook_text(MEMBER, &good).unwrap();
    files.notebook_path(MEMBER)
}

/// The flaws of the one damaged file in `problems`.
fn flaws_of(problems: &[Problem]) -> Vec<Flaw> {
    match problems {
        [
            Problem::Recovered {
                error: Damage::Invalid(flaws),
                ..
            },
        ]
        | [
            Problem::Lost {
                error: Damage::Invalid(flaws),
                ..
            },
        ] => flaws.clone(),
        other => panic!("expected one damaged file, got {other:?}"),
    }
}

#[test]
fn the_good_fixture_loads_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    with_good_backup(dir.path());
    let session = open(dir.path());
    assert_eq!(session.problems, []);
    let book = &session.workspace.notebook(MEMBER).unwrap().years[&2024];
    assert_eq!(book.commitments.len(), 2);
}

#[test]
fn hand_broken_files_are_set_aside_and_their_backup_restored() {
    type Expect = fn(&Flaw) -> bool;
    let cases: [(&str, Expect); 6] = [
        ("load-quarter-zero.ron", |f| {
            matches!(
                f,
                Flaw::PeriodOutOfRange {
                    year: 2024,
                    part: Part::Progress,
                    period: Period::Quarter(0)
                }
            )
        }),
        ("load-remark-half-three.ron", |f| {
            matches!(
                f,
                Flaw::PeriodOutOfRange {
                    part: Part::Remark,
                    period: Period::Half(3),
                    ..
                }
            )
        }),
        ("load-year-10000.ron", |f| *f == Flaw::YearOutOfRange(10000)),
        ("load-date-outside-year.ron", |f| {
            matches!(
                f,
                Flaw::DateOutsideYear {
                    year: 2024,
                    part: Part::Entry,
                    ..
                }
            )
        }),
        ("load-duplicate-id.ron", |f| {
            matches!(
                f,
                Flaw::DuplicateId {
                    part: Part::Commitment,
                    ..
                }
            )
        }),
        ("load-unknown-commitment.ron", |f| {
            matches!(f, Flaw::UnknownCommitment { year: 2024, .. })
        }),
    ];
    for (name, expected) in cases {
        let bad = fixture(name);
        // Checking only reads, and says what it found.
        let dir = tempfile::tempdir().unwrap();
        let path = with_good_backup(dir.path());
        fs::write(&path, &bad).unwrap();
        let (workspace, problems) = store::inspect(dir.path()).unwrap();
        assert!(
            flaws_of(&problems).iter().any(expected),
            "{name}: {problems:?}"
        );
        assert!(problems[0].is_damage());
        assert!(workspace.notebook(MEMBER).is_some(), "{name}: the backup");
        assert_eq!(fs::read(&path).unwrap(), bad, "{name}");

        // Opening sets the file aside and restores the backup.
        let session = open(dir.path());
        let [
            Problem::Recovered {
                moved_to: Some(aside),
                ..
            },
        ] = &session.problems[..]
        else {
            panic!("{name}: {:?}", session.problems);
        };
        assert_eq!(fs::read(aside).unwrap(), bad, "{name}");
        assert_eq!(fs::read(&path).unwrap(), fixture("load-good.ron"), "{name}");
        let message = session.problems[0].to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        drop(session);

        // Without a backup the member is left out, and an export says so.
        let dir = tempfile::tempdir().unwrap();
        let files = Files::new(dir.path());
        files.create_dirs().unwrap();
        fs::write(files.notebook_path(MEMBER), &bad).unwrap();
        let (workspace, problems) = store::inspect(dir.path()).unwrap();
        assert!(flaws_of(&problems).iter().any(expected), "{name}");
        assert_eq!(workspace.data().left_out, [files.notebook_path(MEMBER)]);
    }
}

#[test]
fn nul_bytes_and_overlong_text_on_disk_are_damage() {
    let good = String::from_utf8(fixture("load-good.ron")).unwrap();
    let long = "ư".repeat(MAX_TEXT_CHARS + 1);
    let cases = [
        (
            good.replace("Học nghị quyết", "Học\0nghị quyết"),
            Flaw::NulInText {
                year: Some(2024),
                part: Part::Entry,
            },
        ),
        (
            good.replace("Chi bộ Ấp Phú Hòa", &long),
            Flaw::TextTooLong {
                year: None,
                part: Part::Profile,
                chars: MAX_TEXT_CHARS + 1,
            },
        ),
    ];
    for (text, flaw) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = with_good_backup(dir.path());
        fs::write(&path, text).unwrap();
        let (_, problems) = store::inspect(dir.path()).unwrap();
        assert_eq!(flaws_of(&problems), [flaw]);
        let message = problems[0].message(sophandau::model::Language::English);
        assert!(message.contains(&path.display().to_string()), "{message}");
    }
}

#[test]
fn unsorted_records_are_repaired_reported_and_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_good_backup(dir.path());
    fs::write(&path, fixture("load-unsorted.ron")).unwrap();
    let session = open(dir.path());
    assert_eq!(
        session.problems,
        [Problem::Repaired {
            file: path.clone(),
            repairs: vec![Repair::Sorted {
                year: 2024,
                part: Part::Progress
            }],
        }]
    );
    assert!(!session.problems[0].is_damage());
    let book = &session.workspace.notebook(MEMBER).unwrap().years[&2024];
    let c1 = book.commitments[0].id;
    let found = book.progress_for(c1, Period::Quarter(1)).unwrap();
    assert_eq!(found.status, Status::InProgress);
    let expected = notebook_to_ron(session.workspace.notebook(MEMBER).unwrap());
    drop(session);
    assert_eq!(fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(open(dir.path()).problems, []);
}

#[test]
fn a_link_to_a_removed_commitment_is_dropped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_good_backup(dir.path());
    fs::write(&path, fixture("load-dangling-link.ron")).unwrap();
    let (workspace, problems) = store::inspect(dir.path()).unwrap();
    assert!(
        matches!(&problems[..], [Problem::Repaired { repairs, .. }]
            if matches!(repairs[..], [Repair::LinkDropped { year: 2024, .. }])),
        "{problems:?}"
    );
    let book = &workspace.notebook(MEMBER).unwrap().years[&2024];
    assert_eq!(book.entries[0].commitments, [book.commitments[0].id]);
}

#[test]
fn a_byte_order_mark_is_accepted_and_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_good_backup(dir.path());
    let bom = fixture("load-bom.ron");
    assert!(bom.starts_with(b"\xef\xbb\xbf"));
    fs::write(&path, &bom).unwrap();
    let session = open(dir.path());
    assert_eq!(session.problems, []);
    assert_eq!(
        session
            .workspace
            .notebook(MEMBER)
            .unwrap()
            .profile
            .full_name,
        "Lê Thị Thu Hà"
    );
}

#[test]
fn deep_nesting_gets_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    // A field this version does not know is skipped, nesting and all.
    let deep = "(schema_version: 1, extra: ".to_owned() + &"[".repeat(100_000);
    fs::write(files.notebook_path(MEMBER), deep).unwrap();
    let (_, problems) = store::inspect(dir.path()).unwrap();
    assert!(
        matches!(
            &problems[..],
            [Problem::Lost {
                error: Damage::TooDeep { .. },
                ..
            }]
        ),
        "{problems:?}"
    );
    let message = problems[0].to_string();
    assert!(message.contains("lồng nhau quá sâu"), "{message}");
    assert!(!message.contains("serde_stacker"), "{message}");
}

#[test]
fn out_of_range_periods_never_panic_the_review_or_an_export() {
    use sophandau::export::{Format, Scope, render};
    let mut nb = sample_notebook(3);
    let book = nb.years.get_mut(&2021).unwrap();
    for (record, period) in book.progress.iter_mut().zip([
        Period::Quarter(0),
        Period::Quarter(200),
        Period::Half(0),
        Period::Half(255),
        Period::Month(0),
        Period::Month(13),
    ]) {
        record.period = period;
    }
    let as_of = jiff::civil::date(2022, 1, 1);
    let figures = sophandau::review::year_figures(2021, book, as_of);
    assert_eq!(figures.commitments.len(), book.commitments.len());
    let data = sophandau::demo::DemoCell {
        cell_name: "Chi bộ".into(),
        secretary: String::new(),
        notebooks: vec![nb],
        meetings: Default::default(),
    }
    .into_data();
    let scope = Scope::Cell { years: vec![2021] };
    assert!(render(&data, &scope, Format::Markdown, as_of).is_ok());
}

#[test]
fn a_set_aside_file_stays_reported_until_it_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_good_backup(dir.path());
    fs::write(&path, b"(schema_version: 1, notebook: (").unwrap();
    let aside = match &open(dir.path()).problems[..] {
        [
            Problem::Recovered {
                moved_to: Some(aside),
                ..
            },
        ] => aside.clone(),
        other => panic!("{other:?}"),
    };
    let reported = Problem::SetAside {
        file: aside.clone(),
        of: path.clone(),
        in_use: true,
    };
    // Every later look reports it, read-only or not, and `check` fails.
    for _ in 0..2 {
        let (workspace, problems) = store::inspect(dir.path()).unwrap();
        assert_eq!(problems, std::slice::from_ref(&reported));
        assert!(problems[0].is_damage());
        assert_eq!(workspace.data().left_out, Vec::<PathBuf>::new());
        assert_eq!(open(dir.path()).problems, std::slice::from_ref(&reported));
    }
    let offered = store::set_aside(dir.path());
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].file, aside);
    assert!(!offered[0].backups.is_empty(), "a good backup is offered");

    let name = PathBuf::from(aside.file_name().unwrap());
    assert_eq!(
        store::remove_set_aside(dir.path(), &name),
        Ok(aside.clone())
    );
    assert!(!aside.exists());
    assert_eq!(open(dir.path()).problems, []);
    assert_eq!(
        store::remove_set_aside(dir.path(), &name),
        Err(SettleError::NotSetAside(name))
    );
}

#[test]
fn a_lost_notebook_is_left_out_until_a_mended_copy_is_restored() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let path = files.notebook_path(MEMBER);
    fs::write(&path, fixture("load-quarter-zero.ron")).unwrap();
    let aside = match &open(dir.path()).problems[..] {
        [
            Problem::Lost {
                moved_to: Some(aside),
                ..
            },
        ] => aside.clone(),
        other => panic!("{other:?}"),
    };
    let (workspace, problems) = store::inspect(dir.path()).unwrap();
    assert_eq!(
        problems,
        [Problem::SetAside {
            file: aside.clone(),
            of: path.clone(),
            in_use: false
        }]
    );
    assert_eq!(workspace.data().left_out, std::slice::from_ref(&path));

    // Restoring the file still damaged is refused.
    assert!(matches!(
        store::restore(dir.path(), &aside),
        Err(SettleError::Damaged { .. })
    ));
    // Mended by hand, it goes back in place and the copy is gone.
    let mended = String::from_utf8(fs::read(&aside).unwrap())
        .unwrap()
        .replace("Quarter(0)", "Quarter(1)");
    fs::write(&aside, mended).unwrap();
    assert_eq!(store::restore(dir.path(), &aside), Ok(path.clone()));
    assert!(!aside.exists());
    let session = open(dir.path());
    assert_eq!(session.problems, []);
    assert!(session.workspace.notebook(MEMBER).is_some());
}

#[test]
fn a_backup_can_be_restored_but_not_while_the_workspace_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_good_backup(dir.path());
    let files = Files::new(dir.path());
    let backup = fs::read_dir(files.backup_dir_of(&path))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    fs::write(&path, b"").unwrap();
    let session = open(dir.path());
    assert!(matches!(
        store::restore(dir.path(), &backup),
        Err(SettleError::Locked(_))
    ));
    drop(session);
    assert_eq!(store::restore(dir.path(), &backup), Ok(path.clone()));
    assert_eq!(fs::read(&path).unwrap(), fixture("load-good.ron"));
    // A file from elsewhere is not restored.
    let stranger = dir.path().join("x.ron");
    fs::write(&stranger, fixture("load-good.ron")).unwrap();
    assert!(matches!(
        store::restore(dir.path(), &stranger),
        Err(SettleError::NotSetAside(_))
    ));
}

#[test]
fn a_damaged_settings_file_is_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    Files::new(dir.path()).create_dirs().unwrap();
    let settings = dir.path().join(store::SETTINGS_FILE);
    fs::write(
        &settings,
        "(schema_version: 1, settings: (cell_name: \"Chi bộ\\u{0}\"))",
    )
    .unwrap();
    let (_, problems) = store::inspect(dir.path()).unwrap();
    assert_eq!(
        flaws_of(&problems),
        [Flaw::NulInText {
            year: None,
            part: Part::Settings
        }]
    );
}

#[test]
fn a_data_folder_that_is_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data");
    fs::write(&file, "x").unwrap();
    let inspected = store::inspect(&file).err().unwrap().to_string();
    let opened = store::open(&file).err().unwrap().to_string();
    for message in [inspected, opened] {
        assert!(message.contains("không phải thư mục"), "{message}");
        assert!(message.contains(&file.display().to_string()), "{message}");
    }
}

#[test]
fn a_folder_under_a_notebook_name_is_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let odd = files.notebooks_dir().join("thư mục.ron");
    fs::create_dir(&odd).unwrap();
    let (_, problems) = store::inspect(dir.path()).unwrap();
    assert_eq!(problems, [Problem::NotAFile { file: odd.clone() }]);
    assert!(problems[0].is_damage());
    assert!(
        problems[0]
            .to_string()
            .contains("không phải một tệp thường")
    );
    // Opening for writing leaves it alone.
    assert_eq!(
        open(dir.path()).problems,
        [Problem::NotAFile { file: odd.clone() }]
    );
    assert!(odd.is_dir());
}

#[cfg(unix)]
#[test]
fn a_pipe_under_a_notebook_name_never_hangs_a_load() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let fifo = files.notebooks_dir().join("x.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A hang guard, not a speed check: a read of the pipe never returns.
    let root = dir.path().to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(store::inspect(&root).map(|(_, problems)| problems));
    });
    let problems = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the load returns")
        .unwrap();
    assert_eq!(problems, [Problem::NotAFile { file: fifo }]);
}

#[test]
fn the_year_range_is_the_one_start_year_accepts() {
    use sophandau::workspace::{Action, ActionError};
    let dir = tempfile::tempdir().unwrap();
    let mut session = open(dir.path());
    let id = common::create_member(&mut session, "Đỗ Văn Năm");
    for (year, fits) in [
        (*YEARS.start() - 1, false),
        (*YEARS.start(), true),
        (*YEARS.end(), true),
        (*YEARS.end() + 1, false),
    ] {
        let done = session.apply(Action::StartYear {
            member: id,
            year,
            theme_id: "2020".into(),
        });
        assert_eq!(
            done.is_ok(),
            fits,
            "{year}: {:?}",
            done.err().map(|e: ActionError| e.to_string())
        );
    }
}

#[test]
fn new_problems_read_in_both_languages_and_name_the_file() {
    use sophandau::model::Language;
    let file = PathBuf::from("notebooks/a.ron");
    let aside = PathBuf::from("notebooks/a.ron.corrupt-20260101-000000");
    let problems = [
        Problem::SetAside {
            file: aside.clone(),
            of: file.clone(),
            in_use: true,
        },
        Problem::SetAside {
            file: aside.clone(),
            of: file.clone(),
            in_use: false,
        },
        Problem::NotAFile { file: file.clone() },
        Problem::Repaired {
            file: file.clone(),
            repairs: vec![
                Repair::Sorted {
                    year: 2024,
                    part: Part::Progress,
                },
                Repair::DuplicateDropped {
                    year: 2024,
                    part: Part::Entry,
                },
                Repair::LinkDropped {
                    year: 2024,
                    entry: Uuid::nil(),
                    commitment: Uuid::nil(),
                },
            ],
        },
        Problem::Lost {
            file: file.clone(),
            error: Damage::Invalid(vec![
                Flaw::YearOutOfRange(10000),
                Flaw::PeriodOutOfRange {
                    year: 2024,
                    part: Part::Remark,
                    period: Period::Half(3),
                },
                Flaw::NulInText {
                    year: None,
                    part: Part::Profile,
                },
                Flaw::UnknownCommitment {
                    year: 2024,
                    commitment: Uuid::nil(),
                },
            ]),
            moved_to: Some(aside),
        },
        Problem::Lost {
            file: file.clone(),
            error: Damage::TooDeep { line: 3 },
            moved_to: None,
        },
    ];
    let vietnamese_only =
        |c: char| "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ".contains(c);
    for p in &problems {
        let (vi, en) = (
            p.message(Language::Vietnamese),
            p.message(Language::English),
        );
        assert!(
            vi.contains("notebooks/a.ron") && en.contains("notebooks/a.ron"),
            "{en}"
        );
        assert!(vi.chars().any(vietnamese_only), "{vi}");
        assert!(!en.chars().any(vietnamese_only), "{en}");
    }
    assert!(
        problems[4]
            .message(Language::English)
            .contains("and 1 more")
    );
}
