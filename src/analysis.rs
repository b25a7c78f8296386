//! Pre-flight analysis: one scenario run over many seeds under each decision set, and what the
//! runs say together (met rates and ratings, outage spreads, stage, detection, inject and action
//! rates, what never or always happens, and which events decide each objective).
//!
//! A run is reduced to a [`RunRecord`] (plain numbers, no text); [`Analysis::new`] computes every
//! statistic from the records in seed order, so the result depends only on the records: the same
//! whatever the thread count, and the same when shards' records are merged (`shard`). `render`
//! writes it as text, Markdown or HTML. Screen-free: progress is a callback.

mod render;
pub mod shard;
#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::authoring::lint::Finding;
use crate::headless;
use crate::library::Builtin;
use crate::report::{self, Rating};
use crate::scenario::model::{Measure, ServiceMeasureId, StageRef, Trigger};
use crate::scenario::source_map::Path;
use crate::scenario::{Decisions, Scenario};
use crate::sim::Simulation;
use crate::sim::objectives::ObjectiveStatus;
use crate::summary;

/// The seeds to run, `first` to `last` inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seeds {
    pub first: u64,
    pub last: u64,
}

impl Seeds {
    /// `runs` seeds from 1.
    pub fn runs(runs: u64) -> Seeds {
        Seeds {
            first: 1,
            last: runs.max(1),
        }
    }

    /// "A..B" (B excluded) or "A..=B" (B included).
    pub fn parse(text: &str) -> Option<Seeds> {
        let (a, b) = text.trim().split_once("..")?;
        let first: u64 = a.trim().parse().ok()?;
        let last = match b.strip_prefix('=') {
            Some(b) => b.trim().parse().ok()?,
            None => b.trim().parse::<u64>().ok()?.checked_sub(1)?,
        };
        (last >= first).then_some(Seeds { first, last })
    }

    /// How many seeds (never none: `first <= last`).
    pub fn count(self) -> u64 {
        (self.last - self.first).saturating_add(1)
    }

    /// The `k`-th (from 1) of `n` disjoint contiguous slices; together they are all the seeds.
    pub fn shard(self, k: u64, n: u64) -> Option<Seeds> {
        let len = u128::from(self.count());
        let from = (len * u128::from(k - 1) / u128::from(n)) as u64;
        let to = (len * u128::from(k) / u128::from(n)) as u64;
        (to > from).then(|| Seeds {
            first: self.first + from,
            last: self.first + to - 1,
        })
    }

    pub fn iter(self) -> impl Iterator<Item = u64> {
        self.first..=self.last
    }
}

impl std::fmt::Display for Seeds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..={}", self.first, self.last)
    }
}

/// How one objective ended in one run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveOutcome {
    pub met: bool,
    pub rating: Rating,
}

/// One run reduced to numbers: what every statistic is computed from. Per-item lists follow the
/// scenario's order (stages campaign by campaign).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub seed: u64,
    pub objectives: Vec<ObjectiveOutcome>,
    /// Per service measure: (outage hours, lost-service hours).
    pub services: Vec<(f64, f64)>,
    /// Every measure's value at the end.
    pub measures: Vec<f64>,
    /// Tick each stage succeeded.
    pub stages: Vec<Option<u32>>,
    /// Tick each stage was first detected by any team.
    pub detected: Vec<Option<u32>>,
    /// Tick each inject went out.
    pub injects: Vec<Option<u32>>,
    /// Tick each action was first completed by any team.
    pub actions: Vec<Option<u32>>,
}

impl RunRecord {
    /// Reads the record off a finished run.
    pub fn read(sim: &Simulation, seed: u64) -> RunRecord {
        let s = sim.scenario();
        let facts = sim.facts();
        let book = &sim.state().objectives;
        let objectives = (0..s.objectives.len())
            .map(|i| {
                let status = book
                    .status
                    .get(i)
                    .copied()
                    .unwrap_or(ObjectiveStatus::NotApplicable);
                ObjectiveOutcome {
                    met: matches!(status, ObjectiveStatus::Met(_)),
                    rating: report::automatic_rating(
                        s,
                        facts,
                        book.anchors.get(i).copied().flatten(),
                        book.intruder_inside.get(i).map_or(&[][..], Vec::as_slice),
                        i,
                        status,
                    ),
                }
            })
            .collect();
        let history = &sim.state().history;
        let all = s.all_measures();
        let services = s
            .service_measures
            .iter()
            .enumerate()
            .map(|(i, sm)| {
                let series = all
                    .iter()
                    .position(|m| *m == Measure::Throughput(ServiceMeasureId(i as u32)))
                    .and_then(|p| history.series.get(p))
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let o = summary::outage(s, &sm.id, sm.normal, series);
                (o.outage_hours, o.lost_service_hours)
            })
            .collect();
        let measures = (0..all.len())
            .map(|i| {
                history
                    .series
                    .get(i)
                    .and_then(|v| v.last())
                    .copied()
                    .unwrap_or(0.0)
            })
            .collect();
        let stages = stage_refs(s)
            .map(|r| facts.stages.get(&r).copied())
            .collect();
        let detected = stage_refs(s)
            .map(|r| {
                facts
                    .detected
                    .iter()
                    .filter(|((_, x), _)| *x == r)
                    .map(|(_, t)| *t)
                    .min()
            })
            .collect();
        let injects = (0..s.injects.len())
            .map(|i| {
                facts
                    .delivered
                    .iter()
                    .find(|(k, _)| k.index() == i)
                    .map(|(_, t)| *t)
            })
            .collect();
        let actions = (0..s.actions.len())
            .map(|a| {
                facts
                    .done
                    .iter()
                    .filter(|((_, x), _)| x.index() == a)
                    .map(|(_, t)| *t)
                    .min()
            })
            .collect();
        RunRecord {
            seed,
            objectives,
            services,
            measures,
            stages,
            detected,
            injects,
            actions,
        }
    }
}

fn stage_refs(s: &Scenario) -> impl Iterator<Item = StageRef> + '_ {
    s.campaigns.iter().enumerate().flat_map(|(c, camp)| {
        (0..camp.stages.len()).map(move |k| StageRef {
            campaign: crate::scenario::model::CampaignId(c as u32),
            stage: k as u32,
        })
    })
}

/// What the statistics need to know of the scenario (ids, names, units), so that a result can be
/// rendered, and partial results merged, without the scenario file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub scenario: String,
    pub title: String,
    /// Hours per tick.
    pub tick_hours: f64,
    /// (id, name).
    pub objectives: Vec<(String, String)>,
    pub services: Vec<String>,
    /// (id, unit).
    pub measures: Vec<(String, String)>,
    /// "campaign/stage".
    pub stages: Vec<String>,
    /// (id, goes out on a condition).
    pub injects: Vec<(String, bool)>,
    pub actions: Vec<String>,
}

impl Layout {
    pub fn of(s: &Scenario) -> Layout {
        let summary_units = |m: &Measure| match m {
            Measure::Throughput(id) => (
                s.service_measures[id.index()].id.clone(),
                s.service_measures[id.index()].unit.clone(),
            ),
            Measure::EconomicLoss => ("economic-loss".into(), s.measures.currency.clone()),
            Measure::RecordsExposed => ("records-exposed".into(), "records".into()),
            Measure::PublicTrust => ("public-trust".into(), "/100".into()),
            Measure::ServiceLevel => ("service-level".into(), "fraction".into()),
        };
        Layout {
            scenario: s.meta.id.clone(),
            title: s.meta.title.main().to_string(),
            tick_hours: f64::from(s.clock.tick.0) / 60.0,
            objectives: s
                .objectives
                .iter()
                .map(|o| (o.id.clone(), o.name.clone()))
                .collect(),
            services: s.service_measures.iter().map(|m| m.id.clone()).collect(),
            measures: s.all_measures().iter().map(summary_units).collect(),
            stages: s
                .campaigns
                .iter()
                .flat_map(|c| c.stages.iter().map(move |st| format!("{}/{}", c.id, st.id)))
                .collect(),
            injects: s
                .injects
                .iter()
                .map(|i| (i.id.clone(), matches!(i.trigger, Trigger::When(_))))
                .collect(),
            actions: s.actions.iter().map(|a| a.id.clone()).collect(),
        }
    }
}

/// The records of one decision set, in seed order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetRecords {
    /// The decision set or file as named ("none": the scenario's own doctrine only).
    pub name: String,
    pub records: Vec<RunRecord>,
}

/// Runs `decisions` over `seeds` on `threads` threads and returns the records in seed order.
/// `tick` is called once after each run (a progress bar).
pub fn run_set(
    scenario: &Arc<Scenario>,
    decisions: Option<&Decisions>,
    seeds: Seeds,
    threads: usize,
    tick: &(dyn Fn() + Sync),
) -> Vec<RunRecord> {
    let total = seeds.count();
    let next = AtomicU64::new(0);
    let threads = (threads.max(1) as u64).min(total) as usize;
    let mut out: Vec<RunRecord> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    // One World and schedule for all of this thread's runs, restarted for each.
                    let mut sim: Option<Simulation> = None;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break;
                        }
                        let seed = seeds.first + i;
                        let sim = match &mut sim {
                            Some(sim) => {
                                headless::rerun(sim, scenario, decisions, seed);
                                sim
                            }
                            None => sim.insert(headless::run(scenario, decisions, seed)),
                        };
                        mine.push(RunRecord::read(sim, seed));
                        tick();
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    out.sort_by_key(|r| r.seed);
    out
}

/// Runs every decision set (name, decisions) over `seeds`, one set after the other.
pub fn run_sets(
    scenario: &Arc<Scenario>,
    sets: &[(String, Option<Decisions>)],
    seeds: Seeds,
    threads: usize,
    tick: &(dyn Fn() + Sync),
) -> Vec<SetRecords> {
    sets.iter()
        .map(|(name, d)| SetRecords {
            name: name.clone(),
            records: run_set(scenario, d.as_ref(), seeds, threads, tick),
        })
        .collect()
}

/// What `kunren lint --deep` adds: an analysis of `runs` seeds under each shipped decision set
/// of a built-in scenario (a built-in set that does not load is left out), or of the scenario's
/// doctrine alone, on every core, and its [`Analysis::findings`].
pub fn deep(scenario: &Arc<Scenario>, builtin: Option<&Builtin>, runs: u64) -> Vec<Finding> {
    let mut sets: Vec<(String, Option<Decisions>)> = builtin
        .map(|b| b.decisions)
        .unwrap_or_default()
        .iter()
        .filter_map(|(name, file, source)| {
            let d = crate::scenario::parse_decisions(source, file, scenario).ok()?;
            Some((name.to_string(), Some(d)))
        })
        .collect();
    if sets.is_empty() {
        sets.push(("none".into(), None));
    }
    let seeds = Seeds::runs(runs);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let records = run_sets(scenario, &sets, seeds, threads, &|| {});
    let layout = Layout::of(scenario);
    Analysis::new(&layout, seeds, &records).findings(&layout)
}

/// p5, median and p95 (nearest rank) of some values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Spread {
    pub p5: f64,
    pub median: f64,
    pub p95: f64,
}

impl Spread {
    pub fn of(mut values: Vec<f64>) -> Option<Spread> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let at = |p: f64| {
            let rank = (p * values.len() as f64).ceil() as usize;
            values[rank.clamp(1, values.len()) - 1]
        };
        Some(Spread {
            p5: at(0.05),
            median: at(0.5),
            p95: at(0.95),
        })
    }
}

/// Counts and the rate they make.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rate {
    pub count: u64,
    pub of: u64,
    pub rate: f64,
}

impl Rate {
    fn new(count: usize, of: usize) -> Rate {
        Rate {
            count: count as u64,
            of: of as u64,
            rate: if of == 0 {
                0.0
            } else {
                count as f64 / of as f64
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectiveStats {
    pub id: String,
    pub met: Rate,
    /// Runs rated P, S, M, U and N/A.
    pub ratings: [u64; 5],
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceStats {
    pub id: String,
    pub outage_hours: Spread,
    pub lost_service_hours: Spread,
    /// Every run's outage hours, for histograms.
    #[serde(skip)]
    pub outages: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureStats {
    pub id: String,
    pub unit: String,
    pub end: Spread,
}

/// How often something happened, and when (hours from the start) when it did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventStats {
    pub id: String,
    pub rate: Rate,
    pub hours: Option<Spread>,
}

/// An event whose presence changes an objective's met rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Driver {
    /// "stage campaign/stage", "detected campaign/stage" or "action id".
    pub event: String,
    pub met_with: Rate,
    pub met_without: Rate,
    /// met_with.rate - met_without.rate.
    pub difference: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decisive {
    pub objective: String,
    /// At most three, largest difference first.
    pub drivers: Vec<Driver>,
}

/// Everything the runs of one decision set say together.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetStats {
    pub name: String,
    pub runs: u64,
    pub objectives: Vec<ObjectiveStats>,
    pub services: Vec<ServiceStats>,
    pub measures: Vec<MeasureStats>,
    pub stages: Vec<EventStats>,
    pub detections: Vec<EventStats>,
    pub injects: Vec<EventStats>,
    pub actions: Vec<EventStats>,
    pub conditional_injects_never_fired: Vec<String>,
    pub actions_never_taken: Vec<String>,
    pub objectives_never_met: Vec<String>,
    pub objectives_always_met: Vec<String>,
    pub decisive: Vec<Decisive>,
}

/// The whole analysis: the decision sets side by side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub scenario: String,
    pub title: String,
    pub seeds: Seeds,
    pub sets: Vec<SetStats>,
}

impl Analysis {
    pub fn new(layout: &Layout, seeds: Seeds, sets: &[SetRecords]) -> Analysis {
        Analysis {
            scenario: layout.scenario.clone(),
            title: layout.title.clone(),
            seeds,
            sets: sets.iter().map(|s| set_stats(layout, s)).collect(),
        }
    }

    pub fn to_text(&self) -> String {
        render::text(self)
    }

    pub fn to_markdown(&self) -> String {
        render::markdown(self)
    }

    pub fn to_html(&self) -> String {
        render::html(self)
    }

    /// Warnings for `kunren lint --deep`: objectives met in no run or in every run, injects
    /// that never went out, actions nobody took, over every set analysed.
    pub fn findings(&self, layout: &Layout) -> Vec<Finding> {
        let names: Vec<&str> = self.sets.iter().map(|s| s.name.as_str()).collect();
        let runs: u64 = self.sets.iter().map(|s| s.runs).sum();
        let over = format!("{runs} runs ({})", names.join(", "));
        let in_all = |pick: &dyn Fn(&SetStats) -> &Vec<String>, id: &str| {
            self.sets.iter().all(|s| pick(s).iter().any(|x| x == id))
        };
        let mut out = Vec::new();
        for (i, (id, _)) in layout.objectives.iter().enumerate() {
            let path = Path::root().field("objectives").index(i).field("id");
            if in_all(&|s| &s.objectives_never_met, id) {
                out.push(Finding {
                    rule: "deep-objective-never-met",
                    path,
                    message: format!("objective \"{id}\" was met in none of {over}"),
                    hint: "check its goal and deadline against what the teams can do in time, or give them an action that makes it hold".into(),
                });
            } else if in_all(&|s| &s.objectives_always_met, id) {
                out.push(Finding {
                    rule: "deep-objective-always-met",
                    path,
                    message: format!("objective \"{id}\" was met in every one of {over}"),
                    hint:
                        "an objective nothing can fail teaches little: tighten its deadline or goal"
                            .into(),
                });
            }
        }
        for (i, (id, _)) in layout.injects.iter().enumerate() {
            let never = self
                .sets
                .iter()
                .all(|s| s.injects.get(i).is_none_or(|e| e.rate.count == 0));
            if never {
                out.push(Finding {
                    rule: "deep-inject-never-sent",
                    path: Path::root().field("injects").index(i).field("id"),
                    message: format!("inject \"{id}\" went out in none of {over}"),
                    hint: "loosen its condition or time it within the exercise, or leave it for the facilitator to fire".into(),
                });
            }
        }
        for (i, id) in layout.actions.iter().enumerate() {
            let never = self
                .sets
                .iter()
                .all(|s| s.actions.get(i).is_none_or(|e| e.rate.count == 0));
            if never {
                out.push(Finding {
                    rule: "deep-action-never-taken",
                    path: Path::root().field("actions").index(i).field("id"),
                    message: format!("action \"{id}\" was completed in none of {over}"),
                    hint: "check who may take it and what it requires, or script it in a decisions file".into(),
                });
            }
        }
        out
    }
}

fn set_stats(l: &Layout, set: &SetRecords) -> SetStats {
    let r = &set.records;
    let n = r.len();
    let hours = |t: u32| f64::from(t) * l.tick_hours;
    let events = |ids: &[String], pick: &dyn Fn(&RunRecord) -> &Vec<Option<u32>>| {
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                let ticks: Vec<f64> = r
                    .iter()
                    .filter_map(|x| pick(x).get(i).copied().flatten())
                    .map(hours)
                    .collect();
                EventStats {
                    id: id.clone(),
                    rate: Rate::new(ticks.len(), n),
                    hours: Spread::of(ticks),
                }
            })
            .collect::<Vec<_>>()
    };
    let objectives: Vec<ObjectiveStats> = l
        .objectives
        .iter()
        .enumerate()
        .map(|(i, (id, _))| {
            let outcome = |x: &RunRecord| x.objectives.get(i).copied();
            let met = r
                .iter()
                .filter(|x| outcome(x).is_some_and(|o| o.met))
                .count();
            let mut ratings = [0u64; 5];
            for o in r.iter().filter_map(outcome) {
                let k = match o.rating {
                    Rating::P => 0,
                    Rating::S => 1,
                    Rating::M => 2,
                    Rating::U => 3,
                    Rating::NotApplicable => 4,
                };
                ratings[k] += 1;
            }
            ObjectiveStats {
                id: id.clone(),
                met: Rate::new(met, n),
                ratings,
            }
        })
        .collect();
    let zero = Spread {
        p5: 0.0,
        median: 0.0,
        p95: 0.0,
    };
    let services = l
        .services
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let outages: Vec<f64> = r
                .iter()
                .filter_map(|x| x.services.get(i))
                .map(|s| s.0)
                .collect();
            let lost = r
                .iter()
                .filter_map(|x| x.services.get(i))
                .map(|s| s.1)
                .collect();
            ServiceStats {
                id: id.clone(),
                outage_hours: Spread::of(outages.clone()).unwrap_or(zero),
                lost_service_hours: Spread::of(lost).unwrap_or(zero),
                outages,
            }
        })
        .collect();
    let measures = l
        .measures
        .iter()
        .enumerate()
        .map(|(i, (id, unit))| MeasureStats {
            id: id.clone(),
            unit: unit.clone(),
            end: Spread::of(
                r.iter()
                    .filter_map(|x| x.measures.get(i).copied())
                    .collect(),
            )
            .unwrap_or(zero),
        })
        .collect();
    let inject_ids: Vec<String> = l.injects.iter().map(|(id, _)| id.clone()).collect();
    let stages = events(&l.stages, &|x| &x.stages);
    let detections = events(&l.stages, &|x| &x.detected);
    let injects = events(&inject_ids, &|x| &x.injects);
    let actions = events(&l.actions, &|x| &x.actions);
    let conditional_injects_never_fired = l
        .injects
        .iter()
        .zip(&injects)
        .filter(|((_, conditional), e)| *conditional && e.rate.count == 0)
        .map(|((id, _), _)| id.clone())
        .collect();
    let actions_never_taken = actions
        .iter()
        .filter(|e| e.rate.count == 0)
        .map(|e| e.id.clone())
        .collect();
    let objectives_never_met = objectives
        .iter()
        .filter(|o| n > 0 && o.met.count == 0)
        .map(|o| o.id.clone())
        .collect();
    let objectives_always_met = objectives
        .iter()
        .filter(|o| n > 0 && o.met.count == n as u64)
        .map(|o| o.id.clone())
        .collect();
    let decisive = decisive(l, r);
    SetStats {
        name: set.name.clone(),
        runs: n as u64,
        objectives,
        services,
        measures,
        stages,
        detections,
        injects,
        actions,
        conditional_injects_never_fired,
        actions_never_taken,
        objectives_never_met,
        objectives_always_met,
        decisive,
    }
}

/// For each objective met in some runs but not all, the (at most three) events whose presence
/// changes its met rate most: met rate in the runs with the event minus in the runs without.
fn decisive(l: &Layout, r: &[RunRecord]) -> Vec<Decisive> {
    type Present = Box<dyn Fn(&RunRecord) -> bool>;
    let mut events: Vec<(String, Present)> = Vec::new();
    for (i, id) in l.stages.iter().enumerate() {
        events.push((
            format!("stage {id}"),
            Box::new(move |x: &RunRecord| x.stages.get(i).copied().flatten().is_some()),
        ));
        events.push((
            format!("detected {id}"),
            Box::new(move |x: &RunRecord| x.detected.get(i).copied().flatten().is_some()),
        ));
    }
    for (i, id) in l.actions.iter().enumerate() {
        events.push((
            format!("action {id}"),
            Box::new(move |x: &RunRecord| x.actions.get(i).copied().flatten().is_some()),
        ));
    }
    let mut out = Vec::new();
    for (o, (id, _)) in l.objectives.iter().enumerate() {
        let met = |x: &RunRecord| x.objectives.get(o).is_some_and(|m| m.met);
        let total = r.iter().filter(|x| met(x)).count();
        if total == 0 || total == r.len() {
            continue;
        }
        let mut drivers: Vec<Driver> = events
            .iter()
            .filter_map(|(name, present)| {
                let with = r.iter().filter(|x| present(x)).count();
                let without = r.len() - with;
                if with == 0 || without == 0 {
                    return None;
                }
                let met_with = r.iter().filter(|x| present(x) && met(x)).count();
                let met_with = Rate::new(met_with, with);
                let met_without = Rate::new(total - met_with.count as usize, without);
                Some(Driver {
                    event: name.clone(),
                    difference: met_with.rate - met_without.rate,
                    met_with,
                    met_without,
                })
            })
            .filter(|d| d.difference != 0.0)
            .collect();
        drivers.sort_by(|a, b| b.difference.abs().total_cmp(&a.difference.abs()));
        drivers.truncate(3);
        out.push(Decisive {
            objective: id.clone(),
            drivers,
        });
    }
    out
}
