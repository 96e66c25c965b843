"""Helpers for the tests of pages: what a page shows, and what it must no longer show (the
English tests check both: the translation is there and the Chinese source is gone)."""


def assert_shown(body: str, *texts: str) -> None:
    missing = [t for t in texts if t not in body]
    assert not missing, f"not on the page: {missing}"


def assert_not_shown(body: str, *texts: str) -> None:
    present = [t for t in texts if t in body]
    assert not present, f"still on the page: {present}"
