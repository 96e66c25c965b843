import pytest

from gongkai.agencies.testing import world  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
