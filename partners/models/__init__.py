from .sessions import PartnerSession, PartnerSignInLink

__all__ = ["PartnerSession", "PartnerSignInLink"]
