"""Bad input: the time and peak memory of ``gongkai check`` on each hostile file (a zip bomb, a
sheet of a million rows, HTML nested 100,000 deep, a 200 MB file, random bytes, truncated files),
each in a process of its own (peak RSS of that child), beside the same for one normal report of
the same kind. A refusal should cost about what reading a report costs, and exit 2.

The hostile files are those of the tests (``tests/annual/hostile.py``), made on the fly.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.annual.hostile import deep_html, long_sheet, many_entries, pdf_bomb, zip_bomb

from bench.annual import _peak_check
from gongkai.annual.example import example_report
from gongkai.annual.writers import render

TARGET_SECONDS = 10.0
TARGET_MB = 400


def _row(what: str, figure: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  BELOW TARGET")
    print(f"  {what:<34} {figure:>30}   {target}{mark}", flush=True)


def inputs(folder: Path) -> list[tuple[str, Path, str]]:
    """(what, path, kind of the normal report to compare with)."""
    normal = {fmt: render(example_report(), fmt) for fmt in ("docx", "xlsx", "html", "pdf", "md")}
    files = {
        "normal.docx": normal["docx"],
        "normal.xlsx": normal["xlsx"],
        "normal.html": normal["html"],
        "normal.pdf": normal["pdf"],
        "normal.md": normal["md"],
        "zip-bomb.docx": zip_bomb("docx"),
        "zip-bomb.xlsx": zip_bomb("xlsx"),
        "5000-entries.docx": many_entries("docx"),
        "inflates-400mb.pdf": pdf_bomb(),
        "million-rows.xlsx": long_sheet(),
        "million-rows-undeclared.xlsx": long_sheet(dimension=False),
        "nested-100000.html": deep_html(),
        "random.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 400,
        "random.docx": b"PK\x03\x04" + bytes(range(256)) * 400,
        "truncated.pdf": normal["pdf"][: len(normal["pdf"]) // 2],
        "truncated.docx": normal["docx"][: len(normal["docx"]) // 2],
        "truncated.xlsx": normal["xlsx"][: len(normal["xlsx"]) // 2],
    }
    out = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        out.append((name, path, path.suffix.lstrip(".")))
    huge = folder / "200mb.md"
    with huge.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse
    out.append(("200mb.md", huge, "md"))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-badinput-") as tmp:
        started = time.perf_counter()
        files = inputs(Path(tmp))
        print(f"  (inputs made in {time.perf_counter() - started:.1f} s)", flush=True)
        normal: dict[str, tuple[float, float]] = {}
        for name, path, kind in files:
            mb, seconds, status = _peak_check(path)
            if name.startswith("normal."):
                normal[kind] = (seconds, mb)
                _row(name, f"{seconds:.2f} s {mb:6.0f} MB  exit {status}", "(baseline)")
                continue
            base_s, base_mb = normal[kind]
            ok = status == 2 and seconds <= TARGET_SECONDS and mb <= TARGET_MB
            _row(
                name,
                f"{seconds:.2f} s {mb:6.0f} MB  exit {status}",
                f"{seconds / base_s:.1f}× time, {mb / base_mb:.1f}× memory of {kind}; "
                f"target exit 2, ≤ {TARGET_SECONDS:.0f} s, ≤ {TARGET_MB} MB",
                ok,
            )


if __name__ == "__main__":
    if str(Path(__file__).resolve().parent.parent) not in sys.path:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
