from django.contrib import admin

from .models import BrochureDownload, BrochureText
from .rendering import brochures_changed


@admin.register(BrochureText)
class BrochureTextAdmin(admin.ModelAdmin):
    list_display = ["language", "updated_at"]

    # A text changed or removed here changes the brochures, as through the coordinator's page.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        brochures_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        brochures_changed()


@admin.register(BrochureDownload)
class BrochureDownloadAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "audience", "language", "count"]
    list_filter = ["kind", "audience", "language"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
