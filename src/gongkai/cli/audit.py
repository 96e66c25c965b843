"""``gongkai audit verify``: is the event log as it was written? (the hash chain of gongkai.events)

Exit status: 0 = intact; 1 = the chain is broken somewhere (each break is printed); 2 = the
database could not be read."""

from __future__ import annotations

import argparse
import sys

from .django_setup import setup_django


def register(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser(
        "audit", help="核对操作记录是否被改动", description="操作记录（哈希链）的核对。"
    )
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION")
    actions.required = True
    p = actions.add_parser(
        "verify",
        help="从第一条记录起逐条核对校验值",
        description="逐条重新计算操作记录的校验值并与链头比对。退出码：0 完整，1 有记录被改动、删除或插入，2 无法读取数据库。",
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言")
    p.set_defaults(handler=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    english = args.lang == "en"
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    try:
        setup_django()
        from gongkai.events.services import verify_chain

        verdict = verify_chain()
    except (ImproperlyConfigured, DatabaseError) as exc:
        print(("cannot read the database: " if english else "无法读取数据库：") + str(exc), file=sys.stderr)
        return 2
    for found in verdict.breaks:
        print(("BROKEN  " if english else "异常  ") + (found.problem_en if english else found.problem_zh))
    if verdict.intact:
        if english:
            print(f"intact: {verdict.checked} events, head {verdict.head_seq} {verdict.head_digest}")
        else:
            print(
                f"完整：共 {verdict.checked} 条记录，链头第 {verdict.head_seq} 条，校验值 {verdict.head_digest}"
            )
        return 0
    if english:
        print(f"{len(verdict.breaks)} problems found in {verdict.checked} events checked.")
    else:
        print(f"核对了 {verdict.checked} 条记录，发现 {len(verdict.breaks)} 处异常。")
    return 1
