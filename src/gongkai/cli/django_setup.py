"""Setting Django up for the commands that use the platform's database."""

from __future__ import annotations

import os

SETTINGS = "gongkai.web.settings"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()
