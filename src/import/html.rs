//! Text that is HTML, such as a programme's abstracts: read with a real
//! parser into the blocks and spans a report holds, as a browser shows it.
//! Tags never reach the report; every entity is decoded by the parser.

use crate::markdown_format::can_emphasize;
use crate::markdown_format::Nesting;
use crate::model::{is_web_link, Block, Inline, Span};
use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Elements that start and end a block of their own.
const BLOCKS: &str = "address article aside blockquote dd div dl dt figcaption figure footer \
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul";

/// Elements inside a block's text.
const INLINE: &str = "a abbr b br cite code em i img kbd q s small span strong sub sup u";

/// Elements whose content no reader sees.
const HIDDEN: &str = "head noscript script style template";

/// Whether `name` is one of the space-separated names of `list`.
fn is_in(list: &str, name: &str) -> bool {
    list.split_whitespace()
        .any(|n| n.eq_ignore_ascii_case(name))
}

/// Whether the text has a tag of a known HTML element (`<p>`, `</li>`,
/// `<br/>`, `<a href=…>`) or a comment; a lone `<` or `<T>` is not HTML.
pub fn looks_like_html(text: &str) -> bool {
    if text.contains("<!--") {
        return true;
    }
    text.match_indices('<').any(|(at, _)| {
        let rest = text[at + 1..].strip_prefix('/').unwrap_or(&text[at + 1..]);
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(name_len);
        let ends_tag = after.starts_with(['>', '/', ' ', '\t', '\r', '\n']);
        ends_tag
            && [BLOCKS, INLINE, HIDDEN]
                .iter()
                .any(|list| is_in(list, name))
    })
}

/// A single-line field (a title, a name) as text: tags dropped when it is
/// HTML, entities decoded always, white space collapsed. Text that is not
/// HTML keeps its `<` as written ("Vec<T>").
pub fn to_text(text: &str) -> String {
    if !text.contains(['&', '<']) {
        return collapse(text);
    }
    let html = if looks_like_html(text) {
        text.to_string()
    } else {
        text.replace('<', "&lt;")
    };
    let mut words = String::new();
    collect_text(&parse(&html).document, &mut words);
    collapse(&words)
}

fn collect_text(node: &Handle, out: &mut String) {
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        NodeData::Element { name, attrs, .. } => {
            let tag = &*name.local;
            if is_in(HIDDEN, tag) {
                return;
            }
            if tag == "img" {
                if let Some(alt) = attribute(&attrs.borrow(), "alt") {
                    out.push_str(&alt);
                }
            }
            // Blocks and breaks part words as a browser's lines do.
            let parts = tag == "br" || is_in(BLOCKS, tag);
            if parts {
                out.push(' ');
            }
            for child in node.children.borrow().iter() {
                collect_text(child, out);
            }
            if parts {
                out.push(' ');
            }
        }
        NodeData::Document => {
            for child in node.children.borrow().iter() {
                collect_text(child, out);
            }
        }
        _ => {}
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads HTML as blocks: `p` and headings are paragraphs, `ul`/`ol`/`li`
/// bullets and numbered items nested as written, `a[href]` links (relative
/// ones resolved against `base_url`), `em`/`i`/`strong`/`b` emphasis, `br`
/// a new paragraph, `pre` lines as written, `img` its alt text; scripts,
/// styles and comments are dropped. `warn` hears of what was not kept as
/// written.
pub fn to_blocks(html: &str, base_url: Option<&str>, warn: &mut dyn FnMut(String)) -> Vec<Block> {
    let mut reader = Reader {
        base_url,
        warn,
        blocks: Vec::new(),
        spans: Vec::new(),
        pending: Pending::Paragraph,
        lists: Vec::new(),
        open_items: 0,
        emphasis: 0,
        link: None,
        preformatted: 0,
    };
    reader.node(&parse(html).document);
    reader.flush();
    let mut nesting = Nesting::default();
    reader
        .blocks
        .into_iter()
        .map(|block| nesting.fitted(block))
        .collect()
}

fn parse(html: &str) -> RcDom {
    parse_document(RcDom::default(), ParseOpts::default()).one(html)
}

fn attribute(attrs: &[html5ever::Attribute], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

/// What the text being gathered becomes once its block ends.
#[derive(Clone, Copy)]
enum Pending {
    Paragraph,
    Item { number: Option<u32>, level: usize },
}

struct List {
    /// The next item's number; `None` for a bullet list.
    next: Option<u32>,
}

struct Reader<'a> {
    base_url: Option<&'a str>,
    warn: &'a mut dyn FnMut(String),
    blocks: Vec<Block>,
    spans: Vec<Span>,
    pending: Pending,
    lists: Vec<List>,
    /// List items open around the text: its paragraphs sit inside them.
    open_items: usize,
    emphasis: usize,
    link: Option<String>,
    preformatted: usize,
}

impl Reader<'_> {
    fn node(&mut self, node: &Handle) {
        match &node.data {
            NodeData::Text { contents } => {
                let text = contents.borrow().to_string();
                self.text(&text);
            }
            NodeData::Element { name, attrs, .. } => {
                let tag = name.local.to_string();
                let attrs = attrs.borrow().clone();
                self.element(node, &tag, &attrs);
            }
            NodeData::Document => self.children(node),
            _ => {}
        }
    }

    fn children(&mut self, node: &Handle) {
        for child in node.children.borrow().iter() {
            self.node(child);
        }
    }

    fn element(&mut self, node: &Handle, tag: &str, attrs: &[html5ever::Attribute]) {
        if is_in(HIDDEN, tag) {
            return;
        }
        match tag {
            "br" => self.flush(),
            "img" => match attribute(attrs, "alt").filter(|a| !a.trim().is_empty()) {
                Some(alt) => self.text(&alt),
                None => (self.warn)("an image without a description is left out".into()),
            },
            "ul" | "ol" => {
                self.flush();
                let start = attribute(attrs, "start").and_then(|s| s.trim().parse().ok());
                self.lists.push(List {
                    next: (tag == "ol").then_some(start.unwrap_or(1)),
                });
                self.children(node);
                self.flush();
                self.lists.pop();
            }
            "li" => self.item(node),
            "a" => self.anchor(node, attrs),
            "em" | "i" | "strong" | "b" => {
                self.emphasis += 1;
                self.children(node);
                self.emphasis -= 1;
            }
            "pre" => {
                self.flush();
                self.preformatted += 1;
                self.children(node);
                self.preformatted -= 1;
                self.flush();
            }
            _ if is_in(BLOCKS, tag) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            _ => self.children(node),
        }
    }

    fn item(&mut self, node: &Handle) {
        self.flush();
        let level = self.lists.len().saturating_sub(1);
        let number = self.lists.last_mut().and_then(|list| {
            let number = list.next?;
            list.next = Some(number.saturating_add(1));
            Some(number)
        });
        self.pending = Pending::Item { number, level };
        self.open_items += 1;
        self.children(node);
        self.flush();
        self.open_items -= 1;
        self.pending = Pending::Paragraph;
    }

    fn anchor(&mut self, node: &Handle, attrs: &[html5ever::Attribute]) {
        let href = attribute(attrs, "href").map(|h| h.trim().to_string());
        let url = href.as_deref().map(|h| resolve(h, self.base_url));
        let link = match (href, url) {
            (Some(_), Some(url)) if is_web_link(&url) => Some(url),
            (Some(href), _) if !href.is_empty() && !href.starts_with('#') => {
                (self.warn)(format!("the link to \"{href}\" is kept as plain text"));
                None
            }
            _ => None,
        };
        let inner = link.clone().or_else(|| self.link.clone());
        let outer = std::mem::replace(&mut self.link, inner);
        let before = self.text_len();
        self.children(node);
        // A link without words still shows where it goes.
        if let Some(url) = link.filter(|_| self.text_len() == before) {
            self.text(&url);
        }
        self.link = outer;
    }

    fn text_len(&self) -> usize {
        self.blocks.len() + self.spans.iter().map(|s| s.text.len()).sum::<usize>()
    }

    fn text(&mut self, text: &str) {
        if self.preformatted > 0 {
            // Lines as written, each a paragraph; spaces inside kept.
            let mut lines = text.split('\n');
            if let Some(first) = lines.next() {
                self.push(first.trim_end_matches('\r').to_string());
            }
            for line in lines {
                self.flush();
                self.push(line.trim_end_matches('\r').to_string());
            }
            return;
        }
        let at_start = self.spans.last().is_none_or(|s| s.text.ends_with(' '));
        let mut collapsed = String::with_capacity(text.len());
        let mut space = at_start;
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if !space {
                    collapsed.push(' ');
                }
                space = true;
            } else {
                collapsed.push(c);
                space = false;
            }
        }
        self.push(collapsed);
    }

    fn push(&mut self, text: String) {
        // Emphasis ends at the words: spaces around them are plain, which
        // looks the same and reads back from Markdown as it was.
        let emphasis = self.emphasis > 0;
        let (before, rest) = match emphasis {
            true => text.split_at(text.len() - text.trim_start().len()),
            false => ("", text.as_str()),
        };
        let (words, after) = match emphasis {
            true => rest.split_at(rest.trim_end().len()),
            false => (rest, ""),
        };
        for (piece, emphasis) in [(before, false), (words, emphasis), (after, false)] {
            if !piece.is_empty() {
                self.spans.push(Span {
                    text: piece.to_string(),
                    emphasis,
                    link: self.link.clone(),
                });
            }
        }
    }

    /// Ends the text gathered so far as a block, when it has any.
    fn flush(&mut self) {
        let mut spans = std::mem::take(&mut self.spans);
        // A block's ends carry no space, even in `pre`: a report's blocks
        // have none, so the notes read back from Markdown as they were.
        if let Some(last) = spans.last_mut() {
            last.text.truncate(last.text.trim_end().len());
        }
        if let Some(first) = spans.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        spans.retain(|s| !s.text.is_empty());
        if spans.is_empty() {
            return;
        }
        let text = Inline::from_spans(writable_emphasis(Inline::from_spans(spans).to_spans()));
        let level = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
        self.blocks.push(match self.pending {
            Pending::Paragraph => Block::Paragraph {
                text,
                level: level(self.open_items),
            },
            Pending::Item {
                number: Some(number),
                level: l,
            } => Block::Numbered {
                number,
                text,
                level: level(l),
            },
            Pending::Item {
                number: None,
                level: l,
            } => Block::Bullet {
                text,
                level: level(l),
            },
        });
        // More text of the same item continues it, one level deeper.
        self.pending = Pending::Paragraph;
    }
}

/// The spans with emphasis only where Markdown can write it (`<b>x</b>y`
/// after "." cannot be `*…*`), so a report exported as Markdown reads back
/// as it was; the words stay.
fn writable_emphasis(mut spans: Vec<Span>) -> Vec<Span> {
    // The character Markdown writes at a span's edge: a link's brackets.
    let edge = |span: &Span, first: bool| match (&span.link, first) {
        (Some(_), true) => Some('['),
        (Some(_), false) => Some(')'),
        (None, true) => span.text.chars().next(),
        (None, false) => span.text.chars().last(),
    };
    for i in 0..spans.len() {
        let span = &spans[i];
        let (before, after) = match span.link {
            Some(_) => (Some('['), Some(']')),
            None => (
                i.checked_sub(1).and_then(|j| edge(&spans[j], false)),
                spans.get(i + 1).and_then(|next| edge(next, true)),
            ),
        };
        if span.emphasis && !can_emphasize(&span.text, before, after) {
            spans[i].emphasis = false;
        }
    }
    spans
}

/// An address as a browser on the page `base` reads it: absolute ones as
/// they are, "//host/…", "/path", "path", "?query" and "#part" completed from
/// the page when it is a web link; without one, the address as written.
pub fn resolve(url: &str, base: Option<&str>) -> String {
    let Some(base) = base.filter(|b| is_web_link(b)) else {
        return url.to_string();
    };
    if url.contains("://") || url.starts_with("mailto:") || url.is_empty() {
        return url.to_string();
    }
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |i| scheme_end + i);
    let without_part = base.split('#').next().unwrap_or(base);
    let without_query = without_part.split('?').next().unwrap_or(without_part);
    if let Some(rest) = url.strip_prefix("//") {
        format!("{}{rest}", &base[..scheme_end])
    } else if url.starts_with('/') {
        format!("{}{url}", &base[..host_end])
    } else if url.starts_with('#') {
        format!("{without_part}{url}")
    } else if url.starts_with('?') {
        format!("{without_query}{url}")
    } else {
        // A path beside the page: its folder, the page's name left off.
        let folder_end = without_query[host_end..]
            .rfind('/')
            .map_or(without_query.len(), |i| host_end + i + 1);
        let folder = &without_query[..folder_end];
        if folder.ends_with('/') {
            format!("{folder}{url}")
        } else {
            format!("{folder}/{url}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str, base: Option<&str>) -> (Vec<Block>, Vec<String>) {
        let mut warnings = Vec::new();
        let blocks = to_blocks(html, base, &mut |w| warnings.push(w));
        (blocks, warnings)
    }

    fn span(text: &str, emphasis: bool, link: Option<&str>) -> Span {
        Span {
            text: text.into(),
            emphasis,
            link: link.map(str::to_string),
        }
    }

    #[test]
    fn html_is_told_from_markdown_and_plain_text() {
        for html in [
            "<p>a</p>",
            "a<br>b",
            "x <BR/> y",
            "</li>",
            "<a href=\"x\">",
            "<!-- c -->",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for text in [
            "",
            "Vec<T>",
            "a < b",
            "<insert meme here>",
            "**bold**",
            "<3",
            "<p",
        ] {
            assert!(!looks_like_html(text), "{text}");
        }
    }

    #[test]
    fn a_single_line_field_is_text_with_every_entity_decoded() {
        assert_eq!(
            to_text("R&amp;D &lt;live&gt; &#252;ber &#x263A;"),
            "R&D <live> über ☺"
        );
        assert_eq!(to_text("Caf&eacute; &hellip; &Omega;&nbsp;!"), "Café … Ω !");
        assert_eq!(to_text("Vec<T> and  AT&T"), "Vec<T> and AT&T");
        assert_eq!(to_text("<b>Bold</b> <i>move</i><br>next"), "Bold move next");
        assert_eq!(to_text("a<script>x()</script>b<!-- c -->"), "ab");
        assert_eq!(to_text(""), "");
    }

    #[test]
    fn lists_nest_as_written_and_count_from_their_start() {
        let (blocks, warnings) = read(
            "<p>Intro</p><ol start=\"3\"><li>three<ul><li>inner</li><li></li></ul>after</li><li><p>four</p></li></ol><ul><li>bullet</li></ul>",
            None,
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            blocks,
            [
                Block::Paragraph {
                    text: "Intro".into(),
                    level: 0
                },
                Block::Numbered {
                    number: 3,
                    text: "three".into(),
                    level: 0
                },
                Block::Bullet {
                    text: "inner".into(),
                    level: 1
                },
                Block::Paragraph {
                    text: "after".into(),
                    level: 1
                },
                Block::Numbered {
                    number: 4,
                    text: "four".into(),
                    level: 0
                },
                Block::Bullet {
                    text: "bullet".into(),
                    level: 0
                },
            ]
        );
    }

    #[test]
    fn links_resolve_against_the_page_or_stay_text_with_a_warning() {
        let html = "<p>See <a href=\"/a\">root</a>, <a href=\"b.html\">beside</a>, <a href=\"https://x.org/c?d=1&amp;e=2\"><em>far</em></a> and <a href=\"mailto:m@x.org\">mail</a>.</p>";
        let (blocks, warnings) = read(html, Some("https://conf.org/2025/event/7/"));
        assert_eq!(
            blocks[0].spans(),
            [
                span("See ", false, None),
                span("root", false, Some("https://conf.org/a")),
                span(", ", false, None),
                span(
                    "beside",
                    false,
                    Some("https://conf.org/2025/event/7/b.html")
                ),
                span(", ", false, None),
                span("far", true, Some("https://x.org/c?d=1&e=2")),
                span(" and mail.", false, None),
            ]
        );
        assert_eq!(
            warnings,
            ["the link to \"mailto:m@x.org\" is kept as plain text"]
        );
        let (blocks, warnings) = read(html, None);
        assert_eq!(blocks[0].text(), "See root, beside, far and mail.");
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        // A link without words shows its address.
        let (blocks, _) = read("<a href=\"https://x.org/\"><img src=\"i.png\"></a>", None);
        assert_eq!(
            blocks[0].spans(),
            [span("https://x.org/", false, Some("https://x.org/"))]
        );
    }

    #[test]
    fn markup_becomes_emphasis_breaks_paragraphs_and_text() {
        let (blocks, warnings) = read(
            "<h2>Title</h2>\n<p>One <strong>bold</strong> <i>it</i>&nbsp;&amp;\n  more<br>two</p><script>bad()</script><style>p{}</style><!-- hidden --><pre>let x  = 1;\n  y</pre><p><img alt=\"A cat\"><img src=\"no-alt.png\"></p>",
            None,
        );
        let texts: Vec<&str> = blocks.iter().map(Block::text).collect();
        assert_eq!(
            texts,
            [
                "Title",
                "One bold it\u{a0}& more",
                "two",
                "let x  = 1;",
                "y",
                "A cat"
            ]
        );
        assert_eq!(
            blocks[1].spans(),
            [
                span("One ", false, None),
                span("bold", true, None),
                span(" ", false, None),
                span("it", true, None),
                span("\u{a0}& more", false, None),
            ]
        );
        assert_eq!(warnings, ["an image without a description is left out"]);
        // Emphasis Markdown cannot write ("?" then a letter) is left off.
        let (blocks, _) = read("<p>so.<b>Why?</b>We <b>do</b>.</p>", None);
        assert_eq!(
            blocks[0].spans(),
            [
                span("so.Why?We ", false, None),
                span("do", true, None),
                span(".", false, None),
            ]
        );
        assert!(read("", None).0.is_empty());
        assert!(read("<p> </p><ul><li></li></ul>", None).0.is_empty());
    }

    #[test]
    fn addresses_resolve_as_a_browser_resolves_them() {
        let page = Some("https://h.org/a/b?q=1#top");
        for (url, resolved) in [
            ("https://o.org/x", "https://o.org/x"),
            ("//o.org/x", "https://o.org/x"),
            ("/x", "https://h.org/x"),
            ("x", "https://h.org/a/x"),
            ("?r=2", "https://h.org/a/b?r=2"),
            ("#s", "https://h.org/a/b?q=1#s"),
            ("mailto:m@h.org", "mailto:m@h.org"),
        ] {
            assert_eq!(resolve(url, page), resolved, "{url}");
        }
        assert_eq!(resolve("x", Some("https://h.org")), "https://h.org/x");
        assert_eq!(resolve("/x", None), "/x");
        assert_eq!(resolve("/x", Some("ftp://h.org/")), "/x");
    }
}
