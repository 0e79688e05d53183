//! A format-neutral value tree with source locations.
//!
//! HCL expressions (after evaluation), JSON documents and ARM templates all become
//! [`Node`]s, so that policy analysis and fact extraction are written once.

/// Marks the place of an unknown interpolation inside an otherwise known string,
/// e.g. `arn:aws:iam::${data.x.account_id}:root`.
pub const UNKNOWN_PART: char = '\u{1}';

/// Stands for the AWS account the configuration is deployed to (CloudFormation's
/// `AWS::AccountId`: the stack's account, which owns the keys the stack creates). Known,
/// but only symbolically: it equals itself, and a literal account id may or may not be it.
/// Shown to users as [`THIS_ACCOUNT_LABEL`].
pub const THIS_ACCOUNT: char = '\u{2}';

/// How [`THIS_ACCOUNT`] is written in messages.
pub const THIS_ACCOUNT_LABEL: &str = "${AWS::AccountId}";

/// How [`shown`] writes an unknown part.
pub const UNKNOWN_LABEL: &str = "<unknown>";

/// A string of the model as users read it: [`THIS_ACCOUNT`] written as
/// [`THIS_ACCOUNT_LABEL`], an unknown part ([`UNKNOWN_PART`]) as `<unknown>`. The markers
/// never leave keylint.
#[must_use]
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([UNKNOWN_PART, THIS_ACCOUNT]) {
        std::borrow::Cow::Owned(
            s.replace(THIS_ACCOUNT, THIS_ACCOUNT_LABEL)
                .replace(UNKNOWN_PART, UNKNOWN_LABEL),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_loc: Option<crate::Loc>,
    pub value: Node,
}

impl Member {
    /// The span of `key: value`, or of whichever of the two is located.
    #[must_use]
    pub fn span(&self) -> Option<crate::Loc> {
        match (self.key_loc, self.value.loc) {
            (Some(k), Some(v)) if k.file == v.file => Some(crate::Loc {
                file: k.file,
                start: k.start.min(v.start),
                end: k.end.max(v.end),
            }),
            (k, v) => k.or(v),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    List(Vec<Node>),
    Obj(Vec<Member>),
    /// A JSON string that encodes this value (`jsonencode(...)`, a policy data source's
    /// `.json`). Kept as a tree so that locations inside it survive.
    Encoded(Box<Node>),
    /// A reference to another resource's attribute, `type.name`: unknown for rules,
    /// but it links resources (a key policy to its key, a key to its vault).
    Ref(String),
    /// A value that cannot be known before apply. Rules never fire on it.
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub val: Val,
    pub loc: Option<crate::Loc>,
}

impl Node {
    #[must_use]
    pub fn new(val: Val, loc: Option<crate::Loc>) -> Self {
        Self { val, loc }
    }

    #[must_use]
    pub fn unknown() -> Self {
        Self {
            val: Val::Unknown,
            loc: None,
        }
    }

    /// Visit every location in the value: its own, each member key's, and those of the
    /// values inside (encoded documents too). Readers use it to move a parsed value's
    /// locations to where its text sits in the file, or to pin them to one place.
    pub fn for_each_loc(&mut self, f: &mut impl FnMut(&mut Option<crate::Loc>)) {
        f(&mut self.loc);
        match &mut self.val {
            Val::List(items) => items.iter_mut().for_each(|i| i.for_each_loc(f)),
            Val::Obj(members) => {
                for m in members {
                    f(&mut m.key_loc);
                    m.value.for_each_loc(f);
                }
            }
            Val::Encoded(inner) => inner.for_each_loc(f),
            _ => {}
        }
    }

    #[must_use]
    pub fn is_unknown(&self) -> bool {
        matches!(self.val, Val::Unknown | Val::Ref(_))
    }

    /// Member of an object, by exact key.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// Member of an object, matching the key case-insensitively.
    #[must_use]
    pub fn get_ci(&self, key: &str) -> Option<&Node> {
        match &self.val {
            Val::Obj(members) => members
                .iter()
                .find(|m| m.key.eq_ignore_ascii_case(key))
                .map(|m| &m.value),
            _ => None,
        }
    }

    #[must_use]
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.val {
            Val::Obj(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    #[must_use]
    pub fn members(&self) -> &[Member] {
        match &self.val {
            Val::Obj(members) => members,
            _ => &[],
        }
    }

    /// A fully known string (no unknown interpolation inside).
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.val {
            Val::Str(s) if !s.contains(UNKNOWN_PART) => Some(s),
            _ => None,
        }
    }

    /// A string that may hold unknown parts.
    #[must_use]
    pub fn as_partial_str(&self) -> Option<&str> {
        match &self.val {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Booleans, also written as strings (`"true"`) as Terraform and ARM allow.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match &self.val {
            Val::Bool(b) => Some(*b),
            Val::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Val::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            Val::Num(n) if *n == 0.0 => Some(false),
            Val::Num(n) if *n == 1.0 => Some(true),
            _ => None,
        }
    }

    /// Integers, also written as strings (`"30"`).
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match &self.val {
            #[expect(
                clippy::cast_possible_truncation,
                reason = "checked to be integral and in range"
            )]
            Val::Num(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => Some(*n as i64),
            Val::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// Items of a list; a single value reads as a one-item list (IAM's string-or-list).
    #[must_use]
    pub fn items(&self) -> Vec<&Node> {
        match &self.val {
            Val::List(items) => items.iter().collect(),
            Val::Null => Vec::new(),
            _ => vec![self],
        }
    }

    /// The value an encoded JSON string stands for.
    #[must_use]
    pub fn decoded(&self) -> &Node {
        match &self.val {
            Val::Encoded(inner) => inner,
            _ => self,
        }
    }

    /// Whether any string inside this value is unknown or partly unknown.
    #[must_use]
    pub fn contains_unknown(&self) -> bool {
        match &self.val {
            Val::Unknown | Val::Ref(_) => true,
            Val::Str(s) => s.contains(UNKNOWN_PART),
            Val::List(items) => items.iter().any(Node::contains_unknown),
            Val::Obj(members) => members.iter().any(|m| m.value.contains_unknown()),
            Val::Encoded(inner) => inner.contains_unknown(),
            Val::Null | Val::Bool(_) | Val::Num(_) => false,
        }
    }

    /// Visit every string in the tree (used for key-material detection).
    pub fn for_each_str<'a>(&'a self, f: &mut dyn FnMut(&'a str, Option<crate::Loc>)) {
        match &self.val {
            Val::Str(s) => f(s, self.loc),
            Val::List(items) => items.iter().for_each(|i| i.for_each_str(f)),
            Val::Obj(members) => members.iter().for_each(|m| m.value.for_each_str(f)),
            Val::Encoded(inner) => inner.for_each_str(f),
            _ => {}
        }
    }
}

#[must_use]
/// The text Terraform's `jsonencode` gives for a value ([`Val::Encoded`]): compact JSON, object keys sorted (Terraform's
/// objects are), `<`, `>`, `&`, U+2028 and U+2029 escaped as Go's encoder does. `None`
/// when any part is unknown, or a number has no JSON form.
pub fn json_text(node: &Node) -> Option<String> {
    fn write(n: &Node, out: &mut String) -> Option<()> {
        match &n.val {
            Val::Null => out.push_str("null"),
            Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Val::Num(x) if x.fract() == 0.0 && x.abs() < 1e15 => out.push_str(&format!("{x:.0}")),
            Val::Num(x) => out.push_str(&serde_json::Number::from_f64(*x)?.to_string()),
            Val::Str(s) if s.contains(UNKNOWN_PART) => return None,
            Val::Str(s) => out.push_str(&serde_json::to_string(s).ok()?),
            Val::Encoded(inner) => out.push_str(&serde_json::to_string(&json_text(inner)?).ok()?),
            Val::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(item, out)?;
                }
                out.push(']');
            }
            Val::Obj(members) => {
                let sorted: std::collections::BTreeMap<&str, &Node> =
                    members.iter().map(|m| (m.key.as_str(), &m.value)).collect();
                out.push('{');
                for (i, (key, value)) in sorted.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key).ok()?);
                    out.push(':');
                    write(value, out)?;
                }
                out.push('}');
            }
            Val::Unknown | Val::Ref(_) => return None,
        }
        Some(())
    }
    let mut out = String::new();
    write(node, &mut out)?;
    // These characters occur only inside strings here, where Go escapes them.
    if out.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        out = out
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
    }
    Some(out)
}

impl Node {
    /// Whether two values are equal as the configuration languages compare them: by value,
    /// wherever they are written; objects by their keys in any order (`keys_ci`: keys
    /// compared without case, as ARM's); a `jsonencode` result as its text; values of
    /// different types never. `None` when it is not known: a part is unknown, two
    /// different references (they may hold the same value), or an encoded value without
    /// a known text.
    #[must_use]
    pub fn same_value(&self, other: &Node, keys_ci: bool) -> Option<bool> {
        let same_key = |a: &str, b: &str| {
            if keys_ci {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        Some(match (&self.val, &other.val) {
            (Val::Encoded(x), _) => {
                return Node::new(Val::Str(json_text(x)?), None).same_value(other, keys_ci);
            }
            (_, Val::Encoded(y)) => {
                return self.same_value(&Node::new(Val::Str(json_text(y)?), None), keys_ci);
            }
            (Val::Unknown, _) | (_, Val::Unknown) => return None,
            (Val::Ref(x), Val::Ref(y)) if x == y => true,
            (Val::Ref(_), _) | (_, Val::Ref(_)) => return None,
            (Val::Str(x), Val::Str(y)) if x.contains(UNKNOWN_PART) || y.contains(UNKNOWN_PART) => {
                return None;
            }
            (Val::Null, Val::Null) => true,
            (Val::Bool(x), Val::Bool(y)) => x == y,
            #[expect(clippy::float_cmp, reason = "the languages compare numbers exactly")]
            (Val::Num(x), Val::Num(y)) => x == y,
            (Val::Str(x), Val::Str(y)) => x == y,
            (Val::List(x), Val::List(y)) => {
                if x.len() != y.len() {
                    return Some(false);
                }
                for (i, j) in x.iter().zip(y) {
                    if !i.same_value(j, keys_ci)? {
                        return Some(false);
                    }
                }
                true
            }
            (Val::Obj(x), Val::Obj(y)) => {
                if x.len() != y.len() {
                    return Some(false);
                }
                for m in x {
                    match y.iter().find(|n| same_key(&n.key, &m.key)) {
                        Some(n) if m.value.same_value(&n.value, keys_ci)? => {}
                        _ => return Some(false),
                    }
                }
                true
            }
            _ => false,
        })
    }
}

/// An object's members with repeated keys merged: the key keeps its first place and takes
/// its last value. Terraform allows repeated keys in an object constructor, `foo` and
/// `"foo"` alike (hashicorp/terraform#28727), and JSON readers (Go's, Json.NET's, a
/// browser's) keep the last of repeated names.
pub fn last_wins(members: &mut Vec<Member>) {
    // Most objects are small and have no repeat: found without allocating.
    let repeated = if members.len() <= 16 {
        members
            .iter()
            .enumerate()
            .any(|(i, m)| members.iter().take(i).any(|p| p.key == m.key))
    } else {
        let mut seen = rustc_hash::FxHashSet::default();
        !members.iter().all(|m| seen.insert(m.key.as_str()))
    };
    if !repeated {
        return;
    }
    let mut kept: Vec<Member> = Vec::with_capacity(members.len());
    let mut place: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for m in members.drain(..) {
        match place.get(&m.key).and_then(|&i| kept.get_mut(i)) {
            Some(slot) => *slot = m,
            None => {
                place.insert(m.key.clone(), kept.len());
                kept.push(m);
            }
        }
    }
    *members = kept;
}
