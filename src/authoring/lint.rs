//! Design warnings for valid scenarios: objectives nobody can meet, people with nothing to decide
//! in a phase, injects that never go out, stages nobody can see, objectives no inject exercises.
//!
//! Each rule is a plain function over the validated [`Scenario`] returning [`Finding`]s located by
//! a logical path; [`lint`] runs them all on a file's text and turns the paths into spans with the
//! same source map validation uses. Every rule is sound: it warns only about what certainly cannot
//! happen in a live exercise (see `docs/authoring-guide.md` for what each deliberately leaves out).

mod reach;
mod report;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::lang::Lang;
use crate::scenario::model::{
    AssetId, Classification, Condition, Deadline, PhaseId, PlayedBy, Scenario, StageEffect,
    TeamKind, TextKey, Trigger,
};
use crate::scenario::source_map::{Path, SourceMap};
use crate::scenario::{self, Diagnostic, Diagnostics};
use reach::Reach;
pub use report::Warnings;

/// One warning, located by a logical path into the scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub path: Path,
    pub message: String,
    pub hint: String,
}

/// A lint rule: findings on a validated scenario.
pub type Rule = fn(&Scenario) -> Vec<Finding>;

/// Every rule by name, in the order findings are reported.
pub const RULES: [(&str, Rule); 12] = [
    ("objective-achievable", objectives_achievable),
    ("decision-each-phase", decisions_each_phase),
    ("inject-reachable", injects_reachable),
    ("stage-detectable", stages_detectable),
    ("objective-exercised", objectives_exercised),
    ("alternatives-independent", alternatives_independent),
    ("reserve-can-run-out", reserves_can_run_out),
    ("shares-independent", shares_independent),
    ("operator-has-no-action", operators_act),
    ("tlp-classified", tlp_classified),
    ("text-in-both-languages", texts_in_both_languages),
    ("path-reached", paths_reached),
];

/// A stage worked `from` assets (format 2) that neither its own way there (the stages it comes
/// after, directly or not) nor access held at the start puts the intruder on: it begins only if
/// another branch of the campaign happens to get there first. Usually `from` names the stage's
/// own target by mistake, or the stage is missing an `after`.
pub fn paths_reached(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    for (c, camp) in s.campaigns.iter().enumerate() {
        for (k, st) in camp.stages.iter().enumerate() {
            let Some(from) = &st.from else { continue };
            let mut before = vec![false; camp.stages.len()];
            let mut todo = st.after.clone();
            while let Some(a) = todo.pop() {
                if let Some(seen) = before.get_mut(a as usize)
                    && !*seen
                {
                    *seen = true;
                    todo.extend(camp.stages[a as usize].after.iter().copied());
                }
            }
            let reached = |a: &crate::scenario::model::AssetId| {
                camp.held_at_start.iter().any(|h| h.assets.contains(a))
                    || camp.stages.iter().enumerate().any(|(j, p)| {
                        before[j]
                            && !matches!(p.effect, StageEffect::Disrupt { .. })
                            && p.targets.contains(a)
                    })
            };
            if from.iter().any(reached) {
                continue;
            }
            let names: Vec<&str> = from.iter().map(|a| s.asset(*a).id.as_str()).collect();
            out.push(Finding {
                rule: "path-reached",
                path: Path::root()
                    .field("campaigns")
                    .index(c)
                    .field("stages")
                    .index(k)
                    .field("from"),
                message: format!(
                    "stage \"{}/{}\" is worked from {}, which none of the stages it comes after (nor access held at the start) puts the intruder on: it can begin only if another branch gets there first",
                    camp.id,
                    st.id,
                    names.join(" or ")
                ),
                hint: "name the foothold the stage is launched from (usually a target of a stage in its `after`), not the stage's own target".into(),
            });
        }
    }
    out
}

/// A TLP marking written on a classified item: TLP is for unclassified releases (TLP 2.0;
/// classified material is released with REL TO markings). Format 1 files did it; format 2
/// marks the item with `rel_to` and gives its release its TLP (`release_tlp`, a `Declassify`
/// that sets one, or a tearline).
pub fn tlp_classified(s: &Scenario) -> Vec<Finding> {
    s.intel
        .iter()
        .enumerate()
        .filter(|(_, i)| i.classification > Classification::Unclassified && i.tlp_written)
        .map(|(k, i)| Finding {
            rule: "tlp-classified",
            path: Path::root().field("intel").index(k).field("tlp"),
            message: format!(
                "TLP is for unclassified releases; mark a classified item with rel_to (intel item \"{}\" is {:?} and marked {})",
                i.id,
                i.classification,
                i.tlp.label()
            ),
            hint: "in format 2, write `rel_to` with the nations it may go to and move the marking its release carries to `release_tlp` (or give the release its own item with `tearline_of`)".into(),
        })
        .collect()
}

/// Validates a scenario text, then lints it. An invalid text gives its validation errors instead.
pub fn lint(source: &str, file: &str) -> Result<Warnings, Diagnostics> {
    lint_with(source, file, |_| Vec::new())
}

/// Lints like [`lint`], adding the findings `more` makes of the validated scenario (`kunren
/// lint --deep` adds what an analysis of many runs found), located the same way.
pub fn lint_with(
    source: &str,
    file: &str,
    more: impl FnOnce(&Arc<Scenario>) -> Vec<Finding>,
) -> Result<Warnings, Diagnostics> {
    let s = Arc::new(scenario::parse(source, file)?);
    let map = SourceMap::new(source);
    let mut findings = all(&s);
    findings.extend(more(&s));
    let mut items: Vec<Diagnostic> = findings
        .into_iter()
        .map(|f| {
            let message = format!("{} [{}]", f.message, f.rule);
            Diagnostic::new(file, source, map.span(&f.path), message, Some(f.hint))
        })
        .collect();
    items.sort_by_key(|d| (d.line, d.column));
    Ok(Warnings(Diagnostics {
        file: file.to_string(),
        source: source.to_string(),
        items,
    }))
}

/// Every rule's findings on a validated scenario.
pub fn all(s: &Scenario) -> Vec<Finding> {
    RULES.iter().flat_map(|(_, rule)| rule(s)).collect()
}

fn objective(i: usize) -> Path {
    Path::root().field("objectives").index(i)
}

/// Each objective's goal can be made to hold by something some team can do or something that can
/// happen: `Done` an action its team can take (a team played by the simulation only through its
/// doctrine; an authorisation held by such a team only if its doctrine grants it), `Holds` an item
/// that can reach the team, `Stage`/`Detected`/`Delivered` something that can happen, and an
/// `Asset(.., Normal)` goal counted from a stage's damage only if that damage can be restored.
pub fn objectives_achievable(s: &Scenario) -> Vec<Finding> {
    let reach = Reach::new(s);
    let mut out = Vec::new();
    for (i, o) in s.objectives.iter().enumerate() {
        let anchor = match &o.deadline {
            Some(Deadline::Within(_, event)) => match event {
                Condition::Stage(r) => Some(*r),
                Condition::Always
                | Condition::All(_)
                | Condition::Any(_)
                | Condition::Not(_)
                | Condition::After(_)
                | Condition::Phase(_)
                | Condition::Asset(..)
                | Condition::Detected(..)
                | Condition::Done(..)
                | Condition::Delivered(_)
                | Condition::Holds(..)
                | Condition::Above(..)
                | Condition::Below(..)
                | Condition::Chance(_)
                | Condition::Halted(_)
                | Condition::Granted(..)
                | Condition::DetectedAny(..)
                | Condition::DoneOn(..)
                | Condition::Level(_)
                | Condition::Received(..)
                | Condition::NoticeMissed(..) => None,
            },
            Some(Deadline::By(_)) | Some(Deadline::Maintain(_)) | None => None,
        };
        let why = match anchor {
            Some(r) => reach.blocked_after(&o.goal, r),
            None => reach.blocked(&o.goal),
        };
        if let Some(why) = why {
            out.push(Finding {
                rule: "objective-achievable",
                path: objective(i).field("goal"),
                message: format!("objective \"{}\" cannot be met in play: {why}", o.id),
                hint: "give a team that is played by people an action that makes the goal hold, add a doctrine rule, or change the goal".into(),
            });
        }
    }
    out
}

/// Each team played by people (the white cell aside: it steers rather than decides) has at least
/// one action whose `requires` does not rule the phase out. A condition rules a phase out only
/// through time: `After`, `Phase` and their negations, combined by `All`, `Any` and `Not`;
/// anything else may hold at any time. Without phases the whole exercise is one phase.
pub fn decisions_each_phase(s: &Scenario) -> Vec<Finding> {
    let end = s.clock.end_tick.saturating_add(1);
    let windows: Vec<(String, u32, u32, Path)> = if s.phases.is_empty() {
        vec![("the exercise".into(), 0, end, Path::root().field("clock"))]
    } else {
        s.phases
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let until = s.phases.get(k + 1).map_or(end, |n| n.tick.max(p.tick));
                let path = Path::root().field("clock").field("phases").index(k);
                (format!("phase \"{}\"", p.id), p.tick, until, path)
            })
            .collect()
    };
    let mut out = Vec::new();
    for (t, team) in s.teams.iter().enumerate() {
        if team.played_by != PlayedBy::People || team.kind == TeamKind::WhiteCell {
            continue;
        }
        let mine: Vec<_> = s
            .actions
            .iter()
            .filter(|a| a.teams.iter().any(|x| x.index() == t))
            .collect();
        for (name, lo, hi, path) in &windows {
            let open = mine.iter().any(|a| {
                a.requires
                    .as_ref()
                    .is_none_or(|r| !never_in(s, r, true, *lo, *hi))
            });
            if !open {
                out.push(Finding {
                    rule: "decision-each-phase",
                    path: path.clone(),
                    message: format!(
                        "team \"{}\" is played by people but has no action it may take in {name}",
                        team.id
                    ),
                    hint: format!(
                        "give team \"{}\" an action for this phase (or one without `requires`)",
                        team.id
                    ),
                });
            }
        }
    }
    out
}

/// Whether `c` (or, with `positive` false, its negation) is false at every tick in `lo..hi`,
/// judged from time alone.
fn never_in(s: &Scenario, c: &Condition, positive: bool, lo: u32, hi: u32) -> bool {
    let phase_tick = |p: &PhaseId| s.phases.get(p.index()).map(|p| p.tick);
    match (c, positive) {
        // After(t) holds from tick t on; Phase(p) from the phase's start on.
        (Condition::After(t), true) => *t >= hi,
        (Condition::After(t), false) => *t <= lo,
        (Condition::Phase(p), true) => phase_tick(p).is_some_and(|t| t >= hi),
        (Condition::Phase(p), false) => phase_tick(p).is_some_and(|t| t <= lo),
        (Condition::Not(inner), pos) => never_in(s, inner, !pos, lo, hi),
        (Condition::All(cs), true) | (Condition::Any(cs), false) => {
            cs.iter().any(|c| never_in(s, c, positive, lo, hi))
        }
        (Condition::Any(cs), true) | (Condition::All(cs), false) => {
            !cs.is_empty() && cs.iter().all(|c| never_in(s, c, positive, lo, hi))
        }
        (Condition::Chance(p), true) => *p <= 0.0,
        (Condition::Chance(p), false) => *p >= 1.0,
        (Condition::Always, false) => true,
        // Anything else may hold at any time.
        (Condition::Always, true)
        | (
            Condition::Asset(..)
            | Condition::Stage(_)
            | Condition::Detected(..)
            | Condition::Done(..)
            | Condition::Delivered(_)
            | Condition::Holds(..)
            | Condition::Above(..)
            | Condition::Below(..)
            | Condition::Halted(_)
            | Condition::Granted(..)
            | Condition::DetectedAny(..)
            | Condition::DoneOn(..)
            | Condition::Level(_)
            | Condition::Received(..)
            | Condition::NoticeMissed(..),
            _,
        ) => false,
    }
}

/// No inject waits on something that cannot happen in play (a stage that never comes, an action
/// nobody can take, an item that cannot reach its holder, another such inject), and none is timed
/// for the very last tick, when nobody can respond. Conditions under `Not` are not judged.
pub fn injects_reachable(s: &Scenario) -> Vec<Finding> {
    let reach = Reach::new(s);
    let mut out = Vec::new();
    for (i, inj) in s.injects.iter().enumerate() {
        let path = Path::root().field("injects").index(i);
        match &inj.trigger {
            Trigger::At(t) if *t >= s.clock.end_tick => out.push(Finding {
                rule: "inject-reachable",
                path: path.field("at"),
                message: format!(
                    "inject \"{}\" goes out at the last tick of the exercise, when nobody can respond",
                    inj.id
                ),
                hint: "move it earlier, or lengthen clock.length".into(),
            }),
            Trigger::When(w) => {
                if let Some(why) = reach.blocked(w) {
                    out.push(Finding {
                        rule: "inject-reachable",
                        path: path.field("when"),
                        message: format!("inject \"{}\" never goes out in play: {why}", inj.id),
                        hint: "change `when` to something that can happen, or fire it by time with `at`".into(),
                    });
                }
            }
            Trigger::At(_) => {}
        }
    }
    out
}

/// Every stage can be noticed by someone: its owner sees an attempt (`detection` > 0) or visible
/// damage (Encrypt, Disrupt, Wipe) on a target it owns, the owner not being an adversary; or a
/// team that acts has a `Hunt` action that may be aimed at one of its targets.
pub fn stages_detectable(s: &Scenario) -> Vec<Finding> {
    let reach = Reach::new(s);
    let mut out = Vec::new();
    for (c, camp) in s.campaigns.iter().enumerate() {
        for (k, st) in camp.stages.iter().enumerate() {
            let owned = st.targets.iter().any(|a| {
                let owner = s.asset(*a).owner;
                s.team(owner).kind != TeamKind::Adversary
            });
            let seen = st.detection > 0.0 || !st.effect.is_covert();
            let hunted = s.actions.iter().enumerate().any(|(x, act)| {
                act.effects
                    .iter()
                    .any(|e| reach::brings(e) == reach::Brings::Hunt)
                    && act
                        .targets
                        .as_ref()
                        .is_some_and(|ts| st.targets.iter().any(|a| ts.contains(a)))
                    && reach.someone_can_do(crate::scenario::model::ActionId(x as u32))
            });
            if (owned && seen) || hunted {
                continue;
            }
            let why = if !owned {
                "its targets are all the adversary's own"
            } else {
                match st.effect {
                    StageEffect::Foothold => {
                        "its detection is 0 and a foothold leaves no visible trace"
                    }
                    StageEffect::CredentialTheft
                    | StageEffect::LateralMovement
                    | StageEffect::Encrypt
                    | StageEffect::Exfiltrate { .. }
                    | StageEffect::Drain { .. }
                    | StageEffect::Disrupt { .. }
                    | StageEffect::Wipe
                    | StageEffect::Evade { .. } => {
                        "its detection is 0 and its effect leaves no visible trace"
                    }
                }
            };
            out.push(Finding {
                rule: "stage-detectable",
                path: Path::root()
                    .field("campaigns")
                    .index(c)
                    .field("stages")
                    .index(k),
                message: format!(
                    "nobody can ever notice stage \"{}/{}\": {why}, and no hunt can be aimed at them",
                    camp.id, st.id
                ),
                hint: "give it a small detection (e.g. 0.01) or add a Hunt action that may target one of its targets".into(),
            });
        }
    }
    out
}

/// HSEEP coverage: every objective has at least one inject pointing at it (`objective:`) that
/// expects an action (`expects:`), so the MSEL gives players a cue for it.
pub fn objectives_exercised(s: &Scenario) -> Vec<Finding> {
    s.objectives
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !s.injects
                .iter()
                .any(|inj| inj.objective.is_some_and(|o| o.index() == *i) && inj.expects.is_some())
        })
        .map(|(i, o)| Finding {
            rule: "objective-exercised",
            path: objective(i).field("id"),
            message: format!(
                "no inject exercises objective \"{}\": none names it in `objective:` with an `expects:` action",
                o.id
            ),
            hint: format!(
                "add `objective: Some(\"{}\")` and `expects: Some(\"ACTION\")` to an inject that cues it",
                o.id
            ),
        })
        .collect()
}

fn asset(i: usize) -> Path {
    Path::root().field("assets").index(i)
}

/// Everything `a` cannot work without, directly or not: its `depends_on`, theirs, and so on
/// (alternatives and reserves aside: neither brings an asset down with certainty). Ascending.
fn hard_closure(s: &Scenario, a: AssetId) -> Vec<AssetId> {
    let mut seen = vec![false; s.assets.len()];
    let mut stack = vec![a];
    let mut out = Vec::new();
    while let Some(x) = stack.pop() {
        for &d in &s.asset(x).depends_on {
            if !seen[d.index()] {
                seen[d.index()] = true;
                out.push(d);
                stack.push(d);
            }
        }
    }
    out.sort();
    out
}

/// Alternatives that stand in for one another only if they do not all fall with one asset:
/// warns when every member of a group of `depends_on_any` cannot work without the same asset
/// (itself or, directly or not, through `depends_on`), since its loss takes the whole group down.
pub fn alternatives_independent(s: &Scenario) -> Vec<Finding> {
    groups_that_fall_together(s, Groups::Alternatives)
}

/// Shares are parts only if they do not all fall with one asset: warns when every member of a
/// group of `depends_on_shares` cannot work without the same asset, since its loss takes every
/// share at once.
pub fn shares_independent(s: &Scenario) -> Vec<Finding> {
    groups_that_fall_together(s, Groups::Shares)
}

#[derive(Clone, Copy)]
enum Groups {
    Alternatives,
    Shares,
}

fn groups_that_fall_together(s: &Scenario, kind: Groups) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, a) in s.assets.iter().enumerate() {
        let groups = match kind {
            Groups::Alternatives => &a.depends_on_any,
            Groups::Shares => &a.depends_on_shares,
        };
        for (g, group) in groups.iter().enumerate() {
            let mut common: Option<Vec<AssetId>> = None;
            for &m in group {
                let mut under = hard_closure(s, m);
                under.push(m);
                common = Some(match common {
                    None => under,
                    Some(c) => c.into_iter().filter(|x| under.contains(x)).collect(),
                });
            }
            let Some(&shared) = common.as_deref().and_then(|c| c.first()) else {
                continue;
            };
            let (shared, id) = (&s.asset(shared).id, &a.id);
            out.push(match kind {
                Groups::Alternatives => Finding {
                    rule: "alternatives-independent",
                    path: asset(i).field("depends_on_any").index(g),
                    message: format!(
                        "the alternatives of asset \"{id}\" all need \"{shared}\": when it is down, none of them can stand in"
                    ),
                    hint: "give one alternative its own supply (a generator instead of a second grid feed), or list the shared asset in `depends_on` if the group is not meant to cover it".into(),
                },
                Groups::Shares => Finding {
                    rule: "shares-independent",
                    path: asset(i).field("depends_on_shares").index(g),
                    message: format!(
                        "the shares of asset \"{id}\" all need \"{shared}\": when it is down, every share is lost at once"
                    ),
                    hint: "give each share its own supply, or list the shared asset in `depends_on` if the shares are not meant to cover it".into(),
                },
            });
        }
    }
    out
}

/// An operating team that has no action it could aim at the asset it operates only sees it:
/// warns, since `operators` is then read only as sight of the asset and its news.
pub fn operators_act(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, a) in s.assets.iter().enumerate() {
        for (j, &team) in a.operators.iter().enumerate() {
            let id = AssetId(i as u32);
            let acts = s.actions.iter().any(|x| {
                x.teams.contains(&team) && x.targets.as_ref().is_some_and(|t| t.contains(&id))
            });
            if !acts {
                out.push(Finding {
                    rule: "operator-has-no-action",
                    path: asset(i).field("operators").index(j),
                    message: format!(
                        "team \"{}\" operates asset \"{}\" but has no action it could aim at it: it only sees it",
                        s.team(team).id,
                        a.id
                    ),
                    hint: "add the asset to the `targets` of an action the team may take (an `own_assets_only` isolation, a hunt), or leave the team out of `operators` if it only watches".into(),
                });
            }
        }
    }
    out
}

/// A reserve that lasts as long as the exercise or longer never runs out in play, so it is the
/// same as no dependency at all.
pub fn reserves_can_run_out(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, a) in s.assets.iter().enumerate() {
        for (r, reserve) in a.depends_on_reserve.iter().enumerate() {
            if reserve.ticks > s.clock.end_tick {
                out.push(Finding {
                    rule: "reserve-can-run-out",
                    path: asset(i).field("depends_on_reserve").index(r).field("lasts"),
                    message: format!(
                        "the reserve of asset \"{}\" against \"{}\" lasts longer than the exercise, so it never runs out",
                        a.id,
                        s.asset(reserve.asset).id
                    ),
                    hint: "shorten `lasts` to how long the reserve really carries the asset, or leave the dependency out".into(),
                });
            }
        }
    }
    out
}

/// In a scenario that writes some of its texts in Japanese, every other text a team reads has
/// its Japanese too: a Japanese seat would otherwise read those in English, in the middle of
/// Japanese ones. (An inject's `from` that names a team is shown as the team's name.)
pub fn texts_in_both_languages(s: &Scenario) -> Vec<Finding> {
    if !s.has_japanese() {
        return Vec::new();
    }
    // A unit written once reads the same in both languages: a symbol ("MW", "m3/h") needs no
    // Japanese, a unit in words ("containers/h") does.
    let in_words = |unit: &str| {
        unit.split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3)
    };
    let units = s
        .service_measures
        .iter()
        .filter(|m| m.unit_at.is_none() && in_words(&m.unit))
        .filter_map(|m| m.assets.first().map(|a| (TextKey::ServiceUnit(*a), &m.unit)))
        .map(|(k, unit)| Finding {
            rule: "text-in-both-languages",
            path: scenario::text_path(k),
            message: format!(
                "the unit \"{}\" has no Japanese, though other texts of this scenario do: a Japanese seat reads it in English",
                opening(unit)
            ),
            hint: "write it in both languages: unit: (en: \"...\", ja: \"...\")".into(),
        });
    s.text_keys()
        .into_iter()
        .filter(|k| !s.text(*k, Lang::En).is_empty() && !s.ja.contains_key(k))
        .filter(|k| match k {
            TextKey::InjectFrom(i) => s.injects[i.index()].from_team.is_none(),
            _ => true,
        })
        .map(|k| Finding {
            rule: "text-in-both-languages",
            path: scenario::text_path(k),
            message: format!(
                "\"{}\" has no Japanese, though other texts of this scenario do: a Japanese seat reads it in English",
                opening(s.text(k, Lang::En))
            ),
            hint: "write it in both languages: (en: \"...\", ja: \"...\")".into(),
        })
        .chain(units)
        .collect()
}

/// The first words of a text, for a message: at most 40 characters, "…" when cut.
fn opening(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}
