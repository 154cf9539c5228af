"""Who may do what in the quality framework: the `can_<action>_<thing>(user, obj=None)` checks
(the style is described in `core/permissions.py`). Every member of staff reads the reference
data and the annual plan; the institution's self-assessment and the plan are the
coordinator's to write."""

from core.permissions import can_coordinate


def can_edit_self_assessment(user, assessment=None) -> bool:
    """The self-assessment is the coordinator's workbook, read and written by them alone."""
    return can_coordinate(user)


def can_edit_annual_plan(user, activity=None) -> bool:
    """Coordinators add, change and remove the activities of the year clock."""
    return can_coordinate(user)


def can_edit_checkpoint_promises(user, checkpoint=None) -> bool:
    """Each institution writes its own promise per checkpoint (workbook, part 2): coordinators."""
    return can_coordinate(user)


def can_edit_contact_intervals(user, level=None) -> bool:
    """How often an employer at each level needs contact is the institution's choice: coordinators."""
    return can_coordinate(user)


def can_edit_level_reference(user, obj=None) -> bool:
    """The levels' tools, questions and texts change with the workbook (a link moves, a question
    is reworded): coordinators keep them up to date in the admin, the right tool for rows of
    reference text in three languages. Which levels there are stays as the workbook has it."""
    return can_coordinate(user)
