//! The report as static HTML, built into the page at build time: readable
//! with scripts or WebAssembly off, seen by search engines and link
//! previews, and laid out like the app's first screen so the app takes over
//! without a jump. Every piece of report text is escaped.

use crate::dates::short_day;
use crate::ids;
use crate::model::{is_web_link, Block, Entry, Report};
use crate::present::{card_label, entries_count, media, report_meta, speaker_line, topic_labels};
use crate::query::excerpt;
use std::fmt::Write;

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

fn blocks_html(blocks: &[Block], out: &mut String) {
    let mut open_list: Option<&str> = None;
    for block in blocks {
        let list = match block {
            Block::Numbered { .. } => Some("ol"),
            Block::Bullet { .. } => Some("ul"),
            _ => None,
        };
        if open_list != list {
            if let Some(tag) = open_list {
                let _ = write!(out, "</{tag}>");
            }
            if let Some(tag) = list {
                let _ = write!(out, "<{tag} class=\"notes-list\">");
            }
            open_list = list;
        }
        let text = escape(block.text());
        let _ = match block {
            Block::Paragraph { level, .. } => {
                write!(out, "<p class=\"level-{}\">{text}</p>", level.min(&3))
            }
            Block::Numbered { number, level, .. } => {
                write!(
                    out,
                    "<li value=\"{number}\" class=\"level-{}\">{text}</li>",
                    level.min(&3)
                )
            }
            Block::Bullet { level, .. } => {
                write!(out, "<li class=\"level-{}\">{text}</li>", level.min(&3))
            }
            Block::EditorNote { .. } => write!(
                out,
                "<aside class=\"editor-note\" aria-label=\"Editor's note\"><p>{text}</p></aside>"
            ),
        };
    }
    if let Some(tag) = open_list {
        let _ = write!(out, "</{tag}>");
    }
}

fn card(report: &Report, entry: &Entry, out: &mut String) {
    let id = escape(&entry.id);
    let off = if entry.kind.is_program() {
        ""
    } else {
        " off-program"
    };
    let _ = write!(
        out,
        "<li><article id=\"{id}\" class=\"card{off}\"><div class=\"card-main\">\
         <p class=\"card-label\">{}</p>\
         <h3 class=\"card-title\"><a class=\"title-button\" href=\"#{id}\">{}</a></h3>",
        escape(&card_label(report, entry, false)),
        escape(&entry.title)
    );
    let speakers = speaker_line(entry);
    if !speakers.is_empty() {
        let _ = write!(out, "<p class=\"speakers\">{}</p>", escape(&speakers));
    }
    if let Some(text) = excerpt(&entry.body, "") {
        let _ = write!(out, "<p class=\"excerpt\">{}</p>", escape(&text));
    }
    let topics = topic_labels(report, entry);
    let media = media(entry);
    if !topics.is_empty() || !media.is_empty() {
        out.push_str("<div class=\"facts\">");
        if !topics.is_empty() {
            out.push_str("<ul class=\"topics\" aria-label=\"Topics\">");
            for topic in &topics {
                let _ = write!(out, "<li class=\"chip\">{}</li>", escape(topic));
            }
            out.push_str("</ul>");
        }
        for line in &media {
            let class = if line.available {
                "media yes"
            } else {
                "media no"
            };
            let _ = match &line.url {
                Some(url) => write!(
                    out,
                    "<a class=\"{class}\" href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                    escape(url),
                    escape(&line.text)
                ),
                None => write!(out, "<span class=\"{class}\">{}</span>", escape(&line.text)),
            };
        }
        out.push_str("</div>");
    }
    out.push_str("</div><span class=\"read-toggle placeholder\" aria-hidden=\"true\"></span>");
    let _ = write!(out, "<div class=\"notes\" id=\"{}\">", ids::notes(&id));
    if let Some(official) = &entry.official_title {
        let _ = write!(
            out,
            "<p class=\"official\">Programme title: {}</p>",
            escape(official)
        );
    }
    blocks_html(&entry.body, out);
    if let Some(url) = entry.url.as_ref().filter(|u| is_web_link(u)) {
        let _ = write!(
            out,
            "<p class=\"entry-links\"><a href=\"{}\" rel=\"noopener noreferrer\">Official page</a></p>",
            escape(url)
        );
    }
    out.push_str("</div></article></li>");
}

/// The introduction, footnotes and source: shown after the entries.
pub fn about_html(report: &Report, out: &mut String) {
    out.push_str("<footer class=\"about\"><h2>About this report</h2>");
    blocks_html(&report.introduction, out);
    if !report.footnotes.is_empty() {
        out.push_str("<h3>Notes</h3><ol class=\"footnotes\">");
        for note in &report.footnotes {
            let _ = write!(
                out,
                "<li><span class=\"mark\">{}</span> {}</li>",
                escape(&note.mark),
                escape(&note.text)
            );
        }
        out.push_str("</ol>");
    }
    let mut source = format!("By {}", escape(&report.author));
    if let Some(date) = &report.last_updated {
        let _ = write!(source, ", last updated {}", escape(date));
    }
    if let Some(url) = report.source_url.as_ref().filter(|u| is_web_link(u)) {
        let _ = write!(
            source,
            ". <a href=\"{}\" rel=\"noopener noreferrer\">Original report</a>",
            escape(url)
        );
    }
    let _ = write!(out, "<p class=\"source\">{source}.</p></footer>");
}

/// The whole report as the page's static body.
pub fn page_body(report: &Report) -> String {
    let mut out = String::new();
    let total = report.entries.len();
    let _ = write!(
        out,
        "<div id=\"{}\" class=\"app static\">\
         <header class=\"top\"><div class=\"top-inner\"><div class=\"heading\">\
         <h1 class=\"report-title\">{}</h1><p class=\"report-meta\">{}</p></div>\
         <p class=\"progress placeholder\" aria-hidden=\"true\"><span class=\"progress-count\">0/{total}</span>\
         <span class=\"progress-words\">0 of {total} entries read</span><progress max=\"{total}\" value=\"0\"></progress></p></div>\
         <div class=\"searchbar placeholder\" aria-hidden=\"true\"><input type=\"search\" disabled tabindex=\"-1\" placeholder=\"Search talks and notes\">\
         <span class=\"button filters-button\">Filters</span></div></header>\
         <div class=\"layout\"><nav class=\"panel toc\" aria-label=\"Contents\"><h2>Contents</h2><ol>",
        ids::STATIC,
        escape(&report.title),
        escape(&report_meta(report))
    );
    for day in &report.days {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a><ol>",
            escape(&ids::day(&day.id)),
            escape(&day.label)
        );
        for entry in report.entries.iter().filter(|e| e.day == day.id) {
            let _ = write!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                escape(&entry.id),
                escape(&entry.title)
            );
        }
        out.push_str("</ol></li>");
    }
    let _ = write!(
        out,
        "</ol></nav><main id=\"{results}\" class=\"list\"><div class=\"summary\"><p class=\"count\">{total} of {total} entries</p></div>",
        results = ids::RESULTS
    );
    for day in &report.days {
        let entries: Vec<&Entry> = report.entries.iter().filter(|e| e.day == day.id).collect();
        if entries.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<section class=\"day\" aria-labelledby=\"{id}\"><h2 class=\"day-heading\" id=\"{id}\" title=\"{label}\">\
             <span class=\"day-name\">{short}</span><span class=\"day-counts\"> · {count}</span></h2><ol class=\"entries\">",
            id = escape(&ids::day(&day.id)),
            label = escape(&day.label),
            short = escape(&short_day(&day.id)),
            count = entries_count(entries.len())
        );
        for entry in entries {
            card(report, entry, &mut out);
        }
        out.push_str("</ol></section>");
    }
    about_html(report, &mut out);
    out.push_str("</main></div></div>");
    out
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
}
