//! Styles: colour by state where colour is allowed, and marks that carry the same meaning
//! without it (NO_COLOR, monochrome projectors). Projector mode drops dim tones for contrast.

use ratatui::style::{Color, Modifier, Style};

use super::screens::objectives::Grade;
use super::view::Shown;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
    pub projector: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        let base = if self.projector {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        if self.color { base.fg(c) } else { base }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.projector || !self.color {
            Style::new()
        } else {
            Style::new().fg(Color::DarkGray)
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn header(self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn state(self, s: Shown) -> Style {
        match s {
            Shown::Normal => self.fg(Color::Green),
            Shown::Degraded => self.fg(Color::Yellow),
            Shown::Down => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Shown::CompromisedKnown => self.fg(Color::LightRed),
            Shown::CompromisedHidden => self.fg(Color::Magenta),
            Shown::Isolated => self.fg(Color::Blue),
            Shown::Restoring => self.fg(Color::Cyan),
        }
    }

    pub fn grade(self, g: Grade) -> Style {
        match g {
            Grade::Met => self.fg(Color::Green),
            Grade::Missed => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Grade::AtRisk => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Grade::Pending => Style::new(),
            Grade::NotApplicable => self.dim(),
        }
    }

    pub fn alert(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}
