from .token import ApiToken

__all__ = ["ApiToken"]
