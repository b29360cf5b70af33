//! One case-insensitive Aho-Corasick automaton over every enabled rule's keywords.
//!
//! `candidates` says which rules may match a file; a file with no keyword hit is done. This
//! is what keeps a sweep close to raw read speed. A rule may also name `also` keywords, of
//! which the file must contain one as well (the secret a query-string rule is about, next to
//! the query syntax it looks for), so that files mentioning only one half are neither parsed
//! nor matched. It knows nothing about regexes or languages.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// The keyword automaton and which rules each keyword belongs to.
#[derive(Debug)]
pub struct Prefilter {
    automaton: AhoCorasick,
    owners: Vec<Vec<usize>>,
    rules: usize,
    /// Rules that have also-keywords.
    also: Vec<bool>,
    /// How many distinct slots own a keyword: the scan stops once all are marked.
    owned: usize,
}

impl Prefilter {
    /// Build from `(rule index, keywords, also-keywords)`: a rule is a candidate when a file
    /// holds one of its keywords and, if it has any, one of its also-keywords.
    ///
    /// # Panics
    /// Never in practice: keyword sets are small.
    #[must_use]
    pub fn new<'a>(
        rules: impl IntoIterator<Item = (usize, &'a [String], &'a [String])>,
    ) -> Prefilter {
        let mut keywords: Vec<&str> = Vec::new();
        // Owners are slots: 2 * rule for keywords, 2 * rule + 1 for also-keywords.
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut count = 0;
        let mut also = Vec::new();
        for (rule, words, also_words) in rules {
            count = count.max(rule + 1);
            also.resize(count, false);
            also[rule] = !also_words.is_empty();
            for (slot, list) in [(2 * rule, words), (2 * rule + 1, also_words)] {
                for w in list {
                    if let Some(i) = keywords.iter().position(|k| k == w) {
                        owners[i].push(slot);
                    } else {
                        keywords.push(w);
                        owners.push(vec![slot]);
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keywords)
            .expect("keyword automaton");
        let owned = owners
            .iter()
            .flatten()
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        Prefilter {
            automaton,
            owners,
            rules: count,
            also,
            owned,
        }
    }

    /// Mark in `hits` (resized to the rule count) every rule with a keyword in `haystack`;
    /// returns whether any rule is marked.
    pub fn candidates(&self, haystack: &[u8], hits: &mut Vec<bool>) -> bool {
        hits.clear();
        hits.resize(self.rules, false);
        // Most files have no keyword at all: answer that with the automaton's fast
        // prefiltered search before the slower overlapping walk that names the rules.
        if !self.automaton.is_match(haystack) {
            return false;
        }
        // Only files with a keyword get here, so this small allocation is rare.
        let mut slots = vec![false; 2 * self.rules];
        let mut left = self.owned;
        for m in self.automaton.find_overlapping_iter(haystack) {
            for &slot in &self.owners[m.pattern().as_usize()] {
                if !slots[slot] {
                    slots[slot] = true;
                    left -= 1;
                }
            }
            if left == 0 {
                break;
            }
        }
        for (rule, hit) in hits.iter_mut().enumerate() {
            *hit = slots[2 * rule] && (!self.also[rule] || slots[2 * rule + 1]);
        }
        hits.iter().any(|&h| h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_rules_whose_keywords_occur_in_any_case() {
        let a = vec!["grant_type".to_owned()];
        let b = vec!["zoom".to_owned(), "jwt".to_owned()];
        let pf = Prefilter::new([(0, a.as_slice(), &[][..]), (1, b.as_slice(), &[][..])]);
        let mut hits = Vec::new();
        assert!(pf.candidates(b"data = {'GRANT_TYPE': 1}", &mut hits));
        assert_eq!(hits, [true, false]);
        assert!(!pf.candidates(b"nothing here", &mut hits));
        assert!(pf.candidates(b"Zoom", &mut hits));
        assert_eq!(hits, [false, true]);
    }

    #[test]
    fn also_keywords_must_occur_too() {
        let query = vec!["params=".to_owned()];
        let secret = vec!["client_secret".to_owned(), "password".to_owned()];
        let pf = Prefilter::new([(0, query.as_slice(), secret.as_slice())]);
        let mut hits = Vec::new();
        assert!(!pf.candidates(b"get(url, params={'page': 2})", &mut hits));
        assert!(!pf.candidates(b"password = input()", &mut hits));
        assert!(pf.candidates(b"get(url, params={'Password': pw})", &mut hits));
        assert_eq!(hits, [true]);
    }
}
