//! Export speed on a generated `demo --members 200 --years 10` cell: one
//! member-year as PDF and DOCX, and the whole cell for one year as PDF and
//! XLSX. Also times `libreoffice --headless --convert-to pdf` on the same
//! member-year DOCX, when LibreOffice is installed, as the path a user
//! would otherwise take.
//!
//! Run with `cargo bench --bench export`. Targets: a member-year PDF
//! ≤ 50 ms; the whole cell ≤ 5 s.

use std::time::{Duration, Instant};

use sophandau::demo::{self, DemoSpec};
use sophandau::export::{self, Format, Scope};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let data = demo::generate(DemoSpec {
        members: 200,
        years: 10,
        first_year: 2020,
        seed: 1,
    })
    .into_data();
    let as_of = jiff::civil::date(2026, 11, 27);
    let member = Scope::Member {
        id: *data.notebooks.keys().next().unwrap(),
        years: vec![2024],
    };
    let whole = Scope::Cell { years: vec![2024] };
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut bytes = Vec::new();
    for (name, scope, format, runs) in [
        ("member-year PDF", &member, Format::Pdf, 20),
        ("member-year DOCX", &member, Format::Docx, 20),
        ("member-year XLSX", &member, Format::Xlsx, 20),
        ("whole cell (200) PDF", &whole, Format::Pdf, 3),
        ("whole cell (200) XLSX", &whole, Format::Xlsx, 3),
        ("whole cell (200) DOCX", &whole, Format::Docx, 3),
        ("whole cell (200) Markdown", &whole, Format::Markdown, 3),
    ] {
        let d = time(runs, || {
            bytes = export::render(&data, scope, format, as_of).unwrap();
        });
        println!(
            "{name:<24} median {:>9.1} ms   ({} KB)",
            ms(d),
            bytes.len() / 1024
        );
    }

    // Where a member-year PDF's time goes: laying out (shaping, wrapping)
    // against the whole render.
    let layout = time(20, || {
        export::pdf_layout(&data, &member, as_of).unwrap();
    });
    println!(
        "{:<24} median {:>9.1} ms   (layout and its text dump only)",
        "member-year PDF layout",
        ms(layout)
    );

    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("member.docx");
    std::fs::write(
        &docx,
        export::render(&data, &member, Format::Docx, as_of).unwrap(),
    )
    .unwrap();
    let ours = time(20, || {
        export::render(&data, &member, Format::Pdf, as_of).unwrap();
    });
    let lo = std::process::Command::new("libreoffice")
        .arg("--version")
        .output();
    if lo.is_ok_and(|o| o.status.success()) {
        let d = time(3, || {
            let status = std::process::Command::new("libreoffice")
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(dir.path())
                .arg(&docx)
                .output()
                .unwrap();
            assert!(status.status.success());
        });
        println!(
            "member-year DOCX → PDF by LibreOffice: median {:.0} ms, {:.0}× our PDF",
            ms(d),
            d.as_secs_f64() / ours.as_secs_f64()
        );
    } else {
        println!("LibreOffice not installed: no comparison");
    }
}
