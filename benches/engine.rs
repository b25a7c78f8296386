//! Engine benchmarks: loading and running the flagship scenario, and single ticks of a generated
//! 100,000-asset infrastructure. Run with `cargo bench --bench engine`; see docs/performance.md.

mod support {
    pub mod infra;
}

use std::sync::{Arc, LazyLock};
use std::time::Instant;

use divan::{Bencher, black_box};
use kunren::scenario::{self, Decisions, Scenario};
use kunren::sim::Simulation;
use kunren::sim::log::EventKind;
use kunren::{headless, library};

/// The seed `kunren run` uses by default.
const SEED: u64 = 1;

fn main() {
    divan::main();
}

fn flagship_source() -> (&'static str, &'static str) {
    let b = library::builtin(library::FLAGSHIP).expect("the flagship is built in");
    (b.path, b.source)
}

static FLAGSHIP: LazyLock<(Arc<Scenario>, Decisions)> = LazyLock::new(|| {
    let (path, source) = flagship_source();
    let scenario = scenario::parse(source, path).expect("the flagship loads");
    let (dpath, dsource) = library::builtin(library::FLAGSHIP)
        .and_then(|b| b.decision_set("historical"))
        .expect("the flagship has historical decisions");
    let decisions =
        scenario::parse_decisions(dsource, dpath, &scenario).expect("the decisions load");
    (Arc::new(scenario), decisions)
});

mod flagship {
    use super::*;

    /// Parse and validate the flagship scenario file.
    #[divan::bench]
    fn load(bencher: Bencher) {
        let (path, source) = flagship_source();
        bencher.bench(|| scenario::parse(black_box(source), path).map_err(|e| e.to_string()));
    }

    /// Spawn, script the historical decisions and run every tick to the end.
    #[divan::bench]
    fn run_historical(bencher: Bencher) {
        let (scn, decisions) = &*FLAGSHIP;
        bencher.bench_local(|| headless::run(scn, Some(decisions), black_box(SEED)));
    }

    /// Spawn and run every tick to the end with no decisions.
    #[divan::bench]
    fn run_no_decisions(bencher: Bencher) {
        let (scn, _) = &*FLAGSHIP;
        bencher.bench_local(|| headless::run(scn, None, black_box(SEED)));
    }
}

/// The generated infrastructure, loaded through the real loader, with the ticks worth timing.
struct Infra {
    scenario: Arc<Scenario>,
    /// The tick with the most assets changing level (the blackout cascading).
    busiest: u32,
    /// A tick after the busiest with nothing new in the log.
    quiet: u32,
}

const INFRA_ASSETS: usize = 100_000;

static INFRA: LazyLock<Infra> = LazyLock::new(|| {
    let raw = support::infra::scenario(INFRA_ASSETS, 2024);
    let text = ron::ser::to_string(&raw).expect("the generated scenario serialises");
    let started = Instant::now();
    let scenario = match scenario::parse_large(&text, "generated-infrastructure.ron", usize::MAX) {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("the generated scenario does not load:\n{e}"),
    };
    assert_eq!(scenario.assets.len(), INFRA_ASSETS);
    let loaded = started.elapsed();
    // One run to find the ticks: count what each tick adds to the log.
    let mut sim = Simulation::new(scenario.clone(), SEED);
    let mut changes: Vec<(u32, usize, usize)> = Vec::new();
    let mut seen = 0;
    while !sim.is_finished() {
        sim.step();
        let events = &sim.log().events()[seen..];
        let changed = events
            .iter()
            .filter(|e| e.kind == EventKind::AssetChanged)
            .count();
        changes.push((sim.tick().unwrap_or(0), changed, events.len()));
        seen = sim.log().events().len();
    }
    let &(busiest, most, _) = changes
        .iter()
        .max_by_key(|(t, c, _)| (*c, std::cmp::Reverse(*t)))
        .expect("the exercise has ticks");
    let &(quiet, _, _) = changes
        .iter()
        .find(|(t, _, n)| *t > busiest && *n == 0)
        .expect("a quiet tick follows the cascade");
    eprintln!(
        "generated infrastructure: {} assets, {} bytes of RON, loaded in {loaded:.1?}; \
         busiest tick {busiest} ({most} outage entries in the log), quiet tick {quiet}",
        scenario.assets.len(),
        text.len()
    );
    Infra {
        scenario,
        busiest,
        quiet,
    }
});

/// A simulation that has run every tick before `tick`.
fn before(scenario: &Arc<Scenario>, tick: u32) -> Simulation {
    let mut sim = Simulation::new(scenario.clone(), SEED);
    while sim.tick().map_or(0, |t| t + 1) < tick {
        sim.step();
    }
    sim
}

mod infra_100k {
    use super::*;

    /// The tick the regional blackout cascades through the dependency graph.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn tick_busiest(bencher: Bencher) {
        let infra = &*INFRA;
        bencher
            .with_inputs(|| before(&infra.scenario, infra.busiest))
            .bench_local_refs(|sim| sim.step());
    }

    /// A tick with footholds and outages in place but nothing changing.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn tick_quiet(bencher: Bencher) {
        let infra = &*INFRA;
        bencher
            .with_inputs(|| before(&infra.scenario, infra.quiet))
            .bench_local_refs(|sim| sim.step());
    }

    /// Spawning the 100,000 assets into a fresh World.
    #[divan::bench(sample_count = 10)]
    fn spawn(bencher: Bencher) {
        let infra = &*INFRA;
        bencher.bench_local(|| Simulation::new(infra.scenario.clone(), black_box(SEED)));
    }
}
