//! A Japanese seat reads the console's own words in Japanese everywhere: every white-cell and
//! team screen of the multinational drill, its dialogs and its status line, after some play
//! (ticks, an action queued, a note, an evaluation entry, ENDEX), hold no English sentence the
//! console wrote; and the status line and the command line answer in Japanese.

use std::collections::BTreeSet;

use kunren::lang::Lang;
use kunren::scenario::Scenario;
use kunren::tui::App;
use kunren::tui::app::Seat;
use kunren::tui::{said, words};

use crate::console::{draw, press};
use crate::helpers::builtin;

/// The screen as text, a double-width character once (not followed by its empty cell).
pub(crate) fn shown(app: &App, w: u16, h: u16) -> String {
    let terminal = draw(app, w, h);
    text_of(terminal.backend().buffer())
}

/// A drawn buffer as text, a double-width character once (not followed by its empty cell).
pub(crate) fn text_of(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut rows = Vec::new();
    for y in area.top()..area.bottom() {
        let (mut row, mut x) = (String::new(), area.left());
        while x < area.right() {
            let sym = buf[(x, y)].symbol();
            row.push_str(sym);
            x += (unicode_width::UnicodeWidthStr::width(sym) as u16).max(1);
        }
        rows.push(row.trim_end().to_string());
    }
    rows.join("\n")
}

/// Runs of two or more English words (each of two letters or more, apart only by spaces) in
/// `text`: what a sentence of the console left in English looks like.
pub(crate) fn english_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    for line in text.lines() {
        let (mut words, mut word) = (Vec::<String>::new(), String::new());
        let close = |words: &mut Vec<String>, word: &mut String, runs: &mut Vec<String>| {
            if word.len() >= 2 {
                words.push(std::mem::take(word));
            } else if !word.is_empty() {
                // A one-letter word (a key, "N") ends the run.
                word.clear();
                if words.len() >= 2 {
                    runs.push(words.join(" "));
                }
                words.clear();
            }
        };
        for ch in line.chars() {
            if ch.is_ascii_alphabetic() || ch == '\'' || ch == '-' || ch == '_' {
                word.push(ch);
            } else if ch == ' ' {
                close(&mut words, &mut word, &mut runs);
            } else {
                close(&mut words, &mut word, &mut runs);
                if words.len() >= 2 {
                    runs.push(words.join(" "));
                }
                words.clear();
            }
        }
        close(&mut words, &mut word, &mut runs);
        if words.len() >= 2 {
            runs.push(words.join(" "));
        }
    }
    runs
}

/// Lengths of time written the English way ("4h", "30m", "1d9h30m"), not "4時間".
pub(crate) fn english_durations(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            w.ends_with(['d', 'h', 'm'])
                && w.starts_with(|c: char| c.is_ascii_digit())
                && w.split(['d', 'h', 'm'])
                    .all(|n| n.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_string)
        .collect()
}

/// An English weekday before a time ("Mon 06:45", as a chart's axis writes it in English).
fn english_day_times(text: &str) -> Vec<String> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let two = |w: &str| w.len() == 2 && w.chars().all(|c| c.is_ascii_digit());
    words
        .windows(3)
        .filter(|w| DAYS.contains(&w[0]) && two(w[1]) && two(w[2]))
        .map(|w| w.join(" "))
        .collect()
}

/// What a Japanese screen may show in English words: the scenario's own Japanese texts (names
/// with Latin letters in them), the ATT&CK techniques' names, and the ids the console shows.
fn scenario_words(s: &Scenario) -> String {
    let mut allowed: Vec<String> = s
        .text_keys()
        .into_iter()
        .map(|k| s.text(k, Lang::Ja).to_string())
        .collect();
    for c in &s.campaigns {
        for st in &c.stages {
            allowed.push(st.technique_name.clone());
            allowed.push(format!("{} {}", st.technique, st.id));
        }
    }
    allowed.join("\n")
}

/// The English the console itself writes: every word and phrase of its catalogue that has a
/// Japanese of its own, and the fixed parts of its sentences ([`said::samples`]) in English.
/// Phrases of two words or more are sought anywhere; single words only where they stand alone
/// and the scenario does not use them (an English name may hold "Status").
fn console_words(s: &Scenario) -> (BTreeSet<String>, BTreeSet<String>) {
    let scenario = scenario_words(s)
        + &s.text_keys()
            .into_iter()
            .map(|k| s.text(k, Lang::En).to_string())
            .collect::<Vec<_>>()
            .join("\n");
    let mut phrases = BTreeSet::new();
    let mut single = BTreeSet::new();
    let english = words::catalogue()
        .iter()
        .filter(|(en, ja)| en != ja)
        .map(|(en, _)| en.to_string())
        .chain(said::samples().into_iter().map(|x| x.say(Lang::En)));
    for en in english {
        let runs = english_runs(&en);
        if runs.is_empty() {
            let w = en.trim().to_string();
            if w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()) && !scenario.contains(&w)
            {
                single.insert(w);
            }
        }
        phrases.extend(runs.into_iter().filter(|r| !scenario.contains(r.as_str())));
    }
    (phrases, single)
}

/// The console's English found in `text`.
fn console_english(
    text: &str,
    phrases: &BTreeSet<String>,
    single: &BTreeSet<String>,
) -> Vec<String> {
    let mut found: Vec<String> = phrases
        .iter()
        .filter(|p| text.contains(p.as_str()))
        .cloned()
        .collect();
    let words: BTreeSet<&str> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    found.extend(
        single
            .iter()
            .filter(|w| words.contains(w.as_str()))
            .cloned(),
    );
    found
}

#[test]
fn english_runs_are_found_and_ids_and_keys_are_not() {
    assert_eq!(
        english_runs("│ 状況盤 (r restore · F fail) Actions under way │"),
        vec!["Actions under way".to_string()]
    );
    assert!(english_runs("席: 電力 · ? キー一覧 · Enter 読む · :step N").is_empty());
    assert_eq!(english_runs("Mon 03 Jul 10:00 送信"), Vec::<String>::new());
}

/// Every screen of both seats, drawn in Japanese after some play: any English run the
/// scenario did not write is the console's, and fails the test.
#[test]
fn every_screen_of_the_drill_reads_in_japanese() {
    every_screen_reads_in_japanese("multinational-drill", "power");
}

/// The same for the flagship, the other scenario written in both languages.
#[test]
fn every_screen_of_the_flagship_reads_in_japanese() {
    every_screen_reads_in_japanese(kunren::library::FLAGSHIP, "nhta");
}

fn every_screen_reads_in_japanese(id: &str, team: &str) {
    let s = builtin(id);
    let (phrases, single) = console_words(&s);
    assert!(phrases.contains("Actions under way") && single.contains("waiting"));
    let seat = s.team_index(team).unwrap();
    let mut app = App::new(s.clone(), 1);
    app.console.lang = Lang::Ja;
    let (w, h) = (120, 36);
    let mut shots: Vec<(String, String)> = Vec::new();
    let mut shot = |app: &App, what: &str| shots.push((what.to_string(), shown(app, w, h)));
    shot(&app, "start");
    press(&mut app, "\n");
    shot(&app, "seated");
    press(&mut app, ":step 6\n");
    shot(&app, "stepped");
    // The team: an action chosen, confirmed and queued.
    app.open_at(Seat::Team(seat));
    for tab in 1..=5 {
        press(&mut app, &tab.to_string());
        shot(&app, &format!("team tab {tab}"));
    }
    press(&mut app, "3\n");
    shot(&app, "team action dialog");
    for _ in 0..3 {
        if app.console.dialog.is_some() {
            press(&mut app, "\n");
            shot(&app, "team action dialog, next");
        }
    }
    press(&mut app, "y");
    shot(&app, "team action queued");
    press(&mut app, "m");
    shot(&app, "team message dialog");
    press(&mut app, "\x1b");
    press(&mut app, "4\n");
    shot(&app, "team reads intel");
    press(&mut app, "\x1b");
    // The white cell: a note, an evaluation entry, every screen, then ENDEX.
    app.open_at(Seat::WhiteCell);
    press(&mut app, ":note 記録の試験\n");
    shot(&app, "note");
    press(&mut app, &format!(":strength {team} 迅速な報告\n"));
    shot(&app, "evaluation");
    press(&mut app, ":step 2\n");
    for tab in 1..=9 {
        press(&mut app, &tab.to_string());
        shot(&app, &format!("white tab {tab}"));
    }
    press(&mut app, "1r");
    shot(&app, "board restore prompt");
    press(&mut app, "\x1b");
    press(&mut app, "?");
    shot(&app, "help");
    press(&mut app, "\x1b");
    press(&mut app, ":step 1000\n");
    shot(&app, "endex");
    for tab in [8, 9] {
        press(&mut app, &tab.to_string());
        shot(&app, &format!("after ENDEX, tab {tab}"));
    }
    press(&mut app, "8r");
    shot(&app, "rate dialog");
    press(&mut app, "\x1b");
    let mut found = Vec::new();
    for (what, text) in &shots {
        let mut dates = crate::bilingual::english_dates(text);
        dates.extend(english_day_times(text));
        dates.extend(english_durations(text));
        if !dates.is_empty() {
            found.push(format!("{what}: English dates {dates:?}"));
        }
        let english = console_english(text, &phrases, &single);
        if !english.is_empty() {
            found.push(format!("{what}: {english:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "English on a Japanese console:\n{}",
        found.join("\n")
    );
    // And no sentence in English at all but the scenario's own: its Japanese texts (names with
    // Latin letters in them) and the English of any text it left without Japanese.
    let allowed = scenario_words(&s)
        + &s.text_keys()
            .into_iter()
            .filter(|k| !s.ja.contains_key(k))
            .map(|k| s.text(k, Lang::En).to_string())
            .chain(
                s.service_measures
                    .iter()
                    .filter(|m| m.unit_at.is_none())
                    .map(|m| m.unit.clone()),
            )
            .collect::<Vec<_>>()
            .join("\n");
    // Ids (an asset's owner before its name) and the keys' own names are not sentences.
    let ids: BTreeSet<&str> = s
        .teams
        .iter()
        .map(|t| t.id.as_str())
        .chain(s.assets.iter().map(|a| a.id.as_str()))
        .chain(s.injects.iter().map(|i| i.id.as_str()))
        .chain(["PgUp", "PgDn"])
        .collect();
    let mut runs = Vec::new();
    for (what, text) in &shots {
        let english: BTreeSet<String> = english_runs(text)
            .into_iter()
            .map(|run| {
                let mut words: Vec<&str> = run.split(' ').collect();
                while words.first().is_some_and(|w| ids.contains(w)) {
                    words.remove(0);
                }
                while words.last().is_some_and(|w| ids.contains(w)) {
                    words.pop();
                }
                words.join(" ")
            })
            .filter(|run| run.contains(' ') && !allowed.contains(run.as_str()))
            .collect();
        if !english.is_empty() {
            runs.push(format!("{what}: {english:?}"));
        }
    }
    assert!(runs.is_empty(), "English runs:\n{}", runs.join("\n"));
}

/// What the status line says after each key and line, in a console of `lang`.
fn statuses(lang: Lang) -> Vec<String> {
    let s = builtin("multinational-drill");
    let mut app = App::new(s.clone(), 1);
    app.console.lang = lang;
    let mut said = Vec::new();
    let mut after = |app: &mut App, keys: &str| {
        press(app, keys);
        said.push(app.console.status.clone());
    };
    for keys in [
        "\n",
        " ",
        " ",
        ".",
        "+",
        ":step 2\n",
        ":pace 30\n",
        ":bogus\n",
        ":fire nosuch\n",
        ":seat nobody\n",
        ":level nosuch\n",
        ":strength nosuch good\n",
        ":step x\n",
        ":analyse 9 nobody called\n",
        ":roll 50 the vendor answers\n",
        ":step 1\n",
    ] {
        after(&mut app, keys);
    }
    // A console held to a team's seat refuses to switch.
    app.lock_to(Seat::Team(s.team_index("power").unwrap()));
    after(&mut app, ":seat white\n");
    said
}

#[test]
fn the_status_line_and_the_command_line_answer_in_the_seats_language() {
    let ja = statuses(Lang::Ja);
    let expected = [
        "一時停止中。Space で時計が動き出す。? でキー一覧を表示する。",
        "進行中: 1分あたり1時間",
        "一時停止中",
        "1ティック進めた",
        "速さ: 1分あたり2時間",
        "2ティック進めた",
        "速さ: 実時間1分あたり想定時間30分",
        "コマンド「bogus」はない。コマンド: pause（一時停止）",
        "状況付与「nosuch」はない",
        "席「nobody」はない。white または人が担当するチームの ID を指定すること",
        "事態レベル「nosuch」はない。normal, crisis, emergency のいずれかを指定すること",
        "チーム「nosuch」はない。チームは `seat` と同じく ID で指定する",
        "step にはティック数を指定すること（「x」は数でない）",
        "拒否: 所見9はない。記録された所見は0件（O1〜O0）である",
        "次のティックで反映: 裁定: the vendor answersの判定（",
        "判定: ",
        "拒否: このコンソールは地域電力会社の席に固定されている",
    ];
    for (said, want) in ja.iter().zip(expected) {
        assert!(
            said.starts_with(want),
            "{said:?} should start with {want:?}"
        );
    }
    assert_eq!(ja.len(), expected.len());
    // English is as it always was, word for word.
    let en = statuses(Lang::En);
    assert_eq!(en[0], "Paused. Space starts the clock; ? shows every key.");
    assert_eq!(en[1], "Running at 1 h per minute");
    assert_eq!(en[2], "Paused");
    assert_eq!(en[3], "Stepped one tick");
    assert_eq!(en[5], "Stepped 2 tick(s)");
    assert_eq!(en[6], "Pace: 30 simulated minutes per real minute");
    assert!(en[7].starts_with("unknown command \"bogus\"; commands: pause · resume"));
    assert_eq!(en[8], "no inject \"nosuch\"");
    assert_eq!(
        en[11],
        "no team \"nosuch\"; teams are named by id, as in `seat`"
    );
    assert_eq!(
        en[13],
        "refused: no observation 9: 0 have been written (O1 to O0)"
    );
    assert!(en[14].starts_with("Queued for the next tick: ruling: roll for the vendor answers"));
    assert!(en[15].starts_with("Dice: roll for the vendor answers at 50%: "));
    assert!(en[16].starts_with("refused: this console is held to the seat of "));
    assert!(
        ja[15].contains("the vendor answersの判定（50%）"),
        "{}",
        ja[15]
    );
}

/// The Charts screen names each measure as the report does, in the seat's language: a service
/// the scenario names by its own name ("LNG loading", in Japanese its Japanese), not a label
/// made from its id ("Lng loading"), and counted in its unit in that language.
#[test]
fn the_charts_name_the_measures_in_the_seats_language() {
    let s = builtin("multinational-drill");
    for (lang, name, unit, other) in [
        (
            Lang::Ja,
            "LNG出荷能力の稼働率",
            "%（出荷能力比）",
            "% of loading capacity",
        ),
        (
            Lang::En,
            "LNG loading",
            "% of loading capacity",
            "%（出荷能力比）",
        ),
    ] {
        let mut app = App::new(s.clone(), 1);
        app.console.lang = lang;
        press(&mut app, "\n");
        press(&mut app, ":step 4\n");
        app.open_at(Seat::WhiteCell);
        let tab = kunren::tui::screens::WHITE_CELL
            .iter()
            .position(|screen| screen.name() == "Charts")
            .expect("the white cell has a Charts screen");
        press(&mut app, &(tab + 1).to_string());
        let screen = shown(&app, 160, 60);
        assert!(screen.contains(name), "{lang:?}: no {name:?} in\n{screen}");
        assert!(
            screen.contains(unit) && !screen.contains(other),
            "{lang:?}: the unit should read {unit:?} in\n{screen}"
        );
        assert!(
            !screen.contains("Lng loading"),
            "{lang:?}: an id's label in\n{screen}"
        );
    }
}

/// A run to the next phase (`}`) that stops early says why in the seat's language: the
/// detection's or the missed objective's line too, not the log's English.
#[test]
fn an_early_stop_says_what_stopped_it_in_the_seats_language() {
    let s = builtin("multinational-drill");
    let stops = |lang: Lang| {
        let mut app = App::new(s.clone(), 1);
        app.console.lang = lang;
        press(&mut app, "\n");
        let mut said = Vec::new();
        for _ in 0..40 {
            press(&mut app, "}");
            said.push(app.console.status.clone());
        }
        said
    };
    let (ja, en) = (stops(Lang::Ja), stops(Lang::En));
    let early =
        |said: &[String], prefix: &str| said.iter().filter(|l| l.starts_with(prefix)).count();
    assert!(
        early(&en, "Stopped early, a detection: ") > 0,
        "no run stopped at a detection:\n{en:#?}"
    );
    assert_eq!(
        early(&ja, "途中で停止（検知）: "),
        early(&en, "Stopped early, a detection: ")
    );
    assert_eq!(
        early(&ja, "途中で停止（目標未達）: "),
        early(&en, "Stopped early, an objective missed: ")
    );
    let allowed = scenario_words(&s);
    for line in ja.iter().filter(|l| l.starts_with("途中で停止")) {
        let english: Vec<String> = english_runs(line)
            .into_iter()
            .filter(|run| !allowed.contains(run.as_str()))
            .collect();
        assert!(english.is_empty(), "{line:?} has English: {english:?}");
    }
}

/// A hosted session's joins and leaves on a Japanese white cell's timeline read in Japanese,
/// marked as the room's, with the seat's login name and the address as they are.
#[test]
fn the_rooms_joins_and_leaves_read_in_the_white_cells_language() {
    let s = builtin("multinational-drill");
    let timeline = |lang: Lang| {
        let mut app = App::new(s.clone(), 1);
        app.console.lang = lang;
        press(&mut app, "\n");
        let power = Seat::Team(s.team_index("power").unwrap());
        app.live.presence(power, "10.9.8.7:50000", true);
        press(&mut app, ":step 2\n");
        app.live.presence(power, "10.9.8.7:50000", false);
        let tab = kunren::tui::screens::WHITE_CELL
            .iter()
            .position(|screen| screen.name() == "Timeline")
            .expect("the white cell has a Timeline screen");
        press(&mut app, &(tab + 1).to_string());
        shown(&app, 160, 50)
    };
    let ja = timeline(Lang::Ja);
    let room: Vec<&str> = ja.lines().filter(|l| l.contains("[会場] power")).collect();
    assert_eq!(room.len(), 2, "a join and a leave:\n{ja}");
    assert!(
        room[0].contains("powerが退出（10.9.8.7:50000から、UTC "),
        "newest first: {room:?}"
    );
    assert!(
        room[1].contains("powerが10.9.8.7:50000から参加（UTC "),
        "{room:?}"
    );
    for line in &room {
        let english = english_runs(line);
        assert!(english.is_empty(), "{line:?} has English: {english:?}");
    }
    let en = timeline(Lang::En);
    assert!(
        en.contains("[room] power joined from 10.9.8.7:50000 at "),
        "{en}"
    );
    assert!(
        en.contains("[room] power left, from 10.9.8.7:50000 at "),
        "{en}"
    );
}
