//! Blanks comments out of a file so that rules never match them ("comments are not facts"),
//! and records where string literals are.
//!
//! The result has the same length and the same byte offsets as the input: every byte inside a
//! comment becomes a space, line endings stay. String ranges let the matcher tell
//! `password = secret` (a variable in code) from `"…&password=secret"` (literal text). It is a small lexer over the `Syntax` of the
//! file's `Lang`, tracking strings only so that `"http://…"` or `'#'` are not comments. It is
//! not a parser: an unterminated one-line string ends at the line end, and regex literals or
//! heredocs are plain code.

use crate::lang::{Lang, Syntax};

/// A file with comments blanked, and its string literals.
#[derive(Debug, Default)]
pub struct Masked {
    /// The text with every comment byte replaced by a space.
    pub code: String,
    /// Byte ranges of string literals, quotes included, in order.
    pub strings: Vec<std::ops::Range<usize>>,
}

/// Blank `text`'s comments and find its string literals.
#[must_use]
pub fn mask(text: &str, lang: Lang) -> Masked {
    let syntax = lang.syntax();
    if syntax.line.is_empty() && syntax.block.is_empty() {
        return Masked {
            code: text.to_owned(),
            strings: Vec::new(),
        };
    }
    let mut strings = Vec::new();
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut line_start = true; // only blanks seen since the last newline
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        if let Some(&(_, close)) = syntax
            .block
            .iter()
            .find(|(open, _)| rest.starts_with(open.as_bytes()) && block_may_open(lang, bytes, i))
        {
            let end = find(bytes, i + 2, close.as_bytes()).map_or(bytes.len(), |e| e + close.len());
            blank(&mut out, i, end);
            i = end;
            continue;
        }
        if syntax.line.iter().any(|m| rest.starts_with(m.as_bytes()))
            && line_comment_may_start(&syntax, lang, bytes, i, line_start)
        {
            let end = memchr::memchr(b'\n', rest).map_or(bytes.len(), |e| i + e);
            blank(&mut out, i, end);
            i = end;
            continue;
        }
        let start = i;
        if syntax.triple_quotes && (rest.starts_with(b"\"\"\"") || rest.starts_with(b"'''")) {
            i = find(bytes, i + 3, &rest[..3]).map_or(bytes.len(), |e| e + 3);
            // A Python string that starts a line is a docstring or a bare string statement:
            // documentation, so it is blanked like a comment. `x = """…"""` stays code.
            if lang == Lang::Python && line_start {
                blank(&mut out, start, i);
                line_start = false;
                continue;
            }
        } else if b == b'`' && syntax.backtick_multiline {
            i = skip_string(bytes, i, b'`', true, lang != Lang::Go);
        } else if syntax.quotes.contains(&b) && quote_opens_string(lang, bytes, i) {
            i = skip_string(bytes, i, b, false, true);
        }
        if i > start {
            strings.push(start..i);
            line_start = false;
            continue;
        }
        if !matches!(b, b' ' | b'\t' | b'\r') {
            line_start = false;
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII spaces, or whole UTF-8 sequences were: the
    // result is still valid UTF-8. Fall back to a lossy copy rather than panic if not.
    let code = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Masked { code, strings }
}

fn blank(out: &mut [u8], start: usize, end: usize) {
    for b in &mut out[start..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= haystack.len() {
        return None;
    }
    memchr::memmem::find(&haystack[from..], needle).map(|p| p + from)
}

/// Skip a string that opens at `start`; returns the index after it.
fn skip_string(bytes: &[u8], start: usize, quote: u8, multiline: bool, escapes: bool) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if escapes => i += 2,
            b'\n' if !multiline => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn block_may_open(lang: Lang, bytes: &[u8], i: usize) -> bool {
    match lang {
        // Ruby's =begin/=end only count at the start of a line.
        Lang::Ruby => i == 0 || bytes[i - 1] == b'\n',
        _ => true,
    }
}

fn line_comment_may_start(
    syntax: &Syntax,
    lang: Lang,
    bytes: &[u8],
    i: usize,
    line_start: bool,
) -> bool {
    if syntax.line_start_only {
        return line_start;
    }
    // PHP 8 attributes `#[...]` are code, not comments.
    if lang == Lang::Php && bytes.get(i + 1) == Some(&b'[') {
        return false;
    }
    if lang == Lang::Shell && i > 0 && bytes[i - 1] == b'$' {
        return false; // `$#`
    }
    // `#{…}` is Ruby interpolation (in heredocs too, which this lexer does not track).
    if lang == Lang::Ruby && bytes.get(i + 1) == Some(&b'{') {
        return false;
    }
    if syntax.needs_space_before {
        return i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r');
    }
    true
}

/// A quote opens a string unless it is an apostrophe inside a word (`don't` in YAML prose,
/// Rust-style lifetimes, Scala symbols), which would otherwise swallow the rest of the line.
fn quote_opens_string(lang: Lang, bytes: &[u8], i: usize) -> bool {
    if bytes[i] != b'\'' || i == 0 {
        return true;
    }
    let prev = bytes[i - 1];
    match lang {
        Lang::Yaml | Lang::Shell | Lang::Dotenv | Lang::Toml | Lang::Hcl => {
            !(prev.is_ascii_alphanumeric())
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str, lang: Lang) -> String {
        mask(text, lang).code
    }

    #[test]
    fn keeps_offsets_and_blanks_comments() {
        let src = "x = 'a#b' # grant_type=password\ny = 1";
        let out = code(src, Lang::Python);
        assert_eq!(out.len(), src.len());
        assert_eq!(out, "x = 'a#b'                      \ny = 1");
    }

    #[test]
    fn urls_in_strings_are_not_comments() {
        let src =
            "String u = \"https://login.salesforce.com\"; // old\n/* grant_type=password */ int x;";
        let out = code(src, Lang::Java);
        assert!(out.contains("https://login.salesforce.com"));
        assert!(!out.contains("old"));
        assert!(!out.contains("grant_type"));
        assert!(out.ends_with("int x;"));
    }

    #[test]
    fn yaml_hash_needs_a_space_and_properties_only_at_line_start() {
        assert_eq!(
            code("url: http://x#frag # note", Lang::Yaml),
            "url: http://x#frag       "
        );
        assert_eq!(
            code("a=b # not a comment\n  # comment", Lang::Properties),
            "a=b # not a comment\n           "
        );
    }

    #[test]
    fn xml_comments_and_multibyte_text() {
        let src = "<a/><!-- é grant_type=password --><b/>";
        let out = code(src, Lang::Xml);
        assert_eq!(out.len(), src.len());
        assert!(out.starts_with("<a/>") && out.ends_with("<b/>") && !out.contains("grant"));
    }

    #[test]
    fn records_string_ranges() {
        let src = "a = 'x' + \"y#z\" # c\nb = \"\"\"p\nq\"\"\"";
        let m = mask(src, Lang::Python);
        let found: Vec<&str> = m.strings.iter().map(|r| &src[r.clone()]).collect();
        assert_eq!(found, ["'x'", "\"y#z\"", "\"\"\"p\nq\"\"\""]);
    }

    #[test]
    fn python_docstrings_are_documentation() {
        let src = "def f():\n    \"\"\"Send grant_type=password.\"\"\"\n    body = \"\"\"grant_type=password\"\"\"\n";
        let out = code(src, Lang::Python);
        assert_eq!(out.matches("grant_type").count(), 1, "{out}");
        assert!(out.contains("body = \"\"\"grant_type=password\"\"\""));
    }

    #[test]
    fn ruby_interpolation_is_not_a_comment() {
        let src = "body = <<~EOS\n  password=#{pw}#{token}\nEOS\n";
        assert_eq!(code(src, Lang::Ruby), src);
    }

    #[test]
    fn template_literals_span_lines() {
        let src = "const q = `a\n// not comment ${x}`; // comment";
        let out = code(src, Lang::JavaScript);
        assert!(out.contains("// not comment"));
        assert!(!out.contains("// comment"));
    }
}
