from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.accounts_urls")),
    path("", include("core.urls")),
    path("", include("partnerships.urls")),
    path("", include("checkpoints.urls")),
    path("", include("brochures.urls")),
    path("", include("imports.urls")),
    path("kumppani/", include("partners.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if apps.is_installed("devtools"):
    urlpatterns += [path("", include("devtools.urls"))]
