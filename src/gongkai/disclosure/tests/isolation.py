"""Isolation cases for the disclosure staff URLs (run by gongkai.agencies' isolation matrix)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.disclosure import services
from gongkai.disclosure.testing import released_pdf, replied_case
from gongkai.redaction.profiles import REPLY_COPY


def _plan(agency, world):
    clerk = world.clerk_a if agency == world.a else world.clerk_b
    return services.start(clerk, replied_case(agency, clerk))


def _plan_kwargs(agency, world):
    return {"agency_code": agency.code, "pk": _plan(agency, world).pk}


def _document_kwargs(agency, world):
    plan = _plan(agency, world)
    clerk = world.clerk_a if agency == world.a else world.clerk_b
    upload = SimpleUploadedFile("说明.pdf", released_pdf(), "application/pdf")
    document = services.add_document(clerk, plan, upload, REPLY_COPY)
    return {"agency_code": agency.code, "pk": plan.pk, "doc": document.pk}


def _case_kwargs(agency, world):
    clerk = world.clerk_a if agency == world.a else world.clerk_b
    return {"agency_code": agency.code, "app_pk": replied_case(agency, clerk).pk}


ISOLATION_CASES = {
    "disclosure:start": _case_kwargs,
    "disclosure:plan": _plan_kwargs,
    "disclosure:document_add": _plan_kwargs,
    "disclosure:names": _plan_kwargs,
    "disclosure:manual": _document_kwargs,
    "disclosure:choices": _plan_kwargs,
    "disclosure:accept": _plan_kwargs,
    "disclosure:cancel": _plan_kwargs,
}
