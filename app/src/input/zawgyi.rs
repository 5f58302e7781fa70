//! Burmese typed in the Zawgyi font encoding, found and converted to Unicode.
//!
//! Many phones in Myanmar still type Zawgyi: a font that draws Burmese from
//! code points of the Myanmar block used for other letters, stored in the
//! order the glyphs are drawn rather than the order they are spoken. Read
//! as Unicode it is garbage, and searching, counting or redacting it fails.
//! Free text in `my` goes through [`normalise_burmese`] on submission.
//!
//! Where the rules come from (read, not copied; the code is our own):
//! - Google's myanmar-tools: how its detector decides (a Markov model over
//!   code-point pairs, which returns nothing for text without Myanmar code
//!   points), and its test data with Shan, Mon, Karen and Pali in Unicode,
//!   which must not look like Zawgyi;
//! - ICU's `Zawgyi-my` transform (`my-t-my-s0-zawgyi`, also compiled into
//!   myanmar-tools' `TransliterateZ2U`): the map of Zawgyi's variant,
//!   stacked and kinzi code points, and the reordering of vowel E and
//!   medial RA behind the consonant;
//! - Unicode Technical Note #11 ("Representing Myanmar in Unicode"): the
//!   storage order that the enum `Slot` encodes;
//! - the Rabbit and Kanaung converters' rule lists, for what typists do
//!   that the font encoding alone does not say (ဥ for ဉ, ၀ for ဝ).
//!
//! The detector is rule-based, not the Markov model: it counts sequences
//! that well-formed Unicode Burmese cannot contain but Zawgyi must (vowel E
//! or medial RA written before their consonant, Zawgyi's asat before a
//! space, medial YA before a vowel, Zawgyi's kinzi and stacked forms) and,
//! against them, sequences Zawgyi cannot contain (asat before visarga, dot
//! below before asat, Unicode kinzi, medial HA U+103E, vowel E after its
//! consonant before a vowel sign). It leans towards "not Zawgyi": text that
//! stays Unicode can still be read, but converting a child's Unicode as if
//! it were Zawgyi would scramble what they wrote. Measured on a corpus of
//! both encodings: `cargo test -p app --features ssr --test zawgyi_corpus
//! -- --nocapture` (`app/tests/zawgyi_corpus.rs`).
//!
//! Known not to be handled:
//! - text mixing both encodings is judged as a whole, and with strong
//!   evidence on both sides it is left as it is;
//! - short Zawgyi that is also valid Unicode ("အေမ", "ကို") cannot be told
//!   apart and is left alone (the Markov model guesses; we do not);
//! - Shan, Mon, Karen and Pali written in Zawgyi-like fonts of their own;
//! - digits typed for letters other than ၀ for ဝ and ၄ in "၄င္း" (the
//!   Rabbit converter also turns ၇ into ရ and ၈ into ဂ; too often wrong in
//!   feedback, where numbers matter);
//! - Zawgyi's contracted spellings other than "ကၽြန္ုပ္" (asat before vowel
//!   U), spaces typed inside a syllable, and ဩ/ဪ (left as "သြ", as ICU does).

/// Where a piece of a syllable goes in Unicode's storage order (UTN #11):
/// the declaration order is the storage order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    /// The kinzi ("င်္") written before the consonant it sits on.
    Kinzi,
    Base,
    /// U+1039 and the consonant below.
    Stack,
    MedialY,
    MedialR,
    MedialW,
    MedialH,
    VowelE,
    Upper,
    Lower,
    AVowel,
    Anusvara,
    DotBelow,
    Asat,
    Visarga,
}

/// One Zawgyi code point, as the Unicode it stands for.
enum Token {
    /// Zawgyi stores it before the consonant it belongs to (vowel E,
    /// medial RA).
    PreBase(Slot, char),
    /// A consonant or independent vowel, with the consonant stacked under
    /// it where Zawgyi has a single code point for the pair.
    Base(char, Option<char>),
    Marks(&'static [(Slot, char)]),
}

fn token(c: char) -> Option<Token> {
    use Slot::*;
    use Token::{Base, Marks, PreBase};
    let marks: &'static [(Slot, char)] = match c {
        '\u{1031}' => return Some(PreBase(VowelE, '\u{1031}')),
        // Zawgyi's medial RA, and its wider and cut variants for wide
        // consonants and for room under it.
        '\u{103B}' | '\u{107E}'..='\u{1084}' => return Some(PreBase(MedialR, '\u{103C}')),
        '\u{1000}'..='\u{1021}' | '\u{1023}'..='\u{102A}' | '\u{103F}' => return Some(Base(c, None)),
        // Variants with a shorter tail, drawn where a mark goes below.
        '\u{106A}' => return Some(Base('\u{1009}', None)),
        '\u{106B}' => return Some(Base('\u{100A}', None)),
        '\u{108F}' => return Some(Base('\u{1014}', None)),
        '\u{1090}' => return Some(Base('\u{101B}', None)),
        '\u{1086}' => return Some(Base('\u{103F}', None)),
        // Pairs that Zawgyi draws as one glyph.
        '\u{106E}' => return Some(Base('\u{100D}', Some('\u{100D}'))),
        '\u{106F}' => return Some(Base('\u{100D}', Some('\u{100E}'))),
        '\u{1091}' => return Some(Base('\u{100F}', Some('\u{100D}'))),
        '\u{1092}' => return Some(Base('\u{100B}', Some('\u{100C}'))),
        '\u{1097}' => return Some(Base('\u{100B}', Some('\u{100B}'))),
        '\u{102B}' => &[(AVowel, '\u{102B}')],
        '\u{102C}' => &[(AVowel, '\u{102C}')],
        '\u{102D}' => &[(Upper, '\u{102D}')],
        '\u{102E}' => &[(Upper, '\u{102E}')],
        '\u{1032}' => &[(Upper, '\u{1032}')],
        // Zawgyi draws U and UU longer under medial YA and RA with their
        // own code points (in Unicode these are Mon vowels).
        '\u{102F}' | '\u{1033}' => &[(Lower, '\u{102F}')],
        '\u{1030}' | '\u{1034}' => &[(Lower, '\u{1030}')],
        '\u{1036}' => &[(Anusvara, '\u{1036}')],
        '\u{1037}' | '\u{1094}' | '\u{1095}' => &[(DotBelow, '\u{1037}')],
        '\u{1038}' => &[(Visarga, '\u{1038}')],
        // Zawgyi kept the Unicode 5.0 meanings: U+1039 is its asat, and
        // U+103A–U+103D are medials YA, RA (above), WA and HA, one place
        // before where Unicode 5.1 put them.
        '\u{1039}' => &[(Asat, '\u{103A}')],
        '\u{103A}' | '\u{107D}' => &[(MedialY, '\u{103B}')],
        '\u{103C}' => &[(MedialW, '\u{103D}')],
        '\u{103D}' | '\u{1087}' => &[(MedialH, '\u{103E}')],
        // Only reached in text that already mixes in Unicode.
        '\u{103E}' => &[(MedialH, '\u{103E}')],
        '\u{108A}' => &[(MedialW, '\u{103D}'), (MedialH, '\u{103E}')],
        '\u{1088}' => &[(MedialH, '\u{103E}'), (Lower, '\u{102F}')],
        '\u{1089}' => &[(MedialH, '\u{103E}'), (Lower, '\u{1030}')],
        '\u{105A}' => &[(AVowel, '\u{102B}'), (Asat, '\u{103A}')],
        '\u{108E}' => &[(Upper, '\u{102D}'), (Anusvara, '\u{1036}')],
        // Zawgyi draws kinzi over the consonant, so stores it after it.
        '\u{1064}' => &[(Kinzi, '\u{1004}')],
        '\u{108B}' => &[(Kinzi, '\u{1004}'), (Upper, '\u{102D}')],
        '\u{108C}' => &[(Kinzi, '\u{1004}'), (Upper, '\u{102E}')],
        '\u{108D}' => &[(Kinzi, '\u{1004}'), (Anusvara, '\u{1036}')],
        // Stacked consonants: one code point each (some in two widths).
        '\u{1060}' => &[(Stack, '\u{1000}')],
        '\u{1061}' => &[(Stack, '\u{1001}')],
        '\u{1062}' => &[(Stack, '\u{1002}')],
        '\u{1063}' => &[(Stack, '\u{1003}')],
        '\u{1065}' => &[(Stack, '\u{1005}')],
        '\u{1066}' | '\u{1067}' => &[(Stack, '\u{1006}')],
        '\u{1068}' => &[(Stack, '\u{1007}')],
        '\u{1069}' => &[(Stack, '\u{1008}')],
        '\u{106C}' => &[(Stack, '\u{100B}')],
        '\u{106D}' => &[(Stack, '\u{100C}')],
        '\u{1070}' => &[(Stack, '\u{100F}')],
        '\u{1071}' | '\u{1072}' => &[(Stack, '\u{1010}')],
        '\u{1096}' => &[(Stack, '\u{1010}'), (MedialW, '\u{103D}')],
        '\u{1073}' | '\u{1074}' => &[(Stack, '\u{1011}')],
        '\u{1075}' => &[(Stack, '\u{1012}')],
        '\u{1076}' => &[(Stack, '\u{1013}')],
        '\u{1077}' => &[(Stack, '\u{1014}')],
        '\u{1078}' => &[(Stack, '\u{1015}')],
        '\u{1079}' => &[(Stack, '\u{1016}')],
        '\u{107A}' => &[(Stack, '\u{1017}')],
        '\u{107B}' | '\u{1093}' => &[(Stack, '\u{1018}')],
        '\u{107C}' => &[(Stack, '\u{1019}')],
        '\u{1085}' => &[(Stack, '\u{101C}')],
        _ => return None,
    };
    Some(Marks(marks))
}

/// One syllable cluster being gathered: what came before its consonant,
/// the consonant, and what followed, until the next consonant.
#[derive(Default)]
struct Cluster {
    pieces: Vec<(Slot, char)>,
    has_base: bool,
    /// "ကၽြန္ုပ္": Unicode keeps this contraction's asat before vowel U.
    asat_before_lower: bool,
}

impl Cluster {
    fn push(&mut self, piece: (Slot, char)) {
        if piece.0 == Slot::Lower && self.pieces.last().is_some_and(|p| p.0 == Slot::Asat) {
            self.asat_before_lower = true;
        }
        self.pieces.push(piece);
    }

    fn rank(&self, slot: Slot) -> u8 {
        if slot == Slot::Asat && self.asat_before_lower {
            Slot::VowelE as u8 * 2 + 1
        } else {
            slot as u8 * 2
        }
    }

    fn flush(&mut self, out: &mut String) {
        if self.has_base {
            self.fix_independent_vowel();
            // Stable, so two stacked consonants keep the order typed.
            let mut pieces = std::mem::take(&mut self.pieces);
            pieces.sort_by_key(|p| self.rank(p.0));
            // Typists often press a mark twice; it draws the same in Zawgyi.
            pieces.dedup();
            pieces.into_iter().for_each(|p| emit(p, out));
        } else {
            // Nothing to reorder around: keep what was typed, mapped.
            std::mem::take(&mut self.pieces).into_iter().for_each(|p| emit(p, out));
        }
        *self = Cluster::default();
    }

    /// Zawgyi has one letter ဥ for both ဥ and ဉ, and no ဦ.
    fn fix_independent_vowel(&mut self) {
        let Some(base) = self.pieces.iter().position(|p| p.0 == Slot::Base) else { return };
        if self.pieces[base].1 != '\u{1025}' {
            return;
        }
        let takes_final = self
            .pieces
            .iter()
            .any(|p| matches!(p.0, Slot::Asat | Slot::Stack) || *p == (Slot::AVowel, '\u{102C}'));
        if takes_final {
            self.pieces[base].1 = '\u{1009}';
        } else if let Some(ii) = self.pieces.iter().position(|p| *p == (Slot::Upper, '\u{102E}')) {
            self.pieces.remove(ii);
            self.pieces[base].1 = '\u{1026}';
        }
    }
}

fn emit((slot, c): (Slot, char), out: &mut String) {
    match slot {
        Slot::Kinzi => out.push_str("\u{1004}\u{103A}\u{1039}"),
        Slot::Stack => {
            out.push('\u{1039}');
            out.push(c);
        }
        _ => out.push(c),
    }
}

fn is_digit(c: Option<&char>) -> bool {
    c.is_some_and(|c| matches!(c, '\u{1040}'..='\u{1049}' | '0'..='9'))
}

fn is_burmese_letter_or_mark(c: Option<&char>) -> bool {
    c.is_some_and(|c| matches!(c, '\u{1000}'..='\u{103F}' | '\u{1050}'..='\u{109F}'))
}

/// "၎" is drawn as the whole word "၎င်း" in Zawgyi, and typists write
/// it with the digit ၄.
fn expand_abbreviations(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1);
        let followed_by_ing = chars.get(i + 1..i + 4).is_some_and(|s| {
            s[0] == '\u{1004}' && matches!(s[1], '\u{1039}' | '\u{103A}') && s[2] == '\u{1038}'
        });
        match c {
            '\u{104E}' if next != Some(&'\u{1004}') => {
                out.extend(['\u{104E}', '\u{1004}', '\u{1039}', '\u{1038}']);
            }
            '\u{1044}' if followed_by_ing && !is_digit(i.checked_sub(1).and_then(|p| chars.get(p))) => {
                out.push('\u{104E}');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Converts Zawgyi-encoded text to Unicode. Characters outside the
/// Myanmar block pass through unchanged. Only for text that
/// [`is_zawgyi`] accepts: given Unicode, it scrambles it.
pub fn to_unicode(text: &str) -> String {
    let chars = expand_abbreviations(text);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut cluster = Cluster::default();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        let next = chars.get(i + 1);
        // Zawgyi keyboards put the digit zero where the letter ဝ goes, and
        // both look alike; a zero among letters, not among digits, is ဝ.
        let tok = if c == '\u{1040}'
            && !is_digit(prev)
            && !is_digit(next)
            && ((!cluster.pieces.is_empty() && !cluster.has_base)
                || is_burmese_letter_or_mark(prev)
                || is_burmese_letter_or_mark(next))
        {
            Some(Token::Base('\u{101D}', None))
        } else {
            token(c)
        };
        match tok {
            None => {
                cluster.flush(&mut out);
                out.push(c);
            }
            Some(Token::PreBase(slot, u)) => {
                if cluster.has_base {
                    cluster.flush(&mut out);
                }
                cluster.push((slot, u));
            }
            Some(Token::Base(u, stacked)) => {
                if cluster.has_base {
                    cluster.flush(&mut out);
                }
                cluster.has_base = true;
                cluster.push((Slot::Base, u));
                if let Some(s) = stacked {
                    cluster.push((Slot::Stack, s));
                }
            }
            Some(Token::Marks(marks)) => {
                for &m in marks {
                    cluster.push(m);
                }
                if !cluster.has_base {
                    cluster.flush(&mut out);
                }
            }
        }
    }
    cluster.flush(&mut out);
    out
}

/// How much of a text reads as Zawgyi, and how much as Unicode: weighted
/// counts of sequences that only one of the two encodings can contain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub zawgyi: u32,
    pub unicode: u32,
}

fn is_consonant(c: char) -> bool {
    matches!(c, '\u{1000}'..='\u{1021}')
}

/// A consonant or independent vowel in Unicode: Burmese, or of the other
/// languages written in the Myanmar block.
fn unicode_consonant(c: char) -> bool {
    matches!(
        c,
        '\u{1000}'..='\u{102A}'
            | '\u{103F}'
            | '\u{1050}'..='\u{1055}'
            | '\u{105A}'..='\u{105D}'
            | '\u{1061}'
            | '\u{1065}'
            | '\u{1066}'
            | '\u{106E}'..='\u{1070}'
            | '\u{1075}'..='\u{1081}'
            | '\u{108E}'
    )
}

/// What a Unicode vowel E or medial can follow: a consonant or a medial.
fn carries_marks_in_unicode(c: char) -> bool {
    unicode_consonant(c) || matches!(c, '\u{103B}'..='\u{103E}' | '\u{105E}'..='\u{1060}' | '\u{1082}')
}

/// What a Zawgyi vowel E or medial RA can stand before.
fn zawgyi_base(c: char) -> bool {
    matches!(
        c,
        '\u{1000}'..='\u{102A}' | '\u{1040}' | '\u{106A}' | '\u{106B}' | '\u{108F}' | '\u{1090}' | '\u{1086}'
    ) || zawgyi_medial_ra(c)
}

fn zawgyi_medial_ra(c: char) -> bool {
    matches!(c, '\u{103B}' | '\u{107E}'..='\u{1084}')
}

fn vowel_sign(c: char) -> bool {
    matches!(c, '\u{102B}'..='\u{1030}' | '\u{1032}' | '\u{1036}')
}

/// Code points that Zawgyi uses for its own glyph variants, but Unicode for
/// Mon, Karen, Shan and other languages' letters and tones.
fn zawgyi_variant(c: char) -> bool {
    matches!(c, '\u{1033}' | '\u{1034}' | '\u{105A}' | '\u{1060}'..='\u{1097}')
}

/// Zawgyi's medials that follow the consonant: YA, WA, HA and variants.
fn zawgyi_post_medial(c: char) -> bool {
    matches!(c, '\u{103A}' | '\u{103C}' | '\u{103D}' | '\u{107D}' | '\u{1087}'..='\u{108A}')
}

/// Row and place of a consonant in the five rows of the Pali alphabet (k,
/// c, retroflex ṭ, t, p; places: plain, aspirated, voiced, voiced
/// aspirated, nasal).
fn varga(c: char) -> Option<(u32, u32)> {
    let i = u32::from(c).checked_sub(0x1000)?;
    (i < 26 && i != 10).then(|| if i > 10 { ((i - 1) / 5, (i - 1) % 5) } else { (i / 5, i % 5) })
}

/// Whether Unicode's virama may stack `lower` under `upper`: Pali and
/// Sanskrit loanwords stack a consonant on itself, a plain consonant on its
/// aspirate, or a nasal on a stop of its own row (ကိစ္စ, ဒုက္ခ, ဗုဒ္ဓ,
/// ကမ္ဘာ, အန္တရာယ်), but never NGA, which takes the kinzi form.
/// Zawgyi's asat is followed by whatever consonant starts the next
/// syllable ("ငါ့အိမ္ကို"). Consonants of the other languages of the
/// script are not judged.
fn pali_stack(upper: char, lower: char) -> bool {
    if upper == lower {
        return true;
    }
    if upper == '\u{1004}' {
        return false;
    }
    match (varga(upper), varga(lower)) {
        (Some((row1, place1)), Some((row2, place2))) if row1 == row2 => {
            matches!((place1, place2), (0, 1) | (2, 3)) || (place1 == 4 && place2 < 4)
        }
        _ => !is_consonant(upper) || !is_consonant(lower),
    }
}

/// For a Zawgyi medial YA at `i`: whether its syllable opened with vowel E
/// ("ေက်း"), which Unicode cannot spell as vowel E, consonant, asat.
fn opened_by_vowel_e(chars: &[char], i: usize) -> bool {
    let mut j = i;
    while j > 0 && zawgyi_post_medial(chars[j - 1]) {
        j -= 1;
    }
    if j == 0 || !is_consonant(chars[j - 1]) {
        return false;
    }
    j -= 1;
    while j > 0 && zawgyi_medial_ra(chars[j - 1]) {
        j -= 1;
    }
    j > 0 && chars[j - 1] == '\u{1031}'
}

/// What follows a vowel E that stands between two consonants, read as
/// Zawgyi (E, consonant, its medials, then this).
fn after_zawgyi_syllable_start(chars: &[char], i: usize) -> (u32, u32) {
    let mut j = i + 2;
    let mut medial_ya = false;
    while let Some(&c) = chars.get(j) {
        if !zawgyi_post_medial(c) {
            break;
        }
        medial_ya |= c == '\u{103A}';
        j += 1;
    }
    match chars.get(j) {
        // In Unicode an asat or visarga straight after the consonant
        // following a vowel E is no syllable.
        _ if medial_ya => (2, 0),
        Some('\u{1038}') => (2, 0),
        // "ေကာ": possible in Unicode ("ရေကာတာ"), but seldom.
        Some('\u{102B}' | '\u{102C}') => (1, 0),
        _ => (0, 0),
    }
}

/// Counts the evidence for each encoding (see the module documentation).
pub fn zawgyi_evidence(text: &str) -> Evidence {
    let chars: Vec<char> = text.chars().collect();
    let mut ev = Evidence::default();
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, '\u{1000}'..='\u{109F}') {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let next = chars.get(i + 1).copied();
        let after_carrier = prev.is_some_and(carries_marks_in_unicode);
        let before_base = next.is_some_and(zawgyi_base);
        let (z, u) = match c {
            // Vowel E before its consonant (Zawgyi), or after it and before
            // a vowel sign, visarga or the end of the word (Unicode).
            '\u{1031}' if !after_carrier && before_base => (3, 0),
            '\u{1031}' if after_carrier && !before_base => (0, 2),
            '\u{1031}' if next.is_some_and(is_consonant) => after_zawgyi_syllable_start(&chars, i),
            // Medial RA before its consonant (Zawgyi) — but after a
            // consonant it may as well be Unicode's medial YA.
            '\u{103B}' if !after_carrier && before_base => (3, 0),
            '\u{107E}'..='\u{1084}' if !after_carrier && before_base => (2, 0),
            // Unicode's medial YA before a vowel sign or another medial.
            '\u{103B}' if after_carrier => match next {
                Some(n)
                    if vowel_sign(n) || matches!(n, '\u{1037}'..='\u{103A}' | '\u{103D}' | '\u{103E}') =>
                {
                    (0, 2)
                }
                Some('\u{1031}') => (0, 1),
                _ => (0, 0),
            },
            // Unicode's virama stands between two consonants (or after
            // the asat of kinzi); Zawgyi's asat ends a syllable, after a
            // vowel sign or before a space, visarga or dot below.
            '\u{1039}' => match (prev, next) {
                (Some(p), Some(n)) if unicode_consonant(n) && (unicode_consonant(p) || p == '\u{103A}') => {
                    (if pali_stack(p, n) { 0 } else { 2 }, 0)
                }
                _ => (3, 0),
            },
            '\u{103A}' => match next {
                // Zawgyi's medial YA before a vowel or another medial; in
                // Unicode the asat ends the syllable. (Not vowel U: Unicode
                // writes "ကျွန်ုပ်" so.)
                Some(
                    '\u{102B}'..='\u{102E}'
                    | '\u{1030}'
                    | '\u{1032}'
                    | '\u{1033}'
                    | '\u{1034}'
                    | '\u{1036}'
                    | '\u{103C}'
                    | '\u{103D}',
                ) => (2, 0),
                Some('\u{1038}') if opened_by_vowel_e(&chars, i) => (0, 0),
                Some('\u{1038}') => (0, 3),
                Some('\u{1039}') if prev == Some('\u{1004}') => (0, 3),
                // An asat on Mon, Karen or Shan letters.
                _ if prev.is_some_and(zawgyi_variant) => (0, 2),
                None => (0, u32::from(prev.is_some_and(is_consonant))),
                Some(n) if !is_burmese_letter_or_mark(Some(&n)) => {
                    (0, u32::from(prev.is_some_and(is_consonant)))
                }
                _ => (0, 0),
            },
            '\u{1037}' if next == Some('\u{103A}') => (0, 3),
            // Zawgyi's medial HA is U+103D and its great SA is U+1086.
            '\u{103E}' => (0, 3),
            '\u{103F}' => (0, 2),
            // Kinzi drawn after the consonant it sits on.
            '\u{1064}' | '\u{108B}'..='\u{108D}' if prev.is_some_and(is_consonant) => (3, 0),
            c if zawgyi_variant(c) && is_burmese_letter_or_mark(prev.as_ref()) => (1, 0),
            // A vowel sign before a medial, or U before I: Zawgyi typing order.
            c if vowel_sign(c) => match next {
                Some('\u{103C}' | '\u{103D}') => (2, 0),
                Some('\u{102D}' | '\u{102E}' | '\u{1032}') if matches!(c, '\u{102F}' | '\u{1030}') => (1, 0),
                Some('\u{102F}' | '\u{1030}' | '\u{1033}') if c == '\u{1036}' => (1, 0),
                _ => (0, 0),
            },
            _ => (0, 0),
        };
        ev.zawgyi = ev.zawgyi.saturating_add(z);
        ev.unicode = ev.unicode.saturating_add(u);
    }
    ev
}

/// Whether the text is Burmese in the Zawgyi encoding. Text without
/// Burmese, or whose Burmese reads the same in both encodings, is not.
pub fn is_zawgyi(text: &str) -> bool {
    let ev = zawgyi_evidence(text);
    // One sequence Unicode cannot contain, or several it seldom does, and
    // clearly more of Zawgyi than of Unicode: a stray mark typed out of
    // order in Unicode text is not enough.
    ev.zawgyi >= 3 && ev.zawgyi > ev.unicode.saturating_mul(3)
}

/// The text in Unicode, and whether it was converted from Zawgyi to get
/// there. Unicode (and any non-Burmese) text comes back unchanged.
pub fn normalise_burmese(text: &str) -> (String, bool) {
    if is_zawgyi(text) {
        (to_unicode(text), true)
    } else {
        (text.to_owned(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vowel_e_and_medial_ra_move_behind_the_consonant() {
        // ေျပာ -> ပြော ("say")
        assert_eq!(to_unicode("\u{1031}\u{103B}\u{1015}\u{102C}"), "\u{1015}\u{103C}\u{1031}\u{102C}");
        // Typed in the other order, and with a variant RA.
        assert_eq!(to_unicode("\u{103B}\u{1031}\u{1015}\u{102C}"), "\u{1015}\u{103C}\u{1031}\u{102C}");
        assert_eq!(to_unicode("ေၾကာက္"), "ကြောက်");
    }

    #[test]
    fn zawgyi_asat_and_medials_take_their_unicode_code_points() {
        assert_eq!(to_unicode("ေက်ာင္း"), "ကျောင်း");
        assert_eq!(to_unicode("ရွိ"), "ရှိ");
        assert_eq!(to_unicode("ကၽြန္ေတာ္"), "ကျွန်တော်");
        assert_eq!(to_unicode("ေရႊ"), "ရွှေ");
    }

    #[test]
    fn marks_are_put_in_unicode_storage_order() {
        assert_eq!(to_unicode("ကုိ"), "ကို");
        assert_eq!(to_unicode("လံု"), "လုံ");
        assert_eq!(to_unicode("သင့္"), "သင့်");
        assert_eq!(to_unicode("ၿမိဳ႕"), "မြို့");
    }

    #[test]
    fn stacked_consonants_and_kinzi() {
        assert_eq!(to_unicode("ကမၻာ"), "ကမ္ဘာ");
        assert_eq!(to_unicode("ကိစၥ"), "ကိစ္စ");
        assert_eq!(to_unicode("အဂၤလိပ္"), "အင်္ဂလိပ်");
        assert_eq!(to_unicode("သေဘၤာ"), "သင်္ဘော");
        assert_eq!(to_unicode("ဥကၠ႒"), "ဥက္ကဋ္ဌ");
    }

    #[test]
    fn typists_letters_for_other_letters() {
        assert_eq!(to_unicode("ညဥ့္"), "ညဉ့်");
        assert_eq!(to_unicode("ဦး"), "ဦး");
        assert_eq!(to_unicode("ေ၀ေ၀"), "ဝေဝေ");
        assert_eq!(to_unicode("၁၀ ရက္"), "၁၀ ရက်");
        assert_eq!(to_unicode("၎"), "၎င်း");
        assert_eq!(to_unicode("၄င္းတို႔"), "၎င်းတို့");
        assert_eq!(to_unicode("ကၽြန္ုပ္"), "ကျွန်ုပ်");
    }

    #[test]
    fn other_scripts_pass_through() {
        let text = "ok 123 ภาษาไทย — ေက်ာင္း!";
        assert_eq!(to_unicode(text), "ok 123 ภาษาไทย — ကျောင်း!");
    }

    #[test]
    fn detects_zawgyi_and_leaves_unicode_alone() {
        assert!(is_zawgyi("ေက်ာင္းကို ျပန္တက္ခ်င္ပါတယ္။"));
        assert!(!is_zawgyi("ကျောင်းကို ပြန်တက်ချင်ပါတယ်။"));
        assert!(!is_zawgyi("hello"));
        assert!(!is_zawgyi("၁၂၃"));
        // Shared letters only: the same in both encodings.
        assert!(!is_zawgyi("ဘာလဲ"));
        let (text, converted) = normalise_burmese("ကျောင်း");
        assert_eq!((text.as_str(), converted), ("ကျောင်း", false));
        let (text, converted) = normalise_burmese("ေက်ာင္း");
        assert_eq!((text.as_str(), converted), ("ကျောင်း", true));
    }
}
