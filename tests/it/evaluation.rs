//! HSEEP evaluation inside the console: ratings, players, observations with their analysis, the
//! hot wash and feedback forms entered at the white cell, journaled before they apply (so a crash
//! loses none), refused for a team seat, taken after ENDEX; the report written from the console;
//! and the guides and forms handed out before the day (`kunren eeg`, `kunren feedback-form`).

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kunren::command::{Command, Refusal, Seat};
use kunren::report::{self, Edit, Feedback, Rating, ReportInput, Side};
use kunren::scenario::model::{ObjectiveId, TeamId};
use kunren::session::{self, Live};
use kunren::tui::App;
use kunren::tui::app::Dialog;

use crate::console::{press, screen};
use crate::helpers::{flagship, kunren_with_data, text};

/// A live flagship session journaled in `dir`.
fn journaled(dir: &Path) -> (Live, std::path::PathBuf) {
    let b = kunren::library::builtin(kunren::library::FLAGSHIP).unwrap();
    let scenario = flagship();
    let text = session::ScenarioText::builtin(b);
    let (journal, _) = session::start(dir, &scenario, &text, 4, None).unwrap();
    let path = journal.path().to_path_buf();
    let mut live = Live::new(scenario, 4);
    live.keep_journal(journal);
    (live, path)
}

fn team_id(live: &Live, i: u32) -> String {
    live.scenario().team(TeamId(i)).id.clone()
}

#[test]
fn evaluation_is_journaled_refused_to_teams_taken_after_endex_and_survives_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let (mut live, path) = journaled(dir.path());
    let objective = live.scenario().objectives[0].clone();
    let team = team_id(&live, objective.team.0);
    live.give(
        Seat::WhiteCell,
        Command::Note {
            text: "called the police only after the vendor".into(),
            objective: Some(ObjectiveId(0)),
            capability: objective.capability,
        },
    )
    .unwrap();
    // The note is written at the next tick: until then there is no observation to analyse.
    let analyse = Edit::Analyse {
        observation: 1,
        analysis: "nobody owned the call".into(),
        root_cause: "no reporting procedure".into(),
    };
    assert!(matches!(
        live.evaluate(Seat::WhiteCell, analyse.clone()),
        Err(Refusal::Invalid(why)) if why.to_string().contains("no observation 1")
    ));
    live.step_n(Seat::WhiteCell, 1).unwrap();
    live.evaluate(Seat::WhiteCell, analyse).unwrap();
    live.evaluate(
        Seat::WhiteCell,
        Edit::Rate {
            objective: objective.id.clone(),
            rating: Rating::M,
            comment: Some("late, by phone".into()),
        },
    )
    .unwrap();
    live.evaluate(
        Seat::WhiteCell,
        Edit::Players {
            team: team.clone(),
            names: "K. Ito, M. Sato".into(),
        },
    )
    .unwrap();
    // A team's seat cannot rate itself.
    let by_team = live.evaluate(
        Seat::Team(objective.team),
        Edit::Rate {
            objective: objective.id.clone(),
            rating: Rating::P,
            comment: None,
        },
    );
    assert!(
        matches!(by_team, Err(Refusal::WhiteCellOnly { .. })),
        "{by_team:?}"
    );
    live.step_n(Seat::WhiteCell, u32::MAX).unwrap();
    assert!(live.is_finished());
    // ENDEX: commands are refused, the hot wash and the forms are taken.
    assert_eq!(
        live.give(
            Seat::WhiteCell,
            Command::Note {
                text: "late".into(),
                objective: None,
                capability: None
            }
        ),
        Err(Refusal::Ended)
    );
    live.evaluate(
        Seat::WhiteCell,
        Edit::HotWash {
            team: team.clone(),
            side: Side::Improvement,
            text: "keep the police number beside the vendor's".into(),
        },
    )
    .unwrap();
    live.evaluate(
        Seat::WhiteCell,
        Edit::Feedback(Feedback {
            team: Some(team.clone()),
            role: "duty officer".into(),
            scores: vec![5, 4, 4, 3, 5],
            comments: "more time for the ransom decision".into(),
            ..Feedback::default()
        }),
    )
    .unwrap();
    let bad = live.evaluate(
        Seat::WhiteCell,
        Edit::Feedback(Feedback {
            scores: vec![9],
            ..Feedback::default()
        }),
    );
    assert!(matches!(bad, Err(Refusal::Invalid(_))), "{bad:?}");
    live.sync();
    let entered = live.evaluation().clone();
    assert_eq!(entered.feedback.len(), 1, "the refused form was not taken");
    // A crash: nothing is left normally; the journal alone rebuilds the evaluation.
    drop(live);
    let restored = session::restore(&path).unwrap();
    assert_eq!(restored.evaluation, entered);
    let journaled = session::journal::read(&path)
        .unwrap()
        .entries
        .iter()
        .filter(|l| matches!(l.entry, session::Entry::Evaluate { .. }))
        .count();
    assert_eq!(
        journaled, 5,
        "every edit taken, and none refused, is journaled"
    );

    let aar = report::build(
        &restored.sim,
        &ReportInput {
            ratings: restored.evaluation.clone(),
            ..ReportInput::default()
        },
    );
    let md = aar.to_markdown();
    for want in [
        "late, by phone",
        "K. Ito, M. Sato",
        "O1, ",
        "Analysis: nobody owned the call Root cause: no reporting procedure",
        "## Hot wash",
        "Area for improvement: keep the police number beside the vendor's",
        "## Participant feedback",
        "more time for the ransom decision",
        "| The scenario was plausible and realistic. | 4.0 | 1 |",
    ] {
        assert!(md.contains(want), "{want:?} missing from:\n{md}");
    }
    if let Some(c) = objective.capability {
        assert!(md.contains(&format!("({})", c.name())), "{md}");
    }
    assert_eq!(aar.objectives[0].rating, Rating::M);
    let html = aar.to_html();
    assert!(html.contains("<section id=\"hot-wash\">"), "{html}");
    assert!(html.contains("duty officer"), "{html}");
}

#[test]
fn kunren_report_of_a_session_includes_what_the_console_entered() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let (mut live, path) = journaled(&dir);
    let team = team_id(&live, 0);
    live.evaluate(
        Seat::WhiteCell,
        Edit::HotWash {
            team: team.clone(),
            side: Side::Strength,
            text: "the gate plan held".into(),
        },
    )
    .unwrap();
    live.sync();
    drop(live);
    let name = path.file_stem().unwrap().to_str().unwrap().to_string();
    let out = kunren_with_data(&["report", &name], data.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.contains("Strength: the gate plan held"), "{md}");
    // A ratings file is laid over it: its players are added, the session's hot wash kept.
    let file = data.path().join("ratings.ron");
    std::fs::write(
        &file,
        format!("Ratings(players: {{\"{team}\": \"A. Abe\"}})"),
    )
    .unwrap();
    let out = kunren_with_data(
        &["report", &name, "--ratings", file.to_str().unwrap()],
        data.path(),
    );
    let md = text(&out.stdout);
    assert!(
        md.contains("A. Abe") && md.contains("the gate plan held"),
        "{md}"
    );
}

/// The facilitator's console on the flagship, at the white cell, `ticks` in.
fn facilitator(ticks: u32) -> App {
    let mut app = App::new(flagship(), 1);
    app.console.color = false;
    press(&mut app, &format!("\n:step {ticks}\n"));
    app
}

#[test]
fn the_facilitator_rates_observes_and_analyses_on_the_evaluate_screen() {
    let mut app = facilitator(124);
    press(&mut app, "8");
    assert_eq!(app.console.screen().name(), "Evaluate");
    // o on the first objective: the text is typed at once, against it and its capability.
    press(&mut app, "o");
    let Some(Dialog::Input { prompt, .. }) = &app.console.dialog else {
        panic!("{:?}", app.console.dialog)
    };
    let first = app.live.scenario().objectives[0].clone();
    assert!(prompt.contains(&first.name), "{prompt}");
    press(&mut app, "called the police at once\n.");
    // r, the second choice (S), a comment.
    press(&mut app, "rj\nslow but sure\n");
    assert_eq!(
        app.live.evaluation().objectives[&first.id].rating,
        Rating::S,
        "{}",
        app.console.status
    );
    assert!(
        app.console.status.contains("rated"),
        "{}",
        app.console.status
    );
    // a: the only observation, its analysis and root cause.
    press(&mut app, "a\nthe duty officer knew the number\nnone\n");
    let analysis = &app.live.evaluation().analyses[&1];
    assert_eq!(analysis.analysis, "the duty officer knew the number");
    let shown = screen(&app, 120, 32);
    assert!(shown.contains("Evaluate (r rate"), "{shown}");
    assert!(shown.contains("Rated S: slow but sure."), "{shown}");
    assert!(shown.contains("1 observation(s), 1 analysed"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn at_endex_the_console_turns_to_the_hot_wash_and_writes_the_report() {
    let mut app = facilitator(0);
    press(&mut app, ":step 100000\n");
    assert!(app.live.is_finished());
    assert_eq!(
        app.console.screen().name(),
        "Hot wash",
        "{} {} {:?}",
        app.console.status,
        app.console.tab,
        app.console.seat
    );
    assert!(
        app.console.status.starts_with("ENDEX"),
        "{}",
        app.console.status
    );
    // s on the first team, p names its players, f a feedback form in full.
    press(&mut app, "sIsolated the VPN within the hour\n");
    press(&mut app, "pK. Ito\n");
    press(
        &mut app,
        "f\nduty officer\n\n\n\n\n\ngood pace\n\nmore injects\n",
    );
    let team = app.live.scenario().teams[0].id.clone();
    let e = app.live.evaluation();
    assert_eq!(
        e.hot_wash[&team].strengths,
        ["Isolated the VPN within the hour"]
    );
    assert_eq!(e.players[&team], "K. Ito");
    assert_eq!(e.feedback.len(), 1, "{}", app.console.status);
    assert_eq!(e.feedback[0].scores, [5, 5, 5, 5, 5]);
    assert_eq!(e.feedback[0].comments, "more injects");
    let shown = screen(&app, 120, 32);
    assert!(
        shown.contains("Isolated the VPN within the hour"),
        "{shown}"
    );
    assert!(shown.contains("Played by: K. Ito"), "{shown}");
    insta::assert_snapshot!(shown);

    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("aar.html");
    press(&mut app, &format!(":report html {}\n", html.display()));
    assert!(
        app.console
            .status
            .starts_with("Wrote the after-action report"),
        "{}",
        app.console.status
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Isolated the VPN within the hour"), "{page}");
    assert!(page.contains("K. Ito"));
    // The dialog: w, Markdown (second), and a path typed over the default.
    let md = out.path().join("aar.md");
    press(&mut app, "wj\n");
    let Some(Dialog::Input { text: default, .. }) = &app.console.dialog else {
        panic!("{:?}", app.console.dialog)
    };
    assert!(default.ends_with(".after-action.md"), "{default}");
    for _ in 0..default.chars().count() {
        app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    press(&mut app, &format!("{}\n", md.display()));
    let md = std::fs::read_to_string(&md).unwrap();
    assert!(md.contains("## Hot wash"), "{}", app.console.status);
}

#[test]
fn a_team_seat_has_no_evaluation_screens() {
    for screen in kunren::tui::screens::TEAM {
        assert!(!["Evaluate", "Hot wash"].contains(&screen.name()));
    }
    // And the command line refuses a team's rating in the core, not only in a screen.
    let mut app = facilitator(0);
    press(&mut app, "S");
    press(&mut app, "j\n");
    assert!(
        matches!(app.console.seat, Seat::Team(_)),
        "{:?}",
        app.console.seat
    );
    let o = app.live.scenario().objectives[0].id.clone();
    press(&mut app, &format!(":rate {o} P\n"));
    assert!(
        app.console.status.contains("white cell"),
        "{}",
        app.console.status
    );
    assert!(app.live.evaluation().objectives.is_empty());
}

#[test]
fn eeg_and_feedback_form_are_written_for_any_scenario() {
    let data = tempfile::tempdir().unwrap();
    let s = flagship();
    let out = kunren_with_data(&["eeg", "nagoya-port-ransomware"], data.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    for o in &s.objectives {
        assert!(md.contains(&o.name), "{} missing", o.name);
    }
    assert!(md.contains("### Critical tasks") && md.contains("### Observations"));
    let file = data.path().join("eeg.html");
    let f = file.to_str().unwrap();
    let out = kunren_with_data(
        &["eeg", "multinational-drill", "--format", "html", "-o", f],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<section class=\"eeg\">"));
    // An existing file is never overwritten.
    let again = kunren_with_data(&["eeg", "multinational-drill", "-o", f], data.path());
    assert!(!again.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), html);
    let out = kunren_with_data(&["feedback-form", "nagoya-port-ransomware"], data.path());
    assert!(out.status.success());
    for statement in report::FEEDBACK_STATEMENTS {
        assert!(text(&out.stdout).contains(statement));
    }
    // Both follow `--lang`, as the report does.
    let out = kunren_with_data(
        &["eeg", "nagoya-port-ransomware", "--lang", "ja"],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("# 演習評価ガイド: 名古屋港"), "{md}");
    assert!(md.contains("### 重要タスク") && !md.contains("### Critical tasks"));
    let out = kunren_with_data(
        &["feedback-form", "nagoya-port-ransomware", "--lang", "ja"],
        data.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("# 参加者アンケート: 名古屋港"), "{md}");
    assert!(!report::FEEDBACK_STATEMENTS.iter().any(|s| md.contains(s)));
}
