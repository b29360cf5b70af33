//! Human output: `path:line:col: AL001 [error] message`, the source line with the span
//! marked, the fix, and a summary per rule. Colour only when asked (the CLI decides: a
//! terminal, `NO_COLOR` unset).

use super::Summary;
use crate::finding::{Finding, Level};
use crate::scan::Report;
use anstyle::{AnsiColor, Style};
use std::fmt::Write as _;
use std::io::{self, Write};

fn level_style(level: Level) -> Style {
    let color = match level {
        Level::Error => AnsiColor::Red,
        Level::Warning => AnsiColor::Yellow,
        Level::Note => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
}

/// Write one concise line per finding.
///
/// # Errors
/// Write errors.
pub fn write_concise(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let p = Painter { color };
    for f in &report.findings {
        writeln!(out, "{}", headline(f, &p))?;
    }
    Ok(())
}

fn headline(f: &Finding, p: &Painter) -> String {
    let bold = Style::new().bold();
    format!(
        "{}:{}:{}: {} {} {}",
        p.paint(bold, &f.path),
        f.start.line,
        f.start.column,
        p.paint(bold, &f.rule),
        p.paint(level_style(f.level), &format!("[{}]", f.level)),
        f.message
    )
}

/// Write full diagnostics and the summary.
///
/// # Errors
/// Write errors.
pub fn write_text(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let p = Painter { color };
    let dim = Style::new().fg_color(Some(AnsiColor::Blue.into())).bold();
    for f in &report.findings {
        writeln!(out, "{}", headline(f, &p))?;
        let number = f.start.line.to_string();
        let gutter = " ".repeat(number.len());
        writeln!(out, "{} {}", gutter, p.paint(dim, "|"))?;
        writeln!(
            out,
            "{} {} {}",
            p.paint(dim, &number),
            p.paint(dim, "|"),
            f.snippet
        )?;
        let prefix: String = f
            .snippet
            .chars()
            .take(f.start.column as usize - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let available = f
            .snippet
            .chars()
            .count()
            .saturating_sub(f.start.column as usize - 1)
            .max(1);
        let width = if f.end.line == f.start.line {
            (f.end.column - f.start.column) as usize
        } else {
            available
        };
        let carets = "^".repeat(width.clamp(1, available));
        writeln!(
            out,
            "{} {} {}{}",
            gutter,
            p.paint(dim, "|"),
            prefix,
            p.paint(level_style(f.level), &carets)
        )?;
        writeln!(
            out,
            "{} {} fix: {}",
            gutter,
            p.paint(dim, "="),
            f.suggestion
        )?;
        if let Some(fix) = &f.fix {
            let edit = &fix.edits[0];
            writeln!(
                out,
                "{} {} suggested edit ({}): {} → `{}`",
                gutter,
                p.paint(dim, "="),
                fix.applicability.as_str(),
                fix.title,
                edit.content
            )?;
        }
        writeln!(out)?;
    }
    write_summary(report, out, &p)
}

fn write_summary(report: &Report, out: &mut dyn Write, p: &Painter) -> io::Result<()> {
    let s = Summary::of(report);
    let scanned = report.stats.files_scanned;
    let files = if scanned == 1 { "file" } else { "files" };
    // Say what was not read, so a sweep never looks more complete than it was.
    let st = &report.stats;
    let errors = report.notices.iter().filter(|n| n.error).count();
    let skipped: Vec<String> = [
        (st.skipped_binary, "binary"),
        (st.skipped_large, "over the size limit"),
        (u64::try_from(errors).unwrap_or(u64::MAX), "unreadable"),
    ]
    .into_iter()
    .filter(|&(n, _)| n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let mut skipped = if skipped.is_empty() {
        String::new()
    } else {
        format!("; skipped: {}", skipped.join(", "))
    };
    if st.suppressed > 0 {
        let _ = write!(skipped, "; {} suppressed inline", st.suppressed);
    }
    if st.baselined > 0 {
        let _ = write!(skipped, "; {} in the baseline", st.baselined);
    }
    if report.findings.is_empty() {
        writeln!(out, "No findings ({scanned} {files} scanned{skipped}).")?;
        return Ok(());
    }
    for (id, count) in &s.by_rule {
        let name = report.catalog.get(id).map_or("", |r| r.name.as_str());
        writeln!(
            out,
            "{:>6}  {}  {}",
            count,
            p.paint(Style::new().bold(), id),
            name
        )?;
    }
    let levels: Vec<String> = [Level::Error, Level::Warning, Level::Note]
        .into_iter()
        .filter_map(|l| {
            s.by_level
                .get(&l)
                .map(|n| format!("{n} {}", plural(*n, l.as_str())))
        })
        .collect();
    let total = report.findings.len();
    writeln!(
        out,
        "Found {total} {} ({}) in {} {} ({scanned} {files} scanned{skipped}).",
        plural(total, "finding"),
        levels.join(", "),
        s.files,
        plural(s.files, "file")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}
