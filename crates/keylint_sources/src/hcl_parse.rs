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
        return Err(too_deep(path, text));
    }
    Ok(())
}

/// The error of text nested deeper than [`MAX_NESTING`], located at its start.
fn too_deep(path: &str, text: &str) -> FileError {
    located(
        path,
        text,
        0,
        format!("nesting deeper than {MAX_NESTING} levels; the file was not read"),
    )
}

/// A template's text (`templatefile`, a Terraform JSON string) parsed, behind the nesting
/// guard; `None` when it is too deep or does not parse (the value is then unknown).
pub(crate) fn parse_template(text: &str) -> Option<hcl_edit::template::Template> {
    if nesting_too_deep(text) {
        return None;
    }
    hcl_edit::parser::parse_template_spanned(text).ok()
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

/// The bracket scan of [`guard`] alone, as a second pass after [`nesting_too_deep`]: the
/// reference the one-pass guard is tested against. The first bracket that is never
/// closed or closes the wrong opener: its byte offset and what is wrong.
#[cfg(test)]
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

/// Why [`guard`] rejects a text: nested deeper than [`MAX_NESTING`] (every bracket byte
/// counts, in strings and comments too: what [`nesting_too_deep`] counts), or an
/// unbalanced bracket: its byte offset and what is wrong.
#[derive(Debug, PartialEq, Eq)]
enum Rejected {
    TooDeep,
    Unbalanced(usize, String),
}

/// The bytes [`guard`] stops at outside strings: comment starts, quotes, `<`, brackets.
const CODE: [bool; 256] = byte_set(b"#/\"<()[]{}");
/// The bytes [`guard`] stops at inside strings: escapes, quotes, template starts,
/// brackets (for the nesting depth).
const STRING: [bool; 256] = byte_set(b"\\\"$%()[]{}");

const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut rest = bytes;
    while let [b, tail @ ..] = rest {
        if let Some((_, [slot, ..])) = set.split_at_mut_checked(*b as usize) {
            *slot = true;
        }
        rest = tail;
    }
    set
}

/// The naive nesting depth (every `{[(` one deeper, every `}])` one shallower, never
/// below 0) carried over `bytes`; `true` once it is deeper than [`MAX_NESTING`].
fn deepen(depth: &mut usize, bytes: &[u8]) -> bool {
    for &b in bytes {
        match b {
            b'{' | b'[' | b'(' => {
                *depth += 1;
                if *depth > MAX_NESTING {
                    return true;
                }
            }
            b'}' | b']' | b')' => *depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Both guards of [`parse_hcl`] in one pass over `text`: the nesting guard
/// ([`nesting_too_deep`]), which wins wherever the depth is reached, and the bracket scan:
/// the first bracket that is never closed or closes the wrong opener. Strings (with their
/// `${...}` and `%{...}` parts), heredocs and comments are followed as HCL reads them; a
/// heredoc or comment that is never closed, or a `<<` that opens no heredoc, is wrong too.
///
/// hcl-edit's parser backtracks exponentially over unclosed brackets and broken heredocs
/// (a 700-byte line of them took over 10 s: fuzzing found it), and such text never
/// parses, so it is rejected before parsing, in one linear pass. Every byte is counted
/// for the depth once, in order: the bytes the scan stops at, and the runs it skips
/// (comments, heredocs, escapes) as it skips them; bytes neither counts nor follows are
/// stepped over by a table lookup.
fn guard(text: &str) -> Result<(), Rejected> {
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
    let mut depth = 0usize;
    // The depth over the rest of the text, from `from`, once the bracket scan has found
    // what is wrong there: too deep still wins.
    let rest = |mut depth: usize, from: usize, offset: usize, message: String| {
        if deepen(&mut depth, b.get(from..).unwrap_or_default()) {
            Err(Rejected::TooDeep)
        } else {
            Err(Rejected::Unbalanced(offset, message))
        }
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    loop {
        let in_string = matches!(stack.last(), Some(Frame::Str(_)));
        let stops = if in_string { &STRING } else { &CODE };
        while b
            .get(i)
            .is_some_and(|&c| stops.get(usize::from(c)) == Some(&false))
        {
            i += 1;
        }
        let Some(&c) = b.get(i) else { break };
        if in_string {
            match c {
                b'\\' => {
                    // The escaped byte is skipped (and counted).
                    if deepen(&mut depth, b.get(i + 1..i + 2).unwrap_or_default()) {
                        return Err(Rejected::TooDeep);
                    }
                    i += 1;
                }
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if at(i + 1) == c && at(i + 2) == b'{' => {
                    if deepen(&mut depth, b"{") {
                        return Err(Rejected::TooDeep);
                    }
                    i += 2;
                }
                b'$' | b'%' if at(i + 1) == b'{' => {
                    if deepen(&mut depth, b"{") {
                        return Err(Rejected::TooDeep);
                    }
                    stack.push(Frame::Interp(i));
                    i += 1;
                }
                b'$' | b'%' => {}
                _ => {
                    // A bracket in a string: only the depth sees it.
                    if deepen(&mut depth, &[c]) {
                        return Err(Rejected::TooDeep);
                    }
                }
            }
            i += 1;
            continue;
        }
        match c {
            b'#' => {
                let end = text
                    .get(i..)
                    .and_then(|t| t.find('\n'))
                    .map_or(b.len(), |n| i + n);
                if deepen(&mut depth, b.get(i..end).unwrap_or_default()) {
                    return Err(Rejected::TooDeep);
                }
                i = end;
            }
            b'/' if at(i + 1) == b'/' => {
                let end = text
                    .get(i..)
                    .and_then(|t| t.find('\n'))
                    .map_or(b.len(), |n| i + n);
                if deepen(&mut depth, b.get(i..end).unwrap_or_default()) {
                    return Err(Rejected::TooDeep);
                }
                i = end;
            }
            b'/' if at(i + 1) == b'*' => match text.get(i + 2..).and_then(|t| t.find("*/")) {
                Some(n) => {
                    let end = i + 2 + n + 1;
                    if deepen(&mut depth, b.get(i..end).unwrap_or_default()) {
                        return Err(Rejected::TooDeep);
                    }
                    i = end;
                }
                None => return rest(depth, i, i, "comment is never closed".to_owned()),
            },
            b'/' => {}
            b'"' => stack.push(Frame::Str(i)),
            b'<' if at(i + 1) == b'<' => {
                // Outside strings `<<` only opens a heredoc: `<<EOF` or `<<-EOF` and a new
                // line, then lines up to one holding only `EOF`.
                let (after_marker, marker) = heredoc_marker(text.get(i + 2..).unwrap_or_default());
                let after = after_marker.get(marker.len()..).unwrap_or_default();
                let opens =
                    !marker.is_empty() && (after.starts_with('\n') || after.starts_with("\r\n"));
                if !opens {
                    return rest(
                        depth,
                        i,
                        i,
                        "`<<` must open a heredoc: `<<EOF` and a new line".to_owned(),
                    );
                }
                let body_start = i + text.get(i..).and_then(|t| t.find('\n')).unwrap_or(0) + 1;
                let mut end = None;
                let mut line_start = body_start;
                for line in text
                    .get(body_start..)
                    .unwrap_or_default()
                    .split_inclusive('\n')
                {
                    if line.trim() == marker {
                        end = Some(line_start + line.len());
                        break;
                    }
                    line_start += line.len();
                }
                let Some(end) = end else {
                    return rest(depth, i, i, format!("heredoc `<<{marker}` is never closed"));
                };
                if deepen(&mut depth, b.get(i..end).unwrap_or_default()) {
                    return Err(Rejected::TooDeep);
                }
                i = end - 1;
            }
            b'<' => {}
            b'(' | b'[' | b'{' => {
                if deepen(&mut depth, &[c]) {
                    return Err(Rejected::TooDeep);
                }
                let close = match c {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                stack.push(Frame::Bracket(i, close));
            }
            _ => {
                // `)`, `]` or `}`.
                match stack.pop() {
                    Some(Frame::Bracket(_, close)) if close == c => {}
                    Some(Frame::Interp(_)) if c == b'}' => {}
                    Some(Frame::Bracket(open, close)) => {
                        return rest(
                            depth,
                            i,
                            i,
                            format!(
                                "`{}` closes the `{}` at byte {open}, which needs `{}`",
                                char::from(c),
                                char::from(at(open)),
                                char::from(close)
                            ),
                        );
                    }
                    _ => return rest(depth, i, i, format!("`{}` closes nothing", char::from(c))),
                }
                depth = depth.saturating_sub(1);
            }
        }
        i += 1;
    }
    match stack.last() {
        None => Ok(()),
        Some(&Frame::Bracket(open, _)) => Err(Rejected::Unbalanced(
            open,
            format!("`{}` is never closed", char::from(at(open))),
        )),
        Some(&Frame::Str(open)) => Err(Rejected::Unbalanced(
            open,
            "string is never closed".to_owned(),
        )),
        Some(&Frame::Interp(open)) => Err(Rejected::Unbalanced(
            open,
            "`${` is never closed".to_owned(),
        )),
    }
}

/// Parse an HCL file, behind the guards: nesting deeper than [`MAX_NESTING`] and
/// unbalanced brackets (see [`guard`]) are rejected first. Every error is
/// located in `path`; the caller reports it (no file is skipped silently).
pub(crate) fn parse_hcl(path: &str, text: &str) -> Result<hcl_edit::structure::Body, FileError> {
    match guard(text) {
        Ok(()) => {}
        Err(Rejected::TooDeep) => return Err(too_deep(path, text)),
        Err(Rejected::Unbalanced(offset, message)) => {
            return Err(located(
                path,
                text,
                offset,
                format!("invalid HCL: {message}"),
            ));
        }
    }
    match hcl_edit::parser::parse_body_spanned(text) {
        Ok(body) => Ok(body),
        Err(e) => {
            // hcl-edit 0.10 parses the key and value of an object `for` without the
            // newlines Terraform ignores there (`k => c ? "x" :` and the rest on the next
            // line). The same text with those newlines made spaces has the same bytes
            // at the same offsets and the same meaning; it is parsed when the original
            // is not, and the original error stands if it fails too.
            if let Some(joined) = join_for_object_lines(text)
                && let Ok(body) = hcl_edit::parser::parse_body_spanned(&joined)
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
    use super::{
        MAX_NESTING, Rejected, guard, join_for_object_lines, nesting_too_deep, parse_hcl,
        unbalanced_bracket,
    };

    /// The two guards as two passes, as they were written first.
    fn reference(text: &str) -> Result<(), Rejected> {
        if nesting_too_deep(text) {
            return Err(Rejected::TooDeep);
        }
        match unbalanced_bracket(text) {
            Some((offset, message)) => Err(Rejected::Unbalanced(offset, message)),
            None => Ok(()),
        }
    }

    /// The bracket scan of the one-pass guard, checked against the reference.
    fn brackets(text: &str) -> Option<(usize, String)> {
        let got = guard(text);
        assert_eq!(got, reference(text), "{text:?}");
        match got {
            Err(Rejected::Unbalanced(offset, message)) => Some((offset, message)),
            _ => None,
        }
    }

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
                assert_eq!(brackets(&text), None, "{}", f.display());
            }
            // One pass gives what the two gave, on the file and on the file nested
            // nearly or just too deep.
            assert_eq!(guard(&text), reference(&text), "{}", f.display());
            for n in [MAX_NESTING - 3, MAX_NESTING] {
                let deep = format!("{}{text}", "[".repeat(n));
                assert_eq!(guard(&deep), reference(&deep), "{}", f.display());
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
            assert_eq!(brackets(t), None, "{t}");
        }
        assert_eq!(
            brackets("t = a[b<c[d"),
            Some((9, "`[` is never closed".to_owned()))
        );
        assert_eq!(
            brackets("t = (1]"),
            Some((
                6,
                "`]` closes the `(` at byte 4, which needs `)`".to_owned()
            ))
        );
        assert_eq!(
            brackets("t = <<EOF\nx\n"),
            Some((4, "heredoc `<<EOF` is never closed".to_owned()))
        );
        assert_eq!(
            brackets("t = a<<b"),
            Some((
                5,
                "`<<` must open a heredoc: `<<EOF` and a new line".to_owned()
            ))
        );
        assert_eq!(
            brackets("t = 1 /* x"),
            Some((6, "comment is never closed".to_owned()))
        );
        assert_eq!(
            brackets("t = 1}"),
            Some((5, "`}` closes nothing".to_owned()))
        );
        assert_eq!(
            brackets("t = \"${x}"),
            Some((4, "string is never closed".to_owned()))
        );
        assert_eq!(
            brackets("t = \"${x[0]"),
            Some((5, "`${` is never closed".to_owned()))
        );
    }

    /// One pass gives what the two passes gave, on texts made of the pieces both follow.
    #[test]
    fn one_pass_guard_is_the_two_passes() {
        const PIECES: [&str; 30] = [
            "{", "}", "[", "]", "(", ")", "\"", "\\", "$", "%", "${", "%{", "$${", "%%{", "#",
            "//", "/*", "*/", "\n", "\r\n", "<<EOF\n", "EOF\n", "<<-X\n", "  X\n", "<<", "<", "/",
            "a = ", "é", " ",
        ];
        // xorshift: deterministic, no dependency.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut rejected = [0usize; 3];
        for case in 0..40_000 {
            let mut text = String::new();
            if case % 4 == 0 {
                // Close to the nesting limit, so that the depth reached decides.
                let n = MAX_NESTING - 8 + usize::try_from(next() % 12).unwrap();
                text.push_str(&"{[(".repeat(n / 3 + 1)[..n]);
            }
            for _ in 0..next() % 40 {
                let piece = PIECES[usize::try_from(next() % 30).unwrap()];
                let times = if next() % 8 == 0 { 30 } else { 1 };
                text.push_str(&piece.repeat(times));
            }
            let got = guard(&text);
            assert_eq!(got, reference(&text), "{text:?}");
            rejected[match got {
                Ok(()) => 0,
                Err(Rejected::TooDeep) => 1,
                Err(Rejected::Unbalanced(..)) => 2,
            }] += 1;
        }
        // Every outcome is exercised.
        assert!(rejected.iter().all(|&n| n > 500), "{rejected:?}");
    }
}
