//! The outcome of a run, read off the finished World: the timeline, objectives met or missed,
//! measures over time, service outages, the final state, and a hash of it all that is identical
//! for identical scenario, seed and decisions on any machine.

use std::fmt::Write as _;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::number::short;
use crate::scenario::model::{Measure, Scenario};
use crate::sim::Simulation;
use crate::sim::actions::ActionBook;
use crate::sim::adversary::CampaignState;
use crate::sim::assets::{AssetStatus, LivePosture};
use crate::sim::facts::Level;
use crate::sim::injects::InjectBook;
use crate::sim::intel::IntelState;
use crate::sim::log::{EventKind, EventLog};
use crate::sim::measures::{MeasureHistory, Tallies};
use crate::sim::objectives::{ObjectiveBook, ObjectiveStatus, Outcome};

#[derive(Clone, Debug, Serialize)]
pub struct RunSummary {
    pub scenario: String,
    pub title: String,
    pub seed: u64,
    pub decisions: Option<String>,
    pub start: String,
    pub end: String,
    pub ticks: u32,
    pub timeline: Vec<TimelineEntry>,
    pub objectives: Vec<ObjectiveResult>,
    pub measures: Vec<MeasureResult>,
    pub services: Vec<ServiceOutage>,
    pub assets: Vec<AssetResult>,
    pub campaigns: Vec<CampaignResult>,
    pub state_hash: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    pub tick: u32,
    pub time: String,
    pub kind: EventKind,
    pub text: String,
    pub known_to: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ObjectiveResult {
    pub id: String,
    pub team: String,
    pub name: String,
    pub status: Outcome,
    pub at: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureResult {
    pub id: String,
    pub unit: String,
    pub start: f64,
    pub end: f64,
    pub min: f64,
    pub max: f64,
    /// (time, value) every `sample_every` ticks and at the end.
    pub samples: Vec<(String, f64)>,
}

/// When and for how long a service measure was below normal: each interval as it was (a
/// 15-minute drop and a later two-day outage are two intervals, not one from the first drop).
#[derive(Clone, Debug, Serialize)]
pub struct ServiceOutage {
    pub measure: String,
    pub normal: f64,
    /// Start of the first interval below normal.
    pub first_drop: Option<String>,
    /// When it was last back to normal for good; `None` if it was still below at the end.
    pub recovered: Option<String>,
    /// Total time below normal: the sum of the intervals, in hours.
    pub outage_hours: f64,
    /// Service lost, in hours of complete outage.
    pub lost_service_hours: f64,
    /// Each interval below normal, in order.
    pub intervals: Vec<OutageInterval>,
}

/// One stretch of time a service was below normal.
#[derive(Clone, Debug, Serialize)]
pub struct OutageInterval {
    pub from: String,
    /// When it was back to normal; `None` if it was still below at the end.
    pub to: Option<String>,
    pub hours: f64,
    /// The ticks of `from` and `to`, for a reader of another language ([`ServiceOutage::relabel`]).
    #[serde(skip)]
    pub ticks: (u32, Option<u32>),
}

impl OutageInterval {
    /// "Tue 04 Jul 06:15 to Tue 04 Jul 06:30 (0.25 h)".
    pub fn describe(&self) -> String {
        let to = self.to.as_deref().unwrap_or("the end, not recovered");
        format!("{} to {to} ({} h)", self.from, short(self.hours))
    }
}

impl ServiceOutage {
    /// "2 outages, 47.3 h in all: Tue 04 Jul 06:00 to Tue 04 Jul 06:15 (0.25 h); ...", the way
    /// `run`, the report and `compare` all say it.
    pub fn periods(&self) -> String {
        if self.intervals.is_empty() {
            return "never disrupted".to_string();
        }
        let each: Vec<String> = self
            .intervals
            .iter()
            .map(OutageInterval::describe)
            .collect();
        let n = self.intervals.len();
        let count = if n == 1 {
            "1 outage".to_string()
        } else {
            format!("{n} outages")
        };
        format!(
            "{count}, {} h in all: {}",
            short(self.outage_hours),
            each.join("; ")
        )
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AssetResult {
    pub id: String,
    pub level: Level,
    /// Per cent of normal service, for an asset left at a share of it (format 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<u32>,
    pub flags: Vec<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CampaignResult {
    pub id: String,
    pub halted: bool,
    pub stages: Vec<(String, String)>,
}

/// Everything the state hash covers: the whole observable state and its history.
#[derive(Serialize)]
struct Snapshot<'a> {
    log: &'a EventLog,
    history: &'a MeasureHistory,
    tallies: &'a Tallies,
    assets: Vec<(HashedStatus<'a>, f64, bool, f64)>,
    campaigns: Vec<&'a CampaignState>,
    intel: &'a IntelState,
    objectives: &'a ObjectiveBook,
    injects: &'a InjectBook,
    actions: &'a ActionBook,
}

/// An asset's status with its level from the cascade, hashed as one object: the status's
/// fields, then `level` and any `share` (as when they were fields of the status, so the
/// hashes pinned before they moved to the facts still hold).
#[derive(Serialize)]
struct HashedStatus<'a> {
    #[serde(flatten)]
    status: &'a AssetStatus,
    level: Level,
    /// Only for an asset whose share of service has moved (format 2 shares).
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<crate::sim::facts::Share>,
}

/// SHA-256 of the simulation's whole state and history, as 16 hex digits.
pub fn state_hash(sim: &Simulation) -> String {
    let w = &sim.world;
    let state = sim.state();
    let levels = &state.facts.assets;
    let assets = state
        .asset_index
        .0
        .iter()
        .zip(levels)
        .filter_map(|(e, f)| {
            let status = w.get::<AssetStatus>(*e)?;
            let p = &w.get::<LivePosture>(*e)?.0;
            let s = HashedStatus {
                status,
                level: f.level,
                share: f.share,
            };
            Some((s, p.patching, p.mfa, p.monitoring))
        })
        .collect();
    let campaigns = state
        .campaign_index
        .0
        .iter()
        .filter_map(|e| w.get::<CampaignState>(*e))
        .collect();
    let snapshot = Snapshot {
        log: &state.log,
        history: &state.history,
        tallies: &state.tallies,
        assets,
        campaigns,
        intel: &state.intel,
        objectives: &state.objectives,
        injects: &state.injects,
        actions: &state.actions,
    };
    let json = serde_json::to_vec(&snapshot).unwrap_or_default();
    let digest = Sha256::digest(&json);
    digest.iter().take(8).fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Reads the summary off a simulation (normally a finished one).
pub fn summarise(
    sim: &Simulation,
    seed: u64,
    decisions: Option<String>,
    sample_every: u32,
) -> RunSummary {
    let scenario = sim.scenario();
    let clock = &scenario.clock;
    let ticks = sim.tick().unwrap_or(0);
    let timeline = sim
        .log()
        .events()
        .iter()
        .map(|e| TimelineEntry {
            tick: e.tick,
            time: clock.label(e.tick),
            kind: e.kind,
            text: e.text.clone(),
            known_to: e
                .known_to
                .iter()
                .map(|t| scenario.team(*t).id.clone())
                .collect(),
        })
        .collect();
    let objectives = objective_results(scenario, &sim.state().objectives);
    let history = &sim.state().history;
    let measures = scenario
        .all_measures()
        .iter()
        .zip(&history.series)
        .map(|(m, series)| measure_result(scenario, *m, series, sample_every.max(1)))
        .collect();
    let services = scenario
        .service_measures
        .iter()
        .enumerate()
        .map(|(i, sm)| {
            let at = scenario.all_measures().iter().position(|m| {
                *m == Measure::Throughput(crate::scenario::model::ServiceMeasureId(i as u32))
            });
            let series = at
                .and_then(|p| history.series.get(p))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            outage(scenario, &sm.id, sm.normal, series)
        })
        .collect();
    RunSummary {
        scenario: scenario.meta.id.clone(),
        title: scenario.meta.title.main().to_string(),
        seed,
        decisions,
        start: clock.stamp(0),
        end: clock.stamp(ticks),
        ticks,
        timeline,
        objectives,
        measures,
        services,
        assets: asset_results(sim),
        campaigns: campaign_results(sim),
        state_hash: state_hash(sim),
    }
}

fn objective_results(scenario: &Scenario, book: &ObjectiveBook) -> Vec<ObjectiveResult> {
    scenario
        .objectives
        .iter()
        .zip(&book.status)
        .map(|(o, s)| {
            let at = match s {
                ObjectiveStatus::Met(t) | ObjectiveStatus::Missed(t) => {
                    Some(scenario.clock.label(*t))
                }
                ObjectiveStatus::NotApplicable | ObjectiveStatus::Pending { .. } => None,
            };
            ObjectiveResult {
                id: o.id.clone(),
                team: scenario.team(o.team).id.clone(),
                name: o.name.clone(),
                status: Outcome::of(*s),
                at,
            }
        })
        .collect()
}

fn measure_result(scenario: &Scenario, m: Measure, series: &[f64], every: u32) -> MeasureResult {
    let unit = scenario.measure_unit(m, crate::lang::Lang::En);
    let mut samples: Vec<(String, f64)> = series
        .iter()
        .enumerate()
        .filter(|(t, _)| (*t as u32).is_multiple_of(every))
        .map(|(t, v)| (scenario.clock.label(t as u32), *v))
        .collect();
    if let Some(last) = series.len().checked_sub(1)
        && !(last as u32).is_multiple_of(every)
    {
        samples.push((scenario.clock.label(last as u32), series[last]));
    }
    MeasureResult {
        id: scenario.measure_name(m),
        unit,
        start: series.first().copied().unwrap_or(0.0),
        end: series.last().copied().unwrap_or(0.0),
        min: series.iter().copied().fold(f64::INFINITY, f64::min),
        max: series.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        samples,
    }
}

/// The stretches of a series below normal, as (first tick below, first tick back), the second
/// `None` when it was still below at the last tick.
pub fn below_intervals(normal: f64, series: &[f64]) -> Vec<(usize, Option<usize>)> {
    let below = |v: f64| v < normal * 0.999;
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (t, v) in series.iter().enumerate() {
        match (open, below(*v)) {
            (None, true) => open = Some(t),
            (Some(from), false) => {
                out.push((from, Some(t)));
                open = None;
            }
            _ => {}
        }
    }
    out.extend(open.map(|from| (from, None)));
    out
}

impl ServiceOutage {
    /// Its times as a reader of `lang` writes dates (the summary's are English).
    pub fn relabel(&mut self, clock: &crate::simtime::Clock, lang: crate::lang::Lang) {
        for i in &mut self.intervals {
            i.from = clock.label_lang(i.ticks.0, lang);
            i.to = i.ticks.1.map(|t| clock.label_lang(t, lang));
        }
        self.first_drop = self.intervals.first().map(|i| i.from.clone());
        self.recovered = self.intervals.last().and_then(|i| i.to.clone());
    }
}

/// Outage of a throughput series against its normal rate.
pub fn outage(scenario: &Scenario, id: &str, normal: f64, series: &[f64]) -> ServiceOutage {
    let hours = f64::from(scenario.clock.tick.0) / 60.0;
    let last = series.len().saturating_sub(1);
    let label = |t: usize| scenario.clock.label(t as u32);
    let intervals: Vec<OutageInterval> = below_intervals(normal, series)
        .into_iter()
        .map(|(from, to)| OutageInterval {
            from: label(from),
            to: to.map(label),
            ticks: (from as u32, to.map(|t| t as u32)),
            hours: to.unwrap_or(last).saturating_sub(from) as f64 * hours,
        })
        .collect();
    let lost: f64 = if normal > 0.0 {
        series
            .iter()
            .map(|v| (1.0 - v / normal).max(0.0))
            .sum::<f64>()
            * hours
    } else {
        0.0
    };
    ServiceOutage {
        measure: id.to_string(),
        normal,
        first_drop: intervals.first().map(|i| i.from.clone()),
        recovered: intervals.last().and_then(|i| i.to.clone()),
        outage_hours: intervals.iter().fold(0.0, |sum, i| sum + i.hours),
        lost_service_hours: lost,
        intervals,
    }
}

fn asset_results(sim: &Simulation) -> Vec<AssetResult> {
    let scenario = sim.scenario();
    let w = &sim.world;
    let levels = &sim.facts().assets;
    sim.state()
        .asset_index
        .0
        .iter()
        .zip(&scenario.assets)
        .zip(levels)
        .filter_map(|((e, a), f)| {
            let s = w.get::<AssetStatus>(*e)?;
            let flags: Vec<&'static str> = [
                (s.isolated, "isolated"),
                (s.encrypted, "encrypted"),
                (s.wiped, "wiped"),
                (s.restoring_until.is_some(), "restoring"),
                (s.disrupted_until.is_some(), "disrupted"),
                (
                    s.compromises.iter().any(|c| !c.known_to_owner),
                    "compromised (undetected)",
                ),
                (
                    s.compromises.iter().any(|c| c.known_to_owner),
                    "compromised (known)",
                ),
                (s.backups_lost, "backups lost"),
            ]
            .into_iter()
            .filter_map(|(on, f)| on.then_some(f))
            .collect();
            (f.level != Level::Normal || !flags.is_empty()).then(|| AssetResult {
                id: a.id.clone(),
                level: f.level,
                service: f.service(),
                flags,
            })
        })
        .collect()
}

fn campaign_results(sim: &Simulation) -> Vec<CampaignResult> {
    let scenario = sim.scenario();
    let w = &sim.world;
    sim.state()
        .campaign_index
        .0
        .iter()
        .filter_map(|e| w.get::<CampaignState>(*e))
        .map(|c| {
            let campaign = &scenario.campaigns[c.id.index()];
            let stages = campaign
                .stages
                .iter()
                .zip(&c.stages)
                .map(|(s, st)| (s.id.clone(), st.describe(scenario)))
                .collect();
            CampaignResult {
                id: campaign.id.clone(),
                halted: c.halted.is_some(),
                stages,
            }
        })
        .collect()
}

impl RunSummary {
    /// Measures over time: one row per sample, one column per measure.
    fn write_measure_table(&self, out: &mut String) {
        let Some(first) = self.measures.first() else {
            return;
        };
        let _ = writeln!(out, "\nMEASURES OVER TIME");
        let _ = write!(out, "  {:<18}", "");
        for m in &self.measures {
            let _ = write!(out, " {:>16}", truncate(&m.id, 16));
        }
        let _ = writeln!(out);
        for (row, (time, _)) in first.samples.iter().enumerate() {
            let _ = write!(out, "  {time:<18}");
            for m in &self.measures {
                let v = m.samples.get(row).map_or(f64::NAN, |(_, v)| *v);
                let _ = write!(out, " {:>16}", short(v));
            }
            let _ = writeln!(out);
        }
    }

    /// The human-readable report `kunren run` prints.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} ({})", self.title, self.scenario);
        let decisions = self.decisions.as_deref().unwrap_or("none");
        let _ = writeln!(
            out,
            "seed {} · decisions: {decisions} · {} to {} · {} ticks\n",
            self.seed, self.start, self.end, self.ticks
        );
        let _ = writeln!(out, "TIMELINE");
        for e in self
            .timeline
            .iter()
            .filter(|e| e.kind != EventKind::StageBegan)
        {
            let _ = writeln!(out, "  {}  {}", e.time, e.text);
        }
        let _ = writeln!(out, "\nOBJECTIVES");
        for o in &self.objectives {
            let at =
                o.at.as_deref()
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default();
            let _ = writeln!(out, "  {:<15} {:<12} {}{at}", o.status, o.team, o.name);
        }
        let _ = writeln!(out, "\nSERVICES");
        for s in &self.services {
            let _ = writeln!(
                out,
                "  {:<24} outage {:>6} h · lost {:>6} h of service · {}",
                s.measure,
                short(s.outage_hours),
                short(s.lost_service_hours),
                s.periods()
            );
        }
        let _ = writeln!(out, "\nMEASURES (start → end, min..max)");
        for m in &self.measures {
            let _ = writeln!(
                out,
                "  {:<24} {:>14} → {:>14}  ({}..{}) {}",
                m.id,
                short(m.start),
                short(m.end),
                short(m.min),
                short(m.max),
                m.unit
            );
        }
        self.write_measure_table(&mut out);
        let _ = writeln!(out, "\nFINAL STATE");
        for a in &self.assets {
            let level = match a.service {
                Some(p) => format!("{:?} ({p}%)", a.level),
                None => format!("{:?}", a.level),
            };
            let _ = writeln!(out, "  {:<28} {level} {}", a.id, a.flags.join(", "));
        }
        for c in &self.campaigns {
            let halted = if c.halted { " (halted)" } else { "" };
            let _ = writeln!(out, "  campaign {}{halted}", c.id);
            for (s, st) in &c.stages {
                let _ = writeln!(out, "    {s:<26} {st}");
            }
        }
        let _ = writeln!(out, "\nstate hash {}", self.state_hash);
        out
    }
}

fn truncate(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_characters() {
        assert_eq!(truncate("gate_containers_per_hour", 5), "gate_");
        assert_eq!(truncate("訓練シナリオ", 2), "訓練");
        assert_eq!(truncate("short", 16), "short");
    }

    #[test]
    fn a_service_down_twice_is_two_intervals() {
        let series = [10.0, 0.0, 10.0, 10.0, 0.0, 0.0, 5.0, 10.0, 0.0];
        assert_eq!(
            below_intervals(10.0, &series),
            [(1, Some(2)), (4, Some(7)), (8, None)]
        );
        assert!(below_intervals(10.0, &[10.0, 10.0]).is_empty());
        assert_eq!(below_intervals(10.0, &[0.0]), [(0, None)]);
    }
}
