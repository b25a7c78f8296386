//! The SSH server (russh): logins with a seat's code, one console per connection, drawn into
//! its channel. Each connection's task reads its client's keys and window changes, hands keys to
//! the room, and redraws when the room's generation moves; writing to a slow client only ever
//! holds up that client's own task.

use crate::lang::Lang;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::server::{Auth, Msg, Session};
use russh::{Channel, ChannelId, ChannelMsg, MethodKind, MethodSet};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

use super::Shared;
use super::input::{self, Decoder};
use super::screen::{self, Screen};
use crate::command::Seat;

/// Failed code attempts allowed on one connection before it is dropped.
pub const MAX_AUTH_ATTEMPTS: usize = 3;
/// Every failed login takes this long, whatever was wrong.
pub const REJECTION_TIME: Duration = Duration::from_secs(2);
/// A keepalive after this much silence, so a paused exercise keeps its players, and a client
/// that stops answering is dropped after a few.
pub const KEEPALIVE: Duration = Duration::from_secs(20);
pub const KEEPALIVE_MAX: usize = 3;
/// Time to open a shell after logging in; past it the connection is closed.
const SETUP_TIME: Duration = Duration::from_secs(30);
/// A client sending more keys than this per frame has the rest dropped.
const MAX_KEYS_PER_READ: usize = 256;

/// The russh configuration: password logins only (the seat's code), the limits above.
pub fn config(key: russh::keys::PrivateKey) -> russh::server::Config {
    russh::server::Config {
        methods: MethodSet::from(&[MethodKind::Password][..]),
        auth_rejection_time: REJECTION_TIME,
        // OpenSSH first asks with "none" to learn the methods: answer it at once.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: MAX_AUTH_ATTEMPTS,
        keys: vec![key],
        inactivity_timeout: None,
        keepalive_interval: Some(KEEPALIVE),
        keepalive_max: KEEPALIVE_MAX,
        nodelay: true,
        ..Default::default()
    }
}

/// Accepts connections until the listener fails or the host stops.
pub async fn serve(shared: Arc<Shared>, config: Arc<russh::server::Config>, listener: TcpListener) {
    loop {
        let (socket, addr) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                // Too many open files and the like: wait and go on.
                shared.log(&format!("accept failed: {e}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let handler = Client {
            shared: shared.clone(),
            addr,
            seat: None,
            opened: false,
        };
        let config = config.clone();
        tokio::spawn(async move {
            // A client that never says hello is dropped after a while.
            let started = tokio::time::timeout(
                SETUP_TIME,
                russh::server::run_stream(config, socket, handler),
            )
            .await;
            if let Ok(Ok(session)) = started {
                let _ = session.await;
            }
        });
    }
}

struct Client {
    shared: Arc<Shared>,
    addr: SocketAddr,
    seat: Option<(String, Seat, Lang)>,
    opened: bool,
}

/// A login name as a seat and the language its console reads in: `nhta` (English), or the seat
/// with `+ja` or `+en` after it (`nhta+ja`). A seat whose own id holds a `+` is read whole.
pub fn login_lang(user: &str) -> (&str, Lang) {
    match user.rsplit_once('+') {
        Some((seat, code)) => match code.parse::<Lang>() {
            Ok(lang) if !seat.is_empty() => (seat, lang),
            _ => (user, Lang::En),
        },
        None => (user, Lang::En),
    }
}

impl russh::server::Handler for Client {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        let ip = self.addr.ip();
        let now = Instant::now();
        if !self.shared.limiter().allows(ip, now) {
            return Ok(Auth::reject());
        }
        let (login, lang) = match self.shared.seat(user) {
            Some(_) => (user, Lang::En),
            None => login_lang(user),
        };
        let seat = self.shared.seat(login);
        let opens = self.shared.codes().opens(login, password);
        match seat {
            Some(seat) if opens => {
                self.shared.limiter().succeeded(ip);
                self.seat = Some((login.to_string(), seat, lang));
                Ok(Auth::Accept)
            }
            _ => {
                self.shared.limiter().failed(ip, now);
                self.shared.log(&format!(
                    "refused a login as \"{}\" from {}",
                    user.escape_debug(),
                    self.addr
                ));
                Ok(Auth::reject())
            }
        }
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some((id, seat, lang)) = self.seat.clone() else {
            return Ok(());
        };
        if self.opened {
            // One console per connection; dropping the reply refuses the channel.
            return Ok(());
        }
        self.opened = true;
        reply.accept().await;
        let shared = self.shared.clone();
        let handle = session.handle();
        let addr = self.addr;
        tokio::spawn(async move {
            connection(shared, channel, handle, id, (seat, lang), addr).await;
        });
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        _cols: u32,
        _rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_success(channel)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }
}

/// What a connection is waiting for before its console can start.
enum Setup {
    Console {
        cols: u32,
        rows: u32,
    },
    /// A shell without a terminal, or a command: say why not and close.
    NoTerminal,
    Gone,
}

async fn setup(channel: &mut Channel<Msg>) -> Setup {
    let mut size = None;
    let deadline = tokio::time::sleep(SETUP_TIME);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            msg = channel.wait() => match msg {
                Some(ChannelMsg::RequestPty { col_width, row_height, .. }) => {
                    size = Some((col_width, row_height));
                }
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    if size.is_some() {
                        size = Some((col_width, row_height));
                    }
                }
                Some(ChannelMsg::RequestShell { .. }) => {
                    return match size {
                        Some((cols, rows)) => Setup::Console { cols, rows },
                        None => Setup::NoTerminal,
                    };
                }
                Some(ChannelMsg::Exec { .. } | ChannelMsg::RequestSubsystem { .. }) => {
                    return Setup::NoTerminal;
                }
                Some(ChannelMsg::Eof | ChannelMsg::Close) | None => return Setup::Gone,
                Some(_) => {}
            },
            () = &mut deadline => return Setup::Gone,
        }
    }
}

/// What a client that asked for no terminal is told, in its login's language.
fn no_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "kunren: this host opens a console, which needs a terminal.\r\n\
         Connect with plain `ssh -p PORT SEAT@HOST` (add -t if you gave a command).\r\n",
        "kunren: このホストはコンソールを開くため、端末が必要です。\r\n\
         `ssh -p PORT SEAT@HOST` だけで接続してください（コマンドを付けた場合は -t を加える）。\r\n",
    )
}

/// One person's console over one channel, from login to leaving.
async fn connection(
    shared: Arc<Shared>,
    mut channel: Channel<Msg>,
    handle: russh::server::Handle,
    seat_id: String,
    (seat, lang): (Seat, Lang),
    addr: SocketAddr,
) {
    let (cols, rows) = match setup(&mut channel).await {
        Setup::Console { cols, rows } => (cols, rows),
        Setup::NoTerminal => {
            let _ = channel
                .data_bytes(no_terminal(lang).as_bytes().to_vec())
                .await;
            let _ = channel.exit_status(1).await;
            let _ = channel.eof().await;
            let _ = channel.close().await;
            return;
        }
        Setup::Gone => return,
    };
    let presence = shared.joined(&seat_id, addr);
    let (mut reader, writer) = channel.split();
    let mut out = writer.make_writer();
    let mut screen = Screen::new(cols, rows);
    let welcome = match lang {
        Lang::En => format!(
            "Welcome, {}. ? shows every key; q leaves (you can come back with the same code).",
            shared.seat_name(seat)
        ),
        Lang::Ja => format!(
            "ようこそ、{}。? でキー一覧、q で退出（同じコードで戻れます）。",
            shared.seat_name_in(seat, lang)
        ),
    };
    let mut viewer = shared.room.join(seat, welcome);
    viewer.console.lang = lang;
    let mut decoder = Decoder::default();
    let mut changes = shared.room.subscribe();
    let mut pending = screen::ENTER.to_vec();
    let mut dirty = true;
    loop {
        if dirty {
            let view = shared.picture(&mut viewer);
            pending.extend(screen.draw(|f| f.render_widget(&view, f.area())));
            dirty = false;
        }
        if !pending.is_empty() {
            // Only this task waits on a slow client; the room has moved on meanwhile, and the
            // next frame shows wherever it got to.
            let write = out.write_all(&pending);
            tokio::select! {
                r = write => if r.is_err() { break },
                () = presence.kicked.notified() => break,
            }
            pending.clear();
        }
        if viewer.quit() {
            break;
        }
        tokio::select! {
            msg = reader.wait() => match msg {
                Some(ChannelMsg::Data { data }) => {
                    shared.input(presence.id);
                    let mut keys = decoder.feed(&data);
                    keys.truncate(MAX_KEYS_PER_READ);
                    for key in keys {
                        shared.key(&mut viewer, key);
                        if viewer.quit() {
                            break;
                        }
                    }
                    dirty = true;
                }
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    screen.resize(col_width, row_height);
                    dirty = true;
                }
                Some(ChannelMsg::Eof | ChannelMsg::Close) | None => break,
                Some(_) => {}
            },
            r = changes.changed() => {
                if r.is_err() {
                    break;
                }
                dirty = true;
            }
            () = tokio::time::sleep(input::ESC_TIMEOUT), if decoder.holding() => {
                for key in decoder.flush() {
                    shared.key(&mut viewer, key);
                }
                dirty = true;
            }
            () = presence.kicked.notified() => break,
            // The roster's times and connections change without the room changing.
            () = tokio::time::sleep(Duration::from_secs(1)), if viewer.roster.is_some() => {
                dirty = true;
            }
        }
    }
    let _ = tokio::time::timeout(Duration::from_secs(1), out.write_all(screen::LEAVE)).await;
    drop(out);
    shared.left(presence.id);
    let _ = handle
        .disconnect(
            russh::Disconnect::ByApplication,
            "left the exercise".into(),
            String::new(),
        )
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_without_a_terminal_is_told_how_to_connect_in_its_language() {
        let (en, ja) = (no_terminal(Lang::En), no_terminal(Lang::Ja));
        assert!(en.starts_with("kunren: this host opens a console, which needs a terminal.\r\n"));
        assert!(en.contains("Connect with plain `ssh -p PORT SEAT@HOST`"));
        assert!(ja.contains("端末が必要") && ja.contains("`ssh -p PORT SEAT@HOST`"));
        assert!(!ja.contains("Connect") && ja.ends_with("\r\n"));
    }

    #[test]
    fn a_login_names_its_seat_and_may_ask_for_a_language() {
        assert_eq!(login_lang("nhta"), ("nhta", Lang::En));
        assert_eq!(login_lang("nhta+ja"), ("nhta", Lang::Ja));
        assert_eq!(login_lang("white+en"), ("white", Lang::En));
        // Not a language: the name is read whole (and then refused if no seat has it).
        assert_eq!(login_lang("nhta+fr"), ("nhta+fr", Lang::En));
        assert_eq!(login_lang("+ja"), ("+ja", Lang::En));
    }
}
