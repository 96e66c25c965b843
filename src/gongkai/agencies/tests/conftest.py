import pytest

from gongkai.agencies.testing import fast_password_hashing, world  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Files a test saves (attachments through the isolation matrix, letters) go to a throwaway folder,
    # never into var/.
    settings.MEDIA_ROOT = tmp_path / "media"
