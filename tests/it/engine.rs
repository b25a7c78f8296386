//! System tests: the engine test-bench scenario, commands in, a few ticks, assertions on the
//! World. Chances in the fixture are 0 or 1 where timing matters, so each test knows the tick at
//! which things happen (see the header of tests/fixtures/engine.ron).

use std::sync::Arc;

use kunren::command::{Command, Ruling};
use kunren::scenario::{self, AssetId, Scenario, StageRef, TeamId};
use kunren::sim::Simulation;
use kunren::sim::adversary::{CampaignState, StageState};
use kunren::sim::assets::AssetStatus;
use kunren::sim::facts::Level;
use kunren::sim::log::EventKind;
use kunren::sim::objectives::ObjectiveStatus;

const FIXTURE: &str = include_str!("../fixtures/engine.ron");

fn scenario() -> Arc<Scenario> {
    Arc::new(
        scenario::parse(FIXTURE, "tests/fixtures/engine.ron").expect("the engine fixture is valid"),
    )
}

struct Bench {
    sim: Simulation,
    s: Arc<Scenario>,
}

impl Bench {
    fn new() -> Self {
        let s = scenario();
        Bench {
            sim: Simulation::new(s.clone(), 7),
            s,
        }
    }

    fn team(&self, id: &str) -> TeamId {
        self.s.team_index(id).unwrap()
    }
    fn asset(&self, id: &str) -> AssetId {
        self.s.asset_index(id).unwrap()
    }

    /// Steps until `tick` has been simulated.
    fn run_to(&mut self, tick: u32) {
        while self.sim.tick().is_none_or(|t| t < tick) {
            self.sim.step();
        }
    }

    /// Submits a command that takes effect at the next tick.
    fn act(
        &mut self,
        team: &str,
        action: &str,
        target: Option<&str>,
        to: Option<&str>,
        intel: Option<&str>,
    ) {
        let command = Command::Act {
            team: self.team(team),
            action: self.s.action_index(action).unwrap(),
            target: target.map(|t| self.asset(t)),
            to: to.map(|t| self.team(t)),
            intel: intel.map(|i| self.s.intel_index(i).unwrap()),
        };
        self.sim.submit(command);
    }

    /// The asset's level, as the cascade left it (in the facts).
    fn level(&self, asset: &str) -> Level {
        self.sim.facts().assets[self.asset(asset).index()].level
    }

    fn status(&self, asset: &str) -> AssetStatus {
        let e = self.sim.state().asset_index.get(self.asset(asset));
        self.sim.world.get::<AssetStatus>(e).unwrap().clone()
    }

    fn campaign(&self) -> CampaignState {
        let e = self.sim.state().campaign_index.0[0];
        self.sim.world.get::<CampaignState>(e).unwrap().clone()
    }

    fn encrypt_stage(&self) -> StageRef {
        StageRef {
            campaign: kunren::scenario::CampaignId(0),
            stage: 1,
        }
    }

    fn log_has(&self, kind: EventKind, needle: &str) -> bool {
        self.sim
            .log()
            .events()
            .iter()
            .any(|e| e.kind == kind && e.text.contains(needle))
    }

    fn objective(&self, i: usize) -> ObjectiveStatus {
        self.sim.state().objectives.status[i]
    }
}

#[test]
fn the_campaign_plays_out_on_schedule_and_the_cascade_follows() {
    let mut b = Bench::new();
    b.run_to(11);
    assert!(b.status("vpn").compromised(), "foothold from tick 4");
    assert!(!b.status("db").encrypted);
    assert_eq!(b.level("tos"), Level::Normal);
    b.run_to(12);
    assert!(b.status("db").encrypted);
    assert_eq!(b.level("db"), Level::Down);
    assert_eq!(
        b.level("tos"),
        Level::Down,
        "a hard dependency takes its dependants down"
    );
    assert_eq!(b.level("printers"), Level::Normal);
    assert!(
        b.sim
            .facts()
            .detected
            .contains_key(&(b.team("port"), b.encrypt_stage())),
        "encryption is overt"
    );
    assert!(b.log_has(EventKind::Impact, "ransom note demands 5,000 JPY"));
    // The service measure and the loss react on the same tick.
    let throughput = b.sim.facts().measures[4];
    assert_eq!(throughput, 0.0);
}

#[test]
fn soft_dependencies_degrade_and_rulings_restore() {
    let mut b = Bench::new();
    let printers = b.asset("printers");
    b.sim.submit(Command::Adjudicate {
        ruling: Ruling::FailAsset(printers),
        reason: "test".into(),
    });
    b.run_to(1);
    assert_eq!(b.level("printers"), Level::Down);
    assert_eq!(b.level("tos"), Level::Degraded);
    assert_eq!(
        b.sim.facts().measures[4],
        50.0,
        "half the gate throughput while degraded"
    );
    b.sim.submit(Command::Adjudicate {
        ruling: Ruling::RestoreAsset(printers),
        reason: "test".into(),
    });
    b.run_to(2);
    assert_eq!(b.level("tos"), Level::Normal);
    assert!(b.log_has(EventKind::Adjudication, "Gate printers failed (test)"));
}

#[test]
fn isolating_the_way_in_stops_the_intrusion() {
    let mut b = Bench::new();
    b.act("port", "isolate", Some("vpn"), None, None);
    b.run_to(20);
    let c = b.campaign();
    assert!(
        matches!(c.stages[0], StageState::Failed(_)),
        "{:?}",
        c.stages[0]
    );
    assert!(matches!(c.stages[1], StageState::Waiting { attempts: 0 }));
    assert!(!b.status("db").encrypted);
    assert_eq!(
        b.objective(1),
        ObjectiveStatus::Met(1),
        "VPN isolated at tick 1"
    );
}

#[test]
fn patching_counters_an_exploit() {
    // Patching makes the 100% exploit a 10% one; over many seeds most attempts now fail.
    let s = scenario();
    let mut succeeded = 0;
    for seed in 0..200 {
        let mut sim = Simulation::new(s.clone(), seed);
        sim.submit(Command::Act {
            team: s.team_index("port").unwrap(),
            action: s.action_index("patch").unwrap(),
            target: s.asset_index("vpn"),
            to: None,
            intel: None,
        });
        while sim.tick().is_none_or(|t| t < 5) {
            sim.step();
        }
        succeeded += usize::from(sim.facts().stages.contains_key(&StageRef {
            campaign: kunren::scenario::CampaignId(0),
            stage: 0,
        }));
    }
    assert!(
        (5..45).contains(&succeeded),
        "{succeeded} of 200 got through a patched VPN"
    );
}

#[test]
fn restore_is_quick_from_a_clean_backup_and_slow_without_one() {
    // The intrusion began at tick 4; restoring on tick 13 finds 3-day backups older than it.
    let mut b = Bench::new();
    b.run_to(12);
    b.act("port", "restore", Some("db"), None, None);
    b.run_to(14);
    let until = b.status("db").restoring_until.unwrap();
    assert_eq!(
        until,
        14 + 24,
        "a 6 h restore from a clean backup, or a 2 d rebuild if the backups were lost"
    );
}

#[test]
fn a_restore_without_clean_backups_is_a_rebuild() {
    // An intrusion older than the backups' depth leaves no clean copy: raise the intrusion's age
    // by restoring only on day 2... the fixture's 3-day depth always covers a 2-day exercise, so
    // shrink the depth instead.
    let text = FIXTURE.replace(
        "depth_days: 3, offline: false",
        "depth_days: 0, offline: false",
    );
    let s = Arc::new(scenario::parse(&text, "engine-no-backups.ron").unwrap());
    let mut sim = Simulation::new(s.clone(), 7);
    while sim.tick().is_none_or(|t| t < 12) {
        sim.step();
    }
    sim.submit(Command::Act {
        team: s.team_index("port").unwrap(),
        action: s.action_index("restore").unwrap(),
        target: s.asset_index("db"),
        to: None,
        intel: None,
    });
    sim.step();
    sim.step();
    assert!(
        sim.log()
            .events()
            .iter()
            .any(|e| e.text.contains("no clean backup: rebuilding"))
    );
    let e = sim.state().asset_index.get(s.asset_index("db").unwrap());
    assert_eq!(
        sim.world.get::<AssetStatus>(e).unwrap().restoring_until,
        Some(14 + 2 * 96)
    );
}

#[test]
fn offline_backups_provisioned_in_time_turn_a_rebuild_into_a_restore() {
    let text = FIXTURE.replace(
        "depth_days: 3, offline: false",
        "depth_days: 0, offline: false",
    );
    let s = Arc::new(scenario::parse(&text, "engine-no-backups.ron").unwrap());
    let mut b = Bench {
        sim: Simulation::new(s.clone(), 7),
        s,
    };
    b.act("port", "offline-backups", Some("db"), None, None);
    b.run_to(12);
    b.act("port", "restore", Some("db"), None, None);
    b.run_to(14);
    assert!(b.log_has(EventKind::AssetChanged, "restoring from a clean backup"));
    assert_eq!(b.status("db").restoring_until, Some(14 + 24));
}

#[test]
fn preparation_before_the_exercise_is_in_place_at_the_start() {
    let s = scenario();
    let text = r#"Decisions(scenario: "engine-test", prior: [
        (team: "port", take: "patch", target: Some("vpn")),
        (team: "regulator", take: "gov-hunt", to: Some("port")),
    ], decisions: [
        (team: "port", at: Some("15m"), take: "gov-hunt", target: Some("db")),
    ])"#;
    let decisions = scenario::parse_decisions(text, "prior.ron", &s).unwrap();
    let mut b = Bench {
        sim: Simulation::new(s.clone(), 7),
        s,
    };
    b.sim.script(&decisions);
    let e = b.sim.state().asset_index.get(b.asset("vpn"));
    let posture = &b
        .sim
        .world
        .get::<kunren::sim::assets::LivePosture>(e)
        .unwrap()
        .0;
    assert_eq!(posture.patching, 1.0, "patched before the clock starts");
    assert!(b.log_has(EventKind::Authorisation, "Transport ministry authorises"));
    b.run_to(3);
    assert!(
        b.log_has(EventKind::ActionStarted, "Accept a government threat hunt"),
        "granted in advance"
    );
    assert_eq!(
        b.sim.state().actions.busy[0],
        0,
        "preparation costs no staff"
    );
}

#[test]
fn preparation_takes_no_time_or_condition() {
    let s = scenario();
    let text = r#"Decisions(scenario: "engine-test", prior: [
        (team: "port", at: Some("1h"), take: "patch", target: Some("vpn")),
    ], decisions: [])"#;
    let err = scenario::parse_decisions(text, "prior.ron", &s).unwrap_err();
    let d = &err.items[0];
    assert!(d.message.contains("takes no `at`"), "{}", d.message);
    assert_eq!((d.line, d.column), (2, 28), "on the value of `at`");
}

#[test]
fn restored_systems_come_back_and_undetected_intruders_stay() {
    let mut b = Bench::new();
    b.run_to(12);
    b.act("port", "restore", Some("db"), None, None);
    b.run_to(14 + 24);
    let db = b.status("db");
    assert!(!db.encrypted);
    assert_eq!(b.level("db"), Level::Normal);
    assert_eq!(b.level("tos"), Level::Normal);
    assert!(
        b.status("vpn").compromised(),
        "the VPN foothold was never found"
    );
}

#[test]
fn hunting_finds_and_removes_a_hidden_foothold() {
    let mut b = Bench::new();
    b.run_to(5);
    b.act("port", "hunt", Some("vpn"), None, None);
    b.run_to(10);
    assert!(!b.status("vpn").compromised());
    assert!(b.log_has(EventKind::Detection, "found and removed 1 intruder"));
    b.run_to(40);
    assert!(
        !b.status("db").encrypted,
        "with no foothold left the campaign stalls"
    );
}

#[test]
fn reporting_passes_on_what_the_reporter_knows_and_meets_the_objective() {
    let mut b = Bench::new();
    b.run_to(12);
    let police = b.team("police");
    assert!(
        !b.sim
            .facts()
            .detected
            .contains_key(&(police, b.encrypt_stage()))
    );
    b.act("port", "report", None, Some("police"), None);
    b.run_to(14);
    assert!(
        b.sim
            .facts()
            .detected
            .contains_key(&(police, b.encrypt_stage()))
    );
    let impact = b
        .sim
        .log()
        .events()
        .iter()
        .find(|e| e.kind == EventKind::Impact)
        .unwrap();
    assert!(
        impact.known_by(police),
        "the police now see the impact event"
    );
    assert_eq!(b.objective(0), ObjectiveStatus::Met(14));
}

#[test]
fn a_report_sent_to_the_wrong_team_is_refused_and_meets_nothing() {
    let mut b = Bench::new();
    b.run_to(12);
    b.act("port", "report", None, Some("regulator"), None);
    b.run_to(14);
    let regulator = b.team("regulator");
    assert!(
        b.log_has(
            EventKind::ActionRefused,
            "\"Report to the police\" goes to Prefectural police, not to Transport ministry"
        ),
        "the refusal says where the report goes"
    );
    assert!(
        !b.sim
            .facts()
            .done
            .contains_key(&(b.team("port"), b.s.action_index("report").unwrap())),
        "a report that never reached the police is not done"
    );
    assert!(
        !b.sim
            .facts()
            .detected
            .contains_key(&(regulator, b.encrypt_stage())),
        "the ministry learns nothing from a refused report"
    );
    assert_eq!(
        b.objective(0),
        ObjectiveStatus::Pending { anchor: Some(12) }
    );
    b.act("port", "report", None, Some("police"), None);
    b.run_to(16);
    assert_eq!(b.objective(0), ObjectiveStatus::Met(16));
}

#[test]
fn an_unreported_incident_misses_its_deadline() {
    let mut b = Bench::new();
    b.run_to(20);
    assert_eq!(
        b.objective(0),
        ObjectiveStatus::Pending { anchor: Some(12) },
        "due by tick 20"
    );
    b.run_to(21);
    assert_eq!(
        b.objective(0),
        ObjectiveStatus::Missed(20),
        "missed as of its deadline, found a tick later"
    );
    assert!(b.log_has(
        EventKind::ObjectiveMissed,
        "Objective missed: Report within 2 hours of the encryption (deadline Tue 04 Jul 11:00)"
    ));
}

#[test]
fn tlp_and_clearance_bound_sharing_and_refusals_are_explained() {
    let mut b = Bench::new();
    // The police may pass their SECRET, AMBER bulletin to the cleared NCO (need to know)...
    b.act("police", "share", None, Some("nco"), Some("bulletin"));
    // ...but not to the uncleared port operator.
    b.act("police", "share", None, Some("port"), Some("bulletin"));
    b.run_to(2);
    let bulletin = b.s.intel_index("bulletin").unwrap();
    let intel = &b.sim.state().intel;
    assert!(intel.holds(b.team("nco"), bulletin));
    assert!(!intel.holds(b.team("port"), bulletin));
    assert!(b.log_has(EventKind::ActionRefused, "declassify it first"));
    // Nor may the NCO relay it to the port: the port is still not cleared.
    b.act("nco", "share", None, Some("port"), Some("bulletin"));
    b.run_to(3);
    let refusals = b
        .sim
        .log()
        .events()
        .iter()
        .filter(|e| e.text.contains("declassify it first"))
        .count();
    assert_eq!(refusals, 2);
    // Once the police declassify it to TLP:GREEN, anyone holding it may pass it on.
    b.act("police", "declassify", None, None, Some("bulletin"));
    b.run_to(5);
    b.act("nco", "share", None, Some("port"), Some("bulletin"));
    b.run_to(7);
    assert!(b.sim.state().intel.holds(b.team("port"), bulletin));
}

#[test]
fn only_the_originator_declassifies() {
    let mut b = Bench::new();
    b.act("nco", "share", None, Some("police"), Some("advisory"));
    b.run_to(3);
    b.act("police", "declassify", None, None, Some("advisory"));
    b.run_to(4);
    assert!(b.log_has(
        EventKind::ActionRefused,
        "only the originator may declassify"
    ));
}

#[test]
fn an_action_needing_authorisation_waits_for_the_grant() {
    let mut b = Bench::new();
    b.act("port", "gov-hunt", Some("db"), None, None);
    b.run_to(4);
    assert!(b.log_has(
        EventKind::ActionRequested,
        "asks Transport ministry to authorise"
    ));
    assert!(!b.log_has(EventKind::ActionStarted, "Accept a government threat hunt"));
    let action = b.s.action_index("gov-hunt").unwrap();
    let (regulator, port) = (b.team("regulator"), b.team("port"));
    b.sim.submit(Command::Authorise {
        team: regulator,
        action,
        requester: Some(port),
        grant: true,
    });
    b.run_to(6);
    assert!(b.log_has(EventKind::ActionStarted, "Accept a government threat hunt"));
    assert!(b.sim.facts().done.contains_key(&(port, action)));
}

#[test]
fn a_refused_authorisation_drops_the_request_and_strangers_cannot_authorise() {
    let mut b = Bench::new();
    b.act("port", "gov-hunt", Some("db"), None, None);
    b.run_to(1);
    let action = b.s.action_index("gov-hunt").unwrap();
    let (regulator, police, port) = (b.team("regulator"), b.team("police"), b.team("port"));
    b.sim.submit(Command::Authorise {
        team: police,
        action,
        requester: Some(port),
        grant: true,
    });
    b.sim.submit(Command::Authorise {
        team: regulator,
        action,
        requester: Some(port),
        grant: false,
    });
    b.run_to(10);
    assert!(b.log_has(EventKind::ActionRefused, "has no authority"));
    assert!(b.log_has(EventKind::Authorisation, "refuses to authorise"));
    assert!(!b.sim.facts().done.contains_key(&(port, action)));
}

#[test]
fn staff_limits_what_runs_at_once() {
    let mut b = Bench::new();
    b.act("port", "staff-drain", None, None, None);
    b.run_to(1);
    b.act("port", "isolate", Some("vpn"), None, None);
    b.run_to(2);
    assert!(b.log_has(EventKind::ActionRefused, "not enough staff: 4 of 4 busy"));
}

#[test]
fn injects_go_out_on_time_and_on_their_condition_with_their_intel() {
    let mut b = Bench::new();
    b.run_to(3);
    assert!(!b.log_has(EventKind::InjectDelivered, "Queue at the gate"));
    b.run_to(4);
    let e = b
        .sim
        .log()
        .events()
        .iter()
        .find(|e| e.text.contains("Queue at the gate"))
        .unwrap()
        .clone();
    assert_eq!(e.tick, 4);
    assert_eq!(e.known_to, vec![b.team("port")]);
    b.run_to(12);
    assert!(b.log_has(EventKind::InjectDelivered, "Ransom note on the printers"));
    let advisory = b.s.intel_index("advisory").unwrap();
    assert!(b.sim.state().intel.holds(b.team("port"), advisory));
}

#[test]
fn the_facilitator_can_fire_and_skip_injects() {
    let mut b = Bench::new();
    let queue = b.s.inject_index("queue").unwrap();
    let note = b.s.inject_index("note").unwrap();
    b.sim.submit(Command::FireInject { inject: note });
    b.sim.submit(Command::SkipInject { inject: queue });
    b.run_to(20);
    let delivered: Vec<&str> = b
        .sim
        .log()
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::InjectDelivered)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(delivered.len(), 1, "{delivered:?}");
    assert!(delivered[0].contains("Ransom note"));
    assert!(b.log_has(EventKind::InjectSkipped, "Queue at the gate"));
}

#[test]
fn the_run_ends_at_the_clock_length_and_settles_every_objective() {
    let mut b = Bench::new();
    b.sim.run_to_end();
    assert_eq!(b.sim.tick(), Some(192));
    assert!(b.sim.is_finished());
    b.sim.step();
    assert_eq!(
        b.sim.tick(),
        Some(192),
        "stepping a finished run does nothing"
    );
    let book = &b.sim.state().objectives;
    assert!(
        book.status
            .iter()
            .all(|s| !matches!(s, ObjectiveStatus::Pending { .. })),
        "{:?}",
        book.status
    );
    assert_eq!(
        b.sim.log().events().last().unwrap().kind,
        EventKind::ExerciseEnded
    );
}

#[test]
fn teams_know_only_what_they_were_told() {
    let mut b = Bench::new();
    b.sim.run_to_end();
    let crew = b.team("crew");
    let police = b.team("police");
    let log = b.sim.log();
    assert!(
        log.known_by(police)
            .all(|e| !matches!(e.kind, EventKind::Impact | EventKind::Detection))
    );
    assert!(
        log.known_by(crew)
            .any(|e| e.kind == EventKind::StageSucceeded)
    );
    assert!(
        log.known_by(b.team("port"))
            .all(|e| e.kind != EventKind::StageSucceeded),
        "the victim never sees the attacker's log"
    );
}

#[test]
fn the_facilitator_can_hold_back_and_rewrite_an_inject() {
    let mut b = Bench::new();
    let queue = b.s.inject_index("queue").unwrap();
    b.sim.submit(Command::DelayInject {
        inject: queue,
        ticks: 8,
    });
    b.sim.submit(Command::EditInject {
        inject: queue,
        text: "Forty trailers now.".into(),
    });
    b.run_to(11);
    assert!(
        !b.log_has(EventKind::InjectDelivered, "Queue at the gate"),
        "held back two hours past its 1 h slot"
    );
    assert!(b.log_has(EventKind::Control, "held back until Tue 04 Jul 09:00"));
    b.run_to(12);
    let e = b
        .sim
        .log()
        .events()
        .iter()
        .find(|e| e.kind == EventKind::InjectDelivered)
        .unwrap();
    assert_eq!(e.tick, 12);
    assert_eq!(e.detail.as_deref(), Some("Forty trailers now."));
}

#[test]
fn teams_can_write_to_each_other_and_only_they_read_it() {
    let mut b = Bench::new();
    let (port, police) = (b.team("port"), b.team("police"));
    b.sim.submit(Command::Message {
        from: port,
        to: vec![police],
        text: "Can you come to the data centre?".into(),
    });
    b.run_to(1);
    let e = b
        .sim
        .log()
        .events()
        .iter()
        .find(|e| e.kind == EventKind::Message)
        .unwrap();
    assert_eq!(e.known_to, vec![port, police]);
    assert_eq!(
        e.detail.as_deref(),
        Some("Can you come to the data centre?")
    );
    assert!(!e.known_by(b.team("nco")));
}

#[test]
fn the_facilitator_can_complete_or_call_off_an_action_under_way() {
    let mut b = Bench::new();
    // Both start at tick 0; the isolation would complete at tick 1, the hunt at tick 4.
    b.act("port", "hunt", Some("vpn"), None, None);
    b.act("port", "isolate", Some("printers"), None, None);
    b.run_to(0);
    b.sim.submit(Command::Adjudicate {
        ruling: Ruling::CompleteAction(0),
        reason: "the team found it fast".into(),
    });
    b.sim.submit(Command::Adjudicate {
        ruling: Ruling::CancelAction(1),
        reason: "not realistic".into(),
    });
    b.run_to(1);
    let hunt = b.s.action_index("hunt").unwrap();
    assert_eq!(
        b.sim.facts().done.get(&(b.team("port"), hunt)),
        Some(&1),
        "a 1 h hunt done after 15 min"
    );
    assert!(b.log_has(EventKind::ActionRefused, "\"Isolate\" was called off"));
    assert!(
        !b.status("printers").isolated,
        "called off in the Commands phase, before it was due"
    );
    assert_eq!(b.sim.state().actions.busy[0], 0);
    b.sim.submit(Command::Adjudicate {
        ruling: Ruling::CancelAction(99),
        reason: "typo".into(),
    });
    b.run_to(2);
    assert!(b.log_has(EventKind::Adjudication, "no action #99 under way"));
}

#[test]
fn dice_rolls_are_recorded_and_follow_the_seed() {
    let roll = |seed| {
        let s = scenario();
        let mut sim = Simulation::new(s, seed);
        for _ in 0..20 {
            sim.submit(Command::Adjudicate {
                ruling: Ruling::Roll {
                    chance: 0.5,
                    what: "the vendor answers the phone".into(),
                },
                reason: "not modelled".into(),
            });
        }
        sim.step();
        sim.log()
            .events()
            .iter()
            .filter(|e| e.text.contains("succeeds"))
            .count()
    };
    assert_eq!(roll(3), roll(3));
    let rolls: Vec<usize> = (0..5).map(roll).collect();
    assert!(rolls.iter().any(|&n| n != rolls[0]), "{rolls:?}");
    assert!(rolls.iter().all(|&n| n > 0 && n < 20), "{rolls:?}");
}

#[test]
fn a_flood_takes_a_service_down_without_getting_inside() {
    let text = FIXTURE.replace(
        r#"(id: "encrypt", technique: "T1486", target: Asset("db"), after: ["access"], chance: 1.0,
                dwell: ("2h", "2h"), detection: 0.0, attempts: 1, effect: Encrypt),"#,
        r#"(id: "encrypt", technique: "T1498", target: Asset("tos"), chance: 1.0,
                dwell: ("1h", "1h"), detection: 0.0, attempts: 1, effect: Disrupt(duration: Some("2h"))),"#,
    );
    assert_ne!(text, FIXTURE);
    let s = Arc::new(scenario::parse(&text, "engine-flood.ron").unwrap());
    let mut b = Bench {
        sim: Simulation::new(s.clone(), 7),
        s,
    };
    b.run_to(4);
    let tos = b.status("tos");
    assert_eq!(b.level("tos"), Level::Down);
    assert!(!tos.compromised(), "a flood leaves no foothold behind");
    b.run_to(12);
    assert_eq!(
        b.level("tos"),
        Level::Normal,
        "back when the 2 h flood ends"
    );
}

#[test]
fn stand_in_capacity_never_lifts_a_service_above_normal() {
    // Manual gate operations add 40 containers/h while the terminal system is down; once it is
    // restored the gates are back to their normal 100, not 140.
    let text = FIXTURE.replace(
        "        (id: \"staff-drain\"",
        "        (id: \"manual-gates\", name: \"Paper gate passes\", teams: [\"port\"], duration: \"15m\",\n            effects: [Adjust(measure: \"gate_containers\", by: 40.0)]),\n        (id: \"staff-drain\"",
    );
    let s = Arc::new(scenario::parse(&text, "engine.ron").unwrap());
    let mut b = Bench {
        sim: Simulation::new(s.clone(), 7),
        s,
    };
    let gates = |b: &Bench| {
        let i = b.s.all_measures().len() - 1;
        *b.sim.state().history.series[i].last().unwrap()
    };
    b.run_to(12);
    assert_eq!(gates(&b), 0.0, "the terminal system is down");
    b.act("port", "manual-gates", None, None, None);
    b.act("port", "restore", Some("db"), None, None);
    b.run_to(14);
    assert_eq!(gates(&b), 40.0, "paper passes make up part of it");
    b.run_to(40);
    assert_eq!(b.level("db"), Level::Normal);
    assert_eq!(
        gates(&b),
        100.0,
        "restored: normal, not normal plus the stand-in"
    );
}
