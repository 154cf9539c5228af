from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

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


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    list_display = ("number", "name_fi", "name_sv", "name_en")
    search_fields = ("name_fi", "name_sv", "name_en", "topics_fi")
    ordering = ("number",)


class LevelToolInline(admin.TabularInline):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    model = LevelTool
    extra = 0


class LevelQuestionInline(admin.TabularInline):
    model = LevelQuestion
    extra = 0


@admin.register(PartnershipLevel)
class PartnershipLevelAdmin(admin.ModelAdmin):
    list_display = ("order", "name_fi", "contact_interval_days", "cross_cutting")
    ordering = ("order",)
    inlines = [LevelToolInline, LevelQuestionInline]


@admin.register(ServicePromise)
class ServicePromiseAdmin(admin.ModelAdmin):
    list_display = ("key", "text_fi")


@admin.register(LevelTool)
class LevelToolAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("level", "order", "text_fi", "url")
    list_filter = ("level",)


@admin.register(LevelQuestion)
class LevelQuestionAdmin(admin.ModelAdmin):
    list_display = ("level", "number", "text_fi")
    list_filter = ("level",)


class SelfAssessmentAnswerInline(admin.TabularInline):
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

    @admin.display(description=_("name"), ordering="title")
    def label(self, activity):
        return activity.label
