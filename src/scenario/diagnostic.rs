//! What the loader reports: every problem in a file with its line, column, offending text,
//! what is wrong and how to fix it; rendered as plain lines or, through miette, on the source.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use miette::{LabeledSpan, NamedSource, SourceCode};

use crate::printable::printable;

use super::source_map::Span;

/// One problem, located in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, counting characters.
    pub column: usize,
    /// Byte range of the offending text in the source.
    pub offsets: Range<usize>,
    /// The offending text (its first line, shortened when long).
    pub snippet: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(
        file: &str,
        source: &str,
        span: Span,
        message: String,
        hint: Option<String>,
    ) -> Self {
        // Scenario text reaches a terminal through diagnostics: made printable here.
        let safe = |s: String| printable(&s).into_owned();
        Diagnostic {
            file: safe(file.to_string()),
            line: span.line,
            column: span.column,
            offsets: span.start..span.end,
            snippet: safe(snippet(source, span)),
            message: safe(message),
            hint: hint.map(safe),
        }
    }
}

fn snippet(source: &str, span: Span) -> String {
    let text = source.get(span.start..span.end).unwrap_or("");
    let first = text.lines().next().unwrap_or("");
    if first.chars().count() > 60 {
        format!("{}…", first.chars().take(60).collect::<String>())
    } else {
        first.to_string()
    }
}

/// Shown by miette as one problem of a [`Report`]; the location is drawn from the labels.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.offsets.end.saturating_sub(self.offsets.start);
        let label =
            LabeledSpan::new_primary_with_span(Some("here".into()), (self.offsets.start, len));
        Some(Box::new(std::iter::once(label)))
    }
}

/// Every problem found in one file, with the file's text so they can be shown on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics {
    pub file: String,
    pub source: String,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// A miette report headed by a one-line summary, each problem drawn on the source.
    pub fn report(&self) -> Report<'_> {
        Report {
            diagnostics: self,
            // Same length in bytes, so every span still points at the same text.
            source: NamedSource::new(printable(&self.file), printable(&self.source).into_owned()),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn summary(&self) -> String {
        let n = self.items.len();
        format!(
            "{} error{} in {}",
            n,
            if n == 1 { "" } else { "s" },
            self.file
        )
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.items.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(
                f,
                "{}:{}:{}: error: {}",
                d.file, d.line, d.column, d.message
            )?;
            if let Some(hint) = &d.hint {
                write!(f, "\n  = hint: {hint}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Rendered directly, the header is the full plain listing; prefer [`Diagnostics::report`].
impl miette::Diagnostic for Diagnostics {
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.items.iter().map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

/// [`Diagnostics`] as miette shows them: "3 errors in file.ron", then each on the source.
#[derive(Debug)]
pub struct Report<'a> {
    diagnostics: &'a Diagnostics,
    source: NamedSource<String>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostics.summary())
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        Some(Box::new(
            self.diagnostics
                .items
                .iter()
                .map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

/// Why a scenario or decisions file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(Diagnostics),
}

impl miette::Diagnostic for LoadError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self {
            LoadError::Io { .. } => Some(Box::new("check the path and that the file is readable")),
            LoadError::Invalid(_) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match self {
            LoadError::Io { .. } => None,
            LoadError::Invalid(d) => Some(&d.source),
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        match self {
            LoadError::Io { .. } => None,
            LoadError::Invalid(d) => miette::Diagnostic::related(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostics {
        let source = "Scenario(\n  meta: (id: \"x\"),\n)".to_string();
        let span = Span::at(&source, 23, 26);
        let d = Diagnostic::new(
            "s.ron",
            &source,
            span,
            "bad id".into(),
            Some("rename it".into()),
        );
        Diagnostics {
            file: "s.ron".into(),
            source,
            items: vec![d.clone(), Diagnostic { hint: None, ..d }],
        }
    }

    #[test]
    fn display_lists_every_item_with_hints() {
        let text = sample().to_string();
        assert_eq!(
            text,
            "s.ron:2:14: error: bad id\n  = hint: rename it\ns.ron:2:14: error: bad id"
        );
        assert_eq!(sample().items[0].snippet, "\"x\"");
    }

    #[test]
    fn miette_renders_summary_and_each_label() {
        let diags = sample();
        let mut out = String::new();
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
        let rendered = handler.render_report(&mut out, &diags.report());
        assert!(rendered.is_ok());
        assert!(out.contains("2 errors in s.ron"), "{out}");
        assert!(out.contains("rename it"), "{out}");
        assert!(out.contains("s.ron:2:14"), "{out}");
    }
}
