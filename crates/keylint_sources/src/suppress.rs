//! Inline suppressions: `# keylint:ignore <rule>[,<rule>...] [until=YYYY-MM-DD] -- <reason>`
//! (also `//`), on the line above a block or attribute, or at the end of its line.
//!
//! Skips written for other scanners are read too, so teams switching tools keep their
//! accepted risks: `#checkov:skip=CKV_AWS_7:reason` applies to the block it sits in (as
//! checkov reads it), `#trivy:ignore:AVD-AWS-0065[:exp:YYYY-MM-DD]` and
//! `#tfsec:ignore:<id>` to the next block or attribute, like keylint's own. The linter
//! maps their ids to keylint rules through each rule's `@checkov` and `@trivy` metadata.

use hcl_edit::Span as _;
use hcl_edit::structure::{Body, Structure};
use keylint_model::Loc;

use crate::{Suppression, SuppressionKind};

/// Marker, its kind, and the name findings about the comment show.
const MARKERS: &[(&str, SuppressionKind, &str)] = &[
    ("keylint:ignore", SuppressionKind::Keylint, "keylint:ignore"),
    ("checkov:skip=", SuppressionKind::Checkov, "checkov:skip"),
    (
        "bridgecrew:skip=",
        SuppressionKind::Checkov,
        "bridgecrew:skip",
    ),
    ("trivy:ignore:", SuppressionKind::Trivy, "trivy:ignore"),
    ("tfsec:ignore:", SuppressionKind::Trivy, "tfsec:ignore"),
];

/// One directive read from a comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: SuppressionKind,
    pub marker: &'static str,
    pub rules: Vec<String>,
    pub reason: Option<String>,
    pub until: Option<String>,
}

/// Parse the text after `keylint:ignore`: rule ids and an optional `until=DATE`, then an
/// optional `-- reason` (an `until=DATE` word in the reason counts too).
#[must_use]
pub fn parse_directive(rest: &str) -> Directive {
    let (head, why) = match rest.split_once("--") {
        Some((r, why)) => (r, Some(why)),
        None => (rest, None),
    };
    let mut until = None;
    let mut rules = Vec::new();
    for word in head.split([',', ' ', '\t']).map(str::trim) {
        if let Some(date) = word.strip_prefix("until=") {
            until = Some(date.to_owned());
        } else if !word.is_empty() {
            rules.push(word.to_owned());
        }
    }
    let reason = why.and_then(|why| {
        let words: Vec<&str> = why
            .split_whitespace()
            .filter(|w| match w.strip_prefix("until=") {
                Some(date) => {
                    until = Some(date.to_owned());
                    false
                }
                None => true,
            })
            .collect();
        Some(words.join(" ")).filter(|w| !w.is_empty())
    });
    Directive {
        kind: SuppressionKind::Keylint,
        marker: "keylint:ignore",
        rules,
        reason,
        until,
    }
}

/// Parse the text after a peer tool's marker: `CKV_AWS_7:reason` (checkov), or
/// `AVD-AWS-0065:exp:2025-01-31` (trivy and tfsec; `*` is every check).
fn parse_peer(kind: SuppressionKind, marker: &'static str, rest: &str) -> Directive {
    let id_end = rest
        .find(|c: char| c.is_whitespace() || c == ':' || c == '[')
        .unwrap_or(rest.len());
    let id = rest.get(..id_end).unwrap_or("");
    let tail = rest.get(id_end..).unwrap_or("");
    let (reason, until) = match kind {
        SuppressionKind::Checkov => (
            tail.strip_prefix(':')
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty()),
            None,
        ),
        _ => (
            None,
            tail.strip_prefix(":exp:").map(|d| {
                d.split(|c: char| c.is_whitespace() || c == '[')
                    .next()
                    .unwrap_or("")
                    .to_owned()
            }),
        ),
    };
    let id = if id == "*" { "all" } else { id };
    Directive {
        kind,
        marker,
        rules: if id.is_empty() {
            Vec::new()
        } else {
            vec![id.to_owned()]
        },
        reason,
        until,
    }
}

/// The directives in one line, each with its byte offset in the line (the comment start).
fn line_directives(line: &str) -> Vec<(usize, usize, Directive)> {
    let mut out = Vec::new();
    let mut found: Vec<(usize, &str, SuppressionKind, &'static str)> = Vec::new();
    for (marker, kind, label) in MARKERS {
        found.extend(
            line.match_indices(marker)
                .map(|(i, m)| (i, m, *kind, *label)),
        );
    }
    found.sort_by_key(|f| f.0);
    for (n, (pos, marker, kind, label)) in found.iter().enumerate() {
        let before = line.get(..*pos).unwrap_or("").trim_end();
        let comment_start = if let Some(c) = before.strip_suffix('#') {
            c.len()
        } else if let Some(c) = before.strip_suffix("//") {
            c.len()
        } else {
            continue;
        };
        // A directive runs to the next directive on the line, or to the end.
        let end = found
            .get(n + 1)
            .map_or(line.len(), |next| next.0)
            .max(pos + marker.len());
        let rest = line.get(pos + marker.len()..end).unwrap_or("");
        let rest = rest.trim_end_matches(['#', '/', ' ', '\t']);
        let directive = match kind {
            SuppressionKind::Keylint => parse_directive(rest),
            _ => parse_peer(*kind, label, rest),
        };
        out.push((comment_start, end, directive));
    }
    out
}

/// Where markers that follow a comment start (`#` or `//`, then only whitespace) begin in
/// `text`, in order: the only markers [`line_directives`] reads, so every line holding a
/// directive holds one of these. The text is searched once for `#` and `/` (a byte
/// search), not once per marker with a substring search: those five searches, a line
/// index and a list of every line were most of the scan, a twentieth of linting a large
/// file in the browser.
fn marker_offsets(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'#', b'/', bytes)
        .filter_map(|at| {
            let after = match bytes.get(at..)? {
                [b'#', ..] => at + 1,
                [b'/', b'/', ..] => at + 2,
                _ => return None,
            };
            let rest = text.get(after..)?;
            let trimmed = rest.trim_start_matches(|c: char| c != '\n' && c.is_whitespace());
            let start = after + (rest.len() - trimmed.len());
            MARKERS
                .iter()
                .any(|(m, _, _)| trimmed.starts_with(m))
                .then_some(start)
        })
        .collect()
}

/// The line holding `offset` (without its line break, as `text.split('\n')` gives it)
/// and where it starts.
fn line_around(text: &str, offset: usize) -> (usize, &str) {
    let bytes = text.as_bytes();
    let start =
        memchr::memrchr(b'\n', bytes.get(..offset).unwrap_or_default()).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', bytes.get(offset..).unwrap_or_default())
        .map_or(text.len(), |i| offset + i);
    (start, text.get(start..end).unwrap_or_default())
}

/// Find suppression comments in an HCL file and the structure each applies to.
#[must_use]
pub fn scan(text: &str, file: u32, body: &Body) -> Vec<Suppression> {
    // Where the markers are, found once in the whole text: only their lines are read
    // (no marker spans a line break). Searching every line for every marker cost a
    // sixth of linting a large file that holds one marker.
    let mut out = Vec::new();
    let mut last = None;
    for mark in marker_offsets(text) {
        let (line_start, line) = line_around(text, mark);
        if last == Some(line_start) {
            continue;
        }
        last = Some(line_start);
        let line_end = line_start + line.len();
        let line = line.trim_end_matches('\r');
        for (comment_start, end, d) in line_directives(line) {
            let code = line.get(..comment_start).unwrap_or("");
            let comment = Loc::new(file, line_start + comment_start..line_start + end);
            // The target line, from its start to the start of the next (or the end): this
            // line if code precedes the comment, else the next code line.
            let target_line = if code.trim().is_empty() {
                next_code_line(text, line_end)
            } else {
                Some((line_start, line_end))
            }
            .map(|(start, end)| (start, (end + 1).min(text.len())));
            let enclosing = if d.kind == SuppressionKind::Checkov {
                enclosing_block(body, line_start + comment_start)
            } else {
                None
            };
            let target = enclosing
                .or_else(|| {
                    target_line
                        .map(|(start, end)| structure_at(body, start, end).unwrap_or(start..end))
                })
                .map_or(comment, |r| Loc::new(file, r.start..r.end));
            out.push(Suppression {
                loc: comment,
                kind: d.kind,
                marker: d.marker,
                rules: d.rules,
                reason: d.reason,
                until: d.until,
                target,
            });
        }
    }
    out
}

/// The first line after the line break at `from` (the end of a line) that is neither
/// blank nor a comment: its start and end (before its line break).
fn next_code_line(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut start = from.checked_add(1)?;
    while start <= text.len() {
        let (_, line) = line_around(text, start);
        let t = line.trim();
        if !t.is_empty() && !t.starts_with('#') && !t.starts_with("//") {
            return Some((start, start + line.len()));
        }
        start += line.len() + 1;
    }
    None
}

/// The top-level block containing `offset` (checkov reads a skip anywhere in a resource).
fn enclosing_block(body: &Body, offset: usize) -> Option<std::ops::Range<usize>> {
    body.iter().find_map(|s| match s {
        Structure::Block(b) => b.span().filter(|r| r.start < offset && offset < r.end),
        Structure::Attribute(_) => None,
    })
}

/// The outermost attribute or block starting within `[start, end)`, searched at every
/// depth, or the smallest one containing the range.
fn structure_at(body: &Body, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    for s in body.iter() {
        let span = match s {
            Structure::Attribute(a) => a.span(),
            Structure::Block(b) => b.span(),
        };
        let Some(span) = span else { continue };
        if span.start >= start && span.start < end {
            return Some(span);
        }
        if let Structure::Block(b) = s
            && span.start < start
            && span.end > start
            && let Some(inner) = structure_at(&b.body, start, end)
        {
            return Some(inner);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        let d = parse_directive(" a,b -- because");
        assert_eq!(d.rules, vec!["a".to_owned(), "b".to_owned()]);
        assert_eq!(d.reason.as_deref(), Some("because"));
        assert_eq!(d.until, None);
        let d = parse_directive(" a");
        assert_eq!((d.rules.len(), d.reason), (1, None));
        assert_eq!(parse_directive(" a --  ").reason, None);
        let d = parse_directive(" a until=2027-01-31 -- accepted");
        assert_eq!(d.rules, vec!["a".to_owned()]);
        assert_eq!(d.until.as_deref(), Some("2027-01-31"));
        let d = parse_directive(" a -- accepted until=2027-01-31 by risk board");
        assert_eq!(d.reason.as_deref(), Some("accepted by risk board"));
        assert_eq!(d.until.as_deref(), Some("2027-01-31"));
    }

    #[test]
    fn peer_directives() {
        let all = line_directives(
            "  x = 1 #tfsec:ignore:aws-kms-auto-rotate-keys:exp:2025-01-02 #trivy:ignore:AVD-AWS-0065",
        );
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].2.kind, SuppressionKind::Trivy);
        assert_eq!(all[0].2.rules, vec!["aws-kms-auto-rotate-keys".to_owned()]);
        assert_eq!(all[0].2.until.as_deref(), Some("2025-01-02"));
        assert_eq!(all[1].2.rules, vec!["AVD-AWS-0065".to_owned()]);
        assert_eq!(all[1].2.until, None);
        let c = line_directives("  # checkov:skip=CKV_AWS_7: rotation is manual");
        assert_eq!(c[0].2.kind, SuppressionKind::Checkov);
        assert_eq!(c[0].2.rules, vec!["CKV_AWS_7".to_owned()]);
        assert_eq!(c[0].2.reason.as_deref(), Some("rotation is manual"));
        assert!(line_directives("  description = \"see checkov:skip=CKV_AWS_7\"").is_empty());
        assert_eq!(
            line_directives("#trivy:ignore:*")[0].2.rules,
            vec!["all".to_owned()]
        );
    }

    #[test]
    fn targets_the_next_block_or_the_same_line() {
        let text =
            "# keylint:ignore r1 -- ok\nresource \"a\" \"b\" {\n  x = 1 # keylint:ignore r2\n}\n";
        let body = hcl_edit::parser::parse_body(text).unwrap();
        let s = scan(text, 0, &body);
        assert_eq!(s.len(), 2);
        assert!(text[s[0].target.range()].starts_with("resource"));
        assert_eq!(&text[s[1].target.range()], "x = 1");
        assert_eq!(s[1].reason, None);
    }

    /// The scan as it was before it searched from the comment starts (every marker
    /// searched in the whole text, a line index and every line listed): the reference
    /// [`scan`] is checked against.
    fn scan_reference(text: &str, file: u32, body: &Body) -> Vec<Suppression> {
        let mut marks: Vec<usize> = MARKERS
            .iter()
            .flat_map(|(m, _, _)| text.match_indices(m).map(|(i, _)| i))
            .collect();
        if marks.is_empty() {
            return Vec::new();
        }
        marks.sort_unstable();
        let mut marks = marks.into_iter().peekable();
        let mut out = Vec::new();
        let index = keylint_model::LineIndex::new(text);
        let mut offset = 0usize;
        let lines: Vec<&str> = text.split('\n').collect();
        for (i, line) in lines.iter().enumerate() {
            let line_start = offset;
            offset += line.len() + 1;
            if marks.next_if(|&m| m < offset).is_none() {
                continue;
            }
            while marks.next_if(|&m| m < offset).is_some() {}
            let line = line.trim_end_matches('\r');
            if !line.bytes().any(|b| b == b'#' || b == b'/') {
                continue;
            }
            for (comment_start, end, d) in line_directives(line) {
                let code = line.get(..comment_start).unwrap_or("");
                let comment = Loc::new(file, line_start + comment_start..line_start + end);
                let target_line = if code.trim().is_empty() {
                    (i + 1..lines.len()).find(|&j| {
                        let t = lines.get(j).map_or("", |l| l.trim());
                        !t.is_empty() && !t.starts_with('#') && !t.starts_with("//")
                    })
                } else {
                    Some(i)
                };
                let enclosing = if d.kind == SuppressionKind::Checkov {
                    enclosing_block(body, line_start + comment_start)
                } else {
                    None
                };
                let target = enclosing
                    .or_else(|| {
                        target_line.and_then(|l| {
                            let start = index.line_start(l + 1)?;
                            let end = index.line_start(l + 2).unwrap_or(text.len());
                            Some(structure_at(body, start, end).unwrap_or(start..end))
                        })
                    })
                    .map_or(comment, |r| Loc::new(file, r.start..r.end));
                out.push(Suppression {
                    loc: comment,
                    kind: d.kind,
                    marker: d.marker,
                    rules: d.rules,
                    reason: d.reason,
                    until: d.until,
                    target,
                });
            }
        }
        out
    }

    #[test]
    fn the_scan_finds_what_the_reference_finds() {
        // Lines with and without directives, comments, blank lines, code, CRLF endings,
        // markers in strings and after other text, odd whitespace and slashes.
        const PIECES: &[&str] = &[
            "# keylint:ignore aws-kms-rotation-disabled -- ok",
            "  x = 1 # keylint:ignore r2 until=2027-01-01",
            "//keylint:ignore r3",
            "/// keylint:ignore r4",
            "#\t\u{a0}trivy:ignore:AVD-AWS-0065:exp:2025-01-02",
            "  #checkov:skip=CKV_AWS_7:manual",
            "# bridgecrew:skip=CKV_AWS_33 # tfsec:ignore:x keylint:ignore y",
            "  description = \"# keylint:ignore in a string\"",
            "  description = \"checkov:skip=CKV_AWS_7 without a comment\"",
            "# a comment keylint:ignore after words",
            "# keylint:",
            "/ keylint:ignore one slash",
            "resource \"aws_kms_key\" \"k\" {",
            "}",
            "  enable_key_rotation = false",
            "",
            "   ",
            "# just a comment",
            "// another",
            "  policy = <<EOF\n{\"a\": \"arn:aws:kms:*\"}\nEOF",
            "#keylint:ignore r5\r",
            "  y = \"caf\u{e9} \u{1f511}\" # keylint:ignore r6",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap()
        };
        let mut texts: Vec<String> = Vec::new();
        for _ in 0..3000 {
            let lines = 1 + next(12);
            let mut t = String::new();
            for i in 0..lines {
                if i > 0 {
                    t.push(if next(8) == 0 { '\r' } else { '\n' });
                    if t.ends_with('\r') {
                        t.push('\n');
                    }
                }
                t.push_str(PIECES[next(PIECES.len())]);
            }
            if next(2) == 0 {
                t.push('\n');
            }
            texts.push(t);
        }
        for dir in ["samples", "policies"] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../..")
                .join(dir);
            let mut stack = vec![root];
            while let Some(d) = stack.pop() {
                for entry in std::fs::read_dir(&d).unwrap() {
                    let p = entry.unwrap().path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|e| e == "tf" || e == "hcl") {
                        texts.push(std::fs::read_to_string(&p).unwrap());
                    }
                }
            }
        }
        let mut found = 0;
        for text in &texts {
            let body = hcl_edit::parser::parse_body(text).unwrap_or_default();
            let got = scan(text, 0, &body);
            assert_eq!(got, scan_reference(text, 0, &body), "{text:?}");
            found += got.len();
        }
        assert!(found > 3000, "{found}");
    }

    #[test]
    fn checkov_skips_cover_their_resource() {
        let text = "resource \"a\" \"b\" {\n  #checkov:skip=CKV_AWS_7:manual\n  x = 1\n}\n";
        let body = hcl_edit::parser::parse_body(text).unwrap();
        let s = scan(text, 0, &body);
        assert!(text[s[0].target.range()].starts_with("resource"));
        assert!(text[s[0].target.range()].ends_with('}'));
    }
}
