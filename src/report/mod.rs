//! Output formats. Each writer takes a finished `Report` and a `Write`; none of them scans,
//! filters or sorts (the report is already sorted).

pub mod github;
pub mod json;
pub mod sarif;
pub mod text;

use crate::finding::Level;
use crate::scan::Report;
use std::collections::BTreeMap;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human diagnostics with the source line and a summary.
    Text,
    /// One `path:line:col: RULE [level] message` line per finding.
    Concise,
    /// A stable JSON document (see README).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`): annotations without code scanning.
    Github,
}

/// Counts per level and per rule, shared by the text and JSON summaries.
#[derive(Debug, Default)]
pub struct Summary {
    /// Findings per level.
    pub by_level: BTreeMap<Level, usize>,
    /// Findings per rule id.
    pub by_rule: BTreeMap<String, usize>,
    /// Distinct files with findings.
    pub files: usize,
}

impl Summary {
    /// Count `report`'s findings.
    #[must_use]
    pub fn of(report: &Report) -> Summary {
        let mut s = Summary::default();
        let mut last: Option<&str> = None;
        for f in &report.findings {
            *s.by_level.entry(f.level).or_default() += 1;
            *s.by_rule.entry(f.rule.clone()).or_default() += 1;
            if last != Some(f.path.as_str()) {
                s.files += 1;
                last = Some(&f.path);
            }
        }
        s
    }
}
