"""The public 双公示 CSV cannot run a formula in the spreadsheet that opens it."""

import csv
import io

import pytest

from gongkai.credit import exporting
from gongkai.credit.models import CreditRecord
from gongkai.credit.rules import Kind
from gongkai.credit.testing import make_record
from gongkai.downloads import csv_safe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=cmd|' /c calc'!A1", "'=cmd|' /c calc'!A1"),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3+cmd|' /c calc'!A0", "'-2+3+cmd|' /c calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1", "'\t=1"),
        ("-12.5", "-12.5"),
        ("示例县教育局", "示例县教育局"),
        (3, 3),
    ],
)
def test_csv_safe(value, safe):
    assert csv_safe(value) == safe


def test_public_csv_neutralises_formulas(world):
    make_record(world.a, Kind.LICENCE, doc_no='=HYPERLINK("http://evil.example","x")')
    body = exporting.public_csv(Kind.LICENCE, CreditRecord.objects.all())
    cells = [c for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for c in row]
    assert not [c for c in cells if c.startswith("=")]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
