"""Excel (.xlsx) reports: every sheet's rows -> tab-separated lines for the text reader.

A workbook often keeps the texts on one sheet and each table on its own sheet (ours does: 报告,
表二, 表三, 表四). When a table sheet starts with a section heading that also appears on another
sheet, its lines are placed under that heading, so the text reader sees the report in printed order.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from ..errors import UnreadableReport
from ..model import Report
from ._limits import check_sheets, check_zip
from ._structured import cell_text, clean_line, number_text, read_lines

_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_NUMBER = re.compile(r"^-?[\d,.]+$")


def read_xlsx(data: bytes, source: str | None = None) -> Report:
    return read_lines(xlsx_lines(data), source)


def xlsx_lines(data: bytes) -> list[str]:
    # the archive and every sheet's extent first: openpyxl makes an object per cell of the range
    with check_zip(data, "Excel") as archive:
        check_sheets(archive)
    try:
        from openpyxl import load_workbook

        # not read_only: merged-cell ranges are needed, and report workbooks are small (checked)
        wb = load_workbook(BytesIO(data), data_only=True)
        sheets = [_sheet_lines(ws) for ws in wb.worksheets if ws.sheet_state == "visible"]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableReport(f"Excel 文件已损坏或被截断，无法读取（{type(exc).__name__}）") from None
    except Exception as exc:
        text = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise UnreadableReport(f"Excel 文件内容有误，无法读取：{text}") from None
    return _interleave([s for s in sheets if s])


def _sheet_lines(ws) -> list[str]:
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    lines: list[str] = []
    for row in ws.iter_rows():
        cells = []
        for cell in row:
            if (cell.row, cell.column) in covered:
                cells.append("")
            elif isinstance(cell.value, str):
                cells.append(cell.value)
            else:
                cells.append(number_text(cell.value))
        while cells and not cells[-1].strip():
            cells.pop()
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        prose = any("\n" in c or len(c) > 60 for c in filled) or (
            len(filled) == 2 and _HEADING.match(filled[0]) and not _NUMBER.match(filled[1].strip())
        )
        if len(filled) <= 2 and prose:
            # a heading and a block of text (or a text alone): paragraphs, not a table row
            for text in filled:
                lines.extend(x for x in (clean_line(p) for p in text.splitlines()) if x)
        else:
            lines.append("\t".join(cell_text(c) for c in cells))
    return lines


def _interleave(sheets: list[list[str]]) -> list[str]:
    if len(sheets) < 2:
        return sheets[0] if sheets else []
    main, rest = sheets[0], sheets[1:]
    placed: dict[int, list[list[str]]] = {}
    leftovers: list[list[str]] = []
    for sheet in rest:
        heading = sheet[0].split("\t")[0]
        index = next(
            (i for i, line in enumerate(main) if _HEADING.match(heading) and line.split("\t")[0] == heading),
            None,
        )
        if index is None:
            leftovers.append(sheet)
            continue
        # after the heading and its own text, i.e. just before the next section heading
        end = index + 1
        while end < len(main) and not _HEADING.match(main[end]):
            end += 1
        placed.setdefault(end, []).append(sheet[1:])
    out: list[str] = []
    for i, line in enumerate(main):
        for block in placed.get(i, []):
            out.extend(block)
        out.append(line)
    for block in placed.get(len(main), []):
        out.extend(block)
    for sheet in leftovers:
        out.extend(sheet)
    return out
