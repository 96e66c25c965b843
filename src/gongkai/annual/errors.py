"""The package's own errors: every reader and the JSON loader raise these, never a bare traceback."""


class ReportError(Exception):
    """A report could not be read or built; the message is fit to show a user."""


class UnreadableReport(ReportError):
    """The input is not a report we can read (empty, binary, truncated, wrong kind of file)."""


class NeedsOCR(UnreadableReport):
    """A scanned PDF: no text layer to read."""


class InvalidReportJSON(ReportError):
    """A JSON document that does not follow the gongkai.annual/1 schema."""


def one_line(text: object, limit: int = 300) -> str:
    """``text`` on one line, cut to ``limit`` characters (an error message for a list or a log)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def failure(exc: BaseException) -> tuple[str, str]:
    """(kind, message) for an exception raised while reading or checking one file: kind
    "unreadable" (the file's fault, the message says why in Chinese) or "internal" (ours)."""
    if isinstance(exc, ReportError):
        return "unreadable", one_line(exc)
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("gongkai.annual."):
        module = exc.name.rsplit(".", 1)[-1]
        return "unreadable", f"尚不支持此类文件（缺少模块 {module}）"
    return "internal", f"内部错误：{type(exc).__name__}: {one_line(exc)}"
