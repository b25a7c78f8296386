//! Two languages: texts written in English and Japanese (format 2), refused at their place when
//! malformed or in a file of format 1; each seat's view in its language, and the run (its journal
//! and its state hash) the same whichever language anyone reads.

use kunren::lang::Lang;
use kunren::scenario::TextKey;

// The minimal fixture, edited and loaded as the format 2 tests do.
use super::format2::{MINIMAL, edited, errors, load, v2};

/// Line and column (1-based, the column in characters: the texts here hold Japanese) of the
/// first occurrence of `needle` in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].chars().rev().take_while(|c| *c != '\n').count() + 1;
    (line, column)
}

const TEAM: (&str, &str) = (
    "name: \"Port operator\"",
    "name: (en: \"Port operator\", ja: \"港湾運送事業者\")",
);
const SUBJECT: (&str, &str) = (
    "subject: \"Gate queue growing\",",
    "subject: (\n                en: \"Gate queue growing\",\n                ja: \"ゲート前の待機列が伸びている\",\n            ),",
);

#[test]
fn a_text_in_two_languages_needs_format_2_and_is_refused_at_its_place() {
    let text = edited(&[TEAM]);
    let e = errors(&text);
    let all = e.to_string();
    assert!(all.contains("a text in two languages"), "{all}");
    assert!(all.contains("add `format: 2,`"), "{all}");
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&text, "(en: \"Port operator\"")
    );
}

#[test]
fn each_seat_reads_the_texts_in_its_language_and_a_single_text_in_any() {
    let s = load(&v2(&[TEAM, SUBJECT]));
    let port = s.team_index("port").unwrap();
    assert_eq!(s.text(TextKey::TeamName(port), Lang::En), "Port operator");
    assert_eq!(s.text(TextKey::TeamName(port), Lang::Ja), "港湾運送事業者");
    assert_eq!(
        s.team(port).name,
        "Port operator",
        "the model keeps the English"
    );
    let i = s.inject_index("i01").unwrap();
    assert_eq!(
        s.text(TextKey::InjectSubject(i), Lang::Ja),
        "ゲート前の待機列が伸びている"
    );
    // A text written once is shown as written in either language.
    let tos = s.asset_index("tos").unwrap();
    for lang in Lang::ALL {
        assert_eq!(
            s.text(TextKey::AssetName(tos), lang),
            "Terminal operating system"
        );
    }
    // Japanese alone is the text in English too.
    let s = load(&v2(&[(
        "name: \"Contain the intrusion\"",
        "name: (ja: \"侵入を封じ込める\")",
    )]));
    let o = s.objectives.iter().position(|o| o.id == "o1").unwrap() as u32;
    let key = TextKey::ObjectiveName(kunren::scenario::ObjectiveId(o));
    assert_eq!(s.text(key, Lang::En), "侵入を封じ込める");
    assert_eq!(s.text(key, Lang::Ja), "侵入を封じ込める");
}

#[test]
fn a_language_given_twice_or_unknown_or_none_is_refused_where_it_stands() {
    let twice = v2(&[(
        "subject: \"Gate queue growing\",",
        "subject: (\n                en: \"Gate queue growing\",\n                ja: \"待機列\",\n                ja: \"待機列が伸びる\",\n            ),",
    )]);
    let e = errors(&twice);
    let all = e.to_string();
    assert!(all.contains("the Japanese text is given twice"), "{all}");
    assert!(all.contains("keep one `ja:`"), "{all}");
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&twice, "ja: \"待機列が伸びる\"")
    );

    let unknown = v2(&[(
        "name: \"Port operator\"",
        "name: (en: \"Port operator\", fr: \"Opérateur portuaire\")",
    )]);
    let e = errors(&unknown);
    let all = e.to_string();
    assert!(all.contains("unknown language `fr`"), "{all}");
    assert!(all.contains("`en` (English) and `ja` (Japanese)"), "{all}");
    assert_eq!((e.items[0].line, e.items[0].column), place(&unknown, "fr:"));

    let none = v2(&[("name: \"Port operator\"", "name: (en: \"\")")]);
    let e = errors(&none);
    let all = e.to_string();
    assert!(all.contains("written in no language"), "{all}");
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&none, "(en: \"\")")
    );
}

#[test]
fn a_scenario_half_in_japanese_is_linted_at_each_text_left_in_english() {
    let text = v2(&[TEAM]);
    let w = kunren::authoring::lint::lint(&text, "lang.ron").expect("valid");
    let all = w.to_string();
    assert!(all.contains("[text-in-both-languages]"), "{all}");
    assert!(
        all.contains("\"Terminal operating system\" has no Japanese"),
        "{all}"
    );
    // `from: "port"` names a team: its name is shown, so it needs no Japanese of its own.
    assert!(!all.contains("\"port\" has no Japanese"), "{all}");
    let english = kunren::authoring::lint::lint(MINIMAL, "lang.ron").expect("valid");
    assert!(!english.to_string().contains("text-in-both-languages"));
}

/// The flagship's historical run, read by its operator's seat at the failure in both languages.
#[test]
fn the_flagship_reads_in_japanese_and_its_run_is_the_same_in_either_language() {
    let s = crate::helpers::flagship();
    let d = crate::helpers::decision_set("nagoya-port-ransomware", &s, "historical");
    let nhta = s.team_index("nhta").unwrap();
    let mut sim = crate::helpers::simulate(&s, Some(&d), 1);
    let hash = kunren::summary::state_hash(&sim);
    let en = sim.knowledge(nhta).view();
    let ja = sim.knowledge(nhta).in_lang(Lang::Ja).view();
    assert_eq!(
        kunren::summary::state_hash(&sim),
        hash,
        "reading changes nothing"
    );
    assert_eq!(
        en.name,
        "Nagoya Harbor Transportation Association (NUTS operator)"
    );
    assert_eq!(ja.name, "名古屋港運協会（NUTS運用者）");
    // The same knowledge, in other words: entries, assets, standings and offers line up.
    assert_eq!(en.inbox.len(), ja.inbox.len());
    assert_eq!(en.assets.len(), ja.assets.len());
    for (a, b) in en.objectives.iter().zip(&ja.objectives) {
        assert_eq!(a.standing, b.standing);
    }
    for (a, b) in en.actions.iter().zip(&ja.actions) {
        assert_eq!(
            (a.id.as_str(), a.unavailable.is_some()),
            (b.id.as_str(), b.unavailable.is_some())
        );
    }
    let note = ja
        .inbox
        .iter()
        .find(|e| e.text.contains("身代金要求文"))
        .expect("the ransom-note inject reads in Japanese");
    assert!(
        note.text
            .starts_with("[チケット] NUTS事務所の夜間当直者より:"),
        "{}",
        note.text
    );
    assert!(
        note.detail
            .as_deref()
            .unwrap()
            .contains("LockBit Black Ransomware")
    );
    assert!(
        ja.assets
            .iter()
            .any(|a| a.name == "NUTSアプリケーションサーバ")
    );
    assert!(
        ja.objectives
            .iter()
            .any(|o| o.name == "24時間以内に警察に届け出る")
    );
    // An inject from a team shows the team's own Japanese name.
    let police = ja
        .inbox
        .iter()
        .find(|e| e.text.contains("捜査員がまずサーバの保全"));
    assert!(
        police
            .unwrap()
            .text
            .contains("愛知県警察 サイバー犯罪対策課より")
    );
    // The engine's lines about the scenario's phases and objectives read in Japanese too.
    assert!(
        ja.inbox
            .iter()
            .any(|e| e.text == "フェーズ開始: 封じ込めと復旧")
    );
    assert!(
        ja.inbox
            .iter()
            .any(|e| e.text == "目標達成: 24時間以内に警察に届け出る")
    );
    assert!(
        en.inbox
            .iter()
            .any(|e| e.text == "Phase begins: Containment and recovery")
    );
    // The journal-facing record is English and the same: the log is not translated.
    assert!(
        sim.log()
            .events()
            .iter()
            .all(|e| !e.text.contains("身代金要求文"))
    );
    sim.step();
}

#[test]
fn kunren_view_reads_a_seat_in_the_language_asked_for() {
    let out = crate::helpers::kunren(&[
        "view",
        "nagoya-port-ransomware",
        "--seat",
        "nhta",
        "--at",
        "1d8h",
        "--decisions",
        "historical",
        "--lang",
        "ja",
    ]);
    let text = crate::helpers::text(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        crate::helpers::text(&out.stderr)
    );
    for words in [
        "名古屋港運協会",
        "受信（",
        "把握している資産",
        "目標と期限",
        "停止",
    ] {
        assert!(text.contains(words), "{words} missing:\n{text}");
    }
    let out = crate::helpers::kunren(&[
        "view",
        "nagoya-port-ransomware",
        "--seat",
        "nhta",
        "--at",
        "1d8h",
        "--lang",
        "fr",
    ]);
    assert!(!out.status.success());
    assert!(
        crate::helpers::text(&out.stderr).contains("kunren speaks en (English) and ja (Japanese)")
    );
}

/// The operator's console in Japanese the morning after the encryption, on each of its screens:
/// its own words and the scenario's texts in Japanese, every row within the terminal, tables
/// aligned on display width.
#[test]
fn the_operators_console_reads_in_japanese_and_double_width_text_keeps_its_columns() {
    use crate::console::{app, press};
    // The screen as text, a double-width character once.
    let screen = crate::console_ja::shown;
    let mut app = app();
    app.console.lang = Lang::Ja;
    press(&mut app, "\n:step 124\nSj\n");
    let (w, h) = (100, 30);
    let mut shots = Vec::new();
    for tab in 1..=5 {
        press(&mut app, &tab.to_string());
        let text = screen(&app, w, h);
        for row in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(row) <= usize::from(w),
                "a row wider than the terminal:\n{row}"
            );
        }
        shots.push(text);
    }
    let inbox = &shots[0];
    assert!(inbox.contains("名古屋港運協会（NUTS運用者）"), "{inbox}");
    assert!(inbox.contains("1 受信"), "{inbox}");
    assert!(
        inbox.contains("[電話] 飛島のゲート担当者より: トレーラーがゲートを通れない"),
        "{inbox}"
    );
    assert!(
        inbox.contains("席: 名古屋港運協会（NUTS運用者）"),
        "{inbox}"
    );
    insta::assert_snapshot!("operator_in_japanese", shots.join("\n\n────────\n\n"));
    // The same console in English is as it always was: its language is the console's alone.
    app.console.lang = Lang::En;
    press(&mut app, "1");
    assert!(screen(&app, w, h).contains("1 Inbox"));
}

/// The same script played in a Japanese and an English console writes the same journal (but for
/// the wall-clock times of starting and leaving): the language is the console's alone.
#[test]
fn a_session_journals_the_same_in_either_language() {
    let dir = std::env::temp_dir().join(format!("kunren-lang-journal-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("script.ron");
    std::fs::write(
        &script,
        r#"[Line("note the room is ready"), Step(30), Line("seat nhta")]"#,
    )
    .unwrap();
    let journal = |lang: &str| {
        let sessions = dir.join(lang);
        let out = crate::helpers::kunren(&[
            "play",
            "nagoya-port-ransomware",
            "--script",
            script.to_str().unwrap(),
            "--session-dir",
            sessions.to_str().unwrap(),
            "--lang",
            lang,
        ]);
        assert!(
            out.status.success(),
            "{}",
            crate::helpers::text(&out.stderr)
        );
        let path = std::fs::read_dir(&sessions)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let text = std::fs::read_to_string(path).unwrap();
        // The header and the leaving hold the wall clock; every other line is the exercise's.
        text.lines()
            .skip(1)
            .filter(|l| !l.contains("{\"Left\":"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (ja, en) = (journal("ja"), journal("en"));
    assert!(en.len() > 10, "{en:#?}");
    assert!(
        en.iter().any(|l| l.contains("the room is ready")),
        "{en:#?}"
    );
    assert_eq!(ja, en);
    let _ = std::fs::remove_dir_all(&dir);
}

const CAMPAIGN: (&str, &str) = (
    "name: \"LockBit affiliate\"",
    "name: (en: \"LockBit affiliate\", ja: \"LockBitのアフィリエイト\")",
);
const STAGE: (&str, &str) = (
    "(id: \"access\", technique:",
    "(id: \"access\", name: (en: \"Log in through the VPN\", ja: \"VPNからログインする\"), technique:",
);
const LEARNING: (&str, &str) = (
    "        summary: \"An intruder",
    "        learning_objectives: [\"Contain first.\", (en: \"Restore in order.\", ja: \"順序立てて復旧する。\")],\n        summary: \"An intruder",
);
const SERVICE: (&str, &str) = (
    "measure: \"gate_containers\", unit:",
    "measure: \"gate_containers\", name: (en: \"Containers through the gate\", ja: \"ゲートのコンテナ処理量\"), unit:",
);

/// A campaign's and a stage's name, a learning objective and a service measure's name are texts
/// in two languages like the others: each reader gets its own, the model keeps the English.
#[test]
fn campaign_and_stage_names_learning_objectives_and_measure_names_read_in_either_language() {
    use kunren::scenario::model::{CampaignId, Measure, ServiceMeasureId, StageRef};
    let s = load(&v2(&[CAMPAIGN, STAGE, LEARNING, SERVICE]));
    let c = CampaignId(0);
    let stage = StageRef {
        campaign: c,
        stage: 0,
    };
    assert_eq!(
        s.text(TextKey::CampaignName(c), Lang::En),
        "LockBit affiliate"
    );
    assert_eq!(
        s.text(TextKey::CampaignName(c), Lang::Ja),
        "LockBitのアフィリエイト"
    );
    assert_eq!(s.campaigns[0].name, "LockBit affiliate");
    assert_eq!(
        s.text(TextKey::StageName(stage), Lang::Ja),
        "VPNからログインする"
    );
    assert_eq!(s.stage(stage).name, "Log in through the VPN");
    assert_eq!(
        s.learning_objectives(Lang::Ja),
        ["Contain first.", "順序立てて復旧する。"]
    );
    assert_eq!(
        s.learning_objectives(Lang::En),
        ["Contain first.", "Restore in order."]
    );
    let gate = Measure::Throughput(ServiceMeasureId(0));
    assert_eq!(
        s.measure_title(gate, Lang::En),
        "Containers through the gate"
    );
    assert_eq!(s.measure_title(gate, Lang::Ja), "ゲートのコンテナ処理量");
    for key in [
        TextKey::CampaignName(c),
        TextKey::StageName(stage),
        TextKey::LearningObjective(1),
    ] {
        assert!(s.text_keys().contains(&key), "{key:?} is listed");
    }
    // Unnamed, a service measure reads as its id in English and by its asset in Japanese.
    let plain = load(MINIMAL);
    assert_eq!(plain.measure_title(gate, Lang::En), "Gate containers");
    assert_eq!(
        plain.measure_title(gate, Lang::Ja),
        "Terminal operating systemのサービス量"
    );
    // The same texts written plainly in a file of format 1 load as they always did.
    let s = load(&edited(&[(
        "        summary: \"An intruder",
        "        learning_objectives: [\"Contain first.\"],\n        summary: \"An intruder",
    )]));
    assert_eq!(s.format, 1);
    assert_eq!(s.campaigns[0].name, "LockBit affiliate");
    assert_eq!(s.learning_objectives(Lang::Ja), ["Contain first."]);
    assert_eq!(
        s.text(TextKey::CampaignName(c), Lang::Ja),
        "LockBit affiliate"
    );
}

/// Malformed, each new text is refused at its place: in format 1, with no language, or with
/// a language kunren does not speak; two assets sharing a measure may not name it two ways.
#[test]
fn a_malformed_campaign_stage_objective_or_measure_name_is_refused_where_it_stands() {
    for edit in [CAMPAIGN, STAGE, LEARNING, SERVICE] {
        let text = edited(&[edit]);
        let e = errors(&text);
        assert!(e.to_string().contains("a text in two languages"), "{e}");
        assert_eq!(
            (e.items[0].line, e.items[0].column),
            place(&text, "(en: "),
            "{e}"
        );
    }
    let none = v2(&[(
        "(id: \"access\", technique:",
        "(id: \"access\", name: (en: \"\", ja: \"\"), technique:",
    )]);
    let e = errors(&none);
    assert!(e.to_string().contains("written in no language"), "{e}");
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&none, "(en: \"\", ja: \"\")")
    );
    let french = v2(&[(
        "        summary: \"An intruder",
        "        learning_objectives: [(en: \"Contain first.\", fr: \"Contenir d'abord.\")],\n        summary: \"An intruder",
    )]);
    let e = errors(&french);
    assert!(e.to_string().contains("unknown language `fr`"), "{e}");
    assert_eq!((e.items[0].line, e.items[0].column), place(&french, "fr:"));
    let twice = v2(&[
        SERVICE,
        (
            "kind: Data),",
            "kind: Data, service: Some((measure: \"gate_containers\", name: \"Gate moves\", unit: \"containers/h\", normal: 10.0))),",
        ),
    ]);
    let e = errors(&twice);
    let all = e.to_string();
    // The terminal database comes first in the file: the operating system's name is the other.
    assert!(
        all.contains("asset \"tos\" names the measure \"gate_containers\""),
        "{all}"
    );
    assert!(all.contains("names it \"Gate moves\""), "{all}");
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&twice, "(en: \"Containers through the gate\"")
    );
}

/// The lint for a scenario written in both languages names a campaign, a stage, a learning
/// objective and a measure name left in English, each at its place.
#[test]
fn a_bilingual_scenario_is_linted_at_a_campaign_stage_or_objective_left_in_english() {
    let text = v2(&[
        TEAM,
        (
            "(id: \"access\", technique:",
            "(id: \"access\", name: \"Log in through the VPN\", technique:",
        ),
        (
            "        summary: \"An intruder",
            "        learning_objectives: [\"Contain first.\"],\n        summary: \"An intruder",
        ),
        (
            "measure: \"gate_containers\", unit:",
            "measure: \"gate_containers\", name: \"Gate moves\", unit:",
        ),
    ]);
    let all = kunren::authoring::lint::lint(&text, "lang.ron")
        .expect("valid")
        .to_string();
    for english in [
        "\"LockBit affiliate\" has no Japanese",
        "\"Log in through the VPN\" has no Japanese",
        "\"Contain first.\" has no Japanese",
        "\"Gate moves\" has no Japanese",
    ] {
        assert!(all.contains(english), "{english} in\n{all}");
    }
    let at = |needle: &str| {
        let (line, _) = place(&text, needle);
        format!("lang.ron:{line}:")
    };
    for needle in ["\"Log in through the VPN\"", "\"Contain first.\""] {
        assert!(
            all.contains(&at(needle)),
            "{needle} at {} in\n{all}",
            at(needle)
        );
    }
}

const UNIT: (&str, &str) = (
    "unit: \"containers/h\"",
    "unit: (en: \"containers/h\", ja: \"本/時\")",
);

/// A service's unit may be written in both languages (format 2): each reader reads the unit in
/// its own, in the model and in what the charts and the report are given; a unit written once
/// reads the same in both.
#[test]
fn a_services_unit_reads_in_either_language() {
    use kunren::scenario::model::{Measure, ServiceMeasureId};
    let gate = Measure::Throughput(ServiceMeasureId(0));
    let s = load(&v2(&[UNIT]));
    assert_eq!(s.measure_unit(gate, Lang::En), "containers/h");
    assert_eq!(s.measure_unit(gate, Lang::Ja), "本/時");
    assert_eq!(s.service_measures[0].unit, "containers/h");
    assert_eq!(
        s.measure_unit_of("gate_containers", Lang::Ja).as_deref(),
        Some("本/時")
    );
    let tos = s.asset_index("tos").unwrap();
    assert!(s.text_keys().contains(&TextKey::ServiceUnit(tos)));
    assert_eq!(s.measure_unit(Measure::RecordsExposed, Lang::Ja), "件");
    let plain = load(MINIMAL);
    for lang in [Lang::En, Lang::Ja] {
        assert_eq!(plain.measure_unit(gate, lang), "containers/h");
    }
    assert!(
        !plain
            .text_keys()
            .iter()
            .any(|k| matches!(k, TextKey::ServiceUnit(_)))
    );
}

/// Malformed, a unit in two languages is refused at its place: in a file of format 1, and when
/// two assets sharing a measure write its Japanese two ways. The lint names a unit of English
/// words left without Japanese in a bilingual scenario, and not a symbol such as "MW".
#[test]
fn a_unit_in_two_languages_is_refused_where_it_is_malformed_and_linted_where_it_is_missing() {
    let text = edited(&[UNIT]);
    let e = errors(&text);
    assert!(e.to_string().contains("a text in two languages"), "{e}");
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&text, "(en: \"containers/h\"")
    );
    let twice = v2(&[
        UNIT,
        (
            "kind: Data),",
            "kind: Data, service: Some((measure: \"gate_containers\", unit: (en: \"containers/h\", ja: \"個/時\"), normal: 10.0))),",
        ),
    ]);
    let e = errors(&twice);
    let all = e.to_string();
    assert!(
        all.contains("writes the unit of \"gate_containers\" in Japanese as \"本/時\"")
            && all.contains("write ja: \"個/時\""),
        "{all}"
    );
    assert_eq!(
        (e.items[0].line, e.items[0].column),
        place(&twice, "(en: \"containers/h\", ja: \"本/時\")")
    );
    let lint = |edits: &[(&str, &str)]| {
        kunren::authoring::lint::lint(&v2(edits), "unit.ron")
            .expect("valid")
            .to_string()
    };
    let english = lint(&[TEAM]);
    assert!(
        english.contains("\"containers/h\" has no Japanese"),
        "{english}"
    );
    assert!(!lint(&[TEAM, UNIT]).contains("\"containers/h\""));
    let symbol = lint(&[TEAM, ("unit: \"containers/h\"", "unit: \"MW\"")]);
    assert!(!symbol.contains("\"MW\""), "{symbol}");
}
