//! The multinational drill (scenarios/multinational-drill.ron): it validates, plays to the end
//! under both decision sets, good practice does measurably better than business as usual, and
//! the policy mechanics of essay 004 actually fire in a good-practice run.
//!
//! Main measure: `economic_loss` at the end of the run (JPY), compared by median and mean over
//! 200 seeds per set in release builds; debug builds use 120 seeds so that the test stays well
//! under 30 s on two shared cores (200 take about 25 s there).

use kunren::sim::log::{Event, EventKind};
use kunren::summary::RunSummary;

use crate::helpers::{builtin, decision_set, mean, median, run, simulate};

const DRILL: &str = "multinational-drill";

fn economic_loss(summary: &RunSummary) -> f64 {
    summary
        .measures
        .iter()
        .find(|m| m.id == "economic_loss")
        .unwrap()
        .end
}

#[test]
fn the_drill_validates_and_is_big_enough() {
    let s = builtin(DRILL);
    assert!(s.teams.len() >= 10, "{} teams", s.teams.len());
    assert!(s.assets.len() >= 40, "{} assets", s.assets.len());
    assert!(
        s.injects.len() >= 20,
        "{} injects: a rich MSEL",
        s.injects.len()
    );
    assert_eq!(s.phases.len(), 3);
    let sectors: std::collections::BTreeSet<_> =
        s.assets.iter().filter_map(|a| a.sector.clone()).collect();
    assert!(sectors.len() >= 4, "sectors: {sectors:?}");
    for name in ["passive", "good-practice"] {
        decision_set(DRILL, &s, name);
    }
}

#[test]
fn both_decision_sets_play_to_the_end() {
    let s = builtin(DRILL);
    for name in ["passive", "good-practice"] {
        let d = decision_set(DRILL, &s, name);
        let summary = run(&s, Some(&d), 1);
        assert_eq!(summary.ticks, s.clock.end_tick, "{name}");
        assert_eq!(summary.timeline.last().unwrap().text, "Exercise ends");
    }
}

#[test]
fn good_practice_costs_clearly_less_than_business_as_usual() {
    let s = builtin(DRILL);
    let passive = decision_set(DRILL, &s, "passive");
    let good = decision_set(DRILL, &s, "good-practice");
    let seeds: u64 = if cfg!(debug_assertions) { 120 } else { 200 };
    let p: Vec<f64> = (1..=seeds)
        .map(|seed| economic_loss(&run(&s, Some(&passive), seed)))
        .collect();
    let g: Vec<f64> = (1..=seeds)
        .map(|seed| economic_loss(&run(&s, Some(&good), seed)))
        .collect();
    let (pm, gm) = (median(&p), median(&g));
    let bn = 1.0e9;
    println!(
        "economic loss at the end over {seeds} seeds: passive median JPY {:.2} bn (mean {:.2} bn), good practice median JPY {:.2} bn (mean {:.2} bn)",
        pm / bn,
        mean(&p) / bn,
        gm / bn,
        mean(&g) / bn
    );
    // A margin, not just an ordering: good practice at most a third of the passive loss.
    assert!(
        gm * 3.0 < pm,
        "good-practice median {gm:.3e} is not under a third of passive {pm:.3e}"
    );
    assert!(mean(&g) * 3.0 < mean(&p));
    // And better in most single runs, not only on average.
    let better = p.iter().zip(&g).filter(|(p, g)| g < p).count();
    assert!(
        better * 10 >= seeds as usize * 9,
        "good practice better in only {better} of {seeds} seeds"
    );
}

fn first<'a>(events: &'a [Event], kind: EventKind, text: &str) -> Option<&'a Event> {
    events
        .iter()
        .find(|e| e.kind == kind && e.text.contains(text))
}

#[test]
fn the_policy_mechanics_fire_under_good_practice() {
    let s = builtin(DRILL);
    let good = decision_set(DRILL, &s, "good-practice");
    let team = |id: &str| s.team_index(id).unwrap();
    let action = |id: &str| s.action_index(id).unwrap();
    let item = s.intel_index("allied-prepositioning-tearline").unwrap();
    let original = s.intel_index("allied-prepositioning").unwrap();
    let sim = simulate(&s, Some(&good), 1);
    let events = sim.log().events();
    let facts = sim.facts();

    // 1. The allied assessment's tearline, a new unclassified item, reaches the uncleared
    //    operators after its release and not before; the SECRET original stays with its
    //    cleared holders, unchanged.
    let intel = &sim.state().intel;
    for op in ["power", "telecom", "port"] {
        assert!(intel.holds(team(op), item), "{op} never got the tearline");
        assert!(
            !intel.holds(team(op), original),
            "{op} holds the SECRET original"
        );
    }
    let kept = &intel.items[original.index()];
    assert_eq!(
        kunren::sim::intel::marking(&s, &s.intel[original.index()], kept),
        "SECRET//REL TO USA, AUS, GBR, JPN"
    );
    assert!(kept.holders.contains(&team("nco")) && intel.holds(team("nco"), item));
    let released = first(
        events,
        EventKind::IntelDeclassified,
        "released a tearline of \"Allied assessment",
    )
    .expect("the tearline was released");
    assert!(
        released.text.ends_with("(UNCLASSIFIED · TLP:GREEN)"),
        "{}",
        released.text
    );
    let to_power = first(
        events,
        EventKind::IntelReceived,
        "\"Tearline: state actor exploiting edge appliances in Japanese infrastructure\" (TLP:GREEN) with Regional electric utility",
    )
    .expect("the NCO shared the tearline with the utility");
    assert!(released.seq < to_power.seq);
    // 1b. A need to know granted in play by the originator lets the NCO pass the police's
    //     AMBER bulletin on to the port.
    let bulletin = s.intel_index("npa-ransomware-ttp").unwrap();
    assert!(
        intel.items[bulletin.index()]
            .need_to_know
            .contains(&team("port"))
    );
    assert!(intel.holds(team("port"), bulletin));
    let granted = first(
        events,
        EventKind::IntelReceived,
        "gave Container port terminal operator a need to know",
    )
    .expect("the NPA gave the port a need to know");
    let relayed = first(
        events,
        EventKind::IntelReceived,
        "National Cybersecurity Office (NCO) shared \"NPA bulletin",
    )
    .expect("the NCO relayed the bulletin");
    assert!(granted.seq < relayed.seq);

    // 2. The regulator grants the waiver, and only then does the government hunt run.
    let waiver = first(
        events,
        EventKind::Authorisation,
        "authorises \"Let the government hunt team in",
    )
    .expect("the waiver was granted");
    let asked = first(
        events,
        EventKind::ActionRequested,
        "to authorise \"Let the government hunt team in",
    )
    .expect("an operator asked for the waiver");
    let hunt = first(
        events,
        EventKind::ActionStarted,
        "started \"Let the government hunt team in",
    )
    .expect("the government hunt ran");
    assert!(asked.seq < waiver.seq && waiver.seq < hunt.seq);
    assert!(
        facts
            .done
            .contains_key(&(team("power"), action("accept-hunt-offer")))
    );

    // 3. The active cyber defence operation is requested, ordered by the Prime Minister, then
    //    approved by the oversight commission (the ACD law's chain, in its order), and only then
    //    starts; it completes.
    let acd_asked = first(
        events,
        EventKind::ActionRequested,
        "Cyber Communications Information Supervisory Commission (ACD law) to authorise \"SDF: neutralise",
    )
    .expect("the MoD asked for the order and the approval");
    let order = first(
        events,
        EventKind::Authorisation,
        "Prime Minister's Office (Cabinet Secretariat) authorises \"SDF: neutralise",
    )
    .expect("the Prime Minister ordered it");
    let approval = first(
        events,
        EventKind::Authorisation,
        "Cyber Communications Information Supervisory Commission (ACD law) authorises \"SDF: neutralise",
    )
    .expect("the commission approved");
    let acd = first(
        events,
        EventKind::ActionStarted,
        "started \"SDF: neutralise",
    )
    .expect("the operation started");
    assert!(acd_asked.seq < order.seq && order.seq < approval.seq && approval.seq < acd.seq);
    assert!(
        events
            .iter()
            .all(|e| !(e.kind == EventKind::Law && e.text.starts_with("Notice missed"))),
        "approved beforehand, nothing is owed afterwards"
    );
    assert!(
        facts
            .done
            .contains_key(&(team("mod"), action("acd-neutralise")))
    );
    assert!(
        events
            .iter()
            .any(|e| e.text.contains("Active cyber defence operation against")),
        "the operation had no outcome"
    );

    // 3b. Reports under the ACD law reach both the competent minister and the Prime Minister.
    let reported: Vec<&str> = ["power", "telecom", "port"]
        .into_iter()
        .filter(|op| facts.done.contains_key(&(team(op), action("report-acd"))))
        .collect();
    assert!(!reported.is_empty(), "no designated operator reported");
    for op in reported {
        for to in ["regulator", "pm"] {
            assert!(
                facts
                    .received
                    .contains_key(&(team(to), team(op), action("report-acd"))),
                "{to} did not receive {op}'s report"
            );
        }
    }

    // 4. The joint takedown happens.
    assert!(
        facts
            .done
            .contains_key(&(team("npa"), action("joint-takedown")))
    );
    assert!(
        events
            .iter()
            .any(|e| e.text.contains("Takedown of the infrastructure behind")),
        "the takedown had no outcome"
    );
}

#[test]
fn under_business_as_usual_none_of_the_policy_mechanics_fire() {
    let s = builtin(DRILL);
    let passive = decision_set(DRILL, &s, "passive");
    let sim = simulate(&s, Some(&passive), 1);
    let events = sim.log().events();
    let intel = &sim.state().intel;
    let power = s.team_index("power").unwrap();
    assert!(!intel.holds(power, s.intel_index("allied-prepositioning").unwrap()));
    for kind in [
        EventKind::Authorisation,
        EventKind::IntelDeclassified,
        EventKind::CampaignHalted,
    ] {
        assert!(
            events.iter().all(|e| e.kind != kind),
            "{kind:?} under business as usual"
        );
    }
}

/// Classified items go by releasability, not TLP: the allies' SECRET mapping (REL TO the four
/// nations) may be passed on by a cleared Japanese holder, where its old TLP:RED would have
/// stopped it; the MoD's national assessment (REL TO JPN) may not go to an ally, and the refusal
/// says why; a team sees each item's marking as written on the document.
#[test]
fn classified_items_are_shared_by_releasability_and_the_refusal_says_why() {
    use kunren::command::Command;
    let s = builtin(DRILL);
    let team = |id: &str| s.team_index(id).unwrap();
    let item = |id: &str| {
        kunren::scenario::model::IntelId(s.intel.iter().position(|i| i.id == id).unwrap() as u32)
    };
    let share = |from: &str, to: &str, what: &str| Command::Act {
        team: team(from),
        action: s.action_index("share-intel").unwrap(),
        target: None,
        to: Some(team(to)),
        intel: Some(item(what)),
    };
    let mut sim = kunren::sim::Simulation::new(s.clone(), 1);
    sim.submit(share("us", "mod", "allied-c2-map"));
    sim.submit(share("mod", "us", "mod-ot-assessment"));
    for _ in 0..8 {
        sim.step();
    }
    sim.submit(share("mod", "npa", "allied-c2-map"));
    for _ in 0..8 {
        sim.step();
    }
    let intel = &sim.state().intel;
    assert!(
        intel.holds(team("npa"), item("allied-c2-map")),
        "a cleared Japanese holder relays the allies' release"
    );
    assert!(!intel.holds(team("us"), item("mod-ot-assessment")));
    let refused: Vec<&Event> = sim
        .log()
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::ActionRefused)
        .collect();
    assert!(
        refused.iter().any(|e| e
            .text
            .contains("marked REL TO JPN and the recipient is of USA")),
        "{refused:?}"
    );
    let known = sim.knowledge(team("mod")).intel();
    let marking = |id: &str| {
        known
            .iter()
            .find(|k| k.id == id)
            .map(|k| k.marking.clone())
            .unwrap()
    };
    assert_eq!(
        marking("allied-c2-map"),
        "SECRET//REL TO USA, AUS, GBR, JPN"
    );
    assert_eq!(marking("mod-ot-assessment"), "SECRET//REL TO JPN");
}

/// Item 6 of issue 12: allies with infrastructure and duties of their own. Good practice still
/// loses something in a fair share of runs (the Australian LNG terminal is often entered before
/// ASD's advisory arrives); when it is hit, good practice reports to ASD within the SOCI Act's
/// 12 hours and business as usual does not; the takedown waits for the AFP.
#[test]
fn allies_have_infrastructure_duties_and_a_part_in_the_takedown() {
    use kunren::sim::objectives::ObjectiveStatus as Status;
    let s = builtin(DRILL);
    let good = decision_set(DRILL, &s, "good-practice");
    let passive = decision_set(DRILL, &s, "passive");
    let seeds: u64 = if cfg!(debug_assertions) { 40 } else { 200 };
    let losses: Vec<f64> = (1..=seeds)
        .map(|seed| economic_loss(&run(&s, Some(&good), seed)))
        .collect();
    let lost = losses.iter().filter(|l| **l > 0.0).count();
    println!(
        "good practice: {lost} of {seeds} runs lose something; median JPY {:.2} bn",
        median(&losses) / 1e9
    );
    assert!(
        lost * 4 >= seeds as usize,
        "only {lost} of {seeds} runs lose anything"
    );
    assert!(median(&losses) > 0.0);

    let objective = |sim: &kunren::sim::Simulation, id: &str| {
        let i = s.objectives.iter().position(|o| o.id == id).unwrap();
        sim.state().objectives.status[i]
    };
    let hit = (1..=seeds)
        .find(|seed| {
            let sim = simulate(&s, Some(&good), *seed);
            sim.facts()
                .stages
                .keys()
                .any(|r| s.campaigns[r.campaign.index()].id == "volt-au" && r.stage == 2)
        })
        .expect("some good-practice run sees the terminal's controls lost");
    let good_run = simulate(&s, Some(&good), hit);
    assert!(matches!(
        objective(&good_run, "aulng-report-significant"),
        Status::Met(_)
    ));
    let passive_run = simulate(&s, Some(&passive), hit);
    assert!(matches!(
        objective(&passive_run, "aulng-report-significant"),
        Status::Missed(_)
    ));

    // Without the AFP's part the NPA's takedown never starts.
    let text = std::fs::read_to_string("scenarios/multinational-drill.good-practice.decisions.ron")
        .unwrap()
        .replace(
            "(team: \"afp\", when: Some(Delivered(\"afp-request\")), take: \"afp-join-takedown\"),",
            "",
        );
    let without = kunren::scenario::parse_decisions(&text, "no-afp.ron", &s).unwrap();
    let sim = simulate(&s, Some(&without), 1);
    let takedown = s.action_index("joint-takedown").unwrap();
    let npa = s.team_index("npa").unwrap();
    assert!(!sim.facts().done.contains_key(&(npa, takedown)));
    assert!(good_run.facts().done.contains_key(&(npa, takedown)));
}

/// The tick of the first timeline line that says `text`.
fn when(summary: &RunSummary, text: &str) -> Option<u32> {
    summary
        .timeline
        .iter()
        .find(|e| e.text.contains(text))
        .map(|e| e.tick)
}

fn still_encrypted(summary: &RunSummary, asset: &str) -> bool {
    summary
        .assets
        .iter()
        .find(|a| a.id == asset)
        .unwrap()
        .flags
        .contains(&"encrypted")
}

/// The takedown waits for the partners' action day (Wednesday), so it lands after the hospital is
/// hit; when it succeeds the NPA builds a decryptor from the seized keys. A hospital without the
/// offline backups of good practice, whose on-line backups the affiliate destroyed, then gets its
/// records back before the end by decrypting them; without the decryptor its three-day rebuild
/// is still running when the exercise ends.
#[test]
fn a_takedown_after_the_hospital_is_hit_brings_a_decryptor_that_beats_the_rebuild() {
    let s = builtin(DRILL);
    let source = kunren::library::builtin(DRILL)
        .unwrap()
        .decision_set("good-practice")
        .unwrap()
        .1
        .to_owned();
    let without = |drop: &dyn Fn(&str) -> bool, name: &str| {
        let text: String = source
            .lines()
            .filter(|l| !drop(l))
            .collect::<Vec<_>>()
            .join("\n");
        assert_ne!(text.len(), source.len(), "{name} drops something");
        kunren::scenario::parse_decisions(&text, name, &s).unwrap()
    };
    let no_offline =
        |l: &str| l.contains("take: \"keep-offline-backups\", target: Some(\"hospital-");
    let unprepared = without(&no_offline, "unprepared.ron");
    let no_decryptor = without(
        &|l: &str| no_offline(l) || l.contains("take: \"build-decryptor\""),
        "no-decryptor.ron",
    );

    let wednesday = 2 * 48;
    let rebuilt = "Electronic health records: no clean backup: rebuilding from scratch";
    let decrypted = "Electronic health records: decrypting with an obtained decryptor";
    let seeds: u64 = if cfg!(debug_assertions) { 40 } else { 120 };
    let mut shown = 0;
    for seed in 1..=seeds {
        let r = run(&s, Some(&unprepared), seed);
        let Some(encrypted) = when(&r, "Electronic health records encrypted") else {
            continue;
        };
        let takedown = when(&r, "Takedown of the infrastructure behind").expect("taken");
        assert!(
            takedown >= wednesday + 48,
            "seed {seed}: before the action day"
        );
        assert!(takedown > encrypted, "seed {seed}");
        let (Some(_), Some(ready)) = (
            when(&r, rebuilt),
            when(&r, "obtained a decryptor for the encryption of"),
        ) else {
            continue;
        };
        let back = when(&r, decrypted).unwrap_or_else(|| panic!("seed {seed}: not decrypted"));
        assert!(
            back >= ready,
            "seed {seed}: decrypted before the decryptor came"
        );
        assert!(!still_encrypted(&r, "hospital-ehr"), "seed {seed}");
        let slow = run(&s, Some(&no_decryptor), seed);
        assert!(still_encrypted(&slow, "hospital-ehr"), "seed {seed}");
        assert!(when(&slow, decrypted).is_none(), "seed {seed}");
        shown += 1;
    }
    assert!(shown > 0, "no run among {seeds} rebuilt and then decrypted");
    println!(
        "{shown} of {seeds} runs decrypted the records the rebuild would not have brought back"
    );
}
