//! The assets as the loader reads them: each file-format asset is taken into the model's form
//! the moment ron has read it, so a vector of 100,000 file-format assets never exists. What
//! needs the rest of the file (the owner, the links, the service measure, durations, format-2
//! parts) waits in small flat arrays until stage two resolves it; nothing is checked here.

use std::fmt;
use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};
use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

use crate::scenario::model;
use crate::scenario::raw::{self, Text};

/// The vector of models grows by an eighth of its length and this many more, not by doubling:
/// a doubled vector of 100,000 models (350 bytes each) would hold up to twice the room it
/// needs at the moment memory peaks. (Gathering them in blocks and moving them into a vector
/// of the exact number at the end holds both at once, which is worse.)
const GROWTH: usize = 16;

/// The assets of a scenario file, in file order, read but not yet validated.
#[derive(Debug, Default)]
pub(crate) struct Assets {
    /// Each asset in the model's form, with the id, owner, links, service and recovery left
    /// for stage two.
    pub(super) models: Vec<model::Asset>,
    /// The ids, apart and packed, for the index of names.
    pub(super) ids: Strings,
    /// Each asset's owner, in `words`.
    owners: Vec<u32>,
    /// The assets each asset depends on and then those it uses, all assets in turn, in `words`.
    links: Vec<u32>,
    /// Where each asset's `depends_on`, then its `uses`, end in `links`.
    ends: Vec<[u32; 2]>,
    /// The assets with a service: (asset, measure, unit in `words`, normal rate).
    services: Vec<(u32, u32, u32, f64)>,
    /// The services that name their measure: (asset, name). Few do.
    service_names: Vec<(u32, Box<Text>)>,
    /// The services whose unit is written in two languages: (asset, unit). Fewer do.
    service_units: Vec<(u32, Box<Text>)>,
    /// The assets with any of the rarer parts, by index.
    rare: Vec<(u32, Box<Rare>)>,
    words: Words,
}

/// The parts few assets have: format-2 links and operators, a recovery other than the default,
/// texts in two languages.
#[derive(Debug, Default)]
pub(super) struct Rare {
    pub(super) depends_on_any: Vec<Vec<String>>,
    pub(super) depends_on_reserve: Vec<raw::Reserve>,
    pub(super) depends_on_shares: Vec<Vec<String>>,
    pub(super) operators: Vec<String>,
    pub(super) recovery: raw::Recovery,
    /// The name and description, when written in two languages (else plain and empty).
    pub(super) name: Text,
    pub(super) description: Text,
}

/// A service as written: its measure and unit by name.
pub(super) struct Service<'a> {
    pub(super) asset: usize,
    pub(super) measure: &'a str,
    pub(super) unit: &'a str,
    pub(super) normal: f64,
}

impl Assets {
    pub(super) fn len(&self) -> usize {
        self.models.len()
    }

    /// The owner as written.
    pub(super) fn owner(&self, i: usize) -> &str {
        self.owners.get(i).map_or("", |&w| self.words.get(w))
    }

    /// The assets `i` depends on, as written.
    pub(super) fn depends_on(&self, i: usize) -> impl ExactSizeIterator<Item = &str> + Clone {
        let start = match i.checked_sub(1) {
            Some(p) => self.ends[p][1],
            None => 0,
        };
        self.words_in(start, self.ends[i][0])
    }

    /// The assets `i` uses, as written.
    pub(super) fn uses(&self, i: usize) -> impl ExactSizeIterator<Item = &str> + Clone {
        self.words_in(self.ends[i][0], self.ends[i][1])
    }

    fn words_in(&self, start: u32, end: u32) -> impl ExactSizeIterator<Item = &str> + Clone {
        self.links[start as usize..end as usize]
            .iter()
            .map(|&w| self.words.get(w))
    }

    /// The rarer parts of asset `i`, if it has any.
    pub(super) fn rare(&self, i: usize) -> Option<&Rare> {
        let i = i as u32;
        self.rare
            .binary_search_by_key(&i, |(j, _)| *j)
            .ok()
            .map(|k| &*self.rare[k].1)
    }

    /// Every asset with rarer parts, in file order.
    pub(super) fn rares(&self) -> impl Iterator<Item = (usize, &Rare)> {
        self.rare.iter().map(|(i, r)| (*i as usize, &**r))
    }

    /// The operators as written.
    pub(super) fn operators(&self, i: usize) -> &[String] {
        self.rare(i).map_or(&[], |r| &r.operators)
    }

    /// The services as written, in file order.
    pub(super) fn services(&self) -> impl Iterator<Item = Service<'_>> {
        self.services.iter().map(|&(asset, m, u, normal)| Service {
            asset: asset as usize,
            measure: self.words.get(m),
            unit: self.words.get(u),
            normal,
        })
    }

    /// The names services give their measures, by asset, in file order.
    pub(super) fn service_names(&self) -> impl Iterator<Item = (usize, &Text)> {
        self.service_names.iter().map(|(i, t)| (*i as usize, &**t))
    }

    /// The units services write in two languages, by asset, in file order.
    pub(super) fn service_units(&self) -> impl Iterator<Item = (usize, &Text)> {
        self.service_units.iter().map(|(i, t)| (*i as usize, &**t))
    }

    /// The model of each asset, each given back its id; what waited for stage two is dropped.
    pub(super) fn into_models(self, ids: &Strings) -> Vec<model::Asset> {
        let mut models = self.models;
        for (i, m) in models.iter_mut().enumerate() {
            m.id = ids.get(i).unwrap_or_default().to_string();
        }
        models
    }

    /// Takes one file-format asset in: what the model keeps as it is moves into it, the rest
    /// waits in the flat arrays.
    fn push(&mut self, a: raw::Asset) {
        let i = self.ids.len() as u32;
        self.owners.push(self.words.intern(&a.owner));
        for d in a.depends_on.iter() {
            let w = self.words.intern(d);
            self.links.push(w);
        }
        let depends_end = self.links.len() as u32;
        for u in a.uses.iter() {
            let w = self.words.intern(u);
            self.links.push(w);
        }
        self.ends.push([depends_end, self.links.len() as u32]);
        if let Some(s) = &a.service {
            let (m, u) = (
                self.words.intern(&s.measure),
                self.words.intern(s.unit.main()),
            );
            self.services.push((i, m, u, s.normal));
            if matches!(s.unit, Text::Langs(_)) {
                self.service_units.push((i, Box::new(s.unit.clone())));
            }
        }
        if let Some(s) = a.service.as_ref().filter(|s| !s.name.is_empty()) {
            self.service_names.push((i, Box::new(s.name.clone())));
        }
        let plain = |t: &Text| matches!(t, Text::Plain(_));
        let default_recovery = a.recovery.restore == raw::Recovery::default().restore
            && a.recovery.rebuild == raw::Recovery::default().rebuild;
        let (name, description) = (text(&a.name), text(&a.description));
        if !(a.depends_on_any.is_empty()
            && a.depends_on_reserve.is_empty()
            && a.depends_on_shares.is_empty()
            && a.operators.is_empty()
            && default_recovery
            && plain(&a.name)
            && plain(&a.description))
        {
            let two = |t: Text| if plain(&t) { Text::default() } else { t };
            self.rare.push((
                i,
                Box::new(Rare {
                    depends_on_any: a.depends_on_any,
                    depends_on_reserve: a.depends_on_reserve,
                    depends_on_shares: a.depends_on_shares,
                    operators: a.operators,
                    recovery: a.recovery,
                    name: two(a.name),
                    description: two(a.description),
                }),
            ));
        }
        self.ids.push(&a.id);
        let mut tags = a.tags;
        tags.shrink_to_fit();
        if self.models.len() == self.models.capacity() {
            self.models.reserve_exact(self.models.len() / 8 + GROWTH);
        }
        self.models.push(model::Asset {
            id: String::new(),
            name,
            owner: model::TeamId(0),
            kind: a.kind,
            sector: a.sector,
            tags,
            criticality: a.criticality,
            depends_on: Vec::new(),
            uses: Vec::new(),
            depends_on_any: Vec::new(),
            depends_on_reserve: Vec::new(),
            depends_on_shares: Vec::new(),
            operators: Vec::new(),
            posture: a.posture,
            service: None,
            restore_ticks: 0,
            rebuild_ticks: 0,
            loss_per_hour: a.loss_per_hour,
            public_facing: a.public_facing,
            description,
        });
    }

    /// Ends reading: every array gives back the room it grew into.
    fn seal(&mut self) {
        self.models.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.owners.shrink_to_fit();
        self.links.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.services.shrink_to_fit();
        self.service_names.shrink_to_fit();
        self.rare.shrink_to_fit();
        self.words.strings.shrink_to_fit();
    }
}

/// The model's text: the text, or the main one of two languages.
fn text(t: &Text) -> String {
    t.main().to_string()
}

impl<'de> Deserialize<'de> for Assets {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Assets;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                // What serde says for the `Vec<Asset>` this stands for, so errors read the same.
                f.write_str("a sequence")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Assets, S::Error> {
                let mut out = Assets::default();
                while let Some(a) = seq.next_element::<raw::Asset>()? {
                    out.push(a);
                }
                out.seal();
                Ok(out)
            }
        }
        d.deserialize_seq(Each)
    }
}

/// Strings one after another in one `String`, read by number: 100,000 asset ids without a
/// `String` (and its 24 bytes) each.
#[derive(Debug, Default)]
pub(super) struct Strings {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<u32>,
}

impl Strings {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.text.get(start..end)
    }

    pub(super) fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
    }

    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl<'a> FromIterator<&'a str> for Strings {
    fn from_iter<I: IntoIterator<Item = &'a str>>(items: I) -> Self {
        let mut out = Strings::default();
        for s in items {
            out.push(s);
        }
        out.shrink_to_fit();
        out
    }
}

/// Strings stored once each, named by number: the owners and links of 100,000 assets name a
/// few thousand distinct assets and teams.
#[derive(Default)]
struct Words {
    strings: Strings,
    /// The words, by hash of their text.
    index: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl fmt::Debug for Words {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Words({})", self.strings.len())
    }
}

impl Words {
    fn get(&self, w: u32) -> &str {
        self.strings.get(w as usize).unwrap_or_default()
    }

    fn intern(&mut self, s: &str) -> u32 {
        let hash = self.hasher.hash_one(s);
        if let Some(&w) = self.index.find(hash, |&w| self.get(w) == s) {
            return w;
        }
        let w = self.strings.len() as u32;
        self.strings.push(s);
        let Words {
            strings,
            index,
            hasher,
        } = self;
        index.insert_unique(hash, w, |&v| {
            hasher.hash_one(strings.get(v as usize).unwrap_or_default())
        });
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(id: &str, owner: &str, depends_on: &[&str], uses: &[&str]) -> raw::Asset {
        raw::Asset {
            id: id.into(),
            name: id.into(),
            owner: owner.into(),
            depends_on: depends_on.iter().map(|s| s.to_string()).collect(),
            uses: uses.iter().map(|s| s.to_string()).collect(),
            ..raw::Asset::default()
        }
    }

    #[test]
    fn links_are_kept_once_each_and_read_back_as_written() {
        let mut a = Assets::default();
        a.push(asset("grid", "power", &[], &[]));
        a.push(asset("net", "tel", &["grid"], &[]));
        a.push(asset("app", "power", &["net", "grid"], &["net"]));
        a.seal();
        assert_eq!(a.len(), 3);
        assert_eq!(a.ids.iter().collect::<Vec<_>>(), ["grid", "net", "app"]);
        assert_eq!(a.owner(2), "power");
        assert_eq!(a.depends_on(2).collect::<Vec<_>>(), ["net", "grid"]);
        assert_eq!(a.uses(2).collect::<Vec<_>>(), ["net"]);
        assert_eq!(a.depends_on(0).len() + a.uses(0).len(), 0);
        assert_eq!(a.depends_on(1).collect::<Vec<_>>(), ["grid"]);
        // "power", "grid", "tel", "net": each word once, however often it is named.
        assert_eq!(a.words.strings.len(), 4);
        assert_eq!(a.words.strings.text, "powertelgridnet");
        assert!(a.rare(1).is_none() && a.rares().count() == 0);
    }

    #[test]
    fn only_assets_with_rarer_parts_keep_them() {
        let mut a = Assets::default();
        a.push(asset("plain", "t", &[], &[]));
        let mut odd = asset("odd", "t", &[], &[]);
        odd.operators = vec!["msp".into()];
        odd.recovery.restore = "1h".into();
        a.push(odd);
        a.seal();
        assert!(a.rare(0).is_none());
        assert_eq!(a.operators(1), ["msp"]);
        assert_eq!(a.rare(1).map(|r| r.recovery.restore.as_str()), Some("1h"));
    }

    #[test]
    fn the_models_grow_by_an_eighth_and_end_exactly_as_many_as_the_assets() {
        let mut a = Assets::default();
        let mut most = 0;
        for i in 0..1_003 {
            a.push(asset(&format!("a{i}"), "t", &[], &[]));
            most = most.max(a.models.capacity());
        }
        assert!(most <= 1_003 + 1_003 / 8 + GROWTH, "{most}");
        a.seal();
        assert_eq!((a.models.len(), a.models.capacity()), (1_003, 1_003));
        assert_eq!(a.models[1_002].name, "a1002");
    }
}
