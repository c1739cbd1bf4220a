"""The report screen in the real window: the clerk's text typed and kept with the report, the
preview showing the PDF's own pages; the report the CLI then writes carries that text."""
import subprocess

from app_driver import App
from conftest import ARTIFACTS, screenshot


def test_narrative_typed_preview_shown_and_kept_in_the_pdf(cli, launch, tmp_path):
    cli.run("demo")
    app = App(launch())
    app.visible("screen-overview")
    app.year(2023)
    app.screen("reports")
    opening = "Năm 2023, ngành Tổ chức xây dựng Đảng các tỉnh miền Trung - Tây Nguyên hoàn thành tốt nhiệm vụ."
    app.paste("narrative-opening", opening)
    app.paste("narrative-directions", "Tiếp tục đổi mới nội dung, hình thức thi đua trong năm 2024.")
    app.click("report-preview")
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=report-page]")) >= 2)
    screenshot(app.d, "report-preview")
    # The text was kept with the report: the PDF written now carries it.
    out = tmp_path / "bao-cao-2023.pdf"
    cli.run("report", "--year", "2023", "--format", "pdf", "--out", str(out), "--date", "08/12/2023")
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert opening in text
    assert "VIII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024" in text
    assert "20.777" in text
