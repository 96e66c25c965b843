"""FMT-VERSION: the template must be the one in force for the report year (spec §1.9)."""

from __future__ import annotations

from collections.abc import Iterator

from ..layout import FORMAT_2019, FORMAT_2021, FORMAT_PRE2019, layout_for, layout_for_year
from ..model import Report
from .base import CheckContext, Finding, Severity, check, finding, skipped

_NAMES_ZH = {
    FORMAT_2021: "2021 年版格式（国办公开办函〔2021〕30号）",
    FORMAT_2019: "2019 年试行格式（国办公开办函〔2019〕60号）",
    FORMAT_PRE2019: "2019 年以前的旧结构",
}
_NAMES_EN = {
    FORMAT_2021: "the 2021 format",
    FORMAT_2019: "the 2019 trial format",
    FORMAT_PRE2019: "the pre-2019 structure",
}


@check("FMT-VERSION", "年度报告格式与报告年度相符", "Report format matches the report year")
def format_version(report: Report, context: CheckContext) -> Iterator[Finding]:
    if report.year is None:
        yield skipped(
            "FMT-VERSION",
            "报告年度未知，无法判断所用格式是否正确",
            "report year unknown: cannot tell whether the format is the right one",
        )
        return
    try:
        layout_for(report.format)
    except ValueError:
        yield skipped(
            "FMT-VERSION", f"未知的报告格式 {report.format!r}", f"unknown report format {report.format!r}"
        )
        return
    used, year = report.format, report.year
    expected = layout_for_year(year).version
    if used == expected:
        return
    if used == FORMAT_PRE2019 or (year >= 2021 and used == FORMAT_2019):
        # a template that was already superseded: the report does not follow the format in force
        severity, why_zh, why_en = Severity.ERROR, "使用了已废止的格式", "uses a superseded format"
    else:
        # a newer template than the year required (anachronism), or a new template for an old year:
        # the data may still be complete, so only a warning
        severity, why_zh, why_en = (
            Severity.WARNING,
            "使用了当年尚未施行的格式",
            "uses a format not yet in force",
        )
    yield finding(
        "FMT-VERSION",
        severity,
        f"{year}年度报告{why_zh}：采用{_NAMES_ZH[used]}，应采用{_NAMES_ZH[expected]}",
        f"the {year} report {why_en}: it follows {_NAMES_EN[used]}, but {_NAMES_EN[expected]} applies",
        ["format", "year"],
    )
