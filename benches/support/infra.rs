//! A generated national infrastructure for the large-scale benchmarks: about 100,000 assets in
//! layers (power and telecom backbone, regional substations and exchanges, then each operator's
//! OT, IT and services), with realistic dependency fan-out and two adversary campaigns, one
//! encrypting a few hundred corporate systems and one knocking out a region's power backbone.
//!
//! Generation is seeded, so the scenario is the same on every run and machine. It is built as the
//! file format's serde structs and goes through the real loader, like any scenario a user writes.

use kunren::scenario::raw::{
    Asset, AssetKind, Campaign, Clock, Criticality, Effect, Meta, PlayedBy, Service, Stage, Target,
    Team, TeamKind,
};
use kunren::scenario::raw::{Condition, Scenario};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Sectors operators belong to, with the unit of their service measure.
const SECTORS: [(&str, &str); 8] = [
    ("power", "MW"),
    ("telecom", "Gbit/s"),
    ("water", "m3/h"),
    ("rail", "trains/h"),
    ("port", "containers/h"),
    ("finance", "payments/s"),
    ("health", "patients/h"),
    ("government", "requests/h"),
];

pub const REGIONS: usize = 10;
pub const OPERATORS: usize = 200;
pub const POWER_CORES: usize = 150;
pub const TELECOM_CORES: usize = 150;
pub const SUBSTATIONS: usize = 2_000;
pub const EXCHANGES: usize = 2_000;

/// Ids of the assets of one layer, by region.
#[derive(Default)]
struct Layer {
    by_region: Vec<Vec<String>>,
}

impl Layer {
    fn new() -> Self {
        Layer {
            by_region: vec![Vec::new(); REGIONS],
        }
    }

    /// One asset of the layer, mostly from `region` and now and then from anywhere.
    fn pick(&self, rng: &mut ChaCha8Rng, region: usize) -> String {
        let r = if rng.random_bool(0.85) {
            region
        } else {
            rng.random_range(0..REGIONS)
        };
        let ids = &self.by_region[r];
        ids[rng.random_range(0..ids.len())].clone()
    }

    fn push(&mut self, region: usize, id: String) {
        self.by_region[region].push(id);
    }
}

fn asset(id: String, owner: &str, kind: AssetKind, sector: &str, tags: Vec<String>) -> Asset {
    Asset {
        name: id.clone().into(),
        id,
        owner: owner.to_string(),
        kind,
        sector: Some(sector.to_string()),
        tags,
        ..Asset::default()
    }
}

/// `n` distinct picks from a layer (fewer if the draws repeat).
fn picks(rng: &mut ChaCha8Rng, layer: &Layer, region: usize, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        let id = layer.pick(rng, region);
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// The scenario with `total` assets (at least a few thousand: the backbone and regional layers
/// come first), generated from `seed`.
pub fn scenario(total: usize, seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut teams: Vec<Team> = (0..OPERATORS)
        .map(|i| {
            let sector = SECTORS[i % SECTORS.len()].0;
            Team {
                id: format!("op{i:03}"),
                name: format!("Operator {i} ({sector})").into(),
                nation: "JP".into(),
                kind: TeamKind::Operator,
                sector: Some(sector.into()),
                staff: 4,
                ..Team::default()
            }
        })
        .collect();
    teams.push(Team {
        id: "crew".into(),
        name: "Ransomware crew".into(),
        kind: TeamKind::Adversary,
        played_by: PlayedBy::Simulation,
        staff: 4,
        ..Team::default()
    });
    teams.push(Team {
        id: "apt".into(),
        name: "State-sponsored group".into(),
        kind: TeamKind::Adversary,
        played_by: PlayedBy::Simulation,
        staff: 4,
        ..Team::default()
    });
    // Operators of a sector, by region, for owning backbone and regional assets.
    let operator_of = |sector: usize, region: usize| -> String {
        // Operator i has sector i % 8 and region (i / 8) % REGIONS.
        let i = (region * SECTORS.len() + sector) % OPERATORS;
        format!("op{i:03}")
    };

    let mut assets: Vec<Asset> = Vec::with_capacity(total);
    let mut power_cores = Layer::new();
    let mut telecom_cores = Layer::new();
    let mut substations = Layer::new();
    let mut exchanges = Layer::new();

    // Layer 0: the power backbone (plants, transmission), then the telecom backbone it feeds.
    for i in 0..POWER_CORES {
        let region = i % REGIONS;
        let id = format!("pwr-core-{i:03}");
        let mut a = asset(
            id.clone(),
            &operator_of(0, region),
            AssetKind::Ot,
            "power",
            vec![format!("region-{region}"), format!("region-{region}-grid")],
        );
        a.criticality = Criticality::Vital;
        a.loss_per_hour = 50_000_000.0;
        // Transmission meshes with the region's earlier cores.
        if i >= REGIONS {
            a.uses = vec![power_cores.by_region[region][rng.random_range(0..i / REGIONS)].clone()];
        }
        power_cores.push(region, id);
        assets.push(a);
    }
    for i in 0..TELECOM_CORES {
        let region = i % REGIONS;
        let id = format!("tel-core-{i:03}");
        let mut a = asset(
            id.clone(),
            &operator_of(1, region),
            AssetKind::It,
            "telecom",
            vec![format!("region-{region}")],
        );
        a.criticality = Criticality::Vital;
        let n = rng.random_range(1..=2);
        a.depends_on = picks(&mut rng, &power_cores, region, n);
        a.loss_per_hour = 20_000_000.0;
        telecom_cores.push(region, id);
        assets.push(a);
    }

    // Layer 1: regional substations and exchanges.
    for i in 0..SUBSTATIONS {
        let region = i % REGIONS;
        let id = format!("pwr-sub-{i:04}");
        let mut a = asset(
            id.clone(),
            &operator_of(0, region),
            AssetKind::Ot,
            "power",
            vec![format!("region-{region}")],
        );
        a.criticality = Criticality::High;
        let n = rng.random_range(1..=2);
        a.depends_on = picks(&mut rng, &power_cores, region, n);
        a.uses = picks(&mut rng, &telecom_cores, region, 1);
        substations.push(region, id);
        assets.push(a);
    }
    for i in 0..EXCHANGES {
        let region = i % REGIONS;
        let id = format!("tel-ex-{i:04}");
        let mut a = asset(
            id.clone(),
            &operator_of(1, region),
            AssetKind::It,
            "telecom",
            vec![format!("region-{region}")],
        );
        a.criticality = Criticality::High;
        a.depends_on = picks(&mut rng, &telecom_cores, region, 1);
        a.depends_on
            .extend(picks(&mut rng, &substations, region, 1));
        // A backup link to an earlier exchange of the region (the first ones use the backbone).
        let earlier = &exchanges.by_region[region];
        a.uses = if earlier.is_empty() {
            vec![telecom_cores.by_region[region][0].clone()]
        } else {
            vec![earlier[rng.random_range(0..earlier.len())].clone()]
        };
        exchanges.push(region, id);
        assets.push(a);
    }

    // Layer 2: each operator's estate. OT and IT hang off the regional layer (power feeds
    // everything, telecom feeds everything); services hang off the operator's own systems.
    let remaining = total.saturating_sub(assets.len());
    let per_operator = remaining / OPERATORS;
    let extra = remaining % OPERATORS;
    let mut encrypt_targets = 0usize;
    for op in 0..OPERATORS {
        let (sector, unit) = SECTORS[op % SECTORS.len()];
        let region = (op / SECTORS.len()) % REGIONS;
        let owner = format!("op{op:03}");
        let n = per_operator + usize::from(op < extra);
        let services = n / 10;
        let systems = n - services;
        let mut own: Vec<String> = Vec::with_capacity(systems);
        for j in 0..systems {
            let ot = rng.random_bool(0.3);
            let id = format!("{owner}-{}-{j:04}", if ot { "ot" } else { "it" });
            let mut tags = vec![format!("region-{region}")];
            if !ot && j == 0 && op % 4 == 0 {
                tags.push("vpn".into());
            }
            if !ot && j % 40 == 1 && op % 2 == 0 {
                tags.push("corp-it".into());
            }
            if !ot && j % 40 == 1 && op % 2 == 0 && encrypt_targets < 300 {
                tags.push("ransom-target".into());
                encrypt_targets += 1;
            }
            if ot && sector == "power" && j < 2 {
                tags.push("grid-scada".into());
            }
            let kind = if ot { AssetKind::Ot } else { AssetKind::It };
            let mut a = asset(id.clone(), &owner, kind, sector, tags);
            let hard = rng.random_range(1..=4);
            // Every system needs power; most need the network too.
            a.depends_on = picks(&mut rng, &substations, region, 1);
            if hard > 1 {
                a.depends_on
                    .extend(picks(&mut rng, &exchanges, region, hard - 1));
            }
            let soft = rng.random_range(0..=2);
            a.uses = picks(&mut rng, &exchanges, region, soft);
            a.uses.retain(|u| !a.depends_on.contains(u));
            if rng.random_bool(0.3) {
                a.loss_per_hour = f64::from(rng.random_range(10u32..1_000)) * 1_000.0;
            }
            own.push(id);
            assets.push(a);
        }
        for j in 0..services {
            let id = format!("{owner}-svc-{j:04}");
            let mut a = asset(
                id.clone(),
                &owner,
                AssetKind::Service,
                sector,
                vec![format!("region-{region}")],
            );
            let hard = rng.random_range(1..=3);
            for _ in 0..hard {
                let d = own[rng.random_range(0..own.len())].clone();
                if !a.depends_on.contains(&d) {
                    a.depends_on.push(d);
                }
            }
            if rng.random_bool(0.5) {
                a.uses = picks(&mut rng, &exchanges, region, 1);
            }
            a.service = Some(Service {
                measure: format!("{sector}_output"),
                name: Default::default(),
                unit: unit.into(),
                normal: f64::from(rng.random_range(10u32..500)),
            });
            a.loss_per_hour = f64::from(rng.random_range(100u32..5_000)) * 1_000.0;
            a.public_facing = rng.random_bool(0.2);
            a.criticality = Criticality::High;
            assets.push(a);
        }
    }

    Scenario {
        format: 1,
        rules: Default::default(),
        meta: Meta {
            id: "generated-infrastructure".into(),
            title: format!("Generated infrastructure, {} assets", assets.len()).into(),
            ..Meta::default()
        },
        clock: Clock {
            start: "2024-01-15T06:00:00+09:00".into(),
            tick: "15m".into(),
            length: "3d".into(),
            phases: Vec::new(),
        },
        teams,
        assets,
        campaigns: vec![ransomware(), blackout()],
        ..Scenario::default()
    }
}

fn stage(id: &str, technique: &str, target: Target, after: &[&str], effect: Effect) -> Stage {
    Stage {
        id: id.into(),
        name: Default::default(),
        technique: technique.into(),
        target,
        after: after.iter().map(|s| s.to_string()).collect(),
        when: None,
        from: None,
        chance: 0.9,
        countered_by: Vec::new(),
        dwell: ("15m".into(), "1h".into()),
        detection: 0.02,
        attempts: 5,
        effect,
    }
}

/// VPN foothold, lateral movement through corporate IT, then encryption of a few hundred systems.
fn ransomware() -> Campaign {
    Campaign {
        id: "ransomware".into(),
        name: "Ransomware affiliate".into(),
        team: "crew".into(),
        starts: Some(Condition::After("1h".into())),
        ransom: Some(500_000_000.0),
        stages: vec![
            stage(
                "access",
                "T1133",
                Target::Tag("vpn".into()),
                &[],
                Effect::Foothold,
            ),
            stage(
                "spread",
                "T1021",
                Target::Tag("corp-it".into()),
                &["access"],
                Effect::LateralMovement,
            ),
            stage(
                "encrypt",
                "T1486",
                Target::Tag("ransom-target".into()),
                &["spread"],
                Effect::Encrypt,
            ),
        ],
        held_at_start: Vec::new(),
        description: String::new(),
    }
}

/// Into the grid operators' SCADA, then a twelve-hour blackout of one region's power backbone.
fn blackout() -> Campaign {
    Campaign {
        id: "blackout".into(),
        name: "Grid sabotage".into(),
        team: "apt".into(),
        starts: Some(Condition::After("2h".into())),
        ransom: None,
        stages: vec![
            stage(
                "scada",
                "T0886",
                Target::Tag("grid-scada".into()),
                &[],
                Effect::Foothold,
            ),
            stage(
                "blackout",
                "T0813",
                Target::Tag("region-0-grid".into()),
                &["scada"],
                Effect::Disrupt {
                    duration: Some("12h".into()),
                },
            ),
        ],
        held_at_start: Vec::new(),
        description: String::new(),
    }
}
