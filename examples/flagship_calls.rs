//! The flagship's historical run, for instruction counts under callgrind (see docs/performance.md):
//! `valgrind --tool=callgrind --toggle-collect=flagship_calls::runs target/release/examples/flagship_calls 10`
//! counts only the runs, not loading the scenario. With a second argument `restart`, the runs
//! are played in one restarted `Simulation` (`--toggle-collect=flagship_calls::reruns`).

use std::hint::black_box;
use std::sync::Arc;

use kunren::library;
use kunren::scenario::{self, Decisions, Scenario};
use kunren::sim::Simulation;

#[inline(never)]
fn runs(scn: &Arc<Scenario>, decisions: &Decisions, n: u32) -> u64 {
    let mut ticks = 0;
    for _ in 0..n {
        let mut sim = Simulation::new(scn.clone(), black_box(1));
        sim.script(decisions);
        sim.run_to_end();
        ticks += u64::from(black_box(sim.tick()).unwrap_or(0));
    }
    ticks
}

/// The same runs in one Simulation, restarted for each (as `kunren analyze` plays them).
#[inline(never)]
fn reruns(scn: &Arc<Scenario>, decisions: &Decisions, n: u32) -> u64 {
    let mut ticks = 0;
    let mut sim = Simulation::new(scn.clone(), black_box(1));
    for i in 0..n {
        if i > 0 {
            sim.restart(scn.clone(), black_box(1));
        }
        sim.script(decisions);
        sim.run_to_end();
        ticks += u64::from(black_box(sim.tick()).unwrap_or(0));
    }
    ticks
}

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let b = library::builtin(library::FLAGSHIP).expect("the flagship is built in");
    let scn = scenario::parse(b.source, b.path).expect("the flagship loads");
    let (dpath, dsource) = b.decision_set("historical").expect("historical decisions");
    let decisions = scenario::parse_decisions(dsource, dpath, &scn).expect("the decisions load");
    let scn = Arc::new(scn);
    let started = std::time::Instant::now();
    let restart = std::env::args().nth(2).is_some_and(|a| a == "restart");
    let ticks = if restart {
        reruns(&scn, &decisions, n)
    } else {
        runs(&scn, &decisions, n)
    };
    eprintln!(
        "{n} runs, {ticks} ticks, {:?} per run",
        started.elapsed() / n.max(1)
    );
}
