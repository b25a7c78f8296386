//! Seats at a console: the start screen's choice, taking a seat, holding a console to its seat
//! (`kunren play --seat`, a team over SSH) and the hot seat's picker.

use super::{Console, Dialog, Live, Mode, Purpose, Seat, seats};
use crate::tui::intent::Intent;
use crate::tui::said::Said;
use crate::tui::words::say;

/// What the status line says once a seat is taken at the start screen.
pub const SEATED: &str = "Paused. Space starts the clock; ? shows every key.";

impl Console {
    /// The seats a person can take: the white cell, then every team played by people.
    pub fn seats(&self, live: &Live) -> Vec<Seat> {
        seats(live.scenario())
    }

    pub(super) fn handle_start(&mut self, live: &mut Live, intent: Intent, cursor: usize) {
        let seats = self.seats(live);
        match intent {
            Intent::Up => {
                self.mode = Mode::Start {
                    cursor: cursor.saturating_sub(1),
                }
            }
            Intent::Down => {
                self.mode = Mode::Start {
                    cursor: (cursor + 1).min(seats.len() - 1),
                }
            }
            Intent::Select => {
                self.take_seat(live, seats[cursor.min(seats.len() - 1)]);
                self.mode = Mode::Console;
                self.status = say(self.lang, SEATED).into();
            }
            Intent::Quit => self.quit = true,
            Intent::Help => self.dialog = Some(Dialog::Help),
            _ => {}
        }
    }

    /// Skips the start screen and opens the console on a seat.
    pub fn open_at(&mut self, live: &mut Live, seat: Seat) {
        self.take_seat(live, seat);
        self.mode = Mode::Console;
    }

    /// Opens the console held to one seat: the picker, `S` and `:seat` are refused from now on.
    pub fn lock_to(&mut self, live: &mut Live, seat: Seat) {
        self.open_at(live, seat);
        self.locked = true;
    }

    /// Why this console may not switch seats, if it may not.
    pub fn seat_switch_refused(&self, live: &Live) -> Option<String> {
        self.locked.then(|| {
            let seat = self.seat.name_in(live.scenario(), self.lang);
            Said::HeldToSeat { seat: &seat }.say(self.lang)
        })
    }

    /// Moves this console to a seat (refused on a console held to its seat).
    pub fn take_seat(&mut self, live: &mut Live, seat: Seat) -> bool {
        if let Some(why) = self.seat_switch_refused(live).filter(|_| seat != self.seat) {
            self.status = why;
            return false;
        }
        self.seat = seat;
        self.tab = 0;
        self.cursor = 0;
        let name = seat.name_in(live.scenario(), self.lang);
        self.status = Said::SeatTaken { seat: &name }.say(self.lang);
        live.record_seat(seat);
        true
    }

    pub(super) fn pick_seat(&mut self, live: &mut Live) {
        if let Some(why) = self.seat_switch_refused(live) {
            self.status = why;
            return;
        }
        let options = self
            .seats(live)
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name_in(live.scenario(), self.lang), i as u32))
            .collect();
        self.dialog = Some(Dialog::Pick {
            purpose: Purpose::Seat,
            title: say(self.lang, "Take a seat").into(),
            options,
            cursor: 0,
        });
    }
}
