//! GitHub Actions workflow commands: one `::error file=…,line=…,col=…,endLine=…,endColumn=…,
//! title=…::message` line per finding, so findings show as annotations on the pull request
//! without code scanning. Notes become `::notice`. A file that could not be read becomes a
//! `::warning` (deliberate skips, such as binary files, do not). It writes nothing else: no
//! summary, no colour.

use crate::finding::Level;
use crate::scan::Report;
use std::io::{self, Write};

/// Escape a message (GitHub's `escapeData`).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (GitHub's `escapeProperty`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Write one workflow command per finding and per unreadable file.
///
/// # Errors
/// Write errors.
pub fn write_github(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        let command = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        let name = report
            .catalog
            .rules
            .iter()
            .find(|r| r.id == f.rule)
            .map_or("", |r| r.name.as_str());
        // The end column is only meaningful on the start line (GitHub ignores it otherwise).
        let end = if f.end.line == f.start.line {
            format!(",endColumn={}", f.end.column)
        } else {
            String::new()
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={}{end},title={}::{}",
            property(&f.path),
            f.start.line,
            f.start.column,
            f.end.line,
            property(&format!("{} {name}", f.rule)),
            data(&format!("{}\nFix: {}", f.message, f.suggestion)),
        )?;
    }
    for n in report.notices.iter().filter(|n| n.error) {
        writeln!(
            out,
            "::warning file={},title=authlint::{}",
            property(&n.path),
            data(&n.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped_as_github_does() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
