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

/// A text an evaluator's entry must not leave empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Players,
    HotWash,
    Analysis,
    Date,
}

/// Why an evaluator's entry does not fit the scenario ([`Edit::check`]): typed, with what is at
/// fault; its `Display` is the English, [`EditError::say`] either language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    NoObjective(String),
    NoTeam(String),
    Empty(Field),
    NoObservation { number: u32, written: usize },
    TooManyScores { scores: usize, statements: usize },
    Score(u8),
}

impl EditError {
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (EditError::NoObjective(id), Lang::Ja) => {
                format!("このシナリオに目標「{id}」はない")
            }
            (EditError::NoTeam(id), Lang::Ja) => format!("このシナリオにチーム「{id}」はない"),
            (EditError::Empty(what), Lang::Ja) => {
                let what = match what {
                    Field::Players => "参加者名",
                    Field::HotWash => "ホットウォッシュの項目",
                    Field::Analysis => "分析",
                    Field::Date => "日付",
                };
                format!("{what}が空である")
            }
            (EditError::NoObservation { number, written }, Lang::Ja) => {
                format!("所見{number}はない。記録された所見は{written}件（O1〜O{written}）である")
            }
            (EditError::TooManyScores { scores, statements }, Lang::Ja) => {
                format!("設問{statements}問に対して評点が{scores}件ある")
            }
            (EditError::Score(s), Lang::Ja) => {
                format!("評点{s}は範囲外である。評点は1から5までとする")
            }
        }
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoObjective(id) => write!(f, "no objective \"{id}\" in this scenario"),
            EditError::NoTeam(id) => write!(f, "no team \"{id}\" in this scenario"),
            EditError::Empty(what) => {
                let what = match what {
                    Field::Players => "the players' names",
                    Field::HotWash => "the hot wash item",
                    Field::Analysis => "the analysis",
                    Field::Date => "the date",
                };
                write!(f, "{what} is empty")
            }
            EditError::NoObservation { number, written } => write!(
                f,
                "no observation {number}: {written} have been written (O1 to O{written})"
            ),
            EditError::TooManyScores { scores, statements } => {
                write!(f, "{scores} scores for {statements} statements")
            }
            EditError::Score(s) => write!(f, "a score of {s}; scores run from 1 to 5"),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Whether the edit fits the scenario (its objective and team ids exist, an observation of
    /// that number was written, scores are 1 to 5, text is not empty); the reason when not.
    pub fn check(&self, scenario: &Scenario, observations: usize) -> Result<(), EditError> {
        let objective = |id: &str| {
            scenario
                .objectives
                .iter()
                .any(|o| o.id == id)
                .then_some(())
                .ok_or_else(|| EditError::NoObjective(id.to_string()))
        };
        let team = |id: &str| {
            scenario
                .team_index(id)
                .map(|_| ())
                .ok_or_else(|| EditError::NoTeam(id.to_string()))
        };
        let text = |what: Field, t: &str| {
            if t.trim().is_empty() {
                Err(EditError::Empty(what))
            } else {
                Ok(())
            }
        };
        match self {
            Edit::Rate { objective: o, .. } | Edit::Unrate { objective: o } => objective(o),
            Edit::Players { team: t, names } => team(t).and(text(Field::Players, names)),
            Edit::HotWash {
                team: t, text: x, ..
            } => team(t).and(text(Field::HotWash, x)),
            Edit::Analyse {
                observation,
                analysis,
                ..
            } => {
                if *observation == 0 || *observation as usize > observations {
                    Err(EditError::NoObservation {
                        number: *observation,
                        written: observations,
                    })
                } else {
                    text(Field::Analysis, analysis)
                }
            }
            Edit::Feedback(f) => {
                if let Some(t) = &f.team {
                    team(t)?;
                }
                if f.scores.len() > FEEDBACK_STATEMENTS.len() {
                    return Err(EditError::TooManyScores {
                        scores: f.scores.len(),
                        statements: FEEDBACK_STATEMENTS.len(),
                    });
                }
                match f
                    .scores
                    .iter()
                    .find(|s| !(SCORES.0..=SCORES.1).contains(*s))
                {
                    Some(s) => Err(EditError::Score(*s)),
                    None => Ok(()),
                }
            }
            Edit::Date(d) => text(Field::Date, d),
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
                .to_string()
                .contains("no objective \"nope\"")
        );
        let analyse = Edit::Analyse {
            observation: 3,
            analysis: "slow".into(),
            root_cause: String::new(),
        };
        let err = analyse.check(&s, 2).unwrap_err();
        assert_eq!(
            err,
            EditError::NoObservation {
                number: 3,
                written: 2
            }
        );
        assert!(err.to_string().contains("O1 to O2"));
        assert!(err.say(crate::lang::Lang::Ja).contains("O1〜O2"));
        assert!(analyse.check(&s, 3).is_ok());
        let form = Edit::Feedback(Feedback {
            scores: vec![5, 6],
            ..Feedback::default()
        });
        assert!(
            form.check(&s, 0)
                .unwrap_err()
                .to_string()
                .contains("score of 6")
        );
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
