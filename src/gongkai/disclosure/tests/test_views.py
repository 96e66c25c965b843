import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications.testing import PERSON_ID
from gongkai.disclosure.models import Plan, PlanState
from gongkai.disclosure.testing import released_pdf, replied_case
from gongkai.events.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):
    return replied_case(world.a, world.clerk_a)


def _case_url(case):
    return reverse("applications:detail", args=[case.agency.code, case.pk])


def test_the_case_page_offers_conversion_to_its_clerk_only(client, world, case):
    client.force_login(world.clerk_a)
    page = client.get(_case_url(case)).content.decode()
    assert reverse("disclosure:start", args=[case.agency.code, case.pk]) in page
    client.force_login(world.reviewer_a)
    assert (
        reverse("disclosure:start", args=[case.agency.code, case.pk])
        not in client.get(_case_url(case)).content.decode()
    )


def test_from_the_case_to_the_entry_and_back(client, world, case):
    client.force_login(world.clerk_a)
    response = client.post(reverse("disclosure:start", args=[case.agency.code, case.pk]))
    plan = Plan.objects.get(application=case)
    assert response.url == reverse("disclosure:plan", args=[case.agency.code, plan.pk])
    upload = SimpleUploadedFile("说明.pdf", released_pdf(), "application/pdf")
    client.post(
        reverse("disclosure:document_add", args=[case.agency.code, plan.pk]),
        {"file": upload, "profile": "reply_copy"},
    )

    page = client.get(response.url).content.decode()
    assert Event.objects.filter(action="applications.view_personal", subject_id=str(case.pk)).exists()
    assert page.count("<mark ") == plan.documents.get().redactions.count() >= 4
    assert f">{PERSON_ID}</mark>" in page

    ids = [str(r.pk) for r in plan.documents.get().redactions.all()]
    form = {
        "accept": ids[1:],
        "title": "学校布局调整方案",
        "category": "A01",
        "created_date": "2026-03-09",
        "summary": "",
    }
    response = client.post(reverse("disclosure:accept", args=[case.agency.code, plan.pk]), form)
    plan.refresh_from_db()
    assert plan.state == PlanState.ACCEPTED
    assert response.url == reverse("catalogue:entry_detail", args=[case.agency.code, plan.entry_id])
    entry_page = client.get(response.url).content.decode()
    assert _case_url(case) in entry_page  # the staff view of the entry links back to the case
    case_page = client.get(_case_url(case)).content.decode()
    assert reverse("catalogue:entry_detail", args=[case.agency.code, plan.entry_id]) in case_page


def test_a_bad_form_keeps_the_choices_and_says_why(client, world, case):
    client.force_login(world.clerk_a)
    client.post(reverse("disclosure:start", args=[case.agency.code, case.pk]))
    plan = Plan.objects.get(application=case)
    client.post(
        reverse("disclosure:document_add", args=[case.agency.code, plan.pk]),
        {"file": SimpleUploadedFile("a.pdf", released_pdf()), "profile": "reply_copy"},
    )
    response = client.post(
        reverse("disclosure:accept", args=[case.agency.code, plan.pk]), {"accept": []}, follow=True
    )
    assert "此字段" in response.content.decode() or "必填" in response.content.decode()
    assert not plan.documents.get().redactions.filter(accepted=True).exists()
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_other_agencies_see_nothing(client, world, case):
    client.force_login(world.clerk_a)
    client.post(reverse("disclosure:start", args=[case.agency.code, case.pk]))
    plan = Plan.objects.get(application=case)
    for user in world.strangers_of_a:
        client.force_login(user)
        assert client.get(reverse("disclosure:plan", args=[case.agency.code, plan.pk])).status_code == 404
    client.force_login(world.clerk_b)
    assert client.get(reverse("disclosure:plan", args=[world.b.code, plan.pk])).status_code == 404
