//! The plain types every stage shares: `Level`, `Position`, `Finding`, `Fix`, `Edit`.
//!
//! Nothing here reads files, matches rules or prints; producers (the matcher) and consumers
//! (the reporters) only agree on these shapes.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. Ordered so that `Note < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth knowing: docs, placeholders, flows that still work but should move.
    Note,
    /// A deprecated flow fed from a reference (environment, secret store).
    Warning,
    /// A deprecated flow with a literal credential, or something broken today.
    Error,
}

impl Level {
    /// The lowercase name used in every output format and in rule files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// One step less serious; `Note` stays `Note`.
    #[must_use]
    pub fn lower(self) -> Level {
        match self {
            Level::Error => Level::Warning,
            Level::Warning | Level::Note => Level::Note,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Whether a fix may be applied without review (ruff's model; ordered least to most trusted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown to the user only: it contains a placeholder or may not even be valid code.
    DisplayOnly,
    /// Valid text, but it changes what the program sends; apply only on request.
    Unsafe,
    /// Keeps the program's meaning.
    Safe,
}

impl Applicability {
    /// The kebab-case name used in output and rule files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// A place in a file. Lines and columns are 1-based; `column` counts Unicode scalar values,
/// `column_utf16` counts UTF-16 code units (what SARIF's `utf16CodeUnits` means).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// 1-based column in UTF-16 code units.
    #[serde(skip)]
    pub column_utf16: u32,
    /// 0-based byte offset into the (UTF-8 decoded) file.
    #[serde(skip)]
    pub offset: usize,
}

/// One text edit: replace `start..end` with `content` (empty content deletes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Where the replaced text starts.
    pub start: Position,
    /// Where it ends (exclusive).
    pub end: Position,
    /// The new text.
    pub content: String,
    /// The text replaced, as the scan read it (to tell that the file changed before a fix).
    #[serde(skip)]
    pub original: String,
}

/// A mechanical fix: edits plus how far they can be trusted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in one line.
    pub title: String,
    /// Whether it may be applied without review.
    pub applicability: Applicability,
    /// Non-overlapping edits sorted by start.
    pub edits: Vec<Edit>,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Rule id, e.g. `AL001`.
    pub rule: String,
    /// Which of the rule's detectors fired (for debugging and tests).
    pub detector: String,
    /// Path as shown to users: relative, `/`-separated.
    pub path: String,
    /// Severity after evidence and context.
    pub level: Level,
    /// One or two sentences, secrets redacted.
    pub message: String,
    /// What to do instead (always present).
    pub suggestion: String,
    /// Start of the flagged span.
    pub start: Position,
    /// End of the flagged span (exclusive).
    pub end: Position,
    /// The source line holding `start`, secrets redacted, without its line ending.
    pub snippet: String,
    /// A mechanical fix, where the change is a plain text edit.
    pub fix: Option<Fix>,
    /// GitHub's `primaryLocationLineHash` for `start.line`, when it was asked for.
    pub line_hash: Option<String>,
    /// The baseline fingerprint (`baseline::fingerprint`): stable across unrelated edits.
    pub fingerprint: String,
}

impl Finding {
    /// The key every output is sorted by: path, line, column, rule.
    #[must_use]
    pub fn sort_key(&self) -> (&str, u32, u32, &str, u32, u32, &str) {
        (
            &self.path,
            self.start.line,
            self.start.column,
            &self.rule,
            self.end.line,
            self.end.column,
            &self.detector,
        )
    }
}
