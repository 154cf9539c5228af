from django import template

from core.phones import format_phone

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """A stored phone number in the international format: +358 40 1234567."""
    return format_phone(value)
