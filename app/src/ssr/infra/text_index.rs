//! Full-text search in six languages, without an engine-specific full-text feature: texts are
//! cut into normalised terms stored in `search_terms` (see `db::search`), the same way on
//! SQLite and PostgreSQL.
//!
//! Normalisation folds case, accents (`énergie` → `energie`, `ё` → `е`), Arabic diacritics,
//! hamza forms and tatweel, and compatibility forms (full-width letters). Words are runs of
//! letters and digits; Chinese, Japanese and Korean text has no spaces, so each run of those
//! characters is indexed as its single characters and its overlapping pairs: a two-character
//! word anywhere in a title is found.
use crate::domain::catalogue::Fragment;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest term kept, in characters; longer words are cut.
const MAX_TERM_CHARS: usize = 40;
/// Shortest query word matched as a prefix of longer words (`ener` finds `energie`).
const MIN_PREFIX_CHARS: usize = 3;

/// Whether `c` belongs to a script written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FFFF) // CJK extensions B–F
}

/// The folded form of one character: zero, one or several characters.
fn fold_char(c: char, out: &mut String) {
    for d in std::iter::once(c).nfkd() {
        if is_combining_mark(d) || d == '\u{0640}' {
            continue; // accents, Arabic harakat and hamza marks, tatweel
        }
        let d = match d {
            'ى' => 'ي', // alef maksura
            'ة' => 'ه', // ta marbuta
            _ => d,
        };
        out.extend(d.to_lowercase());
    }
}

/// Folds a whole text (used for comparisons, not for display).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Arabic prefixes of the definite article (with "and", "with", "like", "so", "for"), taken
/// off so `الإنذار` finds `إنذار`.
const ARABIC_ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// A folded word as indexed: cut to [`MAX_TERM_CHARS`], without an Arabic article.
fn word_term(folded: &str) -> String {
    let is_arabic = folded.chars().next().is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let mut word = folded;
    if is_arabic
        && let Some(rest) = ARABIC_ARTICLES.iter().find_map(|a| word.strip_prefix(a))
        && rest.chars().count() >= 3
    {
        word = rest;
    }
    word.chars().take(MAX_TERM_CHARS).collect()
}

/// A piece of folded text: a word, or a run of CJK characters.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Word(String),
    Cjk(Vec<char>),
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk = Vec::new();
    let flush = |word: &mut String, cjk: &mut Vec<char>, out: &mut Vec<Piece>| {
        if !word.is_empty() {
            out.push(Piece::Word(word_term(word)));
            word.clear();
        }
        if !cjk.is_empty() {
            out.push(Piece::Cjk(std::mem::take(cjk)));
        }
    };
    for c in fold(text).chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                flush(&mut word, &mut Vec::new(), &mut out);
            }
            cjk.push(c);
        } else if c.is_alphanumeric() {
            if !cjk.is_empty() {
                flush(&mut String::new(), &mut cjk, &mut out);
            }
            word.push(c);
        } else {
            flush(&mut word, &mut cjk, &mut out);
        }
    }
    flush(&mut word, &mut cjk, &mut out);
    out
}

/// The terms of a text with their weight: `weight` for each distinct term it contains.
/// Single letters are left out (they carry no meaning in alphabetic scripts).
pub fn terms(text: &str, weight: i64, into: &mut BTreeMap<String, i64>) {
    let mut seen = std::collections::BTreeSet::new();
    for piece in pieces(text) {
        match piece {
            Piece::Word(w) if w.chars().count() > 1 => {
                seen.insert(w);
            }
            Piece::Word(_) => {}
            Piece::Cjk(run) => {
                for (i, c) in run.iter().enumerate() {
                    seen.insert(c.to_string());
                    if let Some(next) = run.get(i + 1) {
                        seen.insert([*c, *next].iter().collect());
                    }
                }
            }
        }
    }
    for term in seen {
        *into.entry(term).or_insert(0) += weight;
    }
}

/// How a query term is looked up in the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTerm {
    pub term: String,
    /// Whether longer index terms starting with `term` also match.
    pub prefix: bool,
}

/// A search query: every one of its terms must match (in any language of a concept).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<QueryTerm>,
    /// CJK runs of the query, for highlighting.
    cjk_runs: Vec<Vec<char>>,
}

impl Query {
    pub fn parse(q: &str) -> Self {
        let mut query = Query::default();
        let mut push = |term: String, prefix: bool| {
            if !query.terms.iter().any(|t| t.term == term) {
                query.terms.push(QueryTerm { term, prefix });
            }
        };
        let mut runs = Vec::new();
        for piece in pieces(q) {
            match piece {
                Piece::Word(w) => {
                    let n = w.chars().count();
                    if n > 1 {
                        push(w, n >= MIN_PREFIX_CHARS);
                    }
                }
                Piece::Cjk(run) => {
                    if run.len() == 1 {
                        push(run[0].to_string(), false);
                    }
                    for pair in run.windows(2) {
                        push(pair.iter().collect(), false);
                    }
                    runs.push(run);
                }
            }
        }
        query.cjk_runs = runs;
        query
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    fn matches_word(&self, folded: &str) -> bool {
        self.terms.iter().any(|t| if t.prefix { folded.starts_with(&t.term) } else { folded == t.term })
    }
}

/// Splits `text` into fragments, marking the words the query matches. At most `max_chars`
/// characters are kept: a window that starts shortly before the first match, with `…` where
/// text was cut.
pub fn highlight(text: &str, query: &Query, max_chars: usize) -> Vec<Fragment> {
    let chars: Vec<char> = text.chars().collect();
    let mut hit = vec![false; chars.len()];
    if !query.is_empty() {
        mark_hits(&chars, query, &mut hit);
    }
    let (start, end) = window(&chars, &hit, max_chars);
    let mut out: Vec<Fragment> = Vec::new();
    if start > 0 {
        out.push(Fragment { text: "…".into(), hit: false });
    }
    for i in start..end {
        match out.last_mut() {
            Some(last) if last.hit == hit[i] && !(i == start && start > 0) => last.text.push(chars[i]),
            _ => out.push(Fragment { text: chars[i].to_string(), hit: hit[i] }),
        }
    }
    if end < chars.len() {
        out.push(Fragment { text: "…".into(), hit: false });
    }
    out
}

fn mark_hits(chars: &[char], query: &Query, hit: &mut [bool]) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            let run: Vec<char> =
                chars[start..i].iter().map(|c| fold(&c.to_string()).chars().next().unwrap_or(*c)).collect();
            for q in &query.cjk_runs {
                for at in 0..run.len().saturating_sub(q.len() - 1) {
                    if run[at..at + q.len()] == q[..] {
                        hit[start + at..start + at + q.len()].iter_mut().for_each(|h| *h = true);
                    }
                }
            }
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            let start = i;
            while i < chars.len() && !is_cjk(chars[i]) && (chars[i].is_alphanumeric() || is_combining_mark(chars[i])) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if query.matches_word(&word_term(&fold(&word))) {
                hit[start..i].iter_mut().for_each(|h| *h = true);
            }
        } else {
            i += 1;
        }
    }
}

/// The range of characters to show: all of it when short, else `max_chars` around the first hit,
/// cut at spaces where possible.
fn window(chars: &[char], hit: &[bool], max_chars: usize) -> (usize, usize) {
    if chars.len() <= max_chars {
        return (0, chars.len());
    }
    let first = hit.iter().position(|h| *h).unwrap_or(0);
    let mut start = first.saturating_sub(max_chars / 4);
    if start > 0 {
        // Start after a space when one is near, so no word is cut in half.
        if let Some(space) = chars[start..first].iter().position(|c| c.is_whitespace()) {
            start += space + 1;
        }
    }
    let mut end = (start + max_chars).min(chars.len());
    if end < chars.len()
        && let Some(space) = chars[start..end].iter().rposition(|c| c.is_whitespace())
        && space > max_chars / 2
    {
        end = start + space;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> Vec<String> {
        let mut map = BTreeMap::new();
        terms(text, 1, &mut map);
        map.into_keys().collect()
    }

    fn hits(fragments: &[Fragment]) -> Vec<&str> {
        fragments.iter().filter(|f| f.hit).map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn latin_text_is_folded_to_unaccented_lowercase() {
        assert_eq!(index("L'Énergie SOLAIRE, à l'école"), ["ecole", "energie", "solaire"]);
        assert_eq!(Query::parse("energie").terms, [QueryTerm { term: "energie".into(), prefix: true }]);
        assert_eq!(Query::parse("Énergie").terms, Query::parse("energie").terms);
    }

    #[test]
    fn cyrillic_folds_case_and_yo() {
        assert_eq!(index("Ёмкость СЕТЕЙ"), ["емкость", "сетеи"]);
        assert_eq!(Query::parse("сетей").terms[0].term, "сетеи");
    }

    #[test]
    fn arabic_is_found_with_or_without_diacritics_and_hamza() {
        let plain = index("الإنذار المبكر");
        assert_eq!(plain, ["انذار", "مبكر"]);
        assert_eq!(index("الإِنْذَارُ الْمُبَكِّرُ"), plain, "harakat are ignored");
        assert_eq!(Query::parse("الانذار").terms[0].term, "انذار");
        assert_eq!(index("مكتبـــة"), index("مكتبه"), "tatweel and ta marbuta");
        assert_eq!(Query::parse("الإنذار").terms, Query::parse("إنذار").terms, "the article");
        assert_eq!(index("والتعليم للمدارس"), ["تعليم", "مدارس"]);
        assert_eq!(index("الذي"), ["الذي"], "too short once cut: kept whole");
    }

    #[test]
    fn chinese_is_indexed_as_characters_and_pairs() {
        let terms = index("海底电缆韧性");
        for t in ["海底", "电缆", "韧性", "缆", "底电"] {
            assert!(terms.contains(&t.to_string()), "{t} in {terms:?}");
        }
        let q = Query::parse("电缆");
        assert_eq!(q.terms, [QueryTerm { term: "电缆".into(), prefix: false }]);
        let q = Query::parse("海底电缆");
        assert_eq!(q.terms.len(), 3, "every pair must match: {:?}", q.terms);
        assert!(q.terms.iter().all(|t| terms.contains(&t.term)));
    }

    #[test]
    fn mixed_scripts_split_where_the_script_changes() {
        assert_eq!(index("5G网络"), ["5g", "络", "网", "网络"], "sorted by code point");
    }

    #[test]
    fn short_query_words_match_exactly_longer_ones_as_prefixes() {
        let q = Query::parse("e ai ener");
        assert_eq!(
            q.terms,
            [QueryTerm { term: "ai".into(), prefix: false }, QueryTerm { term: "ener".into(), prefix: true }]
        );
        assert!(Query::parse("  ,;  ").is_empty());
    }

    #[test]
    fn highlights_mark_the_matched_words_in_the_original_spelling() {
        let q = Query::parse("energie ecoles");
        let f = highlight("Énergie solaire pour les écoles.", &q, 200);
        assert_eq!(hits(&f), ["Énergie", "écoles"]);
        let joined: String = f.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(joined, "Énergie solaire pour les écoles.");
        let f = highlight("الإِنْذَارُ المبكر", &Query::parse("الانذار"), 200);
        assert_eq!(hits(&f), ["الإِنْذَارُ"]);
        let f = highlight("加强太平洋海底电缆的韧性", &Query::parse("电缆"), 200);
        assert_eq!(hits(&f), ["电缆"]);
    }

    #[test]
    fn long_texts_are_cut_around_the_first_match() {
        let text = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let f = highlight(&text, &Query::parse("needle"), 80);
        assert_eq!(f.first().map(|f| f.text.as_str()), Some("…"));
        assert_eq!(f.last().map(|f| f.text.as_str()), Some("…"));
        assert_eq!(hits(&f), ["needle"]);
        let shown: usize = f.iter().map(|f| f.text.chars().count()).sum();
        assert!(shown <= 82, "{shown}");
        let f = highlight(&text, &Query::default(), 80);
        assert!(f[0].text.starts_with("word"), "no match: the start");
    }
}
