//! A table whose columns take their width from their content and the terminal: every column as
//! wide as its widest cell while they fit, the widest ones narrowed first when they do not. A
//! cell too wide for its column is cut with "…", except in a row shown in full (the row under
//! the cursor, or every row of a list of events), whose cells wrap within their columns, so no
//! text is ever lost from the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

/// One cell: its text and its style.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }

    pub fn raw(text: impl Into<String>) -> Cell {
        Cell::new(text, Style::new())
    }
}

/// Rows of cells with a cursor, drawn in columns one space apart.
pub struct Table<'a> {
    pub rows: &'a [Vec<Cell>],
    pub cursor: Option<usize>,
    /// Every row wraps in full (a list of events), not only the row under the cursor.
    pub wrap_all: bool,
}

impl Table<'_> {
    pub fn render(&self, t: Theme, area: Rect, buf: &mut Buffer) {
        let widths = widths(self.rows, usize::from(area.width));
        let full = |i: usize| self.wrap_all || Some(i) == self.cursor;
        let heights: Vec<usize> = (0..self.rows.len())
            .map(|i| {
                if full(i) {
                    row_height(&self.rows[i], &widths)
                } else {
                    1
                }
            })
            .collect();
        let start = first_shown(&heights, self.cursor, usize::from(area.height));
        let mut y = 0;
        for (i, row) in self.rows.iter().enumerate().skip(start) {
            let lines = if full(i) {
                wrapped_row(row, &widths)
            } else {
                vec![cut_row(row, &widths)]
            };
            for line in lines {
                if y >= area.height {
                    return;
                }
                let line = if Some(i) == self.cursor {
                    line.patch_style(t.selected())
                } else {
                    line
                };
                let r = Rect {
                    y: area.y + y,
                    height: 1,
                    ..area
                };
                line.render(r, buf);
                y += 1;
            }
        }
    }
}

/// The first row drawn: the top, unless the rows down to the cursor's (in full) would not fit.
fn first_shown(heights: &[usize], cursor: Option<usize>, room: usize) -> usize {
    let Some(cursor) = cursor.filter(|c| *c < heights.len()) else {
        return 0;
    };
    let mut start = cursor;
    let mut used = heights[cursor];
    while start > 0 && used + heights[start - 1] <= room {
        start -= 1;
        used += heights[start];
    }
    start
}

/// Each column's width in a line `total` columns wide: its widest cell while all fit; otherwise
/// the widest columns are narrowed to one width, as wide as fits, the last cut on the right.
pub fn widths(rows: &[Vec<Cell>], total: usize) -> Vec<usize> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut natural = vec![0; n];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            natural[i] = natural[i].max(width(&cell.text));
        }
    }
    let room = total.saturating_sub(n.saturating_sub(1));
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let fits = |cap: usize| natural.iter().map(|w| (*w).min(cap)).sum::<usize>() <= room;
    let mut cap = natural.iter().copied().max().unwrap_or(0);
    while cap > 1 && !fits(cap) {
        cap -= 1;
    }
    let mut out: Vec<usize> = natural.iter().map(|w| (*w).min(cap).max(1)).collect();
    // What is left over goes to the widest.
    let left = room.saturating_sub(out.iter().sum());
    if let Some((i, _)) = natural
        .iter()
        .enumerate()
        .max_by_key(|(i, w)| (**w, usize::MAX - i))
    {
        out[i] += left;
    }
    out
}

fn row_height(row: &[Cell], widths: &[usize]) -> usize {
    row.iter()
        .zip(widths)
        .map(|(c, w)| wrap(&c.text, *w).len())
        .max()
        .unwrap_or(1)
        .max(1)
}

fn cut_row(row: &[Cell], widths: &[usize]) -> Line<'static> {
    let last = row.len().saturating_sub(1);
    let spans = row.iter().zip(widths).enumerate().flat_map(|(i, (c, w))| {
        let text = cut(&c.text, *w);
        let text = if i == last { text } else { pad(&text, *w + 1) };
        [Span::styled(text, c.style)]
    });
    Line::from(spans.collect::<Vec<_>>())
}

fn wrapped_row(row: &[Cell], widths: &[usize]) -> Vec<Line<'static>> {
    let cells: Vec<Vec<String>> = row
        .iter()
        .zip(widths)
        .map(|(c, w)| wrap(&c.text, *w))
        .collect();
    let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let last = row.len().saturating_sub(1);
    (0..height)
        .map(|k| {
            let spans: Vec<Span> = row
                .iter()
                .zip(widths)
                .zip(&cells)
                .enumerate()
                .map(|(i, ((c, w), lines))| {
                    let text = lines.get(k).cloned().unwrap_or_default();
                    let text = if i == last { text } else { pad(&text, *w + 1) };
                    Span::styled(text, c.style)
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// Columns a text takes on a terminal.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// `text` cut to `cols` columns, ending in "…" when it was cut.
pub fn cut(text: &str, cols: usize) -> String {
    if width(text) <= cols {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = width(ch.encode_utf8(&mut [0; 4]));
        if used + w + 1 > cols {
            break;
        }
        out.push(ch);
        used += w;
    }
    if cols > 0 {
        out.push('…');
    }
    out
}

/// `text` followed by spaces up to `cols` columns.
fn pad(text: &str, cols: usize) -> String {
    let n = cols.saturating_sub(width(text));
    format!("{text}{}", " ".repeat(n))
}

/// `text` in lines of at most `cols` columns (display width: a CJK character takes two),
/// broken at spaces, and inside a word only when the word alone is wider than a line. Japanese
/// and Chinese need no spaces: a run holding double-width characters fills each line and breaks
/// between any two characters, except before closing punctuation (、。」）...), which stays
/// with the character before it. Never cuts inside a character. Never empty: an empty text is
/// one empty line.
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    if width(text) <= cols {
        return vec![text.to_string()];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    // Where the last piece put on the line began, in bytes.
    let mut unit_at = 0;
    for word in text.split(' ') {
        let needed = width(&line) + usize::from(!line.is_empty()) + width(word);
        let cjk = word.chars().any(|c| char_width(c) > 1);
        if !line.is_empty() && needed > cols && !cjk {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            if width(&line) + 1 >= cols {
                lines.push(std::mem::take(&mut line));
            } else {
                line.push(' ');
            }
        }
        for unit in units(word) {
            let w = width(unit);
            if width(&line) + w > cols && !line.is_empty() && w <= cols {
                // A closing mark never opens a line, nor an opening one ends it: the piece
                // before the one (a character, or an id whole), or the other itself, comes down
                // to the next line.
                let mut carried = String::new();
                if unit.starts_with(|c| NO_LINE_START.contains(c))
                    && unit_at > 0
                    && line.is_char_boundary(unit_at)
                {
                    carried = line.split_off(unit_at);
                }
                while line.ends_with(|c| NO_LINE_END.contains(c)) && line.chars().count() > 1 {
                    carried.insert(0, line.pop().unwrap_or(' '));
                }
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                line = carried;
            }
            unit_at = line.len();
            for ch in unit.chars() {
                // Only a run wider than a whole line is cut inside.
                if width(&line) + char_width(ch) > cols && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    unit_at = 0;
                }
                line.push(ch);
            }
        }
    }
    lines.push(line);
    lines
}

/// A word holding double-width characters in the pieces a line may break between: each
/// double-width character alone, and each run of the others whole (an id such as
/// "port-remote-access", a number such as "11"), so that no line breaks inside them.
fn units(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, ch) in word.char_indices() {
        let end = i + ch.len_utf8();
        if char_width(ch) > 1 || (!ch.is_ascii() && NO_LINE_START.contains(ch)) {
            if start < i {
                out.push(&word[start..i]);
            }
            out.push(&word[i..end]);
            start = end;
        }
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Marks that may not begin a line of Japanese (kinsoku), the narrow closing ones too.
const NO_LINE_START: &str =
    "、。，．・：；？！）」』】〕〉》ーぁぃぅぇぉっゃゅょァィゥェォッャュョ),.:;!?]";

/// Marks that may not end a line of Japanese.
const NO_LINE_END: &str = "（「『【〔〈《(";

fn char_width(ch: char) -> usize {
    width(ch.encode_utf8(&mut [0; 4]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<Cell>> {
        cells
            .iter()
            .map(|r| r.iter().map(|c| Cell::raw(*c)).collect())
            .collect()
    }

    #[test]
    fn columns_are_as_wide_as_their_content_while_it_fits() {
        let r = rows(&[
            &["Mon 10:00", "nhta", "Advisory"],
            &["x", "nhta, mlit", "y"],
        ]);
        assert_eq!(widths(&r, 100), [9, 10, 8]);
    }

    #[test]
    fn the_widest_columns_give_way_first() {
        let r = rows(&[&["when", &"s".repeat(60), &"t".repeat(40)]]);
        // 50 columns: 2 gaps, "when" keeps its 4, the others share 44.
        let w = widths(&r, 50);
        assert_eq!(w[0], 4);
        assert_eq!(w.iter().sum::<usize>() + 2, 50, "{w:?}");
        assert!(w[1] >= w[2] && w[2] == 22, "{w:?}");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_inside_a_word_too_long() {
        assert_eq!(
            wrap("Gate A; and Gate B are down", 12),
            ["Gate A; and", "Gate B are", "down"]
        );
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("港湾ターミナル", 6), ["港湾", "ターミ", "ナル"]);
    }

    #[test]
    fn japanese_fills_each_line_and_keeps_closing_marks_off_a_line_start() {
        // No spaces: the lines are filled, never cut inside a character, each within 10 columns.
        let lines = wrap("ゲートが閉鎖され、トレーラーが並んでいる。", 10);
        assert_eq!(lines.concat(), "ゲートが閉鎖され、トレーラーが並んでいる。");
        for l in &lines {
            assert!(width(l) <= 10, "{l:?} in {lines:?}");
            assert!(!l.starts_with(['、', '。', 'ー']), "{l:?} in {lines:?}");
        }
        assert_eq!(
            lines,
            ["ゲートが閉", "鎖され、ト", "レーラーが", "並んでい", "る。"]
        );
        // Mixed with English, a Japanese run goes on from where the English ended.
        assert_eq!(wrap("NUTS が停止しました", 12), ["NUTS が停止", "しました"]);
        // An odd width leaves the last column empty rather than halve a character.
        assert_eq!(wrap("港湾港湾", 3), ["港", "湾", "港", "湾"]);
        // An id or a number inside Japanese is never cut, nor is a bracket left at a line end.
        assert_eq!(
            wrap(
                "実施中（対象: port-remote-access、11月1日(月) 15:30まで）",
                24
            ),
            [
                "実施中（対象:",
                "port-remote-access、11月",
                "1日(月) 15:30まで）"
            ]
        );
        assert_eq!(wrap("対象（電力会社）", 6), ["対象", "（電力", "会社）"]);
        assert_eq!(
            wrap("実施中（対象: port-remote-access、11月", 32),
            ["実施中（対象:", "port-remote-access、11月"],
            "a comma takes the id before it down whole"
        );
        assert_eq!(
            wrap(
                "実施中（対象: port-remote-access、11月1日(月) 15:30まで）",
                30
            ),
            [
                "実施中（対象:",
                "port-remote-access、11月1日",
                "(月) 15:30まで）"
            ]
        );
        // A run wider than a line is still cut, to fit.
        assert_eq!(wrap("港abcdefgh", 4), ["港ab", "cdef", "gh"]);
    }

    #[test]
    fn cutting_counts_double_width_characters() {
        assert_eq!(cut("港湾ターミナル", 7), "港湾タ…");
        assert_eq!(cut("short", 10), "short");
    }

    #[test]
    fn the_cursors_row_is_drawn_in_full_and_kept_in_view() {
        let r = rows(&[
            &["1", "a short one"],
            &["2", "a long subject that does not fit in its column"],
            &["3", "another"],
        ]);
        let area = Rect::new(0, 0, 20, 5);
        let mut buf = Buffer::empty(area);
        let t = Theme {
            color: false,
            projector: false,
        };
        Table {
            rows: &r,
            cursor: Some(1),
            wrap_all: false,
        }
        .render(t, area, &mut buf);
        let text: Vec<String> = (0..5)
            .map(|y| {
                (0..20)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect();
        assert_eq!(
            text,
            [
                "1 a short one",
                "2 a long subject",
                "  that does not fit",
                "  in its column",
                "3 another",
            ]
        );
        assert_eq!(first_shown(&[1, 3, 1], Some(1), 3), 1);
        assert_eq!(first_shown(&[1, 3, 1], Some(2), 4), 1);
        assert_eq!(first_shown(&[1, 1, 1], Some(0), 2), 0);
    }
}
