//! The page's head for a report, written at build time: its description
//! and Open Graph tags for search engines and link previews. The body is
//! the `markup` components rendered to HTML.

use crate::model::Report;
use crate::present::report_meta;
use crate::query::excerpt;

/// Escapes text for an element's content or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A short description for search results and link previews.
pub fn description(report: &Report) -> String {
    excerpt(&report.introduction, "").unwrap_or_else(|| report_meta(report))
}

/// The name under a home-screen icon, which shows about a dozen
/// characters: the conference's name when it is shorter than the title
/// ("SREcon24 Americas" for "Conference Report: 2024 SREcon Americas").
pub fn short_name(report: &Report) -> String {
    let title = report.title.trim();
    let conference = report.conference.name.trim();
    if !conference.is_empty() && conference.chars().count() < title.chars().count() {
        conference.to_string()
    } else {
        title.to_string()
    }
}

/// Tags for the page's head: description and Open Graph.
pub fn head_tags(report: &Report) -> String {
    let title = escape(&report.title);
    let description = escape(&description(report));
    format!(
        "<meta name=\"description\" content=\"{description}\">\n\
         <meta property=\"og:type\" content=\"article\">\n\
         <meta property=\"og:title\" content=\"{title}\">\n\
         <meta property=\"og:description\" content=\"{description}\">\n\
         <meta property=\"og:site_name\" content=\"{}\">\n",
        escape(&report.conference.name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    fn report(title: &str, conference: &str) -> Report {
        let mut report = Report::from_json(include_str!("../public/report.json")).unwrap();
        report.title = title.to_string();
        report.conference.name = conference.to_string();
        report
    }

    #[test]
    fn short_name_is_the_shorter_of_title_and_conference() {
        assert_eq!(
            short_name(&report("RustConf notes", "RustConf")),
            "RustConf"
        );
        assert_eq!(short_name(&report("Notes", "RustConf 2025")), "Notes");
        assert_eq!(short_name(&report(" Notes ", " ")), "Notes");
    }
}
