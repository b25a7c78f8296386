//! The engine's log lines in words, from their typed form ([`About`]): in English exactly as the
//! log wrote them (a test runs every shipped scenario and checks each line it can rebuild), and
//! in Japanese for a seat that reads it. The log stores the English, so the state hash and the
//! journal are the same in every language; a seat's language is applied here, when it reads.

mod deeds;

use super::{About, Hit, RansomDeed};
use crate::lang::Lang;
use crate::scenario::model::{
    ActionId, AssetId, IntelId, LevelId, Scenario, StageRef, TeamId, TextKey,
};
use crate::sim::facts::Level;
use deeds::{Names, NoticeLine};

/// The line an entry about `about` reads as in `lang`; `None` for an inject's delivery (read
/// with the facilitator's rewrites, in `sim::knowledge::read`).
pub fn line(s: &Scenario, about: &About, lang: Lang) -> Option<String> {
    let text = |key| s.text(key, lang);
    let team = |t: TeamId| text(TextKey::TeamName(t));
    let action = |a: ActionId| text(TextKey::ActionName(a));
    let asset = |a: AssetId| text(TextKey::AssetName(a));
    let ja = lang == Lang::Ja;
    let names = Names { s, lang };
    Some(match about {
        About::Inject(_) => return None,
        About::Phase(p) => match lang {
            Lang::En => format!("Phase begins: {}", text(TextKey::PhaseName(*p))),
            Lang::Ja => format!("フェーズ開始: {}", text(TextKey::PhaseName(*p))),
        },
        About::ObjectiveMet(o) => match lang {
            Lang::En => format!("Objective met: {}", text(TextKey::ObjectiveName(*o))),
            Lang::Ja => format!("目標達成: {}", text(TextKey::ObjectiveName(*o))),
        },
        About::ObjectiveMissed(o, due) => {
            let name = text(TextKey::ObjectiveName(*o));
            match (due, lang) {
                (Some(due), Lang::En) => {
                    format!(
                        "Objective missed: {name} (deadline {})",
                        s.clock.label_lang(*due, lang)
                    )
                }
                (Some(due), Lang::Ja) => {
                    format!(
                        "目標未達: {name}（期限 {}）",
                        s.clock.label_lang(*due, lang)
                    )
                }
                (None, Lang::En) => format!("Objective missed: {name}"),
                (None, Lang::Ja) => format!("目標未達: {name}"),
            }
        }
        About::Began => match lang {
            Lang::En => format!("Exercise begins: {}", text(TextKey::Title)),
            Lang::Ja => format!("演習開始: {}", text(TextKey::Title)),
        },
        About::Ended => lang.pick("Exercise ends", "演習終了").to_string(),
        About::Started(f, at_work) => {
            let called_in = match (at_work, lang) {
                (None, _) => String::new(),
                (Some(t), Lang::En) => format!(
                    " (off hours: staff called in, at work from {})",
                    s.clock.label_lang(*t, lang)
                ),
                (Some(t), Lang::Ja) => {
                    format!(
                        "（時間外: 要員を招集、{}から対応）",
                        s.clock.label_lang(*t, lang)
                    )
                }
            };
            match lang {
                Lang::En => format!(
                    "{} started \"{}\"{}{called_in}",
                    team(f.team),
                    action(f.action),
                    particulars(s, f.target, f.to, f.intel, lang)
                ),
                Lang::Ja => format!(
                    "{}が「{}」を開始{}{called_in}",
                    team(f.team),
                    action(f.action),
                    particulars(s, f.target, f.to, f.intel, lang)
                ),
            }
        }
        About::Completed(f) | About::AlreadyDone(f) => {
            let again = matches!(about, About::AlreadyDone(_));
            let recipients = &s.action(f.action).recipients;
            let names: Vec<&str> = recipients.iter().map(|t| team(*t)).collect();
            let all = match (names.is_empty(), lang) {
                (true, _) => String::new(),
                (false, Lang::En) => format!(" to {}", names.join(" and ")),
                (false, Lang::Ja) => format!("（宛先: {}）", names.join("、")),
            };
            let what = particulars(s, f.target, f.to, f.intel, lang);
            let (t, a) = (team(f.team), action(f.action));
            match (lang, again) {
                (Lang::En, false) => format!("{t} completed \"{a}\"{what}{all}"),
                (Lang::En, true) => format!("{t} had already done \"{a}\"{what}{all}"),
                (Lang::Ja, false) => format!("{t}が「{a}」を完了{what}{all}"),
                (Lang::Ja, true) => format!("{t}は「{a}」を既に実施済み{what}{all}"),
            }
        }
        About::Refused {
            team: t,
            action: a,
            why,
        } => match lang {
            Lang::En => format!(
                "{} could not start \"{}\": {}",
                team(*t),
                action(*a),
                why.words(s, lang)
            ),
            Lang::Ja => format!(
                "{}は「{}」を開始できなかった: {}",
                team(*t),
                action(*a),
                why.words(s, lang)
            ),
        },
        About::Requested {
            team: t,
            action: a,
            from,
        } => {
            let names: Vec<&str> = from.iter().map(|x| team(*x)).collect();
            match lang {
                Lang::En => format!(
                    "{} asks {} to authorise \"{}\"",
                    team(*t),
                    names.join(" and "),
                    action(*a)
                ),
                Lang::Ja => format!(
                    "{}が{}に「{}」の承認を求めている",
                    team(*t),
                    names.join("と"),
                    action(*a)
                ),
            }
        }
        About::Authorised {
            by,
            action: a,
            requester,
            grant,
        } => {
            let whom = match (requester, lang) {
                (None, _) => String::new(),
                (Some(r), Lang::En) => format!(" for {}", team(*r)),
                (Some(r), Lang::Ja) => format!("（{}に対して）", team(*r)),
            };
            match (grant, lang) {
                (true, Lang::En) => format!("{} authorises \"{}\"{whom}", team(*by), action(*a)),
                (false, Lang::En) => {
                    format!(
                        "{} refuses to authorise \"{}\"{whom}",
                        team(*by),
                        action(*a)
                    )
                }
                (true, Lang::Ja) => format!("{}が「{}」を承認{whom}", team(*by), action(*a)),
                (false, Lang::Ja) => {
                    format!("{}が「{}」の承認を拒否{whom}", team(*by), action(*a))
                }
            }
        }
        About::Reported {
            team: t,
            to,
            report,
        } => match (report, lang) {
            (true, Lang::En) => format!("{} reported the incident to {}", team(*t), team(*to)),
            (false, Lang::En) => format!("{} asked for help from {}", team(*t), team(*to)),
            (true, Lang::Ja) => format!("{}が{}に事案を報告", team(*t), team(*to)),
            (false, Lang::Ja) => format!("{}が{}に支援を要請", team(*t), team(*to)),
        },
        About::Suspicious { asset: a, stage } => {
            let st = s.stage(*stage);
            match lang {
                Lang::En => format!(
                    "Suspicious activity on {}: {} ({})",
                    asset(*a),
                    st.technique_name,
                    st.technique
                ),
                Lang::Ja => format!(
                    "{}で不審な活動: {}（{}）",
                    asset(*a),
                    st.technique_name,
                    st.technique
                ),
            }
        }
        About::Intruder { asset: a, stage } => {
            let st = s.stage(*stage);
            match lang {
                Lang::En => format!(
                    "Intruder found on {}: traces of {} ({})",
                    asset(*a),
                    st.technique_name,
                    st.technique
                ),
                Lang::Ja => format!(
                    "{}で侵入者を発見: {}（{}）の痕跡",
                    asset(*a),
                    st.technique_name,
                    st.technique
                ),
            }
        }
        About::Hunted { asset: a, evicted } => match (*evicted, ja) {
            (0, false) => format!("Hunt on {} found no intruder", asset(*a)),
            (n, false) => format!(
                "Hunt on {} found and removed {n} intruder foothold(s)",
                asset(*a)
            ),
            (0, true) => format!("{}のハンティング: 侵入者は見つからなかった", asset(*a)),
            (n, true) => format!(
                "{}のハンティング: 侵入者の足場{n}か所を発見して除去",
                asset(*a)
            ),
        },
        About::Message { from, to } => {
            let names: Vec<&str> = to.iter().map(|t| team(*t)).collect();
            match lang {
                Lang::En => format!("Message from {} to {}", team(*from), names.join(", ")),
                Lang::Ja => format!("{}から{}への連絡", team(*from), names.join("、")),
            }
        }
        About::Statement(t) => match lang {
            Lang::En => format!("{} made a public statement", team(*t)),
            Lang::Ja => format!("{}が公表を行った", team(*t)),
        },
        About::Ransom {
            team: t,
            campaign,
            what,
        } => {
            let c = text(TextKey::CampaignName(*campaign));
            match (what, lang) {
                (RansomDeed::Decryptor, Lang::En) => format!(
                    "{} obtained a decryptor for the encryption of {c}",
                    team(*t)
                ),
                (RansomDeed::Paid, Lang::En) => format!(
                    "{} paid the ransom demanded by {c}; a decryptor is handed over",
                    team(*t)
                ),
                (RansomDeed::Refused, Lang::En) => {
                    format!("{} refused the ransom demanded by {c}", team(*t))
                }
                (RansomDeed::Decryptor, Lang::Ja) => {
                    format!("{}が{c}による暗号化の復号ツールを入手した", team(*t))
                }
                (RansomDeed::Paid, Lang::Ja) => format!(
                    "{}が{c}の要求した身代金を支払い、復号ツールを受け取った",
                    team(*t)
                ),
                (RansomDeed::Refused, Lang::Ja) => {
                    format!("{}が{c}の要求した身代金の支払いを拒否した", team(*t))
                }
            }
        }
        About::Outage {
            assets,
            total,
            level,
        } => {
            let names: Vec<&str> = assets.iter().map(|a| asset(*a)).collect();
            match lang {
                Lang::En => crate::sim::assets::outage_news(&names, *total as usize, *level),
                Lang::Ja => {
                    let state = match level {
                        Level::Normal => "正常に戻った",
                        Level::Degraded => "機能低下",
                        Level::Down => "停止",
                    };
                    let more = (*total as usize).saturating_sub(names.len());
                    let more = if more > 0 {
                        format!("ほか{more}件")
                    } else {
                        String::new()
                    };
                    format!("{}{more}が{state}", names.join("、"))
                }
            }
        }
        About::Impact {
            asset: a,
            campaign,
            effect,
        } => {
            let c = &s.campaigns[campaign.index()];
            let ransom = c
                .ransom
                .map(|r| (crate::number::whole(r), &s.measures.currency));
            match (effect, ransom, lang) {
                (None, _, _) => String::new(),
                (Some(Hit::Encrypted), Some((r, cur)), Lang::En) => {
                    format!("{} encrypted; a ransom note demands {r} {cur}", asset(*a))
                }
                (Some(Hit::Encrypted), None, Lang::En) => format!("{} encrypted", asset(*a)),
                (Some(Hit::Disrupted), _, Lang::En) => format!("{} disrupted", asset(*a)),
                (Some(Hit::Wiped), _, Lang::En) => format!("{} wiped", asset(*a)),
                (Some(Hit::Encrypted), Some((r, cur)), Lang::Ja) => {
                    format!("{}が暗号化された（身代金として{r} {cur}を要求）", asset(*a))
                }
                (Some(Hit::Encrypted), None, Lang::Ja) => format!("{}が暗号化された", asset(*a)),
                (Some(Hit::Disrupted), _, Lang::Ja) => format!("{}が妨害された", asset(*a)),
                (Some(Hit::Wiped), _, Lang::Ja) => format!("{}のデータが消去された", asset(*a)),
            }
        }
        About::CalledOff(a) => match lang {
            Lang::En => format!("\"{}\" was called off by the facilitator", action(*a)),
            Lang::Ja => format!("「{}」はファシリテーターにより中止された", action(*a)),
        },
        About::Changed { asset: a, change } => deeds::change(&names, *a, *change),
        About::Restoring {
            asset: a,
            path,
            ready,
        } => deeds::restoring(&names, *a, *path, *ready),
        About::RestoreKept { asset: a, ready } => deeds::restore_kept(&names, *a, *ready),
        About::Shared {
            team: t,
            item,
            tlp,
            to,
        } => match lang {
            Lang::En => format!(
                "{} shared \"{}\" ({}) with {}",
                team(*t),
                names.item(*item),
                tlp.label(),
                team(*to)
            ),
            Lang::Ja => format!(
                "{}が「{}」（{}）を{}と共有",
                team(*t),
                names.item(*item),
                tlp.label(),
                team(*to)
            ),
        },
        About::Declassified { item, tlp } => match lang {
            Lang::En => format!(
                "\"{}\" declassified for release ({})",
                names.item(*item),
                tlp.label()
            ),
            Lang::Ja => format!(
                "「{}」の秘密指定を解除し公開可能に（{}）",
                names.item(*item),
                tlp.label()
            ),
        },
        About::Tearline {
            team: t,
            item,
            tearline,
            marking,
        } => match lang {
            Lang::En => format!(
                "{} released a tearline of \"{}\": \"{}\" ({marking})",
                team(*t),
                names.item(*item),
                names.item(*tearline)
            ),
            Lang::Ja => format!(
                "{}が「{}」のティアライン版「{}」を公開（{marking}）",
                team(*t),
                names.item(*item),
                names.item(*tearline)
            ),
        },
        About::NeedToKnow { team: t, to, item } => match lang {
            Lang::En => format!(
                "{} gave {} a need to know for \"{}\"",
                team(*t),
                team(*to),
                names.item(*item)
            ),
            Lang::Ja => format!(
                "{}が{}に「{}」の知る必要を認めた",
                team(*t),
                team(*to),
                names.item(*item)
            ),
        },
        About::Disruption {
            campaign,
            takedown,
            success,
            keys,
        } => deeds::disruption(&names, *campaign, *takedown, *success, *keys),
        About::NoticeOwed(n) => deeds::notice(&names, n, NoticeLine::Owed),
        About::NoticeGiven(n) => deeds::notice(&names, n, NoticeLine::Given),
        About::NoticeMissed(n) => deeds::notice(&names, n, NoticeLine::Missed),
        About::Control(deed) => deeds::control(&names, deed),
        About::Note {
            objective,
            capability,
            text,
        } => {
            let about = objective
                .map(|o| format!(" [{}]", s.objectives[o.index()].id))
                .unwrap_or_default();
            match lang {
                Lang::En => {
                    let capability = capability
                        .map(|c| format!(" ({})", c.name()))
                        .unwrap_or_default();
                    format!("Note{about}{capability}: {text}")
                }
                Lang::Ja => {
                    let capability = capability
                        .map(|c| format!("（{}）", c.name()))
                        .unwrap_or_default();
                    format!("記録{about}{capability}: {text}")
                }
            }
        }
        About::Attack(a) => deeds::attack(&names, a),
        About::Objected { objection, framed } => {
            let words = objection.words(s, lang);
            let (t, a) = objection.who_what();
            match (framed, lang) {
                (false, _) => words,
                (true, Lang::En) => {
                    format!("{} could not authorise \"{}\": {words}", team(t), action(a))
                }
                (true, Lang::Ja) => {
                    format!("{}は「{}」を承認できなかった: {words}", team(t), action(a))
                }
            }
        }
        About::Level {
            from,
            to,
            raised,
            by,
        } => {
            let level = |l: &LevelId| {
                s.levels
                    .get(l.index())
                    .map_or("?", |_| text(TextKey::LevelName(*l)))
            };
            let (from, to, by) = (level(from), level(to), by.words(s, lang));
            match (raised, lang) {
                (true, Lang::En) => {
                    format!("Crisis level raised from \"{from}\" to \"{to}\" ({by})")
                }
                (false, Lang::En) => {
                    format!("Crisis level lowered from \"{from}\" to \"{to}\" ({by})")
                }
                (true, Lang::Ja) => format!("事態レベル引き上げ: 「{from}」→「{to}」（{by}）"),
                (false, Lang::Ja) => format!("事態レベル引き下げ: 「{from}」→「{to}」（{by}）"),
            }
        }
    })
}

/// What an action was aimed at, sent to or carried: " on NUTS to Police (item: Bulletin)".
pub fn particulars(
    s: &Scenario,
    target: Option<AssetId>,
    to: Option<TeamId>,
    intel: Option<IntelId>,
    lang: Lang,
) -> String {
    let text = |key| s.text(key, lang);
    let mut out = String::new();
    if let Some(a) = target {
        out.push_str(&match lang {
            Lang::En => format!(" on {}", text(TextKey::AssetName(a))),
            Lang::Ja => format!("（対象: {}）", text(TextKey::AssetName(a))),
        });
    }
    if let Some(t) = to {
        out.push_str(&match lang {
            Lang::En => format!(" to {}", text(TextKey::TeamName(t))),
            Lang::Ja => format!("（宛先: {}）", text(TextKey::TeamName(t))),
        });
    }
    if let Some(i) = intel {
        out.push_str(&match lang {
            Lang::En => format!(" (item: {})", text(TextKey::IntelTitle(i))),
            Lang::Ja => format!("（情報: {}）", text(TextKey::IntelTitle(i))),
        });
    }
    out
}

/// An action under way or done, as a log line names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deed {
    pub team: TeamId,
    pub action: ActionId,
    pub target: Option<AssetId>,
    pub to: Option<TeamId>,
    pub intel: Option<IntelId>,
}

/// A stage, for the detection lines.
pub type Stage = StageRef;
