"""Sign-in, sign-out and password reset: Django's own views, under Django's own URL names.

Not namespaced, unlike the rest of the portal's URLs: Django's auth views and settings
(LOGIN_URL, the reset e-mail's link) reverse these names as Django defines them."""

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
]
