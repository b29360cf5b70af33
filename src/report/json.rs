//! The JSON format: one document, `version` 1, findings sorted by path, line, column, rule.
//! The schema is documented in the README and only grows (new keys) within a version.

use super::Summary;
use crate::finding::{Finding, Fix, Level};
use crate::scan::{Notice, Report};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
    notices: Vec<JsonNotice<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Pos {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct Span {
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    name: &'a str,
    level: Level,
    path: &'a str,
    span: Span,
    message: &'a str,
    suggestion: &'a str,
    snippet: &'a str,
    fix: Option<&'a Fix>,
    detector: &'a str,
    /// Stable across unrelated edits and line moves; what baselines hold.
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    findings: usize,
    files_with_findings: usize,
    files_scanned: u64,
    /// Files parsed into syntax facts (the rest were matched as text or had no keyword).
    files_parsed: u64,
    /// Bytes of those files.
    bytes_parsed: u64,
    /// Findings hidden by inline `authlint: ignore[...]` comments.
    suppressed: u64,
    /// Findings hidden because the baseline holds them.
    baselined: u64,
    by_level: BTreeMap<Level, usize>,
    by_rule: BTreeMap<String, usize>,
}

#[derive(Serialize)]
struct JsonNotice<'a> {
    path: &'a str,
    message: &'a str,
    error: bool,
}

/// Write the JSON document.
///
/// # Errors
/// Write errors.
pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = Summary::of(report);
    let doc = Document {
        version: 1,
        tool: Tool {
            name: "authlint",
            version: env!("CARGO_PKG_VERSION"),
        },
        findings: report.findings.iter().map(|f| finding(report, f)).collect(),
        summary: JsonSummary {
            findings: report.findings.len(),
            files_with_findings: s.files,
            files_scanned: report.stats.files_scanned,
            files_parsed: report.stats.files_parsed,
            bytes_parsed: report.stats.bytes_parsed,
            suppressed: report.stats.suppressed,
            baselined: report.stats.baselined,
            by_level: s.by_level,
            by_rule: s.by_rule,
        },
        notices: report
            .notices
            .iter()
            .map(|n: &Notice| JsonNotice {
                path: &n.path,
                message: &n.message,
                error: n.error,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn finding<'a>(report: &'a Report, f: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        rule: &f.rule,
        name: report.catalog.get(&f.rule).map_or("", |r| r.name.as_str()),
        level: f.level,
        path: &f.path,
        span: Span {
            start: Pos {
                line: f.start.line,
                column: f.start.column,
            },
            end: Pos {
                line: f.end.line,
                column: f.end.column,
            },
        },
        message: &f.message,
        suggestion: &f.suggestion,
        snippet: &f.snippet,
        fix: f.fix.as_ref(),
        detector: &f.detector,
        fingerprint: &f.fingerprint,
    }
}
