//! The evaluators' dialogs: rating an objective, who played a team, an observation against an
//! objective, the analysis of one, a hot wash item, a participant's feedback form, and writing
//! the after-action report from the console. Each ends in one [`crate::report::Edit`] through
//! [`Live::evaluate`] (journaled before it applies), or in a file written.

use std::path::{Path, PathBuf};

use super::{Console, Dialog, Live, Purpose};
use crate::command::Command;
use crate::lang::Lang;
use crate::report::words;
use crate::report::{self, Edit, FEEDBACK_STATEMENTS, Feedback, Format, Paper, Rating, Side};
use crate::scenario::model::{ObjectiveId, TeamId, TextKey};
use crate::tui::said::Said;
use crate::tui::words::say;

/// The ratings a facilitator can give, in the order the picker offers them; the last takes the
/// facilitator's rating back.
const RATINGS: [Option<Rating>; 6] = [
    Some(Rating::P),
    Some(Rating::S),
    Some(Rating::M),
    Some(Rating::U),
    Some(Rating::NotApplicable),
    None,
];

/// The formats the report can be written in from the console.
pub(crate) const FORMATS: [(Format, &str); 4] = [
    (Format::Html, "HTML (opens in any browser, prints well)"),
    (Format::Markdown, "Markdown"),
    (Format::Pdf(Paper::A4), "PDF, A4"),
    (Format::Pdf(Paper::Letter), "PDF, Letter"),
];

/// Which free-text answer of the feedback form is being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormText {
    Role,
    Strengths,
    Improvements,
    Comments,
}

/// A step of an evaluator's dialog, with what was chosen so far.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Rate { objective: u32 },
    RateComment { objective: u32, rating: Rating },
    Players { team: u32 },
    HotWash { team: u32, side: Side },
    Observe { objective: u32 },
    AnalyseWhich,
    Analysis { observation: u32 },
    RootCause { observation: u32, analysis: String },
    FeedbackTeam,
    FeedbackScore { form: Feedback },
    FeedbackText { form: Feedback, field: FormText },
    ReportFormat,
    ReportPath { format: u32 },
}

impl Console {
    /// Hands an evaluator's entry to the live session as this console's seat; the status line
    /// says what became of it. Returns whether it was taken.
    pub fn evaluate(&mut self, live: &mut Live, edit: Edit) -> bool {
        let said = edit.describe_in(live.scenario(), self.lang);
        match live.evaluate(self.seat, edit) {
            Ok(()) => {
                self.status = Said::Evaluation { said: &said }.say(self.lang);
                true
            }
            Err(refusal) => {
                self.status = refusal.say(live.scenario(), self.lang);
                self.watch_journal(live);
                false
            }
        }
    }

    /// Rating the objective at `objective` (its index): P, S, M, U, N/A, or back to automatic.
    pub(crate) fn rate(&mut self, live: &Live, objective: usize) {
        if objective >= live.scenario().objectives.len() {
            return;
        }
        let lang = self.lang;
        let name = objective_name(live, objective as u32, lang);
        let options = RATINGS
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let label = match r {
                    Some(r) => format!("{} ({})", r.code(), words::say(lang, r.meaning())),
                    None => say(lang, "the automatic rating").to_string(),
                };
                (label, i as u32)
            })
            .collect();
        self.pick(
            Step::Rate {
                objective: objective as u32,
            },
            Said::RateObjective { objective: &name }.say(lang),
            options,
        );
    }

    /// Writing an observation against the objective at `objective` (its index), and so against
    /// its capability: the text is typed at once.
    pub(crate) fn observe(&mut self, live: &Live, objective: usize) {
        let s = live.scenario();
        let Some(o) = s.objectives.get(objective) else {
            return;
        };
        let lang = self.lang;
        let prompt = Said::Observation {
            objective: &objective_name(live, objective as u32, lang),
            team: s.text(TextKey::TeamName(o.team), lang),
            capability: o.capability.map(|c| words::capability(lang, c)),
        }
        .say(lang);
        self.input(
            Purpose::Evaluate(Step::Observe {
                objective: objective as u32,
            }),
            &prompt,
            String::new(),
        );
    }

    /// Naming who played the team at `team` (its index); what was named before is there to
    /// edit.
    pub(crate) fn players_of(&mut self, live: &Live, team: u32) {
        let t = live.scenario().team(TeamId(team));
        let now = live
            .evaluation()
            .players
            .get(&t.id)
            .cloned()
            .unwrap_or_default();
        let name = self.team_name(live, TeamId(team));
        self.input(
            Purpose::Evaluate(Step::Players { team }),
            &Said::WhoPlayed { team: &name }.say(self.lang),
            now,
        );
    }

    /// A hot wash item for the team at `team` (its index).
    pub(crate) fn hot_wash_item(&mut self, live: &Live, team: u32, side: Side) {
        let name = self.team_name(live, TeamId(team));
        let prompt = Said::HotWashItem {
            strength: side == Side::Strength,
            team: &name,
        }
        .say(self.lang);
        self.input(
            Purpose::Evaluate(Step::HotWash { team, side }),
            &prompt,
            String::new(),
        );
    }

    /// Choosing the observation to analyse.
    pub(crate) fn analyse(&mut self, live: &Live) {
        let options: Vec<(String, u32)> = report::observations(live.sim().log().events())
            .map(|(n, e, parts)| {
                let done = if live.evaluation().analyses.contains_key(&n) {
                    say(self.lang, " (analysed)")
                } else {
                    ""
                };
                (
                    format!(
                        "O{n} {}: {}{done}",
                        live.scenario().clock.label_lang(e.tick, self.lang),
                        parts.text
                    ),
                    n,
                )
            })
            .collect();
        if options.is_empty() {
            self.status = say(
                self.lang,
                "No observation yet: o writes one against the objective selected",
            )
            .into();
            return;
        }
        self.pick(
            Step::AnalyseWhich,
            say(self.lang, "Analyse which observation?").into(),
            options,
        );
    }

    /// A participant's feedback form: first their team (or none, for an observer).
    pub(crate) fn feedback_form(&mut self, live: &Live) {
        let mut options = vec![(say(self.lang, "(observer, no team)").to_string(), u32::MAX)];
        options.extend(teams_in(live, self.lang));
        self.pick(
            Step::FeedbackTeam,
            say(self.lang, "Feedback form: the participant's team").into(),
            options,
        );
    }

    /// Writing the after-action report: first its format.
    pub(crate) fn write_report_dialog(&mut self) {
        let options = FORMATS
            .iter()
            .enumerate()
            .map(|(i, (_, label))| (say(self.lang, label).to_string(), i as u32))
            .collect();
        self.pick(
            Step::ReportFormat,
            say(self.lang, "Write the after-action report as").into(),
            options,
        );
    }

    /// Writes the after-action report of the session as it stands, with what was entered in the
    /// console, to `path`. Returns what to tell the user.
    pub fn write_report(&mut self, live: &Live, format: Format, path: &Path) -> String {
        let input = report::ReportInput {
            ratings: live.evaluation().clone(),
            seed: Some(live.seed()),
            decisions: live.session_name().map(|n| format!("session {n}")),
            run_date: Some(time::OffsetDateTime::now_utc().date().to_string()),
            timeline: Vec::new(),
            lang: self.lang,
        };
        let written = report::build(live.sim(), &input)
            .write_as(format)
            .map_err(|e| e.to_string())
            .and_then(|r| {
                crate::durable::write(path, &r.bytes)
                    .map(|()| r.warning)
                    .map_err(|e| e.to_string())
            });
        let path = &path.display().to_string();
        match written {
            Ok(None) => Said::WroteReport { path },
            Ok(Some(ref warning)) => Said::WroteWithWarning { path, warning },
            Err(ref why) => Said::ReportNotWritten { path, why },
        }
        .say(self.lang)
    }

    fn pick(&mut self, step: Step, title: String, options: Vec<(String, u32)>) {
        self.dialog = Some(Dialog::Pick {
            purpose: Purpose::Evaluate(step),
            title,
            options,
            cursor: 0,
        });
    }

    pub(super) fn evaluate_picked(&mut self, live: &mut Live, step: Step, id: u32) {
        let s = live.scenario().clone();
        match step {
            Step::Rate { objective } => {
                let id_of = s.objectives[objective as usize].id.clone();
                match RATINGS.get(id as usize).copied().flatten() {
                    Some(rating) => self.input(
                        Purpose::Evaluate(Step::RateComment { objective, rating }),
                        &Said::RateComment {
                            code: rating.code(),
                            objective: &objective_name(live, objective, self.lang),
                        }
                        .say(self.lang),
                        String::new(),
                    ),
                    None => {
                        self.evaluate(live, Edit::Unrate { objective: id_of });
                    }
                }
            }
            Step::AnalyseWhich => self.input(
                Purpose::Evaluate(Step::Analysis { observation: id }),
                &Said::AnalysisOf { observation: id }.say(self.lang),
                String::new(),
            ),
            Step::FeedbackTeam => {
                let form = Feedback {
                    team: (id != u32::MAX).then(|| s.team(TeamId(id)).id.clone()),
                    ..Feedback::default()
                };
                self.input(
                    Purpose::Evaluate(Step::FeedbackText {
                        form,
                        field: FormText::Role,
                    }),
                    say(
                        self.lang,
                        "Feedback form: the participant's role (Enter to leave it out)",
                    ),
                    String::new(),
                );
            }
            Step::FeedbackScore { mut form } => {
                form.scores.push(id as u8);
                self.next_score(form);
            }
            Step::ReportFormat => {
                let format = FORMATS[(id as usize).min(FORMATS.len() - 1)].0;
                let path = default_report_path(live, format);
                self.input(
                    Purpose::Evaluate(Step::ReportPath { format: id }),
                    say(
                        self.lang,
                        "Write the report to (a file on the machine running kunren)",
                    ),
                    path.display().to_string(),
                );
            }
            Step::RateComment { .. }
            | Step::Players { .. }
            | Step::HotWash { .. }
            | Step::Observe { .. }
            | Step::Analysis { .. }
            | Step::RootCause { .. }
            | Step::FeedbackText { .. }
            | Step::ReportPath { .. } => {}
        }
    }

    pub(super) fn evaluate_text(&mut self, live: &mut Live, step: Step, text: String) {
        let s = live.scenario().clone();
        let team_id = |t: u32| s.team(TeamId(t)).id.clone();
        match step {
            Step::RateComment { objective, rating } => {
                self.evaluate(
                    live,
                    Edit::Rate {
                        objective: s.objectives[objective as usize].id.clone(),
                        rating,
                        comment: (!text.is_empty()).then_some(text),
                    },
                );
            }
            Step::Players { team } => {
                self.evaluate(
                    live,
                    Edit::Players {
                        team: team_id(team),
                        names: text,
                    },
                );
            }
            Step::HotWash { team, side } => {
                self.evaluate(
                    live,
                    Edit::HotWash {
                        team: team_id(team),
                        side,
                        text,
                    },
                );
            }
            Step::Observe { objective } if !text.is_empty() => {
                let capability = s.objectives[objective as usize].capability;
                self.submit(
                    live,
                    Command::Note {
                        text,
                        objective: Some(ObjectiveId(objective)),
                        capability,
                    },
                );
            }
            Step::Analysis { observation } if !text.is_empty() => self.input(
                Purpose::Evaluate(Step::RootCause {
                    observation,
                    analysis: text,
                }),
                &Said::RootCauseOf { observation }.say(self.lang),
                String::new(),
            ),
            Step::RootCause {
                observation,
                analysis,
            } => {
                self.evaluate(
                    live,
                    Edit::Analyse {
                        observation,
                        analysis,
                        root_cause: text,
                    },
                );
            }
            Step::FeedbackText { mut form, field } => match field {
                FormText::Role => {
                    form.role = text;
                    self.next_score(form);
                }
                FormText::Strengths => {
                    form.strengths = text;
                    self.input(
                        Purpose::Evaluate(Step::FeedbackText {
                            form,
                            field: FormText::Improvements,
                        }),
                        say(
                            self.lang,
                            "Feedback: what should be improved (Enter to leave it out)",
                        ),
                        String::new(),
                    );
                }
                FormText::Improvements => {
                    form.improvements = text;
                    self.input(
                        Purpose::Evaluate(Step::FeedbackText {
                            form,
                            field: FormText::Comments,
                        }),
                        say(
                            self.lang,
                            "Feedback: other comments (Enter to finish the form)",
                        ),
                        String::new(),
                    );
                }
                FormText::Comments => {
                    form.comments = text;
                    self.evaluate(live, Edit::Feedback(form));
                }
            },
            Step::ReportPath { format } if !text.is_empty() => {
                let format = FORMATS[(format as usize).min(FORMATS.len() - 1)].0;
                self.status = self.write_report(live, format, Path::new(&text));
            }
            Step::Observe { .. } | Step::Analysis { .. } | Step::ReportPath { .. } => {
                self.status = say(self.lang, "Nothing written: the text was empty").into();
            }
            Step::Rate { .. }
            | Step::AnalyseWhich
            | Step::FeedbackTeam
            | Step::FeedbackScore { .. }
            | Step::ReportFormat => {}
        }
    }

    /// The feedback form's next statement to score, or its free-text questions once all are.
    fn next_score(&mut self, form: Feedback) {
        let i = form.scores.len();
        let lang = self.lang;
        match words::feedback_statements(lang).get(i) {
            Some(statement) => {
                let options = (1..=5u32)
                    .rev()
                    .map(|n| {
                        let label = match n {
                            5 => "5 strongly agree",
                            4 => "4 agree",
                            3 => "3 neutral",
                            2 => "2 disagree",
                            _ => "1 strongly disagree",
                        };
                        (say(lang, label).to_string(), n)
                    })
                    .collect();
                let title = Said::FeedbackStatement {
                    n: i + 1,
                    of: FEEDBACK_STATEMENTS.len(),
                    statement,
                }
                .say(lang);
                self.pick(Step::FeedbackScore { form }, title, options);
            }
            None => self.input(
                Purpose::Evaluate(Step::FeedbackText {
                    form,
                    field: FormText::Strengths,
                }),
                say(lang, "Feedback: what went well (Enter to leave it out)"),
                String::new(),
            ),
        }
    }
}

/// The teams a rating, players or a hot wash can be about: every team but the white cell's own.
pub(crate) fn teams(live: &Live) -> Vec<(String, u32)> {
    teams_in(live, Lang::En)
}

/// The same, named in `lang`.
pub(crate) fn teams_in(live: &Live, lang: Lang) -> Vec<(String, u32)> {
    let s = live.scenario();
    s.teams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind != crate::scenario::model::TeamKind::WhiteCell)
        .map(|(i, _)| {
            let name = s.text(TextKey::TeamName(TeamId(i as u32)), lang);
            (name.to_string(), i as u32)
        })
        .collect()
}

/// An objective's name in `lang`.
fn objective_name(live: &Live, objective: u32, lang: Lang) -> String {
    live.scenario()
        .text(TextKey::ObjectiveName(ObjectiveId(objective)), lang)
        .to_string()
}

/// Where the console writes the report unless told otherwise: the current directory, named
/// after the session (or the scenario).
pub fn default_report_path(live: &Live, format: Format) -> PathBuf {
    let stem = live
        .session_name()
        .unwrap_or_else(|| live.scenario().meta.id.clone());
    let name = format!("{stem}.after-action.{}", format.extension());
    std::env::current_dir().map_or_else(|_| PathBuf::from(&name), |d| d.join(&name))
}

/// A report format by the name the command line gives it (md, html, pdf, pdf-letter).
pub fn format_named(name: &str) -> Option<Format> {
    match name {
        "md" | "markdown" => Some(Format::Markdown),
        "html" => Some(Format::Html),
        "pdf" | "pdf-a4" => Some(Format::Pdf(Paper::A4)),
        "pdf-letter" => Some(Format::Pdf(Paper::Letter)),
        _ => None,
    }
}
