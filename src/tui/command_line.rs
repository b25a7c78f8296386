//! The `:` command line, for facilitators who would rather type than hunt for keys. Each line
//! becomes the same intents and commands the keys give.

use super::app::{Console, Live, Seat};
use crate::command::{Command, Ruling};
use crate::lang::Lang;
use crate::report::{Edit, Rating, Side};
use crate::scenario::Scenario;
use crate::simtime::Minutes;
use crate::tui::said::Said;
use crate::tui::words::say;

/// What `pace` takes, when it is given something else.
pub const PACE_HOW: &str = "pace takes simulated minutes per real minute, e.g. pace 60";
/// What `roll` takes.
pub const ROLL_HOW: &str =
    "roll takes a chance in % and what it is for: roll 30 the vendor answers";
/// What `rate` takes.
pub const RATE_HOW: &str =
    "rate takes an objective id and P, S, M, U, NA or auto, e.g. rate close-entry S slow but done";
/// What `analyse` takes.
pub const ANALYSE_HOW: &str = "analyse takes an observation number and the analysis, e.g. analyse 3 the vendor was not called | no contact list";

pub const USAGE: &str = "commands: pause · resume · step [N] · pace MIN_PER_MIN · seat ID|white · fire ID · skip ID · delay ID 30m · note TEXT · level ID REASON · restore ASSET REASON · fail ASSET REASON · roll PCT WHAT · rate OBJECTIVE P|S|M|U|NA|auto [COMMENT] · players TEAM NAMES · strength TEAM TEXT · improve TEAM TEXT · analyse N ANALYSIS [| ROOT CAUSE] · report [html|md|pdf|pdf-letter] [FILE] · quit";

/// Runs one line; returns what to tell the user.
pub fn run(app: &mut Console, live: &mut Live, line: &str) -> String {
    let line = line.trim();
    let (word, rest) = line
        .split_once(' ')
        .map_or((line, ""), |(w, r)| (w, r.trim()));
    if live.is_replay() {
        return replay(app, live, word, rest);
    }
    let s = live.scenario().clone();
    let lang = app.lang;
    // What the status line says: the refusal, if the session refused.
    let said = |app: &Console, given: bool, ok: String| {
        if given { ok } else { app.status.clone() }
    };
    match word {
        "" => String::new(),
        "help" | "?" => say(lang, USAGE).into(),
        "pause" => {
            let done = app.set_paused(live, true);
            said(app, done, say(lang, "Paused").into())
        }
        "resume" | "run" => {
            let done = app.set_paused(live, false);
            said(app, done, say(lang, "Running").into())
        }
        "step" => {
            let n = if rest.is_empty() {
                Some(1)
            } else {
                rest.parse::<u32>().ok()
            };
            match n {
                Some(n) => {
                    // The clock's own news (a roll's outcome, the end) wins over "Stepped".
                    let before = app.status.clone();
                    let done = app.step_n(live, n);
                    let news = app.status != before;
                    // At ENDEX the status says what comes next, not how far it stepped.
                    if live.is_finished() {
                        app.status.clone()
                    } else {
                        said(app, done && !news, Said::Stepped { ticks: n }.say(lang))
                    }
                }
                None => Said::StepTakesNumber { typed: rest }.say(lang),
            }
        }
        "pace" => match rest.parse::<u32>() {
            Ok(p) if p > 0 => {
                let done = app.set_pace(live, p);
                said(app, done, Said::PaceMinutes { minutes: p }.say(lang))
            }
            _ => say(lang, PACE_HOW).into(),
        },
        "seat" => {
            if let Some(why) = app.seat_switch_refused(live) {
                return why;
            }
            let seat = Seat::parse(rest, &s);
            match seat.filter(|seat| app.seats(live).contains(seat)) {
                Some(seat) => {
                    app.take_seat(live, seat);
                    let name = seat.name_in(&s, lang);
                    Said::SeatTaken { seat: &name }.say(lang)
                }
                None => Said::NoSeat { typed: rest }.say(lang),
            }
        }
        "fire" | "skip" => match s.inject_index(rest) {
            Some(inject) => {
                let command = if word == "fire" {
                    Command::FireInject { inject }
                } else {
                    Command::SkipInject { inject }
                };
                app.submit(live, command);
                app.status.clone()
            }
            None => Said::NoInject { id: rest }.say(lang),
        },
        "delay" => {
            let (id, by) = rest.split_once(' ').unwrap_or((rest, "1h"));
            match (s.inject_index(id), Minutes::parse(by)) {
                (Some(inject), Ok(d)) => {
                    app.submit(
                        live,
                        Command::DelayInject {
                            inject,
                            ticks: s.clock.ticks(d),
                        },
                    );
                    app.status.clone()
                }
                (None, _) => Said::NoInject { id }.say(lang),
                (_, Err(e)) => e.to_string(),
            }
        }
        "level" => {
            let (id, reason) = rest.split_once(' ').unwrap_or((rest, "no reason given"));
            match s.levels.iter().position(|l| l.id == id) {
                Some(i) => {
                    let level = crate::scenario::model::LevelId(i as u32);
                    let reason = reason.to_string();
                    app.submit(live, Command::SetLevel { level, reason });
                    app.status.clone()
                }
                None if s.levels.is_empty() => crate::command::CheckError::NoLevels.say(lang),
                None => {
                    let ids: Vec<&str> = s.levels.iter().map(|l| l.id.as_str()).collect();
                    Said::NoLevel {
                        id,
                        ids: &ids.join(", "),
                    }
                    .say(lang)
                }
            }
        }
        "note" if !rest.is_empty() => {
            app.submit(
                live,
                Command::Note {
                    text: rest.to_string(),
                    objective: None,
                    capability: None,
                },
            );
            app.status.clone()
        }
        "restore" | "fail" => {
            let (id, reason) = rest.split_once(' ').unwrap_or((rest, "no reason given"));
            match s.asset_index(id) {
                Some(a) => {
                    let ruling = if word == "restore" {
                        Ruling::RestoreAsset(a)
                    } else {
                        Ruling::FailAsset(a)
                    };
                    app.submit(
                        live,
                        Command::Adjudicate {
                            ruling,
                            reason: reason.to_string(),
                        },
                    );
                    app.status.clone()
                }
                None => Said::NoAsset { id }.say(lang),
            }
        }
        "roll" => match super::app::parse_roll(rest) {
            Some((chance, what)) => {
                app.submit(
                    live,
                    Command::Adjudicate {
                        ruling: Ruling::Roll { chance, what },
                        reason: "facilitator's roll".into(),
                    },
                );
                app.status.clone()
            }
            None => say(lang, ROLL_HOW).into(),
        },
        "rate" | "players" | "strength" | "improve" | "analyse" | "analyze" => {
            match evaluation(word, rest, &s, lang) {
                Ok(edit) => {
                    app.evaluate(live, edit);
                    app.status.clone()
                }
                Err(why) => why,
            }
        }
        "report" => {
            let (first, path) = rest
                .split_once(' ')
                .map_or((rest, ""), |(f, p)| (f, p.trim()));
            let (format, path) = match super::app::format_named(first) {
                Some(f) => (f, path),
                None if first.is_empty() => (crate::report::Format::Html, ""),
                // No format named: the whole rest is the file, its extension the format.
                None => (
                    rest.rsplit('.')
                        .next()
                        .and_then(super::app::format_named)
                        .unwrap_or(crate::report::Format::Html),
                    rest,
                ),
            };
            let path = if path.is_empty() {
                super::app::default_report_path(live, format)
            } else {
                std::path::PathBuf::from(path)
            };
            app.write_report(live, format, &path)
        }
        "quit" | "q" => {
            app.quit = true;
            String::new()
        }
        other => Said::UnknownCommand {
            word: other,
            usage: say(lang, USAGE),
        }
        .say(lang),
    }
}

/// An evaluator's line (`rate`, `players`, `strength`, `improve`, `analyse`) as the edit it
/// makes, or what is wrong with it.
fn evaluation(word: &str, rest: &str, s: &Scenario, lang: Lang) -> Result<Edit, String> {
    let (first, text) = rest
        .split_once(' ')
        .map_or((rest, ""), |(f, t)| (f, t.trim()));
    let team = |id: &str| {
        s.team_index(id)
            .map(|t| s.team(t).id.clone())
            .ok_or_else(|| Said::NoTeam { id }.say(lang))
    };
    match word {
        "rate" => {
            let (code, comment) = text
                .split_once(' ')
                .map_or((text, ""), |(c, r)| (c, r.trim()));
            let objective = first.to_string();
            let rating = match code.to_ascii_uppercase().as_str() {
                "P" => Rating::P,
                "S" => Rating::S,
                "M" => Rating::M,
                "U" => Rating::U,
                "NA" | "N/A" => Rating::NotApplicable,
                "AUTO" => return Ok(Edit::Unrate { objective }),
                _ => return Err(say(lang, RATE_HOW).into()),
            };
            Ok(Edit::Rate {
                objective,
                rating,
                comment: (!comment.is_empty()).then(|| comment.to_string()),
            })
        }
        "players" => Ok(Edit::Players {
            team: team(first)?,
            names: text.to_string(),
        }),
        "strength" | "improve" => Ok(Edit::HotWash {
            team: team(first)?,
            side: if word == "strength" {
                Side::Strength
            } else {
                Side::Improvement
            },
            text: text.to_string(),
        }),
        _ => {
            let observation = first
                .trim_start_matches(['O', 'o'])
                .parse::<u32>()
                .map_err(|_| say(lang, ANALYSE_HOW).to_string())?;
            let (analysis, root_cause) = text
                .split_once('|')
                .map_or((text, ""), |(a, r)| (a.trim(), r.trim()));
            Ok(Edit::Analyse {
                observation,
                analysis: analysis.to_string(),
                root_cause: root_cause.to_string(),
            })
        }
    }
}

pub const REPLAY_USAGE: &str = "replay: T or tick T (go to tick T) · start · end · step [N] · back [N] · play · pause · pace MIN_PER_MIN · seat ID|white · branch · quit";

/// A line typed in a read-only replay: moving along the timeline, seats, a branch; anything that
/// would change the exercise is refused.
fn replay(app: &mut Console, live: &mut Live, word: &str, rest: &str) -> String {
    let at = live.tick();
    let count = || {
        if rest.is_empty() {
            Some(1)
        } else {
            rest.parse::<u32>().ok()
        }
    };
    let target = match word {
        "" => return String::new(),
        "help" | "?" => return say(app.lang, REPLAY_USAGE).into(),
        "start" => Some(None),
        "end" => Some(Some(u32::MAX)),
        "tick" | "goto" | "go" => rest.parse::<u32>().ok().map(Some),
        "step" => count().map(|n| Some(at.map_or(n.saturating_sub(1), |t| t.saturating_add(n)))),
        "back" => count().map(|n| at.and_then(|t| t.checked_sub(n))),
        w if w.parse::<u32>().is_ok() => w.parse::<u32>().ok().map(Some),
        "branch" => {
            app.branch_here(live);
            return app.status.clone();
        }
        "play" | "resume" | "run" | "pause" => {
            let _ = live.set_paused(app.seat, word == "pause");
            return say(
                app.lang,
                if live.clock().paused {
                    "Paused"
                } else {
                    "Playing"
                },
            )
            .into();
        }
        "seat" | "pace" | "quit" | "q" => {
            return match word {
                "seat" => {
                    if let Some(why) = app.seat_switch_refused(live) {
                        return why;
                    }
                    match Seat::parse(rest, live.scenario())
                        .filter(|seat| app.seats(live).contains(seat))
                    {
                        Some(seat) => {
                            app.take_seat(live, seat);
                            let name = seat.name_in(live.scenario(), app.lang);
                            Said::SeatTaken { seat: &name }.say(app.lang)
                        }
                        None => Said::NoSeat { typed: rest }.say(app.lang),
                    }
                }
                "pace" => match rest.parse::<u32>() {
                    Ok(p) if p > 0 => {
                        let _ = live.set_pace(app.seat, p);
                        Said::PaceMinutes { minutes: p }.say(app.lang)
                    }
                    _ => say(app.lang, PACE_HOW).into(),
                },
                _ => {
                    app.quit = true;
                    String::new()
                }
            };
        }
        _ => return super::app::replay_read_only(live.scenario(), app.lang),
    };
    match target {
        Some(to) => {
            // The header says where the replay stands; the status only what was given there,
            // so that the footer shows the scrubber's keys otherwise.
            app.scrub_to(live, to);
            app.status.clone()
        }
        None => Said::NeedsTick {
            typed: &format!("{word} {rest}"),
            usage: say(app.lang, REPLAY_USAGE),
        }
        .say(app.lang),
    }
}
