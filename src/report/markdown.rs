//! The report as Markdown: tables for results, a sparkline row per measure for charts.

use crate::scenario::model::Scenario;
use std::fmt::Write as _;

use super::chart::sparkline;
use super::{AfterAction, Finding, Rating};
use crate::number::short;

/// A table cell: no line breaks, pipes escaped.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn findings(out: &mut String, list: &[Finding]) {
    if list.is_empty() {
        let _ = writeln!(out, "None recorded.");
    }
    for f in list {
        let by = if f.by_facilitator {
            " *(facilitator)*"
        } else {
            ""
        };
        let _ = writeln!(out, "- {}{by}", f.text.replace('\n', " "));
    }
}

impl AfterAction {
    pub fn to_markdown(&self) -> String {
        let o = &self.overview;
        let mut out = String::new();
        let _ = writeln!(out, "# After-action report: {}\n", o.title);
        let _ = writeln!(out, "## Overview\n");
        let _ = writeln!(out, "| | |\n|---|---|");
        let _ = writeln!(out, "| Scenario | {} (`{}`) |", cell(&o.title), cell(&o.id));
        let stopped = if o.finished { "" } else { " (stopped early)" };
        let _ = writeln!(
            out,
            "| Exercise dates (simulated) | {} to {}{stopped} |",
            o.start, o.end
        );
        let _ = writeln!(out, "| Times | {} |", cell(&o.times));
        let _ = writeln!(
            out,
            "| Run on | {} |",
            cell(o.run_date.as_deref().unwrap_or("not recorded"))
        );
        let seed = o.seed.map_or("not recorded".to_string(), |s| s.to_string());
        let _ = writeln!(out, "| Seed | {seed} |");
        let _ = writeln!(
            out,
            "| Decisions | {} |",
            cell(o.decisions.as_deref().unwrap_or("none scripted"))
        );
        if !o.summary.is_empty() {
            let _ = writeln!(out, "\n{}", o.summary.trim());
        }
        let _ = writeln!(out, "\n### Participants\n");
        let _ = writeln!(
            out,
            "| Team | Kind | Played by | Players |\n|---|---|---|---|"
        );
        for p in &o.participants {
            let _ = writeln!(
                out,
                "| {} (`{}`) | {} | {} | {} |",
                cell(&p.name),
                cell(&p.id),
                p.kind,
                p.played_by,
                cell(p.players.as_deref().unwrap_or(""))
            );
        }
        if !o.learning_objectives.is_empty() {
            let _ = writeln!(out, "\n### Learning objectives\n");
            for (i, l) in o.learning_objectives.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, l.replace('\n', " "));
            }
        }

        let _ = writeln!(out, "\n## Objectives\n");
        let scale: Vec<String> = [
            Rating::P,
            Rating::S,
            Rating::M,
            Rating::U,
            Rating::NotApplicable,
        ]
        .iter()
        .map(|r| format!("**{}** {}", r.code(), r.meaning()))
        .collect();
        let _ = writeln!(out, "Ratings: {}.\n", scale.join(" · "));
        let _ = writeln!(
            out,
            "| Objective | Team | Deadline | Rating | Evidence |\n|---|---|---|---|---|"
        );
        for a in &self.objectives {
            let rating = if a.by_facilitator {
                format!(
                    "**{}** (facilitator; automatic {})",
                    a.rating.code(),
                    a.automatic.code()
                )
            } else {
                format!("**{}**", a.rating.code())
            };
            let comment = a
                .comment
                .as_deref()
                .map(|c| format!(" Facilitator: {c}"))
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

        let _ = writeln!(out, "\n## Timeline of key events\n");
        let _ = writeln!(out, "| Time | Kind | Event |\n|---|---|---|");
        for e in &self.timeline {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                e.time,
                e.kind.name(),
                cell(&e.text)
            );
        }

        let _ = writeln!(out, "\n## Measures over time\n");
        let first = self.axis.first().map_or("", |(_, l)| l.as_str());
        let last = self.axis.last().map_or("", |(_, l)| l.as_str());
        let _ = writeln!(
            out,
            "From {first} to {last}, each bar the mean of an equal share of the run.\n"
        );
        let _ = writeln!(
            out,
            "| Measure | Over time | Start | Min | Max | End | Unit |\n|---|---|---|---|---|---|---|"
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
            let _ = writeln!(out, "\n### Services\n");
            let _ = writeln!(
                out,
                "| Service | Outages | When (below normal) | Outage (h, total) | Service lost (h) |\n|---|---|---|---|---|"
            );
            for s in &self.services {
                let when: Vec<String> = s.intervals.iter().map(|i| i.describe()).collect();
                let when = if when.is_empty() {
                    "never disrupted".to_string()
                } else {
                    when.join("; ")
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    cell(&Scenario::measure_label(&s.measure)),
                    s.intervals.len(),
                    when,
                    short(s.outage_hours),
                    short(s.lost_service_hours)
                );
            }
        }

        let _ = writeln!(out, "\n## Observations\n");
        if self.notes.is_empty() && self.general_notes.is_empty() {
            let _ = writeln!(out, "None recorded.");
        }
        for g in &self.notes {
            let _ = writeln!(out, "### {} ({}, `{}`)\n", g.name, g.team, g.objective);
            for n in &g.notes {
                let _ = writeln!(out, "- {}", n.line());
            }
            let _ = writeln!(out);
        }
        if !self.general_notes.is_empty() {
            let _ = writeln!(out, "### General\n");
            for n in &self.general_notes {
                let _ = writeln!(out, "- {}", n.line());
            }
        }

        let _ = writeln!(out, "\n## Hot wash\n");
        if self.hot_wash.is_empty() {
            let _ = writeln!(out, "None recorded.");
        }
        for h in &self.hot_wash {
            let _ = writeln!(out, "### {}\n", h.team);
            for x in &h.strengths {
                let _ = writeln!(out, "- Strength: {}", x.replace('\n', " "));
            }
            for x in &h.improvements {
                let _ = writeln!(out, "- Area for improvement: {}", x.replace('\n', " "));
            }
            let _ = writeln!(out);
        }

        let _ = writeln!(out, "\n## Participant feedback\n");
        if self.feedback.forms == 0 {
            let _ = writeln!(out, "No feedback form was recorded.");
        } else {
            let _ = writeln!(
                out,
                "{} form(s); scores from 1 (strongly disagree) to 5 (strongly agree).\n\n| Statement | Mean score | Forms that scored it |\n|---|---|---|",
                self.feedback.forms
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

        let _ = writeln!(out, "\n## Exercise control\n");
        if self.control.is_empty() {
            let _ = writeln!(
                out,
                "Exercise control fired, withdrew, held back and rewrote no inject, and made no ruling."
            );
        } else {
            let _ = writeln!(out, "| Time | Kind | What was done |\n|---|---|---|");
            for c in &self.control {
                let _ = writeln!(out, "| {} | {} | {} |", c.time, c.what, cell(&c.text));
            }
        }

        let _ = writeln!(out, "\n## Strengths\n");
        findings(&mut out, &self.strengths);
        let _ = writeln!(out, "\n## Areas for improvement\n");
        findings(&mut out, &self.areas);

        let _ = writeln!(out, "\n## Improvement plan\n");
        let _ = writeln!(
            out,
            "| Core capability | Issue or area for improvement | Corrective action | Capability element | Primary responsible organization | Point of contact | Start date | Completion date |\n|---|---|---|---|---|---|---|---|"
        );
        for r in &self.plan {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&r.capability),
                cell(&r.issue),
                cell(&r.action),
                r.element.map_or("", |e| e.name()),
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
