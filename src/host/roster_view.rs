//! The facilitator's roster screen (`R` on the white cell's console while hosting): every seat
//! with its code and connections (since when, last input, address), the room's log of joins and
//! leaves, and two actions: drop a connection (`x`), give a seat a new code (`c`). It is drawn in
//! the viewer's language: its words here, the seats' names from the scenario, the log's events
//! worded from their typed form ([`super::roster::RoomEvent`]), the status line a typed
//! [`Status`]; columns are padded by display width, so they line up in Japanese too.

use std::sync::Arc;
use std::time::SystemTime;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::roster::{Connection, Logged};
use super::{HostError, Shared};
use crate::lang::{Lang, pad};

/// A line of the roster: a seat, or one of its connections.
#[derive(Clone, Debug)]
pub enum Row {
    Seat {
        id: String,
        /// The seat's name in the viewer's language.
        name: String,
        code: String,
        connected: usize,
    },
    Connection(Connection),
}

/// The roster's status line: what the last key did, worded when drawn.
#[derive(Clone, Debug)]
pub enum Status {
    /// The roster was just opened.
    Opened,
    Dropped {
        id: u64,
        seat: String,
    },
    /// `x` on a seat's line: only a connection can be dropped.
    ChooseConnection,
    NewCode {
        seat: String,
        code: String,
    },
    /// The new code could not be made or kept on disk (the old one may already be revoked).
    CodeNotKept(Arc<HostError>),
}

impl Status {
    pub fn said(&self, lang: Lang) -> String {
        match self {
            Status::Opened => lang
                .pick("Who is in the room.", "ルームの接続者の一覧。")
                .into(),
            Status::Dropped { id, seat } => lang.pick(
                format!("Dropped connection {id} ({seat})."),
                format!("接続{id}（{seat}）を切断した。"),
            ),
            Status::ChooseConnection => lang
                .pick(
                    "Choose a connection (the lines under a seat) to drop it.",
                    "切断する接続（席の下の行）を選ぶこと。",
                )
                .into(),
            Status::NewCode { seat, code } => lang.pick(
                format!(
                    "New code for {seat}: {code}. The old code no longer works; those connected stay."
                ),
                format!(
                    "{seat}の新しいコード: {code}。古いコードはもう使えない。接続中の人はそのまま。"
                ),
            ),
            Status::CodeNotKept(e) => match (lang, e.as_ref()) {
                (Lang::En, e) => format!("The new code could not be kept: {e}"),
                (Lang::Ja, HostError::Codes { path, source }) => format!(
                    "新しいコードを保存できなかった（{}）: {source}",
                    path.display()
                ),
                (Lang::Ja, e) => format!("新しいコードを保存できなかった: {e}"),
            },
        }
    }
}

/// The roster as drawn: rows, where the cursor is, the latest log lines, a status line, and the
/// language they are read in.
pub struct RosterView {
    pub rows: Vec<Row>,
    pub cursor: usize,
    pub log: Vec<Logged>,
    pub status: Status,
    pub lang: Lang,
}

pub fn rows(shared: &Shared, lang: Lang) -> Vec<Row> {
    let seats = shared.seats_in(lang);
    let connections = shared.roster().connections();
    let codes = shared.codes();
    let mut rows = Vec::new();
    for (id, name) in seats {
        let on: Vec<&Connection> = connections.iter().filter(|c| c.seat == id).collect();
        rows.push(Row::Seat {
            code: codes.get(&id).unwrap_or("").to_string(),
            id,
            name,
            connected: on.len(),
        });
        rows.extend(on.into_iter().cloned().map(Row::Connection));
    }
    rows
}

pub fn build(shared: &Shared, cursor: usize, status: &Status, lang: Lang) -> RosterView {
    let rows = rows(shared, lang);
    let log = {
        let roster = shared.roster();
        let n = roster.events.len();
        roster.events[n.saturating_sub(8)..].to_vec()
    };
    RosterView {
        cursor: cursor.min(rows.len().saturating_sub(1)),
        rows,
        log,
        status: status.clone(),
        lang,
    }
}

/// What a key does on the roster; returns false when the roster is closed.
pub fn key(shared: &Shared, cursor: &mut usize, status: &mut Status, key: KeyEvent) -> bool {
    // The rows' seat names are not read here; any language gives the same rows.
    let rows = rows(shared, Lang::En);
    match key.code {
        KeyCode::Esc | KeyCode::Char('R' | 'q') => return false,
        KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => {
            *cursor = (*cursor + 1).min(rows.len().saturating_sub(1))
        }
        KeyCode::Char('x') => match rows.get(*cursor) {
            Some(Row::Connection(c)) => {
                shared.kick(c.id);
                shared.roster().event(super::roster::RoomEvent::Dropped {
                    seat: c.seat.clone(),
                    addr: c.addr,
                    id: c.id,
                });
                *status = Status::Dropped {
                    id: c.id,
                    seat: c.seat.clone(),
                };
            }
            _ => *status = Status::ChooseConnection,
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
                    Ok(code) => Status::NewCode { seat, code },
                    Err(e) => Status::CodeNotKept(Arc::new(e)),
                };
            }
        }
        _ => {}
    }
    true
}

/// How long ago `t` was, in `lang`.
fn ago(t: SystemTime, lang: Lang) -> String {
    let s = SystemTime::now()
        .duration_since(t)
        .unwrap_or_default()
        .as_secs();
    ago_secs(s, lang)
}

/// `s` seconds ago, in `lang`: "5s ago", "3m ago", "1h02m ago"; "5秒前", "3分前", "1時間02分前".
pub fn ago_secs(s: u64, lang: Lang) -> String {
    match (s, lang) {
        (0..60, Lang::En) => format!("{s}s ago"),
        (60..3600, Lang::En) => format!("{}m ago", s / 60),
        (_, Lang::En) => format!("{}h{:02}m ago", s / 3600, s / 60 % 60),
        (0..60, Lang::Ja) => format!("{s}秒前"),
        (60..3600, Lang::Ja) => format!("{}分前", s / 60),
        (_, Lang::Ja) => format!("{}時間{:02}分前", s / 3600, s / 60 % 60),
    }
}

/// A seat's line, its columns padded by display width.
fn seat_line(id: &str, name: &str, code: &str, connected: usize, lang: Lang) -> String {
    let id = pad(id, 12);
    match lang {
        Lang::En => format!("{id} {connected} connected   code {code}   {name}"),
        Lang::Ja => format!("{id} 接続{connected}件   コード {code}   {name}"),
    }
}

/// A connection's line, its columns padded by display width (the "joined" column wide enough for
/// "1時間02分前").
fn connection_line(c: &Connection, lang: Lang) -> String {
    let id = pad(&c.id.to_string(), 4);
    let addr = pad(&c.addr.to_string(), 22);
    let since = ago(c.since, lang);
    let last = c
        .last_input
        .map_or_else(|| lang.pick("none", "なし").to_string(), |t| ago(t, lang));
    match lang {
        Lang::En => format!(
            "    #{id} {addr} joined {} last input {last}",
            pad(&since, 10)
        ),
        Lang::Ja => format!("    #{id} {addr} 参加 {} 最終入力 {last}", pad(&since, 12)),
    }
}

impl Widget for &RosterView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lang = self.lang;
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
                    } => seat_line(id, name, code, *connected, lang),
                    Row::Connection(c) => connection_line(c, lang),
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
            .block(Block::default().borders(Borders::ALL).title(lang.pick(
                " Roster · ↑↓ choose · x drop a connection · c new code for the seat · Esc back ",
                " 接続者一覧 · ↑↓ 選択 · x 接続を切断 · c 席のコードを再発行 · Esc 戻る ",
            )))
            .render(main, buf);
        let log_lines: Vec<Line> = self
            .log
            .iter()
            .map(|l| Line::from(format!("{} {}", l.at, l.event.said(lang))))
            .collect();
        Paragraph::new(log_lines)
            .block(Block::default().borders(Borders::ALL).title(lang.pick(
                " The room (joins and leaves; only the white cell sees this) ",
                " ルームの記録（参加と退出。ホワイトセルだけが見る） ",
            )))
            .render(log, buf);
        Paragraph::new(self.status.said(lang)).render(status, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_either_language() {
        let cases = [
            (5, "5s ago", "5秒前"),
            (180, "3m ago", "3分前"),
            (3720, "1h02m ago", "1時間02分前"),
        ];
        for (s, en, ja) in cases {
            assert_eq!(ago_secs(s, Lang::En), en);
            assert_eq!(ago_secs(s, Lang::Ja), ja);
        }
    }
}
