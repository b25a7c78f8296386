//! An analysis as tables, written as aligned text, Markdown or a self-contained XHTML page
//! (with histograms of outage hours drawn by the report's SVG chart code). Only reads.

use std::fmt::Write as _;

use super::{Analysis, EventStats, Rate, SetStats, Spread};
use crate::number::short;
use crate::report::chart;
use crate::report::html::esc;

/// One table: a first column naming the row, then one column per decision set.
struct Table {
    title: &'static str,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn pct(r: &Rate) -> String {
    format!("{:.1}%", r.rate * 100.0)
}

fn spread(s: &Spread) -> String {
    format!("{} / {} / {}", short(s.p5), short(s.median), short(s.p95))
}

fn event(e: &EventStats) -> String {
    match &e.hours {
        Some(h) => format!("{} at {}h", pct(&e.rate), short(h.median)),
        None => pct(&e.rate),
    }
}

fn side_by_side<T>(
    a: &Analysis,
    title: &'static str,
    first: &str,
    items: impl Fn(&SetStats) -> &[T],
    id: impl Fn(&T) -> &str,
    cell: impl Fn(&T) -> String,
) -> Table {
    let mut head = vec![first.to_string()];
    head.extend(a.sets.iter().map(|s| s.name.clone()));
    let count = a.sets.first().map_or(0, |s| items(s).len());
    let rows = (0..count)
        .map(|i| {
            let mut row = vec![a.sets.first().map_or("", |s| id(&items(s)[i])).to_string()];
            row.extend(
                a.sets
                    .iter()
                    .map(|s| items(s).get(i).map(&cell).unwrap_or_default()),
            );
            row
        })
        .collect();
    Table { title, head, rows }
}

fn tables(a: &Analysis) -> Vec<Table> {
    let mut t = vec![
        side_by_side(
            a,
            "Objectives: met rate, runs rated P S M U N/A",
            "objective",
            |s| &s.objectives,
            |o| &o.id,
            |o| {
                let r = o.ratings;
                format!(
                    "{} {}/{}/{}/{}/{}",
                    pct(&o.met),
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4]
                )
            },
        ),
        side_by_side(
            a,
            "Service outage hours (p5 / median / p95)",
            "service",
            |s| &s.services,
            |x| &x.id,
            |x| spread(&x.outage_hours),
        ),
        side_by_side(
            a,
            "Lost-service hours (p5 / median / p95)",
            "service",
            |s| &s.services,
            |x| &x.id,
            |x| spread(&x.lost_service_hours),
        ),
        side_by_side(
            a,
            "Measures at the end (p5 / median / p95)",
            "measure",
            |s| &s.measures,
            |x| &x.id,
            |x| format!("{} {}", spread(&x.end), x.unit),
        ),
        side_by_side(
            a,
            "Stages: success rate, median hours from the start",
            "stage",
            |s| &s.stages,
            |x| &x.id,
            event,
        ),
        side_by_side(
            a,
            "Detections (by any team): rate, median hours from the start",
            "stage",
            |s| &s.detections,
            |x| &x.id,
            event,
        ),
        side_by_side(
            a,
            "Injects: how often each went out, median hours from the start",
            "inject",
            |s| &s.injects,
            |x| &x.id,
            event,
        ),
    ];
    type Pick = fn(&SetStats) -> &Vec<String>;
    let lists: [(&str, Pick); 4] = [
        ("conditional injects that never fired", |s| {
            &s.conditional_injects_never_fired
        }),
        ("actions never taken", |s| &s.actions_never_taken),
        ("objectives never met", |s| &s.objectives_never_met),
        ("objectives always met", |s| &s.objectives_always_met),
    ];
    let mut rows = Vec::new();
    for s in &a.sets {
        for (name, pick) in &lists {
            let l = pick(s);
            rows.push(vec![
                s.name.clone(),
                name.to_string(),
                if l.is_empty() {
                    "-".to_string()
                } else {
                    l.join(", ")
                },
            ]);
        }
    }
    t.push(Table {
        title: "What never or always happens",
        head: ["set", "what", "which"].map(String::from).to_vec(),
        rows,
    });
    let mut rows = Vec::new();
    for s in &a.sets {
        for d in &s.decisive {
            for (k, x) in d.drivers.iter().enumerate() {
                rows.push(vec![
                    if k == 0 {
                        d.objective.clone()
                    } else {
                        String::new()
                    },
                    s.name.clone(),
                    x.event.clone(),
                    format!("{} of {}", pct(&x.met_with), x.met_with.of),
                    format!("{} of {}", pct(&x.met_without), x.met_without.of),
                    format!("{:+.1}", x.difference * 100.0),
                ]);
            }
        }
    }
    t.push(Table {
        title: "What decides the outcome: met rate with and without an event (points)",
        head: [
            "objective",
            "set",
            "event",
            "met with",
            "met without",
            "difference",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    });
    t
}

fn heading(a: &Analysis) -> String {
    let runs = a.sets.first().map_or(0, |s| s.runs);
    format!(
        "{} runs per decision set (seeds {}), decision sets: {}",
        runs,
        a.seeds,
        a.sets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Aligned plain text for a terminal.
pub fn text(a: &Analysis) -> String {
    let mut out = format!("Analysis of {} ({})\n{}\n", a.scenario, a.title, heading(a));
    for t in tables(a) {
        let _ = write!(out, "\n{}\n", t.title);
        if t.rows.is_empty() {
            out.push_str("  (none)\n");
            continue;
        }
        let cols = t.head.len();
        let width: Vec<usize> = (0..cols)
            .map(|c| {
                std::iter::once(&t.head)
                    .chain(&t.rows)
                    .map(|r| r.get(c).map_or(0, |x| x.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in std::iter::once(&t.head).chain(&t.rows) {
            let mut line = String::from(" ");
            for (c, cell) in row.iter().enumerate() {
                let _ = write!(line, " {cell:<w$}", w = width[c]);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Markdown.
pub fn markdown(a: &Analysis) -> String {
    let mut out = format!(
        "# Analysis of {}\n\n{}\n\n{}\n",
        a.scenario,
        a.title,
        heading(a)
    );
    for t in tables(a) {
        let _ = write!(out, "\n## {}\n\n", t.title);
        if t.rows.is_empty() {
            out.push_str("None.\n");
            continue;
        }
        let line = |r: &Vec<String>| {
            format!(
                "| {} |\n",
                r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")
            )
        };
        out.push_str(&line(&t.head));
        let _ = writeln!(out, "|{}", "---|".repeat(t.head.len()));
        for r in &t.rows {
            out.push_str(&line(r));
        }
    }
    out
}

/// A self-contained XHTML page with a histogram of each service's outage hours per set.
pub fn html(a: &Analysis) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"UTF-8\"/>",
    );
    let _ = write!(
        out,
        "<title>Analysis of {}</title><style>body{{font-family:sans-serif;max-width:70em;margin:auto}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:2px 6px;text-align:left}}.chart{{max-width:640px}}.grid{{stroke:#ddd}}.axis{{stroke:#333}}.bar{{fill:#4a7ab0}}.t{{font-weight:bold;font-size:12px}}.yl{{text-anchor:end;font-size:10px}}.xl{{text-anchor:middle;font-size:10px}}</style></head><body>",
        esc(&a.scenario)
    );
    let _ = write!(
        out,
        "<h1>Analysis of {}</h1><p>{}</p><p>{}</p>",
        esc(&a.scenario),
        esc(&a.title),
        esc(&heading(a))
    );
    for t in tables(a) {
        let _ = write!(out, "<h2>{}</h2>", esc(t.title));
        if t.rows.is_empty() {
            out.push_str("<p>None.</p>");
            continue;
        }
        out.push_str("<table><tr>");
        for h in &t.head {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("</tr>");
        for r in &t.rows {
            out.push_str("<tr>");
            for c in r {
                let _ = write!(out, "<td>{}</td>", esc(c));
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
    }
    out.push_str("<h2>Outage hours, run by run</h2>");
    for s in &a.sets {
        for x in &s.services {
            let title = format!("{} ({})", x.id, s.name);
            out.push_str(&chart::histogram(&title, "hours", &x.outages, 12));
        }
    }
    out.push_str("</body></html>\n");
    out
}
