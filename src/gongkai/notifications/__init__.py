"""Notifications: e-mail and SMS to applicants at the steps of their case (受理, 补正, 延期, 答复), and
e-mail to staff for deadline reminders; an outbox sent by the background worker with retries."""
