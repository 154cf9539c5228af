"""Who may do what on the partner side's staff-facing part. The partner pages themselves ask
no staff permission: a partner is known only by their session (session.py)."""

from core.permissions import can_coordinate, can_use_staff_pages
from partnerships.permissions import can_edit_employer


def can_send_partner_link(user, person=None) -> bool:
    """Whoever keeps the employer up to date may send its people a sign-in link."""
    if person is None:
        return can_edit_employer(user)
    return can_edit_employer(user, person.employer) and person.is_active and bool(person.email)


def can_decide_partner_change(user, change=None) -> bool:
    """The employer's account owner confirms what its partner asked; a coordinator may too."""
    if not can_use_staff_pages(user):
        return False
    if change is None or can_coordinate(user):
        return True
    return change.employer.account_owner_id == user.pk
