"""政民互动 on the portal: leave a message, follow it with its 受理编号 and 查询码, read the published
answers and the monthly counts. Personal data never appears: the status page shows the state and
the answer, the public list the masked texts fixed at publication."""

from __future__ import annotations

from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import queries, services
from .forms import MessageForm, TrackForm
from .models import Message
from .rules import TRACK_LIMIT, TRACK_WINDOW


def public_list(request):
    year = timezone.localdate().year
    months = queries.by_month(Message.objects.all(), year)
    page = Paginator(queries.published().order_by("-published_on", "-id"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "interaction/public/list.html",
        {"page": page, "year": year, "months": months, "total": queries.totals(months)},
    )


def public_detail(request, pk):
    return render(
        request, "interaction/public/detail.html", {"message": get_object_or_404(queries.published(), pk=pk)}
    )


@never_cache
def ask(request):
    form = MessageForm(request.POST or None, initial={"agency": request.GET.get("agency")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        receipt = services.submit(
            d["agency"],
            kind=d["kind"],
            title=d["title"].strip(),
            body=d["body"].strip(),
            name=d["name"].strip(),
            contact=d["contact"],
            consent=d["consent"],
        )
        request.session["ask_last"] = [receipt.message.ack_no, receipt.query_code]
        return redirect("ask:done")
    return render(request, "interaction/public/ask.html", {"form": form})


@never_cache
def done(request):
    last = request.session.get("ask_last")
    if not last:
        return redirect("ask:ask")
    message = Message.objects.select_related("agency").get(ack_no=last[0])
    return render(
        request, "interaction/public/done.html", {"ack_no": last[0], "code": last[1], "message": message}
    )


@never_cache
def track(request):
    """POST only for the look-up, so the query code never lands in a URL, a log or a Referer."""
    form = TrackForm(request.POST or None)
    message = None
    if request.method == "POST" and form.is_valid():
        key = f"ask-track:{request.META.get('REMOTE_ADDR', '')}"
        if cache.get(key, 0) >= TRACK_LIMIT:
            form.add_error(None, _("查询次数过多，请10分钟后再试。"))
        else:
            message = queries.find_for_submitter(form.cleaned_data["ack_no"], form.cleaned_data["code"])
            if message is None:
                cache.set(key, cache.get(key, 0) + 1, TRACK_WINDOW)
                form.add_error(None, _("受理编号或查询码不正确。"))
    if message is None:
        return render(request, "interaction/public/track.html", {"form": form})
    return render(
        request, "interaction/public/status.html", {"message": message, "today": timezone.localdate()}
    )
