//! AWS KMS keys, grants and policies, Secrets Manager, and Vault transit keys.

use keylint_model::iam::{self, PolicyKind};
use keylint_model::unit::{Metric, MetricFilter, Seen, WATCHED};
use keylint_model::value::UNKNOWN_PART;
use keylint_model::{EntityKind, Loc, Node, Val};

use super::base::*;
use crate::facts;
use crate::policy::policy_node;
use crate::resource::{EBlock, Res};

impl Extractor<'_> {
    pub(super) fn aws_key(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Key, r, "aws");
        let replica = matches!(
            r.ty.as_str(),
            "aws_kms_replica_key" | "aws_kms_replica_external_key"
        );
        let external = matches!(
            r.ty.as_str(),
            "aws_kms_external_key" | "aws_kms_replica_external_key"
        );
        // Deletion window, lockout check, state, region, spec, usage and rotation
        // settings: rows of the table. A replica's spec, usage and rotation are its
        // primary's (unknown here).
        row_facts(&mut e, eb, &r.ty);
        let spec = e.get_str("key_spec").map(str::to_owned);
        let spec = spec.as_deref();
        let usage = e.get_str("key_usage").map(str::to_owned);
        let usage = usage.as_deref();
        let spec_loc = e.spans.get("key_spec").copied();
        let usage_loc = e.spans.get("key_usage").copied();
        if let Some(bits) = spec.and_then(facts::rsa_bits) {
            e.fact("rsa_bits", Some(bits), spec_loc);
        }
        // A spec and usage the create call refuses together.
        if let (Some(spec), Some(usage)) = (spec, usage) {
            e.fact(
                "spec_usage_valid",
                crate::algorithms::aws_spec_takes_usage(spec, usage),
                usage_loc.or(spec_loc),
            );
        }
        // Where the key material lives.
        let store_attr = eb.value("custom_key_store_id");
        e.container = self.container_of(store_attr);
        let xks = eb.value("xks_key_id").is_some();
        // CloudFormation says it with `Origin`.
        let origin = eb.value("origin");
        let store: Option<&str> = if external {
            Some("imported")
        } else if let Some(o) = origin {
            o.as_str().map(|o| match o {
                "EXTERNAL" => "imported",
                "AWS_CLOUDHSM" => "cloudhsm",
                "EXTERNAL_KEY_STORE" => "external",
                _ => "aws",
            })
        } else if xks {
            Some("external")
        } else if let Some(store_ref) = store_attr {
            // A store declared in the module tells its type (absent: AWS_CLOUDHSM).
            let declared = ref_of(Some(store_ref)).and_then(|a| self.find(a));
            Some(
                match declared.map(|s| s.eb.value("custom_key_store_type").map(Node::as_str)) {
                    Some(None) => "cloudhsm",
                    Some(Some(Some("EXTERNAL_KEY_STORE"))) => "external",
                    Some(Some(Some(_))) => "cloudhsm",
                    Some(Some(None)) | None => "custom",
                },
            )
        } else {
            Some("aws")
        };
        let store_loc = eb
            .loc_of("custom_key_store_id")
            .or_else(|| eb.loc_of("xks_key_id"))
            .or_else(|| eb.loc_of("origin"));
        if let Some(store) = store {
            e.fact("key_store", Some(store), store_loc);
            let fips = match store {
                "aws" | "cloudhsm" | "imported" => Some(3),
                _ => None,
            };
            e.fact("fips_level", fips, store_loc);
            e.fact(
                "single_tenant_hsm",
                Some(matches!(store, "cloudhsm" | "external" | "custom")),
                store_loc,
            );
        }
        // Rotation (a replica of a key with imported material cannot rotate either).
        if !replica || external {
            let symmetric = spec.map(|s| s == "SYMMETRIC_DEFAULT");
            let encrypt = usage.map(|u| u == "ENCRYPT_DECRYPT");
            let rotatable = match (symmetric, encrypt, store) {
                (Some(s), Some(u), Some(st)) => Some(s && u && st == "aws"),
                (Some(false), _, _) | (_, Some(false), _) => Some(false),
                (_, _, Some(st)) if st != "aws" => Some(false),
                _ => None,
            };
            e.fact("rotatable", rotatable, spec_loc.or(usage_loc).or(store_loc));
        }
        if external {
            // Absent, `null` or `""` (unset for the provider): the material does not
            // expire. Set: it expires, also when the date is known only at apply
            // (RULES.md), unless the expression as written can itself be `null`
            // (`var.x ? "..." : null`): then unknown.
            let expires = is_set(eb, "valid_to", self.text_of);
            e.fact("material_expires", expires, eb.loc_of("valid_to"));
            if let Some(m) = eb.value("key_material_base64") {
                if m.as_str().is_some_and(|s| !s.is_empty()) {
                    e.fact(
                        "key_material_literal",
                        Some(true),
                        eb.loc_of("key_material_base64"),
                    );
                }
                self.redact(Some(m), eb.loc_of("key_material_base64"));
            }
        }
        // Policy: inline, or attached by aws_kms_key_policy.
        let attached = self.attached.get(&r.address).map_or(&[][..], Vec::as_slice);
        let account = self
            .docs
            .get(&r.address)
            .and_then(iam::key_account)
            .or_else(|| {
                attached
                    .iter()
                    .filter_map(|a| self.docs.get(a))
                    .find_map(iam::key_account)
            });
        if let Some(a) = &account {
            e.set_str("account", a.clone());
        }
        let has_policy = !key_policy_unset(eb) || !attached.is_empty();
        e.fact("has_policy", Some(has_policy), eb.loc_of("policy"));
        self.out.entities.push(e);
        let entities = self.policy(r, PolicyKind::Key, account);
        self.out.entities.extend(entities);
    }

    /// A Vault transit key: export, backup, deletion and rotation settings.
    pub(super) fn vault_transit_key(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Key, r, "vault");
        // Export, backup, deletion and type: rows of the table.
        row_facts(&mut e, eb, &r.ty);
        // `auto_rotate_period` in seconds; 0 or absent: never.
        let (period, loc, present) = match eb.value("auto_rotate_period") {
            Some(v) => (v.as_i64(), eb.loc_of("auto_rotate_period"), true),
            None => (None, None, false),
        };
        if present {
            e.fact("auto_rotate", period.map(|p| p > 0), loc);
        } else {
            e.set_bool("auto_rotate", false);
        }
        let ty_loc = e.spans.get("key_type").copied();
        if let Some(bits) = e
            .get_str("key_type")
            .and_then(|t| t.strip_prefix("rsa-"))
            .and_then(|b| b.parse::<i64>().ok())
        {
            e.fact("rsa_bits", Some(bits), ty_loc);
        }
        // RULES.md: Vault transit keys live in software (FIPS 140 level 1).
        e.fact("fips_level", Some(1), None);
        self.out.entities.push(e);
    }

    pub(super) fn aws_key_policy(&mut self, r: &Res) {
        let eb = &r.eb;
        // The key's account comes from this policy, or else from the key's inline policy.
        let key = ref_of(eb.value("key_id"));
        let account = self
            .docs
            .get(&r.address)
            .and_then(iam::key_account)
            .or_else(|| {
                key.and_then(|k| self.docs.get(k))
                    .and_then(iam::key_account)
            });
        let mut entities = self.policy(r, PolicyKind::Key, account);
        let (bypass, loc, present) = get_bool(eb, "bypass_policy_lockout_safety_check");
        if let (true, Some(doc)) = (
            present,
            entities
                .iter_mut()
                .find(|e| e.kind == EntityKind::PolicyDocument),
        ) {
            doc.fact("bypass_lockout", bypass, loc);
        }
        self.out.entities.extend(entities);
    }

    pub(super) fn aws_grant(&mut self, r: &Res) {
        let mut e = self.entity(EntityKind::Grant, r, "aws");
        if let Some(ops) = r.eb.value("operations") {
            let names: Option<Vec<String>> = ops
                .items()
                .iter()
                .map(|o| o.as_str().map(str::to_owned))
                .collect();
            if let Some(names) = names {
                let decrypt = names
                    .iter()
                    .any(|n| keylint_model::kms_actions::DECRYPT_CAPABLE.contains(&n.as_str()));
                e.fact("grants_decrypt", Some(decrypt), r.eb.loc_of("operations"));
                e.set("operations", names.into());
            }
        }
        self.out.entities.push(e);
    }

    pub(super) fn aws_secret(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Secret, r, "aws");
        match eb.value("kms_key_id") {
            None => {
                e.set_bool("customer_managed_key", false);
            }
            Some(v) => {
                let cmk = match &v.val {
                    Val::Ref(_) => Some(true),
                    // The known parts of a partly unknown id can name an AWS managed
                    // alias (`arn:aws:kms:${region}:${account}:alias/aws/secretsmanager`).
                    _ => v.as_partial_str().and_then(|s| {
                        if is_aws_managed_key(s) {
                            Some(false)
                        } else if s.contains(UNKNOWN_PART) {
                            None
                        } else {
                            Some(!s.is_empty())
                        }
                    }),
                };
                e.fact("customer_managed_key", cmk, eb.loc_of("kms_key_id"));
            }
        }
        row_facts(&mut e, eb, &r.ty);
        self.out.entities.push(e);
    }

    pub(super) fn aws_secret_rotation(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::Secret, r, "aws");
        match eb.block("rotation_rules") {
            None if block_unknown(eb, "rotation_rules") => {}
            None => {
                e.set_bool("rotation_scheduled", false);
            }
            Some(rules) => {
                let (days, loc, present) = get_i64(rules, "automatically_after_days");
                let (expr, expr_loc, expr_present) = get_str(rules, "schedule_expression");
                // `rotation_rules` with neither (only a `duration`) schedules nothing.
                e.set_bool("rotation_scheduled", present || expr_present);
                if present {
                    e.fact("rotation_days", days, loc);
                } else if let Some(expr) = expr {
                    let days = facts::rate_days(expr).or_else(|| facts::cron_min_gap_days(expr));
                    e.fact("rotation_days", days, expr_loc);
                }
            }
        }
        self.out.entities.push(e);
    }
}

/// Whether a trail's event selector logs KMS management events (`None`: unknown).
type SelectorReading = fn(&EBlock) -> Option<bool>;

/// The event source of KMS in CloudTrail.
const KMS_SOURCE: &str = "kms.amazonaws.com";

/// Whether a list attribute holds `kms.amazonaws.com`: `None` when an item is unknown.
fn names_kms(list: &Node) -> Option<bool> {
    let mut unknown = false;
    for item in list.items() {
        match item.as_str() {
            Some(s) if s.eq_ignore_ascii_case(KMS_SOURCE) => return Some(true),
            Some(_) => {}
            None => unknown = true,
        }
    }
    if unknown { None } else { Some(false) }
}

/// Whether a basic event selector logs KMS management events.
fn selector_logs_kms(sel: &EBlock) -> Option<bool> {
    let (include, _, present) = get_bool(sel, "include_management_events");
    let include = if present { include? } else { true };
    if !include {
        return Some(false);
    }
    match sel.value("exclude_management_event_sources") {
        None => Some(true),
        Some(list) => names_kms(list).map(|k| !k),
    }
}

/// Whether an advanced event selector logs KMS management events: it selects
/// `eventCategory` `Management` and does not leave `kms.amazonaws.com` out by its
/// `eventSource` fields. Operators keylint does not weigh on those fields are unknown.
fn advanced_logs_kms(sel: &EBlock) -> Option<bool> {
    if block_unknown(sel, "field_selector") {
        return None;
    }
    let mut management = None;
    let mut kms = Some(true);
    for f in sel.blocks("field_selector") {
        let field = f.value("field").and_then(Node::as_str)?;
        let ops = [
            "equals",
            "not_equals",
            "starts_with",
            "not_starts_with",
            "ends_with",
            "not_ends_with",
        ];
        let set: Vec<(&str, &Node)> = ops
            .iter()
            .filter_map(|op| Some((*op, f.value(op)?)))
            .collect();
        if field.eq_ignore_ascii_case("eventCategory") {
            management = match set.as_slice() {
                [("equals", list)] => list.items().iter().try_fold(false, |any, v| {
                    v.as_str()
                        .map(|s| any || s.eq_ignore_ascii_case("Management"))
                }),
                _ => None,
            };
        } else if field.eq_ignore_ascii_case("eventSource") {
            for (op, list) in set {
                let named = names_kms(list);
                kms = match (op, named, kms) {
                    (_, _, Some(false)) => Some(false),
                    ("equals", Some(n), k) => k.map(|_| n),
                    ("not_equals", Some(n), k) => k.map(|_| !n),
                    _ => None,
                };
            }
        }
    }
    match management {
        Some(false) => Some(false),
        Some(true) => kms,
        None => None,
    }
}

impl Extractor<'_> {
    /// A CloudTrail trail: whether it logs KMS management events (`ScheduleKeyDeletion`,
    /// `DisableKey`, `PutKeyPolicy`...). Without selectors a trail logs every management
    /// event; advanced selectors replace the basic ones.
    pub(super) fn aws_trail(&mut self, r: &Res) {
        let eb = &r.eb;
        let mut e = self.entity(EntityKind::CloudResource, r, "aws");
        let advanced: Vec<&EBlock> = eb.blocks("advanced_event_selector").collect();
        let basic: Vec<&EBlock> = eb.blocks("event_selector").collect();
        // Advanced selectors replace the basic ones.
        let (selectors, logs) = if advanced.is_empty() {
            (basic, selector_logs_kms as SelectorReading)
        } else {
            (advanced, advanced_logs_kms as SelectorReading)
        };
        let excluded = if block_unknown(eb, "advanced_event_selector")
            || block_unknown(eb, "event_selector")
        {
            None
        } else if selectors.is_empty() {
            Some(false)
        } else {
            any_of(selectors.iter().map(|s| logs(s))).map(|logged| !logged)
        };
        // Located at the first selector that leaves KMS out (its exclusion list, else the
        // block).
        let loc: Option<Loc> = selectors.first().map(|s| {
            s.loc_of("exclude_management_event_sources")
                .or_else(|| s.loc_of("include_management_events"))
                .unwrap_or(s.header)
        });
        e.fact("kms_events_excluded", excluded, loc);
        self.out.entities.push(e);
    }
}

/// A watched KMS call as CloudTrail writes it into CloudWatch Logs.
fn log_event(name: &str) -> [(&str, &str); 2] {
    [("eventSource", KMS_SOURCE), ("eventName", name)]
}

/// A watched KMS call as EventBridge receives it from CloudTrail.
fn bus_event(name: &str) -> [(&str, &str); 4] {
    [
        ("source", "aws.kms"),
        ("detail-type", "AWS API Call via CloudTrail"),
        ("detail.eventSource", KMS_SOURCE),
        ("detail.eventName", name),
    ]
}

impl Extractor<'_> {
    /// What the unit says about alarms on KMS key deletion: its first key, its metric
    /// filters and alarms, and whether an enabled EventBridge rule catches each watched
    /// call. A partial view (a cloud export) cannot show the resources around a key.
    pub(super) fn aws_scan(&mut self) {
        let partial = !self.complete || self.has_unread_module();
        let scan = &mut self.out.scan;
        scan.aws_key = self
            .res
            .iter()
            .filter(|r| is_key_type(&r.ty))
            .map(|r| r.eb.loc)
            .min_by_key(|l| (l.file, l.start));
        // A cloud export cannot show the resources around a key, nor can a configuration
        // that calls a module keylint does not read (it may create the alarm).
        if partial && scan.aws_key.is_some() {
            scan.event_rules = [Seen::Maybe; 2];
        }
        let str_of =
            |eb: &EBlock, name: &str| eb.value(name).and_then(Node::as_str).map(str::to_owned);
        for r in self.res {
            let eb = &r.eb;
            match r.ty.as_str() {
                "aws_cloudwatch_log_metric_filter" => {
                    let pattern = eb.value("pattern").map(Node::as_str);
                    let catches = WATCHED.map(|name| match pattern {
                        Some(Some(p)) => {
                            Seen::from(crate::patterns::filter_matches(p, &log_event(name)))
                        }
                        Some(None) => Seen::Maybe,
                        None => Seen::No,
                    });
                    let transforms: Vec<&EBlock> = eb.blocks("metric_transformation").collect();
                    if transforms.is_empty() || block_unknown(eb, "metric_transformation") {
                        self.out.scan.metric_filters.push(MetricFilter {
                            metric: Metric::default(),
                            catches,
                        });
                    }
                    for t in transforms {
                        self.out.scan.metric_filters.push(MetricFilter {
                            metric: Metric {
                                namespace: str_of(t, "namespace"),
                                name: str_of(t, "name"),
                            },
                            catches,
                        });
                    }
                }
                "aws_cloudwatch_metric_alarm" => {
                    // An alarm on a metric math expression may watch any metric.
                    let metric = if eb.blocks("metric_query").next().is_some()
                        || block_unknown(eb, "metric_query")
                    {
                        Metric::default()
                    } else {
                        Metric {
                            namespace: str_of(eb, "namespace"),
                            name: str_of(eb, "metric_name"),
                        }
                    };
                    self.out.scan.metric_alarms.push(metric);
                }
                "aws_cloudwatch_event_rule" => {
                    let state = eb.value("state").map(Node::as_str);
                    let enabled = eb.value("is_enabled").map(Node::as_bool);
                    let on = match (state, enabled) {
                        (Some(Some(s)), _) => Some(!s.eq_ignore_ascii_case("DISABLED")),
                        (Some(None), _) | (_, Some(None)) => None,
                        (None, Some(Some(e))) => Some(e),
                        (None, None) => Some(true),
                    };
                    let pattern = eb
                        .value("event_pattern")
                        .map(|v| policy_node(v, self.text_of));
                    let catches = WATCHED.map(|name| {
                        let hit = match &pattern {
                            None => Some(false),
                            Some(None) => None,
                            Some(Some(p)) => {
                                crate::patterns::event_pattern_matches(p, &bus_event(name))
                            }
                        };
                        match on {
                            Some(false) => Seen::No,
                            Some(true) => Seen::from(hit),
                            None => Seen::from(hit).min(Seen::Maybe),
                        }
                    });
                    for (a, b) in self.out.scan.event_rules.iter_mut().zip(catches) {
                        *a = (*a).max(b);
                    }
                }
                _ => {}
            }
        }
    }
}
