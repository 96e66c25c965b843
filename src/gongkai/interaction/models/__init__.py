from .message import AgencySettings, Counter, Message, State

__all__ = ["AgencySettings", "Counter", "Message", "State"]
