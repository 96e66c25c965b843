from .batch import BatchItem, BatchState, SubmissionBatch
from .importfile import BatchStatus, CreditImport
from .record import CreditRecord, PublicityState

__all__ = [
    "BatchItem",
    "BatchState",
    "CreditImport",
    "CreditRecord",
    "BatchStatus",
    "PublicityState",
    "SubmissionBatch",
]
