//! View models: what each screen shows, read off the World after the tick and held as plain
//! data. Widgets draw only these. A team's view is built only from what that team knows (the
//! events it was told, its own assets as it sees them, the intelligence it holds); the white
//! cell's view is ground truth.

use crate::scenario::model::TeamId;
use crate::scenario::model::{ActionId, AssetId, InjectId, IntelId, Tlp, Trigger};
use crate::sim::actions::{ActionBook, InFlight, Request, Situation, Verdict, judge};
use crate::sim::adversary::{CampaignIndex, CampaignState};
use crate::sim::assets::{AssetIndex, AssetStatus};
use crate::sim::facts::Level;
use crate::sim::injects::{InjectBook, InjectStatus};
use crate::sim::intel::IntelState;
use crate::sim::log::{Event, EventKind};
use crate::sim::measures::MeasureHistory;
use crate::sim::objectives::{ObjectiveBook, ObjectiveStatus};
use crate::sim::{ScenarioRes, SimRng};

use super::app::{App, Seat, Tab};

/// An asset's state as one seat sees it, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shown {
    Restoring,
    Isolated,
    Down,
    CompromisedKnown,
    CompromisedHidden,
    Degraded,
    Normal,
}

impl Shown {
    pub fn label(self) -> &'static str {
        match self {
            Shown::Restoring => "restoring",
            Shown::Isolated => "isolated",
            Shown::Down => "down",
            Shown::CompromisedKnown => "compromised (known)",
            Shown::CompromisedHidden => "compromised (undetected)",
            Shown::Degraded => "degraded",
            Shown::Normal => "normal",
        }
    }

    /// A mark that carries the state without colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Shown::Restoring => "↻",
            Shown::Isolated => "⊘",
            Shown::Down => "✖",
            Shown::CompromisedKnown => "!",
            Shown::CompromisedHidden => "?",
            Shown::Degraded => "▲",
            Shown::Normal => "●",
        }
    }
}

/// How an asset looks: ground truth for the white cell, the owner's knowledge otherwise.
pub fn shown(status: &AssetStatus, truth: bool) -> Shown {
    if status.restoring_until.is_some() {
        Shown::Restoring
    } else if status.isolated {
        Shown::Isolated
    } else if status.level == Level::Down {
        Shown::Down
    } else if status.compromises.iter().any(|c| c.known_to_owner) {
        Shown::CompromisedKnown
    } else if truth && status.compromised() {
        Shown::CompromisedHidden
    } else if status.level == Level::Degraded {
        Shown::Degraded
    } else {
        Shown::Normal
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssetRow {
    pub id: AssetId,
    pub owner: String,
    pub name: String,
    pub shown: Shown,
}

/// Assets as a seat sees them: all of them for the white cell, a team's own otherwise.
pub fn asset_rows(app: &App) -> Vec<AssetRow> {
    let world = &app.sim.world;
    let index = world.resource::<AssetIndex>();
    app.scenario
        .assets
        .iter()
        .enumerate()
        .filter(|(_, a)| match app.seat {
            Seat::WhiteCell => true,
            Seat::Team(t) => a.owner == t,
        })
        .filter_map(|(i, a)| {
            let id = AssetId(i as u32);
            let status = world.get::<AssetStatus>(index.get(id))?;
            Some(AssetRow {
                id,
                owner: app.scenario.team(a.owner).id.clone(),
                name: a.name.clone(),
                shown: shown(status, app.seat == Seat::WhiteCell),
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
                    (
                        format!("{} {}", s.technique, s.id),
                        st.describe(&app.scenario),
                    )
                })
                .collect();
            (format!("{}{halted}", campaign.name), stages)
        })
        .collect()
}

/// Actions under way, as (label, sequence number), visible to the seat.
pub fn flights(app: &App) -> Vec<(String, u32)> {
    let mut q = app.sim.world.try_query::<&InFlight>();
    let mut v: Vec<(String, u32)> = match q.as_mut() {
        Some(q) => q
            .iter(&app.sim.world)
            .filter(|f| match app.seat {
                Seat::WhiteCell => true,
                Seat::Team(t) => f.team == t,
            })
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

pub fn objective_rows(app: &App) -> Vec<ObjectiveRow> {
    let book = app.sim.world.resource::<ObjectiveBook>();
    let clock = &app.scenario.clock;
    let now = app.sim.tick().unwrap_or(0);
    app.scenario
        .objectives
        .iter()
        .zip(&book.status)
        .filter(|(o, _)| match app.seat {
            Seat::WhiteCell => true,
            Seat::Team(t) => o.team == t,
        })
        .map(|(o, s)| {
            let (status, grade) = match s {
                ObjectiveStatus::Met(t) => (format!("met {}", clock.label(*t)), Grade::Met),
                ObjectiveStatus::Missed(t) => {
                    (format!("missed {}", clock.label(*t)), Grade::Missed)
                }
                ObjectiveStatus::NotApplicable => ("not applicable".into(), Grade::NotApplicable),
                ObjectiveStatus::Pending { .. } => match s.due_by(o.deadline.as_ref()) {
                    Some(due) => {
                        let left = clock.elapsed(due.saturating_sub(now));
                        let risky =
                            due.saturating_sub(now) <= clock.ticks(crate::simtime::Minutes(120));
                        let grade = if risky { Grade::AtRisk } else { Grade::Pending };
                        (format!("due {} ({left} left)", clock.label(due)), grade)
                    }
                    None => ("pending".into(), Grade::Pending),
                },
            };
            ObjectiveRow {
                team: app.scenario.team(o.team).name.clone(),
                name: o.name.clone(),
                status,
                grade,
            }
        })
        .collect()
}

/// What a team was told, newest first.
pub fn inbox(app: &App, team: TeamId) -> Vec<&Event> {
    let mut v: Vec<&Event> = app.sim.log().known_by(team).collect();
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
    let state = app.sim.world.resource::<IntelState>();
    (0..app.scenario.intel.len() as u32)
        .map(IntelId)
        .filter(|i| state.holds(team, *i))
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct IntelRow {
    pub title: String,
    pub marking: String,
    pub tlp: Tlp,
    pub source: String,
}

pub fn intel_rows(app: &App, team: TeamId) -> Vec<IntelRow> {
    let state = app.sim.world.resource::<IntelState>();
    held_intel(app, team)
        .into_iter()
        .map(|i| {
            let item = &app.scenario.intel[i.index()];
            let s = &state.items[i.index()];
            IntelRow {
                title: item.title.clone(),
                marking: format!("{:?} · {}", s.classification, s.tlp.label()).to_uppercase(),
                tlp: s.tlp,
                source: app.scenario.team(item.source).name.clone(),
            }
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

/// The actions a team may take, each with whether it can be taken now and why not.
pub fn action_rows(app: &App, team: TeamId) -> Vec<ActionRow> {
    let s = &app.scenario;
    s.actions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.teams.contains(&team))
        .map(|(i, a)| {
            let action = ActionId(i as u32);
            // Targets, recipients and items are chosen later: judge the action on its own terms.
            let target = a.targets.as_ref().and_then(|t| t.first().copied());
            let to = a.needs_team().then(|| TeamId(u32::from(team.0 == 0)));
            let intel = a
                .needs_intel()
                .then(|| held_intel(app, team).first().copied())
                .flatten();
            let unavailable = if a.needs_intel() && intel.is_none() {
                Some("your team holds no intelligence item".to_string())
            } else {
                refusal(
                    app,
                    &Request {
                        team,
                        action,
                        target,
                        to,
                        intel,
                    },
                )
                .filter(|r| !r.starts_with("cannot share"))
            };
            ActionRow {
                action,
                name: a.name.clone(),
                description: a.description.clone(),
                duration: crate::simtime::Minutes(a.duration_ticks * s.clock.tick.0).to_string(),
                cost: a.cost,
                unavailable,
                needs_authorisation: a
                    .authorised_by
                    .iter()
                    .map(|t| s.team(*t).name.clone())
                    .collect(),
            }
        })
        .collect()
}

/// Why the engine would refuse a request now, judged on a copy of the chance source so that
/// looking never changes the run.
pub fn refusal(app: &App, req: &Request) -> Option<String> {
    let world = &app.sim.world;
    let scenario = &world.resource::<ScenarioRes>().scenario;
    let under_way = {
        let mut q = world.try_query::<&InFlight>();
        q.as_mut().is_some_and(|q| {
            q.iter(world)
                .any(|f| f.team == req.team && f.action == req.action)
        })
    };
    let situation = Situation {
        scenario,
        facts: app.sim.facts(),
        intel: world.resource::<IntelState>(),
        book: world.resource::<ActionBook>(),
        under_way,
    };
    let mut rng = world.resource::<SimRng>().0.clone();
    match judge(req, &situation, &mut rng) {
        Verdict::Start | Verdict::Await(_) => None,
        Verdict::Refuse { reason, .. } => Some(reason),
    }
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

/// The state of an asset as the seat sees it.
pub fn asset_shown(app: &App, id: AssetId) -> Shown {
    let world = &app.sim.world;
    world
        .get::<AssetStatus>(world.resource::<AssetIndex>().get(id))
        .map_or(Shown::Normal, |s| shown(s, app.seat == Seat::WhiteCell))
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
        Seat::Team(t) => app.sim.log().known_by(t).collect(),
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
