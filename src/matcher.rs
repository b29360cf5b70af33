//! Runs rules over one file and returns raw hits (byte spans, level, message, fix).
//!
//! Both kinds of detector end in the same place: a text detector's regex match and a fact
//! detector's match (from `factmatch`) become a `Candidate`, and one function applies the
//! conditions, evidence, context, messages, redaction and fixes. Matchers never read files,
//! never parse, never compute line/column positions and never print.

use crate::evidence::{Evidence, classify};
use crate::factmatch;
use crate::facts::Facts;
use crate::finding::{Applicability, Level};
use crate::lang::Lang;
use crate::redact;
use crate::rule::{Detector, Over, Rule, SalesforceContext};
use regex::Regex;
use regex::bytes::{Captures, Match};
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

/// Options that change how hits are rendered.
#[derive(Clone, Debug, Default)]
pub struct MatchOptions {
    /// Show secret values instead of redacting them.
    pub show_secrets: bool,
    /// The org's My Domain name, for host fixes.
    pub my_domain: Option<String>,
    /// The sandbox name, for sandbox host fixes.
    pub sandbox: Option<String>,
}

/// One file, ready for matching.
pub struct SourceFile<'a> {
    /// Its kind.
    pub lang: Lang,
    /// The decoded text (what positions refer to).
    pub text: &'a str,
    /// The same text with comments blanked (same offsets).
    pub code: &'a str,
    /// Byte ranges of string literals, in order.
    pub strings: &'a [Range<usize>],
    salesforce: OnceCell<bool>,
    fences: OnceCell<Vec<crate::markdown::Fence>>,
}

impl<'a> SourceFile<'a> {
    /// Wrap a decoded text, its comment-blanked twin and its string literals.
    #[must_use]
    pub fn new(lang: Lang, text: &'a str, code: &'a str, strings: &'a [Range<usize>]) -> Self {
        SourceFile {
            lang,
            text,
            code,
            strings,
            salesforce: OnceCell::new(),
            fences: OnceCell::new(),
        }
    }

    /// The language to judge a captured value by: a value that starts inside a string
    /// literal in code (`"…&password=abc"`) is literal text, not a variable.
    fn value_lang(&self, offset: usize) -> Lang {
        let i = self.strings.partition_point(|r| r.start < offset);
        let inside = i > 0 && offset + 1 < self.strings[i - 1].end;
        if inside && self.lang.group() == "code" {
            Lang::Text
        } else {
            self.lang
        }
    }

    /// Whether the file (outside comments) shows Salesforce context.
    pub fn has_salesforce_context(&self) -> bool {
        *self
            .salesforce
            .get_or_init(|| SALESFORCE.is_match(self.code))
    }

    fn fences(&self) -> &[crate::markdown::Fence] {
        self.fences
            .get_or_init(|| crate::markdown::fences(self.text))
    }

    /// Whether `offset` lies in Markdown prose rather than a fenced code block.
    fn in_markdown_prose(&self, offset: usize) -> bool {
        self.lang == Lang::Markdown && !self.fences().iter().any(|f| f.body.contains(&offset))
    }

    /// The language of the code at `offset`: a Markdown fence's, else the file's.
    pub(crate) fn lang_at(&self, offset: usize) -> Lang {
        if self.lang != Lang::Markdown {
            return self.lang;
        }
        self.fences()
            .iter()
            .find(|f| f.body.contains(&offset))
            .and_then(|f| f.lang)
            .unwrap_or(self.lang)
    }

    /// The byte range of the whole lines that `span` touches (without the final newline),
    /// widened by `before` lines above and `after` lines below.
    fn lines_of(&self, span: &Range<usize>, before: usize, after: usize) -> Range<usize> {
        let bytes = self.code.as_bytes();
        let len = bytes.len();
        let mut cursor = span.start.min(len);
        let mut start = 0;
        for _ in 0..=before {
            let Some(newline) = memchr::memrchr(b'\n', &bytes[..cursor]) else {
                start = 0;
                break;
            };
            cursor = newline;
            start = newline + 1;
        }
        let mut end = span.end.min(len);
        for i in 0..=after {
            let from = if i == 0 { end } else { end + 1 };
            let Some(p) = bytes
                .get(from..)
                .and_then(|rest| memchr::memchr(b'\n', rest))
            else {
                end = len;
                break;
            };
            end = from + p;
        }
        start..end
    }
}

/// Files that mention Salesforce outside comments: hosts, endpoints, libraries, `SF_*` keys.
static SALESFORCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)salesforce|sfdc|sforce|force\.com|/services/(?:oauth2|soap|data|apexrest)|jsforce|restforce|soapforce|simpleforce|nforce|\bsf[_.-]?(?:user(?:name)?|pass(?:word)?|token|security|login|client|instance|url|org)",
    )
    .expect("salesforce context regex")
});

/// A mechanical edit proposed by a hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitFix {
    /// Byte range replaced.
    pub span: Range<usize>,
    /// Replacement text.
    pub content: String,
    /// One-line title.
    pub title: String,
    /// Trust level.
    pub applicability: Applicability,
}

/// A rule match in one file, before positions are computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in the catalogue.
    pub rule: usize,
    /// Detector id.
    pub detector: String,
    /// Reported byte span.
    pub span: Range<usize>,
    /// Level after evidence and context.
    pub level: Level,
    /// Rendered, redacted message.
    pub message: String,
    /// The fix suggestion text.
    pub suggestion: String,
    /// Byte ranges of secret values to redact in displayed source.
    pub secrets: Vec<Range<usize>>,
    /// Mechanical fix, if any.
    pub fix: Option<HitFix>,
}

/// Something that turns a file into hits for a rule.
pub trait Matcher {
    /// Append `rule`'s hits in `file` to `out`.
    fn run(&self, file: &SourceFile<'_>, rule_index: usize, rule: &Rule, out: &mut Vec<Hit>);
}

/// A named group of a candidate match, in source coordinates.
#[derive(Clone, Debug)]
pub struct Group {
    /// Its name (`match`, `value`, a regex group's name).
    pub name: String,
    /// Where it is in the file (for a folded constant: where the literal is written).
    pub range: Range<usize>,
    /// Its text as the program sees it (a folded string's value).
    pub text: String,
    /// How strong a secret it shows, when a front-end knows better than the text alone.
    pub evidence: Option<Evidence>,
}

/// A match before conditions, levels and messages: what a detector found and where.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The source range whose lines `unless` and `when` look at.
    pub whole: Range<usize>,
    /// The text `unless-match` looks at.
    pub matched: String,
    /// The reported span.
    pub span: Range<usize>,
    /// Named groups; `match` is the reported span.
    pub groups: Vec<Group>,
}

impl Candidate {
    fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }
}

/// Runs every detector of a rule: text detectors over the comment-blanked file, fact
/// detectors over the facts a front-end extracted. A file with facts (it parsed) only sees
/// text detectors marked `in-parsed-files`, and others only in the parts that did not parse;
/// a file without facts (no front-end, or the parse failed) only sees text detectors.
pub struct RuleMatcher<'o, 'f> {
    /// Rendering options.
    pub options: &'o MatchOptions,
    /// The file's facts, if a front-end parsed it.
    pub facts: Option<&'f Facts>,
    /// With facts: the line ranges that did not parse, where text detectors still run.
    pub unparsed: &'f [Range<usize>],
}

impl Matcher for RuleMatcher<'_, '_> {
    fn run(&self, file: &SourceFile<'_>, rule_index: usize, rule: &Rule, out: &mut Vec<Hit>) {
        let first = out.len();
        for det in &rule.detectors {
            // Text detectors on a parsed file: only where it did not parse.
            let only_unparsed =
                det.over == Over::Text && self.facts.is_some() && !det.in_parsed_files;
            let applies = match det.over {
                Over::Text => !only_unparsed || !self.unparsed.is_empty(),
                Over::Strings | Over::Pairs | Over::Calls | Over::Urls => self.facts.is_some(),
            };
            // Facts carry their languages: a Markdown file's fences hold Python, YAML, …
            let lang_ok = det.langs.contains(file.lang)
                || (det.over != Over::Text
                    && self.facts.is_some_and(|f| f.langs.intersects(det.langs)));
            if !applies
                || !lang_ok
                || det.unless_file.iter().any(|re| re.is_match(file.code))
                || (det.salesforce == Some(SalesforceContext::Required)
                    && !file.has_salesforce_context())
            {
                continue;
            }
            // File-wide conditions are evaluated at most once per file, not once per hit.
            let file_conditions: Vec<OnceCell<bool>> =
                det.when.iter().map(|_| OnceCell::new()).collect();
            if let Some(facts) = self.facts
                && det.over != Over::Text
            {
                for cand in factmatch::candidates(det, facts, file) {
                    if let Some(hit) =
                        self.hit(file, rule_index, rule, det, &cand, &file_conditions)
                    {
                        push_dedup(out, first, hit);
                    }
                }
                continue;
            }
            let Some(regex) = det.regex.get() else {
                continue;
            };
            // Like captures_iter, except that a match the conditions drop (`unless`, `off`)
            // does not hide a valid match that starts inside it: the search resumes one
            // character after the dropped match's start instead of after its end.
            let code = file.code;
            let mut pos = 0;
            while pos <= code.len() {
                let Some(caps) = regex.captures_at(code.as_bytes(), pos) else {
                    break;
                };
                let whole = caps.get(0).expect("group 0");
                let cand = text_candidate(file, det, &caps).filter(|c| {
                    !only_unparsed || self.unparsed.iter().any(|r| r.contains(&c.span.start))
                });
                let hit =
                    cand.and_then(|c| self.hit(file, rule_index, rule, det, &c, &file_conditions));
                if let Some(hit) = hit {
                    push_dedup(out, first, hit);
                    pos = if whole.is_empty() {
                        whole.end() + 1
                    } else {
                        whole.end()
                    };
                } else {
                    pos = whole.start() + 1;
                }
            }
        }
    }
}

/// A text detector's regex match as a candidate.
fn text_candidate(file: &SourceFile<'_>, det: &Detector, caps: &Captures<'_>) -> Option<Candidate> {
    let whole = caps.get(0)?;
    if whole.is_empty() {
        return None;
    }
    let span = caps.name("match").map_or(whole.range(), |m| m.range());
    let span = snap(file.text, span);
    let mut groups = vec![Group {
        name: "match".into(),
        range: span.clone(),
        text: file.code[span.clone()].trim().to_owned(),
        evidence: None,
    }];
    for (name, index) in det.regex.names() {
        if name == "match" {
            continue;
        }
        if let Some(m) = caps.get(*index) {
            let text = text_of(file.code, &m);
            let evidence = (det.value_group.as_deref() == Some(name.as_str()))
                .then(|| classify(text, file.value_lang(m.start())));
            groups.push(Group {
                name: name.clone(),
                range: snap(file.text, m.range()),
                text: text.trim().to_owned(),
                evidence,
            });
        }
    }
    Some(Candidate {
        whole: whole.range(),
        matched: String::from_utf8_lossy(whole.as_bytes()).into_owned(),
        span,
        groups,
    })
}

/// `range` widened to the nearest character boundaries of `text` (byte patterns may stop
/// inside a multi-byte character).
pub(crate) fn snap(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The text of a match in `text`, on character boundaries.
fn text_of<'t>(text: &'t str, m: &Match<'_>) -> &'t str {
    &text[snap(text, m.range())]
}

/// Keep one hit per rule and overlapping span: the more serious one, else the first.
fn push_dedup(out: &mut Vec<Hit>, first: usize, hit: Hit) {
    for kept in &mut out[first..] {
        if kept.span.start < hit.span.end && hit.span.start < kept.span.end
            || kept.span.start == hit.span.start
        {
            // The higher level wins; at the same level, the narrower span (the argument
            // `pwd + token` rather than the whole multi-line body around it).
            let narrower = hit.span.start >= kept.span.start
                && hit.span.end <= kept.span.end
                && hit.span.len() < kept.span.len();
            if hit.level > kept.level || (hit.level == kept.level && narrower) {
                *kept = hit;
            }
            return;
        }
    }
    out.push(hit);
}

impl RuleMatcher<'_, '_> {
    fn hit(
        &self,
        file: &SourceFile<'_>,
        rule_index: usize,
        rule: &Rule,
        det: &Detector,
        cand: &Candidate,
        file_conditions: &[OnceCell<bool>],
    ) -> Option<Hit> {
        let span = cand.span.clone();
        if det.unless_match.iter().any(|re| re.is_match(&cand.matched)) {
            return None;
        }
        let lines = &file.code[file.lines_of(&cand.whole, 0, 0)];
        if det.unless.iter().any(|re| re.is_match(lines)) {
            return None;
        }
        let mut level = det.level.unwrap_or(rule.level);
        for (w, cached) in det.when.iter().zip(file_conditions) {
            let holds = w.line.as_ref().is_none_or(|re| re.is_match(lines))
                && w.near.as_ref().is_none_or(|re| {
                    re.is_match(&file.code[file.lines_of(&cand.whole, w.near_before, w.near_after)])
                })
                && w.salesforce
                    .is_none_or(|want| file.has_salesforce_context() == want)
                && *cached.get_or_init(|| {
                    w.file.as_ref().is_none_or(|re| re.is_match(file.code))
                        && w.not_file.as_ref().is_none_or(|re| !re.is_match(file.code))
                });
            if holds {
                level = w.level.level()?;
                break;
            }
        }
        let evidence = det
            .value_group
            .as_deref()
            .and_then(|g| cand.group(g))
            .map(|g| g.evidence.unwrap_or(Evidence::Literal));
        match evidence {
            Some(Evidence::Literal) | None => {}
            Some(Evidence::Reference) => level = level.lower(),
            Some(Evidence::Placeholder) => level = Level::Note,
        }
        let mut template = &det.message;
        if det.salesforce == Some(SalesforceContext::Prefer) && !file.has_salesforce_context() {
            level = level.lower();
            template = det.generic_message.as_ref().unwrap_or(&det.message);
        }
        // Documentation describes a flow rather than running it: a note, unless a fenced
        // block commits a real secret value (that leaks whatever the file is).
        if file.lang == Lang::Markdown
            && (evidence != Some(Evidence::Literal) || file.in_markdown_prose(span.start))
        {
            level = Level::Note;
        }
        // Groups holding secrets, when their value really is one (not a variable or placeholder).
        let secret_groups: Vec<&Group> = det
            .secret_groups
            .iter()
            .filter_map(|g| cand.group(g))
            .filter(|g| {
                g.evidence.is_none_or(|e| e == Evidence::Literal)
                    && redact::is_secret(&g.text, Lang::Text)
                    && redact::is_secret(
                        &file.code[g.range.clone()],
                        file.value_lang(g.range.start),
                    )
            })
            .collect();
        let secrets = secret_groups
            .iter()
            .map(|g| redact::secret_core(file.text, g.range.clone()))
            .collect();
        let secret_names: Vec<&str> = secret_groups.iter().map(|g| g.name.as_str()).collect();
        let mut message = self.render(template, cand, &secret_names);
        if !self.options.show_secrets {
            message = redact::redact_line(&message, &[], file.lang);
        }
        // A match that reads through a constant is reported where it is used, but the text to
        // replace is elsewhere: such a fix is shown, never applied.
        let in_place = cand
            .group("match")
            .is_none_or(|g| file.text[span.clone()].trim().eq_ignore_ascii_case(&g.text));
        let fix = det.fix_replace.as_ref().map(|tpl| {
            let uses_domain = tpl.contains("{my_domain}") || tpl.contains("{sandbox}");
            let missing = !in_place
                || (tpl.contains("{my_domain}") && self.options.my_domain.is_none())
                || (tpl.contains("{sandbox}") && self.options.sandbox.is_none());
            HitFix {
                span: span.clone(),
                content: self.render(tpl, cand, &[]),
                title: det.fix_title.clone().unwrap_or_default(),
                applicability: if (uses_domain || !in_place) && missing {
                    Applicability::DisplayOnly
                } else {
                    det.fix_applicability
                },
            }
        });
        Some(Hit {
            rule: rule_index,
            detector: det.id.clone(),
            span,
            level,
            message,
            suggestion: det.fix.clone().unwrap_or_else(|| {
                let lang = file.lang_at(cand.span.start);
                rule.fix_for
                    .iter()
                    .find(|(l, _)| *l == lang)
                    .map_or_else(|| rule.fix.clone(), |(_, fix)| fix.clone())
            }),
            secrets,
            fix,
        })
    }

    /// Fill `{match}`, `{group}`, `{my_domain}`, `{sandbox}`; secret groups are masked.
    fn render(&self, template: &str, cand: &Candidate, secret_groups: &[&str]) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return out;
            };
            let name = &after[..close];
            let value = match name {
                "my_domain" => Some(
                    self.options
                        .my_domain
                        .clone()
                        .unwrap_or_else(|| "MyDomain".into()),
                ),
                "sandbox" => Some(
                    self.options
                        .sandbox
                        .clone()
                        .unwrap_or_else(|| "SandboxName".into()),
                ),
                _ => cand.group(name).map(|g| {
                    let value = g.text.as_str();
                    // `secret_groups` holds only groups already judged to be literal secrets.
                    if !self.options.show_secrets && secret_groups.contains(&name) {
                        let inner = redact::secret_core(value, 0..value.len());
                        format!(
                            "{}{}{}",
                            &value[..inner.start],
                            redact::mask(&value[inner.clone()]),
                            &value[inner.end..]
                        )
                    } else {
                        value.to_owned()
                    }
                }),
            };
            match value {
                Some(v) => out.push_str(&v),
                None => out.push_str(&rest[open..=open + 1 + close]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_widens_by_whole_lines() {
        let text = "a\nb\nc KEY d\ne\nf\n";
        let file = SourceFile::new(Lang::Text, text, text, &[]);
        let at = text.find("KEY").unwrap();
        let span = at..at + 3;
        assert_eq!(&text[file.lines_of(&span, 0, 0)], "c KEY d");
        assert_eq!(&text[file.lines_of(&span, 1, 1)], "b\nc KEY d\ne");
        assert_eq!(&text[file.lines_of(&span, 9, 9)], "a\nb\nc KEY d\ne\nf\n");
    }

    /// A one-detector test rule: `body` holds the keywords and the detector.
    fn demo_rule(body: &str) -> Rule {
        let header = "id = \"ZZ001\"\nname = \"demo\"\nlevel = \"error\"\nsecurity-severity = \"5.0\"\n\
                      precision = \"high\"\ntags = [\"security\"]\nsummary = \"s\"\ndescription = \"d\"\n\
                      fix = \"f\"\nhelp = \"h\"\n";
        crate::rule::parse_rule("ZZ001-demo.toml", &format!("{header}{body}")).unwrap()
    }

    /// The hits of `rule` in a plain-text `text`.
    fn hits(rule: &Rule, text: &str) -> Vec<Hit> {
        let file = SourceFile::new(Lang::Text, text, text, &[]);
        let mut out = Vec::new();
        RuleMatcher {
            options: &MatchOptions::default(),
            facts: None,
            unparsed: &[],
        }
        .run(&file, 0, rule, &mut out);
        out
    }

    #[test]
    fn when_conditions_see_salesforce_context_and_nearby_lines() {
        let rule = demo_rule(
            r#"
keywords = ["demo_key"]
[[detector]]
id = "d"
regex = 'demo_key=(?P<match>\w+)'
message = "m"
[[detector.when]]
near = 'client_credentials'
near-before = 2
level = "warning"
[[detector.when]]
salesforce = false
level = "note"
"#,
        );
        let levels = |text: &str| {
            hits(&rule, text)
                .iter()
                .map(|h| h.level)
                .collect::<Vec<_>>()
        };
        assert_eq!(levels("demo_key=a\n"), [Level::Note]);
        assert_eq!(levels("salesforce\ndemo_key=a\n"), [Level::Error]);
        assert_eq!(
            levels("client_credentials\nx\ndemo_key=a\n"),
            [Level::Warning]
        );
        assert_eq!(
            levels("client_credentials\nx\ny\ndemo_key=a salesforce\n"),
            [Level::Error]
        );
    }

    #[test]
    fn a_dropped_match_does_not_hide_one_inside_it() {
        let rule = demo_rule(
            r#"
keywords = ["key"]
[[detector]]
id = "d"
regex = '\w*key[^;]*?=\s*(?P<match>\w+)'
message = "m"
unless-match = ['db_key']
"#,
        );
        let text = "db_key x sf_key = secret;";
        let out = hits(&rule, text);
        assert_eq!(out.len(), 1);
        assert_eq!(&text[out[0].span.clone()], "secret");
    }
}
