//! The after-action report of scripted runs of the flagship: objectives and their ratings,
//! facilitator input winning over the automatic results, notes by objective, well-formed HTML
//! and SVG, the improvement-plan table, and a pinned Markdown report.

use std::sync::Arc;

use kunren::command::Command;
use kunren::library;
use kunren::report::{self, AfterAction, Rating, Ratings, ReportInput};
use kunren::scenario::model::ObjectiveId;
use kunren::scenario::{self};
use kunren::sim::Simulation;

use crate::helpers::flagship;

fn simulate(set: Option<&str>, seed: u64, commands: Vec<Command>) -> Simulation {
    let s = flagship();
    let b = library::builtin(library::FLAGSHIP).unwrap();
    let mut sim = Simulation::new(s.clone(), seed);
    if let Some(name) = set {
        let (path, source) = b.decision_set(name).unwrap();
        sim.script(&scenario::parse_decisions(source, path, &s).unwrap());
    }
    for c in commands {
        sim.submit(c);
    }
    sim.run_to_end();
    sim
}

fn report_of(set: Option<&str>, seed: u64, ratings: Ratings) -> AfterAction {
    let sim = simulate(set, seed, Vec::new());
    report::build(
        &sim,
        &ReportInput {
            ratings,
            seed: Some(seed),
            decisions: set.map(str::to_string),
            ..Default::default()
        },
    )
}

/// Parses the page as XML, allowing its `<!DOCTYPE html>`.
fn xhtml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options)
}

fn rating(aar: &AfterAction, id: &str) -> Rating {
    aar.objectives.iter().find(|o| o.id == id).unwrap().rating
}

#[test]
fn every_objective_is_rated_in_both_formats() {
    let s = flagship();
    for set in [Some("historical"), None] {
        let aar = report_of(set, 1, Ratings::default());
        let md = aar.to_markdown();
        let html = aar.to_html();
        assert_eq!(aar.objectives.len(), s.objectives.len());
        for o in &s.objectives {
            assert!(
                md.contains(&format!("(`{}`)", o.id)),
                "{} in Markdown",
                o.id
            );
            assert!(
                html.contains(&format!("id=\"objective-{}\"", o.id)),
                "{} in HTML",
                o.id
            );
        }
    }
}

#[test]
fn the_historical_run_meets_everything_and_rates_by_the_window() {
    let aar = report_of(Some("historical"), 1, Ratings::default());
    // The gates reopen with the intruder still on the domain controller: met, but hollow
    // (see a_recovery_met_with_the_intruder_inside_is_not_rated_p).
    for o in aar.objectives.iter().filter(|o| o.id != "restore-gates") {
        assert!(
            matches!(o.rating, Rating::P | Rating::S),
            "{} rated {:?}: {}",
            o.id,
            o.rating,
            o.evidence
        );
    }
    // The police were told 9h15m into a 24-hour window: well within it.
    assert_eq!(rating(&aar, "report-police"), Rating::P);
    let police = aar
        .objectives
        .iter()
        .find(|o| o.id == "report-police")
        .unwrap();
    assert!(
        police
            .evidence
            .contains("\"Report to Aichi Prefectural Police\""),
        "{}",
        police.evidence
    );
    // The gates came back 2d16h15m into a 3-day window: in its last quarter (S by the
    // window), and with the intruder still inside, so M.
    let gates = aar
        .objectives
        .iter()
        .find(|o| o.id == "restore-gates")
        .unwrap();
    assert!(
        gates.evidence.contains("2d16h15m into a 3d window"),
        "{}",
        gates.evidence
    );
    assert_eq!(gates.rating, Rating::M);
}

#[test]
fn the_run_without_decisions_misses_and_is_unable() {
    let aar = report_of(None, 1, Ratings::default());
    assert_eq!(rating(&aar, "report-police"), Rating::U);
    assert_eq!(rating(&aar, "restore-gates"), Rating::U);
    let police = aar
        .objectives
        .iter()
        .find(|o| o.id == "report-police")
        .unwrap();
    assert!(
        police.evidence.contains("never attempted"),
        "{}",
        police.evidence
    );
    assert!(
        aar.plan
            .iter()
            .any(|r| r.objective.as_deref() == Some("report-police")
                && r.owner.starts_with("Nagoya Harbor")
                && r.due.is_none()),
        "an automatic plan row owned by the objective's team"
    );
    assert!(
        aar.areas
            .iter()
            .any(|a| a.text.contains("Long outage of Gate containers"))
    );
}

#[test]
fn facilitator_ratings_and_rows_win() {
    let ratings = Ratings::parse(
        r#"Ratings(
            date: Some("2025-11-20"),
            players: {"nhta": "Port IT desk, 4 people"},
            objectives: {
                "report-police": (rating: M, comment: Some("Called late & only after prompting")),
                "restore-gates": (rating: NA),
            },
            strengths: ["Clear roles in the first hour"],
            areas_for_improvement: ["Vendor contact list out of date"],
            improvement_plan: [
                (objective: Some("report-police"), issue: "Police contact", action: "Add the cyber desk to the call tree", owner: "NHTA security lead", due: Some("2026-01-31")),
                (issue: "Vendor contacts", action: "Review quarterly", owner: "NHTA IT"),
            ],
        )"#,
        "ratings.ron",
    )
    .unwrap();
    ratings.check(&flagship(), "ratings.ron").unwrap();
    let aar = report_of(None, 1, ratings);
    let police = aar
        .objectives
        .iter()
        .find(|o| o.id == "report-police")
        .unwrap();
    assert_eq!(
        (police.rating, police.automatic, police.by_facilitator),
        (Rating::M, Rating::U, true)
    );
    assert_eq!(rating(&aar, "restore-gates"), Rating::NotApplicable);
    let rows: Vec<_> = aar
        .plan
        .iter()
        .filter(|r| r.objective.as_deref() == Some("report-police"))
        .collect();
    assert_eq!(
        rows.len(),
        1,
        "the facilitator's row replaces the automatic one"
    );
    assert_eq!(rows[0].due.as_deref(), Some("2026-01-31"));
    assert!(aar.plan.iter().any(|r| r.issue == "Vendor contacts"));
    assert!(
        aar.strengths
            .iter()
            .any(|s| s.by_facilitator && s.text.contains("Clear roles"))
    );
    let md = aar.to_markdown();
    assert!(md.contains("| **M** (facilitator; automatic U) |"), "{md}");
    assert!(md.contains("Called late & only after prompting"));
    assert!(md.contains("| Run on | 2025-11-20 |"));
    assert!(md.contains("Port IT desk, 4 people"));
    let html = aar.to_html();
    assert!(html.contains("Called late &amp; only after prompting"));
    xhtml(&html).unwrap();
}

#[test]
fn ratings_naming_unknown_objectives_are_refused() {
    let r = Ratings::parse(
        r#"Ratings(objectives: {"report-polise": (rating: P)})"#,
        "r.ron",
    )
    .unwrap();
    let err = r.check(&flagship(), "r.ron").unwrap_err().to_string();
    assert!(
        err.contains("report-polise") && err.contains("report-police"),
        "{err}"
    );
}

#[test]
fn notes_are_grouped_under_their_objective() {
    let s = flagship();
    let police = ObjectiveId(
        s.objectives
            .iter()
            .position(|o| o.id == "report-police")
            .unwrap() as u32,
    );
    let sim = simulate(
        Some("historical"),
        1,
        vec![
            Command::Note {
                text: "Police liaison unsure whom to call <first>".into(),
                objective: Some(police),
                capability: None,
            },
            Command::Note {
                text: "Good energy in the room".into(),
                objective: None,
                capability: None,
            },
        ],
    );
    let aar = report::build(&sim, &ReportInput::default());
    assert_eq!(aar.notes.len(), 1);
    assert_eq!(aar.notes[0].objective, "report-police");
    assert_eq!(
        aar.notes[0].notes[0].text,
        "Police liaison unsure whom to call <first>"
    );
    assert_eq!(aar.general_notes.len(), 1);
    assert_eq!(aar.general_notes[0].text, "Good energy in the room");
    let md = aar.to_markdown();
    let under = md
        .split("### Report to the police within 24 hours (Nagoya Harbor Transportation Association (NUTS operator), `report-police`)")
        .nth(1)
        .unwrap();
    assert!(
        under
            .trim_start()
            .starts_with("- O1, Mon 03 Jul 00:00 (Operational Coordination): Police liaison"),
        "{under}"
    );
    let html = aar.to_html();
    assert!(html.contains("whom to call &lt;first&gt;"));
    xhtml(&html).unwrap();
}

#[test]
fn the_html_is_well_formed_self_contained_and_its_charts_are_svg() {
    for set in [Some("historical"), None] {
        let html = report_of(set, 1, Ratings::default()).to_html();
        let doc = xhtml(&html).unwrap_or_else(|e| panic!("{e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "html");
        assert_eq!(root.attribute("lang"), Some("en"));
        assert!(
            !doc.descendants().any(|n| n.has_tag_name("script")
                || n.has_tag_name("link")
                || n.has_tag_name("img"))
        );
        assert!(!html.contains("src=") && !html.contains("href="));
        let svgs: Vec<_> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "svg")
            .collect();
        assert!(svgs.len() >= 5, "one chart per measure");
        for svg in svgs {
            let text = &html[svg.range()];
            let alone = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}: {text}"));
            let view_box = alone.root_element().attribute("viewBox").unwrap();
            let numbers: Vec<f64> = view_box
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(numbers.len(), 4);
            assert!(numbers[2] > 0.0 && numbers[3] > 0.0);
            assert!(!text.contains("NaN") && !text.contains("inf"));
        }
    }
}

#[test]
fn the_markdown_has_the_improvement_plan_table() {
    let md = report_of(None, 1, Ratings::default()).to_markdown();
    let plan = md.split("## Improvement plan").nth(1).unwrap();
    let mut lines = plan.lines().filter(|l| l.starts_with('|'));
    assert_eq!(
        lines.next(),
        Some(
            "| Core capability | Issue or area for improvement | Corrective action | Capability element | Primary responsible organization | Point of contact | Start date | Completion date |"
        )
    );
    assert_eq!(lines.next(), Some("|---|---|---|---|---|---|---|---|"));
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    for r in rows {
        let bars = r.matches('|').count() - r.matches("\\|").count();
        assert_eq!(bars, 9, "eight columns: {r}");
    }
}

#[test]
fn the_timeline_filters_by_kind() {
    let sim = simulate(Some("historical"), 1, Vec::new());
    let input = ReportInput {
        timeline: vec![report::KeyKind::Objective],
        ..Default::default()
    };
    let aar = report::build(&sim, &input);
    assert!(!aar.timeline.is_empty());
    assert!(
        aar.timeline
            .iter()
            .all(|e| e.kind == report::KeyKind::Objective)
    );
}

/// The whole Markdown report of the historical seed-1 run, pinned.
#[test]
fn the_historical_report_is_pinned() {
    let aar = report_of(Some("historical"), 1, Ratings::default());
    insta::assert_snapshot!("nagoya_historical_seed_1_report", aar.to_markdown());
}

#[test]
fn the_documented_ratings_file_is_valid() {
    let doc = include_str!("../../docs/after-action-report.md");
    let example = doc
        .split("```ron\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let ratings = Ratings::parse(example, "docs/after-action-report.md").unwrap();
    ratings.check(&flagship(), "docs").unwrap();
    assert_eq!(ratings.objectives["report-police"].rating, Rating::M);
}

/// The engine bench with an objective counted from an asset state: the terminal system goes
/// down at tick 12 (Tue 04 Jul 09:00), so restoring it "within 1 hour" is due at tick 16.
fn restore_after_outage(restore_at: u32) -> AfterAction {
    let text = include_str!("../fixtures/engine.ron").replace(
        "    objectives: [\n",
        "    objectives: [\n        (id: \"restore-tos\", team: \"port\", name: \"Restore within an hour of the outage\",\n            goal: Done(\"port\", \"restore\"), deadline: Some(Within(\"1h\", Asset(\"tos\", Down)))),\n",
    );
    let s = Arc::new(scenario::parse(&text, "engine.ron").unwrap());
    let mut sim = Simulation::new(s.clone(), 7);
    while sim.tick().is_none_or(|t| t < restore_at) {
        sim.step();
    }
    sim.submit(Command::Act {
        team: s.team_index("port").unwrap(),
        action: s.action_index("restore").unwrap(),
        target: s.asset_index("db"),
        to: None,
        intel: None,
    });
    sim.run_to_end();
    report::build(&sim, &ReportInput::default())
}

#[test]
fn a_deadline_counted_from_an_asset_state_is_rated_against_its_window() {
    // Started at tick 14, done at 16: the last tick of the window, in its last quarter.
    let aar = restore_after_outage(14);
    let o = aar
        .objectives
        .iter()
        .find(|o| o.id == "restore-tos")
        .unwrap();
    // In its last quarter (S by the window), but the bench's intruder still holds the
    // terminal database it restored: no hollow rating, so M.
    assert_eq!(o.rating, Rating::M, "{}", o.evidence);
    assert!(
        o.evidence
            .contains("; 1h into a 1h window, due Tue 04 Jul 10:00. But the intruder still held"),
        "{}",
        o.evidence
    );
    // Done at 17, a tick after the window: missed when the deadline passed, not a tick later.
    let aar = restore_after_outage(15);
    let o = aar
        .objectives
        .iter()
        .find(|o| o.id == "restore-tos")
        .unwrap();
    assert_eq!(o.rating, Rating::M, "{}", o.evidence);
    assert!(
        o.evidence.starts_with("Deadline passed Tue 04 Jul 10:00; "),
        "{}",
        o.evidence
    );
}

#[test]
fn a_service_down_twice_is_reported_as_two_outages_everywhere() {
    // Power fails for one tick (the terminal system with it, 15 minutes), then from tick 12 the
    // encrypted database takes it down for good.
    let s =
        Arc::new(scenario::parse(include_str!("../fixtures/engine.ron"), "engine.ron").unwrap());
    let mut sim = Simulation::new(s.clone(), 7);
    let power = s.asset_index("power").unwrap();
    let ruling = |ruling| Command::Adjudicate {
        ruling,
        reason: "test".into(),
    };
    sim.step();
    sim.submit(ruling(kunren::command::Ruling::FailAsset(power)));
    sim.step();
    sim.submit(ruling(kunren::command::Ruling::RestoreAsset(power)));
    sim.run_to_end();
    let run = kunren::summary::summarise(&sim, 7, None, 8);
    let tos = &run.services[0];
    let spans: Vec<(&str, Option<&str>, f64)> = tos
        .intervals
        .iter()
        .map(|i| (i.from.as_str(), i.to.as_deref(), i.hours))
        .collect();
    assert_eq!(
        spans,
        [
            ("Tue 04 Jul 06:15", Some("Tue 04 Jul 06:30"), 0.25),
            ("Tue 04 Jul 09:00", None, 45.0),
        ]
    );
    assert_eq!(tos.outage_hours, 45.25, "the sum of the intervals");
    // One tick is a quarter of an hour, and reads so (number::short keeps two decimals below 10).
    let periods = "2 outages, 45.2 h in all: Tue 04 Jul 06:15 to Tue 04 Jul 06:30 (0.25 h); \
                   Tue 04 Jul 09:00 to the end, not recovered (45.0 h)";
    assert_eq!(tos.periods(), periods);
    assert!(run.to_text().contains(periods), "{}", run.to_text());
    let json = serde_json::to_value(&run).unwrap();
    assert_eq!(
        json["services"][0]["intervals"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(json["services"][0]["outage_hours"], 45.25);
    let aar = report::build(&sim, &ReportInput::default());
    let md = aar.to_markdown();
    assert!(
        md.contains("| Gate containers | 2 | Tue 04 Jul 06:15 to Tue 04 Jul 06:30 (0.25 h); Tue 04 Jul 09:00 to the end, not recovered (45.0 h) | 45.2 |"),
        "{md}"
    );
    assert!(
        aar.areas.iter().any(|a| a.text.contains(periods)),
        "{:?}",
        aar.areas
    );
}

/// A share and a report name their item and recipient in the log and the report's timeline,
/// and repeated actions on different systems can be told apart.
#[test]
fn shares_and_reports_name_their_item_and_recipient() {
    let aar = report_of(Some("historical"), 1, Ratings::default());
    let shares: Vec<&str> = aar
        .timeline
        .iter()
        .map(|e| e.text.as_str())
        .filter(|t| t.contains("completed \"Share an intelligence item\""))
        .collect();
    assert!(!shares.is_empty());
    for t in &shares {
        assert!(t.contains(" to ") && t.contains("(item: "), "{t}");
    }
    assert!(
        aar.timeline.iter().any(|e| e.text
            == "Nagoya Harbor Transportation Association (NUTS operator) completed \"Report to MLIT\" to Ministry of Land, Infrastructure, Transport and Tourism, Ports and Harbours Bureau"),
        "the report names its recipient"
    );
    let isolations: Vec<&str> = aar
        .timeline
        .iter()
        .map(|e| e.text.as_str())
        .filter(|t| t.contains("completed \"Take off the network\""))
        .collect();
    let distinct: std::collections::BTreeSet<&&str> = isolations.iter().collect();
    assert!(isolations.len() > 1);
    assert_eq!(distinct.len(), isolations.len(), "{isolations:?}");
}

/// Readers get names and grouped figures, never a measure's id or an ungrouped amount.
#[test]
fn the_report_shows_names_and_formatted_numbers_not_ids() {
    let aar = report_of(Some("historical"), 1, Ratings::default());
    let md = aar.to_markdown();
    assert!(md.contains("| Gate containers |"), "{md}");
    assert!(md.contains("| Economic loss |"));
    assert!(
        !md.contains("gate_containers"),
        "a raw id reached the reader"
    );
    assert!(!md.contains("economic_loss"));
    assert!(md.contains("a ransom note demands 100,000,000 JPY"));
    assert!(!md.contains("100000000"));
    let html = aar.to_html();
    assert!(!html.contains("gate_containers") && !html.contains("economic_loss"));
}

/// The control log lists every inject fired, withdrawn, held back and rewritten and every
/// ruling, and a missed objective whose cue was withdrawn says so.
#[test]
fn the_control_log_lists_what_exercise_control_did() {
    use kunren::command::Ruling;
    let s = flagship();
    let inject = |id: &str| s.inject_index(id).unwrap();
    let commands = vec![
        Command::FireInject {
            inject: inject("gates-fail"),
        },
        Command::SkipInject {
            inject: inject("advisory-edge-vpn"),
        },
        Command::SkipInject {
            inject: inject("av-quarantine"),
        },
        Command::DelayInject {
            inject: inject("ransom-note"),
            ticks: 4,
        },
        Command::EditInject {
            inject: inject("terminal-calls"),
            text: "All five terminals call at once.".into(),
        },
        Command::Adjudicate {
            ruling: Ruling::Roll {
                chance: 0.5,
                what: "the vendor answers".into(),
            },
            reason: "not modelled".into(),
        },
    ];
    let sim = simulate(None, 1, commands);
    let aar = report::build(&sim, &ReportInput::default());
    let texts: Vec<(&str, &str)> = aar
        .control
        .iter()
        .map(|c| (c.what, c.text.as_str()))
        .collect();
    assert_eq!(texts.len(), 6, "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|(w, t)| *w == "MSEL" && t.contains("fired by the facilitator"))
    );
    assert!(
        texts
            .iter()
            .any(|(w, t)| *w == "MSEL" && t.ends_with("withdrawn"))
    );
    assert!(
        texts
            .iter()
            .any(|(w, t)| *w == "MSEL" && t.contains("held back until"))
    );
    assert!(
        texts
            .iter()
            .any(|(w, t)| *w == "MSEL" && t.ends_with("rewritten"))
    );
    assert!(
        texts
            .iter()
            .any(|(w, t)| *w == "ruling" && t.contains("roll for the vendor answers at 50%"))
    );
    let close = aar
        .objectives
        .iter()
        .find(|o| o.id == "close-entry")
        .unwrap();
    assert!(
        close.evidence.contains(
            "Exercise control withdrew its cue, inject \"Advisory: VPN appliances used as a way in\""
        ),
        "{}",
        close.evidence
    );
    let md = aar.to_markdown();
    assert!(md.contains("## Exercise control") && md.contains("fired by the facilitator"));
    let quiet = report_of(Some("historical"), 1, Ratings::default());
    assert!(
        quiet.control.is_empty(),
        "the historical run has no control actions"
    );
}

/// No hollow ratings: the historical run reopens the gates while the intruder still holds the
/// domain controller, so the recovery is not P or S, and its plan row says to evict first.
#[test]
fn a_recovery_met_with_the_intruder_inside_is_not_rated_p() {
    let historical = report_of(Some("historical"), 1, Ratings::default());
    let gates = historical
        .objectives
        .iter()
        .find(|o| o.id == "restore-gates")
        .unwrap();
    assert_eq!(gates.status, kunren::sim::objectives::Outcome::Met);
    assert_eq!(gates.rating, Rating::M, "{}", gates.evidence);
    assert!(
        gates.evidence.contains("NUTS domain controller"),
        "{}",
        gates.evidence
    );
    let row = historical
        .plan
        .iter()
        .find(|r| r.objective.as_deref() == Some("restore-gates"))
        .unwrap();
    assert!(row.action.contains("eviction"), "{}", row.action);
    assert_eq!(row.capability, "Infrastructure Systems");
    assert_eq!(row.element, Some(report::Element::Planning));
    // A report objective is not a recovery: met with the intruder inside, it keeps its rating.
    assert_eq!(rating(&historical, "report-police"), Rating::P);
}

/// The improvement plan has HSEEP's columns: capability, element, point of contact, start and
/// completion dates, automatic where the run tells them and from the ratings file otherwise.
#[test]
fn the_improvement_plan_has_capability_element_contact_and_dates() {
    let passive = report_of(None, 1, Ratings::default());
    let police = passive
        .plan
        .iter()
        .find(|r| r.objective.as_deref() == Some("report-police"))
        .unwrap();
    assert_eq!(police.capability, "Operational Coordination");
    assert_eq!(police.element, Some(report::Element::Planning));
    assert!(
        police.action.contains("never attempted") && police.action.contains("\"Report to Aichi"),
        "{}",
        police.action
    );
    let ratings: Ratings = ron::from_str(
        r#"Ratings(improvement_plan: [(objective: Some("report-police"), capability: "Operational Coordination", issue: "Late report", action: "Add the cyber desk to the call tree", element: Some(Training), owner: "NHTA", poc: "Security lead, ext. 210", start: Some("2026-01-05"), completion: Some("2026-01-31"))])"#,
    )
    .unwrap();
    let aar = report_of(None, 1, ratings);
    let row = aar
        .plan
        .iter()
        .find(|r| r.objective.as_deref() == Some("report-police"))
        .unwrap();
    assert_eq!(
        row.due.as_deref(),
        Some("2026-01-31"),
        "completion: is the completion date"
    );
    assert_eq!(row.poc, "Security lead, ext. 210");
    let md = aar.to_markdown();
    assert!(md.contains("| Core capability | Issue or area for improvement | Corrective action | Capability element | Primary responsible organization | Point of contact | Start date | Completion date |"));
    assert!(md.contains("| Operational Coordination | Late report | Add the cyber desk to the call tree | Training | NHTA | Security lead, ext. 210 | 2026-01-05 | 2026-01-31 |"), "{md}");
}

/// An objective's capability is checked where it stands: a misspelt one names the nearest.
#[test]
fn a_misspelt_capability_is_located_with_the_nearest_name() {
    let b = library::builtin(library::FLAGSHIP).unwrap();
    let bad = b.source.replace(
        "capability: Some(Cybersecurity)",
        "capability: Some(CyberSecurity)",
    );
    let line = bad
        .lines()
        .position(|l| l.contains("Some(CyberSecurity)"))
        .unwrap()
        + 1;
    let err = scenario::parse(&bad, "bad.ron").err().unwrap();
    let text = format!("{err:?}");
    assert!(text.contains("did you mean `Cybersecurity`"), "{text}");
    assert!(
        text.contains(&format!("line: {line}")) || text.contains(&format!(":{line}:")),
        "{text}"
    );
}

/// An objective whose goal accepts the same action from two teams (the flagship's way in closed
/// by the vendor or by the operator) names that action once when nobody took it.
#[test]
fn an_action_never_attempted_is_named_once_though_two_teams_may_take_it() {
    for lang in [kunren::lang::Lang::En, kunren::lang::Lang::Ja] {
        let sim = simulate(None, 1, Vec::new());
        let aar = report::build(
            &sim,
            &ReportInput {
                lang,
                ..ReportInput::default()
            },
        );
        let close = aar
            .objectives
            .iter()
            .find(|a| a.id == "close-entry")
            .unwrap();
        let name = lang.pick("Update the VPN appliance", "VPN機器を更新する");
        assert_eq!(
            close.evidence.matches(name).count(),
            1,
            "{lang:?}: {}",
            close.evidence
        );
    }
}
