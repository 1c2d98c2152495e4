//! The command line: demo, check and list on a temporary data folder, with
//! `--data-dir` before or after the subcommand.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sophandau"))
        .args(args)
        .env_remove("SOPHANDAU_DATA_DIR")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
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
    assert_eq!(listing.lines().count(), 20);
    assert!(
        listing.lines().all(|l| l.ends_with("2020–2021")),
        "{listing}"
    );

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
