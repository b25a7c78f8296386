//! What a team knows, asked of the core: the one read API every front end uses for a team's
//! seat (the console, `kunren view`, a network host, tests). None of them filters on its own.
//!
//! A team knows the log entries it was told of, its own assets as it sees them (no undetected
//! intruders), the intelligence it holds, its objectives (a deadline counted from an event only
//! once the team knows of that event), and which of its actions are available, judged on a
//! knowledge-filtered copy of the facts ([`known_facts`]), never on ground truth.
//!
//! Two judgements of an action exist, on purpose. Whether an action *starts* is the engine's
//! (`actions::judge` over the true facts, in the Commands phase): the world is what it is.
//! Whether an action is *shown* as available, and whether a team seat may give it, is judged
//! here on what the team knows: an action whose `requires:` holds in truth but not in the team's
//! knowledge is shown with what it needs in words ([`unmet`], "needs: you have found ..."),
//! judged on the team's known facts, so it reads the same as when it truly is not possible and
//! looking gives nothing away; [`Knowledge::refusal`] refuses it before it reaches the engine.

use super::State;
use bevy_ecs::prelude::*;
use serde::Serialize;

use super::actions::{Request, Situation, UnderWay, Verdict, Why, judge};
use super::assets::{AssetIndex, AssetStatus};
use super::facts::{AssetFacts, Facts, Level, holds};
use super::log::{About, Event, EventKind};
use super::objectives::{ObjectiveBook, ObjectiveStatus};
use super::{ScenarioRes, SimRng, Simulation};
use crate::command::Command;
use crate::lang::Lang;
use crate::scenario::model::{
    ActionId, AssetId, Channel, Condition, Deadline, Effect, IntelId, LevelId, ObjectiveId,
    Scenario, TeamId, TextKey, Tlp,
};
use crate::simtime::Minutes;
use crate::simtime::Zone;

/// An asset's state as one seat sees it, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
    /// Ground truth, as the white cell sees it: hidden intruders included. `level` is the
    /// asset's level from the cascade (in the facts).
    pub fn truth(status: &AssetStatus, level: Level) -> Shown {
        Shown::of(status, level, true)
    }

    /// As the asset's owner sees it: an intruder it has not detected is not there.
    pub fn to_owner(status: &AssetStatus, level: Level) -> Shown {
        Shown::of(status, level, false)
    }

    fn of(status: &AssetStatus, level: Level, truth: bool) -> Shown {
        if status.restoring_until.is_some() {
            Shown::Restoring
        } else if status.isolated {
            Shown::Isolated
        } else if level == Level::Down {
            Shown::Down
        } else if status.compromises.iter().any(|c| c.known_to_owner) {
            Shown::CompromisedKnown
        } else if truth && status.compromised() {
            Shown::CompromisedHidden
        } else if level == Level::Degraded {
            Shown::Degraded
        } else {
            Shown::Normal
        }
    }

    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    /// The state in words in `lang`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        if lang == Lang::Ja {
            return match self {
                Shown::Restoring => "復旧中",
                Shown::Isolated => "隔離中",
                Shown::Down => "停止",
                Shown::CompromisedKnown => "侵害あり（判明）",
                Shown::CompromisedHidden => "侵害あり（未検知）",
                Shown::Degraded => "機能低下",
                Shown::Normal => "正常",
            };
        }
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

/// The facts as `team` knows them, for judging conditions on its knowledge:
/// - the time and the exercise phase are known to all;
/// - the assets it owns or operates for their owner, and those of every team that has reported
///   to it or asked it for help (from then on: they are in touch), as their owner sees them: a compromise counts only once
///   the owner knows of it (`owner_knows_compromise`). Other assets look normal: nothing was
///   learnt of them;
/// - a stage has happened only once the team knows of it (detected it, or was told), from the
///   later of the two ticks;
/// - its own detections, holdings and completed actions, and any team's completed action that
///   makes a public statement (everyone is told of it);
/// - injects delivered to it;
/// - the actions it, or a team it authorises them for, has been granted;
/// - the crisis level (declared to all);
/// - what it sent that reached its recipients, and what it received;
/// - the notices it owed after the fact and let pass their deadline (it is told of each);
/// - a campaign halted by a takedown (announced to all), or by an active-defence operation of its
///   own;
/// - no measure: teams are shown none, so every measure is NaN and `Above`/`Below` never hold.
pub fn known_facts(
    scenario: &Scenario,
    truth: &Facts,
    team: TeamId,
    owner_knows_compromise: impl Fn(AssetId) -> bool,
) -> Facts {
    known_parts(scenario, truth, team, owner_knows_compromise, Reads::ALL)
}

/// The parts of [`Facts`] a condition reads. [`known_parts`] fills only those, so judging one
/// condition on a team's knowledge does not copy the rest (a cost paid every tick by
/// [`learn_anchors`]); `holds` gives the same answer as on the whole of [`known_facts`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reads {
    assets: bool,
    stages: bool,
    detected: bool,
    done: bool,
    delivered: bool,
    holds: bool,
    measures: bool,
    halted: bool,
    granted: bool,
    received: bool,
    notices: bool,
    /// No condition reads it; [`known_facts`] fills it for the front ends.
    confided: bool,
}

impl Reads {
    const ALL: Reads = Reads {
        assets: true,
        stages: true,
        detected: true,
        done: true,
        delivered: true,
        holds: true,
        measures: true,
        halted: true,
        granted: true,
        received: true,
        notices: true,
        confided: true,
    };

    pub(crate) fn of(cond: &Condition) -> Reads {
        let mut r = Reads::default();
        r.add(cond);
        r
    }

    fn add(&mut self, cond: &Condition) {
        match cond {
            Condition::Always
            | Condition::After(_)
            | Condition::Phase(_)
            | Condition::Chance(_)
            | Condition::Level(_) => {}
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| self.add(c)),
            Condition::Not(c) => self.add(c),
            Condition::Asset(..) => self.assets = true,
            Condition::Stage(_) => self.stages = true,
            Condition::Detected(..) => self.detected = true,
            Condition::Done(..) | Condition::DoneOn(..) => self.done = true,
            Condition::DetectedAny(..) => self.detected = true,
            Condition::Delivered(_) => self.delivered = true,
            Condition::Holds(..) => self.holds = true,
            Condition::Above(..) | Condition::Below(..) => self.measures = true,
            Condition::Halted(_) => self.halted = true,
            Condition::Granted(..) => self.granted = true,
            Condition::Received(..) => self.received = true,
            Condition::NoticeMissed(..) => self.notices = true,
        }
    }
}

/// [`known_facts`], with only the parts in `reads` filled (the others left empty).
fn known_parts(
    scenario: &Scenario,
    truth: &Facts,
    team: TeamId,
    owner_knows_compromise: impl Fn(AssetId) -> bool,
    reads: Reads,
) -> Facts {
    let mut known = Facts {
        tick: truth.tick,
        phase: truth.phase,
        level: known_level(truth),
        ..Facts::default()
    };
    let in_touch = |owner: TeamId| owner == team || truth.confided.contains_key(&(team, owner));
    if reads.assets {
        known.assets = scenario
            .assets
            .iter()
            .enumerate()
            .map(|(i, a)| match truth.assets.get(i) {
                Some(f) if in_touch(a.owner) || a.operators.contains(&team) => AssetFacts {
                    compromised: owner_knows_compromise(AssetId(i as u32)),
                    ..*f
                },
                _ => AssetFacts::default(),
            })
            .collect();
    }
    if reads.stages {
        known.stages = truth
            .detected
            .iter()
            .filter(|((t, _), _)| *t == team)
            .filter_map(|((_, s), learnt)| truth.stages.get(s).map(|done| (*s, *done.max(learnt))))
            .collect();
    }
    let public = |action: ActionId| {
        scenario.actions.get(action.index()).is_some_and(|a| {
            a.effects
                .iter()
                .any(|e| matches!(e, Effect::PublicStatement { .. }))
        })
    };
    if reads.detected {
        known.detected = mine(&truth.detected, team);
    }
    if reads.done {
        known.done = truth
            .done
            .iter()
            .filter(|((t, a), _)| *t == team || public(*a))
            .map(|(k, v)| (*k, *v))
            .collect();
        known.done_on = truth
            .done_on
            .iter()
            .filter(|((t, a, _), _)| *t == team || public(*a))
            .map(|(k, v)| (*k, *v))
            .collect();
    }
    if reads.delivered {
        known.delivered = truth
            .delivered
            .iter()
            .filter(|(i, _)| {
                scenario
                    .injects
                    .get(i.index())
                    .is_some_and(|inj| inj.to.contains(&team))
            })
            .map(|(i, t)| (*i, *t))
            .collect();
    }
    if reads.holds {
        known.holds = truth
            .holds
            .iter()
            .filter(|(t, _)| *t == team)
            .copied()
            .collect();
    }
    if reads.confided {
        known.confided = mine(&truth.confided, team);
    }
    if reads.granted {
        known.granted = truth
            .granted
            .iter()
            .filter(|((t, a), _)| {
                *t == team
                    || scenario
                        .actions
                        .get(a.index())
                        .is_some_and(|x| x.authorised_by.contains(&team))
            })
            .map(|(k, v)| (*k, *v))
            .collect();
    }
    if reads.received {
        known.received = truth
            .received
            .iter()
            .filter(|((to, from, _), _)| *to == team || *from == team)
            .map(|(k, v)| (*k, *v))
            .collect();
    }
    if reads.notices {
        known.notices_missed = mine(&truth.notices_missed, team);
    }
    if reads.halted {
        known.halted = truth
            .halted
            .iter()
            .filter(|(_, h)| h.announced || h.by == team)
            .map(|(c, h)| (*c, *h))
            .collect();
    }
    if reads.measures {
        known.measures = vec![f64::NAN; truth.measures.len()];
    }
    known
}

fn mine<K: Copy + Ord>(
    map: &std::collections::BTreeMap<(TeamId, K), u32>,
    team: TeamId,
) -> std::collections::BTreeMap<(TeamId, K), u32> {
    map.iter()
        .filter(|((t, _), _)| *t == team)
        .map(|(k, v)| (*k, *v))
        .collect()
}

/// For each objective, the tick its team first knew of the event its `Within` deadline counts
/// from (judged on [`known_facts`]); kept by [`learn_anchors`] so a deadline, once shown, stays.
#[derive(Debug, Default)]
pub struct KnownAnchors(pub Vec<Option<u32>>);

pub fn start(scenario: &Scenario) -> KnownAnchors {
    KnownAnchors(vec![None; scenario.objectives.len()])
}

/// Marks the objectives whose deadline event has happened (the objective is no longer waiting
/// for it) and is now known to their team. It runs after the objectives are judged, so it sees
/// the event the tick it happens; it reads only, and judges chance on a copy of the chance
/// source, so the run is unchanged.
pub fn learn_anchors(
    scenario: &ScenarioRes,
    truth: &Facts,
    book: &ObjectiveBook,
    rng: &SimRng,
    index: &AssetIndex,
    statuses: &Query<&AssetStatus>,
    known: &mut KnownAnchors,
) {
    for (i, objective) in scenario.objectives.iter().enumerate() {
        let Some(Deadline::Within(_, event)) = &objective.deadline else {
            continue;
        };
        if known.0[i].is_some() {
            continue;
        }
        // Only once the event has happened in truth (the deadline runs from then; an objective
        // met or missed under such a deadline has had its event).
        if matches!(
            book.status.get(i),
            None | Some(ObjectiveStatus::Pending { anchor: None } | ObjectiveStatus::NotApplicable)
        ) {
            continue;
        }
        let facts = known_parts(
            scenario,
            truth,
            objective.team,
            |a| owner_knows(index, statuses, a),
            Reads::of(event),
        );
        let mut chance = rng.0.clone();
        if holds(event, &facts, &scenario.measure_list, &mut chance) {
            known.0[i] = Some(truth.tick);
        }
    }
}

fn owner_knows(index: &AssetIndex, statuses: &Query<&AssetStatus>, asset: AssetId) -> bool {
    index
        .0
        .get(asset.index())
        .and_then(|e| statuses.get(*e).ok())
        .is_some_and(|s| s.compromises.iter().any(|c| c.known_to_owner))
}

/// Where an objective stands, as its team sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Standing {
    Met(u32),
    Missed(u32),
    NotApplicable,
    /// Pending, and due by this tick.
    Due(u32),
    /// Pending with no date the team can know: no deadline, or one counted from an event the
    /// team has not learnt of.
    Pending,
}

impl Standing {
    /// "met Tue 04 Jul 06:30", "due Tue 04 Jul 18:00 (11h30m left)", "pending".
    pub fn describe(self, scenario: &Scenario, now: u32) -> String {
        self.describe_in(scenario, now, None)
    }

    /// The same, its times in `zone` (a team's own clock).
    pub fn describe_in(self, scenario: &Scenario, now: u32, zone: Option<&Zone>) -> String {
        self.describe_lang(scenario, now, zone, Lang::En)
    }

    /// The same, in `lang`: "達成 7月4日(火) 06:30", "期限 ...（残り 11時間30分）".
    pub fn describe_lang(
        self,
        scenario: &Scenario,
        now: u32,
        zone: Option<&Zone>,
        lang: Lang,
    ) -> String {
        let clock = &scenario.clock;
        match self {
            Standing::Met(t) => format!(
                "{} {}",
                lang.pick("met", "達成"),
                clock.label_for(t, zone, lang)
            ),
            Standing::Missed(t) => {
                format!(
                    "{} {}",
                    lang.pick("missed", "未達"),
                    clock.label_for(t, zone, lang)
                )
            }
            Standing::NotApplicable => lang.pick("not applicable", "対象外").into(),
            Standing::Due(due) => {
                let (when, left) = (
                    clock.label_for(due, zone, lang),
                    clock.elapsed(due.saturating_sub(now)).say(lang),
                );
                match lang {
                    Lang::En => format!("due {when} ({left} left)"),
                    Lang::Ja => format!("期限 {when}（残り {left}）"),
                }
            }
            Standing::Pending => lang.pick("pending", "未完了").into(),
        }
    }

    /// Due within two hours.
    pub fn at_risk(self, scenario: &Scenario, now: u32) -> bool {
        matches!(self, Standing::Due(due)
            if due.saturating_sub(now) <= scenario.clock.ticks(Minutes(120)))
    }
}

/// A log entry as the team reads it (which other teams know of it is not the team's to know).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    pub tick: u32,
    pub time: String,
    pub kind: EventKind,
    pub text: String,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KnownAsset {
    #[serde(skip)]
    pub asset: AssetId,
    pub id: String,
    pub name: String,
    pub state: Shown,
    /// Per cent of normal service, for an asset left at a share of it (format 2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<u32>,
}

/// One of the team's actions under way (without the engine's sequence number, which counts
/// every team's actions).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KnownFlight {
    pub action: String,
    pub name: String,
    pub target: Option<String>,
    pub ends: u32,
    pub left: String,
}

/// An action the team may take, with why it cannot be taken now, if it cannot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Offer {
    #[serde(skip)]
    pub action: ActionId,
    pub id: String,
    pub name: String,
    pub description: String,
    pub duration: String,
    pub cost: u32,
    pub unavailable: Option<String>,
    pub needs_authorisation: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KnownIntel {
    #[serde(skip)]
    pub item: IntelId,
    pub id: String,
    pub title: String,
    /// "CONFIDENTIAL · TLP:AMBER"
    pub marking: String,
    pub tlp: Tlp,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KnownObjective {
    #[serde(skip)]
    pub objective: ObjectiveId,
    pub id: String,
    pub name: String,
    pub standing: Standing,
    pub status: String,
}

/// Everything a team's seat shows at one moment, as plain data: what `kunren view` prints and
/// what the differential tests compare.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamView {
    pub team: String,
    pub name: String,
    /// The tick last simulated; `None` before the exercise starts.
    pub tick: Option<u32>,
    pub time: String,
    /// The crisis level's name, as the team knows it ([`Knowledge::level`]); absent in a
    /// scenario without crisis levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Oldest first.
    pub inbox: Vec<Entry>,
    pub assets: Vec<KnownAsset>,
    pub under_way: Vec<KnownFlight>,
    pub actions: Vec<Offer>,
    pub intel: Vec<KnownIntel>,
    pub objectives: Vec<KnownObjective>,
    /// For a team with working hours (format 2): whether it is at work now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duty: Option<super::hours::Duty>,
}

/// One team's knowledge of a running exercise.
pub struct Knowledge<'w> {
    world: &'w World,
    scenario: &'w Scenario,
    team: TeamId,
    lang: Lang,
}

impl Simulation {
    /// A log entry as a seat reading `lang` reads it (see [`read`]): the white cell's views and
    /// the report read the log through it.
    pub fn read(&self, e: &Event, lang: Lang) -> (String, Option<String>) {
        read(&self.world, self.scenario(), e, lang)
    }

    /// What `team` knows, now.
    pub fn knowledge(&self, team: TeamId) -> Knowledge<'_> {
        Knowledge {
            world: &self.world,
            scenario: self.scenario(),
            team,
            lang: Lang::En,
        }
    }
}

impl<'w> Knowledge<'w> {
    /// The same knowledge, its texts in `lang` (the scenario's own, where it gives them): what
    /// the team knows is the same in every language.
    pub fn in_lang(self, lang: Lang) -> Self {
        Knowledge { lang, ..self }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A text of the scenario in this seat's language.
    pub fn text(&self, key: TextKey) -> &'w str {
        self.scenario.text(key, self.lang)
    }

    /// A log entry as this seat reads it, in its language ([`Simulation::read`]).
    pub fn read(&self, e: &Event) -> (String, Option<String>) {
        read(self.world, self.scenario, e, self.lang)
    }

    pub fn team(&self) -> TeamId {
        self.team
    }

    /// The crisis level as the team knows it ([`known_level`]); `None` in a scenario without
    /// crisis levels.
    pub fn level(&self) -> Option<LevelId> {
        let level = known_level(&self.world.resource::<State>().facts);
        (!self.scenario.levels.is_empty()).then_some(LevelId(level))
    }

    fn now(&self) -> u32 {
        self.world.resource::<State>().facts.tick
    }

    fn status(&self, asset: AssetId) -> Option<&'w AssetStatus> {
        let index = &self.world.resource::<State>().asset_index;
        self.world.get::<AssetStatus>(*index.0.get(asset.index())?)
    }

    /// The facts as the team knows them (see [`known_facts`]).
    pub fn facts(&self) -> Facts {
        known_facts(
            self.scenario,
            &self.world.resource::<State>().facts,
            self.team,
            |a| {
                self.status(a)
                    .is_some_and(|s| s.compromises.iter().any(|c| c.known_to_owner))
            },
        )
    }

    /// Log entries the team knows of, oldest first. The engine tells a team when one of its
    /// objectives is met or missed; under a deadline counted from an event the team has not
    /// learnt of, that entry would give the event away, so it is held back until the team knows.
    pub fn events(&self) -> impl Iterator<Item = &'w Event> + use<'w> {
        let hidden = self.undated_outcomes();
        self.world
            .resource::<State>()
            .log
            .known_by(self.team)
            .filter(move |e| {
                !hidden.iter().any(|(kind, tick, line)| {
                    // A miss is logged the tick after its deadline, its line then naming the
                    // deadline: "Objective missed: NAME (deadline ...)".
                    e.kind == *kind
                        && e.tick >= *tick
                        && e.text
                            .strip_prefix(line.as_str())
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with(" (deadline "))
                })
            })
    }

    /// Whether objective `i` counts from an event its team has not learnt of.
    fn anchor_unknown(&self, i: usize) -> bool {
        let Some(o) = self.scenario.objectives.get(i) else {
            return false;
        };
        matches!(o.deadline, Some(Deadline::Within(..)))
            && self
                .world
                .get_resource::<State>()
                .map(|s| &s.anchors)
                .is_none_or(|a| a.0.get(i).copied().flatten().is_none())
    }

    /// The log entries (kind, tick, how the line begins) of this team's objectives met or missed
    /// under a deadline whose event the team does not know of. A met objective's entry is written
    /// the tick it is met; a missed one's at its deadline or the tick after.
    fn undated_outcomes(&self) -> Vec<(EventKind, u32, String)> {
        let book = &self.world.resource::<State>().objectives;
        self.scenario
            .objectives
            .iter()
            .zip(&book.status)
            .enumerate()
            .filter(|(i, (o, _))| o.team == self.team && self.anchor_unknown(*i))
            .filter_map(|(_, (o, status))| match *status {
                ObjectiveStatus::Met(t) => Some((
                    EventKind::ObjectiveMet,
                    t,
                    format!("Objective met: {}", o.name),
                )),
                ObjectiveStatus::Missed(t) => Some((
                    EventKind::ObjectiveMissed,
                    t,
                    format!("Objective missed: {}", o.name),
                )),
                ObjectiveStatus::Pending { .. } | ObjectiveStatus::NotApplicable => None,
            })
            .collect()
    }

    /// Its own assets and those it operates for their owners, as their owners see them.
    pub fn assets(&self) -> Vec<KnownAsset> {
        self.scenario
            .assets
            .iter()
            .enumerate()
            .filter(|(_, a)| a.run_by(self.team))
            .filter_map(|(i, a)| {
                let asset = AssetId(i as u32);
                Some(KnownAsset {
                    asset,
                    id: a.id.clone(),
                    name: self.text(TextKey::AssetName(asset)).to_string(),
                    state: self.shown(asset)?,
                    service: self.facts_of(asset)?.service(),
                })
            })
            .collect()
    }

    /// The state of one of its own assets, or of one it operates; `None` for any other.
    pub fn asset(&self, asset: AssetId) -> Option<Shown> {
        let owned = self
            .scenario
            .assets
            .get(asset.index())
            .is_some_and(|a| a.run_by(self.team));
        owned.then(|| self.shown(asset)).flatten()
    }

    /// An asset's facts as they stand (whoever runs it: callers check).
    fn facts_of(&self, asset: AssetId) -> Option<AssetFacts> {
        self.world
            .resource::<State>()
            .facts
            .assets
            .get(asset.index())
            .copied()
    }

    /// An asset's state as the team running it sees it (callers check that it does).
    fn shown(&self, asset: AssetId) -> Option<Shown> {
        let level = self.facts_of(asset)?.level;
        Some(Shown::to_owner(self.status(asset)?, level))
    }

    /// Its actions under way, in the order they started.
    pub fn under_way(&self) -> Vec<KnownFlight> {
        let now = self.now();
        self.world
            .get_resource::<State>()
            .map(|s| &s.under_way)
            .map_or(&[][..], UnderWay::flights)
            .iter()
            .filter(|f| f.team == self.team)
            .map(|f| {
                let a = self.scenario.action(f.action);
                KnownFlight {
                    action: a.id.clone(),
                    name: self.text(TextKey::ActionName(f.action)).to_string(),
                    target: f
                        .target
                        .map(|t| self.text(TextKey::AssetName(t)).to_string()),
                    ends: f.ends,
                    left: self
                        .scenario
                        .clock
                        .elapsed(f.ends.saturating_sub(now))
                        .say(self.lang),
                }
            })
            .collect()
    }

    /// Intelligence it holds, in scenario order.
    pub fn held_intel(&self) -> Vec<IntelId> {
        let state = &self.world.resource::<State>().intel;
        (0..self.scenario.intel.len() as u32)
            .map(IntelId)
            .filter(|i| state.holds(self.team, *i))
            .collect()
    }

    pub fn intel(&self) -> Vec<KnownIntel> {
        let state = &self.world.resource::<State>().intel;
        self.held_intel()
            .into_iter()
            .map(|i| {
                let item = &self.scenario.intel[i.index()];
                let s = &state.items[i.index()];
                KnownIntel {
                    item: i,
                    id: item.id.clone(),
                    title: self.text(TextKey::IntelTitle(i)).to_string(),
                    marking: super::intel::marking(self.scenario, item, s),
                    tlp: s.tlp,
                    source: self.text(TextKey::TeamName(item.source)).to_string(),
                }
            })
            .collect()
    }

    /// Its objectives. A `Within` deadline shows a date only once the team knows of the event it
    /// counts from; until then the objective is plainly pending, and gives nothing away.
    pub fn objectives(&self) -> Vec<KnownObjective> {
        let book = &self.world.resource::<State>().objectives;
        let now = self.now();
        self.scenario
            .objectives
            .iter()
            .zip(&book.status)
            .enumerate()
            .filter(|(_, (o, _))| o.team == self.team)
            .map(|(i, (o, status))| {
                // Met or missed under a deadline from an event the team has not learnt of: the
                // date would give the event away, so it stays pending to the team.
                let unknown = self.anchor_unknown(i);
                let standing = match *status {
                    ObjectiveStatus::Met(_) | ObjectiveStatus::Missed(_) if unknown => {
                        Standing::Pending
                    }
                    ObjectiveStatus::Met(t) => Standing::Met(t),
                    ObjectiveStatus::Missed(t) => Standing::Missed(t),
                    ObjectiveStatus::NotApplicable => Standing::NotApplicable,
                    ObjectiveStatus::Pending { .. } => match status.due_by(o.deadline.as_ref()) {
                        Some(due) if !unknown => Standing::Due(due),
                        _ => Standing::Pending,
                    },
                };
                KnownObjective {
                    objective: ObjectiveId(i as u32),
                    id: o.id.clone(),
                    name: self
                        .text(TextKey::ObjectiveName(ObjectiveId(i as u32)))
                        .to_string(),
                    standing,
                    status: standing.describe_lang(self.scenario, now, None, self.lang),
                }
            })
            .collect()
    }

    /// The actions it may take, each judged on its own terms (targets, recipients and items are
    /// chosen later) and on what the team knows.
    pub fn actions(&self) -> Vec<Offer> {
        let s = self.scenario;
        let team = self.team;
        let facts = self.facts();
        let held = self.held_intel();
        s.actions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.teams.contains(&team))
            .map(|(i, a)| {
                let action = ActionId(i as u32);
                let intel = a.needs_intel().then(|| held.first().copied()).flatten();
                let unavailable = if a.needs_intel() && intel.is_none() {
                    let none = self.lang.pick(
                        "your team holds no intelligence item",
                        "自チームは情報を保有していない",
                    );
                    Some(none.to_string())
                } else {
                    let request = Request {
                        team,
                        action,
                        target: a.targets.as_ref().and_then(|t| {
                            t.iter().copied().find(|x| !a.not_own(team, s.asset(*x)))
                        }),
                        to: a.needs_team().then(|| {
                            a.to.iter()
                                .copied()
                                .find(|t| *t != team)
                                .unwrap_or(TeamId(u32::from(team.0 == 0)))
                        }),
                        intel,
                    };
                    self.judged(&request, &facts)
                        .filter(|(why, _)| !matches!(why, Some(Why::CannotShare { .. })))
                        .map(|(_, words)| words)
                };
                Offer {
                    action,
                    id: a.id.clone(),
                    name: self.text(TextKey::ActionName(action)).to_string(),
                    description: self.text(TextKey::ActionDescription(action)).to_string(),
                    duration: Minutes(a.duration_ticks * s.clock.tick.0).say(self.lang),
                    cost: a.cost,
                    unavailable,
                    needs_authorisation: a
                        .authorised_by
                        .iter()
                        .map(|t| self.text(TextKey::TeamName(*t)).to_string())
                        .collect(),
                }
            })
            .collect()
    }

    /// Why this team may not give `req` now, judged on what it knows (on a copy of the chance
    /// source, so looking never changes the run); `None` when it may. A request for another
    /// team is refused outright.
    pub fn refusal(&self, req: &Request) -> Option<String> {
        if req.team != self.team {
            let me = self.text(TextKey::TeamName(self.team));
            let other = if req.team.index() < self.scenario.teams.len() {
                self.text(TextKey::TeamName(req.team))
            } else {
                self.lang.pick("another team", "他のチーム")
            };
            return Some(match self.lang {
                Lang::En => format!("{me} cannot act for {other}"),
                Lang::Ja => format!("{me}は{other}に代わって行動できない"),
            });
        }
        self.judge_on(req, &self.facts())
    }

    /// Why this team may not give `command` now on what it knows, for the door every team
    /// seat's command passes (the console, a network host): an action is judged as
    /// [`Knowledge::refusal`] judges it; the other commands a team gives (authorisations,
    /// messages) need no knowledge and are not judged here. Whose command it is to give (a
    /// seat's authority) is not this module's question.
    pub fn refuses(&self, command: &Command) -> Option<String> {
        match command {
            Command::Act {
                team,
                action,
                target,
                to,
                intel,
            } => {
                let known = self.scenario.actions.get(action.index()).is_some()
                    && self.scenario.teams.get(team.index()).is_some();
                if !known {
                    let no = self.lang.pick(
                        "no such team or action in this scenario",
                        "このシナリオにそのチームまたは対応はない",
                    );
                    return Some(no.into());
                }
                self.refusal(&Request {
                    team: *team,
                    action: *action,
                    target: *target,
                    to: *to,
                    intel: *intel,
                })
            }
            Command::Authorise { .. }
            | Command::Message { .. }
            | Command::FireInject { .. }
            | Command::SkipInject { .. }
            | Command::DelayInject { .. }
            | Command::EditInject { .. }
            | Command::Adjudicate { .. }
            | Command::SetLevel { .. }
            | Command::Note { .. } => None,
        }
    }

    fn judge_on(&self, req: &Request, facts: &Facts) -> Option<String> {
        self.judged(req, facts).map(|(_, words)| words)
    }

    /// Why `req` may not be given, typed (when the engine's judge refused it) and in words in
    /// this seat's language; `None` when it may.
    fn judged(&self, req: &Request, facts: &Facts) -> Option<(Option<Why>, String)> {
        let world = self.world;
        let under_way = world
            .get_resource::<State>()
            .map(|s| &s.under_way)
            .is_some_and(|u| {
                u.flights()
                    .iter()
                    .any(|f| f.team == req.team && f.action == req.action)
            });
        // What the team knows of intruders on its own and its contacts' assets.
        let known_held: Vec<AssetId> = facts
            .assets
            .iter()
            .enumerate()
            .filter(|(_, f)| f.compromised)
            .map(|(i, _)| AssetId(i as u32))
            .collect();
        let situation = Situation {
            scenario: self.scenario,
            facts,
            intel: &world.resource::<State>().intel,
            book: &world.resource::<State>().actions,
            under_way,
            known_held: &known_held,
        };
        let mut rng = world.resource::<State>().rng.0.clone();
        let action = self.scenario.action(req.action);
        let lang = self.lang;
        match judge(req, &situation, &mut rng) {
            Verdict::Start | Verdict::Await(_) => None,
            // What the team knows is missing, in words, on the same facts.
            Verdict::Refuse { reason, .. } => {
                let words = reason.words(self.scenario, lang);
                match &action.requires {
                    Some(cond) if matches!(reason, Why::NotYet(_)) => {
                        let mut rng = world.resource::<State>().rng.0.clone();
                        let (s, team) = (self.scenario, self.team);
                        let closed = unmet::closed_in(s, team, cond, facts, &mut rng, lang);
                        let (shut, needs) =
                            (lang.pick("closed", "実施不可"), lang.pick("needs", "必要"));
                        let why = closed.map(|w| format!("{shut}: {w}")).or_else(|| {
                            unmet::unmet_in(s, team, cond, facts, &mut rng, lang)
                                .map(|w| format!("{needs}: {w}"))
                        });
                        Some((Some(reason), why.unwrap_or(words)))
                    }
                    _ => Some((Some(reason), words)),
                }
            }
        }
    }

    /// Whether the team is at work now, for a team with working hours (format 2): its own
    /// staff's hours, so it knows them.
    pub fn duty(&self) -> Option<super::hours::Duty> {
        let tick = self.world.resource::<State>().clock.current().unwrap_or(0);
        let res = &self.world.resource::<State>().scenario;
        super::hours::duty(
            self.scenario,
            self.scenario.team(self.team),
            tick,
            &self.world.resource::<State>().facts,
            &res.measure_list,
        )
    }

    /// Everything its seat shows, as plain data.
    pub fn view(&self) -> TeamView {
        let clock = &self.scenario.clock;
        let team = self.scenario.team(self.team);
        let zone = team.zone.as_ref();
        let tick = self.world.resource::<State>().clock.current();
        TeamView {
            team: team.id.clone(),
            name: self.text(TextKey::TeamName(self.team)).to_string(),
            tick,
            time: clock.label_for(tick.unwrap_or(0), zone, self.lang),
            level: self
                .level()
                .map(|l| self.text(TextKey::LevelName(l)).to_string()),
            inbox: self
                .events()
                .map(|e| {
                    let (text, detail) = self.read(e);
                    Entry {
                        tick: e.tick,
                        time: clock.label_for(e.tick, zone, self.lang),
                        kind: e.kind,
                        text,
                        detail,
                    }
                })
                .collect(),
            assets: self.assets(),
            under_way: self.under_way(),
            actions: self.actions(),
            intel: self.intel(),
            objectives: self.objectives(),
            duty: self.duty(),
        }
    }
}

/// A log entry as a seat reading `lang` reads it: in English as the log wrote it; in Japanese
/// rebuilt from what it records ([`About`]): an inject's delivery from the scenario's Japanese,
/// unless the facilitator rewrote the message (then the rewrite, as written), and the engine's
/// own lines from their typed form. The log itself (and so the state hash and the journal) is
/// the same in every language.
pub fn read(world: &World, scenario: &Scenario, e: &Event, lang: Lang) -> (String, Option<String>) {
    let text = |key| scenario.text(key, lang);

    let plain = (e.text.clone(), e.detail.clone());
    let s = scenario;
    let about = match &e.about {
        Some(about) if lang == Lang::Ja => about,
        Some(_) | None => return plain,
    };
    let About::Inject(i) = *about else {
        return match super::log::lines::line(s, about, lang) {
            Some(line) => (line, e.detail.clone()),
            None => plain,
        };
    };
    let Some(inject) = s.injects.get(i.index()) else {
        return plain;
    };
    let from = match inject.from_team {
        Some(t) => text(TextKey::TeamName(t)),
        None => text(TextKey::InjectFrom(i)),
    };
    let line = format!(
        "[{}] {from}より: {}",
        channel_ja(inject.channel),
        text(TextKey::InjectSubject(i))
    );
    let edited = world
        .resource::<State>()
        .injects
        .edited
        .get(i.index())
        .is_some_and(Option::is_some);
    let detail = if edited {
        e.detail.clone()
    } else {
        Some(text(TextKey::InjectText(i)).to_string()).filter(|t| !t.is_empty())
    };
    (line, detail)
}

/// The crisis level as any team knows it: the level itself. It is declared to all: every
/// change is logged to every team (`law::set_level`), and the level the exercise opens at is
/// the scenario's first, which every participant is briefed on. One function, so that
/// [`known_facts`] (conditions judged on knowledge) and [`Knowledge::level`] (the console's
/// header, `kunren view`) cannot disagree.
fn known_level(truth: &Facts) -> u32 {
    truth.level
}

/// How an inject came, in Japanese.
fn channel_ja(channel: Channel) -> &'static str {
    match channel {
        Channel::Email => "メール",
        Channel::Phone => "電話",
        Channel::News => "報道",
        Channel::Social => "SNS",
        Channel::SiemAlert => "SIEMアラート",
        Channel::Ticket => "チケット",
        Channel::Liaison => "連絡員",
    }
}

#[cfg(test)]
mod tests;
pub mod unmet;
