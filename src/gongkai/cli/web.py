"""Platform commands: ``demo`` (migrate, load the demo county, serve), ``serve`` (production
server), ``manage`` (Django's management commands)."""

from __future__ import annotations

import argparse
import os
import sys

from .django_setup import SETTINGS, setup_django


def _port(args) -> int:
    if args.port is not None:
        return args.port
    return int(os.environ.get("PORT", "8000"))


# gunicorn answers a request line over 4094 bytes with its own English 400 page, before Django. A
# search pasted into the address bar (a Chinese character is 9 bytes in the URL) reaches that
# quickly; 8190 (nginx's default buffer too) lets it through to the site's own "检索词过长".
LIMIT_REQUEST_LINE = 8190


def _gunicorn(bind: str, workers: int, threads: int, extra: list[str] | None = None) -> None:
    """Replace this process with gunicorn (signals then reach it directly). One thread: the sync
    worker, which takes a connection only when it is idle, so requests queue fairly in the kernel
    for the next free process (behind nginx, see docs/deploy.md); more: gthread, whose processes
    accept connections while their threads are busy and queue them behind their own requests."""
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "gongkai.web.wsgi:application",
        "--bind",
        bind,
        "--worker-class",
        "sync" if threads == 1 else "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--limit-request-line",
        str(LIMIT_REQUEST_LINE),
        "--access-logfile",
        "-",
        *(extra or []),
    ]
    sys.stdout.flush()
    os.execv(sys.executable, argv)


def cmd_demo(args) -> int:
    setup_django()
    from django.core.management import call_command

    from gongkai.cli import demo

    print("正在准备数据库……", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    if demo.is_loaded():
        print("数据库中已有数据，不再载入演示数据。")
    else:
        print("正在载入演示数据（约需半分钟）……", flush=True)
        demo.load_demo(with_catalogue=not args.no_catalogue)
    print(demo.format_logins())
    if args.no_serve:
        return 0
    port = _port(args)
    print(
        f"\n请在浏览器中打开 http://{args.host}:{port}/  （工作人员登录：/accounts/login/；按 Ctrl+C 停止）\n",
        flush=True,
    )
    _gunicorn(
        f"{args.host}:{port}",
        workers=int(os.environ.get("GONGKAI_WORKERS", "2")),
        threads=4,
        extra=["--config", "python:gongkai.cli.demo_hooks"],  # with the background worker beside it
    )
    return 0  # not reached


def cmd_serve(args) -> int:
    # Hashed, compressed static file names; collectstatic must see the same setting as the server.
    os.environ["GONGKAI_STATIC_MANIFEST"] = "1"
    setup_django()
    from django.core.management import call_command

    if args.migrate:
        call_command("migrate", interactive=False, verbosity=1)
    if not args.no_collectstatic:
        # Several app servers on one shared data folder collect once, at deployment (--collect-only),
        # then start with --no-collectstatic: never two writers in the same static folder.
        call_command("collectstatic", interactive=False, verbosity=0)
    if args.collect_only:
        return 0
    workers = args.workers or int(
        os.environ.get("GONGKAI_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 8)))
    )
    threads = args.threads or int(os.environ.get("GONGKAI_THREADS", "1"))
    bind = args.bind or os.environ.get("GONGKAI_BIND") or f"127.0.0.1:{_port(args)}"
    _gunicorn(
        bind, workers=workers, threads=threads, extra=["--timeout", os.environ.get("GONGKAI_TIMEOUT", "60")]
    )
    return 0  # not reached


def cmd_manage(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *args.rest])
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "demo",
        help="演示：迁移数据库、首次载入示例县演示数据、启动网站",
        description="迁移数据库；数据库为空时载入示例县演示数据；打印演示账号；在本机启动网站。",
    )
    p.add_argument("--port", type=int, default=None, help="端口（默认取环境变量 PORT，否则 8000）")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    p.add_argument("--no-serve", action="store_true", help="只准备数据，不启动网站")
    p.add_argument("--no-catalogue", action="store_true", help="不载入目录演示条目（更快）")
    p.set_defaults(handler=cmd_demo)

    p = commands.add_parser(
        "serve",
        help="生产服务器（gunicorn）",
        description="收集静态文件后用 gunicorn 启动网站，使用已配置的数据库（DATABASE_URL 或 GONGKAI_DATA 中的 SQLite）。",
    )
    p.add_argument("--bind", default=None, help="监听地址:端口（默认 GONGKAI_BIND 或 127.0.0.1:PORT）")
    p.add_argument("--port", type=int, default=None, help="端口（未给 --bind 时使用）")
    p.add_argument("--workers", type=int, default=None, help="进程数（默认 GONGKAI_WORKERS）")
    p.add_argument(
        "--threads",
        type=int,
        default=None,
        help="每进程线程数（默认 GONGKAI_THREADS 或 1；大于 1 时用 gthread）",
    )
    p.add_argument("--migrate", action="store_true", help="启动前先迁移数据库")
    p.add_argument(
        "--no-collectstatic",
        action="store_true",
        help="不收集静态文件（已由 --collect-only 收集；多台服务器共用数据目录时使用）",
    )
    p.add_argument(
        "--collect-only", action="store_true", help="只收集静态文件（及迁移，如给出 --migrate）后退出"
    )
    p.set_defaults(handler=cmd_serve)

    p = commands.add_parser(
        "manage",
        help="Django 管理命令（如 gongkai manage createsuperuser）",
        add_help=False,
    )
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(handler=cmd_manage)
