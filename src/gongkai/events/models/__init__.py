from .event import AppendOnlyError, ChainHead, Event

__all__ = ["AppendOnlyError", "ChainHead", "Event"]
