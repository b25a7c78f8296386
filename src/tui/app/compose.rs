//! Choices and typed text: the dialogs that build a team's action step by step (asset,
//! recipient, item, confirmation), share and message, and the facilitator's notes, rewrites and
//! rulings. Each ends in one engine command through [`App::submit`].

use super::{App, Dialog, Purpose, Seat, parse_roll};
use crate::command::{Command, Ruling};
use crate::scenario::model::{ActionId, AssetId, IntelId, ObjectiveId, TeamId};
use crate::tui::keys::{Edit, Intent};
use crate::tui::view;

impl App {
    pub(super) fn other_teams(&self) -> Vec<(String, u32)> {
        self.scenario
            .teams
            .iter()
            .enumerate()
            .filter(|(i, _)| self.seat != Seat::Team(TeamId(*i as u32)))
            .map(|(i, t)| (t.name.clone(), i as u32))
            .collect()
    }

    pub(super) fn input(&mut self, purpose: Purpose, prompt: &str, text: String) {
        self.dialog = Some(Dialog::Input {
            purpose,
            prompt: prompt.into(),
            text,
        });
    }

    pub(super) fn fire_selected(&mut self) {
        if let Some(inject) = view::msel_inject(self, self.cursor) {
            self.submit(Command::FireInject { inject });
        }
    }

    pub(super) fn open_inbox_item(&mut self) {
        let Seat::Team(team) = self.seat else { return };
        let Some(event) = view::inbox_event(self, team, self.cursor) else {
            return;
        };
        let seq = event.seq;
        let body = event.detail.clone().unwrap_or_else(|| event.text.clone());
        let title = format!("{}  {}", self.scenario.clock.label(event.tick), event.text);
        self.read.insert((team, seq));
        self.dialog = Some(Dialog::Detail { title, body });
    }

    pub(super) fn read_intel(&mut self) {
        let Seat::Team(team) = self.seat else { return };
        if let Some(item) = view::held_intel(self, team).get(self.cursor) {
            let i = &self.scenario.intel[item.index()];
            self.dialog = Some(Dialog::Detail {
                title: i.title.clone(),
                body: i.content.clone(),
            });
        }
    }

    pub(super) fn share_selected(&mut self) {
        let Seat::Team(team) = self.seat else { return };
        let Some(&intel) = view::held_intel(self, team).get(self.cursor) else {
            return;
        };
        let share = self.scenario.actions.iter().position(|a| {
            a.teams.contains(&team)
                && a.effects
                    .contains(&crate::scenario::model::Effect::ShareIntel)
        });
        let Some(action) = share else {
            self.status = "Your team has no action that shares intelligence".into();
            return;
        };
        let options = self.other_teams();
        self.dialog = Some(Dialog::Pick {
            purpose: Purpose::ShareWith {
                action: ActionId(action as u32),
                intel,
            },
            title: "Share with".into(),
            options,
            cursor: 0,
        });
    }

    /// Starts building the selected action: asks for what it needs, one step at a time.
    pub(super) fn begin_action(&mut self) {
        let Seat::Team(team) = self.seat else { return };
        let Some(row) = view::action_rows(self, team).into_iter().nth(self.cursor) else {
            return;
        };
        if let Some(why) = row.unavailable {
            self.status = format!("Not now: {why}");
            return;
        }
        self.continue_action(row.action, None, None, None);
    }

    pub(super) fn continue_action(
        &mut self,
        action: ActionId,
        target: Option<AssetId>,
        to: Option<TeamId>,
        intel: Option<IntelId>,
    ) {
        let Seat::Team(team) = self.seat else { return };
        let a = self.scenario.action(action).clone();
        let purpose = Purpose::Act {
            action,
            target,
            to,
            intel,
        };
        if let (Some(targets), None) = (&a.targets, target) {
            let options = targets
                .iter()
                .map(|t| (self.scenario.asset(*t).name.clone(), t.0))
                .collect();
            self.dialog = Some(Dialog::Pick {
                purpose,
                title: format!("{}: on which asset?", a.name),
                options,
                cursor: 0,
            });
        } else if a.needs_team() && to.is_none() {
            let options = self
                .other_teams()
                .into_iter()
                .filter(|(_, t)| a.may_address(TeamId(*t)))
                .collect();
            self.dialog = Some(Dialog::Pick {
                purpose,
                title: format!("{}: to which team?", a.name),
                options,
                cursor: 0,
            });
        } else if a.needs_intel() && intel.is_none() {
            let options: Vec<(String, u32)> = view::held_intel(self, team)
                .iter()
                .map(|i| (self.scenario.intel[i.index()].title.clone(), i.0))
                .collect();
            if options.is_empty() {
                self.status = "Your team holds no intelligence item".into();
                return;
            }
            self.dialog = Some(Dialog::Pick {
                purpose,
                title: format!("{}: which item?", a.name),
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
            if let Some(why) = view::refusal(self, &request) {
                self.status = format!("Not possible: {why}");
                return;
            }
            let on = target
                .map(|t| format!(" on {}", self.scenario.asset(t).name))
                .unwrap_or_default();
            let dest = to
                .map(|t| format!(" to {}", self.scenario.team(t).name))
                .unwrap_or_default();
            let question = format!(
                "{}{on}{dest}: takes {}, {} staff. Confirm?",
                a.name,
                crate::simtime::Minutes(a.duration_ticks * self.scenario.clock.tick.0),
                a.cost
            );
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

    pub(super) fn handle_dialog(&mut self, intent: Intent) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        match dialog {
            Dialog::Help | Dialog::Detail { .. } => {}
            Dialog::ConfirmQuit => match intent {
                Intent::Select | Intent::Key('y') => self.quit = true,
                _ => {}
            },
            Dialog::Confirm { purpose, question } => match intent {
                Intent::Select | Intent::Key('y') => self.confirmed(purpose),
                Intent::Back | Intent::Key('n') => self.status = "Cancelled".into(),
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
                        self.picked(purpose, *id);
                    }
                }
                Intent::Back => self.status = "Cancelled".into(),
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

    pub(super) fn picked(&mut self, purpose: Purpose, id: u32) {
        match purpose {
            Purpose::Seat => {
                if let Some(seat) = self.seats().get(id as usize) {
                    self.take_seat(*seat);
                }
            }
            Purpose::Act {
                action,
                target,
                to,
                intel,
            } => {
                let a = self.scenario.action(action).clone();
                if a.targets.is_some() && target.is_none() {
                    self.continue_action(action, Some(AssetId(id)), to, intel);
                } else if a.needs_team() && to.is_none() {
                    self.continue_action(action, target, Some(TeamId(id)), intel);
                } else {
                    self.continue_action(action, target, to, Some(IntelId(id)));
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
                match view::refusal(self, &request) {
                    Some(why) => self.status = format!("Cannot share: {why}"),
                    None => {
                        self.submit(Command::Act {
                            team,
                            action,
                            target: None,
                            to: Some(TeamId(id)),
                            intel: Some(intel),
                        });
                    }
                }
            }
            Purpose::MessageTo => {
                let name = self.scenario.team(TeamId(id)).name.clone();
                self.input(
                    Purpose::MessageText { to: TeamId(id) },
                    &format!("Message to {name}"),
                    String::new(),
                );
            }
            Purpose::NoteAbout => {
                let objective = (id != u32::MAX).then_some(ObjectiveId(id));
                self.input(Purpose::NoteText { objective }, "Note", String::new());
            }
            Purpose::PickFlight { complete } => {
                let verb = if complete { "complete" } else { "call off" };
                self.input(
                    Purpose::RuleFlight { seq: id, complete },
                    &format!("Reason to {verb} it"),
                    String::new(),
                );
            }
            _ => {}
        }
    }

    pub(super) fn confirmed(&mut self, purpose: Purpose) {
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
            self.submit(Command::Act {
                team,
                action,
                target,
                to,
                intel,
            });
        }
    }

    pub(super) fn edit_input(&mut self, e: Edit) {
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
                self.status = "Cancelled".into();
                return;
            }
            Edit::Submit => {
                self.submit_text(purpose, text.trim().to_string());
                return;
            }
        }
        self.dialog = Some(Dialog::Input {
            purpose,
            prompt,
            text,
        });
    }

    pub(super) fn submit_text(&mut self, purpose: Purpose, text: String) {
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
                    self.submit(Command::Message {
                        from,
                        to: vec![to],
                        text,
                    });
                }
            }
            Purpose::NoteText { objective } if !text.is_empty() => {
                self.submit(Command::Note { text, objective })
            }
            Purpose::EditInject(inject) => self.submit(Command::EditInject { inject, text }),
            Purpose::RuleAsset { asset, restore } => {
                let ruling = if restore {
                    Ruling::RestoreAsset(asset)
                } else {
                    Ruling::FailAsset(asset)
                };
                self.submit(Command::Adjudicate { ruling, reason });
            }
            Purpose::RuleFlight { seq, complete } => {
                let ruling = if complete {
                    Ruling::CompleteAction(seq)
                } else {
                    Ruling::CancelAction(seq)
                };
                self.submit(Command::Adjudicate { ruling, reason });
            }
            Purpose::Roll => match parse_roll(&text) {
                Some((chance, what)) => {
                    let ruling = Ruling::Roll { chance, what };
                    self.submit(Command::Adjudicate {
                        ruling,
                        reason: "facilitator's roll".into(),
                    });
                }
                None => {
                    self.status =
                        "Write the chance in % then what it is for, e.g. 30 the vendor answers"
                            .into()
                }
            },
            _ => {}
        }
    }

    pub(super) fn edit_command_line(&mut self, e: Edit) {
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
            Edit::Cancel => {}
            Edit::Submit => {
                self.status = crate::tui::command_line::run(self, &line);
            }
        }
    }
}
