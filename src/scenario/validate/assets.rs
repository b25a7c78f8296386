//! Validation of the world's fixed parts: phases, teams, assets with their dependency order and
//! service measures, target selectors, and the measure settings.

use super::graph;
use super::{Cx, Kind, MAX_DEPTH};
use crate::scenario::model::{self, AssetId, ServiceMeasure, ServiceMeasureId, TeamId};
use crate::scenario::raw;
use crate::scenario::source_map::Path;
use crate::simtime::Zone;

fn root() -> Path {
    Path::root()
}

pub(super) fn phases(cx: &mut Cx, raw: &[raw::Phase], list: &Path) -> Vec<model::Phase> {
    cx.unique_ids("phase", list, raw.iter().map(|p| p.id.as_str()));
    let mut out: Vec<model::Phase> = Vec::new();
    let mut malformed: Vec<String> = Vec::new();
    for (i, p) in raw.iter().enumerate() {
        let path = list.index(i).field("at");
        let at = cx.time_checked(&path, &p.at, &format!("phase \"{}\" at", p.id));
        let tick = at.unwrap_or(0);
        // A phase whose time is not a duration is reported once, not also as out of order.
        if let Some(prev) = out
            .last()
            .filter(|prev| at.is_some() && !malformed.contains(&prev.id) && prev.tick >= tick)
        {
            cx.error(
                &path,
                format!(
                    "phase \"{}\" starts at \"{}\", not after the phase before it (\"{}\")",
                    p.id, p.at, prev.id
                ),
                Some("list phases in the order they start, each later than the one before".into()),
            );
        }
        if at.is_none() {
            malformed.push(p.id.clone());
        }
        out.push(model::Phase {
            id: p.id.clone(),
            name: p.name.main().to_string(),
            description: p.description.main().to_string(),
            tick,
        });
    }
    out
}

/// Teams without their doctrine, which needs the actions first.
pub(super) fn teams(cx: &mut Cx, raw: &[raw::Team]) -> Vec<model::Team> {
    let list = root().field("teams");
    cx.unique_ids("team", &list, raw.iter().map(|t| t.id.as_str()));
    raw.iter()
        .enumerate()
        .map(|(i, t)| {
            if t.staff == 0 {
                cx.error(
                    &list.index(i).field("staff"),
                    format!("team \"{}\" has no staff, so it can never act", t.id),
                    Some("give it at least `staff: 1`".into()),
                );
            }
            let zone = t.time_zone.as_deref().and_then(|name| match Zone::named(name) {
                Ok(z) => Some(z),
                Err(why) => {
                    cx.error(
                        &list.index(i).field("time_zone"),
                        format!("team \"{}\": {why}", t.id),
                        Some("write an IANA zone name: \"Asia/Tokyo\", \"Australia/Sydney\", \"Europe/London\", \"America/New_York\"".into()),
                    );
                    None
                }
            });
            model::Team {
                hours: t
                    .hours
                    .as_ref()
                    .map(|h| super::hours::hours(cx, h, &list.index(i).field("hours"), &t.id)),
                zone,
                id: t.id.clone(),
                name: t.name.main().to_string(),
                nation: t.nation.clone(),
                kind: t.kind,
                sector: t.sector.clone(),
                clearance: t.clearance,
                played_by: t.played_by,
                staff: t.staff,
                doctrine: Vec::new(),
                description: t.description.main().to_string(),
            }
        })
        .collect()
}

/// Service measures in first-appearance order; assets sharing one must agree on its unit.
pub(super) fn service_measures(cx: &mut Cx, raw: &[raw::Asset]) -> Vec<ServiceMeasure> {
    let mut out: Vec<ServiceMeasure> = Vec::new();
    for (i, a) in raw.iter().enumerate() {
        let Some(s) = &a.service else { continue };
        let path = root().field("assets").index(i).field("service");
        cx.non_negative(
            &path.field("normal"),
            s.normal,
            &format!("normal rate of asset \"{}\"", a.id),
        );
        if model::Measure::BUILT_IN
            .iter()
            .any(|(n, _)| *n == s.measure)
        {
            cx.error(
                &path.field("measure"),
                format!(
                    "service measure \"{}\" of asset \"{}\" has a built-in measure's name",
                    s.measure, a.id
                ),
                Some("choose another name, e.g. \"gate_containers\"".into()),
            );
        }
        match out.iter_mut().find(|m| m.id == s.measure) {
            Some(m) if m.unit != s.unit => cx.error(
                &path.field("unit"),
                format!(
                    "asset \"{}\" measures \"{}\" in \"{}\", but another asset uses \"{}\"",
                    a.id, s.measure, s.unit, m.unit
                ),
                Some(format!(
                    "assets sharing a service measure must use one unit: write unit: \"{}\"",
                    m.unit
                )),
            ),
            Some(m) => {
                m.assets.push(AssetId(i as u32));
                m.normal += s.normal;
            }
            None => out.push(ServiceMeasure {
                id: s.measure.clone(),
                unit: s.unit.clone(),
                assets: vec![AssetId(i as u32)],
                normal: s.normal,
            }),
        }
    }
    out
}

pub(super) fn assets(
    cx: &mut Cx,
    raw: &[raw::Asset],
    measures: &[ServiceMeasure],
) -> Vec<model::Asset> {
    let list = root().field("assets");
    cx.unique_ids("asset", &list, raw.iter().map(|a| a.id.as_str()));
    raw.iter()
        .enumerate()
        .map(|(i, a)| asset(cx, a, &list.index(i), measures))
        .collect()
}

fn asset(cx: &mut Cx, a: &raw::Asset, path: &Path, measures: &[ServiceMeasure]) -> model::Asset {
    let ctx = format!("asset \"{}\"", a.id);
    let owner = cx.resolve(Kind::Team, &a.owner, &path.field("owner"), &ctx);
    let depends_on = asset_refs(cx, &a.depends_on, &path.field("depends_on"), &ctx);
    let uses = asset_refs(cx, &a.uses, &path.field("uses"), &ctx);
    let depends_on_any = alternatives(cx, a, &path.field("depends_on_any"), &ctx);
    let depends_on_reserve = reserves(cx, a, &path.field("depends_on_reserve"), &ctx);
    let depends_on_shares = shares(cx, a, &path.field("depends_on_shares"), &ctx);
    let operators = operators(cx, a, owner, &path.field("operators"), &ctx);
    posture(cx, &a.posture, &path.field("posture"), &ctx);
    cx.non_negative(
        &path.field("loss_per_hour"),
        a.loss_per_hour,
        &format!("loss per hour of {ctx}"),
    );
    let service = a.service.as_ref().map(|s| model::Service {
        measure: ServiceMeasureId(
            measures.iter().position(|m| m.id == s.measure).unwrap_or(0) as u32
        ),
        normal: s.normal,
    });
    let recovery = path.field("recovery");
    model::Asset {
        id: a.id.clone(),
        name: a.name.main().to_string(),
        owner: TeamId(owner.unwrap_or(0)),
        kind: a.kind,
        sector: a.sector.clone(),
        tags: a.tags.clone(),
        criticality: a.criticality,
        depends_on,
        uses,
        depends_on_any,
        depends_on_reserve,
        depends_on_shares,
        operators,
        posture: a.posture.clone(),
        service,
        restore_ticks: cx.ticks(
            &recovery.field("restore"),
            &a.recovery.restore,
            &format!("restore time of {ctx}"),
        ),
        rebuild_ticks: cx.ticks(
            &recovery.field("rebuild"),
            &a.recovery.rebuild,
            &format!("rebuild time of {ctx}"),
        ),
        loss_per_hour: a.loss_per_hour,
        public_facing: a.public_facing,
        description: a.description.main().to_string(),
    }
}

fn posture(cx: &mut Cx, p: &raw::Posture, path: &Path, ctx: &str) {
    cx.unit(
        &path.field("patching"),
        p.patching,
        &format!("patching of {ctx}"),
    );
    cx.unit(
        &path.field("monitoring"),
        p.monitoring,
        &format!("monitoring of {ctx}"),
    );
    cx.unit(
        &path.field("segmentation"),
        p.segmentation,
        &format!("segmentation of {ctx}"),
    );
}

fn asset_refs(cx: &mut Cx, ids: &[String], list: &Path, ctx: &str) -> Vec<AssetId> {
    ids.iter()
        .enumerate()
        .filter_map(|(i, id)| {
            cx.resolve(Kind::Asset, id, &list.index(i), ctx)
                .map(AssetId)
        })
        .collect()
}

/// Format 2: groups of alternatives, each of two or more distinct assets other than this one.
fn alternatives(cx: &mut Cx, a: &raw::Asset, list: &Path, ctx: &str) -> Vec<Vec<AssetId>> {
    if a.depends_on_any.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(
        list,
        "`depends_on_any` (alternatives, any one of which will do)",
    );
    groups(cx, a, &a.depends_on_any, Group::Alternatives, list, ctx)
}

/// Format 2: groups of shares, each of two or more distinct assets other than this one.
fn shares(cx: &mut Cx, a: &raw::Asset, list: &Path, ctx: &str) -> Vec<Vec<AssetId>> {
    if a.depends_on_shares.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(
        list,
        "`depends_on_shares` (a service delivered in equal shares)",
    );
    groups(cx, a, &a.depends_on_shares, Group::Shares, list, ctx)
}

/// The two kinds of group of assets an asset may depend on, for the words of their errors.
#[derive(Clone, Copy)]
enum Group {
    Alternatives,
    Shares,
}

fn groups(
    cx: &mut Cx,
    a: &raw::Asset,
    groups: &[Vec<String>],
    kind: Group,
    list: &Path,
    ctx: &str,
) -> Vec<Vec<AssetId>> {
    let (field, what, example, among) = match kind {
        Group::Alternatives => (
            "depends_on_any",
            "a group of alternatives",
            "list the asset and its backup in one group, e.g. [\"grid-feed\", \"generator\"]; a single asset belongs in `depends_on`",
            "among its own alternatives",
        ),
        Group::Shares => (
            "depends_on_shares",
            "a group of shares",
            "list the assets that each carry a part of the load in one group, e.g. [\"substation-a\", \"substation-b\", \"substation-c\"]; a single asset belongs in `depends_on`",
            "among its own shares",
        ),
    };
    groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let path = list.index(g);
            if group.len() < 2 {
                cx.error(
                    &path,
                    format!(
                        "{ctx}: {what} in `{field}` names {} asset(s); it needs at least two",
                        group.len()
                    ),
                    Some(example.into()),
                );
            }
            for (j, id) in group.iter().enumerate() {
                if *id == a.id {
                    cx.error(
                        &path.index(j),
                        format!("{ctx} names itself {among}"),
                        Some(match kind {
                            Group::Alternatives => "name the assets that can stand in for one another, not the asset itself",
                            Group::Shares => "name the assets that share the load between them, not the asset itself",
                        }.into()),
                    );
                } else if group[..j].contains(id) {
                    cx.error(
                        &path.index(j),
                        format!("{ctx}: \"{id}\" is named twice in one {}", &what[2..]),
                        Some(match kind {
                            Group::Alternatives => "name each alternative once",
                            Group::Shares => "name each share once (the shares are equal)",
                        }.into()),
                    );
                }
            }
            asset_refs(cx, group, &path, ctx)
        })
        .collect()
}

/// Format 2: the teams that run the asset for its owner, each named once, none its owner.
fn operators(
    cx: &mut Cx,
    a: &raw::Asset,
    owner: Option<u32>,
    list: &Path,
    ctx: &str,
) -> Vec<TeamId> {
    if a.operators.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(list, "`operators` (teams that run an asset for its owner)");
    let mut out = Vec::new();
    for (j, name) in a.operators.iter().enumerate() {
        let path = list.index(j);
        let Some(t) = cx.resolve(Kind::Team, name, &path, ctx) else {
            continue;
        };
        if Some(t) == owner {
            cx.error(
                &path,
                format!("{ctx}: \"{name}\" owns it, so it need not operate it too"),
                Some("name in `operators` only the teams that run the asset for its owner (a managed-service provider)".into()),
            );
        } else if out.contains(&TeamId(t)) {
            cx.error(
                &path,
                format!("{ctx}: \"{name}\" is named twice in `operators`"),
                Some("name each operating team once".into()),
            );
        } else {
            out.push(TeamId(t));
        }
    }
    out
}

/// Format 2: dependencies covered by a reserve of at least one tick, on another asset.
fn reserves(cx: &mut Cx, a: &raw::Asset, list: &Path, ctx: &str) -> Vec<model::Reserve> {
    if a.depends_on_reserve.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(
        list,
        "`depends_on_reserve` (a dependency covered by a reserve)",
    );
    a.depends_on_reserve
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let path = list.index(i);
            if r.asset == a.id {
                cx.error(
                    &path.field("asset"),
                    format!("{ctx} draws on a reserve against itself"),
                    Some("name the asset whose loss the reserve covers (a grid feed, a water supply)".into()),
                );
                return None;
            }
            let lasts = cx.duration(&path.field("lasts"), &r.lasts, &format!("reserve of {ctx}"));
            if lasts.is_some_and(|m| m.0 == 0) {
                cx.error(
                    &path.field("lasts"),
                    format!("{ctx}: a reserve that lasts \"{}\" covers nothing", r.lasts),
                    Some(format!(
                        "write how long the reserve carries the asset, at least one tick (\"{}\"), or move \"{}\" to `depends_on`",
                        cx.clock.tick, r.asset
                    )),
                );
            }
            let asset = cx.resolve(Kind::Asset, &r.asset, &path.field("asset"), ctx)?;
            let ticks = lasts.map_or(1, |m| cx.clock.ticks(m).max(1));
            Some(model::Reserve { asset: AssetId(asset), ticks })
        })
        .collect()
}

/// Every asset after all it depends on or uses (Kahn, smallest index first); reports a cycle.
pub(super) fn topo_order(cx: &mut Cx, raw: &[raw::Asset], assets: &[model::Asset]) -> Vec<AssetId> {
    let edges: Vec<Vec<usize>> = assets
        .iter()
        .map(|a| {
            // A reserve is read as it stood at the tick before, so it is no link of the order:
            // a cycle through one is no cycle of a tick's walk.
            a.depends_on
                .iter()
                .chain(&a.uses)
                .chain(a.depends_on_any.iter().flatten())
                .chain(a.depends_on_shares.iter().flatten())
                .map(|d| d.index())
                .collect()
        })
        .collect();
    let (order, cycle) = graph::order(&edges);
    let depths = graph::depths(&edges, &order);
    if let Some(i) = depths.iter().position(|&d| d > MAX_DEPTH) {
        let ctx = raw.get(i).map_or("", |a| a.id.as_str());
        cx.error(
            &root().field("assets").index(i),
            format!(
                "asset \"{ctx}\" stands on a chain of more than {MAX_DEPTH} assets it depends on or \
                 uses, one under the other (the limit on dependency depth)"
            ),
            Some(format!(
                "model a long chain with fewer links (at most {MAX_DEPTH} deep): group assets that fail together into one"
            )),
        );
    }
    if let Some(cycle) = cycle {
        let names: Vec<&str> = cycle
            .iter()
            .filter_map(|&i| raw.get(i).map(|a| a.id.as_str()))
            .collect();
        let path = cycle_edge_path(raw, &cycle);
        cx.error(
            &path,
            format!("dependency cycle: {}", names.join(" -> ")),
            Some("assets cannot depend on or use each other in a circle; remove one link from `depends_on`, `uses`, `depends_on_any` or `depends_on_shares`, or, where a reserve (fuel, storage) carries the asset for a while, make that link a `depends_on_reserve` (format 2)".into()),
        );
    }
    order.into_iter().map(|i| AssetId(i as u32)).collect()
}

/// The path of the first link of a cycle: the reference from its first asset to the next.
fn cycle_edge_path(raw: &[raw::Asset], cycle: &[usize]) -> Path {
    let (Some(&from), Some(&to)) = (cycle.first(), cycle.get(1)) else {
        return root().field("assets");
    };
    let asset = root().field("assets").index(from);
    let (Some(a), Some(target)) = (raw.get(from), raw.get(to)) else {
        return asset;
    };
    if let Some(j) = a.depends_on.iter().position(|d| *d == target.id) {
        return asset.field("depends_on").index(j);
    }
    if let Some(j) = a.uses.iter().position(|d| *d == target.id) {
        return asset.field("uses").index(j);
    }
    for (g, group) in a.depends_on_any.iter().enumerate() {
        if let Some(j) = group.iter().position(|d| *d == target.id) {
            return asset.field("depends_on_any").index(g).index(j);
        }
    }
    for (g, group) in a.depends_on_shares.iter().enumerate() {
        if let Some(j) = group.iter().position(|d| *d == target.id) {
            return asset.field("depends_on_shares").index(g).index(j);
        }
    }
    asset
}

/// The assets a selector names, sorted and deduplicated. Unknown names are reported.
pub(super) fn select(
    cx: &mut Cx,
    raw: &[raw::Asset],
    t: &raw::Target,
    path: &Path,
    ctx: &str,
) -> Vec<AssetId> {
    let mut hits: Vec<AssetId> = matching(cx, raw, t, path, ctx);
    hits.sort();
    hits.dedup();
    hits
}

fn matching(
    cx: &mut Cx,
    raw: &[raw::Asset],
    t: &raw::Target,
    path: &Path,
    ctx: &str,
) -> Vec<AssetId> {
    let all = || (0..raw.len() as u32).map(AssetId);
    let filter = |f: &dyn Fn(&raw::Asset) -> bool| -> Vec<AssetId> {
        raw.iter()
            .enumerate()
            .filter(|(_, a)| f(a))
            .map(|(i, _)| AssetId(i as u32))
            .collect()
    };
    match t {
        raw::Target::Asset(id) => cx
            .resolve(Kind::Asset, id, &path.index(0), ctx)
            .map(AssetId)
            .into_iter()
            .collect(),
        raw::Target::Tag(tag) => filter(&|a| a.tags.contains(tag)),
        raw::Target::Kind(k) => filter(&|a| a.kind == *k),
        raw::Target::Owner(team) => {
            cx.resolve(Kind::Team, team, &path.index(0), ctx);
            filter(&|a| a.owner == *team)
        }
        raw::Target::Sector(s) => filter(&|a| a.sector.as_deref() == Some(s.as_str())),
        raw::Target::All(parts) => {
            let mut acc: Vec<AssetId> = all().collect();
            for (i, p) in parts.iter().enumerate() {
                let these = matching(cx, raw, p, &path.index(0).index(i), ctx);
                acc.retain(|a| these.contains(a));
            }
            acc
        }
        raw::Target::Any(parts) => {
            let mut acc = Vec::new();
            for (i, p) in parts.iter().enumerate() {
                acc.extend(matching(cx, raw, p, &path.index(0).index(i), ctx));
            }
            acc
        }
    }
}

pub(super) fn measures(cx: &mut Cx, m: &raw::Measures) {
    let path = root().field("measures");
    if !(0.0..=100.0).contains(&m.public_trust) {
        cx.error(
            &path.field("public_trust"),
            format!("public trust starts at {}, outside 0..100", m.public_trust),
            Some("write a number of points between 0 and 100, e.g. 80.0".into()),
        );
    }
    cx.non_negative(
        &path.field("trust_loss_per_hour"),
        m.trust_loss_per_hour,
        "trust loss per hour",
    );
    cx.non_negative(
        &path.field("trust_loss_per_100k_records"),
        m.trust_loss_per_100k_records,
        "trust loss per 100k records",
    );
}
