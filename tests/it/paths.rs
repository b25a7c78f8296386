//! Footholds by path and exfiltration as a rate (format 2): a stage worked `from` given assets
//! needs the intruder there, not anywhere, and an `Exfiltrate(per_hour: ..)` drains records for
//! as long as the intruder keeps the data and the way out. Built on the minimal fixture, and on
//! the water and pension scenarios that use them.

use std::sync::Arc;

use kunren::command::{Command, Ruling};
use kunren::scenario::{CampaignId, Scenario, StageRef};
use kunren::sim::Simulation;

use crate::format2::{edited, errors, load, v2};

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

const ENCRYPT_AFTER: &str = "                    after: [\"access\"],\n";

#[test]
fn a_stage_worked_from_given_assets_needs_format_2_and_an_asset_the_campaign_can_hold() {
    let from = (
        ENCRYPT_AFTER,
        "                    after: [\"access\"],\n                    from: Some(Asset(\"vpn\")),\n",
    );
    let text = edited(&[from]);
    let e = errors(&text);
    assert_eq!(e.items.len(), 1, "{e}");
    let d = &e.items[0];
    assert_eq!((d.line, d.column), place(&text, "Some(Asset(\"vpn\")),\n"));
    assert!(
        d.message
            .contains("`from` on a stage (the path a stage is worked from) belongs to format 2"),
        "{}",
        d.message
    );
    load(&v2(&[from]));

    // An asset no stage of the campaign gets the intruder onto can never carry the foothold.
    let text = v2(&[
        (
            "        (id: \"vpn\",",
            "        (id: \"mail\", name: \"Mail server\", owner: \"port\"),\n        (id: \"vpn\",",
        ),
        (
            ENCRYPT_AFTER,
            "                    after: [\"access\"],\n                    from: Some(Asset(\"mail\")),\n",
        ),
    ]);
    let e = errors(&text);
    assert_eq!(e.items.len(), 1, "{e}");
    let d = &e.items[0];
    assert_eq!((d.line, d.column), place(&text, "Some(Asset(\"mail\")),\n"));
    assert!(
        d.message.contains(
            "stage \"lockbit/encrypt\" is worked from \"mail\", but no stage of the campaign gets the intruder onto it"
        ),
        "{}",
        d.message
    );
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("\"mail\"")));
}

#[test]
fn a_stage_worked_from_a_foothold_its_own_way_there_never_makes_is_linted() {
    let lint = |from: &str| {
        let text = v2(&[(
            ENCRYPT_AFTER,
            &format!(
                "                    after: [\"access\"],\n                    from: Some(Asset(\"{from}\")),\n"
            ),
        )]);
        let w = kunren::authoring::lint::lint(&text, "v2.ron").unwrap();
        let found: Vec<_> =
            w.0.items
                .iter()
                .filter(|d| d.message.contains("[path-reached]"))
                .cloned()
                .collect();
        (text, found)
    };
    // The stage's own target, written as its foothold by mistake.
    let (text, found) = lint("tos");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.starts_with(
            "stage \"lockbit/encrypt\" is worked from tos, which none of the stages it comes after"
        ),
        "{}",
        found[0].message
    );
    assert_eq!(
        (found[0].line, found[0].column),
        place(&text, "Some(Asset(\"tos\"))")
    );
    assert!(lint("vpn").1.is_empty(), "the way in puts it on the VPN");
}

/// The minimal fixture's intrusion as a drain of the terminal database: the VPN held from the
/// start, then `effect` on the database at the first attempt (chance 1, one tick of dwell).
fn drain(effect: &str) -> String {
    v2(&[
        (
            "            stages: [\n",
            "            held_at_start: [(stage: \"access\", assets: Asset(\"vpn\"))],\n            stages: [\n",
        ),
        ("technique: \"T1486\"", "technique: \"T1041\""),
        (
            "target: Any([Asset(\"tos\"), Asset(\"nuts-db\")])",
            "target: Asset(\"nuts-db\")",
        ),
        (
            "                    dwell: (\"2h\", \"6h\"),\n                    effect: Encrypt,",
            &format!(
                "                    chance: 1.0,\n                    dwell: (\"15m\", \"15m\"),\n                    effect: {effect},"
            ),
        ),
    ])
}

#[test]
fn exfiltration_as_a_rate_needs_format_2_and_one_amount() {
    let rate = "Exfiltrate(per_hour: 4000, up_to: Some(10000))";
    let text = drain(rate).replacen("    format: 2,\n", "", 1);
    let e = errors(&text).to_string();
    assert!(
        e.contains("`held_at_start`")
            && e.contains(
                "exfiltration as a rate (`per_hour` in `Exfiltrate`) belongs to format 2"
            ),
        "{e}"
    );
    for (effect, says) in [
        ("Exfiltrate()", "takes no records"),
        (
            "Exfiltrate(records: 5, per_hour: 4000)",
            "has both `records` (a batch) and `per_hour` (a rate)",
        ),
        (
            "Exfiltrate(records: 5, up_to: Some(9))",
            "caps a rate, but the effect has no `per_hour`",
        ),
        (
            "Exfiltrate(per_hour: 4000, up_to: Some(0))",
            "lets the intruder take nothing",
        ),
    ] {
        let text = drain(effect);
        let e = errors(&text);
        assert_eq!(e.items.len(), 1, "{effect}: {e}");
        assert!(e.items[0].message.contains(says), "{effect}: {e}");
        assert!(e.items[0].hint.is_some(), "{effect}");
    }
    // A batch stays what it was, in either format.
    load(&drain("Exfiltrate(records: 5)"));
}

fn records(sim: &Simulation) -> f64 {
    sim.state().tallies.records_exposed
}

/// Records exposed at the end when the database is cut off (`Isolate`) after `ticks` of the run,
/// or never.
fn drained(s: &Arc<Scenario>, isolate_at: Option<u32>) -> f64 {
    let mut sim = Simulation::new(s.clone(), 1);
    while !sim.is_finished() {
        if isolate_at.is_some_and(|t| sim.tick() == Some(t)) {
            sim.submit(Command::Act {
                team: s.team_index("port").unwrap(),
                action: s.action_index("isolate").unwrap(),
                target: s.asset_index("nuts-db"),
                to: None,
                intel: None,
            });
        }
        sim.step();
    }
    records(&sim)
}

#[test]
fn a_drain_takes_its_rate_until_the_data_runs_out_or_the_intruder_is_cut_off() {
    // 4,000 an hour on 15-minute ticks: 1,000 a tick from the tick the stage succeeds.
    let s = load(&drain("Exfiltrate(per_hour: 4000, up_to: Some(10000))"));
    let mut sim = Simulation::new(s.clone(), 1);
    let stage = StageRef {
        campaign: CampaignId(0),
        stage: 1,
    };
    while !sim.facts().stages.contains_key(&stage) {
        sim.step();
    }
    assert_eq!(records(&sim), 1000.0, "the first tick's worth at once");
    sim.step();
    sim.step();
    assert_eq!(records(&sim), 3000.0);
    while !sim.is_finished() {
        sim.step();
    }
    assert_eq!(records(&sim), 10000.0, "never past the data within reach");
    assert!(
        sim.log()
            .events()
            .iter()
            .any(|e| e.text.ends_with("all 10,000 records within reach taken"))
    );
    // The sooner the database is cut off, the fewer records leave; a batch is all or nothing.
    let (early, late) = (drained(&s, Some(3)), drained(&s, Some(6)));
    assert!(early < late && late < 10000.0, "{early} then {late}");
    let stopped = {
        let mut sim = Simulation::new(s.clone(), 1);
        for _ in 0..12 {
            if sim.tick() == Some(3) {
                sim.submit(Command::Adjudicate {
                    ruling: Ruling::RestoreAsset(s.asset_index("nuts-db").unwrap()),
                    reason: "the intruder is evicted".into(),
                });
            }
            sim.step();
        }
        sim
    };
    assert!(
        stopped
            .log()
            .events()
            .iter()
            .any(|e| e.text.contains("exfiltration stopped after")
                && e.text.contains("(the intruder no longer holds the data)"))
    );
    let unlimited = load(&drain("Exfiltrate(per_hour: 4000)"));
    assert!(
        drained(&unlimited, None) > 10000.0,
        "no cap: it drains to the end"
    );
}

/// The pension scenario: the records drain at 20,000 an hour, so the historical response, which
/// cuts the internet only after the police find the data, loses the whole 1.25 million, and
/// cutting it within hours of the copying starting loses a fraction that grows with the delay.
#[test]
fn in_the_pension_scenario_the_speed_of_cutting_the_way_out_sets_the_records_lost() {
    use crate::helpers::{builtin, decision_set};
    let id = "pension-data-breach";
    let s = builtin(id);
    let historical = decision_set(id, &s, "historical");
    let exfil = StageRef {
        campaign: CampaignId(0),
        stage: s.campaigns[0]
            .stages
            .iter()
            .position(|st| st.id == "exfil")
            .unwrap() as u32,
    };
    let cut_after = |delay: &str| {
        let text = format!(
            "Decisions(format: 2, scenario: \"{id}\", decisions: [\n\
             (team: \"jps\", when: Some(Stage(\"emdivi\", \"exfil\")), after: Some(\"{delay}\"), take: \"isolate\", target: Some(\"internet-gateway\")),\n])"
        );
        kunren::scenario::parse_decisions(&text, "cut.ron", &s).unwrap()
    };
    let (six, day) = (cut_after("6h"), cut_after("1d"));
    let mut compared = 0;
    for seed in 1..=12 {
        let h = crate::helpers::simulate(&s, Some(&historical), seed);
        if !h.facts().stages.contains_key(&exfil) {
            continue;
        }
        compared += 1;
        assert_eq!(records(&h), 1_250_000.0, "seed {seed}: historical");
        let quick = crate::helpers::simulate(&s, Some(&six), seed);
        let slow = crate::helpers::simulate(&s, Some(&day), seed);
        let (q, l) = (records(&quick), records(&slow));
        // 40,000 a two-hour tick: about 4 ticks' worth open in the first case, 13 in the second.
        assert!(
            (120_000.0..=240_000.0).contains(&q),
            "seed {seed}: cut after 6h, {q} records"
        );
        assert!(
            (480_000.0..=600_000.0).contains(&l),
            "seed {seed}: cut after a day, {l} records"
        );
    }
    assert!(
        compared >= 6,
        "the copying starts in most runs: {compared} of 12"
    );
}

/// The water scenario's two paths: through the provider and the jump host to the SCADA servers,
/// and through a phished VPN account to the dosing control. Evicting the actor from one path's
/// foothold (a ruling that cleans the asset and leaves it connected) stops that path's stages
/// and not the other's.
#[test]
fn in_the_water_scenario_eviction_from_one_path_stops_only_that_paths_stages() {
    use crate::helpers::{builtin, decision_set};
    let id = "water-prepositioning";
    let s = builtin(id);
    let passive = decision_set(id, &s, "passive");
    let stage = |name: &str| StageRef {
        campaign: CampaignId(0),
        stage: s.campaigns[0]
            .stages
            .iter()
            .position(|st| st.id == name)
            .unwrap() as u32,
    };
    let evicted = |asset: &str, seed: u64| {
        let mut sim = Simulation::new(s.clone(), seed);
        sim.script(&passive);
        sim.step();
        sim.submit(Command::Adjudicate {
            ruling: Ruling::RestoreAsset(s.asset_index(asset).unwrap()),
            reason: "evicted".into(),
        });
        while !sim.is_finished() {
            sim.step();
        }
        sim
    };
    let (mut dosing_went_on, mut scada_went_on) = (0, 0);
    for seed in 1..=10 {
        let off_jump_host = evicted("jump-host", seed);
        let reached = |sim: &Simulation, name: &str| sim.facts().stages.contains_key(&stage(name));
        for later in ["impair", "ot-move", "deny-control"] {
            assert!(!reached(&off_jump_host, later), "seed {seed}: {later}");
        }
        dosing_went_on += usize::from(reached(&off_jump_host, "dosing-move"));
        let off_vpn = evicted("utility-vpn", seed);
        for later in ["dosing-move", "dosing-denied"] {
            assert!(!reached(&off_vpn, later), "seed {seed}: {later}");
        }
        scada_went_on += usize::from(reached(&off_vpn, "impair"));
    }
    assert!(
        dosing_went_on >= 6 && scada_went_on >= 8,
        "the other path goes on: dosing {dosing_went_on}, jump host {scada_went_on} of 10"
    );
}
