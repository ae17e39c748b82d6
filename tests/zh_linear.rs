//! Linear work for 繁/简 conversion: each shape, built at a size `n` and at `2n`, must cost
//! about twice as much at `2n`. Work is counted two ways, both deterministic (see
//! `tests/linear.rs` for why not time): the dictionary probes the converter reports (key
//! comparisons and lookups), and the bytes allocated, through a counting global allocator.
//!
//! Linear work doubles: 2 plus a fixed overhead and the steps of amortised `String` growth,
//! inside `[1.5, 2.5]`; quadratic work (rescanning the rest of the text at each position, or
//! rebuilding the output per match) gives about 4. The shapes: real text (the seed article's
//! paragraphs, repeated); the character with the most phrases (一), repeated, so that every
//! position looks ahead as far as the table allows and matches nothing long; text with nothing
//! to convert, which must also allocate nothing; and parsing a table of `n` entries.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;
use std::sync::OnceLock;

use article_reader::zh_convert::Converter;

// ---------------------------------------------------------------------------------------------
// The counting allocator, as in tests/linear.rs.

/// Counts the bytes allocated (and reallocated) by the calling thread, around the system
/// allocator. Per thread, so tests running in parallel do not count each other.
struct Counting;

thread_local! {
    /// Bytes allocated. Const-initialised and without a destructor, so reading it never
    /// allocates (which would recurse into the allocator).
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn note(bytes: usize) {
    // `try_with` fails only while the thread is being torn down; nothing is measured then.
    let _ = BYTES.try_with(|counted| counted.set(counted.get() + bytes as u64));
}

// SAFETY: every call is passed on unchanged to `System`, which upholds the contract; the
// counting itself does not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: the caller's guarantees for `layout` are those `System.alloc` needs.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        // SAFETY: `ptr` was allocated by this allocator (hence by `System`) with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `realloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the bytes it allocated on this thread.
fn measure<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = BYTES.with(Cell::get);
    let out = f();
    (out, BYTES.with(Cell::get) - before)
}

const LOW: f64 = 1.5;
const HIGH: f64 = 2.5;

fn ratio(small: u64, large: u64) -> f64 {
    large as f64 / small.max(1) as f64
}

// ---------------------------------------------------------------------------------------------
// Conversion.

fn s2t() -> &'static Converter {
    static CONVERTER: OnceLock<Converter> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/zh/s2t.txt");
        let table = std::fs::read_to_string(path).expect("s2t.txt");
        Converter::from_tables(&[&table]).expect("s2t")
    })
}

/// Whether the shape has something to convert.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Converts {
    /// The output is a new string, which must grow linearly.
    Something,
    /// The input is lent back: no allocation at all.
    Nothing,
}

/// Converts the shape at `n` and `2n` and checks that probes (and bytes) double.
fn doubles(name: &str, n: usize, converts: Converts, build: impl Fn(usize) -> String) {
    let converter = s2t();
    let (small, large) = (build(n), build(2 * n));
    let ((_, small_probes), small_bytes) = measure(|| converter.convert_counting(&small));
    let ((_, large_probes), large_bytes) = measure(|| converter.convert_counting(&large));
    let probes = ratio(small_probes as u64, large_probes as u64);
    eprintln!(
        "{name}: n={n}: {small_probes} probes, {small_bytes} bytes; 2n: {large_probes} probes, {large_bytes} bytes"
    );
    assert!(
        (LOW..=HIGH).contains(&probes),
        "{name}: probes grew {probes:.2} times when the input doubled"
    );
    match converts {
        Converts::Something => {
            let bytes = ratio(small_bytes, large_bytes);
            assert!(
                (LOW..=HIGH).contains(&bytes),
                "{name}: bytes allocated grew {bytes:.2} times when the input doubled"
            );
        }
        Converts::Nothing => assert_eq!((small_bytes, large_bytes), (0, 0), "{name}"),
    }
}

/// The seed article's paragraphs, repeated to `n` paragraphs.
fn seed_text(n: usize) -> String {
    static PARAGRAPHS: OnceLock<Vec<String>> = OnceLock::new();
    let paragraphs = PARAGRAPHS.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/articles/seed.json");
        let seed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("seed")).expect("JSON");
        seed["body"]
            .as_array()
            .expect("body")
            .iter()
            .filter_map(|block| block["content"].as_str().map(str::to_owned))
            .collect()
    });
    paragraphs
        .iter()
        .cycle()
        .take(n)
        .map(String::as_str)
        .collect()
}

#[test]
fn real_text_converts_in_linear_work() {
    doubles("seed paragraphs", 40, Converts::Something, seed_text);
}

/// 一 starts more phrases than any other character, up to the longest key, so every position
/// looks ahead the whole bound and binary-searches the largest bucket at each length.
#[test]
fn the_widest_lookahead_at_every_position_is_linear() {
    doubles("一 repeated", 10_000, Converts::Something, |n| {
        // 一 alone converts to itself; 丝 after it makes some text change (一丝 → 一絲).
        "一一一丝".repeat(n / 4)
    });
}

#[test]
fn text_with_nothing_to_convert_allocates_nothing() {
    doubles("English", 10_000, Converts::Nothing, |n| {
        "The reader converts nothing here. ".repeat(n / 34)
    });
}

// ---------------------------------------------------------------------------------------------
// Parsing.

/// A table of `n` distinct two-character entries, sorted as the shipped tables are.
fn table(n: usize) -> String {
    let mut text = String::new();
    for index in 0..n {
        let first = char::from_u32(0x4E00 + (index / 400) as u32).expect("CJK");
        let second = char::from_u32(0x4E00 + (index % 400) as u32).expect("CJK");
        text.extend([first, second, '\t', second, first, '\n']);
    }
    text
}

#[test]
fn parsing_is_linear_in_the_table() {
    let n = 20_000;
    let (small, large) = (table(n), table(2 * n));
    let (_, small_bytes) = measure(|| Converter::from_tables(&[&small]).expect("table"));
    let (_, large_bytes) = measure(|| Converter::from_tables(&[&large]).expect("table"));
    let bytes = ratio(small_bytes, large_bytes);
    eprintln!("parse: n={n}: {small_bytes} bytes; 2n: {large_bytes} bytes");
    assert!(
        (LOW..=HIGH).contains(&bytes),
        "parsing allocated {bytes:.2} times as much when the table doubled"
    );
}
