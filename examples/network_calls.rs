//! Whole runs of the generated network of `benches/support/network.rs` (the hosts of the NASim
//! side-by-side), for instruction counts under callgrind (see docs/performance.md):
//! `valgrind --tool=callgrind --toggle-collect=network_calls::reruns
//! target/release/examples/network_calls 35 20` counts 20 runs of the 35-host network in one
//! restarted `Simulation`, as `benches/hosts.rs` plays them, without loading.

#[path = "../benches/support/network.rs"]
mod network;

use std::hint::black_box;
use std::sync::Arc;

use kunren::scenario::{self, Scenario};
use kunren::sim::Simulation;

#[inline(never)]
fn reruns(scn: &Arc<Scenario>, n: u64) -> u64 {
    let mut ticks = 0;
    let mut sim = Simulation::new(scn.clone(), black_box(1));
    for seed in 1..=n {
        if seed > 1 {
            sim.restart(scn.clone(), black_box(seed));
        }
        sim.run_to_end();
        ticks += u64::from(black_box(sim.tick()).unwrap_or(0)) + 1;
    }
    ticks
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse::<u64>().ok());
    let hosts = args.next().unwrap_or(35) as usize;
    let runs = args.next().unwrap_or(20);
    let text = ron::ser::to_string(&network::scenario(hosts)).expect("serialises");
    let scn = Arc::new(scenario::parse(&text, "generated-network.ron").expect("loads"));
    let ticks = reruns(&scn, runs);
    eprintln!("{hosts} hosts: {runs} runs, {ticks} ticks");
}
