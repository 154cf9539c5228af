"""Feedback: the public form behind an unguessable link, and reacting to what comes back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from checkpoints.models import Checkpoint
from core.background import say_queued
from core.models import OutboxMessage
from core.ratelimit import client_address, rate_limit_hit

from .. import exports, permissions, services
from ..forms.feedback import AnalysisFilterForm, FeedbackForm, NationalResultForm, ReactionForm
from ..models import QUESTIONS, FeedbackRequest, NationalResult
from ..selectors.analysis import feedback_by_checkpoint
from .access import _feedback, _get_feedback_for_view
from .common import coordinator_required, form_error, form_page, staff_required

# The public links are rate-limited per link and client address together: enough for a
# person, and one respondent (or a classroom behind one address) cannot lock out another.
RATE_LIMIT = 30
RATE_WINDOW_SECONDS = 60


@require_http_methods(["GET", "HEAD", "POST"])
def feedback_form(request, token):
    if rate_limit_hit(
        "feedback", token, client_address(request), limit=RATE_LIMIT, window=RATE_WINDOW_SECONDS
    ):
        return render(request, "partnerships/feedback_closed.html", {"reason": "rate"}, status=429)
    feedback = (
        FeedbackRequest.objects.select_related(
            "work_period__agreement__workplace__employer",
            "work_period__agreement__student",
            "work_period__unit",
        )
        .filter(token=token)
        .first()
    )
    if feedback is None:
        # Guessing links: each guess is a new token, so misses are counted per address alone.
        if rate_limit_hit(
            "feedback-miss", client_address(request), limit=RATE_LIMIT, window=RATE_WINDOW_SECONDS
        ):
            return render(request, "partnerships/feedback_closed.html", {"reason": "rate"}, status=429)
        return render(request, "partnerships/feedback_closed.html", {"reason": "unknown"}, status=404)
    # The respondent reads the form in their own language unless they switch it.
    if not request.COOKIES.get("django_language"):
        translation.activate(feedback.language)
        request.LANGUAGE_CODE = feedback.language
    state = feedback.state()
    if state in ("locked", "expired"):
        return render(
            request, "partnerships/feedback_closed.html", {"reason": state, "feedback": feedback}, status=410
        )
    initial = {"contact_me": feedback.contact_me, "comment": feedback.comment}
    for answer in feedback.answers.all():
        initial[f"score_{answer.question}"] = str(answer.score or "")
        initial[f"text_{answer.question}"] = answer.text
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_answer_save(
                request=feedback,
                scores=form.scores(),
                texts=form.texts(),
                contact_me=form.cleaned_data["contact_me"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Thank you! Your feedback was saved. You can change it for 14 days."))
            return redirect("partnerships:feedback_form", token=token)
    context = {"form": form, "feedback": feedback, "state": state}
    return render(request, "partnerships/feedback_form.html", context)


@require_GET
@staff_required
def feedback_list(request):
    queryset = _feedback(request.user)
    if fmt := exports.wants_export(request):
        rows = queryset.order_by("-answered_at")
        return exports.export_response(rows, exports.feedback_columns(), fmt, "feedback")
    context = {
        "attention": queryset.needing_reaction().order_by("answered_at")[:100],
        "recent": queryset.order_by("-answered_at")[:50],
        "questions": QUESTIONS,
        "can_analyse": permissions.can_analyse_feedback(request.user),
    }
    return render(request, "partnerships/feedback_list.html", context)


@require_http_methods(["GET", "POST"])
@staff_required
def feedback_detail(request, pk):
    feedback = _get_feedback_for_view(request.user, pk)
    if request.method == "POST" and "reaction" in request.POST:
        return _reaction_share(request, feedback)
    form = ReactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reaction = services.feedback_react(request=feedback, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            if form.cleaned_data.get("send_note"):
                note = OutboxMessage.objects.filter(key=services.reaction_note_key(reaction.pk))
                text = _("Reaction recorded. The note to the respondent is queued: it goes out in a moment.")
                say_queued(request, text, note)
            else:
                messages.success(request, _("Reaction recorded."))
            return redirect("partnerships:feedback_detail", pk=feedback.pk)
    _attach_note_messages(feedback)
    _attach_checkpoint_names(feedback)
    context = {
        "feedback": feedback,
        "form": form,
        "can_react": permissions.can_react_to_feedback(request.user, feedback),
    }
    return render(request, "partnerships/feedback_detail.html", context)


def _reaction_share(request, feedback: FeedbackRequest):
    """The share switch of one recorded reaction: shown on the employer's partner page or not."""
    pk = request.POST.get("reaction", "")
    reaction = feedback.reactions.filter(pk=pk).first() if pk.isdigit() else None
    if reaction is None:
        messages.error(request, _("That reaction is not on this feedback."))
        return redirect("partnerships:feedback_detail", pk=feedback.pk)
    if not permissions.can_react_to_feedback(request.user, feedback):
        raise PermissionDenied
    shared = request.POST.get("shared") == "1"
    services.feedback_reaction_share(reaction=reaction, by=request.user, shared=shared)
    if shared:
        messages.success(request, _("The reaction is now shown on the employer's partner page."))
    else:
        messages.success(request, _("The reaction is no longer shown on the employer's partner page."))
    return redirect("partnerships:feedback_detail", pk=feedback.pk)


def _attach_note_messages(feedback: FeedbackRequest) -> None:
    """Each reaction whose note was queued gets its outbox row, to show whether it went out."""
    reactions = [reaction for reaction in feedback.reactions.all() if reaction.note_sent_at]
    if not reactions:
        return
    keys = {services.reaction_note_key(reaction.pk): reaction for reaction in reactions}
    for message in OutboxMessage.objects.filter(key__in=keys):
        keys[message.key].note_message = message


def _attach_checkpoint_names(feedback: FeedbackRequest) -> None:
    """Each answer gets its checkpoint's name in the viewer's language, shown beside the question."""
    names = {c.number: c.name for c in Checkpoint.objects.all()}
    for answer in feedback.answers.all():
        answer.checkpoint_name = names.get(answer.checkpoint, "")


@require_http_methods(["GET", "POST"])
@coordinator_required
def feedback_analysis(request):
    """Scores per checkpoint and half-year, by sector and unit, beside the national results."""
    filters = AnalysisFilterForm(request.GET or None)
    sector, unit = "", None
    if filters.is_valid():
        sector, unit = filters.cleaned_data["sector"], filters.cleaned_data["unit"]
    table = feedback_by_checkpoint(sector=sector, unit_id=unit.pk if unit else None)
    names = {c.number: c.name for c in Checkpoint.objects.all()}
    for row in table["rows"]:
        row["name"] = names.get(row["checkpoint"], "")
    if request.GET.get("format") == "csv":
        return exports.csv_response(
            "feedback-by-checkpoint",
            [
                _("Checkpoint"),
                *[
                    f"{p} {label}"
                    for p in table["periods"]
                    for label in (_("ours"), _("answers"), _("national"))
                ],
            ],
            (
                [
                    f"{row['checkpoint']}. {row['name']}",
                    *[v for c in row["cells"] for v in (c["ours"], c["n"], c["national"])],
                ]
                for row in table["rows"]
            ),
        )
    return form_page(
        request,
        NationalResultForm(request.POST or None),
        save=lambda data: services.national_result_record(by=request.user, data=data),
        done=lambda result: "partnerships:feedback_analysis",
        message=_("National result recorded."),
        template="partnerships/feedback_analysis.html",
        context={
            "filters": filters,
            "table": table,
            "results": NationalResult.objects.select_related("unit")[:30],
            "querystring": request.GET.urlencode(),
        },
    )
