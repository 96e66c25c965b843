"""How a message leaves: e-mail through Django's mail backend (``EMAIL_BACKEND``, SMTP settings from
the environment), SMS through the gateway named by ``GONGKAI_SMS_GATEWAY``.

An SMS gateway is a class with ``send(phone, text)`` that returns the provider's message id (or a
note) and raises on failure; to use a provider, write a subclass of ``SmsGateway`` in a module of
your own and set ``GONGKAI_SMS_GATEWAY=yourmodule.YourGateway`` (see docs/deploy.md).
"""

from __future__ import annotations

import logging
import re
from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from .models import Channel, Notification

log = logging.getLogger("gongkai.notifications.sms")

MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})")


def mobile_number(phone: str) -> str:
    """The mainland mobile number in ``phone`` (spaces, dashes and +86 allowed), or "" for a
    landline or anything else (no SMS is sent then)."""
    match = MOBILE.fullmatch(re.sub(r"[\s-]", "", phone or ""))
    return match.group(1) if match else ""


class SmsGateway:
    """Send one text message. Return the provider's reference (kept on the notification); raise
    any exception when the provider refuses or cannot be reached (the worker retries)."""

    def send(self, phone: str, text: str) -> str:
        raise NotImplementedError


class LoggingSmsGateway(SmsGateway):
    """The default when no SMS provider is connected: the message goes to the log (logger
    ``gongkai.notifications.sms``) and stays readable on the case, marked as only recorded."""

    NOTE = "仅记录，未接入短信平台"

    def send(self, phone: str, text: str) -> str:
        log.info("SMS to %s: %s", phone, text)
        return self.NOTE


@cache
def _gateway(path: str) -> SmsGateway:
    return import_string(path)()


def sms_gateway() -> SmsGateway:
    return _gateway(settings.GONGKAI_SMS_GATEWAY)


def deliver(notification: Notification, connection=None) -> str:
    """Send it once; the provider's reference, "" for e-mail. Raises when it could not be sent."""
    if notification.channel == Channel.SMS:
        return sms_gateway().send(notification.recipient, notification.body)
    EmailMessage(
        notification.subject,
        notification.body,
        settings.DEFAULT_FROM_EMAIL,
        [notification.recipient],
        connection=connection,
    ).send()
    return ""
