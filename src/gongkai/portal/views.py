"""Public pages. No account; only published entries (not marked 不予公开) are ever shown."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from gongkai.agencies.models import Agency
from gongkai.catalogue import cache as public_cache
from gongkai.catalogue import guide as guide_data
from gongkai.catalogue.forms import SearchFields, list_params
from gongkai.catalogue.models import Attachment, DisclosureMode, DocType, Entry, Validity
from gongkai.catalogue.queries import category_label, parse_search, search_page
from gongkai.catalogue.rules import statutory_categories
from gongkai.catalogue.search import DEFAULT_LIMIT, Filters, apply_filters, public_entries

PAGE_SIZE = 20
LIST_FIELDS = (
    "id",
    "index_no",
    "title",
    "publish_date",
    "created_date",
    "doc_number",
    "issuer",
    "validity",
    "doc_type",
    "category",
    "agency_id",
)


def _agencies():
    return Agency.objects.filter(is_active=True)


def _agency_tree() -> list[tuple[Agency, int]]:
    """Active agencies in tree order with their depth, for nested lists."""
    agencies = list(_agencies().order_by("sort_order", "code"))
    children: dict[int | None, list[Agency]] = {}
    ids = {a.pk for a in agencies}
    for a in agencies:
        parent = a.parent_id if a.parent_id in ids else None
        children.setdefault(parent, []).append(a)
    out: list[tuple[Agency, int]] = []

    def walk(parent, depth):
        for a in children.get(parent, []):
            out.append((a, depth))
            walk(a.pk, depth + 1)

    walk(None, 0)
    return out


@require_safe
def healthz(request):
    """Liveness check for load balancers, and the trivial baseline of bench/web.py."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@public_cache.public_page
def home(request):
    recent = public_entries().select_related("agency").only(*LIST_FIELDS, "agency__name")
    return public_cache.render_public(
        request,
        "portal/home.html",
        {
            "recent": recent.order_by("-publish_date", "-id")[:10],
            "tree": _agency_tree(),
            "search_form": SearchFields(auto_id="site-%s"),
        },
    )


@require_safe
@public_cache.public_page
def agency_list(request):
    return public_cache.render_public(request, "portal/agency_list.html", {"tree": _agency_tree()})


@require_safe
@public_cache.public_page
def agency_guide(request, code):
    agency = get_object_or_404(_agencies(), code=code)
    return public_cache.render_public(
        request, "portal/guide.html", {"agency": agency, "guide": guide_data.build_guide(agency)}
    )


def _choices(choices):
    return [("", _("全部")), *choices]


class CatalogueFilterForm(SearchFields):
    agency = forms.ChoiceField(label=_("机构"), required=False)
    category = forms.ChoiceField(label=_("主题分类"), required=False)
    doc_type = forms.ChoiceField(label=_("文件类型"), required=False, choices=_choices(DocType.choices))
    year = forms.TypedChoiceField(label=_("年度"), required=False, coerce=int, empty_value=None)
    validity = forms.ChoiceField(label=_("有效性"), required=False, choices=_choices(Validity.choices))

    def __init__(self, *args, agencies, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = _choices([(a.code, a.name) for a in agencies])
        self.fields["category"].choices = _choices([(c.code, c.display) for c in statutory_categories()])
        self.fields["year"].choices = _choices([(y, str(y)) for y in years])


def _years() -> list[int]:
    from django.utils import timezone

    this = timezone.localdate().year
    return list(range(this, this - 10, -1))


@require_safe
@public_cache.public_page
def catalogue(request):
    # The listing is the same for every visitor: its HTML is cached under the catalogue stamp, the
    # language and the query string; only the page around it (user menu, CSRF token) is per request.
    key = public_cache.key("page:catalogue", get_language(), sorted(request.GET.lists()))
    fragment = cache.get(key)
    if fragment is None:
        context = _catalogue_context(request)
        fragment = {
            "title": context["agency"].name if context["agency"] else "",
            "html": render_to_string("portal/includes/catalogue_body.html", context, request=request),
        }
        cache.set(key, fragment, public_cache.TIMEOUT)
    return public_cache.render_public(
        request,
        "portal/catalogue.html",
        {"agency_name": fragment["title"], "body": mark_safe(fragment["html"])},
    )


def _catalogue_context(request) -> dict:
    agencies = list(_agencies().only("id", "code", "name", "parent_id", "sort_order"))
    form = CatalogueFilterForm(request.GET or None, agencies=agencies, years=_years())
    text, sort, filters, agency = "", "", Filters(public_only=True), None
    if form.is_bound:
        form.is_valid()  # invalid choices are just ignored, never an error page
        d = getattr(form, "cleaned_data", {})
        text, sort = d.get("q") or "", d.get("sort") or ""
        agency = next((a for a in agencies if a.code == d.get("agency")), None)
        filters = Filters(
            public_only=True,
            agency_ids=(agency.pk,) if agency else None,
            category=d.get("category") or "",
            doc_type=d.get("doc_type") or "",
            year=d.get("year"),
            validity=d.get("validity") or "",
        )
    results = parse_search(text, filters, sort)
    if results.query:
        results = search_page(results, filters, request.GET.get("page"), PAGE_SIZE, LIST_FIELDS)
        page, entries = results.page, results.entries
    else:
        qs = apply_filters(Entry.objects.only(*LIST_FIELDS), filters).order_by("-publish_date", "-id")
        paginator = Paginator(qs, PAGE_SIZE)
        # Counting 200,000 rows is the slowest query of the page; cached under the stamp too.
        paginator.count = public_cache.cached("count", (filters,), qs.count)
        page = paginator.get_page(request.GET.get("page"))
        entries = list(page.object_list)
    names = {a.pk: a.name for a in agencies}
    for e in entries:
        e.agency_name = names.get(e.agency_id, "")
    page_params, sort_params = list_params(request.GET)
    return {
        "form": form,
        "results": results,
        "query": results.query.text if results.query else "",
        "page": page,
        "entries": entries,
        "params": page_params,
        "sort_params": sort_params,
        "agency": agency,
        "search_limit": DEFAULT_LIMIT,
    }


def _public_entry(pk) -> Entry:
    return get_object_or_404(public_entries().select_related("agency"), pk=pk)


@require_safe
@public_cache.public_page
def entry(request, pk):
    key = public_cache.key("page:entry", get_language(), pk)
    fragment = cache.get(key)
    if fragment is None:
        e = _public_entry(pk)
        content_public = e.disclosure == DisclosureMode.PROACTIVE
        context = {
            "entry": e,
            "category_label": category_label(e.category, e.agency),
            "content_public": content_public,
            "attachments": list(e.attachments.all()) if content_public else [],
        }
        fragment = {
            "title": e.title,
            "html": render_to_string("portal/includes/entry_body.html", context, request=request),
        }
        cache.set(key, fragment, public_cache.TIMEOUT)
    return public_cache.render_public(
        request, "portal/entry.html", {"title": fragment["title"], "body": mark_safe(fragment["html"])}
    )


@require_safe
def attachment(request, pk, att):
    e = _public_entry(pk)
    if e.disclosure != DisclosureMode.PROACTIVE:
        raise Http404("not proactively disclosed")
    from gongkai.catalogue.views import attachment_response

    return attachment_response(get_object_or_404(Attachment, entry=e, pk=att))
