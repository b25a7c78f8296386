use super::*;
use crate::library;
use crate::sim::objectives::Outcome;

fn coin_toss() -> Arc<Scenario> {
    let text = include_str!("../../tests/fixtures/analysis.ron");
    Arc::new(crate::scenario::parse(text, "tests/fixtures/analysis.ron").unwrap())
}

#[test]
fn seeds_parse_and_slice_without_gaps_or_overlaps() {
    assert_eq!(Seeds::parse("1..11"), Some(Seeds { first: 1, last: 10 }));
    assert_eq!(Seeds::parse("5..=5"), Some(Seeds { first: 5, last: 5 }));
    assert_eq!(Seeds::parse("5..5"), None);
    assert_eq!(Seeds::parse("x..3"), None);
    let all = Seeds { first: 3, last: 12 };
    let slices: Vec<u64> = (1..=3)
        .filter_map(|k| all.shard(k, 3))
        .flat_map(Seeds::iter)
        .collect();
    assert_eq!(slices, all.iter().collect::<Vec<_>>());
    // Two seeds in four slices: two slices of one seed, two empty ones.
    let two: Vec<Option<Seeds>> = (1..=4).map(|k| Seeds::runs(2).shard(k, 4)).collect();
    assert_eq!(
        two,
        [
            None,
            Some(Seeds { first: 1, last: 1 }),
            None,
            Some(Seeds { first: 2, last: 2 })
        ]
    );
}

#[test]
fn spreads_are_nearest_rank() {
    let s = Spread::of((1..=100).map(f64::from).collect()).unwrap();
    assert_eq!((s.p5, s.median, s.p95), (5.0, 50.0, 95.0));
    let one = Spread::of(vec![7.0]).unwrap();
    assert_eq!((one.p5, one.median, one.p95), (7.0, 7.0, 7.0));
    assert_eq!(Spread::of(Vec::new()), None);
}

#[test]
fn the_result_is_the_same_on_any_number_of_threads() {
    let s = coin_toss();
    let seeds = Seeds::runs(12);
    let one = run_set(&s, None, seeds, 1, &|| {});
    let three = run_set(&s, None, seeds, 3, &|| {});
    assert_eq!(one, three);
    assert_eq!(
        one.iter().map(|r| r.seed).collect::<Vec<_>>(),
        seeds.iter().collect::<Vec<_>>()
    );
    // Each run is the headless run of its own seed.
    let sim = headless::run(&s, None, 7);
    assert_eq!(one[6], RunRecord::read(&sim, 7));
}

#[test]
fn a_scenario_whose_rates_are_known() {
    let s = coin_toss();
    let seeds = Seeds::runs(200);
    let sets = run_sets(&s, &[("none".into(), None)], seeds, 2, &|| {});
    let layout = Layout::of(&s);
    let a = Analysis::new(&layout, seeds, &sets);
    let set = &a.sets[0];
    assert_eq!(set.runs, 200);
    // The breach always happens; the coin decides the encryption, about half the time.
    assert_eq!(set.stages[0].rate.count, 200);
    let coin = set.stages[1].rate.rate;
    assert!((0.38..=0.62).contains(&coin), "{coin}");
    // The objective that is the coin toss is met exactly when the stage succeeded.
    assert_eq!(set.objectives[0].met, set.stages[1].rate);
    assert_eq!(set.objectives[0].ratings[0], set.stages[1].rate.count);
    assert_eq!(set.objectives[0].ratings[3], 200 - set.stages[1].rate.count);
    // Nobody isolates: never met, rated U every time; the breach objective always met.
    assert_eq!(set.objectives_never_met, vec!["contain"]);
    assert_eq!(set.objectives[1].ratings, [0, 0, 0, 200, 0]);
    assert_eq!(set.objectives_always_met, vec!["breached"]);
    assert_eq!(set.actions_never_taken, vec!["isolate"]);
    assert_eq!(set.conditional_injects_never_fired, vec!["isolated"]);
    assert_eq!(set.injects[0].rate.count, 200);
    // What decides "encrypted" is the stage itself: +100 points.
    let d = &set.decisive[0];
    assert_eq!(d.objective, "encrypted");
    assert_eq!(d.drivers[0].event, "stage lockbit/encrypt");
    assert_eq!(d.drivers[0].difference, 1.0);
    assert_eq!(set.decisive.len(), 1, "only the objective that varies");
    // Nothing is detected before the encryption shows itself (detection chance 0).
    assert_eq!(set.detections[0].rate.count, 0);
    assert_eq!(set.detections[1].rate, set.stages[1].rate);
}

#[test]
fn ratings_are_the_reports_own() {
    let b = library::builtin(library::FLAGSHIP).unwrap();
    let (file, source) = b.decision_set("passive").unwrap();
    let s = Arc::new(crate::scenario::parse(b.source, b.path).unwrap());
    let d = crate::scenario::parse_decisions(source, file, &s).unwrap();
    for seed in [1, 2] {
        let sim = headless::run(&s, Some(&d), seed);
        let aar = report::build(&sim, &report::ReportInput::default());
        let record = RunRecord::read(&sim, seed);
        let ours: Vec<Rating> = record.objectives.iter().map(|o| o.rating).collect();
        let theirs: Vec<Rating> = aar.objectives.iter().map(|a| a.automatic).collect();
        assert_eq!(ours, theirs);
        let met: Vec<bool> = aar
            .objectives
            .iter()
            .map(|a| a.status == Outcome::Met)
            .collect();
        assert_eq!(
            record.objectives.iter().map(|o| o.met).collect::<Vec<_>>(),
            met
        );
        let outages: Vec<(f64, f64)> = aar
            .services
            .iter()
            .map(|o| (o.outage_hours, o.lost_service_hours))
            .collect();
        assert_eq!(record.services, outages);
    }
}

#[test]
fn deep_findings_point_at_the_ids() {
    let s = coin_toss();
    let found = deep(&s, None, 20);
    let rules: Vec<(&str, String)> = found.iter().map(|f| (f.rule, f.message.clone())).collect();
    assert_eq!(
        rules.iter().map(|r| r.0).collect::<Vec<_>>(),
        [
            "deep-objective-never-met",
            "deep-objective-always-met",
            "deep-inject-never-sent",
            "deep-action-never-taken"
        ],
        "{rules:?}"
    );
    assert_eq!(
        found[0].path,
        Path::root().field("objectives").index(1).field("id")
    );
    assert!(
        rules[0]
            .1
            .contains("\"contain\" was met in none of 20 runs (none)")
    );
}

#[test]
fn slices_of_different_analyses_are_not_merged() {
    let s = coin_toss();
    let seeds = Seeds::runs(4);
    let part = |k: u64, seeds: Seeds| shard::Partial {
        format: shard::FORMAT,
        kunren: "0.1.0".into(),
        layout: Layout::of(&s),
        seeds,
        shard: (k, 2),
        sets: run_sets(
            &s,
            &[("none".into(), None)],
            seeds.shard(k, 2).unwrap(),
            1,
            &|| {},
        ),
    };
    let (a, b) = (part(1, seeds), part(2, seeds));
    let (_, _, merged) =
        shard::merge(vec![("b".into(), b.clone()), ("a".into(), a.clone())]).unwrap();
    assert_eq!(merged[0].records, run_set(&s, None, seeds, 2, &|| {}));
    let other = part(2, Seeds::runs(6));
    let err = shard::merge(vec![("a".into(), a.clone()), ("c".into(), other)]).unwrap_err();
    assert_eq!(
        err.to_string().lines().next().unwrap(),
        "c is from another analysis than a (its seeds differ)"
    );
    let mut renamed = b;
    renamed.sets[0].name = "historical".into();
    let err = shard::merge(vec![("a".into(), a), ("b".into(), renamed)]).unwrap_err();
    assert!(err.to_string().contains("decision sets differ"), "{err}");
    let text = serde_json::to_string(&part(1, seeds)).unwrap();
    assert_eq!(shard::read(&text, "x").unwrap(), part(1, seeds));
    assert!(matches!(
        shard::read("{}", "x"),
        Err(shard::MergeError::Unreadable { .. })
    ));
}
