from django.urls import path

from .views import agreements, crm, demonstrations

urlpatterns = [
    path("", crm.home, name="home"),
    path("employers/", crm.employer_list, name="employer_list"),
    path("employers/new/", crm.employer_create, name="employer_create"),
    path("employers/<int:pk>/", crm.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/edit/", crm.employer_edit, name="employer_edit"),
    path("employers/<int:pk>/active/", crm.employer_set_active, name="employer_set_active"),
    path("employers/<int:employer_pk>/workplaces/new/", crm.workplace_create, name="workplace_create"),
    path("workplaces/<int:pk>/edit/", crm.workplace_edit, name="workplace_edit"),
    path("employers/<int:employer_pk>/people/new/", crm.person_create, name="person_create"),
    path("people/<int:pk>/edit/", crm.person_edit, name="person_edit"),
    path("employers/<int:employer_pk>/contacts/", crm.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", crm.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", crm.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/follow-up-done/", crm.follow_up_done, name="follow_up_done"),
    path("students/", crm.student_list, name="student_list"),
    path("students/new/", crm.student_create, name="student_create"),
    path("students/<int:pk>/", crm.student_detail, name="student_detail"),
    path("students/<int:pk>/edit/", crm.student_edit, name="student_edit"),
    path("agreements/", agreements.agreement_list, name="agreement_list"),
    path("agreements/new/", agreements.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/summary.pdf", agreements.agreement_pdf, name="agreement_pdf"),
    path("agreements/<int:pk>/status/", agreements.agreement_status, name="agreement_status"),
    path("agreements/<int:pk>/items/", agreements.agreement_item, name="agreement_item"),
    path(
        "periods/<int:period_pk>/interruptions/new/",
        agreements.interruption_create,
        name="interruption_create",
    ),
    path("periods/<int:period_pk>/ehoks/", agreements.work_period_ehoks, name="work_period_ehoks"),
    path(
        "workplaces/<int:workplace_pk>/check/",
        agreements.workplace_check_create,
        name="workplace_check_create",
    ),
    path(
        "students/<int:student_pk>/demonstrations/new/",
        demonstrations.demonstration_create,
        name="demonstration_create",
    ),
    path("demonstrations/<int:pk>/", demonstrations.demonstration_edit, name="demonstration_edit"),
    path("demonstrations/calendar.ics", demonstrations.demonstration_calendar, name="demonstration_calendar"),
]
