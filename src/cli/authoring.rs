//! Writing scenarios: `scenarios` lists the built-in ones, `new` starts one, `lint` warns about
//! design problems, `explain` reads one back.

use crate::printable::printable;
use std::path::PathBuf;

use clap::Args;

use super::{Error, print_out, report, report_diagnostics, write_new_file};
use crate::authoring::{explain, lint, template};
use crate::library;
use crate::scenario;

// `kunren scenarios`
#[derive(Args)]
pub struct Scenarios {}

impl Scenarios {
    pub fn run(self) -> Result<(), Error> {
        for b in library::BUILTINS {
            let sets: Vec<&str> = b.decisions.iter().map(|(n, _, _)| *n).collect();
            println!("{:<28} decision sets: {}", b.id, sets.join(", "));
        }
        Ok(())
    }
}

// `kunren new`
#[derive(Args)]
pub struct New {
    /// The new scenario's id (letters, digits, '-' and '_'); also its file name.
    pub name: String,
    /// Where to write it [default: NAME.ron]; an existing file is never overwritten.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Start from a built-in scenario instead of the small template.
    #[arg(long)]
    pub from: Option<String>,
}

impl New {
    /// Writes a starting scenario, refusing to overwrite anything.
    pub fn run(self) -> Result<(), Error> {
        let name = &self.name;
        let text = match self.from.as_deref() {
            None => template::scenario(name)?,
            Some(id) => {
                let b = library::builtin(id).ok_or_else(|| Error::NoBuiltin(id.to_string()))?;
                template::copy_of(b.source, b.id, name)?
            }
        };
        let path = self
            .output
            .unwrap_or_else(|| PathBuf::from(format!("{name}.ron")));
        write_new_file(&path, &text).map_err(|e| match e {
            Error::FileExists(path) => Error::ScenarioExists(path),
            e => e,
        })?;
        println!(
            "wrote {}; next: kunren validate {0}, kunren explain {0}, kunren lint {0}",
            path.display()
        );
        Ok(())
    }
}

// `kunren lint`
#[derive(Args)]
pub struct Lint {
    /// Scenario files or ids of built-in scenarios.
    #[arg(required = true)]
    pub scenarios: Vec<String>,
    /// Also run a quick analysis (`--deep-runs` runs per shipped decision set, or of the
    /// scenario's doctrine alone) and warn about objectives met in no run or in every run,
    /// injects that never go out and actions nobody takes.
    #[arg(long)]
    pub deep: bool,
    /// Runs per decision set for --deep.
    #[arg(long, default_value_t = 300, requires = "deep")]
    pub deep_runs: u64,
}

impl Lint {
    /// Lints every scenario; an invalid one gets its validation report instead.
    pub fn run(self) -> Result<(), Error> {
        let (mut warnings, mut invalid, mut files) = (0, 0, 0);
        for name in &self.scenarios {
            let (source, file) = match library::source(name) {
                Ok(s) => s,
                Err(e) => {
                    report(&e.into());
                    invalid += 1;
                    continue;
                }
            };
            if scenario::is_decisions(&source) {
                // Lint judges exercise design; a decisions file is checked by `kunren validate`.
                println!("{file}: a decisions file, not linted (`kunren validate` checks it)");
                continue;
            }
            files += 1;
            let builtin = (!std::path::Path::new(name).exists())
                .then(|| library::builtin(name))
                .flatten();
            let deep = |s: &std::sync::Arc<crate::scenario::Scenario>| {
                if self.deep {
                    crate::analysis::deep(s, builtin, self.deep_runs)
                } else {
                    Vec::new()
                }
            };
            match lint::lint_with(&source, &file, deep) {
                Err(diags) => {
                    report_diagnostics(&diags);
                    invalid += 1;
                }
                Ok(found) if found.is_empty() => println!("{}", found.summary()),
                Ok(found) => {
                    warnings += found.len();
                    let handler = miette::GraphicalReportHandler::new();
                    let mut out = String::new();
                    match handler.render_report(&mut out, &found.report()) {
                        Ok(()) => eprint!("{out}"),
                        Err(_) => eprintln!("{}", printable(&found.to_string())),
                    }
                }
            }
        }
        if warnings == 0 && invalid == 0 {
            return Ok(());
        }
        Err(Error::Findings {
            warnings,
            files,
            invalid,
        })
    }
}

// `kunren explain`
#[derive(Args)]
pub struct Explain {
    /// A scenario file, or the id of a built-in scenario.
    pub scenario: String,
}

impl Explain {
    pub fn run(self) -> Result<(), Error> {
        let (scenario, _) = library::load(&self.scenario)?;
        print_out(&printable(&explain::explain(&scenario)))?;
        Ok(())
    }
}
