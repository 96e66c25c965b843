"""Catalogue writes of more than one step: entries created, edited and deleted with their 索引号, and
an agency's catalogue settings. Each public function is one transaction: the change, its 索引号 and
its event-log record are saved together or not at all. Views validate forms; these functions
enforce the rules again (states, roles, categories), so no caller can bypass them. The state
changes are in ``workflow``, attachments in ``attachments``.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.models import Role
from gongkai.events.services import changed, record, snapshot

from . import cache, rules
from .attachments import remove_files
from .errors import CatalogueError
from .models import AgencySettings, Entry, OwnCategory, Status, Synonym
from .numbering import allocate_index_no, validate_index_pattern
from .queries import categories_for
from .search import segmented_fields
from .search.synonyms import MAX_TERM_CHARS, MAX_TERMS, split_terms
from .workflow import EDITABLE_FIELDS, EDITABLE_STATES, LOGGED_FIELDS, check_validity, locked, require_role


def _clean_fields(agency, data: dict) -> dict:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise CatalogueError(f"unknown fields: {sorted(unknown)}")
    data = dict(data)
    for key in ("title", "summary", "doc_number", "issuer", "keywords", "body"):
        if key in data:
            data[key] = (data[key] or "").strip()
    if "title" in data and not data["title"]:
        raise CatalogueError(_("请填写名称。"), "title")
    if "category" in data and data["category"] not in {c.code for c in categories_for(agency)}:
        raise CatalogueError(_("请选择本机构适用的主题分类。"), "category")
    if "created_date" in data and not data["created_date"]:
        raise CatalogueError(_("请填写生成日期。"), "created_date")
    return data


def _reindex(entry: Entry) -> None:
    for key, value in segmented_fields(
        entry.title, entry.summary, entry.body, entry.doc_number, entry.keywords
    ).items():
        setattr(entry, key, value)


@transaction.atomic
def create_entry(actor, agency, **fields) -> Entry:
    require_role(actor, agency, Role.CLERK)
    data = _clean_fields(agency, fields)
    for required in ("title", "category", "created_date"):
        if not data.get(required):
            raise CatalogueError(_("请填写此项。"), required)
    entry = Entry(agency=agency, created_by=actor if getattr(actor, "pk", None) else None, **data)
    if not entry.issuer:
        entry.issuer = agency.name
    check_validity(entry)
    entry.index_no = allocate_index_no(agency, entry.category, entry.created_date.year)
    _reindex(entry)
    entry.save()
    record(actor, "catalogue.entry.create", entry, None, snapshot(entry, LOGGED_FIELDS))
    return entry


@transaction.atomic
def update_entry(actor, entry: Entry, **fields) -> Entry:
    """Edit a draft or a returned entry; a returned entry goes back to draft (event ``revise``).

    A new 索引号 is taken when the category or the year of 生成日期 changes, so the number keeps
    telling the truth; the old number is burnt, not reused.
    """
    entry = locked(entry)
    require_role(actor, entry.agency, Role.CLERK)
    if entry.status not in EDITABLE_STATES:
        raise CatalogueError(_("只有草稿或已退回的条目可以修改。"))
    data = _clean_fields(entry.agency, fields)
    before = snapshot(entry, LOGGED_FIELDS)
    old_key = (entry.category, entry.created_date.year)
    for key, value in data.items():
        setattr(entry, key, value)
    if not entry.issuer:
        entry.issuer = entry.agency.name
    check_validity(entry)
    if (entry.category, entry.created_date.year) != old_key:
        entry.index_no = allocate_index_no(entry.agency, entry.category, entry.created_date.year)
    if entry.status == Status.RETURNED:
        entry.status = Status.DRAFT
    _reindex(entry)
    entry.save()
    b, a = changed(before, snapshot(entry, LOGGED_FIELDS))
    record(actor, "catalogue.entry.update", entry, b, a)
    return entry


@transaction.atomic
def delete_entry(actor, entry: Entry) -> None:
    """Delete a never-published entry. Its 索引号 stays burnt (the counter never goes back)."""
    entry = locked(entry)
    require_role(actor, entry.agency, Role.CLERK)
    if entry.status not in EDITABLE_STATES:
        raise CatalogueError(_("只有草稿或已退回的条目可以删除；已发布的条目请撤回。"))
    files = [a.file.name for a in entry.attachments.all()]
    record(actor, "catalogue.entry.delete", entry, snapshot(entry, LOGGED_FIELDS), None)
    entry.delete()
    transaction.on_commit(lambda: remove_files(files))


# --------------------------------------------------------------------------- agency settings


@transaction.atomic
def save_index_pattern(actor, agency, pattern: str) -> AgencySettings:
    require_role(actor, agency, Role.AGENCY_ADMIN)
    pattern = (pattern or "").strip()
    validate_index_pattern(pattern)
    row, _created = AgencySettings.objects.select_for_update().get_or_create(agency=agency)
    before = {"index_pattern": row.index_pattern}
    row.index_pattern = pattern
    row.save()
    record(actor, "catalogue.settings.update", agency, before, {"index_pattern": pattern}, agency=agency)
    return row


@transaction.atomic
def add_own_category(actor, agency, code: str, label: str) -> OwnCategory:
    require_role(actor, agency, Role.AGENCY_ADMIN)
    code, label = code.strip().upper(), label.strip()
    if (
        rules.statutory_category(code) is not None
        or OwnCategory.objects.filter(agency=agency, code=code).exists()
    ):
        raise CatalogueError(_("该分类代码已被使用。"), "code")
    cat = OwnCategory.objects.create(agency=agency, code=code, label=label)
    record(actor, "catalogue.category.add", agency, None, {"code": code, "label": label}, agency=agency)
    return cat


def _may_edit_synonyms(actor, agency, site_wide: bool) -> None:
    # Site-wide groups change every agency's search: site administrators only.
    if site_wide and not getattr(actor, "is_superuser", False):
        raise CatalogueError(_("只有系统管理员可以修改全站通用的同义词。"))
    require_role(actor, agency, Role.AGENCY_ADMIN)


@transaction.atomic
def add_synonym(actor, agency, text: str, site_wide: bool = False) -> Synonym:
    """A group of search synonyms for ``agency`` (or the whole site) from the terms in ``text``."""
    _may_edit_synonyms(actor, agency, site_wide)
    terms = split_terms(text)
    if len(terms) < 2:
        raise CatalogueError(_("请至少填写两个词，用空格或逗号分开。"), "terms")
    if len(terms) > MAX_TERMS:
        raise CatalogueError(_("一组最多 %(n)s 个词。") % {"n": MAX_TERMS}, "terms")
    for term in terms:
        if len(term) > MAX_TERM_CHARS:
            raise CatalogueError(
                _("“%(term)s”太长：每个词最多 %(n)s 个字。") % {"term": term[:40], "n": MAX_TERM_CHARS},
                "terms",
            )
        if not any(ch.isalnum() for ch in term):
            raise CatalogueError(_("“%(term)s”没有可检索的文字。") % {"term": term}, "terms")
    scope = Synonym.objects.filter(agency=None if site_wide else agency)
    wanted = set(terms)
    if any(set(row.term_list()) == wanted for row in scope):
        raise CatalogueError(_("这组同义词已经有了。"), "terms")
    row = Synonym.objects.create(
        agency=None if site_wide else agency, terms=" ".join(terms), created_by=actor
    )
    record(
        actor, "catalogue.synonym.add", row, None, {"terms": row.terms, "site_wide": site_wide}, agency=agency
    )
    cache.bump()  # cached public search pages were computed without this group
    return row


@transaction.atomic
def delete_synonym(actor, agency, row: Synonym) -> None:
    _may_edit_synonyms(actor, agency, row.agency_id is None)
    if row.agency_id not in (None, agency.pk):
        raise CatalogueError(_("您没有执行此操作的权限。"))
    record(
        actor,
        "catalogue.synonym.delete",
        row,
        {"terms": row.terms, "site_wide": row.agency_id is None},
        None,
        agency=agency,
    )
    row.delete()
    cache.bump()
