"""The demo loader builds 示例县 (the catalogue part is skipped here to stay fast)."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from gongkai.agencies.access import agencies_for
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.annual.model import AgencyKind
from gongkai.cli import demo


@pytest.fixture
def loaded(db):
    lines = []
    logins = demo.load_demo(with_catalogue=False, log=lines.append)
    return logins, lines


def test_loads_the_county(loaded):
    logins, lines = loaded
    assert "示例县" in lines[0]
    gov = Agency.objects.get(name="示例县人民政府")
    assert gov.kind == AgencyKind.GOVERNMENT.value and gov.parent is None
    office = Agency.objects.get(is_supervising_office=True)
    assert office.name == "示例县人民政府办公室" and office.parent == gov
    kinds = list(Agency.objects.values_list("kind", flat=True))
    assert kinds.count("department") >= 9 and kinds.count("township") >= 3
    for agency in Agency.objects.all():
        assert agency.office_name and agency.office_phone and agency.office_email and agency.office_address
        agency.full_clean()


def test_every_role_has_a_login(loaded):
    logins, _ = loaded
    roles = {m.role for m in Membership.objects.all()}
    assert roles == set(Role.values)
    names = {login.username for login in logins}
    assert {"zhuanyuan_jyj", "shenhe_jyj", "admin_jyj", "jiandu_xzfb", "admin"} <= names
    request = RequestFactory().post("/accounts/login/")
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    for login in logins[:3]:
        assert authenticate(request, username=login.username, password=login.password) is not None


def test_supervisor_sees_the_county(loaded):
    from django.contrib.auth import get_user_model

    supervisor = get_user_model().objects.get(username="jiandu_xzfb")
    assert agencies_for(supervisor).count() == Agency.objects.count()
    clerk = get_user_model().objects.get(username="zhuanyuan_jyj")
    assert list(agencies_for(clerk).values_list("code", flat=True)) == ["sfx-jyj"]


def test_refuses_a_second_load(loaded):
    with pytest.raises(RuntimeError, match="空数据库"):
        demo.load_demo(with_catalogue=False)


def test_logins_are_printed(loaded):
    text = demo.format_logins()
    assert "jiandu_xzfb" in text and demo.STAFF_PASSWORD in text and "admin" in text


def test_postgresql_database_has_a_utf8_ctype(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT datctype, pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"
        )
        ctype, encoding = cursor.fetchone()
    assert encoding == "UTF8" and ctype.replace("-", "").lower().endswith("utf8"), (ctype, encoding)
