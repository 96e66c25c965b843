"""Word document as an office would print it: A4, official margins, 仿宋_GB2312 三号 body, 黑体
headings, tables with the official merges (python-docx).

python-docx's ``font.name`` sets only the Latin font; Chinese text uses ``w:rFonts/@w:eastAsia``,
so every style and run that matters sets it explicitly.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from ..model import Report
from ._common import (
    BLOCK,
    CAPTION,
    LABEL,
    NOTE,
    Cell,
    Sheet,
    outline,
    paragraphs,
    report_title,
    signature_lines,
)

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(10.5)  # 五号
TABLE_SMALL = Pt(9)  # 小五, for the 15-column table 四

# A4 with the margins of GB/T 9704 (党政机关公文格式): 天头 3.7, 订口 2.8
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGINS = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}


def render_docx(report: Report) -> bytes:
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    title = doc.add_paragraph(style="Title")
    _run(title, report_title(report), TITLE_FONT, TITLE_SIZE)
    for part in outline(report):
        heading = doc.add_paragraph(style="Heading 1")
        _run(heading, part.heading, HEADING_FONT, BODY_SIZE)
        for line in paragraphs(part.text):
            doc.add_paragraph(line, style="Normal")
        for sheet in part.sheets:
            _table(doc, sheet)
            doc.add_paragraph(style="Normal")
    for i, line in enumerate(signature_lines(report)):
        p = doc.add_paragraph(line, style="Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.first_line_indent = None
        if i == 0:
            p.paragraph_format.space_before = Pt(32)
    core = doc.core_properties
    core.title = report_title(report)
    core.author = report.agency.name or ""
    core.comments = f"gongkai format={report.format}"
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page_setup(doc) -> None:
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin = MARGINS["top"]
        section.bottom_margin = MARGINS["bottom"]
        section.left_margin = MARGINS["left"]
        section.right_margin = MARGINS["right"]


def set_east_asian(rpr_owner, name: str) -> None:
    """Set the Latin and East-Asian fonts of a style or run (``w:rFonts``)."""
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), name)
    # the theme font attributes override the explicit ones in Word; drop them
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.color.rgb = RGBColor(0, 0, 0)
    set_east_asian(normal, BODY_FONT)
    fmt = normal.paragraph_format
    fmt.first_line_indent = Pt(32)  # two characters
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(28)  # the usual fixed 28-point line spacing of official documents
    for name, font, size in (("Title", TITLE_FONT, TITLE_SIZE), ("Heading 1", HEADING_FONT, BODY_SIZE)):
        style = doc.styles[name]
        style.font.size = size
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_east_asian(style, font)
        pf = style.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = Pt(28)
        if name == "Title":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
            pf.space_after = Pt(16)
            # the built-in Title style draws a coloured bottom border
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
        else:
            pf.first_line_indent = Pt(32)
            pf.keep_with_next = True


def _run(paragraph, text: str, font: str, size) -> None:
    run = paragraph.add_run(text)
    run.font.size = size
    set_east_asian(run, font)


def _table(doc, sheet: Sheet) -> None:
    """Merges are written directly as ``w:gridSpan``/``w:vMerge``: ``Cell.merge`` and
    ``Table.cell`` rescan the whole grid on every call (seconds for table 三)."""
    table = doc.add_table(rows=sheet.nrows, cols=sheet.ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = TABLE_SMALL if sheet.key == "review_litigation" else TABLE_SIZE
    widths = _widths(sheet)
    owner: dict[tuple[int, int], Cell] = {}
    for cell_def in sheet.cells:
        for r in range(cell_def.row, cell_def.row + cell_def.rowspan):
            for c in range(cell_def.col, cell_def.col + cell_def.colspan):
                owner[(r, c)] = cell_def
    for r, row in enumerate(table.rows):
        tr = row._tr
        if r < sheet.header_rows:
            _row_flag(tr, "w:tblHeader")
        _row_flag(tr, "w:cantSplit")
        for c, tc in enumerate(list(tr.tc_lst)):
            cell_def = owner.get((r, c))
            if cell_def is not None and cell_def.col != c:
                tr.remove(tc)  # covered by a cell to its left (gridSpan)
                continue
            cell = _Cell(tc, table)
            cell.width = Cm(sum(widths[c : c + (cell_def.colspan if cell_def else 1)]))
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if cell_def is None:
                continue
            if cell_def.colspan > 1:
                tc.grid_span = cell_def.colspan
            if cell_def.rowspan > 1:
                tc.vMerge = "restart" if r == cell_def.row else "continue"
            if r != cell_def.row:
                continue
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            align_left = cell_def.kind in (LABEL, NOTE)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if align_left else WD_ALIGN_PARAGRAPH.CENTER
            font = HEADING_FONT if cell_def.kind == CAPTION else BODY_FONT
            _run(paragraph, cell_def.text, font, size)
            if cell_def.kind == BLOCK:
                _vertical(cell)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.gridCol_lst, widths, strict=True):
        col.w = Cm(width)


def _widths(sheet: Sheet) -> list[float]:
    """Column widths in cm over the 15.6 cm type area."""
    usable = 21 - 2.8 - 2.6
    data = sheet.ncols - sheet.label_cols
    if sheet.key == "applications":
        cm = [0.9, 1.8, 5.3] + [(usable - 8.0) / data] * data
    elif sheet.label_cols:
        cm = [5.0] + [(usable - 5.0) / data] * data
    else:
        cm = [usable / sheet.ncols] * sheet.ncols
    return cm


def _vertical(cell) -> None:
    """Top-to-bottom text for the merged 三、本年度办理结果 label (``w:textDirection``)."""
    tcpr = cell._tc.get_or_add_tcPr()
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "tbRlV")
    # schema order: textDirection comes before tcFitText/vAlign/hideMark
    later = [tcpr.find(qn(t)) for t in ("w:tcFitText", "w:vAlign", "w:hideMark")]
    later = [e for e in later if e is not None]
    if later:
        later[0].addprevious(direction)
    else:
        tcpr.append(direction)


def _row_flag(tr, tag: str) -> None:
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(el)
