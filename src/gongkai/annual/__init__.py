"""gongkai.annual — the 政府信息公开工作年度报告 domain in plain Python (no Django).

The official layouts are declared once in ``layout``; ``model`` holds a report, ``checks`` finds its
errors, ``readers`` and ``writers`` move it in and out of published formats, ``sum`` adds reports up.
"""

from .errors import InvalidReportJSON, NeedsOCR, ReportError, UnreadableReport
from .layout import FORMAT_2019, FORMAT_2021, FORMAT_PRE2019, LAYOUTS, layout_for, layout_for_year
from .model import SCHEMA, Agency, AgencyKind, AgencyLevel, Note, Report, Table

__all__ = [
    "FORMAT_2019",
    "FORMAT_2021",
    "FORMAT_PRE2019",
    "LAYOUTS",
    "SCHEMA",
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "InvalidReportJSON",
    "NeedsOCR",
    "Note",
    "Report",
    "ReportError",
    "Table",
    "UnreadableReport",
    "layout_for",
    "layout_for_year",
]
