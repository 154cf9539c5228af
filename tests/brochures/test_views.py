"""The public brochure page and downloads, the teacher version behind the login, caching,
download counts, the coordinator's pages and sharing from an employer's page."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brochures import rendering, selectors, services
from brochures.models import BrochureDownload, BrochureText
from core.branding import branding_update
from core.models import Institution, OutboxMessage
from core.pdf import PdfRenderError
from partnerships.models import Contact

from ..factories import ContactPersonFactory, EmployerFactory, UserFactory
from ..storage import brochures_in

pytestmark = pytest.mark.django_db


def url(audience="employer", language="fi", colour="blue"):
    return reverse("brochures:brochure_download", args=[audience, language, colour])


def test_the_public_page_offers_the_employer_and_student_versions(anonymous_client, renders):
    response = anonymous_client.get(reverse("brochures:brochure_index") + "?language=sv&colour=green")
    assert response.status_code == 200
    page = response.content.decode()
    assert url("employer", "sv", "green") in page and url("student", "sv", "green") in page
    assert reverse("brochures:brochure_preview", args=["employer", "sv", "green"]) in page
    assert "/brochures/teacher/" not in page
    for slug in ("blue", "green", "plum"):
        assert f'value="{slug}"' in page  # the colours' slugs are listed on the page


def test_staff_also_see_the_teacher_version(teacher_client, renders):
    page = teacher_client.get(reverse("brochures:brochure_index")).content.decode()
    assert "/brochures/teacher/" in page


def test_a_download_is_a_named_cacheable_pdf(anonymous_client, renders):
    response = anonymous_client.get(url("employer", "sv", "green"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="bada-ar-battre-arbetsgivare-sv-green.pdf"'
    )
    assert response["Cache-Control"] == "public, max-age=600"
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_warm_cache_serves_without_rendering_and_counts_with_one_update(anonymous_client, renders):
    anonymous_client.get(url())
    assert len(renders) == 1
    with CaptureQueriesContext(connection) as queries:
        response = anonymous_client.get(url())
    assert response.status_code == 200 and len(renders) == 1
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1 and "brochures_brochuredownload" in updates[0] and '"count" + 1' in updates[0]
    assert len(queries) <= 3  # the branding, the texts and the count
    assert BrochureDownload.objects.get(audience="employer", language="fi").count == 2


def test_a_browser_that_has_the_file_gets_304_and_is_not_counted_again(anonymous_client, renders):
    etag = anonymous_client.get(url())["ETag"]
    response = anonymous_client.get(url(), headers={"If-None-Match": etag})
    assert response.status_code == 304 and response["ETag"] == etag
    assert BrochureDownload.objects.get().count == 1


def test_conditional_requests_follow_djangos_rules(anonymous_client, renders):
    """django.utils.cache.get_conditional_response: a list of ETags and a weak one match
    too (RFC 9110), and a failed If-Match is 412; none of them is counted."""
    etag = anonymous_client.get(url())["ETag"]
    listed = anonymous_client.get(url(), headers={"If-None-Match": f'"other", W/{etag}'})
    assert listed.status_code == 304 and listed["ETag"] == etag
    assert anonymous_client.get(url(), headers={"If-Match": '"other"'}).status_code == 412
    assert BrochureDownload.objects.get().count == 1


def test_a_change_of_branding_or_texts_gives_a_new_file(
    anonymous_client, renders, django_capture_on_commit_callbacks
):
    """Through the services that change them (no signal on save): the remembered keys are
    forgotten once the change is committed."""
    first = anonymous_client.get(url())["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        branding_update(institution=Institution.current(), data={"name": "Uusi nimi"})
    second = anonymous_client.get(url())["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        services.brochure_text_update(language="fi", data={"introduction_employer": "Tervetuloa!"})
    third = anonymous_client.get(url())["ETag"]
    with django_capture_on_commit_callbacks(execute=True):  # another language changes nothing here
        services.brochure_text_update(language="sv", data={"introduction_employer": "Välkommen!"})
    assert len({first, second, third}) == 3 and len(renders) == 3
    assert anonymous_client.get(url())["ETag"] == third and len(renders) == 3


def test_the_teacher_version_sends_anonymous_visitors_to_the_login_page(anonymous_client, renders):
    response = anonymous_client.get(url("teacher"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert renders == []  # nothing was rendered for them either
    preview = anonymous_client.get(reverse("brochures:brochure_preview", args=["teacher", "fi", "blue"]))
    assert preview.status_code == 302


def test_the_teacher_version_is_refused_to_accounts_without_a_staff_role(client, renders):
    client.force_login(UserFactory(username="outsider"))
    assert client.get(url("teacher")).status_code == 403


def test_staff_get_the_teacher_version_privately(teacher_client, renders):
    response = teacher_client.get(url("teacher"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=600"
    assert "Cookie" in response["Vary"]


def test_the_cache_is_not_under_a_public_url(settings):
    from pathlib import Path

    cache = Path(settings.KUMPPANI_BROCHURE_DIR).resolve()
    for public in [
        Path(settings.STATIC_ROOT),
        Path(settings.MEDIA_ROOT),
        *map(Path, [settings.BASE_DIR / "static"]),
    ]:
        assert not cache.is_relative_to(public.resolve())


def test_the_preview_is_a_png_made_from_the_pdf(anonymous_client, renders):
    response = anonymous_client.get(reverse("brochures:brochure_preview", args=["student", "en", "plum"]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert not BrochureDownload.objects.exists()  # a preview is not a download


def test_unknown_audience_language_or_colour_is_404(anonymous_client, renders):
    for bad in ("/brochures/boss/fi/blue/", "/brochures/employer/de/blue/", "/brochures/employer/fi/red/"):
        assert anonymous_client.get(bad).status_code == 404


def test_a_failed_render_says_so_clearly(anonymous_client, settings, tmp_path, monkeypatch):
    brochures_in(settings, tmp_path)

    def fail(variants, inputs=None):
        raise PdfRenderError("The PDF could not be made. Please try again later.")

    monkeypatch.setattr(rendering, "brochure_render", fail)
    response = anonymous_client.get(url())
    assert response.status_code == 503
    assert "could not be made" in response.content.decode()


def test_checklists_download_and_the_teachers_needs_a_login(anonymous_client, teacher_client, renders):
    response = anonymous_client.get(reverse("brochures:checklist_download", args=["instructor", "sv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="minneslista-handledare.pdf"'
    assert (
        anonymous_client.get(reverse("brochures:checklist_download", args=["teacher", "fi"])).status_code
        == 302
    )
    assert (
        teacher_client.get(reverse("brochures:checklist_download", args=["teacher", "fi"])).status_code == 200
    )
    assert BrochureDownload.objects.filter(kind="checklist").count() == 2


def test_prerender_makes_the_missing_variants_and_removes_stale_files(renders, settings):
    directory = settings.KUMPPANI_BROCHURE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    stale = directory / ("0" * 64 + ".pdf")
    stale.write_bytes(b"%PDF old")
    import os

    os.utime(stale, (1, 1))
    result = rendering.brochures_prerender()
    assert result == {"variants": 36, "rendered": 36, "removed": 1}
    assert not stale.exists()
    assert len(list(directory.glob("*.png"))) == 27  # previews of the brochures
    assert rendering.brochures_prerender()["rendered"] == 0


def test_a_branding_change_starts_a_prerender(
    coordinator_client, monkeypatch, django_capture_on_commit_callbacks
):
    from brochures import tasks

    started = []
    monkeypatch.setattr(tasks.brochures_prerender, "apply_async", lambda **kw: started.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("core:branding_edit"), {"name": "Järvilaakson opisto"})
    assert response.status_code == 302
    assert started == [{"retry": False}]


def test_a_branding_change_is_saved_with_the_broker_down(
    coordinator_client, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from brochures import tasks

    def down(**kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.brochures_prerender, "apply_async", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("core:branding_edit"), {"name": "Järvilaakson opisto"})
    assert response.status_code == 302
    assert Institution.current().name == "Järvilaakson opisto"


def test_the_coordinator_sees_downloads_per_audience_and_language(
    coordinator_client, anonymous_client, renders
):
    anonymous_client.get(url("employer", "sv"))
    anonymous_client.get(url("employer", "sv"))
    anonymous_client.get(url("student", "en"))
    page = coordinator_client.get(reverse("brochures:brochure_admin")).content.decode()
    assert "Downloads" in page
    totals = selectors.download_totals(days=30)
    assert totals["table"][("brochure", "employer", "sv")] == 2
    assert totals["table"][("brochure", "student", "en")] == 1
    assert totals["total"] == 3


def test_brochure_texts_keep_what_was_typed_when_a_link_is_wrong(coordinator_client):
    data = {"introduction_employer": "Meidän oma johdanto.", "links": "Oppisopimus | ei-osoite"}
    response = coordinator_client.post(reverse("brochures:brochure_texts", args=["fi"]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Meidän oma johdanto." in page and "Line 1 is not a web address" in page
    assert not BrochureText.objects.exists()
    data["links"] = "Oppisopimus | https://www.jarvilaakso.example/oppisopimus"
    assert coordinator_client.post(reverse("brochures:brochure_texts", args=["fi"]), data).status_code == 302
    text = BrochureText.objects.get(language="fi")
    assert text.introduction("employer") == "Meidän oma johdanto."
    assert text.link_list() == [
        {"label": "Oppisopimus", "url": "https://www.jarvilaakso.example/oppisopimus"}
    ]


def test_teachers_cannot_edit_brochure_texts(teacher_client):
    assert teacher_client.get(reverse("brochures:brochure_texts", args=["fi"])).status_code == 403


@pytest.fixture
def employer_with_people():
    employer = EmployerFactory(name="Konepaja Oy")
    swede = ContactPersonFactory(employer=employer, first_name="Sara", language="sv")
    no_email = ContactPersonFactory(employer=employer, first_name="Niko", email="")
    return employer, swede, no_email


def test_sharing_e_mails_the_link_in_the_persons_language_and_logs_a_contact(
    teacher_client, teacher, employer_with_people, django_capture_on_commit_callbacks
):
    employer, swede, _no_email = employer_with_people
    share = reverse("brochures:brochure_share", args=[employer.pk])
    with django_capture_on_commit_callbacks(execute=False):
        response = teacher_client.post(share, {"person": swede.pk, "colour": "plum", "note": "Hej!"})
    assert response.status_code == 302 and response["Location"] == employer.get_absolute_url()
    message = OutboxMessage.objects.get(kind="brochure-share")
    assert message.to_email == swede.email and message.language == "sv"
    assert "/brochures/employer/sv/plum/" in message.body_text and "Hej!" in message.body_text
    assert "Hej Sara" in message.body_text  # written in Swedish
    contact = Contact.objects.get(employer=employer)
    assert contact.channel == "email" and contact.author == teacher
    assert list(contact.checkpoints.values_list("number", flat=True)) == [1]
    assert list(contact.persons.all()) == [swede]


def test_sharing_offers_only_the_employers_people_with_an_e_mail(teacher_client, employer_with_people):
    employer, swede, no_email = employer_with_people
    stranger = ContactPersonFactory()
    share = reverse("brochures:brochure_share", args=[employer.pk])
    page = teacher_client.get(share).content.decode()
    assert swede.last_name in page and no_email.last_name not in page
    response = teacher_client.post(share, {"person": stranger.pk, "colour": "blue"})
    assert response.status_code == 200
    assert not OutboxMessage.objects.exists() and not Contact.objects.exists()


def test_the_employer_page_links_to_sharing(teacher_client, employer_with_people):
    employer = employer_with_people[0]
    page = teacher_client.get(employer.get_absolute_url()).content.decode()
    assert reverse("brochures:brochure_share", args=[employer.pk]) in page


def test_the_prerender_command_renders_now_or_queues(renders, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from brochures import tasks

    out = StringIO()
    call_command("brochures_prerender", stdout=out)
    assert "36 variants: 36 rendered" in out.getvalue()
    queued = []
    monkeypatch.setattr(tasks.brochures_prerender, "delay", lambda: queued.append(1))
    call_command("brochures_prerender", "--queue", stdout=out)
    assert queued == [1]


def test_when_a_new_render_fails_the_last_good_pdf_is_still_served(anonymous_client, renders, monkeypatch):
    good = anonymous_client.get(url())
    assert good.status_code == 200
    institution = Institution.current()
    institution.name = "Muuttunut nimi"  # a new key: the next request must render again
    institution.save()

    def fail(variants, inputs=None):
        raise PdfRenderError("The PDF could not be made. Please try again later.")

    monkeypatch.setattr(rendering, "brochure_render", fail)
    response = anonymous_client.get(url())
    assert response.status_code == 200 and response["ETag"] == good["ETag"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    preview = anonymous_client.get(reverse("brochures:brochure_preview", args=["employer", "fi", "blue"]))
    assert preview.status_code == 200
    # A variant never rendered before has no last good PDF: a clear error.
    assert anonymous_client.get(url("student")).status_code == 503


def test_a_warm_download_runs_one_query_its_count_and_a_text_change_is_seen_at_once(
    anonymous_client, renders, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The variant's key is remembered, so a download from the warm cache runs one query:
    the UPDATE that counts it, in the table at once. A change of the texts through the
    coordinator's service is seen at once all the same."""
    anonymous_client.get(url())
    with django_assert_num_queries(1):
        response = anonymous_client.get(url())
    assert response.status_code == 200 and len(renders) == 1
    assert BrochureDownload.objects.get().count == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.brochure_text_update(language="fi", data={"introduction_employer": "Tervetuloa!"})
    anonymous_client.get(url())
    assert len(renders) == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.brochure_text_update(language="fi", data={"introduction_employer": ""})
    anonymous_client.get(url())
    assert len(renders) == 2  # back to the first file, still on disk: no new render
    assert selectors.download_totals(days=1)["total"] == 4


def test_a_warm_public_download_sets_no_cookie_and_is_counted(anonymous_client, renders):
    """Same file and headers as the first download, counted, and no cookie set: a visitor
    without a session gets the same answer as any other."""
    first = anonymous_client.get(url())  # cold: the view renders it
    assert first.status_code == 200 and len(renders) == 1
    warm = anonymous_client.get(url())
    assert warm.status_code == 200 and b"".join(warm.streaming_content).startswith(b"%PDF")
    for header in ("ETag", "Cache-Control", "Content-Disposition", "X-Frame-Options"):
        assert warm[header] == first[header]
    assert not warm.cookies
    assert BrochureDownload.objects.get().count == 2 and len(renders) == 1
    not_modified = anonymous_client.get(url(), HTTP_IF_NONE_MATCH=warm["ETag"])
    assert not_modified.status_code == 304 and BrochureDownload.objects.get().count == 2


def test_head_answers_every_public_download_path_without_counting(anonymous_client, renders):
    """A link checker or a mail scanner asks with HEAD: with a cold cache and a warm one, the
    view gives GET's headers without the body, and counts no download. The share links
    e-mailed to employers are these same URLs."""
    brochure, checklist = (
        url("employer", "sv", "green"),
        reverse("brochures:checklist_download", args=["instructor", "fi"]),
    )
    assert services.share_url("sv", "green").endswith(brochure)
    for path in (brochure, checklist):
        cold = anonymous_client.head(path)
        assert cold.status_code == 200, path
        assert cold["Content-Type"] == "application/pdf" and cold.content == b""
        got = anonymous_client.get(path)
        for header in ("ETag", "Cache-Control", "Content-Disposition", "Content-Length"):
            assert cold[header] == got[header], header
    assert selectors.download_totals(days=1)["total"] == 2  # the two GETs only
    for path in (brochure, checklist):
        warm = anonymous_client.head(path)
        assert warm.status_code == 200 and warm.content == b"", path
        assert warm["Content-Length"] == anonymous_client.get(path)["Content-Length"]
        assert anonymous_client.head(path, headers={"If-None-Match": warm["ETag"]}).status_code == 304
    assert selectors.download_totals(days=1)["total"] == 4


def test_head_answers_the_public_page_and_the_preview(anonymous_client, renders):
    assert anonymous_client.head(reverse("brochures:brochure_index")).status_code == 200
    preview = anonymous_client.head(reverse("brochures:brochure_preview", args=["employer", "fi", "blue"]))
    assert preview.status_code == 200 and preview["Content-Type"] == "image/png"
    assert anonymous_client.head(url("teacher")).status_code == 302  # still behind the login


def test_a_brochure_whose_stored_file_vanished_is_made_again_rather_than_failing(
    anonymous_client, renders, settings
):
    assert anonymous_client.get(url()).status_code == 200
    for stored in settings.KUMPPANI_BROCHURE_DIR.glob("*.pdf"):
        stored.unlink()  # an emptied storage, or a new bucket after a move
    response = anonymous_client.get(url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert len(renders) == 2


def test_a_file_gone_between_finding_and_reading_it_is_made_again(anonymous_client, renders, monkeypatch):
    from brochures.storage import brochure_storage

    storage = brochure_storage()
    original, failures = storage.open, []

    def open_once_missing(name, mode="rb"):
        if not failures:
            failures.append(name)
            raise FileNotFoundError(name)
        return original(name, mode)

    assert anonymous_client.get(url()).status_code == 200
    monkeypatch.setattr(storage, "open", open_once_missing)
    response = anonymous_client.get(url())
    assert response.status_code == 200 and failures
    assert BrochureDownload.objects.get().count == 2  # the failed read was not counted


def test_brochures_are_stored_in_a_private_s3_bucket_and_served_by_the_view(
    anonymous_client, renders, settings
):
    import boto3
    from moto import mock_aws

    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="kumppani-files")
        settings.STORAGES = {
            **settings.STORAGES,
            "brochures": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "kumppani-files",
                    "location": "brochures",
                    "region_name": "us-east-1",
                    "default_acl": None,
                    "file_overwrite": True,
                },
            },
        }
        assert rendering.brochures_prerender() == {"variants": 36, "rendered": 36, "removed": 0}
        keys = [item["Key"] for item in s3.list_objects_v2(Bucket="kumppani-files")["Contents"]]
        assert len([k for k in keys if k.endswith(".pdf")]) == 36 and all(
            k.startswith("brochures/") for k in keys
        )
        response = anonymous_client.get(url("student", "sv", "green"))
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
        assert len(renders) == 36  # served from the bucket, not rendered again
        grants = s3.get_object_acl(Bucket="kumppani-files", Key=keys[0])["Grants"]
        assert [g["Grantee"].get("URI") for g in grants if "URI" in g["Grantee"]] == []  # nothing public
        assert rendering.brochures_prerender()["rendered"] == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_downloads_are_each_counted_exactly_once(renders):
    """Eight visitors at once, from the day's first download on (two of them may both find
    no row for the day and race to create it): every request is one count, none lost and
    none twice. Each thread has its own database connection, as each web worker has."""
    rendering.brochure_file(rendering.Variant("brochure", "employer", "fi", "blue"))  # warm, not counted
    visitors, downloads = 8, 10
    start = threading.Barrier(visitors)
    answers = []

    def visitor():
        client = Client()
        try:
            start.wait()
            answers.extend(client.get(url()).status_code for _ in range(downloads))
        finally:
            connection.close()

    threads = [threading.Thread(target=visitor) for _ in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * visitors * downloads
    assert BrochureDownload.objects.get(audience="employer", language="fi").count == visitors * downloads
