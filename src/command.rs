//! The one type through which anything changes a running exercise: a player's decision, a
//! facilitator's intervention, a line of a decisions file or a replayed journal entry.
//!
//! Keys, network frames and scripts are translated into a `Command` once, at the edge; the
//! simulation never sees where a command came from.

use serde::{Deserialize, Serialize};

use crate::scenario::model::{ActionId, AssetId, InjectId, IntelId, ObjectiveId, TeamId};

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
    /// A facilitator's observation, optionally against an objective.
    Note {
        text: String,
        objective: Option<ObjectiveId>,
    },
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
