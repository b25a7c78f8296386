//! The console reads well (issue 13, items 4 and 5): no text cut off, the MSEL in time order,
//! every command acknowledged where it was given, and a trainee told why.

use crate::console::{facilitator_after_encryption, operator_after_encryption, press, screen};
use crate::helpers::flagship;

/// At 200 columns nothing the scenario names is cut: every MSEL subject, team name, objective
/// and asset name is on the screen whole.
#[test]
fn at_200_columns_names_and_subjects_are_whole() {
    let s = flagship();
    let mut app = facilitator_after_encryption();
    let board = screen(&app, 200, 50);
    for a in &s.assets {
        assert!(board.contains(&a.name), "{}\n{board}", a.name);
    }
    press(&mut app, "2");
    let msel = screen(&app, 200, 50);
    for i in &s.injects {
        assert!(msel.contains(&i.subject), "{}\n{msel}", i.subject);
    }
    press(&mut app, "3");
    let objectives = screen(&app, 200, 50);
    for o in &s.objectives {
        assert!(objectives.contains(&o.name), "{}\n{objectives}", o.name);
        assert!(
            objectives.contains(&s.team(o.team).name),
            "{}\n{objectives}",
            s.team(o.team).name
        );
    }
}

/// A row too long for its line wraps (a list of events) or shows in full under the cursor (a
/// table): the inbox never loses the verb of "... are down", even on a narrow terminal.
#[test]
fn a_long_row_wraps_and_keeps_its_verb() {
    let mut app = operator_after_encryption();
    press(&mut app, "1");
    for width in [80, 120, 200] {
        let inbox = screen(&app, width, 40);
        assert!(inbox.contains("are down"), "at {width} columns:\n{inbox}");
    }
    // On the MSEL at 80 columns, the row under the cursor shows its subject whole.
    let mut app = facilitator_after_encryption();
    press(&mut app, "2");
    let subject = &kunren::tui::screens::msel::msel_rows(&app.live)[0].subject;
    assert_eq!(subject, "Quarantined: unknown tool in a temp folder");
    let msel = screen(&app, 80, 24);
    assert!(msel.contains("Quarantined: unknown"), "{msel}");
    assert!(msel.contains("tool in a temp folder"), "{msel}");
    assert!(!msel.contains(subject.as_str()), "wraps at 80: {msel}");
}

/// The MSEL lists injects by the time they went out or are due, those waiting on a condition
/// last, ties in scenario order.
#[test]
fn the_msel_is_in_time_order() {
    let app = facilitator_after_encryption();
    let rows = kunren::tui::screens::msel::msel_rows(&app.live);
    let subjects: Vec<&str> = rows.iter().map(|r| r.subject.as_str()).collect();
    assert_eq!(
        &subjects[..3],
        [
            "Quarantined: unknown tool in a temp folder",
            "Advisory: VPN appliances used as a way in",
            "Trailers cannot get through the gates",
        ],
        "sent Mon 07:30, Mon 10:00, Tue 06:45"
    );
    let s = flagship();
    let waiting: Vec<usize> = rows[3..].iter().map(|r| r.inject.0 as usize).collect();
    let mut sorted = waiting.clone();
    sorted.sort();
    assert_eq!(waiting, sorted, "then the rest, in scenario order");
    assert_eq!(rows.len(), s.injects.len());
}
