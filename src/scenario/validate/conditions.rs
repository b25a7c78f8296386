//! The condition language: resolves every name in a raw condition, converts times to ticks and
//! checks chances, keeping a path to each argument so problems point at it.

use super::{Cx, Kind};
use crate::scenario::model::{
    ActionId, AssetId, CampaignId, Condition, InjectId, IntelId, LevelId, Measure, PhaseId,
    StageRef, TeamId,
};
use crate::scenario::raw;
use crate::scenario::source_map::Path;

/// Converts a condition found at `path`; `ctx` names what it belongs to ("inject \"i04\"").
pub(super) fn condition(cx: &mut Cx, c: &raw::Condition, path: &Path, ctx: &str) -> Condition {
    let arg = |i: usize| path.index(i);
    match c {
        raw::Condition::All(cs) => Condition::All(list(cx, cs, &arg(0), ctx)),
        raw::Condition::Any(cs) => Condition::Any(list(cx, cs, &arg(0), ctx)),
        raw::Condition::Not(c) => Condition::Not(Box::new(condition(cx, c, &arg(0), ctx))),
        raw::Condition::After(d) => {
            Condition::After(cx.time(&arg(0), d, &format!("After in {ctx}")))
        }
        raw::Condition::Phase(p) => Condition::Phase(PhaseId(id(cx, Kind::Phase, p, &arg(0), ctx))),
        raw::Condition::Asset(a, state) => {
            Condition::Asset(AssetId(id(cx, Kind::Asset, a, &arg(0), ctx)), *state)
        }
        raw::Condition::Stage(c, s) => Condition::Stage(stage(cx, c, s, path, 0, ctx)),
        raw::Condition::Detected(t, c, s) => {
            let team = TeamId(id(cx, Kind::Team, t, &arg(0), ctx));
            Condition::Detected(team, stage(cx, c, s, path, 1, ctx))
        }
        raw::Condition::Done(t, a) => Condition::Done(
            TeamId(id(cx, Kind::Team, t, &arg(0), ctx)),
            ActionId(id(cx, Kind::Action, a, &arg(1), ctx)),
        ),
        raw::Condition::Delivered(i) => {
            Condition::Delivered(InjectId(id(cx, Kind::Inject, i, &arg(0), ctx)))
        }
        raw::Condition::Holds(t, i) => Condition::Holds(
            TeamId(id(cx, Kind::Team, t, &arg(0), ctx)),
            IntelId(id(cx, Kind::Intel, i, &arg(1), ctx)),
        ),
        raw::Condition::Above(m, v) => {
            cx.finite(&arg(1), *v, &format!("the threshold in {ctx}"));
            Condition::Above(measure(cx, m, &arg(0), ctx), *v)
        }
        raw::Condition::Below(m, v) => {
            cx.finite(&arg(1), *v, &format!("the threshold in {ctx}"));
            Condition::Below(measure(cx, m, &arg(0), ctx), *v)
        }
        raw::Condition::Chance(p) => {
            cx.unit(&arg(0), *p, &format!("Chance in {ctx}"));
            Condition::Chance(*p)
        }
        raw::Condition::DetectedAny(t, c) => {
            cx.needs_v2(path, "the `DetectedAny` condition");
            Condition::DetectedAny(
                TeamId(id(cx, Kind::Team, t, &arg(0), ctx)),
                CampaignId(id(cx, Kind::Campaign, c, &arg(1), ctx)),
            )
        }
        raw::Condition::DoneOn(t, a, asset) => {
            cx.needs_v2(path, "the `DoneOn` condition");
            Condition::DoneOn(
                TeamId(id(cx, Kind::Team, t, &arg(0), ctx)),
                ActionId(id(cx, Kind::Action, a, &arg(1), ctx)),
                AssetId(id(cx, Kind::Asset, asset, &arg(2), ctx)),
            )
        }
        raw::Condition::Granted(t, a) => {
            cx.needs_v2(path, "the `Granted` condition");
            Condition::Granted(
                TeamId(id(cx, Kind::Team, t, &arg(0), ctx)),
                ActionId(id(cx, Kind::Action, a, &arg(1), ctx)),
            )
        }
        raw::Condition::Halted(c) => {
            cx.needs_v2(path, "the `Halted` condition");
            Condition::Halted(CampaignId(id(cx, Kind::Campaign, c, &arg(0), ctx)))
        }
        raw::Condition::Level(l) => {
            cx.needs_v2(path, "the `Level` condition");
            Condition::Level(LevelId(id(cx, Kind::Level, l, &arg(0), ctx)))
        }
        raw::Condition::Received(to, from, a) => {
            cx.needs_v2(path, "the `Received` condition");
            Condition::Received(
                TeamId(id(cx, Kind::Team, to, &arg(0), ctx)),
                TeamId(id(cx, Kind::Team, from, &arg(1), ctx)),
                ActionId(id(cx, Kind::Action, a, &arg(2), ctx)),
            )
        }
        raw::Condition::NoticeMissed(t, a) => {
            cx.needs_v2(path, "the `NoticeMissed` condition");
            Condition::NoticeMissed(
                TeamId(id(cx, Kind::Team, t, &arg(0), ctx)),
                ActionId(id(cx, Kind::Action, a, &arg(1), ctx)),
            )
        }
    }
}

/// An optional condition; absent means always.
pub(super) fn optional(
    cx: &mut Cx,
    c: Option<&raw::Condition>,
    path: &Path,
    ctx: &str,
) -> Condition {
    c.map_or(Condition::Always, |c| condition(cx, c, path, ctx))
}

fn list(cx: &mut Cx, cs: &[raw::Condition], path: &Path, ctx: &str) -> Vec<Condition> {
    cs.iter()
        .enumerate()
        .map(|(i, c)| condition(cx, c, &path.index(i), ctx))
        .collect()
}

fn measure(cx: &mut Cx, name: &str, path: &Path, ctx: &str) -> Measure {
    let i = id(cx, Kind::Measure, name, path, ctx);
    cx.names.measure(i)
}

fn id(cx: &mut Cx, kind: Kind, name: &str, path: &Path, ctx: &str) -> u32 {
    cx.resolve(kind, name, path, ctx).unwrap_or(0)
}

/// A `(campaign, stage)` pair whose campaign is argument `first` of the condition at `path`.
fn stage(
    cx: &mut Cx,
    campaign: &str,
    stage: &str,
    path: &Path,
    first: usize,
    ctx: &str,
) -> StageRef {
    let c = cx.resolve(Kind::Campaign, campaign, &path.index(first), ctx);
    let s = c.and_then(|c| cx.resolve_stage(c, stage, &path.index(first + 1), ctx));
    StageRef {
        campaign: CampaignId(c.unwrap_or(0)),
        stage: s.unwrap_or(0),
    }
}
