//! Text of a scanned page or a photo, read by Tesseract with its Vietnamese model when it is
//! installed (Debian: `tesseract-ocr tesseract-ocr-vie`). Without it the file is still kept and
//! the clerk is told its text could not be read. Runs the local program: nothing leaves the PC.

use std::io::Write;
use std::process::{Command, Stdio};

/// Whether Tesseract with the Vietnamese model can be run here. `THIDUA_NO_OCR=1` turns it off
/// (fuzzing feeds thousands of broken files that would each start the program).
pub fn available() -> bool {
    if std::env::var_os("THIDUA_NO_OCR").is_some_and(|v| v == "1") {
        return false;
    }
    Command::new("tesseract")
        .arg("--list-langs")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "vie")
        })
        .unwrap_or(false)
}

/// The text of an image (PNG, JPEG, TIFF…).
pub fn image_text(bytes: &[u8]) -> Result<String, String> {
    if !available() {
        return Err("chưa cài Tesseract với gói tiếng Việt (tesseract-ocr-vie)".into());
    }
    let dir = tempfile_dir()?;
    let input = dir.join("trang");
    std::fs::File::create(&input)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| e.to_string())?;
    let out = Command::new("tesseract")
        .arg(&input)
        .arg("stdout")
        .args(["-l", "vie"])
        .stderr(Stdio::null())
        .output()
        .map_err(|e| e.to_string());
    let _ = std::fs::remove_dir_all(&dir);
    let out = out?;
    if !out.status.success() {
        return Err("Tesseract không đọc được ảnh".into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).to_string())
}

/// The text of a scanned PDF: its pages rendered to images (poppler's `pdftoppm`), then read.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    if !available() {
        return Err("chưa cài Tesseract với gói tiếng Việt (tesseract-ocr-vie)".into());
    }
    let dir = tempfile_dir()?;
    let input = dir.join("tep.pdf");
    std::fs::write(&input, bytes).map_err(|e| e.to_string())?;
    let rendered = Command::new("pdftoppm")
        .args(["-r", "300", "-png"])
        .arg(&input)
        .arg(dir.join("trang"))
        .stderr(Stdio::null())
        .status();
    if !rendered.is_ok_and(|s| s.success()) {
        let _ = std::fs::remove_dir_all(&dir);
        return Err("không chuyển được trang PDF thành ảnh (cần poppler-utils)".into());
    }
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    let mut text = String::new();
    for p in pages {
        let bytes = std::fs::read(&p).map_err(|e| e.to_string())?;
        text.push_str(&image_text(&bytes)?);
        text.push('\n');
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(text)
}

fn tempfile_dir() -> Result<std::path::PathBuf, String> {
    let dir = std::env::temp_dir().join(format!(
        "thidua-ocr-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}
