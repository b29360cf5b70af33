//! Inline suppressions: `authlint: ignore[AL003, AL004] reason` in a comment of any syntax the
//! file's kind has (`#`, `//`, `/* */`, `<!-- -->`, …). A comment after code covers its own
//! line; a comment alone on its line covers the next line. A finding is covered when it starts
//! on a covered line and its rule is named.
//!
//! It also says which suppressions are wrong, for the scanner to report as AL000: one that
//! names no rule, names an unknown rule, or names a rule that reported nothing on its line.
//! It does not know rules beyond their ids, nor read config files or baselines.

use std::ops::Range;

/// The marker every suppression starts with.
pub const MARKER: &str = "authlint:";

/// One `authlint: ignore[...]` comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Byte range of the directive (`authlint: ignore[AL003]`) in the file.
    pub span: Range<usize>,
    /// The 1-based line it covers.
    pub line: u32,
    /// The rule ids it names, as written, each with whether it covered a finding.
    pub rules: Vec<(String, bool)>,
}

/// Every suppression in `text`, whose comments are blanked in `code` (same offsets): a marker
/// counts only where `code` differs from `text`, that is, inside a comment.
#[must_use]
pub fn find(text: &str, code: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for at in memchr::memmem::find_iter(bytes, MARKER.as_bytes()) {
        if code.as_bytes().get(at) == Some(&bytes[at]) {
            continue; // not in a comment (a string, prose, or a file kind without comments)
        }
        let rest = &text[at + MARKER.len()..];
        let after = rest.trim_start_matches([' ', '\t']);
        let Some(after) = after.strip_prefix("ignore") else {
            continue;
        };
        if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            continue; // `authlint: ignored`, some other word
        }
        let mut end = text.len() - after.len();
        let mut rules = Vec::new();
        if let Some(list) = after.strip_prefix('[')
            && let Some(close) = list.find([']', '\n'])
            && list.as_bytes()[close] == b']'
        {
            rules = list[..close]
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(|r| (r.to_owned(), false))
                .collect();
            end += close + 2;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = u32::try_from(text[..at].matches('\n').count() + 1).unwrap_or(u32::MAX);
        // Alone on its line (only blanks before it once comments are blanked): the next line.
        let alone = code[line_start..at].trim().is_empty();
        out.push(Suppression {
            span: at..end,
            line: if alone { line.saturating_add(1) } else { line },
            rules,
        });
    }
    out
}

/// Whether a finding of `rule` starting on `line` is covered; marks the suppression used.
pub fn covers(suppressions: &mut [Suppression], rule: &str, line: u32) -> bool {
    let mut covered = false;
    for s in suppressions.iter_mut().filter(|s| s.line == line) {
        for (id, used) in &mut s.rules {
            if id.eq_ignore_ascii_case(rule) {
                *used = true;
                covered = true;
            }
        }
    }
    covered
}

/// What is wrong with a suppression, once every finding has been checked against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `authlint: ignore` without `[RULE]`.
    NoRule,
    /// A rule id the catalogue does not have.
    UnknownRule(String),
    /// An enabled rule that reported nothing on the covered line.
    Unused(String),
}

/// The problems of `s`: `known` says whether an id exists, `enabled` whether its rule ran
/// (a rule that did not run cannot be judged unused).
pub fn problems(
    s: &Suppression,
    known: impl Fn(&str) -> bool,
    enabled: impl Fn(&str) -> bool,
) -> Vec<Problem> {
    if s.rules.is_empty() {
        return vec![Problem::NoRule];
    }
    s.rules
        .iter()
        .filter_map(|(id, used)| {
            if !known(id) {
                Some(Problem::UnknownRule(id.clone()))
            } else if !used && enabled(id) {
                Some(Problem::Unused(id.clone()))
            } else {
                None
            }
        })
        .collect()
}

impl Problem {
    /// The message reported for it.
    #[must_use]
    pub fn message(&self, line: u32) -> String {
        match self {
            Problem::NoRule => "Suppression names no rule; it would hide every rule, so it hides none: write `authlint: ignore[AL003] reason`.".to_owned(),
            Problem::UnknownRule(id) => format!("Suppression names {id}, which is not a rule (`authlint rules` lists them)."),
            Problem::Unused(id) => format!("Unused suppression: {id} reports nothing on line {line}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::mask::mask;

    fn found(text: &str, lang: Lang) -> Vec<Suppression> {
        find(text, &mask(text, lang).code)
    }

    #[test]
    fn trailing_comments_cover_their_line_and_lone_ones_the_next() {
        let py = "a = 1  # authlint: ignore[AL003, al004] audience\n\
                  # authlint: ignore[AL001]\nb = 2\nc = 'authlint: ignore[AL002]'\n";
        let s = found(py, Lang::Python);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].line, 1);
        assert_eq!(
            s[0].rules,
            vec![("AL003".to_owned(), false), ("al004".to_owned(), false)]
        );
        assert_eq!(&py[s[0].span.clone()], "authlint: ignore[AL003, al004]");
        assert_eq!(s[1].line, 3);
    }

    #[test]
    fn every_comment_syntax_works_and_a_bare_ignore_names_no_rule() {
        let xml = "<a>\n  <!-- authlint: ignore[AL005] template -->\n  <login/>\n</a>\n";
        assert_eq!(found(xml, Lang::Xml)[0].line, 3);
        let java = "int x = 1; /* authlint: ignore */\n";
        let s = found(java, Lang::Java);
        assert_eq!(s[0].rules, vec![]);
        assert_eq!(problems(&s[0], |_| true, |_| true), vec![Problem::NoRule]);
        assert!(found("authlint: ignore[AL001]\n", Lang::Text).is_empty());
        assert!(found("x = 1 # authlint: ignored\n", Lang::Python).is_empty());
    }

    #[test]
    fn used_unknown_and_unjudged_ids() {
        let mut s = found("x # authlint: ignore[AL001,AL002,AL999]\n", Lang::Python);
        assert!(covers(&mut s, "AL001", 1));
        assert!(!covers(&mut s, "AL001", 2));
        let known = |id: &str| id != "AL999";
        let p = problems(&s[0], known, |id| id == "AL002" || id == "AL001");
        assert_eq!(
            p,
            vec![
                Problem::Unused("AL002".into()),
                Problem::UnknownRule("AL999".into())
            ]
        );
        // AL002 not enabled in this scan: not judged.
        assert_eq!(
            problems(&s[0], known, |id| id == "AL001"),
            vec![Problem::UnknownRule("AL999".into())]
        );
    }
}
