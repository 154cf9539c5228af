"""The working-life CRM, one module per concept."""

from ..choices import (
    AgreementPhase,
    AgreementStatus,
    AgreementType,
    DemonstrationStatus,
    InterruptionReason,
    ItemKind,
    Participant,
)
from .agreements import Agreement, AgreementItem, Interruption, WorkPeriod
from .competence_needs import CompetenceNeed, Horizon, NeedSource
from .contacts import Channel, Contact
from .demonstrations import Demonstration, StudentRelation
from .digests import DigestSchedule, Weekday
from .employers import ContactPerson, Employer, Sector, Workplace, WorkplaceCheck
from .feedback import (
    QUESTIONS,
    FeedbackAnswer,
    FeedbackReaction,
    FeedbackRequest,
    NationalResult,
    Respondent,
)
from .initiatives import (
    PHASE_ORDER,
    EntryKind,
    Initiative,
    InitiativeEntry,
    InitiativeNotice,
    InitiativePhase,
)
from .instructors import InstructorTraining, TrainingForm, TrainingKind
from .level_records import LevelRecord
from .network import CooperationKind, NetworkCooperation, NetworkOrganisation, OrganisationKind
from .partnership_agreements import AgreementValidity, PartnershipAgreement
from .prospects import PIPELINE, Prospect, ProspectStage
from .reminders import ReminderRecord
from .staff_activities import StaffActivity, StaffActivityKind
from .student_participants import ConsentMethod, ConsentScope, StudentParticipant
from .students import Qualification, QualificationUnit, Student
from .thanks import ThankYou, ThankYouStatus

__all__ = [
    "PHASE_ORDER",
    "PIPELINE",
    "QUESTIONS",
    "Agreement",
    "AgreementItem",
    "AgreementPhase",
    "AgreementStatus",
    "AgreementType",
    "AgreementValidity",
    "Channel",
    "CompetenceNeed",
    "ConsentMethod",
    "ConsentScope",
    "Contact",
    "ContactPerson",
    "CooperationKind",
    "Demonstration",
    "DemonstrationStatus",
    "DigestSchedule",
    "Employer",
    "EntryKind",
    "FeedbackAnswer",
    "FeedbackReaction",
    "FeedbackRequest",
    "Horizon",
    "Initiative",
    "InitiativeEntry",
    "InitiativeNotice",
    "InitiativePhase",
    "InstructorTraining",
    "Interruption",
    "InterruptionReason",
    "ItemKind",
    "LevelRecord",
    "NationalResult",
    "NeedSource",
    "NetworkCooperation",
    "NetworkOrganisation",
    "OrganisationKind",
    "Participant",
    "PartnershipAgreement",
    "Prospect",
    "ProspectStage",
    "Qualification",
    "QualificationUnit",
    "ReminderRecord",
    "Respondent",
    "Sector",
    "StaffActivity",
    "StaffActivityKind",
    "Student",
    "StudentParticipant",
    "StudentRelation",
    "ThankYou",
    "ThankYouStatus",
    "TrainingForm",
    "TrainingKind",
    "Weekday",
    "WorkPeriod",
    "Workplace",
    "WorkplaceCheck",
]
