"""The English catalogues of every app: present for every app with pages, complete (no message
left untranslated or fuzzy, placeholders and HTML tags kept), compiled (the .mo in the repository
is the .po as it is now), and English at run time whichever app's catalogue supplies a message
(Django merges them; an app earlier in INSTALLED_APPS wins a message two apps have)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

import gongkai

from .pofile import compiled_matches, entries, problems

PACKAGE = Path(gongkai.__file__).parent
CJK = re.compile("[\u3400-\u9fff]")
APPS_WITH_PAGES = sorted(p.parent.name for p in PACKAGE.glob("*/templates"))
CATALOGUES = sorted(p.parents[3].name for p in PACKAGE.glob("*/locale/en/LC_MESSAGES/django.po"))


def _po(app: str) -> Path:
    return PACKAGE / app / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_app_with_pages_has_an_english_catalogue():
    assert "reports" in APPS_WITH_PAGES  # the discovery works
    missing = [
        app for app in APPS_WITH_PAGES if not _po(app).is_file() or not _po(app).with_suffix(".mo").is_file()
    ]
    assert missing == []


@pytest.mark.parametrize("app", CATALOGUES)
def test_every_message_is_translated(app):
    assert entries(_po(app))
    assert problems(_po(app)) == []


@pytest.mark.parametrize("app", CATALOGUES)
def test_the_compiled_catalogue_is_up_to_date(app):
    assert compiled_matches(_po(app)) == []


@pytest.mark.parametrize("app", CATALOGUES)
def test_every_message_is_english_at_run_time(app):
    with translation.override("en"):
        untranslated = [
            e.msgid
            for e in entries(_po(app))
            if e.msgid_plural is None
            and CJK.search(e.msgid)
            and (pgettext(e.msgctxt, e.msgid) if e.msgctxt else gettext(e.msgid)) == e.msgid
        ]
    assert untranslated == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("app", CATALOGUES)
def test_msgfmt_counts_nothing_untranslated(app, tmp_path):
    result = subprocess.run(
        [shutil.which("msgfmt"), "--check-format", "--statistics", "-o", tmp_path / "django.mo", _po(app)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
