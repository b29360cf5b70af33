//! Fact detectors: finds the facts a detector asks for (`over = "strings" | "pairs" |
//! "calls" | "urls"`) and turns each into a `Candidate` in source coordinates, with its groups and their
//! evidence.
//!
//! It does not apply `unless`, `when`, context, levels or messages; `matcher` does that for
//! every kind of detector alike. It knows no language: only facts.

use crate::evidence::{Evidence, classify};
use crate::facts::{Facts, Folded, Value};
use crate::lang::Lang;
use crate::matcher::{Candidate, Group, SourceFile, snap};
use crate::rule::{Detector, Over};
use std::ops::Range;

/// The candidates of `det` among `facts`, in source order.
#[must_use]
pub fn candidates(det: &Detector, facts: &Facts, file: &SourceFile<'_>) -> Vec<Candidate> {
    let mut out = Vec::new();
    match det.over {
        Over::Text => {}
        Over::Strings => strings(det, facts, file, &mut out),
        Over::Pairs => pairs(det, facts, file, &mut out),
        Over::Calls => calls(det, facts, file, &mut out),
        Over::Urls => urls(det, facts, file, &mut out),
    }
    out
}

/// How strongly a value shows a real secret: a folded literal by its text, a string built
/// from variables as a reference, anything else by its source.
#[must_use]
pub fn value_evidence(value: &Value, file: &SourceFile<'_>) -> Evidence {
    match &value.folded {
        Some(f) if f.holes.is_empty() => classify(&f.text, Lang::Text),
        Some(_) => Evidence::Reference,
        None => classify(
            &file.code[value.span.clone()],
            file.lang_at(value.span.start),
        ),
    }
}

/// Where to report a value: its literal text when that is written at the use site, else the
/// whole expression (a constant defined elsewhere is reported where it is used).
fn value_span(value: &Value) -> Range<usize> {
    value
        .folded
        .as_ref()
        .and_then(|f| f.source_range(&(0..f.text.len())))
        .filter(|r| r.start >= value.span.start && r.end <= value.span.end && !r.is_empty())
        .unwrap_or_else(|| value.span.clone())
}

/// A group for a whole value.
fn value_group(value: &Value, file: &SourceFile<'_>) -> Group {
    let range = value
        .folded
        .as_ref()
        .and_then(|f| f.source_range(&(0..f.text.len())))
        .unwrap_or_else(|| value.span.clone());
    Group {
        name: "value".into(),
        range: snap(file.text, range),
        text: value.text(file.code).trim().to_owned(),
        evidence: Some(value_evidence(value, file)),
    }
}

fn strings(det: &Detector, facts: &Facts, file: &SourceFile<'_>, out: &mut Vec<Candidate>) {
    let Some(regex) = det.regex.get() else {
        return;
    };
    for fact in &facts.strings {
        let Some(folded) = &fact.value.folded else {
            continue;
        };
        for caps in regex.captures_iter(folded.text.as_bytes()) {
            let whole = caps.get(0).expect("group 0");
            if whole.is_empty() {
                continue;
            }
            let reported = caps.name("match").map_or(whole.range(), |m| m.range());
            let span = source_within(folded, &reported, &fact.value.span);
            let mut groups = vec![Group {
                name: "match".into(),
                range: span.clone(),
                text: text_at(folded, &reported),
                evidence: None,
            }];
            for (name, index) in det.regex.names() {
                let Some(m) = caps.get(*index).filter(|_| name != "match") else {
                    continue;
                };
                let r = m.range();
                let evidence = if folded.touches_hole(&r) {
                    Evidence::Reference
                } else {
                    classify(&text_at(folded, &r), Lang::Text)
                };
                groups.push(Group {
                    name: name.clone(),
                    range: snap(
                        file.text,
                        folded.source_range(&r).unwrap_or_else(|| span.clone()),
                    ),
                    text: text_at(folded, &r),
                    evidence: Some(evidence),
                });
            }
            push(
                det,
                Candidate {
                    whole: fact.value.span.clone(),
                    matched: text_at(folded, &whole.range()),
                    span,
                    groups,
                },
                out,
            );
        }
    }
}

/// Keep `cand`. When the detector's evidence group is absent (no password next to the
/// grant, say), the value is not visible in the file, which counts like a reference: the
/// level drops by one, as for `password=os.environ[...]`.
fn push(det: &Detector, mut cand: Candidate, out: &mut Vec<Candidate>) {
    if let Some(name) = &det.value_group
        && !cand.groups.iter().any(|g| &g.name == name)
    {
        cand.groups.push(Group {
            name: name.clone(),
            range: cand.span.clone(),
            text: String::new(),
            evidence: Some(Evidence::Reference),
        });
    }
    out.push(cand);
}

/// The text of `range` of a folded string, on character boundaries.
fn text_at(folded: &Folded, range: &Range<usize>) -> String {
    folded.text[snap(&folded.text, range.clone())]
        .trim()
        .to_owned()
}

/// The source range of `range` when it lies inside `within`, else `within`.
fn source_within(folded: &Folded, range: &Range<usize>, within: &Range<usize>) -> Range<usize> {
    folded
        .source_range(range)
        .map_or_else(|| within.clone(), |r| inside(&r, within))
}

/// `range` when it lies inside `within` (a fact written at its use), else `within` (it comes
/// from a constant defined elsewhere: report where it is used).
fn inside(range: &Range<usize>, within: &Range<usize>) -> Range<usize> {
    if range.start >= within.start && range.end <= within.end && !range.is_empty() {
        range.clone()
    } else {
        within.clone()
    }
}

fn pairs(det: &Detector, facts: &Facts, file: &SourceFile<'_>, out: &mut Vec<Candidate>) {
    let q = &det.query;
    for (index, pair) in facts.pairs.iter().enumerate() {
        // A pair seen through a name (`params=params`) differs from the pair itself only in
        // its path, so only detectors that look at paths see it (no finding twice).
        if pair.used_at.is_some() && q.path.is_none() {
            continue;
        }
        let text = pair.value.text(file.code);
        if !q.key.as_ref().is_none_or(|re| re.is_match(&pair.key))
            || !q.path.as_ref().is_none_or(|re| re.is_match(&pair.path))
            || !q.value_matches.as_ref().is_none_or(|re| re.is_match(text))
        {
            continue;
        }
        if !q.has.is_empty() || !q.lacks.is_empty() {
            let siblings = || {
                facts
                    .pairs
                    .iter()
                    .enumerate()
                    .filter(|(i, s)| *i != index && s.parent == pair.parent)
            };
            if !q
                .has
                .iter()
                .all(|re| siblings().any(|(_, s)| re.is_match(&s.key)))
                || q.lacks
                    .iter()
                    .any(|re| siblings().any(|(_, s)| re.is_match(&s.key)))
            {
                continue;
            }
        }
        let with = match &q.with {
            None => None,
            Some(re) => {
                let sibling = facts.pairs.iter().enumerate().find(|(i, s)| {
                    *i != index
                        && s.parent == pair.parent
                        && re.is_match(&s.key)
                        && q.with_value
                            .as_ref()
                            .is_none_or(|v| v.is_match(s.value.text(file.code)))
                });
                if q.with_value.is_some() && sibling.is_none() {
                    continue;
                }
                sibling.map(|(_, sibling)| {
                    let mut group = value_group(&sibling.value, file);
                    group.name = "with".into();
                    group
                })
            }
        };
        let (span, start, end) = if let Some(at) = &pair.used_at {
            (at.clone(), at.start, at.end)
        } else {
            let mut span = value_span(&pair.value);
            if span.is_empty() {
                // Nothing assigned (`KEY=`): point at the key.
                span = pair.key_span.clone();
            }
            let start = pair.key_span.start.min(span.start);
            let end = pair.key_span.end.max(pair.value.span.end);
            (span, start, end)
        };
        let mut cand = Candidate {
            whole: start..end,
            matched: format!("{}={}", pair.path, text),
            span: span.clone(),
            groups: vec![
                Group {
                    name: "match".into(),
                    range: span,
                    text: text.trim().to_owned(),
                    evidence: None,
                },
                Group {
                    name: "key".into(),
                    range: pair.key_span.clone(),
                    text: pair.key.clone(),
                    evidence: None,
                },
                Group {
                    name: "path".into(),
                    range: pair.key_span.clone(),
                    text: pair.path.clone(),
                    evidence: None,
                },
                value_group(&pair.value, file),
            ],
        };
        cand.groups.extend(with);
        push(det, cand, out);
    }
}

fn calls(det: &Detector, facts: &Facts, file: &SourceFile<'_>, out: &mut Vec<Candidate>) {
    let q = &det.query;
    for call in &facts.calls {
        if !q.callee.as_ref().is_none_or(|re| re.is_match(&call.callee))
            || call.args.len() < q.min_args
            || q.max_args.is_some_and(|max| call.args.len() > max)
            || !q
                .arg
                .as_ref()
                .is_none_or(|re| call.args.iter().any(|a| re.is_match(a.text(file.code))))
            || !q
                .has
                .iter()
                .all(|re| call.named.iter().any(|(k, _)| re.is_match(k)))
            || q.lacks
                .iter()
                .any(|re| call.named.iter().any(|(k, _)| re.is_match(k)))
        {
            continue;
        }
        let mut groups = vec![
            Group {
                name: "match".into(),
                range: call.name_span.clone(),
                text: file.text[call.name_span.clone()].to_owned(),
                evidence: None,
            },
            Group {
                name: "callee".into(),
                range: call.name_span.clone(),
                text: call.callee.clone(),
                evidence: None,
            },
        ];
        let value = if let Some(re) = &q.value_arg {
            call.named
                .iter()
                .find(|(k, _)| re.is_match(k))
                .map(|(_, v)| v)
        } else {
            q.value_arg_index.and_then(|i| call.args.get(i))
        };
        let mut span = call.name_span.clone();
        if let Some(value) = value {
            let group = value_group(value, file);
            if q.at_value {
                span = group.range.clone();
                groups[0].range = span.clone();
                groups[0].text.clone_from(&group.text);
            }
            groups.push(group);
        }
        push(
            det,
            Candidate {
                whole: call.span.clone(),
                matched: call.callee.clone(),
                span,
                groups,
            },
            out,
        );
    }
}

fn urls(det: &Detector, facts: &Facts, file: &SourceFile<'_>, out: &mut Vec<Candidate>) {
    let q = &det.query;
    for url in &facts.urls {
        if !q.host.as_ref().is_none_or(|re| re.is_match(&url.host))
            || !q.url_path.as_ref().is_none_or(|re| re.is_match(&url.path))
        {
            continue;
        }
        let group = |name: &str, range: Range<usize>, text: &str, evidence| Group {
            name: name.into(),
            range: snap(file.text, range),
            text: text.to_owned(),
            evidence,
        };
        let base = vec![
            group("host", url.host_span.clone(), &url.host, None),
            group("path", url.host_span.clone(), &url.path, None),
        ];
        let here = |r: &Range<usize>| inside(r, &url.span);
        let mut emit = |span: Range<usize>, matched: String, groups: Vec<Group>| {
            let whole = url.span.clone();
            let cand = Candidate {
                whole,
                matched,
                span,
                groups,
            };
            push(det, cand, out);
        };
        let Some(re) = &q.query_key else {
            let mut groups = base;
            groups.push(group("match", here(&url.host_span), &url.host, None));
            emit(
                here(&url.host_span),
                format!("{}{}", url.host, url.path),
                groups,
            );
            continue;
        };
        for param in url.query.iter().filter(|p| re.is_match(&p.key)) {
            let evidence = if param.from_hole {
                Evidence::Reference
            } else {
                classify(&param.value, Lang::Text)
            };
            let mut groups = base.clone();
            groups.push(group("match", here(&param.key_span), &param.key, None));
            groups.push(group("key", param.key_span.clone(), &param.key, None));
            let value = param.value_span.clone();
            groups.push(group("value", value, &param.value, Some(evidence)));
            emit(
                here(&param.key_span),
                format!("{}={}", param.key, param.value),
                groups,
            );
        }
    }
}
