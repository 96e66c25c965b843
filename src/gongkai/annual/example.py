"""A realistic example report, and random valid reports for tests and benchmarks.

``example_report()`` is a complete 2021-format report of a fictitious county department
(示例县自然资源局): every table filled and consistent, section 一 covering the five sub-topics and
quoting the table figures, 五 with problems and measures, 六 with the 信息处理费 statement.
``random_report(rng, format)`` draws varied but valid reports of either format.
All agencies, names and figures are invented.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from decimal import Decimal

from .layout import (
    APPLICANT_PARTS,
    DENY,
    FORMAT_2019,
    FORMAT_2021,
    NOPROC,
    OTHER,
    UNABLE,
    layout_for,
    outcome_keys,
)
from .model import Agency, AgencyKind, AgencyLevel, Number, Report, Table
from .sum import recompute_totals

# How often each outcome happens in real reports (rough shares; most requests are answered).
OUTCOME_WEIGHTS = {
    "r_open": 40,
    "r_partial": 8,
    "r_deny_state_secret": 0.3,
    "r_deny_law_forbidden": 0.3,
    "r_deny_three_security_one_stability": 0.3,
    "r_deny_third_party": 1.5,
    "r_deny_internal_affairs": 1,
    "r_deny_process_info": 1.5,
    "r_deny_enforcement_file": 0.8,
    "r_deny_admin_query": 1,
    "r_unable_not_held": 14,
    "r_unable_need_creation": 2,
    "r_unable_unclear_after_correction": 1,
    "r_noproc_petition": 2,
    "r_noproc_repeat": 2,
    "r_noproc_publication": 0.5,
    "r_noproc_mass_repeat": 0.5,
    "r_noproc_confirm_or_reissue": 0.5,
    "r_other_no_correction": 2,
    "r_other_fee_unpaid": 0.2,
    "r_other_other": 1,
    "r_other": 3,  # 2019 format
}
# Share of new applications by applicant kind (natural persons dominate).
APPLICANT_SHARES = {
    "natural_person": 0.86,
    "org_commercial": 0.08,
    "org_research": 0.005,
    "org_public_welfare": 0.005,
    "org_legal_service": 0.04,
    "org_other": 0.01,
}


def _poisson_like(rng: random.Random, mean: float) -> int:
    """A non-negative integer near ``mean`` (no numpy: a rounded gamma draw is good enough)."""
    if mean <= 0:
        return 0
    return max(0, round(rng.gammavariate(max(mean, 0.3), 1.0) if mean < 30 else rng.gauss(mean, mean**0.5)))


def fill_applications(table: Table, rng: random.Random, new_total: int) -> None:
    """Table 三 with about ``new_total`` new applications, consistent in every column and row."""
    outcomes = outcome_keys(table.grid.rows)
    weights = [OUTCOME_WEIGHTS.get(k, 1) for k in outcomes]
    for column in APPLICANT_PARTS:
        new = _poisson_like(rng, new_total * APPLICANT_SHARES[column])
        carried_in = _poisson_like(rng, new * 0.03)
        carried_out = min(new + carried_in, _poisson_like(rng, new * 0.03))
        done = Counter(rng.choices(outcomes, weights, k=new + carried_in - carried_out))
        table.set("new_received", column, new)
        table.set("carried_over_in", column, carried_in)
        table.set("carried_over_out", column, carried_out)
        for key in outcomes:
            table.set(key, column, done[key])
    recompute_totals(table)


def fill_review_litigation(table: Table, rng: random.Random, cases: float) -> None:
    split = {"upheld": 0.6, "corrected": 0.1, "other": 0.15, "pending": 0.15}
    for row, share in (
        ("reconsideration", 1.0),
        ("litigation_direct", 0.4),
        ("litigation_after_reconsideration", 0.2),
    ):
        for column, part in split.items():
            table.set(row, column, _poisson_like(rng, cases * share * part))
    recompute_totals(table)


def _money(rng: random.Random, mean: float) -> Decimal:
    if rng.random() < 0.4:
        return Decimal(0)
    return Decimal(str(round(rng.uniform(0, 2 * mean), 2)))


def fill_active(report: Report, rng: random.Random, size: float) -> None:
    t = report.tables
    if report.format == FORMAT_2021:
        for row, scale in (("regulations", 0.0 if size < 50 else 0.3), ("normative_docs", 1.0)):
            made = _poisson_like(rng, 3 * scale)
            repealed = _poisson_like(rng, 1.5 * scale)
            t["art20_1"].set(row, "made", made)
            t["art20_1"].set(row, "repealed", repealed)
            t["art20_1"].set(row, "valid", made + _poisson_like(rng, 20 * scale))
        t["art20_5"].set("admin_licensing", "decisions", _poisson_like(rng, size * 8))
        t["art20_6"].set("admin_penalty", "decisions", _poisson_like(rng, size * 2))
        t["art20_6"].set("admin_coercion", "decisions", _poisson_like(rng, size * 0.2))
        t["art20_8"].set(
            "admin_fees", "amount", _money(rng, min(size * 3, 400))
        )  # < 1,000 万元 even for a township
        return
    for row, scale in (("regulations", 0.0 if size < 50 else 0.3), ("normative_docs", 1.0)):
        made = _poisson_like(rng, 3 * scale)
        t["art20_1"].set(row, "new_made", made)
        t["art20_1"].set(row, "new_published", rng.randint(0, made) if made else 0)
        t["art20_1"].set(row, "total_published", made + _poisson_like(rng, 20 * scale))
    for key, rows in (
        ("art20_5", ("admin_licensing", "other_external_services")),
        ("art20_6", ("admin_penalty", "admin_coercion")),
        ("art20_8", ("admin_fees",)),
    ):
        for row in rows:
            items = _poisson_like(rng, 20)
            t[key].set(row, "prev_year_items", items)
            t[key].set(row, "delta", rng.randint(-min(items, 3), 3))
            if key != "art20_8":
                t[key].set(row, "decisions", _poisson_like(rng, size * 3))
    t["art20_9"].set("central_procurement", "projects", _poisson_like(rng, 5))
    t["art20_9"].set("central_procurement", "total_amount", _money(rng, size * 10))


# ---------------------------------------------------------------- texts


def _n(table: Table, row: str, column: str = "total") -> int:
    value: Number | None = table.get(row, column)
    return int(value or 0)


def _money_text(value: Number | None) -> str:
    return f"{Decimal(value or 0).normalize():f}"


def _active_sentence(report: Report) -> str:
    t = report.tables
    if report.format == FORMAT_2021:
        docs = t["art20_1"]
        return (
            f"本年制发行政规范性文件{_n(docs, 'normative_docs', 'made')}件、"
            f"废止{_n(docs, 'normative_docs', 'repealed')}件，"
            f"现行有效行政规范性文件{_n(docs, 'normative_docs', 'valid')}件，均在政府网站集中公开；"
            f"全年公开行政许可处理决定{_n(t['art20_5'], 'admin_licensing', 'decisions')}件、"
            f"行政处罚决定{_n(t['art20_6'], 'admin_penalty', 'decisions')}件、"
            f"行政强制决定{_n(t['art20_6'], 'admin_coercion', 'decisions')}件，"
            f"公开行政事业性收费{_money_text(t['art20_8'].get('admin_fees', 'amount'))}万元。"
        )
    docs = t["art20_1"]
    return (
        f"本年新制作规范性文件{_n(docs, 'normative_docs', 'new_made')}件，"
        f"新公开{_n(docs, 'normative_docs', 'new_published')}件，"
        f"对外公开规范性文件总数{_n(docs, 'normative_docs', 'total_published')}件；"
        f"公开行政许可处理决定{_n(t['art20_5'], 'admin_licensing', 'decisions')}件、"
        f"行政处罚处理决定{_n(t['art20_6'], 'admin_penalty', 'decisions')}件。"
    )


def _applications_sentence(report: Report) -> str:
    a = report.tables["applications"]
    new, carried = _n(a, "new_received"), _n(a, "carried_over_in")
    if new + carried == 0:
        return "本年度未收到政府信息公开申请，无上年结转申请。"
    return (
        f"本年新收政府信息公开申请{new}件，上年结转{carried}件；办理答复{_n(a, 'r_total')}件，"
        f"其中予以公开{_n(a, 'r_open')}件、部分公开{_n(a, 'r_partial')}件、"
        f"不予公开{a.group_total(DENY)}件、无法提供{a.group_total(UNABLE)}件、"
        f"不予处理{a.group_total(NOPROC)}件、其他处理{a.group_total(OTHER)}件；"
        f"结转下年度继续办理{_n(a, 'carried_over_out')}件。所有申请均在法定期限内答复。"
    )


def _review_sentence(report: Report) -> str:
    r = report.tables["review_litigation"]
    recon = _n(r, "reconsideration")
    suits = _n(r, "litigation_direct") + _n(r, "litigation_after_reconsideration")
    if recon + suits == 0:
        return "全年未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况。"
    corrected = _n(r, "reconsideration", "corrected")
    lesson = "对被纠正的案件逐件分析原因，完善了答复流程。" if corrected else ""
    return (
        f"全年因政府信息公开工作被申请行政复议{recon}件，"
        f"其中结果维持{_n(r, 'reconsideration', 'upheld')}件、结果纠正{corrected}件；"
        f"被提起行政诉讼{suits}件。{lesson}"
    )


def overview_text(report: Report, site: str, media: str, posts: int, trainings: int, trainees: int) -> str:
    agency = report.agency.name or "本机关"
    return "\n".join(
        (
            f"{report.year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》和上级政务公开工作部署，"
            "围绕中心工作推进决策、执行、管理、服务、结果公开，依法保障人民群众的知情权、参与权和监督权。",
            f"（一）主动公开。全年通过{site}主动公开政府信息{posts}条。{_active_sentence(report)}"
            "重要政策文件同步发布解读材料，做到应公开尽公开。",
            f"（二）依申请公开。{_applications_sentence(report)}{_review_sentence(report)}",
            "（三）政府信息管理。严格落实公文公开属性源头认定和公开前保密审查制度，"
            "对现行有效的规范性文件开展清理并动态更新目录，全年未发生泄密或不当公开事件。",
            f"（四）平台建设。以{site}为第一平台，优化“法定主动公开内容”栏目；"
            f"通过政务新媒体“{media}”同步发布政策信息，及时回应群众关切。",
            f"（五）监督保障。调整充实政务公开工作领导小组，明确专人负责；组织政务公开业务培训{trainings}次、"
            f"参训{trainees}人次；将政务公开纳入年度绩效考核，工作考核结果为良好；通过政府网站开展社会评议，"
            "群众总体满意；全年未发生因政府信息公开工作被责任追究的情况。",
        )
    )


PROBLEMS = (
    "（一）存在的主要问题。一是主动公开的深度不够，部分规划、项目信息以发布文件为主，政策解读形式较单一；"
    "二是依申请公开答复的规范性有待提高，个别告知书援引条款不够精准；"
    "三是基层工作人员业务能力参差不齐，对新《条例》的理解把握有待加强。\n"
    "（二）改进情况。一是围绕重点领域细化公开清单，增加图解、问答等解读形式；"
    "二是统一依申请公开答复文书模板，实行答复前法制审核；"
    "三是每半年组织一次业务培训，提升工作人员依法公开的能力。"
    "针对上年度报告提出的栏目更新不及时问题，已建立栏目每月巡查制度，完成整改。"
)


def other_text(report: Report, fee_notices: int, fee_yuan: int, proposals: tuple[int, int]) -> str:
    unpaid = _n(report.tables["applications"], "r_other_fee_unpaid") if report.format == FORMAT_2021 else 0
    if fee_notices == 0:
        fee = f"本机关{report.year}年度未发出信息处理费收费通知，未收取信息处理费。"
    else:
        fee = (
            f"本机关{report.year}年度发出信息处理费收费通知{fee_notices}份，实际收取信息处理费{fee_yuan}元；"
            f"因申请人逾期未缴纳费用而不再处理的申请{unpaid}件。"
        )
    deputies, members = proposals
    return (
        "（一）信息处理费收取情况。依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        f"{fee}\n"
        f"（二）建议提案办理结果公开情况。本年度承办人大代表建议{deputies}件、政协委员提案{members}件，"
        "均已按期办结，办理复文已按规定公开。\n"
        "（三）年度政务公开工作要点落实情况。已按上级年度政务公开工作要点完成各项任务。"
    )


# ---------------------------------------------------------------- the example


def example_report(year: int = 2025, seed: int = 2025) -> Report:
    """示例县自然资源局's report for ``year``; the same seed always gives the same report."""
    rng = random.Random(seed)
    report = Report.empty(
        FORMAT_2021,
        agency=Agency("示例县自然资源局", AgencyKind.DEPARTMENT, AgencyLevel.COUNTY),
        year=year,
        title=f"示例县自然资源局{year}年政府信息公开工作年度报告",
        signature_date=date(year + 1, 1, 20),
        publication_date=date(year + 1, 1, 23),
    )
    t = report.tables
    t["art20_1"].set("regulations", "made", 0)
    t["art20_1"].set("regulations", "repealed", 0)
    t["art20_1"].set("regulations", "valid", 0)
    t["art20_1"].set("normative_docs", "made", 2)
    t["art20_1"].set("normative_docs", "repealed", 1)
    t["art20_1"].set("normative_docs", "valid", 14)
    t["art20_5"].set("admin_licensing", "decisions", 356)
    t["art20_6"].set("admin_penalty", "decisions", 48)
    t["art20_6"].set("admin_coercion", "decisions", 3)
    t["art20_8"].set("admin_fees", "amount", Decimal("126.35"))
    # Land and property requests come mostly from natural persons; a county bureau gets dozens.
    fill_applications(t["applications"], rng, 52)
    t["applications"].set("r_other_fee_unpaid", "natural_person", 0)
    _rebalance_open(t["applications"])
    review = t["review_litigation"]
    for row, values in (
        ("reconsideration", (2, 1, 0, 1)),
        ("litigation_direct", (1, 0, 0, 0)),
        ("litigation_after_reconsideration", (0, 0, 0, 0)),
    ):
        for column, value in zip(("upheld", "corrected", "other", "pending"), values, strict=True):
            review.set(row, column, value)
    recompute_totals(review)
    report.sections["overview"] = overview_text(
        report, "示例县人民政府门户网站政府信息公开专栏", "示例县自然资源", 412, 3, 65
    )
    report.sections["problems"] = PROBLEMS
    report.sections["other"] = other_text(report, 0, 0, (4, 6))
    _table_parts_present(report)
    return report


def _table_parts_present(report: Report) -> None:
    """Parts 二–四 are printed as tables with no text of their own: present (""), not missing (None)."""
    for key in ("active", "applications", "review_litigation"):
        if report.sections.get(key) is None:
            report.sections[key] = ""


def _rebalance_open(table: Table) -> None:
    """After editing an outcome cell, move the difference to 予以公开 so every relation holds."""
    for column in APPLICANT_PARTS:
        wanted = _n(table, "new_received", column) + _n(table, "carried_over_in", column)
        wanted -= _n(table, "carried_over_out", column)
        others = sum(_n(table, k, column) for k in outcome_keys(table.grid.rows) if k != "r_open")
        if wanted - others < 0:  # cannot happen with a zero edit; keep the table valid regardless
            table.set("carried_over_out", column, _n(table, "carried_over_out", column) + wanted - others)
            wanted = others
        table.set("r_open", column, wanted - others)
    recompute_totals(table)


# ---------------------------------------------------------------- random reports

COUNTIES = (
    "示例县",
    "青禾县",
    "石桥县",
    "临川区",
    "北塘区",
    "云岭县",
    "安平市",
    "南湖区",
    "柳江县",
    "东原县",
)
DEPARTMENTS = (
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "农业农村局",
    "教育局",
    "卫生健康局",
    "市场监督管理局",
    "人力资源和社会保障局",
    "交通运输局",
    "财政局",
)
TOWNSHIPS = ("城关镇", "河口镇", "新华街道办事处", "东关街道办事处")


def random_report(rng: random.Random, format: str = FORMAT_2021, year: int | None = None) -> Report:
    """A valid report of ``format`` with varied figures (from none at all to thousands)."""
    layout = layout_for(format)
    first, last = layout.years
    year = year or rng.randint(first, last or 2025)
    county = rng.choice(COUNTIES)
    roll = rng.random()
    if roll < 0.75:
        agency = Agency(county + rng.choice(DEPARTMENTS), AgencyKind.DEPARTMENT, AgencyLevel.COUNTY)
        deadline_month = 1
    elif roll < 0.9:
        agency = Agency(county + rng.choice(TOWNSHIPS), AgencyKind.TOWNSHIP, AgencyLevel.TOWNSHIP)
        deadline_month = 1
    else:
        agency = Agency(f"{county}人民政府", AgencyKind.GOVERNMENT, AgencyLevel.COUNTY)
        deadline_month = 3
    signed = date(year + 1, rng.randint(1, deadline_month), rng.randint(5, 25))
    report = Report.empty(
        format,
        agency=agency,
        year=year,
        title=f"{agency.name}{year}年政府信息公开工作年度报告",
        signature_date=signed,
        publication_date=signed,
    )
    size = rng.choice((0, 1, 5, 20, 60, 200, 1000)) * rng.uniform(0.5, 1.5)
    fill_active(report, rng, size)
    fill_applications(report.tables["applications"], rng, size)
    fill_review_litigation(report.tables["review_litigation"], rng, size * 0.1)
    site = rng.choice(("政府门户网站政府信息公开专栏", "本机关网站", "县政府信息公开平台"))
    report.sections["overview"] = overview_text(
        report, site, agency.name or "", rng.randint(20, 900), rng.randint(1, 6), rng.randint(10, 120)
    )
    report.sections["problems"] = PROBLEMS
    notices = _n(report.tables["applications"], "r_other_fee_unpaid") if format == FORMAT_2021 else 0
    report.sections["other"] = other_text(report, notices, 0, (rng.randint(0, 8), rng.randint(0, 10)))
    _table_parts_present(report)
    return report


__all__ = ["FORMAT_2019", "FORMAT_2021", "example_report", "random_report"]
