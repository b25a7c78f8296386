//! What the loader makes of a file is pinned: the model of every shipped scenario, of every
//! shipped decisions file and of the generated infrastructure, by a digest of the model written
//! out, and the diagnostics of a scenario whose assets are renamed one by one, by a digest of
//! their text. A change to how files are read (the assets streamed into a compact form, the
//! index of names) must leave all of them as they were. And the most memory loading holds at
//! once, counted by the allocator, stays within a kilobyte per asset.

#[allow(dead_code)]
#[path = "../../benches/support/infra.rs"]
mod infra;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use kunren::library::BUILTINS;
use kunren::scenario;
use sha2::{Digest, Sha256};

/// The system allocator, counting the bytes each thread has in use and the most it has had
/// (each test runs on a thread of its own, so one test's count is its own).
struct Counting;

thread_local! {
    static IN_USE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(by: isize) {
    // A thread being torn down has no counters left; its last frees go uncounted.
    let _ = IN_USE.try_with(|n| {
        n.set(n.get() + by);
        let _ = PEAK.try_with(|p| p.set(p.get().max(n.get())));
    });
}

// SAFETY: every call is passed on to `System` unchanged; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as it is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc` and `alloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // As examples/infra_memory.rs counts it: the larger block alone.
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most this thread has in use while `f` runs, above what it had before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = IN_USE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    let peak = PEAK.with(Cell::get) - before;
    (out, peak.max(0) as usize)
}

fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn model_digest(model: &impl serde::Serialize) -> String {
    digest(&ron::to_string(model).expect("a model writes out as RON"))
}

/// The scenario fixtures of the tests, each a valid file.
const FIXTURES: [(&str, &str); 4] = [
    (
        "tests/fixtures/minimal.ron",
        include_str!("../fixtures/minimal.ron"),
    ),
    (
        "tests/fixtures/engine.ron",
        include_str!("../fixtures/engine.ron"),
    ),
    (
        "tests/fixtures/knowledge.ron",
        include_str!("../fixtures/knowledge.ron"),
    ),
    (
        "tests/fixtures/analysis.ron",
        include_str!("../fixtures/analysis.ron"),
    ),
];

/// (file, digest of its model) for every shipped scenario and decisions file, and every
/// scenario fixture.
fn shipped() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, source) in FIXTURES {
        let s = scenario::parse(source, path).expect("a fixture loads");
        out.push((path.to_string(), model_digest(&s)));
    }
    for b in BUILTINS {
        let s = scenario::parse(b.source, b.path).expect("a shipped scenario loads");
        out.push((b.path.to_string(), model_digest(&s)));
        for (_, path, source) in b.decisions {
            let d = scenario::parse_decisions(source, path, &s).expect("shipped decisions load");
            out.push((path.to_string(), model_digest(&d)));
        }
    }
    out
}

#[test]
fn every_shipped_scenario_and_decisions_file_loads_to_the_model_it_always_did() {
    let pinned: &[(&str, &str)] = &[
        ("tests/fixtures/minimal.ron", "1e96c70d95a09d7b"),
        ("tests/fixtures/engine.ron", "ac0ce55d703ee31d"),
        ("tests/fixtures/knowledge.ron", "1a0c8cebe97e5c98"),
        ("tests/fixtures/analysis.ron", "4de368d7e9f3821d"),
        ("scenarios/nagoya-port-ransomware.ron", "e2929cb1db96eabd"),
        (
            "scenarios/nagoya-port-ransomware.historical.decisions.ron",
            "da6734e827b14477",
        ),
        (
            "scenarios/nagoya-port-ransomware.prepared.decisions.ron",
            "70b9cb33c085cb26",
        ),
        (
            "scenarios/nagoya-port-ransomware.passive.decisions.ron",
            "6fc149f836fa9bff",
        ),
        ("scenarios/pension-data-breach.ron", "4f40f99deba79597"),
        (
            "scenarios/pension-data-breach.historical.decisions.ron",
            "ddf8aefb7ec5ef1f",
        ),
        (
            "scenarios/pension-data-breach.passive.decisions.ron",
            "5d72afbbe60ce1b7",
        ),
        (
            "scenarios/pension-data-breach.good-practice.decisions.ron",
            "d214d891e1f70ab8",
        ),
        ("scenarios/sme-supply-chain.ron", "d3e23ce01c7f49cf"),
        (
            "scenarios/sme-supply-chain.passive.decisions.ron",
            "a121f48d128c1c42",
        ),
        (
            "scenarios/sme-supply-chain.good-practice.decisions.ron",
            "68028e6a040291e0",
        ),
        ("scenarios/iot-botnet.ron", "8adcef4801264339"),
        (
            "scenarios/iot-botnet.passive.decisions.ron",
            "81c7f120b707eff0",
        ),
        (
            "scenarios/iot-botnet.good-practice.decisions.ron",
            "3edcf00d2cab5378",
        ),
        ("scenarios/water-prepositioning.ron", "c8dad0104cd02933"),
        (
            "scenarios/water-prepositioning.passive.decisions.ron",
            "d7188d608bfb9b94",
        ),
        (
            "scenarios/water-prepositioning.good-practice.decisions.ron",
            "258bdb0add8e9e01",
        ),
        ("scenarios/multinational-drill.ron", "1a601ffd0b04788e"),
        (
            "scenarios/multinational-drill.passive.decisions.ron",
            "33d347e8ccaded5f",
        ),
        (
            "scenarios/multinational-drill.good-practice.decisions.ron",
            "01ce5200c8a0f0ed",
        ),
        (
            "scenarios/osaka-hospital-ransomware.ron",
            "c2050c4d17eb7b1f",
        ),
        (
            "scenarios/osaka-hospital-ransomware.historical.decisions.ron",
            "fb48b2cf9b5a0c9c",
        ),
        (
            "scenarios/osaka-hospital-ransomware.prepared.decisions.ron",
            "77308a94af434975",
        ),
        (
            "scenarios/osaka-hospital-ransomware.passive.decisions.ron",
            "e038e9dc393dd164",
        ),
    ];
    let got = shipped();
    let expected: Vec<(String, String)> = pinned
        .iter()
        .map(|(f, d)| (f.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, expected, "\n{got:#?}");
}

/// The generated infrastructure of 20,000 assets, its text held exactly as a file read from disk
/// is: loading it holds at most 1,024 bytes per asset at any moment, the text included (about
/// 440 of them). Before the assets were read into their compact form it held about 2,100.
#[test]
fn loading_holds_at_most_a_kilobyte_per_asset_text_included() {
    const ASSETS: usize = 20_000;
    let mut text = ron::to_string(&infra::scenario(ASSETS, 2024)).expect("writes out");
    text.shrink_to_fit();
    let (loaded, peak) = peak_of(|| scenario::parse_large(&text, "generated.ron", usize::MAX));
    let s = loaded.expect("loads");
    let per_asset = (peak + text.len()) / ASSETS;
    assert_eq!(s.assets.len(), ASSETS);
    assert!(
        per_asset <= 1_024,
        "loading held {per_asset} bytes per asset at its peak ({} of them the text)",
        text.len() / ASSETS
    );
}

#[test]
fn the_generated_infrastructure_loads_to_the_model_it_always_did() {
    let text = ron::to_string(&infra::scenario(5_000, 2024)).expect("writes out");
    let s = scenario::parse_large(&text, "generated.ron", usize::MAX).expect("loads");
    assert_eq!(
        (s.assets.len(), model_digest(&s).as_str()),
        (5_000, "01771116dfa19768")
    );
}

/// Every asset and team of every shipped scenario renamed in turn: references to it become
/// unknown (with a did-you-mean), selectors match less, cycles and orders change; every
/// message, line and column is pinned by one digest.
#[test]
fn renaming_each_asset_and_team_gives_the_diagnostics_it_always_did() {
    let mut all = String::new();
    for b in BUILTINS {
        let s = scenario::parse(b.source, b.path).expect("loads");
        let ids = s
            .assets
            .iter()
            .map(|a| &a.id)
            .chain(s.teams.iter().map(|t| &t.id));
        for id in ids {
            let from = format!("id: \"{id}\"");
            let text = b.source.replacen(&from, &format!("id: \"{id}-x\""), 1);
            all.push_str(&format!("{} {id}\n", b.path));
            match scenario::parse(&text, b.path) {
                Ok(_) => all.push_str("loads\n"),
                Err(e) => {
                    for d in &e.items {
                        all.push_str(&format!("{}:{}: {d}\n", d.line, d.column));
                    }
                }
            }
        }
    }
    assert_eq!(digest(&all), "50a83e21a6c27326", "\n{all}");
}
