//! URL facts: the URLs written in string values, split into scheme, host, path and query
//! parameters, each part mapped back to the source.
//!
//! It reads only string facts (after folding, so `BASE + "/services/oauth2/token?x=" + y`
//! is one URL whose `x` comes from a hole). A URL is `scheme://host…`, or a bare
//! `host.domain/path` at the start of a value (`login.salesforce.com/services/…` in config).
//! It does not percent-decode, resolve relative URLs or know any host.

use crate::facts::{Folded, StrFact};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One query parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryParam {
    /// The key as written.
    pub key: String,
    /// Where the key is.
    pub key_span: Range<usize>,
    /// The value as written (a hole's source text when it is built from a variable).
    pub value: String,
    /// Where the value is (empty at the key's end when there is none).
    pub value_span: Range<usize>,
    /// Whether the value comes from a variable (a hole in the string).
    pub from_hole: bool,
}

/// A URL in a string value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlFact {
    /// `https`, or empty for a bare host.
    pub scheme: String,
    /// The host, lower-case, without user info or port.
    pub host: String,
    /// Where the host is.
    pub host_span: Range<usize>,
    /// The path, from its `/` (empty when there is none).
    pub path: String,
    /// The query parameters, in order (`&amp;` separates them too).
    pub query: Vec<QueryParam>,
    /// The whole string value the URL is in.
    pub span: Range<usize>,
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?P<scheme>[a-z][a-z0-9+.-]*)://|^(?P<bare>))(?:[^@/\s?#]*@)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)+|[^/\s?#:'\x22<>]+)(?::\d+)?(?P<path>/[^\s?#'\x22<>]*)?(?:\?(?P<query>[^\s#'\x22<>]*))?",
    )
    .expect("URL regex")
});

/// The URLs in `strings`, in source order.
#[must_use]
pub fn find(strings: &[StrFact]) -> Vec<UrlFact> {
    // (The regex has no look-ahead: a bare value is checked for its dot and path below.)
    let mut out = Vec::new();
    for s in strings {
        let Some(folded) = &s.value.folded else {
            continue;
        };
        if !folded.text.contains("://") && !folded.text.contains('/') {
            continue;
        }
        for caps in URL.captures_iter(&folded.text) {
            let Some(host) = caps.name("host") else {
                continue;
            };
            let bare = caps.name("bare").is_some();
            // A bare value must start with a host and a path: `login.salesforce.com/services`.
            if bare && (caps.name("path").is_none() || !host.as_str().contains('.')) {
                continue;
            }
            let map = |r: Range<usize>| folded.source_range(&r).unwrap_or(s.value.span.clone());
            let query = caps
                .name("query")
                .map(|q| params(folded, q.range(), &map))
                .unwrap_or_default();
            out.push(UrlFact {
                scheme: caps
                    .name("scheme")
                    .map(|m| m.as_str().to_ascii_lowercase())
                    .unwrap_or_default(),
                host: host.as_str().to_ascii_lowercase(),
                host_span: map(host.range()),
                path: caps
                    .name("path")
                    .map(|m| m.as_str().to_owned())
                    .unwrap_or_default(),
                query,
                span: s.value.span.clone(),
            });
        }
    }
    out
}

/// Split `range` of the folded text (a query string) into parameters.
fn params(
    folded: &Folded,
    range: Range<usize>,
    map: &impl Fn(Range<usize>) -> Range<usize>,
) -> Vec<QueryParam> {
    let text = &folded.text;
    let mut out = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let rest = &text[at..range.end];
        let (len, skip) = match (rest.find("&amp;"), rest.find('&')) {
            (Some(a), Some(b)) if a <= b => (a, 5),
            (_, Some(b)) => (b, 1),
            (Some(a), None) => (a, 5),
            (None, None) => (rest.len(), 0),
        };
        let part = at..at + len;
        if !part.is_empty() {
            let eq = text[part.clone()].find('=').map(|i| part.start + i);
            let key = part.start..eq.unwrap_or(part.end);
            let value = eq.map_or(part.end..part.end, |e| e + 1..part.end);
            out.push(QueryParam {
                key: text[key.clone()].to_owned(),
                key_span: map(key),
                value: text[value.clone()].to_owned(),
                value_span: if value.is_empty() {
                    map(value.start.saturating_sub(1)..value.start)
                } else {
                    map(value.clone())
                },
                from_hole: !value.is_empty() && folded.touches_hole(&value),
            });
        }
        at += len + skip;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Value;

    fn strings(src: &str, ranges: &[Range<usize>]) -> Vec<StrFact> {
        ranges
            .iter()
            .map(|r| {
                let mut folded = Folded::default();
                folded.push_mapped(src, r.clone(), &[]);
                StrFact {
                    value: Value {
                        span: r.clone(),
                        folded: Some(folded),
                    },
                }
            })
            .collect()
    }

    #[test]
    fn splits_scheme_host_path_and_query() {
        let src = "'https://user@Login.Salesforce.com:443/services/oauth2/token?grant_type=password&amp;client_secret=s3cr3t&x' \
                   'login.salesforce.com/services/Soap/u/59.0' 'not a url' 'a/b'";
        let at = |needle: &str| {
            let s = src.find(needle).unwrap();
            s..s + needle.len()
        };
        let urls = find(&strings(
            src,
            &[
                at(
                    "https://user@Login.Salesforce.com:443/services/oauth2/token?grant_type=password&amp;client_secret=s3cr3t&x",
                ),
                at("login.salesforce.com/services/Soap/u/59.0"),
                at("not a url"),
                at("a/b"),
            ],
        ));
        assert_eq!(urls.len(), 2, "{urls:?}");
        let u = &urls[0];
        assert_eq!(
            (u.scheme.as_str(), u.host.as_str()),
            ("https", "login.salesforce.com")
        );
        assert_eq!(&src[u.host_span.clone()], "Login.Salesforce.com");
        assert_eq!(u.path, "/services/oauth2/token");
        let keys: Vec<&str> = u.query.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, ["grant_type", "client_secret", "x"]);
        assert_eq!(&src[u.query[1].value_span.clone()], "s3cr3t");
        assert_eq!(urls[1].scheme, "");
        assert_eq!(urls[1].path, "/services/Soap/u/59.0");
    }
}
