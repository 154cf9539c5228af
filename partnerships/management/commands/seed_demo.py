from django.core.management.base import BaseCommand

from partnerships.demo import DemoSeeder, ensure_demo_logins


class Command(BaseCommand):
    help = "Load the demo institution (idempotent). Demo logins are created only when DEBUG is on."

    def handle(self, *args, **options):
        seeder = DemoSeeder()
        if seeder.already_seeded():
            self.stdout.write("Demo data is already loaded; nothing was added.")
            counts = seeder.counts()
        else:
            counts = seeder.run()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
        logins = ensure_demo_logins()
        if logins:
            pairs = ", ".join(f"{username} / {password}" for username, password in logins)
            self.stdout.write(self.style.SUCCESS(f"Demo logins: {pairs}"))
        else:
            self.stdout.write("DEBUG is off: no demo logins were created.")
