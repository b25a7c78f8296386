//! The dependency map: each asset nothing else depends on, with what it needs (─) and uses (┄)
//! beneath it, each in the state the seat sees.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Chrome, Draw, Screen};
use crate::scenario::model::AssetId;
use crate::session::live::Live;
use crate::tui::app::{Console, Seat};
use crate::tui::view::Shown;
use crate::tui::widgets::{framed, list};
use crate::tui::words::say;

pub struct Map;

impl Screen for Map {
    fn name(&self) -> &'static str {
        "Map"
    }

    fn rows(&self, _: &Console, live: &Live) -> usize {
        map_lines(live).len()
    }

    fn view(&self, console: &Console, live: &Live) -> Box<dyn Draw + Send> {
        let lines = map_lines(live)
            .into_iter()
            .map(|(depth, id, soft)| MapLine {
                depth,
                name: live
                    .scenario()
                    .text(crate::scenario::model::TextKey::AssetName(id), console.lang)
                    .to_string(),
                shown: asset_shown(console, live, id),
                soft,
            })
            .collect();
        Box::new(MapView {
            lines,
            cursor: console.cursor,
        })
    }
}

pub struct MapView {
    pub lines: Vec<MapLine>,
    pub cursor: usize,
}

/// An asset under the one above it that needs (or, if soft, uses) it.
pub struct MapLine {
    pub depth: usize,
    pub name: String,
    pub shown: Shown,
    pub soft: bool,
}

/// The dependency map: each asset nothing else depends on, with what it needs beneath it.
/// Lines are (depth, asset, soft dependency).
pub fn map_lines(live: &Live) -> Vec<(usize, AssetId, bool)> {
    let s = &live.scenario();
    let mut needed = vec![false; s.assets.len()];
    for a in &s.assets {
        for d in a.depends_on.iter().chain(&a.uses) {
            needed[d.index()] = true;
        }
    }
    let mut lines = Vec::new();
    let mut shown = vec![false; s.assets.len()];
    for (i, _) in s.assets.iter().enumerate().filter(|(i, _)| !needed[*i]) {
        walk(live, AssetId(i as u32), 0, false, &mut lines, &mut shown);
    }
    lines
}

fn walk(
    live: &Live,
    id: AssetId,
    depth: usize,
    soft: bool,
    lines: &mut Vec<(usize, AssetId, bool)>,
    shown: &mut [bool],
) {
    lines.push((depth, id, soft));
    if shown[id.index()] || depth > 12 {
        return;
    }
    shown[id.index()] = true;
    let a = live.scenario().asset(id);
    for d in &a.depends_on {
        walk(live, *d, depth + 1, false, lines, shown);
    }
    for d in &a.uses {
        walk(live, *d, depth + 1, true, lines, shown);
    }
}

/// The state of an asset as the seat sees it (a team sees only its own; others look normal).
pub fn asset_shown(app: &Console, live: &Live, id: AssetId) -> Shown {
    if let Seat::Team(t) = app.seat {
        return live.sim().knowledge(t).asset(id).unwrap_or(Shown::Normal);
    }
    live.sim().shown(id).unwrap_or(Shown::Normal)
}

impl Draw for MapView {
    fn draw(&self, c: &Chrome, area: Rect, buf: &mut Buffer) {
        let t = c.theme;
        let inner = framed(
            say(c.lang, "Dependency map (─ needs · ┄ uses)"),
            t,
            area,
            buf,
        );
        let out = self
            .lines
            .iter()
            .map(|l| {
                let indent = if l.depth == 0 {
                    String::new()
                } else {
                    format!(
                        "{}{} ",
                        "  ".repeat(l.depth - 1),
                        if l.soft { "┄" } else { "└─" }
                    )
                };
                Line::from(vec![
                    Span::raw(indent),
                    Span::styled(format!("{} {}", l.shown.glyph(), l.name), t.state(l.shown)),
                ])
            })
            .collect();
        list(out, Some(self.cursor), t, inner, buf);
    }
}
