"""Numbered documents (告知书) from per-agency templates, as .docx (python-docx) and PDF (WeasyPrint).

Templates use ``${name}`` placeholders from an allow-list (``PLACEHOLDERS``) and nothing else: the
substitution is ``string.Template``, which only replaces names — no expressions, no attribute access,
no code. An agency edits the title and body; the layout (number, seal area, signature, date) is
fixed here so no template can drop them. The text is frozen into the ``Letter`` when issued.

Letters never carry the applicant's ID number, phone or address (only the name they are addressed to).

The letters themselves are Chinese legal documents and are never translated; only what staff see
around them (kind labels, placeholder descriptions, template errors) is, through gettext.
"""

from __future__ import annotations

import html
import io
import string
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongkai import law
from gongkai.events.services import record
from gongkai.i18n import join_list
from gongkai.text import chinese_date as cn_date
from gongkai.workdays.services import db_calendar, written_deadline

from .clock import ClockState
from .models import Letter, LetterTemplate
from .numbering import next_serial, settings_for
from .rules import REPLY_TYPES, ReplyType

# What each placeholder stands for, shown (translated) in the template editor.
PLACEHOLDERS: dict[str, str] = {
    "agency_name": gettext_noop("机关名称"),
    "office_name": gettext_noop("政府信息公开工作机构"),
    "office_address": gettext_noop("办公地址"),
    "office_phone": gettext_noop("联系电话"),
    "office_email": gettext_noop("电子邮箱"),
    "tracking_no": gettext_noop("申请编号"),
    "applicant_name": gettext_noop("申请人姓名或名称"),
    "you": gettext_noop("对申请人的称呼（自然人为“您”，法人或者其他组织为“贵单位”）"),
    "received_on": gettext_noop("收到申请日期"),
    "submitted_on": gettext_noop("提交日期"),
    "description": gettext_noop("申请内容"),
    "issued_on": gettext_noop("文书日期"),
    "letter_number": gettext_noop("文号"),
    "correction_items": gettext_noop("需要补正的事项"),
    "correction_until": gettext_noop("补正期限"),
    "extension_days": gettext_noop("延长的工作日数"),
    "extension_reason": gettext_noop("延期理由"),
    "reply_due": gettext_noop("答复期限"),
    "consultation_party": gettext_noop("被征求意见方"),
    "consultation_days": gettext_noop("征求意见的工作日数"),
    "consultation_due": gettext_noop("征求意见期限"),
    "fee_explain": gettext_noop("计费说明"),
    "fee_amount": gettext_noop("收费金额（元）"),
    "payment_days": gettext_noop("缴费期限（工作日）"),
    "payment_due": gettext_noop("缴费截止日期"),
    "reply_text": gettext_noop("答复内容"),
    "reply_basis": gettext_noop("答复依据"),
    "outcome_label": gettext_noop("办理结果"),
    "referral_agency": gettext_noop("负责公开的机关"),
    "referral_contact": gettext_noop("该机关联系方式"),
    "remedy": gettext_noop("救济途径告知"),
}

_REPLY_HEAD = (
    "${applicant_name}：\n本机关于${received_on}收到${you}提出的政府信息公开申请（申请编号：${tracking_no}），"
    "申请获取“${description}”。经审查，现答复如下：\n"
)
_REPLY_TAIL = "\n${reply_text}\n${remedy}\n联系地址：${office_address}；联系电话：${office_phone}。"
_ART = "根据《中华人民共和国政府信息公开条例》"

REPLY_BODIES: dict[ReplyType, str] = {
    ReplyType.ART36_1: f"${{you}}申请获取的政府信息已经主动公开。{_ART}第三十六条第（一）项的规定，告知${{you}}获取该政府信息的方式和途径如下：",
    ReplyType.ART36_2: f"${{you}}申请获取的政府信息属于公开范围。{_ART}第三十六条第（二）项的规定，现向${{you}}提供该政府信息，或者告知获取的方式、途径和时间如下：",
    ReplyType.ART36_3: f"${{you}}申请获取的政府信息属于不予公开的范围。{_ART}第三十六条第（三）项的规定，本机关决定不予公开，理由如下：",
    ReplyType.ART36_4: f"经检索，本机关没有${{you}}申请公开的政府信息。{_ART}第三十六条第（四）项的规定，告知${{you}}该政府信息不存在。检索情况如下：",
    ReplyType.ART36_5: f"${{you}}申请获取的政府信息不属于本机关负责公开。{_ART}第三十六条第（五）项的规定，告知如下：\n负责公开该政府信息的行政机关：${{referral_agency}}；联系方式：${{referral_contact}}。理由：",
    ReplyType.ART36_6: f"本机关已就${{you}}提出的相同申请作出答复，${{you}}重复申请公开相同政府信息。{_ART}第三十六条第（六）项的规定，告知${{you}}本机关不予重复处理。",
    ReplyType.ART36_7: f"${{you}}申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的情形。{_ART}第三十六条第（七）项的规定，请${{you}}依照有关法律、行政法规的规定办理：",
    ReplyType.ART37: f"${{you}}申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。{_ART}第三十七条的规定，现向${{you}}提供可以公开的政府信息内容，并对不予公开的内容说明理由如下：",
    ReplyType.ART38: f"${{you}}申请获取的信息需要本机关对现有政府信息进行加工、分析。{_ART}第三十八条的规定，本机关不予提供。说明如下：",
    ReplyType.ART30_UNCLEAR: f"本机关已告知${{you}}补正申请，补正后申请内容仍不明确，本机关无法确定${{you}}所申请的政府信息。{_ART}第三十条的规定，说明如下：",
    ReplyType.ART30_NO_CORRECTION: f"本机关已告知${{you}}于${{correction_until}}前补正申请，${{you}}无正当理由逾期未补正。{_ART}第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ReplyType.ART35: f"${{you}}申请公开政府信息的数量、频次明显超过合理范围，本机关认为${{you}}说明的理由不合理。{_ART}第三十五条的规定，告知${{you}}本机关不予处理。",
    ReplyType.ART39_1: f"${{you}}以政府信息公开申请的形式进行信访、投诉、举报等活动。{_ART}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，${{you}}可以通过以下渠道提出：",
    ReplyType.ART39_2: f"${{you}}要求提供政府公报、报刊、书籍等公开出版物。{_ART}第三十九条第二款的规定，告知${{you}}获取的途径如下：",
    ReplyType.FEE_UNPAID: "本机关已向${you}发出收费通知，${you}逾期未按收费通知的要求缴纳费用。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
    ReplyType.OTHER: "现就${you}的申请答复如下：",
}


@dataclass(frozen=True)
class LetterKind:
    key: str
    title: str
    series: str  # the 文号's 代字 after the agency prefix: 示教 + 依复 〔2025〕12号
    label: str  # for lists and the template editor (Chinese, marked; ``display_label`` translates it)
    body: str
    to_party: bool = False  # addressed to the consulted party, not to the applicant
    reply_type: ReplyType | None = None  # for the 答复书 kinds

    @property
    def display_label(self) -> str:
        """The label in the active language. A 答复书's basis and wording are the law's, kept as is."""
        if self.reply_type is None:
            return _(self.label)
        info = REPLY_TYPES[self.reply_type]
        return _("答复书：%(basis)s %(label)s") % {"basis": info.article or _("其他"), "label": info.label}


LETTER_KINDS: dict[str, LetterKind] = {
    k.key: k
    for k in (
        LetterKind(
            "correction",
            "政府信息公开申请补正告知书",
            "依补",
            gettext_noop("补正告知书"),
            "${applicant_name}：\n本机关于${received_on}收到${you}提出的政府信息公开申请（申请编号：${tracking_no}），"
            "申请内容为：“${description}”。\n经审查，${you}的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
            "现一次性告知${you}对以下事项作出补正：\n${correction_items}\n请${you}于${correction_until}前补正。"
            "答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n"
            "联系地址：${office_address}；联系电话：${office_phone}。",
        ),
        LetterKind(
            "extension",
            "政府信息公开申请延期答复告知书",
            "依延",
            gettext_noop("延期答复告知书"),
            "${applicant_name}：\n本机关于${received_on}收到${you}提出的政府信息公开申请（申请编号：${tracking_no}）。"
            "因${extension_reason}，本机关不能在法定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
            "经本机关政府信息公开工作机构负责人同意，答复期限延长${extension_days}个工作日，本机关将于${reply_due}前作出答复。\n特此告知。",
        ),
        LetterKind(
            "consult_third_party",
            "政府信息公开征求意见书",
            "依征",
            gettext_noop("征求意见书（第三方）"),
            "${consultation_party}：\n本机关于${received_on}收到一件政府信息公开申请（申请编号：${tracking_no}），"
            "申请公开的政府信息为：“${description}”。本机关认为公开该信息可能损害你方合法权益。"
            "根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你方意见。"
            "请你方自收到本征求意见书之日起${consultation_days}个工作日内（${consultation_due}前）提出书面意见；不同意公开的，请说明理由。"
            "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。\n"
            "联系地址：${office_address}；联系电话：${office_phone}。",
            to_party=True,
        ),
        LetterKind(
            "consult_coproducer",
            "政府信息公开征求意见书",
            "依征",
            gettext_noop("征求意见书（共同制作机关）"),
            "${consultation_party}：\n本机关于${received_on}收到一件政府信息公开申请（申请编号：${tracking_no}），"
            "申请公开的政府信息为：“${description}”。该政府信息系本机关与贵机关共同制作。"
            "根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见。"
            "请贵机关自收到本征求意见书之日起${consultation_days}个工作日内（${consultation_due}前）提出意见；逾期未提出意见的，视为同意公开。\n"
            "联系地址：${office_address}；联系电话：${office_phone}。",
            to_party=True,
        ),
        LetterKind(
            "fee_notice",
            "政府信息公开信息处理费收费通知书",
            "依费",
            gettext_noop("收费通知书"),
            "${applicant_name}：\n本机关于${received_on}收到${you}提出的政府信息公开申请（申请编号：${tracking_no}）。"
            "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
            "本机关决定对该申请收取信息处理费。\n收费依据和标准：${fee_explain}\n收费金额：${fee_amount}元。\n"
            "请${you}在收到本通知次日起${payment_days}个工作日内（${payment_due}前）缴纳。逾期未缴纳的，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。\n缴纳方式请咨询本机关政府信息公开工作机构，联系电话：${office_phone}。",
        ),
        *(
            LetterKind(
                f"reply_{rt.value}",
                "政府信息公开申请答复书",
                "依复",
                f"答复书：{REPLY_TYPES[rt].article or '其他'} {REPLY_TYPES[rt].label}",
                _REPLY_HEAD + body + _REPLY_TAIL,
                reply_type=rt,
            )
            for rt, body in REPLY_BODIES.items()
        ),
    )
}


class TemplateProblem(ValueError):
    """The template uses a name outside the allow-list, or a malformed ``$``; the message is in the
    active language (Chinese by default)."""


def check_template(body: str) -> None:
    template = string.Template(body)
    if not template.is_valid():
        raise TemplateProblem(_("模板中有不完整的占位符（“$”后应为 {名称}；要写“$”字符本身请写“$$”）"))
    unknown = sorted(set(template.get_identifiers()) - set(PLACEHOLDERS))
    if unknown:
        raise TemplateProblem(
            _("模板中有未知的占位符：%(names)s") % {"names": join_list("${" + u + "}" for u in unknown)}
        )


# Where a value meets the template's own punctuation, the value gives way: a reason ending in 。
# before the template's ，, or a description ending in 。 inside “…”。, loses its last mark.
_STOPS = "。，；：、,;:"  # dropped from a value's end before the template's punctuation
_MARKS = _STOPS + "！？!?"  # the template's punctuation that a value's stop gives way to
_CLOSERS = "”’」』）》)"  # may stand between a value's end and the template's punctuation
# Free text that ends a paragraph of the letter: it ends with 。 if the officer wrote no mark.
_SENTENCES = frozenset({"correction_items", "fee_explain", "reply_text"})


def _fit(value: str, before: str, after: str) -> str:
    """``value`` trimmed so that it meets the literal text ``before`` and ``after`` it without
    doubled punctuation (。。 ，。 ：： 。”。 …)."""
    value = value.strip()
    if before and before[-1] in _MARKS:
        value = value.lstrip(_MARKS + " \t\n")
    follows = after.lstrip(_CLOSERS)
    if follows and follows[0] in _MARKS:
        # a ？ or ！ may stay inside quotes (“为什么？”。, GB/T 15834), a stop never does
        value = value.rstrip((_STOPS if after[:1] in _CLOSERS else _MARKS) + " \t\n")
    return value


def _end_sentence(value: str, after: str) -> str:
    if value and value[-1] not in _MARKS + "…" and after[:1] in ("", "\n"):
        return value + "。"
    return value


def render(body: str, context: dict[str, str]) -> str:
    values = {k: str(context.get(k, "")) for k in PLACEHOLDERS}
    template = string.Template(body)

    def substitute(match) -> str:
        if match.group("escaped") is not None:
            return template.delimiter
        name = match.group("named") or match.group("braced")
        if name not in values:
            return match.group()  # an unknown name stays as it is, as with safe_substitute
        after = body[match.end() :]
        value = _fit(values[name], body[: match.start()], after)
        return _end_sentence(value, after) if name in _SENTENCES else value

    return template.pattern.sub(substitute, body)


def template_for(agency, kind: str) -> tuple[str, str]:
    """(title, body) — the agency's own, or the built-in default."""
    own = LetterTemplate.objects.filter(agency=agency, kind=kind).first()
    if own is not None:
        return own.title, own.body
    default = LETTER_KINDS[kind]
    return default.title, default.body


@transaction.atomic
def save_template(actor, agency, kind: str, title: str, body: str) -> None:
    """The agency's own wording for ``kind`` (checked by the caller with ``check_template``)."""
    before_title, before_body = template_for(agency, kind)
    LetterTemplate.objects.update_or_create(
        agency=agency, kind=kind, defaults={"title": title, "body": body, "updated_by": actor}
    )
    record(
        actor,
        "applications.template.edit",
        ("applications.lettertemplate", kind),
        before={"title": before_title, "body": before_body},
        after={"title": title, "body": body},
        agency=agency,
    )


@transaction.atomic
def reset_template(actor, agency, kind: str) -> None:
    """Back to the built-in default wording."""
    LetterTemplate.objects.filter(agency=agency, kind=kind).delete()
    record(actor, "applications.template.reset", ("applications.lettertemplate", kind), agency=agency)


def context_for(app, on: date, number: str, clock: ClockState | None) -> dict[str, str]:
    """The placeholders' values; ``clock`` is the state the step computed (None: dates left blank)."""
    agency = app.agency
    calendar = clock.calendar if clock else db_calendar()
    reply_info = REPLY_TYPES.get(ReplyType(app.reply_type)) if app.reply_type else None
    return {
        "agency_name": agency.name,
        "office_name": agency.office_name or agency.name,
        "office_address": agency.office_address,
        "office_phone": agency.office_phone,
        "office_email": agency.office_email,
        "tracking_no": app.tracking_no,
        "applicant_name": app.name,
        # a person is 您, an organisation (法人或者其他组织) 贵单位; both are addressed by name
        "you": "贵单位" if app.is_organisation else "您",
        "received_on": cn_date(app.received_on),
        "submitted_on": cn_date(app.submitted_at.date()),
        "description": app.description,
        "issued_on": cn_date(on),
        "letter_number": number,
        "correction_items": app.correction_items,
        "correction_until": written_deadline(app.correction_until, calendar),
        "extension_days": str(app.extension_days or ""),
        "extension_reason": app.extension_reason,
        "reply_due": written_deadline(app.reply_due or (clock.reply_due if clock else None), calendar),
        "consultation_party": app.consultation_party,
        "consultation_days": str(law.CONSULTATION.amount),
        "consultation_due": written_deadline(clock.consultation_due if clock else None, calendar),
        "fee_explain": app.fee_explain,
        "fee_amount": str(app.fee_amount or ""),
        "payment_days": str(settings_for(agency).payment_days),
        "payment_due": written_deadline(app.payment_due, calendar),
        "reply_text": app.reply_text,
        "reply_basis": reply_info.article if reply_info else "",
        "outcome_label": app.get_outcome_display() if app.outcome else "",
        "referral_agency": app.referral_agency,
        "referral_contact": app.referral_contact,
        "remedy": law.REMEDY_NOTICE,
    }


def issue(actor, app, kind: str, on: date, clock: ClockState | None, extra: dict | None = None) -> Letter:
    """Number and freeze one letter (inside the caller's transaction), with the clock state the
    calling step computed."""
    info = LETTER_KINDS[kind]
    prefix = settings_for(app.agency).doc_prefix
    number = f"{prefix}{info.series}〔{on.year}〕{next_serial(app.agency, on.year, info.series)}号"
    title, body = template_for(app.agency, kind)
    context = {**context_for(app, on, number, clock), **(extra or {})}
    text = render(body, context)
    return Letter.objects.create(
        agency=app.agency,
        application=app,
        kind=kind,
        number=number,
        title=title,
        recipient=app.consultation_party if info.to_party else app.name,
        body=text,
        issued_on=on,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


# ----------------------------------------------------------------- output


def _paragraphs(letter: Letter) -> list[str]:
    return [line.strip() for line in letter.body.splitlines() if line.strip()]


def to_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "FangSong"
    # 三号仿宋 on a fixed 28-point line, no space between paragraphs: 22 lines a page (GB/T 9704)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")

    def para(text, *, align=None, bold=False, size=None, indent=True, closing=False, into=None):
        p = into if into is not None else doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent and align is None:
            p.paragraph_format.first_line_indent = Pt(32)
        if closing:  # the last paragraph and the signature block stay on one page
            p.paragraph_format.keep_together = True
            p.paragraph_format.keep_with_next = True
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return p

    para(letter.application.agency.name, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22)
    para(letter.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=20)
    para(letter.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    lines = _paragraphs(letter)
    for i, line in enumerate(lines):
        para(line, indent=i > 0, closing=i == len(lines) - 1)
    para("", closing=True)
    # The seal area: a bordered box on the right holding the agency's name and the date, where the
    # seal is pressed over them (GB/T 9704); the box's row never splits across pages.
    name = letter.application.agency.name
    table = doc.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT
    table.autofit = False
    # wide enough for the name and the date (年月日 with its digits is about eight characters)
    table.columns[0].width = table.cell(0, 0).width = max(Mm(42), Pt(16 * (max(len(name), 8) + 2)))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cell = table.cell(0, 0)
    para("（印章）", align=WD_ALIGN_PARAGRAPH.CENTER, size=12, closing=True, into=cell.paragraphs[0])
    para(name, align=WD_ALIGN_PARAGRAPH.CENTER, closing=True, into=cell.add_paragraph())
    para(cn_date(letter.issued_on), align=WD_ALIGN_PARAGRAPH.CENTER, into=cell.add_paragraph())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# GB/T 9704 (党政机关公文格式): the seal sits centred over the agency's name and the date, which
# lie a little below its centre; the date stands four characters from the right margin. The last
# paragraph and the signature are one block that is never split across pages.
PDF_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 16pt; line-height: 1.75; }
.agency { text-align: center; font-size: 22pt; font-weight: bold; margin: 0; }
h1 { text-align: center; font-size: 20pt; margin: 0.3em 0 0; }
.number { text-align: center; margin: 0.3em 0 1em; }
p { margin: 0; text-indent: 2em; orphans: 2; widows: 2; }
p.salutation { text-indent: 0; }
.closing { break-inside: avoid; page-break-inside: avoid; }
.signature { position: relative; display: table; margin: 2.5em 4em 0 auto; padding-bottom: 1em;
             text-align: center; }
.signature p { text-indent: 0; position: relative; }
.seal { position: absolute; left: 50%; top: 50%; width: 42mm; height: 42mm; margin: -25mm 0 0 -21mm;
        border: 1px dashed #b22; border-radius: 50%; box-sizing: border-box; color: #b22;
        font-size: 12pt; line-height: 1; text-align: center; padding-top: 4mm; }
"""


def to_html(letter: Letter) -> str:
    lines = _paragraphs(letter)
    paragraphs = [
        f'<p class="{"salutation" if i == 0 else ""}">{html.escape(line)}</p>' for i, line in enumerate(lines)
    ]
    agency = html.escape(letter.application.agency.name)
    signature = (
        f'<div class="signature"><div class="seal">（印章）</div><p>{agency}</p>'
        f"<p>{cn_date(letter.issued_on)}</p></div>"
    )
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{html.escape(letter.title)}</title>'
        f"<style>{PDF_CSS}</style></head><body>"
        f'<p class="agency">{agency}</p><h1>{html.escape(letter.title)}</h1>'
        f'<p class="number">{html.escape(letter.number)}</p>{"".join(paragraphs[:-1])}'
        f'<div class="closing">{"".join(paragraphs[-1:])}{signature}</div></body></html>'
    )


def to_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(letter)).write_pdf()
