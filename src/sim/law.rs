//! The law as a scenario writes it (format 2): authorisation chains whose steps come in order,
//! the emergency procedure (a step given after the fact, with a notice owed by a deadline), and
//! the crisis level. Rules are plain functions over the action book and the facts;
//! `sim::actions` calls them when it judges, grants and completes, and the one system here,
//! `watch_notices`, marks a notice missed when its deadline passes.

use crate::sim::log::About;
use serde::Serialize;

use super::ScenarioRes;
use super::actions::ActionBook;
use super::clock::SimClock;
use super::facts::{Facts, holds};
use super::log::{EventKind, EventLog};
use crate::lang::Lang;
use crate::scenario::model::{
    Action, ActionId, LevelId, Measure, Scenario, StepKind, TeamId, TextKey,
};

/// A notice owed after the fact: `team` started `action` in an emergency without the step of
/// `to`, and must complete `notice` by tick `due`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub team: TeamId,
    pub action: ActionId,
    pub to: TeamId,
    pub notice: ActionId,
    pub started: u32,
    pub due: u32,
    /// When the notice was given, or `None` while it is owed.
    pub given: Option<u32>,
    /// Whether the deadline passed before it was given.
    pub missed: bool,
}

/// Why an authorisation cannot be given, typed, and worded in either language where a person
/// reads it ([`Objection::words`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Objection {
    /// `team` has no step in `action`'s authorisation.
    NoAuthority { team: TeamId, action: ActionId },
    /// `by`'s step (`step`) of `action` comes after `before`'s (`before_step`), not yet given.
    OutOfOrder {
        by: TeamId,
        step: StepKind,
        action: ActionId,
        before: TeamId,
        before_step: StepKind,
    },
}

impl Objection {
    /// The team that tried and the action it tried to authorise.
    pub fn who_what(&self) -> (TeamId, ActionId) {
        match self {
            Objection::NoAuthority { team, action } => (*team, *action),
            Objection::OutOfOrder { by, action, .. } => (*by, *action),
        }
    }

    /// The objection in `lang` (in English as the engine has always worded it), with the
    /// scenario's names in that language.
    pub fn words(&self, s: &Scenario, lang: Lang) -> String {
        let team = |t: TeamId| s.text(TextKey::TeamName(t), lang);
        let action = |a: ActionId| s.text(TextKey::ActionName(a), lang);
        match (self, lang) {
            (Objection::NoAuthority { team: t, action: a }, Lang::En) => {
                format!("{} has no authority over \"{}\"", team(*t), action(*a))
            }
            (Objection::NoAuthority { team: t, action: a }, Lang::Ja) => {
                format!("{}には「{}」を承認する権限がない", team(*t), action(*a))
            }
            (
                Objection::OutOfOrder {
                    by,
                    step,
                    action: a,
                    before,
                    before_step,
                },
                Lang::En,
            ) => format!(
                "{}'s {} of \"{}\" comes after {}'s {}, which has not been given",
                team(*by),
                step.words(),
                action(*a),
                team(*before),
                before_step.words()
            ),
            (
                Objection::OutOfOrder {
                    by,
                    step,
                    action: a,
                    before,
                    before_step,
                },
                Lang::Ja,
            ) => format!(
                "「{}」についての{}の{}は、{}の{}の後に行うものだが、それがまだ行われていない",
                action(*a),
                team(*by),
                step_ja(*step),
                team(*before),
                step_ja(*before_step)
            ),
        }
    }
}

/// A step of an authorisation chain in Japanese.
pub fn step_ja(step: StepKind) -> &'static str {
    match step {
        StepKind::Order => "命令",
        StepKind::Consultation => "協議",
        StepKind::Approval => "承認",
    }
}

/// Why `by` may not give its step of `action` for `requester` (any requester when `None`) yet:
/// an earlier step of the chain has not been given. `None` when it may (or the action has no
/// chain, or `by` has no step in it: that is [`authority_refusal`]'s question).
pub fn out_of_order(
    scenario: &Scenario,
    id: ActionId,
    book: &ActionBook,
    by: TeamId,
    requester: Option<TeamId>,
) -> Option<Objection> {
    let action = scenario.action(id);
    let (k, step) = action.step_of(by)?;
    let given = |earlier: TeamId| match requester {
        Some(r) => book.granted(id, r, earlier),
        None => book.grants.contains(&(id, None, earlier)),
    };
    let first_missing = action.steps[..k].iter().find(|s| !given(s.by))?;
    Some(Objection::OutOfOrder {
        by,
        step: step.kind,
        action: id,
        before: first_missing.by,
        before_step: first_missing.kind,
    })
}

/// Why `team` may not authorise `action` at all: it is not among those who must.
pub fn authority_refusal(scenario: &Scenario, team: TeamId, action: ActionId) -> Option<Objection> {
    let a = scenario.action(action);
    (!a.authorised_by.contains(&team)).then_some(Objection::NoAuthority { team, action })
}

/// Why an authorisation `command` cannot apply now, for the door every command passes before it
/// is journaled (`session::Live::give`): the team has no step in the action, or (a grant) an
/// earlier step of its chain has been neither given nor queued ahead of it. `None` for any
/// other command.
pub fn refuses(
    scenario: &Scenario,
    book: &ActionBook,
    queued: &[&crate::command::Command],
    command: &crate::command::Command,
) -> Option<Objection> {
    use crate::command::Command;
    let Command::Authorise {
        team,
        action,
        requester,
        grant,
    } = command
    else {
        return None;
    };
    if let Some(why) = authority_refusal(scenario, *team, *action) {
        return Some(why);
    }
    if !grant {
        return None;
    }
    // Grants queued this tick count: they take effect, in order, before this one.
    let mut ahead = ActionBook::default();
    ahead.grants = book.grants.clone();
    for q in queued {
        if let Command::Authorise {
            team: t,
            action: a,
            requester: r,
            grant: true,
        } = q
            && out_of_order(scenario, *a, &ahead, *t, *r).is_none()
            && authority_refusal(scenario, *t, *a).is_none()
        {
            ahead.grants.insert((*a, *r, *t));
        }
    }
    out_of_order(scenario, *action, &ahead, *team, *requester)
}

/// The authorisations `requester` still needs before `action` may start now: every team of
/// `authorised_by` that has not given it, except a step that may come after the fact because
/// its emergency condition holds now.
pub fn missing(
    action: &Action,
    id: ActionId,
    book: &ActionBook,
    requester: TeamId,
    facts: &Facts,
    measures: &[Measure],
    rng: &mut impl rand::Rng,
) -> Vec<TeamId> {
    action
        .authorised_by
        .iter()
        .copied()
        .filter(|by| !book.granted(id, requester, *by))
        .filter(|by| {
            let later = action
                .step_of(*by)
                .and_then(|(_, s)| s.afterwards.as_ref())
                .is_some_and(|w| holds(&w.when, facts, measures, rng));
            !later
        })
        .collect()
}

/// The notices `team` owes once it starts `action` now: one for each step with an emergency
/// procedure that it starts without.
pub fn owed(
    action: &Action,
    id: ActionId,
    book: &ActionBook,
    team: TeamId,
    now: u32,
) -> Vec<Notice> {
    action
        .steps
        .iter()
        .filter(|s| !book.granted(id, team, s.by))
        .filter_map(|s| {
            let w = s.afterwards.as_ref()?;
            Some(Notice {
                team,
                action: id,
                to: s.by,
                notice: w.notice,
                started: now,
                due: now + w.within_ticks,
                given: None,
                missed: false,
            })
        })
        .collect()
}

/// `team` completed `done` at `now`: each notice it owes whose notice action that is counts as
/// given. Returns each, with who is told.
pub fn give_notices(
    book: &mut ActionBook,
    team: TeamId,
    done: ActionId,
    now: u32,
) -> Vec<(Notice, Vec<TeamId>)> {
    let mut lines = Vec::new();
    for n in book.notices.iter_mut() {
        if n.team != team || n.notice != done || n.given.is_some() {
            continue;
        }
        n.given = Some(now);
        lines.push((n.clone(), vec![team, n.to]));
    }
    lines
}

/// Notices whose deadline has come at `now` without being given are marked missed, and the
/// miss recorded in the facts (for `NoticeMissed`); returns each with who is told (the acting
/// team; the white cell sees every entry).
pub fn miss_notices(
    book: &mut ActionBook,
    facts: &mut Facts,
    now: u32,
) -> Vec<(Notice, Vec<TeamId>)> {
    let mut lines = Vec::new();
    for n in book.notices.iter_mut() {
        if n.given.is_some() || n.missed || now < n.due {
            continue;
        }
        n.missed = true;
        facts
            .notices_missed
            .entry((n.team, n.action))
            .or_insert(now);
        lines.push((n.clone(), vec![n.team]));
    }
    lines
}

/// Sets the crisis level; a change is logged for every team (a declared level is public), with
/// who set it. Setting the level it stands at changes nothing and logs nothing.
pub fn set_level(
    scenario: &Scenario,
    facts: &mut Facts,
    log: &mut EventLog,
    now: u32,
    level: LevelId,
    by: LevelBy,
) {
    let Some(to) = scenario.levels.get(level.index()) else {
        return;
    };
    if facts.level == level.0 {
        return;
    }
    let from = scenario
        .levels
        .get(facts.level as usize)
        .map_or("?", |l| l.name.as_str());
    let verb = if level.0 > facts.level {
        "raised"
    } else {
        "lowered"
    };
    let by_words = by.words(scenario, Lang::En);
    let about = About::Level {
        from: LevelId(facts.level),
        to: level,
        raised: level.0 > facts.level,
        by,
    };
    facts.level = level.0;
    let everyone: Vec<TeamId> = (0..scenario.teams.len() as u32).map(TeamId).collect();
    let seq = log.push(
        now,
        EventKind::Law,
        format!(
            "Crisis level {verb} from \"{from}\" to \"{}\" ({by_words})",
            to.name
        ),
        &everyone,
    );
    log.about(seq, about);
}

/// What set the crisis level: an inject's delivery, or the white cell with its reason (kept
/// as the facilitator wrote it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelBy {
    Inject(crate::scenario::model::InjectId),
    Facilitator(String),
}

impl LevelBy {
    /// "with \"Cabinet meets\"", "by the facilitator: …", in `lang`.
    pub fn words(&self, s: &Scenario, lang: Lang) -> String {
        match (self, lang) {
            (LevelBy::Inject(i), Lang::En) => {
                format!("with \"{}\"", s.text(TextKey::InjectSubject(*i), lang))
            }
            (LevelBy::Inject(i), Lang::Ja) => {
                format!(
                    "状況付与「{}」による",
                    s.text(TextKey::InjectSubject(*i), lang)
                )
            }
            (LevelBy::Facilitator(reason), Lang::En) => format!("by the facilitator: {reason}"),
            (LevelBy::Facilitator(reason), Lang::Ja) => {
                format!("ファシリテーターによる: {reason}")
            }
        }
    }
}

/// The end of the Actions phase: notices whose deadline has passed unsent are logged as missed.
pub fn watch_notices(
    scenario: &ScenarioRes,
    clock: &SimClock,
    book: &mut ActionBook,
    facts: &mut Facts,
    log: &mut EventLog,
) {
    if book.notices.is_empty() {
        return;
    }
    let now = clock.now();
    for (notice, told) in miss_notices(book, facts, now) {
        log.record(
            scenario,
            now,
            EventKind::Law,
            About::NoticeMissed(notice),
            &told,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::{Condition, StepKind};

    fn chain() -> std::sync::Arc<Scenario> {
        let text = include_str!("../../tests/fixtures/minimal.ron")
            .replacen("Scenario(\n", "Scenario(\n    format: 2,\n    levels: [(id: \"normal\", name: \"Normal\"), (id: \"emergency\", name: \"Emergency\")],\n", 1)
            .replacen(
                "    actions: [\n",
                "    actions: [\n        (id: \"notify\", name: \"Notify the board\", teams: [\"port\"], duration: \"30m\", effects: [Report], to: [\"board\"]),\n        (id: \"op\", name: \"Operation\", teams: [\"port\"], duration: \"30m\", effects: [], steps: [(by: \"chief\", kind: Order), (by: \"board\", kind: Approval, afterwards: Some((when: Level(\"emergency\"), notice: \"notify\", within: \"2h\")))]),\n",
                1,
            )
            .replacen(
                "        (id: \"crew\",",
                "        (id: \"board\", name: \"Board\", kind: Agency, staff: 1),\n        (id: \"chief\", name: \"Chief\", kind: Agency, staff: 1),\n        (id: \"crew\",",
                1,
            );
        match crate::scenario::parse(&text, "chain.ron") {
            Ok(s) => std::sync::Arc::new(s),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_step_waits_for_the_steps_before_it() {
        let s = chain();
        let op = s.action_index("op").unwrap();
        let (port, board, chief) = (
            s.team_index("port").unwrap(),
            s.team_index("board").unwrap(),
            s.team_index("chief").unwrap(),
        );
        assert_eq!(s.action(op).steps[0].kind, StepKind::Order);
        let mut book = ActionBook::default();
        let why = out_of_order(&s, op, &book, board, Some(port)).expect("the order comes first");
        assert_eq!(
            why.words(&s, Lang::En),
            "Board's approval of \"Operation\" comes after Chief's order, which has not been given"
        );
        assert_eq!(
            why.words(&s, Lang::Ja),
            "「Operation」についてのBoardの承認は、Chiefの命令の後に行うものだが、それがまだ行われていない"
        );
        assert_eq!(out_of_order(&s, op, &book, chief, Some(port)), None);
        book.grants.insert((op, Some(port), chief));
        assert_eq!(out_of_order(&s, op, &book, board, Some(port)), None);
        // A grant given in advance to anyone needs the earlier steps given to anyone too.
        assert!(out_of_order(&s, op, &book, board, None).is_some());
        assert!(authority_refusal(&s, port, op).is_some());
        assert_eq!(authority_refusal(&s, board, op), None);
    }

    #[test]
    fn in_an_emergency_the_approval_may_come_afterwards_with_a_notice() {
        let s = chain();
        let op = s.action_index("op").unwrap();
        let notify = s.action_index("notify").unwrap();
        let (port, board, chief) = (
            s.team_index("port").unwrap(),
            s.team_index("board").unwrap(),
            s.team_index("chief").unwrap(),
        );
        let mut book = ActionBook::default();
        book.grants.insert((op, Some(port), chief));
        let mut facts = Facts::new(&s);
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(1);
        let m = s.all_measures();
        let action = s.action(op);
        assert_eq!(
            missing(action, op, &book, port, &facts, &m, &mut rng),
            vec![board]
        );
        facts.level = 1;
        assert!(missing(action, op, &book, port, &facts, &m, &mut rng).is_empty());
        book.notices = owed(action, op, &book, port, 10);
        assert_eq!(book.notices.len(), 1);
        assert_eq!(book.notices[0].due, 10 + 8, "2h of 15-minute ticks");
        assert!(miss_notices(&mut book, &mut facts, 17).is_empty());
        let held = Condition::NoticeMissed(port, op);
        assert!(!holds(&held, &facts, &m, &mut rng));
        let missed = miss_notices(&mut book, &mut facts, 18);
        assert!(holds(&held, &facts, &m, &mut rng), "the miss is a fact");
        assert_eq!(facts.notices_missed.get(&(port, op)), Some(&18));
        assert_eq!(missed.len(), 1);
        let said = |about| crate::sim::log::lines::line(&s, &about, Lang::En).unwrap();
        let line = said(About::NoticeMissed(missed[0].0.clone()));
        assert!(
            line.starts_with("Notice missed: Port operator started \"Operation\""),
            "{line}"
        );
        assert_eq!(missed[0].1, vec![port], "the acting team is told");
        assert!(
            miss_notices(&mut book, &mut facts, 19).is_empty(),
            "missed once"
        );
        let given = give_notices(&mut book, port, notify, 20);
        assert_eq!(
            said(About::NoticeGiven(given[0].0.clone())),
            "Port operator notified Board after the fact of \"Operation\" (late)"
        );
        assert_eq!(book.notices[0].given, Some(20));
    }
}
