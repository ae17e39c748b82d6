//! 繁/简: phrase-level conversion between Simplified and Traditional Chinese, and to and from
//! the Taiwan and Hong Kong standards' character forms, with OpenCC's dictionaries.
//!
//! The dictionaries are not compiled in: `scripts/zh-data.mjs` turns OpenCC's text
//! dictionaries into the tables in `static/zh/`, which [`load`] fetches only when a reader asks
//! for a conversion, so the base Wasm carries the engine (a few KiB) and none of the data.
//! `docs/zh-convert.md` gives the format, the sizes and why no conversion crate is used.
//!
//! A [`Converter`] is a chain of tables (one for Simplified to Traditional; two for Simplified
//! to Taiwan Traditional: the Traditional table, then the Taiwan variants). Each table converts
//! the way OpenCC does: at each position the longest key that starts there wins (a phrase
//! before its characters, so 头发 becomes 頭髮 although 发 alone becomes 發), its value is
//! written and the scan moves past the key; where no key starts, the character is kept. The
//! lookahead is bounded by the table's longest key, so the work is linear in the text.
//!
//! Conversion is per string, so a caller converts an article run by run (each text run of a
//! paragraph, link or emphasis separately) and keeps the structure. The price is that a phrase
//! split across two runs (`头<em>发</em>`) is converted character by character.
//!
//! Everything here but [`load`] is pure and tested by plain `cargo test`.

use std::borrow::Cow;
use std::fmt;

/// The largest table text accepted, in bytes. The largest shipped table, `s2t.txt`, is
/// 680,569 B; three times that leaves room for OpenCC's dictionary to grow while refusing a
/// response that is plainly not one of these tables.
pub const MAX_TABLE_BYTES: usize = 2 * 1024 * 1024;

/// The most entries one table may hold: `s2t.txt` has 53,739. Each entry costs 16 bytes of
/// index besides its text.
pub const MAX_ENTRIES: usize = 150_000;

/// The longest key, in characters (Unicode scalar values). OpenCC's longest keys are 15
/// characters (regional phrases, which `s2t.txt` carries in Simplified form). This bounds the
/// lookahead at each position of the text.
pub const MAX_KEY_CHARS: usize = 16;

/// The longest value, in characters. OpenCC's values are as long as their keys or nearly so.
pub const MAX_VALUE_CHARS: usize = 32;

/// How many lines of one table may be ignored (malformed, or out of order) before the whole
/// table is refused. A few bad lines in a maintained dictionary are skipped; a response that is
/// mostly not `key<TAB>value` lines (an HTML error page served with status 200, say) is refused
/// instead of becoming a converter that silently converts nothing.
pub const MAX_IGNORED_LINES: usize = 64;

/// The most tables one converter chains. OpenCC's longest chain is two.
pub const MAX_TABLES: usize = 4;

/// Why a set of tables could not become a [`Converter`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DictError {
    /// No table was given.
    NoTables,
    /// More than [`MAX_TABLES`] tables were given.
    TooManyTables {
        /// How many were given.
        tables: usize,
    },
    /// A table's text is longer than [`MAX_TABLE_BYTES`].
    TooLarge {
        /// Which table (0-based, in the order given).
        table: usize,
        /// Its length in bytes.
        bytes: usize,
    },
    /// A table has more than [`MAX_ENTRIES`] entries.
    TooManyEntries {
        /// Which table.
        table: usize,
    },
    /// More than [`MAX_IGNORED_LINES`] lines of a table were malformed or out of order.
    TooManyIgnoredLines {
        /// Which table.
        table: usize,
        /// The 1-based number of the first ignored line.
        first: usize,
    },
    /// A table has no entries at all.
    Empty {
        /// Which table.
        table: usize,
    },
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoTables => write!(f, "no conversion table was given"),
            Self::TooManyTables { tables } => {
                write!(f, "{tables} conversion tables, more than {MAX_TABLES}")
            }
            Self::TooLarge { table, bytes } => write!(
                f,
                "conversion table {table} is {bytes} bytes, more than {MAX_TABLE_BYTES}"
            ),
            Self::TooManyEntries { table } => write!(
                f,
                "conversion table {table} has more than {MAX_ENTRIES} entries"
            ),
            Self::TooManyIgnoredLines { table, first } => write!(
                f,
                "conversion table {table} has more than {MAX_IGNORED_LINES} unusable lines, the first on line {first}"
            ),
            Self::Empty { table } => write!(f, "conversion table {table} has no entries"),
        }
    }
}

impl std::error::Error for DictError {}

/// The conversions the shipped tables make, each a chain of files in `static/zh/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conversion {
    /// Simplified to Traditional Chinese (OpenCC's standard forms): OpenCC's `s2t`.
    SimplifiedToTraditional,
    /// Simplified to Traditional Chinese with Taiwan's standard character forms: `s2tw`.
    SimplifiedToTaiwan,
    /// Simplified to Traditional Chinese with Hong Kong's standard character forms: `s2hk`.
    SimplifiedToHongKong,
    /// Traditional (OpenCC's standard forms) to Simplified Chinese: `t2s`.
    TraditionalToSimplified,
    /// Taiwan Traditional to Simplified Chinese: `tw2s`.
    TaiwanToSimplified,
    /// Hong Kong Traditional to Simplified Chinese: `hk2s`.
    HongKongToSimplified,
}

impl Conversion {
    /// Every conversion, for tests and settings lists.
    pub const ALL: [Conversion; 6] = [
        Self::SimplifiedToTraditional,
        Self::SimplifiedToTaiwan,
        Self::SimplifiedToHongKong,
        Self::TraditionalToSimplified,
        Self::TaiwanToSimplified,
        Self::HongKongToSimplified,
    ];

    /// The table files to chain, in order, as named in `static/zh/`.
    pub const fn files(self) -> &'static [&'static str] {
        match self {
            Self::SimplifiedToTraditional => &["s2t.txt"],
            Self::SimplifiedToTaiwan => &["s2t.txt", "t2tw.txt"],
            Self::SimplifiedToHongKong => &["s2t.txt", "t2hk.txt"],
            Self::TraditionalToSimplified => &["t2s.txt"],
            Self::TaiwanToSimplified => &["tw2t.txt", "t2s.txt"],
            Self::HongKongToSimplified => &["hk2t.txt", "t2s.txt"],
        }
    }

    /// The BCP 47 language tag of the converted text, for the `lang` attribute of what it is
    /// written into (so that fonts and screen readers follow the script).
    pub const fn target_lang(self) -> &'static str {
        match self {
            Self::SimplifiedToTraditional => "zh-Hant",
            Self::SimplifiedToTaiwan => "zh-Hant-TW",
            Self::SimplifiedToHongKong => "zh-Hant-HK",
            Self::TraditionalToSimplified
            | Self::TaiwanToSimplified
            | Self::HongKongToSimplified => "zh-Hans",
        }
    }
}

/// A byte range of a table's text. Tables are at most [`MAX_TABLE_BYTES`] long, so `u32`
/// offsets suffice and halve the index.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span of `len` bytes at `start`, or `None` past `u32` (never, within the size limit).
    fn new(start: usize, len: usize) -> Option<Self> {
        let end = start.checked_add(len)?;
        Some(Self {
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        })
    }

    fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// One `key<TAB>value` line. An empty value means the key converted character by character,
/// with the table's own single-character entries (see `scripts/zh-data.mjs` for why the data
/// stores phrases that way).
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Span,
    value: Span,
}

/// The entries whose keys start with one character: a contiguous range of the sorted entries,
/// and the longest key among them, which bounds the lookahead there.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    start: u32,
    end: u32,
    max_chars: u8,
}

/// One parsed table: its text, kept whole so entries are spans of it rather than a string
/// each, the entries sorted by key, and the buckets sorted by first character (a sorted list
/// searched by halves rather than a hash map, whose hashing code would cost the Wasm more).
#[derive(Debug)]
struct Table {
    text: Box<str>,
    entries: Box<[Entry]>,
    buckets: Box<[(char, Bucket)]>,
    ignored: usize,
    max_key_chars: usize,
}

impl Table {
    fn parse(source: &str, table: usize) -> Result<Self, DictError> {
        if source.len() > MAX_TABLE_BYTES {
            return Err(DictError::TooLarge {
                table,
                bytes: source.len(),
            });
        }
        let text: Box<str> = source.into();
        let mut entries = Vec::new();
        let mut ignored = 0usize;
        let mut first_ignored = None;
        let mut offset = 0usize;
        for (number, line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let body = line.strip_suffix('\n').unwrap_or(line);
            let body = body.strip_suffix('\r').unwrap_or(body);
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            // Keys must come in increasing order (code point order, as `str` compares), which
            // lets loading skip a sort and its code: a line whose key is not greater than the
            // previous one (a repeated key, whose first line wins as in OpenCC, or a line out
            // of order) is ignored like a malformed one.
            let previous = entries.last().map(|entry: &Entry| slice(&text, entry.key));
            let entry = parse_line(body, start)
                .filter(|entry| previous.is_none_or(|previous| previous < slice(&text, entry.key)));
            match entry {
                Some(entry) => {
                    if entries.len() == MAX_ENTRIES {
                        return Err(DictError::TooManyEntries { table });
                    }
                    entries.push(entry);
                }
                None => {
                    ignored += 1;
                    if ignored > MAX_IGNORED_LINES {
                        return Err(DictError::TooManyIgnoredLines {
                            table,
                            first: first_ignored.unwrap_or(number + 1),
                        });
                    }
                    first_ignored = first_ignored.or(Some(number + 1));
                }
            }
        }
        if entries.is_empty() {
            return Err(DictError::Empty { table });
        }
        let (buckets, max_key_chars) = bucket(&text, &entries);
        Ok(Self {
            text,
            entries: entries.into_boxed_slice(),
            buckets,
            ignored,
            max_key_chars,
        })
    }

    fn str(&self, span: Span) -> &str {
        slice(&self.text, span)
    }

    /// The bucket of keys starting with `c`.
    fn bucket(&self, c: char, probes: &mut usize) -> Option<&Bucket> {
        let index = self
            .buckets
            .binary_search_by(|(first, _)| {
                *probes += 1;
                first.cmp(&c)
            })
            .ok()?;
        self.buckets.get(index).map(|(_, bucket)| bucket)
    }

    /// The longest entry whose key starts `rest`, and the key's length in bytes. `probes`
    /// counts the key comparisons, the unit of work the linearity test measures.
    fn longest_match(&self, rest: &str, probes: &mut usize) -> Option<(usize, Entry)> {
        let first = rest.chars().next()?;
        let bucket = self.bucket(first, probes)?;
        let entries = self
            .entries
            .get(usize::try_from(bucket.start).ok()?..usize::try_from(bucket.end).ok()?)?;
        // The byte ends of the first 1..=max_chars characters, on the stack.
        let mut ends = [0usize; MAX_KEY_CHARS];
        let mut count = 0;
        for (slot, (at, c)) in ends
            .iter_mut()
            .zip(rest.char_indices())
            .take(usize::from(bucket.max_chars))
        {
            *slot = at + c.len_utf8();
            count += 1;
        }
        for &end in ends.iter().take(count).rev() {
            let candidate = rest.get(..end)?;
            let found = entries.binary_search_by(|entry| {
                *probes += 1;
                self.str(entry.key).cmp(candidate)
            });
            if let Ok(index) = found {
                return entries.get(index).map(|entry| (end, *entry));
            }
        }
        None
    }

    /// The value of the single-character key `c`, if the table has one. Keys are sorted, so
    /// the character alone is the first key of its bucket.
    fn char_value(&self, c: char, probes: &mut usize) -> Option<&str> {
        let bucket = self.bucket(c, probes)?;
        let entry = self.entries.get(usize::try_from(bucket.start).ok()?)?;
        let key = self.str(entry.key);
        (key.len() == c.len_utf8()).then(|| self.str(entry.value))
    }

    fn convert<'a>(&self, text: &'a str, probes: &mut usize) -> Cow<'a, str> {
        let mut out = Output::new(text);
        let mut pos = 0;
        while let Some(rest) = text.get(pos..).filter(|rest| !rest.is_empty()) {
            match self.longest_match(rest, probes) {
                Some((len, entry)) if entry.value.is_empty() => {
                    // Parsing refuses an empty value on a single-character key, so every
                    // character here has either its own value or none; no recursion.
                    for (at, c) in self.str(entry.key).char_indices() {
                        if let Some(value) = self.char_value(c, probes) {
                            out.replace(pos + at, pos + at + c.len_utf8(), value);
                        }
                    }
                    pos += len;
                }
                Some((len, entry)) => {
                    out.replace(pos, pos + len, self.str(entry.value));
                    pos += len;
                }
                None => pos += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
        out.finish()
    }
}

/// The text of `span`, empty if it is not one (it always is: spans are made from the text).
fn slice(text: &str, span: Span) -> &str {
    let range = usize::try_from(span.start).unwrap_or(usize::MAX)
        ..usize::try_from(span.end).unwrap_or(usize::MAX);
    text.get(range).unwrap_or("")
}

/// Parses one non-comment line at byte `start` of the table: `key<TAB>value`, or OpenCC's
/// `key<TAB>value value…`, of which the first value is kept, as OpenCC converts with it.
fn parse_line(line: &str, start: usize) -> Option<Entry> {
    let (key, values) = line.split_once('\t')?;
    let value = values.split(' ').next().unwrap_or("");
    let key_chars = key.chars().count();
    let acceptable = key_chars > 0
        && key_chars <= MAX_KEY_CHARS
        && value.chars().count() <= MAX_VALUE_CHARS
        && !key.contains(' ')
        // An empty value stands for the key converted character by character, which means
        // nothing for a single character, and must be the whole rest of the line.
        && (!value.is_empty() || (key_chars > 1 && values.is_empty()));
    if !acceptable {
        return None;
    }
    Some(Entry {
        key: Span::new(start, key.len())?,
        value: Span::new(start + key.len() + 1, value.len())?,
    })
}

/// Groups the sorted entries by first character, and finds the longest key. Sorted keys have
/// sorted first characters, so the buckets come out sorted too.
fn bucket(text: &str, entries: &[Entry]) -> (Box<[(char, Bucket)]>, usize) {
    let mut buckets: Vec<(char, Bucket)> = Vec::new();
    let mut longest = 0;
    for (index, entry) in entries.iter().enumerate() {
        let key = slice(text, entry.key);
        let Some(first) = key.chars().next() else {
            continue;
        };
        let chars = key.chars().count();
        longest = longest.max(chars);
        // Keys are at most MAX_KEY_CHARS (16) long and tables at most MAX_ENTRIES long, so
        // neither conversion can fail; saturating keeps that without a panic path.
        let chars = u8::try_from(chars).unwrap_or(u8::MAX);
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        match buckets.last_mut() {
            Some((last, bucket)) if *last == first => {
                bucket.end = index.saturating_add(1);
                bucket.max_chars = bucket.max_chars.max(chars);
            }
            _ => buckets.push((
                first,
                Bucket {
                    start: index,
                    end: index.saturating_add(1),
                    max_chars: chars,
                },
            )),
        }
    }
    (buckets.into_boxed_slice(), longest)
}

/// The converted text, built only once something changes: until then the input is borrowed,
/// and a text with nothing to convert (English, or already in the target script) costs no
/// allocation.
struct Output<'a> {
    text: &'a str,
    out: Option<String>,
    /// How much of `text` is accounted for: copied into `out`, or replaced.
    copied: usize,
}

impl<'a> Output<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            out: None,
            copied: 0,
        }
    }

    /// Writes `with` in place of `text[start..end]`; nothing if they are equal.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        let text = self.text;
        if text.get(start..end) == Some(with) {
            return;
        }
        // Simplified and Traditional characters are almost all 3 bytes in UTF-8, so the
        // input's length is nearly always the output's, and one allocation holds it.
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(text.get(self.copied..start).unwrap_or(""));
        out.push_str(with);
        self.copied = end;
    }

    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.text),
            Some(mut out) => {
                out.push_str(self.text.get(self.copied..).unwrap_or(""));
                Cow::Owned(out)
            }
        }
    }
}

/// A chain of conversion tables, applied in order.
#[derive(Debug)]
pub struct Converter {
    tables: Vec<Table>,
}

impl Converter {
    /// Parses each table's text (`key<TAB>value` lines, `#` comments; see
    /// `docs/zh-convert.md`) into a converter that applies them in the order given.
    ///
    /// Keys must come in increasing code point order (as `scripts/zh-data.mjs` writes them).
    /// Malformed lines (no tab, an empty or over-long key, an over-long value) and lines whose
    /// key is not greater than the previous one (repeated or out of order) are ignored and
    /// counted ([`Converter::ignored_lines`]), up to [`MAX_IGNORED_LINES`] per table; past
    /// that, or past any other limit, the tables are refused. Loading is linear in the text.
    pub fn from_tables(tables: &[&str]) -> Result<Self, DictError> {
        if tables.is_empty() {
            return Err(DictError::NoTables);
        }
        if tables.len() > MAX_TABLES {
            return Err(DictError::TooManyTables {
                tables: tables.len(),
            });
        }
        let tables = tables
            .iter()
            .enumerate()
            .map(|(index, text)| Table::parse(text, index))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { tables })
    }

    /// Converts `text`: borrowed back when nothing changes, else one new string per table
    /// that changes something.
    pub fn convert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.convert_counting(text).0
    }

    /// [`Converter::convert`], also returning the work done: key comparisons and lookups.
    /// For tests and benchmarks that check the work grows linearly with the text.
    pub fn convert_counting<'a>(&self, text: &'a str) -> (Cow<'a, str>, usize) {
        let mut probes = 0;
        let mut current = Cow::Borrowed(text);
        for table in &self.tables {
            let next = match table.convert(&current, &mut probes) {
                Cow::Borrowed(_) => None,
                Cow::Owned(converted) => Some(converted),
            };
            if let Some(converted) = next {
                current = Cow::Owned(converted);
            }
        }
        (current, probes)
    }

    /// How many lines of the tables were ignored as malformed or repeated.
    pub fn ignored_lines(&self) -> usize {
        self.tables.iter().map(|table| table.ignored).sum()
    }

    /// How many entries the tables hold together.
    pub fn entries(&self) -> usize {
        self.tables.iter().map(|table| table.entries.len()).sum()
    }

    /// The longest key of any table, in characters: the lookahead at each position.
    pub fn max_key_chars(&self) -> usize {
        self.tables
            .iter()
            .map(|table| table.max_key_chars)
            .max()
            .unwrap_or(0)
    }
}

/// Where the tables are, relative to the page, as the standalone build lays them out (Trunk
/// copies `static/` into the site).
pub const DEFAULT_BASE: &str = "static/zh/";

/// Why [`load`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The request for a table failed before a response (offline, refused, blocked).
    Network {
        /// The table's address.
        url: String,
        /// What the browser reported.
        detail: String,
    },
    /// The server answered a table's request with an error status.
    Http {
        /// The table's address.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The tables arrived but are not usable tables.
    Dict(DictError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network { url, detail } => write!(f, "could not fetch {url}: {detail}"),
            Self::Http { url, status } => write!(f, "fetching {url} answered {status}"),
            Self::Dict(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

/// Fetches the tables of `conversion` from `base` (a directory address ending in `/`,
/// resolved against the page, such as [`DEFAULT_BASE`]) and builds the converter. Called only
/// when a reader asks for a conversion; the caller keeps the converter for the page's life.
#[cfg(target_arch = "wasm32")]
pub async fn load(base: &str, conversion: Conversion) -> Result<Converter, LoadError> {
    let mut texts = Vec::with_capacity(conversion.files().len());
    for file in conversion.files() {
        let url = format!("{base}{file}");
        let response = gloo_net::http::Request::get(&url)
            .send()
            .await
            .map_err(|error| LoadError::Network {
                url: url.clone(),
                detail: error.to_string(),
            })?;
        if !response.ok() {
            return Err(LoadError::Http {
                url,
                status: response.status(),
            });
        }
        let text = response.text().await.map_err(|error| LoadError::Network {
            url: url.clone(),
            detail: error.to_string(),
        })?;
        texts.push(text);
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    Converter::from_tables(&texts).map_err(LoadError::Dict)
}
