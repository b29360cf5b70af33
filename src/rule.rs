//! Rule files (`rules/*.toml`) and the compiled catalogue.
//!
//! `RuleFile` is the serde shape of a file, `Rule` the checked, compiled form. Loading
//! validates everything a typo could break (unknown keys, ids, regexes, groups, levels), so a
//! bad rule stops the run at start-up instead of silently matching nothing. Matching itself
//! lives in `matcher`.

use crate::finding::{Applicability, Level};
use crate::lang::LangSet;
use anyhow::{Context as _, Result, bail, ensure};
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// The serde shape of a rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleFile {
    id: String,
    name: String,
    level: Level,
    security_severity: String,
    precision: String,
    tags: Vec<String>,
    summary: String,
    description: String,
    fix: String,
    #[serde(default)]
    fix_for: std::collections::BTreeMap<String, String>,
    help: String,
    keywords: Vec<String>,
    #[serde(default)]
    also_keywords: Vec<String>,
    #[serde(default)]
    detector: Vec<DetectorFile>,
    #[serde(default)]
    meta: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DetectorFile {
    id: String,
    #[serde(default)]
    langs: Vec<String>,
    #[serde(default)]
    over: Over,
    #[serde(default)]
    in_parsed_files: bool,
    regex: Option<String>,
    key: Option<String>,
    path: Option<String>,
    value_matches: Option<String>,
    with: Option<String>,
    with_value: Option<String>,
    callee: Option<String>,
    #[serde(default)]
    has: Vec<String>,
    #[serde(default)]
    lacks: Vec<String>,
    value_arg: Option<String>,
    value_arg_index: Option<usize>,
    #[serde(default)]
    at_value: bool,
    host: Option<String>,
    url_path: Option<String>,
    query_key: Option<String>,
    #[serde(default)]
    min_args: usize,
    max_args: Option<usize>,
    arg: Option<String>,
    message: String,
    level: Option<Level>,
    value: Option<String>,
    #[serde(default)]
    secrets: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    unless_match: Vec<String>,
    #[serde(default)]
    unless_file: Vec<String>,
    salesforce: Option<SalesforceContext>,
    generic_message: Option<String>,
    fix: Option<String>,
    fix_replace: Option<String>,
    fix_title: Option<String>,
    fix_applicability: Option<Applicability>,
    #[serde(default)]
    when: Vec<WhenFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WhenFile {
    line: Option<String>,
    near: Option<String>,
    near_before: Option<usize>,
    near_after: Option<usize>,
    salesforce: Option<bool>,
    file: Option<String>,
    not_file: Option<String>,
    level: LevelOrOff,
}

/// What a detector runs over.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Over {
    /// The file's text with comments blanked (files without a front-end, or whose parse failed).
    #[default]
    Text,
    /// Each string value, after folding (`regex` runs over the value).
    Strings,
    /// Each key/value pair (`key`, `path`, `value-matches`).
    Pairs,
    /// Each call (`callee`, `has`, `lacks`, `min-args`, `value-arg`).
    Calls,
    /// Each URL in a string value (`host`, `url-path`, `query-key`).
    Urls,
}

/// The fact conditions of a detector that runs over pairs or calls.
#[derive(Debug, Default)]
pub struct FactQuery {
    /// Pairs: the key matches.
    pub key: Option<Pattern>,
    /// Pairs: the dotted path (enclosing keys and the key) matches.
    pub path: Option<Pattern>,
    /// Pairs: the value's text (folded string, else source) matches.
    pub value_matches: Option<Pattern>,
    /// Pairs: a sibling pair (same object, call or element) whose key matches; its value, if
    /// there is one, is the group `with`.
    pub with: Option<Pattern>,
    /// Pairs: the `with` sibling must exist and its value (folded) match this.
    pub with_value: Option<Pattern>,
    /// Calls: the callee as written matches.
    pub callee: Option<Pattern>,
    /// Each of these matches the name of some named argument (calls) or the key of some
    /// sibling pair (pairs).
    pub has: Vec<Pattern>,
    /// None of these matches the name of any named argument (calls) or sibling key (pairs).
    pub lacks: Vec<Pattern>,
    /// Calls: the named argument whose value is the `value` group.
    pub value_arg: Option<Pattern>,
    /// Calls: the positional argument (0-based) that is the `value` group.
    pub value_arg_index: Option<usize>,
    /// Calls: the finding points at the `value` group (a stored secret), not at the callee.
    pub at_value: bool,
    /// Calls: at least this many positional arguments.
    pub min_args: usize,
    /// Calls: at most this many positional arguments.
    pub max_args: Option<usize>,
    /// Calls: some positional argument's text (folded string, else source) matches.
    pub arg: Option<Pattern>,
    /// URLs: the host (lower-case) matches.
    pub host: Option<Pattern>,
    /// URLs: the path matches.
    pub url_path: Option<Pattern>,
    /// URLs: some query parameter's key matches (each such parameter is a candidate).
    pub query_key: Option<Pattern>,
}

impl FactQuery {
    /// Every pattern in it.
    pub fn patterns(&self) -> impl Iterator<Item = &Pattern> {
        [
            &self.key,
            &self.path,
            &self.value_matches,
            &self.with,
            &self.with_value,
            &self.callee,
            &self.value_arg,
            &self.arg,
            &self.host,
            &self.url_path,
            &self.query_key,
        ]
        .into_iter()
        .flatten()
        .chain(&self.has)
        .chain(&self.lacks)
    }
}

/// A `when` level: a real level or `off`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LevelOrOff {
    /// Drop the match.
    Off,
    /// Report it as a note.
    Note,
    /// Report it as a warning.
    Warning,
    /// Report it as an error.
    Error,
}

impl LevelOrOff {
    /// The level, or `None` for `off`.
    #[must_use]
    pub fn level(self) -> Option<Level> {
        match self {
            LevelOrOff::Off => None,
            LevelOrOff::Note => Some(Level::Note),
            LevelOrOff::Warning => Some(Level::Warning),
            LevelOrOff::Error => Some(Level::Error),
        }
    }
}

/// Whether a detector needs Salesforce context in the file.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SalesforceContext {
    /// Only report in files with Salesforce context.
    Required,
    /// Without it: one level lower and the generic message.
    Prefer,
}

/// Default lines above a match that a `when.near` condition sees (an XML element's name is
/// usually a few lines above its attributes, a dict's keys near each other).
pub const NEAR_BEFORE: usize = 6;
/// Default lines below a match that a `when.near` condition sees.
pub const NEAR_AFTER: usize = 2;
/// The widest window a rule may ask for: conditions stay local and cheap.
pub const MAX_NEAR: usize = 40;

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, `AL001`.
    pub id: String,
    /// Kebab-case name.
    pub name: String,
    /// Default level.
    pub level: Level,
    /// GitHub security severity score, as a string.
    pub security_severity: String,
    /// SARIF precision.
    pub precision: String,
    /// Tags, `security` among them.
    pub tags: Vec<String>,
    /// One line.
    pub summary: String,
    /// Plain text, at most 1024 characters.
    pub description: String,
    /// What to do instead, one or two sentences.
    pub fix: String,
    /// The same for findings in one language, where the fix differs (Apex: Named Credentials).
    pub fix_for: Vec<(crate::lang::Lang, String)>,
    /// Markdown help.
    pub help: String,
    /// Lowercase prefilter keywords.
    pub keywords: Vec<String>,
    /// Lowercase keywords of which a file must also hold one (none: no such condition).
    pub also_keywords: Vec<String>,
    /// Detectors, in file order.
    pub detectors: Vec<Detector>,
    /// Reported by the scanner itself (AL000, unused suppressions), not by detectors.
    pub meta: bool,
}

/// One compiled detector.
#[derive(Debug)]
pub struct Detector {
    /// Id within the rule.
    pub id: String,
    /// Kinds of file it runs on.
    pub langs: LangSet,
    /// What it runs over.
    pub over: Over,
    /// A text detector that still runs on files a front-end parsed.
    pub in_parsed_files: bool,
    /// The pattern: over the file with comments blanked (`text`) or over each string value
    /// (`strings`); empty for pairs and calls.
    pub regex: Pattern,
    /// Conditions over pairs and calls.
    pub query: FactQuery,
    /// Name of the evidence group, if any.
    pub value_group: Option<String>,
    /// Names of groups holding secrets.
    pub secret_groups: Vec<String>,
    /// Message template.
    pub message: String,
    /// Message when `salesforce = "prefer"` finds no context.
    pub generic_message: Option<String>,
    /// Level before evidence and conditions.
    pub level: Option<Level>,
    /// Drop when the match's lines match one of these.
    pub unless: Vec<Pattern>,
    /// Drop when the matched text matches one of these.
    pub unless_match: Vec<Pattern>,
    /// Drop when the file matches one of these.
    pub unless_file: Vec<Pattern>,
    /// Salesforce context requirement.
    pub salesforce: Option<SalesforceContext>,
    /// Suggestion override.
    pub fix: Option<String>,
    /// Mechanical replacement of the `match` span.
    pub fix_replace: Option<String>,
    /// Title of the mechanical fix.
    pub fix_title: Option<String>,
    /// Applicability of the mechanical fix.
    pub fix_applicability: Applicability,
    /// Level conditions, first that holds wins.
    pub when: Vec<When>,
}

/// A level condition.
#[derive(Debug)]
pub struct When {
    /// Holds when the match's lines match.
    pub line: Option<Pattern>,
    /// Holds when the lines around the match (`near_before` above to `near_after` below) match.
    pub near: Option<Pattern>,
    /// Lines above the match that `near` sees.
    pub near_before: usize,
    /// Lines below the match that `near` sees.
    pub near_after: usize,
    /// Holds when the file's Salesforce context is (`true`) or is not (`false`) present.
    pub salesforce: Option<bool>,
    /// Holds when the file matches.
    pub file: Option<Pattern>,
    /// Holds when the file does not match.
    pub not_file: Option<Pattern>,
    /// The level it sets.
    pub level: LevelOrOff,
}

/// Every loaded rule, sorted by id.
#[derive(Debug)]
pub struct Catalog {
    /// The rules.
    pub rules: Vec<Rule>,
}

impl Catalog {
    /// The rules built into the binary.
    ///
    /// # Errors
    /// A malformed embedded rule (a build that passed its tests never has one).
    pub fn embedded() -> Result<Catalog> {
        let mut rules = Vec::new();
        for (name, text) in EMBEDDED_RULES {
            rules.push(parse_rule(name, text)?);
        }
        Catalog::new(rules)
    }

    /// The embedded rules plus every `*.toml` in each of `dirs`.
    ///
    /// # Errors
    /// An unreadable directory, a malformed rule file, or two rules with one id.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<Catalog> {
        let mut cat = Catalog::embedded()?;
        for dir in dirs {
            cat = cat.add_dir(dir)?;
        }
        Ok(cat)
    }

    /// The embedded rules plus every `*.toml` in `dir`.
    ///
    /// # Errors
    /// An unreadable directory or a malformed rule file.
    pub fn with_dir(dir: &Path) -> Result<Catalog> {
        Catalog::embedded()?.add_dir(dir)
    }

    fn add_dir(self, dir: &Path) -> Result<Catalog> {
        let mut cat = self;
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| format!("reading rule directory {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading rule file {}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rule = parse_rule(&name, &text)?;
            Catalog { rules: vec![rule] }
                .compile_all()
                .with_context(|| format!("rule file {}", path.display()))?;
            cat.rules.push(parse_rule(&name, &text)?);
        }
        Catalog::new(cat.rules)
    }

    fn new(mut rules: Vec<Rule>) -> Result<Catalog> {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        for pair in rules.windows(2) {
            ensure!(
                pair[0].id != pair[1].id,
                "two rules have the id {}",
                pair[0].id
            );
        }
        Ok(Catalog { rules })
    }

    /// Compile every pattern now, so a rule that only parses but does not compile (a size
    /// limit, say) is an error at start-up rather than a silently skipped detector.
    ///
    /// # Errors
    /// The first pattern that does not compile, with its rule and detector.
    pub fn compile_all(&self) -> Result<()> {
        for rule in &self.rules {
            for d in &rule.detectors {
                let whens = d
                    .when
                    .iter()
                    .flat_map(|w| [&w.line, &w.near, &w.file, &w.not_file])
                    .flatten();
                for p in std::iter::once(&d.regex)
                    .chain(&d.unless)
                    .chain(&d.unless_match)
                    .chain(&d.unless_file)
                    .chain(whens)
                    .chain(d.query.patterns())
                {
                    p.compile()
                        .with_context(|| format!("rule {} detector `{}`", rule.id, d.id))?;
                }
            }
        }
        Ok(())
    }

    /// The rule with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }
}

/// Parse and check one rule file; `file_name` must start with the rule's id.
///
/// # Errors
/// Anything malformed, with the file name and the field in the message.
pub fn parse_rule(file_name: &str, text: &str) -> Result<Rule> {
    let raw: RuleFile = toml::from_str(text).with_context(|| format!("rule file {file_name}"))?;
    compile(raw)
        .with_context(|| format!("rule file {file_name}"))
        .and_then(|rule| {
            ensure!(
                file_name.starts_with(&format!("{}-", rule.id)),
                "rule file {file_name}: the name must start with its id `{}-`",
                rule.id
            );
            Ok(rule)
        })
}

fn compile(raw: RuleFile) -> Result<Rule> {
    ensure!(
        raw.id.len() >= 3
            && raw
                .id
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
        "id `{}` must be upper-case letters and digits",
        raw.id
    );
    ensure!(
        !raw.name.is_empty()
            && raw
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "name `{}` must be kebab-case",
        raw.name
    );
    let score: f64 = raw
        .security_severity
        .parse()
        .context("security-severity must be a number in a string")?;
    ensure!(
        score > 0.0 && score <= 10.0,
        "security-severity must be in (0, 10]"
    );
    ensure!(
        ["very-high", "high", "medium", "low"].contains(&raw.precision.as_str()),
        "precision must be very-high, high, medium or low"
    );
    ensure!(
        raw.tags.iter().any(|t| t == "security"),
        "tags must include `security`"
    );
    ensure!(
        raw.tags.len() <= 20,
        "at most 20 tags (GitHub rejects more)"
    );
    for (field, value) in [
        ("summary", &raw.summary),
        ("description", &raw.description),
        ("fix", &raw.fix),
        ("help", &raw.help),
    ] {
        ensure!(!value.trim().is_empty(), "`{field}` must not be empty");
    }
    ensure!(
        raw.description.chars().count() <= 1024,
        "description longer than 1024 characters"
    );
    ensure!(!raw.summary.contains('\n'), "summary must be one line");
    ensure!(
        !raw.keywords.is_empty(),
        "keywords must not be empty: the prefilter needs them"
    );
    for k in raw.keywords.iter().chain(&raw.also_keywords) {
        ensure!(
            !k.is_empty() && *k == k.to_lowercase(),
            "keyword `{k}` must be non-empty and lowercase"
        );
    }
    // A meta rule (AL000) is reported by the scanner itself, never by detectors.
    ensure!(
        raw.meta || !raw.detector.is_empty(),
        "a rule needs at least one [[detector]]"
    );
    ensure!(
        !raw.meta || raw.detector.is_empty(),
        "a meta rule has no [[detector]]"
    );
    let mut fix_for = Vec::new();
    for (lang, fix) in &raw.fix_for {
        let Some(l) = crate::lang::Lang::from_name(lang) else {
            bail!("fix-for: unknown language `{lang}`");
        };
        ensure!(!fix.trim().is_empty(), "fix-for.{lang} must not be empty");
        fix_for.push((l, fix.trim().to_owned()));
    }
    let mut detectors = Vec::new();
    for d in raw.detector {
        let id = d.id.clone();
        ensure!(
            detectors.iter().all(|x: &Detector| x.id != id),
            "two detectors have the id `{id}`"
        );
        detectors.push(compile_detector(d).with_context(|| format!("detector `{id}`"))?);
    }
    Ok(Rule {
        id: raw.id,
        name: raw.name,
        level: raw.level,
        security_severity: raw.security_severity,
        precision: raw.precision,
        tags: raw.tags,
        summary: raw.summary.trim().to_owned(),
        description: raw.description.trim().to_owned(),
        fix: raw.fix.trim().to_owned(),
        fix_for,
        help: raw.help.trim().to_owned(),
        keywords: raw.keywords,
        also_keywords: raw.also_keywords,
        detectors,
        meta: raw.meta,
    })
}

fn regex(src: &str) -> Result<Pattern> {
    Pattern::new(src)
}

/// A rule regex: its syntax is checked when the rule loads, but it is compiled only when a
/// file first needs it. Compiling every detector up front costs a quarter of a second, which a
/// pre-commit run on three files should not pay for rules whose keywords never occur.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    names: Vec<(String, usize)>,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// Check `source`'s syntax and record its named groups.
    ///
    /// # Errors
    /// A syntax error.
    pub fn new(source: &str) -> Result<Pattern> {
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(source)
            .map_err(|e| anyhow::anyhow!("invalid regex {source:?}: {e}"))?;
        let mut names = Vec::new();
        collect_names(&ast, &mut names);
        Ok(Pattern {
            source: source.to_owned(),
            names,
            compiled: OnceLock::new(),
        })
    }

    /// The compiled regex (compiled on first use); `None` if it does not compile, which
    /// `Catalog::compile_all` reports at load time for user rules and the tests check for the
    /// embedded ones.
    pub fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| build(&self.source).ok())
            .as_ref()
    }

    /// Compile now, with the reason if it fails.
    ///
    /// # Errors
    /// The regex is too large or otherwise invalid.
    pub fn compile(&self) -> Result<&Regex> {
        if let Some(re) = self.get() {
            return Ok(re);
        }
        let err = build(&self.source).err();
        Err(anyhow::anyhow!(
            "invalid regex {:?}: {}",
            self.source,
            err.map(|e| e.to_string()).unwrap_or_default()
        ))
    }

    /// Whether the pattern matches `text` (never, if it does not compile).
    pub fn is_match(&self, text: &str) -> bool {
        self.is_match_bytes(text.as_bytes())
    }

    /// Whether the pattern matches `bytes` (never, if it does not compile).
    pub fn is_match_bytes(&self, bytes: &[u8]) -> bool {
        self.get().is_some_and(|re| re.is_match(bytes))
    }

    /// The index of the named group `name`.
    #[must_use]
    pub fn group(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|&(_, i)| i)
    }

    /// The named groups and their indices.
    #[must_use]
    pub fn names(&self) -> &[(String, usize)] {
        &self.names
    }
}

fn collect_names(ast: &regex_syntax::ast::Ast, out: &mut Vec<(String, usize)>) {
    use regex_syntax::ast::{Ast, GroupKind};
    match ast {
        Ast::Group(g) => {
            if let GroupKind::CaptureName { name, .. } = &g.kind {
                out.push((name.name.clone(), name.index as usize));
            }
            collect_names(&g.ast, out);
        }
        Ast::Repetition(r) => collect_names(&r.ast, out),
        Ast::Concat(c) => c.asts.iter().for_each(|a| collect_names(a, out)),
        Ast::Alternation(a) => a.asts.iter().for_each(|a| collect_names(a, out)),
        _ => {}
    }
}

/// Compile a rule pattern over bytes with Unicode off: `\w`, `\s`, `\b` and `(?i)` are ASCII.
/// Keys, identifiers and hosts are ASCII, so this matches the same things, compiles about five
/// times faster (a pre-commit run pays for every rule its files reach) and keeps the regex crate
/// on its fast DFA, which a Unicode word boundary makes it leave on any non-ASCII text.
/// Negated classes such as `[^"]` still step over non-ASCII text byte by byte.
fn build(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source).unicode(false).build()
}

fn compile_detector(d: DetectorFile) -> Result<Detector> {
    let re = match (d.over, &d.regex) {
        (Over::Text | Over::Strings, Some(src)) => regex(src)?,
        (Over::Text | Over::Strings, None) => {
            bail!("a detector over text or strings needs a regex")
        }
        (Over::Pairs | Over::Calls | Over::Urls, None) => regex("$^")?,
        (Over::Pairs | Over::Calls | Over::Urls, Some(_)) => {
            bail!(
                "a detector over pairs or calls takes key/path/value-matches or callee/has/lacks, not a regex"
            )
        }
    };
    let pair_fields = d.key.is_some()
        || d.path.is_some()
        || d.value_matches.is_some()
        || d.with.is_some()
        || d.with_value.is_some();
    ensure!(
        d.with_value.is_none() || d.with.is_some(),
        "with-value needs with"
    );
    let shared_fields = !d.has.is_empty() || !d.lacks.is_empty();
    let url_fields = d.host.is_some() || d.url_path.is_some() || d.query_key.is_some();
    let call_fields =
        d.callee.is_some() || d.value_arg.is_some() || d.arg.is_some() || d.min_args > 0;
    match d.over {
        Over::Pairs => ensure!(
            !call_fields
                && !url_fields
                && (d.key.is_some() || d.path.is_some() || d.value_matches.is_some()),
            "a detector over pairs needs key, path or value-matches, and takes no call fields"
        ),
        Over::Calls => ensure!(
            !pair_fields && !url_fields && (d.callee.is_some() || d.arg.is_some()),
            "a detector over calls needs callee or arg, and takes no pair fields"
        ),
        Over::Urls => ensure!(
            url_fields && !pair_fields && !call_fields && !shared_fields,
            "a detector over urls needs host, url-path or query-key, and nothing else"
        ),
        Over::Text | Over::Strings => ensure!(
            !pair_fields && !call_fields && !shared_fields && !url_fields,
            "key/path/value-matches and callee/has/lacks/value-arg/min-args need over = \"pairs\" or \"calls\""
        ),
    }
    ensure!(
        !d.in_parsed_files || d.over == Over::Text,
        "in-parsed-files only applies to text detectors"
    );
    // The groups a detector can name: its regex's, or the fixed ones of its fact kind.
    let fixed: &[&str] = match d.over {
        Over::Text | Over::Strings => &[],
        Over::Pairs => &["key", "value", "path", "with"],
        Over::Calls => &["callee", "value"],
        Over::Urls => &["host", "path", "key", "value"],
    };
    let group = |name: &str| -> Result<String> {
        ensure!(
            re.group(name).is_some() || fixed.contains(&name),
            "no group named `{name}`"
        );
        Ok(name.to_owned())
    };
    let opt = |s: &Option<String>| s.as_deref().map(regex).transpose();
    let many = |v: &[String]| v.iter().map(|s| regex(s)).collect::<Result<Vec<_>>>();
    let query = FactQuery {
        key: opt(&d.key)?,
        path: opt(&d.path)?,
        value_matches: opt(&d.value_matches)?,
        with: opt(&d.with)?,
        with_value: opt(&d.with_value)?,
        callee: opt(&d.callee)?,
        has: many(&d.has)?,
        lacks: many(&d.lacks)?,
        value_arg: opt(&d.value_arg)?,
        value_arg_index: d.value_arg_index,
        at_value: d.at_value,
        min_args: d.min_args,
        max_args: d.max_args,
        arg: opt(&d.arg)?,
        host: opt(&d.host)?,
        url_path: opt(&d.url_path)?,
        query_key: opt(&d.query_key)?,
    };
    let mut langs = LangSet::default();
    if d.langs.is_empty() {
        langs = LangSet::ALL;
    }
    for l in &d.langs {
        langs.add_name(l).map_err(anyhow::Error::msg)?;
    }
    let value_group = d.value.as_deref().map(group).transpose()?;
    let secret_groups = d
        .secrets
        .iter()
        .map(|s| group(s))
        .collect::<Result<Vec<_>>>()?;
    for template in [
        Some(&d.message),
        d.generic_message.as_ref(),
        d.fix_replace.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        for name in placeholders(template) {
            if !matches!(name, "match" | "my_domain" | "sandbox") {
                group(name)?;
            }
        }
    }
    if d.fix_replace.is_some() && d.fix_title.is_none() {
        bail!("fix-replace needs a fix-title");
    }
    if d.salesforce == Some(SalesforceContext::Prefer) && d.generic_message.is_none() {
        bail!("salesforce = \"prefer\" needs a generic-message");
    }
    let when = d
        .when
        .into_iter()
        .map(|w| {
            ensure!(
                w.line.is_some()
                    || w.near.is_some()
                    || w.file.is_some()
                    || w.not_file.is_some()
                    || w.salesforce.is_some(),
                "a [[detector.when]] needs line, near, file, not-file or salesforce"
            );
            Ok(When {
                line: w.line.as_deref().map(regex).transpose()?,
                near: w.near.as_deref().map(regex).transpose()?,
                near_before: w.near_before.unwrap_or(NEAR_BEFORE).min(MAX_NEAR),
                near_after: w.near_after.unwrap_or(NEAR_AFTER).min(MAX_NEAR),
                salesforce: w.salesforce,
                file: w.file.as_deref().map(regex).transpose()?,
                not_file: w.not_file.as_deref().map(regex).transpose()?,
                level: w.level,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Detector {
        id: d.id,
        langs,
        over: d.over,
        in_parsed_files: d.in_parsed_files,
        query,
        value_group,
        secret_groups,
        message: d.message,
        generic_message: d.generic_message,
        level: d.level,
        unless: d.unless.iter().map(|s| regex(s)).collect::<Result<_>>()?,
        unless_match: d
            .unless_match
            .iter()
            .map(|s| regex(s))
            .collect::<Result<_>>()?,
        unless_file: d
            .unless_file
            .iter()
            .map(|s| regex(s))
            .collect::<Result<_>>()?,
        salesforce: d.salesforce,
        fix: d.fix,
        fix_replace: d.fix_replace,
        fix_title: d.fix_title,
        fix_applicability: d.fix_applicability.unwrap_or(Applicability::Unsafe),
        when,
        regex: re,
    })
}

/// The `{name}` placeholders of a template.
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}
