"""gunicorn's server hooks for ``gongkai demo``: the background worker (``gongkai worker``) runs
beside the site, started when the server is ready and stopped when it exits, so what the demo
queues (batch checks, PDF baselines, reminders) is done as in production, where the worker is a
service of its own (docs/deploy.md)."""

from __future__ import annotations

import signal
import subprocess
import sys

_worker: subprocess.Popen | None = None


def when_ready(server) -> None:
    global _worker
    code = "from gongkai.cli import main; raise SystemExit(main(['worker', '--workers', '1']))"
    _worker = subprocess.Popen([sys.executable, "-c", code])
    server.log.info("gongkai worker started (pid %s)", _worker.pid)


STOP_WAIT = 20  # seconds for the worker to finish its task after SIGINT (huey's graceful stop)


def on_exit(server) -> None:
    """SIGINT first: huey finishes the running task (SIGTERM would drop it); then SIGTERM, then KILL.
    (A read cut off all the same is failed by the sweep of stuck uploads later.)"""
    if _worker is None or _worker.poll() is not None:
        return
    for stop in (lambda: _worker.send_signal(signal.SIGINT), _worker.terminate, _worker.kill):
        stop()
        try:
            _worker.wait(timeout=STOP_WAIT)
            return
        except subprocess.TimeoutExpired:
            continue
