"""Isolation cases for the records staff URLs (run by gongkai.agencies' isolation matrix)."""

from gongkai.agencies.tests.matrix import Exempt
from gongkai.records.models import ImportBatch
from gongkai.records.rules import Kind
from gongkai.records.testing import make_decision, make_fee, make_total


def _agency(agency, world):
    return {"agency_code": agency.code}


def _decision(agency, world):
    return {"agency_code": agency.code, "pk": make_decision(agency).pk}


def _fee(agency, world):
    return {"agency_code": agency.code, "pk": make_fee(agency, 2024, "隔离测试收费", "10").pk}


def _total(agency, world):
    return {"agency_code": agency.code, "pk": make_total(agency, 2024, Kind.PENALTY, 3).pk}


def _batch(agency, world):
    batch = ImportBatch.objects.create(
        agency=agency,
        kind="decisions",
        file_name="隔离.csv",
        sha256="0",
        created_by=world.clerk_a,
        rows_total=1,
        valid_rows=[
            {
                "row": 2,
                "values": {
                    "kind": "admin_licensing",
                    "number": "隔离1号",
                    "decided_on": "2024-01-02",
                    "subject": "",
                    "summary": "",
                },
            }
        ],
    )
    return {"agency_code": agency.code, "pk": batch.pk}


ISOLATION_CASES = {
    "records:index": Exempt("lists only the user's own agencies; checked in records test_views"),
    "records:decisions": _agency,
    "records:decision_create": _agency,
    "records:decision_detail": _decision,
    "records:decision_edit": _decision,
    "records:decision_delete": _decision,
    "records:totals": _agency,
    "records:total_delete": _total,
    "records:fees": _agency,
    "records:fee_edit": _fee,
    "records:fee_delete": _fee,
    "records:import_upload": _agency,
    "records:import_template": lambda agency, world: {
        "agency_code": agency.code,
        "kind": "decisions",
        "fmt": "xlsx",
    },
    "records:import_preview": _batch,
    "records:import_confirm": _batch,
    "records:import_discard": _batch,
    "records:table_two": lambda agency, world: {"agency_code": agency.code, "year": 2024},
    "records:table_two_drill": lambda agency, world: {
        "agency_code": agency.code,
        "year": 2024,
        "grid": "art20_5",
        "row": "admin_licensing",
        "column": "decisions",
    },
}
