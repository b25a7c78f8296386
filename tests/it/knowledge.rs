//! What a team knows, end to end: two runs that differ only in events a team is not told of
//! give that team the same view (the core's `TeamView` and every rendered team screen) at every
//! tick; and `kunren view` prints a team's seat without giving away what the team does not know.

use std::sync::Arc;

use kunren::command::{Command, Ruling};
use kunren::scenario::{self, AssetId, InjectId, Scenario, TeamId};
use kunren::sim::actions::Request;
use kunren::tui::App;
use kunren::tui::app::Seat;
use kunren::tui::frame::View;

use crate::helpers::{kunren, manifest_dir, text};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn bench() -> Arc<Scenario> {
    let path = manifest_dir().join("tests/fixtures/knowledge.ron");
    Arc::new(scenario::load(&path).unwrap_or_else(|e| panic!("{e}")))
}

/// Every team screen of the app's seat, as text.
fn screens(app: &mut App) -> Vec<String> {
    let (w, h) = (120, 60);
    (0..app.console.screens().len())
        .map(|tab| {
            app.console.tab = tab;
            app.console.cursor = 0;
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            let view = View::build(&app.console, &app.live);
            terminal.draw(|f| f.render_widget(&view, f.area())).unwrap();
            let buf = terminal.backend().buffer();
            (0..h)
                .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// Something the city, the state or the white cell does that the plant is never told of.
fn hidden(s: &Scenario, pick: (u8, u8, u8, String)) -> Command {
    let city = s.team_index("city").unwrap();
    let state = s.team_index("state").unwrap();
    let asset: AssetId = s
        .asset_index(["mains", "meters", "office"][usize::from(pick.1) % 3])
        .unwrap();
    let inject: InjectId = s
        .inject_index(["city-morning", "city-burst"][usize::from(pick.2) % 2])
        .unwrap();
    let action = |x: &str| s.action_index(x).unwrap();
    let (text, n) = (pick.3, pick.0 % 10);
    match n {
        0 => Command::Adjudicate {
            ruling: Ruling::FailAsset(asset),
            reason: text,
        },
        1 => Command::Adjudicate {
            ruling: Ruling::RestoreAsset(asset),
            reason: text,
        },
        2 | 3 => Command::Act {
            team: city,
            action: action(if n == 2 { "fix" } else { "cut" }),
            target: Some(asset),
            to: None,
            intel: None,
        },
        4 => Command::Act {
            team: city,
            action: action("city-report"),
            target: None,
            to: Some(state),
            intel: None,
        },
        5 => Command::Message {
            from: city,
            to: vec![state],
            text,
        },
        6 => Command::Note {
            text,
            objective: None,
            capability: None,
        },
        7 => Command::EditInject { inject, text },
        8 => Command::FireInject { inject },
        _ => Command::DelayInject {
            inject,
            ticks: u32::from(pick.2 % 8),
        },
    }
}

/// Something the plant asks for itself, given (as the console gives it) only when the plant's
/// knowledge says it may.
fn own(s: &Scenario, plant: TeamId, pick: (u8, u8)) -> Request {
    let actions = [
        "hunt",
        "isolate",
        "restore",
        "report",
        "help-city",
        "echo",
        "insure",
    ];
    let action = s
        .action_index(actions[usize::from(pick.0) % actions.len()])
        .unwrap();
    let a = s.action(action);
    Request {
        team: plant,
        action,
        target: a.targets.as_ref().map(|t| t[usize::from(pick.1) % t.len()]),
        to: a
            .needs_team()
            .then(|| {
                s.team_index(if pick.1.is_multiple_of(2) {
                    "city"
                } else {
                    "state"
                })
            })
            .flatten(),
        intel: None,
    }
}

type Hidden = Vec<(u32, (u8, u8, u8, String))>;
type Own = Vec<(u32, (u8, u8))>;

fn differential(seed: u64, hidden_cmds: Hidden, own_cmds: Own) -> Result<(), TestCaseError> {
    let s = bench();
    let plant = s.team_index("plant").unwrap();
    let mut quiet = App::new(s.clone(), seed);
    let mut busy = App::new(s.clone(), seed);
    for app in [&mut quiet, &mut busy] {
        app.console.color = false;
        app.open_at(Seat::Team(plant));
    }
    let mut hidden_given = 0;
    while !busy.live.sim().is_finished() {
        let now = busy.live.sim().tick().map_or(0, |t| t + 1);
        for (_, pick) in hidden_cmds.iter().filter(|(t, _)| *t == now) {
            busy.live
                .give(Seat::WhiteCell, hidden(&s, pick.clone()))
                .expect("the white cell gives it");
            hidden_given += 1;
        }
        for (_, pick) in own_cmds.iter().filter(|(t, _)| *t == now) {
            let req = own(&s, plant, *pick);
            let (a, b) = (
                quiet.live.sim().knowledge(plant).refusal(&req),
                busy.live.sim().knowledge(plant).refusal(&req),
            );
            prop_assert_eq!(&a, &b, "the plant's own request judged differently");
            if a.is_none() {
                for app in [&mut quiet, &mut busy] {
                    app.live
                        .give(
                            Seat::Team(plant),
                            Command::Act {
                                team: req.team,
                                action: req.action,
                                target: req.target,
                                to: req.to,
                                intel: req.intel,
                            },
                        )
                        .expect("the plant's seat gives its own action");
                }
            }
        }
        // The clock is the white cell's, whoever sits at these consoles.
        quiet.live.step_n(Seat::WhiteCell, 1).unwrap();
        busy.live.step_n(Seat::WhiteCell, 1).unwrap();
        let tick = busy.live.sim().tick();
        prop_assert_eq!(
            quiet.live.sim().knowledge(plant).view(),
            busy.live.sim().knowledge(plant).view(),
            "tick {:?}",
            tick
        );
        let (a, b) = (screens(&mut quiet), screens(&mut busy));
        for (tab, (a, b)) in a.iter().zip(&b).enumerate() {
            prop_assert_eq!(a, b, "screen {} at tick {:?}", tab, tick);
        }
    }
    prop_assert_eq!(hidden_given, hidden_cmds.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn events_a_team_is_not_told_of_change_nothing_it_sees(
        seed in 0u64..1000,
        hidden_cmds in prop::collection::vec(
            (0u32..96, (any::<u8>(), any::<u8>(), any::<u8>(), "[a-z ]{0,12}")),
            1..24,
        ),
        own_cmds in prop::collection::vec((0u32..96, (any::<u8>(), any::<u8>())), 0..12),
    ) {
        differential(seed, hidden_cmds, own_cmds)?;
    }
}

/// The hidden events do change the world: the test above compares runs that truly differ.
#[test]
fn the_hidden_events_change_ground_truth() {
    let s = bench();
    let mains = s.asset_index("mains").unwrap();
    let run = |fail: bool| {
        let mut app = App::new(s.clone(), 7);
        app.step_n(1);
        if fail {
            app.live
                .give(Seat::WhiteCell, hidden(&s, (0, 0, 0, "burst".into())))
                .unwrap();
        }
        app.step_n(95);
        kunren::summary::state_hash(app.live.sim())
    };
    assert_ne!(run(false), run(true));
    // And the plant, had it been judged on ground truth, would have been offered help-city.
    let mut app = App::new(s.clone(), 7);
    app.step_n(1);
    app.live
        .give(
            Seat::WhiteCell,
            Command::Adjudicate {
                ruling: Ruling::FailAsset(mains),
                reason: "burst".into(),
            },
        )
        .unwrap();
    app.step_n(2);
    assert_eq!(
        app.live.sim().facts().assets[mains.index()].level,
        kunren::sim::facts::Level::Down
    );
    let plant = s.team_index("plant").unwrap();
    let offers = app.live.sim().knowledge(plant).actions();
    let help = offers.iter().find(|o| o.id == "help-city").unwrap();
    assert!(help.unavailable.is_some(), "{help:?}");
}

#[test]
fn view_prints_a_teams_screens_as_text() {
    let out = kunren(&[
        "view",
        "sme-supply-chain",
        "--seat",
        "utility",
        "--at",
        "1d6h",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Regional water utility (utility) at Tue 07 Oct 06:00: tick 60, 1d6h"),
        "{stdout}"
    );
    for section in [
        "\nInbox (",
        "\nAssets as known\n",
        "\nActions\n",
        "\nIntel (1)\n",
        "\nObjectives and deadlines\n",
    ] {
        assert!(stdout.contains(section), "{section:?} missing:\n{stdout}");
    }
    assert!(stdout.contains("SCADA servers encrypted"), "{stdout}");
    assert!(
        stdout.contains("✖ down                 SCADA servers"),
        "{stdout}"
    );
    // A tick number names the same moment.
    let same = kunren(&[
        "view",
        "sme-supply-chain",
        "--seat",
        "utility",
        "--at",
        "60",
    ]);
    assert_eq!(text(&same.stdout), stdout);
}

#[test]
fn view_plays_the_decisions_and_seed_given() {
    let view = |extra: &[&str]| {
        let mut args = vec![
            "view",
            "sme-supply-chain",
            "--seat",
            "utility",
            "--at",
            "12h",
        ];
        args.extend_from_slice(extra);
        let out = kunren(&args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let prepared = view(&["--decisions", "good-practice"]);
    assert!(
        prepared.contains("Utility's gateway for vendor access isolated"),
        "{prepared}"
    );
    assert!(!view(&[]).contains("vendor access isolated"));
    // The seed is the run's: the same seed the same view, another seed another intrusion.
    assert_eq!(view(&["--seed", "2"]), view(&["--seed", "2"]));
    let late = |seed: &str| {
        let out = kunren(&[
            "view",
            "sme-supply-chain",
            "--seat",
            "utility",
            "--at",
            "1d6h",
            "--seed",
            seed,
        ]);
        text(&out.stdout)
    };
    assert_ne!(late("1"), late("2"));
    let out = kunren(&[
        "view",
        "sme-supply-chain",
        "--seat",
        "utility",
        "--at",
        "12h",
        "--decisions",
        "nope",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("good-practice"),
        "{}",
        text(&out.stderr)
    );
}

/// At 06:00 on Tuesday the hospital's dialysis unit has been down two hours (the east plant
/// stopped), but the hospital has not yet asked the utility for water: the utility is shown
/// nothing of it. Half an hour after the hospital's request it is.
#[test]
fn view_does_not_show_a_team_what_it_does_not_know() {
    let hospital = kunren(&[
        "view",
        "sme-supply-chain",
        "--seat",
        "hospital",
        "--at",
        "1d6h",
        "--json",
    ]);
    let hospital: serde_json::Value = serde_json::from_slice(&hospital.stdout).unwrap();
    let dialysis = hospital["assets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "dialysis-unit")
        .unwrap();
    assert_eq!(dialysis["state"], "Down", "{dialysis}");

    let utility = |at: &str| {
        let out = kunren(&[
            "view",
            "sme-supply-chain",
            "--seat",
            "utility",
            "--at",
            at,
            "--json",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let before = utility("1d6h");
    assert_eq!(before["tick"], 60);
    let json = before.to_string();
    assert!(!json.contains("ialysis"), "{json}");
    assert!(!json.contains("undetected"), "{json}");
    let tankers = |v: &serde_json::Value| {
        v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == "supply-hospital")
            .unwrap()["unavailable"]
            .clone()
    };
    assert_eq!(
        tankers(&before),
        "needs: word from Regional general hospital that one of its systems is down"
    );
    let after = utility("1d7h");
    assert!(tankers(&after).is_null(), "{after}");
    assert!(
        after
            .to_string()
            .contains("asked for help from Regional water utility"),
        "{after}"
    );
}

#[test]
fn view_errors_name_the_problem_and_the_fix() {
    let out = kunren(&["view", "sme-supply-chain", "--seat", "utilty", "--at", "1d"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("did you mean \"utility\"?"), "{stderr}");
    assert!(stderr.contains("teams: utility, vendor"), "{stderr}");
    let out = kunren(&[
        "view",
        "sme-supply-chain",
        "--seat",
        "utility",
        "--at",
        "9d",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("past the end of the exercise at tick 192 (4d)"),
        "{stderr}"
    );
    let out = kunren(&[
        "view",
        "sme-supply-chain",
        "--seat",
        "utility",
        "--at",
        "soon",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("write a tick number"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
