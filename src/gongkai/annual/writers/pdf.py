"""PDF: the HTML writer's document rendered by WeasyPrint (one source for both).

The CSS names the official fonts first and falls back to Noto CJK (Debian ``fonts-noto-cjk``), so no
fontconfig file is needed. Without any CJK font WeasyPrint silently prints boxes (tofu), so we refuse.
"""

from __future__ import annotations

import glob
import logging
import shutil
import subprocess
from functools import cache

from ..errors import ReportError
from ..model import Report
from .html import html_document

FONT_HELP = (
    "系统中没有中文字体，无法生成 PDF（否则中文会显示为方框）。"
    "请安装中文字体，例如 Debian/Ubuntu：apt-get install fonts-noto-cjk"
)


@cache
def has_cjk_font() -> bool:
    """True when fontconfig knows at least one Chinese font."""
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(
                ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False
            ).stdout
            return bool(out.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    # no fc-list binary: look for the usual CJK font files instead
    patterns = ("*CJK*", "*cjk*", "*wqy*", "*SourceHan*", "*simsun*", "*simfang*", "*simhei*")
    return any(glob.glob(f"/usr/share/fonts/**/{p}", recursive=True) for p in patterns)


def render_pdf(report: Report) -> bytes:
    if not has_cjk_font():
        raise ReportError(FONT_HELP)
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango or another system library missing
        raise ReportError(f"无法加载 PDF 排版组件 WeasyPrint：{exc}") from None
    # WeasyPrint logs every unsupported CSS property (writing-mode) as a warning; not useful here
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html_document(report)).write_pdf()
