"""The words of a notification to the applicant: one template per kind and channel under
``templates/notifications/messages/`` (an installation may override them). The e-mail template's
first line is the subject.

The templates receive only what the applicant may be told in a message: the name they gave, the
tracking number, dates and what to do next, and the tracking link. Never the ID number, phone,
address or e-mail (the context carries none, so an overridden template cannot leak them)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gongkai import law
from gongkai.text import chinese_date
from gongkai.workdays.services import db_calendar, written_deadline

from .models import Channel, Kind


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


def track_url() -> str:
    return settings.GONGKAI_SITE_URL.rstrip("/") + reverse("apply:track")


def context_for(app) -> dict:
    calendar = db_calendar()
    return {
        "agency": app.agency.name,
        "name": app.name,
        "tracking_no": app.tracking_no,
        "state": app.state,
        "received_on": chinese_date(app.received_on) if app.received_on else "",
        "reply_due": written_deadline(app.reply_due, calendar),
        "correction_items": app.correction_items,
        "correction_until": written_deadline(app.correction_until, calendar),
        "extension_days": app.extension_days,
        "reply_type": app.get_reply_type_display() if app.reply_type else "",
        "referral_agency": app.referral_agency,
        "referral_contact": app.referral_contact,
        "delivery_channel": app.get_delivery_channel_display(),
        "remedy": law.REMEDY_NOTICE,
        "track_url": track_url(),
    }


def compose(kind: Kind, channel: Channel, app) -> Text:
    # Messages go out in Chinese whatever language the staff member's screen was in.
    with translation.override(settings.LANGUAGE_CODE):
        context = context_for(app)
        if channel == Channel.SMS:
            body = render_to_string(f"notifications/messages/{kind}_sms.txt", context)
            return Text("", " ".join(body.split()))
        text = render_to_string(f"notifications/messages/{kind}.txt", context).strip()
    subject, _, body = text.partition("\n")
    return Text(subject.strip(), body.strip() + "\n")
