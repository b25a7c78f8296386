//! Why an action may not start, in a typed form: what [`super::judge`] found, with the ids it
//! names, worded in either language only where a person reads it ([`Why::words`]). The engine
//! logs the English (the log, the journal and the state hash are language-free); a seat reads
//! its own language through `sim::knowledge`.

use crate::lang::Lang;
use crate::scenario::model::{ActionId, AssetId, IntelId, Scenario, TeamId, TextKey};

/// A reason `judge` refuses a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The team is not among those who may take the action.
    NotTheirs {
        team: TeamId,
        action: ActionId,
    },
    OnlyOnce(ActionId),
    /// Aimed only at the team's own assets, and this one is run by another team.
    OwnAssetsOnly {
        action: ActionId,
        team: TeamId,
        asset: AssetId,
    },
    NotAimedAt {
        action: ActionId,
        asset: AssetId,
    },
    NeedsTarget(ActionId),
    TakesNoTarget(ActionId),
    /// A restore while the intruder still holds other assets of the owner (they are named).
    EvictFirst {
        asset: AssetId,
        held: Vec<AssetId>,
    },
    NeedsRecipient(ActionId),
    GoesTo {
        action: ActionId,
        to: Vec<TeamId>,
        not: TeamId,
    },
    NeedsIntel(ActionId),
    NotHeld {
        team: TeamId,
        item: IntelId,
    },
    /// Only the item's originator may do this to it.
    OriginatorOnly {
        what: Originator,
        item: IntelId,
    },
    NoTearline(IntelId),
    /// The sharing rules forbid it, and which rule.
    CannotShare {
        item: IntelId,
        why: crate::sim::intel::Barrier,
    },
    /// Its `requires:` does not hold.
    NotYet(ActionId),
    Staff {
        busy: u32,
        staff: u32,
        action: ActionId,
        cost: u32,
    },
}

/// What only an item's originator may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Originator {
    Declassify,
    Tearline,
    NeedToKnow,
}

impl Why {
    /// The reason in `lang`: in English, as the engine has always worded it.
    pub fn words(&self, s: &Scenario, lang: Lang) -> String {
        let text = |key| s.text(key, lang);
        let team = |t: TeamId| text(TextKey::TeamName(t));
        let action = |a: ActionId| text(TextKey::ActionName(a));
        let asset = |a: AssetId| text(TextKey::AssetName(a));
        let item = |i: IntelId| text(TextKey::IntelTitle(i));
        match (self, lang) {
            (Why::NotTheirs { team: t, action: a }, Lang::En) => {
                format!("{} cannot take \"{}\"", team(*t), action(*a))
            }
            (Why::NotTheirs { team: t, action: a }, Lang::Ja) => {
                format!("{}は「{}」を実施できない", team(*t), action(*a))
            }
            (Why::OnlyOnce(a), Lang::En) => format!("\"{}\" can be taken only once", action(*a)),
            (Why::OnlyOnce(a), Lang::Ja) => format!("「{}」は一度しか実施できない", action(*a)),
            (
                Why::OwnAssetsOnly {
                    action: a,
                    team: t,
                    asset: x,
                },
                lang,
            ) => {
                let owner = team(s.asset(*x).owner);
                match lang {
                    Lang::En => format!(
                        "\"{}\" is aimed only at {}'s own assets, and {} is run by {owner}",
                        action(*a),
                        team(*t),
                        asset(*x)
                    ),
                    Lang::Ja => format!(
                        "「{}」の対象は{}自身の資産に限られるが、{}は{owner}が運用している",
                        action(*a),
                        team(*t),
                        asset(*x)
                    ),
                }
            }
            (
                Why::NotAimedAt {
                    action: a,
                    asset: x,
                },
                Lang::En,
            ) => {
                format!("\"{}\" cannot be aimed at {}", action(*a), asset(*x))
            }
            (
                Why::NotAimedAt {
                    action: a,
                    asset: x,
                },
                Lang::Ja,
            ) => {
                format!("「{}」は{}を対象にできない", action(*a), asset(*x))
            }
            (Why::NeedsTarget(a), Lang::En) => format!("\"{}\" needs a target asset", action(*a)),
            (Why::NeedsTarget(a), Lang::Ja) => {
                format!("「{}」には対象の資産が必要", action(*a))
            }
            (Why::TakesNoTarget(a), Lang::En) => {
                format!("\"{}\" takes no target asset", action(*a))
            }
            (Why::TakesNoTarget(a), Lang::Ja) => {
                format!("「{}」は資産を対象にとらない", action(*a))
            }
            (Why::EvictFirst { asset: x, held }, lang) => {
                let names: Vec<&str> = held.iter().map(|h| asset(*h)).collect();
                match lang {
                    Lang::En => format!(
                        "{} is encrypted and the intruder still holds {} (compromised, known): a restore now would hand it back; evict the intruder first (hunt, or isolate and rebuild)",
                        asset(*x),
                        names.join(" and ")
                    ),
                    Lang::Ja => format!(
                        "{}は暗号化されており、侵入者はなお{}を掌握している（侵害あり・判明）。今復旧すれば再び奪われる。先に侵入者を排除すること（ハンティング、または隔離して再構築）",
                        asset(*x),
                        names.join("と")
                    ),
                }
            }
            (Why::NeedsRecipient(a), Lang::En) => {
                format!("\"{}\" needs a recipient team", action(*a))
            }
            (Why::NeedsRecipient(a), Lang::Ja) => {
                format!("「{}」には宛先のチームが必要", action(*a))
            }
            (Why::GoesTo { action: a, to, not }, lang) => {
                let names: Vec<&str> = to.iter().map(|t| team(*t)).collect();
                match lang {
                    Lang::En => format!(
                        "\"{}\" goes to {}, not to {}",
                        action(*a),
                        names.join(" or "),
                        team(*not)
                    ),
                    Lang::Ja => format!(
                        "「{}」の宛先は{}で、{}ではない",
                        action(*a),
                        names.join("または"),
                        team(*not)
                    ),
                }
            }
            (Why::NeedsIntel(a), Lang::En) => {
                format!("\"{}\" needs an intelligence item", action(*a))
            }
            (Why::NeedsIntel(a), Lang::Ja) => format!("「{}」には情報が必要", action(*a)),
            (Why::NotHeld { team: t, item: i }, Lang::En) => {
                format!("{} does not hold \"{}\"", team(*t), item(*i))
            }
            (Why::NotHeld { team: t, item: i }, Lang::Ja) => {
                format!("{}は「{}」を保有していない", team(*t), item(*i))
            }
            (Why::OriginatorOnly { what, item: i }, Lang::En) => {
                let what = match what {
                    Originator::Declassify => "declassify",
                    Originator::Tearline => "release a tearline of",
                    Originator::NeedToKnow => "give a need to know for",
                };
                format!("only the originator may {what} \"{}\"", item(*i))
            }
            (Why::OriginatorOnly { what, item: i }, Lang::Ja) => {
                let what = match what {
                    Originator::Declassify => "の秘密指定を解除できる",
                    Originator::Tearline => "のティアラインを公開できる",
                    Originator::NeedToKnow => "について知る必要を認められる",
                };
                format!("「{}」{what}のは作成元だけ", item(*i))
            }
            (Why::NoTearline(i), Lang::En) => {
                format!("\"{}\" has no tearline to release", item(*i))
            }
            (Why::NoTearline(i), Lang::Ja) => {
                format!("「{}」には公開できるティアラインがない", item(*i))
            }
            (Why::CannotShare { item: i, why }, Lang::En) => {
                format!("cannot share \"{}\": {}", item(*i), why.words(lang))
            }
            (Why::CannotShare { item: i, why }, Lang::Ja) => {
                format!("「{}」は共有できない: {}", item(*i), why.words(lang))
            }
            (Why::NotYet(a), Lang::En) => format!("\"{}\" is not possible yet", action(*a)),
            (Why::NotYet(a), Lang::Ja) => format!("「{}」はまだ実施できない", action(*a)),
            (
                Why::Staff {
                    busy,
                    staff,
                    action: a,
                    cost,
                },
                Lang::En,
            ) => format!(
                "not enough staff: {busy} of {staff} busy, \"{}\" needs {cost}",
                action(*a)
            ),
            (
                Why::Staff {
                    busy,
                    staff,
                    action: a,
                    cost,
                },
                Lang::Ja,
            ) => format!(
                "要員が足りない: {staff}人中{busy}人が対応中で、「{}」には{cost}人必要",
                action(*a)
            ),
        }
    }
}
