//! The console's own words in Japanese: a catalogue keyed by the English the code writes, so
//! English stays the one source and every word the console draws passes [`say`] once, at the
//! place it is drawn (tab names, titles and key legends, the help, the footer, the clock's state).
//! A test walks every screen, key and help line and fails on any word the catalogue lacks, so a
//! new word cannot ship in English alone. Two languages and no plural forms in Japanese made a
//! typed table simpler and safer than a message-catalogue crate (fluent, gettext): no files to
//! load at run time, no ids to keep in step with the text (see docs/architecture.md).

use crate::lang::Lang;

/// `en` in `lang`: itself in English, its Japanese from the catalogue otherwise (itself when the
/// catalogue lacks it, which the tests forbid for the console's own words).
pub fn say(lang: Lang, en: &str) -> &str {
    match lang {
        Lang::En => en,
        Lang::Ja => japanese(en).unwrap_or(en),
    }
}

/// The catalogue's Japanese for `en`.
pub fn japanese(en: &str) -> Option<&'static str> {
    JA.binary_search_by(|(k, _)| k.cmp(&en))
        .ok()
        .map(|i| JA[i].1)
}

/// (English, Japanese), sorted by the English (a test checks).
const JA: &[(&str, &str)] = &[
    ("+ / -", "+ / -"),
    (": command", ": コマンド"),
    ("? keys", "? キー一覧"),
    ("About", "説明"),
    ("Actions", "対応"),
    ("Adversary", "攻撃者"),
    ("Agency", "機関"),
    ("Assets", "資産"),
    ("Board", "状況盤"),
    ("Charts", "グラフ"),
    ("ENDED", "終了"),
    ("Evaluate", "評価"),
    ("Hot wash", "ホットウォッシュ"),
    ("Inbox", "受信"),
    ("Intel", "情報"),
    ("Intelligence we hold", "保有している情報"),
    ("Keys", "キー一覧"),
    ("MSEL", "MSEL"),
    ("Map", "構成図"),
    ("None under way.", "実施中の対応はありません。"),
    ("Notes", "記録"),
    (
        "Nothing in the inbox yet.",
        "受信したものはまだありません。",
    ),
    ("Objectives", "目標"),
    ("Operator", "事業者"),
    ("Our actions under way", "実施中の対応"),
    ("Our assets", "自組織の資産"),
    (
        "Our assets, as we know them",
        "自組織の資産（把握している状態）",
    ),
    ("PAUSED", "一時停止"),
    ("People", "人が担当"),
    ("REPLAY", "再生"),
    ("Scenario", "シナリオ"),
    ("Seat", "席"),
    ("Simulation", "シミュレーション"),
    ("Take a seat (↑↓ Enter)", "席を選ぶ（↑↓ Enter）"),
    ("Teams", "チーム"),
    ("Timeline", "時系列"),
    ("Under way", "実施中"),
    ("White cell", "ホワイトセル"),
    ("add a strength of the team", "チームの良かった点を加える"),
    (
        "add an area for improvement of the team",
        "チームの改善点を加える",
    ),
    ("analyse", "分析"),
    (
        "analyse an observation (analysis, root cause)",
        "所見を分析する（分析、根本原因）",
    ),
    ("any screen", "どの画面でも"),
    ("back, cancel", "戻る、取り消す"),
    ("call off", "中止"),
    ("call off an action", "実施中の対応を中止させる"),
    ("command line (type 'help')", "コマンド行（help と入力）"),
    ("complete", "完了"),
    ("complete an action", "実施中の対応を完了させる"),
    ("delay 1 h", "1時間遅らせる"),
    (
        "enter a participant's feedback form",
        "参加者の評価票を入力する",
    ),
    ("fail", "障害"),
    ("fail an asset", "資産を障害にする"),
    ("faster / slower pace", "速く / 遅く"),
    ("feedback form", "評価票"),
    ("fire", "発出"),
    ("from", "提供:"),
    ("go to screen", "画面へ移る"),
    (
        "go to tick T (also :start :end :step N :back N)",
        "ティック T へ移る（:start :end :step N :back N も可）",
    ),
    ("improve", "改善点"),
    ("leave the replay", "再生を終える"),
    ("level", "事態レベル"),
    ("mark", "印"),
    (
        "mark or unmark the inject: } stops when a marked one goes out",
        "インジェクトに印を付ける／外す：} は印の付いたものが出たところで止まる",
    ),
    ("message", "連絡"),
    ("message a team", "チームに連絡する"),
    ("move", "移動"),
    ("name who played the team", "チームの参加者名を記す"),
    ("new note", "新しい記録"),
    ("next / previous screen", "次 / 前の画面"),
    (
        "next / previous tick a command was given",
        "次 / 前のコマンドのティック",
    ),
    (
        "next / previous tick with an event",
        "次 / 前の出来事のあるティック",
    ),
    ("observe", "所見"),
    ("one tick forward / back", "1ティック進む / 戻る"),
    ("open, choose, confirm", "開く、選ぶ、確定する"),
    ("pause / resume the clock", "時計を止める / 再開する"),
    ("play / pause at the pace", "その速さで再生 / 一時停止"),
    ("players", "参加者"),
    (
        "projector mode (high contrast)",
        "プロジェクター表示（高コントラスト）",
    ),
    ("quit", "終了"),
    ("quit (asks first)", "終了（確認あり）"),
    ("quit at once", "すぐに終了"),
    ("rate", "評定"),
    ("rate the objective", "目標を評定する"),
    ("read", "読む"),
    ("read (inbox, intel)", "読む（受信、情報）"),
    ("restore", "復旧"),
    ("restore an asset", "資産を復旧させる"),
    ("rewrite", "書き換え"),
    ("rewrite the inject", "インジェクトを書き換える"),
    ("roll", "判定"),
    ("roll dice", "さいころで判定する"),
    ("run to the next inject", "次のインジェクトまで進める"),
    ("run to the next phase", "次のフェーズまで進める"),
    ("share", "共有"),
    ("share the item", "情報を共有する"),
    ("skip", "取り下げ"),
    (
        "start a new live session from this tick (what-if)",
        "このティックから新しいセッションを始める（もしも）",
    ),
    ("step one tick", "1ティック進める"),
    ("strength", "良かった点"),
    ("switch seat (hot seat)", "席を替える（ホットシート）"),
    (
        "switch seat: see what a team saw",
        "席を替える：チームが見たものを見る",
    ),
    ("take", "実施"),
    ("take the action", "対応を実施する"),
    ("this help", "このヘルプ"),
    ("to take", "実施する"),
    (
        "write an observation against the objective",
        "目標についての所見を書く",
    ),
    ("write report", "報告書"),
    ("write the after-action report", "事後報告書を書く"),
    ("write to another team", "他のチームに書き送る"),
];

/// The fixed words of the console's frame, drawn through [`say`].
pub const CHROME: [&str; 15] = [
    "Our assets, as we know them",
    "Our actions under way",
    "None under way.",
    "Under way",
    "About",
    "from",
    "Seat",
    "? keys",
    "quit",
    ": command",
    "PAUSED",
    "ENDED",
    "REPLAY",
    "White cell",
    "any screen",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::{HELP, REPLAY_HELP};
    use crate::tui::screens::{TEAM, TEAM_KEYS, WHITE_CELL};

    #[test]
    fn the_catalogue_is_sorted_and_has_each_word_once() {
        for pair in JA.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "out of order or twice: {:?} {:?}",
                pair[0],
                pair[1]
            );
        }
        assert_eq!(say(Lang::Ja, "Inbox"), "受信");
        assert_eq!(say(Lang::En, "Inbox"), "Inbox");
        assert_eq!(say(Lang::Ja, "no such word"), "no such word");
    }

    /// Every tab, key legend, help line and fixed word of the console has its Japanese.
    #[test]
    fn every_word_of_the_console_is_in_japanese() {
        let mut words: Vec<&str> = Vec::new();
        for screen in WHITE_CELL.iter().chain(TEAM) {
            words.push(screen.name());
            for b in screen.keys() {
                words.extend([b.label, b.help]);
            }
        }
        for b in TEAM_KEYS {
            words.extend([b.label, b.help]);
        }
        words.extend(HELP.iter().map(|(_, what, _)| *what));
        words.extend(REPLAY_HELP.iter().map(|(_, what)| *what));
        words.extend(CHROME);
        words.extend(crate::tui::screens::start::WORDS);
        let missing: Vec<&str> = words
            .into_iter()
            .filter(|w| japanese(w).is_none())
            .collect();
        assert!(missing.is_empty(), "no Japanese for: {missing:#?}");
    }
}
