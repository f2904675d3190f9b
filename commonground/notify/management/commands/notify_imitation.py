"""`manage.py notify_imitation`: a stand-in for GOV.UK Notify on this machine, for the demo.

Point the site at it with NOTIFY_BASE_URL and the same NOTIFY_API_KEY and NOTIFY_CALLBACK_TOKEN
(`make demo-notify` does all of this); it shows each message and posts Notify's delivery receipt
back, so staff see on "Not delivered" what a real failure looks like.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from commonground.notify.imitation import Receipts, server, service_and_secret


class Command(BaseCommand):
    help = "Serve a stand-in for GOV.UK Notify that posts delivery receipts back to the site."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8025)
        parser.add_argument(
            "--receipts-to",
            default=f"{settings.SITE_URL}/notify/delivery-receipts/",
            help="the site's delivery-receipt address (default: SITE_URL's)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            service_and_secret(settings.NOTIFY_API_KEY)
        except ValueError as error:
            raise CommandError(f"NOTIFY_API_KEY: {error}") from None
        receipts = None
        if settings.NOTIFY_CALLBACK_TOKEN:
            receipts = Receipts(options["receipts_to"], settings.NOTIFY_CALLBACK_TOKEN)
        httpd = server("127.0.0.1", options["port"], settings.NOTIFY_API_KEY, receipts, self._show)
        self._show(f"Notify stand-in on http://127.0.0.1:{options['port']}")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            httpd.server_close()

    def _show(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
