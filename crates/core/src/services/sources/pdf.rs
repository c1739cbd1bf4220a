//! Text of a PDF. PDF parsers can panic on malformed files; the panic is contained and becomes
//! an error message, never a crash.

pub fn text(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.to_vec();
    let outcome = std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem(&bytes));
    match outcome {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("tệp PDF bị hỏng hoặc có cấu trúc không đọc được".into()),
    }
}
