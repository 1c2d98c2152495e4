//! PDF rendering of the export document tree (A4 portrait, Noto Sans), with
//! krilla for the PDF itself and harfrust for shaping.
//!
//! Text is shaped with harfrust (kerning included) and wrapped by the
//! shaped glyph advances; each line is shaped again the same way when it
//! is drawn and its glyphs handed to krilla's `draw_glyphs`, so what is
//! measured is exactly what is drawn. Each glyph carries the byte range of
//! its cluster, from which krilla writes the ToUnicode map: copy/paste
//! gives back the original (NFC) text.
//!
//! Layout runs in two passes: all blocks are laid out into pages of
//! positioned items first (their text borrowed from the document, the
//! lines of one text in one column as a run of byte ranges of it), then
//! every page is drawn with its footer "Trang X/N", N being known by then,
//! and dropped. `text` shapes and breaks lines, `layout` places the blocks
//! on pages, this module draws them.

mod layout;
mod text;

use super::doc::Document;
use super::{BUILT, ExportError, Progress};
use layout::{Item, Layout, Page};
use text::{Fonts, Line, ShapeCache, Weight};

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::KrillaGlyph;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
const MARGIN_LEFT: f32 = 30.0 * MM;
const MARGIN_RIGHT: f32 = 15.0 * MM;
const MARGIN_TOP: f32 = 20.0 * MM;
const MARGIN_BOTTOM: f32 = 20.0 * MM;
const TEXT_W: f32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
const CONTENT_BOTTOM: f32 = PAGE_H - MARGIN_BOTTOM;
const USABLE_H: f32 = CONTENT_BOTTOM - MARGIN_TOP;

const BODY_SIZE: f32 = 11.0;
const LINE_FACTOR: f32 = 1.35;
const TABLE_SIZE: f32 = 11.0;
const FOOTER_SIZE: f32 = 9.0;
const CELL_PAD: f32 = 3.0;
const BORDER_W: f32 = 0.5;
const HEADER_GREY: u8 = 217;
const GROUP_GREY: u8 = 240;
const SIGN_SPACE: f32 = 60.0;
const PARA_AFTER: f32 = 5.0;
const TABLE_BEFORE: f32 = 4.0;
const TABLE_AFTER: f32 = 8.0;
const SIGN_BEFORE: f32 = 14.0;
/// Slack for float comparisons of widths and heights.
const EPS: f32 = 0.01;

/// Renders the parts, each starting on a new page, to one PDF with the
/// given Noto Sans Regular and Bold font files; titled by the first part.
pub fn render(
    parts: &[Document],
    regular: &[u8],
    bold: &[u8],
    progress: &Progress,
) -> Result<Vec<u8>, ExportError> {
    let fonts = Fonts::new(regular, bold).map_err(ExportError::Render)?;
    let title = parts.first().map_or("", |p| p.title.as_str());
    // krilla compresses each finished page on rayon's threads, holding the
    // page's stream uncompressed until then (28 KB for a page of a long
    // name). Drawn on one of those threads, which compresses a waiting
    // page itself when the others fall behind (a busy machine), pages
    // cannot pile up waiting. Laid out on the same thread, the memory the
    // pages free is there for krilla to reuse.
    rayon_core::scope(|_| {
        let pages = layout_parts(&fonts, parts, progress)?;
        draw(&fonts, title, pages, progress)
    })
}

/// The laid-out pages as text, one line per item, positions in points to
/// a tenth: a golden file of the layout that reads well in a diff.
pub fn layout_text(parts: &[Document], regular: &[u8], bold: &[u8]) -> Result<String, ExportError> {
    use std::fmt::Write;
    let fonts = Fonts::new(regular, bold).map_err(ExportError::Render)?;
    let pages = layout_parts(&fonts, parts, &Progress::new())?;
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        let _ = writeln!(out, "== Trang {}/{}", i + 1, pages.len());
        let text = |out: &mut String, (x, baseline): (f32, f32), size: f32, weight, line: &Line| {
            let _ = writeln!(
                out,
                "T {x:.1} {baseline:.1} {size:.1}{} w{:.1} {}",
                if weight == Weight::Bold { "b" } else { "" },
                line.width,
                line.text
            );
        };
        for item in page {
            match item {
                Item::Text { .. } | Item::Line { .. } | Item::Lines(_) => {
                    for (x, baseline, size, weight, line) in item.texts() {
                        text(&mut out, (x, baseline), size, weight, &line);
                    }
                }
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    border,
                } => {
                    let _ = writeln!(
                        out,
                        "R {x:.1} {y:.1} {w:.1} {h:.1}{}{}",
                        fill.map_or(String::new(), |f| format!(" fill{f}")),
                        if *border { " border" } else { "" }
                    );
                }
            }
        }
    }
    Ok(out)
}

/// Share of the export done when the layout is done; drawing follows.
const LAID_OUT: f32 = 0.7;
const DRAWN: f32 = 0.95;

/// Lays the parts out on all cores (they share nothing but the fonts, as
/// each starts on a new page), and returns their pages in order.
fn layout_parts<'d>(
    fonts: &Fonts,
    parts: &'d [Document],
    progress: &Progress,
) -> Result<Vec<Page<'d>>, ExportError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, parts.len().max(1));
    let next = AtomicUsize::new(0);
    // Counted and reported under one lock, so that reports come in order.
    let done = Mutex::new(0usize);
    let laid: Vec<Mutex<Vec<Page<'d>>>> = parts.iter().map(|_| Mutex::default()).collect();
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= parts.len() || progress.is_cancelled() {
                break;
            }
            let pages = Layout::run(fonts, &parts[i]);
            *laid[i].lock().unwrap_or_else(PoisonError::into_inner) = pages;
            let mut n = done.lock().unwrap_or_else(PoisonError::into_inner);
            *n += 1;
            // A cancel is seen by the loop above.
            let _ = progress.advance(BUILT, LAID_OUT, *n, parts.len());
        }
    };
    if threads == 1 {
        work();
    } else {
        std::thread::scope(|s| {
            for _ in 1..threads {
                s.spawn(work);
            }
            work();
        });
    }
    progress.check()?;
    Ok(laid
        .into_iter()
        .flat_map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect())
}

fn draw(
    fonts: &Fonts,
    title: &str,
    pages: Vec<Page>,
    progress: &Progress,
) -> Result<Vec<u8>, ExportError> {
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("vi".to_string()),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| ExportError::Render("bad page size".to_owned()))?;
    let n = pages.len();
    // Lines are shaped again here, as they were measured.
    let mut cache = ShapeCache::default();
    let mut glyphs = Vec::new();
    // Each page is dropped once drawn, as krilla's copy of it grows.
    for (i, items) in pages.into_iter().enumerate() {
        progress.check()?;
        let mut page = pdf.start_page_with(settings.clone());
        let mut s = page.surface();
        // Backgrounds and borders first, text on top.
        for item in &items {
            if let Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                border,
            } = *item
            {
                draw_rect(&mut s, x, y, w, h, fill, border);
            }
        }
        set_text_paint(&mut s);
        for item in &items {
            for (x, baseline, size, weight, line) in item.texts() {
                let at = Point::from_xy(x, baseline);
                let shaping = (&mut cache, &mut glyphs);
                draw_line(&mut s, fonts, shaping, &line, (weight, size), at);
            }
        }
        let number = format!("Trang {}/{}", i + 1, n);
        let footer = fonts.line(&mut cache, Weight::Regular, &number, FOOTER_SIZE);
        let x = MARGIN_LEFT + (TEXT_W - footer.width) / 2.0;
        // Centred in the bottom margin (cap height ~0.71 em).
        let baseline = PAGE_H - MARGIN_BOTTOM / 2.0 + 0.71 * FOOTER_SIZE / 2.0;
        draw_line(
            &mut s,
            fonts,
            (&mut cache, &mut glyphs),
            &footer,
            (Weight::Regular, FOOTER_SIZE),
            Point::from_xy(x, baseline),
        );
        // The previous page still waits, not taken by another thread while
        // this one was drawn: they are behind, so this thread helps.
        let behind = rayon_core::current_thread_has_pending_tasks() == Some(true);
        s.finish();
        page.finish();
        if behind {
            rayon_core::yield_local();
        }
        progress.advance(LAID_OUT, DRAWN, i + 1, n)?;
    }
    // krilla holds every page's stream and the whole file at once while
    // it finishes: the shapes are not needed any more.
    drop((cache, glyphs));
    let bytes = pdf
        .finish()
        .map_err(|e| ExportError::Render(format!("PDF export failed: {e:?}")))?;
    progress.advance(DRAWN, 1.0, 1, 1)?;
    Ok(bytes)
}

fn set_text_paint(s: &mut Surface) {
    s.set_stroke(None);
    s.set_fill(Some(Fill {
        paint: luma::Color::black().into(),
        ..Default::default()
    }));
}

fn draw_rect(s: &mut Surface, x: f32, y: f32, w: f32, h: f32, fill: Option<u8>, border: bool) {
    let Some(rect) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut pb = PathBuilder::new();
    pb.push_rect(rect);
    let Some(path) = pb.finish() else {
        return;
    };
    s.set_fill(fill.map(|g| Fill {
        paint: luma::Color::new(g).into(),
        ..Default::default()
    }));
    s.set_stroke(border.then(|| Stroke {
        paint: luma::Color::black().into(),
        width: BORDER_W,
        ..Default::default()
    }));
    if fill.is_some() || border {
        s.draw_path(&path);
    }
}

/// Draws a line with its baseline's start at `at`, shaped through
/// `cache` into the reused `glyphs`.
fn draw_line(
    s: &mut Surface,
    fonts: &Fonts,
    (cache, glyphs): (&mut ShapeCache, &mut Vec<KrillaGlyph>),
    line: &Line,
    (weight, size): (Weight, f32),
    at: Point,
) {
    fonts.shape_into(cache, weight, &line.text, glyphs);
    if glyphs.is_empty() {
        return;
    }
    s.draw_glyphs(
        at,
        glyphs,
        fonts.face(weight).pdf.clone(),
        &line.text,
        size,
        false,
    );
}
