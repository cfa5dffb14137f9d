//! CronJob schedule validation.
//!
//! Kubernetes validates `CronJob.spec.schedule` with
//! `github.com/robfig/cron/v3`'s `ParseStandard` and additionally refuses any
//! schedule containing `TZ` (so `TZ=...` / `CRON_TZ=...` prefixes), pointing
//! users at the `timeZone` field instead. This module accepts exactly the
//! same set of strings, so a schedule that passes here is accepted by the API
//! server and vice versa.
//!
//! Accepted forms:
//!
//! * five whitespace-separated fields: minute (0-59), hour (0-23),
//!   day-of-month (1-31), month (1-12 or JAN-DEC) and day-of-week (0-6 or
//!   SUN-SAT; 7 is not allowed); month and day names are case-insensitive;
//! * each field is a comma-separated list of `*`, `?` (same as `*`, in any
//!   field), `N`, `N-M`, each optionally followed by `/STEP` (`N/STEP` means
//!   `N-max/STEP`);
//! * a descriptor: `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`,
//!   `@midnight`, `@hourly`, or `@every <Go duration>` (e.g. `@every 1h30m`).
//!
//! A few quirks of robfig/cron are reproduced on purpose because the API
//! server accepts them: empty list items are ignored (`1,,2`), a `*` or `?`
//! range start ignores anything after a `-` (`*-5`), numbers may carry a `+`
//! sign or leading zeros, steps larger than the range are fine (`*/61`), and
//! `@every` durations below one second (even negative ones) are accepted and
//! run every second.

/// Human names of the five standard fields, in order.
const FIELD_NAMES: [&str; 5] = ["minute", "hour", "day-of-month", "month", "day-of-week"];

const MONTH_NAMES: [(&str, u64); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const DOW_NAMES: [(&str, u64); 7] = [
    ("sun", 0),
    ("mon", 1),
    ("tue", 2),
    ("wed", 3),
    ("thu", 4),
    ("fri", 5),
    ("sat", 6),
];

struct Bounds {
    name: &'static str,
    min: u64,
    max: u64,
    names: &'static [(&'static str, u64)],
    names_hint: &'static str,
}

const BOUNDS: [Bounds; 5] = [
    Bounds {
        name: FIELD_NAMES[0],
        min: 0,
        max: 59,
        names: &[],
        names_hint: "",
    },
    Bounds {
        name: FIELD_NAMES[1],
        min: 0,
        max: 23,
        names: &[],
        names_hint: "",
    },
    Bounds {
        name: FIELD_NAMES[2],
        min: 1,
        max: 31,
        names: &[],
        names_hint: "",
    },
    Bounds {
        name: FIELD_NAMES[3],
        min: 1,
        max: 12,
        names: &MONTH_NAMES,
        names_hint: " or a month name (JAN-DEC)",
    },
    Bounds {
        name: FIELD_NAMES[4],
        min: 0,
        max: 6,
        names: &DOW_NAMES,
        names_hint: " or a day name (SUN-SAT)",
    },
];

const DESCRIPTORS: [&str; 7] = [
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
];

/// Validates a CronJob schedule exactly as the Kubernetes API server does on
/// create (robfig/cron/v3 `ParseStandard` plus the `TZ` ban).
///
/// Errors name the offending field, e.g. `"hour field: 24 is above the
/// maximum 23"`, so users can fix a schedule without counting fields.
pub fn cron_schedule(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err("must not be empty".to_string());
    }
    if s.contains("TZ") {
        return Err("must not set a time zone with TZ= or CRON_TZ= (Kubernetes rejects any 'TZ' in a schedule); use the CronJob's timeZone field (e.g. timeZone: Europe/Paris) instead".to_string());
    }
    if s.starts_with('@') {
        return descriptor(s);
    }
    if s.trim_start().starts_with('@') {
        return Err("must not have whitespace before an '@' descriptor".to_string());
    }
    let fields: Vec<&str> = s.split_whitespace().collect();
    if fields.len() != 5 {
        let n = fields.len();
        let plural = if n == 1 { "" } else { "s" };
        return Err(format!(
            "has {n} field{plural}; Kubernetes accepts 5 (minute hour day-of-month month day-of-week)"
        ));
    }
    for (field, bounds) in fields.iter().zip(BOUNDS.iter()) {
        // Like Go's strings.FieldsFunc: empty items between commas are skipped.
        for expr in field.split(',').filter(|e| !e.is_empty()) {
            range(expr, bounds).map_err(|e| format!("{} field: {e}", bounds.name))?;
        }
    }
    Ok(())
}

fn descriptor(s: &str) -> Result<(), String> {
    if DESCRIPTORS.contains(&s) {
        return Ok(());
    }
    if let Some(duration) = s.strip_prefix("@every ") {
        return go_duration(duration)
            .map(|_| ())
            .map_err(|e| format!("the @every {e}"));
    }
    Err(format!(
        "uses the unknown descriptor '{s}' (use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @every <duration> such as @every 1h30m)"
    ))
}

/// Port of robfig/cron `getRange`: `*`, `?`, `N`, `N-M`, each with `/STEP`.
fn range(expr: &str, b: &Bounds) -> Result<(), String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_and_high.len() == 1;
    let context = |value: u64| {
        if value.to_string() == expr {
            String::new()
        } else {
            format!(" in '{expr}'")
        }
    };

    let (start, mut end) = if low_and_high[0] == "*" || low_and_high[0] == "?" {
        (b.min, b.max)
    } else {
        let start = int_or_name(low_and_high[0], expr, b)?;
        match low_and_high.len() {
            1 => (start, start),
            2 => (start, int_or_name(low_and_high[1], expr, b)?),
            _ => return Err(format!("'{expr}' has more than one '-'")),
        }
    };

    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = int(range_and_step[1], expr)?;
            if single {
                end = b.max;
            }
            step
        }
        _ => return Err(format!("'{expr}' has more than one '/'")),
    };

    if start < b.min {
        return Err(format!(
            "{start} is below the minimum {}{}",
            b.min,
            context(start)
        ));
    }
    if start > b.max {
        return Err(format!(
            "{start} is above the maximum {}{}",
            b.max,
            context(start)
        ));
    }
    if end > b.max {
        return Err(format!(
            "{end} is above the maximum {}{}",
            b.max,
            context(end)
        ));
    }
    if start > end {
        return Err(format!(
            "range start {start} is after range end {end} in '{expr}'"
        ));
    }
    if step == 0 {
        return Err(format!("step must be at least 1 in '{expr}'"));
    }
    Ok(())
}

fn int_or_name(token: &str, expr: &str, b: &Bounds) -> Result<u64, String> {
    let lower = token.to_ascii_lowercase();
    if let Some(&(_, value)) = b.names.iter().find(|(name, _)| *name == lower) {
        return Ok(value);
    }
    int(token, expr).map_err(|e| format!("{e}{}", b.names_hint))
}

/// Go's `strconv.Atoi` (64-bit) followed by robfig's non-negative check.
fn int(token: &str, expr: &str) -> Result<u64, String> {
    let not_a_number = || {
        if token.is_empty() {
            format!("'{expr}' is missing a number")
        } else {
            format!("'{token}' is not a number")
        }
    };
    let (negative, digits) = match token.as_bytes().first() {
        Some(b'-') => (true, &token[1..]),
        Some(b'+') => (false, &token[1..]),
        _ => (false, token),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(not_a_number());
    }
    let magnitude: u64 = digits.parse().map_err(|_| not_a_number())?;
    if negative {
        if magnitude == 0 {
            return Ok(0);
        }
        return Err(format!("negative numbers are not allowed in '{expr}'"));
    }
    if magnitude > i64::MAX as u64 {
        return Err(not_a_number());
    }
    Ok(magnitude)
}

/// Validates a Go `time.ParseDuration` string (`[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`,
/// or a bare `0`), including its overflow checks, and returns its length in
/// nanoseconds.
fn go_duration(orig: &str) -> Result<i128, String> {
    let invalid = || format!("duration '{orig}' is not valid (examples: 30s, 5m, 1h30m, 1.5h)");
    const LIMIT: u64 = 1 << 63;
    let mut s = orig;
    let mut negative = false;
    if let Some(rest) = s.strip_prefix(['-', '+']) {
        negative = s.starts_with('-');
        s = rest;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !(b[0] == b'.' || b[0].is_ascii_digit()) {
            return Err(invalid());
        }
        // Integer part, with Go's leadingInt overflow checks.
        let mut i = 0;
        let mut v: u64 = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            if v > LIMIT / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(b[i] - b'0');
            if v > LIMIT {
                return Err(invalid());
            }
            i += 1;
        }
        let pre = i > 0;
        // Fraction, with Go's leadingFraction (digits beyond precision ignored).
        let mut f: u64 = 0;
        let mut scale: f64 = 1.0;
        let mut post = false;
        if i < b.len() && b[i] == b'.' {
            i += 1;
            let frac_start = i;
            let mut overflow = false;
            while i < b.len() && b[i].is_ascii_digit() {
                if !overflow {
                    if f > (LIMIT - 1) / 10 {
                        overflow = true;
                    } else {
                        let y = f * 10 + u64::from(b[i] - b'0');
                        if y > LIMIT {
                            overflow = true;
                        } else {
                            f = y;
                            scale *= 10.0;
                        }
                    }
                }
                i += 1;
            }
            post = i > frac_start;
        }
        if !pre && !post {
            return Err(invalid());
        }
        let unit_start = i;
        while i < b.len() && !(b[i] == b'.' || b[i].is_ascii_digit()) {
            i += 1;
        }
        if i == unit_start {
            return Err(format!(
                "duration '{orig}' is missing a unit (use ns, us, ms, s, m or h, e.g. 5m)"
            ));
        }
        let unit_text = &s[unit_start..i];
        let unit: u64 = match unit_text {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "duration '{orig}' has the unknown unit '{unit_text}' (use ns, us, ms, s, m or h)"
                ));
            }
        };
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        total = match total.checked_add(v) {
            Some(t) if t <= LIMIT => t,
            _ => return Err(invalid()),
        };
        s = &s[i..];
    }
    if negative {
        return Ok(-i128::from(total));
    }
    if total > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(i128::from(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_ok(s: &str) {
        assert_eq!(cron_schedule(s), Ok(()), "{s:?} should be accepted");
    }

    fn assert_err(s: &str, expected: &str) {
        match cron_schedule(s) {
            Ok(()) => panic!("{s:?} should be rejected"),
            Err(e) => {
                assert!(
                    e.contains(expected),
                    "{s:?}: {e:?} does not contain {expected:?}"
                );
                assert!(!e.ends_with('.'), "{e:?}");
                assert!(e.starts_with(|c: char| c.is_lowercase()), "{e:?}");
            }
        }
    }

    #[test]
    fn accepts_standard_schedules() {
        for s in [
            "* * * * *",
            "*/5 * * * *",
            "0 0 * * *",
            "0 12 * * MON-FRI",
            "0 12 * * mon-fri",
            "0 0 1 JAN,jul *",
            "0 0 1 Jan-Dec/3 *",
            "15 10 ? * *",
            "? ? ? ? ?",
            "0 0 * * 0",
            "59 23 31 12 6",
            "0 0 1 1 0",
            "5/15 * * * *",
            "1-10/2 * * * *",
            "0 0,12 1 */2 *",
            "0-59 0-23 1-31 1-12 0-6",
            "30 2 * * SUN,sat",
            "0 9-17/2 * * 1-5",
            "\t0  0 * *   *  ",
            "0 0 * * FRI/2",
        ] {
            assert_ok(s);
        }
    }

    #[test]
    fn accepts_robfig_quirks() {
        for s in [
            "*/61 * * * *",
            "1,,2 * * * *",
            ",1, * * * *",
            ", * * * *",
            "*-5 * * * *",
            "?-x * * * *",
            "+5 * * * *",
            "007 * * * *",
            "0 0 * * */1",
            "*/+2 * * * *",
            "0-0 * * * *",
            "59/1 * * * *",
        ] {
            assert_ok(s);
        }
    }

    #[test]
    fn accepts_descriptors() {
        for s in [
            "@yearly",
            "@annually",
            "@monthly",
            "@weekly",
            "@daily",
            "@midnight",
            "@hourly",
            "@every 1h30m",
            "@every 5m",
            "@every 30s",
            "@every 1.5h",
            "@every 100ms",
            "@every 1µs",
            "@every 1μs",
            "@every 10ns",
            "@every 1us",
            "@every 0",
            "@every 0s",
            "@every -5m",
            "@every +5m",
            "@every .5h",
            "@every 5.h",
            "@every 2562047h",
        ] {
            assert_ok(s);
        }
    }

    #[test]
    fn field_count() {
        assert_err(
            "0 * * * * *",
            "has 6 fields; Kubernetes accepts 5 (minute hour day-of-month month day-of-week)",
        );
        assert_eq!(
            cron_schedule("0 * * * * *").unwrap_err(),
            "has 6 fields; Kubernetes accepts 5 (minute hour day-of-month month day-of-week)"
        );
        assert_err("* * * *", "has 4 fields");
        assert_err("*", "has 1 field;");
        assert_err("   ", "has 0 fields");
        assert_err("0 0 1 1 * 2024", "has 6 fields");
        assert_err("", "must not be empty");
    }

    #[test]
    fn out_of_range_values_name_the_field() {
        assert_eq!(
            cron_schedule("* 24 * * *").unwrap_err(),
            "hour field: 24 is above the maximum 23"
        );
        assert_err("60 * * * *", "minute field: 60 is above the maximum 59");
        assert_err("* * 0 * *", "day-of-month field: 0 is below the minimum 1");
        assert_err(
            "* * 32 * *",
            "day-of-month field: 32 is above the maximum 31",
        );
        assert_err("* * * 13 *", "month field: 13 is above the maximum 12");
        assert_err("* * * 0 *", "month field: 0 is below the minimum 1");
        assert_err("* * * * 7", "day-of-week field: 7 is above the maximum 6");
        assert_err(
            "* 20-25 * * *",
            "hour field: 25 is above the maximum 23 in '20-25'",
        );
        assert_err(
            "60/5 * * * *",
            "minute field: 60 is above the maximum 59 in '60/5'",
        );
        assert_err("1,2,99 * * * *", "minute field: 99 is above the maximum 59");
        assert_err(
            "* * 1-0 * *",
            "day-of-month field: range start 1 is after range end 0",
        );
    }

    #[test]
    fn malformed_fields() {
        assert_err(
            "5-1 * * * *",
            "minute field: range start 5 is after range end 1 in '5-1'",
        );
        assert_err(
            "* * * * MON-SUN",
            "day-of-week field: range start 1 is after range end 0",
        );
        assert_err(
            "*/0 * * * *",
            "minute field: step must be at least 1 in '*/0'",
        );
        assert_err("1-5/0 * * * *", "step must be at least 1");
        assert_err(
            "1-2-3 * * * *",
            "minute field: '1-2-3' has more than one '-'",
        );
        assert_err(
            "1/2/3 * * * *",
            "minute field: '1/2/3' has more than one '/'",
        );
        assert_err("a * * * *", "minute field: 'a' is not a number");
        assert_err(
            "* * * JANUARY *",
            "month field: 'JANUARY' is not a number or a month name (JAN-DEC)",
        );
        assert_err(
            "* * * * MONDAY",
            "day-of-week field: 'MONDAY' is not a number or a day name",
        );
        assert_err("* * * * SUN7", "day-of-week field");
        assert_err("* * * MON *", "month field: 'MON' is not a number");
        assert_err("* JAN * * *", "hour field: 'JAN' is not a number");
        assert_err("-5 * * * *", "minute field: '-5' is missing a number");
        assert_err("/5 * * * *", "minute field: '/5' is missing a number");
        assert_err("5- * * * *", "minute field: '5-' is missing a number");
        assert_err("*/-1 * * * *", "negative numbers are not allowed in '*/-1'");
        assert_err("*/ * * * *", "missing a number");
        assert_err("99999999999999999999 * * * *", "is not a number");
        assert_err("9223372036854775807 * * * *", "is above the maximum 59");
        assert_err("1.5 * * * *", "'1.5' is not a number");
        assert_err("*/x * * * *", "'x' is not a number");
        assert_err("++5 * * * *", "'++5' is not a number");
    }

    #[test]
    fn time_zones_are_rejected() {
        for s in [
            "TZ=UTC 0 0 * * *",
            "CRON_TZ=Europe/Paris 0 0 * * *",
            "TZ=UTC @daily",
            "0 0 * * * TZ",
        ] {
            assert_err(s, "timeZone field");
        }
    }

    #[test]
    fn bad_descriptors() {
        assert_err("@reboot", "unknown descriptor '@reboot'");
        assert_err("@Daily", "unknown descriptor");
        assert_err("@daily ", "unknown descriptor");
        assert_err("@every", "unknown descriptor");
        assert_err(" @daily", "whitespace before an '@' descriptor");
        assert_err("@every ", "@every duration '' is not valid");
        assert_err("@every  5m", "is not valid");
        assert_err("@every 5", "missing a unit");
        assert_err("@every 5x", "unknown unit 'x'");
        assert_err("@every 5m ", "unknown unit 'm '");
        assert_err("@every 1d", "unknown unit 'd'");
        assert_err("@every .s", "is not valid");
        assert_err("@every -", "is not valid");
        assert_err("@every h", "is not valid");
        assert_err("@every 2562048h", "is not valid");
        assert_err("@every 9223372036854775808ns", "is not valid");
    }

    #[test]
    fn go_duration_values() {
        assert_eq!(go_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(go_duration("1.5h"), Ok(5_400_000_000_000));
        assert_eq!(go_duration("-1.5s"), Ok(-1_500_000_000));
        assert_eq!(go_duration("300ms"), Ok(300_000_000));
        assert_eq!(go_duration("2h45m30.5s"), Ok(9_930_500_000_000));
        assert_eq!(go_duration("0"), Ok(0));
        assert_eq!(go_duration("-0"), Ok(0));
        assert_eq!(
            go_duration("9223372036854775807ns"),
            Ok(i128::from(i64::MAX))
        );
        assert_eq!(
            go_duration("-9223372036854775808ns"),
            Ok(i128::from(i64::MIN))
        );
        assert!(go_duration("9223372036854775808ns").is_err());
        assert!(go_duration("0.0000000000000000000001s").is_ok());
        assert!(go_duration("1").is_err());
        assert!(go_duration("").is_err());
    }
}
