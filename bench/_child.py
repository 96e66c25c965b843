"""Running a database benchmark in a child process of its own, on a fresh data folder.

The benchmarks that fill a database (``bench.applications``, ``bench.reports``) do so in a child:
Django is set up there against a temporary GONGKAI_DATA, so nothing touches the developer's data,
and each run starts from an empty database. The child prints its figures as one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(script: str, name: str, options: dict[str, object]) -> dict | None:
    """Run ``script --child DIR --option value …`` with a temporary DIR; its JSON figures, or None
    (after printing the end of its error output) when it failed."""
    arguments = [
        item for key, value in options.items() for item in (f"--{key.replace('_', '-')}", str(value))
    ]
    with tempfile.TemporaryDirectory(prefix=f"gongkai-bench-{name}-") as data_dir:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        result = subprocess.run(
            [sys.executable, str(Path(script).resolve()), "--child", data_dir, *arguments],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])
