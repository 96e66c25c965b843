"""The knowledge base on the portal: search by the words of a question, read an entry."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from . import queries, search
from .forms import SearchForm


def kb_search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    qs = queries.public(timezone.localdate())
    rows = []
    if query:
        ids = search.search(qs, query, limit=50)
        by_id = {e.pk: e for e in qs.filter(pk__in=ids).select_related("agency")}
        rows = [by_id[i] for i in ids if i in by_id]
    return render(
        request,
        "hotline/public/search.html",
        {"form": form, "query": query, "rows": rows, "total": qs.count()},
    )


def kb_entry(request, code):
    entry = queries.public(timezone.localdate()).select_related("agency").filter(code=code).first()
    if entry is None:
        raise Http404
    return render(request, "hotline/public/entry.html", {"entry": entry, "basis": queries.basis_rows(entry)})
