"""The working-life CRM: employers, their workplaces and people, students and the contact log."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkpoints.models import Checkpoint
from core.i18n import localized
from core.models import Language, StudentGroup

from .validators import validate_business_id, validate_learner_oid


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


class Qualification(models.Model):
    """A vocational qualification a student studies (the agreements issue adds its units)."""

    name_fi = models.CharField(_("name (Finnish)"), max_length=200, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class EmployerQuerySet(models.QuerySet):
    def with_last_contact(self):
        return self.annotate(last_contact=Max("contacts__date"))

    def needing_contact(self, days: int | None = None, *, today: datetime.date | None = None):
        """Active employers with no contact in the last `days` days (checkpoint 8)."""
        days = days or settings.KUMPPANI_DEFAULT_CONTACT_INTERVAL_DAYS
        cutoff = (today or timezone.localdate()) - datetime.timedelta(days=days)
        recent = Contact.objects.filter(employer=OuterRef("pk"), date__gt=cutoff)
        return self.filter(is_active=True).exclude(Exists(recent))

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

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["is_active", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("employer_detail", args=[self.pk])


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
    phone = models.CharField(_("phone"), max_length=40, blank=True)
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class StudentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Need to know: coordinators see every student, teachers those of their groups."""
        if not user.is_authenticated:
            return self.none()
        if user.is_coordinator:
            return self
        if not user.is_teacher:
            return self.none()
        return self.filter(group__teachers=user)


class Student(models.Model):
    """A student. Identified by the student number and the learner OID, never a henkilötunnus."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    student_number = models.CharField(
        _("student number"),
        max_length=30,
        unique=True,
        error_messages={"unique": _("Another student already has this student number.")},
    )
    learner_oid = models.CharField(
        _("learner number (oppijanumero)"),
        max_length=30,
        blank=True,
        validators=[validate_learner_oid],
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("qualification"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="students",
    )
    group = models.ForeignKey(
        StudentGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="students",
    )
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.FINNISH
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StudentQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("student_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Visit to the workplace")
    MEETING = "meeting", _("Meeting at the institution")
    ONLINE = "online", _("Online meeting")
    EVENT = "event", _("Event")
    OTHER = "other", _("Other")


class ContactQuerySet(models.QuerySet):
    def open_follow_ups(self):
        return self.filter(follow_up_date__isnull=False, follow_up_done_at__isnull=True)

    def for_timeline(self):
        return self.select_related("author", "workplace").prefetch_related("persons", "checkpoints")


class Contact(models.Model):
    """One entry of the contact log: a call, visit, e-mail, meeting or event with an employer."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="contacts"
    )
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("workplace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    persons = models.ManyToManyField(
        ContactPerson, verbose_name=_("people met"), blank=True, related_name="contacts"
    )
    summary = models.TextField(_("summary"), max_length=4000)
    checkpoints = models.ManyToManyField(
        Checkpoint, verbose_name=_("checkpoints"), blank=True, related_name="contacts"
    )
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_note = models.CharField(_("follow-up note"), max_length=500, blank=True)
    follow_up_done_at = models.DateTimeField(_("follow-up done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["employer", "-date"]),
            models.Index(fields=["author", "follow_up_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_date__isnull=True) | Q(follow_up_date__gte=models.F("date")),
                name="contact_follow_up_not_before_date",
                violation_error_message=_("The follow-up date cannot be before the contact date."),
            )
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.employer}: {self.get_channel_display()}"

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_date is not None and self.follow_up_done_at is None
