"""Sent (after the commit) when a report file waits to be read as a baseline: the tasks module,
connected in ``apps.py``, queues it, so the services never import the task queue that imports them."""

from django.dispatch import Signal

baseline_queued = Signal()  # sender: BaselineUpload, upload_id: int
