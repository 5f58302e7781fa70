//! Finds what looks like personal details in free text, so moderation can
//! redact it before anyone else reads it. Digits of every script count
//! (Khmer ០–៩, Thai ๐–๙, Lao ໐–໙, Burmese ၀–၉ …), since children type numbers
//! in their own script.
//!
//! Measured against a corpus in all seven shipped languages, with precision
//! and recall printed: `cargo test -p app --features ssr --test pii_corpus --
//! --nocapture` (`app/tests/pii_corpus.rs`).
use std::sync::LazyLock;

use regex::Regex;

/// (start byte, end byte, kind)
pub type Span = (usize, usize, &'static str);

struct Pattern {
    kind: &'static str,
    /// The span is the group named `pii` when the pattern has one, so that a
    /// pattern can require what comes before a detail (a keyword, a
    /// separator) without redacting it; otherwise the whole match.
    re: Regex,
    /// Tried at the start of a match, on the text with every digit made
    /// ASCII: when it reaches at least as far as the match, the match is an
    /// ordinary number (a date, an amount of money …), not a personal detail.
    unless: Option<Regex>,
}

/// The zero of each script whose digits [`ordinary`] reads as ASCII ones:
/// ASCII, Khmer, Thai, Lao, Burmese, Shan, full-width.
const DIGIT_ZEROS: [char; 7] = ['0', '០', '๐', '໐', '၀', '႐', '０'];

/// A pattern that does not compile stops start-up (see [`check`]): a
/// finder that silently skipped it would let personal details through.
/// Order matters: where two patterns match the same text, the first wins.
static PATTERNS: LazyLock<Result<Vec<Pattern>, String>> = LazyLock::new(|| {
    let re =
        |kind: &str, re: &str| Regex::new(re).map_err(|e| format!("personal-detail pattern {kind}: {e}"));
    let p = |kind, pattern: &str| Ok(Pattern { kind, re: re(kind, pattern)?, unless: None });
    let q = |kind, pattern: &str, unless: &str| {
        Ok(Pattern { kind, re: re(kind, pattern)?, unless: Some(re(kind, unless)?) })
    };
    [
        // Latin letters only around the @: in Thai, Lao, Khmer, Burmese and
        // Chinese the address is written straight after the words around it,
        // and `\p{L}` took those words into the span.
        p("email", r"(?i)[\p{Latin}\p{N}._%+-]+@[\p{Latin}\p{N}-]+(?:\.[\p{Latin}\p{N}-]+)+"),
        // Children often leave out the ".com" of a well-known provider.
        p("email", r"(?i)(?-u:\b)[a-z0-9._%+-]+@(?:gmail|yahoo|hotmail|outlook|icloud|live|qq|163|126)(?-u:\b)"),
        // Written to dodge filters: sokha(at)gmail.com, sokha at gmail dot com.
        p("email", r"(?i)(?-u:\b)[a-z0-9._%+-]+\s?[(\[{]\s?at\s?[)\]}]\s?[a-z0-9-]+(?:\s?(?:\.|[(\[{]\s?dot\s?[)\]}])\s?[a-z0-9-]+)+"),
        p("email", r"(?i)(?-u:\b)[a-z0-9._%+-]+\s+at\s+[a-z0-9-]+\s+dot\s+[a-z]{2,}(?-u:\b)"),
        // ASCII word boundaries, not Unicode ones: `\b` never holds between
        // a Thai (or Chinese …) letter and a Latin one, so "ดูที่facebook.com"
        // was missed; a boundary after the ending keeps "ok.then" from
        // being read as the site "ok.th".
        p("url", r"(?i)(?-u:\b)(?:https?://|www\.)\S+|(?-u:\b)(?:[\p{Latin}\p{N}-]+\.)+(?:com|net|org|me|io|info|app|kh|th|vn|la|mm|cn|asia|ly|gl|be|tv|co|edu|gov)(?-u:\b)(?:/\S*)?"),
        // Social handles, also straight after a letter of a script without
        // spaces or after punctuation ("ไอจีหนู@malee", "IG:@mai"), where
        // they used to need a space before them. ASCII only: "@ศูนย์" is
        // "at the centre", not a handle; nor are "@home", "@school".
        q(
            "handle",
            r"(?:^|[^A-Za-z0-9_.@])(?P<pii>@[A-Za-z0-9_][A-Za-z0-9_.]+[A-Za-z0-9_])",
            r"(?i)^@(?:home|school|work|the|night|church|office|shelter|centre|center|camp|all|everyone|here)(?:[^a-z0-9_]|$)",
        ),
        // A handle without @ after the platform's name ("my ig is mai.2008",
        // "微信号wxid_abc123", "ไลน์ไอดี: noon_2009"). It must hold a digit,
        // dot or underscore, so "my facebook is great" is left alone.
        p("handle", r"(?i)(?:^|[^a-z])(?:(?:facebook|fb|instagram|insta|ig|tiktok|telegram|line|zalo|wechat|weixin|snapchat|twitter|viber|whatsapp|messenger|discord)(?-u:\b)|微信|抖音|快手|微博|ไลน์|ไอจี|เฟซบุ๊ก|เฟสบุ๊ค|ติ๊กต็อก|តេឡេក្រាម|ហ្វេសប៊ុក|ເຟສບຸກ|ໄລນ໌)(?:[\s:：=\-–]|id|is|name|account|của em|là|คือ|ไอดี|ຄື|ແມ່ນ|គឺ|号|號|是|账号)*(?P<pii>[a-z][a-z0-9]*[._0-9][a-z0-9_.]*)"),
        // QQ accounts are numbers; without this they were reported as phones.
        p("handle", r"(?i)(?:^|[^a-z])qq(?:号码?|號碼?|\s?number|\s?no\.?|\s?id)?\s?(?:是|:|：|is)?\s?(?P<pii>\p{Nd}{5,11})"),
        // Burmese national registration card: 12/OUKAMA(N)123456,
        // ၁၂/ဥကမ(နိုင်)၁၂၃၄၅၆ (six digits: no other pattern saw it).
        p("id_number", r"\p{Nd}{1,2}\s?/\s?[\p{L}\p{M}]{2,12}\s?[(（]\s?[\p{L}\p{M}]{1,10}\s?[)）]\s?\p{Nd}{5,6}"),
        // A number after the name of an identity document, in any of the
        // seven languages: ID cards of Cambodia (9 digits) and Vietnam (CMND,
        // 9) look like phone numbers and were reported as phones. Latin
        // keywords start a word ("id no" is in "did not").
        p("id_number", r"(?i)(?:(?-u:\b)(?:passport|id card|identity card|id no|id number|national id|nrc|cccd|cmnd|căn cước|chứng minh|hộ chiếu)|บัตรประชาชน|บัตรประจำตัว|เลขประจำตัว|พาสปอร์ต|หนังสือเดินทาง|身份证|身份證|护照|護照|អត្តសញ្ញាណប័ណ្ណ|លិខិតឆ្លងដែន|ប័ណ្ណសម្គាល់ខ្លួន|ບັດປະຈຳຕົວ|ໜັງສືຜ່ານແດນ|ພາສປອດ|မှတ်ပုံတင်|နိုင်ငံကူးလက်မှတ်|သက်သေခံကတ်)[^\p{Nd}\n]{0,20}?(?P<pii>[A-Za-z]{0,2}\p{Nd}(?:[\s-]?\p{Nd}){5,}[Xx]?)"),
        // Numbers that are ID numbers by their shape, not phones (they are
        // longer than any phone number without its +): Chinese resident ID,
        // 17 digits and a check digit or X, often grouped 6-8-4; Thai ID
        // written 1-2345-67890-12-3; Vietnamese CCCD, 12 digits from 0; Thai
        // ID, 13 digits, but not from 86 or 856 (China's and Laos's codes).
        p("id_number", r"\p{Nd}{6}\s?\p{Nd}{8}\s?\p{Nd}{3}[\p{Nd}Xx]"),
        p("id_number", r"\p{Nd}[\s-]\p{Nd}{4}[\s-]\p{Nd}{5}[\s-]\p{Nd}{2}[\s-]\p{Nd}"),
        p("id_number", r"[0０០๐໐၀]\p{Nd}{11}|[1-7]\p{Nd}{12}|8[0-47-9]\p{Nd}{11}|85[0-57-9]\p{Nd}{10}"),
        // A letter or two followed by six or more digits: passport or ID
        // card numbers. Latin letters after an ASCII boundary: `\b` missed
        // "护照号E12345678", and `\p{L}` took the Burmese letter ဝ (written
        // for the digit ၀) as a passport prefix.
        p("id_number", r"(?-u:\b)[A-Za-z]{1,2}\p{Nd}{6,}"),
        // Eight or more digits, perhaps with spaces, dots, dashes, brackets
        // (also full-width, as typed on Chinese keyboards) or a leading +.
        // Zero-width spaces count as spaces: Khmer (and Burmese, Thai, Lao)
        // text is full of them, and normalising the form keeps them. The
        // Burmese letter ဝ is often typed for the digit ၀ (ဝ၉…). Not:
        // dates (2024-05-12, 12.05.2024), school years (2023-2024,
        // 2566-2567), times (08.00-16.30), amounts with thousands separators
        // (15.000.000 đồng; 10 000 000 with a currency after it).
        q(
            "phone",
            r"\+?[\p{Nd}ဝ](?:[\s().\-–—－（）．\u{200b}-\u{200d}\u{2060}\u{feff}]{0,2}\p{Nd}){7,}",
            r"(?i)^(?:(?:[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{4})(?:[ T][0-9]{1,2}[:.h][0-9]{2})?|(?:19|20|25)[0-9]{2}\s?[-–]\s?(?:19|20|25)[0-9]{2}|[0-2]?[0-9][.:][0-5][0-9]\s?[-–]\s?[0-2]?[0-9][.:][0-5][0-9]|[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,2}(?:[ \u{a0}\u{202f}][0-9]{3})+\s?(?:riel|រៀល|៛|kip|ກີບ|₭|baht|บาท|฿|kyat|ကျပ်|đồng|đ|dong|vnd|usd|dollars?|\$|元|块|yuan|rmb))(?:[^0-9]|$)",
        ),
    ]
    .into_iter()
    .collect()
});

/// A combining mark: a name must not end in the middle of a syllable.
static MARK: LazyLock<Result<Regex, String>> =
    LazyLock::new(|| Regex::new(r"^\p{M}").map_err(|e| format!("personal-detail pattern mark: {e}")));

/// Compiles the patterns; the server refuses to start when one fails.
pub fn check() -> Result<(), String> {
    PATTERNS.as_ref().map(|_| ()).map_err(Clone::clone)?;
    MARK.as_ref().map(|_| ()).map_err(Clone::clone)
}

/// Spans that look like personal details. `names` is the installation's
/// list of names to catch (matched as whole words, case-insensitively; in
/// scripts written without spaces, wherever they do not split a syllable).
pub fn find(text: &str, names: &[String]) -> Result<Vec<Span>, String> {
    find_all(text, names, &[])
}

/// As [`find`], with a programme's places too (shelters, villages: an
/// administrator keeps the list per programme), reported as `place`.
pub fn find_all(text: &str, names: &[String], places: &[String]) -> Result<Vec<Span>, String> {
    let mut spans: Vec<Span> = Vec::new();
    for p in PATTERNS.as_ref().map_err(Clone::clone)? {
        for c in p.re.captures_iter(text) {
            let Some(m) = c.name("pii").or_else(|| c.get(0)) else { continue };
            let (start, end) = (m.start() + leading_space(m.as_str()), m.end());
            if start == end || cuts_a_number(text, start, end) || ordinary(p, text, start, end) {
                continue;
            }
            if !spans.iter().any(|(s, e, _)| start < *e && *s < end) {
                spans.push((start, end, p.kind));
            }
        }
    }
    let mark = MARK.as_ref().map_err(Clone::clone)?;
    let is_mark = |c: Option<char>| c.is_some_and(|c| mark.is_match(c.encode_utf8(&mut [0; 4])));
    // Letter by letter, keeping each letter's length, so byte offsets stay
    // those of `text` (one "İ" used to switch name matching off entirely).
    let lower = fold(text);
    let mut words: Vec<(String, &'static str)> = names
        .iter()
        .map(|n| (n, "name"))
        .chain(places.iter().map(|p| (p, "place")))
        .map(|(n, kind)| (fold(n.trim()), kind))
        .filter(|(n, _)| n.chars().count() >= 2)
        .collect();
    // Longest first, so "Nguyễn Thị Lan" is caught whole before "Lan".
    words.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    words.dedup_by(|a, b| a.0 == b.0);
    for (name, kind) in &words {
        let (Some(first), Some(last)) = (name.chars().next(), name.chars().next_back()) else { continue };
        let mut from = 0;
        while let Some(at) = lower[from..].find(name.as_str()) {
            let (start, end) = (from + at, from + at + name.len());
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            // Thai, Lao, Khmer, Burmese and Chinese are written without
            // spaces between words, so a name there is found inside a run of
            // letters (it never was: "พี่สมชายใจดี", "我叫王小明"), unless
            // that splits a syllable: a mark after it, a leading vowel or a
            // stacking sign before it.
            let joined = |c: Option<char>, edge: char| {
                c.is_some_and(|c| c.is_alphanumeric() && !unspaced(c) && !unspaced(edge))
            };
            let splits = is_mark(after) || before.is_some_and(|c| "เแโใไເແໂໃໄ\u{17d2}\u{1039}".contains(c));
            if !joined(before, first)
                && !joined(after, last)
                && !splits
                && !spans.iter().any(|(s, e, _)| start < *e && *s < end)
            {
                spans.push((start, end, *kind));
            }
            from = end;
        }
    }
    spans.sort();
    Ok(spans)
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Lower case, letter by letter, where that keeps the letter's length.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// Letters of the scripts written without spaces between words: Thai, Lao,
/// Burmese, Khmer, and Chinese (with the other CJK blocks).
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F
        | 0x1780..=0x17FF | 0x19E0..=0x19FF | 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// A match that starts or ends inside a longer run of digits (or right after
/// a +) is not one: an ID-shaped piece of a phone number is the phone's.
fn cuts_a_number(text: &str, start: usize, end: usize) -> bool {
    let digit = |c: char| c.is_numeric();
    let (first, last) = (text[start..end].chars().next(), text[start..end].chars().next_back());
    let (before, after) = (text[..start].chars().next_back(), text[end..].chars().next());
    (first.is_some_and(digit) && before.is_some_and(|c| digit(c) || c == '+'))
        || (last.is_some_and(|c| digit(c) || c == 'X' || c == 'x') && after.is_some_and(digit))
}

/// Whether the pattern's `unless` says this match is an ordinary number.
fn ordinary(p: &Pattern, text: &str, start: usize, end: usize) -> bool {
    let Some(unless) = &p.unless else { return false };
    let len = text[start..end].chars().count();
    let ahead: String = text[start..].chars().take(len + 16).map(ascii_digit).collect();
    unless.find(&ahead).is_some_and(|u| u.start() == 0 && ahead[..u.end()].chars().count() >= len)
}

/// The ASCII digit for a digit of the scripts in [`DIGIT_ZEROS`].
fn ascii_digit(c: char) -> char {
    DIGIT_ZEROS
        .iter()
        .find_map(|&zero| {
            let d = (c as u32).checked_sub(zero as u32).filter(|d| *d < 10)?;
            char::from_digit(d, 10)
        })
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        find(text, &["Sokha".into(), "Mai".into()]).unwrap().into_iter().map(|(_, _, k)| k).collect()
    }

    #[test]
    fn catches_common_personal_details() {
        assert_eq!(kinds("call me 012 345 678"), vec!["phone"]);
        assert_eq!(kinds("+855 12-345-678 please"), vec!["phone"]);
        assert_eq!(kinds("ទូរស័ព្ទ ០១២ ៣៤៥ ៦៧៨"), vec!["phone"], "Khmer digits");
        assert_eq!(kinds("โทร ๐๘๑๒๓๔๕๖๗๘"), vec!["phone"], "Thai digits");
        assert_eq!(kinds("mail sokha.k@gmail.com"), vec!["email"], "the name inside is part of the e-mail");
        assert_eq!(kinds("see facebook.com/someone"), vec!["url"]);
        assert_eq!(kinds("my card N1234567"), vec!["id_number"]);
        assert_eq!(kinds("I am Sokha and my friend is mai."), vec!["name", "name"]);
        assert_eq!(kinds("@kid_2009 on tiktok"), vec!["handle"]);
        assert!(kinds("I am 15 and I liked the 3 meals a day").is_empty());
        assert!(kinds("Maintenance was slow").is_empty(), "names match whole words only");
    }

    #[test]
    fn a_programmes_places_are_found_as_places() {
        let places = ["Phum Thmey".to_owned(), "บ้านสุขใจ".to_owned()];
        let found =
            find_all("I stayed in Phum Thmey with Sokha, then บ้านสุขใจ", &["Sokha".into()], &places).unwrap();
        let kinds: Vec<&str> = found.iter().map(|(_, _, k)| *k).collect();
        assert_eq!(kinds, vec!["place", "name", "place"]);
        assert!(find("I stayed in Phum Thmey", &[]).unwrap().is_empty(), "without the list, nothing");
    }

    #[test]
    fn spans_point_at_the_text() {
        let text = "call 012 345 678 now";
        assert_eq!(check(), Ok(()));
        let spans = find(text, &[]).unwrap();
        assert_eq!(&text[spans[0].0..spans[0].1], "012 345 678");
    }
}
