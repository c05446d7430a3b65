//! A programme's free text: HTML entities some exporters leave in, and the
//! abstract and description as blocks of notes.

use crate::model::Block;
use std::borrow::Cow;

/// Decodes the HTML entities exporters leave in plain text ("&amp;",
/// "&nbsp;", "&#252;"); anything that is no known entity stays as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character an entity name (between '&' and ';') stands for.
fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "egrave" => 'è',
        "Eacute" => 'É',
        "aacute" => 'á',
        "agrave" => 'à',
        "ccedil" => 'ç',
        _ => return None,
    })
}

/// An abstract or description as blocks: paragraphs split on blank lines,
/// lines starting "- ", "* ", "+ " or "• " as bullets and "1. " or "1) " (up
/// to three digits) as numbered items, nested by their indent. Lines of one paragraph are joined
/// with a space, and a line right after an item continues it.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut in_item = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            in_item = false;
        } else if let Some(item) = list_item(line) {
            flush_paragraph(&mut paragraph, &mut blocks);
            blocks.push(item);
            in_item = true;
        } else if in_item {
            continue_item(blocks.last_mut(), trimmed);
        } else {
            paragraph.push(trimmed);
        }
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    blocks
}

fn flush_paragraph(lines: &mut Vec<&str>, blocks: &mut Vec<Block>) {
    if !lines.is_empty() {
        blocks.push(Block::Paragraph {
            text: lines.join(" ").into(),
            level: 0,
        });
        lines.clear();
    }
}

fn continue_item(item: Option<&mut Block>, line: &str) {
    if let Some(Block::Bullet { text, .. } | Block::Numbered { text, .. }) = item {
        *text = format!("{} {line}", text.as_str()).into();
    }
}

/// A bullet or numbered item, its level two spaces of indent each (a tab
/// counts as four).
fn list_item(line: &str) -> Option<Block> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent: usize = line[..line.len() - body.len()]
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let level = u8::try_from(indent / 2).unwrap_or(u8::MAX);
    let item_text = |rest: &str| rest.trim().to_string();
    for marker in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = body.strip_prefix(marker) {
            return Some(Block::Bullet {
                text: item_text(rest).into(),
                level,
            });
        }
    }
    // At most three digits, so "2019. A year." stays a sentence.
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &body[digits..];
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    let number = body[..digits].parse().ok()?;
    Some(Block::Numbered {
        number,
        text: item_text(rest).into(),
        level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded_and_the_rest_kept() {
        assert_eq!(decode_entities("R&amp;D &#252;ber &#x263A;"), "R&D über ☺");
        assert_eq!(decode_entities("Caf&eacute;&nbsp;!"), "Café\u{a0}!");
        assert_eq!(
            decode_entities("AT&T; a & b &unknown; &"),
            "AT&T; a & b &unknown; &"
        );
        assert!(matches!(decode_entities("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn paragraphs_and_lists_with_crlf() {
        let text = "First line\r\nsame paragraph.\r\n\r\n- one\r\n  continued\r\n  * nested\r\n\r\n2) two\r\n10. ten\r\nSecond.";
        assert_eq!(
            text_blocks(text),
            vec![
                Block::Paragraph {
                    text: "First line same paragraph.".into(),
                    level: 0
                },
                Block::Bullet {
                    text: "one continued".into(),
                    level: 0
                },
                Block::Bullet {
                    text: "nested".into(),
                    level: 1
                },
                Block::Numbered {
                    number: 2,
                    text: "two".into(),
                    level: 0
                },
                Block::Numbered {
                    number: 10,
                    text: "ten Second.".into(),
                    level: 0
                },
            ]
        );
    }

    #[test]
    fn what_only_looks_like_an_item_is_a_paragraph() {
        assert_eq!(
            text_blocks("2019. A year.\n*emphasis*\n-dash"),
            vec![Block::Paragraph {
                text: "2019. A year. *emphasis* -dash".into(),
                level: 0
            }]
        );
        assert!(text_blocks(" \r\n\n").is_empty());
    }
}
