//! Kubernetes resource quantities (`k8s.io/apimachinery/pkg/api/resource`).
//!
//! CPU and memory requests/limits, ephemeral storage, PVC sizes and many
//! other fields are quantities. The API server refuses objects with malformed
//! ones, and a limit lower than its request is rejected too, so the graph
//! validator needs both parsing and exact comparison.
//!
//! Grammar (as accepted by `resource.ParseQuantity`):
//!
//! ```text
//! quantity        := sign? number suffix
//! sign            := "+" | "-"
//! number          := digits | digits "." digits? | "." digits
//! suffix          := binarySI | decimalSI | decimalExponent
//! binarySI        := "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei"
//! decimalSI       := "n" | "u" | "m" | "" | "k" | "M" | "G" | "T" | "P" | "E"
//! decimalExponent := ("e" | "E") sign? digits
//! ```
//!
//! One deliberate difference: Kubernetes' hand-written scanner also accepts
//! strings with no digit at all (`"-"`, `"."`, `"Ki"`) and reads them as zero;
//! those are almost certainly mistakes, so they are rejected here. Decimal
//! exponents must fit in an `i32`.
//!
//! Values are stored exactly as `digits × 10^exponent` with an arbitrary
//! number of decimal digits (binary suffixes are multiplied out), so
//! comparison is exact and cannot overflow, even for `999999999Ei` or
//! `1e2000000000`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

const NOT_A_QUANTITY: &str = "is not a Kubernetes quantity (examples: 250m, 1.5, 512Mi, 2G, 1e3)";

/// An exactly represented Kubernetes quantity.
///
/// Equality and ordering are numeric: `1e3 == 1k`, `1024Mi == 1Gi`,
/// `1Gi > 1G`, `500m < 1`. [`fmt::Display`] prints the original text.
#[derive(Clone, Debug)]
pub struct Quantity {
    /// True for values below zero (never set for zero).
    negative: bool,
    /// Decimal digits of the magnitude, most significant first, with no
    /// leading or trailing zeros. Empty for zero.
    digits: Vec<u8>,
    /// Power of ten the digits are scaled by. Zero when `digits` is empty.
    exponent: i64,
    /// The text the quantity was parsed from.
    text: String,
}

impl Quantity {
    /// True if the quantity is strictly below zero (`-0` is not negative).
    ///
    /// Resource requests and limits must not be negative.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// True if the quantity is zero, whatever its spelling (`0`, `0Gi`, `-0.0m`).
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The value as a plain decimal number, without suffix or exponent: `256m` is
    /// `0.256`, `1Ki` is `1024`, `-1.5e2` is `-150`. Every digit is written out, so it
    /// is for messages about quantities written with a suffix, not `1e999999`.
    pub(crate) fn decimal(&self) -> String {
        if self.digits.is_empty() {
            return "0".to_owned();
        }
        let digits: String = self
            .digits
            .iter()
            .map(|&digit| char::from(b'0' + digit))
            .collect();
        let sign = if self.negative { "-" } else { "" };
        let point = self.digits.len() as i64 + self.exponent;
        if self.exponent >= 0 {
            let zeros = "0".repeat(self.exponent as usize);
            format!("{sign}{digits}{zeros}")
        } else if point > 0 {
            let (whole, fraction) = digits.split_at(point as usize);
            format!("{sign}{whole}.{fraction}")
        } else {
            let zeros = "0".repeat((-point) as usize);
            format!("{sign}0.{zeros}{digits}")
        }
    }

    /// The original text, exactly as parsed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Compares magnitudes (absolute values).
    fn cmp_magnitude(&self, other: &Self) -> Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // Both normalised: the position of the leading digit decides first,
        // then the digit strings compare lexicographically (a shorter string
        // is a prefix padded with zeros, hence smaller).
        let self_order = self.digits.len() as i64 + self.exponent;
        let other_order = other.digits.len() as i64 + other.exponent;
        self_order
            .cmp(&other_order)
            .then_with(|| self.digits.cmp(&other.digits))
    }

    fn signum(&self) -> i8 {
        if self.digits.is_empty() {
            0
        } else if self.negative {
            -1
        } else {
            1
        }
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        match self.signum().cmp(&other.signum()) {
            Ordering::Equal => {
                let magnitude = self.cmp_magnitude(other);
                if self.negative {
                    magnitude.reverse()
                } else {
                    magnitude
                }
            }
            unequal => unequal,
        }
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Quantity {}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // The representation is canonical, so this agrees with `Eq`.
        self.negative.hash(state);
        self.digits.hash(state);
        self.exponent.hash(state);
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Quantity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_quantity(s)
    }
}

/// How a suffix scales the number: by `10^decimal` or `2^binary`.
enum Scale {
    Decimal(i64),
    Binary(u32),
}

fn interpret_suffix(suffix: &str) -> Option<Scale> {
    let scale = match suffix {
        "Ki" => Scale::Binary(10),
        "Mi" => Scale::Binary(20),
        "Gi" => Scale::Binary(30),
        "Ti" => Scale::Binary(40),
        "Pi" => Scale::Binary(50),
        "Ei" => Scale::Binary(60),
        "n" => Scale::Decimal(-9),
        "u" => Scale::Decimal(-6),
        "m" => Scale::Decimal(-3),
        "" => Scale::Decimal(0),
        "k" => Scale::Decimal(3),
        "M" => Scale::Decimal(6),
        "G" => Scale::Decimal(9),
        "T" => Scale::Decimal(12),
        "P" => Scale::Decimal(15),
        "E" => Scale::Decimal(18),
        _ => {
            let rest = suffix
                .strip_prefix('e')
                .or_else(|| suffix.strip_prefix('E'))?;
            let unsigned = rest.strip_prefix(['+', '-']).unwrap_or(rest);
            if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let exponent: i32 = rest.parse().ok()?;
            Scale::Decimal(i64::from(exponent))
        }
    };
    Some(scale)
}

/// Multiplies a big-endian decimal digit vector by `2^bits` (`bits <= 60`), which adds
/// at most [`POWER_OF_TWO_DIGITS`] digits in front.
fn multiply_by_power_of_two(digits: &mut Vec<u8>, bits: u32) {
    // The carry stays below `factor`, so `v < 10 × 2^60 < 2^64`: 64 bits suffice, and
    // dividing them by ten is a multiplication (a 128-bit division is a library call).
    let factor: u64 = 1 << bits;
    let mut carry: u64 = 0;
    for d in digits.iter_mut().rev() {
        let v = u64::from(*d) * factor + carry;
        *d = (v % 10) as u8;
        carry = v / 10;
    }
    let mut head = [0; POWER_OF_TWO_DIGITS];
    let mut start = head.len();
    while carry > 0 {
        start -= 1;
        head[start] = (carry % 10) as u8;
        carry /= 10;
    }
    // In front: append, then rotate (the digits are few; `splice` costs more).
    let added = head.len() - start;
    digits.extend_from_slice(&head[start..]);
    digits.rotate_right(added);
}

/// The most digits a carry below `2^60` has.
const POWER_OF_TWO_DIGITS: usize = 19;

/// Parses a Kubernetes quantity such as `250m`, `1.5`, `512Mi`, `2G`, `1e3`
/// or `-0.5Gi` into an exactly comparable [`Quantity`].
///
/// Rejects anything the API server would reject (`1GB`, `two`, `1.1.1`,
/// `0.1mi`, `1 `) plus digit-less strings such as `Ki` (see module docs).
pub fn parse_quantity(s: &str) -> Result<Quantity, String> {
    let b = s.as_bytes();
    let mut pos = 0;
    let mut negative = false;
    if let Some(&sign @ (b'-' | b'+')) = b.first() {
        negative = sign == b'-';
        pos = 1;
    }
    let int_start = pos;
    while pos < b.len() && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let int_part = &s[int_start..pos];
    let mut frac_part = "";
    if pos < b.len() && b[pos] == b'.' {
        pos += 1;
        let frac_start = pos;
        while pos < b.len() && b[pos].is_ascii_digit() {
            pos += 1;
        }
        frac_part = &s[frac_start..pos];
    }
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(NOT_A_QUANTITY.to_string());
    }
    let suffix = &s[pos..];
    let Some(scale) = interpret_suffix(suffix) else {
        return Err(format!(
            "{NOT_A_QUANTITY}; the suffix '{suffix}' is not one of Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or an exponent such as e3"
        ));
    };

    // Room for the digits a binary suffix adds, so that multiplying does not reallocate.
    let mut digits = Vec::with_capacity(int_part.len() + frac_part.len() + POWER_OF_TWO_DIGITS);
    digits.extend(
        int_part
            .bytes()
            .chain(frac_part.bytes())
            .map(|c| c - b'0')
            .skip_while(|&d| d == 0),
    );
    let mut exponent = -(frac_part.len() as i64);
    match scale {
        Scale::Decimal(e) => exponent += e,
        Scale::Binary(bits) => multiply_by_power_of_two(&mut digits, bits),
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exponent += 1;
    }
    if digits.is_empty() {
        negative = false;
        exponent = 0;
    }
    Ok(Quantity {
        negative,
        digits,
        exponent,
        text: s.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn q(s: &str) -> Quantity {
        parse_quantity(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn decimal_writes_the_value_without_suffix() {
        for (text, decimal) in [
            ("256m", "0.256"),
            ("1.5m", "0.0015"),
            ("1000m", "1"),
            ("2500m", "2.5"),
            ("1Ki", "1024"),
            ("-1.5e2", "-150"),
            ("0m", "0"),
        ] {
            assert_eq!(q(text).decimal(), decimal, "{text}");
        }
    }

    #[test]
    fn accepts_valid_quantities() {
        for s in [
            "0",
            "1",
            "1.5",
            "250m",
            "512Mi",
            "1e3",
            "2G",
            "0.5Gi",
            "2E-2",
            "1E",
            "1e18",
            "999999999Ei",
            "+1",
            "-1",
            "-0",
            "+0.5",
            ".5",
            "5.",
            "1.G",
            "1.5Ki",
            "100n",
            "7u",
            "3k",
            "4M",
            "5T",
            "6P",
            "7Ti",
            "8Pi",
            "9Ei",
            "1e+3",
            "1E+3",
            "1e-3",
            "000123",
            "0.000",
            "10e2147483647",
            "1e-2147483648",
            "-.5m",
        ] {
            assert!(parse_quantity(s).is_ok(), "{s:?} should parse");
        }
    }

    #[test]
    fn rejects_invalid_quantities() {
        for s in [
            "",
            "1GB",
            "two",
            "1.1.M",
            "1+1.0M",
            "0.1mi",
            "0.1am",
            "aoeu",
            ".5i",
            "1i",
            "-3.01i",
            "-3.01e-",
            " 1",
            "1 ",
            "1K",
            "1KiB",
            "1e",
            "1e+",
            "1e1.5",
            "1ee3",
            "1Mi3",
            "--1",
            "+-1",
            "0x10",
            "1,5",
            "Ki",
            "-",
            "+",
            ".",
            "m",
            "1e2147483648",
            "1 Gi",
            "1_000",
            "١",
        ] {
            let r = parse_quantity(s);
            assert!(r.is_err(), "{s:?} should be rejected, got {r:?}");
            let e = r.unwrap_err();
            assert!(e.starts_with(NOT_A_QUANTITY), "{e}");
            assert!(!e.ends_with('.'));
        }
        let e = parse_quantity("1GB").unwrap_err();
        assert!(e.contains("suffix 'GB'"), "{e}");
    }

    #[test]
    fn required_orderings() {
        assert!(q("1Gi") > q("1G"));
        assert!(q("500m") < q("1"));
        assert_eq!(q("1e3"), q("1k"));
        assert_eq!(q("1024Mi"), q("1Gi"));
    }

    #[test]
    fn equalities_across_spellings() {
        let groups: &[&[&str]] = &[
            &["0", "-0", "+0", "0m", "0Gi", "0.000", "-0.0e5", "0E"],
            &[
                "1",
                "1.",
                "1.0",
                "1000m",
                "1e0",
                "0.001k",
                "1000000000n",
                "10e-1",
            ],
            &["1.5", "1500m", "15e-1", "0.0015k"],
            &["500m", "0.5", ".5", "5e-1", "500000u"],
            &["1k", "1e3", "1000", "1E3", "1e+3", "0.001M"],
            &["1E", "1e18", "1000P", "1000000000G"],
            &["1Ki", "1024", "1.024k"],
            &["0.5Gi", "512Mi", "524288Ki"],
            &["1Ei", "1152921504606846976", "1024Pi"],
            &["2E-2", "20m", "0.02"],
            &["-1Gi", "-1024Mi"],
        ];
        for group in groups {
            for a in *group {
                for b in *group {
                    assert_eq!(q(a), q(b), "{a} == {b}");
                }
            }
        }
    }

    #[test]
    fn strict_orderings() {
        let ascending = [
            "-999999999Ei",
            "-1E",
            "-1Gi",
            "-1G",
            "-1",
            "-1m",
            "-1n",
            "0",
            "1e-2147483648",
            "1n",
            "1u",
            "1m",
            "999m",
            "1",
            "1.000000001",
            "1Ki",
            "1M",
            "1Mi",
            "1G",
            "1Gi",
            "1T",
            "1Ti",
            "1P",
            "1Pi",
            "1E",
            "1Ei",
            "999999999E",
            "999999999Ei",
            "1e2147483647",
        ];
        for (i, a) in ascending.iter().enumerate() {
            for (j, b) in ascending.iter().enumerate() {
                assert_eq!(q(a).cmp(&q(b)), i.cmp(&j), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn large_values_do_not_overflow() {
        let huge = q("999999999Ei");
        assert!(huge > q("1e18"));
        assert!(huge < q("1e28"));
        assert!(huge > q("1e27"));
        assert!(q("1e2147483647") > huge);
        assert!(q("-1e2147483647") < q("-999999999Ei"));
        assert!(q("1e-2147483648") > q("0"));
        assert!(q("1e-2147483648") < q("1n"));
        // A number with many digits and a large exponent.
        let long = format!("{}e2147483647", "9".repeat(500));
        assert!(q(&long) > q("1e2147483647"));
    }

    #[test]
    fn sign_and_zero() {
        assert!(q("-1").is_negative());
        assert!(q("-0.5Gi").is_negative());
        assert!(!q("-0").is_negative());
        assert!(!q("1").is_negative());
        assert!(q("-0m").is_zero());
        assert!(!q("1n").is_zero());
    }

    #[test]
    fn display_and_hash() {
        assert_eq!(q("512Mi").to_string(), "512Mi");
        assert_eq!(q("1.5").as_str(), "1.5");
        let set: HashSet<Quantity> = ["1Gi", "1024Mi", "1G", "1e9"]
            .iter()
            .map(|s| q(s))
            .collect();
        assert_eq!(set.len(), 2);
        assert_eq!("2G".parse::<Quantity>(), Ok(q("2000M")));
    }

    #[test]
    fn sorting_uses_numeric_order() {
        let mut v: Vec<Quantity> = ["1Gi", "1G", "500m", "1", "-2", "1e3"]
            .iter()
            .map(|s| q(s))
            .collect();
        v.sort();
        let texts: Vec<&str> = v.iter().map(Quantity::as_str).collect();
        assert_eq!(texts, ["-2", "500m", "1", "1e3", "1G", "1Gi"]);
    }
}
