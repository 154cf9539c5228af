"""The checklists' own wordings move from keys by position ("item_before_3") to the items'
own keys ("item_instructor_induction"), so that a checklist item moved or inserted in a new
version no longer carries an institution's wording over to another item. The mapping is the
checklists as they were when the keys changed, written out here, not read from
brochures/checklists.py (which will change). The history rows move too, so the history page
still names the item each old wording was written for."""

from django.db import migrations

BY_POSITION = {
    ("item_before_1", "instructor"): "item_instructor_know_contact",
    ("item_before_2", "instructor"): "item_instructor_plan_period",
    ("item_before_3", "instructor"): "item_instructor_induction",
    ("item_before_4", "instructor"): "item_instructor_set_time",
    ("item_before_5", "instructor"): "item_instructor_absences",
    ("item_during_1", "instructor"): "item_instructor_introduce",
    ("item_during_2", "instructor"): "item_instructor_feedback",
    ("item_during_3", "instructor"): "item_instructor_interruption",
    ("item_during_4", "instructor"): "item_instructor_demonstration",
    ("item_after_1", "instructor"): "item_instructor_national_feedback",
    ("item_after_2", "instructor"): "item_instructor_what_worked",
    ("item_after_3", "instructor"): "item_instructor_more_students",
    ("item_before_1", "student"): "item_student_hoks",
    ("item_before_2", "student"): "item_student_planning",
    ("item_before_3", "student"): "item_student_safety",
    ("item_during_1", "student"): "item_student_ask",
    ("item_during_2", "student"): "item_student_absence",
    ("item_during_3", "student"): "item_student_not_working",
    ("item_during_4", "student"): "item_student_demonstration",
    ("item_after_1", "student"): "item_student_feedback",
    ("item_after_2", "student"): "item_student_update_hoks",
    ("item_after_3", "student"): "item_student_thank",
    ("item_before_1", "teacher"): "item_teacher_log_contact",
    ("item_before_2", "teacher"): "item_teacher_readiness",
    ("item_before_3", "teacher"): "item_teacher_prerequisites",
    ("item_before_4", "teacher"): "item_teacher_induct_instructor",
    ("item_before_5", "teacher"): "item_teacher_feedback_data",
    ("item_during_1", "teacher"): "item_teacher_keep_in_touch",
    ("item_during_2", "teacher"): "item_teacher_interruptions",
    ("item_during_3", "teacher"): "item_teacher_demonstration",
    ("item_after_1", "teacher"): "item_teacher_follow_feedback",
    ("item_after_2", "teacher"): "item_teacher_thank",
    ("item_after_3", "teacher"): "item_teacher_level",
}


def rename(apps, mapping):
    for model in ("BrochureTextOverride", "HistoricalBrochureTextOverride"):
        rows = apps.get_model("brochures", model).objects
        for (old, audience), new in mapping.items():
            rows.filter(key=old, audience=audience).update(key=new)


def forwards(apps, schema_editor):
    rename(apps, BY_POSITION)


def backwards(apps, schema_editor):
    rename(apps, {(new, audience): old for (old, audience), new in BY_POSITION.items()})


class Migration(migrations.Migration):
    dependencies = [("brochures", "0004_brochure_text_override")]

    operations = [migrations.RunPython(forwards, backwards)]
