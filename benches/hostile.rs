//! Oversized and hostile input, with time and peak memory: a notebook file
//! with a 50 MB text, 100,000 levels of nesting, a workspace of 100,000
//! tiny notebooks, and a 10 MB single word exported in each format.
//!
//! Each case runs in a child process of its own (this binary, given the
//! case's name), so that its peak memory (Linux `VmHWM`) is its own and a
//! case that hangs is stopped: the parent gives up after `LIMIT`.
//!
//! Run with `cargo bench --bench hostile`; one case alone with
//! `cargo bench --bench hostile -- word-pdf`.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sophandau::demo::{self, DemoSpec};
use sophandau::export::{self, Format, Scope};
use sophandau::model::{Notebook, Profile};
use sophandau::store::{self, Files, notebook_to_ron};

/// A case still running after this long counts as a hang.
const LIMIT: Duration = Duration::from_secs(180);

const CASES: [&str; 9] = [
    "text-50mb",
    "nesting-100k",
    "members-100k",
    "word-markdown",
    "word-xlsx",
    "word-docx",
    "word-pdf",
    "word-pdf-1mb",
    "name-pdf",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(case) = args.first().and_then(|a| a.strip_prefix("--case=")) {
        run(case);
        return;
    }
    let chosen: Vec<&str> = CASES
        .into_iter()
        .filter(|c| args.iter().all(|a| a.starts_with('-')) || args.iter().any(|a| a == c))
        .collect();
    let exe = std::env::current_exe().expect("the bench knows its own path");
    for case in chosen {
        let started = Instant::now();
        let mut child = Command::new(&exe)
            .arg(format!("--case={case}"))
            .stdout(Stdio::inherit())
            .spawn()
            .expect("the case starts");
        loop {
            if let Some(status) = child.try_wait().expect("the case is watched") {
                if !status.success() {
                    println!("{case}: failed ({status})");
                }
                break;
            }
            if started.elapsed() > LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                println!("{case}: not finished after {} s, stopped", LIMIT.as_secs());
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The process's peak resident memory in MB, where the system tells it.
fn peak_mb() -> String {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.0} MB", kb / 1024.0))
        })
        .unwrap_or_else(|| "n/a".to_owned())
}

fn report(case: &str, size: usize, took: Duration, outcome: &str) {
    println!(
        "{case}: input {:.1} MB, {:.2} s, peak {}; {outcome}",
        size as f64 / 1e6,
        took.as_secs_f64(),
        peak_mb()
    );
}

fn run(case: &str) {
    match case {
        "text-50mb" => text_50mb(),
        "nesting-100k" => nesting(),
        "members-100k" => members(100_000),
        "word-markdown" => word(Format::Markdown, 10_000_000),
        "word-xlsx" => word(Format::Xlsx, 10_000_000),
        "word-docx" => word(Format::Docx, 10_000_000),
        "word-pdf" => word(Format::Pdf, 10_000_000),
        "word-pdf-1mb" => word(Format::Pdf, 1_000_000),
        // The same export with the demo's own name: what any PDF costs.
        "name-pdf" => word(Format::Pdf, 0),
        other => panic!("no case {other}"),
    }
}

/// Loads the one notebook file put in `dir` and says what became of it.
fn inspect(case: &str, dir: &Path, size: usize) {
    let started = Instant::now();
    let (workspace, problems) = store::inspect(dir).expect("the folder opens");
    let took = started.elapsed();
    let outcome = match problems.first() {
        Some(p) => format!(
            "refused: {}",
            p.message(sophandau::model::Language::English)
        ),
        None => format!("opened, {} notebooks", workspace.notebooks().count()),
    };
    report(
        case,
        size,
        took,
        &outcome.chars().take(160).collect::<String>(),
    );
}

fn text_50mb() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let mut notebook = one_member(1);
    notebook.profile.workplace = "Xã Long Thuận ".repeat(50_000_000 / 16);
    let text = notebook_to_ron(&notebook);
    fs::write(files.notebook_path(notebook.id), &text).unwrap();
    let size = text.len();
    drop((notebook, text));
    inspect("text-50mb", dir.path(), size);
}

fn nesting() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let deep = "(schema_version: 1, extra: ".to_owned() + &"[".repeat(100_000);
    fs::write(files.notebook_path(uuid::Uuid::new_v4()), &deep).unwrap();
    inspect("nesting-100k", dir.path(), deep.len());
}

fn one_member(seed: u64) -> Notebook {
    demo::generate(DemoSpec {
        members: 1,
        years: 1,
        first_year: 2025,
        seed,
    })
    .notebooks
    .remove(0)
}

/// A workspace of `n` notebooks with a name each, opened for work.
fn members(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let mut size = 0;
    for i in 0..n {
        let notebook = Notebook::new(
            uuid::Uuid::new_v4(),
            Profile {
                full_name: format!("Đảng viên số {i}"),
                cell: "Chi bộ Ấp Thạnh Trung".to_owned(),
                ..Profile::default()
            },
        );
        let text = notebook_to_ron(&notebook);
        size += text.len();
        fs::write(files.notebook_path(notebook.id), text).unwrap();
    }
    let started = Instant::now();
    let session = store::open(dir.path()).expect("the folder opens");
    let took = started.elapsed();
    let outcome = format!(
        "opened, {} notebooks, {} problems",
        session.workspace.notebooks().count(),
        session.problems.len()
    );
    drop(session);
    report("members-100k", size, took, &outcome);
}

/// One member whose name is one word of `bytes` bytes (none: the demo's
/// name, kept), exported.
fn word(format: Format, bytes: usize) {
    let mut data = demo::generate(DemoSpec {
        members: 1,
        years: 1,
        first_year: 2025,
        seed: 7,
    })
    .into_data();
    let (&id, notebook) = data.notebooks.iter_mut().next().unwrap();
    if bytes > 0 {
        std::sync::Arc::make_mut(notebook).profile.full_name = "Nguyễn".repeat(bytes / 8);
    }
    let scope = Scope::Member {
        id,
        years: vec![2025],
    };
    let as_of = jiff::civil::date(2025, 12, 1);
    let started = Instant::now();
    let result = export::render(&data, &scope, format, as_of);
    let took = started.elapsed();
    let outcome = match result {
        Ok(out) => format!("written, {:.1} MB", out.len() as f64 / 1e6),
        Err(e) => format!(
            "refused: {}",
            e.message(sophandau::model::Language::English)
        ),
    };
    report(
        &format!("word-{format:?} ({bytes} B)"),
        bytes,
        took,
        &outcome,
    );
}
