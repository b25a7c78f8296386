//! View models: what each screen shows, read off the World after the tick and held as plain
//! data. Widgets draw only these. The white cell's view is ground truth; a team's view is asked
//! of the core, [`crate::sim::knowledge`] (what the team was told, its own assets as it sees
//! them, the intelligence it holds, its objectives and its actions judged on its knowledge),
//! and never filtered here.

use crate::scenario::model::TeamId;
use crate::scenario::model::{ActionId, AssetId, InjectId, IntelId, Tlp, Trigger};
use crate::sim::actions::{InFlight, Request};
use crate::sim::adversary::{CampaignIndex, CampaignState, StageState};
use crate::sim::assets::{AssetIndex, AssetStatus};
use crate::sim::injects::{InjectBook, InjectStatus};
use crate::sim::knowledge::Standing;
use crate::sim::log::{Event, EventKind};
use crate::sim::measures::MeasureHistory;
use crate::sim::objectives::{ObjectiveBook, ObjectiveStatus};

use super::app::{App, Seat, Tab};

pub use crate::sim::knowledge::Shown;

/// How an asset looks: ground truth for the white cell, the owner's knowledge otherwise.
pub fn shown(status: &AssetStatus, truth: bool) -> Shown {
    if truth {
        Shown::truth(status)
    } else {
        Shown::to_owner(status)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssetRow {
    pub id: AssetId,
    pub owner: String,
    pub name: String,
    pub shown: Shown,
}

/// Assets as a seat sees them: all of them for the white cell, a team's own (as the team knows
/// them, from [`crate::sim::knowledge`]) otherwise.
pub fn asset_rows(app: &App) -> Vec<AssetRow> {
    if let Seat::Team(t) = app.seat {
        let owner = app.scenario.team(t).id.clone();
        return app
            .sim
            .knowledge(t)
            .assets()
            .into_iter()
            .map(|a| AssetRow {
                id: a.asset,
                owner: owner.clone(),
                name: a.name,
                shown: a.state,
            })
            .collect();
    }
    let world = &app.sim.world;
    let index = world.resource::<AssetIndex>();
    app.scenario
        .assets
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let id = AssetId(i as u32);
            let status = world.get::<AssetStatus>(index.get(id))?;
            Some(AssetRow {
                id,
                owner: app.scenario.team(a.owner).id.clone(),
                name: a.name.clone(),
                shown: Shown::truth(status),
            })
        })
        .collect()
}

pub fn board_asset(app: &App, cursor: usize) -> Option<AssetId> {
    asset_rows(app).get(cursor).map(|r| r.id)
}

/// A campaign's progress, stage by stage, for the white cell.
pub fn campaign_lines(app: &App) -> Vec<(String, Vec<(String, String)>)> {
    let world = &app.sim.world;
    world
        .resource::<CampaignIndex>()
        .0
        .iter()
        .filter_map(|e| world.get::<CampaignState>(*e))
        .map(|c| {
            let campaign = &app.scenario.campaigns[c.id.index()];
            let halted = if c.halted.is_some() { " (halted)" } else { "" };
            let stages = campaign
                .stages
                .iter()
                .zip(&c.stages)
                .map(|(s, st)| {
                    let state = match st {
                        StageState::Waiting { attempts: 0 } => "waiting".to_string(),
                        StageState::Waiting { attempts } => format!("retrying ({attempts} failed)"),
                        StageState::Attempting { target, ends, .. } => format!(
                            "on {} to {}",
                            app.scenario.asset(*target).id,
                            app.scenario.clock.label(*ends)
                        ),
                        StageState::Succeeded(t) => {
                            format!("done {}", app.scenario.clock.label(*t))
                        }
                        StageState::Failed(t) => format!("failed {}", app.scenario.clock.label(*t)),
                    };
                    (format!("{} {}", s.technique, s.id), state)
                })
                .collect();
            (format!("{}{halted}", campaign.name), stages)
        })
        .collect()
}

/// Actions under way, as (label, key), visible to the seat: every one for the white cell (keyed
/// by the engine's sequence number, which rulings name), the team's own otherwise (keyed by
/// position: the sequence number counts every team's actions, which is not the team's to know).
pub fn flights(app: &App) -> Vec<(String, u32)> {
    if let Seat::Team(t) = app.seat {
        let team = &app.scenario.team(t).name;
        return app
            .sim
            .knowledge(t)
            .under_way()
            .into_iter()
            .zip(0..)
            .map(|(f, i)| {
                let on = f.target.map(|t| format!(" on {t}")).unwrap_or_default();
                (format!("{team}: {}{on} ({} left)", f.name, f.left), i)
            })
            .collect();
    }
    let mut q = app.sim.world.try_query::<&InFlight>();
    let mut v: Vec<(String, u32)> = match q.as_mut() {
        Some(q) => q
            .iter(&app.sim.world)
            .map(|f| {
                let on = f
                    .target
                    .map(|t| format!(" on {}", app.scenario.asset(t).name))
                    .unwrap_or_default();
                let left = app
                    .scenario
                    .clock
                    .elapsed(f.ends.saturating_sub(app.sim.tick().unwrap_or(0)));
                let label = format!(
                    "{}: {}{on} ({} left)",
                    app.scenario.team(f.team).name,
                    app.scenario.action(f.action).name,
                    left
                );
                (label, f.seq)
            })
            .collect(),
        None => Vec::new(),
    };
    v.sort_by_key(|(_, seq)| *seq);
    v
}

#[derive(Clone, Debug, PartialEq)]
pub struct MselRow {
    pub inject: InjectId,
    pub when: String,
    pub to: String,
    pub subject: String,
    pub status: String,
    pub done: bool,
}

pub fn msel_rows(app: &App) -> Vec<MselRow> {
    let book = app.sim.world.resource::<InjectBook>();
    let clock = &app.scenario.clock;
    app.scenario
        .injects
        .iter()
        .enumerate()
        .map(|(i, inject)| {
            let when = match &inject.trigger {
                Trigger::At(t) => clock.label(*t),
                Trigger::When(_) => "on condition".into(),
            };
            let held = book.not_before[i] > app.sim.tick().unwrap_or(0);
            let (status, done) = match &book.status[i] {
                InjectStatus::Delivered(t) => (format!("sent {}", clock.label(*t)), true),
                InjectStatus::Skipped(_) => ("withdrawn".into(), true),
                InjectStatus::Forced => ("firing".into(), false),
                InjectStatus::Waiting if held => (
                    format!("held to {}", clock.label(book.not_before[i])),
                    false,
                ),
                InjectStatus::Waiting => ("waiting".into(), false),
            };
            let edited = if book.edited[i].is_some() {
                " · edited"
            } else {
                ""
            };
            let to: Vec<&str> = inject
                .to
                .iter()
                .map(|t| app.scenario.team(*t).id.as_str())
                .collect();
            MselRow {
                inject: InjectId(i as u32),
                when,
                to: to.join(", "),
                subject: inject.subject.clone(),
                status: format!("{status}{edited}"),
                done,
            }
        })
        .collect()
}

pub fn msel_inject(app: &App, cursor: usize) -> Option<InjectId> {
    msel_rows(app)
        .get(cursor)
        .filter(|r| !r.done)
        .map(|r| r.inject)
}

pub fn inject_text(app: &App, inject: InjectId) -> String {
    app.sim
        .world
        .resource::<InjectBook>()
        .text(inject, &app.scenario)
        .to_string()
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveRow {
    pub team: String,
    pub name: String,
    pub status: String,
    /// Met, missed, at risk, pending: for colour.
    pub grade: Grade,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
    Met,
    Missed,
    AtRisk,
    Pending,
    NotApplicable,
}

/// Every objective with its true standing for the white cell; a team's own, as the team knows
/// them, otherwise.
pub fn objective_rows(app: &App) -> Vec<ObjectiveRow> {
    let s = &app.scenario;
    let now = app.sim.tick().unwrap_or(0);
    let row = |team: TeamId, name: &str, standing: Standing| ObjectiveRow {
        team: s.team(team).name.clone(),
        name: name.to_string(),
        status: standing.describe(s, now),
        grade: match standing {
            Standing::Met(_) => Grade::Met,
            Standing::Missed(_) => Grade::Missed,
            Standing::NotApplicable => Grade::NotApplicable,
            Standing::Due(_) if standing.at_risk(s, now) => Grade::AtRisk,
            Standing::Due(_) | Standing::Pending => Grade::Pending,
        },
    };
    if let Seat::Team(t) = app.seat {
        return app
            .sim
            .knowledge(t)
            .objectives()
            .into_iter()
            .map(|o| row(t, &o.name, o.standing))
            .collect();
    }
    let book = app.sim.world.resource::<ObjectiveBook>();
    s.objectives
        .iter()
        .zip(&book.status)
        .map(|(o, st)| {
            let standing = match *st {
                ObjectiveStatus::Met(t) => Standing::Met(t),
                ObjectiveStatus::Missed(t) => Standing::Missed(t),
                ObjectiveStatus::NotApplicable => Standing::NotApplicable,
                ObjectiveStatus::Pending { .. } => st
                    .due_by(o.deadline.as_ref())
                    .map_or(Standing::Pending, Standing::Due),
            };
            row(o.team, &o.name, standing)
        })
        .collect()
}

/// What a team was told, newest first.
pub fn inbox(app: &App, team: TeamId) -> Vec<&Event> {
    let mut v: Vec<&Event> = app.sim.knowledge(team).events().collect();
    v.reverse();
    v
}

pub fn inbox_event(app: &App, team: TeamId, cursor: usize) -> Option<&Event> {
    inbox(app, team).into_iter().nth(cursor)
}

pub fn is_unread(app: &App, team: TeamId, event: &Event) -> bool {
    matches!(
        event.kind,
        EventKind::InjectDelivered | EventKind::Message | EventKind::IntelReceived
    ) && !app.read.contains(&(team, event.seq))
}

/// Intelligence a team holds, in scenario order.
pub fn held_intel(app: &App, team: TeamId) -> Vec<IntelId> {
    app.sim.knowledge(team).held_intel()
}

#[derive(Clone, Debug, PartialEq)]
pub struct IntelRow {
    pub title: String,
    pub marking: String,
    pub tlp: Tlp,
    pub source: String,
}

pub fn intel_rows(app: &App, team: TeamId) -> Vec<IntelRow> {
    app.sim
        .knowledge(team)
        .intel()
        .into_iter()
        .map(|i| IntelRow {
            title: i.title,
            marking: i.marking,
            tlp: i.tlp,
            source: i.source,
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow {
    pub action: ActionId,
    pub name: String,
    pub description: String,
    pub duration: String,
    pub cost: u32,
    /// Why it cannot be taken now, if it cannot.
    pub unavailable: Option<String>,
    pub needs_authorisation: Vec<String>,
}

/// The actions a team may take, each with whether it can be taken now and why not, judged on
/// what the team knows.
pub fn action_rows(app: &App, team: TeamId) -> Vec<ActionRow> {
    app.sim
        .knowledge(team)
        .actions()
        .into_iter()
        .map(|o| ActionRow {
            action: o.action,
            name: o.name,
            description: o.description,
            duration: o.duration,
            cost: o.cost,
            unavailable: o.unavailable,
            needs_authorisation: o.needs_authorisation,
        })
        .collect()
}

/// Why a team may not give a request now, judged on what it knows (and on a copy of the
/// chance source, so that looking never changes the run).
pub fn refusal(app: &App, req: &Request) -> Option<String> {
    app.sim.knowledge(req.team).refusal(req)
}

/// The dependency map: each asset nothing else depends on, with what it needs beneath it.
/// Lines are (depth, asset, soft dependency).
pub fn map_lines(app: &App) -> Vec<(usize, AssetId, bool)> {
    let s = &app.scenario;
    let mut needed = vec![false; s.assets.len()];
    for a in &s.assets {
        for d in a.depends_on.iter().chain(&a.uses) {
            needed[d.index()] = true;
        }
    }
    let mut lines = Vec::new();
    let mut shown = vec![false; s.assets.len()];
    for (i, _) in s.assets.iter().enumerate().filter(|(i, _)| !needed[*i]) {
        walk(app, AssetId(i as u32), 0, false, &mut lines, &mut shown);
    }
    lines
}

fn walk(
    app: &App,
    id: AssetId,
    depth: usize,
    soft: bool,
    lines: &mut Vec<(usize, AssetId, bool)>,
    shown: &mut [bool],
) {
    lines.push((depth, id, soft));
    if shown[id.index()] || depth > 12 {
        return;
    }
    shown[id.index()] = true;
    let a = app.scenario.asset(id);
    for d in &a.depends_on {
        walk(app, *d, depth + 1, false, lines, shown);
    }
    for d in &a.uses {
        walk(app, *d, depth + 1, true, lines, shown);
    }
}

/// The state of an asset as the seat sees it (a team sees only its own; others look normal).
pub fn asset_shown(app: &App, id: AssetId) -> Shown {
    if let Seat::Team(t) = app.seat {
        return app.sim.knowledge(t).asset(id).unwrap_or(Shown::Normal);
    }
    let world = &app.sim.world;
    world
        .get::<AssetStatus>(world.resource::<AssetIndex>().get(id))
        .map_or(Shown::Normal, Shown::truth)
}

/// Measures worth charting: every throughput, then loss and trust; (name, unit, series).
pub fn chart_series(app: &App) -> Vec<(String, String, Vec<f64>)> {
    let history = app.sim.world.resource::<MeasureHistory>();
    let s = &app.scenario;
    s.all_measures()
        .iter()
        .zip(&history.series)
        .filter(|(m, _)| {
            !matches!(
                m,
                crate::scenario::model::Measure::RecordsExposed
                    | crate::scenario::model::Measure::ServiceLevel
            )
        })
        .map(|(m, series)| {
            let unit = match m {
                crate::scenario::model::Measure::Throughput(id) => {
                    s.service_measures[id.index()].unit.clone()
                }
                crate::scenario::model::Measure::EconomicLoss => s.measures.currency.clone(),
                _ => "/100".into(),
            };
            (s.measure_name(*m), unit, series.clone())
        })
        .collect()
}

/// Every event for the white cell; what the team knows for a team seat; newest first.
pub fn timeline(app: &App) -> Vec<&Event> {
    let mut v: Vec<&Event> = match app.seat {
        Seat::WhiteCell => app
            .sim
            .log()
            .events()
            .iter()
            .filter(|e| e.kind != EventKind::StageBegan)
            .collect(),
        Seat::Team(t) => app.sim.knowledge(t).events().collect(),
    };
    v.reverse();
    v
}

pub fn notes(app: &App) -> Vec<&Event> {
    app.sim
        .log()
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::Note)
        .rev()
        .collect()
}

/// Rows on the current screen.
pub fn row_count(app: &App) -> usize {
    match (app.current_tab(), app.seat) {
        (Tab::Board, _) | (Tab::Assets, _) => asset_rows(app).len(),
        (Tab::Msel, _) => msel_rows(app).len(),
        (Tab::Objectives, _) => objective_rows(app).len(),
        (Tab::Timeline, _) => timeline(app).len(),
        (Tab::Notes, _) => notes(app).len(),
        (Tab::Map, _) => map_lines(app).len(),
        (Tab::Charts, _) => 0,
        (Tab::Inbox, Seat::Team(t)) => inbox(app, t).len(),
        (Tab::Actions, Seat::Team(t)) => action_rows(app, t).len(),
        (Tab::Intel, Seat::Team(t)) => held_intel(app, t).len(),
        _ => 0,
    }
}
