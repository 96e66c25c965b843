"""gongkai.charts: SVG that parses, names every mark, labels the values and escapes text."""

import xml.etree.ElementTree as ET

from gongkai import charts

NS = {"s": "http://www.w3.org/2000/svg"}


def _parse(svg: str):
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    return root


def _texts(root):
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_bar_chart():
    root = _parse(charts.bar_chart(["示例县教育局", "示例县财政局"], [12, 3], title="新收申请", unit="件"))
    bars = root.findall(".//s:rect", NS)
    assert len(bars) == 2
    assert [b.find("s:title", NS).text for b in bars] == ["示例县教育局：12件", "示例县财政局：3件"]
    assert float(bars[0].get("width")) > float(bars[1].get("width")) * 3.5
    assert "12" in _texts(root) and "3" in _texts(root)  # values printed
    assert root.find("s:title", NS).text == "新收申请"


def test_stacked_bar_chart_segments_and_totals():
    series = [charts.Series("行政复议", [2, 0]), charts.Series("行政诉讼", [1, 4])]
    root = _parse(charts.stacked_bar_chart(["甲局", "乙局"], series, title="复议诉讼"))
    marks = [r for r in root.findall(".//s:rect", NS) if r.get("aria-hidden") != "true"]  # not the legend
    titles = [r.find("s:title", NS).text for r in marks]
    assert (
        "甲局 · 行政复议：2" in titles and "甲局 · 行政诉讼：1" in titles and "乙局 · 行政诉讼：4" in titles
    )
    assert "乙局 · 行政复议：0" not in titles  # a zero draws nothing
    assert "3" in _texts(root) and "4" in _texts(root)  # totals
    assert "行政复议" in _texts(root)  # legend


def test_line_chart_breaks_at_a_blank():
    root = _parse(
        charts.line_chart(["2021", "2022", "2023"], [charts.Series("新收", [5, None, 9])], title="x")
    )
    assert len(root.findall(".//s:circle", NS)) == 2
    assert root.findall(".//s:polyline", NS) == []  # no two neighbours to join
    assert [c.find("s:title", NS).text for c in root.findall(".//s:circle", NS)] == ["2021：5", "2023：9"]


def test_text_is_escaped():
    evil = '<script>alert("x")</script>&'
    svg = charts.stacked_bar_chart(
        [evil], [charts.Series(evil, [1]), charts.Series("b", [2])], title=evil
    ) + charts.line_chart([evil], [charts.Series(evil, [1])], title=evil)
    assert "<script>" not in svg
    for part in svg.split("</svg>")[:-1]:
        root = _parse(part + "</svg>")
        assert root.get("aria-label") == evil
        assert root.find("s:title", NS).text == evil


def test_long_names_are_cut_but_titled_in_full():
    name = "示例县政务服务和大数据管理局直属事业单位服务中心"
    root = _parse(charts.bar_chart([name], [1], title="t"))
    assert any(t.endswith("…") for t in _texts(root))
    assert root.find(".//s:rect/s:title", NS).text == f"{name}：1"


def test_empty_chart_says_so():
    root = _parse(charts.bar_chart(["甲"], [0], title="t", empty="没有案件"))
    assert "没有案件" in _texts(root)


def test_no_font_named_unless_asked():
    assert "font-family" not in charts.bar_chart(["甲"], [1], title="t")
    assert 'font-family="Noto Sans CJK SC"' in charts.bar_chart(
        ["甲"], [1], title="t", font_family="Noto Sans CJK SC"
    )
