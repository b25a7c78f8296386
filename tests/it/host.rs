//! `kunren host` with real SSH clients (russh's client, over loopback): joining with a code,
//! refusals, what each seat sees, authority, several people on a seat, leaving and rejoining, a
//! client that stops reading, garbage, and a host killed with SIGKILL and resumed.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client;
use russh::{ChannelMsg, Disconnect};

const FLAGSHIP: &str = "nagoya-port-ransomware";
/// Every wait in these tests ends by this deadline.
const PATIENCE: Duration = Duration::from_secs(20);

/// A host running as the real binary, headless, on a free loopback port.
struct Host {
    child: Child,
    addr: SocketAddr,
    codes: BTreeMap<String, String>,
    fingerprint: String,
    session: String,
    data: PathBuf,
    /// Lines the host printed after starting (joins, leaves, refusals).
    log: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Host {
    fn start(data: &Path, args: &[&str]) -> Host {
        let mut child = Process::new(env!("CARGO_BIN_EXE_kunren"))
            .arg("host")
            .args(args)
            .args(["--headless", "--listen", "127.0.0.1:0"])
            .env("KUNREN_DATA_DIR", data)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the binary runs");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (mut codes, mut addr, mut fingerprint, mut session) =
            (BTreeMap::new(), None, String::new(), String::new());
        let mut line = String::new();
        while session.is_empty() {
            line.clear();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
                "the host stopped early"
            );
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["seat", id, code] => {
                    codes.insert(id.to_string(), code.to_string());
                }
                ["listening", a] => addr = Some(a.parse().unwrap()),
                ["fingerprint", f] => fingerprint = f.to_string(),
                ["session", s] => session = s.to_string(),
                _ => panic!("unexpected line before serving: {line}"),
            }
        }
        let log = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Host {
            child,
            addr: addr.expect("the host says where it listens"),
            codes,
            fingerprint,
            session,
            data: data.to_path_buf(),
            log,
        }
    }

    fn code(&self, seat: &str) -> &str {
        &self.codes[seat]
    }

    fn journal(&self) -> String {
        std::fs::read_to_string(
            self.data
                .join("sessions")
                .join(format!("{}.jsonl", self.session)),
        )
        .unwrap()
    }

    fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Stops the host as Ctrl-C would, and waits for it.
    fn stop(&mut self) {
        let _ = Process::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.kill();
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.kill();
    }
}

struct Trusting {
    expect: String,
}

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        // The fingerprint the host printed is the key the client meets.
        let russh::keys::PublicKeyOrCertificate::PublicKey { key, .. } = key else {
            return Ok(false);
        };
        Ok(key.fingerprint(russh::keys::HashAlg::Sha256).to_string() == self.expect)
    }
}

/// One person at one terminal.
struct Term {
    session: client::Handle<Trusting>,
    channel: russh::Channel<client::Msg>,
    screen: vt100::Parser,
    closed: bool,
}

async fn connect(host: &Host) -> client::Handle<Trusting> {
    let config = Arc::new(client::Config::default());
    client::connect(
        config,
        host.addr,
        Trusting {
            expect: host.fingerprint.clone(),
        },
    )
    .await
    .expect("connects")
}

/// Logs in as `seat` with `code`; None if refused.
async fn login(host: &Host, seat: &str, code: &str) -> Option<client::Handle<Trusting>> {
    let mut session = connect(host).await;
    let ok = session
        .authenticate_password(seat, code)
        .await
        .map(|r| r.success())
        .unwrap_or(false);
    ok.then_some(session)
}

impl Term {
    async fn join(host: &Host, seat: &str) -> Term {
        Term::join_sized(host, seat, 100, 30).await
    }

    async fn join_sized(host: &Host, seat: &str, cols: u16, rows: u16) -> Term {
        let session = login(host, seat, host.code(seat))
            .await
            .unwrap_or_else(|| panic!("{seat} logs in with its code"));
        let channel = session.channel_open_session().await.unwrap();
        channel
            .request_pty(true, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
            .await
            .unwrap();
        channel.request_shell(true).await.unwrap();
        let mut t = Term {
            session,
            channel,
            // The host draws at least 20×6 whatever the client claims.
            screen: vt100::Parser::new(rows.max(6), cols.max(20), 0),
            closed: false,
        };
        assert!(
            t.wait_for(|s| ["? shows every key", "Inbox", "Board", "kunren needs"]
                .iter()
                .any(|w| s.contains(w)))
                .await,
            "{seat} sees a console:\n{}",
            t.text()
        );
        t
    }

    fn text(&self) -> String {
        self.screen.screen().contents()
    }

    async fn send(&self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.unwrap();
    }

    /// Types text and Enter on the command line.
    async fn command(&mut self, line: &str) {
        self.send(b":").await;
        self.send(line.as_bytes()).await;
        self.send(b"\r").await;
    }

    /// Reads what the host sends until `seen` holds of the screen, or the deadline.
    async fn wait_for(&mut self, seen: impl Fn(&str) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if seen(&self.text()) {
                return true;
            }
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.screen.process(&data),
                Ok(Some(ChannelMsg::Eof | ChannelMsg::Close)) | Ok(None) => {
                    self.closed = true;
                    return seen(&self.text());
                }
                Ok(Some(_)) => {}
                Err(_) => return false,
            }
        }
    }

    /// Reads for a while, whatever comes.
    async fn settle(&mut self, time: Duration) {
        let deadline = tokio::time::Instant::now() + time;
        while let Ok(msg) = tokio::time::timeout_at(deadline, self.channel.wait()).await {
            match msg {
                Some(ChannelMsg::Data { data }) => self.screen.process(&data),
                Some(ChannelMsg::Eof | ChannelMsg::Close) | None => {
                    self.closed = true;
                    return;
                }
                Some(_) => {}
            }
        }
    }

    async fn hang_up(self) {
        let _ = self
            .session
            .disconnect(Disconnect::ByApplication, "bye", "en")
            .await;
    }
}

fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seat_joins_with_its_code_and_a_wrong_code_is_refused() {
    let data = data_dir();
    let host = Host::start(data.path(), &[FLAGSHIP]);
    assert_eq!(
        host.codes.keys().map(String::as_str).collect::<Vec<_>>(),
        vec!["mlit", "nhta", "white"],
        "one code per people-played seat, the white cell included"
    );
    let nhta = Term::join(&host, "nhta").await;
    assert!(nhta.text().contains("Inbox"), "{}", nhta.text());
    assert!(
        !nhta.text().contains("MSEL"),
        "a team never gets the facilitator's screens"
    );

    assert!(login(&host, "nhta", "aaaa-bbbb-cccc").await.is_none());
    assert!(
        login(&host, "nhta", host.code("mlit")).await.is_none(),
        "a code opens its own seat only"
    );
    assert!(login(&host, "nobody", host.code("nhta")).await.is_none());
    let mut anonymous = connect(&host).await;
    let none = anonymous.authenticate_none("nhta").await.unwrap();
    assert!(!none.success(), "no anonymous access");
    let log = host.log();
    assert!(log.iter().any(|l| l.contains("nhta joined")), "{log:?}");
    assert!(
        log.iter()
            .any(|l| l.contains("refused a login as \"nobody\"")),
        "{log:?}"
    );
    nhta.hang_up().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_teams_see_different_views_of_the_same_tick() {
    let data = data_dir();
    let host = Host::start(data.path(), &[FLAGSHIP]);
    let mut white = Term::join(&host, "white").await;
    let mut nhta = Term::join(&host, "nhta").await;
    let mut mlit = Term::join(&host, "mlit").await;
    // An inject to the port authority alone, delivered at the next tick.
    white.command("fire advisory-edge-vpn").await;
    white.command("step 1").await;
    assert!(
        nhta.wait_for(|s| s.contains("Advisory: VPN appliances"))
            .await,
        "{}",
        nhta.text()
    );
    mlit.settle(Duration::from_millis(500)).await;
    // The header's last words are the time and the clock's state (a long seat name leaves the
    // clock less room, so its date and phase may give way: the time and state never do).
    let clock = |s: &str| s.lines().next().unwrap_or("").to_string();
    assert_eq!(
        clock(&nhta.text())
            .split_whitespace()
            .rev()
            .take(2)
            .collect::<Vec<_>>(),
        clock(&mlit.text())
            .split_whitespace()
            .rev()
            .take(2)
            .collect::<Vec<_>>(),
        "both teams are at the same time:\n{}\n{}",
        nhta.text(),
        mlit.text()
    );
    assert!(
        !mlit.text().contains("Advisory: VPN"),
        "MLIT does not see what was sent to the port authority:\n{}",
        mlit.text()
    );
    // The white cell's board shows ground truth the teams do not: the adversary's campaigns.
    white.settle(Duration::from_millis(200)).await;
    assert!(white.text().contains("Board"), "{}", white.text());
    for t in [nhta, mlit, white] {
        t.hang_up().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_cannot_give_facilitator_commands_or_run_the_clock() {
    let data = data_dir();
    let mut host = Host::start(data.path(), &[FLAGSHIP]);
    let mut mlit = Term::join(&host, "mlit").await;
    let mut white = Term::join(&host, "white").await;
    mlit.command("fail nuts-db the team tries to rule").await;
    assert!(
        mlit.wait_for(|s| s.contains("refused")).await,
        "the team is told why:\n{}",
        mlit.text()
    );
    mlit.command("skip advisory-edge-vpn").await;
    mlit.command("seat white").await;
    mlit.send(b" ").await;
    mlit.send(b".").await;
    mlit.send(b"S").await;
    mlit.settle(Duration::from_millis(500)).await;
    assert!(
        !mlit.text().contains("MSEL"),
        "still on the team's seat:\n{}",
        mlit.text()
    );
    // The same ruling from the white cell is given, and journaled with its seat.
    white.command("fail nuts-db the facilitator rules").await;
    white.settle(Duration::from_millis(300)).await;
    mlit.hang_up().await;
    white.hang_up().await;
    host.stop();
    let journal = host.journal();
    let rulings: Vec<&str> = journal
        .lines()
        .filter(|l| l.contains("Adjudicate"))
        .collect();
    assert_eq!(rulings.len(), 1, "{journal}");
    assert!(rulings[0].contains("the facilitator rules"), "{journal}");
    assert!(rulings[0].contains("\"seat\":\"white\""), "{journal}");
    assert!(!journal.contains("SkipInject"), "{journal}");
    assert!(
        !journal.contains("\"Step\""),
        "a team does not step the clock:\n{journal}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_on_one_seat_share_the_view_and_a_rejoin_returns_to_the_seat() {
    let data = data_dir();
    let host = Host::start(data.path(), &[FLAGSHIP]);
    let mut white = Term::join(&host, "white").await;
    let mut a = Term::join(&host, "nhta").await;
    let mut b = Term::join_sized(&host, "nhta", 120, 40).await;
    white.command("fire advisory-edge-vpn").await;
    white.command("step 1").await;
    assert!(
        a.wait_for(|s| s.contains("Advisory: VPN")).await,
        "{}",
        a.text()
    );
    assert!(
        b.wait_for(|s| s.contains("Advisory: VPN")).await,
        "{}",
        b.text()
    );
    let log = host.log();
    assert!(log.iter().any(|l| l.contains("2 on the seat")), "{log:?}");
    // One leaves; the other stays; the one who left comes back to the same seat.
    a.hang_up().await;
    b.send(b"2").await;
    assert!(b.wait_for(|s| s.contains("Our assets")).await);
    let mut again = Term::join(&host, "nhta").await;
    assert!(
        again.wait_for(|s| s.contains("Advisory: VPN")).await,
        "{}",
        again.text()
    );
    let deadline = Instant::now() + PATIENCE;
    while !host.log().iter().any(|l| l.contains("nhta left")) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        host.log().iter().any(|l| l.contains("nhta left")),
        "{:?}",
        host.log()
    );
    for t in [b, again, white] {
        t.hang_up().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_client_does_not_hold_up_the_clock_or_others() {
    let data = data_dir();
    let host = Host::start(data.path(), &[FLAGSHIP]);
    let mut white = Term::join(&host, "white").await;
    // This client logs in, asks for a huge screen, and then never reads another byte.
    let stalled = Term::join_sized(&host, "mlit", 400, 200).await;
    let mut nhta = Term::join(&host, "nhta").await;
    white.command("pace 1920").await;
    white.send(b" ").await;
    // 1920 simulated minutes a minute at 15-minute ticks: about two ticks a second.
    let start = Instant::now();
    assert!(
        nhta.wait_for(|s| s.contains("Mon 03 Jul 02:")).await,
        "the clock ran past 02:00 while a client stalled:\n{}",
        nhta.text()
    );
    assert!(start.elapsed() < PATIENCE);
    white.send(b" ").await;
    drop(stalled);
    nhta.hang_up().await;
    white.hang_up().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_absurd_sizes_and_no_terminal_do_not_bring_the_host_down() {
    let data = data_dir();
    let host = Host::start(data.path(), &[FLAGSHIP]);
    let mut nhta = Term::join_sized(&host, "nhta", 0, 0).await;
    let junk: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .filter(|b| *b != b'q' && *b != 3)
        .collect();
    nhta.send(&junk).await;
    for i in 0..50u32 {
        let _ = nhta.channel.window_change(i * 1000, i * 977, 0, 0).await;
    }
    let _ = nhta.channel.window_change(90, 28, 0, 0).await;
    nhta.screen.screen_mut().set_size(28, 90);
    nhta.send(b"\x1b\x1b\x1b[1;5A\x1b[9999999999999999Z\x1bO")
        .await;
    nhta.settle(Duration::from_millis(300)).await;
    nhta.send(b"2").await;
    assert!(
        nhta.wait_for(|s| s.contains("Our assets")).await,
        "{}",
        nhta.text()
    );

    // A shell without a terminal is told how to connect, and closed.
    let session = login(&host, "mlit", host.code("mlit")).await.unwrap();
    let mut channel = session.channel_open_session().await.unwrap();
    channel.request_shell(true).await.unwrap();
    let mut said = Vec::new();
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while let Ok(Some(msg)) = tokio::time::timeout_at(deadline, channel.wait()).await {
        match msg {
            ChannelMsg::Data { data } => said.extend_from_slice(&data),
            ChannelMsg::Close => break,
            _ => {}
        }
    }
    assert!(String::from_utf8_lossy(&said).contains("needs a terminal"));

    // A connection that opens TCP and says nothing does not block anyone.
    let _half_open = std::net::TcpStream::connect(host.addr).unwrap();
    let mut white = Term::join(&host, "white").await;
    white.send(b"2").await;
    assert!(white.wait_for(|s| s.contains("MSEL")).await);
    white.hang_up().await;
    nhta.hang_up().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_killed_and_resumed_keeps_codes_and_reaches_the_same_state() {
    let data = data_dir();
    let mut host = Host::start(data.path(), &[FLAGSHIP, "--seed", "7"]);
    let mut white = Term::join(&host, "white").await;
    let mut nhta = Term::join(&host, "nhta").await;
    white.command("fire advisory-edge-vpn").await;
    white.command("step 4").await;
    assert!(nhta.wait_for(|s| s.contains("Advisory: VPN")).await);
    // The port authority acts: the first action on its list.
    nhta.send(b"3").await;
    nhta.send(b"\r").await;
    nhta.settle(Duration::from_millis(300)).await;
    nhta.send(b"\r\r\r\ry").await;
    nhta.settle(Duration::from_millis(300)).await;
    white.command("step 3").await;
    white.settle(Duration::from_millis(500)).await;
    host.kill();
    let codes = host.codes.clone();
    let session = host.session.clone();
    let journal = host.journal();

    let resumed = Host::start(data.path(), &["--resume", &session]);
    assert_eq!(resumed.codes, codes, "the seats keep their codes");
    let mut nhta = Term::join(&resumed, "nhta").await;
    assert!(
        nhta.wait_for(|s| s.contains("Advisory: VPN")).await,
        "{}",
        nhta.text()
    );
    nhta.hang_up().await;
    drop(resumed);

    // The same commands at the same ticks, without the crash, reach the same state.
    let restored = kunren::session::restore(
        &data
            .path()
            .join("sessions")
            .join(format!("{session}.jsonl")),
    )
    .unwrap();
    let mut fresh = kunren::sim::Simulation::new(restored.scenario.clone(), 7);
    for (tick, command) in &restored.submitted {
        while fresh.tick() != *tick {
            fresh.step();
        }
        fresh.submit(command.clone());
    }
    while fresh.tick() != restored.sim.tick() {
        fresh.step();
    }
    assert!(
        journal.contains("\"Command\""),
        "commands were given:\n{journal}"
    );
    assert_eq!(restored.sim.tick(), Some(6), "{journal}");
    assert_eq!(
        kunren::summary::state_hash(&restored.sim),
        kunren::summary::state_hash(&fresh)
    );
    white.hang_up().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_facilitator_sees_the_room_drops_a_connection_and_reissues_a_code() {
    let data = data_dir();
    let mut host = Host::start(data.path(), &[FLAGSHIP]);
    let mut white = Term::join_sized(&host, "white", 120, 40).await;
    let mut nhta = Term::join(&host, "nhta").await;
    let _nhta2 = Term::join(&host, "nhta").await;
    white.send(b"R").await;
    assert!(
        white
            .wait_for(|s| s.contains("Roster") && s.contains("2 connected"))
            .await,
        "{}",
        white.text()
    );
    assert!(
        white.text().contains("nhta joined from 127.0.0.1"),
        "{}",
        white.text()
    );
    let mlit = host.log().iter().any(|l| l.contains("mlit"));
    assert!(!mlit);
    // The rows: white, mlit, nhta and its two connections. Drop the first of nhta's.
    white.send(b"jjj").await;
    white.send(b"x").await;
    assert!(
        nhta.wait_for(|_| false).await || nhta.closed,
        "the dropped client is closed"
    );
    assert!(
        white.wait_for(|s| s.contains("1 connected")).await,
        "{}",
        white.text()
    );
    // A new code for nhta: the old one stops working, the new one opens the seat.
    white.send(b"c").await;
    assert!(
        white.wait_for(|s| s.contains("New code for nhta")).await,
        "{}",
        white.text()
    );
    let line = white
        .text()
        .lines()
        .find(|l| l.contains("New code for nhta"))
        .unwrap()
        .to_string();
    let new = line
        .split("New code for nhta: ")
        .nth(1)
        .unwrap()
        .split('.')
        .next()
        .unwrap()
        .to_string();
    assert!(
        login(&host, "nhta", host.code("nhta")).await.is_none(),
        "the old code is revoked"
    );
    host.codes.insert("nhta".into(), new.clone());
    let again = Term::join(&host, "nhta").await;
    let kept = std::fs::read_to_string(
        data.path()
            .join("sessions")
            .join(format!("{}.codes", host.session)),
    )
    .unwrap();
    assert!(kept.contains(&new), "the new code is kept for a resume");
    again.hang_up().await;
    white.hang_up().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joins_and_leaves_show_on_the_white_cells_timeline_and_not_the_teams() {
    let data = data_dir();
    let mut host = Host::start(data.path(), &[FLAGSHIP]);
    let mut white = Term::join_sized(&host, "white", 140, 40).await;
    // The timeline is the sixth of the facilitator's screens.
    white.send(b"6").await;
    assert!(
        white
            .wait_for(|s| s.contains("[room] white joined from 127.0.0.1"))
            .await,
        "{}",
        white.text()
    );
    let mut nhta = Term::join_sized(&host, "nhta", 140, 40).await;
    assert!(
        white
            .wait_for(|s| s.contains("[room] nhta joined from 127.0.0.1"))
            .await,
        "{}",
        white.text()
    );
    for tab in b"12345" {
        nhta.send(&[*tab]).await;
        nhta.settle(Duration::from_millis(300)).await;
        assert!(
            !nhta.text().contains("[room]") && !nhta.text().contains("127.0.0.1"),
            "a team's screen shows nothing of the room:\n{}",
            nhta.text()
        );
    }
    nhta.hang_up().await;
    assert!(
        white
            .wait_for(|s| s.contains("[room] nhta left, from 127.0.0.1"))
            .await,
        "{}",
        white.text()
    );
    white.hang_up().await;
    host.stop();
    let presence = host
        .journal()
        .lines()
        .filter(|l| l.contains("Presence"))
        .count();
    assert!(
        presence >= 3,
        "joins and leaves are journaled:\n{}",
        host.journal()
    );
}
