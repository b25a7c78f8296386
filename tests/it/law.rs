//! The law as it is (format 2): authorisation chains given in order, each step by its own
//! team's seat and refused before it is journaled when out of order; the emergency procedure
//! (a step after the fact, a notice owed by a deadline, a missed notice in the log and the
//! report); crisis levels set by an inject or the white cell; reports that name every recipient.
//! Built on the minimal fixture, and on the multinational drill, which plays Japan's law this way.

use std::sync::Arc;

use kunren::command::{Command, Refusal, Seat};
use kunren::lang::Lang;
use kunren::scenario::model::LevelId;
use kunren::scenario::{self, Scenario};
use kunren::session::Live;
use kunren::sim::Simulation;
use kunren::sim::log::EventKind;

const MINIMAL: &str = include_str!("../fixtures/minimal.ron");

/// The minimal fixture, format 2, with a chain (the chief orders, the board approves; in an
/// emergency the board is told within 2 hours), a notice, a report to two recipients and two
/// crisis levels, the second declared by an inject at 3h when `declare` is true.
fn chain_text(declare: bool) -> String {
    let declared = if declare {
        "        (id: \"declare\", at: Some(\"3h\"), from: \"chief\", to: [\"port\"], subject: \"Emergency declared\", level: Some(\"emergency\")),\n"
    } else {
        ""
    };
    MINIMAL
        .replacen(
            "Scenario(\n",
            "Scenario(\n    format: 2,\n    levels: [(id: \"normal\", name: \"Normal\"), (id: \"emergency\", name: \"Emergency\")],\n",
            1,
        )
        .replacen(
            "        (id: \"crew\",",
            "        (id: \"board\", name: \"Board\", kind: Agency, staff: 1),\n        (id: \"chief\", name: \"Chief\", kind: Agency, staff: 1),\n        (id: \"crew\",",
            1,
        )
        .replacen(
            "    actions: [\n",
            "    actions: [\n        (id: \"notify\", name: \"Notify the board\", teams: [\"port\"], to: [\"board\"], duration: \"30m\", effects: [Report]),\n        (id: \"report-both\", name: \"Statutory report\", teams: [\"port\"], recipients: [\"board\", \"chief\"], duration: \"30m\", effects: [Report]),\n        (id: \"op\", name: \"Operation\", teams: [\"port\"], duration: \"30m\", effects: [], steps: [(by: \"chief\", kind: Order), (by: \"board\", kind: Approval, afterwards: Some((when: Level(\"emergency\"), notice: \"notify\", within: \"2h\")))]),\n",
            1,
        )
        .replacen("    injects: [\n", &format!("    injects: [\n{declared}"), 1)
}

fn load(text: &str) -> Arc<Scenario> {
    match scenario::parse(text, "law.ron") {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("should load:\n{e}"),
    }
}

fn errors(text: &str) -> Vec<(String, Option<String>, usize, usize)> {
    match scenario::parse(text, "law.ron") {
        Ok(_) => panic!("should not load"),
        Err(e) => e
            .items
            .iter()
            .map(|d| (d.message.clone(), d.hint.clone(), d.line, d.column))
            .collect(),
    }
}

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

struct Ids {
    port: kunren::scenario::model::TeamId,
    board: kunren::scenario::model::TeamId,
    chief: kunren::scenario::model::TeamId,
    op: kunren::scenario::model::ActionId,
}

fn ids(s: &Scenario) -> Ids {
    Ids {
        port: s.team_index("port").unwrap(),
        board: s.team_index("board").unwrap(),
        chief: s.team_index("chief").unwrap(),
        op: s.action_index("op").unwrap(),
    }
}

fn grant(team: kunren::scenario::model::TeamId, i: &Ids) -> Command {
    Command::Authorise {
        team,
        action: i.op,
        requester: Some(i.port),
        grant: true,
    }
}

#[test]
fn every_construct_of_the_law_needs_format_2_at_its_place() {
    let text = chain_text(true).replacen("    format: 2,\n", "", 1);
    let found = errors(&text);
    for (what, needle) in [
        ("`levels` (crisis levels)", "[(id: \"normal\""),
        ("an authorisation chain (`steps`)", "[(by: \"chief\""),
        ("`recipients`", "[\"board\", \"chief\"]"),
        ("an inject's `level`", "Some(\"emergency\")),\n"),
        ("the `Level` condition", "Level(\"emergency\")"),
    ] {
        let hit = found
            .iter()
            .find(|(m, ..)| m.starts_with(what))
            .unwrap_or_else(|| panic!("no error for {what}: {found:?}"));
        assert!(hit.0.contains("belongs to format 2"), "{}", hit.0);
        assert_eq!(
            hit.1.as_deref(),
            Some("add `format: 2,` as the first field of `Scenario(...)` at the top of the file")
        );
        assert_eq!((hit.2, hit.3), place(&text, needle), "{what}");
    }
    // The Received condition too.
    let text = MINIMAL.replacen(
        "goal: Done(\"port\", \"isolate\")",
        "goal: Received(\"port\", \"port\", \"isolate\")",
        1,
    );
    let found = errors(&text);
    assert!(
        found
            .iter()
            .any(|(m, ..)| m.starts_with("the `Received` condition belongs to format 2")),
        "{found:?}"
    );
}

#[test]
fn a_chain_is_checked_at_its_steps() {
    let base = chain_text(false);
    // Both `authorised_by` and `steps`; a team that takes the action gives a step; one team twice.
    let text = base.replacen(
        "effects: [], steps: [(by: \"chief\", kind: Order), (by: \"board\"",
        "effects: [], authorised_by: [\"board\"], steps: [(by: \"chief\", kind: Order), (by: \"port\", kind: Consultation), (by: \"chief\", kind: Consultation), (by: \"board\"",
        1,
    );
    let found = errors(&text);
    let msg = |start: &str| {
        found
            .iter()
            .find(|(m, ..)| m.starts_with(start))
            .unwrap_or_else(|| panic!("no {start:?} in {found:?}"))
            .clone()
    };
    let both = msg("action \"op\" has both `authorised_by` and `steps`");
    assert_eq!((both.2, both.3), place(&text, "[\"board\"], steps"));
    let own = msg("team \"port\" may take action \"op\" itself");
    assert_eq!((own.2, own.3), place(&text, "\"port\", kind: Consultation"));
    let twice = msg("team \"chief\" gives two steps");
    assert_eq!(
        (twice.2, twice.3),
        place(&text, "\"chief\", kind: Consultation")
    );
    // A notice the acting team may not take; an unknown level; a zero deadline.
    let text = base
        .replacen(
            "(id: \"notify\", name: \"Notify the board\", teams: [\"port\"]",
            "(id: \"notify\", name: \"Notify the board\", teams: [\"board\"]",
            1,
        )
        .replacen(
            "Level(\"emergency\"), notice",
            "Level(\"emergncy\"), notice",
            1,
        )
        .replacen("within: \"2h\"", "within: \"0m\"", 1);
    let found = errors(&text);
    let msg = |start: &str| {
        found
            .iter()
            .find(|(m, ..)| m.contains(start))
            .unwrap_or_else(|| panic!("no {start:?} in {found:?}"))
            .clone()
    };
    let notice = msg("may take action \"op\" in an emergency but not its notice");
    assert_eq!((notice.2, notice.3), place(&text, "\"notify\", within"));
    let level = msg("crisis level \"emergncy\"");
    assert!(
        level.1.as_deref().unwrap_or("").contains("emergency"),
        "{level:?}"
    );
    msg("the notice deadline of action \"op\" is zero");
    // Recipients with a `to`, or with an effect that reaches nobody.
    let text = base.replacen(
        "recipients: [\"board\", \"chief\"], duration: \"30m\", effects: [Report]",
        "recipients: [\"board\", \"chief\"], to: [\"board\"], duration: \"30m\", effects: [Report, Isolate]",
        1,
    );
    let found = errors(&text);
    assert!(
        found
            .iter()
            .any(|(m, ..)| m.contains("names its `recipients`, so it takes no `to`")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(m, ..)| m.contains("each of its effects must be addressed to a team")),
        "{found:?}"
    );
}

#[test]
fn each_step_is_its_own_seats_command_given_in_order_and_refused_before_the_journal() {
    let s = load(&chain_text(false));
    let i = ids(&s);
    let mut live = Live::new(s.clone(), 1);
    live.give(
        Seat::Team(i.port),
        Command::Act {
            team: i.port,
            action: i.op,
            target: None,
            to: None,
            intel: None,
        },
    )
    .unwrap();
    live.step_n(Seat::WhiteCell, 1).unwrap();
    let given = live.submitted().len();
    // The board's approval before the chief's order: refused, not journaled.
    let early = live
        .give(Seat::Team(i.board), grant(i.board, &i))
        .unwrap_err();
    assert!(matches!(early, Refusal::Law(_)), "{early:?}");
    assert_eq!(
        early.say(&s, Lang::En),
        "refused: Board's approval of \"Operation\" comes after Chief's order, which has not been given"
    );
    // Another team's step from the board's seat, and a grant by a team with no step.
    assert!(matches!(
        live.give(Seat::Team(i.board), grant(i.chief, &i)),
        Err(Refusal::OtherTeam { .. })
    ));
    assert_eq!(
        live.give(Seat::Team(i.port), grant(i.port, &i))
            .unwrap_err()
            .say(&s, Lang::En),
        "refused: Port operator has no authority over \"Operation\""
    );
    assert_eq!(
        live.submitted().len(),
        given,
        "nothing refused was journaled"
    );
    // The order, then (in the same tick, queued behind it) the approval: both given.
    live.give(Seat::Team(i.chief), grant(i.chief, &i)).unwrap();
    live.give(Seat::Team(i.board), grant(i.board, &i)).unwrap();
    live.step_n(Seat::WhiteCell, 4).unwrap();
    let events = live.sim().log().events();
    let pos = |text: &str| {
        events
            .iter()
            .position(|e| e.text.contains(text))
            .unwrap_or_else(|| panic!("no {text:?}"))
    };
    assert!(pos("Chief authorises") < pos("Board authorises"));
    assert!(pos("Board authorises") < pos("started \"Operation\""));
    assert!(live.sim().facts().done.contains_key(&(i.port, i.op)));
    // The board heard of the chief's order: the next step knows it may act.
    let order = &events[pos("Chief authorises")];
    assert!(order.known_by(i.board), "{order:?}");
}

#[test]
fn a_scripted_step_out_of_order_waits_for_the_one_before() {
    let s = load(&chain_text(false));
    let text = "Decisions(format: 2, scenario: \"port-mini\", decisions: [\n    (team: \"port\", at: Some(\"30m\"), take: \"op\"),\n    (team: \"board\", at: Some(\"30m\"), take: \"op\", to: Some(\"port\")),\n    (team: \"chief\", at: Some(\"2h\"), take: \"op\", to: Some(\"port\")),\n])";
    let d = scenario::parse_decisions(text, "d.ron", &s).unwrap();
    let mut sim = Simulation::new(s.clone(), 3);
    sim.script(&d);
    for _ in 0..16 {
        sim.step();
    }
    let i = ids(&s);
    let events = sim.log().events();
    let at = |text: &str| {
        events
            .iter()
            .find(|e| e.text.contains(text))
            .map(|e| e.tick)
    };
    let order = at("Chief authorises").expect("the order");
    let approval = at("Board authorises").expect("the approval waited and came");
    assert!(order <= approval, "order {order}, approval {approval}");
    assert!(sim.facts().done.contains_key(&(i.port, i.op)));
    assert!(sim.facts().granted.contains_key(&(i.port, i.op)));
}

/// The port takes the operation at 4h, once the chief has ordered it; the emergency comes at 3h
/// (declared by an inject) when `declare`; the port notifies the board at `notify`, if given.
fn emergency_run(declare: bool, notify: Option<&str>) -> (Arc<Scenario>, Simulation) {
    let s = load(&chain_text(declare));
    let notify = notify.map_or(String::new(), |at| {
        format!(
            "    (team: \"port\", at: Some(\"{at}\"), take: \"notify\", to: Some(\"board\")),\n"
        )
    });
    let text = format!(
        "Decisions(format: 2, scenario: \"port-mini\", decisions: [\n    (team: \"chief\", at: Some(\"1h\"), take: \"op\"),\n    (team: \"port\", at: Some(\"4h\"), take: \"op\"),\n{notify}])"
    );
    let d = scenario::parse_decisions(&text, "d.ron", &s).unwrap();
    let mut sim = Simulation::new(s.clone(), 5);
    sim.script(&d);
    while !sim.is_finished() {
        sim.step();
    }
    (s, sim)
}

#[test]
fn in_an_emergency_the_operation_starts_on_the_order_and_a_missed_notice_is_seen() {
    // No emergency: the operation waits for the board and never starts.
    let (s, calm) = emergency_run(false, None);
    let i = ids(&s);
    assert!(!calm.facts().done.contains_key(&(i.port, i.op)));
    assert_eq!(calm.facts().level, 0);

    // The emergency declared at 3h: it starts at 4h on the order alone; no notice is given.
    let (_, missed) = emergency_run(true, None);
    assert!(missed.facts().done.contains_key(&(i.port, i.op)));
    assert_eq!(missed.facts().level, 1);
    let events = missed.log().events();
    let raised = events
        .iter()
        .find(|e| e.kind == EventKind::Law && e.text.starts_with("Crisis level raised"))
        .expect("the level was raised");
    assert_eq!(
        raised.text,
        "Crisis level raised from \"Normal\" to \"Emergency\" (with \"Emergency declared\")"
    );
    assert!(raised.known_by(i.board) && raised.known_by(i.port));
    let miss = events
        .iter()
        .find(|e| e.kind == EventKind::Law && e.text.starts_with("Notice missed"))
        .expect("the missed notice is in the log");
    assert_eq!(
        miss.tick,
        16 + 8,
        "started at 4h, due 2h later (15-minute ticks)"
    );
    // The facilitator's report carries it in its control log.
    let report = kunren::report::build(&missed, &kunren::report::ReportInput::default());
    assert!(
        report
            .control
            .iter()
            .any(|c| c.what == "law" && c.text.starts_with("Notice missed")),
        "{:?}",
        report.control
    );
    assert!(missed.state().actions.notices[0].missed);

    // Notified in time: no miss, and the notice is recorded.
    let (_, kept) = emergency_run(true, Some("5h"));
    let events = kept.log().events();
    assert!(events.iter().any(|e| e.kind == EventKind::Law
        && e.text == "Port operator notified Board after the fact of \"Operation\""));
    assert!(!events.iter().any(|e| e.text.starts_with("Notice missed")));
}

/// The chain's scenario with an inject that goes out when the notice is missed.
fn asked_why(declare: bool) -> String {
    chain_text(declare).replacen(
        "    injects: [\n",
        "    injects: [\n        (id: \"why\", when: Some(NoticeMissed(\"port\", \"op\")), from: \"board\", to: [\"port\"], subject: \"Why were we not told?\"),\n",
        1,
    )
}

#[test]
fn notice_missed_needs_format_2_and_an_action_whose_notice_can_be_owed() {
    let text = asked_why(false).replacen("    format: 2,\n", "", 1);
    let found = errors(&text);
    let (_, hint, line, column) = found
        .iter()
        .find(|(m, ..)| m.starts_with("the `NoticeMissed` condition belongs to format 2"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!((*line, *column), place(&text, "Some(NoticeMissed(\"port\""));
    assert!(hint.as_deref().is_some_and(|h| h.contains("format: 2")));
    // An action with no step that may come after the fact never owes a notice.
    let text = asked_why(false).replacen(
        "NoticeMissed(\"port\", \"op\")",
        "NoticeMissed(\"port\", \"notify\")",
        1,
    );
    let found = errors(&text);
    let (message, _, line, column) = found
        .iter()
        .find(|(m, ..)| m.contains("no notice is ever owed for it"))
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(
        message.starts_with("inject \"why\" can never go out"),
        "{message}"
    );
    assert_eq!((*line, *column), place(&text, "Some(NoticeMissed(\"port\""));
    // Nor does a team that may not take the action.
    let text = asked_why(false).replacen(
        "NoticeMissed(\"port\", \"op\")",
        "NoticeMissed(\"board\", \"op\")",
        1,
    );
    let found = errors(&text);
    assert!(
        found
            .iter()
            .any(|(m, ..)| m.contains("team \"board\" may not take action \"op\"")),
        "{found:?}"
    );
}

#[test]
fn a_missed_notice_sets_off_what_waits_on_it_and_is_known_to_the_team_that_owed_it() {
    let run = |notify: Option<&str>| {
        let s = load(&asked_why(true));
        let notify = notify.map_or(String::new(), |at| {
            format!(
                "    (team: \"port\", at: Some(\"{at}\"), take: \"notify\", to: Some(\"board\")),\n"
            )
        });
        let text = format!(
            "Decisions(format: 2, scenario: \"port-mini\", decisions: [\n    (team: \"chief\", at: Some(\"1h\"), take: \"op\"),\n    (team: \"port\", at: Some(\"4h\"), take: \"op\"),\n{notify}])"
        );
        let d = scenario::parse_decisions(&text, "d.ron", &s).unwrap();
        let mut sim = Simulation::new(s.clone(), 5);
        sim.script(&d);
        (s, sim)
    };
    let (s, mut sim) = run(None);
    let i = ids(&s);
    let why = s.inject_index("why").unwrap();
    // Started at 4h, due 2h later: the miss is at tick 24 (15-minute ticks).
    while sim.tick().is_none_or(|t| t < 23) {
        sim.step();
    }
    assert!(!sim.facts().delivered.contains_key(&why), "not missed yet");
    assert!(sim.knowledge(i.port).facts().notices_missed.is_empty());
    sim.step();
    assert_eq!(sim.facts().notices_missed.get(&(i.port, i.op)), Some(&24));
    assert_eq!(sim.facts().delivered.get(&why), Some(&24), "the same tick");
    assert!(
        sim.knowledge(i.port)
            .facts()
            .notices_missed
            .contains_key(&(i.port, i.op)),
        "the team that owed it is told"
    );
    assert!(
        sim.knowledge(i.board).facts().notices_missed.is_empty(),
        "the board was never told anything"
    );
    // Notified in time: nothing is missed and the inject never goes out.
    let (_, mut kept) = run(Some("5h"));
    while !kept.is_finished() {
        kept.step();
    }
    assert!(kept.facts().notices_missed.is_empty());
    assert!(!kept.facts().delivered.contains_key(&why));
}

#[test]
fn the_white_cell_sets_the_level_and_a_team_cannot() {
    let s = load(&chain_text(false));
    let i = ids(&s);
    let mut live = Live::new(s.clone(), 1);
    let set = Command::SetLevel {
        level: LevelId(1),
        reason: "the cabinet meets".into(),
    };
    assert!(matches!(
        live.give(Seat::Team(i.port), set.clone()),
        Err(Refusal::WhiteCellOnly { .. })
    ));
    let bad = Command::SetLevel {
        level: LevelId(5),
        reason: String::new(),
    };
    assert!(matches!(
        live.give(Seat::WhiteCell, bad),
        Err(Refusal::Check(kunren::command::CheckError::Missing {
            id: 5,
            ..
        }))
    ));
    live.give(Seat::WhiteCell, set).unwrap();
    live.step_n(Seat::WhiteCell, 1).unwrap();
    assert_eq!(live.sim().facts().level, 1);
    assert!(live.sim().log().events().iter().any(|e| e.text
        == "Crisis level raised from \"Normal\" to \"Emergency\" (by the facilitator: the cabinet meets)"));
    // A scenario without levels refuses the command.
    let plain = load(MINIMAL);
    let mut live = Live::new(plain, 1);
    assert_eq!(
        live.give(
            Seat::WhiteCell,
            Command::SetLevel {
                level: LevelId(0),
                reason: String::new()
            }
        ),
        Err(Refusal::Check(kunren::command::CheckError::NoLevels))
    );
    assert_eq!(
        kunren::command::CheckError::NoLevels.to_string(),
        "this scenario has no crisis levels"
    );
}

#[test]
fn a_report_to_named_recipients_reaches_each_of_them() {
    let s = load(&chain_text(false));
    let i = ids(&s);
    let report = s.action_index("report-both").unwrap();
    let mut sim = Simulation::new(s.clone(), 1);
    sim.submit(Command::Act {
        team: i.port,
        action: report,
        target: None,
        to: None,
        intel: None,
    });
    for _ in 0..4 {
        sim.step();
    }
    for to in [i.board, i.chief] {
        assert!(
            sim.facts().received.contains_key(&(to, i.port, report)),
            "{to:?}"
        );
    }
    let reported: Vec<&str> = sim
        .log()
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::Reported)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        reported,
        [
            "Port operator reported the incident to Board",
            "Port operator reported the incident to Chief"
        ]
    );
    let completed = sim
        .log()
        .events()
        .iter()
        .find(|e| e.kind == EventKind::ActionCompleted)
        .unwrap();
    assert_eq!(
        completed.text,
        "Port operator completed \"Statutory report\" to Board and Chief"
    );
}

/// The drill plays Japan's law: the SDF only on the Prime Minister's order, servers abroad by
/// the police only after consulting the Foreign Minister, the commission told afterwards in an
/// emergency, reports to the competent minister and the Prime Minister, and only designated
/// operators reporting under the law (not the hospital, not the small IT supplier).
#[test]
fn the_drill_plays_japans_law() {
    let s = crate::helpers::builtin("multinational-drill");
    let team = |id: &str| s.team_index(id).unwrap();
    let action = |id: &str| s.action(s.action_index(id).unwrap());
    let chain = |id: &str| -> Vec<(String, &'static str, bool)> {
        action(id)
            .steps
            .iter()
            .map(|st| {
                (
                    s.team(st.by).id.clone(),
                    st.kind.words(),
                    st.afterwards.is_some(),
                )
            })
            .collect()
    };
    assert_eq!(
        chain("acd-neutralise"),
        [
            ("pm".to_string(), "order", false),
            ("oversight".to_string(), "approval", true)
        ]
    );
    assert_eq!(action("acd-neutralise").teams, [team("mod")]);
    assert_eq!(
        chain("npa-neutralise"),
        [
            ("mofa".to_string(), "consultation", false),
            ("oversight".to_string(), "approval", true)
        ]
    );
    assert_eq!(action("npa-neutralise").teams, [team("npa")]);
    assert_eq!(
        action("report-acd").recipients,
        [team("regulator"), team("pm")]
    );
    let designated = &action("report-acd").teams;
    assert!(!designated.contains(&team("hospital")) && !designated.contains(&team("supplier")));
    assert_eq!(
        s.team(team("mofa")).played_by,
        kunren::scenario::model::PlayedBy::People
    );
    // No other action, and no shipped scenario about the hospital or the IT supplier, claims
    // a duty under the ACD law for them.
    for a in &s.actions {
        let says = a.name.contains("ACD") || a.description.contains("ACD");
        let theirs = a.teams.contains(&team("hospital")) || a.teams.contains(&team("supplier"));
        assert!(
            !(says && theirs),
            "{} claims the ACD law for the hospital",
            a.id
        );
    }
    for id in ["osaka-hospital-ransomware", "sme-supply-chain"] {
        let text = kunren::library::builtin(id).unwrap().source;
        for claim in ["Active Cyber Defense", "ACD law", "ACD-law"] {
            assert!(!text.contains(claim), "{id} claims \"{claim}\"");
        }
    }
    // In an emergency (declared by the white cell) the MoD starts on the order alone, and the
    // commission, never notified, is owed a notice the facilitator sees.
    let mut sim = Simulation::new(s.clone(), 1);
    let c2 = kunren::scenario::model::IntelId(
        s.intel
            .iter()
            .position(|i| i.id == "allied-c2-map")
            .unwrap() as u32,
    );
    sim.submit(Command::Act {
        team: team("us"),
        action: s.action_index("share-intel").unwrap(),
        target: None,
        to: Some(team("mod")),
        intel: Some(c2),
    });
    let emergency = s.levels.iter().position(|l| l.id == "emergency").unwrap();
    sim.submit(Command::SetLevel {
        level: LevelId(emergency as u32),
        reason: "exercise".into(),
    });
    for _ in 0..4 {
        sim.step();
    }
    sim.submit(Command::Authorise {
        team: team("pm"),
        action: s.action_index("acd-neutralise").unwrap(),
        requester: Some(team("mod")),
        grant: true,
    });
    sim.submit(Command::Act {
        team: team("mod"),
        action: s.action_index("acd-neutralise").unwrap(),
        target: None,
        to: None,
        intel: None,
    });
    for _ in 0..60 {
        sim.step();
    }
    let events = sim.log().events();
    assert!(events.iter().any(|e| e.text.starts_with(
        "Ministry of Defense / JSDF Cyber Defense Command started \"SDF: neutralise"
    )));
    assert!(
        events
            .iter()
            .any(|e| e.kind == EventKind::Law && e.text.starts_with("Notice missed")),
        "the commission was never told"
    );
    // It asks why (NoticeMissed): the ministry, the police and the Prime Minister's Office hear.
    let asks = s.inject_index("commission-asks").unwrap();
    assert!(sim.facts().delivered.contains_key(&asks));
    let asked = events
        .iter()
        .find(|e| {
            e.text
                .contains("Oversight commission: why were we not told?")
        })
        .expect("the commission's question is in the log");
    for t in ["mod", "npa", "pm"] {
        assert!(asked.known_by(team(t)), "{t}");
    }
    assert!(
        sim.knowledge(team("mod"))
            .facts()
            .notices_missed
            .contains_key(&(team("mod"), s.action_index("acd-neutralise").unwrap()))
    );
}
