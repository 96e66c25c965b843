from django.contrib import admin
from django.db import models

from .models import Agency, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind", "level", "parent", "is_supervising_office", "is_active")
    list_filter = ("kind", "level", "is_supervising_office", "is_active")
    search_fields = ("name", "code", "short_name")
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("user__username", "user__first_name", "agency__name", "agency__code")
    autocomplete_fields = ["user", "agency"]
