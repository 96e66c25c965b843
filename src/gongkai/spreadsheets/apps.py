from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpreadsheetsConfig(AppConfig):
    """No tables of its own: an app so that its messages' catalogue is found."""

    name = "gongkai.spreadsheets"
    verbose_name = _("表格导入")
