//! MSEL spreadsheets: a scenario's injects as the CSV sheet exercise planners keep them in, and
//! back. Export writes one row per inject in the conventional columns; [`sheet`] reads a sheet
//! into `raw::Inject`s, naming the row and column of every problem; [`merge`] rewrites only the
//! injects of a scenario's text, so the author's comments elsewhere survive.
//!
//! The round trip is lossless: `intel`, `trust` and `level` (format 2), which have no
//! conventional column, travel in trailing optional columns.

pub mod merge;
pub mod sheet;

use crate::scenario::raw::{self, Condition};
use crate::scenario::{self, Diagnostics};

pub use merge::{MergeError, Merged, merge};
pub use sheet::{Layout, SheetError, SheetErrors, import, import_with_layout};

/// The columns of an exported sheet, in order: the conventional MSEL columns, then `intel`,
/// `trust` and `level`.
pub const COLUMNS: [&str; 12] = [
    "number",
    "time",
    "from",
    "to",
    "method",
    "subject",
    "message",
    "expected action",
    "objective",
    "intel",
    "trust",
    "level",
];

/// The Japanese of an inject's texts written in two languages (format 2): columns a sheet has
/// when any of its injects has Japanese, after the others.
pub const JA_COLUMNS: [&str; 3] = ["from (ja)", "subject (ja)", "message (ja)"];

/// The problems of a merged scenario that does not validate, at the sheet's rows and columns: each
/// problem inside one of the sheet's injects is reported at that inject's row and at the column
/// of the field it is in. `None` when any problem lies outside the sheet's injects (it is then
/// reported on the merged text, as it is).
pub fn in_sheet(
    merged: &Diagnostics,
    injects: &[raw::Inject],
    layout: &Layout,
    sheet: &str,
) -> Option<SheetErrors> {
    let map = crate::scenario::source_map::SourceMap::new(&merged.source);
    let mut out = Vec::new();
    for d in &merged.items {
        let element = map
            .elements_at(d.offsets.start)
            .into_iter()
            .find(|e| e.list == "injects")?;
        let k = injects
            .iter()
            .position(|i| Some(&i.id) == element.id.as_ref())?;
        let column = element
            .field
            .as_deref()
            .and_then(|f| layout.column_of(f))
            .map(|h| format!("\"{h}\""));
        let message = match &d.hint {
            Some(h) => format!("{}; {h}", d.message),
            None => d.message.clone(),
        };
        out.push(SheetError {
            file: sheet.to_string(),
            row: *layout.rows.get(k)?,
            column,
            message,
        });
    }
    out.sort_by_key(|e| e.row);
    Some(SheetErrors(out))
}

/// Validates a scenario's text and writes its injects as a sheet.
pub fn export(source: &str, file: &str) -> Result<String, Diagnostics> {
    scenario::parse(source, file)?;
    // The text validated, so it also parses into the raw mirror with the loader's options.
    let raw: raw::Scenario = ron::Options::default()
        .from_str(source)
        .map_err(|e| one_problem(source, file, e.to_string()))?;
    Ok(to_csv(&raw.injects))
}

/// The sheet of a list of injects: the header row, then one row per inject (CRLF line ends, as
/// RFC 4180 and spreadsheets expect). An inject is expected to have exactly one of `at` and
/// `when`, as validation requires; with both, only `at` is written.
pub fn to_csv(injects: &[raw::Inject]) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail, and every row has the header's length.
    let japanese = injects.iter().any(|i| {
        [&i.from, &i.subject, &i.text]
            .iter()
            .any(|t| t.ja().is_some())
    });
    let ja_heads: &[&str] = if japanese { &JA_COLUMNS } else { &[] };
    let _ = out.write_record(COLUMNS.iter().chain(ja_heads));
    for inject in injects {
        let ja: Vec<String> = [&inject.from, &inject.subject, &inject.text]
            .iter()
            .map(|t| t.ja().unwrap_or_default().to_string())
            .collect();
        let ja = if japanese { &ja[..] } else { &[] };
        let _ = out.write_record(row(inject).iter().chain(ja));
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// One inject as the cells of a row, in [`COLUMNS`] order.
pub fn row(inject: &raw::Inject) -> [String; 12] {
    let time = match (&inject.at, &inject.when) {
        (Some(at), _) => at.clone(),
        (None, Some(when)) => format!("when: {}", condition(when)),
        (None, None) => String::new(),
    };
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        inject.id.clone(),
        time,
        inject.from.main().to_string(),
        inject.to.join("; "),
        format!("{:?}", inject.channel),
        inject.subject.main().to_string(),
        inject.text.main().to_string(),
        opt(&inject.expects),
        opt(&inject.objective),
        opt(&inject.intel),
        if inject.trust == 0.0 {
            String::new()
        } else {
            inject.trust.to_string()
        },
        opt(&inject.level),
    ]
}

/// A condition in RON syntax, as a scenario author would write it:
/// `All([Stage("lockbit", "encrypt"), After("1d7h")])`.
pub fn condition(c: &Condition) -> String {
    let list = |cs: &[Condition]| {
        let items: Vec<String> = cs.iter().map(condition).collect();
        format!("[{}]", items.join(", "))
    };
    let s = |text: &str| string(text);
    match c {
        Condition::All(cs) => format!("All({})", list(cs)),
        Condition::Any(cs) => format!("Any({})", list(cs)),
        Condition::Not(c) => format!("Not({})", condition(c)),
        Condition::After(t) => format!("After({})", s(t)),
        Condition::Phase(p) => format!("Phase({})", s(p)),
        Condition::Asset(a, state) => format!("Asset({}, {state:?})", s(a)),
        Condition::Stage(c, st) => format!("Stage({}, {})", s(c), s(st)),
        Condition::Detected(t, c, st) => format!("Detected({}, {}, {})", s(t), s(c), s(st)),
        Condition::Done(t, a) => format!("Done({}, {})", s(t), s(a)),
        Condition::Delivered(i) => format!("Delivered({})", s(i)),
        Condition::Holds(t, i) => format!("Holds({}, {})", s(t), s(i)),
        Condition::Above(m, v) => format!("Above({}, {})", s(m), float(*v)),
        Condition::Below(m, v) => format!("Below({}, {})", s(m), float(*v)),
        Condition::Chance(p) => format!("Chance({})", float(*p)),
        Condition::Halted(c) => format!("Halted({})", s(c)),
        Condition::Granted(t, a) => format!("Granted({}, {})", s(t), s(a)),
        Condition::DetectedAny(t, c) => format!("DetectedAny({}, {})", s(t), s(c)),
        Condition::DoneOn(t, a, asset) => format!("DoneOn({}, {}, {})", s(t), s(a), s(asset)),
        Condition::Level(l) => format!("Level({})", s(l)),
        Condition::Received(to, from, a) => format!("Received({}, {}, {})", s(to), s(from), s(a)),
        Condition::NoticeMissed(t, a) => format!("NoticeMissed({}, {})", s(t), s(a)),
    }
}

/// A RON string literal, quoted and escaped.
pub(crate) fn string(text: &str) -> String {
    let plain = |c: char| !c.is_control() || matches!(c, '\n' | '\r' | '\t');
    if !text.chars().all(plain) {
        return ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"));
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A RON float literal: always with a decimal point or an exponent (`2.0`, `1e20`).
pub(crate) fn float(v: f64) -> String {
    format!("{v:?}")
}

/// Diagnostics holding one problem, placed at the start of the text.
pub(crate) fn one_problem(source: &str, file: &str, message: String) -> Diagnostics {
    let span = scenario::source_map::Span::at_line_col(source, 1, 1);
    Diagnostics {
        file: file.to_string(),
        source: source.to_string(),
        items: vec![scenario::Diagnostic::new(file, source, span, message, None)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::raw::{AssetCondition, Channel};

    fn sample() -> raw::Inject {
        raw::Inject {
            id: "truck-queues".into(),
            when: Some(Condition::All(vec![
                Condition::Stage("lockbit".into(), "encrypt".into()),
                Condition::Not(Box::new(Condition::Asset(
                    "nuts".into(),
                    AssetCondition::Down,
                ))),
                Condition::Above("economic_loss".into(), 1e9),
            ])),
            from: "Regional TV, \"Evening\" news".into(),
            to: vec!["nhta".into(), "mlit".into()],
            channel: Channel::SiemAlert,
            subject: "Queues".into(),
            text: "Line one,\nline two".into(),
            expects: Some("announce".into()),
            trust: -2.5,
            ..Default::default()
        }
    }

    #[test]
    fn conditions_are_written_as_authors_write_them() {
        let c = sample().when.unwrap_or(Condition::Chance(0.0));
        assert_eq!(
            condition(&c),
            r#"All([Stage("lockbit", "encrypt"), Not(Asset("nuts", Down)), Above("economic_loss", 1000000000.0)])"#
        );
        let parsed: Result<Condition, _> = ron::from_str(&condition(&c));
        assert_eq!(parsed.ok(), Some(c));
    }

    #[test]
    fn a_row_holds_every_field() {
        let cells = row(&sample());
        assert!(cells[1].starts_with("when: All([Stage(\"lockbit\""));
        assert_eq!(cells[3], "nhta; mlit");
        assert_eq!(cells[4], "SiemAlert");
        assert_eq!(&cells[7..], ["announce", "", "", "-2.5", ""]);
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let text = to_csv(&[sample()]);
        let mut lines = text.split("\r\n");
        assert_eq!(
            lines.next(),
            Some(
                "number,time,from,to,method,subject,message,expected action,objective,intel,trust,level"
            )
        );
        assert!(
            text.contains(r#""Regional TV, ""Evening"" news""#),
            "{text}"
        );
        assert!(text.contains("\"Line one,\nline two\""), "{text}");
    }
}
