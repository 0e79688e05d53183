//! YAML (CloudFormation templates) into the located value tree.
//!
//! Built from `saphyr-parser` events, which carry spans and tags: the short-form
//! intrinsics (`!Ref X`, `!Sub "..."`, `!GetAtt A.B`, ...) become their long forms
//! (`{"Ref": "X"}`, `{"Fn::Sub": "..."}`), so the template reader sees one shape for
//! JSON and YAML templates. Scalars are typed by the YAML 1.2 core schema, except that
//! digit strings with a leading zero (account ids) stay strings.
//!
//! The builder is iterative with a depth limit, and alias expansion has a node budget,
//! so hostile input gives an error, never a stack overflow or a memory blow-up.

use keylint_model::value::Member;
use keylint_model::{Loc, Node, Val};
use rustc_hash::FxHashMap as HashMap;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

/// How deep collections may nest.
const MAX_DEPTH: usize = 256;
/// How many nodes aliases may copy in all.
const MAX_ALIAS_NODES: usize = 100_000;

/// A YAML syntax error at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub offset: usize,
    pub message: String,
}

/// The intrinsic functions CloudFormation spells as tags.
const INTRINSICS: &[&str] = &[
    "Base64",
    "Cidr",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "If",
    "ImportValue",
    "Join",
    "Length",
    "Select",
    "Split",
    "Sub",
    "ToJsonString",
    "Transform",
    "And",
    "Equals",
    "Not",
    "Or",
];

/// Byte offsets of character indexes (the parser counts characters).
struct Offsets {
    /// `None` for ASCII text, where they are equal.
    table: Option<Vec<usize>>,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        Self {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
        tag: Option<String>,
    },
    Map {
        members: Vec<Member>,
        key: Option<(String, Option<Loc>)>,
        start: usize,
        anchor: usize,
        tag: Option<String>,
    },
}

/// The intrinsic a tag stands for, as its long-form key.
fn intrinsic(tag: Option<&Tag>) -> Option<String> {
    let tag = tag?;
    if tag.handle != "!" {
        return None;
    }
    match tag.suffix.as_str() {
        "Ref" => Some("Ref".to_owned()),
        "Condition" => Some("Condition".to_owned()),
        s if INTRINSICS.contains(&s) => Some(format!("Fn::{s}")),
        _ => None,
    }
}

fn wrap(node: Node, tag: Option<String>) -> Node {
    match tag {
        None => node,
        Some(key) => {
            let loc = node.loc;
            Node::new(
                Val::Obj(vec![Member {
                    key,
                    key_loc: loc,
                    value: node,
                }]),
                loc,
            )
        }
    }
}

fn is_int(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        // An account id or a zero-padded code is a string, whatever the schema says.
        && !(digits.len() > 1 && digits.starts_with('0'))
        && digits.len() <= 15
}

fn is_float(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (body.get(..i).unwrap_or(""), body.get(i + 1..)),
        None => (body, None),
    };
    let exp_ok = exp.is_none_or(|e| {
        let d = e.strip_prefix(['-', '+']).unwrap_or(e);
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
    });
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    exp_ok
        && frac.is_some()
        && digits(int)
        && frac.is_some_and(digits)
        && !(int.is_empty() && frac.is_none_or(str::is_empty))
}

fn scalar(value: &str, style: ScalarStyle, tag: Option<&Tag>) -> Val {
    let core = tag.filter(|t| t.handle == "!!" || t.handle == "tag:yaml.org,2002:");
    if core.is_some_and(|t| t.suffix == "str") {
        return Val::Str(value.to_owned());
    }
    if style != ScalarStyle::Plain {
        return Val::Str(value.to_owned());
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Val::Null,
        "true" | "True" | "TRUE" => Val::Bool(true),
        "false" | "False" | "FALSE" => Val::Bool(false),
        v if is_int(v) || is_float(v) => v
            .parse::<f64>()
            .map_or_else(|_| Val::Str(v.to_owned()), Val::Num),
        v => Val::Str(v.to_owned()),
    }
}

fn count_nodes(n: &Node) -> usize {
    1 + match &n.val {
        Val::List(items) => items.iter().map(count_nodes).sum(),
        Val::Obj(members) => members.iter().map(|m| count_nodes(&m.value)).sum(),
        Val::Encoded(inner) => count_nodes(inner),
        _ => 0,
    }
}

fn key_text(n: &Node) -> String {
    match &n.val {
        Val::Str(s) => s.clone(),
        Val::Num(x) => x.to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Null => String::new(),
        // A complex key names nothing a template reader looks up.
        _ => "?".to_owned(),
    }
}

/// Parse the first document of a YAML text. Locations name file `file`.
///
/// # Errors
/// A syntax error, nesting deeper than 256, an unknown alias, or aliases copying more
/// than 100,000 nodes.
pub fn parse(text: &str, file: u32) -> Result<Node, YamlError> {
    let offsets = Offsets::new(text);
    let loc = |start: usize, end: usize| {
        Some(Loc {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end.max(start)).unwrap_or(u32::MAX),
        })
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::default();
    let mut alias_budget = MAX_ALIAS_NODES;
    let mut documents = 0;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| YamlError {
            offset: offsets.byte(e.marker().index()),
            message: e.info().to_owned(),
        })?;
        let (start, end) = (
            offsets.byte(span.start.index()),
            offsets.byte(span.end.index()),
        );
        let (node, anchor) = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    break;
                }
                continue;
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                if stack.len() >= MAX_DEPTH =>
            {
                let _ = (anchor, tag);
                return Err(YamlError {
                    offset: start,
                    message: format!("nested deeper than {MAX_DEPTH} levels"),
                });
            }
            Event::SequenceStart(anchor, tag) => {
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    start,
                    anchor,
                    tag: intrinsic(tag.as_deref()),
                });
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                stack.push(Frame::Map {
                    members: Vec::new(),
                    key: None,
                    start,
                    anchor,
                    tag: intrinsic(tag.as_deref()),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    continue;
                };
                // A block collection ends where its last child does, not at the next token.
                let (val, start, last_end, anchor, tag) = match frame {
                    Frame::Seq {
                        items,
                        start,
                        anchor,
                        tag,
                    } => {
                        let last = items.last().and_then(|n| n.loc).map(|l| l.end as usize);
                        (Val::List(items), start, last, anchor, tag)
                    }
                    Frame::Map {
                        members,
                        start,
                        anchor,
                        tag,
                        ..
                    } => {
                        let last = members
                            .last()
                            .and_then(|m| m.value.loc.or(m.key_loc))
                            .map(|l| l.end as usize);
                        (Val::Obj(members), start, last, anchor, tag)
                    }
                };
                let end = last_end.map_or(end, |l| l.max(start));
                (wrap(Node::new(val, loc(start, end)), tag), anchor)
            }
            Event::Scalar(value, style, anchor, tag) => {
                let val = scalar(&value, style, tag.as_deref());
                (
                    wrap(Node::new(val, loc(start, end)), intrinsic(tag.as_deref())),
                    anchor,
                )
            }
            Event::Alias(id) => {
                let Some(node) = anchors.get(&id) else {
                    return Err(YamlError {
                        offset: start,
                        message: "alias to an unknown anchor".to_owned(),
                    });
                };
                let n = count_nodes(node);
                if n > alias_budget {
                    return Err(YamlError {
                        offset: start,
                        message: "aliases expand to too many nodes".to_owned(),
                    });
                }
                alias_budget -= n;
                (node.clone(), 0)
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {
                continue;
            }
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => return Ok(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { members, key, .. }) => match key.take() {
                None => *key = Some((key_text(&node), node.loc)),
                Some((k, key_loc)) => members.push(Member {
                    key: k,
                    key_loc,
                    value: node,
                }),
            },
        }
    }
    Ok(Node::new(Val::Null, loc(0, 0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(text: &'a str, n: &Node) -> &'a str {
        n.loc.and_then(|l| text.get(l.range())).unwrap_or("")
    }

    #[test]
    fn short_form_intrinsics_become_long_form() {
        let text = "Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties:\n      PendingWindowInDays: !Ref Window\n      Desc: !Sub 'x-${AWS::Region}'\n      Arn: !GetAtt Key.Arn\n      Pick: !If [IsProd, 30, 7]\n      Id: '012345678901'\n      Bare: 012345678901\n      N: 7\n      B: true\n";
        let n = parse(text, 0).unwrap();
        let props = n
            .get("Resources")
            .unwrap()
            .get("Key")
            .unwrap()
            .get("Properties")
            .unwrap();
        let w = props.get("PendingWindowInDays").unwrap();
        assert_eq!(w.get("Ref").unwrap().as_str(), Some("Window"));
        assert_eq!(at(text, w.get("Ref").unwrap()), "Window");
        assert_eq!(
            props.get("Desc").unwrap().get("Fn::Sub").unwrap().as_str(),
            Some("x-${AWS::Region}")
        );
        assert_eq!(
            props
                .get("Arn")
                .unwrap()
                .get("Fn::GetAtt")
                .unwrap()
                .as_str(),
            Some("Key.Arn")
        );
        assert_eq!(
            props
                .get("Pick")
                .unwrap()
                .get("Fn::If")
                .unwrap()
                .items()
                .len(),
            3
        );
        assert_eq!(props.get("Id").unwrap().as_str(), Some("012345678901"));
        assert_eq!(props.get("Bare").unwrap().as_str(), Some("012345678901"));
        assert_eq!(props.get("N").unwrap().as_i64(), Some(7));
        assert_eq!(props.get("B").unwrap().as_bool(), Some(true));
        let key = n.get("Resources").unwrap().member("Key").unwrap();
        assert_eq!(
            key.key_loc.map(|l| l.start),
            Some(text.find("Key:").unwrap() as u32)
        );
    }

    #[test]
    fn locations_are_bytes_in_non_ascii_text() {
        let text = "# ünïcödé ✓\nA:\n  B: välue\n  C: 7\n";
        let n = parse(text, 3).unwrap();
        let c = n.get("A").unwrap().get("C").unwrap();
        assert_eq!(at(text, c), "7");
        assert_eq!(c.loc.unwrap().file, 3);
        assert_eq!(at(text, n.get("A").unwrap().get("B").unwrap()), "välue");
        // The mapping ends at its last value, not at the next token.
        assert!(at(text, n.get("A").unwrap()).ends_with('7'));
    }

    #[test]
    fn hostile_input_is_an_error() {
        let deep = "[".repeat(100_000);
        let e = parse(&deep, 0).unwrap_err();
        assert!(
            e.message.contains("deeper") || e.message.contains("recursion"),
            "{e:?}"
        );
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                format!("l{}", i - 1)
            };
            bomb.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse(&bomb, 0).unwrap_err().message.contains("too many"));
        let bad = "a: [1, 2\nb: 3\n";
        let e = parse(bad, 0).unwrap_err();
        assert!(e.offset > 0 && e.offset <= bad.len(), "{e:?}");
        assert!(parse("a: *nope\n", 0).is_err());
    }
}
