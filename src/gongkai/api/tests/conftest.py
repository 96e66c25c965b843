from datetime import date

import pytest

from gongkai.agencies.testing import fast_password_hashing, world  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def published(world):  # noqa: F811  (the fixture above)
    """Agency A's 2024 report, published (version 1) through the reports services."""
    from gongkai.reports import services
    from gongkai.reports.checks import evaluate_for_publishing, fingerprint
    from gongkai.reports.testing import good_workspace, some_applications

    some_applications(world.a, 2024)
    ws = good_workspace(world.a, 2024, world.clerk_a, signature=date(2025, 1, 10))
    services.submit(world.clerk_a, ws)
    on = date(2025, 1, 20)
    ev = evaluate_for_publishing(ws, on)
    services.publish(world.reviewer_a, ws, {fingerprint(f) for f in ev.warnings}, on=on)
    return ws


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def token_of():
    """``token_of(user)``: a new API token's raw value for ``user`` (through the service)."""
    from gongkai.api.services import create_token

    return lambda user, name="测试脚本": create_token(user, name).raw


@pytest.fixture
def wsgi_app():
    """The real WSGI app for schemathesis, with the per-request connection closing turned off (as
    Django's test client does): inside the test's transaction it would close the connection, which
    PostgreSQL then reports as closed on the next request (SQLite's in-memory database ignores it)."""
    from django.core import signals
    from django.db import close_old_connections

    from gongkai.web.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
