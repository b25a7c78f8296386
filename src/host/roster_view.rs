//! The facilitator's roster screen (`R` on the white cell's console while hosting): every seat
//! with its code and connections (since when, last input, address), the room's log of joins and
//! leaves, and two actions: drop a connection (`x`), give a seat a new code (`c`).

use std::time::SystemTime;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::Shared;
use super::roster::Connection;

/// A line of the roster: a seat, or one of its connections.
#[derive(Clone, Debug)]
pub enum Row {
    Seat {
        id: String,
        name: String,
        code: String,
        connected: usize,
    },
    Connection(Connection),
}

/// The roster as drawn: rows, where the cursor is, the latest log lines, a status line.
pub struct RosterView {
    pub rows: Vec<Row>,
    pub cursor: usize,
    pub log: Vec<(String, String)>,
    pub status: String,
}

pub fn rows(shared: &Shared) -> Vec<Row> {
    let connections = shared.roster().connections();
    let codes = shared.codes();
    let mut rows = Vec::new();
    for (id, name) in shared.seats() {
        let on: Vec<&Connection> = connections.iter().filter(|c| c.seat == id).collect();
        rows.push(Row::Seat {
            id: id.to_string(),
            name: name.to_string(),
            code: codes.get(id).unwrap_or("").to_string(),
            connected: on.len(),
        });
        rows.extend(on.into_iter().cloned().map(Row::Connection));
    }
    rows
}

pub fn build(shared: &Shared, cursor: usize, status: &str) -> RosterView {
    let rows = rows(shared);
    let log = {
        let roster = shared.roster();
        let n = roster.events.len();
        roster.events[n.saturating_sub(8)..].to_vec()
    };
    RosterView {
        cursor: cursor.min(rows.len().saturating_sub(1)),
        rows,
        log,
        status: status.to_string(),
    }
}

/// What a key does on the roster; returns false when the roster is closed.
pub fn key(shared: &Shared, cursor: &mut usize, status: &mut String, key: KeyEvent) -> bool {
    let rows = rows(shared);
    match key.code {
        KeyCode::Esc | KeyCode::Char('R' | 'q') => return false,
        KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            *cursor = (*cursor + 1).min(rows.len().saturating_sub(1))
        }
        KeyCode::Char('x') => match rows.get(*cursor) {
            Some(Row::Connection(c)) => {
                shared.kick(c.id);
                shared.roster().event(format!(
                    "the facilitator dropped connection {} ({} from {})",
                    c.id, c.seat, c.addr
                ));
                *status = format!("Dropped connection {} ({}).", c.id, c.seat);
            }
            _ => *status = "Choose a connection (the lines under a seat) to drop it.".into(),
        },
        KeyCode::Char('c') => {
            let seat = rows[..=(*cursor).min(rows.len().saturating_sub(1))]
                .iter()
                .rev()
                .find_map(|r| match r {
                    Row::Seat { id, .. } => Some(id.clone()),
                    Row::Connection(_) => None,
                });
            if let Some(seat) = seat {
                *status = match shared.reissue(&seat) {
                    Ok(code) => format!(
                        "New code for {seat}: {code}. The old code no longer works; those connected stay."
                    ),
                    Err(e) => format!("The new code could not be kept: {e}"),
                };
            }
        }
        _ => {}
    }
    true
}

fn ago(t: SystemTime) -> String {
    let s = SystemTime::now()
        .duration_since(t)
        .unwrap_or_default()
        .as_secs();
    match s {
        0..60 => format!("{s}s ago"),
        60..3600 => format!("{}m ago", s / 60),
        _ => format!("{}h{:02}m ago", s / 3600, s / 60 % 60),
    }
}

impl Widget for &RosterView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let [main, log, status] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(1),
        ])
        .areas(area);
        let selected = Style::new().add_modifier(Modifier::REVERSED);
        let lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let text = match r {
                    Row::Seat {
                        id,
                        name,
                        code,
                        connected,
                    } => format!("{id:<12} {connected} connected   code {code}   {name}"),
                    Row::Connection(c) => format!(
                        "    #{:<4} {:<22} joined {:<10} last input {}",
                        c.id,
                        c.addr.to_string(),
                        ago(c.since),
                        c.last_input.map_or("none".to_string(), ago)
                    ),
                };
                let line = Line::from(text);
                if i == self.cursor {
                    line.style(selected)
                } else {
                    line
                }
            })
            .collect();
        let skip = self
            .cursor
            .saturating_sub(main.height.saturating_sub(3) as usize);
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>())
            .block(Block::default().borders(Borders::ALL).title(
                " Roster · ↑↓ choose · x drop a connection · c new code for the seat · Esc back ",
            ))
            .render(main, buf);
        let log_lines: Vec<Line> = self
            .log
            .iter()
            .map(|(t, what)| Line::from(format!("{t} {what}")))
            .collect();
        Paragraph::new(log_lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" The room (joins and leaves; only the white cell sees this) "),
            )
            .render(log, buf);
        Paragraph::new(self.status.as_str()).render(status, buf);
    }
}
