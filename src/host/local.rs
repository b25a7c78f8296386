//! The white cell's console in the host's own terminal: the same room as every SSH connection,
//! drawn with crossterm. Quitting it stops the host.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use super::{HostError, Shared};
use crate::command::Seat;
use crate::lang::Lang;

pub fn run(shared: Arc<Shared>, lang: Lang) -> Result<(), HostError> {
    crate::tui::ensure_terminal()?;
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, &shared, lang);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    shared: &Shared,
    lang: Lang,
) -> Result<(), HostError> {
    let mut viewer = shared.room.join(
        Seat::WhiteCell,
        lang.pick(
            "Hosting: R shows who is connected and the codes. Paused; Space starts the clock.",
            "ホスト中：R で接続者とコードを表示。一時停止中、Space で時計を開始。",
        )
        .into(),
    );
    viewer.console.lang = lang;
    let mut changes = shared.room.subscribe();
    loop {
        if let Some(why) = shared.room.journal_error() {
            return Err(HostError::Journal(why));
        }
        changes.mark_unchanged();
        let view = shared.picture(&mut viewer);
        terminal.draw(|f| f.render_widget(&view, f.area()))?;
        if event::poll(Duration::from_millis(50))? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    shared.key(&mut viewer, key);
                }
                Event::Resize(..) => terminal.autoresize()?,
                _ => {}
            }
        }
        if viewer.quit() {
            return Ok(());
        }
    }
}
