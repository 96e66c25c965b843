"""POST /api/v1/check: a generated report in each format, checked as ``gongkai check --json`` does;
junk, empty and oversized files get a Chinese message and never a 500."""

import json
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.annual.example import random_report
from gongkai.annual.writers import render
from gongkai.api import check
from gongkai.cli import main

URL = "/api/v1/check"


def _post(client, name: str, data: bytes):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("fmt", ["json", "html", "docx", "xlsx", "md"])
def test_a_generated_report_is_checked_as_the_cli_checks_it(client, fmt, tmp_path, capsys):
    report = random_report(random.Random(7))
    data = render(report, fmt)
    response = _post(client, f"report.{fmt}", data)
    assert response.status_code == 200, response.content
    body = response.json()

    path = tmp_path / f"report.{fmt}"
    path.write_bytes(data)
    main(["check", "--json", str(path)])
    (cli,) = json.loads(capsys.readouterr().out)["files"]
    del cli["path"]
    assert body == cli
    assert body["agency"] == report.agency.name and body["year"] == report.year
    if fmt == "json":
        assert body["status"] == "ok" and not [f for f in body["findings"] if f["severity"] == "error"]


def test_a_report_with_a_wrong_sum_has_its_finding(client):
    report = random_report(random.Random(3))
    doc = json.loads(render(report, "json"))
    row = doc["applications"]["new_received"]
    row["total"] = (row["total"] or 0) + 1  # the total no longer adds up
    body = _post(client, "bad.json", json.dumps(doc, ensure_ascii=False).encode()).json()
    assert body["status"] == "errors"
    errors = [f for f in body["findings"] if f["severity"] == "error"]
    assert errors and all(f["message"] and isinstance(f["cells"], list) for f in errors)
    assert any("applications.new_received.total" in f["cells"] for f in errors)


@pytest.mark.parametrize(
    "name,data",
    [
        ("junk.bin", bytes(range(256)) * 20),
        ("junk.pdf", b"%PDF-1.7\n" + b"\x00\xff" * 500),
        ("junk.docx", b"PK\x03\x04" + b"word/" + b"\x01" * 400),
        ("junk.json", b'{"schema": "gongkai.annual/1", "applications": 5'),
        ("empty.txt", b"   "),
    ],
)
def test_unreadable_files_are_a_422_in_chinese(client, name, data):
    response = _post(client, name, data)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "unreadable"
    assert body["message"].startswith("无法读取")


def test_a_missing_file_is_a_422(client):
    response = client.post(URL, {})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_an_oversized_file_is_refused(client, monkeypatch):
    monkeypatch.setattr(check, "MAX_UPLOAD", 1000)
    response = _post(client, "big.txt", b"x" * 1001)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large" and "文件过大" in response.json()["message"]
