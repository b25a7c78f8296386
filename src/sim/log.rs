//! The event log: one append-only record of everything worth telling, each entry stamped with
//! its tick and the teams that know of it. Every view (a player's inbox, the facilitator's
//! timeline, the after-action report) is a filter over this log.

use serde::Serialize;

use crate::scenario::model::{
    ActionId, AssetId, CampaignId, CoreCapability, InjectId, IntelId, LevelId, ObjectiveId,
    PhaseId, Scenario, StageRef, TeamId,
};
use crate::sim::actions::Why;
use crate::sim::facts::Level;

pub mod lines;

/// What an attack did to an asset, as its owner sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    Encrypted,
    Disrupted,
    Wiped,
}

/// What an action did to an asset (the line "NUTS isolated").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Isolated,
    Reconnected,
    Patched,
    Mfa,
    BackedUp { offline: bool },
    Monitored,
    Segmented,
}

/// What exercise control did, for the white cell's log (no team is told).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ControlDeed {
    Fired(InjectId),
    Withdrawn(InjectId),
    /// Held back until the tick given.
    HeldBack(InjectId, u32),
    Rewritten(InjectId),
    /// An inject's item not given to a team not cleared for it.
    Withheld {
        item: IntelId,
        team: TeamId,
        classification: crate::scenario::model::Classification,
    },
    /// A ruling, with the facilitator's reason as written.
    Ruling {
        ruling: Ruled,
        reason: String,
    },
    /// A ruling on an action under way (by its number) that was not under way.
    NotApplied {
        seq: u32,
        reason: String,
    },
}

/// What a ruling did, as its line says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ruled {
    Restored(AssetId),
    Failed(AssetId),
    CompletesNow {
        team: TeamId,
        action: ActionId,
    },
    CalledOff {
        team: TeamId,
        action: ActionId,
    },
    /// A roll for `what` (as the facilitator wrote it) at `percent`.
    Roll {
        what: String,
        /// As the line prints it ("33").
        percent: String,
        hit: bool,
    },
}

/// Why an attacker's step failed or stopped, as its line says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setback {
    /// The target was isolated.
    Isolated(AssetId),
    /// The intruder lost the foothold the stage is worked from (its `from:` names it).
    LostFooting(StageRef),
    DefencesHeld,
    /// A drain's data is no longer held.
    NoLongerHolds,
    /// A drain's `when` closed.
    WayOutClosed,
}

/// The attacker's own lines (its team's alone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attack {
    Started(CampaignId),
    HeldAtStart {
        stage: StageRef,
        assets: u32,
    },
    Attempting {
        stage: StageRef,
        target: AssetId,
    },
    Succeeded(StageRef),
    Failed {
        stage: StageRef,
        attempt: u32,
        abandoned: bool,
        why: Setback,
    },
    /// A drain stopped, after `records` (as written: "40,000").
    DrainStopped {
        stage: StageRef,
        records: String,
        why: Setback,
    },
    DrainResumes(StageRef),
    DrainDone {
        stage: StageRef,
        records: String,
    },
}

/// What a team did about a ransom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RansomDeed {
    Decryptor,
    Paid,
    Refused,
}
pub use lines::Deed;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum EventKind {
    ExerciseStarted,
    PhaseBegan,
    InjectDelivered,
    Message,
    InjectSkipped,
    CampaignStarted,
    CampaignHalted,
    StageBegan,
    StageSucceeded,
    StageFailed,
    Detection,
    Impact,
    AssetChanged,
    ActionRequested,
    ActionStarted,
    ActionCompleted,
    ActionRefused,
    Authorisation,
    IntelReceived,
    IntelDeclassified,
    Reported,
    ObjectiveMet,
    ObjectiveMissed,
    Adjudication,
    /// Exercise control's hand on the MSEL: an inject fired, held back or rewritten (a
    /// withdrawn one is [`EventKind::InjectSkipped`]). The white cell's alone.
    Control,
    /// The law at work (format 2): the crisis level raised or lowered, a notice owed after the
    /// fact given late or missed.
    Law,
    Note,
    ExerciseEnded,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub seq: u32,
    pub tick: u32,
    pub kind: EventKind,
    pub text: String,
    /// The full text, when there is more to read than the one line (an inject's message).
    pub detail: Option<String>,
    /// Teams that know of it, ascending; the white cell knows everything regardless.
    pub known_to: Vec<TeamId>,
    /// The team whose own doing it is (a message it wrote, an item it shared): its seat has
    /// nothing new to read in it. Derived from the command, so kept out of the state hash.
    #[serde(skip)]
    pub by: Option<TeamId>,
    /// What of the scenario it records (an inject's delivery, a phase, an objective met or
    /// missed), so that a seat can read it in its own language. Derived from the scenario, so
    /// kept out of the state hash.
    #[serde(skip)]
    pub about: Option<About>,
}

/// What a log entry records, typed, for reading it in another language ([`lines::line`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum About {
    Inject(InjectId),
    Phase(PhaseId),
    ObjectiveMet(ObjectiveId),
    /// Missed, and when its deadline was if that was before the tick it was found.
    ObjectiveMissed(ObjectiveId, Option<u32>),
    Began,
    Ended,
    /// An action started; with the tick its staff are at work, when they were called in off
    /// hours (format 2 working hours).
    Started(Deed, Option<u32>),
    Completed(Deed),
    /// An action refused by the engine's judge.
    Refused {
        team: TeamId,
        action: ActionId,
        why: Why,
    },
    /// An action waiting for these teams' authorisation.
    Requested {
        team: TeamId,
        action: ActionId,
        from: Vec<TeamId>,
    },
    Authorised {
        by: TeamId,
        action: ActionId,
        requester: Option<TeamId>,
        grant: bool,
    },
    /// A report (`report`) or a request for help.
    Reported {
        team: TeamId,
        to: TeamId,
        report: bool,
    },
    Suspicious {
        asset: AssetId,
        stage: StageRef,
    },
    Intruder {
        asset: AssetId,
        stage: StageRef,
    },
    Hunted {
        asset: AssetId,
        evicted: u32,
    },
    Message {
        from: TeamId,
        to: Vec<TeamId>,
    },
    /// A public statement (everyone is told).
    Statement(TeamId),
    /// A decryptor obtained, a ransom paid or refused: the campaign it is of.
    Ransom {
        team: TeamId,
        campaign: CampaignId,
        what: RansomDeed,
    },
    /// Assets whose level changed, for their owner: the first few named, `total` in all.
    Outage {
        assets: Vec<AssetId>,
        total: u32,
        level: Level,
    },
    /// An attack's effect seen on an asset (`None`: a step seen that changes nothing there).
    Impact {
        asset: AssetId,
        campaign: CampaignId,
        effect: Option<Hit>,
    },
    /// An authorisation the law does not allow: alone (`framed: false`, a team with no say)
    /// or as "… could not authorise …: why" (a step out of its chain's order).
    Objected {
        objection: crate::sim::law::Objection,
        framed: bool,
    },
    /// An action completed that its team had already done (a plan's repeat, or a ruling).
    AlreadyDone(Deed),
    /// A facilitator called off an action under way; its team is told.
    CalledOff(ActionId),
    /// An action's effect on an asset.
    Changed {
        asset: AssetId,
        change: Change,
    },
    /// A restore begun: how, and when it should be ready.
    Restoring {
        asset: AssetId,
        path: crate::sim::assets::RestorePath,
        ready: u32,
    },
    /// A restore asked for while one already under way would be ready sooner: that one goes on.
    RestoreKept {
        asset: AssetId,
        ready: u32,
    },
    /// An item shared, at the TLP it then had.
    Shared {
        team: TeamId,
        item: IntelId,
        tlp: crate::scenario::model::Tlp,
        to: TeamId,
    },
    Declassified {
        item: IntelId,
        tlp: crate::scenario::model::Tlp,
    },
    /// A tearline released: the reduced item and its marking (as the document is marked).
    Tearline {
        team: TeamId,
        item: IntelId,
        tearline: IntelId,
        marking: String,
    },
    NeedToKnow {
        team: TeamId,
        to: TeamId,
        item: IntelId,
    },
    /// A takedown (or an active cyber defence operation, `takedown: false`) against a
    /// campaign; `keys`: its decryption keys seized with it.
    Disruption {
        campaign: CampaignId,
        takedown: bool,
        success: bool,
        keys: bool,
    },
    /// An action started in an emergency without a step of its chain: the notice it owes.
    NoticeOwed(crate::sim::law::Notice),
    /// A notice owed given (late, if `missed`).
    NoticeGiven(crate::sim::law::Notice),
    NoticeMissed(crate::sim::law::Notice),
    /// Exercise control's own lines (the white cell's alone).
    Control(ControlDeed),
    /// A facilitator's or evaluator's note (the white cell's alone): its text as written.
    Note {
        objective: Option<ObjectiveId>,
        capability: Option<CoreCapability>,
        text: String,
    },
    Attack(Attack),
    /// The crisis level changed.
    Level {
        from: LevelId,
        to: LevelId,
        raised: bool,
        by: crate::sim::law::LevelBy,
    },
}

impl Event {
    pub fn known_by(&self, team: TeamId) -> bool {
        self.known_to.binary_search(&team).is_ok()
    }
}

#[derive(Debug, Default, Serialize)]
pub struct EventLog {
    events: Vec<Event>,
}

impl EventLog {
    /// Appends an entry for the current tick and returns its sequence number.
    pub fn push(
        &mut self,
        tick: u32,
        kind: EventKind,
        text: impl Into<String>,
        known_to: &[TeamId],
    ) -> u32 {
        self.push_detailed(tick, kind, text, None, known_to)
    }

    /// Appends an entry with a full text to read beyond its one line.
    pub fn push_detailed(
        &mut self,
        tick: u32,
        kind: EventKind,
        text: impl Into<String>,
        detail: Option<String>,
        known_to: &[TeamId],
    ) -> u32 {
        let seq = self.events.len() as u32;
        let mut known: Vec<TeamId> = known_to.to_vec();
        known.sort_unstable();
        known.dedup();
        self.events.push(Event {
            seq,
            tick,
            kind,
            text: text.into(),
            detail,
            known_to: known,
            by: None,
            about: None,
        });
        seq
    }

    /// Appends an entry worded from what it records: its English from [`lines::line`], so the
    /// line and its typed form cannot differ.
    pub fn record(
        &mut self,
        scenario: &Scenario,
        tick: u32,
        kind: EventKind,
        about: About,
        known_to: &[TeamId],
    ) -> u32 {
        let text = lines::line(scenario, &about, crate::lang::Lang::En).unwrap_or_default();
        let seq = self.push(tick, kind, text, known_to);
        self.about(seq, about);
        seq
    }

    /// Marks an entry as `team`'s own doing (see [`Event::by`]).
    pub fn by(&mut self, seq: u32, team: TeamId) {
        if let Some(e) = self.events.get_mut(seq as usize) {
            e.by = Some(team);
        }
    }

    /// Marks what of the scenario an entry records (see [`Event::about`]).
    pub fn about(&mut self, seq: u32, about: About) {
        if let Some(e) = self.events.get_mut(seq as usize) {
            e.about = Some(about);
        }
    }

    /// Tells `team` of an existing entry as well.
    pub fn tell(&mut self, seq: u32, team: TeamId) {
        if let Some(e) = self.events.get_mut(seq as usize)
            && let Err(pos) = e.known_to.binary_search(&team)
        {
            e.known_to.insert(pos, team);
        }
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// What one team knows, oldest first.
    pub fn known_by(&self, team: TeamId) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| e.known_by(team))
    }
}

/// A team writes to other teams: one entry with the letter as its full text, known to the
/// writer and the recipients.
pub fn message(
    log: &mut EventLog,
    scenario: &Scenario,
    now: u32,
    from: TeamId,
    to: &[TeamId],
    text: String,
) {
    let names: Vec<&str> = to.iter().map(|t| scenario.team(*t).name.as_str()).collect();
    let line = format!(
        "Message from {} to {}",
        scenario.team(from).name,
        names.join(", ")
    );
    let mut told = to.to_vec();
    told.push(from);
    let seq = log.push_detailed(now, EventKind::Message, line, Some(text), &told);
    log.by(seq, from);
    log.about(
        seq,
        About::Message {
            from,
            to: to.to_vec(),
        },
    );
}

/// A facilitator's note, for the white cell only, tagged with the objective it is about and the
/// core capability it observes, when named: "Note [close-entry] (Cybersecurity): text".
pub fn note(
    log: &mut EventLog,
    scenario: &Scenario,
    now: u32,
    text: &str,
    objective: Option<ObjectiveId>,
    capability: Option<CoreCapability>,
) {
    let about = About::Note {
        objective,
        capability,
        text: text.to_string(),
    };
    log.record(scenario, now, EventKind::Note, about, &[]);
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.ron");

    #[test]
    fn a_message_is_known_to_its_writer_and_recipients_and_carries_the_letter() {
        let Ok(s) = crate::scenario::parse(MINIMAL, "minimal.ron") else {
            panic!("the minimal fixture loads");
        };
        let mut log = EventLog::default();
        message(&mut log, &s, 9, TeamId(1), &[TeamId(0)], "pay up".into());
        let e = &log.events()[0];
        assert_eq!(e.kind, EventKind::Message);
        assert_eq!(e.text, "Message from Ransomware crew to Port operator");
        assert_eq!(e.detail.as_deref(), Some("pay up"));
        assert_eq!(e.known_to, vec![TeamId(0), TeamId(1)]);
        note(&mut log, &s, 10, "slow to call", Some(ObjectiveId(0)), None);
        note(&mut log, &s, 10, "coffee", None, None);
        note(
            &mut log,
            &s,
            11,
            "good logs",
            None,
            Some(CoreCapability::Cybersecurity),
        );
        let notes: Vec<_> = log.events()[1..]
            .iter()
            .map(|e| (e.kind, e.text.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                (EventKind::Note, "Note [o1]: slow to call"),
                (EventKind::Note, "Note: coffee"),
                (EventKind::Note, "Note (Cybersecurity): good logs"),
            ]
        );
        assert!(
            log.events()[1].known_to.is_empty(),
            "notes are the white cell's"
        );
    }

    #[test]
    fn knowers_are_sorted_deduplicated_and_extendable() {
        let mut log = EventLog::default();
        let seq = log.push(
            3,
            EventKind::Detection,
            "x",
            &[TeamId(2), TeamId(0), TeamId(2)],
        );
        assert_eq!(log.events()[0].known_to, vec![TeamId(0), TeamId(2)]);
        log.tell(seq, TeamId(1));
        log.tell(seq, TeamId(1));
        assert_eq!(
            log.events()[0].known_to,
            vec![TeamId(0), TeamId(1), TeamId(2)]
        );
        assert_eq!(log.known_by(TeamId(1)).count(), 1);
        assert_eq!(log.known_by(TeamId(3)).count(), 0);
    }
}
