import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.annual import Report
from gongkai.annual.example import example_report
from gongkai.annual.readers import MAX_BYTES
from gongkai.cli import main

GONGKAI = Path(sys.executable).with_name("gongkai")


def _write_json(path: Path, report: Report) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.dumps(), encoding="utf-8")
    return path


def _broken(report: Report) -> Report:
    """One more 予以公开 than the balance allows: T3-BAL (and T3-OUT/T3-ROW) fail."""
    table = report.tables["applications"]
    table.set("r_total", "natural_person", table.get("r_total", "natural_person") + 1)
    return report


@pytest.fixture
def good(tmp_path) -> Path:
    return _write_json(tmp_path / "good.json", example_report())


@pytest.fixture
def bad(tmp_path) -> Path:
    return _write_json(tmp_path / "bad.json", _broken(example_report()))


def test_parse_prints_the_report_as_json(good, capsys):
    assert main(["parse", str(good)]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["schema"] == "gongkai.annual/1" and data["agency"]["name"] == "示例县自然资源局"
    assert "示例县" in out  # not \u-escaped


def test_parse_of_an_empty_file_is_one_line_on_stderr(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["parse", str(empty)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "文件为空" in captured.err


def test_check_consistent_report_exits_0(good, capsys):
    assert main(["check", str(good)]) == 0
    assert "无错误" in capsys.readouterr().out


def test_check_report_with_balance_error_exits_1(bad, capsys):
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "T3-BAL" in out and "错误" in out
    assert main(["check", "--lang", "en", str(bad)]) == 1
    assert "new + carried in" in capsys.readouterr().out


def test_check_unreadable_inputs_exit_2_with_one_line_each_and_others_still_reported(
    tmp_path, good, bad, capsys
):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_text("hello world, eggs 12, milk 2\n" * 20)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    huge = folder / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    status = main(["check", str(folder), str(good), str(bad)])
    out = capsys.readouterr().out
    assert status == 2  # unreadable wins over the errors in bad.json
    lines = out.splitlines()
    for name in ("empty.txt", "garbage.txt", "binary.txt", "truncated.pdf", "huge.txt"):
        mine = [line for line in lines if name in line]
        assert len(mine) == 1 and mine[0].startswith("✗"), (name, out)
    assert "Traceback" not in out
    assert any("good.json" in line and "无错误" in line for line in lines)
    assert any("bad.json" in line for line in lines) and "T3-BAL" in out
    assert "5 个无法读取" in lines[-1]


def test_check_reads_folders_recursively_and_skips_hidden_and_unknown_files(tmp_path, capsys):
    _write_json(tmp_path / "a" / "b" / "deep.json", example_report())
    _write_json(tmp_path / "a" / ".hidden.json", _broken(example_report()))
    _write_json(tmp_path / ".git" / "x.json", _broken(example_report()))
    (tmp_path / "a" / "notes.csv").write_text("x,y")
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "deep.json" in out and "hidden" not in out and "notes.csv" not in out
    assert "共 1 个文件" in out


def test_check_json_output_parses(tmp_path, good, bad, capsys):
    (tmp_path / "empty.md").write_bytes(b"")
    assert main(["check", "--json", str(tmp_path)]) == 2
    data = json.loads(capsys.readouterr().out)
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert by_name["good.json"]["status"] == "ok" and by_name["good.json"]["findings"] == []
    assert by_name["bad.json"]["status"] == "errors"
    assert {f["code"] for f in by_name["bad.json"]["findings"]} >= {"T3-BAL"}
    assert by_name["empty.md"]["status"] == "unreadable" and "文件为空" in by_name["empty.md"]["error"]
    assert data["summary"] == {"total": 3, "clean": 1, "errors": 1, "unreadable": 1}


def test_check_with_previous_year(tmp_path, good, capsys):
    last = example_report(year=2024, seed=1)
    previous = _write_json(tmp_path / "last" / "2024.json", last)
    assert main(["check", "--previous", str(previous), str(good)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().out
    assert main(["check", "--previous", str(tmp_path / "missing.json"), str(good)]) == 2


def test_an_unexpected_exception_is_one_line_and_exit_2(good, monkeypatch, capsys):
    import gongkai.annual.checks as checks

    def explode(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(checks, "run_checks", explode)
    assert main(["check", str(good)]) == 2
    out = capsys.readouterr().out
    assert "内部错误" in out and "boom" in out and "Traceback" not in out
    with pytest.raises(ZeroDivisionError):
        main(["check", "--debug", str(good)])


def test_installed_command_exit_codes(good, bad):
    if not GONGKAI.exists():
        pytest.skip("the gongkai console script is not installed in this environment")
    ok = subprocess.run([GONGKAI, "check", good], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    failing = subprocess.run([GONGKAI, "check", good, bad], capture_output=True, text=True)
    assert failing.returncode == 1 and "Traceback" not in failing.stderr


@pytest.mark.parametrize(
    "ext, module", [("html", "html"), ("md", "markdown"), ("xlsx", "xlsx"), ("docx", "docx")]
)
def test_convert_json_to_published_formats(good, tmp_path, capsys, ext, module):
    pytest.importorskip(f"gongkai.annual.writers.{module}", reason=f"the {ext} writer is not written yet")
    out = tmp_path / f"report.{ext}"
    assert main(["convert", str(good), str(out)]) == 0
    assert out.stat().st_size > 0
    assert not list(tmp_path.glob(".*.tmp"))  # atomic write left nothing behind


def test_convert_to_json_and_unknown_extension(good, tmp_path, capsys):
    out = tmp_path / "copy.json"
    assert main(["convert", str(good), str(out)]) == 0
    copy = Report.loads(out.read_text(encoding="utf-8"))
    assert copy.source == "good.json"  # the reader records where it came from
    copy.source = None
    assert copy.to_json() == Report.loads(good.read_text()).to_json()
    assert main(["convert", str(good), str(tmp_path / "x.odt")]) == 2
    assert "不支持" in capsys.readouterr().err


def test_sum_adds_cells(tmp_path, capsys):
    a = _write_json(tmp_path / "a.json", example_report(seed=1))
    b = _write_json(tmp_path / "b.json", example_report(seed=2))
    out = tmp_path / "sum.json"
    assert main(["sum", str(a), str(b), "-o", str(out), "--agency", "示例县（汇总）"]) == 0
    assert "已汇总 2 份报告" in capsys.readouterr().out
    total = Report.loads(out.read_text(encoding="utf-8"))
    ra, rb = Report.loads(a.read_text()), Report.loads(b.read_text())
    cell = ("new_received", "natural_person")
    assert total.tables["applications"].get(*cell) == ra.tables["applications"].get(*cell) + rb.tables[
        "applications"
    ].get(*cell)
    assert total.agency.name == "示例县（汇总）"
    assert [n.code for n in total.notes].count("SUM-INPUT") == 2
    assert main(["check", "--json", str(out)]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    # consistent tables; only the parts 五 and 六 that a sum leaves out are reported
    assert {f["code"] for f in findings if f["severity"] == "error"} == {"SEC-MISSING"}


def test_sum_refuses_mixed_year_and_errors_unless_forced(tmp_path, capsys):
    a = _write_json(tmp_path / "a.json", example_report(year=2025))
    old = _write_json(tmp_path / "old.json", example_report(year=2024))
    bad = _write_json(tmp_path / "bad.json", _broken(example_report(year=2025, seed=9)))
    out = tmp_path / "sum.json"
    assert main(["sum", str(a), str(old), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "old.json" in err and "2024" in err and not out.exists()
    assert main(["sum", str(a), str(bad), "-o", str(out)]) == 1
    assert "bad.json" in capsys.readouterr().err and not out.exists()
    assert main(["sum", str(a), str(bad), "-o", str(out), "--force"]) == 0
    assert Report.loads(out.read_text(encoding="utf-8")).agency.name == "示例县自然资源局（汇总）"


def test_example_writes_the_formats_it_can(tmp_path, capsys):
    assert main(["example", str(tmp_path / "out")]) == 0
    written = capsys.readouterr().out.split()
    assert str(tmp_path / "out" / "example-report-2025.json") in written
    for path in written:
        assert os.path.getsize(path) > 0


DOC = Path(__file__).resolve().parents[2] / "docs" / "report-json.md"


def test_the_json_doc_lists_every_key_of_every_layout():
    from gongkai.annual.layout import LAYOUTS

    text = DOC.read_text(encoding="utf-8")
    missing = []
    for layout in LAYOUTS.values():
        for section in layout.sections:
            if f"`{section.key}`" not in text:
                missing.append(section.key)
        for grid in layout.grids:
            keys = [grid.key, *grid.row_keys, *grid.column_keys]
            missing += [f"{layout.version}:{grid.key}.{k}" for k in keys if f"`{k}`" not in text]
            missing += [f"{layout.version}:{grid.key}:{r.label}" for r in grid.rows if r.text not in text]
    assert not missing, f"docs/report-json.md lacks {missing}"


def test_the_json_doc_example_loads():
    text = DOC.read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    report = Report.loads(example)
    assert report.year == 2025 and report.tables["applications"].get("new_received", "total") == 42


def test_check_names_cells_by_their_printed_labels_and_keeps_paths_in_json(bad, capsys):
    assert main(["check", "--verbose", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "表三 （七）总计·自然人" in out and "表三 一、本年新收政府信息公开申请数量·自然人" in out
    assert "applications." not in out and "r_total" not in out
    assert main(["check", "--json", str(bad)]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert "applications.r_total.natural_person" in {c for f in findings for c in f["cells"]}


def _check_on_a_terminal(folder: Path, *extra: str) -> tuple[str, str]:
    """Run ``gongkai check`` with stderr on a pseudo-terminal (stdout a pipe): (stdout, terminal)."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    # a terminal 160 columns wide (a new pty has no size, and tqdm draws nothing 0 columns wide)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    proc = subprocess.Popen(
        [GONGKAI, "check", *extra, str(folder)],
        stdout=subprocess.PIPE,
        stderr=slave,
    )
    os.close(slave)
    terminal = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        terminal += chunk
    out = proc.stdout.read().decode()
    proc.wait(timeout=60)
    os.close(master)
    return out, terminal.decode(errors="replace")


def test_progress_bar_for_a_big_folder_on_a_terminal_only(tmp_path):
    folder = tmp_path / "many"
    report = example_report()
    for i in range(25):
        _write_json(folder / f"报告-{i:02d}.json", report)
    out, terminal = _check_on_a_terminal(folder)
    assert "份/s" in terminal and "/25" in terminal  # the rate and the count, on stderr
    assert "报告-" in terminal  # the name of the file being read
    assert out.count("✓") == 25 and "份/s" not in out  # stdout (a pipe) has the results only
    out, terminal = _check_on_a_terminal(folder, "--no-progress")
    assert "份/s" not in terminal and out.count("✓") == 25
    piped = subprocess.run([GONGKAI, "check", str(folder)], capture_output=True, text=True)
    assert "份/s" not in piped.stderr and piped.stdout.count("✓") == 25
