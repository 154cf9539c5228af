from django.core.management.base import BaseCommand

from core.models import User
from devtools.demo.seeder import DemoSeeder, ensure_demo_logins


def role_label(username: str) -> str:
    """The demo user's role as shown next to the login, e.g. "teacher"."""
    user = User.objects.get(username=username)
    return ", ".join(sorted(user.role_names)).lower() or "staff"


class Command(BaseCommand):
    help = "Load the demo institution (idempotent). Demo logins are created only when DEBUG is on."

    def handle(self, *args, **options) -> None:
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
            pairs = ", ".join(
                f"{username} / {password} ({role_label(username)})" for username, password in logins
            )
            self.stdout.write(self.style.SUCCESS(f"Demo logins: {pairs}"))
        else:
            self.stdout.write("DEBUG is off: no demo logins were created.")
