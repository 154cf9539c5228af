from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Render every brochure and checklist variant that is not cached yet (after a deploy)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Hand the work to the Celery worker instead of waiting."
        )

    def handle(self, *args, queue: bool, **options):
        if queue:
            from brochures.tasks import brochures_prerender

            brochures_prerender.delay()
            self.stdout.write("Brochures will be rendered by the Celery worker.")
            return
        from brochures.rendering import brochures_prerender

        result = brochures_prerender()
        rendered, removed = result["rendered"], result["removed"]
        self.stdout.write(f"{result['variants']} variants: {rendered} rendered, {removed} old files removed.")
