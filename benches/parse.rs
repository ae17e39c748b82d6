//! A benchmark, not a test: how much the reader's parsing and validation cost compared with the
//! least any reader must do, measured in the same run so that the machine's speed cancels out.
//!
//! - parse: `parse_article` (JSON syntax, shape with JSON paths, validation) against
//!   `serde_json::from_str::<Value>` (syntax only) on the seed article and on a long article.
//! - import: `html_import::import` (the allow-list walk) against cloning the same tree.
//!
//! Run with `cargo bench --bench parse`. It prints nanoseconds per iteration and the ratio.

use std::hint::black_box;
use std::time::{Duration, Instant};

use article_reader::article::parse_article;
use article_reader::html_import::{import, HtmlNode};

const SEED: &str = include_str!("../static/articles/seed.json");

/// Median time per iteration of a baseline and of the reader over 9 rounds of `iterations`
/// calls each, the two taking turns round by round: whatever one leaves behind (allocator state,
/// caches, the machine's other load) then falls on both alike, instead of on whichever ran
/// second.
fn compare(
    iterations: u32,
    mut base: impl FnMut(),
    mut reader: impl FnMut(),
) -> (Duration, Duration) {
    let round = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        start.elapsed() / iterations
    };
    let (mut bases, mut readers) = (Vec::new(), Vec::new());
    for _ in 0..9 {
        bases.push(round(&mut base));
        readers.push(round(&mut reader));
    }
    let median = |mut rounds: Vec<Duration>| {
        rounds.sort();
        rounds[rounds.len() / 2]
    };
    (median(bases), median(readers))
}

fn report(name: &str, baseline: Duration, measured: Duration) {
    println!(
        "{name:<40} baseline {:>9.1} µs   reader {:>9.1} µs   ratio {:.2}",
        baseline.as_secs_f64() * 1e6,
        measured.as_secs_f64() * 1e6,
        measured.as_secs_f64() / baseline.as_secs_f64()
    );
}

fn long_article() -> String {
    let mut doc: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let body = doc["body"].as_array().unwrap().clone();
    let long: Vec<serde_json::Value> = body.iter().cycle().take(body.len() * 40).cloned().collect();
    doc["body"] = serde_json::Value::Array(long);
    doc.to_string()
}

fn cms_tree() -> Vec<HtmlNode> {
    let para = |i: usize| {
        HtmlNode::el(
            "p",
            &[],
            vec![
                HtmlNode::text("\u{a0}\u{a0}\u{a0}\u{a0}"),
                HtmlNode::el(
                    "span",
                    &[],
                    vec![HtmlNode::text(&format!(
                        "第{i}段：坚持问题导向，逐一“过筛子”。"
                    ))],
                ),
                HtmlNode::el("a", &[("href", "/x")], vec![HtmlNode::text("链接")]),
            ],
        )
    };
    let heading = |i: usize| {
        HtmlNode::el(
            "p",
            &[],
            vec![HtmlNode::el(
                "strong",
                &[],
                vec![HtmlNode::text(&format!("小标题{i}"))],
            )],
        )
    };
    let children = (0..300)
        .map(|i| if i % 5 == 0 { heading(i) } else { para(i) })
        .collect();
    vec![HtmlNode::el("div", &[], children)]
}

/// One line of a command's output, or "unknown": the header below is informative, and a bench
/// run outside a git checkout still measures.
fn command_line(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn main() {
    // Figures copied into the README carry the date and commit they were measured at.
    println!(
        "article reader benchmark (median of 9 interleaved rounds), measured {} at commit {}",
        command_line("date", &["-u", "+%Y-%m-%d"]),
        command_line("git", &["rev-parse", "--short", "HEAD"])
    );
    for (name, doc) in [
        ("seed article (14 blocks)", SEED.to_owned()),
        ("long article (560 blocks)", long_article()),
    ] {
        let (base, reader) = compare(
            200,
            || {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(&doc)).unwrap());
            },
            || {
                black_box(parse_article(black_box(&doc)).unwrap());
            },
        );
        report(&format!("parse: {name}"), base, reader);
    }
    let tree = cms_tree();
    let (base, reader) = compare(
        200,
        || {
            black_box(black_box(&tree).clone());
        },
        || {
            black_box(import(black_box(&tree)));
        },
    );
    report("import: 300-paragraph CMS body", base, reader);
}
