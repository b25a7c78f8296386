//! Each rule on small variants of the starting template: one that trips it, one that does not.

use super::*;
use crate::authoring::template;

fn base() -> String {
    template::scenario("t").unwrap_or_default()
}

/// The variant's findings of one rule; panics (in the test) if the variant is not valid.
fn findings(text: &str, rule: fn(&Scenario) -> Vec<Finding>) -> Vec<Finding> {
    match scenario::parse(text, "t.ron") {
        Ok(s) => rule(&s),
        Err(e) => panic!("variant does not validate:\n{e}"),
    }
}

fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "template lacks {from:?}");
    text.replacen(from, to, 1)
}

const REGULATOR_PEOPLE: &str = "kind: Agency, clearance: Confidential, played_by: People";
const REGULATOR_SIM: &str = "kind: Agency, clearance: Confidential, played_by: Simulation";

#[test]
fn the_template_is_clean() {
    let s = scenario::parse(&base(), "t.ron").map_err(|e| e.to_string());
    assert_eq!(s.map(|s| all(&s)), Ok(vec![]));
}

#[test]
fn objective_needing_an_action_nobody_takes() {
    let text = edit(
        &base(),
        "goal: Done(\"utility\", \"report-regulator\")",
        "goal: Done(\"regulator\", \"request-report\")",
    );
    assert!(findings(&text, objectives_achievable).is_empty());
    let text = edit(&text, REGULATOR_PEOPLE, REGULATOR_SIM);
    let f = findings(&text, objectives_achievable);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("no rule of its doctrine"), "{f:?}");
    assert_eq!(f[0].path, objective(1).field("goal"));
}

#[test]
fn objective_needing_an_unrestorable_asset() {
    let goal = "goal: Asset(\"pumping\", Normal)";
    let text = edit(
        &base(),
        "goal: Done(\"utility\", \"report-regulator\")",
        goal,
    );
    assert!(findings(&text, objectives_achievable).is_empty());
    let text = edit(&text, "effects: [Restore]", "effects: [Patch]");
    let f = findings(&text, objectives_achievable);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.contains("nothing can restore \"scada\""),
        "{f:?}"
    );
}

#[test]
fn objective_waiting_on_a_halt_nobody_can_bring_about() {
    let text = edit(&base(), "Scenario(\n", "Scenario(\n    format: 2,\n");
    let text = edit(
        &text,
        "goal: Done(\"utility\", \"report-regulator\")",
        "goal: Halted(\"intrusion\")",
    );
    let text = edit(
        &text,
        "    actions: [\n",
        "    actions: [\n        (id: \"takedown\", name: \"Takedown\", teams: [\"regulator\"], effects: [Takedown(campaign: \"intrusion\", chance: 0.5)]),\n",
    );
    assert!(findings(&text, objectives_achievable).is_empty());
    let text = edit(&text, REGULATOR_PEOPLE, REGULATOR_SIM);
    let f = findings(&text, objectives_achievable);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message
            .contains("no action that can be taken in play takes down campaign \"intrusion\""),
        "{f:?}"
    );
}

#[test]
fn people_without_a_decision_in_a_phase() {
    let text = edit(
        &base(),
        "teams: [\"utility\", \"regulator\"]",
        "teams: [\"utility\"]",
    );
    let open = edit(
        &text,
        "effects: [RequestAssistance]",
        "requires: Some(After(\"3h\")), effects: [RequestAssistance]",
    );
    assert!(findings(&open, decisions_each_phase).is_empty());
    let shut = edit(
        &text,
        "effects: [RequestAssistance]",
        "requires: Some(Phase(\"recovery\")), effects: [RequestAssistance]",
    );
    let f = findings(&shut, decisions_each_phase);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("\"regulator\""), "{f:?}");
    assert!(f[0].message.contains("phase \"response\""), "{f:?}");
}

#[test]
fn time_rules_phases_out_soundly() {
    let text = base();
    let Ok(s) = scenario::parse(&text, "t.ron") else {
        panic!("template")
    };
    let after = |t| Condition::After(t);
    let not = |c| Condition::Not(Box::new(c));
    assert!(never_in(&s, &after(10), true, 0, 10));
    assert!(!never_in(&s, &after(9), true, 0, 10));
    assert!(never_in(&s, &not(after(4)), true, 4, 10));
    assert!(!never_in(&s, &not(after(5)), true, 4, 10));
    let any = Condition::Any(vec![after(20), Condition::Chance(0.5)]);
    assert!(!never_in(&s, &any, true, 0, 10));
    assert!(never_in(
        &s,
        &Condition::All(vec![after(20), any]),
        true,
        0,
        10
    ));
    assert!(!never_in(
        &s,
        &not(Condition::Done(
            crate::scenario::model::TeamId(0),
            crate::scenario::model::ActionId(0)
        )),
        true,
        0,
        10
    ));
}

#[test]
fn injects_waiting_on_what_cannot_happen() {
    let text = edit(
        &base(),
        "when: Some(Stage(\"intrusion\", \"encrypt\")),\n            from: \"Control room\"",
        "when: Some(Done(\"regulator\", \"request-report\")),\n            from: \"Control room\"",
    );
    assert!(findings(&text, injects_reachable).is_empty());
    let text = edit(&text, REGULATOR_PEOPLE, REGULATOR_SIM);
    let f = findings(&text, injects_reachable);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].path,
        Path::root().field("injects").index(1).field("when")
    );
}

#[test]
fn injects_at_the_last_tick() {
    let text = edit(&base(), "at: Some(\"3h\")", "at: Some(\"2d\")");
    let f = findings(&text, injects_reachable);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("last tick"), "{f:?}");
    let text = edit(&base(), "at: Some(\"3h\")", "at: Some(\"1d23h45m\")");
    assert!(findings(&text, injects_reachable).is_empty());
}

#[test]
fn stages_nobody_can_notice() {
    let quiet = edit(&base(), "detection: 0.02,", "detection: 0.0,");
    assert!(
        findings(&quiet, stages_detectable).is_empty(),
        "a hunt can find it"
    );
    let text = edit(
        &quiet,
        "effects: [Hunt(thoroughness: 0.6)]",
        "effects: [Monitor(level: 0.6)]",
    );
    let f = findings(&text, stages_detectable);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("intrusion/access"), "{f:?}");
    // Visible damage is noticed even with no detection chance.
    let loud = edit(&text, "detection: 0.05,", "detection: 0.0,");
    assert_eq!(findings(&loud, stages_detectable).len(), 1);
}

#[test]
fn objectives_no_inject_exercises() {
    let text = edit(&base(), "objective: Some(\"contain\"),", "");
    let f = findings(&text, objectives_exercised);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].path, objective(0).field("id"));
    let text = edit(&base(), "expects: Some(\"hunt\"),", "");
    assert_eq!(findings(&text, objectives_exercised).len(), 1);
}

#[test]
fn lint_locates_findings_and_defers_to_validation() {
    let text = edit(&base(), "objective: Some(\"contain\"),", "");
    let Ok(w) = lint(&text, "t.ron") else {
        panic!("valid")
    };
    assert_eq!(w.len(), 1);
    let d = &w.0.items[0];
    assert_eq!(d.snippet, "\"contain\"");
    assert!(
        w.to_string()
            .starts_with(&format!("t.ron:{}:{}: warning:", d.line, d.column))
    );
    assert_eq!(w.summary(), "1 warning in t.ron");
    let broken = edit(&base(), "owner: \"utility\"", "owner: \"nobody\"");
    assert!(lint(&broken, "t.ron").is_err());
}

#[test]
fn only_a_hunt_that_can_find_something_counts_as_one() {
    use crate::scenario::model::Effect;
    use reach::{Brings, brings};
    assert_eq!(brings(&Effect::Hunt { thoroughness: 0.4 }), Brings::Hunt);
    assert_eq!(brings(&Effect::Hunt { thoroughness: 0.0 }), Brings::Other);
    assert_eq!(brings(&Effect::ShareIntel), Brings::Share);
    assert_eq!(
        brings(&Effect::Declassify { tlp: None }),
        Brings::Declassify
    );
    assert_eq!(brings(&Effect::Restore), Brings::Restore);
    assert_eq!(
        brings(&Effect::Report),
        Brings::Other,
        "a report passes no item on"
    );
}

/// The template in format 2, with a second SCADA server that stands in for the first.
fn redundant(second_needs: &str) -> String {
    let text = edit(&base(), "Scenario(\n", "Scenario(\n    format: 2,\n");
    let text = edit(
        &text,
        "        (\n            id: \"pumping\",",
        &format!(
            "        (id: \"scada-b\", name: \"Standby SCADA server\", owner: \"utility\", kind: Ot{second_needs}),\n        (\n            id: \"pumping\","
        ),
    );
    edit(
        &text,
        "depends_on: [\"scada\"],",
        "depends_on_any: [[\"scada\", \"scada-b\"]],",
    )
}

#[test]
fn alternatives_that_fall_with_one_asset() {
    assert!(findings(&redundant(""), alternatives_independent).is_empty());
    // The standby needs the primary: the primary's loss takes both down.
    let f = findings(
        &redundant(", depends_on: [\"scada\"]"),
        alternatives_independent,
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("all need \"scada\""), "{f:?}");
    assert_eq!(
        f[0].path,
        asset(4).field("depends_on_any").index(0),
        "{f:?}"
    );
    // Both need the domain controller, one of them through the other.
    let text = edit(
        &redundant(", depends_on: [\"ad\"]"),
        "uses: [\"ad\"],",
        "depends_on: [\"ad\"],",
    );
    let f = findings(&text, alternatives_independent);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("all need \"ad\""), "{f:?}");
}

#[test]
fn shares_that_fall_with_one_asset() {
    let shared = |second_needs: &str| {
        edit(
            &redundant(second_needs),
            "depends_on_any: [[\"scada\", \"scada-b\"]],",
            "depends_on_shares: [[\"scada\", \"scada-b\"]],",
        )
    };
    assert!(findings(&shared(""), shares_independent).is_empty());
    let f = findings(&shared(", depends_on: [\"scada\"]"), shares_independent);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message
            .contains("all need \"scada\": when it is down, every share is lost at once"),
        "{f:?}"
    );
    assert_eq!(
        f[0].path,
        asset(4).field("depends_on_shares").index(0),
        "{f:?}"
    );
    assert!(
        findings(
            &shared(", depends_on: [\"scada\"]"),
            alternatives_independent
        )
        .is_empty(),
        "shares are not alternatives"
    );
}

#[test]
fn an_operator_with_nothing_to_do_on_its_asset() {
    let text = edit(&base(), "Scenario(\n", "Scenario(\n    format: 2,\n");
    let text = edit(
        &text,
        "id: \"pumping\",",
        "id: \"pumping\",\n            operators: [\"regulator\"],",
    );
    let f = findings(&text, operators_act);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.contains("has no action it could aim at it"),
        "{f:?}"
    );
    assert_eq!(f[0].path, asset(3).field("operators").index(0), "{f:?}");
}

#[test]
fn a_reserve_longer_than_the_exercise() {
    let with = |lasts: &str| {
        edit(
            &redundant(""),
            "uses: [\"ad\"],",
            &format!(
                "uses: [\"ad\"], depends_on_reserve: [(asset: \"gateway\", lasts: \"{lasts}\")],"
            ),
        )
    };
    assert!(findings(&with("12h"), reserves_can_run_out).is_empty());
    let f = findings(&with("30d"), reserves_can_run_out);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("never runs out"), "{f:?}");
    assert_eq!(
        f[0].path,
        asset(2).field("depends_on_reserve").index(0).field("lasts")
    );
}
