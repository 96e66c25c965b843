"""The gongkai.annual/1 JSON document (see docs/report-json.md)."""

from __future__ import annotations

from ..model import Report


def render_json(report: Report) -> bytes:
    return (report.dumps() + "\n").encode("utf-8")
