//! The neutral resource view every front-end translates into and the extractors read:
//! an evaluated block (attributes and nested blocks, with locations) and a resource
//! (type, address, block).

use keylint_model::{Loc, Member, Node, Val};

/// An evaluated block: attributes and nested blocks, with locations.
#[derive(Clone, Debug)]
pub struct EBlock {
    pub ident: String,
    pub labels: Vec<String>,
    pub attrs: Vec<EAttr>,
    pub blocks: Vec<EBlock>,
    /// The whole block.
    pub loc: Loc,
    /// `resource "type" "name"` up to the last label.
    pub header: Loc,
}

#[derive(Clone, Debug)]
pub struct EAttr {
    pub name: String,
    pub value: Node,
    /// The whole `name = value`.
    pub loc: Loc,
}

impl EBlock {
    #[must_use]
    pub fn attr(&self, name: &str) -> Option<&EAttr> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// An attribute's value unless it is absent or `null` (Terraform treats `null` as unset).
    #[must_use]
    pub fn value(&self, name: &str) -> Option<&Node> {
        self.attr(name)
            .map(|a| &a.value)
            .filter(|v| !matches!(v.val, Val::Null))
    }

    #[must_use]
    pub fn loc_of(&self, name: &str) -> Option<Loc> {
        self.attr(name).map(|a| a.loc)
    }

    #[must_use]
    pub fn block(&self, ident: &str) -> Option<&EBlock> {
        self.blocks.iter().find(|b| b.ident == ident)
    }

    pub fn blocks<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a EBlock> + 'a {
        self.blocks.iter().filter(move |b| b.ident == ident)
    }

    /// Whether there may be `ident` blocks that cannot be seen: a Terraform `dynamic`
    /// block over an unknown `for_each`, or another format that has no such block (a cloud
    /// CLI export shows no Key Vault rotation policy). It is said with an attribute of the
    /// blocks' name holding an unknown value; Terraform itself writes these as blocks,
    /// never as attributes. Facts drawn from such blocks are then unknown, not absent.
    #[must_use]
    pub fn blocks_unknown(&self, ident: &str) -> bool {
        self.attr(ident)
            .is_some_and(|a| matches!(a.value.val, Val::Unknown))
    }

    /// The block as an object value (for `jsonencode`-like use of nested blocks).
    #[must_use]
    pub fn to_node(&self) -> Node {
        let mut members: Vec<Member> = self
            .attrs
            .iter()
            .map(|a| Member {
                key: a.name.clone(),
                key_loc: Some(a.loc),
                value: a.value.clone(),
            })
            .collect();
        for b in &self.blocks {
            members.push(Member {
                key: b.ident.clone(),
                key_loc: Some(b.header),
                value: b.to_node(),
            });
        }
        Node::new(Val::Obj(members), Some(self.loc))
    }
}

/// The type of a [`Res`] that stands for a module call keylint does not read (a registry,
/// Git or remote source `terraform init` has not installed): its evaluated arguments. Such
/// a module may configure what it is handed (a diagnostic setting on a vault, encryption
/// on a bucket) or add to the configuration (an alarm, an audit config), so what other
/// resources would say of those is unknown, never absent.
pub(crate) const UNREAD_MODULE: &str = "<module not read>";

/// A resource ready for extraction: its Terraform type, address and evaluated block.
pub(crate) struct Res {
    pub(crate) ty: String,
    /// What users call it (a Terraform address, a template's resource name), and what
    /// other resources refer to it by (`Val::Ref`).
    pub(crate) address: String,
    /// The entity id where the address may not be unique in the unit (two ARM resources
    /// of different types may share a name); the address otherwise.
    pub(crate) id: Option<String>,
    pub(crate) eb: EBlock,
    /// A resource read from a template (CloudFormation, ARM) for what only the template's
    /// own property paths say (the coverage table's `native` column): its template type and
    /// its properties as written (evaluated). `eb` then holds only its locations.
    pub(crate) native: Option<(String, Node)>,
}

impl Res {
    pub(crate) fn new(ty: impl Into<String>, address: impl Into<String>, eb: EBlock) -> Self {
        Self {
            ty: ty.into(),
            address: address.into(),
            id: None,
            eb,
            native: None,
        }
    }

    /// The id of its entity.
    pub(crate) fn id(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.address)
    }
}
