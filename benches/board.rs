//! Frame-building time of the cell board (egui `Context::run_ui`, no
//! painting) on a generated cell of 500 members over two years, as the
//! secretary sees it: by name, sorted by another column, filtered by text
//! and by state, with the copied-text marks shown. Also the time to work
//! the board out after a change, and to find the copied text of the year.
//!
//! Run with `cargo bench --bench board`. Targets: frame median ≤ 1 ms,
//! worst ≤ 4 ms; copied-text detection ≤ 300 ms.

#[path = "common/mod.rs"]
mod common;

use std::time::Instant;

use eframe::egui;
use sophandau::demo::{self, DemoSpec};
use sophandau::model::Role;
use sophandau::review;
use sophandau::review::board::{self, Column, RowState};
use sophandau::store::{self, Files};
use sophandau::ui::{App, Screen};
use sophandau::workspace::Action;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let cell = demo::generate(DemoSpec {
        members: 500,
        years: 2,
        first_year: 2020,
        seed: 1,
    });
    for n in &cell.notebooks {
        files.save_both(n).unwrap();
    }
    let mut session = store::open(dir.path()).unwrap();
    let mut settings = session.workspace.settings().clone();
    settings.role = Role::Secretary;
    session.apply(Action::ChangeSettings { settings }).unwrap();
    let today = jiff::civil::date(2021, 6, 15);
    let t = Instant::now();
    let b = board::board(2021, session.workspace.notebooks(), today);
    println!(
        "board of {} members worked out in {:.2} ms (once per change)",
        b.rows.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    common::summary(
        "copied-text detection, the cell's year",
        (0..20)
            .map(|_| {
                let t = Instant::now();
                let report = review::find_copies(
                    2021,
                    session.workspace.notebooks(),
                    session.workspace.settings(),
                );
                std::hint::black_box(report);
                t.elapsed()
            })
            .collect(),
    );
    let member = cell.notebooks[0].id;
    let ctx = egui::Context::default();
    let mut app = App::new(&ctx, session);
    app.go_to(member, 2021, Screen::Board);
    // The first frame starts the copied-text comparison off the UI
    // thread; the frames below are timed with its marks shown.
    let mut time = 0.0;
    let _ = common::frame_times(&ctx, &mut app, &mut time);
    app.wait_for_copies();
    let cases: [(&str, Column, bool, &str, Option<RowState>); 4] = [
        ("by name", Column::Name, false, "", None),
        ("sorted by % done, descending", Column::Done, true, "", None),
        (
            "filtered by text \"nguyen\"",
            Column::Name,
            false,
            "nguyen",
            None,
        ),
        (
            "overdue, sorted by final level",
            Column::FinalLevel,
            false,
            "",
            Some(RowState::Overdue),
        ),
    ];
    println!(
        "frame build time, {} frames each at 1280×800 (after 10 warm-up frames)",
        common::FRAMES
    );
    for (name, column, descending, text, state) in cases {
        app.set_board_order(column, descending, text, state);
        let times = common::frame_times(&ctx, &mut app, &mut time);
        assert_eq!(app.place().screen, Screen::Board);
        common::frame_summary(name, times);
    }
}
