"""``gongkai worker``: the background worker (huey on SQLite in the data folder; no broker).

Runs the daily deadline scan at 07:00, the purge of old checked batches at 03:30, the sweep of
what a dead worker left (notifications 发送中: marked for staff to check; 待发送 whose task was
lost: queued again) every ten minutes, and any queued task (batch checks, PDF baselines). Stop it with Ctrl+C (SIGINT: finishes
the running task, then exits) or SIGTERM (exits at once; the scan is idempotent, so the next run
repairs an interrupted one). ``--scan-now`` runs one scan and one sweep in the foreground and exits (for cron).
"""

from __future__ import annotations

import argparse
import json


def cmd_worker(args: argparse.Namespace) -> int:
    from .django_setup import setup_django

    setup_django()
    if args.scan_now:
        from gongkai.applications.tasks import daily
        from gongkai.checker.services import purge_old
        from gongkai.notifications.tasks import sweep

        result = {**daily().as_dict(), **sweep(), "purged_check_batches": purge_old()}
        print(json.dumps(result, ensure_ascii=False))
        return 0
    from huey.contrib.djhuey import HUEY

    import gongkai.applications.tasks  # noqa: F401  (registers the tasks)
    import gongkai.checker.tasks  # noqa: F401
    import gongkai.notifications.tasks  # noqa: F401
    import gongkai.reports.tasks  # noqa: F401

    consumer = HUEY.create_consumer(
        workers=args.workers, worker_type="thread", periodic=True, check_worker_health=True
    )
    print(f"后台任务已启动（{HUEY.storage.filename}），按 Ctrl+C 停止。", flush=True)
    consumer.run()
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "worker",
        help="后台任务：每日期限扫描和到期提醒",
        description="运行后台任务（huey，数据保存在 GONGKAI_DATA 中，无需消息队列）：每日 7:00 扫描期限并发送提醒。",
    )
    p.add_argument("--workers", type=int, default=2, help="工作线程数（默认 2）")
    p.add_argument(
        "--scan-now",
        action="store_true",
        help="立即扫描期限、清理卡在“发送中”的通知各一次并退出（可由 cron 调用）",
    )
    p.set_defaults(handler=cmd_worker)
