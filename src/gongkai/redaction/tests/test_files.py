"""The redacted files no longer hold the data: extracted text and the re-rendered pixels say so."""

import io

import docx
import pdfplumber
import pypdfium2
import pytest

from gongkai.identifiers import resident_id_check_char as id_check_digit
from gongkai.redaction import PROFILES, apply, detect, pdf, word
from gongkai.redaction.profiles import REPLY_COPY

ID = "330106198805214321"
ID = ID[:17] + id_check_digit(ID[:17])
PHONE = "13912345678"
PROFILE = PROFILES[REPLY_COPY]


def _redact_text(text):
    return apply(text, PROFILE.proposals(detect(text)), PROFILE)


@pytest.fixture(scope="module")
def letter_pdf():
    weasyprint = pytest.importorskip("weasyprint")
    html = (
        '<html><head><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC";font-size:14pt}</style>'
        f"</head><body><p>关于道路维修资金的说明</p><p>申请人身份证号码：{ID}</p>"
        f"<p>联系电话：{PHONE}</p><p>本机关依法予以公开。</p></body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def test_pdf_output_has_neither_the_text_nor_the_pixels(letter_pdf):
    extracted = pdf.extract(letter_pdf)
    assert ID in extracted.text and PHONE in extracted.text
    redacted = _redact_text(extracted.text)
    assert ID not in redacted and "本机关依法予以公开" in redacted

    out = pdf.rewrite(letter_pdf, redacted, extracted)

    with pdfplumber.open(io.BytesIO(out)) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
    assert ID not in text and PHONE not in text and ID[-6:] not in text
    scale = pdf.SCALE
    image = pypdfium2.PdfDocument(out)[0].render(scale=scale).to_pil().convert("L")
    original = pypdfium2.PdfDocument(letter_pdf)[0].render(scale=scale).to_pil().convert("L")

    def darkest_and_lightest(box, img):
        crop = img.crop((box.x0 * scale + 2, box.top * scale + 2, box.x1 * scale - 2, box.bottom * scale - 2))
        return crop.getextrema()

    start = extracted.text.index(ID)
    for box in extracted.boxes[start : start + len(ID)]:
        assert darkest_and_lightest(box, image)[1] < 40  # all dark: the glyph is painted over in the raster
        assert darkest_and_lightest(box, original)[1] > 200  # the original had white around the digit
    kept = extracted.boxes[extracted.text.index("公开")]
    assert darkest_and_lightest(kept, image)[1] > 200  # text that is not redacted still shows


def test_docx_runs_keep_their_formatting_and_lose_the_data():
    document = docx.Document()
    p = document.add_paragraph("申请人身份证号码：")
    p.add_run(ID[:9]).bold = True
    p.add_run(ID[9:] + "，电话" + PHONE)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = f"联系电话 {PHONE}"
    document.add_paragraph("本机关依法予以公开。")
    document.core_properties.author = "张三"
    buf = io.BytesIO()
    document.save(buf)

    text = word.extract(buf.getvalue())
    assert ID in text
    out = word.rewrite(buf.getvalue(), _redact_text(text))

    again = docx.Document(io.BytesIO(out))
    all_text = word.extract(out)
    assert ID not in all_text and PHONE not in all_text and "本机关依法予以公开。" in all_text
    assert again.paragraphs[0].runs[1].bold and set(again.paragraphs[0].runs[1].text) == {"■"}
    assert again.core_properties.author == ""


def test_a_text_of_another_length_is_refused(letter_pdf):
    with pytest.raises(ValueError):
        pdf.rewrite(letter_pdf, "短")
