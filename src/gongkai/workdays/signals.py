"""What the calendar tells the apps that keep deadlines computed from it.

The calendar never imports those apps: they connect a receiver to ``calendar_changed``, which
is sent inside the edit's transaction, and answer with the list of ``Moved`` items they
recomputed (the edit's message and event log name them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

# Sent with actor, note (what changed, in words) and years (the calendar years touched).
calendar_changed = Signal()


@dataclass(frozen=True)
class Moved:
    """One thing whose deadline the edit moved, by its own reference (e.g. a tracking number)."""

    reference: str
    before: str | None
    after: str | None
