//! Laying the document tree out on A4 pages: headings kept with what
//! follows, paragraphs, key-value blocks, tables whose header repeats on
//! every page and whose rows split when taller than a page, and signature
//! blocks side by side.

use super::text::{Fonts, Line, Lines, ShapeCache, Span, Weight};
use super::{
    BODY_SIZE, CELL_PAD, CONTENT_BOTTOM, EPS, GROUP_GREY, HEADER_GREY, LINE_FACTOR, MARGIN_LEFT,
    MARGIN_TOP, PARA_AFTER, SIGN_BEFORE, SIGN_SPACE, TABLE_AFTER, TABLE_BEFORE, TABLE_SIZE, TEXT_W,
    USABLE_H,
};

use crate::export::doc::{Align, Block, Document, Row, Signature, Str, Table};

/// Something placed on a page; its text borrows from the document.
#[derive(Debug)]
pub(super) enum Item<'d> {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        weight: Weight,
        line: Line<'d>,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<u8>,
        border: bool,
    },
    /// A line of a wrapped text: the span of it at `baseline`, in its
    /// column (the fields of a `Column`, flat, for a small item).
    Line {
        text: &'d str,
        span: Span,
        baseline: f32,
        x: f32,
        w: f32,
        size: f32,
        weight: Weight,
        align: Align,
    },
    /// Lines of one wrapped text placed one under another in one column.
    Lines(Box<Run<'d>>),
}

/// A wrapped text, its style and the column its lines are aligned in.
#[derive(Clone, Copy, Debug)]
pub(super) struct Column<'d> {
    pub(super) text: &'d str,
    pub(super) size: f32,
    pub(super) weight: Weight,
    pub(super) x: f32,
    pub(super) w: f32,
    pub(super) align: Align,
}

impl<'d> Column<'d> {
    /// The same text (the very same, not an equal one) in the same column.
    fn same(&self, other: &Column) -> bool {
        std::ptr::eq(self.text, other.text)
            && (self.weight, self.size, self.x, self.w, self.align)
                == (other.weight, other.size, other.x, other.w, other.align)
    }
}

/// Lines of one text in one column, as spans of it with their baselines:
/// 16 bytes a line, where an item takes 48, so that a name of megabytes,
/// hundreds of thousands of lines, is held small until drawn.
#[derive(Debug)]
pub(super) struct Run<'d> {
    pub(super) col: Column<'d>,
    pub(super) lines: Vec<(Span, f32)>,
}

impl<'d> Item<'d> {
    /// A line alone of `col`.
    fn line(col: Column<'d>, span: Span, baseline: f32) -> Self {
        let Column {
            text,
            size,
            weight,
            x,
            w,
            align,
        } = col;
        Item::Line {
            text,
            span,
            baseline,
            x,
            w,
            size,
            weight,
            align,
        }
    }

    /// The column of a `Line` item.
    fn column(&self) -> Option<Column<'d>> {
        match *self {
            Item::Line {
                text,
                x,
                w,
                size,
                weight,
                align,
                ..
            } => Some(Column {
                text,
                size,
                weight,
                x,
                w,
                align,
            }),
            _ => None,
        }
    }

    /// Every line of text the item draws, in order: where it starts, its
    /// baseline, its size and weight, and the line (its text borrowed).
    pub(super) fn texts(&self) -> impl Iterator<Item = (f32, f32, f32, Weight, Line<'_>)> + '_ {
        let own = match self {
            Item::Text {
                x,
                baseline,
                size,
                weight,
                line,
            } => Some((*x, *baseline, *size, *weight, line.borrowed())),
            _ => None,
        };
        let wrapped = self
            .lines()
            .map(|(x, baseline, line, col)| (x, baseline, col.size, col.weight, line));
        own.into_iter().chain(wrapped)
    }

    /// The lines of a `Line` or `Lines` item, in order: where each starts,
    /// its baseline, the line and its text's column (for the style).
    pub(super) fn lines(&self) -> impl Iterator<Item = (f32, f32, Line<'d>, Column<'d>)> + '_ {
        let (col, one, run): (_, _, &[(Span, f32)]) = match self {
            Item::Line { span, baseline, .. } => (self.column(), Some((*span, *baseline)), &[]),
            Item::Lines(run) => (Some(run.col), None, &run.lines),
            _ => (None, None, &[]),
        };
        one.into_iter()
            .chain(run.iter().copied())
            .filter_map(move |(span, baseline)| {
                let col = col?;
                let line = Lines::line(col.text, span);
                let x = aligned(col.x, col.w, line.width, col.align);
                Some((x, baseline, line, col))
            })
    }
}

/// Where a line `width` wide starts in the column `[x, x + w]`.
fn aligned(x: f32, w: f32, width: f32, align: Align) -> f32 {
    match align {
        Align::Left => x,
        Align::Center => x + (w - width) / 2.0,
        Align::Right => x + w - width,
    }
}

pub(super) type Page<'d> = Vec<Item<'d>>;

pub(super) struct Layout<'f, 'a, 'd> {
    pub(super) fonts: &'f Fonts<'a>,
    /// Behind a `RefCell` as measuring (`&self`) shapes text too.
    pub(super) cache: std::cell::RefCell<ShapeCache>,
    pub(super) pages: Vec<Page<'d>>,
    /// Top of the free space on the current page.
    pub(super) y: f32,
}

/// A table row laid out: its cells' lines, ready to be placed.
pub(super) struct RowBox<'d> {
    pub(super) cells: Vec<CellBox<'d>>,
    pub(super) fill: Option<u8>,
    /// Number of text lines of the tallest cell (at least 1).
    pub(super) lines: usize,
    pub(super) group: bool,
}

pub(super) struct CellBox<'d> {
    pub(super) x: f32,
    pub(super) w: f32,
    pub(super) weight: Weight,
    pub(super) align: Align,
    pub(super) lines: Lines<'d>,
}

impl RowBox<'_> {
    pub(super) fn height(&self) -> f32 {
        rows_height(self.lines)
    }
}

pub(super) fn rows_height(lines: usize) -> f32 {
    lines as f32 * TABLE_SIZE * LINE_FACTOR + 2.0 * CELL_PAD
}

/// What must fit below the cursor for row `i` to start on this page, with
/// `hh` the height of the (repeated) header: the whole row if it fits on a
/// page at all (together with the next row, when it is a group title), else
/// two of its lines (it will be split).
pub(super) fn row_need(rows: &[RowBox], i: usize, hh: f32) -> f32 {
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

pub(super) fn heading_size(level: u8) -> f32 {
    match level {
        0 | 1 => 16.0,
        2 => 13.0,
        _ => 11.5,
    }
}

/// Space before and after a heading.
pub(super) fn heading_spacing(level: u8) -> (f32, f32) {
    match level {
        0 | 1 => (12.0, 8.0),
        2 => (10.0, 5.0),
        _ => (8.0, 4.0),
    }
}

impl<'f, 'a, 'd> Layout<'f, 'a, 'd> {
    pub(super) fn run(fonts: &'f Fonts<'a>, doc: &'d Document) -> Vec<Page<'d>> {
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
                Block::Header(columns) => l.header(columns),
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
    pub(super) fn wrap<'t>(
        &self,
        w: Weight,
        text: &'t str,
        size: f32,
        first_w: f32,
        rest_w: f32,
    ) -> Lines<'t> {
        self.fonts
            .wrap(&mut self.cache.borrow_mut(), w, text, size, first_w, rest_w)
    }

    pub(super) fn wrap_nonblank<'t>(
        &self,
        w: Weight,
        text: &'t str,
        size: f32,
        width: f32,
    ) -> Lines<'t> {
        self.fonts
            .wrap_nonblank(&mut self.cache.borrow_mut(), w, text, size, width)
    }

    pub(super) fn line<'t>(&self, w: Weight, text: &'t str, size: f32) -> Line<'t> {
        self.fonts.line(&mut self.cache.borrow_mut(), w, text, size)
    }

    pub(super) fn page_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.is_empty())
    }

    pub(super) fn new_page(&mut self) {
        if let Some(page) = self.pages.last_mut() {
            // Pages are kept until the document is drawn.
            page.shrink_to_fit();
        }
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    pub(super) fn push(&mut self, item: Item<'d>) {
        self.pages.last_mut().expect("a page").push(item);
    }

    /// Vertical space, dropped at the top of a page.
    pub(super) fn space(&mut self, s: f32) {
        if !self.page_empty() {
            self.y += s;
        }
    }

    /// Starts a new page unless `h` fits below the cursor (or the page is
    /// still empty, where nothing would be gained).
    pub(super) fn ensure(&mut self, h: f32) {
        if self.y + h > CONTENT_BOTTOM + EPS && !self.page_empty() {
            self.new_page();
        }
    }

    /// Places a line whose box starts at `top` within `[x, x + w]`.
    pub(super) fn place(
        &mut self,
        line: Line<'d>,
        (weight, size): (Weight, f32),
        x: f32,
        w: f32,
        align: Align,
        top: f32,
    ) {
        if line.is_empty() {
            return;
        }
        let x = aligned(x, w, line.width, align);
        let baseline = top + self.fonts.baseline_offset(size);
        self.push(Item::Text {
            x,
            baseline,
            size,
            weight,
            line,
        });
    }

    /// Places the line `span` of `text` with its box's top at `top` in the
    /// column `[x, x + w]`: added to the page's last run when it is the
    /// same text's in the same column, else as a new run.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn place_span(
        &mut self,
        text: &'d str,
        span: Span,
        (weight, size): (Weight, f32),
        x: f32,
        w: f32,
        align: Align,
        top: f32,
    ) {
        if span.is_empty() {
            return;
        }
        let baseline = top + self.fonts.baseline_offset(size);
        let col = Column {
            text,
            size,
            weight,
            x,
            w,
            align,
        };
        let page = self.pages.last_mut().expect("a page");
        // A second line of the text in the column makes a run of the
        // first; a single line stays an item of its own, as small.
        match page.last_mut() {
            Some(Item::Lines(run)) if run.col.same(&col) => run.lines.push((span, baseline)),
            Some(last) => match *last {
                Item::Line {
                    span: first,
                    baseline: at,
                    ..
                } if last.column().is_some_and(|c| c.same(&col)) => {
                    let lines = vec![(first, at), (span, baseline)];
                    *last = Item::Lines(Box::new(Run { col, lines }));
                }
                _ => page.push(Item::line(col, span, baseline)),
            },
            None => page.push(Item::line(col, span, baseline)),
        }
    }

    /// Flows lines one by one, each moving to a new page when it does not fit.
    pub(super) fn flow_lines(&mut self, lines: Lines<'d>, weight: Weight, size: f32, align: Align) {
        let lh = size * LINE_FACTOR;
        for &span in &lines.spans {
            if self.flow_space(lh, span.is_empty()) {
                let top = self.y;
                self.place_span(
                    lines.text,
                    span,
                    (weight, size),
                    MARGIN_LEFT,
                    TEXT_W,
                    align,
                    top,
                );
                self.y += lh;
            }
        }
    }

    /// Like `flow_lines`, for lines of a text made here (a label).
    fn flow_owned(&mut self, lines: Vec<Line<'static>>, weight: Weight, size: f32) {
        let lh = size * LINE_FACTOR;
        for line in lines {
            if self.flow_space(lh, line.is_empty()) {
                let top = self.y;
                self.place(line, (weight, size), MARGIN_LEFT, TEXT_W, Align::Left, top);
                self.y += lh;
            }
        }
    }

    /// Makes room for the next flowing line, `lh` high: whether it is to
    /// be placed. An empty line is space, except at the top of a page.
    fn flow_space(&mut self, lh: f32, empty: bool) -> bool {
        self.ensure(lh);
        if empty && !self.page_empty() {
            self.y += lh;
        }
        !empty
    }

    /// Height of a heading block (its lines, not its spacing).
    pub(super) fn heading_height(&self, level: u8, text: &str) -> f32 {
        let size = heading_size(level);
        let n = self.wrap(Weight::Bold, text, size, TEXT_W, TEXT_W).len();
        n as f32 * size * LINE_FACTOR
    }

    /// How much of the blocks after a heading must stay with it: a chain of
    /// headings plus the first line (or unbreakable part) of what follows.
    pub(super) fn keep_with_next(&self, next: &[Block]) -> f32 {
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
            Some(Block::Header(columns)) => self.header_lines(columns).1,
        }
    }

    pub(super) fn heading(&mut self, level: u8, text: &'d str, align: Align, next: &[Block]) {
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

    pub(super) fn paragraph(&mut self, text: &'d str, align: Align, weight: Weight) {
        let lines = self.wrap(weight, text, BODY_SIZE, TEXT_W, TEXT_W);
        self.flow_lines(lines, weight, BODY_SIZE, align);
        self.y += PARA_AFTER;
    }

    pub(super) fn key_values(&mut self, kv: &'d [(String, Str<'_>)]) {
        let size = BODY_SIZE;
        let lh = size * LINE_FACTOR;
        for (k, v) in kv {
            let label = self
                .line(Weight::Bold, &format!("{k}: "), size)
                .into_owned();
            let value = v.trim();
            if label.width > TEXT_W * 0.6 {
                // A very long label: wrap it on its own, value below.
                let text = format!("{k}:");
                let lines = self.wrap(Weight::Bold, &text, size, TEXT_W, TEXT_W);
                let lines = lines.iter().map(Line::into_owned).collect();
                self.flow_owned(lines, Weight::Bold, size);
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
                    .spans
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
            let style = (Weight::Regular, size);
            for (i, span) in lines.into_iter().enumerate() {
                if i == 0 {
                    let (x, w) = (MARGIN_LEFT + lw, TEXT_W - lw);
                    self.place_span(value, span, style, x, w, Align::Left, top);
                } else {
                    self.y += lh;
                    self.ensure(lh);
                    let (x, w, top) = (MARGIN_LEFT + indent, TEXT_W - indent, self.y);
                    self.place_span(value, span, style, x, w, Align::Left, top);
                }
            }
            self.y += lh;
        }
        self.y += PARA_AFTER;
    }

    /// Column x positions and widths, scaled to the text width. A column
    /// is widened, at the others' cost, until its longest number or date
    /// ("31/01/2026") fits on one line: those never break.
    pub(super) fn columns(&self, t: &Table) -> Vec<(f32, f32)> {
        let n = t.columns();
        let valid = t.widths.len() == n && t.widths.iter().all(|w| w.is_finite() && *w > 0.0);
        let rel: Vec<f32> = if valid {
            t.widths.clone()
        } else {
            vec![1.0; n]
        };
        let total: f32 = rel.iter().sum();
        let mut widths: Vec<f32> = rel.iter().map(|r| r / total * TEXT_W).collect();
        let needs: Vec<f32> = (0..n)
            .map(|i| {
                let cells = t
                    .rows
                    .iter()
                    .filter(|r| !r.group)
                    .filter_map(|r| r.cells.get(i));
                let widest = cells
                    .flat_map(|c| c.split(super::text::is_break_space))
                    .filter(|w| is_number_like(w))
                    .map(|w| self.line(Weight::Regular, w, TABLE_SIZE).width)
                    .fold(0.0f32, f32::max);
                // A little over the word, against rounding in the wrap.
                (widest + 2.0 * CELL_PAD + 0.5).min(TEXT_W / 3.0)
            })
            .collect();
        widen_to(&mut widths, &needs);
        let mut x = MARGIN_LEFT;
        widths
            .iter()
            .map(|w| {
                let c = (x, *w);
                x += w;
                c
            })
            .collect()
    }

    pub(super) fn row_box<'t>(
        &self,
        cols: &[(f32, f32)],
        cells: &'t [String],
        weight: Weight,
        align: Align,
        fill: Option<u8>,
    ) -> RowBox<'t> {
        let cells: Vec<CellBox> = cols
            .iter()
            .enumerate()
            .map(|(i, &(x, w))| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                let inner = (w - 2.0 * CELL_PAD).max(1.0);
                let lines = if text.trim().is_empty() {
                    Lines {
                        text,
                        spans: Vec::new(),
                    }
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

    pub(super) fn group_box<'t>(&self, cols: &[(f32, f32)], row: &'t Row) -> RowBox<'t> {
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
    pub(super) fn table_parts<'t>(
        &self,
        t: &'t Table,
        max_rows: usize,
    ) -> (Option<RowBox<'t>>, Vec<RowBox<'t>>) {
        let cols = self.columns(t);
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

    pub(super) fn body_box<'t>(&self, cols: &[(f32, f32)], row: &'t Row) -> RowBox<'t> {
        if row.group {
            self.group_box(cols, row)
        } else {
            self.row_box(cols, &row.cells, Weight::Regular, Align::Left, None)
        }
    }

    /// Draws lines `from..from + count` of a row with its top at `self.y`.
    pub(super) fn draw_row(&mut self, row: &RowBox<'d>, from: usize, count: usize) {
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
            let spans = cell.lines.spans.iter().skip(from).take(count);
            for (k, &span) in spans.enumerate() {
                let ltop = top + CELL_PAD + k as f32 * lh;
                self.place_span(
                    cell.lines.text,
                    span,
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

    pub(super) fn table(&mut self, t: &'d Table) {
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
    pub(super) fn table_page(&mut self, header: Option<&RowBox<'d>>) {
        self.new_page();
        if let Some(h) = header {
            self.draw_row(h, 0, h.lines);
        }
    }

    #[allow(clippy::type_complexity)]
    pub(super) fn signature_rows<'t>(
        &self,
        sigs: &'t [Signature],
    ) -> Vec<[(Lines<'t>, Weight); 4]> {
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
    pub(super) fn signature_counts(cols: &[[(Lines, Weight); 4]]) -> [usize; 4] {
        let mut n = [0; 4];
        for c in cols {
            for (k, (lines, _)) in c.iter().enumerate() {
                n[k] = n[k].max(lines.len());
            }
        }
        n
    }

    pub(super) fn signature_height(&self, sigs: &[Signature]) -> f32 {
        let n = Self::signature_counts(&self.signature_rows(sigs));
        (n.iter().sum::<usize>()) as f32 * BODY_SIZE * LINE_FACTOR + SIGN_SPACE
    }

    pub(super) fn signatures(&mut self, sigs: &'d [Signature]) {
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
        if total > USABLE_H {
            // Taller than a page (a name of megabytes): row by row across
            // pages, rather than off the bottom of one.
            let mut fields: Vec<_> = cols
                .into_iter()
                .map(|f| f.map(|(lines, w)| (lines.text, lines.spans.into_iter(), w)))
                .collect();
            for (k, rows) in n.into_iter().enumerate() {
                if k == 3 {
                    self.y += SIGN_SPACE;
                }
                for _ in 0..rows {
                    let row: Vec<_> = fields
                        .iter_mut()
                        .map(|f| {
                            let (text, spans, w) = &mut f[k];
                            spans.next().map(|span| (*text, span, *w))
                        })
                        .collect();
                    self.place_row(colw, row);
                }
            }
            return;
        }
        let top = self.y;
        for (c, fields) in cols.into_iter().enumerate() {
            let x = MARGIN_LEFT + c as f32 * colw;
            let mut y = top;
            for (k, (lines, weight)) in fields.into_iter().enumerate() {
                if k == 3 {
                    y += SIGN_SPACE;
                }
                for (j, &span) in lines.spans.iter().enumerate() {
                    self.place_span(
                        lines.text,
                        span,
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

    /// Places a row of a block of centred columns `colw` wide (the line of
    /// column `c` at `row[c]`, if any) at the cursor, on a new page if it
    /// does not fit there.
    fn place_row(&mut self, colw: f32, row: Vec<Option<(&'d str, Span, Weight)>>) {
        let lh = BODY_SIZE * LINE_FACTOR;
        self.ensure(lh);
        let top = self.y;
        for (c, cell) in row.into_iter().enumerate() {
            if let Some((text, span, weight)) = cell {
                let x = MARGIN_LEFT + c as f32 * colw;
                let style = (weight, BODY_SIZE);
                self.place_span(text, span, style, x, colw, Align::Center, top);
            }
        }
        self.y += lh;
    }

    /// Each column's wrapped lines with their weight, and the block's height.
    #[allow(clippy::type_complexity)]
    fn header_lines<'t>(
        &self,
        columns: &'t [Vec<(String, bool)>],
    ) -> (Vec<Vec<(&'t str, Span, Weight)>>, f32) {
        let colw = TEXT_W / columns.len().max(1) as f32;
        let inner = (colw - 6.0).max(1.0);
        let cols: Vec<Vec<_>> = columns
            .iter()
            .map(|col| {
                col.iter()
                    .flat_map(|(text, bold)| {
                        let w = if *bold { Weight::Bold } else { Weight::Regular };
                        let lines = self.wrap_nonblank(w, text, BODY_SIZE, inner);
                        let text = lines.text;
                        lines.spans.into_iter().map(move |span| (text, span, w))
                    })
                    .collect()
            })
            .collect();
        let n = cols.iter().map(Vec::len).max().unwrap_or(0);
        (cols, n as f32 * BODY_SIZE * LINE_FACTOR)
    }

    /// The header block of a party paper, columns side by side, centred.
    pub(super) fn header(&mut self, columns: &'d [Vec<(String, bool)>]) {
        let (cols, total) = self.header_lines(columns);
        if cols.is_empty() {
            return;
        }
        self.ensure(total);
        let colw = TEXT_W / cols.len() as f32;
        let lh = BODY_SIZE * LINE_FACTOR;
        if total > USABLE_H {
            // Taller than a page: row by row across pages, as signatures.
            let rows = cols.iter().map(Vec::len).max().unwrap_or(0);
            let mut cols: Vec<_> = cols.into_iter().map(Vec::into_iter).collect();
            for _ in 0..rows {
                let row: Vec<_> = cols.iter_mut().map(Iterator::next).collect();
                self.place_row(colw, row);
            }
            self.y += lh;
            return;
        }
        let top = self.y;
        for (c, lines) in cols.into_iter().enumerate() {
            let x = MARGIN_LEFT + c as f32 * colw;
            for (j, (text, span, weight)) in lines.into_iter().enumerate() {
                self.place_span(
                    text,
                    span,
                    (weight, BODY_SIZE),
                    x,
                    colw,
                    Align::Center,
                    top + j as f32 * lh,
                );
            }
        }
        self.y = top + total + lh;
    }
}

/// A date, a number or a figure like "12/30" or "85%": kept on one line.
fn is_number_like(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | ',' | '-' | ':' | '%'))
}

/// Widens the columns narrower than they need, taking the width from the
/// others in proportion to what they have to spare; the total stays the
/// same. When not all needs fit, nothing changes.
fn widen_to(widths: &mut [f32], needs: &[f32]) {
    let short: f32 = widths
        .iter()
        .zip(needs)
        .map(|(w, n)| (n - w).max(0.0))
        .sum();
    let spare: f32 = widths
        .iter()
        .zip(needs)
        .map(|(w, n)| (w - n).max(0.0))
        .sum();
    if short <= 0.0 || spare < short {
        return;
    }
    for (w, n) in widths.iter_mut().zip(needs) {
        if *w < *n {
            *w = *n;
        } else {
            *w -= (*w - n) / spare * short;
        }
    }
}

#[cfg(test)]
mod run_tests {
    use super::*;
    use crate::fonts::{BOLD, REGULAR};

    /// The pages of a name of megabytes are held until drawn (the footer
    /// needs their count): its hundreds of thousands of lines must take
    /// little room there. As an item a line (48 bytes each, and the whole
    /// block's lines wrapped apart first, 32 bytes each) a 10 MB name's
    /// pages took about 22 MB; as runs of 16-byte spans, a third of that.
    #[test]
    fn a_long_name_is_held_as_a_few_runs_a_page_not_an_item_a_line() {
        let fonts = Fonts::new(REGULAR, BOLD).unwrap();
        let name = "Nguyễn".repeat(25_000);
        let mut doc = Document::new("Sổ");
        doc.blocks.push(Block::KeyValues(vec![(
            "Họ và tên".into(),
            name.as_str().into(),
        )]));
        let sign = |name: &str| Signature {
            place_date: "…, ngày … tháng … năm …".into(),
            title: "NGƯỜI CAM KẾT".into(),
            hint: "(Ký, ghi rõ họ tên)".into(),
            name: name.to_owned().into(),
        };
        let mut member = sign("");
        member.name = name.as_str().into();
        doc.blocks
            .push(Block::Signatures(vec![member, sign("Lê Văn Tám")]));
        let pages = Layout::run(&fonts, &doc);
        let (mut lines, mut of_name) = (0, 0);
        for item in pages.iter().flatten() {
            match item {
                Item::Text { .. } => lines += 1,
                Item::Line { .. } | Item::Lines(_) => {
                    for (_, _, _, col) in item.lines() {
                        lines += 1;
                        of_name += usize::from(std::ptr::eq(col.text, name.as_str()));
                    }
                }
                Item::Rect { .. } => {}
            }
        }
        let items: usize = pages.iter().map(Vec::len).sum();
        assert!(pages.len() > 100 && lines > 5_000, "{lines} lines");
        assert!(
            of_name + 20 > lines,
            "{of_name} of {lines} lines are the name's"
        );
        assert!(
            items <= 2 * pages.len() + 10,
            "{items} items for {lines} lines on {} pages",
            pages.len()
        );
        assert!(std::mem::size_of::<(Span, f32)>() <= 16);
        // A line alone (a table cell's, a label's) is no bigger than before.
        assert!(std::mem::size_of::<Item>() <= 48);
    }
}

#[cfg(test)]
mod column_tests {
    use super::*;

    #[test]
    fn dates_and_numbers_are_number_like_words_are_not() {
        for w in ["31/01/2026", "12", "85%", "1.250", "08:30"] {
            assert!(is_number_like(w), "{w}");
        }
        for w in ["Tháng", "T1", "/", "", "2026a"] {
            assert!(!is_number_like(w), "{w}");
        }
    }

    #[test]
    fn a_narrow_column_takes_width_from_the_others() {
        let mut widths = [50.0, 300.0, 150.0];
        widen_to(&mut widths, &[64.0, 0.0, 20.0]);
        assert!((widths[0] - 64.0).abs() < 1e-3);
        assert!((widths.iter().sum::<f32>() - 500.0).abs() < 1e-3);
        assert!(widths[2] >= 20.0);
        // Needs that cannot all fit change nothing.
        let mut widths = [10.0, 10.0];
        widen_to(&mut widths, &[15.0, 15.0]);
        assert_eq!(widths, [10.0, 10.0]);
    }
}
