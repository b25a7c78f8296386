//! What the test modules share: the real binary, built-in scenarios and decision sets, a
//! headless run, and the statistics the comparisons over many seeds use.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use kunren::scenario::{self, Decisions, Scenario};
use kunren::sim::Simulation;
use kunren::summary::{self, RunSummary};
use kunren::{headless, library};

/// The package root: where `scenarios/`, `tests/fixtures` and `tests/broken` are.
pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `kunren` binary without colour, started in the package root.
pub fn kunren_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kunren"));
    command.current_dir(manifest_dir()).env("NO_COLOR", "1");
    command
}

/// Runs `kunren ARGS` in the package root.
pub fn kunren(args: &[&str]) -> Output {
    output(kunren_command().args(args))
}

/// Runs `kunren ARGS` in `dir`.
pub fn kunren_in(args: &[&str], dir: &Path) -> Output {
    output(kunren_command().args(args).current_dir(dir))
}

/// Runs `kunren ARGS` in the package root, keeping sessions under `data`.
pub fn kunren_with_data(args: &[&str], data: &Path) -> Output {
    output(kunren_command().args(args).env("KUNREN_DATA_DIR", data))
}

fn output(command: &mut Command) -> Output {
    command.output().expect("the binary runs")
}

/// Printed output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A built-in scenario, validated.
pub fn builtin(id: &str) -> Arc<Scenario> {
    let b = library::builtin(id).unwrap_or_else(|| panic!("{id} is not built in"));
    Arc::new(scenario::parse(b.source, b.path).unwrap_or_else(|e| panic!("{id}: {e}")))
}

/// The flagship scenario.
pub fn flagship() -> Arc<Scenario> {
    builtin(library::FLAGSHIP)
}

/// One of a built-in scenario's decision sets, validated against `s`.
pub fn decision_set(id: &str, s: &Scenario, name: &str) -> Decisions {
    let b = library::builtin(id).unwrap_or_else(|| panic!("{id} is not built in"));
    let (path, source) = b
        .decision_set(name)
        .unwrap_or_else(|| panic!("{id} has no decision set {name}"));
    scenario::parse_decisions(source, path, s).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A scenario run without a screen to its end, following `decisions` if given: the library's
/// one headless run, as `kunren run` and `kunren report` make it.
pub fn simulate(s: &Arc<Scenario>, decisions: Option<&Decisions>, seed: u64) -> Simulation {
    headless::run(s, decisions, seed)
}

/// The summary of [`simulate`], measures sampled every 24 ticks.
pub fn run(s: &Arc<Scenario>, decisions: Option<&Decisions>, seed: u64) -> RunSummary {
    summary::summarise(&simulate(s, decisions, seed), seed, None, 24)
}

/// The median; the mean of the middle two for an even count.
pub fn median(v: &[f64]) -> f64 {
    assert!(!v.is_empty(), "the median of nothing");
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

pub fn mean(v: &[f64]) -> f64 {
    assert!(!v.is_empty(), "the mean of nothing");
    v.iter().sum::<f64>() / v.len() as f64
}

#[test]
fn median_and_mean_of_odd_and_even_counts() {
    assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
    assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
    assert_eq!(mean(&[1.0, 2.0, 6.0]), 3.0);
}
