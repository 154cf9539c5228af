"""Future competence needs: the rules of one need, the services from both sides, the pages
(prefilled from an employer or a contact), the list's filters and export, the links to
co-development initiatives, the history, and the coordinator's summary page with its CSV."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.forms.competence_needs import CompetenceNeedForm
from partnerships.models import CompetenceNeed, Horizon, NeedSource, Qualification

from ..factories import ContactFactory, EmployerFactory

QUERIES = 6  # the competence need list, whatever its number of rows


def data(**changes):
    return {
        "title": "Lämpöpumppujen asennus",
        "description": "Asiakkaat vaihtavat öljylämmityksen lämpöpumppuihin: asentajia tarvitaan.",
        "sector": "F",
        "horizon": Horizon.ONE_TO_THREE,
        "source": NeedSource.FORUM,
        **changes,
    }


def make(by, **changes):
    changes.setdefault("employer", EmployerFactory() if "organisation_name" not in changes else None)
    return services.competence_need_create(by=by, data=data(**changes))


def initiative(by, title="Asentajakoulutus"):
    return services.initiative_create(by=by, data={"title": title, "starting_point": "Asentajapula"})


# The rules of one need ----------------------------------------------------------------------


def test_a_need_names_an_employer_or_another_organisation(teacher):
    with pytest.raises(ValidationError) as error:
        services.competence_need_create(by=teacher, data=data(employer=None))
    assert "employer" in error.value.message_dict
    need = make(teacher, organisation_name="Rakennusteollisuus RT")
    assert need.source_organisation == "Rakennusteollisuus RT" and need.employer is None
    assert CompetenceNeed.objects.count() == 1


def test_a_need_from_a_contact_takes_the_contacts_employer(teacher):
    contact = ContactFactory(author=teacher)
    need = services.competence_need_create(
        by=teacher, data=data(employer=None, source=NeedSource.CONTACT, contact=contact)
    )
    assert need.employer == contact.employer and need.recorded_by == teacher


def test_a_contact_of_another_employer_or_another_source_is_refused(teacher):
    contact = ContactFactory(author=teacher)
    with pytest.raises(ValidationError) as error:
        make(teacher, source=NeedSource.CONTACT, contact=contact)  # make() names another employer
    assert error.value.message_dict["contact"] == ["The contact was logged with another employer."]
    with pytest.raises(ValidationError) as error:
        make(teacher, employer=contact.employer, source=NeedSource.SURVEY, contact=contact)
    assert "contact" in error.value.message_dict
    assert not CompetenceNeed.objects.exists()


def test_a_need_cannot_be_recorded_in_the_future(teacher):
    with pytest.raises(ValidationError) as error:
        make(teacher, recorded_on=timezone.localdate() + datetime.timedelta(days=1))
    assert "recorded_on" in error.value.message_dict


def test_deleting_the_contact_keeps_the_need(teacher):
    contact = ContactFactory(author=teacher)
    need = make(teacher, employer=contact.employer, source=NeedSource.CONTACT, contact=contact)
    services.contact_delete(contact=contact, by=teacher)
    need.refresh_from_db()
    assert need.contact is None and need.employer == contact.employer


# The services, from both sides --------------------------------------------------------------


def test_only_the_recorder_and_coordinators_edit_a_need(teacher, other_teacher, coordinator):
    need = make(teacher)
    with pytest.raises(PermissionDenied):
        services.competence_need_update(need=need, by=other_teacher, data={"title": "Toinen"})
    services.competence_need_update(need=need, by=coordinator, data={"horizon": Horizon.WITHIN_YEAR})
    services.competence_need_update(need=need, by=teacher, data={"title": "Uusi nimi"})
    need.refresh_from_db()
    assert (need.title, need.horizon) == ("Uusi nimi", Horizon.WITHIN_YEAR)


def test_someone_without_a_staff_role_records_nothing(db):
    from ..factories import UserFactory

    with pytest.raises(PermissionDenied):
        make(UserFactory(username="ulkopuolinen"))


def test_linking_is_for_the_needs_editor_or_the_initiatives_owner(teacher, other_teacher, coordinator):
    need = make(teacher)
    theirs = initiative(other_teacher, "Toisen aloite")
    services.competence_need_link(need=need, initiative=theirs, by=other_teacher)  # their initiative
    services.competence_need_link(need=need, initiative=theirs, by=teacher)  # twice: no change
    mine = initiative(teacher, "Oma aloite")
    with pytest.raises(PermissionDenied):
        services.competence_need_link(need=need, initiative=mine, by=other_teacher)
    assert list(need.initiatives.all()) == [theirs]
    services.competence_need_unlink(need=need, initiative=theirs, by=coordinator)
    assert not need.initiatives.exists()


def test_an_initiative_started_from_a_need_is_linked_to_it(teacher, other_teacher):
    need = make(teacher)
    started = services.competence_need_start_initiative(
        need=need, by=other_teacher, data={"title": "Aloite tarpeesta", "starting_point": need.description}
    )
    assert started.owner == other_teacher
    assert list(need.initiatives.all()) == [started]


def test_the_history_records_the_linked_initiatives(teacher):
    need = make(teacher)
    services.competence_need_update(need=need, by=teacher, data={"title": "Toinen nimi"})
    services.competence_need_link(need=need, initiative=initiative(teacher), by=teacher)
    need.save()  # simple-history records the m2m rows with a save
    latest = need.history.latest()
    assert latest.title == "Toinen nimi"
    assert [row.initiative_id for row in latest.initiatives.all()] == [need.initiatives.get().pk]


def test_merging_employers_moves_their_needs(teacher, coordinator):
    keep, remove = EmployerFactory(name="Pysyvä Oy"), EmployerFactory(name="Poistuva Oy", business_id=None)
    need = make(teacher, employer=remove)
    services.employer_merge(keep=keep, remove=remove, by=coordinator)
    need.refresh_from_db()
    assert need.employer == keep


# The form -----------------------------------------------------------------------------------


def test_the_form_offers_the_employers_contacts_as_the_source(teacher):
    employer = EmployerFactory()
    own = ContactFactory(employer=employer, author=teacher)
    ContactFactory(author=teacher)  # another employer's
    assert list(CompetenceNeedForm(initial={"employer": employer.pk}).fields["contact"].queryset) == [own]
    assert not CompetenceNeedForm().fields["contact"].queryset.exists()


# The pages ----------------------------------------------------------------------------------


def form_data(**changes):
    return {**data(), "organisation_name": "", "recorded_on": timezone.localdate().isoformat(), **changes}


def test_a_teacher_records_a_need_from_a_contact_prefilled(teacher, teacher_client):
    employer = EmployerFactory(sector="F")
    contact = ContactFactory(employer=employer, author=teacher, summary="Puhuttiin lämpöpumpuista.")
    url = reverse("partnerships:competence_need_create")
    response = teacher_client.get(url, {"contact": contact.pk})
    form = response.context["form"]
    assert form["employer"].value() == employer.pk and form["contact"].value() == contact.pk
    assert (form["sector"].value(), form["source"].value()) == ("F", "contact")
    assert form["description"].value() == "Puhuttiin lämpöpumpuista."
    response = teacher_client.post(url, form_data(employer=employer.pk, source="contact", contact=contact.pk))
    need = CompetenceNeed.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert (need.contact, need.recorded_by) == (contact, teacher)


def test_the_employer_page_lists_its_needs_and_links_both_forms(teacher, teacher_client):
    employer = EmployerFactory(sector="Q")
    make(teacher, employer=employer, title="Hoivarobotiikka")
    contact = ContactFactory(employer=employer, author=teacher)
    page = teacher_client.get(employer.get_absolute_url()).content.decode()
    assert "Hoivarobotiikka" in page
    assert f"{reverse('partnerships:competence_need_create')}?employer={employer.pk}" in page
    assert f"{reverse('partnerships:competence_need_create')}?contact={contact.pk}" in page
    form = teacher_client.get(
        reverse("partnerships:competence_need_create"), {"employer": employer.pk}
    ).context["form"]
    assert (form["employer"].value(), form["sector"].value()) == (employer.pk, "Q")


def test_bad_input_keeps_what_was_typed_and_saves_nothing(teacher_client):
    response = teacher_client.post(
        reverse("partnerships:competence_need_create"), form_data(employer="", title="Tekoäly")
    )
    assert response.status_code == 200
    assert (
        "Name the employer, the network organisation or the other organisation the need comes from."
        in response.content.decode()
    )
    assert response.context["form"]["title"].value() == "Tekoäly"
    assert not CompetenceNeed.objects.exists()


def test_another_teacher_reads_but_does_not_edit(teacher, other_teacher_client, coordinator_client):
    need = make(teacher)
    assert other_teacher_client.get(need.get_absolute_url()).status_code == 200
    url = reverse("partnerships:competence_need_edit", args=[need.pk])
    assert other_teacher_client.post(url, form_data(employer=need.employer_id)).status_code == 403
    response = coordinator_client.post(url, form_data(employer=need.employer_id, title="Korjattu"))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "Korjattu"


def test_the_list_filters_and_exports_csv(teacher, other_teacher, teacher_client):
    qualification = Qualification.objects.order_by("pk").first()
    make(teacher, title="Rakentamisen tarve", sector="F", qualification=qualification)
    make(teacher, title="Hoivan tarve", sector="Q", horizon=Horizon.OVER_THREE)
    make(other_teacher, title="Toisen tarve", sector="F", horizon=Horizon.WITHIN_YEAR)
    url = reverse("partnerships:competence_need_list")
    titles = lambda response: [n.title for n in response.context["page"]]  # noqa: E731
    assert titles(teacher_client.get(url, {"sector": "F"})) == ["Toisen tarve", "Rakentamisen tarve"]
    assert titles(teacher_client.get(url, {"horizon": "3+"})) == ["Hoivan tarve"]
    assert titles(teacher_client.get(url, {"qualification": qualification.pk})) == ["Rakentamisen tarve"]
    assert titles(teacher_client.get(url, {"mine": "on", "q": "tarve"})) == [
        "Hoivan tarve",
        "Rakentamisen tarve",
    ]
    response = teacher_client.get(url, {"sector": "F", "format": "csv"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").strip().splitlines()
    assert lines[0].split(";")[:3] == ["Recorded on", "Need", "Description"]
    assert len(lines) == 3 and "Construction" in lines[1]


def test_the_list_query_count_does_not_grow_with_the_rows(teacher, teacher_client, django_assert_num_queries):
    url = reverse("partnerships:competence_need_list")

    def add(n, prefix):
        for i in range(n):
            need = make(teacher, title=f"{prefix} {i}", qualification=Qualification.objects.first())
            services.competence_need_link(
                need=need, initiative=initiative(teacher, f"Aloite {prefix[:2]}{i}"), by=teacher
            )

    add(2, "Eka")
    teacher_client.get(url)  # warm the session
    # The user, their roles, the institution, the count, the page's rows and their initiatives,
    # the qualifications of the filter: the same for 2 rows or 12.
    with django_assert_num_queries(QUERIES):
        teacher_client.get(url)
    add(10, "Lisää")
    with django_assert_num_queries(QUERIES):
        response = teacher_client.get(url)
    assert response.content.decode().count("Lisää") == 10


def test_initiatives_are_linked_started_and_shown_on_both_pages(teacher, teacher_client):
    need = make(teacher, title="Digitaalinen rakentaminen")
    existing = initiative(teacher, "Tietomallikoulutus")
    response = teacher_client.post(
        reverse("partnerships:competence_need_link", args=[need.pk]), {"initiative": existing.pk}
    )
    assert response.status_code == 302
    page = teacher_client.get(need.get_absolute_url()).content.decode()
    assert (
        "Tietomallikoulutus" in page
        and reverse("partnerships:competence_need_unlink", args=[need.pk]) in page
    )
    assert "Digitaalinen rakentaminen" in teacher_client.get(existing.get_absolute_url()).content.decode()
    # Started from the need: the initiative's form, prefilled from it.
    url = reverse("partnerships:competence_need_initiative_create", args=[need.pk])
    form = teacher_client.get(url).context["form"]
    assert form["title"].value() == "Digitaalinen rakentaminen"
    assert form["employers"].value() == [need.employer_id]
    response = teacher_client.post(
        url,
        {
            "title": "Uusi aloite",
            "starting_point": need.description,
            "employers": [need.employer_id],
            "start_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert set(need.initiatives.values_list("title", flat=True)) == {"Tietomallikoulutus", "Uusi aloite"}
    teacher_client.post(
        reverse("partnerships:competence_need_unlink", args=[need.pk]), {"initiative": existing.pk}
    )
    assert list(need.initiatives.values_list("title", flat=True)) == ["Uusi aloite"]


def test_linking_an_initiative_already_linked_is_an_error_on_the_page(teacher, teacher_client):
    need = make(teacher)
    linked = initiative(teacher)
    services.competence_need_link(need=need, initiative=linked, by=teacher)
    response = teacher_client.post(
        reverse("partnerships:competence_need_link", args=[need.pk]), {"initiative": linked.pk}
    )
    assert response.status_code == 400
    assert response.context["link_form"].errors


def test_the_coordinator_reads_the_needs_history(teacher, coordinator_client):
    need = make(teacher, title="Vanha nimi")
    services.competence_need_update(need=need, by=teacher, data={"title": "Uusi nimi"})
    response = coordinator_client.get(reverse("partnerships:history", args=["competence_need", need.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vanha nimi" in page and "Uusi nimi" in page


# The summary page ---------------------------------------------------------------------------


def test_the_summary_shows_counts_by_sector_and_horizon_with_links_and_csv(teacher, coordinator_client):
    make(teacher, sector="F", horizon=Horizon.WITHIN_YEAR)
    make(teacher, sector="F", horizon=Horizon.WITHIN_YEAR)
    make(teacher, sector="F", horizon=Horizon.OVER_THREE)
    make(teacher, sector="Q", horizon=Horizon.ONE_TO_THREE, recorded_on=datetime.date(2024, 1, 1))
    url = reverse("partnerships:competence_need_summary")
    response = coordinator_client.get(url)
    page = response.content.decode()
    assert [(row.sector, row.counts) for row in response.context["summary"].rows] == [
        ("F", [2, 0, 1]),
        ("Q", [0, 1, 0]),
    ]
    assert f"{reverse('partnerships:competence_need_list')}?sector=F&amp;horizon=3%2B" in page
    response = coordinator_client.get(url, {"recorded_from": "2025-01-01"})
    assert [row.sector for row in response.context["summary"].rows] == ["F"]
    response = coordinator_client.get(url, {"format": "csv"})
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0] == "Sector;Within a year;In 1–3 years;In over 3 years;Total"
    assert lines[1] == "Construction;2;0;1;3"
    assert lines[-1] == "Total;2;1;1;4"


def test_the_summary_is_the_coordinators(teacher_client):
    assert teacher_client.get(reverse("partnerships:competence_need_summary")).status_code == 403


def test_the_navigation_leads_to_the_needs(teacher_client):
    assert (
        reverse("partnerships:competence_need_list")
        in teacher_client.get(reverse("partnerships:home")).content.decode()
    )


@pytest.mark.parametrize(
    ("language", "heading", "horizon"),
    [
        ("fi", "Osaamistarpeet toimialoittain", "Vuoden sisällä"),
        ("sv", "Kompetensbehov per bransch", "Inom ett år"),
        ("en", "Competence needs by sector", "Within a year"),
    ],
)
def test_the_summary_speaks_the_users_language(teacher, coordinator_client, language, heading, horizon):
    make(teacher, horizon=Horizon.WITHIN_YEAR)
    page = coordinator_client.get(
        reverse("partnerships:competence_need_summary"), HTTP_ACCEPT_LANGUAGE=language
    )
    assert heading in page.content.decode() and horizon in page.content.decode()


def test_the_owner_of_an_initiative_links_a_colleagues_need_to_it(
    teacher, other_teacher, other_teacher_client
):
    need = make(teacher)
    assert other_teacher_client.get(need.get_absolute_url()).context["link_form"] is None
    theirs = initiative(other_teacher, "Toisen aloite")
    initiative(teacher, "Ei toisen")
    form = other_teacher_client.get(need.get_absolute_url()).context["link_form"]
    assert list(form.fields["initiative"].queryset) == [theirs]
    response = other_teacher_client.post(
        reverse("partnerships:competence_need_link", args=[need.pk]), {"initiative": theirs.pk}
    )
    assert response.status_code == 302 and list(need.initiatives.all()) == [theirs]


# A network organisation as the source ---------------------------------------------------------


def organisation(by, name="Hämeen kauppakamari", **changes):
    return services.network_organisation_create(by=by, data={"name": name, "kind": "chamber", **changes})


def test_a_need_may_come_from_a_network_organisation(coordinator):
    chamber = organisation(coordinator)
    need = services.competence_need_create(by=coordinator, data=data(employer=None, organisation=chamber))
    assert need.source_organisation == "Hämeen kauppakamari" and need.organisation_name == ""
    assert list(chamber.competence_needs.all()) == [need]


def test_the_form_offers_the_active_network_organisations_and_the_one_chosen(coordinator):
    active = organisation(coordinator, "Kauppakamari")
    gone = organisation(coordinator, "Lakkautettu verkosto", is_active=False)
    assert list(CompetenceNeedForm().fields["organisation"].queryset) == [active]
    need = services.competence_need_create(by=coordinator, data=data(employer=None, organisation=gone))
    assert list(CompetenceNeedForm(instance=need).fields["organisation"].queryset) == [active, gone]


def test_a_teacher_records_a_need_from_a_network_organisation_on_the_page(
    coordinator, teacher, teacher_client
):
    chamber = organisation(coordinator)
    response = teacher_client.post(
        reverse("partnerships:competence_need_create"), form_data(employer="", organisation=chamber.pk)
    )
    need = CompetenceNeed.objects.get()
    assert response.status_code == 302 and (need.organisation, need.recorded_by) == (chamber, teacher)
    detail = teacher_client.get(need.get_absolute_url()).content.decode()
    assert f'<a href="{chamber.get_absolute_url()}">Hämeen kauppakamari</a>' in detail
    listed = teacher_client.get(reverse("partnerships:competence_need_list"), {"q": "kauppakamari"})
    assert f'<a href="{chamber.get_absolute_url()}">Hämeen kauppakamari</a>' in listed.content.decode()
    page = teacher_client.get(chamber.get_absolute_url()).content.decode()
    assert f'<a href="{need.get_absolute_url()}">{need.title}</a>' in page


def test_the_export_names_the_network_organisation(coordinator, coordinator_client):
    import csv
    import io

    services.competence_need_create(
        by=coordinator, data=data(employer=None, organisation=organisation(coordinator))
    )
    response = coordinator_client.get(reverse("partnerships:competence_need_list"), {"format": "csv"})
    raw = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    column = rows[0].index("Network organisation")
    assert rows[1][column] == "Hämeen kauppakamari"


def test_the_list_asks_for_the_network_organisations_in_the_same_query(
    coordinator, teacher_client, django_assert_num_queries
):
    url = reverse("partnerships:competence_need_list")
    for i in range(3):
        chamber = organisation(coordinator, f"Verkosto {i}")
        services.competence_need_create(by=coordinator, data=data(employer=None, organisation=chamber))
    teacher_client.get(url)
    with django_assert_num_queries(QUERIES):
        response = teacher_client.get(url)
    assert response.content.decode().count("Verkosto ") == 3


def _migration_before_the_link():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    [node] = [
        key
        for key in executor.loader.graph.nodes
        if key[0] == "partnerships" and key[1].endswith("competence_need_network_organisation")
    ]
    return executor, executor.loader.graph.node_map[node].parents


@pytest.mark.django_db(transaction=True)
def test_the_migration_links_needs_whose_text_names_one_network_organisation():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor, parents = _migration_before_the_link()
    before = [parent.key for parent in parents if parent.key[0] == "partnerships"]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Organisation = old.get_model("partnerships", "NetworkOrganisation")
    Need = old.get_model("partnerships", "CompetenceNeed")
    chamber = Organisation.objects.create(name="Hämeen Kauppakamari", kind="chamber")
    Organisation.objects.create(name="Verkosto", kind="other")
    Organisation.objects.create(name="verkosto", kind="other")  # two of the name: none is chosen
    common = {"description": "–", "sector": "F", "horizon": "1-3", "source": "forum"}
    matched = Need.objects.create(title="A", organisation_name="  hämeen   kauppakamari ", **common)
    ambiguous = Need.objects.create(title="B", organisation_name="Verkosto", **common)
    unknown = Need.objects.create(title="C", organisation_name="Rakennusteollisuus RT", **common)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    needs = {n.pk: n for n in CompetenceNeed.objects.all()}
    assert (needs[matched.pk].organisation_id, needs[matched.pk].organisation_name) == (chamber.pk, "")
    assert (needs[ambiguous.pk].organisation_id, needs[ambiguous.pk].organisation_name) == (None, "Verkosto")
    assert needs[unknown.pk].organisation_id is None
    assert needs[unknown.pk].source_organisation == "Rakennusteollisuus RT"

    executor = MigrationExecutor(connection)
    executor.migrate(before)  # and back: the linked name becomes the text again
    old = executor.loader.project_state(before).apps
    assert old.get_model("partnerships", "CompetenceNeed").objects.get(pk=matched.pk).organisation_name == (
        "Hämeen Kauppakamari"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
