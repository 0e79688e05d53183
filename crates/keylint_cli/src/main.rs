//! The `keylint` command.

// Linting allocates many small values (model nodes, Cedar values); glibc's malloc was
// about a quarter of the profile, mimalloc is markedly faster for this pattern.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod baseline;
mod config;
mod output;
mod paths;
mod run;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "keylint",
    version,
    about = "Lint cryptographic key-management configuration (AWS KMS, Azure Key Vault, Google Cloud KMS)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    /// The rules reference, `docs/rules.md` (`keylint rules` only).
    Markdown,
}

/// How a run ends: the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// No finding at or above `--fail-on`, no error.
    Clean = 0,
    /// A finding at or above `--fail-on`.
    Findings = 1,
    /// A file that could not be read, or a usage or config error.
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

/// `--profile`: the built-in profiles (`keylint_linter::profile::NAMES`).
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ProfileName {
    #[value(name = "default")]
    Default,
    #[value(name = "pci-dss")]
    PciDss,
    #[value(name = "fedramp-high")]
    FedrampHigh,
    #[value(name = "bsi-tr-02102")]
    BsiTr02102,
    #[value(name = "nist-ir-8547")]
    NistIr8547,
    #[value(name = "cnsa-2.0")]
    Cnsa20,
}

impl ProfileName {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::PciDss => "pci-dss",
            Self::FedrampHigh => "fedramp-high",
            Self::BsiTr02102 => "bsi-tr-02102",
            Self::NistIr8547 => "nist-ir-8547",
            Self::Cnsa20 => "cnsa-2.0",
        }
    }
}

/// `--framework`: the compliance framework of the control report
/// (`keylint_linter::controls::Framework`).
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum FrameworkName {
    #[value(name = "cis-aws")]
    CisAws,
    #[value(name = "cis-azure")]
    CisAzure,
    #[value(name = "cis-gcp")]
    CisGcp,
    #[value(name = "pci-dss")]
    PciDss,
    #[value(name = "nist-800-53")]
    Nist80053,
    #[value(name = "bsi-c5")]
    BsiC5,
}

impl From<FrameworkName> for keylint_linter::controls::Framework {
    fn from(f: FrameworkName) -> Self {
        match f {
            FrameworkName::CisAws => Self::CisAws,
            FrameworkName::CisAzure => Self::CisAzure,
            FrameworkName::CisGcp => Self::CisGcp,
            FrameworkName::PciDss => Self::PciDss,
            FrameworkName::Nist80053 => Self::Nist80053,
            FrameworkName::BsiC5 => Self::BsiC5,
        }
    }
}

/// `--fail-on`: a severity.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl From<FailOn> for keylint_model::Severity {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Critical => Self::Critical,
            FailOn::High => Self::High,
            FailOn::Medium => Self::Medium,
            FailOn::Low => Self::Low,
            FailOn::Info => Self::Info,
        }
    }
}

/// `--color`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Always => "always",
            Self::Never => "never",
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (default: the current directory).
    Check(Box<CheckArgs>),
    /// List every rule: id, severity, title (`--format markdown`: the rules reference,
    /// docs/rules.md).
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Extra directories of Cedar rules.
        #[arg(long = "rules")]
        rules: Vec<PathBuf>,
    },
    /// Print a rule's documentation.
    Rule { id: String },
    /// Show the config file's JSON schema (`--schema`) or the effective configuration
    /// (`--show`: the `keylint.toml` found from PATH up, or `--config`, with every
    /// parameter's value).
    Config {
        #[arg(long)]
        schema: bool,
        #[arg(long, conflicts_with = "schema")]
        show: bool,
        /// Config file (default: the nearest `keylint.toml` from PATH up).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Where a scan would start.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
}

#[derive(clap::Args, Clone, Debug)]
pub struct CheckArgs {
    /// Files or directories to lint.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Report format (default: human); repeat for several reports in one run
    ///
    /// `--format` and `--output` pair up in command-line order:
    ///   - each `--format` is one report; with none there is one human report;
    ///   - an `--output FILE` belongs to the last `--format` before it; an `--output`
    ///     before every `--format` belongs to the first `--format` (with no `--format`,
    ///     to the human report);
    ///   - a report without an `--output` goes to standard output.
    ///
    /// At most one report may go to standard output, a report has at most one file and
    /// a file takes one report; otherwise keylint exits with 2 before linting. The exit
    /// code does not depend on the formats.
    ///
    /// Example: `--format sarif --output keylint.sarif --format human` writes SARIF to
    /// keylint.sarif and the human report to standard output.
    #[arg(long, value_enum, value_name = "FORMAT", verbatim_doc_comment)]
    pub format: Vec<output::OutputFormat>,
    /// Write the report of the preceding `--format` to this file (see `--format`).
    #[arg(long, short, value_name = "FILE")]
    pub output: Vec<PathBuf>,
    /// The reports, `--format` and `--output` paired (filled in by `main`).
    #[arg(skip)]
    pub outputs: Vec<output::Output>,
    /// The profile: which rules weigh how much, and their parameters.
    #[arg(long, value_enum)]
    pub profile: Option<ProfileName>,
    /// The framework of the control report (`--format compliance`, `compliance-json`);
    /// default: the profile's (pci-dss: PCI DSS v4.0, fedramp-high: NIST SP 800-53 Rev. 5,
    /// bsi-tr-02102: BSI C5).
    #[arg(long, value_enum)]
    pub framework: Option<FrameworkName>,
    /// Directories (or files) of extra Cedar rules.
    #[arg(long = "rules")]
    pub rules: Vec<PathBuf>,
    /// Config file (default: the nearest `keylint.toml` from the first PATH up).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Only these rule ids (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Switch these rule ids off (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub disable: Vec<String>,
    /// Switch these opt-in rule ids on (comma-separated), e.g. `suppression-unused`.
    #[arg(long, value_delimiter = ',')]
    pub enable: Vec<String>,
    /// Report `keylint:ignore` comments that silence nothing (the opt-in rule
    /// `suppression-unused`).
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// Report only findings not recorded in this baseline file (see `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file (by file, rule and resource,
    /// not line); they are not reported in this run or in runs given `--baseline FILE`.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Largest file read, in bytes.
    #[arg(long, default_value_t = keylint_sources::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let (Command::Check(args), Some(m)) = (&mut cli.command, matches.subcommand_matches("check"))
    {
        match output::from_matches(m) {
            Ok(outputs) => args.outputs = outputs,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "keylint: {e}");
                return Exit::Error.into();
            }
        }
    }
    let result = match cli.command {
        Command::Check(args) => run::check(&args),
        Command::Rules { format, rules } => run::list_rules(format, &rules),
        Command::Rule { id } => run::show_rule(&id),
        Command::Config {
            schema,
            show,
            config,
            path,
        } => {
            if schema {
                run::emit(&format!("{}\n", config::SCHEMA));
                Ok(Exit::Clean)
            } else if show {
                run::show_config(config.as_deref(), std::slice::from_ref(&path))
            } else {
                eprintln!("keylint config: pass --schema or --show");
                Ok(Exit::Error)
            }
        }
    };
    match result {
        Ok(exit) => exit.into(),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "keylint: {e:#}");
            Exit::Error.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_are_the_built_in_profiles() {
        let ours: Vec<&str> = ProfileName::value_variants()
            .iter()
            .map(|p| p.as_str())
            .collect();
        assert_eq!(ours, keylint_linter::profile::NAMES);
    }

    #[test]
    fn framework_names_are_the_frameworks_keys() {
        let ours: Vec<String> = FrameworkName::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        let keys: Vec<&str> = keylint_linter::controls::Framework::ALL
            .iter()
            .map(|f| f.key())
            .collect();
        assert_eq!(ours, keys);
        for f in FrameworkName::value_variants() {
            let name = f.to_possible_value().map(|v| v.get_name().to_owned());
            assert_eq!(
                name.as_deref(),
                Some(keylint_linter::controls::Framework::from(*f).key())
            );
        }
        for p in ProfileName::value_variants() {
            let name = p.to_possible_value().map(|v| v.get_name().to_owned());
            assert_eq!(name.as_deref(), Some(p.as_str()));
        }
    }
}
