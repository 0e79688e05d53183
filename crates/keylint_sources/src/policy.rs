//! Reading a policy value (JSON text, `jsonencode`, a data source) into a located tree.

use keylint_model::value::{THIS_ACCOUNT, UNKNOWN_PART};
use keylint_model::{Node, Val};

use crate::hcl::strip_locs;
use crate::json;

/// The policy document a value stands for, with the best locations available:
/// exact ones for literal JSON and `jsonencode`, grafted ones for a heredoc with
/// interpolations. `None` when the value is unknown.
pub fn policy_node(
    value: &Node,
    text_of: &dyn Fn(u32) -> Option<std::rc::Rc<String>>,
) -> Option<Node> {
    match &value.val {
        Val::Encoded(inner) => Some((**inner).clone()),
        Val::Obj(_) => Some(value.clone()),
        Val::Str(s) => {
            let escaped = s
                .replace(UNKNOWN_PART, "\\u0001")
                .replace(THIS_ACCOUNT, "\\u0002");
            let loc = value.loc;
            let text = loc.and_then(|l| text_of(l.file));
            let raw = loc
                .zip(text.as_deref())
                .and_then(|(l, t)| t.get(l.range()).map(|r| (l, r.to_owned())));
            if let Some((l, raw)) = &raw
                && raw == s
                && let Ok(n) = json::parse(raw, l.file, l.start as usize)
            {
                return Some(n);
            }
            match json::parse(&escaped, 0, 0) {
                Ok(mut parsed) => {
                    strip_locs(&mut parsed, loc);
                    if let Some((l, raw)) = &raw
                        && let Ok(located) = json::parse(raw, l.file, l.start as usize)
                    {
                        json::graft_locs(&mut parsed, &located);
                    }
                    Some(parsed)
                }
                // A known string that is not JSON is a broken policy; a partly unknown one
                // may only look broken because of what an interpolation stands for.
                Err(_) if s.contains(UNKNOWN_PART) => None,
                Err(_) => Some(value.clone()),
            }
        }
        _ => None,
    }
}
