//! `kunren analyze`: a scenario over many seeds and decision sets, in parallel (the work is
//! `analysis`); `--shard K/N` writes one slice's partial result and `kunren analyze merge`
//! combines the slices into what the unsharded run prints.

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Error;
use crate::analysis::shard::{self, Partial};
use crate::analysis::{self, Analysis, Layout, Seeds, SetRecords};
use crate::headless::Exercise;
use crate::library::{self, Builtin};
use crate::scenario::{Decisions, LoadError, Scenario};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Analyze {
    #[command(subcommand)]
    pub merge: Option<MergeCmd>,
    /// A scenario file, or the id of a built-in scenario.
    #[arg(required = true)]
    pub scenario: Option<String>,
    /// Decision sets to compare: files, names of the built-in scenario's sets, or "none" (the
    /// scenario's doctrine only) [default: every built-in set, else none].
    #[arg(long, num_args = 1..)]
    pub decisions: Vec<String>,
    /// Runs per decision set, seeds 1 to N.
    #[arg(long, default_value_t = 200, conflicts_with = "seeds")]
    pub runs: u64,
    /// The seeds to run: A..B (B left out) or A..=B.
    #[arg(long)]
    pub seeds: Option<String>,
    /// Threads to run on [default: the machine's cores]; the result is the same for any number.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Run only the K-th of N slices of the seeds and write its partial result (JSON) for
    /// `kunren analyze merge`.
    #[arg(long, conflicts_with_all = ["json", "jsonl"])]
    pub shard: Option<String>,
    #[command(flatten)]
    pub out: Output,
}

#[derive(Subcommand)]
pub enum MergeCmd {
    /// Combine the partial results of `--shard 1/N` ... `--shard N/N` into exactly what the
    /// unsharded analysis prints.
    Merge(Merge),
}

#[derive(Args)]
pub struct Merge {
    /// The slices' partial-result files, each once, in any order.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub out: Output,
}

#[derive(Args)]
pub struct Output {
    /// Print the analysis as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write every run's record to FILE, one JSON line per run.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// Write the analysis to FILE.html, FILE.md, FILE.json or FILE.txt instead of standard
    /// output (with --shard: the partial result).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl Analyze {
    pub fn run(self) -> Result<(), Error> {
        if let Some(MergeCmd::Merge(m)) = self.merge {
            return m.run();
        }
        let name = self.scenario.unwrap_or_default();
        let exercise = Exercise::named(&name)?;
        let sets = decision_sets(
            &exercise.scenario,
            exercise.builtin,
            exercise.file.as_deref(),
            &self.decisions,
        )?;
        let seeds = match &self.seeds {
            Some(s) => Seeds::parse(s).ok_or_else(|| Error::Seeds(s.clone()))?,
            None => Seeds::runs(self.runs),
        };
        let threads = self
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let layout = Layout::of(&exercise.scenario);
        let Some(spec) = self.shard else {
            let records = run(&exercise.scenario, &sets, Some(seeds), threads);
            return self.out.write(&layout, seeds, &records);
        };
        let (k, n) = shard::parse_shard(&spec).ok_or_else(|| Error::Shard(spec.clone()))?;
        let records = run(&exercise.scenario, &sets, seeds.shard(k, n), threads);
        let partial = Partial {
            format: shard::FORMAT,
            kunren: env!("CARGO_PKG_VERSION").into(),
            layout,
            seeds,
            shard: (k, n),
            sets: records,
        };
        let text = serde_json::to_string(&partial)? + "\n";
        write_to(self.out.output.as_deref(), &text)
    }
}

impl Merge {
    pub fn run(self) -> Result<(), Error> {
        let mut parts = Vec::new();
        for path in &self.files {
            let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            let file = path.display().to_string();
            parts.push((file.clone(), shard::read(&text, &file)?));
        }
        let (layout, seeds, records) = shard::merge(parts)?;
        self.out.write(&layout, seeds, &records)
    }
}

impl Output {
    fn write(&self, layout: &Layout, seeds: Seeds, records: &[SetRecords]) -> Result<(), Error> {
        if let Some(path) = &self.jsonl {
            let mut text = String::new();
            for set in records {
                for r in &set.records {
                    let line = serde_json::json!({ "set": set.name, "run": r });
                    text.push_str(&serde_json::to_string(&line)?);
                    text.push('\n');
                }
            }
            write_to(Some(path), &text)?;
        }
        let analysis = Analysis::new(layout, seeds, records);
        let json = || serde_json::to_string_pretty(&analysis).map(|j| j + "\n");
        let text = match &self.output {
            None if self.json => json()?,
            None => analysis.to_text(),
            Some(path) => match path.extension().and_then(|e| e.to_str()) {
                Some("html") => analysis.to_html(),
                Some("md") => analysis.to_markdown(),
                Some("json") => json()?,
                Some("txt") => analysis.to_text(),
                _ => return Err(Error::OutputKind(path.clone())),
            },
        };
        write_to(self.output.as_deref(), &text)
    }
}

/// The decision sets named, loaded once; none named means every built-in set of a built-in
/// scenario, or the scenario's own doctrine ("none") for a file. A name is looked for as a file,
/// then as a built-in set, then beside the scenario file (as `kunren run` does).
fn decision_sets(
    scenario: &Scenario,
    builtin: Option<&Builtin>,
    file: Option<&Path>,
    names: &[String],
) -> Result<Vec<(String, Option<Decisions>)>, Error> {
    let names: Vec<String> = if names.is_empty() {
        match builtin {
            Some(b) if !b.decisions.is_empty() => {
                b.decisions.iter().map(|(n, _, _)| n.to_string()).collect()
            }
            _ => vec!["none".into()],
        }
    } else {
        names.to_vec()
    };
    names
        .into_iter()
        .map(|n| {
            if n == "none" && !Path::new(&n).exists() {
                return Ok((n, None));
            }
            let d = library::load_decisions(&n, scenario, builtin, file)?;
            Ok((n, Some(d)))
        })
        .collect()
}

/// Runs every set over `seeds` (none: an empty slice), with a progress bar on a terminal.
fn run(
    scenario: &Arc<Scenario>,
    sets: &[(String, Option<Decisions>)],
    seeds: Option<Seeds>,
    threads: usize,
) -> Vec<SetRecords> {
    let Some(seeds) = seeds else {
        return sets
            .iter()
            .map(|(name, _)| SetRecords {
                name: name.clone(),
                records: Vec::new(),
            })
            .collect();
    };
    let bar = ProgressBar::with_draw_target(
        Some(seeds.count() * sets.len() as u64),
        if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} runs, {per_sec}, {eta} left")
    {
        bar.set_style(style);
    }
    let records = analysis::run_sets(scenario, sets, seeds, threads, &|| bar.inc(1));
    bar.finish_and_clear();
    records
}

fn write_to(path: Option<&Path>, text: &str) -> Result<(), Error> {
    match path {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|source| Error::Write {
                    path: PathBuf::from("standard output"),
                    source,
                })
        }
        Some(path) => std::fs::write(path, text).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        }),
    }
}
