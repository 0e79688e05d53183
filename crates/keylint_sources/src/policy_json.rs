//! Raw AWS policy JSON files: key policies and identity policies, told apart by content.
//! A resource policy of another service (an S3 bucket policy, a role's trust policy) is
//! not read: see [`PolicyKind::detect`].

use keylint_model::iam::{self, PolicyKind, PolicySource};
use keylint_model::{Node, Val};

use crate::UnitOutput;

/// A policy document keylint judges: an object with a `Statement` that is an identity
/// policy or a key policy.
#[must_use]
pub fn is_policy(node: &Node) -> bool {
    matches!(node.val, Val::Obj(_)) && PolicyKind::detect(node).is_some()
}

pub fn read(node: &Node, out: &mut UnitOutput) {
    let Some(kind) = PolicyKind::detect(node) else {
        return;
    };
    let path = out
        .files
        .first()
        .map(|f| f.path.clone())
        .unwrap_or_default();
    let loc = node.loc.unwrap_or_default();
    let src = PolicySource {
        kind,
        kind_declared: false,
        id: path,
        owner: None,
        key_account: if kind == PolicyKind::Key {
            iam::key_account(node)
        } else {
            None
        },
        loc,
        block: loc,
    };
    out.entities.extend(iam::analyze(node, &src));
}
