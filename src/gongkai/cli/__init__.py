"""The ``gongkai`` command. Each module in COMMAND_MODULES adds its sub-commands with ``register``."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

COMMAND_MODULES = (
    "gongkai.cli.annual",
    "gongkai.cli.web",
    "gongkai.cli.deadline",
    "gongkai.cli.worker",
    "gongkai.cli.report",
    "gongkai.cli.audit",
    "gongkai.cli.backup",
    "gongkai.cli.security",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="政府信息公开：年度报告的读取、检查、转换与汇总，以及信息公开平台。",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for name in COMMAND_MODULES:
        import_module(name).register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("已中断 (interrupted)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
