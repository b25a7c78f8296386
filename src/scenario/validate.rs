//! Stage two of loading: turns the serde mirror into the validated model, resolving every
//! reference and checking meaning, and collects every problem (with a path to the offending value)
//! rather than stopping at the first.

mod actions;
mod adversary;
mod assets;
mod compact;
mod conditions;
mod graph;
mod hours;
mod law;
mod reach;
mod syntax;
mod texts;

pub use texts::path as text_path;

use std::collections::HashMap;
use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};
use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, Diagnostics};
use super::model::{self, Decisions, Measure, Scenario, ServiceMeasureId, TeamId};
use super::raw;
use super::source_map::{MAX_NESTING, Path, SourceMap, Span, too_deep};
use crate::simtime::{Clock, MAX_TICKS, MAX_YEAR, Minutes, parse_datetime};
use compact::Strings;

/// The most items any list of a scenario or decisions file may hold (assets, injects, stages of
/// one campaign...): checks and runs stay fast on any file that validates.
pub const MAX_LIST: usize = 10_000;

/// The longest chain of assets each depending on (or using) the next.
pub const MAX_DEPTH: usize = 200;

/// The newest format version this build reads: a file says `format: 2` to use its constructs.
pub const FORMAT: u32 = 2;

/// The longest `meta.id`: it names session journals, so it is a bounded slug.
pub const MAX_ID_LEN: usize = 64;

/// Whether an id can be part of a file name anywhere: 1 to [`MAX_ID_LEN`] ASCII letters, digits,
/// `-`, `_` and `.`, starting with a letter or digit (so never `.`, `..` or a hidden name).
pub fn is_slug(id: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    id.len() <= MAX_ID_LEN
        && id.starts_with(|c: char| c.is_ascii_alphanumeric())
        && id.chars().all(ok)
}

/// A scenario file as stage one reads it: the file's structs, but the assets in their compact
/// form.
type Raw = raw::Scenario<compact::Assets>;

/// Parses and validates a scenario whose lists hold at most `max_list` items each.
pub(super) fn scenario(source: &str, file: &str, max_list: usize) -> Result<Scenario, Diagnostics> {
    let source = without_bom(source);
    let mut raw: Raw = parse_ron(source, file)?;
    let mut cx = Cx::new(Names::of_raw(&mut raw), &raw.clock);
    cx.nations = raw.teams.iter().map(|t| t.nation.clone()).collect();
    cx.nations.sort();
    cx.nations.dedup();
    cx.set_format(raw.format, "Scenario");
    list_sizes(&mut cx, &raw, max_list);
    if !is_slug(&raw.meta.id) {
        cx.error(
            &Path::root().field("meta").field("id"),
            format!(
                "the scenario id {:?} cannot name a session file: it must be 1 to {MAX_ID_LEN} \
                 letters, digits, '-', '_' or '.', starting with a letter or digit",
                raw.meta.id
            ),
            Some("write a short slug, e.g. \"nagoya-port-ransomware\"".into()),
        );
    }
    let model = assemble(&mut cx, raw);
    if cx.problems.is_empty() {
        reach::check(&mut cx, &model);
    }
    cx.finish(source, file).map(|()| model)
}

/// Parses and validates a decisions file against the scenario it scripts.
pub(super) fn decisions(
    source: &str,
    file: &str,
    scenario: &Scenario,
) -> Result<Decisions, Diagnostics> {
    let source = without_bom(source);
    let raw: raw::Decisions = parse_ron(source, file)?;
    let mut cx = Cx::from_model(scenario);
    cx.set_format(raw.format, "Decisions");
    let root = Path::root();
    if raw.scenario != scenario.meta.id {
        cx.error(
            &root.field("scenario"),
            format!(
                "these decisions are for scenario \"{}\", not \"{}\"",
                raw.scenario, scenario.meta.id
            ),
            Some(format!(
                "write scenario: \"{}\", or load the scenario they were written for",
                scenario.meta.id
            )),
        );
    }
    for (field, len) in [
        ("prior", raw.prior.len()),
        ("decisions", raw.decisions.len()),
    ] {
        if len > MAX_LIST {
            cx.error(
                &root.field(field).index(MAX_LIST),
                format!("this list has {len} items, more than the limit of {MAX_LIST}"),
                Some(format!("keep each list to at most {MAX_LIST} items")),
            );
        }
    }
    let prior = decision_list(&mut cx, scenario, raw.prior, "prior", "preparation");
    let decisions = decision_list(&mut cx, scenario, raw.decisions, "decisions", "decision");
    cx.finish(source, file)?;
    Ok(Decisions {
        scenario: raw.scenario,
        description: raw.description,
        prior,
        decisions,
    })
}

/// The error for a decisions file whose scenario is not among `known` (the scenarios given with
/// it and the built-in ones): at its `scenario` field, with the closest known id. A file that
/// does not parse gets its syntax error instead.
pub(super) fn decisions_for_unknown(source: &str, file: &str, known: &[String]) -> Diagnostics {
    let raw: raw::Decisions = match parse_ron(source, file) {
        Ok(raw) => raw,
        Err(d) => return d,
    };
    let id = raw.scenario;
    let hint = match did_you_mean(&id, known.iter().map(String::as_str)) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None => format!(
            "give the scenario file too (kunren validate SCENARIO {file}); known scenarios: {}",
            known
                .iter()
                .map(|k| format!("\"{k}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let span = SourceMap::new(source).span(&Path::root().field("scenario"));
    let message =
        format!("these decisions are for scenario \"{id}\", which is neither given nor built in");
    Diagnostics {
        file: file.to_string(),
        source: source.to_string(),
        items: vec![Diagnostic::new(file, source, span, message, Some(hint))],
    }
}

/// Resolves a list of decisions; preparation (`prior`) happens before the clock starts, so it
/// takes no time or condition.
fn decision_list(
    cx: &mut Cx,
    scenario: &Scenario,
    list: Vec<raw::Decision>,
    field: &'static str,
    noun: &str,
) -> Vec<(TeamId, model::Rule)> {
    let root = Path::root();
    let mut out = Vec::new();
    for (i, decision) in list.into_iter().enumerate() {
        let path = root.field(field).index(i);
        let ctx = format!("{noun} #{}", i + 1);
        let team = cx.resolve(Kind::Team, &decision.team, &path.field("team"), &ctx);
        let (_, rule) = decision.into_rule();
        if field == "prior" {
            for (name, given) in [
                ("at", rule.at.is_some()),
                ("when", rule.when.is_some()),
                ("after", rule.after.is_some()),
                ("refuse", rule.refuse),
            ] {
                if given {
                    cx.error(
                        &path.field(name),
                        format!("{ctx} is done before the exercise begins and takes no `{name}`"),
                        Some(format!("remove `{name}`, or move this line to `decisions`")),
                    );
                }
            }
        }
        let rule = actions::rule(
            cx,
            &scenario.actions,
            &scenario.assets,
            team,
            &rule,
            &path,
            &ctx,
        );
        out.push((TeamId(team.unwrap_or(0)), rule));
    }
    out
}

/// Reports every list longer than `max_list` ([`MAX_LIST`] for any file a user gives), at its
/// item just past the limit.
fn list_sizes(cx: &mut Cx, raw: &Raw, max_list: usize) {
    let root = Path::root();
    let mut lists: Vec<(Path, usize)> = vec![
        (root.field("clock").field("phases"), raw.clock.phases.len()),
        (root.field("teams"), raw.teams.len()),
        (root.field("assets"), raw.assets.len()),
        (root.field("campaigns"), raw.campaigns.len()),
        (root.field("actions"), raw.actions.len()),
        (root.field("intel"), raw.intel.len()),
        (root.field("injects"), raw.injects.len()),
        (root.field("objectives"), raw.objectives.len()),
    ];
    for (i, c) in raw.campaigns.iter().enumerate() {
        lists.push((
            root.field("campaigns").index(i).field("stages"),
            c.stages.len(),
        ));
    }
    for (path, len) in lists {
        if len > max_list {
            cx.error(
                &path.index(max_list),
                format!("this list has {len} items, more than the limit of {max_list}"),
                Some(format!("keep each list to at most {max_list} items")),
            );
        }
    }
}

/// A text without the UTF-8 byte-order mark some editors (and spreadsheet exports) put first.
/// Positions in diagnostics count from after it.
pub(super) fn without_bom(source: &str) -> &str {
    source.strip_prefix('\u{feff}').unwrap_or(source)
}

fn parse_ron<T: DeserializeOwned>(source: &str, file: &str) -> Result<T, Diagnostics> {
    if let Some(at) = too_deep(source, MAX_NESTING) {
        let span = Span::at(source, at, at + 1);
        return Err(Diagnostics {
            file: file.to_string(),
            source: source.to_string(),
            items: vec![Diagnostic::new(
                file,
                source,
                span,
                format!("values nest deeper than {MAX_NESTING} levels here"),
                Some(format!(
                    "a scenario nests a few levels deep; look for brackets opened and never closed before this point (at most {MAX_NESTING} levels)"
                )),
            )],
        });
    }
    ron::Options::default()
        .from_str::<T>(source)
        .map_err(|e| Diagnostics {
            file: file.to_string(),
            source: source.to_string(),
            items: vec![syntax::diagnostic(source, file, &e)],
        })
}

fn assemble(cx: &mut Cx, mut raw: Raw) -> Scenario {
    let root = Path::root();
    let phases = assets::phases(cx, &raw.clock.phases, &root.field("clock").field("phases"));
    let teams = assets::teams(cx, &raw.teams);
    let service_measures = assets::service_measures(cx, &raw.assets);
    assets::assets(cx, &mut raw.assets, &service_measures);
    let topo_order = assets::topo_order(cx, &raw.assets);
    let campaigns = adversary::campaigns(cx, &raw, &teams);
    let actions = actions::actions(cx, &raw);
    let intel = actions::intel(cx, &raw.intel);
    let injects = actions::injects(cx, &raw.injects);
    let objectives = actions::objectives(cx, &raw.objectives);
    let teams = actions::doctrine(cx, &raw.teams, teams, &actions, &raw.assets.models);
    assets::measures(cx, &raw.measures);
    let levels = law::levels(cx, &raw.levels);
    let ja = texts::japanese(cx, &raw);
    if raw.rules.evict_before_restore {
        cx.needs_v2(
            &root.field("rules").field("evict_before_restore"),
            "the rule `evict_before_restore`",
        );
    }
    // The ids go back from the index of names into the model, and the rest of the compact
    // form is dropped.
    let ids = std::mem::take(&mut cx.names.assets);
    let assets = raw.assets.into_models(&ids);
    drop(ids);
    Scenario {
        format: cx.format,
        meta: raw.meta,
        clock: cx.clock.clone(),
        phases,
        teams,
        assets,
        campaigns,
        actions,
        intel,
        injects,
        objectives,
        measures: model::MeasureSettings {
            public_trust: raw.measures.public_trust,
            trust_loss_per_hour: raw.measures.trust_loss_per_hour,
            trust_loss_per_100k_records: raw.measures.trust_loss_per_100k_records,
            currency: raw.measures.currency,
        },
        service_measures,
        topo_order,
        rules: raw.rules,
        levels,
        ja,
    }
}

/// Kinds of things a scenario names by id.
const KINDS: [Kind; 10] = [
    Kind::Team,
    Kind::Asset,
    Kind::Campaign,
    Kind::Action,
    Kind::Intel,
    Kind::Inject,
    Kind::Objective,
    Kind::Phase,
    Kind::Measure,
    Kind::Level,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Team,
    Asset,
    Campaign,
    Action,
    Intel,
    Inject,
    Objective,
    Phase,
    Measure,
    Level,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Team => "team",
            Kind::Asset => "asset",
            Kind::Campaign => "campaign",
            Kind::Action => "action",
            Kind::Intel => "intel item",
            Kind::Inject => "inject",
            Kind::Objective => "objective",
            Kind::Phase => "phase",
            Kind::Measure => "measure",
            Kind::Level => "crisis level",
        }
    }
}

/// The ids of everything in a scenario, in file order, for resolving references.
#[derive(Debug, Default)]
pub(super) struct Names {
    teams: Vec<String>,
    /// Packed: a scenario may have 100,000 assets.
    assets: Strings,
    campaigns: Vec<String>,
    actions: Vec<String>,
    intel: Vec<String>,
    injects: Vec<String>,
    objectives: Vec<String>,
    phases: Vec<String>,
    /// Built-in measures, then service measures.
    measures: Vec<String>,
    /// Crisis levels (format 2).
    levels: Vec<String>,
    /// Stage ids of each campaign.
    stages: Vec<Vec<String>>,
    /// Index of the first item with each id, by kind and hash of the id, so that resolving a
    /// reference does not scan the list (a scenario may have 100,000 assets) and no id is
    /// held twice.
    lookup: Vec<HashTable<u32>>,
    hasher: DefaultHashBuilder,
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|t| id(t).to_string()).collect()
}

fn measure_names(service: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = Measure::BUILT_IN
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    for m in service {
        if !v.contains(&m) {
            v.push(m);
        }
    }
    v
}

impl Names {
    /// The names of a file's items; the assets' ids are taken from their compact form, to be
    /// given back to the model at the end.
    fn of_raw(raw: &mut Raw) -> Self {
        Names {
            teams: ids(&raw.teams, |t| &t.id),
            assets: std::mem::take(&mut raw.assets.ids),
            campaigns: ids(&raw.campaigns, |t| &t.id),
            actions: ids(&raw.actions, |t| &t.id),
            intel: ids(&raw.intel, |t| &t.id),
            injects: ids(&raw.injects, |t| &t.id),
            objectives: ids(&raw.objectives, |t| &t.id),
            phases: ids(&raw.clock.phases, |t| &t.id),
            measures: measure_names(raw.assets.services().map(|s| s.measure.to_string())),
            levels: ids(&raw.levels, |l| &l.id),
            stages: raw
                .campaigns
                .iter()
                .map(|c| ids(&c.stages, |s| &s.id))
                .collect(),
            lookup: Vec::new(),
            hasher: DefaultHashBuilder::default(),
        }
        .indexed()
    }

    fn of_model(s: &Scenario) -> Self {
        Names {
            teams: ids(&s.teams, |t| &t.id),
            assets: s.assets.iter().map(|a| a.id.as_str()).collect(),
            campaigns: ids(&s.campaigns, |t| &t.id),
            actions: ids(&s.actions, |t| &t.id),
            intel: ids(&s.intel, |t| &t.id),
            injects: ids(&s.injects, |t| &t.id),
            objectives: ids(&s.objectives, |t| &t.id),
            phases: ids(&s.phases, |t| &t.id),
            measures: measure_names(s.service_measures.iter().map(|m| m.id.clone())),
            levels: ids(&s.levels, |l| &l.id),
            stages: s
                .campaigns
                .iter()
                .map(|c| ids(&c.stages, |s| &s.id))
                .collect(),
            lookup: Vec::new(),
            hasher: DefaultHashBuilder::default(),
        }
        .indexed()
    }

    fn indexed(mut self) -> Self {
        self.lookup = KINDS
            .iter()
            .map(|k| {
                let list = self.list(*k);
                let hash = |i: &u32| self.hasher.hash_one(list.get(*i as usize));
                let mut table = HashTable::with_capacity(list.len());
                for (i, id) in list.iter().enumerate() {
                    let h = self.hasher.hash_one(id);
                    // The first of duplicate ids is the one found.
                    if table.find(h, |&j| list.get(j as usize) == id).is_none() {
                        table.insert_unique(h, i as u32, hash);
                    }
                }
                table
            })
            .collect();
        self
    }

    /// Index of the first item of a kind with this id.
    fn find(&self, kind: Kind, id: &str) -> Option<u32> {
        let slot = KINDS.iter().position(|k| *k == kind)?;
        let list = self.list(kind);
        self.lookup
            .get(slot)?
            .find(self.hasher.hash_one(id), |&i| list.get(i as usize) == id)
            .copied()
    }

    fn list(&self, kind: Kind) -> List<'_> {
        let each = |v| List::Each(v);
        match kind {
            Kind::Team => each(&self.teams),
            Kind::Asset => List::Packed(&self.assets),
            Kind::Campaign => each(&self.campaigns),
            Kind::Action => each(&self.actions),
            Kind::Intel => each(&self.intel),
            Kind::Inject => each(&self.injects),
            Kind::Objective => each(&self.objectives),
            Kind::Phase => each(&self.phases),
            Kind::Measure => each(&self.measures),
            Kind::Level => each(&self.levels),
        }
    }

    /// The id of asset `i` ("" past the end), for messages.
    pub(super) fn asset(&self, i: usize) -> &str {
        self.assets.get(i).unwrap_or_default()
    }

    pub(super) fn measure(&self, i: u32) -> Measure {
        match Measure::BUILT_IN.get(i as usize) {
            Some((_, m)) => *m,
            None => Measure::Throughput(ServiceMeasureId(
                i.saturating_sub(Measure::BUILT_IN.len() as u32),
            )),
        }
    }
}

/// The ids of one kind, in file order: a `String` each, or packed (the assets).
#[derive(Clone, Copy)]
enum List<'a> {
    Each(&'a [String]),
    Packed(&'a Strings),
}

impl<'a> List<'a> {
    fn len(self) -> usize {
        match self {
            List::Each(v) => v.len(),
            List::Packed(s) => s.len(),
        }
    }

    /// The id at `i`, "" past the end.
    fn get(self, i: usize) -> &'a str {
        match self {
            List::Each(v) => v.get(i).map_or("", String::as_str),
            List::Packed(s) => s.get(i).unwrap_or_default(),
        }
    }

    fn iter(self) -> impl ExactSizeIterator<Item = &'a str> + Clone {
        (0..self.len()).map(move |i| self.get(i))
    }
}

/// A problem found, located by a logical path until the source map turns it into a span.
#[derive(Debug)]
struct Problem {
    path: Path,
    message: String,
    hint: Option<String>,
}

/// Validation context: the names to resolve against, the clock, and the problems found so far.
pub(super) struct Cx {
    pub(super) names: Names,
    pub(super) clock: Clock,
    /// The exercise's length as written, for messages; `None` when it is not a duration (that is
    /// reported once, and nothing is checked against a length that is not known).
    length: Option<Minutes>,
    /// The nations the teams belong to (their `nation` codes), which releasability names.
    pub(super) nations: Vec<String>,
    /// The file's format version (1 when it names none).
    pub(super) format: u32,
    /// The name of the file's top-level struct, for the hint to add `format: 2`.
    top: &'static str,
    problems: Vec<Problem>,
}

impl Cx {
    fn new(names: Names, raw: &raw::Clock) -> Self {
        let mut cx = Cx {
            names,
            clock: fallback_clock(),
            length: None,
            nations: Vec::new(),
            format: 1,
            top: "Scenario",
            problems: Vec::new(),
        };
        cx.clock = cx.build_clock(raw, &Path::root().field("clock"));
        cx
    }

    fn from_model(s: &Scenario) -> Self {
        let length = s.clock.elapsed(s.clock.end_tick);
        Cx {
            names: Names::of_model(s),
            clock: s.clock.clone(),
            length: Some(length),
            nations: s.teams.iter().map(|t| t.nation.clone()).collect(),
            format: 1,
            top: "Decisions",
            problems: Vec::new(),
        }
    }

    /// Reads the file's `format`: absent is 1; a version this build does not know is reported
    /// (and the file read as the newest it knows, so its other problems still show).
    fn set_format(&mut self, format: u32, top: &'static str) {
        self.top = top;
        self.format = match format {
            1..=FORMAT => format,
            v => {
                self.error(
                    &Path::root().field("format"),
                    format!("format {v} is not one this version of kunren reads (1 to {FORMAT})"),
                    Some(format!(
                        "write `format: {FORMAT}`, or leave `format` out for format 1"
                    )),
                );
                FORMAT
            }
        };
    }

    /// Reports a construct of format 2 (`what`, at `path`) in a file that has not said
    /// `format: 2`.
    pub(super) fn needs_v2(&mut self, path: &Path, what: &str) {
        if self.format >= 2 {
            return;
        }
        let top = self.top;
        self.error(
            path,
            format!("{what} belongs to format 2, but this file does not say `format: 2`"),
            Some(format!(
                "add `format: 2,` as the first field of `{top}(...)` at the top of the file"
            )),
        );
    }

    fn build_clock(&mut self, raw: &raw::Clock, path: &Path) -> Clock {
        let mut clock = fallback_clock();
        match parse_datetime(&raw.start) {
            Ok(start) => clock.start = start,
            Err(e) => self.error(&path.field("start"), format!("clock start: {e}"), None),
        }
        let tick = self.duration(&path.field("tick"), &raw.tick, "clock tick");
        if tick == Some(Minutes(0)) {
            self.error(
                &path.field("tick"),
                "the clock's tick is zero",
                Some("use a positive tick, e.g. \"15m\"".into()),
            );
        } else if let Some(tick) = tick {
            clock.tick = tick;
        }
        let length = self.duration(&path.field("length"), &raw.length, "clock length");
        if let (Some(length), Some(tick)) = (length, tick.filter(|t| t.0 > 0))
            && length < tick
        {
            self.error(
                &path.field("length"),
                format!(
                    "the exercise length \"{}\" is shorter than one tick ({tick})",
                    raw.length
                ),
                Some("make clock.length at least one tick, e.g. \"5d\"".into()),
            );
        }
        self.length = length;
        let parsed = length.is_some();
        let length = length.unwrap_or(Minutes(0));
        clock.end_tick = clock.ticks(length);
        let too_long = clock.end_tick > MAX_TICKS;
        if too_long {
            self.error(
                &path.field("length"),
                format!(
                    "the exercise length \"{}\" is {} ticks of {}, more than the limit of {MAX_TICKS}",
                    raw.length, clock.end_tick, clock.tick
                ),
                Some(format!(
                    "shorten clock.length or lengthen clock.tick so that length / tick is at most {MAX_TICKS}"
                )),
            );
            clock.end_tick = MAX_TICKS;
        }
        let end = clock
            .start
            .checked_add(time::Duration::minutes(i64::from(length.0)));
        if parsed && !too_long && end.is_none_or(|e| e.year() > MAX_YEAR) {
            self.error(
                &path.field("start"),
                format!(
                    "the exercise would end after the year {MAX_YEAR} (it starts {} and lasts {})",
                    raw.start, raw.length
                ),
                Some(format!(
                    "start the exercise earlier: it must end by {MAX_YEAR}-12-31"
                )),
            );
            clock.start = fallback_clock().start;
        }
        clock
    }

    pub(super) fn error(&mut self, path: &Path, message: impl Into<String>, hint: Option<String>) {
        self.problems.push(Problem {
            path: path.clone(),
            message: message.into(),
            hint,
        });
    }

    /// Index of an id of a kind; reports it as unknown (with a did-you-mean) when absent.
    pub(super) fn resolve(&mut self, kind: Kind, id: &str, path: &Path, ctx: &str) -> Option<u32> {
        if let Some(i) = self.names.find(kind, id) {
            return Some(i);
        }
        let hint = suggest_among(kind.noun(), id, self.names.list(kind).iter());
        self.error(
            path,
            format!("unknown {} \"{id}\" in {ctx}", kind.noun()),
            Some(hint),
        );
        None
    }

    /// Index of stage `stage` of campaign index `campaign`.
    pub(super) fn resolve_stage(
        &mut self,
        campaign: u32,
        stage: &str,
        path: &Path,
        ctx: &str,
    ) -> Option<u32> {
        let stages = self
            .names
            .stages
            .get(campaign as usize)
            .cloned()
            .unwrap_or_default();
        if let Some(i) = stages.iter().position(|n| n == stage) {
            return Some(i as u32);
        }
        let campaign_id = self
            .names
            .campaigns
            .get(campaign as usize)
            .cloned()
            .unwrap_or_default();
        let hint = suggest_among("stage", stage, stages.iter().map(String::as_str));
        self.error(
            path,
            format!("unknown stage \"{stage}\" of campaign \"{campaign_id}\" in {ctx}"),
            Some(hint),
        );
        None
    }

    /// Parses a duration; reports it when malformed.
    pub(super) fn duration(&mut self, path: &Path, text: &str, what: &str) -> Option<Minutes> {
        match Minutes::parse(text) {
            Ok(m) => Some(m),
            Err(e) => {
                let hint = match Minutes::suggest(text) {
                    Some(fixed) => format!("did you mean \"{fixed}\"?"),
                    None => "durations look like \"15m\", \"6h\", \"3d\" or \"1d12h\"".into(),
                };
                self.error(path, format!("{what}: {e}"), Some(hint));
                None
            }
        }
    }

    /// A duration in ticks, rounded up; 0 when malformed (and reported).
    pub(super) fn ticks(&mut self, path: &Path, text: &str, what: &str) -> u32 {
        self.duration(path, text, what)
            .map_or(0, |m| self.clock.ticks(m))
    }

    /// An offset from the start that must fall inside the exercise, in ticks; 0 when malformed
    /// (and reported).
    pub(super) fn time(&mut self, path: &Path, text: &str, what: &str) -> u32 {
        self.time_checked(path, text, what).unwrap_or(0)
    }

    /// [`Cx::time`], `None` when malformed, so that checks that compare it with other times can
    /// leave it out instead of reporting a consequence of the one mistake.
    pub(super) fn time_checked(&mut self, path: &Path, text: &str, what: &str) -> Option<u32> {
        let m = self.duration(path, text, what)?;
        if let Some(length) = self.length
            && m > length
        {
            self.error(
                path,
                format!(
                    "{what} is \"{text}\", after the exercise ends ({} from the start)",
                    length
                ),
                Some(format!(
                    "use an offset up to \"{}\", or lengthen clock.length",
                    length
                )),
            );
        }
        Some(self.clock.ticks(m))
    }

    /// Checks that a chance or level lies in 0..=1.
    pub(super) fn unit(&mut self, path: &Path, value: f64, what: &str) {
        if !(0.0..=1.0).contains(&value) {
            self.error(
                path,
                format!("{what} is {value}, outside 0..1"),
                Some("write a fraction between 0.0 and 1.0, e.g. 0.25 for one in four".into()),
            );
        }
    }

    /// Checks that a number is finite (not `inf`, `-inf` or `NaN`, which ron reads as floats).
    pub(super) fn finite(&mut self, path: &Path, value: f64, what: &str) -> bool {
        if !value.is_finite() {
            self.error(
                path,
                format!("{what} is {value}, which is not a finite number"),
                Some("write an ordinary number, e.g. 1500000.0".into()),
            );
        }
        value.is_finite()
    }

    /// Checks that an amount is a finite number, not negative.
    pub(super) fn non_negative(&mut self, path: &Path, value: f64, what: &str) {
        if self.finite(path, value, what) && value < 0.0 {
            self.error(
                path,
                format!("{what} is {value}, which is negative"),
                Some("write zero or a positive amount".into()),
            );
        }
    }

    /// Reports empty and duplicate ids in one list.
    pub(super) fn unique_ids<'a>(
        &mut self,
        kind: &str,
        list: &Path,
        ids: impl Iterator<Item = &'a str>,
    ) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = list.index(i).field("id");
            if id.trim().is_empty() {
                self.error(
                    &path,
                    format!("{kind} #{} has an empty id", i + 1),
                    Some(format!(
                        "give the {kind} a short unique id, e.g. \"{kind}-1\""
                    )),
                );
            } else if let Some(&first) = seen.get(id) {
                self.error(
                    &path,
                    format!("duplicate {kind} id \"{id}\""),
                    Some(format!(
                        "{kind} #{} already uses it; ids must be unique, rename one",
                        first + 1
                    )),
                );
            }
            seen.entry(id).or_insert(i);
        }
    }

    fn finish(self, source: &str, file: &str) -> Result<(), Diagnostics> {
        if self.problems.is_empty() {
            return Ok(());
        }
        let map = SourceMap::new(source);
        let mut items: Vec<Diagnostic> = self
            .problems
            .into_iter()
            .map(|p| Diagnostic::new(file, source, map.span(&p.path), p.message, p.hint))
            .collect();
        items.sort_by_key(|d| (d.line, d.column));
        Err(Diagnostics {
            file: file.to_string(),
            source: source.to_string(),
            items,
        })
    }
}

fn fallback_clock() -> Clock {
    let start = time::OffsetDateTime::UNIX_EPOCH;
    Clock {
        start,
        tick: Minutes(15),
        end_tick: 0,
    }
}

/// "did you mean "x"?" when a known id is close, else the list of known ids.
pub(super) fn suggest_among<'a>(
    noun: &str,
    id: &str,
    known: impl ExactSizeIterator<Item = &'a str> + Clone,
) -> String {
    if let Some(best) = did_you_mean(id, known.clone()) {
        return format!("did you mean \"{best}\"?");
    }
    if known.len() == 0 {
        return format!("no {noun} is declared; declare it first");
    }
    let shown: Vec<String> = known.clone().take(12).map(|k| format!("\"{k}\"")).collect();
    let more = if known.len() > 12 { ", …" } else { "" };
    format!("known {noun}s: {}{more}", shown.join(", "))
}

/// The closest candidate by edit distance, when close enough to be a likely typo.
pub fn did_you_mean<'a>(id: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (id.chars().count() / 3).max(2);
    known
        .map(|k| {
            (
                strsim::levenshtein(&id.to_lowercase(), &k.to_lowercase()),
                k,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos_only() {
        let known = ["nuts-db", "gate", "billing"];
        assert_eq!(did_you_mean("nuts_db", known.into_iter()), Some("nuts-db"));
        assert_eq!(did_you_mean("Gate", known.into_iter()), Some("gate"));
        assert_eq!(did_you_mean("warehouse", known.into_iter()), None);
    }

    #[test]
    fn suggestions_list_known_ids_when_nothing_is_close() {
        let known = ["a1".to_string(), "b2".to_string()];
        assert_eq!(
            suggest_among("team", "zzzzzz", known.iter().map(String::as_str)),
            "known teams: \"a1\", \"b2\""
        );
        assert_eq!(
            suggest_among("team", "x", std::iter::empty()),
            "no team is declared; declare it first"
        );
    }

    const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.ron");

    #[test]
    fn rules_join_at_and_when_and_convert_delays() {
        let text = MINIMAL.replace(
            "kind: Operator, staff: 3)",
            "kind: Operator, staff: 3, doctrine: [(at: Some(\"1h\"), when: Some(Asset(\"tos\", Down)), after: Some(\"20m\"), take: \"isolate\", target: Some(\"tos\"))])",
        );
        let s = scenario(&text, "t.ron", MAX_LIST).map_err(|e| e.to_string());
        let rule = s
            .as_ref()
            .ok()
            .and_then(|s| s.teams.first())
            .and_then(|t| t.doctrine.first())
            .cloned();
        let Some(rule) = rule else { panic!("{s:?}") };
        let tos = model::AssetId(2);
        let expected = model::Condition::All(vec![
            model::Condition::After(4),
            model::Condition::Asset(tos, model::AssetCondition::Down),
        ]);
        assert_eq!(rule.when, expected);
        assert_eq!((rule.delay_ticks, rule.target), (2, Some(tos)));
    }

    #[test]
    fn a_rule_must_name_a_target_among_the_actions_targets() {
        let text = MINIMAL.replace(
            "kind: Adversary, played_by: Simulation)",
            "kind: Adversary, played_by: Simulation, doctrine: [(take: \"isolate\", target: Some(\"vpn\"), to: Some(\"port\"))])",
        );
        let Err(errors) = scenario(&text, "t.ron", MAX_LIST) else {
            panic!("should not load")
        };
        let text = errors.to_string();
        assert!(
            text.contains("team \"crew\" may not take action \"isolate\""),
            "{text}"
        );
        assert!(text.contains("action \"isolate\" takes no team"), "{text}");
    }

    #[test]
    fn service_measures_must_agree_on_units() {
        let text = MINIMAL.replace(
            "kind: Data)",
            "kind: Data, service: Some((measure: \"gate_containers\", unit: \"boxes\", normal: 1.0)))",
        );
        let Err(errors) = scenario(&text, "t.ron", MAX_LIST) else {
            panic!("should not load")
        };
        assert!(
            errors
                .to_string()
                .contains("must use one unit: write unit: \"boxes\""),
            "{errors}"
        );
    }

    #[test]
    fn an_action_is_addressed_only_to_the_teams_it_names() {
        let text = MINIMAL
            .replace(
                "kind: Adversary, played_by: Simulation)",
                "kind: Adversary, played_by: Simulation),\n        (id: \"police\", name: \"Police\", kind: Agency, doctrine: [(take: \"warn\", to: Some(\"crew\"))])",
            )
            .replace(
                "    actions: [\n",
                "    actions: [\n        (id: \"warn\", name: \"Report to the police\", teams: [\"police\", \"port\"], to: [\"police\"], effects: [Report]),\n        (id: \"odd\", name: \"Odd\", teams: [\"port\"], to: [\"police\"], effects: [PublicStatement(trust: 1.0)]),\n",
            );
        let Err(errors) = scenario(&text, "t.ron", MAX_LIST) else {
            panic!("should not load")
        };
        let all = errors.to_string();
        assert!(
            all.contains(
                "action \"warn\" is not addressed to team \"crew\" (doctrine rule #1 of team \"police\")"
            ),
            "{all}"
        );
        assert!(all.contains("address it to \"police\""), "{all}");
        assert!(
            all.contains("action \"odd\" is addressed to no team, so it takes no `to`"),
            "{all}"
        );
        assert_eq!(errors.items.len(), 2, "{all}");
    }
}
