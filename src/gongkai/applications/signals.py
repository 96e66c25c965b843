"""Signals other apps may listen to without reaching into the applications' internals."""

from django.dispatch import Signal

# Sent by the deadline scan after a reminder's e-mail went out: ``reminder`` (a Reminder) and
# ``message`` (the EmailMessage sent).
reminder_emailed = Signal()
