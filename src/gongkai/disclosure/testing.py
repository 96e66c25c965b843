"""Test helpers: a replied case that released information, and a released document as a PDF with
a real text layer (WeasyPrint, Noto CJK)."""

from __future__ import annotations

import html
from datetime import date

from gongkai.applications import services as application_services
from gongkai.applications.testing import PERSON_ID, PHONE, make_application

RELEASED_LINES = (
    "示例县教育局关于学校布局调整的说明",
    f"申请人王建华，身份证号码{PERSON_ID}，联系电话{PHONE}。",
    "证人：李明",
    "本机关依法公开学校布局调整方案全文。",
)


def replied_case(agency, actor, received: date = date(2026, 3, 2)):
    """A case received on ``received`` and answered 予以公开 (第三十六条第（二）项) a week later."""
    app = make_application(agency, received=received, actor=actor)
    return application_services.reply(
        actor, app, "r_open", "现向您提供该方案。", reply_type="art36_2", on=date(2026, 3, 9)
    )


def released_pdf(lines=RELEASED_LINES) -> bytes:
    import weasyprint

    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = (
        '<html><head><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC";font-size:13pt}</style>'
        f"</head><body>{body}</body></html>"
    )
    return weasyprint.HTML(string=page).write_pdf()
