"""How ``gongkai serve`` and ``gongkai demo`` start gunicorn: a long search URL reaches Django."""

import argparse
from urllib.parse import quote

import pytest
from django.test import override_settings
from django.urls import reverse
from gunicorn.config import Config

from gongkai.cli import web


@pytest.fixture
def execs(monkeypatch):
    """The argv of each exec: gunicorn is not started."""
    seen = []
    monkeypatch.setattr(web.os, "execv", lambda path, argv: seen.append(argv))
    return seen


@pytest.fixture
def gunicorn_argv(execs):
    web._gunicorn("127.0.0.1:8000", workers=1, threads=1, extra=["--timeout", "60"])
    return execs[0]


def test_gunicorn_takes_request_lines_of_8k(gunicorn_argv):
    assert gunicorn_argv[1:4] == ["-m", "gunicorn", "gongkai.web.wsgi:application"]
    config = Config()
    parsed = config.parser().parse_args(gunicorn_argv[3:])  # read as gunicorn itself reads them
    config.set("limit_request_line", parsed.limit_request_line)
    assert config.limit_request_line == 8190 > Config().limit_request_line == 4094


@pytest.mark.parametrize(("threads", "worker"), [(1, "sync"), (4, "gthread")])
def test_one_thread_is_the_sync_worker_more_is_gthread(execs, threads, worker):
    web._gunicorn("127.0.0.1:8000", workers=2, threads=threads)
    parsed = Config().parser().parse_args(execs[0][3:])
    assert (parsed.worker_class, parsed.threads) == (worker, threads)


def test_serve_defaults_to_sync_workers(execs, monkeypatch):
    monkeypatch.delenv("GONGKAI_THREADS", raising=False)
    monkeypatch.setenv("GONGKAI_WORKERS", "3")
    args = argparse.Namespace(
        migrate=False,
        no_collectstatic=True,
        collect_only=False,
        workers=None,
        threads=None,
        bind=None,
        port=None,
    )
    monkeypatch.setattr(web, "setup_django", lambda: None)
    monkeypatch.setenv("GONGKAI_STATIC_MANIFEST", "")  # restored after the test (serve sets it)
    web.cmd_serve(args)
    parsed = Config().parser().parse_args(execs[0][3:])
    assert (parsed.worker_class, parsed.workers, parsed.threads) == ("sync", 3, 1)


@pytest.mark.django_db
def test_a_search_as_long_as_gunicorn_lets_through_gets_the_sites_message(client):
    text = "政府信息公开" * 140  # 840 characters: 7,560 bytes in the URL
    path = reverse("portal:catalogue") + "?q=" + quote(text)
    assert 4094 < len(f"GET {path} HTTP/1.1") < web.LIMIT_REQUEST_LINE
    page = client.get(path)
    assert page.status_code == 200 and "检索词过长" in page.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_url_django_refuses_gets_a_page_in_chinese(client):
    fields = "&".join(f"f{n}=" for n in range(1100))  # more fields than Django takes
    page = client.get(reverse("portal:catalogue") + "?" + fields)
    assert page.status_code == 400 and "网址过长" in page.content.decode()


def test_the_demo_server_runs_the_background_worker_beside_it(tmp_path, monkeypatch):
    """``gongkai demo`` loads gunicorn's hooks from ``demo_hooks``: when the server is ready a real
    ``gongkai worker`` starts (its huey store appears in the data folder), and it stops with the
    server. Without it, what the demo queues (batch checks, PDF baselines) would wait for ever."""
    import logging
    import time

    from gongkai.cli import demo_hooks

    class Server:
        log = logging.getLogger("test")

    monkeypatch.setenv("GONGKAI_DATA", str(tmp_path))
    demo_hooks.when_ready(Server())
    worker = demo_hooks._worker
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "huey.sqlite3").exists() and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker exited"
            time.sleep(0.2)
        assert (tmp_path / "huey.sqlite3").exists()
    finally:
        demo_hooks.on_exit(Server())
    assert worker.poll() is not None


def test_the_demo_passes_its_hooks_to_gunicorn(execs, monkeypatch, tmp_path):
    monkeypatch.setattr(web, "setup_django", lambda: None)
    from gongkai.cli import demo

    monkeypatch.setattr(demo, "is_loaded", lambda: True)
    monkeypatch.setattr(demo, "format_logins", lambda: "")
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **kw: None)
    args = argparse.Namespace(no_serve=False, no_catalogue=True, port=8123, host="127.0.0.1")
    web.cmd_demo(args)
    parsed = Config().parser().parse_args(execs[0][3:])
    assert parsed.config == "python:gongkai.cli.demo_hooks"
    # read as gunicorn reads it: its hooks are ours
    from gunicorn.app.base import Application

    from gongkai.cli import demo_hooks

    class Loaded(Application):
        def init(self, parser, opts, args):
            return {}

        def load(self):
            return None

    app = Loaded.__new__(Loaded)
    app.cfg = Config()
    app.load_config_from_module_name_or_filename(parsed.config)
    assert app.cfg.when_ready is demo_hooks.when_ready and app.cfg.on_exit is demo_hooks.on_exit
