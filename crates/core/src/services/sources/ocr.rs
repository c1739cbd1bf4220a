//! Text of a scanned page or a photo, read by Tesseract with its Vietnamese model when it is
//! installed (Debian: `tesseract-ocr tesseract-ocr-vie`). Without it the file is still kept and
//! the clerk is told its text could not be read. Runs the local program: nothing leaves the PC.
//!
//! The programs get untrusted files, so each run has a deadline and is killed past it (plain
//! `std::process`, the same on Windows), and their output goes to files, never to a pipe that
//! could fill and stall them.

use std::io::Write;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::read::limits::{MAX_OCR_PAGES, OCR_TOTAL, PROGRAM_TIMEOUT};

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

/// Runs a program to its end or to `deadline`, whichever comes first; past the deadline it is
/// killed and waited for (no zombie), and the answer says so.
pub(crate) fn run_until(
    cmd: &mut Command,
    what: &str,
    deadline: Instant,
) -> Result<ExitStatus, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("không chạy được {what}: {e}"))?;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{what} chạy quá {} giây nên đã bị dừng",
                    PROGRAM_TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e.to_string());
            }
        }
    }
}

/// Width and height a PNG or JPEG states in its header, read without decoding it.
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |i: usize| Some(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]) as u32);
    let be32 = |i: usize| Some(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
    if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        // The first chunk is IHDR: width and height at 16 and 20.
        return (bytes.get(12..16)? == b"IHDR").then_some((be32(16)?, be32(20)?));
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    // JPEG: walk the segments to the first frame header (SOFn), which comes before the scan.
    let mut i = 2;
    loop {
        while *bytes.get(i)? != 0xFF {
            i += 1;
        }
        while *bytes.get(i)? == 0xFF {
            i += 1;
        }
        let marker = *bytes.get(i)?;
        i += 1;
        match marker {
            0xD0..=0xD7 | 0x01 => continue,
            0xD9 | 0xDA => return None,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some((be16(i + 5)?, be16(i + 3)?));
            }
            _ => i += be16(i)? as usize,
        }
    }
}

/// The text of an image (PNG, JPEG, TIFF…).
pub fn image_text(bytes: &[u8]) -> Result<String, String> {
    image_text_until(bytes, Instant::now() + PROGRAM_TIMEOUT)
}

fn image_text_until(bytes: &[u8], deadline: Instant) -> Result<String, String> {
    if !available() {
        return Err("chưa cài Tesseract với gói tiếng Việt (tesseract-ocr-vie)".into());
    }
    let dir = tempfile_dir()?;
    let input = dir.join("trang");
    let text = std::fs::File::create(&input)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| e.to_string())
        .and_then(|_| {
            run_until(
                Command::new("tesseract")
                    .arg(&input)
                    .arg(dir.join("chu"))
                    .args(["-l", "vie"]),
                "Tesseract",
                deadline.min(Instant::now() + PROGRAM_TIMEOUT),
            )
        })
        .and_then(|status| {
            if !status.success() {
                return Err("Tesseract không đọc được ảnh".to_string());
            }
            std::fs::read(dir.join("chu.txt")).map_err(|e| e.to_string())
        });
    let _ = std::fs::remove_dir_all(&dir);
    Ok(String::from_utf8_lossy(&text?).to_string())
}

/// The text of a scanned PDF: its pages rendered to images (poppler's `pdftoppm`), then read.
/// At most `MAX_OCR_PAGES` pages, each rendered with its long side at 3.508 pixels (A4 at
/// 300 dpi) whatever size the page claims, all within `OCR_TOTAL`.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    if !available() {
        return Err("chưa cài Tesseract với gói tiếng Việt (tesseract-ocr-vie)".into());
    }
    let deadline = Instant::now() + OCR_TOTAL;
    let dir = tempfile_dir()?;
    let text = pdf_pages(bytes, &dir, deadline);
    let _ = std::fs::remove_dir_all(&dir);
    text
}

fn pdf_pages(bytes: &[u8], dir: &std::path::Path, deadline: Instant) -> Result<String, String> {
    let input = dir.join("tep.pdf");
    std::fs::write(&input, bytes).map_err(|e| e.to_string())?;
    let rendered = run_until(
        Command::new("pdftoppm")
            .args(["-scale-to", "3508", "-png", "-l"])
            .arg(MAX_OCR_PAGES.to_string())
            .arg(&input)
            .arg(dir.join("trang")),
        "pdftoppm",
        deadline.min(Instant::now() + PROGRAM_TIMEOUT),
    );
    match rendered {
        Ok(s) if s.success() => {}
        Ok(_) => return Err("không chuyển được trang PDF thành ảnh (cần poppler-utils)".into()),
        Err(why) => return Err(why),
    }
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    let mut text = String::new();
    for p in pages {
        let bytes = std::fs::read(&p).map_err(|e| e.to_string())?;
        text.push_str(&image_text_until(&bytes, deadline)?);
        text.push('\n');
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_past_its_deadline_is_killed() {
        // A program that would run for a minute: any platform's shell can wait.
        let mut cmd = if cfg!(windows) {
            let mut c = Command::new("powershell");
            c.args(["-NoProfile", "-Command", "Start-Sleep -Seconds 60"]);
            c
        } else {
            let mut c = Command::new("sleep");
            c.arg("60");
            c
        };
        let started = Instant::now();
        let r = run_until(
            &mut cmd,
            "sleep",
            Instant::now() + Duration::from_millis(500),
        );
        assert!(r.unwrap_err().contains("bị dừng"));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn sizes_come_from_the_header() {
        let mut png = vec![0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13];
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&30_000u32.to_be_bytes());
        png.extend_from_slice(&20_000u32.to_be_bytes());
        assert_eq!(image_size(&png), Some((30_000, 20_000)));
        // SOI, an APP0 segment, then SOF0 with height 600 and width 800.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x02, 0x58, 0x03, 0x20,
        ];
        assert_eq!(image_size(&jpeg), Some((800, 600)));
        assert_eq!(image_size(&jpeg[..12]), None);
        assert_eq!(image_size(b"\xFF\xD8\xFF"), None);
    }
}
