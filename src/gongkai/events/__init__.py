"""The append-only event log every app writes to: who did what, when, to which record, before and after."""
