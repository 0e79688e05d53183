//! Entities: the records Cedar rules judge.

use std::collections::BTreeMap;

use crate::Loc;

/// The kinds of thing keylint reasons about. Each is one Cedar entity type in
/// `policies/schema.cedarschema` (`Keylint::<name>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A cryptographic key of any provider.
    Key,
    /// A key vault, Managed HSM, key ring or custom key store.
    KeyContainer,
    /// A whole AWS key policy or identity policy document.
    PolicyDocument,
    /// One statement of an AWS policy document.
    Statement,
    /// An IAM binding or member (Google Cloud) or an access policy (Azure).
    Binding,
    /// A KMS grant.
    Grant,
    /// A stored secret (Secrets Manager, Key Vault secret).
    Secret,
    /// A Key Vault certificate.
    Certificate,
    /// Secret material written into a file (a PEM private key block, ...).
    Material,
    /// An inline `keylint:ignore` comment.
    Suppression,
    /// A HashiCorp Vault server configuration, or one of its listeners.
    Server,
    /// A resource of another cloud service judged for how it watches or uses keys (a
    /// CloudTrail trail).
    CloudResource,
}

impl EntityKind {
    pub const ALL: [EntityKind; 12] = [
        EntityKind::Key,
        EntityKind::KeyContainer,
        EntityKind::PolicyDocument,
        EntityKind::Statement,
        EntityKind::Binding,
        EntityKind::Grant,
        EntityKind::Secret,
        EntityKind::Certificate,
        EntityKind::Material,
        EntityKind::Suppression,
        EntityKind::Server,
        EntityKind::CloudResource,
    ];

    /// The Cedar entity type name, without namespace.
    #[must_use]
    pub fn cedar_name(self) -> &'static str {
        match self {
            EntityKind::Key => "Key",
            EntityKind::KeyContainer => "KeyContainer",
            EntityKind::PolicyDocument => "PolicyDocument",
            EntityKind::Statement => "Statement",
            EntityKind::Binding => "Binding",
            EntityKind::Grant => "Grant",
            EntityKind::Secret => "Secret",
            EntityKind::Certificate => "Certificate",
            EntityKind::Material => "Material",
            EntityKind::Suppression => "Suppression",
            EntityKind::Server => "Server",
            EntityKind::CloudResource => "CloudResource",
        }
    }
}

/// A fact's value. Only known facts are stored: an unknown value is an absent attribute,
/// so a Cedar rule written `resource has x && ...` never fires on it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(untagged)]
pub enum AttrValue {
    Bool(bool),
    Long(i64),
    Str(String),
    Set(Vec<String>),
}

impl AttrValue {
    /// The value as users read it ([`crate::value::shown`]: no internal marker).
    #[must_use]
    pub fn shown(&self) -> AttrValue {
        use crate::value::shown;
        match self {
            AttrValue::Str(s) => AttrValue::Str(shown(s).into_owned()),
            AttrValue::Set(items) => {
                AttrValue::Set(items.iter().map(|i| shown(i).into_owned()).collect())
            }
            v => v.clone(),
        }
    }
}

impl std::fmt::Display for AttrValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::Long(n) => write!(f, "{n}"),
            AttrValue::Str(s) => f.write_str(s),
            AttrValue::Set(items) => f.write_str(&items.join(", ")),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    /// Unique within a lint unit.
    pub id: String,
    /// What a user calls it: `aws_kms_key.payments`, an ARM resource name, a statement Sid.
    pub resource: String,
    /// Where it is: a block header, a JSON object.
    pub loc: Loc,
    pub attrs: BTreeMap<&'static str, AttrValue>,
    /// Side table: attribute or fact name -> location of its evidence.
    pub spans: BTreeMap<&'static str, Loc>,
    /// Location of the whole block, used to match suppressions.
    pub block: Loc,
    /// A key's container declared in the same unit (the `id` of its key vault, key ring or
    /// custom key store entity), for the key inventory; not a Cedar attribute.
    pub container: Option<String>,
}

impl Entity {
    #[must_use]
    pub fn new(
        kind: EntityKind,
        id: impl Into<String>,
        resource: impl Into<String>,
        loc: Loc,
    ) -> Self {
        Self {
            kind,
            id: id.into(),
            resource: resource.into(),
            loc,
            attrs: BTreeMap::new(),
            spans: BTreeMap::new(),
            block: loc,
            container: None,
        }
    }

    pub fn set(&mut self, name: &'static str, value: AttrValue) -> &mut Self {
        self.attrs.insert(name, value);
        self
    }

    pub fn set_str(&mut self, name: &'static str, value: impl Into<String>) -> &mut Self {
        self.set(name, AttrValue::Str(value.into()))
    }

    pub fn set_bool(&mut self, name: &'static str, value: bool) -> &mut Self {
        self.set(name, AttrValue::Bool(value))
    }

    pub fn set_long(&mut self, name: &'static str, value: i64) -> &mut Self {
        self.set(name, AttrValue::Long(value))
    }

    /// Set a fact if known, and remember where its evidence is.
    pub fn fact<T>(&mut self, name: &'static str, value: Option<T>, loc: Option<Loc>) -> &mut Self
    where
        T: Into<AttrValue>,
    {
        if let Some(v) = value {
            self.attrs.insert(name, v.into());
        }
        self.span(name, loc)
    }

    pub fn span(&mut self, name: &'static str, loc: Option<Loc>) -> &mut Self {
        if let Some(loc) = loc {
            self.spans.insert(name, loc);
        }
        self
    }

    #[must_use]
    pub fn get(&self, name: &str) -> Option<&AttrValue> {
        self.attrs.get(name)
    }

    #[must_use]
    pub fn get_bool(&self, name: &str) -> Option<bool> {
        match self.attrs.get(name) {
            Some(AttrValue::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    #[must_use]
    pub fn get_str(&self, name: &str) -> Option<&str> {
        match self.attrs.get(name) {
            Some(AttrValue::Str(s)) => Some(s),
            _ => None,
        }
    }
}

impl From<bool> for AttrValue {
    fn from(v: bool) -> Self {
        AttrValue::Bool(v)
    }
}
impl From<i64> for AttrValue {
    fn from(v: i64) -> Self {
        AttrValue::Long(v)
    }
}
impl From<String> for AttrValue {
    fn from(v: String) -> Self {
        AttrValue::Str(v)
    }
}
impl From<&str> for AttrValue {
    fn from(v: &str) -> Self {
        AttrValue::Str(v.to_owned())
    }
}
impl From<Vec<String>> for AttrValue {
    fn from(mut v: Vec<String>) -> Self {
        v.sort();
        v.dedup();
        AttrValue::Set(v)
    }
}
