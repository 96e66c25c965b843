"""The plain-text reader alone: ``read_text`` reports per second on one core, with a profile.

``.venv/bin/python bench/text_reader.py [--repeat N] [--profile]``

Inputs are those of ``bench/annual.py`` (random reports rendered by the markdown writer) plus the
real reports of the shared corpus, read in place. Each figure is the best of ``--repeat`` passes,
as wall-clock and as CPU time (the machine may be shared: CPU time is the steadier of the two).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import time
from pathlib import Path

from gongkai.annual.example import random_report
from gongkai.annual.readers.text import decode, read_text
from gongkai.annual.writers.markdown import render_markdown

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "reports"
GENERATED = 300


def inputs() -> tuple[list[str], list[str]]:
    generated = [
        render_markdown(random_report(random.Random(i), "2021")).decode("utf-8") for i in range(GENERATED)
    ]
    corpus = [decode(p.read_bytes()) for p in sorted(CORPUS.glob("*.txt"))]
    return generated, corpus


def rate(texts: list[str], repeat: int) -> tuple[float, float]:
    """(reports/s by wall clock, reports/s by CPU time), best of ``repeat`` passes."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            read_text(text)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return len(texts) / best_wall, len(texts) / best_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile run")
    args = parser.parse_args()
    generated, corpus = inputs()
    rate(generated[:20], 1)  # warm caches (anchors, arithmetic) and imports
    for what, texts in (("generated (markdown)", generated), ("corpus", corpus * 20)):
        wall, cpu = rate(texts, args.repeat)
        print(f"  {what:<22} {len(texts):>5} reports  {wall:>7,.0f} /s wall  {cpu:>7,.0f} /s cpu")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(rate, generated, 1)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
