//! Two sessions of one scenario side by side (typically a session and a what-if branch of it):
//! objectives and when they were settled, the measures at the end, service outage hours, and the
//! first tick at which their command histories part. The numbers are [`summary::summarise`]'s.

use std::fmt::Write;

use super::{Restored, divergence};
use crate::summary;

/// The comparison as text, one section per kind of result.
pub fn side_by_side(a: &Restored, b: &Restored) -> String {
    let sum = |r: &Restored| {
        let every = r.scenario.clock.end_tick.max(1);
        summary::summarise(&r.sim, r.header.seed, Some(r.name.clone()), every)
    };
    let (sa, sb) = (sum(a), sum(b));
    let clock = &a.scenario.clock;
    let mut out = String::new();
    let _ = writeln!(out, "Comparing two sessions of {}", a.header.scenario);
    for (label, r) in [("A", a), ("B", b)] {
        let reached = r.sim.tick().map_or("(not started)".to_string(), |t| {
            format!("tick {t} of {} ({})", clock.end_tick, clock.label(t))
        });
        let branch = r.header.branch.as_ref().map_or(String::new(), |br| {
            format!(
                ", branch of {} at tick {}",
                br.parent,
                br.tick.map_or("-".into(), |t| t.to_string())
            )
        });
        let _ = writeln!(
            out,
            "  {label}  {}: seed {}, reached {reached}, {} command(s){branch}",
            r.name,
            r.header.seed,
            r.submitted.len()
        );
    }
    let parted = match divergence(&a.submitted, &b.submitted) {
        None => "the same commands in both".to_string(),
        Some(None) => "different from the start (before the first tick)".to_string(),
        Some(Some(t)) => format!(
            "the same up to tick {t}; they first differ at tick {t} ({})",
            clock.label(t)
        ),
    };
    let _ = writeln!(out, "  Commands: {parted}");
    if a.header.seed != b.header.seed {
        let _ = writeln!(
            out,
            "  The seeds differ ({} and {}): chance alone can part the outcomes",
            a.header.seed, b.header.seed
        );
    }
    let _ = writeln!(out, "  (* marks a result that differs)");
    let settled = |o: &summary::ObjectiveResult| match &o.at {
        Some(at) => format!("{} {at}", o.status),
        None => o.status.clone(),
    };
    let sections: [(&str, Vec<[String; 3]>); 3] = [
        (
            "Objectives",
            sa.objectives
                .iter()
                .zip(&sb.objectives)
                .map(|(oa, ob)| {
                    [
                        format!("{}: {}", oa.team, oa.name),
                        settled(oa),
                        settled(ob),
                    ]
                })
                .collect(),
        ),
        (
            "Measures at the end",
            sa.measures
                .iter()
                .zip(&sb.measures)
                .map(|(ma, mb)| {
                    [
                        format!("{} ({})", ma.id, ma.unit),
                        number(ma.end),
                        number(mb.end),
                    ]
                })
                .collect(),
        ),
        (
            "Service outage (hours)",
            sa.services
                .iter()
                .zip(&sb.services)
                .flat_map(|(oa, ob)| {
                    [
                        [
                            oa.measure.clone(),
                            number(oa.outage_hours),
                            number(ob.outage_hours),
                        ],
                        [
                            format!("{} outages", oa.measure),
                            oa.intervals.len().to_string(),
                            ob.intervals.len().to_string(),
                        ],
                    ]
                })
                .collect(),
        ),
    ];
    let rows = || sections.iter().flat_map(|(_, rows)| rows.iter());
    let name = rows()
        .map(|r| r[0].chars().count())
        .max()
        .unwrap_or(0)
        .max(24);
    let column = rows()
        .map(|r| r[1].chars().count())
        .max()
        .unwrap_or(0)
        .max(16);
    for (title, rows) in &sections {
        let _ = writeln!(out, "\n  {title:<name$}  {:<column$}  B", "A");
        for [what, a, b] in rows {
            let mark = if a == b { ' ' } else { '*' };
            let _ = writeln!(out, "{mark} {what:<name$}  {a:<column$}  {b}");
        }
    }
    let _ = writeln!(
        out,
        "\n  {:<name$}  {:<column$}  {}",
        "State hash", sa.state_hash, sb.state_hash
    );
    out
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}
