"""Random damage to a valid text report never crashes the reader: it returns a Report (with
notes) or raises the package's own ReportError."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual import Report, ReportError
from gongkai.annual.layout import LAYOUT_2021
from gongkai.annual.readers.text import read_text, read_text_bytes

GRID = LAYOUT_2021.applications
OUTCOMES = [r.key for r in GRID.rows if r.block and r.key != "r_total"]
PARTS = len(GRID.columns) - 1


@st.composite
def valid_report(
    draw, separators=st.sampled_from(["\t", "   ", " | ", ""])
) -> tuple[str, dict[str, list[int]]]:
    """A consistent report: outcome counts drawn, every total derived from them."""
    counts = st.lists(st.integers(0, 120), min_size=PARTS, max_size=PARTS)
    rows = {key: draw(counts) for key in OUTCOMES}
    carried_in = draw(counts)
    carried_out = [draw(st.integers(0, 5)) for _ in range(PARTS)]
    total = [sum(rows[k][i] for k in OUTCOMES) for i in range(PARTS)]
    rows["r_total"] = total
    rows["carried_over_in"] = carried_in
    rows["carried_over_out"] = carried_out
    carried_in = [min(c, t + o) for c, t, o in zip(carried_in, total, carried_out, strict=True)]
    rows["carried_over_in"] = carried_in
    rows["new_received"] = [t + o - c for t, o, c in zip(total, carried_out, carried_in, strict=True)]
    sep = draw(separators)
    lines = [
        "某某县人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        "收到申请若干件。",
        "二、主动公开政府信息情况",
    ]
    for g in LAYOUT_2021.active:
        lines.append(g.title)
        for r in g.rows:
            lines.append(sep.join([r.text, *(str(draw(st.integers(0, 999))) for _ in g.columns)]))
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.append(sep.join(c.label for c in GRID.columns))
    values = {}
    for r in GRID.rows:
        vals = rows[r.key] + [sum(rows[r.key])]
        values[r.key] = vals
        lines.append(sep.join([r.label, *map(str, vals)]))
    t4 = []
    for _ in range(3):
        parts = [draw(st.integers(0, 30)) for _ in range(4)]
        t4 += parts + [sum(parts)]
    lines += [
        "四、政府信息公开行政复议、行政诉讼情况",
        sep.join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]),
    ]
    lines.append(sep.join(map(str, t4)))
    lines += [
        "五、存在的主要问题及改进情况",
        "无。",
        "六、其他需要报告的事项",
        "无。",
        "某某县人民政府",
        "2024年1月20日",
    ]
    return "\n".join(lines), values


def damage(draw, text: str) -> str:
    chars = list(text)
    for _ in range(draw(st.integers(0, 12))):
        if not chars:
            break
        kind = draw(st.sampled_from(["delete", "merge", "space", "dup", "junk"]))
        i = draw(st.integers(0, len(chars) - 1))
        if kind == "delete":
            del chars[i]
        elif kind == "merge":  # remove a run of separators: cells run together
            while i < len(chars) and chars[i] in " \t|":
                del chars[i]
        elif kind == "space":
            chars[i] = draw(st.sampled_from([" ", "\t", "\n", "  ", ""]))
        elif kind == "dup":
            chars.insert(i, chars[i])
        else:
            chars.insert(i, draw(st.sampled_from(["1", "/", "—", "(", "·", "三、", "\x00", "9999999999"])))
    return "".join(chars)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_reports_never_crash(data):
    text, _ = data.draw(valid_report())
    damaged = damage(data.draw, text)
    try:
        report = read_text(damaged)
    except ReportError:
        return
    assert isinstance(report, Report)
    report.to_json()  # the result is always serialisable


@settings(max_examples=30, deadline=None)
@given(valid_report(separators=st.sampled_from(["\t", "   ", " | "])))
def test_undamaged_reports_read_exactly(case):
    text, values = case
    report = read_text(text)
    for key, vals in values.items():
        assert report.applications.row_values(key) == vals, key


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(data):
    with contextlib.suppress(ReportError):
        assert isinstance(read_text_bytes(data), Report)
