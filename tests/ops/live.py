"""Live installations for the operations tests: a data folder, a database (SQLite in that folder, or
a throwaway PostgreSQL database made and dropped here), gunicorn started the way ``gongkai serve``
starts it, the huey and Celery workers, and a small HTTP client that handles the CSRF cookie the
way a browser does. Everything listens on 127.0.0.1 only; every wait is bounded."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
AGENCY = "ops-gov"
OFFICER, OFFICER_PASSWORD = "zhuanyuan_ops", "ops-test-password-2026"


def gongkai_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("gongkai")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "gongkai.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _reachable(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def pg_reachable() -> bool:
    if not _reachable(PG["port"]):
        return False
    try:
        import psycopg

        psycopg.connect(host=PG["host"], port=PG["port"], user=PG["user"], dbname="postgres").close()
    except Exception:
        return False
    return True


def redis_reachable() -> bool:
    if not _reachable(6379):
        return False
    try:
        import redis

        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2).ping())
    except Exception:
        return False


def backend_under_test() -> str:
    """``make test-pg`` sets DATABASE_URL to PostgreSQL: the ops tests then run there too."""
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


# ----------------------------------------------------------------------------- the installation


class Site:
    """One installation: a data folder and its database, with the environment every process of it
    (servers, workers, one-off commands) shares."""

    def __init__(
        self, tmp: Path, backend: str = "sqlite", extra_env: dict | None = None, template: Site | None = None
    ):
        self.template = template
        self.data = tmp / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.backend = backend
        self.pg_name = None
        self.env = {
            **os.environ,
            "GONGKAI_DATA": str(self.data),
            "GONGKAI_SECRET_KEY": "ops-" + uuid.uuid4().hex,  # one key for every server of the site
            "GONGKAI_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
            # src for the package; the repository root for tests.ops.slowmail (the slow mail server)
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")]),
            "GONGKAI_LOG_LEVEL": "INFO",
            # one address (the test) submits hundreds of forms: the per-address limits are off
            "GONGKAI_RATE_LIMITS": "apply=,track=,correct=,search=,login=",
        }
        self.env.pop("DATABASE_URL", None)
        for name in ("GONGKAI_CELERY_BROKER", "GONGKAI_TASK_QUEUE", "GONGKAI_EMAIL_HOST"):
            self.env.pop(name, None)
        self.env.update(extra_env or {})
        self.processes: list[subprocess.Popen] = []

    # -- database

    def create(self) -> Site:
        """A migrated database with the test agency and its officer, and the static files collected
        (as a deployment does once): copied from ``template`` when given (migrating takes a while)."""
        if self.backend == "postgresql":
            import psycopg

            self.pg_name = f"gongkai_ops_{os.getpid()}_{uuid.uuid4().hex[:8]}"
            source = f"{self.template.pg_name}" if self.template else "template0"
            with psycopg.connect(**_pg_admin(), autocommit=True) as conn:
                conn.execute(
                    f"CREATE DATABASE {self.pg_name} TEMPLATE {source} ENCODING 'UTF8' "
                    "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
                )
            if not self.template:
                with psycopg.connect(**_pg_admin(self.pg_name), autocommit=True) as conn:
                    conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            self.env["DATABASE_URL"] = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{self.pg_name}"
        if self.template is not None:
            if self.backend == "sqlite":
                with (
                    sqlite3.connect(self.template.data / "gongkai.sqlite3") as source,
                    sqlite3.connect(self.data / "gongkai.sqlite3") as target,
                ):
                    source.backup(target)
            shutil.copytree(self.template.data / "static", self.data / "static", dirs_exist_ok=True)
            return self
        self.run(["manage", "migrate", "-v0"], timeout=300)
        self.django(SEED)
        self.run(["serve", "--collect-only"], timeout=300)
        return self

    def drop(self) -> None:
        self.stop_all()
        if self.pg_name:
            import psycopg

            with psycopg.connect(**_pg_admin(), autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)")

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        """Read the database directly (not through Django): what is really stored."""
        if self.pg_name:
            import psycopg

            with psycopg.connect(**_pg_admin(self.pg_name)) as conn:
                return list(conn.execute(query.replace("?", "%s"), params).fetchall())
        with sqlite3.connect(self.data / "gongkai.sqlite3", timeout=30) as conn:
            return list(conn.execute(query, params).fetchall())

    # -- commands

    def run(self, args: list[str], timeout: float = 120) -> str:
        out = subprocess.run(
            [*gongkai_cmd(), *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert out.returncode == 0, f"gongkai {' '.join(args)} failed:\n{out.stderr[-3000:]}"
        return out.stdout

    def django(self, code: str, timeout: float = 120):
        """Run ``code`` (a function body ending in ``return value``) under Django in a child; its
        value comes back through JSON."""
        script = (
            "import django, json\ndjango.setup()\ndef _main():\n"
            + textwrap.indent(textwrap.dedent(code), "    ")
            + "\nprint('@@' + json.dumps(_main(), default=str))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", script], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert out.returncode == 0, out.stderr[-3000:]
        return json.loads(out.stdout.rsplit("@@", 1)[1])

    # -- processes

    def spawn(self, args: list[str], log: str, env: dict | None = None) -> subprocess.Popen:
        """A long-running process in its own process group (SIGKILL reaches the master and its workers)."""
        fh = open(self.data.parent / log, "ab")  # noqa: SIM115 (the process owns it)
        proc = subprocess.Popen(
            args, env={**self.env, **(env or {})}, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
        )
        fh.close()
        self.processes.append(proc)
        return proc

    def serve(self, port: int, workers: int = 2, threads: int = 1) -> subprocess.Popen:
        proc = self.spawn(
            [*gongkai_cmd(), "serve", "--no-collectstatic", "--port", str(port)]
            + ["--workers", str(workers), "--threads", str(threads)],
            f"server-{port}.log",
        )
        wait_http(f"http://127.0.0.1:{port}/healthz", proc)
        return proc

    def huey_worker(self) -> subprocess.Popen:
        proc = self.spawn([*gongkai_cmd(), "worker", "--workers", "1"], "huey.log")
        wait_for(lambda: "后台任务已启动" in self.log("huey.log"), 60, "the huey consumer did not start")
        return proc

    def celery_worker(self, name: str = "ops") -> subprocess.Popen:
        proc = self.spawn(
            [sys.executable, "-m", "celery", "-A", "gongkai.applications.celery_app", "worker"]
            + ["--pool", "solo", "--without-gossip", "--without-mingle", "-n", f"{name}@%h", "-l", "INFO"],
            f"celery-{name}.log",
        )
        wait_for(lambda: "ready." in self.log(f"celery-{name}.log"), 90, "the Celery worker did not start")
        return proc

    def log(self, name: str) -> str:
        path = self.data.parent / name
        return path.read_text(errors="replace") if path.exists() else ""

    def stop_all(self) -> None:
        for proc in self.processes:
            kill_group(proc, signal.SIGKILL)
        self.processes.clear()


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    with suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=30)


def _pg_admin(dbname: str = "postgres") -> dict:
    return {"host": PG["host"], "port": PG["port"], "user": PG["user"], "dbname": dbname}


def wait_for(check, timeout: float, message: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(every)
    raise AssertionError(message)


def wait_http(url: str, proc: subprocess.Popen | None = None, timeout: float = 90) -> None:
    def up() -> bool:
        assert proc is None or proc.poll() is None, f"the server exited ({proc.returncode})"
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    wait_for(up, timeout, f"nothing answered at {url}", every=0.3)


# The one agency the tests apply to, its 信息公开专员 with an e-mail address (reminders are e-mailed).
SEED = f"""
from gongkai.agencies.models import Agency, Membership, Role
from django.contrib.auth import get_user_model
agency = Agency.objects.create(
    code="{AGENCY}", name="测试县人民政府办公室", kind="government", level="county",
    office_name="政府信息公开办公室",
)
user = get_user_model().objects.create_user(
    "{OFFICER}", email="officer@ops.example", password="{OFFICER_PASSWORD}", first_name="测试专员"
)
Membership.objects.create(user=user, agency=agency, role=Role.CLERK)
# Next year's working calendar entered (weekends only), so a deadline counted today lands in it.
from django.utils import timezone
from gongkai.workdays.services import cover_year
cover_year(None, timezone.localdate().year + 1, source="ops tests")
return agency.pk
"""


# ----------------------------------------------------------------------------- a browser-like client


class Browser:
    """Cookies kept, CSRF token read from the form it fetched, redirects followed; no JavaScript."""

    def __init__(self, base: str, timeout: float = 30):
        self.base = base
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.base + path))

    def get_bytes(self, path: str) -> bytes:
        with self.opener.open(urllib.request.Request(self.base + path), timeout=self.timeout) as r:
            return r.read()

    def post(self, path: str, fields: dict, files: dict | None = None) -> tuple[int, str, str]:
        """POST ``fields`` with the CSRF token of the form on ``path`` (fetched first, like a browser)."""
        _, page, _ = self.get(path)
        return self.post_with(path, {**form_defaults(page), **fields}, files)

    def post_with(self, path: str, fields: dict, files: dict | None = None) -> tuple[int, str, str]:
        body, content_type = _multipart(fields, files or {})
        request = urllib.request.Request(
            self.base + path,
            data=body,
            headers={"Content-Type": content_type, "Referer": self.base + path},
            method="POST",
        )
        return self._open(request)

    def _open(self, request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=self.timeout) as r:
                return r.status, r.read().decode("utf-8", "replace"), r.geturl()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace"), exc.geturl()

    def login(self, username: str, password: str) -> None:
        status, page, url = self.post("/accounts/login/", {"username": username, "password": password})
        assert status == 200 and "/accounts/login/" not in url, f"login failed at {self.base}: {url}"


def form_defaults(page: str) -> dict:
    """The hidden inputs of a page (the CSRF token, a form's one-time token)."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "ops" + uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# ----------------------------------------------------------------------------- submitting


def application_fields(n: int) -> dict:
    """A valid online application (a citizen with a checked ID number); ``n`` tells them apart."""
    return {
        "applicant_type": "natural_person",
        "name": f"申请人{n}",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": "13800138000",
        "email": f"a{n}@ops.example",
        "description": f"请公开本县2025年度财政预算执行情况（第{n}份）",
        "delivery_form": "electronic",
        "delivery_channel": "online",
    }


ID_NUMBER = "11010519491231002X"  # the GB 11643 example number: its check character is right


def submit(base: str, n: int, attachment: bytes | None = None, timeout: float = 30) -> tuple[str, str] | None:
    """Fill the public form as a person would (GET, then POST with its tokens) and read the receipt:
    (tracking number, query code), or None when no receipt came back."""
    browser = Browser(base, timeout=timeout)
    files = {"attachments": ("身份证明.pdf", attachment, "application/pdf")} if attachment else None
    status, page, url = browser.post(f"/apply/to/{AGENCY}/", application_fields(n), files)
    if status != 200 or not url.endswith("/apply/done/"):
        return None
    return receipt_numbers(page)


def receipt_numbers(page: str) -> tuple[str, str]:
    tracking = re.search(r'id="tracking-no">([^<]+)<', page)
    code = re.search(r'id="query-code">([^<]+)<', page)
    assert tracking and code, "the receipt page shows no number"
    return tracking.group(1), code.group(1)


def register_applications(site: Site, count: int, *, email: bool, received_days_ago: int = 0) -> list[str]:
    """``count`` applications registered by the officer (received by registered mail that many days
    ago), in one child process; their 申请编号. With ``email`` each applicant gave an address
    (a{n}@ops.example: the 收到申请 e-mail goes on the task queue); the phone is a landline (no SMS)."""
    return site.django(f"""
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from gongkai.agencies.models import Agency
from gongkai.applications import services
officer = get_user_model().objects.get(username="{OFFICER}")
agency = Agency.objects.get(code="{AGENCY}")
on = timezone.localdate() - timedelta(days={received_days_ago})
numbers = []
for n in range({count}):
    fields = dict({application_fields(0)!r}, name=f"申请人{{n}}", phone="0999-6200000",
                  email=f"a{{n}}@ops.example" if {email!r} else "")
    intake = services.register_by_staff(
        officer, agency, services.ApplicantData(**fields), "registered_mail", received_on=on
    )
    numbers.append(intake.application.tracking_no)
return numbers
""")


MAIL_SEPARATOR = "\n" + "-" * 79 + "\n"


def sent_mail(site: Site) -> list[tuple[str, str]]:
    """Every message the file e-mail backend wrote (one file per connection, messages separated by
    a line of dashes): (recipient, subject)."""
    import email
    import email.header
    import email.policy

    out = []
    for path in sorted((site.data / "mail").glob("*.log")):
        for chunk in path.read_text(errors="replace").split(MAIL_SEPARATOR):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk.lstrip("\n"), policy=email.policy.default)
            out.append((str(message["To"]), str(message["Subject"])))
    return out
