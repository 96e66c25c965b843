"""The to-do desk: what needs action, per agency. Apps add their kinds of work in
``AppConfig.ready()``::

    from gongkai.agencies.dashboard import register_todos
    register_todos("catalogue", catalogue_todos, order=30)

A provider is ``function(agencies, today) -> {agency pk: [Todo, ...]}`` over a list of agencies the
user may read; it reads its counts with one aggregated query per kind for all of them (a
supervisor's desk covers a whole county), never one query per agency or per item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

_PROVIDERS: dict[str, tuple[int, Callable]] = {}


@dataclass(frozen=True)
class Todo:
    key: str  # e.g. "applications.unconfirmed"
    label: str  # what the work is, translated
    url: str  # the filtered list (or the item) where it is done
    count: int | None = None  # None: a state rather than a number (the annual report)
    note: str = ""  # e.g. the deadline, translated
    urgent: bool = False  # overdue or ending: shown first and marked
    done: bool = False  # a state with nothing left to do (the report is published)

    @property
    def pending(self) -> bool:
        """Something to do: a non-zero count, or a state that still needs work."""
        return bool(self.count) if self.count is not None else not self.done


def register_todos(name: str, provider: Callable, order: int = 50) -> None:
    _PROVIDERS[name] = (order, provider)


def todos_for(agencies: Sequence, today: date) -> dict[int, list[Todo]]:
    """Each agency's to-dos (urgent first, then in the apps' order), keyed by agency pk."""
    out: dict[int, list[Todo]] = {agency.pk: [] for agency in agencies}
    if not out:
        return out
    for _order, provider in sorted(_PROVIDERS.values(), key=lambda item: item[0]):
        for pk, todos in provider(list(agencies), today).items():
            out[pk].extend(todos)
    for todos in out.values():
        todos.sort(key=lambda t: not t.urgent)  # stable: the apps' order within each group
    return out
