from django.contrib import admin

from .models import Checkpoint


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    list_display = ("number", "name_fi", "name_sv", "name_en")
    search_fields = ("name_fi", "name_sv", "name_en", "topics_fi")
    ordering = ("number",)
