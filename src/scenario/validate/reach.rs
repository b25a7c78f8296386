//! Things that can never happen: injects that never go out, objectives nothing can meet, stages
//! and campaigns that never begin. Only cheap and certain reasoning; anything unsure is allowed.

use super::Cx;
use crate::scenario::model::{Condition, Effect, Scenario, StageRef, TeamId, Trigger};
use crate::scenario::source_map::Path;

/// How deep conditions referring to injects may be followed before giving up (and allowing).
const DEPTH: u32 = 16;

pub(super) fn check(cx: &mut Cx, s: &Scenario) {
    let facts = Facts::new(s);
    let root = Path::root();
    for (i, c) in s.campaigns.iter().enumerate() {
        let path = root.field("campaigns").index(i);
        if let Some(why) = c.starts.as_ref().and_then(|w| facts.never(w, DEPTH)) {
            report(
                cx,
                &path.field("starts"),
                format!("campaign \"{}\" can never start: {why}", c.id),
            );
        }
        for (j, st) in c.stages.iter().enumerate() {
            if let Some(why) = st.when.as_ref().and_then(|w| facts.never(w, DEPTH)) {
                let p = path.field("stages").index(j).field("when");
                report(
                    cx,
                    &p,
                    format!("stage \"{}/{}\" can never begin: {why}", c.id, st.id),
                );
            }
        }
    }
    for (i, inj) in s.injects.iter().enumerate() {
        if let Trigger::When(w) = &inj.trigger
            && let Some(why) = facts.never(w, DEPTH)
        {
            let p = root.field("injects").index(i).field("when");
            report(
                cx,
                &p,
                format!("inject \"{}\" can never go out: {why}", inj.id),
            );
        }
    }
    for (i, o) in s.objectives.iter().enumerate() {
        if let Some(why) = facts.never(&o.goal, DEPTH) {
            let p = root.field("objectives").index(i).field("goal");
            report(
                cx,
                &p,
                format!("objective \"{}\" can never be met: {why}", o.id),
            );
        }
    }
    for (i, a) in s.actions.iter().enumerate() {
        if let Some(why) = a.requires.as_ref().and_then(|w| facts.never(w, DEPTH)) {
            let p = root.field("actions").index(i).field("requires");
            report(
                cx,
                &p,
                format!("action \"{}\" can never be taken: {why}", a.id),
            );
        }
    }
    for (i, t) in s.teams.iter().enumerate() {
        for (j, r) in t.doctrine.iter().enumerate() {
            if let Some(why) = facts.never(&r.when, DEPTH) {
                let p = root
                    .field("teams")
                    .index(i)
                    .field("doctrine")
                    .index(j)
                    .field("when");
                report(
                    cx,
                    &p,
                    format!(
                        "doctrine rule #{} of team \"{}\" can never fire: {why}",
                        j + 1,
                        t.id
                    ),
                );
            }
        }
    }
}

fn report(cx: &mut Cx, path: &Path, message: String) {
    cx.error(
        path,
        message,
        Some("change the condition so it can hold, or remove it".into()),
    );
}

/// What the scenario makes possible, for deciding that a condition can never hold.
struct Facts<'s> {
    s: &'s Scenario,
    /// Per campaign, per stage: whether it can ever succeed.
    possible: Vec<Vec<bool>>,
}

impl<'s> Facts<'s> {
    fn new(s: &'s Scenario) -> Self {
        let mut facts = Facts {
            s,
            // Stages held at the start (and those before them) have already succeeded.
            possible: s.campaigns.iter().map(|c| c.succeeded_at_start()).collect(),
        };
        // Least fixpoint: a stage is possible once everything it waits on is.
        let mut changed = true;
        while changed {
            changed = false;
            for (ci, c) in s.campaigns.iter().enumerate() {
                for (si, _) in c.stages.iter().enumerate() {
                    let r = StageRef {
                        campaign: crate::scenario::model::CampaignId(ci as u32),
                        stage: si as u32,
                    };
                    if !facts.stage_possible(r)
                        && facts.could_succeed(r)
                        && let Some(slot) = facts.possible.get_mut(ci).and_then(|v| v.get_mut(si))
                    {
                        *slot = true;
                        changed = true;
                    }
                }
            }
        }
        facts
    }

    fn could_succeed(&self, r: StageRef) -> bool {
        let Some(c) = self.s.campaigns.get(r.campaign.index()) else {
            return false;
        };
        let Some(st) = c.stages.get(r.stage as usize) else {
            return false;
        };
        let starts = c
            .starts
            .as_ref()
            .is_none_or(|w| self.never(w, DEPTH).is_none());
        let when = st
            .when
            .as_ref()
            .is_none_or(|w| self.never(w, DEPTH).is_none());
        let after = st
            .after
            .iter()
            .all(|&a| self.stage_possible(StageRef { stage: a, ..r }));
        starts && when && after && !st.targets.is_empty() && st.chance > 0.0 && st.attempts > 0
    }

    fn stage_possible(&self, r: StageRef) -> bool {
        self.possible
            .get(r.campaign.index())
            .and_then(|v| v.get(r.stage as usize))
            .copied()
            .unwrap_or(false)
    }

    fn stage_name(&self, r: StageRef) -> String {
        let c = self.s.campaigns.get(r.campaign.index());
        let st = c.and_then(|c| c.stages.get(r.stage as usize));
        format!(
            "{}/{}",
            c.map_or("?", |c| c.id.as_str()),
            st.map_or("?", |s| s.id.as_str())
        )
    }

    fn team_name(&self, t: TeamId) -> &str {
        self.s.teams.get(t.index()).map_or("?", |t| t.id.as_str())
    }

    /// Why `c` can never hold, if that is certain.
    fn never(&self, c: &Condition, depth: u32) -> Option<String> {
        if depth == 0 {
            return None;
        }
        match c {
            Condition::Chance(p) if *p <= 0.0 => Some("Chance(0) is never true".into()),
            Condition::After(t) if *t > self.s.clock.end_tick => {
                Some("it waits past the end of the exercise".into())
            }
            Condition::Not(inner) if always(inner) => {
                Some("it negates a condition that always holds".into())
            }
            Condition::All(cs) => cs
                .iter()
                .find_map(|c| self.never(c, depth - 1))
                .or_else(|| contradiction(cs)),
            Condition::Any(cs) if cs.is_empty() => {
                Some("Any([]) has no alternative that could hold".into())
            }
            Condition::Any(cs) => {
                let reasons: Option<Vec<String>> =
                    cs.iter().map(|c| self.never(c, depth - 1)).collect();
                reasons.map(|r| format!("none of its alternatives can hold ({})", r.join("; ")))
            }
            Condition::Stage(r) => self.stage_never(*r),
            Condition::Detected(t, r) => {
                self.stage_never(*r).or_else(|| self.never_detected(*t, *r))
            }
            Condition::Done(t, a) => self
                .s
                .actions
                .get(a.index())
                .filter(|a| !a.teams.contains(t))
                .map(|a| {
                    format!(
                        "team \"{}\" may not take action \"{}\"",
                        self.team_name(*t),
                        a.id
                    )
                }),
            Condition::Holds(t, i) => self.never_holds(*t, i.index()),
            Condition::Delivered(i) => {
                let inj = self.s.injects.get(i.index())?;
                match &inj.trigger {
                    Trigger::When(w) => self
                        .never(w, depth - 1)
                        .map(|_| format!("inject \"{}\" can never go out", inj.id)),
                    Trigger::At(_) => None,
                }
            }
            Condition::Halted(c) => {
                let stops = self.s.actions.iter().any(|a| {
                    !a.teams.is_empty()
                        && a.effects.iter().any(|e| {
                            matches!(e, Effect::Takedown { campaign, .. } | Effect::ActiveDefense { campaign, .. } if campaign == c)
                        })
                });
                let id = self
                    .s
                    .campaigns
                    .get(c.index())
                    .map_or("?", |c| c.id.as_str());
                (!stops).then(|| format!("no action takes down campaign \"{id}\""))
            }
            Condition::Granted(t, a) => {
                let action = self.s.actions.get(a.index())?;
                if action.authorised_by.is_empty() {
                    Some(format!(
                        "action \"{}\" needs no authorisation, so it is never granted",
                        action.id
                    ))
                } else if !action.teams.contains(t) {
                    Some(format!(
                        "team \"{}\" may not take action \"{}\"",
                        self.team_name(*t),
                        action.id
                    ))
                } else {
                    None
                }
            }
            Condition::DetectedAny(t, c) => {
                let campaign = self.s.campaigns.get(c.index())?;
                let why: Option<Vec<String>> = (0..campaign.stages.len() as u32)
                    .map(|stage| {
                        let r = StageRef {
                            campaign: *c,
                            stage,
                        };
                        self.stage_never(r).or_else(|| self.never_detected(*t, r))
                    })
                    .collect();
                why.and_then(|w| w.into_iter().next()).map(|w| {
                    format!(
                        "no stage of campaign \"{}\" can be known to team \"{}\" ({w})",
                        campaign.id,
                        self.team_name(*t)
                    )
                })
            }
            Condition::Received(to, from, a) => {
                let action = self.s.actions.get(a.index())?;
                let addressed = action.needs_team() || !action.recipients.is_empty();
                let reaches = if action.recipients.is_empty() {
                    action.may_address(*to)
                } else {
                    action.recipients.contains(to)
                };
                if !action.teams.contains(from) {
                    Some(format!(
                        "team \"{}\" may not take action \"{}\"",
                        self.team_name(*from),
                        action.id
                    ))
                } else if !addressed || !reaches {
                    Some(format!(
                        "action \"{}\" never goes to team \"{}\"",
                        action.id,
                        self.team_name(*to)
                    ))
                } else {
                    None
                }
            }
            // The white cell may set any level.
            Condition::Level(_) => None,
            Condition::NoticeMissed(t, a) => {
                let action = self.s.actions.get(a.index())?;
                if !action.steps.iter().any(|st| st.afterwards.is_some()) {
                    Some(format!(
                        "action \"{}\" has no step that may come after the fact, so no notice is ever owed for it",
                        action.id
                    ))
                } else if !action.teams.contains(t) {
                    Some(format!(
                        "team \"{}\" may not take action \"{}\"",
                        self.team_name(*t),
                        action.id
                    ))
                } else {
                    None
                }
            }
            Condition::DoneOn(t, a, asset) => {
                let action = self.s.actions.get(a.index())?;
                let aimed = action.targets.as_ref().is_some_and(|ts| ts.contains(asset));
                let asset_id = self
                    .s
                    .assets
                    .get(asset.index())
                    .map_or("?", |x| x.id.as_str());
                if !aimed {
                    Some(format!(
                        "action \"{}\" cannot be aimed at asset \"{asset_id}\"",
                        action.id
                    ))
                } else {
                    self.never(&Condition::Done(*t, *a), depth)
                }
            }
            // Certain only in the cases above; the rest may hold, or depend on play.
            Condition::Chance(_)
            | Condition::After(_)
            | Condition::Not(_)
            | Condition::Always
            | Condition::Phase(_)
            | Condition::Asset(..)
            | Condition::Above(..)
            | Condition::Below(..) => None,
        }
    }

    fn stage_never(&self, r: StageRef) -> Option<String> {
        (!self.stage_possible(r))
            .then(|| format!("stage \"{}\" can never succeed", self.stage_name(r)))
    }

    /// A team learns of a stage by owning one of its targets or by being told (Report, RequestAssistance).
    fn never_detected(&self, t: TeamId, r: StageRef) -> Option<String> {
        let stage = self
            .s
            .campaigns
            .get(r.campaign.index())?
            .stages
            .get(r.stage as usize)?;
        let owns = stage
            .targets
            .iter()
            .any(|a| self.s.assets.get(a.index()).is_some_and(|a| a.run_by(t)));
        let told = self.s.actions.iter().any(|a| {
            !a.teams.is_empty()
                && a.effects
                    .iter()
                    .any(|e| matches!(e, Effect::Report | Effect::RequestAssistance))
        });
        (!owns && !told).then(|| {
            format!(
                "team \"{}\" owns none of the targets of stage \"{}\" and no Report or RequestAssistance action could tell it",
                self.team_name(t),
                self.stage_name(r)
            )
        })
    }

    fn never_holds(&self, t: TeamId, item: usize) -> Option<String> {
        let intel = self.s.intel.get(item)?;
        let held = intel.held_by.contains(&t);
        let delivered = self
            .s
            .injects
            .iter()
            .any(|i| i.intel.is_some_and(|x| x.index() == item) && i.to.contains(&t));
        let shared = self
            .s
            .actions
            .iter()
            .any(|a| !a.teams.is_empty() && a.effects.contains(&Effect::ShareIntel));
        (!held && !delivered && !shared).then(|| {
            format!(
                "team \"{}\" never holds intel item \"{}\": nobody gives it at the start, no inject delivers it to them, and no action shares intel",
                self.team_name(t),
                intel.id
            )
        })
    }
}

/// Certainly true at every tick, judged from the condition alone.
fn always(c: &Condition) -> bool {
    match c {
        Condition::Always | Condition::After(0) => true,
        Condition::Chance(p) => *p >= 1.0,
        Condition::All(cs) => cs.iter().all(always),
        Condition::Any(cs) => cs.iter().any(always),
        Condition::Not(inner) => structurally_never(inner),
        Condition::After(_)
        | Condition::Phase(_)
        | Condition::Asset(..)
        | Condition::Stage(_)
        | Condition::Detected(..)
        | Condition::Done(..)
        | Condition::Delivered(_)
        | Condition::Holds(..)
        | Condition::Above(..)
        | Condition::Below(..)
        | Condition::Halted(_)
        | Condition::Granted(..)
        | Condition::DetectedAny(..)
        | Condition::DoneOn(..)
        | Condition::Level(_)
        | Condition::Received(..)
        | Condition::NoticeMissed(..) => false,
    }
}

/// Certainly false, judged from the condition alone (no scenario facts, so safe under `Not`).
fn structurally_never(c: &Condition) -> bool {
    match c {
        Condition::Chance(p) => *p <= 0.0,
        Condition::Not(inner) => always(inner),
        Condition::All(cs) => cs.iter().any(structurally_never) || contradiction(cs).is_some(),
        Condition::Any(cs) => cs.iter().all(structurally_never),
        Condition::Always
        | Condition::After(_)
        | Condition::Phase(_)
        | Condition::Asset(..)
        | Condition::Stage(_)
        | Condition::Detected(..)
        | Condition::Done(..)
        | Condition::Delivered(_)
        | Condition::Holds(..)
        | Condition::Above(..)
        | Condition::Below(..)
        | Condition::Halted(_)
        | Condition::Granted(..)
        | Condition::DetectedAny(..)
        | Condition::DoneOn(..)
        | Condition::Level(_)
        | Condition::Received(..)
        | Condition::NoticeMissed(..) => false,
    }
}

/// `All` holding both X and Not(X) (chances aside: each is drawn anew).
fn contradiction(cs: &[Condition]) -> Option<String> {
    cs.iter().find_map(|c| match c {
        Condition::Not(inner) => (!has_chance(inner) && cs.contains(inner))
            .then(|| "it requires a condition and its negation at once".into()),
        Condition::Always
        | Condition::All(_)
        | Condition::Any(_)
        | Condition::After(_)
        | Condition::Phase(_)
        | Condition::Asset(..)
        | Condition::Stage(_)
        | Condition::Detected(..)
        | Condition::Done(..)
        | Condition::Delivered(_)
        | Condition::Holds(..)
        | Condition::Above(..)
        | Condition::Below(..)
        | Condition::Chance(_)
        | Condition::Halted(_)
        | Condition::Granted(..)
        | Condition::DetectedAny(..)
        | Condition::DoneOn(..)
        | Condition::Level(_)
        | Condition::Received(..)
        | Condition::NoticeMissed(..) => None,
    })
}

pub(super) fn has_chance(c: &Condition) -> bool {
    match c {
        Condition::Chance(_) => true,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(has_chance),
        Condition::Not(inner) => has_chance(inner),
        Condition::Always
        | Condition::After(_)
        | Condition::Phase(_)
        | Condition::Asset(..)
        | Condition::Stage(_)
        | Condition::Detected(..)
        | Condition::Done(..)
        | Condition::Delivered(_)
        | Condition::Holds(..)
        | Condition::Above(..)
        | Condition::Below(..)
        | Condition::Halted(_)
        | Condition::Granted(..)
        | Condition::DetectedAny(..)
        | Condition::DoneOn(..)
        | Condition::Level(_)
        | Condition::Received(..)
        | Condition::NoticeMissed(..) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structural_truths() {
        let never = Condition::Not(Box::new(Condition::All(vec![])));
        assert!(structurally_never(&never));
        assert!(always(&Condition::Not(Box::new(never.clone()))));
        assert!(!always(&Condition::Chance(0.5)));
        let x = Condition::After(3);
        let both = vec![x.clone(), Condition::Not(Box::new(x))];
        assert!(contradiction(&both).is_some());
        let dice = vec![
            Condition::Chance(0.5),
            Condition::Not(Box::new(Condition::Chance(0.5))),
        ];
        assert!(contradiction(&dice).is_none());
    }
}
