"""The official annual-report formats declared once, as data.

Everything else in ``gongkai.annual`` — the model, the JSON, the checks, the readers and the
writers — is driven by the declarations here: section headings, table labels exactly as printed,
row and column keys, order, and the arithmetic relations (勾稽关系) between cells.

Sources: 国办公开办函〔2021〕30号 (format "2021") and the 2019 trial format of
国办公开办函〔2019〕60号 (format "2019"); see docs/report-json.md for the keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .. import law

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMAT_PRE2019 = "pre2019"
FORMATS = (FORMAT_2021, FORMAT_2019, FORMAT_PRE2019)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str | None = None  # a merged header above this column, e.g. 法人或其他组织
    decimal: bool = False  # money (万元) instead of a count
    signed: bool = False  # may be negative (2019 本年增/减)


@dataclass(frozen=True)
class Row:
    key: str
    ordinal: str  # "一、", "（一）", "1." — as printed before the text
    text: str  # label text as printed, without the ordinal
    group: str | None = None  # merged label to the left, e.g. （三）不予公开
    block: str | None = None  # outermost merged label, e.g. 三、本年度办理结果

    @property
    def label(self) -> str:
        return f"{self.ordinal}{self.text}"


@dataclass(frozen=True)
class Relation:
    """``sum(lhs) == sum(rhs)`` for every line across ``axis``.

    axis="rows": lhs/rhs are row keys and the relation holds in every column;
    axis="columns": lhs/rhs are column keys and the relation holds in every row.
    Each relation code is one check (``annual.checks.arithmetic``), titled ``title_zh``/``title_en``;
    the messages are formatted with ``column``/``row`` (the line's label), ``lhs`` and ``rhs``.
    """

    code: str
    axis: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    message_zh: str
    message_en: str
    title_zh: str = ""
    title_en: str = ""


@dataclass(frozen=True)
class Grid:
    """One printed table: rows × columns of cells."""

    key: str
    title: str  # e.g. 第二十条第（一）项
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    relations: tuple[Relation, ...] = ()
    row_header: str = "信息内容"
    column_header: str = ""  # merged over all the data columns, e.g. 申请人情况
    # derived from the fields once (a grid is frozen), as plain attributes: read for every table of
    # every report. Not compared, hashed or given to the constructor.
    row_keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    column_keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    path_prefix: str = field(init=False, repr=False, compare=False)  # applications. / active.art20_1.

    def row(self, key: str) -> Row:
        return self._rows_by_key[key]

    def column(self, key: str) -> Column:
        return self._columns_by_key[key]

    def rows_in_group(self, group: str) -> tuple[Row, ...]:
        """The rows counted under a printed group label such as （三）不予公开: its numbered rows, or
        the one row printed in their place where a format does not break the group down (2019's
        （六）其他处理)."""
        found = self._groups.get(group)
        if found is None:
            found = self._groups[group] = tuple(r for r in self.rows if r.group == group or r.label == group)
        return found

    def cells(self) -> Iterator[tuple[str, str]]:
        for r in self.rows:
            for c in self.columns:
                yield r.key, c.key

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows_by_key", {r.key: r for r in self.rows})
        object.__setattr__(self, "_columns_by_key", {c.key: c for c in self.columns})
        object.__setattr__(self, "row_keys", tuple(r.key for r in self.rows))
        object.__setattr__(self, "column_keys", tuple(c.key for c in self.columns))
        object.__setattr__(self, "_groups", {})
        top = self.key in ("applications", "review_litigation")
        object.__setattr__(self, "path_prefix", f"{self.key}." if top else f"active.{self.key}.")


@dataclass(frozen=True)
class Subtopic:
    key: str
    label: str
    keywords: tuple[str, ...]  # any of these in section 一 counts as covering the sub-topic
    heading: str = ""  # as a report prints it over its paragraph, when longer than the label

    @property
    def printed(self) -> str:
        return self.heading or self.label


@dataclass(frozen=True)
class Section:
    key: str
    numeral: str  # 一 … 六
    heading: str  # canonical heading without the numeral
    variants: tuple[str, ...] = ()  # other headings seen in real reports
    # What a heading "一、…" may start with in a real report, in the order tried (the text reader's cue)
    starts: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.numeral}、{self.heading}"

    @property
    def table_name(self) -> str:
        """How reports refer to the statistical table of this part: 表二 … 表四."""
        return f"表{self.numeral}"


@dataclass(frozen=True)
class FormatLayout:
    version: str
    name: str
    basis: str
    years: tuple[int, int | None]  # report years the format applies to (inclusive; None = open)
    sections: tuple[Section, ...]
    subtopics: tuple[Subtopic, ...]
    active: tuple[Grid, ...]  # table 二, in printed order
    applications: Grid | None  # table 三
    review_litigation: Grid | None  # table 四
    markers: tuple[str, ...]  # text that identifies this format in a published report
    extra: dict = field(default_factory=dict)
    # every table (二, then 三 and 四), derived once: the checks walk it for every report
    grids: tuple[Grid, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tail = tuple(g for g in (self.applications, self.review_litigation) if g is not None)
        object.__setattr__(self, "grids", self.active + tail)

    def grid(self, key: str) -> Grid:
        for g in self.grids:
            if g.key == key:
                return g
        raise KeyError(key)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def applies_to(self, year: int) -> bool:
        first, last = self.years
        return year >= first and (last is None or year <= last)


# ---------------------------------------------------------------- sections (both formats)

SECTIONS = (
    Section("overview", "一", "总体情况", starts=("总体情况", "概述", "总体")),
    Section("active", "二", "主动公开政府信息情况", ("行政机关主动公开政府信息情况",), starts=("主动公开",)),
    Section(
        "applications",
        "三",
        "收到和处理政府信息公开申请情况",
        starts=("收到和处理", "依申请", "政府信息公开申请", "收到", "处理政府信息公开申请"),
    ),
    Section(
        "review_litigation",
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        ("因政府信息公开工作被申请行政复议和提起行政诉讼情况", "政府信息公开行政复议、行政诉讼情况"),
        starts=("政府信息公开行政复议", "行政复议", "因政府信息公开", "复议", "政府信息公开行政诉讼"),
    ),
    Section(
        "problems",
        "五",
        "存在的主要问题及改进情况",
        ("政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "存在的问题及改进情况"),
        starts=("存在的主要问题", "存在主要问题", "存在问题", "主要问题", "存在的问题", "问题"),
    ),
    Section("other", "六", "其他需要报告的事项", starts=("其他需要报告", "其他需报告", "其他")),
)

SUBTOPICS = (
    Subtopic("active", "主动公开", ("主动公开",)),
    Subtopic("on_request", "依申请公开", ("依申请公开", "依申请", "政府信息公开申请")),
    Subtopic("info_management", "政府信息管理", ("政府信息管理", "信息管理", "公文公开属性", "清理")),
    Subtopic("platform", "平台建设", ("平台建设", "政府网站", "平台", "政务新媒体"), "政府信息公开平台建设"),
    Subtopic("supervision", "监督保障", ("监督保障", "考核", "培训", "社会评议", "责任追究")),
)

# ---------------------------------------------------------------- table 三 (applications)

APPLICANT_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("org_commercial", "商业企业", "法人或其他组织"),
    Column("org_research", "科研机构", "法人或其他组织"),
    Column("org_public_welfare", "社会公益组织", "法人或其他组织"),
    Column("org_legal_service", "法律服务机构", "法人或其他组织"),
    Column("org_other", "其他", "法人或其他组织"),
    Column("total", "总计"),
)
APPLICANT_PARTS = tuple(c.key for c in APPLICANT_COLUMNS if c.key != "total")

T3_BLOCK = "三、本年度办理结果"
DENY = "（三）不予公开"
UNABLE = "（四）无法提供"
NOPROC = "（五）不予处理"
OTHER = "（六）其他处理"

_T3_HEAD = (
    Row("new_received", "一、", "本年新收政府信息公开申请数量"),
    Row("carried_over_in", "二、", "上年结转政府信息公开申请数量"),
    Row("r_open", "（一）", "予以公开", block=T3_BLOCK),
    Row("r_partial", "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）", block=T3_BLOCK),
    Row("r_deny_state_secret", "1.", "属于国家秘密", DENY, T3_BLOCK),
    Row("r_deny_law_forbidden", "2.", "其他法律行政法规禁止公开", DENY, T3_BLOCK),
    Row("r_deny_three_security_one_stability", "3.", "危及“三安全一稳定”", DENY, T3_BLOCK),
    Row("r_deny_third_party", "4.", "保护第三方合法权益", DENY, T3_BLOCK),
    Row("r_deny_internal_affairs", "5.", "属于三类内部事务信息", DENY, T3_BLOCK),
    Row("r_deny_process_info", "6.", "属于四类过程性信息", DENY, T3_BLOCK),
    Row("r_deny_enforcement_file", "7.", "属于行政执法案卷", DENY, T3_BLOCK),
    Row("r_deny_admin_query", "8.", "属于行政查询事项", DENY, T3_BLOCK),
    Row("r_unable_not_held", "1.", "本机关不掌握相关政府信息", UNABLE, T3_BLOCK),
    Row("r_unable_need_creation", "2.", "没有现成信息需要另行制作", UNABLE, T3_BLOCK),
    Row("r_unable_unclear_after_correction", "3.", "补正后申请内容仍不明确", UNABLE, T3_BLOCK),
    Row("r_noproc_petition", "1.", "信访举报投诉类申请", NOPROC, T3_BLOCK),
    Row("r_noproc_repeat", "2.", "重复申请", NOPROC, T3_BLOCK),
    Row("r_noproc_publication", "3.", "要求提供公开出版物", NOPROC, T3_BLOCK),
    Row("r_noproc_mass_repeat", "4.", "无正当理由大量反复申请", NOPROC, T3_BLOCK),
    Row("r_noproc_confirm_or_reissue", "5.", "要求行政机关确认或重新出具已获取信息", NOPROC, T3_BLOCK),
)
_T3_OTHER_2021 = (
    Row(
        "r_other_no_correction",
        "1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        OTHER,
        T3_BLOCK,
    ),
    Row(
        "r_other_fee_unpaid",
        "2.",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        OTHER,
        T3_BLOCK,
    ),
    Row("r_other_other", "3.", "其他", OTHER, T3_BLOCK),
)
_T3_OTHER_2019 = (Row("r_other", "（六）", "其他处理", block=T3_BLOCK),)
_T3_TAIL = (
    Row("r_total", "（七）", "总计", block=T3_BLOCK),
    Row("carried_over_out", "四、", "结转下年度继续办理"),
)

T3_HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def outcome_keys(rows: Iterable[Row]) -> tuple[str, ...]:
    """The outcome rows of table 三 — 三、本年度办理结果 without its （七）总计 — in printed order."""
    return tuple(r.key for r in rows if r.block == T3_BLOCK and r.key != "r_total")


def _applications_grid(other_rows: tuple[Row, ...]) -> Grid:
    rows = _T3_HEAD + other_rows + _T3_TAIL
    outcomes = outcome_keys(rows)
    return Grid(
        key="applications",
        title="收到和处理政府信息公开申请情况",
        rows=rows,
        columns=APPLICANT_COLUMNS,
        row_header=T3_HEADER_NOTE,
        column_header="申请人情况",
        relations=(
            Relation(
                "T3-BAL",
                "rows",
                ("new_received", "carried_over_in"),
                ("r_total", "carried_over_out"),
                "“{column}”列：本年新收加上年结转之和为 {lhs}，不等于办理结果总计加结转下年度之和 {rhs}",
                "column “{column}”: new + carried in = {lhs}, but outcomes total + carried out = {rhs}",
                title_zh="表三：新收加结转等于办理结果加结转下年",
                title_en="Table 3: new + carried in = outcomes + carried out",
            ),
            Relation(
                "T3-OUT",
                "rows",
                ("r_total",),
                outcomes,
                "“{column}”列：（七）总计为 {lhs}，但各项办理结果之和为 {rhs}",
                "column “{column}”: (7) total is {lhs}, but the outcome rows add up to {rhs}",
                title_zh="表三：（七）总计等于各项办理结果之和",
                title_en="Table 3: total equals the sum of outcomes",
            ),
            Relation(
                "T3-ROW",
                "columns",
                ("total",),
                APPLICANT_PARTS,
                "“{row}”行：总计为 {lhs}，但各类申请人之和为 {rhs}",
                "row “{row}”: total is {lhs}, but the applicant columns add up to {rhs}",
                title_zh="表三：总计列等于各类申请人之和",
                title_en="Table 3: total column equals the applicant columns",
            ),
        ),
    )


# ---------------------------------------------------------------- table 四 (review and litigation)

RESULT_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
REVIEW_LITIGATION = Grid(
    key="review_litigation",
    title="政府信息公开行政复议、行政诉讼情况",
    rows=(
        Row("reconsideration", "", "行政复议", block="行政复议"),
        Row("litigation_direct", "", "未经复议直接起诉", block="行政诉讼"),
        Row("litigation_after_reconsideration", "", "复议后起诉", block="行政诉讼"),
    ),
    columns=RESULT_COLUMNS,
    row_header="",
    relations=(
        Relation(
            "T4-SUM",
            "columns",
            ("total",),
            ("upheld", "corrected", "other", "pending"),
            "“{row}”：总计为 {lhs}，但结果维持、结果纠正、其他结果、尚未审结之和为 {rhs}",
            "“{row}”: total is {lhs}, but upheld + corrected + other + pending = {rhs}",
            title_zh="表四：总计等于各结果之和",
            title_en="Table 4: totals equal the sum of results",
        ),
    ),
)

# ---------------------------------------------------------------- table 二 (proactive disclosure)

ARTICLE_20 = "第二十条第（{}）项"

ACTIVE_2021 = (
    Grid(
        "art20_1",
        ARTICLE_20.format("一"),
        (Row("regulations", "", "规章"), Row("normative_docs", "", "行政规范性文件")),
        (Column("made", "本年制发件数"), Column("repealed", "本年废止件数"), Column("valid", "现行有效件数")),
    ),
    Grid(
        "art20_5",
        ARTICLE_20.format("五"),
        (Row("admin_licensing", "", "行政许可"),),
        (Column("decisions", "本年处理决定数量"),),
    ),
    Grid(
        "art20_6",
        ARTICLE_20.format("六"),
        (Row("admin_penalty", "", "行政处罚"), Row("admin_coercion", "", "行政强制")),
        (Column("decisions", "本年处理决定数量"),),
    ),
    Grid(
        "art20_8",
        ARTICLE_20.format("八"),
        (Row("admin_fees", "", "行政事业性收费"),),
        (Column("amount", "本年收费金额（单位：万元）", decimal=True),),
    ),
)

_ITEMS_2019 = (
    Column("prev_year_items", "上一年项目数量"),
    Column("delta", "本年增/减", signed=True),
)
ACTIVE_2019 = (
    Grid(
        "art20_1",
        ARTICLE_20.format("一"),
        (Row("regulations", "", "规章"), Row("normative_docs", "", "规范性文件")),
        (
            Column("new_made", "本年新制作数量"),
            Column("new_published", "本年新公开数量"),
            Column("total_published", "对外公开总数量"),
        ),
    ),
    Grid(
        "art20_5",
        ARTICLE_20.format("五"),
        (Row("admin_licensing", "", "行政许可"), Row("other_external_services", "", "其他对外管理服务事项")),
        _ITEMS_2019 + (Column("decisions", "处理决定数量"),),
    ),
    Grid(
        "art20_6",
        ARTICLE_20.format("六"),
        (Row("admin_penalty", "", "行政处罚"), Row("admin_coercion", "", "行政强制")),
        _ITEMS_2019 + (Column("decisions", "处理决定数量"),),
    ),
    Grid(
        "art20_8",
        ARTICLE_20.format("八"),
        (Row("admin_fees", "", "行政事业性收费"),),
        _ITEMS_2019,
    ),
    Grid(
        "art20_9",
        ARTICLE_20.format("九"),
        (Row("central_procurement", "", "政府集中采购"),),
        (Column("projects", "采购项目数量"), Column("total_amount", "采购总金额", decimal=True)),
        row_header="信息内容",
    ),
)

# ---------------------------------------------------------------- the formats

LAYOUT_2021 = FormatLayout(
    version=FORMAT_2021,
    name="中华人民共和国政府信息公开工作年度报告格式",
    basis="国办公开办函〔2021〕30号",
    years=(2021, None),
    sections=SECTIONS,
    subtopics=SUBTOPICS,
    active=ACTIVE_2021,
    applications=_applications_grid(_T3_OTHER_2021),
    review_litigation=REVIEW_LITIGATION,
    markers=(
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "申请人无正当理由逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用",
    ),
)

LAYOUT_2019 = FormatLayout(
    version=FORMAT_2019,
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    basis="国办公开办函〔2019〕60号",
    years=(2019, 2020),
    sections=SECTIONS,
    subtopics=SUBTOPICS,
    active=ACTIVE_2019,
    applications=_applications_grid(_T3_OTHER_2019),
    review_litigation=REVIEW_LITIGATION,
    markers=(
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "其他对外管理服务事项",
        "第二十条第（九）项",
        "采购项目数量",
        "采购总金额",
        "政府集中采购",
    ),
)

LAYOUT_PRE2019 = FormatLayout(
    version=FORMAT_PRE2019,
    name="政府信息公开工作年度报告（2019年以前，各地自定统计表）",
    basis="《中华人民共和国政府信息公开条例》（2007年，国务院令第492号）",
    years=(law.FIRST_YEAR, law.REVISED_FROM_YEAR - 1),
    sections=(),
    subtopics=(),
    active=(),
    applications=None,
    review_litigation=None,
    markers=(
        "依申请公开政府信息和不予公开政府信息的情况",
        "政府信息公开的收费及减免情况",
        "同意公开答复数",
        "否决公开答复",
        "受理依申请公开信息总数",
        "非本部门掌握",
        "申请内容不明确",
        "指标名称",
        "历年累计",
    ),
)

LAYOUTS: dict[str, FormatLayout] = {
    FORMAT_2021: LAYOUT_2021,
    FORMAT_2019: LAYOUT_2019,
    FORMAT_PRE2019: LAYOUT_PRE2019,
}


def outcome_rows(grid: Grid) -> dict[str, str]:
    """The row of table 三 ``grid`` that counts each outcome an application can have (a 2021 outcome
    row key, as the records hold them): its own row, or — in a format without that row — the one row
    printed for its group (2019 counts the three 2021 （六） rows in （六）其他处理)."""
    recorded = LAYOUT_2021.applications
    assert recorded is not None
    rows: dict[str, str] = {}
    for key in outcome_keys(recorded.rows):
        if key in grid.row_keys:
            rows[key] = key
        else:
            (rows[key],) = (r.key for r in grid.rows_in_group(recorded.row(key).group or ""))
    return rows


def layout_for(version: str) -> FormatLayout:
    try:
        return LAYOUTS[version]
    except KeyError:
        raise ValueError(f"unknown report format {version!r}; expected one of {', '.join(FORMATS)}") from None


def layout_for_year(year: int) -> FormatLayout:
    """The format an agency must use for a given report year."""
    for layout in (LAYOUT_2021, LAYOUT_2019, LAYOUT_PRE2019):
        if layout.applies_to(year):
            return layout
    return LAYOUT_PRE2019


# ---------------------------------------------------------------- cells as a person names them

# What the checks cite besides table cells (``dates.signature``, ``sections.overview``)
_OTHER_PLACES = {"dates.signature": "落款日期", "dates.publication": "发布日期"}
_TABLE_SECTIONS = {"applications": "applications", "review_litigation": "review_litigation"}


def _row_label(row: Row) -> str:
    # A numbered row names its group (（三）不予公开 1.属于国家秘密); an unnumbered one its block
    # (行政诉讼 复议后起诉), unless the block is the row itself (行政复议). The printed aside of
    # （二）部分公开（区分处理的，只计这一情形，不计其他情形） is left out: it explains, it does not name.
    label = row.ordinal + re.sub(r"(?<=.)（[^（）]*）$", "", row.text)
    if row.group:
        return f"{row.group} {label}"
    if not row.ordinal and row.block and row.block != row.text:
        return f"{row.block} {label}"
    return label


def _column_label(column: Column) -> str:
    return f"{column.group} {column.label}" if column.group else column.label


_CELL_LABELS: dict[tuple[str, int], tuple[FormatLayout | None, str]] = {}
_CELL_LABELS_MAX = 20_000  # paths come from the layouts, but a cache must stay bounded anyway


def cell_label(path: str, layout: FormatLayout | None = None) -> str:
    """``_cell_label``, kept per (path, layout): the layouts are fixed data, and checks name the
    same cells in every report they check."""
    key = (path, id(layout))
    cached = _CELL_LABELS.get(key)
    if cached is not None and cached[0] is layout:
        return cached[1]
    label = _cell_label(path, layout)
    if len(_CELL_LABELS) >= _CELL_LABELS_MAX:
        _CELL_LABELS.clear()
    _CELL_LABELS[key] = (layout, label)
    return label


def _cell_label(path: str, layout: FormatLayout | None = None) -> str:
    """A cell (or table, or section) path as a report prints it, for anything a person reads:
    ``applications.r_total.natural_person`` -> 表三 （七）总计·自然人,
    ``review_litigation.reconsideration.total`` -> 表四 行政复议·总计,
    ``active.art20_1.regulations.made`` -> 表二 第二十条第（一）项 规章·本年制发件数,
    ``sections.overview`` -> 一、总体情况. ``layout`` is the report's format (2021 when not given; a
    key the format does not know is looked up in the others). A path of no known shape is returned
    as it is, never an error: a label is for reading, the path stays in the JSON."""
    if path in _OTHER_PLACES:
        return _OTHER_PLACES[path]
    parts = path.split(".")
    if parts[0] == "sections" and len(parts) == 2:
        for section in SECTIONS:
            if section.key == parts[1]:
                return section.title
        return path
    if parts[0] == "active":
        parts = parts[1:]
        if not parts:
            return "表二"
    layouts = [layout] if layout is not None else []
    layouts += [x for x in (LAYOUT_2021, LAYOUT_2019) if x is not layout]
    for candidate in layouts:
        try:
            grid = candidate.grid(parts[0])
        except KeyError:
            continue
        section = candidate.section(_TABLE_SECTIONS.get(grid.key, "active"))
        table = section.table_name if grid.key in _TABLE_SECTIONS else f"{section.table_name} {grid.title}"
        if len(parts) == 1:
            return table
        if len(parts) != 3:
            return path
        row_key, column_key = parts[1:]
        try:
            row, column = grid.row(row_key), grid.column(column_key)
        except KeyError:
            continue
        return f"{table} {_row_label(row)}·{_column_label(column)}"
    return path
