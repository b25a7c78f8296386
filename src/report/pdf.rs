//! The report as a PDF, written without a browser: the same sections as the Markdown and HTML
//! (title, overview, participants, learning objectives, every objective with its rating and
//! evidence, timeline, measures as vector charts, services and outages, notes, strengths, areas
//! and the improvement plan), laid out on A4 or Letter pages by a small flow layout and drawn
//! with `krilla` (real, selectable text: a subset of one TrueType/OpenType font is embedded with
//! its Unicode map).
//!
//! The font is read at run time: the first that covers every character of the report among
//! `KUNREN_PDF_FONT` (a font file) and [`FONT_CANDIDATES`] (Debian's DejaVu, Noto, Liberation,
//! IPA and Noto CJK fonts). Characters no candidate covers are listed in [`Pdf::missing`].

use super::words::say;
use crate::lang::Lang;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider as _;

use super::chart::bounds;
use super::{AfterAction, Finding, Rating};
use crate::number::short;

/// Font files tried in order, after `KUNREN_PDF_FONT`; the first that covers the whole report
/// wins. Fonts with Japanese come after the Latin ones, which read better for Latin text.
pub const FONT_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
];

/// The environment variable naming a font file to try first.
pub const FONT_VAR: &str = "KUNREN_PDF_FONT";

/// Paper sizes, in PDF points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// Why no PDF was written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "no usable font for the PDF (tried {}); install Debian's fonts-dejavu-core (and fonts-ipafont-gothic for Japanese) or set {FONT_VAR} to a .ttf/.otf file",
        tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    NoFont { tried: Vec<PathBuf> },
    #[error(
        "{FONT_VAR}={} is not a font kunren can read; point it to a .ttf, .otf or .ttc file, or unset it",
        .0.display()
    )]
    BadFont(PathBuf),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// A written PDF and what it could not show.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    /// The font file embedded.
    pub font: PathBuf,
    /// Characters of the report the font has no glyph for (drawn as the font's blank box).
    pub missing: Vec<char>,
    pub pages: usize,
}

/// A font read from a file: its bytes for `krilla` and its advances for layout.
struct Face {
    data: Vec<u8>,
    index: u32,
    path: PathBuf,
}

impl Face {
    fn load(path: &Path) -> Option<Face> {
        let data = std::fs::read(path).ok()?;
        let face = Face {
            data,
            index: 0,
            path: path.to_path_buf(),
        };
        face.font_ref()?;
        // What krilla embeds and shapes must read too.
        Font::new(face.data.clone().into(), face.index)?;
        Some(face)
    }

    fn font_ref(&self) -> Option<skrifa::FontRef<'_>> {
        skrifa::FontRef::from_index(&self.data, self.index).ok()
    }

    /// Characters of `chars` the font has no glyph for.
    fn missing(&self, chars: &BTreeSet<char>) -> Vec<char> {
        let Some(font) = self.font_ref() else {
            return chars.iter().copied().collect();
        };
        let map = font.charmap();
        chars
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace() && map.map(*c).is_none())
            .collect()
    }
}

/// Advance widths in em, per character, for wrapping.
struct Metrics {
    per_em: Vec<(char, f32)>,
    fallback: f32,
}

impl Metrics {
    fn of(face: &Face, chars: &BTreeSet<char>) -> Metrics {
        let mut per_em = Vec::new();
        if let Some(font) = face.font_ref() {
            let upem = f32::from(font.head().map(|h| h.units_per_em()).unwrap_or(1000).max(1));
            let map = font.charmap();
            let gm = font.glyph_metrics(Size::unscaled(), LocationRef::default());
            for &c in chars {
                let w = map
                    .map(c)
                    .and_then(|g| gm.advance_width(g))
                    .map_or(0.6, |w| w / upem);
                per_em.push((c, w));
            }
        }
        Metrics {
            per_em,
            fallback: 0.6,
        }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                self.per_em
                    .binary_search_by(|(k, _)| k.cmp(&c))
                    .map_or(self.fallback, |i| self.per_em[i].1)
            })
            .sum::<f32>()
            * size
    }
}

/// Picks the font: `KUNREN_PDF_FONT` first, then the candidates; the first covering every
/// character, else the one missing fewest.
fn choose_font(chars: &BTreeSet<char>) -> Result<(Face, Vec<char>), PdfError> {
    let named = std::env::var_os(FONT_VAR)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let candidates: Vec<PathBuf> = FONT_CANDIDATES.iter().map(PathBuf::from).collect();
    choose_font_from(named, &candidates, chars)
}

fn choose_font_from(
    named: Option<PathBuf>,
    candidates: &[PathBuf],
    chars: &BTreeSet<char>,
) -> Result<(Face, Vec<char>), PdfError> {
    let mut best: Option<(Face, Vec<char>)> = None;
    // A font the user names must be readable: no silent fallback.
    if let Some(path) = named {
        let face = Face::load(&path).ok_or(PdfError::BadFont(path))?;
        let missing = face.missing(chars);
        if missing.is_empty() {
            return Ok((face, missing));
        }
        best = Some((face, missing));
    }
    for path in candidates {
        let Some(face) = Face::load(path) else {
            continue;
        };
        let missing = face.missing(chars);
        if missing.is_empty() {
            return Ok((face, missing));
        }
        if best.as_ref().is_none_or(|(_, m)| missing.len() < m.len()) {
            best = Some((face, missing));
        }
    }
    best.ok_or_else(|| PdfError::NoFont {
        tried: candidates.to_vec(),
    })
}

type Color = (u8, u8, u8);
const BLACK: Color = (0x1b, 0x1b, 0x1b);
const GREY: Color = (0x55, 0x55, 0x55);
const RULE: Color = (0xbb, 0xbb, 0xbb);
const HEAD_BG: Color = (0xee, 0xee, 0xee);
const LINE: Color = (0x1f, 0x5f, 0xa8);
const GRID: Color = (0xdd, 0xdd, 0xdd);

fn rating_bg(r: Rating) -> Color {
    match r {
        Rating::P => (0xd8, 0xf0, 0xd8),
        Rating::S => (0xee, 0xf5, 0xc8),
        Rating::M => (0xfb, 0xe3, 0xc0),
        Rating::U => (0xf6, 0xcc, 0xcc),
        Rating::NotApplicable => (0xe8, 0xe8, 0xe8),
    }
}

/// One thing drawn on a page, in points from the page's top left.
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        color: Color,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Color,
    },
    Lines {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Color,
    },
}

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const LEADING: f32 = 1.3;
const PAD: f32 = 3.0;

/// A table cell: its text and an optional background.
struct Cell {
    text: String,
    bg: Option<Color>,
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, bg: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell {
            text: text.to_string(),
            bg: None,
        }
    }
}

/// The flow layout: pages of ops, a cursor, the margins.
struct Layout<'m> {
    metrics: &'m Metrics,
    page_w: f32,
    page_h: f32,
    margin: f32,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// The report's language: table headers are written in it.
    lang: Lang,
}

impl<'m> Layout<'m> {
    fn new(metrics: &'m Metrics, paper: Paper) -> Self {
        let (page_w, page_h) = paper.size();
        let margin = 42.0;
        Layout {
            metrics,
            page_w,
            page_h,
            margin,
            pages: vec![Vec::new()],
            y: margin,
            lang: Lang::En,
        }
    }

    fn width(&self) -> f32 {
        self.page_w - 2.0 * self.margin
    }

    /// The bottom of the writing area (above the footer).
    fn bottom(&self) -> f32 {
        self.page_h - self.margin - 12.0
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.margin;
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn need(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > self.margin {
            self.new_page();
        }
    }

    /// Splits text into lines no wider than `w`: at spaces, and inside words (or between
    /// CJK characters) when a word alone is too wide.
    fn wrap(&self, text: &str, size: f32, w: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.trim().split('\n') {
            let mut line = String::new();
            for word in para.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.metrics.width(&candidate, size) <= w {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // The word alone, broken by characters where it is too wide.
                for c in word.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if !line.is_empty() && self.metrics.width(&next, size) > w {
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                    } else {
                        line = next;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    fn text(&mut self, x: f32, y: f32, size: f32, color: Color, text: &str) {
        if !text.trim().is_empty() {
            self.ops().push(Op::Text {
                x,
                y,
                size,
                color,
                text: text.to_string(),
            });
        }
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Color) {
        self.ops().push(Op::Lines {
            points: vec![(x1, y), (x2, y)],
            width,
            color,
        });
    }

    fn title(&mut self, text: &str) {
        let size = 17.0;
        for line in self.wrap(text, size, self.width()) {
            self.y += size * 1.2;
            let m = self.margin;
            self.text(m, self.y, size, BLACK, &line);
        }
        self.y += 5.0;
        let (m, r) = (self.margin, self.page_w - self.margin);
        let y = self.y;
        self.hline(m, r, y, 1.5, BLACK);
        self.y += 8.0;
    }

    /// A major section: on a new page, as in the printed HTML.
    fn section(&mut self, text: &str) {
        if self.y > self.margin {
            self.new_page();
        }
        self.heading(text, 13.0);
        let (m, r) = (self.margin, self.page_w - self.margin);
        let y = self.y;
        self.hline(m, r, y, 0.6, GREY);
        self.y += 6.0;
    }

    fn heading(&mut self, text: &str, size: f32) {
        // Keep a heading with at least three lines of what follows.
        self.need(size * 1.6 + 3.0 * BODY * LEADING);
        self.y += size * 0.6;
        for line in self.wrap(text, size, self.width()) {
            self.y += size * 1.2;
            let m = self.margin;
            self.text(m, self.y, size, BLACK, &line);
        }
        self.y += 3.0;
    }

    fn paragraph(&mut self, text: &str, size: f32, color: Color) {
        for line in self.wrap(text, size, self.width()) {
            self.need(size * LEADING);
            self.y += size * LEADING;
            let m = self.margin;
            self.text(m, self.y, size, color, &line);
        }
        self.y += size * 0.5;
    }

    fn bullets(&mut self, items: &[String]) {
        let indent = 12.0;
        for item in items {
            let lines = self.wrap(item, BODY, self.width() - indent);
            for (i, line) in lines.iter().enumerate() {
                self.need(BODY * LEADING);
                self.y += BODY * LEADING;
                let m = self.margin;
                if i == 0 {
                    self.text(m + 2.0, self.y, BODY, BLACK, "•");
                }
                self.text(m + indent, self.y, BODY, BLACK, line);
            }
        }
        self.y += BODY * 0.5;
    }

    /// A table with a header row repeated on every page it runs over; `widths` are shares of
    /// the text width. A row is never split over two pages unless it is taller than a page.
    fn table(&mut self, header: &[&str], widths: &[f32], rows: Vec<Vec<Cell>>) {
        let total: f32 = widths.iter().sum();
        let cols: Vec<f32> = widths.iter().map(|w| w / total * self.width()).collect();
        let header: Vec<Cell> = header
            .iter()
            .map(|h| Cell {
                text: match self.lang {
                    Lang::En => (*h).to_string(),
                    Lang::Ja if h.is_empty() => String::new(),
                    Lang::Ja => say(self.lang, h).to_string(),
                },
                bg: Some(HEAD_BG),
            })
            .collect();
        let header_h = self.row_height(&header, &cols);
        self.need(header_h + BODY * LEADING * 2.0 + 2.0 * PAD);
        if !header.iter().all(|c| c.text.is_empty()) {
            self.row(&header, &cols);
        }
        for row in rows {
            let h = self.row_height(&row, &cols);
            if self.y + h > self.bottom() && self.y > self.margin {
                self.new_page();
                if !header.iter().all(|c| c.text.is_empty()) {
                    self.row(&header, &cols);
                }
            }
            self.row(&row, &cols);
        }
        self.y += BODY * 0.8;
    }

    fn row_height(&self, row: &[Cell], cols: &[f32]) -> f32 {
        row.iter()
            .zip(cols)
            .map(|(c, w)| self.wrap(&c.text, BODY, w - 2.0 * PAD).len() as f32)
            .fold(1.0, f32::max)
            * BODY
            * LEADING
            + 2.0 * PAD
    }

    fn row(&mut self, row: &[Cell], cols: &[f32]) {
        let h = self.row_height(row, cols);
        let top = self.y;
        let mut x = self.margin;
        for (cell, w) in row.iter().zip(cols) {
            if let Some(bg) = cell.bg {
                self.ops().push(Op::Rect {
                    x,
                    y: top,
                    w: *w,
                    h,
                    color: bg,
                });
            }
            let mut y = top + PAD;
            for line in self.wrap(&cell.text, BODY, w - 2.0 * PAD) {
                y += BODY * LEADING;
                self.text(x + PAD, y - BODY * 0.3, BODY, BLACK, &line);
            }
            x += w;
        }
        // Borders.
        let (l, r) = (self.margin, self.margin + cols.iter().sum::<f32>());
        self.hline(l, r, top, 0.5, RULE);
        self.hline(l, r, top + h, 0.5, RULE);
        let mut x = l;
        for w in std::iter::once(&0.0).chain(cols) {
            x += w;
            self.ops().push(Op::Lines {
                points: vec![(x, top), (x, top + h)],
                width: 0.5,
                color: RULE,
            });
        }
        self.y = top + h;
    }

    /// A line chart of a measure over simulated time, with the HTML chart's proportions.
    fn chart(
        &mut self,
        title: &str,
        unit: &str,
        values: &[f64],
        last: u32,
        axis: &[(u32, String)],
    ) {
        let w = self.width();
        let h = w * 220.0 / 640.0;
        self.need(h + 8.0);
        let (x0, y0) = (self.margin, self.y);
        let (left, right, top, bottom) = (62.0, 26.0, 22.0, 30.0);
        let (plot_w, plot_h) = (w - left - right, h - top - bottom);
        let (mut lo, mut hi) = bounds(values);
        if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
            let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
            lo -= pad;
            hi += pad;
        }
        if lo > 0.0 && lo < (hi - lo) {
            lo = 0.0;
        }
        let span = f64::from(last.max(1));
        let px = |t: f64| x0 + left + (t / span) as f32 * plot_w;
        let py = |v: f64| y0 + top + ((hi - v) / (hi - lo)) as f32 * plot_h;
        self.text(
            x0 + left,
            y0 + 12.0,
            BODY,
            BLACK,
            &format!("{title} ({unit})"),
        );
        for i in 0..=4 {
            let v = lo + (hi - lo) * f64::from(i) / 4.0;
            let yy = py(v);
            self.hline(x0 + left, x0 + left + plot_w, yy, 0.5, GRID);
            let label = short(v);
            let lw = self.metrics.width(&label, SMALL);
            self.text(x0 + left - 4.0 - lw, yy + 3.0, SMALL, GREY, &label);
        }
        let base = y0 + top + plot_h;
        self.ops().push(Op::Lines {
            points: vec![
                (x0 + left, y0 + top),
                (x0 + left, base),
                (x0 + left + plot_w, base),
            ],
            width: 0.8,
            color: BLACK,
        });
        for (t, text) in axis {
            let xx = px(f64::from(*t));
            self.ops().push(Op::Lines {
                points: vec![(xx, base), (xx, base + 3.0)],
                width: 0.8,
                color: BLACK,
            });
            let (day, clock) = text.rsplit_once(' ').unwrap_or((text.as_str(), ""));
            for (i, part) in [day, clock].into_iter().enumerate() {
                let pw = self.metrics.width(part, SMALL);
                self.text(
                    xx - pw / 2.0,
                    base + 11.0 + 9.0 * i as f32,
                    SMALL,
                    GREY,
                    part,
                );
            }
        }
        let points: Vec<(f32, f32)> = values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .map(|(t, v)| (px(t as f64), py(*v)))
            .collect();
        if points.len() > 1 {
            self.ops().push(Op::Lines {
                points,
                width: 1.4,
                color: LINE,
            });
        }
        self.y = y0 + h + 4.0;
    }
}

fn findings(list: &[Finding]) -> Vec<String> {
    list.iter()
        .map(|f| {
            if f.by_facilitator {
                format!("{} (facilitator)", f.text)
            } else {
                f.text.clone()
            }
        })
        .collect()
}

impl AfterAction {
    /// Every character the PDF will draw.
    fn pdf_chars(&self, lines: &[String]) -> BTreeSet<char> {
        let mut set: BTreeSet<char> = lines.iter().flat_map(|l| l.chars()).collect();
        set.extend("0123456789.,:;()-–•/ of Page".chars());
        set
    }

    /// The report as a PDF on `paper`.
    pub fn to_pdf(&self, paper: Paper) -> Result<Pdf, PdfError> {
        // Every text goes through the layout; collect them once to choose the font.
        let mut probe = Vec::new();
        self.lay_out(&mut |s: &str| probe.push(s.to_string()));
        let chars = self.pdf_chars(&probe);
        let (face, missing) = choose_font(&chars)?;
        let metrics = Metrics::of(&face, &chars);
        let mut layout = Layout::new(&metrics, paper);
        self.render(&mut layout);
        let pages = layout.pages.len();

        let font = Font::new(face.data.clone().into(), face.index).ok_or_else(|| {
            PdfError::Write(format!("{} is not a usable font", face.path.display()))
        })?;
        let mut doc = Document::new();
        doc.set_metadata(
            Metadata::new()
                .title(format!(
                    "{}: {}",
                    say(self.lang, "After-action report"),
                    self.overview.title
                ))
                .creator("kunren".to_string()),
        );
        let (w, h) = paper.size();
        for (n, ops) in layout.pages.iter().enumerate() {
            let settings = PageSettings::from_wh(w, h)
                .ok_or_else(|| PdfError::Write("bad page size".into()))?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            for op in ops {
                draw(&mut surface, &font, op);
            }
            let footer = format!("{} · page {} of {pages}", self.overview.title, n + 1);
            draw(
                &mut surface,
                &font,
                &Op::Text {
                    x: layout.margin,
                    y: h - layout.margin + 6.0,
                    size: SMALL,
                    color: GREY,
                    text: footer,
                },
            );
            surface.finish();
            page.finish();
        }
        let bytes = doc
            .finish()
            .map_err(|e| PdfError::Write(format!("{e:?}")))?;
        Ok(Pdf {
            bytes,
            font: face.path,
            missing,
            pages,
        })
    }

    /// Calls `text` with every string the PDF shows (for choosing the font).
    fn lay_out(&self, text: &mut dyn FnMut(&str)) {
        let o = &self.overview;
        for s in [&o.title, &o.id, &o.summary, &o.start, &o.end] {
            text(s);
        }
        for s in [&o.run_date, &o.decisions].into_iter().flatten() {
            text(s);
        }
        for p in &o.participants {
            for s in [&p.name, &p.id, &p.kind, &p.played_by] {
                text(s);
            }
            text(p.players.as_deref().unwrap_or(""));
        }
        o.learning_objectives.iter().for_each(|l| text(l));
        for a in &self.objectives {
            for s in [
                &a.name,
                &a.id,
                &a.team,
                &a.team_name,
                &a.deadline,
                &a.evidence,
            ] {
                text(s);
            }
            text(a.comment.as_deref().unwrap_or(""));
            text(a.rating.meaning());
        }
        for e in &self.timeline {
            text(&e.time);
            text(&e.text);
            text(e.kind.name());
        }
        for m in &self.measures {
            text(&m.name);
            text(&m.unit);
        }
        for (s, name) in self.services.iter().zip(&self.service_names) {
            text(name);
            s.intervals
                .iter()
                .for_each(|i| text(&super::prose::interval(i, self.lang)));
        }
        for c in &self.control {
            text(&c.time);
            text(c.what);
            text(&c.text);
        }
        for g in &self.notes {
            text(&g.name);
            text(&g.team);
            text(&g.objective);
            g.notes.iter().for_each(|n| text(&n.line(self.lang)));
        }
        for n in &self.general_notes {
            text(&n.line(self.lang));
        }
        for h in &self.hot_wash {
            text(&h.team);
            h.strengths
                .iter()
                .chain(&h.improvements)
                .for_each(|x| text(x));
        }
        for (statement, mean, n) in &self.feedback.statements {
            text(&super::prose::score(statement, *mean, *n, self.lang));
        }
        for (who, what, said) in &self.feedback.remarks {
            text(who);
            text(what);
            text(said);
        }
        self.strengths
            .iter()
            .chain(&self.areas)
            .for_each(|f| text(&f.text));
        for r in &self.plan {
            text(&r.issue);
            text(&r.action);
            text(&r.owner);
            text(r.due.as_deref().unwrap_or(""));
            text(&r.capability);
            text(&r.poc);
            text(r.start.as_deref().unwrap_or(""));
        }
        self.axis.iter().for_each(|(_, l)| text(l));
        text(
            "After-action report: Overview Scenario Exercise dates (simulated) to (stopped early) Run on not recorded Seed Decisions none scripted Participants Team Kind Played by Players Learning objectives Objectives Ratings Objective Deadline Rating Evidence facilitator; automatic Facilitator Timeline of key events Time Event Measures over time start min max end Services Outages When (below normal) Outage (h, total) Service lost (h) never disrupted Evaluator notes None recorded. General Strengths Areas for improvement Improvement plan Issue Corrective action Owner Due date",
        );
        // The report's words in its language, for the font to have them.
        if self.lang == Lang::Ja {
            super::words::WORDS
                .iter()
                .for_each(|w| text(say(self.lang, w)));
        }
    }

    fn render(&self, l: &mut Layout<'_>) {
        let o = &self.overview;
        let lang = self.lang;
        let say = |w| say(lang, w);
        l.lang = lang;
        l.title(&format!("{}: {}", say("After-action report"), o.title));

        l.heading(say("Overview"), 13.0);
        let stopped = if o.finished {
            String::new()
        } else {
            format!(" {}", say("(stopped early)"))
        };
        let rows: Vec<Vec<Cell>> = [
            ("Scenario", format!("{} ({})", o.title, o.id)),
            (
                "Exercise dates (simulated)",
                format!("{} {} {}{stopped}", o.start, say("to"), o.end),
            ),
            ("Times", o.times.clone()),
            (
                "Run on",
                o.run_date
                    .clone()
                    .unwrap_or_else(|| say("not recorded").into()),
            ),
            (
                "Seed",
                o.seed.map_or(say("not recorded").into(), |s| s.to_string()),
            ),
            (
                "Decisions",
                o.decisions
                    .clone()
                    .unwrap_or_else(|| say("none scripted").into()),
            ),
        ]
        .into_iter()
        .map(|(k, v)| {
            vec![
                Cell {
                    text: say(k).to_string(),
                    bg: Some(HEAD_BG),
                },
                v.into(),
            ]
        })
        .collect();
        l.table(&["", ""], &[1.0, 3.0], rows);
        if !o.summary.trim().is_empty() {
            l.paragraph(o.summary.trim(), BODY, BLACK);
        }
        l.heading(say("Participants"), 11.0);
        let rows = o
            .participants
            .iter()
            .map(|p| {
                vec![
                    format!("{} ({})", p.name, p.id).into(),
                    p.kind.as_str().into(),
                    p.played_by.as_str().into(),
                    p.players.clone().unwrap_or_default().into(),
                ]
            })
            .collect();
        l.table(
            &["Team", "Kind", "Played by", "Players"],
            &[3.0, 1.2, 1.5, 2.0],
            rows,
        );
        if !o.learning_objectives.is_empty() {
            l.heading(say("Learning objectives"), 11.0);
            let items: Vec<String> = o
                .learning_objectives
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {s}", i + 1))
                .collect();
            l.bullets(&items);
        }

        l.section(say("Objectives"));
        let scale: Vec<String> = [
            Rating::P,
            Rating::S,
            Rating::M,
            Rating::U,
            Rating::NotApplicable,
        ]
        .iter()
        .map(|r| format!("{} {}", r.code(), say(r.meaning())))
        .collect();
        l.paragraph(
            &format!(
                "{}: {}{}",
                say("Ratings"),
                scale.join(" · "),
                lang.pick(".", "。")
            ),
            SMALL,
            GREY,
        );
        let rows = self
            .objectives
            .iter()
            .map(|a| {
                let rating = if a.by_facilitator {
                    format!(
                        "{} ({} {})",
                        a.rating.code(),
                        say("facilitator; automatic"),
                        a.automatic.code()
                    )
                } else {
                    a.rating.code().to_string()
                };
                let evidence = match &a.comment {
                    Some(c) => format!("{}\n{}: {c}", a.evidence, say("Facilitator")),
                    None => a.evidence.clone(),
                };
                vec![
                    format!("{} ({})", a.name, a.id).into(),
                    a.team_name.as_str().into(),
                    a.deadline.as_str().into(),
                    Cell {
                        text: rating,
                        bg: Some(rating_bg(a.rating)),
                    },
                    evidence.into(),
                ]
            })
            .collect();
        l.table(
            &["Objective", "Team", "Deadline", "Rating", "Evidence"],
            &[3.0, 1.4, 1.4, 1.0, 4.0],
            rows,
        );

        l.section(say("Timeline of key events"));
        let rows = self
            .timeline
            .iter()
            .map(|e| {
                vec![
                    e.time.as_str().into(),
                    say(e.kind.name()).into(),
                    e.text.as_str().into(),
                ]
            })
            .collect();
        l.table(&["Time", "Kind", "Event"], &[1.6, 1.0, 5.0], rows);

        l.section(say("Measures over time"));
        for m in &self.measures {
            l.chart(&m.name, &m.unit, &m.values, self.last_tick, &self.axis);
            l.paragraph(
                &format!(
                    "{} {} · {} {} · {} {} · {} {} {}",
                    say("start"),
                    short(m.start),
                    say("min"),
                    short(m.min),
                    say("max"),
                    short(m.max),
                    say("end"),
                    short(m.end),
                    m.unit
                ),
                SMALL,
                GREY,
            );
        }
        if !self.services.is_empty() {
            l.heading(say("Services"), 11.0);
            let rows = self
                .services
                .iter()
                .zip(&self.service_names)
                .map(|(s, name)| {
                    let when: Vec<String> = s
                        .intervals
                        .iter()
                        .map(|i| super::prose::interval(i, lang))
                        .collect();
                    let when = if when.is_empty() {
                        say("never disrupted").to_string()
                    } else {
                        when.join("; ")
                    };
                    vec![
                        name.clone().into(),
                        s.intervals.len().to_string().into(),
                        when.into(),
                        format!("{:.1}", s.outage_hours).into(),
                        format!("{:.1}", s.lost_service_hours).into(),
                    ]
                })
                .collect();
            l.table(
                &[
                    "Service",
                    "Outages",
                    "When (below normal)",
                    "Outage (h, total)",
                    "Service lost (h)",
                ],
                &[1.6, 0.9, 3.5, 1.1, 1.1],
                rows,
            );
        }

        l.section(say("Observations"));
        if self.notes.is_empty() && self.general_notes.is_empty() {
            l.paragraph(say("None recorded."), BODY, BLACK);
        }
        for g in &self.notes {
            l.heading(&format!("{} ({}, {})", g.name, g.team, g.objective), 11.0);
            let items: Vec<String> = g.notes.iter().map(|n| n.line(lang)).collect();
            l.bullets(&items);
        }
        if !self.general_notes.is_empty() {
            l.heading(say("General"), 11.0);
            let items: Vec<String> = self.general_notes.iter().map(|n| n.line(lang)).collect();
            l.bullets(&items);
        }

        l.section(say("Hot wash"));
        if self.hot_wash.is_empty() {
            l.paragraph(say("None recorded."), BODY, BLACK);
        }
        for h in &self.hot_wash {
            l.heading(&h.team, 11.0);
            let items: Vec<String> = h
                .strengths
                .iter()
                .map(|x| format!("{}: {x}", say("Strength")))
                .chain(
                    h.improvements
                        .iter()
                        .map(|x| format!("{}: {x}", say("Area for improvement"))),
                )
                .collect();
            l.bullets(&items);
        }

        l.section(say("Participant feedback"));
        if self.feedback.forms == 0 {
            l.paragraph(say("No feedback form was recorded."), BODY, BLACK);
        } else {
            l.paragraph(
                &format!(
                    "{}{}{}",
                    self.feedback.forms,
                    lang.pick(" ", ""),
                    say("form(s); scores from 1 (strongly disagree) to 5 (strongly agree).")
                ),
                BODY,
                BLACK,
            );
            let items: Vec<String> = self
                .feedback
                .statements
                .iter()
                .map(|(statement, mean, n)| super::prose::score(statement, *mean, *n, lang))
                .chain(
                    self.feedback
                        .remarks
                        .iter()
                        .map(|(who, what, text)| format!("{who} ({what}): {text}")),
                )
                .collect();
            l.bullets(&items);
        }

        l.section(say("Exercise control"));
        if self.control.is_empty() {
            l.paragraph(say("Exercise control fired, withdrew, held back and rewrote no inject, and made no ruling."),
                BODY,
                BLACK,
            );
        } else {
            let rows = self
                .control
                .iter()
                .map(|c| {
                    vec![
                        c.time.as_str().into(),
                        c.what.into(),
                        c.text.as_str().into(),
                    ]
                })
                .collect();
            l.table(&["Time", "Kind", "What was done"], &[1.3, 0.8, 6.0], rows);
        }

        l.section(say("Strengths"));
        if self.strengths.is_empty() {
            l.paragraph(say("None recorded."), BODY, BLACK);
        }
        l.bullets(&findings(&self.strengths));
        l.heading(say("Areas for improvement"), 13.0);
        if self.areas.is_empty() {
            l.paragraph(say("None recorded."), BODY, BLACK);
        }
        l.bullets(&findings(&self.areas));

        l.section(say("Improvement plan"));
        let rows = self
            .plan
            .iter()
            .map(|r| {
                vec![
                    r.capability.as_str().into(),
                    r.issue.as_str().into(),
                    r.action.as_str().into(),
                    r.element.map_or("", |e| say(e.name())).into(),
                    r.owner.as_str().into(),
                    r.poc.as_str().into(),
                    r.start.clone().unwrap_or_default().into(),
                    r.due.clone().unwrap_or_default().into(),
                ]
            })
            .collect();
        l.table(
            &[
                "Core capability",
                "Issue",
                "Corrective action",
                "Element",
                "Responsible",
                "Contact",
                "Start",
                "Completion",
            ],
            &[1.3, 2.2, 2.8, 1.0, 1.3, 1.0, 0.9, 0.9],
            rows,
        );
    }
}

fn paint(c: Color) -> krilla::paint::Paint {
    rgb::Color::new(c.0, c.1, c.2).into()
}

fn draw(surface: &mut Surface<'_>, font: &Font, op: &Op) {
    match op {
        Op::Text {
            x,
            y,
            size,
            color,
            text,
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: paint(*color),
                ..Fill::default()
            }));
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect { x, y, w, h, color } => {
            let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                return;
            };
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            if let Some(path) = pb.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: paint(*color),
                    ..Fill::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Lines {
            points,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            for (i, (x, y)) in points.iter().enumerate() {
                if i == 0 {
                    pb.move_to(*x, *y);
                } else {
                    pb.line_to(*x, *y);
                }
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: paint(*color),
                    width: *width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics {
        // Every character one em wide: easy to reason about.
        Metrics {
            per_em: Vec::new(),
            fallback: 1.0,
        }
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_inside_long_words() {
        let m = metrics();
        let l = Layout::new(&m, Paper::A4);
        assert_eq!(l.wrap("aa bb cc", 1.0, 5.0), vec!["aa bb", "cc"]);
        assert_eq!(l.wrap("abcdefg", 1.0, 3.0), vec!["abc", "def", "g"]);
        assert_eq!(
            l.wrap("名古屋港の訓練", 1.0, 4.0),
            vec!["名古屋港", "の訓練"]
        );
        assert_eq!(l.wrap("a\nb", 1.0, 10.0), vec!["a", "b"]);
    }

    #[test]
    fn without_a_font_nothing_is_written_and_the_error_says_what_to_install() {
        let chars: BTreeSet<char> = "abc".chars().collect();
        let tried = vec![PathBuf::from("/nonexistent/a.ttf")];
        let Err(e) = choose_font_from(None, &tried, &chars) else {
            panic!("a font from nowhere");
        };
        let msg = e.to_string();
        assert!(
            msg.contains("/nonexistent/a.ttf") && msg.contains("fonts-dejavu-core"),
            "{msg}"
        );
    }

    #[test]
    fn a_font_without_japanese_is_used_and_its_missing_characters_listed() {
        let dejavu = PathBuf::from(FONT_CANDIDATES[0]);
        if !dejavu.exists() {
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
            assert!(
                !ci,
                "fonts-dejavu-core is missing: .ci/run should have installed it"
            );
            eprintln!("SKIPPED: no {}", dejavu.display());
            return;
        }
        let chars: BTreeSet<char> = "Port 名古屋".chars().collect();
        let (face, missing) =
            choose_font_from(None, std::slice::from_ref(&dejavu), &chars).unwrap();
        assert_eq!(face.path, dejavu);
        assert_eq!(missing, vec!['古', '名', '屋']);
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let m = metrics();
        let mut l = Layout::new(&m, Paper::Letter);
        let rows = (0..200)
            .map(|i| vec![Cell::from(format!("row {i}"))])
            .collect();
        l.table(&["HEAD"], &[1.0], rows);
        assert!(l.pages.len() > 2, "{} pages", l.pages.len());
        for (n, page) in l.pages.iter().enumerate() {
            let heads = page
                .iter()
                .filter(|op| matches!(op, Op::Text { text, .. } if text == "HEAD"))
                .count();
            assert_eq!(heads, 1, "page {n}");
            // Nothing runs below the writing area.
            for op in page {
                if let Op::Text { y, .. } = op {
                    assert!(*y <= l.bottom(), "page {n}: text at {y}");
                }
            }
        }
    }
}
