from django.utils.functional import SimpleLazyObject

from .models import Institution


def institution(request):
    # Lazy: pages that never show the institution's name cost no query.
    return {"institution": SimpleLazyObject(Institution.current)}
