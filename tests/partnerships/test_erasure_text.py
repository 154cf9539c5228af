"""Erasure reaches the free text staff typed: every inflected form of the student's names and
their student number are replaced, in the rows and in the change history; the erasure's
record lists what changed and what to check; no cache entry keeps the old text."""

import datetime
import io
import pickle
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checkpoints.models import AnnualActivity
from core.cachescrub import cache_delete_mentioning
from partnerships import services
from partnerships.models import (
    Agreement,
    AgreementItem,
    Contact,
    Employer,
    FeedbackReaction,
    FeedbackRequest,
    Initiative,
    InitiativeEntry,
    Student,
)
from partnerships.services.mentions import RELATED, TEXTS, Mentions

from ..factories import (
    ContactFactory,
    ContactPersonFactory,
    EmployerFactory,
    StudentFactory,
    UserFactory,
    training_agreement,
)

pytestmark = pytest.mark.django_db

IIDA = {"first_name": "Iida", "last_name": "Heikkinen", "student_number": "JL24007"}


def _erase(student, by=None) -> Student:
    return services.erase_student(student, by=by, reason="request")


def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def test_the_issues_contact_summary_keeps_its_text_without_the_name_or_the_number(teacher):
    student = StudentFactory(**IIDA)
    contact = ContactFactory(author=teacher, summary="Soitin Iida Heikkisen (JL24007) ohjaajalle.")
    _erase(student)
    contact.refresh_from_db()
    assert contact.summary == "Soitin *** (***) ohjaajalle."


# Twenty-odd real forms, each in a sentence of its own, all in one erasure.
SENTENCES = [
    ("Heikkisen jakso alkaa maanantaina.", "*** jakso alkaa maanantaina."),
    ("Ohjaaja kehui Heikkistä.", "Ohjaaja kehui ***."),
    ("Lähetin Heikkiselle viestin.", "Lähetin *** viestin."),
    ("Heikkisellä on kaikki hyvin.", "*** on kaikki hyvin."),
    ("Kysyin Heikkiseltä työajoista.", "Kysyin *** työajoista."),
    ("Heikkisestä tuli palautetta.", "*** tuli palautetta."),
    ("Otin yhteyttä Heikkiseen.", "Otin yhteyttä ***."),
    ("Iidan ohjaaja vaihtuu.", "*** ohjaaja vaihtuu."),
    ("Soitin Iidalle.", "Soitin ***."),
    ("Sain Iidalta sähköpostin.", "Sain *** sähköpostin."),
    ("Ohjaaja kiitti Iidaa.", "Ohjaaja kiitti ***."),
    ("Iidasta on pidetty.", "*** on pidetty."),
    ("Iidallakin on avain.", "*** on avain."),
    ("IIDAN tunnus on JL24007:n mukainen.", "*** tunnus on *** mukainen."),
    ("Opiskelijanumero jl24007 tarkistettu.", "Opiskelijanumero *** tarkistettu."),
    ("Iida Heikkisen kanssa sovittu.", "*** kanssa sovittu."),
    ("Heikkiset muuttivat.", "*** muuttivat."),
    ("Talked to Iida's instructor.", "Talked to ***'s instructor."),
    ("Heikkisenä päivänä.", "*** päivänä."),
    ("Iidaksi kutsuttu.", "*** kutsuttu."),
    ("Iidassa on intoa.", "*** on intoa."),
]
UNTOUCHED = [
    "Heikki soitti heinäkuussa.",
    "Heikin kanssa sovittiin, Heikkilä myös.",
    "Iidamaria ja Heikkistö eivät ole sama asia.",
    "Opiskelijanumero JL240070 on toisen.",
]


def test_every_inflected_form_is_replaced_and_look_alikes_are_kept(teacher):
    student = StudentFactory(**IIDA)
    employer = EmployerFactory()
    contacts = [
        ContactFactory(employer=employer, author=teacher, summary=text)
        for text in [s for s, _ in SENTENCES] + UNTOUCHED
    ]
    _erase(student)
    summaries = list(Contact.objects.filter(pk__in=[c.pk for c in contacts]).order_by("pk"))
    assert [c.summary for c in summaries] == [expected for _, expected in SENTENCES] + UNTOUCHED


def _another_students_agreement(teacher, employer):
    today = timezone.localdate()
    return training_agreement(
        teacher=teacher,
        employer=employer,
        start=today - datetime.timedelta(days=30),
        end=today + datetime.timedelta(days=30),
    )


def test_a_longer_name_that_contains_the_full_name_is_kept(teacher):
    student = StudentFactory(first_name="Anna", last_name="Koski")
    contact = ContactFactory(author=teacher, summary="Joanna Koskinen soitti, Anna Koski ei")
    _erase(student)
    contact.refresh_from_db()
    assert contact.summary == "Joanna Koskinen soitti, *** ei"


def test_free_text_of_every_kind_and_its_change_history_loses_the_name(teacher, coordinator):
    student = StudentFactory(**IIDA)
    employer = EmployerFactory(notes="Iidalle sopiva paikka")
    employer.notes = "Iidalle sopiva paikka, Heikkisen mukaan myös muille"
    employer.save()  # two history rows now hold the name
    other = _another_students_agreement(teacher, employer)
    other.end_reason = "Vaihtoi paikkaa Heikkisen kanssa"
    other.save()
    item = AgreementItem.objects.create(
        agreement=other, kind="induction", not_applicable_reason="Perehdytys yhdessä Iidan kanssa"
    )
    initiative = Initiative.objects.create(
        title="Työpaikkaohjaajien ilta",
        starting_point="JL24007 ehdotti iltaa",
        goal="Iida Heikkinen esittelee",
        owner=coordinator,
    )
    initiative.goal = "Heikkinen esittelee"
    initiative.save()
    entry = InitiativeEntry.objects.create(
        initiative=initiative,
        phase=initiative.phase,
        text="Iidalta kysytty",
        before={"goal": "Iida Heikkinen esittelee"},
        author=coordinator,
    )
    request = FeedbackRequest.objects.create(
        work_period=other.work_periods.get(),
        respondent="workplace",
        person=ContactPersonFactory(employer=employer),
        comment="Iida oli paras harjoittelija",
    )
    reaction = FeedbackReaction.objects.create(request=request, text="Kerrottu Iidalle", by=coordinator)
    reaction.text = "Kerrottu Iidalle ja ohjaajalle"
    reaction.save()
    contact = ContactFactory(employer=employer, author=teacher, summary="x", follow_up_note="Soita Iidalle")
    activity = AnnualActivity.objects.create(
        kind="event", start_month=5, start_day=1, end_month=5, end_day=2, description="Iidan esitys keväällä"
    )

    dump = _dump()
    assert "Iidalle" in dump and "Heikkisen" in dump and "JL24007 ehdotti" in dump  # the check can fail
    _erase(student, by=coordinator)

    dump = _dump()
    for word in ("Iida", "Heikki", "JL24007"):
        assert word not in dump
    employer.refresh_from_db()
    assert employer.notes == "*** sopiva paikka, *** mukaan myös muille"
    assert {h.notes for h in Employer.history.filter(id=employer.pk)} == {
        "*** sopiva paikka",
        "*** sopiva paikka, *** mukaan myös muille",
    }
    assert Agreement.history.filter(id=other.pk).latest().end_reason == "Vaihtoi paikkaa *** kanssa"
    item.refresh_from_db()
    assert item.not_applicable_reason == "Perehdytys yhdessä *** kanssa"
    initiative.refresh_from_db()
    assert (initiative.starting_point, initiative.goal) == ("*** ehdotti iltaa", "*** esittelee")
    entry.refresh_from_db()
    assert (entry.text, entry.before) == ("*** kysytty", {"goal": "*** esittelee"})
    request.refresh_from_db()
    assert request.comment == "*** oli paras harjoittelija"
    reaction.refresh_from_db()
    assert reaction.text == "Kerrottu *** ja ohjaajalle"
    contact.refresh_from_db()
    assert contact.follow_up_note == "Soita ***"
    activity.refresh_from_db()
    assert activity.description == "*** esitys keväällä"


def test_the_erasure_record_counts_the_changes_and_lists_the_doubtful_records(
    coordinator_client, teacher, coordinator
):
    student = StudentFactory(first_name="Iida", last_name="Salo", student_number="JL24100")
    StudentFactory(first_name="Iida", last_name="Virtanen")  # another Iida
    employer = EmployerFactory()
    ContactFactory(employer=employer, author=teacher, summary="JL24100 aloittaa maanantaina")
    doubtful = ContactFactory(employer=employer, author=teacher, summary="Tavattiin Iidan kanssa Salossa")
    employer.notes = "Salon toimipiste"
    employer.save()

    response = coordinator_client.post(
        reverse("partnerships:student_privacy", args=[student.pk]),
        {"reason": "request", "student_number": student.student_number},
    )
    assert response["Location"] == reverse("partnerships:student_privacy", args=[student.pk])

    record = Student.history.filter(id=student.pk).latest()
    report = record.erasure_report
    assert report["changed"] == [
        {"model": "partnerships.contact", "field": "summary", "history": False, "count": 2},
        {"model": "partnerships.employer", "field": "notes", "history": False, "count": 1},
        {"model": "partnerships.employer", "field": "notes", "history": True, "count": 1},
    ]
    reviewed = {(r["model"], r["pk"], r["history"]): r["reasons"] for r in report["review"]}
    assert reviewed == {
        ("partnerships.contact", doubtful.pk, False): ["common_word", "other_person"],
        ("partnerships.employer", employer.pk, False): ["common_word"],
        ("partnerships.employer", employer.pk, True): ["common_word"],
    }
    for value in ("Iida", "Salo", "JL24100"):
        assert value.lower() not in str(report).lower()  # no personal data in the record

    page = coordinator_client.get(response["Location"]).content.decode()
    contact_link = reverse("partnerships:employer_detail", args=[employer.pk]) + f"#contact-{doubtful.pk}"
    assert f'href="{contact_link}"' in page
    assert f'href="{reverse("partnerships:history", args=["employer", employer.pk])}"' in page
    assert "also the name of another person in the portal" in page
    assert "also a common word or a place name" in page
    assert "Rows changed" in page
    finnish = coordinator_client.get(response["Location"], headers={"Accept-Language": "fi"}).content.decode()
    assert "Tarkistettavat" in finnish
    swedish = coordinator_client.get(response["Location"], headers={"Accept-Language": "sv"}).content.decode()
    assert "Att kontrollera" in swedish


@pytest.mark.parametrize("other", ["student", "contact person", "user"])
def test_a_name_that_another_person_in_the_portal_has_is_flagged(other, teacher):
    make = {
        "student": lambda: StudentFactory(first_name="Ville", last_name="Harmaa"),
        "contact person": lambda: ContactPersonFactory(first_name="Harmaa"),
        "user": lambda: UserFactory(first_name="Oskari", last_name="Harmaa"),
    }[other]
    make()
    student = StudentFactory(first_name="Ulla", last_name="Harmaa")
    contact = ContactFactory(author=teacher, summary="Harmaalle soitettu")
    ContactFactory(author=teacher, summary="Ullalle soitettu")
    _erase(student)
    [item] = Student.history.filter(id=student.pk).latest().erasure_report["review"]
    assert (item["pk"], item["reasons"]) == (contact.pk, ["other_person"])


def test_an_erasure_that_found_nothing_says_so(coordinator_client):
    student = StudentFactory(first_name="Ulla", last_name="Uniikki")
    _erase(student)
    page = coordinator_client.get(reverse("partnerships:student_privacy", args=[student.pk])).content.decode()
    assert "No free text mentioned the student." in page
    assert "Nothing needs checking." in page


def test_the_retention_sweep_reports_each_student_separately(teacher):
    first = StudentFactory(first_name="Iida", last_name="Heikkinen", student_number="JL1")
    second = StudentFactory(first_name="Veera", last_name="Nieminen", student_number="JL2")
    ContactFactory(author=teacher, summary="Iidalle ja Veeralle kerrottu")
    ContactFactory(author=teacher, summary="Niemisen jakso")
    services.privacy._erase([first, second], by=None, reason="retention")
    counts = {
        pk: Student.history.filter(id=pk).latest().erasure_report["changed"][0]["count"]
        for pk in (first.pk, second.pk)
    }
    assert counts == {first.pk: 1, second.pk: 2}
    assert set(Contact.objects.values_list("summary", flat=True)) == {"*** ja *** kerrottu", "*** jakso"}


def test_erasure_takes_the_same_number_of_queries_for_one_student_or_five(teacher, django_assert_num_queries):
    def erase(n: int) -> int:
        students = [StudentFactory(last_name=f"Mäkinen{i}", student_number=f"Q{n}{i}") for i in range(n)]
        for student in students:
            ContactFactory(author=teacher, summary=f"{student.last_name}:n jakso")
        with CaptureQueriesContext(connection) as queries:
            services.privacy._erase(students, by=None, reason="retention")
        return len(queries)

    assert erase(1) == erase(5)


# Caches and files ---------------------------------------------------------------------------


# Rendered brochures and logos: no text in them could be read this way (and none of it is
# about students, brochures.rendering).
BINARY = {".pdf", ".png", ".jpg", ".jpeg", ".webp"}


def _locmem_values_mentioning(words: list[str]) -> list[bytes]:
    values = caches["default"]._cache.values()
    return [v for v in values if any(w.lower() in v.decode("utf-8", "ignore").lower() for w in words)]


def _var_files_mentioning(words: list[str], under=None) -> list[str]:
    """Files under var/ (or `under`) that hold one of `words`, file-cache entries
    decompressed; the database files are the database's business and left out."""
    found = []
    for path in Path(under or settings.VAR_DIR).rglob("*"):
        if not path.is_file() or "sqlite3" in path.name or path.suffix in BINARY:
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        if path.suffix == ".djcache":
            try:
                with path.open("rb") as f:
                    pickle.load(f)
                    raw = zlib.decompress(f.read())
            except Exception:
                pass  # not a file cache entry after all: scan its raw bytes
        text = raw.decode("utf-8", "ignore").lower()
        if any(word.lower() in text for word in words):
            found.append(str(path))
    return found


def _fill_the_cache(client, employer, student):
    """Whatever pages and values a cache may hold about the student: the employer's page and
    the student's page as rendered, and a value stored directly."""
    for url in (
        employer.get_absolute_url(),
        student.get_absolute_url(),
        reverse("partnerships:student_list"),
    ):
        assert client.get(url).status_code == 200
    cache.set("kumppani:test:note", {"html": "<p>Soitin Iidalle</p>"}, 600)
    cache.set("kumppani:test:unrelated", "Matti soitti", 600)


@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.filebased.FileBasedCache"],
)
def test_no_cache_entry_or_file_holds_the_name_after_erasure(
    backend, settings, tmp_path, coordinator_client, teacher, django_capture_on_commit_callbacks
):
    location = str(tmp_path / "cache") if "filebased" in backend else "erasure-test"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": location}}
    cache.clear()
    student = StudentFactory(**IIDA)
    employer = EmployerFactory()
    ContactFactory(employer=employer, author=teacher, summary="Soitin Iida Heikkiselle (JL24007)")
    _fill_the_cache(coordinator_client, employer, student)
    cache.set("rate:feedback:1.2.3.4", 7, 60)  # a counter the erasure must not reset

    assert cache.get("kumppani:test:note")  # the checks below can fail
    # Long enough that no other test's leftovers under var/ hold them by chance.
    words = ["Heikkinen", "Heikkis", "JL24007", "Iidalle"]
    if "locmem" in backend:
        assert _locmem_values_mentioning(words)
    else:
        assert _var_files_mentioning(words, under=location)

    with django_capture_on_commit_callbacks(execute=True):
        services.erase_student(student, by=None, reason="request")
    assert cache.get("kumppani:test:note") is None
    assert cache.get("kumppani:test:unrelated") == "Matti soitti"
    assert cache.get("rate:feedback:1.2.3.4") == 7
    if "locmem" in backend:
        assert _locmem_values_mentioning(words) == []
    else:
        assert _var_files_mentioning(words, under=location) == []
    assert _var_files_mentioning(words) == []


def test_the_cache_is_scrubbed_only_after_the_erasure_commits(
    settings, teacher, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "c"}
    }
    student = StudentFactory(**IIDA)
    cache.set("page", "Iidan sivu", 600)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.erase_student(student, by=None, reason="request")
    assert cache.get("page") == "Iidan sivu"  # a rolled-back erasure would have removed nothing
    for callback in callbacks:
        callback()
    assert cache.get("page") is None


def test_the_cache_scan_matches_the_stems_whatever_the_case(settings):
    """Looser than in the database (a stem is enough: a cache entry deleted too many costs one
    render), so that no byte of the pickled value next to the name can hide it."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"}
    }
    student = StudentFactory(**IIDA)
    cache.set("a", "HEIKKISELLE", 60)
    cache.set("b", "heinäkuu", 60)
    cache.set("c", {"n": "jl24007:n"}, 60)
    assert cache_delete_mentioning(Mentions([student]).search) == 2
    assert cache.get("a") is None and cache.get("b") == "heinäkuu" and cache.get("c") is None


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: t.model.__name__)
def test_every_free_text_model_links_its_rows_and_history_rows_to_a_page(text):
    """The links are made only for doubtful rows: each must work before one is needed."""

    def row(model):
        values = {f.attname: 1 for f in model._meta.concrete_fields if f.is_relation}
        obj = model(**values)
        obj.pk = obj.id = 1
        return obj

    obj = row(text.model)
    for related in RELATED.get(text.model, ()):
        setattr(obj, related, row(text.model._meta.get_field(related).related_model))
    assert text.link(obj).startswith("/")
    history = getattr(text.model, "history", None)
    if history is not None:
        assert text.history_link is not None
        record = row(history.model)
        record.id = 1
        assert text.history_link(record).startswith("/")
        assert all(hasattr(history.model, name) for name in text.fields)
