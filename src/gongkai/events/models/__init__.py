from .event import AppendOnlyError, Event

__all__ = ["AppendOnlyError", "Event"]
