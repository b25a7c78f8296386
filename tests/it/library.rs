//! The built-in scenarios beyond the flagship: each validates, plays to the end under every decision
//! set written for it, and over many seeds its good-practice set does measurably better than its
//! passive set on the scenario's main measure. The pension scenario's historical set is also held to
//! the real 1.25 million records. Run with `cargo test --test it library:: -- --nocapture` to see the
//! figures.

use kunren::library;
use kunren::summary::RunSummary;

use crate::helpers::{builtin, decision_set, mean, median, run};

/// Seeds per decision set. Each run is 144-312 ticks; the seven sets of 200 runs take about
/// 30-35 s in a debug build on two shared cores (runs are spread over two
/// threads).
const SEEDS: u64 = 200;

/// A scenario's main measure, read off a finished run.
#[derive(Clone, Copy)]
enum Main {
    /// The final value of a built-in or service measure.
    End(&'static str),
    /// Hours of complete loss of a service measure.
    LostServiceHours(&'static str),
}

impl Main {
    fn read(self, r: &RunSummary) -> f64 {
        match self {
            Main::End(id) => {
                r.measures
                    .iter()
                    .find(|m| m.id == id)
                    .unwrap_or_else(|| panic!("no measure {id}"))
                    .end
            }
            Main::LostServiceHours(id) => {
                r.services
                    .iter()
                    .find(|s| s.measure == id)
                    .unwrap_or_else(|| panic!("no service measure {id}"))
                    .lost_service_hours
            }
        }
    }
}

/// The main measure over seeds 1..=SEEDS, computed on two threads.
fn sample(id: &str, set: &str, main: Main) -> Vec<f64> {
    let s = builtin(id);
    let d = decision_set(id, &s, set);
    let half = SEEDS / 2;
    std::thread::scope(|scope| {
        let (s, d) = (&s, &d);
        let low = scope.spawn(move || {
            (1..=half)
                .map(|seed| main.read(&run(s, Some(d), seed)))
                .collect::<Vec<_>>()
        });
        let high: Vec<f64> = (half + 1..=SEEDS)
            .map(|seed| main.read(&run(s, Some(d), seed)))
            .collect();
        let mut all = low.join().unwrap();
        all.extend(high);
        all
    })
}

/// Median and mean of the main measure under a decision set, printed.
fn figures(id: &str, set: &str, main: Main, label: &str) -> (f64, f64, Vec<f64>) {
    let v = sample(id, set, main);
    let (md, mn) = (median(&v), mean(&v));
    println!("{id}, {set}: {label} over {SEEDS} seeds: median {md:.1}, mean {mn:.1}");
    (md, mn, v)
}

/// (scenario, its decision sets, main measure, label); on every main measure lower is better.
const ADDED: &[(&str, &[&str], Main, &str)] = &[
    (
        "pension-data-breach",
        &["passive", "good-practice", "historical"],
        Main::End("records_exposed"),
        "records exposed",
    ),
    (
        "sme-supply-chain",
        &["passive", "good-practice"],
        Main::LostServiceHours("water_delivered"),
        "lost hours of water delivered",
    ),
    (
        "iot-botnet",
        &["passive", "good-practice"],
        Main::LostServiceHours("portal_sessions"),
        "lost hours of portal service",
    ),
    (
        "water-prepositioning",
        &["passive", "good-practice"],
        Main::LostServiceHours("water_delivered"),
        "lost hours of water delivered",
    ),
];

#[test]
fn every_added_scenario_validates_and_runs_to_the_end_under_each_decision_set() {
    for &(id, sets, _, _) in ADDED {
        let s = builtin(id);
        let b = library::builtin(id).unwrap();
        let mut names: Vec<&str> = b.decisions.iter().map(|(n, _, _)| *n).collect();
        let mut expected = sets.to_vec();
        names.sort_unstable();
        expected.sort_unstable();
        assert_eq!(names, expected, "{id}: built-in decision sets");
        for set in sets {
            let d = decision_set(id, &s, set);
            let r = run(&s, Some(&d), 7);
            assert_eq!(r.ticks, s.clock.end_tick, "{id} / {set}");
            assert_eq!(r.timeline.last().unwrap().text, "Exercise ends");
        }
    }
}

#[test]
fn pension_good_practice_exposes_far_fewer_records_and_history_lands_near_1_25_million() {
    let (id, main) = ("pension-data-breach", Main::End("records_exposed"));
    let (pm, pmean, _) = figures(id, "passive", main, "records exposed");
    let (gm, gmean, _) = figures(id, "good-practice", main, "records exposed");
    let (hm, _, _) = figures(id, "historical", main, "records exposed");
    // May 2015: about 1.25 million records.
    assert!(
        (1_000_000.0..=1_500_000.0).contains(&hm),
        "historical median {hm:.0} records is not about 1.25 million"
    );
    // Acting on the 8 May alert at once must save at least half a million records at the median
    // and on average.
    assert!(
        gm + 500_000.0 <= pm,
        "good-practice median {gm:.0} vs passive {pm:.0}"
    );
    assert!(
        gmean + 500_000.0 <= pmean,
        "good-practice mean {gmean:.0} vs passive {pmean:.0}"
    );
}

/// Good practice beats passive on the main measure by `margin` at the median and on average.
fn good_practice_beats_passive(id: &str, margin: f64) {
    let &(_, _, main, label) = ADDED.iter().find(|a| a.0 == id).unwrap();
    let (pm, pmean, _) = figures(id, "passive", main, label);
    let (gm, gmean, _) = figures(id, "good-practice", main, label);
    assert!(
        gm + margin <= pm,
        "{id}: good-practice median {gm:.1} vs passive {pm:.1}"
    );
    assert!(
        gmean + margin <= pmean,
        "{id}: good-practice mean {gmean:.1} vs passive {pmean:.1}"
    );
}

#[test]
fn sme_good_practice_keeps_the_water_flowing() {
    // At least 12 hours of full output saved, at the median and on average.
    good_practice_beats_passive("sme-supply-chain", 12.0);
}

#[test]
fn water_good_practice_evicts_the_pre_positioned_actor() {
    // At least 12 hours of full output saved, at the median and on average.
    good_practice_beats_passive("water-prepositioning", 12.0);
}

#[test]
fn iot_good_practice_keeps_the_portal_up() {
    // At least 4 hours of full portal service saved, at the median and on average.
    good_practice_beats_passive("iot-botnet", 4.0);
}
