"""One self-contained HTML document laid out like the official form; also the source of the PDF.

Cells carry ``data-cell`` paths and the document carries ``gongkai:*`` meta tags so that our own
reader can read the numbers back exactly; nothing is loaded from outside (no CDN, no fonts).
"""

from __future__ import annotations

from html import escape

from ..model import Report
from ._common import (
    BLOCK,
    CAPTION,
    GROUP,
    HEAD,
    LABEL,
    NOTE,
    VALUE,
    Sheet,
    outline,
    paragraphs,
    report_title,
    signature_lines,
)

GENERATOR = "gongkai"

# Official fonts first (present on office PCs); Noto CJK is what Debian has (fonts-noto-cjk).
BODY_FONTS = '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "Source Han Serif SC", serif'
HEADING_FONTS = '"黑体", SimHei, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
TITLE_FONTS = (
    '"方正小标宋简体", "方正小标宋_GBK", "华文中宋", "Noto Serif CJK SC", "Source Han Serif SC", serif'
)

CSS = f"""
@page {{
  size: A4;
  margin: 3.7cm 2.6cm 3.5cm 2.8cm;
  @bottom-center {{ content: "- " counter(page) " -"; font-family: {BODY_FONTS}; font-size: 10.5pt; }}
}}
html {{ font-family: {BODY_FONTS}; font-size: 16pt; line-height: 1.6; color: #000; }}
body {{ max-width: 15.6cm; margin: 0 auto; }}
h1 {{ font-family: {TITLE_FONTS}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.4;
      margin: 0 0 1em; }}
h2 {{ font-family: {HEADING_FONTS}; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0.3em; text-indent: 2em;
      break-after: avoid; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
table {{ border-collapse: collapse; table-layout: fixed; width: 100%; margin: 0.5em 0 1em; font-size: 10.5pt; line-height: 1.3; }}
table.review_litigation {{ font-size: 9pt; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; break-inside: avoid; }}
th, td {{ border: 1px solid #000; padding: 2pt 3pt; vertical-align: middle; }}
th {{ font-weight: normal; text-align: center; }}
td.value {{ text-align: center; font-family: "Times New Roman", "DejaVu Serif", {BODY_FONTS}; }}
th.caption {{ font-family: {HEADING_FONTS}; }}
th.label {{ text-align: left; }}
th.note {{ text-align: left; font-size: 9pt; }}
/* the vertical level-1 label: vertical writing where supported, one character per line elsewhere */
th.block {{ writing-mode: vertical-rl; text-orientation: upright; width: 1.2em; max-width: 1.2em;
            word-break: break-all; letter-spacing: 0.1em; }}
th.group {{ text-align: center; }}
.signature {{ text-align: right; text-indent: 0; margin-top: 2em; }}
.signature p {{ text-indent: 0; text-align: right; padding-right: 2em; }}
"""


def render_html(report: Report) -> bytes:
    return html_document(report).encode("utf-8")


def html_document(report: Report) -> str:
    title = report_title(report)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{GENERATOR}">',
        _meta("gongkai:format", report.format),
        _meta("gongkai:agency", report.agency.name),
        _meta("gongkai:year", report.year),
        _meta("gongkai:signature-date", report.signature_date and report.signature_date.isoformat()),
        _meta("gongkai:publication-date", report.publication_date and report.publication_date.isoformat()),
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
    ]
    for part in outline(report):
        out.append(f'<section data-section="{escape(part.key)}">')
        out.append(f"<h2>{escape(part.heading)}</h2>")
        for line in paragraphs(part.text):
            out.append(f"<p>{escape(line)}</p>")
        for sheet in part.sheets:
            out.append(sheet_html(sheet))
        out.append("</section>")
    lines = signature_lines(report)
    if lines:
        out.append('<div class="signature">' + "".join(f"<p>{escape(x)}</p>" for x in lines) + "</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _meta(name: str, value: object) -> str:
    if value is None or value == "":
        return ""
    return f'<meta name="{name}" content="{escape(str(value))}">'


def sheet_html(sheet: Sheet) -> str:
    out = [f'<table class="{sheet.key}" data-table="{sheet.key}">', _colgroup(sheet)]
    rows = sheet.rows()
    if sheet.header_rows:
        out.append("<thead>")
    for r, cells in enumerate(rows):
        if sheet.header_rows and r == sheet.header_rows:
            out.append("</thead><tbody>")
        out.append("<tr>" + "".join(_cell_html(c) for c in cells) + "</tr>")
    if sheet.header_rows:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def _colgroup(sheet: Sheet) -> str:
    """Fixed column widths so the narrow count columns do not wrap 自然人 one character per line."""
    data = sheet.ncols - sheet.label_cols
    if sheet.key == "applications":
        widths = ["5%", "10%", "32%"] + [f"{53 / data:.2f}%"] * data
    elif sheet.label_cols:
        widths = ["34%"] + [f"{66 / data:.2f}%"] * data
    else:
        widths = [f"{100 / sheet.ncols:.2f}%"] * sheet.ncols
    return "<colgroup>" + "".join(f'<col style="width:{w}">' for w in widths) + "</colgroup>"


def _cell_html(cell) -> str:
    attrs = []
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.kind == VALUE:
        attrs.insert(0, 'class="value"')
        attrs.append(f'data-cell="{escape(cell.path or "")}"')
        tag = "td"
    else:
        css = {HEAD: "head", NOTE: "note", CAPTION: "caption", BLOCK: "block", GROUP: "group", LABEL: "label"}
        attrs.insert(0, f'class="{css[cell.kind]}"')
        if cell.kind in (HEAD, NOTE, CAPTION):
            attrs.append('scope="col"')
        elif cell.kind == LABEL:
            attrs.append('scope="row"')
        tag = "th"
    return f"<{tag} {' '.join(attrs)}>{escape(cell.text)}</{tag}>"
