from celery import shared_task


# 36 variants in batches of nine, each batch with its own hard limit inside core.pdf; the
# task's own limit bounds the whole run.
@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def brochures_prerender() -> dict:
    """Render every brochure and checklist variant that is not cached yet."""
    from .rendering import brochures_prerender as prerender

    return prerender()
