//! Reading a sheet: CSV bytes into `raw::Inject`s. The header row names the columns (any order,
//! any case, a few common aliases); blank rows, a byte-order mark and CRLF line ends are what
//! spreadsheets write and are accepted. Every problem is reported at once with its row (as the
//! spreadsheet numbers it, the header being row 1) and column.

use std::collections::BTreeMap;
use std::fmt;

use crate::scenario::raw::{self, Channel, Condition};
use crate::simtime::Minutes;

use super::{COLUMNS, JA_COLUMNS};

/// One problem in a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError {
    pub file: String,
    /// As the spreadsheet numbers rows: the header is row 1.
    pub row: usize,
    /// The column's heading as written, or its position when it has none.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: row {}", self.file, self.row)?;
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a sheet, in row order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct SheetErrors(pub Vec<SheetError>);

impl fmt::Display for SheetErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// A column kunren knows, by its position in [`COLUMNS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Number,
    Time,
    From,
    To,
    Method,
    Subject,
    Message,
    Expects,
    Objective,
    Intel,
    Trust,
    Level,
    FromJa,
    SubjectJa,
    MessageJa,
}

const REQUIRED: [Col; 5] = [Col::Number, Col::Time, Col::From, Col::To, Col::Subject];

impl Col {
    fn name(self) -> &'static str {
        match (self as usize).checked_sub(COLUMNS.len()) {
            Some(i) => JA_COLUMNS[i],
            None => COLUMNS[self as usize],
        }
    }

    /// The column a heading names: the conventional names and a few common aliases, in any case,
    /// with `_` or `-` for spaces.
    fn from_heading(heading: &str) -> Option<Col> {
        let words: Vec<String> = heading
            .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let col = match words.join(" ").as_str() {
            "number" | "no" | "no." | "#" | "id" | "inject" | "inject id" => Col::Number,
            "time" | "at" | "when" => Col::Time,
            "from" | "sender" => Col::From,
            "to" | "recipients" => Col::To,
            "method" | "channel" => Col::Method,
            "subject" => Col::Subject,
            "message" | "text" => Col::Message,
            "expected action" | "expects" => Col::Expects,
            "objective" => Col::Objective,
            "intel" => Col::Intel,
            "trust" => Col::Trust,
            "level" | "crisis level" => Col::Level,
            "from (ja)" | "from ja" => Col::FromJa,
            "subject (ja)" | "subject ja" => Col::SubjectJa,
            "message (ja)" | "message ja" | "text ja" => Col::MessageJa,
            _ => return None,
        };
        Some(col)
    }
}

/// Where a sheet's injects were read from: the row of each (in the order returned) and the
/// heading of each column as written, so a problem found later (when the merged scenario is
/// validated) can be reported at the sheet's row and column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub rows: Vec<usize>,
    headings: Vec<(Col, String)>,
}

impl Layout {
    /// The heading, as written, of the column an inject's scenario field comes from.
    pub fn column_of(&self, field: &str) -> Option<&str> {
        let col = match field {
            "id" => Col::Number,
            "at" | "when" => Col::Time,
            "from" => Col::From,
            "to" => Col::To,
            "channel" => Col::Method,
            "subject" => Col::Subject,
            "text" => Col::Message,
            "expects" => Col::Expects,
            "objective" => Col::Objective,
            "intel" => Col::Intel,
            "trust" => Col::Trust,
            "level" | "crisis level" => Col::Level,
            _ => return None,
        };
        self.headings
            .iter()
            .find(|(c, _)| *c == col)
            .map(|(_, h)| h.as_str())
    }
}

/// Reads a sheet into injects, in row order, or every problem found.
pub fn import(bytes: &[u8], file: &str) -> Result<Vec<raw::Inject>, SheetErrors> {
    import_with_layout(bytes, file).map(|(injects, _)| injects)
}

/// [`import`], with where each inject was read from.
pub fn import_with_layout(
    bytes: &[u8],
    file: &str,
) -> Result<(Vec<raw::Inject>, Layout), SheetErrors> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut errors = Vec::new();
    let rows = read_rows(bytes, file, &mut errors);
    let mut rows = rows.into_iter();
    let Some((header_row, headings)) = rows.next() else {
        if errors.is_empty() {
            errors.push(SheetError {
                file: file.to_string(),
                row: 1,
                column: None,
                message: format!(
                    "the sheet is empty; its first row must name the columns: {}",
                    COLUMNS.join(", ")
                ),
            });
        }
        return Err(SheetErrors(errors));
    };
    let Some(columns) = header(&headings, header_row, file, &mut errors) else {
        return Err(SheetErrors(errors));
    };
    let mut injects = Vec::new();
    let mut layout = Layout {
        rows: Vec::new(),
        headings: columns
            .iter()
            .zip(&headings)
            .filter_map(|(c, h)| c.map(|c| (c, h.trim().to_string())))
            .collect(),
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (row, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut cx = RowCx {
            file,
            row,
            errors: &mut errors,
        };
        for (i, cell) in cells.iter().enumerate() {
            if columns.get(i).copied().flatten().is_none() && !cell.trim().is_empty() {
                cx.error(
                    &format!("{}", i + 1),
                    format!(
                        "\"{}\" is in a column with no heading; name the column in row {header_row} or clear it",
                        cell.trim()
                    ),
                );
            }
        }
        let mut by_col: BTreeMap<Col, &str> = BTreeMap::new();
        for (i, col) in columns.iter().enumerate() {
            if let Some(col) = col {
                by_col.insert(*col, cells.get(i).map_or("", String::as_str));
            }
        }
        let cell = |c: Col| by_col.get(&c).copied().unwrap_or("");
        if let Some(inject) = inject(&mut cx, cell) {
            match seen.get(&inject.id) {
                Some(first) => cx.col(
                    Col::Number,
                    format!(
                        "\"{}\" is also the number of row {first}; each inject needs its own",
                        inject.id
                    ),
                ),
                None => {
                    seen.insert(inject.id.clone(), row);
                    injects.push(inject);
                    layout.rows.push(row);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok((injects, layout))
    } else {
        Err(SheetErrors(errors))
    }
}

/// Every record with its spreadsheet row number. Lines left empty are rows too (csv skips
/// them), so the number comes from the line the reader has reached, less the line breaks inside
/// cells, which a spreadsheet shows within one row.
fn read_rows(bytes: &[u8], file: &str, errors: &mut Vec<SheetError>) -> Vec<(usize, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut breaks_in_cells = 0u64;
    loop {
        let before = reader.position().byte();
        let read = reader.read_record(&mut record);
        // After a record, the reader has counted the line breaks it consumed: up to the record's
        // end, and its terminator too when that is a bare '\n' (a CRLF's '\n' is left over).
        let at = reader.position();
        let took_break = at.byte() > 0 && bytes.get(at.byte() as usize - 1) == Some(&b'\n');
        let end_line = at.line().saturating_sub(u64::from(took_break));
        let row = |breaks: u64| end_line.saturating_sub(breaks).max(1) as usize;
        match read {
            Ok(false) => break,
            Ok(true) => {
                let breaks: u64 = record.iter().map(|c| c.matches('\n').count() as u64).sum();
                let start = end_line.saturating_sub(breaks);
                rows.push((
                    start.saturating_sub(breaks_in_cells).max(1) as usize,
                    record.iter().map(str::to_string).collect(),
                ));
                breaks_in_cells += breaks;
            }
            Err(e) => {
                let message = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => {
                        "is not UTF-8 text; save the sheet as \"CSV UTF-8\"".to_string()
                    }
                    _ => format!("cannot be read as CSV: {e}"),
                };
                errors.push(SheetError {
                    file: file.to_string(),
                    row: row(breaks_in_cells),
                    column: None,
                    message,
                });
                // A reader that does not move on would loop for ever.
                if reader.position().byte() <= before {
                    break;
                }
            }
        }
    }
    rows
}

/// The column of each position in the header row (`None` for a blank heading).
fn header(
    headings: &[String],
    row: usize,
    file: &str,
    errors: &mut Vec<SheetError>,
) -> Option<Vec<Option<Col>>> {
    let count = errors.len();
    let mut cx = RowCx { file, row, errors };
    let mut columns = Vec::new();
    for heading in headings {
        let trimmed = heading.trim();
        if trimmed.is_empty() {
            columns.push(None);
            continue;
        }
        match Col::from_heading(trimmed) {
            Some(col) => {
                if let Some(first) = columns.iter().position(|c| *c == Some(col)) {
                    cx.error(
                        &format!("\"{trimmed}\""),
                        format!(
                            "is the same column as column {} (\"{}\"); keep one",
                            first + 1,
                            headings[first].trim()
                        ),
                    );
                }
                columns.push(Some(col));
            }
            None => {
                let near = COLUMNS
                    .iter()
                    .map(|c| (strsim::levenshtein(&trimmed.to_lowercase(), c), c))
                    .min()
                    .filter(|(d, _)| *d <= 2)
                    .map(|(_, c)| format!("did you mean \"{c}\"? "))
                    .unwrap_or_default();
                cx.error(
                    &format!("\"{trimmed}\""),
                    format!(
                        "unknown column; {near}the columns are {}",
                        COLUMNS.join(", ")
                    ),
                );
                columns.push(None);
            }
        }
    }
    for col in REQUIRED {
        if !columns.contains(&Some(col)) {
            cx.errors.push(SheetError {
                file: file.to_string(),
                row,
                column: None,
                message: format!(
                    "no column \"{}\"; a sheet needs the columns number, time, from, to and subject",
                    col.name()
                ),
            });
        }
    }
    (errors.len() == count).then_some(columns)
}

/// Where problems of one row are collected.
struct RowCx<'a> {
    file: &'a str,
    row: usize,
    errors: &'a mut Vec<SheetError>,
}

impl RowCx<'_> {
    fn error(&mut self, column: &str, message: String) {
        self.errors.push(SheetError {
            file: self.file.to_string(),
            row: self.row,
            column: Some(column.to_string()),
            message,
        });
    }

    fn col(&mut self, col: Col, message: String) {
        self.error(&format!("\"{}\"", col.name()), message);
    }
}

/// One row as an inject, or `None` when a cell is wrong (each problem recorded).
fn inject<'c>(cx: &mut RowCx, cell: impl Fn(Col) -> &'c str) -> Option<raw::Inject> {
    let count = cx.errors.len();
    let id = cell(Col::Number).trim().to_string();
    if id.is_empty() {
        cx.col(
            Col::Number,
            "is empty; give the inject an id such as \"press-call\"".into(),
        );
    }
    let (at, when) = time(cx, cell(Col::Time).trim());
    let from = cell(Col::From).trim().to_string();
    if from.is_empty() {
        cx.col(
            Col::From,
            "is empty; write a team id or a label such as \"Reporter, regional daily\"".into(),
        );
    }
    let to: Vec<String> = cell(Col::To)
        .split([';', ',', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    if to.is_empty() {
        cx.col(
            Col::To,
            "is empty; list the recipients' team ids separated by \"; \"".into(),
        );
    }
    let channel = method(cx, cell(Col::Method).trim());
    let subject = cell(Col::Subject).to_string();
    if subject.trim().is_empty() {
        cx.col(Col::Subject, "is empty; write a one-line subject".into());
    }
    let opt = |c: Col| Some(cell(c).trim().to_string()).filter(|s| !s.is_empty());
    let trust = match cell(Col::Trust).trim() {
        "" => 0.0,
        t => match t.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                cx.col(
                    Col::Trust,
                    format!("\"{t}\" is not a number; write the change in public trust, e.g. -2.0, or leave it empty"),
                );
                0.0
            }
        },
    };
    // A Japanese cell makes its text one in two languages (format 2).
    let both = |en: String, col: Col| -> raw::Text {
        match cell(col).trim() {
            "" => en.into(),
            ja => raw::Text::Langs(raw::Langs {
                en,
                ja: ja.to_string(),
            }),
        }
    };
    (cx.errors.len() == count).then(|| raw::Inject {
        level: opt(Col::Level),
        id,
        at,
        when,
        from: both(from, Col::FromJa),
        to,
        channel,
        subject: both(subject, Col::SubjectJa),
        text: both(cell(Col::Message).to_string(), Col::MessageJa),
        expects: opt(Col::Expects),
        objective: opt(Col::Objective),
        intel: opt(Col::Intel),
        trust,
    })
}

const TIME_HINT: &str = r#"write e.g. "6h" or a condition like when: Stage("campaign", "stage")"#;

/// The time cell: an offset ("1d6h30m") or a condition (`when: Stage("lockbit", "encrypt")`).
fn time(cx: &mut RowCx, text: &str) -> (Option<String>, Option<Condition>) {
    if text.is_empty() {
        cx.col(Col::Time, format!("is empty; {TIME_HINT}"));
        return (None, None);
    }
    let lower = text.to_ascii_lowercase();
    let written = lower
        .strip_prefix("when")
        .map(str::trim_start)
        .and_then(|r| r.strip_prefix(':'))
        .map(|r| text[text.len() - r.len()..].trim());
    let looks_like_condition =
        text.starts_with(|c: char| c.is_ascii_uppercase()) && text.contains('(');
    match written {
        Some(cond) => return (None, condition(cx, cond)),
        None if looks_like_condition => return (None, condition(cx, text)),
        None => {}
    }
    match Minutes::parse(text) {
        Ok(_) => (Some(text.to_string()), None),
        Err(_) => {
            cx.col(
                Col::Time,
                format!("\"{text}\" is not a duration; {TIME_HINT}"),
            );
            (None, None)
        }
    }
}

fn condition(cx: &mut RowCx, text: &str) -> Option<Condition> {
    match ron::Options::default().from_str::<Condition>(text) {
        Ok(c) => Some(c),
        Err(e) => {
            cx.col(
                Col::Time,
                format!("\"{text}\" is not a condition ({}); {TIME_HINT}", e.code),
            );
            None
        }
    }
}

/// The method cell: a channel name in any case, with spaces or dashes, or a common spelling.
fn method(cx: &mut RowCx, text: &str) -> Channel {
    let key: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "" | "email" | "mail" => Channel::Email,
        "phone" | "telephone" | "call" | "phonecall" => Channel::Phone,
        "news" | "press" | "media" => Channel::News,
        "social" | "socialmedia" | "sns" => Channel::Social,
        "siemalert" | "siem" | "alert" => Channel::SiemAlert,
        "ticket" | "helpdeskticket" => Channel::Ticket,
        "liaison" | "liaisonofficer" => Channel::Liaison,
        _ => {
            cx.col(
                Col::Method,
                format!(
                    "\"{text}\" is not a method; use one of Email, Phone, News, Social, SiemAlert, Ticket, Liaison"
                ),
            );
            Channel::Email
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx_errors(f: impl FnOnce(&mut RowCx)) -> Vec<SheetError> {
        let mut errors = Vec::new();
        f(&mut RowCx {
            file: "t.csv",
            row: 2,
            errors: &mut errors,
        });
        errors
    }

    #[test]
    fn methods_accept_common_spellings() {
        for (text, channel) in [
            ("E-mail", Channel::Email),
            ("", Channel::Email),
            ("SIEM alert", Channel::SiemAlert),
            ("siem_alert", Channel::SiemAlert),
            ("Social media", Channel::Social),
            ("TELEPHONE", Channel::Phone),
            ("Liaison", Channel::Liaison),
        ] {
            let mut got = None;
            let errors = cx_errors(|cx| got = Some(method(cx, text)));
            assert_eq!((got, errors.len()), (Some(channel), 0), "{text}");
        }
        assert_eq!(
            cx_errors(|cx| {
                method(cx, "pigeon");
            })
            .len(),
            1
        );
    }

    #[test]
    fn headings_ignore_case_separators_and_know_aliases() {
        assert_eq!(Col::from_heading("Expected_Action"), Some(Col::Expects));
        assert_eq!(Col::from_heading(" expected  action "), Some(Col::Expects));
        assert_eq!(Col::from_heading("Channel"), Some(Col::Method));
        assert_eq!(Col::from_heading("#"), Some(Col::Number));
        assert_eq!(Col::from_heading("notes"), None);
    }

    #[test]
    fn time_is_an_offset_or_a_condition() {
        let mut got = (None, None);
        assert!(cx_errors(|cx| got = time(cx, "1d6h30m")).is_empty());
        assert_eq!(got, (Some("1d6h30m".into()), None));
        for text in [
            r#"when: Delivered("x")"#,
            r#"WHEN : Delivered("x")"#,
            r#"Delivered("x")"#,
        ] {
            assert!(cx_errors(|cx| got = time(cx, text)).is_empty(), "{text}");
            assert_eq!(got, (None, Some(Condition::Delivered("x".into()))));
        }
        assert_eq!(cx_errors(|cx| got = time(cx, "when:")).len(), 1);
        assert_eq!(cx_errors(|cx| got = time(cx, "1.5h")).len(), 1);
    }
}
