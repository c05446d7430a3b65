//! The wire format: how a report is read from JSON and written to it,
//! versions and the forms the format allows (a block's text as a string or
//! as spans, `null` for a field left out) included.

use super::*;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserializer;
use std::fmt;

/// Reads `null` as the field left out: the format lets a writer say
/// "absent" either way, and serde's `default` covers only the missing field.
pub(super) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

pub(super) fn is_false(value: &bool) -> bool {
    !*value
}

pub(super) fn is_zero(level: &u8) -> bool {
    *level == 0
}

/// Plain text as a string (version 1's form), formatted text as its spans.
impl Serialize for Inline {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.spans.is_empty() {
            serializer.serialize_str(&self.plain)
        } else {
            self.spans.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Inline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Inline, D::Error> {
        struct TextOrSpans;
        impl<'de> Visitor<'de> for TextOrSpans {
            type Value = Inline;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of spans")
            }
            fn visit_str<E>(self, text: &str) -> Result<Inline, E> {
                Ok(Inline::plain(text))
            }
            fn visit_string<E>(self, text: String) -> Result<Inline, E> {
                Ok(Inline::plain(text))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Inline, A::Error> {
                let mut spans = Vec::new();
                while let Some(span) = seq.next_element::<Span>()? {
                    spans.push(span);
                }
                Ok(Inline::from_spans(spans))
            }
        }
        deserializer.deserialize_any(TextOrSpans)
    }
}

/// A block as read: one flat object whose fields are sorted out once the
/// type is known. Serde's own reading of a tagged enum first copies every
/// block into a generic tree, which made the wasm about 5 KB (gzip) larger.
#[derive(Deserialize)]
pub(super) struct RawBlock {
    #[serde(rename = "type")]
    kind: BlockType,
    text: Inline,
    #[serde(default)]
    number: Loose,
    #[serde(default)]
    level: Loose,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum BlockType {
    Paragraph,
    Numbered,
    Bullet,
    EditorNote,
}

impl TryFrom<RawBlock> for Block {
    type Error = String;

    fn try_from(raw: RawBlock) -> Result<Block, String> {
        let RawBlock {
            kind,
            text,
            number,
            level,
        } = raw;
        // Nesting depth 0 is the default, and null reads as absent.
        let level = || Ok::<u8, String>(level.read(u8::MAX.into(), "u8", true)?.unwrap_or(0) as u8);
        Ok(match kind {
            BlockType::Paragraph => Block::Paragraph {
                text,
                level: level()?,
            },
            BlockType::Numbered => Block::Numbered {
                number: number
                    .read(u32::MAX.into(), "u32", false)?
                    .ok_or("missing field `number`")? as u32,
                text,
                level: level()?,
            },
            BlockType::Bullet => Block::Bullet {
                text,
                level: level()?,
            },
            // An editor's note has no level or number: whatever is there is
            // ignored, as with any unknown field.
            BlockType::EditorNote => Block::EditorNote { text },
        })
    }
}

/// A number field as written, judged only once the block's type says
/// whether it has that field, so a type without it ignores any value there.
#[derive(Default)]
enum Loose {
    #[default]
    Absent,
    Int(u64),
    /// Anything else, by the name serde's messages give it.
    Other(&'static str),
}

impl Loose {
    /// The number when it is at most `max`, `None` when absent (or null,
    /// where `null_is_absent`), else a message like serde's.
    fn read(self, max: u64, expected: &str, null_is_absent: bool) -> Result<Option<u64>, String> {
        match self {
            Loose::Absent | Loose::Other("null") if null_is_absent => Ok(None),
            Loose::Absent => Ok(None),
            Loose::Int(n) if n <= max => Ok(Some(n)),
            Loose::Int(n) => Err(format!("invalid value: integer `{n}`, expected {expected}")),
            Loose::Other(what) => Err(format!("invalid type: {what}, expected {expected}")),
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Loose, D::Error> {
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Loose;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_u64<E>(self, n: u64) -> Result<Loose, E> {
                Ok(Loose::Int(n))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Loose, E> {
                Ok(u64::try_from(n).map_or(Loose::Other("negative integer"), Loose::Int))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Loose, E> {
                Ok(Loose::Other("floating point"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Loose, E> {
                Ok(Loose::Other("boolean"))
            }
            fn visit_str<E>(self, _: &str) -> Result<Loose, E> {
                Ok(Loose::Other("string"))
            }
            fn visit_unit<E>(self) -> Result<Loose, E> {
                Ok(Loose::Other("null"))
            }
            fn visit_none<E>(self) -> Result<Loose, E> {
                Ok(Loose::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Loose, A::Error> {
                IgnoredAny.visit_seq(seq)?;
                Ok(Loose::Other("sequence"))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Loose, A::Error> {
                IgnoredAny.visit_map(map)?;
                Ok(Loose::Other("map"))
            }
        }
        deserializer.deserialize_any(Any)
    }
}

/// Why a report could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape.
    Parse(String),
    /// Well-formed, but breaks a rule of the format.
    Invalid(Invalid),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Parse(detail) => {
                write!(f, "the report is not valid JSON of this format: {detail}")
            }
            LoadError::Invalid(invalid) => write!(f, "the report breaks a rule: {invalid}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl Report {
    /// Parses and validates a report. The schema version is checked first, so
    /// a report from a newer format says so instead of failing on a field.
    /// A version 1 report reads as the same report in the current version.
    pub fn from_json(text: &str) -> Result<Report, LoadError> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: Option<u32>,
        }
        let version: Version =
            serde_json::from_str(text).map_err(|e| LoadError::Parse(e.to_string()))?;
        let invalid = |problem: String| {
            LoadError::Invalid(Invalid {
                entry: None,
                field: "schema_version".into(),
                problem,
            })
        };
        let version = match version.schema_version {
            Some(v) if (OLDEST_READ_VERSION..=SCHEMA_VERSION).contains(&v) => v,
            Some(other) => {
                return Err(invalid(format!(
                    "version {other} is not supported (this build reads versions {OLDEST_READ_VERSION} to {SCHEMA_VERSION})"
                )))
            }
            None => return Err(invalid("missing".into())),
        };
        let mut report: Report =
            serde_json::from_str(text).map_err(|e| LoadError::Parse(e.to_string()))?;
        if version < SCHEMA_VERSION && report.blocks().any(|b| !b.spans().is_empty()) {
            return Err(invalid(format!(
                "version {version} has no spans: write {SCHEMA_VERSION} to use them"
            )));
        }
        report.schema_version = SCHEMA_VERSION;
        validate(&report).map_err(LoadError::Invalid)?;
        Ok(report)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a report always serializes");
        text.push('\n');
        text
    }
}
