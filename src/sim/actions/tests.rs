//! `judge` as a table: each reason it can refuse a request, parking it for authorisation, and
//! starting it, over a small scenario and plain state (no World).

use crate::scenario::model::TeamId;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::sim::intel::ItemState;

const MINIMAL: &str = include_str!("../../../tests/fixtures/minimal.ron");

/// The minimal port scenario with a police team, a CSIRT, an intelligence bulletin from the
/// police, and one action for each rule `judge` applies.
fn scenario() -> Scenario {
    let text = MINIMAL
        .replace("Scenario(\n", "Scenario(\n    format: 2,\n")
        .replace(
            "        (id: \"nuts-db\", name: \"Terminal database\", owner: \"port\", kind: Data),\n",
            "        (id: \"nuts-db\", name: \"Terminal database\", owner: \"port\", kind: Data),\n        (id: \"case-files\", name: \"Police case files\", owner: \"police\", kind: Data),\n",
        )
        .replace(
            r#"(id: "crew", name: "Ransomware crew", kind: Adversary, played_by: Simulation),"#,
            r#"(id: "crew", name: "Ransomware crew", kind: Adversary, played_by: Simulation),
        (id: "police", name: "Prefectural police", kind: Agency, clearance: Secret),
        (id: "csirt", name: "National CSIRT", kind: Agency),"#,
        )
        .replace(
            "    injects: [",
            r#"    intel: [
        (id: "bulletin", title: "Police bulletin", source: "police", tlp: Red, held_by: ["police", "port"]),
        (id: "dossier", title: "Police dossier", source: "police", held_by: ["police"]),
    ],
    injects: ["#,
        )
        .replace(
            "            effects: [Isolate],\n        ),",
            r#"            effects: [Isolate],
        ),
        (id: "audit", name: "Audit once", teams: ["port"], duration: "1h", effects: [Patch], targets: Some(Owner("port")), repeatable: false),
        (id: "report", name: "Report the incident", teams: ["port"], duration: "15m", effects: [Report]),
        (id: "share", name: "Share intelligence", teams: ["port"], duration: "15m", effects: [ShareIntel]),
        (id: "declassify", name: "Declassify", teams: ["port"], duration: "15m", effects: [Declassify(tlp: None)]),
        (id: "recover", name: "Recover", teams: ["port"], duration: "1h", requires: Some(Done("port", "isolate")), effects: []),
        (id: "rebuild", name: "Rebuild everything", teams: ["port"], duration: "1d", cost: 3, effects: []),
        (id: "sweep", name: "Sweep own systems", teams: ["port", "police"], duration: "1h", effects: [Hunt(thoroughness: 0.5)], targets: Some(Any([Owner("port"), Owner("police")])), own_assets_only: true),
        (id: "shutdown", name: "Shut the port", teams: ["port"], duration: "1h", authorised_by: ["police", "csirt"], effects: []),"#,
        );
    match crate::scenario::parse(&text, "judge.ron") {
        Ok(s) => s,
        Err(e) => panic!("the judge fixture loads:\n{e}"),
    }
}

/// What a test changes about the world before judging.
#[derive(Default)]
struct World {
    under_way: bool,
    done: bool,
    busy: u32,
    grants: Vec<&'static str>,
    holds_requirement: bool,
}

struct Case {
    name: &'static str,
    team: &'static str,
    action: &'static str,
    target: Option<&'static str>,
    to: Option<&'static str>,
    intel: Option<&'static str>,
    world: World,
    expect: Expect,
}

enum Expect {
    Start,
    Await(&'static [&'static str]),
    Refuse(&'static str, bool),
}

fn case(name: &'static str, team: &'static str, action: &'static str, expect: Expect) -> Case {
    Case {
        name,
        team,
        action,
        target: None,
        to: None,
        intel: None,
        world: World::default(),
        expect,
    }
}

impl Case {
    fn on(mut self, asset: &'static str) -> Self {
        self.target = Some(asset);
        self
    }
    fn to(mut self, team: &'static str) -> Self {
        self.to = Some(team);
        self
    }
    fn with(mut self, item: &'static str) -> Self {
        self.intel = Some(item);
        self
    }
    fn given(mut self, world: World) -> Self {
        self.world = world;
        self
    }
}

/// A verdict with its reason in the engine's English words, as the tables write it.
#[derive(Debug, PartialEq)]
enum Judged {
    Start,
    Await(Vec<TeamId>),
    Refuse { reason: String, retry: bool },
}

fn judged(s: &Scenario, c: &Case) -> Judged {
    match verdict(s, c) {
        Verdict::Start => Judged::Start,
        Verdict::Await(t) => Judged::Await(t),
        Verdict::Refuse { reason, retry } => Judged::Refuse {
            reason: reason.words(s, crate::lang::Lang::En),
            retry,
        },
    }
}

fn verdict(s: &Scenario, c: &Case) -> Verdict {
    let team = |id: &str| s.team_index(id).unwrap_or_else(|| panic!("team {id}"));
    let req = Request {
        team: team(c.team),
        action: s.action_index(c.action).expect("the action exists"),
        target: c
            .target
            .map(|a| s.asset_index(a).expect("the asset exists")),
        to: c.to.map(team),
        intel: c.intel.map(|i| s.intel_index(i).expect("the item exists")),
    };
    let mut facts = Facts::new(s);
    if c.world.done {
        facts.done.insert((req.team, req.action), 0);
    }
    if c.world.holds_requirement {
        let isolate = s.action_index("isolate").expect("isolate exists");
        facts.done.insert((req.team, isolate), 0);
    }
    let intel = IntelState {
        items: s
            .intel
            .iter()
            .map(|i| ItemState {
                classification: i.classification,
                tlp: i.tlp,
                rel_to: i.rel_to.clone(),
                holders: i.held_by.iter().copied().collect(),
                need_to_know: Default::default(),
            })
            .collect(),
    };
    let mut book = ActionBook {
        busy: vec![0; s.teams.len()],
        ..ActionBook::default()
    };
    book.busy[req.team.index()] = c.world.busy;
    for by in &c.world.grants {
        book.grants.insert((req.action, Some(req.team), team(by)));
    }
    let situation = Situation {
        scenario: s,
        facts: &facts,
        intel: &intel,
        book: &book,
        under_way: c.world.under_way,
        known_held: &[],
    };
    judge(&req, &situation, &mut ChaCha8Rng::seed_from_u64(1))
}

fn refuse(reason: &'static str) -> Expect {
    Expect::Refuse(reason, false)
}

fn later(reason: &'static str) -> Expect {
    Expect::Refuse(reason, true)
}

#[test]
fn judge_refuses_for_each_reason_parks_for_authorisation_and_starts() {
    let s = scenario();
    let cases = [
        case("allowed", "port", "isolate", Expect::Start).on("tos"),
        case("own asset", "port", "sweep", Expect::Start).on("tos"),
        case("own asset of another team", "police", "sweep", Expect::Start).on("case-files"),
        case(
            "another team's asset",
            "police",
            "sweep",
            refuse("\"Sweep own systems\" is aimed only at Prefectural police's own assets, and Remote access VPN is run by Port operator"),
        )
        .on("vpn"),
        case(
            "not the team's action",
            "police",
            "isolate",
            refuse("Prefectural police cannot take \"Isolate from the network\""),
        )
        .on("tos"),
        case(
            "once, already done",
            "port",
            "audit",
            refuse("\"Audit once\" can be taken only once"),
        )
        .on("vpn")
        .given(World {
            done: true,
            ..World::default()
        }),
        case(
            "once, under way",
            "port",
            "audit",
            refuse("\"Audit once\" can be taken only once"),
        )
        .on("vpn")
        .given(World {
            under_way: true,
            ..World::default()
        }),
        case("repeatable, under way", "port", "isolate", Expect::Start)
            .on("vpn")
            .given(World {
                under_way: true,
                done: true,
                ..World::default()
            }),
        case(
            "target not allowed",
            "port",
            "recover",
            refuse("\"Recover\" takes no target asset"),
        )
        .on("tos"),
        case(
            "target missing",
            "port",
            "isolate",
            refuse("\"Isolate from the network\" needs a target asset"),
        ),
        case(
            "recipient missing",
            "port",
            "report",
            refuse("\"Report the incident\" needs a recipient team"),
        ),
        case("recipient given", "port", "report", Expect::Start).to("csirt"),
        case(
            "item missing",
            "port",
            "share",
            refuse("\"Share intelligence\" needs an intelligence item"),
        )
        .to("csirt"),
        case(
            "item not held",
            "port",
            "share",
            later("Port operator does not hold \"Police dossier\""),
        )
        .to("csirt")
        .with("dossier"),
        case(
            "marking forbids sharing",
            "port",
            "share",
            refuse("cannot share \"Police bulletin\": TLP:RED is for the named recipients only"),
        )
        .to("csirt")
        .with("bulletin"),
        case(
            "declassify by another than the originator",
            "port",
            "declassify",
            refuse("only the originator may declassify \"Police bulletin\""),
        )
        .with("bulletin"),
        case(
            "requirement not met",
            "port",
            "recover",
            later("\"Recover\" is not possible yet"),
        ),
        case("requirement met", "port", "recover", Expect::Start).given(World {
            holds_requirement: true,
            ..World::default()
        }),
        case(
            "staff busy",
            "port",
            "rebuild",
            later("not enough staff: 1 of 3 busy, \"Rebuild everything\" needs 3"),
        )
        .given(World {
            busy: 1,
            ..World::default()
        }),
        case("staff exactly enough", "port", "rebuild", Expect::Start),
        case(
            "no authorisation yet",
            "port",
            "shutdown",
            Expect::Await(&["police", "csirt"]),
        ),
        case(
            "one authorisation of two",
            "port",
            "shutdown",
            Expect::Await(&["csirt"]),
        )
        .given(World {
            grants: vec!["police"],
            ..World::default()
        }),
        case("every authorisation", "port", "shutdown", Expect::Start).given(World {
            grants: vec!["police", "csirt"],
            ..World::default()
        }),
    ];
    for c in &cases {
        let expected = match c.expect {
            Expect::Start => Judged::Start,
            Expect::Await(teams) => Judged::Await(
                teams
                    .iter()
                    .map(|t| s.team_index(t).expect("the team exists"))
                    .collect(),
            ),
            Expect::Refuse(reason, retry) => Judged::Refuse {
                reason: reason.into(),
                retry,
            },
        };
        assert_eq!(judged(&s, c), expected, "{}", c.name);
    }
}

#[test]
fn judge_tells_the_first_problem_in_a_fixed_order() {
    let s = scenario();
    // Done once already, staff all busy and no target: the rule that cannot change is told.
    let c = case(
        "three problems",
        "port",
        "audit",
        refuse("\"Audit once\" can be taken only once"),
    )
    .given(World {
        done: true,
        busy: 3,
        ..World::default()
    });
    let Expect::Refuse(reason, retry) = c.expect else {
        unreachable!()
    };
    assert_eq!(
        judged(&s, &c),
        Judged::Refuse {
            reason: reason.into(),
            retry
        }
    );
    // A precondition not met comes before busy staff: both may change, the first is told.
    let c = case("two", "port", "recover", later("")).given(World {
        busy: 3,
        ..World::default()
    });
    assert_eq!(
        judged(&s, &c),
        Judged::Refuse {
            reason: "\"Recover\" is not possible yet".into(),
            retry: true
        }
    );
}

#[test]
fn a_restore_waits_while_a_known_intruder_holds_another_system_that_is_not_encrypted() {
    let Ok(s) = crate::scenario::parse(
        include_str!("../../../tests/fixtures/minimal.ron"),
        "minimal.ron",
    ) else {
        panic!("the minimal fixture loads");
    };
    let (vpn, db, tos) = (AssetId(0), AssetId(1), AssetId(2));
    let mut facts = Facts::new(&s);
    facts.assets[tos.index()].encrypted = true;
    assert_eq!(eviction_refusal(&s, tos, &facts, &[]), None);
    assert_eq!(
        eviction_refusal(&s, tos, &facts, &[tos]),
        None,
        "its own restore evicts"
    );
    let why = eviction_refusal(&s, tos, &facts, &[vpn, tos])
        .map(|w| w.words(&s, crate::lang::Lang::En))
        .unwrap_or_default();
    assert!(
        why.starts_with("Terminal operating system is encrypted and the intruder still holds Remote access VPN (compromised, known)"),
        "{why}"
    );
    facts.assets[db.index()].encrypted = true;
    assert_eq!(
        eviction_refusal(&s, tos, &facts, &[db]),
        None,
        "restored in turn"
    );
    facts.assets[tos.index()].encrypted = false;
    assert_eq!(
        eviction_refusal(&s, tos, &facts, &[vpn]),
        None,
        "not encrypted"
    );
}
