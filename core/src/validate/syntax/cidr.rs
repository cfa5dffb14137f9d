//! CIDR blocks (`10.20.0.0/16`, `2001:db8::/32`) for NetworkPolicy `ipBlock`
//! rules, Service/Pod ranges and similar fields.
//!
//! Parsing follows Go's `net.ParseCIDR`: an IPv4 or IPv6 address (no zone),
//! a mandatory '/', and a decimal prefix length within the family's range.
//! Host bits are allowed (`10.0.0.1/8` parses).

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// An IPv4 or IPv6 address with a prefix length.
///
/// Equality is structural: `10.0.0.1/8` and `10.0.0.0/8` differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr {
    addr: IpAddr,
    prefix_len: u8,
}

impl Cidr {
    /// The prefix length (0-32 for IPv4, 0-128 for IPv6).
    pub fn prefix_len(&self) -> u8 {
        self.prefix_len
    }

    /// True if `other` lies entirely inside `self`: same address family, a
    /// prefix at least as long, and the same network bits under `self`'s
    /// prefix. A block contains itself; host bits are ignored.
    ///
    /// Used to check, e.g., that NetworkPolicy `except` entries are subnets
    /// of their `cidr`.
    pub fn contains(&self, other: &Cidr) -> bool {
        if self.addr.is_ipv4() != other.addr.is_ipv4() || other.prefix_len < self.prefix_len {
            return false;
        }
        let (a, width) = to_bits(self.addr);
        let (b, _) = to_bits(other.addr);
        let m = mask(self.prefix_len, width);
        a & m == b & m
    }
}

fn to_bits(addr: IpAddr) -> (u128, u8) {
    match addr {
        IpAddr::V4(a) => (u128::from(u32::from(a)), 32),
        IpAddr::V6(a) => (u128::from(a), 128),
    }
}

fn width_mask(width: u8) -> u128 {
    if width >= 128 {
        u128::MAX
    } else {
        (1u128 << width) - 1
    }
}

/// The network mask for `prefix` bits of a `width`-bit address.
fn mask(prefix: u8, width: u8) -> u128 {
    if prefix == 0 {
        0
    } else {
        (u128::MAX << (width - prefix)) & width_mask(width)
    }
}

/// Parses a CIDR such as `10.20.0.0/16` or `2001:db8::/32`.
///
/// The prefix length is required and must be 0-32 for IPv4 or 0-128 for
/// IPv6; zoned addresses (`fe80::1%eth0/64`) and IPv4 octets with leading
/// zeros are rejected, as by Go's `net.ParseCIDR`.
pub fn parse_cidr(s: &str) -> Result<Cidr, String> {
    if s.is_empty() {
        return Err("must not be empty".to_string());
    }
    let Some((addr_text, prefix_text)) = s.split_once('/') else {
        return Err("must include a prefix length (e.g. 10.0.0.0/16 or 2001:db8::/32)".to_string());
    };
    let addr: IpAddr = addr_text
        .parse()
        .map_err(|_| format!("'{addr_text}' is not a valid IPv4 or IPv6 address"))?;
    let (family, max) = if addr.is_ipv4() {
        ("IPv4", 32u8)
    } else {
        ("IPv6", 128u8)
    };
    let range_error = || format!("prefix length must be a number between 0 and {max} for {family}");
    if prefix_text.is_empty() || !prefix_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(range_error());
    }
    let prefix_len = match prefix_text.parse::<u32>() {
        Ok(n) if n <= u32::from(max) => n as u8,
        _ => return Err(range_error()),
    };
    Ok(Cidr { addr, prefix_len })
}

impl FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_cidr(s)
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Cidr {
        parse_cidr(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn parses_valid_cidrs() {
        for s in [
            "10.20.0.0/16",
            "0.0.0.0/0",
            "192.168.1.1/32",
            "10.0.0.1/8",
            "2001:db8::/32",
            "::/0",
            "::1/128",
            "fd00::/8",
            "::ffff:10.0.0.0/104",
            "10.0.0.0/08",
        ] {
            c(s);
        }
        let v4 = c("10.20.0.0/16");
        assert_eq!(v4.prefix_len(), 16);
        assert_eq!(v4.to_string(), "10.20.0.0/16");
        assert_eq!(c("2001:0db8::/32").to_string(), "2001:db8::/32");
        assert_eq!("10.0.0.0/8".parse::<Cidr>(), Ok(c("10.0.0.0/8")));
    }

    #[test]
    fn rejects_invalid_cidrs() {
        let cases = [
            ("", "must not be empty"),
            ("10.0.0.0", "must include a prefix length"),
            ("2001:db8::", "must include a prefix length"),
            ("10.0.0.0/", "between 0 and 32 for IPv4"),
            ("10.0.0.0/33", "between 0 and 32 for IPv4"),
            ("10.0.0.0/-1", "between 0 and 32 for IPv4"),
            ("10.0.0.0/+8", "between 0 and 32 for IPv4"),
            ("10.0.0.0/8/8", "between 0 and 32 for IPv4"),
            ("10.0.0.0/ 8", "between 0 and 32 for IPv4"),
            ("10.0.0.0/99999999999", "between 0 and 32 for IPv4"),
            ("2001:db8::/129", "between 0 and 128 for IPv6"),
            ("2001:db8::/x", "between 0 and 128 for IPv6"),
            ("10.0.0/8", "'10.0.0' is not a valid IPv4 or IPv6 address"),
            ("256.0.0.0/8", "is not a valid"),
            ("010.0.0.0/8", "is not a valid"),
            ("fe80::1%eth0/64", "is not a valid"),
            ("/8", "'' is not a valid"),
            (" 10.0.0.0/8", "is not a valid"),
            ("example.com/8", "is not a valid"),
        ];
        for (s, needle) in cases {
            let e = parse_cidr(s).expect_err(s);
            assert!(e.contains(needle), "{s:?}: {e:?}");
            assert!(!e.ends_with('.'));
        }
    }

    #[test]
    fn prefix_boundaries() {
        assert_eq!(c("1.2.3.4/32").prefix_len(), 32);
        assert_eq!(c("::/128").prefix_len(), 128);
        assert!(parse_cidr("1.2.3.4/33").is_err());
        assert!(parse_cidr("::/129").is_err());
    }

    #[test]
    fn containment() {
        let block = c("10.20.0.0/16");
        assert!(block.contains(&c("10.20.0.0/16")));
        assert!(block.contains(&c("10.20.5.0/24")));
        assert!(block.contains(&c("10.20.255.255/32")));
        assert!(!block.contains(&c("10.21.0.0/24")));
        assert!(!block.contains(&c("10.0.0.0/8")));
        assert!(!block.contains(&c("10.20.0.0/15")));
        assert!(c("10.20.1.2/16").contains(&c("10.20.3.0/24")));
        assert!(c("0.0.0.0/0").contains(&c("192.168.0.0/16")));
        assert!(c("::/0").contains(&c("2001:db8::/32")));
        assert!(!c("0.0.0.0/0").contains(&c("::/0")));
        assert!(!c("::/0").contains(&c("10.0.0.0/8")));
        assert!(!c("::ffff:0.0.0.0/96").contains(&c("10.0.0.0/8")));
        assert!(c("2001:db8::/32").contains(&c("2001:db8:abcd::/48")));
        assert!(!c("2001:db8::/32").contains(&c("2001:db9::/48")));
        assert!(c("1.2.3.4/32").contains(&c("1.2.3.4/32")));
        assert!(!c("1.2.3.4/32").contains(&c("1.2.3.5/32")));
    }
}
