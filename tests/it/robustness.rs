//! Property tests: no text, however mangled, makes the loader panic, and every diagnostic it
//! returns points inside the text; no text makes the console's line wrapping lose a character or
//! overrun its width.

use kunren::scenario::{self, Diagnostics};
use proptest::prelude::*;

const MINIMAL: &str = include_str!("../fixtures/minimal.ron");

fn check(text: &str) -> Result<(), TestCaseError> {
    if let Err(errors) = scenario::parse(text, "fuzz.ron") {
        check_diagnostics(text, &errors)?;
    }
    Ok(())
}

fn check_diagnostics(text: &str, errors: &Diagnostics) -> Result<(), TestCaseError> {
    prop_assert!(!errors.items.is_empty());
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &errors.items {
        prop_assert!(
            d.line >= 1 && d.line <= lines.len(),
            "line {} of {}",
            d.line,
            lines.len()
        );
        let width = lines.get(d.line - 1).map_or(0, |l| l.chars().count());
        prop_assert!(
            d.column >= 1 && d.column <= width + 1,
            "column {} of {} on line {}",
            d.column,
            width,
            d.line
        );
        prop_assert!(d.offsets.start <= d.offsets.end && d.offsets.end <= text.len());
        prop_assert!(!d.message.is_empty());
    }
    let _ = errors.to_string();
    Ok(())
}

/// An edit of the minimal file: delete, duplicate or replace a byte range, or swap two tokens.
#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Replace(usize, usize, String),
    Swap(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let len = MINIMAL.len();
    prop_oneof![
        (0..len, 1..40usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (0..len, 1..40usize).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (0..len, 0..8usize, "[ -~\n]{0,8}").prop_map(|(a, n, s)| Mutation::Replace(a, n, s)),
        (0..400usize, 0..400usize).prop_map(|(a, b)| Mutation::Swap(a, b)),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let range = |a: usize, n: usize| (floor(text, a), floor(text, a.saturating_add(n)));
    match m {
        Mutation::Delete(a, n) => {
            let (a, b) = range(*a, *n);
            format!("{}{}", &text[..a], &text[b..])
        }
        Mutation::Duplicate(a, n) => {
            let (a, b) = range(*a, *n);
            format!("{}{}", &text[..b], &text[a..])
        }
        Mutation::Replace(a, n, s) => {
            let (a, b) = range(*a, *n);
            format!("{}{s}{}", &text[..a], &text[b..])
        }
        Mutation::Swap(i, j) => {
            let mut tokens: Vec<&str> = text
                .split_inclusive([' ', ',', '(', ')', '[', ']', '\n'])
                .collect();
            let n = tokens.len().max(1);
            tokens.swap(i % n, j % n);
            tokens.concat()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        check(&text)?;
    }

    #[test]
    fn random_ron_like_text_never_panics(text in "[A-Za-z(){}\\[\\]:,\"0-9. \n_-]{0,200}") {
        check(&text)?;
    }

    #[test]
    fn mutations_of_the_minimal_file_never_panic(ms in prop::collection::vec(mutation(), 1..4)) {
        let text = ms.iter().fold(MINIMAL.to_string(), |t, m| apply(&t, m));
        check(&text)?;
    }
}

#[test]
fn empty_and_whitespace_files_are_errors_not_panics() {
    for text in ["", "\n\n", "Scenario(", "(", "\u{feff}", "Scenario()"] {
        let result = scenario::parse(text, "x.ron");
        let Err(errors) = result else {
            panic!("{text:?} should not load")
        };
        assert!(
            check_diagnostics(text, &errors).is_ok(),
            "{text:?}: {errors}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Wrapping any mix of English, Japanese, ids, numbers and brackets never panics, keeps
    /// every character in order, and keeps each line within its width.
    #[test]
    fn wrapping_keeps_every_character_and_each_line_within_its_width(
        text in "[a-z0-9 \\-、。（）()「」港湾ゲート停止:]{0,80}",
        cols in 2usize..40,
    ) {
        let lines = kunren::tui::widgets::wrap(&text, cols);
        let strip = |t: &str| t.chars().filter(|c| *c != ' ').collect::<String>();
        prop_assert_eq!(strip(&lines.concat()), strip(&text));
        for l in &lines {
            prop_assert!(kunren::tui::widgets::width(l) <= cols, "{:?} in {:?}", l, lines);
        }
    }
}
