"""`manage.py demo_logins`: prints the demo sign-ins, one per role, and what each will see."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from commonground.programmes.demo.logins import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Print the demo logins (role, email, password, what they see)."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_logins()
        if not rows:
            raise CommandError("There are no demo logins yet: run `manage.py seed_demo` first.")
        table = [("Role", "Email", "Password", "What they will see")]
        table += [(row.role, row.email, DEMO_PASSWORD, row.sees) for row in rows]
        widths = [max(len(row[i]) for row in table) for i in range(3)]
        for number, (role, email, password, sees) in enumerate(table):
            self.stdout.write(
                f"{role:<{widths[0]}}  {email:<{widths[1]}}  {password:<{widths[2]}}  {sees}"
            )
            if number == 0:
                self.stdout.write("  ".join("-" * w for w in widths) + "  " + "-" * 18)
