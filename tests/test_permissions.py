"""The permission matrix: every URL of the portal, requested as every member of the cast.

A URL pattern missing from EXPECTED fails the suite, so a new view cannot ship without a
decision on who may use it.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from checkpoints.models import AnnualActivity, PartnershipLevel, SelfAssessment
from core.models import OutboxMessage
from partnerships.models import (
    Agreement,
    Demonstration,
    FeedbackRequest,
    LevelRecord,
    PartnershipAgreement,
    ThankYou,
)

from .factories import (
    ContactFactory,
    ContactPersonFactory,
    EmployerFactory,
    QualificationUnitFactory,
    StudentFactory,
    UserFactory,
)

ROLES = ("anonymous", "outsider", "teacher", "other_teacher", "coordinator")
LOGIN = "login"  # a redirect to the login page

# name: (method, {role: expected status}); "ok" stands for 200 on GET and 302 on POST.
EXPECTED = {
    "login": (
        "GET",
        {"anonymous": 200, "outsider": 302, "teacher": 302, "other_teacher": 302, "coordinator": 302},
    ),
    "logout": (
        "POST",
        {"anonymous": 302, "outsider": 302, "teacher": 302, "other_teacher": 302, "coordinator": 302},
    ),
    "password_reset": (
        "GET",
        dict.fromkeys(ROLES, 200),
    ),
    "password_reset_done": (
        "GET",
        dict.fromkeys(ROLES, 200),
    ),
    # A made-up link answers with the "expired" page, to anyone.
    "password_reset_confirm": (
        "GET",
        dict.fromkeys(ROLES, 200),
    ),
    "password_reset_complete": (
        "GET",
        dict.fromkeys(ROLES, 200),
    ),
    # The failed message belongs to `teacher`.
    # Not theirs answers like an unknown id: 404, no hint that the message exists.
    "core:outbox_retry": (
        "POST",
        {"outsider": 404, "teacher": 302, "other_teacher": 404, "coordinator": 302},
    ),
    "core:outbox_cancel": (
        "POST",
        {"outsider": 404, "teacher": 302, "other_teacher": 404, "coordinator": 302},
    ),
    "core:outbox_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # Its status only to the person responsible for it and to coordinators; others get a 404.
    "core:outbox_status": (
        "GET",
        {"outsider": 404, "teacher": 200, "other_teacher": 404, "coordinator": 200},
    ),
    # The stalled-work banner, loaded by htmx on every staff page.
    "core:background_status": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # The same answer for anyone, signed in or not: 503 here, as no worker runs in these tests.
    "core:healthz": ("GET", dict.fromkeys(ROLES, 503)),
    # The feedback link is the respondent's key: anyone holding it may answer.
    "partnerships:feedback_form": ("GET", dict.fromkeys(ROLES, 200)),
    "partnerships:feedback_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:feedback_analysis": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:feedback_detail": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:thanks_detail": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    # The opt-out link is the partner's key: anyone holding it may use it.
    "partnerships:opt_out": ("GET", dict.fromkeys(ROLES, 200)),
    "core:set_language": (
        "POST",
        {"anonymous": 302, "outsider": 302, "teacher": 302, "other_teacher": 302, "coordinator": 302},
    ),
    "partnerships:home": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:employer_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:employer_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:employer_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:employer_edit": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # Only the account owner (nobody in this world) and coordinators record a level.
    "partnerships:employer_level": ("POST", {"teacher": 403, "other_teacher": 403, "coordinator": 302}),
    "partnerships:employer_level_accept": (
        "POST",
        {"teacher": 403, "other_teacher": 403, "coordinator": 302},
    ),
    # The one who recorded it today (the teacher) and coordinators correct a level record.
    "partnerships:level_record_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "partnerships:employer_set_active": ("POST", {"teacher": 403, "other_teacher": 403, "coordinator": 302}),
    "partnerships:workplace_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:workplace_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:workplace_edit": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:person_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:person_edit": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:instructor_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:instructor_training_create": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:contact_create": ("POST", {"teacher": 302, "other_teacher": 302, "coordinator": 302}),
    # The contact was logged by `teacher`: only its author and coordinators may touch it.
    "partnerships:contact_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "partnerships:contact_delete": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "partnerships:follow_up_done": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "partnerships:student_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:student_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # The student is in a group `teacher` teaches: need to know (404, not a hint it exists).
    "partnerships:student_detail": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:student_path_pdf": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:student_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:agreement_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:agreement_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # `teacher` is responsible for the agreement; the other teacher may not even see it.
    "partnerships:agreement_detail": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:agreement_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:agreement_pdf": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:agreement_status": ("POST", {"teacher": 302, "other_teacher": 404, "coordinator": 302}),
    "partnerships:agreement_item": ("POST", {"teacher": 302, "other_teacher": 404, "coordinator": 302}),
    "partnerships:interruption_create": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:interruption_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:work_period_ehoks": ("POST", {"teacher": 302, "other_teacher": 404, "coordinator": 302}),
    "partnerships:workplace_check_create": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:demonstration_create": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:demonstration_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:review_dashboard": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "checkpoints:self_assessment_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "checkpoints:self_assessment": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "checkpoints:self_assessment_pdf": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "checkpoints:self_assessment_summary": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
    "checkpoints:checkpoint_promises": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:digest_settings": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # The first coordinator's digest (the coordinator of the cast has an e-mail address).
    "partnerships:digest_preview": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "checkpoints:annual_plan": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "checkpoints:annual_plan_ics": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "checkpoints:annual_activity_edit": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:unit_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:demonstration_calendar": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "core:branding_edit": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # No logo has been uploaded in this world.
    "core:branding_logo": ("GET", dict.fromkeys(ROLES, 404)),
    # The public brochure page and the public versions: no login.
    "brochures:brochure_index": ("GET", dict.fromkeys(ROLES, 200)),
    "core:accessibility_statement": ("GET", dict.fromkeys(ROLES, 200)),
    "core:privacy_notice": ("GET", dict.fromkeys(ROLES, 200)),
    "partnerships:contact_export": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "imports:import_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "imports:import_mapping": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "imports:import_preview": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "imports:import_progress": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:duplicate_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:employer_merge": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:history": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # A student's data protection page, export and erasure: coordinators only.
    "partnerships:student_privacy": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:student_export_json": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnerships:student_export_pdf": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochures:brochure_preview": ("GET", dict.fromkeys(ROLES, 200)),
    "brochures:checklist_download": ("GET", dict.fromkeys(ROLES, 200)),
    # Asked for the teacher version here: internal, staff only.
    "brochures:brochure_download": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "brochures:brochure_admin": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochures:brochure_texts": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochures:brochure_text_history": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochures:brochure_wording": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochures:brochure_colour": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # The editing pages' PDF previews: the posted values rendered now, for coordinators only.
    "brochures:brochure_colour_pdf": ("POST", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochures:brochure_texts_pdf": ("POST", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochures:brochure_wording_pdf": ("POST", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochures:brochure_share": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # Co-development: every member of staff reads; the owner (teacher) and coordinators edit;
    # the staff involved log (other_teacher is not involved).
    "partnerships:initiative_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:initiative_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:initiative_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:initiative_pdf": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:initiative_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "partnerships:initiative_redefine": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "partnerships:initiative_phase": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "partnerships:initiative_log": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "partnerships:initiative_evaluate": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    # Students taking part: the initiative's owner (`teacher`) and coordinators add them and
    # record a withdrawal; everyone else reads them on the initiative's page.
    "partnerships:initiative_student_add": (
        "GET",
        {"teacher": 200, "other_teacher": 403, "coordinator": 200},
    ),
    "partnerships:initiative_student_withdraw": (
        "POST",
        {"teacher": 302, "other_teacher": 403, "coordinator": 302},
    ),
    "partnerships:initiative_notices_read": (
        "POST",
        {"teacher": 302, "other_teacher": 302, "coordinator": 302},
    ),
    # Partnership agreements: every member of staff reads them and their document;
    # coordinators record and edit them.
    "partnerships:partnership_agreement_list": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:partnership_agreement_detail": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:partnership_agreement_document": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:partnership_agreement_create": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
    "partnerships:partnership_agreement_edit": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
    # The strategic network: every member of staff reads it; coordinators record and edit it.
    "partnerships:network_organisation_list": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:network_organisation_detail": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:network_organisation_create": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
    "partnerships:network_organisation_edit": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
    "partnerships:network_cooperation_list": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:network_cooperation_detail": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:network_cooperation_create": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
    "partnerships:network_cooperation_edit": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
    # New partners: every member of staff reads and adds prospects; the prospect belongs to
    # `teacher`, so only they and coordinators edit or convert it.
    "partnerships:prospect_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:prospect_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:prospect_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:prospect_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "partnerships:prospect_convert": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    # Competence needs: every member of staff reads and records them; the need was recorded
    # by `teacher`, so only they and coordinators edit it or link it to the initiative (which
    # `teacher` owns); anyone may start an initiative of their own from it. The summary by
    # sector is the coordinator's.
    "partnerships:competence_need_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:competence_need_create": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:competence_need_detail": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:competence_need_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "partnerships:competence_need_link": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "partnerships:competence_need_unlink": (
        "POST",
        {"teacher": 302, "other_teacher": 403, "coordinator": 302},
    ),
    "partnerships:competence_need_initiative_create": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "partnerships:competence_need_summary": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
    # Staff in working life: each member of staff records and reads their own (the activity
    # is `teacher`'s, so another teacher does not find it), coordinators everyone's; the
    # yearly summary per unit is the coordinator's.
    "partnerships:staff_activity_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:staff_activity_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnerships:staff_activity_detail": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:staff_activity_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "partnerships:staff_activity_summary": (
        "GET",
        {"teacher": 403, "other_teacher": 403, "coordinator": 200},
    ),
}
# Form pages answer GET (the form) and POST (its submission); anything else is refused.
FORM_VIEWS = {
    "partnerships:employer_create",
    "partnerships:employer_edit",
    "partnerships:workplace_create",
    "partnerships:workplace_edit",
    "partnerships:person_create",
    "partnerships:person_edit",
    "partnerships:instructor_training_create",
    "partnerships:contact_edit",
    "partnerships:student_create",
    "partnerships:student_edit",
    "partnerships:agreement_create",
    "partnerships:agreement_edit",
    "partnerships:interruption_create",
    "partnerships:interruption_edit",
    "partnerships:workplace_check_create",
    "partnerships:demonstration_create",
    "partnerships:demonstration_edit",
    "partnerships:unit_list",
    "checkpoints:self_assessment_list",
    "checkpoints:self_assessment",
    "checkpoints:annual_plan",
    "checkpoints:annual_activity_edit",
    "checkpoints:checkpoint_promises",
    "partnerships:digest_settings",
    "partnerships:level_record_edit",
    "login",
    "partnerships:feedback_form",
    "partnerships:feedback_detail",
    "partnerships:thanks_detail",
    "partnerships:opt_out",
    "partnerships:feedback_analysis",
    "password_reset",
    "password_reset_confirm",
    "core:branding_edit",
    "brochures:brochure_texts",
    "brochures:brochure_wording",
    "brochures:brochure_colour",
    "brochures:brochure_share",
    "imports:import_list",
    "imports:import_mapping",
    "imports:import_preview",
    "partnerships:employer_merge",
    "partnerships:initiative_create",
    "partnerships:initiative_edit",
    "partnerships:initiative_redefine",
    "partnerships:initiative_student_add",
    "partnerships:student_privacy",
    "partnerships:partnership_agreement_create",
    "partnerships:partnership_agreement_edit",
    "partnerships:prospect_create",
    "partnerships:prospect_edit",
    "partnerships:network_organisation_create",
    "partnerships:network_organisation_edit",
    "partnerships:network_cooperation_create",
    "partnerships:network_cooperation_edit",
    "partnerships:competence_need_create",
    "partnerships:competence_need_edit",
    "partnerships:competence_need_initiative_create",
    "partnerships:staff_activity_create",
    "partnerships:staff_activity_edit",
}
# Unlisted roles: anonymous visitors are sent to the login page; signed-in users without a
# staff role get 403.
DEFAULTS = {"anonymous": LOGIN, "outsider": 403}


def _portal_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # Django's own admin has its own permission system
                if pattern.namespace == "partners":
                    continue  # partner sessions: tests/partners/test_permissions.py has their matrix
                walk(pattern.url_patterns, pattern.namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_pattern_is_in_the_permission_table():
    assert _portal_url_names() == set(EXPECTED)


@pytest.fixture
def world(teacher, coordinator, teacher_group, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the partnership agreement's document
    employer = EmployerFactory()
    person = ContactPersonFactory(employer=employer)
    today = timezone.localdate()
    contact = ContactFactory(
        employer=employer, author=teacher, date=today, follow_up_date=today + datetime.timedelta(days=2)
    )
    student = StudentFactory(group=teacher_group)
    agreement = Agreement.objects.create(
        type="training",
        student=student,
        workplace=employer.workplaces.get(),
        instructor=person,
        responsible_teacher=teacher,
        created_by=teacher,
        hoks_reference="HOKS-1",
        days_per_week=3,
    )
    period = agreement.work_periods.create(
        unit=QualificationUnitFactory(), start=today, end=today + datetime.timedelta(days=30)
    )
    interruption = period.interruptions.create(start=today, reason="sickness", recorded_by=teacher)
    demonstration = Demonstration.objects.create(
        student=student, unit=period.unit, teacher_assessor=teacher, created_by=teacher
    )
    failed = OutboxMessage.objects.create(
        key="t:1",
        kind="t",
        to_email="x@example.fi",
        subject="s",
        body_text="b",
        status="failed",
        responsible=teacher,
    )
    feedback = FeedbackRequest.objects.create(
        work_period=period,
        respondent="student",
        student=student,
        email="s@example.fi",
        answered_at=timezone.now(),
    )
    thank_you = ThankYou.objects.create(agreement=agreement)
    assessment = SelfAssessment.objects.create(year=2026)
    activity = AnnualActivity.objects.create(kind="event", start_month=3, start_day=1, end_month=3, end_day=2)
    level_record = LevelRecord.objects.create(
        employer=employer,
        level=PartnershipLevel.objects.get(key="everyday"),
        rationale="x",
        recorded_by=teacher,
    )
    from imports.models import ImportJob

    import_job = ImportJob.objects.create(kind="students", original_name="s.csv", headers=["Sukunimi"])
    import_job.store_rows([["Ääri"]])
    from partnerships.services import initiative_create

    initiative = initiative_create(by=teacher, data={"title": "Induction", "starting_point": "Too long"})
    from partnerships.services import initiative_student_add

    student_participant = initiative_student_add(
        initiative=initiative, by=teacher, name="Sanni Suomela", consent_on=today, consent_method="written"
    )
    partnership_agreement = PartnershipAgreement.objects.create(
        title="Kumppanuussopimus", scope="Harjoittelu", signed_on=today, responsible=teacher
    )
    partnership_agreement.employers.add(employer)
    partnership_agreement.document.save("s.pdf", ContentFile(b"%PDF-1.4 signed"), save=False)
    partnership_agreement.document_name = "s.pdf"
    partnership_agreement.save()
    from partnerships.services import prospect_create

    prospect = prospect_create(by=teacher, data={"name": "Uusi Oy", "municipality": "Kuopio"})
    from partnerships.services import network_cooperation_create, network_organisation_create

    network_organisation = network_organisation_create(
        by=coordinator, data={"name": "Kuopion kauppakamari", "kind": "chamber"}
    )
    network_cooperation = network_cooperation_create(
        by=coordinator,
        data={"date": today, "kind": "forum", "title": "Foorumi", "organisations": [network_organisation]},
    )

    from partnerships.services import competence_need_create

    competence_need = competence_need_create(
        by=teacher,
        data={
            "title": "Lämpöpumput",
            "description": "Asentajia tarvitaan",
            "contact": contact,
            "sector": "F",
            "horizon": "1-3",
            "source": "contact",
        },
    )
    # Linked to an initiative of its own, so that `initiative` is free to link.
    competence_need.initiatives.add(
        initiative_create(by=teacher, data={"title": "Asentajat", "starting_point": "Pula"})
    )
    from partnerships.services import staff_activity_create

    staff_activity = staff_activity_create(
        by=teacher,
        data={
            "kind": "work_period",
            "title": "Työelämäjakso",
            "employer": employer,
            "starts_on": today,
            "ends_on": today,
        },
    )
    return {
        "staff_activity": staff_activity,
        "network_organisation": network_organisation,
        "network_cooperation": network_cooperation,
        "competence_need": competence_need,
        "prospect": prospect,
        "partnership_agreement": partnership_agreement,
        "initiative": initiative,
        "student_participant": student_participant,
        "import_job": import_job,
        "activity": activity,
        "level_record": level_record,
        "assessment": assessment,
        "thank_you": thank_you,
        "feedback": feedback,
        "outbox": failed,
        "demonstration": demonstration,
        "agreement": agreement,
        "period": period,
        "interruption": interruption,
        "employer": employer,
        "workplace": employer.workplaces.get(),
        "person": person,
        "contact": contact,
        "student": student,
    }


def _args(name: str, world) -> list:
    if name == "password_reset_confirm":
        return ["MQ", "made-up-token"]
    if name == "partnerships:feedback_form":
        return [world["feedback"].token]
    if name == "partnerships:opt_out":
        return [world["person"].opt_out_token]
    if name == "brochures:brochure_download":
        return ["teacher", "fi", "blue"]
    if name == "brochures:brochure_preview":
        return ["employer", "fi", "blue"]
    if name == "brochures:checklist_download":
        return ["instructor", "fi"]
    if name in (
        "brochures:brochure_texts",
        "brochures:brochure_text_history",
        "brochures:brochure_texts_pdf",
    ):
        return ["sv"]
    if name in ("brochures:brochure_wording", "brochures:brochure_wording_pdf"):
        return ["sv", "checklist", "instructor"]
    if name == "brochures:brochure_share":
        return [world["employer"].pk]
    if name == "partnerships:history":
        return ["agreement", world["agreement"].pk]
    if name == "partnerships:digest_preview":
        return ["coordinator", 0]
    by_kind = {
        "employer": (
            "partnerships:employer_detail",
            "partnerships:employer_edit",
            "partnerships:employer_set_active",
            "partnerships:employer_level",
            "partnerships:employer_level_accept",
            "partnerships:employer_merge",
        ),
        "import_job": ("imports:import_mapping", "imports:import_preview", "imports:import_progress"),
        "employer_fk": (
            "partnerships:workplace_create",
            "partnerships:person_create",
            "partnerships:contact_create",
        ),
        "workplace": ("partnerships:workplace_edit", "partnerships:workplace_detail"),
        "person": (
            "partnerships:person_edit",
            "partnerships:instructor_detail",
            "partnerships:instructor_training_create",
        ),
        "contact": (
            "partnerships:contact_edit",
            "partnerships:contact_delete",
            "partnerships:follow_up_done",
        ),
        "student": (
            "partnerships:student_detail",
            "partnerships:student_edit",
            "partnerships:demonstration_create",
            "partnerships:student_privacy",
            "partnerships:student_export_json",
            "partnerships:student_export_pdf",
            "partnerships:student_path_pdf",
        ),
        "demonstration": ("partnerships:demonstration_edit",),
        "interruption": ("partnerships:interruption_edit",),
        "outbox": ("core:outbox_retry", "core:outbox_cancel", "core:outbox_status"),
        "feedback": ("partnerships:feedback_detail",),
        "thank_you": ("partnerships:thanks_detail",),
        "assessment": (
            "checkpoints:self_assessment",
            "checkpoints:self_assessment_pdf",
            "checkpoints:self_assessment_summary",
        ),
        "activity": ("checkpoints:annual_activity_edit",),
        "level_record": ("partnerships:level_record_edit",),
        "agreement": (
            "partnerships:agreement_detail",
            "partnerships:agreement_edit",
            "partnerships:agreement_pdf",
            "partnerships:agreement_status",
            "partnerships:agreement_item",
        ),
        "period": ("partnerships:interruption_create", "partnerships:work_period_ehoks"),
        "initiative": (
            "partnerships:initiative_detail",
            "partnerships:initiative_pdf",
            "partnerships:initiative_edit",
            "partnerships:initiative_redefine",
            "partnerships:initiative_phase",
            "partnerships:initiative_log",
            "partnerships:initiative_evaluate",
            "partnerships:initiative_student_add",
        ),
        "student_participant": ("partnerships:initiative_student_withdraw",),
        "workplace_fk": ("partnerships:workplace_check_create",),
        "prospect": (
            "partnerships:prospect_detail",
            "partnerships:prospect_edit",
            "partnerships:prospect_convert",
        ),
        "network_organisation": (
            "partnerships:network_organisation_detail",
            "partnerships:network_organisation_edit",
        ),
        "network_cooperation": (
            "partnerships:network_cooperation_detail",
            "partnerships:network_cooperation_edit",
        ),
        "competence_need": (
            "partnerships:competence_need_detail",
            "partnerships:competence_need_edit",
            "partnerships:competence_need_link",
            "partnerships:competence_need_unlink",
            "partnerships:competence_need_initiative_create",
        ),
        "staff_activity": ("partnerships:staff_activity_detail", "partnerships:staff_activity_edit"),
        "partnership_agreement": (
            "partnerships:partnership_agreement_detail",
            "partnerships:partnership_agreement_document",
            "partnerships:partnership_agreement_edit",
        ),
    }
    for kind, names in by_kind.items():
        if name in names:
            obj = {"employer_fk": world["employer"], "workplace_fk": world["workplace"]}.get(kind) or world[
                kind
            ]
            return [obj.pk]
    return []


def _post_data(name: str, world=None) -> dict:
    if name == "brochures:brochure_colour_pdf":
        return {"dark": "#1b4f80", "preview-audience": "employer"}
    if name == "brochures:brochure_texts_pdf":
        return {"preview-audience": "student", "preview-colour": "blue"}
    if name == "partnerships:competence_need_link":
        return {"initiative": world["initiative"].pk}
    if name == "partnerships:competence_need_unlink":
        return {"initiative": world["competence_need"].initiatives.get().pk}
    if name == "partnerships:contact_create":
        return {"date": timezone.localdate().isoformat(), "channel": "phone", "summary": "Soitto"}
    if name == "core:set_language":
        return {"language": "sv", "next": "/"}
    if name == "partnerships:employer_set_active":
        return {"active": "0"}
    if name == "partnerships:agreement_status":
        return {"status": "cancelled"}
    if name == "partnerships:initiative_phase":
        return {"phase-to_phase": "ideate", "phase-decision": "Agreed in the workshop"}
    if name == "partnerships:initiative_log":
        return {
            "entry-kind": "workshop",
            "entry-date": timezone.localdate().isoformat(),
            "entry-text": "Workshop",
        }
    if name == "partnerships:initiative_evaluate":
        return {
            "evaluation-date": timezone.localdate().isoformat(),
            "evaluation-measured": "Time",
            "evaluation-text": "-",
        }
    if name == "partnerships:initiative_student_withdraw":
        pk = world["student_participant"].pk
        return {f"withdraw-{pk}-withdrawn_on": timezone.localdate().isoformat()}
    if name == "partnerships:agreement_item":
        return {"kind": "readiness", "done_on": timezone.localdate().isoformat()}
    return {}


@pytest.fixture
def client_for(client, teacher, other_teacher, coordinator):
    users = {
        "teacher": teacher,
        "other_teacher": other_teacher,
        "coordinator": coordinator,
        "outsider": UserFactory(username="outsider"),
    }

    def make(role):
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return make


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_gets_the_expected_answer(name, role, world, client_for):
    method, table = EXPECTED[name]
    expected = table[role] if role in table else DEFAULTS[role]
    client = client_for(role)
    url = reverse(name, args=_args(name, world))
    response = client.get(url) if method == "GET" else client.post(url, _post_data(name, world))
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected, response.content[:300]


PUBLIC_PAGES = sorted(
    name
    for name, (method, table) in EXPECTED.items()
    if method == "GET" and table.get("anonymous", DEFAULTS["anonymous"]) != LOGIN
)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_head_is_answered_wherever_get_is_public(name, world, client_for):
    """Link checkers and mail scanners ask with HEAD: it gets GET's answer without a body."""
    client = client_for("anonymous")
    url = reverse(name, args=_args(name, world))
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == EXPECTED[name][1]["anonymous"]
    assert head["Content-Type"] == get["Content-Type"]


# Django's own views: logout and set_language take POST only by design, and the reset link
# answers "expired" to a made-up token whatever the method.
NO_METHOD_CHECK = ("logout", "core:set_language", "password_reset_confirm")


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n not in NO_METHOD_CHECK))
def test_the_wrong_http_method_is_refused(name, world, client_for):
    method, _table = EXPECTED[name]
    client = client_for(
        "anonymous" if name in ("login", "password_reset", "password_reset_confirm") else "coordinator"
    )
    url = reverse(name, args=_args(name, world))
    if name in FORM_VIEWS:
        response = client.put(url)
    elif method == "GET":
        response = client.post(url)
    else:
        response = client.get(url)
    assert response.status_code == 405
