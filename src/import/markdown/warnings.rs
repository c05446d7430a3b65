//! What a lenient read guessed or left out, each at file:line.

use std::fmt;

/// What a lenient read guessed or left out, so a summary can count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    /// Front matter keys of a blog engine, which a report has no use for.
    IgnoredKeys,
    /// The report's title taken from a file name.
    Title,
    /// A speaker read from a talk's title.
    Speaker,
    /// An id changed because the title gave none or a taken one.
    Id,
    /// A link that is not http or https, kept as its text.
    Link,
    /// An image, kept as its description.
    Image,
    /// HTML, kept as its text.
    Html,
    /// A blog engine's shortcode, left out.
    Shortcode,
    /// Markup a report has no place for (a code block, a quote, a rule, a
    /// heading that is neither a day nor a talk), kept as text or left out.
    Markup,
}

impl WarningKind {
    /// What the summary calls warnings of this kind.
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::IgnoredKeys => "ignored front matter keys",
            WarningKind::Title => "title from a file name",
            WarningKind::Speaker => "speakers read from titles",
            WarningKind::Id => "ids changed",
            WarningKind::Link => "links kept as text",
            WarningKind::Image => "images kept as text",
            WarningKind::Html => "HTML kept as text",
            WarningKind::Shortcode => "shortcodes left out",
            WarningKind::Markup => "markup kept as text",
        }
    }
}

/// What a lenient read guessed or left out, at a 1-based line of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub kind: WarningKind,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}
