//! Tearlines as new items and need-to-know grants (format 2): each refused in a format 1 file
//! at its place and checked where it is written; in play a release leaves the classified
//! original with its holders beside a new, reduced item, and only the originator may release a
//! tearline or grant a need to know, which then lets a holder pass an AMBER item on.

use std::sync::Arc;

use kunren::command::Command;
use kunren::scenario::model::{ActionId, IntelId, TeamId};
use kunren::scenario::{self, Scenario};
use kunren::sim::Simulation;
use kunren::sim::intel::marking;

const MINIMAL: &str = include_str!("../fixtures/minimal.ron");

/// The minimal fixture with a police team (the originator), a ministry, a SECRET report held by
/// the police and the port's ministry, its TLP:GREEN tearline, and a TLP:AMBER bulletin.
fn text(v2: bool) -> String {
    let head = if v2 {
        "Scenario(\n    format: 2,\n"
    } else {
        "Scenario(\n"
    };
    MINIMAL
        .replacen("Scenario(\n", head, 1)
        .replacen(
            "        (id: \"crew\",",
            "        (id: \"police\", name: \"Police\", kind: Agency, clearance: Secret, staff: 2),\n        (id: \"ministry\", name: \"Ministry\", kind: Agency, clearance: Secret, staff: 2),\n        (id: \"crew\",",
            1,
        )
        .replacen(
            "    actions: [\n",
            "    actions: [\n        (id: \"tearline\", name: \"Release the tearline\", teams: [\"police\", \"ministry\"], duration: \"30m\", effects: [Tearline]),\n        (id: \"need\", name: \"Give a need to know\", teams: [\"police\", \"ministry\"], duration: \"30m\", effects: [GrantNeedToKnow]),\n        (id: \"share\", name: \"Share\", teams: [\"police\", \"ministry\", \"port\"], duration: \"30m\", effects: [ShareIntel]),\n",
            1,
        )
        .replacen(
            "    injects: [\n",
            "    intel: [\n        (id: \"report\", title: \"Police report\", content: \"Sources and indicators\", source: \"police\", classification: Secret, rel_to: [\"JP\"], held_by: [\"police\", \"ministry\"]),\n        (id: \"report-tl\", title: \"Tearline\", content: \"Indicators only\", source: \"police\", classification: Unclassified, tlp: Green, tearline_of: Some(\"report\")),\n        (id: \"bulletin\", title: \"Bulletin\", source: \"police\", tlp: Amber, held_by: [\"police\", \"ministry\"]),\n    ],\n    injects: [\n",
            1,
        )
}

fn load(text: &str) -> Arc<Scenario> {
    match scenario::parse(text, "tl.ron") {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("should load:\n{e}"),
    }
}

fn messages(text: &str) -> Vec<(String, usize, usize)> {
    match scenario::parse(text, "tl.ron") {
        Ok(_) => panic!("should not load"),
        Err(e) => e
            .items
            .iter()
            .map(|d| (d.message.clone(), d.line, d.column))
            .collect(),
    }
}

fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

#[test]
fn tearlines_and_need_to_know_grants_need_format_2() {
    let t = text(false);
    let found = messages(&t);
    for (what, needle) in [
        ("a tearline (`tearline_of`)", "Some(\"report\")"),
        ("the `Tearline` effect", "Tearline]"),
        ("the `GrantNeedToKnow` effect", "GrantNeedToKnow]"),
    ] {
        let hit = found
            .iter()
            .find(|(m, ..)| m.starts_with(what))
            .unwrap_or_else(|| panic!("no {what}: {found:?}"));
        assert!(hit.0.contains("belongs to format 2"));
        assert_eq!((hit.1, hit.2), place(&t, needle), "{what}");
    }
}

#[test]
fn a_tearline_is_checked_where_it_is_written() {
    let t = text(true)
        .replacen(
            "source: \"police\", classification: Unclassified, tlp: Green, tearline_of",
            "source: \"ministry\", classification: Unclassified, tlp: Green, held_by: [\"port\"], tearline_of",
            1,
        )
        .replacen(
            "(id: \"bulletin\", title: \"Bulletin\",",
            "(id: \"again\", title: \"Again\", source: \"police\", tearline_of: Some(\"report\")),\n        (id: \"bulletin\", title: \"Bulletin\",",
            1,
        );
    let found = messages(&t);
    let has = |m: &str| found.iter().find(|(x, ..)| x.contains(m)).cloned();
    let other = has("which \"police\" originated, not \"ministry\"").expect("originator");
    assert_eq!(
        (other.1, other.2),
        place(&t, "\"ministry\", classification: Unclassified")
    );
    let held = has("is a tearline, held by nobody").expect("held");
    assert_eq!((held.1, held.2), place(&t, "[\"port\"], tearline_of"));
    has("\"report\" already has a tearline, \"report-tl\"").expect("two tearlines");
}

fn ids(s: &Scenario) -> (TeamId, TeamId, TeamId, IntelId, IntelId, IntelId) {
    let item = |id: &str| s.intel_index(id).unwrap();
    (
        s.team_index("police").unwrap(),
        s.team_index("ministry").unwrap(),
        s.team_index("port").unwrap(),
        item("report"),
        item("report-tl"),
        item("bulletin"),
    )
}

fn act(s: &Scenario, team: TeamId, action: &str, to: Option<TeamId>, intel: IntelId) -> Command {
    let action: ActionId = s.action_index(action).unwrap();
    Command::Act {
        team,
        action,
        target: None,
        to,
        intel: Some(intel),
    }
}

fn run(s: &Arc<Scenario>, commands: &[Vec<Command>]) -> Simulation {
    let mut sim = Simulation::new(s.clone(), 1);
    for batch in commands {
        for c in batch {
            sim.submit(c.clone());
        }
        for _ in 0..3 {
            sim.step();
        }
    }
    sim
}

#[test]
fn a_release_makes_a_new_item_and_the_original_stays_with_its_holders() {
    let s = load(&text(true));
    let (police, ministry, port, report, tl, _) = ids(&s);
    let sim = run(
        &s,
        &[
            // Only the originator may release; the ministry's attempt is refused.
            vec![act(&s, ministry, "tearline", None, report)],
            vec![act(&s, police, "tearline", None, report)],
            vec![act(&s, ministry, "share", Some(port), tl)],
        ],
    );
    let intel = &sim.state().intel;
    assert!(
        intel.holds(police, tl) && intel.holds(ministry, tl),
        "both holders of the original"
    );
    assert!(
        intel.holds(port, tl),
        "the uncleared port holds the tearline"
    );
    assert!(!intel.holds(port, report), "but not the original");
    let original = &intel.items[report.index()];
    assert_eq!(
        marking(&s, &s.intel[report.index()], original),
        "SECRET//REL TO JPN"
    );
    assert_eq!(
        marking(&s, &s.intel[tl.index()], &intel.items[tl.index()]),
        "UNCLASSIFIED · TLP:GREEN"
    );
    let texts: Vec<&str> = sim.log().events().iter().map(|e| e.text.as_str()).collect();
    assert!(
        texts.contains(&"Ministry could not start \"Release the tearline\": only the originator may release a tearline of \"Police report\""),
        "{texts:#?}"
    );
    assert!(texts.contains(
        &"Police released a tearline of \"Police report\": \"Tearline\" (UNCLASSIFIED · TLP:GREEN)"
    ));
    // An item without a tearline cannot be released as one.
    let sim = run(&s, &[vec![act(&s, police, "tearline", None, ids(&s).5)]]);
    assert!(
        sim.log()
            .events()
            .iter()
            .any(|e| e.text.ends_with("\"Bulletin\" has no tearline to release"))
    );
}

#[test]
fn need_to_know_grows_in_play_by_the_originators_grant() {
    let s = load(&text(true));
    let (police, ministry, port, _, _, bulletin) = ids(&s);
    // Without a grant the ministry may not pass the AMBER bulletin to the port.
    let before = run(
        &s,
        &[vec![act(&s, ministry, "share", Some(port), bulletin)]],
    );
    assert!(!before.state().intel.holds(port, bulletin));
    // The ministry cannot grant it (not the originator); the police can, and then it passes.
    let after = run(
        &s,
        &[
            vec![act(&s, ministry, "need", Some(port), bulletin)],
            vec![act(&s, police, "need", Some(port), bulletin)],
            vec![act(&s, ministry, "share", Some(port), bulletin)],
        ],
    );
    let intel = &after.state().intel;
    assert!(intel.holds(port, bulletin));
    assert!(intel.items[bulletin.index()].need_to_know.contains(&port));
    let texts: Vec<&str> = after
        .log()
        .events()
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("only the originator may give a need to know for \"Bulletin\""))
    );
    assert!(texts.contains(&"Police gave Port operator a need to know for \"Bulletin\""));
}

/// The lint `tlp-classified`: a TLP marking written on a classified item (as format 1 files
/// did) is warned of at the marking; the shipped scenarios, corrected to `rel_to` and
/// `release_tlp` in format 2, are clean of it.
#[test]
fn tlp_on_a_classified_item_is_linted_at_its_marking() {
    let v1 = MINIMAL.replacen(
        "    injects: [\n",
        "    intel: [\n        (id: \"secret\", title: \"Secret report\", source: \"port\", classification: Secret, tlp: AmberStrict),\n    ],\n    injects: [\n",
        1,
    );
    let warnings = kunren::authoring::lint::lint(&v1, "v1.ron").unwrap();
    let found: Vec<_> = warnings
        .0
        .items
        .iter()
        .filter(|d| d.message.contains("[tlp-classified]"))
        .collect();
    assert_eq!(found.len(), 1, "{:?}", warnings.0.items);
    assert!(
        found[0]
            .message
            .starts_with("TLP is for unclassified releases; mark a classified item with rel_to"),
        "{}",
        found[0].message
    );
    assert_eq!((found[0].line, found[0].column), place(&v1, "AmberStrict"));
    // The same item in format 2: releasability, and the TLP its release will carry.
    let v2 = v1
        .replacen("Scenario(\n", "Scenario(\n    format: 2,\n", 1)
        .replacen(
            "tlp: AmberStrict",
            "rel_to: [\"JP\"], release_tlp: Some(AmberStrict)",
            1,
        );
    let s = load(&v2);
    assert_eq!(s.intel[0].tlp, kunren::scenario::model::Tlp::AmberStrict);
    let warnings = kunren::authoring::lint::lint(&v2, "v2.ron").unwrap();
    assert!(
        !warnings
            .0
            .items
            .iter()
            .any(|d| d.message.contains("[tlp-classified]")),
        "{:?}",
        warnings.0.items
    );
    // release_tlp belongs to format 2, and to classified items.
    let t = v2.replacen("    format: 2,\n", "", 1);
    let found = messages(&t);
    assert!(
        found.iter().any(|(m, l, c)| m.starts_with("`release_tlp`")
            && m.contains("belongs to format 2")
            && (*l, *c) == place(&t, "Some(AmberStrict)")),
        "{found:?}"
    );
    let t = v2.replacen("classification: Secret", "classification: Unclassified", 1);
    assert!(
        messages(&t)
            .iter()
            .any(|(m, ..)| m.contains("is unclassified, so it has no release to mark")),
    );
    for b in kunren::library::BUILTINS {
        let w = kunren::authoring::lint::lint(b.source, b.path).unwrap();
        assert!(
            !w.0.items
                .iter()
                .any(|d| d.message.contains("[tlp-classified]")),
            "{}: {:?}",
            b.path,
            w.0.items
        );
    }
}
