//! The shareable report: `kunren report --format pdf` writes a PDF whose text (extracted with
//! `pdf-extract`) holds every objective, in Japanese too; and the HTML report, printed to PDF by
//! a real headless Chromium, holds every objective as well. `.ci/run` installs Debian's chromium
//! and a Japanese font and sets CI; elsewhere, without them, those tests print "SKIPPED: ..." and
//! return (with CI set, they fail).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use kunren::library;
use kunren::report::{self, AfterAction, Paper, ReportInput};

use crate::helpers::{decision_set, flagship, kunren, kunren_command, simulate, text};

const SEED: &str = "11";

fn report_of_flagship() -> AfterAction {
    let s = flagship();
    let d = decision_set(library::FLAGSHIP, &s, "historical");
    report::build(
        &simulate(&s, Some(&d), SEED.parse().unwrap()),
        &ReportInput::default(),
    )
}

/// Text with all white space removed and typographic ligatures spelt out: a name wrapped over
/// two lines in a table cell, or set with an "ﬁ" ligature by the browser, is still found.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'ﬀ' => "ff".to_string(),
            'ﬁ' => "fi".to_string(),
            'ﬂ' => "fl".to_string(),
            'ﬃ' => "ffi".to_string(),
            'ﬄ' => "ffl".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The width and height of every page, in points.
fn page_sizes(bytes: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).unwrap();
            let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n: Vec<f32> = media.iter().map(|v| v.as_float().unwrap()).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("the PDF's text can be extracted")
}

/// Each page's text, squeezed.
fn pages(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes)
        .expect("the PDF's text can be extracted")
        .iter()
        .map(|p| squeeze(p))
        .collect()
}

/// Checks the layout a printed report keeps: each major section opens a page, and the
/// timeline's header row is repeated on the pages it runs over.
fn check_print_layout(bytes: &[u8]) {
    let pages = pages(bytes);
    for heading in [
        "Objectives",
        "Timeline of key events",
        "Measures over time",
        "Observations",
        "Strengths",
        "Improvement plan",
    ] {
        assert!(
            pages.iter().any(|p| p.starts_with(&squeeze(heading))),
            "no page opens with {heading}; pages open with {:?}",
            pages
                .iter()
                .map(|p| p.chars().take(20).collect::<String>())
                .collect::<Vec<_>>()
        );
    }
    let continued = pages
        .iter()
        .filter(|p| p.starts_with("TimeKindEvent"))
        .count();
    assert!(
        continued >= 1,
        "the timeline's header is not repeated on the pages it runs over"
    );
}

/// Every objective's name that `pdf` lacks.
fn objectives_missing(report: &AfterAction, pdf: &[u8]) -> Vec<String> {
    let text = squeeze(&pdf_text(pdf));
    report
        .objectives
        .iter()
        .map(|a| a.name.clone())
        .filter(|name| !text.contains(&squeeze(name)))
        .collect()
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false")
}

fn skipped(why: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}: {test} did not run");
}

#[test]
fn the_pdf_report_holds_every_objective_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aar.pdf");
    let out = kunren(&[
        "report",
        library::FLAGSHIP,
        "--decisions",
        "historical",
        "--seed",
        SEED,
        "--format",
        "pdf",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let report = report_of_flagship();
    assert!(report.objectives.len() > 5);
    assert_eq!(objectives_missing(&report, &bytes), Vec::<String>::new());
    // The other sections are there too, as text.
    let all = squeeze(&pdf_text(&bytes));
    for heading in [
        "After-actionreport:",
        "Timelineofkeyevents",
        "Measuresovertime",
        "Improvementplan",
        "Areasforimprovement",
    ] {
        assert!(all.contains(heading), "no {heading}");
    }
    let first_event = &report.timeline.first().expect("a timeline").text;
    assert!(all.contains(&squeeze(first_event)), "no {first_event}");
    check_print_layout(&bytes);
}

#[test]
fn a_pdf_needs_an_output_file() {
    let out = kunren(&["report", library::FLAGSHIP, "--format", "pdf"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "a PDF went to the terminal");
    assert!(
        text(&out.stderr).contains("-o FILE.pdf"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_font_named_in_the_environment_must_be_a_font() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_font = dir.path().join("notes.txt");
    std::fs::write(&not_a_font, "not a font").unwrap();
    let pdf = dir.path().join("aar.pdf");
    let out = kunren_command()
        .args(["report", library::FLAGSHIP, "--format", "pdf", "-o"])
        .arg(&pdf)
        .env(report::FONT_VAR, &not_a_font)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("KUNREN_PDF_FONT") && err.contains("notes.txt"),
        "{err}"
    );
    assert!(!pdf.exists(), "a PDF was written");
}

#[test]
fn letter_and_a4_pages_have_their_sizes() {
    let report = report_of_flagship();
    for (paper, size) in [
        (Paper::A4, (595.28, 841.89)),
        (Paper::Letter, (612.0, 792.0)),
    ] {
        let pdf = report.to_pdf(paper).expect("a PDF");
        assert!(pdf.pages > 3, "{} pages", pdf.pages);
        let sizes = page_sizes(&pdf.bytes);
        assert_eq!(sizes.len(), pdf.pages);
        for (w, h) in sizes {
            assert!(
                (w - size.0).abs() < 0.5 && (h - size.1).abs() < 0.5,
                "{paper:?}: a page {w} x {h}"
            );
        }
    }
}

#[test]
fn japanese_text_is_embedded_as_text() {
    let mut report = report_of_flagship();
    report.overview.title = "名古屋港ランサムウェア演習".into();
    report.objectives[0].name = "インシデントを24時間以内に報告する".into();
    let pdf = report.to_pdf(Paper::A4).expect("a PDF");
    if !pdf.missing.is_empty() {
        assert!(
            !ci(),
            "no Japanese font ({:?} missing): .ci/run should have installed fonts-ipafont-gothic",
            pdf.missing
        );
        skipped("no font with Japanese installed (Debian: fonts-ipafont-gothic)");
        return;
    }
    let text = squeeze(&pdf_text(&pdf.bytes));
    assert!(text.contains("名古屋港ランサムウェア演習"), "{text}");
    assert!(text.contains("インシデントを24時間以内に報告する"));
}

/// Debian's chromium, if installed.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("which").arg(name).output().ok()?;
            out.status
                .success()
                .then(|| PathBuf::from(text(&out.stdout).trim()))
        })
}

/// Prints `html` to `pdf` with headless Chromium, killing it after two minutes.
fn print_to_pdf(browser: &Path, html: &Path, pdf: &Path, profile: &Path) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            return;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not print within two minutes");
        }
        sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_browser_prints_the_html_report_with_every_objective() {
    let Some(browser) = chromium() else {
        assert!(
            !ci(),
            "chromium is missing: .ci/run should have installed it"
        );
        skipped("chromium not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("aar.html");
    let pdf = dir.path().join("aar.pdf");
    let out = kunren(&[
        "report",
        library::FLAGSHIP,
        "--decisions",
        "historical",
        "--seed",
        SEED,
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    print_to_pdf(&browser, &html, &pdf, &dir.path().join("profile"));
    let bytes = std::fs::read(&pdf).expect("chromium wrote the PDF");
    let report = report_of_flagship();
    assert_eq!(objectives_missing(&report, &bytes), Vec::<String>::new());
    // The print stylesheet starts each major section on a new page, repeats table headers,
    // and hides the timeline's screen-only filter checkboxes.
    check_print_layout(&bytes);
    assert!(!squeeze(&pdf_text(&bytes)).contains("Show:"));
}
