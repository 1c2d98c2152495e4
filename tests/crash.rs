//! Crash safety: a child process saves in a loop and is killed (SIGKILL on
//! Unix, TerminateProcess on Windows) at random moments. Every notebook file
//! must then parse and hold one whole generation: the old or the new
//! content, never a mix.
//!
//! This target has no test harness (`harness = false` in Cargo.toml): its
//! `main` is either the saving child, when started with `CHILD_ENV` set, or
//! else the one test, run the way the harness would (name filters,
//! `--exact`, `--skip`, `--list`), so the child never shows up as a test.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sophandau::model::Notebook;
use sophandau::store::{self, Files, TEMP_PREFIX, decode_notebook};

const CHILD_ENV: &str = "SOPHANDAU_CRASH_CHILD_DIR";
const MEMBERS: usize = 3;
const KILLS: usize = 50;

/// Marks every text of a notebook with one generation number, so that a
/// file mixing two writes would show two numbers.
fn stamp(notebook: &mut Notebook, generation: u64) {
    let mark = format!("thế hệ {generation}");
    notebook.profile.workplace = mark.clone();
    for book in notebook.years.values_mut() {
        for entry in &mut book.entries {
            entry.text = format!("{mark}: {}", "Ghi chép dài để tệp đủ lớn. ".repeat(20));
        }
    }
}

fn generation_of(notebook: &Notebook) -> u64 {
    let mark = &notebook.profile.workplace;
    let generation = mark
        .strip_prefix("thế hệ ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unstamped workplace {mark:?}"));
    for book in notebook.years.values() {
        for entry in &book.entries {
            assert!(
                entry.text.starts_with(&format!("{mark}:")),
                "a file mixes generations: {mark} and {:?}",
                entry.text.get(..20)
            );
        }
    }
    generation
}

/// The child process: opens the workspace in `dir` and saves every
/// notebook, stamped with the next generation, until it is killed.
fn writer(dir: &Path) -> ! {
    let session = match store::open(dir) {
        Ok(session) => session,
        Err(e) => fail_child(&format!("cannot open {}: {e}", dir.display())),
    };
    if session.store.is_read_only() {
        fail_child("the workspace is read-only: the child must hold the lock");
    }
    let files = session.store.files().clone();
    let mut notebooks: Vec<Notebook> = session.workspace.notebooks().cloned().collect();
    let mut generation = notebooks.iter().map(generation_of).max().unwrap_or(0);
    loop {
        generation += 1;
        for notebook in &mut notebooks {
            stamp(notebook, generation);
            if let Err(e) = files.save_notebook(notebook) {
                fail_child(&format!("cannot save: {e}"));
            }
        }
    }
}

/// Ends the child with a reason: the parent then sees it stop by itself.
fn fail_child(why: &str) -> ! {
    eprintln!("crash writer: {why}");
    std::process::exit(2)
}

fn check_workspace(dir: &Path, last_seen: &mut [u64]) {
    let paths = Files::new(dir).notebook_files().unwrap();
    assert_eq!(
        paths.len(),
        MEMBERS,
        "temp files are never taken for notebooks"
    );
    for (path, last) in paths.iter().zip(last_seen) {
        let bytes = std::fs::read(path).unwrap();
        let notebook = decode_notebook(&bytes)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
            .into_value();
        let generation = generation_of(&notebook);
        assert!(generation >= *last, "a file went back in time");
        *last = generation;
    }
}

fn killing_a_saving_process_never_leaves_a_torn_file() {
    let dir = tempfile::tempdir().unwrap();
    for seed in 0..MEMBERS as u64 {
        let mut notebook = common::sample_notebook(100 + seed);
        stamp(&mut notebook, 0);
        common::put_notebook(dir.path(), &notebook);
    }
    let exe = std::env::current_exe().unwrap();
    let mut last_seen = vec![0; MEMBERS];
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut temps_seen = 0;
    for _ in 0..KILLS {
        let mut child = Command::new(&exe)
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        // Let it get into its loop, then kill it somewhere inside a save.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let start = Instant::now();
        let wait = Duration::from_millis(30 + rng % 120);
        while start.elapsed() < wait {
            if let Some(status) = child.try_wait().unwrap() {
                panic!("the writer stopped by itself: {status}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        temps_seen += std::fs::read_dir(dir.path().join("notebooks"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(TEMP_PREFIX)
            })
            .count();
        check_workspace(dir.path(), &mut last_seen);
    }
    assert!(last_seen.iter().all(|g| *g > 0), "the writer made progress");
    // Whatever temp files the kills left, opening cleans them and loads all.
    let session = store::open(dir.path()).unwrap();
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    assert_eq!(session.workspace.notebooks().count(), MEMBERS);
    eprintln!("{KILLS} kills, {temps_seen} interrupted temp files seen, generations {last_seen:?}");
}

const TEST_NAME: &str = "killing_a_saving_process_never_leaves_a_torn_file";

/// What the command line asks of the test, read as libtest reads it.
struct Args {
    list: bool,
    ignored_only: bool,
    exact: bool,
    filters: Vec<String>,
    skips: Vec<String>,
}

impl Args {
    fn parse() -> Args {
        let mut args = Args {
            list: false,
            ignored_only: false,
            exact: false,
            filters: Vec::new(),
            skips: Vec::new(),
        };
        let mut it = std::env::args().skip(1);
        while let Some(arg) = it.next() {
            match arg.as_str() {
                "--list" => args.list = true,
                "--ignored" => args.ignored_only = true,
                "--exact" => args.exact = true,
                "--skip" => args.skips.extend(it.next()),
                // Options with a value of their own, not a filter.
                "--test-threads" | "--format" | "--color" | "--logfile" | "-Z" => {
                    it.next();
                }
                a if a.starts_with('-') => {}
                _ => args.filters.push(arg),
            }
        }
        args
    }

    fn selects(&self, name: &str) -> bool {
        let matches = |f: &String| {
            if self.exact {
                name == f
            } else {
                name.contains(f.as_str())
            }
        };
        !self.ignored_only
            && (self.filters.is_empty() || self.filters.iter().any(matches))
            && !self.skips.iter().any(|s| name.contains(s.as_str()))
    }
}

fn main() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        writer(Path::new(&dir));
    }
    let args = Args::parse();
    if args.list {
        if args.selects(TEST_NAME) {
            println!("{TEST_NAME}: test");
        }
        return;
    }
    if !args.selects(TEST_NAME) {
        println!("\nrunning 0 tests\n\ntest result: ok. 0 passed; 0 failed; 1 filtered out\n");
        return;
    }
    println!("\nrunning 1 test");
    let outcome = std::panic::catch_unwind(killing_a_saving_process_never_leaves_a_torn_file);
    let verdict = if outcome.is_ok() { "ok" } else { "FAILED" };
    println!("test {TEST_NAME} ... {verdict}\n");
    if outcome.is_err() {
        println!("test result: FAILED. 0 passed; 1 failed\n");
        std::process::exit(101);
    }
    println!("test result: ok. 1 passed; 0 failed\n");
}
