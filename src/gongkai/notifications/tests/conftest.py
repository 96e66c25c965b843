import pytest

from gongkai.agencies.testing import world  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def _mail_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GONGKAI_SITE_URL = "https://gk.example.gov.cn"


@pytest.fixture
def huey_now():
    """huey runs each task as it is enqueued (in memory), as the worker would."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = False
