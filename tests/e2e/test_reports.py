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


def test_a_chart_and_footnotes_chosen_on_screen_reach_the_pdf_and_a_summary_previews(cli, launch, tmp_path):
    cli.run("demo")
    app = App(launch())
    app.visible("screen-overview")
    app.year(2023)
    app.screen("reports")
    app.select("report-scope", "cluster:Cụm thi đua số III")
    app.click("report-chart-ket_nap_dang_vien")
    app.click("report-footnotes")
    app.click("report-preview")
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=report-page]")) >= 2)
    screenshot(app.d, "report-chart-footnotes")
    # The choice was kept with the cluster's report: the CLI's PDF draws the chart and the notes.
    out = tmp_path / "cum-iii.pdf"
    cli.run("report", "--year", "2023", "--cluster", "Cụm thi đua số III", "--format", "pdf",
            "--out", str(out), "--date", "08/12/2023")
    text = " ".join(subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True).stdout.split())
    assert "Biểu đồ 1. Kết nạp đảng viên mới (đảng viên), 2023" in text
    assert "«kết nạp được 20.777 đảng viên mới» —" in text

    # A one-page summary of a person, previewed as its one page.
    app.select("summary-of", "person")
    ids = cli.json("list", "people")
    hai = next(p["id"] for p in ids if p["full_name"] == "Võ Hồng Hải")
    app.select("summary-id", str(hai))
    app.click("summary-preview")
    app.wait.until(lambda d: len(d.find_elements("css selector", "[data-testid=report-page]")) == 1)
    screenshot(app.d, "summary-person")
