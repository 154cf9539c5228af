"""Bad input never gives a server error: property-based tests (hypothesis) post arbitrary
text, NUL bytes and 100 kB of Unicode into every field of the main forms, on PostgreSQL
(which refuses NUL bytes in text, where SQLite would store them)."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerships.forms.agreements import AgreementForm, WorkPeriodForm
from partnerships.forms.contacts import ContactForm
from partnerships.forms.employers import EmployerCreateForm
from partnerships.forms.feedback import FeedbackForm
from partnerships.forms.initiatives import StudentParticipantForm
from partnerships.forms.students import StudentForm
from partnerships.models import FeedbackRequest

from .factories import EmployerFactory, training_agreement

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

HOSTILE = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        ["\x00", "a\x00b", "ä" * 100_000, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢" * 15_000, "' OR 1=1 --", "<script>x</script>"]
    ),
    st.text(min_size=1, max_size=20).map(lambda s: (s * (100_000 // len(s) + 1))[:100_000]),
    st.integers().map(str),
    st.dates().map(datetime.date.isoformat),
)
EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fields_strategy(names: list[str], valid: dict | None = None):
    """Every field hostile; or, with `valid`, a valid submission with one to three of its
    fields made hostile, so that the input also reaches the services and the database."""
    every_field = st.fixed_dictionaries(dict.fromkeys(names, HOSTILE))
    if valid is None:
        return every_field
    some_fields = st.dictionaries(st.sampled_from(names), HOSTILE, min_size=1, max_size=3)
    return st.one_of(every_field, some_fields.map(lambda changed: {**valid, **changed}))


def post_and_check(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500, (url, {k: v[:40] for k, v in data.items()})


@EXAMPLES
@given(
    data=fields_strategy(
        list(EmployerCreateForm.base_fields), {"name": "Testi Oy", "municipality": "Tampere", "sector": "C"}
    )
)
def test_employer_form(teacher_client, data):
    post_and_check(teacher_client, reverse("partnerships:employer_create"), data)


@EXAMPLES
@given(
    data=fields_strategy(
        list(StudentForm.base_fields),
        {"first_name": "Aino", "last_name": "Ääri", "student_number": "S100", "language": "fi"},
    )
)
def test_student_form(teacher_client, teacher_group, data):
    post_and_check(teacher_client, reverse("partnerships:student_create"), data)


@pytest.fixture
def employer(db):
    return EmployerFactory()


@EXAMPLES
@given(
    data=fields_strategy(
        list(ContactForm.base_fields),
        {"date": datetime.date.today().isoformat(), "channel": "phone", "summary": "Soitto"},
    )
)
def test_contact_log_form(teacher_client, employer, data):
    post_and_check(teacher_client, reverse("partnerships:contact_create", args=[employer.pk]), data)


@pytest.fixture
def initiative(teacher):
    from partnerships.services import initiative_create

    return initiative_create(by=teacher, data={"title": "Perehdytys", "starting_point": "Liian pitkä"})


@EXAMPLES
@given(
    data=fields_strategy(
        list(StudentParticipantForm.base_fields),
        {
            "name": "Sanni Suomela",
            "consent_on": datetime.date.today().isoformat(),
            "consent_method": "written",
            "consent_scope": "named",
        },
    )
)
def test_student_participant_form(teacher_client, initiative, data):
    post_and_check(teacher_client, reverse("partnerships:initiative_student_add", args=[initiative.pk]), data)


PERIOD_FIELDS = [f"periods-0-{name}" for name in WorkPeriodForm.base_fields]
MANAGEMENT = {"periods-TOTAL_FORMS": "1", "periods-INITIAL_FORMS": "0"}


@EXAMPLES
@given(data=fields_strategy(list(AgreementForm.base_fields) + PERIOD_FIELDS))
def test_agreement_form(teacher_client, data):
    post_and_check(teacher_client, reverse("partnerships:agreement_create"), {**data, **MANAGEMENT})


@pytest.mark.parametrize("workplace", ["0" * 100_000, "³³³", "٣", "99999999999999999999"])
def test_agreement_form_with_a_malformed_workplace_id_is_redisplayed(teacher_client, workplace):
    # Found by the property test above: the unchecked-workplace warning read the raw value.
    response = teacher_client.post(
        reverse("partnerships:agreement_create"), {"workplace": workplace, **MANAGEMENT}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["workplace"]


@pytest.fixture
def feedback_link(teacher):
    today = datetime.date.today()
    agreement = training_agreement(teacher=teacher, start=today - datetime.timedelta(days=30), end=today)
    return FeedbackRequest.objects.create(
        work_period=agreement.work_periods.get(), respondent="student", email="s@opisto.example"
    )


@EXAMPLES
@given(data=fields_strategy(list(FeedbackForm().fields), {"score_planning": "5", "comment": "Hyvä"}))
def test_feedback_form(anonymous_client, feedback_link, data):
    post_and_check(anonymous_client, reverse("partnerships:feedback_form", args=[feedback_link.token]), data)
