"""Production settings pass Django's deployment checks; the security headers reach the browser."""

import os
import secrets
import subprocess
import sys

import pytest

CHECK = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('check', deploy=True, fail_level='WARNING')"
)


def production_env(tmp_path, **extra) -> dict:
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests' conftest for Playwright, never in production
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("GONGKAI_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        GONGKAI_DATA=str(tmp_path),
        DJANGO_SETTINGS_MODULE="gongkai.web.settings",
        GONGKAI_ENV="production",
        GONGKAI_SECRET_KEY=secrets.token_urlsafe(50),
        GONGKAI_FIELD_KEYS=secrets.token_urlsafe(32),
        GONGKAI_ALLOWED_HOSTS="xxgk.example.gov.cn",
    )
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def run(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    out = run(CHECK, production_env(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout


def test_check_deploy_warns_on_the_development_settings(tmp_path):
    """The check above is not vacuous: the development defaults (plain http) fail it."""
    env = production_env(tmp_path, GONGKAI_ENV=None, GONGKAI_FIELD_KEYS=None)
    out = run(CHECK, env)
    assert out.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016", "gongkai.E001"):
        assert code in out.stderr


def test_production_behind_a_tls_proxy_without_redirect_is_told(tmp_path):
    env = production_env(tmp_path, GONGKAI_SSL_REDIRECT="0")
    out = run(CHECK, env)
    assert out.returncode != 0 and "security.W008" in out.stderr


@pytest.mark.parametrize(
    "missing", ["GONGKAI_SECRET_KEY", "GONGKAI_FIELD_KEYS"], ids=["secret-key", "field-keys"]
)
def test_production_refuses_to_start_without_its_secrets(tmp_path, missing):
    env = production_env(tmp_path)
    env.pop(missing)
    out = run("import django; django.setup()", env)
    assert out.returncode != 0
    assert "ImproperlyConfigured" in out.stderr and missing in out.stderr


def test_production_refuses_debug(tmp_path):
    out = run("import django; django.setup()", production_env(tmp_path, GONGKAI_DEBUG="1"))
    assert out.returncode != 0 and "GONGKAI_DEBUG" in out.stderr


def test_production_values(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.DEBUG, "
        "s.SECURE_PROXY_SSL_HEADER)"
    )
    out = run(code, production_env(tmp_path, GONGKAI_HSTS_SECONDS="600", GONGKAI_TRUSTED_PROXY="127.0.0.1"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split(" ", 7) == [
        "600",
        "False",
        "True",
        "True",
        "True",
        "True",
        "False",
        "('HTTP_X_FORWARDED_PROTO', 'https')\n",
    ]


@pytest.mark.django_db
def test_security_headers_on_a_public_page(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
