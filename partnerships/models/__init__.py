"""The working-life CRM, one module per concept."""

from .agreements import (
    Agreement,
    AgreementPhase,
    AgreementStatus,
    AgreementType,
    Interruption,
    InterruptionReason,
    QualificationUnit,
    WorkPeriod,
    WorkplaceCheck,
)
from .contacts import Channel, Contact
from .employers import ContactPerson, Employer, Sector, Workplace
from .students import Qualification, Student

__all__ = [
    "Agreement",
    "AgreementPhase",
    "AgreementStatus",
    "AgreementType",
    "Channel",
    "Contact",
    "ContactPerson",
    "Employer",
    "Interruption",
    "InterruptionReason",
    "Qualification",
    "QualificationUnit",
    "Sector",
    "Student",
    "WorkPeriod",
    "Workplace",
    "WorkplaceCheck",
]
