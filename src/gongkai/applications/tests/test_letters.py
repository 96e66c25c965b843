"""Letters: numbered, frozen, .docx and PDF with the agency's name; templates with safe placeholders."""

import io
import re
import shutil
import subprocess
from datetime import date
from urllib.parse import quote

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.applications import letters, services
from gongkai.applications.letters import LETTER_KINDS, TemplateProblem, check_template
from gongkai.applications.models import Letter, LetterTemplate
from gongkai.applications.rules import REPLY_TYPES, ReplyType
from gongkai.applications.testing import PERSON_ID, PHONE, make_application, uscc
from gongkai.text import chinese_date


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


# ----------------------------------------------------------------- addressing


def test_a_person_is_addressed_as_you_and_an_organisation_as_your_unit(world):
    person = make_application(world.a, date(2026, 3, 2))
    org = make_application(
        world.a,
        date(2026, 3, 2),
        name="示例商贸有限公司",
        applicant_type="org_commercial",
        id_type="uscc",
        id_number=uscc(),
    )
    for app in (person, org):
        services.request_correction(world.clerk_a, app, "请写明文件名称", date(2026, 3, 20), date(2026, 3, 5))
    to_person = Letter.objects.get(application=person).body
    to_org = Letter.objects.get(application=org).body
    assert to_person.startswith("王建华：\n") and "收到您提出的" in to_person and "请您于" in to_person
    assert to_org.startswith("示例商贸有限公司：\n") and "收到贵单位提出的" in to_org
    assert "请贵单位于" in to_org and "您" not in to_org and "（单位）" not in to_org


def test_a_deadline_in_a_year_not_entered_is_written_as_provisional(world):
    certain = make_application(world.a, date(2026, 3, 2))
    services.grant_extension(world.clerk_a, certain, 20, "需要检索档案", "李主任", date(2026, 3, 20))
    assert "暂定" not in Letter.objects.get(application=certain).body
    late = make_application(world.a, date(2026, 11, 20))  # extended into 2027, not entered yet
    services.grant_extension(world.clerk_a, late, 20, "需要检索档案", "李主任", date(2026, 11, 25))
    late.refresh_from_db()
    body = Letter.objects.get(application=late).body
    written = chinese_date(late.reply_due) + "（暂定，以国务院办公厅公布的2027年节假日安排为准）"
    assert written in body


# ----------------------------------------------------------------- punctuation at the placeholders

_MARK = "。，；：、,;:！？!?"
_STOP = "。，；：、,;:"
_DOUBLED = re.compile(rf"[{_MARK}][{_MARK}]|[{_STOP}][”’」』）》)]+[{_MARK}]")
# what an officer types: words with at most one mark at either end
_core = st.text(alphabet="申请材料较多需要检索档案文件ABC123", min_size=1, max_size=12)
_edge = st.sampled_from(["", *_MARK, " ", "\n"])
_value = st.tuples(_edge, _core, _edge)


def test_the_default_texts_have_no_doubled_punctuation_of_their_own():
    for kind in LETTER_KINDS.values():
        text = letters.render(kind.body, dict.fromkeys(letters.PLACEHOLDERS, "某"))
        assert not _DOUBLED.search(text), (kind.key, _DOUBLED.search(text))


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(sorted(LETTER_KINDS)),
    values=st.fixed_dictionaries({name: _value for name in letters.PLACEHOLDERS}),
)
def test_a_value_meeting_the_templates_punctuation_gives_way(kind, values):
    text = letters.render(LETTER_KINDS[kind].body, {k: "".join(v) for k, v in values.items()})
    assert not _DOUBLED.search(text), _DOUBLED.search(text)
    for name, (_before, core, _after) in values.items():
        if "${" + name + "}" in LETTER_KINDS[kind].body:
            assert core in text  # only the marks at the edges may go


def test_punctuation_examples():
    body = "因${extension_reason}，本机关申请获取“${description}”。理由：${reply_text}\n${fee_explain}"
    text = letters.render(
        body,
        {
            "extension_reason": "材料较多。",
            "description": "为什么不公开？",
            "reply_text": "：该信息由财政局保存",
            "fee_explain": "按件计收",
        },
    )
    assert text == "因材料较多，本机关申请获取“为什么不公开？”。理由：该信息由财政局保存。\n按件计收。"


# ----------------------------------------------------------------- the signature never stands alone


def _long(letter, paragraphs: int):
    extra = [
        f"第{i}项：经检索本机关档案，相关文件已于当年归档保存，现将检索情况说明如下。"
        for i in range(paragraphs)
    ]
    lines = letter.body.splitlines()
    letter.body = "\n".join([lines[0], *extra, *lines[1:]])
    return letter


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def test_pdf_last_page_has_body_text_with_the_signature(letter):
    last_line = _squash(letter.body.splitlines()[-1])
    signed = _squash(chinese_date(letter.issued_on))
    many_pages = 0
    # a range of lengths: for some of them the signature alone would fall on the next page
    for paragraphs in range(4, 16):
        with pdfplumber.open(io.BytesIO(letters.to_pdf(_long(_fresh(letter), paragraphs)))) as pdf:
            pages = [_squash(page.extract_text()) for page in pdf.pages]
        many_pages += len(pages) > 1
        assert signed in pages[-1] and "（印章）" in pages[-1], paragraphs
        assert last_line[:12] in pages[-1], (paragraphs, pages[-1][:80])
    assert many_pages >= 5


def _fresh(letter):
    return Letter.objects.select_related("application__agency").get(pk=letter.pk)


def test_docx_keeps_the_last_paragraph_with_the_signature(letter):
    doc = Document(io.BytesIO(letters.to_docx(_long(letter, 12))))
    body = [p for p in doc.paragraphs]
    last = next(p for p in body if p.text.startswith("联系地址"))
    tail = body[body.index(last) :]
    assert last.paragraph_format.keep_together and last.paragraph_format.keep_with_next
    assert all(p.paragraph_format.keep_with_next for p in tail)  # up to the seal box
    (table,) = doc.tables
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    seal, name, signed = table.rows[0].cells[0].paragraphs
    assert (
        seal.text == "（印章）"
        and name.text == "示例县教育局"
        and signed.text == chinese_date(letter.issued_on)
    )
    assert seal.paragraph_format.keep_with_next and name.paragraph_format.keep_with_next


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_as_an_office_suite_lays_it_out(letter, tmp_path):
    sources = []
    for paragraphs in range(16):
        sources.append(tmp_path / f"letter{paragraphs:02}.docx")
        sources[-1].write_bytes(letters.to_docx(_long(_fresh(letter), paragraphs)))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    many_pages = 0
    for source in sources:
        with pdfplumber.open(source.with_suffix(".pdf")) as pdf:
            last = _squash(pdf.pages[-1].extract_text())
            many_pages += len(pdf.pages) > 1
        assert _squash(chinese_date(letter.issued_on)) in last and "联系地址" in last, source.name
    assert many_pages >= 10


def test_letters_download_under_their_title_and_number(letter, client, world):
    client.force_login(world.clerk_a)
    app = letter.application
    for fmt in ("docx", "pdf"):
        url = reverse("applications:letter_download", args=[world.a.code, app.pk, letter.pk, fmt])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == (
            f'attachment; filename="{app.tracking_no}-correction-{letter.pk}.{fmt}"; '
            f"filename*=UTF-8''{quote(f'政府信息公开申请补正告知书（{letter.number}）.{fmt}')}"
        )
