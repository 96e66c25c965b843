"""Reading an app's English catalogue (django.po and the compiled django.mo) for the checks of
``test_catalogues``: every message translated, nothing fuzzy, placeholders and HTML tags kept,
and the .mo compiled from the .po as it is now."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

PERCENT = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")
BRACE = re.compile(r"\{\w+(?::[^}]*)?\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid


def entries(po: Path) -> list[Entry]:
    """The messages of a .po file as makemessages and msgcat write them (the header left out)."""
    found: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] = ("msgid", 0)
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current is not None and current.msgid:
                found.append(current)
            current = None
            continue
        current = current or Entry()
        if line.startswith("#,"):
            current.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            target = ("msgstr", index)
            current.msgstr[index] = ast.literal_eval(line[line.index("]") + 2 :])
        else:
            keyword, _sep, rest = line.partition(" ")
            if keyword in ("msgid", "msgid_plural", "msgctxt", "msgstr"):
                target = (keyword, 0)
                value = ast.literal_eval(rest)
                if keyword == "msgstr":
                    current.msgstr[0] = value
                else:
                    setattr(current, keyword, value)
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if target[0] == "msgstr":
                    current.msgstr[target[1]] += value
                else:
                    setattr(current, target[0], getattr(current, target[0]) + value)
    return found


def problems(po: Path) -> list[str]:
    """What is wrong with the catalogue; empty when every message is translated properly."""
    out = []
    for e in entries(po):
        name = f"{e.msgctxt}|{e.msgid}" if e.msgctxt else e.msgid
        if "fuzzy" in e.flags:
            out.append(f"fuzzy: {name}")
        texts = list(e.msgstr.values())
        if not texts or not all(t.strip() for t in texts):
            out.append(f"untranslated: {name}")
            continue
        sources = [e.msgid] if e.msgid_plural is None else [e.msgid, e.msgid_plural]
        pattern = BRACE if "python-brace-format" in e.flags else PERCENT
        want_placeholders = sorted(set().union(*(pattern.findall(s) for s in sources)))
        want_tags = sorted(TAG.findall(e.msgid))
        for text in texts:
            if sorted(set(pattern.findall(text))) != want_placeholders:
                out.append(f"placeholders differ: {name} -> {text}")
            if sorted(TAG.findall(text)) != want_tags:
                out.append(f"HTML tags differ: {name} -> {text}")
    return out


def compiled_matches(po: Path) -> list[str]:
    """Messages whose compiled translation (django.mo beside the .po) is not the .po's."""
    with po.with_suffix(".mo").open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    stale = []
    wanted = {}
    for e in entries(po):
        msgid = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            wanted[msgid] = e.msgstr.get(0, "")
        else:
            for index, text in e.msgstr.items():
                wanted[(msgid, index)] = text
    for key, text in wanted.items():
        if catalog.get(key) != text:
            stale.append(str(key))
    extra = [str(k) for k in catalog if k and k not in wanted]
    return stale + [f"only in the .mo: {k}" for k in extra]
