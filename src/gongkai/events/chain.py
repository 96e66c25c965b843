"""The event log as a hash chain: each event's digest covers its own content and the digest of the
event before it, so changing, removing or inserting a row anywhere breaks every digest after it
(``gongkai audit verify``). The chain's head (last number and digest) is kept in one row, which
also serialises writers: the UPDATE that advances it takes the row lock on PostgreSQL and the
write lock on SQLite before the previous digest is read."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC

GENESIS = "0" * 64  # the "previous digest" of the first event
CONTENT_FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "agency_id",
    "action",
    "subject_type",
    "subject_id",
    "subject_label",
    "before",
    "after",
    "note",
)


def _canonical(value):
    if hasattr(value, "astimezone"):  # a datetime: one spelling whatever the database returns
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def content_of(event, encoder: type[json.JSONEncoder]) -> dict:
    """The fields of ``event`` the digest covers, as the database will give them back: JSON
    values encoded with the field's ``encoder`` and decoded again."""
    content = {name: getattr(event, name) for name in CONTENT_FIELDS}
    for name in ("before", "after"):
        if content[name] is not None:
            content[name] = json.loads(json.dumps(content[name], cls=encoder))
    return content


def digest(previous: str, seq: int, content: dict) -> str:
    """sha256 over the previous digest, the event's number and its content (sorted-key JSON)."""
    body = json.dumps(
        {"seq": seq, **{name: _canonical(content[name]) for name in CONTENT_FIELDS}},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(f"{previous}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where the chain stops holding, in words for the person running the check."""

    seq: int | None
    event_id: int | None
    problem_zh: str
    problem_en: str


@dataclass(frozen=True)
class Verdict:
    checked: int
    head_seq: int
    head_digest: str
    breaks: tuple[Break, ...]

    @property
    def intact(self) -> bool:
        return not self.breaks


def verify(rows: Iterator[dict], head_seq: int, head_digest: str, limit: int = 20) -> Verdict:
    """Walk ``rows`` (dicts with id, seq, digest and CONTENT_FIELDS, in seq order) and the head.

    Reports at most ``limit`` breaks: after the first, the rest are usually its consequences."""
    breaks: list[Break] = []
    previous, expected_seq, checked = GENESIS, 1, 0
    for row in rows:
        checked += 1
        seq = row["seq"]
        if seq != expected_seq:
            if seq > expected_seq:
                breaks.append(
                    Break(
                        seq,
                        row["id"],
                        f"第 {expected_seq}–{seq - 1} 条记录缺失（被删除）",
                        f"events {expected_seq}–{seq - 1} are missing (deleted)",
                    )
                )
            else:
                breaks.append(Break(seq, row["id"], f"第 {seq} 条记录重复出现", f"event {seq} appears twice"))
        if digest(previous, seq, row) != row["digest"]:
            breaks.append(
                Break(
                    seq,
                    row["id"],
                    f"第 {seq} 条记录（编号 {row['id']}）的内容与其校验值不符：记录被修改，或前一条记录被改动",
                    f"event {seq} (id {row['id']}) does not match its digest: it or the one before was changed",
                )
            )
        previous, expected_seq = row["digest"], seq + 1
        if len(breaks) >= limit:
            break
    else:
        if checked and (head_seq != expected_seq - 1 or head_digest != previous):
            breaks.append(
                Break(
                    None,
                    None,
                    f"最后一条记录为第 {expected_seq - 1} 条，但链头记为第 {head_seq} 条：末尾的记录被删除或链头被改动",
                    f"the last event is number {expected_seq - 1} but the head says {head_seq}: "
                    "events were removed from the end, or the head was changed",
                )
            )
        elif not checked and head_seq:
            breaks.append(
                Break(
                    None,
                    None,
                    f"链头记有 {head_seq} 条记录，但记录表为空：记录被全部删除",
                    f"the head counts {head_seq} events but the log is empty: every event was removed",
                )
            )
    return Verdict(checked, head_seq, head_digest, tuple(breaks))
