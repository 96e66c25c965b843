"""Annual-report commands: parse, check, convert, sum, example.

Exit status (all commands): 0 = done and nothing wrong; 1 = the reports have errors (check) or
were refused (sum); 2 = some input could not be read or processed. 2 wins over 1.
One bad file never stops the others and never prints a traceback (``--debug`` re-raises).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from gongkai.annual.errors import ReportError, failure, one_line
from gongkai.annual.model import Report

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2

# Files a folder is searched for (explicitly named files are read whatever their extension).
REPORT_EXTENSIONS = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".xlsx", ".pdf", ".json"})
EXAMPLE_EXTENSIONS = (".json", ".md", ".html", ".docx", ".xlsx", ".pdf")
PROGRESS_MIN_FILES = 20
MAX_CELLS_SHOWN = 3

TEXTS = {
    "zh": {
        "unreadable": "无法读取",
        "internal": "内部错误",
        "clean": "无错误",
        "has_errors": "有错误",
        "format": "{}年格式",
        "year": "{}年度",
        "skipped": "未检查 {n} 项：{codes}（--verbose 显示原因）",
        "cells_more": "等 {n} 个单元格",
        "note": "说明",
        "summary": "共 {total} 个文件：{clean} 个无错误，{errors} 个有错误，{unreadable} 个无法读取。",
        "no_files": "没有找到报告文件",
    },
    "en": {
        "unreadable": "unreadable",
        "internal": "internal error",
        "clean": "no errors",
        "has_errors": "errors found",
        "format": "{} format",
        "year": "year {}",
        "skipped": "{n} checks not run: {codes} (--verbose shows why)",
        "cells_more": "and {n} more cells",
        "note": "note",
        "summary": "{total} files: {clean} without errors, {errors} with errors, {unreadable} unreadable.",
        "no_files": "no report files found",
    },
}


# one line per message, and what went wrong with one file: shared with the batch checker
_one_line = one_line
_failure = failure


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true", help="出现内部错误时显示完整的错误追踪")


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "parse", help="读取一份报告，输出 JSON", description="读取一份报告，输出 gongkai.annual/1 JSON。"
    )
    p.add_argument("file", help="报告文件（.txt .md .html .docx .xlsx .pdf .json）")
    _common(p)
    p.set_defaults(handler=cmd_parse)

    p = commands.add_parser(
        "check",
        help="检查报告（勾稽关系等）",
        description="检查一份或多份报告；文件夹按扩展名递归查找。退出码：0 无错误，1 有错误，2 有文件无法读取。",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("--json", action="store_true", help="输出 JSON（机器可读）")
    p.add_argument("--previous", metavar="LASTYEAR_FILE", help="上一年度的报告，用于跨年度核对")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言")
    p.add_argument("--verbose", "-v", action="store_true", help="显示未能检查的项目及原因、全部单元格")
    p.add_argument("--no-progress", action="store_true", help="不显示进度条")
    p.add_argument(
        "--peers",
        action="store_true",
        help="把本次检查的各份报告互作同类机关比较（主要数字的四分位数、内容雷同）",
    )
    _common(p)
    p.set_defaults(handler=cmd_check)

    p = commands.add_parser("convert", help="转换报告格式", description="按输出文件扩展名转换报告格式。")
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT", help="输出文件：.json .md .html .docx .xlsx .pdf")
    _common(p)
    p.set_defaults(handler=cmd_convert)

    p = commands.add_parser(
        "sum",
        help="汇总多份报告",
        description="把同一年度、同一格式的多份报告相加为一份汇总报告。检查有错误的报告默认拒绝汇总。",
    )
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--agency", help="汇总报告的机关名称，如“示例县（汇总）”")
    p.add_argument("--force", action="store_true", help="检查有错误的报告也汇总")
    p.add_argument("--blank-as-zero", action="store_true", help="空白单元格按 0 计入（默认：汇总结果留空）")
    _common(p)
    p.set_defaults(handler=cmd_sum)

    p = commands.add_parser(
        "example", help="生成示例报告", description="在 OUTDIR 下写出示例报告的各种格式。"
    )
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--year", type=int, default=2025)
    p.add_argument("--seed", type=int, default=2025)
    _common(p)
    p.set_defaults(handler=cmd_example)


# ---------------------------------------------------------------- files


def iter_report_files(paths: Iterable[str]) -> Iterator[Path]:
    """Named files as given; folders walked recursively in a stable order, hidden entries skipped."""
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                if not file.startswith(".") and Path(file).suffix.lower() in REPORT_EXTENSIONS:
                    yield Path(root, file)


def _read(path: Path) -> Report:
    from gongkai.annual.readers import read_path

    return read_path(path)


def _error(message: str) -> None:
    print(f"gongkai: {message}", file=sys.stderr)


# ---------------------------------------------------------------- parse


def cmd_parse(args: argparse.Namespace) -> int:
    try:
        report = _read(Path(args.file))
    except Exception as exc:
        if args.debug and not isinstance(exc, ReportError):
            raise
        _error(f"{args.file}：{_failure(exc)[1]}")
        return EXIT_UNREADABLE
    sys.stdout.write(report.dumps() + "\n")
    return EXIT_OK


# ---------------------------------------------------------------- check


class _Printer:
    """Writes one file's result as soon as it is known (nothing is kept: memory stays flat)."""

    def __init__(self, args: argparse.Namespace, write):
        self.args = args
        self.write = write
        self.t = TEXTS[args.lang]
        self.first = True
        if args.json:
            self.write('{"schema": "gongkai.check/1", "files": [')

    def result(
        self, path: Path, report: Report | None, findings: list, failure: tuple[str, str] | None
    ) -> None:
        if self.args.json:
            self._json(path, report, findings, failure)
        else:
            self._text(path, report, findings, failure)

    def _json(self, path, report, findings, failure) -> None:
        from gongkai.annual.checks import check_result

        item: dict = {"path": str(path)}
        if failure:
            item |= {"status": failure[0], "error": failure[1]}
        else:
            item |= check_result(report, findings)
        text = json.dumps(item, ensure_ascii=False)
        self.write(("\n  " if self.first else ",\n  ") + text)
        self.first = False

    def _text(self, path, report, findings, failure) -> None:
        from gongkai.annual.checks import Severity, has_errors
        from gongkai.annual.checks.base import SEVERITY_LABELS

        t, lang = self.t, self.args.lang
        if failure:
            label = t["unreadable"] if failure[0] == "unreadable" else t["internal"]
            message = failure[1].removeprefix("内部错误：")
            self.write(f"✗ {path}  {label}：{message}" if lang == "zh" else f"✗ {path}  {label}: {message}")
            return
        about = " · ".join(
            x
            for x in (
                report.agency.name,
                t["year"].format(report.year) if report.year else None,
                t["format"].format(report.format),
            )
            if x
        )
        status = t["has_errors"] if has_errors(findings) else t["clean"]
        self.write(f"{'✗' if has_errors(findings) else '✓'} {path}  {about} — {status}")
        skipped = []
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2, Severity.SKIPPED: 3}
        for f in sorted(findings, key=lambda f: order.get(f.severity, 9)):
            if f.severity is Severity.SKIPPED and not self.args.verbose:
                skipped.append(f.code)
                continue
            label = SEVERITY_LABELS[f.severity][0 if lang == "zh" else 1]
            self.write(
                f"    {label:<4} {f.code:<12} {_one_line(f.message(lang), 500)}{self._cells(f.cells, report)}"
            )
        for note in report.notes:
            self.write(
                f"    {t['note']:<4} {note.code:<12} {_one_line(note.message, 500)}{self._cells(note.cells, report)}"
            )
        if skipped:
            codes = "、".join(dict.fromkeys(skipped)) if lang == "zh" else ", ".join(dict.fromkeys(skipped))
            self.write(f"    {t['skipped'].format(n=len(skipped), codes=codes)}")

    def _cells(self, cells, report: Report) -> str:
        """The cited cells by their printed labels (表三 （七）总计·自然人); the paths stay in --json."""
        from gongkai.annual.grid_view import place_labels

        if not cells:
            return ""
        labels = place_labels(cells, report)
        sep = "；" if self.args.lang == "zh" else "; "
        if self.args.verbose or len(labels) <= MAX_CELLS_SHOWN + 1:  # "1 more" is no shorter
            return f"  〔{sep.join(labels)}〕"
        more = self.t["cells_more"].format(n=len(labels) - MAX_CELLS_SHOWN)
        return f"  〔{sep.join(labels[:MAX_CELLS_SHOWN])} {more}〕"

    def finish(self, counts: dict[str, int]) -> None:
        if self.args.json:
            self.write(f'\n], "summary": {json.dumps(counts)}}}')
        else:
            self.write(self.t["summary"].format(**counts))


def _progress_bar(total: int, args: argparse.Namespace):
    """A progress bar on stderr (files/s and the file being read) for a big folder on a terminal;
    None for a few files, ``--no-progress`` or stderr not a terminal (a pipe, a log file)."""
    if total <= PROGRESS_MIN_FILES or args.no_progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, unit="份", leave=False, dynamic_ncols=True)


def cmd_check(args: argparse.Namespace) -> int:
    from gongkai.annual.checks import has_errors, run_checks

    previous = None
    status = EXIT_OK
    if args.previous:
        try:
            previous = _read(Path(args.previous))
        except Exception as exc:
            if args.debug and not isinstance(exc, ReportError):
                raise
            _error(f"{args.previous}：{_failure(exc)[1]}")
            return EXIT_UNREADABLE

    # Only the paths are listed up front (for the progress bar); reports are read one at a time.
    files = list(iter_report_files(args.paths))
    bar = _progress_bar(len(files), args)

    def write(line: str) -> None:
        if bar is not None and sys.stdout.isatty():
            bar.write(line, file=sys.stdout)
        else:
            sys.stdout.write(line + "\n")

    digests = _peer_digests(files) if args.peers else []
    prints = []
    printer = _Printer(args, write)
    counts = {"total": len(files), "clean": 0, "errors": 0, "unreadable": 0}
    for index, path in enumerate(files):
        if bar is not None:
            bar.set_postfix_str(_one_line(path.name, 40))  # the file being read now (redrawn per file)
        report, findings, failure = None, [], None
        try:
            report = _read(path)
            findings = run_checks(report, previous, peers=_others(digests, index))
            if 1 < len(files) <= SIMILAR_MAX_FILES:
                prints.append(_sketch(report, path, digests, index))
        except Exception as exc:
            if args.debug and not isinstance(exc, ReportError):
                raise
            failure = _failure(exc)
        if failure:
            counts["unreadable"] += 1
            status = EXIT_UNREADABLE
        elif has_errors(findings):
            counts["errors"] += 1
            status = max(status, EXIT_FINDINGS)
        else:
            counts["clean"] += 1
        printer.result(path, report, findings, failure)
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    if len(files) > 1 and not args.json:  # before the counts: the last line says how it went
        for line in _similar_pairs(prints, args.lang, len(files)):
            write(line)
    printer.finish(counts)
    if not files:
        _error(TEXTS[args.lang]["no_files"])
        return EXIT_UNREADABLE
    return status


# ---------------------------------------------------------------- check: peers and 内容雷同

SIMILAR_SHOWN = 10  # pairs listed in the 内容雷同 summary of a folder
# Above this many files the summary is not made: every pair is compared (a thousand files are half a
# million pairs, seconds; ten thousand would be minutes), and one sketch per file is kept.
SIMILAR_MAX_FILES = 1000


def _peer_digests(files: list[Path]) -> list:
    """A first pass over the files for --peers: each report's key figures and prose fingerprint
    (``annual.peers.Digest``), not the report; None for a file that cannot be read (the second
    pass says why)."""
    from gongkai.annual.peers import digest

    digests = []
    for path in files:
        try:
            digests.append(digest(_read(path), key=str(path)))
        except Exception:
            digests.append(None)
    return digests


def _others(digests: list, index: int) -> list:
    """The peers of file ``index``: every other file's digest."""
    return [d for i, d in enumerate(digests) if i != index and d is not None]


def _sketch(report: Report, path: Path, digests: list, index: int):
    """The file's prose sketch for the 内容雷同 summary (from its --peers digest when there is one)."""
    from gongkai.annual.similarity import Sketch, report_fingerprint

    if digests and digests[index] is not None:
        return Sketch(digests[index].fingerprint)
    return Sketch(report_fingerprint(report, key=str(path)))


def _similar_pairs(prints: list, lang: str, files: int) -> list[str]:
    """The 内容雷同 summary of a run: the most similar pairs of files (share of the prose, 一–五)."""
    from gongkai.annual.checks import CheckOptions
    from gongkai.annual.similarity import report_fingerprint, similar_files

    threshold = CheckOptions().duplicate_share
    if files > SIMILAR_MAX_FILES:
        if lang == "zh":
            return [f"内容雷同：文件超过 {SIMILAR_MAX_FILES} 个，未作两两比较（请分批检查）。"]
        return [
            f"Similar text: more than {SIMILAR_MAX_FILES} files, not compared pairwise (check in batches)."
        ]
    pairs = similar_files(
        prints,
        lambda i: report_fingerprint(_read(Path(prints[i].key)), key=prints[i].key),
        threshold,
        limit=SIMILAR_SHOWN,
    )
    if lang == "zh":
        if not pairs:
            return [f"内容雷同：各文件正文（一至五部分）相互之间相同的比例均低于 {threshold:.0%}。"]
        lines = [
            f"内容雷同：正文（一至五部分）相同比例达到 {threshold:.0%} 的文件（前 {SIMILAR_SHOWN} 对）："
        ]
        for p in pairs:
            a, b = prints[p.a].key, prints[p.b].key
            lines.append(
                f"    {p.share:>4.0%}  {a} ↔ {b}（前者 {p.share_a:.0%} 见于后者，后者 {p.share_b:.0%} 见于前者）"
            )
        return lines
    if not pairs:
        return [f"Similar text: no two files share {threshold:.0%} of their prose (parts 1–5)."]
    lines = [
        f"Similar text: files sharing at least {threshold:.0%} of their prose (top {SIMILAR_SHOWN} pairs):"
    ]
    for p in pairs:
        a, b = prints[p.a].key, prints[p.b].key
        lines.append(
            f"    {p.share:>4.0%}  {a} ↔ {b} ({p.share_a:.0%} of the first in the second, {p.share_b:.0%} back)"
        )
    return lines


# ---------------------------------------------------------------- convert


def _write(report: Report, output: str) -> None:
    from gongkai.annual.writers import write_path

    write_path(report, output)


def cmd_convert(args: argparse.Namespace) -> int:
    for step in ("read", "write"):
        try:
            if step == "read":
                report = _read(Path(args.input))
            else:
                _write(report, args.output)
        except Exception as exc:
            if args.debug and not isinstance(exc, ReportError):
                raise
            _error(f"{args.input if step == 'read' else args.output}：{_failure(exc)[1]}")
            return EXIT_UNREADABLE
    print(f"已写入 {args.output}")
    return EXIT_OK


# ---------------------------------------------------------------- sum


def _default_agency(reports: list[Report]) -> str:
    """The shared start of the agencies' names (示例县…局, 示例县…局 -> 示例县) plus （汇总）."""
    prefix = os.path.commonprefix([r.agency.name or "" for r in reports])
    return f"{prefix}（汇总）" if prefix else "汇总报告"


def cmd_sum(args: argparse.Namespace) -> int:
    from gongkai.annual.sum import sum_reports

    reports = []
    for path in iter_report_files(args.paths):
        try:
            report = _read(path)
        except Exception as exc:
            if args.debug and not isinstance(exc, ReportError):
                raise
            _error(f"{path}：{_failure(exc)[1]}")
            return EXIT_UNREADABLE
        report.source = str(path)  # name inputs by the path the user gave, in notes and errors
        reports.append(report)
    try:
        total = sum_reports(
            reports,
            args.agency or _default_agency(reports),
            force=args.force,
            blank_as_zero=args.blank_as_zero,
        )
    except ReportError as exc:
        _error(_one_line(exc))
        return EXIT_FINDINGS
    except Exception as exc:
        if args.debug:
            raise
        _error(_failure(exc)[1])
        return EXIT_UNREADABLE
    try:
        _write(total, args.output)
    except Exception as exc:
        if args.debug and not isinstance(exc, ReportError):
            raise
        _error(f"{args.output}：{_failure(exc)[1]}")
        return EXIT_UNREADABLE
    print(f"已汇总 {len(reports)} 份报告，写入 {args.output}")
    return EXIT_OK


# ---------------------------------------------------------------- example


def cmd_example(args: argparse.Namespace) -> int:
    from gongkai.annual.example import example_report

    report = example_report(year=args.year, seed=args.seed)
    outdir = Path(args.outdir)
    status = EXIT_OK
    for ext in EXAMPLE_EXTENSIONS:
        path = outdir / f"example-report-{args.year}{ext}"
        try:
            _write(report, path)
        except Exception as exc:
            if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("gongkai.annual."):
                # a writer not written yet: the other formats are still worth having
                _error(f"跳过 {path}：尚不支持写出 {ext} 格式（缺少模块 {exc.name.rsplit('.', 1)[-1]}）")
                continue
            if args.debug and not isinstance(exc, ReportError):
                raise
            _error(f"{path}：{_failure(exc)[1]}")
            status = EXIT_UNREADABLE
            continue
        print(path)
    return status
