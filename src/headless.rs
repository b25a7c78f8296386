//! One headless run: a scenario, the decisions file that scripts it (if any) and a seed, played
//! to its end without a screen. `kunren run`, `kunren report`, the tests and any analysis over
//! many seeds share it, so they all run exactly the same exercise.

use std::path::PathBuf;
use std::sync::Arc;

use crate::library::{self, Builtin, NameError};
use crate::scenario::{Decisions, Scenario};
use crate::sim::Simulation;

/// Plays `scenario` to its end with `seed`, following `decisions` if given.
pub fn run(scenario: &Arc<Scenario>, decisions: Option<&Decisions>, seed: u64) -> Simulation {
    let mut sim = Simulation::new(scenario.clone(), seed);
    if let Some(d) = decisions {
        sim.script(d);
    }
    sim.run_to_end();
    sim
}

/// Plays `scenario` to its end with `seed` in `sim`, restarted (see [`Simulation::restart`]):
/// the same run as [`run`], without building a new World and schedule.
pub fn rerun(
    sim: &mut Simulation,
    scenario: &Arc<Scenario>,
    decisions: Option<&Decisions>,
    seed: u64,
) {
    sim.restart(scenario.clone(), seed);
    if let Some(d) = decisions {
        sim.script(d);
    }
    sim.run_to_end();
}

/// A scenario and the decisions that script it, ready to be run with any seed.
pub struct Exercise {
    pub scenario: Arc<Scenario>,
    pub decisions: Option<Decisions>,
    /// The built-in scenario it is, if it was named by id (its decision sets can be named).
    pub builtin: Option<&'static Builtin>,
    /// The file it was loaded from, if it was named by path (decision sets beside it can be
    /// named).
    pub file: Option<PathBuf>,
}

impl Exercise {
    /// The scenario a command line names: a file, or else a built-in scenario's id.
    pub fn named(name: &str) -> Result<Exercise, NameError> {
        let (scenario, builtin) = library::load(name)?;
        Ok(Exercise {
            scenario: Arc::new(scenario),
            decisions: None,
            builtin,
            file: builtin.is_none().then(|| PathBuf::from(name)),
        })
    }

    /// Adds the decisions a command line names: a file, or else one of the built-in scenario's
    /// decision sets ("historical", "prepared"...), or a set beside the scenario's file.
    pub fn with_decisions(mut self, name: Option<&str>) -> Result<Exercise, NameError> {
        self.decisions = name
            .map(|d| library::load_decisions(d, &self.scenario, self.builtin, self.file.as_deref()))
            .transpose()?;
        Ok(self)
    }

    /// Plays the exercise to its end with `seed`.
    pub fn run(&self, seed: u64) -> Simulation {
        run(&self.scenario, self.decisions.as_ref(), seed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::state_hash;

    #[test]
    fn a_named_exercise_runs_like_the_simulation_it_stands_for() {
        let e = Exercise::named(library::FLAGSHIP)
            .and_then(|e| e.with_decisions(Some("historical")))
            .unwrap();
        assert!(e.builtin.is_some() && e.decisions.is_some());
        let sim = e.run(3);
        assert!(sim.is_finished());
        let mut by_hand = Simulation::new(e.scenario.clone(), 3);
        by_hand.script(e.decisions.as_ref().unwrap());
        by_hand.run_to_end();
        assert_eq!(state_hash(&sim), state_hash(&by_hand));
        assert_ne!(state_hash(&sim), state_hash(&e.run(4)));
    }

    #[test]
    fn unknown_names_say_what_is_known() {
        let err = Exercise::named("no-such-scenario")
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("built in: nagoya-port-ransomware"), "{err}");
        let err = Exercise::named(library::FLAGSHIP)
            .and_then(|e| e.with_decisions(Some("nope")))
            .err()
            .unwrap()
            .to_string();
        assert_eq!(
            err,
            "no decisions file \"nope\" (built-in sets: historical, prepared, passive)"
        );
    }

    #[test]
    fn a_decision_set_is_found_beside_a_scenario_given_as_a_path() {
        let e = Exercise::named("scenarios/sme-supply-chain.ron")
            .and_then(|e| e.with_decisions(Some("good-practice")))
            .unwrap();
        assert!(e.builtin.is_none());
        let d = e.decisions.unwrap();
        assert_eq!(d.scenario, "sme-supply-chain");
        assert!(!d.decisions.is_empty());

        // A copy elsewhere, under another file name: `<scenario-id>.<name>.decisions.ron`.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("my-copy.ron");
        std::fs::write(&file, include_str!("../tests/fixtures/minimal.ron")).unwrap();
        std::fs::write(
            dir.path().join("port-mini.plan.decisions.ron"),
            "Decisions(scenario: \"port-mini\", decisions: [(team: \"port\", take: \"isolate\", target: Some(\"vpn\"))])",
        )
        .unwrap();
        let e = Exercise::named(file.to_str().unwrap())
            .and_then(|e| e.with_decisions(Some("plan")))
            .unwrap();
        assert_eq!(e.decisions.map(|d| d.decisions.len()), Some(1));
        let err = Exercise::named(file.to_str().unwrap())
            .and_then(|e| e.with_decisions(Some("other")))
            .err()
            .unwrap();
        assert_eq!(err.to_string(), "no decisions file \"other\"");
    }
}
