//! The sentences the report derives from a run, each a small typed value worded in either
//! language by one function, as `sim::log::lines` words the engine's log: an objective's
//! evidence ([`Evidence`]), why it fell short ([`Miss`]) and the corrective action that follows
//! ([`Remedy`]), the plan's issues and the areas they give ([`Issue`]), the strengths
//! ([`Strength`]) and the services' outages. In English each reads exactly as the report always
//! wrote it; in Japanese in the register of the report's own words, names in 「」. Fixed words
//! stay in `report::words`.

use super::Miss;
use crate::lang::Lang;
use crate::number::short;
use crate::scenario::model::{ActionId, AssetId, InjectId, Scenario, TeamId, TextKey};
use crate::summary::{OutageInterval, ServiceOutage};

/// A name quoted as the language quotes one: "name" or 「name」.
pub(crate) fn quote(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("\"{name}\""),
        Lang::Ja => format!("「{name}」"),
    }
}

/// Alternatives, each quoted: "a" or "b"; 「a」または「b」.
fn either(lang: Lang, names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| quote(lang, n)).collect();
    quoted.join(lang.pick(" or ", "または"))
}

/// Assets held by an intruder: "A, B" (as the English always listed them) or 「A」、「B」.
fn held(lang: Lang, names: &[String]) -> String {
    match lang {
        Lang::En => names.join(", "),
        Lang::Ja => {
            let quoted: Vec<String> = names.iter().map(|n| quote(lang, n)).collect();
            quoted.join("、")
        }
    }
}

/// How an objective came out, as the evidence for its rating says it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Evidence {
    /// Met at `at`, by `how`, inside the window (from, due) if it has one; `held`: the team's
    /// assets an intruder still held when a recovery was met (empty when none or not a recovery).
    Met {
        at: u32,
        how: How,
        window: Option<(u32, u32)>,
        held: Vec<AssetId>,
    },
    /// Missed at `at`: at its deadline, or (`at_end`) by the end of an exercise without one.
    Missed {
        at: u32,
        at_end: bool,
        why: Why,
    },
    NotApplicable,
    /// Still open when the run stopped at `at`.
    Pending {
        at: u32,
    },
}

/// What met an objective.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum How {
    /// The completion of one of its actions: the log's line in the report's language, and when.
    Completed { line: String, at: u32 },
    /// Its goal held, with no action of its own to name.
    GoalHeld,
}

/// Why a missed objective was missed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Why {
    Late { action: ActionId, done: u32 },
    NotFinished { action: ActionId, started: u32 },
    GoalDidNotHold,
    NeverAttempted { actions: Vec<ActionId> },
}

impl Evidence {
    pub(crate) fn words(&self, s: &Scenario, lang: Lang) -> String {
        let clock = &s.clock;
        let action = |a: ActionId| quote(lang, s.text(TextKey::ActionName(a), lang));
        match (self, lang) {
            (
                Evidence::Met {
                    at,
                    how,
                    window,
                    held: inside,
                },
                _,
            ) => {
                let tick = *at;
                let at = clock.label_lang(tick, lang);
                let how = match (how, lang) {
                    (How::Completed { line, at }, Lang::En) => {
                        format!("{line} ({})", clock.label_lang(*at, lang))
                    }
                    (How::Completed { line, at }, Lang::Ja) => {
                        format!("{line}（{}）", clock.label_lang(*at, lang))
                    }
                    (How::GoalHeld, _) => lang.pick("the goal held", "目標の条件が成立").into(),
                };
                let timing = match window {
                    Some((from, due)) => {
                        let into = clock.elapsed(tick.saturating_sub(*from)).say(lang);
                        let span = clock.elapsed(due.saturating_sub(*from)).say(lang);
                        let due = clock.label_lang(*due, lang);
                        match lang {
                            Lang::En => format!("; {into} into a {span} window, due {due}"),
                            Lang::Ja => format!("。期限枠{span}のうち{into}の時点、期限は{due}"),
                        }
                    }
                    None => String::new(),
                };
                let names: Vec<String> = inside
                    .iter()
                    .map(|a| s.text(TextKey::AssetName(*a), lang).to_string())
                    .collect();
                let hollow = match (names.is_empty(), lang) {
                    (true, _) => String::new(),
                    (false, Lang::En) => format!(
                        " But the intruder still held {} when it was met: the systems came back with the intruder inside, so it is rated M at best.",
                        held(lang, &names)
                    ),
                    (false, Lang::Ja) => format!(
                        "ただし、達成の時点で侵入者はなお{}を掌握していた。侵入者を残したままシステムが復旧したため、評価はM以下とする。",
                        held(lang, &names)
                    ),
                };
                match lang {
                    Lang::En => format!("Met {at}: {how}{timing}.{hollow}"),
                    Lang::Ja => format!("{at}に達成: {how}{timing}。{hollow}"),
                }
            }
            (Evidence::Missed { at, at_end, why }, _) => {
                let at = clock.label_lang(*at, lang);
                let why = match (why, lang) {
                    (Why::Late { action: a, done }, Lang::En) => {
                        format!(
                            "{} was completed late, {}",
                            action(*a),
                            clock.label_lang(*done, lang)
                        )
                    }
                    (Why::Late { action: a, done }, Lang::Ja) => {
                        format!(
                            "{}の完了は期限後の{}",
                            action(*a),
                            clock.label_lang(*done, lang)
                        )
                    }
                    (Why::NotFinished { action: a, started }, Lang::En) => format!(
                        "{} was started {} but not completed in time",
                        action(*a),
                        clock.label_lang(*started, lang)
                    ),
                    (Why::NotFinished { action: a, started }, Lang::Ja) => format!(
                        "{}は{}に開始されたが、期限内に完了しなかった",
                        action(*a),
                        clock.label_lang(*started, lang)
                    ),
                    (Why::GoalDidNotHold, _) => lang
                        .pick(
                            "the goal did not hold in time",
                            "目標の条件が期限内に成立しなかった",
                        )
                        .to_string(),
                    (Why::NeverAttempted { actions }, _) => {
                        let names: Vec<String> = actions
                            .iter()
                            .map(|a| s.text(TextKey::ActionName(*a), lang).to_string())
                            .collect();
                        match lang {
                            Lang::En => {
                                format!("never attempted: no {} was taken", either(lang, &names))
                            }
                            Lang::Ja => {
                                format!("未着手: {}は実施されなかった", either(lang, &names))
                            }
                        }
                    }
                };
                match (at_end, lang) {
                    (true, Lang::En) => {
                        format!("Not met by the end of the exercise ({at}); {why}.")
                    }
                    (true, Lang::Ja) => format!("演習終了までに未達（{at}）。{why}。"),
                    (false, Lang::En) => format!("Deadline passed {at}; {why}."),
                    (false, Lang::Ja) => format!("期限{at}を経過。{why}。"),
                }
            }
            (Evidence::NotApplicable, Lang::En) => {
                "Not applicable: the event its deadline counts from never happened.".to_string()
            }
            (Evidence::NotApplicable, Lang::Ja) => {
                "対象外: 期限の起点となる事象が発生しなかった。".to_string()
            }
            (Evidence::Pending { at }, Lang::En) => format!(
                "Still open when the run stopped ({}); not rated automatically.",
                clock.label_lang(*at, lang)
            ),
            (Evidence::Pending { at }, Lang::Ja) => format!(
                "演習の停止時点（{}）で未決のため、自動評価は行わない。",
                clock.label_lang(*at, lang)
            ),
        }
    }
}

/// Exercise control withdrew the inject that was an unmet objective's cue, at `at`: said after
/// its evidence.
pub(crate) fn withdrawn(s: &Scenario, inject: InjectId, at: u32, lang: Lang) -> String {
    let subject = quote(lang, s.text(TextKey::InjectSubject(inject), lang));
    let at = s.clock.label_lang(at, lang);
    match lang {
        Lang::En => format!(" Exercise control withdrew its cue, inject {subject}, {at}."),
        Lang::Ja => format!("演習統制は契機となる状況付与{subject}を{at}に取り下げた。"),
    }
}

/// A completed action in words, when the log's own line for it cannot be found.
pub(crate) fn completed(team: &str, action: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{team} completed {}", quote(lang, action)),
        Lang::Ja => format!("{team}が{}を完了", quote(lang, action)),
    }
}

/// An action done before the exercise began (access held, measures in place at the start):
/// in English the log's own line, `logged`; the engine keeps no typed form of it to read.
pub(crate) fn done_before(logged: &str, team: &str, action: &str, lang: Lang) -> String {
    match lang {
        Lang::En => logged.to_string(),
        Lang::Ja => format!("{team}は演習開始前に{}を実施済み", quote(lang, action)),
    }
}

/// The corrective action an objective's plan row proposes.
pub(crate) struct Remedy<'a> {
    pub miss: Option<&'a Miss>,
    /// The team's, the objective's and its deadline's words, in the report's language.
    pub team: &'a str,
    pub objective: &'a str,
    pub deadline: &'a str,
}

impl Remedy<'_> {
    pub(crate) fn words(&self, lang: Lang) -> String {
        let Remedy {
            team,
            objective,
            deadline,
            ..
        } = self;
        let name = quote(lang, objective);
        match (self.miss, lang) {
            (Some(Miss::NeverAttempted { actions }), Lang::En) => format!(
                "Write into {team}'s plan who takes {} and on what cue, so that {name} is met {deadline}; in this run it was never attempted.",
                either(lang, actions)
            ),
            (Some(Miss::NeverAttempted { actions }), Lang::Ja) => format!(
                "{team}の計画に、{}を誰がどの契機で実施するかを定め、{name}を達成できるようにする（期限: {deadline}）。本演習では未着手であった。",
                either(lang, actions)
            ),
            (Some(Miss::NotFinished { action, started }), Lang::En) => format!(
                "Give {} the staff and authority to finish in time, or start it sooner: {team} started it {started} and did not finish it {deadline}.",
                quote(lang, action)
            ),
            (Some(Miss::NotFinished { action, started }), Lang::Ja) => format!(
                "{}を期限内に完了できるよう要員と権限を与えるか、より早く着手する。{team}は{started}に着手したが、期限内に完了しなかった（期限: {deadline}）。",
                quote(lang, action)
            ),
            (Some(Miss::Late { action, by }), Lang::En) => format!(
                "Rehearse {} until {team} does it {deadline}: in this run it was done {by} after the deadline.",
                quote(lang, action)
            ),
            (Some(Miss::Late { action, by }), Lang::Ja) => format!(
                "{team}が期限内に実施できるよう{}を訓練する（期限: {deadline}）。本演習では期限の{by}後に実施された。",
                quote(lang, action)
            ),
            (Some(Miss::IntruderInside { held: assets }), Lang::En) => format!(
                "Make eviction a step before restoration in {team}'s recovery plan: hunt, verify clean and reset credentials on {} before systems go back on the network.",
                held(lang, assets)
            ),
            (Some(Miss::IntruderInside { held: assets }), Lang::Ja) => format!(
                "{team}の復旧計画で、侵入者の排除を復旧の前の手順とする。システムをネットワークに戻す前に、{}で脅威の探索、安全の確認、認証情報の再設定を行う。",
                held(lang, assets)
            ),
            (Some(Miss::GoalDidNotHold) | None, Lang::En) => {
                format!(
                    "Review with {team} what it takes for {name} to hold {deadline}, and plan for it."
                )
            }
            (Some(Miss::GoalDidNotHold) | None, Lang::Ja) => format!(
                "{name}が期限内に成立するために何が必要かを{team}と検討し、計画に反映する（期限: {deadline}）。"
            ),
        }
    }
}

/// An issue of the improvement plan read off the results, and the area for improvement it
/// gives.
pub(crate) enum Issue<'a> {
    /// An objective rated M or U (`inside`: met, but with the intruder inside), with its
    /// evidence; names and deadline in the report's language.
    Objective {
        name: &'a str,
        deadline: &'a str,
        inside: bool,
        evidence: &'a str,
    },
    /// A service down long or not back by the end; its name as the report shows it.
    Outage {
        service: &'a str,
        outage: &'a ServiceOutage,
    },
    /// Records exposed by the end.
    Exposure { records: f64 },
}

impl Issue<'_> {
    /// The issue as the plan's row says it.
    pub(crate) fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Issue::Objective {
                    name,
                    deadline,
                    inside,
                    ..
                },
                _,
            ) => {
                let name = quote(lang, name);
                match (inside, lang) {
                    (true, Lang::En) => {
                        format!("{name} was met with the intruder still inside ({deadline})")
                    }
                    (true, Lang::Ja) => format!("{name}は侵入者を残したまま達成（{deadline}）"),
                    (false, Lang::En) => format!("{name} was not met ({deadline})"),
                    (false, Lang::Ja) => format!("{name}は未達（{deadline}）"),
                }
            }
            (Issue::Outage { service, outage }, Lang::En) => {
                format!("Long outage of {service}: {}", periods(outage, lang))
            }
            (Issue::Outage { service, outage }, Lang::Ja) => format!(
                "{}の長時間停止: {}",
                quote(lang, service),
                periods(outage, lang)
            ),
            (Issue::Exposure { records }, Lang::En) => {
                format!("{} records exposed", short(*records))
            }
            (Issue::Exposure { records }, Lang::Ja) => format!("{}件の記録が流出", short(*records)),
        }
    }

    /// The area for improvement, in full.
    pub(crate) fn area(&self, lang: Lang) -> String {
        let issue = self.words(lang);
        match (self, lang) {
            (Issue::Objective { evidence, .. }, _) => format!("{issue}: {evidence}"),
            (Issue::Outage { outage, .. }, Lang::En) => format!(
                "{issue}, {} h of service lost.",
                short(outage.lost_service_hours)
            ),
            (Issue::Outage { outage, .. }, Lang::Ja) => format!(
                "{issue}。失われたサービスは{}時間。",
                short(outage.lost_service_hours)
            ),
            (Issue::Exposure { .. }, Lang::En) => format!("Exposure: {issue}."),
            (Issue::Exposure { .. }, Lang::Ja) => format!("情報流出: {issue}。"),
        }
    }

    /// The corrective action for an outage or an exposure (an objective's comes from its
    /// [`Remedy`]).
    pub(crate) fn remedy(&self, lang: Lang) -> Option<String> {
        Some(match (self, lang) {
            (Issue::Objective { .. }, _) => return None,
            (Issue::Outage { service, .. }, Lang::En) => format!(
                "Plan how {service} keeps running or comes back sooner: tested backups, manual fallbacks, restore order."
            ),
            (Issue::Outage { service, .. }, Lang::Ja) => format!(
                "{}を止めない、またはより早く戻す方策を計画する（検証済みのバックアップ、手作業による代替手段、復旧の順序）。",
                quote(lang, service)
            ),
            (Issue::Exposure { .. }, Lang::En) => "Find where the data left, limit what is reachable, and rehearse notifying those affected.".to_string(),
            (Issue::Exposure { .. }, Lang::Ja) => "データの流出経路を特定し、到達できる範囲を絞り、影響を受ける人への通知を訓練する。".to_string(),
        })
    }
}

/// A strength read off the results.
pub(crate) enum Strength<'a> {
    /// An objective rated P: its name and evidence in the report's language.
    Objective { name: &'a str, evidence: &'a str },
    /// A campaign halted before it ran its course, by id.
    Halted { campaign: &'a str },
}

impl Strength<'_> {
    pub(crate) fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Strength::Objective { name, evidence }, _) => format!("{name}: {evidence}"),
            (Strength::Halted { campaign }, Lang::En) => {
                format!("The {campaign} campaign was halted before it ran its course.")
            }
            (Strength::Halted { campaign }, Lang::Ja) => format!(
                "攻撃キャンペーン{}は完遂前に阻止された。",
                quote(lang, campaign)
            ),
        }
    }
}

/// One stretch below normal: "Tue 04 Jul 06:15 to Tue 04 Jul 06:30 (0.25 h)".
pub(crate) fn interval(i: &OutageInterval, lang: Lang) -> String {
    match (&i.to, lang) {
        (_, Lang::En) => i.describe(),
        (Some(to), Lang::Ja) => format!("{} 〜 {to}（{}時間）", i.from, short(i.hours)),
        (None, Lang::Ja) => format!("{} 〜 終了時（未復旧、{}時間）", i.from, short(i.hours)),
    }
}

/// A service's outages in a line: "2 outages, 47.3 h in all: ...", as `run` and `compare` say
/// it in English.
pub(crate) fn periods(s: &ServiceOutage, lang: Lang) -> String {
    if lang == Lang::En {
        return s.periods();
    }
    if s.intervals.is_empty() {
        return "中断なし".to_string();
    }
    let each: Vec<String> = s.intervals.iter().map(|i| interval(i, lang)).collect();
    format!(
        "{}回、計{}時間: {}",
        s.intervals.len(),
        short(s.outage_hours),
        each.join("; ")
    )
}

/// A feedback statement's score in the PDF's list.
pub(crate) fn score(statement: &str, mean: f64, forms: usize, lang: Lang) -> String {
    match (forms, lang) {
        (0, Lang::En) => format!("{statement} (not scored)"),
        (0, Lang::Ja) => format!("{statement}（回答なし）"),
        (n, Lang::En) => format!("{statement} Mean {mean:.1} over {n} form(s)."),
        (n, Lang::Ja) => format!("{statement} 平均{mean:.1}（{n}件）。"),
    }
}

/// Who filled in a feedback form: "Team name, role".
pub(crate) fn who(team: &str, role: &str, lang: Lang) -> String {
    match (role.is_empty(), lang) {
        (true, _) => team.to_string(),
        (false, Lang::En) => format!("{team}, {role}"),
        (false, Lang::Ja) => format!("{team}、{role}"),
    }
}

/// The team that owns an asset, by name in `lang`.
pub(crate) fn owner(s: &Scenario, asset: AssetId, lang: Lang) -> String {
    team(s, s.asset(asset).owner, lang)
}

pub(crate) fn team(s: &Scenario, t: TeamId, lang: Lang) -> String {
    s.text(TextKey::TeamName(t), lang).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagship() -> Scenario {
        let b = crate::library::builtin(crate::library::FLAGSHIP).unwrap();
        crate::scenario::parse(b.source, b.path).unwrap()
    }

    /// Tick of a time on the flagship's clock (15-minute ticks from Mon 03 Jul 00:00).
    fn at(hours: u32) -> u32 {
        hours * 4
    }

    fn both(e: &Evidence, s: &Scenario) -> (String, String) {
        (e.words(s, Lang::En), e.words(s, Lang::Ja))
    }

    #[test]
    fn met_evidence_reads_in_either_language_with_its_window_and_the_intruder_inside() {
        let s = flagship();
        let dc = s.asset_index("nuts-ad").unwrap();
        let met = Evidence::Met {
            at: at(40),
            how: How::GoalHeld,
            window: Some((at(30), at(54))),
            held: vec![dc],
        };
        let (en, ja) = both(&met, &s);
        assert_eq!(
            en,
            "Met Tue 04 Jul 16:00: the goal held; 10h into a 1d window, due Wed 05 Jul 06:00. But the intruder still held NUTS domain controller when it was met: the systems came back with the intruder inside, so it is rated M at best."
        );
        assert_eq!(
            ja,
            "7月4日(火) 16:00に達成: 目標の条件が成立。期限枠1日のうち10時間の時点、期限は7月5日(水) 06:00。ただし、達成の時点で侵入者はなお「NUTSドメインコントローラ」を掌握していた。侵入者を残したままシステムが復旧したため、評価はM以下とする。"
        );
        let by_action = Evidence::Met {
            at: at(40),
            how: How::Completed {
                line: "X".into(),
                at: at(39),
            },
            window: None,
            held: Vec::new(),
        };
        let (en, ja) = both(&by_action, &s);
        assert_eq!(en, "Met Tue 04 Jul 16:00: X (Tue 04 Jul 15:00).");
        assert_eq!(ja, "7月4日(火) 16:00に達成: X（7月4日(火) 15:00）。");
    }

    #[test]
    fn missed_evidence_says_why_in_either_language() {
        let s = flagship();
        let police = s.action_index("report-police").unwrap();
        let mlit = s.action_index("notify-mlit").unwrap();
        let missed = |why, at_end| Evidence::Missed {
            at: at(30),
            at_end,
            why,
        };
        let cases = [
            (
                missed(
                    Why::Late {
                        action: police,
                        done: at(31),
                    },
                    false,
                ),
                "Deadline passed Tue 04 Jul 06:00; \"Report to Aichi Prefectural Police\" was completed late, Tue 04 Jul 07:00.",
                "期限7月4日(火) 06:00を経過。「愛知県警察に届け出る」の完了は期限後の7月4日(火) 07:00。",
            ),
            (
                missed(
                    Why::NotFinished {
                        action: police,
                        started: at(29),
                    },
                    false,
                ),
                "Deadline passed Tue 04 Jul 06:00; \"Report to Aichi Prefectural Police\" was started Tue 04 Jul 05:00 but not completed in time.",
                "期限7月4日(火) 06:00を経過。「愛知県警察に届け出る」は7月4日(火) 05:00に開始されたが、期限内に完了しなかった。",
            ),
            (
                missed(
                    Why::NeverAttempted {
                        actions: vec![police, mlit],
                    },
                    false,
                ),
                "Deadline passed Tue 04 Jul 06:00; never attempted: no \"Report to Aichi Prefectural Police\" or \"Report to MLIT\" was taken.",
                "期限7月4日(火) 06:00を経過。未着手: 「愛知県警察に届け出る」または「国土交通省に報告する」は実施されなかった。",
            ),
            (
                missed(Why::GoalDidNotHold, true),
                "Not met by the end of the exercise (Tue 04 Jul 06:00); the goal did not hold in time.",
                "演習終了までに未達（7月4日(火) 06:00）。目標の条件が期限内に成立しなかった。",
            ),
            (
                Evidence::NotApplicable,
                "Not applicable: the event its deadline counts from never happened.",
                "対象外: 期限の起点となる事象が発生しなかった。",
            ),
            (
                Evidence::Pending { at: at(30) },
                "Still open when the run stopped (Tue 04 Jul 06:00); not rated automatically.",
                "演習の停止時点（7月4日(火) 06:00）で未決のため、自動評価は行わない。",
            ),
        ];
        for (e, en, ja) in cases {
            assert_eq!(both(&e, &s), (en.to_string(), ja.to_string()));
        }
        let cue = s.inject_index("advisory-edge-vpn").unwrap();
        assert_eq!(
            withdrawn(&s, cue, at(10), Lang::En),
            " Exercise control withdrew its cue, inject \"Advisory: VPN appliances used as a way in\", Mon 03 Jul 10:00."
        );
        assert_eq!(
            withdrawn(&s, cue, at(10), Lang::Ja),
            "演習統制は契機となる状況付与「注意喚起：VPN機器が侵入口として使われている」を7月3日(月) 10:00に取り下げた。"
        );
    }

    #[test]
    fn each_corrective_action_reads_in_either_language() {
        let remedy = |miss: &Miss, lang| {
            Remedy {
                miss: Some(miss),
                team: "T",
                objective: "O",
                deadline: "D",
            }
            .words(lang)
        };
        let cases = [
            (
                Miss::NeverAttempted {
                    actions: vec!["A".into(), "B".into()],
                },
                "Write into T's plan who takes \"A\" or \"B\" and on what cue, so that \"O\" is met D; in this run it was never attempted.",
                "Tの計画に、「A」または「B」を誰がどの契機で実施するかを定め、「O」を達成できるようにする（期限: D）。本演習では未着手であった。",
            ),
            (
                Miss::NotFinished {
                    action: "A".into(),
                    started: "S".into(),
                },
                "Give \"A\" the staff and authority to finish in time, or start it sooner: T started it S and did not finish it D.",
                "「A」を期限内に完了できるよう要員と権限を与えるか、より早く着手する。TはSに着手したが、期限内に完了しなかった（期限: D）。",
            ),
            (
                Miss::Late {
                    action: "A".into(),
                    by: "2h".into(),
                },
                "Rehearse \"A\" until T does it D: in this run it was done 2h after the deadline.",
                "Tが期限内に実施できるよう「A」を訓練する（期限: D）。本演習では期限の2h後に実施された。",
            ),
            (
                Miss::IntruderInside {
                    held: vec!["X".into(), "Y".into()],
                },
                "Make eviction a step before restoration in T's recovery plan: hunt, verify clean and reset credentials on X, Y before systems go back on the network.",
                "Tの復旧計画で、侵入者の排除を復旧の前の手順とする。システムをネットワークに戻す前に、「X」、「Y」で脅威の探索、安全の確認、認証情報の再設定を行う。",
            ),
            (
                Miss::GoalDidNotHold,
                "Review with T what it takes for \"O\" to hold D, and plan for it.",
                "「O」が期限内に成立するために何が必要かをTと検討し、計画に反映する（期限: D）。",
            ),
        ];
        for (miss, en, ja) in cases {
            assert_eq!(remedy(&miss, Lang::En), en);
            assert_eq!(remedy(&miss, Lang::Ja), ja);
        }
    }

    #[test]
    fn issues_areas_and_strengths_read_in_either_language() {
        let outage = ServiceOutage {
            measure: "gate_containers".into(),
            normal: 300.0,
            first_drop: Some("Tue 04 Jul 06:45".into()),
            recovered: None,
            outage_hours: 12.0,
            lost_service_hours: 6.0,
            intervals: vec![
                OutageInterval {
                    from: "Tue 04 Jul 06:45".into(),
                    to: Some("Tue 04 Jul 08:45".into()),
                    hours: 2.0,
                    ticks: (0, None),
                },
                OutageInterval {
                    from: "Tue 04 Jul 20:00".into(),
                    to: None,
                    hours: 10.0,
                    ticks: (0, None),
                },
            ],
        };
        let said = |i: Issue<'_>| {
            [
                i.words(Lang::En),
                i.area(Lang::En),
                i.remedy(Lang::En).unwrap_or_default(),
                i.words(Lang::Ja),
                i.area(Lang::Ja),
                i.remedy(Lang::Ja).unwrap_or_default(),
            ]
        };
        assert_eq!(
            said(Issue::Objective {
                name: "O",
                deadline: "D",
                inside: false,
                evidence: "E"
            }),
            [
                "\"O\" was not met (D)",
                "\"O\" was not met (D): E",
                "",
                "「O」は未達（D）",
                "「O」は未達（D）: E",
                ""
            ]
        );
        assert_eq!(
            said(Issue::Objective {
                name: "O",
                deadline: "D",
                inside: true,
                evidence: "E"
            })[3],
            "「O」は侵入者を残したまま達成（D）"
        );
        assert_eq!(
            said(Issue::Outage {
                service: "Gate containers",
                outage: &outage
            }),
            [
                "Long outage of Gate containers: 2 outages, 12.0 h in all: Tue 04 Jul 06:45 to Tue 04 Jul 08:45 (2.0 h); Tue 04 Jul 20:00 to the end, not recovered (10.0 h)",
                "Long outage of Gate containers: 2 outages, 12.0 h in all: Tue 04 Jul 06:45 to Tue 04 Jul 08:45 (2.0 h); Tue 04 Jul 20:00 to the end, not recovered (10.0 h), 6.0 h of service lost.",
                "Plan how Gate containers keeps running or comes back sooner: tested backups, manual fallbacks, restore order.",
                "「Gate containers」の長時間停止: 2回、計12.0時間: Tue 04 Jul 06:45 〜 Tue 04 Jul 08:45（2.0時間）; Tue 04 Jul 20:00 〜 終了時（未復旧、10.0時間）",
                "「Gate containers」の長時間停止: 2回、計12.0時間: Tue 04 Jul 06:45 〜 Tue 04 Jul 08:45（2.0時間）; Tue 04 Jul 20:00 〜 終了時（未復旧、10.0時間）。失われたサービスは6.0時間。",
                "「Gate containers」を止めない、またはより早く戻す方策を計画する（検証済みのバックアップ、手作業による代替手段、復旧の順序）。",
            ]
        );
        let exposure = said(Issue::Exposure { records: 58_900.0 });
        assert_eq!(exposure[1], "Exposure: 58.9 k records exposed.");
        assert_eq!(exposure[4], "情報流出: 58.9 k件の記録が流出。");
        let halted = Strength::Halted {
            campaign: "lockbit",
        };
        assert_eq!(
            halted.words(Lang::En),
            "The lockbit campaign was halted before it ran its course."
        );
        assert_eq!(
            halted.words(Lang::Ja),
            "攻撃キャンペーン「lockbit」は完遂前に阻止された。"
        );
        assert_eq!(who("港湾", "当直", Lang::Ja), "港湾、当直");
        assert_eq!(who("Port", "duty", Lang::En), "Port, duty");
        assert_eq!(score("S", 4.0, 2, Lang::Ja), "S 平均4.0（2件）。");
        assert_eq!(score("S", 0.0, 0, Lang::En), "S (not scored)");
    }
}
