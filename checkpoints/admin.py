from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin_inlines import LabelledTabularInline
from core.models import staff_members

from .forms import PartnershipLevelAdminForm
from .models import (
    AnnualActivity,
    Checkpoint,
    LevelQuestion,
    LevelTool,
    PartnershipLevel,
    SelfAssessment,
    SelfAssessmentAnswer,
    ServicePromise,
)
from .permissions import can_edit_level_reference


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    list_display = ("number", "name_fi", "name_sv", "name_en")
    search_fields = ("name_fi", "name_sv", "name_en", "topics_fi")
    ordering = ("number",)


class CoordinatorEditsMixin:
    """Coordinators (staff accounts in the Coordinator group) edit the levels' reference text
    here without model permissions of their own: the admin asks the same permission function
    as the rest of the app. Superusers keep Django's own checks."""

    def _coordinator(self, request) -> bool:
        return request.user.is_staff and can_edit_level_reference(request.user)

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._coordinator(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or self._coordinator(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self._coordinator(request)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) or self._coordinator(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or self._coordinator(request)


class LevelToolInline(CoordinatorEditsMixin, LabelledTabularInline):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    model = LevelTool
    extra = 0


class LevelQuestionInline(CoordinatorEditsMixin, LabelledTabularInline):
    model = LevelQuestion
    extra = 0


@admin.register(PartnershipLevel)
class PartnershipLevelAdmin(CoordinatorEditsMixin, admin.ModelAdmin):
    form = PartnershipLevelAdminForm
    list_display = ("order", "name_fi", "contact_interval_days", "cross_cutting")
    ordering = ("order",)
    inlines = [LevelToolInline, LevelQuestionInline]

    def get_readonly_fields(self, request, obj=None):
        # Which levels there are, and in what order, is the workbook's (migration 0004).
        return () if request.user.is_superuser else ("key", "order", "cross_cutting")

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(ServicePromise)
class ServicePromiseAdmin(admin.ModelAdmin):
    list_display = ("key", "text_fi")


@admin.register(LevelTool)
class LevelToolAdmin(CoordinatorEditsMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("level", "order", "text_fi", "url")
    list_filter = ("level",)


@admin.register(LevelQuestion)
class LevelQuestionAdmin(CoordinatorEditsMixin, admin.ModelAdmin):
    list_display = ("level", "number", "text_fi")
    list_filter = ("level",)


class SelfAssessmentAnswerInline(LabelledTabularInline):
    model = SelfAssessmentAnswer
    extra = 0
    raw_id_fields = ("question",)


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    list_display = ("year", "unit", "updated_at", "updated_by")
    list_filter = ("year", "unit")
    inlines = [SelfAssessmentAnswerInline]


@admin.register(SelfAssessmentAnswer)
class SelfAssessmentAnswerAdmin(admin.ModelAdmin):
    list_display = ("assessment", "question", "rating")
    list_filter = ("rating",)


@admin.register(AnnualActivity)
class AnnualActivityAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "start_month", "start_day", "end_month", "end_day")
    list_filter = ("kind",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "responsible":  # as on the plan's own form: staff only
            kwargs["queryset"] = staff_members()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("name"), ordering="title")
    def label(self, activity):
        return activity.label
