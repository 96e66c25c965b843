from .batch import BatchItem, BatchState, SubmissionBatch
from .importfile import CreditImport, ImportStatus
from .record import CreditRecord, PublicityState

__all__ = [
    "BatchItem",
    "BatchState",
    "CreditImport",
    "CreditRecord",
    "ImportStatus",
    "PublicityState",
    "SubmissionBatch",
]
