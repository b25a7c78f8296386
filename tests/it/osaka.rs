//! The Osaka General Medical Center scenario (issue 12, item 7): its historical decisions land
//! within 20% of the public figures (emergency admissions stopped from 31 Oct 2022 to mid-December;
//! normal operation after about two months, announced in January 2023), and a better-prepared
//! hospital does clearly better without coming out unharmed. Run with
//! `cargo test --test it osaka:: -- --nocapture` to see the figures.

use kunren::sim::objectives::Outcome;
use std::sync::OnceLock;

use kunren::summary::RunSummary;

use crate::helpers::{builtin, decision_set, mean, median, run};

const ID: &str = "osaka-hospital-ransomware";

/// Seeds per decision set. A run is 2,016 one-hour ticks. The historical and passive runs barely
/// vary (the outage and the rebuild are set by the decisions), the prepared ones do (whether the
/// intruder gets through the jump host), so they get the most seeds. Debug builds use fewer seeds
/// to stay fast on two shared cores; the historical runs are made once and shared.
fn seeds(set: &str) -> u64 {
    let debug = cfg!(debug_assertions);
    match (set, debug) {
        ("prepared", true) => 64,
        ("prepared", false) => 200,
        (_, true) => 16,
        (_, false) => 100,
    }
}

/// The historical runs, made once for every test that needs them.
fn historical() -> &'static [RunSummary] {
    static RUNS: OnceLock<Vec<RunSummary>> = OnceLock::new();
    RUNS.get_or_init(|| runs("historical", seeds("historical")))
}

/// Hours the service measure was below normal in a run.
fn outage(r: &RunSummary, measure: &str) -> f64 {
    r.services
        .iter()
        .find(|s| s.measure == measure)
        .unwrap_or_else(|| panic!("no service measure {measure}"))
        .outage_hours
}

fn economic_loss(r: &RunSummary) -> f64 {
    r.measures
        .iter()
        .find(|m| m.id == "economic_loss")
        .expect("economic loss is measured")
        .end
}

/// Whether the campaign encrypted anything in the run.
fn encrypted(r: &RunSummary) -> bool {
    r.campaigns
        .iter()
        .find(|c| c.id == "ransomware")
        .unwrap()
        .stages
        .iter()
        .any(|(stage, status)| stage == "encrypt" && status.starts_with("succeeded"))
}

/// Every run of a decision set over seeds 1..=N, on two threads.
fn runs(set: &str, n: u64) -> Vec<RunSummary> {
    let s = builtin(ID);
    let d = decision_set(ID, &s, set);
    let half = n / 2;
    std::thread::scope(|scope| {
        let (s, d) = (&s, &d);
        let low = scope.spawn(move || {
            (1..=half)
                .map(|seed| run(s, Some(d), seed))
                .collect::<Vec<_>>()
        });
        let high: Vec<RunSummary> = (half + 1..=n).map(|seed| run(s, Some(d), seed)).collect();
        let mut all = low.join().unwrap();
        all.extend(high);
        all
    })
}

fn within_20_percent(got: f64, public: f64) -> bool {
    (got - public).abs() <= 0.2 * public
}

/// 31 Oct 2022 to 12 Dec 2022 (mid-December): 42 days.
const EMERGENCY_STOP_HOURS: f64 = 42.0 * 24.0;
/// "About two months": 31 Oct to 31 Dec 2022, 61 days.
const TWO_MONTHS_HOURS: f64 = 61.0 * 24.0;
/// 31 Oct 2022 to 11 Jan 2023, the January date assumed for the announced full restoration.
const TO_11_JANUARY_HOURS: f64 = 72.0 * 24.0;

#[test]
fn historical_decisions_land_within_20_percent_of_the_public_figures() {
    let h = historical();
    let emergency: Vec<f64> = h
        .iter()
        .map(|r| outage(r, "emergency_admissions"))
        .collect();
    let normal: Vec<f64> = h.iter().map(|r| outage(r, "normal_operation")).collect();
    let (em, nm) = (median(&emergency), median(&normal));
    println!(
        "historical over {} seeds: emergency admissions stopped median {em:.0} h = {:.1} days (public: about 42 days), normal operation back after median {nm:.0} h = {:.1} days (public: about two months, 61 days to 31 Dec, 72 to 11 Jan)",
        h.len(),
        em / 24.0,
        nm / 24.0
    );
    assert!(
        within_20_percent(em, EMERGENCY_STOP_HOURS),
        "emergency stop median {em:.0} h is not within 20% of {EMERGENCY_STOP_HOURS} h"
    );
    assert!(
        within_20_percent(nm, TWO_MONTHS_HOURS),
        "normal operation median {nm:.0} h is not within 20% of two months ({TWO_MONTHS_HOURS} h)"
    );
    assert!(
        within_20_percent(nm, TO_11_JANUARY_HOURS),
        "normal operation median {nm:.0} h is not within 20% of 11 January ({TO_11_JANUARY_HOURS} h)"
    );
    // The stop begins with the encryption on the morning of Mon 31 Oct 2022.
    let first = h[0]
        .services
        .iter()
        .find(|s| s.measure == "emergency_admissions")
        .unwrap()
        .first_drop
        .clone()
        .unwrap();
    assert!(first.contains("31 Oct"), "the stop began {first}");
    // Normal operation comes after emergency care, as in 2022.
    assert!(nm > em + 14.0 * 24.0);
}

#[test]
fn the_prepared_hospital_does_better_but_not_perfectly() {
    let h = historical();
    let p = runs("prepared", seeds("prepared"));
    let he: Vec<f64> = h
        .iter()
        .map(|r| outage(r, "emergency_admissions"))
        .collect();
    let pe: Vec<f64> = p
        .iter()
        .map(|r| outage(r, "emergency_admissions"))
        .collect();
    let pn: Vec<f64> = p.iter().map(|r| outage(r, "normal_operation")).collect();
    let hit: Vec<&RunSummary> = p.iter().filter(|r| encrypted(r)).collect();
    let losing = p.iter().filter(|r| economic_loss(r) > 0.0).count();
    let hit_emergency: Vec<f64> = hit
        .iter()
        .map(|r| outage(r, "emergency_admissions"))
        .collect();
    println!(
        "prepared over {} seeds: encrypted in {} runs, some economic loss in {losing}; emergency stop median {:.0} h (mean {:.0}), in encrypted runs median {:.0} h; normal operation lost median {:.0} h (mean {:.0}); historical emergency stop mean {:.0} h",
        p.len(),
        hit.len(),
        median(&pe),
        mean(&pe),
        if hit_emergency.is_empty() {
            0.0
        } else {
            median(&hit_emergency)
        },
        median(&pn),
        mean(&pn),
        mean(&he),
    );
    // Better: far shorter stops on average, and even when the encryption comes the emergency
    // centre is back in well under half the historical time.
    assert!(mean(&pe) * 3.0 < mean(&he));
    assert!(median(&pe) < median(&he) / 2.0);
    assert!(!hit_emergency.is_empty(), "the intruder never got through");
    assert!(median(&hit_emergency) * 2.0 < median(&he));
    // Not perfect: the intruder still encrypts in a fair share of runs, and most runs cost
    // something in a fair share of them (at least the contractor's link, cut while it is checked).
    let share = hit.len() as f64 / p.len() as f64;
    assert!(
        (0.08..=0.5).contains(&share),
        "encrypted in {:.0}% of prepared runs",
        share * 100.0
    );
    assert!(
        losing * 5 >= p.len() * 2,
        "only {losing} of {} prepared runs lose anything",
        p.len()
    );
}

#[test]
fn the_passive_hospital_does_worse_than_history() {
    let h = historical();
    let q = runs("passive", seeds("passive"));
    let hm = median(
        &h.iter()
            .map(|r| outage(r, "emergency_admissions"))
            .collect::<Vec<_>>(),
    );
    let qm = median(
        &q.iter()
            .map(|r| outage(r, "emergency_admissions"))
            .collect::<Vec<_>>(),
    );
    println!(
        "emergency stop: historical median {hm:.0} h over {} seeds, passive median {qm:.0} h over {} seeds",
        h.len(),
        q.len()
    );
    assert!(qm > hm + 7.0 * 24.0);
}

/// (decision set, seed, objective, expected status)
const OUTCOMES: &[(&str, u64, &str, Outcome)] = &[
    ("historical", 1, "cut-contractor-link", Outcome::Met),
    ("historical", 1, "report-police", Outcome::Met),
    ("historical", 2, "report-mhlw", Outcome::Met),
    ("historical", 2, "no-ransom", Outcome::Met),
    ("historical", 3, "resume-emergency", Outcome::Met),
    ("historical", 3, "mhlw-informs-nisc", Outcome::Met),
    ("passive", 1, "report-police", Outcome::Missed),
    ("passive", 1, "tell-ems", Outcome::Missed),
    ("passive", 2, "cut-contractor-link", Outcome::Missed),
];

#[test]
fn decisions_meet_and_miss_the_objectives_they_should() {
    let s = builtin(ID);
    for &(set, seed, objective, expected) in OUTCOMES {
        let d = decision_set(ID, &s, set);
        let summary = run(&s, Some(&d), seed);
        let got = summary
            .objectives
            .iter()
            .find(|o| o.id == objective)
            .unwrap();
        assert_eq!(got.status, expected, "{objective} under {set}, seed {seed}");
    }
}

/// When the records servers' rebuild begins in a run (its tick), if it does.
fn records_rebuild_starts(r: &RunSummary) -> Option<u32> {
    r.timeline
        .iter()
        .find(|e| {
            e.text
                .starts_with("Electronic medical record servers: no clean backup")
        })
        .map(|e| e.tick)
}

/// The scenario plays under `evict_before_restore`: a rebuild waits while the hospital knows the
/// intruder still holds another of its systems (the wiped backup store, the contractor's link,
/// the directory). The historical decisions sweep the backup store with the servers and search
/// again wherever fresh traces turn up, so every rebuild starts on 11 November as planned;
/// without those searches it waits for the store's own rebuild (or, should the intruder be found
/// again later, for ever).
#[test]
fn the_rebuild_waits_until_the_intruder_is_out() {
    let s = builtin(ID);
    assert!(s.rules.evict_before_restore);
    // Fri 11 Nov 2022, from 00:00 to midnight.
    let fri_11_nov = 14 * 24..15 * 24;
    for r in historical() {
        let start = records_rebuild_starts(r);
        assert!(
            start.is_some_and(|t| fri_11_nov.contains(&t)),
            "seed {}: {start:?}",
            r.seed
        );
    }

    let source = kunren::library::builtin(ID)
        .unwrap()
        .decision_set("historical")
        .unwrap()
        .1
        .to_owned();
    let unswept: String = source
        .lines()
        .filter(|l| {
            let sweeps_store =
                l.contains("target: Some(\"backup-server\")") && !l.contains("restore");
            let searches_again = l.contains("take: \"hunt\"");
            !(sweeps_store || searches_again)
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(unswept.len(), source.len(), "the searches are in the file");
    let d = kunren::scenario::parse_decisions(&unswept, "unswept.ron", &s).unwrap();
    let starts: Vec<Option<u32>> = (1..=20)
        .map(|seed| records_rebuild_starts(&run(&s, Some(&d), seed)))
        .collect();
    // Not before the backup store's own three-day rebuild is done: Mon 14 Nov.
    assert!(
        starts.iter().all(|t| t.is_none_or(|t| t >= 17 * 24)),
        "{starts:?}"
    );
}
