//! kunren ticks per second on generated networks of a given number of hosts
//! (`benches/support/network.rs`), for the side-by-side with NASim in `benches/nasim/compare.sh`.
//! A program, not divan: `cargo bench --bench hosts -- 3 5 8 16 23 35 38 95` prints one line
//! "hosts ticks_per_second" for each count. Each figure is whole runs (spawn and 576 ticks, seeds 1, 2,
//! 3…, one `Simulation` restarted for each as `kunren analyze` plays them) for about a second;
//! see docs/performance.md.

mod support {
    pub mod network;
}

use std::sync::Arc;
use std::time::{Duration, Instant};

use kunren::scenario;
use kunren::sim::Simulation;

/// How long each host count is played.
const PLAY_FOR: Duration = Duration::from_secs(1);

fn main() {
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let counts = if counts.is_empty() {
        vec![3, 5, 8, 16, 23, 35, 38, 95]
    } else {
        counts
    };
    for hosts in counts {
        let raw = support::network::scenario(hosts);
        let text = ron::ser::to_string(&raw).expect("the generated network serialises");
        let scn = match scenario::parse(&text, "generated-network.ron") {
            Ok(s) => Arc::new(s),
            Err(e) => panic!("the generated network does not load:\n{e}"),
        };
        let mut ticks = 0u64;
        let mut seed = 1;
        let started = Instant::now();
        let mut sim = Simulation::new(scn.clone(), seed);
        loop {
            sim.run_to_end();
            ticks += u64::from(sim.tick().unwrap_or(0)) + 1;
            if started.elapsed() >= PLAY_FOR {
                break;
            }
            seed += 1;
            sim.restart(scn.clone(), seed);
        }
        let rate = ticks as f64 / started.elapsed().as_secs_f64();
        println!("{hosts} {rate:.0}");
    }
}
