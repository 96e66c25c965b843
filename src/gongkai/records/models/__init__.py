from .batch import BatchStatus, ImportBatch
from .record import Decision, FeeCollection, YearlyTotal

__all__ = ["BatchStatus", "Decision", "FeeCollection", "ImportBatch", "YearlyTotal"]
