//! What evaluators carry before the day: an Exercise Evaluation Guide (HSEEP's EEG) for each
//! objective (its team, core capability, deadline, the critical tasks asked of the teams, what to
//! watch for, and blank fields for observations and a rating), and the participant feedback
//! form. Both read the scenario only; `kunren eeg` and `kunren feedback-form` write them.

use std::fmt::Write as _;

use serde::Serialize;

use super::evaluation::FEEDBACK_STATEMENTS;
use super::html::{CSS, esc};
use super::{deadline_words, expected_actions};
use crate::scenario::model::{Condition, Scenario, Trigger};

/// Blank rows for observations on each guide.
pub const OBSERVATION_ROWS: usize = 6;

/// The evaluation guides of a scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Guides {
    pub title: String,
    pub summary: String,
    pub learning_objectives: Vec<String>,
    pub guides: Vec<Guide>,
}

/// One objective's guide.
#[derive(Clone, Debug, Serialize)]
pub struct Guide {
    pub id: String,
    pub name: String,
    pub description: String,
    pub team: String,
    pub capability: String,
    pub deadline: String,
    /// "Team: Action, what it is (takes 2h, 3 staff; authorised by X)".
    pub critical_tasks: Vec<String>,
    /// Cues, the goal's facts in words.
    pub watch_for: Vec<String>,
}

/// The guides for every objective of `scenario`, in its order.
pub fn guides(scenario: &Scenario) -> Guides {
    let clock = &scenario.clock;
    let guides = scenario
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let critical_tasks = expected_actions(scenario, i, o)
                .into_iter()
                .map(|(team, action)| {
                    let a = scenario.action(action);
                    let mut terms = vec![
                        if a.duration_ticks == 0 {
                            "takes no time".to_string()
                        } else {
                            format!(
                                "takes {}",
                                crate::simtime::Minutes(a.duration_ticks * clock.tick.0)
                            )
                        },
                        format!("{} staff", a.cost),
                    ];
                    if !a.authorised_by.is_empty() {
                        let by: Vec<&str> = a
                            .authorised_by
                            .iter()
                            .map(|t| scenario.team(*t).name.as_str())
                            .collect();
                        terms.push(format!("authorised by {}", by.join(" or ")));
                    }
                    let what = if a.description.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", a.description.trim())
                    };
                    format!(
                        "{} — {}{what} ({})",
                        scenario.team(team).name,
                        a.name,
                        terms.join(", ")
                    )
                })
                .collect();
            let mut watch_for: Vec<String> = scenario
                .injects
                .iter()
                .filter(|inject| inject.objective.map(|x| x.index()) == Some(i))
                .map(|inject| {
                    let to: Vec<&str> = inject
                        .to
                        .iter()
                        .map(|t| scenario.team(*t).name.as_str())
                        .collect();
                    let when = match &inject.trigger {
                        Trigger::At(t) => format!("at {}", clock.label(*t)),
                        Trigger::When(c) => format!("when {}", words(scenario, c)),
                    };
                    format!(
                        "Inject tied to this objective: \"{}\", to {}, {when}.",
                        inject.subject,
                        to.join(", ")
                    )
                })
                .collect();
            watch_for.push(format!("Met when {}.", words(scenario, &o.goal)));
            if let Some(crate::scenario::model::Deadline::Within(_, from)) = &o.deadline {
                watch_for.push(format!("The clock starts when {}.", words(scenario, from)));
            }
            Guide {
                id: o.id.clone(),
                name: o.name.clone(),
                description: o.description.trim().to_string(),
                team: scenario.team(o.team).name.clone(),
                capability: o
                    .capability
                    .map_or_else(|| "(not named)".into(), |c| c.name().to_string()),
                deadline: deadline_words(scenario, o),
                critical_tasks,
                watch_for,
            }
        })
        .collect();
    Guides {
        title: scenario.meta.title.main().to_string(),
        summary: scenario.meta.summary.main().trim().to_string(),
        learning_objectives: scenario.meta.learning_objectives.clone(),
        guides,
    }
}

/// A condition in words, for people: "Port operator has done \"Isolate the terminal system\" and
/// NUTS is back to normal".
pub fn words(s: &Scenario, c: &Condition) -> String {
    let join = |cs: &[Condition], with: &str| {
        let parts: Vec<String> = cs.iter().map(|c| words(s, c)).collect();
        parts.join(with)
    };
    match c {
        Condition::Always => "at once".into(),
        Condition::All(cs) => join(cs, " and "),
        Condition::Any(cs) => format!("either {}", join(cs, " or ")),
        Condition::Not(c) => format!("not ({})", words(s, c)),
        Condition::After(t) => format!("from {}", s.clock.label(*t)),
        Condition::Phase(p) => format!("the phase \"{}\" has begun", s.phases[p.index()].name),
        Condition::Asset(a, state) => format!("{} is {}", s.asset(*a).name, state.words()),
        Condition::Stage(st) => format!(
            "the attacker's step \"{}\" has succeeded",
            s.stage(*st).name
        ),
        Condition::Detected(t, st) => format!(
            "{} knows of the step \"{}\"",
            s.team(*t).name,
            s.stage(*st).name
        ),
        Condition::Done(t, a) => format!("{} has done \"{}\"", s.team(*t).name, s.action(*a).name),
        Condition::Delivered(i) => {
            format!("inject \"{}\" has gone out", s.injects[i.index()].subject)
        }
        Condition::Holds(t, i) => {
            format!("{} holds \"{}\"", s.team(*t).name, s.intel[i.index()].title)
        }
        Condition::Above(m, v) => format!(
            "{} is above {}",
            Scenario::measure_label(&s.measure_name(*m)),
            crate::number::short(*v)
        ),
        Condition::Below(m, v) => format!(
            "{} is below {}",
            Scenario::measure_label(&s.measure_name(*m)),
            crate::number::short(*v)
        ),
        Condition::Chance(p) => format!("a {:.0}% chance comes up", p * 100.0),
        Condition::Halted(c) => format!(
            "the campaign \"{}\" has been halted",
            s.campaigns[c.index()].name
        ),
        Condition::Granted(t, a) => format!(
            "{} has been authorised to take \"{}\"",
            s.team(*t).name,
            s.action(*a).name
        ),
        Condition::DetectedAny(t, c) => format!(
            "{} knows of the campaign \"{}\"",
            s.team(*t).name,
            s.campaigns[c.index()].name
        ),
        Condition::DoneOn(t, a, x) => format!(
            "{} has done \"{}\" on {}",
            s.team(*t).name,
            s.action(*a).name,
            s.asset(*x).name
        ),
        Condition::Level(l) => format!(
            "the crisis level is \"{}\" or higher",
            s.levels[l.index()].name
        ),
        Condition::Received(to, from, a) => format!(
            "{} has received \"{}\" from {}",
            s.team(*to).name,
            s.action(*a).name,
            s.team(*from).name
        ),
        Condition::NoticeMissed(t, a) => format!(
            "{} has let the notice owed for \"{}\" pass its deadline",
            s.team(*t).name,
            s.action(*a).name
        ),
    }
}

impl Guides {
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Exercise Evaluation Guides: {}\n", self.title);
        let _ = writeln!(
            out,
            "One guide per exercise objective. Evaluator: ______________________  Date: ____________  Location: ____________\n"
        );
        if !self.summary.is_empty() {
            let _ = writeln!(out, "{}\n", self.summary);
        }
        if !self.learning_objectives.is_empty() {
            let _ = writeln!(out, "Learning objectives of the exercise:\n");
            for l in &self.learning_objectives {
                let _ = writeln!(out, "- {l}");
            }
            let _ = writeln!(out);
        }
        for (n, g) in self.guides.iter().enumerate() {
            let _ = writeln!(out, "## EEG {}: {} (`{}`)\n", n + 1, g.name, g.id);
            let _ = writeln!(
                out,
                "- Organisation: {}\n- Core capability: {}\n- Deadline: {}\n",
                g.team, g.capability, g.deadline
            );
            if !g.description.is_empty() {
                let _ = writeln!(out, "{}\n", g.description);
            }
            let _ = writeln!(out, "### Critical tasks\n");
            if g.critical_tasks.is_empty() {
                let _ = writeln!(
                    out,
                    "No action is named by the scenario: judge the outcome below.\n"
                );
            }
            for (i, t) in g.critical_tasks.iter().enumerate() {
                let _ = writeln!(out, "{}. {t}", i + 1);
            }
            let _ = writeln!(out, "\n### What to watch for\n");
            for w in &g.watch_for {
                let _ = writeln!(out, "- {w}");
            }
            let _ = writeln!(
                out,
                "\n### Observations\n\n| Time | Observation (what happened, who, and the critical task it bears on) |\n|---|---|"
            );
            for _ in 0..OBSERVATION_ROWS {
                let _ = writeln!(out, "| | |");
            }
            let _ = writeln!(
                out,
                "\nAnalysis and root cause: \n\nRating: [ ] P  [ ] S  [ ] M  [ ] U    Evaluator's initials: ____\n"
            );
        }
        out
    }

    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Exercise Evaluation Guides: {}</title>\n<style>{CSS}\n.eeg {{ break-before: page; }}\n.blank td {{ height: 2.2em; }}\n</style>\n</head>\n<body>\n<h1>Exercise Evaluation Guides: {}</h1>\n<p>One guide per exercise objective. Evaluator: ______________________ Date: ____________ Location: ____________</p>\n",
            esc(&self.title),
            esc(&self.title)
        );
        if !self.summary.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", esc(&self.summary));
        }
        if !self.learning_objectives.is_empty() {
            out.push_str("<p>Learning objectives of the exercise:</p>\n<ul>\n");
            for l in &self.learning_objectives {
                let _ = writeln!(out, "<li>{}</li>", esc(l));
            }
            out.push_str("</ul>\n");
        }
        for (n, g) in self.guides.iter().enumerate() {
            let _ = writeln!(
                out,
                "<section class=\"eeg\">\n<h2>EEG {}: {} (<code>{}</code>)</h2>\n<ul>\n<li>Organisation: {}</li>\n<li>Core capability: {}</li>\n<li>Deadline: {}</li>\n</ul>",
                n + 1,
                esc(&g.name),
                esc(&g.id),
                esc(&g.team),
                esc(&g.capability),
                esc(&g.deadline)
            );
            if !g.description.is_empty() {
                let _ = writeln!(out, "<p>{}</p>", esc(&g.description));
            }
            out.push_str("<h3>Critical tasks</h3>\n");
            if g.critical_tasks.is_empty() {
                out.push_str(
                    "<p>No action is named by the scenario: judge the outcome below.</p>\n",
                );
            } else {
                out.push_str("<ol>\n");
                for t in &g.critical_tasks {
                    let _ = writeln!(out, "<li>{}</li>", esc(t));
                }
                out.push_str("</ol>\n");
            }
            out.push_str("<h3>What to watch for</h3>\n<ul>\n");
            for w in &g.watch_for {
                let _ = writeln!(out, "<li>{}</li>", esc(w));
            }
            out.push_str("</ul>\n<h3>Observations</h3>\n<table class=\"blank\">\n<thead><tr><th style=\"width:15%\">Time</th><th>Observation (what happened, who, and the critical task it bears on)</th></tr></thead>\n<tbody>\n");
            for _ in 0..OBSERVATION_ROWS {
                out.push_str("<tr><td></td><td></td></tr>\n");
            }
            out.push_str("</tbody>\n</table>\n<p>Analysis and root cause:</p>\n<table class=\"blank\"><tbody><tr><td></td></tr><tr><td></td></tr></tbody></table>\n<p>Rating: ☐ P ☐ S ☐ M ☐ U &#160; Evaluator's initials: ____</p>\n</section>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// The participant feedback form for a scenario, in Markdown.
pub fn feedback_form_markdown(scenario: &Scenario) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Participant feedback form: {}\n\nName (optional): ______________________  Organisation or team: ______________________  Role: ______________\n\nScore each statement from 1 (strongly disagree) to 5 (strongly agree).\n\n| Statement | 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|---|",
        scenario.meta.title
    );
    for s in FEEDBACK_STATEMENTS {
        let _ = writeln!(out, "| {s} | ☐ | ☐ | ☐ | ☐ | ☐ |");
    }
    let _ = writeln!(
        out,
        "\n## What went well\n\n\n\n## What should be improved\n\n\n\n## Other comments\n\n"
    );
    out
}

/// The participant feedback form for a scenario, in HTML (prints on one A4 or Letter page).
pub fn feedback_form_html(scenario: &Scenario) -> String {
    let mut out = String::new();
    let title = esc(scenario.meta.title.main());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Participant feedback form: {title}</title>\n<style>{CSS}\n.blank {{ height: 6em; border: 1px solid #888; }}\ntd.box {{ text-align: center; width: 3em; }}\n</style>\n</head>\n<body>\n<h1>Participant feedback form: {title}</h1>\n<p>Name (optional): ______________________ Organisation or team: ______________________ Role: ______________</p>\n<p>Score each statement from 1 (strongly disagree) to 5 (strongly agree).</p>\n<table>\n<thead><tr><th>Statement</th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th></tr></thead>\n<tbody>\n"
    );
    for s in FEEDBACK_STATEMENTS {
        let _ = writeln!(
            out,
            "<tr><td>{}</td>{}</tr>",
            esc(s),
            "<td class=\"box\">☐</td>".repeat(5)
        );
    }
    out.push_str("</tbody>\n</table>\n<h2>What went well</h2>\n<div class=\"blank\"></div>\n<h2>What should be improved</h2>\n<div class=\"blank\"></div>\n<h2>Other comments</h2>\n<div class=\"blank\"></div>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::model::AssetCondition;

    fn flagship() -> Scenario {
        let b = crate::library::builtin(crate::library::FLAGSHIP).unwrap();
        crate::scenario::parse(b.source, b.path).unwrap()
    }

    #[test]
    fn every_objective_gets_a_guide_with_its_tasks_and_cues() {
        let s = flagship();
        let g = guides(&s);
        assert_eq!(g.guides.len(), s.objectives.len());
        for (guide, o) in g.guides.iter().zip(&s.objectives) {
            assert_eq!(guide.name, o.name);
            assert!(guide.watch_for.iter().any(|w| w.starts_with("Met when")));
            if let Some(c) = o.capability {
                assert_eq!(guide.capability, c.name());
            }
        }
        // An objective whose goal names an action lists that action among its critical tasks.
        let (i, o) = s
            .objectives
            .iter()
            .enumerate()
            .find(|(_, o)| !super::super::done_leaves(&o.goal).is_empty())
            .expect("the flagship asks its teams for actions");
        let (_, action) = super::super::done_leaves(&o.goal)[0];
        assert!(
            g.guides[i]
                .critical_tasks
                .iter()
                .any(|t| t.contains(&s.action(action).name)),
            "{:?}",
            g.guides[i].critical_tasks
        );
        let md = g.to_markdown();
        assert_eq!(md.matches("## EEG ").count(), s.objectives.len());
        assert_eq!(md.matches("Rating: [ ] P").count(), s.objectives.len());
        let html = g.to_html();
        assert_eq!(
            html.matches("<section class=\"eeg\">").count(),
            s.objectives.len()
        );
    }

    #[test]
    fn conditions_read_as_words() {
        let s = flagship();
        let (a, _) = s.assets.iter().enumerate().next().unwrap();
        let c = Condition::All(vec![
            Condition::Asset(
                crate::scenario::model::AssetId(a as u32),
                AssetCondition::Down,
            ),
            Condition::Chance(0.25),
        ]);
        assert_eq!(
            words(&s, &c),
            format!("{} is down and a 25% chance comes up", s.assets[a].name)
        );
    }

    #[test]
    fn the_feedback_form_asks_every_statement() {
        let s = flagship();
        let md = feedback_form_markdown(&s);
        let html = feedback_form_html(&s);
        for statement in FEEDBACK_STATEMENTS {
            assert!(md.contains(statement));
            assert!(html.contains(&super::esc(statement)));
        }
    }
}
