//! Turns ron's first syntax or type error into a diagnostic that says what is wrong and how to
//! fix it, with a did-you-mean for misspelt field and variant names.

use ron::error::{Error, SpannedError};

use super::did_you_mean;
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::source_map::Span;

pub(super) fn diagnostic(source: &str, file: &str, e: &SpannedError) -> Diagnostic {
    let span = Span::at_line_col(source, e.span.start.line, e.span.start.col);
    let (message, hint) = explain(&e.code);
    Diagnostic::new(file, source, span, message, Some(hint))
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
    fn unknown_variant_lists_choices() {
        let e = Error::NoSuchEnumVariant {
            expected: &["Email", "Phone"],
            found: "Fax".into(),
            outer: None,
        };
        assert_eq!(explain(&e).1, "the choices are `Email`, `Phone`");
    }
}
