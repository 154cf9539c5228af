"""The self-assessment's evidence registry: the apps above checkpoints register what they show
beside a level's questions, and checkpoints shows it without importing them."""

import pytest

from checkpoints import evidence


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(evidence, "_PROVIDERS", {})
    return evidence


def test_a_providers_evidence_is_given_for_its_level_only(registry):
    def provider(assessment):
        return {"template": "t.html", "context": {"year": assessment}}

    registry.evidence_provider_register("strategic", provider)
    registry.evidence_provider_register("strategic", provider)  # once, however often registered
    assert registry.evidence_for("strategic", 2026) == [{"template": "t.html", "context": {"year": 2026}}]
    assert registry.evidence_for("everyday", 2026) == []


def test_a_provider_with_nothing_to_show_is_left_out(registry):
    registry.evidence_provider_register("strategic", lambda assessment: None)
    registry.evidence_provider_register("strategic", lambda assessment: {"template": "t.html", "context": {}})
    assert len(registry.evidence_for("strategic", None)) == 1


def test_partnerships_registers_the_strategic_network():
    from partnerships.selectors.network import self_assessment_evidence

    assert self_assessment_evidence in evidence._PROVIDERS["strategic"]


def test_partnerships_registers_staff_in_working_life_for_the_developing_level():
    from partnerships.selectors.staff_activities import self_assessment_evidence

    assert self_assessment_evidence in evidence._PROVIDERS["developing"]
