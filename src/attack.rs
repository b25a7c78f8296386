//! The MITRE ATT&CK v18.1 technique catalogue (enterprise and ICS), shipped inside the binary so
//! scenarios can name techniques by id and have them checked, with a nearest match for typos; and
//! the techniques ATT&CK has revoked (with what replaced them) or deprecated, so an old id is
//! answered with what became of it rather than with a look-alike.

use std::collections::HashMap;
use std::sync::OnceLock;

const TSV: &str = include_str!("../assets/attack/techniques.tsv");
const RETIRED_TSV: &str = include_str!("../assets/attack/retired.tsv");

/// A technique id ATT&CK no longer uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retired {
    pub id: String,
    pub domain: Domain,
    /// Its name when it was current.
    pub name: String,
    /// The current technique it was merged into (revoked); `None` when it was deprecated with no
    /// replacement.
    pub replaced_by: Option<String>,
}

/// What became of a technique id that is no longer current, if it ever was one.
pub fn retired(id: &str) -> Option<&'static Retired> {
    static RETIRED: OnceLock<HashMap<String, Retired>> = OnceLock::new();
    RETIRED
        .get_or_init(|| {
            RETIRED_TSV
                .lines()
                .filter_map(parse_retired)
                .map(|r| (r.id.clone(), r))
                .collect()
        })
        .get(id)
}

fn parse_retired(line: &str) -> Option<Retired> {
    let (id, domain, mut cols) = row_start(line)?;
    let status = cols.next()?.trim();
    let name = cols.next()?.trim();
    let replaced_by = cols.next().map(str::trim).filter(|r| !r.is_empty());
    match (status, replaced_by) {
        ("revoked", Some(_)) | ("deprecated", None) => Some(Retired {
            id: id.to_string(),
            domain,
            name: name.to_string(),
            replaced_by: replaced_by.map(String::from),
        }),
        _ => None,
    }
}

/// The ATT&CK matrix a technique belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Domain {
    Enterprise,
    Ics,
}

/// One technique or sub-technique.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Technique {
    /// "T1133", "T1078.001", "T0831".
    pub id: String,
    pub domain: Domain,
    pub name: String,
    /// Tactic short names: "initial-access", "impact".
    pub tactics: Vec<String>,
    pub subtechnique: bool,
}

impl Technique {
    /// The parent technique's id: "T1078" for "T1078.001", the id itself otherwise.
    pub fn parent_id(&self) -> &str {
        parent_of(&self.id)
    }
}

fn parent_of(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

/// Every technique of the shipped catalogue, indexed by id.
#[derive(Debug)]
pub struct Catalogue {
    techniques: Vec<Technique>,
    by_id: HashMap<String, usize>,
}

/// The shipped catalogue, parsed on first use.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::parse(TSV))
}

/// Looks a technique up by its exact (case-sensitive) id.
pub fn lookup(id: &str) -> Option<&'static Technique> {
    catalogue().get(id)
}

/// The known technique whose id is closest to an unknown one, when any is close.
pub fn nearest(id: &str) -> Option<&'static Technique> {
    catalogue().nearest(id)
}

impl Catalogue {
    /// Reads the tab-separated catalogue; comment lines, the header and malformed rows are skipped.
    pub fn parse(text: &str) -> Self {
        let techniques: Vec<Technique> = text.lines().filter_map(parse_row).collect();
        let by_id = techniques
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        Catalogue { techniques, by_id }
    }

    pub fn get(&self, id: &str) -> Option<&Technique> {
        self.by_id.get(id).and_then(|&i| self.techniques.get(i))
    }

    pub fn len(&self) -> usize {
        self.techniques.len()
    }

    pub fn is_empty(&self) -> bool {
        self.techniques.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Technique> {
        self.techniques.iter()
    }

    /// The closest id by edit distance (ties to the first in catalogue order). Sub-techniques of
    /// the same parent are preferred, then the parent itself; nothing is offered when every id is
    /// more than two edits away.
    pub fn nearest(&self, id: &str) -> Option<&Technique> {
        if let Some(t) = self.get(id) {
            return Some(t);
        }
        let parent = parent_of(id);
        if id.contains('.') {
            let siblings = self
                .techniques
                .iter()
                .filter(|t| t.subtechnique && t.parent_id() == parent);
            if let Some(t) = closest(id, siblings, 2) {
                return Some(t);
            }
            if let Some(t) = self.get(parent) {
                return Some(t);
            }
        }
        closest(id, self.techniques.iter(), 2)
    }
}

fn closest<'a>(
    id: &str,
    candidates: impl Iterator<Item = &'a Technique>,
    max: usize,
) -> Option<&'a Technique> {
    candidates
        .map(|t| {
            (
                strsim::levenshtein(id, &t.id),
                number(id).abs_diff(number(&t.id)),
                t,
            )
        })
        .filter(|(d, _, _)| *d <= max)
        .min_by_key(|(d, gap, _)| (*d, *gap))
        .map(|(_, _, t)| t)
}

/// The technique number of an id ("T1486.001" -> 1486), to break ties between equally close ids.
fn number(id: &str) -> u64 {
    parent_of(id)
        .trim_start_matches('T')
        .parse()
        .unwrap_or(u64::MAX / 2)
}

/// The id and domain that open a row of either catalogue, and the columns after them; `None`
/// for a comment, a blank line or an unknown domain.
fn row_start(line: &str) -> Option<(&str, Domain, std::str::Split<'_, char>)> {
    if line.starts_with('#') || line.trim().is_empty() {
        return None;
    }
    let mut cols = line.split('\t');
    let id = cols.next()?.trim();
    let domain = match cols.next()?.trim() {
        "enterprise" => Domain::Enterprise,
        "ics" => Domain::Ics,
        _ => return None,
    };
    Some((id, domain, cols))
}

fn parse_row(line: &str) -> Option<Technique> {
    let (id, domain, mut cols) = row_start(line)?;
    let name = cols.next()?.trim();
    let tactics = cols
        .next()?
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let subtechnique = cols.next()?.trim() == "yes";
    Some(Technique {
        id: id.to_string(),
        domain,
        name: name.to_string(),
        tactics,
        subtechnique,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_enterprise_ics_and_sub_techniques() {
        assert_eq!(
            lookup("T1133").map(|t| t.name.as_str()),
            Some("External Remote Services")
        );
        assert_eq!(lookup("T1486").map(|t| t.domain), Some(Domain::Enterprise));
        assert_eq!(lookup("T0831").map(|t| t.domain), Some(Domain::Ics));
        let sub = lookup("T1078.001").map(|t| (t.subtechnique, t.parent_id().to_string()));
        assert_eq!(sub, Some((true, "T1078".to_string())));
    }

    #[test]
    fn skips_comments_and_header_and_ids_are_case_sensitive() {
        assert!(lookup("id").is_none());
        assert!(lookup("t1133").is_none());
        assert!(catalogue().len() > 700);
        let tactics = lookup("T1133")
            .map(|t| t.tactics.clone())
            .unwrap_or_default();
        assert_eq!(tactics, ["persistence", "initial-access"]);
    }

    #[test]
    fn nearest_prefers_siblings_then_parent() {
        assert_eq!(
            nearest("T1078.01").map(|t| t.id.as_str()),
            Some("T1078.001")
        );
        assert_eq!(nearest("T1078.999").map(|t| t.parent_id()), Some("T1078"));
        assert_eq!(nearest("T1487").map(|t| t.id.as_str()), Some("T1486"));
        assert!(nearest("completely wrong").is_none());
    }

    #[test]
    fn parse_ignores_malformed_rows() {
        let c = Catalogue::parse(
            "# c\nid\tdomain\tname\ttactics\tsubtechnique\nT1\tmars\tx\ty\tno\nT2\tics\tA\timpact\tno\n",
        );
        assert_eq!(c.len(), 1);
        assert!(c.get("T2").is_some());
    }

    #[test]
    fn revoked_ids_name_their_replacement_and_deprecated_ones_none() {
        let ps = retired("T1086").unwrap();
        assert_eq!(
            (ps.name.as_str(), ps.replaced_by.as_deref()),
            ("PowerShell", Some("T1059.001"))
        );
        assert_eq!(
            retired("T1064").map(|r| r.replaced_by.is_none()),
            Some(true)
        );
        assert!(retired("T1133").is_none(), "a current id is not retired");
        assert!(retired("id").is_none(), "the header is skipped");
    }

    #[test]
    fn every_replacement_is_a_current_technique_and_no_current_id_is_retired() {
        let text = RETIRED_TSV;
        let rows: Vec<Retired> = text.lines().filter_map(parse_retired).collect();
        assert!(rows.len() > 150, "{}", rows.len());
        for r in &rows {
            assert!(
                lookup(&r.id).is_none(),
                "{} is both current and retired",
                r.id
            );
            if let Some(to) = &r.replaced_by {
                assert!(lookup(to).is_some(), "{} is replaced by unknown {to}", r.id);
            }
        }
    }
}
