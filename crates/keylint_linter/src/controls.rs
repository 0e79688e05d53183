//! The compliance crosswalk: the frameworks keylint maps its rules to, and the catalog of
//! control ids with their titles and sources (`policies/controls.toml`, read by
//! `build.rs`). A rule names the controls it evidences in its `@controls` annotation.

use crate::pack::CONTROL_CATALOG;

/// A compliance framework, at the one version keylint maps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Framework {
    CisAws,
    CisAzure,
    CisGcp,
    PciDss,
    Nist80053,
    BsiC5,
}

impl Framework {
    pub const ALL: [Framework; 6] = [
        Framework::CisAws,
        Framework::CisAzure,
        Framework::CisGcp,
        Framework::PciDss,
        Framework::Nist80053,
        Framework::BsiC5,
    ];

    /// The name `--framework` takes: `cis-aws`, `pci-dss`, `nist-800-53`, ...
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::CisAws => "cis-aws",
            Self::CisAzure => "cis-azure",
            Self::CisGcp => "cis-gcp",
            Self::PciDss => "pci-dss",
            Self::Nist80053 => "nist-800-53",
            Self::BsiC5 => "bsi-c5",
        }
    }

    /// What a control id of this framework starts with, version included
    /// (`pci-dss-4.0` in `pci-dss-4.0:3.6.1`).
    #[must_use]
    pub fn prefix(self) -> &'static str {
        match self {
            Self::CisAws => "cis-aws-7.0.0",
            Self::CisAzure => "cis-azure-6.0.0",
            Self::CisGcp => "cis-gcp-5.0.0",
            Self::PciDss => "pci-dss-4.0",
            Self::Nist80053 => "nist-800-53-r5",
            Self::BsiC5 => "bsi-c5-2025",
        }
    }

    /// The framework's full name and version.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::CisAws => "CIS Amazon Web Services Foundations Benchmark v7.0.0",
            Self::CisAzure => "CIS Microsoft Azure Foundations Benchmark v6.0.0",
            Self::CisGcp => "CIS Google Cloud Platform Foundation Benchmark v5.0.0",
            Self::PciDss => "PCI DSS v4.0",
            Self::Nist80053 => "NIST SP 800-53 Rev. 5",
            Self::BsiC5 => "BSI C5:2025",
        }
    }

    /// The framework a built-in profile is audited against (`None`: name one with
    /// `--framework`).
    #[must_use]
    pub fn of_profile(profile: &str) -> Option<Self> {
        match profile {
            "pci-dss" => Some(Self::PciDss),
            "fedramp-high" => Some(Self::Nist80053),
            "bsi-tr-02102" => Some(Self::BsiC5),
            _ => None,
        }
    }

    /// The framework of a control id (`None`: no known prefix, or a malformed item).
    #[must_use]
    pub fn of_control(id: &str) -> Option<Self> {
        let (prefix, item) = id.split_once(':')?;
        let f = Self::ALL.into_iter().find(|f| f.prefix() == prefix)?;
        f.item_is_valid(item).then_some(f)
    }

    /// Whether `item` has the form of an item of this framework: dotted numbers for CIS
    /// and PCI DSS (`3.6.1.2`, `A1.1.1` for PCI's appendices), a control and optional
    /// enhancement for NIST (`SC-12`, `IA-5(7)`), a criterion for C5 (`CRY-07`).
    #[must_use]
    pub fn item_is_valid(self, item: &str) -> bool {
        let dotted = |s: &str| !s.is_empty() && s.split('.').all(numeric);
        match self {
            Self::CisAws | Self::CisAzure | Self::CisGcp => dotted(item),
            Self::PciDss => {
                let rest = item.strip_prefix('A').unwrap_or(item);
                dotted(rest)
            }
            Self::Nist80053 => {
                let (base, enhancement) = match item.split_once('(') {
                    Some((b, e)) => (b, Some(e.strip_suffix(')').unwrap_or("x"))),
                    None => (item, None),
                };
                let family_control = base.split_once('-').is_some_and(|(f, n)| {
                    f.len() == 2 && f.bytes().all(|b| b.is_ascii_uppercase()) && numeric(n)
                });
                family_control && enhancement.is_none_or(numeric)
            }
            Self::BsiC5 => item.split_once('-').is_some_and(|(area, n)| {
                (2..=4).contains(&area.len())
                    && area.bytes().all(|b| b.is_ascii_uppercase())
                    && n.len() == 2
                    && numeric(n)
            }),
        }
    }
}

/// One or more ASCII digits.
fn numeric(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A control of the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatalogEntry {
    pub id: &'static str,
    pub title: &'static str,
    pub source: &'static str,
}

/// Every control of the catalog, in file order.
pub fn catalog() -> impl Iterator<Item = CatalogEntry> {
    CONTROL_CATALOG
        .iter()
        .map(|&(id, title, source)| CatalogEntry { id, title, source })
}

/// The catalog entry of a control id.
#[must_use]
pub fn lookup(id: &str) -> Option<CatalogEntry> {
    catalog().find(|c| c.id == id)
}

/// A control id with its title and source from the catalog (empty when it has none).
#[must_use]
pub fn describe(id: &str) -> keylint_model::Control {
    let entry = lookup(id);
    keylint_model::Control {
        id: id.to_owned(),
        title: entry.map(|e| e.title.to_owned()).unwrap_or_default(),
        source: entry.map(|e| e.source.to_owned()).unwrap_or_default(),
    }
}

/// The order controls are listed in: by framework, then item number by number
/// (`3.6.1` before `3.6.1.2` before `3.7.1`, `SC-12` before `SC-12(1)` before `SC-13`).
#[must_use]
pub fn order_key(id: &str) -> (usize, Vec<(bool, u64, String)>) {
    let (prefix, item) = id.split_once(':').unwrap_or(("", id));
    let rank = Framework::ALL
        .iter()
        .position(|f| f.prefix() == prefix)
        .unwrap_or(Framework::ALL.len());
    let parts = item
        .split(['.', '-', '(', ')'])
        .filter(|p| !p.is_empty())
        .map(|p| match p.parse::<u64>() {
            Ok(n) => (false, n, String::new()),
            Err(_) => (true, 0, p.to_owned()),
        })
        .collect();
    (rank, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_forms() {
        for ok in [
            "cis-aws-7.0.0:4.6",
            "cis-azure-6.0.0:6.1.1.4",
            "pci-dss-4.0:3.6.1.2",
            "pci-dss-4.0:A1.1.1",
            "nist-800-53-r5:SC-12",
            "nist-800-53-r5:IA-5(7)",
            "bsi-c5-2025:CRY-07",
        ] {
            assert!(Framework::of_control(ok).is_some(), "{ok}");
        }
        for bad in [
            "cis-aws-3.0.0:3.6",
            "cis-aws-7.0.0:4.x",
            "cis-aws-7.0.0:",
            "pci-dss-4.0:3..1",
            "nist-800-53-r5:sc-12",
            "nist-800-53-r5:SC-12(",
            "nist-800-53-r5:SC-12(a)",
            "bsi-c5-2025:CRY-7",
            "bsi-c5-2025:CRY07",
            "iso-27001:A.5.1",
            "SC-12",
        ] {
            assert!(Framework::of_control(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn controls_sort_by_number() {
        let mut ids = vec![
            "pci-dss-4.0:3.7.1",
            "nist-800-53-r5:SC-13",
            "pci-dss-4.0:10.2.1",
            "pci-dss-4.0:3.6.1.2",
            "nist-800-53-r5:SC-12(1)",
            "pci-dss-4.0:3.6.1",
            "nist-800-53-r5:SC-12",
            "cis-aws-7.0.0:4.6",
        ];
        ids.sort_by_key(|id| order_key(id));
        assert_eq!(
            ids,
            [
                "cis-aws-7.0.0:4.6",
                "pci-dss-4.0:3.6.1",
                "pci-dss-4.0:3.6.1.2",
                "pci-dss-4.0:3.7.1",
                "pci-dss-4.0:10.2.1",
                "nist-800-53-r5:SC-12",
                "nist-800-53-r5:SC-12(1)",
                "nist-800-53-r5:SC-13",
            ]
        );
    }
}
