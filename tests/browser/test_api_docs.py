"""The API docs page in chromium: Swagger UI renders the schema, and every request the page makes
goes to this site (no CDN, no validator badge)."""

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_docs_page_renders_from_local_files_only(live_server, page, shot):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("政府信息公开平台 API").first.wait_for()
    page.get_by_text("/api/v1/catalogue", exact=True).first.wait_for()
    shot("docs")
    assert hosts == {urlparse(live_server.url).netloc}, hosts
