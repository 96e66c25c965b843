import pytest

from gongkai.agencies.testing import fast_password_hashing, world  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _checker_dir(settings, tmp_path):
    # the uploaded files go to a throwaway folder, never into the data folder
    settings.GONGKAI_CHECKER_DIR = tmp_path / "checker"
