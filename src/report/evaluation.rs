//! What evaluators enter during and after play, one [`Edit`] at a time: a rating of an
//! objective, who played a team, a hot wash item, the analysis of an observation, a participant's
//! feedback. A console session journals each edit before it applies (so a crash loses none) and
//! folds them into the same [`Ratings`] a hand-written ratings file gives; the report reads that.

use serde::{Deserialize, Serialize};

use super::ratings::{Rated, Rating, Ratings};
use crate::scenario::model::Scenario;

/// The statements a participant scores from 1 (strongly disagree) to 5 (strongly agree) on the
/// feedback form, after HSEEP's participant feedback form.
pub const FEEDBACK_STATEMENTS: [&str; 5] = [
    "The exercise was well structured and organised.",
    "The scenario was plausible and realistic.",
    "The exercise increased my understanding of my organisation's role in a cyber incident.",
    "The right people and organisations took part.",
    "The exercise showed us what we must improve.",
];

/// The lowest and highest score of a feedback statement.
pub const SCORES: (u8, u8) = (1, 5);

/// Which list a hot wash item goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Strength,
    Improvement,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Strength => "strength",
            Side::Improvement => "area for improvement",
        }
    }
}

/// What the room said about one team at the hot wash.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HotWash {
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default)]
    pub improvements: Vec<String>,
}

/// An evaluator's analysis of an observation (a note), written after play: why it happened and
/// the root cause.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    pub analysis: String,
    #[serde(default)]
    pub root_cause: String,
}

/// One participant's feedback form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// The team the participant played, by id; none for an observer.
    #[serde(default)]
    pub team: Option<String>,
    /// Their role ("duty officer"), if they gave it.
    #[serde(default)]
    pub role: String,
    /// A score from 1 to 5 for each of [`FEEDBACK_STATEMENTS`], in order.
    #[serde(default)]
    pub scores: Vec<u8>,
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    pub improvements: String,
    #[serde(default)]
    pub comments: String,
}

/// One change to the evaluation, as it is journaled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// The facilitator's rating of an objective (by id), replacing the automatic one.
    Rate {
        objective: String,
        rating: Rating,
        #[serde(default)]
        comment: Option<String>,
    },
    /// The facilitator's rating is taken back: the automatic one stands again.
    Unrate { objective: String },
    /// Who played a team (by id).
    Players { team: String, names: String },
    /// A hot wash item for a team (by id).
    HotWash {
        team: String,
        side: Side,
        text: String,
    },
    /// The analysis and root cause of observation number `observation` (from 1, in the order
    /// the notes were written).
    Analyse {
        observation: u32,
        analysis: String,
        root_cause: String,
    },
    /// A participant's feedback form.
    Feedback(Feedback),
    /// The real date the exercise was run.
    Date(String),
}

impl Edit {
    /// Whether the edit fits the scenario (its objective and team ids exist, an observation of
    /// that number was written, scores are 1 to 5, text is not empty); the reason when not.
    pub fn check(&self, scenario: &Scenario, observations: usize) -> Result<(), String> {
        let objective = |id: &str| {
            scenario
                .objectives
                .iter()
                .any(|o| o.id == id)
                .then_some(())
                .ok_or_else(|| format!("no objective \"{id}\" in this scenario"))
        };
        let team = |id: &str| {
            scenario
                .team_index(id)
                .map(|_| ())
                .ok_or_else(|| format!("no team \"{id}\" in this scenario"))
        };
        let text = |what: &str, t: &str| {
            if t.trim().is_empty() {
                Err(format!("{what} is empty"))
            } else {
                Ok(())
            }
        };
        match self {
            Edit::Rate { objective: o, .. } | Edit::Unrate { objective: o } => objective(o),
            Edit::Players { team: t, names } => team(t).and(text("the players' names", names)),
            Edit::HotWash {
                team: t, text: x, ..
            } => team(t).and(text("the hot wash item", x)),
            Edit::Analyse {
                observation,
                analysis,
                ..
            } => {
                if *observation == 0 || *observation as usize > observations {
                    Err(format!(
                        "no observation {observation}: {observations} have been written (O1 to O{observations})"
                    ))
                } else {
                    text("the analysis", analysis)
                }
            }
            Edit::Feedback(f) => {
                if let Some(t) = &f.team {
                    team(t)?;
                }
                if f.scores.len() > FEEDBACK_STATEMENTS.len() {
                    return Err(format!(
                        "{} scores for {} statements",
                        f.scores.len(),
                        FEEDBACK_STATEMENTS.len()
                    ));
                }
                match f
                    .scores
                    .iter()
                    .find(|s| !(SCORES.0..=SCORES.1).contains(*s))
                {
                    Some(s) => Err(format!("a score of {s}; scores run from 1 to 5")),
                    None => Ok(()),
                }
            }
            Edit::Date(d) => text("the date", d),
        }
    }

    /// What the edit did, in a few words, for a status line.
    pub fn describe(&self, scenario: &Scenario) -> String {
        self.describe_in(scenario, crate::lang::Lang::En)
    }

    /// The same in `lang`, the team named in it.
    pub fn describe_in(&self, scenario: &Scenario, lang: crate::lang::Lang) -> String {
        let team_name = |id: &str| {
            scenario.team_index(id).map_or_else(
                || id.to_string(),
                |t| {
                    let key = crate::scenario::model::TextKey::TeamName(t);
                    scenario.text(key, lang).to_string()
                },
            )
        };
        if lang == crate::lang::Lang::Ja {
            return match self {
                Edit::Rate {
                    objective, rating, ..
                } => format!("{objective}を{}と評定した", rating.code()),
                Edit::Unrate { objective } => format!("{objective}: 自動評定に戻した"),
                Edit::Players { team, names } => {
                    format!("{}の参加者: {names}", team_name(team))
                }
                Edit::HotWash { team, side, .. } => format!(
                    "{}の{}を記録した",
                    team_name(team),
                    super::words::say(lang, side.name())
                ),
                Edit::Analyse { observation, .. } => format!("O{observation}の分析を記録した"),
                Edit::Feedback(f) => format!(
                    "評価票を記録した{}",
                    f.team
                        .as_deref()
                        .map(|t| format!("（{}）", team_name(t)))
                        .unwrap_or_default()
                ),
                Edit::Date(d) => format!("演習日: {d}"),
            };
        }
        match self {
            Edit::Rate {
                objective, rating, ..
            } => format!("rated {objective} {}", rating.code()),
            Edit::Unrate { objective } => {
                format!("{objective}: the automatic rating stands again")
            }
            Edit::Players { team, names } => format!("{} played by {names}", team_name(team)),
            Edit::HotWash { team, side, .. } => {
                format!("{} for {} noted", side.name(), team_name(team))
            }
            Edit::Analyse { observation, .. } => format!("analysis of O{observation} recorded"),
            Edit::Feedback(f) => format!(
                "feedback form recorded{}",
                f.team
                    .as_deref()
                    .map(|t| format!(" ({})", team_name(t)))
                    .unwrap_or_default()
            ),
            Edit::Date(d) => format!("exercise date: {d}"),
        }
    }
}

impl Ratings {
    /// Applies one edit (already checked).
    pub fn apply(&mut self, edit: Edit) {
        match edit {
            Edit::Rate {
                objective,
                rating,
                comment,
            } => {
                self.objectives.insert(objective, Rated { rating, comment });
            }
            Edit::Unrate { objective } => {
                self.objectives.remove(&objective);
            }
            Edit::Players { team, names } => {
                self.players.insert(team, names);
            }
            Edit::HotWash { team, side, text } => {
                let entry = self.hot_wash.entry(team).or_default();
                match side {
                    Side::Strength => entry.strengths.push(text),
                    Side::Improvement => entry.improvements.push(text),
                }
            }
            Edit::Analyse {
                observation,
                analysis,
                root_cause,
            } => {
                self.analyses.insert(
                    observation,
                    Analysis {
                        analysis,
                        root_cause,
                    },
                );
            }
            Edit::Feedback(f) => self.feedback.push(f),
            Edit::Date(d) => self.date = Some(d),
        }
    }

    /// Lays a ratings file over what was entered in a session: the file's ratings, players,
    /// analyses and date win where both name the same thing; its lists are added after.
    pub fn overlay(&mut self, file: Ratings) {
        if file.date.is_some() {
            self.date = file.date;
        }
        self.players.extend(file.players);
        self.objectives.extend(file.objectives);
        self.analyses.extend(file.analyses);
        self.strengths.extend(file.strengths);
        self.areas_for_improvement
            .extend(file.areas_for_improvement);
        self.improvement_plan.extend(file.improvement_plan);
        for (team, h) in file.hot_wash {
            let mine = self.hot_wash.entry(team).or_default();
            mine.strengths.extend(h.strengths);
            mine.improvements.extend(h.improvements);
        }
        self.feedback.extend(file.feedback);
    }

    /// The mean score of each feedback statement over the forms that scored it, and how many did.
    pub fn feedback_means(&self) -> Vec<(f64, usize)> {
        (0..FEEDBACK_STATEMENTS.len())
            .map(|i| {
                let scores: Vec<u8> = self
                    .feedback
                    .iter()
                    .filter_map(|f| f.scores.get(i).copied())
                    .collect();
                let n = scores.len();
                let mean = if n == 0 {
                    0.0
                } else {
                    scores.iter().map(|s| f64::from(*s)).sum::<f64>() / n as f64
                };
                (mean, n)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        let b = crate::library::builtin(crate::library::FLAGSHIP).unwrap();
        crate::scenario::parse(b.source, b.path).unwrap()
    }

    #[test]
    fn edits_fold_into_ratings_in_order() {
        let s = scenario();
        let o = s.objectives[0].id.clone();
        let t = s.teams[0].id.clone();
        let mut r = Ratings::default();
        for e in [
            Edit::Rate {
                objective: o.clone(),
                rating: Rating::M,
                comment: None,
            },
            Edit::Rate {
                objective: o.clone(),
                rating: Rating::S,
                comment: Some("better on review".into()),
            },
            Edit::HotWash {
                team: t.clone(),
                side: Side::Improvement,
                text: "call the vendor sooner".into(),
            },
            Edit::Players {
                team: t.clone(),
                names: "A. Sato".into(),
            },
        ] {
            e.check(&s, 0).unwrap();
            r.apply(e);
        }
        assert_eq!(r.objectives[&o].rating, Rating::S);
        assert_eq!(r.hot_wash[&t].improvements, ["call the vendor sooner"]);
        assert_eq!(r.players[&t], "A. Sato");
        r.apply(Edit::Unrate {
            objective: o.clone(),
        });
        assert!(!r.objectives.contains_key(&o));
    }

    #[test]
    fn edits_that_do_not_fit_say_why() {
        let s = scenario();
        let rate = Edit::Rate {
            objective: "nope".into(),
            rating: Rating::P,
            comment: None,
        };
        assert!(
            rate.check(&s, 0)
                .unwrap_err()
                .contains("no objective \"nope\"")
        );
        let analyse = Edit::Analyse {
            observation: 3,
            analysis: "slow".into(),
            root_cause: String::new(),
        };
        assert!(analyse.check(&s, 2).unwrap_err().contains("O1 to O2"));
        assert!(analyse.check(&s, 3).is_ok());
        let form = Edit::Feedback(Feedback {
            scores: vec![5, 6],
            ..Feedback::default()
        });
        assert!(form.check(&s, 0).unwrap_err().contains("score of 6"));
        let blank = Edit::HotWash {
            team: s.teams[0].id.clone(),
            side: Side::Strength,
            text: "  ".into(),
        };
        assert!(blank.check(&s, 0).is_err());
    }

    #[test]
    fn a_file_overlays_the_session_and_means_count_only_scored_forms() {
        let mut session = Ratings::default();
        session.players.insert("a".into(), "session".into());
        session.feedback.push(Feedback {
            scores: vec![4, 2],
            ..Feedback::default()
        });
        let mut file = Ratings::default();
        file.players.insert("a".into(), "file".into());
        file.feedback.push(Feedback {
            scores: vec![5],
            ..Feedback::default()
        });
        session.overlay(file);
        assert_eq!(session.players["a"], "file");
        let means = session.feedback_means();
        assert_eq!(means[0], (4.5, 2));
        assert_eq!(means[1], (2.0, 1));
        assert_eq!(means[2], (0.0, 0));
    }
}
