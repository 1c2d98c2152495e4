//! The command line: demo, check and list on a temporary data folder, with
//! `--data-dir` before or after the subcommand.

#[cfg(unix)]
use std::io::Read as _;
use std::process::{Command, Output};

pub(crate) fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sophandau"))
        .args(args)
        .env_remove("SOPHANDAU_DATA_DIR")
        .output()
        .unwrap()
}

pub(crate) fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

#[test]
fn demo_then_check_then_list() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run(&["--data-dir", d, "demo", "--members", "20", "--years", "2"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Đã tạo 20 sổ mẫu"));

    let out = run(&["check", "--data-dir", d]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("đọc được 20 sổ (40 sổ năm)"),
        "{}",
        text(&out)
    );

    let out = run(&["list", "--data-dir", d]);
    let listing = text(&out);
    // A header row names the columns, then one row a member.
    let mut lines = listing.lines();
    assert_eq!(lines.next(), Some("Mã\tHọ và tên\tChi bộ\tNăm"));
    assert_eq!(lines.clone().count(), 20);
    assert!(lines.all(|l| l.ends_with("2020–2021")), "{listing}");

    // The same seed again would duplicate members: refused, nothing changes.
    let out = run(&["--data-dir", d, "demo", "--members", "20", "--years", "2"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("--seed"));
}

#[test]
fn check_fails_on_a_damaged_file_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert!(
        run(&["--data-dir", d, "demo", "--members", "2"])
            .status
            .success()
    );
    let notebooks = dir.path().join("notebooks");
    let victim = std::fs::read_dir(&notebooks)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&victim, [0u8; 100]).unwrap();
    let out = run(&["--data-dir", d, "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let report = text(&out);
    assert!(report.contains(&victim.file_name().unwrap().to_string_lossy().into_owned()));
    assert!(report.contains("bị hỏng"), "{report}");
    // Check only reads: the damaged file is still there, untouched.
    assert_eq!(std::fs::read(&victim).unwrap(), [0u8; 100]);
}

#[test]
fn check_on_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("không có");
    let out = run(&["--data-dir", missing.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("Không mở được thư mục dữ liệu"));
}

/// The notebook files of a data folder, in name order.
fn notebook_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("notebooks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn no_panic(out: &Output) {
    let all = text(out);
    assert!(!all.contains("panicked"), "{all}");
    assert_ne!(out.status.code(), Some(101), "{all}");
}

#[test]
fn a_set_aside_notebook_stays_reported_until_settled() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert!(
        run(&["--data-dir", d, "demo", "--members", "20"])
            .status
            .success()
    );
    let victim = notebook_files(dir.path())[3].clone();
    let bytes = std::fs::read(&victim).unwrap();
    std::fs::write(&victim, &bytes[..bytes.len() / 2]).unwrap();
    // The next program that opens the folder for writing sets it aside.
    let out = run(&["--data-dir", d, "demo", "--members", "1", "--seed", "2"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!victim.exists());
    let aside = notebook_files(dir.path())
        .into_iter()
        .find(|p| p.to_string_lossy().contains(".corrupt-"))
        .expect("the damaged file is kept aside");
    let aside_name = aside.file_name().unwrap().to_string_lossy().into_owned();

    for _ in 0..2 {
        let out = run(&["--data-dir", d, "check"]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains(&aside_name), "{}", text(&out));
    }
    let out = run(&["--data-dir", d, "list"]);
    // The header and 20 members.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 21);
    let warned = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        warned.contains(&aside_name) && warned.contains("Thiếu 1 sổ"),
        "{warned}"
    );

    // An export of the whole cell says who is missing, and fails unless asked.
    let doc = dir.path().join("tong-hop.md");
    let doc_s = doc.to_str().unwrap();
    let export = |extra: &[&str]| {
        let mut args = vec![
            "--data-dir",
            d,
            "export",
            "--all",
            "--year",
            "2020",
            "--format",
            "md",
            "--out",
            doc_s,
            "--force",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let out = export(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let written = std::fs::read_to_string(&doc).unwrap();
    let victim_name = victim.file_name().unwrap().to_string_lossy().into_owned();
    assert!(written.contains("Tổng số 20 đảng viên"), "{written}");
    assert!(
        written.contains("Chưa tính 1 sổ không đọc được") && written.contains(&victim_name),
        "{written}"
    );
    let out = export(&["--skip-damaged"]);
    assert!(out.status.success(), "{}", text(&out));

    // Settling: listed, then removed on purpose; all is well again.
    let out = run(&["--data-dir", d, "settle"]);
    assert!(text(&out).contains(&aside_name), "{}", text(&out));
    let out = run(&["--data-dir", d, "settle", "--remove", &aside_name]);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&["--data-dir", d, "check"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("đọc được 20 sổ"), "{}", text(&out));
}

#[test]
fn odd_arguments_are_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("mới");
    let f = fresh.to_str().unwrap();
    for args in [
        &["--data-dir", f, "demo", "--members", "0"][..],
        &["--data-dir", f, "demo", "--years", "0"],
        &["--data-dir", f, "demo", "--first-year", "10000"],
        &[
            "--data-dir",
            f,
            "demo",
            "--first-year",
            "2200",
            "--years",
            "2",
        ],
        &["--data-dir", f, "demo", "--first-year=-32768"],
        &["--data-dir", f, "demo", "--years", "65535"],
    ] {
        let out = run(args);
        no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains("1930–2200"), "{}", text(&out));
        assert!(
            !fresh.exists(),
            "{args:?}: refused before creating anything"
        );
    }
    let out = run(&[
        "--data-dir",
        f,
        "export",
        "--all",
        "--years",
        "1-32767",
        "--format",
        "md",
        "--out",
        "x.md",
    ]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_closed_output_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert!(
        run(&["--data-dir", d, "demo", "--members", "30"])
            .status
            .success()
    );
    for command in ["list", "check"] {
        // The reader is gone before the program writes anything.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_sophandau"))
            .args(["--data-dir", d, command])
            .env_remove("SOPHANDAU_DATA_DIR")
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        no_panic(&out);
        assert!(out.status.success(), "{command}: {}", text(&out));
    }
}

#[test]
fn odd_data_folders_and_files_are_named_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tệp");
    std::fs::write(&file, "x").unwrap();
    for command in ["check", "list"] {
        let out = run(&["--data-dir", file.to_str().unwrap(), command]);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out).contains("không phải thư mục"), "{}", text(&out));
        assert!(!text(&out).contains("chưa có sổ nào"), "{}", text(&out));
    }

    let d = dir.path().join("d");
    let ds = d.to_str().unwrap();
    assert!(
        run(&["--data-dir", ds, "demo", "--members", "2"])
            .status
            .success()
    );
    let deep = d
        .join("notebooks")
        .join(format!("{}.ron", uuid::Uuid::new_v4()));
    let nested = "(schema_version: 1, extra: ".to_owned() + &"[".repeat(50_000);
    std::fs::write(&deep, nested).unwrap();
    let out = run(&["--data-dir", ds, "check"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out);
    assert!(report.contains(&deep.display().to_string()), "{report}");
    assert!(report.contains("lồng nhau quá sâu"), "{report}");
    assert!(!report.contains("serde_stacker"), "{report}");
}

#[cfg(unix)]
#[test]
fn a_pipe_among_the_notebooks_never_hangs_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert!(
        run(&["--data-dir", d, "demo", "--members", "2"])
            .status
            .success()
    );
    let fifo = dir.path().join("notebooks").join("x.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out_file = dir.path().join("all.md");
    let out_s = out_file.to_str().unwrap();
    for args in [
        &["--data-dir", d, "check"][..],
        &["--data-dir", d, "list"],
        &[
            "--data-dir",
            d,
            "export",
            "--all",
            "--year",
            "2020",
            "--format",
            "md",
            "--out",
            out_s,
            "--force",
            "--skip-damaged",
        ],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sophandau"))
            .args(args)
            .env_remove("SOPHANDAU_DATA_DIR")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A hang guard, not a speed check: reading a pipe never returns.
        let mut waited = 0;
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if waited > 1200 {
                child.kill().unwrap();
                panic!("{args:?} hangs on a pipe");
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
            waited += 1;
        };
        let mut said = String::new();
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let mut pipe = pipe;
            pipe.read_to_string(&mut said).unwrap();
        }
        assert!(
            said.contains("x.ron") && said.contains("không phải một tệp thường"),
            "{args:?}: {said}"
        );
        assert!(!said.contains("panicked"), "{said}");
        assert_ne!(status.code(), Some(101));
    }
}

/// `export --paper` writes one paper of the member's year, as that year's
/// form, and refuses an unknown paper with the two names it knows.
#[test]
fn export_paper_writes_the_years_form() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden-papers");
    let f = fixture.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (paper, title) in [
        ("self-review", "Mẫu 02A-HD KĐ.ĐG 2023"),
        (
            "commitment",
            "BẢN CAM KẾT TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU NĂM 2023",
        ),
    ] {
        let out_path = dir.path().join(format!("{paper}.md"));
        let out = run(&[
            "--data-dir",
            f,
            "export",
            "--member",
            "b1000000",
            "--year",
            "2023",
            "--paper",
            paper,
            "--format",
            "md",
            "--out",
            out_path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out));
        let written = std::fs::read_to_string(&out_path).unwrap();
        assert!(written.contains(title), "{written}");
        assert!(written.contains("ĐẢNG BỘ XÃ LONG THUẬN"), "{written}");
    }
    let out = run(&[
        "--data-dir",
        f,
        "export",
        "--member",
        "b1000000",
        "--year",
        "2023",
        "--paper",
        "nhat-ky",
        "--format",
        "md",
        "--out",
        dir.path().join("x.md").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("commitment, self-review, minutes hoặc report"),
        "{}",
        text(&out)
    );
}

/// `board` prints one row per member under the column heads, in the order
/// asked, as a table or CSV; a wrong column or state is refused by name.
#[test]
fn board_prints_the_cell_as_a_table_or_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run(&["--data-dir", d, "demo", "--members", "12"]);
    assert!(out.status.success(), "{}", text(&out));

    let out = run(&["--data-dir", d, "board", "--year", "2020"]);
    assert!(out.status.success(), "{}", text(&out));
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(table.lines().count(), 13, "{table}");
    assert!(
        table.lines().next().unwrap().starts_with("Họ và tên"),
        "{table}"
    );

    let out = run(&[
        "--data-dir",
        d,
        "board",
        "--year",
        "2020",
        "--sort",
        "done",
        "--descending",
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    let done: Vec<f32> = csv
        .lines()
        .skip(1)
        .map(|l| {
            l.split(',')
                .nth(4)
                .unwrap()
                .trim_end_matches('%')
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(done.len(), 12, "{csv}");
    assert!(done.windows(2).all(|w| w[0] >= w[1]), "{csv}");

    // Every row shown under a state is in that state: signed members are
    // left out of "unsigned".
    let out = run(&[
        "--data-dir",
        d,
        "board",
        "--year",
        "2020",
        "--filter",
        "unsigned",
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",Chưa")), "{csv}");

    for (flag, value, word) in [("--sort", "age", "cột"), ("--filter", "late", "trạng thái")] {
        let out = run(&["--data-dir", d, "board", "--year", "2020", flag, value]);
        assert!(!out.status.success());
        no_panic(&out);
        assert!(text(&out).contains(word), "{}", text(&out));
    }
}

/// The cell's two papers from the command line, in each format, on a demo
/// cell (which has a meeting a year); a year without a meeting, a cell
/// paper asked for one member and a member's paper asked for the cell are
/// refused in plain words.
#[test]
fn the_minutes_and_the_report_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run(&[
        "--data-dir",
        d,
        "demo",
        "--members",
        "6",
        "--years",
        "1",
        "--first-year",
        "2020",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    for paper in ["minutes", "report"] {
        for format in ["pdf", "docx", "xlsx"] {
            let file = dir.path().join(format!("{paper}.{format}"));
            let out = run(&[
                "--data-dir",
                d,
                "export",
                "--all",
                "--year",
                "2020",
                "--paper",
                paper,
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ]);
            assert!(out.status.success(), "{paper} {format}: {}", text(&out));
            let bytes = std::fs::read(&file).unwrap();
            assert!(bytes.len() > 1000, "{paper} {format}");
        }
    }
    let pdf = std::fs::read(dir.path().join("minutes.pdf")).unwrap();
    let words = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("BIÊN BẢN"), "{words}");
    assert!(words.contains("Cuộc họp kết thúc hồi"));

    // No meeting in 2021: a sentence, exit 2, nothing written.
    let out = run(&[
        "--data-dir",
        d,
        "demo",
        "--members",
        "3",
        "--years",
        "1",
        "--first-year",
        "2021",
        "--seed",
        "9",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    std::fs::remove_file(dir.path().join("cell/meetings.ron")).unwrap();
    let missing = dir.path().join("bien-ban-2021.pdf");
    let out = run(&[
        "--data-dir",
        d,
        "export",
        "--all",
        "--year",
        "2021",
        "--paper",
        "minutes",
        "--format",
        "pdf",
        "--out",
        missing.to_str().unwrap(),
    ]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("Chưa có biên bản họp chi bộ năm 2021"),
        "{}",
        text(&out)
    );
    assert!(!missing.exists());
    for (args, says) in [
        (
            &["--member", "abcdef12", "--paper", "report"][..],
            "là của cả chi bộ",
        ),
        (&["--all", "--paper", "self-review"], "là của một đảng viên"),
        (&["--all", "--paper", "nhật-ký"], "chưa có"),
    ] {
        let mut full = vec!["--data-dir", d, "export", "--year", "2020"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--format", "pdf", "--out", "x.pdf"]);
        let out = run(&full);
        no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains(says), "{args:?}: {}", text(&out));
    }
}

#[test]
fn search_prints_one_hit_a_line_with_the_match_marked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run(&["--data-dir", d, "demo", "--members", "3", "--years", "1"]);
    assert!(out.status.success(), "{}", text(&out));

    // Without marks, the demo's "tư tưởng" is found.
    let out = run(&["--data-dir", d, "search", "tu tuong"]);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!stdout.is_empty());
    for line in stdout.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "{line}");
        assert_eq!(cols[1], "2020", "{line}");
        assert!(sophandau::search::Kind::parse(cols[2]).is_some(), "{line}");
        assert!(cols[4].contains('«'), "{line}");
    }
    let folded = sophandau::search::fold(&stdout);
    assert!(folded.contains("«tu» «tuong»"), "{stdout}");

    // Narrowed to a kind and a member.
    let list = run(&["list", "--data-dir", d]);
    let first = String::from_utf8_lossy(&list.stdout)
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let out = run(&[
        "--data-dir",
        d,
        "search",
        "tu tuong",
        "--kind",
        "commitment",
        "--member",
        &first,
        "--year",
        "2020",
    ]);
    let narrowed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(narrowed.lines().count() < stdout.lines().count());
    assert!(
        narrowed.lines().all(|l| l.contains("\tcommitment\t")),
        "{narrowed}"
    );

    // The cell's meeting minutes: the cell in the member column.
    let out = run(&[
        "--data-dir",
        d,
        "search",
        "quan triet muc dich",
        "--kind",
        "meeting",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let minutes = String::from_utf8_lossy(&out.stdout).into_owned();
    let cols: Vec<&str> = minutes.trim_end().split('\t').collect();
    assert_eq!(minutes.lines().count(), 1, "{minutes}");
    assert!(cols[0].starts_with("Chi bộ"), "{minutes}");
    assert_eq!(cols[1..4], ["2020", "meeting", "meeting"], "{minutes}");
    assert!(cols[4].contains("«quán» «triệt» «mục» «đích»"), "{minutes}");
    // A member's search leaves the cell's records out.
    let out = run(&[
        "--data-dir",
        d,
        "search",
        "quan triet muc dich",
        "--kind",
        "meeting",
        "--member",
        &first,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));

    // Nothing found: exit 1, and a word why; a bad kind: exit 2.
    let out = run(&["--data-dir", d, "search", "zzqxw"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("Không tìm thấy gì"));
    let out = run(&["--data-dir", d, "search", "a", "--kind", "poem"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("poem"));
}

/// `export --member` takes a full name, or a part of one that fits only
/// one member (marks and case aside); a part that fits several is refused
/// with their names.
#[test]
fn export_by_name_or_a_unique_part_of_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert!(
        run(&["--data-dir", d, "demo", "--members", "8"])
            .status
            .success()
    );
    let list = run(&["list", "--data-dir", d]);
    let listing = String::from_utf8_lossy(&list.stdout).into_owned();
    let names: Vec<&str> = listing
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    let name = names[0];
    let out_file = dir.path().join("a.md");
    let out_s = out_file.to_str().unwrap();
    let export = |who: &str| {
        run(&[
            "--data-dir",
            d,
            "export",
            "--member",
            who,
            "--year",
            "2020",
            "--format",
            "md",
            "--out",
            out_s,
            "--force",
        ])
    };
    // The whole name, without its marks and in capitals.
    let folded = sophandau::search::fold(name).to_uppercase();
    let out = export(&folded);
    assert!(out.status.success(), "{}", text(&out));
    assert!(std::fs::read_to_string(&out_file).unwrap().contains(name));
    // A part of a name that only one member has: the given name and the
    // middle name together.
    let part: Vec<&str> = name.split(' ').skip(1).collect();
    let part = part.join(" ");
    if names
        .iter()
        .filter(|n| sophandau::search::fold(n).contains(&sophandau::search::fold(&part)))
        .count()
        == 1
    {
        let out = export(&part);
        assert!(out.status.success(), "{}", text(&out));
    }
    // A part several names share: a letter that begins a word of two.
    let begins = |letter: char| {
        names
            .iter()
            .filter(|n| {
                sophandau::search::fold(n)
                    .split(' ')
                    .any(|w| w.starts_with(letter))
            })
            .count()
    };
    let shared = ('a'..='z').find(|c| begins(*c) >= 2).unwrap();
    let out = export(&shared.to_string());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("hợp với nhiều đảng viên"),
        "{}",
        text(&out)
    );
    let out = export("Không Có Ai");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("Không tìm thấy"), "{}", text(&out));
}

/// The whole help is Vietnamese: none of clap's own English words.
#[test]
fn help_has_no_english_words_of_clap() {
    for args in [
        &["--help"][..],
        &["export", "--help"],
        &["import", "--help"],
        &["-h"],
    ] {
        let out = run(args);
        assert!(out.status.success());
        let help = text(&out);
        for english in [
            "Usage",
            "Commands",
            "Options",
            "Arguments",
            "Print help",
            "Print version",
            "[OPTIONS]",
            "[env:",
        ] {
            assert!(!help.contains(english), "{args:?}: {english} in\n{help}");
        }
        assert!(help.contains("Cách dùng: sophandau"), "{help}");
    }
    let out = run(&["export", "--help"]);
    assert!(
        text(&out).contains("Cách dùng: sophandau export [TÙY CHỌN]"),
        "{}",
        text(&out)
    );
}
