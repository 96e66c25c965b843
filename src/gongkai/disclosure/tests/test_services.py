import io
from datetime import date

import docx
import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications.testing import PERSON_ID, PHONE, make_application
from gongkai.catalogue import workflow as catalogue_workflow
from gongkai.catalogue.models import Attachment, DisclosureMode, Status
from gongkai.disclosure import services
from gongkai.disclosure.models import PlanState
from gongkai.disclosure.testing import released_pdf, replied_case
from gongkai.events.models import Event
from gongkai.redaction import word
from gongkai.redaction.profiles import PENALTY_DECISION, REPLY_COPY

pytestmark = pytest.mark.django_db


def _upload(data=None, name="说明.pdf"):
    return SimpleUploadedFile(name, data if data is not None else released_pdf(), "application/pdf")


@pytest.fixture
def plan(world):
    return services.start(world.clerk_a, replied_case(world.a, world.clerk_a))


def test_only_a_replied_case_that_released_information_can_be_converted(world):
    open_case = make_application(world.a, actor=world.clerk_a)
    with pytest.raises(services.DisclosureError, match="已答复"):
        services.start(world.clerk_a, open_case)


def test_a_second_start_finds_the_plan_in_progress(world, plan):
    assert services.start(world.clerk_a, plan.application) == plan


def test_only_a_clerk_of_the_agency_may_redact(world, plan):
    for user in (world.reviewer_a, world.clerk_b, world.supervisor):
        with pytest.raises(services.DisclosureError, match="权限"):
            services.add_document(user, plan, _upload(), REPLY_COPY)


def test_upload_proposes_the_case_people_and_the_numbers(world, plan):
    document = services.add_document(world.clerk_a, plan, _upload(), REPLY_COPY)
    found = {(r.value, r.kind) for r in document.redactions.all()}
    assert {("王建华", "name"), (PERSON_ID, "id_number"), (PHONE, "phone"), ("李明", "name")} <= found
    assert all(r.accepted for r in document.redactions.all())
    # The log counts kinds; it never holds the data.
    event = Event.objects.get(action="disclosure.document.add")
    assert PERSON_ID not in str(event.after) and "王建华" not in str(event.after)
    assert event.after["proposed"]["id_number"] == 1


def test_bad_files_get_a_message(world, plan):
    with pytest.raises(services.DisclosureError, match="PDF"):
        services.add_document(world.clerk_a, plan, _upload(b"<html>not a pdf</html>", "x.pdf"), REPLY_COPY)
    with pytest.raises(services.DisclosureError, match="空"):
        services.add_document(world.clerk_a, plan, _upload(b"", "x.pdf"), REPLY_COPY)


def test_manual_redaction_and_names_list(world, plan):
    document = services.add_document(world.clerk_a, plan, _upload(), REPLY_COPY)
    assert services.add_manual(world.clerk_a, document, "学校布局") == 2
    with pytest.raises(services.DisclosureError, match="没有找到"):
        services.add_manual(world.clerk_a, document, "不存在的文字")
    rejected = document.redactions.get(kind="name", start=document.text.index("李明"))
    services.save_choices(world.clerk_a, plan, [r.pk for r in document.redactions.exclude(pk=rejected.pk)])
    services.set_names(world.clerk_a, plan, "示例县\n")
    kinds = {(r.value, r.kind, r.accepted) for r in document.redactions.all()}
    assert ("李明", "name", False) in kinds  # the rejection survives detecting again
    assert ("学校布局", "manual", True) in kinds
    assert ("示例县", "name", True) in kinds


def test_accept_publishes_only_redacted_files_through_the_catalogue(world, plan):
    document = services.add_document(world.clerk_a, plan, _upload(), REPLY_COPY)
    witness = document.redactions.get(start=document.text.index("李明"))
    accepted = [r.pk for r in document.redactions.exclude(pk=witness.pk)]

    plan = services.accept(world.clerk_a, plan, accepted, "学校布局调整方案", "A01", date(2026, 3, 9))

    assert plan.state == PlanState.ACCEPTED
    entry = plan.entry
    assert entry.status == Status.SUBMITTED and entry.disclosure == DisclosureMode.PROACTIVE
    assert PERSON_ID not in entry.body and PHONE not in entry.body and "王建华" not in entry.body
    assert "李明" in entry.body  # the officer rejected that proposal
    (attachment,) = Attachment.objects.filter(entry=entry)
    data = attachment.file.read()
    document.refresh_from_db()
    assert attachment.sha256 != document.sha256  # never the original
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert PERSON_ID not in text and PHONE not in text

    catalogue_workflow.publish(world.reviewer_a, entry)  # the catalogue's review, as for any entry
    entry.refresh_from_db()
    assert entry.is_public
    log = Event.objects.get(action="disclosure.plan.accept")
    assert log.after["redacted"] == {"id_number": 1, "name": 1, "phone": 1}
    assert Event.objects.filter(action="disclosure.entry.from_case", subject_id=str(entry.pk)).exists()
    with pytest.raises(services.DisclosureError, match="不能执行"):
        services.accept(world.clerk_a, plan, accepted, "again", "A01", date(2026, 3, 9))


def test_a_refused_entry_leaves_the_plan_as_it_was(world, plan):
    services.add_document(world.clerk_a, plan, _upload(), REPLY_COPY)
    with pytest.raises(services.DisclosureError, match="分类"):
        services.accept(world.clerk_a, plan, [], "标题", "NOPE", date(2026, 3, 9))
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT and plan.entry is None


def test_a_word_file_is_published_as_word_without_the_data(world, plan):
    document = docx.Document()
    document.add_paragraph(f"当事人：王建华，身份证号码{PERSON_ID}。")
    document.add_paragraph("罚款人民币五百元。")
    buf = io.BytesIO()
    document.save(buf)
    upload = SimpleUploadedFile("决定书.docx", buf.getvalue())
    services.add_document(world.clerk_a, plan, upload, PENALTY_DECISION)
    ids = [r.pk for r in plan.documents.get().redactions.all()]

    plan = services.accept(world.clerk_a, plan, ids, "行政处罚决定书", "A01", date(2026, 3, 9))

    attachment = Attachment.objects.get(entry=plan.entry)
    assert attachment.kind == "docx"
    text = word.extract(attachment.file.read())
    # 行政处罚决定书: the party's name stays, the ID keeps only its first two and last three characters.
    assert "王建华" in text and PERSON_ID not in text and PERSON_ID[:2] + "*" * 13 + PERSON_ID[-3:] in text
    assert plan.entry.doc_type == "decision"
