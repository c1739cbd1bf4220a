//! `thidua`: the command-line face of thidua-core, for scripting, tests and benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use thidua_core::{Store, UserError};

#[derive(Parser)]
#[command(name = "thidua", version, about = "Thidua — Sổ thi đua (dòng lệnh)")]
struct Cli {
    /// Database file (else $THIDUA_DB, else the desktop app's own file).
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database (or bring its schema up to date) and say where it is.
    Init,
    /// Print the path of the sample database (separate from the user's own).
    SamplePath,
    /// Database path, schema version and record counts.
    Info {
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let path = cli.db.unwrap_or_else(thidua_core::paths::default_db_path);
    match run(&path, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi [{}]: {}", e.code, e.message);
            ExitCode::FAILURE
        }
    }
}

fn run(path: &std::path::Path, command: Command) -> Result<(), UserError> {
    if let Command::SamplePath = command {
        println!("{}", thidua_core::paths::sample_db_path().display());
        return Ok(());
    }
    let store = Store::open(path)?;
    match command {
        Command::SamplePath => unreachable!("handled before opening a database"),
        Command::Init => {
            println!(
                "Đã sẵn sàng: {} (lược đồ {})",
                path.display(),
                store.schema_version()?
            );
        }
        Command::Info { json } => {
            let info = thidua_core::db_info(&store)?;
            if json {
                print_json(&info);
            } else {
                println!("Cơ sở dữ liệu: {}", info.path);
                println!("Phiên bản lược đồ: {}", info.schema_version);
                for c in &info.counts {
                    println!("{:<20} {}", c.label, c.count);
                }
            }
        }
    }
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("DTOs always serialize")
    );
}
