from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        # The deadline digests are rendered on delivery: the worker needs their context builder.
        from checkpoints.evidence import evidence_provider_register
        from core.email import outbox_kinds_register

        from .selectors.network import self_assessment_evidence
        from .services import partnership_renewals, reminders  # noqa: F401

        # The strategic network beside the self-assessment's strategic questions.
        evidence_provider_register("strategic", self_assessment_evidence)

        outbox_kinds_register(
            {
                "deadline-digest": _("Deadline reminders"),
                "upkeep-digest": _("Relationship upkeep"),
                "coordinator-digest": _("Coordinators' attention list"),
                "feedback-request": _("Feedback request"),
                "feedback-reminder": _("Feedback reminder"),
                "you-said-we-did": _("“You said, we did” note"),
                "thanks": _("Thank-you"),
                "initiative-redefined": _("Co-development initiative redefined"),
                "partnership-renewal": _("Partnership agreement renewal"),
            }
        )
