//! The pipeline: walk → read → prefilter → classify → blank comments → parse to facts →
//! match → findings.
//!
//! Files are walked and scanned in parallel by `ignore`'s walker (ripgrep's); each thread keeps
//! its own buffers, parsers and results and hands the results over once, and the merged findings are sorted,
//! so output never depends on thread timing. Per-file problems become `Notice`s and the scan
//! goes on. Nothing here prints.

use crate::dotenv;
use crate::facts::{self, Facts};
use crate::finding::{Edit, Finding, Fix};
use crate::lang::{Lang, classify};
use crate::linehash::line_hashes;
use crate::lineindex::LineIndex;
use crate::markdown;
use crate::mask::mask;
use crate::matcher::{Hit, MatchOptions, Matcher, RuleMatcher, SourceFile};
use crate::prefilter::Prefilter;
use crate::redact;
use crate::rule::Over;
use crate::rule::{Catalog, Rule};
use crate::suppress;
use crate::syntax::{Front, ParseFailure, Parsers, error_regions};
use anyhow::{Result, bail};
use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};
use std::borrow::Cow;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Everything a scan needs to know.
#[derive(Clone, Debug, Default)]
#[allow(clippy::struct_excessive_bools)] // one per command-line switch
pub struct Config {
    /// Files and directories to scan (`.` when empty).
    pub paths: Vec<PathBuf>,
    /// Only these rule ids (all when `None`).
    pub select: Option<Vec<String>>,
    /// Never these rule ids.
    pub ignore: Vec<String>,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Do not honour `.gitignore`, `.ignore` and the like.
    pub no_ignore: bool,
    /// Scan hidden files and directories.
    pub hidden: bool,
    /// Skip files larger than this many bytes.
    pub max_filesize: Option<u64>,
    /// Never parse: every file is matched by the text detectors.
    pub text_only: bool,
    /// Compute GitHub line hashes (for SARIF).
    pub line_hashes: bool,
    /// Directories of extra rule files.
    pub rules_dirs: Vec<PathBuf>,
    /// The project configuration file's excludes, per-path ignores and level overrides
    /// (selection, My Domain and rule directories are already merged into the fields above).
    pub file: Option<crate::config::FileConfig>,
    /// Scan these contents instead of walking `paths` (`--staged`: files from the git index).
    pub sources: Option<crate::gitdiff::Sources>,
    /// Rendering options.
    pub options: MatchOptions,
}

/// Default `max_filesize`: integration code and config are small; bundles and dumps are not.
pub const DEFAULT_MAX_FILESIZE: u64 = 16 * 1024 * 1024;

/// Files larger than this are matched as text: a front-end's tree costs several times the
/// file's size in memory, and files this large are generated (bundles, dumps), not written.
pub const MAX_PARSE_BYTES: usize = 1024 * 1024;

/// The most time one file's parse may take before it is matched as text instead.
pub const PARSE_BUDGET: std::time::Duration = std::time::Duration::from_millis(1500);

/// Something about one file that the user should know: it could not be read, or was skipped.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Notice {
    /// The file, as shown elsewhere.
    pub path: String,
    /// What happened.
    pub message: String,
    /// Whether this is an error (unreadable) rather than a deliberate skip.
    pub error: bool,
}

/// Counters for the summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Regular text files read and checked.
    pub files_scanned: u64,
    /// Of those, files with a keyword hit (matched in full).
    pub files_matched: u64,
    /// Bytes read.
    pub bytes_scanned: u64,
    /// Files parsed into facts.
    pub files_parsed: u64,
    /// Bytes of the files parsed.
    pub bytes_parsed: u64,
    /// Binary files skipped.
    pub skipped_binary: u64,
    /// Files over the size limit.
    pub skipped_large: u64,
    /// Symlinks, FIFOs, sockets, devices skipped.
    pub skipped_special: u64,
    /// Findings hidden by inline `authlint: ignore[...]` comments.
    pub suppressed: u64,
    /// Findings hidden because the baseline holds them (set by the caller).
    pub baselined: u64,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.files_scanned += o.files_scanned;
        self.files_matched += o.files_matched;
        self.bytes_scanned += o.bytes_scanned;
        self.files_parsed += o.files_parsed;
        self.suppressed += o.suppressed;
        self.bytes_parsed += o.bytes_parsed;
        self.skipped_binary += o.skipped_binary;
        self.skipped_large += o.skipped_large;
        self.skipped_special += o.skipped_special;
    }
}

/// The result of a scan.
#[derive(Debug)]
pub struct Report {
    /// The catalogue the scan used.
    pub catalog: Catalog,
    /// Indices into `catalog.rules` of the enabled rules, in id order.
    pub enabled: Vec<usize>,
    /// Findings sorted by path, line, column, rule.
    pub findings: Vec<Finding>,
    /// Per-file notices, sorted.
    pub notices: Vec<Notice>,
    /// Counters.
    pub stats: Stats,
}

/// Resolve `--select`/`--ignore` against the catalogue.
///
/// # Errors
/// An id that names no rule.
pub fn enabled_rules(
    catalog: &Catalog,
    select: Option<&[String]>,
    ignore: &[String],
) -> Result<Vec<usize>> {
    let all = ["ALL", "all"];
    for id in select.unwrap_or_default().iter().chain(ignore) {
        if !all.contains(&id.as_str()) && catalog.get(id).is_none() {
            let known: Vec<&str> = catalog.rules.iter().map(|r| r.id.as_str()).collect();
            bail!("unknown rule `{id}` (known: {})", known.join(", "));
        }
    }
    let picked = |list: &[String], rule: &Rule| {
        list.iter()
            .any(|id| all.contains(&id.as_str()) || id.eq_ignore_ascii_case(&rule.id))
    };
    Ok(catalog
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| select.is_none_or(|s| picked(s, r)) && !picked(ignore, r))
        .map(|(i, _)| i)
        .collect())
}

/// Run a scan.
///
/// # Errors
/// A bad rule directory, an unknown rule id, a path that does not exist.
pub fn scan(config: &Config) -> Result<Report> {
    let catalog = Catalog::with_dirs(&config.rules_dirs)?;
    if let Some(file) = &config.file {
        let named = file
            .levels
            .iter()
            .map(|(id, _)| ("levels", id.as_str()))
            .chain(
                file.per_path_ignores
                    .iter()
                    .flat_map(|(_, ids)| ids.iter().map(|id| ("per-path-ignores", id.as_str()))),
            );
        for (section, id) in named {
            if catalog.get(id).is_none() {
                bail!("{}: {section}: {id} is not a rule", file.path.display());
            }
        }
    }
    let enabled = enabled_rules(&catalog, config.select.as_deref(), &config.ignore)?;
    let mut paths = config.paths.clone();
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    for p in &paths {
        if std::fs::symlink_metadata(p).is_err() {
            bail!("{}: no such file or directory", p.display());
        }
    }
    let prefilter = Prefilter::new(enabled.iter().enumerate().map(|(i, &r)| {
        let rule = &catalog.rules[r];
        (i, rule.keywords.as_slice(), rule.also_keywords.as_slice())
    }));
    let shared = Shared {
        config,
        catalog: &catalog,
        enabled: &enabled,
        prefilter: &prefilter,
        unused_suppression: enabled
            .iter()
            .copied()
            .find(|&i| catalog.rules[i].id == "AL000"),
        out: Mutex::new(Collected::default()),
    };

    let mut builder = WalkBuilder::new(&paths[0]);
    for p in &paths[1..] {
        builder.add(p);
    }
    let all_hidden = config.hidden;
    let file_config = config.file.clone();
    builder
        // Hidden entries are filtered below rather than by the walker, so that the dotfiles
        // integrations keep their settings in are still scanned.
        .hidden(false)
        .filter_entry(move |e| {
            (e.depth() == 0 || walk_hidden_entry(&e.file_name().to_string_lossy(), all_hidden))
                && !file_config.as_ref().is_some_and(|c| c.excluded(e.path()))
        })
        .ignore(!config.no_ignore)
        .git_ignore(!config.no_ignore)
        .git_global(!config.no_ignore)
        .git_exclude(!config.no_ignore)
        .parents(!config.no_ignore)
        .require_git(false)
        .follow_links(false)
        .threads(config.threads);
    if let Some(sources) = &config.sources {
        // A commit's staged files: few, so one worker does.
        let mut one = worker(&shared);
        for (path, bytes) in sources {
            if config.file.as_ref().is_some_and(|c| c.excluded(path)) {
                continue;
            }
            one.scan_bytes(path, bytes, true);
        }
        drop(one);
    } else {
        let mut visitors = VisitorBuilder { shared: &shared };
        builder.build_parallel().visit(&mut visitors);
    }

    let Collected {
        mut findings,
        mut notices,
        stats,
    } = shared
        .out
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    notices.sort();
    Ok(Report {
        catalog,
        enabled,
        findings,
        notices,
        stats,
    })
}

/// Version-control metadata: never walked, even with `--hidden`.
const VCS_DIRS: &[&str] = &[".git", ".hg", ".svn", ".jj"];

/// Hidden names scanned without `--hidden`: environment files and CI definitions are where
/// integration credentials and token requests live, and skipping them would hide the most
/// common findings. Other hidden files and directories (`.idea`, `.cache`, …) need `--hidden`.
const SETTINGS_DOTFILES: &[&str] = &[
    ".github",
    ".gitlab",
    ".gitlab-ci.yml",
    ".circleci",
    ".travis.yml",
    ".buildkite",
    ".drone.yml",
    ".envrc",
];

/// Whether the walk enters a (non-root) entry named `name`.
fn walk_hidden_entry(name: &str, all_hidden: bool) -> bool {
    if !name.starts_with('.') {
        return true;
    }
    if VCS_DIRS.contains(&name) {
        return false;
    }
    all_hidden || name == ".env" || name.starts_with(".env.") || SETTINGS_DOTFILES.contains(&name)
}

#[derive(Default)]
struct Collected {
    findings: Vec<Finding>,
    notices: Vec<Notice>,
    stats: Stats,
}

struct Shared<'a> {
    config: &'a Config,
    catalog: &'a Catalog,
    enabled: &'a [usize],
    prefilter: &'a Prefilter,
    /// The catalogue index of AL000 when it is enabled: suppressions are then checked.
    unused_suppression: Option<usize>,
    out: Mutex<Collected>,
}

struct VisitorBuilder<'s, 'a> {
    shared: &'s Shared<'a>,
}

/// A worker with empty buffers; it hands its results over when dropped.
fn worker<'s, 'a>(shared: &'s Shared<'a>) -> Worker<'s, 'a> {
    Worker {
        shared,
        buf: Vec::new(),
        hits: Vec::new(),
        candidates: Vec::new(),
        parsers: Parsers::default(),
        local: Collected::default(),
    }
}

impl<'s> ParallelVisitorBuilder<'s> for VisitorBuilder<'s, '_> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(worker(self.shared))
    }
}

/// Per-thread state: buffers reused across files and results handed over once, on drop.
struct Worker<'s, 'a> {
    shared: &'s Shared<'a>,
    buf: Vec<u8>,
    hits: Vec<Hit>,
    candidates: Vec<bool>,
    parsers: Parsers,
    local: Collected,
}

impl Drop for Worker<'_, '_> {
    fn drop(&mut self) {
        let mut out = self
            .shared
            .out
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        out.findings.append(&mut self.local.findings);
        out.notices.append(&mut self.local.notices);
        out.stats.add(&self.local.stats);
    }
}

impl ParallelVisitor for Worker<'_, '_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(dent) => self.visit_entry(&dent),
            Err(err) => {
                let path = error_path(&err).map(display_path).unwrap_or_default();
                self.notice(path, error_message(&err), true);
            }
        }
        WalkState::Continue
    }
}

fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

fn error_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            error_message(err)
        }
        ignore::Error::Loop { ancestor, .. } => format!(
            "symbolic link loop back to {}, not followed",
            ancestor.display()
        ),
        other => other.to_string(),
    }
}

/// The path as users see it: `/`-separated, without a leading `./`.
#[must_use]
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = if std::path::MAIN_SEPARATOR == '\\' {
        Cow::Owned(s.replace('\\', "/"))
    } else {
        s
    };
    let mut t: &str = &s;
    while let Some(rest) = t.strip_prefix("./") {
        t = rest.trim_start_matches('/');
    }
    if t.is_empty() {
        ".".to_owned()
    } else {
        t.to_owned()
    }
}

impl Worker<'_, '_> {
    fn notice(&mut self, path: String, message: String, error: bool) {
        self.local.notices.push(Notice {
            path,
            message,
            error,
        });
    }

    fn visit_entry(&mut self, dent: &DirEntry) {
        let explicit = dent.depth() == 0;
        let path = dent.path();
        let Some(ft) = dent.file_type() else { return }; // stdin is not supported
        if ft.is_dir() {
            return;
        }
        // Symlinks are followed only when named on the command line (never out of a walk,
        // so there is no loop to fall into); everything but regular files is skipped without
        // opening it, because opening a FIFO blocks.
        let is_file = if ft.is_symlink() {
            if !explicit {
                self.local.stats.skipped_special += 1;
                return;
            }
            match std::fs::metadata(path) {
                Ok(m) if m.is_dir() => return, // the walker descends into it
                Ok(m) => m.is_file(),
                Err(e) => {
                    self.notice(
                        display_path(path),
                        format!("broken symbolic link: {e}"),
                        true,
                    );
                    return;
                }
            }
        } else {
            ft.is_file()
        };
        if !is_file {
            self.local.stats.skipped_special += 1;
            if explicit {
                self.notice(
                    display_path(path),
                    "not a regular file (FIFO, socket or device), skipped".into(),
                    false,
                );
            }
            return;
        }
        // Excludes apply to named files too (pre-commit names every staged file).
        if explicit
            && let Some(c) = &self.shared.config.file
            && c.excluded(path)
        {
            return;
        }
        if let Err(e) = self.scan_file(path, explicit) {
            self.notice(display_path(path), e, true);
        }
    }

    fn scan_file(&mut self, path: &Path, explicit: bool) -> Result<(), String> {
        let shared = self.shared;
        let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let meta = file.metadata().map_err(|e| e.to_string())?;
        if !meta.is_file() {
            self.local.stats.skipped_special += 1;
            return Ok(());
        }
        let limit = shared.config.max_filesize.unwrap_or(DEFAULT_MAX_FILESIZE);
        if meta.len() > limit {
            self.local.stats.skipped_large += 1;
            let msg = format!(
                "skipped: {} bytes is over the --max-filesize limit of {limit} bytes",
                meta.len()
            );
            self.notice(display_path(path), msg, false);
            return Ok(());
        }
        self.buf.clear();
        // Read at most limit + 1 bytes: a file that grew after stat() is still bounded.
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut self.buf)
            .map_err(|e| e.to_string())?;
        let buf = std::mem::take(&mut self.buf);
        self.scan_bytes(path, &buf, explicit);
        self.buf = buf;
        Ok(())
    }

    /// Scan one file's contents (read from disk, or from the git index for `--staged`).
    fn scan_bytes(&mut self, path: &Path, buf: &[u8], explicit: bool) {
        let shared = self.shared;
        self.local.stats.bytes_scanned += buf.len() as u64;

        let utf16 = utf16_bom(buf);
        if utf16.is_none() && memchr::memchr(0, &buf[..buf.len().min(8192)]).is_some() {
            self.local.stats.skipped_binary += 1;
            if explicit {
                self.notice(
                    display_path(path),
                    "binary file (NUL byte), skipped".into(),
                    false,
                );
            }
            return;
        }
        self.local.stats.files_scanned += 1;
        let decoded16 = utf16.map(|be| decode_utf16(buf, be));
        let bytes = decoded16.as_deref().map_or(buf, str::as_bytes);
        if !shared.prefilter.candidates(bytes, &mut self.candidates) {
            return;
        }
        self.local.stats.files_matched += 1;
        let text = String::from_utf8_lossy(bytes);
        if matches!(text, Cow::Owned(_)) {
            let message = "not valid UTF-8; invalid bytes were read as U+FFFD".to_owned();
            self.local.notices.push(Notice {
                path: display_path(path),
                message,
                error: false,
            });
        }
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
        let lang = classify(path, first_line);
        let masked = mask(&text, lang);
        let file = SourceFile::new(lang, &text, &masked.code, &masked.strings);
        let (facts, unparsed, parse_note) = parse_facts(
            &mut self.parsers,
            shared,
            &self.candidates,
            path,
            lang,
            &text,
        );
        if facts.is_some() {
            self.local.stats.files_parsed += 1;
            self.local.stats.bytes_parsed += text.len() as u64;
        }
        if let Some(message) = parse_note {
            self.local.notices.push(Notice {
                path: display_path(path),
                message,
                error: false,
            });
        }
        let matcher = RuleMatcher {
            options: &shared.config.options,
            facts: facts.as_ref(),
            unparsed: &unparsed,
        };
        self.hits.clear();
        for (i, &rule) in shared.enabled.iter().enumerate() {
            if self.candidates[i] {
                matcher.run(&file, rule, &shared.catalog.rules[rule], &mut self.hits);
            }
        }
        let mut suppressions = if memchr::memmem::find(bytes, suppress::MARKER.as_bytes()).is_some()
        {
            suppress::find(&text, &masked.code)
        } else {
            Vec::new()
        };
        if self.hits.is_empty() && suppressions.is_empty() {
            return;
        }
        // GitHub hashes the file as UTF-8; for a UTF-16 file its value would not be ours.
        let hashes = (shared.config.line_hashes && decoded16.is_none()).then(|| line_hashes(&text));
        let shown = display_path(path);
        let index = LineIndex::new(&text);
        let mut kept: Vec<Finding> = Vec::new();
        let file_config = shared.config.file.as_ref();
        let path_ignores = file_config
            .map(|c| c.ignored_rules(path))
            .unwrap_or_default();
        for hit in self.hits.drain(..) {
            let mut f = finding(&shown, &index, &text, lang, hit, shared, hashes.as_deref());
            if path_ignores.iter().any(|r| r.eq_ignore_ascii_case(&f.rule)) {
                continue;
            }
            if suppress::covers(&mut suppressions, &f.rule, f.start.line) {
                self.local.stats.suppressed += 1;
                continue;
            }
            if let Some(level) = file_config
                .and_then(|c| {
                    c.levels
                        .iter()
                        .find(|(id, _)| id.eq_ignore_ascii_case(&f.rule))
                })
                .and_then(|(_, setting)| setting.level())
            {
                f.level = level;
            }
            kept.push(f);
        }
        if let Some(meta) = shared.unused_suppression {
            let rules = &shared.catalog.rules;
            let known = |id: &str| rules.iter().any(|r| r.id.eq_ignore_ascii_case(id));
            let enabled = |id: &str| {
                shared
                    .enabled
                    .iter()
                    .any(|&i| rules[i].id.eq_ignore_ascii_case(id))
            };
            for s in &suppressions {
                for problem in suppress::problems(s, known, enabled) {
                    let hit = Hit {
                        rule: meta,
                        detector: "suppression".to_owned(),
                        span: s.span.clone(),
                        level: rules[meta].level,
                        message: problem.message(s.line),
                        suggestion: rules[meta].fix.clone(),
                        secrets: Vec::new(),
                        fix: None,
                    };
                    let f = finding(&shown, &index, &text, lang, hit, shared, hashes.as_deref());
                    kept.push(f);
                }
            }
        }
        // Fingerprints count occurrences in source order, whatever order the rules ran in.
        kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut seen: std::collections::HashMap<(String, String), usize> =
            std::collections::HashMap::new();
        for f in &mut kept {
            let line = crate::baseline::normalize(&text[index.line_range(f.start.line)]);
            f.fingerprint = {
                let n = seen.entry((f.rule.clone(), line.clone())).or_insert(0);
                *n += 1;
                crate::baseline::fingerprint(&f.rule, &f.path, &line, *n - 1)
            };
        }
        self.local.findings.extend(kept);
    }
}

/// The file's facts, when a front-end covers it, a candidate rule has fact detectors and the
/// parse succeeds; otherwise `None`, and the text detectors run instead. The second value is
/// the line ranges that did not parse (text detectors run there too); the third a notice for
/// a file that should have been parsed but was not.
fn parse_facts(
    parsers: &mut Parsers,
    shared: &Shared<'_>,
    candidates: &[bool],
    path: &Path,
    lang: Lang,
    text: &str,
) -> (Option<Facts>, Vec<Range<usize>>, Option<String>) {
    if shared.config.text_only {
        return (None, Vec::new(), None);
    }
    let wanted = shared.enabled.iter().enumerate().any(|(i, &rule)| {
        candidates[i]
            && shared.catalog.rules[rule]
                .detectors
                .iter()
                .any(|d| d.over != Over::Text && (lang == Lang::Markdown || d.langs.contains(lang)))
    });
    if !wanted {
        return (None, Vec::new(), None);
    }
    if lang == Lang::Markdown {
        return parse_fences(parsers, text);
    }
    parse_one(parsers, path, lang, text)
}

/// A Markdown file's fenced blocks, each through the front-end of its info string's language,
/// merged into one set of facts. Prose and the other blocks are "unparsed": text detectors
/// still run there.
fn parse_fences(
    parsers: &mut Parsers,
    text: &str,
) -> (Option<Facts>, Vec<Range<usize>>, Option<String>) {
    let mut merged: Option<Facts> = None;
    let mut parsed: Vec<Range<usize>> = Vec::new();
    let mut unparsed = Vec::new();
    let mut note = None;
    for (i, fence) in markdown::fences(text).into_iter().enumerate() {
        let Some(lang) = fence.lang else {
            continue;
        };
        let (facts, errors, message) =
            parse_one(parsers, Path::new(""), lang, &text[fence.body.clone()]);
        note = note.or(message);
        if let Some(facts) = facts {
            merged
                .get_or_insert_default()
                .merge(facts, fence.body.start, (i + 1) << 40);
            unparsed.extend(
                errors
                    .iter()
                    .map(|r| r.start + fence.body.start..r.end + fence.body.start),
            );
            parsed.push(fence.body);
        }
    }
    let Some(mut merged) = merged else {
        return (None, Vec::new(), note);
    };
    merged.urls = crate::urls::find(&merged.strings);
    let mut at = 0;
    for body in &parsed {
        if body.start > at {
            unparsed.push(at..body.start);
        }
        at = body.end;
    }
    unparsed.push(at..text.len());
    unparsed.sort_by_key(|r| r.start);
    (Some(merged), unparsed, note)
}

/// One text through the front-end of `lang`.
fn parse_one(
    parsers: &mut Parsers,
    path: &Path,
    lang: Lang,
    text: &str,
) -> (Option<Facts>, Vec<Range<usize>>, Option<String>) {
    let mut langs = crate::lang::LangSet::default();
    langs.insert(lang);
    // .env files are lines, not shell: their front-end is `dotenv`, not a grammar.
    if lang == Lang::Dotenv {
        let mut facts = dotenv::extract(text);
        facts.langs = langs;
        return (Some(facts), Vec::new(), None);
    }
    let Some(front) = Front::for_file(lang, path) else {
        return (None, Vec::new(), None);
    };
    if text.len() > MAX_PARSE_BYTES {
        let message = format!(
            "not parsed: {} bytes is over the {MAX_PARSE_BYTES}-byte parse limit; matched as text",
            text.len()
        );
        return (None, Vec::new(), Some(message));
    }
    match parsers.parse(front, text, PARSE_BUDGET) {
        Ok(tree) => {
            let unparsed = error_regions(&tree, text);
            // Mostly unparsable (templated YAML, Python 2, a different dialect): the facts
            // would be fragments, so the file is matched as text.
            if unparsed.iter().map(ExactSizeIterator::len).sum::<usize>() * 2 > text.len() {
                return (None, Vec::new(), None);
            }
            let mut facts = facts::extract(front.grammar(), &tree, text);
            facts.langs = langs;
            (Some(facts), unparsed, None)
        }
        Err(ParseFailure::Failed) => (None, Vec::new(), None),
        Err(ParseFailure::Timeout(budget)) => {
            let message = format!(
                "not parsed: the {} parser ran over its {} ms budget; matched as text",
                front.grammar().name,
                budget.as_millis()
            );
            (None, Vec::new(), Some(message))
        }
    }
}

fn finding(
    path: &str,
    index: &LineIndex<'_>,
    text: &str,
    lang: Lang,
    hit: Hit,
    shared: &Shared<'_>,
    hashes: Option<&[String]>,
) -> Finding {
    let start = index.position(hit.span.start);
    let end = index.position(hit.span.end);
    let line = index.line_range(start.line);
    let raw_line = &text[line.clone()];
    let snippet = if shared.config.options.show_secrets {
        raw_line.to_owned()
    } else {
        let spans: Vec<_> = hit
            .secrets
            .iter()
            .filter(|s| s.start >= line.start && s.end <= line.end)
            .map(|s| s.start - line.start..s.end - line.start)
            .collect();
        redact::redact_line(raw_line, &spans, lang)
    };
    let fix = hit.fix.map(|f| Fix {
        title: f.title,
        applicability: f.applicability,
        edits: vec![Edit {
            start: index.position(f.span.start),
            end: index.position(f.span.end),
            original: text[f.span.clone()].to_owned(),
            content: f.content,
        }],
    });
    Finding {
        rule: shared.catalog.rules[hit.rule].id.clone(),
        detector: hit.detector,
        path: path.to_owned(),
        level: hit.level,
        message: hit.message,
        suggestion: hit.suggestion,
        start,
        end,
        snippet,
        fix,
        line_hash: hashes.and_then(|h| h.get(start.line as usize - 1)).cloned(),
        fingerprint: String::new(),
    }
}

/// `Some(big_endian)` when the buffer starts with a UTF-16 byte-order mark.
fn utf16_bom(buf: &[u8]) -> Option<bool> {
    match buf {
        [0xFF, 0xFE, ..] => Some(false),
        [0xFE, 0xFF, ..] => Some(true),
        _ => None,
    }
}

fn decode_utf16(buf: &[u8], big_endian: bool) -> String {
    let units = buf[2..].chunks_exact(2).map(|c| {
        if big_endian {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}
