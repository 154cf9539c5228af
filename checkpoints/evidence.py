"""What the apps above checkpoints show beside a level's questions in the self-assessment.

checkpoints imports no app above it (tests/test_architecture.py): an app registers a provider
for a level in its AppConfig.ready(), and the self-assessment page asks the providers of each
level for their evidence. A provider takes the assessment and returns None (nothing to show)
or a dict with the `template` to include and its `context` (given to it as `evidence`), and
optionally a `pdf_template`: the same evidence for the self-assessment's PDF, as the page
shows it but without the page's links."""

from collections.abc import Callable
from typing import Any

Provider = Callable[[Any], dict | None]

_PROVIDERS: dict[str, list[Provider]] = {}


def evidence_provider_register(level_key: str, provider: Provider) -> None:
    """Show `provider`'s evidence beside the questions of the level `level_key` (once, however
    often it is registered)."""
    providers = _PROVIDERS.setdefault(level_key, [])
    if provider not in providers:
        providers.append(provider)


def evidence_for(level_key: str, assessment) -> list[dict]:
    """The evidence every provider of the level gives for `assessment`, in registration order."""
    found = (provider(assessment) for provider in _PROVIDERS.get(level_key, ()))
    return [item for item in found if item]
