from .batch import BatchStatus, ImportBatch
from .item import Material, ServiceItem, Status

__all__ = ["BatchStatus", "ImportBatch", "Material", "ServiceItem", "Status"]
