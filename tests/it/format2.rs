//! Format 2 of the scenario language: each construct is refused in a file that has not said
//! `format: 2` (at its line and column, saying how to fix it), and, in one that has, changes
//! what happens in a run. Built on the minimal fixture, edited construct by construct.

use std::sync::Arc;

use kunren::scenario::{self, Diagnostics, Scenario};
use kunren::sim::Simulation;
use kunren::sim::adversary::{CampaignState, StageState};
use kunren::sim::assets::AssetStatus;
use kunren::sim::facts::Level;

pub(crate) const MINIMAL: &str = include_str!("../fixtures/minimal.ron");

/// The minimal fixture with `edits` (pairs of text to find and its replacement) made.
pub(crate) fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = MINIMAL.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// The same, declared format 2.
pub(crate) fn v2(edits: &[(&str, &str)]) -> String {
    let mut all = vec![("Scenario(\n", "Scenario(\n    format: 2,\n")];
    all.extend_from_slice(edits);
    edited(&all)
}

pub(crate) fn load(text: &str) -> Arc<Scenario> {
    match scenario::parse(text, "v2.ron") {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("should load:\n{e}"),
    }
}

pub(crate) fn errors(text: &str) -> Diagnostics {
    match scenario::parse(text, "v2.ron") {
        Ok(_) => panic!("should not load"),
        Err(e) => e,
    }
}

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
pub(crate) fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// The asset's level, as the cascade left it (in the facts).
fn level_of(sim: &Simulation, s: &Scenario, asset: &str) -> Level {
    sim.facts().assets[s.asset_index(asset).unwrap().index()].level
}

fn status(sim: &Simulation, s: &Scenario, asset: &str) -> AssetStatus {
    let e = sim.state().asset_index.get(s.asset_index(asset).unwrap());
    sim.world.get::<AssetStatus>(e).unwrap().clone()
}

fn campaign(sim: &Simulation, i: usize) -> CampaignState {
    let e = sim.state().campaign_index.0[i];
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

fn act(sim: &mut Simulation, s: &Scenario, action: &str, target: Option<&str>) {
    sim.submit(kunren::command::Command::Act {
        team: s.team_index("port").unwrap(),
        action: s.action_index(action).unwrap(),
        target: target.map(|t| s.asset_index(t).unwrap()),
        to: None,
        intel: None,
    });
}

fn steps(sim: &mut Simulation, n: usize) {
    for _ in 0..n {
        sim.step();
    }
}

const ACTIONS: &str = "    actions: [\n";

/// A takedown and a decryptor the port may take, a restore, and an inject that goes out once the
/// campaign is halted. The encryption always succeeds, and there are no backups to restore from.
fn takedown_scenario(takedown: &str) -> String {
    let actions = format!(
        "    actions: [\n        (id: \"takedown\", name: \"Takedown\", teams: [\"port\"], duration: \"15m\", effects: [{takedown}]),\n        (id: \"decryptor\", name: \"Obtain a decryptor\", teams: [\"port\"], duration: \"15m\", effects: [Decryptor(campaign: \"lockbit\")]),\n        (id: \"restore\", name: \"Restore\", teams: [\"port\"], targets: Some(Owner(\"port\")), duration: \"15m\", effects: [Restore]),\n"
    );
    v2(&[
        (ACTIONS, &actions),
        (
            "    objectives: [\n",
            "    objectives: [\n        (id: \"o2\", team: \"port\", name: \"Stop the crew\", goal: Halted(\"lockbit\")),\n",
        ),
        (
            "    injects: [\n",
            "    injects: [\n        (id: \"seized\", when: Some(Halted(\"lockbit\")), from: \"Police\", to: [\"port\"], subject: \"Servers seized\"),\n",
        ),
        (
            "depends_on: [\"nuts-db\"],",
            "depends_on: [\"nuts-db\"], posture: (backups: (depth_days: 0)),",
        ),
        (
            "dwell: (\"2h\", \"6h\"),",
            "dwell: (\"2h\", \"6h\"), chance: 1.0,",
        ),
        (
            "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 0.6,",
            "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 1.0, attempts: 9,",
        ),
    ])
}

#[test]
fn halted_and_the_decryptor_need_format_2() {
    let text = takedown_scenario("Takedown(campaign: \"lockbit\", chance: 1.0, decryptor: true)")
        .replacen("    format: 2,\n", "", 1);
    let e = errors(&text);
    let messages: Vec<&str> = e.items.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(e.items.len(), 4, "{e}");
    assert!(messages.iter().any(|m| m.starts_with(
        "a takedown that seizes a decryptor (`decryptor: true`) belongs to format 2"
    )));
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("the `Decryptor` effect belongs to format 2"))
    );
    let halted = e
        .items
        .iter()
        .filter(|d| {
            d.message
                .starts_with("the `Halted` condition belongs to format 2")
        })
        .count();
    assert_eq!(halted, 2, "the inject's and the objective's");
    let d = e
        .items
        .iter()
        .find(|d| d.message.contains("Decryptor"))
        .unwrap();
    assert_eq!((d.line, d.column), place(&text, "Decryptor(campaign"));
}

#[test]
fn a_takedown_halts_the_campaign_and_its_halt_can_be_waited_on() {
    let s = load(&takedown_scenario(
        "Takedown(campaign: \"lockbit\", chance: 1.0)",
    ));
    let seized = s.inject_index("seized").unwrap();
    let mut sim = Simulation::new(s.clone(), 5);
    steps(&mut sim, 4);
    assert!(!sim.facts().delivered.contains_key(&seized));
    act(&mut sim, &s, "takedown", None);
    steps(&mut sim, 3);
    assert!(campaign(&sim, 0).halted.is_some());
    assert!(sim.facts().delivered.contains_key(&seized), "Halted holds");
    sim.run_to_end();
    let book = &sim.state().objectives;
    assert!(
        matches!(
            book.status[s.objectives.iter().position(|o| o.id == "o2").unwrap()],
            kunren::sim::objectives::ObjectiveStatus::Met(_)
        ),
        "{:?}",
        book.status
    );

    // Without the takedown, nothing halts the campaign.
    let mut sim = Simulation::new(s.clone(), 5);
    sim.run_to_end();
    assert!(!sim.facts().delivered.contains_key(&seized));
}

/// The restore of an encrypted terminal system with no backups, in a run where `before` is taken
/// first: the log line it gets, and how many ticks it takes.
fn restore_after(s: &Arc<Scenario>, before: Option<&str>) -> (String, u32) {
    let mut sim = Simulation::new(s.clone(), 9);
    while !status(&sim, s, "tos").encrypted {
        sim.step();
        assert!(!sim.is_finished(), "tos is encrypted");
    }
    if let Some(action) = before {
        act(&mut sim, s, action, None);
        steps(&mut sim, 2);
    }
    act(&mut sim, s, "restore", Some("tos"));
    steps(&mut sim, 2);
    let started = sim.tick().unwrap();
    let line = sim
        .log()
        .events()
        .iter()
        .rev()
        .find(|e| e.text.starts_with("Terminal operating system: "))
        .map(|e| e.text.clone())
        .unwrap_or_default();
    let until = status(&sim, s, "tos").restoring_until.unwrap_or(0);
    (line, until - started)
}

#[test]
fn a_decryptor_turns_a_rebuild_into_a_decryption() {
    let s = load(&takedown_scenario(
        "Takedown(campaign: \"lockbit\", chance: 1.0)",
    ));
    let (line, rebuild) = restore_after(&s, None);
    assert!(
        line.contains("no clean backup: rebuilding from scratch"),
        "{line}"
    );
    let (line, decrypt) = restore_after(&s, Some("decryptor"));
    assert!(
        line.contains("decrypting with an obtained decryptor"),
        "{line}"
    );
    assert!(decrypt < rebuild, "{decrypt} < {rebuild}");
    // A takedown that does not seize the keys leaves the rebuild.
    let (line, _) = restore_after(&s, Some("takedown"));
    assert!(line.contains("rebuilding from scratch"), "{line}");
}

/// A rebuild under way is started again as a decryption once a decryptor comes (it is sooner), and
/// a further restore that would not be sooner leaves the decryption to finish, saying so.
#[test]
fn a_restore_under_way_gives_way_only_to_a_sooner_one() {
    let s = load(&takedown_scenario(
        "Takedown(campaign: \"lockbit\", chance: 1.0)",
    ));
    let mut sim = Simulation::new(s.clone(), 9);
    while !status(&sim, &s, "tos").encrypted {
        sim.step();
    }
    let until = |sim: &Simulation| status(sim, &s, "tos").restoring_until.unwrap();
    let last = |sim: &Simulation| {
        sim.log()
            .events()
            .iter()
            .rev()
            .find(|e| e.text.starts_with("Terminal operating system: "))
            .map(|e| e.text.clone())
            .unwrap()
    };
    act(&mut sim, &s, "restore", Some("tos"));
    steps(&mut sim, 2);
    let rebuild = until(&sim);
    assert!(last(&sim).contains("rebuilding from scratch"));
    act(&mut sim, &s, "decryptor", None);
    steps(&mut sim, 2);
    act(&mut sim, &s, "restore", Some("tos"));
    steps(&mut sim, 2);
    let decrypt = until(&sim);
    assert!(decrypt < rebuild, "{decrypt} < {rebuild}");
    assert!(last(&sim).contains("decrypting with an obtained decryptor"));
    act(&mut sim, &s, "restore", Some("tos"));
    steps(&mut sim, 2);
    assert_eq!(until(&sim), decrypt, "the decryption is not set back");
    assert!(
        last(&sim).contains("already being restored") && last(&sim).contains("would not be sooner"),
        "{}",
        last(&sim)
    );
}

#[test]
fn a_takedown_that_seizes_the_keys_yields_a_decryptor() {
    let s = load(&takedown_scenario(
        "Takedown(campaign: \"lockbit\", chance: 1.0, decryptor: true)",
    ));
    let (line, _) = restore_after(&s, Some("takedown"));
    assert!(
        line.contains("decrypting with an obtained decryptor"),
        "{line}"
    );
}

/// Injects waiting on any stage of the campaign being known, on one stage that nobody can
/// notice (the way in, with detection 0), and on the terminal system being isolated.
fn sharper_conditions() -> String {
    v2(&[
        (
            "    injects: [\n",
            "    injects: [\n        (id: \"any\", when: Some(DetectedAny(\"port\", \"lockbit\")), from: \"port\", to: [\"port\"], subject: \"Something is wrong\"),\n        (id: \"access\", when: Some(Detected(\"port\", \"lockbit\", \"access\")), from: \"port\", to: [\"port\"], subject: \"The VPN was the way in\"),\n        (id: \"tos-cut\", when: Some(DoneOn(\"port\", \"isolate\", \"tos\")), from: \"port\", to: [\"port\"], subject: \"The TOS is cut off\"),\n",
        ),
        (
            "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 0.6,",
            "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 1.0, attempts: 9, detection: 0.0,",
        ),
        (
            "dwell: (\"2h\", \"6h\"),",
            "dwell: (\"2h\", \"6h\"), chance: 1.0, detection: 0.0,",
        ),
    ])
}

#[test]
fn detected_any_and_done_on_need_format_2() {
    let text = sharper_conditions().replacen("    format: 2,\n", "", 1);
    let e = errors(&text);
    assert_eq!(e.items.len(), 2, "{e}");
    assert!(
        e.items[0]
            .message
            .starts_with("the `DetectedAny` condition belongs to format 2")
    );
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&text, "Some(DetectedAny(")
    );
    assert!(
        e.items[1]
            .message
            .starts_with("the `DoneOn` condition belongs to format 2")
    );
}

#[test]
fn an_action_on_an_asset_it_cannot_be_aimed_at_can_never_be_done_on_it() {
    let text = v2(&[
        (
            "targets: Some(Owner(\"port\")),",
            "targets: Some(Any([Asset(\"vpn\"), Asset(\"tos\")])),",
        ),
        (
            "goal: Done(\"port\", \"isolate\"),",
            "goal: DoneOn(\"port\", \"isolate\", \"nuts-db\"),",
        ),
    ]);
    let all = errors(&text).to_string();
    assert!(
        all.contains("objective \"o1\" can never be met: action \"isolate\" cannot be aimed at asset \"nuts-db\""),
        "{all}"
    );
}

#[test]
fn detected_any_holds_on_any_stage_and_done_on_only_on_its_target() {
    let s = load(&sharper_conditions());
    let inject = |id: &str| s.inject_index(id).unwrap();
    let mut sim = Simulation::new(s.clone(), 4);
    while !status(&sim, &s, "tos").encrypted {
        sim.step();
        assert!(!sim.is_finished(), "tos is encrypted");
    }
    act(&mut sim, &s, "isolate", Some("vpn"));
    steps(&mut sim, 4);
    let delivered = &sim.facts().delivered;
    assert!(
        delivered.contains_key(&inject("any")),
        "the encryption is seen, and it is a stage of the campaign"
    );
    assert!(
        !delivered.contains_key(&inject("access")),
        "nobody noticed the way in itself"
    );
    assert!(
        !delivered.contains_key(&inject("tos-cut")),
        "isolating the VPN is not isolating the TOS"
    );
    act(&mut sim, &s, "isolate", Some("tos"));
    steps(&mut sim, 4);
    assert!(sim.facts().delivered.contains_key(&inject("tos-cut")));
}

/// The intruder holds the VPN from the start; a foothold there is noticed with chance 0.2 a
/// tick. Its next stage, on the VPN too, takes a tick and is `effect`.
fn evasion(effect: &str) -> String {
    v2(&[
        (
            "            stages: [\n",
            "            held_at_start: [(stage: \"access\", assets: Asset(\"vpn\"))],\n            stages: [\n",
        ),
        (
            "chance: 0.6, effect: Foothold),",
            &format!(
                "chance: 0.6, detection: 0.2, effect: Foothold),\n                (id: \"cover\", technique: \"T1562.001\", target: Asset(\"vpn\"), after: [\"access\"], chance: 1.0, dwell: (\"15m\", \"15m\"), detection: 0.0, effect: {effect}),"
            ),
        ),
        ("after: [\"access\"],\n", "after: [\"cover\"],\n"),
    ])
}

#[test]
fn evade_needs_format_2_and_must_evade_something() {
    let text =
        evasion("Evade(monitoring: 0.5, detection: 1.0)").replacen("    format: 2,\n", "", 1);
    let all = errors(&text).to_string();
    assert!(
        all.contains("the `Evade` stage effect belongs to format 2"),
        "{all}"
    );
    let all = errors(&evasion("Evade()")).to_string();
    assert!(
        all.contains("takes away neither monitoring nor detection"),
        "{all}"
    );
}

#[test]
fn evasion_keeps_a_foothold_hidden_and_blinds_the_owner() {
    let found = |effect: &str| {
        let s = load(&evasion(effect));
        (1..=20)
            .filter(|&seed| {
                let mut sim = Simulation::new(s.clone(), seed);
                sim.run_to_end();
                let vpn = status(&sim, &s, "vpn");
                vpn.compromises.iter().any(|c| c.known_to_owner)
            })
            .count()
    };
    assert_eq!(found("Foothold"), 20, "without evasion, two days find it");
    let evaded = found("Evade(monitoring: 0.5, detection: 1.0)");
    assert!(
        evaded < 12,
        "only the first tick can find it: {evaded} of 20"
    );

    let s = load(&evasion("Evade(monitoring: 0.5)"));
    let mut sim = Simulation::new(s.clone(), 1);
    steps(&mut sim, 3);
    let e = sim.state().asset_index.get(s.asset_index("vpn").unwrap());
    let posture = sim
        .world
        .get::<kunren::sim::assets::LivePosture>(e)
        .unwrap();
    assert_eq!(posture.0.monitoring, 0.0, "monitoring 0.5 taken away");
}

/// A board that must authorise paying for outside help, and an inject that goes out once the
/// port holds that authorisation.
fn board_scenario() -> Arc<Scenario> {
    load(&v2(&[
        (
            "        (id: \"crew\",",
            "        (id: \"board\", name: \"Board of directors\", kind: Agency, staff: 2),\n        (id: \"crew\",",
        ),
        (
            ACTIONS,
            "    actions: [\n        (id: \"hire-ir\", name: \"Hire an incident-response firm\", teams: [\"port\"], authorised_by: [\"board\"], duration: \"30m\", effects: []),\n",
        ),
        (
            "    injects: [\n",
            "    injects: [\n        (id: \"approved\", when: Some(Granted(\"port\", \"hire-ir\")), from: \"board\", to: [\"port\"], subject: \"Approved\"),\n",
        ),
    ]))
}

fn board_decisions(s: &Scenario, answer: &str) -> kunren::scenario::Decisions {
    let text = format!(
        "Decisions(format: 2, scenario: \"port-mini\", decisions: [\n    (team: \"port\", at: Some(\"1h\"), take: \"hire-ir\"),\n    (team: \"board\", take: \"hire-ir\", to: Some(\"port\"){answer}),\n])"
    );
    match scenario::parse_decisions(&text, "board.decisions.ron", s) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

fn board_run(s: &Arc<Scenario>, answer: &str) -> Simulation {
    let mut sim = Simulation::new(s.clone(), 2);
    sim.script(&board_decisions(s, answer));
    steps(&mut sim, 12);
    sim
}

#[test]
fn a_refusal_needs_format_2_an_authorising_team_and_the_exercise_under_way() {
    let s = board_scenario();
    let parse = |text: &str| match scenario::parse_decisions(text, "d.ron", &s) {
        Ok(_) => panic!("should not load"),
        Err(e) => e,
    };
    let text = "Decisions(scenario: \"port-mini\", decisions: [(team: \"board\", take: \"hire-ir\", refuse: true)])";
    let e = parse(text);
    assert_eq!(e.items.len(), 1, "{e}");
    assert!(
        e.items[0]
            .message
            .starts_with("a refusal (`refuse: true`) belongs to format 2")
    );
    assert_eq!(
        e.items[0].hint.as_deref(),
        Some("add `format: 2,` as the first field of `Decisions(...)` at the top of the file")
    );
    assert_eq!((e.items[0].line, e.items[0].column), place(text, "true"));
    let e = parse(
        "Decisions(format: 2, scenario: \"port-mini\", prior: [(team: \"board\", take: \"hire-ir\", refuse: true)], decisions: [(team: \"port\", take: \"hire-ir\", refuse: true)])",
    )
    .to_string();
    assert!(
        e.contains("preparation #1 is done before the exercise begins and takes no `refuse`"),
        "{e}"
    );
    assert!(e.contains("only a team that authorises \"hire-ir\""), "{e}");
}

#[test]
fn a_scripted_refusal_waits_for_the_request_and_stops_it() {
    let s = board_scenario();
    let hire = s.action_index("hire-ir").unwrap();
    let port = s.team_index("port").unwrap();
    let approved = s.inject_index("approved").unwrap();

    let granted = board_run(&s, "");
    assert!(granted.facts().done.contains_key(&(port, hire)));
    assert!(granted.facts().granted.contains_key(&(port, hire)));
    assert!(
        granted.facts().delivered.contains_key(&approved),
        "Granted holds"
    );

    let refused = board_run(&s, ", refuse: true");
    assert!(!refused.facts().done.contains_key(&(port, hire)));
    assert!(!refused.facts().delivered.contains_key(&approved));
    let said = refused
        .log()
        .events()
        .iter()
        .find(|e| e.text.contains("refuses to authorise"))
        .map(|e| (e.tick, e.text.clone()));
    let Some((tick, text)) = said else {
        panic!("the board refused nothing")
    };
    assert!(tick >= 4, "given once the request came, at 1h: tick {tick}");
    assert_eq!(
        text,
        "Board of directors refuses to authorise \"Hire an incident-response firm\" for Port operator"
    );
    let book = &refused.state().actions;
    assert!(book.pending.is_empty(), "the request is answered");
}

/// The shipped format 2 scenario: a state actor pre-positioned in a water utility. Each
/// construct it uses shows in its runs under the passive and good-practice sets.
#[test]
fn the_water_scenario_plays_each_format_2_construct() {
    use crate::helpers::{builtin, decision_set, simulate};
    let id = "water-prepositioning";
    let s = builtin(id);
    assert_eq!(s.format, 2);
    let passive = decision_set(id, &s, "passive");
    let good = decision_set(id, &s, "good-practice");
    let nco = s.team_index("nco").unwrap();
    let hunt = s.action_index("nco-hunt").unwrap();
    let inject = |name: &str| s.inject_index(name).unwrap();
    let stage = |name: &str| kunren::scenario::StageRef {
        campaign: kunren::scenario::CampaignId(0),
        stage: s.campaigns[0]
            .stages
            .iter()
            .position(|st| st.id == name)
            .unwrap() as u32,
    };
    let (mut halted_runs, mut evaded, mut early) = (0, 0, [0, 0]);
    for seed in 1..=20 {
        let p = simulate(&s, Some(&passive), seed);
        let g = simulate(&s, Some(&good), seed);
        for sim in [&p, &g] {
            // Access held from the start: the way in and the accounts have succeeded at tick 0.
            assert_eq!(sim.facts().stages.get(&stage("valid-accounts")), Some(&0));
            assert_eq!(sim.facts().stages.get(&stage("rmm-access")), Some(&0));
        }
        // The refusal keeps the national hunt team out; consent lets it in (Granted).
        assert!(!p.facts().done.contains_key(&(nco, hunt)), "seed {seed}");
        assert!(!p.facts().delivered.contains_key(&inject("hunt-team")));
        assert!(g.facts().done.contains_key(&(nco, hunt)), "seed {seed}");
        assert!(g.facts().delivered.contains_key(&inject("hunt-team")));
        // The first-day hunt on the jump host finds the accounts: DetectedAny sets off the alert
        // on the first day, long before the crisis.
        let found = |sim: &Simulation| sim.facts().delivered.get(&inject("found")).copied();
        early[0] += usize::from(found(&p).is_some_and(|t| t < 48));
        early[1] += usize::from(found(&g).is_some_and(|t| t < 48));
        // Halted: the police disruption stops the campaign in some runs, and then its inject
        // goes out; without a report it never happens.
        assert!(
            !p.facts()
                .halted
                .contains_key(&kunren::scenario::CampaignId(0))
        );
        if g.facts()
            .halted
            .contains_key(&kunren::scenario::CampaignId(0))
        {
            halted_runs += 1;
            assert!(g.facts().delivered.contains_key(&inject("botnet-down")));
        }
        // Evade: once the agent is off, the jump host is watched less.
        if p.facts().stages.contains_key(&stage("impair")) {
            evaded += 1;
            let e = p
                .state()
                .asset_index
                .get(s.asset_index("jump-host").unwrap());
            let posture = p.world.get::<kunren::sim::assets::LivePosture>(e).unwrap();
            assert!((posture.0.monitoring - 0.2).abs() < 1e-9);
        }
    }
    assert!(
        (3..=17).contains(&halted_runs),
        "the disruption succeeds in about half the runs: {halted_runs} of 20"
    );
    assert!(
        evaded >= 15,
        "the intruder impairs the jump host: {evaded} of 20"
    );
    assert!(
        early[1] >= 12 && early[0] <= 6,
        "found on the first day, with and without the hunts: {early:?} of 20"
    );
}

/// Keep the terminal moving at more than half its normal rate, throughout or until 2h.
fn maintained(deadline: &str) -> String {
    v2(&[
        (
            "    objectives: [\n",
            &format!(
                "    objectives: [\n        (id: \"o3\", team: \"port\", name: \"Keep the gates moving\", goal: Above(\"gate_containers\", 50.0), deadline: Some({deadline})),\n"
            ),
        ),
        (
            "expects: Some(\"isolate\"),",
            "expects: Some(\"isolate\"), objective: Some(\"o3\"),",
        ),
        (
            "dwell: (\"2h\", \"6h\"),",
            "dwell: (\"2h\", \"6h\"), chance: 1.0,",
        ),
        (
            "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 0.6,",
            "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 1.0, attempts: 9,",
        ),
    ])
}

#[test]
fn an_objective_to_maintain_needs_format_2() {
    let text = maintained("Throughout").replacen("    format: 2,\n", "", 1);
    let e = errors(&text);
    assert_eq!(e.items.len(), 1, "{e}");
    assert!(
        e.items[0].message.starts_with(
            "the `Throughout` deadline (an objective to maintain) belongs to format 2"
        )
    );
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&text, "Some(Throughout)")
    );
}

#[test]
fn an_objective_to_maintain_is_missed_the_moment_it_is_breached() {
    use kunren::sim::objectives::ObjectiveStatus;
    let objective = |sim: &Simulation, s: &Scenario| {
        let i = s.objectives.iter().position(|o| o.id == "o3").unwrap();
        sim.state().objectives.status[i]
    };
    let s = load(&maintained("Throughout"));
    let mut sim = Simulation::new(s.clone(), 6);
    while !status(&sim, &s, "tos").encrypted {
        assert_eq!(
            objective(&sim, &s),
            ObjectiveStatus::Pending { anchor: None }
        );
        sim.step();
    }
    let breached = sim.tick().unwrap();
    assert_eq!(objective(&sim, &s), ObjectiveStatus::Missed(breached));
    // Held until 2h, before the earliest encryption (3h), it is met at 2h.
    let s = load(&maintained("Until(\"2h\")"));
    let mut sim = Simulation::new(s.clone(), 6);
    sim.run_to_end();
    assert_eq!(objective(&sim, &s), ObjectiveStatus::Met(8));
}

#[test]
fn segmentation_raised_in_play_holds_back_a_stage_it_counters() {
    let edits = |effect: &'static str| {
        let action = format!(
            "    actions: [\n        (id: \"segment\", name: \"Segment the terminal network\", teams: [\"port\"], targets: Some(Owner(\"port\")), duration: \"15m\", effects: [{effect}]),\n"
        );
        v2(&[
            (ACTIONS, &action),
            (
                "dwell: (\"2h\", \"6h\"),",
                "dwell: (\"2h\", \"6h\"), chance: 1.0, countered_by: [Segmentation],",
            ),
            (
                "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 0.6,",
                "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 1.0, attempts: 9,",
            ),
        ])
    };
    let text = edits("Segment(level: 1.0)").replacen("    format: 2,\n", "", 1);
    assert!(
        errors(&text)
            .to_string()
            .contains("the `Segment` effect belongs to format 2")
    );
    let encrypted = |effect: &'static str| {
        let s = load(&edits(effect));
        (1..=20)
            .filter(|&seed| {
                let mut sim = Simulation::new(s.clone(), seed);
                // The stage tries the terminal database first, and is rolled against it.
                act(&mut sim, &s, "segment", Some("nuts-db"));
                steps(&mut sim, 2);
                let e = sim
                    .state()
                    .asset_index
                    .get(s.asset_index("nuts-db").unwrap());
                let p = &sim
                    .world
                    .get::<kunren::sim::assets::LivePosture>(e)
                    .unwrap()
                    .0;
                let expected = if effect.starts_with("Segment") {
                    1.0
                } else {
                    0.0
                };
                assert_eq!(p.segmentation, expected);
                sim.run_to_end();
                status(&sim, &s, "tos").encrypted
            })
            .count()
    };
    assert_eq!(
        encrypted("Patch"),
        20,
        "unsegmented, the encryption always lands"
    );
    let held_back = encrypted("Segment(level: 1.0)");
    assert!(
        held_back <= 16,
        "segmented, three attempts at 0.3: {held_back} of 20"
    );
}

/// The intruder is noticed on the VPN at once, then encrypts; the port may hunt and restore.
fn eviction(rules: &str) -> String {
    v2(&[
        (
            ACTIONS,
            "    actions: [\n        (id: \"hunt\", name: \"Hunt\", teams: [\"port\"], targets: Some(Owner(\"port\")), duration: \"15m\", effects: [Hunt(thoroughness: 1.0)]),\n        (id: \"restore\", name: \"Restore\", teams: [\"port\"], targets: Some(Owner(\"port\")), duration: \"15m\", effects: [Restore]),\n",
        ),
        (
            "dwell: (\"2h\", \"6h\"),",
            "dwell: (\"2h\", \"6h\"), chance: 1.0,",
        ),
        (
            "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 0.6,",
            "(id: \"access\", technique: \"T1133\", target: Asset(\"vpn\"), chance: 1.0, attempts: 9, detection: 1.0,",
        ),
        (
            "    objectives: [\n",
            &format!("{rules}    objectives: [\n"),
        ),
    ])
}

const EVICT: &str = "    rules: (evict_before_restore: true),\n";

#[test]
fn eviction_before_restore_needs_format_2() {
    let text = eviction(EVICT).replacen("    format: 2,\n", "", 1);
    let e = errors(&text);
    assert_eq!(e.items.len(), 1, "{e}");
    assert!(
        e.items[0]
            .message
            .starts_with("the rule `evict_before_restore` belongs to format 2")
    );
    assert_eq!((e.items[0].line, e.items[0].column), place(&text, "true),"));
}

#[test]
fn a_restore_waits_until_the_known_intruder_is_evicted() {
    let restore_line = |sim: &Simulation| {
        sim.log()
            .events()
            .iter()
            .rev()
            .find(|e| {
                e.text.contains("\"Restore\"") || e.text.starts_with("Terminal operating system: ")
            })
            .map(|e| e.text.clone())
            .unwrap_or_default()
    };
    let encrypted_run = |text: &str| {
        let s = load(text);
        let mut sim = Simulation::new(s.clone(), 3);
        while !status(&sim, &s, "tos").encrypted {
            sim.step();
            assert!(!sim.is_finished(), "tos is encrypted");
        }
        steps(&mut sim, 1);
        assert!(
            status(&sim, &s, "vpn")
                .compromises
                .iter()
                .any(|c| c.known_to_owner)
        );
        (s, sim)
    };
    // Without the rule, the restore goes ahead on a network the intruder still holds.
    let (s, mut sim) = encrypted_run(&eviction(""));
    act(&mut sim, &s, "restore", Some("tos"));
    steps(&mut sim, 2);
    assert!(status(&sim, &s, "tos").restoring_until.is_some());

    let (s, mut sim) = encrypted_run(&eviction(EVICT));
    act(&mut sim, &s, "restore", Some("tos"));
    steps(&mut sim, 2);
    assert!(status(&sim, &s, "tos").restoring_until.is_none());
    assert_eq!(
        restore_line(&sim),
        "Port operator could not start \"Restore\": Terminal operating system is encrypted and the intruder still holds Remote access VPN (compromised, known): a restore now would hand it back; evict the intruder first (hunt, or isolate and rebuild)"
    );
    // Once the hunt has evicted it, the restore goes ahead.
    act(&mut sim, &s, "hunt", Some("vpn"));
    steps(&mut sim, 2);
    assert!(!status(&sim, &s, "vpn").compromised());
    act(&mut sim, &s, "restore", Some("tos"));
    steps(&mut sim, 2);
    assert!(
        status(&sim, &s, "tos").restoring_until.is_some(),
        "{}",
        restore_line(&sim)
    );
}

/// The minimal fixture with a database replica the terminal system can run on instead, and a
/// VPN that (through a reserve of `lasts`) needs the terminal system: a cycle through a reserve.
fn redundancy(lasts: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "        (id: \"nuts-db\", name: \"Terminal database\", owner: \"port\", kind: Data),\n",
            "        (id: \"nuts-db\", name: \"Terminal database\", owner: \"port\", kind: Data),\n        (id: \"replica\", name: \"Database replica\", owner: \"port\", kind: Data),\n".to_string(),
        ),
        (
            "            depends_on: [\"nuts-db\"],\n",
            "            depends_on_any: [[\"nuts-db\", \"replica\"]],\n".to_string(),
        ),
        (
            "tags: [\"edge\"]),",
            format!("tags: [\"edge\"], depends_on_reserve: [(asset: \"tos\", lasts: \"{lasts}\")]),"),
        ),
    ]
}

fn redundancy_text(format_2: bool, lasts: &str) -> String {
    let edits = redundancy(lasts);
    let edits: Vec<(&str, &str)> = edits.iter().map(|(a, b)| (*a, b.as_str())).collect();
    if format_2 { v2(&edits) } else { edited(&edits) }
}

#[test]
fn alternatives_and_reserves_need_format_2() {
    let text = redundancy_text(false, "2h");
    let e = errors(&text);
    assert_eq!(e.items.len(), 2, "{e}");
    assert!(
        e.items.iter().any(|i| i.message.starts_with(
            "`depends_on_any` (alternatives, any one of which will do) belongs to format 2"
        )),
        "{e}"
    );
    assert!(
        e.items.iter().any(|i| i.message.starts_with(
            "`depends_on_reserve` (a dependency covered by a reserve) belongs to format 2"
        )),
        "{e}"
    );
    let at: Vec<(usize, usize)> = e.items.iter().map(|i| (i.line, i.column)).collect();
    assert!(at.contains(&place(&text, "[[\"nuts-db\"")), "{at:?}");
    assert!(at.contains(&place(&text, "[(asset: \"tos\"")), "{at:?}");
    load(&redundancy_text(true, "2h"));
}

#[test]
fn a_cycle_is_allowed_only_through_a_reserve() {
    let s = load(&redundancy_text(true, "2h"));
    let pos = |id: &str| {
        let a = s.asset_index(id).unwrap();
        s.topo_order.iter().position(|&x| x == a).unwrap()
    };
    // The terminal system uses the VPN, and the VPN draws on a reserve against the terminal
    // system: the order keeps the VPN first, as though the reserve were not there.
    assert!(
        pos("vpn") < pos("tos"),
        "the reserve is no link of the order"
    );
    // Without the reserve the same links are a cycle, refused with the way out.
    let text = v2(&[(
        "tags: [\"edge\"]),",
        "tags: [\"edge\"], depends_on: [\"tos\"]),",
    )]);
    let e = errors(&text);
    assert!(e.items[0].message.starts_with("dependency cycle"), "{e}");
    assert!(
        e.items[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("`depends_on_reserve`")),
        "{e}"
    );
}

#[test]
fn a_group_of_one_a_reserve_of_no_time_and_self_references_are_refused_where_written() {
    let cases = [
        (
            v2(&[(
                "            depends_on: [\"nuts-db\"],\n",
                "            depends_on_any: [[\"nuts-db\"]],\n",
            )]),
            "[\"nuts-db\"]]",
            "names 1 asset(s); it needs at least two",
        ),
        (
            v2(&[(
                "            depends_on: [\"nuts-db\"],\n",
                "            depends_on_any: [[\"nuts-db\", \"tos\"]],\n",
            )]),
            "\"tos\"]]",
            "names itself among its own alternatives",
        ),
        (
            v2(&[(
                "            depends_on: [\"nuts-db\"],\n",
                "            depends_on_any: [[\"nuts-db\", \"nuts-db\"]],\n",
            )]),
            "\"nuts-db\"]]",
            "is named twice in one group",
        ),
        (
            v2(&[(
                "            depends_on: [\"nuts-db\"],\n",
                "            depends_on_any: [[\"nuts-db\", \"nuts-dbb\"]],\n",
            )]),
            "\"nuts-dbb\"",
            "nuts-dbb",
        ),
        (
            redundancy_text(true, "0m"),
            "\"0m\")]",
            "a reserve that lasts \"0m\" covers nothing",
        ),
        (
            redundancy_text(true, "2 hours"),
            "\"2 hours\")]",
            "reserve of asset \"vpn\"",
        ),
        (
            v2(&[(
                "tags: [\"edge\"]),",
                "tags: [\"edge\"], depends_on_reserve: [(asset: \"vpn\", lasts: \"1h\")]),",
            )]),
            "\"vpn\", lasts",
            "draws on a reserve against itself",
        ),
    ];
    for (text, at, says) in cases {
        let e = errors(&text);
        let item = e
            .items
            .iter()
            .find(|i| i.message.contains(says))
            .unwrap_or_else(|| panic!("no error saying {says:?}:\n{e}"));
        assert_eq!((item.line, item.column), place(&text, at), "{says}: {e}");
        assert!(item.hint.is_some(), "{says}: a hint says how to fix it");
    }
}

fn fail(sim: &mut Simulation, s: &Scenario, asset: &str, failed: bool) {
    sim.edit_status(s.asset_index(asset).unwrap(), |st| st.failed = failed)
        .unwrap();
}

#[test]
fn a_replica_carries_the_service_and_a_reserve_runs_out_after_its_time() {
    // 15-minute ticks: a reserve of 1h bites four ticks after the terminal system goes down.
    let s = load(&redundancy_text(true, "1h"));
    let mut sim = Simulation::new(s.clone(), 1);
    steps(&mut sim, 2);
    fail(&mut sim, &s, "nuts-db", true);
    steps(&mut sim, 1);
    assert_eq!(
        level_of(&sim, &s, "tos"),
        Level::Normal,
        "the replica carries it"
    );
    fail(&mut sim, &s, "replica", true);
    steps(&mut sim, 1);
    assert_eq!(level_of(&sim, &s, "tos"), Level::Down);
    let down_at = sim.tick().unwrap();
    let mut bit = None;
    for _ in 0..8 {
        steps(&mut sim, 1);
        if level_of(&sim, &s, "vpn") == Level::Down {
            bit = sim.tick();
            break;
        }
    }
    assert_eq!(bit, Some(down_at + 4), "the VPN runs on its reserve for 1h");
    // The replica back: the terminal system works again at once, but degraded while the VPN
    // it uses is down; the VPN reads the terminal system a tick late, so the two climb back
    // together over three ticks.
    fail(&mut sim, &s, "replica", false);
    let both = |sim: &Simulation| (level_of(sim, &s, "tos"), level_of(sim, &s, "vpn"));
    steps(&mut sim, 1);
    assert_eq!(both(&sim), (Level::Degraded, Level::Down));
    steps(&mut sim, 1);
    assert_eq!(both(&sim), (Level::Normal, Level::Degraded));
    steps(&mut sim, 1);
    assert_eq!(both(&sim), (Level::Normal, Level::Normal));
}

/// The shipped water scenario's power and water: when the pumps stay down, the distributor's
/// control centre runs on its tanks for 12 hours (24 ticks) and then takes the grid feed down;
/// pumps brought back by a ruling then run on the standby generators, and the grid follows a
/// tick later. Runs where the utility restores the pumps in time never lose the grid.
#[test]
fn the_water_scenario_loses_the_grid_only_after_its_tanks_run_dry() {
    use crate::helpers::{builtin, decision_set};
    use kunren::command::{Command, Ruling};
    let id = "water-prepositioning";
    let s = builtin(id);
    let passive = decision_set(id, &s, "passive");
    let level = |sim: &Simulation, asset: &str| level_of(sim, &s, asset);
    let mut dry = 0;
    for seed in 1..=8 {
        let mut sim = Simulation::new(s.clone(), seed);
        sim.script(&passive);
        let mut pumps_down = None;
        let mut grid_down = None;
        while !sim.is_finished() && grid_down.is_none() {
            sim.step();
            let now = sim.tick().unwrap();
            if pumps_down.is_none() && level(&sim, "pumps") == Level::Down {
                pumps_down = Some(now);
            }
            if level(&sim, "grid-feed") == Level::Down {
                grid_down = Some(now);
            }
            if pumps_down.is_none() {
                assert_eq!(level(&sim, "dms"), Level::Normal, "seed {seed}");
            }
        }
        let (Some(p), Some(g)) = (pumps_down, grid_down) else {
            assert!(
                pumps_down.is_none_or(|p| p + 24 > s.clock.end_tick),
                "seed {seed}: the pumps went down at {pumps_down:?} but the grid never did"
            );
            continue;
        };
        dry += 1;
        assert_eq!(g, p + 24, "seed {seed}: the tanks last 12 hours");
        assert_eq!(level(&sim, "dms"), Level::Down);
        // A ruling brings the pumps back: the generators carry them with the grid still down.
        sim.submit(Command::Adjudicate {
            ruling: Ruling::RestoreAsset(s.asset_index("pumps").unwrap()),
            reason: "a test".into(),
        });
        sim.submit(Command::Adjudicate {
            ruling: Ruling::RestoreAsset(s.asset_index("scada").unwrap()),
            reason: "a test".into(),
        });
        sim.step();
        assert_eq!(level(&sim, "pumps"), Level::Normal, "seed {seed}");
        assert_eq!(level(&sim, "grid-feed"), Level::Down, "seed {seed}");
        sim.step();
        assert_eq!(level(&sim, "dms"), Level::Normal, "seed {seed}");
        assert_eq!(level(&sim, "grid-feed"), Level::Normal, "seed {seed}");
    }
    assert!(
        dry >= 4,
        "the passive utility loses the pumps for long: {dry} of 8"
    );
    let good = decision_set(id, &s, "good-practice");
    for seed in 1..=8 {
        let sim = crate::helpers::simulate(&s, Some(&good), seed);
        let grid_lost = sim.log().events().iter().any(|e| {
            e.text.contains("Grid feed to the pumping stations") && e.text.ends_with("down")
        });
        assert!(
            !grid_lost,
            "seed {seed}: the pumps came back within the tanks' 12 hours"
        );
    }
}

/// The minimal fixture with a vendor that runs the VPN, and a sweep either team may take, aimed
/// only at its own assets.
fn own_assets(format_2: bool, sweep: &str) -> String {
    let edits = [
        (
            "        (id: \"crew\", name: \"Ransomware crew\", kind: Adversary, played_by: Simulation),\n",
            "        (id: \"crew\", name: \"Ransomware crew\", kind: Adversary, played_by: Simulation),\n        (id: \"vendor\", name: \"VPN vendor\", kind: Operator, staff: 2),\n",
        ),
        (
            "(id: \"vpn\", name: \"Remote access VPN\", owner: \"port\",",
            "(id: \"vpn\", name: \"Remote access VPN\", owner: \"vendor\",",
        ),
        ("            effects: [Isolate],\n        ),\n", sweep),
    ];
    if format_2 { v2(&edits) } else { edited(&edits) }
}

const SWEEP: &str = "            effects: [Isolate],\n        ),\n        (id: \"sweep\", name: \"Sweep own systems\", teams: [\"port\", \"vendor\"], targets: Some(Any([Owner(\"port\"), Owner(\"vendor\")])), duration: \"1h\", effects: [Hunt(thoroughness: 0.5)], own_assets_only: true),\n";

#[test]
fn own_asset_targeting_needs_format_2_targets_and_an_asset_of_each_team() {
    let text = own_assets(false, SWEEP);
    let e = errors(&text);
    assert_eq!(e.items.len(), 1, "{e}");
    assert!(
        e.items[0].message.starts_with(
            "`own_assets_only` (an action aimed only at the team's own assets) belongs to format 2"
        ),
        "{e}"
    );
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&text, "true),\n")
    );
    load(&own_assets(true, SWEEP));
    // No targets: nothing to limit.
    let text = own_assets(
        true,
        "            effects: [Isolate],\n        ),\n        (id: \"sweep\", name: \"Sweep\", teams: [\"port\"], effects: [], own_assets_only: true),\n",
    );
    let e = errors(&text);
    assert!(
        e.items[0]
            .message
            .contains("takes no target, so `own_assets_only` limits nothing"),
        "{e}"
    );
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&text, "true),\n")
    );
    // The vendor may take it but owns none of its targets.
    let text = own_assets(
        true,
        &SWEEP.replace(
            "Any([Owner(\"port\"), Owner(\"vendor\")])",
            "Owner(\"port\")",
        ),
    );
    let e = errors(&text);
    assert!(
        e.items[0]
            .message
            .contains("team \"vendor\" may take action \"sweep\""),
        "{e}"
    );
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&text, "\"vendor\"], targets: Some(Owner")
    );
}

#[test]
fn own_asset_targeting_is_refused_in_a_decisions_file_and_in_the_core() {
    use kunren::command::Command;
    let s = load(&own_assets(true, SWEEP));
    let text = "Decisions(scenario: \"port-mini\", decisions: [\n    (team: \"vendor\", at: Some(\"1h\"), take: \"sweep\", target: Some(\"tos\")),\n])";
    let e = match scenario::parse_decisions(text, "d.ron", &s) {
        Ok(_) => panic!("should not load"),
        Err(e) => e,
    };
    assert_eq!(e.items.len(), 1, "{e}");
    assert!(
        e.items[0].message.starts_with(
            "action \"sweep\" is aimed only at the acting team's own assets, and asset \"tos\" is run by \"port\", not \"vendor\""
        ),
        "{e}"
    );
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(text, "Some(\"tos\")")
    );
    let ok = "Decisions(scenario: \"port-mini\", decisions: [\n    (team: \"vendor\", at: Some(\"1h\"), take: \"sweep\", target: Some(\"vpn\")),\n])";
    assert!(scenario::parse_decisions(ok, "d.ron", &s).is_ok());

    // The core: a command for another team's asset is refused before it is given, with why.
    let mut sim = Simulation::new(s.clone(), 1);
    steps(&mut sim, 1);
    let vendor = s.team_index("vendor").unwrap();
    let act = |target: &str| Command::Act {
        team: vendor,
        action: s.action_index("sweep").unwrap(),
        target: s.asset_index(target),
        to: None,
        intel: None,
    };
    assert_eq!(
        sim.knowledge(vendor).refuses(&act("tos")).as_deref(),
        Some(
            "\"Sweep own systems\" is aimed only at VPN vendor's own assets, and Terminal operating system is run by Port operator"
        )
    );
    assert_eq!(sim.knowledge(vendor).refuses(&act("vpn")), None);
    // Given anyway (a scripted front end), the engine refuses it and nothing is swept.
    sim.submit(act("tos"));
    steps(&mut sim, 6);
    let sweep = s.action_index("sweep").unwrap();
    assert!(!sim.facts().done.contains_key(&(vendor, sweep)));
    assert!(
        sim.log()
            .events()
            .iter()
            .any(|e| e.text.contains("is aimed only at VPN vendor's own assets")),
        "the refusal is logged"
    );
}

/// In the shipped water scenario each firm isolates only what it runs (the provider also the
/// jump host it operates for the utility).
#[test]
fn in_the_water_scenario_the_provider_isolates_only_its_own_server() {
    use kunren::command::Command;
    let s = crate::helpers::builtin("water-prepositioning");
    let mut sim = Simulation::new(s.clone(), 1);
    steps(&mut sim, 1);
    let isolate = |team: &str, target: &str| Command::Act {
        team: s.team_index(team).unwrap(),
        action: s.action_index("isolate").unwrap(),
        target: s.asset_index(target),
        to: None,
        intel: None,
    };
    let msp = sim.knowledge(s.team_index("msp").unwrap());
    assert_eq!(
        msp.refuses(&isolate("msp", "scada")).as_deref(),
        Some(
            "\"Isolate from the network\" is aimed only at Managed-service provider's own assets, and SCADA servers is run by Prefectural water utility"
        )
    );
    assert_eq!(msp.refuses(&isolate("msp", "msp-rmm")), None);
    // The jump host is the utility's, but the provider administers it (`operators`).
    assert_eq!(msp.refuses(&isolate("msp", "jump-host")), None);
    assert!(msp.assets().iter().any(|a| a.id == "jump-host"));
    let utility = sim.knowledge(s.team_index("utility").unwrap());
    assert!(utility.refuses(&isolate("utility", "msp-rmm")).is_some());
    assert_eq!(utility.refuses(&isolate("utility", "jump-host")), None);
}
