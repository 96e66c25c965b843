"""Writers: ``Report`` -> bytes in each published format; ``write_path`` picks by extension."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from ..errors import ReportError
from ..model import Report
from ._common import report_title

__all__ = ["EXTENSIONS", "WRITERS", "format_for_path", "render", "report_title"]

# format -> "module:function"; each function takes a Report and returns bytes
WRITERS = {
    "json": "gongkai.annual.writers.jsonfile:render_json",
    "md": "gongkai.annual.writers.markdown:render_markdown",
    "html": "gongkai.annual.writers.html:render_html",
    "docx": "gongkai.annual.writers.docx:render_docx",
    "xlsx": "gongkai.annual.writers.xlsx:render_xlsx",
    "pdf": "gongkai.annual.writers.pdf:render_pdf",
}
EXTENSIONS = {
    ".json": "json",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".pdf": "pdf",
}


def format_for_path(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        known = "、".join(sorted(EXTENSIONS))
        raise ReportError(f"不支持输出为“{suffix or '（无扩展名）'}”格式；可用：{known}")
    return EXTENSIONS[suffix]


def render(report: Report, fmt: str) -> bytes:
    module, function = WRITERS[fmt].split(":")
    return getattr(import_module(module), function)(report)


def write_path(report: Report, path: str | Path) -> Path:
    """Render to a temporary file beside ``path`` and move it into place: no half-written output."""
    path = Path(path)
    data = render(report, format_for_path(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
