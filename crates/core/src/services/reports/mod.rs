//! Yearly reports: the content computed from the records (`content.rs`), rendered to PDF (typst)
//! and DOCX in the Party document format, XLSX, CSV (one file per table) and HTML. Every format renders the one
//! model, so a fact in one is in all.

mod chart;
pub mod content;
mod csv;
mod docx;
mod docx_package;
mod html;
mod pdf;
pub mod summary;
mod xlsx;

pub use content::{
    build, build_with, narrative, set_narrative, set_settings, settings, Cell, Narrative, Report,
    ReportKind, ReportSettings, Scope, Table, TableView,
};
pub use summary::{SummaryOf, SummaryRequest};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Format {
    Pdf,
    Docx,
    Xlsx,
    Csv,
    Html,
}

impl Format {
    pub fn from_code(code: &str) -> Option<Format> {
        match code {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("Không tạo được tệp {format}: {why}")]
    Render { format: &'static str, why: String },
    #[error("Không tìm thấy «{0}» trong hồ sơ.")]
    UnknownScope(String),
    #[error("Có nhiều người cùng tên: {0}. Hãy chọn theo số hồ sơ.")]
    Ambiguous(String),
    #[error(transparent)]
    Storage(#[from] crate::storage::StorageError),
}

impl From<ReportError> for crate::UserError {
    fn from(e: ReportError) -> Self {
        match e {
            ReportError::Storage(s) => s.into(),
            ReportError::UnknownScope(_) => {
                crate::UserError::new("report.unknown_scope", e.to_string())
            }
            ReportError::Ambiguous(_) => crate::UserError::new("report.ambiguous", e.to_string()),
            other => crate::UserError::new("report.render", other.to_string()),
        }
    }
}

/// The report's files: one for DOCX, XLSX and HTML, one per table for CSV.
pub fn render(report: &Report, format: Format) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
    let base = &report.file_stem;
    Ok(match format {
        Format::Pdf => vec![(
            format!("{base}.pdf"),
            pdf::bytes(report).map_err(|why| ReportError::Render { format: "PDF", why })?,
        )],
        Format::Docx => vec![(
            format!("{base}.docx"),
            docx::bytes(report).map_err(|why| ReportError::Render {
                format: "DOCX",
                why,
            })?,
        )],
        Format::Xlsx => vec![(
            format!("{base}.xlsx"),
            xlsx::bytes(report).map_err(|e| ReportError::Render {
                format: "XLSX",
                why: e.to_string(),
            })?,
        )],
        Format::Csv => csv::files(report),
        Format::Html => vec![(format!("{base}.html"), html::page(report).into_bytes())],
    })
}

/// The report's pages as PNG images, exactly as the PDF lays them out.
pub fn preview(report: &Report, pixels_per_point: f32) -> Result<Vec<Vec<u8>>, ReportError> {
    pdf::pages_png(report, pixels_per_point)
        .map_err(|why| ReportError::Render { format: "PDF", why })
}
