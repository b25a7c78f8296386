//! The report as Markdown: tables for results, a sparkline row per measure for charts.

use std::fmt::Write as _;

use super::chart::sparkline;
use super::prose::interval;
use super::words::say;
use super::{AfterAction, Finding, Rating};
use crate::lang::Lang;
use crate::number::short;

/// A table cell: no line breaks, pipes escaped.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// A table's header row and the rule under it, its words in `lang`.
fn head(lang: Lang, words: &[&str]) -> String {
    let cells: Vec<&str> = words.iter().map(|w| say(lang, w)).collect();
    format!("| {} |\n|{}", cells.join(" | "), "---|".repeat(words.len()))
}

fn findings(out: &mut String, list: &[Finding], lang: Lang) {
    if list.is_empty() {
        let _ = writeln!(out, "{}", say(lang, "None recorded."));
    }
    for f in list {
        let by = if f.by_facilitator {
            format!(" *({})*", say(lang, "Facilitator").to_lowercase())
        } else {
            String::new()
        };
        let _ = writeln!(out, "- {}{by}", f.text.replace('\n', " "));
    }
}

impl AfterAction {
    pub fn to_markdown(&self) -> String {
        let o = &self.overview;
        let lang = self.lang;
        let say = |w| say(lang, w);
        let mut out = String::new();
        let _ = writeln!(out, "# {}: {}\n", say("After-action report"), o.title);
        let _ = writeln!(out, "## {}\n", say("Overview"));
        let _ = writeln!(out, "| | |\n|---|---|");
        let _ = writeln!(
            out,
            "| {} | {} (`{}`) |",
            say("Scenario"),
            cell(&o.title),
            cell(&o.id)
        );
        let stopped = if o.finished {
            String::new()
        } else {
            format!(" {}", say("(stopped early)"))
        };
        let _ = writeln!(
            out,
            "| {} | {} {} {}{stopped} |",
            say("Exercise dates (simulated)"),
            o.start,
            say("to"),
            o.end
        );
        let _ = writeln!(out, "| {} | {} |", say("Times"), cell(&o.times));
        let _ = writeln!(
            out,
            "| {} | {} |",
            say("Run on"),
            cell(o.run_date.as_deref().unwrap_or(say("not recorded")))
        );
        let seed = o
            .seed
            .map_or(say("not recorded").to_string(), |s| s.to_string());
        let _ = writeln!(out, "| {} | {seed} |", say("Seed"));
        let _ = writeln!(
            out,
            "| {} | {} |",
            say("Decisions"),
            cell(o.decisions.as_deref().unwrap_or(say("none scripted")))
        );
        if !o.summary.is_empty() {
            let _ = writeln!(out, "\n{}", o.summary.trim());
        }
        let _ = writeln!(out, "\n### {}\n", say("Participants"));
        let _ = writeln!(
            out,
            "{}",
            head(lang, &["Team", "Kind", "Played by", "Players"])
        );
        for p in &o.participants {
            let _ = writeln!(
                out,
                "| {} (`{}`) | {} | {} | {} |",
                cell(&p.name),
                cell(&p.id),
                cell(&p.kind),
                cell(&p.played_by),
                cell(p.players.as_deref().unwrap_or(""))
            );
        }
        if !o.learning_objectives.is_empty() {
            let _ = writeln!(out, "\n### {}\n", say("Learning objectives"));
            for (i, l) in o.learning_objectives.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, l.replace('\n', " "));
            }
        }

        let _ = writeln!(out, "\n## {}\n", say("Objectives"));
        let scale: Vec<String> = [
            Rating::P,
            Rating::S,
            Rating::M,
            Rating::U,
            Rating::NotApplicable,
        ]
        .iter()
        .map(|r| format!("**{}** {}", r.code(), say(r.meaning())))
        .collect();
        let _ = writeln!(
            out,
            "{}: {}{}\n",
            say("Ratings"),
            scale.join(" · "),
            lang.pick(".", "。")
        );
        let _ = writeln!(
            out,
            "{}",
            head(
                lang,
                &["Objective", "Team", "Deadline", "Rating", "Evidence"]
            )
        );
        for a in &self.objectives {
            let rating = if a.by_facilitator {
                format!(
                    "**{}** ({} {})",
                    a.rating.code(),
                    say("facilitator; automatic"),
                    a.automatic.code()
                )
            } else {
                format!("**{}**", a.rating.code())
            };
            let comment = a
                .comment
                .as_deref()
                .map(|c| format!(" {}: {c}", say("Facilitator")))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} (`{}`) | {} | {} | {rating} | {}{} |",
                cell(&a.name),
                cell(&a.id),
                cell(&a.team_name),
                cell(&a.deadline),
                cell(&a.evidence),
                cell(&comment)
            );
        }

        let _ = writeln!(out, "\n## {}\n", say("Timeline of key events"));
        let _ = writeln!(out, "{}", head(lang, &["Time", "Kind", "Event"]));
        for e in &self.timeline {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                e.time,
                say(e.kind.name()),
                cell(&e.text)
            );
        }

        let _ = writeln!(out, "\n## {}\n", say("Measures over time"));
        let first = self.axis.first().map_or("", |(_, l)| l.as_str());
        let last = self.axis.last().map_or("", |(_, l)| l.as_str());
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "From {first} to {last}, each bar the mean of an equal share of the run.\n"
            ),
            Lang::Ja => writeln!(
                out,
                "{}: {first} {} {last}。{}\n",
                say("From"),
                say("to"),
                say("each bar the mean of an equal share of the run.")
            ),
        };
        let _ = writeln!(
            out,
            "{}",
            head(
                lang,
                &["Measure", "Over time", "Start", "Min", "Max", "End", "Unit"]
            )
        );
        for m in &self.measures {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} | {} | {} |",
                cell(&m.name),
                sparkline(&m.values, 24),
                short(m.start),
                short(m.min),
                short(m.max),
                short(m.end),
                cell(&m.unit)
            );
        }
        if !self.services.is_empty() {
            let _ = writeln!(out, "\n### {}\n", say("Services"));
            let _ = writeln!(
                out,
                "{}",
                head(
                    lang,
                    &[
                        "Service",
                        "Outages",
                        "When (below normal)",
                        "Outage (h, total)",
                        "Service lost (h)"
                    ]
                )
            );
            for (s, name) in self.services.iter().zip(&self.service_names) {
                let when: Vec<String> = s.intervals.iter().map(|i| interval(i, lang)).collect();
                let when = if when.is_empty() {
                    say("never disrupted").to_string()
                } else {
                    when.join("; ")
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    cell(name),
                    s.intervals.len(),
                    when,
                    short(s.outage_hours),
                    short(s.lost_service_hours)
                );
            }
        }

        let _ = writeln!(out, "\n## {}\n", say("Observations"));
        if self.notes.is_empty() && self.general_notes.is_empty() {
            let _ = writeln!(out, "{}", say("None recorded."));
        }
        for g in &self.notes {
            let _ = writeln!(out, "### {} ({}, `{}`)\n", g.name, g.team, g.objective);
            for n in &g.notes {
                let _ = writeln!(out, "- {}", n.line(lang));
            }
            let _ = writeln!(out);
        }
        if !self.general_notes.is_empty() {
            let _ = writeln!(out, "### {}\n", say("General"));
            for n in &self.general_notes {
                let _ = writeln!(out, "- {}", n.line(lang));
            }
        }

        let _ = writeln!(out, "\n## {}\n", say("Hot wash"));
        if self.hot_wash.is_empty() {
            let _ = writeln!(out, "{}", say("None recorded."));
        }
        for h in &self.hot_wash {
            let _ = writeln!(out, "### {}\n", h.team);
            for x in &h.strengths {
                let _ = writeln!(out, "- {}: {}", say("Strength"), x.replace('\n', " "));
            }
            for x in &h.improvements {
                let _ = writeln!(
                    out,
                    "- {}: {}",
                    say("Area for improvement"),
                    x.replace('\n', " ")
                );
            }
            let _ = writeln!(out);
        }

        let _ = writeln!(out, "\n## {}\n", say("Participant feedback"));
        if self.feedback.forms == 0 {
            let _ = writeln!(out, "{}", say("No feedback form was recorded."));
        } else {
            let _ = writeln!(
                out,
                "{}{}{}\n\n{}",
                self.feedback.forms,
                lang.pick(" ", ""),
                say("form(s); scores from 1 (strongly disagree) to 5 (strongly agree)."),
                head(lang, &["Statement", "Mean score", "Forms that scored it"])
            );
            for (statement, mean, n) in &self.feedback.statements {
                let mean = if *n == 0 {
                    "-".to_string()
                } else {
                    format!("{mean:.1}")
                };
                let _ = writeln!(out, "| {} | {mean} | {n} |", cell(statement));
            }
            let _ = writeln!(out);
            for (who, what, text) in &self.feedback.remarks {
                let _ = writeln!(out, "- {who} ({what}): {}", text.replace('\n', " "));
            }
        }

        let _ = writeln!(out, "\n## {}\n", say("Exercise control"));
        if self.control.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                say(
                    "Exercise control fired, withdrew, held back and rewrote no inject, and made no ruling."
                )
            );
        } else {
            let _ = writeln!(out, "{}", head(lang, &["Time", "Kind", "What was done"]));
            for c in &self.control {
                let _ = writeln!(out, "| {} | {} | {} |", c.time, c.what, cell(&c.text));
            }
        }

        let _ = writeln!(out, "\n## {}\n", say("Strengths"));
        findings(&mut out, &self.strengths, lang);
        let _ = writeln!(out, "\n## {}\n", say("Areas for improvement"));
        findings(&mut out, &self.areas, lang);

        let _ = writeln!(out, "\n## {}\n", say("Improvement plan"));
        let _ = writeln!(
            out,
            "{}",
            head(
                lang,
                &[
                    "Core capability",
                    "Issue or area for improvement",
                    "Corrective action",
                    "Capability element",
                    "Primary responsible organization",
                    "Point of contact",
                    "Start date",
                    "Completion date"
                ]
            )
        );
        for r in &self.plan {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&r.capability),
                cell(&r.issue),
                cell(&r.action),
                r.element.map_or("", |e| say(e.name())),
                cell(&r.owner),
                cell(&r.poc),
                cell(r.start.as_deref().unwrap_or("")),
                cell(r.due.as_deref().unwrap_or(""))
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_in_their_column() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
