from .application import (
    APPLICANT_TYPE_CHOICES,
    CONFIRM_CHANNELS,
    OPEN_STATES,
    Application,
    Attachment,
    AttachmentPurpose,
    Channel,
    ClockEntry,
    DeliveryChannel,
    DeliveryForm,
)
from .letter import ApplicationSettings, Counter, Letter, LetterTemplate
from .reminder import Reminder, ReminderKind

__all__ = [
    "APPLICANT_TYPE_CHOICES",
    "CONFIRM_CHANNELS",
    "OPEN_STATES",
    "Application",
    "ApplicationSettings",
    "Attachment",
    "AttachmentPurpose",
    "Channel",
    "ClockEntry",
    "Counter",
    "DeliveryChannel",
    "DeliveryForm",
    "Letter",
    "LetterTemplate",
    "Reminder",
    "ReminderKind",
]
