//! The console on ratatui's TestBackend: every screen drawn and pinned, and key sequences
//! that play the flagship through the app's update function, as a facilitator and as a team.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kunren::summary::state_hash;
use kunren::tui::App;
use kunren::tui::app::{Dialog, Mode, Seat};
use kunren::tui::frame::View;
use kunren::tui::intent::Intent;
use kunren::tui::keys;
use kunren::tui::screens::{self, Key};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use crate::helpers::flagship;

pub(crate) fn app() -> App {
    let mut app = App::new(flagship(), 1);
    app.console.color = true;
    app
}

pub(crate) fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

pub(crate) fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let view = View::build(&app.console, &app.live);
    terminal.draw(|f| f.render_widget(&view, f.area())).unwrap();
    terminal
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub(crate) fn screen(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buf = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Takes the white-cell seat and runs to the morning after the encryption.
pub(crate) fn facilitator_after_encryption() -> App {
    let mut app = app();
    press(&mut app, "\n");
    assert_eq!(app.console.mode, Mode::Console);
    press(&mut app, ":");
    press(&mut app, "step 124\n");
    app
}

/// Takes the operator's seat (second on the list) and runs to the morning after the encryption.
pub(crate) fn operator_after_encryption() -> App {
    // The clock is the white cell's: it runs the exercise on, then the room hands the console
    // to the operator.
    let mut app = app();
    press(&mut app, "\n:step 124\nSj\n");
    assert!(matches!(app.console.seat, Seat::Team(_)));
    app
}

#[test]
fn start_screen() {
    insta::assert_snapshot!(screen(&app(), 100, 30));
}

#[test]
fn facilitator_board() {
    let shown = screen(&facilitator_after_encryption(), 120, 32);
    // The adversary's pane cuts nothing: a long stage state wraps under itself.
    for line in shown.lines() {
        if let Some((_, pane)) = line.split_once("││") {
            assert!(!pane.contains('…'), "cut in the adversary's pane: {line}");
        }
    }
    assert!(shown.contains("nuts-backup until Tue"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn facilitator_msel_objectives_map_charts_timeline() {
    let mut app = facilitator_after_encryption();
    for (key, name) in [
        ('2', "msel"),
        ('3', "objectives"),
        ('4', "map"),
        ('5', "charts"),
        ('6', "timeline"),
    ] {
        press(&mut app, &key.to_string());
        insta::assert_snapshot!(format!("facilitator_{name}"), screen(&app, 120, 32));
    }
}

#[test]
fn facilitator_notes_are_written_through_the_note_dialog() {
    let mut app = facilitator_after_encryption();
    press(&mut app, "7nReport went to MLIT by phone first\t");
    assert!(matches!(app.console.dialog, Some(Dialog::Pick { .. })));
    press(&mut app, "j\n\n");
    press(&mut app, ".");
    let text = screen(&app, 120, 32);
    assert!(
        text.contains("Report went to MLIT by phone first"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn team_screens_show_only_what_the_team_knows() {
    let mut app = operator_after_encryption();
    for (key, name) in [
        ('1', "inbox"),
        ('2', "assets"),
        ('3', "actions"),
        ('4', "intel"),
        ('5', "objectives"),
    ] {
        press(&mut app, &key.to_string());
        insta::assert_snapshot!(format!("operator_{name}"), screen(&app, 120, 32));
    }
    // Ground truth stays with the white cell: the operator never sees the attacker's stages or
    // an intruder it has not found.
    press(&mut app, "2");
    let text = screen(&app, 120, 32);
    assert!(!text.contains("undetected"), "{text}");
    assert!(!text.contains("T1003"), "{text}");
}

#[test]
fn help_overlay_and_quit_confirmation() {
    let mut app = facilitator_after_encryption();
    press(&mut app, "?");
    insta::assert_snapshot!("help", screen(&app, 100, 30));
    press(&mut app, "x");
    assert!(app.console.dialog.is_none(), "any key closes help");
    press(&mut app, "q");
    assert_eq!(app.console.dialog, Some(Dialog::ConfirmQuit));
    press(&mut app, "\x1b");
    assert!(!app.console.quit);
    press(&mut app, "qy");
    assert!(app.console.quit);
}

#[test]
fn a_small_terminal_gets_a_clear_message_and_a_resize_redraws() {
    let app = facilitator_after_encryption();
    let text = screen(&app, 60, 20);
    assert!(
        text.contains("The terminal is 60x20; kunren needs at least 80x24"),
        "{text}"
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("1 Board"), "{text}");
    for (w, h) in [(1, 1), (0, 0), (300, 100), (80, 24)] {
        draw(&app, w, h);
    }
}

#[test]
fn no_color_draws_no_colour() {
    let mut app = facilitator_after_encryption();
    app.console.color = false;
    let terminal = draw(&app, 120, 32);
    let buf = terminal.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    app.console.color = true;
    let terminal = draw(&app, 120, 32);
    assert!(
        terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg == Color::Red),
        "down assets are red"
    );
}

#[test]
fn drawing_never_changes_the_simulation() {
    let app = facilitator_after_encryption();
    let before = state_hash(app.live.sim());
    for tab in 0..7 {
        let mut a = App::new(flagship(), 1);
        a.console.mode = Mode::Console;
        a.console.tab = tab;
        draw(&a, 120, 32);
    }
    draw(&app, 120, 32);
    draw(&app, 200, 50);
    assert_eq!(state_hash(app.live.sim()), before);
}

#[test]
fn the_clock_runs_on_real_time_at_its_pace_and_holds_for_dialogs() {
    let mut app = facilitator_after_encryption();
    let tick = app.live.sim().tick().unwrap();
    app.advance(Duration::from_secs(60));
    assert_eq!(app.live.sim().tick(), Some(tick), "paused: no time passes");
    press(&mut app, " ");
    // One simulated hour per real minute: 15-minute ticks every 15 s.
    app.advance(Duration::from_secs(30));
    assert_eq!(app.live.sim().tick(), Some(tick + 2));
    press(&mut app, "?");
    app.advance(Duration::from_secs(60));
    assert_eq!(
        app.live.sim().tick(),
        Some(tick + 2),
        "a dialog holds the clock"
    );
    press(&mut app, "x+");
    assert_eq!(app.live.clock().pace, 120);
    app.advance(Duration::from_secs(15));
    assert_eq!(app.live.sim().tick(), Some(tick + 4));
}

#[test]
fn facilitator_fires_delays_and_rewrites_injects_with_keys() {
    let mut app = app();
    press(&mut app, "\n2");
    // The first waiting inject is the government advisory at Mon 10:00; fire it now.
    press(&mut app, "f.");
    let fired = app
        .live
        .sim()
        .log()
        .events()
        .iter()
        .any(|e| e.kind == kunren::sim::log::EventKind::InjectDelivered && e.tick == 0);
    assert!(fired, "fired at the first tick");
    press(&mut app, "jd");
    press(&mut app, "e");
    assert!(matches!(app.console.dialog, Some(Dialog::Input { .. })));
    press(&mut app, " Call the terminal managers first.\n");
    assert!(
        app.console.status.starts_with("Queued"),
        "while paused, commands wait for the next tick"
    );
    press(&mut app, ".");
    let text = screen(&app, 120, 32);
    assert!(text.contains("· edited"), "{text}");
    assert!(text.contains("held to"), "{text}");
}

/// The operator's seat plays the flagship to its end with keys only: the objectives it acts on
/// are met, and the session ends by itself.
#[test]
fn the_operator_plays_the_flagship_from_start_to_end_with_keys() {
    let mut app = app();
    press(&mut app, "j\n");
    let Seat::Team(nhta) = app.console.seat else {
        panic!("a team seat")
    };
    // The operator cannot run the clock: at the hot seat the white cell does, then hands the
    // console back (S: the seat picker, the white cell first, the operator next).
    press(&mut app, " ");
    assert!(app.live.clock().paused);
    assert!(
        app.console
            .status
            .contains("the clock is the white cell's alone"),
        "{}",
        app.console.status
    );
    // Run until the gates go down (the ransom note), with the clock at its fastest.
    press(&mut app, "S\n++++++ Sj\n");
    assert_eq!(app.console.seat, Seat::Team(nhta));
    while !app
        .live
        .sim()
        .facts()
        .detected
        .keys()
        .any(|(t, _)| *t == nhta)
    {
        app.advance(Duration::from_secs(1));
        assert!(!app.live.sim().is_finished(), "the attack came");
    }
    press(&mut app, "S\n Sj\n");
    // Report to the police: the Actions screen, the action, the recipient, confirm.
    press(&mut app, "3");
    let rows = kunren::tui::screens::actions::action_rows(&app.live, nhta);
    let report = rows
        .iter()
        .position(|r| r.name.to_lowercase().contains("police"))
        .expect("a report-to-police action");
    for _ in 0..report {
        press(&mut app, "j");
    }
    press(&mut app, "\n");
    let Some(Dialog::Pick { options, .. }) = app.console.dialog.clone() else {
        panic!("asks for the recipient: {:?}", app.console.status)
    };
    let police = options
        .iter()
        .position(|(name, _)| name.contains("Police"))
        .unwrap();
    for _ in 0..police {
        press(&mut app, "j");
    }
    press(&mut app, "\n");
    assert!(
        matches!(app.console.dialog, Some(Dialog::Confirm { .. })),
        "{:?}",
        app.console.dialog
    );
    press(&mut app, "\n");
    // Read the newest inbox item.
    press(&mut app, "1\n");
    assert!(matches!(app.console.dialog, Some(Dialog::Detail { .. })));
    press(&mut app, "\x1b");
    // Let the exercise run out.
    press(&mut app, "S\n ");
    while !app.live.sim().is_finished() {
        app.advance(Duration::from_secs(5));
    }
    assert!(app.live.clock().paused, "the clock stops at the end");
    let report = app
        .live
        .scenario()
        .objectives
        .iter()
        .position(|o| o.id == "report-police")
        .unwrap();
    let status = app.live.sim().state().objectives.status[report];
    assert!(
        matches!(status, kunren::sim::objectives::ObjectiveStatus::Met(_)),
        "{status:?}"
    );
    assert!(
        app.live
            .submitted()
            .iter()
            .any(|(_, c)| matches!(c, kunren::command::Command::Act { .. }))
    );
    press(&mut app, "q");
    assert!(
        app.console.quit,
        "q quits at once when the exercise is over"
    );
}

#[test]
fn the_command_line_drives_the_same_commands() {
    let mut app = app();
    press(&mut app, "\n");
    press(&mut app, ":fire no-such-inject\n");
    assert!(
        app.console.status.contains("no inject \"no-such-inject\""),
        "{}",
        app.console.status
    );
    press(&mut app, ":seat mlit\n");
    assert!(
        matches!(app.console.seat, Seat::Team(_)),
        "{}",
        app.console.status
    );
    press(&mut app, ":seat white\n");
    assert_eq!(app.console.seat, Seat::WhiteCell);
    press(&mut app, ":roll 30 the vendor answers\n:step\n");
    assert!(
        app.live
            .sim()
            .log()
            .events()
            .iter()
            .any(|e| e.text.contains("roll for the vendor answers at 30%"))
    );
    press(&mut app, ":bogus\n");
    assert!(
        app.console.status.starts_with("unknown command"),
        "{}",
        app.console.status
    );
}

#[test]
fn a_long_choice_scrolls_to_keep_the_cursor_in_view() {
    let mut app = facilitator_after_encryption();
    let options: Vec<(String, u32)> = (1..=40)
        .map(|i| (format!("Option number {i}"), i))
        .collect();
    app.console.dialog = Some(Dialog::Pick {
        purpose: kunren::tui::app::Purpose::Seat,
        title: "Choose".into(),
        options,
        cursor: 0,
    });
    for _ in 0..35 {
        press(&mut app, "j");
    }
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("▸ Option number 36"),
        "the selected option is on screen:\n{text}"
    );
    assert!(text.contains("(36 of 40)"), "{text}");
    assert!(
        !text.contains("Option number 1 "),
        "the top of the list has scrolled away:\n{text}"
    );
    press(&mut app, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk");
    let text = screen(&app, 80, 24);
    assert!(text.contains("▸ Option number 1"), "{text}");
}

/// A console started on a team seat (`kunren play --seat mlit`) is held to it, and the ministry's
/// seat gives no facilitator command and runs no clock: each refusal is on screen, and nothing
/// changes (the clock is run elsewhere, by the white cell).
#[test]
fn a_console_held_to_a_team_seat_refuses_on_screen_what_is_not_the_teams() {
    let mut app = app();
    let s = app.live.scenario().clone();
    let mlit = Seat::Team(s.team_index("mlit").unwrap());
    app.lock_to(mlit);
    app.live.step_n(Seat::WhiteCell, 20).unwrap();
    let hash = state_hash(app.live.sim());
    for (keys, says) in [
        ("S", "held to the seat of"),
        (":seat white\n", "held to the seat of"),
        (":seat nhta\n", "held to the seat of"),
        (
            ":fail nuts-db the ministry takes the port down\n",
            "a ruling is the white cell's alone",
        ),
        (
            ":skip gates-fail\n",
            "withdrawing an inject is the white cell's alone",
        ),
        (":note a note\n", "note is the white cell's alone"),
        (
            ":roll 50 the press calls\n",
            "dice is the white cell's alone",
        ),
        (" ", "the clock is the white cell's alone"),
        (".", "the clock is the white cell's alone"),
        ("]", "the clock is the white cell's alone"),
        ("}", "the clock is the white cell's alone"),
        ("+", "the clock is the white cell's alone"),
        (":step 5\n", "the clock is the white cell's alone"),
        (":pace 960\n", "the clock is the white cell's alone"),
        (":resume\n", "the clock is the white cell's alone"),
    ] {
        press(&mut app, keys);
        assert_eq!(app.console.seat, mlit, "{keys:?}");
        assert!(app.console.dialog.is_none(), "{keys:?}");
        let text = screen(&app, 120, 32);
        let footer = text.lines().last().unwrap_or_default();
        assert!(footer.contains(says), "{keys:?}: {footer}");
    }
    assert_eq!(app.live.tick(), Some(19), "no team key moved the clock");
    assert!(app.live.clock().paused);
    assert_eq!(state_hash(app.live.sim()), hash);
    assert!(app.live.submitted().is_empty(), "nothing was given");
}

/// At the hot seat (no --seat) switching seats is on purpose: the white cell is one of them.
#[test]
fn the_hot_seat_switches_seats() {
    let mut app = app();
    press(&mut app, "j\n");
    assert!(matches!(app.console.seat, Seat::Team(_)));
    press(&mut app, ":seat white\n");
    assert_eq!(app.console.seat, Seat::WhiteCell, "{}", app.console.status);
    press(&mut app, "Sj\n");
    assert!(matches!(app.console.seat, Seat::Team(_)));
}

/// Joins and leaves of a hosted session are on the white cell's timeline, marked as the room's,
/// where they happened among the events; no team's screen shows them; the state hash is the same
/// as without them.
#[test]
fn joins_and_leaves_are_on_the_white_cells_timeline_only() {
    let mut app = app();
    press(&mut app, "\n");
    assert_eq!(app.console.seat, Seat::WhiteCell);
    let s = app.live.scenario().clone();
    let nhta = Seat::Team(s.team_index("nhta").unwrap());
    app.live.presence(nhta, "10.9.8.7:50000", true);
    press(&mut app, ":step 10\n");
    app.live.presence(nhta, "10.9.8.7:50000", false);
    // The timeline is the sixth of the facilitator's screens.
    press(&mut app, "6");
    let white = screen(&app, 120, 40);
    let joined = white
        .lines()
        .position(|l| l.contains("[room] nhta") && l.contains("joined from 10.9.8.7:50000"));
    let left = white
        .lines()
        .position(|l| l.contains("[room] nhta") && l.contains("left, from 10.9.8.7:50000"));
    let (Some(joined), Some(left)) = (joined, left) else {
        panic!("the join and the leave are on the white cell's timeline:\n{white}");
    };
    assert!(left < joined, "newest first:\n{white}");
    assert!(
        white.lines().skip(left + 1).take(joined - left - 1).count() > 0,
        "the events of the ten ticks stand between them:\n{white}"
    );

    let mut plain = self::app();
    press(&mut plain, "\n:step 10\n");
    assert_eq!(
        state_hash(app.live.sim()),
        state_hash(plain.live.sim()),
        "joining and leaving change nothing in the simulation"
    );

    // Through the team's eyes (the hot seat hands the console over): no screen shows the room.
    press(&mut app, "S");
    let pick = match &app.console.dialog {
        Some(Dialog::Pick { options, .. }) => options
            .iter()
            .position(|(label, _)| label.contains("Nagoya Harbor"))
            .expect("NHTA is a seat"),
        other => panic!("S offers the seats: {other:?}"),
    };
    press(&mut app, &"j".repeat(pick));
    press(&mut app, "\n");
    assert_eq!(app.console.seat, nhta);
    for tab in 1..=9 {
        press(&mut app, &tab.to_string());
        let team = screen(&app, 120, 40);
        assert!(
            !team.contains("[room]") && !team.contains("10.9.8.7"),
            "screen {tab} of a team shows nothing of the room:\n{team}"
        );
    }
}

/// What pressing a key changed on the console: a dialog opened, the status line, commands given.
fn reaction(app: &mut App, key: char) -> bool {
    app.console.dialog = None;
    app.console.status.clear();
    app.console.cursor = 0;
    let given = app.live.submitted().len();
    press(app, &key.to_string());
    app.console.dialog.is_some()
        || !app.console.status.is_empty()
        || app.live.submitted().len() > given
}

/// The keys a screen binds (its own and its seat's), as typed: a letter, or '\n' for Enter.
fn bound(app: &App) -> Vec<char> {
    let seat = app.console.seat;
    app.console
        .screen()
        .keys()
        .iter()
        .chain(screens::seat_keys(seat))
        .flat_map(|b| b.keys)
        .map(|k| match k {
            Key::Enter => '\n',
            Key::Letter(c) => *c,
        })
        .collect()
}

/// Every letter no global key takes, and Enter.
fn screen_keys() -> Vec<char> {
    ('a'..='z')
        .chain('A'..='Z')
        .filter(|c| {
            keys::intent(KeyEvent::new(KeyCode::Char(*c), KeyModifiers::NONE))
                == Some(Intent::Letter(*c))
        })
        .chain(['\n'])
        .collect()
}

/// On every screen of both kinds of seat, a key the screen's table binds does something, and a
/// letter (or Enter) it does not bind does nothing: the table is the whole of a screen's keys.
#[test]
fn every_key_a_screen_binds_does_something_and_no_other_does() {
    let mut white = app();
    press(&mut white, "\n");
    for mut app in [white, operator_after_encryption()] {
        for tab in 0..app.console.screens().len() {
            press(&mut app, &(tab + 1).to_string());
            let name = app.console.screen().name();
            let bound = bound(&app);
            assert!(!bound.is_empty() || tab > 0 || name != "Board");
            for key in screen_keys() {
                let did = reaction(&mut app, key);
                assert_eq!(
                    did,
                    bound.contains(&key),
                    "{name} on {:?}: key {key:?} {} ({:?}, {:?})",
                    app.console.seat,
                    if did {
                        "does something it does not declare"
                    } else {
                        "is declared and does nothing"
                    },
                    app.console.dialog,
                    app.console.status
                );
            }
        }
    }
}

/// The keys a title offers (the legend in parentheses after its name) are the keys the screen
/// binds, and each screen's keys are in the help of its seat.
#[test]
fn a_titles_legend_offers_only_keys_its_screen_binds() {
    let mut white = app();
    press(&mut white, "\n");
    for mut app in [white, operator_after_encryption()] {
        press(&mut app, "?");
        let help = screen(&app, 200, 50);
        press(&mut app, "\x1b");
        for tab in 0..app.console.screens().len() {
            press(&mut app, &(tab + 1).to_string());
            let screen = app.console.screen();
            let bound = bound(&app);
            if !screen.keys().is_empty() {
                let letters: Vec<String> = screen.keys().iter().map(|b| b.keys_text()).collect();
                let line = format!("{}: {}", screen.name(), letters.join(" "));
                assert!(help.contains(&line), "the help lists {line:?}:\n{help}");
            }
            // The charts' titles hold values in parentheses, the map's its line marks: not keys.
            if matches!(screen.name(), "Charts" | "Map") {
                continue;
            }
            let text = self::screen(&app, 200, 32);
            let title = text.lines().nth(2).unwrap();
            let Some((_, legend)) = title.split_once(" (") else {
                continue;
            };
            let legend = legend.split_once(')').unwrap().0;
            for part in legend.split(" · ") {
                let keys = part.split(' ').next().unwrap();
                for key in keys.split('/') {
                    let key = match key {
                        "Enter" => '\n',
                        k if k.chars().count() == 1 => k.chars().next().unwrap(),
                        k => panic!("{}: {k:?} in {title:?} is not a key", screen.name()),
                    };
                    assert!(
                        bound.contains(&key),
                        "{} offers {key:?}, which it does not bind",
                        screen.name()
                    );
                }
            }
        }
    }
}

/// A team's help lists the team's keys (m among them) and none of the white cell's: no MSEL, no
/// board rulings, no notes, no clock; a console held to its seat has no seat switching.
#[test]
fn a_team_seats_help_lists_only_the_teams_keys() {
    let mut app = app();
    let s = app.live.scenario().clone();
    app.lock_to(Seat::Team(s.team_index("nhta").unwrap()));
    press(&mut app, "?");
    let help = screen(&app, 120, 40);
    for has in [
        "write to another team",
        "any screen: m",
        "Inbox: Enter",
        "Actions: Enter",
        "Intel: Enter s",
        "share the item",
    ] {
        assert!(help.contains(has), "{has:?}:\n{help}");
    }
    for hasnt in [
        "MSEL",
        "Board:",
        "Notes:",
        "restore an asset",
        "fire",
        "pause / resume the clock",
        "step one tick",
        "run to the next inject",
        "switch seat",
    ] {
        assert!(!help.contains(hasnt), "{hasnt:?}:\n{help}");
    }
    // The white cell's help has none of a team's keys.
    let mut white = self::app();
    press(&mut white, "\n?");
    let help = screen(&white, 120, 40);
    assert!(help.contains("Notes: n"), "{help}");
    assert!(!help.contains("write to another team"), "{help}");
    assert!(!help.contains("Intel:"), "{help}");
}
