from .baseline import BaselineUpload, ImportedBaseline
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
    "BaselineUpload",
    "ImportedBaseline",
    "ReportVersion",
    "WarningAcknowledgement",
]
