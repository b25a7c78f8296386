//! Simulated time: the durations authors write ("15m", "6h", "3d", "1d12h") and the
//! exercise clock that turns them into ticks and back into wall-clock date-times.
//!
//! Everything inside the simulation counts in whole ticks; minutes and date-times exist
//! only at the edges (scenario files, logs, reports), so arithmetic stays exact.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::lang::Lang;

/// The most ticks an exercise may have (its length divided by its tick). A run keeps a value per
/// measure per tick, so this bounds its memory and time; checked when a scenario is validated.
pub const MAX_TICKS: u32 = 100_000;

/// The last year an exercise may reach (date-times are kept to four-digit years).
pub const MAX_YEAR: i32 = 9999;

/// A length of simulated time, in whole minutes.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Minutes(pub u32);

/// Why a duration or date-time could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("empty duration")]
    Empty,
    #[error(
        "\"{0}\" is not a duration: write a number followed by d, h or m, e.g. \"15m\", \"6h\", \"1d12h\""
    )]
    BadDuration(String),
    #[error("duration \"{0}\" is too long (more than 8,000 years)")]
    TooLong(String),
    #[error(
        "\"{0}\" is not a date-time: write RFC 3339 with its UTC offset, e.g. \"2023-07-04T06:30:00+09:00\""
    )]
    BadDateTime(String),
}

impl Minutes {
    pub const ZERO: Minutes = Minutes(0);

    pub fn hours(h: u32) -> Self {
        Minutes(h * 60)
    }

    /// Parses "15m", "6h", "3d", "1d12h30m" (units d, h, m, in that order, each at most once).
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        let s = text.trim();
        if s.is_empty() {
            return Err(TimeError::Empty);
        }
        let bad = || TimeError::BadDuration(text.to_string());
        let mut total: u64 = 0;
        let mut number = String::new();
        let mut last_unit_rank = 0u8;
        for c in s.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let (rank, factor) = match c {
                'd' => (1, 24 * 60),
                'h' => (2, 60),
                'm' => (3, 1),
                _ => return Err(bad()),
            };
            if number.is_empty() || rank <= last_unit_rank {
                return Err(bad());
            }
            let n: u64 = number
                .parse()
                .map_err(|_| TimeError::TooLong(text.to_string()))?;
            total = n
                .checked_mul(factor)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(|| TimeError::TooLong(text.to_string()))?;
            number.clear();
            last_unit_rank = rank;
        }
        if !number.is_empty() {
            // A bare number is ambiguous ("15" minutes? hours?): ask for a unit.
            return Err(bad());
        }
        u32::try_from(total)
            .map(Minutes)
            .map_err(|_| TimeError::TooLong(text.to_string()))
    }
}

impl Minutes {
    /// The duration an author probably meant by a malformed one, written the way it parses:
    /// "5 days" -> "5d", "2d 12h" -> "2d12h", "90 mins" -> "90m"; `None` when nothing close
    /// parses.
    pub fn suggest(text: &str) -> Option<String> {
        let lower = text.trim().to_ascii_lowercase();
        let mut out = String::new();
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| -> Option<()> {
            if !word.is_empty() {
                let unit = match word.as_str() {
                    "d" | "day" | "days" => "d",
                    "h" | "hr" | "hrs" | "hour" | "hours" => "h",
                    "m" | "min" | "mins" | "minute" | "minutes" => "m",
                    _ => return None,
                };
                out.push_str(unit);
                word.clear();
            }
            Some(())
        };
        for c in lower.chars() {
            if c.is_ascii_digit() {
                flush(&mut word, &mut out)?;
                out.push(c);
            } else if c.is_ascii_alphabetic() {
                word.push(c);
            } else if c.is_whitespace() || c == ',' {
                flush(&mut word, &mut out)?;
            } else {
                return None;
            }
        }
        flush(&mut word, &mut out)?;
        (out != text && Minutes::parse(&out).is_ok()).then_some(out)
    }
}

impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, h, m) = (self.0 / 1440, (self.0 % 1440) / 60, self.0 % 60);
        if self.0 == 0 {
            return write!(f, "0m");
        }
        if d > 0 {
            write!(f, "{d}d")?;
        }
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}m")?;
        }
        Ok(())
    }
}

impl Minutes {
    /// The length in `lang`: "1d6h15m" in English (as [`fmt::Display`] writes it), "1日6時間15分"
    /// in Japanese.
    pub fn say(self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let (d, h, m) = (self.0 / 1440, (self.0 % 1440) / 60, self.0 % 60);
        if self.0 == 0 {
            return "0分".into();
        }
        let mut out = String::new();
        if d > 0 {
            out.push_str(&format!("{d}日"));
        }
        if h > 0 {
            out.push_str(&format!("{h}時間"));
        }
        if m > 0 {
            out.push_str(&format!("{m}分"));
        }
        out
    }
}

/// Parses an RFC 3339 date-time with its offset ("2023-07-04T06:30:00+09:00").
pub fn parse_datetime(text: &str) -> Result<OffsetDateTime, TimeError> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map_err(|_| TimeError::BadDateTime(text.to_string()))
}

/// A time zone a seat reads the clock in: an IANA zone from the database built into kunren
/// (so a run reads the same on every machine), with its name.
#[derive(Clone, Debug)]
pub struct Zone {
    pub name: String,
    tz: jiff::tz::TimeZone,
}

impl Zone {
    /// The zone of an IANA name ("Australia/Sydney"), or why there is none.
    pub fn named(name: &str) -> Result<Zone, String> {
        jiff::tz::TimeZone::get(name)
            .map(|tz| Zone {
                name: name.to_string(),
                tz,
            })
            .map_err(|_| format!("\"{name}\" is not a time zone kunren knows"))
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl serde::Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name)
    }
}

/// A moment as a wall clock and a calendar in one zone show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Local {
    /// Year, month (1-12), day (1-31).
    pub date: (i32, u8, u8),
    /// 0 for Monday to 6 for Sunday.
    pub weekday: u8,
    /// Minutes since midnight.
    pub minute: u32,
}

/// The exercise clock: a start instant, a tick length and a number of ticks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    pub start: OffsetDateTime,
    pub tick: Minutes,
    /// The last tick of the exercise; tick 0 is the start.
    pub end_tick: u32,
}

impl Clock {
    /// Ticks needed to cover a duration, rounding up: an event "after 20m" with 15m ticks
    /// happens at tick 2, never before its time.
    pub fn ticks(&self, d: Minutes) -> u32 {
        d.0.div_ceil(self.tick.0.max(1))
    }

    /// Minutes elapsed at a tick.
    pub fn elapsed(&self, tick: u32) -> Minutes {
        Minutes(tick.saturating_mul(self.tick.0))
    }

    /// Wall-clock time of a tick, in the scenario's own offset. A tick past the last date-time
    /// that can be written (validation keeps exercises well inside it) reads as that date-time.
    pub fn datetime(&self, tick: u32) -> OffsetDateTime {
        let minutes = time::Duration::minutes(i64::from(self.elapsed(tick).0));
        self.start
            .checked_add(minutes)
            .unwrap_or_else(|| time::PrimitiveDateTime::MAX.assume_offset(self.start.offset()))
    }

    /// "Tue 04 Jul 06:30" style label used in logs and timelines.
    pub fn label(&self, tick: u32) -> String {
        let t = self.datetime(tick);
        let wd = &t.weekday().to_string()[..3];
        let mon = &t.month().to_string()[..3];
        format!(
            "{wd} {:02} {mon} {:02}:{:02}",
            t.day(),
            t.hour(),
            t.minute()
        )
    }

    /// A tick's label in `zone`, with the zone's abbreviation ("Tue 02 Nov 20:00 EDT"), or in
    /// the exercise's own offset without one.
    pub fn label_in(&self, tick: u32, zone: Option<&Zone>) -> String {
        let Some(zone) = zone else {
            return self.label(tick);
        };
        let at = self.datetime(tick).unix_timestamp();
        match jiff::Timestamp::from_second(at) {
            Ok(ts) => ts
                .to_zoned_datetime(zone.tz.clone())
                .strftime("%a %d %b %H:%M %Z")
                .to_string(),
            Err(_) => self.label(tick),
        }
    }

    /// A tick's label as a reader of `lang` writes dates: [`Clock::label`] in English, and in
    /// Japanese the month, the day, the weekday and the time ("11月3日(水) 06:00").
    pub fn label_lang(&self, tick: u32, lang: Lang) -> String {
        self.label_for(tick, None, lang)
    }

    /// [`Clock::label_in`] as a reader of `lang` writes dates; in Japanese with the zone's
    /// abbreviation after the time ("11月2日(火) 20:00 EDT").
    pub fn label_for(&self, tick: u32, zone: Option<&Zone>, lang: Lang) -> String {
        if lang == Lang::En {
            return self.label_in(tick, zone);
        }
        let l = self.local(tick, zone);
        let weekday = ["月", "火", "水", "木", "金", "土", "日"][usize::from(l.weekday % 7)];
        let (_, month, day) = l.date;
        let mut label = format!(
            "{month}月{day}日({weekday}) {:02}:{:02}",
            l.minute / 60,
            l.minute % 60
        );
        if let Some(zone) = zone
            && let Ok(ts) = jiff::Timestamp::from_second(self.datetime(tick).unix_timestamp())
        {
            label.push(' ');
            label.push_str(
                &ts.to_zoned_datetime(zone.tz.clone())
                    .strftime("%Z")
                    .to_string(),
            );
        }
        label
    }

    /// The calendar and the clock on the wall at a tick, in `zone` (daylight saving included),
    /// or in the exercise's own offset without one.
    pub fn local(&self, tick: u32, zone: Option<&Zone>) -> Local {
        let t = self.datetime(tick);
        let fallback = Local {
            date: (t.year(), t.month() as u8, t.day()),
            weekday: t.weekday().number_days_from_monday(),
            minute: u32::from(t.hour()) * 60 + u32::from(t.minute()),
        };
        let Some(zone) = zone else {
            return fallback;
        };
        match jiff::Timestamp::from_second(t.unix_timestamp()) {
            Ok(ts) => {
                let z = ts.to_zoned_datetime(zone.tz.clone());
                Local {
                    date: (i32::from(z.year()), z.month() as u8, z.day() as u8),
                    weekday: z.weekday().to_monday_zero_offset() as u8,
                    minute: z.hour() as u32 * 60 + z.minute() as u32,
                }
            }
            Err(_) => fallback,
        }
    }

    /// Full RFC 3339 stamp of a tick.
    pub fn stamp(&self, tick: u32) -> String {
        self.datetime(tick)
            .format(&Rfc3339)
            .unwrap_or_else(|_| format!("tick {tick}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_unit_and_combinations() {
        assert_eq!(Minutes::parse("15m"), Ok(Minutes(15)));
        assert_eq!(Minutes::parse("6h"), Ok(Minutes(360)));
        assert_eq!(Minutes::parse("3d"), Ok(Minutes(3 * 1440)));
        assert_eq!(Minutes::parse("1d12h30m"), Ok(Minutes(1440 + 720 + 30)));
        assert_eq!(Minutes::parse(" 0m "), Ok(Minutes(0)));
    }

    #[test]
    fn suggests_the_duration_an_author_meant() {
        assert_eq!(Minutes::suggest("5 days").as_deref(), Some("5d"));
        assert_eq!(Minutes::suggest("2d 12h").as_deref(), Some("2d12h"));
        assert_eq!(
            Minutes::suggest("1 hour, 30 mins").as_deref(),
            Some("1h30m")
        );
        assert_eq!(Minutes::suggest("15"), None, "no unit to guess");
        assert_eq!(Minutes::suggest("5 weeks"), None);
        assert_eq!(Minutes::suggest("15m"), None, "nothing to fix");
    }

    #[test]
    fn rejects_malformed_durations() {
        for bad in [
            "",
            "15",
            "h",
            "6x",
            "1h1d",
            "3h3h",
            "-1h",
            "1.5h",
            "99999999999d",
        ] {
            assert!(Minutes::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["15m", "6h", "3d", "1d12h30m", "0m", "2d45m"] {
            assert_eq!(Minutes::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn a_length_reads_in_either_language() {
        for (s, ja) in [
            ("15m", "15分"),
            ("6h", "6時間"),
            ("3d", "3日"),
            ("1d12h30m", "1日12時間30分"),
            ("0m", "0分"),
            ("2d45m", "2日45分"),
        ] {
            let m = Minutes::parse(s).unwrap();
            assert_eq!(
                (m.say(Lang::En).as_str(), m.say(Lang::Ja).as_str()),
                (s, ja)
            );
        }
    }

    #[test]
    fn clock_rounds_ticks_up_and_labels_in_local_offset() {
        let clock = Clock {
            start: parse_datetime("2023-07-04T06:00:00+09:00").unwrap(),
            tick: Minutes(15),
            end_tick: 100,
        };
        assert_eq!(clock.ticks(Minutes(20)), 2);
        assert_eq!(clock.ticks(Minutes(30)), 2);
        assert_eq!(clock.ticks(Minutes(0)), 0);
        assert_eq!(clock.label(2), "Tue 04 Jul 06:30");
        assert_eq!(clock.stamp(4), "2023-07-04T07:00:00+09:00");
    }

    /// A Japanese reader gets the month and day, the weekday and the time, in the exercise's
    /// offset or in a seat's zone with its abbreviation; an English one the label as before.
    #[test]
    fn a_tick_reads_as_a_japanese_date_for_a_japanese_reader() {
        let clock = Clock {
            start: parse_datetime("2027-11-01T00:00:00+09:00").unwrap(),
            tick: Minutes(60),
            end_tick: 200,
        };
        let wed = 2 * 24 + 9;
        assert_eq!(clock.label_lang(wed, Lang::Ja), "11月3日(水) 09:00");
        assert_eq!(clock.label_lang(wed, Lang::En), "Wed 03 Nov 09:00");
        let washington = Zone::named("America/New_York").unwrap();
        assert_eq!(
            clock.label_for(wed, Some(&washington), Lang::Ja),
            "11月2日(火) 20:00 EDT"
        );
        assert_eq!(
            clock.label_for(wed, Some(&washington), Lang::En),
            "Tue 02 Nov 20:00 EDT"
        );
        // Sunday, the last day of the week.
        assert_eq!(clock.label_lang(6 * 24, Lang::Ja), "11月7日(日) 00:00");
    }

    #[test]
    fn each_nation_reads_the_drills_week_on_its_own_clock() {
        // The drill's week: Mon 1 Nov 2027 00:00 JST, one-hour ticks.
        let clock = Clock {
            start: parse_datetime("2027-11-01T00:00:00+09:00").unwrap(),
            tick: Minutes(60),
            end_tick: 200,
        };
        let zone = |n: &str| Zone::named(n).unwrap();
        // Wed 3 Nov 09:00 JST, the crisis morning.
        let wed = 2 * 24 + 9;
        assert_eq!(clock.label_in(wed, None), "Wed 03 Nov 09:00");
        assert_eq!(
            clock.label_in(wed, Some(&zone("America/New_York"))),
            "Tue 02 Nov 20:00 EDT"
        );
        assert_eq!(
            clock.label_in(wed, Some(&zone("Europe/London"))),
            "Wed 03 Nov 00:00 GMT"
        );
        assert_eq!(
            clock.label_in(wed, Some(&zone("Australia/Sydney"))),
            "Wed 03 Nov 11:00 AEDT"
        );
        // Washington leaves daylight time on Sunday 7 November: the same 09:00 JST a week
        // later is 19:00 EST, not 20:00.
        assert_eq!(
            clock.label_in(wed + 7 * 24, Some(&zone("America/New_York"))),
            "Tue 09 Nov 19:00 EST"
        );
        assert!(
            Zone::named("Mars/Olympus")
                .unwrap_err()
                .contains("Mars/Olympus")
        );
    }
}
