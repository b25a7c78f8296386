//! View models: what each screen shows, read off the World after the tick and held as plain
//! data. Widgets draw only these. A team's view is built only from what that team knows (the
//! events it was told, its own assets as it sees them, the intelligence it holds); the white
//! cell's view is ground truth.

use crate::scenario::model::TeamId;
use crate::scenario::model::{ActionId, AssetId, InjectId, IntelId, Tlp, Trigger};
use crate::sim::actions::{ActionBook, InFlight, Request, Situation, Verdict, judge};
use crate::sim::adversary::{CampaignIndex, CampaignState, StageState};
use crate::sim::assets::{AssetIndex, AssetStatus};
use crate::sim::facts::Level;
use crate::sim::injects::{InjectBook, InjectStatus};
use crate::sim::intel::IntelState;
use crate::sim::log::{Event, EventKind};
use crate::sim::measures::MeasureHistory;
use crate::sim::objectives::{ObjectiveBook, ObjectiveStatus};
use crate::sim::{ScenarioRes, SimRng};

use super::app::{Console, Seat, Tab};
use crate::session::live::Live;

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
pub fn asset_rows(app: &Console, live: &Live) -> Vec<AssetRow> {
    let world = &live.sim().world;
    let index = world.resource::<AssetIndex>();
    live.scenario()
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
                owner: live.scenario().team(a.owner).id.clone(),
                name: a.name.clone(),
                shown: shown(status, app.seat == Seat::WhiteCell),
            })
        })
        .collect()
}

pub fn board_asset(app: &Console, live: &Live, cursor: usize) -> Option<AssetId> {
    asset_rows(app, live).get(cursor).map(|r| r.id)
}

/// A campaign's progress, stage by stage, for the white cell.
pub fn campaign_lines(live: &Live) -> Vec<(String, Vec<(String, String)>)> {
    let world = &live.sim().world;
    world
        .resource::<CampaignIndex>()
        .0
        .iter()
        .filter_map(|e| world.get::<CampaignState>(*e))
        .map(|c| {
            let campaign = &live.scenario().campaigns[c.id.index()];
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
                            live.scenario().asset(*target).id,
                            live.scenario().clock.label(*ends)
                        ),
                        StageState::Succeeded(t) => {
                            format!("done {}", live.scenario().clock.label(*t))
                        }
                        StageState::Failed(t) => {
                            format!("failed {}", live.scenario().clock.label(*t))
                        }
                    };
                    (format!("{} {}", s.technique, s.id), state)
                })
                .collect();
            (format!("{}{halted}", campaign.name), stages)
        })
        .collect()
}

/// Actions under way, as (label, sequence number), visible to the seat.
pub fn flights(app: &Console, live: &Live) -> Vec<(String, u32)> {
    let mut q = live.sim().world.try_query::<&InFlight>();
    let mut v: Vec<(String, u32)> = match q.as_mut() {
        Some(q) => q
            .iter(&live.sim().world)
            .filter(|f| match app.seat {
                Seat::WhiteCell => true,
                Seat::Team(t) => f.team == t,
            })
            .map(|f| {
                let on = f
                    .target
                    .map(|t| format!(" on {}", live.scenario().asset(t).name))
                    .unwrap_or_default();
                let left = live
                    .scenario()
                    .clock
                    .elapsed(f.ends.saturating_sub(live.sim().tick().unwrap_or(0)));
                let label = format!(
                    "{}: {}{on} ({} left)",
                    live.scenario().team(f.team).name,
                    live.scenario().action(f.action).name,
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

pub fn msel_rows(live: &Live) -> Vec<MselRow> {
    let book = live.sim().world.resource::<InjectBook>();
    let clock = &live.scenario().clock;
    live.scenario()
        .injects
        .iter()
        .enumerate()
        .map(|(i, inject)| {
            let when = match &inject.trigger {
                Trigger::At(t) => clock.label(*t),
                Trigger::When(_) => "on condition".into(),
            };
            let held = book.not_before[i] > live.sim().tick().unwrap_or(0);
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
                .map(|t| live.scenario().team(*t).id.as_str())
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

pub fn msel_inject(live: &Live, cursor: usize) -> Option<InjectId> {
    msel_rows(live)
        .get(cursor)
        .filter(|r| !r.done)
        .map(|r| r.inject)
}

pub fn inject_text(live: &Live, inject: InjectId) -> String {
    live.sim()
        .world
        .resource::<InjectBook>()
        .text(inject, live.scenario())
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

pub fn objective_rows(app: &Console, live: &Live) -> Vec<ObjectiveRow> {
    let book = live.sim().world.resource::<ObjectiveBook>();
    let clock = &live.scenario().clock;
    let now = live.sim().tick().unwrap_or(0);
    live.scenario()
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
                team: live.scenario().team(o.team).name.clone(),
                name: o.name.clone(),
                status,
                grade,
            }
        })
        .collect()
}

/// What a team was told, newest first.
pub fn inbox(live: &Live, team: TeamId) -> Vec<&Event> {
    let mut v: Vec<&Event> = live.sim().log().known_by(team).collect();
    v.reverse();
    v
}

pub fn inbox_event(live: &Live, team: TeamId, cursor: usize) -> Option<&Event> {
    inbox(live, team).into_iter().nth(cursor)
}

pub fn is_unread(live: &Live, team: TeamId, event: &Event) -> bool {
    matches!(
        event.kind,
        EventKind::InjectDelivered | EventKind::Message | EventKind::IntelReceived
    ) && !live.has_read(team, event.seq)
}

/// Intelligence a team holds, in scenario order.
pub fn held_intel(live: &Live, team: TeamId) -> Vec<IntelId> {
    let state = live.sim().world.resource::<IntelState>();
    (0..live.scenario().intel.len() as u32)
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

pub fn intel_rows(live: &Live, team: TeamId) -> Vec<IntelRow> {
    let state = live.sim().world.resource::<IntelState>();
    held_intel(live, team)
        .into_iter()
        .map(|i| {
            let item = &live.scenario().intel[i.index()];
            let s = &state.items[i.index()];
            IntelRow {
                title: item.title.clone(),
                marking: format!("{:?} · {}", s.classification, s.tlp.label()).to_uppercase(),
                tlp: s.tlp,
                source: live.scenario().team(item.source).name.clone(),
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
pub fn action_rows(live: &Live, team: TeamId) -> Vec<ActionRow> {
    let s = &live.scenario();
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
                .then(|| held_intel(live, team).first().copied())
                .flatten();
            let unavailable = if a.needs_intel() && intel.is_none() {
                Some("your team holds no intelligence item".to_string())
            } else {
                refusal(
                    live,
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
pub fn refusal(live: &Live, req: &Request) -> Option<String> {
    let world = &live.sim().world;
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
        facts: live.sim().facts(),
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
pub fn map_lines(live: &Live) -> Vec<(usize, AssetId, bool)> {
    let s = &live.scenario();
    let mut needed = vec![false; s.assets.len()];
    for a in &s.assets {
        for d in a.depends_on.iter().chain(&a.uses) {
            needed[d.index()] = true;
        }
    }
    let mut lines = Vec::new();
    let mut shown = vec![false; s.assets.len()];
    for (i, _) in s.assets.iter().enumerate().filter(|(i, _)| !needed[*i]) {
        walk(live, AssetId(i as u32), 0, false, &mut lines, &mut shown);
    }
    lines
}

fn walk(
    live: &Live,
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
    let a = live.scenario().asset(id);
    for d in &a.depends_on {
        walk(live, *d, depth + 1, false, lines, shown);
    }
    for d in &a.uses {
        walk(live, *d, depth + 1, true, lines, shown);
    }
}

/// The state of an asset as the seat sees it.
pub fn asset_shown(app: &Console, live: &Live, id: AssetId) -> Shown {
    let world = &live.sim().world;
    world
        .get::<AssetStatus>(world.resource::<AssetIndex>().get(id))
        .map_or(Shown::Normal, |s| shown(s, app.seat == Seat::WhiteCell))
}

/// Measures worth charting: every throughput, then loss and trust; (name, unit, series).
pub fn chart_series(live: &Live) -> Vec<(String, String, Vec<f64>)> {
    let history = live.sim().world.resource::<MeasureHistory>();
    let s = &live.scenario();
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
pub fn timeline<'a>(app: &Console, live: &'a Live) -> Vec<&'a Event> {
    let mut v: Vec<&Event> = match app.seat {
        Seat::WhiteCell => live
            .sim()
            .log()
            .events()
            .iter()
            .filter(|e| e.kind != EventKind::StageBegan)
            .collect(),
        Seat::Team(t) => live.sim().log().known_by(t).collect(),
    };
    v.reverse();
    v
}

pub fn notes(live: &Live) -> Vec<&Event> {
    live.sim()
        .log()
        .events()
        .iter()
        .filter(|e| e.kind == EventKind::Note)
        .rev()
        .collect()
}

/// Rows on the current screen.
pub fn row_count(app: &Console, live: &Live) -> usize {
    match (app.current_tab(), app.seat) {
        (Tab::Board, _) | (Tab::Assets, _) => asset_rows(app, live).len(),
        (Tab::Msel, _) => msel_rows(live).len(),
        (Tab::Objectives, _) => objective_rows(app, live).len(),
        (Tab::Timeline, _) => timeline(app, live).len(),
        (Tab::Notes, _) => notes(live).len(),
        (Tab::Map, _) => map_lines(live).len(),
        (Tab::Charts, _) => 0,
        (Tab::Inbox, Seat::Team(t)) => inbox(live, t).len(),
        (Tab::Actions, Seat::Team(t)) => action_rows(live, t).len(),
        (Tab::Intel, Seat::Team(t)) => held_intel(live, t).len(),
        _ => 0,
    }
}
