//! The one entry for parsing HCL text: the guards that keep hcl-edit's recursive,
//! backtracking parser safe (nesting depth, unbalanced brackets) and the parse itself,
//! with one error policy: a located [`FileError`] for every file that is not read, be it
//! a root module's file, a `.tfvars`, a called module's file, a Vault `.hcl` file or a
//! policy given as text. Vault's HCL1 reader takes the same nesting guard
//! ([`check_nesting`]); templates (`templatefile`, Terraform JSON strings) go through
//! [`parse_template`].

use keylint_model::{FileError, LineIndex};

/// Deepest block/expression nesting accepted before parsing (hcl-edit recurses).
pub(crate) const MAX_NESTING: usize = 200;

/// A located error at `offset` of `text`, in the file `path`.
fn located(path: &str, text: &str, offset: usize, message: String) -> FileError {
    let pos = LineIndex::new(text).position(text, offset);
    FileError {
        file: path.to_owned(),
        line: Some(pos.line),
        column: Some(pos.column),
        message,
    }
}

/// The nesting guard: text nested deeper than [`MAX_NESTING`] is not read, and says so at
/// its start. Every HCL reader (hcl-edit and the Vault HCL1 reader) recurses.
pub(crate) fn check_nesting(path: &str, text: &str) -> Result<(), FileError> {
    if nesting_too_deep(text) {
        return Err(located(
            path,
            text,
            0,
            format!("nesting deeper than {MAX_NESTING} levels; the file was not read"),
        ));
    }
    Ok(())
}

/// A template's text (`templatefile`, a Terraform JSON string) parsed, behind the nesting
/// guard; `None` when it is too deep or does not parse (the value is then unknown).
pub(crate) fn parse_template(text: &str) -> Option<hcl_edit::template::Template> {
    if nesting_too_deep(text) {
        return None;
    }
    hcl_edit::parser::parse_template(text).ok()
}

fn nesting_too_deep(text: &str) -> bool {
    let mut depth = 0usize;
    for b in text.bytes() {
        match b {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return true;
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The first bracket of HCL text that is never closed or closes the wrong opener: its byte
/// offset and what is wrong. Strings (with their `${...}` and `%{...}` parts), heredocs and
/// comments are followed as HCL reads them; a heredoc or comment that is never closed, or
/// a `<<` that opens no heredoc, is wrong too. `None` when everything matches.
///
/// hcl-edit's parser backtracks exponentially over unclosed brackets and broken heredocs
/// (a 700-byte line of them took over 10 s: fuzzing found it), and such text never
/// parses, so it is rejected before parsing, in one linear pass.
pub(crate) fn unbalanced_bracket(text: &str) -> Option<(usize, String)> {
    #[derive(Clone, Copy)]
    enum Frame {
        /// `(`, `[` or `{` at this offset, closed by this byte.
        Bracket(usize, u8),
        /// A `"` string starting here.
        Str(usize),
        /// `${` or `%{` inside a string, starting here.
        Interp(usize),
    }
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = at(i);
        if let Some(Frame::Str(_)) = stack.last() {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if at(i + 1) == c && at(i + 2) == b'{' => i += 2,
                b'$' | b'%' if at(i + 1) == b'{' => {
                    stack.push(Frame::Interp(i));
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'#' => i = text.get(i..)?.find('\n').map_or(b.len(), |n| i + n),
            b'/' if at(i + 1) == b'/' => i = text.get(i..)?.find('\n').map_or(b.len(), |n| i + n),
            b'/' if at(i + 1) == b'*' => match text.get(i + 2..)?.find("*/") {
                Some(n) => i += 2 + n + 1,
                None => return Some((i, "comment is never closed".to_owned())),
            },
            b'"' => stack.push(Frame::Str(i)),
            b'<' if at(i + 1) == b'<' => {
                // Outside strings `<<` only opens a heredoc: `<<EOF` or `<<-EOF` and a new
                // line, then lines up to one holding only `EOF`.
                let (rest, marker) = heredoc_marker(text.get(i + 2..)?);
                let after = rest.get(marker.len()..).unwrap_or_default();
                let opens =
                    !marker.is_empty() && (after.starts_with('\n') || after.starts_with("\r\n"));
                let body_start = i + text.get(i..)?.find('\n').unwrap_or(0) + 1;
                let mut end = None;
                let mut line_start = body_start;
                for line in text
                    .get(body_start..)
                    .unwrap_or_default()
                    .split_inclusive('\n')
                {
                    if opens && line.trim() == marker {
                        end = Some(line_start + line.len());
                        break;
                    }
                    line_start += line.len();
                }
                match end {
                    Some(end) => i = end - 1,
                    None if opens => {
                        return Some((i, format!("heredoc `<<{marker}` is never closed")));
                    }
                    None => {
                        return Some((
                            i,
                            "`<<` must open a heredoc: `<<EOF` and a new line".to_owned(),
                        ));
                    }
                }
            }
            b'(' => stack.push(Frame::Bracket(i, b')')),
            b'[' => stack.push(Frame::Bracket(i, b']')),
            b'{' => stack.push(Frame::Bracket(i, b'}')),
            b')' | b']' | b'}' => match stack.pop() {
                Some(Frame::Bracket(_, close)) if close == c => {}
                Some(Frame::Interp(_)) if c == b'}' => {}
                Some(Frame::Bracket(open, close)) => {
                    return Some((
                        i,
                        format!(
                            "`{}` closes the `{}` at byte {open}, which needs `{}`",
                            char::from(c),
                            char::from(at(open)),
                            char::from(close)
                        ),
                    ));
                }
                _ => return Some((i, format!("`{}` closes nothing", char::from(c)))),
            },
            _ => {}
        }
        i += 1;
    }
    stack.last().map(|f| match *f {
        Frame::Bracket(open, _) => (open, format!("`{}` is never closed", char::from(at(open)))),
        Frame::Str(open) => (open, "string is never closed".to_owned()),
        Frame::Interp(open) => (open, "`${` is never closed".to_owned()),
    })
}

/// Parse an HCL file, behind the guards: nesting deeper than [`MAX_NESTING`] and
/// unbalanced brackets (see [`unbalanced_bracket`]) are rejected first. Every error is
/// located in `path`; the caller reports it (no file is skipped silently).
pub(crate) fn parse_hcl(path: &str, text: &str) -> Result<hcl_edit::structure::Body, FileError> {
    check_nesting(path, text)?;
    if let Some((offset, message)) = unbalanced_bracket(text) {
        return Err(located(
            path,
            text,
            offset,
            format!("invalid HCL: {message}"),
        ));
    }
    match hcl_edit::parser::parse_body(text) {
        Ok(body) => Ok(body),
        Err(e) => {
            // hcl-edit 0.10 parses the key and value of an object `for` without the
            // newlines Terraform ignores there (`k => c ? "x" :` and the rest on the next
            // line). The same text with those newlines made spaces has the same bytes
            // at the same offsets and the same meaning; it is parsed when the original
            // is not, and the original error stands if it fails too.
            if let Some(joined) = join_for_object_lines(text)
                && let Ok(body) = hcl_edit::parser::parse_body(&joined)
            {
                return Ok(body);
            }
            Err(hcl_error(path, &e))
        }
    }
}

/// `text` with every newline directly inside an object `for` expression (`{ for ... }`,
/// not inside a nested object, string, heredoc or comment) made a space; `None` when there
/// is none. Terraform ignores these newlines (hclsyntax parses a `for` expression with
/// newlines off); only a newline ending a `#` or `//` comment is kept (it ends the comment).
fn join_for_object_lines(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    // Brackets: true for a `{` opening an object `for`. Strings and interpolations nest.
    #[derive(Clone, Copy, PartialEq)]
    enum Frame {
        Bracket(bool),
        Str,
        Interp,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut out = b.to_vec();
    let mut changed = false;
    let mut i = 0;
    while i < b.len() {
        let c = at(i);
        if stack.last() == Some(&Frame::Str) {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if at(i + 1) == c && at(i + 2) == b'{' => i += 2,
                b'$' | b'%' if at(i + 1) == b'{' => {
                    stack.push(Frame::Interp);
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'#' => i = text.get(i..)?.find('\n').map_or(b.len(), |n| i + n + 1),
            b'/' if at(i + 1) == b'/' => {
                i = text.get(i..)?.find('\n').map_or(b.len(), |n| i + n + 1);
            }
            b'/' if at(i + 1) == b'*' => {
                i = text.get(i + 2..)?.find("*/").map(|n| i + 2 + n + 2)?;
            }
            b'"' => {
                stack.push(Frame::Str);
                i += 1;
            }
            b'<' if at(i + 1) == b'<' => {
                // A heredoc: skip to the line holding only its marker.
                let (_, marker) = heredoc_marker(text.get(i + 2..)?);
                if marker.is_empty() {
                    return None;
                }
                let mut pos = i + text.get(i..)?.find('\n')? + 1;
                loop {
                    let line_end = text.get(pos..)?.find('\n').map_or(b.len(), |n| pos + n);
                    let line = text.get(pos..line_end)?;
                    pos = line_end + 1;
                    if line.trim() == marker {
                        break;
                    }
                    if line_end >= b.len() {
                        return None;
                    }
                }
                i = pos;
            }
            b'{' => {
                let after = text.get(i + 1..)?.trim_start();
                let is_for = after.starts_with("for")
                    && after
                        .as_bytes()
                        .get(3)
                        .is_some_and(|n| n.is_ascii_whitespace());
                stack.push(Frame::Bracket(is_for));
                i += 1;
            }
            b'(' | b'[' => {
                stack.push(Frame::Bracket(false));
                i += 1;
            }
            b')' | b']' | b'}' => {
                stack.pop();
                i += 1;
            }
            b'\n' => {
                if stack.last() == Some(&Frame::Bracket(true)) {
                    if let Some(o) = out.get_mut(i) {
                        *o = b' ';
                    }
                    // A `\r` before it goes too.
                    if i > 0
                        && at(i - 1) == b'\r'
                        && let Some(o) = out.get_mut(i - 1)
                    {
                        *o = b' ';
                    }
                    changed = true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    if changed {
        String::from_utf8(out).ok()
    } else {
        None
    }
}

/// A located error for HCL that does not parse.
pub(crate) fn hcl_error(path: &str, e: &hcl_edit::parser::Error) -> FileError {
    let loc = e.location();
    FileError {
        file: path.to_owned(),
        line: Some(loc.line()),
        column: Some(loc.column()),
        message: format!("invalid HCL: {}", e.message().trim()),
    }
}

/// After `<<`: the text from the marker on (an indenting `-` dropped) and the marker
/// (`EOF` of `<<-EOF`; empty when no marker follows).
fn heredoc_marker(after_angles: &str) -> (&str, &str) {
    let rest = after_angles.strip_prefix('-').unwrap_or(after_angles);
    let marker = rest
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '-'))
        .next()
        .unwrap_or_default();
    (rest, marker)
}

#[cfg(test)]
mod tests {
    use super::{join_for_object_lines, parse_hcl, unbalanced_bracket};

    #[test]
    fn newlines_in_object_for_are_joined_only_there() {
        let src = "a = { for k in x : k => k == \"a\" ? \"x\" :\n  \"y\" }\nb = {\n  c = 1\n  d = { for k in y :\n k => { e = 1\n f = 2 } } # c\n}\n";
        let joined = join_for_object_lines(src).unwrap();
        assert_eq!(joined.len(), src.len());
        assert_eq!(
            joined,
            "a = { for k in x : k => k == \"a\" ? \"x\" :   \"y\" }\nb = {\n  c = 1\n  d = { for k in y :  k => { e = 1\n f = 2 } } # c\n}\n"
        );
        assert!(parse_hcl("main.tf", src).is_ok());
        // Comments keep their newline; text without an object `for` is left alone.
        assert_eq!(join_for_object_lines("a = { b = 1\n}\n"), None);
        assert_eq!(
            join_for_object_lines("a = { for k in x : # c\n k => k }\n"),
            None
        );
        // Invalid text stays invalid, with the original error.
        let err = parse_hcl("main.tf", "a = { for k in x : k => }\n").unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    fn hcl_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                hcl_files(&p, out);
            } else if p
                .extension()
                .is_some_and(|x| x == "tf" || x == "tfvars" || x == "hcl")
            {
                out.push(p);
            }
        }
    }

    /// The scan never rejects HCL that parses: every sample, fixture and peer corpus file.
    #[test]
    fn balanced_brackets_of_every_parsing_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for d in ["samples", "policies", "../shared/corpus/kics"] {
            hcl_files(&root.join(d), &mut files);
        }
        assert!(files.len() > 300, "{}", files.len());
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            if hcl_edit::parser::parse_body(&text).is_ok() {
                assert_eq!(unbalanced_bracket(&text), None, "{}", f.display());
            }
        }
    }

    #[test]
    fn brackets_in_strings_heredocs_comments_and_templates() {
        let ok = [
            "a = \"[(\" # ]\n// )\n/* { */ b = [1, {c = (2)}]\n",
            "a = \"${x[\"k\"]} %{ if y }]%{ endif } $${ [ %%{ (\"\n",
            "p = <<-EOT\n  [ ( {\n  EOT\nq = <<EOF\n}\nEOF\n",
            "a = \"\\\" [\"\n",
        ];
        for t in ok {
            assert_eq!(unbalanced_bracket(t), None, "{t}");
        }
        assert_eq!(
            unbalanced_bracket("t = a[b<c[d"),
            Some((9, "`[` is never closed".to_owned()))
        );
        assert_eq!(
            unbalanced_bracket("t = (1]"),
            Some((
                6,
                "`]` closes the `(` at byte 4, which needs `)`".to_owned()
            ))
        );
        assert_eq!(
            unbalanced_bracket("t = <<EOF\nx\n"),
            Some((4, "heredoc `<<EOF` is never closed".to_owned()))
        );
        assert_eq!(
            unbalanced_bracket("t = a<<b"),
            Some((
                5,
                "`<<` must open a heredoc: `<<EOF` and a new line".to_owned()
            ))
        );
        assert_eq!(
            unbalanced_bracket("t = 1 /* x"),
            Some((6, "comment is never closed".to_owned()))
        );
        assert_eq!(
            unbalanced_bracket("t = 1}"),
            Some((5, "`}` closes nothing".to_owned()))
        );
        assert_eq!(
            unbalanced_bracket("t = \"${x}"),
            Some((4, "string is never closed".to_owned()))
        );
        assert_eq!(
            unbalanced_bracket("t = \"${x[0]"),
            Some((5, "`${` is never closed".to_owned()))
        );
    }
}
