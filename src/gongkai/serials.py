"""Taking the next number of a sequence: the one allocator of every serial the platform hands out
(申请编号 and each 文号 series in gongkai.applications, 索引号 in gongkai.catalogue).

Each app keeps its own counter table (a model with a ``last`` field and a unique constraint over
the fields that name a sequence); this module is how any of them is advanced. No app imports.
"""

from __future__ import annotations

from django.db import IntegrityError, models, transaction


def next_serial(counters: type[models.Model], **sequence) -> int:
    """Take the next serial of the sequence that ``sequence`` (field=value) names in ``counters``.
    Run it inside the caller's transaction (``select_for_update`` refuses to run outside one), so
    a number is spent only if the caller's change is saved.

    The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) before the value is read,
    so two concurrent transactions never read the same value; in the usual case it is the only
    write. A sequence's row is made when the UPDATE finds none; when a concurrent transaction made
    it first, the unique constraint refuses the second and that one simply advances the existing row.
    """
    row = counters.objects.filter(**sequence)
    if not row.update(last=models.F("last") + 1):  # the sequence's first number: make its row
        try:
            with transaction.atomic():
                counters.objects.create(**sequence, last=0)
        except IntegrityError:
            pass  # created meanwhile by another transaction
        row.update(last=models.F("last") + 1)
    return row.select_for_update().get().last
