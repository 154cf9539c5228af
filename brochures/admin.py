from django.contrib import admin

from .models import BrochureDownload, BrochureText


@admin.register(BrochureText)
class BrochureTextAdmin(admin.ModelAdmin):
    list_display = ["language", "updated_at"]


@admin.register(BrochureDownload)
class BrochureDownloadAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "audience", "language", "count"]
    list_filter = ["kind", "audience", "language"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
