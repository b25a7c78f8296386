//! Format 2 on assets served in shares (`depends_on_shares`: losing one share of three leaves
//! two thirds, and the measures follow) and run by teams other than their owner (`operators`:
//! they see the asset, are told its news and may act on it). Built on the minimal fixture, as
//! the format 2 tests are, and on the shipped scenarios that use them.

use kunren::command::Command;
use kunren::scenario::model::Measure;
use kunren::sim::Simulation;
use kunren::sim::assets::AssetStatus;
use kunren::sim::facts::Level;

use crate::format2::{edited, errors, load, place, v2};

const DB: &str =
    "        (id: \"nuts-db\", name: \"Terminal database\", owner: \"port\", kind: Data),\n";

/// The minimal fixture with the terminal system carried by three database nodes in equal
/// shares, and a VPN vendor that operates the VPN for the port.
fn shared_edits() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            DB,
            "        (id: \"nuts-db\", name: \"Terminal database\", owner: \"port\", kind: Data),\n        (id: \"db-2\", name: \"Database node 2\", owner: \"port\", kind: Data),\n        (id: \"db-3\", name: \"Database node 3\", owner: \"port\", kind: Data),\n",
        ),
        (
            "            depends_on: [\"nuts-db\"],\n",
            "            depends_on_shares: [[\"nuts-db\", \"db-2\", \"db-3\"]],\n",
        ),
        (
            "        (id: \"crew\", name: \"Ransomware crew\", kind: Adversary, played_by: Simulation),\n",
            "        (id: \"crew\", name: \"Ransomware crew\", kind: Adversary, played_by: Simulation),\n        (id: \"vendor\", name: \"VPN vendor\", kind: Operator, staff: 2),\n",
        ),
        (
            "(id: \"vpn\", name: \"Remote access VPN\", owner: \"port\",",
            "(id: \"vpn\", name: \"Remote access VPN\", owner: \"port\", operators: [\"vendor\"],",
        ),
        (
            "            teams: [\"port\"],\n            targets: Some(Owner(\"port\")),\n            duration: \"30m\",\n            effects: [Isolate],\n",
            "            teams: [\"port\", \"vendor\"],\n            targets: Some(Owner(\"port\")),\n            duration: \"30m\",\n            effects: [Isolate],\n            own_assets_only: true,\n",
        ),
    ]
}

fn shared() -> String {
    v2(&shared_edits())
}

fn fail(sim: &mut Simulation, id: &str, failed: bool) {
    let a = sim.scenario().asset_index(id).unwrap();
    sim.edit_status(a, |s| s.failed = failed).unwrap();
}

fn gate(sim: &Simulation) -> f64 {
    let s = sim.scenario();
    let m = s
        .all_measures()
        .iter()
        .position(|m| matches!(m, Measure::Throughput(_)))
        .unwrap();
    sim.facts().measures[m]
}

#[test]
fn shares_and_operators_need_format_2() {
    let text = edited(&shared_edits()[..4]);
    let e = errors(&text);
    let at = |says: &str| {
        let item = e
            .items
            .iter()
            .find(|i| i.message.starts_with(says))
            .unwrap_or_else(|| panic!("no error saying {says:?}:\n{e}"));
        assert!(
            item.hint
                .as_deref()
                .is_some_and(|h| h.contains("format: 2"))
        );
        (item.line, item.column)
    };
    assert_eq!(
        at("`depends_on_shares` (a service delivered in equal shares) belongs to format 2"),
        place(&text, "[[\"nuts-db\", \"db-2\"")
    );
    assert_eq!(
        at("`operators` (teams that run an asset for its owner) belongs to format 2"),
        place(&text, "[\"vendor\"]")
    );
    load(&shared());
}

#[test]
fn groups_of_shares_and_operators_are_checked_where_written() {
    let shares = |group: &str| {
        v2(&[(
            "            depends_on: [\"nuts-db\"],\n",
            &format!("            depends_on_shares: [{group}],\n"),
        )])
    };
    let operators = |list: &str| {
        v2(&[
            (
                "        (id: \"crew\",",
                "        (id: \"vendor\", name: \"VPN vendor\", kind: Operator, staff: 2),\n        (id: \"crew\",",
            ),
            (
                "(id: \"vpn\", name: \"Remote access VPN\", owner: \"port\",",
                &format!(
                    "(id: \"vpn\", name: \"Remote access VPN\", owner: \"port\", operators: {list},"
                ),
            ),
        ])
    };
    let cases = [
        (
            shares("[\"nuts-db\"]"),
            "[\"nuts-db\"]]",
            "a group of shares in `depends_on_shares` names 1 asset(s); it needs at least two",
        ),
        (
            shares("[\"nuts-db\", \"tos\"]"),
            "\"tos\"]]",
            "names itself among its own shares",
        ),
        (
            shares("[\"nuts-db\", \"nuts-db\"]"),
            "\"nuts-db\"]]",
            "\"nuts-db\" is named twice in one group of shares",
        ),
        (
            operators("[\"port\"]"),
            "\"port\"], tags",
            "\"port\" owns it, so it need not operate it too",
        ),
        (
            operators("[\"vendor\", \"vendor\"]"),
            "\"vendor\"], tags",
            "\"vendor\" is named twice in `operators`",
        ),
        (
            operators("[\"vendr\"]"),
            "\"vendr\"",
            "unknown team \"vendr\"",
        ),
    ];
    for (text, at, says) in cases {
        let e = errors(&text);
        let item = e
            .items
            .iter()
            .find(|i| i.message.contains(says))
            .unwrap_or_else(|| panic!("no error saying {says:?}:\n{e}"));
        assert_eq!((item.line, item.column), place(&text, at), "{says}: {e}");
        assert!(item.hint.is_some(), "{says}: a hint says how to fix it");
    }
}

#[test]
fn losing_one_share_of_three_leaves_two_thirds_of_the_service_and_its_measure() {
    let s = load(&shared());
    let tos = s.asset_index("tos").unwrap();
    let port = s.team_index("port").unwrap();
    let mut sim = Simulation::new(s.clone(), 1);
    sim.step();
    assert_eq!(gate(&sim), 120.0);
    fail(&mut sim, "nuts-db", true);
    sim.step();
    let f = sim.facts().assets[tos.index()];
    assert_eq!(f.level, Level::Degraded);
    assert!((f.fraction() - 2.0 / 3.0).abs() < 1e-9, "{f:?}");
    assert!(
        (gate(&sim) - 80.0).abs() < 1e-9,
        "the measure follows the share"
    );
    let seen = sim.knowledge(port).assets();
    let row = seen.iter().find(|a| a.id == "tos").unwrap();
    assert_eq!(row.service, Some(67), "the seat sees how much is left");
    assert!(
        sim.log()
            .events()
            .iter()
            .any(|e| e.text == "Terminal operating system is degraded")
    );
    fail(&mut sim, "db-2", true);
    sim.step();
    assert!((gate(&sim) - 40.0).abs() < 1e-9);
    assert_eq!(
        sim.facts().assets[tos.index()].level,
        Level::Degraded,
        "a move within degraded"
    );
    fail(&mut sim, "db-3", true);
    sim.step();
    assert_eq!(sim.facts().assets[tos.index()].level, Level::Down);
    assert_eq!(gate(&sim), 0.0);
    for id in ["nuts-db", "db-2", "db-3"] {
        fail(&mut sim, id, false);
    }
    sim.step();
    assert_eq!(gate(&sim), 120.0);
    assert_eq!(sim.facts().assets[tos.index()].level, Level::Normal);
}

#[test]
fn in_the_iot_scenario_a_flood_on_one_resolver_site_leaves_two_thirds_of_broadband_online() {
    let s = crate::helpers::builtin("iot-botnet");
    let dns = s.asset_index("isp-dns").unwrap();
    let broadband = s
        .all_measures()
        .iter()
        .position(|m| s.measure_name(*m) == "broadband_customers")
        .unwrap();
    let mut flooded = 0;
    for seed in 1..=6 {
        let mut sim = Simulation::new(s.clone(), seed);
        while !sim.is_finished() {
            sim.step();
            if sim.facts().assets[dns.index()].level == Level::Down {
                flooded += 1;
                let online = sim.facts().measures[broadband];
                assert!(
                    (online - 800.0 * 2.0 / 3.0).abs() < 1e-6,
                    "seed {seed}: {online}"
                );
            }
        }
    }
    assert!(flooded > 0, "the flood lands in some runs");
}

#[test]
fn an_operator_sees_is_told_and_acts_on_the_asset_it_runs_and_the_owner_keeps_it() {
    let s = load(&shared());
    let (port, vendor) = (
        s.team_index("port").unwrap(),
        s.team_index("vendor").unwrap(),
    );
    let vpn = s.asset_index("vpn").unwrap();
    let isolate = |team, target: &str| Command::Act {
        team,
        action: s.action_index("isolate").unwrap(),
        target: s.asset_index(target),
        to: None,
        intel: None,
    };
    let mut sim = Simulation::new(s.clone(), 1);
    sim.step();
    let k = sim.knowledge(vendor);
    let seen: Vec<String> = k.assets().into_iter().map(|a| a.id).collect();
    assert_eq!(
        seen,
        ["vpn"],
        "the asset it runs, and nothing of the port's else"
    );
    assert!(k.asset(vpn).is_some());
    assert!(k.asset(s.asset_index("tos").unwrap()).is_none());
    // It may aim an own-assets action at what it runs, and only at that.
    assert_eq!(k.refuses(&isolate(vendor, "vpn")), None);
    assert_eq!(
        k.refuses(&isolate(vendor, "tos")).as_deref(),
        Some(
            "\"Isolate from the network\" is aimed only at VPN vendor's own assets, and Terminal operating system is run by Port operator"
        )
    );
    // Told of its outage, and the facts its conditions read show it.
    fail(&mut sim, "vpn", true);
    sim.step();
    let down = sim
        .log()
        .events()
        .iter()
        .find(|e| e.text == "Remote access VPN is down")
        .expect("the outage is news");
    assert!(down.known_by(vendor) && down.known_by(port));
    assert_eq!(
        sim.knowledge(vendor).facts().assets[vpn.index()].level,
        Level::Down
    );
    fail(&mut sim, "vpn", false);
    // The engine takes the command, and it works.
    sim.submit(isolate(vendor, "vpn"));
    for _ in 0..3 {
        sim.step();
    }
    let e = sim.state().asset_index.get(vpn);
    assert!(sim.world.get::<AssetStatus>(e).unwrap().isolated);
    // The owner keeps it: its objectives and its own view are unchanged.
    assert!(sim.knowledge(port).assets().iter().any(|a| a.id == "vpn"));
    assert_eq!(s.asset(vpn).owner, port);
}
