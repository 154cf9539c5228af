from django import forms
from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from core.admin_inlines import LabelledTabularInline

from . import services
from .forms.common import PhoneMixin
from .models import (
    Agreement,
    AgreementItem,
    CompetenceNeed,
    Contact,
    ContactPerson,
    Demonstration,
    DigestSchedule,
    Employer,
    FeedbackAnswer,
    FeedbackReaction,
    FeedbackRequest,
    Initiative,
    InitiativeEntry,
    InitiativeNotice,
    InstructorTraining,
    Interruption,
    LevelRecord,
    NationalResult,
    NetworkCooperation,
    NetworkOrganisation,
    PartnershipAgreement,
    Prospect,
    Qualification,
    QualificationUnit,
    ReminderRecord,
    StaffActivity,
    Student,
    StudentParticipant,
    StudentRelation,
    ThankYou,
    WorkPeriod,
    Workplace,
    WorkplaceCheck,
)
from .permissions import can_leave_employer_without_owner
from .rules import new_agreement_status_error, status_change_error


class WorkplaceInline(LabelledTabularInline):
    model = Workplace
    extra = 0
    fields = ("name", "street_address", "postal_code", "municipality", "sector")


@admin.register(Employer)
class EmployerAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "business_id", "sector", "account_owner", "is_active")
    list_filter = ("is_active", "sector", "account_owner")
    list_select_related = ("account_owner",)
    search_fields = ("name", "business_id")
    autocomplete_fields = ("main_contact",)
    raw_id_fields = ("account_owner",)
    inlines = [WorkplaceInline]

    def get_readonly_fields(self, request, obj=None):
        # The account owner reads the employer's feedback: only a coordinator assigns it here.
        readonly = super().get_readonly_fields(request, obj)
        if can_leave_employer_without_owner(request.user, obj):
            return readonly
        return (*readonly, "account_owner")


@admin.register(Workplace)
class WorkplaceAdmin(admin.ModelAdmin):
    list_display = ("name", "employer", "municipality", "sector")
    list_filter = ("sector",)
    list_select_related = ("employer",)
    search_fields = ("name", "municipality", "employer__name")
    raw_id_fields = ("employer",)


class ContactPersonAdminForm(PhoneMixin, forms.ModelForm):
    """Phone numbers normalised and validated in the admin as in the portal's forms."""


@admin.register(ContactPerson)
class ContactPersonAdmin(SimpleHistoryAdmin):
    form = ContactPersonAdminForm
    list_display = ("last_name", "first_name", "employer", "title", "email", "is_instructor")
    list_filter = ("is_instructor", "language", "is_active")
    list_select_related = ("employer",)
    search_fields = ("first_name", "last_name", "email", "employer__name")
    raw_id_fields = ("employer", "workplace")


@admin.register(InstructorTraining)
class InstructorTrainingAdmin(admin.ModelAdmin):
    list_display = ("person", "kind", "form", "date", "agreement")
    list_filter = ("kind", "form")
    list_select_related = ("person",)
    search_fields = ("person__first_name", "person__last_name", "note")
    raw_id_fields = ("person", "agreement")

    readonly_fields = ("recorded_by",)

    def save_model(self, request, obj, form, change):
        # The portal's service writes it, so an induction for an agreement settles (or, moved
        # to another agreement, reopens) its checkpoint 4 item here as there.
        services.instructor_training_record(
            by=request.user,
            person=obj.person,
            kind=obj.kind,
            form=obj.form,
            date=obj.date,
            agreement=obj.agreement,
            note=obj.note,
            training=obj,
        )

    def delete_model(self, request, obj):
        services.instructor_training_delete(by=request.user, training=obj)

    def delete_queryset(self, request, queryset):
        for training in queryset.select_related("agreement", "person"):
            services.instructor_training_delete(by=request.user, training=training)


@admin.register(Student)
class StudentAdmin(SimpleHistoryAdmin):
    list_display = ("last_name", "first_name", "student_number", "group", "qualification")
    list_filter = ("group", "qualification", "language")
    list_select_related = ("group", "qualification")
    search_fields = ("first_name", "last_name", "student_number", "learner_oid")
    readonly_fields = ("erased_at",)


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


class WorkPeriodInline(LabelledTabularInline):
    model = WorkPeriod
    extra = 0
    fields = ("unit", "start", "end", "part_time_percent", "ehoks_entered_on")
    autocomplete_fields = ("unit",)


class AgreementItemInline(LabelledTabularInline):
    model = AgreementItem
    extra = 0
    fields = ("kind", "done_on", "done_by", "not_applicable_reason", "note")
    raw_id_fields = ("done_by",)


class AgreementAdminForm(forms.ModelForm):
    """A status changes here by the same rules as in agreement_change_status(). The admin
    builds the form's Meta (model and fields) from AgreementAdmin."""

    def clean_status(self):
        status = self.cleaned_data.get("status")
        if self.instance.pk is None:
            message = new_agreement_status_error(status)
        elif status == self.instance.status:
            message = None
        else:
            message = status_change_error(self.instance, status)
        if message:
            raise forms.ValidationError(message)
        return status


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    """The same rules as the portal: Agreement.clean() calls partnerships.rules, and the
    status changes only as the service allows (AgreementAdminForm)."""

    form = AgreementAdminForm

    list_display = ("student", "type", "workplace", "responsible_teacher", "status")
    list_filter = ("type", "status", "is_entrepreneur")
    list_select_related = ("student", "workplace__employer", "responsible_teacher")
    search_fields = ("student__last_name", "student__student_number", "workplace__employer__name")
    raw_id_fields = ("student", "workplace", "instructor", "responsible_teacher", "created_by")
    inlines = [WorkPeriodInline, AgreementItemInline]


@admin.register(QualificationUnit)
class QualificationUnitAdmin(admin.ModelAdmin):
    list_display = ("name_fi", "qualification", "extent", "national_code", "is_local")
    list_filter = ("qualification", "is_local")
    search_fields = ("name_fi", "name_sv", "name_en", "national_code")


@admin.register(WorkplaceCheck)
class WorkplaceCheckAdmin(admin.ModelAdmin):
    list_display = (
        "workplace",
        "checked_on",
        "checked_by",
        "matching_tasks",
        "enough_activity",
        "tools",
        "competent_staff",
    )
    list_select_related = ("workplace", "checked_by")
    raw_id_fields = ("workplace", "checked_by")


@admin.register(Interruption)
class InterruptionAdmin(admin.ModelAdmin):
    list_display = ("work_period", "reason", "start", "end")
    list_filter = ("reason",)
    raw_id_fields = ("work_period", "recorded_by")


@admin.register(Demonstration)
class DemonstrationAdmin(admin.ModelAdmin):
    list_display = ("student", "unit", "date", "status", "teacher_assessor", "worklife_assessor")
    list_filter = ("status",)
    list_select_related = ("student", "unit", "teacher_assessor", "worklife_assessor")
    search_fields = ("student__last_name", "student__student_number", "place")
    raw_id_fields = (
        "student",
        "unit",
        "agreement",
        "workplace",
        "teacher_assessor",
        "worklife_assessor",
        "second_teacher_assessor",
        "created_by",
    )


@admin.register(StudentRelation)
class StudentRelationAdmin(admin.ModelAdmin):
    list_display = ("student", "person", "staff", "note")
    raw_id_fields = ("student", "person", "staff")


class FeedbackAnswerInline(LabelledTabularInline):
    model = FeedbackAnswer
    extra = 0
    readonly_fields = ("question", "checkpoint", "score", "text")
    can_delete = False


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(admin.ModelAdmin):
    list_display = ("work_period", "respondent", "email", "sent_at", "answered_at", "contact_me")
    list_filter = ("respondent", "contact_me")
    search_fields = ("email",)
    raw_id_fields = ("work_period", "student", "person")
    exclude = ("token",)
    inlines = [FeedbackAnswerInline]


@admin.register(FeedbackReaction)
class FeedbackReactionAdmin(SimpleHistoryAdmin):
    list_display = ("request", "by", "created_at", "note_sent_at")
    raw_id_fields = ("request", "by")


@admin.register(NationalResult)
class NationalResultAdmin(admin.ModelAdmin):
    list_display = ("period", "checkpoint", "theme", "average", "respondents", "unit")
    list_filter = ("period", "checkpoint", "unit")


@admin.register(ThankYou)
class ThankYouAdmin(admin.ModelAdmin):
    list_display = ("agreement", "status", "prepared_at", "sent_at", "sent_by")
    list_filter = ("status",)
    raw_id_fields = ("agreement", "sent_by")


@admin.register(DigestSchedule)
class DigestScheduleAdmin(SimpleHistoryAdmin):
    """Read only: coordinators set the schedule on the digests page, which checks the hours."""

    list_display = ("digest_weekday", "digest_hour", "thanks_hour", "digests_last_slot", "thanks_last_slot")
    readonly_fields = [f.name for f in DigestSchedule._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ReminderRecord)
class ReminderRecordAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "recipient", "due_on", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient", "agreement", "work_period")


@admin.register(AgreementItem)
class AgreementItemAdmin(admin.ModelAdmin):
    list_display = ("agreement", "kind", "done_on", "done_by", "not_applicable_reason")
    list_filter = ("kind",)
    raw_id_fields = ("agreement", "done_by")


@admin.register(WorkPeriod)
class WorkPeriodAdmin(admin.ModelAdmin):
    list_display = ("agreement", "unit", "start", "end", "part_time_percent", "ehoks_entered_on")
    raw_id_fields = ("agreement", "unit", "ehoks_entered_by")
    date_hierarchy = "end"


@admin.register(FeedbackAnswer)
class FeedbackAnswerAdmin(admin.ModelAdmin):
    list_display = ("request", "question", "checkpoint", "score")
    list_filter = ("checkpoint", "score")
    raw_id_fields = ("request",)


@admin.register(LevelRecord)
class LevelRecordAdmin(SimpleHistoryAdmin):
    """A future date is refused (LevelRecord.clean); correct or withdraw a record with a reason
    on its own page (level_record_edit), which keeps the reason in the history."""

    list_display = ("employer", "level", "date", "recorded_by", "withdrawn_at")
    list_filter = ("level",)
    readonly_fields = ("withdrawn_at", "withdrawn_by")
    list_select_related = ("employer", "level", "recorded_by")
    raw_id_fields = ("employer", "recorded_by")


class InitiativeEntryInline(LabelledTabularInline):
    model = InitiativeEntry
    fields = ("date", "phase", "kind", "text", "author")
    raw_id_fields = ("author",)
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "phase", "owner", "start_date", "end_date", "updated_at")
    list_filter = ("phase", "checkpoints")
    search_fields = ("title", "starting_point")
    autocomplete_fields = ("employers",)
    filter_horizontal = ("checkpoints", "staff")
    raw_id_fields = ("owner", "representatives")
    inlines = [InitiativeEntryInline]


@admin.register(InitiativeEntry)
class InitiativeEntryAdmin(SimpleHistoryAdmin):
    list_display = ("initiative", "date", "phase", "kind", "author")
    list_filter = ("phase", "kind")
    raw_id_fields = ("initiative", "author", "participant")


@admin.register(StudentParticipant)
class StudentParticipantAdmin(SimpleHistoryAdmin):
    """Read only: a consent is recorded and withdrawn on the initiative's page, whose service
    keeps the rules (the guardian's consent, no return without a new consent) and the log."""

    list_display = ("__str__", "initiative", "consent_on", "consent_method", "withdrawn_on")
    list_filter = ("consent_method", "consent_scope")
    list_select_related = ("initiative", "student")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InitiativeNotice)
class InitiativeNoticeAdmin(admin.ModelAdmin):
    list_display = ("user", "entry", "created_at", "read_at")
    raw_id_fields = ("user", "entry")


@admin.register(PartnershipAgreement)
class PartnershipAgreementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "signed_on", "valid_until", "responsible")
    list_filter = ("valid_until",)
    search_fields = ("title", "network_name", "employers__name")
    autocomplete_fields = ("employers",)
    raw_id_fields = ("responsible", "created_by")
    # The document is replaced through the portal's form, which checks that it is a real PDF.
    readonly_fields = ("document", "document_name")


@admin.register(NetworkOrganisation)
class NetworkOrganisationAdmin(SimpleHistoryAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)
    raw_id_fields = ("created_by",)


@admin.register(NetworkCooperation)
class NetworkCooperationAdmin(SimpleHistoryAdmin):
    list_display = ("title", "date", "kind")
    list_filter = ("kind",)
    search_fields = ("title", "organisations__name")
    autocomplete_fields = ("organisations",)
    raw_id_fields = ("staff", "created_by")


@admin.register(Prospect)
class ProspectAdmin(SimpleHistoryAdmin):
    list_display = ("name", "municipality", "stage", "owner", "employer")
    list_filter = ("stage",)
    search_fields = ("name", "business_id")
    raw_id_fields = ("owner", "employer")


@admin.register(CompetenceNeed)
class CompetenceNeedAdmin(SimpleHistoryAdmin):
    list_display = ("title", "sector", "horizon", "source", "employer", "recorded_on", "recorded_by")
    list_filter = ("sector", "horizon", "source")
    search_fields = ("title", "description", "organisation_name", "employer__name")
    raw_id_fields = ("employer", "contact", "recorded_by")
    autocomplete_fields = ("initiatives",)


@admin.register(StaffActivity)
class StaffActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "staff_member", "unit", "starts_on", "ends_on")
    list_filter = ("kind", "unit")
    search_fields = ("title", "notes", "organisation_name", "employer__name")
    raw_id_fields = ("staff_member", "employer", "created_by")
