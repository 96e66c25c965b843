"""The deployment switches in settings (docs/deploy.md): where uploaded files go and which cache
the servers share. There is no S3 server on the test machines, so for S3 only the switch of
storage class and its options is checked here, not an upload."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .live import ROOT

pytestmark = pytest.mark.ops

PROBE = """
import json
from django.conf import settings
from django.core.files.storage import storages
media = storages["default"]
print(json.dumps({
    "storage": f"{type(media).__module__}.{type(media).__name__}",
    "bucket": getattr(media, "bucket_name", None),
    "endpoint": getattr(media, "endpoint_url", None),
    "acl": getattr(media, "default_acl", "n/a"),
    "cache_backend": settings.CACHES["default"]["BACKEND"],
}))
"""


def _settings(tmp_path, **env) -> dict:
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))},
        "GONGKAI_DATA": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
        "PYTHONPATH": str(ROOT / "src"),
        **env,
    }
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + PROBE],
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_files_on_local_disk_by_default(tmp_path):
    got = _settings(tmp_path)
    assert got["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert got["cache_backend"].endswith("LocMemCache")


def test_s3_storage_switch(tmp_path):
    pytest.importorskip("storages", reason="the s3 extra (django-storages, boto3) is not installed")
    got = _settings(
        tmp_path,
        GONGKAI_MEDIA_STORAGE="s3",
        GONGKAI_S3_BUCKET="xxgk-files",
        GONGKAI_S3_ENDPOINT="https://oss.example.gov.cn",
    )
    assert got["storage"] == "storages.backends.s3.S3Storage"
    assert got["bucket"] == "xxgk-files" and got["endpoint"] == "https://oss.example.gov.cn"
    assert got["acl"] is None  # private objects


def test_a_wrong_storage_or_cache_setting_stops_the_start(tmp_path):
    for env in ({"GONGKAI_MEDIA_STORAGE": "ftp"}, {"GONGKAI_CACHE_URL": "memcached://x"}):
        with pytest.raises(AssertionError, match="ImproperlyConfigured"):
            _settings(tmp_path, **env)


def test_redis_cache_switch(tmp_path):
    got = _settings(tmp_path, GONGKAI_CACHE_URL="redis://127.0.0.1:6379/13")
    assert got["cache_backend"] == "django.core.cache.backends.redis.RedisCache"
