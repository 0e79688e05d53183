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

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<PolicyKind> {
        PolicyKind::detect(&crate::json::parse(text, 0, 0).unwrap())
    }

    #[test]
    fn only_policies_about_kms_are_key_policies() {
        let st = |body: &str| format!("{{\"Statement\": [{{\"Effect\": \"Allow\", {body}}}]}}");
        let p = "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}";
        assert_eq!(
            kind(&st(&format!("{p}, \"Action\": \"kms:*\""))),
            Some(PolicyKind::Key)
        );
        assert_eq!(
            kind(&st(&format!("{p}, \"Action\": [\"KMS:De*\", \"*\"]"))),
            Some(PolicyKind::Key)
        );
        // A misspelt KMS action is still about KMS (and then invalid).
        assert_eq!(
            kind(&st(&format!("{p}, \"Action\": \"kms:Decrypto\""))),
            Some(PolicyKind::Key)
        );
        assert_eq!(
            kind(&st(&format!("{p}, \"NotAction\": \"kms:Decrypt\""))),
            Some(PolicyKind::Key)
        );
        // `*` alone, or a value that is not a string, may be any service's policy: a VPC
        // endpoint policy, a resource control policy.
        assert_eq!(kind(&st(&format!("{p}, \"Action\": \"*\""))), None);
        assert_eq!(kind(&st(&format!("{p}, \"Action\": 7"))), None);
        // Trust policies, bucket policies, policies over several services.
        assert_eq!(
            kind(&st(
                "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\""
            )),
            None
        );
        assert_eq!(kind(&st(&format!("{p}, \"Action\": [\"s3:*\"]"))), None);
        assert_eq!(
            kind(&st(&format!(
                "{p}, \"Action\": [\"s3:Get*\", \"kms:Decrypt\"]"
            ))),
            None
        );
        assert_eq!(
            kind(&st(&format!("{p}, \"NotAction\": \"s3:GetObject\""))),
            None
        );
        // No principal: an identity policy, whatever it grants.
        assert_eq!(
            kind(&st("\"Action\": \"s3:*\", \"Resource\": \"*\"")),
            Some(PolicyKind::Identity)
        );
        let bucket = st(&format!("{p}, \"Action\": \"s3:GetObject\""));
        assert!(!is_policy(&crate::json::parse(&bucket, 0, 0).unwrap()));
    }
}
