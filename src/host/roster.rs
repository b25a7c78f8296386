//! Who is in the room: every connection with its seat, address, when it joined and when it last
//! typed, and a log of joins and leaves for the facilitator (teams never see it).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::SystemTime;

use tokio::sync::Notify;

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

#[derive(Debug, Default)]
pub struct Roster {
    next: u64,
    connections: BTreeMap<u64, (Connection, Arc<Notify>)>,
    /// Joins and leaves, oldest first: (time as HH:MM:SS UTC, what happened).
    pub events: Vec<(String, String)>,
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
        let line = format!(
            "{seat} joined from {addr} (connection {id}; {} on the seat)",
            self.on_seat(seat)
        );
        self.event(line.clone());
        (Presence { id, kicked }, line)
    }

    /// A connection ended: the connection as it was, and the line for the log.
    pub fn leave(&mut self, id: u64) -> Option<(Connection, String)> {
        let (c, _) = self.connections.remove(&id)?;
        let line = format!(
            "{} left (connection {id} from {}; {} still on the seat)",
            c.seat,
            c.addr,
            self.on_seat(&c.seat)
        );
        self.event(line.clone());
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

    pub fn event(&mut self, what: String) {
        if self.events.len() >= EVENTS_KEPT {
            self.events.remove(0);
        }
        self.events.push((clock_now(), what));
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
}
