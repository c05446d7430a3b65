//! Text folding shared by ids and search: lowercase, accents removed, so
//! "Gagné" is found by "gagne" and gives the same slug. Also the superscript
//! digits footnote marks are written in, shared by the importers and the
//! Markdown writer.

/// Folds one character to lowercase ASCII where it has an obvious base
/// letter. A small table instead of full Unicode normalization keeps the wasm
/// small; characters outside it are only lowercased (see `lowercase`).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'a',
        'Ç' | 'ç' | 'Ć'..='č' => 'c',
        'Ď'..='đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'e',
        'Ĝ'..='ģ' => 'g',
        'Ĥ'..='ħ' => 'h',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => 'i',
        'Ĵ' | 'ĵ' => 'j',
        'Ķ' | 'ķ' => 'k',
        'Ĺ'..='ł' => 'l',
        'Ñ' | 'ñ' | 'Ń'..='ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => 'o',
        'Ŕ'..='ř' => 'r',
        'Ś'..='š' => 's',
        'Ţ'..='ŧ' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => 'u',
        'Ŵ' | 'ŵ' => 'w',
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => 'y',
        'Ź'..='ž' => 'z',
        '’' | '‘' => '\'',
        // Final sigma is the same letter: "ΟΔΥΣΣΕΥΣ" folds to σ at the end,
        // and a reader typing "οδυσσευς" ends with ς.
        'ς' => 'σ',
        _ => lowercase(c),
    }
}

/// The first character of `c.to_lowercase()`, from a table of runs about an
/// eighth the size of the standard library's (which the wasm would otherwise
/// carry whole). A test checks it against the standard library for every
/// character, so a new Unicode version cannot make the two drift apart.
pub fn lowercase(c: char) -> char {
    let code = c as u32;
    let at = LOWERCASE_RUNS.partition_point(|&(run, _)| run >> 11 <= code);
    let Some(&(run, delta)) = at.checked_sub(1).and_then(|i| LOWERCASE_RUNS.get(i)) else {
        return c;
    };
    let (start, len, stride) = (run >> 11, ((run >> 1) & 0x3ff) + 1, (run & 1) + 1);
    let step = code - start;
    if !step.is_multiple_of(stride) || step / stride >= len {
        return c;
    }
    char::from_u32(code.wrapping_add_signed(delta)).unwrap_or(c)
}

/// Every character whose lowercase differs, as runs of characters spaced 1
/// or 2 apart that all move by the same amount: `(start << 11 | (len - 1) << 1
/// | (stride - 1), delta)`, by start.
#[rustfmt::skip]
const LOWERCASE_RUNS: &[(u32, i32)] = &[
    (0x00020832, 32), (0x0006002c, 32), (0x0006c00c, 32), (0x0008002f, 1), (0x00098000, -199),
    (0x00099005, 1), (0x0009c80f, 1), (0x000a502d, 1), (0x000bc000, -121), (0x000bc805, 1),
    (0x000c0800, 210), (0x000c1003, 1), (0x000c3000, 206), (0x000c3800, 1), (0x000c4802, 205),
    (0x000c5800, 1), (0x000c7000, 79), (0x000c7800, 202), (0x000c8000, 203), (0x000c8800, 1),
    (0x000c9800, 205), (0x000ca000, 207), (0x000cb000, 211), (0x000cb800, 209), (0x000cc000, 1),
    (0x000ce000, 211), (0x000ce800, 213), (0x000cf800, 214), (0x000d0005, 1), (0x000d3000, 218),
    (0x000d3800, 1), (0x000d4800, 218), (0x000d6000, 1), (0x000d7000, 218), (0x000d7800, 1),
    (0x000d8802, 217), (0x000d9803, 1), (0x000db800, 219), (0x000dc000, 1), (0x000de000, 1),
    (0x000e2000, 2), (0x000e2800, 1), (0x000e3800, 2), (0x000e4000, 1), (0x000e5000, 2),
    (0x000e5811, 1), (0x000ef011, 1), (0x000f8800, 2), (0x000f9003, 1), (0x000fb000, -97),
    (0x000fb800, -56), (0x000fc027, 1), (0x00110000, -130), (0x00111011, 1), (0x0011d000, 10795),
    (0x0011d800, 1), (0x0011e800, -163), (0x0011f000, 10792), (0x00120800, 1), (0x00121800, -195),
    (0x00122000, 69), (0x00122800, 71), (0x00123009, 1), (0x001b8003, 1), (0x001bb000, 1),
    (0x001bf800, 116), (0x001c3000, 38), (0x001c4004, 37), (0x001c6000, 64), (0x001c7002, 63),
    (0x001c8820, 32), (0x001d1810, 32), (0x001e7800, 8), (0x001ec017, 1), (0x001fa000, -60),
    (0x001fb800, 1), (0x001fc800, -7), (0x001fd000, 1), (0x001fe804, -130), (0x0020001e, 80),
    (0x0020803e, 32), (0x00230021, 1), (0x00245035, 1), (0x00260000, 15), (0x0026080d, 1),
    (0x0026805f, 1), (0x0029884a, 48), (0x0085004a, 7264), (0x00863800, 7264), (0x00866800, 7264),
    (0x009d009e, 38864), (0x009f800a, 8), (0x00e44800, 1), (0x00e48054, -3008), (0x00e5e804, -3008),
    (0x00f00095, 1), (0x00f4f000, -7615), (0x00f5005f, 1), (0x00f8400e, -8), (0x00f8c00a, -8),
    (0x00f9400e, -8), (0x00f9c00e, -8), (0x00fa400a, -8), (0x00fac807, -8), (0x00fb400e, -8),
    (0x00fc400e, -8), (0x00fcc00e, -8), (0x00fd400e, -8), (0x00fdc002, -8), (0x00fdd002, -74),
    (0x00fde000, -9), (0x00fe4006, -86), (0x00fe6000, -9), (0x00fec002, -8), (0x00fed002, -100),
    (0x00ff4002, -8), (0x00ff5002, -112), (0x00ff6000, -7), (0x00ffc002, -128), (0x00ffd002, -126),
    (0x00ffe000, -9), (0x01093000, -7517), (0x01095000, -8383), (0x01095800, -8262),
    (0x01099000, 28), (0x010b001e, 16), (0x010c1800, 1), (0x0125b032, 26), (0x0160005e, 48),
    (0x01630000, 1), (0x01631000, -10743), (0x01631800, -3814), (0x01632000, -10727),
    (0x01633805, 1), (0x01636800, -10780), (0x01637000, -10749), (0x01637800, -10783),
    (0x01638000, -10782), (0x01639000, 1), (0x0163a800, 1), (0x0163f002, -10815), (0x01640063, 1),
    (0x01675803, 1), (0x01679000, 1), (0x0532002d, 1), (0x0534001b, 1), (0x0539100d, 1),
    (0x0539903d, 1), (0x053bc803, 1), (0x053be800, -35332), (0x053bf009, 1), (0x053c5800, 1),
    (0x053c6800, -42280), (0x053c8003, 1), (0x053cb013, 1), (0x053d5000, -42308),
    (0x053d5800, -42319), (0x053d6000, -42315), (0x053d6800, -42305), (0x053d7000, -42308),
    (0x053d8000, -42258), (0x053d8800, -42282), (0x053d9000, -42261), (0x053d9800, 928),
    (0x053da00f, 1), (0x053e2000, -48), (0x053e2800, -42307), (0x053e3000, -35384), (0x053e3803, 1),
    (0x053e5800, -42343), (0x053e600f, 1), (0x053ee000, -42561), (0x053fa800, 1), (0x07f90832, 32),
    (0x0820004e, 40), (0x08258046, 40), (0x082b8014, 39), (0x082be01c, 39), (0x082c600c, 39),
    (0x082ca002, 39), (0x08640064, 64), (0x086a802a, 32), (0x08c5003e, 32), (0x0b72003e, 32),
    (0x0b750030, 27), (0x0f480042, 34),
];

/// The folded form of a whole string.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Whether a folded character is part of a word for search and slugs.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words that add nothing at the end of a slug.
const TRAILING_STOPWORDS: &[&str] = &[
    "a", "an", "and", "at", "but", "by", "for", "from", "in", "is", "of", "on", "or", "the", "to",
    "with", "your",
];

/// A short, stable id from a title: the part before the first ':' or '?',
/// folded, apostrophes dropped, at most eight words, no trailing stopword.
pub fn slug(title: &str) -> String {
    let head = title.split([':', '?']).next().unwrap_or(title);
    let folded: String = fold(head).chars().filter(|&c| c != '\'').collect();
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| TRAILING_STOPWORDS.contains(w)) {
        words.pop();
    }
    words.join("-")
}

/// Superscript digits 0 to 9: how a footnote reference stands in the text.
pub const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// The superscript form of an ASCII digit, '¹' for b'1'; only digits come in.
pub fn to_superscript(digit: u8) -> char {
    SUPERSCRIPTS[usize::from(digit - b'0')]
}

/// The ASCII digit a superscript digit stands for, '1' for '¹'.
pub fn from_superscript(c: char) -> Option<char> {
    let d = SUPERSCRIPTS.iter().position(|&s| s == c)?;
    Some(char::from(b'0' + d as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Jean-François Gagné"), "jean-francois gagne");
        assert_eq!(fold("ÅSA Łódź"), "asa lodz");
        // Capital sigma folds to σ; a typed final ς must meet it.
        assert_eq!(fold("ΟΔΥΣΣΕΥΣ"), fold("οδυσσευς"));
    }

    #[test]
    fn lowercase_table_matches_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = c.to_lowercase().next().unwrap_or(c);
            assert_eq!(lowercase(c), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn slugs_are_short_and_stable() {
        assert_eq!(slug("20 Years of SRE: Highs and Lows"), "20-years-of-sre");
        assert_eq!(
            slug("Scam or Savings? A Cloud vs. On-Prem"),
            "scam-or-savings"
        );
        assert_eq!(
            slug("Logs Told Us It Was Kernel — It Wasn't"),
            "logs-told-us-it-was-kernel-it-wasnt"
        );
        assert_eq!(
            slug("When Your Open Source Turns to the Dark Side"),
            "when-your-open-source-turns-to-the-dark"
        );
        assert_eq!(slug("Lunch"), "lunch");
    }
}
