"""HTML, DOCX, XLSX and PDF readers: real PDFs, foreign web pages, scans and damaged files."""

from __future__ import annotations

import io
import sys
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.annual import NeedsOCR, UnreadableReport
from gongkai.annual.layout import T3_HEADER_NOTE
from gongkai.annual.readers import read_bytes
from gongkai.annual.readers.html import html_to_text, read_html
from gongkai.annual.readers.pdf import pdf_lines, read_pdf
from gongkai.annual.writers import render

from .test_writers import sample_report

T3 = ("new_received", "carried_over_in", "r_total", "carried_over_out")
T4 = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
RESULTS = ("upheld", "corrected", "other", "pending", "total")


def _t3_totals(report) -> tuple:
    return tuple(report.applications.get(row, "total") for row in T3)


def _t4(report) -> dict:
    return {row: tuple(report.review_litigation.get(row, c) for c in RESULTS) for row in T4}


# ---------------------------------------------------------------- the real PDFs (INDEX.md)


@pytest.mark.parametrize(
    "name, agency, year, totals, t4",
    [
        (
            "009_huaian_2024.pdf",
            "淮安市",
            2024,
            (3119, 34, 3050, 103),
            {
                "reconsideration": (72, 64, 178, 37, 351),
                "litigation_direct": (13, 4, 8, 1, 26),
                "litigation_after_reconsideration": (12, 1, 1, 6, 20),
            },
        ),
        (
            "010_hongzequ_2023.pdf",
            "洪泽区",
            2023,
            (21, 0, 21, 0),
            # as printed: 总计 0 against 维持 10 + 纠正 1, and 0 against 维持 5 (a real error)
            {
                "reconsideration": (10, 1, 0, 0, 0),
                "litigation_direct": (0, 0, 0, 0, 0),
                "litigation_after_reconsideration": (5, 0, 0, 0, 0),
            },
        ),
        (
            "011_hongzequ_2024.pdf",
            "洪泽区",
            2024,
            (95, 0, 95, 0),
            None,
        ),
    ],
)
def test_corpus_pdfs_read_to_the_printed_figures(corpus, name, agency, year, totals, t4):
    report = read_pdf((corpus / "pdf" / name).read_bytes(), name)
    assert report.format == "2021"
    assert agency in (report.agency.name or "") and report.year == year
    assert _t3_totals(report) == totals
    if t4 is not None:
        assert _t4(report) == t4
    # every row of table 三 was found: no blank cells in these fully printed tables
    assert report.applications.missing == []


def test_corpus_pdf_tables_become_tab_separated_rows(corpus):
    lines = pdf_lines((corpus / "pdf" / "009_huaian_2024.pdf").read_bytes())
    assert "一、本年新收政府信息公开申请数量\t\t\t3001\t53\t0\t0\t61\t4\t3119" in lines
    assert "72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20" in lines
    # the vertical label printed one character per line comes back as one label
    assert any(line.startswith("三、本年度办理结果\t（一）予以公开") for line in lines)
    # text around the tables stays in reading order
    assert lines.index("二、主动公开政府信息情况") < lines.index(
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    )


# ---------------------------------------------------------------- scans and damaged files


def _image_only_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    for y in range(200, 1500, 60):  # table rules and "text" blobs, as a scan looks
        draw.line((100, y, 1140, y), fill="black", width=2)
        draw.rectangle((120, y + 15, 600, y + 40), fill="gray")
    buf = io.BytesIO()
    image.save(buf, format="PDF", resolution=150)
    return buf.getvalue()


def test_a_scanned_pdf_asks_for_ocr_where_the_extra_is_missing(monkeypatch):
    # (with the ocr extra the scan is recognised: tests/annual/test_ocr.py)
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    with pytest.raises(NeedsOCR, match="此 PDF 为扫描图像，需安装 OCR 组件：pip install 'gongkai\\[ocr\\]'"):
        read_bytes(_image_only_pdf(), "scan.pdf", ".pdf")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_a_truncated_file_is_unreadable_not_a_crash(fmt):
    data = render(sample_report(), fmt)
    with pytest.raises(UnreadableReport) as info:
        read_bytes(data[: len(data) * 2 // 3], f"cut.{fmt}", f".{fmt}")
    assert not isinstance(info.value, NeedsOCR)
    assert "损坏" in str(info.value) or "截断" in str(info.value)


def test_a_docx_with_a_broken_part_is_unreadable():
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(render(sample_report(), "docx"))) as src,
        zipfile.ZipFile(buf, "w") as dst,
    ):
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]
            dst.writestr(item, body)
    with pytest.raises(UnreadableReport):
        read_bytes(buf.getvalue(), "broken.docx", ".docx")


# ---------------------------------------------------------------- foreign HTML

FOREIGN = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>示例县农业农村局2023年政府信息公开工作年度报告_示例县人民政府</title>
<script>var nav = "<table><tr><td>99</td></tr></table>";</script>
<style>td {{ border: 1px solid #000 }}</style></head>
<body>
<nav><a href="/">首页</a> &gt; <a href="/xxgk">信息公开</a> 2024 年度</nav>
<table width="100%"><tr><td class="article">
<h2 style="text-align:center">示例县农业农村局2023年政府信息公开工作年度报告</h2>
<p>&nbsp;&nbsp;&nbsp;&nbsp;本报告由示例县农业农村局编制。</p>
<p><strong>一、总体情况</strong></p>
<p>2023年，本局收到政府信息公开申请15件，上年结转2件，办结14件，结转下年度3件。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
<table border="1" cellspacing="0">
<tr><td colspan="4"><p align="center">第二十条第（一）项</p></td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>3</td><td>1</td><td>12</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">1024</td></tr>
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="3">56</td></tr>
<tr><td>行政强制</td><td colspan="3">7</td></tr>
<tr><td colspan="4">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">12.5</td></tr>
</table>
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
<table border="1" cellspacing="0"><tbody>
<tr><td rowspan="3" colspan="3"><p>{T3_HEADER_NOTE}</p></td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br>企业</td><td>科研<br>机构</td><td>社会公益<br>组织</td><td>法律服务<br>机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>12</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>15</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>
<tr><td rowspan="22"><p>三<br>、<br>本<br>年<br>度<br>办<br>理<br>结<br>果</p></td>
<td colspan="2">（一）予以公开</td><td>6</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>8</td></tr>
<tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>3.危及“三安全一稳定”</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>4.保护第三方合法权益</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td>5.属于三类内部事务信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>6.属于四类过程性信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>7.属于行政执法案卷</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>8.属于行政查询事项</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="3">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td><td>2</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td>2.没有现成信息需要另行制作</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>3.补正后申请内容仍不明确</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="5">（五）不予处理</td><td>1.信访举报投诉类申请</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td>2.重复申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>3.要求提供公开出版物</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>4.无正当理由大量反复申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>5.要求行政机关确认或重新出具已获取信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="3">（六）其他处理</td><td>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>3.其他</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td colspan="2">（七）总计</td><td>11</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>14</td></tr>
<tr><td colspan="3">四、结转下年度继续办理</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
</tbody></table>
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
<table border="1" cellspacing="0">
<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果<br>维持</td><td>结果<br>纠正</td><td>其他<br>结果</td><td>尚未<br>审结</td><td>总计</td>
<td>结果<br>维持</td><td>结果<br>纠正</td><td>其他<br>结果</td><td>尚未<br>审结</td><td>总计</td>
<td>结果<br>维持</td><td>结果<br>纠正</td><td>其他<br>结果</td><td>尚未<br>审结</td><td>总计</td></tr>
<tr><td>1</td><td>0</td><td>1</td><td>0</td><td>2</td><td>0</td><td>0</td><td>0</td><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table>
<p><strong>五、存在的主要问题及改进情况</strong></p>
<p>信息公开的及时性还需提高。</p>
<p><strong>六、其他需要报告的事项</strong></p>
<p>本年度未收取信息处理费。</p>
<p style="text-align:right">示例县农业农村局<br>2024年1月18日</p>
</td></tr></table>
<div class="footer">网站标识码 1234567890 主办：示例县人民政府</div>
</body></html>"""


def _check_foreign(report) -> None:
    assert report.format == "2021"
    assert report.agency.name == "示例县农业农村局" and report.year == 2023
    t3 = report.applications
    assert _t3_totals(report) == (15, 2, 14, 3)
    assert t3.get("new_received", "natural_person") == 12 and t3.get("new_received", "org_commercial") == 3
    assert t3.get("r_deny_third_party", "total") == 1 and t3.get("r_unable_not_held", "org_commercial") == 1
    assert _t4(report) == {
        "reconsideration": (1, 0, 1, 0, 2),
        "litigation_direct": (0, 0, 0, 1, 1),
        "litigation_after_reconsideration": (0, 0, 0, 0, 0),
    }
    assert report.tables["art20_5"].get("admin_licensing", "decisions") == 1024
    assert str(report.tables["art20_8"].get("admin_fees", "amount")) == "12.5"


def test_foreign_html_with_rowspan_and_colspan_reads():
    # real government pages are often GB2312/GBK and say so only in the meta tag
    _check_foreign(read_html(FOREIGN.encode("gbk"), "foreign.html"))


def test_foreign_html_becomes_tab_separated_rows_in_reading_order():
    lines = html_to_text(FOREIGN.encode("gbk")).splitlines()
    assert "var nav" not in "\n".join(lines) and "首页" not in "\n".join(lines)
    assert "一、本年新收政府信息公开申请数量\t\t\t12\t3\t0\t0\t0\t0\t15" in lines
    # the vertical label (one character per <br>) is one cell, given once, in its first row
    assert "三、本年度办理结果\t（一）予以公开\t\t6\t2\t0\t0\t0\t0\t8" in lines
    assert "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0" in lines
    assert "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0" in lines
    assert "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他" in lines
    assert lines.index("二、主动公开政府信息情况") < lines.index("行政许可\t1024")


def test_flattened_html_reads():
    """A page whose tables were pasted as text: one <p> per row, cells separated by spaces."""
    rows = []
    for line in html_to_text(FOREIGN.encode("gbk")).splitlines():
        rows.append("<p>" + "  ".join(cell for cell in line.split("\t") if cell) + "</p>")
    flat = "<html><head><meta charset='utf-8'></head><body>" + "\n".join(rows) + "</body></html>"
    assert "<table" not in flat and "<td" not in flat
    _check_foreign(read_html(flat.encode("utf-8"), "flat.html"))


def test_our_html_is_read_exactly_through_its_hooks():
    report = sample_report()
    back = read_html(render(report, "html"), "own.html")
    assert back.to_json()["applications"] == report.to_json()["applications"]
    assert back.sections == report.sections
    assert back.signature_date == report.signature_date


def test_docx_and_xlsx_give_the_same_lines_as_html():
    from gongkai.annual.readers.docx import docx_lines
    from gongkai.annual.readers.xlsx import xlsx_lines

    report = sample_report()
    html = html_to_text(render(report, "html")).splitlines()
    docx = docx_lines(render(report, "docx"))
    assert docx == html
    xlsx = xlsx_lines(render(report, "xlsx"))
    # the workbook adds a metadata block; the tables land under their section headings
    start = xlsx.index("一、总体情况")
    assert xlsx[start : start + len(html) - 1 - 2] == html[1 : len(html) - 2]


# ---------------------------------------------------------------- the structured readers' folding


def _fold_one_by_one(text: str) -> str:
    """``_structured.normalise`` as it was written first, a character at a time."""
    import unicodedata

    out = []
    for ch in text:
        code = ord(ch)
        if (
            0x2E80 <= code <= 0x2FDF
            or 0xF900 <= code <= 0xFAFF
            or 0xFF10 <= code <= 0xFF19
            or 0xFF21 <= code <= 0xFF5A
        ):
            out.append(unicodedata.normalize("NFKC", ch))
        elif ch in "\u00a0\u2002\u2003\u2009\u200b\ufeff":
            out.append(" " if ch not in "\u200b\ufeff" else "")
        else:
            out.append(ch)
    return "".join(out)


@given(
    st.text(
        st.sampled_from(
            list("总计年度报告１２Ａｚ，。（）/ \t\u00a0\u2002\u200b\ufeff⼀⼆⾦\uf900\ufa10\u3000a1")
        )
    )
)
def test_folding_compatibility_characters_is_the_character_by_character_rule(text):
    from gongkai.annual.readers._structured import normalise

    assert normalise(text) == _fold_one_by_one(text)
