from .application import (
    APPLICANT_TYPE_CHOICES,
    CONFIRM_CHANNELS,
    OPEN_STATES,
    Application,
    Channel,
    DeliveryChannel,
    DeliveryForm,
)
from .attachment import Attachment, AttachmentPurpose
from .clock_entry import ClockEntry
from .counter import Counter
from .letter import Letter
from .reminder import Reminder, ReminderKind
from .settings import ApplicationSettings
from .template import LetterTemplate

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
