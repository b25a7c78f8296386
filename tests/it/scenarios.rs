//! Whole-scenario tests: every shipped scenario and decision set loads and plays to the end;
//! runs are deterministic; decisions change outcomes the way history and good practice say.

use kunren::sim::objectives::Outcome;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use kunren::scenario::model::{Decisions, Scenario};
use kunren::scenario::{self, AssetId};
use kunren::sim::Simulation;
use kunren::sim::assets::{
    AssetStatus, alternatives_share, below_since, cascade_share, own_level, reserve_level,
    shares_level,
};
use kunren::sim::facts::{Level, Share};
use kunren::summary::RunSummary;
use kunren::{headless, library, summary};

use crate::helpers::{decision_set, flagship, mean, median, run};

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// Every scenario file shipped in scenarios/, with the decisions files written for it.
fn shipped() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenarios_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let (decisions, scenarios): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| p.to_string_lossy().ends_with(".decisions.ron"));
    scenarios
        .into_iter()
        .map(|s| {
            let stem = s.file_stem().unwrap().to_string_lossy().to_string();
            let own = decisions
                .iter()
                .filter(|d| {
                    d.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("{stem}."))
                })
                .cloned()
                .collect();
            (s, own)
        })
        .collect()
}

fn gate_outage(summary: &RunSummary) -> f64 {
    summary
        .services
        .iter()
        .find(|s| s.measure == "gate_containers")
        .unwrap()
        .outage_hours
}

#[test]
fn every_shipped_scenario_and_decision_set_loads_and_runs_to_the_end() {
    let shipped = shipped();
    assert!(!shipped.is_empty());
    for (path, decision_files) in shipped {
        let s =
            Arc::new(scenario::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
        let passive = run(&s, None, 1);
        assert_eq!(passive.ticks, s.clock.end_tick, "{}", path.display());
        assert_eq!(passive.timeline.last().unwrap().text, "Exercise ends");
        for d in decision_files {
            let decisions =
                scenario::load_decisions(&d, &s).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
            let scripted = run(&s, Some(&decisions), 1);
            assert_eq!(scripted.ticks, s.clock.end_tick, "{}", d.display());
            assert_ne!(
                scripted.state_hash,
                passive.state_hash,
                "{} changes nothing",
                d.display()
            );
        }
    }
}

/// What a walk of the whole graph carries from one tick to the next: the shares the last walk
/// gave (which reserves read) and since when each asset has been below normal.
#[derive(Default)]
struct Walked {
    shares: Vec<Share>,
    below_since: Vec<Option<u32>>,
}

/// The shares of normal service a walk of the whole dependency graph gives, from every asset's
/// status as it stands and, for reserves, the walk of the tick before: what the cascade, which
/// looks only at what changed and keeps a share only where one reaches, must agree with. On
/// the three levels, the rules on shares are those on levels (a unit test checks it).
fn shares_of_a_full_walk(sim: &Simulation, last: &mut Walked) -> Vec<Share> {
    let s = sim.scenario();
    let now = sim.tick().unwrap_or(0);
    if last.shares.is_empty() {
        last.shares = vec![Share::ONE; s.assets.len()];
        last.below_since = vec![None; s.assets.len()];
    }
    let index = &sim.state().asset_index;
    let mut shares = vec![Share::ONE; s.assets.len()];
    for &id in &s.topo_order {
        let status = sim
            .world
            .get::<AssetStatus>(index.get(id))
            .expect("every asset has a status");
        let a = &s.assets[id.index()];
        let groups = a
            .depends_on_any
            .iter()
            .map(|g| alternatives_share(g.iter().map(|d| shares[d.index()])));
        let parts = a
            .depends_on_shares
            .iter()
            .map(|g| shares_level(g.iter().map(|d| shares[d.index()])));
        let reserves = a.depends_on_reserve.iter().map(|r| {
            let i = r.asset.index();
            match reserve_level(last.shares[i].level(), last.below_since[i], r.ticks, now) {
                Level::Normal => Share::ONE,
                Level::Degraded | Level::Down => last.shares[i],
            }
        });
        shares[id.index()] = cascade_share(
            Share::of(own_level(status)),
            a.depends_on
                .iter()
                .map(|d| shares[d.index()])
                .chain(groups)
                .chain(parts)
                .chain(reserves),
            a.uses.iter().map(|d| shares[d.index()].level()),
        );
    }
    for (i, &share) in shares.iter().enumerate() {
        if share.level() != last.shares[i].level() {
            last.below_since[i] = below_since(last.below_since[i], share.level(), now);
        }
    }
    last.shares = shares.clone();
    shares
}

/// Every shipped scenario, loaded, with no decisions and then each of its decision sets.
fn shipped_with_decisions() -> Vec<(PathBuf, Arc<Scenario>, Vec<Option<Decisions>>)> {
    shipped()
        .into_iter()
        .map(|(path, decision_files)| {
            let s = Arc::new(scenario::load(&path).unwrap());
            let sets = std::iter::once(None)
                .chain(
                    decision_files
                        .iter()
                        .map(|d| Some(scenario::load_decisions(d, &s).unwrap())),
                )
                .collect();
            (path, s, sets)
        })
        .collect()
}

#[test]
fn the_cascade_agrees_with_a_walk_of_the_whole_graph_at_every_tick() {
    for (path, s, sets) in shipped_with_decisions() {
        for decisions in &sets {
            for seed in 1..=2 {
                let mut sim = Simulation::new(s.clone(), seed);
                if let Some(d) = decisions {
                    sim.script(d);
                }
                let mut walked = Walked::default();
                while !sim.is_finished() {
                    sim.step();
                    let full = shares_of_a_full_walk(&sim, &mut walked);
                    let index = &sim.state().asset_index;
                    for (i, &share) in full.iter().enumerate() {
                        let level = share.level();
                        let id = AssetId(i as u32);
                        let status = sim.world.get::<AssetStatus>(index.get(id)).unwrap();
                        let at = format!(
                            "{} seed {seed} tick {:?} asset {i}",
                            path.display(),
                            sim.tick()
                        );
                        let f = sim.facts().assets[i];
                        assert_eq!(f.level, level, "{at}");
                        assert_eq!(f.fraction(), share.fraction(), "{at}");
                        assert_eq!(f.compromised, status.compromised(), "{at}");
                        assert_eq!(f.encrypted, status.encrypted, "{at}");
                        assert_eq!(f.isolated, status.isolated, "{at}");
                        assert_eq!(f.restoring, status.restoring_until.is_some(), "{at}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_restarted_simulation_plays_the_same_runs_as_fresh_ones() {
    // One World and schedule, restarted across scenarios, decision sets and seeds.
    let mut again: Option<Simulation> = None;
    for (path, s, sets) in shipped_with_decisions() {
        for decisions in &sets {
            for seed in 1..=3 {
                let fresh = headless::run(&s, decisions.as_ref(), seed);
                let sim = match &mut again {
                    Some(sim) => {
                        headless::rerun(sim, &s, decisions.as_ref(), seed);
                        sim
                    }
                    None => again.insert(headless::run(&s, decisions.as_ref(), seed)),
                };
                assert_eq!(
                    summary::state_hash(sim),
                    summary::state_hash(&fresh),
                    "{} seed {seed}",
                    path.display()
                );
                assert_eq!(sim.log().events(), fresh.log().events());
            }
        }
    }
}

#[test]
fn every_built_in_scenario_is_the_shipped_file() {
    for b in library::BUILTINS {
        let on_disk =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(b.path)).unwrap();
        assert_eq!(on_disk, b.source, "{}", b.path);
        assert!(scenario::parse(b.source, b.path).is_ok(), "{}", b.path);
    }
}

#[test]
fn the_same_scenario_seed_and_decisions_give_the_same_run() {
    let s = flagship();
    let d = decision_set(library::FLAGSHIP, &s, "historical");
    let a = run(&s, Some(&d), 42);
    let b = run(&s, Some(&d), 42);
    assert_eq!(a.state_hash, b.state_hash);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn different_seeds_give_different_runs() {
    let s = flagship();
    let hashes: std::collections::BTreeSet<String> =
        (1..=6).map(|seed| run(&s, None, seed).state_hash).collect();
    assert!(
        hashes.len() >= 5,
        "only {} distinct runs from 6 seeds",
        hashes.len()
    );
}

/// The full summary of one historical run, pinned: any change to the engine or the flagship that
/// moves a single event shows up here. Review with `cargo insta review` when the change is meant.
#[test]
fn the_historical_run_is_pinned() {
    let s = flagship();
    let d = decision_set(library::FLAGSHIP, &s, "historical");
    let mut summary = run(&s, Some(&d), 1);
    summary.decisions = Some("historical".into());
    insta::assert_snapshot!("nagoya_historical_seed_1", summary.to_text());
}

/// (decision set, seed, objective, expected status)
const OUTCOMES: &[(Option<&str>, u64, &str, Outcome)] = &[
    (Some("historical"), 1, "report-police", Outcome::Met),
    (Some("historical"), 1, "restore-gates", Outcome::Met),
    (Some("historical"), 2, "no-ransom", Outcome::Met),
    (Some("historical"), 3, "close-entry", Outcome::Met),
    (None, 1, "report-police", Outcome::Missed),
    (None, 1, "restore-gates", Outcome::Missed),
    (None, 2, "no-ransom", Outcome::Missed),
    (Some("prepared"), 1, "restore-gates", Outcome::NotApplicable),
    (Some("prepared"), 2, "report-police", Outcome::NotApplicable),
];

#[test]
fn decisions_meet_and_miss_the_objectives_they_should() {
    let s = flagship();
    for &(set, seed, objective, expected) in OUTCOMES {
        let d = set.map(|n| decision_set(library::FLAGSHIP, &s, n));
        let summary = run(&s, d.as_ref(), seed);
        let got = summary
            .objectives
            .iter()
            .find(|o| o.id == objective)
            .unwrap();
        assert_eq!(
            got.status, expected,
            "{objective} under {set:?}, seed {seed}"
        );
    }
}

#[test]
fn historical_decisions_reproduce_the_real_outage_and_preparation_shortens_it() {
    let s = flagship();
    let historical = decision_set(library::FLAGSHIP, &s, "historical");
    let prepared = decision_set(library::FLAGSHIP, &s, "prepared");
    let seeds = 1..=100u64;
    let h: Vec<f64> = seeds
        .clone()
        .map(|seed| gate_outage(&run(&s, Some(&historical), seed)))
        .collect();
    let p: Vec<f64> = seeds
        .map(|seed| gate_outage(&run(&s, Some(&prepared), seed)))
        .collect();
    let (hm, pm) = (median(&h), median(&p));
    println!(
        "gate outage over 100 seeds: historical median {hm:.1} h (mean {:.1}), prepared median {pm:.1} h (mean {:.1})",
        mean(&h),
        mean(&p)
    );
    // July 2023: the gates failed about 06:30 on 4 July and all five terminals ran again about
    // 18:00 on 6 July, an outage of about 2.5 to 3 days.
    assert!(
        (54.0..=78.0).contains(&hm),
        "historical median {hm:.1} h is not about 2.5-3 days"
    );
    assert!(
        pm + 24.0 < hm,
        "prepared median {pm:.1} h is not clearly shorter than {hm:.1} h"
    );
    assert!(mean(&p) + 24.0 < mean(&h));
}

/// Issue 5's bar for every scenario: over 200 seeds, good practice (for the flagship, the prepared
/// operator) does measurably better than a passive operator on the main measure, the hours the
/// gates are down.
#[test]
fn the_prepared_operator_beats_the_passive_one() {
    let s = flagship();
    let passive = decision_set(library::FLAGSHIP, &s, "passive");
    let prepared = decision_set(library::FLAGSHIP, &s, "prepared");
    let seeds = 1..=200u64;
    let a: Vec<f64> = seeds
        .clone()
        .map(|seed| gate_outage(&run(&s, Some(&passive), seed)))
        .collect();
    let b: Vec<f64> = seeds
        .map(|seed| gate_outage(&run(&s, Some(&prepared), seed)))
        .collect();
    let (am, bm) = (median(&a), median(&b));
    println!(
        "gate outage over 200 seeds: passive median {am:.1} h (mean {:.1}), prepared median {bm:.1} h (mean {:.1})",
        mean(&a),
        mean(&b)
    );
    assert!(
        bm + 24.0 < am,
        "prepared median {bm:.1} h is not clearly shorter than passive {am:.1} h"
    );
    assert!(mean(&b) + 24.0 < mean(&a));
}

/// Issue 12 item 8: practitioners do not believe a prepared response that never loses anything.
/// The prepared operator still loses gate hours in a fair share of runs (a planned stop to sweep
/// a server after an early catch, or the encryption when the intruder is not caught), yet far
/// less than history on average.
#[test]
fn the_prepared_operator_still_loses_something_in_a_fair_share_of_runs() {
    let s = flagship();
    let prepared = decision_set(library::FLAGSHIP, &s, "prepared");
    let outages: Vec<f64> = (1..=100u64)
        .map(|seed| gate_outage(&run(&s, Some(&prepared), seed)))
        .collect();
    let losing = outages.iter().filter(|&&h| h > 0.0).count();
    let encrypted = outages.iter().filter(|&&h| h > 12.0).count();
    println!(
        "prepared over 100 seeds: {losing} lose gate hours, {encrypted} of them to the encryption; mean {:.1} h",
        mean(&outages)
    );
    assert!(
        (20..=60).contains(&losing),
        "{losing} of 100 prepared runs lose gate hours"
    );
    assert!(
        (1..=20).contains(&encrypted),
        "{encrypted} of 100 prepared runs end in the encryption"
    );
    assert!(mean(&outages) < 12.0, "mean {:.1} h", mean(&outages));
}
