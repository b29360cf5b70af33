//! One case-insensitive Aho-Corasick automaton over every enabled rule's keywords.
//!
//! `candidates` says which rules may match a file; a file with no keyword hit is done. This
//! is what keeps a sweep close to raw read speed. It knows nothing about regexes or languages.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// The keyword automaton and which rules each keyword belongs to.
#[derive(Debug)]
pub struct Prefilter {
    automaton: AhoCorasick,
    owners: Vec<Vec<usize>>,
    rules: usize,
    /// How many distinct rules own a keyword: the scan stops once all are marked.
    owned: usize,
}

impl Prefilter {
    /// Build from `(rule index, keywords)` pairs.
    ///
    /// # Panics
    /// Never in practice: keyword sets are small.
    #[must_use]
    pub fn new<'a>(rules: impl IntoIterator<Item = (usize, &'a [String])>) -> Prefilter {
        let mut keywords: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut count = 0;
        for (rule, words) in rules {
            count = count.max(rule + 1);
            for w in words {
                if let Some(i) = keywords.iter().position(|k| k == w) {
                    owners[i].push(rule);
                } else {
                    keywords.push(w);
                    owners.push(vec![rule]);
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
        let mut left = self.owned;
        for m in self.automaton.find_overlapping_iter(haystack) {
            for &rule in &self.owners[m.pattern().as_usize()] {
                if !hits[rule] {
                    hits[rule] = true;
                    left -= 1;
                }
            }
            if left == 0 {
                break;
            }
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
        let pf = Prefilter::new([(0, a.as_slice()), (1, b.as_slice())]);
        let mut hits = Vec::new();
        assert!(pf.candidates(b"data = {'GRANT_TYPE': 1}", &mut hits));
        assert_eq!(hits, [true, false]);
        assert!(!pf.candidates(b"nothing here", &mut hits));
        assert!(pf.candidates(b"Zoom", &mut hits));
        assert_eq!(hits, [false, true]);
    }
}
