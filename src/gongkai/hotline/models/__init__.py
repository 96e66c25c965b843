from .entry import Counter, Entry, Review, Status

__all__ = ["Counter", "Entry", "Review", "Status"]
