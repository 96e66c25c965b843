"""Template context shared by every page."""

from django.utils.translation import gettext_lazy as _

SITE_NAME = _("政府信息公开")


def site(request):
    return {"SITE_NAME": SITE_NAME}
