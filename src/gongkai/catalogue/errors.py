"""The one error every catalogue operation refuses with."""

from __future__ import annotations


class CatalogueError(Exception):
    """A refused operation, with a message for the user (Chinese by default) and maybe a form field."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
