//! `kunren host`: one live session that every team joins from its own terminal with plain `ssh`.
//! This is a front end like the console, outside the screen-free core: it alone depends on tokio
//! and russh.
//!
//! - [`room`]: the shared live session and each connection's view of it.
//! - [`server`]: the SSH server, logins, and one console per connection.
//! - [`codes`]: the seats' codes (passwords), kept beside the journal.
//! - [`limits`]: failed logins per address.
//! - [`hostkey`]: the host key, made once and kept in the data directory.
//! - [`input`]: a client's bytes as key events.
//! - [`screen`]: a ratatui terminal drawing into a connection's channel.
//! - [`roster`]: who is connected and the room's events, for the facilitator; [`roster_view`]
//!   its screen, in the facilitator's language.
//! - [`local`]: the white cell's console in the host's own terminal.

pub mod codes;
pub mod hostkey;
pub mod input;
pub mod limits;
pub mod local;
pub mod room;
pub mod roster;
pub mod roster_view;
pub mod screen;
pub mod server;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use codes::Codes;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::widgets::Widget;
use room::Viewer;
use roster_view::RosterView;

use crate::tui::frame::View;
use limits::Limiter;
use room::Room;
use roster::{Presence, RoomEvent, Roster};

use crate::command::Seat;
use crate::session::live::Live;

/// Where the host listens unless told otherwise: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";

/// How often the clock is advanced.
const TICK: Duration = Duration::from_millis(25);

#[derive(Clone, Debug)]
pub struct Options {
    pub listen: SocketAddr,
    /// No console in the host's terminal: list the seats, then log joins and leaves.
    pub headless: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum HostError {
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("host key {path}: {source}")]
    HostKey {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("seat codes {path}: {source}")]
    Codes {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(
        "THE SESSION JOURNAL CANNOT BE WRITTEN: {0}. The host stopped; resume with `kunren host --resume SESSION`."
    )]
    Journal(String),
}

/// What every connection shares: the room, the codes, the limits, the roster.
pub struct Shared {
    pub room: Room,
    codes: Mutex<Codes>,
    codes_path: PathBuf,
    limiter: Mutex<Limiter>,
    roster: Mutex<Roster>,
    /// (seat id, seat, name) for the white cell and every team played by people.
    seats: Vec<(String, Seat, String)>,
    /// Print joins and leaves on standard output (headless).
    echo: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn codes(&self) -> MutexGuard<'_, Codes> {
        lock(&self.codes)
    }

    pub fn limiter(&self) -> MutexGuard<'_, Limiter> {
        lock(&self.limiter)
    }

    pub fn roster(&self) -> MutexGuard<'_, Roster> {
        lock(&self.roster)
    }

    /// The seat a login name stands for.
    pub fn seat(&self, id: &str) -> Option<Seat> {
        self.seats
            .iter()
            .find(|(s, _, _)| s == id)
            .map(|(_, s, _)| *s)
    }

    pub fn seat_name(&self, seat: Seat) -> &str {
        self.seats
            .iter()
            .find(|(_, s, _)| *s == seat)
            .map_or("", |(_, _, n)| n.as_str())
    }

    /// A seat's name in `lang`.
    pub fn seat_name_in(&self, seat: Seat, lang: crate::lang::Lang) -> String {
        let live = self.room.lock();
        seat.name_in(live.scenario(), lang)
    }

    /// (seat id, name) of every seat a person can take, the white cell first.
    pub fn seats(&self) -> impl Iterator<Item = (&str, &str)> {
        self.seats
            .iter()
            .map(|(id, _, n)| (id.as_str(), n.as_str()))
    }

    /// (seat id, name in `lang`) of every seat a person can take, the white cell first.
    pub fn seats_in(&self, lang: crate::lang::Lang) -> Vec<(String, String)> {
        let live = self.room.lock();
        self.seats
            .iter()
            .map(|(id, seat, _)| (id.clone(), seat.name_in(live.scenario(), lang)))
            .collect()
    }

    /// Gives a seat a new code (the old one stops working at once) and keeps it on disk.
    pub fn reissue(&self, seat: &str) -> Result<String, HostError> {
        let mut codes = self.codes();
        let code = codes.reissue(seat)?;
        codes
            .save(&self.codes_path)
            .map_err(|source| HostError::Codes {
                path: self.codes_path.clone(),
                source,
            })?;
        drop(codes);
        self.roster().event(RoomEvent::NewCode {
            seat: seat.to_string(),
        });
        Ok(code)
    }

    pub fn log(&self, line: &str) {
        if self.echo {
            println!("{} {line}", roster::clock_now());
        }
    }

    /// Someone joined on the seat `seat` (its id): in the roster, the headless log, and the
    /// white cell's timeline (journaled for the record).
    pub fn joined(&self, seat: &str, addr: SocketAddr) -> Presence {
        let (presence, line) = self.roster().join(seat, addr);
        self.log(&line);
        self.on_timeline(seat, addr, true);
        presence
    }

    /// A connection ended: out of the roster, and on the white cell's timeline.
    pub fn left(&self, id: u64) {
        let gone = self.roster().leave(id);
        if let Some((c, line)) = gone {
            self.log(&line);
            self.on_timeline(&c.seat, c.addr, false);
        }
    }

    fn on_timeline(&self, seat: &str, addr: SocketAddr, joined: bool) {
        if let Some(seat) = self.seat(seat) {
            self.room
                .with_live(|live| live.presence(seat, &addr.to_string(), joined));
        }
    }

    fn input(&self, id: u64) {
        self.roster().input(id);
    }

    /// Drops a connection.
    pub fn kick(&self, id: u64) -> bool {
        self.roster().kick(id)
    }

    /// A key from a viewer's terminal: the roster's, if the white cell has it open (`R`),
    /// else the console's.
    pub fn key(&self, viewer: &mut Viewer, key: KeyEvent) {
        if let Some((cursor, status)) = viewer.roster.as_mut() {
            if !roster_view::key(self, cursor, status, key) {
                viewer.roster = None;
            }
            return;
        }
        if viewer.login == Seat::WhiteCell && !viewer.typing() && key.code == KeyCode::Char('R') {
            viewer.roster = Some((0, roster_view::Status::Opened));
            return;
        }
        self.room.key(viewer, key);
    }

    /// What a viewer sees now. A console first catches up with what the clock did meanwhile
    /// (in a hosted session the clock runs on its own task, not through any console), such as
    /// the end of the exercise turning the white cell to the hot wash.
    pub fn picture(&self, viewer: &mut Viewer) -> Picture {
        self.room.catch_up(viewer);
        match &viewer.roster {
            Some((cursor, status)) => Picture::Roster(roster_view::build(
                self,
                *cursor,
                status,
                viewer.console.lang,
            )),
            None => Picture::Console(Box::new(self.room.view(viewer))),
        }
    }
}

/// One frame for one viewer: the console, or the facilitator's roster.
pub enum Picture {
    Console(Box<View>),
    Roster(RosterView),
}

impl Widget for &Picture {
    fn render(self, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
        match self {
            Picture::Console(v) => v.as_ref().render(area, buf),
            Picture::Roster(r) => r.render(area, buf),
        }
    }
}

/// A host being set up: the session and what it needs to let people in.
pub struct Host {
    pub shared: Arc<Shared>,
    pub fingerprint: String,
    pub key_made: bool,
    key: russh::keys::PrivateKey,
}

impl Host {
    /// Prepares a host over a journaled live session: the seats' codes (kept beside the journal; on a
    /// resumed session the ones it had) and the host key (made once in the data directory).
    pub fn new(
        live: Live,
        journal: &Path,
        sessions_dir: &Path,
        headless: bool,
    ) -> Result<Host, HostError> {
        let scenario = live.scenario().clone();
        let seats: Vec<(String, Seat, String)> = crate::tui::app::seats(&scenario)
            .into_iter()
            .map(|s| (s.id(&scenario), s, s.name(&scenario)))
            .collect();
        let codes_path = Codes::path_beside(journal);
        let codes_err = |source| HostError::Codes {
            path: codes_path.clone(),
            source,
        };
        let mut codes = if codes_path.exists() {
            Codes::load(&codes_path).map_err(codes_err)?
        } else {
            Codes::default()
        };
        let mut fresh = false;
        for (id, _, _) in &seats {
            if codes.get(id).is_none() {
                codes.reissue(id).map_err(codes_err)?;
                fresh = true;
            }
        }
        if fresh {
            codes.save(&codes_path).map_err(codes_err)?;
        }
        let key_path = hostkey::path_for(sessions_dir);
        let (key, key_made) =
            hostkey::load_or_create(&key_path).map_err(|source| HostError::HostKey {
                path: key_path.clone(),
                source,
            })?;
        let shared = Arc::new(Shared {
            room: Room::new(live),
            codes: Mutex::new(codes),
            codes_path,
            limiter: Mutex::new(Limiter::default()),
            roster: Mutex::new(Roster::default()),
            seats,
            echo: headless,
        });
        Ok(Host {
            shared,
            fingerprint: hostkey::fingerprint(&key),
            key_made,
            key,
        })
    }

    /// What the host prints before serving. Headless: one `seat <id> <code>` line per seat,
    /// for scripts; otherwise, per seat, the team, the exact ssh line and the code.
    pub fn listing(&self, addr: SocketAddr, headless: bool) -> String {
        let mut out = String::new();
        let codes = self.shared.codes();
        if headless {
            for (id, _) in self.shared.seats() {
                out.push_str(&format!("seat {id} {}\n", codes.get(id).unwrap_or("")));
            }
            out.push_str(&format!("listening {addr}\n"));
            out.push_str(&format!("fingerprint {}\n", self.fingerprint));
            return out;
        }
        out.push_str(&format!(
            "kunren host: listening on {addr}{}\n",
            if addr.ip().is_loopback() {
                " (this machine only; --listen 0.0.0.0:PORT lets others in)"
            } else {
                " (open to other machines, as asked: allow only the players' network through the firewall)"
            }
        ));
        out.push_str(&format!(
            "host key fingerprint {} (players can check it when ssh asks){}\n\n",
            self.fingerprint,
            if self.key_made { ", a new key" } else { "" }
        ));
        let host = if addr.ip().is_unspecified() {
            "HOST".to_string()
        } else {
            addr.ip().to_string()
        };
        for (id, name) in self.shared.seats() {
            out.push_str(&format!(
                "  {name}\n      ssh -p {} {id}@{host}    code {}\n",
                addr.port(),
                codes.get(id).unwrap_or("")
            ));
        }
        out
    }

    /// Binds the listening address (an error here is the user's: a port in use, an address
    /// this machine lacks).
    pub fn bind(addr: SocketAddr) -> Result<std::net::TcpListener, HostError> {
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|source| HostError::Listen { addr, source })?;
        listener.set_nonblocking(true)?;
        Ok(listener)
    }

    /// Serves until `until` returns (the local console quits, or a signal), advancing the
    /// clock all along, then records that the session was left.
    pub fn serve<F>(self, listener: std::net::TcpListener, until: F) -> Result<(), HostError>
    where
        F: FnOnce(Arc<Shared>) -> Result<(), HostError> + Send + 'static,
    {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("kunren-host")
            .build()?;
        let shared = self.shared.clone();
        let config = Arc::new(server::config(self.key));
        let result = runtime.block_on(async {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let server = tokio::spawn(server::serve(shared.clone(), config, listener));
            let mut clock = tokio::spawn(run_clock(shared.clone()));
            let stop = tokio::task::spawn_blocking({
                let shared = shared.clone();
                move || until(shared)
            });
            let result = tokio::select! {
                r = stop => r.unwrap_or(Ok(())),
                r = &mut clock => match r {
                    Ok(why) => Err(HostError::Journal(why)),
                    Err(_) => Ok(()),
                },
            };
            // Stop the clock and the listener and wait until they have stopped, so that no task
            // is still stepping or arming a timer while the runtime shuts down.
            server.abort();
            clock.abort();
            let _ = server.await;
            let _ = clock.await;
            result
        });
        runtime.shutdown_timeout(Duration::from_secs(1));
        let left = self.shared.room.with_live(|live| live.leave());
        result?;
        match self.shared.room.journal_error() {
            Some(why) if !left => Err(HostError::Journal(why)),
            _ => Ok(()),
        }
    }
}

/// Advances the clock in real time until the journal fails; returns why it failed.
async fn run_clock(shared: Arc<Shared>) -> String {
    let mut last = Instant::now();
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let now = Instant::now();
        let room = &shared.room;
        let ok = tokio::task::block_in_place(|| room.advance(now - last));
        last = now;
        if !ok {
            return room.journal_error().unwrap_or_default();
        }
    }
}

/// Waits for Ctrl-C or SIGTERM (headless hosts stop that way).
pub fn wait_for_signal(_shared: Arc<Shared>) -> Result<(), HostError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let mut term = signal(SignalKind::terminate())?;
            tokio::select! {
                r = tokio::signal::ctrl_c() => r,
                _ = term.recv() => Ok(()),
            }
        }
        #[cfg(not(unix))]
        tokio::signal::ctrl_c().await
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(dir: &Path) -> Host {
        let b = crate::library::builtin("nagoya-port-ransomware").unwrap();
        let s = Arc::new(crate::scenario::parse(b.source, b.path).unwrap());
        let sessions = dir.join("sessions");
        std::fs::create_dir_all(&sessions).unwrap();
        Host::new(Live::new(s, 1), &sessions.join("s.jsonl"), &sessions, true).unwrap()
    }

    #[test]
    fn headless_lists_one_line_per_seat_then_where_it_listens() {
        let dir = tempfile::tempdir().unwrap();
        let h = host(dir.path());
        let addr: SocketAddr = "127.0.0.1:2222".parse().unwrap();
        let text = h.listing(addr, true);
        let lines: Vec<&str> = text.lines().collect();
        let codes = h.shared.codes().clone();
        assert_eq!(
            lines[0],
            format!("seat white {}", codes.get("white").unwrap())
        );
        assert_eq!(
            lines[1],
            format!("seat nhta {}", codes.get("nhta").unwrap())
        );
        assert_eq!(
            lines[2],
            format!("seat mlit {}", codes.get("mlit").unwrap())
        );
        assert_eq!(lines[3], "listening 127.0.0.1:2222");
        assert!(lines[4].starts_with("fingerprint SHA256:"));
    }

    #[test]
    fn the_console_listing_gives_each_seat_its_exact_ssh_line_and_code() {
        let dir = tempfile::tempdir().unwrap();
        let h = host(dir.path());
        let text = h.listing("0.0.0.0:2200".parse().unwrap(), false);
        let code = h.shared.codes().get("nhta").unwrap().to_string();
        assert!(
            text.contains(&format!("ssh -p 2200 nhta@HOST    code {code}")),
            "{text}"
        );
        assert!(!text.contains("this machine only"), "{text}");
        assert!(text.contains("open to other machines"), "{text}");
        let local = h.listing("127.0.0.1:2222".parse().unwrap(), false);
        assert!(local.contains("ssh -p 2222 white@127.0.0.1"), "{local}");
        assert!(local.contains("this machine only"), "{local}");
    }

    #[test]
    fn codes_are_kept_and_reused_by_a_host_on_the_same_journal() {
        let dir = tempfile::tempdir().unwrap();
        let first = host(dir.path()).shared.codes().clone();
        let again = host(dir.path()).shared.codes().clone();
        assert_eq!(first, again);
    }
}
