"""Who may do what on the partner side's staff-facing part. The partner pages themselves ask
no staff permission: a partner is known only by their session (session.py)."""

from partnerships.permissions import can_edit_employer


def can_send_partner_link(user, person=None) -> bool:
    """Whoever keeps the employer up to date may send its people a sign-in link."""
    if person is None:
        return can_edit_employer(user)
    return can_edit_employer(user, person.employer) and person.is_active and bool(person.email)
