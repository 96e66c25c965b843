"""``POST /api/v1/check``: a report file in, its findings out — what ``gongkai check --json`` says
of one file. Anything that cannot be read is a 422 with the reader's Chinese message, never a 500."""

from __future__ import annotations

import logging
from pathlib import PurePath

from django.utils.translation import gettext as _
from ninja import File, Router
from ninja.files import UploadedFile

from gongkai.annual.checks import check_result, run_checks
from gongkai.annual.errors import ReportError
from gongkai.annual.readers import read_bytes

from .errors import ApiError
from .schemas import CheckOut, ErrorOut

logger = logging.getLogger(__name__)
router = Router(tags=["年度报告检查"])

MAX_UPLOAD = 20 * 1024 * 1024  # a published report is well under this; the reader's own cap is higher


@router.post(
    "/check",
    response={200: CheckOut, 413: ErrorOut, 422: ErrorOut},
    summary="检查年度报告文件",
    description=(
        "上传一份年度报告（.txt .md .html .docx .xlsx .pdf 或 gongkai.annual/1 .json，multipart 字段 file），"
        f"返回与 gongkai check --json 相同的检查结果。文件不超过 {MAX_UPLOAD // (1024 * 1024)} MB；"
        "无法读取时返回 422。"
    ),
    operation_id="check_report",
)
def check_report(request, file: File[UploadedFile]):
    if file.size is not None and file.size > MAX_UPLOAD:
        raise ApiError(
            413, _("文件过大（超过 %(n)s MB）。") % {"n": MAX_UPLOAD // (1024 * 1024)}, code="too_large"
        )
    name = PurePath(file.name or "").name
    data = file.read(MAX_UPLOAD + 1)
    try:
        report = read_bytes(data, source=name or None, suffix=PurePath(name).suffix)
        findings = run_checks(report)
    except ReportError as exc:
        raise ApiError(
            422, _("无法读取：%(why)s") % {"why": " ".join(str(exc).split())}, code="unreadable"
        ) from None
    except Exception:
        # A reader tripping over a hostile file is still the file's fault for the caller.
        logger.exception("report check failed on %r", name)
        raise ApiError(422, _("无法读取：文件内容无法识别为年度报告。"), code="unreadable") from None
    return check_result(report, findings)
