//! Publication dates: strict ISO 8601 parsing and the display the seed site uses.
//!
//! The page shows a date-time as the newsroom wrote it (`2020-07-01 10:14:37`), in the
//! article's own offset rather than the reader's time zone: a Lhasa newspaper's 10:14 stays 10:14
//! for a reader in Paris, as it does on the original page. So no time-zone arithmetic happens,
//! and no date crate is needed; the parser only checks that the text is a real date and time.
//!
//! Version 1 of the format requires an offset on `datePublished` ([`DateTime::parse_instant`]);
//! version 2 also takes the forms CMS pages really carry ([`DateTime::parse`]): an offset
//! without its colon (`+0800`), no offset at all (`2018-04-05T06:00`) and a date alone. The rule
//! for a date-time without an offset: it is wall-clock time in the article's `timeZone` (or the
//! reader's `timeZone` mount option) when one is given ([`DateTime::in_time_zone`]), and is
//! otherwise shown as written, as the site's own time. Either way the clock shown is the one
//! written; only the machine-readable `<time datetime>` value ([`DateTime::to_iso`]) differs: it
//! carries the offset when one is known and is a valid HTML "local date and time" without it.

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

/// A wall-clock time of day, with its UTC offset when known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time {
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 60 (a leap second); `None` when the source gave minutes only.
    pub second: Option<u8>,
    /// Offset from UTC in minutes (`+08:00` is 480; `Z` is 0); `None` when the source gave
    /// none (version 2): wall-clock time of an unknown zone, shown as written.
    pub offset_minutes: Option<i16>,
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

const EXPECTED_V2: &str = "expected an ISO 8601 date (2020-09-21) or date-time, like 2020-07-01T10:14:37+08:00, 2020-07-01T10:14:37+0800 or 2018-04-05T06:00";

/// Which forms a parse accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Forms {
    /// Version 1: a date, or a date-time with a `±HH:MM` or `Z` offset.
    Version1,
    /// Version 2: also `±HHMM` offsets and date-times without an offset.
    Version2,
}

impl DateTime {
    /// Parses a full date-time with seconds optional and an offset required
    /// (`2020-07-01T10:14:37+08:00`, `2020-07-01T02:14Z`, fractions of a second allowed): what
    /// version 1 takes in `datePublished`.
    pub fn parse_instant(text: &str) -> Result<DateTime, DateError> {
        let parsed = Self::parse_lenient(text)?;
        if parsed.time.is_none() {
            return Err(DateError(format!("{EXPECTED}; got a date without a time")));
        }
        Ok(parsed)
    }

    /// Parses either a date (`2020-07-01`) or a full date-time as [`DateTime::parse_instant`]
    /// accepts; used where a day is precise enough, such as version 1's related-reading items.
    pub fn parse_lenient(text: &str) -> Result<DateTime, DateError> {
        parse_in(text, Forms::Version1)
    }

    /// Parses every form version 2 takes: a date (`2020-09-21`), or a date-time with seconds and
    /// fractions optional and the offset written `+08:00`, `+0800`, `Z` or not at all
    /// (`2018-04-05T06:00`). Without an offset a leap second (`:60`) is refused, since nothing
    /// says whether it ends a UTC day.
    pub fn parse(text: &str) -> Result<DateTime, DateError> {
        parse_in(text, Forms::Version2)
    }

    /// This date-time with `zone` (an offset as `timeZone` gives it: `+08:00`, `-05:00`, `Z`)
    /// as its offset when it has none: the same wall-clock time, now placed in time. A date
    /// alone, a date-time with its own offset, and an unreadable `zone` leave it unchanged.
    pub fn in_time_zone(self, zone: &str) -> DateTime {
        match (self.time, parse_offset(zone)) {
            (
                Some(
                    time @ Time {
                        offset_minutes: None,
                        ..
                    },
                ),
                Some(offset),
            ) => DateTime {
                time: Some(Time {
                    offset_minutes: Some(offset),
                    ..time
                }),
                ..self
            },
            _ => self,
        }
    }

    /// The canonical ISO 8601 form for `<time datetime>`: `2020-07-01T10:14:37+08:00`
    /// (`Z` for UTC; seconds only when given; fractions dropped), whatever spelling the source
    /// used (`t`, a space, `z`, `+0800`). Without a known offset it is `2018-04-05T06:00`, a
    /// valid HTML "local date and time" string; a date alone is `2020-09-21`.
    pub fn to_iso(&self) -> String {
        let Some(time) = self.time else {
            return self.display_date();
        };
        let seconds = time.second.map(|s| format!(":{s:02}")).unwrap_or_default();
        let offset = match time.offset_minutes {
            None => String::new(),
            Some(0) => "Z".to_owned(),
            Some(minutes) => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let m = minutes.unsigned_abs();
                format!("{sign}{:02}:{:02}", m / 60, m % 60)
            }
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

/// A date, or a date and a time, in the forms `forms` allows.
fn parse_in(text: &str, forms: Forms) -> Result<DateTime, DateError> {
    let expected = match forms {
        Forms::Version1 => EXPECTED,
        Forms::Version2 => EXPECTED_V2,
    };
    let bad = |why: &str| DateError(format!("{expected}; {why}"));
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
    let time =
        parse_time(rest, forms).ok_or_else(|| bad("the time or offset part is malformed"))?;
    Ok(DateTime {
        date,
        time: Some(time),
    })
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
    offset(text.as_bytes(), Forms::Version1)
}

/// `Z` or `±HH:MM` (and in version 2 `±HHMM`), up to 14:59.
fn offset(b: &[u8], forms: Forms) -> Option<i16> {
    match (b, forms) {
        ([b'Z'] | [b'z'], _) => Some(0),
        ([sign, h1, h2, m1, m2], Forms::Version2) => {
            offset(&[*sign, *h1, *h2, b':', *m1, *m2], forms)
        }
        ([sign @ (b'+' | b'-'), h1, h2, b':', m1, m2], _) => {
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

/// `HH:MM[:SS[.fff]](Z|±HH:MM)`; in version 2 also `±HHMM` or no offset.
fn parse_time(b: &[u8], forms: Forms) -> Option<Time> {
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
    let offset_minutes = match (rest, forms) {
        ([], Forms::Version2) => None,
        _ => Some(offset(rest, forms)?),
    };
    if hour > 23 || minute > 59 || second.is_some_and(|s| s > 60) {
        return None;
    }
    // A leap second only ever ends a UTC day (23:59:60Z), whatever the local offset; without
    // an offset nothing says it does.
    if second == Some(60) {
        let local = i32::try_from(hour * 60 + minute).ok()?;
        let offset = i32::from(offset_minutes?);
        if (local - offset).rem_euclid(24 * 60) != 23 * 60 + 59 {
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
        assert_eq!(t.time.unwrap().offset_minutes, Some(480));
    }

    #[test]
    fn keeps_the_articles_own_offset() {
        let t = DateTime::parse_instant("2021-12-31T23:59:00-05:30").unwrap();
        assert_eq!(t.display(), "2021-12-31 23:59:00");
        assert_eq!(t.time.unwrap().offset_minutes, Some(-330));
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

    #[test]
    fn version_2_forms_and_their_time_element_values() {
        for (given, shown, iso) in [
            // As in version 1.
            (
                "2020-07-01T10:14:37+08:00",
                "2020-07-01 10:14:37",
                "2020-07-01T10:14:37+08:00",
            ),
            (
                "2020-07-01T10:14:37Z",
                "2020-07-01 10:14:37",
                "2020-07-01T10:14:37Z",
            ),
            // An offset without its colon.
            (
                "2020-07-01T10:14:37+0800",
                "2020-07-01 10:14:37",
                "2020-07-01T10:14:37+08:00",
            ),
            (
                "2020-07-01T10:14-0530",
                "2020-07-01 10:14",
                "2020-07-01T10:14-05:30",
            ),
            (
                "2020-07-01T10:14:37+0000",
                "2020-07-01 10:14:37",
                "2020-07-01T10:14:37Z",
            ),
            // No offset: a local date and time, with or without seconds.
            ("2018-04-05T06:00", "2018-04-05 06:00", "2018-04-05T06:00"),
            (
                "2018-04-05T06:00:00",
                "2018-04-05 06:00:00",
                "2018-04-05T06:00:00",
            ),
            (
                "2018-04-05 06:00:00.5",
                "2018-04-05 06:00:00",
                "2018-04-05T06:00:00",
            ),
            // A date alone.
            ("2020-09-21", "2020-09-21", "2020-09-21"),
        ] {
            let parsed = DateTime::parse(given).unwrap();
            assert_eq!(parsed.display(), shown, "{given}");
            assert_eq!(parsed.to_iso(), iso, "{given}");
        }
    }

    #[test]
    fn version_2_still_refuses_what_is_not_a_date() {
        for bad in [
            "2020-02-30",
            "2020-07-01T",
            "2020-07-01T10",
            "2020-07-01T10:14:37+080",
            "2020-07-01T10:14:37+08",
            "2020-07-01T10:14:37+1500",
            "2020-07-01T10:14:37 +08:00",
            "2020-07-01T10:14:37*0800",
            "2020-07-01T24:00",
            // Without an offset nothing says a leap second ends a UTC day.
            "2016-12-31T23:59:60",
            "2020-07-01 trailing",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(DateTime::parse("2016-12-31T23:59:60Z").is_ok());
        assert!(DateTime::parse("2017-01-01T07:59:60+0800").is_ok());
    }

    #[test]
    fn version_1_forms_stay_as_they_were() {
        for v2_only in [
            "2020-07-01T10:14:37+0800",
            "2018-04-05T06:00",
            "2018-04-05T06:00:00",
        ] {
            assert!(DateTime::parse_lenient(v2_only).is_err(), "{v2_only}");
            assert!(DateTime::parse_instant(v2_only).is_err(), "{v2_only}");
        }
        assert_eq!(
            DateTime::parse_instant("2018-04-05T06:00").unwrap_err().0,
            "expected an ISO 8601 date-time with an offset, like 2020-07-01T10:14:37+08:00; the time or offset part is malformed"
        );
        assert_eq!(
            DateTime::parse("2018-04-05T06").unwrap_err().0,
            "expected an ISO 8601 date (2020-09-21) or date-time, like 2020-07-01T10:14:37+08:00, 2020-07-01T10:14:37+0800 or 2018-04-05T06:00; the time or offset part is malformed"
        );
    }

    #[test]
    fn a_time_zone_places_a_wall_clock_time_without_moving_it() {
        let local = DateTime::parse("2018-04-05T06:00").unwrap();
        for (zone, iso) in [
            ("+08:00", "2018-04-05T06:00+08:00"),
            ("-05:00", "2018-04-05T06:00-05:00"),
            ("Z", "2018-04-05T06:00Z"),
            // Not an offset: the time stays as written.
            ("Asia/Shanghai", "2018-04-05T06:00"),
            ("+0800", "2018-04-05T06:00"),
        ] {
            let zoned = local.in_time_zone(zone);
            assert_eq!(zoned.to_iso(), iso, "{zone}");
            assert_eq!(zoned.display(), "2018-04-05 06:00", "{zone}");
        }
        // A time with its own offset keeps it; a date alone has no time to place.
        assert_eq!(
            DateTime::parse("2020-07-01T10:14:37-05:00")
                .unwrap()
                .in_time_zone("+08:00")
                .to_iso(),
            "2020-07-01T10:14:37-05:00"
        );
        assert_eq!(
            DateTime::parse("2020-09-21")
                .unwrap()
                .in_time_zone("+08:00")
                .to_iso(),
            "2020-09-21"
        );
    }

    #[test]
    fn time_zones_are_offsets() {
        for (zone, minutes) in [
            ("+08:00", Some(480)),
            ("-05:30", Some(-330)),
            ("Z", Some(0)),
            ("z", Some(0)),
            ("+14:59", Some(899)),
            ("+15:00", None),
            ("+0800", None),
            ("08:00", None),
            ("UTC", None),
            ("Asia/Shanghai", None),
            ("", None),
        ] {
            assert_eq!(parse_offset(zone), minutes, "{zone:?}");
        }
    }
}
