//! The one type through which anything changes a running exercise: a player's decision, a
//! facilitator's intervention, a line of a decisions file or a replayed journal entry.
//!
//! Keys, network frames and scripts are translated into a `Command` once, at the edge; the
//! simulation never sees where a command came from. Who may give which command is the core's
//! rule too: a [`Seat`] holds authority ([`Seat::may_give`]), whatever front end it sits at.

use serde::{Deserialize, Serialize};

use crate::scenario::model::{
    ActionId, AssetId, CoreCapability, InjectId, IntelId, LevelId, ObjectiveId, Scenario, TeamId,
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// A team starts an action (on an asset, towards a team, with an intelligence item, as it takes).
    Act {
        team: TeamId,
        action: ActionId,
        target: Option<AssetId>,
        to: Option<TeamId>,
        intel: Option<IntelId>,
    },
    /// A team grants (or refuses) an authorisation another team's action needs. With no requester
    /// named, a grant covers any team's request for that action, given in advance.
    Authorise {
        team: TeamId,
        action: ActionId,
        requester: Option<TeamId>,
        grant: bool,
    },
    /// The facilitator sends an inject now, whatever its trigger.
    FireInject { inject: InjectId },
    /// The facilitator withdraws an inject that has not gone out.
    SkipInject { inject: InjectId },
    /// The facilitator holds an inject back for a number of ticks from now.
    DelayInject { inject: InjectId, ticks: u32 },
    /// The facilitator rewrites an inject's message before it goes out.
    EditInject { inject: InjectId, text: String },
    /// A team writes to other teams.
    Message {
        from: TeamId,
        to: Vec<TeamId>,
        text: String,
    },
    /// The facilitator overrules the simulation; recorded with the reason.
    Adjudicate { ruling: Ruling, reason: String },
    /// The facilitator raises or lowers the crisis level (format 2), for a reason recorded.
    SetLevel { level: LevelId, reason: String },
    /// A facilitator's or evaluator's observation, optionally against an objective and a core
    /// capability (an objective's own capability when none is named).
    Note {
        text: String,
        objective: Option<ObjectiveId>,
        /// Journals written before observations named a capability have none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        capability: Option<CoreCapability>,
    },
}

/// Who gives commands: the facilitator (white cell), who sees ground truth and runs the
/// exercise, or a team, which sees what it knows and acts for itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seat {
    WhiteCell,
    Team(TeamId),
}

/// Who a command belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authority {
    /// Facilitator commands: injects, rulings, rolls, notes (and the clock).
    WhiteCell,
    /// A team's own commands: its actions, its grants, its letters.
    Team(TeamId),
}

impl Seat {
    /// How a seat is named on the command line, in a journal and as an SSH user: "white" or the
    /// team's id.
    pub fn id(self, s: &Scenario) -> String {
        match self {
            Seat::WhiteCell => "white".into(),
            Seat::Team(t) => s
                .teams
                .get(t.index())
                .map_or_else(|| format!("team-{}", t.0), |x| x.id.clone()),
        }
    }

    /// The seat a name stands for ("white" or a team's id), if the scenario has it.
    pub fn parse(id: &str, s: &Scenario) -> Option<Seat> {
        if id == "white" {
            Some(Seat::WhiteCell)
        } else {
            s.team_index(id).map(Seat::Team)
        }
    }

    /// The zone the seat reads the clock in: its team's own, if it names one; the white cell
    /// (and a team that names none) reads the exercise's clock.
    pub fn zone(self, s: &Scenario) -> Option<&crate::simtime::Zone> {
        match self {
            Seat::WhiteCell => None,
            Seat::Team(t) => s.teams.get(t.index()).and_then(|x| x.zone.as_ref()),
        }
    }

    /// The seat as people call it, in `lang`.
    pub fn name_in(self, s: &Scenario, lang: crate::lang::Lang) -> String {
        match self {
            Seat::WhiteCell => lang
                .pick(
                    "White cell (facilitator)",
                    "ホワイトセル（ファシリテーター）",
                )
                .into(),
            Seat::Team(t) if t.index() < s.teams.len() => s
                .text(crate::scenario::model::TextKey::TeamName(t), lang)
                .into(),
            Seat::Team(_) => self.name(s),
        }
    }

    /// The seat as people call it.
    pub fn name(self, s: &Scenario) -> String {
        match self {
            Seat::WhiteCell => "White cell (facilitator)".into(),
            Seat::Team(t) => s
                .teams
                .get(t.index())
                .map_or_else(|| format!("team {}", t.0), |x| x.name.clone()),
        }
    }

    /// Whether this seat may give `command`: the white cell may give any (it also plays for a
    /// team when the room asks it to); a team seat only its own team's actions, grants and
    /// letters. The reason, when not, is written for the person at the seat.
    pub fn may_give(self, command: &Command) -> Result<(), Refusal> {
        match (self, command.authority()) {
            (Seat::WhiteCell, _) => Ok(()),
            (Seat::Team(mine), Authority::Team(theirs)) if mine == theirs => Ok(()),
            (Seat::Team(_), Authority::Team(theirs)) => Err(Refusal::OtherTeam {
                seat: self,
                team: theirs,
            }),
            (Seat::Team(_), Authority::WhiteCell) => Err(Refusal::WhiteCellOnly {
                seat: self,
                what: command.kind(),
            }),
        }
    }

    /// Whether this seat may run the clock (pause, resume, step, pace): the white cell's alone.
    pub fn may_run_clock(self) -> Result<(), Refusal> {
        match self {
            Seat::WhiteCell => Ok(()),
            Seat::Team(_) => Err(Refusal::WhiteCellOnly {
                seat: self,
                what: "the clock",
            }),
        }
    }
}

/// Why a command (or a clock control) was not given. Nothing refused is journaled. Typed, with
/// the seats and teams it names, and worded for the person at the seat in either language
/// ([`Refusal::say`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Only the white cell may do `what` (a [`Command::kind`], "the clock", "the evaluation").
    WhiteCellOnly {
        seat: Seat,
        what: &'static str,
    },
    /// A team seat tried to act for another team.
    OtherTeam {
        seat: Seat,
        team: TeamId,
    },
    /// The command names what the scenario lacks, or is out of bounds ([`Command::check`]).
    Check(CheckError),
    /// An evaluator's entry that does not fit the scenario ([`crate::report::Edit::check`]).
    Invalid(crate::report::EditError),
    /// The law does not allow the authorisation (yet).
    Law(crate::sim::law::Objection),
    Ended,
    ReadOnly,
    Journal(String),
}

impl Refusal {
    /// The refusal as the seat reads it in `lang`, with the scenario's names in that language.
    pub fn say(&self, s: &Scenario, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang;
        match (self, lang) {
            (Refusal::WhiteCellOnly { seat, what }, Lang::En) => format!(
                "refused: {what} is the white cell's alone; the seat of {} cannot give it",
                seat.name_in(s, lang)
            ),
            (Refusal::WhiteCellOnly { seat, what }, Lang::Ja) => format!(
                "拒否: {}はホワイトセルだけが行える。{}の席からは行えない",
                kind_ja(what),
                seat.name_in(s, lang)
            ),
            (Refusal::OtherTeam { seat, team }, Lang::En) => format!(
                "refused: the seat of {} acts only for its own team, not for {}",
                seat.name_in(s, lang),
                Seat::Team(*team).name_in(s, lang)
            ),
            (Refusal::OtherTeam { seat, team }, Lang::Ja) => format!(
                "拒否: {}の席は自チームのためにだけ行動でき、{}のためには行動できない",
                seat.name_in(s, lang),
                Seat::Team(*team).name_in(s, lang)
            ),
            (Refusal::Check(why), Lang::En) => format!("refused: {why}"),
            (Refusal::Check(why), Lang::Ja) => format!("拒否: {}", why.say(lang)),
            (Refusal::Invalid(why), Lang::En) => format!("refused: {why}"),
            (Refusal::Invalid(why), Lang::Ja) => format!("拒否: {}", why.say(lang)),
            (Refusal::Law(objection), Lang::En) => {
                format!("refused: {}", objection.words(s, lang))
            }
            (Refusal::Law(objection), Lang::Ja) => format!("拒否: {}", objection.words(s, lang)),
            (Refusal::Ended, Lang::En) => {
                "refused: the exercise has ended; nothing more can take effect".into()
            }
            (Refusal::Ended, Lang::Ja) => "拒否: 演習は終了した。これ以上は反映されない".into(),
            (Refusal::ReadOnly, Lang::En) => {
                "read-only replay: b (or :branch) starts a new session here to play it differently".into()
            }
            (Refusal::ReadOnly, Lang::Ja) => {
                "読み取り専用の再生: b（または :branch）でここから新しいセッションを始めて別の展開を試せる".into()
            }
            (Refusal::Journal(why), Lang::En) => {
                format!("the session journal cannot be written ({why}); nothing more is given")
            }
            (Refusal::Journal(why), Lang::Ja) => {
                format!("セッションの記録を書き込めない（{why}）。これ以上は反映されない")
            }
        }
    }
}

/// What [`Command::kind`] names (and "the clock"), in Japanese.
fn kind_ja(what: &str) -> &str {
    match what {
        "an action" => "対応",
        "an authorisation" => "承認",
        "a message" => "連絡",
        "firing an inject" => "状況付与の発出",
        "withdrawing an inject" => "状況付与の取下げ",
        "holding an inject back" => "状況付与の保留",
        "rewriting an inject" => "状況付与の書換え",
        "a roll of the dice" => "さいころ判定",
        "a ruling" => "裁定",
        "a facilitator's note" => "ファシリテーターの記録",
        "setting the crisis level" => "事態レベルの設定",
        "the clock" => "時計の操作",
        other => other,
    }
}

/// What a facilitator can overrule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Ruling {
    /// The asset is back to normal: clean, connected, working.
    RestoreAsset(AssetId),
    /// The asset fails (down until restored).
    FailAsset(AssetId),
    /// An action under way (by its sequence number) completes now, effects and all.
    CompleteAction(u32),
    /// An action under way is called off; its staff are free again.
    CancelAction(u32),
    /// A roll of the dice at this chance, for an outcome the scenario does not model.
    Roll { chance: f64, what: String },
}

impl Command {
    /// Who the command belongs to. Exhaustive, so a new command must be placed.
    pub fn authority(&self) -> Authority {
        match self {
            Command::Act { team, .. } | Command::Authorise { team, .. } => Authority::Team(*team),
            Command::Message { from, .. } => Authority::Team(*from),
            Command::FireInject { .. }
            | Command::SkipInject { .. }
            | Command::DelayInject { .. }
            | Command::EditInject { .. }
            | Command::Adjudicate { .. }
            | Command::SetLevel { .. }
            | Command::Note { .. } => Authority::WhiteCell,
        }
    }

    /// What kind of command this is, in a few words, for a refusal.
    pub fn kind(&self) -> &'static str {
        match self {
            Command::Act { .. } => "an action",
            Command::Authorise { .. } => "an authorisation",
            Command::Message { .. } => "a message",
            Command::FireInject { .. } => "firing an inject",
            Command::SkipInject { .. } => "withdrawing an inject",
            Command::DelayInject { .. } => "holding an inject back",
            Command::EditInject { .. } => "rewriting an inject",
            Command::Adjudicate {
                ruling: Ruling::Roll { .. },
                ..
            } => "a roll of the dice",
            Command::Adjudicate { .. } => "a ruling",
            Command::Note { .. } => "a facilitator's note",
            Command::SetLevel { .. } => "setting the crisis level",
        }
    }

    /// The command in a few words in `lang`, for a status line: the English of [`describe`],
    /// or its Japanese with the scenario's names in Japanese.
    ///
    /// [`describe`]: Command::describe
    pub fn describe_in(&self, s: &Scenario, lang: crate::lang::Lang) -> String {
        use crate::scenario::model::TextKey;
        if lang == crate::lang::Lang::En {
            return self.describe(s);
        }
        let text = |key: TextKey, exists: bool, n: u32| {
            if exists {
                s.text(key, lang).to_string()
            } else {
                format!("#{n}")
            }
        };
        let team = |t: &TeamId| text(TextKey::TeamName(*t), t.index() < s.teams.len(), t.0);
        let asset = |a: &AssetId| text(TextKey::AssetName(*a), a.index() < s.assets.len(), a.0);
        let inject =
            |i: &InjectId| text(TextKey::InjectSubject(*i), i.index() < s.injects.len(), i.0);
        let action = |a: &ActionId| text(TextKey::ActionName(*a), a.index() < s.actions.len(), a.0);
        match self {
            Command::Act {
                team: t,
                action: a,
                target,
                to,
                intel,
            } => {
                let on = target.map_or(String::new(), |x| format!("（対象: {}）", asset(&x)));
                let item = intel.map_or(String::new(), |i| {
                    let title = text(TextKey::IntelTitle(i), i.index() < s.intel.len(), i.0);
                    format!("「{title}」")
                });
                let dest = to.map_or(String::new(), |x| format!("（宛先: {}）", team(&x)));
                format!("{}: {}{on}{item}{dest}", team(t), action(a))
            }
            Command::Authorise {
                team: t,
                action: a,
                grant,
                ..
            } => {
                let verb = if *grant { "承認" } else { "不承認" };
                format!("{}が{}を{verb}", team(t), action(a))
            }
            Command::FireInject { inject: i } => format!("「{}」を発出", inject(i)),
            Command::SkipInject { inject: i } => format!("「{}」を取下げ", inject(i)),
            Command::DelayInject { inject: i, ticks } => {
                format!(
                    "「{}」を{}保留",
                    inject(i),
                    s.clock.elapsed(*ticks).say(crate::lang::Lang::Ja)
                )
            }
            Command::EditInject { inject: i, .. } => format!("「{}」を書換え", inject(i)),
            Command::Message { from, to, .. } => {
                let to: Vec<String> = to.iter().map(team).collect();
                format!("{}から{}へ連絡", team(from), to.join("、"))
            }
            Command::Adjudicate { ruling, reason } => {
                let what = match ruling {
                    Ruling::RestoreAsset(a) => format!("{}を復旧", asset(a)),
                    Ruling::FailAsset(a) => format!("{}を障害に", asset(a)),
                    Ruling::CompleteAction(n) => format!("対応#{n}を完了"),
                    Ruling::CancelAction(n) => format!("対応#{n}を中止"),
                    Ruling::Roll { what, .. } => format!("{what}の判定"),
                };
                format!("裁定: {what}（{reason}）")
            }
            Command::Note { text, .. } => format!("記録「{text}」"),
            Command::SetLevel { level, .. } => {
                let name = text(
                    TextKey::LevelName(*level),
                    level.index() < s.levels.len(),
                    level.0,
                );
                format!("事態レベル「{name}」")
            }
        }
    }

    /// The command in a few words, for a status line; ids the scenario lacks show as numbers.
    pub fn describe(&self, s: &Scenario) -> String {
        let team = |t: &TeamId| {
            s.teams
                .get(t.index())
                .map_or(format!("team {}", t.0), |x| x.name.clone())
        };
        let asset = |a: &AssetId| {
            s.assets
                .get(a.index())
                .map_or(format!("asset {}", a.0), |x| x.name.clone())
        };
        let inject = |i: &InjectId| {
            s.injects
                .get(i.index())
                .map_or(format!("inject {}", i.0), |x| x.subject.clone())
        };
        let action = |a: &ActionId| {
            s.actions
                .get(a.index())
                .map_or(format!("action {}", a.0), |x| x.name.clone())
        };
        match self {
            Command::Act {
                team: t,
                action: a,
                target,
                to,
                intel,
            } => {
                let on = target.map_or(String::new(), |x| format!(" on {}", asset(&x)));
                let item = intel.map_or(String::new(), |i| {
                    let title = s
                        .intel
                        .get(i.index())
                        .map_or(format!("item {}", i.0), |x| x.title.clone());
                    format!(" \"{title}\"")
                });
                let dest = to.map_or(String::new(), |x| format!(" to {}", team(&x)));
                format!("{}: {}{on}{item}{dest}", team(t), action(a))
            }
            Command::Authorise {
                team: t,
                action: a,
                grant,
                ..
            } => {
                let verb = if *grant { "grants" } else { "refuses" };
                format!("{} {verb} {}", team(t), action(a))
            }
            Command::FireInject { inject: i } => format!("fire \"{}\"", inject(i)),
            Command::SkipInject { inject: i } => format!("skip \"{}\"", inject(i)),
            Command::DelayInject { inject: i, ticks } => {
                format!("delay \"{}\" by {}", inject(i), s.clock.elapsed(*ticks))
            }
            Command::EditInject { inject: i, .. } => format!("rewrite \"{}\"", inject(i)),
            Command::Message { from, to, .. } => {
                let to: Vec<String> = to.iter().map(team).collect();
                format!("{} writes to {}", team(from), to.join(", "))
            }
            Command::Adjudicate { ruling, reason } => {
                let what = match ruling {
                    Ruling::RestoreAsset(a) => format!("restore {}", asset(a)),
                    Ruling::FailAsset(a) => format!("fail {}", asset(a)),
                    Ruling::CompleteAction(n) => format!("complete action #{n}"),
                    Ruling::CancelAction(n) => format!("call off action #{n}"),
                    Ruling::Roll { what, .. } => format!("roll for {what}"),
                };
                format!("ruling: {what} ({reason})")
            }
            Command::Note { text, .. } => format!("note \"{text}\""),
            Command::SetLevel { level, .. } => format!(
                "crisis level \"{}\"",
                s.levels
                    .get(level.index())
                    .map_or(format!("level {}", level.0), |l| l.name.clone())
            ),
        }
    }

    /// Whether the command can apply to the scenario: every id it names exists, and its numbers
    /// are within bounds (a roll's chance, a delay no longer than the exercise). Every command is
    /// checked before it is journaled; commands read from a file (a script, a journal) are
    /// checked before use, and a journal's command that fails is damage, not a panic.
    pub fn check(&self, s: &Scenario) -> Result<(), CheckError> {
        fn within(what: Missing, id: u32, len: usize) -> Result<(), CheckError> {
            if (id as usize) < len {
                Ok(())
            } else {
                Err(CheckError::Missing { what, id, len })
            }
        }
        let team = |t: TeamId| within(Missing::Team, t.0, s.teams.len());
        let action = |a: ActionId| within(Missing::Action, a.0, s.actions.len());
        let asset = |a: AssetId| within(Missing::Asset, a.0, s.assets.len());
        let inject = |i: InjectId| within(Missing::Inject, i.0, s.injects.len());
        match self {
            Command::Act {
                team: t,
                action: a,
                target,
                to,
                intel,
            } => {
                team(*t)?;
                action(*a)?;
                target.map_or(Ok(()), asset)?;
                to.map_or(Ok(()), team)?;
                intel.map_or(Ok(()), |i| within(Missing::Intel, i.0, s.intel.len()))
            }
            Command::Authorise {
                team: t,
                action: a,
                requester,
                ..
            } => {
                team(*t)?;
                action(*a)?;
                requester.map_or(Ok(()), team)
            }
            Command::DelayInject { inject: i, ticks } => {
                inject(*i)?;
                let end = s.clock.end_tick;
                if *ticks > end {
                    return Err(CheckError::DelayTooLong { ticks: *ticks, end });
                }
                Ok(())
            }
            Command::FireInject { inject: i }
            | Command::SkipInject { inject: i }
            | Command::EditInject { inject: i, .. } => inject(*i),
            Command::Message { from, to, .. } => {
                team(*from)?;
                to.iter().try_for_each(|t| team(*t))
            }
            Command::Adjudicate { ruling, .. } => match ruling {
                Ruling::RestoreAsset(a) | Ruling::FailAsset(a) => asset(*a),
                Ruling::Roll { chance, .. } if !(0.0..=1.0).contains(chance) => {
                    Err(CheckError::Chance(*chance))
                }
                Ruling::Roll { .. } | Ruling::CompleteAction(_) | Ruling::CancelAction(_) => Ok(()),
            },
            Command::SetLevel { level, .. } => {
                if s.levels.is_empty() {
                    return Err(CheckError::NoLevels);
                }
                within(Missing::Level, level.0, s.levels.len())
            }
            Command::Note { objective, .. } => objective.map_or(Ok(()), |o| {
                within(Missing::Objective, o.0, s.objectives.len())
            }),
        }
    }
}

/// What a command names that the scenario lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Team,
    Action,
    Asset,
    Inject,
    Intel,
    Level,
    Objective,
}

impl Missing {
    /// Its name in English, and the name of its id type (as the English message writes it).
    fn en(self) -> (&'static str, &'static str) {
        match self {
            Missing::Team => ("team", "TeamId"),
            Missing::Action => ("action", "ActionId"),
            Missing::Asset => ("asset", "AssetId"),
            Missing::Inject => ("inject", "InjectId"),
            Missing::Intel => ("intel", "IntelId"),
            Missing::Level => ("crisis level", "LevelId"),
            Missing::Objective => ("objective", "ObjectiveId"),
        }
    }

    fn ja(self) -> &'static str {
        match self {
            Missing::Team => "チーム",
            Missing::Action => "対応",
            Missing::Asset => "資産",
            Missing::Inject => "状況付与",
            Missing::Intel => "情報",
            Missing::Level => "事態レベル",
            Missing::Objective => "目標",
        }
    }
}

/// Why a command cannot apply to the scenario ([`Command::check`]): typed, with the id or number
/// at fault; its `Display` is the English, [`CheckError::say`] either language.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckError {
    /// The command names the `id`th of something the scenario has `len` of.
    Missing {
        what: Missing,
        id: u32,
        len: usize,
    },
    DelayTooLong {
        ticks: u32,
        end: u32,
    },
    Chance(f64),
    NoLevels,
}

impl CheckError {
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        match (self, lang) {
            (_, crate::lang::Lang::En) => self.to_string(),
            (CheckError::Missing { what, id, len }, crate::lang::Lang::Ja) => format!(
                "{}（番号{id}）は存在しない（シナリオには{len}件）",
                what.ja()
            ),
            (CheckError::DelayTooLong { ticks, end }, crate::lang::Lang::Ja) => format!(
                "{ticks}ティックの保留は演習全体（{end}ティック）より長い。代わりに状況付与を取り下げること"
            ),
            (CheckError::Chance(chance), crate::lang::Lang::Ja) => {
                format!("判定の確率は0から1の間でなければならない（{chance}）")
            }
            (CheckError::NoLevels, crate::lang::Lang::Ja) => {
                "このシナリオには事態レベルがない".into()
            }
        }
    }
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Missing { what, id, len } => {
                let (name, ty) = what.en();
                write!(
                    f,
                    "{name} {ty}({id}) does not exist (the scenario has {len})"
                )
            }
            CheckError::DelayTooLong { ticks, end } => write!(
                f,
                "a delay of {ticks} ticks is longer than the whole exercise ({end} ticks); \
                 skip the inject instead"
            ),
            CheckError::Chance(chance) => {
                write!(f, "a roll's chance must be between 0 and 1, not {chance}")
            }
            CheckError::NoLevels => f.write_str("this scenario has no crisis levels"),
        }
    }
}

impl std::error::Error for CheckError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    /// A command's check names the id at fault, typed; the English is as it always was and the
    /// Japanese a seat reads in its refusal has the same id.
    #[test]
    fn a_check_error_is_typed_and_worded_in_either_language() {
        let b = crate::library::builtin(crate::library::FLAGSHIP).unwrap();
        let s = crate::scenario::parse(b.source, b.path).unwrap();
        let n = s.injects.len();
        let bad = Command::FireInject {
            inject: InjectId(9999),
        };
        let err = bad.check(&s).unwrap_err();
        assert_eq!(
            err,
            CheckError::Missing {
                what: Missing::Inject,
                id: 9999,
                len: n
            }
        );
        assert_eq!(
            err.to_string(),
            format!("inject InjectId(9999) does not exist (the scenario has {n})")
        );
        assert_eq!(
            err.say(Lang::Ja),
            format!("状況付与（番号9999）は存在しない（シナリオには{n}件）")
        );
        let refusal = Refusal::Check(err);
        assert!(
            refusal
                .say(&s, Lang::Ja)
                .starts_with("拒否: 状況付与（番号9999）")
        );
        let roll = Command::Adjudicate {
            ruling: Ruling::Roll {
                chance: 2.0,
                what: "x".into(),
            },
            reason: "r".into(),
        };
        let err = roll.check(&s).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a roll's chance must be between 0 and 1, not 2"
        );
        assert!(err.say(Lang::Ja).contains("0から1の間"));
        let delay = Command::DelayInject {
            inject: InjectId(0),
            ticks: s.clock.end_tick + 1,
        };
        assert!(
            delay
                .check(&s)
                .unwrap_err()
                .to_string()
                .ends_with("ticks); skip the inject instead")
        );
    }
}
