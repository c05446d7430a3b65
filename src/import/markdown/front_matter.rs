//! The front matter: the TOML between two fences that opens a report.

use super::{at, Result};
use crate::markdown_format::{FrontMatter, FENCE};

/// The front matter's text, the body's, and the body's first line.
pub(super) fn split(text: &str) -> Result<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        at(
            1,
            format!("a report starts with its front matter: a line \"{FENCE}\", TOML, and \"{FENCE}\" again"),
        )
    };
    let rest = text
        .strip_prefix(FENCE)
        .and_then(|r| r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n')))
        .ok_or_else(missing)?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == FENCE {
            let body = &rest[offset + line.len()..];
            return Ok((&rest[..offset], body, i + 3));
        }
        offset += line.len();
    }
    Err(at(
        1,
        format!("the front matter has no closing \"{FENCE}\" line"),
    ))
}

pub(super) fn read(front: &str) -> Result<FrontMatter> {
    toml::from_str(front).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |span| front[..span.start].matches('\n').count());
        at(line + 2, format!("front matter: {}", e.message()))
    })
}
