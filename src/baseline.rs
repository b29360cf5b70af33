//! Baselines: the findings a team has accepted for now, so that a scan reports only new ones.
//!
//! A finding's fingerprint is a SHA-256 of its rule, its path, the text of the line it starts
//! on with whitespace collapsed, and its occurrence among the findings of that file with the
//! same rule and line text. It survives edits elsewhere in the file and lines moving up or
//! down; it changes when the finding's own line changes. The baseline file holds fingerprints
//! (no source text, so no secret) with the rule and path for people reading it.
//!
//! It does not scan, and it does not decide exit codes.

use crate::finding::Finding;
use anyhow::{Context as _, Result, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// A line as fingerprints see it: whitespace runs collapsed to one space, ends trimmed.
#[must_use]
pub fn normalize(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fingerprint of a finding of `rule` in `path` starting on a line that reads `normalized`
/// (see `normalize`), the `occurrence`-th (from 0) such finding in the file.
#[must_use]
pub fn fingerprint(rule: &str, path: &str, normalized: &str, occurrence: usize) -> String {
    let mut h = Sha256::new();
    for part in [rule, path, normalized, &occurrence.to_string()] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    digest[..16]
        .iter()
        .fold(String::with_capacity(32), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    fingerprint: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    tool: String,
    findings: Vec<Entry>,
}

/// Write `findings` (sorted) as a baseline to `path`.
///
/// # Errors
/// The file cannot be written.
pub fn write(path: &Path, findings: &[Finding]) -> Result<()> {
    let doc = File {
        version: 1,
        tool: "authlint".to_owned(),
        findings: findings
            .iter()
            .map(|f| Entry {
                rule: f.rule.clone(),
                path: f.path.clone(),
                fingerprint: f.fingerprint.clone(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    std::fs::write(path, text).with_context(|| format!("writing baseline {}", path.display()))
}

/// A loaded baseline: each fingerprint with how many findings carry it.
#[derive(Debug, Default)]
pub struct Baseline(HashMap<String, usize>);

/// The baseline at `path`.
///
/// # Errors
/// An unreadable or malformed file.
pub fn read(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading baseline {}", path.display()))?;
    let doc: File = serde_json::from_str(&text)
        .with_context(|| format!("baseline {} is not an authlint baseline", path.display()))?;
    if doc.version != 1 || doc.tool != "authlint" {
        bail!(
            "baseline {}: version {} of {}, expected version 1 of authlint",
            path.display(),
            doc.version,
            doc.tool
        );
    }
    let mut counts = HashMap::new();
    for e in doc.findings {
        *counts.entry(e.fingerprint).or_insert(0) += 1;
    }
    Ok(Baseline(counts))
}

/// Drop the findings the baseline holds; returns how many were dropped.
pub fn filter(findings: &mut Vec<Finding>, mut baseline: Baseline) -> usize {
    let before = findings.len();
    findings.retain(|f| match baseline.0.get_mut(&f.fingerprint) {
        Some(n) if *n > 0 => {
            *n -= 1;
            false
        }
        _ => true,
    });
    before - findings.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_whitespace_but_not_content_or_occurrence() {
        let fp = |rule, path, line, n| fingerprint(rule, path, &normalize(line), n);
        let a = fp("AL001", "a.py", "  x = {'grant_type': 'password'}", 0);
        assert_eq!(
            a,
            fp("AL001", "a.py", "x = {'grant_type':   'password'}  ", 0)
        );
        assert_ne!(a, fp("AL001", "a.py", "x = {'grant_type': 'password'}", 1));
        assert_ne!(a, fp("AL003", "a.py", "x = {'grant_type': 'password'}", 0));
        assert_ne!(a, fp("AL001", "b.py", "x = {'grant_type': 'password'}", 0));
        assert_eq!(a.len(), 32);
    }
}
