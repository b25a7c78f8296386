//! Two languages beyond the scenario's texts: the after-action report in Japanese, the engine's
//! own log lines and refusals read by a Japanese seat, the crisis level in the console's header
//! and `kunren view`, and the multinational drill written in both languages.

use kunren::lang::Lang;
use kunren::report::{self, ReportInput};
use kunren::scenario::model::TextKey;
use kunren::sim::Simulation;
use kunren::sim::actions::Request;
use kunren::sim::log::EventKind;
use kunren::sim::log::lines::line;
use kunren::tui::App;
use kunren::tui::app::Seat;

use crate::console::{press, screen};
use crate::helpers::{builtin, decision_set, flagship, simulate};

fn japanese(text: &str) -> bool {
    text.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c))
}

/// Headings, table headers and the scenario's texts in Japanese; the English report is the one
/// the snapshots in `report.rs` pin, unchanged.
#[test]
fn a_report_in_japanese_has_japanese_headings_and_the_scenarios_japanese_texts() {
    let s = flagship();
    let d = decision_set("nagoya-port-ransomware", &s, "historical");
    let sim = simulate(&s, Some(&d), 1);
    let input = |lang| ReportInput {
        seed: Some(1),
        lang,
        ..ReportInput::default()
    };
    let en = report::build(&sim, &input(Lang::En));
    let ja = report::build(&sim, &input(Lang::Ja));
    let md = ja.to_markdown();
    assert!(md.starts_with("# 事後評価報告書: "), "{}", &md[..200]);
    for heading in [
        "## 概要",
        "## 目標",
        "## 主要な出来事の時系列",
        "## 改善計画",
    ] {
        assert!(md.contains(heading), "no {heading}");
    }
    assert!(
        md.contains("| 目標 | チーム | 期限 | 評価 | 根拠 |"),
        "table headers"
    );
    // Every heading and table header is Japanese.
    for l in md.lines().filter(|l| l.starts_with('#')) {
        assert!(japanese(l), "an English heading: {l}");
    }
    let name = s.text(
        TextKey::ObjectiveName(kunren::scenario::model::ObjectiveId(0)),
        Lang::Ja,
    );
    assert!(
        japanese(name) && md.contains(name),
        "the objective's Japanese name"
    );
    assert!(md.contains(s.text(TextKey::Title, Lang::Ja)));
    assert!(
        md.contains("演習の時計（UTC+09:00）"),
        "which clock the times are on"
    );
    // The engine's lines in the timeline read in Japanese too.
    assert!(ja.timeline.iter().any(|e| e.text.contains("を完了")));
    let html = ja.to_html();
    assert!(html.contains("lang=\"ja\"") && html.contains("<h2>概要</h2>"));
    // English: as it always was.
    let md_en = en.to_markdown();
    assert!(md_en.starts_with("# After-action report: "));
    assert!(md_en.contains("## Overview") && !md_en.contains("## 概要"));
    assert_eq!(en.timeline.len(), ja.timeline.len());
    // The measures are counted in their units in the report's language.
    let gates = |r: &report::AfterAction| {
        r.measures
            .iter()
            .find(|m| m.id == "gate_containers")
            .map(|m| m.unit.clone())
    };
    assert_eq!(gates(&ja).as_deref(), Some("本/時"));
    assert_eq!(gates(&en).as_deref(), Some("containers/h"));
    assert!(md.contains("本/時") && !md.contains("containers/h"));
}

/// The typed form of every line the engine wrote reads back, in English, exactly as the log
/// wrote it, over every shipped scenario and decision set: the two cannot drift apart.
#[test]
fn the_engines_lines_rebuilt_from_their_typed_form_read_as_the_log_wrote_them() {
    let mut checked = 0;
    for b in kunren::library::BUILTINS {
        let s = builtin(b.id);
        let mut sets: Vec<Option<&str>> = vec![None];
        sets.extend(b.decisions.iter().map(|(n, _, _)| Some(*n)));
        for set in sets {
            let d = set.map(|n| decision_set(b.id, &s, n));
            let sim = simulate(&s, d.as_ref(), 1);
            for e in sim.log().events() {
                let Some(about) = &e.about else { continue };
                let Some(en) = line(&s, about, Lang::En) else {
                    continue;
                };
                assert_eq!(en, e.text, "{} {set:?}: {about:?}", b.id);
                checked += 1;
                if let Some(ja) = line(&s, about, Lang::Ja) {
                    assert_ne!(ja, e.text, "{about:?} has its own Japanese");
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} lines checked");
}

/// A team seat reading Japanese sees the engine's lines and the reasons an action is refused
/// in Japanese; the run is the same.
#[test]
fn a_team_seat_in_japanese_sees_japanese_log_lines_and_refusals() {
    let s = flagship();
    let d = decision_set("nagoya-port-ransomware", &s, "historical");
    let nhta = s.team_index("nhta").unwrap();
    let sim = simulate(&s, Some(&d), 1);
    let view = sim.knowledge(nhta).in_lang(Lang::Ja).view();
    let kinds = [
        EventKind::ActionStarted,
        EventKind::ActionCompleted,
        EventKind::Detection,
        EventKind::ExerciseStarted,
    ];
    for kind in kinds {
        let entries: Vec<_> = view.inbox.iter().filter(|e| e.kind == kind).collect();
        assert!(!entries.is_empty(), "no {kind:?}");
        for e in entries {
            assert!(japanese(&e.text), "{kind:?} in English: {}", e.text);
        }
    }
    assert!(
        view.inbox
            .iter()
            .any(|e| e.text.starts_with("演習開始: ") && e.text.contains("名古屋")),
        "the exercise begins under its Japanese title"
    );
    // A refusal: an action of another team's, and one done once already.
    let other = s
        .team_index("police")
        .unwrap_or(kunren::scenario::model::TeamId(1));
    let act = s
        .actions
        .iter()
        .position(|a| !a.teams.contains(&nhta))
        .map(|i| kunren::scenario::model::ActionId(i as u32))
        .expect("an action the operator may not take");
    let req = Request {
        team: nhta,
        action: act,
        target: None,
        to: None,
        intel: None,
    };
    let ja = sim.knowledge(nhta).in_lang(Lang::Ja).refusal(&req).unwrap();
    let en = sim.knowledge(nhta).refusal(&req).unwrap();
    assert!(japanese(&ja) && ja.contains("実施できない"), "{ja}");
    assert!(en.contains("cannot take"), "{en}");
    let req = Request { team: other, ..req };
    let ja = sim.knowledge(nhta).in_lang(Lang::Ja).refusal(&req).unwrap();
    assert!(ja.contains("代わって行動できない"), "{ja}");
    // Greyed-out offers say why in Japanese.
    let offers = sim.knowledge(nhta).in_lang(Lang::Ja).actions();
    let why: Vec<&String> = offers
        .iter()
        .filter_map(|o| o.unavailable.as_ref())
        .collect();
    assert!(!why.is_empty());
    assert!(why.iter().all(|w| japanese(w)), "{why:#?}");
    // Refused commands at the door read in Japanese.
    let refusal = kunren::command::Refusal::Ended;
    assert_eq!(
        refusal.say(&s, Lang::Ja),
        "拒否: 演習は終了した。これ以上は反映されない"
    );
}

/// The door's refusals name seats and teams in the seat's language, and the law's objections
/// (a step out of its chain's order, a team with no say) read in Japanese, in the door's
/// refusal and in the log line a Japanese seat reads.
#[test]
fn the_doors_refusals_and_the_laws_objections_read_in_japanese() {
    use kunren::command::{Command, Refusal, Seat as Door};
    use kunren::session::Live;
    let s = builtin("multinational-drill");
    let team = |id: &str| s.team_index(id).unwrap();
    let (mod_, oversight, pm) = (team("mod"), team("oversight"), team("pm"));
    let acd = s.action_index("acd-neutralise").unwrap();
    let grant = |by| Command::Authorise {
        team: by,
        action: acd,
        requester: Some(mod_),
        grant: true,
    };
    let mut live = Live::new(s.clone(), 1);
    // Another team's step from the commission's seat.
    let other = live.give(Door::Team(oversight), grant(pm)).unwrap_err();
    assert!(matches!(other, Refusal::OtherTeam { .. }), "{other:?}");
    let ja = other.say(&s, Lang::Ja);
    for t in [oversight, pm] {
        assert!(ja.contains(s.text(TextKey::TeamName(t), Lang::Ja)), "{ja}");
        assert!(!ja.contains(&s.team(t).name), "no English name: {ja}");
    }
    // The commission's approval before the Prime Minister's order.
    let early = live
        .give(Door::Team(oversight), grant(oversight))
        .unwrap_err();
    assert!(matches!(early, Refusal::Law(_)), "{early:?}");
    let (en, ja) = (early.say(&s, Lang::En), early.say(&s, Lang::Ja));
    assert!(en.contains("comes after") && en.contains("order"), "{en}");
    assert!(
        ja.starts_with("拒否: ") && ja.contains("命令") && ja.contains("承認"),
        "{ja}"
    );
    assert!(
        !ja.contains("order") && !ja.contains(&s.team(pm).name),
        "{ja}"
    );
    // A team with no say: the door refuses it in Japanese too.
    let nobody = live.give(
        Door::Team(mod_),
        Command::Authorise {
            team: mod_,
            action: acd,
            requester: Some(mod_),
            grant: true,
        },
    );
    let ja = nobody.unwrap_err().say(&s, Lang::Ja);
    assert!(ja.contains("権限がない"), "{ja}");
    // A white cell's order out of turn, given for the room, logs the objection: typed, so a
    // Japanese seat reads it in Japanese.
    live.give(Door::WhiteCell, grant(pm)).unwrap();
    let mut sim = Simulation::new(s.clone(), 1);
    sim.submit(grant(mod_));
    sim.step();
    let refused = sim
        .log()
        .events()
        .iter()
        .find(|e| e.kind == EventKind::ActionRefused)
        .expect("the objection is logged");
    assert!(
        refused.text.contains("has no authority over"),
        "{}",
        refused.text
    );
    let (read, _) = sim.read(refused, Lang::Ja);
    assert!(read.contains("権限がない") && japanese(&read), "{read}");
}

fn drill_console(lang: Lang) -> App {
    let mut app = App::new(builtin("multinational-drill"), 1);
    app.console.lang = lang;
    app
}

/// The crisis level in the header: the white cell's from the truth, a team's from its
/// knowledge; the drill opens at "Normal" and the strait news raises it.
#[test]
fn the_crisis_level_is_in_the_header_for_the_white_cell_and_each_team() {
    let mut app = drill_console(Lang::En);
    press(&mut app, "\n");
    let top = screen(&app, 200, 30);
    let header = top.lines().next().unwrap();
    assert!(header.contains("level Normal"), "{header}");
    press(&mut app, ":step 80\n");
    let s = builtin("multinational-drill");
    let level = app.live.sim().level().expect("the drill has levels");
    assert!(level.0 > 0, "the strait news raised the level by 80 ticks");
    let name = s.text(TextKey::LevelName(level), Lang::En);
    let header = screen(&app, 200, 30).lines().next().unwrap().to_string();
    assert!(header.contains(&format!("level {name}")), "{header}");
    // A team's seat, in Japanese.
    let power = s.team_index("power").unwrap();
    app.console.seat = Seat::Team(power);
    app.console.lang = Lang::Ja;
    let ja = s.text(TextKey::LevelName(level), Lang::Ja);
    assert!(japanese(ja), "the level's name has its Japanese");
    // Double-width characters leave an empty cell after them: compare without spaces.
    let header = screen(&app, 200, 30)
        .lines()
        .next()
        .unwrap()
        .replace(' ', "");
    assert!(header.contains(&format!("事態レベル{ja}")), "{header}");
    assert_eq!(
        app.live.sim().knowledge(power).level(),
        Some(level),
        "every team knows the level: it is declared to all"
    );
}

#[test]
fn kunren_view_says_the_crisis_level_in_the_seats_language() {
    let s = builtin("multinational-drill");
    let power = s.team_index("power").unwrap();
    let sim = simulate(&s, None, 1);
    let view = sim.knowledge(power).in_lang(Lang::Ja).view();
    let level = view.level.clone().expect("the drill has levels");
    assert!(japanese(&level), "{level}");
    let text = kunren::briefing::to_text(&view, &s, Lang::Ja);
    assert!(text.contains(&format!("事態レベル: {level}")), "{text}");
    // A scenario without levels says nothing of them, in text or JSON.
    let f = flagship();
    let nhta = f.team_index("nhta").unwrap();
    let view = simulate(&f, None, 1).knowledge(nhta).view();
    assert_eq!(view.level, None);
    assert!(!serde_json::to_string(&view).unwrap().contains("\"level\""));
}

/// The drill in both languages: every inject, the title, and every intel item and objective.
#[test]
fn the_multinational_drill_is_written_in_both_languages() {
    let s = builtin("multinational-drill");
    let missing: Vec<TextKey> = s
        .text_keys()
        .into_iter()
        .filter(|k| !s.text(*k, Lang::En).is_empty() && !s.ja.contains_key(k))
        .filter(
            |k| !matches!(k, TextKey::InjectFrom(i) if s.injects[i.index()].from_team.is_some()),
        )
        .collect();
    assert!(missing.is_empty(), "no Japanese for {missing:?}");
    assert!(japanese(s.text(TextKey::Title, Lang::Ja)));
    // A Japanese seat reads a delivered inject in Japanese.
    let sim = simulate(&s, None, 1);
    let power = s.team_index("power").unwrap();
    let view = sim.knowledge(power).in_lang(Lang::Ja).view();
    let startex = view
        .inbox
        .iter()
        .find(|e| e.kind == EventKind::InjectDelivered)
        .expect("STARTEX");
    assert!(japanese(&startex.text), "{}", startex.text);
}

#[test]
fn kunren_report_writes_in_the_language_asked_for() {
    let out = crate::helpers::kunren(&[
        "report",
        "nagoya-port-ransomware",
        "--decisions",
        "historical",
        "--lang",
        "ja",
    ]);
    let md = crate::helpers::text(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        crate::helpers::text(&out.stderr)
    );
    assert!(
        md.starts_with("# 事後評価報告書: 名古屋港"),
        "{}",
        &md[..100]
    );
    assert!(md.contains("## 概要") && md.contains("| 時刻の表記 | 演習の時計"));
    let bad = crate::helpers::kunren(&["report", "nagoya-port-ransomware", "--lang", "fr"]);
    assert!(!bad.status.success());
    assert!(crate::helpers::text(&bad.stderr).contains("unknown language"));
}

/// Every line of every shipped scenario's runs, and every line exercise control writes (an
/// inject fired, withdrawn, held back and rewritten, each kind of ruling, a note), has its typed
/// form: it reads back in English exactly as logged, and in Japanese in its own words, so no
/// seat reading Japanese meets an English line the engine wrote.
#[test]
fn every_line_the_engine_or_exercise_control_writes_has_its_typed_form() {
    use kunren::command::{Command, Ruling};
    let check = |s: &kunren::scenario::Scenario, sim: &Simulation, what: &str| {
        for e in sim.log().events() {
            let about = e
                .about
                .as_ref()
                .unwrap_or_else(|| panic!("{what}: untyped {:?} line: {}", e.kind, e.text));
            if let Some(en) = line(s, about, Lang::En) {
                assert_eq!(en, e.text, "{what}: {about:?}");
                let ja = line(s, about, Lang::Ja).unwrap();
                assert!(japanese(&ja), "{what}: no Japanese for {about:?}: {ja}");
            }
        }
    };
    for b in kunren::library::BUILTINS {
        let s = builtin(b.id);
        let mut sets: Vec<Option<&str>> = vec![None];
        sets.extend(b.decisions.iter().map(|(n, _, _)| Some(*n)));
        for set in sets {
            let d = set.map(|n| decision_set(b.id, &s, n));
            check(
                &s,
                &simulate(&s, d.as_ref(), 1),
                &format!("{} {set:?}", b.id),
            );
        }
    }
    // Exercise control's own lines, on the drill.
    let s = builtin("multinational-drill");
    let mut sim = Simulation::new(s.clone(), 1);
    sim.step();
    let inject = |i: u32| kunren::scenario::model::InjectId(i);
    let asset = kunren::scenario::model::AssetId(0);
    let ruling = |ruling| Command::Adjudicate {
        ruling,
        reason: "the room agreed".into(),
    };
    for c in [
        Command::FireInject { inject: inject(5) },
        Command::SkipInject { inject: inject(6) },
        Command::DelayInject {
            inject: inject(7),
            ticks: 8,
        },
        Command::EditInject {
            inject: inject(8),
            text: "Rewritten by control".into(),
        },
        ruling(Ruling::FailAsset(asset)),
        ruling(Ruling::RestoreAsset(asset)),
        ruling(Ruling::CancelAction(999)),
        ruling(Ruling::Roll {
            chance: 0.4,
            what: "the patch holds".into(),
        }),
        Command::Note {
            text: "slow to escalate".into(),
            objective: Some(kunren::scenario::model::ObjectiveId(0)),
            capability: None,
        },
    ] {
        sim.submit(c);
    }
    sim.step();
    let control = sim
        .log()
        .events()
        .iter()
        .filter(|e| e.known_to.is_empty())
        .count();
    assert!(control >= 9, "only {control} control lines");
    check(&s, &sim, "control");
}

/// ASCII words of two letters or more left in `text` once the scenario's names (each of its
/// texts as Japanese reads it), anything quoted in 「」 and the clock's times ("Tue 04 Jul 06:45")
/// are taken out: in a Japanese report, what the report itself wrote in English (a length of time
/// too: "1d6h15m" where Japanese reads "1日6時間15分").
fn english_words(text: &str, names: &[String]) -> Vec<String> {
    const CALENDAR: [&str; 19] = [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut rest = text.to_string();
    for n in names {
        rest = rest.replace(n.as_str(), " ");
    }
    let mut unquoted = String::new();
    let mut depth = 0usize;
    for c in rest.chars() {
        match c {
            '「' => depth += 1,
            '」' => depth = depth.saturating_sub(1),
            c if depth == 0 => unquoted.push(c),
            _ => {}
        }
    }
    unquoted
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            w.chars().filter(char::is_ascii_alphabetic).count() >= 2 && !CALENDAR.contains(w)
        })
        .map(str::to_string)
        .collect()
}

/// Every sentence a Japanese report derives (an objective's evidence and deadline, the causes
/// and corrective actions, issues, areas and strengths, capabilities, participants' kinds, the
/// note groups, the feedback's "who" and "what") holds no English of the report's own, over runs
/// of every shipped scenario where objectives are met, missed, met with the intruder inside,
/// still open and cued by a withdrawn inject.
#[test]
fn a_japanese_report_derives_no_english_sentence() {
    use kunren::command::Command;
    use kunren::report::{Analysis, Feedback, HotWash, Ratings};
    use kunren::scenario::model::CoreCapability;
    use kunren::sim::Simulation;

    let mut runs: Vec<(
        std::sync::Arc<kunren::scenario::model::Scenario>,
        Simulation,
        Ratings,
    )> = Vec::new();
    for b in kunren::library::BUILTINS {
        let s = builtin(b.id);
        runs.push((s.clone(), simulate(&s, None, 1), Ratings::default()));
        for (name, _, _) in b.decisions {
            let d = decision_set(b.id, &s, name);
            runs.push((s.clone(), simulate(&s, Some(&d), 1), Ratings::default()));
        }
    }
    // The flagship stopped on its second day, with its cue withdrawn, notes written and the
    // evaluators' entries made.
    let s = flagship();
    let mut sim = Simulation::new(s.clone(), 1);
    let close = s
        .objectives
        .iter()
        .position(|o| o.id == "close-entry")
        .unwrap();
    sim.submit(Command::SkipInject {
        inject: s.inject_index("advisory-edge-vpn").unwrap(),
    });
    sim.submit(Command::Note {
        text: "slow to call the vendor".into(),
        objective: Some(kunren::scenario::model::ObjectiveId(close as u32)),
        capability: Some(CoreCapability::Cybersecurity),
    });
    sim.submit(Command::Note {
        text: "good call".into(),
        objective: None,
        capability: None,
    });
    for _ in 0..140 {
        sim.step();
    }
    let mut ratings = Ratings::default();
    ratings.hot_wash.insert("nhta".into(), HotWash::default());
    ratings.analyses.insert(
        1,
        Analysis {
            analysis: "waited".into(),
            root_cause: "no procedure".into(),
        },
    );
    ratings.feedback.push(Feedback {
        team: Some("nhta".into()),
        role: "当直担当".into(),
        scores: vec![4, 4, 4, 4, 4],
        strengths: "pace".into(),
        ..Feedback::default()
    });
    ratings.feedback.push(Feedback {
        comments: "more time".into(),
        ..Feedback::default()
    });
    runs.push((s.clone(), sim, ratings));

    // The renderers print the words they are given in the report's language too.
    let (_, stopped, ratings) = runs.last().unwrap();
    let md = report::build(
        stopped,
        &ReportInput {
            ratings: ratings.clone(),
            lang: Lang::Ja,
            ..ReportInput::default()
        },
    )
    .to_markdown();
    for words in [
        " (サイバーセキュリティ): slow to call the vendor 分析: waited 根本原因: no procedure",
        "| 状況付与計画 |",
        "(良かった点): pace",
        "オブザーバー (意見): more time",
        "| 事業者 | 人 |",
        "。\n",
    ] {
        assert!(md.contains(words), "no {words:?} in\n{md}");
    }
    assert!(!md.contains("対象外."), "the ratings scale ends in 。");
    let (_, passive, _) = &runs[0];
    let ja = |sim| {
        report::build(
            sim,
            &ReportInput {
                lang: Lang::Ja,
                ..ReportInput::default()
            },
        )
    };
    let md = ja(passive).to_markdown();
    assert!(
        md.contains("| 計画 | 名古屋港運協会（NUTS運用者） |"),
        "{md}"
    );
    assert!(
        md.contains("| 装備 | 名古屋港運協会（NUTS運用者） |"),
        "{md}"
    );

    let mut seen = Vec::new();
    for (s, sim, ratings) in &runs {
        let ja = report::build(
            sim,
            &ReportInput {
                ratings: ratings.clone(),
                lang: Lang::Ja,
                ..ReportInput::default()
            },
        );
        let mut names: Vec<String> = s
            .text_keys()
            .into_iter()
            .map(|k| s.text(k, Lang::Ja).to_string())
            .filter(|t| !t.is_empty())
            .collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let mut derived: Vec<(&str, String)> = Vec::new();
        for a in &ja.objectives {
            derived.push(("evidence", a.evidence.clone()));
            derived.push(("deadline", a.deadline.clone()));
            derived.extend(a.capability.clone().map(|c| ("capability", c)));
            seen.push(a.evidence.clone());
        }
        for f in ja.strengths.iter().chain(&ja.areas) {
            derived.push(("finding", f.text.clone()));
        }
        for r in &ja.plan {
            for (what, text) in [
                ("issue", &r.issue),
                ("action", &r.action),
                ("capability", &r.capability),
                ("owner", &r.owner),
            ] {
                derived.push((what, text.clone()));
            }
        }
        for p in &ja.overview.participants {
            derived.push(("kind", p.kind.clone()));
            derived.push(("played by", p.played_by.clone()));
        }
        for g in &ja.notes {
            derived.push(("note group", format!("{} {}", g.name, g.team)));
        }
        for n in ja
            .notes
            .iter()
            .flat_map(|g| &g.notes)
            .chain(&ja.general_notes)
        {
            derived.extend(n.capability.clone().map(|c| ("note capability", c)));
        }
        for (who, what, _) in &ja.feedback.remarks {
            derived.push(("feedback", format!("{who} {what}")));
        }
        for (statement, _, _) in &ja.feedback.statements {
            derived.push(("statement", statement.clone()));
        }
        for c in &ja.control {
            derived.push(("control", c.what.to_string()));
        }
        // The evaluation guides, written in Japanese from the same scenario.
        let guides = report::guides(s, Lang::Ja);
        for g in &guides.guides {
            derived.push(("guide deadline", g.deadline.clone()));
            derived.push(("guide capability", g.capability.clone()));
            derived.extend(
                g.critical_tasks
                    .iter()
                    .map(|t| ("critical task", t.clone())),
            );
            derived.extend(g.watch_for.iter().map(|w| ("what to watch for", w.clone())));
        }
        for (what, text) in derived {
            let english = english_words(&text, &names);
            assert!(
                english.is_empty(),
                "{}: English {english:?} in the {what}: {text}",
                s.meta.id
            );
        }
    }
    // The runs hold every kind of evidence.
    for (kind, mark) in [
        ("met", "に達成"),
        ("missed", "を経過"),
        ("never attempted", "未着手"),
        ("the intruder inside", "M以下"),
        ("still open", "未決"),
        ("a withdrawn cue", "取り下げた"),
        ("not applicable", "対象外"),
    ] {
        assert!(seen.iter().any(|e| e.contains(mark)), "no evidence {kind}");
    }
}

/// The drill's report and evaluation guides in Japanese name its campaigns, its attacker's
/// stages and its learning objectives in Japanese, and never in their English.
#[test]
fn the_drills_japanese_report_and_guides_name_campaigns_stages_and_learning_objectives_in_japanese()
{
    use kunren::scenario::model::{CampaignId, StageRef};
    let s = builtin("multinational-drill");
    let d = decision_set("multinational-drill", &s, "good-practice");
    let sim = simulate(&s, Some(&d), 1);
    let ja = report::build(
        &sim,
        &ReportInput {
            lang: Lang::Ja,
            ..ReportInput::default()
        },
    );
    let md = ja.to_markdown();
    let html = ja.to_html();
    let guides = report::guides(&s, Lang::Ja);
    let eeg = guides.to_markdown();
    let eeg_html = guides.to_html();
    let mut english: Vec<String> = Vec::new();
    let mut campaigns = 0;
    for (i, c) in s.campaigns.iter().enumerate() {
        let key = TextKey::CampaignName(CampaignId(i as u32));
        let name = s.text(key, Lang::Ja);
        assert!(japanese(name) && name != c.name, "{}", c.name);
        campaigns += usize::from(md.contains(name));
        english.push(c.name.clone());
        for (j, st) in c.stages.iter().enumerate() {
            let r = StageRef {
                campaign: CampaignId(i as u32),
                stage: j as u32,
            };
            assert!(
                japanese(s.text(TextKey::StageName(r), Lang::Ja)),
                "{}",
                st.name
            );
            english.push(st.name.clone());
        }
    }
    assert!(
        campaigns >= 4,
        "the halted campaigns are named in Japanese:\n{md}"
    );
    // Every stage a guide's cue names is named in Japanese.
    assert!(eeg.contains("段階「運転員をSCADAから締め出す」"), "{eeg}");
    let objectives = s.learning_objectives(Lang::Ja);
    assert_eq!(objectives.len(), s.meta.learning_objectives.len());
    for (l, en) in objectives.iter().zip(s.learning_objectives(Lang::En)) {
        assert!(japanese(l), "{l}");
        for text in [&md, &html, &eeg, &eeg_html] {
            assert!(text.contains(l.as_str()), "{l}");
        }
        english.push(en);
    }
    for en in &english {
        for (what, text) in [
            ("report", &md),
            ("guides", &eeg),
            ("guides' HTML", &eeg_html),
        ] {
            assert!(!text.contains(en.as_str()), "{en:?} in the {what}");
        }
    }
    // The attacker's lines in the log read, for the white cell in Japanese, with the Japanese
    // names of the campaign and the stage; in English as logged.
    use kunren::sim::log::{About, Attack};
    let stage_line = sim
        .log()
        .events()
        .iter()
        .find_map(|e| match &e.about {
            Some(About::Attack(Attack::Succeeded(r))) => Some((e, *r)),
            _ => None,
        })
        .expect("a stage succeeds in the drill");
    let (e, r) = stage_line;
    let read = sim.read(e, Lang::Ja).0;
    for key in [TextKey::CampaignName(r.campaign), TextKey::StageName(r)] {
        assert!(read.contains(s.text(key, Lang::Ja)), "{key:?} in {read}");
    }
    assert!(e.text.contains(&s.stage(r).name), "{}", e.text);
    // The services are named as the drill names them, in Japanese.
    assert!(
        ja.service_names.iter().all(|n| japanese(n)),
        "{:?}",
        ja.service_names
    );
    assert!(md.contains("| ゲートのコンテナ処理量 |"), "{md}");
}

/// The drill with one stage's Japanese name taken out is linted at that stage, and only there.
#[test]
fn the_bilingual_lint_flags_a_drill_stage_left_without_its_japanese_name() {
    let b = kunren::library::builtin("multinational-drill").unwrap();
    let written =
        "name: (en: \"Open breakers at the substations\", ja: \"変電所の遮断器を開放する\"),";
    assert_eq!(b.source.matches(written).count(), 1);
    let text = b
        .source
        .replace(written, "name: \"Open breakers at the substations\",");
    let found = kunren::authoring::lint::lint(&text, b.path).expect("still valid");
    let all = found.to_string();
    assert!(
        all.contains("\"Open breakers at the substations\" has no Japanese"),
        "{all}"
    );
    let line = text[..text.find("name: \"Open breakers").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(all.contains(&format!(":{line}:")), "at line {line}: {all}");
    assert_eq!(all.matches("[text-in-both-languages]").count(), 1, "{all}");
}

/// The clock's English labels inside a text: a weekday, a day, a month and a time
/// ("Tue 02 Nov 06:00"; an author's own "from Thu 21 May" is the scenario's text).
pub(crate) fn english_dates(text: &str) -> Vec<String> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let day = |w: &str| w.len() == 2 && w.chars().all(|c| c.is_ascii_digit());
    words
        .windows(5)
        .filter(|w| {
            DAYS.contains(&w[0]) && day(w[1]) && MONTHS.contains(&w[2]) && day(w[3]) && day(w[4])
        })
        .map(|w| w[..3].join(" "))
        .collect()
}

/// Every time a Japanese reader is shown is a Japanese date ("11月3日(水) 06:00"): in the log
/// lines of every shipped scenario and decision set read in Japanese and in the report written
/// in Japanese; the English reading keeps its English dates.
#[test]
fn a_japanese_reader_reads_every_time_as_a_japanese_date() {
    assert_eq!(english_dates("期限 Tue 02 Nov 06:00"), vec!["Tue 02 Nov"]);
    assert!(english_dates("11月2日(火) 06:00 EDT").is_empty());
    assert!(english_dates("1.25 million records (May 2015), opened on 8 May").is_empty());
    let mut english_seen = 0;
    for b in kunren::library::BUILTINS {
        let s = builtin(b.id);
        let mut sets = vec![None];
        sets.extend(
            b.decisions
                .iter()
                .map(|(name, _, _)| Some(decision_set(b.id, &s, name))),
        );
        for d in sets {
            let sim = simulate(&s, d.as_ref(), 1);
            for e in sim.log().events() {
                let ja = sim.read(e, Lang::Ja).0;
                assert!(english_dates(&ja).is_empty(), "{}: {ja}", b.id);
                let lengths = crate::console_ja::english_durations(&ja);
                assert!(lengths.is_empty(), "{}: {ja}: {lengths:?}", b.id);
                english_seen += usize::from(!english_dates(&sim.read(e, Lang::En).0).is_empty());
            }
            let md = report::build(
                &sim,
                &ReportInput {
                    lang: Lang::Ja,
                    ..ReportInput::default()
                },
            )
            .to_markdown();
            let mut dates = english_dates(&md);
            dates.extend(crate::console_ja::english_durations(&md));
            assert!(dates.is_empty(), "{}: {dates:?}", b.id);
        }
    }
    assert!(english_seen > 0, "the English lines keep their dates");
}

/// An attacker's campaign has one Japanese name wherever it is read, the report's: the log says
/// a campaign began as 攻撃キャンペーン, not 作戦 (the word the scenarios keep for the
/// defenders' operations).
#[test]
fn an_attackers_campaign_is_a_kougeki_campaign_in_the_log_as_in_the_report() {
    let s = flagship();
    let sim = simulate(&s, None, 1);
    let lines: Vec<String> = sim
        .log()
        .events()
        .iter()
        .map(|e| sim.read(e, Lang::Ja).0)
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("攻撃キャンペーン開始: ")),
        "no campaign began in {lines:#?}"
    );
    assert!(lines.iter().all(|l| !l.contains("作戦")), "{lines:#?}");
}
