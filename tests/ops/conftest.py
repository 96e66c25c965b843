"""The operations tests (issue 13 §4): live gunicorn servers and workers in subprocesses, on
SQLite (``make test``) or on PostgreSQL (``make test-pg``, which sets DATABASE_URL); each test
gets its own data folder and database (copied from one migrated per session) and drops them."""

from __future__ import annotations

import pytest

from gongkai.agencies.testing import fast_password_hashing, world  # noqa: F401  (fixtures)

from .live import Site, backend_under_test, pg_reachable


def _template(tmp_path_factory, backend: str):
    if backend == "postgresql" and not pg_reachable():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    made = Site(tmp_path_factory.mktemp(f"ops-template-{backend}"), backend)
    try:
        yield made.create()
    finally:
        made.drop()


@pytest.fixture(scope="session")
def template(tmp_path_factory):
    """A migrated installation of the backend under test, copied by each test."""
    yield from _template(tmp_path_factory, backend_under_test())


@pytest.fixture(scope="session")
def pg_template(request, tmp_path_factory):
    """The same on PostgreSQL, whatever the run's backend (the scale-out test needs PostgreSQL)."""
    if backend_under_test() == "postgresql":
        yield request.getfixturevalue("template")
    else:
        yield from _template(tmp_path_factory, "postgresql")


@pytest.fixture
def make_site(tmp_path, template):
    made: list[Site] = []

    def make(**env) -> Site:
        site = Site(tmp_path / f"site{len(made)}", template.backend, extra_env=env, template=template)
        made.append(site)
        return site.create()

    yield make
    for site in made:
        site.drop()


@pytest.fixture
def site(make_site):
    return make_site()
