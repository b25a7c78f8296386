//! The scenario file as authors write it: serde structs that mirror the RON text one to one.
//!
//! Nothing here is checked beyond syntax and types. References are plain strings, durations are
//! unparsed text, and optional fields carry their defaults, so a file with few fields still loads.
//! [`super::validate`] turns this into a [`super::model::Scenario`] or a list of diagnostics.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// A text a team reads: one text, shown in any language (`name: "Gate"`), or, in format 2, the
/// same text in English and Japanese (`name: (en: "Gate", ja: "ゲート")`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Langs(Langs),
}

/// Format 2: a text in each language: `(en: "Gate", ja: "ゲート")`; either may be left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Langs {
    #[serde(default)]
    pub en: String,
    #[serde(default)]
    pub ja: String,
}

impl Text {
    /// The text shown when a language has none of its own: the English, else the only one.
    pub fn main(&self) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Langs(l) if l.en.is_empty() => &l.ja,
            Text::Langs(l) => &l.en,
        }
    }

    /// The Japanese text, when it is written apart.
    pub fn ja(&self) -> Option<&str> {
        match self {
            Text::Plain(_) => None,
            Text::Langs(l) => Some(l.ja.as_str()).filter(|j| !j.is_empty()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.main().is_empty()
    }
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Plain(s)
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.main() == *other
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.main())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text: \"...\", or (en: \"...\", ja: \"...\")")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::Plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> Result<Text, A::Error> {
                Langs::deserialize(de::value::MapAccessDeserializer::new(m)).map(Text::Langs)
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

/// A whole scenario file: `Scenario(meta: (...), clock: (...), teams: [...], ...)`.
///
/// `A` holds the assets: the file's own structs for everything that reads or writes a file,
/// and, in the loader, a compact form each asset is taken into as it is read (a scenario may
/// hold 100,000 of them).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario<A = Vec<Asset>> {
    /// The version of the format the file is written in: 1 (the default) for the original
    /// format, `format: 2` to use the constructs of format 2.
    #[serde(default = "format_one")]
    pub format: u32,
    pub meta: Meta,
    pub clock: Clock,
    #[serde(default)]
    pub teams: Vec<Team>,
    #[serde(default)]
    pub assets: A,
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub intel: Vec<Intel>,
    #[serde(default)]
    pub injects: Vec<Inject>,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub measures: Measures,
    /// Format 2: options that change how the engine judges play.
    #[serde(default)]
    pub rules: Rules,
    /// Format 2: the crisis levels of the exercise, lowest first; it opens at the first. An
    /// inject (`level`) or the white cell raises or lowers it; `Level("emergency")` tests it.
    #[serde(default)]
    pub levels: Vec<CrisisLevel>,
}

/// Format 2: a crisis level: `(id: "emergency", name: "Emergency declared")`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisLevel {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub description: String,
}

/// Format 2: options that change how the engine judges play: `rules: (evict_before_restore: true)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Refuse to restore an encrypted asset while its owner knows the intruder still holds
    /// another of its assets: restoring then hands the system back to the intruder.
    #[serde(default)]
    pub evict_before_restore: bool,
}

fn format_one() -> u32 {
    1
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            format: format_one(),
            meta: Meta::default(),
            clock: Clock::default(),
            teams: Vec::new(),
            assets: Vec::new(),
            campaigns: Vec::new(),
            actions: Vec::new(),
            intel: Vec::new(),
            injects: Vec::new(),
            objectives: Vec::new(),
            levels: Vec::new(),
            measures: Measures::default(),
            rules: Rules::default(),
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    /// The title; in format 2, in two languages.
    pub title: Text,
    #[serde(default)]
    pub summary: Text,
    #[serde(default = "default_version")]
    pub version: String,
    #[serde(default)]
    pub authors: Vec<String>,
    /// Sources the scenario draws on.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// What the scenario assumes where the sources are silent.
    #[serde(default)]
    pub assumptions: Vec<String>,
    /// What players should take away; in format 2, each may be in two languages.
    #[serde(default)]
    pub learning_objectives: Vec<Text>,
}

fn default_version() -> String {
    "0.1.0".into()
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    /// What the scenario takes from this source.
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    /// RFC 3339 with offset: "2023-07-04T06:00:00+09:00".
    pub start: String,
    /// Tick length: "15m".
    #[serde(default = "default_tick")]
    pub tick: String,
    /// Length of the exercise from the start: "5d".
    pub length: String,
    /// Named phases (moves), each starting at an offset from the start.
    #[serde(default)]
    pub phases: Vec<Phase>,
}

fn default_tick() -> String {
    "15m".into()
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub name: Text,
    /// Offset from the start: "0m", "1d".
    pub at: String,
    #[serde(default)]
    pub description: Text,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamKind {
    #[default]
    Operator,
    Agency,
    Adversary,
    WhiteCell,
}

/// Security clearance of a team, and classification of an intelligence item (same ladder).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Classification {
    #[default]
    Unclassified,
    Confidential,
    Secret,
    TopSecret,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlayedBy {
    #[default]
    People,
    Simulation,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub name: Text,
    /// ISO 3166 alpha-2 code: "JP", "US".
    #[serde(default)]
    pub nation: String,
    #[serde(default)]
    pub kind: TeamKind,
    /// Sector an operator belongs to: "port", "power", "telecom".
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub clearance: Classification,
    #[serde(default)]
    pub played_by: PlayedBy,
    /// Staff available for actions at once.
    #[serde(default = "default_staff")]
    pub staff: u32,
    /// What a team played by the simulation does.
    #[serde(default)]
    pub doctrine: Vec<Rule>,
    #[serde(default)]
    pub description: Text,
    /// The team's own time zone, an IANA name ("Europe/London"): its seat reads every time in
    /// it. None: the exercise's clock.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Format 2: the team's working hours, in its own zone; outside them its actions start
    /// only once staff are called in.
    #[serde(default)]
    pub hours: Option<Hours>,
}

fn default_staff() -> u32 {
    4
}

/// Working hours (format 2): `(from: "09:30", to: "18:15", holidays: ["2027-11-03"],
/// around_the_clock: Some(Level("crisis")))`, in the team's own zone.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// When the working day begins, "HH:MM" on the team's clock.
    pub from: String,
    /// When it ends, "HH:MM", later than `from`.
    pub to: String,
    /// The working days.
    #[serde(default = "working_week")]
    pub days: Vec<Weekday>,
    /// Days off besides the week's ("2027-11-03", a national holiday), on the team's clock.
    #[serde(default)]
    pub holidays: Vec<String>,
    /// How long staff take to come in: an action taken outside the hours starts its work this
    /// much later.
    #[serde(default = "default_call_out")]
    pub call_out: String,
    /// While this holds the team is manned around the clock (crisis manning).
    #[serde(default)]
    pub around_the_clock: Option<Condition>,
}

fn working_week() -> Vec<Weekday> {
    vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
}

fn default_call_out() -> String {
    "2h".into()
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// A doctrine rule or a scripted decision: when a condition holds, take an action.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// At this offset from the start ("2h"); with `when`, both must hold.
    #[serde(default)]
    pub at: Option<String>,
    #[serde(default)]
    pub when: Option<Condition>,
    /// Wait this long after the condition first holds: "30m".
    #[serde(default)]
    pub after: Option<String>,
    /// The action to take.
    pub take: String,
    /// The asset it applies to, if it takes one.
    #[serde(default)]
    pub target: Option<String>,
    /// The team it concerns, if it takes one (report to, share with, request from).
    #[serde(default)]
    pub to: Option<String>,
    /// The intelligence item it concerns, if it takes one (share, declassify).
    #[serde(default)]
    pub intel: Option<String>,
    /// Format 2: for a team that authorises the action, refuse it (to the `to` team, or to any
    /// that asks) instead of granting it; given once a request waits for this team's answer.
    #[serde(default)]
    pub refuse: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AssetKind {
    #[default]
    It,
    Ot,
    Service,
    Data,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Criticality {
    Low,
    #[default]
    Medium,
    High,
    Vital,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    pub id: String,
    pub name: Text,
    pub owner: String,
    #[serde(default)]
    pub kind: AssetKind,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub criticality: Criticality,
    /// Assets this one cannot work without: down when any of them is down, degraded when any is degraded.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Assets this one works worse without: degraded when any of them is down.
    #[serde(default)]
    pub uses: Vec<String>,
    /// Format 2: groups of alternatives (a backup generator beside the grid feed, a second
    /// link): the asset needs any one asset of each group, and takes the best level among them.
    #[serde(default)]
    pub depends_on_any: Vec<Vec<String>>,
    /// Format 2: dependencies that bite only once their supplier has been below normal for a
    /// stated time (a fuel or storage reserve); a cycle of dependencies is allowed when one of
    /// its links is of this kind.
    #[serde(default)]
    pub depends_on_reserve: Vec<Reserve>,
    /// Format 2: groups of assets that each carry an equal share of what this one needs (three
    /// substations each feeding a third of a feeder's load, two gate lanes): the asset works
    /// at the mean of their levels, so losing one of three leaves it at two thirds, and its
    /// service measure follows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on_shares: Vec<Vec<String>>,
    /// Format 2: teams that run the asset for its owner (a managed-service provider's tool
    /// inside its customer): they see it and are told its news as the owner is, and may aim an
    /// `own_assets_only` action at it; its losses and objectives stay the owner's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operators: Vec<String>,
    #[serde(default)]
    pub posture: Posture,
    #[serde(default)]
    pub service: Option<Service>,
    #[serde(default)]
    pub recovery: Recovery,
    /// Economic loss per hour while the asset is down (scaled by how far it is from normal).
    #[serde(default)]
    pub loss_per_hour: f64,
    /// Whether the public notices when it is down (public trust falls while it is).
    #[serde(default)]
    pub public_facing: bool,
    #[serde(default)]
    pub description: Text,
}

/// A dependency covered by a reserve: the asset carries on while `asset` is below normal for
/// up to `lasts`, then follows its level.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reserve {
    pub asset: String,
    pub lasts: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Posture {
    /// Share of known vulnerabilities patched, 0..1.
    #[serde(default = "half")]
    pub patching: f64,
    #[serde(default)]
    pub mfa: bool,
    /// Monitoring coverage (logging, EDR, SOC), 0..1.
    #[serde(default = "half")]
    pub monitoring: f64,
    /// Network segmentation from the rest of the owner's estate, 0..1.
    #[serde(default)]
    pub segmentation: f64,
    #[serde(default)]
    pub backups: Backups,
}

fn half() -> f64 {
    0.5
}

impl Default for Posture {
    fn default() -> Self {
        Posture {
            patching: 0.5,
            mfa: false,
            monitoring: 0.5,
            segmentation: 0.0,
            backups: Backups::default(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backups {
    /// How far back backups reach, in days; 0 for none.
    #[serde(default = "default_depth")]
    pub depth_days: u32,
    /// Kept offline (out of reach of an intruder).
    #[serde(default)]
    pub offline: bool,
}

fn default_depth() -> u32 {
    7
}

impl Default for Backups {
    fn default() -> Self {
        Backups {
            depth_days: 7,
            offline: false,
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Measure id for the throughput: "gate_containers".
    pub measure: String,
    /// The measure's name for readers: "Containers through the gates"; in format 2, in two
    /// languages. Assets sharing a measure name it once (or each the same way); unnamed, it
    /// reads as its id.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub name: Text,
    /// Unit, for display: "containers/h"; in format 2, in two languages. Assets sharing a
    /// measure use one unit.
    #[serde(default)]
    pub unit: Text,
    /// Normal rate when the asset is fully working.
    pub normal: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// Time to restore from a clean backup: "12h".
    #[serde(default = "default_restore")]
    pub restore: String,
    /// Time to rebuild when no clean backup is at hand: "3d".
    #[serde(default = "default_rebuild")]
    pub rebuild: String,
}

fn default_restore() -> String {
    "12h".into()
}
fn default_rebuild() -> String {
    "3d".into()
}

impl Default for Recovery {
    fn default() -> Self {
        Recovery {
            restore: default_restore(),
            rebuild: default_rebuild(),
        }
    }
}

/// Which assets something applies to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Target {
    Asset(String),
    Tag(String),
    Kind(AssetKind),
    Owner(String),
    Sector(String),
    /// Every asset matching all the selectors.
    All(Vec<Target>),
    /// Assets matching any of the selectors.
    Any(Vec<Target>),
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub id: String,
    /// Its name; in format 2, in two languages.
    pub name: Text,
    /// The adversary team running it.
    pub team: String,
    /// When it starts; it starts at once when absent.
    #[serde(default)]
    pub starts: Option<Condition>,
    /// Ransom demanded after encryption, in the scenario's currency.
    #[serde(default)]
    pub ransom: Option<f64>,
    pub stages: Vec<Stage>,
    /// Format 2: access the campaign already holds when the exercise begins.
    #[serde(default)]
    pub held_at_start: Vec<Holding>,
    #[serde(default)]
    pub description: String,
}

/// Access won before the exercise begins (months of pre-positioning): `(stage: "rmm-access",
/// assets: Asset("msp-rmm"), since: "180d")`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// The stage that won it: it has succeeded at the start, and so has every stage it comes after.
    pub stage: String,
    /// The assets held, each among the stage's targets.
    pub assets: Target,
    /// How long before the start the access was won: "180d". Backups younger than that hold the
    /// intruder too.
    #[serde(default = "no_time")]
    pub since: String,
}

fn no_time() -> String {
    "0m".into()
}

/// A posture control that counters a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Control {
    Patching,
    Mfa,
    Segmentation,
    Monitoring,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    /// Its name; in format 2, in two languages.
    #[serde(default)]
    pub name: Text,
    /// ATT&CK technique id, enterprise or ICS: "T1133", "T0831".
    pub technique: String,
    pub target: Target,
    /// Stages that must have succeeded first; none for the way in.
    #[serde(default)]
    pub after: Vec<String>,
    /// A further condition before the stage may begin.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Format 2: the assets the stage is worked from: it begins, and an attempt goes on, only
    /// while the campaign holds a foothold on one of them (a path of its own), instead of one
    /// anywhere.
    #[serde(default)]
    pub from: Option<Target>,
    /// Chance that one attempt succeeds against an unprotected target, 0..1.
    #[serde(default = "default_chance")]
    pub chance: f64,
    /// Posture controls that lower the chance.
    #[serde(default)]
    pub countered_by: Vec<Control>,
    /// Time one attempt takes: ("2h", "12h").
    #[serde(default = "default_dwell")]
    pub dwell: (String, String),
    /// Chance per tick that the owner notices an attempt under way, before monitoring and intel.
    #[serde(default = "default_detection")]
    pub detection: f64,
    /// Attempts before the adversary gives up on the stage.
    #[serde(default = "default_attempts")]
    pub attempts: u32,
    pub effect: Effect,
}

fn default_chance() -> f64 {
    0.5
}
fn default_dwell() -> (String, String) {
    ("1h".into(), "4h".into())
}
fn default_detection() -> f64 {
    0.02
}
fn default_attempts() -> u32 {
    3
}

/// What a successful stage does to its targets.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    #[default]
    Foothold,
    CredentialTheft,
    LateralMovement,
    Encrypt,
    /// A batch of `records` at once; or (format 2) a drain of `per_hour` records while the
    /// intruder holds the target and the stage's `when` holds, up to `up_to`.
    Exfiltrate {
        #[serde(default)]
        records: u64,
        #[serde(default)]
        per_hour: u64,
        #[serde(default)]
        up_to: Option<u64>,
    },
    Disrupt {
        #[serde(default)]
        duration: Option<String>,
    },
    Wipe,
    /// Format 2: defence evasion (impairing defences, T1562; removing indicators, T1070): the
    /// intruder is on the target, whose monitoring falls by `monitoring`, and the campaign's
    /// footholds there are noticed with `detection` less chance (0.5: half as often).
    Evade {
        #[serde(default)]
        monitoring: f64,
        #[serde(default)]
        detection: f64,
    },
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    /// Teams that may take it.
    pub teams: Vec<String>,
    /// Assets it may be aimed at; none when it takes no asset.
    #[serde(default)]
    pub targets: Option<Target>,
    /// What must hold before it can start.
    #[serde(default)]
    pub requires: Option<Condition>,
    /// Teams that must authorise it before it starts (a waiver, an oversight approval).
    #[serde(default)]
    pub authorised_by: Vec<String>,
    /// Format 2: an authorisation chain instead of `authorised_by`: steps given in this order,
    /// each by its own team (an order, a consultation, an approval).
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Format 2: every team the action goes to at once (a report under a law that names its
    /// recipients), instead of one `to` team chosen when it is taken.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// For an action addressed to a team (a report, a share, a request for help): the teams it
    /// may be addressed to ("Report to MLIT": `["mlit"]`). Sending it to any other team is
    /// refused. Empty: any team.
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default = "default_duration")]
    pub duration: String,
    /// Staff it occupies while under way.
    #[serde(default = "default_cost")]
    pub cost: u32,
    pub effects: Vec<ActionEffect>,
    /// Whether it can be taken more than once.
    #[serde(default = "yes")]
    pub repeatable: bool,
    /// Format 2: the acting team may aim it only at assets it owns, among its `targets`.
    #[serde(default)]
    pub own_assets_only: bool,
}

/// Format 2: one step of an authorisation chain: `(by: "pm", kind: Order)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The team that gives it.
    pub by: String,
    pub kind: StepKind,
    /// In an emergency the action may start without this step; the step's team must then be
    /// notified within a deadline.
    #[serde(default)]
    pub afterwards: Option<Afterwards>,
}

/// What a step of an authorisation chain is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKind {
    /// An order to act (the Prime Minister's order to the Self-Defense Forces).
    Order,
    /// A consultation that must have taken place (the Foreign Minister's).
    Consultation,
    /// An approval (an oversight commission's).
    Approval,
}

impl StepKind {
    /// The step in words: "order", "consultation", "approval".
    pub fn words(self) -> &'static str {
        match self {
            StepKind::Order => "order",
            StepKind::Consultation => "consultation",
            StepKind::Approval => "approval",
        }
    }
}

/// Format 2: when a step may come after the fact: `(when: Level("emergency"), notice:
/// "notify-commission", within: "12h")`. While `when` holds the action starts without the step;
/// the acting team must then complete the `notice` action within `within` of the start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Afterwards {
    pub when: Condition,
    pub notice: String,
    pub within: String,
}

fn default_duration() -> String {
    "1h".into()
}
fn default_cost() -> u32 {
    1
}
fn yes() -> bool {
    true
}

/// What a completed action does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ActionEffect {
    /// Cut the target off the network: it stops working, and adversary stages on it fail.
    Isolate,
    /// Bring an isolated target back.
    Reconnect,
    /// Restore the target from backup (or rebuild it when no clean backup exists).
    Restore,
    /// Patch the target's known vulnerabilities.
    Patch,
    EnableMfa,
    /// Set the target's backups: how many days they reach back, and whether a copy is kept offline.
    Backups {
        depth_days: u32,
        offline: bool,
    },
    /// Search the target for intruders: each hidden foothold is found with this chance, and found ones are removed.
    Hunt {
        thoroughness: f64,
    },
    /// Raise the target's monitoring to at least this level.
    Monitor {
        level: f64,
    },
    /// Format 2: raise the target's segmentation to at least this level (firewall rules
    /// between zones, a provider's access cut to maintenance windows).
    Segment {
        level: f64,
    },
    /// Pass an intelligence item to a team, within its TLP marking and the recipient's clearance.
    ShareIntel,
    /// Lower an item's classification so uncleared teams may hold it, optionally with a new TLP marking.
    Declassify {
        #[serde(default)]
        tlp: Option<Tlp>,
    },
    /// Format 2: release the item's tearline, a new item of its own (the intel item whose
    /// `tearline_of` names this one), to every holder of the original, which stays as it is.
    Tearline,
    /// Format 2: the originator gives the `to` team a need to know for the item, so that an
    /// AMBER item may be passed on to it.
    GrantNeedToKnow,
    /// Report the incident to a team: it learns what the reporter knows.
    Report,
    /// Ask a team for help; it learns what the requester knows.
    RequestAssistance,
    /// A public statement; changes public trust by this many points.
    PublicStatement {
        trust: f64,
    },
    /// Law-enforcement takedown of the campaign's infrastructure.
    Takedown {
        campaign: String,
        chance: f64,
        /// Format 2: a successful takedown also seizes the campaign's decryption keys.
        #[serde(default)]
        decryptor: bool,
    },
    /// Active cyber defence operation against the campaign's servers.
    ActiveDefense {
        campaign: String,
        chance: f64,
    },
    PayRansom {
        campaign: String,
    },
    RefuseRansom {
        campaign: String,
    },
    /// Format 2: a decryptor for the campaign's encryption is obtained (from a security vendor,
    /// the No More Ransom project, a partner's takedown).
    Decryptor {
        campaign: String,
    },
    /// Change a measure by an amount (for scenario-specific consequences).
    Adjust {
        measure: String,
        by: f64,
    },
}

/// The 32 core capabilities of the US National Preparedness Goal, which HSEEP evaluates an
/// exercise objective against: `capability: Some(Cybersecurity)` on an objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CoreCapability {
    Planning,
    PublicInformationAndWarning,
    OperationalCoordination,
    ForensicsAndAttribution,
    IntelligenceAndInformationSharing,
    InterdictionAndDisruption,
    ScreeningSearchAndDetection,
    AccessControlAndIdentityVerification,
    Cybersecurity,
    PhysicalProtectiveMeasures,
    RiskManagementForProtectionProgramsAndActivities,
    SupplyChainIntegrityAndSecurity,
    CommunityResilience,
    LongTermVulnerabilityReduction,
    RiskAndDisasterResilienceAssessment,
    ThreatsAndHazardsIdentification,
    CriticalTransportation,
    EnvironmentalResponseHealthAndSafety,
    FatalityManagementServices,
    FireManagementAndSuppression,
    LogisticsAndSupplyChainManagement,
    MassCareServices,
    MassSearchAndRescueOperations,
    OnSceneSecurityProtectionAndLawEnforcement,
    OperationalCommunications,
    PublicHealthHealthcareAndEmergencyMedicalServices,
    SituationalAssessment,
    EconomicRecovery,
    HealthAndSocialServices,
    Housing,
    InfrastructureSystems,
    NaturalAndCulturalResources,
}

impl CoreCapability {
    /// All 32, in the order of the enum.
    pub const ALL: [CoreCapability; 32] = [
        CoreCapability::Planning,
        CoreCapability::PublicInformationAndWarning,
        CoreCapability::OperationalCoordination,
        CoreCapability::ForensicsAndAttribution,
        CoreCapability::IntelligenceAndInformationSharing,
        CoreCapability::InterdictionAndDisruption,
        CoreCapability::ScreeningSearchAndDetection,
        CoreCapability::AccessControlAndIdentityVerification,
        CoreCapability::Cybersecurity,
        CoreCapability::PhysicalProtectiveMeasures,
        CoreCapability::RiskManagementForProtectionProgramsAndActivities,
        CoreCapability::SupplyChainIntegrityAndSecurity,
        CoreCapability::CommunityResilience,
        CoreCapability::LongTermVulnerabilityReduction,
        CoreCapability::RiskAndDisasterResilienceAssessment,
        CoreCapability::ThreatsAndHazardsIdentification,
        CoreCapability::CriticalTransportation,
        CoreCapability::EnvironmentalResponseHealthAndSafety,
        CoreCapability::FatalityManagementServices,
        CoreCapability::FireManagementAndSuppression,
        CoreCapability::LogisticsAndSupplyChainManagement,
        CoreCapability::MassCareServices,
        CoreCapability::MassSearchAndRescueOperations,
        CoreCapability::OnSceneSecurityProtectionAndLawEnforcement,
        CoreCapability::OperationalCommunications,
        CoreCapability::PublicHealthHealthcareAndEmergencyMedicalServices,
        CoreCapability::SituationalAssessment,
        CoreCapability::EconomicRecovery,
        CoreCapability::HealthAndSocialServices,
        CoreCapability::Housing,
        CoreCapability::InfrastructureSystems,
        CoreCapability::NaturalAndCulturalResources,
    ];

    /// The capability's name as the National Preparedness Goal writes it.
    pub fn name(self) -> &'static str {
        match self {
            CoreCapability::Planning => "Planning",
            CoreCapability::PublicInformationAndWarning => "Public Information and Warning",
            CoreCapability::OperationalCoordination => "Operational Coordination",
            CoreCapability::ForensicsAndAttribution => "Forensics and Attribution",
            CoreCapability::IntelligenceAndInformationSharing => {
                "Intelligence and Information Sharing"
            }
            CoreCapability::InterdictionAndDisruption => "Interdiction and Disruption",
            CoreCapability::ScreeningSearchAndDetection => "Screening, Search, and Detection",
            CoreCapability::AccessControlAndIdentityVerification => {
                "Access Control and Identity Verification"
            }
            CoreCapability::Cybersecurity => "Cybersecurity",
            CoreCapability::PhysicalProtectiveMeasures => "Physical Protective Measures",
            CoreCapability::RiskManagementForProtectionProgramsAndActivities => {
                "Risk Management for Protection Programs and Activities"
            }
            CoreCapability::SupplyChainIntegrityAndSecurity => {
                "Supply Chain Integrity and Security"
            }
            CoreCapability::CommunityResilience => "Community Resilience",
            CoreCapability::LongTermVulnerabilityReduction => "Long-term Vulnerability Reduction",
            CoreCapability::RiskAndDisasterResilienceAssessment => {
                "Risk and Disaster Resilience Assessment"
            }
            CoreCapability::ThreatsAndHazardsIdentification => "Threats and Hazards Identification",
            CoreCapability::CriticalTransportation => "Critical Transportation",
            CoreCapability::EnvironmentalResponseHealthAndSafety => {
                "Environmental Response/Health and Safety"
            }
            CoreCapability::FatalityManagementServices => "Fatality Management Services",
            CoreCapability::FireManagementAndSuppression => "Fire Management and Suppression",
            CoreCapability::LogisticsAndSupplyChainManagement => {
                "Logistics and Supply Chain Management"
            }
            CoreCapability::MassCareServices => "Mass Care Services",
            CoreCapability::MassSearchAndRescueOperations => "Mass Search and Rescue Operations",
            CoreCapability::OnSceneSecurityProtectionAndLawEnforcement => {
                "On-scene Security, Protection, and Law Enforcement"
            }
            CoreCapability::OperationalCommunications => "Operational Communications",
            CoreCapability::PublicHealthHealthcareAndEmergencyMedicalServices => {
                "Public Health, Healthcare, and Emergency Medical Services"
            }
            CoreCapability::SituationalAssessment => "Situational Assessment",
            CoreCapability::EconomicRecovery => "Economic Recovery",
            CoreCapability::HealthAndSocialServices => "Health and Social Services",
            CoreCapability::Housing => "Housing",
            CoreCapability::InfrastructureSystems => "Infrastructure Systems",
            CoreCapability::NaturalAndCulturalResources => "Natural and Cultural Resources",
        }
    }
}

/// Traffic Light Protocol 2.0 marking.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Tlp {
    Clear,
    Green,
    #[default]
    Amber,
    AmberStrict,
    Red,
}

impl Tlp {
    /// The marking as written on a document: "TLP:AMBER+STRICT".
    pub fn label(self) -> &'static str {
        match self {
            Tlp::Clear => "TLP:CLEAR",
            Tlp::Green => "TLP:GREEN",
            Tlp::Amber => "TLP:AMBER",
            Tlp::AmberStrict => "TLP:AMBER+STRICT",
            Tlp::Red => "TLP:RED",
        }
    }
}

/// What an intelligence item describes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Subject {
    Campaign(String),
    Technique(String),
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intel {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub content: Text,
    /// The team that originated it.
    pub source: String,
    #[serde(default)]
    pub classification: Classification,
    /// The TLP marking, written bare (`tlp: Amber`); `Amber` when left out. An item released
    /// by `rel_to` carries none: TLP is for unclassified information.
    #[serde(default, deserialize_with = "bare_tlp")]
    pub tlp: Option<Tlp>,
    /// The nations a classified item is releasable to, as the teams' `nation` codes: the
    /// marking "SECRET//REL TO JPN, AUS, GBR, USA". Empty: the item's TLP governs sharing.
    #[serde(default)]
    pub rel_to: Vec<String>,
    #[serde(default)]
    pub about: Vec<Subject>,
    /// Teams that hold it at the start.
    #[serde(default)]
    pub held_by: Vec<String>,
    /// Teams with a need to know: AMBER items may be passed on to them.
    #[serde(default)]
    pub need_to_know: Vec<String>,
    /// Format 2: for a classified item, the TLP its unclassified release carries once it is
    /// declassified (unless the `Declassify` sets one): the place of a format 1 file's `tlp` on
    /// a classified item, which the lint `tlp-classified` warns of.
    #[serde(default)]
    pub release_tlp: Option<Tlp>,
    /// Format 2: this item is the tearline of another (its reduced release, with its own
    /// level, TLP and text), held by nobody until its originator releases it with `Tearline`.
    #[serde(default)]
    pub tearline_of: Option<String>,
    /// How much holding it raises detection of what it describes (1.0 doubles the chance).
    #[serde(default = "one")]
    pub detection_boost: f64,
}

fn one() -> f64 {
    1.0
}

/// A TLP marking as authors write it (`tlp: Amber`), kept apart from one left out.
fn bare_tlp<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Tlp>, D::Error> {
    Tlp::deserialize(d).map(Some)
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    #[default]
    Email,
    Phone,
    News,
    Social,
    SiemAlert,
    Ticket,
    Liaison,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    /// Offset from the start: "2h".
    #[serde(default)]
    pub at: Option<String>,
    /// Or: when a condition first holds.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Who it appears to come from: a team id or a free label ("Reporter, Chunichi Shimbun").
    pub from: Text,
    pub to: Vec<String>,
    #[serde(default)]
    pub channel: Channel,
    pub subject: Text,
    #[serde(default)]
    pub text: Text,
    /// The action the recipients are expected to take.
    #[serde(default)]
    pub expects: Option<String>,
    #[serde(default)]
    pub objective: Option<String>,
    /// An intelligence item the recipients receive with it.
    #[serde(default)]
    pub intel: Option<String>,
    /// Change in public trust when it goes out (news, social media).
    #[serde(default)]
    pub trust: f64,
    /// Format 2: the crisis level it sets when it goes out (a declaration of emergency).
    #[serde(default)]
    pub level: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub team: String,
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    /// What must hold for the objective to be met.
    pub goal: Condition,
    #[serde(default)]
    pub deadline: Option<Deadline>,
    /// The core capability the objective exercises, for the after-action report and its
    /// improvement plan.
    #[serde(default)]
    pub capability: Option<CoreCapability>,
}

/// By when an objective must be met.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Deadline {
    /// An offset from the start: `By("2d")`.
    By(String),
    /// Within a time of an event: `Within("24h", Detected(...))`; not owed while the event has not happened.
    Within(String, Condition),
    /// Format 2: the goal must hold at every tick to the end; missed the first tick it does not.
    Throughout,
    /// Format 2: the goal must hold at every tick up to this offset from the start, and is met
    /// then: `Until("2d")`; missed the first tick it does not.
    Until(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measures {
    /// Public trust at the start, 0..100.
    #[serde(default = "default_trust")]
    pub public_trust: f64,
    /// Trust lost per hour per public-facing asset that is down.
    #[serde(default = "default_trust_decay")]
    pub trust_loss_per_hour: f64,
    /// Trust lost per 100,000 records exposed.
    #[serde(default = "default_trust_per_records")]
    pub trust_loss_per_100k_records: f64,
    /// Currency used in economic figures: "JPY".
    #[serde(default = "default_currency")]
    pub currency: String,
}

fn default_trust() -> f64 {
    80.0
}
fn default_trust_decay() -> f64 {
    0.2
}
fn default_trust_per_records() -> f64 {
    1.0
}
fn default_currency() -> String {
    "JPY".into()
}

impl Default for Measures {
    fn default() -> Self {
        Measures {
            public_trust: default_trust(),
            trust_loss_per_hour: default_trust_decay(),
            trust_loss_per_100k_records: default_trust_per_records(),
            currency: default_currency(),
        }
    }
}

/// The one condition language used by injects, doctrine, decisions, objectives and preconditions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// At or after this offset from the start: `After("6h")`.
    After(String),
    /// During or after a phase.
    Phase(String),
    /// An asset is in a state: `Asset("nuts", Down)`.
    Asset(String, AssetCondition),
    /// A campaign stage has succeeded: `Stage("lockbit", "encrypt")`.
    Stage(String, String),
    /// A team knows of a campaign stage's activity: `Detected("nhta", "lockbit", "encrypt")`.
    Detected(String, String, String),
    /// A team has completed an action: `Done("nhta", "report-police")`.
    Done(String, String),
    /// An inject has gone out.
    Delivered(String),
    /// A team holds an intelligence item.
    Holds(String, String),
    /// A measure is above a value: `Above("economic_loss", 1e9)`.
    Above(String, f64),
    Below(String, f64),
    /// True with this chance each time it is checked (once a tick).
    Chance(f64),
    /// Format 2: a campaign has been stopped by a takedown or an active-defence operation:
    /// `Halted("lockbit")`.
    Halted(String),
    /// Format 2: a team has every authorisation an action needs: `Granted("sdf", "active-defense")`.
    Granted(String, String),
    /// Format 2: a team knows of activity of any stage of a campaign:
    /// `DetectedAny("nhta", "lockbit")`.
    DetectedAny(String, String),
    /// Format 2: a team has completed an action on a given asset:
    /// `DoneOn("nhta", "restore", "nuts-db")`.
    DoneOn(String, String, String),
    /// Format 2: the crisis level is at or above this one: `Level("emergency")`.
    Level(String),
    /// Format 2: a team has received another's action addressed to it (a report):
    /// `Received("pm", "power", "report-acd")`.
    Received(String, String, String),
    /// Format 2: a team started an action in an emergency, without a step given after the fact
    /// (`afterwards`), and let the notice it then owed pass its deadline:
    /// `NoticeMissed("mod", "acd-neutralise")`.
    NoticeMissed(String, String),
}

/// Asset states a condition can test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AssetCondition {
    Normal,
    Degraded,
    Down,
    Compromised,
    Encrypted,
    Isolated,
    Restoring,
}

impl AssetCondition {
    /// The state in words: "down", "being restored".
    pub fn words(self) -> &'static str {
        match self {
            AssetCondition::Normal => "normal",
            AssetCondition::Degraded => "degraded",
            AssetCondition::Down => "down",
            AssetCondition::Compromised => "compromised",
            AssetCondition::Encrypted => "encrypted",
            AssetCondition::Isolated => "isolated",
            AssetCondition::Restoring => "being restored",
        }
    }

    /// The state in Japanese words: "停止", "復旧中".
    pub fn japanese(self) -> &'static str {
        match self {
            AssetCondition::Normal => "正常",
            AssetCondition::Degraded => "機能低下",
            AssetCondition::Down => "停止",
            AssetCondition::Compromised => "侵害あり",
            AssetCondition::Encrypted => "暗号化",
            AssetCondition::Isolated => "隔離中",
            AssetCondition::Restoring => "復旧中",
        }
    }
}

/// A decisions file: scripted team actions for dry runs and tests.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// The version of the format the file is written in, as in a scenario file.
    #[serde(default = "format_one")]
    pub format: u32,
    /// The scenario id these decisions were written for.
    pub scenario: String,
    #[serde(default)]
    pub description: String,
    /// Preparation done before the exercise begins: each action's effects are in place at the
    /// start, taking no time or staff (offline backups kept, a VPN patched last month).
    #[serde(default)]
    pub prior: Vec<Decision>,
    pub decisions: Vec<Decision>,
}

impl Default for Decisions {
    fn default() -> Self {
        Decisions {
            format: format_one(),
            scenario: String::new(),
            description: String::new(),
            prior: Vec::new(),
            decisions: Vec::new(),
        }
    }
}

/// One scripted decision: a team takes an action at a time or when a condition holds.
/// The fields after `team` mean what they mean in a doctrine [`Rule`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub team: String,
    #[serde(default)]
    pub at: Option<String>,
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub after: Option<String>,
    pub take: String,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub intel: Option<String>,
    #[serde(default)]
    pub refuse: bool,
}

impl Decision {
    /// The team, and the decision as a rule that team follows.
    pub fn into_rule(self) -> (String, Rule) {
        let Decision {
            team,
            at,
            when,
            after,
            take,
            target,
            to,
            intel,
            refuse,
        } = self;
        (
            team,
            Rule {
                at,
                when,
                after,
                take,
                target,
                to,
                intel,
                refuse,
            },
        )
    }
}
