//! Validation of the world's fixed parts: phases, teams, assets with their dependency order and
//! service measures, target selectors, and the measure settings.

use super::compact::{self, Rare};
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

/// The id of asset `i`, for messages.
fn id_of(cx: &Cx, i: usize) -> String {
    cx.names.asset(i).to_string()
}

/// Service measures in first-appearance order; assets sharing one must agree on its unit.
pub(super) fn service_measures(cx: &mut Cx, raw: &compact::Assets) -> Vec<ServiceMeasure> {
    let mut out: Vec<ServiceMeasure> = Vec::new();
    for s in raw.services() {
        let i = s.asset;
        let a_id = id_of(cx, i);
        let path = root().field("assets").index(i).field("service");
        cx.non_negative(
            &path.field("normal"),
            s.normal,
            &format!("normal rate of asset \"{a_id}\""),
        );
        if model::Measure::BUILT_IN
            .iter()
            .any(|(n, _)| *n == s.measure)
        {
            cx.error(
                &path.field("measure"),
                format!(
                    "service measure \"{}\" of asset \"{a_id}\" has a built-in measure's name",
                    s.measure
                ),
                Some("choose another name, e.g. \"gate_containers\"".into()),
            );
        }
        match out.iter_mut().find(|m| m.id == s.measure) {
            Some(m) if m.unit != s.unit => cx.error(
                &path.field("unit"),
                format!(
                    "asset \"{a_id}\" measures \"{}\" in \"{}\", but another asset uses \"{}\"",
                    s.measure, s.unit, m.unit
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
                id: s.measure.to_string(),
                name: String::new(),
                named_at: None,
                unit: s.unit.to_string(),
                unit_at: None,
                assets: vec![AssetId(i as u32)],
                normal: s.normal,
            }),
        }
    }
    measure_names(cx, raw, &mut out);
    measure_units(cx, raw, &mut out);
    out
}

/// Each of `pieces` (a text some services write, by asset, in file order) with its asset and the
/// index of the measure that asset's service counts in.
fn by_measure<'a>(
    raw: &compact::Assets,
    pieces: impl Iterator<Item = (usize, &'a raw::Text)>,
    measures: &[ServiceMeasure],
) -> Vec<(usize, usize, &'a raw::Text)> {
    let mut pieces = pieces.peekable();
    let mut out = Vec::new();
    // Both lists are in file order, and every piece belongs to a service.
    for s in raw.services() {
        let Some((_, piece)) = pieces.next_if(|(a, _)| *a == s.asset) else {
            continue;
        };
        if let Some(m) = measures.iter().position(|m| m.id == s.measure) {
            out.push((s.asset, m, piece));
        }
    }
    out
}

/// Gives each measure the Japanese of its unit from the first of its services to write the unit
/// in two languages; another that writes its Japanese otherwise is an error, as a unit written
/// otherwise in English is.
fn measure_units(cx: &mut Cx, raw: &compact::Assets, measures: &mut [ServiceMeasure]) {
    let mut first: Vec<Option<&str>> = vec![None; measures.len()];
    for (i, m, unit) in by_measure(raw, raw.service_units(), measures) {
        let Some(ja) = unit.ja() else {
            continue;
        };
        match first[m] {
            None => {
                first[m] = Some(ja);
                measures[m].unit_at = Some(AssetId(i as u32));
            }
            Some(written) if written == ja => {}
            Some(written) => {
                let a_id = id_of(cx, i);
                cx.error(
                    &root()
                        .field("assets")
                        .index(i)
                        .field("service")
                        .field("unit"),
                    format!(
                        "asset \"{a_id}\" writes the unit of \"{}\" in Japanese as \"{ja}\", but an asset before it writes \"{written}\"",
                        measures[m].id
                    ),
                    Some(format!(
                        "assets sharing a service measure must use one unit: write ja: \"{written}\""
                    )),
                );
            }
        }
    }
}

/// Names each measure by the first of its services to name it; another that names it otherwise
/// is an error (the name each asset's `service` writes must agree).
fn measure_names(cx: &mut Cx, raw: &compact::Assets, measures: &mut [ServiceMeasure]) {
    let mut first: Vec<Option<&raw::Text>> = vec![None; measures.len()];
    for (i, m, name) in by_measure(raw, raw.service_names(), measures) {
        match first[m] {
            None => {
                first[m] = Some(name);
                measures[m].name = name.main().to_string();
                measures[m].named_at = Some(AssetId(i as u32));
            }
            Some(named) if named == name => {}
            Some(named) => {
                let a_id = id_of(cx, i);
                cx.error(
                    &root()
                        .field("assets")
                        .index(i)
                        .field("service")
                        .field("name"),
                    format!(
                        "asset \"{a_id}\" names the measure \"{}\" \"{}\", but an asset before it names it \"{}\"",
                        measures[m].id,
                        name.main(),
                        named.main()
                    ),
                    Some(
                        "assets sharing a service measure name it once, or each the same way: leave `name` out here"
                            .into(),
                    ),
                );
            }
        }
    }
}

/// Resolves and checks each asset, completing its model in place.
pub(super) fn assets(cx: &mut Cx, raw: &mut compact::Assets, measures: &[ServiceMeasure]) {
    let list = root().field("assets");
    let ids = std::mem::take(&mut cx.names.assets);
    cx.unique_ids("asset", &list, ids.iter());
    cx.names.assets = ids;
    let services: Vec<(usize, model::Service)> = raw
        .services()
        .map(|s| {
            let measure = measures.iter().position(|m| m.id == s.measure).unwrap_or(0);
            let measure = ServiceMeasureId(measure as u32);
            (
                s.asset,
                model::Service {
                    measure,
                    normal: s.normal,
                },
            )
        })
        .collect();
    let mut services = services.into_iter().peekable();
    for i in 0..raw.len() {
        let service = services.next_if(|s| s.0 == i).map(|(_, s)| s);
        let resolved = asset(cx, raw, i, &list.index(i), service);
        resolved.fill(&mut raw.models[i]);
    }
}

/// What stage two works out for one asset.
struct Resolved {
    owner: TeamId,
    depends_on: Vec<AssetId>,
    uses: Vec<AssetId>,
    depends_on_any: Vec<Vec<AssetId>>,
    depends_on_reserve: Vec<model::Reserve>,
    depends_on_shares: Vec<Vec<AssetId>>,
    operators: Vec<TeamId>,
    service: Option<model::Service>,
    restore_ticks: u32,
    rebuild_ticks: u32,
}

impl Resolved {
    fn fill(self, m: &mut model::Asset) {
        m.owner = self.owner;
        m.depends_on = self.depends_on;
        m.uses = self.uses;
        m.depends_on_any = self.depends_on_any;
        m.depends_on_reserve = self.depends_on_reserve;
        m.depends_on_shares = self.depends_on_shares;
        m.operators = self.operators;
        m.service = self.service;
        m.restore_ticks = self.restore_ticks;
        m.rebuild_ticks = self.rebuild_ticks;
    }
}

fn asset(
    cx: &mut Cx,
    raw: &compact::Assets,
    i: usize,
    path: &Path,
    service: Option<model::Service>,
) -> Resolved {
    let id = id_of(cx, i);
    let ctx = format!("asset \"{id}\"");
    let none = Rare::default();
    let rare = raw.rare(i).unwrap_or(&none);
    let a = &raw.models[i];
    let owner = cx.resolve(Kind::Team, raw.owner(i), &path.field("owner"), &ctx);
    let depends_on = asset_refs(cx, raw.depends_on(i), &path.field("depends_on"), &ctx);
    let uses = asset_refs(cx, raw.uses(i), &path.field("uses"), &ctx);
    let depends_on_any = alternatives(cx, &id, rare, &path.field("depends_on_any"), &ctx);
    let depends_on_reserve = reserves(cx, &id, rare, &path.field("depends_on_reserve"), &ctx);
    let depends_on_shares = shares(cx, &id, rare, &path.field("depends_on_shares"), &ctx);
    let operators = operators(cx, rare, owner, &path.field("operators"), &ctx);
    posture(cx, &a.posture, &path.field("posture"), &ctx);
    cx.non_negative(
        &path.field("loss_per_hour"),
        a.loss_per_hour,
        &format!("loss per hour of {ctx}"),
    );
    let recovery = path.field("recovery");
    Resolved {
        owner: TeamId(owner.unwrap_or(0)),
        depends_on,
        uses,
        depends_on_any,
        depends_on_reserve,
        depends_on_shares,
        operators,
        service,
        restore_ticks: cx.ticks(
            &recovery.field("restore"),
            &rare.recovery.restore,
            &format!("restore time of {ctx}"),
        ),
        rebuild_ticks: cx.ticks(
            &recovery.field("rebuild"),
            &rare.recovery.rebuild,
            &format!("rebuild time of {ctx}"),
        ),
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

/// The assets named, resolved; the vector holds exactly their number when all resolve.
fn asset_refs<'a>(
    cx: &mut Cx,
    ids: impl ExactSizeIterator<Item = &'a str>,
    list: &Path,
    ctx: &str,
) -> Vec<AssetId> {
    let mut out = Vec::with_capacity(ids.len());
    for (i, id) in ids.enumerate() {
        if let Some(a) = cx.resolve(Kind::Asset, id, &list.index(i), ctx) {
            out.push(AssetId(a));
        }
    }
    out
}

/// Format 2: groups of alternatives, each of two or more distinct assets other than this one.
fn alternatives(cx: &mut Cx, id: &str, a: &Rare, list: &Path, ctx: &str) -> Vec<Vec<AssetId>> {
    if a.depends_on_any.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(
        list,
        "`depends_on_any` (alternatives, any one of which will do)",
    );
    groups(cx, id, &a.depends_on_any, Group::Alternatives, list, ctx)
}

/// Format 2: groups of shares, each of two or more distinct assets other than this one.
fn shares(cx: &mut Cx, id: &str, a: &Rare, list: &Path, ctx: &str) -> Vec<Vec<AssetId>> {
    if a.depends_on_shares.is_empty() {
        return Vec::new();
    }
    cx.needs_v2(
        list,
        "`depends_on_shares` (a service delivered in equal shares)",
    );
    groups(cx, id, &a.depends_on_shares, Group::Shares, list, ctx)
}

/// The two kinds of group of assets an asset may depend on, for the words of their errors.
#[derive(Clone, Copy)]
enum Group {
    Alternatives,
    Shares,
}

fn groups(
    cx: &mut Cx,
    own: &str,
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
                if *id == own {
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
            asset_refs(cx, group.iter().map(String::as_str), &path, ctx)
        })
        .collect()
}

/// Format 2: the teams that run the asset for its owner, each named once, none its owner.
fn operators(cx: &mut Cx, a: &Rare, owner: Option<u32>, list: &Path, ctx: &str) -> Vec<TeamId> {
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
fn reserves(cx: &mut Cx, id: &str, a: &Rare, list: &Path, ctx: &str) -> Vec<model::Reserve> {
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
            if r.asset == id {
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
pub(super) fn topo_order(cx: &mut Cx, raw: &compact::Assets) -> Vec<AssetId> {
    let assets = &raw.models;
    // A reserve is read as it stood at the tick before, so it is no link of the order: a cycle
    // through one is no cycle of a tick's walk.
    let before = |i: usize| {
        let a = &assets[i];
        a.depends_on
            .iter()
            .chain(&a.uses)
            .chain(a.depends_on_any.iter().flatten())
            .chain(a.depends_on_shares.iter().flatten())
            .map(|d| d.index())
    };
    let (order, cycle) = graph::order(assets.len(), before);
    let depths = graph::depths(assets.len(), before, &order);
    if let Some(i) = depths.iter().position(|&d| d as usize > MAX_DEPTH) {
        let ctx = id_of(cx, i);
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
    drop(depths);
    if let Some(cycle) = cycle {
        let names: Vec<String> = cycle.iter().map(|&i| id_of(cx, i)).collect();
        let path = cycle_edge_path(raw, &cx.names.assets, &cycle);
        cx.error(
            &path,
            format!("dependency cycle: {}", names.join(" -> ")),
            Some("assets cannot depend on or use each other in a circle; remove one link from `depends_on`, `uses`, `depends_on_any` or `depends_on_shares`, or, where a reserve (fuel, storage) carries the asset for a while, make that link a `depends_on_reserve` (format 2)".into()),
        );
    }
    order.into_iter().map(AssetId).collect()
}

/// The path of the first link of a cycle: the reference from its first asset to the next.
fn cycle_edge_path(raw: &compact::Assets, ids: &compact::Strings, cycle: &[usize]) -> Path {
    let (Some(&from), Some(&to)) = (cycle.first(), cycle.get(1)) else {
        return root().field("assets");
    };
    let asset = root().field("assets").index(from);
    let (true, Some(target)) = (from < raw.len(), ids.get(to)) else {
        return asset;
    };
    if let Some(j) = raw.depends_on(from).position(|d| d == target) {
        return asset.field("depends_on").index(j);
    }
    if let Some(j) = raw.uses(from).position(|d| d == target) {
        return asset.field("uses").index(j);
    }
    let none = Rare::default();
    let rare = raw.rare(from).unwrap_or(&none);
    for (g, group) in rare.depends_on_any.iter().enumerate() {
        if let Some(j) = group.iter().position(|d| d == target) {
            return asset.field("depends_on_any").index(g).index(j);
        }
    }
    for (g, group) in rare.depends_on_shares.iter().enumerate() {
        if let Some(j) = group.iter().position(|d| d == target) {
            return asset.field("depends_on_shares").index(g).index(j);
        }
    }
    asset
}

/// The assets a selector names, sorted and deduplicated. Unknown names are reported.
pub(super) fn select(
    cx: &mut Cx,
    raw: &compact::Assets,
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
    raw: &compact::Assets,
    t: &raw::Target,
    path: &Path,
    ctx: &str,
) -> Vec<AssetId> {
    let all = || (0..raw.len() as u32).map(AssetId);
    let filter = |f: &dyn Fn(usize, &model::Asset) -> bool| -> Vec<AssetId> {
        raw.models
            .iter()
            .enumerate()
            .filter(|(i, a)| f(*i, a))
            .map(|(i, _)| AssetId(i as u32))
            .collect()
    };
    match t {
        raw::Target::Asset(id) => cx
            .resolve(Kind::Asset, id, &path.index(0), ctx)
            .map(AssetId)
            .into_iter()
            .collect(),
        raw::Target::Tag(tag) => filter(&|_, a| a.tags.contains(tag)),
        raw::Target::Kind(k) => filter(&|_, a| a.kind == *k),
        raw::Target::Owner(team) => {
            cx.resolve(Kind::Team, team, &path.index(0), ctx);
            filter(&|i, _| raw.owner(i) == team)
        }
        raw::Target::Sector(s) => filter(&|_, a| a.sector.as_deref() == Some(s.as_str())),
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
