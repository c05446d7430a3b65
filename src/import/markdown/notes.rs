//! The prose: paragraphs, lists, quotes, footnotes and the spans of text,
//! emphasis and links inside them.

use super::facts::fact_line;
use super::{at, MarkdownError, Mode, Reader, Result, Warning, WarningKind};
use crate::import::html;
use crate::markdown_format::EDITOR_NOTE;
use crate::model::{is_web_link, Block, Footnote, Inline, Span};
use crate::text::to_superscript;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

impl<'a> Reader<'a> {
    /// A paragraph or list at `depth`, or what a report cannot hold.
    pub(super) fn block(&mut self, event: Event<'a>, line: usize, depth: u8) -> Result<()> {
        match event {
            Event::Start(Tag::Paragraph) => {
                let text = self.paragraph(line)?;
                self.push(Block::Paragraph { text, level: depth }, line)
            }
            Event::Start(Tag::List(start)) => self.list(depth, start, line, false),
            other => self.unheld(other, line, depth),
        }
    }

    /// Markdown a report cannot hold, just read: an error, or in a lenient
    /// read a warning and its text as paragraphs at `depth` (a quote's
    /// blocks as they are; a rule, which has no text, is left out).
    pub(super) fn unheld(&mut self, event: Event<'a>, line: usize, depth: u8) -> Result<()> {
        let what = markup_name(&event);
        let error = unsupported(&event, line);
        let kind = match event {
            Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => {
                WarningKind::Html
            }
            _ => WarningKind::Markup,
        };
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                self.tolerate(error, kind, format!("{what} is kept as plain text"))?;
                self.quote(depth)
            }
            Event::Start(_) if self.mode == Mode::Post && kind == WarningKind::Html => {
                self.tolerate(error, kind, format!("{what} is read as HTML"))?;
                let mut dropped = Vec::new();
                let blocks = html::to_blocks(&self.plain_text(), None, &mut |w| dropped.push(w));
                for message in dropped {
                    self.warn(line, WarningKind::Link, message);
                }
                blocks
                    .into_iter()
                    .try_for_each(|block| self.push(deeper(block, depth), line))
            }
            Event::Start(_) => {
                self.tolerate(error, kind, format!("{what} is kept as plain text"))?;
                let text = self.plain_text();
                self.paragraphs(&text, line, depth)
            }
            _ => self.tolerate(error, kind, format!("{what} is left out")),
        }
    }

    /// Each line of a text as a plain paragraph at `depth`.
    fn paragraphs(&mut self, text: &str, line: usize, depth: u8) -> Result<()> {
        for text in text.lines().map(str::trim).filter(|t| !t.is_empty()) {
            let text = Inline::plain(text);
            self.push(Block::Paragraph { text, level: depth }, line)?;
        }
        Ok(())
    }

    /// In a strict read the error; in a lenient one the warning, and the
    /// read goes on. A warning is given once a file, at its first line: a
    /// text full of HTML tags needs one.
    pub(super) fn tolerate(
        &mut self,
        error: MarkdownError,
        kind: WarningKind,
        warning: String,
    ) -> Result<()> {
        if !self.lenient() {
            return Err(error);
        }
        let given = (self.warnings.iter()).any(|w| w.message == warning && w.file == self.file);
        if !given {
            self.warn(error.line, kind, warning);
        }
        Ok(())
    }

    /// Notes a guess of a lenient read at a line of the file being read.
    pub(super) fn warn(&mut self, line: usize, kind: WarningKind, message: String) {
        self.warnings.push(Warning {
            file: self.file.clone(),
            line,
            kind,
            message,
        });
    }

    /// A quote's blocks, read leniently up to its end.
    pub(super) fn quote(&mut self, depth: u8) -> Result<()> {
        while let Some((event, range)) = self.next() {
            let line = self.lines.of(range.start);
            match event {
                Event::End(_) => return Ok(()),
                other => self.block(other, line, depth)?,
            }
        }
        Ok(())
    }

    /// The text of the construct whose start was just read, up to its end:
    /// its words, with its line breaks.
    pub(super) fn plain_text(&mut self) -> String {
        let mut text = String::new();
        let mut open = 0usize;
        while let Some((event, _)) = self.next() {
            match event {
                Event::Start(_) => open += 1,
                Event::End(_) if open == 0 => break,
                Event::End(_) => open -= 1,
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    text.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                _ => {}
            }
        }
        text
    }

    /// A link's address when it is http or https; otherwise an error, or in
    /// a lenient read none, its text staying as plain text.
    pub(super) fn link(&mut self, url: &CowStr, line: usize) -> Result<Option<String>> {
        match web_link(url, line) {
            Ok(url) => Ok(Some(url)),
            Err(error) => {
                let warning = format!(
                    "the link to \"{url}\" is kept as plain text: only http and https links are"
                );
                self.tolerate(error, WarningKind::Link, warning)?;
                Ok(None)
            }
        }
    }

    pub(super) fn paragraph(&mut self, line: usize) -> Result<Inline> {
        let spans = self.inline()?;
        self.expect_end(line)?;
        Ok(Inline::from_spans(spans))
    }

    /// Consumes the end tag that closes what was just read.
    pub(super) fn expect_end(&mut self, line: usize) -> Result<()> {
        match self.next() {
            Some((Event::End(_), _)) => Ok(()),
            Some((other, range)) => Err(unsupported(&other, self.lines.of(range.start))),
            None => Err(at(line, "the file ends inside a block")),
        }
    }

    /// The inline content that follows, up to the next block's tag.
    pub(super) fn inline(&mut self) -> Result<Vec<Span>> {
        let mut spans = Vec::new();
        let mut emphasis = 0usize;
        let mut link: Option<String> = None;
        while let Some((event, range)) = self.events.peek().cloned() {
            let here = self.lines.of(range.start);
            let text = match event {
                Event::Text(t) | Event::Code(t) => t.to_string(),
                Event::SoftBreak | Event::HardBreak => " ".to_string(),
                Event::FootnoteReference(label) => {
                    let mark = self.footnote_mark(&label).map_err(|e| at(here, e))?;
                    superscript(&mark)
                }
                Event::Start(Tag::Emphasis | Tag::Strong) => {
                    emphasis += 1;
                    String::new()
                }
                Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                    emphasis -= 1;
                    String::new()
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    link = self.link(&dest_url, here)?;
                    String::new()
                }
                Event::End(TagEnd::Link) => {
                    link = None;
                    String::new()
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    let error = at(
                        here,
                        "images are not part of a report: link to the picture instead",
                    );
                    let warning = "an image is kept as plain text".into();
                    self.tolerate(error, WarningKind::Image, warning)?;
                    self.next();
                    // Its description, else its address; in a post, a link
                    // to the picture when the address is one a reader can
                    // follow.
                    let described = self.plain_text().replace('\n', " ");
                    let text = match described.trim() {
                        "" => dest_url.to_string(),
                        _ => described,
                    };
                    let post = self.mode == Mode::Post;
                    let own = Some(dest_url.to_string()).filter(|url| post && is_web_link(url));
                    spans.push(Span {
                        text,
                        emphasis: emphasis > 0,
                        link: own.or_else(|| link.clone()),
                    });
                    continue;
                }
                Event::InlineHtml(html) | Event::Html(html) => {
                    let error = at(
                        here,
                        "HTML is not part of a report: write plain text (escape a literal < as \\<)",
                    );
                    let (warning, text) = match self.mode {
                        Mode::Post => ("HTML is read as its text", html::to_text(&html)),
                        _ => ("HTML is kept as plain text", html.to_string()),
                    };
                    self.tolerate(error, WarningKind::Html, warning.into())?;
                    text.replace('\n', " ")
                }
                _ => break,
            };
            if !text.is_empty() {
                spans.push(Span {
                    text,
                    emphasis: emphasis > 0,
                    link: link.clone(),
                });
            }
            self.next();
        }
        Ok(spans)
    }

    /// A list whose `Start` was just read, its items at `depth`. An entry's
    /// first list starts with its facts: items of `Key: value` with a known
    /// key, for as long as they come.
    pub(super) fn list(
        &mut self,
        depth: u8,
        start: Option<u64>,
        line: usize,
        facts: bool,
    ) -> Result<()> {
        let mut facts = facts;
        while let Some((event, range)) = self.next() {
            let here = self.lines.of(range.start);
            match event {
                Event::Start(Tag::Item) => {
                    let number = start.map(|_| item_number(&self.source[range.start..]));
                    self.item(depth, number, here, &mut facts)?;
                }
                Event::End(TagEnd::List(_)) => return Ok(()),
                other => return Err(unsupported(&other, here)),
            }
        }
        Err(at(line, "the file ends inside a list"))
    }

    /// One list item: its own text, then continuation paragraphs one level
    /// deeper and nested lists.
    pub(super) fn item(
        &mut self,
        depth: u8,
        number: Option<u32>,
        line: usize,
        facts: &mut bool,
    ) -> Result<()> {
        let mut has_text = false;
        let lenient = self.lenient();
        while let Some((event, range)) = self.events.peek() {
            let here = self.lines.of(range.start);
            let spans = match event {
                Event::End(TagEnd::Item) => {
                    self.next();
                    // A lenient read leaves an empty item out.
                    return if has_text || self.lenient() {
                        Ok(())
                    } else {
                        Err(at(line, "a list item needs text of its own"))
                    };
                }
                Event::Start(Tag::Paragraph) => {
                    self.next();
                    let spans = self.inline()?;
                    self.expect_end(here)?;
                    spans
                }
                Event::Start(Tag::List(start)) if has_text || lenient => {
                    let start = *start;
                    self.next();
                    *facts = false;
                    self.list(depth.saturating_add(1), start, here, false)?;
                    continue;
                }
                Event::Start(Tag::BlockQuote(_)) if has_text && !lenient => {
                    self.next();
                    let note = self.editor_note(here)?;
                    self.push(note, here)?;
                    continue;
                }
                Event::Start(Tag::List(_) | Tag::BlockQuote(_)) if !lenient => {
                    return Err(at(
                        here,
                        "a list item needs text of its own before a nested list or quote",
                    ))
                }
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. },
                ) => self.inline()?,
                Event::Start(_) | Event::Rule | Event::TaskListMarker(_) => {
                    let (event, range) = self.next().expect("peeked");
                    let here = self.lines.of(range.start);
                    self.unheld(event, here, depth.saturating_add(1))?;
                    continue;
                }
                _ => self.inline()?,
            };
            if !has_text && *facts && number.is_none() && depth == 0 {
                if let Some((fact, value)) = fact_line(&spans) {
                    self.fact(fact, &value, &spans, here)?;
                    has_text = true;
                    continue;
                }
            }
            *facts = false;
            let text = Inline::from_spans(spans);
            let block = match (has_text, number) {
                (true, _) => Block::Paragraph {
                    text,
                    level: depth.saturating_add(1),
                },
                (false, Some(number)) => Block::Numbered {
                    number,
                    text,
                    level: depth,
                },
                (false, None) => Block::Bullet { text, level: depth },
            };
            self.push(block, here)?;
            has_text = true;
        }
        Err(at(line, "the file ends inside a list item"))
    }

    pub(super) fn editor_note(&mut self, line: usize) -> Result<Block> {
        let wrong = || {
            at(line, format!("a quote is an editor's note: one paragraph starting \"{EDITOR_NOTE}\" (the format has no other quotes)"))
        };
        match self.next() {
            Some((Event::Start(Tag::Paragraph), _)) => {}
            _ => return Err(wrong()),
        }
        let spans = self.inline()?;
        self.expect_end(line)?;
        match self.next() {
            Some((Event::End(TagEnd::BlockQuote(_)), _)) => {}
            _ => return Err(wrong()),
        }
        let plain: String = spans.iter().map(|s| s.text.as_str()).collect();
        // A typographic apostrophe is the same note.
        let prefix = [EDITOR_NOTE, "Editor’s note:"]
            .into_iter()
            .find(|p| plain.starts_with(p))
            .ok_or_else(wrong)?;
        let mut skip = prefix.len() + usize::from(plain[prefix.len()..].starts_with(' '));
        let mut rest = Vec::new();
        for mut span in spans {
            let cut = skip.min(span.text.len());
            skip -= cut;
            span.text.drain(..cut);
            if !span.text.is_empty() {
                rest.push(span);
            }
        }
        Ok(Block::EditorNote {
            text: Inline::from_spans(rest),
        })
    }

    /// The report's mark of a footnote label: the label itself when read
    /// strictly, which must be a number; in a lenient read, the next free
    /// number the first time the file names it.
    fn footnote_mark(&mut self, label: &str) -> std::result::Result<String, String> {
        if !self.lenient() {
            return match label.bytes().all(|b| b.is_ascii_digit()) && !label.is_empty() {
                true => Ok(label.to_string()),
                false => Err(format!(
                    "footnote marks are numbers: write [^1], not [^{label}]"
                )),
            };
        }
        let next = (self.footnote_marks.len() + 1).to_string();
        let key = (self.file.clone(), label.to_string());
        Ok(self.footnote_marks.entry(key).or_insert(next).clone())
    }

    pub(super) fn footnote(&mut self, label: CowStr<'a>, line: usize) -> Result<()> {
        let mark = self.footnote_mark(&label).map_err(|e| at(line, e))?;
        let mut text = String::new();
        while let Some((event, range)) = self.next() {
            let here = self.lines.of(range.start);
            match event {
                Event::End(TagEnd::FootnoteDefinition) => {
                    self.footnotes.push(Footnote { mark, text });
                    return Ok(());
                }
                Event::Start(Tag::Paragraph) if text.is_empty() => {
                    let spans = self.inline()?;
                    self.expect_end(here)?;
                    if spans.iter().any(|s| s.link.is_some()) {
                        return Err(at(
                            here,
                            "a footnote is plain text: write the address itself",
                        ));
                    }
                    text = spans.into_iter().map(|s| s.text).collect();
                }
                other => return Err(unsupported(&other, here)),
            }
        }
        Err(at(line, "the file ends inside a footnote"))
    }
}

fn unsupported(event: &Event, line: usize) -> MarkdownError {
    let what = match event {
        Event::Start(Tag::CodeBlock(_)) => {
            "code blocks are not part of a report: write the text as a paragraph"
        }
        Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => {
            "HTML is not part of a report: write plain text (escape a literal < as \\<)"
        }
        Event::Rule => "a rule (---) is not part of a report: headings separate days and entries",
        Event::Start(Tag::Image { .. }) => {
            "images are not part of a report: link to the picture instead"
        }
        Event::Start(Tag::FootnoteDefinition(_)) => {
            "a footnote is defined on its own line, `[^1]: text`, not inside a list or quote"
        }
        Event::Start(Tag::Heading { .. }) => "a heading cannot be inside a list or quote",
        _ => "this Markdown is not part of the report format (see docs/markdown-format.md)",
    };
    at(line, what)
}

/// What a construct a report cannot hold is called in a warning.
fn markup_name(event: &Event) -> &'static str {
    match event {
        Event::Start(Tag::Heading { .. }) => "a heading",
        Event::Start(Tag::CodeBlock(_)) => "a code block",
        Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => "HTML",
        Event::Start(Tag::BlockQuote(_)) => "a quote",
        Event::Rule => "a rule",
        _ => "markup",
    }
}

/// A footnote reference as the text holds it: mark "12" gives "¹²".
fn superscript(mark: &str) -> String {
    mark.bytes().map(to_superscript).collect()
}

/// What to tell the author about a link that is not an http or https address.
pub(super) fn not_web_link(url: &str) -> String {
    format!(
        "\"{url}\" is not an http or https link: write a full address such as https://example.org/"
    )
}

fn web_link(url: &CowStr, line: usize) -> Result<String> {
    if is_web_link(url) {
        Ok(url.to_string())
    } else {
        Err(at(line, not_web_link(url)))
    }
}

/// The number a list item's marker gives, e.g. 12 for "12. text".
fn item_number(source: &str) -> u32 {
    let digits = source.bytes().take_while(u8::is_ascii_digit).count();
    source[..digits].parse().unwrap_or(0)
}

/// A block of HTML read inside a list item at `depth`.
fn deeper(mut block: Block, depth: u8) -> Block {
    if let Block::Paragraph { level, .. }
    | Block::Bullet { level, .. }
    | Block::Numbered { level, .. } = &mut block
    {
        *level = level.saturating_add(depth);
    }
    block
}
