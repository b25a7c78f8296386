//! The texts a team reads, written in one language or in two (format 2): each two-language text
//! checked where it stands, and its Japanese gathered into the model's table, keyed by what the
//! text belongs to. The model's own fields keep each text's English (or its only text).

use std::collections::BTreeMap;

use super::{Cx, Raw};
use crate::scenario::model::{
    ActionId, AssetId, CampaignId, InjectId, IntelId, LevelId, ObjectiveId, PhaseId, StageRef,
    TeamId, TextKey,
};
use crate::scenario::raw::Text;
use crate::scenario::source_map::Path;

/// Where a text stands in the file: `injects[3].subject`.
pub fn path(key: TextKey) -> Path {
    let root = Path::root();
    match key {
        TextKey::Title => root.field("meta").field("title"),
        TextKey::Summary => root.field("meta").field("summary"),
        TextKey::PhaseName(i) => root
            .field("clock")
            .field("phases")
            .index(i.index())
            .field("name"),
        TextKey::PhaseDescription(i) => root
            .field("clock")
            .field("phases")
            .index(i.index())
            .field("description"),
        TextKey::TeamName(i) => root.field("teams").index(i.index()).field("name"),
        TextKey::TeamDescription(i) => root.field("teams").index(i.index()).field("description"),
        TextKey::AssetName(i) => root.field("assets").index(i.index()).field("name"),
        TextKey::AssetDescription(i) => root.field("assets").index(i.index()).field("description"),
        TextKey::ActionName(i) => root.field("actions").index(i.index()).field("name"),
        TextKey::ActionDescription(i) => {
            root.field("actions").index(i.index()).field("description")
        }
        TextKey::IntelTitle(i) => root.field("intel").index(i.index()).field("title"),
        TextKey::IntelContent(i) => root.field("intel").index(i.index()).field("content"),
        TextKey::InjectFrom(i) => root.field("injects").index(i.index()).field("from"),
        TextKey::InjectSubject(i) => root.field("injects").index(i.index()).field("subject"),
        TextKey::InjectText(i) => root.field("injects").index(i.index()).field("text"),
        TextKey::ObjectiveName(i) => root.field("objectives").index(i.index()).field("name"),
        TextKey::ObjectiveDescription(i) => root
            .field("objectives")
            .index(i.index())
            .field("description"),
        TextKey::LevelName(i) => root.field("levels").index(i.index()).field("name"),
        TextKey::CampaignName(i) => root.field("campaigns").index(i.index()).field("name"),
        TextKey::StageName(r) => root
            .field("campaigns")
            .index(r.campaign.index())
            .field("stages")
            .index(r.stage as usize)
            .field("name"),
        TextKey::ServiceName(a) => root
            .field("assets")
            .index(a.index())
            .field("service")
            .field("name"),
        TextKey::ServiceUnit(a) => root
            .field("assets")
            .index(a.index())
            .field("service")
            .field("unit"),
        TextKey::LearningObjective(i) => root
            .field("meta")
            .field("learning_objectives")
            .index(i as usize),
    }
}

/// Every text of the scenario a team may read, with the key it is read by.
fn each(raw: &Raw) -> Vec<(TextKey, &Text)> {
    let mut out = vec![
        (TextKey::Title, &raw.meta.title),
        (TextKey::Summary, &raw.meta.summary),
    ];
    for (i, l) in raw.meta.learning_objectives.iter().enumerate() {
        out.push((TextKey::LearningObjective(i as u32), l));
    }
    for (i, p) in raw.clock.phases.iter().enumerate() {
        let id = PhaseId(i as u32);
        out.push((TextKey::PhaseName(id), &p.name));
        out.push((TextKey::PhaseDescription(id), &p.description));
    }
    for (i, t) in raw.teams.iter().enumerate() {
        let id = TeamId(i as u32);
        out.push((TextKey::TeamName(id), &t.name));
        out.push((TextKey::TeamDescription(id), &t.description));
    }
    // An asset keeps its texts apart only when one is in two languages.
    for (i, a) in raw.assets.rares() {
        let id = AssetId(i as u32);
        out.push((TextKey::AssetName(id), &a.name));
        out.push((TextKey::AssetDescription(id), &a.description));
    }
    for (i, name) in raw.assets.service_names() {
        out.push((TextKey::ServiceName(AssetId(i as u32)), name));
    }
    for (i, unit) in raw.assets.service_units() {
        out.push((TextKey::ServiceUnit(AssetId(i as u32)), unit));
    }
    for (i, c) in raw.campaigns.iter().enumerate() {
        let campaign = CampaignId(i as u32);
        out.push((TextKey::CampaignName(campaign), &c.name));
        for (stage, st) in c.stages.iter().enumerate() {
            let stage = stage as u32;
            out.push((TextKey::StageName(StageRef { campaign, stage }), &st.name));
        }
    }
    for (i, a) in raw.actions.iter().enumerate() {
        let id = ActionId(i as u32);
        out.push((TextKey::ActionName(id), &a.name));
        out.push((TextKey::ActionDescription(id), &a.description));
    }
    for (i, x) in raw.intel.iter().enumerate() {
        let id = IntelId(i as u32);
        out.push((TextKey::IntelTitle(id), &x.title));
        out.push((TextKey::IntelContent(id), &x.content));
    }
    for (i, x) in raw.injects.iter().enumerate() {
        let id = InjectId(i as u32);
        out.push((TextKey::InjectFrom(id), &x.from));
        out.push((TextKey::InjectSubject(id), &x.subject));
        out.push((TextKey::InjectText(id), &x.text));
    }
    for (i, o) in raw.objectives.iter().enumerate() {
        let id = ObjectiveId(i as u32);
        out.push((TextKey::ObjectiveName(id), &o.name));
        out.push((TextKey::ObjectiveDescription(id), &o.description));
    }
    for (i, l) in raw.levels.iter().enumerate() {
        out.push((TextKey::LevelName(LevelId(i as u32)), &l.name));
    }
    out
}

/// Checks every two-language text and returns the Japanese of those that have their own.
pub(super) fn japanese(cx: &mut Cx, raw: &Raw) -> BTreeMap<TextKey, String> {
    let mut ja = BTreeMap::new();
    for (key, text) in each(raw) {
        let path = path(key);
        let Text::Langs(langs) = text else {
            continue;
        };
        cx.needs_v2(&path, "a text in two languages (`(en: ..., ja: ...)`)");
        if langs.en.is_empty() && langs.ja.is_empty() {
            cx.error(
                &path,
                "this text is written in no language: both `en` and `ja` are empty",
                Some(
                    "write the text in English, Japanese or both: (en: \"Gate\", ja: \"ゲート\")"
                        .into(),
                ),
            );
        } else if langs.en.trim().is_empty() != langs.en.is_empty()
            || langs.ja.trim().is_empty() != langs.ja.is_empty()
        {
            cx.error(
                &path,
                "one language of this text is only spaces",
                Some("write the text in that language, or leave the language out".into()),
            );
        }
        if !langs.ja.is_empty() {
            ja.insert(key, langs.ja.clone());
        }
    }
    ja
}
