//! Validation of what teams can do and are told: actions and their effects, doctrine and
//! decision rules, intelligence items, injects and objectives.

use super::adversary::technique;
use super::assets::select;
use super::conditions::{condition, optional};
use super::{Cx, Kind, Raw, law};
use crate::scenario::model::{
    self, ActionId, AssetId, CampaignId, Condition, IntelId, ObjectiveId, TeamId, Trigger,
};
use crate::scenario::raw;
use crate::scenario::source_map::Path;

fn team_refs(cx: &mut Cx, ids: &[String], list: &Path, ctx: &str) -> Vec<TeamId> {
    ids.iter()
        .enumerate()
        .filter_map(|(i, id)| cx.resolve(Kind::Team, id, &list.index(i), ctx).map(TeamId))
        .collect()
}

pub(super) fn actions(cx: &mut Cx, raw: &Raw) -> Vec<model::Action> {
    let list = Path::root().field("actions");
    cx.unique_ids("action", &list, raw.actions.iter().map(|a| a.id.as_str()));
    raw.actions
        .iter()
        .enumerate()
        .map(|(i, a)| action(cx, raw, a, &list.index(i)))
        .collect()
}

fn action(cx: &mut Cx, raw: &Raw, a: &raw::Action, path: &Path) -> model::Action {
    let ctx = format!("action \"{}\"", a.id);
    let teams = team_refs(cx, &a.teams, &path.field("teams"), &ctx);
    if a.teams.is_empty() {
        cx.error(
            &path.field("teams"),
            format!("no team may take {ctx}"),
            Some("list the teams that may take it in `teams`".into()),
        );
    }
    let targets = a.targets.as_ref().map(|t| {
        let hits = select(cx, &raw.assets, t, &path.field("targets"), &ctx);
        if hits.is_empty() {
            cx.error(
                &path.field("targets"),
                format!("the targets of {ctx} match no asset"),
                Some(
                    "check the selector against the assets' ids, tags, kinds, owners and sectors"
                        .into(),
                ),
            );
        }
        hits
    });
    let effects: Vec<model::Effect> = a
        .effects
        .iter()
        .enumerate()
        .map(|(k, e)| effect(cx, e, &path.field("effects").index(k), &ctx))
        .collect();
    if targets.is_none()
        && let Some(k) = a.effects.iter().position(needs_asset)
    {
        cx.error(
                &path.field("effects").index(k),
                format!("{ctx} acts on an asset but has no `targets`"),
                Some("add `targets: Some(Asset(\"...\"))` or another selector naming the assets it may be aimed at".into()),
            );
    }
    // An action its team can never staff would validate and then silently never start.
    for t in &teams {
        if let Some(team) = raw.teams.get(t.index())
            && a.cost > team.staff
        {
            cx.error(
                &path.field("cost"),
                format!(
                    "{ctx} needs {} staff, but team \"{}\" has only {}: it could never start",
                    a.cost, team.id, team.staff
                ),
                Some(format!(
                    "lower `cost` to at most {}, or give team \"{}\" more `staff`",
                    team.staff, team.id
                )),
            );
        }
    }
    if a.own_assets_only {
        own_assets_only(cx, raw, &teams, targets.as_deref(), path, &ctx);
    }
    let to = team_refs(cx, &a.to, &path.field("to"), &ctx);
    if !a.to.is_empty()
        && !effects.iter().any(|e| {
            matches!(
                e,
                model::Effect::ShareIntel
                    | model::Effect::Report
                    | model::Effect::RequestAssistance
                    | model::Effect::GrantNeedToKnow
            )
        })
    {
        cx.error(
            &path.field("to"),
            format!("{ctx} is addressed to no team, so it takes no `to`"),
            Some(
                "remove `to`, or give it a `Report`, `ShareIntel` or `RequestAssistance` effect"
                    .into(),
            ),
        );
    }
    let steps = law::steps(cx, raw, a, &teams, path, &ctx);
    let recipients = law::recipients(cx, a, &effects, path, &ctx);
    let authorised_by = if steps.is_empty() {
        team_refs(cx, &a.authorised_by, &path.field("authorised_by"), &ctx)
    } else {
        steps.iter().map(|s| s.by).collect()
    };
    model::Action {
        id: a.id.clone(),
        name: a.name.main().to_string(),
        description: a.description.main().to_string(),
        teams,
        targets,
        requires: a
            .requires
            .as_ref()
            .map(|c| condition(cx, c, &path.field("requires"), &ctx)),
        authorised_by,
        steps,
        recipients,
        to,
        duration_ticks: cx.ticks(
            &path.field("duration"),
            &a.duration,
            &format!("duration of {ctx}"),
        ),
        cost: a.cost,
        effects,
        repeatable: a.repeatable,
        own_assets_only: a.own_assets_only,
    }
}

fn needs_asset(e: &raw::ActionEffect) -> bool {
    use raw::ActionEffect as E;
    matches!(
        e,
        E::Isolate
            | E::Reconnect
            | E::Restore
            | E::Patch
            | E::EnableMfa
            | E::Backups { .. }
            | E::Hunt { .. }
            | E::Monitor { .. }
    )
}

fn effect(cx: &mut Cx, e: &raw::ActionEffect, path: &Path, ctx: &str) -> model::Effect {
    use model::Effect as M;
    use raw::ActionEffect as E;
    let campaign = |cx: &mut Cx, c: &str| {
        CampaignId(
            cx.resolve(Kind::Campaign, c, &path.field("campaign"), ctx)
                .unwrap_or(0),
        )
    };
    match e {
        E::Isolate => M::Isolate,
        E::Reconnect => M::Reconnect,
        E::Restore => M::Restore,
        E::Patch => M::Patch,
        E::EnableMfa => M::EnableMfa,
        E::Backups {
            depth_days,
            offline,
        } => M::Backups {
            depth_days: *depth_days,
            offline: *offline,
        },
        E::Hunt { thoroughness } => {
            cx.unit(
                &path.field("thoroughness"),
                *thoroughness,
                &format!("hunt thoroughness of {ctx}"),
            );
            M::Hunt {
                thoroughness: *thoroughness,
            }
        }
        E::Monitor { level } => {
            cx.unit(
                &path.field("level"),
                *level,
                &format!("monitoring level of {ctx}"),
            );
            M::Monitor { level: *level }
        }
        E::Segment { level } => {
            cx.needs_v2(path, "the `Segment` effect");
            cx.unit(
                &path.field("level"),
                *level,
                &format!("segmentation level of {ctx}"),
            );
            M::Segment { level: *level }
        }
        E::ShareIntel => M::ShareIntel,
        E::Declassify { tlp } => M::Declassify { tlp: *tlp },
        E::Tearline => {
            cx.needs_v2(path, "the `Tearline` effect");
            M::Tearline
        }
        E::GrantNeedToKnow => {
            cx.needs_v2(path, "the `GrantNeedToKnow` effect");
            M::GrantNeedToKnow
        }
        E::Report => M::Report,
        E::RequestAssistance => M::RequestAssistance,
        E::PublicStatement { trust } => {
            cx.finite(
                &path.field("trust"),
                *trust,
                &format!("trust change of {ctx}"),
            );
            M::PublicStatement { trust: *trust }
        }
        E::Takedown {
            campaign: c,
            chance,
            decryptor,
        } => {
            cx.unit(
                &path.field("chance"),
                *chance,
                &format!("takedown chance of {ctx}"),
            );
            if *decryptor {
                cx.needs_v2(
                    &path.field("decryptor"),
                    "a takedown that seizes a decryptor (`decryptor: true`)",
                );
            }
            M::Takedown {
                campaign: campaign(cx, c),
                chance: *chance,
                decryptor: *decryptor,
            }
        }
        E::ActiveDefense {
            campaign: c,
            chance,
        } => {
            cx.unit(
                &path.field("chance"),
                *chance,
                &format!("active defence chance of {ctx}"),
            );
            M::ActiveDefense {
                campaign: campaign(cx, c),
                chance: *chance,
            }
        }
        E::PayRansom { campaign: c } => M::PayRansom {
            campaign: campaign(cx, c),
        },
        E::RefuseRansom { campaign: c } => M::RefuseRansom {
            campaign: campaign(cx, c),
        },
        E::Decryptor { campaign: c } => {
            cx.needs_v2(path, "the `Decryptor` effect");
            M::Decryptor {
                campaign: campaign(cx, c),
            }
        }
        E::Adjust { measure, by } => {
            cx.finite(&path.field("by"), *by, &format!("adjustment of {ctx}"));
            let m = cx
                .resolve(Kind::Measure, measure, &path.field("measure"), ctx)
                .unwrap_or(0);
            M::Adjust {
                measure: cx.names.measure(m),
                by: *by,
            }
        }
    }
}

/// Fills each team's doctrine, now that the actions are known.
pub(super) fn doctrine(
    cx: &mut Cx,
    raw: &[raw::Team],
    mut teams: Vec<model::Team>,
    actions: &[model::Action],
    assets: &[model::Asset],
) -> Vec<model::Team> {
    for (i, (t, out)) in raw.iter().zip(teams.iter_mut()).enumerate() {
        let list = Path::root().field("teams").index(i).field("doctrine");
        out.doctrine = t
            .doctrine
            .iter()
            .enumerate()
            .map(|(j, r)| {
                let ctx = format!("doctrine rule #{} of team \"{}\"", j + 1, t.id);
                rule(cx, actions, assets, Some(i as u32), r, &list.index(j), &ctx)
            })
            .collect();
    }
    teams
}

/// Format 2: an action aimed only at the acting team's own assets must have targets, and each
/// team that may take it must own or operate one of them.
fn own_assets_only(
    cx: &mut Cx,
    raw: &Raw,
    teams: &[TeamId],
    targets: Option<&[AssetId]>,
    path: &Path,
    ctx: &str,
) {
    let field = path.field("own_assets_only");
    cx.needs_v2(
        &field,
        "`own_assets_only` (an action aimed only at the team's own assets)",
    );
    let Some(targets) = targets else {
        cx.error(
            &field,
            format!("{ctx} takes no target, so `own_assets_only` limits nothing"),
            Some("remove `own_assets_only`, or give the action `targets`".into()),
        );
        return;
    };
    for (k, t) in teams.iter().enumerate() {
        let Some(team) = raw.teams.get(t.index()) else {
            continue;
        };
        let owns = targets.iter().any(|x| {
            x.index() < raw.assets.len()
                && (raw.assets.owner(x.index()) == team.id
                    || raw.assets.operators(x.index()).contains(&team.id))
        });
        if !owns {
            cx.error(
                &path.field("teams").index(k),
                format!(
                    "team \"{}\" may take {ctx}, which is aimed only at the acting team's own assets, but it owns or operates none of the action's targets",
                    team.id
                ),
                Some(format!(
                    "remove \"{}\" from `teams`, or widen `targets` to assets it owns or operates (e.g. `Owner(\"{}\")`)",
                    team.id, team.id
                )),
            );
        }
    }
}

/// A doctrine rule or decision of `team`: it must be allowed the action and give exactly the
/// target, recipient team and intel item the action takes.
pub(super) fn rule(
    cx: &mut Cx,
    actions: &[model::Action],
    assets: &[model::Asset],
    team: Option<u32>,
    r: &raw::Rule,
    path: &Path,
    ctx: &str,
) -> model::Rule {
    let at =
        r.at.as_ref()
            .map(|a| Condition::After(cx.time(&path.field("at"), a, &format!("`at` of {ctx}"))));
    let when = r
        .when
        .as_ref()
        .map(|w| condition(cx, w, &path.field("when"), ctx));
    let when = match (at, when) {
        (Some(a), Some(w)) => Condition::All(vec![a, w]),
        (a, w) => a.or(w).unwrap_or(Condition::Always),
    };
    let delay_ticks = r.after.as_ref().map_or(0, |d| {
        cx.ticks(&path.field("after"), d, &format!("delay of {ctx}"))
    });
    let action_id = cx.resolve(Kind::Action, &r.take, &path.field("take"), ctx);
    let action = action_id.and_then(|a| actions.get(a as usize));
    let mut rule = model::Rule {
        when,
        delay_ticks,
        action: ActionId(action_id.unwrap_or(0)),
        target: None,
        to: None,
        intel: None,
        refuse: r.refuse,
    };
    if r.refuse {
        cx.needs_v2(&path.field("refuse"), "a refusal (`refuse: true`)");
    }
    if let Some(action) = action {
        rule_arguments(cx, action, assets, team, r, path, ctx, &mut rule);
    }
    rule
}

#[allow(clippy::too_many_arguments)]
fn rule_arguments(
    cx: &mut Cx,
    action: &model::Action,
    assets: &[model::Asset],
    team: Option<u32>,
    r: &raw::Rule,
    path: &Path,
    ctx: &str,
    rule: &mut model::Rule,
) {
    // A team that must authorise an action (and cannot take it) "takes" it to grant it: to the
    // team named in `to`, or to any team that asks.
    if let Some(t) = team
        && !action.teams.contains(&TeamId(t))
        && action.authorised_by.contains(&TeamId(t))
    {
        rule.to = argument(
            cx,
            Kind::Team,
            true,
            r.to.as_deref(),
            &path.field("to"),
            ctx,
            &action.id,
        )
        .map(TeamId);
        for (field, given) in [("target", r.target.is_some()), ("intel", r.intel.is_some())] {
            if given {
                cx.error(
                    &path.field(field),
                    format!("a grant of \"{}\" takes no {field} ({ctx})", action.id),
                    Some(format!("remove `{field}`: the requesting team chooses it")),
                );
            }
        }
        return;
    }
    if r.refuse {
        cx.error(
            &path.field("refuse"),
            format!(
                "only a team that authorises \"{}\" (in its `authorised_by`, not its `teams`) can refuse it ({ctx})",
                action.id
            ),
            Some("remove `refuse: true`, or give the line to the authorising team".into()),
        );
    }
    if let Some(t) = team.filter(|t| !action.teams.contains(&TeamId(*t))) {
        let name = cx.names.teams.get(t as usize).cloned().unwrap_or_default();
        cx.error(
            &path.field("take"),
            format!(
                "team \"{name}\" may not take action \"{}\" ({ctx})",
                action.id
            ),
            Some(format!(
                "add \"{name}\" to the `teams` (or `authorised_by`) of action \"{}\", or choose another action",
                action.id
            )),
        );
    }
    rule.target = target(cx, action, r.target.as_deref(), path, ctx);
    if let (Some(t), Some(a)) = (team, rule.target)
        && let Some(asset) = assets.get(a.index())
        && action.not_own(TeamId(t), asset)
    {
        let owner = asset.owner;
        let name = cx.names.teams.get(t as usize).cloned().unwrap_or_default();
        let asset = cx.names.asset(a.index()).to_string();
        let whose = cx
            .names
            .teams
            .get(owner.index())
            .cloned()
            .unwrap_or_default();
        cx.error(
            &path.field("target"),
            format!(
                "action \"{}\" is aimed only at the acting team's own assets, and asset \"{asset}\" is run by \"{whose}\", not \"{name}\" ({ctx})",
                action.id
            ),
            Some(format!("choose one of the assets of \"{name}\" among the action's targets")),
        );
    }
    rule.to = argument(
        cx,
        Kind::Team,
        action.needs_team(),
        r.to.as_deref(),
        &path.field("to"),
        ctx,
        &action.id,
    )
    .map(TeamId);
    if let Some(to) = rule.to
        && !action.may_address(to)
    {
        let names: Vec<String> = action
            .to
            .iter()
            .filter_map(|x| cx.names.teams.get(x.index()))
            .map(|n| format!("\"{n}\""))
            .collect();
        cx.error(
            &path.field("to"),
            format!(
                "action \"{}\" is not addressed to team \"{}\" ({ctx})",
                action.id,
                r.to.as_deref().unwrap_or_default()
            ),
            Some(format!("address it to {}", names.join(" or "))),
        );
    }
    rule.intel = argument(
        cx,
        Kind::Intel,
        action.needs_intel(),
        r.intel.as_deref(),
        &path.field("intel"),
        ctx,
        &action.id,
    )
    .map(IntelId);
    if action.needs_team() && r.to.is_none() {
        missing(cx, &path.field("take"), "to", "team", ctx, &action.id);
    }
    if action.needs_intel() && r.intel.is_none() {
        missing(
            cx,
            &path.field("take"),
            "intel",
            "intel item",
            ctx,
            &action.id,
        );
    }
}

fn missing(cx: &mut Cx, path: &Path, field: &str, noun: &str, ctx: &str, action: &str) {
    cx.error(
        path,
        format!("action \"{action}\" needs a {noun}, but {ctx} gives no `{field}`"),
        Some(format!("add `{field}: Some(\"...\")` naming the {noun}")),
    );
}

/// A `to` or `intel` argument: resolved when the action takes one, reported when it does not.
fn argument(
    cx: &mut Cx,
    kind: Kind,
    takes: bool,
    given: Option<&str>,
    path: &Path,
    ctx: &str,
    action: &str,
) -> Option<u32> {
    let given = given?;
    if !takes {
        cx.error(
            path,
            format!("action \"{action}\" takes no {} ({ctx})", kind.noun()),
            Some("remove this field".into()),
        );
        return None;
    }
    cx.resolve(kind, given, path, ctx)
}

fn target(
    cx: &mut Cx,
    action: &model::Action,
    given: Option<&str>,
    path: &Path,
    ctx: &str,
) -> Option<AssetId> {
    let p = path.field("target");
    match (&action.targets, given) {
        (None, None) => None,
        (None, Some(_)) => {
            cx.error(
                &p,
                format!("action \"{}\" takes no target ({ctx})", action.id),
                Some("remove `target`".into()),
            );
            None
        }
        (Some(_), None) => {
            cx.error(
                &path.field("take"),
                format!(
                    "action \"{}\" is aimed at an asset, but {ctx} gives no `target`",
                    action.id
                ),
                Some("add `target: Some(\"asset-id\")` naming one of the action's targets".into()),
            );
            None
        }
        (Some(allowed), Some(id)) => {
            let a = cx.resolve(Kind::Asset, id, &p, ctx).map(AssetId)?;
            if !allowed.contains(&a) {
                let names: Vec<String> = allowed
                    .iter()
                    .filter_map(|x| cx.names.assets.get(x.index()))
                    .map(|n| format!("\"{n}\""))
                    .collect();
                cx.error(
                    &p,
                    format!(
                        "asset \"{id}\" is not among the targets of action \"{}\" ({ctx})",
                        action.id
                    ),
                    Some(format!("choose one of {}", names.join(", "))),
                );
            }
            Some(a)
        }
    }
}

pub(super) fn intel(cx: &mut Cx, raw: &[raw::Intel]) -> Vec<model::Intel> {
    let list = Path::root().field("intel");
    cx.unique_ids("intel item", &list, raw.iter().map(|i| i.id.as_str()));
    raw.iter()
        .enumerate()
        .map(|(i, item)| {
            let path = list.index(i);
            let ctx = format!("intel item \"{}\"", item.id);
            cx.non_negative(
                &path.field("detection_boost"),
                item.detection_boost,
                &format!("detection boost of {ctx}"),
            );
            release(cx, item, &path, &ctx);
            model::Intel {
                id: item.id.clone(),
                title: item.title.main().to_string(),
                content: item.content.main().to_string(),
                source: TeamId(
                    cx.resolve(Kind::Team, &item.source, &path.field("source"), &ctx)
                        .unwrap_or(0),
                ),
                classification: item.classification,
                tlp: item.tlp.or(item.release_tlp).unwrap_or_default(),
                tlp_written: item.tlp.is_some(),
                rel_to: item.rel_to.clone(),
                about: subjects(cx, &item.about, &path.field("about"), &ctx),
                held_by: team_refs(cx, &item.held_by, &path.field("held_by"), &ctx),
                need_to_know: team_refs(cx, &item.need_to_know, &path.field("need_to_know"), &ctx),
                detection_boost: item.detection_boost,
                tearline_of: tearline_of(cx, raw, i, &path, &ctx),
            }
        })
        .collect()
}

/// A tearline's original (format 2): another item, of the same originator, that is not itself
/// a tearline and has no other; the tearline is held by nobody at the start.
fn tearline_of(
    cx: &mut Cx,
    raw: &[raw::Intel],
    i: usize,
    path: &Path,
    ctx: &str,
) -> Option<IntelId> {
    let item = &raw[i];
    let of = item.tearline_of.as_ref()?;
    let at = path.field("tearline_of");
    cx.needs_v2(&at, "a tearline (`tearline_of`)");
    let original = cx.resolve(Kind::Intel, of, &at, ctx)? as usize;
    let o = &raw[original];
    if original == i || o.tearline_of.is_some() {
        cx.error(
            &at,
            format!("{ctx} is the tearline of \"{of}\", which is itself a tearline"),
            Some("name the classified original the tearline is cut from".into()),
        );
    }
    if o.source != item.source {
        cx.error(
            &path.field("source"),
            format!(
                "{ctx} is the tearline of \"{of}\", which \"{}\" originated, not \"{}\"",
                o.source, item.source
            ),
            Some(format!(
                "a tearline has its original's originator: source: \"{}\"",
                o.source
            )),
        );
    }
    if let Some(k) = raw[..i]
        .iter()
        .position(|x| x.tearline_of.as_deref() == Some(of.as_str()))
    {
        cx.error(
            &at,
            format!("\"{of}\" already has a tearline, \"{}\"", raw[k].id),
            Some("give an item one tearline".into()),
        );
    }
    if !item.held_by.is_empty() {
        cx.error(
            &path.field("held_by"),
            format!("{ctx} is a tearline, held by nobody until its originator releases it"),
            Some(
                "remove `held_by`; the `Tearline` effect gives it to the original's holders".into(),
            ),
        );
    }
    Some(IntelId(original as u32))
}

/// A classified item released with `rel_to` names nations that play, and carries no TLP; an
/// unclassified item has no releasability.
fn release(cx: &mut Cx, item: &raw::Intel, path: &Path, ctx: &str) {
    if item.release_tlp.is_some() {
        let at = path.field("release_tlp");
        cx.needs_v2(
            &at,
            "`release_tlp` (the TLP of a classified item's release)",
        );
        if item.classification == raw::Classification::Unclassified {
            cx.error(
                &at,
                format!("{ctx} is unclassified, so it has no release to mark"),
                Some("write its marking as `tlp`".into()),
            );
        } else if item.tlp.is_some() {
            cx.error(
                &at,
                format!("{ctx} has both `tlp` and `release_tlp`"),
                Some("keep `release_tlp` for a classified item, and mark it with rel_to".into()),
            );
        }
    }
    if item.rel_to.is_empty() {
        return;
    }
    if item.classification == raw::Classification::Unclassified {
        cx.error(
            &path.field("rel_to"),
            format!("{ctx} is unclassified but has a releasability (rel_to)"),
            Some("REL TO marks classified releases: remove rel_to and share it under its tlp, or give it a classification".into()),
        );
    }
    if item.tlp.is_some() {
        cx.error(
            &path.field("tlp"),
            format!("{ctx} is classified and released by rel_to, and also carries a TLP marking"),
            Some("TLP is for unclassified information: remove tlp here; Declassify(tlp: Some(...)) gives the unclassified release its TLP".into()),
        );
    }
    let nations = cx.nations.clone();
    for (k, n) in item.rel_to.iter().enumerate() {
        if !nations.contains(n) {
            cx.error(
                &path.field("rel_to").index(k),
                format!("no team of nation \"{n}\" in this scenario ({ctx}, rel_to)"),
                Some(format!(
                    "use the teams' nation codes: {}",
                    nations
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
}

fn subjects(cx: &mut Cx, about: &[raw::Subject], list: &Path, ctx: &str) -> Vec<model::Subject> {
    about
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let p = list.index(k).index(0);
            match s {
                raw::Subject::Campaign(c) => model::Subject::Campaign(CampaignId(
                    cx.resolve(Kind::Campaign, c, &p, ctx).unwrap_or(0),
                )),
                raw::Subject::Technique(t) => {
                    technique(cx, t, &p, ctx);
                    model::Subject::Technique(t.clone())
                }
            }
        })
        .collect()
}

pub(super) fn injects(cx: &mut Cx, raw: &[raw::Inject]) -> Vec<model::Inject> {
    let list = Path::root().field("injects");
    cx.unique_ids("inject", &list, raw.iter().map(|i| i.id.as_str()));
    raw.iter()
        .enumerate()
        .map(|(i, inj)| inject(cx, inj, &list.index(i)))
        .collect()
}

fn inject(cx: &mut Cx, inj: &raw::Inject, path: &Path) -> model::Inject {
    let ctx = format!("inject \"{}\"", inj.id);
    cx.finite(
        &path.field("trust"),
        inj.trust,
        &format!("trust change of {ctx}"),
    );
    let trigger = match (&inj.at, &inj.when) {
        (Some(at), None) => Trigger::At(cx.time(&path.field("at"), at, &format!("`at` of {ctx}"))),
        (None, Some(w)) => Trigger::When(condition(cx, w, &path.field("when"), &ctx)),
        (Some(_), Some(_)) => {
            cx.error(
                &path.field("when"),
                format!("{ctx} has both `at` and `when`"),
                Some("keep one: `at` for a fixed time, `when` for a condition".into()),
            );
            Trigger::At(0)
        }
        (None, None) => {
            cx.error(
                &path.field("id"),
                format!("{ctx} has neither `at` nor `when`, so it can never go out"),
                Some("add `at: Some(\"2h\")` or `when: Some(...)`".into()),
            );
            Trigger::At(0)
        }
    };
    if inj.to.is_empty() {
        cx.error(
            &path.field("to"),
            format!("{ctx} goes to no team"),
            Some("list its recipients' team ids in `to`".into()),
        );
    }
    let resolve_opt = |cx: &mut Cx, kind: Kind, v: &Option<String>, field: &'static str| {
        v.as_ref()
            .and_then(|id| cx.resolve(kind, id, &path.field(field), &ctx))
    };
    model::Inject {
        id: inj.id.clone(),
        trigger,
        from: inj.from.main().to_string(),
        from_team: cx
            .names
            .teams
            .iter()
            .position(|t| *t == inj.from.main())
            .map(|i| TeamId(i as u32)),
        to: team_refs(cx, &inj.to, &path.field("to"), &ctx),
        channel: inj.channel,
        subject: inj.subject.main().to_string(),
        text: inj.text.main().to_string(),
        expects: resolve_opt(cx, Kind::Action, &inj.expects, "expects").map(ActionId),
        objective: resolve_opt(cx, Kind::Objective, &inj.objective, "objective").map(ObjectiveId),
        intel: resolve_opt(cx, Kind::Intel, &inj.intel, "intel").map(IntelId),
        trust: inj.trust,
        level: law::inject_level(cx, inj.level.as_ref(), path, &ctx),
    }
}

pub(super) fn objectives(cx: &mut Cx, raw: &[raw::Objective]) -> Vec<model::Objective> {
    let list = Path::root().field("objectives");
    cx.unique_ids("objective", &list, raw.iter().map(|o| o.id.as_str()));
    raw.iter()
        .enumerate()
        .map(|(i, o)| {
            let path = list.index(i);
            let ctx = format!("objective \"{}\"", o.id);
            let deadline = o.deadline.as_ref().map(|d| {
                let p = path.field("deadline");
                match d {
                    raw::Deadline::By(t) => {
                        model::Deadline::By(cx.time(&p.index(0), t, &format!("deadline of {ctx}")))
                    }
                    raw::Deadline::Within(t, c) => model::Deadline::Within(
                        cx.ticks(&p.index(0), t, &format!("deadline of {ctx}")),
                        condition(cx, c, &p.index(1), &ctx),
                    ),
                    raw::Deadline::Throughout => {
                        cx.needs_v2(&p, "the `Throughout` deadline (an objective to maintain)");
                        model::Deadline::Maintain(None)
                    }
                    raw::Deadline::Until(t) => {
                        cx.needs_v2(&p, "the `Until` deadline (an objective to maintain)");
                        model::Deadline::Maintain(Some(cx.time(
                            &p.index(0),
                            t,
                            &format!("deadline of {ctx}"),
                        )))
                    }
                }
            });
            model::Objective {
                id: o.id.clone(),
                team: TeamId(
                    cx.resolve(Kind::Team, &o.team, &path.field("team"), &ctx)
                        .unwrap_or(0),
                ),
                name: o.name.main().to_string(),
                description: o.description.main().to_string(),
                goal: optional(cx, Some(&o.goal), &path.field("goal"), &ctx),
                deadline,
                capability: o.capability,
            }
        })
        .collect()
}
