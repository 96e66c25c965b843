"""``gongkai report list`` and ``gongkai report export AGENCY_CODE YEAR OUT`` (the platform's reports)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .django_setup import setup_django

STATUS_ZH = {"draft": "草稿", "published": "已发布", "late": "逾期"}


def cmd_list(args: argparse.Namespace) -> int:
    setup_django()
    from gongkai.agencies.models import Agency
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.queries import listing_status

    reports: dict[int, list] = {}
    for r in AnnualReport.objects.select_related("agency").prefetch_related("versions").order_by("year"):
        reports.setdefault(r.agency_id, []).append(r)
    agencies = Agency.objects.filter(is_active=True).order_by("sort_order", "code")
    if not agencies:
        print("（没有机构）")
    for agency in agencies:
        years = [
            f"{r.year} {listing_status(r)}（{STATUS_ZH[listing_status(r)]}）"
            for r in reports.get(agency.pk, [])
        ]
        print(f"{agency.code}\t{agency.name}\t{'；'.join(years) if years else '（无年度报告）'}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from gongkai.annual.errors import ReportError
    from gongkai.annual.writers import format_for_path, write_path

    try:
        format_for_path(args.out)
    except ReportError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        year = int(args.year)
    except ValueError:
        print(f"报告年度应为整数，如 2025，实为 {args.year!r}", file=sys.stderr)
        return 2
    setup_django()
    from gongkai.agencies.models import Agency
    from gongkai.reports.build import current_report
    from gongkai.reports.models import AnnualReport

    agency = Agency.objects.filter(code=args.agency_code).first()
    if agency is None:
        print(f"没有机构代码为“{args.agency_code}”的机构（可用 gongkai report list 查看）", file=sys.stderr)
        return 1
    workspace = AnnualReport.objects.filter(agency=agency, year=year).select_related("agency").first()
    if workspace is None:
        have = list(
            AnnualReport.objects.filter(agency=agency).values_list("year", flat=True).order_by("year")
        )
        listed = "、".join(str(y) for y in have) if have else "无"
        print(f"{agency.name}没有{year}年度报告（已有年度：{listed}）", file=sys.stderr)
        return 1
    path = write_path(current_report(workspace), Path(args.out))
    print(f"已写出 {path}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "report",
        help="平台中的年度报告：列出、导出",
        description="列出各机构的年度报告及其状态，或导出某机构某年度的现行报告。",
    )
    sub = p.add_subparsers(dest="report_command", metavar="SUBCOMMAND")
    sub.required = True
    q = sub.add_parser(
        "list",
        help="列出每个机构的代码、名称和各年度报告的状态（draft 草稿 / published 已发布 / late 逾期）",
    )
    q.set_defaults(handler=cmd_list)
    q = sub.add_parser(
        "export",
        help="导出某机构某年度的现行报告（格式按扩展名：.json .docx .xlsx .pdf .html .md）",
    )
    q.add_argument("agency_code", metavar="AGENCY_CODE", help="机构代码，如 sfx-jyj")
    q.add_argument("year", metavar="YEAR", help="报告年度，如 2025")
    q.add_argument("out", metavar="OUT", help="输出文件，如 out/2025.docx")
    q.set_defaults(handler=cmd_export)
