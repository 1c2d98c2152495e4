//! Fonts, shaping and line breaking for the PDF: harfrust (the HarfBuzz port
//! the window's text already uses) shapes each word once per part, lines are
//! broken by the shaped advances.

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

    /// Shapes one line of text (no `\n`). Advances and offsets are in em;
    /// each glyph's `text_range` is its cluster's byte range in `text`.
    ///
    /// Words and the spaces between them are shaped apart and remembered
    /// in `cache`: Vietnamese is written in a few thousand syllables, so a
    /// notebook shapes each of them about once.
    pub(super) fn shape(&self, cache: &mut ShapeCache, w: Weight, text: &str) -> Vec<KrillaGlyph> {
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
    pub(super) fn line(&self, cache: &mut ShapeCache, w: Weight, text: &str, size: f32) -> Line {
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
    pub(super) fn wrap(
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
    pub(super) fn wrap_nonblank(
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
    pub(super) fn baseline_offset(&self, size: f32) -> f32 {
        let f = &self.regular;
        let lh = size * LINE_FACTOR;
        (lh - (f.ascent - f.descent) * size) / 2.0 + f.ascent * size
    }
}

pub(super) fn vietnamese() -> Option<harfrust::Language> {
    "vi".parse().ok()
}

/// Shaped runs by weight, kept while a part is laid out.
#[derive(Default)]
pub(super) struct ShapeCache {
    pub(super) runs: [std::collections::HashMap<Box<str>, Vec<KrillaGlyph>>; 2],
}

/// One laid-out line: its own text and its glyphs, whose ranges index into
/// that text.
#[derive(Clone, Debug)]
pub(super) struct Line {
    pub(super) text: String,
    pub(super) glyphs: Vec<KrillaGlyph>,
    pub(super) width: f32,
}

pub(super) fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

pub(super) fn wrap_segment(
    glyphs: &[KrillaGlyph],
    text: &str,
    size: f32,
    first_w: f32,
    rest_w: f32,
    out: &mut Vec<Line>,
) {
    // Widths from running sums, so that breaking a very long word costs
    // one pass over it, not a pass per line.
    let mut sums = Vec::with_capacity(glyphs.len() + 1);
    let mut total = 0.0f64;
    sums.push(0.0);
    for g in glyphs {
        total += f64::from(g.x_advance);
        sums.push(total);
    }
    let adv = |r: Range<usize>| ((sums[r.end] - sums[r.start]) * f64::from(size)) as f32;
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
