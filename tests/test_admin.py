"""The Django admin has every model, each changelist opens, and every input of the pages a
coordinator uses there is labelled."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

SKIPPED_APPS = {"admin", "contenttypes", "sessions", "auth", "axes"}


def test_every_model_of_ours_is_in_the_admin():
    ours = [m for m in apps.get_models() if m._meta.app_label in {"core", "checkpoints", "partnerships"}]
    # The audit trail's Historical* models are read through each tracked model's admin
    # history page (SimpleHistoryAdmin) and the portal's history page, not on their own.
    missing = [
        m.__name__
        for m in ours
        if m not in admin.site._registry and m.__name__ != "Lock" and not m.__name__.startswith("Historical")
    ]
    assert not missing


@pytest.mark.django_db
def test_every_changelist_opens_for_a_superuser(client):
    from .factories import UserFactory

    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    for model in admin.site._registry:
        if model._meta.app_label in SKIPPED_APPS:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_every_changelist_column_has_a_translated_heading():
    """A column with no verbose name shows its attribute's name ("LABEL"), in English."""
    from django.contrib.admin.utils import label_for_field
    from django.forms.utils import pretty_name
    from django.utils import translation

    unlabelled = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("core", "checkpoints", "partnerships", "brochures"):
            continue
        for name in model_admin.list_display:
            if not isinstance(name, str) or name == "__str__":
                continue
            with translation.override("fi"):
                label = str(label_for_field(name, model, model_admin))
            if label == pretty_name(name) and label != str(model._meta.verbose_name):
                unlabelled.append(f"{model.__name__}.{name}")
    assert unlabelled == []


# The admin pages a coordinator uses: the partnership levels' reference text (their tools and
# questions). Every input has a name a screen reader says; a coordinator may edit them.

FORM_CONTROLS = ("input", "select", "textarea")
INLINE_ROW = re.compile(r".+-(\d+|__prefix__)-.+")  # an inline row's input: <prefix>-<row>-<field>


class _Controls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.label_for, self.controls, self.in_label = set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self.in_label += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in FORM_CONTROLS:
            self.controls.append((attrs, self.in_label > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self.in_label -= 1


def _unlabelled_controls(html: str) -> list[str]:
    """Visible form controls with neither a <label> nor an aria-label, as axe's `label` rule
    counts them (hidden inputs and buttons need none)."""
    parser = _Controls()
    parser.feed(html)
    found = []
    for attrs, inside_label in parser.controls:
        if attrs.get("type") in ("hidden", "submit", "button", "image", "reset"):
            continue
        if inside_label or attrs.get("aria-label") or attrs.get("aria-labelledby"):
            continue
        if attrs.get("id") in parser.label_for:
            continue
        found.append(attrs.get("name") or attrs.get("id") or "?")
    return found


@pytest.fixture
def admin_coordinator(db):
    from django.contrib.auth.models import Group

    from .factories import UserFactory

    user = UserFactory(username="kaisa-admin", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinator"))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_input_of_the_level_change_page_is_labelled_in_each_language(
    client, admin_coordinator, language
):
    from checkpoints.models import PartnershipLevel

    level = PartnershipLevel.objects.get(key="everyday")
    client.force_login(admin_coordinator)
    url = reverse("admin:checkpoints_partnershiplevel_change", args=[level.pk])
    response = client.get(url, headers={"Accept-Language": language})
    html = response.content.decode()
    assert response.status_code == 200
    assert level.tools.count() + level.questions.count() > 5  # enough rows to count
    assert _unlabelled_controls(html) == []
    # Each row's inputs say which row they are in, in the page's language.
    from django.utils import translation
    from django.utils.text import capfirst

    with translation.override(language):
        expected = translation.gettext("%(field)s, row %(row)s") % {
            "field": capfirst(translation.gettext("order")),
            "row": 2,
        }
    assert f'aria-label="{expected}"' in html


@pytest.mark.django_db
def test_every_inline_of_ours_labels_its_inputs(client):
    """Each admin page with an inline (employers, agreements, feedback, initiatives, the
    levels, self-assessments): no input of an inline row without a name."""
    from .factories import UserFactory

    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    unlabelled = {}
    for model, model_admin in admin.site._registry.items():
        if not model_admin.inlines:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        response = client.get(url)
        assert response.status_code == 200, url
        rows = [name for name in _unlabelled_controls(response.content.decode()) if INLINE_ROW.match(name)]
        if found := rows:
            unlabelled[url] = found
    assert unlabelled == {}


@pytest.mark.django_db
def test_a_coordinator_edits_a_levels_tool_in_the_admin_but_not_which_levels_there_are(
    client, admin_coordinator
):
    from checkpoints.models import PartnershipLevel

    level = PartnershipLevel.objects.get(key="minimum")
    client.force_login(admin_coordinator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:checkpoints_partnershiplevel_changelist")).status_code == 200
    assert client.get(reverse("admin:checkpoints_leveltool_add")).status_code == 200
    assert client.get(reverse("admin:checkpoints_partnershiplevel_add")).status_code == 403
    assert (
        client.get(reverse("admin:checkpoints_partnershiplevel_delete", args=[level.pk])).status_code == 403
    )
    page = client.get(reverse("admin:checkpoints_partnershiplevel_change", args=[level.pk]))
    form = page.context["adminform"].form
    assert "key" not in form.fields and "order" not in form.fields  # shown read only
    # Other admin pages stay closed: the coordinator has no model permissions of their own.
    assert client.get(reverse("admin:core_user_changelist")).status_code == 403
    assert client.get(reverse("admin:partnerships_employer_changelist")).status_code == 403


@pytest.mark.django_db
def test_a_staff_teacher_gets_no_level_admin(client):
    from django.contrib.auth.models import Group

    from .factories import UserFactory

    teacher = UserFactory(username="staff-teacher", is_staff=True)
    teacher.groups.add(Group.objects.get(name="Teacher"))
    client.force_login(teacher)
    assert client.get(reverse("admin:checkpoints_partnershiplevel_changelist")).status_code == 403


@pytest.mark.django_db
def test_the_admin_holds_a_levels_interval_to_the_coordinators_pages_rule(client, admin_coordinator):
    from django.core.exceptions import ValidationError

    from checkpoints.forms import MAX_INTERVAL_DAYS, PartnershipLevelAdminForm
    from checkpoints.models import PartnershipLevel

    level = PartnershipLevel.objects.get(key="minimum")
    client.force_login(admin_coordinator)
    page = client.get(reverse("admin:checkpoints_partnershiplevel_change", args=[level.pk]))
    assert isinstance(page.context["adminform"].form, PartnershipLevelAdminForm)
    form = PartnershipLevelAdminForm(instance=level)
    form.cleaned_data = {"contact_interval_days": MAX_INTERVAL_DAYS + 1}
    with pytest.raises(ValidationError) as refused:
        form.clean_contact_interval_days()
    assert str(MAX_INTERVAL_DAYS) in str(refused.value)


@pytest.mark.django_db
def test_the_admin_offers_only_staff_as_an_activitys_responsible_person(admin_client):
    from django.contrib.auth.models import Group

    from .factories import UserFactory

    teacher = UserFactory(username="vastuu-opettaja")
    teacher.groups.add(Group.objects.get(name="Teacher"))
    outsider = UserFactory(username="ei-henkilostoa")
    page = admin_client.get(reverse("admin:checkpoints_annualactivity_add"))
    choices = page.context["adminform"].form.fields["responsible"].queryset
    assert teacher in choices and outsider not in choices
