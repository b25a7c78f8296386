//! The console's own words in Japanese: a catalogue keyed by the English the code writes, so
//! English stays the one source and every word the console draws passes [`say`] once, at the
//! place it is drawn (tab names, titles and key legends, the help, the footer, the clock's state).
//! A test walks every screen, key and help line and fails on any word the catalogue lacks, so a
//! new word cannot ship in English alone. Two languages and no plural forms in Japanese made a
//! typed table simpler and safer than a message-catalogue crate (fluent, gettext): no files to
//! load at run time, no ids to keep in step with the text (see docs/architecture.md).

use crate::lang::Lang;

/// `en` in `lang`: itself in English, its Japanese from the catalogue otherwise (itself when the
/// catalogue lacks it, which debug builds and the tests forbid: only the console's own fixed
/// words pass here, never a scenario's text or a formatted sentence, see [`super::said`]).
pub fn say(lang: Lang, en: &str) -> &str {
    debug_assert!(
        japanese(en).is_some(),
        "the console's catalogue has no Japanese for {en:?} (src/tui/words.rs)"
    );
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

/// Every (English, Japanese) pair of the catalogue.
pub fn catalogue() -> &'static [(&'static str, &'static str)] {
    JA
}

/// (English, Japanese), sorted by the English (a test checks).
const JA: &[(&str, &str)] = &[
    (" (analysed)", "（分析済）"),
    (" (halted)", "（停止）"),
    (" · edited", " · 書換え済"),
    ("(general)", "（全般）"),
    ("(not recorded: p names them)", "（記録なし。p で記入する）"),
    ("(observer, no team)", "（オブザーバー、チームなし）"),
    ("+ / -", "+ / -"),
    (
        ". , tick · ] [ event · } { command · Space play · :T go to tick · b branch · q quit",
        ". , ティック · ] [ 出来事 · } { コマンド · Space 再生 · :T ティックへ移る · b 分岐 · q 終了",
    ),
    ("1 strongly disagree", "1 全くそう思わない"),
    ("2 disagree", "2 そう思わない"),
    ("3 neutral", "3 どちらともいえない"),
    ("4 agree", "4 そう思う"),
    ("5 strongly agree", "5 強くそう思う"),
    (": command", ": コマンド"),
    ("? keys", "? キー一覧"),
    ("About", "説明"),
    ("Actions", "対応"),
    ("Actions under way", "実施中の対応"),
    ("Adversary", "攻撃者"),
    ("Adversary and actions", "攻撃者と対応"),
    ("Agency", "機関"),
    ("Analyse which observation?", "分析する所見を選ぶ"),
    ("Assets", "資産"),
    ("Auto", "自動"),
    ("Board", "状況盤"),
    ("Call off which action?", "中止させる対応を選ぶ"),
    ("Cancelled", "取り消した"),
    ("Capability", "中核能力"),
    ("Charts", "グラフ"),
    ("Complete which action now?", "今すぐ完了させる対応を選ぶ"),
    ("Confirm", "確認"),
    (
        "Dependency map (─ needs · ┄ uses)",
        "依存関係図（─ 必須 · ┄ 利用）",
    ),
    ("ENDED", "終了"),
    (
        "ENDEX. Hot wash: s strength, i area for improvement, p players, f feedback form; Evaluate: r rates; w writes the report; q quits",
        "演習終了。ホットウォッシュ: s 良かった点、i 改善点、p 参加者、f 評価票。評価: r 評定。w 報告書の作成。q 終了",
    ),
    (
        "ENDEX: the exercise has ended. q to quit.",
        "演習終了: 演習は終わった。q で終了する。",
    ),
    (
        "End of the recording. , steps back; b branches from here.",
        "記録の終わり。, で1ティック戻る。b でここから分岐する。",
    ),
    (
        "Enter to send · Esc to cancel",
        "Enter で確定 · Esc で取消し",
    ),
    ("Evaluate", "評価"),
    (
        "Feedback form: the participant's role (Enter to leave it out)",
        "評価票: 参加者の役割（省く場合は Enter）",
    ),
    (
        "Feedback form: the participant's team",
        "評価票: 参加者のチーム",
    ),
    (
        "Feedback: other comments (Enter to finish the form)",
        "評価票: その他の意見（Enter で評価票を終える）",
    ),
    (
        "Feedback: what should be improved (Enter to leave it out)",
        "評価票: 改善すべき点（省く場合は Enter）",
    ),
    (
        "Feedback: what went well (Enter to leave it out)",
        "評価票: 良かった点（省く場合は Enter）",
    ),
    (
        "HTML (opens in any browser, prints well)",
        "HTML（どのブラウザでも開け、印刷にも適する）",
    ),
    ("Hot wash", "ホットウォッシュ"),
    ("Inbox", "受信"),
    ("Intel", "情報"),
    ("Intelligence we hold", "保有している情報"),
    ("Keys", "キー一覧"),
    (
        "Keys (any key closes)",
        "キー一覧（いずれかのキーで閉じる）",
    ),
    ("MSEL", "MSEL"),
    ("Map", "構成図"),
    ("Markdown", "Markdown"),
    ("New text of the inject", "状況付与の新しい本文"),
    ("No action is under way", "実施中の対応はない"),
    (
        "No notes yet: n writes one.",
        "記録はまだない。n で記録を書く。",
    ),
    (
        "No observation yet: o writes one against the objective selected",
        "所見はまだない。o で選択中の目標について所見を書く",
    ),
    ("No team to hear from.", "意見を聞くチームがない。"),
    ("None under way.", "実施中の対応はありません。"),
    ("None yet: i adds one.", "まだない。i で加える。"),
    ("None yet: s adds one.", "まだない。s で加える。"),
    (
        "Note (general; Tab: about an objective)",
        "記録（全般。Tab: 目標を選ぶ）",
    ),
    ("Note about", "記録の対象"),
    ("Notes", "記録"),
    ("Nothing has happened yet.", "まだ何も起きていない。"),
    (
        "Nothing in the inbox yet.",
        "受信したものはまだありません。",
    ),
    (
        "Nothing written: the text was empty",
        "何も書かれていない（本文が空である）",
    ),
    ("Objective", "目標"),
    ("Objectives", "目標"),
    ("Obs", "所見"),
    ("Operator", "事業者"),
    ("Our actions under way", "実施中の対応"),
    ("Our assets", "自組織の資産"),
    (
        "Our assets, as we know them",
        "自組織の資産（把握している状態）",
    ),
    ("PAUSED", "一時停止"),
    ("PDF, A4", "PDF（A4）"),
    ("PDF, Letter", "PDF（レター）"),
    ("Paused", "一時停止中"),
    (
        "Paused. Space starts the clock; ? shows every key.",
        "一時停止中。Space で時計が動き出す。? でキー一覧を表示する。",
    ),
    ("People", "人が担当"),
    ("Playing", "再生中"),
    ("REPLAY", "再生"),
    ("Rated", "評定"),
    (
        "Roll: chance in % then what, e.g. 30 the vendor answers",
        "判定: 確率（%）と内容。例: 30 the vendor answers",
    ),
    ("Running", "進行中"),
    ("Scenario", "シナリオ"),
    ("Seat", "席"),
    ("Share with", "共有先"),
    ("Simulation", "シミュレーション"),
    ("Status", "状況"),
    ("Stepped one tick", "1ティック進めた"),
    ("Take a seat", "席を選ぶ"),
    ("Take a seat (↑↓ Enter)", "席を選ぶ（↑↓ Enter）"),
    ("Team", "チーム"),
    ("Teams", "チーム"),
    (
        "This scenario has no objectives.",
        "このシナリオには目標がない。",
    ),
    ("Timeline", "時系列"),
    ("Under way", "実施中"),
    (
        "We hold no intelligence yet.",
        "保有している情報はまだない。",
    ),
    ("White cell", "ホワイトセル"),
    ("Write the after-action report as", "事後評価報告書の形式"),
    (
        "Write the chance in % then what it is for, e.g. 30 the vendor answers",
        "確率（%）と判定の内容を書くこと。例: 30 the vendor answers",
    ),
    (
        "Write the report to (a file on the machine running kunren)",
        "報告書の書出し先（kunren を実行している機械上のファイル）",
    ),
    ("Write to", "連絡先"),
    (
        "Your team has no action that shares intelligence",
        "自チームには情報を共有する対応がない",
    ),
    (
        "Your team holds no intelligence item",
        "自チームが保有する情報はない",
    ),
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
    (
        "analyse takes an observation number and the analysis, e.g. analyse 3 the vendor was not called | no contact list",
        "analyse には所見の番号と分析を指定すること。例: analyse 3 ベンダーに連絡しなかった | 連絡先一覧がない",
    ),
    ("any screen", "どの画面でも"),
    ("back, cancel", "戻る、取り消す"),
    ("call off", "中止"),
    ("call off an action", "実施中の対応を中止させる"),
    ("command line (type 'help')", "コマンド行（help と入力）"),
    (
        "commands: pause · resume · step [N] · pace MIN_PER_MIN · seat ID|white · fire ID · skip ID · delay ID 30m · note TEXT · level ID REASON · restore ASSET REASON · fail ASSET REASON · roll PCT WHAT · rate OBJECTIVE P|S|M|U|NA|auto [COMMENT] · players TEAM NAMES · strength TEAM TEXT · improve TEAM TEXT · analyse N ANALYSIS [| ROOT CAUSE] · report [html|md|pdf|pdf-letter] [FILE] · quit",
        "コマンド: pause（一時停止） · resume（再開） · step [N]（N ティック進める） · pace 分（実時間1分あたりの想定時間） · seat ID|white（席） · fire ID（発出） · skip ID（取下げ） · delay ID 30m（保留） · note 本文（記録） · level ID 理由（事態レベル） · restore 資産 理由（復旧） · fail 資産 理由（障害） · roll 確率 内容（判定） · rate 目標 P|S|M|U|NA|auto [意見]（評定） · players チーム 氏名（参加者） · strength チーム 本文（良かった点） · improve チーム 本文（改善点） · analyse N 分析 [| 根本原因]（分析） · report [html|md|pdf|pdf-letter] [ファイル]（報告書） · quit（終了）",
    ),
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
    ("firing", "発出中"),
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
        "状況付与に印を付ける／外す：} は印の付いたものが出たところで止まる",
    ),
    ("message", "連絡"),
    ("message a team", "チームに連絡する"),
    ("met", "達成"),
    ("missed", "未達"),
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
    ("on condition", "条件成立時"),
    ("one tick forward / back", "1ティック進む / 戻る"),
    ("open, choose, confirm", "開く、選ぶ、確定する"),
    (
        "pace takes simulated minutes per real minute, e.g. pace 60",
        "pace には実時間1分あたりの想定時間（分）を指定すること。例: pace 60",
    ),
    ("pause / resume the clock", "時計を止める / 再開する"),
    ("pending", "未完了"),
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
    (
        "rate takes an objective id and P, S, M, U, NA or auto, e.g. rate close-entry S slow but done",
        "rate には目標の ID と P、S、M、U、NA、auto のいずれかを指定すること。例: rate close-entry S 遅いが完了",
    ),
    ("rate the objective", "目標を評定する"),
    ("read", "読む"),
    ("read (inbox, intel)", "読む（受信、情報）"),
    (
        "replay: T or tick T (go to tick T) · start · end · step [N] · back [N] · play · pause · pace MIN_PER_MIN · seat ID|white · branch · quit",
        "再生: T または tick T（ティック T へ移る） · start（最初へ） · end（最後へ） · step [N]（進む） · back [N]（戻る） · play（再生） · pause（一時停止） · pace 分（速さ） · seat ID|white（席） · branch（分岐） · quit（終了）",
    ),
    ("restore", "復旧"),
    ("restore an asset", "資産を復旧させる"),
    ("rewrite", "書き換え"),
    ("rewrite the inject", "状況付与を書き換える"),
    ("roll", "判定"),
    ("roll dice", "さいころで判定する"),
    (
        "roll takes a chance in % and what it is for: roll 30 the vendor answers",
        "roll には確率（%）と判定の内容を指定すること。例: roll 30 the vendor answers",
    ),
    ("run to the next inject", "次の状況付与まで進める"),
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
    ("the automatic rating", "自動評定に戻す"),
    ("this help", "このヘルプ"),
    ("to take", "実施する"),
    ("waiting", "待機中"),
    ("withdrawn", "取下げ済"),
    (
        "write an observation against the objective",
        "目標についての所見を書く",
    ),
    ("write report", "報告書"),
    ("write the after-action report", "事後評価報告書を書く"),
    ("write to another team", "他のチームに書き送る"),
];

/// The console's other fixed words, written where they are shown (status lines, prompts, dialog
/// titles, empty lists, headings), each passed through [`say`] there.
pub const WORDS: &[&str] = &[
    "Paused",
    "Running",
    "Playing",
    "Stepped one tick",
    "Cancelled",
    "Take a seat",
    "Your team holds no intelligence item",
    "(general)",
    "Note about",
    "Note (general; Tab: about an objective)",
    "the automatic rating",
    " (analysed)",
    "No observation yet: o writes one against the objective selected",
    "Analyse which observation?",
    "(observer, no team)",
    "Feedback form: the participant's team",
    "Write the after-action report as",
    "Feedback form: the participant's role (Enter to leave it out)",
    "Write the report to (a file on the machine running kunren)",
    "Feedback: what should be improved (Enter to leave it out)",
    "Feedback: other comments (Enter to finish the form)",
    "Feedback: what went well (Enter to leave it out)",
    "Nothing written: the text was empty",
    "5 strongly agree",
    "4 agree",
    "3 neutral",
    "2 disagree",
    "1 strongly disagree",
    " (halted)",
    "Actions under way",
    "Adversary and actions",
    "No action is under way",
    "Complete which action now?",
    "Call off which action?",
    "Roll: chance in % then what, e.g. 30 the vendor answers",
    "on condition",
    "withdrawn",
    "firing",
    "waiting",
    " · edited",
    "New text of the inject",
    "Dependency map (─ needs · ┄ uses)",
    "Nothing has happened yet.",
    "No notes yet: n writes one.",
    "We hold no intelligence yet.",
    "Your team has no action that shares intelligence",
    "Share with",
    "Write to",
    "No team to hear from.",
    "(not recorded: p names them)",
    "None yet: s adds one.",
    "None yet: i adds one.",
    "This scenario has no objectives.",
    "Keys (any key closes)",
    "Enter to send · Esc to cancel",
    "Confirm",
    "met",
    "missed",
    "pending",
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
        assert_eq!(japanese("no such word"), None);
        assert!(
            JA.iter().all(|(_, ja)| !ja.contains("インジェクト")),
            "an inject is a 状況付与"
        );
        // One word for the after-action report: the report's own title.
        let title = crate::report::words::say(Lang::Ja, "After-action report");
        for (_, ja) in JA
            .iter()
            .filter(|(en, _)| en.contains("after-action report"))
        {
            assert!(ja.contains(title), "{ja} does not say {title}");
        }
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
        words.extend(WORDS);
        words.extend(crate::tui::screens::evaluate::HEADER);
        {
            use crate::tui::app::{clock, compose, seats};
            use crate::tui::command_line as line;
            words.extend([
                clock::ENDEX_WHITE_CELL,
                clock::ENDEX_TEAM,
                clock::END_OF_RECORDING,
                seats::SEATED,
                compose::ROLL_HOW,
                crate::tui::app::Replay::KEYS,
                line::USAGE,
                line::REPLAY_USAGE,
                line::PACE_HOW,
                line::ROLL_HOW,
                line::RATE_HOW,
                line::ANALYSE_HOW,
            ]);
            words.extend(crate::tui::app::evaluate::FORMATS.map(|(_, label)| label));
        }
        let missing: Vec<&str> = words
            .into_iter()
            .filter(|w| japanese(w).is_none())
            .collect();
        assert!(missing.is_empty(), "no Japanese for: {missing:#?}");
    }
}
