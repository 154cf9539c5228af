"""Co-development initiatives (issue 10): phases with their decisions, redefinition that tells
everyone involved, who may do what, the PDF report, and where initiatives show."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from checkpoints.models import Checkpoint
from core.models import OutboxMessage, Role
from partnerships import permissions, services
from partnerships.models import EntryKind, InitiativeEntry, InitiativeNotice, InitiativePhase

from ..brochures.pdfs import text_of
from ..conftest import _client_for
from ..factories import ContactPersonFactory, EmployerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    """A teacher taking part in the initiative without owning it."""
    user = UserFactory(username="member", first_name="Mikko", last_name="Mukana")
    user.groups.add(Group.objects.get(name=Role.TEACHER))
    return user


@pytest.fixture
def initiative(teacher, member):
    employer = EmployerFactory(name="Konepaja Virtanen Oy")
    representative = ContactPersonFactory(
        employer=employer,
        first_name="Riikka",
        last_name="Edustaja",
        email="riikka@konepaja.example",
        language="en",
    )
    initiative = services.initiative_create(
        by=teacher,
        data={
            "title": "Workplace instructor induction in two hours",
            "starting_point": "Instructors say the induction takes a whole day they do not have.",
            "goal": "Every instructor inducted before the period starts",
            "need": "A shorter induction",
            "scope": "Metal sector employers",
            "checkpoints": Checkpoint.objects.filter(number__in=[4, 5]),
            "employers": [employer],
            "representatives": [representative],
            "staff": [member],
            "resources": "Two teachers, 20 hours",
            "start_date": datetime.date(2026, 9, 1),
            "end_date": datetime.date(2027, 5, 31),
            "metrics": "Share of instructors inducted before the period ≥ 90 %",
        },
    )
    return initiative


def test_starting_an_initiative_makes_its_creator_the_owner_in_the_first_phase(initiative, teacher):
    assert initiative.owner == teacher
    assert initiative.phase == InitiativePhase.UNDERSTAND
    assert sorted(c.number for c in initiative.checkpoints.all()) == [4, 5]
    assert initiative.employers.get().name == "Konepaja Virtanen Oy"


def test_a_representative_must_work_for_an_employer_taking_part(teacher):
    stranger = ContactPersonFactory()
    with pytest.raises(ValidationError) as error:
        services.initiative_create(
            by=teacher,
            data={
                "title": "X",
                "starting_point": "Y",
                "employers": [EmployerFactory()],
                "representatives": [stranger],
            },
        )
    assert "representatives" in error.value.message_dict


def test_phase_transitions_are_recorded_with_their_decisions(initiative, teacher):
    services.initiative_change_phase(
        initiative=initiative,
        by=teacher,
        to_phase=InitiativePhase.IDEATE,
        decision="Workshop agreed the goal",
    )
    services.initiative_change_phase(
        initiative=initiative, by=teacher, to_phase=InitiativePhase.IMPLEMENT, decision="Prototype B chosen"
    )
    initiative.refresh_from_db()
    assert initiative.phase == InitiativePhase.IMPLEMENT
    changes = list(initiative.entries.filter(kind=EntryKind.PHASE_CHANGE).order_by("pk"))
    assert [(e.from_phase, e.to_phase, e.text, e.phase) for e in changes] == [
        ("understand", "ideate", "Workshop agreed the goal", "understand"),
        ("ideate", "implement", "Prototype B chosen", "ideate"),
    ]
    assert all(e.author == teacher for e in changes)
    # The audit trail has the phase change as well.
    assert [h.phase for h in initiative.history.order_by("history_id")][-2:] == ["ideate", "implement"]


def test_a_phase_change_needs_a_decision_and_a_different_phase(initiative, teacher):
    with pytest.raises(ValidationError) as error:
        services.initiative_change_phase(initiative=initiative, by=teacher, to_phase="ideate", decision="  ")
    assert "decision" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.initiative_change_phase(
            initiative=initiative, by=teacher, to_phase="understand", decision="x"
        )
    assert not initiative.entries.exists()


def test_a_jump_skipping_a_phase_or_going_back_must_be_explained(initiative, teacher):
    with pytest.raises(ValidationError) as error:
        services.initiative_change_phase(
            initiative=initiative, by=teacher, to_phase=InitiativePhase.IMPLEMENT, decision="Straight to it"
        )
    assert "explanation" in error.value.message_dict
    initiative.refresh_from_db()
    assert initiative.phase == InitiativePhase.UNDERSTAND and not initiative.entries.exists()
    # The next phase needs no explanation, and none is kept.
    step = services.initiative_change_phase(
        initiative=initiative, by=teacher, to_phase="ideate", decision="Definition agreed", explanation="x"
    )
    assert step.explanation == ""
    with pytest.raises(ValidationError) as error:
        services.initiative_change_phase(
            initiative=initiative, by=teacher, to_phase="understand", decision="Back", explanation="  "
        )
    assert "explanation" in error.value.message_dict
    back = services.initiative_change_phase(
        initiative=initiative,
        by=teacher,
        to_phase="understand",
        decision="Back to understanding",
        explanation="The prototype showed the need was misunderstood.",
    )
    assert back.explanation == "The prototype showed the need was misunderstood."
    assert back.history.get().explanation == back.explanation  # kept in the audit trail
    # Implementation to completion is the following step.
    initiative.phase = InitiativePhase.IMPLEMENT
    initiative.save()
    done = services.initiative_change_phase(
        initiative=initiative, by=teacher, to_phase="completed", decision="Done"
    )
    assert done.to_phase == "completed"


def test_the_phase_form_asks_for_the_jumps_explanation_and_shows_it_in_the_log(initiative, teacher):
    client = _client_for(teacher)
    url = reverse("partnerships:initiative_phase", args=[initiative.pk])
    response = client.post(
        url, {"phase-to_phase": "implement", "phase-decision": "Valmis malli"}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tämä ohittaa vaiheen tai palaa taaksepäin" in page and "Valmis malli" in page
    initiative.refresh_from_db()
    assert initiative.phase == "understand"
    response = client.post(
        url,
        {
            "phase-to_phase": "implement",
            "phase-decision": "Valmis malli",
            "phase-explanation": "Toisen oppilaitoksen malli otetaan käyttöön sellaisenaan.",
        },
    )
    assert response.status_code == 302
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Toisen oppilaitoksen malli otetaan käyttöön sellaisenaan." in page


def test_the_phase_form_keeps_what_was_typed_and_changes_the_phase(initiative, teacher):
    client = _client_for(teacher)
    url = reverse("partnerships:initiative_phase", args=[initiative.pk])
    response = client.post(url, {"phase-to_phase": "ideate", "phase-decision": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert 'value="ideate" selected' in response.content.decode()
    response = client.post(url, {"phase-to_phase": "ideate", "phase-decision": "Definition agreed"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.phase == "ideate"


def test_redefinition_notifies_the_people_involved(initiative, teacher, member, coordinator, mailoutbox):
    swede = UserFactory(username="swede", language="sv")
    swede.groups.add(Group.objects.get(name=Role.TEACHER))
    initiative.staff.add(coordinator, swede)
    entry = services.initiative_redefine(
        initiative=initiative,
        by=coordinator,
        data={
            "goal": "Every instructor inducted, online option included",
            "need": "A shorter induction",
            "scope": "",
        },
        decision="Steering group, 3 Nov: employers asked for an online option",
    )
    assert entry.kind == EntryKind.REDEFINITION
    assert entry.before == {
        "goal": "Every instructor inducted before the period starts",
        "scope": "Metal sector employers",
    }
    assert entry.after == {"goal": "Every instructor inducted, online option included", "scope": ""}
    initiative.refresh_from_db()
    assert initiative.goal == "Every instructor inducted, online option included"
    # In the portal: the owner and the member, not the coordinator who decided.
    assert set(InitiativeNotice.objects.values_list("user__username", flat=True)) == {
        "teacher",
        "member",
        "swede",
    }
    # By e-mail: the staff and the employer's representative, each in their language.
    messages = {m.to_email: m for m in OutboxMessage.objects.filter(kind="initiative-redefined")}
    assert set(messages) == {teacher.email, member.email, swede.email, "riikka@konepaja.example"}
    assert "ändrades" in messages[swede.email].subject  # in each one's language
    representative = messages["riikka@konepaja.example"]
    assert "Workplace instructor induction in two hours" in representative.subject
    assert "employers asked for an online option" in representative.body_text
    assert "Metal sector employers" in representative.body_text  # the old scope, shown as before
    assert (
        reverse("partnerships:initiative_detail", args=[initiative.pk]) not in representative.body_text
    )  # no account
    assert (
        reverse("partnerships:initiative_detail", args=[initiative.pk]) in messages[teacher.email].body_text
    )
    # The messages go out through the outbox, and only once however often the task runs.
    from core.email import outbox_deliver, outbox_due_ids

    for message_id in outbox_due_ids():
        outbox_deliver(message_id)
        outbox_deliver(message_id)
    assert sorted(m.to[0].split("<")[-1].rstrip(">") for m in mailoutbox) == sorted(messages)


def test_the_notice_shows_on_the_home_page_until_read(initiative, teacher, coordinator):
    services.initiative_redefine(
        initiative=initiative, by=coordinator, data={"need": "A new need"}, decision="Survey results"
    )
    client = _client_for(teacher)
    home = client.get(reverse("partnerships:home")).content.decode()
    assert "News from the initiatives you take part in" in home
    assert "Survey results" in home
    client.get(reverse("partnerships:initiative_detail", args=[initiative.pk]))
    assert "News from the initiatives" not in client.get(reverse("partnerships:home")).content.decode()


def test_mark_all_notices_read(initiative, teacher, coordinator):
    services.initiative_redefine(initiative=initiative, by=coordinator, data={"need": "Other"}, decision="d")
    response = _client_for(teacher).post(reverse("partnerships:initiative_notices_read"))
    assert response.status_code == 302
    assert not InitiativeNotice.objects.filter(user=teacher, read_at__isnull=True).exists()


def test_a_redefinition_that_changes_nothing_is_refused(initiative, teacher):
    with pytest.raises(ValidationError):
        services.initiative_redefine(
            initiative=initiative, by=teacher, data={"need": "A shorter induction"}, decision="no change"
        )
    assert not OutboxMessage.objects.exists()


def test_the_redefinition_page_keeps_what_was_typed(initiative, teacher):
    client = _client_for(teacher)
    url = reverse("partnerships:initiative_redefine", args=[initiative.pk])
    response = client.post(url, {"goal": "A brand new goal", "need": "n", "scope": "s", "decision": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A brand new goal" in html and "This field is required." in html
    initiative.refresh_from_db()
    assert initiative.goal == "Every instructor inducted before the period starts"
    response = client.post(url, {"goal": "A brand new goal", "need": "n", "scope": "s", "decision": "Why"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.goal == "A brand new goal"


def test_editing_leaves_the_definition_alone(initiative, teacher, member):
    form_data = {
        "title": "New title",
        "starting_point": "s",
        "goal": "sneaked in",
        "checkpoints": [Checkpoint.objects.get(number=4).pk],
        "employers": [initiative.employers.get().pk],
        "representatives": [],
        "owner": teacher.pk,
        "staff": [member.pk],
        "resources": "",
        "start_date": "2026-09-01",
        "end_date": "2026-08-01",
        "metrics": "",
    }
    client = _client_for(teacher)
    url = reverse("partnerships:initiative_edit", args=[initiative.pk])
    response = client.post(url, form_data)
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert 'value="New title"' in response.content.decode()
    response = client.post(url, {**form_data, "end_date": "2027-01-31"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "New title"
    assert initiative.goal == "Every instructor inducted before the period starts"
    assert not initiative.representatives.exists()


# Permissions: the owner and coordinators edit; the other staff involved log; everyone else reads.


def test_permissions_in_the_services(initiative, teacher, member, other_teacher, coordinator):
    for user in (teacher, coordinator):
        assert permissions.can_edit_initiative(user, initiative)
    for user in (member, other_teacher):
        assert not permissions.can_edit_initiative(user, initiative)
        with pytest.raises(PermissionDenied):
            services.initiative_change_phase(initiative=initiative, by=user, to_phase="ideate", decision="x")
        with pytest.raises(PermissionDenied):
            services.initiative_redefine(initiative=initiative, by=user, data={"need": "x"}, decision="x")
        with pytest.raises(PermissionDenied):
            services.initiative_update(initiative=initiative, by=user, data={"title": "x"})
    services.initiative_log(
        initiative=initiative,
        by=member,
        data={"kind": "interview", "date": datetime.date(2026, 9, 15), "text": "3 instructors"},
    )
    with pytest.raises(PermissionDenied):
        services.initiative_log(initiative=initiative, by=other_teacher, data={"kind": "note", "text": "x"})


@pytest.mark.parametrize(
    "who, read, edit, log",
    [
        ("teacher", 200, 200, 302),  # the owner
        ("member", 200, 403, 302),
        ("other_teacher", 200, 403, 403),
        ("coordinator", 200, 200, 302),
    ],
)
def test_permissions_of_the_pages(request, initiative, who, read, edit, log):
    client = _client_for(request.getfixturevalue(who))
    assert client.get(reverse("partnerships:initiative_detail", args=[initiative.pk])).status_code == read
    assert client.get(reverse("partnerships:initiative_edit", args=[initiative.pk])).status_code == edit
    assert client.get(reverse("partnerships:initiative_redefine", args=[initiative.pk])).status_code == edit
    response = client.post(
        reverse("partnerships:initiative_log", args=[initiative.pk]),
        {"entry-kind": "workshop", "entry-date": "2026-10-01", "entry-text": f"Workshop by {who}"},
    )
    assert response.status_code == log
    assert InitiativeEntry.objects.filter(text=f"Workshop by {who}").exists() == (log == 302)
    page = client.get(reverse("partnerships:initiative_detail", args=[initiative.pk])).content.decode()
    assert ("Add to the log" in page) == (log == 302)
    assert ("Change the phase" in page) == (edit == 200)


def test_the_log_form_keeps_what_was_typed(initiative, member):
    response = _client_for(member).post(
        reverse("partnerships:initiative_log", args=[initiative.pk]),
        {"entry-kind": "survey", "entry-date": "31.2.2026", "entry-text": "Survey to 40 instructors"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Survey to 40 instructors" in html and "Enter a valid date." in html


def test_evaluation_entries_record_what_was_measured_when_and_what_changed(initiative, member):
    client = _client_for(member)
    response = client.post(
        reverse("partnerships:initiative_evaluate", args=[initiative.pk]),
        {
            "evaluation-date": "2026-12-01",
            "evaluation-measured": "Instructors inducted before the period",
            "evaluation-result": "72 %",
            "evaluation-text": "Added an evening session",
        },
    )
    assert response.status_code == 302
    entry = initiative.entries.get(kind=EntryKind.EVALUATION)
    assert (entry.date, entry.measured, entry.result, entry.text) == (
        datetime.date(2026, 12, 1),
        "Instructors inducted before the period",
        "72 %",
        "Added an evening session",
    )
    page = client.get(reverse("partnerships:initiative_detail", args=[initiative.pk])).content.decode()
    assert "72 %" in page and "Added an evening session" in page
    missing = client.post(
        reverse("partnerships:initiative_evaluate", args=[initiative.pk]), {"evaluation-text": "kept"}
    )
    assert missing.status_code == 400 and "kept" in missing.content.decode()


def test_the_page_shows_the_workbook_guidance_of_the_phase_in_the_users_language(initiative, teacher):
    client = _client_for(teacher)
    html = client.get(reverse("partnerships:initiative_detail", args=[initiative.pk])).content.decode()
    assert "Listen and document, for example through interviews" in html
    client.post(reverse("core:set_language"), {"language": "fi"})
    html = client.get(
        reverse("partnerships:initiative_detail", args=[initiative.pk]), headers={"Accept-Language": "fi"}
    ).content
    assert "Kuuntele ja dokumentoi" in html.decode()


def test_the_pdf_report_carries_the_phases_and_their_logs(initiative, teacher):
    services.initiative_log(
        initiative=initiative,
        by=teacher,
        data={
            "kind": "interview",
            "date": datetime.date(2026, 9, 10),
            "text": "Interviewed five instructors",
        },
    )
    services.initiative_change_phase(
        initiative=initiative, by=teacher, to_phase="ideate", decision="Needs agreed"
    )
    services.initiative_log(
        initiative=initiative,
        by=teacher,
        data={"kind": "prototype", "date": datetime.date(2026, 10, 2), "text": "Tried a video induction"},
    )
    services.initiative_evaluate(
        initiative=initiative,
        by=teacher,
        date=datetime.date(2026, 11, 1),
        measured="Induction time",
        result="1.5 h",
        text="Kept the video",
    )
    response = _client_for(teacher).get(reverse("partnerships:initiative_pdf", args=[initiative.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    text = " ".join(text.split())
    for expected in (
        "Workplace instructor induction in two hours",
        "1 Understanding and definition",
        "2 Ideation and solutions",
        "3 Implementation and roll-out",
        "Interviewed five instructors",
        "Needs agreed",
        "Tried a video induction",
        "Induction time",
        "Kept the video",
        "Konepaja Virtanen Oy",
    ):
        assert expected in text, expected
    # Each log line sits under its own phase.
    heading = text.index("2 Ideation and solutions (current phase)")
    assert text.index("Interviewed five instructors") < heading < text.index("Tried a video induction")


def test_an_employers_page_lists_its_initiatives(initiative, other_teacher):
    employer = initiative.employers.get()
    html = _client_for(other_teacher).get(employer.get_absolute_url()).content.decode()
    assert initiative.get_absolute_url() in html
    assert "1 Understanding and definition" in html


def test_the_dashboard_shows_initiatives_in_progress_by_phase_and_checkpoint(
    initiative, teacher, coordinator
):
    other = services.initiative_create(
        by=coordinator,
        data={
            "title": "Feedback loop",
            "starting_point": "s",
            "checkpoints": Checkpoint.objects.filter(number=6),
        },
    )
    services.initiative_change_phase(initiative=other, by=coordinator, to_phase="ideate", decision="d")
    done = services.initiative_create(by=coordinator, data={"title": "Old one", "starting_point": "s"})
    services.initiative_change_phase(
        initiative=done,
        by=coordinator,
        to_phase="completed",
        decision="finished",
        explanation="Stopped after the definition: the employers solved it themselves.",
    )
    from partnerships.selectors import dashboard

    figures = dashboard.initiatives(dashboard.Filters())
    assert [p["total"] for p in figures["phases"]] == [1, 1, 0]
    rows = {row["checkpoint"].number: row["counts"] for row in figures["rows"] if row["checkpoint"]}
    assert rows[4] == [1, 0, 0] and rows[5] == [1, 0, 0] and rows[6] == [0, 1, 0] and rows[1] == [0, 0, 0]
    html = _client_for(coordinator).get(reverse("partnerships:review_dashboard")).content.decode()
    assert "Co-development initiatives in progress" in html
    assert f"{reverse('partnerships:initiative_list')}?phase=ideate" in html
    # A teacher's own view counts the initiatives they take part in.
    own = dashboard.initiatives(dashboard.Filters(owner_id=teacher.pk))
    assert own["total"] == 1


def test_the_list_filters_by_phase_checkpoint_and_participation(initiative, member, coordinator):
    services.initiative_create(by=coordinator, data={"title": "Feedback loop", "starting_point": "s"})
    client = _client_for(member)
    html = client.get(reverse("partnerships:initiative_list")).content.decode()
    assert "Feedback loop" in html and initiative.title in html
    html = client.get(reverse("partnerships:initiative_list"), {"mine": "on"}).content.decode()
    assert "Feedback loop" not in html and initiative.title in html
    checkpoint = Checkpoint.objects.get(number=4)
    html = client.get(reverse("partnerships:initiative_list"), {"checkpoint": checkpoint.pk}).content.decode()
    assert "Feedback loop" not in html and initiative.title in html
    html = client.get(reverse("partnerships:initiative_list"), {"phase": "ideate"}).content.decode()
    assert "No initiatives to show." in html


def test_starting_from_an_employer_page_preselects_it(teacher):
    employer = EmployerFactory(name="Leipomo Oy")
    ContactPersonFactory(employer=employer, first_name="Liisa", last_name="Leipuri")
    html = (
        _client_for(teacher)
        .get(reverse("partnerships:initiative_create"), {"employer": employer.pk})
        .content.decode()
    )
    assert f'value="{employer.pk}" selected' in html
    assert "Liisa Leipuri" in html  # its people are offered as representatives


def test_query_counts_do_not_grow_with_the_log(initiative, teacher, django_assert_max_num_queries):
    for n in range(30):
        services.initiative_log(initiative=initiative, by=teacher, data={"kind": "note", "text": f"note {n}"})
    client = _client_for(teacher)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("partnerships:initiative_detail", args=[initiative.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("partnerships:initiative_list")).status_code == 200


def test_the_change_history_shows_people_added(initiative, teacher, coordinator):
    initiative.staff.add(coordinator)
    html = (
        _client_for(coordinator)
        .get(reverse("partnerships:history", args=["initiative", initiative.pk]))
        .content.decode()
    )
    assert initiative.title in html
