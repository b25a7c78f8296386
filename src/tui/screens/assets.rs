//! A team's own assets, as the team knows them (from [`crate::sim::knowledge`]), and its
//! actions under way.

use crate::tui::words::say;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Chrome, Draw, Screen};
use crate::session::live::Live;
use crate::tui::app::Console;
use crate::tui::view::{self, AssetRow};
use crate::tui::widgets::{Cell, Table, asset_cells, block, framed};

pub struct Assets;

/// What a team without assets of its own reads instead of an empty list.
pub const NO_ASSETS: &str = "Our team has no systems of its own in this exercise. What happens to \
    other teams' systems reaches us through the inbox: their reports, requests and messages.";

impl Screen for Assets {
    fn name(&self) -> &'static str {
        "Our assets"
    }

    fn rows(&self, console: &Console, live: &Live) -> usize {
        view::asset_rows(console, live).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        Box::new(AssetsView {
            rows: view::asset_rows(console, live),
            cursor: console.cursor,
            flights: view::flights(console, live)
                .into_iter()
                .map(|(l, _)| l)
                .collect(),
        })
    }
}

pub struct AssetsView {
    pub rows: Vec<AssetRow>,
    pub cursor: usize,
    pub flights: Vec<String>,
}

impl Draw for AssetsView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let [top, low] = Layout::vertical([Constraint::Fill(2), Constraint::Fill(1)]).areas(area);
        let inner = framed(say(c.lang, "Our assets, as we know them"), t, top, buf);
        if self.rows.is_empty() {
            Paragraph::new(NO_ASSETS)
                .style(t.dim())
                .wrap(Wrap { trim: true })
                .render(inner, buf);
        }
        let rows: Vec<Vec<Cell>> = self.rows.iter().map(|r| asset_cells(r, c, false)).collect();
        Table {
            rows: &rows,
            cursor: Some(self.cursor),
            wrap_all: false,
        }
        .render(t, inner, buf);
        let mut lines: Vec<Line> = self.flights.iter().map(|f| Line::raw(f.clone())).collect();
        if lines.is_empty() {
            lines.push(Line::styled(say(c.lang, "None under way."), t.dim()));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(say(c.lang, "Our actions under way"), t))
            .render(low, buf);
    }
}
