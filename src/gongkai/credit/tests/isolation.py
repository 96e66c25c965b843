"""Isolation cases for the credit staff URLs (run by gongkai.agencies' isolation matrix)."""

from gongkai.agencies.tests.matrix import Exempt
from gongkai.credit.models import CreditImport, SubmissionBatch
from gongkai.credit.testing import make_record


def _agency(agency, world):
    return {"agency_code": agency.code}


def _record(agency, world):
    return {"agency_code": agency.code, "pk": make_record(agency, doc_no=f"隔离{agency.pk}").pk}


def _import(agency, world):
    source = CreditImport.objects.create(
        agency=agency, kind="licence", file_name="隔离.csv", sha256="0", content=b"", created_by=world.clerk_a
    )
    return {"agency_code": agency.code, "pk": source.pk}


def _batch(agency, world):
    batch = SubmissionBatch.objects.create(agency=agency, number="隔离-0001", created_by=world.clerk_a)
    return {"agency_code": agency.code, "pk": batch.pk}


ISOLATION_CASES = {
    "credit:index": Exempt("lists only the user's own agencies (agencies_for), like records:index"),
    "credit:records": _agency,
    "credit:record_detail": _record,
    "credit:record_new": lambda agency, world: {"agency_code": agency.code, "kind": "licence"},
    "credit:record_edit": _record,
    "credit:record_action": lambda agency, world: {**_record(agency, world), "action": "publish"},
    "credit:import_upload": _agency,
    "credit:import_template": lambda agency, world: {"agency_code": agency.code, "kind": "licence"},
    "credit:import_preview": _import,
    "credit:import_confirm": _import,
    "credit:import_discard": _import,
    "credit:batches": _agency,
    "credit:batch_detail": _batch,
    "credit:batch_send": _batch,
    "credit:batch_feedback": _batch,
    "credit:batch_cancel": _batch,
    "credit:batch_export": _batch,
}
