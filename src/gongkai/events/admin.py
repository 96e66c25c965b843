from django.contrib import admin

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence."""

    list_display = ("at", "actor_name", "agency", "action", "subject_label")
    list_filter = ("action", "agency")
    search_fields = ("action", "subject_label", "actor_name", "note")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
