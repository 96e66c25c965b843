"""Run the benchmarks: ``.venv/bin/python bench/run.py [NAME ...]`` (``make bench``).

A thin runner: each module in BENCH_MODULES has ``main()``, which prints its own figures with the
targets beside them. Benchmarks are not tests: nothing here fails a build.
"""

from __future__ import annotations

import sys
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_MODULES = (
    "bench.annual",
    "bench.web",
    "bench.load",
    "bench.applications",
    "bench.reports",
    "bench.govservice",
    "bench.credit",
    "bench.ocr",
    "bench.badinput",
    "bench.quality",
)


def main(argv: list[str] | None = None) -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # so "bench.x" imports when run as a script
    wanted = set(argv if argv is not None else sys.argv[1:])
    sys.argv = sys.argv[:1]  # the modules' own option parsers must not see the runner's arguments
    for name in BENCH_MODULES:
        if wanted and name.rsplit(".", 1)[-1] not in wanted:
            continue
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        import_module(name).main()
        print(f"== {name}: {time.perf_counter() - started:.0f} s\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
