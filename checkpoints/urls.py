from django.urls import path

from . import views

urlpatterns = [
    path("self-assessment/", views.self_assessment_list, name="self_assessment_list"),
    path("self-assessment/<int:pk>/", views.self_assessment, name="self_assessment"),
    path("self-assessment/<int:pk>/report.pdf", views.self_assessment_pdf, name="self_assessment_pdf"),
]
