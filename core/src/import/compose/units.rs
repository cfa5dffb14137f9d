//! Docker's ways of writing sizes, CPU counts, durations and command lines, read into
//! what Kubernetes writes.

use serde_json::Value;

/// A Docker size (`512m`, `512M`, `1.5g`, `2048k`, `100b`, or a byte count) as a
/// Kubernetes quantity in binary units: Docker's units are binary, so `512m` is
/// 512 MiB, `512Mi` (Kubernetes would read `512m` as 0.512 bytes). The largest unit that
/// divides the size exactly is used.
pub(super) fn size(value: &Value) -> Option<String> {
    let bytes = match value {
        Value::Number(number) => number.as_u64()?,
        Value::String(text) => size_bytes(text)?,
        _ => return None,
    };
    const UNITS: [(u64, &str); 4] = [
        (1 << 40, "Ti"),
        (1 << 30, "Gi"),
        (1 << 20, "Mi"),
        (1 << 10, "Ki"),
    ];
    Some(
        UNITS
            .iter()
            .find(|(unit, _)| bytes > 0 && bytes % unit == 0)
            .map_or_else(
                || bytes.to_string(),
                |(unit, suffix)| format!("{}{suffix}", bytes / unit),
            ),
    )
}

/// The bytes of a size written as text.
fn size_bytes(text: &str) -> Option<u64> {
    let text = text.trim().to_ascii_lowercase();
    let digits = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let factor: u64 = match unit.trim() {
        "" | "b" => 1,
        "k" | "kb" => 1 << 10,
        "m" | "mb" => 1 << 20,
        "g" | "gb" => 1 << 30,
        "t" | "tb" => 1 << 40,
        _ => return None,
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut bytes = whole.checked_mul(factor)?;
    if !fraction.is_empty() {
        // Exact decimal arithmetic: `1.5g` is 1536 MiB, not a float's approximation.
        let digits: u32 = u32::try_from(fraction.len()).ok().filter(|d| *d <= 9)?;
        let scale = 10u64.pow(digits);
        let part: u64 = fraction.parse().ok()?;
        bytes = bytes.checked_add(part.checked_mul(factor)? / scale)?;
    }
    (!number.is_empty() && number != ".").then_some(bytes)
}

/// A CPU count (`0.5`, `"1.25"`, `2`) as a Kubernetes quantity: whole cores as they are,
/// the rest in millicores (`500m`). `None` for what is not a non-negative number.
pub(super) fn cpus(value: &Value) -> Option<String> {
    let text = match value {
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.trim().to_owned(),
        _ => return None,
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    // Digits past the third are below a millicore, which Kubernetes cannot express.
    let thousandths: String = fraction.chars().chain("000".chars()).take(3).collect();
    let millis = whole
        .checked_mul(1000)?
        .checked_add(thousandths.parse::<u64>().ok()?)?;
    Some(if millis % 1000 == 0 {
        (millis / 1000).to_string()
    } else {
        format!("{millis}m")
    })
}

/// A Docker duration (`1m30s`, `10s`, `500ms`, `1h`) in whole seconds, rounded up so a
/// short timeout stays above zero; a bare number is seconds.
pub(super) fn seconds(value: &Value) -> Option<u64> {
    let text = match value {
        Value::Number(number) => return number.as_u64(),
        Value::String(text) => text.trim(),
        _ => return None,
    };
    let mut nanos: u128 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, tail) = rest.split_at(digits);
        let unit_len = tail
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(tail.len());
        let (unit, next) = tail.split_at(unit_len);
        let per_unit: u128 = match unit {
            "ns" => 1,
            "us" | "µs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let whole: u128 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        nanos = nanos.checked_add(whole.checked_mul(per_unit)?)?;
        if !fraction.is_empty() {
            let digits = u32::try_from(fraction.len()).ok().filter(|d| *d <= 9)?;
            nanos = nanos
                .checked_add(fraction.parse::<u128>().ok()? * per_unit / 10u128.pow(digits))?;
        }
        rest = next;
    }
    u64::try_from(nanos.div_ceil(1_000_000_000)).ok()
}

/// A command line split into words as Compose splits a `command` written as one string:
/// on blanks, with single quotes, double quotes and backslashes as a POSIX shell reads
/// them. `None` when a quote is left open.
pub(super) fn shell_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => word.push(c),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\' | '$' | '`') => word.push(c),
                            '\n' => {}
                            c => {
                                word.push('\\');
                                word.push(c);
                            }
                        },
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') | None => {}
                    Some(c) => word.push(c),
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn docker_sizes_are_binary_and_written_in_binary_units() {
        for (given, expected) in [
            (json!("512m"), "512Mi"),
            (json!("512M"), "512Mi"),
            (json!("512mb"), "512Mi"),
            (json!("1g"), "1Gi"),
            (json!("1.5g"), "1536Mi"),
            (json!("2048k"), "2Mi"),
            (json!("100b"), "100"),
            (json!(1_073_741_824u64), "1Gi"),
            (json!("1000"), "1000"),
        ] {
            assert_eq!(size(&given).as_deref(), Some(expected), "{given}");
        }
        for bad in [
            json!("12q"),
            json!("m"),
            json!(""),
            json!(-5),
            json!(true),
            json!("1.2.3g"),
        ] {
            assert_eq!(size(&bad), None, "{bad}");
        }
    }

    #[test]
    fn cpu_counts_become_cores_or_millicores() {
        for (given, expected) in [
            (json!(0.5), "500m"),
            (json!("0.50"), "500m"),
            (json!("1.25"), "1250m"),
            (json!(2), "2"),
            (json!("2.0"), "2"),
            (json!(".1"), "100m"),
        ] {
            assert_eq!(cpus(&given).as_deref(), Some(expected), "{given}");
        }
        for bad in [
            json!("-1"),
            json!("one"),
            json!("."),
            json!(null),
            json!("99999999999999999"),
        ] {
            assert_eq!(cpus(&bad), None, "{bad}");
        }
    }

    #[test]
    fn durations_are_whole_seconds_rounded_up() {
        for (given, expected) in [
            (json!("1m30s"), 90),
            (json!("10s"), 10),
            (json!("500ms"), 1),
            (json!("1h"), 3600),
            (json!("1.5s"), 2),
            (json!(30), 30),
        ] {
            assert_eq!(seconds(&given), Some(expected), "{given}");
        }
        assert_eq!(seconds(&json!("10 seconds")), None);
        assert_eq!(seconds(&json!(format!("{}h", "9".repeat(40)))), None);
    }

    #[test]
    fn command_lines_split_as_a_shell_would() {
        assert_eq!(
            shell_words(r#"sh -c "echo \"hi there\"" 'a b' c\ d"#).unwrap(),
            vec!["sh", "-c", "echo \"hi there\"", "a b", "c d"]
        );
        assert_eq!(shell_words("  ").unwrap(), Vec::<String>::new());
        assert_eq!(shell_words("''").unwrap(), vec![""]);
        assert_eq!(shell_words("echo 'open"), None);
    }
}
