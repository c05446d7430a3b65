//! `Block` is read through a flat struct instead of serde's tagged-enum
//! reading, which is much larger in the wasm. These tests hold it to what
//! serde's reading of the same enum accepts and gives, on block-shaped JSON
//! of every kind: known and unknown types, fields that a type has or lacks,
//! nulls, numbers out of range, values of the wrong type.
//!
//! Blocks are JSON objects (the schema says so). Serde would also take a
//! block written as a positional array; that accident is not kept for
//! numbered items, whose fields the flat struct orders differently.

use crate::common::strategies::{config, json_scalar};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};
use tripnotes::model::{Block, Inline};

/// The format as serde reads a tagged enum: the reference.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Reference {
    Paragraph {
        text: Inline,
        #[serde(default, deserialize_with = "null_as_default")]
        level: u8,
    },
    Numbered {
        number: u32,
        text: Inline,
        #[serde(default, deserialize_with = "null_as_default")]
        level: u8,
    },
    Bullet {
        text: Inline,
        #[serde(default, deserialize_with = "null_as_default")]
        level: u8,
    },
    EditorNote {
        text: Inline,
    },
}

fn null_as_default<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    Ok(Option::<u8>::deserialize(d)?.unwrap_or_default())
}

impl From<Reference> for Block {
    fn from(block: Reference) -> Block {
        match block {
            Reference::Paragraph { text, level } => Block::Paragraph { text, level },
            Reference::Numbered {
                number,
                text,
                level,
            } => Block::Numbered {
                number,
                text,
                level,
            },
            Reference::Bullet { text, level } => Block::Bullet { text, level },
            Reference::EditorNote { text } => Block::EditorNote { text },
        }
    }
}

/// Both readings of one JSON text: equal blocks, or both an error.
fn same_reading(text: &str) -> Result<(), String> {
    let ours = serde_json::from_str::<Block>(text);
    let reference = serde_json::from_str::<Reference>(text).map(Block::from);
    match (&ours, &reference) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        _ => Err(format!("{text}: ours {ours:?}, serde's {reference:?}")),
    }
}

#[test]
fn known_cases_read_as_serde_reads_them() {
    let cases = [
        json!({ "type": "paragraph", "text": "a" }),
        json!({ "text": "a", "type": "paragraph", "level": 2 }),
        json!({ "type": "paragraph", "text": "a", "level": null }),
        json!({ "type": "paragraph", "text": "a", "level": 255 }),
        json!({ "type": "paragraph", "text": "a", "level": 256 }),
        json!({ "type": "paragraph", "text": "a", "level": -1 }),
        json!({ "type": "paragraph", "text": "a", "level": 1.5 }),
        json!({ "type": "paragraph", "text": "a", "level": "1" }),
        json!({ "type": "paragraph", "text": "a", "number": "not one" }),
        json!({ "type": "paragraph", "text": "a", "number": [1, { "b": 2 }] }),
        json!({ "type": "paragraph" }),
        json!({ "type": "paragraph", "text": null }),
        json!({ "type": "paragraph", "text": 5 }),
        json!({ "type": "paragraph", "text": [] }),
        json!({ "type": "paragraph", "text": [{ "text": "a", "emphasis": true }, { "text": "b" }] }),
        json!({ "type": "numbered", "number": 2, "text": [{ "text": "a", "link": "https://x.org" }] }),
        json!({ "type": "bullet", "text": [{ "text": "a", "emphasis": "yes" }] }),
        json!({ "type": "bullet", "text": [{ "emphasis": true }] }),
        json!({ "type": "editor-note", "text": ["a"] }),
        json!({ "type": "numbered", "number": 3, "text": "a" }),
        json!({ "type": "numbered", "number": 4294967295u32, "text": "a" }),
        json!({ "type": "numbered", "number": 4294967296u64, "text": "a" }),
        json!({ "type": "numbered", "number": null, "text": "a" }),
        json!({ "type": "numbered", "number": -3, "text": "a" }),
        json!({ "type": "numbered", "number": 3.0, "text": "a" }),
        json!({ "type": "numbered", "text": "a" }),
        json!({ "type": "numbered", "number": 1, "text": "a", "level": null }),
        json!({ "type": "numbered", "number": 1, "text": "a", "level": true }),
        json!({ "type": "bullet", "text": "a", "level": 1, "style": "bold" }),
        json!({ "type": "editor-note", "text": "a" }),
        json!({ "type": "editor-note", "text": "a", "level": "x", "number": {} }),
        json!({ "type": "editor-note", "text": "a", "level": -7 }),
        json!({ "type": "quote", "text": "a" }),
        json!({ "type": null, "text": "a" }),
        json!({ "type": 1, "text": "a" }),
        json!({ "text": "a" }),
        json!({}),
        json!([]),
        json!("paragraph"),
        json!(null),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| same_reading(&case.to_string()).err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    // Duplicate keys, which a JSON value cannot hold.
    for text in [
        r#"{"type":"paragraph","text":"a","text":"b"}"#,
        r#"{"type":"paragraph","type":"bullet","text":"a"}"#,
        r#"{"type":"numbered","number":1,"number":2,"text":"a"}"#,
    ] {
        same_reading(text).unwrap();
    }
}

fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => json_scalar(),
        1 => prop::sample::select(vec!["paragraph", "numbered", "bullet", "editor-note", "x"])
            .prop_map(Value::from),
        1 => Just(json!([1, "a"])),
        1 => Just(json!({ "level": 1 })),
    ]
}

proptest! {
    #![proptest_config(config(2048))]

    /// Any mix of the block fields, in any order, with values of any type.
    #[test]
    fn blocks_read_as_serde_reads_them(
        fields in prop::collection::vec(
            (
                prop::sample::select(vec!["type", "text", "number", "level", "other"]),
                field_value(),
            ),
            0..6,
        ),
        kind in prop::sample::select(vec!["paragraph", "numbered", "bullet", "editor-note"]),
        text in any::<String>(),
    ) {
        let mut block = serde_json::Map::new();
        block.insert("type".into(), kind.into());
        block.insert("text".into(), text.into());
        for (key, value) in fields {
            block.insert(key.to_string(), value);
        }
        let text = Value::Object(block).to_string();
        prop_assert!(same_reading(&text).is_ok(), "{}", same_reading(&text).unwrap_err());
    }
}
