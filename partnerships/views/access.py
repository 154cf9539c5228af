"""How a view gets the object its URL names: one `_get_<thing>_for_<action>(user, pk)` helper
per thing and action, in the style of healthchecks' `_get_rw_check_for_user`.

Each helper fetches by pk through the query of what the user may see (`visible_to`), so an
object the user may not see answers 404, alike with one that does not exist; then it asks
the `can_*` check of `partnerships/permissions.py`, so an object the user sees but may not
act on answers 403. The helpers live here, beside the views, because they speak HTTP (404
and 403) and carry each page's `select_related`; the checks stay free of both so that
services and tasks use them too. Another app's views (the brochure share page) import the
helper they need from here.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Func, IntegerField, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404

from core.permissions import can_use_staff_pages

from .. import permissions
from ..models import (
    Agreement,
    CompetenceNeed,
    Contact,
    ContactPerson,
    Demonstration,
    Employer,
    FeedbackAnswer,
    FeedbackRequest,
    Initiative,
    Interruption,
    LevelRecord,
    NetworkCooperation,
    NetworkOrganisation,
    PartnershipAgreement,
    Prospect,
    StaffActivity,
    Student,
    StudentParticipant,
    ThankYou,
    WorkPeriod,
    Workplace,
)


def _get(queryset, pk: int, user, check):
    """The object if the user may see it (else 404) and `check(user, obj)` allows the action
    (else 403)."""
    obj = get_object_or_404(queryset, pk=pk)
    if not check(user, obj):
        raise PermissionDenied
    return obj


# Employers, workplaces, people, contacts: every member of staff sees them all -----------------


def _employers():
    return Employer.objects.select_related("account_owner", "main_contact")


def _employer_page():
    """The employer as its page shows it: with the date of its last contact and the number of
    its contacts (the timeline's count, read in the same query)."""
    count = Contact.objects.filter(employer=OuterRef("pk")).order_by().values(n=Func("pk", function="COUNT"))
    count = Subquery(count, output_field=IntegerField())
    return _employers().with_last_contact().annotate(contact_count=count)


def _get_employer_for_view(user, pk: int) -> Employer:
    return _get(_employer_page(), pk, user, can_use_staff_pages)


def _get_employer_for_edit(user, pk: int) -> Employer:
    return _get(Employer.objects.all(), pk, user, permissions.can_edit_employer)


def _get_employer_for_activation(user, pk: int) -> Employer:
    return _get(Employer.objects.all(), pk, user, permissions.can_set_employer_active)


def _get_employer_for_level(user, pk: int) -> Employer:
    return _get(Employer.objects.all(), pk, user, permissions.can_record_level)


def _get_employer_for_level_suggestion(user, pk: int) -> Employer:
    return _get(Employer.objects.all(), pk, user, permissions.can_accept_level_suggestion)


def _get_employer_for_contact(user, pk: int) -> Employer:
    """Logging a contact shows the employer's page again on an error: the page's fetch."""
    return _get(_employer_page(), pk, user, permissions.can_log_contact)


def _get_employer_for_share(user, pk: int) -> Employer:
    """Sharing a brochure with one of the employer's people logs a contact."""
    return _get(Employer.objects.all(), pk, user, permissions.can_log_contact)


def _get_employer_for_merge(user, pk: int) -> Employer:
    """For the duplicates' merge page (partnerships/views/merge.py): both employers."""
    return _get(Employer.objects.all(), pk, user, permissions.can_merge_employers)


def _get_workplace_for_view(user, pk: int) -> Workplace:
    return _get(Workplace.objects.select_related("employer"), pk, user, can_use_staff_pages)


def _get_workplace_for_edit(user, pk: int) -> Workplace:
    return _get(Workplace.objects.select_related("employer"), pk, user, permissions.can_edit_workplace)


def _get_contact_person_for_view(user, pk: int) -> ContactPerson:
    queryset = ContactPerson.objects.select_related("employer", "workplace")
    return _get(queryset, pk, user, can_use_staff_pages)


def _get_contact_person_for_edit(user, pk: int) -> ContactPerson:
    queryset = ContactPerson.objects.select_related("employer", "workplace")
    return _get(queryset, pk, user, permissions.can_edit_contact_person)


def _get_contact_for_edit(user, pk: int) -> Contact:
    """Editing, deleting or closing the follow-up of a logged contact."""
    return _get(Contact.objects.select_related("employer"), pk, user, permissions.can_edit_contact)


def _get_level_record_for_correction(user, pk: int) -> LevelRecord:
    queryset = LevelRecord.objects.select_related("employer", "level", "recorded_by")
    return _get(queryset, pk, user, permissions.can_correct_level_record)


# Students and what belongs to them: on a need to know ----------------------------------------


def _get_student_for_view(user, pk: int) -> Student:
    """A student the user may see (need to know), or 404: no hint that the student exists."""
    queryset = Student.objects.visible_to(user).select_related("group__unit", "qualification")
    return _get(queryset, pk, user, can_use_staff_pages)


def _get_student_for_edit(user, pk: int) -> Student:
    queryset = Student.objects.visible_to(user).select_related("group__unit", "qualification")
    return _get(queryset, pk, user, permissions.can_edit_student)


def _get_student_for_privacy(user, pk: int) -> Student:
    """The data protection page: a coordinator's, who sees every student."""
    queryset = Student.objects.visible_to(user).select_related("group", "qualification")
    return _get(queryset, pk, user, permissions.can_manage_student_privacy)


def _get_student_for_demonstration(user, pk: int) -> Student:
    return _get(Student.objects.visible_to(user), pk, user, permissions.can_edit_demonstration)


def _get_demonstration_for_edit(user, pk: int) -> Demonstration:
    queryset = Demonstration.objects.select_related("student", "unit").filter(
        student__in=Student.objects.visible_to(user)
    )
    return _get(queryset, pk, user, permissions.can_edit_demonstration)


def _agreements(user):
    """The agreements the user may see, with what their pages show."""
    periods = Prefetch("work_periods", queryset=WorkPeriod.objects.select_related("unit"))
    return (
        Agreement.objects.visible_to(user)
        .select_related("student", "workplace__employer", "instructor", "responsible_teacher", "created_by")
        .prefetch_related(periods, "items")
    )


def _get_agreement_for_view(user, pk: int) -> Agreement:
    return _get(_agreements(user), pk, user, can_use_staff_pages)


def _get_agreement_for_edit(user, pk: int) -> Agreement:
    return _get(_agreements(user), pk, user, permissions.can_edit_agreement)


def _get_work_period_for_edit(user, pk: int) -> WorkPeriod:
    """A work period of an agreement the user may edit; `period.agreement` is that agreement,
    fetched as its page fetches it."""
    period = get_object_or_404(WorkPeriod.objects.select_related("unit"), pk=pk)
    period.agreement = _get_agreement_for_edit(user, period.agreement_id)
    return period


def _get_interruption_for_edit(user, pk: int) -> Interruption:
    interruption = get_object_or_404(Interruption.objects.select_related("work_period__unit"), pk=pk)
    interruption.work_period.agreement = _get_agreement_for_edit(user, interruption.work_period.agreement_id)
    return interruption


def _get_thank_you_for_send(user, pk: int) -> ThankYou:
    """Fetched among all thank-yous, not through `Agreement.objects.visible_to`: the page has
    always answered 403 (not 404) to a teacher who may not edit the agreement, and still does."""
    queryset = ThankYou.objects.select_related(
        "agreement__student",
        "agreement__instructor",
        "agreement__responsible_teacher",
        "agreement__workplace__employer__main_contact",
    )
    return _get(queryset, pk, user, permissions.can_send_thanks)


def _feedback(user):
    """The answered feedback the user may see, with its answers and reactions."""
    answers = Prefetch("answers", queryset=FeedbackAnswer.objects.order_by("checkpoint"))
    queryset = (
        FeedbackRequest.objects.visible_to(user)
        .filter(answered_at__isnull=False)
        .select_related(
            "work_period__agreement__student",
            "work_period__agreement__workplace__employer",
            "work_period__unit",
        )
    )
    return queryset.prefetch_related(answers, "reactions__by")


def _get_feedback_for_view(user, pk: int) -> FeedbackRequest:
    """The feedback page, which has the reaction form: the service checks
    `can_react_to_feedback` when the form is sent, as it always has."""
    return _get(_feedback(user), pk, user, can_use_staff_pages)


# Partnership agreements, initiatives, prospects: every member of staff reads them -----------


def _get_partnership_agreement_for_view(user, pk: int) -> PartnershipAgreement:
    queryset = PartnershipAgreement.objects.with_validity().select_related("responsible", "created_by")
    return _get(queryset, pk, user, can_use_staff_pages)


def _get_partnership_agreement_for_edit(user, pk: int) -> PartnershipAgreement:
    return _get(PartnershipAgreement.objects.all(), pk, user, permissions.can_edit_partnership_agreement)


def _get_network_organisation_for_view(user, pk: int) -> NetworkOrganisation:
    return _get(NetworkOrganisation.objects.select_related("created_by"), pk, user, can_use_staff_pages)


def _get_network_organisation_for_edit(user, pk: int) -> NetworkOrganisation:
    return _get(NetworkOrganisation.objects.all(), pk, user, permissions.can_edit_network)


def _get_network_cooperation_for_view(user, pk: int) -> NetworkCooperation:
    return _get(NetworkCooperation.objects.select_related("created_by"), pk, user, can_use_staff_pages)


def _get_network_cooperation_for_edit(user, pk: int) -> NetworkCooperation:
    return _get(NetworkCooperation.objects.all(), pk, user, permissions.can_edit_network)


def _get_initiative_for_view(user, pk: int) -> Initiative:
    return _get(Initiative.objects.select_related("owner"), pk, user, can_use_staff_pages)


def _get_initiative_for_edit(user, pk: int) -> Initiative:
    return _get(Initiative.objects.select_related("owner"), pk, user, permissions.can_edit_initiative)


def _get_initiative_for_log(user, pk: int) -> Initiative:
    return _get(Initiative.objects.select_related("owner"), pk, user, permissions.can_log_initiative)


def _get_initiative_for_students(user, pk: int) -> Initiative:
    return _get(
        Initiative.objects.select_related("owner"), pk, user, permissions.can_manage_student_participants
    )


def _get_student_participant_for_withdraw(user, pk: int) -> StudentParticipant:
    return _get(
        StudentParticipant.objects.select_related("initiative__owner", "student"),
        pk,
        user,
        lambda user, participant: permissions.can_manage_student_participants(user, participant.initiative),
    )


def _get_prospect_for_view(user, pk: int) -> Prospect:
    queryset = Prospect.objects.select_related("owner", "employer")
    return _get(queryset, pk, user, can_use_staff_pages)


def _get_prospect_for_edit(user, pk: int) -> Prospect:
    queryset = Prospect.objects.select_related("owner", "employer")
    return _get(queryset, pk, user, permissions.can_edit_prospect)


# Competence needs: every member of staff reads them all ---------------------------------------


def _competence_needs():
    return CompetenceNeed.objects.select_related(
        "employer", "organisation", "qualification", "contact", "recorded_by"
    )


def _get_competence_need_for_view(user, pk: int) -> CompetenceNeed:
    return _get(_competence_needs(), pk, user, can_use_staff_pages)


def _get_competence_need_for_edit(user, pk: int) -> CompetenceNeed:
    return _get(_competence_needs(), pk, user, permissions.can_edit_competence_need)


def _staff_activities(user):
    """What the user may see of staff in working life: their own, or everyone's (coordinators)."""
    return StaffActivity.objects.visible_to(user).select_related("staff_member", "unit", "employer")


def _get_staff_activity_for_view(user, pk: int) -> StaffActivity:
    return _get(_staff_activities(user), pk, user, can_use_staff_pages)


def _get_staff_activity_for_edit(user, pk: int) -> StaffActivity:
    return _get(_staff_activities(user), pk, user, permissions.can_edit_staff_activity)
