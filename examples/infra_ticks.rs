//! One busiest and one quiet tick of the generated 100,000-asset infrastructure
//! (`benches/support/infra.rs`), for instruction counts and peak memory (see docs/performance.md):
//! `valgrind --tool=callgrind --collect-atstart=no --toggle-collect=infra_ticks::busiest_tick
//! --toggle-collect=infra_ticks::quiet_tick target/release/examples/infra_ticks` counts only the
//! two ticks; `/usr/bin/time -v target/release/examples/infra_ticks 1000000` gives the peak
//! resident memory of loading and playing a million assets.

#[path = "../benches/support/infra.rs"]
mod infra;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use kunren::scenario;
use kunren::sim::Simulation;

/// The tick the blackout cascades (46,488 assets change level at 100,000) and a later one where
/// nothing changes, as `benches/engine.rs` finds them.
const BUSIEST: u32 = 13;
const QUIET: u32 = 100;

// The two differ (a different constant through `black_box`) so that the linker cannot fold
// them into one function, which callgrind would count as one.
#[inline(never)]
fn busiest_tick(sim: &mut Simulation) {
    sim.step();
    black_box(BUSIEST);
}

#[inline(never)]
fn quiet_tick(sim: &mut Simulation) {
    sim.step();
    black_box(QUIET);
}

fn step_until(sim: &mut Simulation, tick: u32) {
    while sim.tick().map_or(0, |t| t + 1) < tick {
        sim.step();
    }
}

fn main() {
    let assets: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let started = Instant::now();
    let text = ron::ser::to_string(&infra::scenario(assets, 2024)).expect("serialises");
    let scn = match scenario::parse_large(&text, "generated-infrastructure.ron", usize::MAX) {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("the generated scenario does not load:\n{e}"),
    };
    drop(text);
    let loaded = started.elapsed();
    let mut sim = Simulation::new(scn, black_box(1));
    step_until(&mut sim, BUSIEST);
    let t = Instant::now();
    busiest_tick(&mut sim);
    let busiest = t.elapsed();
    step_until(&mut sim, QUIET);
    let t = Instant::now();
    quiet_tick(&mut sim);
    let quiet = t.elapsed();
    // Every later tick too, so the hash covers the restorations and the end of the blackout.
    sim.run_to_end();
    eprintln!(
        "{assets} assets: generated and loaded in {loaded:.2?}; busiest tick {BUSIEST} {busiest:.2?}, \
         quiet tick {QUIET} {quiet:.2?}; {} log entries; state hash {}",
        sim.log().events().len(),
        kunren::summary::state_hash(&sim)
    );
}
