"""Test helpers for the catalogue (used by its tests, the portal's and the browser tests)."""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction

from gongkai.events.services import record

from .models import DisclosureMode, DocType, Entry, Status, Validity
from .numbering import allocate_index_no
from .search import segmented_fields
from .workflow import publication_lag


@transaction.atomic
def make_entry(
    agency,
    title: str = "关于印发《示例县政府信息公开工作实施方案》的通知",
    *,
    status: str = Status.DRAFT,
    category: str = "A01",
    created_date: date = date(2024, 3, 1),
    publish_date: date | None = None,
    summary: str = "",
    body: str = "",
    doc_type: str = DocType.ORDINARY,
    validity: str = Validity.VALID,
    invalid_date: date | None = None,
    disclosure: str = DisclosureMode.PROACTIVE,
    **fields,
) -> Entry:
    """An entry in any state, bypassing the workflow (fixtures only; the workflow has its own tests)."""
    if status == Status.PUBLISHED and publish_date is None:
        publish_date = created_date
    entry = Entry(
        agency=agency,
        title=title,
        summary=summary,
        body=body,
        status=status,
        category=category,
        created_date=created_date,
        publish_date=publish_date,
        doc_type=doc_type,
        validity=validity,
        invalid_date=invalid_date,
        disclosure=disclosure,
        issuer=fields.pop("issuer", agency.name),
        index_no=allocate_index_no(agency, category, created_date.year),
        **fields,
    )
    if publish_date:
        entry.publish_lag, entry.late = publication_lag(created_date, publish_date)
    for key, value in segmented_fields(title, summary, body, entry.doc_number, entry.keywords).items():
        setattr(entry, key, value)
    entry.save()
    record(None, "catalogue.entry.fixture", entry, None, {"status": status})
    return entry


def unmarked(response) -> str:
    """A response's HTML without the ``<mark>`` tags of search hits, to assert on the text shown."""
    return re.sub(r"</?mark>", "", response.content.decode())
