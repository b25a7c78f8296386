//! The lines of what actions did beyond starting and completing (changes to assets, restores,
//! intelligence passed on, takedowns, notices under the law), of exercise control, and of the
//! attacker, from their typed form: in English as the engine logs them, in Japanese for a seat
//! that reads it. Names come from the scenario in the reader's language; the facilitator's
//! own words (a reason, a note) stay as written.

use super::super::{Attack, Change, ControlDeed, Ruled, Setback};
use crate::lang::Lang;
use crate::scenario::model::{
    ActionId, AssetId, CampaignId, IntelId, Scenario, StageRef, TeamId, TextKey,
};
use crate::sim::assets::RestorePath;
use crate::sim::law::Notice;

/// Names in the reader's language.
pub(super) struct Names<'a> {
    pub s: &'a Scenario,
    pub lang: Lang,
}

impl<'a> Names<'a> {
    fn text(&self, key: TextKey) -> &'a str {
        self.s.text(key, self.lang)
    }
    pub fn team(&self, t: TeamId) -> &'a str {
        self.text(TextKey::TeamName(t))
    }
    pub fn action(&self, a: ActionId) -> &'a str {
        self.text(TextKey::ActionName(a))
    }
    pub fn asset(&self, a: AssetId) -> &'a str {
        self.text(TextKey::AssetName(a))
    }
    pub fn item(&self, i: IntelId) -> &'a str {
        self.text(TextKey::IntelTitle(i))
    }
    fn campaign(&self, c: CampaignId) -> &'a str {
        self.text(TextKey::CampaignName(c))
    }
    /// A stage's name, or its id when it has none.
    fn stage(&self, r: StageRef) -> &'a str {
        match self.text(TextKey::StageName(r)) {
            "" => &self.s.stage(r).id,
            name => name,
        }
    }
}

pub(super) fn change(n: &Names, asset: AssetId, change: Change) -> String {
    let a = n.asset(asset);
    match n.lang {
        Lang::En => {
            let what = match change {
                Change::Isolated => "isolated",
                Change::Reconnected => "reconnected",
                Change::Patched => "patched",
                Change::Mfa => "now requires multi-factor authentication",
                Change::BackedUp { offline: true } => "backed up offline",
                Change::BackedUp { offline: false } => "backed up on-line",
                Change::Monitored => "under closer monitoring",
                Change::Segmented => "segmented from the rest of the network",
            };
            format!("{a} {what}")
        }
        Lang::Ja => match change {
            Change::Isolated => format!("{a}を隔離"),
            Change::Reconnected => format!("{a}を再接続"),
            Change::Patched => format!("{a}にパッチを適用"),
            Change::Mfa => format!("{a}で多要素認証を必須化"),
            Change::BackedUp { offline: true } => format!("{a}をオフラインでバックアップ"),
            Change::BackedUp { offline: false } => format!("{a}をオンラインでバックアップ"),
            Change::Monitored => format!("{a}の監視を強化"),
            Change::Segmented => format!("{a}をネットワークの他の部分から分離"),
        },
    }
}

pub(super) fn restoring(n: &Names, asset: AssetId, path: RestorePath, ready: u32) -> String {
    let (a, ready) = (n.asset(asset), n.s.clock.label_lang(ready, n.lang));
    match n.lang {
        Lang::En => format!("{a}: {}, ready about {ready}", path.words()),
        Lang::Ja => {
            let how = match path {
                RestorePath::Decrypt { paid: true } => "攻撃者の復号ツールで復号中",
                RestorePath::Decrypt { paid: false } => "入手した復号ツールで復号中",
                RestorePath::Backup => "クリーンなバックアップから復元中",
                RestorePath::Rebuild => "クリーンなバックアップがないため一から再構築中",
            };
            format!("{a}: {how}（{ready}頃に復旧見込み）")
        }
    }
}

pub(super) fn restore_kept(n: &Names, asset: AssetId, ready: u32) -> String {
    let (a, ready) = (n.asset(asset), n.s.clock.label_lang(ready, n.lang));
    match n.lang {
        Lang::En => format!(
            "{a}: already being restored and ready about {ready}; starting again would not be sooner, so that restore goes on"
        ),
        Lang::Ja => format!(
            "{a}: 既に復旧作業中で{ready}頃に復旧見込み。やり直しても早まらないため、その作業を続ける"
        ),
    }
}

pub(super) fn disruption(
    n: &Names,
    campaign: CampaignId,
    takedown: bool,
    success: bool,
    keys: bool,
) -> String {
    let c = n.campaign(campaign);
    match n.lang {
        Lang::En => {
            let what = if takedown {
                "Takedown of the infrastructure behind"
            } else {
                "Active cyber defence operation against"
            };
            match (success, keys) {
                (true, true) => format!(
                    "{what} {c} succeeded: its servers are out of action, and its decryption keys were seized"
                ),
                (true, false) => format!("{what} {c} succeeded: its servers are out of action"),
                (false, _) => format!("{what} {c} failed"),
            }
        }
        Lang::Ja => {
            let what = if takedown {
                format!("{c}の基盤のテイクダウン")
            } else {
                format!("{c}に対する能動的サイバー防御の措置")
            };
            match (success, keys) {
                (true, true) => {
                    format!("{what}に成功: そのサーバは機能を失い、復号鍵も押収された")
                }
                (true, false) => format!("{what}に成功: そのサーバは機能を失った"),
                (false, _) => format!("{what}は失敗した"),
            }
        }
    }
}

/// A notice under the law's emergency procedure: owed, given or missed.
pub(super) enum NoticeLine {
    Owed,
    Given,
    Missed,
}

pub(super) fn notice(n: &Names, notice: &Notice, line: NoticeLine) -> String {
    let (team, to) = (n.team(notice.team), n.team(notice.to));
    let action = n.action(notice.action);
    let clock = &n.s.clock;
    match (line, n.lang) {
        (NoticeLine::Owed, Lang::En) => format!(
            "{team} started \"{action}\" in an emergency without {to}'s approval: {team} must notify it by {} (\"{}\")",
            clock.label_lang(notice.due, n.lang),
            n.action(notice.notice)
        ),
        (NoticeLine::Owed, Lang::Ja) => format!(
            "{team}が緊急時の手続により{to}の承認なしに「{action}」を開始: {}までに{to}へ通知（「{}」）しなければならない",
            clock.label_lang(notice.due, n.lang),
            n.action(notice.notice)
        ),
        (NoticeLine::Given, Lang::En) => {
            let late = if notice.missed { " (late)" } else { "" };
            format!("{team} notified {to} after the fact of \"{action}\"{late}")
        }
        (NoticeLine::Given, Lang::Ja) => {
            let late = if notice.missed { "（期限後）" } else { "" };
            format!("{team}が「{action}」について{to}に事後通知{late}")
        }
        (NoticeLine::Missed, Lang::En) => format!(
            "Notice missed: {team} started \"{action}\" in an emergency at {} without {to}'s approval, and has not notified it by the deadline ({})",
            clock.label_lang(notice.started, n.lang),
            clock.label_lang(notice.due, n.lang)
        ),
        (NoticeLine::Missed, Lang::Ja) => format!(
            "通知の不履行: {team}は{}に緊急時の手続により{to}の承認なしに「{action}」を開始したが、期限（{}）までに通知していない",
            clock.label_lang(notice.started, n.lang),
            clock.label_lang(notice.due, n.lang)
        ),
    }
}

pub(super) fn control(n: &Names, deed: &ControlDeed) -> String {
    let subject = |i| n.text(TextKey::InjectSubject(i));
    match (deed, n.lang) {
        (ControlDeed::Fired(i), Lang::En) => {
            format!("Inject \"{}\" fired by the facilitator", subject(*i))
        }
        (ControlDeed::Fired(i), Lang::Ja) => {
            format!("状況付与「{}」をファシリテーターが発出", subject(*i))
        }
        (ControlDeed::Withdrawn(i), Lang::En) => format!("Inject \"{}\" withdrawn", subject(*i)),
        (ControlDeed::Withdrawn(i), Lang::Ja) => format!("状況付与「{}」を取下げ", subject(*i)),
        (ControlDeed::HeldBack(i, until), Lang::En) => format!(
            "Inject \"{}\" held back until {}",
            subject(*i),
            n.s.clock.label_lang(*until, n.lang)
        ),
        (ControlDeed::HeldBack(i, until), Lang::Ja) => format!(
            "状況付与「{}」を{}まで保留",
            subject(*i),
            n.s.clock.label_lang(*until, n.lang)
        ),
        (ControlDeed::Rewritten(i), Lang::En) => format!("Inject \"{}\" rewritten", subject(*i)),
        (ControlDeed::Rewritten(i), Lang::Ja) => format!("状況付与「{}」を書換え", subject(*i)),
        (
            ControlDeed::Withheld {
                item,
                team,
                classification,
            },
            Lang::En,
        ) => format!(
            "\"{}\" withheld from {}: not cleared for {classification:?}",
            n.item(*item),
            n.team(*team)
        ),
        (
            ControlDeed::Withheld {
                item,
                team,
                classification,
            },
            Lang::Ja,
        ) => format!(
            "「{}」を{}に渡さなかった: {}の取扱いが認められていない",
            n.item(*item),
            n.team(*team),
            crate::sim::intel::classification_ja(*classification)
        ),
        (ControlDeed::Ruling { ruling, reason }, Lang::En) => {
            format!("Facilitator ruling: {} ({reason})", ruled(n, ruling))
        }
        (ControlDeed::Ruling { ruling, reason }, Lang::Ja) => {
            format!("ファシリテーターの裁定: {}（{reason}）", ruled(n, ruling))
        }
        (ControlDeed::NotApplied { seq, reason }, Lang::En) => {
            format!("Facilitator ruling not applied: no action #{seq} under way ({reason})")
        }
        (ControlDeed::NotApplied { seq, reason }, Lang::Ja) => format!(
            "ファシリテーターの裁定は適用されなかった: 実施中の対応#{seq}はない（{reason}）"
        ),
    }
}

fn ruled(n: &Names, ruling: &Ruled) -> String {
    match (ruling, n.lang) {
        (Ruled::Restored(a), Lang::En) => format!("{} restored", n.asset(*a)),
        (Ruled::Restored(a), Lang::Ja) => format!("{}を復旧", n.asset(*a)),
        (Ruled::Failed(a), Lang::En) => format!("{} failed", n.asset(*a)),
        (Ruled::Failed(a), Lang::Ja) => format!("{}を停止", n.asset(*a)),
        (Ruled::CompletesNow { team, action }, Lang::En) => format!(
            "\"{}\" by {} completes now",
            n.action(*action),
            n.team(*team)
        ),
        (Ruled::CompletesNow { team, action }, Lang::Ja) => {
            format!("{}の「{}」を即時完了", n.team(*team), n.action(*action))
        }
        (Ruled::CalledOff { team, action }, Lang::En) => {
            format!("\"{}\" by {} called off", n.action(*action), n.team(*team))
        }
        (Ruled::CalledOff { team, action }, Lang::Ja) => {
            format!("{}の「{}」を中止", n.team(*team), n.action(*action))
        }
        (Ruled::Roll { what, percent, hit }, Lang::En) => {
            let result = if *hit { "succeeds" } else { "fails" };
            format!("roll for {what} at {percent}%: {result}")
        }
        (Ruled::Roll { what, percent, hit }, Lang::Ja) => {
            let result = if *hit { "成功" } else { "失敗" };
            format!("{what}の判定（{percent}%）: {result}")
        }
    }
}

pub(super) fn attack(n: &Names, attack: &Attack) -> String {
    let label = |r: &StageRef| format!("{} / {}", n.campaign(r.campaign), n.stage(*r));
    let ja = n.lang == Lang::Ja;
    match attack {
        Attack::Started(c) if ja => format!("攻撃キャンペーン開始: {}", n.campaign(*c)),
        Attack::Started(c) => format!("Campaign under way: {}", n.campaign(*c)),
        Attack::HeldAtStart { stage, assets } if ja => {
            format!(
                "{}: 演習開始前から{assets}件の資産へのアクセスを保持",
                label(stage)
            )
        }
        Attack::HeldAtStart { stage, assets } => format!(
            "{}: access held since before the exercise on {assets} asset(s)",
            label(stage)
        ),
        Attack::Attempting { stage, target } => {
            let technique = &n.s.stage(*stage).technique;
            if ja {
                format!(
                    "{}: {}に対して{technique}を試行",
                    label(stage),
                    n.asset(*target)
                )
            } else {
                format!(
                    "{}: attempting {technique} on {}",
                    label(stage),
                    n.asset(*target)
                )
            }
        }
        Attack::Succeeded(stage) if ja => format!("{}: 成功", label(stage)),
        Attack::Succeeded(stage) => format!("{}: succeeded", label(stage)),
        Attack::Failed {
            stage,
            attempt,
            abandoned,
            why,
        } => {
            let why = setback(n, why);
            match (abandoned, ja) {
                (true, false) => format!(
                    "{}: abandoned after {attempt} attempts ({why})",
                    label(stage)
                ),
                (false, false) => format!("{}: attempt failed ({why})", label(stage)),
                (true, true) => format!("{}: {attempt}回の試行の後に断念（{why}）", label(stage)),
                (false, true) => format!("{}: 試行は失敗（{why}）", label(stage)),
            }
        }
        Attack::DrainStopped {
            stage,
            records,
            why,
        } => {
            let why = setback(n, why);
            if ja {
                format!("{}: {records}件で持ち出しが止まった（{why}）", label(stage))
            } else {
                format!(
                    "{}: exfiltration stopped after {records} records ({why})",
                    label(stage)
                )
            }
        }
        Attack::DrainResumes(stage) if ja => format!("{}: 持ち出しを再開", label(stage)),
        Attack::DrainResumes(stage) => format!("{}: exfiltration resumes", label(stage)),
        Attack::DrainDone { stage, records } if ja => {
            format!("{}: 手の届く{records}件をすべて持ち出した", label(stage))
        }
        Attack::DrainDone { stage, records } => {
            format!("{}: all {records} records within reach taken", label(stage))
        }
    }
}

/// Why a step failed, in the line's words.
pub(super) fn setback(n: &Names, why: &Setback) -> String {
    let ja = n.lang == Lang::Ja;
    match why {
        Setback::Isolated(a) if ja => format!("{}が隔離された", n.asset(*a)),
        Setback::Isolated(a) => format!("{} was isolated", n.asset(*a)),
        Setback::LostFooting(stage) => {
            let from = &n.s.stage(*stage).from;
            match (from, ja) {
                (Some(from), false) => {
                    let names: Vec<&str> = from.iter().map(|a| n.asset(*a)).collect();
                    format!("the intruder lost its foothold on {}", names.join(" or "))
                }
                (Some(from), true) => {
                    let names: Vec<&str> = from.iter().map(|a| n.asset(*a)).collect();
                    format!("侵入者は{}の足場を失った", names.join("または"))
                }
                (None, false) => "the intruder lost its foothold".into(),
                (None, true) => "侵入者は足場を失った".into(),
            }
        }
        Setback::DefencesHeld if ja => "標的の防御が持ちこたえた".into(),
        Setback::DefencesHeld => "the target's defences held".into(),
        Setback::NoLongerHolds if ja => "侵入者はもはやデータを掌握していない".into(),
        Setback::NoLongerHolds => "the intruder no longer holds the data".into(),
        Setback::WayOutClosed if ja => "持ち出しの経路が閉じられた".into(),
        Setback::WayOutClosed => "the way out is closed".into(),
    }
}
