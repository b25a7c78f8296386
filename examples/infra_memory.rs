//! Where the memory of a large scenario goes, stage by stage: generating the 100,000-asset
//! infrastructure of `benches/support/infra.rs`, writing it to RON text, holding that text
//! exactly as a file read from disk is held, loading it as `kunren run` does, spawning the World
//! and playing to the end. A counting allocator reports the heap in use after each stage and the
//! highest it reached during it, per asset and in all; see docs/performance.md.
//! `cargo run --release --example infra_memory [ASSETS | FILE.ron]`: given a scenario file, it
//! reads that from disk instead of generating one.

#[path = "../benches/support/infra.rs"]
mod infra;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use kunren::scenario;
use kunren::sim::Simulation;

/// The system allocator, counting the bytes in use and the most ever in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = IN_USE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as it is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc` and `alloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // A moving realloc holds both blocks for a moment; count the larger alone, as
            // glibc grows large blocks in place or by remapping them.
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Prints the heap in use now and the most in use since the last call, per asset and in all.
fn stage(name: &str, assets: usize) {
    let now = IN_USE.load(Ordering::Relaxed);
    let peak = PEAK.swap(now, Ordering::Relaxed);
    let per = |b: usize| b as f64 / assets.max(1) as f64;
    let kb = |b: usize| b as f64 / 1024.0;
    println!(
        "{name:<28} in use {:>8.0} B/asset {:>10.0} KB   peak during {:>8.0} B/asset {:>10.0} KB",
        per(now),
        kb(now),
        per(peak),
        kb(peak)
    );
}

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
    let (text, file, assets) = if arg.ends_with(".ron") {
        let text = std::fs::read_to_string(&arg).expect("the scenario file reads");
        let assets = scenario::parse(&text, &arg).map_or(0, |s| s.assets.len());
        PEAK.store(IN_USE.load(Ordering::Relaxed), Ordering::Relaxed);
        stage("read from disk", assets);
        (text, arg, assets)
    } else {
        let assets: usize = arg.parse().unwrap_or(100_000);
        let raw = infra::scenario(assets, 2024);
        stage("generated", assets);
        let mut text = ron::ser::to_string(&raw).expect("serialises");
        drop(raw);
        println!("RON text: {:.0} B/asset", text.len() as f64 / assets as f64);
        stage("written as RON", assets);
        // Held exactly, as `kunren run` holds a file it has read from disk.
        text.shrink_to_fit();
        stage("text held exactly", assets);
        (text, "generated-infrastructure.ron".to_string(), assets)
    };
    let scn = match scenario::parse_large(&text, &file, usize::MAX) {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("the generated scenario does not load:\n{e}"),
    };
    stage("loaded (text still held)", assets);
    drop(text);
    stage("text dropped", assets);
    let mut sim = Simulation::new(scn, 1);
    stage("spawned", assets);
    sim.run_to_end();
    stage("played to the end", assets);
    println!("state hash {}", kunren::summary::state_hash(&sim));
}
