//! The console reads well (issue 13, items 4 and 5): no text cut off, the MSEL in time order,
//! every command acknowledged where it was given, and a trainee told why.

use kunren::tui::App;
use kunren::tui::app::Dialog;

use crate::console::{app, facilitator_after_encryption, operator_after_encryption, press, screen};
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
    for part in ["Quarantined:", "unknown tool", "temp folder"] {
        assert!(msel.contains(part), "{part}: {msel}");
    }
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

/// Every command is acknowledged where it was given, at once, while the clock runs as well as
/// paused: queued until the next tick, and what it was.
#[test]
fn every_command_is_acknowledged_at_once_while_the_clock_runs() {
    let mut app = app();
    press(&mut app, "\n2 ");
    assert!(!app.live.clock().paused);
    for (keys, said) in [
        ("f", "fire \"Advisory: VPN appliances used as a way in\""),
        ("jx", "skip \""),
        ("jd", "delay \""),
        ("je Call the managers\n", "rewrite \""),
    ] {
        app.console.status.clear();
        press(&mut app, keys);
        let status = &app.console.status;
        assert!(
            status.starts_with("Queued for the next tick: ") && status.contains(said),
            "{keys:?}: {status}"
        );
        assert!(!status.contains("paused"), "{status}");
        let footer = screen(&app, 120, 32);
        assert!(footer.lines().last().unwrap().contains(said), "{footer}");
    }
    // Paused, it says how to go on.
    press(&mut app, " j");
    press(&mut app, "x");
    assert!(
        app.console
            .status
            .contains("paused: Space resumes, . steps"),
        "{}",
        app.console.status
    );
    // A team's message and share name the recipient and the item.
    press(&mut app, " ");
    let mut app = operator_running();
    press(&mut app, "m");
    let Some(Dialog::Pick { options, .. }) = app.console.dialog.clone() else {
        panic!("asks whom to write to")
    };
    let mlit = options
        .iter()
        .position(|(n, _)| n.starts_with("Ministry"))
        .unwrap();
    press(&mut app, &"j".repeat(mlit));
    press(&mut app, "\nWe are down\n");
    assert!(
        app.console.status.starts_with("Queued for the next tick: ")
            && app.console.status.contains("writes to Ministry of Land"),
        "{}",
        app.console.status
    );
    press(&mut app, "4s");
    let Some(Dialog::Pick { options, .. }) = app.console.dialog.clone() else {
        panic!("asks whom to share with: {}", app.console.status)
    };
    let mlit = options
        .iter()
        .position(|(n, _)| n.starts_with("Ministry"))
        .unwrap();
    press(&mut app, &"j".repeat(mlit));
    press(&mut app, "\n");
    let status = &app.console.status;
    assert!(
        status.starts_with("Queued for the next tick: ")
            && status.contains("\"Advisory: intrusions through internet-facing VPN appliances\"")
            && status.contains("to Ministry of Land"),
        "{status}"
    );
}

/// The operator's seat after the encryption, with the clock running.
fn operator_running() -> App {
    let mut app = app();
    press(&mut app, "\n:step 124\n Sj\n");
    assert!(!app.live.clock().paused);
    app
}

/// The outcome of a roll is on the status line where the roll was made, once the tick has
/// drawn it; the command line's roll too.
#[test]
fn a_roll_tells_its_outcome_where_it_was_made() {
    let mut app = facilitator_after_encryption();
    press(&mut app, "o30 the vendor answers\n");
    assert!(
        app.console.status.contains("roll for the vendor answers"),
        "{}",
        app.console.status
    );
    press(&mut app, ".");
    let status = &app.console.status;
    assert!(
        status.starts_with("Dice: roll for the vendor answers at 30%: ")
            && (status.contains("succeeds") || status.contains("fails")),
        "{status}"
    );
    press(&mut app, ":roll 75 press picks it up\n:step\n");
    let status = &app.console.status;
    assert!(
        status.starts_with("Dice: roll for press picks it up at 75%: "),
        "{status}"
    );
    // With the clock running, the next tick tells it.
    press(&mut app, " o50 the board agrees\n");
    app.advance(std::time::Duration::from_secs(20));
    let footer = screen(&app, 120, 32);
    assert!(
        footer.contains("Dice: roll for the board agrees at 50%: "),
        "{footer}"
    );
}

/// A note is typed in one step: `n` opens its text at once, so nothing typed straight away is
/// lost; Tab chooses an objective, each listed with its team, and the text is kept.
#[test]
fn a_note_is_typed_at_once_and_its_objective_is_optional() {
    let mut app = facilitator_after_encryption();
    press(&mut app, "7nGeneral remark\n.");
    assert_eq!(notes(&app), [("General remark".to_string(), None)]);
    // About an objective: Tab, the list names each objective's team.
    press(&mut app, "nPolice called");
    press(&mut app, "\t");
    let Some(Dialog::Pick { options, .. }) = app.console.dialog.clone() else {
        panic!("Tab chooses an objective: {:?}", app.console.dialog)
    };
    let s = flagship();
    for (i, o) in s.objectives.iter().enumerate() {
        let label = format!("{}: {}", s.team(o.team).name, o.name);
        assert_eq!(options[i + 1].0, label);
    }
    press(&mut app, "j\n");
    let Some(Dialog::Input { text, prompt, .. }) = app.console.dialog.clone() else {
        panic!("back to the text: {:?}", app.console.dialog)
    };
    assert_eq!(text, "Police called");
    assert!(prompt.contains(&s.objectives[0].name), "{prompt}");
    press(&mut app, " at 07:00\n.");
    assert_eq!(
        notes(&app)[1],
        ("Police called at 07:00".to_string(), Some(0))
    );
}

/// Three identical objectives of different teams are told apart in the note's picker.
#[test]
fn identical_objectives_are_told_apart_by_their_team() {
    let mut app = App::new(crate::helpers::builtin("multinational-drill"), 1);
    press(&mut app, "\n7nx\t");
    let Some(Dialog::Pick { options, .. }) = app.console.dialog.clone() else {
        panic!("a picker")
    };
    let same: Vec<&String> = options
        .iter()
        .map(|(l, _)| l)
        .filter(|l| l.ends_with("Report under the ACD law within 24 hours"))
        .collect();
    assert!(same.len() >= 3, "{options:?}");
    let mut distinct = same.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), same.len(), "{same:?}");
    let text = screen(&app, 100, 40);
    for label in same {
        assert!(text.contains(label.as_str()), "{label}\n{text}");
    }
}

/// The notes in the log, oldest first: (text, objective index).
fn notes(app: &App) -> Vec<(String, Option<u32>)> {
    app.live
        .submitted()
        .iter()
        .filter_map(|(_, c)| match c {
            kunren::command::Command::Note {
                text, objective, ..
            } => Some((text.clone(), objective.map(|o| o.0))),
            _ => None,
        })
        .collect()
}

/// `}` stops early at a detection, a missed objective or an inject the facilitator marked on
/// the MSEL (`m`, the console's own mark), and the status line says why.
#[test]
fn running_to_the_next_phase_stops_early_and_says_why() {
    let mut app = app();
    press(&mut app, "\n}");
    assert_eq!(app.console.status, "Phase begins: Detection and triage");
    press(&mut app, "}");
    let status = app.console.status.clone();
    let at = app.live.sim().tick().unwrap();
    let last = app.live.sim().log().events().last().unwrap().clone();
    assert!(status.starts_with("Stopped early, "), "{status}");
    assert!(
        app.live.sim().facts().phase == Some(kunren::scenario::model::PhaseId(0)),
        "still in the first phase: {status}"
    );
    assert_eq!(last.tick, at);
    // Marked: the "Trailers cannot get through the gates" inject stops the run when it goes out.
    press(&mut app, "2");
    let rows = kunren::tui::screens::msel::msel_rows(&app.live);
    let trailers = rows
        .iter()
        .position(|r| r.subject == "Trailers cannot get through the gates")
        .unwrap();
    press(&mut app, &"j".repeat(trailers));
    press(&mut app, "m");
    assert!(
        app.console.status.starts_with("Marked: Trailers"),
        "{}",
        app.console.status
    );
    assert!(screen(&app, 120, 32).contains("* on condition"));
    let mut stops = Vec::new();
    while !app.console.status.contains("a marked inject went out") {
        press(&mut app, "}");
        stops.push(app.console.status.clone());
        assert!(!app.live.sim().is_finished(), "{stops:#?}");
    }
    let inject = rows[trailers].inject;
    assert_eq!(
        app.live.sim().facts().delivered.get(&inject),
        app.live.sim().tick().as_ref(),
        "{stops:#?}"
    );
    // Unmarked, it no longer stops there; nothing was journaled by marking.
    let given = app.live.submitted().len();
    press(&mut app, "m");
    assert!(app.console.marked.is_empty());
    assert_eq!(app.live.submitted().len(), given);
}

/// A missed objective stops the run too.
#[test]
fn a_missed_objective_stops_the_run() {
    let mut app = app();
    press(&mut app, "\n");
    let mut stops = Vec::new();
    while !app.live.sim().is_finished() {
        press(&mut app, "}");
        stops.push(app.console.status.clone());
    }
    assert!(
        stops
            .iter()
            .any(|s| s.starts_with("Stopped early, an objective missed: ")),
        "{stops:#?}"
    );
    assert!(
        stops.iter().any(|s| s.starts_with("Phase begins: ")),
        "{stops:#?}"
    );
}

/// Charts are titled with each measure's name for readers and its unit, never its id, and carry
/// a time axis from the start to now.
#[test]
fn charts_show_names_units_and_a_time_axis() {
    let mut app = facilitator_after_encryption();
    press(&mut app, "5");
    let text = screen(&app, 120, 32);
    for (name, unit) in [
        ("Economic loss", "JPY"),
        ("Public trust", "/100"),
        ("Gate containers", "containers/h"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.contains(&format!("{name}: ")) && l.contains(unit)),
            "{name} in {unit}:\n{text}"
        );
    }
    assert!(
        !text.contains("economic_loss") && !text.contains("gate_containers"),
        "{text}"
    );
    assert!(
        text.contains("┴Mon 00:00") && text.contains("Tue 06:45┴"),
        "{text}"
    );
}

/// Too small a terminal holds the running clock, and the message says so; once it is large
/// enough the clock runs on as it was (a paused clock stays paused).
#[test]
fn a_terminal_too_small_holds_the_clock_and_says_so() {
    let mut app = facilitator_after_encryption();
    press(&mut app, " ");
    let tick = app.live.sim().tick().unwrap();
    app.console.resize(60, 20);
    app.advance(std::time::Duration::from_secs(60));
    assert_eq!(app.live.sim().tick(), Some(tick), "held");
    assert!(
        !app.live.clock().paused,
        "held, not paused: it runs on as it was"
    );
    let text = screen(&app, 60, 20);
    assert!(text.contains("needs at least 80x24"), "{text}");
    assert!(text.contains("The clock is paused"), "{text}");
    app.console.resize(120, 32);
    app.advance(std::time::Duration::from_secs(30));
    assert_eq!(app.live.sim().tick(), Some(tick + 2), "runs on at its pace");
    // Paused, it stays paused, and the message does not speak of the clock.
    press(&mut app, " ");
    app.console.resize(60, 20);
    let text = screen(&app, 60, 20);
    assert!(!text.contains("clock"), "{text}");
    app.console.resize(120, 32);
    app.advance(std::time::Duration::from_secs(30));
    assert!(app.live.clock().paused);
    assert_eq!(app.live.sim().tick(), Some(tick + 2));
}

/// A greyed action says why in words, from what the team knows: the unmet part of its
/// condition, never only "not possible yet"; once the ransom is decided, the other answer is
/// closed and says so.
#[test]
fn a_greyed_action_says_why_and_a_decision_taken_closes_the_other() {
    let s = flagship();
    let mut app = app();
    press(&mut app, "j\n3");
    let kunren::tui::app::Seat::Team(nhta) = app.console.seat else {
        panic!("a team seat")
    };
    let offers = kunren::tui::screens::actions::action_rows(&app.live, nhta);
    let pay = |offers: &[kunren::sim::knowledge::Offer]| {
        offers
            .iter()
            .find(|o| o.id == "pay-ransom")
            .unwrap()
            .clone()
    };
    assert_eq!(
        pay(&offers).unavailable.as_deref(),
        Some("needs: you have found an intrusion"),
        "the encryption is not named before the team finds it"
    );
    let text = screen(&app, 160, 40);
    assert!(
        text.contains("needs: you have found an intrusion"),
        "{text}"
    );
    assert!(!text.contains("not possible yet"), "{text}");
    // The encryption found, the team decides not to pay: paying is then closed, and says why.
    let mut app = operator_after_encryption();
    let refuse = s.action_index("refuse-ransom").unwrap();
    assert!(app.submit(kunren::command::Command::Act {
        team: nhta,
        action: refuse,
        target: None,
        to: None,
        intel: None,
    }));
    let before = pay(&kunren::tui::screens::actions::action_rows(&app.live, nhta));
    assert_eq!(before.unavailable, None, "open until the decision is taken");
    app.live
        .step_n(kunren::tui::app::Seat::WhiteCell, 8)
        .unwrap();
    let after = pay(&kunren::tui::screens::actions::action_rows(&app.live, nhta));
    assert_eq!(
        after.unavailable.as_deref(),
        Some("closed: you have taken \"Decide not to pay\""),
        "closed for good, not open"
    );
}

/// What a team sent names the item and the recipient, and is not unread in its own inbox; the
/// recipient's inbox has it unread.
#[test]
fn what_a_team_sent_is_named_and_not_unread_for_it() {
    use kunren::command::Command;
    use kunren::tui::app::Seat;
    let s = flagship();
    let mut app = operator_after_encryption();
    let Seat::Team(nhta) = app.console.seat else {
        panic!("a team seat")
    };
    let mlit = s.team_index("mlit").unwrap();
    let share = s.action_index("share-intel").unwrap();
    let item = app.live.sim().knowledge(nhta).held_intel()[0];
    assert!(app.submit(Command::Message {
        from: nhta,
        to: vec![mlit],
        text: "Our gates are down".into(),
    }));
    assert!(app.submit(Command::Act {
        team: nhta,
        action: share,
        target: None,
        to: Some(mlit),
        intel: Some(item),
    }));
    app.live.step_n(Seat::WhiteCell, 4).unwrap();
    let title = &s.intel[item.index()].title;
    let sent = [
        format!(
            "Message from {} to {}",
            s.team(nhta).name,
            s.team(mlit).name
        ),
        format!("shared \"{title}\""),
    ];
    let rows = |team| {
        kunren::tui::screens::inbox::inbox(&app.live, team)
            .into_iter()
            .map(|e| {
                (
                    e.text.clone(),
                    kunren::tui::view::is_unread(&app.live, team, e),
                )
            })
            .collect::<Vec<_>>()
    };
    for (team, unread) in [(nhta, false), (mlit, true)] {
        let rows = rows(team);
        for what in &sent {
            let row = rows.iter().find(|(t, _)| t.contains(what.as_str()));
            let Some((text, is_unread)) = row else {
                panic!("{what} not in the inbox of {}: {rows:#?}", s.team(team).id)
            };
            assert_eq!(*is_unread, unread, "{text} for {}", s.team(team).id);
        }
    }
    let shared = rows(nhta)
        .into_iter()
        .find(|(t, _)| t.contains("shared"))
        .unwrap()
        .0;
    assert!(
        shared.ends_with(&format!("with {}", s.team(mlit).name)),
        "{shared}"
    );
}

/// A team with no assets of its own reads a sentence, not an empty box.
#[test]
fn a_team_without_assets_gets_a_sentence() {
    let s = flagship();
    let mlit = s.team_index("mlit").unwrap();
    assert!(s.assets.iter().all(|a| a.owner != mlit), "MLIT owns none");
    let mut app = app();
    app.open_at(kunren::tui::app::Seat::Team(mlit));
    press(&mut app, "2");
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("Our team has no systems of its own in this exercise."),
        "{text}"
    );
    assert!(text.contains("None under way."), "{text}");
}

/// A choice too long for the dialog shows in full while the cursor is on it; the others are
/// cut, and move into full view as the cursor reaches them.
#[test]
fn the_option_under_the_cursor_shows_in_full() {
    let mut app = facilitator_after_encryption();
    let long = "Nagoya Harbor Transportation Association (NUTS operator): Decide on the ransom within two days, without paying, and say so to the member firms";
    app.console.dialog = Some(Dialog::Pick {
        purpose: kunren::tui::app::Purpose::Seat,
        title: "Which?".into(),
        options: vec![(long.into(), 0), (long.replace("ransom", "money"), 1)],
        cursor: 0,
    });
    let shown = screen(&app, 80, 24);
    // The dialog's text: from the column of the cursor's mark to the dialog's right border.
    let lines: Vec<Vec<char>> = shown.lines().map(|l| l.chars().collect()).collect();
    let (row, col) = lines
        .iter()
        .enumerate()
        .find_map(|(r, l)| l.iter().position(|c| *c == '▸').map(|c| (r, c)))
        .expect("the cursor's mark");
    let mut text = Vec::new();
    for l in &lines[row..] {
        let inside: String = l[col + 1..].iter().take_while(|c| **c != '│').collect();
        if inside.trim().is_empty() {
            break;
        }
        text.push(inside.trim().to_string());
    }
    let joined = text.join(" ");
    assert!(
        joined.starts_with(long),
        "the option under the cursor is not whole: {joined:?}\n{shown}"
    );
    assert!(shown.contains('…'), "the other option is cut:\n{shown}");
}

/// Every nation's clock: the US seat of the drill reads Washington time (EDT that week), on its
/// header and its inbox; the white cell reads the exercise's clock; `kunren view` agrees.
#[test]
fn a_seat_reads_the_clock_in_its_own_zone() {
    let s = crate::helpers::builtin("multinational-drill");
    let us = s.team_index("us").unwrap();
    let mut app = App::new(s.clone(), 1);
    app.console.color = false;
    press(&mut app, "\n:step 40\n");
    let white = screen(&app, 120, 32);
    let header = white.lines().next().unwrap().to_string();
    assert!(!header.contains("EDT"), "{header}");
    let tick = app.live.tick().unwrap();
    let exercise = s.clock.label(tick);
    assert!(header.contains(&exercise), "{header}");
    app.lock_to(kunren::command::Seat::Team(us));
    let shown = screen(&app, 120, 32);
    let header = shown.lines().next().unwrap();
    let local = s.clock.label_in(tick, s.team(us).zone.as_ref());
    assert!(local.ends_with("EDT"), "{local}");
    assert!(header.contains(&local), "{header}");
    let out = crate::helpers::kunren(&[
        "view",
        "multinational-drill",
        "--seat",
        "us",
        "--at",
        &tick.to_string(),
    ]);
    assert!(
        crate::helpers::text(&out.stdout).contains(&local),
        "{}",
        crate::helpers::text(&out.stdout)
    );
}
