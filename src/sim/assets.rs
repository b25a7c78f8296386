//! Assets and their dependencies: each asset's own condition (encrypted, isolated, restoring…),
//! the intruders hidden on it, its live security posture, and the cascade that turns all of that
//! into a service level, dependency by dependency, across teams and sectors.

use bevy_ecs::prelude::*;
use serde::Serialize;

use super::ScenarioRes;
use super::clock::SimClock;
use super::facts::{AssetFacts, Facts, Level, Share};
use super::log::{About, EventKind, EventLog};
use crate::scenario::model::{AssetId, CampaignId, Posture, Scenario, TeamId};

#[derive(Component, Clone, Copy, Debug)]
pub struct AssetRef(pub AssetId);

/// An intruder's presence on an asset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Compromise {
    pub campaign: CampaignId,
    /// The stage that put it there.
    pub stage: u32,
    pub since: u32,
    /// Chance per tick the owner notices it, before monitoring and intel.
    pub detection: f64,
    pub known_to_owner: bool,
}

#[derive(Component, Clone, Debug, Default, Serialize)]
pub struct AssetStatus {
    pub isolated: bool,
    pub encrypted: bool,
    pub wiped: bool,
    /// Knocked down by an attack until this tick (`u32::MAX`: until restored).
    pub disrupted_until: Option<u32>,
    pub restoring_until: Option<u32>,
    /// Failed by a facilitator's ruling.
    pub failed: bool,
    /// Online backups destroyed by the intruder.
    pub backups_lost: bool,
    pub compromises: Vec<Compromise>,
}

impl AssetStatus {
    pub fn compromised(&self) -> bool {
        !self.compromises.is_empty()
    }

    /// Whether the campaign still holds a live foothold here (an isolated asset is cut off).
    pub fn foothold_of(&self, campaign: CampaignId) -> bool {
        !self.isolated && self.compromises.iter().any(|c| c.campaign == campaign)
    }

    pub fn add_compromise(&mut self, c: Compromise) {
        if !self.compromises.iter().any(|x| x.campaign == c.campaign) {
            self.compromises.push(c);
        }
    }

    /// A facilitator's ruling: back to normal, clean, connected and working. Its level (the
    /// cascade's, in the facts) stays as it was until the cascade next looks.
    pub fn restore_by_ruling(&mut self) {
        *self = AssetStatus::default();
    }

    /// A facilitator's ruling: down until restored.
    pub fn fail_by_ruling(&mut self) {
        self.failed = true;
    }

    /// Its facts, at the cascade's `level` and `share`.
    fn facts(&self, level: Level, share: Option<Share>) -> AssetFacts {
        AssetFacts {
            level,
            compromised: self.compromised(),
            encrypted: self.encrypted,
            isolated: self.isolated,
            restoring: self.restoring_until.is_some(),
            share,
        }
    }
}

/// The asset's security posture as it stands now (defender actions raise it).
#[derive(Component, Clone, Debug)]
pub struct LivePosture(pub Posture);

/// Asset entities by [`AssetId`], so systems can walk them in a fixed order.
#[derive(Debug, Default)]
pub struct AssetIndex(pub Vec<Entity>);

impl AssetIndex {
    pub fn get(&self, id: AssetId) -> Entity {
        self.0[id.index()]
    }
}

/// The assets whose status was taken to be changed since the Cascade, and since Detection, last
/// took them in: [`Statuses::get_mut`] marks every asset it hands out, so the two phases read
/// a list of what changed instead of scanning every asset's change tick (two scans of 100,000
/// entities a tick were a tenth of a blackout's cost). Debug builds check the list against
/// bevy's change ticks at each phase ([`take_in_changes`], `detection::take_in_changes`).
#[derive(Debug, Default)]
pub struct Touched {
    pub(super) cascade: Marks,
    pub(super) detection: Marks,
}

/// A set of asset indices: a bit each, and the list in the order they were first marked.
#[derive(Debug, Default)]
pub struct Marks {
    bits: Vec<u64>,
    list: Vec<u32>,
}

impl Marks {
    fn mark(&mut self, i: u32) {
        let (word, bit) = (i as usize / 64, 1u64 << (i % 64));
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        if self.bits[word] & bit == 0 {
            self.bits[word] |= bit;
            self.list.push(i);
        }
    }

    /// Whether `i` is marked.
    pub fn has(&self, i: u32) -> bool {
        self.bits
            .get(i as usize / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The marked indices, emptying the set.
    pub fn take(&mut self) -> Vec<u32> {
        for &i in &self.list {
            self.bits[i as usize / 64] = 0;
        }
        std::mem::take(&mut self.list)
    }

    /// Gives back the list's storage (emptied) for the next tick, so marking allocates nothing.
    pub fn give_back(&mut self, mut list: Vec<u32>) {
        if self.list.is_empty() {
            list.clear();
            self.list = list;
        }
    }
}

impl Touched {
    /// Asset `i`'s status may have changed: both phases take it in when they next run.
    pub fn touch(&mut self, i: AssetId) {
        self.cascade.mark(i.0);
        self.detection.mark(i.0);
    }
}

/// The query every phase that changes an asset's status or posture reads the assets through.
pub type AssetsAndPostures<'w, 's> =
    Query<'w, 's, (&'static mut AssetStatus, &'static mut LivePosture)>;

/// The assets' statuses and postures, by asset id, for the phases that change them: the only
/// way to a mutable status outside the Cascade, so every change is marked in [`Touched`].
pub struct Statuses<'a, 'w, 's> {
    index: &'a AssetIndex,
    query: &'a mut AssetsAndPostures<'w, 's>,
    touched: &'a mut Touched,
}

impl<'a, 'w, 's> Statuses<'a, 'w, 's> {
    pub fn new(
        index: &'a AssetIndex,
        query: &'a mut AssetsAndPostures<'w, 's>,
        touched: &'a mut Touched,
    ) -> Self {
        Statuses {
            index,
            query,
            touched,
        }
    }

    /// An asset's status and posture, to read.
    pub fn get(&self, a: AssetId) -> Option<(&AssetStatus, &LivePosture)> {
        let entity = *self.index.0.get(a.index())?;
        self.query.get(entity).ok()
    }

    /// An asset's status and posture, to change: the asset is marked as touched.
    pub fn get_mut(&mut self, a: AssetId) -> Option<(Mut<'_, AssetStatus>, Mut<'_, LivePosture>)> {
        let entity = *self.index.0.get(a.index())?;
        let got = self.query.get_mut(entity).ok()?;
        self.touched.touch(a);
        Some(got)
    }

    /// The same statuses for a shorter borrow.
    pub fn reborrow(&mut self) -> Statuses<'_, 'w, 's> {
        Statuses {
            index: self.index,
            query: &mut *self.query,
            touched: &mut *self.touched,
        }
    }
}

/// The cascade's state by asset index, kept from tick to tick so that a tick looks only at the
/// assets whose status changed and at what depends on them: each asset's cascaded level (also in
/// the facts, where the rest of the engine reads it) and own level as of the last cascade, the
/// assets with a timer running, and scratch reused every tick.
#[derive(Debug, Default)]
pub struct Levels {
    levels: Vec<Level>,
    own: Vec<Level>,
    /// Assets with a restoration or a timed disruption under way, ascending, no repeats.
    timed: Vec<u32>,
    /// The first cascade looks at every asset; later ones only at those whose status changed.
    full: bool,
    /// One bit per topological position still to be looked at this tick.
    dirty: Vec<u64>,
    /// This tick's outage news, by `audience * 3 + level` (see `Dependencies::audience`).
    news: Vec<News>,
    /// By asset index: the tick its level last fell from normal, while it is below normal.
    below_since: Vec<Option<u32>>,
    /// By reserve (as `Dependencies::reserve` lists them): the level it passed on this tick.
    reserve_levels: Vec<Level>,
    /// Only when some asset is served in shares (empty otherwise): by asset index, the share
    /// of each fine asset (`Dependencies::fine`) as of the last cascade; by reserve, the share
    /// it passed on this tick; and whether any share moved this tick.
    shares: Vec<Share>,
    reserve_shares: Vec<Share>,
    shares_moved: bool,
}

/// How many of one owner's assets changed to one level this tick, and the first few of them.
#[derive(Clone, Copy, Debug, Default)]
struct News {
    count: u32,
    listed: [u32; NAMES_LISTED],
}

impl Levels {
    fn new(assets: usize, audiences: usize, reserves: usize, fine: bool) -> Self {
        let (shares, reserve_shares) = if fine {
            (vec![Share::ONE; assets], vec![Share::ONE; reserves])
        } else {
            (Vec::new(), Vec::new())
        };
        Levels {
            shares,
            reserve_shares,
            shares_moved: false,
            below_since: vec![None; assets],
            reserve_levels: vec![Level::Normal; reserves],
            levels: vec![Level::Normal; assets],
            own: vec![Level::Normal; assets],
            timed: Vec::new(),
            full: true,
            dirty: vec![0; assets.div_ceil(64)],
            news: vec![News::default(); audiences * 3],
        }
    }

    fn mark(&mut self, position: u32) {
        self.dirty[position as usize / 64] |= 1 << (position % 64);
    }

    /// Takes in an asset's status as it stands now: its facts, its own level (marked to be
    /// looked at when that differs from the last cascade's) and whether it has a timer running.
    fn refresh(&mut self, i: usize, status: &AssetStatus, deps: &Dependencies, facts: &mut Facts) {
        facts.assets[i] = status.facts(self.levels[i], facts.assets[i].share);
        let own = own_level(status);
        if self.full || own != self.own[i] {
            self.own[i] = own;
            self.mark(deps.position[i]);
        }
        if has_timer(status) && self.timed.binary_search(&(i as u32)).is_err() {
            let at = self.timed.partition_point(|&t| t < i as u32);
            self.timed.insert(at, i as u32);
        }
    }
}

/// The dependency graph in the order the cascade walks it, packed into flat arrays so the walk
/// reads a few contiguous vectors instead of every asset's own lists.
#[derive(Debug, Default)]
pub struct Dependencies {
    /// The assets in topological order, one [`Node`] each, and one more at the end whose
    /// starts close the last asset's lists.
    nodes: Vec<Node>,
    /// Position of each asset in `nodes`, by asset index.
    position: Vec<u32>,
    /// The lists of the asset at position `at`, one after the other in
    /// `edges[nodes[at].edges..nodes[at + 1].edges]`: its hard dependencies, its soft ones
    /// (from `soft`), and the positions of what depends on or uses it (from `dependents`),
    /// ascending. One slice a node, so the blackout's walk finds all three in one place.
    edges: Vec<u32>,
    /// Its groups of alternatives are `groups[groups_at[i]..groups_at[i + 1]]`, each group `g`
    /// the assets `any[any_at[g]..any_at[g + 1]]`.
    groups_at: Vec<u32>,
    any_at: Vec<u32>,
    any: Vec<u32>,
    /// Its reserves are `reserve[reserve_at[i]..reserve_at[i + 1]]`, each (supplier, ticks).
    /// A reserve reads its supplier as it stood at the tick before, so it is no link of the
    /// order and its supplier does not list it among its dependents.
    reserve_at: Vec<u32>,
    reserve: Vec<(u32, u32)>,
    /// The topological position of the asset each reserve carries, by reserve.
    reserve_of: Vec<u32>,
    /// Its groups of shares are `shared[shared_at[i]..shared_at[i + 1]]`, each group `g` the
    /// assets `share[share_at[g]..share_at[g + 1]]`.
    shared_at: Vec<u32>,
    share_at: Vec<u32>,
    share: Vec<u32>,
    /// The assets whose level is a [`Share`], finer than a [`Level`], one bit per asset
    /// index: those served in shares and those a share reaches through `depends_on`,
    /// `depends_on_any` or `depends_on_reserve` (a soft dependency passes on only whether it is
    /// down). Empty when no asset is served in shares, so no other scenario pays for them.
    fine: Vec<u64>,
    /// Every team alone (in team order, so an owner's index is its team's) and then each set of
    /// an owner and its operators (`operators`) that some asset has: a node's `audience` is an
    /// index into it.
    audiences: Vec<Vec<TeamId>>,
}

/// What the walk reads of one asset, at its topological position, in one place: the blackout's
/// hot loop reads one node (and the next one's starts) instead of a value from each of several
/// arrays.
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    /// The asset's index.
    index: u32,
    /// Where its lists start in `edges`, and where in them its soft dependencies and its
    /// dependents start.
    edges: u32,
    soft: u32,
    dependents: u32,
    /// Who is told of its outages (an index into `audiences`).
    audience: u32,
    path: Path,
}

/// Which rule the walk applies to an asset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Path {
    /// Hard and soft dependencies only: most assets.
    #[default]
    Plain,
    /// Alternatives or reserves besides.
    Mixed,
    /// A level finer than the three: its shares ([`walk_fine`]).
    Fine,
}

impl Dependencies {
    fn new(scenario: &Scenario) -> Self {
        let n = scenario.assets.len();
        let mut d = Dependencies {
            nodes: Vec::with_capacity(scenario.topo_order.len() + 1),
            position: vec![0; n],
            groups_at: vec![0],
            any_at: vec![0],
            reserve_at: vec![0],
            shared_at: vec![0],
            share_at: vec![0],
            fine: fine_assets(scenario),
            audiences: (0..scenario.teams.len() as u32)
                .map(|t| vec![TeamId(t)])
                .collect(),
            ..Default::default()
        };
        // The first audiences are each team alone, by team index; only an operated asset's
        // audience (owner and operators) is looked for among the rest.
        let teams = scenario.teams.len();
        let mut audience = Vec::with_capacity(n);
        for a in &scenario.assets {
            if a.operators.is_empty() {
                audience.push(a.owner.0);
                continue;
            }
            let told: Vec<TeamId> = a.audience().collect();
            let at = match d.audiences[teams..].iter().position(|x| *x == told) {
                Some(at) => teams + at,
                None => {
                    d.audiences.push(told);
                    d.audiences.len() - 1
                }
            };
            audience.push(at as u32);
        }
        // What depends on each asset, by asset index, as topological positions: counted,
        // then filled in topological order, so each asset's list is ascending.
        let mut count = vec![0u32; n + 1];
        for &id in &scenario.topo_order {
            for dep in immediate(&scenario.assets[id.index()]) {
                count[dep.index() + 1] += 1;
            }
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        let by_index = count.clone();
        let mut listed = vec![0u32; count[n] as usize];
        for (at, &id) in scenario.topo_order.iter().enumerate() {
            for dep in immediate(&scenario.assets[id.index()]) {
                let slot = &mut count[dep.index()];
                listed[*slot as usize] = at as u32;
                *slot += 1;
            }
        }
        let total = scenario
            .assets
            .iter()
            .map(|a| a.depends_on.len() + a.uses.len())
            .sum::<usize>()
            + listed.len();
        d.edges.reserve_exact(total);
        for (at, &id) in scenario.topo_order.iter().enumerate() {
            let i = id.index();
            let asset = &scenario.assets[i];
            d.position[i] = at as u32;
            let path = if d.is_fine(i) {
                Path::Fine
            } else if asset.depends_on_any.is_empty() && asset.depends_on_reserve.is_empty() {
                Path::Plain
            } else {
                Path::Mixed
            };
            let start = d.edges.len();
            d.edges.extend(asset.depends_on.iter().map(|a| a.0));
            let soft = d.edges.len() - start;
            d.edges.extend(asset.uses.iter().map(|a| a.0));
            let dependents = d.edges.len() - start;
            d.edges
                .extend_from_slice(&listed[by_index[i] as usize..by_index[i + 1] as usize]);
            d.nodes.push(Node {
                index: id.0,
                edges: start as u32,
                soft: soft as u32,
                dependents: dependents as u32,
                audience: audience[i],
                path,
            });
            for group in &asset.depends_on_any {
                d.any.extend(group.iter().map(|a| a.0));
                d.any_at.push(d.any.len() as u32);
            }
            d.groups_at.push((d.any_at.len() - 1) as u32);
            for group in &asset.depends_on_shares {
                d.share.extend(group.iter().map(|a| a.0));
                d.share_at.push(d.share.len() as u32);
            }
            d.shared_at.push((d.share_at.len() - 1) as u32);
            d.reserve.extend(
                asset
                    .depends_on_reserve
                    .iter()
                    .map(|r| (r.asset.0, r.ticks)),
            );
            d.reserve_of.resize(d.reserve.len(), at as u32);
            d.reserve_at.push(d.reserve.len() as u32);
        }
        d.nodes.push(Node {
            edges: d.edges.len() as u32,
            ..Node::default()
        });
        d
    }

    /// The node at position `at` and the one after it (whose starts end its lists).
    fn node(&self, at: usize) -> (Node, Node) {
        match self.nodes.get(at..at + 2) {
            Some(&[node, next]) => (node, next),
            _ => (Node::default(), Node::default()),
        }
    }

    /// The lists of the asset at position `at`: its hard dependencies, its soft ones and the
    /// positions of what depends on it.
    fn lists(&self, at: usize) -> (Node, [&[u32]; 3]) {
        let (node, next) = self.node(at);
        let edges = self
            .edges
            .get(node.edges as usize..next.edges as usize)
            .unwrap_or(&[]);
        let (hard, rest) = edges
            .split_at_checked(node.soft as usize)
            .unwrap_or((&[], &[]));
        let (soft, dependents) = rest
            .split_at_checked(node.dependents.saturating_sub(node.soft) as usize)
            .unwrap_or((&[], &[]));
        (node, [hard, soft, dependents])
    }

    /// The positions of what depends on the asset at position `at`.
    fn dependents_of(&self, at: usize) -> &[u32] {
        self.lists(at).1[2]
    }

    /// The hard and soft dependencies of the asset at position `at`.
    fn hard_and_soft(&self, at: usize) -> (&[u32], &[u32]) {
        let [hard, soft, _] = self.lists(at).1;
        (hard, soft)
    }

    /// The groups of alternatives of the asset at topological position `at`.
    fn groups(&self, at: usize) -> impl Iterator<Item = &[u32]> {
        (self.groups_at[at] as usize..self.groups_at[at + 1] as usize)
            .map(|g| &self.any[self.any_at[g] as usize..self.any_at[g + 1] as usize])
    }

    /// The groups of shares of the asset at topological position `at`.
    fn share_groups(&self, at: usize) -> impl Iterator<Item = &[u32]> {
        (self.shared_at[at] as usize..self.shared_at[at + 1] as usize)
            .map(|g| &self.share[self.share_at[g] as usize..self.share_at[g + 1] as usize])
    }

    /// Whether asset `i` (by index) has a [`Share`] for its level.
    fn is_fine(&self, i: usize) -> bool {
        self.fine
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// The assets whose level is a [`Share`] (see `Dependencies::fine`), one bit per asset index;
/// empty when no asset is served in shares. A reserve may close a cycle, so the marks are
/// spread until they hold still.
fn fine_assets(scenario: &Scenario) -> Vec<u64> {
    if scenario
        .assets
        .iter()
        .all(|a| a.depends_on_shares.is_empty())
    {
        return Vec::new();
    }
    let mut fine = vec![false; scenario.assets.len()];
    loop {
        let mut grew = false;
        for &id in &scenario.topo_order {
            let a = &scenario.assets[id.index()];
            if fine[id.index()] {
                continue;
            }
            let passed_on = a
                .depends_on
                .iter()
                .chain(a.depends_on_any.iter().flatten())
                .chain(a.depends_on_reserve.iter().map(|r| &r.asset))
                .any(|d| fine[d.index()]);
            if passed_on || !a.depends_on_shares.is_empty() {
                fine[id.index()] = true;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let mut bits = vec![0u64; scenario.assets.len().div_ceil(64)];
    for (i, _) in fine.iter().enumerate().filter(|(_, f)| **f) {
        bits[i / 64] |= 1 << (i % 64);
    }
    bits
}

/// What an asset reads in the same tick's walk: all it depends on, uses, or has as an
/// alternative or a share (its reserves are read as they stood the tick before).
fn immediate(asset: &crate::scenario::model::Asset) -> impl Iterator<Item = &AssetId> {
    asset
        .depends_on
        .iter()
        .chain(&asset.uses)
        .chain(asset.depends_on_any.iter().flatten())
        .chain(asset.depends_on_shares.iter().flatten())
}

/// How an asset works on its own, before looking at what it depends on.
pub fn own_level(status: &AssetStatus) -> Level {
    let down = status.isolated
        || status.encrypted
        || status.wiped
        || status.failed
        || status.disrupted_until.is_some()
        || status.restoring_until.is_some();
    if down { Level::Down } else { Level::Normal }
}

/// An asset's level given its own and those of its hard (`depends_on`) and soft (`uses`)
/// dependencies: a hard dependency passes its level on; a soft one that is down degrades.
pub fn cascade_level(
    own: Level,
    hard: impl Iterator<Item = Level>,
    soft: impl Iterator<Item = Level>,
) -> Level {
    let mut level = own;
    for l in hard {
        level = level.min(l);
    }
    if level == Level::Normal && soft.into_iter().any(|l| l == Level::Down) {
        level = Level::Degraded;
    }
    level
}

/// The level a group of alternatives passes on: the best of its members, since any one of them
/// carries the asset.
pub fn alternatives_level(group: impl Iterator<Item = Level>) -> Level {
    group.max().unwrap_or(Level::Normal)
}

/// [`cascade_level`] on shares, for an asset whose level is a [`Share`]: a hard dependency
/// (and a group, and a reserve) passes its share on; a soft one that is down halves a whole
/// service. On the shares of the three levels it is [`cascade_level`] itself.
pub fn cascade_share(
    own: Share,
    hard: impl Iterator<Item = Share>,
    soft: impl Iterator<Item = Level>,
) -> Share {
    let mut share = own;
    for s in hard {
        share = share.min(s);
    }
    if share == Share::ONE && soft.into_iter().any(|l| l == Level::Down) {
        share = Share::of(Level::Degraded);
    }
    share
}

/// [`alternatives_level`] on shares: the best member.
pub fn alternatives_share(group: impl Iterator<Item = Share>) -> Share {
    group.max().unwrap_or(Share::ONE)
}

/// The share a group of shares passes on: the mean of its members' (each carries an equal part
/// of the load), rounded down, so that one of three down leaves two thirds.
pub fn shares_level(group: impl Iterator<Item = Share>) -> Share {
    let (sum, n) = group.fold((0u64, 0u64), |(sum, n), s| (sum + u64::from(s.0), n + 1));
    match n {
        0 => Share::ONE,
        n => Share((sum / n) as u32),
    }
}

/// The level a dependency covered by a reserve of `lasts` ticks passes on at tick `now`, from
/// its supplier as it stood at the end of the tick before (`supplier`, below normal since
/// `below_since`): normal while the reserve lasts, the supplier's level once it has run out.
pub fn reserve_level(supplier: Level, below_since: Option<u32>, lasts: u32, now: u32) -> Level {
    match below_since {
        Some(since) if supplier != Level::Normal && now >= since.saturating_add(lasts) => supplier,
        Some(_) | None => Level::Normal,
    }
}

/// When an asset's level has been below normal since, after it changed to `level` at `now`
/// from `before`: a fall from normal starts the count, a return to normal ends it, a move
/// between degraded and down keeps it.
pub fn below_since(before: Option<u32>, level: Level, now: u32) -> Option<u32> {
    match level {
        Level::Normal => None,
        Level::Degraded | Level::Down => Some(before.unwrap_or(now)),
    }
}

/// Whether a backup from before the intrusion is at hand: offline backups always are; online
/// ones only if the intruder has not destroyed them and they reach back before the intrusion.
pub fn clean_backup(
    posture: &Posture,
    backups_lost: bool,
    intrusion_age_minutes: Option<u32>,
) -> bool {
    if posture.backups.depth_days == 0 {
        return false;
    }
    if posture.backups.offline {
        return true;
    }
    if backups_lost {
        return false;
    }
    match intrusion_age_minutes {
        None => true,
        Some(age) => age < posture.backups.depth_days.saturating_mul(24 * 60),
    }
}

/// How a restore brings an asset back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestorePath {
    /// Decrypted with a decryptor: the attacker's, paid for (`paid`), or one obtained otherwise.
    Decrypt { paid: bool },
    /// From a clean backup.
    Backup,
    /// Rebuilt from scratch.
    Rebuild,
}

impl RestorePath {
    /// Whether it takes the asset's `restore` time rather than its `rebuild` time.
    pub fn is_fast(self) -> bool {
        !matches!(self, RestorePath::Rebuild)
    }

    /// The words a restore's log line says it in.
    pub fn words(self) -> &'static str {
        match self {
            RestorePath::Decrypt { paid: true } => "decrypting with the attacker's decryptor",
            RestorePath::Decrypt { paid: false } => "decrypting with an obtained decryptor",
            RestorePath::Backup => "restoring from a clean backup",
            RestorePath::Rebuild => "no clean backup: rebuilding from scratch",
        }
    }
}

/// How a restore goes: with a decryptor at hand for an encrypted asset (`Some(paid)`), it is
/// decrypted; else from a clean backup if there is one; else it is rebuilt.
pub fn restore_path(decryptor: Option<bool>, clean_backup: bool) -> RestorePath {
    match (decryptor, clean_backup) {
        (Some(paid), _) => RestorePath::Decrypt { paid },
        (None, true) => RestorePath::Backup,
        (None, false) => RestorePath::Rebuild,
    }
}

/// A restore of an asset already being restored starts it again only if the new one, ready at
/// `ready`, would be sooner (a decryptor come to hand during a rebuild). Gives the tick the
/// restore under way will be ready when that one goes on, `None` when the new one replaces it.
pub fn sooner_restore(under_way: Option<u32>, ready: u32) -> Option<u32> {
    under_way.filter(|t| *t <= ready)
}

/// Spawns an entity for each asset; returns where each is, the dependency graph and the
/// cascade's starting levels.
pub fn spawn(world: &mut World, scenario: &Scenario) -> (AssetIndex, Dependencies, Levels) {
    let entities = scenario
        .assets
        .iter()
        .enumerate()
        .map(|(i, a)| {
            world
                .spawn((
                    AssetRef(AssetId(i as u32)),
                    AssetStatus::default(),
                    LivePosture(a.posture.clone()),
                ))
                .id()
        })
        .collect();
    let deps = Dependencies::new(scenario);
    let levels = Levels::new(
        scenario.assets.len(),
        deps.audiences.len(),
        deps.reserve.len(),
        !deps.fine.is_empty(),
    );
    (AssetIndex(entities), deps, levels)
}

/// Whether a restoration or a timed disruption is under way.
fn has_timer(status: &AssetStatus) -> bool {
    status.restoring_until.is_some() || status.disrupted_until.is_some()
}

/// Whether a restoration or a timed disruption ends at `now`.
fn timer_ends(status: &AssetStatus, now: u32) -> bool {
    status.restoring_until.is_some_and(|t| t <= now)
        || status.disrupted_until.is_some_and(|t| t <= now)
}

/// Ends the restoration and the timed disruption that are over at `now`.
pub fn end_timers(status: &mut AssetStatus, now: u32) {
    if status.restoring_until.is_some_and(|t| t <= now) {
        status.restoring_until = None;
        status.encrypted = false;
        status.wiped = false;
        status.failed = false;
        status.disrupted_until = None;
        // A rebuild from a clean image removes the intruders the owner knew of; those it
        // never found come back with the restored data and credentials.
        status.compromises.retain(|c| !c.known_to_owner);
    }
    if status.disrupted_until.is_some_and(|t| t <= now) {
        status.disrupted_until = None;
    }
}

/// Every asset, as the Cascade reads it: all of them when it first runs, the touched ones
/// after (and all again in debug builds, to check what it keeps).
pub type AllAssets<'w, 's> = Query<'w, 's, (&'static AssetRef, &'static AssetStatus)>;

/// Takes in the assets whose status changed since the Cascade last ran (those [`Touched`]
/// lists; every asset the first time): their facts, and their own level, marked to be walked
/// when it moved. Run at the start of the Cascade phase, before [`propagate_outages`]. Debug
/// builds then check every asset: its facts and own level must be what its status says, so a
/// status changed without [`Statuses::get_mut`] stops the run there.
pub fn take_in_changes(
    deps: &Dependencies,
    levels: &mut Levels,
    facts: &mut Facts,
    index: &AssetIndex,
    all: &AllAssets,
    touched: &mut Touched,
) {
    if levels.full {
        for (asset, status) in all {
            levels.refresh(asset.0.index(), status, deps, facts);
        }
        levels.full = false;
        touched.cascade.take();
        return;
    }
    let list = touched.cascade.take();
    for &i in &list {
        if let Some(&entity) = index.0.get(i as usize)
            && let Ok((_, status)) = all.get(entity)
        {
            levels.refresh(i as usize, status, deps, facts);
        }
    }
    touched.cascade.give_back(list);
    if cfg!(debug_assertions) {
        for (asset, status) in all {
            let i = asset.0.index();
            let kept = (facts.assets[i], levels.own[i]);
            let fresh = (
                status.facts(levels.levels[i], facts.assets[i].share),
                own_level(status),
            );
            assert_eq!(kept, fresh, "asset {i} changed without Statuses::get_mut");
        }
    }
}

/// Ends the timers that are over, then walks assets dependencies-first and sets each one's
/// level (in [`Levels`] and the facts, the one place the rest of the engine reads it from);
/// tells owners what changed. Returns whether any asset's level (or share) changed.
///
/// Only what may have moved is looked at: the assets whose status changed since the last
/// cascade (bevy's change ticks; every asset the first time) and those with a timer running.
/// An asset whose own level moved is walked again, and so, in topological order, is everything
/// downstream of an asset whose level changed. Every other asset keeps last tick's level, which
/// is what a walk of the whole graph would give it, so the levels, the order changes are logged
/// in and the log are those of a full walk.
#[allow(clippy::too_many_arguments)]
pub fn propagate_outages(
    scenario: &ScenarioRes,
    clock: &SimClock,
    deps: &Dependencies,
    index: &AssetIndex,
    levels: &mut Levels,
    facts: &mut Facts,
    log: &mut EventLog,
    assets: &mut Query<&mut AssetStatus>,
    touched: &mut Touched,
) -> bool {
    let now = clock.now();
    let levels = &mut *levels;
    let mut t = 0;
    while t < levels.timed.len() {
        let i = levels.timed[t] as usize;
        let Ok(mut status) = assets.get_mut(index.get(AssetId(i as u32))) else {
            t += 1;
            continue;
        };
        if timer_ends(&status, now) {
            end_timers(&mut status, now);
            levels.refresh(i, &status, deps, &mut *facts);
            touched.touch(AssetId(i as u32));
        }
        if has_timer(&status) {
            t += 1;
        } else {
            levels.timed.remove(t);
        }
    }

    let mut changed = false;
    refresh_reserves(levels, deps, now);
    let mut word = 0;
    while word < levels.dirty.len() {
        let bits = levels.dirty[word];
        if bits == 0 {
            word += 1;
            continue;
        }
        levels.dirty[word] = bits & (bits - 1);
        let at = word * 64 + bits.trailing_zeros() as usize;
        let (node, [hard, soft, dependents]) = deps.lists(at);
        let i = node.index as usize;
        let level = match node.path {
            Path::Fine => walk_fine(levels, deps, facts, at, i),
            // Most assets have neither alternatives nor reserves: the same rule, on a simpler
            // iterator (this is the hot loop of a blackout).
            Path::Plain => cascade_level(
                levels.own[i],
                hard.iter().map(|&d| levels.levels[d as usize]),
                soft.iter().map(|&d| levels.levels[d as usize]),
            ),
            Path::Mixed => {
                let reserves = deps.reserve_at[at] as usize..deps.reserve_at[at + 1] as usize;
                cascade_level(
                    levels.own[i],
                    hard.iter()
                        .map(|&d| levels.levels[d as usize])
                        .chain(deps.groups(at).map(|group| {
                            alternatives_level(group.iter().map(|&d| levels.levels[d as usize]))
                        }))
                        .chain(levels.reserve_levels[reserves].iter().copied()),
                    soft.iter().map(|&d| levels.levels[d as usize]),
                )
            }
        };
        if level != levels.levels[i] {
            levels.below_since[i] = below_since(levels.below_since[i], level, now);
            levels.levels[i] = level;
            facts.assets[i].level = level;
            changed = true;
            // One entry per owner and new level, naming the first few that changed in the
            // walk's order. Only the names that will be listed are looked up later: a blackout
            // may change tens of thousands.
            let news = &mut levels.news[node.audience as usize * 3 + level as usize];
            if (news.count as usize) < NAMES_LISTED {
                news.listed[news.count as usize] = i as u32;
            }
            news.count += 1;
            // Dependents come later in the order, so the walk reaches them this tick.
            for &p in dependents {
                levels.dirty[p as usize / 64] |= 1 << (p % 64);
            }
        }
    }
    // A share that moved within `Degraded` changes no level, but the measures read it.
    let shares_moved = std::mem::take(&mut levels.shares_moved);
    if !changed {
        return shares_moved;
    }
    for (cell, news) in levels.news.iter_mut().enumerate() {
        if news.count == 0 {
            continue;
        }
        let level = [Level::Down, Level::Degraded, Level::Normal][cell % 3];
        let listed = news.listed.len().min(news.count as usize);
        let mut names = [""; NAMES_LISTED];
        for (name, &i) in names.iter_mut().zip(&news.listed[..listed]) {
            *name = scenario.assets[i as usize].name.as_str();
        }
        let names = &names[..listed];
        let seq = log.push(
            now,
            EventKind::AssetChanged,
            outage_news(names, news.count as usize, level),
            &deps.audiences[cell / 3],
        );
        let assets = news.listed[..listed].iter().map(|&i| AssetId(i)).collect();
        let total = news.count;
        log.about(
            seq,
            About::Outage {
                assets,
                total,
                level,
            },
        );
        *news = News::default();
    }
    true
}

/// The walk's path for an asset whose level is a [`Share`] (at topological position `at`,
/// index `i`): [`cascade_share`] over its dependencies' shares, its groups of alternatives
/// ([`alternatives_share`]) and of shares ([`shares_level`]) and its reserves. A share that
/// moved is put in the facts, and what depends on the
/// asset is marked (a move within `Degraded` changes no level); returns the level it falls in.
fn walk_fine(
    levels: &mut Levels,
    deps: &Dependencies,
    facts: &mut Facts,
    at: usize,
    i: usize,
) -> Level {
    let of = |d: &u32| share_of(levels, deps, *d as usize);
    let (hard, soft) = deps.hard_and_soft(at);
    let reserves = deps.reserve_at[at] as usize..deps.reserve_at[at + 1] as usize;
    let share = cascade_share(
        Share::of(levels.own[i]),
        hard.iter()
            .map(of)
            .chain(
                deps.groups(at)
                    .map(|g| alternatives_share(g.iter().map(of))),
            )
            .chain(
                deps.share_groups(at)
                    .map(|g| shares_level(g.iter().map(of))),
            )
            .chain(levels.reserve_shares[reserves].iter().copied()),
        soft.iter().map(|&d| levels.levels[d as usize]),
    );
    if share != levels.shares[i] {
        levels.shares[i] = share;
        facts.assets[i].share = Some(share);
        levels.shares_moved = true;
        for &p in deps.dependents_of(at) {
            levels.mark(p);
        }
    }
    share.level()
}

/// Asset `i`'s share as the walk stands: its own for a fine asset, else its level's.
fn share_of(levels: &Levels, deps: &Dependencies, i: usize) -> Share {
    if deps.is_fine(i) {
        levels.shares[i]
    } else {
        Share::of(levels.levels[i])
    }
}

/// Brings each reserve's level up to date for tick `now`, from its supplier as the last tick
/// left it, and marks the assets whose reserve level moved to be walked. Reserves are few
/// (authored one by one), so every one is looked at; no scan of the assets.
fn refresh_reserves(levels: &mut Levels, deps: &Dependencies, now: u32) {
    for (r, &(supplier, lasts)) in deps.reserve.iter().enumerate() {
        let s = supplier as usize;
        let level = reserve_level(levels.levels[s], levels.below_since[s], lasts, now);
        if level != levels.reserve_levels[r] {
            levels.reserve_levels[r] = level;
            levels.mark(deps.reserve_of[r]);
        }
        // With shares about, a reserve run out passes on its supplier's share.
        if !levels.reserve_shares.is_empty() {
            let share = match level {
                Level::Normal => Share::ONE,
                Level::Degraded | Level::Down => share_of(levels, deps, s),
            };
            if share != levels.reserve_shares[r] {
                levels.reserve_shares[r] = share;
                levels.mark(deps.reserve_of[r]);
            }
        }
    }
}

/// Names listed in one outage entry before the rest are counted.
const NAMES_LISTED: usize = 8;

/// "Gate A is down", "Gate A; and Gate B are down", "A; B; …; and 312 more are down": the
/// `names` listed out of `total` that changed. Names are separated by semicolons because asset
/// names may contain commas.
pub fn outage_news(names: &[&str], total: usize, level: Level) -> String {
    let state = match level {
        Level::Normal => "back to normal",
        Level::Degraded => "degraded",
        Level::Down => "down",
    };
    let more = total.saturating_sub(names.len());
    let Some((last, rest)) = names.split_last() else {
        return String::new();
    };
    // Written piece by piece into one string of the right size: a blackout writes a line for
    // every owner.
    let mut out =
        String::with_capacity(names.iter().map(|n| n.len() + 2).sum::<usize>() + state.len() + 24);
    for name in rest {
        out.push_str(name);
        out.push_str("; ");
    }
    if more == 0 {
        if !rest.is_empty() {
            out.push_str("and ");
        }
        out.push_str(last);
        out.push_str(if rest.is_empty() { " is " } else { " are " });
    } else {
        out.push_str(last);
        out.push_str("; and ");
        out.push_str(&more.to_string());
        out.push_str(" more are ");
    }
    out.push_str(state);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::Backups;

    #[test]
    fn touched_assets_are_listed_once_in_the_order_first_touched_and_taken_once() {
        let mut t = Touched::default();
        for i in [70, 3, 70, 129, 3] {
            t.touch(AssetId(i));
        }
        assert!(t.cascade.has(129) && !t.cascade.has(4));
        let list = t.cascade.take();
        assert_eq!(list, vec![70, 3, 129]);
        assert!(!t.cascade.has(70), "taken");
        assert_eq!(t.cascade.take(), Vec::<u32>::new());
        t.cascade.give_back(list);
        t.touch(AssetId(5));
        assert_eq!(t.cascade.take(), vec![5], "the storage comes back empty");
        // Each phase takes its own list.
        assert_eq!(t.detection.take(), vec![70, 3, 129, 5]);
    }

    #[test]
    fn outage_news_lists_a_few_names_and_counts_the_rest() {
        assert_eq!(outage_news(&["Gate A"], 1, Level::Down), "Gate A is down");
        assert_eq!(
            outage_news(&["Gate A", "Gate B", "Gate C"], 3, Level::Degraded),
            "Gate A; Gate B; and Gate C are degraded"
        );
        let many: Vec<String> = (1..=8).map(|i| format!("S{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            outage_news(&many, 10, Level::Normal),
            "S1; S2; S3; S4; S5; S6; S7; S8; and 2 more are back to normal"
        );
        assert_eq!(
            outage_news(&["S1"], 2, Level::Down),
            "S1; and 1 more are down"
        );
    }

    #[test]
    fn own_level_is_down_for_every_kind_of_damage() {
        assert_eq!(own_level(&AssetStatus::default()), Level::Normal);
        let cases: [fn(&mut AssetStatus); 6] = [
            |s| s.isolated = true,
            |s| s.encrypted = true,
            |s| s.wiped = true,
            |s| s.failed = true,
            |s| s.disrupted_until = Some(4),
            |s| s.restoring_until = Some(4),
        ];
        for set in cases {
            let mut s = AssetStatus::default();
            set(&mut s);
            assert_eq!(own_level(&s), Level::Down);
        }
        let mut s = AssetStatus::default();
        s.compromises.push(Compromise {
            campaign: CampaignId(0),
            stage: 0,
            since: 0,
            detection: 0.1,
            known_to_owner: false,
        });
        assert_eq!(
            own_level(&s),
            Level::Normal,
            "a hidden intruder does not stop the service"
        );
    }

    #[test]
    fn hard_dependencies_pass_their_level_and_soft_ones_degrade() {
        use Level::*;
        let none = || std::iter::empty();
        assert_eq!(
            cascade_level(Normal, [Normal, Down].into_iter(), none()),
            Down
        );
        assert_eq!(
            cascade_level(Normal, [Degraded].into_iter(), none()),
            Degraded
        );
        assert_eq!(cascade_level(Normal, none(), [Down].into_iter()), Degraded);
        assert_eq!(
            cascade_level(Normal, none(), [Degraded].into_iter()),
            Normal
        );
        assert_eq!(cascade_level(Down, none(), [Normal].into_iter()), Down);
    }

    #[test]
    fn alternatives_pass_on_the_best_of_their_members() {
        use Level::*;
        assert_eq!(alternatives_level([Down, Normal].into_iter()), Normal);
        assert_eq!(alternatives_level([Down, Degraded].into_iter()), Degraded);
        assert_eq!(alternatives_level([Down, Down].into_iter()), Down);
        // A group passes on its level like a hard dependency.
        let none = || std::iter::empty();
        let group = alternatives_level([Down, Degraded].into_iter());
        assert_eq!(cascade_level(Normal, [group].into_iter(), none()), Degraded);
    }

    #[test]
    fn shares_average_their_members_and_the_three_levels_keep_their_rules() {
        use Level::*;
        let one = Share::ONE;
        let of = Share::of;
        assert_eq!(
            shares_level([one, one, Share::NONE].into_iter()),
            Share(480_480)
        );
        assert_eq!(Share(480_480).percent(), 67);
        assert_eq!(Share(480_480).level(), Degraded);
        assert_eq!(
            shares_level([one, of(Degraded)].into_iter()),
            Share(540_540),
            "a degraded share gives half of its part"
        );
        assert_eq!(
            shares_level([Share::NONE, Share::NONE].into_iter()).level(),
            Down
        );
        // On the shares of the three levels, the rules are those of the levels.
        let levels = [Down, Degraded, Normal];
        for own in levels {
            for hard in levels {
                for soft in levels {
                    assert_eq!(
                        cascade_share(of(own), [of(hard)].into_iter(), [soft].into_iter()),
                        of(cascade_level(own, [hard].into_iter(), [soft].into_iter())),
                    );
                    assert_eq!(
                        alternatives_share([of(hard), of(soft)].into_iter()),
                        of(alternatives_level([hard, soft].into_iter())),
                    );
                }
            }
        }
        assert_eq!(
            cascade_share(one, [Share(480_480)].into_iter(), [Down].into_iter()),
            Share(480_480),
            "a soft dependency halves only a whole service"
        );
    }

    #[test]
    fn a_reserve_carries_the_asset_for_its_time_then_passes_the_level_on() {
        use Level::*;
        // Down since tick 10, a reserve of 4 ticks: normal up to tick 13, down from 14.
        assert_eq!(reserve_level(Down, Some(10), 4, 11), Normal);
        assert_eq!(reserve_level(Down, Some(10), 4, 13), Normal);
        assert_eq!(reserve_level(Down, Some(10), 4, 14), Down);
        assert_eq!(reserve_level(Degraded, Some(10), 4, 20), Degraded);
        assert_eq!(reserve_level(Normal, None, 4, 20), Normal);
        assert_eq!(
            reserve_level(Normal, Some(10), 4, 20),
            Normal,
            "a supplier back to normal passes nothing on"
        );
    }

    #[test]
    fn the_count_below_normal_starts_at_the_fall_and_ends_at_the_return() {
        use Level::*;
        assert_eq!(below_since(None, Degraded, 5), Some(5));
        assert_eq!(below_since(Some(5), Down, 8), Some(5), "still below normal");
        assert_eq!(below_since(Some(5), Normal, 9), None);
    }

    /// A small World with only the clock and the cascade: pumps that run on the grid or a
    /// generator, and a grid whose control centre is cooled by the pumps' water, with a tank
    /// that lasts two hours (a cycle through a reserve).
    mod system {
        use super::super::*;
        use crate::scenario::model::Scenario;
        use crate::sim::{State, clock, state};
        use std::sync::Arc;

        /// The Clock and Cascade phases alone, as `sim::tick` runs them.
        fn clock_and_cascade(
            mut state: ResMut<State>,
            mut assets: ParamSet<(Query<&mut AssetStatus>, AllAssets)>,
        ) {
            let p = &mut *state;
            clock::advance_clock(&mut p.clock, &mut p.facts, &mut p.log, &p.scenario);
            {
                let all = assets.p1();
                take_in_changes(
                    &p.dependencies,
                    &mut p.levels,
                    &mut p.facts,
                    &p.asset_index,
                    &all,
                    &mut p.touched,
                );
            }
            propagate_outages(
                &p.scenario,
                &p.clock,
                &p.dependencies,
                &p.asset_index,
                &mut p.levels,
                &mut p.facts,
                &mut p.log,
                &mut assets.p0(),
                &mut p.touched,
            );
        }

        const TEXT: &str = r#"Scenario(
    format: 2,
    meta: (id: "cycle", title: "Power and water", summary: "A test."),
    clock: (start: "2027-05-10T00:00:00+09:00", tick: "1h", length: "1d"),
    teams: [(id: "u", name: "Utility", kind: Operator)],
    assets: [
        (id: "grid", name: "Grid feed", owner: "u", depends_on: ["control"]),
        (id: "gen", name: "Generator", owner: "u"),
        (id: "pumps", name: "Pumps", owner: "u", depends_on_any: [["grid", "gen"]]),
        (id: "control", name: "Grid control centre", owner: "u",
         depends_on_reserve: [(asset: "pumps", lasts: "2h")]),
    ],
)"#;

        fn world() -> (World, Schedule, Arc<Scenario>) {
            world_of(TEXT)
        }

        fn world_of(text: &str) -> (World, Schedule, Arc<Scenario>) {
            let s = Arc::new(crate::scenario::parse(text, "cycle.ron").expect("loads"));
            let mut world = World::new();
            state::populate(&mut world, s.clone(), 0);
            let mut schedule = Schedule::default();
            schedule.add_systems(clock_and_cascade);
            (world, schedule, s)
        }

        fn set(world: &mut World, s: &Scenario, id: &str, failed: bool) {
            let a = s.asset_index(id).unwrap();
            let e = world.resource::<State>().asset_index.get(a);
            world.get_mut::<AssetStatus>(e).unwrap().failed = failed;
            // As `Statuses::get_mut` does for the phases.
            world.resource_mut::<State>().touched.touch(a);
        }

        /// A status changed behind the touched list's back stops a debug build at the next
        /// cascade, instead of being missed.
        #[test]
        #[cfg(debug_assertions)]
        #[should_panic(expected = "changed without Statuses::get_mut")]
        fn a_status_changed_without_touching_it_is_caught() {
            let (mut world, mut schedule, s) = world();
            schedule.run(&mut world);
            let e = world
                .resource::<State>()
                .asset_index
                .get(s.asset_index("gen").unwrap());
            world.get_mut::<AssetStatus>(e).unwrap().failed = true;
            schedule.run(&mut world);
        }

        fn level(world: &World, s: &Scenario, id: &str) -> Level {
            world.resource::<State>().facts.assets[s.asset_index(id).unwrap().index()].level
        }

        /// The asset's share of normal service, as the facts give it.
        fn share(world: &World, s: &Scenario, id: &str) -> f64 {
            let a = s.asset_index(id).unwrap();
            world.resource::<State>().facts.assets[a.index()].fraction()
        }

        /// A feeder carried by three substations in equal shares, a hospital that cannot work
        /// without the feeder, a clinic that only uses it, and a ward block on the hospital or
        /// a generator.
        const SHARES: &str = r#"Scenario(
    format: 2,
    meta: (id: "shares", title: "Three substations", summary: "A test."),
    clock: (start: "2027-05-10T00:00:00+09:00", tick: "1h", length: "1d"),
    teams: [(id: "u", name: "Utility", kind: Operator)],
    assets: [
        (id: "a", name: "Substation A", owner: "u"),
        (id: "b", name: "Substation B", owner: "u"),
        (id: "c", name: "Substation C", owner: "u"),
        (id: "feeder", name: "Feeder", owner: "u", depends_on_shares: [["a", "b", "c"]]),
        (id: "hospital", name: "Hospital", owner: "u", depends_on: ["feeder"]),
        (id: "clinic", name: "Clinic", owner: "u", uses: ["feeder"]),
        (id: "gen", name: "Generator", owner: "u"),
        (id: "wards", name: "Wards", owner: "u", depends_on_any: [["hospital", "gen"]]),
    ],
)"#;

        #[test]
        fn losing_one_share_of_three_leaves_two_thirds_and_passes_it_on() {
            let (mut world, mut schedule, s) = world_of(SHARES);
            let third = 1.0 / 3.0;
            schedule.run(&mut world); // tick 0
            assert_eq!(share(&world, &s, "feeder"), 1.0);
            set(&mut world, &s, "a", true);
            schedule.run(&mut world);
            assert_eq!(level(&world, &s, "feeder"), Level::Degraded);
            assert!((share(&world, &s, "feeder") - 2.0 * third).abs() < 1e-9);
            assert!(
                (share(&world, &s, "hospital") - 2.0 * third).abs() < 1e-9,
                "a hard dependency passes its share on"
            );
            assert_eq!(
                share(&world, &s, "clinic"),
                1.0,
                "a soft one only when down"
            );
            assert_eq!(
                share(&world, &s, "wards"),
                1.0,
                "the generator carries them"
            );
            set(&mut world, &s, "b", true);
            set(&mut world, &s, "gen", true);
            schedule.run(&mut world);
            assert_eq!(level(&world, &s, "feeder"), Level::Degraded);
            assert!((share(&world, &s, "hospital") - third).abs() < 1e-9);
            assert!(
                (share(&world, &s, "wards") - third).abs() < 1e-9,
                "the better of the hospital and the generator"
            );
            set(&mut world, &s, "c", true);
            schedule.run(&mut world);
            assert_eq!(level(&world, &s, "feeder"), Level::Down);
            assert_eq!(share(&world, &s, "hospital"), 0.0);
            assert_eq!(level(&world, &s, "clinic"), Level::Degraded);
            assert_eq!(share(&world, &s, "clinic"), 0.5);
            assert_eq!(level(&world, &s, "wards"), Level::Down);
            for id in ["a", "b", "c", "gen"] {
                set(&mut world, &s, id, false);
            }
            schedule.run(&mut world);
            for id in ["feeder", "hospital", "clinic", "wards"] {
                assert_eq!(level(&world, &s, id), Level::Normal, "{id}");
                assert_eq!(share(&world, &s, id), 1.0, "{id}");
            }
        }

        #[test]
        fn assets_that_no_share_reaches_keep_the_three_levels() {
            let (mut plain, mut schedule, _) = world();
            schedule.run(&mut plain);
            assert!(plain.resource::<State>().dependencies.fine.is_empty());
            assert!(plain.resource::<State>().levels.shares.is_empty());
            let (mut w, mut schedule, s) = world_of(SHARES);
            schedule.run(&mut w);
            set(&mut w, &s, "gen", true);
            schedule.run(&mut w);
            let gen_at = s.asset_index("gen").unwrap().index();
            assert_eq!(w.resource::<State>().facts.assets[gen_at].share, None);
            assert_eq!(level(&w, &s, "gen"), Level::Down);
        }

        #[test]
        fn a_backup_carries_the_pumps_and_a_reserve_runs_out_around_a_cycle() {
            let (mut world, mut schedule, s) = world();
            schedule.run(&mut world); // tick 0
            set(&mut world, &s, "grid", true);
            schedule.run(&mut world); // tick 1
            assert_eq!(level(&world, &s, "grid"), Level::Down);
            assert_eq!(
                level(&world, &s, "pumps"),
                Level::Normal,
                "the generator runs them"
            );
            set(&mut world, &s, "grid", false);
            set(&mut world, &s, "gen", true);
            set(&mut world, &s, "pumps", true);
            schedule.run(&mut world); // tick 2: the pumps fail, the tank starts to drain
            assert_eq!(level(&world, &s, "pumps"), Level::Down);
            assert_eq!(level(&world, &s, "control"), Level::Normal);
            schedule.run(&mut world); // tick 3
            assert_eq!(
                level(&world, &s, "control"),
                Level::Normal,
                "the tank lasts 2h"
            );
            set(&mut world, &s, "pumps", false);
            schedule.run(&mut world); // tick 4: the tank is dry; the grid goes with its control
            assert_eq!(level(&world, &s, "control"), Level::Down);
            assert_eq!(level(&world, &s, "grid"), Level::Down);
            assert_eq!(
                level(&world, &s, "pumps"),
                Level::Down,
                "repaired, but with neither the grid nor the generator"
            );
            for _ in 0..3 {
                schedule.run(&mut world);
            }
            assert_eq!(
                level(&world, &s, "grid"),
                Level::Down,
                "a black start is needed"
            );
            set(&mut world, &s, "gen", false);
            schedule.run(&mut world); // the generator restarts the pumps at once
            assert_eq!(level(&world, &s, "pumps"), Level::Normal);
            assert_eq!(
                level(&world, &s, "grid"),
                Level::Down,
                "control reads last tick's water"
            );
            schedule.run(&mut world);
            assert_eq!(level(&world, &s, "control"), Level::Normal);
            assert_eq!(level(&world, &s, "grid"), Level::Normal);
        }
    }

    #[test]
    fn a_decryptor_beats_missing_backups_and_says_whose_it_is() {
        let paid = restore_path(Some(true), false);
        let obtained = restore_path(Some(false), false);
        assert_eq!(obtained, RestorePath::Decrypt { paid: false });
        assert!(paid.is_fast() && obtained.is_fast());
        assert_ne!(paid.words(), obtained.words());
        assert_eq!(restore_path(None, true), RestorePath::Backup);
        assert_eq!(restore_path(None, false), RestorePath::Rebuild);
        assert!(!RestorePath::Rebuild.is_fast());
    }

    #[test]
    fn a_restore_under_way_is_started_again_only_for_a_sooner_one() {
        assert_eq!(sooner_restore(None, 40), None, "nothing under way");
        assert_eq!(
            sooner_restore(Some(100), 40),
            None,
            "a decryptor beats the rebuild"
        );
        assert_eq!(
            sooner_restore(Some(30), 40),
            Some(30),
            "the backup restore goes on"
        );
        assert_eq!(
            sooner_restore(Some(40), 40),
            Some(40),
            "no gain, no restart"
        );
    }

    #[test]
    fn clean_backups_need_depth_beyond_the_intrusion_unless_offline() {
        let posture = |depth_days, offline| Posture {
            backups: Backups {
                depth_days,
                offline,
            },
            ..Posture::default()
        };
        let day = 24 * 60;
        assert!(clean_backup(&posture(3, false), false, Some(2 * day)));
        assert!(
            !clean_backup(&posture(3, false), false, Some(4 * day)),
            "every backup holds the intruder"
        );
        assert!(
            !clean_backup(&posture(3, false), true, Some(60)),
            "destroyed by the intruder"
        );
        assert!(
            clean_backup(&posture(3, true), true, Some(30 * day)),
            "offline copies survive"
        );
        assert!(
            !clean_backup(&posture(0, true), false, None),
            "no backups at all"
        );
        assert!(clean_backup(&posture(3, false), false, None));
    }
}
