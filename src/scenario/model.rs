//! The validated scenario: every reference resolved to a typed index, every duration in ticks,
//! every target selector expanded to the assets it names. Only this is ever spawned into a World.
//!
//! Indices are positions in the scenario's own lists, so they are stable across runs and machines
//! and give the simulation a deterministic order wherever order matters.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::lang::Lang;
use crate::simtime::{Clock, Local, Zone};

pub use super::raw::{
    AssetCondition, AssetKind, Backups, Channel, Classification, Control, CoreCapability,
    Criticality, Meta, PlayedBy, Posture, Rules, StepKind, TeamKind, Tlp,
};

macro_rules! index_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

index_type!(
    /// A team, by its position in `Scenario::teams`.
    TeamId,
    /// An asset, by its position in `Scenario::assets`.
    AssetId,
    /// A campaign, by its position in `Scenario::campaigns`.
    CampaignId,
    /// An action, by its position in `Scenario::actions`.
    ActionId,
    /// An intelligence item, by its position in `Scenario::intel`.
    IntelId,
    /// An inject, by its position in `Scenario::injects`.
    InjectId,
    /// An objective, by its position in `Scenario::objectives`.
    ObjectiveId,
    /// A phase, by its position in `Scenario::phases`.
    PhaseId,
    /// A service measure, by its position in `Scenario::service_measures`.
    ServiceMeasureId,
    /// A crisis level, by its position in `Scenario::levels` (0: the level the exercise opens at).
    LevelId,
);

/// A stage of a campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StageRef {
    pub campaign: CampaignId,
    pub stage: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Scenario {
    /// The format version the file was written in: 1, or 2 for the constructs of format 2.
    pub format: u32,
    pub meta: Meta,
    #[serde(skip)]
    pub clock: Clock,
    pub phases: Vec<Phase>,
    pub teams: Vec<Team>,
    pub assets: Vec<Asset>,
    pub campaigns: Vec<Campaign>,
    pub actions: Vec<Action>,
    pub intel: Vec<Intel>,
    pub injects: Vec<Inject>,
    pub objectives: Vec<Objective>,
    pub measures: MeasureSettings,
    /// Throughput measures declared by assets' `service`, each summing the assets that share it.
    pub service_measures: Vec<ServiceMeasure>,
    /// Every asset, each after all it depends on or uses: the order the cascade walks.
    pub topo_order: Vec<AssetId>,
    /// Options that change how play is judged (format 2).
    pub rules: Rules,
    /// The crisis levels, lowest first (format 2); empty when the scenario has none.
    pub levels: Vec<CrisisLevel>,
    /// The Japanese of the texts written in both languages (format 2); the model's own fields
    /// hold each text's English, or its only text. Read through [`Scenario::text`].
    #[serde(skip)]
    pub ja: BTreeMap<TextKey, String>,
}

/// A crisis level (format 2): the exercise opens at the first of the scenario's levels.
#[derive(Clone, Debug, Serialize)]
pub struct CrisisLevel {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A text of the scenario a team may read, by what it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum TextKey {
    /// The scenario's title (`meta.title`).
    Title,
    /// Its summary (`meta.summary`), on the start screen and in the report.
    Summary,
    PhaseName(PhaseId),
    PhaseDescription(PhaseId),
    TeamName(TeamId),
    TeamDescription(TeamId),
    AssetName(AssetId),
    AssetDescription(AssetId),
    ActionName(ActionId),
    ActionDescription(ActionId),
    IntelTitle(IntelId),
    IntelContent(IntelId),
    InjectFrom(InjectId),
    InjectSubject(InjectId),
    InjectText(InjectId),
    ObjectiveName(ObjectiveId),
    ObjectiveDescription(ObjectiveId),
    /// A crisis level's name (format 2): in the console's header and the log.
    LevelName(LevelId),
    /// An adversary campaign's name: in the report, the guides and the white cell's lines.
    CampaignName(CampaignId),
    /// A campaign stage's name.
    StageName(StageRef),
    /// One of `meta.learning_objectives`, by its position.
    LearningObjective(u32),
    /// The name of the service measure that this asset's `service` names (the first asset of
    /// the measure to name it): in the report's measures and services.
    ServiceName(AssetId),
    /// The unit of the service measure that this asset's `service` writes in two languages (the
    /// first asset of the measure to do so): in the charts, the report and the summaries.
    ServiceUnit(AssetId),
}

#[derive(Clone, Debug, Serialize)]
pub struct Phase {
    pub id: String,
    pub name: String,
    pub description: String,
    pub tick: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub nation: String,
    pub kind: TeamKind,
    pub sector: Option<String>,
    pub clearance: Classification,
    pub played_by: PlayedBy,
    pub staff: u32,
    pub doctrine: Vec<Rule>,
    pub description: String,
    /// The zone its seat reads times in; none: the exercise's.
    pub zone: Option<Zone>,
    /// Its working hours (format 2); none: manned around the clock.
    pub hours: Option<Hours>,
}

/// A team's working hours, on its own clock (format 2).
#[derive(Clone, Debug, Serialize)]
pub struct Hours {
    /// Minutes since midnight when the working day begins and ends (`from` < `to`).
    pub from: u32,
    pub to: u32,
    /// Working days, 0 for Monday to 6 for Sunday.
    pub days: Vec<u8>,
    /// Days off besides the week's: (year, month, day).
    pub holidays: Vec<(i32, u8, u8)>,
    /// Ticks staff take to come in when called out.
    pub call_out_ticks: u32,
    /// While this holds, the team is manned around the clock. It draws no chance.
    pub around_the_clock: Option<Condition>,
}

impl Hours {
    /// Whether a moment on the team's clock falls within its working hours: a working day that
    /// is no holiday, from `from` up to (not including) `to`.
    pub fn open(&self, at: &Local) -> bool {
        self.days.contains(&at.weekday)
            && !self.holidays.contains(&at.date)
            && (self.from..self.to).contains(&at.minute)
    }
}

/// When a condition holds (and, if set, a delay has passed since), take an action.
#[derive(Clone, Debug, Serialize)]
pub struct Rule {
    pub when: Condition,
    pub delay_ticks: u32,
    pub action: ActionId,
    pub target: Option<AssetId>,
    pub to: Option<TeamId>,
    pub intel: Option<IntelId>,
    /// For a team that authorises the action: refuse it rather than grant it.
    pub refuse: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Asset {
    pub id: String,
    pub name: String,
    pub owner: TeamId,
    pub kind: AssetKind,
    pub sector: Option<String>,
    pub tags: Vec<String>,
    pub criticality: Criticality,
    pub depends_on: Vec<AssetId>,
    pub uses: Vec<AssetId>,
    /// Groups of alternatives: any one asset of each group will do.
    pub depends_on_any: Vec<Vec<AssetId>>,
    /// Dependencies covered by a reserve of so many ticks.
    pub depends_on_reserve: Vec<Reserve>,
    /// Groups of shares: each member carries an equal part of what the asset needs, and the
    /// asset works at the mean of their levels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on_shares: Vec<Vec<AssetId>>,
    /// Teams that run the asset for its owner: they see it as the owner does, are told its
    /// news, and may aim `own_assets_only` actions at it; the owner keeps it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<TeamId>,
    pub posture: Posture,
    pub service: Option<Service>,
    pub restore_ticks: u32,
    pub rebuild_ticks: u32,
    pub loss_per_hour: f64,
    pub public_facing: bool,
    pub description: String,
}

impl Asset {
    /// Whether `team` owns it or operates it for its owner.
    pub fn run_by(&self, team: TeamId) -> bool {
        self.owner == team || self.operators.contains(&team)
    }

    /// The teams told of what happens to it: its owner, then its operators.
    pub fn audience(&self) -> impl Iterator<Item = TeamId> + '_ {
        std::iter::once(self.owner).chain(self.operators.iter().copied())
    }
}

/// A dependency that bites only once `asset` has been below normal for `ticks` ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Reserve {
    pub asset: AssetId,
    pub ticks: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Service {
    pub measure: ServiceMeasureId,
    pub normal: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ServiceMeasure {
    pub id: String,
    /// Its name as the scenario writes it (its English, or its only text); empty when unnamed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The asset whose `service` names it (the first that does): where its name is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_at: Option<AssetId>,
    pub unit: String,
    /// The asset whose `service` writes the unit in two languages (the first that does).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_at: Option<AssetId>,
    pub assets: Vec<AssetId>,
    /// Sum of the assets' normal rates.
    pub normal: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub team: TeamId,
    pub starts: Option<Condition>,
    pub ransom: Option<f64>,
    pub stages: Vec<Stage>,
    /// Access held when the exercise begins.
    pub held_at_start: Vec<Holding>,
    pub description: String,
}

/// Access a campaign holds when the exercise begins.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Holding {
    /// The stage that won it.
    pub stage: u32,
    /// The assets held, each a target of the stage.
    pub assets: Vec<AssetId>,
    /// How long before the start it was won, in minutes.
    pub since_minutes: u32,
}

impl Campaign {
    /// By stage: whether it has succeeded when the exercise begins, being held at the start or
    /// coming before a stage that is (the access was won through it).
    pub fn succeeded_at_start(&self) -> Vec<bool> {
        let mut done = vec![false; self.stages.len()];
        let mut todo: Vec<u32> = self.held_at_start.iter().map(|h| h.stage).collect();
        while let Some(s) = todo.pop() {
            let Some(slot) = done.get_mut(s as usize) else {
                continue;
            };
            if !*slot {
                *slot = true;
                todo.extend(self.stages[s as usize].after.iter().copied());
            }
        }
        done
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub technique: String,
    /// The technique's name from the ATT&CK catalogue.
    pub technique_name: String,
    /// Assets the selector names, in index order.
    pub targets: Vec<AssetId>,
    /// Stages of the same campaign that must have succeeded first.
    pub after: Vec<u32>,
    pub when: Option<Condition>,
    /// The assets the stage is worked from (format 2): it needs a foothold on one of them.
    /// `None`: a foothold anywhere in the campaign's reach will do.
    pub from: Option<Vec<AssetId>>,
    pub chance: f64,
    pub countered_by: Vec<Control>,
    /// Inclusive range of ticks one attempt takes.
    pub dwell_ticks: (u32, u32),
    pub detection: f64,
    pub attempts: u32,
    pub effect: StageEffect,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum StageEffect {
    Foothold,
    CredentialTheft,
    LateralMovement,
    Encrypt,
    Exfiltrate {
        records: u64,
    },
    /// Exfiltration as a rate (format 2): from its success, `per_tick` records a tick (the
    /// author's `per_hour` over the tick) while the intruder holds the target and the stage's
    /// `when` holds, up to `up_to` in all.
    Drain {
        per_hour: u64,
        per_tick: f64,
        up_to: Option<u64>,
    },
    /// Knocks the target down; for a number of ticks, or until restored when `None`.
    Disrupt {
        ticks: Option<u32>,
    },
    Wipe,
    /// Lowers the target's monitoring by `monitoring` and the detection of the campaign's
    /// footholds on it by the share `detection`.
    Evade {
        monitoring: f64,
        detection: f64,
    },
}

impl StageEffect {
    /// Effects that leave a hidden intruder on the target rather than visible damage.
    pub fn is_covert(&self) -> bool {
        matches!(
            self,
            StageEffect::Foothold
                | StageEffect::CredentialTheft
                | StageEffect::LateralMovement
                | StageEffect::Exfiltrate { .. }
                | StageEffect::Drain { .. }
                | StageEffect::Evade { .. }
        )
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Action {
    pub id: String,
    pub name: String,
    pub description: String,
    pub teams: Vec<TeamId>,
    /// Assets it may be aimed at; `None` when it takes no asset.
    pub targets: Option<Vec<AssetId>>,
    pub requires: Option<Condition>,
    /// Every team that must authorise it: the teams of `steps`, in order, when it has a chain.
    pub authorised_by: Vec<TeamId>,
    /// Its authorisation chain (format 2), in the order the steps must be given; empty when
    /// `authorised_by` may be given in any order.
    pub steps: Vec<Step>,
    /// The teams it goes to at once when taken (format 2); empty: one `to` team, if any.
    pub recipients: Vec<TeamId>,
    /// The teams it may be addressed to, when it takes a recipient; empty: any team.
    pub to: Vec<TeamId>,
    pub duration_ticks: u32,
    pub cost: u32,
    pub effects: Vec<Effect>,
    pub repeatable: bool,
    /// The acting team may aim it only at its own assets.
    pub own_assets_only: bool,
}

/// One step of an authorisation chain.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub by: TeamId,
    pub kind: StepKind,
    pub afterwards: Option<Afterwards>,
}

/// When a step may be given after the fact, and the notice owed then.
#[derive(Clone, Debug, Serialize)]
pub struct Afterwards {
    pub when: Condition,
    /// The action by which the acting team notifies the step's team.
    pub notice: ActionId,
    pub within_ticks: u32,
}

impl Action {
    /// Whether `team` may not aim it at `asset`: an action aimed only at the acting team's own
    /// assets, and an asset the team neither owns nor operates.
    pub fn not_own(&self, team: TeamId, asset: &Asset) -> bool {
        self.own_assets_only && !asset.run_by(team)
    }

    /// The step `by` gives in its chain (its position and the step), if it has a chain.
    pub fn step_of(&self, by: TeamId) -> Option<(usize, &Step)> {
        self.steps.iter().enumerate().find(|(_, s)| s.by == by)
    }

    /// Whether taking it needs a recipient team (report, share, request): not when it names
    /// its `recipients`, for it goes to all of them.
    pub fn needs_team(&self) -> bool {
        self.recipients.is_empty() && self.effects.iter().any(|e| e.needs().team)
    }

    /// Whether it may be addressed to `team` (only meaningful when it takes a recipient).
    pub fn may_address(&self, team: TeamId) -> bool {
        self.to.is_empty() || self.to.contains(&team)
    }

    /// Whether taking it needs an intelligence item (share, declassify).
    pub fn needs_intel(&self) -> bool {
        self.effects.iter().any(|e| e.needs().intel)
    }
}

/// What a team must name to take an action with an effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Needs {
    /// A recipient team (`to`).
    pub team: bool,
    /// An intelligence item (`intel`).
    pub intel: bool,
}

impl Effect {
    /// What taking an action with this effect must name, exhaustively: a new effect says here
    /// whether it needs a recipient or an item.
    pub fn needs(&self) -> Needs {
        let (team, intel) = match self {
            Effect::ShareIntel => (true, true),
            Effect::Report | Effect::RequestAssistance => (true, false),
            Effect::Declassify { .. } | Effect::Tearline => (false, true),
            Effect::GrantNeedToKnow => (true, true),
            Effect::Isolate
            | Effect::Reconnect
            | Effect::Restore
            | Effect::Patch
            | Effect::EnableMfa
            | Effect::Backups { .. }
            | Effect::Hunt { .. }
            | Effect::Monitor { .. }
            | Effect::Segment { .. }
            | Effect::PublicStatement { .. }
            | Effect::Takedown { .. }
            | Effect::ActiveDefense { .. }
            | Effect::PayRansom { .. }
            | Effect::RefuseRansom { .. }
            | Effect::Decryptor { .. }
            | Effect::Adjust { .. } => (false, false),
        };
        Needs { team, intel }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Effect {
    Isolate,
    Reconnect,
    Restore,
    Patch,
    EnableMfa,
    Backups {
        depth_days: u32,
        offline: bool,
    },
    Hunt {
        thoroughness: f64,
    },
    Monitor {
        level: f64,
    },
    Segment {
        level: f64,
    },
    ShareIntel,
    Declassify {
        tlp: Option<Tlp>,
    },
    Tearline,
    GrantNeedToKnow,
    Report,
    RequestAssistance,
    PublicStatement {
        trust: f64,
    },
    Takedown {
        campaign: CampaignId,
        chance: f64,
        decryptor: bool,
    },
    ActiveDefense {
        campaign: CampaignId,
        chance: f64,
    },
    PayRansom {
        campaign: CampaignId,
    },
    RefuseRansom {
        campaign: CampaignId,
    },
    Decryptor {
        campaign: CampaignId,
    },
    Adjust {
        measure: Measure,
        by: f64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Subject {
    Campaign(CampaignId),
    Technique(String),
}

#[derive(Clone, Debug, Serialize)]
pub struct Intel {
    pub id: String,
    pub title: String,
    pub content: String,
    pub source: TeamId,
    pub classification: Classification,
    pub tlp: Tlp,
    /// Whether the file wrote a `tlp` (the lint `tlp-classified` reads it).
    pub tlp_written: bool,
    /// The nations (teams' `nation` codes) a classified item may be released to; empty when its
    /// TLP governs sharing.
    pub rel_to: Vec<String>,
    pub about: Vec<Subject>,
    pub held_by: Vec<TeamId>,
    pub need_to_know: Vec<TeamId>,
    pub detection_boost: f64,
    /// The item this one is the tearline of (format 2).
    pub tearline_of: Option<IntelId>,
}

#[derive(Clone, Debug, Serialize)]
pub enum Trigger {
    At(u32),
    When(Condition),
}

#[derive(Clone, Debug, Serialize)]
pub struct Inject {
    pub id: String,
    pub trigger: Trigger,
    /// Who it appears to come from, as written.
    pub from: String,
    /// The team it comes from, when `from` names one.
    pub from_team: Option<TeamId>,
    pub to: Vec<TeamId>,
    pub channel: Channel,
    pub subject: String,
    pub text: String,
    pub expects: Option<ActionId>,
    pub objective: Option<ObjectiveId>,
    pub intel: Option<IntelId>,
    pub trust: f64,
    /// The crisis level it sets when it goes out (format 2).
    pub level: Option<LevelId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Objective {
    pub id: String,
    pub team: TeamId,
    pub name: String,
    pub description: String,
    pub goal: Condition,
    pub deadline: Option<Deadline>,
    pub capability: Option<CoreCapability>,
}

#[derive(Clone, Debug, Serialize)]
pub enum Deadline {
    /// Must be met by this tick.
    By(u32),
    /// Must be met within this many ticks of the condition first holding.
    Within(u32, Condition),
    /// Must hold at every tick up to this tick (to the end when `None`): missed the first tick
    /// it does not, met once it has held throughout.
    Maintain(Option<u32>),
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureSettings {
    pub public_trust: f64,
    pub trust_loss_per_hour: f64,
    pub trust_loss_per_100k_records: f64,
    pub currency: String,
}

/// A quantity the simulation tracks over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Measure {
    EconomicLoss,
    RecordsExposed,
    PublicTrust,
    /// Mean service level of all assets with a service, 0..1.
    ServiceLevel,
    Throughput(ServiceMeasureId),
}

impl Measure {
    /// Names authors use for the built-in measures.
    pub const BUILT_IN: [(&'static str, Measure); 4] = [
        ("economic_loss", Measure::EconomicLoss),
        ("records_exposed", Measure::RecordsExposed),
        ("public_trust", Measure::PublicTrust),
        ("service_level", Measure::ServiceLevel),
    ];
}

/// The validated condition language: see [`super::raw::Condition`] for what each means.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Condition {
    /// Always true (an absent condition).
    Always,
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    After(u32),
    Phase(PhaseId),
    Asset(AssetId, AssetCondition),
    Stage(StageRef),
    Detected(TeamId, StageRef),
    Done(TeamId, ActionId),
    Delivered(InjectId),
    Holds(TeamId, IntelId),
    Above(Measure, f64),
    Below(Measure, f64),
    Chance(f64),
    Halted(CampaignId),
    Granted(TeamId, ActionId),
    DetectedAny(TeamId, CampaignId),
    DoneOn(TeamId, ActionId, AssetId),
    /// The crisis level is at or above this one.
    Level(LevelId),
    /// (recipient, sender, action): the sender's action addressed to the recipient completed.
    Received(TeamId, TeamId, ActionId),
    /// (team, action): the team started the action in an emergency and let a notice it then
    /// owed pass its deadline.
    NoticeMissed(TeamId, ActionId),
}

/// Scripted decisions, validated against one scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Decisions {
    pub scenario: String,
    pub description: String,
    /// Preparation in place when the exercise begins.
    pub prior: Vec<(TeamId, Rule)>,
    pub decisions: Vec<(TeamId, Rule)>,
}

impl Scenario {
    /// The tearline of an item (format 2): the item whose `tearline_of` names it.
    pub fn tearline(&self, item: IntelId) -> Option<IntelId> {
        self.intel
            .iter()
            .position(|i| i.tearline_of == Some(item))
            .map(|k| IntelId(k as u32))
    }

    /// A text in `lang`: its own Japanese for a Japanese seat when the scenario gives one,
    /// else the text as written (English, or the only text there is).
    pub fn text(&self, key: TextKey, lang: Lang) -> &str {
        match lang {
            Lang::Ja => match self.ja.get(&key) {
                Some(ja) => ja,
                None => self.written(key),
            },
            Lang::En => self.written(key),
        }
    }

    /// A text as the model holds it (its English, or its only text); empty for a key that
    /// names nothing in this scenario.
    fn written(&self, key: TextKey) -> &str {
        fn get(text: Option<&str>) -> &str {
            text.unwrap_or("")
        }
        match key {
            TextKey::Title => self.meta.title.main(),
            TextKey::Summary => self.meta.summary.main(),
            TextKey::PhaseName(i) => get(self.phases.get(i.index()).map(|p| p.name.as_str())),
            TextKey::PhaseDescription(i) => {
                get(self.phases.get(i.index()).map(|p| p.description.as_str()))
            }
            TextKey::TeamName(i) => get(self.teams.get(i.index()).map(|t| t.name.as_str())),
            TextKey::TeamDescription(i) => {
                get(self.teams.get(i.index()).map(|t| t.description.as_str()))
            }
            TextKey::AssetName(i) => get(self.assets.get(i.index()).map(|a| a.name.as_str())),
            TextKey::AssetDescription(i) => {
                get(self.assets.get(i.index()).map(|a| a.description.as_str()))
            }
            TextKey::ActionName(i) => get(self.actions.get(i.index()).map(|a| a.name.as_str())),
            TextKey::ActionDescription(i) => {
                get(self.actions.get(i.index()).map(|a| a.description.as_str()))
            }
            TextKey::IntelTitle(i) => get(self.intel.get(i.index()).map(|x| x.title.as_str())),
            TextKey::IntelContent(i) => get(self.intel.get(i.index()).map(|x| x.content.as_str())),
            TextKey::InjectFrom(i) => get(self.injects.get(i.index()).map(|x| x.from.as_str())),
            TextKey::InjectSubject(i) => {
                get(self.injects.get(i.index()).map(|x| x.subject.as_str()))
            }
            TextKey::InjectText(i) => get(self.injects.get(i.index()).map(|x| x.text.as_str())),
            TextKey::ObjectiveName(i) => {
                get(self.objectives.get(i.index()).map(|o| o.name.as_str()))
            }
            TextKey::ObjectiveDescription(i) => get(self
                .objectives
                .get(i.index())
                .map(|o| o.description.as_str())),
            TextKey::LevelName(i) => get(self.levels.get(i.index()).map(|l| l.name.as_str())),
            TextKey::CampaignName(i) => get(self.campaigns.get(i.index()).map(|c| c.name.as_str())),
            TextKey::StageName(r) => get(self
                .campaigns
                .get(r.campaign.index())
                .and_then(|c| c.stages.get(r.stage as usize))
                .map(|st| st.name.as_str())),
            TextKey::LearningObjective(i) => get(self
                .meta
                .learning_objectives
                .get(i as usize)
                .map(|l| l.main())),
            TextKey::ServiceName(a) => get(self
                .measure_of(a)
                .filter(|m| m.named_at == Some(a))
                .map(|m| m.name.as_str())),
            TextKey::ServiceUnit(a) => get(self
                .measure_of(a)
                .filter(|m| m.unit_at == Some(a))
                .map(|m| m.unit.as_str())),
        }
    }

    /// The service measure asset `a` counts in, if it has a service.
    fn measure_of(&self, a: AssetId) -> Option<&ServiceMeasure> {
        let service = self.assets.get(a.index())?.service.as_ref()?;
        self.service_measures.get(service.measure.index())
    }

    /// Every text a team may read, in the order of the file's lists.
    pub fn text_keys(&self) -> Vec<TextKey> {
        let n = |len: usize| 0..len as u32;
        let mut keys = vec![TextKey::Title, TextKey::Summary];
        keys.extend(n(self.meta.learning_objectives.len()).map(TextKey::LearningObjective));
        for i in n(self.phases.len()).map(PhaseId) {
            keys.extend([TextKey::PhaseName(i), TextKey::PhaseDescription(i)]);
        }
        for i in n(self.teams.len()).map(TeamId) {
            keys.extend([TextKey::TeamName(i), TextKey::TeamDescription(i)]);
        }
        for i in n(self.assets.len()).map(AssetId) {
            keys.extend([TextKey::AssetName(i), TextKey::AssetDescription(i)]);
        }
        for (i, c) in self.campaigns.iter().enumerate() {
            let campaign = CampaignId(i as u32);
            keys.push(TextKey::CampaignName(campaign));
            keys.extend(
                n(c.stages.len()).map(|stage| TextKey::StageName(StageRef { campaign, stage })),
            );
        }
        keys.extend(
            self.service_measures
                .iter()
                .filter_map(|m| m.named_at.map(TextKey::ServiceName)),
        );
        keys.extend(
            self.service_measures
                .iter()
                .filter_map(|m| m.unit_at.map(TextKey::ServiceUnit)),
        );
        for i in n(self.actions.len()).map(ActionId) {
            keys.extend([TextKey::ActionName(i), TextKey::ActionDescription(i)]);
        }
        for i in n(self.intel.len()).map(IntelId) {
            keys.extend([TextKey::IntelTitle(i), TextKey::IntelContent(i)]);
        }
        for i in n(self.injects.len()).map(InjectId) {
            keys.extend([
                TextKey::InjectFrom(i),
                TextKey::InjectSubject(i),
                TextKey::InjectText(i),
            ]);
        }
        for i in n(self.objectives.len()).map(ObjectiveId) {
            keys.extend([TextKey::ObjectiveName(i), TextKey::ObjectiveDescription(i)]);
        }
        keys.extend(n(self.levels.len()).map(|i| TextKey::LevelName(LevelId(i))));
        keys
    }

    /// The learning objectives (`meta.learning_objectives`) in `lang`, in the file's order.
    pub fn learning_objectives(&self, lang: Lang) -> Vec<String> {
        (0..self.meta.learning_objectives.len() as u32)
            .map(|i| self.text(TextKey::LearningObjective(i), lang).to_string())
            .collect()
    }

    /// Whether any text of the scenario is written in Japanese apart from its English.
    pub fn has_japanese(&self) -> bool {
        !self.ja.is_empty()
    }

    pub fn team_index(&self, id: &str) -> Option<TeamId> {
        self.teams
            .iter()
            .position(|t| t.id == id)
            .map(|i| TeamId(i as u32))
    }
    pub fn asset_index(&self, id: &str) -> Option<AssetId> {
        self.assets
            .iter()
            .position(|a| a.id == id)
            .map(|i| AssetId(i as u32))
    }
    pub fn campaign_index(&self, id: &str) -> Option<CampaignId> {
        self.campaigns
            .iter()
            .position(|c| c.id == id)
            .map(|i| CampaignId(i as u32))
    }
    pub fn action_index(&self, id: &str) -> Option<ActionId> {
        self.actions
            .iter()
            .position(|a| a.id == id)
            .map(|i| ActionId(i as u32))
    }
    pub fn intel_index(&self, id: &str) -> Option<IntelId> {
        self.intel
            .iter()
            .position(|a| a.id == id)
            .map(|i| IntelId(i as u32))
    }
    pub fn inject_index(&self, id: &str) -> Option<InjectId> {
        self.injects
            .iter()
            .position(|a| a.id == id)
            .map(|i| InjectId(i as u32))
    }
    pub fn team(&self, id: TeamId) -> &Team {
        &self.teams[id.index()]
    }
    pub fn asset(&self, id: AssetId) -> &Asset {
        &self.assets[id.index()]
    }
    pub fn action(&self, id: ActionId) -> &Action {
        &self.actions[id.index()]
    }
    pub fn stage(&self, s: StageRef) -> &Stage {
        &self.campaigns[s.campaign.index()].stages[s.stage as usize]
    }
    /// "campaign/stage", as authors name a stage.
    pub fn stage_name(&self, s: StageRef) -> String {
        let c = &self.campaigns[s.campaign.index()];
        format!("{}/{}", c.id, c.stages[s.stage as usize].id)
    }
    pub fn measure_name(&self, m: Measure) -> String {
        match m {
            Measure::Throughput(id) => self.service_measures[id.index()].id.clone(),
            other => Measure::BUILT_IN
                .iter()
                .find(|(_, b)| *b == other)
                .map(|(n, _)| n.to_string())
                .unwrap_or_default(),
        }
    }
    /// A measure's name for readers, from its id: "economic_loss" reads "Economic loss",
    /// "gate_containers" "Gate containers". Reports say this, never the bare id.
    pub fn measure_label(id: &str) -> String {
        let words = id.replace(['_', '-'], " ");
        let mut chars = words.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
    /// A measure's name for readers in `lang`. A built-in one's in the engine's words; a service
    /// measure's as its scenario names it (`service: (name: ...)`), else, in English, from its id
    /// ([`Scenario::measure_label`]) and, in Japanese, from the assets that carry it.
    pub fn measure_title(&self, m: Measure, lang: Lang) -> String {
        let id = match m {
            Measure::EconomicLoss => return lang.pick("Economic loss", "経済損失").into(),
            Measure::RecordsExposed => return lang.pick("Records exposed", "流出した記録").into(),
            Measure::PublicTrust => return lang.pick("Public trust", "社会の信頼").into(),
            Measure::ServiceLevel => return lang.pick("Service level", "サービス水準").into(),
            Measure::Throughput(id) => id,
        };
        let Some(measure) = self.service_measures.get(id.index()) else {
            return String::new();
        };
        if let Some(a) = measure.named_at {
            return self.text(TextKey::ServiceName(a), lang).to_string();
        }
        match (lang, measure.assets.as_slice()) {
            (Lang::En, _) | (Lang::Ja, []) => Self::measure_label(&measure.id),
            (Lang::Ja, [one]) => {
                format!("{}のサービス量", self.text(TextKey::AssetName(*one), lang))
            }
            (Lang::Ja, [first, rest @ ..]) => format!(
                "{}ほか{}件の資産のサービス量",
                self.text(TextKey::AssetName(*first), lang),
                rest.len()
            ),
        }
    }

    /// A measure's name for readers in `lang`, by the id the summary gives it (see
    /// [`Scenario::measure_title`]); an id the scenario does not know reads as its label.
    pub fn measure_title_of(&self, id: &str, lang: Lang) -> String {
        self.all_measures()
            .into_iter()
            .find(|m| self.measure_name(*m) == id)
            .map_or_else(|| Self::measure_label(id), |m| self.measure_title(m, lang))
    }

    /// The unit a measure is counted in, in `lang`: a service's as its scenario writes it, the
    /// currency for the loss, and the built-ins' own.
    pub fn measure_unit(&self, m: Measure, lang: Lang) -> String {
        match m {
            Measure::EconomicLoss => self.measures.currency.clone(),
            Measure::RecordsExposed => lang.pick("records", "件").into(),
            Measure::PublicTrust => "/100".into(),
            Measure::ServiceLevel => lang.pick("fraction", "割合").into(),
            Measure::Throughput(id) => match self.service_measures.get(id.index()) {
                Some(measure) => match measure.unit_at {
                    Some(a) => self.text(TextKey::ServiceUnit(a), lang).to_string(),
                    None => measure.unit.clone(),
                },
                None => String::new(),
            },
        }
    }

    /// The same for a measure named by its id (as a run's summary names it).
    pub fn measure_unit_of(&self, id: &str, lang: Lang) -> Option<String> {
        self.all_measures()
            .into_iter()
            .find(|m| self.measure_name(*m) == id)
            .map(|m| self.measure_unit(m, lang))
    }

    /// Every measure the scenario tracks, built-ins first, in a fixed order.
    pub fn all_measures(&self) -> Vec<Measure> {
        let mut v: Vec<Measure> = Measure::BUILT_IN.iter().map(|(_, m)| *m).collect();
        v.extend(
            (0..self.service_measures.len())
                .map(|i| Measure::Throughput(ServiceMeasureId(i as u32))),
        );
        v
    }
}
