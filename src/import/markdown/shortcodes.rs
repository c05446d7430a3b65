//! Blog engines' shortcodes and template tags (`{{< tweet … >}}`,
//! `{{% … %}}`, `{% … %}`): calls into a theme that a report cannot make,
//! so each is left out with a warning rather than shown as code.

use super::{Warning, WarningKind};

/// How each kind of shortcode opens and closes.
const DELIMITERS: [(&str, &str); 3] = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}")];

/// The text without its shortcodes, and a warning for each. A shortcode's
/// line breaks stay, so every other line keeps its number.
pub(super) fn drop(file: &str, text: &str) -> (String, Vec<Warning>) {
    let mut kept = String::with_capacity(text.len());
    let mut warnings = Vec::new();
    let mut line = 1;
    let mut rest = text;
    while let Some((start, end)) = next_shortcode(rest) {
        kept.push_str(&rest[..start]);
        line += rest[..start].matches('\n').count();
        let code = &rest[start..end];
        let shown: Vec<&str> = code.split_whitespace().collect();
        warnings.push(Warning {
            file: file.to_string(),
            line,
            kind: WarningKind::Shortcode,
            message: format!("the shortcode `{}` is left out", shown.join(" ")),
        });
        let breaks = code.matches('\n').count();
        kept.extend(std::iter::repeat_n('\n', breaks));
        line += breaks;
        rest = &rest[end..];
    }
    kept.push_str(rest);
    (kept, warnings)
}

/// Where the first closed shortcode of the text starts and ends.
fn next_shortcode(text: &str) -> Option<(usize, usize)> {
    DELIMITERS
        .iter()
        .filter_map(|(open, close)| {
            let start = text.find(open)?;
            let end = text[start + open.len()..].find(close)? + start + open.len() + close.len();
            Some((start, end))
        })
        .min()
}
