//! Partial results for running an analysis in slices (`--shard K/N`) on many machines, and
//! their merge. A partial result keeps every run's record as it was (never a rounded
//! statistic), so merging the N slices gives exactly the records, and so exactly the output,
//! of the unsharded run.

use serde::{Deserialize, Serialize};

use super::{Layout, Seeds, SetRecords};

/// The version of the partial-result format.
pub const FORMAT: u32 = 1;

/// One slice's result: the scenario's layout, all the seeds of the whole analysis, which slice
/// this is, and its runs' records by decision set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    pub format: u32,
    pub kunren: String,
    pub layout: Layout,
    pub seeds: Seeds,
    /// (K, N): the K-th of N slices, K from 1.
    pub shard: (u64, u64),
    pub sets: Vec<SetRecords>,
}

/// A `--shard` argument: "K/N" with 1 <= K <= N.
pub fn parse_shard(text: &str) -> Option<(u64, u64)> {
    let (k, n) = text.trim().split_once('/')?;
    let (k, n): (u64, u64) = (k.trim().parse().ok()?, n.trim().parse().ok()?);
    (k >= 1 && k <= n).then_some((k, n))
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("no partial results to merge")]
    Empty,
    #[error("{file}: not a partial result of this kunren ({source})")]
    Unreadable {
        file: String,
        source: serde_json::Error,
    },
    #[error("{file}: partial-result format {found}, this kunren reads format {FORMAT}")]
    Format { file: String, found: u32 },
    #[error(
        "{file} is from another analysis than {first} (its {what} differ)\n  = hint: merge only the slices of one `kunren analyze ... --shard K/N` run"
    )]
    Mismatch {
        file: String,
        first: String,
        what: &'static str,
    },
    #[error("slice {k}/{n} is given twice ({file})\n  = hint: give each slice's file once")]
    Duplicate { k: u64, n: u64, file: String },
    #[error(
        "slice {k}/{n} is missing\n  = hint: run `kunren analyze ... --shard {k}/{n}` and add its file"
    )]
    Missing { k: u64, n: u64 },
}

/// Reads a partial result.
pub fn read(text: &str, file: &str) -> Result<Partial, MergeError> {
    let p: Partial = serde_json::from_str(text).map_err(|source| MergeError::Unreadable {
        file: file.into(),
        source,
    })?;
    if p.format != FORMAT {
        return Err(MergeError::Format {
            file: file.into(),
            found: p.format,
        });
    }
    Ok(p)
}

/// Combines the slices of one analysis, each given once, into its layout, seeds and records
/// (in seed order), exactly as the unsharded run has them.
pub fn merge(
    parts: Vec<(String, Partial)>,
) -> Result<(Layout, Seeds, Vec<SetRecords>), MergeError> {
    let mut parts = parts;
    let Some((first_file, first)) = parts.first().cloned() else {
        return Err(MergeError::Empty);
    };
    let n = first.shard.1;
    let names = |p: &Partial| p.sets.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    for (file, p) in &parts {
        let what = if p.kunren != first.kunren {
            Some("kunren versions")
        } else if p.layout != first.layout {
            Some("scenarios")
        } else if p.seeds != first.seeds {
            Some("seeds")
        } else if p.shard.1 != n {
            Some("numbers of slices")
        } else if names(p) != names(&first) {
            Some("decision sets")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(MergeError::Mismatch {
                file: file.clone(),
                first: first_file.clone(),
                what,
            });
        }
    }
    parts.sort_by_key(|(_, p)| p.shard.0);
    for w in parts.windows(2) {
        if w[0].1.shard.0 == w[1].1.shard.0 {
            return Err(MergeError::Duplicate {
                k: w[1].1.shard.0,
                n,
                file: w[1].0.clone(),
            });
        }
    }
    if let Some(k) = (1..=n).find(|k| !parts.iter().any(|(_, p)| p.shard.0 == *k)) {
        return Err(MergeError::Missing { k, n });
    }
    let mut sets: Vec<SetRecords> = first
        .sets
        .iter()
        .map(|s| SetRecords {
            name: s.name.clone(),
            records: Vec::new(),
        })
        .collect();
    for (_, p) in parts {
        for (into, from) in sets.iter_mut().zip(p.sets) {
            into.records.extend(from.records);
        }
    }
    for s in &mut sets {
        s.records.sort_by_key(|r| r.seed);
    }
    Ok((first.layout, first.seeds, sets))
}
