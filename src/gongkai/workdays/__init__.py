"""The working calendar (工作日历), one for every app that counts working days.

``counting`` is plain Python (no Django): the ``WorkCalendar`` arithmetic, importable by the CLI
without a database. The Django app around it keeps the editable holiday/调休 table (``models``),
its edits and imports (``services``), the staff screen (``views``) and the ``calendar_changed``
signal that apps holding computed deadlines listen to (``signals``).
"""

from .counting import *  # noqa: F403  (the counting API, as listed in its __all__)
from .counting import __all__ as __all__
