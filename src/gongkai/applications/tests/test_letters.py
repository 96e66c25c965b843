"""Letters: numbered, frozen, .docx and PDF with the agency's name; templates with safe placeholders."""

import io
from datetime import date

import pdfplumber
import pytest
from docx import Document

from gongkai.applications import letters, services
from gongkai.applications.letters import LETTER_KINDS, TemplateProblem, check_template
from gongkai.applications.models import Letter, LetterTemplate
from gongkai.applications.rules import REPLY_TYPES, ReplyType
from gongkai.applications.testing import PERSON_ID, PHONE, make_application


@pytest.fixture
def letter(world):
    app = make_application(world.a, date(2026, 3, 2))
    services.request_correction(world.clerk_a, app, "请写明文件名称", date(2026, 3, 20), date(2026, 3, 5))
    return Letter.objects.get(application=app)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def test_docx_opens_and_has_agency_number_and_tracking(letter):
    text = docx_text(letters.to_docx(letter))
    assert "示例县教育局" in text and letter.application.tracking_no in text and letter.number in text
    assert "（印章）" in text and "2026年3月5日" in text
    assert PERSON_ID not in text and PHONE not in text


def test_pdf_has_the_agency_name(letter):
    data = letters.to_pdf(letter)
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "示例县教育局" in text.replace(" ", "")
    assert letter.number.replace(" ", "") in text.replace(" ", "")


def test_every_reply_type_has_a_letter_with_its_article():
    for rt in ReplyType:
        kind = LETTER_KINDS[f"reply_{rt.value}"]
        check_template(kind.body)
        assert "${tracking_no}" in kind.body and REPLY_TYPES[rt].article.split("、")[0][:3] in kind.body
    for kind in LETTER_KINDS.values():
        check_template(kind.body)


def test_templates_allow_only_listed_names():
    with pytest.raises(TemplateProblem, match="未知的占位符"):
        check_template("${applicant_name} ${__class__}")
    with pytest.raises(TemplateProblem, match="不完整"):
        check_template("费用 $5")
    assert letters.render("$$${fee_amount}元 ${agency_name}", {"fee_amount": "1700"}) == "$1700元 "


def test_agency_template_is_used_and_issued_letters_stay_frozen(world, letter):
    LetterTemplate.objects.create(
        agency=world.a,
        kind="correction",
        title="补正通知",
        body="${applicant_name}：请补正：${correction_items}。",
    )
    app = make_application(world.a, date(2026, 3, 2))
    app = services.request_correction(world.clerk_a, app, "写明年份", date(2026, 3, 20), date(2026, 3, 5))
    new = Letter.objects.get(application=app)
    assert new.title == "补正通知" and new.body == "王建华：请补正：写明年份。"
    letter.refresh_from_db()
    assert letter.title == "政府信息公开申请补正告知书"
