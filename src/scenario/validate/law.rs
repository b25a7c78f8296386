//! Validation of the law as a scenario writes it (format 2): authorisation chains and their
//! emergency procedure, reports that name every recipient, and the crisis levels.

use super::conditions::condition;
use super::{Cx, Kind, Raw};
use crate::scenario::model::{self, ActionId, TeamId};
use crate::scenario::raw;
use crate::scenario::source_map::Path;

/// The crisis levels, each id once; format 2 only.
pub(super) fn levels(cx: &mut Cx, raw: &[raw::CrisisLevel]) -> Vec<model::CrisisLevel> {
    let list = Path::root().field("levels");
    if !raw.is_empty() {
        cx.needs_v2(&list, "`levels` (crisis levels)");
    }
    if raw.len() == 1 {
        cx.error(
            &list,
            "a single crisis level can never change",
            Some("list at least two levels, lowest first, or remove `levels`".into()),
        );
    }
    cx.unique_ids("crisis level", &list, raw.iter().map(|l| l.id.as_str()));
    raw.iter()
        .map(|l| model::CrisisLevel {
            id: l.id.clone(),
            name: l.name.main().to_string(),
            description: l.description.clone(),
        })
        .collect()
}

/// An inject's `level`: the crisis level it sets.
pub(super) fn inject_level(
    cx: &mut Cx,
    level: Option<&String>,
    path: &Path,
    ctx: &str,
) -> Option<model::LevelId> {
    let level = level?;
    let at = path.field("level");
    cx.needs_v2(&at, "an inject's `level`");
    cx.resolve(Kind::Level, level, &at, ctx).map(model::LevelId)
}

/// An action's authorisation chain: each step's team resolved, none twice, not together with
/// `authorised_by`, each emergency procedure's notice an action the acting teams may take.
pub(super) fn steps(
    cx: &mut Cx,
    raw: &Raw,
    a: &raw::Action,
    teams: &[TeamId],
    path: &Path,
    ctx: &str,
) -> Vec<model::Step> {
    let list = path.field("steps");
    if a.steps.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(&list, "an authorisation chain (`steps`)");
    if !a.authorised_by.is_empty() {
        cx.error(
            &path.field("authorised_by"),
            format!("{ctx} has both `authorised_by` and `steps`"),
            Some("keep `steps` and put every authorising team there, in the order they act".into()),
        );
    }
    let mut out: Vec<model::Step> = Vec::new();
    for (i, step) in a.steps.iter().enumerate() {
        let at = list.index(i);
        let Some(by) = cx.resolve(Kind::Team, &step.by, &at.field("by"), ctx) else {
            continue;
        };
        let by = TeamId(by);
        if out.iter().any(|s| s.by == by) {
            cx.error(
                &at.field("by"),
                format!("team \"{}\" gives two steps of {ctx}", step.by),
                Some(
                    "give each authorising team one step; a second step needs another team".into(),
                ),
            );
        }
        if teams.contains(&by) {
            cx.error(
                &at.field("by"),
                format!(
                    "team \"{}\" may take {ctx} itself, so it cannot also authorise it",
                    step.by
                ),
                Some(format!(
                    "remove \"{}\" from `teams`, or name another team in this step",
                    step.by
                )),
            );
        }
        let afterwards = step
            .afterwards
            .as_ref()
            .map(|w| afterwards(cx, raw, w, teams, &at.field("afterwards"), ctx));
        out.push(model::Step {
            by,
            kind: step.kind,
            afterwards: afterwards.flatten(),
        });
    }
    out
}

fn afterwards(
    cx: &mut Cx,
    raw: &Raw,
    w: &raw::Afterwards,
    teams: &[TeamId],
    path: &Path,
    ctx: &str,
) -> Option<model::Afterwards> {
    let when = condition(cx, &w.when, &path.field("when"), ctx);
    let within_ticks = cx.ticks(
        &path.field("within"),
        &w.within,
        &format!("the notice deadline of {ctx}"),
    );
    if within_ticks == 0 {
        cx.error(
            &path.field("within"),
            format!("the notice deadline of {ctx} is zero"),
            Some("give the time the acting team has to notify, e.g. \"12h\"".into()),
        );
    }
    let notice = cx.resolve(Kind::Action, &w.notice, &path.field("notice"), ctx)?;
    let takers = raw.actions.get(notice as usize).map(|n| &n.teams);
    for t in teams {
        let id = &raw.teams[t.index()].id;
        if takers.is_some_and(|n| !n.contains(id)) {
            cx.error(
                &path.field("notice"),
                format!(
                    "team \"{id}\" may take {ctx} in an emergency but not its notice, action \"{}\"",
                    w.notice
                ),
                Some(format!(
                    "add \"{id}\" to the `teams` of action \"{}\", or name a notice it may take",
                    w.notice
                )),
            );
        }
    }
    Some(model::Afterwards {
        when,
        notice: ActionId(notice),
        within_ticks,
    })
}

/// An action's `recipients`: every team it goes to at once. It must be addressed (a report, a
/// request for help, a share) and take no `to` besides.
pub(super) fn recipients(
    cx: &mut Cx,
    a: &raw::Action,
    effects: &[model::Effect],
    path: &Path,
    ctx: &str,
) -> Vec<TeamId> {
    let list = path.field("recipients");
    if a.recipients.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(&list, "`recipients` (an action that goes to several teams)");
    if !a.to.is_empty() {
        cx.error(
            &path.field("to"),
            format!("{ctx} names its `recipients`, so it takes no `to`"),
            Some("keep `recipients` (every team it goes to) and remove `to`".into()),
        );
    }
    use model::Effect as E;
    let addressed = |e: &E| matches!(e, E::Report | E::RequestAssistance | E::ShareIntel);
    if let Some(k) = effects.iter().position(|e| !addressed(e)) {
        cx.error(
            &path.field("effects").index(k),
            format!("{ctx} goes to several teams, so each of its effects must be addressed to a team"),
            Some("keep only `Report`, `RequestAssistance` or `ShareIntel` effects, or remove `recipients`".into()),
        );
    }
    if effects.is_empty() {
        cx.error(
            &path.field("recipients"),
            format!("{ctx} names recipients but has no effect that reaches them"),
            Some("add a `Report` effect".into()),
        );
    }
    let mut out: Vec<TeamId> = Vec::new();
    for (i, id) in a.recipients.iter().enumerate() {
        if let Some(t) = cx.resolve(Kind::Team, id, &list.index(i), ctx) {
            if out.contains(&TeamId(t)) {
                cx.error(
                    &list.index(i),
                    format!("team \"{id}\" is named twice in the recipients of {ctx}"),
                    Some("name each recipient once".into()),
                );
            }
            out.push(TeamId(t));
        }
    }
    out
}
