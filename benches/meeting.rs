//! The cell's year-end papers and the meeting screen on a generated cell
//! of 500 members over two years (`demo --members 500 --years 2`, which
//! has a meeting a year): the year's report as PDF (target ≤ 200 ms), as
//! DOCX and XLSX, the minutes as PDF, and the frame-building time of the
//! meeting screen (egui `Context::run_ui`, no painting).
//!
//! Run with `cargo bench --bench meeting`.

#[path = "common/mod.rs"]
mod common;

use std::time::Instant;

use eframe::egui;
use sophandau::demo::{self, DemoSpec};
use sophandau::export::cell_papers::CellPaper;
use sophandau::export::{self, Format, Scope};
use sophandau::model::Role;
use sophandau::store::{self, Files};
use sophandau::ui::{App, Screen};
use sophandau::workspace::Action;

fn main() {
    let cell = demo::generate(DemoSpec {
        members: 500,
        years: 2,
        first_year: 2020,
        seed: 1,
    });
    let data = cell.clone().into_data();
    let as_of = jiff::civil::date(2022, 1, 20);
    for (name, paper, format, runs) in [
        ("report 2021 PDF", CellPaper::Report, Format::Pdf, 15),
        ("report 2021 DOCX", CellPaper::Report, Format::Docx, 15),
        ("report 2021 XLSX", CellPaper::Report, Format::Xlsx, 15),
        ("minutes 2021 PDF", CellPaper::Minutes, Format::Pdf, 5),
    ] {
        let scope = Scope::CellPaper { year: 2021, paper };
        let mut size = 0;
        let times = (0..runs)
            .map(|_| {
                let t = Instant::now();
                size = export::render(&data, &scope, format, as_of).unwrap().len();
                t.elapsed()
            })
            .collect();
        common::summary(&format!("{name} ({} KB)", size / 1024), times);
    }

    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    for n in &cell.notebooks {
        files.save_both(n).unwrap();
    }
    files.save_meetings(&cell.meetings).unwrap();
    let mut session = store::open(dir.path()).unwrap();
    let mut settings = session.workspace.settings().clone();
    settings.role = Role::Secretary;
    session.apply(Action::ChangeSettings { settings }).unwrap();
    let ctx = egui::Context::default();
    let mut app = App::new(&ctx, session);
    app.go_to(cell.notebooks[0].id, 2021, Screen::Meeting);
    println!(
        "frame build time, {} frames at 1280×800 (after 10 warm-up frames)",
        common::FRAMES
    );
    let mut time = 0.0;
    let times = common::frame_times(&ctx, &mut app, &mut time);
    assert_eq!(app.place().screen, Screen::Meeting);
    common::frame_summary("meeting screen, 500 members", times);
}
