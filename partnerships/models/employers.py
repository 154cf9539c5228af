"""Employers (one Y-tunnus each), their workplaces (toimipaikat) and their people."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Language
from core.phones import validate_phone

from ..validators import validate_business_id


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Sector(models.TextChoices):
    """Main sections of the Standard Industrial Classification TOL 2008 (Statistics Finland)."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply, sewerage, waste management and remediation")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade, repair of motor vehicles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741 (TOL letter)
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence, compulsory social security")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Activities of households as employers")
    U = "U", _("Activities of extraterritorial organisations and bodies")


# Each sector's name (translated when shown), by its letter.
SECTOR_NAMES = dict(Sector.choices)


def contact_intervals() -> dict[int, int]:
    """Each partnership level's contact interval in days, by level id (one query); levels
    without an interval are left out, as they ask for no contact."""
    from checkpoints.models import PartnershipLevel

    return dict(
        PartnershipLevel.objects.filter(contact_interval_days__isnull=False).values_list(
            "pk", "contact_interval_days"
        )
    )


class EmployerQuerySet(models.QuerySet):
    def _related(self, name: str) -> type[models.Model]:
        """The model on the other side of a reverse relation (contacts, level_records): those
        modules import this one, so this one reaches them through the ORM, not an import."""
        return self.model._meta.get_field(name).related_model

    def with_last_contact(self):
        """Annotate `last_contact`. A correlated subquery, not Max() over a join: PostgreSQL
        then reads the (employer, date) index for the rows of one page only, instead of
        grouping every contact of every employer (89 ms → 6 ms for a list page of 5,000
        employers with 50,000 contacts, measured by make bench)."""
        latest = (
            self._related("contacts")
            .objects.filter(employer=OuterRef("pk"))
            .order_by("-date")
            .values("date")[:1]
        )
        return self.annotate(last_contact=Subquery(latest))

    def with_level(self):
        """Annotate `level_id`: the level of the latest current record, if any."""
        records = self._related("level_records").objects.current().filter(employer=OuterRef("pk"))
        latest = records.order_by("-date", "-created_at")
        return self.annotate(level_id=Subquery(latest.values("level_id")[:1]))

    def at_level(self, level_id: int | None):
        """Employers whose current level is `level_id` (None: no level recorded yet), by the
        same annotation the dashboard counts them with (level_id=None is IS NULL)."""
        return self.with_level().filter(level_id=level_id)

    def needing_contact(
        self,
        days: int | None = None,
        *,
        today: datetime.date | None = None,
        intervals: dict[int, int] | None = None,
    ):
        """Active employers with no contact within their interval (checkpoint 8): `days` when
        given, otherwise each employer's partnership level's interval, or the default one.
        `intervals` (`contact_intervals()`) spares the query for them when the caller has them.

        One pass: each employer's last contact (a subquery through the (employer, date)
        index) against a cutoff chosen by its level with CASE, instead of one NOT EXISTS per
        level OR-ed together (65 ms → 15 ms for 5,000 employers, measured)."""
        today = today or timezone.localdate()
        active = self.filter(is_active=True).with_last_contact()
        if days:
            cutoff = today - datetime.timedelta(days=days)
            return active.filter(Q(last_contact__isnull=True) | Q(last_contact__lte=cutoff))
        default = settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS
        if intervals is None:
            intervals = contact_intervals()
        # A level without an interval asks for no contact: its cutoff stays NULL.
        cutoff = Case(
            When(level_id__isnull=True, then=Value(today - datetime.timedelta(days=default))),
            *[
                When(level_id=level_id, then=Value(today - datetime.timedelta(days=interval)))
                for level_id, interval in intervals.items()
            ],
            default=None,
            output_field=models.DateField(),
        )
        return (
            active.with_level()
            .annotate(contact_cutoff=cutoff)
            .filter(contact_cutoff__isnull=False)
            .filter(Q(last_contact__isnull=True) | Q(last_contact__lte=F("contact_cutoff")))
        )

    def in_unit(self, unit_id: int):
        """The employers a unit works with: those taking on its students (an agreement of any
        status with a student of one of its groups), and those whose account owner is in it.
        The dashboard's figures and the employer list filter by unit through this one method."""
        agreements = Workplace.objects.filter(
            employer=OuterRef("pk"), agreements__student__group__unit_id=unit_id
        )
        return self.filter(Q(account_owner__unit_id=unit_id) | Exists(agreements))

    def in_municipality(self, municipality: str):
        workplaces = Workplace.objects.filter(
            employer=OuterRef("pk"), municipality__iexact=municipality.strip()
        )
        return self.filter(Exists(workplaces))

    def search(self, term: str):
        term = term.strip()
        if not term:
            return self
        return self.filter(Q(name__icontains=term) | Q(business_id__icontains=term))


class Employer(models.Model):
    """An employer (työnantaja): one Y-tunnus, one or more workplaces."""

    name = models.CharField(_("name"), max_length=200)
    # Stored as NNNNNNN-C; NULL (not "") when unknown so that uniqueness applies to real IDs.
    # A sole trader may not have one yet (domain.md).
    business_id = models.CharField(
        _("business ID (Y-tunnus)"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_business_id],
        error_messages={"unique": _("Another employer already has this business ID.")},
    )
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    account_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account owner"),
        help_text=_("The teacher responsible for this customer (checkpoint 1)."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_employers",
    )
    main_contact = models.ForeignKey(
        "ContactPerson",
        verbose_name=_("main contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EmployerQuerySet.as_manager()

    # The audit trail: who changed what, with the values before and after (issue 7).
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["is_active", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:employer_detail", args=[self.pk])

    @property
    def sector_name(self) -> str:
        """The sector's name: one dictionary lookup, where get_sector_display() translates and
        hashes every choice on each call, and `Sector.values` builds the list of all of them
        (about 0.3 ms per row of the employer list)."""
        return SECTOR_NAMES.get(self.sector, self.sector)


class Workplace(models.Model):
    """A workplace (toimipaikka) of an employer: agreements, instructors and visits attach here."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="workplaces"
    )
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100)
    sector = models.CharField(
        _("sector"),
        max_length=1,
        choices=Sector.choices,
        blank=True,
        help_text=_("Only if it differs from the employer's sector."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("workplace")
        verbose_name_plural = _("workplaces")
        indexes = [models.Index(fields=["municipality"])]

    def __str__(self):
        return f"{self.name}, {self.municipality}"


class ContactPerson(models.Model):
    """A person at an employer, optionally at one workplace; may be a workplace instructor."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="people"
    )
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("workplace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Stored in E.164 (+358401234567) by the forms and services (core/phones.py).
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    is_instructor = models.BooleanField(_("workplace instructor"), default=False)
    induction_date = models.DateField(_("inducted on"), null=True, blank=True)
    instructor_training = models.CharField(
        _("instructor training completed"),
        max_length=200,
        blank=True,
        help_text=_("Which training, e.g. “Työpaikkaohjaajakoulutus 2 op”."),
    )
    instructor_training_date = models.DateField(_("training completed on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Non-essential messages (thanks, offers) stop after the person opts out through the link
    # in them; reminders to staff are not affected.
    opted_out_at = models.DateTimeField(_("opted out of non-essential messages"), null=True, blank=True)
    opt_out_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # The audit trail: who changed what, with the values before and after (issue 7).
    history = HistoricalRecords(excluded_fields=["opt_out_token"])

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        # The national survey's bundles join instructors by name: an instructor's namesakes
        # with another address are looked up by it (feedback_risk).
        indexes = [models.Index(fields=["last_name", "first_name", "email"], name="contact_person_by_name")]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("partnerships:instructor_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def has_been_inducted(self) -> bool:
        return self.induction_date is not None or self.trainings.filter(kind="induction").exists()


class WorkplaceCheck(models.Model):
    """The record that a workplace meets the prerequisites before its first agreement.

    531/2017, chapter 7 (and domain.md, "Workplace"): matching work tasks, enough production
    or service activity, the tools needed, and competent staff from whom a responsible
    workplace instructor is named.
    """

    workplace = models.ForeignKey(
        Workplace, verbose_name=_("workplace"), on_delete=models.CASCADE, related_name="checks"
    )
    matching_tasks = models.BooleanField(_("work tasks that match the studies"))
    enough_activity = models.BooleanField(_("enough production or service activity"))
    tools = models.BooleanField(_("the tools needed"))
    competent_staff = models.BooleanField(_("competent staff to instruct"))
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)

    class Meta:
        ordering = ["-checked_on", "-pk"]
        get_latest_by = ["checked_on", "pk"]
        verbose_name = _("workplace check")
        verbose_name_plural = _("workplace checks")

    def __str__(self):
        return f"{self.workplace} {self.checked_on:%d.%m.%Y}"

    @property
    def passed(self) -> bool:
        return self.matching_tasks and self.enough_activity and self.tools and self.competent_staff
