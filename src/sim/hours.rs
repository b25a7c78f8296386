//! Working hours (format 2): whether a team is at work at a tick, on its own clock, and what
//! that changes: an action it takes outside its hours starts its work only once staff are
//! called in (`call_out` later), unless crisis manning (`around_the_clock`) holds.

use rand::SeedableRng;
use serde::Serialize;

use super::facts::{Facts, holds};
use crate::lang::Lang;
use crate::scenario::model::{Measure, Scenario, Team};

/// Where a team with working hours stands at a tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Duty {
    /// Within its working hours.
    Hours,
    /// Outside them: its actions wait for staff to be called in.
    OffHours,
    /// Outside them, but manned around the clock (crisis manning).
    AroundTheClock,
}

impl Duty {
    /// The few words a seat's clock shows, in its language.
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            Duty::Hours => lang.pick("working hours", "勤務時間内"),
            Duty::OffHours => lang.pick("off hours", "勤務時間外"),
            Duty::AroundTheClock => lang.pick("24/7 manning", "24時間体制"),
        }
    }
}

/// Where the team stands at `tick`; `None` for a team without working hours (always manned).
pub fn duty(
    scenario: &Scenario,
    team: &Team,
    tick: u32,
    facts: &Facts,
    measures: &[Measure],
) -> Option<Duty> {
    let hours = team.hours.as_ref()?;
    if hours.open(&scenario.clock.local(tick, team.zone.as_ref())) {
        return Some(Duty::Hours);
    }
    // Validation keeps chance out of this condition, so the generator is never drawn from.
    let mut no_dice = rand_chacha::ChaCha8Rng::seed_from_u64(0);
    let manned = hours
        .around_the_clock
        .as_ref()
        .is_some_and(|c| holds(c, facts, measures, &mut no_dice));
    Some(if manned {
        Duty::AroundTheClock
    } else {
        Duty::OffHours
    })
}

/// Ticks an action the team starts now waits before its work begins: the call-out time off
/// hours, none otherwise.
pub fn call_out(team: &Team, duty: Option<Duty>) -> u32 {
    match (duty, &team.hours) {
        (Some(Duty::OffHours), Some(h)) => h.call_out_ticks,
        (Some(Duty::OffHours), None)
        | (Some(Duty::Hours | Duty::AroundTheClock), _)
        | (None, _) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(hours: &str) -> Scenario {
        let text = include_str!("../../tests/fixtures/minimal.ron")
            .replacen("Scenario(\n", "Scenario(\n    format: 2,\n", 1)
            .replacen(
                "kind: Operator, staff: 3)",
                &format!("kind: Operator, staff: 3, time_zone: Some(\"Asia/Tokyo\"), hours: Some({hours}))"),
                1,
            );
        match crate::scenario::parse(&text, "hours.ron") {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_team_is_at_work_in_its_hours_on_its_days_and_not_on_a_holiday() {
        // The fixture starts on Tue 4 Jul 2023 at 06:00 JST, with 15-minute ticks.
        let s = scenario(
            "(from: \"09:00\", to: \"18:00\", holidays: [\"2023-07-05\"], call_out: \"1h\", around_the_clock: Some(Phase(\"p2\")))",
        );
        let port = &s.teams[0];
        let mut facts = Facts::default();
        let at = |facts: &Facts, tick| duty(&s, port, tick, facts, &[]);
        assert_eq!(
            at(&facts, 0),
            Some(Duty::OffHours),
            "06:00 is before the day"
        );
        assert_eq!(at(&facts, 12), Some(Duty::Hours), "09:00 opens it");
        assert_eq!(at(&facts, 47), Some(Duty::Hours), "17:45");
        assert_eq!(at(&facts, 48), Some(Duty::OffHours), "18:00 closes it");
        assert_eq!(
            at(&facts, 96 + 12),
            Some(Duty::OffHours),
            "Wed 5 Jul is a holiday"
        );
        facts.phase = Some(crate::scenario::model::PhaseId(1));
        assert_eq!(at(&facts, 48), Some(Duty::AroundTheClock), "crisis manning");
        assert_eq!(call_out(port, Some(Duty::OffHours)), 4);
        assert_eq!(call_out(port, Some(Duty::AroundTheClock)), 0);
        assert_eq!(call_out(port, Some(Duty::Hours)), 0);
        assert_eq!(
            duty(&s, &s.teams[1], 0, &facts, &[]),
            None,
            "no hours: always manned"
        );
    }
}
