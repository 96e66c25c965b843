"""``gongkai rotate-keys``: re-encrypt personal data after a new key was put first in
GONGKAI_FIELD_KEYS (docs/deploy.md, Security); the old keys can be dropped once it has run."""

from __future__ import annotations

import argparse


def cmd_rotate_keys(args: argparse.Namespace) -> int:
    from .django_setup import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("rotate_keys")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "rotate-keys",
        help="用新密钥重新加密个人信息 (re-encrypt personal data under the first GONGKAI_FIELD_KEYS key)",
    )
    p.set_defaults(handler=cmd_rotate_keys)
