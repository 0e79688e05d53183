//! Inline suppressions: `# keylint:ignore <rule>[,<rule>...] -- <reason>` (also `//`),
//! on the line above a block or attribute, or at the end of its line.

use hcl_edit::Span as _;
use hcl_edit::structure::{Body, Structure};
use keylint_model::{LineIndex, Loc};

use crate::Suppression;

const MARKER: &str = "keylint:ignore";

/// Parse the text after the marker: rule ids, then an optional `-- reason`.
#[must_use]
pub fn parse_directive(rest: &str) -> (Vec<String>, Option<String>) {
    let (rules, reason) = match rest.split_once("--") {
        Some((r, why)) => (r, Some(why.trim().to_owned()).filter(|w| !w.is_empty())),
        None => (rest, None),
    };
    let rules = rules
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    (rules, reason)
}

/// Find suppression comments in an HCL file and the structure each applies to.
#[must_use]
pub fn scan(text: &str, file: u32, body: &Body) -> Vec<Suppression> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let index = LineIndex::new(text);
    let mut offset = 0usize;
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let line_start = offset;
        offset += line.len() + 1;
        let Some(pos) = line.find(MARKER) else {
            continue;
        };
        let before = line.get(..pos).unwrap_or("");
        let trimmed = before.trim_end();
        let (code, ok) = if let Some(c) = trimmed.strip_suffix('#') {
            (c, true)
        } else if let Some(c) = trimmed.strip_suffix("//") {
            (c, true)
        } else {
            ("", false)
        };
        if !ok {
            continue;
        }
        let rest = line
            .get(pos + MARKER.len()..)
            .unwrap_or("")
            .trim_end_matches('\r');
        let (rules, reason) = parse_directive(rest);
        let comment = Loc::new(
            file,
            line_start + trimmed.len() - 1..line_start + line.trim_end_matches('\r').len(),
        );
        // Target line (0-based): this line if code precedes the comment, else the next code line.
        let target_line = if code.trim().is_empty() {
            (i + 1..lines.len()).find(|&j| {
                let t = lines.get(j).map_or("", |l| l.trim());
                !t.is_empty() && !t.starts_with('#') && !t.starts_with("//")
            })
        } else {
            Some(i)
        };
        let target = target_line
            .and_then(|l| {
                let start = index.line_start(l + 1)?;
                let end = index.line_start(l + 2).unwrap_or(text.len());
                Some(structure_at(body, start, end).unwrap_or(start..end))
            })
            .map_or(comment, |r| Loc::new(file, r.start..r.end));
        out.push(Suppression {
            loc: comment,
            rules,
            reason,
            target,
        });
    }
    out
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
        assert_eq!(
            parse_directive(" a,b -- because"),
            (vec!["a".into(), "b".into()], Some("because".into()))
        );
        assert_eq!(parse_directive(" a"), (vec!["a".into()], None));
        assert_eq!(parse_directive(" a --  "), (vec!["a".into()], None));
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
}
