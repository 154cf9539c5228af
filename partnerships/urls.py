from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/new/", views.employer_create, name="employer_create"),
    path("employers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("employers/<int:pk>/active/", views.employer_set_active, name="employer_set_active"),
    path("employers/<int:employer_pk>/workplaces/new/", views.workplace_create, name="workplace_create"),
    path("workplaces/<int:pk>/edit/", views.workplace_edit, name="workplace_edit"),
    path("employers/<int:employer_pk>/people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("employers/<int:employer_pk>/contacts/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
    path("students/", views.student_list, name="student_list"),
    path("students/new/", views.student_create, name="student_create"),
    path("students/<int:pk>/", views.student_detail, name="student_detail"),
    path("students/<int:pk>/edit/", views.student_edit, name="student_edit"),
]
