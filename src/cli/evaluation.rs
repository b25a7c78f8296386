//! `kunren eeg` and `kunren feedback-form`: what evaluators and participants are handed before
//! the day, read off the scenario (the work is in [`crate::report::guides`] and the feedback
//! form's writers).

use std::path::PathBuf;

use clap::Args;

use super::{Error, write_new};
use crate::headless::Exercise;
use crate::lang::Lang;
use crate::report;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum PageFormat {
    Md,
    Html,
}

// `kunren eeg`
#[derive(Args)]
pub struct Eeg {
    /// A scenario file, or the id of a built-in scenario.
    pub scenario: String,
    /// md, or html (prints one guide per page).
    #[arg(long, value_enum, default_value_t = PageFormat::Md)]
    pub format: PageFormat,
    /// Write the guides to this new file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The language to write them in: en (English, the default) or ja (Japanese).
    #[arg(long, default_value = "en")]
    pub lang: Lang,
}

impl Eeg {
    pub fn run(self) -> Result<(), Error> {
        let exercise = Exercise::named(&self.scenario)?;
        let guides = report::guides(&exercise.scenario, self.lang);
        let text = match self.format {
            PageFormat::Md => guides.to_markdown(),
            PageFormat::Html => guides.to_html(),
        };
        write_new(self.output.as_deref(), &text)
    }
}

// `kunren feedback-form`
#[derive(Args)]
pub struct FeedbackForm {
    /// A scenario file, or the id of a built-in scenario.
    pub scenario: String,
    /// md, or html (prints on one page).
    #[arg(long, value_enum, default_value_t = PageFormat::Md)]
    pub format: PageFormat,
    /// Write the form to this new file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The language to write it in: en (English, the default) or ja (Japanese).
    #[arg(long, default_value = "en")]
    pub lang: Lang,
}

impl FeedbackForm {
    pub fn run(self) -> Result<(), Error> {
        let exercise = Exercise::named(&self.scenario)?;
        let text = match self.format {
            PageFormat::Md => report::feedback_form_markdown(&exercise.scenario, self.lang),
            PageFormat::Html => report::feedback_form_html(&exercise.scenario, self.lang),
        };
        write_new(self.output.as_deref(), &text)
    }
}
