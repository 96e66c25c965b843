"""Every staff URL × users of other agencies: 404 for GET and POST, never a hint that the data exists."""

import pytest
from django.urls import reverse

from gongkai.agencies.tests.matrix import Exempt, collect_cases, staff_url_names

URL_NAMES = staff_url_names()
CASES = collect_cases()


def test_the_matrix_sees_the_staff_urls():
    assert "staff:dashboard" in URL_NAMES
    assert len(URL_NAMES) >= 7


def test_every_staff_url_has_a_case():
    missing = [name for name in URL_NAMES if name not in CASES]
    assert not missing, (
        "staff URLs without an isolation case; add them to ISOLATION_CASES in <app>/tests/isolation.py: "
        + ", ".join(missing)
    )
    stale = [name for name in CASES if name not in URL_NAMES]
    assert not stale, "isolation cases for URLs that no longer exist: " + ", ".join(stale)


@pytest.mark.parametrize("name", URL_NAMES)
def test_users_of_other_agencies_get_404(name, world, client):
    case = CASES.get(name)
    if case is None:
        pytest.fail(f"no isolation case for {name}")
    if isinstance(case, Exempt):
        pytest.skip(f"{name}: {case.reason}")
    url = reverse(name, kwargs=case(world.a, world))

    # Control: the URL is real, so a 404 below means refusal, not a wrong URL.
    client.force_login(world.superuser)
    assert client.get(url).status_code != 404, f"{name}: the case builds a URL that does not exist ({url})"

    for user in world.strangers_of_a:
        client.force_login(user)
        got = client.get(url).status_code
        assert got == 404, f"{name}: GET {url} as {user.username} gave {got}, not 404"
        got = client.post(url, {"roles": ["clerk"], "username": "x"}).status_code
        assert got == 404, f"{name}: POST {url} as {user.username} gave {got}, not 404"


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_is_sent_to_login(name, world, client):
    case = CASES.get(name)
    if case is None or isinstance(case, Exempt):
        pytest.skip("covered elsewhere")
    url = reverse(name, kwargs=case(world.a, world))
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_index_lists_own(world, client):
    client.force_login(world.stranger)
    body = client.get(reverse("staff:index")).content.decode()
    assert world.b.name in body
    assert world.a.name not in body and world.a.code not in body
