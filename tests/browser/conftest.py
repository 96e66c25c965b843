"""Playwright with Debian's chromium (never a downloaded browser), and screenshots of each step."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongkai.agencies.testing import fast_password_hashing, world  # noqa: F401  (fixtures)

# Playwright's sync API runs an event loop in this thread; Django would refuse its ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PASSWORD = "Xia-yu-2026-gongkai"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded attachments and issued letters go to a throwaway folder, never into var/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"chromium not installed ({CHROMIUM}); `make browser-deps` installs it")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def shot(request, page):
    """``shot("step")`` saves test-output/screenshots/<test>-<nn>-<step>.png (full page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^\w.-]+", "_", request.node.name)
    counter = iter(range(1, 100))

    def take(step: str) -> Path:
        name = re.sub(r"[^\w.-]+", "_", step)
        path = SCREENSHOTS / f"{test}-{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(live_server, transactional_db):
    """``login(page, user)`` gives the staff user a password and logs in through the login form,
    as an officer does; it returns once the form has let them in."""

    def log_in(page, user) -> None:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        page.goto(f"{live_server.url}/accounts/login/")
        form = page.locator("form", has=page.get_by_label("密码"))  # not the language switcher
        form.get_by_label("用户名").fill(user.username)
        form.get_by_label("密码").fill(PASSWORD)
        form.get_by_role("button", name="登录").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    return log_in
