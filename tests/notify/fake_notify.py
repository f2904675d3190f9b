"""A local imitation of GOV.UK Notify's API, run in a thread by the tests.

It checks each request's JSON Web Token as Notify does (HS256, signed with the key's secret,
issued by the service), answers with the statuses a test scripts, then with success, and keeps
every request it received so a test can say what was sent.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

SERVICE_ID = "5d4a7c2e-1b3f-4e6a-9c8d-0f1e2d3c4b5a"
SECRET = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
API_KEY = f"commonground_test-{SERVICE_ID}-{SECRET}"

ERRORS = {
    400: ("BadRequestError", "email_address Not a valid email address"),
    403: ("AuthError", "Invalid token: API key not found"),
    429: (
        "RateLimitError",
        "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
    ),
    500: ("Exception", "Internal server error"),
}


@dataclass
class Received:
    path: str
    body: dict[str, Any]
    authorised: bool
    issuer: str


@dataclass
class FakeNotify:
    url: str = ""
    received: list[Received] = field(default_factory=list)
    # Statuses to answer with, in turn, before answering with success.
    script: list[int] = field(default_factory=list)

    def answer(self, path: str, body: dict[str, Any], token: str) -> tuple[int, dict[str, Any]]:
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
            authorised, issuer = True, str(claims.get("iss", ""))
        except jwt.InvalidTokenError:
            authorised, issuer = False, ""
        self.received.append(Received(path, body, authorised and issuer == SERVICE_ID, issuer))
        status = 403 if not self.received[-1].authorised else 201
        if self.script and status == 201:
            status = self.script.pop(0)
        if status != 201:
            error, message = ERRORS[status]
            return status, {"status_code": status, "errors": [{"error": error, "message": message}]}
        return 201, {
            "id": str(uuid.uuid4()),
            "reference": body.get("reference"),
            "template": {"id": body.get("template_id"), "version": 1},
        }


def start() -> tuple[FakeNotify, ThreadingHTTPServer]:
    fake = FakeNotify()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            status, answer = fake.answer(self.path, body, token)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            """Quiet: the tests read `received` instead."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return fake, server
