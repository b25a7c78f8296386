//! `kunren view`: what one team's console would show at a given moment, without a screen, as
//! text or JSON. Facilitators use it to prepare a team's briefing; tests use it to check views.
//! Everything shown comes from [`crate::sim::knowledge`], as in the console.

use std::fmt::Write;
use std::sync::Arc;

use crate::lang::{Lang, pad};
use crate::scenario::model::{Decisions, Scenario, TeamId, TeamKind};
use crate::sim::Simulation;
use crate::sim::knowledge::{Standing, TeamView};
use crate::simtime::{Minutes, TimeError};

/// Why a view cannot be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BriefingError {
    #[error("{}", unknown_seat(.given, .suggestion.as_deref(), .teams))]
    UnknownSeat {
        given: String,
        suggestion: Option<String>,
        teams: Vec<String>,
    },
    #[error(
        "--seat: the white cell sees ground truth, which `kunren run` and `kunren report` print; `view` shows a team's seat (teams: {})",
        .teams.join(", ")
    )]
    WhiteCell { teams: Vec<String> },
    #[error("--seat \"{given}\" is the adversary, which has no seat; teams: {}", .teams.join(", "))]
    Adversary { given: String, teams: Vec<String> },
    #[error(
        "--at \"{given}\": {reason}; write a tick number (e.g. 48) or a duration from the start (e.g. \"1d6h\")"
    )]
    BadTime { given: String, reason: TimeError },
    #[error(
        "--at \"{given}\" is tick {tick}, past the end of the exercise at tick {end} ({}); choose a moment up to that",
        .end_elapsed
    )]
    PastEnd {
        given: String,
        tick: u32,
        end: u32,
        end_elapsed: Minutes,
    },
}

fn unknown_seat(given: &str, suggestion: Option<&str>, teams: &[String]) -> String {
    let hint = suggestion.map_or(String::new(), |s| format!("did you mean \"{s}\"? "));
    format!(
        "--seat \"{given}\": no team of that id in this scenario; {hint}teams: {}",
        teams.join(", ")
    )
}

/// The team a `--seat` names, by id: any team but the white cell and the adversary.
pub fn team(scenario: &Scenario, seat: &str) -> Result<TeamId, BriefingError> {
    let seats: Vec<(TeamId, &str)> = scenario
        .teams
        .iter()
        .enumerate()
        .filter(|(_, t)| !matches!(t.kind, TeamKind::WhiteCell | TeamKind::Adversary))
        .map(|(i, t)| (TeamId(i as u32), t.id.as_str()))
        .collect();
    if let Some((t, _)) = seats.iter().find(|(_, id)| *id == seat) {
        return Ok(*t);
    }
    let teams: Vec<String> = seats.iter().map(|(_, id)| id.to_string()).collect();
    match scenario.team_index(seat).map(|t| scenario.team(t).kind) {
        Some(TeamKind::Adversary) => {
            return Err(BriefingError::Adversary {
                given: seat.to_string(),
                teams,
            });
        }
        Some(TeamKind::WhiteCell) => return Err(BriefingError::WhiteCell { teams }),
        _ if seat == "white" => return Err(BriefingError::WhiteCell { teams }),
        _ => {}
    }
    let suggestion =
        crate::scenario::did_you_mean(seat, seats.iter().map(|(_, id)| *id)).map(str::to_string);
    Err(BriefingError::UnknownSeat {
        given: seat.to_string(),
        suggestion,
        teams,
    })
}

/// The tick an `--at` names: a tick number, or a duration from the start rounded up to a tick
/// (as scenario times are). The view is of the state right after that tick is simulated.
pub fn tick(scenario: &Scenario, at: &str) -> Result<u32, BriefingError> {
    let text = at.trim();
    let tick = if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        text.parse::<u32>().map_err(|_| BriefingError::BadTime {
            given: at.to_string(),
            reason: TimeError::TooLong(at.to_string()),
        })?
    } else {
        let d = Minutes::parse(text).map_err(|reason| BriefingError::BadTime {
            given: at.to_string(),
            reason,
        })?;
        scenario.clock.ticks(d)
    };
    let end = scenario.clock.end_tick;
    if tick > end {
        return Err(BriefingError::PastEnd {
            given: at.to_string(),
            tick,
            end,
            end_elapsed: scenario.clock.elapsed(end),
        });
    }
    Ok(tick)
}

/// Plays the scenario (with its decisions, from its seed) to `tick` and returns what `team`'s
/// seat shows then.
pub fn view(
    scenario: Arc<Scenario>,
    decisions: Option<&Decisions>,
    seed: u64,
    team: TeamId,
    tick: u32,
    lang: Lang,
) -> TeamView {
    let mut sim = Simulation::new(scenario, seed);
    if let Some(d) = decisions {
        sim.script(d);
    }
    while sim.tick().is_none_or(|t| t < tick) && !sim.is_finished() {
        sim.step();
    }
    sim.knowledge(team).in_lang(lang).view()
}

/// The view as text, a section per console screen, its headings and fixed words in `lang` (the
/// scenario's texts are already in it: the view was built in it).
pub fn to_text(view: &TeamView, scenario: &Scenario, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    let mut out = String::new();
    let tick = view.tick.unwrap_or(0);
    let elapsed = scenario.clock.elapsed(tick).say(lang);
    // A team with working hours (format 2) reads whether it is at work beside its clock.
    let time = match view.duty {
        Some(d) => format!("{} · {}", view.time, d.label_in(lang)),
        None => view.time.clone(),
    };
    let _ = if ja {
        writeln!(
            out,
            "{}（{}） {}: ティック {tick}、開始から {elapsed}",
            view.name, view.team, time
        )
    } else {
        writeln!(
            out,
            "{} ({}) at {}: tick {tick}, {elapsed} from the start",
            view.name, view.team, time
        )
    };
    if let Some(level) = &view.level {
        let _ = writeln!(out, "{} {level}", lang.pick("Crisis level:", "事態レベル:"));
    }
    let n = view.inbox.len();
    let _ = if ja {
        writeln!(out, "\n受信（{n} 件、新しい順）")
    } else {
        writeln!(out, "\nInbox ({n}, newest first)")
    };
    for e in view.inbox.iter().rev() {
        let _ = writeln!(out, "  {}  {}", e.time, e.text);
        for line in e.detail.iter().flat_map(|d| d.lines()) {
            let _ = writeln!(out, "      {line}");
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick("Assets as known", "把握している資産")
    );
    for a in &view.assets {
        let state = match a.service {
            Some(p) => format!("{} {p}%", a.state.label_in(lang)),
            None => a.state.label_in(lang).to_string(),
        };
        let _ = writeln!(out, "  {} {} {}", a.state.glyph(), pad(&state, 20), a.name);
    }
    if !view.under_way.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("Under way", "実施中"));
        for f in &view.under_way {
            let _ = match (&f.target, ja) {
                (Some(t), false) => writeln!(out, "  {} on {t} ({} left)", f.name, f.left),
                (None, false) => writeln!(out, "  {} ({} left)", f.name, f.left),
                (Some(t), true) => writeln!(out, "  {}（対象: {t}、残り {}）", f.name, f.left),
                (None, true) => writeln!(out, "  {}（残り {}）", f.name, f.left),
            };
        }
    }
    let _ = writeln!(out, "\n{}", lang.pick("Actions", "対応"));
    for o in &view.actions {
        let by = o.needs_authorisation.join(lang.pick(", ", "、"));
        let auth = match (o.needs_authorisation.is_empty(), ja) {
            (true, _) => String::new(),
            (false, false) => format!("; needs authorisation by {by}"),
            (false, true) => format!("、{by} の承認が必要"),
        };
        let state = match (o.unavailable.is_some(), ja) {
            (true, false) => "not now",
            (false, false) => "available",
            (true, true) => "実施不可",
            (false, true) => "実施可",
        };
        let _ = if ja {
            writeln!(
                out,
                "  {} {}（{}、要員 {}{auth}）",
                pad(state, 10),
                o.name,
                o.duration,
                o.cost
            )
        } else {
            writeln!(
                out,
                "  {} {} ({}, {} staff{auth})",
                pad(state, 10),
                o.name,
                o.duration,
                o.cost
            )
        };
        if let Some(why) = &o.unavailable {
            let _ = writeln!(out, "             {} {why}", lang.pick("why not:", "理由:"));
        }
    }
    let n = view.intel.len();
    let _ = writeln!(out, "\n{} ({n})", lang.pick("Intel", "情報"));
    for i in &view.intel {
        let _ = if ja {
            writeln!(out, "  {}  {}（提供: {}）", i.marking, i.title, i.source)
        } else {
            writeln!(out, "  {}  {} (from {})", i.marking, i.title, i.source)
        };
    }
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick("Objectives and deadlines", "目標と期限")
    );
    for o in &view.objectives {
        let mark = match o.standing {
            Standing::Met(_) => "✓",
            Standing::Missed(_) => "✗",
            Standing::NotApplicable => "-",
            Standing::Due(_) | Standing::Pending => "·",
        };
        let _ = writeln!(out, "  {mark} {}: {}", o.name, o.status);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{library, scenario};

    fn sme() -> Scenario {
        let b = library::builtin("sme-supply-chain").unwrap();
        scenario::parse(b.source, b.path).unwrap()
    }

    #[test]
    fn a_moment_is_a_tick_or_a_duration_from_the_start_and_never_past_the_end() {
        let s = sme(); // 30-minute ticks, 4 days
        assert_eq!(tick(&s, "48"), Ok(48));
        assert_eq!(tick(&s, "1d6h"), Ok(60));
        assert_eq!(tick(&s, "20m"), Ok(1), "rounded up to a tick");
        assert!(matches!(tick(&s, "1x"), Err(BriefingError::BadTime { .. })));
        let err = tick(&s, "5d").unwrap_err();
        assert!(matches!(
            err,
            BriefingError::PastEnd {
                tick: 240,
                end: 192,
                ..
            }
        ));
        assert!(err.to_string().contains("4d"), "{err}");
    }

    #[test]
    fn an_unknown_seat_names_the_teams_and_the_likely_one() {
        let s = sme();
        assert_eq!(team(&s, "utility"), Ok(s.team_index("utility").unwrap()));
        let err = team(&s, "utilty").unwrap_err();
        assert!(
            matches!(&err, BriefingError::UnknownSeat { suggestion: Some(x), .. } if x == "utility")
        );
        let text = err.to_string();
        assert!(
            text.contains("did you mean \"utility\"") && text.contains("hospital"),
            "{text}"
        );
        assert!(matches!(
            team(&s, "white"),
            Err(BriefingError::WhiteCell { .. })
        ));
        assert!(matches!(
            team(&s, "intruder"),
            Err(BriefingError::Adversary { .. })
        ));
        assert!(
            !text.contains("intruder") && !text.contains("white"),
            "{text}"
        );
        assert!(matches!(
            team(&s, "zzzzzzzz"),
            Err(BriefingError::UnknownSeat {
                suggestion: None,
                ..
            })
        ));
    }

    #[test]
    fn the_text_has_every_screen_of_the_team() {
        let s = Arc::new(sme());
        let utility = s.team_index("utility").unwrap();
        let v = view(s.clone(), None, 1, utility, 60, Lang::En);
        assert_eq!(v.tick, Some(60));
        let text = to_text(&v, &s, Lang::En);
        for section in [
            "Inbox (",
            "Assets as known",
            "Actions",
            "Intel (",
            "Objectives and deadlines",
        ] {
            assert!(text.contains(section), "{section} missing:\n{text}");
        }
        assert!(
            text.lines().next().unwrap().contains("(utility) at"),
            "{text}"
        );
        assert!(
            text.contains(
                "why not: needs: word from Regional general hospital that one of its systems is down"
            ),
            "{text}"
        );
    }
}
