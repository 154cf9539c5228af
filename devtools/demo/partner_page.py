"""The partner page's demo contact: an address that signs in with `make run` (the e-mail
with the link is printed by the Celery worker, since DEBUG sends e-mail to the console)."""

from partnerships import services
from partnerships.models import ContactPerson, Employer

PARTNER_EMAIL = "kumppani@demo.example"


class PartnerPageSeeding:
    def partner_page(self, staff) -> None:
        if ContactPerson.objects.filter(email=PARTNER_EMAIL).exists():
            return
        # The teacher's first employer, so that `teacher` sees the partner's changes and requests.
        employer = Employer.objects.filter(account_owner=staff["teacher"]).order_by("name").first()
        if employer is None:
            return
        services.contact_person_create(
            employer=employer,
            data={
                "first_name": "Paula",
                "last_name": "Kumppani",
                "title": "HR-päällikkö",
                "email": PARTNER_EMAIL,
                "phone": "+358401110000",
                "language": "fi",
            },
        )
