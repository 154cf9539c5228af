from django.conf import settings
from django.urls import path

from . import views

# The floor only in benchmark runs: a development server has no use for it.
app_name = "devtools"

urlpatterns = (
    [
        path("bench/floor/", views.floor, name="bench_floor"),
        path(
            "bench/floor/no-transaction/", views.floor_without_transaction, name="bench_floor_no_transaction"
        ),
    ]
    if settings.KUMPPANI_BENCH
    else []
)
