//! What evaluators carry before the day: an Exercise Evaluation Guide (HSEEP's EEG) for each
//! objective (its team, core capability, deadline, the critical tasks asked of the teams, what to
//! watch for, and blank fields for observations and a rating), and the participant feedback
//! form. Both read the scenario only; `kunren eeg` and `kunren feedback-form` write them.

use std::fmt::Write as _;

use serde::Serialize;

use super::html::{CSS, esc};
use super::prose::quote;
use super::words::{self, feedback_statements};
use super::{deadline_in, expected_actions};
use crate::lang::Lang;
use crate::scenario::model::{
    ActionId, CampaignId, Condition, Deadline, InjectId, IntelId, LevelId, PhaseId, Scenario,
    StageRef, TeamId, TextKey, Trigger,
};

/// Blank rows for observations on each guide.
pub const OBSERVATION_ROWS: usize = 6;

/// The evaluation guides of a scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Guides {
    pub title: String,
    pub summary: String,
    pub learning_objectives: Vec<String>,
    pub guides: Vec<Guide>,
    /// The language they are written in: their own words and the scenario's texts.
    pub lang: Lang,
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

/// The scenario's names in one language, for the guides' sentences.
struct Names<'a> {
    s: &'a Scenario,
    lang: Lang,
}

impl<'a> Names<'a> {
    fn text(&self, key: TextKey) -> &'a str {
        self.s.text(key, self.lang)
    }
    fn team(&self, t: TeamId) -> &'a str {
        self.text(TextKey::TeamName(t))
    }
    fn action(&self, a: ActionId) -> &'a str {
        self.text(TextKey::ActionName(a))
    }
    fn phase(&self, p: PhaseId) -> &'a str {
        self.text(TextKey::PhaseName(p))
    }
    fn subject(&self, i: InjectId) -> &'a str {
        self.text(TextKey::InjectSubject(i))
    }
    fn item(&self, i: IntelId) -> &'a str {
        self.text(TextKey::IntelTitle(i))
    }
    fn campaign(&self, c: CampaignId) -> &'a str {
        self.text(TextKey::CampaignName(c))
    }
    fn stage(&self, r: StageRef) -> &'a str {
        self.text(TextKey::StageName(r))
    }
    fn level(&self, l: LevelId) -> &'a str {
        self.text(TextKey::LevelName(l))
    }
    /// The teams' names, joined by `with`.
    fn teams(&self, ts: &[TeamId], with: &str) -> String {
        let names: Vec<&str> = ts.iter().map(|t| self.team(*t)).collect();
        names.join(with)
    }
}

/// A critical task in words: "Team — Action: what it is (takes 2h, 3 staff, authorised by X)".
fn task(n: &Names, team: TeamId, action: ActionId) -> String {
    let (s, lang) = (n.s, n.lang);
    let a = s.action(action);
    let takes = crate::simtime::Minutes(a.duration_ticks * s.clock.tick.0);
    let what = n.text(TextKey::ActionDescription(action)).trim();
    let name = n.action(action);
    let team = n.team(team);
    match lang {
        Lang::En => {
            let mut terms = vec![
                if a.duration_ticks == 0 {
                    "takes no time".to_string()
                } else {
                    format!("takes {takes}")
                },
                format!("{} staff", a.cost),
            ];
            if !a.authorised_by.is_empty() {
                terms.push(format!(
                    "authorised by {}",
                    n.teams(&a.authorised_by, " or ")
                ));
            }
            let what = if what.is_empty() {
                String::new()
            } else {
                format!(": {what}")
            };
            format!("{team} — {name}{what} ({})", terms.join(", "))
        }
        Lang::Ja => {
            let mut terms = vec![
                if a.duration_ticks == 0 {
                    "所要時間なし".to_string()
                } else {
                    format!("所要時間{}", takes.say(Lang::Ja))
                },
                format!("要員{}名", a.cost),
            ];
            if !a.authorised_by.is_empty() {
                terms.push(format!("承認者: {}", n.teams(&a.authorised_by, "または")));
            }
            let what = if what.is_empty() {
                String::new()
            } else {
                format!("：{what}")
            };
            format!("{team} — {name}{what}（{}）", terms.join("、"))
        }
    }
}

/// An inject tied to an objective, for what to watch for: what it says, to whom and when.
fn cue(n: &Names, inject: InjectId, to: &[TeamId], trigger: &Trigger) -> String {
    let (s, subject) = (n.s, n.subject(inject));
    let at = |t: &u32| s.clock.label_lang(*t, n.lang);
    match n.lang {
        Lang::En => {
            let when = match trigger {
                Trigger::At(t) => format!("at {}", at(t)),
                Trigger::When(c) => format!("when {}", words(s, c, n.lang)),
            };
            format!(
                "Inject tied to this objective: \"{subject}\", to {}, {when}.",
                n.teams(to, ", ")
            )
        }
        Lang::Ja => {
            let when = match trigger {
                Trigger::At(t) => format!("付与時刻: {}", at(t)),
                Trigger::When(c) => format!("付与条件: {}", words(s, c, n.lang)),
            };
            format!(
                "本目標に関する状況付与「{subject}」（宛先: {}。{when}）。",
                n.teams(to, "、")
            )
        }
    }
}

/// The guides for every objective of `scenario`, in its order, in `lang`.
pub fn guides(scenario: &Scenario, lang: Lang) -> Guides {
    let n = Names { s: scenario, lang };
    let guides = scenario
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let critical_tasks = expected_actions(scenario, i, o)
                .into_iter()
                .map(|(team, action)| task(&n, team, action))
                .collect();
            let mut watch_for: Vec<String> = scenario
                .injects
                .iter()
                .enumerate()
                .filter(|(_, inject)| inject.objective.map(|x| x.index()) == Some(i))
                .map(|(j, inject)| cue(&n, InjectId(j as u32), &inject.to, &inject.trigger))
                .collect();
            let goal = words(scenario, &o.goal, lang);
            watch_for.push(match lang {
                Lang::En => format!("Met when {goal}."),
                Lang::Ja => format!("達成条件: {goal}。"),
            });
            if let Some(Deadline::Within(_, from)) = &o.deadline {
                let from = words(scenario, from, lang);
                watch_for.push(match lang {
                    Lang::En => format!("The clock starts when {from}."),
                    Lang::Ja => format!("期限の起算点: {from}。"),
                });
            }
            let id = crate::scenario::model::ObjectiveId(i as u32);
            Guide {
                id: o.id.clone(),
                name: n.text(TextKey::ObjectiveName(id)).to_string(),
                description: n.text(TextKey::ObjectiveDescription(id)).trim().to_string(),
                team: n.team(o.team).to_string(),
                capability: o.capability.map_or_else(
                    || lang.pick("(not named)", "（指定なし）").into(),
                    |c| words::capability(lang, c).to_string(),
                ),
                deadline: deadline_in(scenario, o, lang),
                critical_tasks,
                watch_for,
            }
        })
        .collect();
    Guides {
        title: n.text(TextKey::Title).to_string(),
        summary: n.text(TextKey::Summary).trim().to_string(),
        learning_objectives: scenario.learning_objectives(lang),
        guides,
        lang,
    }
}

/// A condition in words, for people, in `lang`: "Port operator has done \"Isolate the terminal
/// system\" and NUTS is back to normal"; 「端末システムの隔離」を港湾運営者が実施済み、かつ…
pub fn words(s: &Scenario, c: &Condition, lang: Lang) -> String {
    let n = Names { s, lang };
    match lang {
        Lang::En => english(&n, c),
        Lang::Ja => japanese(&n, c),
    }
}

fn english(n: &Names, c: &Condition) -> String {
    let s = n.s;
    let join = |cs: &[Condition], with: &str| {
        let parts: Vec<String> = cs.iter().map(|c| english(n, c)).collect();
        parts.join(with)
    };
    match c {
        Condition::Always => "at once".into(),
        Condition::All(cs) => join(cs, " and "),
        Condition::Any(cs) => format!("either {}", join(cs, " or ")),
        Condition::Not(c) => format!("not ({})", english(n, c)),
        Condition::After(t) => format!("from {}", s.clock.label_lang(*t, n.lang)),
        Condition::Phase(p) => format!("the phase \"{}\" has begun", n.phase(*p)),
        Condition::Asset(a, state) => {
            format!("{} is {}", n.text(TextKey::AssetName(*a)), state.words())
        }
        Condition::Stage(st) => format!("the attacker's step \"{}\" has succeeded", n.stage(*st)),
        Condition::Detected(t, st) => {
            format!("{} knows of the step \"{}\"", n.team(*t), n.stage(*st))
        }
        Condition::Done(t, a) => format!("{} has done \"{}\"", n.team(*t), n.action(*a)),
        Condition::Delivered(i) => format!("inject \"{}\" has gone out", n.subject(*i)),
        Condition::Holds(t, i) => format!("{} holds \"{}\"", n.team(*t), n.item(*i)),
        Condition::Above(m, v) => format!(
            "{} is above {}",
            s.measure_title(*m, n.lang),
            crate::number::short(*v)
        ),
        Condition::Below(m, v) => format!(
            "{} is below {}",
            s.measure_title(*m, n.lang),
            crate::number::short(*v)
        ),
        Condition::Chance(p) => format!("a {:.0}% chance comes up", p * 100.0),
        Condition::Halted(c) => format!("the campaign \"{}\" has been halted", n.campaign(*c)),
        Condition::Granted(t, a) => format!(
            "{} has been authorised to take \"{}\"",
            n.team(*t),
            n.action(*a)
        ),
        Condition::DetectedAny(t, c) => format!(
            "{} knows of the campaign \"{}\"",
            n.team(*t),
            n.campaign(*c)
        ),
        Condition::DoneOn(t, a, x) => format!(
            "{} has done \"{}\" on {}",
            n.team(*t),
            n.action(*a),
            n.text(TextKey::AssetName(*x))
        ),
        Condition::Level(l) => format!("the crisis level is \"{}\" or higher", n.level(*l)),
        Condition::Received(to, from, a) => format!(
            "{} has received \"{}\" from {}",
            n.team(*to),
            n.action(*a),
            n.team(*from)
        ),
        Condition::NoticeMissed(t, a) => format!(
            "{} has let the notice owed for \"{}\" pass its deadline",
            n.team(*t),
            n.action(*a)
        ),
    }
}

/// The same in Japanese: what an evaluator watches for, naming everything (an evaluator sees
/// the whole exercise, unlike a team's seat in `sim::knowledge::unmet`).
fn japanese(n: &Names, c: &Condition) -> String {
    let s = n.s;
    let q = |name: &str| quote(Lang::Ja, name);
    let join = |cs: &[Condition], with: &str| {
        let parts: Vec<String> = cs.iter().map(|c| japanese(n, c)).collect();
        parts.join(with)
    };
    match c {
        Condition::Always => "直ちに".into(),
        Condition::All(cs) => join(cs, "、かつ"),
        Condition::Any(cs) => format!("{}のいずれか", join(cs, "、または")),
        Condition::Not(c) => format!("次に該当しないこと（{}）", japanese(n, c)),
        Condition::After(t) => format!("{}以降", s.clock.label_lang(*t, n.lang)),
        Condition::Phase(p) => format!("フェーズ{}が開始していること", q(n.phase(*p))),
        Condition::Asset(a, state) => format!(
            "{}が{}であること",
            n.text(TextKey::AssetName(*a)),
            state.japanese()
        ),
        Condition::Stage(st) => format!("攻撃者の段階{}が成功していること", q(n.stage(*st))),
        Condition::Detected(t, st) => {
            format!("{}が段階{}を把握していること", n.team(*t), q(n.stage(*st)))
        }
        Condition::Done(t, a) => format!("{}が{}を実施済みであること", n.team(*t), q(n.action(*a))),
        Condition::Delivered(i) => format!("状況付与{}が付与済みであること", q(n.subject(*i))),
        Condition::Holds(t, i) => format!("{}が{}を保有していること", n.team(*t), q(n.item(*i))),
        Condition::Above(m, v) => format!(
            "{}が{}を上回ること",
            s.measure_title(*m, n.lang),
            crate::number::short(*v)
        ),
        Condition::Below(m, v) => format!(
            "{}が{}を下回ること",
            s.measure_title(*m, n.lang),
            crate::number::short(*v)
        ),
        Condition::Chance(p) => format!("確率{:.0}%の判定が成功すること", p * 100.0),
        Condition::Halted(c) => format!("攻撃キャンペーン{}が停止していること", q(n.campaign(*c))),
        Condition::Granted(t, a) => {
            format!("{}が{}の承認を得ていること", n.team(*t), q(n.action(*a)))
        }
        Condition::DetectedAny(t, c) => format!(
            "{}が攻撃キャンペーン{}を把握していること",
            n.team(*t),
            q(n.campaign(*c))
        ),
        Condition::DoneOn(t, a, x) => format!(
            "{}が{}に対して{}を実施済みであること",
            n.team(*t),
            n.text(TextKey::AssetName(*x)),
            q(n.action(*a))
        ),
        Condition::Level(l) => format!("事態レベルが{}以上であること", q(n.level(*l))),
        Condition::Received(to, from, a) => format!(
            "{}が{}から{}を受領していること",
            n.team(*to),
            n.team(*from),
            q(n.action(*a))
        ),
        Condition::NoticeMissed(t, a) => format!(
            "{}が{}に伴う通知を期限までに行わなかったこと",
            n.team(*t),
            q(n.action(*a))
        ),
    }
}

impl Guides {
    fn say(&self, en: &'static str) -> &'static str {
        words::say(self.lang, en)
    }

    /// "Exercise Evaluation Guides: title", and the line under it.
    fn heading(&self) -> (String, String) {
        let title = format!("{}: {}", self.say("Exercise Evaluation Guides"), self.title);
        let line = format!(
            "{}{}{}: ______________________  {}: ____________  {}: ____________",
            self.say("One guide per exercise objective."),
            self.lang.pick(" ", ""),
            self.say("Evaluator"),
            self.say("Date"),
            self.say("Location")
        );
        (title, line)
    }

    /// "EEG 1: name".
    fn guide_title(&self, n: usize, g: &Guide) -> String {
        format!("{} {}: {}", self.say("EEG"), n + 1, g.name)
    }

    /// "Rating: [ ] P  [ ] S ... Evaluator's initials: ____", its words passed through `text`.
    fn rating_line(&self, text: fn(&str) -> String, [boxes, between, gap]: [&str; 3]) -> String {
        format!(
            "{}: {b} P{between}{b} S{between}{b} M{between}{b} U{gap}{}: ____",
            text(self.say("Rating")),
            text(self.say("Evaluator's initials")),
            b = boxes
        )
    }

    pub fn to_markdown(&self) -> String {
        let say = |en| self.say(en);
        let mut out = String::new();
        let (title, line) = self.heading();
        let _ = writeln!(out, "# {title}\n");
        let _ = writeln!(out, "{line}\n");
        if !self.summary.is_empty() {
            let _ = writeln!(out, "{}\n", self.summary);
        }
        if !self.learning_objectives.is_empty() {
            let _ = writeln!(out, "{}\n", say("Learning objectives of the exercise:"));
            for l in &self.learning_objectives {
                let _ = writeln!(out, "- {l}");
            }
            let _ = writeln!(out);
        }
        for (n, g) in self.guides.iter().enumerate() {
            let _ = writeln!(out, "## {} (`{}`)\n", self.guide_title(n, g), g.id);
            let _ = writeln!(
                out,
                "- {}: {}\n- {}: {}\n- {}: {}\n",
                say("Organisation"),
                g.team,
                say("Core capability"),
                g.capability,
                say("Deadline"),
                g.deadline
            );
            if !g.description.is_empty() {
                let _ = writeln!(out, "{}\n", g.description);
            }
            let _ = writeln!(out, "### {}\n", say("Critical tasks"));
            if g.critical_tasks.is_empty() {
                let _ = writeln!(
                    out,
                    "{}\n",
                    say("No action is named by the scenario: judge the outcome below.")
                );
            }
            for (i, t) in g.critical_tasks.iter().enumerate() {
                let _ = writeln!(out, "{}. {t}", i + 1);
            }
            let _ = writeln!(out, "\n### {}\n", say("What to watch for"));
            for w in &g.watch_for {
                let _ = writeln!(out, "- {w}");
            }
            let _ = writeln!(
                out,
                "\n### {}\n\n| {} | {} |\n|---|---|",
                say("Observations"),
                say("Time"),
                say("Observation (what happened, who, and the critical task it bears on)")
            );
            for _ in 0..OBSERVATION_ROWS {
                let _ = writeln!(out, "| | |");
            }
            let _ = writeln!(
                out,
                "\n{} \n\n{}\n",
                say("Analysis and root cause:"),
                self.rating_line(str::to_string, ["[ ]", "  ", "    "])
            );
        }
        out
    }

    pub fn to_html(&self) -> String {
        let say = |en| self.say(en);
        let mut out = String::new();
        let (title, line) = self.heading();
        let title = esc(&title);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{CSS}\n.eeg {{ break-before: page; }}\n.blank td {{ height: 2.2em; }}\n</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n",
            self.lang.code(),
            esc(&line.replace("  ", " "))
        );
        if !self.summary.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", esc(&self.summary));
        }
        if !self.learning_objectives.is_empty() {
            let _ = writeln!(
                out,
                "<p>{}</p>\n<ul>",
                esc(say("Learning objectives of the exercise:"))
            );
            for l in &self.learning_objectives {
                let _ = writeln!(out, "<li>{}</li>", esc(l));
            }
            out.push_str("</ul>\n");
        }
        for (n, g) in self.guides.iter().enumerate() {
            let _ = writeln!(
                out,
                "<section class=\"eeg\">\n<h2>{} (<code>{}</code>)</h2>\n<ul>\n<li>{}: {}</li>\n<li>{}: {}</li>\n<li>{}: {}</li>\n</ul>",
                esc(&self.guide_title(n, g)),
                esc(&g.id),
                esc(say("Organisation")),
                esc(&g.team),
                esc(say("Core capability")),
                esc(&g.capability),
                esc(say("Deadline")),
                esc(&g.deadline)
            );
            if !g.description.is_empty() {
                let _ = writeln!(out, "<p>{}</p>", esc(&g.description));
            }
            let _ = writeln!(out, "<h3>{}</h3>", esc(say("Critical tasks")));
            if g.critical_tasks.is_empty() {
                let _ = writeln!(
                    out,
                    "<p>{}</p>",
                    esc(say(
                        "No action is named by the scenario: judge the outcome below."
                    ))
                );
            } else {
                out.push_str("<ol>\n");
                for t in &g.critical_tasks {
                    let _ = writeln!(out, "<li>{}</li>", esc(t));
                }
                out.push_str("</ol>\n");
            }
            let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(say("What to watch for")));
            for w in &g.watch_for {
                let _ = writeln!(out, "<li>{}</li>", esc(w));
            }
            let _ = writeln!(
                out,
                "</ul>\n<h3>{}</h3>\n<table class=\"blank\">\n<thead><tr><th style=\"width:15%\">{}</th><th>{}</th></tr></thead>\n<tbody>",
                esc(say("Observations")),
                esc(say("Time")),
                esc(say(
                    "Observation (what happened, who, and the critical task it bears on)"
                ))
            );
            for _ in 0..OBSERVATION_ROWS {
                out.push_str("<tr><td></td><td></td></tr>\n");
            }
            let _ = writeln!(
                out,
                "</tbody>\n</table>\n<p>{}</p>\n<table class=\"blank\"><tbody><tr><td></td></tr><tr><td></td></tr></tbody></table>\n<p>{}</p>\n</section>",
                esc(say("Analysis and root cause:")),
                self.rating_line(esc, ["☐", " ", " &#160; "])
            );
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// The feedback form's fixed parts in `lang`: its title, the line for the respondent, the
/// instruction, and the three open questions.
struct Form {
    title: String,
    respondent: String,
    instruction: &'static str,
    statement: &'static str,
    open: [&'static str; 3],
}

fn form(scenario: &Scenario, lang: Lang) -> Form {
    let say = |en| words::say(lang, en);
    Form {
        title: format!(
            "{}: {}",
            say("Participant feedback form"),
            scenario.text(TextKey::Title, lang)
        ),
        respondent: format!(
            "{}: ______________________  {}: ______________________  {}: ______________",
            say("Name (optional)"),
            say("Organisation or team"),
            say("Role")
        ),
        instruction: say("Score each statement from 1 (strongly disagree) to 5 (strongly agree)."),
        statement: say("Statement"),
        open: [
            say("What went well"),
            say("What should be improved"),
            say("Other comments"),
        ],
    }
}

/// The participant feedback form for a scenario, in Markdown, in `lang`.
pub fn feedback_form_markdown(scenario: &Scenario, lang: Lang) -> String {
    let f = form(scenario, lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n{}\n\n{}\n\n| {} | 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|---|",
        f.title, f.respondent, f.instruction, f.statement
    );
    for s in feedback_statements(lang) {
        let _ = writeln!(out, "| {s} | ☐ | ☐ | ☐ | ☐ | ☐ |");
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n\n\n## {}\n\n\n\n## {}\n\n",
        f.open[0], f.open[1], f.open[2]
    );
    out
}

/// The participant feedback form for a scenario, in HTML (prints on one A4 or Letter page), in
/// `lang`.
pub fn feedback_form_html(scenario: &Scenario, lang: Lang) -> String {
    let f = form(scenario, lang);
    let mut out = String::new();
    let title = esc(&f.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{CSS}\n.blank {{ height: 6em; border: 1px solid #888; }}\ntd.box {{ text-align: center; width: 3em; }}\n</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n<p>{}</p>\n<table>\n<thead><tr><th>{}</th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th></tr></thead>\n<tbody>\n",
        lang.code(),
        esc(&f.respondent.replace("  ", " ")),
        esc(f.instruction),
        esc(f.statement)
    );
    for s in feedback_statements(lang) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td>{}</tr>",
            esc(s),
            "<td class=\"box\">☐</td>".repeat(5)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for q in f.open {
        let _ = writeln!(out, "<h2>{}</h2>\n<div class=\"blank\"></div>", esc(q));
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::evaluation::FEEDBACK_STATEMENTS;
    use crate::scenario::model::{AssetCondition, AssetId};

    fn japanese(text: &str) -> bool {
        text.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c))
    }

    fn flagship() -> Scenario {
        let b = crate::library::builtin(crate::library::FLAGSHIP).unwrap();
        crate::scenario::parse(b.source, b.path).unwrap()
    }

    #[test]
    fn every_objective_gets_a_guide_with_its_tasks_and_cues() {
        let s = flagship();
        let g = guides(&s, Lang::En);
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
            words(&s, &c, Lang::En),
            format!("{} is down and a 25% chance comes up", s.assets[a].name)
        );
        let ja = s.text(TextKey::AssetName(AssetId(a as u32)), Lang::Ja);
        assert!(japanese(ja), "the flagship names its assets in Japanese");
        assert_eq!(
            words(&s, &c, Lang::Ja),
            format!("{ja}が停止であること、かつ確率25%の判定が成功すること")
        );
    }

    /// In Japanese, a guide's own words and the scenario's texts are Japanese: its headings, the
    /// objective's name, team and deadline, and the cues' sentences.
    #[test]
    fn the_guides_follow_the_language_asked_for() {
        let s = flagship();
        let g = guides(&s, Lang::Ja);
        assert_eq!(g.lang, Lang::Ja);
        assert_eq!(g.title, s.text(TextKey::Title, Lang::Ja));
        for (i, (guide, o)) in g.guides.iter().zip(&s.objectives).enumerate() {
            let name = s.text(
                TextKey::ObjectiveName(crate::scenario::model::ObjectiveId(i as u32)),
                Lang::Ja,
            );
            assert!(japanese(name) && guide.name == name, "{}", guide.name);
            assert_ne!(guide.name, o.name);
            assert!(guide.watch_for.iter().any(|w| w.starts_with("達成条件: ")));
            assert!(
                guide.watch_for.iter().all(|w| japanese(w)),
                "{:?}",
                guide.watch_for
            );
            assert!(
                guide.critical_tasks.iter().all(|t| t.contains("要員")),
                "{:?}",
                guide.critical_tasks
            );
        }
        let md = g.to_markdown();
        assert!(md.starts_with("# 演習評価ガイド: "), "{}", &md[..80]);
        for l in md.lines().filter(|l| l.starts_with('#')) {
            assert!(japanese(l), "an English heading: {l}");
        }
        for english in [
            "Critical tasks",
            "What to watch for",
            "Rating:",
            "Met when",
            "Organisation",
        ] {
            assert!(!md.contains(english), "{english} in\n{md}");
        }
        assert_eq!(md.matches("評価: [ ] P").count(), s.objectives.len());
        let html = g.to_html();
        assert!(html.contains("<html lang=\"ja\">") && html.contains("<h3>重要タスク</h3>"));
        assert!(!html.contains("Critical tasks"));
    }

    #[test]
    fn the_feedback_form_asks_every_statement() {
        let s = flagship();
        let md = feedback_form_markdown(&s, Lang::En);
        let html = feedback_form_html(&s, Lang::En);
        for statement in FEEDBACK_STATEMENTS {
            assert!(md.contains(statement));
            assert!(html.contains(&super::esc(statement)));
        }
        // In Japanese: its title, instruction, statements and open questions.
        let md = feedback_form_markdown(&s, Lang::Ja);
        let html = feedback_form_html(&s, Lang::Ja);
        assert!(
            md.starts_with(&format!(
                "# 参加者アンケート: {}",
                s.text(TextKey::Title, Lang::Ja)
            )),
            "{md}"
        );
        for statement in feedback_statements(Lang::Ja) {
            assert!(md.contains(statement) && html.contains(statement));
        }
        for english in FEEDBACK_STATEMENTS
            .iter()
            .chain(&["Statement", "What went well", "Role"])
        {
            assert!(
                !md.contains(english) && !html.contains(english),
                "{english}"
            );
        }
        assert!(md.contains("## 改善すべき点") && html.contains("<html lang=\"ja\">"));
    }
}
