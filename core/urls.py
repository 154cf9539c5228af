from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

# Django's form views also take PUT as a POST; ours answer 405 to it.
FORM_METHODS = ["get", "post", "head", "options"]

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, http_method_names=FORM_METHODS),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(http_method_names=FORM_METHODS),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("language/", views.set_language, name="set_language"),
    path("outbox/", views.outbox_list, name="outbox_list"),
    path("outbox/<int:pk>/retry/", views.outbox_retry_view, name="outbox_retry"),
    path("outbox/<int:pk>/cancel/", views.outbox_cancel_view, name="outbox_cancel"),
    path("outbox/<int:pk>/status/", views.outbox_status, name="outbox_status"),
    path("healthz", views.healthz, name="healthz"),
    path("settings/branding/", views.branding_edit, name="branding_edit"),
    path("branding/logo/", views.branding_logo, name="branding_logo"),
    path("accessibility/", views.accessibility_statement, name="accessibility_statement"),
    path("privacy/", views.privacy_notice, name="privacy_notice"),
]
