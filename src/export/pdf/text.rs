//! Fonts, shaping and line breaking for the PDF: harfrust (the HarfBuzz port
//! the window's text already uses) shapes each word once per part, lines are
//! broken by the shaped advances. A line keeps its byte range in the text
//! and its width, not its glyphs: it is shaped again, the same way, when
//! drawn. A word wider than a
//! line is cut into pieces each shaped alone, as drawn; a very long one is
//! read a window at a time, so that memory follows a line, not the word.

use std::borrow::Cow;
use std::ops::Range;

use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::{EPS, LINE_FACTOR};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

pub(super) struct Face<'a> {
    font: harfrust::FontRef<'a>,
    shaper_data: harfrust::ShaperData,
    /// Compiled once: Vietnamese is written in Latin script, left to right.
    plan: harfrust::ShapePlan,
    pub(super) pdf: Font,
    /// Ascender and descender (negative) in em.
    pub(super) ascent: f32,
    pub(super) descent: f32,
}

pub(super) struct Fonts<'a> {
    pub(super) regular: Face<'a>,
    pub(super) bold: Face<'a>,
    pub(super) lang: Option<harfrust::Language>,
}

impl<'a> Face<'a> {
    pub(super) fn new(data: &'a [u8], what: &str) -> Result<Self, String> {
        let font = harfrust::FontRef::new(data)
            .map_err(|e| format!("cannot read the {what} font: {e}"))?;
        let pdf = Font::new(data.to_vec().into(), 0)
            .ok_or_else(|| format!("krilla cannot read the {what} font"))?;
        let shaper_data = harfrust::ShaperData::new(&font);
        let plan = harfrust::ShapePlan::new(
            &shaper_data.shaper(&font).build(),
            harfrust::Direction::LeftToRight,
            Some(harfrust::script::LATIN),
            vietnamese().as_ref(),
            &[],
        );
        let metrics = skrifa::MetadataProvider::metrics(
            &font,
            skrifa::instance::Size::unscaled(),
            skrifa::instance::LocationRef::default(),
        );
        let upem = f32::from(metrics.units_per_em);
        Ok(Face {
            font,
            shaper_data,
            plan,
            pdf,
            ascent: metrics.ascent / upem,
            descent: metrics.descent / upem,
        })
    }
}

impl<'a> Fonts<'a> {
    pub(super) fn new(regular: &'a [u8], bold: &'a [u8]) -> Result<Self, String> {
        Ok(Fonts {
            regular: Face::new(regular, "regular")?,
            bold: Face::new(bold, "bold")?,
            lang: vietnamese(),
        })
    }

    pub(super) fn face(&self, w: Weight) -> &Face<'a> {
        match w {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Shapes one line of text (no `\n`) into `out`. Advances and offsets
    /// are in em; each glyph's `text_range` is its cluster's byte range in
    /// `text`.
    ///
    /// Words and the spaces between them are shaped apart and the short
    /// ones remembered in `cache`: Vietnamese is written in a few thousand
    /// syllables, so a notebook shapes each of them about once.
    pub(super) fn shape_into(
        &self,
        cache: &mut ShapeCache,
        w: Weight,
        text: &str,
        out: &mut Vec<KrillaGlyph>,
    ) {
        out.clear();
        for (run, _) in runs(text) {
            let start = run.start;
            self.with_run(cache, w, &text[run], |glyphs, _| {
                out.extend(glyphs.iter().map(|g| {
                    let mut g = g.clone();
                    g.text_range = g.text_range.start + start..g.text_range.end + start;
                    g
                }));
            });
        }
    }

    #[cfg(test)]
    pub(super) fn shape(&self, cache: &mut ShapeCache, w: Weight, text: &str) -> Vec<KrillaGlyph> {
        let mut out = Vec::new();
        self.shape_into(cache, w, text, &mut out);
        out
    }

    /// Calls `f` with the glyphs of one run (a word or the spaces between
    /// two) and their total advance in em, shaping it unless it is in
    /// `cache`, and keeping it there when it is short and the cache is not
    /// full.
    fn with_run<R>(
        &self,
        cache: &mut ShapeCache,
        w: Weight,
        run: &str,
        f: impl FnOnce(&[KrillaGlyph], f64) -> R,
    ) -> R {
        if let Some(s) = cache.runs[w as usize].get(run) {
            return f(&s.glyphs, s.width);
        }
        let glyphs = self.shape_run(w, run);
        let width = glyphs.iter().map(|g| f64::from(g.x_advance)).sum();
        let out = f(&glyphs, width);
        if run.len() <= CACHED_RUN && cache.glyphs < CACHE_GLYPHS {
            cache.glyphs += glyphs.len();
            cache.runs[w as usize].insert(run.into(), Shaped { glyphs, width });
        }
        out
    }

    /// The advance of one run in em.
    fn run_width(&self, cache: &mut ShapeCache, w: Weight, run: &str) -> f64 {
        self.with_run(cache, w, run, |_, width| width)
    }

    /// Shapes a run of text with harfrust.
    pub(super) fn shape_run(&self, w: Weight, text: &str) -> Vec<KrillaGlyph> {
        if text.is_empty() {
            return Vec::new();
        }

        let face = self.face(w);
        let shaper = face.shaper_data.shaper(&face.font).build();
        let upem = shaper.units_per_em() as f32;
        let mut buf = harfrust::UnicodeBuffer::new();
        buf.push_str(text);
        // As the plan says, whatever the run holds (digits, punctuation).
        buf.set_direction(harfrust::Direction::LeftToRight);
        buf.set_script(harfrust::script::LATIN);
        if let Some(lang) = &self.lang {
            buf.set_language(lang.clone());
        }
        let out = shaper.shape(buf, harfrust::ShapeOptions::new().plan(Some(&face.plan)));
        let infos = out.glyph_infos();
        let pos = out.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        // Clusters are monotone for left-to-right text: a cluster ends where
        // the next different cluster starts (found walking backwards, so
        // that a run of many glyphs in one cluster costs one pass).
        let mut end = text.len();
        for i in (0..infos.len()).rev() {
            let start = infos[i].cluster as usize;
            if let Some(next) = infos.get(i + 1)
                && next.cluster as usize != start
            {
                end = next.cluster as usize;
            }
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
        glyphs.reverse();
        glyphs
    }

    /// A single unwrapped line (may be wider than anything).
    pub(super) fn line<'t>(
        &self,
        cache: &mut ShapeCache,
        w: Weight,
        text: &'t str,
        size: f32,
    ) -> Line<'t> {
        let mut width = 0.0f32;
        for (run, _) in runs(text) {
            let run = &text[run];
            if run.len() <= WINDOW {
                width = self.with_run(cache, w, run, |glyphs, _| {
                    glyphs.iter().fold(width, |a, g| a + g.x_advance)
                });
            } else {
                // Measured a window at a time, never shaped whole.
                let mut win = Window::default();
                let mut k = 0;
                while k < run.len() {
                    let (end, a) = win.cluster(self, w, run, k);
                    width += a as f32;
                    k = end;
                }
            }
        }
        Line {
            text: text.into(),
            width: width * size,
        }
    }

    /// Wraps `text` (which may hold `\n`) into lines: the first line is at
    /// most `first_w` wide, the others `rest_w`. Breaks at spaces; a word
    /// longer than a line is broken between characters (glyph clusters).
    pub(super) fn wrap<'t>(
        &self,
        cache: &mut ShapeCache,
        w: Weight,
        text: &'t str,
        size: f32,
        first_w: f32,
        rest_w: f32,
    ) -> Lines<'t> {
        let mut out = Vec::new();
        let mut base = 0;
        for line in text.split('\n') {
            let segment = line.strip_suffix('\r').unwrap_or(line);
            let mut wrap = Wrap {
                fonts: self,
                cache: &mut *cache,
                weight: w,
                text: segment,
                base,
                size,
                widths: (first_w, rest_w, out.len()),
                out: &mut out,
            };
            wrap.segment();
            base += line.len() + 1;
        }
        Lines { text, spans: out }
    }

    /// Like `wrap` but an empty or blank text gives no line at all.
    pub(super) fn wrap_nonblank<'t>(
        &self,
        cache: &mut ShapeCache,
        w: Weight,
        text: &'t str,
        size: f32,
        width: f32,
    ) -> Lines<'t> {
        if text.trim().is_empty() {
            Lines {
                text,
                spans: Vec::new(),
            }
        } else {
            self.wrap(cache, w, text, size, width, width)
        }
    }

    /// Top-of-line to baseline distance for a line of `size` (the line box is
    /// `size * LINE_FACTOR` high and the font's ascender..descender box is
    /// centred in it).
    pub(super) fn baseline_offset(&self, size: f32) -> f32 {
        let f = &self.regular;
        let lh = size * LINE_FACTOR;
        (lh - (f.ascent - f.descent) * size) / 2.0 + f.ascent * size
    }
}

pub(super) fn vietnamese() -> Option<harfrust::Language> {
    "vi".parse().ok()
}

/// Runs longer than this are shaped each time they are met, not kept: a
/// word is rarely longer, and the pieces of a very long word are all
/// different.
const CACHED_RUN: usize = 64;
/// The cache stops growing when it holds this many glyphs (≈ 12 MB), so
/// that strange text cannot fill the memory with it.
const CACHE_GLYPHS: usize = 1 << 18;
/// A word longer than this (in bytes) is never shaped whole: its lines are
/// found a window of this size at a time.
const WINDOW: usize = 64 * 1024;
/// A line cut from a word holds at most this many bytes, however narrow
/// its glyphs (a line of real text holds a few hundred).
const MAX_PIECE: usize = 4096;

/// Shaped runs by weight, kept while a part is laid out or drawn.
#[derive(Default)]
pub(super) struct ShapeCache {
    runs: [std::collections::HashMap<Box<str>, Shaped>; 2],
    /// Glyphs held, for `CACHE_GLYPHS`.
    glyphs: usize,
}

struct Shaped {
    glyphs: Vec<KrillaGlyph>,
    /// The sum of the advances, in em.
    width: f64,
}

/// One laid-out line: its text (most often a slice of the document's) and
/// its width. The glyphs are not kept: drawing shapes the text again, the
/// same way, through the cache, so a long text's lines do not hold its
/// glyphs all at once.
#[derive(Clone, Debug)]
pub(super) struct Line<'t> {
    pub(super) text: Cow<'t, str>,
    pub(super) width: f32,
}

impl Line<'_> {
    /// The same line, its text borrowed.
    pub(super) fn borrowed(&self) -> Line<'_> {
        Line {
            text: Cow::Borrowed(&self.text),
            width: self.width,
        }
    }
}

/// A line of a wrapped text, as a byte range of it and its width: a text
/// of megabytes breaks into hundreds of thousands of lines, kept this
/// small until they are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Span {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) width: f32,
}

impl Span {
    pub(super) fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A text wrapped into lines, in order.
#[derive(Debug)]
pub(super) struct Lines<'t> {
    pub(super) text: &'t str,
    pub(super) spans: Vec<Span>,
}

impl<'t> Lines<'t> {
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// The line `span` of `text` (a span of it).
    pub(super) fn line(text: &'t str, span: Span) -> Line<'t> {
        Line {
            text: Cow::Borrowed(
                text.get(span.start as usize..span.end as usize)
                    .unwrap_or(""),
            ),
            width: span.width,
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = Line<'t>> + '_ {
        self.spans.iter().map(|s| Self::line(self.text, *s))
    }
}

impl Line<'_> {
    /// The same line, owning its text.
    pub(super) fn into_owned(self) -> Line<'static> {
        Line {
            text: Cow::Owned(self.text.into_owned()),
            width: self.width,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

pub(super) fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// The runs of `text`: the maximal stretches of break spaces and of other
/// characters, each with whether it is spaces.
fn runs(text: &str) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = text.get(start..).filter(|r| !r.is_empty())?;
        let space = rest.starts_with(is_break_space);
        let len = rest
            .find(|c| is_break_space(c) != space)
            .unwrap_or(rest.len());
        let run = start..start + len;
        start += len;
        Some((run, space))
    })
}

/// A long word shaped in context a window at a time, read cluster by
/// cluster from front to back: where its lines should end.
#[derive(Default)]
struct Window {
    /// Byte offset in the word of the window's start; glyph ranges are
    /// relative to it.
    start: usize,
    /// Clusters before this offset are whole (the last one in a window
    /// that stops short of the word's end may not be).
    end: usize,
    glyphs: Vec<KrillaGlyph>,
    /// The next glyph to read.
    at: usize,
}

impl Window {
    /// The cluster at byte `k` of `word` (a cluster start): where it ends,
    /// and its advance in em.
    fn cluster(&mut self, fonts: &Fonts, w: Weight, word: &str, k: usize) -> (usize, f64) {
        if k < self.start || k >= self.end {
            self.fill(fonts, w, word, k);
        }
        let rel = k - self.start;
        if self
            .glyphs
            .get(self.at)
            .is_none_or(|g| g.text_range.start != rel)
        {
            // A piece given back a cluster or more: read from `k` again.
            self.at = self.glyphs.partition_point(|g| g.text_range.start < rel);
        }
        let Some(first) = self.glyphs.get(self.at) else {
            // No glyph for what is left (cannot happen with harfrust):
            // the rest of the window as one cluster, without width.
            let next = word[k..]
                .chars()
                .next()
                .map_or(word.len(), |c| k + c.len_utf8());
            return (self.end.max(next), 0.0);
        };
        let cluster = first.text_range.clone();
        let mut advance = 0.0;
        while let Some(g) = self.glyphs.get(self.at)
            && g.text_range.start == cluster.start
        {
            advance += f64::from(g.x_advance);
            self.at += 1;
        }
        (self.start + cluster.end, advance)
    }

    /// Shapes the window that starts at byte `k` of `word`.
    fn fill(&mut self, fonts: &Fonts, w: Weight, word: &str, k: usize) {
        let mut end = (k + WINDOW).min(word.len());
        while !word.is_char_boundary(end) {
            end -= 1;
        }
        if end <= k {
            end = word[k..]
                .chars()
                .next()
                .map_or(word.len(), |c| k + c.len_utf8());
        }
        self.glyphs = fonts.shape_run(w, &word[k..end]);
        self.start = k;
        self.at = 0;
        self.end = end;
        if end < word.len()
            && let Some(last) = self.glyphs.last()
            && last.text_range.start > 0
        {
            // The last cluster may go on past the window: read it again
            // at the start of the next one.
            self.end = k + last.text_range.start;
        }
    }
}

/// A line being filled: `start..end` of the segment, `width` as the
/// breaking adds it up, `em` the exact sum of its advances.
struct Open {
    start: usize,
    end: usize,
    width: f32,
    em: f64,
}

/// Breaking one segment (a line of the text without `\n`) into lines.
struct Wrap<'f, 'a, 'c, 'o, 't> {
    fonts: &'f Fonts<'a>,
    cache: &'c mut ShapeCache,
    weight: Weight,
    text: &'t str,
    /// Where the segment starts in the whole text.
    base: usize,
    size: f32,
    /// The first line's width, the others', and the index in `out` of the
    /// first line.
    widths: (f32, f32, usize),
    out: &'o mut Vec<Span>,
}

impl<'t> Wrap<'_, '_, '_, '_, 't> {
    fn points(&self, em: f64) -> f32 {
        (em * f64::from(self.size)) as f32
    }

    fn limit(&self) -> f32 {
        let (first_w, rest_w, first) = self.widths;
        if self.out.len() == first {
            first_w
        } else {
            rest_w
        }
    }

    fn emit(&mut self, start: usize, end: usize, em: f64) {
        let width = self.points(em);
        self.push(start, end, width);
    }

    /// A line `start..end` of the segment. Texts are far below 4 GB (a
    /// text field holds at most `MAX_TEXT_CHARS`), so offsets fit a u32.
    fn push(&mut self, start: usize, end: usize, width: f32) {
        let at = |k: usize| u32::try_from(self.base + k).unwrap_or(u32::MAX);
        self.out.push(Span {
            start: at(start),
            end: at(end),
            width,
        });
    }

    /// Greedy breaking at spaces, run by run: a word goes on the line if
    /// it fits, else on the next; a word wider than a whole line is cut
    /// into pieces (`piece`).
    fn segment(&mut self) {
        let text = self.text;
        let mut line: Option<Open> = None;
        let mut gap = 0.0f64;
        let mut any_word = false;
        for (run, space) in runs(text) {
            if space {
                if line.is_some() {
                    gap += self.fonts.run_width(self.cache, self.weight, &text[run]);
                }
                continue;
            }
            any_word = true;
            // A word of more than `MAX_PIECE` bytes is always cut.
            let whole = (run.len() <= MAX_PIECE).then(|| {
                self.fonts
                    .run_width(self.cache, self.weight, &text[run.clone()])
            });
            if let Some(open) = line.take() {
                let limit = self.limit();
                if let Some(em) = whole
                    && open.width + self.points(gap) + self.points(em) <= limit + EPS
                {
                    line = Some(Open {
                        end: run.end,
                        width: open.width + self.points(gap) + self.points(em),
                        em: open.em + gap + em,
                        ..open
                    });
                    gap = 0.0;
                    continue;
                }
                self.emit(open.start, open.end, open.em);
                gap = 0.0;
            }
            if let Some(em) = whole
                && self.points(em) <= self.limit() + EPS
            {
                line = Some(Open {
                    start: run.start,
                    end: run.end,
                    width: self.points(em),
                    em,
                });
                continue;
            }
            line = Some(self.cut(run));
        }
        if !any_word {
            self.push(0, 0, 0.0);
        } else if let Some(open) = line {
            self.emit(open.start, open.end, open.em);
        }
    }

    /// Cuts the word `run`, too wide for a line, into lines; the last
    /// piece is left open, as more words may follow it on its line.
    fn cut(&mut self, run: Range<usize>) -> Open {
        let word = &self.text[run.clone()];
        let mut window = Window::default();
        let mut ws = 0;
        loop {
            let (k, em) = self.piece(&mut window, word, ws);
            if k >= word.len() {
                return Open {
                    start: run.start + ws,
                    end: run.end,
                    width: self.points(em),
                    em,
                };
            }
            self.emit(run.start + ws, run.start + k, em);
            ws = k;
        }
    }

    /// The next line's piece of `word` from byte `ws`: where it ends and
    /// its advance in em. It takes clusters while they fit (at least one),
    /// as measured in context; then the piece is shaped alone, as it will
    /// be drawn, and loses its last cluster while that is too wide.
    fn piece(&mut self, window: &mut Window, word: &str, ws: usize) -> (usize, f64) {
        let limit = self.limit();
        let mut k = ws;
        let mut acc = 0.0f32;
        while k < word.len() {
            let (end, em) = window.cluster(self.fonts, self.weight, word, k);
            let a = self.points(em);
            if k > ws && (acc + a > limit + EPS || end - ws > MAX_PIECE) {
                break;
            }
            acc += a;
            k = end;
        }
        loop {
            let (em, last) =
                self.fonts
                    .with_run(self.cache, self.weight, &word[ws..k], |glyphs, em| {
                        (em, glyphs.last().map_or(0, |g| g.text_range.start))
                    });
            if last == 0 || self.points(em) <= limit + EPS {
                return (k, em);
            }
            k = ws + last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::{BODY_SIZE, TEXT_W};
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
            let lines: Vec<Line> = lines.iter().collect();
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
                .map(|l| l.text.as_ref())
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
        let glyphs = fonts.shape(
            &mut ShapeCache::default(),
            Weight::Bold,
            "Hoàn thành xuất sắc nhiệm vụ",
        );
        let sum: f32 = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * 10.0;
        assert!((l.width - sum).abs() < 1e-3 && l.width > 100.0);
    }

    /// A word of distinct syllables, `bytes` long at least.
    fn long_word(bytes: usize) -> String {
        let syllables = [
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng",
        ];
        let mut word = String::new();
        let mut i = 0;
        while word.len() < bytes {
            word.push_str(syllables[i % syllables.len()]);
            word.push_str(&i.to_string());
            i += 1;
        }
        word
    }

    #[test]
    fn a_word_longer_than_a_window_is_cut_in_order_and_measured_as_drawn() {
        let fonts = Fonts::new(REGULAR, BOLD).unwrap();
        let word = long_word(WINDOW * 2 + WINDOW / 3);
        let text = format!("Họ và tên: {word} hết");
        let width = TEXT_W / 2.0;
        let mut cache = ShapeCache::default();
        let lines = fonts.wrap(&mut cache, Weight::Regular, &text, BODY_SIZE, width, width);
        let lines: Vec<Line> = lines.iter().collect();
        let joined: String = lines.iter().map(|l| l.text.replace(' ', "")).collect();
        let expected = text.replace(' ', "");
        let same = joined
            .bytes()
            .zip(expected.bytes())
            .take_while(|(a, b)| a == b);
        let same = same.count();
        assert!(
            same == joined.len() && same == expected.len(),
            "every character, in order: the lines differ after {:?}",
            String::from_utf8_lossy(&expected.as_bytes()[same.saturating_sub(20)..same])
        );
        assert!(lines.len() > 1000, "{} lines", lines.len());
        let mut glyphs = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            // Drawing shapes the line again: the same width, within it.
            fonts.shape_into(&mut cache, Weight::Regular, &l.text, &mut glyphs);
            let drawn = glyphs.iter().map(|g| f64::from(g.x_advance)).sum::<f64>();
            let drawn = (drawn * f64::from(BODY_SIZE)) as f32;
            assert!((drawn - l.width).abs() < 1e-3, "{:?}", l.text);
            assert!(l.width <= width + EPS, "{:?} is {}", l.text, l.width);
            // The word's pieces are full: the next character would not
            // have fitted.
            if i > 0 && i + 1 < lines.len() {
                assert!(l.width > width - 2.0 * BODY_SIZE, "{:?}", l.text);
            }
        }
    }

    #[test]
    fn a_word_of_zero_width_characters_is_cut_into_bounded_lines() {
        let fonts = Fonts::new(REGULAR, BOLD).unwrap();
        let text = "\u{200b}".repeat(5_000);
        let mut cache = ShapeCache::default();
        let lines = fonts.wrap(&mut cache, Weight::Regular, &text, BODY_SIZE, 100.0, 100.0);
        let lines: Vec<Line> = lines.iter().collect();
        assert!(lines.len() >= 3, "{} lines", lines.len());
        assert!(lines.iter().all(|l| l.text.len() <= MAX_PIECE));
        let joined: String = lines.iter().map(|l| l.text.as_ref()).collect();
        assert_eq!(joined, text);
    }
}
