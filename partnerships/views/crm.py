"""Thin views: fetch through a permission-checking helper, validate a form, call a service."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from checkpoints.models import PartnershipLevel
from core.models import OutboxMessage, OutboxStatus

from .. import exports, services
from ..filters import EmployerFilter, StudentFilter
from ..forms.contacts import ContactForm
from ..forms.employers import ContactPersonForm, EmployerCreateForm, EmployerForm, WorkplaceForm
from ..forms.levels import LevelForm
from ..forms.students import StudentForm
from ..models import (
    Agreement,
    Contact,
    ContactPerson,
    Employer,
    InitiativeNotice,
    LevelRecord,
    Student,
    ThankYou,
    ThankYouStatus,
    WorkPeriod,
    Workplace,
)
from ..selectors.feedback_risk import feedback_warnings, first_periods_at_risk
from ..selectors.level_suggestions import evidence_for, suggest
from ..selectors.timeline import student_path
from .common import coordinator_required, form_error, form_page, querystring_without_page, staff_required

EMPLOYERS_PER_PAGE = 25
STUDENTS_PER_PAGE = 50
TIMELINE_PER_PAGE = 20


def _get_student_for_user(user, pk: int) -> Student:
    """A student the user may see (need to know), or 404: no hint that the student exists."""
    queryset = Student.objects.visible_to(user).select_related("group__unit", "qualification")
    return get_object_or_404(queryset, pk=pk)


def _get_contact_for_editing(user, pk: int) -> Contact:
    contact = get_object_or_404(Contact.objects.select_related("employer"), pk=pk)
    if not services.can_edit_contact(user, contact):
        raise PermissionDenied
    return contact


# Home ---------------------------------------------------------------------------------


@require_GET
@staff_required
def home(request):
    user = request.user
    today = timezone.localdate()
    follow_ups = (
        Contact.objects.open_follow_ups()
        .filter(author=user)
        .select_related("employer")
        .order_by("follow_up_date", "pk")
    )
    context = {
        "today": today,
        "contact_interval": settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS,
        "follow_ups": follow_ups[:50],
        "recent_contacts": Contact.objects.filter(author=user).select_related("employer")[:8],
        "periods_at_risk": first_periods_at_risk(
            WorkPeriod.objects.filter(agreement__responsible_teacher=user), today, limit=30
        ),
        "instructors_to_induct": Agreement.objects.filter(responsible_teacher=user)
        .with_instructor_never_inducted(today)
        .select_related("student", "instructor", "workplace__employer")[:20],
        "thanks_to_send": ThankYou.objects.filter(
            status=ThankYouStatus.DRAFT, agreement__responsible_teacher=user
        ).select_related("agreement__student", "agreement__workplace__employer")[:20],
        "failed_messages": OutboxMessage.objects.filter(
            responsible=user, status=OutboxStatus.FAILED
        ).order_by("-created_at")[:20],
        "initiative_notices": InitiativeNotice.objects.filter(user=user, read_at__isnull=True)
        .select_related("entry__initiative", "entry__author")
        .order_by("-created_at")[:10],
        "my_employers": Employer.objects.filter(account_owner=user, is_active=True)
        .with_last_contact()
        .order_by("name")[:100],
    }
    if user.is_coordinator:
        month_ago = today - datetime.timedelta(days=30)
        context["summary"] = {
            **Employer.objects.filter(is_active=True).aggregate(
                employers=Count("pk"),
                without_owner=Count("pk", filter=Q(account_owner__isnull=True)),
            ),
            "needing_contact": Employer.objects.needing_contact().count(),
            **Contact.objects.aggregate(
                contacts_30_days=Count("pk", filter=Q(date__gt=month_ago)),
                overdue_follow_ups=Count(
                    "pk",
                    filter=Q(follow_up_date__lt=today, follow_up_done_at__isnull=True),
                ),
            ),
            "students": Student.objects.count(),
        }
    return render(request, "partnerships/home.html", context)


# Employers ----------------------------------------------------------------------------


@require_GET
@staff_required
def employer_list(request):
    def make_filter() -> EmployerFilter:
        queryset = Employer.objects.with_last_contact().select_related("account_owner")
        return EmployerFilter(request.GET or None, queryset=queryset)

    if fmt := exports.wants_export(request):
        rows = make_filter().qs.prefetch_related("workplaces")
        return exports.export_response(rows, exports.EMPLOYER_COLUMNS, fmt, "employers")

    employer_filter = make_filter()
    page = Paginator(employer_filter.qs, EMPLOYERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"filter": employer_filter, "page": page, "querystring": querystring_without_page(request)}
    template = "partnerships/employer_list.html"
    if request.htmx and request.htmx.target == "employer-results":
        template += "#results"
    return render(request, template, context)


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
        record.can_correct = services.can_correct_level_record(user, record)
    return records, next((r for r in records if r.is_current), None)


def _employer_detail_context(request, employer: Employer, contact_form: ContactForm) -> dict:
    level_records, current_level = _level_records(request.user, employer)
    timeline = Paginator(employer.contacts.for_timeline(), TIMELINE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return {
        "employer": employer,
        "workplaces": employer.workplaces.all(),
        "people": employer.people.select_related("workplace"),
        "timeline": timeline,
        "contact_count": timeline.paginator.count,
        "contact_form": contact_form,
        "level_records": level_records,
        "current_level": current_level,
        "suggestion": suggest(evidence_for(employer)),
        "level_names": {level.key: level.name for level in PartnershipLevel.objects.all()},
        "can_record_level": services.can_record_level(request.user, employer),
        "level_form": LevelForm(prefix="level"),  # the contact form has a date field too
        "agreements": Agreement.objects.visible_to(request.user)
        .filter(workplace__employer=employer)
        .select_related("student", "workplace", "instructor")
        .order_by("-created_at")[:50],
        "initiatives": employer.initiatives.select_related("owner").order_by("phase", "-updated_at"),
    }


def _get_employer(pk: int) -> Employer:
    return get_object_or_404(
        Employer.objects.select_related("account_owner", "main_contact").with_last_contact(), pk=pk
    )


@require_GET
@staff_required
def employer_detail(request, pk):
    employer = _get_employer(pk)
    context = _employer_detail_context(request, employer, ContactForm(employer=employer))
    return render(request, "partnerships/employer_detail.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def employer_edit(request, pk):
    employer = get_object_or_404(Employer, pk=pk)
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
    employer = get_object_or_404(Employer, pk=pk)
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
    employer = get_object_or_404(Employer, pk=employer_pk)
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
    workplace = get_object_or_404(Workplace.objects.select_related("employer"), pk=pk)
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
    employer = get_object_or_404(Employer, pk=employer_pk)
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
    person = get_object_or_404(ContactPerson.objects.select_related("employer"), pk=pk)
    return form_page(
        request,
        ContactPersonForm(request.POST or None, instance=person, employer=person.employer),
        save=lambda data: services.contact_person_update(person=person, data=data),
        done=lambda person: person.employer,
        message=_("Changes saved."),
        template="partnerships/person_form.html",
        context={"employer": person.employer, "person": person},
    )


# Contact log --------------------------------------------------------------------------


@require_POST
@staff_required
def contact_create(request, employer_pk):
    """Log a contact: an htmx request gets fragments back, a plain POST a redirect."""
    employer = _get_employer(employer_pk)
    form = ContactForm(request.POST, employer=employer)
    contact = None
    if form.is_valid():
        try:
            contact = services.contact_log(employer=employer, author=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
    if request.htmx:
        if contact is None:
            return render(
                request,
                "partnerships/employer_detail.html#contact-form",
                {"employer": employer, "contact_form": form},
            )
        contact = Contact.objects.for_timeline().get(pk=contact.pk)
        contact_count = employer.contacts.count()
        context = {
            "employer": employer,
            "contact_form": ContactForm(employer=employer),
            "contact": contact,
            "just_logged": True,
            "was_empty": contact_count == 1,  # the timeline showed "no contacts yet"
            "contact_count": contact_count,
        }
        return render(request, "partnerships/_contact_logged.html", context)
    if contact is None:
        context = _employer_detail_context(request, employer, form)
        return render(request, "partnerships/employer_detail.html", context)
    messages.success(request, _("Contact logged."))
    return redirect(employer)


@require_http_methods(["GET", "POST"])
@staff_required
def contact_edit(request, pk):
    contact = _get_contact_for_editing(request.user, pk)
    return form_page(
        request,
        ContactForm(request.POST or None, instance=contact, employer=contact.employer),
        save=lambda data: services.contact_update(contact=contact, by=request.user, data=data),
        done=lambda contact: contact.employer,
        message=_("Changes saved."),
        template="partnerships/contact_form.html",
        context={"contact": contact},
    )


@require_POST
@staff_required
def contact_delete(request, pk):
    contact = _get_contact_for_editing(request.user, pk)
    employer = contact.employer
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, _("Contact deleted."))
    return redirect(employer)


@require_POST
@staff_required
def follow_up_done(request, pk):
    contact = _get_contact_for_editing(request.user, pk)
    services.follow_up_complete(contact=contact, by=request.user)
    if request.htmx:
        return render(request, "partnerships/home.html#follow-up-done", {"contact": contact})
    messages.success(request, _("Follow-up marked done."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect("home")


# Students -----------------------------------------------------------------------------


@require_GET
@staff_required
def student_list(request):
    queryset = Student.objects.visible_to(request.user).select_related("group", "qualification")
    student_filter = StudentFilter(request.GET or None, queryset=queryset, user=request.user)
    ordered = student_filter.qs.order_by("last_name", "first_name", "pk")
    if fmt := exports.wants_export(request):
        return exports.export_response(ordered, exports.STUDENT_COLUMNS, fmt, "students")
    paginator = Paginator(ordered, STUDENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {"filter": student_filter, "page": page, "querystring": querystring_without_page(request)}
    return render(request, "partnerships/student_list.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def student_create(request):
    return form_page(
        request,
        StudentForm(request.POST or None, user=request.user),
        save=lambda data: services.student_create(data=data, by=request.user),
        done=lambda student: student,
        message=lambda student: _("Student %(name)s added.") % {"name": student.full_name},
        template="partnerships/student_form.html",
    )


@require_GET
@staff_required
def student_detail(request, pk):
    student = _get_student_for_user(request.user, pk)
    periods = Prefetch("work_periods", queryset=WorkPeriod.objects.select_related("unit"))
    agreements = (
        student.agreements.select_related("workplace__employer", "instructor", "responsible_teacher")
        .prefetch_related(periods)
        .order_by("-created_at")
    )
    timeline = sorted(
        agreements, key=lambda a: min((p.start for p in a.work_periods.all()), default=a.created_at.date())
    )
    feedback_warnings([p for a in timeline for p in a.work_periods.all()])
    demonstrations = student.demonstrations.select_related(
        "unit", "teacher_assessor", "worklife_assessor", "second_teacher_assessor", "workplace__employer"
    )
    context = {
        "student": student,
        "agreements": timeline,
        "demonstrations": demonstrations,
        "path": student_path(student, timezone.localdate()),
    }
    return render(request, "partnerships/student_detail.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def student_edit(request, pk):
    student = _get_student_for_user(request.user, pk)
    if student.is_erased:
        # Editing would bring personal data back into an anonymised record.
        messages.error(
            request, _("This student's personal data has been erased: the record cannot be edited.")
        )
        return redirect(student)
    return form_page(
        request,
        StudentForm(request.POST or None, instance=student, user=request.user),
        save=lambda data: services.student_update(student=student, data=data, by=request.user),
        done=lambda student: student,
        message=_("Changes saved."),
        template="partnerships/student_form.html",
        context={"student": student},
    )


@require_GET
@staff_required
def workplace_detail(request, pk):
    """One workplace of an employer: its check, its people (instructors first), the agreements
    the user may see, and the contacts logged for it."""
    workplace = get_object_or_404(Workplace.objects.select_related("employer"), pk=pk)
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
    employer = get_object_or_404(Employer, pk=pk)
    if not services.can_record_level(request.user, employer):
        raise PermissionDenied
    form = LevelForm(request.POST, prefix="level")
    if form.is_valid():
        services.level_record(employer=employer, by=request.user, **form.cleaned_data)
        messages.success(request, _("Partnership level recorded."))
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
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
