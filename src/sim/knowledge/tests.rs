use std::sync::Arc;

use rand::SeedableRng;

use super::*;
use crate::command::{Command, Ruling};
use crate::scenario::model::{Condition, Measure, StageRef};
use crate::{library, scenario};

/// A small world, 15-minute ticks: the intruder gets a foothold on the plant's gateway at
/// tick 4 and nobody notices (detection 0); the operator's report is due a day after it.
const SMALL: &str = r#"
Scenario(
    meta: (id: "knowledge-test", title: "Knowledge test bench"),
    clock: (start: "2023-07-04T06:00:00+09:00", tick: "15m", length: "2d"),
    teams: [
        (id: "plant", name: "Plant operator", kind: Operator, staff: 4),
        (id: "city", name: "City water", kind: Operator, staff: 4),
        (id: "crew", name: "Crew", kind: Adversary, played_by: Simulation),
    ],
    assets: [
        (id: "gateway", name: "Remote gateway", owner: "plant", posture: (patching: 0.0, monitoring: 0.0)),
        (id: "pumps", name: "Pumps", owner: "plant"),
        (id: "mains", name: "City mains", owner: "city"),
    ],
    campaigns: [
        (id: "quiet", name: "Quiet crew", team: "crew", stages: [
            (id: "access", technique: "T1133", target: Asset("gateway"), chance: 1.0, dwell: ("1h", "1h"),
                detection: 0.0, attempts: 1, effect: Foothold),
        ]),
    ],
    actions: [
        (id: "hunt", name: "Hunt", teams: ["plant"], targets: Some(Owner("plant")), duration: "15m",
            effects: [Hunt(thoroughness: 1.0)]),
        (id: "report", name: "Report", teams: ["plant", "city"], duration: "15m", effects: [Report]),
        (id: "evict", name: "Evict the intruder", teams: ["plant"], requires: Some(Stage("quiet", "access")),
            duration: "15m", effects: []),
        (id: "help-city", name: "Send crews to the city", teams: ["plant"],
            requires: Some(Asset("mains", Down)), duration: "15m", effects: []),
        (id: "statement", name: "Public statement", teams: ["city"], duration: "15m",
            effects: [PublicStatement(trust: 1.0)]),
        (id: "echo", name: "Echo the city", teams: ["plant"], requires: Some(Done("city", "statement")),
            duration: "15m", effects: []),
        (id: "when-loss", name: "Claim insurance", teams: ["plant"],
            requires: Some(Above("economic_loss", -1.0)), duration: "15m", effects: []),
    ],
    objectives: [
        (id: "report-fast", team: "plant", name: "Report within a day of the intrusion",
            goal: Done("plant", "report"), deadline: Some(Within("1d", Stage("quiet", "access")))),
        (id: "by-noon", team: "plant", name: "Report by noon", goal: Done("plant", "report"),
            deadline: Some(By("6h"))),
    ],
)
"#;

fn small() -> Arc<Scenario> {
    Arc::new(scenario::parse(SMALL, "knowledge-test.ron").unwrap())
}

fn team(s: &Scenario, id: &str) -> TeamId {
    s.team_index(id).unwrap()
}

fn act(sim: &Simulation, team: &str, action: &str, to: Option<&str>) -> Command {
    let s = sim.scenario();
    Command::Act {
        team: s.team_index(team).unwrap(),
        action: s.action_index(action).unwrap(),
        target: None,
        to: to.map(|t| s.team_index(t).unwrap()),
        intel: None,
    }
}

fn offer<'a>(offers: &'a [Offer], id: &str) -> &'a Offer {
    offers.iter().find(|o| o.id == id).unwrap()
}

fn steps(sim: &mut Simulation, n: u32) {
    for _ in 0..n {
        sim.step();
    }
}

#[test]
fn a_deadline_from_an_undetected_intrusion_shows_no_date_until_the_team_learns_of_it() {
    let s = small();
    let plant = team(&s, "plant");
    let mut sim = Simulation::new(s.clone(), 1);
    steps(&mut sim, 8);
    // In truth the intrusion happened at tick 4 and the report is due a day later.
    let book = &sim.state().objectives;
    let truth = book.status[0].due_by(s.objectives[0].deadline.as_ref());
    assert_eq!(truth, Some(4 + 96));
    let known = sim.knowledge(plant).objectives();
    assert_eq!(known[0].standing, Standing::Pending, "{known:?}");
    assert_eq!(known[0].status, "pending");
    assert_eq!(
        known[1].standing,
        Standing::Due(24),
        "an absolute deadline is always shown"
    );
    // The action that needs the intrusion is not offered on what the team knows, and says what
    // it needs in the same words as when the intrusion truly has not happened.
    let offers = sim.knowledge(plant).actions();
    assert_eq!(
        offer(&offers, "evict").unavailable.as_deref(),
        Some("needs: news of an intrusion"),
        "the technique is not named before it is found"
    );
    // A hunt finds the intruder: the date appears, the true one the objective is judged by.
    let gateway = s.asset_index("gateway").unwrap();
    let mut hunt = act(&sim, "plant", "hunt", None);
    if let Command::Act { target, .. } = &mut hunt {
        *target = Some(gateway);
    }
    sim.submit(hunt);
    steps(&mut sim, 3);
    let k = sim.knowledge(plant);
    assert_eq!(k.objectives()[0].standing, Standing::Due(100));
    assert_eq!(offer(&k.actions(), "evict").unavailable, None);
    assert!(k.events().any(|e| e.kind == EventKind::Detection));
    assert_eq!(k.asset(gateway), Some(Shown::Normal), "found and removed");
}

#[test]
fn other_teams_assets_are_unknown_until_their_owner_reports_to_the_team() {
    let s = small();
    let plant = team(&s, "plant");
    let mains = s.asset_index("mains").unwrap();
    let mut sim = Simulation::new(s.clone(), 1);
    sim.step();
    sim.submit(Command::Adjudicate {
        ruling: Ruling::FailAsset(mains),
        reason: "burst main".into(),
    });
    steps(&mut sim, 2);
    assert_eq!(sim.facts().assets[mains.index()].level, Level::Down);
    let k = sim.knowledge(plant);
    assert_eq!(k.facts().assets[mains.index()].level, Level::Normal);
    assert_eq!(k.asset(mains), None, "not the plant's to see");
    let why = offer(&k.actions(), "help-city").unavailable.clone();
    assert_eq!(
        why.as_deref(),
        Some("needs: word from City water that one of its systems is down"),
        "what the team knows is missing, though the mains are down in truth; another team's \
         asset is not named"
    );
    // A team seat cannot give what it does not know to be possible, though the engine, on
    // ground truth, would start it.
    let req = Request {
        team: plant,
        action: s.action_index("help-city").unwrap(),
        target: None,
        to: None,
        intel: None,
    };
    assert_eq!(k.refusal(&req), why);
    let give = Command::Act {
        team: plant,
        action: req.action,
        target: None,
        to: None,
        intel: None,
    };
    assert_eq!(k.refuses(&give), why);
    let city = team(&s, "city");
    assert_eq!(
        k.refuses(&Command::Act {
            team: city,
            action: s.action_index("report").unwrap(),
            target: None,
            to: Some(plant),
            intel: None,
        })
        .as_deref(),
        Some("Plant operator cannot act for City water")
    );
    let note = Command::Note {
        text: "x".into(),
        objective: None,
        capability: None,
    };
    assert_eq!(k.refuses(&note), None, "not a question of knowledge");
    // The city reports to the plant: from then on the plant knows the city's assets.
    sim.submit(act(&sim, "city", "report", Some("plant")));
    steps(&mut sim, 2);
    let k = sim.knowledge(plant);
    assert_eq!(k.facts().assets[mains.index()].level, Level::Down);
    assert_eq!(offer(&k.actions(), "help-city").unavailable, None);
    assert_eq!(k.refusal(&req), None);
    assert_eq!(k.refuses(&give), None);
}

#[test]
fn public_statements_are_known_to_all_and_measures_to_none() {
    let s = small();
    let plant = team(&s, "plant");
    let mut sim = Simulation::new(s.clone(), 1);
    sim.step();
    let k = sim.knowledge(plant);
    let offers = k.actions();
    assert!(offer(&offers, "echo").unavailable.is_some());
    assert!(
        offer(&offers, "when-loss").unavailable.is_some(),
        "a measure is not known to a team, so Above never holds for it"
    );
    assert!(k.facts().measures.iter().all(|m| m.is_nan()));
    sim.submit(act(&sim, "city", "statement", None));
    steps(&mut sim, 2);
    assert_eq!(
        offer(&sim.knowledge(plant).actions(), "echo").unavailable,
        None
    );
}

#[test]
fn known_facts_keep_only_what_the_team_learnt() {
    let s = small();
    let (plant, city) = (team(&s, "plant"), team(&s, "city"));
    let stage = StageRef {
        campaign: crate::scenario::model::CampaignId(0),
        stage: 0,
    };
    let mut truth = Facts::new(&s);
    truth.tick = 9;
    truth.stages.insert(stage, 4);
    truth.assets[0].compromised = true;
    truth.assets[2].level = Level::Down;
    truth.done.insert((city, ActionId(0)), 3);
    truth.done.insert((plant, ActionId(1)), 5);
    truth.measures[0] = 10.0;
    let f = known_facts(&s, &truth, plant, |_| false);
    assert!(
        !f.assets[0].compromised,
        "an undetected intruder is not there"
    );
    assert_eq!(f.assets[2].level, Level::Normal, "another team's asset");
    assert!(f.stages.is_empty(), "a stage nobody told the plant of");
    assert_eq!(
        f.done.keys().collect::<Vec<_>>(),
        vec![&(plant, ActionId(1))]
    );
    assert_eq!(f.tick, 9);
    // Learnt later than it happened: known from the learning.
    truth.detected.insert((plant, stage), 7);
    truth.confided.insert((plant, city), 8);
    let f = known_facts(&s, &truth, plant, |a| a.0 == 0);
    assert_eq!(f.stages.get(&stage), Some(&7));
    assert!(f.assets[0].compromised);
    assert_eq!(f.assets[2].level, Level::Down);
    let measures = s.all_measures();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    for c in [
        Condition::Above(Measure::EconomicLoss, -1.0),
        Condition::Below(Measure::EconomicLoss, 1e9),
    ] {
        assert!(holds(&c, &truth, &measures, &mut rng));
        assert!(!holds(&c, &f, &measures, &mut rng));
    }
}

#[test]
fn a_condition_judged_on_the_parts_it_reads_holds_as_on_all_the_team_knows() {
    let s = small();
    let (plant, city) = (team(&s, "plant"), team(&s, "city"));
    let stage = StageRef {
        campaign: crate::scenario::model::CampaignId(0),
        stage: 0,
    };
    let mut truth = Facts::new(&s);
    truth.tick = 9;
    truth.stages.insert(stage, 4);
    truth.detected.insert((plant, stage), 7);
    truth.confided.insert((plant, city), 8);
    truth.assets[0].compromised = true;
    truth.assets[2].level = Level::Down;
    truth.done.insert((city, ActionId(0)), 3);
    truth.measures[0] = 10.0;
    let knows = |a: AssetId| a.0 == 0;
    let conditions = [
        Condition::Detected(plant, stage),
        Condition::Detected(city, stage),
        Condition::Stage(stage),
        Condition::Asset(
            AssetId(0),
            crate::scenario::model::AssetCondition::Compromised,
        ),
        Condition::Asset(AssetId(2), crate::scenario::model::AssetCondition::Down),
        Condition::Not(Box::new(Condition::Asset(
            AssetId(2),
            crate::scenario::model::AssetCondition::Normal,
        ))),
        Condition::Done(city, ActionId(0)),
        Condition::Not(Box::new(Condition::Below(Measure::EconomicLoss, 1e9))),
        Condition::All(vec![
            Condition::After(5),
            Condition::Any(vec![Condition::Chance(0.5), Condition::Stage(stage)]),
        ]),
    ];
    let measures = s.all_measures();
    for team in [plant, city] {
        let all = known_facts(&s, &truth, team, knows);
        for c in &conditions {
            let part = known_parts(&s, &truth, team, knows, Reads::of(c));
            let mut r1 = rand_chacha::ChaCha8Rng::seed_from_u64(3);
            let mut r2 = r1.clone();
            assert_eq!(
                holds(c, &part, &measures, &mut r1),
                holds(c, &all, &measures, &mut r2),
                "{c:?} for team {team:?}"
            );
        }
    }
    // Only what is read is copied: a detection needs no assets, intelligence or measures.
    let part = known_parts(
        &s,
        &truth,
        plant,
        knows,
        Reads::of(&Condition::Detected(plant, stage)),
    );
    assert!(part.assets.is_empty() && part.measures.is_empty() && part.confided.is_empty());
    assert_eq!(part.detected.len(), 1);
}

#[test]
fn a_takedown_is_known_to_all_and_an_active_defence_operation_to_its_team_alone() {
    let s = small();
    let (plant, city) = (team(&s, "plant"), team(&s, "city"));
    let quiet = crate::scenario::model::CampaignId(0);
    let halted = Condition::Halted(quiet);
    let measures = s.all_measures();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    for (announced, city_knows) in [(true, true), (false, false)] {
        let mut truth = Facts::new(&s);
        let halt = crate::sim::facts::Halt {
            tick: 2,
            by: plant,
            announced,
        };
        truth.halted.insert(quiet, halt);
        assert!(holds(&halted, &truth, &measures, &mut rng));
        let plant_knows = known_facts(&s, &truth, plant, |_| false);
        assert!(holds(&halted, &plant_knows, &measures, &mut rng));
        let city_view = known_parts(&s, &truth, city, |_| false, Reads::of(&halted));
        assert_eq!(holds(&halted, &city_view, &measures, &mut rng), city_knows);
    }
}

#[test]
fn looking_changes_nothing() {
    let s = small();
    let plant = team(&s, "plant");
    let mut a = Simulation::new(s.clone(), 3);
    let mut b = Simulation::new(s.clone(), 3);
    for _ in 0..20 {
        a.step();
        b.step();
        let _ = a.knowledge(plant).view();
    }
    a.run_to_end();
    b.run_to_end();
    assert_eq!(
        crate::summary::state_hash(&a),
        crate::summary::state_hash(&b)
    );
}

/// Seen in the shipped `sme-supply-chain`: the white cell fails the hospital's dialysis unit and
/// tells the water utility nothing; the utility's view must not change. Once the hospital asks
/// it for water, it knows, and "Send water tankers" becomes available.
#[test]
fn sme_supply_chain_the_utility_is_not_shown_a_dialysis_failure_it_was_not_told_of() {
    let b = library::builtin("sme-supply-chain").unwrap();
    let s = Arc::new(scenario::parse(b.source, b.path).unwrap());
    let utility = team(&s, "utility");
    let hospital = team(&s, "hospital");
    let dialysis = s.asset_index("dialysis-unit").unwrap();
    let mut quiet = Simulation::new(s.clone(), 1);
    let mut failed = Simulation::new(s.clone(), 1);
    quiet.step();
    failed.step();
    failed.submit(Command::Adjudicate {
        ruling: Ruling::FailAsset(dialysis),
        reason: "pump failure".into(),
    });
    let mut compared = 0;
    loop {
        quiet.step();
        failed.step();
        if failed.facts().confided.contains_key(&(utility, hospital)) {
            break;
        }
        assert_eq!(failed.facts().assets[dialysis.index()].level, Level::Down);
        let tankers = offer(&failed.knowledge(utility).actions(), "supply-hospital").clone();
        assert!(tankers.unavailable.is_some(), "{tankers:?}");
        assert_eq!(
            quiet.knowledge(utility).view(),
            failed.knowledge(utility).view(),
            "tick {:?}",
            failed.tick()
        );
        compared += 1;
        assert!(compared < 100, "the hospital never asked for water");
    }
    assert!(
        compared >= 4,
        "compared {compared} ticks before the request"
    );
    // The hospital asked for help: now the utility knows, and may send tankers.
    let k = failed.knowledge(utility);
    assert_eq!(offer(&k.actions(), "supply-hospital").unavailable, None);
    assert!(
        offer(&quiet.knowledge(utility).actions(), "supply-hospital")
            .unavailable
            .is_some()
    );
}

/// Met or missed under a deadline counted from an intrusion the team never found: the
/// outcome's date would give the intrusion away, so to the team it stays pending, and the
/// engine's "Objective met/missed" entry is held back until the team learns of the intrusion.
#[test]
fn an_objective_settled_under_an_unknown_deadline_gives_nothing_away() {
    let s = small();
    let plant = team(&s, "plant");
    let fast = "Report within a day of the intrusion";
    let told = |sim: &Simulation, line: &str| {
        sim.knowledge(plant)
            .events()
            .any(|e| e.text.starts_with(&format!("Objective {line}")))
    };
    // Nobody reports: missed a day after the foothold, in truth.
    let mut missed = Simulation::new(s.clone(), 1);
    missed.run_to_end();
    let book = &missed.state().objectives;
    assert_eq!(book.status[0], ObjectiveStatus::Missed(100));
    let k = missed.knowledge(plant);
    assert_eq!(k.objectives()[0].standing, Standing::Pending);
    assert!(!told(&missed, &format!("missed: {fast}")));
    assert!(
        missed
            .log()
            .known_by(plant)
            .any(|e| e.text.starts_with(&format!("Objective missed: {fast}"))),
        "the engine's log is unchanged"
    );
    // An absolute deadline is the team's to know, and so is its outcome.
    assert_eq!(k.objectives()[1].standing, Standing::Missed(24));
    assert!(told(&missed, "missed: Report by noon"));

    // The plant reports before the intrusion: met the tick the foothold is taken, in truth.
    let mut met = Simulation::new(s.clone(), 1);
    met.step();
    met.submit(act(&met, "plant", "report", Some("city")));
    steps(&mut met, 6);
    assert_eq!(met.state().objectives.status[0], ObjectiveStatus::Met(4));
    assert_eq!(
        met.knowledge(plant).objectives()[0].standing,
        Standing::Pending
    );
    assert!(!told(&met, &format!("met: {fast}")));
    // A hunt finds the intruder: now the plant knows, and sees the outcome and its entry.
    let mut hunt = act(&met, "plant", "hunt", None);
    if let Command::Act { target, .. } = &mut hunt {
        *target = s.asset_index("gateway");
    }
    met.submit(hunt);
    steps(&mut met, 3);
    assert_eq!(
        met.knowledge(plant).objectives()[0].standing,
        Standing::Met(4)
    );
    assert!(told(&met, &format!("met: {fast}")));
}
