//! Format 2 of the scenario language: each construct is refused in a file that has not said
//! `format: 2` (at its line and column, saying how to fix it), and, in one that has, changes
//! what happens in a run. Built on the minimal fixture, edited construct by construct.

use std::sync::Arc;

use kunren::scenario::{self, Diagnostics, Scenario};
use kunren::sim::Simulation;
use kunren::sim::adversary::{CampaignIndex, CampaignState, StageState};
use kunren::sim::assets::{AssetIndex, AssetStatus};

const MINIMAL: &str = include_str!("../fixtures/minimal.ron");

/// The minimal fixture with `edits` (pairs of text to find and its replacement) made.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = MINIMAL.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// The same, declared format 2.
fn v2(edits: &[(&str, &str)]) -> String {
    let mut all = vec![("Scenario(\n", "Scenario(\n    format: 2,\n")];
    all.extend_from_slice(edits);
    edited(&all)
}

fn load(text: &str) -> Arc<Scenario> {
    match scenario::parse(text, "v2.ron") {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("should load:\n{e}"),
    }
}

fn errors(text: &str) -> Diagnostics {
    match scenario::parse(text, "v2.ron") {
        Ok(_) => panic!("should not load"),
        Err(e) => e,
    }
}

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

fn status(sim: &Simulation, s: &Scenario, asset: &str) -> AssetStatus {
    let e = sim
        .world
        .resource::<AssetIndex>()
        .get(s.asset_index(asset).unwrap());
    sim.world.get::<AssetStatus>(e).unwrap().clone()
}

fn campaign(sim: &Simulation, i: usize) -> CampaignState {
    let e = sim.world.resource::<CampaignIndex>().0[i];
    sim.world.get::<CampaignState>(e).unwrap().clone()
}

#[test]
fn an_unknown_format_is_refused_at_its_field() {
    let text = edited(&[("Scenario(\n", "Scenario(\n    format: 3,\n")]);
    let e = errors(&text);
    let all = e.to_string();
    assert!(all.contains("format 3 is not one this version"), "{all}");
    assert_eq!((e.items[0].line, e.items[0].column), place(&text, "3,"));
    let one = edited(&[("Scenario(\n", "Scenario(\n    format: 1,\n")]);
    assert_eq!(load(&one).format, 1);
    assert_eq!(load(MINIMAL).format, 1, "absent is format 1");
}

const HELD: (&str, &str) = (
    "            stages: [\n",
    "            held_at_start: [(stage: \"access\", assets: Asset(\"vpn\"), since: \"30d\")],\n            stages: [\n",
);

#[test]
fn access_held_at_start_needs_format_2() {
    let text = edited(&[HELD]);
    let e = errors(&text);
    assert_eq!(e.items.len(), 1, "{e}");
    let d = &e.items[0];
    assert_eq!((d.line, d.column), place(&text, "[(stage: \"access\""));
    assert!(
        d.message
            .contains("`held_at_start` (access held when the exercise begins) belongs to format 2"),
        "{}",
        d.message
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("add `format: 2,` as the first field of `Scenario(...)` at the top of the file")
    );
    load(&v2(&[HELD]));
}

#[test]
fn only_access_to_a_stage_target_can_be_held() {
    let text = v2(&[(
        "            stages: [\n",
        "            held_at_start: [(stage: \"encrypt\", assets: Asset(\"vpn\")), (stage: \"acess\", assets: Asset(\"vpn\"))],\n            stages: [\n",
    )]);
    let all = errors(&text).to_string();
    assert!(
        all.contains("stage \"lockbit/encrypt\" does damage (Encrypt), so it cannot be held"),
        "{all}"
    );
    assert!(
        all.contains("asset \"vpn\" is not a target of stage \"lockbit/encrypt\""),
        "{all}"
    );
    assert!(
        all.contains("unknown stage \"acess\" of campaign \"lockbit\"")
            && all.contains("did you mean \"access\"?"),
        "{all}"
    );
}

#[test]
fn held_access_lets_later_stages_go_from_the_first_tick() {
    let held = load(&v2(&[HELD]));
    let mut sim = Simulation::new(held.clone(), 3);
    sim.step();
    let state = campaign(&sim, 0);
    assert_eq!(state.stages[0], StageState::Succeeded(0));
    assert!(
        matches!(state.stages[1], StageState::Attempting { .. }),
        "{:?}",
        state.stages
    );
    let vpn = status(&sim, &held, "vpn");
    assert_eq!(vpn.compromises.len(), 1);
    assert!(
        !vpn.compromises[0].known_to_owner,
        "the owner does not know"
    );
    let stage = held.campaigns[0]
        .stages
        .iter()
        .position(|s| s.id == "access");
    assert!(
        sim.facts()
            .stages
            .keys()
            .any(|r| Some(r.stage as usize) == stage),
        "Stage(lockbit, access) holds from the start"
    );

    // Without it, the way in must first be won: an attempt takes at least an hour.
    let plain = load(MINIMAL);
    let mut sim = Simulation::new(plain.clone(), 3);
    sim.step();
    let state = campaign(&sim, 0);
    assert_eq!(state.stages[1], StageState::Waiting { attempts: 0 });
    assert!(!status(&sim, &plain, "vpn").compromised());
}

/// Access won a month before the start is older than a week of backups: every one of them holds
/// the intruder, so a restore after the encryption is a rebuild, in every run.
#[test]
fn access_held_long_before_the_start_spoils_the_backups() {
    let restore = (
        "    actions: [\n",
        "    actions: [\n        (id: \"restore\", name: \"Restore\", teams: [\"port\"], targets: Some(Owner(\"port\")), duration: \"15m\", effects: [Restore]),\n",
    );
    let sure = (
        "dwell: (\"2h\", \"6h\"),",
        "dwell: (\"2h\", \"6h\"), chance: 1.0,",
    );
    let held = load(&v2(&[HELD, restore, sure]));
    let rebuilds = |s: &Arc<Scenario>, seed: u64| {
        let mut sim = Simulation::new(s.clone(), seed);
        let tos = s.asset_index("tos").unwrap();
        while !status(&sim, s, "tos").encrypted {
            sim.step();
            assert!(!sim.is_finished(), "tos is encrypted in seed {seed}");
        }
        sim.submit(kunren::command::Command::Act {
            team: s.team_index("port").unwrap(),
            action: s.action_index("restore").unwrap(),
            target: Some(tos),
            to: None,
            intel: None,
        });
        for _ in 0..3 {
            sim.step();
        }
        sim.log()
            .events()
            .iter()
            .any(|e| e.text.contains("no clean backup: rebuilding from scratch"))
    };
    for seed in 1..=8 {
        assert!(rebuilds(&held, seed), "seed {seed}");
    }
    // Held since the start only, the week of backups is clean unless the encryption took them.
    let fresh = load(&v2(&[
        (
            "            stages: [\n",
            "            held_at_start: [(stage: \"access\", assets: Asset(\"vpn\"))],\n            stages: [\n",
        ),
        restore,
        sure,
    ]));
    assert!((1..=8).any(|seed| !rebuilds(&fresh, seed)));
}
