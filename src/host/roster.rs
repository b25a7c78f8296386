//! Who is in the room: every connection with its seat, address, when it joined and when it last
//! typed, and a log of the room's events for the facilitator (teams never see it). An event is
//! kept typed ([`RoomEvent`]) and worded when shown, in the reader's language; the headless host's
//! log prints it in English.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::SystemTime;

use tokio::sync::Notify;

use crate::lang::Lang;

/// One connection, as the roster shows it.
#[derive(Clone, Debug)]
pub struct Connection {
    pub id: u64,
    pub seat: String,
    pub addr: SocketAddr,
    pub since: SystemTime,
    pub last_input: Option<SystemTime>,
}

/// What a connection's task keeps: its id, and the signal the facilitator uses to drop it.
#[derive(Debug)]
pub struct Presence {
    pub id: u64,
    pub kicked: Arc<Notify>,
}

/// Something that happened in the room, with what the log says about it. A seat is named by its
/// id (the login name), the same in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomEvent {
    /// Someone logged in; `on_seat` counts the seat's connections with this one.
    Joined {
        seat: String,
        addr: SocketAddr,
        id: u64,
        on_seat: usize,
    },
    /// A connection ended; `on_seat` counts those left on the seat.
    Left {
        seat: String,
        addr: SocketAddr,
        id: u64,
        on_seat: usize,
    },
    /// The facilitator dropped a connection (`x` on the roster).
    Dropped {
        seat: String,
        addr: SocketAddr,
        id: u64,
    },
    /// The facilitator gave a seat a new code (`c` on the roster).
    NewCode { seat: String },
}

impl RoomEvent {
    /// The event as the log says it in `lang`.
    pub fn said(&self, lang: Lang) -> String {
        match self {
            RoomEvent::Joined {
                seat,
                addr,
                id,
                on_seat,
            } => lang.pick(
                format!("{seat} joined from {addr} (connection {id}; {on_seat} on the seat)"),
                format!("{seat}が{addr}から参加（接続{id}、この席の接続{on_seat}件）"),
            ),
            RoomEvent::Left {
                seat,
                addr,
                id,
                on_seat,
            } => lang.pick(
                format!("{seat} left (connection {id} from {addr}; {on_seat} still on the seat)"),
                format!("{seat}が退出（{addr}からの接続{id}、この席に残る接続{on_seat}件）"),
            ),
            RoomEvent::Dropped { seat, addr, id } => lang.pick(
                format!("the facilitator dropped connection {id} ({seat} from {addr})"),
                format!("ファシリテーターが接続{id}を切断（{addr}からの{seat}）"),
            ),
            RoomEvent::NewCode { seat } => lang.pick(
                format!("new code for {seat}"),
                format!("{seat}のコードを再発行"),
            ),
        }
    }
}

/// An event of the room and when it happened (HH:MM:SS UTC, the same in both languages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub at: String,
    pub event: RoomEvent,
}

#[derive(Debug, Default)]
pub struct Roster {
    next: u64,
    connections: BTreeMap<u64, (Connection, Arc<Notify>)>,
    /// The room's events, oldest first.
    pub events: Vec<Logged>,
}

/// Events kept for the facilitator's screen.
const EVENTS_KEPT: usize = 500;

impl Roster {
    pub fn join(&mut self, seat: &str, addr: SocketAddr) -> (Presence, String) {
        self.next += 1;
        let id = self.next;
        let kicked = Arc::new(Notify::new());
        let c = Connection {
            id,
            seat: seat.to_string(),
            addr,
            since: SystemTime::now(),
            last_input: None,
        };
        self.connections.insert(id, (c, kicked.clone()));
        let event = RoomEvent::Joined {
            seat: seat.to_string(),
            addr,
            id,
            on_seat: self.on_seat(seat),
        };
        (Presence { id, kicked }, self.event(event))
    }

    /// A connection ended: the connection as it was, and the line for the (English) log.
    pub fn leave(&mut self, id: u64) -> Option<(Connection, String)> {
        let (c, _) = self.connections.remove(&id)?;
        let event = RoomEvent::Left {
            seat: c.seat.clone(),
            addr: c.addr,
            id,
            on_seat: self.on_seat(&c.seat),
        };
        let line = self.event(event);
        Some((c, line))
    }

    pub fn input(&mut self, id: u64) {
        if let Some((c, _)) = self.connections.get_mut(&id) {
            c.last_input = Some(SystemTime::now());
        }
    }

    /// Drops a connection (the facilitator's decision). Returns whether it was there.
    pub fn kick(&mut self, id: u64) -> bool {
        match self.connections.get(&id) {
            Some((_, kicked)) => {
                // notify_one keeps the permit if the task is busy, so the kick is never lost.
                kicked.notify_one();
                true
            }
            None => false,
        }
    }

    pub fn on_seat(&self, seat: &str) -> usize {
        self.connections
            .values()
            .filter(|(c, _)| c.seat == seat)
            .count()
    }

    pub fn connections(&self) -> Vec<Connection> {
        self.connections.values().map(|(c, _)| c.clone()).collect()
    }

    /// Keeps an event of the room; returns it in English, as the headless host's log prints it.
    pub fn event(&mut self, event: RoomEvent) -> String {
        if self.events.len() >= EVENTS_KEPT {
            self.events.remove(0);
        }
        let line = event.said(Lang::En);
        self.events.push(Logged {
            at: clock_now(),
            event,
        });
        line
    }
}

/// Now as HH:MM:SS, UTC.
pub fn clock_now() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!("{:02}:{:02}:{:02}", now.hour(), now.minute(), now.second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_leaves_are_counted_per_seat_and_logged() {
        let mut r = Roster::default();
        let addr: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let (a, _) = r.join("nhta", addr);
        let (b, line) = r.join("nhta", addr);
        assert!(line.contains("2 on the seat"), "{line}");
        r.join("mlit", addr);
        assert_eq!(r.on_seat("nhta"), 2);
        let (gone, line) = r.leave(a.id).unwrap();
        assert_eq!((gone.id, gone.seat.as_str()), (a.id, "nhta"));
        assert!(line.contains("1 still on the seat"), "{line}");
        assert!(r.leave(a.id).is_none(), "leaving twice logs once");
        assert!(r.kick(b.id));
        assert!(!r.kick(a.id));
        assert_eq!(r.events.len(), 4);
        assert_eq!(r.connections().len(), 2);
    }

    #[test]
    fn the_rooms_events_read_in_english_as_before_and_in_japanese() {
        let addr: SocketAddr = "192.0.2.10:51234".parse().unwrap();
        let seat = "nhta".to_string();
        let cases = [
            (
                RoomEvent::Joined {
                    seat: seat.clone(),
                    addr,
                    id: 3,
                    on_seat: 2,
                },
                "nhta joined from 192.0.2.10:51234 (connection 3; 2 on the seat)",
                "nhtaが192.0.2.10:51234から参加（接続3、この席の接続2件）",
            ),
            (
                RoomEvent::Left {
                    seat: seat.clone(),
                    addr,
                    id: 3,
                    on_seat: 1,
                },
                "nhta left (connection 3 from 192.0.2.10:51234; 1 still on the seat)",
                "nhtaが退出（192.0.2.10:51234からの接続3、この席に残る接続1件）",
            ),
            (
                RoomEvent::Dropped {
                    seat: seat.clone(),
                    addr,
                    id: 3,
                },
                "the facilitator dropped connection 3 (nhta from 192.0.2.10:51234)",
                "ファシリテーターが接続3を切断（192.0.2.10:51234からのnhta）",
            ),
            (
                RoomEvent::NewCode { seat },
                "new code for nhta",
                "nhtaのコードを再発行",
            ),
        ];
        for (event, en, ja) in cases {
            assert_eq!(event.said(Lang::En), en);
            assert_eq!(event.said(Lang::Ja), ja);
        }
        // What join and leave hand the headless log is the English, and the event is kept.
        let mut r = Roster::default();
        let (p, line) = r.join("nhta", addr);
        assert_eq!(
            line,
            format!(
                "nhta joined from {addr} (connection {}; 1 on the seat)",
                p.id
            )
        );
        assert_eq!(r.events[0].event.said(Lang::En), line);
        let (_, line) = r.leave(p.id).unwrap();
        assert_eq!(
            line,
            format!(
                "nhta left (connection {} from {addr}; 0 still on the seat)",
                p.id
            )
        );
        assert!(matches!(
            r.events[1].event,
            RoomEvent::Left { on_seat: 0, .. }
        ));
    }
}
