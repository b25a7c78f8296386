//! The `:` command line, for facilitators who would rather type than hunt for keys. Each line
//! becomes the same intents and commands the keys give.

use super::app::{App, Seat};
use crate::command::{Command, Ruling};
use crate::simtime::Minutes;

pub const USAGE: &str = "commands: pause · resume · step [N] · pace MIN_PER_MIN · seat ID|white · fire ID · skip ID · delay ID 30m · note TEXT · restore ASSET REASON · fail ASSET REASON · roll PCT WHAT · quit";

/// Runs one line; returns what to tell the user.
pub fn run(app: &mut App, line: &str) -> String {
    let line = line.trim();
    let (word, rest) = line
        .split_once(' ')
        .map_or((line, ""), |(w, r)| (w, r.trim()));
    if app.is_replay() {
        return replay(app, word, rest);
    }
    let s = app.scenario.clone();
    match word {
        "" => String::new(),
        "help" | "?" => USAGE.into(),
        "pause" => {
            app.set_paused(true);
            "Paused".into()
        }
        "resume" | "run" => {
            app.set_paused(false);
            "Running".into()
        }
        "step" => {
            let n = if rest.is_empty() {
                Some(1)
            } else {
                rest.parse::<u32>().ok()
            };
            match n {
                Some(n) => {
                    app.step_n(n);
                    format!("Stepped {n} tick(s)")
                }
                None => format!("step takes a number of ticks, not \"{rest}\""),
            }
        }
        "pace" => match rest.parse::<u32>() {
            Ok(p) if p > 0 => {
                app.set_pace(p);
                format!("Pace: {p} simulated minutes per real minute")
            }
            _ => "pace takes simulated minutes per real minute, e.g. pace 60".into(),
        },
        "seat" => {
            let seat = if rest == "white" {
                Some(Seat::WhiteCell)
            } else {
                s.team_index(rest).map(Seat::Team)
            };
            match seat.filter(|seat| app.seats().contains(seat)) {
                Some(seat) => {
                    app.take_seat(seat);
                    format!("Seat: {}", app.seat_name(seat))
                }
                None => {
                    format!("no seat \"{rest}\": use white or the id of a team played by people")
                }
            }
        }
        "fire" | "skip" => match s.inject_index(rest) {
            Some(inject) => {
                let command = if word == "fire" {
                    Command::FireInject { inject }
                } else {
                    Command::SkipInject { inject }
                };
                app.submit(command);
                format!("{word}: {}", s.injects[inject.index()].subject)
            }
            None => format!("no inject \"{rest}\""),
        },
        "delay" => {
            let (id, by) = rest.split_once(' ').unwrap_or((rest, "1h"));
            match (s.inject_index(id), Minutes::parse(by)) {
                (Some(inject), Ok(d)) => {
                    let before = app.submitted.len();
                    app.submit(Command::DelayInject {
                        inject,
                        ticks: s.clock.ticks(d),
                    });
                    if app.submitted.len() > before {
                        format!("Held back by {d}")
                    } else {
                        app.status.clone()
                    }
                }
                (None, _) => format!("no inject \"{id}\""),
                (_, Err(e)) => e.to_string(),
            }
        }
        "note" if !rest.is_empty() => {
            app.submit(Command::Note {
                text: rest.to_string(),
                objective: None,
            });
            "Noted".into()
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
                    app.submit(Command::Adjudicate {
                        ruling,
                        reason: reason.to_string(),
                    });
                    format!("Ruling recorded: {word} {}", s.asset(a).name)
                }
                None => format!("no asset \"{id}\""),
            }
        }
        "roll" => match super::app::parse_roll(rest) {
            Some((chance, what)) => {
                app.submit(Command::Adjudicate {
                    ruling: Ruling::Roll { chance, what },
                    reason: "facilitator's roll".into(),
                });
                "Rolled: see the timeline".into()
            }
            None => {
                "roll takes a chance in % and what it is for: roll 30 the vendor answers".into()
            }
        },
        "quit" | "q" => {
            app.quit = true;
            String::new()
        }
        other => format!("unknown command \"{other}\"; {USAGE}"),
    }
}

pub const REPLAY_USAGE: &str = "replay: T or tick T (go to tick T) · start · end · step [N] · back [N] · play · pause · pace MIN_PER_MIN · seat ID|white · branch · quit";

/// A line typed in a read-only replay: moving along the timeline, seats, a branch; anything that
/// would change the exercise is refused.
fn replay(app: &mut App, word: &str, rest: &str) -> String {
    let at = app.sim.tick();
    let count = || {
        if rest.is_empty() {
            Some(1)
        } else {
            rest.parse::<u32>().ok()
        }
    };
    let target = match word {
        "" => return String::new(),
        "help" | "?" => return REPLAY_USAGE.into(),
        "start" => Some(None),
        "end" => Some(Some(u32::MAX)),
        "tick" | "goto" | "go" => rest.parse::<u32>().ok().map(Some),
        "step" => count().map(|n| Some(at.map_or(n.saturating_sub(1), |t| t.saturating_add(n)))),
        "back" => count().map(|n| at.and_then(|t| t.checked_sub(n))),
        w if w.parse::<u32>().is_ok() => w.parse::<u32>().ok().map(Some),
        "branch" => {
            app.branch_here();
            return app.status.clone();
        }
        "play" | "resume" | "run" | "pause" => {
            app.clock.paused = word == "pause";
            return if app.clock.paused {
                "Paused"
            } else {
                "Playing"
            }
            .into();
        }
        "seat" | "pace" | "quit" | "q" => {
            let line = format!("{word} {rest}");
            let replay = app.replay.take();
            let said = run(app, &line);
            app.replay = replay;
            return said;
        }
        _ => return super::app::replay_read_only().into(),
    };
    match target {
        Some(to) => {
            // The header says where the replay stands; the status only what was given there,
            // so that the footer shows the scrubber's keys otherwise.
            app.scrub_to(to);
            app.status.clone()
        }
        None => format!("\"{word} {rest}\" needs a tick number; {REPLAY_USAGE}"),
    }
}
