"""The page frame's links (templates/includes/header.html and footer.html), on every page."""

import functools

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@functools.cache
def _reversed(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def frame_url(name: str) -> str:
    """`{% url name %}` for a link that takes no arguments, reversed once per process: the menu
    and the footer carry some thirty of them on every page. Such a URL depends only on the URL
    configuration and the prefix the site is served under, which are the key."""
    return _reversed(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
