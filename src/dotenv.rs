//! The `.env` front-end: `KEY=value` lines into the same pair and string facts as every
//! other front-end.
//!
//! This is the one front-end written in Rust rather than as a tree-sitter query: no grammar
//! crate parses dotenv files, and the bash grammar reads them as shell, which they are not
//! (`URL=…?a=1&client_secret=x` becomes a background job and a second assignment;
//! `TOKEN=<token>` a redirection). The format is line-based: an optional `export`, a key, `=`
//! or `:`, and a value that is single-quoted (literal), double-quoted (with `${VAR}` holes) or
//! bare up to an inline ` #` comment. Multi-line quoted values are read up to the closing
//! quote. It does not expand variables or interpret escapes.

use crate::facts::{Facts, Folded, PairFact, StrFact, Value};
use std::ops::Range;

/// The facts of a dotenv file: one pair per assignment (path = key) and its value as a string.
#[must_use]
pub fn extract(src: &str) -> Facts {
    let mut facts = Facts::default();
    let bytes = src.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let next = assignment(src, at, line_end, &mut facts);
        at = next.max(line_end + 1);
    }
    facts.urls = crate::urls::find(&facts.strings);
    facts
}

/// Read the assignment starting on the line `start..end`, if any; returns where the next line
/// starts (after a multi-line quoted value, that is past `end`).
fn assignment(src: &str, start: usize, end: usize, facts: &mut Facts) -> usize {
    let line = &src[start..end];
    let indent = line.len() - line.trim_start().len();
    let mut rest = &line[indent..];
    let mut key_start = start + indent;
    if let Some(after) = rest.strip_prefix("export")
        && after.starts_with([' ', '\t'])
    {
        let skipped = rest.len() - after.trim_start().len();
        key_start += skipped;
        rest = after.trim_start();
    }
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
        .unwrap_or(rest.len());
    if key_len == 0 || rest.starts_with('#') {
        return end + 1;
    }
    let key = &rest[..key_len];
    let after_key = rest[key_len..].trim_start_matches([' ', '\t']);
    let Some(value_text) = after_key
        .strip_prefix('=')
        .or_else(|| after_key.strip_prefix(':'))
    else {
        return end + 1;
    };
    let value_start = end - value_text.len() + (value_text.len() - value_text.trim_start().len());
    let (content, holes, next) = value(src, value_start, end);
    let mut folded = Folded::default();
    folded.push_mapped(src, content.clone(), &holes);
    let value = Value {
        span: content.clone(),
        folded: Some(folded),
    };
    if !content.is_empty() {
        facts.strings.push(StrFact {
            value: value.clone(),
        });
    }
    facts.pairs.push(PairFact {
        key: key.to_owned(),
        key_span: key_start..key_start + key_len,
        path: key.to_owned(),
        value,
        parent: 0,
        used_at: None,
    });
    next
}

/// The value's content range (quotes and inline comment removed), its `${VAR}`/`$VAR` holes,
/// and where the next line starts.
fn value(src: &str, start: usize, end: usize) -> (Range<usize>, Vec<Range<usize>>, usize) {
    let bytes = src.as_bytes();
    match bytes.get(start) {
        Some(&q @ (b'"' | b'\'' | b'`')) if start < end => {
            // Up to the closing quote, which may be on a later line.
            let mut i = start + 1;
            while i < bytes.len() && bytes[i] != q {
                i += if bytes[i] == b'\\' && q == b'"' { 2 } else { 1 };
            }
            let close = i.min(bytes.len());
            let content = start + 1..close;
            let holes = if q == b'\'' {
                Vec::new()
            } else {
                holes(src, content.clone())
            };
            let line_end = memchr::memchr(b'\n', &bytes[close.min(bytes.len())..])
                .map_or(bytes.len(), |p| close + p);
            (content, holes, line_end + 1)
        }
        _ => {
            let line = &src[start..end];
            // An inline comment starts at ` #`.
            let cut = line
                .find(" #")
                .or_else(|| line.find("\t#"))
                .unwrap_or(line.len());
            let trimmed = line[..cut].trim_end();
            let content = start..start + trimmed.len();
            (content.clone(), holes(src, content), end + 1)
        }
    }
}

/// `${NAME}` and `$NAME` expansions in `range`.
fn holes(src: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if bytes[i] == b'$' && i + 1 < range.end {
            if bytes[i + 1] == b'{' {
                let close = src[i..range.end].find('}').map_or(range.end, |p| i + p + 1);
                out.push(i..close);
                i = close;
                continue;
            }
            let name = src[i + 1..range.end]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(range.end, |p| i + 1 + p);
            if name > i + 1 {
                out.push(i..name);
                i = name;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(src: &str) -> Vec<String> {
        extract(src)
            .pairs
            .iter()
            .map(|p| format!("{}={}", p.key, p.value.text(src)))
            .collect()
    }

    #[test]
    fn reads_dotenv_not_shell() {
        let src = "# comment\nexport SF_TOKEN=\"abc def\"\nURL=https://h/t?a=1&client_secret=x\n\
                   TOKEN=<security token>\nEMPTY=\nQ='lit ${X}' # note\nR=${HOME}/x # c\n\
                   MULTI=\"line1\nline2\"\nAFTER=1\n";
        assert_eq!(
            pairs(src),
            [
                "SF_TOKEN=abc def",
                "URL=https://h/t?a=1&client_secret=x",
                "TOKEN=<security token>",
                "EMPTY=",
                "Q=lit ${X}",
                "R=${HOME}/x",
                "MULTI=line1\nline2",
                "AFTER=1",
            ]
        );
        let facts = extract(src);
        let r = facts.pairs.iter().find(|p| p.key == "R").unwrap();
        assert_eq!(r.value.folded.as_ref().unwrap().holes.len(), 1);
        let q = facts.pairs.iter().find(|p| p.key == "Q").unwrap();
        assert!(q.value.folded.as_ref().unwrap().holes.is_empty());
        let key = facts.pairs.iter().find(|p| p.key == "SF_TOKEN").unwrap();
        assert_eq!(&src[key.key_span.clone()], "SF_TOKEN");
    }
}
