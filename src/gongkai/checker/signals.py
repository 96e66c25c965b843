"""Sent (after the commit) when a batch has files waiting for the worker: the tasks module, connected
in ``apps.py``, queues them, so the services never import the task queue that imports them."""

from django.dispatch import Signal

batch_queued = Signal()  # sender: CheckBatch, batch_id: int
