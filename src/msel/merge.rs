//! Merging a sheet into a scenario's text, and writing injects as RON. Only injects that changed
//! are rewritten (each in place, found through the ron2 syntax tree) and new ones are appended
//! to the list, so comments, layout and every other part of the file survive. The result must
//! validate, or nothing is returned.

use std::ops::Range;

use crate::scenario::source_map::{Path, SourceMap};
use crate::scenario::{self, Diagnostics, raw};

use super::{condition, float, one_problem, string};

/// A scenario text with a sheet merged in.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub text: String,
    /// Ids of injects the sheet changed.
    pub replaced: Vec<String>,
    /// Ids of injects the sheet added, at the end of the list.
    pub added: Vec<String>,
    /// How many injects of the sheet were already in the scenario as written.
    pub unchanged: usize,
}

/// Why a merge produced nothing.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The scenario's text could not be read as a scenario.
    #[error("{0}")]
    Scenario(Diagnostics),
    /// The merged scenario does not validate; the diagnostics are on the merged text.
    #[error("{0}")]
    Invalid(Diagnostics),
}

/// Merges injects into a scenario's text: an inject whose id is in the scenario replaces it,
/// the others are appended; the scenario's other injects stay as they are.
pub fn merge(source: &str, file: &str, injects: &[raw::Inject]) -> Result<Merged, MergeError> {
    // A byte-order mark stays where it was; the merge works on the text after it.
    let (bom, source) = match source.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", source),
    };
    let existing: raw::Scenario = match ron::Options::default().from_str(source) {
        Ok(s) => s,
        Err(e) => {
            return Err(MergeError::Scenario(
                scenario::parse(source, file)
                    .err()
                    .unwrap_or_else(|| one_problem(source, file, e.to_string())),
            ));
        }
    };
    let unlocatable = || {
        MergeError::Scenario(one_problem(
            source,
            file,
            "cannot find the injects in the text to rewrite them".into(),
        ))
    };
    let map = SourceMap::new(source);
    let list = Path::root().field("injects");
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut merged = Merged {
        text: String::new(),
        replaced: Vec::new(),
        added: Vec::new(),
        unchanged: 0,
    };
    let mut new = Vec::new();
    for inject in injects {
        match existing.injects.iter().position(|e| e.id == inject.id) {
            Some(i) if existing.injects[i] == *inject => merged.unchanged += 1,
            Some(i) => {
                let span = map.find(&list.index(i)).ok_or_else(unlocatable)?;
                let indent = indent_at(source, span.start);
                edits.push((span.start..span.end, inject_ron(inject, indent)));
                merged.replaced.push(inject.id.clone());
            }
            None => {
                new.push(inject);
                merged.added.push(inject.id.clone());
            }
        }
    }
    if !new.is_empty() {
        edits.push(append(source, &map, &existing, &new).ok_or_else(unlocatable)?);
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut text = source.to_string();
    for (range, with) in edits.into_iter().rev() {
        text.replace_range(range, &with);
    }
    let label = format!("{file} (merged)");
    scenario::parse(&text, &label).map_err(MergeError::Invalid)?;
    merged.text = format!("{bom}{text}");
    Ok(merged)
}

/// The edit that adds new injects: after the last inject, into an empty list, or as a new
/// `injects` field after the scenario's last field.
fn append(
    source: &str,
    map: &SourceMap,
    existing: &raw::Scenario,
    new: &[&raw::Inject],
) -> Option<(Range<usize>, String)> {
    let list = Path::root().field("injects");
    if let Some(last) = existing.injects.len().checked_sub(1) {
        let span = map.find(&list.index(last))?;
        let indent = indent_at(source, span.start);
        let text: String = new
            .iter()
            .map(|i| format!(",\n{indent}{}", inject_ron(i, indent)))
            .collect();
        return Some((span.end..span.end, text));
    }
    if let Some(span) = map.find(&list) {
        let indent = indent_at(source, span.start);
        return Some((span.start..span.end, list_ron(new, indent)));
    }
    let span = map.last_field(&Path::root())?;
    let indent = indent_at(source, span.start);
    let text = format!(",\n{indent}injects: {}", list_ron(new, indent));
    Some((span.end..span.end, text))
}

/// The leading whitespace of the line holding `offset`.
fn indent_at(source: &str, offset: usize) -> &str {
    let line_start = source
        .get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line = source.get(line_start..).unwrap_or("");
    let width = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..width]
}

/// The `injects: [...]` field for pasting into a scenario.
pub fn injects_field(injects: &[raw::Inject]) -> String {
    let refs: Vec<&raw::Inject> = injects.iter().collect();
    format!("injects: {},\n", list_ron(&refs, ""))
}

/// A list of injects in RON, its items indented one level below `indent`.
fn list_ron(injects: &[&raw::Inject], indent: &str) -> String {
    if injects.is_empty() {
        return "[]".into();
    }
    let inner = format!("{indent}    ");
    let items: String = injects
        .iter()
        .map(|i| format!("{inner}{},\n", inject_ron(i, &inner)))
        .collect();
    format!("[\n{items}{indent}]")
}

/// One inject in RON, one field a line, defaults left out; its first line goes where it is put
/// and the rest are indented below `indent`.
/// A text as RON: a string, or both languages.
fn text(t: &raw::Text) -> String {
    match t {
        raw::Text::Plain(s) => string(s),
        raw::Text::Langs(l) => format!("(en: {}, ja: {})", string(&l.en), string(&l.ja)),
    }
}

pub fn inject_ron(inject: &raw::Inject, indent: &str) -> String {
    let mut fields = vec![format!("id: {}", string(&inject.id))];
    if let Some(at) = &inject.at {
        fields.push(format!("at: Some({})", string(at)));
    }
    if let Some(when) = &inject.when {
        fields.push(format!("when: Some({})", condition(when)));
    }
    fields.push(format!("from: {}", text(&inject.from)));
    let to: Vec<String> = inject.to.iter().map(|t| string(t)).collect();
    fields.push(format!("to: [{}]", to.join(", ")));
    fields.push(format!("channel: {:?}", inject.channel));
    fields.push(format!("subject: {}", text(&inject.subject)));
    if !inject.text.is_empty() {
        fields.push(format!("text: {}", text(&inject.text)));
    }
    for (name, value) in [
        ("expects", &inject.expects),
        ("objective", &inject.objective),
        ("intel", &inject.intel),
    ] {
        if let Some(v) = value {
            fields.push(format!("{name}: Some({})", string(v)));
        }
    }
    if inject.trust != 0.0 {
        fields.push(format!("trust: {}", float(inject.trust)));
    }
    if let Some(level) = &inject.level {
        fields.push(format!("level: Some({})", string(level)));
    }
    let body: String = fields
        .iter()
        .map(|f| format!("{indent}    {f},\n"))
        .collect();
    format!("(\n{body}{indent})")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENARIO: &str = include_str!("../../tests/fixtures/minimal.ron");

    fn parsed(text: &str) -> raw::Scenario {
        ron::from_str(text).unwrap_or_default()
    }

    #[test]
    fn written_injects_read_back_equal() {
        let inject = raw::Inject {
            id: "a\"b".into(),
            when: Some(raw::Condition::Chance(0.25)),
            from: "x".into(),
            to: vec!["t1".into(), "t2".into()],
            subject: "é\nline".into(),
            trust: 3.0,
            ..Default::default()
        };
        let text = format!(
            "Scenario(meta: (id: \"m\", title: \"t\"), clock: (start: \"s\", length: \"1d\"), {})",
            injects_field(std::slice::from_ref(&inject))
        );
        assert_eq!(parsed(&text).injects, vec![inject]);
    }

    #[test]
    fn indent_is_the_lines_leading_whitespace() {
        assert_eq!(indent_at("a\n    (x", 7), "    ");
        assert_eq!(indent_at("(x", 0), "");
    }

    #[test]
    fn merging_what_is_there_changes_nothing() {
        let existing = parsed(SCENARIO).injects;
        let merged = merge(SCENARIO, "minimal.ron", &existing);
        assert!(
            merged
                .as_ref()
                .is_ok_and(|m| m.text == SCENARIO && m.unchanged == existing.len()),
            "{merged:?}"
        );
    }
}
