from .baseline import ImportedBaseline
from .report import (
    OVERVIEW_PARTS,
    TEXT_FIELDS,
    AnnualReport,
    AppendOnlyError,
    ReportVersion,
    WarningAcknowledgement,
)

__all__ = [
    "OVERVIEW_PARTS",
    "TEXT_FIELDS",
    "AnnualReport",
    "AppendOnlyError",
    "ImportedBaseline",
    "ReportVersion",
    "WarningAcknowledgement",
]
