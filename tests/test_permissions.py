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
    "outbox_retry": ("POST", {"outsider": 404, "teacher": 302, "other_teacher": 404, "coordinator": 302}),
    "outbox_cancel": ("POST", {"outsider": 404, "teacher": 302, "other_teacher": 404, "coordinator": 302}),
    "outbox_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # Its status only to the person responsible for it and to coordinators; others get a 404.
    "outbox_status": ("GET", {"outsider": 404, "teacher": 200, "other_teacher": 404, "coordinator": 200}),
    # The stalled-work banner, loaded by htmx on every staff page.
    "background_status": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # The same answer for anyone, signed in or not: 503 here, as no worker runs in these tests.
    "healthz": ("GET", dict.fromkeys(ROLES, 503)),
    # The feedback link is the respondent's key: anyone holding it may answer.
    "feedback_form": ("GET", dict.fromkeys(ROLES, 200)),
    "feedback_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "feedback_analysis": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "feedback_detail": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "thanks_detail": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    # The opt-out link is the partner's key: anyone holding it may use it.
    "opt_out": ("GET", dict.fromkeys(ROLES, 200)),
    "set_language": (
        "POST",
        {"anonymous": 302, "outsider": 302, "teacher": 302, "other_teacher": 302, "coordinator": 302},
    ),
    "home": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "employer_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "employer_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "employer_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "employer_edit": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # Only the account owner (nobody in this world) and coordinators record a level.
    "employer_level": ("POST", {"teacher": 403, "other_teacher": 403, "coordinator": 302}),
    "employer_level_accept": ("POST", {"teacher": 403, "other_teacher": 403, "coordinator": 302}),
    # The one who recorded it today (the teacher) and coordinators correct a level record.
    "level_record_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "employer_set_active": ("POST", {"teacher": 403, "other_teacher": 403, "coordinator": 302}),
    "workplace_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "workplace_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "workplace_edit": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "person_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "person_edit": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "instructor_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "instructor_training_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "contact_create": ("POST", {"teacher": 302, "other_teacher": 302, "coordinator": 302}),
    # The contact was logged by `teacher`: only its author and coordinators may touch it.
    "contact_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "contact_delete": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "follow_up_done": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "student_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "student_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # The student is in a group `teacher` teaches: need to know (404, not a hint it exists).
    "student_detail": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "student_path_pdf": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "student_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "agreement_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "agreement_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # `teacher` is responsible for the agreement; the other teacher may not even see it.
    "agreement_detail": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "agreement_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "agreement_pdf": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "agreement_status": ("POST", {"teacher": 302, "other_teacher": 404, "coordinator": 302}),
    "agreement_item": ("POST", {"teacher": 302, "other_teacher": 404, "coordinator": 302}),
    "interruption_create": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "interruption_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "work_period_ehoks": ("POST", {"teacher": 302, "other_teacher": 404, "coordinator": 302}),
    "workplace_check_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "demonstration_create": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "demonstration_edit": ("GET", {"teacher": 200, "other_teacher": 404, "coordinator": 200}),
    "review_dashboard": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "self_assessment_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "self_assessment": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "self_assessment_pdf": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "annual_plan": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "annual_plan_ics": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "annual_activity_edit": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "unit_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "demonstration_calendar": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "branding_edit": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # No logo has been uploaded in this world.
    "branding_logo": ("GET", dict.fromkeys(ROLES, 404)),
    # The public brochure page and the public versions: no login.
    "brochure_index": ("GET", dict.fromkeys(ROLES, 200)),
    "accessibility_statement": ("GET", dict.fromkeys(ROLES, 200)),
    "privacy_notice": ("GET", dict.fromkeys(ROLES, 200)),
    "contact_export": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "import_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "import_mapping": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "import_preview": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "import_progress": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "duplicate_list": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "employer_merge": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "history": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # A student's data protection page, export and erasure: coordinators only.
    "student_privacy": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "student_export_json": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "student_export_pdf": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochure_preview": ("GET", dict.fromkeys(ROLES, 200)),
    "checklist_download": ("GET", dict.fromkeys(ROLES, 200)),
    # Asked for the teacher version here: internal, staff only.
    "brochure_download": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "brochure_admin": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochure_texts": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "brochure_share": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    # Co-development: every member of staff reads; the owner (teacher) and coordinators edit;
    # the staff involved log (other_teacher is not involved).
    "initiative_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "initiative_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "initiative_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "initiative_pdf": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "initiative_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "initiative_redefine": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "initiative_phase": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "initiative_log": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "initiative_evaluate": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "initiative_notices_read": ("POST", {"teacher": 302, "other_teacher": 302, "coordinator": 302}),
    # Partnership agreements: every member of staff reads them and their document;
    # coordinators record and edit them.
    "partnership_agreement_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnership_agreement_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnership_agreement_document": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "partnership_agreement_create": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "partnership_agreement_edit": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # The strategic network: every member of staff reads it; coordinators record and edit it.
    "network_organisation_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "network_organisation_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "network_organisation_create": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "network_organisation_edit": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "network_cooperation_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "network_cooperation_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "network_cooperation_create": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    "network_cooperation_edit": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
    # New partners: every member of staff reads and adds prospects; the prospect belongs to
    # `teacher`, so only they and coordinators edit or convert it.
    "prospect_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "prospect_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "prospect_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "prospect_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "prospect_convert": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    # Competence needs: every member of staff reads and records them; the need was recorded
    # by `teacher`, so only they and coordinators edit it or link it to the initiative (which
    # `teacher` owns); anyone may start an initiative of their own from it. The summary by
    # sector is the coordinator's.
    "competence_need_list": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "competence_need_create": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "competence_need_detail": ("GET", {"teacher": 200, "other_teacher": 200, "coordinator": 200}),
    "competence_need_edit": ("GET", {"teacher": 200, "other_teacher": 403, "coordinator": 200}),
    "competence_need_link": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "competence_need_unlink": ("POST", {"teacher": 302, "other_teacher": 403, "coordinator": 302}),
    "competence_need_initiative_create": (
        "GET",
        {"teacher": 200, "other_teacher": 200, "coordinator": 200},
    ),
    "competence_need_summary": ("GET", {"teacher": 403, "other_teacher": 403, "coordinator": 200}),
}
# Form pages answer GET (the form) and POST (its submission); anything else is refused.
FORM_VIEWS = {
    "employer_create",
    "employer_edit",
    "workplace_create",
    "workplace_edit",
    "person_create",
    "person_edit",
    "instructor_training_create",
    "contact_edit",
    "student_create",
    "student_edit",
    "agreement_create",
    "agreement_edit",
    "interruption_create",
    "interruption_edit",
    "workplace_check_create",
    "demonstration_create",
    "demonstration_edit",
    "unit_list",
    "self_assessment_list",
    "self_assessment",
    "annual_plan",
    "annual_activity_edit",
    "level_record_edit",
    "login",
    "feedback_form",
    "feedback_detail",
    "thanks_detail",
    "opt_out",
    "feedback_analysis",
    "password_reset",
    "password_reset_confirm",
    "branding_edit",
    "brochure_texts",
    "brochure_share",
    "import_list",
    "import_mapping",
    "import_preview",
    "employer_merge",
    "initiative_create",
    "initiative_edit",
    "initiative_redefine",
    "student_privacy",
    "partnership_agreement_create",
    "partnership_agreement_edit",
    "prospect_create",
    "prospect_edit",
    "network_organisation_create",
    "network_organisation_edit",
    "network_cooperation_create",
    "network_cooperation_edit",
    "competence_need_create",
    "competence_need_edit",
    "competence_need_initiative_create",
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
    return {
        "network_organisation": network_organisation,
        "network_cooperation": network_cooperation,
        "competence_need": competence_need,
        "prospect": prospect,
        "partnership_agreement": partnership_agreement,
        "initiative": initiative,
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
    if name == "feedback_form":
        return [world["feedback"].token]
    if name == "opt_out":
        return [world["person"].opt_out_token]
    if name == "brochure_download":
        return ["teacher", "fi", "blue"]
    if name == "brochure_preview":
        return ["employer", "fi", "blue"]
    if name == "checklist_download":
        return ["instructor", "fi"]
    if name == "brochure_texts":
        return ["sv"]
    if name == "brochure_share":
        return [world["employer"].pk]
    if name == "history":
        return ["agreement", world["agreement"].pk]
    by_kind = {
        "employer": (
            "employer_detail",
            "employer_edit",
            "employer_set_active",
            "employer_level",
            "employer_level_accept",
            "employer_merge",
        ),
        "import_job": ("import_mapping", "import_preview", "import_progress"),
        "employer_fk": ("workplace_create", "person_create", "contact_create"),
        "workplace": ("workplace_edit", "workplace_detail"),
        "person": ("person_edit", "instructor_detail", "instructor_training_create"),
        "contact": ("contact_edit", "contact_delete", "follow_up_done"),
        "student": (
            "student_detail",
            "student_edit",
            "demonstration_create",
            "student_privacy",
            "student_export_json",
            "student_export_pdf",
            "student_path_pdf",
        ),
        "demonstration": ("demonstration_edit",),
        "interruption": ("interruption_edit",),
        "outbox": ("outbox_retry", "outbox_cancel", "outbox_status"),
        "feedback": ("feedback_detail",),
        "thank_you": ("thanks_detail",),
        "assessment": ("self_assessment", "self_assessment_pdf"),
        "activity": ("annual_activity_edit",),
        "level_record": ("level_record_edit",),
        "agreement": (
            "agreement_detail",
            "agreement_edit",
            "agreement_pdf",
            "agreement_status",
            "agreement_item",
        ),
        "period": ("interruption_create", "work_period_ehoks"),
        "initiative": (
            "initiative_detail",
            "initiative_pdf",
            "initiative_edit",
            "initiative_redefine",
            "initiative_phase",
            "initiative_log",
            "initiative_evaluate",
        ),
        "workplace_fk": ("workplace_check_create",),
        "prospect": ("prospect_detail", "prospect_edit", "prospect_convert"),
        "network_organisation": ("network_organisation_detail", "network_organisation_edit"),
        "network_cooperation": ("network_cooperation_detail", "network_cooperation_edit"),
        "competence_need": (
            "competence_need_detail",
            "competence_need_edit",
            "competence_need_link",
            "competence_need_unlink",
            "competence_need_initiative_create",
        ),
        "partnership_agreement": (
            "partnership_agreement_detail",
            "partnership_agreement_document",
            "partnership_agreement_edit",
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
    if name == "competence_need_link":
        return {"initiative": world["initiative"].pk}
    if name == "competence_need_unlink":
        return {"initiative": world["competence_need"].initiatives.get().pk}
    if name == "contact_create":
        return {"date": timezone.localdate().isoformat(), "channel": "phone", "summary": "Soitto"}
    if name == "set_language":
        return {"language": "sv", "next": "/"}
    if name == "employer_set_active":
        return {"active": "0"}
    if name == "agreement_status":
        return {"status": "cancelled"}
    if name == "initiative_phase":
        return {"phase-to_phase": "ideate", "phase-decision": "Agreed in the workshop"}
    if name == "initiative_log":
        return {
            "entry-kind": "workshop",
            "entry-date": timezone.localdate().isoformat(),
            "entry-text": "Workshop",
        }
    if name == "initiative_evaluate":
        return {
            "evaluation-date": timezone.localdate().isoformat(),
            "evaluation-measured": "Time",
            "evaluation-text": "-",
        }
    if name == "agreement_item":
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
NO_METHOD_CHECK = ("logout", "set_language", "password_reset_confirm")


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
