//! QR codes of article addresses (pure): the module matrix of an address, and the outline of
//! its dark modules as SVG path data for `components::share` to draw.
//!
//! The encoding is done by the `qrcodegen` crate (Project Nayuki's reference-quality encoder,
//! MIT, no dependencies); measured against the release build, it added what the commit that
//! brought it in states. This module fixes the choices a reader's share panel needs: byte mode
//! (an address is UTF-8 text, percent-encoded or not, and every QR reader decodes byte mode),
//! error-correction level M (15 % of the code may be damaged or covered and it still scans; the
//! level phones' camera apps expect), the smallest version that fits, and no "boosting" of
//! the level, so the same address always gives the same code.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// The longest address, in UTF-8 bytes, that a QR code can hold at level M in byte mode: the
/// capacity of version 40-M (ISO/IEC 18004, table 7). A longer address gets a message instead
/// of a code. (An article address may be up to `limits.addressLength` characters, which can be
/// more than this.)
pub const MAX_BYTES: usize = 2331;

/// The width of the light margin around a code, in modules: the quiet zone the standard
/// requires so that a scanner can find the code's edges.
pub const QUIET_ZONE: usize = 4;

/// The dark and light modules of one QR code, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    size: usize,
    version: u8,
    dark: Vec<bool>,
}

/// Why an address has no QR code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrError {
    /// The address is longer than [`MAX_BYTES`]; `bytes` is its length in UTF-8 bytes.
    TooLong {
        /// The address's length in UTF-8 bytes.
        bytes: usize,
    },
}

impl QrMatrix {
    /// The code for `text` (an address), at level M in byte mode, in the smallest version that
    /// holds it.
    pub fn encode(text: &str) -> Result<QrMatrix, QrError> {
        let bytes = text.len();
        if bytes > MAX_BYTES {
            return Err(QrError::TooLong { bytes });
        }
        let segments = [QrSegment::make_bytes(text.as_bytes())];
        let code = QrCode::encode_segments_advanced(
            &segments,
            QrCodeEcc::Medium,
            Version::MIN,
            Version::MAX,
            None,
            false,
        )
        // Unreachable within MAX_BYTES, but the encoder's own verdict is the one that counts.
        .map_err(|_| QrError::TooLong { bytes })?;
        let size = usize::try_from(code.size()).unwrap_or_default();
        let dark = (0..code.size())
            .flat_map(|y| (0..code.size()).map(move |x| (x, y)))
            .map(|(x, y)| code.get_module(x, y))
            .collect();
        Ok(QrMatrix {
            size,
            version: code.version().value(),
            dark,
        })
    }

    /// The number of modules along each side (21 for version 1, 4 more per version), without
    /// the quiet zone.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The version (1 to 40).
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Whether the module at column `x`, row `y` is dark; outside the code (the quiet zone and
    /// beyond) every module is light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size
            && y < self.size
            && self
                .dark
                .get(y * self.size + x)
                .copied()
                .unwrap_or_default()
    }

    /// The number of modules along each side with the quiet zone on every side: the side of
    /// the square the SVG's `viewBox` spans.
    pub fn side_with_quiet_zone(&self) -> usize {
        self.size + 2 * QUIET_ZONE
    }

    /// SVG path data covering exactly the dark modules, in module units with the quiet zone
    /// included (the code starts at `QUIET_ZONE`, `QUIET_ZONE`). Each horizontal run of dark
    /// modules is one rectangle, which keeps the path short (a module per rectangle would be
    /// several times longer for a large code).
    pub fn svg_path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < self.size && self.is_dark(x, y) {
                    x += 1;
                }
                let run = x - start;
                d.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
            }
        }
        d
    }
}

// Native only: the decoder the tests read codes back with is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Reads `matrix` back with an independent decoder (the `rqrr` crate), from a greyscale
    /// picture drawn at 4 pixels per module with the quiet zone, as a camera would see it.
    fn decode(matrix: &QrMatrix) -> String {
        const SCALE: usize = 4;
        let side = matrix.side_with_quiet_zone() * SCALE;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = (x / SCALE, y / SCALE);
            let inside = |m: usize| m.checked_sub(QUIET_ZONE);
            match (inside(mx), inside(my)) {
                (Some(cx), Some(cy)) if matrix.is_dark(cx, cy) => 0,
                _ => 255,
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        let (meta, content) = grids[0].decode().expect("the code decodes");
        // Level M is 0b00 in the format information (ISO/IEC 18004, table 12).
        assert_eq!(meta.ecc_level, 0, "error-correction level M");
        assert_eq!(meta.version.0, usize::from(matrix.version()));
        content
    }

    /// An address of exactly `bytes` UTF-8 bytes (at least 11).
    fn address_of(bytes: usize) -> String {
        let stem = "http://a.b/";
        let mut address = String::from(stem);
        let mut i = 0u32;
        while address.len() < bytes {
            address.push(char::from(b'a' + (i % 26) as u8));
            i += 1;
        }
        assert_eq!(address.len(), bytes);
        address
    }

    #[test]
    fn short_addresses_decode_to_themselves() {
        for address in [
            "https://example.org/",
            "http://127.0.0.1:8080/?article=static/articles/seed.json",
            "https://news.example.cn/2020/07/01/t20200701_123456.html#top",
        ] {
            let matrix = QrMatrix::encode(address).unwrap();
            assert_eq!(decode(&matrix), address);
        }
    }

    #[test]
    fn a_chinese_address_decodes_percent_encoded_and_raw() {
        // 新闻/文章 as a browser's address bar copies it, and as UTF-8 text.
        let encoded = "https://example.cn/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html?t=%E4%B8%AD";
        let raw = "https://example.cn/新闻/文章.html?t=中";
        for address in [encoded, raw] {
            assert_eq!(decode(&QrMatrix::encode(address).unwrap()), address);
        }
    }

    #[test]
    fn the_version_is_the_smallest_that_holds_the_address() {
        // Byte-mode capacities at level M from ISO/IEC 18004 table 7: version 1 holds 14
        // bytes, version 2 holds 26, version 10 holds 213 and version 40 holds 2331.
        for (bytes, version) in [
            (14, 1),
            (15, 2),
            (26, 2),
            (27, 3),
            (213, 10),
            (214, 11),
            (2331, 40),
        ] {
            let matrix = QrMatrix::encode(&address_of(bytes)).unwrap();
            assert_eq!(matrix.version(), version, "{bytes} bytes");
            assert_eq!(matrix.size(), 17 + 4 * usize::from(version));
        }
    }

    #[test]
    fn addresses_up_to_the_maximum_decode_to_themselves() {
        for bytes in [100, 500, 1000, 2331] {
            let address = address_of(bytes);
            assert_eq!(decode(&QrMatrix::encode(&address).unwrap()), address);
        }
    }

    #[test]
    fn one_byte_more_than_the_maximum_is_refused() {
        assert_eq!(
            QrMatrix::encode(&address_of(2332)),
            Err(QrError::TooLong { bytes: 2332 })
        );
        // Counted in bytes, not characters: 中 is three bytes in UTF-8.
        let mut chinese = address_of(2329);
        chinese.push('中');
        assert_eq!(chinese.len(), 2332);
        assert_eq!(
            QrMatrix::encode(&chinese),
            Err(QrError::TooLong { bytes: 2332 })
        );
    }

    #[test]
    fn the_too_long_message_names_the_maximum() {
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            let message = lang.labels().share.qr_too_long;
            assert!(message.contains("2331"), "{message}");
        }
    }

    #[test]
    fn the_path_covers_exactly_the_dark_modules() {
        // Version 1 (21 × 21): the top-left finder's first row is 7 dark modules, then the
        // separator's light one, starting after the 4-module quiet zone.
        let matrix = QrMatrix::encode("https://a.b/").unwrap();
        assert_eq!(matrix.size(), 21);
        assert_eq!(matrix.side_with_quiet_zone(), 29);
        let path = matrix.svg_path();
        assert!(path.starts_with("M4 4h7v1h-7z"), "{path}");
        // Re-draw the path's rectangles and compare them with the matrix, module by module.
        let mut drawn = vec![false; 29 * 29];
        for rect in path.split('z').filter(|r| !r.is_empty()) {
            let (head, rest) = rect.trim_start_matches('M').split_once('h').unwrap();
            let (x, y) = head.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            for dx in 0..run {
                assert!(!drawn[y * 29 + x + dx], "each module is drawn once");
                drawn[y * 29 + x + dx] = true;
            }
        }
        for y in 0..29 {
            for x in 0..29 {
                let dark = x >= 4 && y >= 4 && matrix.is_dark(x - 4, y - 4);
                assert_eq!(drawn[y * 29 + x], dark, "module {x},{y}");
            }
        }
    }
}
