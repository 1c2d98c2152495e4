//! The cost of encryption at rest: one member's edit and durable save
//! (apply + flush) with encryption off and on, alternating in one run on
//! two copies of the same generated cell (`demo --members 30 --years 10`,
//! whose member files are as big as those of the store bench).
//!
//! Run with `cargo bench --bench crypt`. Targets: a save with encryption
//! on ≤ 3× the save without, and ≤ 30 ms.

use std::time::{Duration, Instant};

use sophandau::demo::{self, DemoSpec};
use sophandau::store::{self, Files, Session, notebook_to_ron};
use sophandau::workspace::Action;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn summary(name: &str, times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let m = median(sorted.clone());
    println!(
        "{name:<40} median {:>8.2} ms   min {:>8.2} ms   max {:>8.2} ms   (n = {})",
        m.as_secs_f64() * 1e3,
        sorted[0].as_secs_f64() * 1e3,
        sorted[sorted.len() - 1].as_secs_f64() * 1e3,
        sorted.len()
    );
    m
}

/// A folder holding the generated cell, opened.
fn cell_in(dir: &std::path::Path, cell: &demo::DemoCell) -> Session {
    let files = Files::new(dir);
    files.create_dirs().unwrap();
    for notebook in &cell.notebooks {
        files.save_both(notebook).unwrap();
    }
    store::open(dir).unwrap()
}

fn save(session: &mut Session, member: uuid::Uuid, n: usize) -> Duration {
    let mut profile = session.workspace.notebook(member).unwrap().profile.clone();
    profile.mass_post = format!("Tổ trưởng tổ dân cư số {n}");
    let t = Instant::now();
    session
        .apply(Action::SetProfile { member, profile })
        .unwrap();
    session.store.flush().unwrap();
    t.elapsed()
}

fn main() {
    let base = std::env::var("BENCH_DIR").unwrap_or_else(|_| ".".into());
    let dir = tempfile::tempdir_in(base).expect("a temporary folder");
    let cell = demo::generate(DemoSpec {
        members: 30,
        years: 10,
        first_year: 2020,
        seed: 1,
    });
    let member = cell.notebooks[0].id;
    let mut plain = cell_in(&dir.path().join("plain"), &cell);
    let mut sealed = cell_in(&dir.path().join("sealed"), &cell);
    let t = Instant::now();
    let count = sealed.encrypt("mật khẩu thử").unwrap();
    println!(
        "turning encryption on: {count} files in {:.2} s (with the passphrase wrap)",
        t.elapsed().as_secs_f64()
    );
    let text = notebook_to_ron(sealed.workspace.notebook(member).unwrap());
    let size = text.len();
    let key = sealed.store.files().key().expect("unlocked");
    let seal: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(key.seal(text.as_bytes()).unwrap());
            t.elapsed()
        })
        .collect();
    summary("encrypting one member file (age)", &seal);
    let (mut off, mut on) = (Vec::new(), Vec::new());
    // Alternating, so both meet the same disk weather.
    for n in 0..60 {
        off.push(save(&mut plain, member, n));
        on.push(save(&mut sealed, member, n));
    }
    let off = summary("one save, encryption off", &off);
    let on = summary("one save, encryption on", &on);
    let ratio = on.as_secs_f64() / off.as_secs_f64();
    let met = |ok: bool| if ok { "met" } else { "MISSED" };
    println!(
        "member file {:.0} KB; on / off = {ratio:.2} (target ≤ 3: {}); on ≤ 30 ms: {}",
        size as f64 / 1e3,
        met(ratio <= 3.0),
        met(on <= Duration::from_millis(30))
    );
}
