//! Fenced code blocks in Markdown: where they are and which language their info string names
//! (```` ```python ````, ```` ```yaml ````), so each can go through its own front-end.
//!
//! It only finds fences (three backticks or tildes, indented at most three spaces, closed by
//! the same fence or the end of the file); it does not parse Markdown otherwise.

use crate::lang::Lang;
use std::ops::Range;

/// One fenced block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fence {
    /// The lines between the fences.
    pub body: Range<usize>,
    /// The language its info string names, if authlint knows it.
    pub lang: Option<Lang>,
}

/// The fenced blocks of `text`, in order.
#[must_use]
pub fn fences(text: &str) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str, Option<Lang>)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let fence = ["```", "~~~"]
            .into_iter()
            .find(|f| trimmed.starts_with(f) && line.len() - trimmed.len() <= 3);
        match (open, fence) {
            (None, Some(f)) => {
                let info = trimmed.trim_start_matches(f.as_bytes()[0] as char).trim();
                open = Some((offset + line.len(), f, info_lang(info)));
            }
            (Some((start, f, lang)), Some(g)) if f == g => {
                out.push(Fence {
                    body: start..offset,
                    lang,
                });
                open = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((start, _, lang)) = open {
        out.push(Fence {
            body: start..text.len(),
            lang,
        });
    }
    out
}

/// The language an info string names: its first word (`python title="x"`), by the names and
/// extensions people write.
fn info_lang(info: &str) -> Option<Lang> {
    let word = info
        .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()
        .unwrap_or_default()
        .trim_start_matches('.')
        .to_ascii_lowercase();
    Some(match word.as_str() {
        "python" | "py" | "python3" => Lang::Python,
        "java" => Lang::Java,
        "javascript" | "js" | "jsx" | "mjs" | "cjs" | "node" => Lang::JavaScript,
        "typescript" | "ts" | "tsx" => Lang::TypeScript,
        "json" | "jsonc" | "json5" => Lang::Json,
        "yaml" | "yml" => Lang::Yaml,
        "xml" => Lang::Xml,
        "properties" | "props" => Lang::Properties,
        "env" | "dotenv" => Lang::Dotenv,
        "c#" | "cs" => Lang::CSharp,
        "golang" => Lang::Go,
        "pwsh" | "ps" => Lang::PowerShell,
        other => return Lang::from_name(other).or_else(|| crate::lang::by_extension(other)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_with_their_languages() {
        let md = "Intro grant_type=password\n```python title=\"a\"\nx = 1\n```\n~~~\nplain\n~~~\n  ```yml\nk: v\n";
        let f = fences(md);
        assert_eq!(f.len(), 3);
        assert_eq!(
            (&md[f[0].body.clone()], f[0].lang),
            ("x = 1\n", Some(Lang::Python))
        );
        assert_eq!((&md[f[1].body.clone()], f[1].lang), ("plain\n", None));
        assert_eq!(
            (&md[f[2].body.clone()], f[2].lang),
            ("k: v\n", Some(Lang::Yaml))
        );
    }

    #[test]
    fn info_strings_name_languages_by_name_alias_or_extension() {
        for (info, lang) in [
            ("bash", Lang::Shell),
            ("sh", Lang::Shell),
            ("c#", Lang::CSharp),
            ("csharp", Lang::CSharp),
            ("kotlin", Lang::Kotlin),
            ("kt", Lang::Kotlin),
            ("scala", Lang::Scala),
            ("apex", Lang::Apex),
            ("golang", Lang::Go),
            ("rb", Lang::Ruby),
            ("powershell", Lang::PowerShell),
            ("http", Lang::Http),
        ] {
            assert_eq!(info_lang(info), Some(lang), "{info}");
        }
        assert_eq!(info_lang("text"), Some(Lang::Text));
        assert_eq!(info_lang("mermaid"), None);
    }
}
