//! What an action's `requires:` still needs, in words a trainee reads ("needs: after 6h and
//! Ministry of Defense has taken \"Authorise the operation\""), judged on the team's known facts:
//! the parts of the condition that do not hold on what the team knows. A condition that holds in
//! truth but not in the team's knowledge reads the same as one that truly does not, so the words
//! give nothing away; nor do they name what the team has not seen: another team's asset, an
//! intelligence item it does not hold, an inject not addressed to it, the technique of an
//! intrusion it has not found.

use crate::lang::Lang;
use crate::number::short;
use crate::scenario::model::{
    ActionId, AssetCondition, Condition, Scenario, StageRef, TeamId, TextKey,
};
use crate::sim::facts::{Facts, holds};

/// The parts of `cond` that do not hold on `facts`, in words, for `team`'s seat; `None` when it
/// holds. Of `All`, only the parts unmet; of `Any`, every choice.
pub fn unmet(
    s: &Scenario,
    team: TeamId,
    cond: &Condition,
    facts: &Facts,
    rng: &mut impl rand::Rng,
) -> Option<String> {
    unmet_in(s, team, cond, facts, rng, Lang::En)
}

/// The same, in `lang`.
pub fn unmet_in(
    s: &Scenario,
    team: TeamId,
    cond: &Condition,
    facts: &Facts,
    rng: &mut impl rand::Rng,
    lang: Lang,
) -> Option<String> {
    let measures = s.all_measures();
    if holds(cond, facts, &measures, rng) {
        return None;
    }
    Some(match cond {
        Condition::All(cs) => {
            let parts: Vec<String> = cs
                .iter()
                .filter_map(|c| unmet_in(s, team, c, facts, rng, lang))
                .collect();
            parts.join(lang.pick(" and ", "、かつ"))
        }
        other => words_in(s, team, facts, other, true, lang),
    })
}

/// Why `cond` can never hold again on `facts`, in words: a part it needs not to have happened
/// has happened ("you have taken \"Decide not to pay\""), and what has happened stays so (an
/// action done, an inject delivered, an intrusion found, a time or phase passed). `None` when it
/// may still hold.
pub fn closed(
    s: &Scenario,
    team: TeamId,
    cond: &Condition,
    facts: &Facts,
    rng: &mut impl rand::Rng,
) -> Option<String> {
    closed_in(s, team, cond, facts, rng, Lang::En)
}

/// The same, in `lang`.
pub fn closed_in(
    s: &Scenario,
    team: TeamId,
    cond: &Condition,
    facts: &Facts,
    rng: &mut impl rand::Rng,
    lang: Lang,
) -> Option<String> {
    match cond {
        Condition::All(cs) => cs
            .iter()
            .find_map(|c| closed_in(s, team, c, facts, rng, lang)),
        Condition::Not(inner) if lasts(inner) && holds(inner, facts, &s.all_measures(), rng) => {
            Some(words_in(s, team, facts, inner, true, lang))
        }
        _ => None,
    }
}

/// Whether a condition, once it holds, holds for good.
fn lasts(cond: &Condition) -> bool {
    match cond {
        Condition::Always
        | Condition::After(_)
        | Condition::Phase(_)
        | Condition::Stage(_)
        | Condition::Detected(..)
        | Condition::Done(..)
        | Condition::Delivered(_)
        | Condition::Halted(_)
        | Condition::DetectedAny(..)
        | Condition::DoneOn(..)
        | Condition::Received(..)
        | Condition::NoticeMissed(..) => true,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().all(lasts),
        Condition::Not(_)
        | Condition::Asset(..)
        | Condition::Holds(..)
        | Condition::Above(..)
        | Condition::Below(..)
        | Condition::Chance(_)
        | Condition::Granted(..)
        | Condition::Level(_) => false,
    }
}

/// A condition in words in `lang` (see [`words`]).
pub fn words_in(
    s: &Scenario,
    team: TeamId,
    facts: &Facts,
    cond: &Condition,
    yes: bool,
    lang: Lang,
) -> String {
    match lang {
        Lang::En => words(s, team, facts, cond, yes),
        Lang::Ja => japanese(s, team, facts, cond, yes),
    }
}

/// A condition in Japanese, as [`words`] says it in English, naming no more than it does.
fn japanese(s: &Scenario, team: TeamId, facts: &Facts, cond: &Condition, yes: bool) -> String {
    let text = |key| s.text(key, Lang::Ja);
    let who = |t: &TeamId| {
        if *t == team {
            "自チーム".to_string()
        } else {
            text(TextKey::TeamName(*t)).to_string()
        }
    };
    let action = |a: &ActionId| text(TextKey::ActionName(*a)).to_string();
    let stage = |r: &StageRef| {
        let st = &s.campaigns[r.campaign.index()].stages[r.stage as usize];
        if facts.detected.contains_key(&(team, *r)) {
            format!("{}（{}）", st.technique_name, st.technique)
        } else {
            "侵入".into()
        }
    };
    let state = AssetCondition::japanese;
    let done = |did: &str, not: &str| {
        if yes {
            did.to_string()
        } else {
            not.to_string()
        }
    };
    match cond {
        Condition::Always => if yes { "条件なし" } else { "不可" }.into(),
        Condition::All(cs) | Condition::Any(cs) => {
            let all = matches!(cond, Condition::All(_));
            let join = if all == yes {
                "、かつ"
            } else {
                "、または"
            };
            let parts: Vec<String> = cs
                .iter()
                .map(|c| japanese(s, team, facts, c, yes))
                .collect();
            parts.join(join)
        }
        Condition::Not(c) => japanese(s, team, facts, c, !yes),
        Condition::After(t) => {
            let when = if yes { "以降" } else { "より前" };
            format!("開始から{}{when}", s.clock.elapsed(*t).say(Lang::Ja))
        }
        Condition::Phase(p) => {
            let when = if yes {
                "開始以降"
            } else {
                "開始より前"
            };
            format!("フェーズ「{}」{when}", text(TextKey::PhaseName(*p)))
        }
        Condition::Asset(a, st) => {
            let is = if yes {
                format!("{}である", state(*st))
            } else {
                format!("{}でない", state(*st))
            };
            let asset = s.asset(*a);
            if asset.owner == team {
                format!("{}が{is}", text(TextKey::AssetName(*a)))
            } else {
                let owner = text(TextKey::TeamName(asset.owner));
                format!("{owner}から、そのシステムの一つが{is}との連絡")
            }
        }
        Condition::Stage(r) if yes => format!("{}の知らせ", stage(r)),
        Condition::Stage(r) => format!("{}の知らせがないこと", stage(r)),
        Condition::Detected(t, r) => {
            format!("{}が{}を{}", who(t), stage(r), done("発見済み", "未発見"))
        }
        Condition::Done(t, a) => format!(
            "{}が「{}」を{}",
            who(t),
            action(a),
            done("実施済み", "未実施")
        ),
        Condition::Delivered(i) => {
            let inject = &s.injects[i.index()];
            let came = done("届いている", "届いていない");
            if inject.to.contains(&team) {
                format!("「{}」が{came}", text(TextKey::InjectSubject(*i)))
            } else {
                format!("自チームに届く知らせが{came}")
            }
        }
        Condition::Holds(t, i) => {
            let hold = done("保有している", "保有していない");
            if facts.holds.contains(&(team, *i)) {
                format!("{}が「{}」を{hold}", who(t), text(TextKey::IntelTitle(*i)))
            } else {
                format!("{}が自チームの見ていない情報を{hold}", who(t))
            }
        }
        Condition::Above(m, v) | Condition::Below(m, v) => {
            let above = matches!(cond, Condition::Above(..)) == yes;
            let side = if above {
                "を上回る"
            } else {
                "を下回る"
            };
            format!("{}が{}{side}", s.measure_title(*m, Lang::Ja), short(*v))
        }
        Condition::Chance(p) => {
            let luck = if yes { "運" } else { "不運" };
            format!("{luck}（確率{:.0}%）", p * 100.0)
        }
        Condition::Halted(_) => format!(
            "攻撃キャンペーンが{}",
            done("停止している", "停止していない")
        ),
        Condition::Granted(t, a) => format!(
            "{}が「{}」の承認を{}",
            who(t),
            action(a),
            done("得ている", "得ていない")
        ),
        Condition::DetectedAny(t, _) => {
            format!("{}が侵入を{}", who(t), done("発見済み", "未発見"))
        }
        Condition::DoneOn(t, a, x) => {
            let asset = s.asset(*x);
            let on = if asset.owner == team {
                text(TextKey::AssetName(*x)).to_string()
            } else {
                format!("{}のシステムの一つ", text(TextKey::TeamName(asset.owner)))
            };
            format!(
                "{}が{on}に対して「{}」を{}",
                who(t),
                action(a),
                done("実施済み", "未実施")
            )
        }
        Condition::Level(l) => {
            let side = if yes { "以上" } else { "未満" };
            format!("事態レベルが「{}」{side}", text(TextKey::LevelName(*l)))
        }
        Condition::Received(to, from, a) => {
            let sender = who(from);
            format!(
                "{}が{sender}から「{}」を{}",
                who(to),
                action(a),
                done("受け取っている", "受け取っていない")
            )
        }
        Condition::NoticeMissed(t, a) => format!(
            "{}が「{}」に伴う通知を期限までに{}",
            who(t),
            action(a),
            done("行わなかった", "行っている")
        ),
    }
}

/// A condition in words, or (`yes` false) its negation, for `team`'s seat knowing `facts`.
pub fn words(s: &Scenario, team: TeamId, facts: &Facts, cond: &Condition, yes: bool) -> String {
    let who = |t: &TeamId| {
        if *t == team {
            ("you", "have", "hold")
        } else {
            (s.team(*t).name.as_str(), "has", "holds")
        }
    };
    // A technique is named once the team has found it.
    let stage = |r: &StageRef| {
        let st = &s.campaigns[r.campaign.index()].stages[r.stage as usize];
        if facts.detected.contains_key(&(team, *r)) {
            format!("{} ({})", st.technique_name, st.technique)
        } else {
            "an intrusion".into()
        }
    };
    let not = if yes { "" } else { "not " };
    match cond {
        Condition::Always => if yes { "nothing" } else { "never" }.into(),
        Condition::All(cs) | Condition::Any(cs) => {
            let all = matches!(cond, Condition::All(_));
            // Not(All(a, b)) is "not a or not b"; Not(Any(a, b)) is "not a and not b".
            let join = if all == yes { " and " } else { " or " };
            let parts: Vec<String> = cs.iter().map(|c| words(s, team, facts, c, yes)).collect();
            parts.join(join)
        }
        Condition::Not(c) => words(s, team, facts, c, !yes),
        Condition::After(t) => {
            let when = if yes { "after" } else { "before" };
            format!("{when} {}", s.clock.elapsed(*t))
        }
        Condition::Phase(p) => {
            let when = if yes { "from" } else { "before" };
            format!("{when} the phase \"{}\"", s.phases[p.index()].name)
        }
        Condition::Asset(a, st) => {
            let is = st.words();
            let is = if yes {
                format!("is {is}")
            } else {
                format!("is not {is}")
            };
            let asset = s.asset(*a);
            if asset.run_by(team) {
                format!("{} {is}", asset.name)
            } else {
                // Another team's asset is not named: the team hears of it from its owner.
                let owner = &s.team(asset.owner).name;
                format!("word from {owner} that one of its systems {is}")
            }
        }
        Condition::Stage(r) if yes => format!("news of {}", stage(r)),
        Condition::Stage(r) => format!("no news of {}", stage(r)),
        Condition::Detected(t, r) => {
            let (name, have, _) = who(t);
            format!("{name} {have} {not}found {}", stage(r))
        }
        Condition::Done(t, a) => {
            let (name, have, _) = who(t);
            format!("{name} {have} {not}taken \"{}\"", s.action(*a).name)
        }
        Condition::Delivered(i) => {
            let inject = &s.injects[i.index()];
            if inject.to.contains(&team) {
                format!("\"{}\" has {not}come in", inject.subject)
            } else {
                format!("news that has {not}reached you")
            }
        }
        Condition::Holds(t, i) => {
            let (name, _, hold) = who(t);
            let hold = match (yes, name == "you") {
                (true, _) => hold.to_string(),
                (false, true) => "do not hold".into(),
                (false, false) => "does not hold".into(),
            };
            if facts.holds.contains(&(team, *i)) {
                format!("{name} {hold} \"{}\"", s.intel[i.index()].title)
            } else {
                format!("{name} {hold} an intelligence item you have not seen")
            }
        }
        Condition::Above(m, v) | Condition::Below(m, v) => {
            let above = matches!(cond, Condition::Above(..)) == yes;
            let side = if above { "above" } else { "below" };
            format!("{} {side} {}", s.measure_title(*m, Lang::En), short(*v))
        }
        Condition::Chance(p) => {
            let luck = if yes { "luck" } else { "no luck" };
            format!("{luck} ({:.0}% chance)", p * 100.0)
        }
        // The campaign is not named: which operation it is may be what the team has to find.
        Condition::Halted(_) => format!("an attacker's operation {not}halted"),
        Condition::Granted(t, a) => {
            let (name, have, _) = who(t);
            format!(
                "{name} {have} {not}been authorised to take \"{}\"",
                s.action(*a).name
            )
        }
        Condition::DetectedAny(t, _) => {
            let (name, have, _) = who(t);
            format!("{name} {have} {not}found an intrusion")
        }
        Condition::DoneOn(t, a, x) => {
            let (name, have, _) = who(t);
            let asset = s.asset(*x);
            let on = if asset.run_by(team) {
                asset.name.clone()
            } else {
                format!("one of {}'s systems", s.team(asset.owner).name)
            };
            format!("{name} {have} {not}taken \"{}\" on {on}", s.action(*a).name)
        }
        Condition::Level(l) => {
            let side = if yes { "at or above" } else { "below" };
            format!("the crisis level {side} \"{}\"", s.levels[l.index()].name)
        }
        Condition::Received(to, from, a) => {
            let (name, have, _) = who(to);
            let sender = if *from == team {
                "you".to_string()
            } else {
                s.team(*from).name.clone()
            };
            format!(
                "{name} {have} {not}received \"{}\" from {sender}",
                s.action(*a).name
            )
        }
        Condition::NoticeMissed(t, a) => {
            let (name, have, _) = who(t);
            format!(
                "{name} {have} {not}let the notice owed for \"{}\" pass its deadline",
                s.action(*a).name
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::{ActionId, AssetCondition, AssetId, IntelId};
    use rand::SeedableRng;

    fn small() -> std::sync::Arc<Scenario> {
        let b = crate::library::builtin(crate::library::FLAGSHIP).unwrap();
        std::sync::Arc::new(crate::scenario::parse(b.source, b.path).unwrap())
    }

    #[test]
    fn only_the_unmet_parts_are_said_in_words() {
        let s = small();
        let us = s.team_index("nhta").unwrap();
        let mlit = s.team_index("mlit").unwrap();
        let mut facts = Facts::new(&s);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let after = Condition::After(24);
        let done = Condition::Done(mlit, ActionId(0));
        let both = Condition::All(vec![after.clone(), done.clone()]);
        let name = &s.action(ActionId(0)).name;
        let mlit_name = &s.team(mlit).name;
        assert_eq!(
            unmet(&s, us, &both, &facts, &mut rng).unwrap(),
            format!("after 6h and {mlit_name} has taken \"{name}\"")
        );
        facts.tick = 30;
        assert_eq!(
            unmet(&s, us, &both, &facts, &mut rng).unwrap(),
            format!("{mlit_name} has taken \"{name}\""),
            "the part met is not said"
        );
        facts.done.insert((mlit, ActionId(0)), 29);
        assert_eq!(unmet(&s, us, &both, &facts, &mut rng), None);
        let not_ours = Condition::Not(Box::new(Condition::Done(us, ActionId(0))));
        assert_eq!(closed(&s, us, &not_ours, &facts, &mut rng), None);
        facts.done.insert((us, ActionId(0)), 29);
        assert_eq!(
            unmet(&s, us, &not_ours, &facts, &mut rng).unwrap(),
            format!("you have not taken \"{name}\"")
        );
        assert_eq!(
            closed(
                &s,
                us,
                &Condition::All(vec![after, not_ours]),
                &facts,
                &mut rng
            )
            .unwrap(),
            format!("you have taken \"{name}\""),
            "done stays done: closed for good"
        );
        let either = Condition::Any(vec![
            Condition::Holds(us, IntelId(0)),
            Condition::Asset(AssetId(0), AssetCondition::Down),
        ]);
        let said = unmet(&s, us, &either, &facts, &mut rng).unwrap();
        assert!(
            said.starts_with("you hold an intelligence item you have not seen or "),
            "not named until held: {said}"
        );
        assert!(said.ends_with(" is down"), "{said}");
    }
}
