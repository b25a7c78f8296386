//! The after-action report and improvement plan (HSEEP shape), read off a finished or stopped
//! [`Simulation`] plus what the facilitator adds (ratings, notes, strengths, plan rows).
//!
//! [`build`] only reads the World and returns a plain [`AfterAction`]; [`AfterAction::to_markdown`]
//! and [`AfterAction::to_html`] only read that. Where the Simulation came from (a headless run, a
//! console session, a replayed journal) does not matter here.

pub(crate) mod chart;
mod eeg;
mod evaluation;
pub(crate) mod html;
mod markdown;
mod pdf;
mod prose;
mod ratings;
pub mod words;

use std::collections::BTreeMap;

use serde::Serialize;

pub use eeg::{Guide, Guides, feedback_form_html, feedback_form_markdown, guides, words};
pub use evaluation::{
    Analysis, Edit, EditError, FEEDBACK_STATEMENTS, Feedback, Field, HotWash, SCORES, Side,
};
pub use pdf::{FONT_CANDIDATES, FONT_VAR, Paper, Pdf, PdfError};
pub use ratings::{Element, PlanRow, Rated, Rating, Ratings, RatingsError};

use crate::lang::Lang;
use crate::scenario::model::{
    ActionId, AssetCondition, AssetId, Condition, CoreCapability, Deadline, Effect, InjectId,
    Objective, ObjectiveId, Scenario, StageEffect, TeamId, TextKey,
};
use crate::sim::Simulation;
use crate::sim::facts::Facts;
use crate::sim::injects::InjectStatus;
use crate::sim::log::{Event, EventKind};
use crate::sim::objectives::{ObjectiveStatus, Outcome};
use crate::summary::{self, ServiceOutage};

/// A service counts as a long outage (an area for improvement) from this many hours, or when it
/// was still down at the end.
pub const LONG_OUTAGE_HOURS: f64 = 24.0;

/// What the report is built from besides the Simulation.
#[derive(Clone, Debug, Default)]
pub struct ReportInput {
    /// The facilitator's ratings, comments, strengths, areas and plan rows.
    pub ratings: Ratings,
    pub seed: Option<u64>,
    /// The decisions set or file the run followed, if any.
    pub decisions: Option<String>,
    /// The real date the exercise was run, when known (the ratings file's `date` wins).
    pub run_date: Option<String>,
    /// Kinds of event the timeline shows; empty means every key kind.
    pub timeline: Vec<KeyKind>,
    /// The language to write it in: its own words, the scenario's texts and the engine's lines.
    pub lang: Lang,
}

/// What a report is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Pdf(Paper),
}

impl Format {
    /// The file name extension it is written with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf(_) => "pdf",
        }
    }
}

/// A report written out: its bytes, and a warning for the reader if the PDF's font lacked some
/// characters.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warning: Option<String>,
}

impl AfterAction {
    /// Writes the report in `format` (the console and `kunren report` both write it here).
    pub fn write_as(&self, format: Format) -> Result<Rendered, PdfError> {
        Ok(match format {
            Format::Markdown => Rendered {
                bytes: self.to_markdown().into_bytes(),
                warning: None,
            },
            Format::Html => Rendered {
                bytes: self.to_html().into_bytes(),
                warning: None,
            },
            Format::Pdf(paper) => {
                let pdf = self.to_pdf(paper)?;
                let warning = (!pdf.missing.is_empty()).then(|| {
                    let chars: String = pdf.missing.iter().take(20).collect();
                    format!(
                        "the font {} has no glyph for {} character(s) of the report ({chars}); they show as blank boxes. Install Debian's fonts-ipafont-gothic (Japanese) or set {FONT_VAR} to a font that has them.",
                        pdf.font.display(),
                        pdf.missing.len(),
                    )
                });
                Rendered {
                    bytes: pdf.bytes,
                    warning,
                }
            }
        })
    }
}

/// The whole report, ready to render.
#[derive(Clone, Debug, Serialize)]
pub struct AfterAction {
    pub overview: Overview,
    pub objectives: Vec<Assessment>,
    pub timeline: Vec<KeyEvent>,
    pub measures: Vec<MeasureSeries>,
    pub services: Vec<ServiceOutage>,
    /// Each service's name for readers, in the order of `services`, in the report's language.
    pub service_names: Vec<String>,
    /// Evaluator notes for each objective that has any, in the scenario's objective order.
    pub notes: Vec<NoteGroup>,
    /// Notes not tied to an objective.
    pub general_notes: Vec<Note>,
    /// What exercise control did: injects fired, withdrawn, held back or rewritten; rulings and
    /// rolls of the dice; in the order they were given.
    pub control: Vec<ControlEntry>,
    /// What the room said at the hot wash, team by team (teams with nothing said left out).
    pub hot_wash: Vec<TeamHotWash>,
    /// The participants' feedback forms, summed up.
    pub feedback: FeedbackSummary,
    pub strengths: Vec<Finding>,
    pub areas: Vec<Finding>,
    pub plan: Vec<PlanRow>,
    /// Time-axis ticks for charts: (tick, "Tue 04 Jul 06:30").
    pub axis: Vec<(u32, String)>,
    pub last_tick: u32,
    /// The language it is written in (`ReportInput::lang`).
    #[serde(skip)]
    pub lang: Lang,
}

#[derive(Clone, Debug, Serialize)]
pub struct Overview {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub start: String,
    pub end: String,
    /// Which clock the report's times are on: "the exercise's clock, UTC+09:00; ...".
    pub times: String,
    /// Whether the run reached the scenario's end or was stopped earlier.
    pub finished: bool,
    pub run_date: Option<String>,
    pub seed: Option<u64>,
    pub decisions: Option<String>,
    pub participants: Vec<Participant>,
    pub learning_objectives: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Participant {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub played_by: String,
    /// Who played it, as the facilitator recorded it.
    pub players: Option<String>,
}

/// One objective's rating and the evidence for it.
#[derive(Clone, Debug, Serialize)]
pub struct Assessment {
    pub id: String,
    pub name: String,
    pub team: String,
    pub team_name: String,
    pub deadline: String,
    pub status: Outcome,
    pub rating: Rating,
    pub automatic: Rating,
    /// True when the facilitator's rating replaced the automatic one.
    pub by_facilitator: bool,
    pub evidence: String,
    pub comment: Option<String>,
    /// The core capability the objective exercises, when the scenario names one.
    pub capability: Option<String>,
    /// Why a missed objective was missed, or a met one fell short, for the improvement plan.
    pub cause: Option<Miss>,
}

/// Why an objective was missed or fell short, as the evidence found it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Miss {
    /// None of the actions it asks for was started.
    NeverAttempted { actions: Vec<String> },
    /// An action it asks for was started but not done in time.
    NotFinished { action: String, started: String },
    /// An action it asks for was done after the deadline, this long after it.
    Late { action: String, by: String },
    /// The goal names no action, and did not hold in time.
    GoalDidNotHold,
    /// Met, but the systems came back while an intruder still held these of the team's assets.
    IntruderInside { held: Vec<String> },
}

/// Families of key events, for filtering the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum KeyKind {
    Inject,
    Action,
    Impact,
    Detection,
    Objective,
    Adjudication,
}

impl KeyKind {
    pub const ALL: [KeyKind; 6] = [
        KeyKind::Inject,
        KeyKind::Action,
        KeyKind::Impact,
        KeyKind::Detection,
        KeyKind::Objective,
        KeyKind::Adjudication,
    ];

    /// The key kind of a log entry; `None` for entries the report's timeline leaves out.
    pub fn of(kind: EventKind) -> Option<KeyKind> {
        match kind {
            EventKind::InjectDelivered => Some(KeyKind::Inject),
            EventKind::ActionCompleted => Some(KeyKind::Action),
            EventKind::Impact => Some(KeyKind::Impact),
            EventKind::Detection => Some(KeyKind::Detection),
            EventKind::ObjectiveMet | EventKind::ObjectiveMissed => Some(KeyKind::Objective),
            EventKind::Adjudication => Some(KeyKind::Adjudication),
            EventKind::ExerciseStarted
            | EventKind::PhaseBegan
            | EventKind::Message
            | EventKind::InjectSkipped
            | EventKind::CampaignStarted
            | EventKind::CampaignHalted
            | EventKind::StageBegan
            | EventKind::StageSucceeded
            | EventKind::StageFailed
            | EventKind::AssetChanged
            | EventKind::ActionRequested
            | EventKind::ActionStarted
            | EventKind::ActionRefused
            | EventKind::Authorisation
            | EventKind::IntelReceived
            | EventKind::IntelDeclassified
            | EventKind::Reported
            | EventKind::Note
            | EventKind::Control
            | EventKind::Law
            | EventKind::ExerciseEnded => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            KeyKind::Inject => "inject",
            KeyKind::Action => "action",
            KeyKind::Impact => "impact",
            KeyKind::Detection => "detection",
            KeyKind::Objective => "objective",
            KeyKind::Adjudication => "adjudication",
        }
    }

    /// Parses one name as `name` writes it.
    pub fn parse(text: &str) -> Option<KeyKind> {
        KeyKind::ALL
            .into_iter()
            .find(|k| k.name() == text.trim().to_ascii_lowercase())
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyEvent {
    pub tick: u32,
    pub time: String,
    pub kind: KeyKind,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureSeries {
    pub id: String,
    /// The measure's name for readers in the report's language ([`Scenario::measure_title`]).
    pub name: String,
    pub unit: String,
    /// One value per tick, from tick 0.
    pub values: Vec<f64>,
    pub start: f64,
    pub end: f64,
    pub min: f64,
    pub max: f64,
}

/// An observation: a note written during play, numbered (O1, O2...), with the capability it
/// observes and the analysis entered since.
#[derive(Clone, Debug, Serialize)]
pub struct Note {
    pub number: u32,
    pub time: String,
    pub text: String,
    pub capability: Option<String>,
    pub analysis: Option<Analysis>,
}

impl Note {
    /// The observation on one line: "O3, Tue 04 Jul 09:00 (Cybersecurity): text. Analysis: ...
    /// Root cause: ...".
    pub fn line(&self, lang: Lang) -> String {
        let capability = self
            .capability
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let mut line = format!(
            "O{}, {}{capability}: {}",
            self.number,
            self.time,
            self.text.replace('\n', " ")
        );
        if let Some(a) = &self.analysis {
            line.push_str(&format!(
                " {}: {}",
                words::say(lang, "Analysis"),
                a.analysis
            ));
            if !a.root_cause.is_empty() {
                line.push_str(&format!(
                    " {}: {}",
                    words::say(lang, "Root cause"),
                    a.root_cause
                ));
            }
        }
        line
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct NoteGroup {
    pub objective: String,
    pub name: String,
    /// The name of the team the objective belongs to.
    pub team: String,
    pub notes: Vec<Note>,
}

/// The hot wash for one team.
#[derive(Clone, Debug, Serialize)]
pub struct TeamHotWash {
    pub team: String,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
}

/// The participants' feedback: how many forms, each statement's mean score and how many scored
/// it, and what they wrote.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FeedbackSummary {
    pub forms: usize,
    pub statements: Vec<(String, f64, usize)>,
    /// (who: "Team name, role", what: "strength" | "area for improvement" | "comment", text).
    pub remarks: Vec<(String, &'static str, String)>,
}

fn hot_wash(scenario: &Scenario, ratings: &Ratings, lang: Lang) -> Vec<TeamHotWash> {
    scenario
        .teams
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let h = ratings.hot_wash.get(&t.id)?;
            Some(TeamHotWash {
                team: prose::team(scenario, TeamId(i as u32), lang),
                strengths: h.strengths.clone(),
                improvements: h.improvements.clone(),
            })
        })
        .collect()
}

fn feedback(scenario: &Scenario, ratings: &Ratings, lang: Lang) -> FeedbackSummary {
    if ratings.feedback.is_empty() {
        return FeedbackSummary::default();
    }
    let statements = words::feedback_statements(lang)
        .iter()
        .zip(ratings.feedback_means())
        .map(|(s, (mean, n))| (s.to_string(), mean, n))
        .collect();
    let mut remarks = Vec::new();
    for f in &ratings.feedback {
        let team = f
            .team
            .as_deref()
            .and_then(|id| scenario.team_index(id))
            .map_or_else(
                || words::say(lang, "Observer").to_string(),
                |t| prose::team(scenario, t, lang),
            );
        let who = prose::who(&team, &f.role, lang);
        for (what, text) in [
            ("strength", &f.strengths),
            ("area for improvement", &f.improvements),
            ("comment", &f.comments),
        ] {
            if !text.trim().is_empty() {
                remarks.push((who.clone(), words::say(lang, what), text.clone()));
            }
        }
    }
    FeedbackSummary {
        forms: ratings.feedback.len(),
        statements,
        remarks,
    }
}

/// One entry of the control log.
#[derive(Clone, Debug, Serialize)]
pub struct ControlEntry {
    pub time: String,
    /// "MSEL" for an inject fired, withdrawn, held back or rewritten; "ruling" for a ruling or
    /// a roll.
    pub what: &'static str,
    pub text: String,
}

/// The control log: the white cell's hand on the exercise, read off the log in `lang`.
fn control_log(sim: &Simulation, lang: Lang) -> Vec<ControlEntry> {
    let scenario = sim.scenario();
    sim.log()
        .events()
        .iter()
        .filter_map(|e| {
            let what = match e.kind {
                EventKind::Control | EventKind::InjectSkipped => "MSEL",
                EventKind::Adjudication => "ruling",
                // The crisis level and notices owed after the fact: the facilitator's to watch.
                EventKind::Law => "law",
                EventKind::ExerciseStarted
                | EventKind::PhaseBegan
                | EventKind::InjectDelivered
                | EventKind::Message
                | EventKind::CampaignStarted
                | EventKind::CampaignHalted
                | EventKind::StageBegan
                | EventKind::StageSucceeded
                | EventKind::StageFailed
                | EventKind::Detection
                | EventKind::Impact
                | EventKind::AssetChanged
                | EventKind::ActionRequested
                | EventKind::ActionStarted
                | EventKind::ActionCompleted
                | EventKind::ActionRefused
                | EventKind::Authorisation
                | EventKind::IntelReceived
                | EventKind::IntelDeclassified
                | EventKind::Reported
                | EventKind::ObjectiveMet
                | EventKind::ObjectiveMissed
                | EventKind::Note
                | EventKind::ExerciseEnded => return None,
            };
            Some(ControlEntry {
                time: scenario.clock.label_lang(e.tick, lang),
                what: words::say(lang, what),
                text: sim.read(e, lang).0,
            })
        })
        .collect()
}

/// A strength or an area for improvement.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub text: String,
    pub by_facilitator: bool,
}

/// The automatic HSEEP rating of one objective (see `docs/after-action-report.md`):
/// met within the first three quarters of its window, or with no window → P; met in the last
/// quarter → S; missed but an expected action was completed after the deadline → M; missed
/// otherwise → U; not applicable → N/A. An objective still pending (a stopped run) is N/A.
pub fn rate(status: ObjectiveStatus, window: Option<(u32, u32)>, taken_late: bool) -> Rating {
    match status {
        ObjectiveStatus::Met(t) => match window {
            Some((from, due))
                if due > from
                    && 4 * u64::from(t.saturating_sub(from)) > 3 * u64::from(due - from) =>
            {
                Rating::S
            }
            _ => Rating::P,
        },
        ObjectiveStatus::Missed(_) if taken_late => Rating::M,
        ObjectiveStatus::Missed(_) => Rating::U,
        ObjectiveStatus::NotApplicable | ObjectiveStatus::Pending { .. } => Rating::NotApplicable,
    }
}

/// The (team, action) pairs a goal asks to be done, in the order written.
pub fn done_leaves(cond: &Condition) -> Vec<(TeamId, ActionId)> {
    let mut out = Vec::new();
    collect_done(cond, &mut out);
    out
}

fn collect_done(cond: &Condition, out: &mut Vec<(TeamId, ActionId)>) {
    match cond {
        Condition::Done(t, a) | Condition::DoneOn(t, a, _) | Condition::Received(_, t, a) => {
            if !out.contains(&(*t, *a)) {
                out.push((*t, *a));
            }
        }
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| collect_done(c, out)),
        // An action under `Not` is one the goal asks not to be done.
        Condition::Not(_)
        | Condition::Always
        | Condition::After(_)
        | Condition::Phase(_)
        | Condition::Asset(..)
        | Condition::Stage(_)
        | Condition::Detected(..)
        | Condition::Delivered(_)
        | Condition::Holds(..)
        | Condition::Above(..)
        | Condition::Below(..)
        | Condition::Chance(_)
        | Condition::Halted(_)
        | Condition::Granted(..)
        | Condition::DetectedAny(..)
        | Condition::Level(_)
        | Condition::NoticeMissed(..) => {}
    }
}

/// Builds the report. Only reads.
pub fn build(sim: &Simulation, input: &ReportInput) -> AfterAction {
    let scenario = sim.scenario();
    let clock = &scenario.clock;
    let events = sim.log().events();
    let last_tick = sim.tick().unwrap_or(0);
    let book = &sim.state().objectives;
    let ratings = &input.ratings;
    let mut run = summary::summarise(sim, input.seed.unwrap_or(0), None, 1);

    let lang = input.lang;
    for service in &mut run.services {
        service.relabel(clock, lang);
    }
    let text = |key| scenario.text(key, lang).to_string();
    let overview = Overview {
        id: scenario.meta.id.clone(),
        title: text(TextKey::Title),
        summary: text(TextKey::Summary),
        start: clock.label_lang(0, input.lang),
        end: clock.label_lang(last_tick, input.lang),
        times: times_note(scenario, lang),
        finished: sim.is_finished(),
        run_date: ratings.date.clone().or_else(|| input.run_date.clone()),
        seed: input.seed,
        decisions: input.decisions.clone(),
        participants: scenario
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| Participant {
                id: t.id.clone(),
                name: text(TextKey::TeamName(TeamId(i as u32))),
                kind: words::say(lang, &format!("{:?}", t.kind)).to_string(),
                played_by: words::say(lang, &format!("{:?}", t.played_by)).to_string(),
                players: ratings.players.get(&t.id).cloned(),
            })
            .collect(),
        learning_objectives: scenario.learning_objectives(lang),
    };

    let objectives: Vec<Assessment> = scenario
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let status = book
                .status
                .get(i)
                .copied()
                .unwrap_or(ObjectiveStatus::NotApplicable);
            let anchor = book.anchors.get(i).copied().flatten();
            assess(
                sim,
                lang,
                anchor,
                i,
                o,
                status,
                book.intruder_inside.get(i).map_or(&[][..], Vec::as_slice),
                ratings.objectives.get(&o.id),
            )
        })
        .collect();

    let mut objectives = objectives;
    let injects = &sim.state().injects;
    for (i, a) in objectives.iter_mut().enumerate() {
        if a.status == Outcome::Met {
            continue;
        }
        for (j, inject) in scenario.injects.iter().enumerate() {
            if inject.objective.map(|o| o.index()) == Some(i)
                && let Some(InjectStatus::Skipped(t)) = injects.status.get(j)
            {
                a.evidence
                    .push_str(&prose::withdrawn(scenario, InjectId(j as u32), *t, lang));
            }
        }
    }

    let wanted = |k: KeyKind| input.timeline.is_empty() || input.timeline.contains(&k);
    let timeline = events
        .iter()
        .filter_map(|e| {
            let kind = KeyKind::of(e.kind)?;
            wanted(kind).then(|| KeyEvent {
                tick: e.tick,
                time: clock.label_lang(e.tick, input.lang),
                kind,
                text: sim.read(e, lang).0,
            })
        })
        .collect();

    let history = &sim.state().history;
    let measures: Vec<MeasureSeries> = run
        .measures
        .iter()
        .zip(&history.series)
        .map(|(m, values)| MeasureSeries {
            id: m.id.clone(),
            name: scenario.measure_title_of(&m.id, lang),
            unit: scenario
                .measure_unit_of(&m.id, lang)
                .unwrap_or_else(|| m.unit.clone()),
            values: values.clone(),
            start: m.start,
            end: m.end,
            min: if values.is_empty() { 0.0 } else { m.min },
            max: if values.is_empty() { 0.0 } else { m.max },
        })
        .collect();

    let (notes, general_notes) = notes(scenario, events, ratings, lang);
    let hot_wash = hot_wash(scenario, ratings, lang);
    let feedback = feedback(scenario, ratings, lang);
    let control = control_log(sim, lang);

    let mut strengths: Vec<Finding> = objectives
        .iter()
        .filter(|a| a.rating == Rating::P)
        .map(|a| Finding {
            text: prose::Strength::Objective {
                name: &a.name,
                evidence: &a.evidence,
            }
            .words(lang),
            by_facilitator: false,
        })
        .collect();
    strengths.extend(run.campaigns.iter().filter(|c| c.halted).map(|c| {
        // English names the campaign by its id, as the report always has; Japanese by its name.
        let name = match (lang, scenario.campaign_index(&c.id)) {
            (Lang::Ja, Some(i)) => scenario.text(TextKey::CampaignName(i), lang),
            _ => c.id.as_str(),
        };
        Finding {
            text: prose::Strength::Halted { campaign: name }.words(lang),
            by_facilitator: false,
        }
    }));
    strengths.extend(ratings.strengths.iter().map(|s| Finding {
        text: s.clone(),
        by_facilitator: true,
    }));

    let (mut areas, mut plan) =
        automatic_areas(scenario, &objectives, &run.services, &measures, lang);
    let service_names = run
        .services
        .iter()
        .map(|s| scenario.measure_title_of(&s.measure, lang))
        .collect();
    areas.extend(ratings.areas_for_improvement.iter().map(|s| Finding {
        text: s.clone(),
        by_facilitator: true,
    }));
    for row in &ratings.improvement_plan {
        let replaced = row
            .objective
            .as_ref()
            .and_then(|id| plan.iter().position(|r| r.objective.as_ref() == Some(id)));
        match replaced {
            Some(i) => plan[i] = row.clone(),
            None => plan.push(row.clone()),
        }
    }

    AfterAction {
        overview,
        objectives,
        timeline,
        measures,
        services: run.services,
        service_names,
        notes,
        general_notes,
        control,
        hot_wash,
        feedback,
        strengths,
        areas,
        plan,
        axis: chart::axis(last_tick, 5)
            .into_iter()
            .map(|t| (t, clock.label_lang(t, input.lang)))
            .collect(),
        last_tick,
        lang,
    }
}

/// The window an objective's deadline gives it in this run: (from, due) in ticks; `anchor` is
/// when the event a `Within` deadline counts from happened.
fn window(o: &Objective, anchor: Option<u32>) -> Option<(u32, u32)> {
    match &o.deadline {
        Some(Deadline::By(t)) => Some((0, *t)),
        Some(Deadline::Within(d, _)) => anchor.map(|a| (a, a.saturating_add(*d))),
        // Held throughout is met in full or not at all.
        Some(Deadline::Maintain(_)) | None => None,
    }
}

/// What doing the objective takes: the actions its goal names, then those its injects expect.
/// Which clock a report's times are on: the exercise's offset, and the teams that read their
/// own zone at their seats.
fn times_note(scenario: &Scenario, lang: Lang) -> String {
    let offset = scenario.clock.start.offset();
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    let utc = format!("UTC{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs());
    let mut note = match lang {
        Lang::En => format!("the exercise's clock, {utc}"),
        Lang::Ja => format!("演習の時計（{utc}）"),
    };
    let own: Vec<String> = scenario
        .teams
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let name = scenario.text(TextKey::TeamName(TeamId(i as u32)), lang);
            t.zone.as_ref().map(|z| format!("{name} ({})", z.name))
        })
        .collect();
    if !own.is_empty() {
        note.push_str(&match lang {
            Lang::En => format!(
                "; these teams read their own zone at their seats: {}",
                own.join(", ")
            ),
            Lang::Ja => format!(
                "。次のチームは各自の席で自国の時間帯で表示: {}",
                own.join("、")
            ),
        });
    }
    note
}

/// An objective's deadline in words in `lang`.
pub(crate) fn deadline_in(scenario: &Scenario, o: &Objective, lang: Lang) -> String {
    let clock = &scenario.clock;
    match lang {
        Lang::En => deadline_words(scenario, o),
        Lang::Ja => match &o.deadline {
            Some(Deadline::By(t)) => format!("{}まで", clock.label_lang(*t, Lang::Ja)),
            Some(Deadline::Within(d, _)) => {
                format!("契機から{}以内", clock.elapsed(*d).say(Lang::Ja))
            }
            Some(Deadline::Maintain(None)) => "全期間維持".to_string(),
            Some(Deadline::Maintain(Some(t))) => {
                format!("{}まで維持", clock.label_lang(*t, Lang::Ja))
            }
            None => "終了まで".to_string(),
        },
    }
}

/// An objective's deadline in words: "by Tue 04 Jul 18:00", "within 1d of its event".
pub(crate) fn deadline_words(scenario: &Scenario, o: &Objective) -> String {
    let clock = &scenario.clock;
    match &o.deadline {
        Some(Deadline::By(t)) => format!("by {}", clock.label(*t)),
        Some(Deadline::Within(d, _)) => format!("within {} of its event", clock.elapsed(*d)),
        Some(Deadline::Maintain(None)) => "held throughout".to_string(),
        Some(Deadline::Maintain(Some(t))) => format!("held until {}", clock.label(*t)),
        None => "by the end".to_string(),
    }
}

/// The actions an objective asks of its teams: those its goal names, and those its cue injects
/// expect.
pub(crate) fn expected_actions(
    scenario: &Scenario,
    index: usize,
    o: &Objective,
) -> Vec<(TeamId, ActionId)> {
    let mut expected = done_leaves(&o.goal);
    for inject in &scenario.injects {
        if inject.objective.map(|x| x.index()) == Some(index)
            && let Some(a) = inject.expects
            && !expected.iter().any(|(_, x)| *x == a)
        {
            expected.push((o.team, a));
        }
    }
    expected
}

/// The automatic rating of objective `index` in a run whose ledger is `facts` (`anchor` as in
/// the objective book), exactly as the report gives it, without building the report.
pub fn automatic_rating(
    scenario: &Scenario,
    facts: &Facts,
    anchor: Option<u32>,
    inside: &[AssetId],
    index: usize,
    status: ObjectiveStatus,
) -> Rating {
    let o = &scenario.objectives[index];
    let late = match status {
        ObjectiveStatus::Missed(t) => expected_actions(scenario, index, o)
            .iter()
            .any(|p| facts.done.get(p).is_some_and(|d| *d > t)),
        _ => false,
    };
    hold_back_hollow(rate(status, window(o, anchor), late), scenario, o, inside)
}

/// Whether an objective's goal is a recovery: an asset's state, a service or measure level, or
/// an action that restores or reconnects a system.
pub fn is_recovery(scenario: &Scenario, cond: &Condition) -> bool {
    match cond {
        Condition::Asset(_, state) => *state == AssetCondition::Normal,
        Condition::Above(..) => true,
        Condition::Done(_, a) | Condition::DoneOn(_, a, _) => scenario
            .action(*a)
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Restore | Effect::Reconnect)),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(|c| is_recovery(scenario, c)),
        Condition::Not(_)
        | Condition::Always
        | Condition::After(_)
        | Condition::Phase(_)
        | Condition::Stage(_)
        | Condition::Detected(..)
        | Condition::Delivered(_)
        | Condition::Holds(..)
        | Condition::Below(..)
        | Condition::Chance(_)
        | Condition::Halted(_)
        | Condition::Granted(..)
        | Condition::DetectedAny(..)
        | Condition::Level(_)
        | Condition::Received(..)
        | Condition::NoticeMissed(..) => false,
    }
}

/// No hollow ratings: a recovery met while an intruder still held the team's systems brought
/// them back for the intruder too, so it is rated M at best (`inside`: the team's assets the
/// intruder held when the objective was met).
fn hold_back_hollow(
    rating: Rating,
    scenario: &Scenario,
    o: &Objective,
    inside: &[AssetId],
) -> Rating {
    let hollow = !inside.is_empty() && is_recovery(scenario, &o.goal);
    match rating {
        Rating::P | Rating::S if hollow => Rating::M,
        other => other,
    }
}

/// Rates one objective and says why, in `lang`; `anchor` is when the event a `Within` deadline
/// counts from happened.
#[allow(clippy::too_many_arguments)]
fn assess(
    sim: &Simulation,
    lang: Lang,
    anchor: Option<u32>,
    index: usize,
    o: &Objective,
    status: ObjectiveStatus,
    inside: &[AssetId],
    given: Option<&Rated>,
) -> Assessment {
    let scenario = sim.scenario();
    let facts = sim.facts();
    let events = sim.log().events();
    let clock = &scenario.clock;
    let window = window(o, anchor);
    let expected = expected_actions(scenario, index, o);
    let done_at = |pair: &(TeamId, ActionId)| facts.done.get(pair).copied();
    let action_name = |a: ActionId| scenario.text(TextKey::ActionName(a), lang).to_string();
    let mut cause = None;
    let (outcome, evidence, late) = match status {
        ObjectiveStatus::Met(t) => {
            let by = expected
                .iter()
                .filter_map(|p| done_at(p).filter(|d| *d <= t).map(|d| (d, *p)))
                .max_by_key(|(d, _)| *d);
            let how = match by {
                Some((d, (team, a))) => prose::How::Completed {
                    line: completion_line(sim, lang, d, team, a),
                    at: d,
                },
                None => prose::How::GoalHeld,
            };
            let held = if !inside.is_empty() && is_recovery(scenario, &o.goal) {
                cause = Some(Miss::IntruderInside {
                    held: inside
                        .iter()
                        .map(|a| scenario.text(TextKey::AssetName(*a), lang).to_string())
                        .collect(),
                });
                inside.to_vec()
            } else {
                Vec::new()
            };
            let evidence = prose::Evidence::Met {
                at: t,
                how,
                window,
                held,
            };
            (Outcome::Met, evidence, false)
        }
        ObjectiveStatus::Missed(t) => {
            let late: Vec<(u32, ActionId)> = expected
                .iter()
                .filter_map(|p| done_at(p).filter(|d| *d > t).map(|d| (d, p.1)))
                .collect();
            // Found by the log's English line, whatever the report's language.
            let started = expected.iter().find_map(|(team, a)| {
                let prefix = format!(
                    "{} started \"{}\"",
                    scenario.team(*team).name,
                    scenario.action(*a).name
                );
                events
                    .iter()
                    .find(|e| e.kind == EventKind::ActionStarted && e.text.starts_with(&prefix))
                    .map(|e| (e.tick, *a))
            });
            let (why, miss) = if let Some((d, a)) = late.first() {
                (
                    prose::Why::Late {
                        action: *a,
                        done: *d,
                    },
                    Miss::Late {
                        action: action_name(*a),
                        by: clock.elapsed(d.saturating_sub(t)).say(lang),
                    },
                )
            } else if let Some((s, a)) = started {
                (
                    prose::Why::NotFinished {
                        action: a,
                        started: s,
                    },
                    Miss::NotFinished {
                        action: action_name(a),
                        started: clock.label_lang(s, lang),
                    },
                )
            } else if expected.is_empty() {
                (prose::Why::GoalDidNotHold, Miss::GoalDidNotHold)
            } else {
                // Each action once, though the goal may accept it from more than one team.
                let mut actions: Vec<ActionId> = Vec::new();
                for (_, a) in &expected {
                    if !actions.contains(a) {
                        actions.push(*a);
                    }
                }
                (
                    prose::Why::NeverAttempted {
                        actions: actions.clone(),
                    },
                    Miss::NeverAttempted {
                        actions: actions.into_iter().map(action_name).collect(),
                    },
                )
            };
            cause = Some(miss);
            let evidence = prose::Evidence::Missed {
                at: t,
                at_end: t >= scenario.clock.end_tick && window.is_none(),
                why,
            };
            (Outcome::Missed, evidence, !late.is_empty())
        }
        ObjectiveStatus::NotApplicable => (
            Outcome::NotApplicable,
            prose::Evidence::NotApplicable,
            false,
        ),
        ObjectiveStatus::Pending { .. } => (
            Outcome::Pending,
            prose::Evidence::Pending { at: facts.tick },
            false,
        ),
    };
    let automatic = hold_back_hollow(rate(status, window, late), scenario, o, inside);
    Assessment {
        id: o.id.clone(),
        name: scenario
            .text(TextKey::ObjectiveName(ObjectiveId(index as u32)), lang)
            .to_string(),
        team: scenario.team(o.team).id.clone(),
        team_name: prose::team(scenario, o.team, lang),
        deadline: deadline_in(scenario, o, lang),
        status: outcome,
        rating: given.map_or(automatic, |g| g.rating),
        automatic,
        by_facilitator: given.is_some(),
        evidence: evidence.words(scenario, lang),
        comment: given.and_then(|g| g.comment.clone()),
        capability: o.capability.map(|c| words::capability(lang, c).to_string()),
        cause,
    }
}

/// The log's own line for a completed action, read in `lang`, or a plain one if it cannot be
/// found.
fn completion_line(
    sim: &Simulation,
    lang: Lang,
    tick: u32,
    team: TeamId,
    action: ActionId,
) -> String {
    let scenario = sim.scenario();
    let (team_en, action_en) = (&scenario.team(team).name, &scenario.action(action).name);
    let quoted = format!("\"{action_en}\"");
    sim.log()
        .events()
        .iter()
        .find(|e| {
            e.kind == EventKind::ActionCompleted
                && e.tick == tick
                && e.text.starts_with(team_en.as_str())
                && e.text.contains(&quoted)
        })
        .map_or_else(
            || {
                prose::completed(
                    &prose::team(scenario, team, lang),
                    scenario.text(TextKey::ActionName(action), lang),
                    lang,
                )
            },
            |e| match e.about {
                Some(_) => sim.read(e, lang).0,
                // Only a deed done before the exercise is logged without its typed form.
                None => prose::done_before(
                    &e.text,
                    &prose::team(scenario, team, lang),
                    scenario.text(TextKey::ActionName(action), lang),
                    lang,
                ),
            },
        )
}

/// Observations (the facilitators' and evaluators' notes), numbered O1, O2... in the order they
/// were written, grouped by objective, each with its capability and any analysis entered since.
fn notes(
    scenario: &Scenario,
    events: &[Event],
    ratings: &Ratings,
    lang: Lang,
) -> (Vec<NoteGroup>, Vec<Note>) {
    let mut by_objective: BTreeMap<usize, Vec<Note>> = BTreeMap::new();
    let mut general = Vec::new();
    for (number, e, parts) in observations(events) {
        let objective = parts
            .objective
            .and_then(|id| scenario.objectives.iter().position(|o| o.id == id));
        let capability = parts
            .capability
            .map(|c| words::capability_named(lang, c))
            .or_else(|| {
                objective
                    .and_then(|i| scenario.objectives[i].capability)
                    .map(|c| words::capability(lang, c).to_string())
            });
        let note = Note {
            number,
            time: scenario.clock.label_lang(e.tick, lang),
            text: parts.text.to_string(),
            capability,
            analysis: ratings.analyses.get(&number).cloned(),
        };
        match objective {
            Some(i) => by_objective.entry(i).or_default().push(note),
            None => general.push(note),
        }
    }
    let groups = by_objective
        .into_iter()
        .map(|(i, notes)| NoteGroup {
            objective: scenario.objectives[i].id.clone(),
            name: scenario
                .text(TextKey::ObjectiveName(ObjectiveId(i as u32)), lang)
                .to_string(),
            team: prose::team(scenario, scenario.objectives[i].team, lang),
            notes,
        })
        .collect();
    (groups, general)
}

/// A note's parts: the objective id and capability it names, if any, and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoteParts<'a> {
    pub objective: Option<&'a str>,
    pub capability: Option<&'a str>,
    pub text: &'a str,
}

/// The observations in a log, numbered from 1 in the order they were written: the numbers the
/// console shows and the report prints (O1, O2...), and that an analysis names.
pub fn observations(events: &[Event]) -> impl Iterator<Item = (u32, &Event, NoteParts<'_>)> {
    events
        .iter()
        .filter(|e| e.kind == EventKind::Note)
        .filter_map(|e| parse_note(&e.text).map(|parts| (e, parts)))
        .zip(1..)
        .map(|((e, parts), n)| (n, e, parts))
}

/// Splits a note entry ("Note [objective-id] (Capability): text", each part optional) into its
/// parts; `None` for a line that is not a note.
pub fn parse_note(line: &str) -> Option<NoteParts<'_>> {
    let mut rest = line.strip_prefix("Note")?;
    let mut objective = None;
    if let Some(r) = rest.strip_prefix(" [") {
        let (id, r) = r.split_once(']')?;
        objective = Some(id);
        rest = r;
    }
    let mut capability = None;
    if let Some(r) = rest.strip_prefix(" (") {
        let (name, r) = r.split_once(')')?;
        capability = Some(name);
        rest = r;
    }
    let text = rest.strip_prefix(": ")?;
    Some(NoteParts {
        objective,
        capability,
        text,
    })
}

/// The corrective action for an objective rated M or U, in `lang`, and the capability element
/// it lies in, from why it was missed: never attempted is a gap in the plan; started but not
/// finished in time, one of organisation (staff, authority, who does what); done late, one of
/// training.
fn corrective(a: &Assessment, lang: Lang) -> (String, Element) {
    let element = match &a.cause {
        Some(Miss::NotFinished { .. }) => Element::Organization,
        Some(Miss::Late { .. }) => Element::Training,
        Some(Miss::NeverAttempted { .. } | Miss::IntruderInside { .. } | Miss::GoalDidNotHold)
        | None => Element::Planning,
    };
    let remedy = prose::Remedy {
        miss: a.cause.as_ref(),
        team: &a.team_name,
        objective: &a.name,
        deadline: &a.deadline,
    };
    (remedy.words(lang), element)
}

/// Areas for improvement read off the results, each with its plan row, in `lang`.
fn automatic_areas(
    scenario: &Scenario,
    objectives: &[Assessment],
    services: &[ServiceOutage],
    measures: &[MeasureSeries],
    lang: Lang,
) -> (Vec<Finding>, Vec<PlanRow>) {
    let mut areas = Vec::new();
    let mut plan = Vec::new();
    let mut row = |issue: &prose::Issue<'_>, plan_row: PlanRow| {
        areas.push(Finding {
            text: issue.area(lang),
            by_facilitator: false,
        });
        plan.push(plan_row);
    };
    for a in objectives
        .iter()
        .filter(|a| matches!(a.rating, Rating::M | Rating::U))
    {
        let issue = prose::Issue::Objective {
            name: &a.name,
            deadline: &a.deadline,
            inside: matches!(a.cause, Some(Miss::IntruderInside { .. })),
            evidence: &a.evidence,
        };
        let (action, element) = corrective(a, lang);
        let plan_row = PlanRow {
            objective: Some(a.id.clone()),
            capability: a.capability.clone().unwrap_or_default(),
            issue: issue.words(lang),
            action,
            element: Some(element),
            owner: a.team_name.clone(),
            poc: String::new(),
            start: None,
            due: None,
        };
        row(&issue, plan_row);
    }
    for s in services.iter().filter(|s| {
        s.first_drop.is_some() && (s.recovered.is_none() || s.outage_hours >= LONG_OUTAGE_HOURS)
    }) {
        let service = scenario.measure_title_of(&s.measure, lang);
        let issue = prose::Issue::Outage {
            service: &service,
            outage: s,
        };
        let owner = scenario
            .service_measures
            .iter()
            .find(|m| m.id == s.measure)
            .and_then(|m| m.assets.first())
            .map(|a| prose::owner(scenario, *a, lang))
            .unwrap_or_default();
        let plan_row = PlanRow {
            objective: None,
            capability: words::capability(lang, CoreCapability::InfrastructureSystems).to_string(),
            issue: issue.words(lang),
            action: issue.remedy(lang).unwrap_or_default(),
            element: Some(Element::Equipment),
            owner,
            poc: String::new(),
            start: None,
            due: None,
        };
        row(&issue, plan_row);
    }
    if let Some(exposed) = measures
        .iter()
        .find(|m| m.id == "records_exposed" && m.end > 0.0)
    {
        let mut owners: Vec<String> = Vec::new();
        for c in &scenario.campaigns {
            for st in c.stages.iter().filter(|s| {
                matches!(
                    s.effect,
                    StageEffect::Exfiltrate { .. } | StageEffect::Drain { .. }
                )
            }) {
                for t in &st.targets {
                    let name = prose::owner(scenario, *t, lang);
                    if !owners.contains(&name) {
                        owners.push(name);
                    }
                }
            }
        }
        let issue = prose::Issue::Exposure {
            records: exposed.end,
        };
        let plan_row = PlanRow {
            objective: None,
            capability: words::capability(lang, CoreCapability::Cybersecurity).to_string(),
            issue: issue.words(lang),
            action: issue.remedy(lang).unwrap_or_default(),
            element: Some(Element::Planning),
            owner: owners.join(lang.pick(", ", "、")),
            poc: String::new(),
            start: None,
            due: None,
        };
        row(&issue, plan_row);
    }
    (areas, plan)
}

/// A measure's unit in `lang`: the built-in counts and fractions in the report's words, a
/// currency or a service's unit as the scenario writes it.
#[cfg(test)]
mod tests {
    use super::*;
    use ObjectiveStatus::*;

    #[test]
    fn early_is_p_last_quarter_is_s() {
        let w = Some((10, 50));
        assert_eq!(rate(Met(10), w, false), Rating::P);
        assert_eq!(
            rate(Met(40), w, false),
            Rating::P,
            "exactly three quarters in"
        );
        assert_eq!(rate(Met(41), w, false), Rating::S);
        assert_eq!(rate(Met(50), w, false), Rating::S);
        assert_eq!(rate(Met(3), None, false), Rating::P, "no deadline");
    }

    #[test]
    fn missed_is_m_when_done_late_else_u() {
        assert_eq!(rate(Missed(9), Some((0, 8)), true), Rating::M);
        assert_eq!(rate(Missed(9), Some((0, 8)), false), Rating::U);
        assert_eq!(rate(NotApplicable, None, false), Rating::NotApplicable);
        assert_eq!(
            rate(Pending { anchor: None }, None, false),
            Rating::NotApplicable
        );
    }

    #[test]
    fn notes_name_their_objective_and_capability_or_none() {
        let parts = |objective, capability, text| {
            Some(NoteParts {
                objective,
                capability,
                text,
            })
        };
        assert_eq!(
            parse_note("Note [close-entry]: slow"),
            parts(Some("close-entry"), None, "slow")
        );
        assert_eq!(
            parse_note("Note: good call"),
            parts(None, None, "good call")
        );
        assert_eq!(
            parse_note("Note [x] (Screening, Search, and Detection): saw it (late): yes"),
            parts(
                Some("x"),
                Some("Screening, Search, and Detection"),
                "saw it (late): yes"
            )
        );
        assert_eq!(
            parse_note("Note (Cybersecurity): ok"),
            parts(None, Some("Cybersecurity"), "ok")
        );
        assert_eq!(parse_note("Inject \"x\" rewritten"), None);
    }

    #[test]
    fn key_kinds_parse_by_name() {
        assert_eq!(KeyKind::parse(" Impact"), Some(KeyKind::Impact));
        assert_eq!(KeyKind::parse("nonsense"), None);
        assert_eq!(
            KeyKind::of(EventKind::ObjectiveMissed),
            Some(KeyKind::Objective)
        );
        assert_eq!(KeyKind::of(EventKind::StageBegan), None);
    }
}
