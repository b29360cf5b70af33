//! Keeps secrets out of every output: `Xq7L…(24 chars)` instead of the value.
//!
//! Redaction covers the secret spans a detector captured and, as a safety net, any
//! `password=…`/`client_secret: …`/`<password>…</password>`-shaped value in a displayed line,
//! whether or not a rule flagged it. References and placeholders stay readable. It does not
//! decide what is a finding.

use crate::evidence::{Evidence, classify};
use crate::lang::Lang;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The redacted form of a secret: a short prefix and the length in characters.
/// Short values show less (a quarter of their length, at most 4 characters), so a redacted
/// 8-character password does not give half of itself away.
#[must_use]
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    let shown = (n / 4).min(4);
    let prefix: String = secret.chars().take(shown).collect();
    format!("{prefix}…({n} chars)")
}

/// Whether a captured value must be redacted: only literal values are secrets.
#[must_use]
pub fn is_secret(raw: &str, lang: Lang) -> bool {
    classify(raw, lang) == Evidence::Literal
}

/// The inner part of a value: without surrounding quotes, which stay visible.
#[must_use]
pub fn secret_core(raw: &str, range: Range<usize>) -> Range<usize> {
    let text = &raw[range.clone()];
    let trimmed_start = text.len() - text.trim_start().len();
    let mut start = range.start + trimmed_start;
    let mut end = range.start + text.trim_end().len();
    let bytes = raw.as_bytes();
    if end > start + 1
        && matches!(bytes[start], b'"' | b'\'' | b'`')
        && bytes[end - 1] == bytes[start]
    {
        start += 1;
        end -= 1;
    }
    start..end
}

static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    // `key = value`, `key: value`, `key => value`, and the pair-call form
    // `("key", value)` (BasicNameValuePair, KeyValuePair, map.put).
    let key = r"(?:pass(?:word|wd)?|pwd|secret|security[_-]?token|securitytoken|sf[_-]?token|
           api[_-]?key|private[_-]?key|client[_-]?secret|refresh[_-]?token|access[_-]?token|
           credentials?|assertion)[A-Za-z0-9_.-]*";
    Regex::new(&format!(
        r#"(?ix)
        (?: (?P<k>{key})["']?\s*(?:=>|:=|=|:)\s*
          | [(,]\s*["']{key}["']\s*,\s* )
        (?P<v>"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|[^\s"'&,;)}}\]<>]+)"#
    ))
    .expect("redaction regex")
});

static XML_ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<(?:\w+:)?(?:password|securitytoken|security_token|clientsecret|client_secret|apisecret)>(?P<v>[^<\n]+)<")
        .expect("xml redaction regex")
});

/// A quoted 24–25 character mixed-case alphanumeric literal: the shape of a Salesforce security
/// token, often passed positionally (`LoginPassword(user, pass, "…")`) with no key to go by.
static TOKEN_SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["'`](?P<v>[A-Za-z0-9]{24,25})["'`]"#).expect("token-shape regex")
});

fn token_shaped(v: &str) -> bool {
    v.bytes().any(|b| b.is_ascii_lowercase())
        && v.bytes().any(|b| b.is_ascii_uppercase())
        && v.bytes().any(|b| b.is_ascii_digit())
}

/// Redact `line`: first the given spans (byte ranges into `line`), then any secret-looking
/// key/value the safety net finds. Returns the line unchanged when nothing is secret.
#[must_use]
pub fn redact_line(line: &str, spans: &[Range<usize>], lang: Lang) -> String {
    let mut ranges: Vec<Range<usize>> = spans
        .iter()
        .filter(|r| r.end <= line.len() && r.start < r.end)
        .cloned()
        .collect();
    for re in [&*KEY_VALUE, &*XML_ELEMENT] {
        for caps in re.captures_iter(line) {
            let v = caps.name("v").expect("group v");
            // Inside a query string or form body (`?password=…`, `&password=…`) a bare value
            // is literal text even in code, where a bare word would be a variable.
            let in_query = caps.name("k").is_some_and(|k| {
                k.start() > 0 && matches!(line.as_bytes()[k.start() - 1], b'?' | b'&')
            });
            let as_lang = if in_query || re.as_str() == XML_ELEMENT.as_str() {
                Lang::Text
            } else {
                lang
            };
            if is_secret(v.as_str(), as_lang) {
                ranges.push(secret_core(line, v.range()));
            }
        }
    }
    for caps in TOKEN_SHAPE.captures_iter(line) {
        let v = caps.name("v").expect("group v");
        if token_shaped(v.as_str()) {
            ranges.push(v.range());
        }
    }
    apply(line, ranges)
}

fn apply(line: &str, mut ranges: Vec<Range<usize>>) -> String {
    if ranges.is_empty() {
        return line.to_owned();
    }
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out = String::with_capacity(line.len());
    let mut pos = 0;
    for r in ranges {
        if r.start < pos || !line.is_char_boundary(r.start) || !line.is_char_boundary(r.end) {
            continue; // overlaps one already redacted
        }
        out.push_str(&line[pos..r.start]);
        out.push_str(&mask(&line[r.clone()]));
        pos = r.end;
    }
    out.push_str(&line[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_a_prefix_and_the_length() {
        assert_eq!(mask("Xq7LaB3dE5gH7jK9mN1pQ3sT"), "Xq7L…(24 chars)");
        assert_eq!(mask("hunter2!"), "hu…(8 chars)");
    }

    #[test]
    fn safety_net_redacts_literals_not_references() {
        let line = r#"data = {"password": "Sup3rS3cret!", "client_secret": os.environ["S"]}"#;
        let out = redact_line(line, &[], Lang::Python);
        assert!(!out.contains("Sup3rS3cret!"), "{out}");
        assert!(out.contains("\"Sup…(12 chars)\""), "{out}");
        assert!(out.contains("os.environ"), "{out}");
        let q = redact_line(
            "url = base + '?grant_type=password&password=Tiger12345678&x=1'",
            &[],
            Lang::Python,
        );
        assert!(!q.contains("Tiger12345678"), "{q}");
        let pair = redact_line(
            r#"params.add(new BasicNameValuePair("password", "Wonderland99"));"#,
            &[],
            Lang::Java,
        );
        assert!(!pair.contains("Wonderland99"), "{pair}");
        let grant = r#"data={"grant_type": "password", "client_id": CID}"#;
        assert_eq!(
            redact_line(grant, &[], Lang::Python),
            grant,
            "a grant type is not a secret"
        );
        let go = redact_line(
            r#"client.LoginPassword("etl@acme.com", p, "Zk3Vb8Nq1Wm5Rt7Yp9Lc2Hx4")"#,
            &[],
            Lang::Go,
        );
        assert!(
            !go.contains("Zk3Vb8Nq1Wm5Rt7Yp9Lc2Hx4") && go.contains("etl@acme.com"),
            "{go}"
        );
        let x = redact_line("<password>Wonderland99</password>", &[], Lang::Xml);
        assert!(!x.contains("Wonderland99"), "{x}");
    }
}
