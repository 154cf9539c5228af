from django.contrib import admin

from .models import Contact, ContactPerson, Employer, Qualification, Student, Workplace


class WorkplaceInline(admin.TabularInline):
    model = Workplace
    extra = 0
    fields = ("name", "street_address", "postal_code", "municipality", "sector")


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "business_id", "sector", "account_owner", "is_active")
    list_filter = ("is_active", "sector", "account_owner")
    list_select_related = ("account_owner",)
    search_fields = ("name", "business_id")
    autocomplete_fields = ("main_contact",)
    raw_id_fields = ("account_owner",)
    inlines = [WorkplaceInline]


@admin.register(Workplace)
class WorkplaceAdmin(admin.ModelAdmin):
    list_display = ("name", "employer", "municipality", "sector")
    list_filter = ("sector",)
    list_select_related = ("employer",)
    search_fields = ("name", "municipality", "employer__name")
    raw_id_fields = ("employer",)


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "employer", "title", "email", "is_instructor")
    list_filter = ("is_instructor", "language", "is_active")
    list_select_related = ("employer",)
    search_fields = ("first_name", "last_name", "email", "employer__name")
    raw_id_fields = ("employer", "workplace")


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "student_number", "group", "qualification")
    list_filter = ("group", "qualification", "language")
    list_select_related = ("group", "qualification")
    search_fields = ("first_name", "last_name", "student_number", "learner_oid")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("date", "employer", "channel", "author", "follow_up_date")
    list_filter = ("channel", "date", "checkpoints")
    list_select_related = ("employer", "author")
    search_fields = ("summary", "employer__name")
    date_hierarchy = "date"
    raw_id_fields = ("employer", "workplace", "persons")
    filter_horizontal = ("checkpoints",)


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "name_sv", "name_en")
    search_fields = ("name_fi", "name_sv", "name_en")
