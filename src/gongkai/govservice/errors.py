class GovServiceError(Exception):
    """A refused change, with a Chinese message and maybe the form field it is about."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
