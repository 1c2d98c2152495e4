//! Search over a large cell: 200 members × 2 years of a generated demo,
//! topped up with entries to 200,000 records of about 200 characters.
//!
//! Run with `cargo bench --bench search`. Targets: the index built in
//! ≤ 2 s; each keystroke of a 1–4 word query answered in ≤ 5 ms (median)
//! and ≤ 20 ms (worst); ≥ 4× faster than a linear scan over the records'
//! folded text, precomputed. Also prints the index's memory.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use sophandau::demo::{self, DemoSpec};
use sophandau::model::{Entry, EntryKind, Notebook};
use sophandau::search::{self, Filter, Index, fold, records};

const RECORDS: usize = 200_000;
const QUERIES: usize = 300;

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn count(notebooks: &[Notebook]) -> usize {
    notebooks
        .iter()
        .flat_map(|n| n.years.values())
        .map(|b| records(b).len())
        .sum()
}

/// The demo cell, with entries of ~200 characters mixed from its own
/// sentences added until it holds `RECORDS` records.
fn cell(rng: &mut Rng) -> Vec<Notebook> {
    let mut notebooks = demo::generate(DemoSpec {
        members: 200,
        years: 2,
        first_year: 2024,
        seed: 3,
    })
    .notebooks;
    let mut sentences: Vec<String> = Vec::new();
    for nb in &notebooks {
        for book in nb.years.values() {
            for r in records(book) {
                for f in r.fields {
                    sentences.extend(
                        f.split(['.', ';'])
                            .map(str::trim)
                            .filter(|s| s.len() > 20)
                            .map(str::to_owned),
                    );
                }
            }
        }
    }
    sentences.sort();
    sentences.dedup();
    let missing = RECORDS.saturating_sub(count(&notebooks));
    let books = notebooks.len() * 2;
    let mut added = 0;
    'fill: for nb in &mut notebooks {
        for (year, book) in nb.years.iter_mut() {
            let share = missing / books + 1;
            for _ in 0..share {
                if added == missing {
                    break 'fill;
                }
                let mut text = String::new();
                while text.chars().count() < 200 {
                    text.push_str(&sentences[rng.below(sentences.len())]);
                    text.push_str(". ");
                }
                let text: String = text.chars().take(200).collect();
                book.entries.push(Entry {
                    id: uuid::Uuid::from_u128(rng.below(usize::MAX) as u128),
                    date: jiff::civil::date(*year, 1 + rng.below(12) as i8, 1),
                    kind: EntryKind::Practice,
                    title: Default::default(),
                    text: text.into(),
                    commitments: Vec::new(),
                    revision: 0,
                });
                added += 1;
            }
        }
    }
    notebooks
}

/// The plain way: every record's folded words, precomputed, scanned.
fn linear_scan(docs: &[String], query: &str) -> usize {
    let words: Vec<String> = search::query_words(query)
        .into_iter()
        .map(|w| format!(" {}", w.folded))
        .collect();
    if words.is_empty() {
        return 0;
    }
    docs.iter()
        .filter(|d| words.iter().all(|w| d.contains(w.as_str())))
        .count()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let mut rng = Rng(5);
    let notebooks = cell(&mut rng);
    let total = count(&notebooks);
    let chars: usize = notebooks
        .iter()
        .flat_map(|n| n.years.values())
        .flat_map(records)
        .map(|r| r.fields.iter().map(|f| f.chars().count()).sum::<usize>())
        .sum();
    println!(
        "{total} records, {:.0} characters each on average",
        chars as f64 / total as f64
    );

    let t = Instant::now();
    let index = Index::build(notebooks.iter().map(|n| (n, 0)));
    let build = t.elapsed();
    println!(
        "index build                        {:>8.0} ms   memory {:.1} MB ({} records)",
        ms(build),
        index.memory() as f64 / 1e6,
        index.len()
    );

    // The same records' folded text, for the linear scan.
    let t = Instant::now();
    let mut docs = Vec::with_capacity(total);
    let mut vocabulary = Vec::new();
    for nb in &notebooks {
        for book in nb.years.values() {
            for r in records(book) {
                let mut doc = String::from(" ");
                for f in &r.fields {
                    for (_, w) in fold::words(f) {
                        doc.push_str(&fold(w));
                        doc.push(' ');
                        if vocabulary.len() < 200_000 {
                            vocabulary.push(w.to_lowercase());
                        }
                    }
                }
                docs.push(doc);
            }
        }
    }
    vocabulary.sort();
    vocabulary.dedup();
    let text_bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "folded text for the scan           {:>8.0} ms   {:.1} MB",
        ms(t.elapsed()),
        text_bytes as f64 / 1e6
    );

    // Queries of 1–4 words, some without marks, typed key by key: each
    // keystroke is one search.
    let mut keystrokes = Vec::new();
    for _ in 0..QUERIES {
        let n = 1 + rng.below(4);
        let words: Vec<String> = (0..n)
            .map(|_| {
                let w = &vocabulary[rng.below(vocabulary.len())];
                if rng.below(2) == 0 {
                    fold(w)
                } else {
                    w.clone()
                }
            })
            .collect();
        let query = words.join(" ");
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            keystrokes.push(typed.clone());
        }
    }
    let filter = Filter::default();
    let mut index_times = Vec::with_capacity(keystrokes.len());
    let mut hits = 0usize;
    for q in &keystrokes {
        let t = Instant::now();
        let found = index.search(q, &filter, 200);
        index_times.push(t.elapsed());
        hits += found.total;
    }
    let mut scan_times = Vec::with_capacity(keystrokes.len());
    let mut scan_hits = 0usize;
    for q in &keystrokes {
        let t = Instant::now();
        scan_hits += linear_scan(&docs, q);
        scan_times.push(t.elapsed());
    }
    assert_eq!(hits, scan_hits, "the index and the scan disagree");
    println!(
        "{} keystrokes of {QUERIES} queries, {:.0} hits a keystroke on average",
        keystrokes.len(),
        hits as f64 / keystrokes.len() as f64
    );
    let index_sum: Duration = index_times.iter().sum();
    let scan_sum: Duration = scan_times.iter().sum();
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    // The slowest keystrokes, to see what is left to gain.
    let mut slowest: Vec<(Duration, &String)> =
        index_times.iter().copied().zip(&keystrokes).collect();
    slowest.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
    for (t, q) in slowest.iter().take(3) {
        println!("  slow keystroke {:>8.3} ms  {q:?}", ms(*t));
    }
    let (mut a, mut b) = (index_times.clone(), scan_times.clone());
    let (im, sm) = (median(&mut a), median(&mut b));
    common::summary("index, per keystroke", index_times);
    common::summary("linear scan, per keystroke", scan_times);
    println!(
        "index vs scan: {:.0}× by median, {:.0}× in total",
        sm.as_secs_f64() / im.as_secs_f64(),
        scan_sum.as_secs_f64() / index_sum.as_secs_f64()
    );
}
