"""People management by the 机构管理员: add, change roles, deactivate; bad input changes nothing."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from gongkai.agencies.models import Membership, Role
from gongkai.events.models import Event

User = get_user_model()
GOOD = {
    "username": "liming_jyj",
    "full_name": "李明",
    "email": "liming@example.org",
    "roles": [Role.CLERK, Role.REVIEWER],
    "password1": "Qiu-shui-2026-gk",
    "password2": "Qiu-shui-2026-gk",
}


def add_url(world):
    return reverse("staff:person_add", args=[world.a.code])


def test_admin_adds_a_person(world, client):
    client.force_login(world.admin_a)
    response = client.post(add_url(world), GOOD)
    assert response.status_code == 302
    user = User.objects.get(username="liming_jyj")
    assert user.first_name == "李明"
    assert user.password.startswith("argon2$")
    assert set(Membership.objects.filter(user=user, agency=world.a).values_list("role", flat=True)) == {
        "clerk",
        "reviewer",
    }
    event = Event.objects.get(action="agencies.person.add")
    assert event.actor == world.admin_a and event.agency == world.a
    assert event.after["roles"] == ["clerk", "reviewer"] and "password" not in str(event.after)
    people = client.get(reverse("staff:people", args=[world.a.code])).content.decode()
    assert "liming_jyj" in people and "信息公开专员、审核人" in people


def _errors(response):
    return {name: [str(e) for e in errs] for name, errs in response.context["form"].errors.items()}


def test_duplicate_username_is_refused_in_chinese(world, client):
    client.force_login(world.admin_a)
    response = client.post(add_url(world), {**GOOD, "username": "CLERK_B"})  # case-insensitive
    assert response.status_code == 200
    assert _errors(response)["username"] == ["该用户名已被使用，请换一个。"]
    assert "提交的内容有误" in response.content.decode()
    assert not Event.objects.exists()


def test_weak_and_mismatched_passwords_are_refused(world, client):
    client.force_login(world.admin_a)
    before = User.objects.count()
    response = client.post(add_url(world), {**GOOD, "password1": "12345678", "password2": "12345678"})
    errors = _errors(response)["password1"]
    assert "密码太短，至少需要 10 个字符。" in errors and "密码只包含数字。" in errors, errors
    response = client.post(add_url(world), {**GOOD, "password2": "something-else-2026"})
    assert _errors(response)["password2"] == ["两次输入的密码不一致。"]
    response = client.post(add_url(world), {**GOOD, "roles": [], "full_name": "", "email": "not-an-email"})
    errors = _errors(response)
    assert errors["roles"] == ["请至少选择一个角色。"]
    assert errors["full_name"] == ["这个字段是必填项。"]
    assert errors["email"] == ["输入一个有效的 Email 地址。"]
    response = client.post(add_url(world), {**GOOD, "roles": ["emperor"]})
    assert "emperor" in _errors(response)["roles"][0] and "选择" in _errors(response)["roles"][0]
    assert (
        User.objects.count() == before and not Membership.objects.filter(user__username="liming_jyj").exists()
    )


def test_change_roles_and_deactivate(world, client):
    client.force_login(world.admin_a)
    url = reverse("staff:person_edit", args=[world.a.code, world.clerk_a.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"roles": [Role.REVIEWER]}).status_code == 302
    assert list(Membership.objects.active().filter(user=world.clerk_a).values_list("role", flat=True)) == [
        "reviewer"
    ]
    event = Event.objects.get(action="agencies.person.roles")
    assert event.before == {"roles": ["clerk"]} and event.after == {"roles": ["reviewer"]}

    response = client.post(url, {"roles": []})
    assert response.status_code == 200 and _errors(response)["roles"] == ["请至少选择一个角色。"]

    deactivate = reverse("staff:person_deactivate", args=[world.a.code, world.clerk_a.pk])
    assert client.get(deactivate).status_code == 405
    assert client.post(deactivate).status_code == 302
    world.clerk_a.refresh_from_db()
    assert not world.clerk_a.is_active  # no role left anywhere: cannot log in
    assert not Membership.objects.active().filter(user=world.clerk_a).exists()
    # giving a role again reactivates the login
    client.post(url, {"roles": [Role.CLERK]})
    world.clerk_a.refresh_from_db()
    assert world.clerk_a.is_active


def test_deactivate_keeps_roles_elsewhere(world, client):
    Membership.objects.create(user=world.clerk_a, agency=world.b, role=Role.CLERK)
    client.force_login(world.admin_a)
    client.post(reverse("staff:person_deactivate", args=[world.a.code, world.clerk_a.pk]))
    world.clerk_a.refresh_from_db()
    assert world.clerk_a.is_active
    assert list(
        Membership.objects.active().filter(user=world.clerk_a).values_list("agency__code", flat=True)
    ) == ["t-b"]


def test_admin_cannot_lock_themselves_out(world, client):
    client.force_login(world.admin_a)
    url = reverse("staff:person_edit", args=[world.a.code, world.admin_a.pk])
    response = client.post(url, {"roles": [Role.CLERK]})
    assert "不能取消自己的机构管理员角色" in _errors(response)["roles"][0]
    client.post(reverse("staff:person_deactivate", args=[world.a.code, world.admin_a.pk]))
    world.admin_a.refresh_from_db()
    assert world.admin_a.is_active


def test_admin_cannot_touch_people_of_other_agencies(world, client):
    client.force_login(world.admin_a)
    # clerk_b exists, but not in A: same 404 as a user id that does not exist
    assert client.get(reverse("staff:person_edit", args=[world.a.code, world.clerk_b.pk])).status_code == 404
    assert client.get(reverse("staff:person_edit", args=[world.a.code, 999999])).status_code == 404
    assert (
        client.post(reverse("staff:person_deactivate", args=[world.a.code, world.clerk_b.pk])).status_code
        == 404
    )
    world.clerk_b.refresh_from_db()
    assert world.clerk_b.is_active


def test_settings_edit_is_logged(world, client):
    client.force_login(world.admin_a)
    url = reverse("staff:settings", args=[world.a.code])
    response = client.post(
        url, {"office_name": "教育局办公室", "office_postcode": "12345", "office_email": "x"}
    )
    errors = _errors(response)
    assert errors["office_postcode"] == ["邮政编码应为 6 位数字。"]
    assert "office_email" in errors
    world.a.refresh_from_db()
    assert world.a.office_name == ""
    response = client.post(url, {"office_name": "教育局办公室", "office_phone": "0999-1234567"})
    assert response.status_code == 302
    event = Event.objects.get(action="agencies.agency.settings")
    assert event.before == {"office_name": "", "office_phone": ""}
    assert event.after == {"office_name": "教育局办公室", "office_phone": "0999-1234567"}
    assert event.agency == world.a
