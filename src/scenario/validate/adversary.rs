//! Validation of adversary campaigns: the running team, ATT&CK techniques, targets, stage order
//! (no unknown, self or circular `after`), chances, dwell times and effects.

use super::assets::select;
use super::conditions::condition;
use super::{Cx, Kind, Raw, graph};
use crate::attack;
use crate::scenario::model::{self, TeamId, TeamKind};
use crate::scenario::raw;
use crate::scenario::source_map::Path;

pub(super) fn campaigns(cx: &mut Cx, raw: &Raw, teams: &[model::Team]) -> Vec<model::Campaign> {
    let list = Path::root().field("campaigns");
    cx.unique_ids(
        "campaign",
        &list,
        raw.campaigns.iter().map(|c| c.id.as_str()),
    );
    raw.campaigns
        .iter()
        .enumerate()
        .map(|(i, c)| campaign(cx, raw, c, &list.index(i), teams))
        .collect()
}

fn campaign(
    cx: &mut Cx,
    raw: &Raw,
    c: &raw::Campaign,
    path: &Path,
    teams: &[model::Team],
) -> model::Campaign {
    let ctx = format!("campaign \"{}\"", c.id);
    let team = cx.resolve(Kind::Team, &c.team, &path.field("team"), &ctx);
    if let Some(t) = team
        .and_then(|t| teams.get(t as usize))
        .filter(|t| t.kind != TeamKind::Adversary)
    {
        cx.error(
            &path.field("team"),
            format!(
                "{ctx} is run by team \"{}\", which is not an adversary",
                t.id
            ),
            Some(format!(
                "give team \"{}\" `kind: Adversary`, or name an adversary team",
                t.id
            )),
        );
    }
    if let Some(r) = c.ransom {
        cx.non_negative(&path.field("ransom"), r, &format!("ransom of {ctx}"));
    }
    let starts = c
        .starts
        .as_ref()
        .map(|s| condition(cx, s, &path.field("starts"), &ctx));
    let list = path.field("stages");
    cx.unique_ids("stage", &list, c.stages.iter().map(|s| s.id.as_str()));
    let stages: Vec<model::Stage> = c
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| stage(cx, raw, c, s, &list.index(i)))
        .collect();
    stage_cycles(cx, c, &stages, &list);
    stage_paths(cx, c, &stages, &list);
    let held_at_start = holdings(cx, raw, c, &stages, &path.field("held_at_start"));
    model::Campaign {
        id: c.id.clone(),
        name: c.name.main().to_string(),
        team: TeamId(team.unwrap_or(0)),
        starts,
        ransom: c.ransom,
        stages,
        held_at_start,
        description: c.description.clone(),
    }
}

/// Access held at the start (format 2): each names a stage of the campaign that wins access
/// covertly, and assets among that stage's targets.
fn holdings(
    cx: &mut Cx,
    raw: &Raw,
    c: &raw::Campaign,
    stages: &[model::Stage],
    list: &Path,
) -> Vec<model::Holding> {
    if c.held_at_start.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(
        list,
        "`held_at_start` (access held when the exercise begins)",
    );
    let mut out = Vec::new();
    for (j, h) in c.held_at_start.iter().enumerate() {
        let path = list.index(j);
        let ctx = format!("access held at the start by campaign \"{}\"", c.id);
        let since = cx
            .duration(&path.field("since"), &h.since, &format!("`since` of {ctx}"))
            .map_or(0, |m| m.0);
        let Some(k) = c.stages.iter().position(|st| st.id == h.stage) else {
            let known: Vec<String> = c.stages.iter().map(|st| st.id.clone()).collect();
            let hint = super::suggest_among("stage", &h.stage, known.iter().map(String::as_str));
            cx.error(
                &path.field("stage"),
                format!(
                    "unknown stage \"{}\" of campaign \"{}\" in {ctx}",
                    h.stage, c.id
                ),
                Some(hint),
            );
            continue;
        };
        let stage = &stages[k];
        let covert_access = matches!(
            stage.effect,
            model::StageEffect::Foothold
                | model::StageEffect::CredentialTheft
                | model::StageEffect::LateralMovement
        );
        if !covert_access {
            cx.error(
                &path.field("stage"),
                format!(
                    "stage \"{}/{}\" does damage ({:?}), so it cannot be held at the start: only access is (Foothold, CredentialTheft, LateralMovement)",
                    c.id, stage.id, stage.effect
                ),
                Some("hold the stage that won the access, and let this one happen in play".into()),
            );
        }
        let assets = select(cx, &raw.assets, &h.assets, &path.field("assets"), &ctx);
        if assets.is_empty() {
            cx.error(
                &path.field("assets"),
                format!("the assets of {ctx} match no asset"),
                Some(
                    "name the assets the intruder holds, e.g. `assets: Asset(\"msp-rmm\")`".into(),
                ),
            );
        }
        for a in &assets {
            if !stage.targets.contains(a) {
                let id = cx.names.asset(a.index()).to_string();
                cx.error(
                    &path.field("assets"),
                    format!(
                        "asset \"{id}\" is not a target of stage \"{}/{}\", so that stage cannot have won it",
                        c.id, stage.id
                    ),
                    Some(format!(
                        "add \"{id}\" to the stage's `target`, or hold it through a stage that aims at it"
                    )),
                );
            }
        }
        out.push(model::Holding {
            stage: k as u32,
            assets,
            since_minutes: since,
        });
    }
    out
}

fn stage(cx: &mut Cx, raw: &Raw, c: &raw::Campaign, s: &raw::Stage, path: &Path) -> model::Stage {
    let ctx = format!("stage \"{}/{}\"", c.id, s.id);
    let technique_name = technique(cx, &s.technique, &path.field("technique"), &ctx);
    let targets = select(cx, &raw.assets, &s.target, &path.field("target"), &ctx);
    if targets.is_empty() {
        cx.error(
            &path.field("target"),
            format!("the target of {ctx} matches no asset, so it can never run"),
            Some(
                "check the selector against the assets' ids, tags, kinds, owners and sectors"
                    .into(),
            ),
        );
    }
    let after = stage_after(cx, c, s, path);
    let when = s
        .when
        .as_ref()
        .map(|w| condition(cx, w, &path.field("when"), &ctx));
    let from = s
        .from
        .as_ref()
        .map(|f| stage_from(cx, raw, f, &path.field("from"), &ctx));
    cx.unit(&path.field("chance"), s.chance, &format!("chance of {ctx}"));
    if s.chance == 0.0 {
        cx.error(
            &path.field("chance"),
            format!("{ctx} has chance 0, so it can never succeed"),
            Some("give it a chance above 0, or remove the stage".into()),
        );
    }
    cx.unit(
        &path.field("detection"),
        s.detection,
        &format!("detection of {ctx}"),
    );
    if s.attempts == 0 {
        cx.error(
            &path.field("attempts"),
            format!("{ctx} has 0 attempts, so it never runs"),
            Some("allow at least `attempts: 1`".into()),
        );
    }
    model::Stage {
        id: s.id.clone(),
        name: s.name.main().to_string(),
        technique: s.technique.clone(),
        technique_name,
        targets,
        after,
        when,
        from,
        chance: s.chance,
        countered_by: s.countered_by.clone(),
        dwell_ticks: dwell(cx, &s.dwell, &path.field("dwell"), &ctx),
        detection: s.detection,
        attempts: s.attempts,
        effect: effect(cx, &s.effect, &path.field("effect"), &ctx),
    }
}

/// The assets a stage is worked from (format 2), resolved; whether the campaign can ever hold
/// them is [`stage_paths`]'s question.
fn stage_from(
    cx: &mut Cx,
    raw: &Raw,
    from: &raw::Target,
    path: &Path,
    ctx: &str,
) -> Vec<model::AssetId> {
    cx.needs_v2(path, "`from` on a stage (the path a stage is worked from)");
    let assets = select(cx, &raw.assets, from, path, ctx);
    if assets.is_empty() {
        cx.error(
            path,
            format!("the `from` of {ctx} matches no asset, so it can never begin"),
            Some(
                "name the assets it is worked from, e.g. `from: Some(Asset(\"jump-host\"))`".into(),
            ),
        );
    }
    assets
}

/// Each stage's `from` names assets the campaign can hold: targets of its stages that leave
/// the intruder inside (every effect but `Disrupt`). Any other can never carry a foothold, so
/// the stage could never begin.
fn stage_paths(cx: &mut Cx, c: &raw::Campaign, stages: &[model::Stage], list: &Path) {
    let holdable: Vec<model::AssetId> = stages
        .iter()
        .filter(|st| !matches!(st.effect, model::StageEffect::Disrupt { .. }))
        .flat_map(|st| st.targets.iter().copied())
        .collect();
    for (i, st) in stages.iter().enumerate() {
        for a in st.from.iter().flatten() {
            if holdable.contains(a) {
                continue;
            }
            let id = cx.names.asset(a.index()).to_string();
            cx.error(
                &list.index(i).field("from"),
                format!(
                    "stage \"{}/{}\" is worked from \"{id}\", but no stage of the campaign gets the intruder onto it, so it can never begin",
                    c.id, st.id
                ),
                Some(format!(
                    "aim a stage that leaves the intruder inside (`Foothold`, `CredentialTheft`, `LateralMovement`...) at \"{id}\", or work it from an asset the campaign reaches"
                )),
            );
        }
    }
}

/// The technique's catalogue name; an unknown id is reported with the nearest known one.
pub(super) fn technique(cx: &mut Cx, id: &str, path: &Path, ctx: &str) -> String {
    if let Some(t) = attack::lookup(id) {
        return t.name.clone();
    }
    if let Some(r) = attack::retired(id) {
        let (message, hint) = match r.replaced_by.as_deref().and_then(attack::lookup) {
            Some(now) => (
                format!(
                    "ATT&CK technique \"{id}\" ({}) in {ctx} was revoked and replaced by \"{}\" ({})",
                    r.name, now.id, now.name
                ),
                format!("write \"{}\"", now.id),
            ),
            None => (
                format!(
                    "ATT&CK technique \"{id}\" ({}) in {ctx} was deprecated, with no replacement",
                    r.name
                ),
                "choose a current ATT&CK v18.1 technique for what it describes".to_string(),
            ),
        };
        cx.error(path, message, Some(hint));
        return String::new();
    }
    let hint = match attack::nearest(id) {
        Some(t) => format!("did you mean \"{}\" ({})?", t.id, t.name),
        None => {
            "use an ATT&CK v18.1 technique id such as \"T1133\" or \"T1078.001\" (ICS: \"T0831\")"
                .into()
        }
    };
    cx.error(
        path,
        format!("unknown ATT&CK technique \"{id}\" in {ctx}"),
        Some(hint),
    );
    String::new()
}

fn stage_after(cx: &mut Cx, c: &raw::Campaign, s: &raw::Stage, path: &Path) -> Vec<u32> {
    let mut out = Vec::new();
    for (j, a) in s.after.iter().enumerate() {
        let p = path.field("after").index(j);
        if *a == s.id {
            cx.error(
                &p,
                format!("stage \"{}/{}\" comes after itself", c.id, s.id),
                Some("remove it from its own `after` list".into()),
            );
            continue;
        }
        match c.stages.iter().position(|o| o.id == *a) {
            Some(k) => out.push(k as u32),
            None => {
                let known: Vec<String> = c.stages.iter().map(|o| o.id.clone()).collect();
                let hint = super::suggest_among("stage", a, known.iter().map(String::as_str));
                cx.error(
                    &p,
                    format!(
                        "unknown stage \"{a}\" in `after` of stage \"{}/{}\"",
                        c.id, s.id
                    ),
                    Some(hint),
                );
            }
        }
    }
    out
}

fn stage_cycles(cx: &mut Cx, c: &raw::Campaign, stages: &[model::Stage], list: &Path) {
    let before = |i: usize| stages[i].after.iter().map(|&a| a as usize);
    let Some(cycle) = graph::order(stages.len(), before).1 else {
        return;
    };
    let names: Vec<&str> = cycle
        .iter()
        .filter_map(|&i| c.stages.get(i).map(|s| s.id.as_str()))
        .collect();
    let path = match (cycle.first(), cycle.get(1)) {
        (Some(&a), Some(&b)) => {
            let next = c.stages.get(b).map(|s| s.id.as_str()).unwrap_or("");
            let j = c
                .stages
                .get(a)
                .and_then(|s| s.after.iter().position(|x| x == next))
                .unwrap_or(0);
            list.index(a).field("after").index(j)
        }
        _ => list.clone(),
    };
    cx.error(
        &path,
        format!(
            "stages of campaign \"{}\" wait on each other in a cycle: {}",
            c.id,
            names.join(" -> ")
        ),
        Some("none of them can ever begin; remove one link from an `after` list".into()),
    );
}

fn dwell(cx: &mut Cx, (min, max): &(String, String), path: &Path, ctx: &str) -> (u32, u32) {
    let lo = cx.duration(&path.index(0), min, &format!("shortest dwell of {ctx}"));
    let hi = cx.duration(&path.index(1), max, &format!("longest dwell of {ctx}"));
    let ticks = |m: Option<crate::simtime::Minutes>| m.map_or(1, |m| cx.clock.ticks(m).max(1));
    let (both, lo, hi) = (lo.is_some() && hi.is_some(), ticks(lo), ticks(hi));
    if both && lo > hi {
        cx.error(
            path,
            format!("dwell of {ctx} runs from \"{min}\" to \"{max}\": the shortest is longer than the longest"),
            Some(format!("swap them: (\"{max}\", \"{min}\")")),
        );
    }
    (lo, hi)
}

fn effect(cx: &mut Cx, e: &raw::Effect, path: &Path, ctx: &str) -> model::StageEffect {
    use model::StageEffect as M;
    match e {
        raw::Effect::Foothold => M::Foothold,
        raw::Effect::CredentialTheft => M::CredentialTheft,
        raw::Effect::LateralMovement => M::LateralMovement,
        raw::Effect::Encrypt => M::Encrypt,
        raw::Effect::Exfiltrate {
            records,
            per_hour,
            up_to,
        } => exfiltrate(cx, *records, *per_hour, *up_to, path, ctx),
        raw::Effect::Disrupt { duration } => M::Disrupt {
            ticks: duration.as_ref().map(|d| {
                cx.ticks(&path.field("duration"), d, &format!("disruption of {ctx}"))
                    .max(1)
            }),
        },
        raw::Effect::Wipe => M::Wipe,
        raw::Effect::Evade {
            monitoring,
            detection,
        } => {
            cx.needs_v2(path, "the `Evade` stage effect");
            cx.unit(
                &path.field("monitoring"),
                *monitoring,
                &format!("the monitoring `Evade` takes away in {ctx}"),
            );
            cx.unit(
                &path.field("detection"),
                *detection,
                &format!("the detection `Evade` takes away in {ctx}"),
            );
            if *monitoring == 0.0 && *detection == 0.0 {
                cx.error(
                    path,
                    format!("the `Evade` effect of {ctx} takes away neither monitoring nor detection, so it evades nothing"),
                    Some("give it `monitoring: 0.3` (defences impaired), `detection: 0.5` (traces removed), or both".into()),
                );
            }
            M::Evade {
                monitoring: *monitoring,
                detection: *detection,
            }
        }
    }
}

/// `Exfiltrate`: a batch of `records` at once (format 1), or a drain of `per_hour` records a
/// tick's worth at a time, up to `up_to` (format 2); one or the other.
fn exfiltrate(
    cx: &mut Cx,
    records: u64,
    per_hour: u64,
    up_to: Option<u64>,
    path: &Path,
    ctx: &str,
) -> model::StageEffect {
    if per_hour == 0 {
        if records == 0 {
            cx.error(
                path,
                format!("the `Exfiltrate` effect of {ctx} takes no records"),
                Some("give it `records: 50000` (a batch), or in format 2 `per_hour: 20000` (a rate while the intruder stays)".into()),
            );
        }
        if up_to.is_some() {
            cx.error(
                &path.field("up_to"),
                format!("`up_to` in {ctx} caps a rate, but the effect has no `per_hour`"),
                Some("give it `per_hour: 20000`, or remove `up_to`".into()),
            );
        }
        return model::StageEffect::Exfiltrate { records };
    }
    cx.needs_v2(
        &path.field("per_hour"),
        "exfiltration as a rate (`per_hour` in `Exfiltrate`)",
    );
    if records > 0 {
        cx.error(
            &path.field("records"),
            format!("the `Exfiltrate` effect of {ctx} has both `records` (a batch) and `per_hour` (a rate)"),
            Some("keep one: `records` for a batch taken at once, `per_hour` with `up_to` for a drain".into()),
        );
    }
    if up_to == Some(0) {
        cx.error(
            &path.field("up_to"),
            format!("`up_to: Some(0)` in {ctx} lets the intruder take nothing"),
            Some("give the records within its reach, e.g. `up_to: Some(1250000)`, or `None` for no cap".into()),
        );
    }
    let tick = cx.clock.tick.0.max(1) as f64;
    model::StageEffect::Drain {
        per_hour,
        per_tick: per_hour as f64 * tick / 60.0,
        up_to,
    }
}
