"""Word (.docx) files: the text of every paragraph (body, tables, headers, footers) and the same
file with changed characters written back into their runs. Replacements have the original length
(``mask``), so each ``w:t`` keeps its length and its formatting."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn


def _paragraphs(document):
    yield from document.element.body.iter(qn("w:p"))
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                yield from part._element.iter(qn("w:p"))


def _texts(paragraph):
    return list(paragraph.iter(qn("w:t")))


def extract(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join("".join(t.text or "" for t in _texts(p)) for p in _paragraphs(document))


def rewrite(data: bytes, redacted: str) -> bytes:
    """``redacted``: ``extract(data)`` with some characters replaced (same length)."""
    document = docx.Document(io.BytesIO(data))
    pos = 0
    for paragraph in _paragraphs(document):
        for t in _texts(paragraph):
            n = len(t.text or "")
            t.text = redacted[pos : pos + n]
            pos += n
        pos += 1  # the "\n" between paragraphs
    if pos - 1 != len(redacted):
        raise ValueError("the redacted text does not match the document")
    # Who wrote the file is personal data too, and not part of the released information.
    props = document.core_properties
    props.author = props.last_modified_by = props.comments = ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
