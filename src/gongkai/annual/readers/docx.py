"""Word (.docx) reports: paragraphs and tables in document order -> lines for the text reader.

The archive is inspected first (``_limits.check_zip``: entries, sizes, compression ratio).
Merged cells are read from the XML (``w:gridSpan``, ``w:vMerge``): a merged cell's text is given
once, in its first row and column, as it is printed.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from ..errors import UnreadableReport
from ..model import Report
from ._limits import check_zip
from ._structured import cell_text, clean_line, grid_lines, read_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, source: str | None = None) -> Report:
    return read_lines(docx_lines(data), source)


def docx_lines(data: bytes) -> list[str]:
    check_zip(data, "Word").close()  # a zip bomb is refused before python-docx inflates every part
    try:
        from docx import Document

        doc = Document(BytesIO(data))
        lines: list[str] = []
        _block_lines(doc.element.body, lines)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableReport(f"Word 文件已损坏或被截断，无法读取（{type(exc).__name__}）") from None
    except Exception as exc:  # lxml XMLSyntaxError and friends from a damaged part or attribute
        raise UnreadableReport(f"Word 文件内容有误，无法读取：{_short(exc)}") from None
    return lines


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _block_lines(container, lines: list[str]) -> None:
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            text = clean_line(_paragraph_text(child))
            if text:
                lines.append(text)
        elif tag == f"{W}tbl":
            lines.extend(_table_lines(child))
        elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            _block_lines(child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child, lines)


def _paragraph_text(p) -> str:
    parts = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _table_lines(tbl) -> list[str]:
    grid: list[list[str]] = []
    nested: list[str] = []
    for tr in tbl.iterchildren(f"{W}tr"):
        row: list[str] = []
        for tc in tr.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span, continued = 1, False
            if props is not None:
                gs = props.find(f"{W}gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(f"{W}val", "1") or 1))
                vm = props.find(f"{W}vMerge")
                # <w:vMerge/> with no val (or val="continue") continues the cell above
                continued = vm is not None and vm.get(f"{W}val", "continue") != "restart"
            texts = []
            for p in tc.iterchildren(f"{W}p"):
                texts.append(_paragraph_text(p))
            for inner in tc.iterchildren(f"{W}tbl"):
                nested.extend(_table_lines(inner))
            row.append("" if continued else cell_text("\n".join(texts)))
            row.extend([""] * (span - 1))
        grid.append(row)
    return grid_lines(grid) + nested
