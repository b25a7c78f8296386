//! `kunren msel`: a scenario's injects to and from a CSV spreadsheet.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{Error, write_new};
use crate::library;
use crate::msel::{self, MergeError};
use crate::scenario::LoadError;

// `kunren msel`
#[derive(Args)]
pub struct Msel {
    #[command(subcommand)]
    pub command: MselCmd,
}

#[derive(Subcommand)]
pub enum MselCmd {
    /// Write a scenario's injects as a CSV sheet, one row per inject.
    Export {
        /// A scenario file, or the id of a built-in scenario.
        scenario: String,
        /// Where to write the sheet [default: standard output]; an existing file is never overwritten.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Read a CSV sheet of injects: merge it into a scenario file, or write its injects as RON.
    Import {
        /// The CSV sheet.
        sheet: PathBuf,
        /// Merge into this scenario file: injects with the sheet's numbers are replaced, new ones
        /// appended, the rest of the file kept as written. Nothing is written unless the result
        /// validates.
        #[arg(long, conflicts_with = "output")]
        into: Option<PathBuf>,
        /// Write the `injects: [...]` field to this file for pasting [default: standard output];
        /// an existing file is never overwritten.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

impl Msel {
    pub fn run(self) -> Result<(), Error> {
        match self.command {
            MselCmd::Export { scenario, output } => export(&scenario, output.as_deref()),
            MselCmd::Import {
                sheet,
                into,
                output,
            } => import(&sheet, into.as_deref(), output.as_deref()),
        }
    }
}

fn export(name: &str, output: Option<&Path>) -> Result<(), Error> {
    let (source, file) = library::source(name)?;
    let sheet = msel::export(&source, &file).map_err(LoadError::Invalid)?;
    write_new(output, &sheet)?;
    if let Some(path) = output {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn import(sheet: &Path, into: Option<&Path>, output: Option<&Path>) -> Result<(), Error> {
    let bytes = std::fs::read(sheet).map_err(|source| LoadError::Io {
        path: sheet.to_path_buf(),
        source,
    })?;
    let sheet_file = sheet.display().to_string();
    let (injects, layout) = msel::import_with_layout(&bytes, &sheet_file)?;
    let Some(into) = into else {
        return write_new(output, &msel::merge::injects_field(&injects));
    };
    let source = std::fs::read_to_string(into).map_err(|source| LoadError::Io {
        path: into.to_path_buf(),
        source,
    })?;
    let merged = match msel::merge(&source, &into.display().to_string(), &injects) {
        Ok(m) => m,
        Err(MergeError::Scenario(d)) => return Err(Error::Load(LoadError::Invalid(d))),
        Err(MergeError::Invalid(d)) => {
            // Problems in the sheet's own injects are shown at its rows and columns; anything
            // else on the merged text (which is not written anywhere).
            return Err(match msel::in_sheet(&d, &injects, &layout, &sheet_file) {
                Some(errors) => Error::RefusedSheet(errors, into.to_path_buf()),
                None => Error::Refused(d, into.to_path_buf()),
            });
        }
    };
    if merged.text != source {
        std::fs::write(into, &merged.text).map_err(|source| Error::Write {
            path: into.to_path_buf(),
            source,
        })?;
    }
    println!(
        "{}: {} replaced, {} added, {} unchanged",
        into.display(),
        merged.replaced.len(),
        merged.added.len(),
        merged.unchanged
    );
    Ok(())
}
