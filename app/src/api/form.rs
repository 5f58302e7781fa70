//! Strict parsing of `application/x-www-form-urlencoded` bodies. Unlike the
//! usual extractors, invalid UTF-8 is detected (and reported to the young
//! person) instead of being silently replaced or answered in English.

#[derive(Debug, Default, Clone)]
pub struct RawForm {
    pub fields: Vec<(String, String)>,
    /// Some value was not valid UTF-8; it was kept with replacement characters.
    pub invalid_utf8: bool,
}

fn decode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < raw.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(raw[i + 1]), hex(raw[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

impl RawForm {
    pub fn parse(body: &[u8]) -> RawForm {
        let mut form = RawForm::default();
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &b""[..]),
            };
            let mut text = |bytes: Vec<u8>| match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => {
                    form.invalid_utf8 = true;
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            };
            let name = text(decode(name));
            let value = text(decode(value));
            form.fields.push((name, value));
        }
        form
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_flags_broken_utf8() {
        let f = RawForm::parse(b"a=1&b=hello+world&c=%E1%9E%9F&c=x&d");
        assert_eq!(f.get("b"), Some("hello world"));
        assert_eq!(f.get("c"), Some("ស"));
        assert_eq!(f.all("c"), vec!["ស", "x"]);
        assert_eq!(f.get("d"), Some(""));
        assert!(!f.invalid_utf8);
        let f = RawForm::parse(b"t=ok%FF%FEbad&u=%zz%");
        assert!(f.invalid_utf8);
        assert_eq!(f.get("t"), Some("ok\u{FFFD}\u{FFFD}bad"));
        assert_eq!(f.get("u"), Some("%zz%"));
    }
}
