"""All checks of a report. Importing this package registers every check family."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Report
from ..peers import Digest
from . import (  # noqa: F401  (registers checks)
    arithmetic,
    crossyear,
    dates,
    money,
    narrative,
    quality,
    sections,
    tables,
    version,
)
from .base import REGISTRY, CheckContext, CheckOptions, Finding, Severity, run_all

__all__ = [
    "REGISTRY",
    "CheckContext",
    "CheckOptions",
    "Finding",
    "Severity",
    "check_result",
    "has_errors",
    "run_checks",
]


def run_checks(
    report: Report,
    previous: Report | None = None,
    options: CheckOptions | None = None,
    peers: Sequence[Report | Digest] = (),
) -> list[Finding]:
    """Every finding for ``report`` (and, when given, against last year's ``previous`` and the
    same year's reports of other agencies, ``peers``)."""
    context = CheckContext(options=options or CheckOptions(), previous=previous, peers=peers)
    return list(run_all(report, context))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def check_result(report: Report, findings: list[Finding]) -> dict:
    """One checked report as ``gongkai check --json`` and the API's check give it."""
    return {
        "status": "errors" if has_errors(findings) else "ok",
        "format": report.format,
        "agency": report.agency.name,
        "year": report.year,
        "findings": [f.to_json() for f in findings],
        "notes": [n.to_json() for n in report.notes],
    }
