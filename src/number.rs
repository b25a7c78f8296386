//! How every screen, report and summary shows a quantity to people: one formatter, so the same
//! value reads the same in the console, `kunren run`, the after-action report and `compare`.

/// A number short enough for a table column or a chart axis: thousands and up get a prefix with
/// three significant figures (2.6e9 as "2.60 G", 1.25e6 as "1.25 M", 58,930 as "58.9 k"), a
/// fraction below 10 keeps two decimals (0.75 as "0.75"), and anything else one (58.93 as
/// "58.9", 300 as "300.0"). Non-finite values print as Rust writes them ("NaN", "inf").
pub fn short(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.2} G", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.2} M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.1} k", v / 1e3)
    } else if a > 0.0 && a < 10.0 && v.fract() != 0.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.1}")
    }
}

/// An exact amount in running text, rounded to a whole number and grouped in thousands
/// ("a ransom note demands 100,000,000 JPY", "1,250,000 records"): where a reader wants the
/// figure itself rather than its size. Tables and axes use [`short`].
pub fn whole(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let digits = format!("{:.0}", v.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v.round() < 0.0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{short, whole};

    #[test]
    fn whole_amounts_group_thousands() {
        assert_eq!(whole(100_000_000.0), "100,000,000");
        assert_eq!(whole(1_250_000.0), "1,250,000");
        assert_eq!(whole(999.0), "999");
        assert_eq!(whole(1000.0), "1,000");
        assert_eq!(whole(0.4), "0");
        assert_eq!(whole(-0.4), "0");
        assert_eq!(whole(-12_345.6), "-12,346");
        assert_eq!(whole(f64::INFINITY), "inf");
    }

    #[test]
    fn each_range_has_its_prefix_and_precision() {
        let cases = [
            (2_601_000_000.0, "2.60 G"),
            (1_000_000_000.0, "1.00 G"),
            (1_250_000.0, "1.25 M"),
            (1_000_000.0, "1.00 M"),
            (999_999.0, "1000.0 k"),
            (58_930.0, "58.9 k"),
            (10_000.0, "10.0 k"),
            (9_999.9, "9999.9"),
            (300.0, "300.0"),
            (75.0, "75.0"),
            (58.93, "58.9"),
            (10.0, "10.0"),
            (9.5, "9.50"),
            (0.75, "0.75"),
            (0.5, "0.50"),
            (0.005, "0.01"),
            (1.0, "1.0"),
            (0.0, "0.0"),
        ];
        for (v, text) in cases {
            assert_eq!(short(v), text, "{v}");
        }
    }

    #[test]
    fn negative_values_keep_their_sign_and_prefix() {
        assert_eq!(short(-58_930.0), "-58.9 k");
        assert_eq!(short(-2_601_000_000.0), "-2.60 G");
        assert_eq!(short(-0.25), "-0.25");
        assert_eq!(short(-3.0), "-3.0");
    }

    #[test]
    fn values_that_are_not_numbers_say_so() {
        assert_eq!(short(f64::NAN), "NaN");
        assert_eq!(short(f64::INFINITY), "inf");
        assert_eq!(short(f64::NEG_INFINITY), "-inf");
    }
}
