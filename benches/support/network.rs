//! A small generated network for comparing kunren with NASim on equal host counts
//! (`benches/hosts.rs`, `benches/nasim/compare.sh`): `hosts` assets in subnets of about five, the
//! first host of each subnet a server the others depend on, and one ransomware campaign that
//! gets in through the first host, moves laterally through a third of the hosts and encrypts the
//! last two, as a NASim attacker scans, exploits and escalates its way to the sensitive hosts.
//! Generated without chance, so the same on every run.

use kunren::scenario::raw::{
    Asset, AssetKind, Campaign, Clock, Condition, Effect, Meta, PlayedBy, Scenario, Stage, Target,
    Team, TeamKind,
};

/// The scenario with `hosts` assets (at least 3), six days of 15-minute ticks (576).
pub fn scenario(hosts: usize) -> Scenario {
    let hosts = hosts.max(3);
    let subnets = hosts.div_ceil(5);
    let mut assets = Vec::with_capacity(hosts);
    for i in 0..hosts {
        let subnet = i % subnets;
        let mut tags = Vec::new();
        if i == 0 {
            tags.push("dmz".to_string());
        }
        if i % 3 == 1 {
            tags.push("lateral".to_string());
        }
        if i + 2 >= hosts {
            tags.push("sensitive".to_string());
        }
        let mut a = Asset {
            id: format!("h{i:03}"),
            name: format!("Host {i} (subnet {subnet})").into(),
            owner: "it".into(),
            kind: AssetKind::It,
            tags,
            loss_per_hour: 10_000.0,
            ..Asset::default()
        };
        if i >= subnets {
            // A host depends on its subnet's server; servers beyond the first use the first.
            a.depends_on = vec![format!("h{subnet:03}")];
        } else if i > 0 {
            a.uses = vec!["h000".to_string()];
        }
        assets.push(a);
    }
    Scenario {
        format: 1,
        rules: Default::default(),
        meta: Meta {
            id: "generated-network".into(),
            title: format!("Generated network, {hosts} hosts").into(),
            ..Meta::default()
        },
        clock: Clock {
            start: "2024-01-15T06:00:00+09:00".into(),
            tick: "15m".into(),
            length: "6d".into(),
            phases: Vec::new(),
        },
        teams: vec![
            Team {
                id: "it".into(),
                name: "IT department".into(),
                nation: "JP".into(),
                kind: TeamKind::Operator,
                staff: 4,
                ..Team::default()
            },
            Team {
                id: "crew".into(),
                name: "Ransomware crew".into(),
                kind: TeamKind::Adversary,
                played_by: PlayedBy::Simulation,
                staff: 4,
                ..Team::default()
            },
        ],
        assets,
        campaigns: vec![Campaign {
            id: "ransomware".into(),
            name: "Ransomware affiliate".into(),
            team: "crew".into(),
            starts: Some(Condition::After("1h".into())),
            ransom: Some(1_000_000.0),
            held_at_start: Vec::new(),
            stages: vec![
                stage("access", "T1133", "dmz", &[], Effect::Foothold),
                stage(
                    "spread",
                    "T1021",
                    "lateral",
                    &["access"],
                    Effect::LateralMovement,
                ),
                stage(
                    "encrypt",
                    "T1486",
                    "sensitive",
                    &["spread"],
                    Effect::Encrypt,
                ),
            ],
            description: String::new(),
        }],
        ..Scenario::default()
    }
}

fn stage(id: &str, technique: &str, tag: &str, after: &[&str], effect: Effect) -> Stage {
    Stage {
        id: id.into(),
        name: Default::default(),
        technique: technique.into(),
        target: Target::Tag(tag.into()),
        after: after.iter().map(|s| s.to_string()).collect(),
        when: None,
        from: None,
        chance: 0.6,
        countered_by: Vec::new(),
        dwell: ("15m".into(), "2h".into()),
        detection: 0.05,
        attempts: 10,
        effect,
    }
}
