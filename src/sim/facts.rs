//! The ledger of what has happened so far, kept in the plain shape that the condition language
//! reads: stages reached, detections, actions done, injects delivered, intelligence held, asset
//! states and measures. Every domain writes its facts here as they happen; conditions are
//! evaluated against it by [`holds`], a plain function with no World in sight.

use std::collections::{BTreeMap, BTreeSet};

use rand::RngExt;

use crate::scenario::model::{
    ActionId, AssetCondition, AssetId, CampaignId, Condition, InjectId, IntelId, Measure, PhaseId,
    Scenario, StageRef, TeamId,
};

/// Per-asset state as conditions see it, refreshed by the cascade every tick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AssetFacts {
    pub level: Level,
    pub compromised: bool,
    pub encrypted: bool,
    pub isolated: bool,
    pub restoring: bool,
    /// How much of its normal service it gives, for an asset served in shares
    /// (`depends_on_shares`) or depending on one, once that has moved; `None` for every other
    /// asset, whose level says it (see [`AssetFacts::fraction`]).
    pub share: Option<Share>,
}

impl AssetFacts {
    /// Per cent of normal service, where a share leaves the asset somewhere between normal and
    /// down (format 2, `depends_on_shares`); `None` at the three plain levels.
    pub fn service(&self) -> Option<u32> {
        self.share
            .filter(|s| s.level() == Level::Degraded)
            .map(Share::percent)
    }

    /// Share of normal service: its [`Share`] where it has one, else its level's.
    pub fn fraction(&self) -> f64 {
        self.share.map_or(self.level.fraction(), Share::fraction)
    }
}

/// How well an asset works.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Level {
    Down,
    Degraded,
    #[default]
    Normal,
}

impl Level {
    /// Share of normal service.
    pub fn fraction(self) -> f64 {
        match self {
            Level::Normal => 1.0,
            Level::Degraded => 0.5,
            Level::Down => 0.0,
        }
    }
}

/// A service level finer than [`Level`], for assets served in shares: parts of normal service
/// out of [`Share::ONE`], a number divisible by every group size up to 16, so that one share
/// lost of two, three, four or six is exact. Integers, so that equal levels are equal on every
/// platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Share(pub u32);

impl Share {
    /// Normal service: the least common multiple of 1 to 16.
    pub const ONE: Share = Share(720_720);
    pub const NONE: Share = Share(0);

    /// The share a level gives: all, half or none.
    pub fn of(level: Level) -> Share {
        match level {
            Level::Normal => Share::ONE,
            Level::Degraded => Share(Share::ONE.0 / 2),
            Level::Down => Share::NONE,
        }
    }

    /// The level it falls in: normal only whole, down only at nothing, degraded in between.
    pub fn level(self) -> Level {
        match self.0 {
            0 => Level::Down,
            x if x >= Share::ONE.0 => Level::Normal,
            _ => Level::Degraded,
        }
    }

    pub fn fraction(self) -> f64 {
        f64::from(self.0) / f64::from(Share::ONE.0)
    }

    /// Per cent of normal service, rounded: 67 for two shares of three.
    pub fn percent(self) -> u32 {
        ((u64::from(self.0) * 100 + u64::from(Share::ONE.0) / 2) / u64::from(Share::ONE.0)) as u32
    }
}

#[derive(Debug, Default)]
pub struct Facts {
    pub tick: u32,
    pub phase: Option<PhaseId>,
    pub assets: Vec<AssetFacts>,
    /// Tick each stage succeeded.
    pub stages: BTreeMap<StageRef, u32>,
    /// Tick each team first learned of each stage.
    pub detected: BTreeMap<(TeamId, StageRef), u32>,
    /// Tick each team first completed each action.
    pub done: BTreeMap<(TeamId, ActionId), u32>,
    pub delivered: BTreeMap<InjectId, u32>,
    pub holds: BTreeSet<(TeamId, IntelId)>,
    /// Tick each team was first told everything another knew (a report or a request for help),
    /// as (told, teller). No condition reads it; what a team knows does (`sim::knowledge`).
    pub confided: BTreeMap<(TeamId, TeamId), u32>,
    /// Current value of every measure, in [`Scenario::all_measures`] order.
    pub measures: Vec<f64>,
    /// Tick each team first completed each action on each asset.
    pub done_on: BTreeMap<(TeamId, ActionId, AssetId), u32>,
    /// Tick each team first held every authorisation each action needs.
    pub granted: BTreeMap<(TeamId, ActionId), u32>,
    /// Campaigns stopped by a takedown or an active-defence operation.
    pub halted: BTreeMap<CampaignId, Halt>,
    /// The crisis level now (an index into `Scenario::levels`; 0 when it has none).
    pub level: u32,
    /// Tick each addressed action first reached each recipient: (recipient, sender, action).
    pub received: BTreeMap<(TeamId, TeamId, ActionId), u32>,
    /// Tick each team first let a notice owed for an action started in an emergency pass its
    /// deadline: (team, action).
    pub notices_missed: BTreeMap<(TeamId, ActionId), u32>,
}

/// A campaign stopped: when, by which team, and whether it was announced (a takedown is; an
/// active-defence operation is known only to the team that ran it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Halt {
    pub tick: u32,
    pub by: TeamId,
    pub announced: bool,
}

impl Facts {
    pub fn new(scenario: &Scenario) -> Self {
        Facts {
            assets: vec![AssetFacts::default(); scenario.assets.len()],
            measures: vec![0.0; scenario.all_measures().len()],
            ..Default::default()
        }
    }

    /// Records that `team` learned of `stage` now, unless it already knew; true if this is news.
    pub fn learn(&mut self, team: TeamId, stage: StageRef) -> bool {
        let tick = self.tick;
        let mut news = false;
        self.detected.entry((team, stage)).or_insert_with(|| {
            news = true;
            tick
        });
        news
    }

    pub fn measure(&self, m: Measure, scenario_measures: &[Measure]) -> f64 {
        scenario_measures
            .iter()
            .position(|x| *x == m)
            .and_then(|i| self.measures.get(i))
            .copied()
            .unwrap_or(0.0)
    }
}

/// Whether a condition holds now. `Chance` draws from `rng`, so evaluation order matters and
/// callers evaluate in a fixed order.
pub fn holds(
    cond: &Condition,
    facts: &Facts,
    measures: &[Measure],
    rng: &mut impl rand::Rng,
) -> bool {
    match cond {
        Condition::Always => true,
        Condition::All(cs) => cs.iter().all(|c| holds(c, facts, measures, rng)),
        Condition::Any(cs) => cs.iter().any(|c| holds(c, facts, measures, rng)),
        Condition::Not(c) => !holds(c, facts, measures, rng),
        Condition::After(t) => facts.tick >= *t,
        Condition::Phase(p) => facts.phase.is_some_and(|cur| cur >= *p),
        Condition::Asset(a, state) => asset_is(facts, *a, *state),
        Condition::Stage(s) => facts.stages.contains_key(s),
        Condition::Detected(team, s) => facts.detected.contains_key(&(*team, *s)),
        Condition::Done(team, action) => facts.done.contains_key(&(*team, *action)),
        Condition::Delivered(i) => facts.delivered.contains_key(i),
        Condition::Holds(team, item) => facts.holds.contains(&(*team, *item)),
        Condition::Above(m, v) => facts.measure(*m, measures) > *v,
        Condition::Below(m, v) => facts.measure(*m, measures) < *v,
        Condition::Chance(p) => rng.random_bool(p.clamp(0.0, 1.0)),
        Condition::Halted(c) => facts.halted.contains_key(c),
        Condition::Granted(team, action) => facts.granted.contains_key(&(*team, *action)),
        Condition::DetectedAny(team, c) => detected_any(facts, *team, *c),
        Condition::DoneOn(team, action, asset) => {
            facts.done_on.contains_key(&(*team, *action, *asset))
        }
        Condition::Level(l) => facts.level >= l.0,
        Condition::Received(to, from, action) => {
            facts.received.contains_key(&(*to, *from, *action))
        }
        Condition::NoticeMissed(team, action) => {
            facts.notices_missed.contains_key(&(*team, *action))
        }
    }
}

/// Whether `team` knows of activity of any stage of `campaign`.
fn detected_any(facts: &Facts, team: TeamId, campaign: CampaignId) -> bool {
    let first = StageRef { campaign, stage: 0 };
    facts
        .detected
        .range((team, first)..)
        .next()
        .is_some_and(|((t, s), _)| *t == team && s.campaign == campaign)
}

fn asset_is(facts: &Facts, asset: AssetId, state: AssetCondition) -> bool {
    let Some(a) = facts.assets.get(asset.index()) else {
        return false;
    };
    match state {
        AssetCondition::Normal => a.level == Level::Normal,
        AssetCondition::Degraded => a.level == Level::Degraded,
        AssetCondition::Down => a.level == Level::Down,
        AssetCondition::Compromised => a.compromised,
        AssetCondition::Encrypted => a.encrypted,
        AssetCondition::Isolated => a.isolated,
        AssetCondition::Restoring => a.restoring,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::{CampaignId, ServiceMeasureId};
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn facts() -> Facts {
        Facts {
            assets: vec![AssetFacts::default(); 2],
            measures: vec![0.0; 5],
            ..Default::default()
        }
    }

    fn check(c: &Condition, f: &Facts) -> bool {
        let measures = [
            Measure::EconomicLoss,
            Measure::RecordsExposed,
            Measure::PublicTrust,
            Measure::ServiceLevel,
            Measure::Throughput(ServiceMeasureId(0)),
        ];
        holds(c, f, &measures, &mut ChaCha8Rng::seed_from_u64(1))
    }

    #[test]
    fn combinators_follow_logic_and_empty_all_is_true() {
        let f = facts();
        assert!(check(&Condition::All(vec![]), &f));
        assert!(!check(&Condition::Any(vec![]), &f));
        assert!(check(&Condition::Not(Box::new(Condition::Any(vec![]))), &f));
    }

    #[test]
    fn time_and_phase_conditions_hold_from_their_tick_on() {
        let mut f = facts();
        f.tick = 3;
        assert!(check(&Condition::After(3), &f));
        assert!(!check(&Condition::After(4), &f));
        assert!(!check(&Condition::Phase(PhaseId(1)), &f));
        f.phase = Some(PhaseId(2));
        assert!(check(&Condition::Phase(PhaseId(1)), &f));
    }

    #[test]
    fn asset_stage_detection_and_measure_conditions_read_the_ledger() {
        let mut f = facts();
        let stage = StageRef {
            campaign: CampaignId(0),
            stage: 1,
        };
        f.assets[1].level = Level::Down;
        f.assets[1].encrypted = true;
        f.measures[0] = 5.0;
        assert!(check(
            &Condition::Asset(AssetId(1), AssetCondition::Down),
            &f
        ));
        assert!(check(
            &Condition::Asset(AssetId(1), AssetCondition::Encrypted),
            &f
        ));
        assert!(!check(
            &Condition::Asset(AssetId(0), AssetCondition::Down),
            &f
        ));
        assert!(
            !check(&Condition::Asset(AssetId(9), AssetCondition::Normal), &f),
            "unknown asset never holds"
        );
        assert!(!check(&Condition::Stage(stage), &f));
        f.stages.insert(stage, 2);
        assert!(check(&Condition::Stage(stage), &f));
        assert!(f.learn(TeamId(0), stage));
        assert!(!f.learn(TeamId(0), stage), "learning twice is no news");
        assert!(check(&Condition::Detected(TeamId(0), stage), &f));
        assert!(check(&Condition::Above(Measure::EconomicLoss, 4.0), &f));
        assert!(!check(&Condition::Below(Measure::EconomicLoss, 4.0), &f));
    }

    #[test]
    fn any_stage_detection_and_done_on_a_target_read_the_ledger() {
        let mut f = facts();
        let (lockbit, other) = (CampaignId(1), CampaignId(2));
        let (port, police) = (TeamId(0), TeamId(1));
        let any = |t, c| Condition::DetectedAny(t, c);
        assert!(!check(&any(port, lockbit), &f));
        f.learn(
            police,
            StageRef {
                campaign: lockbit,
                stage: 3,
            },
        );
        f.learn(
            port,
            StageRef {
                campaign: CampaignId(0),
                stage: 0,
            },
        );
        f.learn(
            port,
            StageRef {
                campaign: other,
                stage: 0,
            },
        );
        assert!(
            !check(&any(port, lockbit), &f),
            "another team's, other campaigns'"
        );
        f.learn(
            port,
            StageRef {
                campaign: lockbit,
                stage: 2,
            },
        );
        assert!(check(&any(port, lockbit), &f));
        assert!(check(&any(police, lockbit), &f));

        let isolate = ActionId(0);
        f.done.insert((port, isolate), 4);
        f.done_on.insert((port, isolate, AssetId(0)), 4);
        assert!(check(&Condition::DoneOn(port, isolate, AssetId(0)), &f));
        assert!(!check(&Condition::DoneOn(port, isolate, AssetId(1)), &f));
        assert!(!check(&Condition::DoneOn(police, isolate, AssetId(0)), &f));
    }

    #[test]
    fn chance_is_reproducible_from_the_seed() {
        let f = facts();
        let c = Condition::Chance(0.5);
        let draw = |seed| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            (0..32)
                .map(|_| holds(&c, &f, &[], &mut rng))
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
        assert!(!check(&Condition::Chance(0.0), &f));
        assert!(check(&Condition::Chance(1.0), &f));
    }
}
