//! What the facilitator brings to the report: ratings and comments by objective, who played each
//! team, strengths, areas for improvement and improvement-plan rows, read from a RON file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::evaluation::{Analysis, Feedback, HotWash};
use crate::scenario::model::Scenario;

/// HSEEP's rating scale for an objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rating {
    /// Performed without challenges.
    P,
    /// Performed with some challenges.
    S,
    /// Performed with major challenges.
    M,
    /// Unable to be performed.
    U,
    /// Not applicable (written `NA` in a ratings file).
    #[serde(rename = "NA")]
    NotApplicable,
}

impl Rating {
    /// "P", "S", "M", "U" or "N/A".
    pub fn code(self) -> &'static str {
        match self {
            Rating::P => "P",
            Rating::S => "S",
            Rating::M => "M",
            Rating::U => "U",
            Rating::NotApplicable => "N/A",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Rating::P => "performed without challenges",
            Rating::S => "performed with some challenges",
            Rating::M => "performed with major challenges",
            Rating::U => "unable to be performed",
            Rating::NotApplicable => "not applicable",
        }
    }
}

/// A facilitator's rating of one objective.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rated {
    pub rating: Rating,
    #[serde(default)]
    pub comment: Option<String>,
}

/// One row of the improvement plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRow {
    /// The objective the row is about; a facilitator row naming one replaces the automatic row
    /// for that objective.
    #[serde(default)]
    pub objective: Option<String>,
    /// The core capability the issue is about ("Cybersecurity"); the objective's own when the
    /// row is automatic and the scenario names one.
    #[serde(default)]
    pub capability: String,
    pub issue: String,
    /// The corrective action.
    pub action: String,
    /// Where the fix lies: planning, organisation, equipment, training or exercises.
    #[serde(default)]
    pub element: Option<Element>,
    /// The primary responsible organisation.
    #[serde(default)]
    pub owner: String,
    /// The organisation's point of contact.
    #[serde(default)]
    pub poc: String,
    #[serde(default)]
    pub start: Option<String>,
    /// The completion date (`completion:` in a ratings file is the same field).
    #[serde(default, alias = "completion")]
    pub due: Option<String>,
}

/// HSEEP's capability elements: where a corrective action lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Element {
    Planning,
    Organization,
    Equipment,
    Training,
    Exercises,
}

impl Element {
    pub fn name(self) -> &'static str {
        match self {
            Element::Planning => "Planning",
            Element::Organization => "Organization",
            Element::Equipment => "Equipment",
            Element::Training => "Training",
            Element::Exercises => "Exercises",
        }
    }
}

/// A ratings file: `Ratings(objectives: {"id": (rating: S, comment: Some("..."))}, ...)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratings {
    /// The real date the exercise was run.
    #[serde(default)]
    pub date: Option<String>,
    /// Who played each team, by team id.
    #[serde(default)]
    pub players: BTreeMap<String, String>,
    #[serde(default)]
    pub objectives: BTreeMap<String, Rated>,
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default)]
    pub areas_for_improvement: Vec<String>,
    #[serde(default)]
    pub improvement_plan: Vec<PlanRow>,
    /// What the room said at the hot wash, by team id.
    #[serde(default)]
    pub hot_wash: BTreeMap<String, HotWash>,
    /// Evaluators' analyses of observations, by observation number (O1 is 1).
    #[serde(default)]
    pub analyses: BTreeMap<u32, Analysis>,
    /// Participants' feedback forms.
    #[serde(default)]
    pub feedback: Vec<Feedback>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RatingsError {
    #[error(
        "{file}:{line}:{column}: {message}\n  = hint: a ratings file looks like Ratings(objectives: {{\"objective-id\": (rating: S, comment: Some(\"...\"))}}); ratings are P, S, M, U or NA"
    )]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{file}: no objective \"{id}\" in scenario {scenario}\n  = hint: its objectives are {known}"
    )]
    UnknownObjective {
        file: String,
        id: String,
        scenario: String,
        known: String,
    },
    #[error(
        "{file}: no team \"{id}\" in scenario {scenario} (under players, hot_wash or feedback)\n  = hint: its teams are {known}"
    )]
    UnknownTeam {
        file: String,
        id: String,
        scenario: String,
        known: String,
    },
    #[error(
        "{file}: feedback form {number}: {why}\n  = hint: a form has up to five scores, each from 1 (strongly disagree) to 5 (strongly agree)"
    )]
    Feedback {
        file: String,
        number: usize,
        why: String,
    },
}

impl Ratings {
    /// Reads a ratings file's text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Ratings, RatingsError> {
        // A byte-order mark first (as some editors write) is skipped.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        ron::from_str(text).map_err(|e| RatingsError::Syntax {
            file: file.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })
    }

    /// Checks that every objective and team named exists in the scenario.
    pub fn check(&self, scenario: &Scenario, file: &str) -> Result<(), RatingsError> {
        if let Some(id) = self
            .objectives
            .keys()
            .chain(
                self.improvement_plan
                    .iter()
                    .filter_map(|r| r.objective.as_ref()),
            )
            .find(|id| !scenario.objectives.iter().any(|o| &o.id == *id))
        {
            let known: Vec<&str> = scenario.objectives.iter().map(|o| o.id.as_str()).collect();
            return Err(RatingsError::UnknownObjective {
                file: file.to_string(),
                id: id.clone(),
                scenario: scenario.meta.id.clone(),
                known: known.join(", "),
            });
        }
        if let Some(id) = self
            .players
            .keys()
            .chain(self.hot_wash.keys())
            .chain(self.feedback.iter().filter_map(|f| f.team.as_ref()))
            .find(|id| scenario.team_index(id).is_none())
        {
            let known: Vec<&str> = scenario.teams.iter().map(|t| t.id.as_str()).collect();
            return Err(RatingsError::UnknownTeam {
                file: file.to_string(),
                id: id.clone(),
                scenario: scenario.meta.id.clone(),
                known: known.join(", "),
            });
        }
        for (i, f) in self.feedback.iter().enumerate() {
            if let Err(why) = super::Edit::Feedback(f.clone()).check(scenario, 0) {
                return Err(RatingsError::Feedback {
                    file: file.to_string(),
                    number: i + 1,
                    why: why.to_string(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ratings_file_reads_with_defaults() {
        let r = Ratings::parse(
            r#"Ratings(
                objectives: {"close-entry": (rating: M, comment: Some("late")), "x": (rating: NA)},
                improvement_plan: [(issue: "i", action: "a")],
            )"#,
            "r.ron",
        )
        .unwrap();
        assert_eq!(r.objectives["close-entry"].rating, Rating::M);
        assert_eq!(r.objectives["x"].rating, Rating::NotApplicable);
        assert_eq!(r.improvement_plan[0].due, None);
        assert!(r.strengths.is_empty());
    }

    #[test]
    fn a_feedback_score_out_of_range_is_refused_with_the_form_named() {
        let b = crate::library::builtin(crate::library::FLAGSHIP).unwrap();
        let s = crate::scenario::parse(b.source, b.path).unwrap();
        let r = Ratings::parse(
            "Ratings(feedback: [(scores: [5]), (scores: [3, 0])])",
            "r.ron",
        )
        .unwrap();
        let err = r.check(&s, "r.ron").unwrap_err().to_string();
        assert!(
            err.starts_with("r.ron: feedback form 2: a score of 0"),
            "{err}"
        );
    }

    #[test]
    fn bad_ratings_are_located() {
        let err = Ratings::parse("Ratings(objectives: {\"a\": (rating: Q)})", "r.ron").unwrap_err();
        let RatingsError::Syntax { line, file, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!((file.as_str(), *line), ("r.ron", 1));
    }
}
