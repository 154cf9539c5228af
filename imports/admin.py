from django.contrib import admin

from .models import ImportJob, ImportMappingMemory, ImportRows


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Read-only: imports run through the coordinator's import pages."""

    list_display = ("original_name", "kind", "status", "row_count", "created_by", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ImportRows)
class ImportRowsAdmin(admin.ModelAdmin):
    """Which uploads still keep their rows (deleted when imported, or after a day), and a way
    to delete them sooner; the rows themselves, people's names among them, are not shown."""

    list_display = ("job", "job_status", "job_created_at")
    list_select_related = ("job",)
    fields = ("job",)
    readonly_fields = ("job",)

    @admin.display(description=ImportJob._meta.get_field("status").verbose_name, ordering="job__status")
    def job_status(self, obj):
        return obj.job.get_status_display()

    @admin.display(
        description=ImportJob._meta.get_field("created_at").verbose_name, ordering="job__created_at"
    )
    def job_created_at(self, obj):
        return obj.job.created_at

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportMappingMemory)
class ImportMappingMemoryAdmin(admin.ModelAdmin):
    list_display = ("kind", "header", "field")
    list_filter = ("kind",)
