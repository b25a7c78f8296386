//! Scenarios: the RON format authors write ([`raw`]), the validated model the engine runs
//! ([`model`]), and the two-stage loader between them with its diagnostics.
//!
//! Stage one is serde: syntax and types, with ron's line and column on failure. Stage two
//! ([`validate`]) resolves every reference and checks meaning, reporting every problem at once
//! with a span found through a ron2 syntax tree of the same text.

pub mod diagnostic;
pub mod model;
pub mod raw;
pub mod source_map;
mod validate;

pub use validate::{MAX_DEPTH, MAX_ID_LEN, MAX_LIST, is_slug, text_path};

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, LoadError};
pub use model::*;
pub use validate::did_you_mean;

/// Reads, parses and validates a scenario held in memory; `file` names it in diagnostics.
pub fn parse(source: &str, file: &str) -> Result<Scenario, Diagnostics> {
    validate::scenario(source, file, validate::MAX_LIST)
}

/// [`parse`] with lists of up to `max_list` items instead of [`MAX_LIST`]: for
/// generated scenarios larger than any file a user hands kunren (the 100,000-asset benchmarks).
pub fn parse_large(source: &str, file: &str, max_list: usize) -> Result<Scenario, Diagnostics> {
    validate::scenario(source, file, max_list)
}

/// Reads, parses and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, LoadError> {
    let source = read(path)?;
    parse(&source, &path.display().to_string()).map_err(LoadError::Invalid)
}

/// Parses and validates a decisions file against the scenario it scripts.
pub fn parse_decisions(
    source: &str,
    file: &str,
    scenario: &Scenario,
) -> Result<Decisions, Diagnostics> {
    validate::decisions(source, file, scenario)
}

/// The error for a decisions file naming a scenario that is not among `known`: located at its
/// `scenario` field, with a did-you-mean.
pub fn decisions_for_unknown(source: &str, file: &str, known: &[String]) -> Diagnostics {
    validate::decisions_for_unknown(source, file, known)
}

/// Reads, parses and validates a decisions file.
pub fn load_decisions(path: &Path, scenario: &Scenario) -> Result<Decisions, LoadError> {
    let source = read(path)?;
    parse_decisions(&source, &path.display().to_string(), scenario).map_err(LoadError::Invalid)
}

fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Whether a file's top-level value is a `Decisions(...)` struct (comments and RON extensions
/// before it are skipped), so a command given both kinds of file can tell them apart.
pub fn is_decisions(source: &str) -> bool {
    let mut rest = source;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("#![") {
            rest = r.split_once(']').map_or("", |(_, r)| r);
        } else {
            return rest.starts_with("Decisions");
        }
    }
}

/// The id of the scenario a decisions file names, if it parses that far.
pub fn decisions_scenario(source: &str) -> Option<String> {
    ron::from_str::<raw::Decisions>(source)
        .ok()
        .map(|d| d.scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_files_are_told_from_scenarios_past_comments_and_extensions() {
        assert!(is_decisions("Decisions(scenario: \"x\")"));
        assert!(is_decisions(
            "// a note\n/* more */\n#![enable(implicit_some)]\n  Decisions(scenario: \"x\")"
        ));
        assert!(!is_decisions("// Decisions(\nScenario(meta: ())"));
        assert!(!is_decisions("/* unclosed Decisions("));
        assert!(!is_decisions(""));
    }
}
