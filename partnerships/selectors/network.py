"""Read-only queries of the strategic network: the lists' filters, the year's summary that the
dashboard and the self-assessment show."""

from django.db.models import Count, Q
from django.urls import reverse

from ..models import CooperationKind, NetworkCooperation, NetworkOrganisation, OrganisationKind


def organisations_filtered(data: dict | None):
    """The organisations, with their cooperation counted, by the list's cleaned filters."""
    organisations = NetworkOrganisation.objects.annotate(cooperation_count=Count("cooperation")).order_by(
        "name", "pk"
    )
    data = data or {}
    active = data.get("active", "")
    if active == "":
        organisations = organisations.filter(is_active=True)
    elif active == "inactive":
        organisations = organisations.filter(is_active=False)
    if data.get("kind"):
        organisations = organisations.filter(kind=data["kind"])
    if term := (data.get("q") or "").strip():
        organisations = organisations.filter(
            Q(name__icontains=term) | Q(description__icontains=term) | Q(contact_names__icontains=term)
        )
    return organisations


def cooperation_filtered(data: dict | None):
    """The cooperation by the list's cleaned filters, its organisations and staff prefetched."""
    cooperation = NetworkCooperation.objects.prefetch_related("organisations", "staff")
    data = data or {}
    if data.get("kind"):
        cooperation = cooperation.filter(kind=data["kind"])
    if data.get("organisation"):
        cooperation = cooperation.filter(organisations=data["organisation"])
    if data.get("year"):
        cooperation = cooperation.filter(date__year=data["year"])
    if term := (data.get("q") or "").strip():
        matching = NetworkCooperation.objects.filter(
            Q(title__icontains=term)
            | Q(notes__icontains=term)
            | Q(contact_names__icontains=term)
            | Q(organisations__name__icontains=term)
        )
        cooperation = cooperation.filter(pk__in=matching.values("pk"))
    return cooperation


def counts(*, year: int, staff_id: int | None = None) -> dict:
    """Active organisations, and the year's cooperation (that a teacher took part in, for their
    own view), in one query: the cooperation is counted through its organisations, which
    every record names (the service requires one), distinct over the joins."""
    taken_part = Q(cooperation__date__year=year)
    if staff_id:
        taken_part &= Q(cooperation__staff=staff_id)
    figures = NetworkOrganisation.objects.aggregate(
        organisations=Count("pk", filter=Q(is_active=True), distinct=True),
        cooperation=Count("cooperation", filter=taken_part, distinct=True),
    )
    return {"year": year, **figures}


def year_summary(year: int) -> dict:
    """The network as the self-assessment shows it beside the strategic questions: the active
    organisations by kind, and the year's cooperation by kind with its latest records."""
    by_org_kind = dict(
        NetworkOrganisation.objects.filter(is_active=True)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    cooperation = NetworkCooperation.objects.filter(date__year=year)
    by_kind = dict(cooperation.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    list_url = reverse("partnerships:network_cooperation_list")
    return {
        "year": year,
        "organisations": [
            {"label": kind.label, "count": by_org_kind[kind.value]}
            for kind in OrganisationKind
            if by_org_kind.get(kind.value)
        ],
        "organisation_total": sum(by_org_kind.values()),
        "cooperation": [
            {
                "label": kind.label,
                "count": by_kind[kind.value],
                "url": f"{list_url}?year={year}&kind={kind.value}",
            }
            for kind in CooperationKind
            if by_kind.get(kind.value)
        ],
        "cooperation_total": sum(by_kind.values()),
        "latest": list(cooperation.prefetch_related("organisations")[:5]),
        "list_url": f"{list_url}?year={year}",
        "organisations_url": reverse("partnerships:network_organisation_list"),
    }


def self_assessment_evidence(assessment) -> dict:
    """Beside the strategic level's questions (registered in apps.py): the network in the
    assessment's year, for the whole institution whichever unit the assessment is for."""
    return {
        "template": "partnerships/_self_assessment_network.html",
        "pdf_template": "pdf/_self_assessment_network.html",
        "context": year_summary(assessment.year),
    }
