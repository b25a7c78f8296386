//! Choices and typed text: the dialogs that build a team's action step by step (asset,
//! recipient, item, confirmation), share and message, and the facilitator's notes, rewrites and
//! rulings. A screen's key opens them; each ends in one engine command through
//! [`Console::submit`].

use super::{Console, Dialog, Live, Purpose, Seat, parse_roll};
use crate::command::{Command, Ruling};
use crate::lang::Lang;
use crate::scenario::model::TextKey;
use crate::scenario::model::{ActionId, AssetId, IntelId, ObjectiveId, TeamId};
use crate::tui::intent::{Edit, Intent};
use crate::tui::said::Said;
use crate::tui::words::say;

/// The letter that answers yes to a confirmation (Enter does too).
pub const YES: char = 'y';
/// The letter that answers no (Esc does too).
pub const NO: char = 'n';

impl Console {
    pub(crate) fn other_teams(&self, live: &Live) -> Vec<(String, u32)> {
        live.scenario()
            .teams
            .iter()
            .enumerate()
            .filter(|(i, _)| self.seat != Seat::Team(TeamId(*i as u32)))
            .map(|(i, _)| (self.team_name(live, TeamId(i as u32)), i as u32))
            .collect()
    }

    /// A team's name in this console's language.
    pub(crate) fn team_name(&self, live: &Live, team: TeamId) -> String {
        live.scenario()
            .text(TextKey::TeamName(team), self.lang)
            .to_string()
    }

    pub(crate) fn input(&mut self, purpose: Purpose, prompt: &str, text: String) {
        self.dialog = Some(Dialog::Input {
            purpose,
            prompt: prompt.into(),
            text,
        });
    }

    /// Asks for the next thing the action needs, or for a confirmation once it has all.
    pub(crate) fn continue_action(
        &mut self,
        live: &mut Live,
        action: ActionId,
        target: Option<AssetId>,
        to: Option<TeamId>,
        intel: Option<IntelId>,
    ) {
        let Seat::Team(team) = self.seat else { return };
        let a = live.scenario().action(action).clone();
        let s = live.scenario().clone();
        let lang = self.lang;
        let name = s.text(TextKey::ActionName(action), lang).to_string();
        let asset_name = |t: AssetId| s.text(TextKey::AssetName(t), lang).to_string();
        let purpose = Purpose::Act {
            action,
            target,
            to,
            intel,
        };
        if let (Some(targets), None) = (&a.targets, target) {
            // An action aimed only at the team's own assets offers only those; the core
            // refuses any other.
            let options = targets
                .iter()
                .filter(|t| !a.not_own(team, live.scenario().asset(**t)))
                .map(|t| (asset_name(*t), t.0))
                .collect();
            self.dialog = Some(Dialog::Pick {
                purpose,
                title: Said::OnWhichAsset { action: &name }.say(lang),
                options,
                cursor: 0,
            });
        } else if a.needs_team() && to.is_none() {
            let options = self
                .other_teams(live)
                .into_iter()
                .filter(|(_, t)| a.may_address(TeamId(*t)))
                .collect();
            self.dialog = Some(Dialog::Pick {
                purpose,
                title: Said::ToWhichTeam { action: &name }.say(lang),
                options,
                cursor: 0,
            });
        } else if a.needs_intel() && intel.is_none() {
            let options: Vec<(String, u32)> = live
                .sim()
                .knowledge(team)
                .held_intel()
                .iter()
                .map(|i| (s.text(TextKey::IntelTitle(*i), lang).to_string(), i.0))
                .collect();
            if options.is_empty() {
                self.status = say(lang, "Your team holds no intelligence item").into();
                return;
            }
            self.dialog = Some(Dialog::Pick {
                purpose,
                title: Said::WhichItem { action: &name }.say(lang),
                options,
                cursor: 0,
            });
        } else {
            let request = crate::sim::actions::Request {
                team,
                action,
                target,
                to,
                intel,
            };
            // Judged on what the team knows, never on ground truth.
            if let Some(why) = live
                .sim()
                .knowledge(team)
                .in_lang(self.lang)
                .refusal(&request)
            {
                self.status = Said::NotPossible { why: &why }.say(lang);
                return;
            }
            let on = target.map(asset_name);
            let dest = to.map(|t| self.team_name(live, t));
            let takes = crate::simtime::Minutes(a.duration_ticks * s.clock.tick.0).say(lang);
            let question = Said::ConfirmAction {
                action: &name,
                on: on.as_deref(),
                to: dest.as_deref(),
                takes: &takes,
                staff: a.cost,
            }
            .say(lang);
            self.dialog = Some(Dialog::Confirm {
                purpose: Purpose::ConfirmAct {
                    action,
                    target,
                    to,
                    intel,
                },
                question,
            });
        }
    }

    pub(super) fn handle_dialog(&mut self, live: &mut Live, intent: Intent) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        match dialog {
            Dialog::Help | Dialog::Detail { .. } => {}
            Dialog::ConfirmQuit => match intent {
                Intent::Select | Intent::Letter(YES) => self.quit = true,
                _ => {}
            },
            Dialog::Confirm { purpose, question } => match intent {
                Intent::Select | Intent::Letter(YES) => self.confirmed(live, purpose),
                Intent::Back | Intent::Letter(NO) => {
                    self.status = say(self.lang, "Cancelled").into()
                }
                _ => self.dialog = Some(Dialog::Confirm { purpose, question }),
            },
            Dialog::Pick {
                purpose,
                title,
                options,
                cursor,
            } => match intent {
                Intent::Up => {
                    self.dialog = Some(Dialog::Pick {
                        purpose,
                        title,
                        options,
                        cursor: cursor.saturating_sub(1),
                    })
                }
                Intent::Down => {
                    let cursor = (cursor + 1).min(options.len().saturating_sub(1));
                    self.dialog = Some(Dialog::Pick {
                        purpose,
                        title,
                        options,
                        cursor,
                    });
                }
                Intent::Select => {
                    if let Some((_, id)) = options.get(cursor) {
                        self.picked(live, purpose, *id);
                    }
                }
                Intent::Back => match purpose {
                    // Back to the note's text, still general.
                    Purpose::NoteAbout { text } => {
                        let prompt = note_prompt(live, None, self.lang);
                        self.input(Purpose::NoteText { objective: None }, &prompt, text);
                    }
                    _ => self.status = say(self.lang, "Cancelled").into(),
                },
                _ => {
                    self.dialog = Some(Dialog::Pick {
                        purpose,
                        title,
                        options,
                        cursor,
                    })
                }
            },
            Dialog::Input { .. } => {}
        }
    }

    pub(super) fn picked(&mut self, live: &mut Live, purpose: Purpose, id: u32) {
        match purpose {
            Purpose::Seat => {
                if let Some(seat) = self.seats(live).get(id as usize) {
                    self.take_seat(live, *seat);
                }
            }
            Purpose::Act {
                action,
                target,
                to,
                intel,
            } => {
                let a = live.scenario().action(action).clone();
                if a.targets.is_some() && target.is_none() {
                    self.continue_action(live, action, Some(AssetId(id)), to, intel);
                } else if a.needs_team() && to.is_none() {
                    self.continue_action(live, action, target, Some(TeamId(id)), intel);
                } else {
                    self.continue_action(live, action, target, to, Some(IntelId(id)));
                }
            }
            Purpose::ShareWith { action, intel } => {
                let Seat::Team(team) = self.seat else { return };
                let request = crate::sim::actions::Request {
                    team,
                    action,
                    target: None,
                    to: Some(TeamId(id)),
                    intel: Some(intel),
                };
                match live
                    .sim()
                    .knowledge(team)
                    .in_lang(self.lang)
                    .refusal(&request)
                {
                    Some(why) => self.status = Said::CannotShare { why: &why }.say(self.lang),
                    None => {
                        self.submit(
                            live,
                            Command::Act {
                                team,
                                action,
                                target: None,
                                to: Some(TeamId(id)),
                                intel: Some(intel),
                            },
                        );
                    }
                }
            }
            Purpose::MessageTo => {
                let name = self.team_name(live, TeamId(id));
                self.input(
                    Purpose::MessageText { to: TeamId(id) },
                    &Said::MessageTo { team: &name }.say(self.lang),
                    String::new(),
                );
            }
            Purpose::NoteAbout { text } => {
                let objective = (id != u32::MAX).then_some(ObjectiveId(id));
                let prompt = note_prompt(live, objective, self.lang);
                self.input(Purpose::NoteText { objective }, &prompt, text);
            }
            Purpose::Evaluate(step) => self.evaluate_picked(live, step, id),
            Purpose::PickFlight { complete } => {
                self.input(
                    Purpose::RuleFlight { seq: id, complete },
                    &Said::ReasonForAction { complete }.say(self.lang),
                    String::new(),
                );
            }
            _ => {}
        }
    }

    /// A note, typed at once: its text, and (Tab) what it is about.
    pub(crate) fn write_note(&mut self, live: &Live) {
        self.input(
            Purpose::NoteText { objective: None },
            &note_prompt(live, None, self.lang),
            String::new(),
        );
    }

    /// The objectives a note may be about, each with its team ("(general)" first); the text
    /// typed so far is kept for when one is chosen.
    fn pick_note_objective(&mut self, live: &Live, text: String) {
        let s = live.scenario();
        let lang = self.lang;
        let mut options = vec![(say(lang, "(general)").to_string(), u32::MAX)];
        options.extend(s.objectives.iter().enumerate().map(|(i, o)| {
            let objective = s.text(TextKey::ObjectiveName(ObjectiveId(i as u32)), lang);
            (
                format!("{}: {objective}", self.team_name(live, o.team)),
                i as u32,
            )
        }));
        self.dialog = Some(Dialog::Pick {
            purpose: Purpose::NoteAbout { text },
            title: say(lang, "Note about").into(),
            options,
            cursor: 0,
        });
    }

    pub(super) fn confirmed(&mut self, live: &mut Live, purpose: Purpose) {
        if let (
            Purpose::ConfirmAct {
                action,
                target,
                to,
                intel,
            },
            Seat::Team(team),
        ) = (purpose, self.seat)
        {
            self.submit(
                live,
                Command::Act {
                    team,
                    action,
                    target,
                    to,
                    intel,
                },
            );
        }
    }

    pub(super) fn edit_input(&mut self, live: &mut Live, e: Edit) {
        let Some(Dialog::Input {
            purpose,
            prompt,
            mut text,
        }) = self.dialog.take()
        else {
            return;
        };
        match e {
            Edit::Insert(c) => text.push(c),
            Edit::Backspace => {
                text.pop();
            }
            Edit::Cancel => {
                self.status = say(self.lang, "Cancelled").into();
                return;
            }
            Edit::Submit => {
                self.submit_text(live, purpose, text.trim().to_string());
                return;
            }
            Edit::Choose => {
                if let Purpose::NoteText { .. } = purpose {
                    self.pick_note_objective(live, text);
                    return;
                }
            }
        }
        self.dialog = Some(Dialog::Input {
            purpose,
            prompt,
            text,
        });
    }

    pub(super) fn submit_text(&mut self, live: &mut Live, purpose: Purpose, text: String) {
        let reason = if text.is_empty() {
            "no reason given".to_string()
        } else {
            text.clone()
        };
        match purpose {
            Purpose::MessageText { to } => {
                if let Seat::Team(from) = self.seat
                    && !text.is_empty()
                {
                    self.submit(
                        live,
                        Command::Message {
                            from,
                            to: vec![to],
                            text,
                        },
                    );
                }
            }
            Purpose::NoteText { objective } if !text.is_empty() => {
                self.submit(
                    live,
                    Command::Note {
                        text,
                        objective,
                        capability: None,
                    },
                );
            }
            Purpose::EditInject(inject) => {
                self.submit(live, Command::EditInject { inject, text });
            }
            Purpose::RuleAsset { asset, restore } => {
                let ruling = if restore {
                    Ruling::RestoreAsset(asset)
                } else {
                    Ruling::FailAsset(asset)
                };
                self.submit(live, Command::Adjudicate { ruling, reason });
            }
            Purpose::RuleFlight { seq, complete } => {
                let ruling = if complete {
                    Ruling::CompleteAction(seq)
                } else {
                    Ruling::CancelAction(seq)
                };
                self.submit(live, Command::Adjudicate { ruling, reason });
            }
            Purpose::Evaluate(step) => self.evaluate_text(live, step, text),
            Purpose::Roll => match parse_roll(&text) {
                Some((chance, what)) => {
                    let ruling = Ruling::Roll { chance, what };
                    self.submit(
                        live,
                        Command::Adjudicate {
                            ruling,
                            reason: "facilitator's roll".into(),
                        },
                    );
                }
                None => self.status = say(self.lang, ROLL_HOW).into(),
            },
            _ => {}
        }
    }

    pub(super) fn edit_command_line(&mut self, live: &mut Live, e: Edit) {
        let Some(mut line) = self.command_line.take() else {
            return;
        };
        match e {
            Edit::Insert(c) => {
                line.push(c);
                self.command_line = Some(line);
            }
            Edit::Backspace => {
                line.pop();
                self.command_line = Some(line);
            }
            Edit::Choose => self.command_line = Some(line),
            Edit::Cancel => {}
            Edit::Submit => {
                self.status = crate::tui::command_line::run(self, live, &line);
            }
        }
    }
}

/// What a roll's text must be, when it is not.
pub const ROLL_HOW: &str = "Write the chance in % then what it is for, e.g. 30 the vendor answers";

/// The prompt of a note: what it is about, and how to choose.
fn note_prompt(live: &Live, objective: Option<ObjectiveId>, lang: Lang) -> String {
    match objective {
        None => say(lang, "Note (general; Tab: about an objective)").into(),
        Some(id) => {
            let s = live.scenario();
            let o = &s.objectives[id.index()];
            Said::NoteAbout {
                team: s.text(TextKey::TeamName(o.team), lang),
                objective: s.text(TextKey::ObjectiveName(id), lang),
            }
            .say(lang)
        }
    }
}
