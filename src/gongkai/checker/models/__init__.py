from .batch import CheckBatch, CheckItem, ItemState

__all__ = ["CheckBatch", "CheckItem", "ItemState"]
