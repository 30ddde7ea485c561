//! Every text the core words in both languages has one shape, `Bilingual { vi,
//! en }`: a field of that type, or a method returning it. This scans the core's
//! and the bindings' sources so that a `label_vi` / `label_en` field pair, a
//! `labels()` returning a `(vi, en)` tuple or a `label(Language)` picking one
//! language does not come back (the shells and the CLI's JSON would each have
//! to learn a second shape again).

use std::path::{Path, PathBuf};

/// Fields named `…_en` that are not half of a pair: an area's English name is
/// optional (the boundary data often has none) beside its official name.
const ALLOWED_FIELDS: &[(&str, &str)] = &[("areas/model.rs", "name_en")];

/// What is wrong with one line of source, if anything.
fn offence(line: &str) -> Option<&'static str> {
    let code = line.split("//").next().unwrap_or("").trim();
    if let Some(rest) = code.strip_prefix("pub")
        && let Some((name, _type)) = after_visibility(rest).split_once(':')
    {
        let name = name.trim();
        let is_field = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if is_field && (name.ends_with("_vi") || name.ends_with("_en")) {
            return Some("a `_vi` / `_en` field: make it one `Bilingual` field");
        }
    }
    if let Some((signature, returns)) = code.split_once("->")
        && signature.contains("fn ")
    {
        let returns = returns.trim().trim_end_matches('{').trim();
        let pair = [
            "(&'static str, &'static str)",
            "(&str, &str)",
            "(String, String)",
        ];
        if signature.contains("pub") && pair.contains(&returns) {
            return Some("a public function returning a (vi, en) tuple: return `Bilingual`");
        }
        if signature.contains("fn label") && signature.contains("Language") {
            return Some("a label picking one language: return `Bilingual`");
        }
    }
    None
}

/// What follows `pub` or `pub(crate)`: `(crate) name: Type` → `name: Type`;
/// empty when `pub` was only the start of a word (`published_at_ms`).
fn after_visibility(rest: &str) -> &str {
    match rest.strip_prefix('(') {
        Some(inner) => inner
            .split_once(')')
            .map_or("", |(_, after)| after.trim_start()),
        None if rest.starts_with(char::is_whitespace) => rest.trim_start(),
        None => "",
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_scan_catches_each_old_shape() {
    for line in [
        "    pub label_vi: String,",
        "    pub(crate) title_en: String,",
        "    pub fn labels(self) -> (&'static str, &'static str) {",
        "    pub fn labels(self, unit: Option<&str>) -> (String, String) {",
        "    pub fn label(self, language: Language) -> &'static str {",
    ] {
        assert!(offence(line).is_some(), "not caught: {line}");
    }
    for line in [
        "    pub label: Bilingual,",
        "    pub fn label(self) -> Bilingual {",
        "    name_vi: String,",
        "    published_vi: u64,",
        "    // pub label_vi: String,",
        "    fn words(code: &str) -> (&'static str, &'static str) {",
        "    pub fn language(&self) -> Language {",
    ] {
        assert_eq!(offence(line), None, "wrongly caught: {line}");
    }
}

#[test]
fn every_bilingual_text_in_the_core_and_the_bindings_is_one_bilingual_value() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut scanned = 0;
    for dir in [root.join("src"), root.join("../bindings/src")] {
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        for file in files {
            let relative = file
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let source = std::fs::read_to_string(&file).unwrap();
            scanned += 1;
            for (number, line) in source.lines().enumerate() {
                let allowed = ALLOWED_FIELDS.iter().any(|(path, field)| {
                    relative == *path && line.trim_start().starts_with(&format!("pub {field}:"))
                });
                if let Some(why) = offence(line).filter(|_| !allowed) {
                    found.push(format!(
                        "{relative}:{}: {why}\n    {}",
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        scanned > 50,
        "only {scanned} files scanned: wrong directory?"
    );
    assert!(
        found.is_empty(),
        "old bilingual shapes:\n{}",
        found.join("\n")
    );
}
