//! Lint findings as warnings: shown like validation errors (through miette, on the source) but
//! marked as warnings, under a one-line summary.

use std::fmt;

use miette::{LabeledSpan, NamedSource, Severity, SourceCode};

use crate::scenario::{Diagnostic, Diagnostics};

/// The warnings found in one file, with the file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warnings(pub Diagnostics);

impl Warnings {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// "2 warnings in file.ron", or "file.ron: no warnings".
    pub fn summary(&self) -> String {
        match self.len() {
            0 => format!("{}: no warnings", self.0.file),
            1 => format!("1 warning in {}", self.0.file),
            n => format!("{n} warnings in {}", self.0.file),
        }
    }

    /// A miette report headed by the summary, each warning drawn on the source.
    pub fn report(&self) -> Report<'_> {
        Report {
            summary: self.summary(),
            items: self.0.items.iter().map(Warning).collect(),
            source: NamedSource::new(&self.0.file, self.0.source.clone()),
        }
    }
}

/// Plain listing, one warning per line with its hint.
impl fmt::Display for Warnings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(
                f,
                "{}:{}:{}: warning: {}",
                d.file, d.line, d.column, d.message
            )?;
            if let Some(hint) = &d.hint {
                write!(f, "\n  = hint: {hint}")?;
            }
        }
        Ok(())
    }
}

/// One diagnostic shown as a warning.
#[derive(Debug)]
struct Warning<'a>(&'a Diagnostic);

impl fmt::Display for Warning<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Warning<'_> {}

impl miette::Diagnostic for Warning<'_> {
    fn severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        miette::Diagnostic::help(self.0)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        miette::Diagnostic::labels(self.0)
    }
}

/// [`Warnings`] as miette shows them.
#[derive(Debug)]
pub struct Report<'a> {
    summary: String,
    items: Vec<Warning<'a>>,
    source: NamedSource<String>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        Some(Box::new(
            self.items.iter().map(|w| w as &dyn miette::Diagnostic),
        ))
    }
}
