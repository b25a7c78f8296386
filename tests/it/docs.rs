//! The scenario format reference documents the whole schema: every field and every enum variant
//! of `src/scenario/raw.rs`, read mechanically from its source so a new field without docs fails.

const RAW: &str = include_str!("../../src/scenario/raw.rs");
const DOC: &str = include_str!("../../docs/scenario-format.md");

/// Every field name (struct fields and struct-variant fields) and every variant name in raw.rs,
/// each with the type it belongs to.
fn schema_names() -> Vec<(String, String)> {
    let mut names = Vec::new();
    let mut current: Option<(String, bool)> = None; // (type name, is enum)
    for line in RAW.lines() {
        if let Some(rest) = line.strip_prefix("pub struct ") {
            current = rest
                .split([' ', '{'])
                .next()
                .map(|n| (n.to_string(), false));
            continue;
        }
        if let Some(rest) = line.strip_prefix("pub enum ") {
            current = rest.split([' ', '{']).next().map(|n| (n.to_string(), true));
            continue;
        }
        if line.starts_with('}') || line.starts_with("impl") || line.starts_with("fn ") {
            current = None;
            continue;
        }
        let Some((ty, is_enum)) = &current else {
            continue;
        };
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.starts_with("#[") {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let word: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if word.is_empty() {
            continue;
        }
        let after = &trimmed[word.len()..];
        if !*is_enum {
            if let Some(field) = trimmed.strip_prefix("pub ") {
                let name: String = field
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                names.push((ty.clone(), name));
            }
        } else {
            // A variant at the enum's own indentation, or a field of a struct variant below it.
            let variant = indent == 4 && word.starts_with(|c: char| c.is_ascii_uppercase());
            let variant_field = indent == 8 && after.starts_with(':');
            if variant || variant_field {
                names.push((ty.clone(), word));
            }
        }
    }
    names
}

/// `name` appears in the doc as a whole word.
fn documented(name: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    DOC.match_indices(name).any(|(i, _)| {
        let before = DOC[..i].chars().next_back();
        let after = DOC[i + name.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

#[test]
fn the_schema_is_read_from_raw_rs() {
    let names = schema_names();
    let has = |ty: &str, n: &str| names.iter().any(|(t, x)| t == ty && x == n);
    assert!(has("Asset", "depends_on"), "{names:?}");
    assert!(
        has("Effect", "Exfiltrate") && has("Effect", "records"),
        "{names:?}"
    );
    assert!(has("ActionEffect", "thoroughness"), "{names:?}");
    assert!(
        has("Condition", "Holds") && has("Tlp", "AmberStrict"),
        "{names:?}"
    );
    assert!(has("Decisions", "prior"), "{names:?}");
    assert!(names.len() > 150, "{}", names.len());
    assert!(documented("depends_on") && !documented("depends_o"));
}

#[test]
fn every_field_and_variant_is_documented() {
    let missing: Vec<String> = schema_names()
        .into_iter()
        .filter(|(_, n)| !documented(n))
        .map(|(t, n)| format!("{t}::{n}"))
        .collect();
    assert!(
        missing.is_empty(),
        "not documented in docs/scenario-format.md: {}",
        missing.join(", ")
    );
}

/// The facilitator guide shows the real console: each capture in it is a pinned screen of
/// tests/it/console.rs (or tests/it/replay.rs), so a change to a screen that is not carried into the guide fails here.
#[test]
fn the_facilitator_guide_shows_the_current_screens() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("docs/facilitator-guide.md")).unwrap();
    let names = [
        "start_screen",
        "facilitator_board",
        "facilitator_msel",
        "facilitator_objectives",
        "facilitator_map",
        "facilitator_charts",
        "facilitator_timeline",
        "facilitator_notes_are_written_through_the_note_dialog",
        "operator_inbox",
        "operator_assets",
        "operator_actions",
        "operator_intel",
        "operator_objectives",
        "help",
        "replay__the_replay_header_shows_where_the_scrubber_stands",
        "evaluation__the_facilitator_rates_observes_and_analyses_on_the_evaluate_screen",
        "evaluation__at_endex_the_console_turns_to_the_hot_wash_and_writes_the_report",
    ];
    let report_doc = std::fs::read_to_string(root.join("docs/after-action-report.md")).unwrap();
    let evaluate = std::fs::read_to_string(root.join(
        "tests/it/snapshots/it__evaluation__the_facilitator_rates_observes_and_analyses_on_the_evaluate_screen.snap",
    ))
    .unwrap();
    let evaluate = evaluate
        .splitn(3, "---\n")
        .nth(2)
        .unwrap()
        .trim_end_matches('\n');
    assert!(
        report_doc.contains(&format!("```text\n{evaluate}\n```")),
        "docs/after-action-report.md does not show the current Evaluate screen; regenerate its capture"
    );
    for name in names {
        // Screens of other test files carry their file's prefix.
        let file = if name.contains("__") {
            format!("tests/it/snapshots/it__{name}.snap")
        } else {
            format!("tests/it/snapshots/it__console__{name}.snap")
        };
        let snap = std::fs::read_to_string(root.join(file)).unwrap();
        let screen = snap
            .splitn(3, "---\n")
            .nth(2)
            .unwrap()
            .trim_end_matches('\n');
        assert!(
            guide.contains(&format!("```text\n{screen}\n```")),
            "docs/facilitator-guide.md does not show the current {name} screen; regenerate its capture"
        );
    }
}
