"""Login: argon2 hashes, lockout after repeated failures, CSRF enforced."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.agencies.testing import make_user

User = get_user_model()
PASSWORD = "Chun-feng-2026-gk"


def test_argon2_is_the_hasher(db):
    from gongkai.web import settings as configured

    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    user = make_user("argon", password=PASSWORD)
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


def test_login_and_logout(world, client):
    world.clerk_a.set_password(PASSWORD)
    world.clerk_a.save()
    response = client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("staff:index")
    assert "示例县教育局" in client.get(reverse("staff:index")).content.decode()
    assert client.get(reverse("logout")).status_code == 405  # logout only by POST
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("staff:index")).status_code == 302


def test_wrong_password_message_is_chinese(world, client):
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "nope"})
    assert response.status_code == 200
    assert "请输入一个正确的用户名和密码" in response.content.decode()


def test_lockout_after_five_failures(world, client):
    world.clerk_a.set_password(PASSWORD)
    world.clerk_a.save()
    url = reverse("login")
    for _ in range(4):
        assert client.post(url, {"username": "clerk_a", "password": "wrong"}).status_code == 200
    response = client.post(url, {"username": "clerk_a", "password": "wrong"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    # now even the right password is refused, from this address
    response = client.post(url, {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # another address is not locked out (lock is per username + address)
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(url, {"username": "clerk_a", "password": PASSWORD}).status_code == 302
    # another username from the locked address is not locked either
    world.clerk_b.set_password(PASSWORD)
    world.clerk_b.save()
    assert client.post(url, {"username": "clerk_b", "password": PASSWORD}).status_code == 302


def test_csrf_is_enforced(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin_a)
    url = reverse("staff:person_add", args=[world.a.code])
    response = client.post(url, {"username": "x", "full_name": "x", "roles": [Role.CLERK]})
    assert response.status_code == 403
    assert "安全校验" in response.content.decode()
    login = Client(enforce_csrf_checks=True)
    assert login.post(reverse("login"), {"username": "a", "password": "b"}).status_code == 403


def test_admin_site_is_for_superusers_only(world, client):
    client.force_login(world.admin_a)
    assert client.get("/admin/").status_code == 302  # to the admin login
    client.force_login(world.superuser)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/events/event/").status_code == 200


def test_secure_cookie_flags():
    from gongkai.web import settings as configured

    assert configured.SESSION_COOKIE_HTTPONLY and configured.CSRF_COOKIE_HTTPONLY
    assert configured.SESSION_COOKIE_SAMESITE == "Lax" and configured.X_FRAME_OPTIONS == "DENY"


def test_language_defaults_to_chinese_and_english_can_be_chosen(world, client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert '<html lang="zh-Hans">' in response.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    response = client.get(reverse("login"))
    assert '<html lang="en">' in response.content.decode()


def test_english_pages_are_translated(world, client):
    client.cookies["django_language"] = "en"
    client.force_login(world.admin_a)
    body = client.get(reverse("staff:person_add", args=[world.a.code])).content.decode()
    assert "Add a staff member" in body and "Skip to content" in body
    response = client.post(reverse("staff:person_add", args=[world.a.code]), {"username": "clerk_b"})
    assert "This username is taken; please choose another." in response.content.decode()
