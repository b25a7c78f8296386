//! A scenario read back as plain text: title, clock and phases, teams, the asset dependency
//! tree, the adversary's path, the MSEL in time order and the objectives. Rendering only reads.

use crate::simtime::Minutes;
use std::fmt::Write;

use crate::scenario::model::{
    AssetId, Condition, Deadline, PlayedBy, Scenario, StageEffect, Trigger,
};

/// The whole summary.
pub fn explain(s: &Scenario) -> String {
    let mut out = String::new();
    header(&mut out, s);
    teams(&mut out, s);
    assets(&mut out, s);
    adversary(&mut out, s);
    injects(&mut out, s);
    objectives(&mut out, s);
    out
}

/// "Tue 04 Jul 08:00 (+2h)": a tick as a date and as an offset from the start.
fn when(s: &Scenario, tick: u32) -> String {
    format!("{} (+{})", s.clock.label(tick), s.clock.elapsed(tick))
}

fn header(out: &mut String, s: &Scenario) {
    let m = &s.meta;
    let _ = writeln!(
        out,
        "{}\n{}",
        m.title,
        "=".repeat(m.title.main().chars().count())
    );
    let _ = writeln!(out, "id {}, version {}", m.id, m.version);
    if !m.summary.is_empty() {
        let _ = writeln!(out, "\n{}", wrap(m.summary.main(), 96, ""));
    }
    let c = &s.clock;
    let _ = writeln!(
        out,
        "\nClock: from {} for {}, in ticks of {} ({} ticks)",
        c.stamp(0),
        c.elapsed(c.end_tick),
        c.tick,
        c.end_tick
    );
    for p in &s.phases {
        let _ = writeln!(out, "  {:<26} {} ({})", when(s, p.tick), p.name, p.id);
    }
}

fn teams(out: &mut String, s: &Scenario) {
    let _ = writeln!(out, "\nTeams");
    let width = s.teams.iter().map(|t| t.id.len()).max().unwrap_or(0);
    for t in &s.teams {
        let played = match t.played_by {
            PlayedBy::People => "people",
            PlayedBy::Simulation => "the simulation",
        };
        let nation = if t.nation.is_empty() {
            String::new()
        } else {
            format!(", {}", t.nation)
        };
        let _ = writeln!(
            out,
            "  {:<width$}  {} ({:?}{nation}), played by {played}, cleared {:?}, staff {}",
            t.id, t.name, t.kind, t.clearance, t.staff
        );
    }
}

/// Each asset nothing else needs, with what it needs beneath it: `needs` for `depends_on`
/// (down with it), `uses` for `uses` (degraded without it), `any of` for each member of a
/// group of alternatives (with the group's number when there are several) and `reserve` with
/// its time for a dependency covered by a reserve. A reserve does not make its supplier needed
/// at the top level, so a cycle through one still has a root. An asset already drawn is not
/// expanded again, so the text grows with the number of assets and links.
fn assets(out: &mut String, s: &Scenario) {
    let _ = writeln!(
        out,
        "\nAssets (each asset nothing else needs, and what it needs beneath it)"
    );
    let mut needed = vec![false; s.assets.len()];
    for a in &s.assets {
        for d in a
            .depends_on
            .iter()
            .chain(&a.uses)
            .chain(a.depends_on_any.iter().flatten())
            .chain(a.depends_on_shares.iter().flatten())
        {
            if let Some(n) = needed.get_mut(d.index()) {
                *n = true;
            }
        }
    }
    let mut drawn = vec![false; s.assets.len()];
    for (i, _) in s.assets.iter().enumerate() {
        let id = AssetId(i as u32);
        if !needed[i] {
            // Reached again only through a reserve, around a cycle.
            drawn[i] = true;
            asset_line(out, s, id, "  ", "");
            children(out, s, id, &mut drawn);
        }
    }
    for (i, _) in s.assets.iter().enumerate() {
        // Assets only reachable through a cycle would not be drawn; validation forbids cycles.
        if !drawn[i] && needed[i] {
            asset_line(out, s, AssetId(i as u32), "  ", "");
        }
    }
}

fn asset_line(out: &mut String, s: &Scenario, id: AssetId, prefix: &str, label: &str) {
    let a = s.asset(id);
    let service = a.service.as_ref().map_or(String::new(), |sv| {
        let m = &s.service_measures[sv.measure.index()];
        format!(", {} {} {}", m.id, sv.normal, m.unit)
    });
    let owner = &s.team(a.owner).id;
    let operators: Vec<&str> = a.operators.iter().map(|t| s.team(*t).id.as_str()).collect();
    let operators = if operators.is_empty() {
        String::new()
    } else {
        format!(", run by {}", operators.join(", "))
    };
    let _ = writeln!(
        out,
        "{prefix}{label}{} ({}; {:?}, {:?}, owner {owner}{operators}{service})",
        a.id, a.name, a.kind, a.criticality
    );
}

/// Levels of the asset tree deeper than this are drawn at this indentation, marked with their
/// level, so that a long chain of dependencies gives text linear in its length.
const MAX_INDENT: usize = 12;

/// Draws what `root` needs, depth first, with an explicit stack (no recursion, whatever the
/// depth of the chain).
fn children(out: &mut String, s: &Scenario, root: AssetId, drawn: &mut [bool]) {
    let kids_of = |id: AssetId| -> Vec<(AssetId, String)> {
        let a = s.asset(id);
        let several = a.depends_on_any.len() > 1;
        let groups = a
            .depends_on_any
            .iter()
            .enumerate()
            .flat_map(move |(g, group)| {
                let label = if several {
                    format!("any of #{} ", g + 1)
                } else {
                    "any of ".to_string()
                };
                group.iter().map(move |d| (*d, label.clone()))
            });
        let parts = a.depends_on_shares.iter().flat_map(|group| {
            let label = format!("1/{} of ", group.len());
            group.iter().map(move |d| (*d, label.clone()))
        });
        let reserves = a.depends_on_reserve.iter().map(|r| {
            let lasts = Minutes(r.ticks.saturating_mul(s.clock.tick.0));
            (r.asset, format!("reserve {lasts} "))
        });
        a.depends_on
            .iter()
            .map(|d| (*d, "needs ".to_string()))
            .chain(a.uses.iter().map(|u| (*u, "uses  ".to_string())))
            .chain(groups)
            .chain(parts)
            .chain(reserves)
            .collect()
    };
    // One frame per level: the children of an asset and the next to draw; `rails` holds the
    // indentation each open level adds ("│  " while siblings follow, "   " after the last).
    let mut stack = vec![(kids_of(root), 0usize)];
    let mut rails: Vec<&'static str> = Vec::new();
    while let Some((kids, next)) = stack.last_mut() {
        let Some((child, label)) = kids.get(*next).cloned() else {
            stack.pop();
            rails.pop();
            continue;
        };
        *next += 1;
        let last = *next == kids.len();
        let branch = if last { "└─ " } else { "├─ " };
        let mut indent = String::from("  ");
        for rail in rails.iter().take(MAX_INDENT) {
            indent.push_str(rail);
        }
        if rails.len() > MAX_INDENT {
            let _ = write!(indent, "… level {} ", rails.len() + 1);
        }
        if drawn[child.index()] {
            let _ = writeln!(
                out,
                "{indent}{branch}{label}{} (see above)",
                s.asset(child).id
            );
            continue;
        }
        drawn[child.index()] = true;
        asset_line(out, s, child, &format!("{indent}{branch}"), &label);
        rails.push(if last { "   " } else { "│  " });
        stack.push((kids_of(child), 0));
    }
}

fn adversary(out: &mut String, s: &Scenario) {
    let _ = writeln!(out, "\nThe adversary's path");
    if s.campaigns.is_empty() {
        let _ = writeln!(out, "  (no campaign)");
    }
    for c in &s.campaigns {
        let starts = c
            .starts
            .as_ref()
            .map_or("at once".to_string(), |w| condition(s, w));
        let _ = writeln!(
            out,
            "  {} ({}), by {}, starts {starts}",
            c.id,
            c.name,
            s.team(c.team).id
        );
        for (k, st) in c.stages.iter().enumerate() {
            let targets: Vec<&str> = st.targets.iter().map(|a| s.asset(*a).id.as_str()).collect();
            let _ = writeln!(
                out,
                "    {}. {} {} {}: {} -> {}",
                k + 1,
                st.id,
                st.technique,
                st.technique_name,
                effect(s, &st.effect),
                targets.join(", ")
            );
            let after: Vec<&str> = st
                .after
                .iter()
                .filter_map(|p| c.stages.get(*p as usize).map(|p| p.id.as_str()))
                .collect();
            let mut notes = vec![format!(
                "chance {}, dwell {}-{}, detection {}",
                st.chance,
                s.clock.elapsed(st.dwell_ticks.0),
                s.clock.elapsed(st.dwell_ticks.1),
                st.detection
            )];
            if !after.is_empty() {
                notes.push(format!("after {}", after.join(", ")));
            }
            if let Some(from) = &st.from {
                let from: Vec<&str> = from.iter().map(|a| s.asset(*a).id.as_str()).collect();
                notes.push(format!("worked from {}", from.join(" or ")));
            }
            if let Some(w) = &st.when {
                notes.push(format!("when {}", condition(s, w)));
            }
            for h in c.held_at_start.iter().filter(|h| h.stage as usize == k) {
                let held: Vec<&str> = h.assets.iter().map(|a| s.asset(*a).id.as_str()).collect();
                let since = crate::simtime::Minutes(h.since_minutes);
                notes.push(format!(
                    "held at the start on {} (since {since} before)",
                    held.join(", ")
                ));
            }
            let _ = writeln!(out, "       {}", notes.join("; "));
        }
    }
}

fn effect(s: &Scenario, e: &StageEffect) -> String {
    match e {
        StageEffect::Exfiltrate { records } => format!("Exfiltrate {records} records"),
        StageEffect::Drain {
            per_hour, up_to, ..
        } => match up_to {
            Some(n) => format!("Exfiltrate {per_hour} records an hour, up to {n}"),
            None => format!("Exfiltrate {per_hour} records an hour"),
        },
        StageEffect::Disrupt { ticks: Some(t) } => {
            format!("Disrupt for {}", s.clock.elapsed(*t))
        }
        StageEffect::Disrupt { ticks: None } => "Disrupt until restored".into(),
        other => format!("{other:?}"),
    }
}

fn injects(out: &mut String, s: &Scenario) {
    let _ = writeln!(out, "\nInjects (the MSEL): by time, then on conditions");
    let mut timed: Vec<(u32, usize)> = Vec::new();
    let mut triggered = Vec::new();
    for (i, inj) in s.injects.iter().enumerate() {
        match inj.trigger {
            Trigger::At(t) => timed.push((t, i)),
            Trigger::When(_) => triggered.push(i),
        }
    }
    timed.sort();
    for i in timed.into_iter().map(|(_, i)| i).chain(triggered) {
        let inj = &s.injects[i];
        let trigger = match &inj.trigger {
            Trigger::At(t) => when(s, *t),
            Trigger::When(w) => format!("when {}", condition(s, w)),
        };
        let to: Vec<&str> = inj.to.iter().map(|t| s.team(*t).id.as_str()).collect();
        let _ = writeln!(out, "  {trigger}");
        let _ = writeln!(
            out,
            "    {} ({:?} from {} to {}): {}",
            inj.id,
            inj.channel,
            inj.from,
            to.join(", "),
            inj.subject
        );
        let expects = inj.expects.map(|a| s.action(a).id.as_str());
        let objective = inj.objective.map(|o| s.objectives[o.index()].id.as_str());
        if expects.is_some() || objective.is_some() {
            let _ = writeln!(
                out,
                "      expects {}, for objective {}",
                expects.unwrap_or("-"),
                objective.unwrap_or("-")
            );
        }
    }
}

fn objectives(out: &mut String, s: &Scenario) {
    let _ = writeln!(out, "\nObjectives");
    for o in &s.objectives {
        let deadline = match &o.deadline {
            None => "by the end".to_string(),
            Some(Deadline::By(t)) => format!("by {}", when(s, *t)),
            Some(Deadline::Within(d, w)) => {
                format!("within {} of {}", s.clock.elapsed(*d), condition(s, w))
            }
            Some(Deadline::Maintain(None)) => "held throughout".to_string(),
            Some(Deadline::Maintain(Some(t))) => format!("held until {}", when(s, *t)),
        };
        let _ = writeln!(out, "  {} ({}): {}", o.id, s.team(o.team).id, o.name);
        let _ = writeln!(out, "    goal {}; {deadline}", condition(s, &o.goal));
    }
}

/// A condition written back with ids, much as authors write it.
pub fn condition(s: &Scenario, c: &Condition) -> String {
    let list = |cs: &[Condition]| {
        cs.iter()
            .map(|c| condition(s, c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let team = |t: &crate::scenario::model::TeamId| s.team(*t).id.clone();
    match c {
        Condition::Always => "always".into(),
        Condition::All(cs) => format!("All({})", list(cs)),
        Condition::Any(cs) => format!("Any({})", list(cs)),
        Condition::Not(inner) => format!("Not({})", condition(s, inner)),
        Condition::After(t) => format!("After({})", s.clock.elapsed(*t)),
        Condition::Phase(p) => format!("Phase({})", s.phases[p.index()].id),
        Condition::Asset(a, st) => format!("Asset({}, {st:?})", s.asset(*a).id),
        Condition::Stage(r) => format!("Stage({})", s.stage_name(*r)),
        Condition::Detected(t, r) => format!("Detected({}, {})", team(t), s.stage_name(*r)),
        Condition::Done(t, a) => format!("Done({}, {})", team(t), s.action(*a).id),
        Condition::Delivered(i) => format!("Delivered({})", s.injects[i.index()].id),
        Condition::Holds(t, i) => format!("Holds({}, {})", team(t), s.intel[i.index()].id),
        Condition::Above(m, v) => format!("Above({}, {v})", s.measure_name(*m)),
        Condition::Below(m, v) => format!("Below({}, {v})", s.measure_name(*m)),
        Condition::Chance(p) => format!("Chance({p})"),
        Condition::Halted(c) => format!("Halted({})", s.campaigns[c.index()].id),
        Condition::Granted(t, a) => format!("Granted({}, {})", team(t), s.action(*a).id),
        Condition::DetectedAny(t, c) => {
            format!("DetectedAny({}, {})", team(t), s.campaigns[c.index()].id)
        }
        Condition::DoneOn(t, a, asset) => format!(
            "DoneOn({}, {}, {})",
            team(t),
            s.action(*a).id,
            s.asset(*asset).id
        ),
        Condition::Level(l) => format!("Level({})", s.levels[l.index()].id),
        Condition::Received(to, from, a) => {
            format!(
                "Received({}, {}, {})",
                team(to),
                team(from),
                s.action(*a).id
            )
        }
        Condition::NoticeMissed(t, a) => format!("NoticeMissed({}, {})", team(t), s.action(*a).id),
    }
}

/// Greedy word wrap at `width` columns, each line after the first indented by `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            line = indent.len();
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}
