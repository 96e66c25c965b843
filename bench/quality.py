"""内容雷同 across a batch: pairwise similarity of 300 reports, as a ratio to reading them.

``.venv/bin/python bench/quality.py [--repeat N]``

Inputs: random reports (``annual.example.random_report``) rendered as markdown, plus the real
reports of the shared corpus, read in place. The baseline is reading the same texts with the text
reader, in the same run: the figure that matters is how the pairwise comparison (fingerprints
made once, then every pair intersected — ``annual.similarity.most_similar``) compares with it, so
a supervisor checking a folder of reports pays little more than the reading. Memory: the
fingerprints only (their size is printed).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from gongkai.annual import similarity
from gongkai.annual.example import random_report
from gongkai.annual.readers.text import decode, read_text
from gongkai.annual.writers.markdown import render_markdown

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "reports"
REPORTS = 300
TARGET = 1.0  # pairwise comparison of the batch within the time it takes to read it


def texts() -> list[str]:
    corpus = [decode(p.read_bytes()) for p in sorted(CORPUS.glob("*.txt"))]
    generated = [
        render_markdown(random_report(random.Random(i), "2021")).decode("utf-8")
        for i in range(REPORTS - len(corpus))
    ]
    return corpus + generated


def best(function, repeat: int) -> tuple[float, object]:
    fastest, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = function()
        fastest = min(fastest, time.process_time() - started)
    return fastest, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    batch = texts()
    read_s, reports = best(lambda: [read_text(t) for t in batch], args.repeat)
    prints_s, prints = best(lambda: [similarity.report_fingerprint(r) for r in reports], args.repeat)
    pairs_s, pairs = best(lambda: similarity.most_similar(prints), args.repeat)
    above = [p for p in pairs if p.share >= similarity.DEFAULT_THRESHOLD]
    passages_s, _ = best(
        lambda: [similarity.compare_reports(reports[p.a], reports[p.b]) for p in above[:100]], args.repeat
    )
    n = len(reports)
    shingles = sum(p.size for p in prints)
    memory = sum(sys.getsizeof(p.shingles) for p in prints) + shingles * 32  # set + int objects
    print(f"  {n} reports ({n * (n - 1) // 2:,} pairs), {shingles / n:,.0f} shingles each on average")
    print(f"  baseline: reading the texts          {read_s:>7.2f} s cpu")
    print(f"  fingerprints                         {prints_s:>7.2f} s  = {prints_s / read_s:.2f} × reading")
    print(
        f"  every pair (most_similar)            {pairs_s:>7.2f} s  = {pairs_s / read_s:.2f} × reading"
        f"  (target ≤ {TARGET:.1f}×)"
    )
    print(f"  passages, first {min(100, len(above))} of {len(above)} pairs ≥ 50%   {passages_s:>7.2f} s")
    print(f"  fingerprints in memory ≈ {memory / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
