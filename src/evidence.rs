//! Evidence tiers: is a credential value a literal secret, a reference to one, or a
//! placeholder? The tier sets a finding's level ("severity follows evidence").
//!
//! It looks only at the value's own text (and the file's language, to tell a bare identifier in
//! code from an unquoted scalar in config). It does not resolve variables.

use crate::lang::Lang;

/// How strongly a value shows a real, committed secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// A real-looking value written into the file.
    Literal,
    /// A lookup: environment variable, template variable, secret store, code variable.
    Reference,
    /// Empty, `<password>`, `YOUR_TOKEN`, `xxxx`, `***`, `changeme`, prose.
    Placeholder,
}

/// Classify a captured value (quotes included, if the source had them).
#[must_use]
pub fn classify(raw: &str, lang: Lang) -> Evidence {
    let trimmed = raw.trim().trim_end_matches([',', ';']).trim();
    let (inner, quoted) = unquote(trimmed);
    let inner = inner.trim();
    if inner.is_empty() {
        return Evidence::Placeholder;
    }
    if is_reference(inner, quoted, lang) {
        return Evidence::Reference;
    }
    if is_placeholder(inner) {
        return Evidence::Placeholder;
    }
    Evidence::Literal
}

fn unquote(s: &str) -> (&str, bool) {
    // Python/JS string prefixes: f"…", r'…', b"…", @"…" (C#), $"…" (C# interpolation).
    let body = s.trim_start_matches(['f', 'r', 'b', 'u', 'F', 'R', 'B', 'U', '@', '$']);
    for q in ['"', '\'', '`'] {
        if body.len() >= 2 && body.starts_with(q) && body.ends_with(q) {
            return (&body[1..body.len() - 1], true);
        }
    }
    (s, false)
}

const REFERENCE_MARKERS: &[&str] = &[
    "${",
    "{{",
    "#{",
    "$(",
    "os.environ",
    "getenv",
    "process.env",
    "system.getenv",
    "environment.getenvironmentvariable",
    "env[",
    "env.fetch",
    "env(",
    "env:",
    "config(",
    "config[",
    "configuration[",
    "secrets.",
    "secret(",
    "vault",
    "keyvault",
    "secretsmanager",
    "ssm:",
    "deno.env",
    "settings.",
    "credentials.",
    "!ref",
    "{!$credential",
    "getproperty(",
    "@value(",
    "props.",
    "args.",
    "options.",
    "opts.",
    "credentials(",
];

fn is_reference(inner: &str, quoted: bool, lang: Lang) -> bool {
    let lower = inner.to_ascii_lowercase();
    if REFERENCE_MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // Shell / dotenv / YAML `$VAR`, Windows `%VAR%`, Python/C# interpolation `{var}`.
    if inner.starts_with('$') && inner.len() > 1 {
        return true;
    }
    // Terraform/HCL references: `var.x`, `local.x`, `data.…`, `module.…`.
    if lang == Lang::Hcl
        && !quoted
        && ["var.", "local.", "data.", "module."]
            .iter()
            .any(|p| lower.starts_with(p))
    {
        return true;
    }
    if inner.len() > 2 && inner.starts_with('%') && inner.ends_with('%') {
        return true;
    }
    if is_format_slot(inner) {
        return true;
    }
    if quoted && inner.starts_with('{') && inner.ends_with('}') {
        return true;
    }
    // In code an unquoted value is an expression: a variable, a field, a call. Shell,
    // PowerShell and HTTP files mark variables with `$`/`{{`, so a bare word there is text.
    if !quoted
        && lang.group() == "code"
        && !matches!(lang, Lang::Http | Lang::Shell | Lang::PowerShell)
    {
        return true;
    }
    false
}

/// A printf or format slot (`%s`, `%-10d`, `%(password)s`, `{}`, `{0}`, `{password}`): the
/// value is filled in from a variable when the string is formatted.
fn is_format_slot(inner: &str) -> bool {
    if let Some(spec) = inner.strip_prefix('%') {
        let spec = match spec.strip_prefix('(') {
            Some(named) => match named.split_once(')') {
                Some((name, rest)) if name.chars().all(|c| c.is_alphanumeric() || c == '_') => rest,
                _ => return false,
            },
            None => spec,
        };
        return spec.len() <= 8
            && spec.ends_with(['s', 'd', 'v', 'q', 'i', 'r'])
            && spec[..spec.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit() || "-+ #.".contains(c));
    }
    inner
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .is_some_and(|name| {
            name.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ':')
        })
}

const PLACEHOLDER_WORDS: &[&str] = &[
    "your",
    "changeme",
    "change_me",
    "change-me",
    "placeholder",
    "example",
    "dummy",
    "redacted",
    "todo",
    "fixme",
    "replace",
    "insert",
    "enter_",
    "here",
    "<",
    "***",
    "...",
    "…",
    "sample",
    "fake",
    "secret_value",
    "mypassword",
    "my_password",
    "mytoken",
    "my_token",
    "foobar",
];

const PLACEHOLDER_EXACT: &[&str] = &[
    "none",
    "null",
    "nil",
    "undefined",
    "password",
    "passwd",
    "pass",
    "pwd",
    "secret",
    "token",
    "securitytoken",
    "security_token",
    "test",
    "xxx",
    "abc",
    "abc123",
    "123456",
    "true",
    "false",
    "string",
    "str",
    "value",
    "client_secret",
    "clientsecret",
];

fn is_placeholder(inner: &str) -> bool {
    let lower = inner.to_ascii_lowercase();
    if PLACEHOLDER_EXACT.contains(&lower.as_str()) {
        return true;
    }
    if PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    // xxxx, ****, 0000: one character repeated.
    let mut chars = lower.chars();
    let first = chars.next().unwrap_or('x');
    if lower.chars().count() >= 3 && lower.chars().all(|c| c == first) {
        return true;
    }
    if lower.contains("xxx") {
        return true;
    }
    // Prose: three or more words.
    inner.split_whitespace().count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers() {
        use Evidence::*;
        let cases = [
            ("\"Tr0ub4dor&3xyz\"", Lang::Python, Literal),
            ("'aB3dE5gH7jK9mN1pQ3sT5vW7'", Lang::Java, Literal),
            ("hunter2secret", Lang::Properties, Literal),
            ("os.environ['SF_PASSWORD']", Lang::Python, Reference),
            ("process.env.SF_TOKEN", Lang::JavaScript, Reference),
            ("password", Lang::Java, Reference),
            ("${SF_PASSWORD}", Lang::Yaml, Reference),
            ("\"{{sf_password}}\"", Lang::Json, Reference),
            ("$SF_PASSWORD", Lang::Shell, Reference),
            ("%s", Lang::Text, Reference),
            ("%(password)s", Lang::Text, Reference),
            ("{0}", Lang::Text, Reference),
            ("%sx", Lang::Text, Literal),
            ("Tr0ub4dor99", Lang::Shell, Literal),
            ("var.sf_password", Lang::Hcl, Reference),
            ("credentials('sf-password')", Lang::Text, Reference),
            ("f\"{password}\"", Lang::Python, Reference),
            ("\"<your password>\"", Lang::Python, Placeholder),
            ("YOUR_SECURITY_TOKEN", Lang::Dotenv, Placeholder),
            ("XXXXXXXXXX", Lang::Properties, Placeholder),
            ("''", Lang::Python, Placeholder),
            ("changeme", Lang::Yaml, Placeholder),
            ("\"password\"", Lang::Python, Placeholder),
        ];
        for (raw, lang, want) in cases {
            assert_eq!(classify(raw, lang), want, "{raw}");
        }
    }
}
