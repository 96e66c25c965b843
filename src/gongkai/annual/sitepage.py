"""A report's text dressed as a page of a government website, for the reader tests and the
benchmark: navigation, a breadcrumb, a sidebar listing other years' reports, share buttons,
related links, previous/next links, a comment thread with numbers in it, and a footer
(版权所有, 网站标识码, ICP备案, 技术支持), with ``<script>`` and ``<style>`` — all around the report.

The report's lines become paragraphs, and lines of a table (cells separated by tabs, "|" or runs
of spaces, with numbers) become rows of an HTML table, as site editors paste them.
"""

from __future__ import annotations

import html
import re

RE_CELL_SEP = re.compile(r"\t+|\s*\|\s*|\s{2,}")
RE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def _is_table_line(line: str) -> bool:
    cells = [c for c in RE_CELL_SEP.split(line.strip()) if c]
    return len(cells) >= 3 and sum(1 for c in cells if RE_NUMBER.match(c)) >= 2


def body_html(text: str) -> str:
    """The report's text as paragraphs and tables."""
    out: list[str] = []
    rows: list[list[str]] = []

    def close_table() -> None:
        if rows:
            out.append('<table border="1" class="MsoTableGrid">')
            for cells in rows:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            out.append("</table>")
            rows.clear()

    for line in text.splitlines():
        if not line.strip():
            continue
        if _is_table_line(line):
            rows.append([c for c in RE_CELL_SEP.split(line.strip()) if c])
            continue
        close_table()
        out.append(f"<p>{html.escape(line.strip())}</p>")
    close_table()
    return "\n".join(out)


def site_page(text: str, year: int, agency: str = "某某市人民政府", charset: str = "utf-8") -> str:
    """``text`` (a report) inside a site page whose chrome names other years and holds numbers."""
    other_years = "".join(
        f'<li><a href="/gknb/{y}.html">{agency}{y}年政府信息公开工作年度报告</a></li>'
        for y in (year - 1, year - 2, year - 3, year + 1)
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{agency}{year - 1}年度报告 - 政府信息公开</title>
<style>.nav {{ color: #333 }} .zoom {{ font-size: 16px }}</style>
<script>var pageYear = {year - 1}; var hits = 12345; document.write("2019年度报告");</script>
</head><body>
<div class="header"><div class="logo">{agency}门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/gknb/">年度报告</a></div>
<div class="main">
<div class="sidebar"><h3>历年年度报告</h3><ul>{other_years}</ul></div>
<div class="article">
<div class="info">发布时间：{year + 1}-01-20　浏览次数：3456　【字体：大 中 小】</div>
<div class="zoom" id="zoom">
{body_html(text)}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> 【打印本页】【关闭窗口】</div>
<div class="prevnext"><p>上一篇：<a href="/gknb/{year - 1}.html">{agency}{year - 1}年政府信息公开工作年度报告</a></p>
<p>下一篇：<a href="/gknb/{year + 1}.html">{agency}{year + 1}年政府信息公开工作年度报告</a></p></div>
<div class="related"><h4>相关链接</h4><ul>
<li><a>关于印发{year - 2}年政务公开工作要点的通知</a></li><li><a>{year - 1}年政府信息公开工作年度报告</a></li></ul></div>
<div class="comments"><h4>网友评论（3）</h4>
<div class="comment">网友 2021 于 {year + 1}-02-01：去年收到 999 件申请，今年 123 件？一、总体情况写得好。</div>
<div class="comment">网友 88：办理结果 7 件，总计 56 件。</div></div>
</div></div>
<div class="footer">版权所有：{agency}办公室　网站标识码：3208000001　苏ICP备05000000号-1
苏公网安备 32080002000001号　技术支持：某某信息技术有限公司　主办单位：{agency}办公室</div>
<script>var _hmt = _hmt || []; (function() {{ var year = {year - 5}; }})();</script>
</body></html>
"""
