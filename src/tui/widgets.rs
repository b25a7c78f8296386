//! Drawing pieces several screens share: a list with a cursor, a titled block, an asset's line,
//! a list of events (the inbox, the timeline, the notes), and tables whose columns fit their
//! content ([`table`]).

mod table;

pub use table::{Cell, Table, cut, width, wrap};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::screens::{Chrome, Draw};
use super::theme::Theme;
use super::view::AssetRow;

/// Lines of a list with a cursor, scrolled so the cursor stays in view.
pub fn list(
    lines: Vec<Line<'static>>,
    cursor: Option<usize>,
    t: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let height = area.height as usize;
    let start = cursor.map_or(0, |c| c.saturating_sub(height.saturating_sub(1)));
    for (row, (i, line)) in lines
        .into_iter()
        .enumerate()
        .skip(start)
        .take(height)
        .enumerate()
    {
        let r = Rect {
            y: area.y + row as u16,
            height: 1,
            ..area
        };
        let line = if Some(i) == cursor {
            line.patch_style(t.selected())
        } else {
            line
        };
        line.render(r, buf);
    }
}

/// A bordered block with a bold title.
pub fn block(title: &str, t: Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), t.title()))
}

/// Draws a block and returns the area inside it.
pub fn framed(title: &str, t: Theme, area: Rect, buf: &mut Buffer) -> Rect {
    let b = block(title, t);
    let inner = b.inner(area);
    b.render(area, buf);
    inner
}

/// An asset as a seat sees it, as a table's cells: its mark, (its owner,) its name and its
/// state.
pub fn asset_cells(r: &AssetRow, c: &Chrome, with_owner: bool) -> Vec<Cell> {
    let t = c.theme;
    let mut cells = vec![Cell::new(r.shown.glyph(), t.state(r.shown))];
    if with_owner {
        cells.push(Cell::raw(r.owner.clone()));
    }
    cells.push(Cell::raw(r.name.clone()));
    let state = match r.service {
        Some(p) => format!("{} {p}%", r.shown.label_in(c.lang)),
        None => r.shown.label_in(c.lang).to_string(),
    };
    cells.push(Cell::new(state, t.state(r.shown)));
    cells
}

/// One line of a list of events: unread or not, when, what.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub unread: bool,
    pub time: String,
    pub text: String,
}

/// A list of events in a block without a title, or a line saying why it is empty.
pub struct EventList {
    pub rows: Vec<EventRow>,
    pub cursor: usize,
    pub empty: &'static str,
}

impl Draw for EventList {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let inner = framed("", t, area, buf);
        if self.rows.is_empty() {
            Line::styled(self.empty, t.dim()).render(inner, buf);
            return;
        }
        // Every event in full: a long one wraps under its own text, its verb never cut.
        let rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|r| {
                let mark = if r.unread {
                    Cell::new("●", t.alert())
                } else {
                    Cell::raw(" ")
                };
                vec![
                    mark,
                    Cell::new(format!("{} ", r.time), t.dim()),
                    Cell::raw(r.text.clone()),
                ]
            })
            .collect();
        Table {
            rows: &rows,
            cursor: Some(self.cursor),
            wrap_all: true,
        }
        .render(t, inner, buf);
    }
}
