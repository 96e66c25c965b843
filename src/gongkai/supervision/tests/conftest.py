import pytest

from gongkai.agencies.testing import fast_password_hashing, world  # noqa: F401  (fixtures)

from .fixtures import build_region


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def region(world):  # noqa: F811  (the fixture above)
    return build_region(world)
