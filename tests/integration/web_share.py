"""A web process sharing the brochure link `count` times, through the real view, the service
and the broker of its settings (CELERY_BROKER_URL), as a teacher's browser would make it."""

import sys

import django

django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from core.models import User  # noqa: E402


def main(user_pk: int, employer_pk: int, person_pk: int, count: int) -> None:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(User.objects.get(pk=user_pk))
    share = reverse("brochures:brochure_share", args=[employer_pk])
    for n in range(count):
        response = client.post(share, {"person": person_pk, "colour": "plum", "note": f"Soak {n}"})
        assert response.status_code == 302, response.content.decode()[:2000]


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:5]))
