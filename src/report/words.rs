//! The report's own words in Japanese (headings, table headers, fixed phrases), keyed by the
//! English the renderers write, as the console's are in `tui::words`: English stays the one
//! source, and a test fails on any word the renderers pass through [`say`] that lacks Japanese.
//! The scenario's texts come in the report's language from the scenario itself
//! (`Scenario::text`), the engine's lines from `Simulation::read`.

use super::evaluation::FEEDBACK_STATEMENTS;
use crate::lang::Lang;
use crate::scenario::model::CoreCapability;

/// `en` in `lang`: itself in English, its Japanese from the catalogue otherwise (itself when the
/// catalogue lacks it, which the tests forbid for every word listed in [`WORDS`]).
pub fn say(lang: Lang, en: &str) -> &str {
    debug_assert!(WORDS.contains(&en), "list {en:?} in report::words::WORDS");
    match lang {
        Lang::En => en,
        Lang::Ja => japanese(en).unwrap_or(en),
    }
}

fn japanese(en: &str) -> Option<&'static str> {
    JA.binary_search_by(|(k, _)| k.cmp(&en))
        .ok()
        .map(|i| JA[i].1)
}

/// A core capability's name in `lang` (the National Preparedness Goal's English, or a plain
/// Japanese rendering of it).
pub fn capability(lang: Lang, c: CoreCapability) -> &'static str {
    use CoreCapability::*;
    let ja = match c {
        Planning => "計画策定",
        PublicInformationAndWarning => "広報・警報",
        OperationalCoordination => "活動の調整",
        ForensicsAndAttribution => "フォレンジック・攻撃者の特定",
        IntelligenceAndInformationSharing => "情報収集・共有",
        InterdictionAndDisruption => "阻止・妨害",
        ScreeningSearchAndDetection => "検査・捜索・検知",
        AccessControlAndIdentityVerification => "アクセス管理・本人確認",
        Cybersecurity => "サイバーセキュリティ",
        PhysicalProtectiveMeasures => "物理的防護措置",
        RiskManagementForProtectionProgramsAndActivities => "防護計画・活動のリスク管理",
        SupplyChainIntegrityAndSecurity => "サプライチェーンの完全性・安全",
        CommunityResilience => "地域のレジリエンス",
        LongTermVulnerabilityReduction => "長期的な脆弱性の低減",
        RiskAndDisasterResilienceAssessment => "リスク・災害レジリエンス評価",
        ThreatsAndHazardsIdentification => "脅威・ハザードの特定",
        CriticalTransportation => "重要輸送",
        EnvironmentalResponseHealthAndSafety => "環境対応・健康と安全",
        FatalityManagementServices => "遺体管理",
        FireManagementAndSuppression => "消防・消火",
        LogisticsAndSupplyChainManagement => "物流・サプライチェーン管理",
        MassCareServices => "大規模被災者支援",
        MassSearchAndRescueOperations => "大規模捜索救助",
        OnSceneSecurityProtectionAndLawEnforcement => "現場の警備・防護・法執行",
        OperationalCommunications => "活動用通信",
        PublicHealthHealthcareAndEmergencyMedicalServices => "公衆衛生・医療・救急医療",
        SituationalAssessment => "状況評価",
        EconomicRecovery => "経済の復興",
        HealthAndSocialServices => "保健・社会福祉サービス",
        Housing => "住宅",
        InfrastructureSystems => "インフラシステム",
        NaturalAndCulturalResources => "自然・文化資源",
    };
    lang.pick(c.name(), ja)
}

/// A capability named in words (a note's "(Cybersecurity)") in `lang`: a core capability's
/// name in the report's language, anything else as written.
pub fn capability_named(lang: Lang, name: &str) -> String {
    CoreCapability::ALL
        .into_iter()
        .find(|c| c.name() == name)
        .map_or_else(|| name.to_string(), |c| capability(lang, c).to_string())
}

/// The feedback form's statements ([`FEEDBACK_STATEMENTS`]) in `lang`, in the same order.
pub fn feedback_statements(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::En => FEEDBACK_STATEMENTS,
        Lang::Ja => [
            "演習はよく構成され、整理されていた。",
            "シナリオはもっともらしく、現実的であった。",
            "サイバーインシデントにおける自組織の役割について理解が深まった。",
            "参加すべき人と組織が参加していた。",
            "改善すべき点が演習で明らかになった。",
        ],
    }
}

/// Every word the renderers pass through [`say`] (a test checks each has its Japanese).
pub const WORDS: &[&str] = &[
    "After-action report",
    "Overview",
    "Scenario",
    "Exercise dates (simulated)",
    "to",
    "(stopped early)",
    "Times",
    "Run on",
    "not recorded",
    "Seed",
    "Decisions",
    "none scripted",
    "Participants",
    "Team",
    "Kind",
    "Played by",
    "Players",
    "Learning objectives",
    "Objectives",
    "Ratings",
    "Objective",
    "Deadline",
    "Rating",
    "Evidence",
    "facilitator; automatic",
    "Facilitator",
    "Timeline of key events",
    "Show:",
    "Time",
    "Event",
    "Measures over time",
    "Measure",
    "Over time",
    "Start",
    "Min",
    "Max",
    "End",
    "Unit",
    "start",
    "min",
    "max",
    "end",
    "Services",
    "Service",
    "Outages",
    "When (below normal)",
    "Outage (h, total)",
    "Service lost (h)",
    "never disrupted",
    "Observations",
    "None recorded.",
    "General",
    "Hot wash",
    "Strength",
    "Area for improvement",
    "Participant feedback",
    "No feedback form was recorded.",
    "form(s); scores from 1 (strongly disagree) to 5 (strongly agree).",
    "Statement",
    "Mean score",
    "Forms that scored it",
    "Exercise control",
    "Exercise control fired, withdrew, held back and rewrote no inject, and made no ruling.",
    "What was done",
    "Strengths",
    "Areas for improvement",
    "Improvement plan",
    "Core capability",
    "Issue or area for improvement",
    "Corrective action",
    "Capability element",
    "Primary responsible organization",
    "Point of contact",
    "Start date",
    "Completion date",
    "Issue",
    "Element",
    "Responsible",
    "Contact",
    "Completion",
    "each bar the mean of an equal share of the run.",
    "From",
    "page",
    "of",
    "inject",
    "action",
    "impact",
    "detection",
    "objective",
    "adjudication",
    "performed without challenges",
    "performed with some challenges",
    "performed with major challenges",
    "unable to be performed",
    "not applicable",
    "Operator",
    "Agency",
    "Adversary",
    "WhiteCell",
    "People",
    "Simulation",
    "Observer",
    "strength",
    "area for improvement",
    "comment",
    "Analysis",
    "Root cause",
    "MSEL",
    "ruling",
    "law",
    "Planning",
    "Organization",
    "Equipment",
    "Training",
    "Exercises",
    "records",
    "fraction",
    // The evaluation guides and the participant feedback form.
    "Exercise Evaluation Guides",
    "One guide per exercise objective.",
    "Evaluator",
    "Date",
    "Location",
    "Learning objectives of the exercise:",
    "EEG",
    "Organisation",
    "Critical tasks",
    "No action is named by the scenario: judge the outcome below.",
    "What to watch for",
    "Observation (what happened, who, and the critical task it bears on)",
    "Analysis and root cause:",
    "Evaluator's initials",
    "Participant feedback form",
    "Name (optional)",
    "Organisation or team",
    "Role",
    "Score each statement from 1 (strongly disagree) to 5 (strongly agree).",
    "What went well",
    "What should be improved",
    "Other comments",
];

/// (English, Japanese), sorted by the English (a test checks).
const JA: &[(&str, &str)] = &[
    ("(stopped early)", "（途中で停止）"),
    ("Adversary", "攻撃者"),
    ("After-action report", "事後評価報告書"),
    ("Agency", "機関"),
    ("Analysis", "分析"),
    ("Analysis and root cause:", "分析及び根本原因:"),
    ("Area for improvement", "改善点"),
    ("Areas for improvement", "改善点"),
    ("Capability element", "能力要素"),
    ("Completion", "完了"),
    ("Completion date", "完了日"),
    ("Contact", "連絡先"),
    ("Core capability", "中核能力"),
    ("Corrective action", "是正措置"),
    ("Critical tasks", "重要タスク"),
    ("Date", "日付"),
    ("Deadline", "期限"),
    ("Decisions", "意思決定セット"),
    ("EEG", "評価ガイド"),
    ("Element", "要素"),
    ("End", "終了時"),
    ("Equipment", "装備"),
    ("Evaluator", "評価者"),
    ("Evaluator's initials", "評価者署名"),
    ("Event", "出来事"),
    ("Evidence", "根拠"),
    ("Exercise Evaluation Guides", "演習評価ガイド"),
    ("Exercise control", "演習統制"),
    (
        "Exercise control fired, withdrew, held back and rewrote no inject, and made no ruling.",
        "演習統制は状況付与の発出・取下げ・保留・書換えを行わず、裁定も行わなかった。",
    ),
    ("Exercise dates (simulated)", "演習の日時（想定）"),
    ("Exercises", "演習"),
    ("Facilitator", "ファシリテーター"),
    ("Forms that scored it", "回答数"),
    ("From", "期間"),
    ("General", "全般"),
    ("Hot wash", "ホットウォッシュ"),
    ("Improvement plan", "改善計画"),
    ("Issue", "課題"),
    ("Issue or area for improvement", "課題・改善点"),
    ("Kind", "種別"),
    ("Learning objectives", "学習目標"),
    ("Learning objectives of the exercise:", "本演習の学習目標:"),
    ("Location", "場所"),
    ("MSEL", "状況付与計画"),
    ("Max", "最大"),
    ("Mean score", "平均点"),
    ("Measure", "指標"),
    ("Measures over time", "指標の推移"),
    ("Min", "最小"),
    ("Name (optional)", "氏名（任意）"),
    (
        "No action is named by the scenario: judge the outcome below.",
        "シナリオは求める対応を定めていない。以下の結果により評価する。",
    ),
    (
        "No feedback form was recorded.",
        "参加者アンケートの記録はない。",
    ),
    ("None recorded.", "記録なし。"),
    ("Objective", "目標"),
    ("Objectives", "目標"),
    (
        "Observation (what happened, who, and the critical task it bears on)",
        "所見（何が起きたか、誰が関わったか、関係する重要タスク）",
    ),
    ("Observations", "所見"),
    ("Observer", "オブザーバー"),
    ("One guide per exercise objective.", "演習の目標ごとに1件。"),
    ("Operator", "事業者"),
    ("Organisation", "組織"),
    ("Organisation or team", "所属組織又はチーム"),
    ("Organization", "組織"),
    ("Other comments", "その他の意見"),
    ("Outage (h, total)", "停止（時間、合計）"),
    ("Outages", "停止回数"),
    ("Over time", "推移"),
    ("Overview", "概要"),
    ("Participant feedback", "参加者アンケート"),
    ("Participant feedback form", "参加者アンケート"),
    ("Participants", "参加組織"),
    ("People", "人"),
    ("Planning", "計画"),
    ("Played by", "担当"),
    ("Players", "参加者"),
    ("Point of contact", "連絡窓口"),
    ("Primary responsible organization", "主担当組織"),
    ("Rating", "評価"),
    ("Ratings", "評価"),
    ("Responsible", "担当組織"),
    ("Role", "役割"),
    ("Root cause", "根本原因"),
    ("Run on", "実施日"),
    ("Scenario", "シナリオ"),
    (
        "Score each statement from 1 (strongly disagree) to 5 (strongly agree).",
        "各設問について、1（全くそう思わない）から5（強くそう思う）までの5段階で評価してください。",
    ),
    ("Seed", "シード"),
    ("Service", "サービス"),
    ("Service lost (h)", "失われたサービス（時間）"),
    ("Services", "サービス"),
    ("Show:", "表示:"),
    ("Simulation", "シミュレーション"),
    ("Start", "開始時"),
    ("Start date", "開始日"),
    ("Statement", "設問"),
    ("Strength", "良かった点"),
    ("Strengths", "良かった点"),
    ("Team", "チーム"),
    ("Time", "時刻"),
    ("Timeline of key events", "主要な出来事の時系列"),
    ("Times", "時刻の表記"),
    ("Training", "訓練"),
    ("Unit", "単位"),
    ("What should be improved", "改善すべき点"),
    ("What to watch for", "着眼点"),
    ("What was done", "内容"),
    ("What went well", "良かった点"),
    ("When (below normal)", "時期（通常未満）"),
    ("WhiteCell", "ホワイトセル"),
    ("action", "対応"),
    ("adjudication", "裁定"),
    ("area for improvement", "改善点"),
    ("comment", "意見"),
    ("detection", "検知"),
    (
        "each bar the mean of an equal share of the run.",
        "各棒は演習期間を等分した区間の平均。",
    ),
    ("end", "終了時"),
    ("facilitator; automatic", "ファシリテーター判定。自動判定"),
    (
        "form(s); scores from 1 (strongly disagree) to 5 (strongly agree).",
        "件。1（全くそう思わない）から5（強くそう思う）までの評点。",
    ),
    ("fraction", "割合"),
    ("impact", "影響"),
    ("inject", "状況付与"),
    ("law", "法令"),
    ("max", "最大"),
    ("min", "最小"),
    ("never disrupted", "中断なし"),
    ("none scripted", "なし"),
    ("not applicable", "対象外"),
    ("not recorded", "記録なし"),
    ("objective", "目標"),
    ("of", "/"),
    ("page", "ページ"),
    ("performed with major challenges", "大きな課題を伴って実施"),
    ("performed with some challenges", "若干の課題を伴って実施"),
    ("performed without challenges", "課題なく実施"),
    ("records", "件"),
    ("ruling", "裁定"),
    ("start", "開始時"),
    ("strength", "良かった点"),
    ("to", "〜"),
    ("unable to be performed", "実施できず"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_sorted_and_every_word_of_the_report_has_its_japanese() {
        for pair in JA.windows(2) {
            assert!(pair[0].0 < pair[1].0, "out of order or twice: {pair:?}");
        }
        let missing: Vec<&&str> = WORDS.iter().filter(|w| japanese(w).is_none()).collect();
        assert!(missing.is_empty(), "no Japanese for: {missing:#?}");
        assert_eq!(say(Lang::En, "Overview"), "Overview");
        assert_eq!(say(Lang::Ja, "Overview"), "概要");
        for c in CoreCapability::ALL {
            assert_ne!(capability(Lang::Ja, c), c.name());
            assert_eq!(capability(Lang::En, c), c.name());
        }
        assert_eq!(
            capability_named(Lang::Ja, "Cybersecurity"),
            "サイバーセキュリティ"
        );
        assert_eq!(capability_named(Lang::Ja, "Morale"), "Morale");
    }
}
