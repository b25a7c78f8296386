//! The facilitator's roster (`R` while hosting) read in Japanese: its titles, its rows, the
//! room's log and its status lines hold no English sentence, the seats go by their Japanese
//! names, and its columns line up by display width (a Japanese duration is double-width).

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, SystemTime};

use kunren::host::Host;
use kunren::host::roster::Connection;
use kunren::host::roster_view::{self, RosterView, Row, Status};
use kunren::lang::Lang;
use kunren::session::Live;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::console_ja::{english_runs, text_of};
use crate::helpers::flagship;

fn host(dir: &Path) -> Host {
    let sessions = dir.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    Host::new(
        Live::new(flagship(), 1),
        &sessions.join("s.jsonl"),
        &sessions,
        false,
    )
    .unwrap()
}

fn drawn(view: &RosterView, w: u16, h: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    view.render(buf.area, &mut buf);
    buf
}

/// The words the English roster writes; none may show on a Japanese one.
const ENGLISH: &[&str] = &[
    "Roster",
    "connected",
    "code",
    "joined",
    "last",
    "input",
    "none",
    "ago",
    "room",
    "Who",
    "Dropped",
    "Choose",
    "New",
    "facilitator",
    "left",
];

fn english_words(text: &str) -> Vec<&'static str> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    ENGLISH
        .iter()
        .copied()
        .filter(|e| words.contains(e))
        .collect()
}

#[test]
fn the_roster_reads_in_japanese_with_the_seats_japanese_names() {
    let dir = tempfile::tempdir().unwrap();
    let h = host(dir.path());
    let addr: SocketAddr = "127.0.0.1:5000".parse().unwrap();
    let p = h.shared.joined("nhta", addr);
    h.shared.reissue("mlit").unwrap();
    let code = h.shared.codes().get("nhta").unwrap().to_string();
    let view = roster_view::build(&h.shared, 0, &Status::Opened, Lang::Ja);
    let text = text_of(&drawn(&view, 120, 30));
    for ja in [
        " 接続者一覧 · ↑↓ 選択 · x 接続を切断 · c 席のコードを再発行 · Esc 戻る ",
        " ルームの記録（参加と退出。ホワイトセルだけが見る） ",
        "ホワイトセル（ファシリテーター）",
        "名古屋港運協会（NUTS運用者）",
        &format!("nhta         接続1件   コード {code}   名古屋港運協会（NUTS運用者）"),
        &format!("    #{:<4} 127.0.0.1:5000         参加 0秒前", p.id),
        "最終入力 なし",
        &format!(
            "nhtaが127.0.0.1:5000から参加（接続{}、この席の接続1件）",
            p.id
        ),
        "mlitのコードを再発行",
        "ルームの接続者の一覧。",
    ] {
        assert!(text.contains(ja), "{ja:?} is missing from\n{text}");
    }
    assert!(
        english_runs(&text).is_empty(),
        "{:?}\n{text}",
        english_runs(&text)
    );
    assert!(
        english_words(&text).is_empty(),
        "{:?}\n{text}",
        english_words(&text)
    );

    // Every status line, and a drop in the log, in Japanese too.
    let mut cursor = 0;
    let mut status = Status::Opened;
    let press = |c: char, cursor: &mut usize, status: &mut Status| {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
        assert!(roster_view::key(&h.shared, cursor, status, key));
    };
    let mut shots = Vec::new();
    press('x', &mut cursor, &mut status);
    shots.push(status.said(Lang::Ja));
    // The rows: white, nhta, nhta's connection, mlit.
    for c in "jjx".chars() {
        press(c, &mut cursor, &mut status);
    }
    shots.push(status.said(Lang::Ja));
    press('c', &mut cursor, &mut status);
    let new = h.shared.codes().get("nhta").unwrap().to_string();
    shots.push(status.said(Lang::Ja));
    assert_eq!(
        shots,
        [
            "切断する接続（席の下の行）を選ぶこと。".to_string(),
            format!("接続{}（nhta）を切断した。", p.id),
            format!("nhtaの新しいコード: {new}。古いコードはもう使えない。接続中の人はそのまま。"),
        ]
    );
    let view = roster_view::build(&h.shared, cursor, &status, Lang::Ja);
    let text = text_of(&drawn(&view, 120, 30));
    assert!(
        text.contains(&format!(
            "ファシリテーターが接続{}を切断（127.0.0.1:5000からのnhta）",
            p.id
        )),
        "{text}"
    );
    assert!(
        english_runs(&text).is_empty(),
        "{:?}\n{text}",
        english_runs(&text)
    );
    assert!(
        english_words(&text).is_empty(),
        "{:?}\n{text}",
        english_words(&text)
    );
    // The English roster is as it was.
    let view = roster_view::build(&h.shared, cursor, &status, Lang::En);
    let text = text_of(&drawn(&view, 120, 30));
    assert!(text.contains("Roster · ↑↓ choose"), "{text}");
    assert!(
        text.contains(&format!(
            "New code for nhta: {new}. The old code no longer works"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "the facilitator dropped connection {} (nhta from 127.0.0.1:5000)",
            p.id
        )),
        "{text}"
    );
}

/// The display column (not the char index) where `word` starts on row `y` of `buf`.
fn column_of(buf: &Buffer, y: u16, word: &str) -> Option<u16> {
    (0..buf.area.width).find(|&start| {
        let mut x = start;
        word.chars().all(|c| {
            let here = x < buf.area.width && buf[(x, y)].symbol() == c.to_string();
            x += unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) as u16;
            here
        })
    })
}

#[test]
fn the_rosters_columns_line_up_by_display_width_in_japanese() {
    let now = SystemTime::now();
    let connection = |id, ago: u64, typed: Option<u64>| {
        Row::Connection(Connection {
            id,
            seat: "nhta".into(),
            addr: format!("192.0.2.{id}:5123{id}").parse().unwrap(),
            since: now - Duration::from_secs(ago),
            last_input: typed.map(|s| now - Duration::from_secs(s)),
        })
    };
    let rows = vec![
        Row::Seat {
            id: "nhta".into(),
            name: "名古屋港運協会（NUTS運用者）".into(),
            code: "ABCD-EFGH-JKLM".into(),
            connected: 3,
        },
        // "1時間02分前", "5秒前", "3分前": eleven, five and four columns.
        connection(1, 3725, Some(5)),
        connection(2, 5, None),
        connection(3, 185, Some(3725)),
    ];
    for (lang, joined, last) in [
        (Lang::Ja, "参加", "最終入力"),
        (Lang::En, "joined", "last input"),
    ] {
        let view = RosterView {
            rows: rows.clone(),
            cursor: 0,
            log: Vec::new(),
            status: Status::Opened,
            lang,
        };
        let buf = drawn(&view, 100, 20);
        let text = text_of(&buf);
        // Rows 2 to 4 (under the border and the seat) are the connections.
        let columns: Vec<(Option<u16>, Option<u16>)> = (2..5)
            .map(|y| (column_of(&buf, y, joined), column_of(&buf, y, last)))
            .collect();
        assert!(
            columns.iter().all(|c| c.0.is_some() && c.1.is_some()),
            "{lang}: {columns:?}\n{text}"
        );
        assert!(
            columns.iter().all(|c| *c == columns[0]),
            "{lang}: the columns move: {columns:?}\n{text}"
        );
    }
}
