//! The report as one self-contained, printable HTML page, written as well-formed XHTML: inline
//! CSS, inline SVG charts, no scripts, no external resources. Every text passes through [`esc`].
//! The timeline filters by kind with checkboxes and CSS alone.

use std::fmt::Write as _;

use super::chart::svg;
use super::prose::interval;
use super::words::say;
use super::{AfterAction, Finding, KeyKind, Rating};
use crate::lang::Lang;
use crate::number::short;

/// Escapes text for XHTML element content and quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

pub(crate) const CSS: &str = r#"
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans JP", sans-serif; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #1b1b1b; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.r { font-weight: bold; text-align: center; }
.r-P { background: #d8f0d8; } .r-S { background: #eef5c8; } .r-M { background: #fbe3c0; } .r-U { background: #f6cccc; } .r-NA { background: #e8e8e8; }
.by { font-size: .8rem; color: #555; }
.chart { width: 100%; height: auto; max-width: 40rem; display: block; margin: .5rem 0 1rem; }
.chart .grid { stroke: #ddd; stroke-width: 1; }
.chart .axis { stroke: #333; stroke-width: 1; }
.chart .line { fill: none; stroke: #1f5fa8; stroke-width: 2; }
.chart text { font-size: 11px; fill: #333; }
.chart .t { font-size: 13px; font-weight: bold; }
.chart .yl { text-anchor: end; }
.chart .xl { text-anchor: middle; }
.filters label { margin-right: .8rem; font-size: .9rem; }
#f-inject:not(:checked) ~ table tr.k-inject, #f-action:not(:checked) ~ table tr.k-action,
#f-impact:not(:checked) ~ table tr.k-impact, #f-detection:not(:checked) ~ table tr.k-detection,
#f-objective:not(:checked) ~ table tr.k-objective, #f-adjudication:not(:checked) ~ table tr.k-adjudication { display: none; }
/* Print: the paper is the reader's choice (A4 or Letter); the margins and the fluid layout fit the
   narrower and the shorter of the two (A4 width 210mm, Letter height 279mm). */
@page { size: auto; margin: 15mm 14mm 16mm; }
@media print {
  html, body { background: #fff !important; color: #000 !important; }
  body { margin: 0; max-width: none; font-size: 10pt; line-height: 1.3; }
  input.filter, label.filter, .filters { display: none; }
  section { break-before: page; }
  section#overview, section#areas, section#hot-wash, section#feedback { break-before: auto; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { width: 100%; font-size: 9pt; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr, td, th, .chart, figure { break-inside: avoid; page-break-inside: avoid; }
  .chart { width: 100%; max-width: 100%; height: auto; }
  th { background: #eee !important; }
  th, .r { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  code { white-space: normal; }
}
"#;

fn rating_class(r: Rating) -> &'static str {
    match r {
        Rating::P => "r r-P",
        Rating::S => "r r-S",
        Rating::M => "r r-M",
        Rating::U => "r r-U",
        Rating::NotApplicable => "r r-NA",
    }
}

fn findings(out: &mut String, list: &[Finding], lang: Lang) {
    let say = |w| say(lang, w);
    if list.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", say("None recorded."));
        return;
    }
    out.push_str("<ul>\n");
    for f in list {
        let by = if f.by_facilitator {
            format!(
                r#" <span class="by">({})</span>"#,
                say("Facilitator").to_lowercase()
            )
        } else {
            String::new()
        };
        let _ = writeln!(out, "<li>{}{by}</li>", esc(&f.text));
    }
    out.push_str("</ul>\n");
}

impl AfterAction {
    pub fn to_html(&self) -> String {
        let o = &self.overview;
        let lang = self.lang;
        let say = |w| say(lang, w);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{code}\" xml:lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}: {}</title>\n<style>{CSS}</style>\n</head>\n<body>",
            say("After-action report"),
            esc(&o.title),
            code = lang.code()
        );
        let _ = writeln!(
            out,
            "<h1>{}: {}</h1>",
            say("After-action report"),
            esc(&o.title)
        );

        let _ = writeln!(
            out,
            "<section id=\"overview\">\n<h2>{}</h2>\n<table>",
            say("Overview")
        );
        let stopped = if o.finished {
            String::new()
        } else {
            format!(" {}", say("(stopped early)"))
        };
        let rows = [
            ("Scenario", format!("{} ({})", o.title, o.id)),
            (
                "Exercise dates (simulated)",
                format!("{} {} {}{stopped}", o.start, say("to"), o.end),
            ),
            ("Times", o.times.clone()),
            (
                "Run on",
                o.run_date
                    .clone()
                    .unwrap_or_else(|| say("not recorded").into()),
            ),
            (
                "Seed",
                o.seed.map_or(say("not recorded").into(), |s| s.to_string()),
            ),
            (
                "Decisions",
                o.decisions
                    .clone()
                    .unwrap_or_else(|| say("none scripted").into()),
            ),
        ];
        for (k, v) in rows {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                esc(say(k)),
                esc(&v)
            );
        }
        out.push_str("</table>\n");
        if !o.summary.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", esc(o.summary.trim()));
        }
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            say("Participants"),
            say("Team"),
            say("Kind"),
            say("Played by"),
            say("Players")
        );
        for p in &o.participants {
            let _ = writeln!(
                out,
                "<tr><td>{} (<code>{}</code>)</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&p.name),
                esc(&p.id),
                esc(&p.kind),
                esc(&p.played_by),
                esc(p.players.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</tbody>\n</table>\n");
        if !o.learning_objectives.is_empty() {
            let _ = writeln!(out, "<h3>{}</h3>\n<ol>", say("Learning objectives"));
            for l in &o.learning_objectives {
                let _ = writeln!(out, "<li>{}</li>", esc(l));
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</section>\n");

        let _ = write!(
            out,
            "<section id=\"objectives\">\n<h2>{}</h2>\n<p>",
            say("Objectives")
        );
        let scale: Vec<String> = [
            Rating::P,
            Rating::S,
            Rating::M,
            Rating::U,
            Rating::NotApplicable,
        ]
        .iter()
        .map(|r| format!("<b>{}</b> {}", esc(r.code()), esc(say(r.meaning()))))
        .collect();
        out.push_str(&scale.join(" · "));
        let _ = writeln!(
            out,
            "</p>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            say("Objective"),
            say("Team"),
            say("Deadline"),
            say("Rating"),
            say("Evidence")
        );
        for a in &self.objectives {
            let by = if a.by_facilitator {
                format!(
                    "<br/><span class=\"by\">{} {}</span>",
                    say("facilitator; automatic"),
                    esc(a.automatic.code())
                )
            } else {
                String::new()
            };
            let comment = a
                .comment
                .as_deref()
                .map(|c| format!("<br/><i>{}:</i> {}", say("Facilitator"), esc(c)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr id=\"objective-{}\"><td>{} (<code>{}</code>)</td><td>{}</td><td>{}</td><td class=\"{}\" title=\"{}\">{}{by}</td><td>{}{comment}</td></tr>",
                esc(&a.id),
                esc(&a.name),
                esc(&a.id),
                esc(&a.team_name),
                esc(&a.deadline),
                rating_class(a.rating),
                esc(say(a.rating.meaning())),
                esc(a.rating.code()),
                esc(&a.evidence)
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");

        let _ = writeln!(
            out,
            "<section id=\"timeline\">\n<h2>{}</h2>\n<div class=\"filters\">{}</div>",
            say("Timeline of key events"),
            say("Show:")
        );
        for k in KeyKind::ALL {
            let _ = writeln!(
                out,
                "<input type=\"checkbox\" class=\"filter\" id=\"f-{0}\" checked=\"checked\"/><label class=\"filter\" for=\"f-{0}\">{1}</label>",
                k.name(),
                say(k.name())
            );
        }
        let _ = writeln!(
            out,
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            say("Time"),
            say("Kind"),
            say("Event")
        );
        for e in &self.timeline {
            let _ = writeln!(
                out,
                "<tr class=\"k-{0}\"><td>{1}</td><td>{3}</td><td>{2}</td></tr>",
                e.kind.name(),
                esc(&e.time),
                esc(&e.text),
                say(e.kind.name())
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");

        let _ = writeln!(
            out,
            "<section id=\"measures\">\n<h2>{}</h2>",
            say("Measures over time")
        );
        for m in &self.measures {
            out.push_str(&svg(
                &m.name,
                &m.unit,
                &m.values,
                self.last_tick,
                &self.axis,
            ));
            let _ = writeln!(
                out,
                "\n<p class=\"by\">{} {} · {} {} · {} {} · {} {} {}</p>",
                say("start"),
                esc(&short(m.start)),
                say("min"),
                esc(&short(m.min)),
                say("max"),
                esc(&short(m.max)),
                say("end"),
                esc(&short(m.end)),
                esc(&m.unit)
            );
        }
        if !self.services.is_empty() {
            let _ = writeln!(
                out,
                "<h3>{}</h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
                say("Services"),
                say("Service"),
                say("Outages"),
                say("When (below normal)"),
                say("Outage (h, total)"),
                say("Service lost (h)")
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
                    "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    esc(name),
                    s.intervals.len(),
                    esc(&when),
                    short(s.outage_hours),
                    short(s.lost_service_hours)
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
        out.push_str("</section>\n");

        let _ = writeln!(
            out,
            "<section id=\"notes\">\n<h2>{}</h2>",
            say("Observations")
        );
        if self.notes.is_empty() && self.general_notes.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", say("None recorded."));
        }
        for g in &self.notes {
            let _ = writeln!(
                out,
                "<h3>{} ({}, <code>{}</code>)</h3>\n<ul>",
                esc(&g.name),
                esc(&g.team),
                esc(&g.objective)
            );
            for n in &g.notes {
                let _ = writeln!(out, "<li>{}</li>", esc(&n.line(lang)));
            }
            out.push_str("</ul>\n");
        }
        if !self.general_notes.is_empty() {
            let _ = writeln!(out, "<h3>{}</h3>\n<ul>", say("General"));
            for n in &self.general_notes {
                let _ = writeln!(out, "<li>{}</li>", esc(&n.line(lang)));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");

        let _ = writeln!(
            out,
            "<section id=\"hot-wash\">\n<h2>{}</h2>",
            say("Hot wash")
        );
        if self.hot_wash.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", say("None recorded."));
        }
        for h in &self.hot_wash {
            let _ = writeln!(out, "<h3>{}</h3>\n<ul>", esc(&h.team));
            for x in &h.strengths {
                let _ = writeln!(out, "<li>{}: {}</li>", say("Strength"), esc(x));
            }
            for x in &h.improvements {
                let _ = writeln!(out, "<li>{}: {}</li>", say("Area for improvement"), esc(x));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");

        let _ = writeln!(
            out,
            "<section id=\"feedback\">\n<h2>{}</h2>",
            say("Participant feedback")
        );
        if self.feedback.forms == 0 {
            let _ = writeln!(out, "<p>{}</p>", say("No feedback form was recorded."));
        } else {
            let _ = writeln!(
                out,
                "<p>{}{}{}</p>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
                self.feedback.forms,
                lang.pick(" ", ""),
                say("form(s); scores from 1 (strongly disagree) to 5 (strongly agree)."),
                say("Statement"),
                say("Mean score"),
                say("Forms that scored it")
            );
            for (statement, mean, n) in &self.feedback.statements {
                let mean = if *n == 0 {
                    "-".to_string()
                } else {
                    format!("{mean:.1}")
                };
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{mean}</td><td>{n}</td></tr>",
                    esc(statement)
                );
            }
            out.push_str("</tbody>\n</table>\n<ul>\n");
            for (who, what, text) in &self.feedback.remarks {
                let _ = writeln!(out, "<li>{} ({what}): {}</li>", esc(who), esc(text));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");

        let _ = writeln!(
            out,
            "<section id=\"control\">\n<h2>{}</h2>",
            say("Exercise control")
        );
        if self.control.is_empty() {
            let _ = writeln!(
                out,
                "<p>{}</p>",
                say(
                    "Exercise control fired, withdrew, held back and rewrote no inject, and made no ruling."
                )
            );
        } else {
            let _ = writeln!(
                out,
                "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
                say("Time"),
                say("Kind"),
                say("What was done")
            );
            for c in &self.control {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&c.time),
                    c.what,
                    esc(&c.text)
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
        out.push_str("</section>\n");

        let _ = writeln!(
            out,
            "<section id=\"strengths\">\n<h2>{}</h2>",
            say("Strengths")
        );
        findings(&mut out, &self.strengths, lang);
        let _ = writeln!(
            out,
            "</section>\n<section id=\"areas\">\n<h2>{}</h2>",
            say("Areas for improvement")
        );
        findings(&mut out, &self.areas, lang);
        out.push_str("</section>\n");

        let _ = writeln!(
            out,
            "<section id=\"plan\">\n<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            say("Improvement plan"),
            say("Core capability"),
            say("Issue or area for improvement"),
            say("Corrective action"),
            say("Capability element"),
            say("Primary responsible organization"),
            say("Point of contact"),
            say("Start date"),
            say("Completion date")
        );
        for r in &self.plan {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&r.capability),
                esc(&r.issue),
                esc(&r.action),
                r.element.map_or("", |e| say(e.name())),
                esc(&r.owner),
                esc(&r.poc),
                esc(r.start.as_deref().unwrap_or("")),
                esc(r.due.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n</body>\n</html>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("訓練\u{1}"), "訓練\u{fffd}");
    }
}
