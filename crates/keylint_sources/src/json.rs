//! JSON with byte locations, into the common [`Node`] tree.

use jsonc_parser::ast;
use keylint_model::{Loc, Member, Node, Val};

/// A JSON syntax error at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub message: String,
}

/// Deepest nesting accepted; deeper documents are rejected instead of exhausting the stack.
pub const MAX_DEPTH: usize = 256;

fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_str, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_str {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Parse `text` (which starts at byte `base` of file `file`) into a located tree.
///
/// # Errors
/// A [`JsonError`] with the absolute byte offset of the syntax error.
pub fn parse(text: &str, file: u32, base: usize) -> Result<Node, JsonError> {
    if nesting_depth(text) > MAX_DEPTH {
        return Err(JsonError {
            offset: base,
            message: format!("JSON is nested deeper than {MAX_DEPTH} levels"),
        });
    }
    let parsed = jsonc_parser::parse_to_ast(
        text,
        &jsonc_parser::CollectOptions::default(),
        &jsonc_parser::ParseOptions::default(),
    )
    .map_err(|e| JsonError {
        offset: base + e.range().start,
        message: e.kind().to_string(),
    })?;
    let Some(value) = parsed.value else {
        return Err(JsonError {
            offset: base,
            message: "the document is empty".to_owned(),
        });
    };
    Ok(convert(&value, file, base))
}

fn loc(range: jsonc_parser::common::Range, file: u32, base: usize) -> Option<Loc> {
    Some(Loc::new(file, base + range.start..base + range.end))
}

fn convert(value: &ast::Value<'_>, file: u32, base: usize) -> Node {
    match value {
        ast::Value::StringLit(s) => {
            Node::new(Val::Str(s.value.to_string()), loc(s.range, file, base))
        }
        ast::Value::NumberLit(n) => {
            let v = n.value.parse::<f64>().map_or(Val::Unknown, Val::Num);
            Node::new(v, loc(n.range, file, base))
        }
        ast::Value::BooleanLit(b) => Node::new(Val::Bool(b.value), loc(b.range, file, base)),
        ast::Value::NullKeyword(n) => Node::new(Val::Null, loc(n.range, file, base)),
        ast::Value::Array(a) => Node::new(
            Val::List(a.elements.iter().map(|e| convert(e, file, base)).collect()),
            loc(a.range, file, base),
        ),
        ast::Value::Object(o) => {
            let mut members: Vec<Member> = o
                .properties
                .iter()
                .map(|p| {
                    let (key, key_range) = match &p.name {
                        ast::ObjectPropName::String(s) => (s.value.to_string(), s.range),
                        ast::ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                    };
                    Member {
                        key,
                        key_loc: loc(key_range, file, base),
                        value: convert(&p.value, file, base),
                    }
                })
                .collect();
            keylint_model::value::last_wins(&mut members);
            Node::new(Val::Obj(members), loc(o.range, file, base))
        }
    }
}

/// Copy locations from `located` onto `target` wherever the two trees have the same shape.
/// Used for a heredoc JSON policy with interpolations: the evaluated tree has the values,
/// the raw source text parsed as JSON has the locations.
pub fn graft_locs(target: &mut Node, located: &Node) {
    if located.loc.is_some() {
        target.loc = located.loc;
    }
    match (&mut target.val, &located.val) {
        (Val::List(t), Val::List(l)) if t.len() == l.len() => {
            for (a, b) in t.iter_mut().zip(l) {
                graft_locs(a, b);
            }
        }
        (Val::Obj(t), Val::Obj(l)) => {
            let at = target.loc;
            for m in t.iter_mut() {
                if let Some(lm) = l.iter().find(|lm| lm.key == m.key) {
                    m.key_loc = lm.key_loc;
                    graft_locs(&mut m.value, &lm.value);
                } else if at.is_some() {
                    // A member the source does not spell out (spliced in): the object's place.
                    m.key_loc = at;
                    m.value.for_each_loc(&mut |l| *l = at);
                }
            }
        }
        // A value the source does not spell out (spliced in): every part of it is where
        // the splice is.
        _ if located.loc.is_some() => target.for_each_loc(&mut |l| *l = located.loc),
        _ => {}
    }
}

/// Locations of a value parsed from a computed string are meaningless: use one location.
pub(crate) fn strip_locs(node: &mut Node, loc: Option<Loc>) {
    node.for_each_loc(&mut |l| *l = loc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_locations() {
        let text = "{\n  \"a\": [1, \"x\"]\n}";
        let node = parse(text, 0, 10).unwrap();
        let a = node.get("a").unwrap();
        assert_eq!(a.loc.unwrap().start, 10 + text.find('[').unwrap() as u32);
        let x = &a.items()[1];
        assert_eq!(x.as_str(), Some("x"));
    }

    #[test]
    fn errors_have_offsets_and_depth_is_bounded() {
        let err = parse("{\n \"a\": }", 0, 0).unwrap_err();
        assert!(err.offset > 0);
        let deep = "[".repeat(100_000);
        assert!(parse(&deep, 0, 0).unwrap_err().message.contains("nested"));
    }
}
