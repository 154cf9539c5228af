"""Employers, their workplaces and people: the lists, the employer's page, the forms, and the
contact log's export. Objects come through the helpers of `access.py`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from checkpoints.models import PartnershipLevel
from partnerships.forms.contacts import ContactForm
from partnerships.forms.employers import ContactPersonForm, EmployerCreateForm, EmployerForm, WorkplaceForm
from partnerships.forms.levels import LevelForm
from partnerships.selectors.contacts import label_channels, link_timeline
from partnerships.selectors.level_suggestions import evidence_for, suggest

from .. import exports, permissions, services
from ..filters import EmployerFilter
from ..models import Agreement, Contact, Employer, LevelRecord
from .access import (
    _get_contact_person_for_edit,
    _get_employer_for_activation,
    _get_employer_for_edit,
    _get_employer_for_level,
    _get_employer_for_level_suggestion,
    _get_employer_for_view,
    _get_workplace_for_edit,
    _get_workplace_for_view,
)
from .common import coordinator_required, form_page, pk_urls, querystring_without_page, staff_required

EMPLOYERS_PER_PAGE = 25
TIMELINE_PER_PAGE = 20


@require_GET
@staff_required
def employer_list(request):
    levels = list(PartnershipLevel.objects.all())
    queryset = Employer.objects.with_last_contact().with_level().select_related("account_owner")
    employer_filter = EmployerFilter(request.GET or None, queryset=queryset, levels=levels)
    if fmt := exports.wants_export(request):
        rows = _with_levels(employer_filter.qs.prefetch_related("workplaces"), levels)
        return exports.export_response(rows, exports.EMPLOYER_COLUMNS, fmt, "employers")

    page = Paginator(employer_filter.qs, EMPLOYERS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = pk_urls(
        list(_with_levels(page_rows(employer_filter.qs, page), levels)), "partnerships:employer_detail"
    )
    context = {"filter": employer_filter, "page": page, "querystring": querystring_without_page(request)}
    template = "partnerships/employer_list.html"
    if request.htmx and request.htmx.target == "employer-results":
        template += "#results"
    return render(request, template, context)


def page_rows(queryset, page):
    """The rows of one page of `queryset`: the page's pks chosen by the list's order alone, then
    only those rows with their annotations. A plain OFFSET would compute every annotation (the
    last contact, the level) for each row it skips too: the last page of 5,000 employers took
    25 times as long as the first."""
    if not page.paginator.count:
        return queryset.none()
    ids = queryset.values("pk")[page.start_index() - 1 : page.end_index()]
    return queryset.filter(pk__in=ids)


def _with_levels(employers, levels):
    """Each employer (annotated by with_level) with its `level`, from the levels read once."""
    by_pk = {level.pk: level for level in levels}
    for employer in employers:
        employer.level = by_pk.get(employer.level_id)
        yield employer


@require_http_methods(["GET", "POST"])
@staff_required
def employer_create(request):
    form = EmployerCreateForm(request.POST or None, by=request.user, initial={"account_owner": request.user})
    return form_page(
        request,
        form,
        save=lambda data: services.employer_create(**data),
        done=lambda employer: employer,
        message=lambda employer: _("Employer %(name)s added.") % {"name": employer.name},
        template="partnerships/employer_form.html",
    )


def _level_records(user, employer: Employer) -> tuple[list, LevelRecord | None]:
    """The latest records, each marked whether this user may correct it, and the current one."""
    records = list(employer.level_records.select_related("level", "recorded_by")[:10])
    for record in records:
        record.can_correct = permissions.can_correct_level_record(user, record)
    return records, next((r for r in records if r.is_current), None)


def _editable_contacts(user, timeline) -> set[int]:
    """The pks of the contacts on this page of the timeline that the user may edit."""
    return {contact.pk for contact in timeline if permissions.can_edit_contact(user, contact)}


def _employer_detail_context(request, employer: Employer, contact_form: ContactForm | None = None) -> dict:
    """The employer's page, for an employer fetched with its last contact and its number of
    contacts (`access._get_employer_for_view`); the contact form a fresh one unless given."""
    level_records, current_level = _level_records(request.user, employer)
    suggestion = suggest(evidence_for(employer))
    level_form = LevelForm(prefix="level")  # the contact form has a date field too
    # The suggested level's name from the level form's options, read once for both: a
    # suggestion is one of the four levels, never the cross-cutting one the form leaves out.
    suggested_level = next(
        (lv for lv in level_form.fields["level"].queryset if lv.key == suggestion[0]), None
    )
    people = list(employer.people.select_related("workplace"))
    if contact_form is None:
        contact_form = ContactForm(employer=employer, people=people)
    paginator = Paginator(employer.contacts.for_timeline(), TIMELINE_PER_PAGE)
    paginator.count = employer.contact_count  # counted with the employer, not asked again
    timeline = paginator.get_page(request.GET.get("page"))
    link_timeline(timeline, contact_form.fields["checkpoints"].queryset)
    label_channels(timeline)
    return {
        "employer": employer,
        "workplaces": contact_form.fields["workplace"].queryset,  # the same rows, read once
        "people": people,
        "timeline": timeline,
        "contact_count": paginator.count,
        "contact_form": contact_form,
        "level_records": level_records,
        "current_level": current_level,
        "suggestion": suggestion,
        # Offered when there is a suggestion and it is not the level recorded now.
        "can_accept_suggestion": bool(suggestion[0])
        and suggestion[0] != (current_level.level.key if current_level else None)
        and permissions.can_accept_level_suggestion(request.user, employer),
        "suggested_level": suggested_level,
        "can_record_level": permissions.can_record_level(request.user, employer),
        "can_set_active": permissions.can_set_employer_active(request.user, employer),
        "can_view_history": permissions.can_view_history(request.user, employer),
        "can_merge": permissions.can_merge_employers(request.user, employer),
        "can_edit_partnership_agreements": permissions.can_edit_partnership_agreement(request.user),
        "editable_contacts": _editable_contacts(request.user, timeline),
        "level_form": level_form,
        "agreements": Agreement.objects.visible_to(request.user)
        .filter(workplace__employer=employer)
        .select_related("student", "workplace", "instructor")
        .order_by("-created_at")[:50],
        "initiatives": employer.initiatives.select_related("owner").order_by("phase", "-updated_at"),
        "competence_needs": employer.competence_needs.order_by("-recorded_on", "-pk")[:20],
    }


@require_GET
@staff_required
def employer_detail(request, pk):
    employer = _get_employer_for_view(request.user, pk)
    return render(request, "partnerships/employer_detail.html", _employer_detail_context(request, employer))


@require_http_methods(["GET", "POST"])
@staff_required
def employer_edit(request, pk):
    employer = _get_employer_for_edit(request.user, pk)
    return form_page(
        request,
        EmployerForm(request.POST or None, by=request.user, instance=employer),
        save=lambda data: services.employer_update(employer=employer, data=data, by=request.user),
        done=lambda employer: employer,
        message=_("Changes saved."),
        template="partnerships/employer_form.html",
        context={"employer": employer},
    )


@require_POST
@coordinator_required
def employer_set_active(request, pk):
    employer = _get_employer_for_activation(request.user, pk)
    active = request.POST.get("active") == "1"
    services.employer_set_active(employer=employer, active=active, by=request.user)
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": employer.name})
    else:
        messages.success(request, _("%(name)s was deactivated.") % {"name": employer.name})
    return redirect(employer)


# Workplaces and people ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def workplace_create(request, employer_pk):
    employer = _get_employer_for_edit(request.user, employer_pk)
    return form_page(
        request,
        WorkplaceForm(request.POST or None),
        save=lambda data: services.workplace_create(employer=employer, data=data),
        done=lambda workplace: employer,
        message=_("Workplace added."),
        template="partnerships/workplace_form.html",
        context={"employer": employer},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def workplace_edit(request, pk):
    workplace = _get_workplace_for_edit(request.user, pk)
    return form_page(
        request,
        WorkplaceForm(request.POST or None, instance=workplace),
        save=lambda data: services.workplace_update(workplace=workplace, data=data),
        done=lambda workplace: workplace.employer,
        message=_("Changes saved."),
        template="partnerships/workplace_form.html",
        context={"employer": workplace.employer, "workplace": workplace},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def person_create(request, employer_pk):
    employer = _get_employer_for_edit(request.user, employer_pk)
    return form_page(
        request,
        ContactPersonForm(request.POST or None, employer=employer),
        save=lambda data: services.contact_person_create(employer=employer, data=data),
        done=lambda person: employer,
        message=_("Contact person added."),
        template="partnerships/person_form.html",
        context={"employer": employer},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def person_edit(request, pk):
    person = _get_contact_person_for_edit(request.user, pk)
    return form_page(
        request,
        ContactPersonForm(request.POST or None, instance=person, employer=person.employer),
        save=lambda data: services.contact_person_update(person=person, data=data),
        done=lambda person: person.employer,
        message=_("Changes saved."),
        template="partnerships/person_form.html",
        context={"employer": person.employer, "person": person},
    )


@require_GET
@staff_required
def workplace_detail(request, pk):
    """One workplace of an employer: its check, its people (instructors first), the agreements
    the user may see, and the contacts logged for it."""
    workplace = _get_workplace_for_view(request.user, pk)
    context = {
        "workplace": workplace,
        "employer": workplace.employer,
        "latest_check": workplace.checks.select_related("checked_by").order_by("-checked_on", "-pk").first(),
        "people": workplace.people.order_by("-is_instructor", "last_name", "first_name"),
        "agreements": Agreement.objects.visible_to(request.user)
        .filter(workplace=workplace)
        .select_related("student", "instructor")
        .order_by("-created_at")[:100],
        "contacts": workplace.contacts.select_related("author").order_by("-date", "-pk")[:20],
    }
    return render(request, "partnerships/workplace_detail.html", context)


@require_POST
@staff_required
def employer_level(request, pk):
    employer = _get_employer_for_level(request.user, pk)
    form = LevelForm(request.POST, prefix="level")
    if form.is_valid():
        services.level_record(employer=employer, by=request.user, **form.cleaned_data)
        messages.success(request, _("Partnership level recorded."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect(f"{employer.get_absolute_url()}#level")


@require_POST
@staff_required
def employer_level_accept(request, pk):
    employer = _get_employer_for_level_suggestion(request.user, pk)
    try:
        services.level_suggestion_accept(
            employer=employer, by=request.user, seen=request.POST.get("level", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The suggested level recorded."))
    return redirect(f"{employer.get_absolute_url()}#level")


@require_GET
@staff_required
def contact_export(request):
    """The contacts of the employers the employer list's filters select (or of one employer),
    optionally between two dates, as CSV or XLSX."""
    employers = EmployerFilter(request.GET or None, queryset=Employer.objects.all()).qs
    contacts = (
        Contact.objects.filter(employer__in=employers.values("pk"))
        .select_related("employer", "author")
        .prefetch_related("checkpoints")
        .order_by("-date", "-pk")
    )
    if (employer := request.GET.get("employer", "")).isdigit():
        contacts = contacts.filter(employer_id=int(employer))
    for key, lookup in (("since", "date__gte"), ("until", "date__lte")):
        value = parse_date_or_none(request.GET.get(key, ""))
        if value is not None:
            contacts = contacts.filter(**{lookup: value})
    fmt = exports.wants_export(request) or "csv"
    return exports.export_response(contacts, exports.CONTACT_COLUMNS, fmt, "contacts")


def parse_date_or_none(value: str):
    """A YYYY-MM-DD date from a query string; anything else means no date (Django's parser
    returns None for another format and raises for an impossible date)."""
    try:
        return parse_date(value)
    except ValueError:
        return None
