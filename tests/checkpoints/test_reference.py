from checkpoints.models import Checkpoint, LevelQuestion, PartnershipLevel, ServicePromise


def test_the_eight_checkpoints_are_loaded_in_three_languages(db):
    assert list(Checkpoint.objects.values_list("number", flat=True)) == list(range(1, 9))
    assert Checkpoint.objects.get(number=4).name_fi == "Työpaikkaohjaus"


def test_the_levels_of_partnership_come_with_their_tools_and_questions(db):
    levels = list(PartnershipLevel.objects.all())
    assert [level.key for level in levels] == ["minimum", "everyday", "developing", "strategic", "monitoring"]
    assert [level.questions.count() for level in levels] == [5, 5, 5, 4, 4]
    assert all(level.tools.exists() for level in levels)
    assert PartnershipLevel.objects.get(key="monitoring").cross_cutting
    assert [level.contact_interval_days for level in levels[:4]] == [180, 90, 60, 30]
    # The seed's typo "Räätelöidyt" is fixed.
    assert "Räätälöidyt" in PartnershipLevel.objects.get(key="developing").description_fi
    assert LevelQuestion.objects.filter(text_fi__startswith="Varmista oma roolisi").exists()


def test_the_service_promise_of_reciprocal_partnership_is_there(db):
    promise = ServicePromise.objects.get(key="reciprocal")
    assert "yhdessä oppii enemmän" in promise.text_fi


def test_a_coordinator_edits_the_reference_data_in_the_admin(coordinator, client):
    from django.urls import reverse

    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    level = PartnershipLevel.objects.get(key="strategic")
    url = reverse("admin:checkpoints_partnershiplevel_change", args=[level.pk])
    assert client.get(url).status_code == 200
    promise = ServicePromise.objects.get(key="reciprocal")
    response = client.post(
        reverse("admin:checkpoints_servicepromise_change", args=[promise.pk]),
        {
            "key": "reciprocal",
            "text_fi": "Uusi lupaus.",
            "text_sv": "Nytt löfte.",
            "text_en": "A new promise.",
        },
    )
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.text_fi == "Uusi lupaus."


def test_a_teacher_cannot_edit_the_reference_data(teacher, client):
    from django.urls import reverse

    teacher.is_staff = True
    teacher.save()
    client.force_login(teacher)
    level = PartnershipLevel.objects.get(key="strategic")
    assert (
        client.get(reverse("admin:checkpoints_partnershiplevel_change", args=[level.pk])).status_code == 403
    )
