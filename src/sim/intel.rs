//! Intelligence: who holds which item, under which classification and TLP 2.0 marking, whether
//! it may pass from one team to another, and how much holding it sharpens detection of what it
//! describes.

use std::collections::BTreeSet;

use bevy_ecs::prelude::*;
use serde::Serialize;

use super::facts::Facts;
use crate::lang::Lang;
use crate::scenario::model::{
    CampaignId, Classification, Intel, IntelId, Scenario, Subject, TeamId, Tlp,
};

/// An item's marking and holders as they stand now.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemState {
    pub classification: Classification,
    pub tlp: Tlp,
    /// The nations a classified item may be released to (empty: its TLP governs); cleared when
    /// it is declassified. Left out of the state hash: it is the scenario's `rel_to` while the
    /// item is classified and empty once it is not, so the classification hashed says it all,
    /// and a format 1 file corrected to carry `rel_to` hashes as it did.
    #[serde(skip)]
    pub rel_to: Vec<String>,
    pub holders: BTreeSet<TeamId>,
    /// Teams given a need to know in play by the originator (format 2). Left out of the state
    /// hash when empty.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub need_to_know: BTreeSet<TeamId>,
}

#[derive(Debug, Default, Serialize)]
pub struct IntelState {
    pub items: Vec<ItemState>,
}

impl IntelState {
    pub fn holds(&self, team: TeamId, item: IntelId) -> bool {
        self.items
            .get(item.index())
            .is_some_and(|s| s.holders.contains(&team))
    }

    /// Gives an item to a team if it is cleared for it; true if the team did not hold it before.
    pub fn give(&mut self, item: IntelId, team: TeamId, facts: &mut Facts) -> bool {
        let Some(state) = self.items.get_mut(item.index()) else {
            return false;
        };
        facts.holds.insert((team, item));
        state.holders.insert(team)
    }
}

/// Releases the tearline of `item` (format 2): the new, reduced item goes to every team that
/// holds the original, which stays classified with its holders. Returns the tearline and the
/// teams that received it now, or `None` when the item has no tearline.
pub fn release_tearline(
    scenario: &Scenario,
    state: &mut IntelState,
    item: IntelId,
    facts: &mut Facts,
) -> Option<(IntelId, Vec<TeamId>)> {
    let tearline = scenario.tearline(item)?;
    let holders: Vec<TeamId> = state
        .items
        .get(item.index())?
        .holders
        .iter()
        .copied()
        .collect();
    let got = holders
        .into_iter()
        .filter(|t| state.give(tearline, *t, facts))
        .collect();
    Some((tearline, got))
}

/// The originator gives `to` a need to know for `item` (format 2); true if it is new.
pub fn grant_need_to_know(state: &mut IntelState, item: IntelId, to: TeamId) -> bool {
    state
        .items
        .get_mut(item.index())
        .is_some_and(|s| s.need_to_know.insert(to))
}

/// Whether `from` may pass `item` to `to`: the recipient must be cleared for its classification.
/// A classified item released to named nations (REL TO) may go to a cleared team of one of
/// them, whatever its TLP (TLP is for unclassified information). Otherwise the TLP marking must
/// allow it: CLEAR and GREEN pass freely within the exercise community; AMBER only from its
/// originator or to a team with a need to know; AMBER+STRICT and RED only from the originator,
/// who names the recipient.
pub fn may_share(
    item: &Intel,
    state: &ItemState,
    from: TeamId,
    to: TeamId,
    to_clearance: Classification,
    to_nation: &str,
) -> Result<(), Barrier> {
    if !state.holders.contains(&from) {
        return Err(Barrier::NotHeld);
    }
    if to_clearance < state.classification {
        return Err(Barrier::NotCleared {
            cleared: to_clearance,
            item: state.classification,
        });
    }
    if state.classification > Classification::Unclassified && !state.rel_to.is_empty() {
        return if state.rel_to.iter().any(|n| n == to_nation) {
            Ok(())
        } else {
            Err(Barrier::NotReleasable {
                marking: rel_to_marking(&state.rel_to, None),
                nation: trigraph(to_nation),
            })
        };
    }
    let originator = item.source == from;
    match state.tlp {
        Tlp::Clear | Tlp::Green => Ok(()),
        Tlp::Amber
            if originator
                || item.need_to_know.contains(&to)
                || state.need_to_know.contains(&to) =>
        {
            Ok(())
        }
        Tlp::Amber => Err(Barrier::Amber),
        Tlp::AmberStrict | Tlp::Red if originator => Ok(()),
        Tlp::AmberStrict => Err(Barrier::AmberStrict),
        Tlp::Red => Err(Barrier::Red),
    }
}

/// What stops an item from being passed on ([`may_share`]), worded for the person who tried
/// in either language ([`Barrier::words`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Barrier {
    /// The sender does not hold the item.
    NotHeld,
    /// The recipient's clearance is below the item's classification.
    NotCleared {
        cleared: Classification,
        item: Classification,
    },
    /// A classified release not released to the recipient's nation: its marking ("REL TO
    /// AUS, GBR, JPN, USA") and the recipient's trigraph.
    NotReleasable {
        marking: String,
        nation: String,
    },
    /// TLP:AMBER to a team without a need to know, by someone not its originator.
    Amber,
    AmberStrict,
    Red,
}

impl Barrier {
    /// The reason in `lang` (in English as the engine has always worded it).
    pub fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Barrier::NotHeld, Lang::En) => "the team does not hold this item".into(),
            (Barrier::NotHeld, Lang::Ja) => "このチームはこの情報を保有していない".into(),
            (Barrier::NotCleared { cleared, item }, Lang::En) => format!(
                "the recipient is cleared to {cleared:?} but the item is {item:?}: declassify it first"
            ),
            (Barrier::NotCleared { cleared, item }, Lang::Ja) => format!(
                "受信者のクリアランスは{}までだが、この情報は{}である。先に秘密指定を下げること",
                classification_ja(*cleared),
                classification_ja(*item)
            ),
            (Barrier::NotReleasable { marking, nation }, Lang::En) => format!(
                "the item is marked {marking} and the recipient is of {nation}: ask its originator to release it further or to declassify it"
            ),
            (Barrier::NotReleasable { marking, nation }, Lang::Ja) => format!(
                "この情報の表示は{marking}で、受信者は{nation}に属する。作成元に提供範囲の拡大か秘密指定の解除を求めること"
            ),
            (Barrier::Amber, Lang::En) => {
                "TLP:AMBER may go only to those with a need to know; ask the originator".into()
            }
            (Barrier::Amber, Lang::Ja) => {
                "TLP:AMBERは知る必要のある者にだけ渡せる。作成元に求めること".into()
            }
            (Barrier::AmberStrict, Lang::En) => {
                "TLP:AMBER+STRICT may not leave the receiving organisation".into()
            }
            (Barrier::AmberStrict, Lang::Ja) => {
                "TLP:AMBER+STRICTは受け取った組織の外に出せない".into()
            }
            (Barrier::Red, Lang::En) => "TLP:RED is for the named recipients only".into(),
            (Barrier::Red, Lang::Ja) => "TLP:REDは指名された受信者限りである".into(),
        }
    }
}

/// A classification level as Japanese documents say it.
pub fn classification_ja(c: Classification) -> &'static str {
    match c {
        Classification::Unclassified => "指定なし",
        Classification::Confidential => "秘",
        Classification::Secret => "極秘",
        Classification::TopSecret => "機密",
    }
}

/// An item's marking as it is written on the document: "SECRET//REL TO JPN, AUS, GBR, USA" for
/// a classified release (the originator's nation first, then the others in order), otherwise
/// the classification and the TLP: "UNCLASSIFIED · TLP:GREEN".
pub fn marking(scenario: &Scenario, item: &Intel, state: &ItemState) -> String {
    let level = match state.classification {
        Classification::Unclassified => "UNCLASSIFIED",
        Classification::Confidential => "CONFIDENTIAL",
        Classification::Secret => "SECRET",
        Classification::TopSecret => "TOP SECRET",
    };
    if state.classification > Classification::Unclassified && !state.rel_to.is_empty() {
        let origin = scenario
            .teams
            .get(item.source.index())
            .map(|t| t.nation.as_str());
        format!("{level}//{}", rel_to_marking(&state.rel_to, origin))
    } else {
        format!("{level} · {}", state.tlp.label())
    }
}

/// "REL TO JPN, AUS, GBR, USA": `first` (the originator's nation) leads, the rest follow in
/// alphabetical order of their trigraphs.
fn rel_to_marking(nations: &[String], first: Option<&str>) -> String {
    let mut lead = None;
    let mut codes: Vec<String> = Vec::new();
    for n in nations {
        if Some(n.as_str()) == first {
            lead = Some(trigraph(n));
        } else {
            codes.push(trigraph(n));
        }
    }
    codes.sort();
    codes.dedup();
    let all: Vec<String> = lead.into_iter().chain(codes).collect();
    format!("REL TO {}", all.join(", "))
}

/// The ISO 3166 three-letter code of a nation written as two letters (or as the common "UK"),
/// as releasability markings use them; any other code as written.
pub fn trigraph(nation: &str) -> String {
    let known = [
        ("JP", "JPN"),
        ("US", "USA"),
        ("UK", "GBR"),
        ("GB", "GBR"),
        ("AU", "AUS"),
        ("NZ", "NZL"),
        ("CA", "CAN"),
        ("KR", "KOR"),
        ("FR", "FRA"),
        ("DE", "DEU"),
        ("IN", "IND"),
        ("PH", "PHL"),
        ("TW", "TWN"),
        ("SG", "SGP"),
    ];
    known
        .iter()
        .find(|(two, _)| nation.eq_ignore_ascii_case(two))
        .map_or_else(|| nation.to_uppercase(), |(_, three)| (*three).to_string())
}

/// Whether an item describes a campaign or technique (a parent technique covers its sub-techniques).
pub fn describes(item: &Intel, campaign: CampaignId, technique: &str) -> bool {
    item.about.iter().any(|s| match s {
        Subject::Campaign(c) => *c == campaign,
        Subject::Technique(t) => {
            technique == t
                || technique
                    .strip_prefix(t.as_str())
                    .is_some_and(|r| r.starts_with('.'))
        }
    })
}

/// How much a team's holdings multiply its chance of noticing a technique of a campaign: one
/// plus the boosts of every held item that describes it.
pub fn detection_multiplier(
    scenario: &Scenario,
    state: &IntelState,
    team: TeamId,
    campaign: CampaignId,
    technique: &str,
) -> f64 {
    1.0 + scenario
        .intel
        .iter()
        .zip(&state.items)
        .filter(|(item, s)| s.holders.contains(&team) && describes(item, campaign, technique))
        .map(|(item, _)| item.detection_boost)
        .sum::<f64>()
}

pub fn start(scenario: &Scenario, facts: &mut Facts) -> IntelState {
    let items: Vec<ItemState> = scenario
        .intel
        .iter()
        .map(|i| ItemState {
            classification: i.classification,
            tlp: i.tlp,
            rel_to: i.rel_to.clone(),
            holders: i.held_by.iter().copied().collect(),
            need_to_know: BTreeSet::new(),
        })
        .collect();
    for (i, s) in items.iter().enumerate() {
        for t in &s.holders {
            facts.holds.insert((*t, IntelId(i as u32)));
        }
    }
    IntelState { items }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(tlp: Tlp, classification: Classification) -> (Intel, ItemState) {
        let intel = Intel {
            id: "i".into(),
            title: "t".into(),
            content: String::new(),
            source: TeamId(0),
            classification,
            tlp,
            rel_to: Vec::new(),
            about: vec![
                Subject::Campaign(CampaignId(0)),
                Subject::Technique("T1078".into()),
            ],
            held_by: vec![TeamId(0), TeamId(1)],
            need_to_know: vec![TeamId(3)],
            detection_boost: 1.0,
            tearline_of: None,
            tlp_written: true,
        };
        let state = ItemState {
            classification,
            tlp,
            rel_to: Vec::new(),
            holders: [TeamId(0), TeamId(1)].into_iter().collect(),
            need_to_know: BTreeSet::new(),
        };
        (intel, state)
    }

    #[test]
    fn tlp_markings_bound_onward_sharing() {
        use Classification::Unclassified as U;
        for (tlp, relay_to_2, relay_to_need_to_know) in [
            (Tlp::Clear, true, true),
            (Tlp::Green, true, true),
            (Tlp::Amber, false, true),
            (Tlp::AmberStrict, false, false),
            (Tlp::Red, false, false),
        ] {
            let (i, s) = item(tlp, U);
            assert!(
                may_share(&i, &s, TeamId(0), TeamId(2), U, "JP").is_ok(),
                "the originator may always share {tlp:?}"
            );
            assert_eq!(
                may_share(&i, &s, TeamId(1), TeamId(2), U, "JP").is_ok(),
                relay_to_2,
                "{tlp:?} relay"
            );
            assert_eq!(
                may_share(&i, &s, TeamId(1), TeamId(3), U, "JP").is_ok(),
                relay_to_need_to_know,
                "{tlp:?} need"
            );
        }
    }

    #[test]
    fn clearance_and_holding_come_first() {
        let (i, s) = item(Tlp::Clear, Classification::Secret);
        let refused = may_share(
            &i,
            &s,
            TeamId(0),
            TeamId(2),
            Classification::Confidential,
            "JP",
        )
        .unwrap_err();
        assert!(
            refused.words(Lang::En).contains("declassify"),
            "{refused:?}"
        );
        assert!(
            may_share(
                &i,
                &s,
                TeamId(0),
                TeamId(2),
                Classification::TopSecret,
                "JP"
            )
            .is_ok()
        );
        assert!(
            may_share(
                &i,
                &s,
                TeamId(4),
                TeamId(2),
                Classification::TopSecret,
                "JP"
            )
            .is_err(),
            "not held"
        );
    }

    #[test]
    fn a_classified_release_goes_to_its_nations_whatever_its_tlp() {
        let (i, mut s) = item(Tlp::Red, Classification::Secret);
        s.rel_to = vec!["US".into(), "JP".into(), "AU".into(), "UK".into()];
        let top = Classification::TopSecret;
        // TLP:RED would stop a relay by a non-originator; REL TO lets it go to a cleared ally.
        assert!(may_share(&i, &s, TeamId(1), TeamId(2), top, "AU").is_ok());
        let refused = may_share(&i, &s, TeamId(1), TeamId(2), top, "FR").unwrap_err();
        assert!(
            refused
                == Barrier::NotReleasable {
                    marking: "REL TO AUS, GBR, JPN, USA".into(),
                    nation: "FRA".into()
                },
            "{refused:?}"
        );
        // Clearance still comes first.
        assert!(
            may_share(
                &i,
                &s,
                TeamId(1),
                TeamId(2),
                Classification::Confidential,
                "AU"
            )
            .unwrap_err()
            .words(Lang::En)
            .contains("declassify")
        );
        assert_eq!(
            rel_to_marking(&s.rel_to, Some("JP")),
            "REL TO JPN, AUS, GBR, USA"
        );
        // Declassified, the item's TLP governs again.
        s.classification = Classification::Unclassified;
        assert!(may_share(&i, &s, TeamId(1), TeamId(2), top, "AU").is_err());
    }

    #[test]
    fn parent_techniques_cover_sub_techniques_only() {
        let (i, _) = item(Tlp::Clear, Classification::Unclassified);
        assert!(describes(&i, CampaignId(9), "T1078"));
        assert!(describes(&i, CampaignId(9), "T1078.002"));
        assert!(!describes(&i, CampaignId(9), "T10780"));
        assert!(describes(&i, CampaignId(0), "T1486"));
    }
}
