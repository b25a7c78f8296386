//! Whole-file loader tests: the minimal scenario loads, and each broken variant in
//! `tests/broken/` yields a diagnostic at an exact line and column with a telling message and hint.

use std::path::Path;

use kunren::scenario::{self, Diagnostics};

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_default()
}

fn minimal() -> scenario::Scenario {
    match scenario::parse(&read("tests/fixtures/minimal.ron"), "minimal.ron") {
        Ok(s) => s,
        Err(e) => panic!("minimal scenario should load:\n{e}"),
    }
}

#[test]
fn minimal_scenario_loads_and_resolves() {
    let s = minimal();
    assert_eq!(
        (s.teams.len(), s.assets.len(), s.campaigns.len()),
        (2, 3, 1)
    );
    assert_eq!(s.clock.end_tick, 2 * 24 * 4);
    let tos = s.asset_index("tos").map(|a| a.index());
    assert_eq!(tos, Some(2));
    assert_eq!(s.topo_order.last().map(|a| a.index()), tos);
    let encrypt = &s.campaigns[0].stages[1];
    assert_eq!(encrypt.technique_name, "Data Encrypted for Impact");
    assert_eq!(
        encrypt
            .targets
            .iter()
            .map(|a| a.index())
            .collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(encrypt.after, [0]);
    assert_eq!(encrypt.dwell_ticks, (8, 24));
    assert_eq!(s.service_measures.len(), 1);
    assert_eq!(s.actions[0].targets.as_ref().map(Vec::len), Some(3));
}

/// (file in tests/broken, line, column, part of the message, part of the hint)
const BROKEN: &[(&str, usize, usize, &str, &str)] = &[
    (
        "staff_negative",
        19,
        82,
        "`staff` takes a whole number from 0 to 4294967295, not -1",
        "`staff` is how many people the team can put on actions at once",
    ),
    (
        "action_cost_exceeds_staff",
        61,
        19,
        "needs 5 staff, but team \"port\" has only 3: it could never start",
        "lower `cost` to at most 3",
    ),
    (
        "syntax_missing_comma",
        7,
        9,
        "expected a comma",
        "lacks one",
    ),
    (
        "unknown_field_typo",
        23,
        48,
        "unknown field `ownr` in Asset",
        "did you mean `owner`?",
    ),
    (
        "unknown_variant",
        70,
        22,
        "unknown variant `Fax` in Channel",
        "`Phone`",
    ),
    (
        "unknown_asset_ref",
        29,
        26,
        "unknown asset \"nuts_db\" in asset \"tos\"",
        "did you mean \"nuts-db\"?",
    ),
    (
        "dependency_cycle",
        24,
        86,
        "dependency cycle: nuts-db -> tos -> nuts-db",
        "remove one link",
    ),
    (
        "chance_out_of_range",
        42,
        82,
        "chance of stage \"lockbit/access\" is 1.5, outside 0..1",
        "between 0.0 and 1.0",
    ),
    (
        "bad_duration",
        60,
        23,
        "\"6 hours\" is not a duration",
        "did you mean \"6h\"?",
    ),
    (
        "time_outside_clock",
        67,
        17,
        "`at` of inject \"i01\" is \"3d\", after the exercise ends",
        "up to \"2d\"",
    ),
    (
        "unknown_technique",
        45,
        32,
        "unknown ATT&CK technique \"T14860\"",
        "did you mean \"T1486\" (Data Encrypted for Impact)?",
    ),
    (
        "duplicate_id",
        15,
        18,
        "duplicate phase id \"p1\"",
        "phase #1 already uses it",
    ),
    (
        "inject_never_fires",
        67,
        19,
        "inject \"i01\" can never go out",
        "change the condition",
    ),
    (
        "objective_unsatisfiable",
        81,
        19,
        "team \"crew\" may not take action \"isolate\"",
        "change the condition",
    ),
    (
        "campaign_team_not_adversary",
        40,
        19,
        "not an adversary",
        "`kind: Adversary`",
    ),
    (
        "stage_after_unknown",
        47,
        29,
        "unknown stage \"acess\"",
        "did you mean \"access\"?",
    ),
];

fn errors_of(name: &str) -> Diagnostics {
    let file = format!("tests/broken/{name}.ron");
    match scenario::parse(&read(&file), &file) {
        Ok(_) => panic!("{file} should not load"),
        Err(e) => e,
    }
}

#[test]
fn each_broken_file_is_reported_where_it_is_broken() {
    for &(name, line, column, message, hint) in BROKEN {
        let errors = errors_of(name);
        let found = errors.items.iter().find(|d| d.message.contains(message));
        let Some(d) = found else {
            panic!("{name}: no error mentions {message:?}:\n{errors}")
        };
        assert_eq!((d.line, d.column), (line, column), "{name}: {errors}");
        let h = d.hint.as_deref().unwrap_or("");
        assert!(h.contains(hint), "{name}: hint {h:?} lacks {hint:?}");
        assert!(!d.snippet.is_empty(), "{name}: empty snippet");
        assert_eq!(
            errors.items.len(),
            1,
            "{name}: expected exactly one problem:\n{errors}"
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = read("tests/fixtures/minimal.ron")
        .replace("chance: 0.6", "chance: 1.5")
        .replace("technique: \"T1486\"", "technique: \"T9999\"")
        .replace("depends_on: [\"nuts-db\"]", "depends_on: [\"nuts_db\"]");
    let Err(errors) = scenario::parse(&text, "many.ron") else {
        panic!("should not load")
    };
    assert_eq!(errors.items.len(), 3, "{errors}");
    let lines: Vec<usize> = errors.items.iter().map(|d| d.line).collect();
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]),
        "sorted by position: {lines:?}"
    );
    assert!(
        errors
            .to_string()
            .starts_with("many.ron:29:26: error: unknown asset"),
        "{errors}"
    );
}

#[test]
fn a_malformed_duration_is_reported_once_with_what_was_meant() {
    let flagship = read("scenarios/nagoya-port-ransomware.ron");
    for (from, to, fixed) in [
        ("length: \"6d\"", "length: \"5 days\"", "5d"),
        ("length: \"6d\"", "length: \"2d 12h\"", "2d12h"),
        ("at: \"3d\"", "at: \"3 d\"", "3d"),
    ] {
        assert!(flagship.contains(from), "{from}");
        let text = flagship.replacen(from, to, 1);
        let Err(errors) = scenario::parse(&text, "f.ron") else {
            panic!("{to} should not load")
        };
        assert_eq!(
            errors.items.len(),
            1,
            "{to}: only the cause, none of its consequences:\n{errors}"
        );
        assert!(
            errors.items[0].message.contains("is not a duration"),
            "{errors}"
        );
        assert_eq!(
            errors.items[0].hint.as_deref(),
            Some(format!("did you mean \"{fixed}\"?").as_str())
        );
    }
}

#[test]
fn a_retired_attack_id_says_what_became_of_it() {
    let minimal = read("tests/fixtures/minimal.ron");
    for (id, message, hint) in [
        (
            "T1086",
            "ATT&CK technique \"T1086\" (PowerShell) in stage \"lockbit/access\" was revoked and replaced by \"T1059.001\" (PowerShell)",
            "write \"T1059.001\"",
        ),
        (
            "T1064",
            "ATT&CK technique \"T1064\" (Scripting) in stage \"lockbit/access\" was deprecated, with no replacement",
            "choose a current ATT&CK v18.1 technique",
        ),
    ] {
        let text = minimal.replace("technique: \"T1133\"", &format!("technique: \"{id}\""));
        let Err(errors) = scenario::parse(&text, "t.ron") else {
            panic!("{id} should not load")
        };
        assert_eq!(errors.items.len(), 1, "{errors}");
        let d = &errors.items[0];
        assert_eq!(d.message, message);
        assert!(
            d.hint.as_deref().unwrap_or("").starts_with(hint),
            "{errors}"
        );
        assert!(!errors.to_string().contains("did you mean"), "{errors}");
    }
}

#[test]
fn a_missing_field_names_the_element_it_is_missing_from() {
    let flagship = read("scenarios/nagoya-port-ransomware.ron");
    let at = flagship
        .find("subject: (en: \"Printers are spewing")
        .unwrap();
    let end = at + flagship[at..].find('\n').unwrap() + 1;
    let text = format!("{}{}", &flagship[..at], &flagship[end..]);
    let Err(errors) = scenario::parse(&text, "f.ron") else {
        panic!("should not load")
    };
    assert_eq!(
        errors.items[0].message,
        "missing field `subject` in Inject (\"ransom-note\", item 4 of `injects`)"
    );
}

#[test]
fn anonymous_top_level_struct_loads_too() {
    let text = read("tests/fixtures/minimal.ron").replacen("Scenario(", "(", 1);
    assert!(scenario::parse(&text, "anon.ron").is_ok());
}

#[test]
fn decisions_resolve_against_the_scenario() {
    let s = minimal();
    let text = read("tests/broken/decisions_unknown_team.ron");
    let Err(errors) = scenario::parse_decisions(&text, "d.ron", &s) else {
        panic!("should not load")
    };
    assert_eq!(errors.items.len(), 1, "{errors}");
    let d = &errors.items[0];
    assert_eq!((d.line, d.column), (6, 16));
    assert!(
        d.message.contains("unknown team \"prot\" in decision #2"),
        "{errors}"
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean \"port\"?"));

    let fixed = text.replace("\"prot\"", "\"port\"");
    let ok = scenario::parse_decisions(&fixed, "d.ron", &s);
    let decisions = ok.map(|d| d.decisions.len()).map_err(|e| e.to_string());
    assert_eq!(decisions, Ok(2));
}

#[test]
fn decisions_must_fit_their_actions() {
    let s = minimal();
    let text =
        "Decisions(scenario: \"other\", decisions: [\n  (team: \"crew\", take: \"isolate\"),\n])";
    let Err(errors) = scenario::parse_decisions(text, "d.ron", &s) else {
        panic!("should not load")
    };
    let all = errors.to_string();
    assert!(
        all.contains("d.ron:1:21: error: these decisions are for scenario \"other\""),
        "{all}"
    );
    assert!(
        all.contains("team \"crew\" may not take action \"isolate\""),
        "{all}"
    );
    assert!(all.contains("gives no `target`"), "{all}");
}

#[test]
fn missing_file_is_an_io_error() {
    let err = scenario::load(Path::new("tests/does-not-exist.ron"));
    assert!(matches!(err, Err(scenario::LoadError::Io { .. })));
}

/// Releasability is checked where it is written: on an unclassified item, beside a TLP, and
/// naming a nation no team belongs to.
#[test]
fn releasability_is_refused_where_it_does_not_fit() {
    let drill = read("scenarios/multinational-drill.ron");
    let at = |text: &str, needle: &str| {
        let offset = text.find(needle).unwrap();
        let line = text[..offset].matches('\n').count() + 1;
        let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        (line, column)
    };
    let national = "            rel_to: [\"JP\"],\n            about: [Campaign(\"volt-power\")";
    assert!(drill.contains(national));
    for (from, to, needle, message, hint) in [
        (
            national,
            "            rel_to: [\"JP\"],\n            tlp: Green,\n            about: [Campaign(\"volt-power\")",
            "Green,\n            about: [Campaign(\"volt-power\")",
            "also carries a TLP marking",
            "TLP is for unclassified information",
        ),
        (
            national,
            "            rel_to: [\"JP\", \"FR\"],\n            about: [Campaign(\"volt-power\")",
            "\"FR\"",
            "no team of nation \"FR\"",
            "\"AU\", \"GB\", \"JP\", \"US\"",
        ),
        (
            "            classification: Unclassified,\n            tlp: Clear,",
            "            classification: Unclassified,\n            rel_to: [\"JP\"],",
            "[\"JP\"],\n            about: [Technique",
            "unclassified but has a releasability",
            "share it under its tlp",
        ),
    ] {
        assert!(drill.contains(from), "{from}");
        let text = drill.replacen(from, to, 1);
        let Err(errors) = scenario::parse(&text, "d.ron") else {
            panic!("{to} should not load")
        };
        assert_eq!(errors.items.len(), 1, "{errors}");
        let d = &errors.items[0];
        assert!(d.message.contains(message), "{errors}");
        assert!(d.hint.as_deref().unwrap_or("").contains(hint), "{errors}");
        assert_eq!((d.line, d.column), at(&text, needle), "{errors}");
    }
}
