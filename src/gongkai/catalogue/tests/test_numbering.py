"""索引号: generated from the agency's pattern, unique, never handed out twice."""

import threading
import time
from datetime import date

import pytest
from django.db import connection

from gongkai.catalogue import services, workflow
from gongkai.catalogue.errors import CatalogueError
from gongkai.catalogue.models import Entry, IndexCounter
from gongkai.catalogue.testing import make_entry


def _new(world, **kw):
    data = {"title": "测试条目", "category": "A01", "created_date": date(2024, 5, 6), **kw}
    return services.create_entry(world.clerk_a, world.a, **data)


def test_default_pattern(world):
    e = _new(world, category="A07")
    assert e.index_no == "t-a-A07-2024-00001"
    assert _new(world, category="A07").index_no == "t-a-A07-2024-00002"
    # One counter per agency and year, shared by the categories.
    assert _new(world, category="A05").index_no == "t-a-A05-2024-00003"
    assert _new(world, created_date=date(2025, 1, 2)).index_no == "t-a-A01-2025-00001"


def test_agencies_count_separately(world):
    services.create_entry(
        world.stranger, world.b, title="财政", category="A07", created_date=date(2024, 5, 6)
    )
    assert _new(world).index_no.endswith("-00001")


def test_deleted_number_is_never_reused(world):
    first = _new(world)
    number = first.index_no
    services.delete_entry(world.clerk_a, first)
    assert not Entry.objects.filter(index_no=number).exists()
    again = _new(world)
    assert again.index_no != number
    assert again.index_no.endswith("-00002")


def test_withdrawn_number_stays_taken(world):
    e = _new(world)
    workflow.submit(world.clerk_a, e)
    workflow.publish(world.reviewer_a, e, today=date(2024, 5, 7))
    workflow.withdraw(world.reviewer_a, e, "内容有误")
    assert Entry.objects.get(pk=e.pk).index_no == e.index_no
    assert _new(world).index_no.endswith("-00002")


def test_category_change_takes_a_new_number(world):
    e = _new(world, category="A01")
    old = e.index_no
    e = services.update_entry(world.clerk_a, e, category="A07")
    assert e.index_no == "t-a-A07-2024-00002" and e.index_no != old
    # Editing anything else keeps the number.
    assert services.update_entry(world.clerk_a, e, title="新名称").index_no == e.index_no


def test_number_taken_by_hand_is_skipped(world):
    make_entry(world.a, "手工录入", category="A01", created_date=date(2024, 1, 1))  # takes 00001
    Entry.objects.filter(agency=world.a).update(index_no="t-a-A01-2024-00002")  # as an import might
    assert _new(world).index_no == "t-a-A01-2024-00003"


def test_custom_pattern(world):
    services.save_index_pattern(world.admin_a, world.a, "{agency_code}/{year}-{serial:04d}")
    assert _new(world).index_no == "t-a/2024-0001"


@pytest.mark.parametrize(
    "pattern",
    [
        "{year}-{serial}",
        "{agency_code}-{serial}",
        "{agency_code}-{year}",
        "{agency_code}-{year}-{serial}-{x}",
        "{",
    ],
)
def test_bad_patterns_refused(world, pattern):
    with pytest.raises(CatalogueError) as err:
        services.save_index_pattern(world.admin_a, world.a, pattern)
    assert err.value.field == "index_pattern"
    assert "索引号格式" in err.value.message


@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_gives_distinct_numbers(world):
    """Threads with their own connections create entries at once; every number is distinct and
    the counter ends at the number of entries created."""
    errors, numbers = [], []
    lock = threading.Lock()
    start = threading.Barrier(6)

    def worker(n):
        try:
            start.wait()
            for i in range(5):
                for attempt in range(200):
                    try:
                        e = _new(world, title=f"并发 {n}-{i}")
                        break
                    except Exception as exc:
                        # SQLite's shared-cache in-memory test DB reports a busy table at once instead
                        # of waiting; the transaction was rolled back, so trying again is safe.
                        if "locked" not in str(exc):
                            raise
                        time.sleep(0.002 * (1 + attempt % 10))
                else:
                    raise RuntimeError("still locked")
                with lock:
                    numbers.append(e.index_no)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(numbers) == 30 and len(set(numbers)) == 30
    assert IndexCounter.objects.get(agency=world.a, year=2024).last == 30
