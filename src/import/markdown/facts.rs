//! An entry's facts: the `Key: value` items that open its first list.

use super::notes::not_web_link;
use super::structure::listed;
use super::{at, Reader, Result};
use crate::markdown_format::{parse_speaker, Fact};
use crate::model::{is_clock_time, is_iso_date, is_slug, is_web_link, Kind, Material, Span};

impl Reader<'_> {
    pub(super) fn fact(
        &mut self,
        fact: Fact,
        value: &str,
        spans: &[Span],
        line: usize,
    ) -> Result<()> {
        let open = self
            .entries
            .last_mut()
            .expect("facts follow an entry heading");
        if !open.facts.insert(fact) && fact != Fact::Speaker {
            return Err(at(
                line,
                format!("`{}:` is given twice for this entry", fact.key()),
            ));
        }
        let entry = &mut open.entry;
        let link = spans.iter().find_map(|s| s.link.clone());
        match fact {
            Fact::Id => {
                if !is_slug(value) {
                    return Err(at(line, format!("\"{value}\" is not an id: write lowercase letters, digits and single hyphens, such as `my-talk`")));
                }
                entry.id = value.to_string();
                open.explicit_id = true;
            }
            Fact::Kind => entry.kind = parse_kind(value).map_err(|e| at(line, e))?,
            Fact::Track => {
                if !self.tracks.iter().any(|t| t == value) {
                    return Err(at(line, format!("the track \"{value}\" is not in the front matter: use one of {} or add it under [[tracks]]", listed(&self.tracks))));
                }
                entry.track = value.to_string();
                open.track_given = true;
            }
            Fact::Room => {
                if !self.rooms.iter().any(|r| r == value) {
                    return Err(at(line, format!("the room \"{value}\" is not in the front matter: use one of {} or add it under [[rooms]]", listed(&self.rooms))));
                }
                entry.room = Some(value.to_string());
            }
            Fact::StartDate => entry.start_date = Some(parse_date(value).map_err(|e| at(line, e))?),
            Fact::EndDate => entry.end_date = Some(parse_date(value).map_err(|e| at(line, e))?),
            Fact::Language => entry.language = Some(value.to_string()),
            Fact::Subtitle => entry.subtitle = Some(value.to_string()),
            Fact::Time => {
                let (start, end) = parse_time(value).map_err(|e| at(line, e))?;
                entry.start = start;
                entry.end = end;
            }
            Fact::Speaker => entry
                .speakers
                .push(parse_speaker(value).map_err(|e| at(line, e))?),
            Fact::Topics => {
                for topic in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    if !self.topics.contains(topic) {
                        let mut known: Vec<String> = self.topics.iter().cloned().collect();
                        known.sort();
                        return Err(at(line, format!("the topic \"{topic}\" is not in the front matter: use one of {} or add it under [[topics]]", listed(&known))));
                    }
                    entry.topics.push(topic.to_string());
                }
            }
            Fact::Slides => {
                entry.slides = Some(parse_material(spans, link).map_err(|e| at(line, e))?)
            }
            Fact::Video => {
                entry.video = Some(parse_material(spans, link).map_err(|e| at(line, e))?)
            }
            Fact::Page => entry.url = Some(parse_page(value, link).map_err(|e| at(line, e))?),
            Fact::OfficialTitle => entry.official_title = Some(value.to_string()),
        }
        Ok(())
    }
}

/// "Kind: talk" as the fact and its value, when the key is known.
pub(super) fn fact_line(spans: &[Span]) -> Option<(Fact, String)> {
    let plain: String = spans.iter().map(|s| s.text.as_str()).collect();
    let (key, value) = plain.split_once(':')?;
    Some((Fact::named(key)?, value.trim().to_string()))
}

fn parse_kind(value: &str) -> std::result::Result<Kind, String> {
    let wanted = value.trim().to_ascii_lowercase();
    Kind::ALL
        .into_iter()
        .find(|k| k.name() == wanted)
        .ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.into_iter().map(Kind::name).collect();
            format!(
                "\"{value}\" is not a kind: write one of {}",
                names.join(", ")
            )
        })
}

/// A calendar date of a session past midnight, "2024-03-19".
fn parse_date(value: &str) -> std::result::Result<String, String> {
    if is_iso_date(value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "\"{value}\" is not a date: write the day as YYYY-MM-DD, such as `2024-03-19`"
        ))
    }
}

/// "09:00–09:45", "09:00" or "–09:45" (a hyphen or "to" works too).
fn parse_time(value: &str) -> std::result::Result<(Option<String>, Option<String>), String> {
    let bad = || {
        format!(
            "\"{value}\" is not a time: write `09:00–09:45`, `09:00` or `–09:45` (24-hour clock)"
        )
    };
    let (start, end) = match value
        .split_once(['–', '-'])
        .or_else(|| value.split_once(" to "))
    {
        Some((start, end)) => (start.trim(), Some(end.trim())),
        None => (value.trim(), None),
    };
    let time = |t: &str| -> std::result::Result<Option<String>, String> {
        match t {
            "" => Ok(None),
            t if is_clock_time(t) => Ok(Some(t.to_string())),
            _ => Err(bad()),
        }
    };
    let (start, end) = (time(start)?, end.map(time).transpose()?.flatten());
    if start.is_none() && end.is_none() {
        return Err(bad());
    }
    Ok((start, end))
}

/// "yes", "no", an address (available there), or "no" and an address.
fn parse_material(spans: &[Span], link: Option<String>) -> std::result::Result<Material, String> {
    let words: String = spans
        .iter()
        .filter(|s| s.link.is_none())
        .map(|s| s.text.as_str())
        .collect();
    let words = words.split_once(':').map_or("", |(_, v)| v).trim();
    let (word, url) = match link {
        Some(url) => (words, Some(url)),
        None => match words.split_once(' ') {
            Some((word, url)) => (word, Some(url.trim().to_string())),
            None if words.contains("://") => ("", Some(words.to_string())),
            None => (words, None),
        },
    };
    let available = match word.to_ascii_lowercase().as_str() {
        "" | "yes" => true,
        "no" => false,
        _ => {
            return Err(format!(
                "\"{words}\" is not yes, no or an http or https address"
            ))
        }
    };
    if let Some(url) = url.as_ref().filter(|u| !is_web_link(u)) {
        return Err(not_web_link(url));
    }
    if word.is_empty() && url.is_none() {
        return Err("write yes, no or the address".into());
    }
    Ok(Material { available, url })
}

fn parse_page(value: &str, link: Option<String>) -> std::result::Result<String, String> {
    let url = link.unwrap_or_else(|| value.to_string());
    if is_web_link(&url) {
        Ok(url)
    } else {
        Err(not_web_link(&url))
    }
}
