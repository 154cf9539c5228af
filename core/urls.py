from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("outbox/", views.outbox_list, name="outbox_list"),
    path("outbox/<int:pk>/retry/", views.outbox_retry_view, name="outbox_retry"),
    path("outbox/<int:pk>/cancel/", views.outbox_cancel_view, name="outbox_cancel"),
    path("outbox/<int:pk>/status/", views.outbox_status, name="outbox_status"),
    path("healthz", views.healthz, name="healthz"),
    path("background/", views.background_status, name="background_status"),
    path("settings/branding/", views.branding_edit, name="branding_edit"),
    path("branding/logo/", views.branding_logo, name="branding_logo"),
    path("accessibility/", views.accessibility_statement, name="accessibility_statement"),
    path("privacy/", views.privacy_notice, name="privacy_notice"),
]
