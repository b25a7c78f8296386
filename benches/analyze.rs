//! Analysis throughput: `kunren analyze` runs of the flagship with its historical decisions
//! (every run to its end, 576 ticks, and its record read), 100 seeds a sample on 1 and 2
//! threads. divan reports runs per second as items/s. Run with `cargo bench --bench analyze`;
//! see docs/performance.md.

use std::sync::{Arc, LazyLock};

use divan::Bencher;
use divan::counter::ItemsCount;
use kunren::analysis::{self, Seeds};
use kunren::library;
use kunren::scenario::{self, Decisions, Scenario};

const RUNS: u64 = 100;

fn main() {
    divan::main();
}

static FLAGSHIP: LazyLock<(Arc<Scenario>, Decisions)> = LazyLock::new(|| {
    let b = library::builtin(library::FLAGSHIP).expect("the flagship is built in");
    let scenario = scenario::parse(b.source, b.path).expect("the flagship loads");
    let (dpath, dsource) = b.decision_set("historical").expect("historical decisions");
    let decisions =
        scenario::parse_decisions(dsource, dpath, &scenario).expect("the decisions load");
    (Arc::new(scenario), decisions)
});

/// 100 flagship runs (historical decisions, seeds 1..=100) through the analysis, on 1 and 2
/// threads: throughput in runs per second.
#[divan::bench(args = [1, 2], sample_count = 10, sample_size = 1)]
fn flagship_historical(bencher: Bencher, threads: usize) {
    let (scn, decisions) = &*FLAGSHIP;
    bencher
        .counter(ItemsCount::new(RUNS))
        .bench(|| analysis::run_set(scn, Some(decisions), Seeds::runs(RUNS), threads, &|| {}));
}
