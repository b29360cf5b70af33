//! SARIF 2.1.0 for GitHub code scanning, built with `serde_sarif`, following
//! `shared/sarif/README.md`: one run; every enabled rule in `tool.driver.rules`; relative
//! `uri`s with `uriBaseId: SRCROOT`; 1-based UTF-16 columns and `columnKind`;
//! `security-severity` as a string beside a `security` tag; GitHub's own line hash or none;
//! `fixes` for mechanical edits; no `automationDetails` (it would override the workflow's
//! `category:`).

use crate::finding::{Applicability, Finding, Level, Position};
use crate::rule::Rule;
use crate::scan::Report;
use serde_json::json;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix, Invocation, Location, Message,
    MultiformatMessageString, Notification, PhysicalLocation, PropertyBag, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The OASIS errata01 schema URI (GitHub and the SARIF multitool accept it).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where users find the project.
pub const INFORMATION_URI: &str = "https://github.com/authlint/authlint";

/// Write the SARIF log.
///
/// # Errors
/// Write errors.
pub fn write_sarif(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(report))?;
    writeln!(out)
}

/// Build the SARIF log.
#[must_use]
pub fn build(report: &Report) -> Sarif {
    let rules: Vec<&Rule> = report
        .enabled
        .iter()
        .map(|&i| &report.catalog.rules[i])
        .collect();
    let descriptors = rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>();
    let results = report
        .findings
        .iter()
        .map(|f| {
            let index = rules
                .iter()
                .position(|r| r.id == f.rule)
                .unwrap_or_default();
            result(f, index)
        })
        .collect::<Vec<_>>();
    let notifications = report
        .notices
        .iter()
        .map(|n| {
            Notification::builder()
                .message(Message::from(n.message.as_str()))
                .level(json!(if n.error { "error" } else { "note" }))
                .locations(vec![
                    Location::builder()
                        .physical_location(
                            PhysicalLocation::builder()
                                .artifact_location(artifact(&n.path))
                                .build(),
                        )
                        .build(),
                ])
                .build()
        })
        .collect::<Vec<_>>();
    let invocation = if notifications.is_empty() {
        Invocation::builder().execution_successful(true).build()
    } else {
        Invocation::builder()
            .execution_successful(true)
            .tool_execution_notifications(notifications)
            .build()
    };
    let driver = ToolComponent::builder()
        .name("authlint")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(INFORMATION_URI)
        .rules(descriptors)
        .build();
    let mut bases = BTreeMap::new();
    bases.insert(
        "SRCROOT".to_owned(),
        ArtifactLocation::builder()
            .description(Message::from(
                "The root of the repository that was analyzed.",
            ))
            .build(),
    );
    let run = Run::builder()
        .tool(Tool::from(driver))
        .invocations(vec![invocation])
        .original_uri_base_ids(bases)
        .column_kind(json!("utf16CodeUnits"))
        .results(results)
        .build();
    Sarif::builder()
        .schema(SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let mut props = BTreeMap::new();
    props.insert(
        "security-severity".to_owned(),
        json!(rule.security_severity),
    );
    props.insert("precision".to_owned(), json!(rule.precision));
    let help_text = format!("{}\n\nFix: {}", rule.description, rule.fix);
    ReportingDescriptor::builder()
        .id(rule.id.clone())
        .name(rule.name.clone())
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.summary.clone())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(rule.description.clone())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(help_text)
                .markdown(rule.help.clone())
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(rule.level.as_str()))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(rule.tags.clone())
                .additional_properties(props)
                .build(),
        )
        .build()
}

fn level(level: Level) -> ResultLevel {
    match level {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
        Level::Note => ResultLevel::Note,
    }
}

fn region(start: Position, end: Position) -> Region {
    Region::builder()
        .start_line(i64::from(start.line))
        .start_column(i64::from(start.column_utf16))
        .end_line(i64::from(end.line))
        .end_column(i64::from(end.column_utf16))
        .build()
}

fn result(f: &Finding, rule_index: usize) -> SarifResult {
    let context = Region::builder()
        .start_line(i64::from(f.start.line))
        .end_line(i64::from(f.start.line))
        .snippet(ArtifactContent::builder().text(f.snippet.clone()).build())
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(artifact(&f.path))
        .region(region(f.start, f.end))
        .context_region(context)
        .build();
    let message = format!("{} Fix: {}", f.message.trim_end(), f.suggestion);
    let fixes: Vec<Fix> = f
        .fix
        .iter()
        .filter(|fix| fix.applicability > Applicability::DisplayOnly)
        .map(|fix| {
            let replacements = fix
                .edits
                .iter()
                .map(|e| {
                    Replacement::builder()
                        .deleted_region(region(e.start, e.end))
                        .inserted_content(
                            ArtifactContent::builder().text(e.content.clone()).build(),
                        )
                        .build()
                })
                .collect::<Vec<_>>();
            Fix::builder()
                .description(Message::from(fix.title.as_str()))
                .artifact_changes(vec![
                    ArtifactChange::builder()
                        .artifact_location(artifact(&f.path))
                        .replacements(replacements)
                        .build(),
                ])
                .build()
        })
        .collect();
    let mut result = SarifResult::builder()
        .rule_id(f.rule.clone())
        .rule_index(i64::try_from(rule_index).unwrap_or_default())
        .level(level(f.level))
        .message(Message::from(message.as_str()))
        .locations(vec![
            Location::builder().physical_location(physical).build(),
        ])
        .build();
    if let Some(hash) = &f.line_hash {
        result.partial_fingerprints = Some(BTreeMap::from([(
            "primaryLocationLineHash".to_owned(),
            hash.clone(),
        )]));
    }
    if !fixes.is_empty() {
        result.fixes = Some(fixes);
    }
    result
}

/// An artifact location: relative paths go under `SRCROOT`; absolute ones become `file:` URIs.
fn artifact(path: &str) -> ArtifactLocation {
    if path.starts_with('/') {
        ArtifactLocation::builder()
            .uri(format!("file://{}", percent_encode(path)))
            .build()
    } else {
        ArtifactLocation::builder()
            .uri(percent_encode(path))
            .uri_base_id("SRCROOT")
            .build()
    }
}

/// Percent-encode everything but unreserved characters and `/` (RFC 3986 path segments).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        let rel = artifact("my dir/app.py");
        assert_eq!(rel.uri.as_deref(), Some("my%20dir/app.py"));
        assert_eq!(rel.uri_base_id.as_deref(), Some("SRCROOT"));
        let abs = artifact("/tmp/x#y.py");
        assert_eq!(abs.uri.as_deref(), Some("file:///tmp/x%23y.py"));
        assert!(abs.uri_base_id.is_none());
    }
}
