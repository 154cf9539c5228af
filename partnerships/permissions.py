"""Who may do what in the partnership CRM: every `can_<action>_<thing>(user, obj=None)` check.

The style is the project's one vocabulary (see `core/permissions.py`): each check answers
for one action on one kind of thing, from the user's role and, where it matters, the object
(whose teacher, whose entry, recorded when). What a user may *see* is a query, the
`visible_to(user)` QuerySet methods of `Student`, `Agreement` and `FeedbackRequest`; the
views reach objects through the `_get_<thing>_for_<action>` helpers of
`partnerships/views/access.py`, which use both. The services call the same checks, so a
task or a command is held to the same rules as a view.

Everything not named here is open to every member of staff (`core.permissions.
can_use_staff_pages`): employers, workplaces and their people, initiatives and partnership
agreements are read by all staff; students and what belongs to them only on a need to know.
"""

from django.utils import timezone

from core.permissions import can_coordinate, can_use_staff_pages

# Staff ------------------------------------------------------------------------------------


def _is_staff_member_in_charge(user, responsible_id: int | None) -> bool:
    """A coordinator, or the member of staff `responsible_id` names: the rule most checks share."""
    return can_coordinate(user) or (can_use_staff_pages(user) and responsible_id == user.pk)


def can_review_institution(user, obj=None) -> bool:
    """The institution's figures (home page summary, the review dashboard of every partner):
    coordinators; a teacher reviews their own partners."""
    return can_coordinate(user)


def can_view_history(user, obj=None) -> bool:
    """The audit trail of a record is the coordinator's (trust issue)."""
    return can_coordinate(user)


# Employers, workplaces, people, contacts ----------------------------------------------------


def can_edit_employer(user, employer=None) -> bool:
    """Every member of staff keeps employers up to date; the form shows a teacher fewer fields."""
    return can_use_staff_pages(user)


def can_set_employer_active(user, employer=None) -> bool:
    """Deactivating an employer takes it off every list: a coordinator's decision."""
    return can_coordinate(user)


def can_merge_employers(user, employer=None) -> bool:
    """Merging two employers rewrites every link to one of them: a coordinator's decision."""
    return can_coordinate(user)


def can_leave_employer_without_owner(user, employer=None) -> bool:
    """A teacher hands an employer over to another teacher; only a coordinator leaves it with
    no owner."""
    return can_coordinate(user)


def can_change_account_owner(user, employer) -> bool:
    """A coordinator, or the current account owner handing the employer over (trust issue):
    the account owner reads the feedback of the employer's work periods."""
    return _is_staff_member_in_charge(user, employer.account_owner_id)


def can_record_level(user, employer) -> bool:
    """A coordinator, or the employer's account owner (review issue)."""
    return _is_staff_member_in_charge(user, employer.account_owner_id)


def can_accept_level_suggestion(user, employer) -> bool:
    """Recording the suggested level in one click is recording a level: the same people."""
    return can_record_level(user, employer)


def can_correct_level_record(user, record) -> bool:
    """A coordinator, or the one who recorded it on the day they did (a slip noticed at once);
    after that the coordinator decides. A withdrawn record is never changed again."""
    if record.is_withdrawn:
        return False
    if can_coordinate(user):
        return True
    recorded_today = timezone.localdate(record.created_at) == timezone.localdate()
    return can_use_staff_pages(user) and record.recorded_by_id == user.pk and recorded_today


def can_edit_workplace(user, workplace=None) -> bool:
    return can_use_staff_pages(user)


def can_edit_contact_person(user, person=None) -> bool:
    return can_use_staff_pages(user)


def can_log_contact(user, employer=None) -> bool:
    """Every member of staff logs contacts with any employer (sharing a brochure logs one too)."""
    return can_use_staff_pages(user)


def can_edit_contact(user, contact) -> bool:
    """Teachers edit and delete their own entries; coordinators any (foundation issue)."""
    return _is_staff_member_in_charge(user, contact.author_id)


# Students -----------------------------------------------------------------------------------


def can_view_all_students(user, obj=None) -> bool:
    """Coordinators see every student; a teacher those of the groups they teach
    (`Student.objects.visible_to`)."""
    return can_coordinate(user)


def can_edit_student(user, student=None) -> bool:
    """Whoever may see a student may keep their record up to date."""
    return can_use_staff_pages(user)


def can_manage_student_privacy(user, student=None) -> bool:
    """Exporting or erasing everything held about a student (GDPR art. 15, 17, 20)."""
    return can_coordinate(user)


# Agreements, demonstrations, thank-yous, feedback -------------------------------------------


def can_add_qualification_unit(user, unit=None) -> bool:
    """Local qualification units are reference data: a coordinator adds them."""
    return can_coordinate(user)


def can_edit_agreement(user, agreement) -> bool:
    """Teachers edit the agreements they are responsible for; coordinators every one."""
    return _is_staff_member_in_charge(user, agreement.responsible_teacher_id)


def can_assign_responsible_teacher(user, agreement=None) -> bool:
    """A teacher's agreements are their own: only a coordinator names another responsible
    teacher."""
    return can_coordinate(user)


def can_send_thanks(user, thank_you) -> bool:
    """The thank-you after an agreement is sent (or skipped) by whoever may edit the agreement."""
    return can_edit_agreement(user, thank_you.agreement)


def can_edit_demonstration(user, demonstration=None) -> bool:
    """Whoever may see the student plans and schedules their demonstrations."""
    return can_use_staff_pages(user)


def can_react_to_feedback(user, feedback) -> bool:
    """Recording what was done about an answer ("you said, we did"): the teacher responsible for
    the work period's agreement, or a coordinator. Others who may see it only read it."""
    return _is_staff_member_in_charge(user, feedback.work_period.agreement.responsible_teacher_id)


def can_record_national_result(user, result=None) -> bool:
    """The figures of the national working-life feedback are the coordinator's to record."""
    return can_coordinate(user)


def can_analyse_feedback(user, obj=None) -> bool:
    """The institution's scores by checkpoint, and the national results beside them."""
    return can_coordinate(user)


# Partnership agreements, initiatives, prospects ---------------------------------------------


def can_edit_partnership_agreement(user, agreement=None) -> bool:
    """Coordinators write partnership agreements; every member of staff reads them."""
    return can_coordinate(user)


def can_edit_network(user, obj=None) -> bool:
    """Coordinators record the strategic network's organisations and cooperation; every member
    of staff reads them."""
    return can_coordinate(user)


def can_edit_initiative(user, initiative) -> bool:
    """The owner and coordinators edit the initiative itself."""
    return can_coordinate(user) or user.pk == initiative.owner_id


def can_manage_student_participants(user, initiative) -> bool:
    """Adding a student to an initiative with their consent, and recording a withdrawal: the
    same rule as editing the initiative (its owner and coordinators); others read."""
    return can_edit_initiative(user, initiative)


def can_assign_initiative_owner(user, initiative=None) -> bool:
    """A teacher starts initiatives for themself; a coordinator may name another owner."""
    return can_coordinate(user)


def can_log_initiative(user, initiative, staff_ids=None) -> bool:
    """Everyone involved adds log and evaluation entries; `staff_ids` (the initiative's staff,
    when the caller has them) saves a query."""
    if can_edit_initiative(user, initiative):
        return True
    if not can_use_staff_pages(user):
        return False
    if staff_ids is None:
        return initiative.staff.filter(pk=user.pk).exists()
    return user.pk in staff_ids


def can_edit_prospect(user, prospect) -> bool:
    """The prospect's owner and coordinators."""
    return _is_staff_member_in_charge(user, prospect.owner_id)


def can_reassign_prospect(user, prospect=None) -> bool:
    """A teacher's prospects are their own: only a coordinator names another owner."""
    return can_coordinate(user)


# Competence needs ----------------------------------------------------------------------------


def can_record_competence_need(user, obj=None) -> bool:
    """Every member of staff records the needs they hear of, from their contacts or elsewhere."""
    return can_use_staff_pages(user)


def can_edit_competence_need(user, need) -> bool:
    """The one who recorded it and coordinators; every member of staff reads them all."""
    return _is_staff_member_in_charge(user, need.recorded_by_id)


def can_link_competence_need(user, need, initiative=None) -> bool:
    """Linking a need to an initiative (or unlinking it): whoever may edit the need, or the
    initiative's owner and coordinators, who decide what their initiative answers."""
    if can_edit_competence_need(user, need):
        return True
    return initiative is not None and can_edit_initiative(user, initiative)


def can_view_competence_summary(user, obj=None) -> bool:
    """The summary by sector and horizon is the coordinator's view of the institution."""
    return can_coordinate(user)


def can_manage_digests(user, schedule=None) -> bool:
    """The digests' and thank-yous' schedule and the contact intervals are the coordinator's."""
    return can_coordinate(user)


# Staff in working life -----------------------------------------------------------------------


def can_record_staff_activity(user, obj=None) -> bool:
    """Every member of staff records their own working-life periods, forums and development days."""
    return can_use_staff_pages(user)


def can_record_staff_activity_for_others(user, obj=None) -> bool:
    """Coordinators record them for anyone (a forum the whole unit attended, say)."""
    return can_coordinate(user)


def can_edit_staff_activity(user, activity) -> bool:
    """The staff member whose activity it is, and coordinators."""
    return _is_staff_member_in_charge(user, activity.staff_member_id)


def can_view_staff_activity_summary(user, obj=None) -> bool:
    """The yearly summary per unit is the coordinator's."""
    return can_coordinate(user)
