//! Load on `kunren host`: N concurrent SSH sessions over loopback against one host (the real
//! binary, headless, on the largest built-in scenario), each on a seat. The white cell steps the
//! clock once a second; for each step, the time from the keypress to every client showing the
//! new simulated time on its screen. Also the host's CPU time and resident memory per session.
//!
//! Not a test: run it by hand, on a quiet machine if you can.
//!   cargo bench --bench host_load -- [SESSIONS] [STEPS]      (default 500 sessions, 20 steps)

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client;
use tokio::sync::watch;

const SCENARIO: &str = "multinational-drill";
const COLS: u16 = 100;
const ROWS: u16 = 30;

struct Trust;

impl client::Handler for Trust {
    type Error = russh::Error;
    async fn check_server_key(
        &mut self,
        _key: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// The simulated time in the header's right corner ("Mon 01 Nov 00:15").
fn header_time(screen: &vt100::Screen) -> String {
    let top = screen.rows(0, COLS).next().unwrap_or_default();
    let words: Vec<&str> = top.split_whitespace().collect();
    // ... "Mon" "01" "Nov" "00:15" "PAUSED"
    words
        .iter()
        .position(|w| w.len() == 5 && w.as_bytes()[2] == b':')
        .map(|i| words[i].to_string())
        .unwrap_or_default()
}

struct Session {
    handle: client::Handle<Trust>,
    channel: russh::Channel<client::Msg>,
}

async fn open(addr: SocketAddr, seat: &str, code: &str) -> Session {
    let config = Arc::new(client::Config {
        inactivity_timeout: None,
        ..Default::default()
    });
    let mut handle = client::connect(config, addr, Trust).await.expect("connect");
    assert!(
        handle
            .authenticate_password(seat, code)
            .await
            .expect("auth")
            .success(),
        "login as {seat}"
    );
    let channel = handle.channel_open_session().await.expect("channel");
    channel
        .request_pty(true, "xterm", COLS.into(), ROWS.into(), 0, 0, &[])
        .await
        .expect("pty");
    channel.request_shell(true).await.expect("shell");
    Session { handle, channel }
}

fn proc_stat(pid: u32) -> (f64, u64) {
    let ticks = 100.0; // USER_HZ on Linux
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let cpu = (f.get(11).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0))
        / ticks;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss_kib = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    (cpu, rss_kib)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let sessions: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(500);
    let steps: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kunren"))
        .args(["host", SCENARIO, "--headless", "--listen", "127.0.0.1:0"])
        .env("KUNREN_DATA_DIR", data.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the host starts");
    let pid = child.id();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (mut codes, mut addr) = (BTreeMap::new(), None::<SocketAddr>);
    let mut line = String::new();
    loop {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            panic!("the host stopped");
        }
        let w: Vec<&str> = line.split_whitespace().collect();
        match w.as_slice() {
            ["seat", id, code] => {
                codes.insert(id.to_string(), code.to_string());
            }
            ["listening", a] => addr = Some(a.parse().unwrap()),
            ["session", _] => break,
            _ => {}
        }
    }
    std::thread::spawn(move || for _ in out.lines() {});
    let addr = addr.unwrap();
    let seats: Vec<String> = codes.keys().filter(|s| *s != "white").cloned().collect();
    let (_, rss_idle) = proc_stat(pid);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let white = open(addr, "white", &codes["white"]).await;
        // Each client reports (step, time the new screen arrived).
        let (arrived_tx, mut arrived_rx) = tokio::sync::mpsc::unbounded_channel::<(usize, Instant)>();
        // The simulated time each step leads to, set by the white cell's own screen.
        let (expect_tx, expect_rx) = watch::channel::<(usize, String)>((usize::MAX, String::new()));
        let connect_start = Instant::now();
        let mut joined = 0;
        let mut tasks = Vec::new();
        for batch in (0..sessions.saturating_sub(1)).collect::<Vec<_>>().chunks(25) {
            let opened = futures_join(batch.iter().map(|i| {
                let seat = seats[i % seats.len()].clone();
                let code = codes[&seat].clone();
                async move { open(addr, &seat, &code).await }
            }))
            .await;
            for s in opened {
                joined += 1;
                let tx = arrived_tx.clone();
                let mut expect = expect_rx.clone();
                tasks.push(tokio::spawn(async move {
                    let Session { handle, mut channel } = s;
                    let _keep = handle;
                    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
                    let mut reported = usize::MAX;
                    loop {
                        tokio::select! {
                            msg = channel.wait() => match msg {
                                Some(ChannelMsg::Data { data }) => {
                                    parser.process(&data);
                                }
                                Some(ChannelMsg::Eof | ChannelMsg::Close) | None => break,
                                _ => {}
                            },
                            r = expect.changed() => if r.is_err() { break },
                        }
                        let (step, want) = expect.borrow().clone();
                        if step != reported && !want.is_empty() && header_time(parser.screen()) == want {
                            reported = step;
                            let _ = tx.send((step, Instant::now()));
                        }
                    }
                }));
            }
        }
        let connect_time = connect_start.elapsed();
        tokio::time::sleep(Duration::from_secs(2)).await;
        let (cpu0, rss_joined) = proc_stat(pid);
        let t0 = Instant::now();

        // The white cell steps; its own screen tells the new time, then every client's must.
        let Session { handle: _white_handle, channel: mut wch } = white;
        let mut wparser = vt100::Parser::new(ROWS, COLS, 0);
        // The first step only starts the clock at tick 0, where the time shown does not move.
        wch.data_bytes(&b"."[..]).await.unwrap();
        let settle = Instant::now() + Duration::from_secs(1);
        while let Ok(Some(msg)) = tokio::time::timeout_at(settle.into(), wch.wait()).await {
            if let ChannelMsg::Data { data } = msg {
                wparser.process(&data);
            }
        }
        let mut latencies = Vec::new();
        let mut missing = 0usize;
        for step in 0..steps {
            let before = header_time(wparser.screen());
            let pressed = Instant::now();
            wch.data_bytes(&b"."[..]).await.unwrap();
            // Read the white cell's screen until the time moves.
            let want = loop {
                match tokio::time::timeout(Duration::from_secs(10), wch.wait()).await {
                    Ok(Some(ChannelMsg::Data { data })) => {
                        wparser.process(&data);
                        let now = header_time(wparser.screen());
                        if !now.is_empty() && now != before {
                            break now;
                        }
                    }
                    Ok(Some(_)) => {}
                    _ => panic!("the white cell's screen stopped"),
                }
            };
            let _ = expect_tx.send((step, want));
            let deadline = Instant::now() + Duration::from_secs(5);
            let mut got = 0;
            while got < joined {
                match tokio::time::timeout_at(deadline.into(), arrived_rx.recv()).await {
                    Ok(Some((s, at))) if s == step => {
                        got += 1;
                        latencies.push(at.duration_since(pressed).as_secs_f64() * 1000.0);
                    }
                    Ok(Some(_)) => {}
                    _ => break,
                }
            }
            missing += joined - got;
            let spent = pressed.elapsed();
            if spent < Duration::from_secs(1) {
                tokio::time::sleep(Duration::from_secs(1) - spent).await;
            }
        }
        let elapsed = t0.elapsed().as_secs_f64();
        let (cpu1, rss_end) = proc_stat(pid);
        latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let n = joined + 1;
        println!("host_load: {n} SSH sessions on {SCENARIO}, {COLS}x{ROWS}, {steps} steps one second apart");
        println!("  connected in {:.1} s", connect_time.as_secs_f64());
        println!(
            "  tick to screen: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms over {} screens ({} missed)",
            percentile(&latencies, 0.5),
            percentile(&latencies, 0.99),
            latencies.last().copied().unwrap_or(f64::NAN),
            latencies.len(),
            missing
        );
        println!(
            "  host CPU while stepping: {:.1}% of one core ({:.2} ms per session per second)",
            (cpu1 - cpu0) / elapsed * 100.0,
            (cpu1 - cpu0) / elapsed / n as f64 * 1000.0
        );
        println!(
            "  host memory: {:.1} MiB idle, {:.1} MiB with {n} sessions, {:.2} MiB per session (end {:.1} MiB)",
            rss_idle as f64 / 1024.0,
            rss_joined as f64 / 1024.0,
            (rss_joined.saturating_sub(rss_idle)) as f64 / 1024.0 / n as f64,
            rss_end as f64 / 1024.0
        );
        for t in tasks {
            t.abort();
        }
    });
    let _ = child.kill();
    let _ = child.wait();
}

/// Runs futures concurrently and collects their outputs in order.
async fn futures_join<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.expect("a connection task"));
    }
    out
}
