from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .branding import branding_changed_on_commit
from .models import Heartbeat, Institution, OutboxMessage, StudentGroup, Unit, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Kumppani"), {"fields": ("unit", "language", "phone")}))
    list_display = ("username", "first_name", "last_name", "email", "unit", "is_active")
    list_filter = (*DjangoUserAdmin.list_filter, "unit")
    list_select_related = ("unit",)


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "website", "email", "phone")

    # The admin changes the branding too: its listeners (the brochures) hear of it.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        branding_changed_on_commit(obj)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


@admin.register(StudentGroup)
class StudentGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "unit")
    list_filter = ("unit",)
    list_select_related = ("unit",)
    search_fields = ("name",)
    filter_horizontal = ("teachers",)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "to_email", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("to_email", "subject", "key")
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # messages are queued by the application, never by hand


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    """When background work last ran, read only: the worker stamps it (core/background.py)."""

    list_display = ("name", "beat_at")
    readonly_fields = ("name", "beat_at")

    def has_add_permission(self, request):
        return False
