"""Download names: readable Chinese names that Windows accepts, sent as RFC 6266/5987 headers."""

import re
from urllib.parse import quote, unquote

from hypothesis import given
from hypothesis import strategies as st

from gongkai.downloads import ascii_filename, content_disposition, download, safe_filename

_HEADER = re.compile(r"""^attachment; filename="([ -~]*)"; filename\*=UTF-8''([A-Za-z0-9%._~-]+)$""")


def test_a_chinese_name_is_sent_twice():
    value = content_disposition(
        "示例县教育局2025年政府信息公开工作年度报告.docx", "jyj-2025-annual-report.docx"
    )
    assert value == (
        'attachment; filename="jyj-2025-annual-report.docx"; '
        "filename*=UTF-8''" + quote("示例县教育局2025年政府信息公开工作年度报告.docx")
    )


def test_characters_windows_refuses_are_taken_out():
    assert safe_filename('答复书：第"1"号/附件*?<>|.pdf') == "答复书：第1号附件.pdf"  # ：is full width
    assert safe_filename("报告 . . .docx") == "报告.docx"
    assert safe_filename("CON.txt") == "CON_.txt"
    assert safe_filename("???.pdf") == "download.pdf"
    assert len(safe_filename("长" * 300 + ".xlsx")) == 120 and safe_filename("长" * 300 + ".xlsx").endswith(
        ".xlsx"
    )


def test_the_ascii_fallback():
    assert ascii_filename("政府信息公开申请答复书（示政依复〔2026〕2号）.pdf") == "2026-2.pdf"
    assert ascii_filename("年度报告.json") == "download.json"
    assert ascii_filename("Café report.pdf") == "Cafe-report.pdf"


def test_the_response_carries_the_header():
    response = download(b"{}", "示例县教育局2025年政府信息公开工作年度报告.json", "application/json")
    assert response["Content-Type"] == "application/json" and response.content == b"{}"
    assert _HEADER.match(response["Content-Disposition"])
    assert response["X-Content-Type-Options"] == "nosniff"


@given(st.text(max_size=200), st.sampled_from(["", ".pdf", ".docx", ".xlsx"]))
def test_any_name_gives_a_valid_header_and_a_windows_name(name, ext):
    safe = safe_filename(name + ext)
    assert safe and not re.search(r'[\\/:*?"<>|\x00-\x1f]', safe) and safe[-1] not in ". "
    assert safe.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
    match = _HEADER.match(content_disposition(name + ext))
    assert match, content_disposition(name + ext)
    assert unquote(match.group(2)) == safe
    assert match.group(1) == ascii_filename(safe)
