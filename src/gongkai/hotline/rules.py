"""The knowledge base's parameters as data (spec section1-registries §3). None of them is law:
the category tree is the seed report's list [R], the review interval a local choice [U]."""

from django.utils.translation import gettext_lazy as _

# Top of the category tree: the seed report's six kinds of content (R1), GB/T 33358 3.5 in substance.
# An entry's category is a path under one of them, e.g. 民生热点/社会保障.
CATEGORIES = ("法律法规", "政府规章", "政策解读", "机构职责", "政务服务", "民生热点")

# How long a published entry stays good before its provider must re-check it. No national rule
# ("实时更新", 国办发〔2020〕53号, names no period) [U]; a year is a common local choice.
DEFAULT_REVIEW_MONTHS = 12

MAX_QUERY_CHARS = 60  # a caller's question, not an essay; longer queries get a message

STATUS_HELP = _("草稿经提交审核、审核通过后发布；发布后到复核日期转为待复核，过失效日期转为已失效。")
