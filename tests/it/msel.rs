//! MSEL spreadsheets: every shipped scenario survives export, import and merge unchanged; sheets
//! edited the way spreadsheets edit them still import; bad sheets name the row and column; and
//! no input makes the reader panic.

use kunren::library::BUILTINS;
use kunren::msel::{self, MergeError};
use kunren::scenario::{self, raw};
use proptest::prelude::*;

use crate::helpers::kunren_in;

fn raw_injects(source: &str) -> Vec<raw::Inject> {
    let s: Result<raw::Scenario, _> = ron::from_str(source);
    s.map(|s| s.injects).unwrap_or_default()
}

/// The validated injects, compared as data (the model has no `PartialEq`).
fn model_injects(source: &str, file: &str) -> serde_json::Value {
    let s = scenario::parse(source, file).map_err(|d| d.to_string());
    serde_json::to_value(s.map(|s| s.injects).unwrap_or_default()).unwrap_or_default()
}

fn errors(sheet: &str) -> Vec<String> {
    match msel::import(sheet.as_bytes(), "msel.csv") {
        Ok(injects) => panic!("expected errors, got {injects:?}"),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn every_shipped_scenario_round_trips() {
    for b in BUILTINS {
        let original = raw_injects(b.source);
        assert!(!original.is_empty(), "{}", b.id);
        let sheet = msel::export(b.source, b.path).map_err(|d| d.to_string());
        let sheet = sheet.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sheet.lines().count(), original.len() + 1, "{}", b.id);
        let imported = msel::import(sheet.as_bytes(), "x.csv").map_err(|e| e.to_string());
        assert_eq!(imported.as_ref(), Ok(&original), "{}", b.id);

        // Merged back, nothing changes; written afresh as a list, the scenario means the same.
        let merged = msel::merge(b.source, b.path, &original).map_err(|e| e.to_string());
        assert_eq!(merged.map(|m| m.text).as_deref(), Ok(b.source), "{}", b.id);
        let field = msel::merge::injects_field(&original);
        let start = b.source.find("\n    injects: [").map_or(0, |i| i + 5);
        let end = b.source.find("\n    objectives: [").map_or(0, |i| i + 1);
        assert!(start > 0 && end > start, "{}", b.id);
        let rewritten = format!("{}{field}    {}", &b.source[..start], &b.source[end..]);
        assert_eq!(raw_injects(&rewritten), original, "{}", b.id);
        assert_eq!(
            model_injects(&rewritten, b.path),
            model_injects(b.source, b.path),
            "{}",
            b.id
        );
    }
}

#[test]
fn an_edited_sheet_merges_and_keeps_the_authors_comments() {
    let b = &BUILTINS[0];
    let original = raw_injects(b.source);
    let sheet = msel::export(b.source, b.path).unwrap_or_default();
    let first = &original[0];
    // Change the first inject's subject, add one at the end.
    let edited = sheet.replacen(first.subject.main(), "A new subject", 1)
        + "late-call,3d,White cell,nhta,Phone,Are you still down?,,,,,\r\n";
    let injects = msel::import(edited.as_bytes(), "x.csv").unwrap_or_default();
    let merged = msel::merge(b.source, b.path, &injects).map_err(|e| e.to_string());
    let merged = merged.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(merged.replaced, vec![first.id.clone()]);
    assert_eq!(merged.added, vec!["late-call".to_string()]);
    assert_eq!(merged.unchanged, original.len() - 1);
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with("//"))
            .count()
    };
    assert_eq!(comments(&merged.text), comments(b.source));
    let after = raw_injects(&merged.text);
    assert_eq!(after.len(), original.len() + 1);
    assert_eq!(after[0].subject, "A new subject");
    assert_eq!(after[1..original.len()], original[1..]);
    assert_eq!(after[original.len()].channel, raw::Channel::Phone);
    assert!(scenario::parse(&merged.text, "merged.ron").is_ok());
}

#[test]
fn a_spreadsheet_edited_sheet_imports() {
    // A byte-order mark, CRLF, columns in another order with other casing, blank rows (empty and
    // all-empty cells), spellings of methods, trailing columns with no heading and no value.
    let sheet = "\u{feff}Subject,Number,TIME,To,From,Method,Expected_Action,Message,,\r\n\
                 \r\n\
                 Gates down,gates,\"when: Stage(\"\"lockbit\"\", \"\"encrypt\"\")\",a;b ; ,Gate staff,SIEM alert,hunt,\"two\r\nlines\",,\r\n\
                 ,,,,,,,,,\r\n\
                 Call,call,1d6h30m,a,White cell,e-mail,,,,\r\n";
    let injects = msel::import(sheet.as_bytes(), "s.csv").map_err(|e| e.to_string());
    let injects = injects.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(injects.len(), 2);
    let gates = &injects[0];
    assert_eq!(gates.id, "gates");
    assert_eq!(
        gates.when,
        Some(raw::Condition::Stage("lockbit".into(), "encrypt".into()))
    );
    assert_eq!(gates.to, vec!["a".to_string(), "b".to_string()]);
    assert_eq!(gates.channel, raw::Channel::SiemAlert);
    assert_eq!(gates.expects.as_deref(), Some("hunt"));
    assert_eq!(gates.text, "two\r\nlines");
    assert_eq!(injects[1].at.as_deref(), Some("1d6h30m"));
    assert_eq!(injects[1].channel, raw::Channel::Email);
    assert_eq!(injects[1].trust, 0.0);
}

#[test]
fn bad_sheets_name_row_and_column() {
    let head = "number,time,from,to,method,subject\n";
    assert_eq!(
        errors(&format!(
            "{head}a,6h,x,t,Email,s\n\nb,6 hours,x,t,Fax,s\nc,when: Stage(\"x\"),x,,Phone,s\na,1h,x,t,,s\n"
        )),
        [
            r#"msel.csv: row 4, column "time": "6 hours" is not a duration; write e.g. "6h" or a condition like when: Stage("campaign", "stage")"#,
            r#"msel.csv: row 4, column "method": "Fax" is not a method; use one of Email, Phone, News, Social, SiemAlert, Ticket, Liaison"#,
            r#"msel.csv: row 5, column "time": "Stage("x")" is not a condition (Expected tuple variant Condition::Stage with 2 elements but found one element instead); write e.g. "6h" or a condition like when: Stage("campaign", "stage")"#,
            r#"msel.csv: row 5, column "to": is empty; list the recipients' team ids separated by "; ""#,
            r#"msel.csv: row 6, column "number": "a" is also the number of row 2; each inject needs its own"#,
        ]
    );
    // Rows as the spreadsheet numbers them: blank rows count, a cell's line breaks do not.
    for eol in ["\r\n", "\n"] {
        let sheet = format!(
            "number,time,from,to,subject{eol}{eol}a,1h,x,t,\"multi{eol}line\"{eol}b,soon,x,t,s{eol}"
        );
        assert_eq!(
            errors(&sheet),
            [
                r#"msel.csv: row 4, column "time": "soon" is not a duration; write e.g. "6h" or a condition like when: Stage("campaign", "stage")"#
            ]
        );
    }
    assert_eq!(
        errors("number,time,form,to,owner\n"),
        [
            r#"msel.csv: row 1, column "form": unknown column; did you mean "from"? the columns are number, time, from, to, method, subject, message, expected action, objective, intel, trust, level"#,
            r#"msel.csv: row 1, column "owner": unknown column; the columns are number, time, from, to, method, subject, message, expected action, objective, intel, trust, level"#,
            r#"msel.csv: row 1: no column "from"; a sheet needs the columns number, time, from, to and subject"#,
            r#"msel.csv: row 1: no column "subject"; a sheet needs the columns number, time, from, to and subject"#,
        ]
    );
    assert_eq!(
        errors(&format!("{head}a,6h,x,t,Email,s,stray\n")),
        [
            r#"msel.csv: row 2, column 7: "stray" is in a column with no heading; name the column in row 1 or clear it"#
        ]
    );
    assert_eq!(
        errors("number,time,from,to,subject,trust\na,1h,x,t,s,lots\n"),
        [
            r#"msel.csv: row 2, column "trust": "lots" is not a number; write the change in public trust, e.g. -2.0, or leave it empty"#
        ]
    );
    assert_eq!(
        errors(""),
        [
            "msel.csv: row 1: the sheet is empty; its first row must name the columns: number, time, from, to, method, subject, message, expected action, objective, intel, trust, level"
        ]
    );
    let latin1 = msel::import(b"number,time,from,to,subject\na,1h,x,t,\xff\n", "msel.csv");
    assert_eq!(
        latin1.map_err(|e| e.to_string()),
        Err("msel.csv: row 2: is not UTF-8 text; save the sheet as \"CSV UTF-8\"".to_string())
    );
}

#[test]
fn a_merge_that_does_not_validate_is_refused() {
    let b = &BUILTINS[0];
    let sheet = "number,time,from,to,subject\nlate,3d,x,nobody-here,s\n";
    let injects = msel::import(sheet.as_bytes(), "x.csv").unwrap_or_default();
    match msel::merge(b.source, b.path, &injects) {
        Err(MergeError::Invalid(d)) => {
            let text = d.to_string();
            assert!(
                text.contains(r#"unknown team "nobody-here" in inject "late""#),
                "{text}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_refused_merge_names_the_sheets_rows_and_columns() {
    let b = &BUILTINS[0];
    let sheet = "number,Time,From,Recipients,Subject,Expected action\n\
                 early,1h,x,port,s\n\
                 \n\
                 late,3d,x,nobody-here,s,no-such-action\n";
    let (injects, layout) = msel::import_with_layout(sheet.as_bytes(), "x.csv").unwrap();
    assert_eq!(layout.rows, [2, 4]);
    let Err(MergeError::Invalid(d)) = msel::merge(b.source, b.path, &injects) else {
        panic!("expected a refusal")
    };
    let errors = msel::in_sheet(&d, &injects, &layout, "x.csv").expect("all in the sheet");
    let lines: Vec<String> = errors.0.iter().map(ToString::to_string).collect();
    assert!(
        lines.iter().any(|l| l.starts_with(
            "x.csv: row 4, column \"Recipients\": unknown team \"nobody-here\" in inject \"late\""
        )),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(
            "x.csv: row 4, column \"Expected action\": unknown action \"no-such-action\""
        )),
        "{lines:?}"
    );
    assert!(
        lines.iter().all(|l| !l.contains("merged")),
        "nothing points at the merged text: {lines:?}"
    );
}

#[test]
fn merging_adds_an_injects_list_where_there_is_none() {
    let source = include_str!("../fixtures/minimal.ron");
    let start = source.find("    injects: [").unwrap_or(0);
    let end = source.find("    objectives: [").unwrap_or(0);
    let without = format!("{}{}", &source[..start], &source[end..]);
    assert!(raw_injects(&without).is_empty());
    let original = raw_injects(source);
    let merged = msel::merge(&without, "m.ron", &original).map_err(|e| e.to_string());
    let merged = merged.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raw_injects(&merged.text), original);
}

#[test]
fn the_command_line_exports_merges_and_refuses() {
    let dir = std::env::temp_dir().join(format!("kunren-msel-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();

    let out = kunren_in(&["msel", "export", "iot-botnet", "-o", "m.csv"], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let again = kunren_in(&["msel", "export", "iot-botnet", "-o", "m.csv"], &dir);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));

    let scenario = include_str!("../../scenarios/iot-botnet.ron");
    std::fs::write(dir.join("s.ron"), scenario).expect("written");
    let out = kunren_in(&["msel", "import", "m.csv", "--into", "s.ron"], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("0 replaced, 0 added"),
        "{}",
        text(&out.stdout)
    );

    let sheet = std::fs::read_to_string(dir.join("m.csv")).unwrap_or_default();
    std::fs::write(dir.join("bad.csv"), sheet.replacen(",isp,", ",nobody,", 1)).expect("written");
    let out = kunren_in(&["msel", "import", "bad.csv", "--into", "s.ron"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("s.ron was not changed"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("bad.csv: row 2, column \"to\": unknown team \"nobody\""),
        "at the sheet's row and column: {}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("s.ron")).ok().as_deref(),
        Some(scenario)
    );

    std::fs::write(dir.join("worse.csv"), "number,time\na,soon\n").expect("written");
    let out = kunren_in(&["msel", "import", "worse.csv", "-o", "i.ron"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.join("i.ron").exists());
    assert!(!text(&out.stderr).contains("panicked"));

    let out = kunren_in(&["msel", "import", "m.csv"], &dir);
    assert!(
        text(&out.stdout).starts_with("injects: [\n    (\n"),
        "{}",
        text(&out.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

const SHEET: &str = "number,time,from,to,method,subject,message,expected action,objective,intel,trust\r\n\
    a,1d6h,nco,x; y,SIEM alert,\"s, t\",\"m\"\"q\",act,obj,int,-2.5\r\n\
    b,\"when: All([Stage(\"\"c\"\", \"\"s\"\"), After(\"\"2h\"\")])\",z,x,News,s,,,,,\r\n";

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = msel::import(&bytes, "fuzz.csv");
    }

    #[test]
    fn mutated_sheets_never_panic(at in 0..SHEET.len(), len in 0..12usize, with in "[ -~\r\n\"]{0,6}") {
        let mut bytes = SHEET.as_bytes().to_vec();
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, with.bytes());
        if let Err(errors) = msel::import(&bytes, "fuzz.csv") {
            prop_assert!(!errors.0.is_empty());
            prop_assert!(errors.0.iter().all(|e| e.row >= 1 && !e.message.is_empty()));
        }
    }
}
