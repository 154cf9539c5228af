from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def self_assessment_initiative_url(assessment, level) -> str:
    """The initiative form, prefilled with `level` and its questions (forms/initiatives.py)."""
    from django.urls import reverse
    from django.utils.http import urlencode

    query = urlencode({"level": level.key, "from_self_assessment": assessment.pk})
    return f"{reverse('partnerships:initiative_create')}?{query}"


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        # The deadline digests are rendered on delivery: the worker needs their context builder.
        from checkpoints.evidence import evidence_provider_register
        from checkpoints.summary import develop_link_register
        from core.email import outbox_kinds_register

        from .selectors import network, staff_activities
        from .services import partnership_renewals, reminders  # noqa: F401
        from .services.privacy import erasure_step_register
        from .services.student_participants import student_participations_forget

        # The strategic network beside the self-assessment's strategic questions.
        evidence_provider_register("strategic", network.self_assessment_evidence)
        # Staff in working life beside the developing partnership's questions ("what chances do
        # teachers and other staff have to take part in cooperation with working life?").
        evidence_provider_register("developing", staff_activities.self_assessment_evidence)
        # The self-assessment summary's "where is most to develop" starts an initiative.
        develop_link_register(self_assessment_initiative_url)
        # A student's erasure anonymises their part in co-development initiatives.
        erasure_step_register(student_participations_forget)

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
