from django.utils.translation import check_for_language

from .models import User


def user_set_language(*, user: User, language: str) -> None:
    """Remember a member of staff's UI language, so it follows them to any device."""
    if check_for_language(language):
        User.objects.filter(pk=user.pk).update(language=language)
