//! Validation of a team's working hours (format 2): the times of its day, its working days and
//! holidays, the call-out time and the condition for crisis manning.

use super::Cx;
use super::conditions::condition;
use super::reach::has_chance;
use crate::scenario::model;
use crate::scenario::raw;
use crate::scenario::source_map::Path;

pub(super) fn hours(cx: &mut Cx, h: &raw::Hours, path: &Path, team: &str) -> model::Hours {
    cx.needs_v2(path, "`hours` (a team's working hours)");
    let ctx = format!("the working hours of team \"{team}\"");
    let from = time_of_day(cx, &h.from, &path.field("from"), &ctx);
    let to = time_of_day(cx, &h.to, &path.field("to"), &ctx);
    if let (Some(f), Some(t)) = (from, to)
        && f >= t
    {
        cx.error(
            &path.field("to"),
            format!(
                "{ctx} end at \"{}\", not after they begin (\"{}\")",
                h.to, h.from
            ),
            Some("write a day that ends after it begins, e.g. `from: \"09:00\", to: \"18:00\"` (a night shift is not a working day: use `around_the_clock`)".into()),
        );
    }
    if h.days.is_empty() {
        cx.error(
            &path.field("days"),
            format!("{ctx} have no working days, so the team is never at work"),
            Some("list its days, e.g. `days: [Mon, Tue, Wed, Thu, Fri]`, or leave `days` out for that week".into()),
        );
    }
    let mut holidays = Vec::new();
    for (j, d) in h.holidays.iter().enumerate() {
        match date(d) {
            Some(day) => holidays.push(day),
            None => cx.error(
                &path.field("holidays").index(j),
                format!("\"{d}\" in {ctx} is not a date"),
                Some("write a date as YYYY-MM-DD, e.g. \"2027-11-03\"".into()),
            ),
        }
    }
    let call_out_ticks = cx.ticks(
        &path.field("call_out"),
        &h.call_out,
        &format!("`call_out` of {ctx}"),
    );
    let around_the_clock = h.around_the_clock.as_ref().map(|c| {
        let p = path.field("around_the_clock");
        let c = condition(cx, c, &p, &ctx);
        if has_chance(&c) {
            cx.error(
                &p,
                format!("`around_the_clock` of {ctx} draws a `Chance`: whether a team is at work must not be left to the dice"),
                Some("name what puts it on crisis manning: `Level(\"crisis\")`, `Delivered(\"call-in\")`, `Done(\"team\", \"activate-crisis-room\")`".into()),
            );
        }
        c
    });
    let mut days: Vec<u8> = h.days.iter().map(|d| *d as u8).collect();
    days.sort_unstable();
    days.dedup();
    model::Hours {
        from: from.unwrap_or(0),
        to: to.unwrap_or(24 * 60),
        days,
        holidays,
        call_out_ticks,
        around_the_clock,
    }
}

/// "09:30" as minutes since midnight; "24:00" is the end of the day.
fn time_of_day(cx: &mut Cx, text: &str, path: &Path, ctx: &str) -> Option<u32> {
    let parsed = text.split_once(':').and_then(|(h, m)| {
        let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0)) && text.len() == 5).then_some(h * 60 + m)
    });
    if parsed.is_none() {
        cx.error(
            path,
            format!("\"{text}\" in {ctx} is not a time of day"),
            Some("write it as HH:MM on a 24-hour clock, e.g. \"09:30\" or \"18:15\"".into()),
        );
    }
    parsed
}

/// "2027-11-03" as (year, month, day), if it is a real date.
fn date(text: &str) -> Option<(i32, u8, u8)> {
    if text.len() != 10 {
        return None;
    }
    let d: jiff::civil::Date = text.parse().ok()?;
    Some((i32::from(d.year()), d.month() as u8, d.day() as u8))
}

#[cfg(test)]
mod tests {
    use super::date;

    #[test]
    fn a_holiday_is_a_real_date() {
        assert_eq!(date("2027-11-03"), Some((2027, 11, 3)));
        assert_eq!(date("2027-02-30"), None);
        assert_eq!(date("3 Nov"), None);
    }
}
