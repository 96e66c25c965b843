"""The workplace table as columns: one declaration for the page, its sort links and the three
exports (Excel, Word, PDF), so they never disagree on what a column holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .queries import Row


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    sort: str | None  # the ?sort= key, None: not sortable on its own
    value: Callable[[Row], object]  # a number, a rate (float, 0–1), text, or None
    rate: bool = False
    numeric: bool = True


# counts of one report's findings: a region's total of them says nothing
NOT_SUMMED = ("state", "errors", "warnings", "quality")


def _change(now, before):
    return None if now is None or before is None else now - before


COLUMNS = (
    Column("name", gettext_lazy("机构"), "name", lambda r: r.agency.name, numeric=False),
    Column("state", gettext_lazy("报告状态"), "state", lambda r: r.state_label, numeric=False),
    Column("errors", gettext_lazy("错误"), "errors", lambda r: r.errors),
    Column("warnings", gettext_lazy("警告"), "warnings", lambda r: r.warnings),
    Column("quality", gettext_lazy("质量提示"), "quality", lambda r: r.quality),
    Column("overdue", gettext_lazy("当前逾期申请"), "overdue", lambda r: r.overdue),
    Column("new", gettext_lazy("新收申请"), "new", lambda r: r.now.new),
    Column("new_change", gettext_lazy("较上年增减"), "new_change", lambda r: r.now.new - r.before.new),
    Column("disclosure", gettext_lazy("公开率"), "disclosure", lambda r: r.now.disclosure_rate, rate=True),
    Column(
        "disclosure_change",
        gettext_lazy("公开率较上年"),
        None,
        lambda r: _change(r.now.disclosure_rate, r.before.disclosure_rate),
        rate=True,
    ),
    Column("ontime", gettext_lazy("按期答复率"), "ontime", lambda r: r.now.on_time_rate, rate=True),
    Column(
        "ontime_change",
        gettext_lazy("按期率较上年"),
        None,
        lambda r: _change(r.now.on_time_rate, r.before.on_time_rate),
        rate=True,
    ),
    Column("reconsideration", gettext_lazy("行政复议"), "reconsideration", lambda r: r.now.reconsideration),
    Column("litigation", gettext_lazy("行政诉讼"), "litigation", lambda r: r.now.litigation),
    Column(
        "correction", gettext_lazy("复议纠错率"), "correction", lambda r: r.now.correction_rate, rate=True
    ),
)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def points(value: float | None) -> str:
    """A change of a rate in percentage points, signed."""
    if value is None:
        return "—"
    return _("%(sign)s%(n).1f个百分点") % {"sign": "+" if value >= 0 else "−", "n": abs(value) * 100}


def signed(value: int | None) -> str:
    if value is None:
        return "—"
    return f"+{value}" if value > 0 else (f"−{-value}" if value < 0 else "0")


def shown(column: Column, value) -> str:
    """The value as a page or a document prints it."""
    if column.key.endswith("_change"):
        return points(value) if column.rate else signed(value)
    if column.rate:
        return percent(value)
    if value is None:
        return "—"
    return str(value)


def state_text(row: Row) -> str:
    """报告状态 with what it leaves out (逾期发布, 已退回 …), for documents."""
    parts = [row.state_label]
    if row.published_late:
        parts.append(_("逾期发布"))
    if row.status_note:
        parts.append(row.status_note)
    return "（".join(parts[:1]) + (f"（{'，'.join(parts[1:])}）" if len(parts) > 1 else "")


FORMULAS = (
    gettext_lazy(
        "公开率 =（予以公开 + 部分公开）÷ 办理结果总计（表三“总计”列）；合计行先加总件数再相除，不平均各机构的比率。"
    ),
    gettext_lazy(
        "按期答复率 = 在答复期限内办结的申请 ÷ 可判断期限的办结申请（按本平台记录的计时事件重算期限；补正后未再计时的申请没有答复期限，不计入）。"
    ),
    gettext_lazy("复议纠错率 = 行政复议“结果纠正”÷（行政复议“总计” − “尚未审结”）（表四）。"),
    gettext_lazy(
        "较上年：上年的件数取上年已发布的年度报告（或导入的往年报告），没有报告的机构按本平台上年的记录计算；按期答复率只能按本平台的记录计算。"
    ),
    gettext_lazy(
        "质量提示：上年对比跳变（XY-JUMP）、内容雷同（DUP-TEXT，与上年或本区域其他机构的报告）、0/空白/“/”混用（TBL-ZERO）、超出同类机构四分位范围（PEER-RANGE）的提示数，均为警告。"
    ),
    gettext_lazy("当前逾期申请：今天仍在办理且已过答复期限的申请件数（与依申请公开工作台的“已逾期”相同）。"),
)
