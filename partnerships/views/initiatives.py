"""Co-development initiatives: the list, the working page of one initiative, its PDF report.

Every member of staff reads every initiative; the owner and coordinators edit it; the other
staff involved add log and evaluation entries (the services enforce this as well)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import pdf_response
from core.models import Institution

from .. import codevelopment, permissions, services
from ..forms.initiatives import (
    InitiativeEntryForm,
    InitiativeEvaluationForm,
    InitiativeFilterForm,
    InitiativeForm,
    InitiativePhaseForm,
    InitiativeRedefineForm,
    StudentParticipantForm,
    StudentWithdrawForm,
    initial_from_self_assessment,
)
from ..models import PHASE_ORDER, EntryKind, Initiative
from .access import (
    _get_initiative_for_edit,
    _get_initiative_for_log,
    _get_initiative_for_students,
    _get_initiative_for_view,
    _get_student_participant_for_withdraw,
)
from .common import form_page, querystring_without_page, staff_required

PER_PAGE = 25


@require_GET
@staff_required
def initiative_list(request):
    form = InitiativeFilterForm(request.GET or None)
    initiatives = Initiative.objects.select_related("owner").prefetch_related("checkpoints")
    phase = checkpoint = None
    if form.is_valid():
        phase, checkpoint = form.cleaned_data["phase"], form.cleaned_data["checkpoint"]
        if form.cleaned_data["mine"]:
            initiatives = initiatives.involving(request.user)
        if form.cleaned_data["students"]:
            initiatives = initiatives.with_students()
    initiatives = initiatives.filter(phase=phase) if phase else initiatives.in_progress()
    if checkpoint:
        initiatives = initiatives.filter(checkpoints=checkpoint)
    initiatives = initiatives.annotate(
        employer_count=Count("employers", distinct=True),
        student_count=Count(
            "student_participants", filter=Q(student_participants__withdrawn_on__isnull=True), distinct=True
        ),
    )
    page = Paginator(initiatives.order_by("-updated_at", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/initiative_list.html",
        {"form": form, "page": page, "querystring": querystring_without_page(request)},
    )


def _students(initiative: Initiative):
    return initiative.student_participants.select_related(
        "student", "consent_recorded_by", "withdrawal_recorded_by"
    )


def _detail(request, initiative: Initiative, status: int = 200, **forms) -> HttpResponse:
    """The working page: the definition, the phase guidance, the log by phase, and the forms
    the user may use (a failed form comes back bound, with what was typed)."""
    staff = list(initiative.staff.all())
    can_edit = permissions.can_edit_initiative(request.user, initiative)
    can_log = permissions.can_log_initiative(request.user, initiative, staff_ids={user.pk for user in staff})
    can_manage_students = permissions.can_manage_student_participants(request.user, initiative)
    entries = list(initiative.entries.select_related("author", "participant__student"))
    students = list(_students(initiative))
    failed = forms.get("withdraw_form")
    for participant in students:
        # Those who manage the consent see whom it is about while it is in force, also when it
        # does not cover being named in the log and the report; everyone else as the log does.
        participant.show_identity = participant.is_named or (
            can_manage_students and participant.in_force and not participant.is_anonymous
        )
        if can_manage_students and participant.in_force:
            # Each withdrawal form has its own prefix, so that its fields' ids are unique.
            prefix = f"withdraw-{participant.pk}"
            participant.withdraw_form = (
                failed
                if failed is not None and failed.prefix == prefix
                else StudentWithdrawForm(prefix=prefix)
            )
    # Completed: every phase is behind it.
    current = PHASE_ORDER.index(initiative.phase) if initiative.phase in PHASE_ORDER else len(PHASE_ORDER)
    phases = [
        {
            "value": phase,
            "label": phase.label,
            "current": index == current,
            "done": index < current,
            "prompts": codevelopment.PHASE_PROMPTS[phase],
            "entries": [e for e in entries if e.phase == phase and e.kind != EntryKind.EVALUATION],
        }
        for index, phase in enumerate(PHASE_ORDER)
    ]
    context = {
        "initiative": initiative,
        "staff": staff,
        "checkpoints": initiative.checkpoints.all(),
        "employers": initiative.employers.all(),
        "representatives": initiative.representatives.select_related("employer"),
        "competence_needs": initiative.competence_needs.select_related("employer").order_by("-recorded_on"),
        "phases": phases,
        "evaluations": [e for e in entries if e.kind == EntryKind.EVALUATION],
        "evaluation_prompts": codevelopment.EVALUATION_PROMPTS,
        "model_intro": codevelopment.MODEL_INTRO,
        "students": students,
        "can_edit": can_edit,
        "can_log": can_log,
        "can_manage_students": can_manage_students,
        "can_view_history": permissions.can_view_history(request.user, initiative),
        "entry_form": forms.get("entry_form") or (InitiativeEntryForm(prefix="entry") if can_log else None),
        "evaluation_form": forms.get("evaluation_form")
        or (InitiativeEvaluationForm(prefix="evaluation") if can_log else None),
        "phase_form": forms.get("phase_form")
        or (InitiativePhaseForm(prefix="phase", initiative=initiative) if can_edit else None),
    }
    return render(request, "partnerships/initiative_detail.html", context, status=status)


@require_GET
@staff_required
def initiative_detail(request, pk):
    initiative = _get_initiative_for_view(request.user, pk)
    # Opening the initiative reads the user's notices about it.
    services.initiative_notices_read(user=request.user, initiative=initiative)
    return _detail(request, initiative)


@require_http_methods(["GET", "POST"])
@staff_required
def initiative_create(request):
    initial = {}
    employer = request.GET.get("employer", "")
    if employer.isdigit():
        initial["employers"] = [int(employer)]
    if request.GET.get("level"):
        # From the self-assessment summary's "where is most to develop".
        initial |= initial_from_self_assessment(
            user=request.user,
            level_key=request.GET["level"],
            assessment_pk=request.GET.get("from_self_assessment", ""),
        )
    return form_page(
        request,
        InitiativeForm(request.POST or None, user=request.user, initial=initial),
        save=lambda data: services.initiative_create(by=request.user, data=data),
        done=lambda initiative: initiative,
        message=lambda initiative: _("Initiative “%(title)s” started.") % {"title": initiative.title},
        template="partnerships/initiative_form.html",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def initiative_edit(request, pk):
    initiative = _get_initiative_for_edit(request.user, pk)
    return form_page(
        request,
        InitiativeForm(request.POST or None, instance=initiative, user=request.user),
        save=lambda data: services.initiative_update(initiative=initiative, by=request.user, data=data),
        done=lambda initiative: initiative,
        message=_("Changes saved."),
        template="partnerships/initiative_form.html",
        context={"initiative": initiative},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def initiative_redefine(request, pk):
    initiative = _get_initiative_for_edit(request.user, pk)
    form = InitiativeRedefineForm(request.POST or None, instance=initiative)

    def save(data):
        decision = data.pop("decision")
        return services.initiative_redefine(
            initiative=initiative, by=request.user, data=data, decision=decision
        )

    return form_page(
        request,
        form,
        save=save,
        done=lambda entry: initiative,
        message=_("The new definition is recorded and everyone involved has been told."),
        template="partnerships/initiative_redefine.html",
        context={"initiative": initiative},
    )


@require_POST
@staff_required
def initiative_phase(request, pk):
    initiative = _get_initiative_for_edit(request.user, pk)
    return form_page(
        request,
        InitiativePhaseForm(request.POST, prefix="phase", initiative=initiative),
        invalid=lambda form: _detail(request, initiative, status=400, phase_form=form),
        save=lambda data: services.initiative_change_phase(initiative=initiative, by=request.user, **data),
        message=lambda entry: (
            _("The initiative moved to phase “%(phase)s”.") % {"phase": entry.get_to_phase_display()}
        ),
        done=lambda entry: initiative.get_absolute_url(),
    )


@require_POST
@staff_required
def initiative_log(request, pk):
    initiative = _get_initiative_for_log(request.user, pk)
    return form_page(
        request,
        InitiativeEntryForm(request.POST, prefix="entry"),
        invalid=lambda form: _detail(request, initiative, status=400, entry_form=form),
        save=lambda data: services.initiative_log(initiative=initiative, by=request.user, data=data),
        message=_("Added to the log."),
        done=lambda entry: initiative.get_absolute_url(),
    )


@require_POST
@staff_required
def initiative_evaluate(request, pk):
    initiative = _get_initiative_for_log(request.user, pk)
    return form_page(
        request,
        InitiativeEvaluationForm(request.POST, prefix="evaluation"),
        invalid=lambda form: _detail(request, initiative, status=400, evaluation_form=form),
        save=lambda data: services.initiative_evaluate(initiative=initiative, by=request.user, **data),
        message=_("Evaluation recorded."),
        done=lambda entry: f"{initiative.get_absolute_url()}#evaluation",
    )


@require_http_methods(["GET", "POST"])
@staff_required
def initiative_student_add(request, pk):
    initiative = _get_initiative_for_students(request.user, pk)
    return form_page(
        request,
        StudentParticipantForm(request.POST or None, user=request.user),
        save=lambda data: services.initiative_student_add(initiative=initiative, by=request.user, **data),
        done=lambda participant: f"{initiative.get_absolute_url()}#students",
        message=lambda participant: (
            _("%(name)s takes part in the initiative; the consent is recorded.") % {"name": participant}
        ),
        template="partnerships/initiative_student_form.html",
        context={"initiative": initiative},
    )


@require_POST
@staff_required
def initiative_student_withdraw(request, pk):
    participant = _get_student_participant_for_withdraw(request.user, pk)
    initiative = participant.initiative
    return form_page(
        request,
        StudentWithdrawForm(request.POST, prefix=f"withdraw-{participant.pk}"),
        invalid=lambda form: _detail(request, initiative, status=400, withdraw_form=form),
        save=lambda data: services.initiative_student_withdraw(
            participant=participant, by=request.user, withdrawn_on=data["withdrawn_on"]
        ),
        message=_("The withdrawal of consent is recorded: the student is no longer named in the initiative."),
        done=lambda participant: f"{initiative.get_absolute_url()}#students",
    )


@require_GET
@staff_required
def initiative_pdf(request, pk):
    """A report for the steering group: the definition, every phase with its log, and the
    evaluation, through the shared rendering service."""
    initiative = _get_initiative_for_view(request.user, pk)
    entries = list(
        initiative.entries.select_related("author", "participant__student").order_by(
            "date", "created_at", "pk"
        )
    )
    context = {
        "initiative": initiative,
        "institution": Institution.current(),
        "checkpoints": initiative.checkpoints.all(),
        "employers": initiative.employers.all(),
        "representatives": initiative.representatives.select_related("employer"),
        "staff": initiative.staff.all(),
        # Only those whose consent is in force; each named only if the consent covers it.
        "students": [p for p in _students(initiative) if p.in_force],
        "phases": [
            {
                "label": phase.label,
                "current": phase == initiative.phase,
                "entries": [e for e in entries if e.phase == phase and e.kind != EntryKind.EVALUATION],
            }
            for phase in PHASE_ORDER
        ],
        "evaluations": [e for e in entries if e.kind == EntryKind.EVALUATION],
    }
    filename = slugify(initiative.title) or "initiative"
    return pdf_response(
        request, "pdf/initiative.html", context, filename=f"{filename}.pdf", fallback=initiative
    )


@require_POST
@staff_required
def initiative_notices_read(request):
    services.initiative_notices_read(user=request.user)
    messages.success(request, _("Notices marked as read."))
    return redirect("partnerships:home")
