//! Exchange files and shared folders on a generated 200-member cell.
//!
//! Run with `cargo bench --bench exchange`. Targets (issue "Member and cell
//! on different machines"):
//! - importing 200 members' files into the secretary's workspace ≤ 2 s;
//! - a notebook changed by another process shown ≤ 1 s after it lands;
//! - the check before each write adds ≤ 20% to a save.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use sophandau::demo::{self, DemoSpec};
use sophandau::exchange;
use sophandau::model::{Role, Settings};
use sophandau::store::{self, Files};
use sophandau::workspace::Action;

fn main() {
    let cell = demo::generate(DemoSpec {
        members: 200,
        years: 2,
        first_year: 2024,
        seed: 3,
    });
    let dir = tempfile::tempdir().unwrap();
    let now = jiff::Timestamp::now();

    // Each member hands the notebook in: 200 files.
    let inbox = dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let mut paths = Vec::new();
    for nb in &cell.notebooks {
        let path = inbox.join(format!("{}.sophandau", nb.id));
        std::fs::write(&path, exchange::write_members(&[nb], now)).unwrap();
        paths.push(path);
    }
    let bytes: u64 = paths.iter().map(|p| p.metadata().unwrap().len()).sum();

    // The secretary takes them all: read, check, merge, apply, save.
    let ws = dir.path().join("cell");
    let mut s = store::open(&ws).unwrap();
    let settings = Settings {
        role: Role::Secretary,
        ..s.workspace.settings().clone()
    };
    s.apply(Action::ChangeSettings { settings }).unwrap();
    let t = Instant::now();
    for path in &paths {
        let ex = exchange::read_file(path).unwrap();
        let name = path.display().to_string();
        exchange::plan_import(s.workspace.data(), Role::Secretary, &ex, &name).unwrap();
        s.apply(Action::Import {
            exchange: Box::new(ex),
            file: name,
        })
        .unwrap();
    }
    s.store.flush().unwrap();
    let import = t.elapsed();
    println!(
        "import 200 members' files ({:.1} MB), saved:  {:>8.1} ms   (target ≤ 2000 ms)",
        bytes as f64 / 1e6,
        import.as_secs_f64() * 1e3
    );

    // A member's notebook rewritten by another process (as a sync tool
    // does) until the secretary's session has it.
    s.store.watch(|| {});
    let files = Files::new(&ws);
    let mut seen = Vec::new();
    for round in 0..20u32 {
        let mut nb = (**s.workspace.data().notebooks.values().next().unwrap()).clone();
        nb.profile.workplace = format!("Nơi làm việc {round}");
        nb.profile.revision += 1;
        let text = store::notebook_to_ron(&nb);
        let t = Instant::now();
        store::write_atomic(&files.notebook_path(nb.id), text.as_bytes()).unwrap();
        loop {
            let _ = s.refresh();
            let here = &s.workspace.notebook(nb.id).unwrap().profile.workplace;
            if *here == nb.profile.workplace {
                break;
            }
            assert!(t.elapsed() < Duration::from_secs(10), "never seen");
            std::thread::sleep(Duration::from_millis(1));
        }
        seen.push(t.elapsed());
    }
    common::summary("changed file shown (target ≤ 1000)", seen);
    drop(s);

    // A save with and without the check that the file is the one read.
    let one = &cell.notebooks[0];
    let text = store::notebook_to_ron(one);
    let plain = Files::new(dir.path().join("plain"));
    plain.create_dirs().unwrap();
    let mut guarded = Files::new(dir.path().join("guarded"));
    guarded.create_dirs().unwrap();
    guarded.guard = true;
    // Interleaved, so that both see the same moods of the disk; the check
    // is also timed alone.
    let path = guarded.notebook_path(one.id);
    let (mut a, mut b, mut check) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..300 {
        let t = Instant::now();
        plain.save_notebook_text(one.id, &text).unwrap();
        a.push(t.elapsed());
        let t = Instant::now();
        guarded.save_notebook_text(one.id, &text).unwrap();
        b.push(t.elapsed());
        let t = Instant::now();
        guarded.stamps.check_before_write(&path).unwrap();
        check.push(t.elapsed());
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (a, b, check) = (median(a), median(b), median(check));
    println!(
        "save of one notebook ({} kB): {:.3} ms plain, {:.3} ms with the check; the check alone {:.3} ms = {:.1}% of a save   (target ≤ 20%)",
        text.len() / 1024,
        a.as_secs_f64() * 1e3,
        b.as_secs_f64() * 1e3,
        check.as_secs_f64() * 1e3,
        check.as_secs_f64() / a.as_secs_f64() * 100.0
    );
}
