from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("", include("partnerships.urls")),
    path("", include("checkpoints.urls")),
    path("", include("brochures.urls")),
    path("", include("imports.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.KUMPPANI_BENCH:
    from core.bench import floor

    urlpatterns += [path("bench/floor/", floor, name="bench_floor")]
