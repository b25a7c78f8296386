//! Two sessions of one scenario side by side (typically a session and a what-if branch of it):
//! objectives and when they were settled, the measures at the end, service outage hours, and the
//! first tick at which their command histories part. The numbers are [`summary::summarise`]'s.

use std::fmt::Write;

use super::{Restored, divergence};
use crate::number::short;
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
        None => o.status.to_string(),
    };
    let sections: [(&str, Vec<Row>); 3] = [
        (
            "Objectives",
            sa.objectives
                .iter()
                .zip(&sb.objectives)
                .map(|(oa, ob)| {
                    let (a, b) = (settled(oa), settled(ob));
                    Row {
                        what: format!("{}: {}", oa.team, oa.name),
                        differs: a != b,
                        a,
                        b,
                    }
                })
                .collect(),
        ),
        (
            "Measures at the end",
            sa.measures
                .iter()
                .zip(&sb.measures)
                .map(|(ma, mb)| Row::numbers(format!("{} ({})", ma.id, ma.unit), ma.end, mb.end))
                .collect(),
        ),
        (
            "Service outage (hours)",
            sa.services
                .iter()
                .zip(&sb.services)
                .flat_map(|(oa, ob)| {
                    [
                        Row::numbers(oa.measure.clone(), oa.outage_hours, ob.outage_hours),
                        Row::count(
                            format!("{} outages", oa.measure),
                            oa.intervals.len(),
                            ob.intervals.len(),
                        ),
                    ]
                })
                .collect(),
        ),
    ];
    let rows = || sections.iter().flat_map(|(_, rows)| rows.iter());
    let name = rows()
        .map(|r| r.what.chars().count())
        .max()
        .unwrap_or(0)
        .max(24);
    let column = rows()
        .map(|r| r.a.chars().count())
        .max()
        .unwrap_or(0)
        .max(16);
    for (title, rows) in &sections {
        let _ = writeln!(out, "\n  {title:<name$}  {:<column$}  B", "A");
        for Row {
            what,
            a,
            b,
            differs,
        } in rows
        {
            let mark = if *differs { '*' } else { ' ' };
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

/// One line of a section: what, as A and B show it, and whether the results differ (judged on
/// the values, not on their short forms: 2.591 G and 2.594 G both read "2.59 G").
struct Row {
    what: String,
    a: String,
    b: String,
    differs: bool,
}

impl Row {
    fn numbers(what: String, a: f64, b: f64) -> Row {
        Row {
            what,
            a: short(a),
            b: short(b),
            differs: a != b,
        }
    }

    /// A count, shown whole.
    fn count(what: String, a: usize, b: usize) -> Row {
        Row {
            what,
            a: a.to_string(),
            b: b.to_string(),
            differs: a != b,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Row;

    #[test]
    fn a_difference_hidden_by_the_short_form_is_still_marked() {
        let r = Row::numbers(
            "economic_loss (JPY)".into(),
            2_591_000_000.0,
            2_594_000_000.0,
        );
        assert_eq!((r.a.as_str(), r.b.as_str()), ("2.59 G", "2.59 G"));
        assert!(r.differs);
        let same = Row::numbers("gate_containers".into(), 64.25, 64.25);
        assert_eq!(same.a, "64.2");
        assert!(!same.differs);
    }
}
