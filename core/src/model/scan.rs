//! The tokens of a workflow's JSON text, for the reader of [`super::stream`].
//!
//! serde_json's deserializer spent about 160 instructions on each key and 260 on each
//! string value of a workflow (skipping whitespace, finding the end of a short string in
//! chunks of eight bytes, its general number and error paths): reading was three quarters
//! of `kubegraph validate`. This deserializer knows less: it reads JSON that is well
//! formed, with short strings, and refuses everything else without saying why. A refusal
//! sends the document to serde_json (the `Value` path), which reads what this one cannot
//! and words the error a user sees. So it must never accept what serde_json refuses, and
//! must give the visitors what serde_json's deserializer gives them: strings borrowed
//! when they hold no escape, integers as `u64` or `i64` as serde_json reads them, other
//! numbers as the nearest `f64`.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

/// Why the text was not read here; the `Value` path finds out and says it.
#[derive(Debug)]
pub(crate) struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("read through a JSON value instead")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Refused
    }
}

/// Nesting deeper than this is left to serde_json, whose own limit is 128.
const MAX_DEPTH: u32 = 100;

/// Exponents with more digits than this are left to serde_json (out of range or zero).
const MAX_EXPONENT_DIGITS: usize = 3;

/// Bytes that end the plain run of a string: the quote, an escape, a control character.
const STRING_STOP: [bool; 256] = {
    let mut stop = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        stop[byte] = true;
        byte += 1;
    }
    stop[b'"' as usize] = true;
    stop[b'\\' as usize] = true;
    stop
};

/// The length of the run of `bytes` before the first [`STRING_STOP`], if there is one.
/// Eight bytes at a time: most strings of a workflow are ids, names and keys of 5 to 20
/// bytes, where a byte at a time cost more than the rest of reading the string.
fn plain_run(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    const HIGH_BITS: u64 = ONES << 7;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(chunk);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        // The high bit of the lowest byte that is zero (a quote, a backslash) or below
        // 0x20 is set; bits above it may be set too, so only the lowest counts.
        let found = (quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash
            | word.wrapping_sub(ONES * 0x20) & !word)
            & HIGH_BITS;
        if found != 0 {
            return Some(offset + found.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&byte| STRING_STOP[usize::from(byte)])
        .map(|run| offset + run)
}

/// A string token: borrowed from the text unless it held an escape.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

/// Reads JSON tokens from a text.
pub(crate) struct Scanner<'de> {
    text: &'de str,
    at: usize,
    depth: u32,
}

impl<'de> Scanner<'de> {
    pub(crate) fn new(text: &'de str) -> Self {
        Scanner {
            text,
            at: 0,
            depth: 0,
        }
    }

    /// Whether only whitespace is left.
    pub(crate) fn end(&mut self) -> Result<(), Refused> {
        match self.skip_whitespace() {
            None => Ok(()),
            Some(_) => Err(Refused),
        }
    }

    /// The next byte that is not whitespace, not consumed.
    fn skip_whitespace(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            match byte {
                b' ' | b'\n' | b'\r' | b'\t' => self.at += 1,
                _ => return Some(byte),
            }
        }
        None
    }

    fn expect(&mut self, byte: u8) -> Result<(), Refused> {
        if self.skip_whitespace() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Refused)
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), Refused> {
        if self.text.as_bytes()[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(())
        } else {
            Err(Refused)
        }
    }

    /// The string whose opening quote is at the current position.
    fn string(&mut self) -> Result<Text<'de>, Refused> {
        self.at += 1;
        let start = self.at;
        let bytes = self.text.as_bytes();
        let run = plain_run(&bytes[start..]).ok_or(Refused)?;
        self.at = start + run;
        match bytes[self.at] {
            b'"' => {
                self.at += 1;
                Ok(Text::Borrowed(&self.text[start..start + run]))
            }
            b'\\' => self.escaped(start).map(Text::Owned),
            _ => Err(Refused),
        }
    }

    /// The rest of a string that holds an escape, from its start.
    fn escaped(&mut self, start: usize) -> Result<String, Refused> {
        let bytes = self.text.as_bytes();
        let mut text = String::from(&self.text[start..self.at]);
        loop {
            match bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    let escape = *bytes.get(self.at + 1).ok_or(Refused)?;
                    self.at += 2;
                    let unescaped = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(Refused),
                    };
                    text.push(unescaped);
                }
                Some(_) => {
                    let run = plain_run(&bytes[self.at..]).ok_or(Refused)?;
                    if run == 0 {
                        return Err(Refused);
                    }
                    text.push_str(&self.text[self.at..self.at + run]);
                    self.at += run;
                }
                None => return Err(Refused),
            }
        }
    }

    /// The character of a `\u` escape whose four digits come next (two escapes for a
    /// character outside the Basic Multilingual Plane; half of one is refused).
    fn unicode_escape(&mut self) -> Result<char, Refused> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                self.literal("\\u")?;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(Refused);
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(Refused),
            _ => first,
        };
        char::from_u32(code).ok_or(Refused)
    }

    fn hex4(&mut self) -> Result<u32, Refused> {
        let digits = self.text.get(self.at..self.at + 4).ok_or(Refused)?;
        if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Err(Refused);
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| Refused)
    }

    /// Skips ASCII digits; how many there were.
    fn digits(&mut self) -> usize {
        let bytes = self.text.as_bytes();
        let count = bytes[self.at..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        self.at += count;
        count
    }

    /// A number, visited as serde_json visits it: a non-negative integer that fits as
    /// `u64`, a negative one that fits as `i64` (`-0` is a float), anything else as `f64`.
    fn number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Refused> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let negative = bytes[self.at] == b'-';
        if negative {
            self.at += 1;
        }
        let digits_start = self.at;
        match bytes.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Refused),
        }
        let integer = &self.text[digits_start..self.at];
        let mut fraction_or_exponent = false;
        if bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(Refused);
            }
            fraction_or_exponent = true;
        }
        if matches!(bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            let exponent_digits = self.digits();
            if exponent_digits == 0 || exponent_digits > MAX_EXPONENT_DIGITS {
                return Err(Refused);
            }
            fraction_or_exponent = true;
        }
        if !fraction_or_exponent && let Ok(significand) = integer.parse::<u64>() {
            if !negative {
                return visitor.visit_u64(significand);
            }
            // As serde_json: the negation wraps to a non-negative number for `-0` and
            // below `i64::MIN`, which are read as floats.
            let negated = (significand as i64).wrapping_neg();
            return if negated >= 0 {
                visitor.visit_f64(-(significand as f64))
            } else {
                visitor.visit_i64(negated)
            };
        }
        let value: f64 = self.text[start..self.at].parse().map_err(|_| Refused)?;
        if !value.is_finite() {
            return Err(Refused);
        }
        visitor.visit_f64(value)
    }

    /// The first byte of the next item of an array or object, past the comma that comes
    /// before every item but the `first`; `None` at the `close` that ends them.
    fn next_in(&mut self, close: u8, first: &mut bool) -> Result<Option<u8>, Refused> {
        let mut next = self.skip_whitespace().ok_or(Refused)?;
        if next == close {
            return Ok(None);
        }
        if !std::mem::replace(first, false) {
            if next != b',' {
                return Err(Refused);
            }
            self.at += 1;
            next = self.skip_whitespace().ok_or(Refused)?;
        }
        Ok(Some(next))
    }

    fn nest(&mut self) -> Result<(), Refused> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Refused);
        }
        self.at += 1;
        Ok(())
    }
}

impl<'de> Deserializer<'de> for &mut Scanner<'de> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.skip_whitespace().ok_or(Refused)? {
            b'"' => match self.string()? {
                Text::Borrowed(text) => visitor.visit_borrowed_str(text),
                Text::Owned(text) => visitor.visit_string(text),
            },
            b'{' => {
                self.nest()?;
                let value = visitor.visit_map(Entries {
                    scanner: &mut *self,
                    first: true,
                })?;
                self.expect(b'}')?;
                self.depth -= 1;
                Ok(value)
            }
            b'[' => {
                self.nest()?;
                let value = visitor.visit_seq(Items {
                    scanner: &mut *self,
                    first: true,
                })?;
                self.expect(b']')?;
                self.depth -= 1;
                Ok(value)
            }
            b'n' => {
                self.literal("null")?;
                visitor.visit_unit()
            }
            b't' => {
                self.literal("true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal("false")?;
                visitor.visit_bool(false)
            }
            b'-' | b'0'..=b'9' => self.number(visitor),
            _ => Err(Refused),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        if self.skip_whitespace() == Some(b'n') {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        visitor.visit_newtype_struct(self)
    }

    /// Enums are not read straight from the text anywhere; left to serde_json.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Refused> {
        Err(Refused)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The entries of an object whose `{` was read.
struct Entries<'a, 'de> {
    scanner: &'a mut Scanner<'de>,
    first: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Refused> {
        match self.scanner.next_in(b'}', &mut self.first)? {
            None => return Ok(None),
            Some(b'"') => {}
            Some(_) => return Err(Refused),
        }
        let key = seed.deserialize(ObjectKey(&mut *self.scanner))?;
        self.scanner.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        seed.deserialize(&mut *self.scanner)
    }
}

/// The items of an array whose `[` was read.
struct Items<'a, 'de> {
    scanner: &'a mut Scanner<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Refused> {
        if self.scanner.next_in(b']', &mut self.first)?.is_none() {
            return Ok(None);
        }
        seed.deserialize(&mut *self.scanner).map(Some)
    }
}

/// An object's key, at its opening quote: a string whatever the visitor asks for (as
/// serde_json gives a key to a visitor of strings).
struct ObjectKey<'a, 'de>(&'a mut Scanner<'de>);

impl<'de> Deserializer<'de> for ObjectKey<'_, 'de> {
    type Error = Refused;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.0.string()? {
            Text::Borrowed(text) => visitor.visit_borrowed_str(text),
            Text::Owned(text) => visitor.visit_string(text),
        }
    }

    /// Keys read as anything but strings (numbers, enums) are left to serde_json.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Refused> {
        Err(Refused)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Deserialize;
    use serde_json::Value;

    use super::Scanner;

    /// What the scanner reads, if it reads the whole text.
    fn scanned(text: &str) -> Option<Value> {
        let mut scanner = Scanner::new(text);
        let value = Value::deserialize(&mut scanner).ok()?;
        scanner.end().ok()?;
        Some(value)
    }

    /// The scanner reads `text` as serde_json does or leaves it to serde_json; it never
    /// reads what serde_json refuses. Numbers compare by their text, so `-0.0` is not `0.0`.
    fn agrees_with_serde_json(text: &str) -> bool {
        let expected = serde_json::from_str::<Value>(text).ok();
        match scanned(text) {
            Some(read) => {
                let expected =
                    expected.unwrap_or_else(|| panic!("read what serde_json refuses: {text:?}"));
                assert_eq!(read.to_string(), expected.to_string(), "{text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn well_formed_json_reads_as_serde_json_reads_it() {
        for text in [
            r#"{"a": "b", "c": [1, -2, 3.5, -0, 0, -0.0, 1e3, 1E-3, 2.5e+2], "d": {"e": null, "f": true, "g": false}}"#,
            " \t\r\n{ \"spaced\" : [ ] , \"empty\" : { } } \n",
            r#"["18446744073709551615", 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809]"#,
            r#"[123456789012345678901234567890, 0.1000000000000000055511151231257827021181583404541015625, 1e-300, 1.7976931348623157e308]"#,
            r#"["tab\there", "quote\"and\\slash\/", "\b\f\n\r\t", "\u00e9\u4e2d\ud83d\ude00", "é中😀 plain"]"#,
            r#"{"key with \"escape\"": 1, "k\u0065y": 2, "": "", "a": "exactly8", "b": "sixteen bytes..."}"#,
        ] {
            assert!(agrees_with_serde_json(text), "left to serde_json: {text}");
        }
    }

    #[test]
    fn what_serde_json_refuses_or_reads_otherwise_is_left_to_it() {
        for text in [
            "",
            " ",
            "{",
            "[1, 2",
            r#"{"a" 1}"#,
            r#"{"a": 1,}"#,
            "[1, 2,]",
            "[1 2]",
            r#"{"a": 1 "b": 2}"#,
            "{1: 2}",
            "tru",
            "nul",
            "falsey",
            "01",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "1e+",
            "--1",
            "0x10",
            "1e400",
            "-1e400",
            "1e0001",
            "\"unterminated",
            "\"control \u{1} character\"",
            r#""\x""#,
            r#""\u12""#,
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#"{"a": 1} trailing"#,
            "[1] [2]",
            "NaN",
            "Infinity",
        ] {
            assert!(!agrees_with_serde_json(text), "read here: {text:?}");
        }
        let deep = format!("{}{}", "[".repeat(101), "]".repeat(101));
        assert_eq!(
            scanned(&deep),
            None,
            "nesting deeper than 100 is left to serde_json"
        );
        let shallow = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(agrees_with_serde_json(&shallow));
    }

    /// Any JSON value, with strings of any characters and numbers of any size.
    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |x| x.is_finite())
                .prop_map(Value::from),
            any::<String>().prop_map(Value::from),
            "[a-z\"\\\\/ \t\n\u{7f}-\u{3000}]{0,24}".prop_map(Value::from),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                prop::collection::vec((any::<String>(), inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_reads_as_serde_json_reads_it(value in value()) {
            for text in [value.to_string(), serde_json::to_string_pretty(&value).expect("a value prints")] {
                prop_assert!(agrees_with_serde_json(&text), "left to serde_json: {}", text);
            }
        }

        #[test]
        fn a_text_changed_anywhere_is_never_read_otherwise(value in value(), at in any::<prop::sample::Index>(), byte in prop::sample::select(b"\"\\{}[],:-+.eE0123456789 tfnu\x01".to_vec())) {
            let mut text = value.to_string().into_bytes();
            let at = at.index(text.len());
            text[at] = byte;
            if let Ok(text) = String::from_utf8(text) {
                agrees_with_serde_json(&text);
            }
        }

        #[test]
        fn any_text_is_never_read_otherwise(text in any::<String>()) {
            agrees_with_serde_json(&text);
        }
    }
}
