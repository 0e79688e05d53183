//! Small fact helpers shared by the Terraform, ARM and policy readers.

/// RSA modulus size named in a key spec or algorithm: `RSA_2048`, `RSA_SIGN_PSS_3072_SHA256`.
#[must_use]
pub fn rsa_bits(spec: &str) -> Option<i64> {
    let upper = spec.to_ascii_uppercase();
    if !upper.starts_with("RSA") {
        return None;
    }
    upper
        .split(['_', '-'])
        .find_map(|p| p.parse::<i64>().ok().filter(|n| *n >= 512))
}

/// The Cloud KMS key purpose each algorithm family belongs to, by name pattern
/// (RULES.md `gcp-kms-algorithm-purpose-invalid`; Cloud KMS "Key purposes and
/// algorithms"): `(prefix, suffix, purpose)`. An algorithm no pattern matches is unknown.
pub const GCP_ALGORITHM_PURPOSES: &[(&str, &str, &str)] = &[
    ("GOOGLE_SYMMETRIC_ENCRYPTION", "", "ENCRYPT_DECRYPT"),
    ("RSA_SIGN_", "", "ASYMMETRIC_SIGN"),
    ("EC_SIGN_", "", "ASYMMETRIC_SIGN"),
    ("PQ_SIGN_", "", "ASYMMETRIC_SIGN"),
    ("RSA_DECRYPT_", "", "ASYMMETRIC_DECRYPT"),
    ("HMAC_", "", "MAC"),
    ("AES_", "_GCM", "RAW_ENCRYPT_DECRYPT"),
    ("AES_", "_CBC", "RAW_ENCRYPT_DECRYPT"),
    ("AES_", "_CTR", "RAW_ENCRYPT_DECRYPT"),
    ("ML_KEM_", "", "KEY_ENCAPSULATION"),
    ("KEM_XWING", "", "KEY_ENCAPSULATION"),
];

/// Whether a Cloud KMS algorithm belongs to a key purpose: `None` when the algorithm or
/// the purpose is not in the table.
#[must_use]
pub fn gcp_algorithm_fits_purpose(algorithm: &str, purpose: &str) -> Option<bool> {
    let algorithm = algorithm.to_ascii_uppercase();
    let purpose = purpose.to_ascii_uppercase();
    if !GCP_ALGORITHM_PURPOSES
        .iter()
        .any(|(_, _, p)| *p == purpose.as_str())
    {
        return None;
    }
    let (_, _, family) = GCP_ALGORITHM_PURPOSES
        .iter()
        .find(|(pre, suf, _)| algorithm.starts_with(pre) && algorithm.ends_with(suf))?;
    Some(*family == purpose.as_str())
}

/// Seconds of a Google duration string (`"7776000s"`, `"86400.5s"`).
#[must_use]
pub fn gcp_seconds(s: &str) -> Option<i64> {
    let n = s.trim().strip_suffix('s')?;
    let whole = n.split('.').next()?;
    let secs: i64 = whole.parse().ok()?;
    // A fractional part makes it longer than the whole seconds.
    Some(
        if n.contains('.')
            && n.split('.')
                .nth(1)
                .is_some_and(|f| f.bytes().any(|b| b != b'0'))
        {
            secs + 1
        } else {
            secs
        },
    )
}

/// Days of an ISO 8601 duration as Key Vault uses it (`P90D`, `P3M`, `P1Y`, `P2W`);
/// months count 30 days and years 365. Time parts (`PT12H`) round up to a day.
#[must_use]
pub fn iso_days(s: &str) -> Option<i64> {
    let s = s.trim().to_ascii_uppercase();
    let rest = s.strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut days = 0i64;
    let mut num = String::new();
    for c in date.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: i64 = num.parse().ok()?;
        num.clear();
        days += match c {
            'Y' => n * 365,
            'M' => n * 30,
            'W' => n * 7,
            'D' => n,
            _ => return None,
        };
    }
    let mut secs = 0i64;
    for c in time.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: i64 = num.parse().ok()?;
        num.clear();
        secs += match c {
            'H' => n * 3600,
            'M' => n * 60,
            'S' => n,
            _ => return None,
        };
    }
    if !num.is_empty() {
        return None;
    }
    Some(days + (secs + 86_399) / 86_400)
}

/// FIPS 140 level of an Azure key type (RULES.md): `-HSM` types 3, software types 1.
#[must_use]
pub fn azure_key_fips(key_type: &str) -> Option<i64> {
    let t = key_type.to_ascii_uppercase();
    if t.ends_with("-HSM") {
        Some(3)
    } else if matches!(t.as_str(), "RSA" | "EC" | "OCT") {
        Some(1)
    } else {
        None
    }
}

/// FIPS level of a Google Cloud protection level.
#[must_use]
pub fn gcp_fips(protection_level: &str) -> Option<i64> {
    match protection_level.to_ascii_uppercase().as_str() {
        "SOFTWARE" => Some(1),
        "HSM" | "HSM_SINGLE_TENANT" => Some(3),
        _ => None,
    }
}

/// Days of an AWS Secrets Manager schedule expression: `rate(30 days)`, `rate(12 hours)`.
/// `cron(...)` schedules are not summed up (unknown).
#[must_use]
pub fn rate_days(expr: &str) -> Option<i64> {
    let inner = expr.trim().strip_prefix("rate(")?.strip_suffix(')')?;
    let mut parts = inner.split_whitespace();
    let n: i64 = parts.next()?.parse().ok()?;
    match parts.next()?.trim_end_matches('s') {
        "day" => Some(n),
        "hour" => Some((n + 23) / 24),
        "minute" => Some(1),
        _ => None,
    }
}

/// The longest gap between two runs, in days, that an AWS `cron(min hour dom month dow
/// year)` schedule certainly has: at least this many days pass between some two runs (in
/// a year of 365 days). Only the months field sets it: a day-of-month that is one number
/// keeps its day in each month; any other day field may run anywhere in a month, so the
/// gap is counted from the end of a month. `None` when the expression is not a cron, its
/// months field is not read, or a year field limits the runs.
#[must_use]
pub fn cron_min_gap_days(expr: &str) -> Option<i64> {
    const DAYS: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const NAMES: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let inner = expr.trim().strip_prefix("cron(")?.strip_suffix(')')?;
    let fields: Vec<&str> = inner.split_whitespace().collect();
    let [_, _, dom, months, _, year] = fields.as_slice() else {
        return None;
    };
    if *year != "*" {
        return None;
    }
    let month = |m: &str| -> Option<usize> {
        let m = m.trim();
        let n = match m.parse::<usize>() {
            Ok(n) => n,
            Err(_) => NAMES.iter().position(|n| n.eq_ignore_ascii_case(m))? + 1,
        };
        (1..=12).contains(&n).then_some(n)
    };
    let mut selected = [false; 12];
    for item in months.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, s.parse::<usize>().ok().filter(|s| *s > 0)?),
            None => (item, 1),
        };
        let (from, to) = match range {
            "*" => (1, 12),
            r => match r.split_once('-') {
                Some((a, b)) => (month(a)?, month(b)?),
                None if step > 1 => (month(r)?, 12),
                None => (month(r)?, month(r)?),
            },
        };
        if from > to {
            return None;
        }
        for m in (from..=to).step_by(step) {
            *selected.get_mut(m - 1)? = true;
        }
    }
    let fixed_day = dom.parse::<u32>().is_ok();
    let chosen: Vec<usize> = (0..12)
        .filter(|&m| selected.get(m) == Some(&true))
        .collect();
    let first = *chosen.first()?;
    let mut longest = 0;
    for (i, &m) in chosen.iter().enumerate() {
        let next = chosen.get(i + 1).copied().unwrap_or(first + 12);
        let span: i64 = (m..next)
            .map(|k| DAYS.get(k % 12).copied().unwrap_or(28))
            .sum();
        let from_month_end = DAYS.get(m).copied().unwrap_or(28) - 1;
        longest = longest.max(if fixed_day {
            span
        } else {
            span - from_month_end
        });
    }
    Some(longest)
}

/// Byte ranges of PEM private key blocks in a text.
#[must_use]
pub fn pem_private_keys(text: &str) -> Vec<std::ops::Range<usize>> {
    static BEGIN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("-----BEGIN "));
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| BEGIN.find(t.as_bytes())) {
        let start = from + i;
        let header_end = text
            .get(start + 11..)
            .and_then(|t| t.find("-----"))
            .map(|e| start + 11 + e);
        let Some(header_end) = header_end else { break };
        let label = text.get(start + 11..header_end).unwrap_or("");
        from = header_end + 5;
        if !label.ends_with("PRIVATE KEY") || label.len() > 40 {
            continue;
        }
        let end_marker = format!("-----END {label}-----");
        let end = text
            .get(from..)
            .and_then(|t| t.find(&end_marker))
            .map_or(from, |e| from + e + end_marker.len());
        out.push(start..end);
        from = end;
    }
    out
}

/// Every key permission of a Key Vault access policy (azurerm 4.x / ARM).
pub const KEY_PERMISSIONS: &[&str] = &[
    "Backup",
    "Create",
    "Decrypt",
    "Delete",
    "Encrypt",
    "Get",
    "Import",
    "List",
    "Purge",
    "Recover",
    "Restore",
    "Sign",
    "UnwrapKey",
    "Update",
    "Verify",
    "WrapKey",
    "Release",
    "Rotate",
    "GetRotationPolicy",
    "SetRotationPolicy",
];
pub const SECRET_PERMISSIONS: &[&str] = &[
    "Backup", "Delete", "Get", "List", "Purge", "Recover", "Restore", "Set",
];
pub const CERT_PERMISSIONS: &[&str] = &[
    "Backup",
    "Create",
    "Delete",
    "DeleteIssuers",
    "Get",
    "GetIssuers",
    "Import",
    "List",
    "ListIssuers",
    "ManageContacts",
    "ManageIssuers",
    "Purge",
    "Recover",
    "Restore",
    "SetIssuers",
    "Update",
];

/// One permission list of an access policy: every permission of its kind, the names
/// granted (`None` when unknown), and where it is written.
pub type PermissionList<'a> = (&'a [&'a str], Option<Vec<String>>, Option<crate::Loc>);

/// Facts of an access policy from its permission lists `(every permission of the kind,
/// the names granted or `None` when unknown, location)`: (grants `Purge`, grants every
/// permission of some kind or `all`, evidence).
#[must_use]
pub fn access_policy(
    lists: &[PermissionList<'_>],
) -> (Option<bool>, Option<bool>, Option<crate::Loc>) {
    let (mut purge, mut all, mut evidence) = (Some(false), Some(false), None);
    for (full, names, loc) in lists {
        let Some(names) = names else {
            purge = purge.filter(|p| *p);
            all = all.filter(|a| *a);
            continue;
        };
        let has = |p: &str| names.iter().any(|n| n.eq_ignore_ascii_case(p));
        if has("purge") {
            purge = purge.map(|_| true);
            evidence = evidence.or(*loc);
        }
        if has("all") || full.iter().all(|p| has(p)) {
            all = all.map(|_| true);
            evidence = evidence.or(*loc);
        }
    }
    (purge, all, evidence)
}

/// An AWS managed key named by alias: `alias/aws/<service>`, the bare `aws/<service>`
/// that Secrets Manager also accepts, or an alias ARN `arn:aws:kms:<region>:<acct>:alias/aws/...`.
#[must_use]
pub fn is_aws_managed_key(id: &str) -> bool {
    id.starts_with("alias/aws/") || id.starts_with("aws/") || id.contains(":alias/aws/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algorithms::aws_spec_takes_usage;

    #[test]
    fn durations() {
        assert_eq!(gcp_seconds("7776000s"), Some(7_776_000));
        assert_eq!(gcp_seconds("7776000.5s"), Some(7_776_001));
        assert_eq!(iso_days("P90D"), Some(90));
        assert_eq!(iso_days("P1Y"), Some(365));
        assert_eq!(iso_days("P3M"), Some(90));
        assert_eq!(iso_days("PT36H"), Some(2));
        assert_eq!(iso_days("90 days"), None);
        assert_eq!(rate_days("rate(30 days)"), Some(30));
        assert_eq!(rate_days("rate(1 day)"), Some(1));
        // cron: the gap its months field certainly leaves.
        assert_eq!(cron_min_gap_days("cron(0 3 1 1 ? *)"), Some(365));
        assert_eq!(cron_min_gap_days("cron(0 3 1 */6 ? *)"), Some(184));
        assert_eq!(cron_min_gap_days("cron(0 3 1 JAN,JUL ? *)"), Some(184));
        assert_eq!(cron_min_gap_days("cron(0 3 1 1/3 ? *)"), Some(92));
        assert_eq!(cron_min_gap_days("cron(0 3 1 * ? *)"), Some(31));
        // Weekly within January only: from January's last days to next January's first.
        assert_eq!(cron_min_gap_days("cron(0 3 ? 1 MON *)"), Some(335));
        assert_eq!(cron_min_gap_days("cron(0 3 ? * MON *)"), Some(1));
        assert_eq!(cron_min_gap_days("cron(0 3 1 1 ? 2027)"), None);
        assert_eq!(cron_min_gap_days("cron(0 3 1 13 ? *)"), None);
        assert_eq!(cron_min_gap_days("rate(30 days)"), None);
        assert_eq!(rate_days("cron(0 0 * * ? *)"), None);
    }

    #[test]
    fn spec_usage_and_algorithm_purpose_tables() {
        assert_eq!(
            aws_spec_takes_usage("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"),
            Some(true)
        );
        assert_eq!(
            aws_spec_takes_usage("SYMMETRIC_DEFAULT", "SIGN_VERIFY"),
            Some(false)
        );
        assert_eq!(
            aws_spec_takes_usage("ECC_NIST_P256", "ENCRYPT_DECRYPT"),
            Some(false)
        );
        assert_eq!(
            aws_spec_takes_usage("ecc_nist_p384", "key_agreement"),
            Some(true)
        );
        assert_eq!(
            aws_spec_takes_usage("HMAC_256", "GENERATE_VERIFY_MAC"),
            Some(true)
        );
        assert_eq!(
            aws_spec_takes_usage("ML_DSA_65", "ENCRYPT_DECRYPT"),
            Some(false)
        );
        assert_eq!(aws_spec_takes_usage("SM2", "KEY_AGREEMENT"), Some(true));
        // Specs and usages AWS may add are unknown.
        assert_eq!(aws_spec_takes_usage("ML_KEM_768", "KEY_AGREEMENT"), None);
        assert_eq!(aws_spec_takes_usage("RSA_2048", "WRAP_UNWRAP"), None);
        let fit = gcp_algorithm_fits_purpose;
        assert_eq!(
            fit("GOOGLE_SYMMETRIC_ENCRYPTION", "ENCRYPT_DECRYPT"),
            Some(true)
        );
        assert_eq!(
            fit("RSA_SIGN_PSS_3072_SHA256", "ASYMMETRIC_DECRYPT"),
            Some(false)
        );
        assert_eq!(fit("EC_SIGN_P256_SHA256", "ASYMMETRIC_SIGN"), Some(true));
        assert_eq!(fit("PQ_SIGN_ML_DSA_65", "ASYMMETRIC_SIGN"), Some(true));
        assert_eq!(fit("AES_256_GCM", "RAW_ENCRYPT_DECRYPT"), Some(true));
        assert_eq!(fit("AES_256_GCM", "ENCRYPT_DECRYPT"), Some(false));
        assert_eq!(fit("HMAC_SHA256", "MAC"), Some(true));
        assert_eq!(fit("ML_KEM_768", "KEY_ENCAPSULATION"), Some(true));
        assert_eq!(fit("KEM_XWING", "ASYMMETRIC_DECRYPT"), Some(false));
        // External keys and purposes not in the table are unknown.
        assert_eq!(
            fit("EXTERNAL_SYMMETRIC_ENCRYPTION", "ENCRYPT_DECRYPT"),
            None
        );
        assert_eq!(fit("GOOGLE_SYMMETRIC_ENCRYPTION", "NEW_PURPOSE"), None);
    }

    #[test]
    fn specs() {
        assert_eq!(rsa_bits("RSA_2048"), Some(2048));
        assert_eq!(rsa_bits("RSA_SIGN_PSS_3072_SHA256"), Some(3072));
        assert_eq!(rsa_bits("EC_SIGN_P256_SHA256"), None);
        assert_eq!(azure_key_fips("RSA-HSM"), Some(3));
        assert_eq!(azure_key_fips("oct"), Some(1));
        assert_eq!(gcp_fips("EXTERNAL"), None);
    }

    #[test]
    fn pem_blocks() {
        let t = "a\n-----BEGIN RSA PRIVATE KEY-----\nAAA\n-----END RSA PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n";
        let r = pem_private_keys(t);
        assert_eq!(r.len(), 1);
        assert!(t[r[0].clone()].ends_with("KEY-----"));
    }
}
