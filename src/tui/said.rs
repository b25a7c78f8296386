//! The console's sentences with values in them (status lines, prompts, dialog titles, the command
//! line's answers), each a variant that holds its values and says itself in either language. A
//! sentence is built typed and worded once, at the place it is shown; it is never looked up by
//! the text it formats to. The fixed words without values are the catalogue's ([`super::words`]).

use crate::lang::Lang;

/// A sentence of the console, with its values.
#[derive(Clone, Debug, PartialEq)]
pub enum Said<'a> {
    /// A command went to the session; `paused` adds how to get the clock going.
    Queued {
        what: &'a str,
        paused: bool,
    },
    Running {
        pace: &'a str,
    },
    Playing {
        pace: &'a str,
    },
    Pace {
        pace: &'a str,
    },
    /// The command line's pace: simulated minutes per real minute.
    PaceMinutes {
        minutes: u32,
    },
    Stepped {
        ticks: u32,
    },
    /// A roll's outcome, as the log wrote it.
    Dice {
        outcome: &'a str,
    },
    JournalBroken {
        why: &'a str,
    },
    /// A console held to its seat refuses to switch.
    HeldToSeat {
        seat: &'a str,
    },
    SeatTaken {
        seat: &'a str,
    },
    NoSeat {
        typed: &'a str,
    },
    ReplayOf {
        name: &'a str,
        keys: &'a str,
    },
    /// A journaled session reopened (`kunren resume`) where it stood.
    Resumed {
        session: &'a str,
        at: Option<u32>,
        replayed: usize,
    },
    GivenHere {
        given: &'a str,
    },
    Branched {
        name: &'a str,
        parent: &'a str,
        at: Option<u32>,
    },
    NoBranch {
        why: &'a str,
    },
    /// An action's dialog: the asset, the team, the item it needs.
    OnWhichAsset {
        action: &'a str,
    },
    ToWhichTeam {
        action: &'a str,
    },
    WhichItem {
        action: &'a str,
    },
    NotPossible {
        why: &'a str,
    },
    NotNow {
        why: &'a str,
    },
    CannotShare {
        why: &'a str,
    },
    ConfirmAction {
        action: &'a str,
        on: Option<&'a str>,
        to: Option<&'a str>,
        takes: &'a str,
        staff: u32,
    },
    MessageTo {
        team: &'a str,
    },
    ReasonForAsset {
        restore: bool,
        asset: &'a str,
    },
    ReasonForAction {
        complete: bool,
    },
    NoteAbout {
        team: &'a str,
        objective: &'a str,
    },
    Marked {
        subject: &'a str,
    },
    Unmarked {
        subject: &'a str,
    },
    Evaluation {
        said: &'a str,
    },
    RateObjective {
        objective: &'a str,
    },
    RateComment {
        code: &'a str,
        objective: &'a str,
    },
    Observation {
        objective: &'a str,
        team: &'a str,
        capability: Option<&'a str>,
    },
    WhoPlayed {
        team: &'a str,
    },
    HotWashItem {
        strength: bool,
        team: &'a str,
    },
    AnalysisOf {
        observation: u32,
    },
    RootCauseOf {
        observation: u32,
    },
    FeedbackStatement {
        n: usize,
        of: usize,
        statement: &'a str,
    },
    WroteReport {
        path: &'a str,
    },
    WroteWithWarning {
        path: &'a str,
        warning: &'a str,
    },
    ReportNotWritten {
        path: &'a str,
        why: &'a str,
    },
    /// An MSEL row's state.
    SentAt {
        time: &'a str,
    },
    HeldTo {
        time: &'a str,
    },
    /// A chart's title: its measure, its value now and its highest.
    ChartTitle {
        name: &'a str,
        now: &'a str,
        max: &'a str,
        unit: &'a str,
    },
    /// The hot wash pane's title.
    SaidAtHotWash {
        forms: usize,
    },
    PlayedBy {
        names: &'a str,
    },
    /// The evaluator's counts above the selected objective.
    EvaluationCounts {
        observations: usize,
        analysed: usize,
        forms: usize,
        items: usize,
        named: usize,
    },
    Rated {
        code: &'a str,
        comment: Option<&'a str>,
    },
    AutomaticRating {
        code: &'a str,
    },
    /// The replay's place in the header.
    ReplayAt {
        at: Option<u32>,
        end: u32,
        reached: Option<u32>,
    },
    TooSmall {
        cols: u16,
        rows: u16,
        min_cols: u16,
        min_rows: u16,
        held: bool,
    },
    ConfirmQuit {
        yes: char,
    },
    /// A dialog's title when its options scroll.
    OfMany {
        title: &'a str,
        n: usize,
        of: usize,
    },
    // The command line's answers.
    UnknownCommand {
        word: &'a str,
        usage: &'a str,
    },
    StepTakesNumber {
        typed: &'a str,
    },
    NoInject {
        id: &'a str,
    },
    NoAsset {
        id: &'a str,
    },
    NoLevel {
        id: &'a str,
        ids: &'a str,
    },
    NoTeam {
        id: &'a str,
    },
    NeedsTick {
        typed: &'a str,
        usage: &'a str,
    },
}

impl Said<'_> {
    /// The sentence in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        use Said::*;
        let tick = |t: Option<u32>| t.map_or("-".to_string(), |t| t.to_string());
        match self {
            Queued { what, paused } => lang.pick(
                format!(
                    "Queued for the next tick: {what}{}",
                    if *paused {
                        " (paused: Space resumes, . steps)"
                    } else {
                        ""
                    }
                ),
                format!(
                    "次のティックで反映: {what}{}",
                    if *paused {
                        "（一時停止中: Space で再開、. で1ティック進める）"
                    } else {
                        ""
                    }
                ),
            ),
            Running { pace } => lang.pick(format!("Running at {pace}"), format!("進行中: {pace}")),
            Playing { pace } => lang.pick(format!("Playing at {pace}"), format!("再生中: {pace}")),
            Pace { pace } => lang.pick(format!("Pace: {pace}"), format!("速さ: {pace}")),
            PaceMinutes { minutes } => lang.pick(
                format!("Pace: {minutes} simulated minutes per real minute"),
                format!("速さ: 実時間1分あたり想定時間{minutes}分"),
            ),
            Stepped { ticks } => lang.pick(
                format!("Stepped {ticks} tick(s)"),
                format!("{ticks}ティック進めた"),
            ),
            Dice { outcome } => lang.pick(format!("Dice: {outcome}"), format!("判定: {outcome}")),
            JournalBroken { why } => lang.pick(
                format!("THE SESSION JOURNAL CANNOT BE WRITTEN: {why}. The console stops."),
                format!("セッションの記録を書き込めない: {why}。コンソールを停止する。"),
            ),
            HeldToSeat { seat } => lang.pick(
                format!(
                    "refused: this console is held to the seat of {seat}; seats are switched only at a shared console (kunren play without --seat)"
                ),
                format!(
                    "拒否: このコンソールは{seat}の席に固定されている。席の切替えは共用のコンソール（--seat を付けない kunren play）でのみ行える"
                ),
            ),
            SeatTaken { seat } => lang.pick(format!("Seat: {seat}"), format!("席: {seat}")),
            NoSeat { typed } => lang.pick(
                format!("no seat \"{typed}\": use white or the id of a team played by people"),
                format!(
                    "席「{typed}」はない。white または人が担当するチームの ID を指定すること"
                ),
            ),
            ReplayOf { name, keys } => lang.pick(
                format!("Replay of {name}: read-only. {keys}"),
                format!("{name}の再生（読み取り専用）。{keys}"),
            ),
            Resumed {
                session,
                at,
                replayed,
            } => {
                let at_en = at.map_or("the start".to_string(), |t| format!("tick {t}"));
                let at_ja = at.map_or("開始前".to_string(), |t| format!("ティック{t}"));
                lang.pick(
                    format!(
                        "Resumed session {session} at {at_en}: {replayed} command(s) replayed. Paused; Space resumes."
                    ),
                    format!(
                        "セッション {session} を{at_ja}から再開した（コマンド{replayed}件を再現）。一時停止中。Space で再開する。"
                    ),
                )
            }
            GivenHere { given } => lang.pick(
                format!("Given at this tick (in effect from the next): {given}"),
                format!("このティックで出されたもの（次のティックから反映）: {given}"),
            ),
            Branched { name, parent, at } => {
                let at_en = at.map_or("(start)".to_string(), |t| t.to_string());
                let at_ja = at.map_or("開始前".to_string(), |t| format!("ティック{t}"));
                lang.pick(
                    format!(
                        "Branch {name} of {parent} at tick {at_en}: live, paused. Space starts the clock."
                    ),
                    format!(
                        "{parent}の{at_ja}から分岐 {name} を開始した（一時停止中）。Space で時計を動かす。"
                    ),
                )
            }
            NoBranch { why } => lang.pick(
                format!("Cannot start a branch: {why}"),
                format!("分岐を開始できない: {why}"),
            ),
            OnWhichAsset { action } => lang.pick(
                format!("{action}: on which asset?"),
                format!("{action}: 対象の資産は"),
            ),
            ToWhichTeam { action } => lang.pick(
                format!("{action}: to which team?"),
                format!("{action}: 宛先のチームは"),
            ),
            WhichItem { action } => lang.pick(
                format!("{action}: which item?"),
                format!("{action}: どの情報か"),
            ),
            NotPossible { why } => {
                lang.pick(format!("Not possible: {why}"), format!("実施できない: {why}"))
            }
            NotNow { why } => lang.pick(format!("Not now: {why}"), format!("現時点では不可: {why}")),
            CannotShare { why } => {
                lang.pick(format!("Cannot share: {why}"), format!("共有できない: {why}"))
            }
            ConfirmAction {
                action,
                on,
                to,
                takes,
                staff,
            } => {
                let on_en = on.map(|a| format!(" on {a}")).unwrap_or_default();
                let to_en = to.map(|t| format!(" to {t}")).unwrap_or_default();
                let on_ja = on.map(|a| format!("（対象: {a}）")).unwrap_or_default();
                let to_ja = to.map(|t| format!("（宛先: {t}）")).unwrap_or_default();
                lang.pick(
                    format!("{action}{on_en}{to_en}: takes {takes}, {staff} staff. Confirm?"),
                    format!("{action}{on_ja}{to_ja}: 所要{takes}、要員{staff}名。実施するか"),
                )
            }
            MessageTo { team } => {
                lang.pick(format!("Message to {team}"), format!("{team}への連絡"))
            }
            ReasonForAsset { restore, asset } => match restore {
                true => lang.pick(
                    format!("Reason to restore {asset}"),
                    format!("{asset}を復旧させる理由"),
                ),
                false => lang.pick(
                    format!("Reason to fail {asset}"),
                    format!("{asset}を障害にする理由"),
                ),
            },
            ReasonForAction { complete } => match complete {
                true => lang.pick("Reason to complete it".into(), "完了させる理由".into()),
                false => lang.pick("Reason to call off it".into(), "中止させる理由".into()),
            },
            NoteAbout { team, objective } => lang.pick(
                format!("Note about {team}: {objective} (Tab: change)"),
                format!("記録（{team}: {objective}）（Tab: 変更）"),
            ),
            Marked { subject } => lang.pick(
                format!("Marked: {subject} (}} stops when it goes out)"),
                format!("印を付けた: {subject}（発出されたところで }} が止まる）"),
            ),
            Unmarked { subject } => {
                lang.pick(format!("Unmarked: {subject}"), format!("印を外した: {subject}"))
            }
            Evaluation { said } => {
                lang.pick(format!("Evaluation: {said}"), format!("評価: {said}"))
            }
            RateObjective { objective } => lang.pick(
                format!("Rate \"{objective}\""),
                format!("「{objective}」を評定する"),
            ),
            RateComment { code, objective } => lang.pick(
                format!("{code} for \"{objective}\": comment (Enter for none)"),
                format!("「{objective}」を{code}と評定: 意見（なければ Enter）"),
            ),
            Observation {
                objective,
                team,
                capability,
            } => {
                let cap = capability.map(|c| format!(" · {c}")).unwrap_or_default();
                lang.pick(
                    format!("Observation: {objective} ({team}){cap}"),
                    format!("所見: {objective}（{team}）{cap}"),
                )
            }
            WhoPlayed { team } => {
                lang.pick(format!("Who played {team}"), format!("{team}の参加者"))
            }
            HotWashItem { strength, team } => {
                // The report's words for the two sides, in either language.
                let side = if *strength {
                    "Strength"
                } else {
                    "Area for improvement"
                };
                let side = crate::report::words::say(lang, side);
                lang.pick(format!("{side} of {team}"), format!("{team}の{side}"))
            }
            AnalysisOf { observation } => lang.pick(
                format!("Analysis of O{observation}: what happened and why"),
                format!("O{observation}の分析: 何が起き、なぜそうなったか"),
            ),
            RootCauseOf { observation } => lang.pick(
                format!("Root cause of O{observation} (Enter to leave it open)"),
                format!("O{observation}の根本原因（未定なら Enter）"),
            ),
            FeedbackStatement { n, of, statement } => format!("{n}/{of}: {statement}"),
            WroteReport { path } => lang.pick(
                format!("Wrote the after-action report to {path}"),
                format!("事後評価報告書を {path} に書き出した"),
            ),
            WroteWithWarning { path, warning } => lang.pick(
                format!("Wrote {path}; {warning}"),
                format!("{path} に書き出した。{warning}"),
            ),
            ReportNotWritten { path, why } => lang.pick(
                format!("The report was not written to {path}: {why}"),
                format!("報告書を {path} に書き出せなかった: {why}"),
            ),
            SentAt { time } => lang.pick(format!("sent {time}"), format!("発出済 {time}")),
            HeldTo { time } => lang.pick(format!("held to {time}"), format!("{time}まで保留")),
            ChartTitle {
                name,
                now,
                max,
                unit,
            } => lang.pick(
                format!("{name}: {now} {unit} now (highest {max} {unit})"),
                format!("{name}: 現在 {now} {unit}、最高 {max} {unit}"),
            ),
            SaidAtHotWash { forms } => lang.pick(
                format!("Said at the hot wash · {forms} feedback form(s)"),
                format!("ホットウォッシュでの発言 · 評価票{forms}件"),
            ),
            PlayedBy { names } => {
                lang.pick(format!("Played by: {names}"), format!("参加者: {names}"))
            }
            EvaluationCounts {
                observations,
                analysed,
                forms,
                items,
                named,
            } => lang.pick(
                format!(
                    "{observations} observation(s), {analysed} analysed · {forms} feedback form(s) · hot wash: {items} item(s) · {named} team(s) with players named"
                ),
                format!(
                    "所見{observations}件（分析済{analysed}件） · 評価票{forms}件 · ホットウォッシュ{items}件 · 参加者名の記入{named}チーム"
                ),
            ),
            Rated { code, comment } => match comment {
                Some(c) => lang.pick(format!("Rated {code}: {c}. "), format!("評定{code}: {c}。")),
                None => lang.pick(format!("Rated {code}. "), format!("評定{code}。")),
            },
            AutomaticRating { code } => lang.pick(
                format!("Automatic rating {code}. "),
                format!("自動評定{code}。"),
            ),
            ReplayAt { at, end, reached } => lang.pick(
                format!(
                    "tick {} of {end} (recorded up to {})",
                    tick(*at),
                    tick(*reached)
                ),
                format!(
                    "ティック {} / {end}（記録はティック {} まで）",
                    tick(*at),
                    tick(*reached)
                ),
            ),
            TooSmall {
                cols,
                rows,
                min_cols,
                min_rows,
                held,
            } => lang.pick(
                format!(
                    "The terminal is {cols}x{rows}; kunren needs at least {min_cols}x{min_rows}. Enlarge the window or reduce the font size.{}",
                    if *held {
                        " The clock is paused until then, and runs on as it was."
                    } else {
                        ""
                    }
                ),
                format!(
                    "端末の大きさは{cols}x{rows}であり、kunren には{min_cols}x{min_rows}以上が必要である。ウィンドウを広げるか文字を小さくすること。{}",
                    if *held {
                        "それまで時計は止まり、その後は元の状態で進む。"
                    } else {
                        ""
                    }
                ),
            ),
            ConfirmQuit { yes } => lang.pick(
                format!("The exercise is still running. Quit? ({yes} / Esc)"),
                format!("演習はまだ続いている。終了するか（{yes} / Esc）"),
            ),
            OfMany { title, n, of } => {
                lang.pick(format!("{title} ({n} of {of})"), format!("{title}（{n}/{of}）"))
            }
            UnknownCommand { word, usage } => lang.pick(
                format!("unknown command \"{word}\"; {usage}"),
                format!("コマンド「{word}」はない。{usage}"),
            ),
            StepTakesNumber { typed } => lang.pick(
                format!("step takes a number of ticks, not \"{typed}\""),
                format!("step にはティック数を指定すること（「{typed}」は数でない）"),
            ),
            NoInject { id } => lang.pick(
                format!("no inject \"{id}\""),
                format!("状況付与「{id}」はない"),
            ),
            NoAsset { id } => {
                lang.pick(format!("no asset \"{id}\""), format!("資産「{id}」はない"))
            }
            NoLevel { id, ids } => lang.pick(
                format!("no crisis level \"{id}\": use one of {ids}"),
                format!("事態レベル「{id}」はない。{ids} のいずれかを指定すること"),
            ),
            NoTeam { id } => lang.pick(
                format!("no team \"{id}\"; teams are named by id, as in `seat`"),
                format!("チーム「{id}」はない。チームは `seat` と同じく ID で指定する"),
            ),
            NeedsTick { typed, usage } => lang.pick(
                format!("\"{typed}\" needs a tick number; {usage}"),
                format!("「{typed}」にはティック番号が必要である。{usage}"),
            ),
        }
    }
}

/// One of each sentence, with sample values: what the tests check a Japanese console never
/// shows in English. A new variant must be added here (the match below fails to compile
/// otherwise).
pub fn samples() -> Vec<Said<'static>> {
    use Said::*;
    let all = vec![
        Queued {
            what: "x",
            paused: true,
        },
        Running { pace: "x" },
        Playing { pace: "x" },
        Pace { pace: "x" },
        PaceMinutes { minutes: 1 },
        Stepped { ticks: 1 },
        Dice { outcome: "x" },
        JournalBroken { why: "x" },
        HeldToSeat { seat: "x" },
        SeatTaken { seat: "x" },
        NoSeat { typed: "x" },
        ReplayOf {
            name: "x",
            keys: "",
        },
        Resumed {
            session: "x",
            at: None,
            replayed: 1,
        },
        GivenHere { given: "x" },
        Branched {
            name: "x",
            parent: "y",
            at: None,
        },
        NoBranch { why: "x" },
        OnWhichAsset { action: "x" },
        ToWhichTeam { action: "x" },
        WhichItem { action: "x" },
        NotPossible { why: "x" },
        NotNow { why: "x" },
        CannotShare { why: "x" },
        ConfirmAction {
            action: "x",
            on: Some("y"),
            to: Some("z"),
            takes: "1 h",
            staff: 1,
        },
        MessageTo { team: "x" },
        ReasonForAsset {
            restore: true,
            asset: "x",
        },
        ReasonForAsset {
            restore: false,
            asset: "x",
        },
        ReasonForAction { complete: true },
        ReasonForAction { complete: false },
        NoteAbout {
            team: "x",
            objective: "y",
        },
        Marked { subject: "x" },
        Unmarked { subject: "x" },
        Evaluation { said: "x" },
        RateObjective { objective: "x" },
        RateComment {
            code: "P",
            objective: "x",
        },
        Observation {
            objective: "x",
            team: "y",
            capability: Some("z"),
        },
        WhoPlayed { team: "x" },
        HotWashItem {
            strength: true,
            team: "x",
        },
        HotWashItem {
            strength: false,
            team: "x",
        },
        AnalysisOf { observation: 1 },
        RootCauseOf { observation: 1 },
        FeedbackStatement {
            n: 1,
            of: 5,
            statement: "",
        },
        WroteReport { path: "x" },
        WroteWithWarning {
            path: "x",
            warning: "",
        },
        ReportNotWritten {
            path: "x",
            why: "y",
        },
        SentAt { time: "x" },
        HeldTo { time: "x" },
        ChartTitle {
            name: "x",
            now: "1",
            max: "2",
            unit: "u",
        },
        SaidAtHotWash { forms: 1 },
        PlayedBy { names: "x" },
        EvaluationCounts {
            observations: 1,
            analysed: 1,
            forms: 1,
            items: 1,
            named: 1,
        },
        Rated {
            code: "P",
            comment: Some("x"),
        },
        Rated {
            code: "P",
            comment: None,
        },
        AutomaticRating { code: "P" },
        ReplayAt {
            at: None,
            end: 1,
            reached: None,
        },
        TooSmall {
            cols: 1,
            rows: 1,
            min_cols: 2,
            min_rows: 2,
            held: true,
        },
        ConfirmQuit { yes: 'y' },
        OfMany {
            title: "",
            n: 1,
            of: 2,
        },
        UnknownCommand {
            word: "x",
            usage: "",
        },
        StepTakesNumber { typed: "x" },
        NoInject { id: "x" },
        NoAsset { id: "x" },
        NoLevel { id: "x", ids: "y" },
        NoTeam { id: "x" },
        NeedsTick {
            typed: "x",
            usage: "",
        },
    ];
    for s in &all {
        // Every variant is listed above: adding one makes this match fail to compile until it
        // is added here and to the list.
        match s {
            Queued { .. } | Running { .. } | Playing { .. } | Pace { .. } | PaceMinutes { .. } => {}
            Stepped { .. } | Dice { .. } | JournalBroken { .. } | HeldToSeat { .. } => {}
            SeatTaken { .. } | NoSeat { .. } | ReplayOf { .. } | GivenHere { .. } => {}
            Resumed { .. } => {}
            Branched { .. } | NoBranch { .. } | OnWhichAsset { .. } | ToWhichTeam { .. } => {}
            WhichItem { .. } | NotPossible { .. } | NotNow { .. } | CannotShare { .. } => {}
            ConfirmAction { .. } | MessageTo { .. } | ReasonForAsset { .. } => {}
            ReasonForAction { .. } | NoteAbout { .. } | Marked { .. } | Unmarked { .. } => {}
            Evaluation { .. } | RateObjective { .. } | RateComment { .. } => {}
            Observation { .. } | WhoPlayed { .. } | HotWashItem { .. } | AnalysisOf { .. } => {}
            RootCauseOf { .. } | FeedbackStatement { .. } | WroteReport { .. } => {}
            WroteWithWarning { .. } | ReportNotWritten { .. } | SentAt { .. } => {}
            HeldTo { .. } | ChartTitle { .. } | SaidAtHotWash { .. } | PlayedBy { .. } => {}
            EvaluationCounts { .. } | Rated { .. } | AutomaticRating { .. } | ReplayAt { .. } => {}
            TooSmall { .. } | ConfirmQuit { .. } | OfMany { .. } | UnknownCommand { .. } => {}
            StepTakesNumber { .. } | NoInject { .. } | NoAsset { .. } | NoLevel { .. } => {}
            NoTeam { .. } | NeedsTick { .. } => {}
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sentence has a Japanese wording of its own, with no English words left in it but
    /// the commands, keys and flags a person types.
    #[test]
    fn every_sentence_is_worded_in_japanese() {
        for s in samples() {
            let (en, ja) = (s.say(Lang::En), s.say(Lang::Ja));
            if matches!(s, Said::FeedbackStatement { .. }) {
                assert_eq!(en, ja);
                continue;
            }
            assert_ne!(en, ja, "{s:?}");
            let english: Vec<&str> = ja
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 1)
                .filter(|w| {
                    ![
                        "Space", "Enter", "Tab", "Esc", "kunren", "play", "seat", "white", "step",
                        "ID", "branch",
                    ]
                    .contains(w)
                })
                .collect();
            assert!(english.is_empty(), "{s:?}: {ja} has {english:?}");
        }
    }

    /// The English wordings are the console's as they were: tests and people's habits pin them.
    #[test]
    fn english_stays_as_it_was() {
        assert_eq!(
            Said::Queued {
                what: "fire \"x\"",
                paused: true
            }
            .say(Lang::En),
            "Queued for the next tick: fire \"x\" (paused: Space resumes, . steps)"
        );
        assert_eq!(
            Said::Branched {
                name: "b",
                parent: "p",
                at: Some(3)
            }
            .say(Lang::En),
            "Branch b of p at tick 3: live, paused. Space starts the clock."
        );
        assert_eq!(
            Said::ReasonForAction { complete: false }.say(Lang::En),
            "Reason to call off it"
        );
        assert_eq!(
            Said::NoTeam { id: "zz" }.say(Lang::Ja),
            "チーム「zz」はない。チームは `seat` と同じく ID で指定する"
        );
    }
}
