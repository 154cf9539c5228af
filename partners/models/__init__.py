from .changes import ChangeKind, ChangeStatus, PartnerChange
from .sessions import PartnerSession, PartnerSignInLink

__all__ = ["ChangeKind", "ChangeStatus", "PartnerChange", "PartnerSession", "PartnerSignInLink"]
