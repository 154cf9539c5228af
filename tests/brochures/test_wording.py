"""The institution's own wording of every non-legal brochure and checklist text, per audience
and language: printed instead of our default, kept in its history, restored to the default,
refused for a legal statement or beyond its length, and at every maximum still one page."""

import pytest
from django.core.exceptions import ValidationError

from brochures import checklists, content, rendering, services, texts
from brochures.models import BrochureText, BrochureTextOverride, DownloadKind
from brochures.rendering import Inputs, Variant, brochure_render

from .conftest import stress_inputs
from .pdfs import normal, page_count, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_prerender(monkeypatch):
    from brochures import tasks

    monkeypatch.setattr(tasks.brochures_prerender, "apply_async", lambda **kw: None)


def reword(document, audience, language, data, by):
    return services.brochure_wording_update(
        document=document, audience=audience, language=language, data=data, by=by
    )


def test_an_own_heading_prints_for_its_audience_and_language_only(coordinator):
    reword("brochure", "employer", "fi", {"title": "Kumpi sopii?"}, coordinator)
    inputs = Inputs()
    employer = rendering.brochure_context(Variant(DownloadKind.BROCHURE, "employer", "fi", "blue"), inputs)
    student = rendering.brochure_context(Variant(DownloadKind.BROCHURE, "student", "fi", "blue"), inputs)
    swedish = rendering.brochure_context(Variant(DownloadKind.BROCHURE, "employer", "sv", "blue"), inputs)
    assert employer["title"] == "Kumpi sopii?"
    assert student["title"] == content.TITLE.fi and swedish["title"] == content.TITLE.sv
    assert BrochureTextOverride.history.get().history_user == coordinator


def test_a_checklist_item_is_reworded_and_the_key_of_only_its_file_moves(coordinator):
    variant = Variant(DownloadKind.CHECKLIST, "instructor", "en", "blue")
    other = Variant(DownloadKind.CHECKLIST, "student", "en", "blue")
    before, other_before = Inputs().key(variant), Inputs().key(other)
    reword(
        "checklist",
        "instructor",
        "en",
        {"item_instructor_know_contact": "Save our number: 040 123 4567."},
        coordinator,
    )
    inputs = Inputs()
    phases = rendering.checklist_context(variant, inputs)["phases"]
    assert phases[0]["items"][0]["text"] == "Save our number: 040 123 4567."
    assert inputs.key(variant) != before and Inputs().key(other) == other_before


def test_a_checklist_wording_stays_with_its_item_when_the_items_are_reordered(coordinator, monkeypatch):
    """The wording is stored under the item's own key, not its position: a new version that
    moves the item (here: the instructor's "before" items in reverse) prints it on the same
    item, now last, and the item now first keeps our default."""
    reword("checklist", "instructor", "en", {"item_instructor_know_contact": "Call Sari first."}, coordinator)
    variant = Variant(DownloadKind.CHECKLIST, "instructor", "en", "blue")
    items = checklists.CHECKLISTS["instructor"]
    reordered = {**items, "before": tuple(reversed(items["before"]))}
    monkeypatch.setitem(checklists.CHECKLISTS, "instructor", reordered)
    printed = rendering.checklist_context(variant, Inputs())["phases"][0]["items"]
    assert printed[-1] == {
        "text": "Call Sari first.",
        "checkpoint": 1,
        "checkpoint_name": printed[-1]["checkpoint_name"],
    }
    assert printed[0]["text"] == items["before"][-1].text.en


def test_the_migration_moves_wordings_by_position_to_the_items_keys(coordinator):
    """Rows and their history written under the old keys by position move to the items' keys;
    another audience's row with the same old key moves to its own item."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("brochures.migrations.0005_checklist_item_keys")
    for audience, text in (("instructor", "Soita Sarille."), ("teacher", "Kirjaa yhteydenotto heti.")):
        row = BrochureTextOverride(key="item_before_1", audience=audience, language="fi", text=text)
        row._history_user = coordinator
        row.save()
    migration.forwards(apps, None)
    words = rendering.wording("fi")
    assert words.get("item_instructor_know_contact", "instructor") == "Soita Sarille."
    assert words.get("item_teacher_log_contact", "teacher") == "Kirjaa yhteydenotto heti."
    assert set(BrochureTextOverride.history.values_list("key", flat=True)) == {
        "item_instructor_know_contact",
        "item_teacher_log_contact",
    }
    migration.backwards(apps, None)
    assert set(BrochureTextOverride.objects.values_list("key", flat=True)) == {"item_before_1"}


def test_a_legal_statement_cannot_be_reworded_even_by_a_forged_key(coordinator):
    for key in ("both", "summer", "bullet_0", "language", "item_before_4", "item_student_agreement_type"):
        with pytest.raises(ValidationError, match="legal statements are locked"):
            services.brochure_wording_update(
                document="checklist" if key.startswith("item") else "brochure",
                audience="student",
                language="fi",
                data={key: "Väärin."},
                by=coordinator,
            )
    # The student's item on the agreement types states the law: locked, printed as it is.
    assert checklists.CHECKLISTS["student"]["before"][3].text.source
    assert "item_student_agreement_type" not in {t.key for t in texts.editable("checklist", "student")}
    assert not BrochureTextOverride.objects.exists()


def test_a_text_for_another_audience_is_refused(coordinator):
    with pytest.raises(ValidationError):  # only the teacher version has the internal note
        reword("brochure", "employer", "fi", {"teacher_only": "X"}, coordinator)


def test_a_text_beyond_its_length_is_refused_naming_it(coordinator):
    with pytest.raises(ValidationError) as refused:
        services.brochure_wording_update(
            document="brochure", audience="student", language="en", data={"title": "x" * 31}, by=coordinator
        )
    assert "“Title” is 31 characters long; at most 30" in str(refused.value.message_dict["title"])
    assert not BrochureTextOverride.objects.exists()


def test_restoring_the_default_blanks_the_row_and_keeps_the_history(coordinator):
    reword(
        "brochure", "teacher", "sv", {"local_heading": "Hos oss", "contacts_heading": "Ring oss"}, coordinator
    )
    assert services.brochure_wording_restore(
        key="local_heading", audience="teacher", language="sv", by=coordinator
    )
    words = rendering.wording("sv")
    assert words.get("local_heading", "teacher") == content.LOCAL_PRACTICE_HEADING.sv
    assert words.get("contacts_heading", "teacher") == "Ring oss"
    row = BrochureTextOverride.objects.get(key="local_heading")
    assert [h.text for h in row.history.order_by("history_id")] == ["Hos oss", ""]
    # Already the default: nothing to restore, no new history.
    assert not services.brochure_wording_restore(key="local_heading", audience="teacher", language="sv")
    assert row.history.count() == 2


def test_saving_the_default_wording_stores_no_override(coordinator):
    changed = reword("brochure", "employer", "fi", {"title": content.TITLE.fi}, coordinator)
    assert changed == [] and not BrochureTextOverride.objects.exists()


def filler(limit: int, language: str) -> str:
    words = {
        "fi": "Työpaikkaohjaaja opiskelija sopimus ",
        "sv": "Arbetsplatshandledare studerande ",
        "en": "Workplace instructor apprenticeship ",
    }[language]
    return (words * (limit // len(words) + 1))[:limit]


def test_every_text_at_its_maximum_still_fits_one_page():
    """Every rewordable text at its maximum length, with the institution's own parts (the
    teacher version's introduction, local practice and funding note, and the links, included)
    and the branding at theirs: every brochure and checklist, the teacher brochure too, is still one
    A4 page (WeasyPrint) in Finnish, Swedish and English."""
    inputs = stress_inputs()
    variants = []
    for language in content.LANGUAGES:
        own = inputs._texts[language]
        for field in (
            "introduction_employer",
            "introduction_student",
            "introduction_teacher",
            "local_practice",
            "funding_note",
        ):
            setattr(own, field, filler(own._meta.get_field(field).max_length, language))
        own.local_practice = own.local_practice[:-11] + " Viimeinen."  # its end, printed
        link = "Oppisopimus työnantajalle | https://www.jarvilaakso.example/oppisopimus/tyonantaja\n"
        own.links = (link * 4)[: own._meta.get_field("links").max_length].strip()
        overrides = {}
        for document in texts.DOCUMENTS:
            for audience in texts.DOCUMENT_AUDIENCES[document]:
                for text in texts.editable(document, audience):
                    overrides[(text.key, audience)] = filler(text.max_length, language)
                kind = DownloadKind.BROCHURE if document == texts.BROCHURE else DownloadKind.CHECKLIST
                variants.append(Variant(kind, audience, language, "blue"))
        inputs._wording[language] = texts.Wording(language, overrides)
    pdfs = brochure_render(variants, inputs)
    pages = {
        f"{v.kind}-{v.audience}-{v.language}": page_count(pdf) for v, pdf in zip(variants, pdfs, strict=True)
    }
    assert len(pages) == 18 and pages == dict.fromkeys(pages, 1)
    # And the texts really are the long ones, the teacher's local practice too.
    assert normal(filler(40, "fi")[:20]) in normal(text_of(pdfs[0]))
    teacher_fi = pdfs[variants.index(Variant(DownloadKind.BROCHURE, "teacher", "fi", "blue"))]
    assert len(inputs._texts["fi"].local_practice) == 500
    assert normal("Viimeinen.") in normal(text_of(teacher_fi))


def test_a_text_beyond_the_one_page_limit_is_refused_naming_the_limit(coordinator_client):
    from django.urls import reverse

    url = reverse("brochures:brochure_texts", args=["fi"])
    response = coordinator_client.post(url, {"local_practice": "x" * 501}, headers={"Accept-Language": "en"})
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was saved yet." in page
    assert "This text is 501 characters long; at most 500 fit on the one-page brochure." in page
    assert not rendering.brochure_text("fi").pk


def wording_url(language="fi", document="brochure", audience="employer"):
    from django.urls import reverse

    return reverse("brochures:brochure_wording", args=[language, document, audience])


def test_a_coordinator_rewords_a_heading_on_the_page_and_restores_it(coordinator_client, coordinator):
    page = coordinator_client.get(wording_url()).content.decode()
    assert content.TITLE.fi in page and "The legal statements (locked)" in page and "L531" in page
    data = {text.key: text.default("employer", "fi") for text in texts.editable("brochure", "employer")}
    response = coordinator_client.post(wording_url(), data | {"title": "Kumpi sopii teille?"})
    assert response.status_code == 302
    assert rendering.wording("fi").get("title", "employer") == "Kumpi sopii teille?"
    assert BrochureTextOverride.objects.count() == 1  # the unchanged defaults store nothing
    coordinator_client.post(wording_url(), {"restore": "title"})
    assert rendering.wording("fi").get("title", "employer") == content.TITLE.fi


def test_a_forged_post_cannot_reword_a_legal_statement(coordinator_client):
    response = coordinator_client.post(wording_url(), {"both": "Väärin.", "summer": "Väärin."})
    assert response.status_code == 302 and not BrochureTextOverride.objects.exclude(text="").exists()
    response = coordinator_client.post(
        wording_url(document="checklist", audience="student"),
        {"restore": "item_student_agreement_type"},
        follow=True,
    )
    assert "legal statements are locked" in response.content.decode()
    assert not BrochureTextOverride.objects.exists()


def test_too_long_a_text_is_refused_on_the_page_and_nothing_is_saved(coordinator_client):
    response = coordinator_client.post(wording_url(language="sv"), {"title": "x" * 31})
    assert response.status_code == 200 and "Nothing was saved yet." in response.content.decode()
    assert not BrochureTextOverride.objects.exists()


def test_teachers_and_visitors_cannot_reword(teacher_client, anonymous_client):
    assert teacher_client.get(wording_url()).status_code == 403
    assert teacher_client.post(wording_url(), {"title": "X"}).status_code == 403
    assert anonymous_client.post(wording_url(), {"title": "X"}).status_code == 302
    assert not BrochureTextOverride.objects.exists()


def test_an_audience_of_the_other_document_is_not_found(coordinator_client):
    assert coordinator_client.get(wording_url(document="brochure", audience="instructor")).status_code == 404


def test_the_texts_history_shows_each_rewording_before_and_after(coordinator_client, coordinator):
    from django.urls import reverse

    reword("checklist", "instructor", "fi", {"phase_after": "Lopuksi"}, coordinator)
    services.brochure_wording_restore(key="phase_after", audience="instructor", language="fi", by=coordinator)
    html = coordinator_client.get(reverse("brochures:brochure_text_history", args=["fi"])).content.decode()
    assert html.count("Lopuksi") == 2 and html.count("our default text") == 2  # set, then restored
    assert "Workplace instructor: Heading: After the period" in html


def test_a_text_saved_before_its_limit_was_lowered_is_flagged_to_shorten(coordinator_client):
    """Nothing is cut by the lower limits: a longer text saved before them still prints, and
    the page names it with its length and limit until it is shortened."""
    from django.urls import reverse

    BrochureText.objects.create(language="en", local_practice="y" * 650)
    page = coordinator_client.get(reverse("brochures:brochure_texts", args=["en"])).content.decode()
    assert "our local practice (teacher version): 650 characters, at most 500" in page
    assert "y" * 650 in page  # kept in the form, for the coordinator to shorten
