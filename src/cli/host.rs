//! `kunren host`: a live session that every team joins with plain `ssh` (the work is in
//! [`crate::host`]; this is its command line).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::Error;
use crate::host::{self, Host};
use crate::library;
use crate::scenario::LoadError;
use crate::session::live::Live;
use crate::session::{self, ScenarioText};

#[derive(Args)]
pub struct HostCmd {
    /// A scenario file, or the id of a built-in scenario.
    #[arg(default_value = library::DEFAULT, conflicts_with = "resume")]
    pub scenario: String,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to accept connections; anything but loopback must be asked for.
    #[arg(long, value_name = "ADDR:PORT", default_value = host::DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// No console in this terminal: print one `seat <id> <code>` line per seat, then log joins
    /// and leaves until stopped (Ctrl-C).
    #[arg(long)]
    pub headless: bool,
    /// Host a session again after a crash or a stop, rebuilt from its journal; the seats keep
    /// their codes.
    #[arg(long, value_name = "SESSION")]
    pub resume: Option<String>,
    /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the per-user data directory].
    #[arg(long, value_name = "DIR")]
    pub session_dir: Option<PathBuf>,
    /// The language of the white cell's console in this terminal: en (the default) or ja. Each
    /// person over SSH chooses their own at login (SEAT+ja).
    #[arg(long, default_value = "en")]
    pub lang: crate::lang::Lang,
}

impl HostCmd {
    pub fn run(self) -> Result<(), Error> {
        if !self.headless {
            crate::tui::ensure_terminal().map_err(Error::Terminal)?;
        }
        let dir = session::sessions_dir(self.session_dir.as_deref())?;
        let (live, path, session) = match &self.resume {
            None => {
                let text = ScenarioText::named(&self.scenario)?;
                let scn = Arc::new(text.parse().map_err(LoadError::Invalid)?);
                let mut live = Live::new(scn.clone(), self.seed);
                let (journal, session) = session::start(&dir, &scn, &text, self.seed, None)?;
                let path = journal.path().to_path_buf();
                live.keep_journal(journal);
                (live, path, session)
            }
            Some(name) => {
                let path = session::locate(&dir, Some(name))?;
                // Locked before it is read: a second host (or console) on the same session is
                // refused before it reads or cuts anything.
                let (restored, reopened) = session::resume(&path)?.reopen()?;
                if let Some(warning) = restored.resumed_warning(reopened.damaged_copy.as_deref()) {
                    eprintln!("{warning}");
                }
                let journal = reopened.journal;
                let session::Restored {
                    name: session,
                    header,
                    scenario,
                    sim,
                    submitted,
                    pace,
                    evaluation,
                    ..
                } = restored;
                let mut live = Live::resumed(scenario, header.seed, sim, submitted);
                live.restore_evaluation(evaluation);
                // The facilitator's timeline keeps the joins and leaves from before the crash.
                if let Ok(contents) = session::journal::read(&path) {
                    live.restore_presences(contents.entries.iter().map(|l| &l.entry));
                }
                live.keep_journal(journal);
                if let Some(pace) = pace {
                    live.resume_pace(pace);
                }
                (live, path, session)
            }
        };
        let host = Host::new(live, &path, &dir, self.headless)?;
        let listener = Host::bind(self.listen)?;
        let addr = listener.local_addr().map_err(host::HostError::Io)?;
        print!("{}", host.listing(addr, self.headless));
        if self.headless {
            println!("session {session}");
        } else {
            println!("\nsession {session}; press Enter to open the white cell's console.");
            let _ = std::io::stdin().read_line(&mut String::new());
        }
        std::io::Write::flush(&mut std::io::stdout()).map_err(host::HostError::Io)?;
        if self.headless {
            host.serve(listener, host::wait_for_signal)?;
        } else {
            let lang = self.lang;
            host.serve(listener, move |shared| host::local::run(shared, lang))?;
        }
        eprintln!("session {session} stopped; resume it with: kunren host --resume {session}");
        Ok(())
    }
}
