//! Working hours (format 2): a team's day on its own clock. Off hours its actions start only once
//! staff are called in, unless crisis manning holds; its seat's clock says which. Built on the
//! minimal fixture (it starts on Tue 4 Jul 2023 at 06:00 JST, 15-minute ticks) and on the
//! multinational drill, whose hospital meets the crisis on a national holiday.

use std::sync::Arc;

use kunren::command::{Command, Seat};
use kunren::scenario::Scenario;
use kunren::sim::Simulation;
use kunren::sim::hours::Duty;
use kunren::tui::App;

use crate::console::{press, screen};
use crate::format2::{edited, errors, load, v2};

const PORT: &str = "kind: Operator, staff: 3)";

fn with_hours(hours: &str) -> (&'static str, String) {
    (
        PORT,
        format!("kind: Operator, staff: 3, time_zone: Some(\"Asia/Tokyo\"), hours: Some({hours}))"),
    )
}

#[test]
fn working_hours_need_format_2_and_are_checked_where_written() {
    let (from, to) = with_hours("(from: \"09:00\", to: \"18:00\")");
    let text = edited(&[(from, &to)]);
    let e = errors(&text);
    assert_eq!(e.items.len(), 1, "{e}");
    assert!(
        e.items[0]
            .message
            .contains("`hours` (a team's working hours) belongs to format 2"),
        "{e}"
    );
    load(&v2(&[(from, &to)]));
    for (hours, needle, says) in [
        (
            "(from: \"9am\", to: \"18:00\")",
            "\"9am\"",
            "\"9am\" in the working hours of team \"port\" is not a time of day",
        ),
        (
            "(from: \"18:00\", to: \"09:00\")",
            "\"09:00\"",
            "end at \"09:00\", not after they begin",
        ),
        (
            "(from: \"09:00\", to: \"18:00\", days: [])",
            "[])",
            "have no working days",
        ),
        (
            "(from: \"09:00\", to: \"18:00\", holidays: [\"2023-02-30\"])",
            "\"2023-02-30\"",
            "\"2023-02-30\" in the working hours of team \"port\" is not a date",
        ),
        (
            "(from: \"09:00\", to: \"18:00\", around_the_clock: Some(Chance(0.5)))",
            "Chance(0.5)",
            "draws a `Chance`",
        ),
    ] {
        let (from, to) = with_hours(hours);
        let text = v2(&[(from, &to)]);
        let e = errors(&text);
        assert_eq!(e.items.len(), 1, "{hours}: {e}");
        let d = &e.items[0];
        assert!(d.message.contains(says), "{hours}: {}", d.message);
        let at = text.find(needle).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        assert_eq!(d.line, line, "{hours}");
        assert!(d.hint.is_some(), "{hours}");
    }
}

/// The tick the port's isolation of the VPN completes, given once tick `at` is played (it
/// starts at the next tick and lasts 30 minutes, two ticks).
fn isolated_at(s: &Arc<Scenario>, at: u32) -> u32 {
    let mut sim = Simulation::new(s.clone(), 1);
    let (port, isolate) = (
        s.team_index("port").unwrap(),
        s.action_index("isolate").unwrap(),
    );
    while sim.tick().is_none_or(|t| t < at) {
        sim.step();
    }
    sim.submit(Command::Act {
        team: port,
        action: isolate,
        target: s.asset_index("vpn"),
        to: None,
        intel: None,
    });
    while !sim.facts().done.contains_key(&(port, isolate)) {
        sim.step();
    }
    sim.facts().done[&(port, isolate)]
}

#[test]
fn off_hours_an_action_waits_for_staff_to_come_in_unless_crisis_manning_holds() {
    let (from, to) = with_hours(
        "(from: \"09:00\", to: \"18:00\", call_out: \"1h\", around_the_clock: Some(Phase(\"p2\")))",
    );
    let s = load(&v2(&[(from, &to)]));
    let plain = load(&v2(&[]));
    // Started at 07:15 (tick 5): off hours, so an hour later than without working hours.
    assert_eq!(isolated_at(&plain, 4), 7);
    assert_eq!(isolated_at(&s, 4), 11);
    // Within the hours (10:15, tick 17) it runs as usual.
    assert_eq!(isolated_at(&s, 16), 19);
    // At 07:15 on Wednesday (tick 101) the "Recovery" phase has begun: manned around the clock.
    assert_eq!(isolated_at(&s, 100), 103);
    // The log says why.
    let mut sim = Simulation::new(s.clone(), 1);
    sim.step();
    sim.submit(Command::Act {
        team: s.team_index("port").unwrap(),
        action: s.action_index("isolate").unwrap(),
        target: s.asset_index("vpn"),
        to: None,
        intel: None,
    });
    sim.step();
    assert!(
        sim.log().events().iter().any(|e| e
            .text
            .ends_with("(off hours: staff called in, at work from Tue 04 Jul 07:15)")),
        "{:?}",
        sim.log()
            .events()
            .iter()
            .map(|e| &e.text)
            .collect::<Vec<_>>()
    );
}

/// The drill's crisis day, Wed 3 Nov 2027, is Culture Day: the hospital's first calls after the
/// ransomware wait for staff, and its seat reads "off hours" beside its clock until its downtime
/// procedures run.
#[test]
fn in_the_drill_the_hospital_meets_the_holiday_off_hours() {
    use crate::helpers::{builtin, decision_set};
    let s = builtin("multinational-drill");
    let hospital = s.team_index("hospital").unwrap();
    let passive = decision_set("multinational-drill", &s, "passive");
    let mut waited = 0;
    for seed in 1..=6 {
        let sim = crate::helpers::simulate(&s, Some(&passive), seed);
        waited += usize::from(sim.log().events().iter().any(|e| {
            e.text.starts_with("General hospital")
                && e.text
                    .contains("(off hours: staff called in, at work from Wed 03 Nov")
        }));
    }
    assert!(
        waited >= 3,
        "the hospital waits on the holiday: {waited} of 6"
    );

    // Wednesday 10:00 (tick 116): a weekday's working hours, but the holiday.
    let mut app = App::new(s.clone(), 1);
    app.console.color = false;
    press(&mut app, "\n:step 116\n");
    let duty = app.live.sim().knowledge(hospital).duty();
    assert_eq!(duty, Some(Duty::OffHours));
    assert_eq!(app.live.sim().knowledge(hospital).view().duty, duty);
    app.lock_to(Seat::Team(hospital));
    let header = screen(&app, 140, 32).lines().next().unwrap().to_string();
    assert!(header.contains("· off hours"), "{header}");
    let out = crate::helpers::kunren(&[
        "view",
        "multinational-drill",
        "--seat",
        "hospital",
        "--at",
        "116",
    ]);
    let briefing = crate::helpers::text(&out.stdout);
    assert!(
        briefing
            .lines()
            .next()
            .is_some_and(|l| l.contains("Wed 03 Nov 10:00 · off hours")),
        "{briefing}"
    );
    // The white cell's clock is the exercise's, with no duty; a team without hours has none.
    let nco = s.team_index("nco").unwrap();
    assert_eq!(app.live.sim().knowledge(nco).duty(), None);
    // Thursday 10:00 is a working day.
    let mut sim = Simulation::new(s.clone(), 1);
    while sim.tick().is_none_or(|t| t < 164) {
        sim.step();
    }
    assert_eq!(sim.knowledge(hospital).duty(), Some(Duty::Hours));
}
