"""The home page: what the signed-in member of staff has to do next, and for a coordinator
the institution's figures."""

import datetime

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.models import OutboxMessage, OutboxStatus
from partnerships.selectors import dashboard
from partnerships.selectors.feedback_risk import first_periods_at_risk

from .. import permissions
from ..models import (
    Agreement,
    Contact,
    Employer,
    InitiativeNotice,
    Student,
    ThankYou,
    ThankYouStatus,
)
from .common import pk_urls, staff_required


@require_GET
@staff_required
def home(request):
    user = request.user
    today = timezone.localdate()
    # Up to 50 rows, each with two links: both from one reverse each (pk_urls).
    follow_ups = list(
        Contact.objects.open_follow_ups()
        .filter(author=user)
        .select_related("employer")
        .order_by("follow_up_date", "pk")[:50]
    )
    pk_urls(follow_ups, "partnerships:employer_detail", attr="employer_url", pk="employer_id")
    pk_urls(follow_ups, "partnerships:follow_up_done", attr="done_url")
    context = {
        "today": today,
        "follow_ups": follow_ups,
        "recent_contacts": Contact.objects.filter(author=user).select_related("employer")[:8],
        "periods_at_risk": first_periods_at_risk(Q(agreement__responsible_teacher=user), today, limit=30),
        # The first 20 chosen by a narrow subquery, and only those joined with what the list
        # shows: joining every agreement of the teacher before the LIMIT cost most of it.
        "instructors_to_induct": Agreement.objects.filter(
            pk__in=Agreement.objects.filter(responsible_teacher=user)
            .with_instructor_never_inducted(today)
            .values("pk")[:20]
        ).select_related("student", "instructor", "workplace__employer"),
        "thanks_to_send": ThankYou.objects.filter(
            status=ThankYouStatus.DRAFT, agreement__responsible_teacher=user
        ).select_related("agreement__student", "agreement__workplace__employer")[:20],
        "failed_messages": OutboxMessage.objects.filter(
            responsible=user, status=OutboxStatus.FAILED
        ).order_by("-created_at")[:20],
        "initiative_notices": InitiativeNotice.objects.filter(user=user, read_at__isnull=True)
        .select_related("entry__initiative", "entry__author")
        .order_by("-created_at")[:10],
        # Up to 100 rows: their links from one reverse (pk_urls), not one each.
        "my_employers": pk_urls(
            Employer.objects.filter(account_owner=user, is_active=True)
            .with_last_contact()
            .order_by("name")[:100],
            "partnerships:employer_detail",
        ),
    }
    if permissions.can_review_institution(user):
        month_ago = today - datetime.timedelta(days=30)
        # The dashboard's one query for the active employers, those with an owner and those
        # in touch, instead of counting them and `needing_contact` apart (19 → 9 ms).
        reach = dashboard.reachability(dashboard.Filters(), today)
        context["summary"] = {
            "employers": reach["total"],
            "without_owner": reach["total"] - reach["with_owner"],
            "needing_contact": reach["total"] - reach["in_touch"],
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
