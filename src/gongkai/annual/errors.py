"""The package's own errors: every reader and the JSON loader raise these, never a bare traceback."""


class ReportError(Exception):
    """A report could not be read or built; the message is fit to show a user."""


class UnreadableReport(ReportError):
    """The input is not a report we can read (empty, binary, truncated, wrong kind of file)."""


class NeedsOCR(UnreadableReport):
    """A scanned PDF: no text layer to read."""


class InvalidReportJSON(ReportError):
    """A JSON document that does not follow the gongkai.annual/1 schema."""
