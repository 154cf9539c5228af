"""What every view of the app shares: the role checks and the way a form page works."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render


def staff_required(view):
    """Signed-in teachers and coordinators only; anyone else signed in gets 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_teacher:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_coordinator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def form_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form so the user sees it beside their input."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def form_page(request, form, *, save, done, message, template: str, context: dict | None = None):
    """The one way a form page works: on a valid POST call the service `save(cleaned_data)`,
    say `message` and redirect to `done(result)`; otherwise show the form again with what the
    user typed and every error, including those the service raised."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, message(result) if callable(message) else message)
            return redirect(done(result))
    return render(request, template, {"form": form, **(context or {})})
