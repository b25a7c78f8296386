//! Console benchmarks: building one frame's view and drawing it, at 200x50, for each screen,
//! at a busy moment of the flagship (just after the encryption). Run with
//! `cargo bench --bench console`; see docs/performance.md.

use std::sync::Arc;

use divan::{Bencher, black_box};
use kunren::library;
use kunren::scenario;
use kunren::tui::App;
use kunren::tui::app::Seat;
use kunren::tui::frame::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

/// The white cell (or the operator) on screen `tab`, with the gates just gone down.
fn busy_app(tab: usize, team_seat: bool) -> App {
    let b = library::builtin(library::FLAGSHIP).expect("the flagship is built in");
    let scenario = Arc::new(scenario::parse(b.source, b.path).expect("the flagship loads"));
    let mut app = App::new(scenario.clone(), 1);
    let seat = if team_seat {
        Seat::Team(scenario.team_index("nhta").expect("the operator"))
    } else {
        Seat::WhiteCell
    };
    app.live
        .step_n(Seat::WhiteCell, 125)
        .expect("the white cell runs the clock");
    app.open_at(seat);
    app.console.tab = tab;
    app
}

/// Build the view model of `app` and draw it into a 200x50 terminal, once per iteration.
fn frame(bencher: Bencher, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("a test terminal");
    bencher.bench_local(|| {
        let view = View::build(black_box(&app.console), black_box(&app.live));
        terminal
            .draw(|f| f.render_widget(&view, f.area()))
            .expect("drawn");
    });
}

const FACILITATOR_SCREENS: [usize; 7] = [0, 1, 2, 3, 4, 5, 6];

#[divan::bench(args = FACILITATOR_SCREENS)]
fn facilitator_frame_200x50(bencher: Bencher, tab: usize) {
    frame(bencher, &busy_app(tab, false));
}

const TEAM_SCREENS: [usize; 5] = [0, 1, 2, 3, 4];

#[divan::bench(args = TEAM_SCREENS)]
fn operator_frame_200x50(bencher: Bencher, tab: usize) {
    frame(bencher, &busy_app(tab, true));
}
