//! `kunren view`: what a team's console shows at a moment, headless (the work is in
//! [`crate::briefing`]).

use std::io::Write;

use clap::Args;

use super::Error;
use crate::briefing;
use crate::headless::Exercise;
use crate::lang::Lang;

// `kunren view`
#[derive(Args)]
pub struct View {
    /// A scenario file, or the id of a built-in scenario.
    pub scenario: String,
    /// The team's id.
    #[arg(long)]
    pub seat: String,
    /// A tick number (e.g. 48) or a duration from the start (e.g. "1d6h").
    #[arg(long)]
    pub at: String,
    /// A decisions file, or the name of a built-in decision set ("historical", "prepared").
    #[arg(long)]
    pub decisions: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print the view as JSON.
    #[arg(long)]
    pub json: bool,
    /// The language to read it in: en (English, the default) or ja (Japanese).
    #[arg(long, default_value = "en")]
    pub lang: Lang,
}

impl View {
    pub fn run(self) -> Result<(), Error> {
        let exercise = Exercise::named(&self.scenario)?;
        let team = briefing::team(&exercise.scenario, &self.seat)?;
        let tick = briefing::tick(&exercise.scenario, &self.at)?;
        let exercise = exercise.with_decisions(self.decisions.as_deref())?;
        let view = briefing::view(
            exercise.scenario.clone(),
            exercise.decisions.as_ref(),
            self.seed,
            team,
            tick,
            self.lang,
        );
        let text = if self.json {
            serde_json::to_string_pretty(&view)? + "\n"
        } else {
            briefing::to_text(&view, &exercise.scenario, self.lang)
        };
        // A reader that stops early (`| head`) is not an error.
        match std::io::stdout().lock().write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
                path: "standard output".into(),
                source: e,
            }),
            _ => Ok(()),
        }
    }
}
