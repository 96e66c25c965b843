from .notification import Channel, Kind, Notification, State

__all__ = ["Channel", "Kind", "Notification", "State"]
