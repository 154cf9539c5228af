"""{{ message|outbox_messages }}: the outbox rows a flashed message is about (see
core.background.say_queued), so the page can show each one going out."""

from django import template

from core.background import OUTBOX_TAG
from core.models import OutboxMessage

register = template.Library()


@register.filter
def outbox_messages(message) -> list[OutboxMessage]:
    ids = [
        int(tag.removeprefix(OUTBOX_TAG))
        for tag in (getattr(message, "extra_tags", "") or "").split()
        if tag.startswith(OUTBOX_TAG) and tag.removeprefix(OUTBOX_TAG).isdigit()
    ]
    return list(OutboxMessage.objects.filter(pk__in=ids).order_by("pk")) if ids else []
