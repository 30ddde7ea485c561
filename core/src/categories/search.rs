//! Finding a category the way residents type: without diacritics, any case,
//! "đ" as "d" ("ve sinh" finds "Vệ sinh môi trường"), in Vietnamese or
//! English, by the category's name first, then its keywords ("rác", "pothole"),
//! its group and its description. Decided here once so both phones rank alike.

use crate::areas::search::fold;
use crate::categories::Category;

/// Where in a category the query was found; earlier fields rank first.
const NAME: u8 = 0;
const KEYWORD: u8 = 1;
const GROUP: u8 = 2;
const DESCRIPTION: u8 = 3;

/// The rank of a match whose words are found apart (in names and keywords only).
const SCATTERED: u8 = 3;

/// `categories` matching `query`, best first: by field (name, keyword, group,
/// description), then how well it matches there (the whole text, its start, a
/// word's start, every typed word starting a word), then the
/// city's order. An empty (or only punctuation) query returns every category
/// in the city's order.
pub fn search(categories: &[Category], query: &str) -> Vec<Category> {
    let query = fold(query);
    if query.is_empty() {
        return categories.to_vec();
    }
    let mut ranked: Vec<((u8, u8, usize), &Category)> = categories
        .iter()
        .enumerate()
        .filter_map(|(position, c)| best_match(c, &query).map(|m| ((m.0, m.1, position), c)))
        .collect();
    ranked.sort_by_key(|(key, _)| *key);
    ranked.into_iter().map(|(_, c)| c.clone()).collect()
}

/// (field, rank) of the best place `query` (folded) matches in `category`.
fn best_match(category: &Category, query: &str) -> Option<(u8, u8)> {
    let fields: [(u8, Vec<&str>); 4] = [
        (NAME, vec![&category.name.vi, &category.name.en]),
        (
            KEYWORD,
            category.keywords.iter().map(String::as_str).collect(),
        ),
        (GROUP, vec![&category.group.vi, &category.group.en]),
        (
            DESCRIPTION,
            vec![&category.description.vi, &category.description.en],
        ),
    ];
    fields.iter().find_map(|(field, texts)| {
        texts
            .iter()
            .filter_map(|text| rank(&fold(text), query))
            // Words scattered through a sentence match too much by chance.
            .filter(|&rank| rank < SCATTERED || *field <= KEYWORD)
            .min()
            .map(|rank| (*field, rank))
    })
}

/// 0 equal, 1 prefix, 2 a word starts with it, 3 every query word starts a
/// word of the text, in any order ("moi truong ve sinh"). Never inside a
/// word: folded syllables are short, and "o ga" inside "do gay" is noise.
fn rank(text: &str, query: &str) -> Option<u8> {
    if text == query {
        Some(0)
    } else if text.starts_with(query) {
        Some(1)
    } else if text.contains(&format!(" {query}")) {
        Some(2)
    } else if query
        .split(' ')
        .all(|q| text.split(' ').any(|word| word.starts_with(q)))
    {
        Some(SCATTERED)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::categories::snapshot;

    fn codes(query: &str) -> Vec<String> {
        search(snapshot::categories(), query)
            .into_iter()
            .map(|c| c.code)
            .collect()
    }

    #[test]
    fn diacritics_case_and_d_do_not_matter() {
        for query in ["ve sinh", "Vệ sinh", "VE SINH", "Ve\u{302}\u{323} sinh"] {
            let found = codes(query);
            assert_eq!(found[0], "ve_sinh_moi_truong", "{query}: {found:?}");
        }
        // "đ" is typed as "d": "do thi" finds "Đô thị"'s categories.
        let found = codes("do thi");
        assert!(found.contains(&"trat_tu_do_thi".to_owned()), "{found:?}");
        assert_eq!(codes("DÔ THỊ"), found);
    }

    #[test]
    fn a_name_ranks_before_a_keyword_and_the_name_before_its_group() {
        // "vệ sinh" is also a keyword of food safety: after the named one.
        assert_eq!(
            codes("ve sinh"),
            ["ve_sinh_moi_truong", "an_toan_thuc_pham"]
        );
        // The exact name before a category whose name only contains it.
        let found = codes("giao thong");
        assert_eq!(found[0], "giao_thong", "{found:?}");
        // A keyword alone finds its category, in either language.
        assert_eq!(codes("o ga"), ["giao_thong"]);
        assert_eq!(codes("pothole"), ["giao_thong"]);
        // A group lists its categories in the city's order, after any name match.
        let environment = codes("moi truong");
        assert_eq!(environment[0], "ve_sinh_moi_truong");
        assert!(environment.contains(&"ngap_ung".to_owned()));
        assert!(environment.contains(&"cay_xanh".to_owned()));
    }

    #[test]
    fn words_in_another_order_still_match_and_nonsense_matches_nothing() {
        assert_eq!(codes("truong ve")[0], "ve_sinh_moi_truong");
        assert!(codes("xyzzy").is_empty());
    }

    #[test]
    fn an_empty_query_lists_every_category_in_the_citys_order() {
        let all: Vec<String> = snapshot::categories()
            .iter()
            .map(|c| c.code.clone())
            .collect();
        assert_eq!(codes(""), all);
        assert_eq!(codes("  – "), all);
    }
}
