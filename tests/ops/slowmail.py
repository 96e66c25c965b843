"""A slow mail server for the fault tests: Django's file backend (one file per message in
EMAIL_FILE_PATH, so sent messages can be counted) after a pause per message, so that a worker can
be killed while a sending job runs. Named in GONGKAI_EMAIL_BACKEND by the tests' child processes."""

from __future__ import annotations

import os
import time

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("GONGKAI_OPS_MAIL_DELAY", "0.3")))
        return super().send_messages(email_messages)
