//! Crash safety: a child process saves in a loop and is killed (SIGKILL on
//! Unix, TerminateProcess on Windows) at random moments. Every notebook file
//! must then parse and hold one whole generation: the old or the new
//! content, never a mix.

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

/// Not a test on its own: the body of the child process the crash test
/// starts (it re-runs this test binary with `CHILD_ENV` set). Without that
/// variable it returns at once.
#[test]
fn crash_child_writer() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let session = common::open(Path::new(&dir));
    assert!(!session.store.is_read_only(), "the child holds the lock");
    let files = session.store.files().clone();
    let mut notebooks: Vec<Notebook> = session.workspace.notebooks().cloned().collect();
    let mut generation = notebooks.iter().map(generation_of).max().unwrap_or(0);
    loop {
        generation += 1;
        for notebook in &mut notebooks {
            stamp(notebook, generation);
            files.save_notebook(notebook).expect("save");
        }
    }
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

#[test]
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
            .args([
                "crash_child_writer",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
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
