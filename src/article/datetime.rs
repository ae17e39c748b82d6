//! Publication dates: strict ISO 8601 parsing and the display the seed site uses.
//!
//! The page shows a date-time as the newsroom wrote it (`2020-07-01 10:14:37`), in the
//! article's own offset rather than the reader's time zone: a Lhasa newspaper's 10:14 stays 10:14
//! for a reader in Paris, as it does on the original page. So no time-zone arithmetic happens,
//! and no date crate is needed; the parser only checks that the text is a real instant.

use std::fmt;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    /// Four-digit year.
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to the month's length.
    pub day: u8,
}

/// A wall-clock time of day with its UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time {
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 60 (a leap second); `None` when the source gave minutes only.
    pub second: Option<u8>,
    /// Offset from UTC in minutes (`+08:00` is 480; `Z` is 0).
    pub offset_minutes: i16,
}

/// A parsed `datePublished`: a date, and a time unless the source gave a date alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    /// The calendar date.
    pub date: Date,
    /// The time, when given.
    pub time: Option<Time>,
}

/// Why a date string was refused; the text says what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const EXPECTED: &str =
    "expected an ISO 8601 date-time with an offset, like 2020-07-01T10:14:37+08:00";

impl DateTime {
    /// Parses a full date-time with seconds optional and an offset required
    /// (`2020-07-01T10:14:37+08:00`, `2020-07-01T02:14Z`, fractions of a second allowed).
    pub fn parse_instant(text: &str) -> Result<DateTime, DateError> {
        let parsed = Self::parse_lenient(text)?;
        if parsed.time.is_none() {
            return Err(DateError(format!("{EXPECTED}; got a date without a time")));
        }
        Ok(parsed)
    }

    /// Parses either a date (`2020-07-01`) or a full date-time as [`DateTime::parse_instant`]
    /// accepts; used where a day is precise enough, such as related-reading items.
    pub fn parse_lenient(text: &str) -> Result<DateTime, DateError> {
        let bad = |why: &str| DateError(format!("{EXPECTED}; {why}"));
        let bytes = text.as_bytes();
        if bytes.len() < 10 {
            return Err(bad("too short"));
        }
        let date = parse_date(bytes.get(..10).unwrap_or_default())
            .ok_or_else(|| bad("the date part is not a real YYYY-MM-DD date"))?;
        let rest = bytes.get(10..).unwrap_or_default();
        if rest.is_empty() {
            return Ok(DateTime { date, time: None });
        }
        let rest = match rest.first() {
            Some(b'T') | Some(b't') | Some(b' ') => rest.get(1..).unwrap_or_default(),
            _ => return Err(bad("a 'T' must separate the date and the time")),
        };
        let time = parse_time(rest).ok_or_else(|| bad("the time or offset part is malformed"))?;
        Ok(DateTime {
            date,
            time: Some(time),
        })
    }

    /// The canonical ISO 8601 form for `<time datetime>`: `2020-07-01T10:14:37+08:00`
    /// (`Z` for UTC; seconds only when given; fractions dropped), whatever spelling the source
    /// used (`t`, a space, `z`).
    pub fn to_iso(&self) -> String {
        let Some(time) = self.time else {
            return self.display_date();
        };
        let seconds = time.second.map(|s| format!(":{s:02}")).unwrap_or_default();
        let offset = if time.offset_minutes == 0 {
            "Z".to_owned()
        } else {
            let sign = if time.offset_minutes < 0 { '-' } else { '+' };
            let m = time.offset_minutes.unsigned_abs();
            format!("{sign}{:02}:{:02}", m / 60, m % 60)
        };
        format!(
            "{}T{:02}:{:02}{seconds}{offset}",
            self.display_date(),
            time.hour,
            time.minute
        )
    }

    /// The date as the page shows it: `2020-07-01`.
    pub fn display_date(&self) -> String {
        let Date { year, month, day } = self.date;
        format!("{year:04}-{month:02}-{day:02}")
    }

    /// The date-time as the seed page shows it: `2020-07-01 10:14:37` (seconds only when
    /// given), in the article's own offset.
    pub fn display(&self) -> String {
        match self.time {
            None => self.display_date(),
            Some(Time {
                hour,
                minute,
                second: Some(second),
                ..
            }) => format!("{} {hour:02}:{minute:02}:{second:02}", self.display_date()),
            Some(Time { hour, minute, .. }) => {
                format!("{} {hour:02}:{minute:02}", self.display_date())
            }
        }
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0')),
    )
}

fn parse_date(b: &[u8]) -> Option<Date> {
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = digits(b.get(0..4)?)?;
    let month = digits(b.get(5..7)?)?;
    let day = digits(b.get(8..10)?)?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_len = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > month_len {
        return None;
    }
    Some(Date {
        year: u16::try_from(year).ok()?,
        month: u8::try_from(month).ok()?,
        day: u8::try_from(day).ok()?,
    })
}

/// Parses a UTC offset as `timeZone` gives it (`+08:00`, `-05:30`, `Z`) into minutes east of
/// UTC; `None` for anything else, time zone names included (there is no tz database in the
/// reader). Offsets go up to 14:59, as in date-times.
pub fn parse_offset(text: &str) -> Option<i16> {
    offset(text.as_bytes())
}

/// `Z` or `±HH:MM`, up to 14:59.
fn offset(b: &[u8]) -> Option<i16> {
    match b {
        [b'Z'] | [b'z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = digits(&[*h1, *h2])?;
            let m = digits(&[*m1, *m2])?;
            if h > 14 || m > 59 {
                return None;
            }
            let total = i16::try_from(h * 60 + m).ok()?;
            Some(if *sign == b'-' { -total } else { total })
        }
        _ => None,
    }
}

/// `HH:MM[:SS[.fff]](Z|±HH:MM)`.
fn parse_time(b: &[u8]) -> Option<Time> {
    let hour = digits(b.get(0..2)?)?;
    if b.get(2) != Some(&b':') {
        return None;
    }
    let minute = digits(b.get(3..5)?)?;
    let mut rest = b.get(5..)?;
    let mut second = None;
    if rest.first() == Some(&b':') {
        second = Some(digits(rest.get(1..3)?)?);
        rest = rest.get(3..)?;
        if rest.first() == Some(&b'.') {
            let fraction = rest
                .iter()
                .skip(1)
                .take_while(|b| b.is_ascii_digit())
                .count();
            if fraction == 0 {
                return None;
            }
            rest = rest.get(1 + fraction..)?;
        }
    }
    let offset_minutes = offset(rest)?;
    if hour > 23 || minute > 59 || second.is_some_and(|s| s > 60) {
        return None;
    }
    // A leap second only ever ends a UTC day (23:59:60Z), whatever the local offset.
    if second == Some(60) {
        let local = i32::try_from(hour * 60 + minute).ok()?;
        if (local - i32::from(offset_minutes)).rem_euclid(24 * 60) != 23 * 60 + 59 {
            return None;
        }
    }
    Some(Time {
        hour: u8::try_from(hour).ok()?,
        minute: u8::try_from(minute).ok()?,
        second: second.and_then(|s| u8::try_from(s).ok()),
        offset_minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_time_displays_as_the_site_shows_it() {
        let t = DateTime::parse_instant("2020-07-01T10:14:37+08:00").unwrap();
        assert_eq!(t.display(), "2020-07-01 10:14:37");
        assert_eq!(t.time.unwrap().offset_minutes, 480);
    }

    #[test]
    fn keeps_the_articles_own_offset() {
        let t = DateTime::parse_instant("2021-12-31T23:59:00-05:30").unwrap();
        assert_eq!(t.display(), "2021-12-31 23:59:00");
        assert_eq!(t.time.unwrap().offset_minutes, -330);
    }

    #[test]
    fn minutes_only_and_fractions() {
        assert_eq!(
            DateTime::parse_instant("2020-07-01T10:14Z")
                .unwrap()
                .display(),
            "2020-07-01 10:14"
        );
        assert_eq!(
            DateTime::parse_instant("2020-07-01T10:14:37.250+08:00")
                .unwrap()
                .display(),
            "2020-07-01 10:14:37"
        );
    }

    #[test]
    fn leap_seconds_end_a_utc_day_in_any_offset() {
        assert!(DateTime::parse_instant("2016-12-31T23:59:60Z").is_ok());
        assert!(DateTime::parse_instant("2017-01-01T07:59:60+08:00").is_ok());
        assert!(DateTime::parse_instant("2017-01-01T05:29:60+05:30").is_ok());
        assert!(DateTime::parse_instant("2017-01-01T07:58:60+08:00").is_err());
    }

    #[test]
    fn canonical_iso_for_the_time_element() {
        for (given, iso) in [
            ("2020-07-01T10:14:37+08:00", "2020-07-01T10:14:37+08:00"),
            ("2020-07-01t10:14:37.5z", "2020-07-01T10:14:37Z"),
            ("2020-07-01 10:14-05:30", "2020-07-01T10:14-05:30"),
            ("2020-07-01", "2020-07-01"),
        ] {
            assert_eq!(
                DateTime::parse_lenient(given).unwrap().to_iso(),
                iso,
                "{given}"
            );
        }
    }

    #[test]
    fn lenient_accepts_a_bare_date() {
        let d = DateTime::parse_lenient("2024-02-29").unwrap();
        assert_eq!(d.display(), "2024-02-29");
        assert!(DateTime::parse_instant("2024-02-29").is_err());
    }

    #[test]
    fn refuses_impossible_or_unzoned_times() {
        for bad in [
            "",
            "2020-07-01 10:14:37",
            "2020-07-01T10:14:37",
            "2020-02-30T10:00:00Z",
            "2023-02-29T10:00:00Z",
            "2020-13-01T10:00:00Z",
            "2020-07-01T24:00:00Z",
            "2020-07-01T10:60:00Z",
            "2020-07-01T10:14:37+8:00",
            "2020-07-01T10:14:37+15:00",
            "2020-07-01T10:14:37.+08:00",
            "２０２０-07-01T10:14:37Z",
            "2020/07/01T10:14:37Z",
            "2020-07-01T10:14:37+08:00 trailing",
            "2016-12-31T12:00:60Z",
        ] {
            assert!(
                DateTime::parse_instant(bad).is_err(),
                "{bad:?} was accepted"
            );
        }
    }
}
