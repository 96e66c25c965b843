"""Isolation cases for the 政务服务事项 staff URLs (run by gongkai.agencies' isolation matrix)."""

from gongkai.agencies.tests.matrix import Exempt
from gongkai.govservice.models import ImportBatch

from .factories import make_item


def _agency(agency, world):
    return {"agency_code": agency.code}


def _item(agency, world):
    return {"agency_code": agency.code, "pk": make_item(agency).pk}


def _batch(agency, world):
    batch = ImportBatch.objects.create(
        agency=agency, file_name="隔离.xlsx", sha256="0", created_by=world.clerk_a
    )
    return {"agency_code": agency.code, "pk": batch.pk}


ISOLATION_CASES = {
    "govservice:index": Exempt("lists only the user's own agencies; checked in govservice test_public"),
    "govservice:registry": _agency,
    "govservice:item": _item,
    "govservice:item_status": _item,
    "govservice:import_upload": _agency,
    "govservice:import_preview": _batch,
    "govservice:import_confirm": _batch,
    "govservice:import_discard": _batch,
}
