from django.http import HttpResponse


def floor(request):
    """The benchmark's floor: a minimal view behind the full middleware stack, the ceiling
    for any page (README, Benchmark)."""
    return HttpResponse(b"floor", content_type="text/plain")
