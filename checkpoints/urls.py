from django.urls import path

from . import views

app_name = "checkpoints"

urlpatterns = [
    path("self-assessment/", views.self_assessment_list, name="self_assessment_list"),
    path("self-assessment/<int:pk>/", views.self_assessment, name="self_assessment"),
    path(
        "self-assessment/<int:pk>/summary/",
        views.self_assessment_summary_page,
        name="self_assessment_summary",
    ),
    path("self-assessment/<int:pk>/report.pdf", views.self_assessment_pdf, name="self_assessment_pdf"),
    path("service-promises/", views.checkpoint_promises, name="checkpoint_promises"),
    path("annual-plan/", views.annual_plan, name="annual_plan"),
    path("annual-plan/<int:pk>/", views.annual_activity_edit, name="annual_activity_edit"),
    path("annual-plan/calendar.ics", views.annual_plan_ics, name="annual_plan_ics"),
]
