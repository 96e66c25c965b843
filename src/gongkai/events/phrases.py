"""The event log in words: one verb phrase per action code, so the pages say "张三 确认收到申请"
rather than ``applications.confirm_receipt``.

The apps that write the actions own their phrases and register them in ``AppConfig.ready()``
(the log sits below them and imports none of them)::

    from gongkai.events.phrases import register
    register({"catalogue.entry.create": gettext_noop("新建目录条目")})

A phrase is a Chinese msgid (marked with ``gettext_noop``, or a lazy translation); it is translated
when shown. A code nobody registered still reads as a sentence, naming the code.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext

_PHRASES: dict[str, object] = {}
_PUBLIC_PHRASES: dict[str, object] = {}


def register(phrases: Mapping[str, object], *, public: bool = False) -> None:
    """Add or replace the phrases of some action codes. ``public``: the wording when the public
    takes the step themselves (staff "收到补正材料", the applicant "在网上提交补正材料")."""
    (_PUBLIC_PHRASES if public else _PHRASES).update(phrases)


def registered() -> frozenset[str]:
    return frozenset(_PHRASES)


def phrase(action: str, public: bool = False) -> str:
    """The verb phrase of ``action`` in the current language (``public``: taken by the public)."""
    known = (_PUBLIC_PHRASES.get(action) if public else None) or _PHRASES.get(action)
    if known is None:
        return gettext("进行了操作（%(code)s）") % {"code": action}
    return gettext(str(known))


def by_public(event) -> bool:
    """Whether the public took this step (logged with a role word such as 申请人, no account)."""
    return not event.actor_id and bool(event.actor_name)


def actor_display(event) -> str:
    """The actor's name as people know it (full name when set, else the login), the public's role
    word (申请人), or 系统."""
    if by_public(event):
        return gettext(event.actor_name)
    actor = event.actor if event.actor_id else None
    if actor is not None:
        name = actor.get_full_name().strip()
        if name:
            return name
    return event.actor_name or gettext("系统")
