//! Frame-building time of the member's window (egui `Context::run_ui`,
//! no painting) on the largest screens of a `demo --members 200 --years 10`
//! workspace, plus a notebook with 10,000 entries in one year.
//!
//! Run with `cargo bench --bench frames`. Target: median ≤ 1 ms, worst ≤ 4 ms.

#[path = "common/mod.rs"]
mod common;

use eframe::egui;
use sophandau::demo::{self, DemoSpec};
use sophandau::export::{Format, Scope};
use sophandau::model::{Entry, Notebook};
use sophandau::store::{self, Files};
use sophandau::ui::{App, Screen};
use uuid::Uuid;

fn with_many_entries(mut notebook: Notebook, year: i16, count: usize) -> Notebook {
    let book = notebook.years.get_mut(&year).expect("the year exists");
    let samples = book.entries.clone();
    book.entries = (0..count)
        .map(|i| {
            let sample = &samples[i % samples.len()];
            Entry {
                id: Uuid::from_u128(0xE17_0000 + i as u128),
                date: jiff::civil::date(year, 1, 1)
                    .checked_add(jiff::Span::new().days((i * 365 / count) as i64))
                    .unwrap(),
                title: format!("{} ({})", sample.title, i + 1).into(),
                ..sample.clone()
            }
        })
        .collect();
    book.entries.sort_by_key(Entry::sort_key);
    notebook
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let mut cell = demo::generate(DemoSpec {
        members: 200,
        years: 10,
        first_year: 2020,
        seed: 1,
    });
    let big = with_many_entries(cell.notebooks.remove(1), 2029, 10_000);
    let (big_id, member) = (big.id, cell.notebooks[0].id);
    files.save_both(&big).unwrap();
    for n in &cell.notebooks {
        files.save_both(n).unwrap();
    }
    let session = store::open(dir.path()).unwrap();
    let ctx = egui::Context::default();
    let mut app = App::new(&ctx, session);

    let cases: [(&str, uuid::Uuid, i16, Screen, bool); 8] = [
        ("registration", member, 2029, Screen::Registration, false),
        ("progress by month", member, 2029, Screen::Progress, false),
        ("progress by quarter", member, 2029, Screen::Progress, true),
        (
            "entries (year of ~30)",
            member,
            2029,
            Screen::Entries,
            false,
        ),
        (
            "entries (10,000 in the year)",
            big_id,
            2029,
            Screen::Entries,
            false,
        ),
        ("self-review", member, 2029, Screen::SelfReview, false),
        ("profile", member, 2029, Screen::Profile, false),
        (
            "year review (with the cell)",
            member,
            2029,
            Screen::Review,
            false,
        ),
    ];
    println!(
        "frame build time, {} frames each at 1280×800 (after 10 warm-up frames)",
        common::FRAMES
    );
    let mut time = 0.0;
    // `ONLY=review cargo bench --bench frames` measures the screens whose
    // name contains the word, e.g. under a profiler.
    let only = std::env::var("ONLY").ok();
    for (name, who, year, screen, quarter) in cases {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        app.go_to(who, year, screen);
        app.set_progress_by_quarter(quarter);
        let times = common::frame_times(&ctx, &mut app, &mut time);
        common::frame_summary(name, times);
    }

    // The board while the whole cell's year is written as PDF on the
    // export's thread (≈ 3,000 pages), frame after frame until it ends.
    if only.as_deref().is_none_or(|o| "export".contains(o)) {
        app.go_to(member, 2029, Screen::Board);
        let out = dir.path().join("chi-bo-2029.pdf");
        let scope = Scope::Cell { years: vec![2029] };
        let started = std::time::Instant::now();
        app.start_export(&ctx, scope, Format::Pdf, out.clone());
        let mut times = Vec::new();
        while app.export_running() {
            times.extend(common::frames(&ctx, &mut app, &mut time, 1));
        }
        let took = started.elapsed();
        assert!(out.is_file(), "the export wrote nothing");
        common::frame_summary("board while the cell's year exports as PDF", times);
        println!(
            "the export, frames going: {:.0} ms",
            took.as_secs_f64() * 1e3
        );
    }
    drop(app);

    // The window as it opens: the cell board while the notebooks are read
    // in the background, frame after frame until the last is in.
    if only.as_deref().is_none_or(|o| "loading".contains(o)) {
        let started = std::time::Instant::now();
        let session = store::open_in_background(dir.path()).unwrap();
        let ctx = egui::Context::default();
        let mut app = App::new(&ctx, session);
        let mut times = Vec::new();
        while !app.session().workspace.is_loaded() {
            times.extend(common::frames(&ctx, &mut app, &mut time, 1));
        }
        let loaded = started.elapsed();
        common::frame_summary("board while 200 notebooks load", times);
        println!(
            "every notebook in, frames going: {:.0} ms",
            loaded.as_secs_f64() * 1e3
        );
    }
}
