//! Receipt codes: twelve characters from an alphabet without look-alikes,
//! shown in three groups of four (`K7MQ-4QX9-PD2R`) so a child can copy them.
pub const RECEIPT_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const RECEIPT_LEN: usize = 12;

/// Upper-cases and drops spaces and dashes; `None` unless 12 alphabet characters remain.
pub fn normalise_receipt(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_' && *c != '.')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == RECEIPT_LEN && code.bytes().all(|b| RECEIPT_ALPHABET.contains(&b))).then_some(code)
}

pub fn grouped(code: &str) -> String {
    code.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_forgiving_to_type_but_strict_in_content() {
        assert_eq!(normalise_receipt("k7mq-4qx9 pd2r").as_deref(), Some("K7MQ4QX9PD2R"));
        assert_eq!(normalise_receipt("K7MQ4QX9PD2"), None, "too short");
        assert_eq!(normalise_receipt("K7MQ4QX9PD2O"), None, "O is not in the alphabet");
        assert_eq!(grouped("K7MQ4QX9PD2R"), "K7MQ-4QX9-PD2R");
    }
}
