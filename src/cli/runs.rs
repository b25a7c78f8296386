//! Files and headless runs: `validate` checks scenario and decisions files, `run` plays a
//! scenario to its end and prints its summary, `report` writes the after-action report of such
//! a run or of a recorded session.

use crate::printable::printable;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Error, print_out, report, report_diagnostics};
use crate::authoring::check::{self, Outcome};
use crate::headless::Exercise;
use crate::lang::Lang;
use crate::library;
use crate::report::{self as aar, KeyKind};
use crate::scenario::{LoadError, Scenario};
use crate::session::{self, Reading};
use crate::simtime::Minutes;
use crate::summary;

// `kunren validate`
#[derive(Args)]
pub struct Validate {
    /// Scenario files and decisions files (a decisions file is checked against the scenario it names).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

impl Validate {
    /// Validates every file; reports all problems of all files; fails if any file has one.
    pub fn run(self) -> Result<(), Error> {
        let mut failed = false;
        for checked in check::files(&self.files) {
            failed |= !checked.is_ok();
            match checked.outcome {
                Outcome::Scenario { .. } | Outcome::Decisions { .. } => println!("{checked}"),
                Outcome::Unreadable(e) => report(&Error::Load(e)),
                Outcome::Invalid(d) => report_diagnostics(&d),
            }
        }
        if failed {
            Err(Error::ValidationFailed)
        } else {
            Ok(())
        }
    }
}

// `kunren run`
#[derive(Args)]
pub struct Run {
    /// A scenario file, or the id of a built-in scenario.
    #[arg(default_value = library::DEFAULT)]
    pub scenario: String,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A decisions file, or the name of a built-in decision set ("historical", "prepared").
    #[arg(long)]
    pub decisions: Option<String>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// How often measures are sampled in the summary.
    #[arg(long, default_value = "6h")]
    pub sample: String,
}

impl Run {
    pub fn run(self) -> Result<(), Error> {
        let exercise = Exercise::named(&self.scenario)?;
        let sample = Minutes::parse(&self.sample).map_err(Error::Sample)?;
        let exercise = exercise.with_decisions(self.decisions.as_deref())?;
        let every = exercise.scenario.clock.ticks(sample).max(1);
        let sim = exercise.run(self.seed);
        let summary = summary::summarise(&sim, self.seed, self.decisions, every);
        if self.json {
            print_out(&format!("{}\n", serde_json::to_string_pretty(&summary)?))
        } else {
            print_out(&printable(&summary.to_text()))
        }
    }
}

// `kunren report`
#[derive(Args)]
pub struct Report {
    /// A session (its name from `kunren sessions`, or a journal file), reported where it
    /// stands; or a scenario file or built-in id, run headlessly to its end.
    pub scenario: String,
    /// A decisions file, or the name of a built-in decision set ("historical", "prepared").
    #[arg(long)]
    pub decisions: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The facilitator's ratings file (RON): ratings, comments, strengths, plan rows.
    #[arg(long)]
    pub ratings: Option<PathBuf>,
    /// md, html, or pdf (pdf needs -o FILE.pdf).
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// The PDF's paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Only these kinds in the timeline, comma-separated: inject, action, impact, detection,
    /// objective, adjudication [default: all].
    #[arg(long, value_delimiter = ',')]
    pub timeline: Vec<String>,
    /// Write the report here instead of to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The language to write it in: en (English, the default) or ja (Japanese).
    #[arg(long, default_value = "en")]
    pub lang: Lang,
    /// Where sessions are kept [default: $KUNREN_DATA_DIR/sessions, else the user's data directory].
    #[arg(long)]
    pub session_dir: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Pdf,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

impl Report {
    /// Reports a session where it stands, or runs a scenario headlessly to its end and reports
    /// that run.
    pub fn run(self) -> Result<(), Error> {
        let run_date = Some(time::OffsetDateTime::now_utc().date().to_string());
        // A session first: the exercise as it was played, from its journal.
        if let Some(path) = session::find_named(self.session_dir.as_deref(), &self.scenario)? {
            let restored = session::restore(&path)?;
            if let Some(warning) = restored.damage_warning(Reading::Report) {
                eprintln!("{warning}");
            }
            // What was entered in the console, with the ratings file (if any) laid over it.
            let mut ratings = restored.evaluation.clone();
            ratings.overlay(load_ratings(self.ratings.as_deref(), &restored.scenario)?);
            let input = aar::ReportInput {
                ratings,
                seed: Some(restored.header.seed),
                decisions: Some(format!("session {}", restored.name)),
                run_date,
                timeline: timeline_kinds(&self.timeline)?,
                lang: self.lang,
            };
            return self.write(&aar::build(&restored.sim, &input));
        }
        let exercise =
            Exercise::named(&self.scenario)?.with_decisions(self.decisions.as_deref())?;
        let input = aar::ReportInput {
            ratings: load_ratings(self.ratings.as_deref(), &exercise.scenario)?,
            seed: Some(self.seed),
            decisions: self.decisions.clone(),
            run_date,
            timeline: timeline_kinds(&self.timeline)?,
            lang: self.lang,
        };
        self.write(&aar::build(&exercise.run(self.seed), &input))
    }

    fn write(&self, report: &aar::AfterAction) -> Result<(), Error> {
        let format = match self.format {
            Format::Md => aar::Format::Markdown,
            Format::Html => aar::Format::Html,
            // A PDF is not for a terminal: it goes to a file only.
            Format::Pdf if self.output.is_none() => return Err(Error::PdfNeedsOutput),
            Format::Pdf => aar::Format::Pdf(match self.paper {
                PaperArg::A4 => aar::Paper::A4,
                PaperArg::Letter => aar::Paper::Letter,
            }),
        };
        let rendered = report.write_as(format)?;
        if let (Some(warning), Some(path)) = (&rendered.warning, &self.output) {
            eprintln!("warning: {warning} ({})", path.display());
        }
        let text = rendered.bytes;
        match &self.output {
            None => {
                use std::io::Write as _;
                // Scenario text reaches a terminal only through `printable`.
                let text = String::from_utf8_lossy(&text);
                let shown = printable(&text);
                let mut out = std::io::stdout().lock();
                out.write_all(shown.as_bytes())
                    .and_then(|()| out.flush())
                    .map_err(Error::Stdout)?;
            }
            Some(path) => crate::durable::write(path, &text).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?,
        }
        Ok(())
    }
}

/// The facilitator's ratings, checked against the scenario; none without a file.
fn load_ratings(ratings: Option<&Path>, scn: &Scenario) -> Result<aar::Ratings, Error> {
    let Some(path) = ratings else {
        return Ok(aar::Ratings::default());
    };
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file = path.display().to_string();
    let ratings = aar::Ratings::parse(&text, &file)?;
    ratings.check(scn, &file)?;
    Ok(ratings)
}

fn timeline_kinds(timeline: &[String]) -> Result<Vec<KeyKind>, Error> {
    timeline
        .iter()
        .map(|k| KeyKind::parse(k).ok_or_else(|| Error::TimelineKind(k.clone())))
        .collect()
}
