"""Form widgets every app's forms share."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files at once (attachments, a batch of reports)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """The files picked, as a list (empty when none)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]
