"""gunicorn's server hooks for ``gongkai demo``: the background worker (``gongkai worker``) runs
beside the site, started when the server is ready and stopped when it exits, so what the demo
queues (batch checks, PDF baselines, reminders) is done as in production, where the worker is a
service of its own (docs/deploy.md)."""

from __future__ import annotations

import subprocess
import sys

_worker: subprocess.Popen | None = None


def when_ready(server) -> None:
    global _worker
    code = "from gongkai.cli import main; raise SystemExit(main(['worker', '--workers', '1']))"
    _worker = subprocess.Popen([sys.executable, "-c", code])
    server.log.info("gongkai worker started (pid %s)", _worker.pid)


def on_exit(server) -> None:
    if _worker is not None and _worker.poll() is None:
        _worker.terminate()
        try:
            _worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _worker.kill()
