from django.db import transaction
from django.http import HttpResponse


def floor(request):
    """The benchmark's floor: a minimal view behind the full middleware stack, the ceiling
    for any page (README, Benchmark)."""
    return HttpResponse(b"floor", content_type="text/plain")


@transaction.non_atomic_requests
def floor_without_transaction(request):
    """The floor without ATOMIC_REQUESTS' transaction around it. Entering the transaction opens
    the database connection, and CONN_HEALTH_CHECKS then checks it once per request (one round
    trip); every page that reads the database pays that check anyway, a bare view does not.
    Measured beside the floor, so that the two floors' difference is that cost."""
    return HttpResponse(b"floor", content_type="text/plain")
