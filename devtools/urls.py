from django.conf import settings
from django.urls import path

from . import views

# The floor only in benchmark runs: a development server has no use for it.
app_name = "devtools"

urlpatterns = [path("bench/floor/", views.floor, name="bench_floor")] if settings.KUMPPANI_BENCH else []
