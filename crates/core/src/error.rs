//! The error shape that crosses to users (CLI, IPC): a stable code and a Vietnamese message.
//! Each module keeps its own `thiserror` enum; this is only their common face.

use serde::Serialize;
use ts_rs::TS;

use crate::storage::StorageError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message}")]
pub struct UserError {
    /// Stable, machine-readable, e.g. `validation.unknown_province`.
    pub code: String,
    /// Vietnamese, ready to show.
    pub message: String,
    /// The field the error is about, when there is one (forms show the message beside it).
    pub field: Option<String>,
}

impl UserError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        UserError {
            code: code.into(),
            message: message.into(),
            field: None,
        }
    }

    /// A failure the user cannot act on (a poisoned lock after a crash in another thread).
    pub fn internal() -> Self {
        UserError::new(
            "internal",
            "Lỗi nội bộ của Thidua; hãy đóng và mở lại ứng dụng. Dữ liệu đã lưu không bị ảnh hưởng.",
        )
    }
}

impl From<StorageError> for UserError {
    fn from(e: StorageError) -> Self {
        UserError::new(e.code(), e.to_string())
    }
}

/// Why a file could not be read or written, in Vietnamese (the system's own words are English).
pub fn io_reason_vi(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "không có tệp hoặc thư mục này".into(),
        K::PermissionDenied => "không có quyền truy cập".into(),
        K::AlreadyExists => "tệp đã có".into(),
        K::InvalidData => "nội dung tệp không đọc được".into(),
        K::StorageFull => "ổ đĩa đã đầy".into(),
        K::IsADirectory => "đây là một thư mục, không phải tệp".into(),
        K::NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục".into(),
        K::ReadOnlyFilesystem => "ổ đĩa chỉ đọc".into(),
        _ => format!("lỗi đọc ghi tệp (mã {})", e.raw_os_error().unwrap_or(0)),
    }
}
