//! Finding units by name the way residents type them: with or without
//! diacritics, any case, old or new tone placement ("Hoà" and "Hòa" are the same
//! name), and by the pre-2025 ward names people still use.

use unicode_normalization::UnicodeNormalization;

use crate::areas::error::{AreasError, AreasResult};
use crate::areas::index::AreaIndex;
use crate::areas::model::Area;

/// Vietnamese tone marks (as combining characters after NFD). The other marks
/// (circumflex, breve, horn) belong to the vowel and stay where they are.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Lower case, no diacritics, đ → d, runs of anything else → one space:
/// "Phường Hoà  Bình" → "phuong hoa binh".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Lower case with diacritics, each syllable's tone mark moved to its end, so
/// old and new tone placement compare equal: "Hoà" and "Hòa" → "hoa\u{300}".
pub fn tone_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut tones = String::new();
    for c in text.nfd().flat_map(char::to_lowercase) {
        if TONE_MARKS.contains(&c) {
            tones.push(c);
        } else if c.is_alphanumeric() || is_combining(c) {
            out.push(c);
        } else {
            out.push_str(&tones);
            tones.clear();
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        }
    }
    out.push_str(&tones);
    out.trim_end().to_owned()
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// One old ward's share in a new unit (old wards split across several new units
/// have one row per target).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormerName {
    pub old_code: String,
    pub old_name: String,
    pub new_code: String,
}

/// The pre-reform names residents still use, mapped to the new units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormerNames {
    pub entries: Vec<FormerName>,
}

impl FormerNames {
    /// Read the mapping table (`old_code,old_name,new_code,...` with a header
    /// row, as in `hanoi_old_to_new.csv`). Columns are found by header name.
    pub fn from_csv(text: &str) -> AreasResult<FormerNames> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let (_, header) = lines.next().ok_or(AreasError::MalformedFormerNames {
            line: 1,
            reason: "empty table".into(),
        })?;
        let header: Vec<String> = split_csv_line(header.trim_start_matches('\u{feff}'))
            .into_iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let column = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or(AreasError::MalformedFormerNames {
                    line: 1,
                    reason: format!("no column {name:?}"),
                })
        };
        let (old_code, old_name, new_code) = (
            column("old_code")?,
            column("old_name")?,
            column("new_code")?,
        );
        let mut entries = Vec::new();
        for (number, line) in lines {
            let fields = split_csv_line(line);
            let get = |i: usize| {
                fields
                    .get(i)
                    .map(|s| crate::text::normalize(s))
                    .filter(|s| !s.is_empty())
                    .ok_or(AreasError::MalformedFormerNames {
                        line: number + 1,
                        reason: format!("missing column {}", header[i]),
                    })
            };
            entries.push(FormerName {
                old_code: get(old_code)?,
                old_name: get(old_name)?,
                new_code: get(new_code)?,
            });
        }
        Ok(FormerNames { entries })
    }
}

/// RFC 4180 fields of one line (quotes, doubled quotes inside them).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.trim_end_matches('\r').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// A unit found by name.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SearchHit {
    pub area: Area,
    /// Set when the match was on a pre-reform ward name ("Phường Hàng Bạc"),
    /// which the shell shows beside the new unit.
    pub former_name: Option<String>,
}

/// Precomputed search keys of every unit and former name.
#[derive(Debug, Clone, Default)]
pub struct NameSearch {
    /// (unit position, folded full name, folded short name, tone key of full name)
    current: Vec<(usize, String, String, String)>,
    /// (unit position, former name, folded, tone key)
    former: Vec<(usize, String, String, String)>,
}

impl NameSearch {
    pub fn new(index: &AreaIndex, former: Option<&FormerNames>) -> NameSearch {
        let position = |code: &str| index.areas().iter().position(|a| a.code == code);
        let current = index
            .areas()
            .iter()
            .enumerate()
            .map(|(i, a)| (i, fold(&a.name), fold(&a.short_name), tone_key(&a.name)))
            .collect();
        let former = former
            .map(|f| f.entries.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|e| {
                // A row naming a unit this set lacks is skipped, not fatal: the
                // table and the area set are updated separately.
                position(&e.new_code).map(|i| {
                    (
                        i,
                        e.old_name.clone(),
                        fold(&e.old_name),
                        tone_key(&e.old_name),
                    )
                })
            })
            .collect();
        NameSearch { current, former }
    }

    /// Units matching `query`, best first: exact name, then prefix, then word
    /// prefix, then anywhere; within each, names whose diacritics match what
    /// was typed come first, current names before former ones.
    pub fn search(&self, index: &AreaIndex, query: &str, limit: usize) -> Vec<SearchHit> {
        let folded = fold(query);
        if folded.is_empty() || limit == 0 {
            return Vec::new();
        }
        let toned = tone_key(query);
        let typed_diacritics = toned != folded;
        // Sort key: match rank, diacritics differ from what was typed, former
        // name, unit position.
        type Key = (u8, bool, bool, usize);
        let mut ranked: Vec<(Key, usize, Option<&str>)> = Vec::new();
        for (i, full, short, tone) in &self.current {
            let rank = [full, short].iter().filter_map(|t| rank(t, &folded)).min();
            if let Some(r) = rank {
                let tone_miss = typed_diacritics && !tone.contains(&toned);
                ranked.push(((r, tone_miss, false, *i), *i, None));
            }
        }
        for (i, name, f, tone) in &self.former {
            if let Some(r) = rank(f, &folded).or_else(|| rank(strip_type(f), &folded)) {
                let tone_miss = typed_diacritics && !tone.contains(&toned);
                ranked.push(((r, tone_miss, true, *i), *i, Some(name.as_str())));
            }
        }
        ranked.sort_by_key(|r| r.0);
        let mut seen = std::collections::HashSet::new();
        ranked
            .into_iter()
            .filter(|(_, i, former)| seen.insert((*i, *former)))
            .take(limit)
            .map(|(_, i, former)| SearchHit {
                area: index.areas()[i].clone(),
                former_name: former.map(str::to_owned),
            })
            .collect()
    }
}

fn strip_type(folded: &str) -> &str {
    folded
        .strip_prefix("phuong ")
        .or_else(|| folded.strip_prefix("xa "))
        .or_else(|| folded.strip_prefix("thi tran "))
        .unwrap_or(folded)
}

/// 0 equal, 1 prefix, 2 a word starts with it, 3 anywhere.
fn rank(text: &str, query: &str) -> Option<u8> {
    if text == query {
        Some(0)
    } else if text.starts_with(query) {
        Some(1)
    } else if text
        .match_indices(query)
        .any(|(at, _)| at > 0 && text.as_bytes()[at - 1] == b' ')
    {
        Some(2)
    } else if text.contains(query) {
        Some(3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_diacritics_and_d_stroke() {
        assert_eq!(fold("Phường Hoà  Bình"), "phuong hoa binh");
        assert_eq!(fold("ĐỐNG ĐA"), "dong da");
        assert_eq!(fold("Hòa"), fold("Hoà"));
    }

    #[test]
    fn old_and_new_tone_placement_share_a_key() {
        assert_eq!(tone_key("Hoà"), tone_key("Hòa"));
        assert_eq!(tone_key("Thuỷ"), tone_key("Thủy"));
        assert_ne!(tone_key("Hòa"), tone_key("Hoa"));
        assert_ne!(tone_key("Hòa"), tone_key("Hóa"));
    }

    #[test]
    fn csv_fields_may_be_quoted() {
        assert_eq!(
            split_csv_line(r#"1,"Phường ""A"", B",3"#),
            vec!["1", "Phường \"A\", B", "3"]
        );
    }
}
