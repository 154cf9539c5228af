"""`{% frame_url %}`: the page frame's links, reversed once per process (core/templatetags/frame.py)."""

from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from core.templatetags.frame import frame_url


def test_a_frame_link_is_the_reversed_url():
    names = ("partnerships:home", "partnerships:employer_list", "core:set_language", "admin:index", "logout")
    for name in names:
        assert frame_url(name) == reverse(name)


def test_a_frame_link_follows_the_prefix_the_site_is_served_under():
    try:
        set_script_prefix("/kumppani/")
        assert frame_url("partnerships:employer_list") == "/kumppani/employers/"
    finally:
        set_script_prefix("/")
    assert frame_url("partnerships:employer_list") == "/employers/"


def test_the_tag_renders_as_the_url_tag_does():
    template = Template(
        "{% load frame %}{% frame_url 'partnerships:home' as home %}[{{ home }}]"
        "{% frame_url 'core:privacy_notice' %}"
    )
    assert template.render(Context()) == f"[{reverse('partnerships:home')}]{reverse('core:privacy_notice')}"
