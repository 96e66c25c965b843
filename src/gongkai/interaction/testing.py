"""Making messages in tests."""

from . import services

PHONE = "13912345678"
PERSON_ID = "110101199003071233"


def make_message(agency, consent=True, now=None, **fields):
    values = {
        "kind": "consult",
        "title": "孩子入学咨询",
        "body": f"我叫王小明，电话{PHONE}，身份证{PERSON_ID}，想问孩子今年秋季能否在城关小学入学？",
        "name": "王小明",
        "contact": PHONE,
        "consent": consent,
        **fields,
    }
    return services.submit(agency, now=now, **values)
