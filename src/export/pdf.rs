//! PDF rendering of the export document tree (A4 portrait, Noto Sans), with
//! krilla for the PDF itself and rustybuzz for shaping.
//!
//! Text is shaped once with rustybuzz (kerning included), wrapped by the
//! shaped glyph advances, and the very same glyphs are handed to krilla's
//! `draw_glyphs`, so what is measured is exactly what is drawn. Each glyph
//! carries the byte range of its cluster, from which krilla writes the
//! ToUnicode map: copy/paste gives back the original (NFC) text.
//!
//! Layout runs in two passes: all blocks are laid out into pages of
//! positioned items first, then every page is drawn with its footer
//! "Trang X/N", N being known by then.
use super::doc::{Align, Block, Document, Row, Signature, Table};
use super::{BUILT, ExportError, Progress};

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::ops::Range;
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
    let pages = layout_parts(&fonts, parts, progress)?;
    let title = parts.first().map_or("", |p| p.title.as_str());
    draw(&fonts, title, &pages, progress)
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
        for item in page {
            let _ = match item {
                Item::Text {
                    x,
                    baseline,
                    size,
                    weight,
                    line,
                } => writeln!(
                    out,
                    "T {x:.1} {baseline:.1} {size:.1}{} w{:.1} {}",
                    if *weight == Weight::Bold { "b" } else { "" },
                    line.width,
                    line.text
                ),
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    border,
                } => writeln!(
                    out,
                    "R {x:.1} {y:.1} {w:.1} {h:.1}{}{}",
                    fill.map_or(String::new(), |f| format!(" fill{f}")),
                    if *border { " border" } else { "" }
                ),
            };
        }
    }
    Ok(out)
}

/// Share of the export done when the layout is done; drawing follows.
const LAID_OUT: f32 = 0.7;
const DRAWN: f32 = 0.95;

/// Lays the parts out on all cores (they share nothing but the fonts, as
/// each starts on a new page), and returns their pages in order.
fn layout_parts(
    fonts: &Fonts,
    parts: &[Document],
    progress: &Progress,
) -> Result<Vec<Page>, ExportError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, parts.len().max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let laid: Vec<Mutex<Vec<Page>>> = parts.iter().map(|_| Mutex::default()).collect();
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= parts.len() || progress.is_cancelled() {
                break;
            }
            let pages = Layout::run(fonts, &parts[i]);
            *laid[i].lock().unwrap_or_else(PoisonError::into_inner) = pages;
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            // A cancel is seen by the loop above.
            let _ = progress.advance(BUILT, LAID_OUT, n, parts.len());
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

// ---------------------------------------------------------------- fonts

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Weight {
    Regular,
    Bold,
}

struct Face<'a> {
    rb: rustybuzz::Face<'a>,
    /// Compiled once: Vietnamese is written in Latin script, left to right.
    plan: rustybuzz::ShapePlan,
    pdf: Font,
    /// Ascender and descender (negative) in em.
    ascent: f32,
    descent: f32,
}

struct Fonts<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
    lang: Option<rustybuzz::Language>,
}

impl<'a> Face<'a> {
    fn new(data: &'a [u8], what: &str) -> Result<Self, String> {
        let rb = rustybuzz::Face::from_slice(data, 0)
            .ok_or_else(|| format!("cannot read the {what} font"))?;
        let pdf = Font::new(data.to_vec().into(), 0)
            .ok_or_else(|| format!("krilla cannot read the {what} font"))?;
        let upem = rb.units_per_em() as f32;
        let ascent = rb.ascender() as f32 / upem;
        let descent = rb.descender() as f32 / upem;
        let plan = rustybuzz::ShapePlan::new(
            &rb,
            rustybuzz::Direction::LeftToRight,
            Some(rustybuzz::script::LATIN),
            vietnamese().as_ref(),
            &[],
        );
        Ok(Face {
            rb,
            plan,
            pdf,
            ascent,
            descent,
        })
    }
}

impl<'a> Fonts<'a> {
    fn new(regular: &'a [u8], bold: &'a [u8]) -> Result<Self, String> {
        Ok(Fonts {
            regular: Face::new(regular, "regular")?,
            bold: Face::new(bold, "bold")?,
            lang: vietnamese(),
        })
    }

    fn face(&self, w: Weight) -> &Face<'a> {
        match w {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Shapes one line of text (no `\n`). Advances and offsets are in em;
    /// each glyph's `text_range` is its cluster's byte range in `text`.
    ///
    /// Words and the spaces between them are shaped apart and remembered
    /// in `cache`: Vietnamese is written in a few thousand syllables, so a
    /// notebook shapes each of them about once.
    fn shape(&self, cache: &mut ShapeCache, w: Weight, text: &str) -> Vec<KrillaGlyph> {
        let mut out = Vec::with_capacity(text.len());
        let mut start = 0;
        while start < text.len() {
            let space = text[start..].starts_with(is_break_space);
            let len = text[start..]
                .find(|c| is_break_space(c) != space)
                .unwrap_or(text.len() - start);
            let run = &text[start..start + len];
            let map = &mut cache.runs[w as usize];
            if !map.contains_key(run) {
                map.insert(run.into(), self.shape_run(w, run));
            }
            out.extend(map[run].iter().map(|g| {
                let mut g = g.clone();
                g.text_range = g.text_range.start + start..g.text_range.end + start;
                g
            }));
            start += len;
        }
        out
    }

    /// Shapes a run of text with rustybuzz.
    fn shape_run(&self, w: Weight, text: &str) -> Vec<KrillaGlyph> {
        if text.is_empty() {
            return Vec::new();
        }
        let face = self.face(w);
        let upem = face.rb.units_per_em() as f32;
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        // As the plan says, whatever the run holds (digits, punctuation).
        buf.set_direction(rustybuzz::Direction::LeftToRight);
        buf.set_script(rustybuzz::script::LATIN);
        if let Some(lang) = &self.lang {
            buf.set_language(lang.clone());
        }
        let out = rustybuzz::shape_with_plan(&face.rb, &face.plan, buf);
        let infos = out.glyph_infos();
        let pos = out.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        for i in 0..infos.len() {
            let start = infos[i].cluster as usize;
            // Clusters are monotone for left-to-right text: the cluster ends
            // where the next different cluster starts.
            let end = infos[i + 1..]
                .iter()
                .map(|g| g.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(infos[i].glyph_id),
                pos[i].x_advance as f32 / upem,
                pos[i].x_offset as f32 / upem,
                pos[i].y_offset as f32 / upem,
                pos[i].y_advance as f32 / upem,
                start..end,
                None,
            ));
        }
        glyphs
    }

    /// A single unwrapped line (may be wider than anything).
    fn line(&self, cache: &mut ShapeCache, w: Weight, text: &str, size: f32) -> Line {
        let glyphs = self.shape(cache, w, text);
        let width = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * size;
        Line {
            text: text.to_string(),
            glyphs,
            width,
        }
    }

    /// Wraps `text` (which may hold `\n`) into lines: the first line is at
    /// most `first_w` wide, the others `rest_w`. Breaks at spaces; a word
    /// longer than a line is broken between characters (glyph clusters).
    fn wrap(
        &self,
        cache: &mut ShapeCache,
        w: Weight,
        text: &str,
        size: f32,
        first_w: f32,
        rest_w: f32,
    ) -> Vec<Line> {
        let mut out = Vec::new();
        for segment in text.split('\n') {
            let segment = segment.strip_suffix('\r').unwrap_or(segment);
            let glyphs = self.shape(cache, w, segment);
            wrap_segment(&glyphs, segment, size, first_w, rest_w, &mut out);
        }
        out
    }

    /// Like `wrap` but an empty or blank text gives no line at all.
    fn wrap_nonblank(
        &self,
        cache: &mut ShapeCache,
        w: Weight,
        text: &str,
        size: f32,
        width: f32,
    ) -> Vec<Line> {
        if text.trim().is_empty() {
            Vec::new()
        } else {
            self.wrap(cache, w, text, size, width, width)
        }
    }

    /// Top-of-line to baseline distance for a line of `size` (the line box is
    /// `size * LINE_FACTOR` high and the font's ascender..descender box is
    /// centred in it).
    fn baseline_offset(&self, size: f32) -> f32 {
        let f = &self.regular;
        let lh = size * LINE_FACTOR;
        (lh - (f.ascent - f.descent) * size) / 2.0 + f.ascent * size
    }
}

fn vietnamese() -> Option<rustybuzz::Language> {
    "vi".parse().ok()
}

/// Shaped runs by weight, kept while a part is laid out.
#[derive(Default)]
struct ShapeCache {
    runs: [std::collections::HashMap<Box<str>, Vec<KrillaGlyph>>; 2],
}

/// One laid-out line: its own text and its glyphs, whose ranges index into
/// that text.
#[derive(Clone, Debug)]
struct Line {
    text: String,
    glyphs: Vec<KrillaGlyph>,
    width: f32,
}

fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

fn wrap_segment(
    glyphs: &[KrillaGlyph],
    text: &str,
    size: f32,
    first_w: f32,
    rest_w: f32,
    out: &mut Vec<Line>,
) {
    let adv = |r: Range<usize>| glyphs[r].iter().map(|g| g.x_advance).sum::<f32>() * size;
    let is_space = |g: &KrillaGlyph| {
        text[g.text_range.start..]
            .chars()
            .next()
            .is_some_and(is_break_space)
    };
    let emit = |r: Range<usize>, out: &mut Vec<Line>| {
        let bs = glyphs[r.start].text_range.start;
        let be = glyphs[r.end - 1].text_range.end;
        let line_glyphs = glyphs[r.clone()]
            .iter()
            .map(|g| {
                let mut g = g.clone();
                g.text_range = g.text_range.start - bs..g.text_range.end - bs;
                g
            })
            .collect();
        out.push(Line {
            text: text[bs..be].to_string(),
            glyphs: line_glyphs,
            width: adv(r),
        });
    };

    // Words: maximal runs of non-space glyphs.
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        if is_space(&glyphs[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < glyphs.len() && !is_space(&glyphs[i]) {
            i += 1;
        }
        words.push(s..i);
    }
    if words.is_empty() {
        out.push(Line {
            text: String::new(),
            glyphs: Vec::new(),
            width: 0.0,
        });
        return;
    }

    let first_index = out.len();
    let max_w = |out: &Vec<Line>| {
        if out.len() == first_index {
            first_w
        } else {
            rest_w
        }
    };
    // Current line: glyphs line_start..line_end, `cur_w` wide.
    let mut line: Option<(usize, usize, f32)> = None;
    for word in words {
        let mut ws = word.start;
        loop {
            match line {
                None => {
                    let limit = max_w(out);
                    let ww = adv(ws..word.end);
                    if ww <= limit + EPS {
                        line = Some((ws, word.end, ww));
                        break;
                    }
                    // Too long for a whole line: break between clusters,
                    // always taking at least one.
                    let mut k = ws;
                    let mut acc = 0.0;
                    while k < word.end {
                        let cs = glyphs[k].text_range.start;
                        let mut ke = k + 1;
                        while ke < word.end && glyphs[ke].text_range.start == cs {
                            ke += 1;
                        }
                        let a = adv(k..ke);
                        if acc + a > limit + EPS && k > ws {
                            break;
                        }
                        acc += a;
                        k = ke;
                    }
                    emit(ws..k, out);
                    ws = k;
                    if ws >= word.end {
                        break;
                    }
                }
                Some((ls, le, cur_w)) => {
                    let gap = adv(le..ws);
                    let ww = adv(ws..word.end);
                    if cur_w + gap + ww <= max_w(out) + EPS {
                        line = Some((ls, word.end, cur_w + gap + ww));
                        break;
                    }
                    emit(ls..le, out);
                    line = None;
                }
            }
        }
    }
    if let Some((ls, le, _)) = line {
        emit(ls..le, out);
    }
}

// ---------------------------------------------------------------- layout

#[derive(Debug)]
enum Item {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        weight: Weight,
        line: Line,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<u8>,
        border: bool,
    },
}

type Page = Vec<Item>;

struct Layout<'f, 'a> {
    fonts: &'f Fonts<'a>,
    /// Behind a `RefCell` as measuring (`&self`) shapes text too.
    cache: std::cell::RefCell<ShapeCache>,
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
}

/// A table row laid out: its cells' lines, ready to be placed.
struct RowBox {
    cells: Vec<CellBox>,
    fill: Option<u8>,
    /// Number of text lines of the tallest cell (at least 1).
    lines: usize,
    group: bool,
}

struct CellBox {
    x: f32,
    w: f32,
    weight: Weight,
    align: Align,
    lines: Vec<Line>,
}

impl RowBox {
    fn height(&self) -> f32 {
        rows_height(self.lines)
    }
}

fn rows_height(lines: usize) -> f32 {
    lines as f32 * TABLE_SIZE * LINE_FACTOR + 2.0 * CELL_PAD
}

/// What must fit below the cursor for row `i` to start on this page, with
/// `hh` the height of the (repeated) header: the whole row if it fits on a
/// page at all (together with the next row, when it is a group title), else
/// two of its lines (it will be split).
fn row_need(rows: &[RowBox], i: usize, hh: f32) -> f32 {
    let room = USABLE_H - hh;
    let whole = |r: &RowBox| {
        let h = r.height();
        if h > room { rows_height(2) } else { h }
    };
    let h = whole(&rows[i]);
    if rows[i].group
        && let Some(next) = rows.get(i + 1)
        && h + whole(next) <= room
    {
        return h + whole(next);
    }
    h
}

fn heading_size(level: u8) -> f32 {
    match level {
        0 | 1 => 16.0,
        2 => 13.0,
        _ => 11.5,
    }
}

/// Space before and after a heading.
fn heading_spacing(level: u8) -> (f32, f32) {
    match level {
        0 | 1 => (12.0, 8.0),
        2 => (10.0, 5.0),
        _ => (8.0, 4.0),
    }
}

impl<'f, 'a> Layout<'f, 'a> {
    fn run(fonts: &'f Fonts<'a>, doc: &Document) -> Vec<Page> {
        let mut l = Layout {
            fonts,
            cache: Default::default(),
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
        };
        for (i, block) in doc.blocks.iter().enumerate() {
            let next = &doc.blocks[i + 1..];
            match block {
                Block::Heading { level, text, align } => l.heading(*level, text, *align, next),
                Block::Paragraph { text, align, bold } => {
                    let w = if *bold { Weight::Bold } else { Weight::Regular };
                    l.paragraph(text, *align, w);
                }
                Block::KeyValues(kv) => l.key_values(kv),
                Block::Table(t) => l.table(t),
                Block::Signatures(s) => l.signatures(s),
                Block::PageBreak => {
                    if !l.page_empty() {
                        l.new_page();
                    }
                }
            }
        }
        while l.pages.len() > 1 && l.pages.last().is_some_and(|p| p.is_empty()) {
            l.pages.pop();
        }
        l.pages
    }

    // Shaping through the cache; each borrow ends with the call.
    fn wrap(&self, w: Weight, text: &str, size: f32, first_w: f32, rest_w: f32) -> Vec<Line> {
        self.fonts
            .wrap(&mut self.cache.borrow_mut(), w, text, size, first_w, rest_w)
    }

    fn wrap_nonblank(&self, w: Weight, text: &str, size: f32, width: f32) -> Vec<Line> {
        self.fonts
            .wrap_nonblank(&mut self.cache.borrow_mut(), w, text, size, width)
    }

    fn line(&self, w: Weight, text: &str, size: f32) -> Line {
        self.fonts.line(&mut self.cache.borrow_mut(), w, text, size)
    }

    fn page_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.is_empty())
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    fn push(&mut self, item: Item) {
        self.pages.last_mut().expect("a page").push(item);
    }

    /// Vertical space, dropped at the top of a page.
    fn space(&mut self, s: f32) {
        if !self.page_empty() {
            self.y += s;
        }
    }

    /// Starts a new page unless `h` fits below the cursor (or the page is
    /// still empty, where nothing would be gained).
    fn ensure(&mut self, h: f32) {
        if self.y + h > CONTENT_BOTTOM + EPS && !self.page_empty() {
            self.new_page();
        }
    }

    /// Places a line whose box starts at `top` within `[x, x + w]`.
    fn place(
        &mut self,
        line: Line,
        (weight, size): (Weight, f32),
        x: f32,
        w: f32,
        align: Align,
        top: f32,
    ) {
        if line.glyphs.is_empty() {
            return;
        }
        let x = match align {
            Align::Left => x,
            Align::Center => x + (w - line.width) / 2.0,
            Align::Right => x + w - line.width,
        };
        let baseline = top + self.fonts.baseline_offset(size);
        self.push(Item::Text {
            x,
            baseline,
            size,
            weight,
            line,
        });
    }

    /// Flows lines one by one, each moving to a new page when it does not fit.
    fn flow_lines(&mut self, lines: Vec<Line>, weight: Weight, size: f32, align: Align) {
        let lh = size * LINE_FACTOR;
        for line in lines {
            self.ensure(lh);
            if line.glyphs.is_empty() {
                // An empty line is space, except at the top of a page.
                if !self.page_empty() {
                    self.y += lh;
                }
                continue;
            }
            self.place(line, (weight, size), MARGIN_LEFT, TEXT_W, align, self.y);
            self.y += lh;
        }
    }

    /// Height of a heading block (its lines, not its spacing).
    fn heading_height(&self, level: u8, text: &str) -> f32 {
        let size = heading_size(level);
        let n = self.wrap(Weight::Bold, text, size, TEXT_W, TEXT_W).len();
        n as f32 * size * LINE_FACTOR
    }

    /// How much of the blocks after a heading must stay with it: a chain of
    /// headings plus the first line (or unbreakable part) of what follows.
    fn keep_with_next(&self, next: &[Block]) -> f32 {
        match next.first() {
            None | Some(Block::PageBreak) => 0.0,
            Some(Block::Heading { level, text, .. }) => {
                heading_spacing(*level).0
                    + self.heading_height(*level, text)
                    + heading_spacing(*level).1
                    + self.keep_with_next(&next[1..])
            }
            Some(Block::Paragraph { .. }) | Some(Block::KeyValues(_)) => BODY_SIZE * LINE_FACTOR,
            Some(Block::Table(t)) => {
                let (header, rows) = self.table_parts(t, 2);
                let hh = header.as_ref().map_or(0.0, |h| h.height());
                TABLE_BEFORE
                    + hh
                    + if rows.is_empty() {
                        0.0
                    } else {
                        row_need(&rows, 0, hh)
                    }
            }
            Some(Block::Signatures(s)) => SIGN_BEFORE + self.signature_height(s),
        }
    }

    fn heading(&mut self, level: u8, text: &str, align: Align, next: &[Block]) {
        let size = heading_size(level);
        let (before, after) = heading_spacing(level);
        let lines = self.wrap(Weight::Bold, text, size, TEXT_W, TEXT_W);
        let h = lines.len() as f32 * size * LINE_FACTOR;
        let keep = h + after + self.keep_with_next(next);
        if !self.page_empty() && self.y + before + keep > CONTENT_BOTTOM + EPS && keep <= USABLE_H {
            self.new_page();
        }
        self.space(before);
        self.flow_lines(lines, Weight::Bold, size, align);
        self.y += after;
    }

    fn paragraph(&mut self, text: &str, align: Align, weight: Weight) {
        let lines = self.wrap(weight, text, BODY_SIZE, TEXT_W, TEXT_W);
        self.flow_lines(lines, weight, BODY_SIZE, align);
        self.y += PARA_AFTER;
    }

    fn key_values(&mut self, kv: &[(String, String)]) {
        let size = BODY_SIZE;
        let lh = size * LINE_FACTOR;
        for (k, v) in kv {
            let label = self.line(Weight::Bold, &format!("{k}: "), size);
            let value = v.trim();
            if label.width > TEXT_W * 0.6 {
                // A very long label: wrap it on its own, value below.
                let lines = self.wrap(Weight::Bold, &format!("{k}:"), size, TEXT_W, TEXT_W);
                self.flow_lines(lines, Weight::Bold, size, Align::Left);
                if !value.is_empty() {
                    let lines = self.wrap(Weight::Regular, value, size, TEXT_W, TEXT_W);
                    self.flow_lines(lines, Weight::Regular, size, Align::Left);
                }
                continue;
            }
            let lw = label.width;
            let indent = if lw <= TEXT_W * 0.4 { lw } else { 0.0 };
            let lines = if value.is_empty() {
                Vec::new()
            } else {
                self.wrap(Weight::Regular, value, size, TEXT_W - lw, TEXT_W - indent)
            };
            self.ensure(lh);
            let top = self.y;
            self.place(
                label,
                (Weight::Bold, size),
                MARGIN_LEFT,
                TEXT_W,
                Align::Left,
                top,
            );
            let mut first = true;
            for line in lines {
                if first {
                    self.place(
                        line,
                        (Weight::Regular, size),
                        MARGIN_LEFT + lw,
                        TEXT_W - lw,
                        Align::Left,
                        top,
                    );
                    first = false;
                } else {
                    self.y += lh;
                    self.ensure(lh);
                    let top = self.y;
                    self.place(
                        line,
                        (Weight::Regular, size),
                        MARGIN_LEFT + indent,
                        TEXT_W - indent,
                        Align::Left,
                        top,
                    );
                }
            }
            self.y += lh;
        }
        self.y += PARA_AFTER;
    }

    /// Column x positions and widths, scaled to the text width.
    fn columns(t: &Table) -> Vec<(f32, f32)> {
        let n = t.columns();
        let valid = t.widths.len() == n && t.widths.iter().all(|w| w.is_finite() && *w > 0.0);
        let rel: Vec<f32> = if valid {
            t.widths.clone()
        } else {
            vec![1.0; n]
        };
        let total: f32 = rel.iter().sum();
        let mut x = MARGIN_LEFT;
        rel.iter()
            .map(|r| {
                let w = r / total * TEXT_W;
                let c = (x, w);
                x += w;
                c
            })
            .collect()
    }

    fn row_box(
        &self,
        cols: &[(f32, f32)],
        cells: &[String],
        weight: Weight,
        align: Align,
        fill: Option<u8>,
    ) -> RowBox {
        let cells: Vec<CellBox> = cols
            .iter()
            .enumerate()
            .map(|(i, &(x, w))| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                let inner = (w - 2.0 * CELL_PAD).max(1.0);
                let lines = if text.trim().is_empty() {
                    Vec::new()
                } else {
                    self.wrap(weight, text, TABLE_SIZE, inner, inner)
                };
                CellBox {
                    x,
                    w,
                    weight,
                    align,
                    lines,
                }
            })
            .collect();
        let lines = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        RowBox {
            cells,
            fill,
            lines,
            group: false,
        }
    }

    fn group_box(&self, cols: &[(f32, f32)], row: &Row) -> RowBox {
        let x = cols.first().map_or(MARGIN_LEFT, |c| c.0);
        let span = [(x, TEXT_W)];
        let mut b = self.row_box(
            &span,
            &row.cells[..row.cells.len().min(1)],
            Weight::Bold,
            Align::Left,
            Some(GROUP_GREY),
        );
        b.group = true;
        b
    }

    /// The header box (if any) and the boxes of the first `max_rows` rows.
    fn table_parts(&self, t: &Table, max_rows: usize) -> (Option<RowBox>, Vec<RowBox>) {
        let cols = Self::columns(t);
        let header = (!t.header.is_empty()).then(|| {
            self.row_box(
                &cols,
                &t.header,
                Weight::Bold,
                Align::Center,
                Some(HEADER_GREY),
            )
        });
        let rows = t
            .rows
            .iter()
            .take(max_rows)
            .map(|r| self.body_box(&cols, r))
            .collect();
        (header, rows)
    }

    fn body_box(&self, cols: &[(f32, f32)], row: &Row) -> RowBox {
        if row.group {
            self.group_box(cols, row)
        } else {
            self.row_box(cols, &row.cells, Weight::Regular, Align::Left, None)
        }
    }

    /// Draws lines `from..from + count` of a row with its top at `self.y`.
    fn draw_row(&mut self, row: &RowBox, from: usize, count: usize) {
        let h = rows_height(count);
        let top = self.y;
        let lh = TABLE_SIZE * LINE_FACTOR;
        for cell in &row.cells {
            self.push(Item::Rect {
                x: cell.x,
                y: top,
                w: cell.w,
                h,
                fill: row.fill,
                border: true,
            });
            for (k, line) in cell.lines.iter().skip(from).take(count).enumerate() {
                let ltop = top + CELL_PAD + k as f32 * lh;
                self.place(
                    line.clone(),
                    (cell.weight, TABLE_SIZE),
                    cell.x + CELL_PAD,
                    cell.w - 2.0 * CELL_PAD,
                    cell.align,
                    ltop,
                );
            }
        }
        self.y += h;
    }

    fn table(&mut self, t: &Table) {
        let (header, rows) = self.table_parts(t, usize::MAX);
        let hh = header.as_ref().map_or(0.0, |h| h.height());
        let need = |i: usize| row_need(&rows, i, hh);

        self.space(TABLE_BEFORE);
        let first_need = if rows.is_empty() { 0.0 } else { need(0) };
        self.ensure(hh + first_need);
        if let Some(h) = &header {
            self.draw_row(h, 0, h.lines);
        }
        let mut at_table_top = true;
        for (i, row) in rows.iter().enumerate() {
            if self.y + need(i) > CONTENT_BOTTOM + EPS && !at_table_top {
                self.table_page(header.as_ref());
            }
            let h = row.height();
            if self.y + h <= CONTENT_BOTTOM + EPS {
                self.draw_row(row, 0, row.lines);
            } else {
                // Taller than what is left of a page: split it between lines.
                let lh = TABLE_SIZE * LINE_FACTOR;
                let mut from = 0;
                while from < row.lines {
                    let fit = ((CONTENT_BOTTOM + EPS - self.y - 2.0 * CELL_PAD) / lh).floor();
                    let fit = if fit < 1.0 { 0 } else { fit as usize };
                    if fit == 0 {
                        self.table_page(header.as_ref());
                        continue;
                    }
                    let count = fit.min(row.lines - from);
                    self.draw_row(row, from, count);
                    from += count;
                    if from < row.lines {
                        self.table_page(header.as_ref());
                    }
                }
            }
            at_table_top = false;
        }
        self.y += TABLE_AFTER;
    }

    /// A new page for a table that goes on, with its header repeated.
    fn table_page(&mut self, header: Option<&RowBox>) {
        self.new_page();
        if let Some(h) = header {
            self.draw_row(h, 0, h.lines);
        }
    }

    fn signature_rows(&self, sigs: &[Signature]) -> Vec<[(Vec<Line>, Weight); 4]> {
        let colw = TEXT_W / sigs.len().max(1) as f32;
        let inner = (colw - 6.0).max(1.0);
        sigs.iter()
            .map(|s| {
                [
                    (
                        self.wrap_nonblank(Weight::Regular, &s.place_date, BODY_SIZE, inner),
                        Weight::Regular,
                    ),
                    (
                        self.wrap_nonblank(Weight::Bold, &s.title, BODY_SIZE, inner),
                        Weight::Bold,
                    ),
                    (
                        self.wrap_nonblank(Weight::Regular, &s.hint, BODY_SIZE, inner),
                        Weight::Regular,
                    ),
                    (
                        self.wrap_nonblank(Weight::Bold, &s.name, BODY_SIZE, inner),
                        Weight::Bold,
                    ),
                ]
            })
            .collect()
    }

    /// Lines per field (place/date, title, hint, name): the most over all blocks.
    fn signature_counts(cols: &[[(Vec<Line>, Weight); 4]]) -> [usize; 4] {
        let mut n = [0; 4];
        for c in cols {
            for (k, (lines, _)) in c.iter().enumerate() {
                n[k] = n[k].max(lines.len());
            }
        }
        n
    }

    fn signature_height(&self, sigs: &[Signature]) -> f32 {
        let n = Self::signature_counts(&self.signature_rows(sigs));
        (n.iter().sum::<usize>()) as f32 * BODY_SIZE * LINE_FACTOR + SIGN_SPACE
    }

    fn signatures(&mut self, sigs: &[Signature]) {
        if sigs.is_empty() {
            return;
        }
        let cols = self.signature_rows(sigs);
        let n = Self::signature_counts(&cols);
        let lh = BODY_SIZE * LINE_FACTOR;
        let total = n.iter().sum::<usize>() as f32 * lh + SIGN_SPACE;
        self.space(SIGN_BEFORE);
        self.ensure(total);
        let colw = TEXT_W / cols.len() as f32;
        let top = self.y;
        for (c, fields) in cols.into_iter().enumerate() {
            let x = MARGIN_LEFT + c as f32 * colw;
            let mut y = top;
            for (k, (lines, weight)) in fields.into_iter().enumerate() {
                if k == 3 {
                    y += SIGN_SPACE;
                }
                for (j, line) in lines.into_iter().enumerate() {
                    self.place(
                        line,
                        (weight, BODY_SIZE),
                        x,
                        colw,
                        Align::Center,
                        y + j as f32 * lh,
                    );
                }
                y += n[k] as f32 * lh;
            }
        }
        self.y = top + total;
    }
}

// ---------------------------------------------------------------- drawing

fn draw(
    fonts: &Fonts,
    title: &str,
    pages: &[Page],
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
    let mut cache = ShapeCache::default();
    for (i, items) in pages.iter().enumerate() {
        progress.advance(LAID_OUT, DRAWN, i, n)?;
        let mut page = pdf.start_page_with(settings.clone());
        let mut s = page.surface();
        // Backgrounds and borders first, text on top.
        for item in items {
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
        for item in items {
            if let Item::Text {
                x,
                baseline,
                size,
                weight,
                line,
            } = item
            {
                draw_line(&mut s, fonts, line, *weight, *size, *x, *baseline);
            }
        }
        let footer = fonts.line(
            &mut cache,
            Weight::Regular,
            &format!("Trang {}/{}", i + 1, n),
            FOOTER_SIZE,
        );
        let x = MARGIN_LEFT + (TEXT_W - footer.width) / 2.0;
        // Centred in the bottom margin (cap height ~0.71 em).
        let baseline = PAGE_H - MARGIN_BOTTOM / 2.0 + 0.71 * FOOTER_SIZE / 2.0;
        draw_line(
            &mut s,
            fonts,
            &footer,
            Weight::Regular,
            FOOTER_SIZE,
            x,
            baseline,
        );
        s.finish();
        page.finish();
    }
    pdf.finish()
        .map_err(|e| ExportError::Render(format!("PDF export failed: {e:?}")))
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

fn draw_line(
    s: &mut Surface,
    fonts: &Fonts,
    line: &Line,
    weight: Weight,
    size: f32,
    x: f32,
    baseline: f32,
) {
    if line.glyphs.is_empty() {
        return;
    }
    s.draw_glyphs(
        Point::from_xy(x, baseline),
        &line.glyphs,
        fonts.face(weight).pdf.clone(),
        &line.text,
        size,
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::fonts::{BOLD, REGULAR};

    #[test]
    fn precomposed_vietnamese_shapes_to_one_real_glyph_per_letter() {
        let fonts = Fonts::new(REGULAR, BOLD).unwrap();
        let text = "ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựỳỷỹỵđĐƯƠẮẶỆỮ";
        for w in [Weight::Regular, Weight::Bold] {
            let glyphs = fonts.shape(&mut ShapeCache::default(), w, text);
            assert_eq!(
                glyphs.len(),
                text.chars().count(),
                "one glyph per precomposed letter"
            );
            for (g, (i, c)) in glyphs.iter().zip(text.char_indices()) {
                assert_ne!(g.glyph_id.to_u32(), 0, "no .notdef for {c}");
                assert_eq!(g.text_range, i..i + c.len_utf8());
                assert!(g.x_advance > 0.2, "{c} has a real advance");
            }
        }
        // Decomposed input still gives the same text back through the ranges.
        let nfd = "e\u{0302}\u{0301}";
        let glyphs = fonts.shape(&mut ShapeCache::default(), Weight::Regular, nfd);
        assert!(glyphs.iter().all(|g| g.glyph_id.to_u32() != 0));
    }

    #[test]
    fn wrapping_respects_widths_and_breaks_long_words() {
        let fonts = Fonts::new(REGULAR, BOLD).unwrap();
        let text = "Kiên định chủ nghĩa Mác - Lê-nin, tư tưởng Hồ Chí Minh, mục tiêu độc lập dân tộc gắn liền với chủ nghĩa xã hội. Mộtừrấtdàikhôngcókhoảngtrắngnàocảđểthửngắtgiữacácchữcái\nDòng mới.";
        for width in [40.0, 100.0, 200.0, TEXT_W] {
            let lines = fonts.wrap(
                &mut ShapeCache::default(),
                Weight::Regular,
                text,
                BODY_SIZE,
                width,
                width,
            );
            for l in &lines {
                assert!(
                    l.width <= width + EPS,
                    "{:?} is {} > {width}",
                    l.text,
                    l.width
                );
                assert!(!l.text.starts_with(' ') && !l.text.ends_with(' '));
            }
            let joined: String = lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("");
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(
                joined.replace(' ', ""),
                squeezed,
                "nothing lost at width {width}"
            );
            assert!(
                lines.iter().any(|l| l.text.starts_with("Dòng")),
                "\\n forces a break"
            );
            assert!(lines.last().unwrap().text.ends_with("mới."));
        }
        // The width of a line is the sum of the shaped advances.
        let l = fonts.line(
            &mut ShapeCache::default(),
            Weight::Bold,
            "Hoàn thành xuất sắc nhiệm vụ",
            10.0,
        );
        let sum: f32 = l.glyphs.iter().map(|g| g.x_advance).sum::<f32>() * 10.0;
        assert!((l.width - sum).abs() < 1e-3 && l.width > 100.0);
    }
}
