//! What can practically happen in a live exercise, beyond what validation proves impossible: a
//! team played by the simulation only acts through its doctrine, an authorisation held by such a
//! team comes only from its doctrine, an item reaches an uncleared team only if someone can
//! declassify it. Reasoning is optimistic: anything unsure counts as possible, so a finding built
//! on [`Reach::blocked`] is never a false alarm.

use crate::scenario::model::{
    ActionId, AssetCondition, AssetId, CampaignId, Condition, Effect, InjectId, IntelId, PlayedBy,
    Scenario, StageEffect, StageRef, TeamId, TeamKind, Trigger,
};

/// How deep conditions are followed through injects, actions and doctrine before giving up.
const DEPTH: u32 = 8;

pub struct Reach<'s> {
    s: &'s Scenario,
}

impl<'s> Reach<'s> {
    pub fn new(s: &'s Scenario) -> Self {
        Reach { s }
    }

    /// Why `c` can practically never hold, if that is certain. Only positive occurrences are
    /// judged: under `Not` everything counts as possible.
    pub fn blocked(&self, c: &Condition) -> Option<String> {
        self.why(c, None, DEPTH)
    }

    /// As [`Reach::blocked`], for a goal judged only after stage `after` has succeeded: an asset
    /// that stage leaves broken, with no way to restore it, is never `Normal` again.
    pub fn blocked_after(&self, c: &Condition, after: StageRef) -> Option<String> {
        self.why(c, Some(after), DEPTH)
    }

    fn why(&self, c: &Condition, after: Option<StageRef>, depth: u32) -> Option<String> {
        if depth == 0 {
            return None;
        }
        let d = depth - 1;
        match c {
            Condition::All(cs) => cs.iter().find_map(|c| self.why(c, after, d)),
            Condition::Any(cs) if cs.is_empty() => None,
            Condition::Any(cs) => {
                let why: Option<Vec<String>> = cs.iter().map(|c| self.why(c, after, d)).collect();
                why.map(|w| format!("none of its alternatives can happen ({})", w.join("; ")))
            }
            Condition::Done(t, a) => self.cannot_do(*t, *a, d),
            Condition::Delivered(i) => self.inject_blocked(*i, d),
            Condition::Holds(t, i) => self.never_holds(*t, *i, d),
            Condition::Stage(r) | Condition::Detected(_, r) => self.stage_blocked(*r, d),
            Condition::Halted(c) => self.never_halted(*c, d),
            Condition::Granted(_, a) => self.never_granted(*a),
            Condition::DoneOn(t, a, _) => self.cannot_do(*t, *a, d),
            Condition::Received(_, from, a) => self.cannot_do(*from, *a, d),
            Condition::NoticeMissed(t, a) => self.cannot_do(*t, *a, d),
            Condition::DetectedAny(_, c) => self.campaign_blocked(*c, d),
            Condition::Asset(a, AssetCondition::Normal) => {
                after.and_then(|r| self.never_normal_after(*a, r, d))
            }
            // Judged from time alone elsewhere (`decision-each-phase`), or may hold at any time.
            Condition::Always
            | Condition::Not(_)
            | Condition::After(_)
            | Condition::Phase(_)
            | Condition::Asset(..)
            | Condition::Above(..)
            | Condition::Below(..)
            | Condition::Chance(_)
            // The white cell may set any level.
            | Condition::Level(_) => None,
        }
    }

    /// Whether team `t` can take action `a` in a live exercise, and if not, why.
    pub fn cannot_do(&self, t: TeamId, a: ActionId, depth: u32) -> Option<String> {
        let action = self.s.actions.get(a.index())?;
        let team = self.s.teams.get(t.index())?;
        if team.played_by == PlayedBy::Simulation {
            let rules: Vec<_> = team.doctrine.iter().filter(|r| r.action == a).collect();
            if rules.is_empty() {
                return Some(format!(
                    "team \"{}\" is played by the simulation and no rule of its doctrine takes action \"{}\"",
                    team.id, action.id
                ));
            }
            if depth > 0
                && rules
                    .iter()
                    .all(|r| self.why(&r.when, None, depth - 1).is_some())
            {
                return Some(format!(
                    "every doctrine rule of team \"{}\" that takes action \"{}\" waits on something that cannot happen",
                    team.id, action.id
                ));
            }
        }
        for &auth in &action.authorised_by {
            let Some(who) = self.s.teams.get(auth.index()) else {
                continue;
            };
            if who.played_by == PlayedBy::Simulation
                && !who.doctrine.iter().any(|r| r.action == a && !r.refuse)
            {
                return Some(format!(
                    "action \"{}\" needs the authorisation of team \"{}\", which is played by the simulation and has no doctrine rule granting it",
                    action.id, who.id
                ));
            }
        }
        if depth > 0 {
            let requires = action.requires.as_ref();
            if let Some(why) = requires.and_then(|r| self.why(r, None, depth - 1)) {
                return Some(format!("action \"{}\" can never start: {why}", action.id));
            }
        }
        None
    }

    /// Whether some team other than an adversary can take `a` at all.
    pub fn someone_can_do(&self, a: ActionId) -> bool {
        self.someone_can_do_within(a, DEPTH)
    }

    fn someone_can_do_within(&self, a: ActionId, depth: u32) -> bool {
        if depth == 0 {
            return true;
        }
        let Some(action) = self.s.actions.get(a.index()) else {
            return false;
        };
        action.teams.iter().any(|&t| {
            self.s
                .teams
                .get(t.index())
                .is_some_and(|team| team.kind != TeamKind::Adversary)
                && self.cannot_do(t, a, depth - 1).is_none()
        })
    }

    fn inject_blocked(&self, i: InjectId, depth: u32) -> Option<String> {
        let inj = self.s.injects.get(i.index())?;
        match &inj.trigger {
            Trigger::At(_) => None,
            Trigger::When(w) => self
                .why(w, None, depth)
                .map(|why| format!("inject \"{}\" never goes out ({why})", inj.id)),
        }
    }

    fn stage_blocked(&self, r: StageRef, depth: u32) -> Option<String> {
        let c = self.s.campaigns.get(r.campaign.index())?;
        let st = c.stages.get(r.stage as usize)?;
        let name = format!("{}/{}", c.id, st.id);
        if c.succeeded_at_start().get(r.stage as usize) == Some(&true) {
            return None;
        }
        if let Some(why) = c.starts.as_ref().and_then(|w| self.why(w, None, depth)) {
            return Some(format!("campaign \"{}\" never starts ({why})", c.id));
        }
        if let Some(why) = st.when.as_ref().and_then(|w| self.why(w, None, depth)) {
            return Some(format!("stage \"{name}\" never begins ({why})"));
        }
        if depth == 0 {
            return None;
        }
        st.after.iter().find_map(|&p| {
            self.stage_blocked(StageRef { stage: p, ..r }, depth - 1)
                .map(|why| format!("stage \"{name}\" waits on a stage that never comes: {why}"))
        })
    }

    /// Why action `a` can never be granted in play: an authorising team played by the
    /// simulation has no doctrine rule that grants it.
    fn never_granted(&self, a: ActionId) -> Option<String> {
        let action = self.s.actions.get(a.index())?;
        action.authorised_by.iter().find_map(|by| {
            let who = self.s.teams.get(by.index())?;
            let grants = who.doctrine.iter().any(|r| r.action == a && !r.refuse);
            (who.played_by == PlayedBy::Simulation && !grants).then(|| {
                format!(
                    "team \"{}\" must authorise action \"{}\" but is played by the simulation and has no doctrine rule granting it",
                    who.id, action.id
                )
            })
        })
    }

    /// Why no stage of campaign `c` can come about in play, if none can.
    fn campaign_blocked(&self, c: CampaignId, depth: u32) -> Option<String> {
        let campaign = self.s.campaigns.get(c.index())?;
        let why: Option<Vec<String>> = (0..campaign.stages.len() as u32)
            .map(|stage| self.stage_blocked(StageRef { campaign: c, stage }, depth))
            .collect();
        why.and_then(|w| w.into_iter().next())
            .map(|w| format!("no stage of campaign \"{}\" can happen ({w})", campaign.id))
    }

    /// Whether no action that could stop campaign `c` (a takedown, an active-defence operation)
    /// can be taken in play.
    fn never_halted(&self, c: CampaignId, depth: u32) -> Option<String> {
        let campaign = self.s.campaigns.get(c.index())?;
        let stops = |a: &crate::scenario::model::Action| {
            a.effects.iter().any(|e| match e {
                Effect::Takedown { campaign, .. } | Effect::ActiveDefense { campaign, .. } => {
                    *campaign == c
                }
                Effect::Isolate
                | Effect::Reconnect
                | Effect::Restore
                | Effect::Patch
                | Effect::EnableMfa
                | Effect::Backups { .. }
                | Effect::Hunt { .. }
                | Effect::Monitor { .. }
                | Effect::Segment { .. }
                | Effect::ShareIntel
                | Effect::Declassify { .. }
                | Effect::Tearline
                | Effect::GrantNeedToKnow
                | Effect::Report
                | Effect::RequestAssistance
                | Effect::PublicStatement { .. }
                | Effect::PayRansom { .. }
                | Effect::RefuseRansom { .. }
                | Effect::Decryptor { .. }
                | Effect::Adjust { .. } => false,
            })
        };
        let possible = self
            .s
            .actions
            .iter()
            .enumerate()
            .any(|(k, a)| stops(a) && self.someone_can_do_within(ActionId(k as u32), depth));
        (!possible).then(|| {
            format!(
                "no action that can be taken in play takes down campaign \"{}\"",
                campaign.id
            )
        })
    }

    fn never_holds(&self, t: TeamId, i: IntelId, depth: u32) -> Option<String> {
        let item = self.s.intel.get(i.index())?;
        let team = self.s.teams.get(t.index())?;
        if item.held_by.contains(&t) {
            return None;
        }
        let delivered = self.s.injects.iter().enumerate().any(|(k, inj)| {
            inj.intel == Some(i)
                && inj.to.contains(&t)
                && self.inject_blocked(InjectId(k as u32), depth).is_none()
        });
        if delivered {
            return None;
        }
        let able = |e: fn(&Effect) -> bool| {
            self.s.actions.iter().enumerate().any(|(k, a)| {
                a.effects.iter().any(e) && self.someone_can_do_within(ActionId(k as u32), depth)
            })
        };
        // A tearline reaches anyone only once someone who may releases it.
        if item.tearline_of.is_some() && !able(|e| brings(e) == Brings::Tearline) {
            return Some(format!(
                "team \"{}\" never holds \"{}\": it is a tearline and no team that acts can release it (`Tearline`)",
                team.id, item.id
            ));
        }
        if !able(|e| brings(e) == Brings::Share) {
            return Some(format!(
                "team \"{}\" never holds \"{}\": no inject that goes out delivers it and no team that acts can share it",
                team.id, item.id
            ));
        }
        if team.clearance < item.classification && !able(|e| brings(e) == Brings::Declassify) {
            return Some(format!(
                "team \"{}\" is cleared to {:?} but \"{}\" is {:?}, and no team that acts can declassify it",
                team.id, team.clearance, item.id, item.classification
            ));
        }
        None
    }

    /// Once stage `r` has succeeded, asset `a` is never `Normal` again when every target the stage
    /// may hit leaves it broken (the target itself, or something it depends on or uses) and no
    /// team can restore that target.
    fn never_normal_after(&self, a: AssetId, r: StageRef, depth: u32) -> Option<String> {
        let stage = self
            .s
            .campaigns
            .get(r.campaign.index())?
            .stages
            .get(r.stage as usize)?;
        let breaks = match stage.effect {
            StageEffect::Encrypt | StageEffect::Wipe | StageEffect::Disrupt { ticks: None } => true,
            StageEffect::Foothold
            | StageEffect::CredentialTheft
            | StageEffect::LateralMovement
            | StageEffect::Exfiltrate { .. }
            | StageEffect::Drain { .. }
            | StageEffect::Evade { .. }
            | StageEffect::Disrupt { ticks: Some(_) } => false,
        };
        if !breaks || stage.targets.is_empty() {
            return None;
        }
        let needs = self.needs(a);
        let stuck = stage
            .targets
            .iter()
            .all(|x| needs.contains(x) && !self.restorable(*x, depth));
        stuck.then(|| {
            format!(
                "asset \"{}\" stays broken once stage \"{}\" succeeds: nothing can restore {}",
                self.s.asset(a).id,
                self.s.stage_name(r),
                stage
                    .targets
                    .iter()
                    .map(|x| format!("\"{}\"", self.s.asset(*x).id))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }

    /// `a` and everything it depends on or uses, directly or not. Alternatives and reserves are
    /// left out: neither keeps `a` from normal for certain (another member may carry it; the
    /// exercise may end before the reserve runs out).
    pub fn needs(&self, a: AssetId) -> Vec<AssetId> {
        let mut seen = vec![a];
        let mut i = 0;
        while let Some(&x) = seen.get(i) {
            if let Some(asset) = self.s.assets.get(x.index()) {
                for &d in asset.depends_on.iter().chain(&asset.uses) {
                    if !seen.contains(&d) {
                        seen.push(d);
                    }
                }
            }
            i += 1;
        }
        seen
    }

    /// Some team that acts has a Restore action that may be aimed at `x`.
    fn restorable(&self, x: AssetId, depth: u32) -> bool {
        self.s.actions.iter().enumerate().any(|(k, act)| {
            act.effects.iter().any(|e| brings(e) == Brings::Restore)
                && act.targets.as_ref().is_some_and(|t| t.contains(&x))
                && self.someone_can_do_within(ActionId(k as u32), depth)
        })
    }
}

/// What an effect brings about that these rules ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Brings {
    /// A hunt that can find something (thoroughness above 0).
    Hunt,
    /// An intelligence item passes to another team.
    Share,
    /// An item's classification comes down.
    Declassify,
    /// An item's tearline is released.
    Tearline,
    /// A broken asset is brought back.
    Restore,
    /// None of the above.
    Other,
}

/// What `effect` brings about, exhaustively: a new effect must say here whether it hunts, passes
/// intelligence on, declassifies or restores, or the lint would silently not count it.
pub fn brings(effect: &Effect) -> Brings {
    match effect {
        Effect::Hunt { thoroughness } if *thoroughness > 0.0 => Brings::Hunt,
        Effect::ShareIntel => Brings::Share,
        Effect::Declassify { .. } => Brings::Declassify,
        Effect::Tearline => Brings::Tearline,
        Effect::Restore => Brings::Restore,
        Effect::Hunt { .. }
        | Effect::Isolate
        | Effect::Reconnect
        | Effect::Patch
        | Effect::EnableMfa
        | Effect::Backups { .. }
        | Effect::Monitor { .. }
        | Effect::Segment { .. }
        | Effect::GrantNeedToKnow
        | Effect::Report
        | Effect::RequestAssistance
        | Effect::PublicStatement { .. }
        | Effect::Takedown { .. }
        | Effect::ActiveDefense { .. }
        | Effect::PayRansom { .. }
        | Effect::RefuseRansom { .. }
        | Effect::Decryptor { .. }
        | Effect::Adjust { .. } => Brings::Other,
    }
}
