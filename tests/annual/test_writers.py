"""Every writer produces a valid file that looks like the official form."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from gongkai.annual import Agency, Report, ReportError
from gongkai.annual.layout import T3_BLOCK, T3_HEADER_NOTE
from gongkai.annual.writers import render

AGENCY = "示例县<自然资源局>&"  # markup characters must come out escaped


def sample_report(fmt: str = "2021") -> Report:
    """A consistent report with recognisable numbers (4321 is the natural-person 新收)."""
    report = Report.empty(
        fmt,
        agency=Agency(name=AGENCY),
        year=2024 if fmt == "2021" else 2020,
        signature_date=date(2025, 1, 20),
    )
    for key in report.sections:
        report.sections[key] = f"{key}：本年度共办理 12 件。\n第二段 <b>不是标签</b>。"
    for grid in report.layout.active:
        for i, (row, col) in enumerate(grid.cells()):
            report.tables[grid.key].set(row, col, Decimal("96171.6") if grid.column(col).decimal else 10 + i)
    t3 = report.applications
    outcome = "r_open"
    for col, n in (("natural_person", 4321), ("org_commercial", 7), ("org_other", 2)):
        t3.set("new_received", col, n)
        t3.set("carried_over_in", col, 1)
        t3.set(outcome, col, n)
        t3.set("r_total", col, n)
        t3.set("carried_over_out", col, 1)
    for row in t3.grid.row_keys:
        values = [t3.get(row, c) for c in t3.grid.column_keys if c != "total"]
        if any(v is not None for v in values):
            t3.set(row, "total", sum(v or 0 for v in values))
    t4 = report.review_litigation
    for row in t4.grid.row_keys:
        for col, n in (("upheld", 3), ("corrected", 1), ("other", 0), ("pending", 2), ("total", 6)):
            t4.set(row, col, n)
    return report


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report()


# ---------------------------------------------------------------- Markdown


def test_markdown_has_headings_texts_and_pipe_tables(report):
    md = render(report, "md").decode("utf-8")
    assert md.startswith(f"# {AGENCY}2024年政府信息公开工作年度报告")
    for heading in ("## 一、总体情况", "## 三、收到和处理政府信息公开申请情况", "## 六、其他需要报告的事项"):
        assert heading in md
    assert "| 一、本年新收政府信息公开申请数量 |  |  | 4321 | 7 |  |  |  | 2 | 4330 |" in md
    assert f"| {T3_BLOCK} | （一）予以公开 |" in md
    # one data row of 15 cells for table 四
    assert "| 3 | 1 | 0 | 2 | 6 | 3 | 1 | 0 | 2 | 6 | 3 | 1 | 0 | 2 | 6 |" in md
    assert "| 行政事业性收费 | 96171.6 |" in md


# ---------------------------------------------------------------- HTML


def test_html_has_official_merges_vertical_label_and_hooks(report):
    html = render(report, "html").decode("utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("meta", charset="utf-8") is not None
    assert soup.title.get_text() == f"{AGENCY}2024年政府信息公开工作年度报告"
    t3 = soup.find("table", class_="applications")
    note = t3.find("th", string=T3_HEADER_NOTE)
    assert (note["rowspan"], note["colspan"]) == ("3", "3")
    assert t3.find("th", string="申请人情况")["colspan"] == "7"
    assert t3.find("th", string="法人或其他组织")["colspan"] == "5"
    assert t3.find("th", string="自然人")["rowspan"] == "2"
    block = t3.find("th", string=T3_BLOCK)
    assert "block" in block["class"] and block["rowspan"] == "22"  # （一）…（七） in 2021
    assert t3.find("th", string="（三）不予公开")["rowspan"] == "8"
    assert t3.find("th", string="（六）其他处理")["rowspan"] == "3"
    assert re.search(r"th\.block\s*{[^}]*writing-mode:\s*vertical-rl", html)
    assert "size: A4" in html and "Noto Serif CJK SC" in html and "Noto Sans CJK SC" in html
    assert t3.find(attrs={"data-cell": "applications.new_received.natural_person"}).get_text() == "4321"
    assert t3.find(attrs={"data-cell": "applications.r_partial.natural_person"}).get_text() == ""
    t4 = soup.find("table", class_="review_litigation")
    assert t4.find("th", string="行政复议")["colspan"] == "5"
    assert t4.find("th", string="行政诉讼")["colspan"] == "10"
    assert t4.find("th", string="复议后起诉")["colspan"] == "5"
    assert "本年收费金额（单位：万元）" in html


def test_html_escapes_text_and_loads_nothing_from_outside(report):
    html = render(report, "html").decode("utf-8")
    assert "<自然资源局>" not in html and "&lt;自然资源局&gt;&amp;" in html
    assert "<b>不是标签</b>" not in html
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", html)


def test_html_ends_with_the_signature(report):
    soup = BeautifulSoup(render(report, "html"), "lxml")
    signature = soup.find(class_="signature").get_text("|")
    assert signature == f"{AGENCY}|2025年1月20日"


# ---------------------------------------------------------------- DOCX


def test_docx_is_a4_with_east_asian_fonts_and_merged_cells(report):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm

    doc = Document(io.BytesIO(render(report, "docx")))
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.top_margin - Cm(3.7)) < Cm(0.01)
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert doc.styles["Normal"].font.size.pt == 16
    assert doc.paragraphs[0].text == f"{AGENCY}2024年政府信息公开工作年度报告"
    t3 = doc.tables[1]
    # the note spans 3 rows × 3 columns: python-docx returns the same cell for all of them
    assert t3.cell(0, 0)._tc is t3.cell(2, 2)._tc and t3.cell(0, 0).text == T3_HEADER_NOTE
    assert t3.cell(0, 3)._tc is t3.cell(0, 9)._tc  # 申请人情况
    block = t3.cell(5, 0)
    assert block.text == T3_BLOCK and block._tc is t3.cell(26, 0)._tc
    assert block._tc.tcPr.find(qn("w:textDirection")).get(qn("w:val")) == "tbRlV"
    assert [c.text for c in t3.rows[3].cells][3:] == ["4321", "7", "", "", "", "2", "4330"]
    t4 = doc.tables[2]
    assert len(t4.columns) == 15 and [c.text for c in t4.rows[3].cells][:5] == ["3", "1", "0", "2", "6"]
    signature = doc.paragraphs[-1]
    assert signature.text == "2025年1月20日" and signature.alignment == 2  # right


# ---------------------------------------------------------------- XLSX


def test_xlsx_has_a_sheet_per_table_with_merges_and_real_numbers(report):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(report, "xlsx")))
    assert wb.sheetnames == ["报告", "表二", "表三", "表四"]
    ws = wb["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "E3:I3", "D3:D4", "A7:A28"} <= merged
    assert ws["A2"].value == T3_HEADER_NOTE
    assert [c.value for c in ws[5]] == [
        "一、本年新收政府信息公开申请数量",
        None,
        None,
        4321,
        7,
        None,
        None,
        None,
        2,
        4330,
    ]
    assert wb["表二"]["B15"].value == pytest.approx(96171.6)
    assert [c.value for c in wb["表四"][5]][:5] == [3, 1, 0, 2, 6]
    info = wb["报告"]
    values = [c.value for row in info.iter_rows() for c in row]
    assert "机关名称" in values and AGENCY in values and 2024 in values and "一、总体情况" in values


# ---------------------------------------------------------------- PDF


def test_pdf_renders_chinese_text_and_table_numbers(report):
    import pdfplumber

    data = render(report, "pdf")
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    # extractable Chinese proves a CJK font was embedded (tofu has no Unicode mapping)
    assert "2024年政府信息公开工作年度报告" in re.sub(r"\s", "", text)
    assert "本年新收政府信息公开申请数量" in text and "4321" in text


def test_pdf_refuses_without_a_chinese_font(report, monkeypatch):
    from gongkai.annual.writers import pdf

    monkeypatch.setattr(pdf, "has_cjk_font", lambda: False)
    with pytest.raises(ReportError, match="fonts-noto-cjk"):
        pdf.render_pdf(report)


# ---------------------------------------------------------------- 2019 and pre-2019


def test_2019_format_tables_follow_its_layout():
    report = sample_report("2019")
    html = render(report, "html").decode("utf-8")
    assert "第二十条第（九）项" in html and "采购总金额" in html
    soup = BeautifulSoup(html, "lxml")
    assert soup.find("th", string="（六）其他处理")["colspan"] == "2"  # a single row in 2019


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "xlsx", "pdf"])
def test_pre2019_reports_give_metadata_and_texts_only(fmt):
    report = Report.empty("pre2019", agency=Agency(name="丽水市人民政府"), year=2017)
    report.sections["overview"] = "2017年，我市政府信息公开工作稳步推进。"
    data = render(report, fmt)
    assert data
    if fmt in ("md", "html"):
        text = data.decode("utf-8")
        assert "丽水市人民政府2017年政府信息公开工作年度报告" in text and "稳步推进" in text
        assert "<table" not in text and "| " not in text
