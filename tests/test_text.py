"""Text as a reader expects it: plural forms, no doubled periods, no mid-word breaks."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from partnerships.models import NationalResult

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.mark.parametrize(
    ("respondents", "finnish", "swedish"),
    [(120, "120 vastaajaa", "120 svarande"), (1, "1 vastaaja", "1 svarande")],
)
def test_respondents_are_counted_with_the_plural_form_of_the_language(
    coordinator, coordinator_client, respondents, finnish, swedish
):
    NationalResult.objects.create(
        period="2026 H1",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        checkpoint=3,
        average=Decimal("4.1"),
        respondents=respondents,
        recorded_by=coordinator,
    )
    pages = {}
    for language in ("fi", "sv"):
        coordinator.language = language
        coordinator.save(update_fields=["language"])
        pages[language] = coordinator_client.get(reverse("partnerships:feedback_analysis")).content.decode()
    assert finnish in pages["fi"] and "vastaajia" not in pages["fi"]
    assert swedish in pages["sv"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_sentence_ending_with_a_time_ends_with_one_period(language):
    moment = datetime.datetime(2026, 12, 2, 1, 7, tzinfo=datetime.UTC)
    template = Template(
        'Erased on {{ moment|date:"SHORT_DATETIME_FORMAT" }}. {{ moment|date:"DATETIME_FORMAT" }}.'
    )
    with translation.override(language):
        text = template.render(Context({"moment": moment}))
    assert ".." not in text and "a.m" not in text


def test_every_table_on_a_page_scrolls_in_a_responsive_wrapper_or_stacks():
    unwrapped = []
    for path in TEMPLATES.rglob("*.html"):
        if {"emails", "pdf"} & set(path.relative_to(TEMPLATES).parts):
            continue
        text = path.read_text()
        for table in re.finditer(r"<table[^>]*>", text):
            before = text[max(0, table.start() - 250) : table.start()]
            if "table-responsive" not in before and "table-stack" not in table.group(0):
                unwrapped.append(str(path.relative_to(TEMPLATES)))
    assert unwrapped == []


def test_table_headers_break_only_between_words():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "kumppani.css").read_text()
    rule = re.search(r"main th \{([^}]*)\}", css).group(1)
    assert "overflow-wrap: normal" in rule and "word-break: normal" in rule and "hyphens: manual" in rule
