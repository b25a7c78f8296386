//! Turns ron's first syntax or type error into a diagnostic that says what is wrong and how to
//! fix it, with a did-you-mean for misspelt field and variant names.

use ron::error::{Error, SpannedError};

use super::did_you_mean;
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::source_map::{SourceMap, Span};

pub(super) fn diagnostic(source: &str, file: &str, e: &SpannedError) -> Diagnostic {
    let mut span = Span::at_line_col(source, e.span.start.line, e.span.start.col);
    let (message, hint) = match number_error(source, span.start, &e.code) {
        Some((message, hint, value)) => {
            span = Span::at(source, value.start, value.end.max(value.start + 1));
            (message, hint)
        }
        None => {
            let (mut message, hint) = explain(&e.code);
            // serde reports a missing field at the struct's closing parenthesis: say which
            // element of which list it is, as the parenthesis alone does not.
            if matches!(
                e.code,
                Error::MissingStructField { .. } | Error::DuplicateStructField { .. }
            ) && let Some(el) = SourceMap::new(source).elements_at(span.start).pop()
            {
                let id = el.id.map(|id| format!("\"{id}\", ")).unwrap_or_default();
                message.push_str(&format!(" ({id}item {} of `{}`)", el.index + 1, el.list));
            }
            (message, hint)
        }
    };
    Diagnostic::new(file, source, span, message, Some(hint))
}

/// What a numeric field takes and what it means, for the errors ron gives without naming the
/// field ("Integer is out of bounds" for `staff: -1`).
fn numeric_field(field: &str) -> Option<(&'static str, &'static str)> {
    const WHOLE: &str = "a whole number from 0 to 4294967295";
    Some(match field {
        "staff" => (
            WHOLE,
            "how many people the team can put on actions at once, e.g. `staff: 4`",
        ),
        "cost" => (
            WHOLE,
            "how many of the team's staff the action occupies while under way, e.g. `cost: 2`",
        ),
        "attempts" => (
            WHOLE,
            "how many times the stage is tried before the adversary gives up, e.g. `attempts: 3`",
        ),
        "depth_days" => (
            WHOLE,
            "how many days the backups reach back, e.g. `depth_days: 30`",
        ),
        "records" => (
            "a whole number from 0 to 18446744073709551615",
            "how many records the stage takes, e.g. `records: 130000`",
        ),
        _ => return None,
    })
}

/// The field and value an error at byte `at` of `source` sits in (`name: value` on its line), and
/// where the value is.
fn field_at(source: &str, at: usize) -> Option<(&str, &str, std::ops::Range<usize>)> {
    let line_start = source[..at.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = source[line_start..]
        .find('\n')
        .map_or(source.len(), |i| line_start + i);
    let before = &source[line_start..at.min(line_end)];
    let colon = before.rfind(':')?;
    let name_start = before[..colon]
        .trim_end()
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = before[name_start..colon].trim();
    let rest = &source[line_start + colon + 1..line_end];
    let raw = rest.split([',', ')', ']']).next().unwrap_or("");
    let value = raw.trim();
    let start = line_start + colon + 1 + (raw.len() - raw.trim_start().len());
    (!name.is_empty()).then_some((name, value, start..start + value.len()))
}

/// A clear error for a number ron rejects in a field that takes a whole number.
fn number_error(
    source: &str,
    at: usize,
    code: &Error,
) -> Option<(String, String, std::ops::Range<usize>)> {
    // `staff: 3.5` reads as 3 followed by something that is not a comma.
    let fraction = matches!(code, Error::ExpectedComma)
        && source.get(at..).is_some_and(|r| r.starts_with('.'));
    if !fraction
        && !matches!(
            code,
            Error::IntegerOutOfBounds
                | Error::ExpectedInteger
                | Error::InvalidIntegerDigit { .. }
                | Error::UnderscoreAtBeginning
        )
    {
        return None;
    }
    let (field, value, span) = field_at(source, at)?;
    let (takes, meaning) = numeric_field(field)?;
    Some((
        format!("`{field}` takes {takes}, not {value}"),
        format!("`{field}` is {meaning}"),
        span,
    ))
}

fn within(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map_or_else(String::new, |o| format!(" in {o}"))
}

fn listing(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn explain(code: &Error) -> (String, String) {
    match code {
        // A text in two languages, `(en: "...", ja: "...")`, is the one struct with these fields.
        Error::NoSuchStructField { expected, found, .. } if expected == &["en", "ja"] => (
            format!(
                "unknown language `{found}` in a text: a text is written in `en` (English) and `ja` (Japanese)"
            ),
            match did_you_mean(found, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? e.g. (en: \"Gate\", ja: \"ゲート\")"),
                None => "write the text as (en: \"...\", ja: \"...\"), leaving out a language it lacks".into(),
            },
        ),
        Error::DuplicateStructField { field, .. } if field == &"en" || field == &"ja" => {
            let lang = if field == &"ja" { "Japanese" } else { "English" };
            (
                format!("the {lang} text is given twice (`{field}:` twice in one text)"),
                format!("keep one `{field}:` and delete the other"),
            )
        }
        Error::NoSuchStructField { expected, found, outer } => {
            let hint = match did_you_mean(found, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? valid fields are {}", listing(expected)),
                None => format!("valid fields are {}", listing(expected)),
            };
            (format!("unknown field `{found}`{}", within(outer)), hint)
        }
        Error::MissingStructField { field, outer } => (
            format!("missing field `{field}`{}", within(outer)),
            format!("add `{field}: ...` to it; this field has no default"),
        ),
        Error::DuplicateStructField { field, outer } => (
            format!("field `{field}` is given twice{}", within(outer)),
            "keep one of them and delete the other".into(),
        ),
        Error::NoSuchEnumVariant { expected, found, outer } => {
            let hint = match did_you_mean(found, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? the choices are {}", listing(expected)),
                None => format!("the choices are {}", listing(expected)),
            };
            (format!("unknown variant `{found}`{}", within(outer)), hint)
        }
        Error::ExpectedDifferentStructName { expected, found } => (
            format!("expected `{expected}(...)` but found `{found}(...)`"),
            format!("rename it to `{expected}`, or leave the name out: `(...)`"),
        ),
        Error::InvalidValueForType { expected, found } => (
            format!("expected {expected} but found {found}"),
            "check the value's type: text is quoted, lists use [...], optional values may need Some(...)".into(),
        ),
        Error::ExpectedDifferentLength { expected, found } => (
            format!("expected {expected} but found {found} element(s)"),
            "add or remove elements to match".into(),
        ),
        Error::TrailingCharacters => (
            "unexpected text after the end of the file's value".into(),
            "remove it, or look for a closing bracket that ends the value too early".into(),
        ),
        Error::ExpectedComma => (
            "expected a comma before this".into(),
            "separate fields and list items with commas; the line before probably lacks one at its end".into(),
        ),
        Error::Eof => (
            "the file ends in the middle of a value".into(),
            "close every open `(`, `[` and `\"`".into(),
        ),
        Error::ExpectedString | Error::ExpectedStringEnd => (
            format!("{code}"),
            "text values are written in double quotes: \"like this\"".into(),
        ),
        Error::ExpectedOption => (
            format!("{code}"),
            "write optional values as Some(value) or None".into(),
        ),
        other => (
            format!("{other}"),
            "check for a missing comma, colon, bracket or quote at or just before this point".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_the_closest_and_lists_all() {
        let e = Error::NoSuchStructField {
            expected: &["owner", "name"],
            found: "ownr".into(),
            outer: Some("Asset".into()),
        };
        let (m, h) = explain(&e);
        assert_eq!(m, "unknown field `ownr` in Asset");
        assert_eq!(h, "did you mean `owner`? valid fields are `owner`, `name`");
    }

    #[test]
    fn a_bad_whole_number_names_its_field_and_what_it_takes() {
        let source = "(\n    teams: [(id: \"port\", staff: -1)],\n)";
        let at = source.find("-1").unwrap() + 2;
        let (m, h, span) = number_error(source, at, &Error::IntegerOutOfBounds).unwrap();
        assert_eq!(&source[span], "-1");
        assert_eq!(
            m,
            "`staff` takes a whole number from 0 to 4294967295, not -1"
        );
        assert!(h.starts_with("`staff` is how many people"), "{h}");
        let source = "(cost: \"2\")";
        assert_eq!(
            number_error(source, 7, &Error::ExpectedInteger).map(|e| e.0),
            Some("`cost` takes a whole number from 0 to 4294967295, not \"2\"".to_string())
        );
        assert!(number_error("(other: -1)", 9, &Error::IntegerOutOfBounds).is_none());
        let source = "(staff: 3.5)";
        assert_eq!(
            number_error(source, 9, &Error::ExpectedComma).map(|e| e.0),
            Some("`staff` takes a whole number from 0 to 4294967295, not 3.5".to_string())
        );
    }

    #[test]
    fn unknown_variant_lists_choices() {
        let e = Error::NoSuchEnumVariant {
            expected: &["Email", "Phone"],
            found: "Fax".into(),
            outer: None,
        };
        assert_eq!(explain(&e).1, "the choices are `Email`, `Phone`");
    }
}
