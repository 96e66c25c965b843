"""The gongkai.annual/1 JSON document."""

from __future__ import annotations

from ..errors import InvalidReportJSON
from ..model import Report


def read_json(data: bytes, source: str | None = None) -> Report:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidReportJSON("JSON 文件不是 UTF-8 编码") from None
    report = Report.loads(text)
    report.source = report.source or source
    return report
