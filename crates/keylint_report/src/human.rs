//! Human diagnostics: code frames with the offending span underlined (miette).

use std::fmt::Write as _;

use keylint_model::Severity;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

use crate::Report;

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Critical | Severity::High => miette::Severity::Error,
        Severity::Medium | Severity::Low => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

#[must_use]
pub fn render(r: &Report<'_>, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_context_lines(1);
    let mut out = String::new();
    for f in r.findings {
        let mut diag = MietteDiagnostic::new(format!("{} ({})", f.message, f.severity))
            .with_code(f.rule.clone())
            .with_severity(miette_severity(f.severity))
            .with_help(f.help.clone());
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(f.title.clone()),
            f.span.0..f.span.1,
        )];
        for rel in f.related.iter().filter(|rel| rel.file == f.file) {
            labels.push(LabeledSpan::new_with_span(
                Some(rel.message.clone()),
                rel.span.0..rel.span.1,
            ));
        }
        diag = diag.with_labels(labels);
        let text = r.sources.get(&f.file).cloned().unwrap_or_default();
        let report = miette::Report::new(diag).with_source_code(NamedSource::new(&f.file, text));
        if handler.render_report(&mut out, report.as_ref()).is_err() {
            let _ = writeln!(
                out,
                "{}:{}:{}: {} {} {}",
                f.file, f.line, f.column, f.severity, f.rule, f.message
            );
        }
        out.push('\n');
    }
    for e in r.errors {
        let place = match (e.line, e.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", e.file),
            (Some(l), None) => format!("{}:{l}", e.file),
            _ => e.file.clone(),
        };
        let _ = writeln!(out, "error: {place}: {}", e.message);
    }
    let count = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "{} finding{} ({} critical, {} high, {} medium, {} low, {} info) in {} file{}; {} error{}{}",
        r.findings.len(),
        if r.findings.len() == 1 { "" } else { "s" },
        count(Severity::Critical),
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low),
        count(Severity::Info),
        r.files_scanned,
        if r.files_scanned == 1 { "" } else { "s" },
        r.errors.len(),
        if r.errors.len() == 1 { "" } else { "s" },
        [(r.suppressed, "suppressed"), (r.baselined, "baselined")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("; {n} {what}"))
            .collect::<String>(),
    );
    out
}
