//! Crash safety: a child process saves in a loop and is killed (SIGKILL on
//! Unix, TerminateProcess on Windows) at random moments. Every notebook file
//! must then parse and hold one whole generation: the old or the new
//! content, never a mix.
//!
//! A second child applies random actions through a session, exchange
//! imports among them, and says "ack N" once action N is on disk. After
//! each kill the workspace must open cleanly and equal the state after
//! action N, or after N + 1 (written, not yet acknowledged): nothing
//! acknowledged is lost, and nothing half-done is there. 50 kills in
//! `cargo test`; `SOPHANDAU_CRASH_KILLS=500 cargo test --test crash` for
//! the long run.
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
/// The acting child's folder, and the first action it applies.
const ACTOR_ENV: &str = "SOPHANDAU_CRASH_ACTOR_DIR";
const ACTOR_FROM_ENV: &str = "SOPHANDAU_CRASH_ACTOR_FROM";
const MEMBERS: usize = 3;
const KILLS: usize = 50;

/// Marks every text of a notebook with one generation number, so that a
/// file mixing two writes would show two numbers.
fn stamp(notebook: &mut Notebook, generation: u64) {
    let mark = format!("thế hệ {generation}");
    notebook.profile.workplace = mark.clone();
    for book in notebook.years.values_mut() {
        for entry in &mut book.entries {
            entry.text = format!("{mark}: {}", "Ghi chép dài để tệp đủ lớn. ".repeat(20)).into();
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
const ACTOR_TEST: &str = "killing_a_session_keeps_every_acknowledged_action";

/// The member whose notebook the acting child works on.
const MEMBER: uuid::Uuid = uuid::Uuid::from_u128(0xa1);
const YEAR: i16 = 2024;

/// Action `k` of the acting child, the same in the child and in the
/// parent's replay: a deterministic function of `k` and the data.
fn action(k: u64, data: &sophandau::workspace::WorkspaceData) -> sophandau::workspace::Action {
    use sophandau::model::{
        Area, CellPart, CellReview, Commitment, Entry, EntryKind, Period, ProgressRecord, Remark,
        Status,
    };
    use sophandau::workspace::Action;
    let id = |n: u64| uuid::Uuid::from_u128(0xc000 + u128::from(n));
    let book = &data.notebooks[&MEMBER].years[&YEAR];
    let day = jiff::civil::date(YEAR, 1 + (k % 12) as i8, 1 + (k % 27) as i8);
    let text = format!("Bước {k}: {}", "nội dung đủ dài để tệp lớn dần. ".repeat(3));
    match k % 6 {
        // The cell's review comes in by exchange file.
        0 => {
            let remark = Remark {
                id: id(k % 4),
                period: Period::Quarter(1 + (k % 4) as u8),
                commitment: None,
                author: "Lê Thanh Tâm".into(),
                date: day,
                text: format!("Nhận xét lần {k}").into(),
                revision: k as u32,
            };
            let part = CellPart {
                member: MEMBER,
                years: [(
                    YEAR,
                    CellReview {
                        remarks: vec![remark],
                        ..CellReview::default()
                    },
                )]
                .into(),
            };
            let at = jiff::Timestamp::from_second(1_700_000_000 + k as i64).unwrap();
            let bytes = sophandau::exchange::write_cell(&[part], &[YEAR], at);
            Action::Import {
                exchange: Box::new(sophandau::exchange::read(&bytes).unwrap()),
                file: format!("nhan-xet-{k}.sophandau"),
            }
        }
        1 | 2 if !book.commitments.is_empty() && k % 12 != 1 => {
            let c = &book.commitments[(k as usize / 6) % book.commitments.len()];
            Action::SetProgress {
                member: MEMBER,
                year: YEAR,
                record: ProgressRecord {
                    commitment: c.id,
                    period: Period::Month(1 + (k % 12) as u8),
                    status: if k.is_multiple_of(2) {
                        Status::Done
                    } else {
                        Status::InProgress
                    },
                    result: text.into(),
                    evidence: Default::default(),
                    written_on: day,
                    revision: 0,
                },
            }
        }
        3 if book.commitments.len() > 3 => Action::RemoveCommitment {
            member: MEMBER,
            year: YEAR,
            id: book.commitments[0].id,
        },
        4 => Action::AddEntry {
            member: MEMBER,
            year: YEAR,
            entry: Entry {
                id: id(1000 + k),
                date: day,
                kind: EntryKind::Practice,
                title: format!("Ghi chép {k}").into(),
                text: text.into(),
                commitments: Vec::new(),
                revision: 0,
            },
        },
        _ => Action::AddCommitment {
            member: MEMBER,
            year: YEAR,
            commitment: Commitment {
                id: id(100_000 + k),
                area: Area::Duties,
                content: text.into(),
                measures: "Biện pháp".into(),
                product: Default::default(),
                deadline: None,
                order: 0,
                revision: 0,
            },
        },
    }
}

/// The folder the acting child starts from: one member's year, in the
/// member's role.
fn actor_workspace(dir: &Path) -> sophandau::workspace::WorkspaceData {
    use sophandau::model::{Profile, Role, Settings};
    use sophandau::workspace::Action;
    let mut s = store::open(dir).unwrap();
    let profile = Profile {
        full_name: "Nguyễn Thị Lan".to_owned(),
        ..Profile::default()
    };
    s.apply(Action::CreateNotebook {
        id: MEMBER,
        profile,
    })
    .unwrap();
    let settings = Settings {
        role: Role::Member,
        owner: Some(MEMBER),
        ..s.workspace.settings().clone()
    };
    s.apply(Action::ChangeSettings { settings }).unwrap();
    s.apply(Action::StartYear {
        member: MEMBER,
        year: YEAR,
        theme_id: "2020".to_owned(),
    })
    .unwrap();
    s.store.flush().unwrap();
    s.workspace.data().clone()
}

/// The acting child: applies actions `from`, `from + 1`, … and says
/// "ack k" once action k is on disk, until it is killed.
fn actor(dir: &Path, from: u64) -> ! {
    use std::io::Write as _;
    let mut session = match store::open(dir) {
        Ok(s) if !s.store.is_read_only() => s,
        Ok(_) => fail_child("the workspace is read-only: the child must hold the lock"),
        Err(e) => fail_child(&format!("cannot open {}: {e}", dir.display())),
    };
    let mut out = std::io::stdout().lock();
    for k in from.. {
        let act = action(k, session.workspace.data());
        if let Err(e) = session.apply(act) {
            fail_child(&format!("action {k} refused: {e}"));
        }
        if let Err(e) = session.store.flush() {
            fail_child(&format!("cannot save: {e}"));
        }
        let _ = writeln!(out, "ack {k}");
        let _ = out.flush();
    }
    fail_child("ran out of actions")
}

fn killing_a_session_keeps_every_acknowledged_action() {
    use sophandau::workspace::Workspace;
    use std::io::Read as _;
    let kills: usize = std::env::var("SOPHANDAU_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(KILLS);
    let dir = tempfile::tempdir().unwrap();
    // The parent's replay of what the child does, kept in step.
    let mut replay = Workspace::new(actor_workspace(dir.path()));
    let mut next = 1u64;
    let exe = std::env::current_exe().unwrap();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..kills {
        let mut child = Command::new(&exe)
            .env(ACTOR_ENV, dir.path())
            .env(ACTOR_FROM_ENV, next.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let wait = Duration::from_millis(20 + rng % 100);
        let start = Instant::now();
        while start.elapsed() < wait {
            if let Some(status) = child.try_wait().unwrap() {
                panic!("the acting child stopped by itself: {status}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let mut said = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut said)
            .unwrap();
        let acked = said
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("ack ")?.parse::<u64>().ok());
        // Every acknowledged action is replayed; the disk must hold that
        // state, or the one after the next action.
        if let Some(acked) = acked {
            while next <= acked {
                let act = action(next, replay.data());
                replay.apply(act).unwrap();
                next += 1;
            }
        }
        let session = store::open(dir.path()).unwrap();
        assert!(
            session.problems.iter().all(|p| !p.is_damage()),
            "{:?}",
            session.problems
        );
        let on_disk = &session.workspace.data().notebooks;
        if *on_disk != replay.data().notebooks {
            let act = action(next, replay.data());
            replay.apply(act).unwrap();
            next += 1;
            if *on_disk != replay.data().notebooks {
                let (a, b) = (
                    &on_disk[&MEMBER].years[&YEAR],
                    &replay.data().notebooks[&MEMBER].years[&YEAR],
                );
                let diff = format!(
                    "commitments {} / {}, progress {} / {}, entries {} / {}, remarks {:?} / {:?}",
                    a.commitments.len(),
                    b.commitments.len(),
                    a.progress.len(),
                    b.progress.len(),
                    a.entries.len(),
                    b.entries.len(),
                    a.cell_review
                        .remarks
                        .iter()
                        .map(|r| (r.id.as_u128() & 0xff, r.revision))
                        .collect::<Vec<_>>(),
                    b.cell_review
                        .remarks
                        .iter()
                        .map(|r| (r.id.as_u128() & 0xff, r.revision))
                        .collect::<Vec<_>>(),
                );
                panic!(
                    "after action {} ({:?}), the disk holds neither it nor the one before: {diff}",
                    next - 1,
                    (next - 1) % 6
                );
            }
        }
    }
    assert!(next > 10, "the child made progress: {next}");
    eprintln!("{kills} kills, {} actions applied and checked", next - 1);
}

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
    if let Some(dir) = std::env::var_os(ACTOR_ENV) {
        let from = std::env::var(ACTOR_FROM_ENV)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        actor(Path::new(&dir), from);
    }
    let args = Args::parse();
    let tests: [(&str, fn()); 2] = [
        (TEST_NAME, killing_a_saving_process_never_leaves_a_torn_file),
        (
            ACTOR_TEST,
            killing_a_session_keeps_every_acknowledged_action,
        ),
    ];
    let chosen: Vec<_> = tests.iter().filter(|(n, _)| args.selects(n)).collect();
    if args.list {
        for (name, _) in &chosen {
            println!("{name}: test");
        }
        return;
    }
    println!("\nrunning {} tests", chosen.len());
    let mut failed = 0;
    for (name, test) in &chosen {
        let outcome = std::panic::catch_unwind(test);
        let verdict = if outcome.is_ok() { "ok" } else { "FAILED" };
        println!("test {name} ... {verdict}");
        failed += usize::from(outcome.is_err());
    }
    let passed = chosen.len() - failed;
    let filtered = tests.len() - chosen.len();
    if failed > 0 {
        println!(
            "\ntest result: FAILED. {passed} passed; {failed} failed; {filtered} filtered out\n"
        );
        std::process::exit(101);
    }
    println!("\ntest result: ok. {passed} passed; 0 failed; {filtered} filtered out\n");
}
