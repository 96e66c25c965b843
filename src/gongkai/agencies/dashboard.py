"""Panels on an agency's dashboard. Apps add theirs in ``AppConfig.ready()``::

    from gongkai.agencies.dashboard import register_panel
    register_panel("catalogue", catalogue_panel, order=10)

A panel is ``function(request, agency, access) -> {"template": ..., **context} | None``;
None hides it (e.g. for a role that has nothing to do there).
"""

from __future__ import annotations

from collections.abc import Callable

_PANELS: dict[str, tuple[int, Callable]] = {}


def register_panel(name: str, panel: Callable, order: int = 50) -> None:
    _PANELS[name] = (order, panel)


def panels_for(request, agency, access) -> list[dict]:
    out = []
    for _order, panel in sorted(_PANELS.values(), key=lambda item: item[0]):
        result = panel(request, agency, access)
        if result:
            out.append(result)
    return out
