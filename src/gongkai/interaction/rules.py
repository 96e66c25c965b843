"""政民互动's parameters as data (spec section1-registries §4). None of them is law."""

from django.utils.translation import gettext_lazy as _

# Answer period for a 网站留言, in working days. No national rule is known (国办发〔2017〕47号 sets
# none; spec §4 [U]); local practice seen is "15天内必复" (a district, R9). The default follows it,
# counted in working days on the one calendar; each agency sets its own.
DEFAULT_ANSWER_DAYS = 15
MAX_ANSWER_DAYS = 60

# Types of message seen on government sites (spec §4, R9).
KINDS = (
    ("consult", _("咨询")),
    ("complaint", _("投诉")),
    ("suggestion", _("建议")),
    ("help", _("求助")),
    ("report", _("举报")),
    ("praise", _("表扬")),
)

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
QUERY_CODE_LENGTH = 8
TRACK_LIMIT = 20  # failed look-ups per address per window: query codes must not be guessable
TRACK_WINDOW = 600
