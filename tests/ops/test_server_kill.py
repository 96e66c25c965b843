"""SIGKILL of the whole app server (the gunicorn master and its workers) in the middle of a stream
of online submissions: every submission that got its receipt is stored, and nothing stored is half
written (each application has its submit event and its attachment, the file on disk)."""

from __future__ import annotations

import signal
import threading
import time
import zlib
from pathlib import Path

import pytest

from .live import Browser, free_port, kill_group, submit, wait_for

pytestmark = pytest.mark.ops


def tiny_png() -> bytes:
    """A valid 1×1 PNG (the form types attachments by their content)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    raw = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def test_sigkill_of_the_app_server_loses_no_acknowledged_submission(site):
    port = free_port()
    server = site.serve(port, workers=2)  # the production default: sync workers
    base = f"http://127.0.0.1:{port}"
    png = tiny_png()
    acknowledged: list[tuple[str, str]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(k: int) -> None:
        n = k * 10_000
        while not stop.is_set():
            n += 1
            try:
                receipt = submit(base, n, attachment=png, timeout=10)
            except Exception:  # refused or cut off by the kill: no receipt, nothing promised
                receipt = None
                time.sleep(0.05)
            if receipt:
                with lock:
                    acknowledged.append(receipt)

    clients = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(8)]
    for t in clients:
        t.start()
    # Kill while requests are in flight (8 clients, each always mid-request), after some receipts.
    wait_for(lambda: len(acknowledged) >= 25, 120, "the server acknowledged too few submissions")
    kill_group(server, signal.SIGKILL)
    time.sleep(1)
    stop.set()
    for t in clients:
        t.join(timeout=30)
    with lock:
        promised = list(acknowledged)

    stored = dict(site.sql("SELECT tracking_no, id FROM applications_application"))
    lost = [no for no, _ in promised if no not in stored]
    assert not lost, f"acknowledged but not stored: {lost}"
    assert len(stored) >= len(promised)

    # Nothing half-written: every stored application has its submit event and its attachment, on disk.
    submitted = {
        int(row[0])
        for row in site.sql("SELECT subject_id FROM events_event WHERE action = 'applications.submit'")
    }
    files = dict(site.sql("SELECT application_id, file FROM applications_attachment"))
    media = Path(site.data) / "media"
    for number, pk in stored.items():
        assert pk in submitted, f"{number} has no submit event"
        assert pk in files, f"{number} has no attachment row"
        assert (media / files[pk]).read_bytes() == png, f"{number}: attachment file missing or torn"

    # The site comes back on the same data, and an acknowledged applicant can follow the case.
    port2 = free_port()
    site.serve(port2, workers=1, threads=2)
    number, code = promised[-1]
    browser = Browser(f"http://127.0.0.1:{port2}")
    status, page, _ = browser.post("/apply/track/", {"tracking_no": number, "code": code})
    assert status == 200 and number in page and "申请编号或查询码不正确" not in page
