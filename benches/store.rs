//! Store speed on a large generated cell (`demo --members 200 --years 10`):
//! loading the whole workspace, saving one member after one edit (durable),
//! and, for comparison in the same run, a bare write + fsync + rename of the
//! same bytes.
//!
//! Run with `cargo bench --bench store`. Targets: load ≤ 1 s; one save ≤ 2×
//! the bare write.

use std::fs::{self, File};
use std::io::Write;
use std::time::{Duration, Instant};

use sophandau::demo::{self, DemoSpec};
use sophandau::store::{self, Files, notebook_to_ron};
use sophandau::workspace::Action;

fn summary(name: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name:<44} median {:>9.2} ms   min {:>9.2} ms   max {:>9.2} ms   (n = {})",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len()
    );
    median
}

fn main() {
    let dir = tempfile::tempdir_in(std::env::var("BENCH_DIR").unwrap_or_else(|_| ".".into()))
        .expect("a temporary folder");
    let spec = DemoSpec {
        members: 200,
        years: 10,
        first_year: 2020,
        seed: 1,
    };
    let started = Instant::now();
    let cell = demo::generate(spec);
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    for notebook in &cell.notebooks {
        files.save_both(notebook).unwrap();
    }
    let bytes: u64 = files
        .notebook_files()
        .unwrap()
        .iter()
        .map(|p| fs::metadata(p).unwrap().len())
        .sum();
    println!(
        "generated 200 members × 10 years: {:.1} MB in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let load = summary(
        "load whole workspace (open)",
        (0..5)
            .map(|_| {
                let t = Instant::now();
                let session = store::open(dir.path()).unwrap();
                let elapsed = t.elapsed();
                assert_eq!(session.workspace.notebooks().count(), 200);
                elapsed
            })
            .collect(),
    );

    let mut session = store::open(dir.path()).unwrap();
    let member = cell.notebooks[0].id;
    let notebook = session.workspace.notebook(member).unwrap().clone();
    summary(
        "serialise one member to RON (whole file)",
        (0..30)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(notebook_to_ron(&notebook));
                t.elapsed()
            })
            .collect(),
    );
    // Saves and bare writes alternate, so both meet the same disk weather.
    let text = notebook_to_ron(&notebook);
    let target = dir.path().join("bare.ron");
    let (mut save_times, mut bare_times) = (Vec::new(), Vec::new());
    for n in 0..60 {
        let mut profile = session.workspace.notebook(member).unwrap().profile.clone();
        profile.mass_post = format!("Tổ trưởng tổ dân cư số {n}");
        let t = Instant::now();
        session
            .apply(Action::SetProfile { member, profile })
            .unwrap();
        session.store.flush().unwrap();
        save_times.push(t.elapsed());

        let t = Instant::now();
        let tmp = dir.path().join("bare.tmp");
        let mut f = File::create(&tmp).unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f.sync_all().unwrap();
        fs::rename(&tmp, &target).unwrap();
        bare_times.push(t.elapsed());
    }
    let save = summary("one edit + durable save (apply + flush)", save_times);
    let bare = summary("bare write + fsync + rename, same bytes", bare_times);
    println!(
        "one member file: {:.0} KB; save / bare = {:.2}; load target 1 s: {}",
        text.len() as f64 / 1e3,
        save.as_secs_f64() / bare.as_secs_f64(),
        if load <= Duration::from_secs(1) {
            "met"
        } else {
            "MISSED"
        }
    );
}
