"""What every view of the app shares: the role checks and the way a form page works."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from core.forms import form_error
from core.permissions import coordinator_required, staff_required

__all__ = [
    "coordinator_required",
    "form_error",
    "form_page",
    "pk_urls",
    "querystring_without_page",
    "staff_required",
]

# A pk no row has, reversed in its place and then replaced by each row's own.
_PK_MARKER = "9876543210123"


def form_page(
    request, form, *, save, done, message, template: str = "", context: dict | None = None, invalid=None
):
    """The one way a form page works: on a valid POST call the service `save(cleaned_data)`,
    say `message` and redirect to `done(result)`; otherwise show the form again with what the
    user typed and every error, including those the service raised. A form that lives on
    another page gives `invalid(form)`, which renders that page with the form bound."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, message(result) if callable(message) else message)
            return redirect(done(result))
    if invalid is not None:
        return invalid(form)
    return render(request, template, {"form": form, **(context or {})})


def querystring_without_page(request) -> str:
    """The current filters, for pagination links that add their own page number."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def pk_urls(objects, viewname: str, *, attr: str = "url", pk: str = "pk"):
    """Give each object its `url` (or `attr`), `reverse(viewname, args=[obj.pk])` (or the
    object's `pk` attribute, e.g. "employer_id"), from one reverse for the whole list: a list
    page of 25 rows otherwise resolves the same pattern 25 times."""
    prefix, suffix = reverse(viewname, args=[_PK_MARKER]).split(_PK_MARKER)
    for obj in objects:
        setattr(obj, attr, f"{prefix}{getattr(obj, pk)}{suffix}")
    return objects
