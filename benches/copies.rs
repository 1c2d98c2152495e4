//! Copied-text detection over one year of a generated
//! `demo --members 500 --years 2` cell.
//!
//! Run with `cargo bench --bench copies`. Target: the cell's year ≤ 300 ms.
//! The demo picks its sentences from short lists, so it holds many real
//! "copies"; the counts are printed beside the times.

#[path = "common/mod.rs"]
mod common;

use std::time::Instant;

use sophandau::demo::{self, DemoSpec};
use sophandau::model::Settings;
use sophandau::review;

fn main() {
    let cell = demo::generate(DemoSpec {
        members: 500,
        years: 2,
        first_year: 2024,
        seed: 1,
    });
    let settings = Settings::default();
    let year = 2025;
    let report = review::find_copies(year, &cell.notebooks, &settings);
    let passages: usize = report.groups.iter().map(|g| g.passages.len()).sum();
    let exact = report.groups.iter().filter(|g| g.similarity >= 1.0).count();
    println!(
        "demo 500 members, {year}: {} groups ({exact} exact), {passages} passages, {} members flagged",
        report.groups.len(),
        report.flags.len()
    );
    for group in report.groups.iter().take(12) {
        println!(
            "  {:.2} × {:>3}  {}",
            group.similarity,
            group.passages.len(),
            group.passages[0].text
        );
    }
    common::summary(
        "copied text, 500-member cell year",
        (0..30)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(review::find_copies(year, &cell.notebooks, &settings));
                t.elapsed()
            })
            .collect(),
    );
}
