"""Template context shared by every page."""

from django.utils.translation import gettext_lazy as _

from gongkai import law

SITE_NAME = _("政府信息公开")


def site(request):
    # ``law``: the statutory periods and texts, e.g. {{ law.PUBLISH.amount }} in a help text.
    return {"SITE_NAME": SITE_NAME, "law": law}
