//! The `trustbook` command line: parses arguments, calls the library, prints what happened.
//! Exit codes: 0 success, 1 a problem with the project's input or output, 2 a usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use trustbook::diagnostics::Diagnostics;
use trustbook::project::Lang;
use trustbook::{BuildError, BuildOptions, Format};

#[derive(Parser)]
#[command(name = "trustbook", version, about = "Trust survey reports and handbooks, in HTML, from YAML and Markdown")]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more detail: warnings in full and timings.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new project with the sample handbook.
    Init {
        /// Folder to create the project in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write into a non-empty folder (files with the same names are overwritten).
        #[arg(long)]
        force: bool,
    },
    /// Build the project into its output folder.
    Build {
        /// Project root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: `output` in trustbook.yaml, inside the project).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build only this language (repeatable); default: all configured.
        #[arg(long = "lang", value_parser = parse_lang)]
        languages: Vec<Lang>,
        /// Formats to build, comma-separated; default: all.
        #[arg(long, value_enum, value_delimiter = ',')]
        format: Vec<FormatArg>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Make the reports for this survey wave (default: the latest).
        #[arg(long)]
        wave: Option<String>,
    },
    /// Load and validate everything; write nothing.
    Check {
        /// Project root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print a pre-filled content/plans/<wave>.yaml with every team's planned actions.
    PlanTemplate {
        /// Project root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The survey wave the plans follow (default: the latest).
        #[arg(long)]
        wave: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// The handbook (and reports) as a static site.
    Html,
    /// The scored survey as data/scores.csv and data/scores.json.
    Data,
    /// The handbook book, team reports and the organisation summary as PDF.
    Pdf,
}

fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::parse(code)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C or SIGTERM during a build: remove its staging folder, keep the previous output.
    let _ = ctrlc::set_handler(|| {
        trustbook::output::abandon_unfinished_builds();
        eprintln!("interrupted: nothing was published, the previous output is unchanged");
        std::process::exit(130);
    });
    let printer = Printer { quiet: cli.quiet, verbose: cli.verbose };
    let result = match cli.command {
        Command::Init { dir, force } => match trustbook::init::init(&dir, force) {
            Ok(files) => {
                printer.info(&format!(
                    "Created a trustbook project in {} ({} files). Next: trustbook build --root {}",
                    dir.display(),
                    files.len(),
                    dir.display()
                ));
                Ok(())
            }
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(1);
            }
        },
        Command::Build { root, out, languages, format, drafts, wave } => {
            let options = BuildOptions {
                root,
                out,
                languages,
                formats: format
                    .into_iter()
                    .map(|f| match f {
                        FormatArg::Html => Format::Html,
                        FormatArg::Data => Format::Data,
                        FormatArg::Pdf => Format::Pdf,
                    })
                    .collect(),
                include_drafts: drafts,
                wave,
                ..BuildOptions::new(".")
            };
            trustbook::build(&options).map(|report| {
                printer.warnings(&report.warnings);
                let languages: Vec<&str> = report.languages.iter().map(Lang::as_str).collect();
                printer.info(&format!(
                    "Built {} pages in {} ({} files) into {}",
                    report.pages,
                    languages.join(", "),
                    report.files,
                    report.output.display()
                ));
                printer.detail(&format!(
                    "read {} project files; composed {} reports; took {:.2} s",
                    report.dependencies.read.len(),
                    report.reports_composed,
                    report.elapsed.as_secs_f64()
                ));
            })
        }
        Command::Check { root } => trustbook::check(&root).map(|report| {
            printer.warnings(&report.warnings);
            printer.info(&format!(
                "OK: {} sections and {} pages in {} ({} pages fall back to the original language)",
                report.sections,
                report.pages,
                report.languages.iter().map(Lang::as_str).collect::<Vec<_>>().join(", "),
                report.untranslated
            ));
            if let Some(survey) = &report.survey {
                printer.info(&format!(
                    "Survey: {} units, {} teams, {} waves; {}",
                    survey.units,
                    survey.teams,
                    survey.waves,
                    survey.instruments_line()
                ));
                for (wave, units, teams) in &report.suppressed {
                    printer.info(&format!(
                        "  {wave}: figures withheld for anonymity for {teams} team(s) and {units} unit(s)"
                    ));
                }
            }
        }),
        Command::PlanTemplate { root, wave } => {
            trustbook::site::plan_template(&root, wave.as_deref()).map(|text| print!("{text}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(BuildError::Invalid(problems)) => {
            eprint!("{}", problems.render());
            eprintln!("\n{}", BuildError::Invalid(problems.clone()));
            ExitCode::from(1)
        }
        Err(BuildError::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

struct Printer {
    quiet: bool,
    verbose: bool,
}

impl Printer {
    fn info(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    fn detail(&self, message: &str) {
        if self.verbose {
            eprintln!("{message}");
        }
    }

    fn warnings(&self, warnings: &Diagnostics) {
        if self.quiet || warnings.is_empty() {
            return;
        }
        if self.verbose {
            eprint!("{}", warnings.render());
        } else {
            eprint!("{warnings}");
        }
    }
}
