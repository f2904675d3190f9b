"""A stand-in for GOV.UK Notify on this machine, for the demo: it takes emails and texts as
Notify's API does, shows each one, and then posts Notify's delivery receipt back to the site.

It checks each request's token as Notify does (HS256, signed with the API key's secret and
issued by its service ID). Most messages are reported delivered; so that the demo shows what staff
see when one is not, about one address in ten is reported as a permanent failure (no such
inbox or number) and one in twenty as a temporary one (inbox full, phone off), decided by the
address itself so the same people fail on every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

PATHS = {"/v2/notifications/email": "email", "/v2/notifications/sms": "sms"}


def service_and_secret(api_key: str) -> tuple[str, str]:
    """The service ID and secret a Notify API key ends with (two UUIDs, 36 characters each)."""
    if len(api_key) < 74:
        raise ValueError("a Notify API key ends with its service ID and secret, two UUIDs")
    return api_key[-73:-37], api_key[-36:]


def status_for(address: str) -> str:
    """What the imitation reports for this address: the same on every run."""
    bucket = hashlib.sha256(address.strip().lower().encode()).digest()[0] % 20
    if bucket < 2:
        return "permanent-failure"
    if bucket == 2:
        return "temporary-failure"
    return "delivered"


@dataclass(frozen=True)
class Receipts:
    """Where and how delivery receipts go back to the site."""

    url: str
    token: str

    def send(self, receipt: dict[str, Any]) -> None:
        request = urllib.request.Request(
            self.url,
            data=json.dumps(receipt).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            method="POST",
        )
        # The site's own receipt address, from its settings or the command line.
        with urllib.request.urlopen(request, timeout=10) as response:  # nosec B310
            response.read()


def _receipt(kind: str, body: dict[str, Any], notification_id: str) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")
    address = body.get("email_address") if kind == "email" else body.get("phone_number")
    status = status_for(str(address))
    return {
        "id": notification_id,
        "reference": body.get("reference"),
        "to": address,
        "status": status,
        "created_at": now,
        "completed_at": now,
        "sent_at": now,
        "notification_type": kind,
        "template_id": body.get("template_id"),
        "template_version": 1,
    }


def server(
    host: str,
    port: int,
    api_key: str,
    receipts: Receipts | None,
    show: Callable[[str], None],
    delay: float = 2.0,
) -> ThreadingHTTPServer:
    """An HTTP server answering Notify's two send calls; `serve_forever` runs it."""
    service_id, secret = service_and_secret(api_key)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            kind = PATHS.get(self.path)
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                claims = jwt.decode(token, secret, algorithms=["HS256"])
                authorised = claims.get("iss") == service_id
            except jwt.InvalidTokenError:
                authorised = False
            if kind is None:
                return self._answer(404, {"status_code": 404, "errors": [{"error": "NotFound"}]})
            if not authorised:
                error = {"error": "AuthError", "message": "Invalid token"}
                return self._answer(403, {"status_code": 403, "errors": [error]})
            notification_id = str(uuid.uuid4())
            to = body.get("email_address") or body.get("phone_number")
            subject = (body.get("personalisation") or {}).get("subject", "")
            show(f"{kind} to {to}: {subject or body.get('template_id')}")
            if receipts is not None:
                receipt = _receipt(kind, body, notification_id)
                timer = threading.Timer(delay, _report, args=(receipts, receipt, show))
                timer.daemon = True
                timer.start()
            return self._answer(
                201,
                {
                    "id": notification_id,
                    "reference": body.get("reference"),
                    "template": {"id": body.get("template_id"), "version": 1},
                },
            )

        def _answer(self, status: int, answer: dict[str, Any]) -> None:
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            """Quiet: each message is shown once, by `show`."""

    return ThreadingHTTPServer((host, port), Handler)


def _report(receipts: Receipts, receipt: dict[str, Any], show: Callable[[str], None]) -> None:
    try:
        receipts.send(receipt)
    except OSError as error:
        show(f"could not post the receipt for {receipt['to']}: {error}")
        return
    show(f"  receipt: {receipt['to']} {receipt['status']}")
